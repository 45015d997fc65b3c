/**
 * Decodes QGIS data-source strings per provider, as
 * `QgsProviderRegistry.decodeUri` does, and builds the config's sources.
 *
 * @module
 */
import { isAbsolute, relative, resolve, sep } from "node:path";
import type {
  GdalSource,
  OgrSource,
  PostgresSource,
  VectorTileSource,
  WmsSource,
  WmtsSource,
  XYZSource,
} from "@qgis-server-light/interface/config";

/** A decoded data source: QGIS's key names, string values. */
export type DecodedUri = Record<string, string | null>;

const DRIVER_PREFIX = /^([A-Za-z][A-Za-z0-9_]+):(?!\/\/)(.+)$/;
const VSI = /^(\/vsi[a-z0-9_]+\/)(.*)$/i;
const ARCHIVE = /^(.*?\.(?:zip|gz|tar|tgz|tar\.gz|7z|rar))(\/.*)$/i;

/**
 * Makes a path relative to the project folder when the project stores it
 * relative (`./data/a.gpkg`, `../shared/b.shp`: QGIS's "relative paths"
 * setting) or when it lies inside that folder; an absolute path outside it
 * stays absolute; URLs stay as they are. The Python exporter makes every
 * path outside the project folder absolute, which a worker that keeps jobs
 * inside its data root cannot open; `../` stays inside the root whenever
 * the data does.
 *
 * @example
 * ```ts
 * import { projectPath } from "./datasource.ts";
 * projectPath("./data/a.gpkg", "/p"); // "data/a.gpkg"
 * projectPath("../shared/b.shp", "/p/q"); // "../shared/b.shp"
 * ```
 */
export function projectPath(path: string, projectDir: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
  const absolute = isAbsolute(path) ? path : resolve(projectDir, path);
  const rel = relative(projectDir, absolute);
  if (
    rel !== "" && !isAbsolute(rel) &&
    (!rel.startsWith("..") || !isAbsolute(path))
  ) {
    return rel.split(sep).join("/");
  }
  return absolute;
}

function splitVsi(path: string): { path: string; vsiPrefix: string | null } {
  const m = VSI.exec(path);
  if (!m) return { path, vsiPrefix: null };
  return { path: m[2], vsiPrefix: m[1] };
}

/**
 * Decodes an OGR URI (`path|layername=x|layerid=n|subset=…`).
 *
 * @example
 * ```ts
 * import { decodeOgrUri } from "./datasource.ts";
 * decodeOgrUri("./data/demo.gpkg|layername=zones", "/p");
 * // { path: "data/demo.gpkg", layerName: "zones", … }
 * ```
 */
export function decodeOgrUri(uri: string, projectDir: string): DecodedUri {
  const parts = uri.split("|");
  const out: DecodedUri = {
    path: null,
    layerName: null,
    layerId: null,
    subset: null,
    vsiPrefix: null,
    vsiSuffix: null,
    driverPrefix: null,
  };
  // "CSV:/data/x.txt" makes GDAL use one driver (a one-letter prefix is a
  // Windows drive).
  let first = parts[0];
  const driver = DRIVER_PREFIX.exec(first);
  if (driver) {
    out.driverPrefix = driver[1];
    first = driver[2];
  }
  const vsi = splitVsi(first);
  let path = vsi.path;
  if (vsi.vsiPrefix) {
    out.vsiPrefix = vsi.vsiPrefix;
    const archive = ARCHIVE.exec(path);
    if (archive) {
      path = archive[1];
      out.vsiSuffix = archive[2];
    }
  }
  out.path = projectPath(path, projectDir);
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i];
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).toLowerCase();
    const value = part.slice(eq + 1);
    if (key === "layername") out.layerName = value;
    else if (key === "layerid") out.layerId = value;
    else if (key === "subset") {
      // A subset may itself contain "|": it runs to the end.
      out.subset = [value, ...parts.slice(i + 1)].join("|");
      break;
    } else if (key === "geometrytype") out.geometryType = value;
  }
  return out;
}

/**
 * Decodes a GDAL raster URI (a path, `/vsi…/` path or `DRIVER:"path":name`).
 *
 * @example
 * ```ts
 * import { decodeGdalUri } from "./datasource.ts";
 * decodeGdalUri("./data/dem.tif", "/p"); // { path: "data/dem.tif", … }
 * ```
 */
