/**
 * Qt's `QDashStroker`: the dashes QPainter strokes for a dashed pen wider
 * than a pixel, each an open polyline that Qt's stroker (`qt_stroker.ts`)
 * then outlines with the pen's caps and joins. The pattern repeats along
 * the whole polyline; a dash running over a vertex is one polyline, joined
 * there. Lengths are in pixels: QGIS gives QPen its pattern in pen widths
 * and Qt multiplies them back by the width.
 *
 * @module
 */

/**
 * Most times a pattern repeats along one polyline. A style's pattern of
 * 1e-7 mm along a road asked for billions of dashes and ended the worker
 * process (V8's heap out of memory); past this, the line is stroked solid,
 * which is what so many dashes look like.
 */
export const MAX_DASH_REPEATS = 100_000;

/**
 * The dashes of a polyline (`[x0, y0, x1, y1, …]`): `pattern` alternates
 * dash and gap lengths (an odd last entry is dropped, as Qt drops it, but
 * counts in the pattern's length), starting `offset` pixels into it. A
 * pattern that would repeat more than {@link MAX_DASH_REPEATS} times gives
 * the whole polyline as one dash.
 *
 * @example
 * ```ts
 * import { qtDashes } from "./qt_dasher.ts";
 * qtDashes([0, 0, 10, 0], [4, 2], 0); // [[0, 0, 4, 0], [6, 0, 10, 0]]
 * ```
 */
export function qtDashes(
  points: ArrayLike<number>,
  pattern: readonly number[],
  offset: number,
): number[][] {
  let count = Math.min(pattern.length, 32);
  const dashes = new Float64Array(count);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    dashes[i] = Math.max(pattern[i], 0);
    sum += dashes[i];
  }
  // qFuzzyIsNull
  if (Math.abs(sum) <= 1e-12) return [];
  const inv = 1 / sum;
  count &= -2;
  if (count === 0) return [];
  let total = 0;
  for (let k = 2; k + 1 < points.length; k += 2) {
    const ex = points[k] - points[k - 2], ey = points[k + 1] - points[k - 1];
    total += Math.sqrt(ex * ex + ey * ey);
  }
  if (!(total * inv <= MAX_DASH_REPEATS)) return [Array.from(points)];
  let idash = 0;
  let pos = 0;
  let doffset = offset;
  doffset -= Math.floor(doffset * inv) * sum;
  while (doffset >= dashes[idash]) {
    doffset -= dashes[idash];
    if (++idash >= count) idash = 0;
  }
  let estart = 0;
  const out: number[][] = [];
  let current: number[] | null = null;
  let mx = points[0], my = points[1];
  let hasMoveTo = false;
  for (let k = 2; k + 1 < points.length; k += 2) {
    const x1 = points[k - 2], y1 = points[k - 1];
    const x2 = points[k], y2 = points[k + 1];
    // QLineF::length: qSqrt(dx² + dy²), not hypot (last bits differ)
    const ex = x2 - x1, ey = y2 - y1;
    const elen = Math.sqrt(ex * ex + ey * ey);
    const estop = estart + elen;
    let done = pos >= estop;
    while (!done) {
      let px: number, py: number;
      const hasOffset = doffset > 0;
      const even = (idash & 1) === 0;
      const dpos = pos + dashes[idash] - doffset - estart;
      if (dpos > elen) {
        // the dash runs on past this segment
        doffset = dashes[idash] - (dpos - elen);
        pos = estop;
        done = true;
        px = x2;
        py = y2;
      } else {
        const t = dpos / elen;
        px = x1 + (x2 - x1) * t;
        py = y1 + (y2 - y1) * t;
        pos = dpos + estart;
        done = pos >= estop;
        if (++idash >= count) idash = 0;
        doffset = 0;
      }
      if (even) {
        // continuing a dash from the previous segment: no new polyline
        if (!hasOffset || !hasMoveTo) {
          current = [mx, my];
          out.push(current);
          hasMoveTo = true;
        }
        current!.push(px, py);
      }
      mx = px;
      my = py;
    }
    estart = estop;
  }
  return out;
}
