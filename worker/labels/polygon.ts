/**
 * Candidates inside polygons as PAL makes them for the "horizontal" and
 * "free" placements (`FeaturePart::createCandidatesForPolygon`): the
 * polygon is cut at its deepest concavities into rougher convex pieces
 * (`PointSet::splitPolygons`), each piece gets the oriented rectangle of
 * least area around its convex hull, and candidates sit on a regular grid
 * inside those rectangles wherever their centre lies inside the polygon.
 * Their costs prefer candidates far from the polygon's rings.
 *
 * Coordinates are PAL's (pixels, y up); rings are flat closed x, y arrays,
 * exterior first.
 *
 * @module
 */
import {
  containsProperly,
  polygonCentroid,
  segmentDistance2,
} from "./_geom.ts";
import type { Candidate, LabelBox } from "./placement.ts";

const EPSILON = 1e-9;

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 4 * Number.EPSILON * Math.max(1, Math.abs(a));
}

function cross(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  x3: number,
  y3: number,
): number {
  return (x2 - x1) * (y3 - y1) - (x3 - x1) * (y2 - y1);
}

// PAL's heap sort of indices by a key (not stable: the order of equal keys
// decides which point the hull starts from)
function heapSort(sid: number[], key: (i: number) => number, n0: number): void {
  let n = n0;
  let i = Math.floor(n / 2);
  for (;;) {
    let tx: number;
    if (i > 0) {
      i--;
      tx = sid[i];
    } else {
      n--;
      if (n <= 0) return;
      tx = sid[n];
      sid[n] = sid[0];
    }
    let parent = i, child = i * 2 + 1;
    while (child < n) {
      if (child + 1 < n && key(sid[child + 1]) > key(sid[child])) child++;
      if (key(sid[child]) > key(tx)) {
        sid[parent] = sid[child];
        parent = child;
        child = parent * 2 + 1;
      } else break;
    }
    sid[parent] = tx;
  }
}

function heapSort2(x: number[], heap: number[], off: number, n0: number): void {
  let n = n0;
  let i = Math.floor(n / 2);
  for (;;) {
    let t: number, tx: number;
    if (i > 0) {
      i--;
      t = heap[off + i];
      tx = x[off + i];
    } else {
      n--;
      if (n <= 0) return;
      t = heap[off + n];
      tx = x[off + n];
      heap[off + n] = heap[off];
      x[off + n] = x[off];
    }
    let parent = i, child = i * 2 + 1;
    while (child < n) {
      if (child + 1 < n && heap[off + child + 1] > heap[off + child]) child++;
      if (heap[off + child] > t) {
        heap[off + parent] = heap[off + child];
        x[off + parent] = x[off + child];
        parent = child;
        child = parent * 2 + 1;
      } else break;
    }
    heap[off + parent] = t;
    x[off + parent] = tx;
  }
}

/**
 * The convex hull of points as PAL computes it (`GeomFunction::convexHullId`,
 * a Graham scan from the lowest point): indices into `x`/`y`.
 *
 * @example
 * ```ts
 * import { convexHull } from "./polygon.ts";
 * convexHull([0, 2, 2, 1, 0], [0, 0, 2, 1, 2]); // [0, 1, 2, 4]
 * ```
 */
