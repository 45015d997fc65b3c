/**
 * Reading vector files with GDAL (WebAssembly), for the `ogr` provider.
 *
 * gdal3.js exports only a small part of OGR's C API (no feature iteration),
 * so features leave GDAL through `ogr2ogr`: the source's subset and the
 * job's filter as an OGR SQL `WHERE` (pushed down to the driver: GeoPackage
 * runs it in SQLite), the map extent as a spatial filter (spatial indexes
 * used), written as FlatGeobuf (binary, no spatial index) into the in-memory
 * file system and decoded here straight into the shared feature model, then
 * reprojected to the map CRS in one batch. FlatGeobuf was the fastest output
 * measured (see `vector_bench.ts`): faster than GeoJSON text, GeoPackage or
 * Shapefile.
 *
 * A local GeoPackage table without subset or OGR SQL filter is read straight
 * from SQLite instead (`_gpkg.ts`, Deno's `node:sqlite`, read-only) when
 * that gives exactly what this route gives — the same fields (GDAL's own
 * description of the layer), values, ids, order, spatial filter and
 * geometries; `gpkg_direct_test.ts` compares the two. Anything else stays
 * here.
 *
 * A small GeoJSON layer (GDAL holds it in memory and reads it in FID order,
 * filtered or not) is read whole once per file version and statement and
 * kept (`_layer_cache.ts`); a map's view is filtered from it as GDAL's
 * spatial filter does, where that is exact for every geometry of the layer
 * (`geojson_whole_test.ts` compares the two). So is a small layer with an
 * attribute named `FID`, read by rowid in GDAL's SQLite dialect (OGR SQL's
 * `FID` names the attribute there), which costs 20–50 ms a statement
 * (`fid_attribute_test.ts`).
 *
 * @module
 */
import type {
  AttributeValue,
  Feature,
  Geometry,
  GeometryKind,
  Rect,
} from "../../geometry/types.ts";
import { JobError } from "../../runners/types.ts";
import {
  type Gdal,
  readMemFile,
  takeGdalMessages,
  withGdal,
} from "../../gdal/gdal.ts";
import {
  datasetCache,
  gdalError,
  type LayerInfo,
  type OpenDataset,
} from "../../gdal/dataset_cache.ts";
import { openPrepared, prepareSource } from "../gdal_dataset.ts";
import { type LayerClip, layerClip, reprojectFeatures } from "../_util.ts";
import type { LayerRef, LayerSource, SourceContext } from "../file_source.ts";
import {
  type FeaturePage,
  oneBatch,
  type PageFeature,
  type VectorField,
} from "../source.ts";
import {
  type FgbColumn,
  type FgbGeometry,
  FgbGeometryType as T,
  type FgbHeader,
  readFlatGeobuf,
  readProperties,
} from "./_flatgeobuf.ts";
import { toWkb } from "./_wkb.ts";
import {
  GpkgBlobReader,
  type GpkgGeometryChunk,
  gpkgGeometryChunks,
  type GpkgRow,
  gpkgRows,
  type GpkgTable,
  gpkgTable,
} from "./_gpkg.ts";
import {
  getWholeLayer,
  setWholeLayer,
  WHOLE_LAYER_FEATURES,
  WHOLE_LAYER_MAX_ENTRY,
  wholeLayerStats,
} from "./_layer_cache.ts";
import { shpRows, shpTable } from "./_shp.ts";
import { DIRECT_PAGE_FEATURES, directWholePage } from "./_direct_pages.ts";
import { hitsRect } from "../../geometry/hit_test.ts";
import type { PreparedSource } from "../gdal_dataset.ts";
import { parseOgrDate } from "../dates.ts";
import { vectorInfo, vectorTranslate } from "../../gdal/apps.ts";
import { transformInPlace, transformRect } from "../../gdal/transform.ts";

/** What to read from a layer for a map. */
export interface VectorQuery {
  /** Extent in the map CRS (already grown for symbol extents). */
  bbox: Rect;
  /** Map CRS, `AUTH:CODE` (e.g. `EPSG:2056`). */
  crs: string;
  /** OGR SQL attribute filter pushed down to GDAL (ANDed with the subset). */
  where?: string;
  /** Fields to read; absent or `"all"`: every field. */
  fields?: string[] | "all";
  /**
   * False: read through GDAL even where the direct GeoPackage path
   * (`_gpkg.ts`) or a small GeoJSON layer's kept whole read
   * (`_layer_cache.ts`) would be exact (tests compare the two).
   */
  direct?: boolean;
  /**
   * The caller is done with each batch before it asks for the next: its
   * features and their arrays may be reused by later batches.
   */
  transient?: boolean;
}

/** Features read for a map. */
export interface VectorData {
  /** The fields read, in layer order; a named FID column (GeoPackage's `fid`) first, as QGIS lists it. */
  fields: VectorField[];
  /** The layer's simple geometry type, or null when it has none / is mixed and empty. */
  geometryKind: GeometryKind | null;
  /** Features inside the bbox, in the map CRS (each with a geometry of `geometryKind`). */
  features: Feature[];
}

/** What to read for one page of a feature request, in OGR SQL. */
export interface OgrPageQuery {
  /** OGR SQL attribute filter (ANDed with the subset). */
  where?: string;
  /** Spatial filter. */
  bbox?: Rect;
  /** CRS of `bbox` (`AUTH:CODE`); absent: the layer's CRS. */
  bboxCrs?: string;
  /** Output CRS of the geometries; absent: the layer's CRS (as QGIS's `asWkb`). */
  crs?: string;
  /** Features to skip. */
  startIndex: number;
  /** Most features to return; null: all. */
  count: number | null;
  /** Pages are ordered by feature id. */
  orderByFid: true;
  /** As {@link VectorQuery.direct}. */
  direct?: boolean;
}
const FID = "qsl_fid";
let outputSerial = 0;

