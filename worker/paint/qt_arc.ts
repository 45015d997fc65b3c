/**
 * Qt's arcs (`qt_curves_for_arc`, qpainterpath.cpp): the cubic Béziers
 * `QPainterPath::arcTo` and `QPainter::drawPie`/`drawEllipse` build, cut at
 * the quadrants as Qt cuts them, so that their outlines (flattened by Qt's
 * outline mapper or its cosmetic stroker) fall on the same points.
 *
 * @module
 */

// QT_PATH_KAPPA: the control-point distance of a quarter ellipse's Bézier.
const KAPPA = 0.5522847498;

function fuzzyIsNull(d: number): boolean {
  return Math.abs(d) <= 1e-12;
}

function fuzzyCompare(a: number, b: number): boolean {
  return Math.abs(a - b) * 1e12 <= Math.min(Math.abs(a), Math.abs(b));
}

/** `qt_t_for_arc_angle`: the Bézier parameter of an angle on a quarter. */
function tForArcAngle(angle: number): number {
  if (fuzzyIsNull(angle)) return 0;
  if (fuzzyCompare(angle, 90)) return 1;
  const radians = angle * Math.PI / 180;
  const cosAngle = Math.cos(radians), sinAngle = Math.sin(radians);
  const K = KAPPA;
  let tc = angle / 90;
  for (let i = 0; i < 2; i++) {
    tc -= ((((2 - 3 * K) * tc + 3 * (K - 1)) * tc) * tc + 1 - cosAngle) /
      (((6 - 9 * K) * tc + 6 * (K - 1)) * tc);
  }
  let ts = tc;
  for (let i = 0; i < 2; i++) {
    ts -= ((((3 * K - 2) * ts - 6 * K + 3) * ts + 3 * K) * ts - sinAngle) /
      (((9 * K - 6) * ts + 12 * K - 6) * ts + 3 * K);
  }
  return 0.5 * (tc + ts);
}

type Bezier = number[];

/** `QBezier::parameterSplitLeft`: `b` becomes [t, 1]; returns [0, t]. */
function splitLeft(b: Bezier, t: number): Bezier {
  const l = new Array<number>(8);
  l[0] = b[0];
  l[1] = b[1];
  l[2] = b[0] + t * (b[2] - b[0]);
  l[3] = b[1] + t * (b[3] - b[1]);
  l[4] = b[2] + t * (b[4] - b[2]);
  l[5] = b[3] + t * (b[5] - b[3]);
  b[4] = b[4] + t * (b[6] - b[4]);
  b[5] = b[5] + t * (b[7] - b[5]);
  b[2] = l[4] + t * (b[4] - l[4]);
  b[3] = l[5] + t * (b[5] - l[5]);
  l[4] = l[2] + t * (l[4] - l[2]);
  l[5] = l[3] + t * (l[5] - l[3]);
  l[6] = b[0] = l[4] + t * (b[2] - l[4]);
  l[7] = b[1] = l[5] + t * (b[3] - l[5]);
  return l;
}

/** `QBezier::bezierOnInterval`. */
function onInterval(b: Bezier, t0: number, t1: number): Bezier {
  if (t0 === 0 && t1 === 1) return b;
  const c = b.slice();
  splitLeft(c, t0);
  return splitLeft(c, (t1 - t0) / (1 - t0));
}

/** `qt_find_ellipse_coords`: the point of the rectangle's ellipse at `angle`. */
function ellipsePoint(
  x: number,
  y: number,
  w: number,
  h: number,
  angle: number,
): [number, number] {
  const theta = angle - 360 * Math.floor(angle / 360);
  let t = theta / 90;
  const quadrant = Math.trunc(t);
  t -= quadrant;
  t = tForArcAngle(90 * t);
  if (quadrant & 1) t = 1 - t;
  const mt = 1 - t;
  let b = mt * mt, c = t * t;
  const d = c * t, a = b * mt;
  b *= 3 * t;
  c *= 3 * mt;
  let px = a + b + c * KAPPA, py = d + c + b * KAPPA;
  if (quadrant === 1 || quadrant === 2) px = -px;
  if (quadrant === 0 || quadrant === 1) py = -py;
  return [x + w / 2 + (w / 2) * px, y + h / 2 + (h / 2) * py];
}