export function convexHull(x: number[], y: number[]): number[] {
  const n = x.length;
  const hull = Array.from({ length: n }, (_, i) => i);
  if (n <= 3) return hull;
  const stack = new Array<number>(n).fill(0);
  const tan = new Array<number>(n).fill(0);
  heapSort(hull, (i) => y[i], n);
  let ref = 1;
  while (ref < n && near(y[hull[ref]], y[hull[0]])) ref++;
  heapSort(hull, (i) => x[i], ref);
  for (let i = ref; i < n; i++) {
    tan[i] = near(y[hull[i]], y[hull[0]])
      ? 3.4028234663852886e38
      : (x[hull[0]] - x[hull[i]]) / (y[hull[i]] - y[hull[0]]);
  }
  if (ref < n) heapSort2(hull, tan, ref, n - ref);
  stack[0] = hull[0];
  if (ref === 1) {
    stack[1] = hull[1];
    ref++;
  } else stack[1] = hull[ref - 1];
  let top = 1, second = 0;
  for (let i = ref; i < n; i++) {
    const c = hull[i];
    let result = cross(
      x[stack[second]],
      y[stack[second]],
      x[stack[top]],
      y[stack[top]],
      x[c],
      y[c],
    );
    if (near(result, 0) || Math.abs(result) < 1e-300) {
      const d2 = (a: number, b: number) =>
        (x[a] - x[b]) ** 2 + (y[a] - y[b]) ** 2;
      if (d2(stack[second], c) > d2(stack[second], stack[top])) stack[top] = c;
    } else if (result > 0) {
      second++;
      top++;
      stack[top] = c;
    } else {
      while (result < 0 && top > 1) {
        second--;
        top--;
        result = cross(
          x[stack[second]],
          y[stack[second]],
          x[stack[top]],
          y[stack[top]],
          x[c],
          y[c],
        );
      }
      second++;
      top++;
      stack[top] = c;
    }
  }
  return stack.slice(0, top + 1);
}

/**
 * Orders a ring's points as PAL wants them (`GeomFunction::reorderPolygon`):
 * in the direction its convex hull runs; false when the hull is degenerate.
 */
function reorder(x: number[], y: number[]): boolean {
  const h = convexHull(x, y);
  if (h.length < 3) return false;
  const [a, b, c] = h;
  let inc = 0;
  if (a < b && b < c) inc = 1;
  else if (a > b && b > c) inc = -1;
  else if (a > b && b < c && c < a) inc = 1;
  else if (a > b && b < c && c > a) inc = -1;
  else if (a < b && b > c && c > a) inc = -1;
  else if (a < b && b > c && c < a) inc = 1;
  else return false;
  if (inc === -1) {
    x.reverse();
    y.reverse();
  }
  return true;
}

interface Shape {
  x: number[];
  y: number[];
  hull: number[];
}

function segmentsCrossStrictly(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  x3: number,
  y3: number,
  x4: number,
  y4: number,
): boolean {
  return cross(x1, y1, x2, y2, x3, y3) * cross(x1, y1, x2, y2, x4, y4) < 0 &&
    cross(x3, y3, x4, y4, x1, y1) * cross(x3, y3, x4, y4, x2, y2) < 0;
}

function lineIntersection(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  x3: number,
  y3: number,
  x4: number,
  y4: number,
): [number, number] | null {
  const a1 = y2 - y1, b1 = x1 - x2, c1 = x2 * y1 - x1 * y2;
  const a2 = y4 - y3, b2 = x3 - x4, c2 = x4 * y3 - x3 * y4;
  const denom = a1 * b2 - a2 * b1;
  if (near(denom, 0) || denom === 0) return null;
  return [(b1 * c2 - b2 * c1) / denom, (a2 * c1 - a1 * c2) / denom];
}

function extract(
  s: Shape,
  nb: number,
  imin: number,
  imax: number,
  fps: number,
  fpe: number,
  fx: number,
  fy: number,
): Shape {
  const n = s.x.length;
  const x = new Array<number>(nb).fill(0), y = new Array<number>(nb).fill(0);
  let j = 0;
  for (let i = imin; i !== (imax + 1) % n; i = (i + 1) % n, j++) {
    x[j] = s.x[i];
    y[j] = s.y[i];
  }
  if (fps !== fpe) {
    x[j] = fx;
    y[j] = fy;
  }
  return { x, y, hull: [] };
}

/**
 * Cuts a ring at its deepest concavities while the cut-off triangle's area
 * exceeds the label's (`PointSet::splitPolygons`).
 */
