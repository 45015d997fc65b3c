/**
 * Facts a project file does not hold and QGIS reads from the live source:
 * field types, primary key, geometry type, extent. File sources are read
 * with GDAL (gdal3.js), PostgreSQL sources from the database.
 *
 * @module
 */
// GDAL (WebAssembly) and pg load on first use: a project without file or
// PostgreSQL sources, or --no-read-sources, never pays for them.
import { resolveLocalSource } from "./local_source.ts";

/** QVariant/QMetaType kinds the exporter maps to WFS and OGC API types. */
export type VariantType =
  | "Int"
  | "UInt"
  | "LongLong"
  | "ULongLong"
  | "Double"
  | "Bool"
  | "QDate"
  | "QTime"
  | "QDateTime"
  | "QString"
  | "QByteArray"
  | "QVariantList"
  | "QStringList"
  | "QVariantMap";

/** A field as the data provider reports it. */
export interface SourceField {
  name: string;
  /** The provider's type name, as `QgsField.typeName()` gives it. */
  typeName: string;
  variant: VariantType;
  length: number;
  precision: number;
  nullable: boolean;
  comment: string;
}

/** What the source says about one layer. */
export interface SourceFacts {
  fields: SourceField[];
  primaryKeys: string[];
  /** WKB type name (`Polygon`, `MultiLineString` …) or null. */
  geometryType: string | null;
  extent: [number, number, number, number] | null;
  /**
   * The CRS the data declares, `AUTH:CODE`; "" when it has none (a
   * Shapefile without `.prj`, a TopoJSON, a GeoPackage table of srs_id
   * -1); absent when it has one without an authority code, or no
   * geometry.
   */
  crs?: string;
}

// deno-lint-ignore no-explicit-any
type Json = any;

const OGR_VARIANT: Record<string, VariantType> = {
  Integer: "Int",
  Integer64: "LongLong",
  Real: "Double",
  String: "QString",
  Date: "QDate",
  Time: "QTime",
  DateTime: "QDateTime",
  Binary: "QByteArray",
  IntegerList: "QVariantList",
  Integer64List: "QVariantList",
  RealList: "QVariantList",
  StringList: "QStringList",
};

/**
 * A GDAL geometry type name ("3D Multi Polygon", "Point Z") as WKB name.
 *
 * @example
 * ```ts
 * import { normalizeGeometryType } from "./facts.ts";
 * normalizeGeometryType("3D Multi Polygon"); // "MultiPolygonZ"
 * ```
 */
export function normalizeGeometryType(type: string | null): string | null {
  if (type === null || type === "") return null;
  let t = type.trim();
  let z = "";
  if (/^3D /i.test(t)) {
    t = t.slice(3);
    z = "Z";
  }
  const m = /^(.*?)\s*(ZM|Z|M)$/.exec(t);
  if (m && /[a-z]/.test(m[1])) {
    t = m[1];
    z = m[2];
  }
  t = t.replace(/\s+/g, "");
  if (/^none$/i.test(t)) return "NoGeometry";
  if (/^unknown/i.test(t)) return "Unknown";
  return t + z;
}

/** Where an OGR dataset is and how to open it. */
export interface OgrDatasetRef {
  /** Absolute path of the file or folder on this machine. */
  path: string;
  /** A `/vsi…/` prefix GDAL opens the file through (e.g. `/vsizip/`). */
  vsiPrefix?: string | null;
  /** What follows the file inside a `/vsi…/` archive (e.g. `/a.shp`). */
  vsiSuffix?: string | null;
  /** A GDAL driver prefix the path carried (e.g. `CSV`). */
  driverPrefix?: string | null;
  /** GDAL open options (`-oo`), e.g. `["X_POSSIBLE_NAMES=lon"]`. */
  openOptions?: string[];
  /** Drivers GDAL may use (all when absent), e.g. `["CSV"]`. */
  allowedDrivers?: string[];
  /** The file must lie below this folder (real path), when given. */
  readRoot?: string;
}