/** An arc: where it starts and its cubics (control, control, end …). */
export interface QtArc {
  /** Start x. */
  x: number;
  /** Start y. */
  y: number;
  /** `[c1x, c1y, c2x, c2y, x, y, …]`, six numbers a cubic. */
  curves: number[];
}

/**
 * `qt_curves_for_arc`: the arc of the ellipse in `x, y, w, h` from `start`
 * degrees over `sweep` degrees (counter-clockwise on screen, 0 at 3
 * o'clock), as cubics.
 *
 * @example
 * ```ts
 * import { qtArc } from "./qt_arc.ts";
 * const arc = qtArc(0, 0, 10, 10, 0, 90);
 * [arc.x, arc.y, arc.curves.length]; // [10, 5, 6]
 * ```
 */
export function qtArc(
  x: number,
  y: number,
  w: number,
  h: number,
  start: number,
  sweep: number,
): QtArc {
  const out: number[] = [];
  if (w === 0 && h === 0) return { x: 0, y: 0, curves: out };
  const w2 = w / 2, h2 = h / 2, w2k = w2 * KAPPA, h2k = h2 * KAPPA;
  const pts = [
    [x + w, y + h2],
    [x + w, y + h2 + h2k],
    [x + w2 + w2k, y + h],
    [x + w2, y + h],
    [x + w2 - w2k, y + h],
    [x, y + h2 + h2k],
    [x, y + h2],
    [x, y + h2 - h2k],
    [x + w2 - w2k, y],
    [x + w2, y],
    [x + w2 + w2k, y],
    [x + w, y + h2 - h2k],
    [x + w, y + h2],
  ];
  if (sweep > 360) sweep = 360;
  else if (sweep < -360) sweep = -360;
  if (start === 0) {
    if (sweep === 360) {
      for (let i = 11; i >= 0; i--) out.push(pts[i][0], pts[i][1]);
      return { x: pts[12][0], y: pts[12][1], curves: out };
    }
    if (sweep === -360) {
      for (let i = 1; i <= 12; i++) out.push(pts[i][0], pts[i][1]);
      return { x: pts[0][0], y: pts[0][1], curves: out };
    }
  }
  let startSegment = Math.floor(start / 90);
  let endSegment = Math.floor((start + sweep) / 90);
  let startT = (start - startSegment * 90) / 90;
  let endT = (start + sweep - endSegment * 90) / 90;
  const delta = sweep > 0 ? 1 : -1;
  if (delta < 0) {
    startT = 1 - startT;
    endT = 1 - endT;
  }
  if (fuzzyIsNull(startT - 1)) {
    startT = 0;
    startSegment += delta;
  }
  if (fuzzyIsNull(endT)) {
    endT = 1;
    endSegment -= delta;
  }
  startT = tForArcAngle(startT * 90);
  endT = tForArcAngle(endT * 90);
  const splitAtStart = !fuzzyIsNull(startT);
  const splitAtEnd = !fuzzyIsNull(endT - 1);
  const end = endSegment + delta;
  if (startSegment === end) {
    const j = 3 * (3 - (((startSegment % 4) + 4) % 4));
    const p = delta > 0 ? pts[j + 3] : pts[j];
    return { x: p[0], y: p[1], curves: out };
  }
  const [sx, sy] = ellipsePoint(x, y, w, h, start);
  const [ex, ey] = ellipsePoint(x, y, w, h, start + sweep);
  for (let i = startSegment; i !== end; i += delta) {
    const j = 3 * (3 - (((i % 4) + 4) % 4));
    const q = delta > 0 ? [j + 3, j + 2, j + 1, j] : [j, j + 1, j + 2, j + 3];
    let b: Bezier = q.flatMap((k) => pts[k]);
    if (startSegment === endSegment && fuzzyCompare(startT, endT)) {
      return { x: sx, y: sy, curves: out };
    }
    if (i === startSegment) {
      if (i === endSegment && splitAtEnd) b = onInterval(b, startT, endT);
      else if (splitAtStart) b = onInterval(b, startT, 1);
    } else if (i === endSegment && splitAtEnd) {
      b = onInterval(b, 0, endT);
    }
    out.push(b[2], b[3], b[4], b[5], b[6], b[7]);
  }
  out[out.length - 2] = ex;
  out[out.length - 1] = ey;
  return { x: sx, y: sy, curves: out };
}