function splitPolygons(shape0: Shape, labelArea: number): Shape[] {
  const input = [shape0];
  const output: Shape[] = [];
  let holeS = -1, holeE = -1;
  while (input.length) {
    const shape = input.shift()!;
    const { x, y } = shape;
    const nbp = x.length;
    shape.hull = convexHull(x, y);
    const hull = shape.hull;
    let bestArea = 0, retained = -1;
    for (let ihs = 0; ihs < hull.length; ihs++) {
      const ihn = (ihs + 1) % hull.length;
      const ips = hull[ihs];
      const ipn = (ips + 1) % nbp;
      if (ipn === hull[ihn]) continue;
      let bestcp = 0, pt = -1;
      for (let i = ips; i !== hull[ihn]; i = (i + 1) % nbp) {
        const cp = Math.abs(
          cross(
            x[hull[ihs]],
            y[hull[ihs]],
            x[hull[ihn]],
            y[hull[ihn]],
            x[i],
            y[i],
          ),
        );
        if (cp - bestcp > EPSILON) bestcp = cp, pt = i;
      }
      if (pt === -1) continue;
      const base = Math.hypot(
        x[hull[ihs]] - x[hull[ihn]],
        y[hull[ihs]] - y[hull[ihn]],
      );
      const b = Math.hypot(x[hull[ihs]] - x[pt], y[hull[ihs]] - y[pt]);
      const c = Math.hypot(x[hull[ihn]] - x[pt], y[hull[ihn]] - y[pt]);
      const s = (base + b + c) / 2;
      const area = Math.abs(s * (s - base) * (s - b) * (s - c));
      if (area - bestArea > EPSILON) {
        bestArea = area, retained = pt, holeS = ihs, holeE = ihn;
      }
    }
    bestArea = Math.sqrt(bestArea);
    if (!(retained >= 0 && bestArea > labelArea)) {
      output.push(shape);
      continue;
    }
    let cmin = Number.MAX_VALUE;
    let ps = -1, pe = -1, fps = -1, fpe = -1;
    let ptx = 0, pty = 0, fptx = 0, fpty = 0;
    for (
      let i = (hull[holeE] + 1) % nbp, j = 0;
      i !== (hull[holeS] - 1 + nbp) % nbp;
      i = j
    ) {
      j = (i + 1) % nbp;
      const seg = Math.hypot(x[i] - x[j], y[i] - y[j]);
      const cx = (x[i] + x[j]) / 2, cy = (y[i] + y[j]) / 2;
      const dx = cy - y[i], dy = cx - x[i];
      const ex = cx - dx, ey = cy + dy, fx = cx + dx, fy = cy - dy;
      let b: number;
      if (
        seg < EPSILON ||
        Math.abs(cross(ex, ey, fx, fy, x[retained], y[retained]) / seg) >
          seg / 2
      ) {
        const di = (x[i] - x[retained]) ** 2 + (y[i] - y[retained]) ** 2;
        const dj = (x[j] - x[retained]) ** 2 + (y[j] - y[retained]) ** 2;
        if (di < dj) b = di, ps = i, pe = i;
        else b = dj, ps = j, pe = j;
      } else {
        b = cross(x[i], y[i], x[j], y[j], x[retained], y[retained]) / seg;
        b *= b;
        ps = i, pe = j;
        const p = lineIntersection(
          x[i],
          y[i],
          x[j],
          y[j],
          x[retained],
          y[retained],
          x[retained] - dx,
          y[retained] + dy,
        );
        if (p) [ptx, pty] = p;
      }
      const px = ps === pe ? x[pe] : ptx, py = ps === pe ? y[pe] : pty;
      let valid = true;
      for (let k = hull[holeS]; k !== hull[holeE]; k = (k + 1) % nbp) {
        const l = (k + 1) % nbp;
        if (
          segmentsCrossStrictly(
            x[retained],
            y[retained],
            px,
            py,
            x[k],
            y[k],
            x[l],
            y[l],
          )
        ) {
          valid = false;
          break;
        }
      }
      if (valid && b < cmin) {
        cmin = b, fps = ps, fpe = pe, fptx = ptx, fpty = pty;
      }
    }
    const imin = retained;
    let imax = (fps < retained && fpe < retained) ||
        (fps > retained && fpe > retained)
      ? Math.min(fps, fpe)
      : Math.max(fps, fpe);
    const extra = fpe !== fps ? 1 : 0;
    const nb1 = imax > imin
      ? imax - imin + 1 + extra
      : imax + nbp - imin + 1 + extra;
    const other = imax === fps ? fpe : fps;
    const nb2 = other < imin
      ? imin - other + 1 + extra
      : imin + nbp - other + 1 + extra;
    if (retained === -1 || fps === -1 || fpe === -1) continue;
    if (
      imax === imin || nb1 <= 2 || nb2 <= 2 || nb1 === nbp || nb2 === nbp
    ) {
      output.push(shape);
      continue;
    }
    input.push(extract(shape, nb1, imin, imax, fps, fpe, fptx, fpty));
    imax = other;
    input.push(extract(shape, nb2, imax, imin, fps, fpe, fptx, fpty));
  }
  return output;
}

