/**
 * The `ogr` provider: vector files read with GDAL (WebAssembly) into the
 * shared feature model. See `provider.ts` for its source keys, what it
 * pushes down and the permissions it needs.
 *
 * @example
 * ```ts ignore
 * import { ogrProvider } from "./mod.ts";
 * const source = ogrProvider.open(layer, ctx);
 * ```
 *
 * @module
 */
export { ogrProvider } from "./provider.ts";
export {
  type OgrPageQuery,
  readVectorLayer,
  readVectorPage,
  type VectorData,
  type VectorQuery,
} from "./read.ts";
