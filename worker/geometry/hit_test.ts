/**
 * Hit tests for feature info (GetFeatureInfo): whether a geometry touches
 * the search rectangle around a clicked point (QGIS Server's
 * `featureInfoSearchRect` queried with an exact intersection), and how far
 * it lies from the point, so the closest features can come first.
 *
 * Pure functions on the flat geometry model of `types.ts`; the
 * intersection test is `predicates.ts`'s.
 *
 * @module
 */
import type { Geometry, Rect } from "./types.ts";
import { intersects, rectToGeometry } from "./predicates.ts";

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
  return intersects(g, rectToGeometry(r));
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
  if (
    g.kind === "polygon" &&
    intersects({ kind: "point", parts: [[new Float64Array([x, y])]] }, g)
  ) return 0;
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
