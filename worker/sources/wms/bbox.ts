/**
 * `QgsCoordinateTransform::transformBoundingBox` (QGIS 3.22): about 1,000
 * points on a grid over the rectangle — the steps accumulated as QGIS
 * accumulates them, so that the result matches QGIS's to the last bit —
 * transformed, and their envelope; points that fail are skipped.
 *
 * @module
 */
import type { Rect } from "../../geometry/types.ts";
import type { Gdal } from "../../gdal/gdal.ts";
import { transformInPlace } from "../../gdal/transform.ts";

/**
 * The sample points QGIS transforms for a rectangle's bounding box, x/y
 * interleaved.
 *
 * @example
 * ```ts
 * import { boundingBoxSamples } from "./bbox.ts";
 * boundingBoxSamples({ xmin: 0, ymin: 0, xmax: 1, ymax: 1 }).length; // 2048
 * ```
 */
export function boundingBoxSamples(rect: Rect): Float64Array {
  const n = 1000;
  const w = rect.xmax - rect.xmin, h = rect.ymax - rect.ymin;
  const d = Math.sqrt((w * h) / Math.pow(Math.sqrt(n) - 1, 2));
  const nx = Math.min(Math.ceil(w / d) + 1, 1000);
  const ny = Math.min(Math.ceil(h / d) + 1, 1000);
  const xy = new Float64Array(nx * ny * 2);
  const dx = w / (nx - 1), dy = h / (ny - 1);
  let y = rect.ymin;
  for (let i = 0; i < ny; i++) {
    let x = rect.xmin;
    for (let j = 0; j < nx; j++) {
      const k = 2 * (i * nx + j);
      xy[k] = x;
      xy[k + 1] = y;
      x += dx;
    }
    y += dy;
  }
  return xy;
}

/**
 * A rectangle's bounding box in another CRS, as QGIS computes it; null
 * when no sample point transforms.
 *
 * @example
 * ```ts ignore
 * const r = withGdal((gdal) => transformBoundingBox(gdal, rect, "EPSG:2056", "EPSG:3857"));
 * ```
 */
export function transformBoundingBox(
  gdal: Gdal,
  rect: Rect,
  from: string,
  to: string,
): Rect | null {
  if (!(rect.xmax > rect.xmin) || !(rect.ymax > rect.ymin)) return null;
  const xy = boundingBoxSamples(rect);
  transformInPlace(gdal, [xy], from, to);
  let out: Rect | null = null;
  for (let k = 0; k < xy.length; k += 2) {
    const x = xy[k], y = xy[k + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (out === null) out = { xmin: x, ymin: y, xmax: x, ymax: y };
    else {
      if (x < out.xmin) out.xmin = x;
      if (x > out.xmax) out.xmax = x;
      if (y < out.ymin) out.ymin = y;
      if (y > out.ymax) out.ymax = y;
    }
  }
  return out;
}
