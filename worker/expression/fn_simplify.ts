/**
 * `simplify(geometry, tolerance)`: QGIS 3.22 simplifies with GEOS's
 * topology-preserving simplifier (GEOS 3.11): Douglas–Peucker section by
 * section, each line or ring through one recursion, where a section is not
 * flattened when its new segment would cross another segment of the
 * geometry (kept or still to be looked at) or when a ring could end up with
 * fewer than 4 points, a line with fewer than 2.
 *
 * @module
 */
import type { Geometry } from "../geometry/types.ts";
import { chargeExpressionWork } from "./budget.ts";
import { ExpressionEvalError } from "./errors.ts";
import { def } from "./registry.ts";
import { isGeometry, toNumber, toText } from "./values.ts";

/** One line or ring being simplified. */
interface Tagged {
  pts: Float64Array;
  // fewest points the result may keep
  min: number;
  // indices of the kept points, in order (built as sections are kept)
  kept: number[];
  // how many segments it has (pts k → k + 1)
  count: number;
  // the id of its first segment in the simplifier
  first: number;
}

// GEOS's Distance::pointToSegment
function pointToSegment(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  if (ax === bx && ay === by) {
    return Math.sqrt((px - ax) * (px - ax) + (py - ay) * (py - ay));
  }
  const len2 = (bx - ax) * (bx - ax) + (by - ay) * (by - ay);
  const r = ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / len2;
  if (r <= 0) return Math.sqrt((px - ax) * (px - ax) + (py - ay) * (py - ay));
  if (r >= 1) return Math.sqrt((px - bx) * (px - bx) + (py - by) * (py - by));
  const s = ((ay - py) * (bx - ax) - (ax - px) * (by - ay)) / len2;
  return Math.abs(s) * Math.sqrt(len2);
}

const orient = (
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
): number => Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));

type Segment = readonly [number, number, number, number];

const isEndOf = (x: number, y: number, s: Segment) =>
  (x === s[0] && y === s[1]) || (x === s[2] && y === s[3]);

// RobustLineIntersector's isInteriorIntersection: the segments meet at a
// point that is not an end of one of them
function interiorIntersection(p: Segment, q: Segment): boolean {
  if (
    Math.max(p[0], p[2]) < Math.min(q[0], q[2]) ||
    Math.max(q[0], q[2]) < Math.min(p[0], p[2]) ||
    Math.max(p[1], p[3]) < Math.min(q[1], q[3]) ||
    Math.max(q[1], q[3]) < Math.min(p[1], p[3])
  ) return false;
  const pq1 = orient(p[0], p[1], p[2], p[3], q[0], q[1]);
  const pq2 = orient(p[0], p[1], p[2], p[3], q[2], q[3]);
  if (pq1 * pq2 > 0) return false;
  const qp1 = orient(q[0], q[1], q[2], q[3], p[0], p[1]);
  const qp2 = orient(q[0], q[1], q[2], q[3], p[2], p[3]);
  if (qp1 * qp2 > 0) return false;
  const interior = (x: number, y: number) =>
    !isEndOf(x, y, p) || !isEndOf(x, y, q);
  if (pq1 === 0 && pq2 === 0 && qp1 === 0 && qp2 === 0) {
    // collinear: the ends of each lying on the other
    const within = (x: number, y: number, s: Segment) =>
      x >= Math.min(s[0], s[2]) && x <= Math.max(s[0], s[2]) &&
      y >= Math.min(s[1], s[3]) && y <= Math.max(s[1], s[3]);
    const points: [number, number][] = [];
    if (within(q[0], q[1], p)) points.push([q[0], q[1]]);
    if (within(q[2], q[3], p)) points.push([q[2], q[3]]);
    if (within(p[0], p[1], q)) points.push([p[0], p[1]]);
    if (within(p[2], p[3], q)) points.push([p[2], p[3]]);
    return points.some(([x, y]) => interior(x, y));
  }
  if (pq1 === 0 || pq2 === 0 || qp1 === 0 || qp2 === 0) {
    // they meet at an end, which RobustLineIntersector picks so
    let x: number, y: number;
    if (isEndOf(p[0], p[1], q)) [x, y] = [p[0], p[1]];
    else if (isEndOf(p[2], p[3], q)) [x, y] = [p[2], p[3]];
    else if (pq1 === 0) [x, y] = [q[0], q[1]];
    else if (pq2 === 0) [x, y] = [q[2], q[3]];
    else if (qp1 === 0) [x, y] = [p[0], p[1]];
    else [x, y] = [p[2], p[3]];
    return interior(x, y);
  }
  return true;
}

