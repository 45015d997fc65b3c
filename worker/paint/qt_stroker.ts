/**
 * Qt's `QStroker`: the outline QPainter fills for a pen wider than a pixel
 * (`QPaintEngineEx::stroke`), for polylines.
 *
 * Each side of a polyline is walked in turn: every segment offset by half
 * the width to its left, consecutive offset segments joined. Where the
 * offset segments cross (the inner side of a turn) Qt does not cut them
 * at the crossing: the outline runs on to the segment's end, back through
 * the vertex itself and out to the next segment's start. The outline
 * overlaps itself there, which Qt's rasterizer (`qt_raster.ts`) counts
 * twice. A polyline whose ends coincide is closed: its two sides are two
 * contours, joined where they start; an open one gets caps and is one
 * contour.
 *
 * @module
 */
import { qtArc } from "./qt_arc.ts";

/** Qt's cap styles. */
export type QtCap = "flat" | "square" | "round";
/** Qt's join styles. */
export type QtJoin = "bevel" | "miter" | "round";

/** A pen as `QStroker` reads it. */
export interface QtPen {
  /** Width in device pixels (> 1 to be stroked as an outline by QPainter). */
  width: number;
  /** Cap of open paths. */
  cap: QtCap;
  /** Join between segments. */
  join: QtJoin;
  /** Miter limit in widths (QPen's default: 2). */
  miterLimit?: number;
}

// qFuzzyCompare / qFuzzyIsNull for doubles, as Qt defines them
function fuzzyCompare(a: number, b: number): boolean {
  return Math.abs(a - b) * 1e12 <= Math.min(Math.abs(a), Math.abs(b));
}
function fuzzyIsNull(d: number): boolean {
  return Math.abs(d) <= 1e-12;
}
function samePoint(ax: number, ay: number, bx: number, by: number): boolean {
  return fuzzyIsNull(ax - bx) && fuzzyIsNull(ay - by);
}

/** `QLineF::angle()`: degrees counter-clockwise (y up), 0–360. */
function angleOf(x1: number, y1: number, x2: number, y2: number): number {
  const theta = Math.atan2(-(y2 - y1), x2 - x1) * 360 / (2 * Math.PI);
  const t = theta < 0 ? theta + 360 : theta;
  return fuzzyCompare(t, 360) ? 0 : t;
}

/** A line as QLineF: p1 → p2. */
interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function isNullLine(l: Line): boolean {
  return samePoint(l.x1, l.y1, l.x2, l.y2);
}

/** `QLineF::angleTo` of line a (a1 → a2) to line b (b1 → b2). */
function angleTo(
  a1x: number,
  a1y: number,
  a2x: number,
  a2y: number,
  b1x: number,
  b1y: number,
  b2x: number,
  b2y: number,
): number {
  if (samePoint(a1x, a1y, a2x, a2y) || samePoint(b1x, b1y, b2x, b2y)) {
    return 0;
  }
  const d = angleOf(b1x, b1y, b2x, b2y) - angleOf(a1x, a1y, a2x, a2y);
  const n = d < 0 ? d + 360 : d;
  return fuzzyCompare(d, 360) ? 0 : n;
}

/**
 * `angleTo(a, b) > 90 && !fuzzyCompare(angle, 90)` for lines `a`, `b`
 * given as their vectors, without `atan2`, where the answer is clear: the
 * counter-clockwise angle from `a` to `b` at least 1e-7 radians away from
 * 0°, 90° and 360° (Qt's angles differ from it by ~1e-14°, its fuzzy
 * compares reach ~1e-10°), both lines far from null. Null elsewhere: ask
 * {@link angleTo}. Strokes spend a tenth of their time in its two `atan2`.
 *
 * @example
 * ```ts
 * import { turnsPast90 } from "./qt_stroker.ts";
 * turnsPast90(1, 0, -1, 1); // true: 135°
 * turnsPast90(1, 0, 1, -1); // false: 45° (y down)
 * ```
 */
export function turnsPast90(
  ax: number,
  ay: number,
  bx: number,
  by: number,
): boolean | null {
  const aa = ax * ax + ay * ay, bb = bx * bx + by * by;
  if (!(aa > 1e-18 && bb > 1e-18)) return null;
  const tol = 1e-7 * Math.sqrt(aa * bb);
  // y up, as QLineF::angle reads it: (x, -y)
  const cross = ay * bx - ax * by; // sin of the angle from a to b, times |a||b|
  const dot = ax * bx + ay * by;
  if (cross > tol && dot > tol) return false; // within (0°, 90°)
  if (dot < -tol || cross < -tol) return true; // within (90°, 360°)
  return null;
}

const NO_INTERSECTION = 0, BOUNDED = 1, UNBOUNDED = 2;

/**
 * `QLineF::intersects` of line a (a1 → a2) and line b (b1 → b2): the
 * kind, and the point in `out`.
 */
function intersects(
  a1x: number,
  a1y: number,
  a2x: number,
  a2y: number,
  b1x: number,
  b1y: number,
  b2x: number,
  b2y: number,
  out: [number, number],
): number {
  const ax = a2x - a1x, ay = a2y - a1y;
  const bx = b1x - b2x, by = b1y - b2y;
  const cx = a1x - b1x, cy = a1y - b1y;
  const den = ay * bx - ax * by;
  if (den === 0 || !Number.isFinite(den)) return NO_INTERSECTION;
  const r = 1 / den;
  const na = (by * cx - bx * cy) * r;
  out[0] = a1x + ax * na;
  out[1] = a1y + ay * na;
  if (na < 0 || na > 1) return UNBOUNDED;
  const nb = (ax * cy - ay * cx) * r;
  if (nb < 0 || nb > 1) return UNBOUNDED;
  return BOUNDED;
}

