/**
 * Decoding the `source` of a web map layer (QGIS provider `wms`): the JSON
 * of QGIS's decoded `wms` URI, as `QgsProviderRegistry.decodeUri('wms', …)`
 * returns it (QGIS 3.22): every value a string, repeated keys collapsed.
 *
 * Three kinds share the provider, told apart as `QgsWmsSettings::parseUri`
 * does: `type=xyz` is an XYZ tile layer; a `tileMatrixSet` (even empty) or
 * `tileDimensions` key makes a WMTS (or WMS-C) layer; anything else is a
 * WMS. Keys checked against QGIS 3.22's decoder and provider:
 *
 * - XYZ: `url` (a template with `{x}`, `{y}`, `{-y}`, `{z}`, `{q}`),
 *   `zmin`, `zmax`, `tilePixelRatio`, `referer` (QGIS ≥ 3.26 writes
 *   `http-header:referer`), `username`, `password`, `authcfg`.
 * - WMS: `url`, `layers`, `styles`, `format`, `crs`, `dpiMode`,
 *   `featureCount`, `contextualWMSLegend`, `IgnoreGetMapUrl`,
 *   `IgnoreGetFeatureInfoUrl`, `IgnoreAxisOrientation`,
 *   `InvertAxisOrientation`, `SmoothPixmapTransform`, `maxWidth`/`maxHeight`
 *   (the flags count when present, whatever their value).
 * - WMTS: the WMS keys plus `tileMatrixSet`, `tileDimensions`
 *   (`name=value` pairs separated by `;`), `tilePixelRatio`.
 *
 * Values may also be numbers or null (the Python client's
 * `to_qgis_decoded_uri` keeps `zmin: None`), and repeated `layers`/`styles`
 * may come comma-joined (our exporter) or as a list.
 *
 * @module
 */
import { JobError } from "../../runners/types.ts";

/** Credentials and headers a web layer sends with each request. */
export interface WebAuth {
  /** HTTP basic user name. */
  username?: string;
  /** HTTP basic password (never logged). */
  password?: string;
  /** Extra request headers (`Referer` from `referer`/`http-header:referer`). */
  headers: Record<string, string>;
}

/** Bits of `dpiMode`: which DPI parameters a GetMap carries. */
export const DpiMode = {
  /** `DPI=` (QGIS Server). */
  qgis: 1,
  /** `MAP_RESOLUTION=` (UMN MapServer). */
  umn: 2,
  /** `FORMAT_OPTIONS=dpi:` (GeoServer). */
  geoServer: 4,
} as const;

/** An XYZ tile layer (always EPSG:3857, Google's tiling). */
export interface XyzSource {
  /** Discriminant. */
  kind: "xyz";
  /** URL template. */
  url: string;
  /** Lowest zoom level served. */
  zmin: number;
  /** Highest zoom level served. */
  zmax: number;
  /** Device pixels per tile pixel (0: unknown, tiles never scaled for dpi). */
  tilePixelRatio: number;
  /** Credentials and headers. */
  auth: WebAuth;
}

/** A WMS layer (one or more server layers drawn in one GetMap). */
export interface WmsSource {
  /** Discriminant. */
  kind: "wms";
  /** The service URL (capabilities and, unless told otherwise, GetMap). */
  url: string;
  /** Server layer names, in the order of the GetMap's `LAYERS`. */
  layers: string[];
  /** One style per layer ("" = the server's default). */
  styles: string[];
  /** Image MIME type requested. */
  format: string;
  /** CRS requested (`EPSG:3857`, `CRS:84`, …). */
  crs: string;
  /** Bit set of {@link DpiMode}; QGIS's default is all three (7). */
  dpiMode: number;
  /** Features per GetFeatureInfo (0: the server's default). */
  featureCount: number;
  /** Whether the legend follows the map's content (`contextualWMSLegend=1`). */
  contextualLegend: boolean;
  /** Use `url` for GetMap instead of the capabilities' GetMap URL. */
  ignoreGetMapUrl: boolean;
  /** Use `url` for GetFeatureInfo instead of the capabilities' URL. */
  ignoreGetFeatureInfoUrl: boolean;
  /** Never swap axes for WMS 1.3 inverted-axis CRSs. */
  ignoreAxisOrientation: boolean;
  /** Swap axes the other way round. */
  invertAxisOrientation: boolean;
  /** Bilinear scaling of images drawn at another size. */
  smoothPixmapTransform: boolean;
  /** Largest GetMap width asked for (0: no limit but the server's). */
  maxWidth: number;
  /** Largest GetMap height asked for. */
  maxHeight: number;
  /** Credentials and headers. */
  auth: WebAuth;
}