function fail(layer: LayerRef, detail: string, cause?: unknown): JobError {
  return new JobError(
    `Cannot open layer '${layer.name}': ${detail}`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * What shapelib reports of an ESRI spatial index (`.sbn`) it cannot use
 * (sbnsearch.c): the shapefile driver then scans every shape against the
 * filter instead, so the read is whole, as QGIS draws it.
 */
const SBN_INDEX_ERROR =
  /\.sbn\b|shape count (?:for|in) bin|^Unexpected bin (?:id|size)|nBinStart|^First referenced bin|^All nodes are empty|^Cannot read node descriptors/;

/**
 * What GEOS reports of a ring it cannot build (an unclosed ring, one of
 * fewer than 4 points) when GDAL tests a shape against a spatial filter
 * (`OGRLayer::FilterGeometry`): GDAL counts the shape as outside the filter
 * and reads on, as QGIS's provider skips it (QGIS Server answers no such
 * feature).
 */
const GEOS_RING_ERROR =
  /^IllegalArgumentException: (?:Points of LinearRing do not form a closed linestring|Invalid number of points in LinearRing)/;

/**
 * gdal3.js rejects only on some error numbers; any error GDAL reported
 * during a read (a VRT's missing source, a failed feature) fails the read
 * rather than drawing a silently incomplete map; not an unusable `.sbn`
 * index, which GDAL reads around, nor a ring GEOS cannot build under a
 * spatial filter, which GDAL and QGIS leave out.
 */
function throwOnGdalError(
  gdal: Gdal,
  layer: LayerRef,
  messages: string[] = takeGdalMessages(),
): void {
  const errors = messages.filter((l) =>
    /^ERROR \d+:/.test(l) &&
    !SBN_INDEX_ERROR.test(l.replace(/^ERROR \d+: /, "")) &&
    !GEOS_RING_ERROR.test(l.replace(/^ERROR \d+: /, ""))
  );
  gdal.Module._CPLErrorReset();
  if (errors.length) {
    throw fail(
      layer,
      errors[0].replace(/^ERROR \d+: /, "").replace(/\/qsl\/root\d+\//g, ""),
    );
  }
}

function quoteIdent(layer: LayerRef, name: string): string {
  if (name.includes('"')) {
    throw fail(layer, `names with double quotes are not supported ('${name}')`);
  }
  return `"${name}"`;
}

function normaliseCrs(crs: string): string {
  return crs.trim().toUpperCase();
}

/**
 * Whether the layer's features must be reprojected to `crs`: not when the
 * query names no CRS or an empty one (a map without a CRS: QGIS passes
 * coordinates through an invalid CRS's transform), nor when the layer has
 * none, nor when both are the same.
 */
function reprojects(info: LayerInfo, crs: string | undefined): boolean {
  return crs !== undefined && crs.trim() !== "" &&
    info.crsDefinition !== null && normaliseCrs(crs) !== info.crs;
}

/** `-nlt GEOMETRY` keeping the layer's Z and M (for WKB as QGIS writes it). */
function geometryWithDims(typeName: string | null): string {
  const name = typeName ?? "";
  const z = /ZM?$/.test(name) || /3D/.test(name);
  const m = /M$/.test(name) || /Measured/.test(name);
  return `GEOMETRY${z ? "Z" : ""}${m ? "M" : ""}`;
}

function kindOfTypeName(name: string | null): GeometryKind | null {
  if (name === null) return null;
  if (/polygon|surface|triangle|tin/i.test(name)) return "polygon";
  if (/line|curve|circularstring/i.test(name)) return "line";
  if (/point/i.test(name)) return "point";
  return null;
}

// deno-lint-ignore no-explicit-any
type Json = any;

function layerInfo(
  gdal: Gdal,
  ds: OpenDataset,
  layer: LayerRef,
  source: LayerSource,
): LayerInfo {
  let name: string | undefined = source.layerName;
  if (name === undefined) {
    name = ds.layerNames[source.layerId ?? 0];
    if (name === undefined) {
      throw fail(
        layer,
        source.layerId === undefined
          ? "the dataset has no layer"
          : `the dataset has no layer ${source.layerId}`,
      );
    }
  } else if (!ds.layerNames.includes(name)) {
    // OGR looks layer names up without regard to case as a fallback.
    const lower = name.toLowerCase();
    name = ds.layerNames.find((n) => n.toLowerCase() === lower) ?? name;
  }
  if (!ds.layerNames.includes(name)) {
    throw fail(
      layer,
      `the dataset has no layer '${name}' (it has ${
        ds.layerNames.map((n) => `'${n}'`).join(", ") || "none"
      })`,
    );
  }
  const cached = ds.layers.get(name);
  if (cached) return declaredKind(declaredCrs(cached, layer), source);
  gdal.Module._CPLErrorReset();
  takeGdalMessages();
  // The first positional argument names the dataset, the next the layer.
  const json: Json = vectorInfo(gdal, ds.pointer, [
    "-so",
    "-nomd",
    ds.gdalPath,
    name,
  ]);
  if (json === null) {
    const detail = gdalError(gdal) ?? "GDAL cannot describe it";
    datasetCache.forget(ds);
    throw fail(layer, detail);
  }
  try {
    throwOnGdalError(gdal, layer);
  } catch (error) {
    datasetCache.forget(ds);
    throw error;
  }
  const l = (json.layers ?? []).find((l: Json) => l.name === name);
  if (!l) throw fail(layer, `GDAL cannot describe layer '${name}'`);
  const geom = l.geometryFields?.[0];
  const id = geom?.coordinateSystem?.projjson?.id;
  const crs = id?.authority && id?.code !== undefined
    ? `${id.authority}:${id.code}`.toUpperCase()
    : null;
  const wkt = geom?.coordinateSystem?.wkt;
  const info: LayerInfo = {
    name,
    fields: (l.fields ?? []).map((f: Json) => ({
      name: String(f.name),
      type: f.subType === "Boolean" ? "Boolean" : String(f.type),
      ...(f.subType === "JSON" ? { subType: "JSON" as const } : {}),
      ...(typeof f.precision === "number" && f.precision > 0
        ? { precision: f.precision }
        : {}),
    })),
    geometryType: geom ? String(geom.type) : null,
    crs,
    crsDefinition: crs ?? (typeof wkt === "string" && wkt !== "" ? wkt : null),
    fidColumn: l.fidColumnName ? String(l.fidColumnName) : null,
    featureCount: typeof l.featureCount === "number" ? l.featureCount : -1,
    extent: Array.isArray(geom?.extent) && geom.extent.length === 4
      ? {
        xmin: geom.extent[0],
        ymin: geom.extent[1],
        xmax: geom.extent[2],
        ymax: geom.extent[3],
      }
      : null,
    geometryColumn: geom?.name ? String(geom.name) : null,
    driver: String(json.driverShortName ?? ""),
  };
  renameDuplicates(info);
  ds.layers.set(name, info);
  return declaredKind(declaredCrs(info, layer), source);
}

// A DBF may hold fields of one name (truncated to 10 characters). QGIS's
// OGR provider renames each repeat `name_1`, `name_2`… (QgsFields are
// unique by name); OGR SQL cannot tell them apart (it leaves them out of a
// `SELECT *`), GDAL's SQLite dialect names them `name2`, `name3`… (unique
// without regard to case), so such layers are read in that dialect.
function renameDuplicates(info: LayerInfo): void {
  const names = new Set<string>();
  const columns = new Set<string>();
  const renamed = new Map<string, string>();
  for (const field of info.fields) {
    const original = field.name;
    let column = original;
    for (let n = 2; columns.has(column.toUpperCase()); n++) {
      column = `${original}${n}`;
    }
    columns.add(column.toUpperCase());
    let name = original;
    for (let n = 1; names.has(name); n++) name = `${original}_${n}`;
    names.add(name);
    if (name !== original) {
      field.name = name;
      renamed.set(name, column);
    }
  }
  if (renamed.size > 0) info.columns = renamed;
}

/** A field in the select list: its column, named as QGIS names it. */
function fieldColumn(layer: LayerRef, info: LayerInfo, name: string): string {
  const column = info.columns?.get(name);
  return column === undefined
    ? quoteIdent(layer, name)
    : `${quoteIdent(layer, column)} AS ${quoteIdent(layer, name)}`;
}

/** Every field (`*`, or each by its column where fields were renamed). */
function allColumns(layer: LayerRef, info: LayerInfo): string {
  return info.columns === undefined
    ? "*"
    : info.fields.map((f) => fieldColumn(layer, info, f.name)).join(", ");
}

// QGIS reads a layer in the CRS its project declares, over the data's own
// (none for a Shapefile without .prj or a TopoJSON, another for a .prj the
// project overrides): coordinates are taken as they are, in that CRS.
function declaredCrs(info: LayerInfo, layer: LayerRef): LayerInfo {
  const crs = layer.crs?.trim().toUpperCase();
  if (!crs || crs === info.crs) return info;
  return { ...info, crs, crsDefinition: crs };
}

// QGIS's `geometrytype=` of a file holding several: the layer is read as
// that kind, and every reader drops the features of other kinds (as QGIS's
// OGR iterator skips them)
const KIND_TYPE_NAMES = {
  point: "Point",
  line: "Line String",
  polygon: "Polygon",
} as const;

function declaredKind(info: LayerInfo, source: LayerSource): LayerInfo {
  if (!source.geometryKind || info.geometryType === null) return info;
  return { ...info, geometryType: KIND_TYPE_NAMES[source.geometryKind] };
}

/** Drivers whose SQL (SQLite) can run a subset OGR SQL cannot parse. */
const NATIVE_SQL = new Set(["GPKG", "SQLite"]);

/**
 * Runs a query in OGR SQL; for GeoPackage/SQLite, when OGR SQL cannot parse
 * it (a subset in SQLite's own syntax, as QGIS passes it to the driver),
 * runs the native form instead. The native form must select the geometry
 * column itself.
 */
function runSql(
  gdal: Gdal,
  ds: OpenDataset,
  layer: LayerRef,
  info: LayerInfo,
  ogrSql: string,
  nativeSql: () => string,
  options: string[],
): Uint8Array {
  if (readsNative(info)) {
    // OGR SQL's FID would be the attribute, or it cannot name each of
    // fields of one name: the driver's SQL or GDAL's SQLite dialect, whose
    // rowid is the feature id, instead.
    return translate(gdal, ds, layer, [
      ...options,
      "-sql",
      nativeSql(),
      ...(NATIVE_SQL.has(info.driver) ? [] : ["-dialect", "SQLite"]),
    ]);
  }
  try {
    return translate(gdal, ds, layer, [
      ...options,
      "-sql",
      ogrSql,
      "-dialect",
      "OGRSQL",
    ]);
  } catch (error) {
    // Only what OGR SQL cannot parse; an unknown field stays an error (in
    // SQLite a double-quoted unknown name would silently be a string).
    if (
      !NATIVE_SQL.has(info.driver) ||
      !/SQL Expression Parsing Error|Undefined function/i.test(
        (error as Error).message,
      )
    ) {
      throw error;
    }
    try {
      return translate(gdal, ds, layer, [...options, "-sql", nativeSql()]);
    } catch {
      throw error;
    }
  }
}

/**
 * Whether the layer has an attribute named `FID` (that case exactly; OGR
 * SQL looks names up by case first, so `fid` leaves the special field be):
 * OGR SQL's `FID` then names that attribute, not the feature id QGIS gives
 * (a Shapefile's record number), so such layers are read with
 * {@link runSql}'s native statement.
 */
function fidShadowed(info: LayerInfo): boolean {
  return info.fields.some((f) => f.name === "FID");
}

/** Whether the layer is read by its native statement only ({@link runSql}). */
function readsNative(info: LayerInfo): boolean {
  return fidShadowed(info) || info.columns !== undefined;
}

/**
 * The feature id in the native statement: the driver's FID column (or
 * rowid) in GeoPackage/SQLite; elsewhere GDAL's SQLite dialect, where the
 * layer's rowid (under a name no attribute takes) is its feature id.
 */
function nativeFid(layer: LayerRef, info: LayerInfo): string {
  if (NATIVE_SQL.has(info.driver)) {
    return quoteIdent(layer, info.fidColumn ?? "rowid");
  }
  const taken = new Set(info.fields.map((f) => f.name.toLowerCase()));
  return ["rowid", "_rowid_", "oid"].find((n) => !taken.has(n)) ?? "rowid";
}

/** The id column and (for native SQL) the geometry column. */
function nativeColumns(layer: LayerRef, info: LayerInfo, list: string): string {
  const cols = [`${nativeFid(layer, info)} AS "${FID}"`];
  if (list !== "") cols.push(list);
  // GDAL's SQLite dialect names an unnamed geometry field GEOMETRY.
  const geometry = info.geometryColumn ??
    (!NATIVE_SQL.has(info.driver) && info.geometryType !== null
      ? "GEOMETRY"
      : null);
  if (list !== "*" && geometry !== null) {
    cols.push(quoteIdent(layer, geometry));
  }
  return cols.join(", ");
}

/**
 * The subset and the job's filter as one OGR SQL `WHERE` (GDAL parses it,
 * then hands it to the driver: GeoPackage runs it in SQLite, with its
 * indexes).
 */
function whereClause(
  layer: LayerRef,
  source: LayerSource,
  where?: string,
): string {
  if (source.subset !== undefined && /^\s*select\s/i.test(source.subset)) {
    // QGIS runs such a subset as the layer's SQL; we read layers with our
    // own statement and cannot nest the source's.
    throw fail(
      layer,
      "subsets that are SQL statements (SELECT …) are not supported",
    );
  }
  if (source.subset !== undefined && commonTableExpression(source.subset)) {
    // SQLite runs a recursive one for ever (a worker held, its memory
    // growing), and a subset is a condition: it has no use for one
    throw fail(
      layer,
      "subsets with common table expressions (WITH …) are not supported",
    );
  }
  const parts = [source.subset, where].filter((w): w is string =>
    w !== undefined && w.trim() !== ""
  );
  if (parts.length === 0) return "";
  return ` WHERE ${parts.map((p) => `(${p})`).join(" AND ")}`;
}

/**
 * Whether SQL text has the keyword `WITH` outside its string literals and
 * quoted names (SQLite's recursive common table expressions need it; the
 * `RECURSIVE` after it is optional).
 */
function commonTableExpression(sql: string): boolean {
  const bare = sql.replace(
    /'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]/g,
    " ",
  );
  return /(?:^|[^A-Za-z0-9_$])with(?![A-Za-z0-9_$])/i.test(bare);
}

const OUT_DIR = "/qsl/out";

/** Runs ogr2ogr into FlatGeobuf in GDAL's memory file system; its bytes. */
function translate(
  gdal: Gdal,
  ds: OpenDataset,
  layer: LayerRef,
  options: string[],
): Uint8Array {
  const M = gdal.Module;
  M._CPLErrorReset();
  takeGdalMessages();
  for (const dir of ["/qsl", OUT_DIR]) {
    try {
      M.FS.mkdir(dir);
    } catch { /* exists */ }
  }
  const dest = `${OUT_DIR}/q${outputSerial++}.fgb`;
  try {
    const ok = vectorTranslate(gdal, ds.pointer, [
      "-f",
      "FlatGeobuf",
      "-lco",
      "SPATIAL_INDEX=NO",
      // FlatGeobuf holds no list fields (a GeoJSON property's array): their
      // text, `(2:47.5,7.25)` (shown as `47.5, 7.25`), not "Missing implementation for
      // OGRFieldType 3" for the whole layer
      "-fieldTypeToString",
      "IntegerList,Integer64List,RealList,StringList",
      ...options,
    ], dest);
    const messages = takeGdalMessages();
    // ogr2ogr counts a read whose last error is a failure as failed, a
    // ring GEOS could not build under the filter too, once the layer's end
    // is reached ('Terminating translation prematurely'): the shapes it
    // read are written all the same
    const ringsOnly = messages.some((l) =>
      GEOS_RING_ERROR.test(l.replace(/^ERROR \d+: /, ""))
    ) && (M.FS.analyzePath(dest).exists as boolean);
    if (!ok && !ringsOnly) {
      throw fail(layer, gdalError(gdal) ?? "GDAL could not read it");
    }
    throwOnGdalError(
      gdal,
      layer,
      ringsOnly
        ? messages.filter((l) =>
          !/^ERROR \d+: Terminating translation/.test(l)
        )
        : messages,
    );
    // the file's own bytes, no copy (the file is deleted below)
    return readMemFile(gdal, dest);
  } finally {
    // The output and anything the driver left beside it.
    for (const name of M.FS.readdir(OUT_DIR) as string[]) {
      if (name !== "." && name !== "..") M.FS.unlink(`${OUT_DIR}/${name}`);
    }
  }
}

/** `-spat` options in the layer's CRS; null when nothing can match. */
function spatialOptions(
  gdal: Gdal,
  bbox: Rect | undefined,
  bboxCrs: string | undefined,
  info: LayerInfo,
  skipWhenAllInside: boolean,
): string[] | null {
  if (bbox === undefined) return [];
  let rect: Rect | null = bbox;
  if (reprojects(info, bboxCrs)) {
    rect = transformRect(gdal, bbox, bboxCrs!, info.crsDefinition!);
    if (rect === null) return null;
  }
  const e = info.extent;
  if (
    skipWhenAllInside && e !== null && rect.xmin <= e.xmin &&
    rect.ymin <= e.ymin &&
    rect.xmax >= e.xmax && rect.ymax >= e.ymax
  ) {
    // The whole layer is in view: a spatial filter would only cost time
    // (the caller drops features without geometry, as the filter would).
    return [];
  }
  return [
    "-spat",
    String(rect.xmin),
    String(rect.ymin),
    String(rect.xmax),
    String(rect.ymax),
  ];
}

interface Decoded {
  header: FgbHeader | null;
  rows: {
    id: number;
    attributes: Record<string, AttributeValue>;
    geometry: FgbGeometry | null;
  }[];
}

/**
 * The features of GDAL's FlatGeobuf output; with `range`, only those from
 * index `range[0]` up to (not including) `range[1]`, as if the read had
 * been that page (`LIMIT`/`OFFSET`).
 */
function decode(
  bytes: Uint8Array,
  fields: VectorField[],
  fidColumn: string | null,
  range: [number, number] = [0, Infinity],
): Decoded {
  // GDAL writes an empty file when no feature matched.
  if (bytes.length === 0) return { header: null, rows: [] };
  const file = readFlatGeobuf(bytes);
  const types = new Map(fields.map((f) => [f.name, f.type]));
  const rows: Decoded["rows"] = [];
  // Per column of the header: its name, whether it is the id, a date.
  let names: string[] = [];
  let isDate: boolean[] = [];
  let isList: boolean[] = [];
  let fidIndex = -1;
  let known: FgbColumn[] | null = null;
  let index = -1;
  file.forEach((geometry, properties, columns) => {
    index++;
    if (index < range[0] || index >= range[1]) return;
    if (columns !== known) {
      known = columns;
      names = fieldNames(columns.map((c) => c.name), types);
      isDate = names.map((n) => {
        const t = types.get(n);
        return t === "Date" || t === "DateTime";
      });
      isList = names.map((n) => types.get(n)?.endsWith("List") ?? false);
      fidIndex = names.indexOf(FID);
    }
    const attributes: Record<string, AttributeValue> = {};
    let id = rows.length;
    if (fidColumn !== null) attributes[fidColumn] = null;
    for (let i = 0; i < names.length; i++) {
      if (i !== fidIndex) attributes[names[i]] = null;
    }
    if (properties) {
      readProperties(properties, columns, (i, value) => {
        if (i === fidIndex) id = value as number;
        else if (isDate[i] && typeof value === "string") {
          attributes[names[i]] = parseOgrDate(value);
        } else if (isList[i] && typeof value === "string") {
          attributes[names[i]] = listText(value);
        } else attributes[names[i]] = value;
      });
    }
    if (fidColumn !== null) attributes[fidColumn] = id;
    rows.push({ id, attributes, geometry });
  });
  return { header: file.header, rows };
}

/**
 * A list field's value as text: GDAL's `(2:47.5,7.25)` (ogr2ogr's
 * `-fieldTypeToString`) as QGIS shows a list (`QgsField::displayString`:
 * its items joined by `, `).
 */
function listText(value: string): string {
  const m = /^\(\d+:(.*)\)$/s.exec(value);
  return m ? m[1].split(",").join(", ") : value;
}

/**
 * The layer's field names for the columns GDAL wrote: its FlatGeobuf
 * writer makes names unique without regard to case, so a GeoJSON with both
 * `id` and `Id` comes back with `Id2`, which is mapped back to `Id`.
 */
function fieldNames(columns: string[], types: Map<string, string>): string[] {
  if (columns.every((c) => c === FID || types.has(c))) return columns;
  const taken = new Set(columns);
  return columns.map((c) => {
    if (c === FID || types.has(c)) return c;
    const base = /^(.*?)\d+$/.exec(c)?.[1]?.toLowerCase();
    const field = base === undefined
      ? undefined
      : [...types.keys()].find((f) =>
        f.toLowerCase() === base && !taken.has(f)
      );
    if (field === undefined) return c;
    taken.add(field);
    return field;
  });
}

function kindOfType(type: number): GeometryKind | null {
  switch (type) {
    case T.Point:
    case T.MultiPoint:
      return "point";
    case T.LineString:
    case T.MultiLineString:
    case T.CircularString:
    case T.CompoundCurve:
    case T.MultiCurve:
      return "line";
    case T.Polygon:
    case T.MultiPolygon:
    case T.CurvePolygon:
    case T.MultiSurface:
    case T.Triangle:
    case T.PolyhedralSurface:
    case T.TIN:
      return "polygon";
    default:
      return null;
  }
}

function split(g: FgbGeometry): Float64Array[] {
  if (!g.ends || g.ends.length <= 1) return g.xy.length ? [g.xy] : [];
  const out: Float64Array[] = [];
  let start = 0;
  for (const end of g.ends) {
    out.push(g.xy.subarray(start * 2, end * 2));
    start = end;
  }
  return out;
}

/** Appends the parts of `g` that are of `kind` to `parts`. */
function collect(
  g: FgbGeometry,
  kind: GeometryKind,
  parts: Float64Array[][],
): void {
  switch (g.type) {
    case T.Point:
      if (kind === "point" && g.xy.length >= 2) {
        parts.push([g.xy.length === 2 ? g.xy : g.xy.subarray(0, 2)]);
      }
      return;
    case T.MultiPoint:
      if (kind !== "point") return;
      for (let i = 0; i + 1 < g.xy.length; i += 2) {
        parts.push([g.xy.subarray(i, i + 2)]);
      }
      return;
    case T.LineString:
    case T.MultiLineString:
    case T.CircularString:
      if (kind === "line") { for (const line of split(g)) parts.push([line]); }
      return;
    case T.Polygon:
    case T.Triangle:
      if (kind === "polygon") {
        const rings = split(g);
        if (rings.length) parts.push(rings);
      }
      return;
    default:
      // Multi-polygons, collections and curves keep sub-geometries in parts.
      for (const p of g.parts ?? []) collect(p, kind, parts);
  }
}

function coordinateArrays(
  g: FgbGeometry,
  out: Float64Array[] = [],
): Float64Array[] {
  if (g.xy.length) out.push(g.xy);
  for (const p of g.parts ?? []) coordinateArrays(p, out);
  return out;
}

function firstKind(g: FgbGeometry): GeometryKind | null {
  const own = kindOfType(g.type);
  if (own !== null || !g.parts) return own;
  for (const p of g.parts) {
    const k = firstKind(p);
    if (k !== null) return k;
  }
  return null;
}

function toGeometry(
  g: FgbGeometry | null,
  layerKind: GeometryKind | null,
): Geometry | null {
  if (g === null) return null;
  const kind = layerKind ?? firstKind(g);
  if (kind === null) return null;
  const parts: Float64Array[][] = [];
  collect(g, kind, parts);
  return parts.length ? { kind, parts } : null;
}

function selectList(
  layer: LayerRef,
  info: LayerInfo,
  fields: string[] | "all" | undefined,
): { list: string; fields: VectorField[]; fidColumn: string | null } {
  if (fields === undefined || fields === "all") {
    return {
      list: allColumns(layer, info),
      fields: withFid(info),
      fidColumn: info.fidColumn,
    };
  }
  // names match in any case, as expressions resolve columns
  const wanted = new Set(fields.map((f) => f.toLowerCase()));
  const chosen = info.fields.filter((f) => wanted.has(f.name.toLowerCase()));
  const fid = info.fidColumn !== null &&
      wanted.has(info.fidColumn.toLowerCase()) &&
      !fidIsField(info)
    ? info.fidColumn
    : null;
  return {
    list: chosen.map((f) => fieldColumn(layer, info, f.name)).join(", "),
    fields: fid === null
      ? chosen
      : [{ name: fid, type: "Integer64" }, ...chosen],
    fidColumn: fid,
  };
}

/**
 * Whether the FID column is also one of the attributes (GeoJSON's `id`
 * property): QGIS's OGR provider lists it once, as the attribute.
 */
function fidIsField(info: LayerInfo): boolean {
  return info.fields.some((f) => f.name === info.fidColumn);
}

/**
 * The fields as QGIS lists them: a named FID column (GeoPackage's `fid`)
 * first, then the attributes.
 */
function withFid(info: LayerInfo): VectorField[] {
  return info.fidColumn === null || fidIsField(info)
    ? info.fields
    : [{ name: info.fidColumn, type: "Integer64" }, ...info.fields];
}

/**
 * Reads the features of a vector layer inside a map extent, reprojected to
 * the map CRS, with the source's subset and `query.where` applied by GDAL.
 *
 * @example
 * ```ts ignore
 * import { readVectorLayer } from "./read.ts";
 * const data = await readVectorLayer(layer, {
 *   bbox: { xmin: 2599000, ymin: 1199000, xmax: 2631000, ymax: 1221000 },
 *   crs: "EPSG:2056",
 * }, ctx);
 * data.features.length;
 * ```
 */
export async function readVectorLayer(
  layer: LayerRef,
  query: VectorQuery,
  ctx: SourceContext,
): Promise<VectorData> {
  return await readVector(layer, query, ctx, null);
}

// `fids`: only features with lo <= FID < hi, read in the driver's own SQL
// (GeoPackage, SQLite: a rowid range there; OGR SQL would scan the whole
// table for it).
async function readVector(
  layer: LayerRef,
  query: VectorQuery,
  ctx: SourceContext,
  fids: [number, number] | null,
  prepared?: PreparedSource,
): Promise<VectorData> {
  prepared ??= await prepareSource(layer, ctx);
  const { resolved } = prepared;
  return await withGdal((gdal) => {
    const ds = openPrepared(gdal, layer, prepared, "vector");
    const info = layerInfo(gdal, ds, layer, resolved.source);
    const { list, fields, fidColumn } = selectList(layer, info, query.fields);
    const from = quoteIdent(layer, info.name);
    const where = whereClause(layer, resolved.source, query.where);
    const sql = `SELECT FID AS "${FID}"${
      list ? `, ${list}` : ""
    } FROM ${from}${where}`;
    const spatial = spatialOptions(gdal, query.bbox, query.crs, info, true);
    if (spatial === null) {
      return {
        fields,
        geometryKind: kindOfTypeName(info.geometryType),
        features: [],
      };
    }
    const options = [
      // One geometry type per layer is what FlatGeobuf's writer expects;
      // sources mix (Polygon and MultiPolygon in one GeoJSON or Shapefile).
      "-nlt",
      "GEOMETRY",
      "-nlt",
      "CONVERT_TO_LINEAR",
    ];
    const nativeSql = (extra = "") =>
      `SELECT ${nativeColumns(layer, info, list)} FROM ${from}${
        extra === ""
          ? where
          : where === ""
          ? ` WHERE ${extra}`
          : `${where} AND (${extra})`
      }`;
    const whole = fids === null && query.direct !== false
      ? wholeLayer(
        info,
        ds,
        sql,
        () => runSql(gdal, ds, layer, info, sql, () => nativeSql(), options),
        () =>
          runSql(
            gdal,
            ds,
            layer,
            info,
            `SELECT FID FROM ${from}`,
            () => `SELECT ${nativeColumns(layer, info, "")} FROM ${from}`,
            options,
          ),
      )
      : null;
    let decoded: Decoded;
    if (whole !== null) {
      decoded = decode(whole, fields, fidColumn);
      const rect = spatialRect(spatial);
      if (rect !== null) {
        decoded.rows = decoded.rows.filter((row) =>
          row.geometry !== null && passesSpatial(row.geometry, rect)
        );
        // GDAL writes an empty file when no feature matched.
        if (decoded.rows.length === 0) decoded.header = null;
      }
    } else {
      const bytes = fids !== null && info.fidColumn !== null
        ? translate(gdal, ds, layer, [
          ...spatial,
          ...options,
          "-sql",
          nativeSql(
            `${quoteIdent(layer, info.fidColumn)} >= ${fids[0]} AND ${
              quoteIdent(layer, info.fidColumn)
            } < ${fids[1]}`,
          ),
        ])
        : runSql(
          gdal,
          ds,
          layer,
          info,
          sql,
          () => nativeSql(),
          [...spatial, ...options],
        );
      decoded = decode(bytes, fields, fidColumn);
    }
    // A layer of mixed type ("Unknown") is drawn as the kind of its first
    // feature, as QGIS shows one geometry type per layer.
    let geometryKind = kindOfType(decoded.header?.geometryType ?? 0) ??
      kindOfTypeName(info.geometryType);
    for (const row of decoded.rows) {
      if (geometryKind !== null) break;
      if (row.geometry) geometryKind = firstKind(row.geometry);
    }
    let features: Feature[] = [];
    for (const row of decoded.rows) {
      // A feature without geometry is in no extent (GDAL's spatial filter
      // drops it too); one of another kind than the layer's cannot be drawn.
      const geometry = toGeometry(row.geometry, geometryKind);
      if (geometry === null) continue;
      features.push({ id: row.id, attributes: row.attributes, geometry });
    }
    if (reprojects(info, query.crs)) {
      // In one batch: ogr2ogr's `-t_srs` builds its coordinate operation
      // anew on every call, which costs more than the read itself.
      features = reprojectFeatures(
        gdal,
        features,
        info.crsDefinition!,
        query.crs,
        layerClip(gdal, query, info.crsDefinition!),
      );
    }
    return { fields, geometryKind, features };
  });
}

/** Reprojects the rows' geometries in place; those that fail become null. */
function reprojectRows(
  gdal: Gdal,
  decoded: Decoded,
  from: string,
  to: string,
): void {
  const arrays: Float64Array[] = [];
  const owners: number[] = [];
  decoded.rows.forEach((row, i) => {
    if (row.geometry) {
      for (const xy of coordinateArrays(row.geometry)) {
        arrays.push(xy);
        owners.push(i);
      }
    }
  });
  const ok = transformInPlace(gdal, arrays, from, to);
  ok.forEach((good, k) => {
    if (!good) decoded.rows[owners[k]].geometry = null;
  });
}

/**
 * Reads one page of a layer's features (ordered by FID) with ISO WKB
 * geometries, and how many features match in all — for GetFeature-like
 * requests. Only the page is transferred out of GDAL.
 *
 * @example
 * ```ts ignore
 * import { readVectorPage } from "./read.ts";
 * const page = await readVectorPage(layer, { startIndex: 0, count: 10, orderByFid: true }, ctx);
 * page.numbersMatched;
 * ```
 */
export async function readVectorPage(
  layer: LayerRef,
  query: OgrPageQuery,
  ctx: SourceContext,
): Promise<FeaturePage> {
  if (!Number.isInteger(query.startIndex) || query.startIndex < 0) {
    throw new RangeError("Cannot read page: startIndex must be an integer ≥ 0");
  }
  if (
    query.count !== null && (!Number.isInteger(query.count) || query.count < 0)
  ) {
    throw new RangeError("Cannot read page: count must be an integer ≥ 0");
  }
  const prepared = await prepareSource(layer, ctx);
  const { resolved } = prepared;
  const read = await withGdal((gdal) => {
    const ds = openPrepared(gdal, layer, prepared, "vector");
    const info = layerInfo(gdal, ds, layer, resolved.source);
    const kind = resolved.source.geometryKind;
    // (the direct paths page by row, not by geometry kind)
    const table = kind === undefined
      ? directTable(prepared, info, query.where, query.direct)
      : null;
    if (table !== null) {
      try {
        return directPage(gdal, table, info, query);
      } catch {
        // SQLite failed (a file being rewritten, locked, …): GDAL reads it
        // (or names what is wrong).
      }
    }
    const shpPage = kind === undefined
      ? directShapefilePage(prepared, info, query)
      : null;
    if (shpPage !== null) return shpPage;
    const from = quoteIdent(layer, info.name);
    const where = whereClause(layer, resolved.source, query.where);
    const spatial = spatialOptions(
      gdal,
      query.bbox,
      query.bboxCrs,
      info,
      false,
    );
    if (spatial === null) return { decoded: null, info, matched: 0 };
    const pageSql = (page: string) => ({
      ogr: `SELECT FID AS "${FID}", * FROM ${from}${where} ORDER BY FID${page}`,
      native: () =>
        `SELECT ${
          nativeColumns(layer, info, allColumns(layer, info))
        } FROM ${from}${where} ORDER BY ${nativeFid(layer, info)}${page}`,
    });
    const pageOptions = [
      ...spatial,
      "-nlt",
      geometryWithDims(info.geometryType),
    ];
    // Without a box, a small layer's ordered rows are read once (per
    // dataset version and statement) and pages are cut from them: the same
    // statement without LIMIT/OFFSET, which OGR SQL applies last — for the
    // drivers compared (page_whole_test.ts). Not Shapefiles: with deleted
    // records GDAL's LIMIT/OFFSET pages are not cuts of the ordered rows
    // (QGIS training data's sample_points.shp: OFFSET 2 starts at FID 30,
    // as OFFSET 0 does).
    const whole = spatial.length === 0 && query.direct !== false &&
        WHOLE_PAGE_DRIVERS.has(info.driver) &&
        info.featureCount >= 0 && info.featureCount <= WHOLE_LAYER_FEATURES
      ? wholePageRead(
        ds,
        pageSql(""),
        pageOptions,
        (sql) =>
          runSql(gdal, ds, layer, info, sql.ogr, sql.native, pageOptions),
      )
      : null;
    if (kind !== undefined) {
      // One kind of a file holding several (`geometrytype=`): QGIS's OGR
      // iterator skips the features of other kinds and those without a
      // geometry, and counts the layer by reading it; so every row is read
      // here and the page cut from those of the kind.
      const sql = pageSql("");
      const decoded = decode(
        whole ??
          runSql(gdal, ds, layer, info, sql.ogr, sql.native, pageOptions),
        info.fields,
        info.fidColumn,
      );
      const rows = decoded.rows.filter((row) =>
        row.geometry !== null && kindOfType(row.geometry.type) === kind
      );
      decoded.rows = rows.slice(
        query.startIndex,
        query.count === null ? undefined : query.startIndex + query.count,
      );
      if (decoded.rows.length === 0) {
        return { decoded: null, info, matched: rows.length };
      }
      if (reprojects(info, query.crs)) {
        reprojectRows(gdal, decoded, info.crsDefinition!, query.crs!);
      }
      return { decoded, info, matched: rows.length };
    }
    let matched = info.featureCount;
    if (whole !== null) {
      // (a count of 0 may be a stale GeoPackage count: the rows are counted)
      if (where !== "" || matched <= 0) {
        matched = 0;
        if (whole.length > 0) readFlatGeobuf(whole).forEach(() => matched++);
      }
    } else if (spatial.length > 0) {
      // OGR SQL's COUNT(*) ignores the spatial filter: count matching ids.
      const idBytes = runSql(
        gdal,
        ds,
        layer,
        info,
        `SELECT FID AS "${FID}" FROM ${from}${where}`,
        () => `SELECT ${nativeColumns(layer, info, "")} FROM ${from}${where}`,
        [...spatial, "-nlt", "NONE"],
      );
      matched = 0;
      if (idBytes.length > 0) readFlatGeobuf(idBytes).forEach(() => matched++);
    } else if (where !== "" || matched <= 0) {
      // OGR SQL answers a COUNT(*) without a condition with the driver's
      // own count, the stale one: a condition makes it count the rows
      const count = `SELECT COUNT(*) AS "n" FROM ${from}${
        where || " WHERE 1 = 1"
      }`;
      const countBytes = runSql(gdal, ds, layer, info, count, () => count, []);
      matched = 0;
      readFlatGeobuf(countBytes).forEach((_g, props, columns) => {
        if (props) {
          readProperties(props, columns, (_i, v) => matched = Number(v));
        }
      });
    }
    const wanted = Math.max(0, matched - query.startIndex);
    const count = query.count === null ? wanted : Math.min(query.count, wanted);
    if (count === 0) return { decoded: null, info, matched };
    let decoded: Decoded;
    if (whole !== null) {
      wholePageStats.pages++;
      decoded = decode(whole, info.fields, info.fidColumn, [
        query.startIndex,
        query.startIndex + count,
      ]);
    } else {
      const sql = pageSql(` LIMIT ${count} OFFSET ${query.startIndex}`);
      const bytes = runSql(
        gdal,
        ds,
        layer,
        info,
        sql.ogr,
        sql.native,
        pageOptions,
      );
      decoded = decode(bytes, info.fields, info.fidColumn);
    }
    if (reprojects(info, query.crs)) {
      reprojectRows(gdal, decoded, info.crsDefinition!, query.crs!);
    }
    return { decoded, info, matched };
  });
  if (!("decoded" in read)) return read;
  const { decoded, info, matched } = read;
  const features: PageFeature[] = [];
  const geometryKind = kindOfTypeName(info.geometryType);
  if (decoded) {
    const header = decoded.header ?? { hasZ: false, hasM: false };
    for (const row of decoded.rows) {
      features.push({
        id: row.id,
        attributes: row.attributes,
        wkb: row.geometry ? toWkb(row.geometry, header) : null,
      });
    }
  }
  return {
    fields: withFid(info),
    fidColumn: info.fidColumn,
    geometryKind,
    numbersMatched: matched,
    features,
  };
}

/**
 * Most features one batch of {@link streamVectorLayer} holds: a render
 * keeps one batch (and its FlatGeobuf bytes) in memory at a time, ≈ 25 MB
 * of points or 40 MB of small polygons.
 */
export const BATCH_FEATURES = 50_000;
/** Most features of a batch the direct GeoPackage path hands on unprojected. */
const YIELD_ROWS = 100;

/** What {@link streamVectorLayer} returns: the features come in batches. */
export interface VectorStream {
  /** As {@link VectorData.fields}. */
  fields: VectorField[];
  /** As {@link VectorData.geometryKind}. */
  geometryKind: GeometryKind | null;
  /** Features inside the bbox, in the map CRS, in FID order, batch by batch. */
  batches: AsyncIterable<Feature[]>;
  /** The layer's CRS (its definition) when the features were reprojected from it. */
  sourceCrs?: string;
}

interface BatchPlan {
  lo: number;
  hi: number;
  fields: VectorField[];
  geometryKind: GeometryKind;
}

/** Whether a view is expected to hold more than one batch of a layer. */
function viewOverOneBatch(
  info: LayerInfo,
  spatial: string[],
  batchSize: number,
): boolean {
  if (spatial.length > 0 && info.extent !== null) {
    const [xmin, ymin, xmax, ymax] = spatial.slice(1).map(Number);
    const e = info.extent;
    const w = Math.min(xmax, e.xmax) - Math.max(xmin, e.xmin);
    const h = Math.min(ymax, e.ymax) - Math.max(ymin, e.ymin);
    const area = (e.xmax - e.xmin) * (e.ymax - e.ymin);
    const share = w <= 0 || h <= 0 ? 0 : area > 0 ? (w * h) / area : 1;
    if (info.featureCount * share <= batchSize) return false;
  }
  return true;
}

// Whether a read is split into FID ranges, and which. Only for GeoPackage
// and SQLite (FID ranges are rowid ranges there; MIN/MAX are instant),
// layers of one declared geometry type, and views expected to hold more
// than one batch (the layer's count times the share of its extent in view).
function planBatches(
  gdal: Gdal,
  ds: OpenDataset,
  layer: LayerRef,
  info: LayerInfo,
  query: VectorQuery,
  batchSize: number,
): BatchPlan | null {
  const geometryKind = kindOfTypeName(info.geometryType);
  if (
    !NATIVE_SQL.has(info.driver) || info.fidColumn === null ||
    geometryKind === null || info.featureCount <= batchSize ||
    info.extent === null
  ) {
    return null;
  }
  const spatial = spatialOptions(gdal, query.bbox, query.crs, info, true);
  if (spatial === null || !viewOverOneBatch(info, spatial, batchSize)) {
    return null;
  }
  const fid = quoteIdent(layer, info.fidColumn);
  const sql = `SELECT MIN(${fid}) AS lo, MAX(${fid}) AS hi FROM ${
    quoteIdent(layer, info.name)
  }`;
  const bytes = translate(gdal, ds, layer, ["-sql", sql]);
  let lo = NaN, hi = NaN;
  readFlatGeobuf(bytes).forEach((_g, props, columns) => {
    if (!props) return;
    readProperties(props, columns, (i, v) => {
      if (i === 0) lo = Number(v);
      else hi = Number(v);
    });
  });
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) return null;
  const { fields } = selectList(layer, info, query.fields);
  return { lo, hi, fields, geometryKind };
}

/**
 * Reads the features of a vector layer inside a map extent as
 * {@link readVectorLayer} does, in batches of at most `batchSize` features:
 * a view expected to hold more than one batch of a GeoPackage or SQLite
 * layer is read in FID ranges of `batchSize` ids (each its own `ogr2ogr`
 * with the range ANDed to the filter), so a caller that paints batch by
 * batch holds one batch at a time. Anything else comes in one batch.
 *
 * @example
 * ```ts ignore
 * import { streamVectorLayer } from "./read.ts";
 * const data = await streamVectorLayer(layer, { bbox, crs: "EPSG:2056" }, ctx);
 * for await (const batch of data.batches) batch.length;
 * ```
 */
export async function streamVectorLayer(
  layer: LayerRef,
  query: VectorQuery,
  ctx: SourceContext,
  batchSize: number = BATCH_FEATURES,
): Promise<VectorStream> {
  const prepared = await prepareSource(layer, ctx);
  let sourceCrs: string | undefined;
  const plan = await withGdal((gdal) => {
    const ds = openPrepared(gdal, layer, prepared, "vector");
    const info = layerInfo(gdal, ds, layer, prepared.resolved.source);
    if (reprojects(info, query.crs)) sourceCrs = info.crsDefinition!;
    const table = directTable(prepared, info, query.where, query.direct);
    if (table !== null) {
      const spatial = spatialOptions(gdal, query.bbox, query.crs, info, true);
      if (spatial === null) {
        const { fields } = selectList(layer, info, query.fields);
        const geometryKind = kindOfTypeName(info.geometryType);
        return { stream: { fields, geometryKind, batches: oneBatch([]) } };
      }
      try {
        return {
          stream: directStream(table, info, layer, query, spatial, batchSize),
        };
      } catch {
        // as for pages: GDAL reads it, or names what is wrong
      }
    }
    return planBatches(gdal, ds, layer, info, query, batchSize);
  });
  const crs = sourceCrs === undefined ? {} : { sourceCrs };
  if (plan !== null && "stream" in plan) {
    return {
      ...plan.stream,
      ...crs,
      batches: failingAsJobError(layer, plan.stream.batches),
    };
  }
  if (plan === null) {
    const data = await readVector(layer, query, ctx, null, prepared);
    return {
      fields: data.fields,
      geometryKind: data.geometryKind,
      ...crs,
      batches: {
        async *[Symbol.asyncIterator]() {
          yield data.features;
        },
      },
    };
  }
  const { lo, hi } = plan;
  return {
    fields: plan.fields,
    geometryKind: plan.geometryKind,
    ...crs,
    batches: {
      async *[Symbol.asyncIterator]() {
        for (let a = lo; a <= hi; a += batchSize) {
          const data = await readVector(
            layer,
            query,
            ctx,
            [a, a + batchSize],
            prepared,
          );
          if (data.features.length > 0) yield data.features;
        }
      },
    },
  };
}

// --- Small GeoJSON layers read whole once (`_layer_cache.ts`). ---

/**
 * GDAL's read of a small GeoJSON layer (or one with an attribute named
 * `FID`, {@link fidShadowed}) without a spatial filter (kept per dataset
 * and statement), or null when the layer goes through `ogr2ogr` with its
 * spatial filter: another driver, a large layer, or geometries
 * {@link passesSpatial} is not exact for.
 */
function wholeLayer(
  info: LayerInfo,
  ds: OpenDataset,
  statement: string,
  read: () => Uint8Array,
  readGeometries: () => Uint8Array,
): Uint8Array | null {
  // GeoJSON layers are in memory and read in FID order, filtered or not.
  // So are layers read in GDAL's SQLite dialect (an attribute named FID,
  // fields of one name), which sets SQLite up anew on every statement
  // (20–50 ms).
  if (
    (info.driver !== "GeoJSON" && !readsNative(info)) ||
    info.featureCount < 0 || info.featureCount > WHOLE_LAYER_FEATURES
  ) return null;
  const kept = getWholeLayer(ds, statement);
  if (kept !== undefined) return kept;
  // GDAL tests every feature's geometry before the attribute filter: the
  // whole layer's geometries decide, whatever a statement selects.
  let exact = layerVerdicts.get(ds)?.get(info.name);
  if (exact === undefined) {
    try {
      exact = filterIsExact(readGeometries());
    } catch {
      exact = false;
    }
    const verdicts = layerVerdicts.get(ds) ?? new Map<string, boolean>();
    verdicts.set(info.name, exact);
    layerVerdicts.set(ds, verdicts);
  }
  let bytes: Uint8Array | null = null;
  if (exact) {
    wholeLayerStats.reads++;
    try {
      bytes = read();
    } catch {
      // a feature out of view GDAL fails on: the filtered read decides
    }
  }
  setWholeLayer(ds, statement, bytes);
  return bytes;
}

/** Per open dataset and layer: whether {@link filterIsExact} holds. */
const layerVerdicts = new WeakMap<OpenDataset, Map<string, boolean>>();

/**
 * Whether every geometry is one GDAL's spatial filter decides as
 * {@link passesSpatial} does: points, lines of 2 or more points, polygons
 * of closed rings of 4 or more points (and their multi- forms), all finite.
 * GEOS refuses an open ring (GDAL then drops the feature with an error);
 * collections and curves are left to GDAL.
 */
function filterIsExact(bytes: Uint8Array): boolean {
  let exact = true;
  const finite = (xy: Float64Array) => {
    for (let i = 0; i < xy.length; i++) {
      if (!Number.isFinite(xy[i])) return false;
    }
    return true;
  };
  const rings = (g: FgbGeometry) => {
    const n = g.xy.length / 2;
    const ends = g.ends ?? (n > 0 ? [n] : []);
    let start = 0;
    for (const end of ends) {
      const xy = g.xy;
      if (
        end - start < 4 || xy[2 * start] !== xy[2 * end - 2] ||
        xy[2 * start + 1] !== xy[2 * end - 1]
      ) return false;
      start = end;
    }
    return true;
  };
  const lines = (g: FgbGeometry) => {
    const n = g.xy.length / 2;
    const ends = g.ends ?? (n > 0 ? [n] : []);
    let start = 0;
    for (const end of ends) {
      if (end - start < 2) return false;
      start = end;
    }
    return true;
  };
  const simple = (g: FgbGeometry): boolean => {
    if (!finite(g.xy)) return false;
    switch (g.type) {
      case T.Point:
      case T.MultiPoint:
        return g.parts === null;
      case T.LineString:
      case T.MultiLineString:
        return g.parts === null && lines(g);
      case T.Polygon:
        return g.parts === null && rings(g);
      case T.MultiPolygon:
        return (g.parts ?? []).every((p) => p.type === T.Polygon && simple(p));
      default:
        return false;
    }
  };
  readFlatGeobuf(bytes).forEach((geometry) => {
    if (exact && geometry !== null && !simple(geometry)) exact = false;
  });
  return exact;
}

// --- The direct GeoPackage path (`_gpkg.ts`): chosen where it is exact. ---

/**
 * The table the direct path reads for this layer, or null for GDAL: a
 * local GeoPackage layer named by name, without a subset, read without an
 * OGR SQL filter (OGR SQL's meaning is GDAL's to give).
 */
function directTable(
  prepared: PreparedSource,
  info: LayerInfo,
  where: string | undefined,
  direct: boolean | undefined,
): GpkgTable | null {
  if (
    direct === false || (where !== undefined && where.trim() !== "") ||
    prepared.resolved.source.layerName === undefined
  ) return null;
  return gpkgTable(prepared.resolved, info);
}

/** `-spat` options as a rectangle. */
function spatialRect(spatial: string[]): Rect | null {
  if (spatial.length === 0) return null;
  const [xmin, ymin, xmax, ymax] = spatial.slice(1).map(Number);
  return { xmin, ymin, xmax, ymax };
}

/**
 * GDAL's spatial filter on a geometry (`OGRLayer::FilterGeometry` with
 * GEOS): its envelope meets the rectangle, and it lies inside or
 * intersects it.
 */
function passesSpatial(g: FgbGeometry, r: Rect): boolean {
  envelope[0] = envelope[1] = Infinity;
  envelope[2] = envelope[3] = -Infinity;
  extendEnvelope(g);
  const [xmin, ymin, xmax, ymax] = envelope;
  if (xmax < r.xmin || ymax < r.ymin || xmin > r.xmax || ymin > r.ymax) {
    return false;
  }
  if (xmin >= r.xmin && ymin >= r.ymin && xmax <= r.xmax && ymax <= r.ymax) {
    return true;
  }
  const geometry = toGeometry(g, firstKind(g));
  return geometry !== null && hitsRect(geometry, r);
}

// xmin, ymin, xmax, ymax of extendEnvelope's geometries so far.
const envelope = new Float64Array(4);

/** Grows {@link envelope} by the coordinates of `g` and its parts. */
function extendEnvelope(g: FgbGeometry): void {
  const xy = g.xy;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i], y = xy[i + 1];
    if (x < envelope[0]) envelope[0] = x;
    if (x > envelope[2]) envelope[2] = x;
    if (y < envelope[1]) envelope[1] = y;
    if (y > envelope[3]) envelope[3] = y;
  }
  if (g.parts) { for (const p of g.parts) extendEnvelope(p); }
}

