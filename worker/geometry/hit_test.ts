/**
 * Hit tests for feature info (GetFeatureInfo): whether a geometry touches
 * the search rectangle around a clicked point (QGIS Server's
 * `featureInfoSearchRect` queried with an exact intersection).
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