interface OrientedBox {
  x: number[];
  y: number[];
  alpha: number;
  width: number;
  length: number;
}

/**
 * The oriented rectangle of least area around a shape's convex hull, tried
 * every degree (`PointSet::computeConvexHullOrientedBoundingBox`).
 */
function orientedBox(s: Shape): OrientedBox | null {
  const { x, y, hull } = s;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const i of hull) {
    x0 = Math.min(x0, x[i]), x1 = Math.max(x1, x[i]);
    y0 = Math.min(y0, y[i]), y1 = Math.max(y1, y[i]);
  }
  const dref = x1 - x0;
  if (near(dref, 0) || dref === 0) return null;
  let bestArea = Number.MAX_VALUE,
    bestAlpha = -1,
    bestLength = 0,
    bestWidth = 0;
  let best: number[] = [];
  for (let d = 0; d < 90; d++) {
    const alpha = d * Math.PI / 180;
    let d1 = Math.cos(alpha) * dref, d2 = Math.sin(alpha) * dref;
    const bb = new Array<number>(16).fill(0);
    bb[0] = x0, bb[1] = y1;
    bb[4] = x0, bb[5] = y0;
    bb[8] = x1, bb[9] = y0;
    bb[12] = x1, bb[13] = y1;
    bb[2] = bb[0] + d1, bb[3] = bb[1] + d2;
    bb[6] = bb[4] - d2, bb[7] = bb[5] + d1;
    bb[10] = bb[8] - d1, bb[11] = bb[9] - d2;
    bb[14] = bb[12] + d2, bb[15] = bb[13] - d1;
    for (let i = 0; i < 16; i += 4) {
      const seg = (i / 4 > 0 ? i / 4 - 1 : 3) * Math.PI / 2 + alpha;
      let bestCp = Number.MAX_VALUE;
      for (const j of hull) {
        const cp = cross(bb[i + 2], bb[i + 3], bb[i], bb[i + 1], x[j], y[j]);
        if (cp < bestCp) bestCp = cp;
      }
      const dist = bestCp / dref;
      d1 = Math.cos(seg) * dist, d2 = Math.sin(seg) * dist;
      bb[i] += d1, bb[i + 1] += d2, bb[i + 2] += d1, bb[i + 3] += d2;
    }
    const width = cross(bb[6], bb[7], bb[4], bb[5], bb[12], bb[13]) / dref;
    const length = cross(bb[2], bb[3], bb[0], bb[1], bb[8], bb[9]) / dref;
    const area = Math.abs(width * length);
    if (bestArea - area > EPSILON) {
      bestArea = area, bestLength = length, bestWidth = width;
      bestAlpha = alpha, best = bb;
    }
  }
  const bx: number[] = [], by: number[] = [];
  for (let i = 0; i < 16; i += 4) {
    const p = lineIntersection(
      best[i],
      best[i + 1],
      best[i + 2],
      best[i + 3],
      best[(i + 4) % 16],
      best[(i + 5) % 16],
      best[(i + 6) % 16],
      best[(i + 7) % 16],
    ) ?? [0, 0];
    bx.push(p[0]), by.push(p[1]);
  }
  return {
    x: bx,
    y: by,
    alpha: bestAlpha,
    width: bestWidth,
    length: bestLength,
  };
}

/**
 * PAL's candidates inside a polygon for the "horizontal" (`free` false) and
 * "free" placements, `density` pixels apart (QGIS: √(1 / candidates per
 * pixel²), from 2.5 candidates per cm² by default). Costs are all 0.0001
 * until {@link polygonRingCosts} sets them. Turned (`free`), a box is
 * horizontal where a horizontal label fits (`fitHorizontal`, "free" only:
 * PAL's other arrangements always turn it).
 *
 * @example
 * ```ts
 * import { candidatesForPolygon } from "./polygon.ts";
 * const square = [0, 0, 100, 0, 100, 100, 0, 100, 0, 0];
 * candidatesForPolygon([square], { w: 20, h: 8, dist: 0 }, false, 25).length > 0; // true
 * ```
 */