/** Attributes as `decode` builds them: a named FID column first. */
function rowAttributes(
  row: GpkgRow,
  names: string[],
  fidColumn: string | null,
): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  if (fidColumn !== null) attributes[fidColumn] = row.id;
  for (let i = 0; i < names.length; i++) attributes[names[i]] = row.values[i];
  return attributes;
}

/** SQLite failing once batches have been drawn: a job error naming the layer. */
function failingAsJobError(
  layer: LayerRef,
  batches: AsyncIterable<Feature[]>,
): AsyncIterable<Feature[]> {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        yield* batches;
      } catch (error) {
        if (error instanceof JobError) throw error;
        throw new JobError(
          `Cannot read layer '${layer.name}': ${(error as Error).message}`,
          { cause: error },
        );
      }
    },
  };
}

function directStream(
  table: GpkgTable,
  info: LayerInfo,
  layer: LayerRef,
  query: VectorQuery,
  spatial: string[],
  batchSize: number,
): VectorStream {
  const { fields, fidColumn } = selectList(layer, info, query.fields);
  const names = fields.slice(fidColumn === null ? 0 : 1).map((f) => f.name);
  const rect = spatialRect(spatial);
  const reproject = reprojects(info, query.crs);
  // where QGIS clips the features, once per read (null: in pixels)
  let clip: LayerClip | null | undefined;
  const rows = function* (fids?: [number, number]): Generator<GpkgRow> {
    const bbox = rect ?? undefined;
    for (const row of gpkgRows(table, { fields: names, bbox, fids })) {
      if (row.geometry === null) continue;
      if (rect !== null && !passesSpatial(row.geometry, rect)) continue;
      yield row;
    }
  };
  const toFeatures = async (
    batch: GpkgRow[],
    kind: GeometryKind | null,
  ): Promise<Feature[]> => {
    const features: Feature[] = [];
    for (const row of batch) {
      const geometry = toGeometry(row.geometry, kind);
      if (geometry === null) continue;
      features.push({
        id: row.id,
        attributes: rowAttributes(row, names, fidColumn),
        geometry,
      });
    }
    if (!reproject || features.length === 0) return features;
    return await withGdal((gdal) => {
      if (clip === undefined) {
        clip = layerClip(gdal, query, info.crsDefinition!);
      }
      return reprojectFeatures(
        gdal,
        features,
        info.crsDefinition!,
        query.crs,
        clip,
      );
    });
  };
  // Batches handed on are small where no GDAL call (reprojection) is
  // paid per batch: painted and dropped before V8's young generation
  // fills (see `_gpkg.ts`'s chunks).
  const yieldSize = reproject ? batchSize : Math.min(batchSize, YIELD_ROWS);
  const declared = kindOfTypeName(info.geometryType);
  // Geometries alone, not reprojected: read a chunk of rows at a time
  // (`gpkgGeometryChunks`), their coordinates straight from the blobs.
  const geometriesOnly = !reproject && declared !== null &&
    names.length === 0 && fidColumn === null;
  const chunked = (fids?: [number, number]) =>
    geometriesOnly
      ? gpkgGeometryChunks(table, { bbox: rect ?? undefined, fids })
      : null;
  const chunkBatches = (chunks: Iterable<GpkgGeometryChunk>) =>
    geometryBatches(
      chunks,
      declared!,
      rect,
      yieldSize,
      query.transient === true,
    );
  if (declared === null) {
    // A layer of mixed type is drawn as the kind of its first feature read.
    const all = [...rows()];
    const kind = all.find((r) => r.geometry !== null)?.geometry ?? null;
    const geometryKind = kind === null ? null : firstKind(kind);
    return {
      fields,
      geometryKind,
      batches: {
        async *[Symbol.asyncIterator]() {
          yield await toFeatures(all, geometryKind);
        },
      },
    };
  }
  // GDAL reads a view over one batch in FID ranges of `batchSize` ids,
  // each in R-tree order: so does this path, for the same order.
  const ranges = rect !== null && info.extent !== null &&
      info.featureCount > batchSize &&
      viewOverOneBatch(info, spatial, batchSize)
    ? table.db.prepare(
      `SELECT MIN(${quoteIdent(layer, table.fid)}) AS lo, MAX(${
        quoteIdent(layer, table.fid)
      }) AS hi FROM ${quoteIdent(layer, table.table)}`,
    ).get() as { lo: number | null; hi: number | null }
    : null;
  if (ranges !== null && ranges.lo !== null && ranges.hi !== null) {
    const { lo, hi } = ranges;
    return {
      fields,
      geometryKind: declared,
      batches: {
        async *[Symbol.asyncIterator]() {
          for (let a = lo; a <= hi; a += batchSize) {
            const chunks = chunked([a, a + batchSize]);
            if (chunks !== null) {
              for (const features of chunkBatches(chunks)) {
                if (features.length > 0) yield features;
              }
              continue;
            }
            let batch: GpkgRow[] = [];
            for (const row of rows([a, a + batchSize])) {
              batch.push(row);
              if (batch.length >= yieldSize) {
                const features = await toFeatures(batch, declared);
                batch = [];
                if (features.length > 0) yield features;
              }
            }
            const features = await toFeatures(batch, declared);
            if (features.length > 0) yield features;
          }
        },
      },
    };
  }
  return {
    fields,
    geometryKind: declared,
    batches: {
      async *[Symbol.asyncIterator]() {
        const chunks = chunked();
        if (chunks !== null) {
          let yielded = false;
          for (const features of chunkBatches(chunks)) {
            if (features.length === 0) continue;
            yielded = true;
            yield features;
          }
          if (!yielded) yield [];
          return;
        }
        let batch: GpkgRow[] = [];
        let yielded = false;
        for (const row of rows()) {
          batch.push(row);
          if (batch.length >= yieldSize) {
            const features = await toFeatures(batch, declared);
            batch = [];
            if (features.length) {
              yielded = true;
              yield features;
            }
          }
        }
        const features = await toFeatures(batch, declared);
        if (features.length || !yielded) yield features;
      },
    },
  };
}