/** A WMTS layer (capabilities document, KVP or RESTful tiles). */
export interface WmtsSource extends Omit<WmsSource, "kind"> {
  /** Discriminant. */
  kind: "wmts";
  /** Tile matrix set identifier ("" for WMS-C: the layer's only one). */
  tileMatrixSet: string;
  /** Dimension values (`Time` → `current`, …). */
  tileDimensions: Record<string, string>;
  /** Device pixels per tile pixel (0: unknown). */
  tilePixelRatio: number;
}

/** A decoded web map source. */
export type WebSource = XyzSource | WmsSource | WmtsSource;

/** The job layer fields this module reads (wire names). */
export interface WebLayerRef {
  /** Layer name, for messages. */
  name: string;
  /** The decoded URI as JSON text. */
  source: string;
}

function fail(layer: WebLayerRef, detail: string, cause?: unknown): JobError {
  return new JobError(
    `Cannot open layer '${layer.name}': ${detail}`,
    cause === undefined ? undefined : { cause },
  );
}

type Raw = Record<string, unknown>;

function has(raw: Raw, key: string): boolean {
  return Object.hasOwn(raw, key);
}

function text(layer: WebLayerRef, raw: Raw, key: string): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  if (Array.isArray(value)) {
    // a repeated key: QGIS's decodeUri keeps the last value
    const last = value.at(-1);
    if (last === undefined || last === null) return undefined;
    if (typeof last === "string" || typeof last === "number") {
      return String(last);
    }
  }
  throw fail(layer, `source key '${key}' must be a string`);
}

function list(layer: WebLayerRef, raw: Raw, key: string): string[] {
  const value = raw[key];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) {
    return value.map((v) => {
      if (v === null || v === undefined) return "";
      if (typeof v !== "string" && typeof v !== "number") {
        throw fail(layer, `source key '${key}' must list strings`);
      }
      return String(v);
    });
  }
  const s = text(layer, raw, key) ?? "";
  return s.split(",");
}

// QString::toInt: an integer or 0 (a blank or malformed value counts 0)
function int(
  layer: WebLayerRef,
  raw: Raw,
  key: string,
  fallback: number,
): number {
  const s = text(layer, raw, key);
  if (s === undefined) return fallback;
  const t = s.trim();
  if (t === "") return 0;
  if (!/^[+-]?\d+$/.test(t)) {
    throw fail(layer, `source key '${key}' is not an integer: '${s}'`);
  }
  return Number(t);
}

function num(
  layer: WebLayerRef,
  raw: Raw,
  key: string,
  fallback: number,
): number {
  const s = text(layer, raw, key);
  if (s === undefined) return fallback;
  if (s.trim() === "") return 0;
  const n = Number(s);
  if (!Number.isFinite(n)) {
    throw fail(layer, `source key '${key}' is not a number: '${s}'`);
  }
  return n;
}

function httpUrl(layer: WebLayerRef, url: string | undefined): string {
  if (url === undefined || url.trim() === "") {
    throw fail(layer, "its source has no 'url'");
  }
  let parsed: URL;
  try {
    // templates carry braces, which URL() escapes; only the scheme matters
    parsed = new URL(url.replace(/[{}]/g, "_"));
  } catch (error) {
    throw fail(layer, "its 'url' is not a URL", error);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw fail(layer, `web source scheme '${parsed.protocol}' is not allowed`);
  }
  return url.trim();
}

function auth(layer: WebLayerRef, raw: Raw): WebAuth {
  const out: WebAuth = { headers: {} };
  const username = text(layer, raw, "username");
  const password = text(layer, raw, "password");
  if (username) out.username = username;
  if (password) out.password = password;
  for (const key of Object.keys(raw)) {
    const m = /^http-header:(.+)$/i.exec(key);
    const value = m ? text(layer, raw, key) : undefined;
    if (m && value) out.headers[headerName(m[1])] = value;
  }
  const referer = text(layer, raw, "referer");
  if (referer) out.headers.Referer = referer;
  if (text(layer, raw, "authcfg")) {
    throw fail(
      layer,
      "its source uses a QGIS authentication configuration (authcfg), which only a QGIS installation holds; give username/password instead",
    );
  }
  return out;
}

function headerName(name: string): string {
  const lower = name.toLowerCase();
  if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(lower)) {
    return name;
  }
  return lower.replace(/(^|-)([a-z])/g, (_m, a, b) => a + b.toUpperCase());
}

function flag(raw: Raw, key: string): boolean {
  return has(raw, key);
}