const GDAL_OF_RASTER = 0x02;
const GDAL_OF_VECTOR = 0x04;
const GDAL_OF_VERBOSE_ERROR = 0x40;
const mounts = new Map<string, string>();

// The folder GDAL may see is mounted once into gdal3.js's file system
// (Node's file system through Deno, so --allow-read applies): the served
// folder for the API, the machine's root for the CLI.
function mountPoint(gdal: Json, root: string): string {
  let point = mounts.get(root);
  if (point !== undefined) return point;
  const FS = gdal.Module.FS;
  point = `/qslexport/root${mounts.size}`;
  try {
    FS.mkdir("/qslexport");
  } catch { /* exists */ }
  FS.mkdir(point);
  FS.mount(gdal.Module.NODEFS, { root }, point);
  mounts.set(root, point);
  return point;
}

// A C array of C strings (char**) for GDALOpenEx, freed by the caller.
function stringList(M: Json, values: string[]): { ptr: number; free(): void } {
  if (values.length === 0) return { ptr: 0, free() {} };
  const strings = values.map((v) => {
    const bytes = M.lengthBytesUTF8(v) + 1;
    const p = M._malloc(bytes);
    M.stringToUTF8(v, p, bytes);
    return p;
  });
  const ptr = M._malloc((strings.length + 1) * 4);
  strings.forEach((p, i) => M.setValue(ptr + i * 4, p, "i32"));
  M.setValue(ptr + strings.length * 4, 0, "i32");
  return {
    ptr,
    free() {
      strings.forEach((p) => M._free(p));
      M._free(ptr);
    },
  };
}

function lastGdalError(
  M: Json,
  point: string,
  takeMessages: () => string[],
): string | null {
  const lines = takeMessages()
    .filter((l) => /^ERROR \d+:/.test(l))
    .map((l) => l.replace(/^ERROR \d+: /, ""));
  let message: string | null = lines[0] ?? null;
  if (message === null && M._CPLGetLastErrorNo() !== 0) {
    message = M.UTF8ToString(M._CPLGetLastErrorMsg()).trim() || null;
  }
  M._CPLErrorReset();
  return message === null ? null : message.split(point).join("");
}

/**
 * Reads every layer of an OGR dataset in one go (one open per file).
 * Returns facts by layer name, and layer names in dataset order. The file is
 * checked first ({@link resolveLocalSource}): a missing file, a device, a
 * file outside `readRoot` or one GDAL cannot open throws an `Error` naming
 * the reason, never GDAL's own exception.
 *
 * @example
 * ```ts ignore
 * import { readOgrDataset } from "./facts.ts";
 * const { layers } = await readOgrDataset({ path: "/data/demo.gpkg" });
 * layers.get("zones")?.geometryType; // "Polygon"
 * ```
 */
export async function readOgrDataset(
  ref: OgrDatasetRef,
): Promise<{ layers: Map<string, SourceFacts>; order: string[] }> {
  return await withDataset(ref, "vector", async (gdal, pointer) => {
    let info: Json;
    try {
      info = await gdal.ogrinfo({ pointer }, ["-so", "-json", "-nomd"]);
    } catch (error) {
      throw new Error(`GDAL cannot read it: ${describe(error)}`);
    }
    return layersOf(info);
  });
}

/**
 * The extent QGIS's OGR provider gives a layer read with a subset (a filter
 * it passes to OGR as the attribute filter): the envelope of the features
 * the filter keeps, `[xmin, ymin, xmax, ymax]`, or null when it keeps none.
 * A filter OGR refuses throws, as an unreadable file does
 * ({@link readOgrDataset}).
 *
 * @example
 * ```ts ignore
 * import { readOgrFilteredExtent } from "./facts.ts";
 * await readOgrFilteredExtent({ path: "/data/roads.gpkg" }, "roads", "kind = 'A'");
 * ```
 */