export function decodeGdalUri(uri: string, projectDir: string): DecodedUri {
  const out: DecodedUri = { path: null, layerName: null, vsiPrefix: null };
  let path = uri;
  const driver = /^([A-Za-z0-9_]+):"?([^"]+?)"?:([^:]+)$/.exec(uri);
  if (driver && !/^[a-z]:[\\/]/i.test(uri)) {
    path = driver[2];
    out.layerName = driver[3];
  } else {
    const bar = uri.indexOf("|");
    if (bar >= 0) {
      path = uri.slice(0, bar);
      const m = /layername=([^|]*)/i.exec(uri.slice(bar));
      if (m) out.layerName = m[1];
    }
  }
  const vsi = splitVsi(path);
  out.vsiPrefix = vsi.vsiPrefix;
  out.path = vsi.vsiPrefix ? vsi.path : projectPath(vsi.path, projectDir);
  if (vsi.vsiPrefix && !/^[a-z]+:\/\//i.test(vsi.path)) {
    out.path = projectPath(vsi.path, projectDir);
  }
  return out;
}

/**
 * Decodes a URL-encoded URI (`key=value&…`: wms, wmts, xyz, vector tiles).
 *
 * @example
 * ```ts
 * import { decodeQueryUri } from "./datasource.ts";
 * decodeQueryUri("type=xyz&url=https://t/%7Bz%7D&zmax=19").zmax; // "19"
 * ```
 */
