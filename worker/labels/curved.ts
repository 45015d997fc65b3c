/**
 * Curved label candidates, after QGIS 3.22's PAL
 * (`FeaturePart::createCurvedCandidatesAlongLine` and the character walk of
 * `QgsTextRendererUtils::generateCurvedTextPlacement`): the label's
 * characters follow the line one by one, each a rectangle of its own.
 *
 * Coordinates are PAL's: output pixels with y pointing **up**.
 *
 * @module
 */
import type { Candidate } from "./placement.ts";

/** The text of a curved label: one advance per character and their height. */
export interface CurvedText {
  /** Advance of each character (pixels). */
  widths: number[];
  /** Character height (the font's ascent plus descent, pixels). */
  height: number;
  /** The whole label's width (pixels), for the anchor cost. */
  width: number;
}

/** Options of {@linkcode candidatesCurved}. */
export interface CurvedOptions {
  /** Label distance from the line (pixels). */
  dist: number;
  /** Line placement flags: 1 on, 2 above, 4 below, 8 as the map reads. */
  flags: number;
  /** Where along the line the label would rather sit (0…1). */
  anchor?: number;
  /** The feature's candidate target (PAL's maximumLineCandidates). */
  targetCount?: number;
  /** Turn labels upright when most of their characters read upside down. */
  upright?: boolean;
  /** Largest bend between characters inside a curve (radians, ≥ 0). */
  maxAngleInside?: number;
  /** Largest bend between characters outside a curve (radians, ≥ 0). */
  maxAngleOutside?: number;
  /** Above/below placements on curves offset from the line (default true). */
  offsetCurves?: boolean;
}

// the point `at` along a line
function pointAlong(line: number[], at: number): [number, number] {
  let acc = 0;
  for (let i = 2; i < line.length; i += 2) {
    const l = Math.hypot(line[i] - line[i - 2], line[i + 1] - line[i - 1]);
    if (acc + l >= at && l > 0) {
      const t = (at - acc) / l;
      return [
        line[i - 2] + (line[i] - line[i - 2]) * t,
        line[i - 1] + (line[i + 1] - line[i - 1]) * t,
      ];
    }
    acc += l;
  }
  return [line[line.length - 2], line[line.length - 1]];
}

// GEOSProject: how far along a line its point closest to `p` lies
function project(line: number[], d: number[], p: [number, number]): number {
  let best = Infinity, at = 0, acc = 0;
  for (let i = 1; i < line.length / 2; i++) {
    const ax = line[2 * i - 2], ay = line[2 * i - 1];
    const dx = line[2 * i] - ax, dy = line[2 * i + 1] - ay;
    const l2 = dx * dx + dy * dy;
    const t = l2 > 0
      ? Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / l2))
      : 0;
    const dist = Math.hypot(ax + t * dx - p[0], ay + t * dy - p[1]);
    if (dist < best) best = dist, at = acc + t * d[i];
    acc += d[i];
  }
  return at;
}

/** One character of a curved placement. */
interface Glyph {
  x: number;
  y: number;
  w: number;
  angle: number;
  index: number;
}

interface Placement {
  glyphs: Glyph[];
  flipped: boolean;
}

// PointSet::edgeDistances: the length of the segment ending at each vertex
function edgeDistances(line: number[]): { d: number[]; total: number } {
  const n = line.length / 2;
  const d = new Array<number>(n).fill(0);
  let total = 0;
  for (let i = 1; i < n; i++) {
    d[i] = Math.hypot(
      line[2 * i] - line[2 * i - 2],
      line[2 * i + 1] - line[2 * i - 1],
    );
    total += d[i];
  }
  return { d, total };
}

// where a circle about (cx, cy) leaves the segment (x1, y1)–(x2, y2)
function circleExit(
  cx: number,
  cy: number,
  r: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): [number, number] | null {
  let k = 1;
  if (r < 10) {
    // as QGIS: scaled up where small differences make the roots unstable
    k = 10000;
    cx *= k, cy *= k, r *= k, x1 *= k, y1 *= k, x2 *= k, y2 *= k;
  }
  const dx = x2 - x1, dy = y2 - y1;
  const a = dx * dx + dy * dy;
  const b = 2 * (dx * (x1 - cx) + dy * (y1 - cy));
  const c = (x1 - cx) * (x1 - cx) + (y1 - cy) * (y1 - cy) - r * r;
  const det = b * b - 4 * a * c;
  if (a <= 1e-12 || det < 0) return null;
  const t = Math.abs(det) < 1e-8
    ? -b / (2 * a)
    : (-b + Math.sqrt(det)) / (2 * a);
  return [(x1 + t * dx) / k, (y1 + t * dy) / k];
}