export async function readOgrFilteredExtent(
  ref: OgrDatasetRef,
  layer: string,
  where: string,
): Promise<[number, number, number, number] | null> {
  const { takeGdalMessages } = await import("@qgis-server-light/worker/gdal");
  const { vectorTranslate, vectorInfo, withCString } = await import(
    "@qgis-server-light/worker/gdal/apps"
  );
  return await withDataset(ref, "vector", (gdal, pointer) => {
    // GDAL's own extent of a filtered layer may ignore the filter (a
    // Shapefile's header, a GeoPackage's gpkg_contents): the kept features
    // are copied, and their copy measured.
    const M = gdal.Module;
    const dir = "/qsl_exporter";
    try {
      M.FS.mkdir(dir);
    } catch { /* exists */ }
    const dest = `${dir}/filtered.fgb`;
    M._CPLErrorReset();
    takeGdalMessages();
    try {
      const ok = vectorTranslate(gdal, pointer, [
        "-f",
        "FlatGeobuf",
        "-lco",
        "SPATIAL_INDEX=NO",
        "-select",
        "",
        "-where",
        where,
        layer,
      ], dest);
      const message = lastGdalError(M, dir, takeGdalMessages);
      if (!ok || message !== null) {
        throw new Error(
          `GDAL cannot filter it: ${message ?? "GDAL could not read it"}`,
        );
      }
      const out = withCString(
        gdal,
        dest,
        (p: number) => M._GDALOpenEx(p, GDAL_OF_VECTOR, 0, 0, 0),
      );
      if (!out) return null;
      try {
        const info = vectorInfo(gdal, out, ["-so", "-nomd"]) as Json;
        const l = info?.layers?.[0];
        const extent = l?.geometryFields?.[0]?.extent;
        return Number(l?.featureCount ?? 0) > 0 && Array.isArray(extent) &&
            extent.length === 4
          ? [extent[0], extent[1], extent[2], extent[3]]
          : null;
      } finally {
        M._GDALClose(out);
      }
    } finally {
      for (const name of M.FS.readdir(dir) as string[]) {
        if (name !== "." && name !== "..") M.FS.unlink(`${dir}/${name}`);
      }
    }
  });
}

/**
 * The extent of a raster file, `[xmin, ymin, xmax, ymax]` in its CRS, from
 * its geotransform (what QGIS's GDAL provider reports); null when the file
 * has none. Throws as {@link readOgrDataset} does.
 *
 * @example
 * ```ts ignore
 * import { readRasterExtent } from "./facts.ts";
 * const extent = await readRasterExtent({ path: "/data/dem.tif" });
 * ```
 */
export async function readRasterExtent(
  ref: OgrDatasetRef,
): Promise<[number, number, number, number] | null> {
  return await withDataset(ref, "raster", (gdal, pointer) => {
    const M = gdal.Module;
    const width = M._GDALGetRasterXSize(pointer);
    const height = M._GDALGetRasterYSize(pointer);
    const buffer = M._malloc(6 * 8);
    try {
      if (M._GDALGetGeoTransform(pointer, buffer) !== 0) return null;
      const [x0, dx, rx, y0, ry, dy] = new Float64Array(
        M.HEAPF64.buffer,
        buffer,
        6,
      );
      const xs = [
        x0,
        x0 + width * dx,
        x0 + height * rx,
        x0 + width * dx + height * rx,
      ];
      const ys = [
        y0,
        y0 + width * ry,
        y0 + height * dy,
        y0 + width * ry + height * dy,
      ];
      return [
        Math.min(...xs),
        Math.min(...ys),
        Math.max(...xs),
        Math.max(...ys),
      ];
    } finally {
      M._free(buffer);
    }
  });
}