/** `QLineF::setLength`: p2 moved along the line to `len` from p1. */
function setLength(l: Line, len: number): void {
  if (isNullLine(l)) return;
  const dx = l.x2 - l.x1, dy = l.y2 - l.y1;
  const n = Math.sqrt(dx * dx + dy * dy);
  l.x2 = l.x1 + (dx / n) * len;
  l.y2 = l.y1 + (dy / n) * len;
}

/**
 * Whether the turn from line p (p1 → p2) to the offset segment starting at
 * n1 is an inner one (`QStroker::joinPoints`: the offset segments cross,
 * or the shortcut from p2 to n1 turns past 90° from p).
 */
function innerTurn(
  type: number,
  p1x: number,
  p1y: number,
  p2x: number,
  p2y: number,
  n1x: number,
  n1y: number,
): boolean {
  if (type === BOUNDED) return true;
  const clear = turnsPast90(n1x - p2x, n1y - p2y, p2x - p1x, p2y - p1y);
  if (clear !== null) return clear;
  const angle = angleTo(p2x, p2y, n1x, n1y, p1x, p1y, p2x, p2y);
  return angle > 90 && !fuzzyCompare(angle, 90);
}

/**
 * Contours in one buffer: contour `k` is `xy[starts[k]]` up to the next
 * contour's start (the last one up to `n`), `[x0, y0, x1, y1, …]`. Kept
 * and cleared between outlines, so that stroking a layer's outlines does
 * not grow (and drop) an array per contour.
 *
 * @example
 * ```ts
 * import { FlatOutline, qtStrokeInto } from "./qt_stroker.ts";
 * const o = new FlatOutline();
 * qtStrokeInto([0, 5, 10, 5], { width: 2, cap: "flat", join: "bevel" }, o);
 * [o.starts, Array.from(o.xy.subarray(0, o.n))]; // [[0], [0, 4, 10, 4, 10, 6, 0, 6, 0, 4]]
 * ```
 */
export class FlatOutline {
  /** The coordinates (its first `n` used). */
  xy: Float64Array = new Float64Array(256);
  /** Coordinates used. */
  n = 0;
  /** Each contour's first index in `xy`. */
  starts: number[] = [];
  /** Forgets the contours (keeps the buffer). */
  clear(): void {
    this.n = 0;
    this.starts.length = 0;
  }
  /**
   * Forgets the contours, and the buffer too when it holds more than
   * `keep` coordinates (a large outline's buffer is not kept).
   */
  release(keep = 1 << 18): void {
    this.clear();
    if (this.xy.length > keep) this.xy = new Float64Array(256);
  }
  /** Room for `more` coordinates after the first `n`. */
  reserve(more: number): Float64Array {
    if (this.n + more > this.xy.length) {
      const grown = new Float64Array(
        Math.max(2 * this.xy.length, this.n + more),
      );
      grown.set(this.xy.subarray(0, this.n));
      this.xy = grown;
    }
    return this.xy;
  }
  /** Appends a point to the last contour. */
  put(x: number, y: number): void {
    const xy = this.reserve(2);
    xy[this.n] = x;
    xy[this.n + 1] = y;
    this.n += 2;
  }
}

/** Collects the emitted contours; curves are flattened on the way. */
class Emitter {
  constructor(public o: FlatOutline) {}
  /**
   * The last point drawn (0, 1) and the one before (2, 3): in a typed
   * array, as a number stored in an object's field is a new heap object.
   */
  readonly b: Float64Array = new Float64Array(4);
  moveTo(x: number, y: number): void {
    this.b[2] = this.b[0];
    this.b[3] = this.b[1];
    this.b[0] = x;
    this.b[1] = y;
    this.o.starts.push(this.o.n);
    this.o.put(x, y);
  }
  lineTo(x: number, y: number): void {
    this.b[2] = this.b[0];
    this.b[3] = this.b[1];
    this.b[0] = x;
    this.b[1] = y;
    this.o.put(x, y);
  }
  cubicTo(
    c1x: number,
    c1y: number,
    c2x: number,
    c2y: number,
    ex: number,
    ey: number,
  ): void {
    flattenCubic(
      this.o,
      this.b[0],
      this.b[1],
      c1x,
      c1y,
      c2x,
      c2y,
      ex,
      ey,
    );
    this.b[2] = c2x;
    this.b[3] = c2y;
    this.b[0] = ex;
    this.b[1] = ey;
  }
}

/**
 * A cubic as Qt's outline mapper flattens it (`QBezier::addToPolygon`,
 * threshold a quarter pixel; `QPainterPath::toSubpathPolygons` flattens
 * with half a pixel): halved until flat enough, at most 9 levels.
 */
