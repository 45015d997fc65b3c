/**
 * A `gpx` layer's decoded URI as the `ogr` reader's source.
 *
 * QGIS 3.22's `decodeUri('gpx', 'tracks.gpx?type=track')` writes `path`
 * and `layerName` (`waypoint`, `route` or `track`; the raw URI's `type` is
 * read too). GDAL's GPX driver names the same layers `waypoints`, `routes`
 * and `tracks`.
 *
 * @module
 */
import { decodeSourceJson, openError } from "../_util.ts";
import type { SourceLayer } from "../source.ts";

const GDAL_LAYERS: Record<string, string> = {
  waypoint: "waypoints",
  route: "routes",
  track: "tracks",
};

const fail = openError;

/**
 * The layer as the `ogr` reader opens it: the GPX file below the data root,
 * GDAL's layer for QGIS's feature type.
 *
 * @throws {JobError} for a source that is not a JSON object, has no `path`,
 * or names a type other than waypoint, route or track.
 * @example
 * ```ts
 * import { asGpxOgrLayer } from "./uri.ts";
 * const layer = asGpxOgrLayer({
 *   id: "l1",
 *   name: "walks",
 *   driver: "gpx",
 *   source: '{"path": "walks.gpx", "layerName": "track"}',
 * });
 * JSON.parse(layer.source).layerName; // "tracks"
 * ```
 */
export function asGpxOgrLayer(layer: SourceLayer): SourceLayer {
  const record = decodeSourceJson(layer);
  let path = typeof record.path === "string" ? record.path : "";
  let type = record.layerName ?? record.layer_name ?? record.type;
  // An undecoded URI: `walks.gpx?type=track`.
  const query = /^(.*)\?(.*)$/.exec(path);
  if (query) {
    path = query[1];
    type ??= new URLSearchParams(query[2]).get("type") ?? undefined;
  }
  if (path === "") throw fail(layer, "its source has no 'path'");
  const gdalLayer = GDAL_LAYERS[String(type ?? "").toLowerCase()];
  if (gdalLayer === undefined) {
    throw fail(
      layer,
      `GPX feature type '${
        String(type ?? "")
      }' is not waypoint, route or track`,
    );
  }
  return {
    ...layer,
    driver: "ogr",
    remote: false,
    source: JSON.stringify({ path, layerName: gdalLayer }),
  };
}
