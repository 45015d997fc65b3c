/**
 * A `spatialite` layer's decoded URI as the `ogr` reader's source.
 *
 * QGIS 3.22's `decodeUri('spatialite', …)` writes `path` (the database
 * file), `layerName` (the table), `geometryColumn`, `keyColumn` and
 * `subset` (the layer's filter, in SQLite's SQL). The raw URI's own names
 * (`dbname`, `table`, `geometrycolumn`, `key`, `sql`) are read too.
 *
 * @module
 */
import { decodeSourceJson, openError, sourceText } from "../_util.ts";
import type { SourceLayer } from "../source.ts";

/** The keys of a decoded `spatialite` URI the worker uses. */
export interface SpatialiteUri {
  /** The database file, relative to `<data root>/<folder_name>`. */
  path: string;
  /** The table (or view). */
  layerName: string;
  /** The geometry column, when the table has several. */
  geometryColumn?: string;
  /** The layer's filter in SQLite's SQL. */
  subset?: string;
}

const fail = openError;

/**
 * Decodes a `spatialite` layer's source JSON.
 *
 * @throws {JobError} when the source is not a JSON object or names no file
 * or table.
 * @example
 * ```ts
 * import { parseSpatialiteUri } from "./uri.ts";
 * const uri = parseSpatialiteUri({
 *   id: "l1",
 *   name: "towns",
 *   source: '{"path": "world.sqlite", "layerName": "towns", "geometryColumn": "geom", "subset": "pop > 3"}',
 * });
 * uri.layerName; // "towns"
 * ```
 */
export function parseSpatialiteUri(layer: SourceLayer): SpatialiteUri {
  const record = decodeSourceJson(layer);
  const pick = (r: Record<string, unknown>, ...keys: string[]) =>
    sourceText(layer, r, ...keys);
  const path = pick(record, "path", "dbname");
  if (path === undefined) throw fail(layer, "its source has no 'path'");
  const table = pick(record, "layerName", "layer_name", "table");
  if (table === undefined) throw fail(layer, "its source has no 'layerName'");
  const out: SpatialiteUri = {
    path,
    layerName: table.replace(/^"(.*)"$/, "$1"),
  };
  const geometryColumn = pick(record, "geometryColumn", "geometrycolumn");
  if (geometryColumn !== undefined) out.geometryColumn = geometryColumn;
  const subset = pick(record, "subset", "sql");
  if (subset !== undefined && subset.trim() !== "") out.subset = subset;
  return out;
}

/**
 * The layer as the `ogr` reader opens it: the database file below the data
 * root (a SpatiaLite file is never fetched), its table as the layer.
 *
 * @example
 * ```ts
 * import { asOgrLayer } from "./uri.ts";
 * const layer = asOgrLayer({
 *   id: "l1",
 *   name: "towns",
 *   driver: "spatialite",
 *   remote: true,
 *   source: '{"path": "world.sqlite", "layerName": "towns"}',
 * });
 * layer.remote; // false
 * ```
 */
export function asOgrLayer(layer: SourceLayer): SourceLayer {
  const uri = parseSpatialiteUri(layer);
  const source: Record<string, string> = {
    path: uri.path,
    layerName: uri.layerName,
  };
  if (uri.subset !== undefined) source.subset = uri.subset;
  return {
    ...layer,
    driver: "ogr",
    remote: false,
    source: JSON.stringify(source),
  };
}