/** A reused feature of {@link geometryBatches} and its one ring. */
interface Slot {
  feature: Feature;
  geometry: Geometry;
  ring: Float64Array;
}

/**
 * The features of chunks of geometries as `directStream` gives them for
 * rows without fields, not reprojected: the same ids, geometries, order
 * and spatial filter ({@link passesSpatial}), in batches of `size`. A
 * point, a line or a polygon of one ring is read from its blob without a
 * parsed geometry; with `reuse`, its feature, geometry and coordinate
 * array are those of a feature of an earlier batch (the caller dropped it).
 */
function* geometryBatches(
  chunks: Iterable<GpkgGeometryChunk>,
  kind: GeometryKind,
  rect: Rect | null,
  size: number,
  reuse: boolean,
): Generator<Feature[]> {
  const own = kind === "point"
    ? T.Point
    : kind === "line"
    ? T.LineString
    : T.Polygon;
  const reader = new GpkgBlobReader();
  const slots: Slot[] = [];
  let used = 0;
  let batch: Feature[] = [];
  const slot = (length: number): Slot => {
    let s = reuse ? slots[used] : undefined;
    if (s === undefined) {
      const ring = new Float64Array(length);
      const geometry: Geometry = { kind, parts: [[ring]] };
      s = { feature: { id: 0, attributes: {}, geometry }, geometry, ring };
      if (reuse) slots.push(s);
    } else if (s.ring.length !== length) {
      s.ring = s.geometry.parts[0][0] = new Float64Array(length);
    }
    if (reuse) used++;
    return s;
  };
  for (const chunk of chunks) {
    reader.use(chunk.bytes);
    const { n, ids, lengths } = chunk;
    let at = 0;
    for (let i = 0; i < n; i++) {
      const length = lengths[i];
      const start = at;
      at += length;
      // an empty blob is not a geometry (not qualified): as NULL
      if (length === 0) continue;
      const type = reader.read(start, length);
      if (type === 0) {
        const g = reader.geometry();
        if (rect !== null && !passesSpatial(g, rect)) continue;
        const geometry = toGeometry(g, kind);
        if (geometry === null) continue;
        batch.push({ id: ids[i], attributes: {}, geometry });
      } else {
        // another kind, or no points: toGeometry gives null
        if (type !== own || reader.count === 0) continue;
        if (type === T.Point) {
          if (rect !== null) {
            // passesSpatial of a point: its envelope meets the rectangle
            const x = reader.x(), y = reader.y();
            if (
              !(x >= rect.xmin && x <= rect.xmax && y >= rect.ymin &&
                y <= rect.ymax)
            ) {
              continue;
            }
          }
          const s = slot(2);
          s.ring[0] = reader.x();
          s.ring[1] = reader.y();
          s.feature.id = ids[i];
          batch.push(s.feature);
        } else {
          const s = slot(2 * reader.count);
          reader.copyXY(s.ring);
          if (rect !== null && !ringPasses(s.geometry, rect)) {
            if (reuse) used--;
            continue;
          }
          s.feature.id = ids[i];
          batch.push(s.feature);
        }
      }
      if (batch.length >= size) {
        yield batch;
        if (reuse) {
          batch.length = 0;
          used = 0;
        } else batch = [];
      }
    }
  }
  yield batch;
}