// GDAL's stand-in for a table without a CRS (a GeoPackage's srs_id -1,
// "Undefined Cartesian SRS") is an engineering CRS: nothing reprojects from
// it, and QGIS draws the layer in the CRS its project declares, as for no
// CRS at all.
function engineeringCrs(wkt: string): boolean {
  return /^\s*(LOCAL_CS|ENGCRS|ENGINEERINGCRS)\s*\[/i.test(wkt);
}

/**
 * The CRS a raster file declares, `AUTH:CODE` (the authority its WKT ends
 * with); "" when it has none (a PNG with only a world file, a GeoPackage
 * tile table of srs_id -1); undefined when its WKT names no authority.
 * Throws as {@link readOgrDataset} does.
 *
 * @example
 * ```ts ignore
 * import { readRasterCrs } from "./facts.ts";
 * await readRasterCrs({ path: "/data/dem.tif" }); // "EPSG:2056"
 * ```
 */
export async function readRasterCrs(
  ref: OgrDatasetRef,
): Promise<string | undefined> {
  return await withDataset(ref, "raster", (gdal, pointer) => {
    const M = gdal.Module;
    const wkt = String(M.UTF8ToString(M._GDALGetProjectionRef(pointer)));
    if (wkt.trim() === "" || engineeringCrs(wkt)) return "";
    const id = /ID\["([A-Za-z]+)",(\d+)\]\]\s*$/.exec(wkt) ??
      /AUTHORITY\["([A-Za-z]+)","(\d+)"\]\]\s*$/.exec(wkt);
    return id ? `${id[1].toUpperCase()}:${id[2]}` : undefined;
  });
}

// Opens a dataset (checked first: real path, regular file, read root)
// through the exporter's mount, runs `task` on it and closes it.
async function withDataset<T>(
  ref: OgrDatasetRef,
  kind: "vector" | "raster",
  task: (gdal: Json, pointer: number) => T | Promise<T>,
): Promise<T> {
  const { realPath } = await resolveLocalSource(ref.path, ref.readRoot);
  const { withGdal, takeGdalMessages: take, vsiPath } = await import(
    "@qgis-server-light/worker/gdal"
  );
  return await withGdal(async (gdal) => {
    const M = gdal.Module;
    const root = ref.readRoot ?? "/";
    const point = mountPoint(gdal, root);
    const inside = realPath === root ? "" : realPath.slice(
      root.endsWith("/") ? root.length - 1 : root.length,
    );
    const gdalPath = `${ref.driverPrefix ? `${ref.driverPrefix}:` : ""}${
      vsiPath(ref.vsiPrefix ?? "", `${point}${inside}`, ref.vsiSuffix ?? "")
    }`;
    M._CPLErrorReset();
    take();
    const drivers = stringList(M, ref.allowedDrivers ?? []);
    const options = stringList(M, ref.openOptions ?? []);
    const flags = (kind === "vector" ? GDAL_OF_VECTOR : GDAL_OF_RASTER) |
      GDAL_OF_VERBOSE_ERROR;
    let pointer = 0;
    try {
      pointer = M.ccall(
        "GDALOpenEx",
        "number",
        ["string", "number", "number", "number", "number"],
        [gdalPath, flags, drivers.ptr, options.ptr, 0],
      );
    } catch (error) {
      throw new Error(`GDAL cannot open it: ${describe(error)}`);
    } finally {
      drivers.free();
      options.free();
    }
    if (!pointer) {
      throw new Error(
        `GDAL cannot open it: ${
          lastGdalError(M, point, take) ?? `not a ${kind} dataset GDAL reads`
        }`,
      );
    }
    try {
      return await task(gdal, pointer);
    } finally {
      M._GDALClose(pointer);
    }
  });
}

