/**
 * A `delimitedtext` layer's source: QGIS 3.22's decoded URI.
 *
 * `decodeUri('delimitedtext', 'file:///p/a.csv?type=csv&xField=x&…')`
 * gives `path`, `subset` (the layer's filter, a QGIS expression) and
 * `openOptions`: every other query item as `key=value`, as the URI writes
 * it (our exporter writes them as `open_options`). Values are
 * percent-decoded here. Keys read, as QGIS's provider reads them:
 * `type` (`csv`, `regexp`, `whitespace`; `plain` is `csv` quoting with `'`
 * and `"`), `delimiter`, `quote`, `escape`, `useHeader`, `skipLines`,
 * `trimFields`, `skipEmptyFields`, `maxFields`, `encoding`, `xField` and
 * `yField` (points; `xyDms` for degrees, minutes, seconds) or `wktField` (with `geomType` point/line/polygon),
 * `geomType=none` (no geometry), `crs`, `detectTypes`, `decimalPoint`,
 * `subset`. The same keys at the top level of the JSON, or a raw URI in
 * `path`, are read too.
 *
 * @module
 */
import { decodeSourceJson, openError, sourceText } from "../_util.ts";
import type { SourceLayer } from "../source.ts";
import type { TableOptions, TextGeometry } from "./table.ts";
import { DEFAULT_FORMAT, type TextFormat } from "./text_file.ts";

/** A decoded `delimitedtext` source. */
export interface DelimitedTextUri {
  /** The file, relative to `<data root>/<folder_name>`. */
  path: string;
  /** How records are split. */
  format: TextFormat;
  /** How records become features. */
  table: TableOptions;
  /** The layer's CRS as the URI names it, or null. */
  crs: string | null;
  /** The layer's filter (a QGIS expression), or null. */
  subset: string | null;
  /** The file's encoding (a WHATWG label; QGIS's default UTF-8). */
  encoding: string;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function yes(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  return !value.trim().toLowerCase().startsWith("n");
}

/**
 * Decodes a `delimitedtext` layer's source.
 *
 * @throws {JobError} when the source is not a JSON object, names no file,
 * an unknown `type`, or a number option that is not a whole number.
 * @example
 * ```ts
 * import { parseDelimitedTextUri } from "./uri.ts";
 * const uri = parseDelimitedTextUri({
 *   id: "l1",
 *   name: "stations",
 *   source: JSON.stringify({
 *     path: "stations.csv",
 *     open_options: ["type=csv", "delimiter=;", "decimalPoint=,", "xField=x", "yField=y", "crs=EPSG:2056"],
 *   }),
 * });
 * uri.format.delimiter; // ";"
 * uri.table.decimalPoint; // ","
 * ```
 */
export function parseDelimitedTextUri(layer: SourceLayer): DelimitedTextUri {
  const record = decodeSourceJson(layer);
  const items = new Map<string, string>();
  const put = (key: string, value: string) => {
    // QGIS reads a key's first occurrence.
    if (!items.has(key)) items.set(key, value);
  };
  let path = sourceText(layer, record, "path") ?? "";
  const q = path.indexOf("?");
  if (q >= 0) {
    for (const part of path.slice(q + 1).split("&")) {
      const eq = part.indexOf("=");
      if (eq > 0) put(decode(part.slice(0, eq)), decode(part.slice(eq + 1)));
    }
    path = decode(path.slice(0, q));
  }
  path = path.replace(/^file:(\/\/)?/i, "");
  if (path === "") throw openError(layer, "its source has no 'path'");
  const options = record.openOptions ?? record.open_options;
  if (options !== undefined && options !== null) {
    if (!Array.isArray(options)) {
      throw openError(layer, "source key 'openOptions' must be a list");
    }
    for (const option of options) {
      const text = String(option);
      const eq = text.indexOf("=");
      if (eq > 0) put(text.slice(0, eq), decode(text.slice(eq + 1)));
    }
  }
  for (const [key, value] of Object.entries(record)) {
    if (["path", "openOptions", "open_options"].includes(key)) continue;
    if (typeof value === "string" || typeof value === "number") {
      put(key, String(value));
    } else if (typeof value === "boolean") put(key, value ? "yes" : "no");
  }
  const get = (key: string) => items.get(key);
  const whole = (key: string): number => {
    const value = get(key);
    if (value === undefined || value.trim() === "") return 0;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) {
      throw openError(
        layer,
        `source option '${key}' is not a whole number ('${value}')`,
      );
    }
    return n;
  };
  const type = get("type") ?? get("delimiterType") ?? "csv";
  const format: TextFormat = {
    ...DEFAULT_FORMAT,
    useHeader: yes(get("useHeader"), true),
    skipLines: whole("skipLines"),
    trimFields: yes(get("trimFields"), false),
    skipEmptyFields: yes(get("skipEmptyFields"), false),
    maxFields: whole("maxFields"),
  };
  if (type === "csv" || type === "plain") {
    format.type = "csv";
    if (type === "plain") {
      format.quote = `'"`;
      format.escape = "";
    }
  } else if (type === "regexp" || type === "whitespace") {
    format.type = type;
    format.delimiter = "";
  } else {
    throw openError(
      layer,
      `delimited text type '${type}' is not csv, regexp or whitespace`,
    );
  }
  format.delimiter = get("delimiter") ?? format.delimiter;
  format.quote = get("quote") ?? format.quote;
  format.escape = get("escape") ?? format.escape;
  const geomType = get("geomType")?.toLowerCase();
  let geometry: TextGeometry = null;
  if (geomType !== "none") {
    const wkt = get("wktField");
    const x = get("xField"), y = get("yField");
    if (wkt !== undefined) {
      const kind = geomType === "point"
        ? "point"
        : geomType === "line"
        ? "line"
        : geomType === "polygon"
        ? "polygon"
        : null;
      geometry = { kind: "wkt", field: wkt, type: kind };
    } else if (x !== undefined && y !== undefined) {
      geometry = { kind: "xy", x, y };
    }
  }
  const subset = get("subset");
  const crs = get("crs");
  return {
    path,
    format,
    table: {
      geometry,
      detectTypes: yes(get("detectTypes"), true),
      decimalPoint: get("decimalPoint") ?? "",
      xyDms: yes(get("xyDms"), false),
    },
    crs: crs === undefined || crs.trim() === "" ? null : crs.trim(),
    subset: subset === undefined || subset.trim() === "" ? null : subset,
    encoding: get("encoding") ?? "utf-8",
  };
}
