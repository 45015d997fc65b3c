/**
 * A raster whose grid is not north-up (rows south to north, a rotated
 * geotransform) or that is georeferenced by ground control points only,
 * opened as QGIS 3.22's GDAL provider opens it (`QgsGdalProvider::
 * initBaseDataset`): through a north-up warped VRT of GDAL's suggested cell
 * size, nearest neighbour, error threshold 0.2 (`GDALAutoCreateWarpedVRT`),
 * which is then drawn as any north-up raster (its cells as blocks).
 *
 * Call inside `withGdal`.
 *
 * @module
 */
import { type Gdal, onGdalReset } from "../../gdal/gdal.ts";
import {
  datasetCache,
  type DatasetOwner,
  type OpenDataset,
} from "../../gdal/dataset_cache.ts";
import { rasterInfo } from "./read.ts";

// the warped VRT written for each opened source (its file version and open
// options), in gdal3.js's output folder of this GDAL instance
const written = new Map<string, string>();
onGdalReset(() => written.clear());
let serial = 0;

/**
 * The dataset to draw a raster from: the dataset itself when north-up,
 * else (as QGIS's provider) a north-up warped VRT of it, written once per
 * source and kept open in the dataset cache. Falls back to the dataset
 * when GDAL cannot warp it.
 *
 * @example
 * ```ts ignore
 * const ds = await northUpDataset(gdal, layer, openPrepared(gdal, layer, prepared, "raster"));
 * ```
 */
export async function northUpDataset(
  gdal: Gdal,
  layer: DatasetOwner,
  ds: OpenDataset,
): Promise<OpenDataset> {
  // rotated: a geotransform with a negative pixel width, a positive pixel
  // height or rotation terms, or none but ground control points
  if (!rasterInfo(gdal, ds).rotated) return ds;
  const key = ds.source ?? ds.gdalPath;
  let path = written.get(key);
  if (path === undefined) {
    try {
      const out = await gdal.gdalwarp(
        { pointer: ds.pointer, path: ds.path },
        ["-of", "VRT", "-r", "near", "-et", "0.2"],
        `qsl_north_up_${serial++}`,
      );
      path = out.local as string;
    } catch {
      // QGIS draws nothing then either; the grid as it is is our best
      return ds;
    }
    written.set(key, path);
  }
  return datasetCache.open(gdal, layer, "raster", path);
}