function layersOf(
  info: Json,
): { layers: Map<string, SourceFacts>; order: string[] } {
  const layers = new Map<string, SourceFacts>();
  const order: string[] = [];
  for (const l of info.layers ?? []) {
    const name = String(l.name);
    order.push(name);
    const geom = l.geometryFields?.[0];
    const fields: SourceField[] = [];
    const primaryKeys: string[] = [];
    const fidName = l.fidColumnName ? String(l.fidColumnName) : "";
    const names = new Set((l.fields ?? []).map((f: Json) => f.name));
    // QGIS's OGR provider shows a named FID column as the first field.
    if (fidName !== "" && !names.has(fidName)) {
      fields.push({
        name: fidName,
        typeName: "Integer64",
        variant: "LongLong",
        length: 0,
        precision: 0,
        nullable: false,
        comment: "",
      });
      primaryKeys.push(fidName);
    }
    for (const f of l.fields ?? []) {
      const type = String(f.type);
      let variant = OGR_VARIANT[type] ?? "QString";
      if (f.subType === "Boolean") variant = "Bool";
      if (f.subType === "JSON" && type === "String") {
        variant = "QVariantMap";
      }
      fields.push({
        name: String(f.name),
        // QGIS's OGR provider names the Boolean and JSON subtypes
        typeName: f.subType === "JSON" || f.subType === "Boolean"
          ? String(f.subType)
          : type,
        variant,
        // QGIS's OGR provider counts a decimal's width without its point.
        length: Number(f.width ?? 0) - (Number(f.precision ?? 0) > 0 ? 1 : 0),
        precision: Number(f.precision ?? 0),
        nullable: f.nullable !== false,
        comment: f.comment ? String(f.comment) : "",
      });
    }
    let geometryType = normalizeGeometryType(
      geom ? String(geom.type) : "None",
    );
    // QGIS's OGR provider reads a shapefile's lines and polygons as multi
    // (a shapefile does not tell them apart).
    if (
      info.driverShortName === "ESRI Shapefile" && geometryType !== null &&
      /^(LineString|Polygon)/.test(geometryType)
    ) geometryType = `Multi${geometryType}`;
    const system = geom?.coordinateSystem;
    const id = system?.projjson?.id;
    const crs = geom === undefined
      ? undefined
      : id?.authority && id?.code !== undefined
      ? `${id.authority}:${id.code}`
      : system?.wkt && !engineeringCrs(system.wkt)
      ? undefined
      : "";
    layers.set(name, {
      fields,
      primaryKeys,
      ...(crs === undefined ? {} : { crs }),
      geometryType,
      extent: Array.isArray(geom?.extent) && geom.extent.length === 4
        ? [geom.extent[0], geom.extent[1], geom.extent[2], geom.extent[3]]
        : null,
    });
  }
  return { layers, order };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return error.map(describe).join("; ");
  if (error && typeof error === "object" && "message" in error) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}

/** How to reach a PostgreSQL database. */
export interface PgConnection {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  sslmode?: string;
}

const PG_VARIANT: Record<string, VariantType> = {
  int2: "Int",
  int4: "Int",
  int8: "LongLong",
  float4: "Double",
  float8: "Double",
  numeric: "Double",
  bool: "Bool",
  date: "QDate",
  time: "QTime",
  timetz: "QTime",
  timestamp: "QDateTime",
  timestamptz: "QDateTime",
  bytea: "QByteArray",
  json: "QVariantMap",
  jsonb: "QVariantMap",
};

/** libpq's user when a source names none: PGUSER, else the login name. */
function defaultPgUser(): string {
  for (const name of ["PGUSER", "USER"]) {
    try {
      const value = Deno.env.get(name);
      if (value) return value;
    } catch { /* not granted: the next one */ }
  }
  return "postgres";
}

/**
 * Reads a table's fields (with primary key), geometry type and extent from
 * PostgreSQL/PostGIS. Throws when the database cannot be reached.
 *
 * @example
 * ```ts ignore
 * import { readPostgresTable } from "./facts.ts";
 * const facts = await readPostgresTable(
 *   { host: "127.0.0.1", database: "test" }, "public", "roads", "geom",
 * );
 * ```
 */