export function flattenCubic(
  out: FlatOutline | number[],
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  x3: number,
  y3: number,
  x4: number,
  y4: number,
  level = 9,
  threshold = 0.25,
): void {
  const y4y1 = y4 - y1, x4x1 = x4 - x1;
  let l = Math.abs(x4x1) + Math.abs(y4y1);
  let d: number;
  if (l > 1) {
    d = Math.abs(x4x1 * (y1 - y2) - y4y1 * (x1 - x2)) +
      Math.abs(x4x1 * (y1 - y3) - y4y1 * (x1 - x3));
  } else {
    d = Math.abs(x1 - x2) + Math.abs(y1 - y2) + Math.abs(x1 - x3) +
      Math.abs(y1 - y3);
    l = 1;
  }
  if (d < threshold * l || level === 0) {
    if (Array.isArray(out)) out.push(x4, y4);
    else out.put(x4, y4);
    return;
  }
  // QBezier::split
  const cx = (x2 + x3) * .5, cy = (y2 + y3) * .5;
  const ax2 = (x1 + x2) * .5, ay2 = (y1 + y2) * .5;
  const bx3 = (x3 + x4) * .5, by3 = (y3 + y4) * .5;
  const ax3 = (ax2 + cx) * .5, ay3 = (ay2 + cy) * .5;
  const bx2 = (bx3 + cx) * .5, by2 = (by3 + cy) * .5;
  const mx = (ax3 + bx2) * .5, my = (ay3 + by2) * .5;
  flattenCubic(out, x1, y1, ax2, ay2, ax3, ay3, mx, my, level - 1, threshold);
  flattenCubic(out, mx, my, bx2, by2, bx3, by3, x4, y4, level - 1, threshold);
}

// QT_PATH_KAPPA: the control-point distance of a quarter circle's Bézier.
const ARC_KAPPA = 0.5522847498;

/** A cubic: start, two controls, end. */
type Bezier = [number, number, number, number, number, number, number, number];

type JoinMode = "flat" | "miter" | "round" | "square" | "roundcap";

class Stroker {
  readonly e: Emitter;
  pen!: QtPen;
  offset = 0;
  capMode: JoinMode = "flat";
  joinMode: JoinMode = "flat";
  miterLimit = 2;
  readonly isect: [number, number] = [0, 0];
  constructor(pen: QtPen, o: FlatOutline) {
    this.e = new Emitter(o);
    this.reset(pen, o);
  }

  /** Ready to stroke with `pen` into `o`, as a new stroker would be. */
  reset(pen: QtPen, o: FlatOutline): this {
    this.e.o = o;
    this.e.b.fill(0);
    this.t1x = 0;
    this.t1y = 0;
    this.t2x = 0;
    this.t2y = 0;
    this.hasTangent = false;
    this.pen = pen;
    this.offset = pen.width / 2;
    this.capMode = pen.cap === "flat"
      ? "flat"
      : pen.cap === "round"
      ? "roundcap"
      : "square";
    this.joinMode = pen.join === "bevel"
      ? "flat"
      : pen.join === "miter"
      ? "miter"
      : "round";
    this.miterLimit = pen.miterLimit ?? 2;
    return this;
  }

