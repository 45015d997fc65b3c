/**
 * Layer sources: one interface (`source.ts`) every provider implements, a
 * registry dispatching on the layer's QGIS provider key (`registry.ts`),
 * shared helpers (data-root resolution, remote files, GDAL datasets, hit
 * tests, exact pages) and one folder per provider: `ogr/` (vector files
 * through GDAL), `gdal/` (raster files through GDAL).
 *
 * Runners import this module only, never a provider folder.
 *
 * @example
 * ```ts ignore
 * import { collectFeatures, openSource } from "./mod.ts";
 * const source = openSource(layer, ctx);
 * if (source.kind === "vector") {
 *   const set = await source.features({ bbox, crs: "EPSG:2056" });
 *   const features = await collectFeatures(set);
 * }
 * ```
 *
 * @module
 */
export {
  type BlockRequest,
  collectFeatures,
  type FeaturePage,
  type FeatureQuery,
  type FeatureSet,
  type HitQuery,
  type LegendGraphic,
  type MapDrawRequest,
  type MapImage,
  oneBatch,
  type PageFeature,
  type PageQuery,
  type ProjectedMap,
  type ProjectedPart,
  type ProjectionRequest,
  type RasterInfo,
  type RasterReader,
  type RasterSource,
  type Source,
  type SourceCapabilities,
  type SourceContext,
  type SourceInfoAnswer,
  type SourceInfoRequest,
  type SourceLayer,
  type SourceProvider,
  type VectorField,
  type VectorSource,
} from "./source.ts";
export {
  openSource,
  openVectorSource,
  sourceKind,
  supportedProviders,
} from "./registry.ts";
export type { LayerSource, ResolvedSource } from "./file_source.ts";
export {
  type JoinTable,
  joinTable,
  type OpenJoinLayer,
  type SourceJoin,
  withJoins,
} from "./joins.ts";