// Segments binned by envelope in a grid over the geometry's extent, so
// that a candidate is compared with the segments near it only (GEOS asks a
// quadtree the same: every segment whose envelope meets the candidate's).
class SegmentGrid {
  readonly cells: number[][];
  readonly n: number;
  readonly size: number;
  constructor(
    readonly x0: number,
    readonly y0: number,
    extent: number,
    segments: number,
  ) {
    this.n = Math.max(1, Math.min(512, Math.ceil(Math.sqrt(segments))));
    this.size = extent / this.n || 1;
    this.cells = Array.from({ length: this.n * this.n }, () => []);
  }
  #cell(v: number, origin: number): number {
    return Math.min(
      this.n - 1,
      Math.max(0, Math.floor((v - origin) / this.size)),
    );
  }
  // calls `visit` with each cell the envelope of `s` covers
  cover(s: Segment, visit: (cell: number[]) => void): void {
    const i0 = this.#cell(Math.min(s[0], s[2]), this.x0);
    const i1 = this.#cell(Math.max(s[0], s[2]), this.x0);
    const j0 = this.#cell(Math.min(s[1], s[3]), this.y0);
    const j1 = this.#cell(Math.max(s[1], s[3]), this.y0);
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) visit(this.cells[j * this.n + i]);
    }
  }
}

class Simplifier {
  // every segment, input ones first (line, index), then kept ones
  readonly segments: Segment[] = [];
  readonly owner: (Tagged | null)[] = [];
  readonly index: number[] = [];
  readonly alive: boolean[] = [];
  readonly grid: SegmentGrid;
  #stamp: number[] = [];
  #visit = 0;