  /**
   * `QStroker::joinPoints` at vertex (fx, fy) to the next offset segment
   * n1 → n2 (the previous one is the last the emitter drew). Lines are
   * passed as their coordinates: this runs at every vertex of every
   * outline, and the objects (lines, a closure) it made at each were a
   * large part of a polygon map's garbage.
   */
  join(
    fx: number,
    fy: number,
    n1x: number,
    n1y: number,
    n2x: number,
    n2y: number,
    mode: JoinMode,
  ): void {
    const e = this.e;
    if (fuzzyCompare(e.b[0], n1x) && fuzzyCompare(e.b[1], n1y)) {
      return; // connected already
    }
    // the previous segment, p1 → p2
    const p1x = e.b[2], p1y = e.b[3], p2x = e.b[0], p2y = e.b[1];
    const isect = this.isect;
    const type = intersects(p1x, p1y, p2x, p2y, n1x, n1y, n2x, n2y, isect);
    const offset = this.offset;
    switch (mode) {
      case "flat":
        if (innerTurn(type, p1x, p1y, p2x, p2y, n1x, n1y)) {
          e.lineTo(fx, fy);
          e.lineTo(n1x, n1y);
          return;
        }
        e.lineTo(n1x, n1y);
        return;
      case "miter": {
        if (innerTurn(type, p1x, p1y, p2x, p2y, n1x, n1y)) {
          e.lineTo(fx, fy);
          e.lineTo(n1x, n1y);
          return;
        }
        // over the limit (the pen's width times its miter limit, measured
        // from the end of the previous side, as QStroker measures it), both
        // sides run on by that length and are cut straight across
        const limit = this.pen.width * this.miterLimit;
        const miter = Math.hypot(isect[0] - p2x, isect[1] - p2y);
        if (type === NO_INTERSECTION || miter > limit) {
          const l1: Line = {
            x1: p2x,
            y1: p2y,
            x2: p2x + (p2x - p1x),
            y2: p2y + (p2y - p1y),
          };
          setLength(l1, limit);
          const l2: Line = {
            x1: n1x,
            y1: n1y,
            x2: n1x - (n2x - n1x),
            y2: n1y - (n2y - n1y),
          };
          setLength(l2, limit);
          e.lineTo(l1.x2, l1.y2);
          e.lineTo(l2.x2, l2.y2);
          e.lineTo(n1x, n1y);
        } else {
          e.lineTo(isect[0], isect[1]);
          e.lineTo(n1x, n1y);
        }
        return;
      }
      case "square": {
        const l1: Line = {
          x1: p2x,
          y1: p2y,
          x2: p2x + (p2x - p1x),
          y2: p2y + (p2y - p1y),
        };
        setLength(l1, offset);
        const l2: Line = {
          x1: n1x,
          y1: n1y,
          x2: n1x + (n1x - n2x),
          y2: n1y + (n1y - n2y),
        };
        setLength(l2, offset);
        e.lineTo(l1.x2, l1.y2);
        e.lineTo(l2.x2, l2.y2);
        e.lineTo(l2.x1, l2.y1);
        return;
      }
      case "round": {
        if (
          innerTurn(type, p1x, p1y, p2x, p2y, n1x, n1y) &&
          Math.hypot(n2x - n1x, n2y - n1y) > offset
        ) {
          e.lineTo(fx, fy);
          e.lineTo(n1x, n1y);
          return;
        }
        // the arc around the vertex from the previous side, turned by the
        // difference of the two directions (as Qt sweeps it)
        const a1 = angleOf(p1x, p1y, p2x, p2y);
        const a2 = angleOf(n1x, n1y, n2x, n2y);
        // QStroker passes the square around the vertex to qt_curves_for_arc
        const c = qtArc(
          fx - offset,
          fy - offset,
          offset * 2,
          offset * 2,
          a1 + 90,
          -Math.abs(a2 - a1),
        ).curves;
        for (let i = 0; i + 5 < c.length; i += 6) {
          e.cubicTo(c[i], c[i + 1], c[i + 2], c[i + 3], c[i + 4], c[i + 5]);
        }
        e.lineTo(n1x, n1y);
        return;
      }
      case "roundcap": {
        const k = offset * ARC_KAPPA;
        const dp = (p2x - p1x) * (n2x - n1x) + (p2y - p1y) * (n2y - n1y);
        const l1: Line = dp > 0 ? { x1: p2x, y1: p2y, x2: p1x, y2: p1y } : {
          x1: p2x,
          y1: p2y,
          x2: p2x + (p2x - p1x),
          y2: p2y + (p2y - p1y),
        };
        setLength(l1, k);
        const nx = p2x - fx, ny = p2y - fy;
        const l2: Line = {
          x1: fx - ny,
          y1: fy + nx,
          x2: p2x - ny,
          y2: p2y + nx,
        };
        setLength(l2, k);
        e.cubicTo(l1.x2, l1.y2, l2.x2, l2.y2, l2.x1, l2.y1);
        const l2b = {
          x1: l2.x1,
          y1: l2.y1,
          x2: l2.x1 - (l2.x2 - l2.x1),
          y2: l2.y1 - (l2.y2 - l2.y1),
        };
        const tx = n1x - l1.x1, ty = n1y - l1.y1;
        e.cubicTo(l2b.x2, l2b.y2, l1.x2 + tx, l1.y2 + ty, n1x, n1y);
        return;
      }
    }
  }

  /** The first offset segment of the last side walked (t1 → t2). */
  t1x = 0;
  t1y = 0;
  t2x = 0;
  t2y = 0;
  hasTangent = false;