/** {@link passesSpatial} of a one-ring geometry (its kind its own). */
function ringPasses(g: Geometry, r: Rect): boolean {
  const xy = g.parts[0][0];
  let xmin = Infinity, ymin = Infinity, xmax = -Infinity, ymax = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i], y = xy[i + 1];
    if (x < xmin) xmin = x;
    if (x > xmax) xmax = x;
    if (y < ymin) ymin = y;
    if (y > ymax) ymax = y;
  }
  if (xmax < r.xmin || ymax < r.ymin || xmin > r.xmax || ymin > r.ymax) {
    return false;
  }
  if (xmin >= r.xmin && ymin >= r.ymin && xmax <= r.xmax && ymax <= r.ymax) {
    return true;
  }
  return hitsRect(g, r);
}

function directPage(
  gdal: Gdal,
  table: GpkgTable,
  info: LayerInfo,
  query: OgrPageQuery,
): FeaturePage {
  const spatial = spatialOptions(gdal, query.bbox, query.bboxCrs, info, false);
  const names = info.fields.map((f) => f.name);
  const withDims = geometryWithDims(info.geometryType);
  const dims = { z: /Z/.test(withDims.slice(8)), m: /M$/.test(withDims) };
  const reproject = reprojects(info, query.crs);
  // Not reprojected: the blobs' own WKB where it is what toWkb writes.
  const wkb = !reproject;
  let rows: GpkgRow[] = [];
  let matched = 0;
  if (spatial !== null) {
    const rect = spatialRect(spatial);
    if (rect !== null) {
      const kept: GpkgRow[] = [];
      for (
        const row of gpkgRows(table, {
          fields: names,
          bbox: rect,
          dims,
          orderByFid: true,
          wkb,
        })
      ) {
        if (row.geometry !== null && passesSpatial(row.geometry, rect)) {
          kept.push(row);
        }
      }
      matched = kept.length;
      rows = kept.slice(
        query.startIndex,
        query.count === null ? undefined : query.startIndex + query.count,
      );
    } else {
      matched = info.featureCount;
      // 0 may be a stale gpkg_ogr_contents count (a table filled without
      // GDAL's triggers: g3w-admin's geopackage_join.gpkg says 0 of its 3
      // rows), which QGIS does not trust to read: counted
      if (matched <= 0) {
        const n = table.db.prepare(
          `SELECT COUNT(*) AS n FROM "${table.table.replaceAll('"', '""')}"`,
        ).get() as { n: number };
        matched = n.n;
      }
      const wanted = Math.max(0, matched - query.startIndex);
      const count = query.count === null
        ? wanted
        : Math.min(query.count, wanted);
      const whole = count > 0 && !reproject && info.featureCount >= 0 &&
          info.featureCount <= DIRECT_PAGE_FEATURES
        ? directWholePage(
          table,
          `${names.join("\n")}\n${dims.z} ${dims.m}`,
          () =>
            [...gpkgRows(table, { fields: names, dims, wkb: true })].map((
              row,
            ) => ({
              id: row.id,
              attributes: rowAttributes(row, names, info.fidColumn),
              wkb: row.wkb ??
                (row.geometry
                  ? toWkb(row.geometry, { hasZ: dims.z, hasM: dims.m })
                  : null),
            })),
        )
        : null;
      if (whole !== null) {
        // a cut of the kept features (LIMIT/OFFSET over FID order)
        return {
          fields: withFid(info),
          fidColumn: info.fidColumn,
          geometryKind: kindOfTypeName(info.geometryType),
          numbersMatched: matched,
          features: whole.slice(query.startIndex, query.startIndex + count),
        };
      }
      if (count > 0) {
        rows = [
          ...gpkgRows(table, {
            fields: names,
            offset: query.startIndex,
            limit: count,
            dims,
            wkb,
          }),
        ];
      }
    }
  }
  if (reproject) {
    const arrays: Float64Array[] = [];
    const owners: number[] = [];
    rows.forEach((row, i) => {
      if (row.geometry) {
        for (const xy of coordinateArrays(row.geometry)) {
          arrays.push(xy);
          owners.push(i);
        }
      }
    });
    const ok = transformInPlace(
      gdal,
      arrays,
      info.crsDefinition!,
      query.crs!,
    );
    ok.forEach((good, k) => {
      if (!good) rows[owners[k]].geometry = null;
    });
  }
  const header = { hasZ: dims.z, hasM: dims.m };
  return {
    fields: withFid(info),
    fidColumn: info.fidColumn,
    geometryKind: kindOfTypeName(info.geometryType),
    numbersMatched: matched,
    features: rows.map((row) => ({
      id: row.id,
      attributes: rowAttributes(row, names, info.fidColumn),
      wkb: row.wkb ?? (row.geometry ? toWkb(row.geometry, header) : null),
    })),
  };
}

