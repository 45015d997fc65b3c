/**
 * Spatial predicates over the shared geometry model (planar, exact on the
 * coordinates given): what OGC filters' Intersects/Disjoint and BBOX need
 * (Within and Contains are GEOS's, `worker/expression/fn_geos.ts`).
 *
 * @module
 */
import type { Geometry, Rect } from "./types.ts";
import { bounds } from "./measure.ts";

type Seg = [number, number, number, number];

function segments(g: Geometry): Seg[] {
  const out: Seg[] = [];
  if (g.kind === "point") return out;
  for (const p of g.parts) {
    for (const c of p) {
      for (let i = 2; i < c.length; i += 2) {
        out.push([c[i - 2], c[i - 1], c[i], c[i + 1]]);
      }
    }
  }
  return out;
}

function vertices(g: Geometry): [number, number][] {
  const out: [number, number][] = [];
  for (const p of g.parts) {
    for (const c of p) {
      for (let i = 0; i < c.length; i += 2) out.push([c[i], c[i + 1]]);
    }
  }
  return out;
}

function orient(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(px: number, py: number, s: Seg): boolean {
  return orient(s[0], s[1], s[2], s[3], px, py) === 0 &&
    Math.min(s[0], s[2]) <= px && px <= Math.max(s[0], s[2]) &&
    Math.min(s[1], s[3]) <= py && py <= Math.max(s[1], s[3]);
}

function segmentsIntersect(a: Seg, b: Seg): boolean {
  const o1 = orient(a[0], a[1], a[2], a[3], b[0], b[1]);
  const o2 = orient(a[0], a[1], a[2], a[3], b[2], b[3]);
  const o3 = orient(b[0], b[1], b[2], b[3], a[0], a[1]);
  const o4 = orient(b[0], b[1], b[2], b[3], a[2], a[3]);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(b[0], b[1], a)) ||
    (o2 === 0 && onSegment(b[2], b[3], a)) ||
    (o3 === 0 && onSegment(a[0], a[1], b)) ||
    (o4 === 0 && onSegment(a[2], a[3], b));
}

/** -1 outside, 0 on the boundary, 1 inside (rings: exterior, holes). */
function pointInRings(x: number, y: number, rings: Float64Array[]): number {
  let inside = false;
  for (const r of rings) {
    for (let i = 2; i < r.length; i += 2) {
      if (onSegment(x, y, [r[i - 2], r[i - 1], r[i], r[i + 1]])) return 0;
    }
    const n = r.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const yi = r[2 * i + 1], yj = r[2 * j + 1];
      if ((yi > y) !== (yj > y)) {
        const xi = r[2 * i], xj = r[2 * j];
        if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside ? 1 : -1;
}

function pointInPolygon(x: number, y: number, g: Geometry): number {
  let best = -1;
  for (const rings of g.parts) best = Math.max(best, pointInRings(x, y, rings));
  return best;
}

function rectsIntersect(a: Rect, b: Rect): boolean {
  return a.xmin <= b.xmax && b.xmin <= a.xmax && a.ymin <= b.ymax &&
    b.ymin <= a.ymax;
}

/**
 * Whether two geometries share at least one point.
 *
 * @example
 * ```ts
 * import { intersects } from "./predicates.ts";
 * const square = { kind: "polygon" as const, parts: [[new Float64Array([0, 0, 4, 0, 4, 4, 0, 4, 0, 0])]] };
 * intersects({ kind: "point", parts: [[new Float64Array([1, 1])]] }, square); // true
 * ```
 */
export function intersects(a: Geometry, b: Geometry): boolean {
  const ba = bounds(a), bb = bounds(b);
  if (!ba || !bb || !rectsIntersect(ba, bb)) return false;
  const sa = segments(a), sb = segments(b);
  for (const s of sa) {
    for (const t of sb) if (segmentsIntersect(s, t)) return true;
  }
  if (
    b.kind === "polygon" &&
    vertices(a).some(([x, y]) => pointInPolygon(x, y, b) >= 0)
  ) {
    return true;
  }
  if (
    a.kind === "polygon" &&
    vertices(b).some(([x, y]) => pointInPolygon(x, y, a) >= 0)
  ) {
    return true;
  }
  const va = vertices(a), vb = vertices(b);
  if (a.kind === "point") {
    if (b.kind === "point") {
      return va.some(([x, y]) => vb.some(([u, v]) => x === u && y === v));
    }
    return va.some(([x, y]) => sb.some((s) => onSegment(x, y, s)));
  }
  if (b.kind === "point") {
    return vb.some(([x, y]) => sa.some((s) => onSegment(x, y, s)));
  }
  return false;
}

/**
 * The rectangle as a polygon geometry.
 *
 * @example
 * ```ts
 * import { rectToGeometry } from "./predicates.ts";
 * rectToGeometry({ xmin: 0, ymin: 0, xmax: 1, ymax: 1 }).kind; // "polygon"
 * ```
 */
export function rectToGeometry(r: Rect): Geometry {
  return {
    kind: "polygon",
    parts: [[
      new Float64Array([
        r.xmin,
        r.ymin,
        r.xmax,
        r.ymin,
        r.xmax,
        r.ymax,
        r.xmin,
        r.ymax,
        r.xmin,
        r.ymin,
      ]),
    ]],
  };
}
