/**
 * QGIS project → qgis-server-light `Config`: the tree, the groups, and one
 * dataset per layer in the tree, as the Python exporter extracts them.
 *
 * @module
 */
import {
  basename,
  extname,
  isAbsolute,
  join,
  relative,
  resolve,
} from "node:path";
import { unzipSync } from "fflate";
import type { BBox } from "@qgis-server-light/interface/common";
import type {
  Config,
  Crs,
  Custom,
  DataSource,
  Field,
  Group,
  MetaData,
  OgrSource,
  Raster,
  Service,
  TreeGroup,
  Vector,
  VectorJoin,
} from "@qgis-server-light/interface/config";
import { child, children, childText, customProperties, path } from "./_xml.ts";
import {
  decodeDelimitedTextUri,
  type DecodedUri,
  decodeGdalUri,
  decodeGpxUri,
  decodeOgrUri,
  decodePostgresUri,
  decodeQueryUri,
  decodeSpatialiteUri,
  gdalSource,
  ogrSource,
  postgresSource,
  projectPath,
  sslModeToText,
  vectorTileSource,
  wmsSource,
  wmtsSource,
  xyzSource,
} from "./datasource.ts";
import {
  type OgrDatasetRef,
  readOgrDataset,
  readOgrFilteredExtent,
  readPostgresTable,
  readRasterCrs,
  readRasterExtent,
  type SourceFacts,
  type SourceField,
  type VariantType,
} from "./facts.ts";
import type { PgServices } from "./pg_service.ts";
import { type ProjectFile, readProject } from "./read_project.ts";
import { ProjectError } from "./errors.ts";
import { parseXml, type XmlElement } from "./xml_tree.ts";
import { pythonTitle, sanitizeName } from "./sanitize.ts";
import { legendToLayerTree } from "./legend_tree.ts";
import { type LayerReference, layerStyles } from "./style.ts";
import { bboxToWgs84 } from "./wgs84.ts";
import { resolveLocalSource } from "./local_source.ts";

/** Options of {@link exportProject}. */
export interface ExportOptions {
  /** Name layers by their group path joined by {@link separator}. */
  unifyLayerNamesByGroup?: boolean;
  /** Separator of unified names; default ".". */
  separator?: string;
  /** pg_service.conf services for `service=` PostgreSQL sources. */
  pgServices?: PgServices;
  /** Read field types, keys and geometry types from the sources (default true). */
  readSources?: boolean;
  /**
   * Real path of the only folder layer files may be read from (the `serve`
   * API's data root); anywhere when absent.
   */
  readRoot?: string;
  /** Receives warnings (skipped layers, unreachable sources). */
  warn?: (message: string) => void;
  /** Receives a line per exported layer (its provider and fields). */
  debug?: (message: string) => void;
  /**
   * Encodes a style's QML for the wire (the interface's style codec);
   * required for `styles[].definition`.
   */
  encodeStyle: (qml: string) => string;
  /**
   * Most layers exported: a project with more `<maplayer>`s, or a layer
   * tree (embedded groups included) naming more layers, is refused with a
   * {@link ProjectError}. Default {@link DEFAULT_MAX_LAYERS}.
   */
  maxLayers?: number;
  /**
   * Deepest nesting of layer-tree groups (embedded groups included)
   * exported; deeper is refused with a {@link ProjectError}. Default
   * {@link DEFAULT_MAX_GROUP_DEPTH}.
   */
  maxGroupDepth?: number;
}

/**
 * The most layers a project may have by default: 10,000, ten times the
 * largest project we know of (a layer costs some 15 ms and 100 kB).
 */
export const DEFAULT_MAX_LAYERS = 10_000;

/**
 * The deepest layer-tree group nesting exported by default: 100 levels.
 * QGIS projects nest a handful; each level lengthens the name of every
 * layer below it when names are unified by group.
 */
export const DEFAULT_MAX_GROUP_DEPTH = 100;

const count = (n: number): string => n.toLocaleString("en-US");

const WMS_ENTRIES: [string, keyof Service][] = [
  ["WMSContactOrganization", "contact_organization"],
  ["WMSContactMail", "contact_mail"],
  ["WMSContactPerson", "contact_person"],
  ["WMSContactPhone", "contact_phone"],
  ["WMSContactPosition", "contact_position"],
  ["WMSFees", "fees"],
  ["WMSKeywordList", "keyword_list"],
  ["WMSOnlineResource", "online_resource"],
  ["WMSServiceAbstract", "service_abstract"],
  ["WMSServiceTitle", "service_title"],
  ["WMSUrl", "resource_url"],
];

/**
 * Whether the project sets "Add geometry to feature response"
 * (`WMSAddWktGeometry`), read as QGIS's `readBoolEntry` reads it
 * (`QVariant::toBool` of its text: anything but "", "0" and "false").
 *
 * @example
 * ```ts ignore
 * import { addsWktGeometry } from "./export_project.ts";
 * addsWktGeometry(project.root); // true
 * ```
 */
export function addsWktGeometry(root: XmlElement): boolean {
  return projectFlag(root, "WMSAddWktGeometry");
}

/** A project property read as QGIS's `readBoolEntry` reads it. */
function projectFlag(root: XmlElement, name: string): boolean {
  const properties = child(root, "properties");
  const e = properties ? child(properties, name) : undefined;
  const text = (e?.textContent ?? "").trim().toLowerCase();
  return text !== "" && text !== "0" && text !== "false";
}

/**
 * Whether the project sets "Use attribute form settings for GetFeatureInfo
 * response" (`WMSFeatureInfoUseAttributeFormSettings`).
 *
 * @example
 * ```ts ignore
 * import { usesAttributeForm } from "./export_project.ts";
 * usesAttributeForm(project.root); // true
 * ```
 */
export function usesAttributeForm(root: XmlElement): boolean {
  return projectFlag(root, "WMSFeatureInfoUseAttributeFormSettings");
}

/**
 * The project's feature info precision (`WMSPrecision`) as QGIS's
 * `readNumEntry` reads it: its text as an integer, 6 (QGIS's default) when
 * absent or not one (or outside 0–17, which no answer could use).
 *
 * @example
 * ```ts ignore
 * import { wmsPrecision } from "./export_project.ts";
 * wmsPrecision(project.root); // 8
 * ```
 */
export function wmsPrecision(root: XmlElement): number {
  const properties = child(root, "properties");
  const e = properties ? child(properties, "WMSPrecision") : undefined;
  const text = (e?.textContent ?? "").trim();
  if (!/^[+-]?\d+$/.test(text)) return 6;
  const n = Number(text);
  return n >= 0 && n <= 17 ? n : 6;
}

/** A project property in a group (`Measure/Ellipsoid`), trimmed; "" when absent. */
function groupEntry(root: XmlElement, group: string, name: string): string {
  const properties = child(root, "properties");
  const g = properties ? child(properties, group) : undefined;
  const e = g ? child(g, name) : undefined;
  return (e?.textContent ?? "").trim();
}

/**
 * The project's measures as `$area`, `$length` and `$perimeter` take them
 * (`Measure/Ellipsoid`, `Measurement/AreaUnits`,
 * `Measurement/DistanceUnits`), each only when it is not QGIS's default: an
 * absent ellipsoid is `NONE` (QgsProject reads it so), empty units are
 * square metres and metres.
 *
 * @example
 * ```ts ignore
 * import { projectMeasures } from "./export_project.ts";
 * projectMeasures(project.root); // { ellipsoid: "EPSG:7030", area_units: "km2" }
 * ```
 */
