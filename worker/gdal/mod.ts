/**
 * Reading data with GDAL compiled to WebAssembly (`npm:gdal3.js`): layer
 * sources resolved below the data root, vector layers read into the shared
 * feature model, opened datasets cached across jobs.
 *
 * @example
 * ```ts ignore
 * import { readVectorLayer } from "./mod.ts";
 * const { features } = await readVectorLayer(layer, {
 *   bbox: { xmin: 2599000, ymin: 1199000, xmax: 2631000, ymax: 1221000 },
 *   crs: "EPSG:2056",
 * }, ctx);
 * ```
 *
 * @module
 */
export { type Gdal, getGdal, takeGdalMessages, withGdal } from "./gdal.ts";
export {
  type LayerRef,
  type LayerSource,
  parseLayerSource,
  type ResolvedSource,
  resolveLayerSource,
  type SourceContext,
} from "./source.ts";
export {
  type CacheStats,
  DatasetCache,
  datasetCache,
  gdalError,
  gdalPathOf,
  type LayerInfo,
  type OpenDataset,
  openPrepared,
  type PreparedSource,
  prepareSource,
} from "./dataset_cache.ts";
export {
  type PageFeature,
  type PageQuery,
  readVectorLayer,
  readVectorPage,
  type VectorData,
  type VectorField,
  type VectorPage,
  type VectorQuery,
} from "./vector.ts";
export type { Fetched } from "./_remote.ts";
export type {
  AttributeValue,
  Feature,
  Geometry,
  GeometryKind,
  Rect,
} from "../geometry/types.ts";
