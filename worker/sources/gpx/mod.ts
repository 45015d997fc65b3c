/**
 * The `gpx` provider: waypoints, routes or tracks of a GPX file below the
 * data root, read through GDAL's GPX driver with the `ogr` reader.
 *
 * @example
 * ```ts ignore
 * import { gpxProvider } from "./mod.ts";
 * const source = gpxProvider.open(layer, ctx);
 * ```
 *
 * @module
 */
import { openThroughOgr } from "../spatialite/provider.ts";
import type { SourceProvider } from "../source.ts";
import { asGpxOgrLayer } from "./uri.ts";

export { asGpxOgrLayer } from "./uri.ts";

/**
 * The `gpx` provider (`--allow-read` on the data root).
 *
 * @example
 * ```ts ignore
 * import { gpxProvider } from "./mod.ts";
 * gpxProvider.key; // "gpx"
 * ```
 */
export const gpxProvider: SourceProvider = {
  key: "gpx",
  kind: "vector",
  open: (layer, ctx) => openThroughOgr("gpx", layer, ctx, asGpxOgrLayer),
};