export function projectMeasures(
  root: XmlElement,
): { ellipsoid?: string; area_units?: string; distance_units?: string } {
  const ellipsoid = groupEntry(root, "Measure", "Ellipsoid");
  const area = groupEntry(root, "Measurement", "AreaUnits");
  const distance = groupEntry(root, "Measurement", "DistanceUnits");
  return {
    ...(ellipsoid && ellipsoid !== "NONE" ? { ellipsoid } : {}),
    ...(area && area !== "m2" ? { area_units: area } : {}),
    ...(distance && distance !== "meters" ? { distance_units: distance } : {}),
  };
}

/**
 * The project's metadata and WMS service description (the Server tab of the
 * project properties); absent entries are "" as QGIS reads them.
 *
 * @example
 * ```ts ignore
 * import { extractMetadata } from "./export_project.ts";
 * const meta = extractMetadata(project.root);
 * meta.service.service_title; // "Demo service"
 * ```
 */
export function extractMetadata(root: XmlElement): MetaData {
  const properties = child(root, "properties");
  const service = {} as Service;
  for (const [entry, key] of WMS_ENTRIES) {
    const e = properties ? child(properties, entry) : undefined;
    if (e === undefined) service[key] = "";
    else if (entry.toLowerCase().includes("list")) {
      service[key] = children(e, "value").map((v) => v.textContent)
        .join(", ");
    } else service[key] = e.textContent ?? "";
  }
  const meta = child(root, "projectMetadata");
  const categories: string[] = [];
  for (const k of meta ? children(meta, "keywords") : []) {
    if (k.getAttribute("vocabulary") === "gmd:topicCategory") {
      for (const w of children(k, "keyword")) {
        categories.push(w.textContent ?? "");
      }
    }
  }
  const links = meta ? path(meta, "links") : undefined;
  // Without a creation time the field stays empty, as upstream leaves it.
  // QDateTime::toPyDateTime drops a UTC offset: upstream writes the local
  // time the project stores ("2026-03-17T19:47:39+07:00" → "…T19:47:39").
  const creation = (meta ? childText(meta, "creation") ?? "" : "").replace(
    /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?)(?:Z|[+-]\d\d:?\d\d)$/,
    "$1",
  );
  return {
    service,
    links: links
      ? children(links, "link").map((l) => l.getAttribute("url") ?? "")
      : [],
    language: meta ? childText(meta, "language") ?? "" : "",
    categories,
    creationDateTime: creation,
    author: meta ? childText(meta, "author") ?? "" : "",
  };
}

/**
 * The QGIS version that saved a project as QGIS writes it
 * (`QgsProjectVersion(text).text()`, which the Python exporter writes):
 * major, minor and sub as integers (0 when absent or not numbers), then the
 * release name after the first `-` when there is one.
 *
 * @example
 * ```ts
 * import { projectVersionText } from "./export_project.ts";
 * projectVersionText("20.0"); // "20.0.0"
 * projectVersionText("3.22.16-Białowieża"); // "3.22.16-Białowieża"
 * ```
 */
export function projectVersionText(version: string): string {
  const dash = version.indexOf("-");
  const numbers = (dash < 0 ? version : version.slice(0, dash)).split(".");
  const name = dash < 0 ? "" : version.slice(dash + 1);
  // QString::toInt: surrounding spaces allowed, anything else is 0
  const int = (s: string | undefined) =>
    s !== undefined && /^\s*\+?\d+\s*$/.test(s) ? Number(s) : 0;
  const text = `${int(numbers[0])}.${int(numbers[1])}.${int(numbers[2])}`;
  return name === "" ? text : `${text}-${name}`;
}

/** The layer tree's first group named `name`, depth first (`findGroup`). */
function findGroup(root: XmlElement, name: string): XmlElement | null {
  const tree = child(root, "layer-tree-group");
  const stack = tree ? [...children(tree, "layer-tree-group")].reverse() : [];
  while (stack.length > 0) {
    const g = stack.pop()!;
    if (g.getAttribute("name") === name) return g;
    stack.push(...[...children(g, "layer-tree-group")].reverse());
  }
  return null;
}

/** The layer nodes below `group`, at any depth. */
function layerNodes(group: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const stack = [group];
  while (stack.length > 0) {
    const g = stack.pop()!;
    out.push(...children(g, "layer-tree-layer"));
    stack.push(...children(g, "layer-tree-group"));
  }
  return out;
}

function checked(e: XmlElement): boolean {
  const c = e.getAttribute("checked");
  return c === null || c === "" || c === "Qt::Checked" ||
    c === "Qt::PartiallyChecked";
}

function expanded(e: XmlElement): boolean {
  const x = e.getAttribute("expanded");
  return x === null || x === "" || x === "1";
}

function groupShortName(group: XmlElement): string {
  const props = customProperties(group);
  const short = props.wmsShortName;
  if (typeof short === "string" && short !== "") return short;
  const name = sanitizeName(group.getAttribute("name") ?? "", true);
  return name === "_" ? "" : name;
}

function groupTitle(group: XmlElement): string {
  const title = customProperties(group).wmsTitle;
  if (typeof title === "string" && title !== "") return title;
  return group.getAttribute("name") ?? "";
}