export function candidatesForPolygon(
  rings: number[][],
  box: LabelBox,
  free: boolean,
  density: number,
  fitHorizontal = free,
): Candidate[] {
  const { w, h } = box;
  const ext = rings[0];
  let x: number[] = [], y: number[] = [];
  for (let i = 0; i + 1 < ext.length; i += 2) {
    x.push(ext[i]), y.push(ext[i + 1]);
  }
  if (x.length < 3) return [];
  x = x.slice(), y = y.slice();
  if (!reorder(x, y)) return [];
  let fx0 = Infinity, fy0 = Infinity, fx1 = -Infinity, fy1 = -Infinity;
  for (let i = 0; i < x.length; i++) {
    fx0 = Math.min(fx0, x[i]), fx1 = Math.max(fx1, x[i]);
    fy0 = Math.min(fy0, y[i]), fy1 = Math.max(fy1, y[i]);
  }
  const shapes = splitPolygons({ x, y, hull: [] }, w * h);
  const boxes: OrientedBox[] = [];
  for (const s of shapes) {
    const b = orientedBox(s);
    if (b) boxes.push(b);
  }
  const out: Candidate[] = [];
  const diago = Math.sqrt(w * w / 4 + h * h / 4);
  const dx = density, dy = density;
  for (const b of boxes) {
    if (b.length * b.width > (fx1 - fx0) * (fy1 - fy0) * 5) continue;
    let enough = false;
    if (fitHorizontal) {
      enough = true;
      const px = (b.x[0] + b.x[2]) / 2 - w;
      const py = (b.y[0] + b.y[2]) / 2 - h;
      for (let i = 0, rx = px; i < 2 && enough; i++, rx += 2 * w) {
        for (let j = 0, ry = py; j < 2; j++, ry += 2 * h) {
          if (!containsProperly(rings, rx, ry)) {
            enough = false;
            break;
          }
        }
      }
    }
    let alpha: number;
    if (!free || enough) alpha = 0;
    else if (b.length > 1.5 * w && b.width > 1.5 * w) {
      alpha = b.alpha <= Math.PI / 4 ? b.alpha : b.alpha - Math.PI / 2;
    } else if (b.length > b.width) alpha = b.alpha - Math.PI / 2;
    else alpha = b.alpha;
    const beta = Math.atan2(h, w) + alpha;
    const dlx = Math.cos(beta) * diago, dly = Math.sin(beta) * diago;
    let px0 = b.width / 2, py0 = b.length / 2;
    px0 -= Math.ceil(px0 / dx) * dx;
    py0 -= Math.ceil(py0 / dy) * dy;
    for (let px = px0; px <= b.width; px += dx) {
      for (let py = py0; py <= b.length; py += dy) {
        const rx = Math.cos(b.alpha) * px +
          Math.cos(b.alpha - Math.PI / 2) * py +
          b.x[0];
        const ry = Math.sin(b.alpha) * px +
          Math.sin(b.alpha - Math.PI / 2) * py +
          b.y[0];
        if (!containsProperly(rings, rx, ry)) continue;
        out.push({
          x: rx - dlx,
          y: ry - dly,
          w,
          h,
          angle: alpha,
          cost: 0.0001,
          quadrant: "over",
        });
      }
    }
  }
  return out;
}

/**
 * PAL's preference for candidates far from the polygon's rings and the
 * map's edge (`CostCalculator::calculateCandidatePolygonRingDistanceCosts`):
 * four times the squared distance from a candidate's centre to the nearest
 * ring, scaled so the farthest candidate gains nothing and the nearest
 * 0.002; nothing when all are as far.
 *
 * @example
 * ```ts
 * import { polygonRingCosts } from "./polygon.ts";
 * const square = [0, 0, 100, 0, 100, 100, 0, 100, 0, 0];
 * const c = (x: number) => ({ x, y: 46, w: 8, h: 8, angle: 0, cost: 0, quadrant: "over" as const });
 * const cands = [c(46), c(6)];
 * polygonRingCosts(cands, [square], [0, 0, 200, 200]);
 * cands[1].cost > cands[0].cost; // true
 * ```
 */
