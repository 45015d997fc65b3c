/**
 * Hit tests for feature info (GetFeatureInfo): whether a geometry touches
 * the search rectangle around a clicked point (QGIS Server's
 * `featureInfoSearchRect` queried with an exact intersection), and how far
 * it lies from the point, so the closest features can come first.
 *
 * Pure functions on the flat geometry model of `types.ts`.
 *
 * @module
 */
import type { Geometry, Rect } from "./types.ts";

/**
 * The square search rectangle of half-size `tolerance` around a point.
 *
 * @example
 * ```ts
 * import { searchRect } from "./hit_test.ts";
 * searchRect(10, 20, 2); // { xmin: 8, ymin: 18, xmax: 12, ymax: 22 }
 * ```
 */
export function searchRect(x: number, y: number, tolerance: number): Rect {
  return {
    xmin: x - tolerance,
    ymin: y - tolerance,
    xmax: x + tolerance,
    ymax: y + tolerance,
  };
}

function inRect(x: number, y: number, r: Rect): boolean {
  return x >= r.xmin && x <= r.xmax && y >= r.ymin && y <= r.ymax;
}

/** Liang–Barsky: whether the segment has a point inside the rectangle. */
function segmentHitsRect(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  r: Rect,
): boolean {
  if (inRect(x0, y0, r) || inRect(x1, y1, r)) return true;
  const dx = x1 - x0, dy = y1 - y0;
  let t0 = 0, t1 = 1;
  const edges: [number, number][] = [
    [-dx, x0 - r.xmin],
    [dx, r.xmax - x0],
    [-dy, y0 - r.ymin],
    [dy, r.ymax - y0],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
  }
  return t0 <= t1;
}

function ringHitsRect(ring: Float64Array, r: Rect): boolean {
  if (ring.length === 2) return inRect(ring[0], ring[1], r);
  for (let i = 0; i + 3 < ring.length; i += 2) {
    if (segmentHitsRect(ring[i], ring[i + 1], ring[i + 2], ring[i + 3], r)) {
      return true;
    }
  }
  return false;
}

/** Even–odd crossing test of one ring. */
function insideRing(x: number, y: number, ring: Float64Array): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = ring[i], yi = ring[i + 1], xj = ring[j], yj = ring[j + 1];
    if (
      (yi > y) !== (yj > y) &&
      x < ((xj - xi) * (y - yi)) / (yj - yi) + xi
    ) {
      inside = !inside;
    }
  }
  return inside;
}

/**
 * Whether a point lies inside a polygon geometry (in a part's exterior and
 * in none of its holes).
 *
 * @example
 * ```ts
 * import { pointInPolygon } from "./hit_test.ts";
 * const square = { kind: "polygon" as const, parts: [[new Float64Array([0, 0, 4, 0, 4, 4, 0, 4, 0, 0])]] };
 * pointInPolygon(1, 1, square); // true
 * pointInPolygon(5, 1, square); // false
 * ```
 */
export function pointInPolygon(x: number, y: number, g: Geometry): boolean {
  if (g.kind !== "polygon") return false;
  for (const part of g.parts) {
    if (!part[0] || !insideRing(x, y, part[0])) continue;
    if (!part.slice(1).some((hole) => insideRing(x, y, hole))) return true;
  }
  return false;
}

/**
 * Whether a geometry shares a point with a rectangle: a point inside it, a
 * line crossing or inside it, a polygon overlapping it (also when the
 * rectangle lies wholly inside the polygon).
 *
 * @example
 * ```ts
 * import { hitsRect } from "./hit_test.ts";
 * const line = { kind: "line" as const, parts: [[new Float64Array([0, 0, 10, 0])]] };
 * hitsRect(line, { xmin: 4, ymin: -1, xmax: 6, ymax: 1 }); // true
 * hitsRect(line, { xmin: 4, ymin: 1, xmax: 6, ymax: 2 }); // false
 * ```
 */
export function hitsRect(g: Geometry, r: Rect): boolean {
  for (const part of g.parts) {
    for (const ring of part) {
      if (g.kind === "point") {
        for (let i = 0; i + 1 < ring.length; i += 2) {
          if (inRect(ring[i], ring[i + 1], r)) return true;
        }
      } else if (ringHitsRect(ring, r)) return true;
    }
  }
  // A rectangle wholly inside a polygon touches none of its rings.
  return g.kind === "polygon" &&
    pointInPolygon((r.xmin + r.xmax) / 2, (r.ymin + r.ymax) / 2, g);
}

function segmentDistance2(
  x: number,
  y: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): number {
  const dx = x1 - x0, dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((x - x0) * dx + (y - y0) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const px = x0 + t * dx - x, py = y0 + t * dy - y;
  return px * px + py * py;
}

/**
 * The distance from a point to a geometry (0 inside a polygon), in the
 * geometry's units; `Infinity` for an empty geometry.
 *
 * @example
 * ```ts
 * import { distanceTo } from "./hit_test.ts";
 * const line = { kind: "line" as const, parts: [[new Float64Array([0, 0, 10, 0])]] };
 * distanceTo(line, 5, 3); // 3
 * ```
 */
export function distanceTo(g: Geometry, x: number, y: number): number {
  if (pointInPolygon(x, y, g)) return 0;
  let best = Infinity;
  for (const part of g.parts) {
    for (const ring of part) {
      if (g.kind === "point" || ring.length === 2) {
        for (let i = 0; i + 1 < ring.length; i += 2) {
          const dx = ring[i] - x, dy = ring[i + 1] - y;
          best = Math.min(best, dx * dx + dy * dy);
        }
        continue;
      }
      for (let i = 0; i + 3 < ring.length; i += 2) {
        best = Math.min(
          best,
          segmentDistance2(
            x,
            y,
            ring[i],
            ring[i + 1],
            ring[i + 2],
            ring[i + 3],
          ),
        );
      }
    }
  }
  return Math.sqrt(best);
}