const num = (text: string | undefined): number | null => {
  if (text === undefined || text.trim() === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
};

function bboxOf(e: XmlElement | undefined): BBox | null {
  if (e === undefined) return null;
  const x0 = num(childText(e, "xmin"));
  const y0 = num(childText(e, "ymin"));
  const x1 = num(childText(e, "xmax"));
  const y1 = num(childText(e, "ymax"));
  if (x0 === null || y0 === null || x1 === null || y1 === null) return null;
  return { x_min: x0, x_max: x1, y_min: y0, y_max: y1, z_min: 0, z_max: 0 };
}

/**
 * The identifiers of a CRS as QGIS gives them (authid, PostGIS SRID, OGC
 * URI and URN).
 *
 * @example
 * ```ts
 * import { crsOf } from "./export_project.ts";
 * crsOf("EPSG:2056", 2056).ogc_urn; // "urn:ogc:def:crs:EPSG::2056"
 * ```
 */
export function crsOf(authId: string, srid: number | null): Crs {
  // QgsCoordinateReferenceSystem::toOgcUri/toOgcUrn know EPSG and OGC.
  const m = /^(EPSG|OGC):(.+)$/i.exec(authId);
  let uri = "";
  let urn = "";
  if (m) {
    const auth = m[1].toUpperCase();
    uri = auth === "OGC"
      ? `http://www.opengis.net/def/crs/OGC/1.3/${m[2]}`
      : `http://www.opengis.net/def/crs/EPSG/0/${m[2]}`;
    urn = auth === "OGC"
      ? `urn:ogc:def:crs:OGC:1.3:${m[2]}`
      : `urn:ogc:def:crs:EPSG::${m[2]}`;
  }
  return {
    auth_id: authId,
    postgis_srid: srid ?? 0,
    ogc_uri: uri,
    ogc_urn: urn,
  };
}

// The layer's CRS as GDAL may read it: authority id, PROJ string, WKT.
function crsDefinitions(layer: XmlElement): string[] {
  const srs = path(layer, "srs", "spatialrefsys");
  if (srs === undefined) return [];
  return ["authid", "proj4", "wkt"].map((n) => childText(srs, n) ?? "")
    .filter((d) => d !== "" && !/^USER:/i.test(d));
}

function layerCrs(layer: XmlElement): Crs | null {
  const srs = path(layer, "srs", "spatialrefsys");
  if (srs === undefined) return null;
  const authId = childText(srs, "authid") ?? "";
  const srid = num(childText(srs, "srid"));
  return crsOf(authId, srid);
}

// The `crs` a delimited text URI names (QGIS's own option), "" when none.
function delimitedTextCrs(openOptions: string[]): string {
  for (const option of openOptions) {
    const m = /^crs=(.*)$/i.exec(option);
    if (!m) continue;
    try {
      return decodeURIComponent(m[1]).trim();
    } catch {
      return m[1].trim();
    }
  }
  return "";
}

/**
 * Whether QGIS reads a layer's data in another CRS than the data's own: the
 * project declares one with an authority code a worker can use and the data
 * has none or another (WGS 84's two names taken as one). Unknown data CRSs
 * (not read, no authority code) are taken as the declared one.
 *
 * @example
 * ```ts
 * import { crsDiffers } from "./export_project.ts";
 * crsDiffers("", "EPSG:4326"); // true
 * crsDiffers("OGC:CRS84", "EPSG:4326"); // false
 * crsDiffers(undefined, "EPSG:4326"); // false
 * ```
 */
export function crsDiffers(
  data: string | undefined,
  declared: string | null | undefined,
): boolean {
  if (data === undefined || !declared || !/^[A-Z]+:\w+$/i.test(declared)) {
    return false;
  }
  if (/^USER:/i.test(declared)) return false;
  const name = (crs: string) => {
    const upper = crs.trim().toUpperCase();
    return upper === "OGC:CRS84" ? "EPSG:4326" : upper;
  };
  return name(data) !== name(declared);
}

/**
 * Simple geometry type of a WKB type name, as QGIS names it.
 *
 * @example
 * ```ts
 * import { simpleGeometryType } from "./export_project.ts";
 * simpleGeometryType("MultiLineString"); // "Line"
 * ```
 */
export function simpleGeometryType(wkb: string | null): string | null {
  if (wkb === null) return null;
  const t = wkb.toLowerCase();
  if (t === "nogeometry") return "Null";
  if (/point/.test(t)) return "Point";
  if (/line|curve$|circularstring|multicurve/.test(t) && !/polygon/.test(t)) {
    return "Line";
  }
  if (/polygon|surface|triangle|tin/.test(t)) return "Polygon";
  return "Unknown";
}

function wfsType(f: SourceField): string {
  switch (f.variant) {
    case "Int":
      return "int";
    case "UInt":
      return "unsignedInt";
    case "LongLong":
      return "long";
    case "ULongLong":
      return "unsignedLong";
    case "Double":
      return f.length > 0 && f.precision === 0 ? "integer" : "decimal";
    case "Bool":
      return "boolean";
    case "QDate":
      return "date";
    case "QTime":
      return "time";
    case "QDateTime":
      return "dateTime";
    default:
      return "string";
  }
}

function oapifType(f: SourceField): [string, string | null] {
  switch (f.variant) {
    case "Int":
      return ["integer", null];
    case "UInt":
      return ["integer", "uint32"];
    case "LongLong":
      return ["integer", "int64"];
    case "ULongLong":
      return ["integer", "uint64"];
    case "Double":
      return ["number", "double"];
    case "Bool":
      return ["boolean", null];
    case "QDate":
      return ["string", "date"];
    case "QTime":
      return ["string", "time"];
    case "QDateTime":
      return ["string", "date-time"];
    default:
      return ["string", null];
  }
}

const DEFAULT_DATE_FORMAT: Partial<Record<string, string>> = {
  QDate: "yyyy-MM-dd",
  QTime: "HH:mm:ss",
  QDateTime: "yyyy-MM-dd HH:mm:ss",
};

function editorWidget(
  f: SourceField,
  widget: { type: string; config: Record<string, unknown> } | undefined,
): [string | null, string | null, string | null, string | null] {
  const type = widget?.type ?? "";
  const config = widget?.config ?? {};
  if (type === "DateTime") {
    const format = typeof config.field_format === "string"
      ? config.field_format
      : DEFAULT_DATE_FORMAT[f.variant] ?? "yyyy-MM-dd";
    if (format === "HH:mm:ss") return [type, "time", "string", "time"];
    if (format === "yyyy-MM-dd") return [type, "date", "string", "date"];
    if (format === "yyyy-MM-dd HH:mm:ss" || format === "Qt ISO Date") {
      return [type, "dateTime", "string", "date-time"];
    }
  } else if (type === "Range" && Number(config.Precision)) {
    // As upstream: a Precision of 0 counts as unset.
    const precision = Number(config.Precision);
    if (precision !== f.precision) {
      return precision === 0
        ? [type, "integer", "integer", "int64"]
        : [type, "decimal", "number", "double"];
    }
  }
  return [type, null, null, null];
}

interface LayerFieldConfig {
  aliases: Map<string, string>;
  notNull: Map<string, boolean>;
  widgets: Map<string, { type: string; config: Record<string, unknown> }>;
}

function fieldConfig(layer: XmlElement): LayerFieldConfig {
  const aliases = new Map<string, string>();
  for (const a of children(child(layer, "aliases") ?? layer, "alias")) {
    aliases.set(a.getAttribute("field") ?? "", a.getAttribute("name") ?? "");
  }
  const notNull = new Map<string, boolean>();
  for (
    const c of children(child(layer, "constraints") ?? layer, "constraint")
  ) {
    const flags = Number(c.getAttribute("constraints") ?? "0");
    notNull.set(c.getAttribute("field") ?? "", (flags & 1) === 1);
  }
  const widgets = new Map<
    string,
    { type: string; config: Record<string, unknown> }
  >();
  for (
    const f of children(child(layer, "fieldConfiguration") ?? layer, "field")
  ) {
    const w = child(f, "editWidget");
    if (w === undefined) continue;
    const option = path(w, "config", "Option");
    let config: Record<string, unknown> = {};
    if (option) {
      const read = readOptionMap(option);
      if (read) config = read;
    }
    widgets.set(f.getAttribute("name") ?? "", {
      type: w.getAttribute("type") ?? "",
      config,
    });
  }
  // QGIS 2.x: <edittypes><edittype name widgetv2type><widgetv2config …/>,
  // read by QGIS 3 as the field's widget with the config's attributes.
  for (const e of children(child(layer, "edittypes") ?? layer, "edittype")) {
    const name = e.getAttribute("name") ?? "";
    if (name === "" || widgets.has(name)) continue;
    const config = child(e, "widgetv2config");
    widgets.set(name, {
      type: e.getAttribute("widgetv2type") ?? "",
      config: config ? { ...config.attributes } : {},
    });
  }
  return { aliases, notNull, widgets };
}

function readOptionMap(
  option: XmlElement,
): Record<string, unknown> | undefined {
  if (option.getAttribute("type") !== "Map") return undefined;
  const out: Record<string, unknown> = {};
  for (const c of children(option, "Option")) {
    out[c.getAttribute("name") ?? ""] = c.getAttribute("value");
  }
  return out;
}

function buildFields(layer: XmlElement, facts: SourceFacts): Field[] {
  const config = fieldConfig(layer);
  return facts.fields.map((f) => {
    const isPk = facts.primaryKeys.includes(f.name);
    const [oapif, oapifFormat] = oapifType(f);
    const [widget, widgetWfs, widgetOapif, widgetOapifFormat] = editorWidget(
      f,
      config.widgets.get(f.name),
    );
    const notNull = config.notNull.get(f.name) ?? !f.nullable;
    return {
      name: f.name,
      type: f.typeName,
      is_primary_key: isPk,
      type_wfs: wfsType(f),
      type_oapif: oapif,
      type_oapif_format: oapifFormat,
      alias: config.aliases.get(f.name) || pythonTitle(f.name),
      comment: f.comment,
      nullable: !notNull,
      length: f.length > 0 ? f.length : null,
      precision: f.precision > 0 ? f.precision : null,
      editor_widget_type: widget,
      editor_widget_type_wfs: widgetWfs,
      editor_widget_type_oapif: widgetOapif,
      editor_widget_type_oapif_format: widgetOapifFormat,
    };
  });
}

// QVariant::Type numbers of <expressionfields> as SourceField variants
const QVARIANT: Record<string, VariantType> = {
  "1": "Bool",
  "2": "Int",
  "3": "UInt",
  "4": "LongLong",
  "5": "ULongLong",
  "6": "Double",
  "8": "QVariantMap",
  "9": "QVariantList",
  "10": "QString",
  "11": "QStringList",
  "12": "QByteArray",
  "14": "QDate",
  "15": "QTime",
  "16": "QDateTime",
};

/** A layer's expression (virtual) fields, as QGIS lists them. */
function expressionFields(layer: XmlElement): SourceField[] {
  const list = child(layer, "expressionfields");
  return (list ? children(list, "field") : []).map((f) => ({
    name: f.getAttribute("name") ?? "",
    typeName: f.getAttribute("typeName") ?? "",
    variant: QVARIANT[f.getAttribute("type") ?? ""] ?? "QString",
    length: num(f.getAttribute("length") ?? undefined) ?? 0,
    precision: num(f.getAttribute("precision") ?? undefined) ?? 0,
    nullable: true,
    comment: f.getAttribute("comment") ?? "",
  })).filter((f) => f.name !== "");
}

const emptySource = (): DataSource => ({
  postgres: null,
  wmts: null,
  wms: null,
  ogr: null,
  gdal: null,
  wfs: null,
  vector_tile: null,
  xyz: null,
});

type Kind = "vector" | "raster" | "custom";

/** An extent a source gives, `[xmin, ymin, xmax, ymax]`, or none at all. */
type DataExtent = [number, number, number, number] | "empty";

/**
 * QGIS's minimal rectangle (`QgsRectangle::setMinimal`), the extent of a
 * layer without features, as the Python exporter writes it.
 */
const EMPTY_BBOX: BBox = {
  x_min: Number.MAX_VALUE,
  x_max: -Number.MAX_VALUE,
  y_min: Number.MAX_VALUE,
  y_max: -Number.MAX_VALUE,
  z_min: 0,
  z_max: 0,
};

/** A group's short-name path, innermost first. */
interface GroupPath {
  name: string;
  parent: GroupPath | null;
}

/**
 * The text encoding a project declares for a Shapefile layer
 * (`<provider encoding="…">`), which QGIS 3.22 reads the table in whatever
 * the file's `.cpg` or LDID say; null for other files, none declared, or
 * `System` (the server's locale, which the config cannot know).
 */
function shapefileEncoding(layer: XmlElement, d: DecodedUri): string | null {
  const file = d.vsiSuffix ?? d.path ?? "";
  if (!/\.(shp|dbf)$/i.test(file)) return null;
  const provider = child(layer, "provider");
  const encoding = provider?.getAttribute("encoding")?.trim() ?? "";
  return encoding === "" || /^system$/i.test(encoding) ? null : encoding;
}

function pathNames(path: GroupPath | null): string[] {
  const names: string[] = [];
  for (let p = path; p !== null; p = p.parent) names.push(p.name);
  return names.reverse();
}

/**
 * Exports a parsed project into a `Config`.
 *
 * @example
 * ```ts ignore
 * import { readProject } from "./read_project.ts";
 * import { exportProject } from "./export_project.ts";
 * import { encodeStyle } from "@qgis-server-light/interface/style_codec";
 * const config = await exportProject(await readProject("demo.qgz"), {
 *   encodeStyle,
 * });
 * ```
 */
export async function exportProject(
  project: ProjectFile,
  options: ExportOptions,
): Promise<Config> {
  const warn = options.warn ?? (() => {});
  const separator = options.separator ?? ".";
  const readSources = options.readSources ?? true;
  const root = project.root;
  const version = root.getAttribute("version") ?? "";
  // QgsProject::title(): the metadata's title, else the <title> of projects
  // before QGIS 3.2; never the projectname attribute
  const metadata = child(root, "projectMetadata");
  const title = (metadata ? childText(metadata, "title") : "") ||
    childText(root, "title") || "";

  // QgsProject::FlagTrustLayerMetadata: layers keep the extent stored
  const trustsMetadata = child(root, "trust")?.getAttribute("active") === "1";

  const maxLayers = options.maxLayers ?? DEFAULT_MAX_LAYERS;
  const maxGroupDepth = options.maxGroupDepth ?? DEFAULT_MAX_GROUP_DEPTH;
  const refuse = (detail: string, option: string, file = project.path) =>
    new ProjectError(
      `Cannot export ${
        basename(file)
      }: ${detail} (raise ${option} to export it)`,
    );
  const tooManyLayers = (what: string, file?: string) =>
    refuse(
      `${what} more than ${count(maxLayers)} layers, the limit`,
      "--max-layers",
      file,
    );

  const mapLayers = new Map<string, XmlElement>();
  const projectLayers = child(root, "projectlayers");
  if (
    projectLayers && children(projectLayers, "maplayer").length > maxLayers
  ) throw tooManyLayers("it has");
  for (const l of projectLayers ? children(projectLayers, "maplayer") : []) {
    const id = childText(l, "id");
    if (id) mapLayers.set(id, l);
  }

  // Embedded layers and groups (QgsProject::createEmbeddedLayer/Group): a
  // layer's <maplayer> and a group's children are read from the project
  // that owns them, named relative to the project that embeds them.
  const owners = new Map<XmlElement, ProjectFile>();
  const others = new Map<string, Promise<ProjectFile | null>>();
  const otherProject = (
    file: string,
    from: ProjectFile,
  ): Promise<ProjectFile | null> => {
    const at = isAbsolute(file) ? file : resolve(from.directory, file);
    let read = others.get(at);
    if (read === undefined) {
      read = (async () => {
        try {
          if (options.readRoot !== undefined) {
            await resolveLocalSource(at, options.readRoot);
          }
          const other = await readProject(at);
          const list = child(other.root, "projectlayers");
          if (list && children(list, "maplayer").length > maxLayers) {
            throw tooManyLayers("it has", at);
          }
          return other;
        } catch (error) {
          warn(
            `Cannot read the embedded project ${file}: ${
              (error as Error).message
            }; its layers skipped`,
          );
          return null;
        }
      })();
      others.set(at, read);
    }
    return read;
  };
  /** The <maplayer> of `id` in `from` (following embedding), or null. */
  const ownLayer = async (
    id: string,
    from: ProjectFile,
    depth = 0,
  ): Promise<{ layer: XmlElement; owner: ProjectFile } | null> => {
    const list = child(from.root, "projectlayers");
    for (const l of list ? children(list, "maplayer") : []) {
      if (l.getAttribute("embedded") === "1" && l.getAttribute("id") === id) {
        const file = l.getAttribute("project") ?? "";
        const other = depth < 8 ? await otherProject(file, from) : null;
        return other === null ? null : ownLayer(id, other, depth + 1);
      }
      if (childText(l, "id") === id) return { layer: l, owner: from };
    }
    return null;
  };
  const embedLayer = async (id: string, from: ProjectFile): Promise<void> => {
    const found = await ownLayer(id, from);
    if (found === null) return;
    mapLayers.set(id, found.layer);
    if (found.owner !== project) owners.set(found.layer, found.owner);
  };
  for (const l of projectLayers ? children(projectLayers, "maplayer") : []) {
    const id = l.getAttribute("id");
    if (l.getAttribute("embedded") === "1" && id && !mapLayers.has(id)) {
      await embedLayer(id, project);
    }
  }
  /** A decoded path of `layer`, relative to its owner, as the host's. */
  // layer tree nodes of embedded groups unchecked by the embedding project
  const hidden = new Set<XmlElement>();
  const ownerOf = (layer: XmlElement): ProjectFile =>
    owners.get(layer) ?? project;
  const rebase = <T extends { path?: string | null }>(
    d: T,
    layer: XmlElement,
  ): T => {
    const owner = owners.get(layer);
    if (
      owner === undefined || !d.path || isAbsolute(d.path) ||
      /^[a-z][a-z0-9+.-]*:\/\//i.test(d.path)
    ) return d;
    const at = relative(project.directory, resolve(owner.directory, d.path));
    return { ...d, path: projectPath(at, project.directory) };
  };
  // what a value relation widget naming a layer by id, or a relation
  // referencing it, is given of it
  const references = new Map<string, LayerReference>();
  for (const [id, l] of mapLayers) {
    references.set(id, {
      name: childText(l, "layername") ?? "",
      source: childText(l, "datasource") ?? "",
      provider: childText(l, "provider") ?? "",
      display: childText(l, "previewExpression") ?? "",
    });
  }

  const members: TreeGroup[] = [];
  const groups: Group[] = [];
  const vectors: Vector[] = [];
  const rasters: Raster[] = [];
  const customs: Custom[] = [];
  const ogrCache = new Map<
    string,
    Promise<{ layers: Map<string, SourceFacts>; order: string[] }>
  >();

  const ogrRef = (
    d: DecodedUri,
    open: Pick<OgrDatasetRef, "openOptions" | "allowedDrivers"> = {},
  ): OgrDatasetRef => ({
    path: isAbsolute(d.path ?? "")
      ? d.path ?? ""
      : resolve(project.directory, d.path ?? ""),
    vsiPrefix: d.vsiPrefix,
    vsiSuffix: d.vsiSuffix,
    driverPrefix: d.driverPrefix,
    readRoot: options.readRoot,
    ...open,
  });
  // one read per dataset: its layers' facts and their order
  const ogrDataset = (
    ref: OgrDatasetRef,
  ): Promise<{ layers: Map<string, SourceFacts>; order: string[] }> => {
    const key = JSON.stringify(ref);
    let dataset = ogrCache.get(key);
    if (dataset === undefined) {
      dataset = readOgrDataset(ref);
      ogrCache.set(key, dataset);
    }
    return dataset;
  };

  const ogrFacts = async (
    d: DecodedUri,
    label: string,
    open: Pick<OgrDatasetRef, "openOptions" | "allowedDrivers"> = {},
    quietWhenMissing = false,
  ): Promise<SourceFacts | null> => {
    if (!readSources || d.path === null) return null;
    if (d.vsiPrefix && /^\/vsi(curl|s3|gs|az|http)/i.test(d.vsiPrefix)) {
      return null;
    }
    const ref = ogrRef(d, open);
    const dataset = ogrDataset(ref);
    const shown = `${d.driverPrefix ? `${d.driverPrefix}:` : ""}${d.path}`;
    try {
      const { layers, order } = await dataset;
      const name = d.layerName ?? order[Number(d.layerId ?? 0)];
      const facts = name === undefined ? undefined : layers.get(name);
      if (facts === undefined) {
        if (quietWhenMissing) return null;
        warn(
          `Layer ${label}: ${shown} has no layer '${
            d.layerName ?? d.layerId ?? 0
          }'; fields left empty`,
        );
        return null;
      }
      return facts;
    } catch (error) {
      warn(
        `Layer ${label}: cannot read ${shown}: ${
          (error as Error).message
        }; fields left empty`,
      );
      return null;
    }
  };

  // a raster file our GDAL can read for the exporter: a local path, plain or
  // through an archive prefix (not a /vsicurl/ or other remote prefix)
  const rasterFile = (d: DecodedUri) =>
    d.path === null ||
      (d.vsiPrefix && !/^\/vsi(zip|gzip|tar)\//i.test(d.vsiPrefix))
      ? null
      : {
        path: isAbsolute(d.path) ? d.path : resolve(project.directory, d.path),
        vsiPrefix: d.vsiPrefix,
        readRoot: options.readRoot,
      };

  const rasterFacts = async (
    d: DecodedUri,
    label: string,
  ): Promise<[number, number, number, number] | null> => {
    const raster = rasterFile(d);
    if (raster === null) return null;
    try {
      return await readRasterExtent(raster);
    } catch (error) {
      warn(
        `Layer ${label}: cannot read ${d.path}: ${
          (error as Error).message
        }; extent left empty`,
      );
      return null;
    }
  };

  // a raster's own CRS, to tell whether the project declares another
  const rasterCrs = async (d: DecodedUri): Promise<string | undefined> => {
    const raster = readSources ? rasterFile(d) : null;
    if (raster === null) return undefined;
    try {
      return await readRasterCrs(raster);
    } catch {
      // unreadable: taken to be in the declared CRS (the extent warns)
      return undefined;
    }
  };

  const pgFacts = async (
    d: DecodedUri,
    label: string,
  ): Promise<SourceFacts | null> => {
    if (!readSources || !d.table) return null;
    try {
      return await readPostgresTable(
        {
          host: d.host ?? undefined,
          port: d.port ? Number(d.port) : undefined,
          user: d.username ?? d.user ?? undefined,
          password: d.password ?? undefined,
          database: d.dbname ?? undefined,
          sslmode: d.sslmode ? sslModeToText(Number(d.sslmode)) : undefined,
        },
        d.schema ?? null,
        d.table,
        d.geometrycolumn ?? null,
        d.key
          ? d.key.split(",").map((k) => k.trim().replace(/^"|"$/g, ""))
          : [],
      );
    } catch (error) {
      warn(
        `Layer ${label}: cannot read PostgreSQL table ${
          d.schema ?? "public"
        }.${d.table}: ${
          (error as Error).message
        }; fields, geometry type and extent left empty`,
      );
      return null;
    }
  };

  const mergeService = (d: DecodedUri, label: string): DecodedUri => {
    if (!d.service) return d;
    const service = options.pgServices?.[d.service];
    if (!service) {
      warn(
        `Layer ${label}: pg_service '${d.service}' is not in the given service files; the export may not work`,
      );
      return d;
    }
    const merged: DecodedUri = {};
    for (const [k, v] of Object.entries(service)) {
      merged[k === "user" ? "username" : k] = v;
    }
    for (const [k, v] of Object.entries(d)) {
      if (v !== null && v !== undefined) merged[k] = v;
    }
    if (merged.sslmode && !/^\d+$/.test(merged.sslmode)) {
      merged.sslmode = String(
        ["prefer", "disable", "allow", "require", "verify-ca", "verify-full"]
          .indexOf(merged.sslmode.toLowerCase()),
      );
      if (merged.sslmode === "-1") merged.sslmode = "0";
    }
    return merged;
  };

  /**
   * The extent QGIS 3.22's OGR provider gives a layer it opened (what
   * `QgsVectorLayer::extent` returns unless the project trusts its layer
   * metadata): GDAL's extent of the layer, or with a subset the envelope of
   * the features it keeps (QGIS walks them); "empty" when GDAL tells none
   * or the subset keeps no feature: QGIS's minimal rectangle. Undefined
   * when the subset cannot be applied (the project's `<extent>` stays).
   */
  const ogrExtent = async (
    d: DecodedUri,
    facts: SourceFacts,
    label: string,
  ): Promise<DataExtent | undefined> => {
    // GDAL's extent even of a layer without features (a GeoPackage's
    // gpkg_contents, a Shapefile's header)
    if (!d.subset) return facts.extent ?? "empty";
    const ref = ogrRef(d);
    try {
      const layerName = d.layerName ??
        (await ogrDataset(ref)).order[Number(d.layerId ?? 0)];
      if (layerName === undefined) return undefined;
      return await readOgrFilteredExtent(ref, layerName, d.subset) ?? "empty";
    } catch (error) {
      warn(
        `Layer ${label}: cannot filter ${d.path} by its subset: ${
          (error as Error).message
        }; the project's extent kept`,
      );
      return undefined;
    }
  };

  /** A vector layer's source and what its data says; null: unknown provider. */
  const readVector = async (
    layer: XmlElement,
    providerKey: string,
    label: string,
  ): Promise<
    {
      source: DataSource;
      facts: SourceFacts | null;
      dataCrs?: string;
      dataExtent?: DataExtent;
    } | null
  > => {
    const datasource = childText(layer, "datasource") ?? "";
    const source = emptySource();
    let facts: SourceFacts | null = null;
    let dataCrs: string | undefined;
    let dataExtent: DataExtent | undefined;
    if (providerKey === "ogr") {
      const d = rebase(
        decodeOgrUri(datasource, ownerOf(layer).directory),
        layer,
      );
      source.ogr = ogrSource(d);
      const encoding = shapefileEncoding(layer, d);
      if (encoding !== null) {
        source.ogr = {
          ...source.ogr,
          open_options: [`ENCODING=${encoding}`],
        } as OgrSource;
      }
      facts = await ogrFacts(d, label);
      if (facts !== null) dataExtent = await ogrExtent(d, facts, label);
    } else if (providerKey === "postgres") {
      const d = mergeService(decodePostgresUri(datasource), label);
      source.postgres = postgresSource(d);
      facts = await pgFacts(d, label);
    } else if (providerKey === "spatialite") {
      // The upstream config has no SpatiaLite source: written as the file
      // source it is (the driver says which provider reads it).
      const d = rebase(
        decodeSpatialiteUri(datasource, ownerOf(layer).directory),
        layer,
      );
      source.ogr = ogrSource(d);
      facts = await ogrFacts(d, label);
    } else if (providerKey === "gpx") {
      const d = rebase(
        decodeGpxUri(datasource, ownerOf(layer).directory),
        layer,
      );
      source.ogr = ogrSource(d);
      const gdalLayer =
        { waypoint: "waypoints", route: "routes", track: "tracks" }[
          d.layerName ?? ""
        ];
      facts = gdalLayer
        ? await ogrFacts({ ...d, layerName: gdalLayer }, label)
        : null;
    } else if (providerKey === "delimitedtext") {
      const d = rebase(
        decodeDelimitedTextUri(datasource, ownerOf(layer).directory),
        layer,
      );
      source.ogr = {
        ...ogrSource({ path: d.path }),
        open_options: d.openOptions,
      } as OgrSource;
      dataCrs = delimitedTextCrs(d.openOptions);
    } else if (providerKey === "wfs") {
      source.wfs = {};
    } else {
      return null;
    }
    return { source, facts, dataCrs: dataCrs ?? facts?.crs, dataExtent };
  };

  /**
   * A layer's joins (`<vectorjoins>`) as QGIS 3.22 reads them, and the
   * joined fields it lists after the layer's own (`QgsVectorLayer::fields`,
   * as the Python exporter writes them): the subset, else every field but
   * the join field, each named with the prefix; a name the layer already has
   * is left out, as `QgsFields::append` refuses it. Fields stay as they
   * are when the layer's own or the joined layer's were not read.
   */
  const readJoins = async (
    layer: XmlElement,
    label: string,
    fields: Field[] | null,
  ): Promise<VectorJoin[]> => {
    const joins: VectorJoin[] = [];
    const element = child(layer, "vectorjoins");
    for (const join of element ? children(element, "join") : []) {
      const joinId = join.getAttribute("joinLayerId") ?? "";
      const targetField = join.getAttribute("targetFieldName");
      const joinField = join.getAttribute("joinFieldName");
      if (!targetField || !joinField) {
        warn(
          `Layer ${label}: the join to '${joinId}' names no target or join field (QGIS 1.x field indexes); join skipped`,
        );
        continue;
      }
      const joined = mapLayers.get(joinId);
      if (joined === undefined || joined.getAttribute("type") !== "vector") {
        warn(
          `Layer ${label}: joined layer '${joinId}' is not a vector layer of the project; join skipped`,
        );
        continue;
      }
      const joinName = childText(joined, "layername") ?? "";
      const driver = childText(joined, "provider") ?? "";
      const joinLabel = `'${joinName}' (${joinId}, joined to ${label})`;
      const read = await readVector(joined, driver.toLowerCase(), joinLabel);
      if (read === null) {
        warn(
          `Layer ${label}: joined layer ${joinLabel} has an unknown provider '${driver}'; join skipped`,
        );
        continue;
      }
      const subsetElement = child(join, "joinFieldsSubset");
      const subset = subsetElement
        ? children(subsetElement, "field").map((f) =>
          f.getAttribute("name") ?? ""
        )
        : null;
      // QgsVectorLayerJoinInfo::readXml: a custom prefix (maybe "") only
      // with hasCustomPrefix; otherwise the joined layer's name and "_".
      const prefix = join.getAttribute("hasCustomPrefix") === "1"
        ? join.getAttribute("customPrefix") ?? ""
        : `${joinName}_`;
      const flag = (name: string) => Number(join.getAttribute(name)) === 1;
      joins.push({
        join_layer_id: joinId,
        join_layer_name: joinName,
        source: read.source,
        driver,
        target_field: targetField,
        join_field: joinField,
        prefix,
        fields_subset: subset,
        memory_cache: flag("memoryCache"),
        editable: flag("editable"),
        upsert_on_edit: flag("upsertOnEdit"),
        cascaded_delete: flag("cascadedDelete"),
        dynamic_form: flag("dynamicForm"),
      });
      if (read.facts === null || fields === null) continue;
      const wanted = subset === null ? null : new Set(subset);
      const added = read.facts.fields.filter((f) =>
        wanted ? wanted.has(f.name) : f.name !== joinField
      ).map((f) => ({ ...f, name: prefix + f.name }));
      const named = buildFields(layer, {
        ...read.facts,
        fields: added,
        primaryKeys: [],
      });
      const taken = new Set(fields.map((f) => f.name));
      for (const f of named) {
        if (taken.has(f.name)) continue;
        taken.add(f.name);
        fields.push(f);
      }
    }
    const auxiliary = await auxiliaryJoin(layer, label, fields);
    if (auxiliary !== null) joins.push(auxiliary);
    return joins;
  };

  let storage: Promise<DecodedUri | null> | undefined;
  /**
   * The project's auxiliary storage as QGIS 3.22 finds it: the first `.qgd`
   * inside a `.qgz`, else the `.qgd` beside the `.qgs` named by its base
   * name (up to the first dot, `QFileInfo::baseName`); null when there is
   * none (QGIS then starts an empty one).
   */
  const auxiliaryStorage = (): Promise<DecodedUri | null> =>
    storage ??= (async () => {
      const file = basename(project.path);
      const empty: DecodedUri = { layerName: null, vsiPrefix: null };
      if (extname(file).toLowerCase() === ".qgz") {
        let member: string | null = null;
        try {
          unzipSync(await Deno.readFile(project.path), {
            filter: (f) => {
              if (member === null && extname(f.name).toLowerCase() === ".qgd") {
                member = f.name;
              }
              return false;
            },
          });
        } catch {
          return null;
        }
        return member === null ? null : {
          ...empty,
          path: file,
          vsiPrefix: "/vsizip/",
          vsiSuffix: `/${member}`,
        };
      }
      const qgd = `${file.split(".")[0]}.qgd`;
      try {
        Deno.statSync(join(project.directory, qgd));
      } catch {
        return null;
      }
      return { ...empty, path: qgd };
    })();

  /**
   * The join QGIS 3.22 adds for a layer's auxiliary storage
   * (`<auxiliaryLayer key>`, `QgsVectorLayer::loadAuxiliaryLayer`): the
   * storage's table named by the layer's id, left joined on its `ASPK` =
   * the key field, its fields but `ASPK` and the provider's `rowid` named
   * `auxiliary_storage_` + their name (label positions, rotations and other
   * values the project keeps out of the data), without memory cache. Null
   * for a layer without a key, a key that is not one of its fields, or no
   * such table (QGIS would create an empty one).
   */
  const auxiliaryJoin = async (
    layer: XmlElement,
    label: string,
    fields: Field[] | null,
  ): Promise<VectorJoin | null> => {
    const key = child(layer, "auxiliaryLayer")?.getAttribute("key");
    const id = childText(layer, "id") ?? "";
    // an embedded layer's storage is its own project's
    if (!key || !id || owners.has(layer)) return null;
    const target = fields === null
      ? key
      : (fields.find((f) => f.name === key) ??
        fields.find((f) => f.name.toLowerCase() === key.toLowerCase()))?.name;
    if (target === undefined) return null;
    const found = await auxiliaryStorage();
    if (found === null) return null;
    const d: DecodedUri = { ...found, layerName: id };
    const facts = await ogrFacts(d, label, {}, true);
    if (facts === null) return null;
    const prefix = "auxiliary_storage_";
    const subset = facts.fields.map((f) => f.name).filter((n) =>
      n !== "ASPK" && n !== "rowid"
    );
    const source = emptySource();
    source.ogr = {
      ...ogrSource(d),
      ...(d.vsiSuffix ? { vsi_suffix: d.vsiSuffix } : {}),
    } as OgrSource;
    if (fields !== null) {
      const named = buildFields(layer, {
        ...facts,
        fields: facts.fields.filter((f) => subset.includes(f.name)).map((
          f,
        ) => ({ ...f, name: prefix + f.name })),
        primaryKeys: [],
      });
      const taken = new Set(fields.map((f) => f.name));
      for (const f of named) {
        if (taken.has(f.name)) continue;
        taken.add(f.name);
        fields.push(f);
      }
    }
    return {
      join_layer_id: `${id}_auxiliarystorage`,
      join_layer_name: `${id}_auxiliarystorage`,
      source,
      driver: "ogr",
      target_field: target,
      join_field: "ASPK",
      prefix,
      fields_subset: subset,
      memory_cache: false,
      editable: true,
      upsert_on_edit: true,
      cascaded_delete: true,
      dynamic_form: false,
    };
  };

  const extractLayer = async (
    node: XmlElement,
    groupPath: GroupPath | null,
  ): Promise<void> => {
    const id = node.getAttribute("id") ?? "";
    const layer = mapLayers.get(id);
    if (layer === undefined) {
      warn(`Layer ${id}: not in <projectlayers>; skipped`);
      return;
    }
    const type = layer.getAttribute("type") ?? "";
    const datasource = childText(layer, "datasource") ?? "";
    let provider = childText(layer, "provider") ?? "";
    const kind: Kind | undefined = type === "vector"
      ? "vector"
      : type === "raster"
      ? "raster"
      : ["vector-tile", "vectortile", "mesh", "point-cloud", "tiled-scene"]
          .includes(type)
      ? "custom"
      : undefined;
    const label = `'${childText(layer, "layername") ?? id}' (${id})`;
    if (kind === undefined) {
      warn(`Layer ${label}: unsupported layer type '${type}'; skipped`);
      return;
    }
    let source = emptySource();
    let facts: SourceFacts | null = null;
    let dataCrs: string | undefined;
    let dataExtent: DataExtent | undefined;
    let rasterExtent: [number, number, number, number] | null = null;
    const providerKey = provider.toLowerCase();
    if (kind === "vector") {
      const read = await readVector(layer, providerKey, label);
      if (read === null) {
        warn(`Layer ${label}: unknown provider '${provider}'; skipped`);
        return;
      }
      ({ source, facts, dataCrs, dataExtent } = read);
    } else if (kind === "raster") {
      if (providerKey === "gdal") {
        const d = rebase(
          decodeGdalUri(datasource, ownerOf(layer).directory),
          layer,
        );
        source.gdal = gdalSource(d);
        // Before QGIS 2.x wrote a raster's <extent>, QGIS read it from the
        // file.
        if (readSources && child(layer, "extent") === undefined) {
          rasterExtent = await rasterFacts(d, label);
        }
        dataCrs = await rasterCrs(d);
      } else if (providerKey === "wms") {
        const d = decodeQueryUri(datasource);
        if ("tileMatrixSet" in d) source.wmts = wmtsSource(d);
        else if (d.type === "xyz") source.xyz = xyzSource(d);
        else source.wms = wmsSource(d);
      } else {
        warn(`Layer ${label}: unknown provider '${provider}'; skipped`);
        return;
      }
    } else {
      const d = decodeQueryUri(datasource);
      // QGIS 3.22 names both `vectortile` (later versions split them)
      if (
        (providerKey === "" || providerKey === "vectortile") &&
        type.startsWith("vector")
      ) {
        provider = d.type === "mbtiles"
          ? "mbtilesvectortiles"
          : d.type === "xyz"
          ? "xyzvectortiles"
          : provider;
      }
      if (
        ["xyzvectortiles", "mbtilesvectortiles"].includes(
          provider.toLowerCase(),
        )
      ) {
        source.vector_tile = vectorTileSource(d, project.directory);
      } else {
        warn(`Layer ${label}: unknown provider '${provider}'; skipped`);
        return;
      }
    }

    const shortName = childText(layer, "shortname") || id;
    const name = options.unifyLayerNamesByGroup
      ? [...pathNames(groupPath), shortName].join(separator)
      : shortName;
    const layerName = childText(layer, "layername") ?? "";
    const owner = ownerOf(layer);
    const styles = layerStyles(
      layer,
      owner.text,
      owner === project ? version : owner.root.getAttribute("version") ?? "",
      references,
    );
    const wkbAttr = layer.getAttribute("wkbType");
    const isSpatial = kind !== "vector" ||
      !(wkbAttr === "NoGeometry" ||
        layer.getAttribute("geometry") === "No geometry" ||
        facts?.geometryType === "NoGeometry");
    const stored = isSpatial ? bboxOf(child(layer, "extent")) : null;
    let bbox = stored;
    const extent = facts?.extent ?? rasterExtent;
    if (isSpatial && bbox === null && extent) {
      const [x0, y0, x1, y1] = extent;
      bbox = { x_min: x0, x_max: x1, y_min: y0, y_max: y1, z_min: 0, z_max: 0 };
    }
    // QgsVectorLayer::extent asks the provider that opened the data, and
    // reads the project's <extent> only when the project trusts its layer
    // metadata (`<trust active="1">`)
    if (isSpatial && dataExtent !== undefined && !trustsMetadata) {
      if (dataExtent === "empty") bbox = EMPTY_BBOX;
      else {
        const [x0, y0, x1, y1] = dataExtent;
        bbox = {
          x_min: x0,
          x_max: x1,
          y_min: y0,
          y_max: y1,
          z_min: 0,
          z_max: 0,
        };
      }
    }
    // the stored WGS 84 extent is the stored extent's
    const sameBox = (a: BBox | null, b: BBox | null) =>
      a !== null && b !== null && a.x_min === b.x_min &&
      a.x_max === b.x_max && a.y_min === b.y_min && a.y_max === b.y_max;
    const storedWgs84 = stored === null || sameBox(bbox, stored)
      ? bboxOf(child(layer, "wgs84extent"))
      : null;
    // As QgsMapLayer::readLayerXml: QGIS 2.x's minimumScale/maximumScale
    // were reversed; an absent scale reads as 0.
    const old = layer.hasAttribute("minimumScale");
    const scale = (name: string) =>
      num(layer.getAttribute(name) ?? undefined) ?? 0;
    const minScale = scale(old ? "maximumScale" : "minScale");
    const maxScale = scale(old ? "minimumScale" : "maxScale");
    const common = {
      id,
      name,
      is_checked: checked(node) && !hidden.has(node),
      title: childText(layer, "title") || layerName,
      source,
      driver: provider,
      bbox: bbox === EMPTY_BBOX ? { ...EMPTY_BBOX } : bbox,
      bbox_wgs84: !isSpatial
        ? null
        : bbox === EMPTY_BBOX
        ? { ...EMPTY_BBOX }
        : storedWgs84 ??
          (bbox ? await bboxToWgs84(bbox, crsDefinitions(layer)) : null),
      crs: isSpatial ? layerCrs(layer) : null,
      styles: styles.styles.map((s) => ({
        name: s.name,
        definition: options.encodeStyle(s.qml),
      })),
      minimum_scale: minScale,
      maximum_scale: maxScale,
      style_name: styles.current,
      is_spatial: isSpatial,
    };
    options.debug?.(
      `Layer ${label}: ${kind} from provider '${provider}'${
        facts ? `, ${facts.fields.length} fields read from its source` : ""
      }, ${styles.styles.length} styles`,
    );
    if (kind === "vector") {
      // QGIS takes the WKB type from the provider that opened the data
      // (a PolygonZ the project calls Polygon), the project's when the data
      // tells a generic one (a GeoPackage's GEOMETRY column) or is not read;
      // it knows no layer without one: Unknown when neither tells.
      const told = facts?.geometryType;
      const specific = told && !/^(Geometry|Unknown)(Z|M|ZM)?$/.test(told)
        ? told
        : null;
      const wkb = specific || wkbAttr || told || "Unknown";
      const fields = facts ? buildFields(layer, facts) : [];
      const joins = await readJoins(layer, label, facts ? fields : null);
      // QgsVectorLayer::updateFields: expression fields after the joined
      if (facts) {
        const taken = new Set(fields.map((f) => f.name));
        fields.push(
          ...buildFields(layer, {
            ...facts,
            fields: expressionFields(layer).filter((f) => !taken.has(f.name)),
            primaryKeys: [],
          }),
        );
      }
      vectors.push({
        ...common,
        fields,
        geometry_type_simple: simpleGeometryType(wkb),
        geometry_type_wkb: wkb,
        // written only when there are joins: a config without them stays
        // the Python exporter's, key for key
        ...(joins.length > 0 ? { joins } : {}),
        // likewise only where QGIS reads the data in another CRS than its
        // own
        ...(crsDiffers(dataCrs, common.crs?.auth_id)
          ? { data_crs: dataCrs }
          : {}),
      });
    } else if (kind === "raster") {
      rasters.push({
        ...common,
        // as for vectors: only where QGIS reads the grid in another CRS
        ...(crsDiffers(dataCrs, common.crs?.auth_id)
          ? { data_crs: dataCrs }
          : {}),
      });
    } else customs.push(common);
  };

  // The tree is walked with a stack of its own, never by recursion: a
  // project can nest groups as deep as it likes. A group's path is a linked
  // list, so deep trees do not copy their paths level by level.
  type Work = {
    node: XmlElement;
    path: GroupPath | null;
    /** The project the node's layers are read from (embedded groups). */
    from: ProjectFile;
    depth: number;
    /** Groups above the node (the root's children are at 0). */
    level: number;
  };
  // QGIS before 2.4 wrote a <legend> instead of a layer tree.
  const legend = child(root, "legend");
  const rootGroup = child(root, "layer-tree-group") ??
    (legend ? legendToLayerTree(legend) : undefined);
  // without a tree or a legend QGIS's tree is an empty root
  const treeRoot = rootGroup ?? parseXml(
    "<layer-tree-group/>",
    project.baseName,
  );
  const work: Work[] = [{
    node: treeRoot,
    path: null,
    from: project,
    depth: 0,
    level: -1,
  }];
  // Layers are extracted once the whole tree is read: a layer of an
  // embedded group may join one read after it (QGIS resolves joins once
  // every layer is loaded).
  const treeLayers: [XmlElement, GroupPath | null][] = [];
  while (work.length > 0) {
    const { node, path: parentPath, from, depth, level } = work.pop()!;
    if (node.nodeName === "layer-tree-layer") {
      if (treeLayers.length === maxLayers) {
        throw tooManyLayers("its layer tree names");
      }
      const id = node.getAttribute("id") ?? "";
      if (from !== project && !mapLayers.has(id)) await embedLayer(id, from);
      treeLayers.push([node, parentPath]);
      continue;
    }
    if (level >= maxGroupDepth) {
      throw refuse(
        `its layer tree nests groups deeper than ${
          count(maxGroupDepth)
        } levels, the limit`,
        "--max-group-depth",
      );
    }
    const shortName = groupShortName(node);
    const here = shortName === ""
      ? parentPath
      : { name: shortName, parent: parentPath };
    const isRoot = node === treeRoot;
    let membersOf = node;
    let childFrom = from;
    const props = customProperties(node);
    if (!isRoot && String(props.embedded) === "1") {
      // QgsProject::loadEmbeddedNodes: the group keeps its own name and
      // state; its children are the owner's group of that name, its
      // "embedded-invisible-layers" unchecked.
      const file = String(props.embedded_project ?? "");
      const other = depth < 8 && file !== ""
        ? await otherProject(file, from)
        : null;
      const name = node.getAttribute("name") ?? "";
      const owned = other && findGroup(other.root, name);
      if (owned) {
        membersOf = owned;
        childFrom = other!;
        const invisible = props["embedded-invisible-layers"];
        const ids = new Set(
          Array.isArray(invisible) ? invisible.map(String) : [
            String(invisible ?? ""),
          ],
        );
        for (const l of layerNodes(owned)) {
          if (ids.has(l.getAttribute("id") ?? "")) hidden.add(l);
        }
      } else if (other) {
        warn(`Group '${name}': no such group in ${file}; skipped`);
      }
    }
    const nodes = children(membersOf).filter((c) =>
      c.nodeName === "layer-tree-group" || c.nodeName === "layer-tree-layer"
    );
    members.push({
      id: shortName,
      name: shortName,
      is_checked: isRoot ? true : checked(node),
      children: nodes.map((c) =>
        c.nodeName === "layer-tree-group"
          ? groupShortName(c)
          : c.getAttribute("id") ?? ""
      ),
      is_expanded: isRoot ? true : expanded(node),
    });
    groups.push({
      id: shortName,
      name: shortName,
      title: groupTitle(node),
      is_checked: isRoot ? true : checked(node),
      is_expanded: isRoot ? true : expanded(node),
    });
    for (let i = nodes.length - 1; i >= 0; i--) {
      work.push({
        node: nodes[i],
        path: here,
        from: childFrom,
        depth: childFrom === from ? depth : depth + 1,
        level: level + 1,
      });
    }
  }

  for (const [node, groupPath] of treeLayers) {
    await extractLayer(node, groupPath);
  }

  return {
    project: {
      version: projectVersionText(version),
      name: title || project.baseName,
      // only when set: a config without it is the Python exporter's
      ...(addsWktGeometry(root) ? { wms_add_wkt_geometry: true } : {}),
      ...(wmsPrecision(root) === 6
        ? {}
        : { wms_precision: wmsPrecision(root) }),
      ...(usesAttributeForm(root)
        ? { wms_feature_info_use_attribute_form_settings: true }
        : {}),
      ...projectMeasures(root),
    },
    meta_data: extractMetadata(root),
    tree: { members },
    datasets: {
      vector: vectors,
      raster: rasters,
      custom: customs,
      group: groups,
    },
  };
}
