/**
 * Planar measures of the shared geometry model, in map units (what QGIS's
 * `area()`, `length()`, `perimeter()` and `centroid()` return for a
 * projected CRS).
 *
 * @module
 */
import type { Geometry, Rect } from "./types.ts";

function ringArea(r: Float64Array): number {
  let s = 0;
  const n = r.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    s += (r[2 * j] * r[2 * i + 1]) - (r[2 * i] * r[2 * j + 1]);
  }
  return s / 2;
}

function pathLength(c: Float64Array): number {
  let s = 0;
  for (let i = 2; i < c.length; i += 2) {
    s += Math.hypot(c[i] - c[i - 2], c[i + 1] - c[i - 1]);
  }
  return s;
}

/**
 * Area of a polygon geometry (holes subtracted); 0 for points and lines.
 *
 * @example
 * ```ts
 * import { area } from "./measure.ts";
 * area({ kind: "polygon", parts: [[new Float64Array([0, 0, 2, 0, 2, 2, 0, 2, 0, 0])]] }); // 4
 * ```
 */
export function area(g: Geometry): number {
  if (g.kind !== "polygon") return 0;
  let s = 0;
  for (const rings of g.parts) {
    rings.forEach((r, i) =>
      s += i === 0 ? Math.abs(ringArea(r)) : -Math.abs(ringArea(r))
    );
  }
  return s;
}

/**
 * Length of a line geometry; 0 for points and polygons (as QGIS's `length`).
 *
 * @example
 * ```ts
 * import { length } from "./measure.ts";
 * length({ kind: "line", parts: [[new Float64Array([0, 0, 3, 4])]] }); // 5
 * ```
 */
export function length(g: Geometry): number {
  if (g.kind !== "line") return 0;
  return g.parts.reduce((s, p) => s + pathLength(p[0]), 0);
}

/**
 * Perimeter of a polygon geometry (all rings); 0 otherwise.
 *
 * @example
 * ```ts
 * import { perimeter } from "./measure.ts";
 * perimeter({ kind: "polygon", parts: [[new Float64Array([0, 0, 2, 0, 2, 2, 0, 2, 0, 0])]] }); // 8
 * ```
 */
export function perimeter(g: Geometry): number {
  if (g.kind !== "polygon") return 0;
  let s = 0;
  for (const rings of g.parts) for (const r of rings) s += pathLength(r);
  return s;
}

/**
 * Number of vertices.
 *
 * @example
 * ```ts
 * import { numPoints } from "./measure.ts";
 * numPoints({ kind: "line", parts: [[new Float64Array([0, 0, 3, 4])]] }); // 2
 * ```
 */
export function numPoints(g: Geometry): number {
  let n = 0;
  for (const p of g.parts) for (const c of p) n += c.length / 2;
  return n;
}

/**
 * Bounding rectangle, or null when the geometry has no coordinates.
 *
 * @example
 * ```ts
 * import { bounds } from "./measure.ts";
 * bounds({ kind: "line", parts: [[new Float64Array([0, 5, 3, 4])]] }); // { xmin: 0, ymin: 4, xmax: 3, ymax: 5 }
 * ```
 */
export function bounds(g: Geometry): Rect | null {
  let xmin = Infinity, ymin = Infinity, xmax = -Infinity, ymax = -Infinity;
  for (const p of g.parts) {
    for (const c of p) {
      for (let i = 0; i < c.length; i += 2) {
        if (c[i] < xmin) xmin = c[i];
        if (c[i] > xmax) xmax = c[i];
        if (c[i + 1] < ymin) ymin = c[i + 1];
        if (c[i + 1] > ymax) ymax = c[i + 1];
      }
    }
  }
  return xmin <= xmax ? { xmin, ymin, xmax, ymax } : null;
}

/**
 * Centroid (area-weighted for polygons, length-weighted for lines, mean for
 * points), or null for an empty geometry.
 *
 * @example
 * ```ts
 * import { centroid } from "./measure.ts";
 * centroid({ kind: "polygon", parts: [[new Float64Array([0, 0, 2, 0, 2, 2, 0, 2, 0, 0])]] }); // [1, 1]
 * ```
 */
export function centroid(g: Geometry): [number, number] | null {
  let sx = 0, sy = 0, w = 0;
  if (g.kind === "polygon") {
    for (const rings of g.parts) {
      rings.forEach((r, k) => {
        const a = ringArea(r);
        const sign = (k === 0 ? 1 : -1) * Math.sign(a);
        const n = r.length / 2;
        for (let i = 0, j = n - 1; i < n; j = i++) {
          const f = r[2 * j] * r[2 * i + 1] - r[2 * i] * r[2 * j + 1];
          sx += sign * (r[2 * j] + r[2 * i]) * f / 6;
          sy += sign * (r[2 * j + 1] + r[2 * i + 1]) * f / 6;
        }
        w += sign * a;
      });
    }
  } else if (g.kind === "line") {
    for (const p of g.parts) {
      const c = p[0];
      for (let i = 2; i < c.length; i += 2) {
        const l = Math.hypot(c[i] - c[i - 2], c[i + 1] - c[i - 1]);
        sx += l * (c[i] + c[i - 2]) / 2;
        sy += l * (c[i + 1] + c[i - 1]) / 2;
        w += l;
      }
    }
  }
  if (w === 0) {
    // points, or degenerate lines/polygons: the mean of the vertices
    let n = 0;
    sx = sy = 0;
    for (const p of g.parts) {
      for (const c of p) {
        for (let i = 0; i < c.length; i += 2) {
          sx += c[i];
          sy += c[i + 1];
          n++;
        }
      }
    }
    return n ? [sx / n, sy / n] : null;
  }
  return [sx / w, sy / w];
}