// --- The direct Shapefile path (`_shp.ts`): whole pages, where it is exact. ---

/**
 * A page of a small Shapefile read from its files, or null for GDAL: no
 * filter, no box, no reprojection, and a file `_shp.ts` reads exactly.
 */
function directShapefilePage(
  prepared: PreparedSource,
  info: LayerInfo,
  query: OgrPageQuery,
): FeaturePage | null {
  if (
    query.direct === false || (query.where ?? "").trim() !== "" ||
    query.bbox !== undefined ||
    reprojects(info, query.crs)
  ) return null;
  const table = shpTable(prepared.resolved, info);
  if (table === null) return null;
  const matched = info.featureCount >= 0 ? info.featureCount : table.count;
  const wanted = Math.max(0, matched - query.startIndex);
  const count = query.count === null ? wanted : Math.min(query.count, wanted);
  let rows;
  try {
    rows = shpRows(table, query.startIndex, count);
  } catch {
    return null; // changed under us: GDAL reads it, or names what is wrong
  }
  const names = info.fields.map((f) => f.name);
  return {
    fields: withFid(info),
    fidColumn: info.fidColumn,
    geometryKind: kindOfTypeName(info.geometryType),
    numbersMatched: matched,
    features: rows.map((row) => {
      const attributes: Record<string, AttributeValue> = {};
      for (let i = 0; i < names.length; i++) {
        attributes[names[i]] = row.values[i];
      }
      return { id: row.id, attributes, wkb: row.wkb };
    }),
  };
}