  /**
   * `qt_stroke_side`: one side of the polyline, its points walked forward
   * or backward; true when the path is closed. The side's first offset
   * segment is left in `t1x` … `t2y` (`hasTangent` when there is one).
   */
  side(p: ArrayLike<number>, backward: boolean, capFirst: boolean): boolean {
    const e = this.e;
    const n = p.length >> 1;
    const i0 = backward ? n - 1 : 0, step = backward ? -1 : 1;
    const sx = p[2 * i0], sy = p[2 * i0 + 1];
    const mode = this.joinMode;
    // flat and miter joins are made inline below, as `join` makes them
    const inline = mode === "flat" || mode === "miter";
    const isect = this.isect;
    const o = e.o;
    let px = sx, py = sy;
    let first = true;
    for (let k = 1, i = i0 + step; k < n; k++, i += step) {
      const x = p[2 * i], y = p[2 * i + 1];
      if (samePoint(px, py, x, y)) continue;
      const dx = x - px, dy = y - py;
      const len = Math.sqrt(dx * dx + dy * dy);
      // QLineF::normalVector (dy, -dx), set to the offset's length
      const ox = (dy / len) * this.offset, oy = (-dx / len) * this.offset;
      const x1 = px + ox, y1 = py + oy, x2 = x + ox, y2 = y + oy;
      if (first) {
        if (capFirst) this.join(px, py, x1, y1, x2, y2, this.capMode);
        else e.moveTo(x1, y1);
        this.t1x = x1, this.t1y = y1, this.t2x = x2, this.t2y = y2;
        first = false;
      } else if (!inline) {
        this.join(px, py, x1, y1, x2, y2, mode);
      } else {
        // `join` made here, step for step, for the usual joins: no
        // objects and no call per vertex
        const p2x = e.b[0], p2y = e.b[1];
        if (!(fuzzyCompare(p2x, x1) && fuzzyCompare(p2y, y1))) {
          const p1x = e.b[2], p1y = e.b[3];
          // intersects(p, n)
          const ax = p2x - p1x, ay = p2y - p1y;
          const bx = x1 - x2, by = y1 - y2;
          const cx = p1x - x1, cy = p1y - y1;
          const den = ay * bx - ax * by;
          let type = NO_INTERSECTION;
          if (den !== 0 && Number.isFinite(den)) {
            const r = 1 / den;
            const na = (by * cx - bx * cy) * r;
            isect[0] = p1x + ax * na;
            isect[1] = p1y + ay * na;
            if (na < 0 || na > 1) type = UNBOUNDED;
            else {
              const nb = (ax * cy - ay * cx) * r;
              type = nb < 0 || nb > 1 ? UNBOUNDED : BOUNDED;
            }
          }
          let inner = type === BOUNDED;
          if (!inner) {
            const clear = turnsPast90(x1 - p2x, y1 - p2y, ax, ay);
            if (clear !== null) inner = clear;
            else {
              const angle = angleTo(p2x, p2y, x1, y1, p1x, p1y, p2x, p2y);
              inner = angle > 90 && !fuzzyCompare(angle, 90);
            }
          }
          const xy = o.reserve(4), m = o.n;
          if (inner) {
            // lineTo(px, py), lineTo(x1, y1)
            xy[m] = px, xy[m + 1] = py, xy[m + 2] = x1, xy[m + 3] = y1;
            o.n = m + 4;
            e.b[2] = px, e.b[3] = py, e.b[0] = x1, e.b[1] = y1;
          } else if (mode === "flat") {
            xy[m] = x1, xy[m + 1] = y1;
            o.n = m + 2;
            e.b[2] = p2x, e.b[3] = p2y, e.b[0] = x1, e.b[1] = y1;
          } else {
            const limit = this.pen.width * this.miterLimit;
            const miter = Math.hypot(isect[0] - p2x, isect[1] - p2y);
            if (type === NO_INTERSECTION || miter > limit) {
              this.join(px, py, x1, y1, x2, y2, mode); // cut across
            } else {
              const ix = isect[0], iy = isect[1];
              xy[m] = ix, xy[m + 1] = iy, xy[m + 2] = x1, xy[m + 3] = y1;
              o.n = m + 4;
              e.b[2] = ix, e.b[3] = iy, e.b[0] = x1, e.b[1] = y1;
            }
          }
        }
      }
      // lineTo(x2, y2)
      const xy = o.reserve(2), m = o.n;
      xy[m] = x2, xy[m + 1] = y2;
      o.n = m + 2;
      e.b[2] = e.b[0], e.b[3] = e.b[1], e.b[0] = x2, e.b[1] = y2;
      px = x;
      py = y;
    }
    this.hasTangent = !first;
    if (fuzzyCompare(sx, px) && fuzzyCompare(sy, py)) {
      if (!first) {
        this.join(
          px,
          py,
          this.t1x,
          this.t1y,
          this.t2x,
          this.t2y,
          this.joinMode,
        );
      }
      return true;
    }
    return false;
  }
  /**
   * `qt_stroke_side` over a path of lines and cubics: `segs` in walking
   * order from `(sx, sy)`, each `[x, y]` (a line) or `[c1x, c1y, c2x,
   * c2y, x, y]` (a cubic, offset by `QBezier::shifted`).
   */
  sidePath(
    sx: number,
    sy: number,
    segs: ArrayLike<number>[],
    capFirst: boolean,
  ): { closed: boolean; tangent: Line | null } {
    const e = this.e;
    let px = sx, py = sy;
    let first = true;
    let tangent: Line | null = null;
    const offset = this.offset;
    for (const g of segs) {
      if (g.length === 2) {
        const x = g[0], y = g[1];
        if (samePoint(px, py, x, y)) continue;
        const dx = x - px, dy = y - py;
        const len = Math.sqrt(dx * dx + dy * dy);
        const ox = (dy / len) * offset, oy = (-dx / len) * offset;
        const line: Line = { x1: px + ox, y1: py + oy, x2: x + ox, y2: y + oy };
        if (first) {
          if (capFirst) {
            this.join(px, py, line.x1, line.y1, line.x2, line.y2, this.capMode);
          } else e.moveTo(line.x1, line.y1);
          tangent = line;
          first = false;
        } else {
          this.join(px, py, line.x1, line.y1, line.x2, line.y2, this.joinMode);
        }
        e.lineTo(line.x2, line.y2);
        px = x;
        py = y;
        continue;
      }
      const b: Bezier = [px, py, g[0], g[1], g[2], g[3], g[4], g[5]];
      const curves = shifted(b, 16, offset, 0.25);
      if (curves.length) {
        const t = startTangent(b);
        const tx = curves[0][0] - b[0], ty = curves[0][1] - b[1];
        const tl: Line = {
          x1: t.x1 + tx,
          y1: t.y1 + ty,
          x2: t.x2 + tx,
          y2: t.y2 + ty,
        };
        if (first) {
          if (capFirst) {
            this.join(px, py, tl.x1, tl.y1, tl.x2, tl.y2, this.capMode);
          } else e.moveTo(curves[0][0], curves[0][1]);
          tangent = tl;
          first = false;
        } else this.join(px, py, tl.x1, tl.y1, tl.x2, tl.y2, this.joinMode);
        for (const o of curves) e.cubicTo(o[2], o[3], o[4], o[5], o[6], o[7]);
      }
      px = g[4];
      py = g[5];
    }
    if (fuzzyCompare(sx, px) && fuzzyCompare(sy, py)) {
      if (!first) {
        const t = tangent!;
        this.join(px, py, t.x1, t.y1, t.x2, t.y2, this.joinMode);
      }
      return { closed: true, tangent };
    }
    return { closed: false, tangent };
  }
}

/** A subpath: its start and its segments (`[x, y]` or a cubic's six). */
export interface QtSubpath {
  x: number;
  y: number;
  segs: ArrayLike<number>[];
}