  constructor(readonly lines: Tagged[], readonly tolerance: number) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    let count = 0;
    for (const line of lines) {
      const p = line.pts;
      for (let k = 0; k < p.length; k += 2) {
        x0 = Math.min(x0, p[k]);
        x1 = Math.max(x1, p[k]);
        y0 = Math.min(y0, p[k + 1]);
        y1 = Math.max(y1, p[k + 1]);
      }
      count += line.count;
    }
    this.grid = new SegmentGrid(x0, y0, Math.max(x1 - x0, y1 - y0), count);
    chargeExpressionWork(count);
    for (const line of lines) {
      line.first = this.segments.length;
      for (let k = 0; k < line.count; k++) {
        this.#insert(this.segmentOf(line, k), line, k);
      }
    }
  }

  #insert(s: Segment, line: Tagged | null, k: number): void {
    const id = this.segments.length;
    this.segments.push(s);
    this.owner.push(line);
    this.index.push(k);
    this.alive.push(true);
    this.#stamp.push(0);
    this.grid.cover(s, (cell) => cell.push(id));
  }

  segmentOf(line: Tagged, k: number): Segment {
    const p = line.pts;
    return [p[2 * k], p[2 * k + 1], p[2 * k + 2], p[2 * k + 3]];
  }

  badIntersection(line: Tagged, i: number, j: number, c: Segment): boolean {
    const stamp = ++this.#visit;
    let bad = false;
    let looked = 0;
    this.grid.cover(c, (cell) => {
      if (bad) return;
      looked += cell.length;
      for (const id of cell) {
        if (this.#stamp[id] === stamp || !this.alive[id]) continue;
        this.#stamp[id] = stamp;
        // the section's own segments are what it replaces
        const k = this.index[id];
        if (this.owner[id] === line && k >= i && k < j) continue;
        if (interiorIntersection(this.segments[id], c)) {
          bad = true;
          return;
        }
      }
    });
    chargeExpressionWork(looked);
    return bad;
  }

  // the result's point count, as GEOS counts it (0 before any segment)
  resultSize(line: Tagged): number {
    return line.kept.length;
  }

  add(line: Tagged, i: number, j: number): void {
    if (!line.kept.length) line.kept.push(i);
    line.kept.push(j);
    // a kept input segment is already in the grid, as input
    if (i + 1 === j) return;
    const p = line.pts;
    this.#insert([p[2 * i], p[2 * i + 1], p[2 * j], p[2 * j + 1]], null, -1);
  }

  section(line: Tagged, i: number, j: number, depth: number): void {
    depth++;
    if (i + 1 === j) {
      // kept as it is, and still looked at as input
      this.add(line, i, j);
      return;
    }
    let valid = true;
    if (this.resultSize(line) < line.min && depth + 1 < line.min) {
      valid = false;
    }
    const p = line.pts;
    let max = -1, furthest = i;
    for (let k = i + 1; k < j; k++) {
      const d = pointToSegment(
        p[2 * k],
        p[2 * k + 1],
        p[2 * i],
        p[2 * i + 1],
        p[2 * j],
        p[2 * j + 1],
      );
      if (d > max) {
        max = d;
        furthest = k;
      }
    }
    if (max > this.tolerance) valid = false;
    const candidate: Segment = [
      p[2 * i],
      p[2 * i + 1],
      p[2 * j],
      p[2 * j + 1],
    ];
    if (valid && !this.badIntersection(line, i, j, candidate)) {
      for (let k = i; k < j; k++) this.alive[line.first + k] = false;
      this.add(line, i, j);
      return;
    }
    this.section(line, i, furthest, depth);
    this.section(line, furthest, j, depth);
  }
}

/**
 * The geometry simplified as QGIS 3.22 simplifies it (GEOS's
 * TopologyPreservingSimplifier).
 *
 * @example
 * ```ts
 * import { simplifyGeometry } from "./fn_simplify.ts";
 * const line = { kind: "line" as const, parts: [[new Float64Array([0, 0, 1, 0.1, 2, 0])]] };
 * simplifyGeometry(line, 0.5).parts[0][0]; // Float64Array [0, 0, 2, 0]
 * ```
 */
export function simplifyGeometry(g: Geometry, tolerance: number): Geometry {
  if (g.kind === "point") return g;
  const lines: Tagged[] = [];
  for (const part of g.parts) {
    for (const ring of part) {
      const n = ring.length / 2;
      lines.push({
        pts: ring,
        min: g.kind === "polygon" ? 4 : 2,
        kept: [],
        count: Math.max(0, n - 1),
        first: 0,
      });
    }
  }
  const s = new Simplifier(lines, tolerance);
  for (const line of lines) {
    const n = line.pts.length / 2;
    if (n < 2) {
      line.kept = n ? [0] : [];
      continue;
    }
    s.section(line, 0, n - 1, 0);
  }
  let at = 0;
  return {
    kind: g.kind,
    parts: g.parts.map((part) =>
      part.map(() => {
        const line = lines[at++];
        const out = new Float64Array(line.kept.length * 2);
        line.kept.forEach((k, m) => {
          out[2 * m] = line.pts[2 * k];
          out[2 * m + 1] = line.pts[2 * k + 1];
        });
        return out;
      })
    ),
  };
}

def("simplify", 2, 2, ([g, t]) => {
  if (!isGeometry(g)) {
    throw new ExpressionEvalError(`Cannot convert '${toText(g)}' to geometry`);
  }
  const tolerance = toNumber(t);
  if (!(tolerance >= 0)) return null;
  return simplifyGeometry(g, tolerance);
});
