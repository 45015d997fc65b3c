/**
 * The GDAL engine: GDAL compiled to WebAssembly (`npm:gdal3.js`), started
 * once and used one task at a time ({@link withGdal}); its data package
 * read from disk; the `ogr2ogr`/`ogrinfo` library calls; GDAL's messages
 * captured; coordinate transforms (PROJ); opened datasets kept across jobs.
 *
 * Reading layers is the sources' work (`worker/sources/`): this module
 * knows nothing of jobs beyond a layer's id and name.
 *
 * @example
 * ```ts ignore
 * import { withGdal } from "./mod.ts";
 * const version = await withGdal((gdal) => gdal.Module.ccall("GDALVersionInfo", "string", ["string"], ["RELEASE_NAME"]));
 * ```
 *
 * @module
 */
export {
  type Gdal,
  GdalEngineError,
  gdalEngineStats,
  getGdal,
  hintFileSize,
  isWasmFault,
  onGdalReset,
  readMemFile,
  takeGdalMessages,
  vsiPath,
  withGdal,
} from "./gdal.ts";
export {
  type CacheStats,
  DatasetCache,
  datasetCache,
  type DatasetOwner,
  gdalError,
  type LayerInfo,
  mountRoot,
  type OpenDataset,
} from "./dataset_cache.ts";
export { vectorInfo, vectorTranslate, withCString } from "./apps.ts";
export { transformInPlace, transformRect } from "./transform.ts";
