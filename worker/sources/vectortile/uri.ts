/**
 * Decoding a vector tile layer's `source` JSON (the exporter's
 * `vector_tile` source: QGIS's decoded `xyzvectortiles` /
 * `mbtilesvectortiles` URI).
 *
 * @module
 */
import { decodeSourceJson, openError, sourceText } from "../_util.ts";
import type { SourceLayer } from "../source.ts";

/** A decoded vector tile source. */
export type VectorTileUri =
  | {
    /** XYZ tiles from a URL template. */
    type: "xyz";
    /** URL template with `{x}`, `{y}` (or `{-y}`) and `{z}`: http(s), or `file:` below the data root. */
    url: string;
    /** Lowest zoom level (QGIS's default 0). */
    zmin: number;
    /** Highest zoom level (QGIS's default 14). */
    zmax: number;
  }
  | {
    /** An MBTiles file. */
    type: "mbtiles";
    /** Its path below `<data root>/<folder_name>`. */
    path: string;
    /** Lowest zoom level the URI gives (the file's metadata wins, as in QGIS 3.22). */
    zmin: number | null;
    /** Highest zoom level the URI gives (the file's metadata wins). */
    zmax: number | null;
  };

function zoom(
  layer: Pick<SourceLayer, "name">,
  raw: Record<string, unknown>,
  key: string,
): number | null {
  const text = sourceText(layer, raw, key);
  if (text === undefined) return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 30) {
    throw openError(
      layer,
      `source key '${key}' is not a zoom level ('${text}')`,
    );
  }
  return n;
}

/**
 * Decodes a vector tile layer's source.
 *
 * @throws {JobError} naming the layer when the JSON is malformed, the type
 * is neither `xyz` nor `mbtiles`, the XYZ URL is not an http(s) or `file:`
 * template with `{x}`, `{y}` and `{z}`, or the MBTiles path is missing.
 * @example
 * ```ts
 * import { parseVectorTileUri } from "./uri.ts";
 * const uri = parseVectorTileUri({
 *   name: "streets", driver: "xyzvectortiles",
 *   source: '{"type": "xyz", "url": "https://t.example/{z}/{x}/{y}.pbf", "zmax": 12}',
 * });
 * uri.type === "xyz" && uri.zmax; // 12
 * ```
 */
export function parseVectorTileUri(
  layer: Pick<SourceLayer, "name" | "source" | "driver">,
): VectorTileUri {
  const raw = decodeSourceJson(layer);
  const driver = (layer.driver ?? "").toLowerCase();
  const type = sourceText(layer, raw, "type") ??
    (driver === "mbtilesvectortiles" ? "mbtiles" : "xyz");
  const zmin = zoom(layer, raw, "zmin");
  const zmax = zoom(layer, raw, "zmax");
  if (type === "mbtiles") {
    // QGIS's own URI names the file `url`; its decoded form `path`
    const path = sourceText(layer, raw, "path", "url");
    if (path === undefined) {
      throw openError(layer, "its MBTiles source has no 'path'");
    }
    return { type, path, zmin, zmax };
  }
  if (type !== "xyz") {
    throw openError(
      layer,
      `vector tile source type '${type}' is not supported (supported: xyz, mbtiles)`,
    );
  }
  const url = sourceText(layer, raw, "url");
  if (url === undefined) throw openError(layer, "its XYZ source has no 'url'");
  if (!/^(https?|file):/i.test(url)) {
    throw openError(
      layer,
      "its tile URL is neither http(s) nor file: (only those are fetched)",
    );
  }
  if (
    !url.includes("{x}") || !(url.includes("{y}") || url.includes("{-y}")) ||
    !url.includes("{z}")
  ) {
    throw openError(
      layer,
      "its tile URL is not a template with {x}, {y} (or {-y}) and {z}",
    );
  }
  return { type: "xyz", url, zmin: zmin ?? 0, zmax: zmax ?? 14 };
}

/**
 * A tile's URL from an XYZ template (`QgsVectorTileUtils::formatXYZUrlTemplate`:
 * `{-y}` is the TMS row).
 *
 * @example
 * ```ts
 * import { tileUrl } from "./uri.ts";
 * tileUrl("https://t/{z}/{x}/{-y}.pbf", { z: 2, x: 1, y: 0 }); // "https://t/2/1/3.pbf"
 * ```
 */
export function tileUrl(
  template: string,
  tile: { z: number; x: number; y: number },
): string {
  let url = template.replaceAll("{x}", String(tile.x));
  url = url.includes("{-y}")
    ? url.replaceAll("{-y}", String(2 ** tile.z - tile.y - 1))
    : url.replaceAll("{y}", String(tile.y));
  return url.replaceAll("{z}", String(tile.z));
}
