/**
 * A layer's extent in WGS 84, for projects saved before QGIS 3.18 (which
 * store no `<wgs84extent>`): the extent transformed as
 * `QgsCoordinateTransform::transformBoundingBox` transforms it — a grid of
 * about 1,000 points over the rectangle, the envelope of those that
 * transform — with GDAL's OSR/OCT (PROJ) instead of QGIS's.
 *
 * @module
 */
import type { BBox } from "@qgis-server-light/interface/common";

// deno-lint-ignore no-explicit-any
type Gdal = any;

const OAMS_TRADITIONAL_GIS_ORDER = 0;

/**
 * The sample grid QGIS 3.22 uses for a rectangle: `[columns, rows]`.
 *
 * @example
 * ```ts
 * import { sampleGrid } from "./wgs84.ts";
 * sampleGrid(10, 10); // [32, 32]
 * ```
 */
export function sampleGrid(width: number, height: number): [number, number] {
  const points = 1000;
  const d = Math.sqrt(
    (width * height) / Math.pow(Math.sqrt(points) - 1, 2),
  );
  // A line or a point has no area: its corners (QGIS divides by zero).
  if (!(d > 0) || !Number.isFinite(d)) return [2, 2];
  return [
    Math.min(Math.ceil(width / d) + 1, 1000),
    Math.min(Math.ceil(height / d) + 1, 1000),
  ];
}

function spatialReference(gdal: Gdal, definition: string): number {
  const M = gdal.Module;
  const h = M._OSRNewSpatialReference(0);
  const err = M.ccall("OSRSetFromUserInput", "number", ["number", "string"], [
    h,
    definition,
  ]);
  if (err !== 0) {
    M._OSRDestroySpatialReference(h);
    throw new RangeError(`GDAL does not know the CRS '${definition}'`);
  }
  M._OSRSetAxisMappingStrategy(h, OAMS_TRADITIONAL_GIS_ORDER);
  return h;
}

/**
 * Transforms `bbox` from the CRS `definitions` name (the first GDAL reads:
 * an authority id, a PROJ string, WKT) to WGS 84 longitude/latitude; null
 * when no CRS is known or no point transforms.
 *
 * @example
 * ```ts ignore
 * const wgs84 = await bboxToWgs84(
 *   { x_min: 2600000, y_min: 1200000, x_max: 2601000, y_max: 1201000, z_min: 0, z_max: 0 },
 *   ["EPSG:2056"],
 * );
 * ```
 */
export async function bboxToWgs84(
  bbox: BBox,
  definitions: string[],
): Promise<BBox | null> {
  const { withGdal } = await import("@qgis-server-light/worker/gdal");
  return await withGdal((gdal: Gdal) => {
    const M = gdal.Module;
    let source = 0;
    for (const d of definitions) {
      if (d.trim() === "") continue;
      try {
        source = spatialReference(gdal, d);
        break;
      } catch { /* try the next definition */ }
    }
    if (source === 0) return null;
    const target = spatialReference(gdal, "EPSG:4326");
    const ct = M._OCTNewCoordinateTransformation(source, target) as number;
    M._OSRDestroySpatialReference(source);
    M._OSRDestroySpatialReference(target);
    if (!ct) return null;
    const width = bbox.x_max - bbox.x_min;
    const height = bbox.y_max - bbox.y_min;
    const [nx, ny] = sampleGrid(width, height);
    const n = nx * ny;
    const xs = M._malloc(n * 8);
    const ys = M._malloc(n * 8);
    try {
      const X = new Float64Array(M.HEAPF64.buffer, xs, n);
      const Y = new Float64Array(M.HEAPF64.buffer, ys, n);
      // Accumulated as QGIS accumulates them, step by step.
      const dx = width / (nx - 1);
      const dy = height / (ny - 1);
      let y = bbox.y_min;
      for (let i = 0; i < ny; i++) {
        let x = bbox.x_min;
        for (let j = 0; j < nx; j++) {
          X[i * nx + j] = x;
          Y[i * nx + j] = y;
          x += dx;
        }
        y += dy;
      }
      M._OCTTransform(ct, n, xs, ys, 0);
      const X2 = new Float64Array(M.HEAPF64.buffer, xs, n);
      const Y2 = new Float64Array(M.HEAPF64.buffer, ys, n);
      let out: BBox | null = null;
      for (let i = 0; i < n; i++) {
        const px = X2[i], py = Y2[i];
        if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
        if (out === null) {
          out = {
            x_min: px,
            x_max: px,
            y_min: py,
            y_max: py,
            z_min: 0,
            z_max: 0,
          };
        } else {
          if (px < out.x_min) out.x_min = px;
          if (px > out.x_max) out.x_max = px;
          if (py < out.y_min) out.y_min = py;
          if (py > out.y_max) out.y_max = py;
        }
      }
      return out;
    } finally {
      M._free(xs);
      M._free(ys);
      M._OCTDestroyCoordinateTransformation(ct);
    }
  });
}