/**
 * The outline Qt's stroker makes for a path of lines and cubics (a
 * `QPainterPath` as `QPaintEngineEx::stroke` feeds it to `QStroker`):
 * each subpath stroked forward then backward, curves offset by
 * `QBezier::shifted`; contours (flattened as Qt's outline mapper
 * flattens the emitted cubics) to fill with the non-zero rule.
 *
 * @example
 * ```ts
 * import { qtStrokePath } from "./qt_stroker.ts";
 * const outline = qtStrokePath([{ x: 0, y: 5, segs: [[10, 5]] }], { width: 2, cap: "flat", join: "bevel" });
 * outline; // [[0, 4, 10, 4, 10, 6, 0, 6, 0, 4]]
 * ```
 */
export function qtStrokePath(paths: QtSubpath[], pen: QtPen): number[][] {
  const o = new FlatOutline();
  const s = new Stroker(pen, o);
  for (const p of paths) {
    if (p.segs.length === 0) continue;
    const fw = s.sidePath(p.x, p.y, p.segs, false);
    // the subpath backwards: from its last point, each segment reversed
    const back: number[][] = [];
    let ex = p.x, ey = p.y;
    const ends: number[] = [p.x, p.y];
    for (const g of p.segs) {
      ex = g[g.length - 2];
      ey = g[g.length - 1];
      ends.push(ex, ey);
    }
    for (let i = p.segs.length - 1; i >= 0; i--) {
      const g = p.segs[i];
      const sx = ends[2 * i], sy = ends[2 * i + 1];
      back.push(g.length === 2 ? [sx, sy] : [g[2], g[3], g[0], g[1], sx, sy]);
    }
    const bw = s.sidePath(ex, ey, back, !fw.closed);
    const t = fw.tangent;
    if (!bw.closed && t) s.join(p.x, p.y, t.x1, t.y1, t.x2, t.y2, s.capMode);
  }
  return contoursOf(o);
}

/** `QBezier::startTangent`. */
function startTangent(b: Bezier): Line {
  let x2 = b[2], y2 = b[3];
  if (samePoint(b[0], b[1], x2, y2)) x2 = b[4], y2 = b[5];
  if (samePoint(b[0], b[1], x2, y2)) x2 = b[6], y2 = b[7];
  return { x1: b[0], y1: b[1], x2, y2 };
}

/** `QBezier::split`: [first half, second half]. */
function splitHalves(b: Bezier): [Bezier, Bezier] {
  const cx = (b[2] + b[4]) * .5, cy = (b[3] + b[5]) * .5;
  const f2x = (b[0] + b[2]) * .5, f2y = (b[1] + b[3]) * .5;
  const s3x = (b[4] + b[6]) * .5, s3y = (b[5] + b[7]) * .5;
  const f3x = (f2x + cx) * .5, f3y = (f2y + cy) * .5;
  const s2x = (s3x + cx) * .5, s2y = (s3y + cy) * .5;
  const mx = (f3x + s2x) * .5, my = (f3y + s2y) * .5;
  return [
    [b[0], b[1], f2x, f2y, f3x, f3y, mx, my],
    [mx, my, s2x, s2y, s3x, s3y, b[6], b[7]],
  ];
}

/** `QBezier::pointAt`. */
function pointAt(b: Bezier, t: number): [number, number] {
  const m = 1 - t;
  let a = b[0] * m + b[2] * t, c = b[2] * m + b[4] * t;
  let d = b[4] * m + b[6] * t;
  a = a * m + c * t;
  c = c * m + d * t;
  const x = a * m + c * t;
  a = b[1] * m + b[3] * t;
  c = b[3] * m + b[5] * t;
  d = b[5] * m + b[7] * t;
  a = a * m + c * t;
  c = c * m + d * t;
  return [x, a * m + c * t];
}

/** `QBezier::normalVector`. */
function normalAt(b: Bezier, t: number): [number, number] {
  const m = 1 - t, a = m * m, bb = t * m, c = t * t;
  return [
    (b[3] - b[1]) * a + (b[5] - b[3]) * bb + (b[7] - b[5]) * c,
    -(b[2] - b[0]) * a - (b[4] - b[2]) * bb - (b[6] - b[4]) * c,
  ];
}

const SHIFT_OK = 0, SHIFT_DISCARD = 1, SHIFT_SPLIT = 2, SHIFT_CIRCLE = 3;

/** `good_offset` of qbezier.cpp. */
function goodOffset(
  b1: Bezier,
  b2: Bezier,
  offset: number,
  threshold: number,
): number {
  const o2 = offset * offset;
  const maxDistLine = threshold * offset * offset;
  const maxDistNormal = threshold * offset;
  for (let i = 0.25; i < 0.99; i += 0.25) {
    const p1 = pointAt(b1, i), p2 = pointAt(b2, i);
    let d = (p1[0] - p2[0]) * (p1[0] - p2[0]) +
      (p1[1] - p2[1]) * (p1[1] - p2[1]);
    if (Math.abs(d - o2) > maxDistLine) return SHIFT_SPLIT;
    const n = normalAt(b1, i);
    const l = Math.abs(n[0]) + Math.abs(n[1]);
    if (l !== 0) {
      d = Math.abs(n[0] * (p1[1] - p2[1]) - n[1] * (p1[0] - p2[0])) / l;
      if (d > maxDistNormal) return SHIFT_SPLIT;
    }
  }
  return SHIFT_OK;
}

