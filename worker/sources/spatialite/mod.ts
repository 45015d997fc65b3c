/**
 * The `spatialite` provider: SpatiaLite files below the data root, read
 * through GDAL's SQLite driver. See `provider.ts`.
 *
 * @example
 * ```ts ignore
 * import { spatialiteProvider } from "./mod.ts";
 * const source = spatialiteProvider.open(layer, ctx);
 * ```
 *
 * @module
 */
export { spatialiteProvider } from "./provider.ts";
export { asOgrLayer, parseSpatialiteUri, type SpatialiteUri } from "./uri.ts";