function dimensions(
  layer: WebLayerRef,
  raw: Raw,
): Record<string, string> {
  const out: Record<string, string> = {};
  const value = text(layer, raw, "tileDimensions");
  if (!value) return out;
  for (const pair of value.split(";")) {
    if (pair === "") continue;
    const parts = pair.split("=");
    // as QgsWmsSettings: a name alone is an empty value, more '=' are skipped
    if (parts.length === 1) out[parts[0]] = "";
    else if (parts.length === 2) out[parts[0]] = parts[1];
  }
  return out;
}

/**
 * Decodes a web layer's `source` JSON.
 *
 * @throws {JobError} naming the layer when the JSON is malformed, a key has
 * a wrong type, the URL is not http(s), or the source is an MBTiles file
 * or needs a QGIS authentication configuration.
 * @example
 * ```ts
 * import { parseWebSource } from "./source.ts";
 * const s = parseWebSource({
 *   name: "osm",
 *   source: JSON.stringify({
 *     type: "xyz",
 *     url: "https://tile.example/{z}/{x}/{y}.png",
 *     zmin: "0",
 *     zmax: "19",
 *   }),
 * });
 * s.kind; // "xyz"
 * ```
 */
export function parseWebSource(layer: WebLayerRef): WebSource {
  let parsed: unknown;
  try {
    parsed = JSON.parse(layer.source);
  } catch (error) {
    throw fail(layer, "its source is not valid JSON", error);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw fail(layer, "its source is not a JSON object");
  }
  const raw = parsed as Raw;
  const type = text(layer, raw, "type");
  if (type === "mbtiles") {
    throw fail(layer, "MBTiles raster sources are not supported");
  }
  if (type === "xyz") {
    return {
      kind: "xyz",
      url: httpUrl(layer, text(layer, raw, "url")),
      zmin: int(layer, raw, "zmin", 0),
      zmax: int(layer, raw, "zmax", 18),
      tilePixelRatio: num(layer, raw, "tilePixelRatio", 0),
      auth: auth(layer, raw),
    };
  }
  const styles = list(layer, raw, "styles");
  const layers = list(layer, raw, "layers");
  const wms: Omit<WmsSource, "kind"> = {
    url: httpUrl(layer, text(layer, raw, "url")),
    layers,
    // QGIS refuses a layer whose styles do not pair with its layers; a
    // missing or single empty `styles` means every layer's default style
    styles: styles.length === 0 || (styles.length === 1 && styles[0] === "")
      ? layers.map(() => "")
      : styles,
    format: text(layer, raw, "format") ?? "",
    crs: text(layer, raw, "crs") ?? "",
    dpiMode: int(layer, raw, "dpiMode", 7),
    featureCount: int(layer, raw, "featureCount", 0),
    contextualLegend: text(layer, raw, "contextualWMSLegend") === "1",
    ignoreGetMapUrl: flag(raw, "IgnoreGetMapUrl"),
    ignoreGetFeatureInfoUrl: flag(raw, "IgnoreGetFeatureInfoUrl"),
    ignoreAxisOrientation: flag(raw, "IgnoreAxisOrientation"),
    invertAxisOrientation: flag(raw, "InvertAxisOrientation"),
    smoothPixmapTransform: flag(raw, "SmoothPixmapTransform"),
    maxWidth: has(raw, "maxWidth") && has(raw, "maxHeight")
      ? int(layer, raw, "maxWidth", 0)
      : 0,
    maxHeight: has(raw, "maxWidth") && has(raw, "maxHeight")
      ? int(layer, raw, "maxHeight", 0)
      : 0,
    auth: auth(layer, raw),
  };
  if (layers.length === 0 || layers.every((l) => l === "")) {
    throw fail(layer, "its source names no server layer ('layers')");
  }
  if (wms.styles.length !== layers.length) {
    throw fail(
      layer,
      `its source has ${layers.length} layers but ${wms.styles.length} styles`,
    );
  }
  if (has(raw, "tileMatrixSet") || has(raw, "tileDimensions")) {
    if (layers.length !== 1) {
      throw fail(layer, "a WMTS source must name exactly one layer");
    }
    return {
      kind: "wmts",
      ...wms,
      tileMatrixSet: text(layer, raw, "tileMatrixSet") ?? "",
      tileDimensions: dimensions(layer, raw),
      tilePixelRatio: num(layer, raw, "tilePixelRatio", 0),
    };
  }
  return { kind: "wms", ...wms };
}

/**
 * The URL of a web source with its query and credentials removed, for log
 * lines and messages (a query may carry an API key).
 *
 * @example
 * ```ts
 * import { safeUrl } from "./source.ts";
 * safeUrl("https://u:p@tiles.example/a/1/2/3.png?key=secret"); // "https://tiles.example/a/1/2/3.png"
 * ```
 */
export function safeUrl(url: string | URL): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "<unparsable URL>";
  }
}