export async function readPostgresTable(
  connection: PgConnection,
  schema: string | null,
  table: string,
  geometryColumn: string | null,
  keyColumns: string[] = [],
): Promise<SourceFacts> {
  const { default: postgres } = await import("postgres");
  const client = postgres({
    host: connection.host ?? "localhost",
    port: connection.port ?? 5432,
    // libpq's default user, read here: the client library reads USERNAME
    // itself, which the exporter's permissions do not grant, and the layer
    // was left unread with "Requires env access to \"USERNAME\""
    username: connection.user ?? defaultPgUser(),
    password: connection.password,
    database: connection.database,
    ssl: connection.sslmode && /require|verify/.test(connection.sslmode)
      ? { rejectUnauthorized: /verify/.test(connection.sslmode) }
      : false,
    connect_timeout: 3,
    query_timeout: 10,
    max: 1,
    fetch_types: false,
    onnotice: () => {},
  });
  try {
    const schemaName = schema ?? "public";
    const columns = await client.unsafe(
      `SELECT a.attname AS name, t.typname AS type,
              format_type(a.atttypid, a.atttypmod) AS full_type,
              a.atttypmod AS typmod, a.attnotnull AS notnull,
              col_description(a.attrelid, a.attnum) AS comment,
              COALESCE(a.attnum = ANY (i.indkey), false) AS pk
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_type t ON t.oid = a.atttypid
         LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
        WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0
          AND NOT a.attisdropped
        ORDER BY a.attnum`,
      [schemaName, table],
    );
    if (columns.length === 0) {
      throw new Error(`relation ${schemaName}.${table} does not exist`);
    }
    const fields: SourceField[] = [];
    const primaryKeys: string[] = [];
    let geometryType: string | null = null;
    let geometryName = geometryColumn;
    let geometryFound = false;
    for (const row of columns) {
      const type = String(row.type);
      if (type === "geometry" || type === "geography") {
        geometryName ??= String(row.name);
        if (String(row.name) === geometryName) {
          geometryFound = true;
          const m = /\((\w+)/.exec(String(row.full_type));
          geometryType = m ? normalizePgGeometry(m[1]) : "Unknown";
        }
        continue;
      }
      const typmod = Number(row.typmod);
      let length = 0;
      let precision = 0;
      if (type === "varchar" || type === "bpchar") {
        length = typmod > 4 ? typmod - 4 : 0;
      } else if (type === "numeric" && typmod > 4) {
        length = ((typmod - 4) >> 16) & 0xffff;
        precision = (typmod - 4) & 0xffff;
      }
      fields.push({
        name: String(row.name),
        typeName: type,
        variant: PG_VARIANT[type] ?? "QString",
        length,
        precision,
        nullable: !row.notnull,
        comment: row.comment ? String(row.comment) : "",
      });
      if (row.pk) primaryKeys.push(String(row.name));
    }
    const keys = keyColumns.length > 0 ? keyColumns : primaryKeys;
    let extent: SourceFacts["extent"] = null;
    if (geometryName && geometryFound) {
      const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
      const e = await client.unsafe(
        `SELECT ST_XMin(x) AS xmin, ST_YMin(x) AS ymin, ST_XMax(x) AS xmax,
                ST_YMax(x) AS ymax
           FROM (SELECT ST_Extent(${ident(geometryName)}::geometry) AS x
                   FROM ${ident(schemaName)}.${ident(table)}) e`,
      );
      const r = e[0];
      if (r && r.xmin !== null) {
        extent = [
          Number(r.xmin),
          Number(r.ymin),
          Number(r.xmax),
          Number(r.ymax),
        ];
      }
    }
    return {
      fields,
      primaryKeys: keys,
      geometryType: geometryName ? geometryType : "NoGeometry",
      // A named geometry column the table lacks (e.g. no PostGIS) stays
      // unknown rather than "no geometry".
      extent,
    };
  } finally {
    await client.end({ timeout: 5 });
  }
}

function normalizePgGeometry(type: string): string {
  const names: Record<string, string> = {
    POINT: "Point",
    LINESTRING: "LineString",
    POLYGON: "Polygon",
    MULTIPOINT: "MultiPoint",
    MULTILINESTRING: "MultiLineString",
    MULTIPOLYGON: "MultiPolygon",
    GEOMETRYCOLLECTION: "GeometryCollection",
    GEOMETRY: "Unknown",
  };
  const m = /^([A-Z]+?)(ZM|Z|M)?$/i.exec(type.toUpperCase());
  if (!m) return "Unknown";
  const base = names[m[1]] ?? "Unknown";
  return base === "Unknown" ? base : base + (m[2] ?? "");
}