/**
 * A small layer's rows in FID order as GDAL's page statement gives them
 * without LIMIT/OFFSET, kept per dataset and statement (`_layer_cache.ts`:
 * 2 MiB a read, 16 MiB in all); null when GDAL failed on it or it is too
 * large to keep (the page is then read as before).
 */
/** Drivers whose pages are cut from a whole read. */
const WHOLE_PAGE_DRIVERS = new Set(["GeoJSON", "FlatGeobuf", "GPKG"]);

/** Pages cut from a kept whole read, since start (tests). */
export const wholePageStats: { pages: number } = { pages: 0 };

function wholePageRead(
  ds: OpenDataset,
  sql: { ogr: string; native: () => string },
  options: string[],
  read: (sql: { ogr: string; native: () => string }) => Uint8Array,
): Uint8Array | null {
  const key = `page ${options.join(" ")}\n${sql.ogr}`;
  const kept = getWholeLayer(ds, key);
  if (kept !== undefined) return kept;
  let bytes: Uint8Array | null = null;
  try {
    bytes = read(sql);
  } catch {
    // a failure outside the page must not fail it: read pages as before
  }
  setWholeLayer(ds, key, bytes);
  return bytes !== null && bytes.length <= WHOLE_LAYER_MAX_ENTRY ? bytes : null;
}