/** `shift` of qbezier.cpp: the offset curve into `out`. */
function shiftCurve(
  o: Bezier,
  out: Bezier,
  offset: number,
  threshold: number,
): number {
  const map = [0, 0, 0, 0];
  const p12 = o[0] === o[2] && o[1] === o[3];
  const p23 = o[2] === o[4] && o[3] === o[5];
  const p34 = o[4] === o[6] && o[5] === o[7];
  const pts: number[] = [o[0], o[1]];
  let np = 1;
  if (!p12) pts.push(o[2], o[3]), np++;
  map[1] = np - 1;
  if (!p23) pts.push(o[4], o[5]), np++;
  map[2] = np - 1;
  if (!p34) pts.push(o[6], o[7]), np++;
  map[3] = np - 1;
  if (np === 1) return SHIFT_DISCARD;
  const xs = [o[0], o[2], o[4], o[6]], ys = [o[1], o[3], o[5], o[7]];
  const bw = Math.max(...xs) - Math.min(...xs);
  const bh = Math.max(...ys) - Math.min(...ys);
  if (np === 4 && bw < .1 * offset && bh < .1 * offset) {
    // (as Qt writes it: the products of the squared terms)
    const l = (o[0] - o[2]) * (o[0] - o[2]) +
      (o[1] - o[3]) * (o[1] - o[3]) * (o[4] - o[6]) * (o[4] - o[6]) +
      (o[5] - o[7]) * (o[5] - o[7]);
    const dot = (o[0] - o[2]) * (o[4] - o[6]) + (o[1] - o[3]) * (o[5] - o[7]);
    if (dot < 0 && dot * dot < 0.8 * l) return SHIFT_CIRCLE;
  }
  const sh: number[] = new Array(2 * np);
  const unitNormal = (dx: number, dy: number): [number, number] => {
    // QLineF(0, 0, dx, dy).normalVector().unitVector().p2()
    const len = Math.sqrt(dy * dy + dx * dx);
    return [dy / len, -dx / len];
  };
  let prev = unitNormal(pts[2] - pts[0], pts[3] - pts[1]);
  sh[0] = pts[0] + offset * prev[0];
  sh[1] = pts[1] + offset * prev[1];
  for (let i = 1; i < np - 1; ++i) {
    const next = unitNormal(
      pts[2 * i + 2] - pts[2 * i],
      pts[2 * i + 3] - pts[2 * i + 1],
    );
    const sx = prev[0] + next[0], sy = prev[1] + next[1];
    const r = 1 + prev[0] * next[0] + prev[1] * next[1];
    if (fuzzyIsNull(r)) {
      sh[2 * i] = pts[2 * i] + offset * prev[0];
      sh[2 * i + 1] = pts[2 * i + 1] + offset * prev[1];
    } else {
      const k = offset / r;
      sh[2 * i] = pts[2 * i] + k * sx;
      sh[2 * i + 1] = pts[2 * i + 1] + k * sy;
    }
    prev = next;
  }
  sh[2 * np - 2] = pts[2 * np - 2] + offset * prev[0];
  sh[2 * np - 1] = pts[2 * np - 1] + offset * prev[1];
  for (let j = 0; j < 4; j++) {
    out[2 * j] = sh[2 * map[j]];
    out[2 * j + 1] = sh[2 * map[j] + 1];
  }
  return goodOffset(o, out, offset, threshold);
}

/** `addCircle` of qbezier.cpp: two cubics of a half circle, or null. */
function addCircle(b: Bezier, offset: number): [Bezier, Bezier] | null {
  const n0: [number, number] = [b[3] - b[1], b[0] - b[2]];
  let dist = Math.sqrt(n0[0] * n0[0] + n0[1] * n0[1]);
  if (fuzzyIsNull(dist)) return null;
  n0[0] /= dist;
  n0[1] /= dist;
  const n2: [number, number] = [b[7] - b[5], b[4] - b[6]];
  dist = Math.sqrt(n2[0] * n2[0] + n2[1] * n2[1]);
  if (fuzzyIsNull(dist)) return null;
  n2[0] /= dist;
  n2[1] /= dist;
  const n1: [number, number] = [
    b[0] - b[2] - b[4] + b[6],
    b[1] - b[3] - b[5] + b[7],
  ];
  const l1 = -1 * Math.sqrt(n1[0] * n1[0] + n1[1] * n1[1]);
  n1[0] /= l1;
  n1[1] /= l1;
  const normals = [n0, n1, n2];
  const angles = [0, 0];
  let sign = 1;
  for (let i = 0; i < 2; ++i) {
    let cosA = normals[i][0] * normals[i + 1][0] +
      normals[i][1] * normals[i + 1][1];
    if (cosA > 1) cosA = 1;
    if (cosA < -1) cosA = -1;
    angles[i] = Math.acos(cosA) / Math.PI;
  }
  if (angles[0] + angles[1] > 1) {
    normals[1] = [-normals[1][0], -normals[1][1]];
    angles[0] = 1 - angles[0];
    angles[1] = 1 - angles[1];
    sign = -1;
  }
  const circle = [
    [b[0] + normals[0][0] * offset, b[1] + normals[0][1] * offset],
    [
      0.5 * (b[0] + b[6]) + normals[1][0] * offset,
      0.5 * (b[1] + b[7]) + normals[1][1] * offset,
    ],
    [b[6] + normals[2][0] * offset, b[7] + normals[2][1] * offset],
  ];
  const out: Bezier[] = [];
  for (let i = 0; i < 2; ++i) {
    const kappa = 2.0 * ARC_KAPPA * sign * offset * angles[i];
    out.push([
      circle[i][0],
      circle[i][1],
      circle[i][0] - normals[i][1] * kappa,
      circle[i][1] + normals[i][0] * kappa,
      circle[i + 1][0] + normals[i + 1][1] * kappa,
      circle[i + 1][1] - normals[i + 1][0] * kappa,
      circle[i + 1][0],
      circle[i + 1][1],
    ]);
  }
  return [out[0], out[1]];
}