export function polygonRingCosts(
  candidates: Candidate[],
  rings: number[][],
  extent: [number, number, number, number],
  map?: { x0: number; y0: number; k: number },
): void {
  const [ex0, ey0, ex1, ey1] = extent;
  const edge = [ex0, ey0, ex1, ey0, ex1, ey1, ex0, ey1, ex0, ey0];
  // PAL measures in map units: their rounding breaks exact ties
  const mx = map ? (v: number) => map.x0 + v * map.k : (v: number) => v;
  const my = map ? (v: number) => map.y0 + v * map.k : (v: number) => v;
  const all = [...rings, edge].map((r) =>
    r.map((v, i) => i % 2 === 0 ? mx(v) : my(v))
  );
  const d = candidates.map((c) => {
    // CandidatePolygonRingDistanceCalculator: the middle of the first and
    // third corners, its squared distance to the nearest ring
    const cs = Math.cos(c.angle), sn = Math.sin(c.angle);
    const x0 = mx(c.x), y0 = my(c.y);
    const w = map ? c.w * map.k : c.w, h = map ? c.h * map.k : c.h;
    const px = (x0 + (x0 + w * cs - h * sn)) / 2;
    const py = (y0 + (y0 + w * sn + h * cs)) / 2;
    let m = Infinity;
    for (const r of all) {
      for (let i = 0; i + 3 < r.length; i += 2) {
        m = Math.min(
          m,
          segmentDistance2(px, py, r[i], r[i + 1], r[i + 2], r[i + 3]),
        );
      }
    }
    return m;
  });
  let min = Infinity, max = -Infinity;
  for (const v of d) min = Math.min(min, v), max = Math.max(max, v);
  const range = max - min;
  if (!(range > EPSILON)) return;
  const normalizer = 0.002 / range;
  candidates.forEach((c, i) => {
    c.cost += 0.002 - (d[i] - min) * normalizer;
  });
}

/**
 * PAL's preference, among candidates inside a polygon, for those near its
 * centroid (`CostCalculator::calculateCandidatePolygonCentroidDistanceCosts`):
 * up to 0.001 for the farthest.
 *
 * @example
 * ```ts
 * import { polygonCentroidCosts } from "./polygon.ts";
 * const square = [0, 0, 100, 0, 100, 100, 0, 100, 0, 0];
 * const c = (x: number) => ({ x, y: 46, w: 8, h: 8, angle: 0, cost: 0, quadrant: "over" as const });
 * const cands = [c(46), c(6)];
 * polygonCentroidCosts(cands, [square]);
 * cands[1].cost; // 0.001
 * ```
 */
export function polygonCentroidCosts(
  candidates: Candidate[],
  rings: number[][],
  map?: { x0: number; y0: number; k: number },
): void {
  const mx = map ? (v: number) => map.x0 + v * map.k : (v: number) => v;
  const my = map ? (v: number) => map.y0 + v * map.k : (v: number) => v;
  const [cx, cy] = polygonCentroid(
    rings.map((r) => r.map((v, i) => i % 2 === 0 ? mx(v) : my(v))),
  );
  const d = candidates.map((c) => {
    const cs = Math.cos(c.angle), sn = Math.sin(c.angle);
    const x0 = mx(c.x), y0 = my(c.y);
    const w = map ? c.w * map.k : c.w, h = map ? c.h * map.k : c.h;
    const px = (x0 + (x0 + w * cs - h * sn)) / 2;
    const py = (y0 + (y0 + w * sn + h * cs)) / 2;
    return Math.hypot(px - cx, py - cy);
  });
  let min = Infinity, max = -Infinity;
  for (const v of d) min = Math.min(min, v), max = Math.max(max, v);
  if (!(max - min > EPSILON)) return;
  const normalizer = 0.001 / (max - min);
  candidates.forEach((c, i) => c.cost += (d[i] - min) * normalizer);
}