/**
 * Walks one character along the line from `state` (segment `index`,
 * `along` it): its start and end, or null when the line ends first.
 */
function nextChar(
  w: number,
  line: number[],
  d: number[],
  state: { index: number; along: number },
): [number, number, number, number] | null {
  const n = line.length / 2;
  const len = d[state.index];
  if (Math.abs(len) < 1e-8) return null;
  let sx = line[2 * state.index - 2], sy = line[2 * state.index - 1];
  let ex = line[2 * state.index], ey = line[2 * state.index + 1];
  const cx = sx + (ex - sx) * state.along / len;
  const cy = sy + (ey - sy) * state.along / len;
  if (len - state.along >= w) {
    state.along += w;
    return [
      cx,
      cy,
      sx + (ex - sx) * state.along / len,
      sy +
      (ey - sy) * state.along / len,
    ];
  }
  do {
    sx = ex, sy = ey;
    state.index++;
    if (state.index >= n) return null;
    ex = line[2 * state.index], ey = line[2 * state.index + 1];
  } while (Math.hypot(cx - ex, cy - ey) < w);
  const end = circleExit(cx, cy, w, sx, sy, ex, ey) ?? [0, 0];
  state.along = Math.hypot(sx - end[0], sy - end[1]);
  return [cx, cy, end[0], end[1]];
}

/**
 * The characters of a label laid along `line` from `offset`, or null when
 * the line ends or bends too sharply under it. With `upright`, a placement
 * mostly upside down is made again from the far end, characters reversed.
 */
function placeAlong(
  text: CurvedText,
  line: number[],
  d: number[],
  offset: number,
  maxIn: number,
  maxOut: number,
  upright: boolean,
  flip = false,
): Placement | null {
  const n = line.length / 2;
  let along = offset;
  let index = 1;
  while (index < n && along > d[index]) {
    along -= d[index];
    index++;
  }
  if (index >= n || Math.abs(d[index]) < 1e-8) return null;
  const count = text.widths.length;
  // angles here run clockwise (QGIS's character walk works in screen sense)
  let angle = Math.atan2(
    -(line[2 * index + 1] - line[2 * index - 1]),
    line[2 * index] - line[2 * index - 2],
  );
  const state = { index, along };
  const glyphs: Glyph[] = [];
  let upsideDown = 0;
  for (let i = 0; i < count; i++) {
    const last = angle;
    const ci = flip ? count - 1 - i : i;
    const w = text.widths[ci];
    if (Math.abs(w) < 1e-8) continue;
    const p = nextChar(w, line, d, state);
    if (!p) return null;
    let [sx, sy] = p;
    const [, , ex, ey] = p;
    angle = Math.atan2(sy - ey, ex - sx);
    let delta = last - angle;
    while (delta > Math.PI) delta -= 2 * Math.PI;
    while (delta < -Math.PI) delta += 2 * Math.PI;
    if (
      (maxIn >= 0 && delta > maxIn) || (maxOut >= 0 && delta < -maxOut)
    ) return null;
    // the box's bottom sits below the line: QGIS centres 0.9 of its height
    const shift = (flip ? -0.9 : 0.9) * text.height / 2;
    sx += shift * Math.cos(angle + Math.PI / 2);
    sy -= shift * Math.sin(angle + Math.PI / 2);
    let render = angle;
    if (flip) {
      sx += w * Math.cos(render);
      sy -= w * Math.sin(render);
      render += Math.PI;
    }
    let a = -render;
    a %= 2 * Math.PI;
    if (a < 0) a += 2 * Math.PI;
    glyphs.push({ x: sx, y: sy, w, angle: a, index: ci });
    let r = render % (2 * Math.PI);
    if (r < 0) r += 2 * Math.PI;
    if (r > Math.PI / 2 && r < 1.5 * Math.PI) upsideDown++;
  }
  if (!flip && upright && upsideDown >= count / 2) {
    return placeAlong(text, line, d, offset, maxIn, maxOut, upright, true);
  }
  return { glyphs, flipped: flip };
}

