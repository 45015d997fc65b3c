/**
 * Raster values for feature info: every band's value at a map point (the
 * source pixel under it, no resampling, no data as null), as QGIS's raster
 * identify answers GetFeatureInfo.
 *
 * @module
 */
import type { Gdal } from "../../gdal/gdal.ts";
import type { OpenDataset } from "../../gdal/dataset_cache.ts";
import { transformInPlace } from "../../gdal/transform.ts";
import { isNoCrs } from "../../map/compute.ts";
import { JobError } from "../../runners/types.ts";
import {
  declaredRasterInfo,
  rasterInfo,
  readWindow,
  sameRasterCrs,
} from "./read.ts";

/**
 * The source pixel (column, row) under a point, with GDAL's inverse
 * geotransform (rotated grids included); null outside the raster.
 *
 * @example
 * ```ts
 * import { sourcePixel } from "./value_at.ts";
 * // 10 m cells, top-left corner (100, 200), 5×5 cells
 * sourcePixel([100, 10, 0, 200, 0, -10], 5, 5, 125, 171); // [2, 2]
 * sourcePixel([100, 10, 0, 200, 0, -10], 5, 5, 99, 171); // null
 * ```
 */
export function sourcePixel(
  gt: number[],
  width: number,
  height: number,
  x: number,
  y: number,
): [number, number] | null {
  const det = gt[1] * gt[5] - gt[2] * gt[4];
  if (det === 0) return null;
  const dx = x - gt[0], dy = y - gt[3];
  const col = Math.floor((gt[5] * dx - gt[2] * dy) / det);
  const row = Math.floor((gt[1] * dy - gt[4] * dx) / det);
  if (!(col >= 0 && col < width && row >= 0 && row < height)) return null;
  return [col + 0, row + 0]; // no -0
}

/**
 * Reads every band of an open raster at a point of `crs`: the values (null
 * for no data), or null when the point lies outside the raster. Call
 * inside `withGdal`.
 *
 * @throws {JobError} when the point cannot be reprojected or a band read.
 * @example
 * ```ts ignore
 * import { bandValuesAt } from "./value_at.ts";
 * await bandValuesAt(gdal, ds, layer, [2600105, 1200895], "EPSG:2056");
 * // [512.5]
 * ```
 */
export async function bandValuesAt(
  gdal: Gdal,
  ds: OpenDataset,
  layer: { name: string; crs?: string | null },
  [x, y]: [number, number],
  mapCrs: string,
): Promise<(number | null)[] | null> {
  const info = declaredRasterInfo(rasterInfo(gdal, ds), layer.crs);
  const point = new Float64Array([x, y]);
  const sameCrs = info.crs === null && !info.wkt || isNoCrs(mapCrs) ||
    info.crs !== null && sameRasterCrs(gdal, info, mapCrs);
  if (!sameCrs) {
    let ok: boolean[];
    try {
      ok = transformInPlace(gdal, [point], mapCrs, info.crs ?? info.wkt);
    } catch (error) {
      throw new JobError(
        `Cannot query feature info: layer '${layer.name}' cannot be reprojected from ${mapCrs}: ${
          (error as Error).message
        }`,
        { cause: error },
      );
    }
    if (!ok[0]) return null;
  }
  const at = sourcePixel(
    info.geoTransform,
    info.width,
    info.height,
    point[0],
    point[1],
  );
  if (!at) return null;
  const out: (number | null)[] = [];
  for (let band = 1; band <= info.bandCount; band++) {
    const [v] = await readWindow(
      gdal,
      ds,
      info,
      band,
      at[0],
      at[1],
      1,
      1,
      1,
      1,
    );
    out.push(Number.isNaN(v) ? null : v);
  }
  return out;
}