/** `QBezier::shifted`: the curve offset by `offset`, as cubics. */
function shifted(
  self: Bezier,
  maxSegments: number,
  offset: number,
  threshold: number,
): Bezier[] {
  if (
    fuzzyCompare(self[0], self[2]) && fuzzyCompare(self[0], self[4]) &&
    fuzzyCompare(self[0], self[6]) && fuzzyCompare(self[1], self[3]) &&
    fuzzyCompare(self[1], self[5]) && fuzzyCompare(self[1], self[7])
  ) return [];
  --maxSegments;
  const out: Bezier[] = [];
  let stack: Bezier[] = [];
  for (;;) {
    // redo:
    stack = [self.slice() as Bezier];
    out.length = 0;
    let gaveUp = false;
    let redo = false;
    while (stack.length > 0) {
      const stackSegments = stack.length;
      if (stackSegments === 10 || out.length === maxSegments - stackSegments) {
        threshold = Math.fround(threshold * 1.5);
        if (threshold > 2.0) {
          gaveUp = true;
          break;
        }
        redo = true;
        break;
      }
      const b = stack[stack.length - 1];
      const o = new Array(8) as Bezier;
      const res = shiftCurve(b, o, offset, threshold);
      if (res === SHIFT_DISCARD) {
        stack.pop();
      } else if (res === SHIFT_OK) {
        out.push(o);
        stack.pop();
      } else if (res === SHIFT_CIRCLE && maxSegments - out.length >= 2) {
        const c = addCircle(b, offset);
        if (c) out.push(c[0], c[1]);
        stack.pop();
      } else {
        const [first, second] = splitHalves(b);
        stack[stack.length - 1] = second;
        stack.push(first);
      }
    }
    if (redo) continue;
    if (gaveUp) {
      while (stack.length > 0) {
        const b = stack.pop()!;
        const o = new Array(8) as Bezier;
        const res = shiftCurve(b, o, offset, threshold);
        if (res === SHIFT_OK || res === SHIFT_SPLIT) out.push(o);
      }
    }
    return out;
  }
}

/**
 * The outline Qt's stroker makes for a polyline (`[x0, y0, x1, y1, …]`,
 * device pixels) and a pen: contours to fill with the non-zero rule.
 * A polyline whose last point equals its first is closed (joined there).
 *
 * @example
 * ```ts
 * import { qtStrokeOutline } from "./qt_stroker.ts";
 * const outline = qtStrokeOutline([0, 5, 10, 5], { width: 2, cap: "flat", join: "bevel" });
 * outline; // [[0, 4, 10, 4, 10, 6, 0, 6, 0, 4]]
 * ```
 */
export function qtStrokeOutline(
  points: ArrayLike<number>,
  pen: QtPen,
): number[][] {
  const o = new FlatOutline();
  qtStrokeInto(points, pen, o);
  return contoursOf(o);
}

/** The contours of a flat outline as arrays. */
function contoursOf(o: FlatOutline): number[][] {
  return o.starts.map((start, k) =>
    Array.from(o.xy.subarray(start, o.starts[k + 1] ?? o.n))
  );
}

let reused: Stroker | undefined;
const IDLE_PEN: QtPen = { width: 0, cap: "flat", join: "bevel" };
const IDLE_OUTLINE = new FlatOutline();

/**
 * {@link qtStrokeOutline} appending its contours to `out`.
 *
 * @example
 * ```ts
 * import { FlatOutline, qtStrokeInto } from "./qt_stroker.ts";
 * const o = new FlatOutline();
 * qtStrokeInto([0, 0, 10, 0], { width: 2, cap: "flat", join: "bevel" }, o);
 * qtStrokeInto([0, 5, 10, 5], { width: 2, cap: "flat", join: "bevel" }, o);
 * o.starts; // [0, 10]
 * ```
 */
export function qtStrokeInto(
  points: ArrayLike<number>,
  pen: QtPen,
  out: FlatOutline,
): void {
  const n = points.length >> 1;
  if (n < 2) return;
  // one stroker for every call (they never nest): a stroker per ring let
  // V8 collect its object layout whenever no ring was being stroked, and
  // drop the optimized code of `side` with it ("embedded weak objects
  // cleared"), which then ran unoptimized, boxing every number it computed
  const s = (reused ??= new Stroker(pen, out)).reset(pen, out);
  try {
    const closed = s.side(points, false, false);
    const has = s.hasTangent;
    const t1x = s.t1x, t1y = s.t1y, t2x = s.t2x, t2y = s.t2y;
    if (!s.side(points, true, !closed) && has) {
      s.join(points[0], points[1], t1x, t1y, t2x, t2y, s.capMode);
    }
  } finally {
    // the caller's outline and pen are not kept alive by the stroker
    s.reset(IDLE_PEN, IDLE_OUTLINE);
  }
}
