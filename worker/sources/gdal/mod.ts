/**
 * The `gdal` provider: raster files read with GDAL (WebAssembly). See
 * `provider.ts` for its source keys, how blocks are read and the
 * permissions it needs.
 *
 * @example
 * ```ts ignore
 * import { gdalProvider } from "./mod.ts";
 * const source = gdalProvider.open(layer, ctx);
 * ```
 *
 * @module
 */
export { gdalProvider } from "./provider.ts";
export {
  clearWindowCache,
  rasterInfo,
  readWindow,
  representable,
  warpBand,
} from "./read.ts";
export { bandValuesAt, sourcePixel } from "./value_at.ts";