// LabelPosition::angleDifferential: the bends between consecutive characters
function angleDifferential(glyphs: Glyph[]): number {
  let sum = 0;
  for (let i = 1; i < glyphs.length; i++) {
    let diff = Math.abs(glyphs[i].angle - glyphs[i - 1].angle);
    if (diff > 2 * Math.PI) diff -= 2 * Math.PI;
    sum += Math.min(diff, 2 * Math.PI - diff);
  }
  return sum;
}

function segmentIntersection(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): [number, number] | null {
  const rx = bx - ax, ry = by - ay, sx = dx - cx, sy = dy - cy;
  const den = rx * sy - ry * sx;
  if (Math.abs(den) < 1e-12) return null;
  const t = ((cx - ax) * sy - (cy - ay) * sx) / den;
  const u = ((cx - ax) * ry - (cy - ay) * rx) / den;
  if (t <= 1e-9 || t >= 1 - 1e-9 || u <= 1e-9 || u >= 1 - 1e-9) return null;
  return [ax + t * rx, ay + t * ry];
}

/**
 * A line's offset curve as GEOS 3.11 makes it for PAL
 * (`GEOSOffsetCurve`, mitre joins, mitre limit 2): `distance` to the left
 * of the line's direction (negative: to the right), in the line's
 * direction; the loops an inner bend makes are cut out.
 *
 * @example
 * ```ts
 * import { offsetCurve } from "./curved.ts";
 * offsetCurve([0, 0, 10, 0], 2); // [0, 2, 10, 2]
 * ```
 */
export function offsetCurve(line: number[], distance: number): number[] {
  const pts: number[] = [];
  for (let i = 0; i < line.length; i += 2) {
    const n = pts.length;
    if (
      n >= 2 && Math.abs(pts[n - 2] - line[i]) < 1e-9 &&
      Math.abs(pts[n - 1] - line[i + 1]) < 1e-9
    ) continue;
    pts.push(line[i], line[i + 1]);
  }
  const n = pts.length / 2;
  if (n < 2) return pts;
  const nx: number[] = [], ny: number[] = [];
  for (let i = 0; i < n - 1; i++) {
    const dx = pts[2 * i + 2] - pts[2 * i],
      dy = pts[2 * i + 3] - pts[2 * i + 1];
    const l = Math.hypot(dx, dy);
    nx.push(-dy / l), ny.push(dx / l);
  }
  // a ring (closed line) bends at its start too: its offset is closed
  const closed = n >= 4 && Math.abs(pts[0] - pts[2 * n - 2]) < 1e-9 &&
    Math.abs(pts[1] - pts[2 * n - 1]) < 1e-9;
  const join = (
    px: number,
    py: number,
    ax: number,
    ay: number,
    bx: number,
    by: number,
  ): number[] => {
    const cross = ax * by - ay * bx;
    const dot = ax * bx + ay * by;
    if (Math.abs(cross) < 1e-12 && dot > 0) {
      return [px + distance * ax, py + distance * ay];
    }
    const outside = cross * distance < 0;
    const ratio = Math.sqrt(2 / Math.max(1e-12, 1 + dot));
    if (outside && ratio > 2) {
      return [
        px + distance * ax,
        py + distance * ay,
        px + distance * bx,
        py + distance * by,
      ];
    }
    const k = distance / (1 + dot);
    return [px + k * (ax + bx), py + k * (ay + by)];
  };
  const out: number[] = [];
  let end: number[];
  if (closed) {
    const j = join(pts[0], pts[1], nx[n - 2], ny[n - 2], nx[0], ny[0]);
    out.push(...j.slice(-2));
    end = j.slice(0, 2);
  } else {
    out.push(pts[0] + distance * nx[0], pts[1] + distance * ny[0]);
    end = [
      pts[2 * n - 2] + distance * nx[n - 2],
      pts[2 * n - 1] + distance * ny[n - 2],
    ];
  }
  for (let i = 1; i < n - 1; i++) {
    out.push(
      ...join(pts[2 * i], pts[2 * i + 1], nx[i - 1], ny[i - 1], nx[i], ny[i]),
    );
  }
  out.push(...end);
  // cut the loops inner bends make (the offset segments cross)
  let m = out.length / 2;
  for (let i = 0; i < m - 1; i++) {
    const limit = Math.min(m - 1, i + 64);
    for (let j = limit - 1; j >= i + 2; j--) {
      // a closed offset's last segment ends where its first begins
      if (closed && i === 0 && j === m - 2) continue;
      const p = segmentIntersection(
        out[2 * i],
        out[2 * i + 1],
        out[2 * i + 2],
        out[2 * i + 3],
        out[2 * j],
        out[2 * j + 1],
        out[2 * j + 2],
        out[2 * j + 3],
      );
      if (p) {
        out.splice(2 * i + 2, 2 * (j - i), p[0], p[1]);
        m = out.length / 2;
        break;
      }
    }
  }
  return out;
}