export function decodeQueryUri(uri: string): DecodedUri {
  const out: DecodedUri = {};
  for (const part of uri.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    // A key without "=" decodes to null, as QGIS's decodeUri gives it.
    const value = eq < 0 ? null : decode(part.slice(eq + 1));
    // Repeated keys (several layers/styles) are joined with commas, as the
    // provider lists them (QGIS's decodeUri keeps only the last one).
    const before = out[key];
    out[key] = before === undefined || before === null
      ? value
      : value === null
      ? before
      : `${before},${value}`;
  }
  return out;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Decodes a PostgreSQL data-source URI (`QgsDataSourceUri` text:
 * `dbname='x' host=… key='id' table="s"."t" (geom) sql=…`) into the keys of
 * QGIS's postgres `decodeUri`.
 *
 * @example
 * ```ts
 * import { decodePostgresUri } from "./datasource.ts";
 * const d = decodePostgresUri(`dbname='test' table="public"."roads" (geom)`);
 * // d.schema === "public", d.table === "roads", d.geometrycolumn === "geom"
 * ```
 */
export function decodePostgresUri(uri: string): DecodedUri {
  const out: DecodedUri = {};
  let i = 0;
  const n = uri.length;
  const skipSpace = () => {
    while (i < n && /\s/.test(uri[i])) i++;
  };
  const readValue = (): string => {
    skipSpace();
    if (uri[i] === "'" || uri[i] === '"') {
      const quote = uri[i++];
      let value = "";
      while (i < n && uri[i] !== quote) {
        if (uri[i] === "\\" && i + 1 < n) i++;
        value += uri[i++];
      }
      i++;
      return value;
    }
    const start = i;
    while (i < n && !/\s/.test(uri[i])) i++;
    return uri.slice(start, i);
  };
  while (i < n) {
    skipSpace();
    const start = i;
    while (i < n && uri[i] !== "=" && !/\s/.test(uri[i])) i++;
    const key = uri.slice(start, i);
    skipSpace();
    if (uri[i] !== "=") {
      if (key === "") break;
      continue;
    }
    i++;
    if (key === "sql") {
      out.sql = uri.slice(i).trim();
      break;
    }
    if (key === "table") {
      skipSpace();
      const first = readValue();
      if (uri[i] === ".") {
        i++;
        out.schema = first;
        out.table = readValue();
      } else {
        out.table = first;
      }
      skipSpace();
      if (uri[i] === "(") {
        const close = uri.indexOf(")", i);
        out.geometrycolumn = uri.slice(i + 1, close < 0 ? n : close).trim();
        i = close < 0 ? n : close + 1;
      }
      continue;
    }
    const value = readValue();
    switch (key) {
      case "user":
        out.username = value;
        break;
      case "type":
        out.type = String(wkbTypeCode(value));
        break;
      case "sslmode":
        out.sslmode = String(sslModeToInt(value));
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}

/**
 * Decodes a SpatiaLite URI (`dbname='…' table="t" (geom) sql=…`) into the
 * keys of QGIS 3.22's spatialite `decodeUri`: `path` (project-relative as
 * the Python exporter makes paths), `layerName`, `geometryColumn`,
 * `keyColumn`, `subset`.
 *
 * @example
 * ```ts
 * import { decodeSpatialiteUri } from "./datasource.ts";
 * const d = decodeSpatialiteUri(`dbname='/p/w.sqlite' table="towns" (geom)`, "/p");
 * // d.path === "w.sqlite", d.layerName === "towns", d.geometryColumn === "geom"
 * ```
 */
export function decodeSpatialiteUri(
  uri: string,
  projectDir: string,
): DecodedUri {
  const d = decodePostgresUri(uri);
  const out: DecodedUri = {
    path: d.dbname ? projectPath(d.dbname, projectDir) : null,
    layerName: d.table ?? null,
  };
  if (d.geometrycolumn) out.geometryColumn = d.geometrycolumn;
  if (d.key) out.keyColumn = d.key;
  if (d.sql) out.subset = d.sql;
  return out;
}

/**
 * Decodes a GPX URI (`walk.gpx?type=track`) into the keys of QGIS 3.22's
 * gpx `decodeUri`: `path` and `layerName` (`waypoint`, `route`, `track`).
 *
 * @example
 * ```ts
 * import { decodeGpxUri } from "./datasource.ts";
 * decodeGpxUri("/p/walk.gpx?type=track", "/p"); // { path: "walk.gpx", layerName: "track" }
 * ```
 */
export function decodeGpxUri(uri: string, projectDir: string): DecodedUri {
  const q = uri.indexOf("?");
  const path = q < 0 ? uri : uri.slice(0, q);
  const type = q < 0 ? null : decodeQueryUri(uri.slice(q + 1)).type ?? null;
  return { path: projectPath(path, projectDir), layerName: type };
}

/**
 * Decodes a delimited text URI (`file:///p/a.csv?type=csv&xField=x&…`)
 * as QGIS 3.22's delimitedtext `decodeUri` does: `path` and the query's
 * parts, each `key=value` as written, in `openOptions`.
 *
 * @example
 * ```ts
 * import { decodeDelimitedTextUri } from "./datasource.ts";
 * decodeDelimitedTextUri("file:///p/a.csv?type=csv&xField=x&yField=y", "/p");
 * // { path: "a.csv", openOptions: ["type=csv", "xField=x", "yField=y"] }
 * decodeDelimitedTextUri("file:./a.csv?type=csv", "/p").path; // "a.csv"
 * ```
 */
export function decodeDelimitedTextUri(
  uri: string,
  projectDir: string,
): { path: string; openOptions: string[] } {
  const q = uri.indexOf("?");
  let path = decode(q < 0 ? uri : uri.slice(0, q));
  // QGIS writes `file:///abs/a.csv`, and in projects `file:./a.csv`.
  path = path.replace(/^file:(\/\/)?/i, "");
  const openOptions = q < 0
    ? []
    : uri.slice(q + 1).split("&").filter((p) => p !== "");
  return { path: projectPath(path, projectDir), openOptions };
}

/** QgsDataSourceUri::SslMode by libpq name (QGIS ints). */
const SSL_MODES: Record<string, number> = {
  prefer: 0,
  disable: 1,
  allow: 2,
  require: 3,
  "verify-ca": 4,
  "verify-full": 5,
};

/**
 * A libpq sslmode name (or QGIS's `Ssl…` enum name) as QGIS's int.
 *
 * @example
 * ```ts
 * import { sslModeToInt } from "./datasource.ts";
 * sslModeToInt("require"); // 3
 * ```
 */
export function sslModeToInt(mode: string): number {
  const m = mode.trim().toLowerCase();
  if (/^\d+$/.test(m)) return Number(m);
  if (m in SSL_MODES) return SSL_MODES[m];
  const fromEnum = m.replace(/^ssl/, "").replace("verifyca", "verify-ca")
    .replace("verifyfull", "verify-full");
  return SSL_MODES[fromEnum] ?? 0;
}

/**
 * QGIS's int sslmode as the libpq name.
 *
 * @example
 * ```ts
 * import { sslModeToText } from "./datasource.ts";
 * sslModeToText(2); // "allow"
 * ```
 */
export function sslModeToText(mode: number): string {
  return Object.entries(SSL_MODES).find(([, v]) => v === mode)?.[0] ??
    "prefer";
}

const WKB_BASE: Record<string, number> = {
  unknown: 0,
  point: 1,
  linestring: 2,
  polygon: 3,
  multipoint: 4,
  multilinestring: 5,
  multipolygon: 6,
  geometrycollection: 7,
  circularstring: 8,
  compoundcurve: 9,
  curvepolygon: 10,
  multicurve: 11,
  multisurface: 12,
  nogeometry: 100,
};

/**
 * QgsWkbTypes code of a WKB type name (`Polygon`, `MultiLineStringZ` …).
 *
 * @example
 * ```ts
 * import { wkbTypeCode } from "./datasource.ts";
 * wkbTypeCode("MultiPolygon"); // 6
 * ```
 */
export function wkbTypeCode(name: string): number {
  if (/^\d+$/.test(name)) return Number(name);
  const m = /^(.*?)(ZM|Z|M)?(25D)?$/i.exec(name.trim())!;
  const base = WKB_BASE[m[1].toLowerCase()];
  if (base === undefined) return 0;
  if (m[3]) return 0x80000000 + base;
  const dim = (m[2] ?? "").toUpperCase();
  if (base === 100) return 100;
  return base +
    (dim === "Z" ? 1000 : dim === "M" ? 2000 : dim === "ZM" ? 3000 : 0);
}

const nullableInt = (v: string | null | undefined): number | null => {
  if (v === null || v === undefined || v === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? Math.trunc(n) : null;
};

/**
 * The config's OGR source from a decoded OGR URI.
 *
 * @example
 * ```ts
 * import { decodeOgrUri, ogrSource } from "./datasource.ts";
 * ogrSource(decodeOgrUri("./a.gpkg|layername=x", "/p")).layer_name; // "x"
 * ```
 */
export function ogrSource(d: DecodedUri): OgrSource {
  return {
    path: `${d.driverPrefix ? `${d.driverPrefix}:` : ""}${d.path ?? ""}`,
    layer_name: d.layerName ?? null,
    vsi_prefix: d.vsiPrefix ?? null,
    layer_id: d.layerId ?? null,
    subset: d.subset ?? null,
    // an addition to the Python exporter's keys: only where QGIS reads one
    // geometry type of a file holding several
    ...(d.geometryType ? { geometry_type: d.geometryType } : {}),
  };
}

/**
 * The config's GDAL source from a decoded GDAL URI.
 *
 * @example
 * ```ts
 * import { decodeGdalUri, gdalSource } from "./datasource.ts";
 * gdalSource(decodeGdalUri("./dem.tif", "/p")).path; // "dem.tif"
 * ```
 */
export function gdalSource(d: DecodedUri): GdalSource {
  return {
    path: d.path ?? "",
    layer_name: d.layerName ?? null,
    vsi_prefix: d.vsiPrefix ?? null,
  };
}

/**
 * The config's WMS source from a decoded WMS URI.
 *
 * @example
 * ```ts
 * import { decodeQueryUri, wmsSource } from "./datasource.ts";
 * wmsSource(decodeQueryUri("crs=EPSG:2056&format=image/png&layers=a&url=https://w")).layers; // "a"
 * ```
 */
export function wmsSource(d: DecodedUri): WmsSource {
  return {
    crs: d.crs ?? "",
    format: d.format ?? "",
    layers: d.layers ?? "",
    url: d.url ?? "",
    dpi_mode: d.dpiMode ?? null,
    feature_count: nullableInt(d.featureCount),
    contextual_wms_legend: d.contextualWMSLegend ?? null,
    styles: d.styles ?? null,
    ...extras(d, WMS_EXTRAS),
  };
}

// Keys of QGIS's decoded wms URI the Python exporter drops and a job needs,
// written (only when the URI has them) under snake_case names.
const WEB_EXTRAS: [string, string][] = [
  ["referer", "referer"],
  ["http-header:referer", "referer"],
  ["username", "username"],
  ["password", "password"],
];
const WMS_EXTRAS: [string, string][] = [
  ...WEB_EXTRAS,
  ["IgnoreGetMapUrl", "ignore_get_map_url"],
  ["IgnoreGetFeatureInfoUrl", "ignore_get_feature_info_url"],
  ["IgnoreAxisOrientation", "ignore_axis_orientation"],
  ["InvertAxisOrientation", "invert_axis_orientation"],
  ["SmoothPixmapTransform", "smooth_pixmap_transform"],
  ["maxWidth", "max_width"],
  ["maxHeight", "max_height"],
];

// Keys the config leaves out when empty: an empty referer, user or password
// is none (QGIS's XYZ connections write `http-header:referer=` unset), and
// the Python exporter writes none of them.
const OMITTED_WHEN_EMPTY = new Set(["referer", "username", "password"]);

function extras(
  d: DecodedUri,
  keys: [string, string][],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, name] of keys) {
    const value = d[key];
    if (value === undefined || name in out) continue;
    if (!value && OMITTED_WHEN_EMPTY.has(name)) continue;
    out[name] = value ?? "";
  }
  return out;
}

/**
 * The config's WMTS source from a decoded WMS URI with a tile matrix set.
 *
 * @example
 * ```ts
 * import { decodeQueryUri, wmtsSource } from "./datasource.ts";
 * wmtsSource(decodeQueryUri("tileMatrixSet=2056&layers=a&url=https://w")).tile_matrix_set; // "2056"
 * ```
 */
export function wmtsSource(d: DecodedUri): WmtsSource {
  return {
    ...wmsSource(d),
    tile_matrix_set: d.tileMatrixSet ?? "",
    tile_dimensions: d.tileDimensions ?? null,
    tile_pixel_ratio: d.tilePixelRatio ?? null,
    ...(d.type ? { type: d.type } : {}),
  };
}

/**
 * The config's XYZ source from a decoded WMS-provider XYZ URI.
 *
 * @example
 * ```ts
 * import { decodeQueryUri, xyzSource } from "./datasource.ts";
 * xyzSource(decodeQueryUri("type=xyz&url=https://t&zmin=0&zmax=19")).zmax; // 19
 * ```
 */
export function xyzSource(d: DecodedUri): XYZSource {
  return {
    url: d.url ?? "",
    zmin: nullableInt(d.zmin),
    zmax: nullableInt(d.zmax),
    type: d.type ?? null,
    ...extras(d, [["tilePixelRatio", "tile_pixel_ratio"], ...WEB_EXTRAS]),
  };
}

/**
 * The config's vector tile source from a decoded vector tile URI.
 *
 * @example
 * ```ts
 * import { decodeQueryUri, vectorTileSource } from "./datasource.ts";
 * vectorTileSource(decodeQueryUri("type=xyz&url=https://t&zmax=14"), "/p").zmax; // 14
 * ```
 */
export function vectorTileSource(
  d: DecodedUri,
  projectDir: string,
): VectorTileSource {
  const mbtiles = d.type === "mbtiles";
  const file = d.path ?? (mbtiles ? d.url : undefined);
  return {
    type: d.type ?? "xyz",
    zmin: nullableInt(d.zmin),
    zmax: nullableInt(d.zmax),
    // an MBTiles file is QGIS's URI `url`, decoded as `path` (QGIS 3.22's
    // QgsVectorTileProviderMetadata::decodeUri)
    url: mbtiles ? null : d.url ?? null,
    path: file ? projectPath(file, projectDir) : null,
    style_url: d.styleUrl ?? null,
  };
}

/**
 * The config's PostgreSQL source from a decoded (and service-merged) URI,
 * with the Python exporter's defaults (sslmode 2 when unset).
 *
 * @example
 * ```ts
 * import { decodePostgresUri, postgresSource } from "./datasource.ts";
 * postgresSource(decodePostgresUri(`key='id' table="t"`)).key; // "id"
 * ```
 */
export function postgresSource(d: DecodedUri): PostgresSource {
  const sslmode = d.sslmode === null || d.sslmode === undefined
    ? 2
    : sslModeToInt(d.sslmode);
  return {
    key: d.key ?? "",
    table: d.table ?? "",
    schema: d.schema ?? null,
    geometry_column: d.geometrycolumn ?? null,
    dbname: d.dbname ?? null,
    host: d.host ?? null,
    password: d.password ?? null,
    port: nullableInt(d.port),
    type: nullableInt(d.type),
    username: d.username ?? d.user ?? null,
    srid: d.srid ?? null,
    sslmode,
    ssl_mode_text: sslModeToText(sslmode),
    service: d.service ?? null,
    check_primary_key_unicity: d.checkPrimaryKeyUnicity ?? null,
    sql: d.sql ?? null,
  };
}