/**
 * Curved candidates along a line (PAL's
 * `createCurvedCandidatesAlongLine`): for the curve above the line, the line
 * itself and the curve below (as the flags ask), a placement every
 * max(h / 6, length / target) from the start; each is one box per
 * character. Costs: the mean bend between characters, the distance from
 * the anchor, +0.001 below and +0.002 on the line. A label longer than the
 * line gets none.
 *
 * @example
 * ```ts
 * import { candidatesCurved } from "./curved.ts";
 * const text = { widths: [6, 6, 6], height: 12, width: 18 };
 * const c = candidatesCurved([0, 0, 100, 0], text, { dist: 0, flags: 1 });
 * c[0].parts?.length; // 2
 * ```
 */
export function candidatesCurved(
  line: number[],
  text: CurvedText,
  options: CurvedOptions,
): Candidate[] {
  const count = text.widths.length;
  const out: Candidate[] = [];
  if (count === 0 || line.length < 4) return out;
  const totalWidth = text.widths.reduce((a, b) => a + b, 0);
  const { total: length } = edgeDistances(line);
  if (totalWidth > length) return out;
  let flags = options.flags & 15 ? options.flags : 1;
  if (!(flags & 7)) flags |= 1;
  const anchor = options.anchor ?? 0.5;
  const upright = options.upright ?? true;
  const maxIn = options.maxAngleInside ?? 25 * Math.PI / 180;
  const maxOut = options.maxAngleOutside ?? 25 * Math.PI / 180;
  const target = Math.max(1, options.targetCount ?? 1);
  const aboveBelow = (flags & 6) !== 0;
  const offset = options.dist + text.height / 2;
  const offsets = options.offsetCurves ?? true;
  let positive = line, negative = line;
  if (aboveBelow && offsets && Math.abs(offset) > 1e-8) {
    positive = offsetCurve(line, offset);
    negative = offsetCurve(line, -offset);
  }
  const flexible = anchor > 0.1 && anchor < 0.9;
  const anchorPoint = pointAlong(line, length * anchor);
  for (const side of [1, 0, -1]) {
    if (side !== 0 && !aboveBelow) continue;
    if (side === 0 && !(flags & 1)) continue;
    const curve = side > 0 ? positive : side < 0 ? negative : line;
    const { d, total } = edgeDistances(curve);
    if (Math.abs(total) < 1e-8) continue;
    const anchorAt = side === 0 || !offsets
      ? total * anchor
      : project(curve, d, anchorPoint);
    const delta = Math.max(text.height / 6, total / target);
    for (let start = 0; start <= total; start += delta) {
      const p = placeAlong(text, curve, d, start, maxIn, maxOut, upright);
      if (!p || p.glyphs.length === 0) continue;
      // above/below as the line runs, or as the map reads when the label
      // had to be turned round
      const reversed = (flags & 8) !== 0 && p.flipped;
      let below = false;
      if (side !== 0) {
        const left = side > 0;
        const above = (flags & 2) !== 0, belowFlag = (flags & 4) !== 0;
        const ok = left
          ? (reversed ? belowFlag : above)
          : (reversed ? above : belowFlag);
        if (!ok) continue;
        below = left === reversed;
      }
      const diff = angleDifferential(p.glyphs);
      let cost = Math.max(0.0001, (count > 1 ? diff / (count - 1) : 0) / 100);
      cost += Math.abs(anchorAt - (start + text.width / 2)) / total /
        (flexible ? 100 : 10);
      if (side === 0) cost += 0.002;
      else if (below) cost += 0.001;
      const [g0, ...rest] = p.glyphs;
      out.push({
        x: g0.x,
        y: g0.y,
        w: g0.w,
        h: text.height,
        angle: g0.angle,
        cost,
        quadrant: "over",
        parts: rest.map((g) => ({
          x: g.x,
          y: g.y,
          w: g.w,
          h: text.height,
          angle: g.angle,
        })),
        chars: p.glyphs.map((g) => g.index),
      });
    }
  }
  return out;
}
