/**
 * Writers of feature info results in the formats QGIS Server's
 * GetFeatureInfo answers with: GeoJSON (`application/json`,
 * `application/geo+json`), plain text, HTML and GML 2 (`application/vnd.ogc.gml`,
 * `text/xml`). The layouts are QGIS Server 3.22's, byte for byte: fields by
 * their style's alias (field names in GML) with their values as the field's
 * widget writes them, JSON with QGIS's key order and number forms, geometry
 * only when asked. Every value is escaped for the format (QGIS Server does
 * not escape HTML: there the answers differ).
 *
 * @module
 */
import type { AttributeValue, Geometry, Rect } from "../geometry/types.ts";
import { bounds } from "../geometry/measure.ts";
import {
  displayValue,
  type InfoField,
  jsonFieldValue,
  listFieldValue,
  valueRelationValue,
} from "./feature_info_fields.ts";
import { qtNumber } from "../legend/number_format.ts";
import { grisu2 } from "./grisu2.ts";

/** A feature found under the pixel. */
export interface InfoFeature {
  /** Feature id (OGR FID). */
  id: number;
  /** Attribute values by field name, in field order. */
  attributes: Record<string, AttributeValue>;
  /** Geometry in the map CRS, or null. */
  geometry: Geometry | null;
  /** Attributes a join gave no row (GML writes them `NULL`); absent: none. */
  unjoined?: string[];
  /**
   * GML's bounds of a reprojected feature: its layer-CRS bounding box
   * transformed as QGIS transforms it; absent: the geometry's bounds.
   */
  bounds?: Rect;
}

/** One queried layer and the features found in it. */
export interface InfoLayer {
  /** Layer name as queried. */
  name: string;
  /**
   * The fields shown, in order, as the layer's style shows them; absent:
   * every attribute under its own name.
   */
  fields?: InfoField[];
  /**
   * Every field of the layer, hidden ones too, in field order: those QGIS
   * Server's JSON looks the shown fields' display names up in; absent: the
   * shown fields.
   */
  allFields?: InfoField[];
  /** Features in the source's order (feature id); none for a raster layer. */
  features: InfoFeature[];
  /** A raster layer's band values at the pixel; absent for a vector layer. */
  bands?: BandValue[];
}

/**
 * The value of one raster band at the queried point, or one attribute of
 * a feature a web map answered (QGIS Server writes both as the layer's
 * `Attribute` elements).
 */
export interface BandValue {
  /** Band name as QGIS names it (`Band 1`), or the attribute's name. */
  name: string;
  /** The value (null for no data); an attribute's value as its text. */
  value: number | string | null;
}

/** Everything a feature info answer holds. */
export interface InfoResult {
  /** Map CRS (`AUTH:CODE`), the CRS of the geometries. */
  crs: string;
  /** Queried layers, in `QUERY_LAYERS` order. */
  layers: InfoLayer[];
  /** Whether features carry their geometry (JSON, GML). */
  withGeometry?: boolean;
  /**
   * Decimals of GML and WKT coordinates (the project's `WMSPrecision`);
   * default 6, QGIS Server's. JSON keeps QGIS's JSON exporter's 6.
   */
  precision?: number;
  /**
   * Whether GML features carry their bounds (`gml:boundedBy`), as QGIS
   * Server writes them when its project adds geometries, asked for or not;
   * absent: with their geometry.
   */
  boundedBy?: boolean;
}

function typeOf(v: AttributeValue): string {
  if (typeof v === "number") return Number.isInteger(v) ? "Integer64" : "Real";
  if (typeof v === "boolean") return "Boolean";
  if (v instanceof Date) return "DateTime";
  if (v instanceof Uint8Array) return "Binary";
  return "String";
}

/** The fields a layer's answer shows. */
function fieldsOf(layer: InfoLayer): InfoField[] {
  if (layer.fields) return layer.fields;
  const first = layer.features[0]?.attributes ?? {};
  return Object.entries(first).map(([name, v]) => ({
    name,
    displayName: name,
    type: typeOf(v),
    widget: "",
    config: { options: {}, valueMap: [] },
  }));
}

/**
 * The fields QGIS Server 3.22's JSON writes: it finds each shown field again
 * by its display name among all the layer's fields, hidden ones too
 * (`QgsFields::lookupField`: a name, then a name in any case, then an alias
 * in any case) and writes the fields found, in field order, so an alias
 * that is another field's name writes that field, and an alias a hidden
 * field shares with a shown one writes the hidden field (montpellier's
 * excluded district code `QUARTMNO` and its joined name, both "District").
 */
function jsonFields(shown: InfoField[], all: InfoField[]): InfoField[] {
  const lookup = (name: string): number => {
    const lower = name.toLowerCase();
    let i = all.findIndex((f) => f.name === name);
    if (i < 0) i = all.findIndex((f) => f.name.toLowerCase() === lower);
    if (i < 0) {
      i = all.findIndex((f) => f.displayName.toLowerCase() === lower);
    }
    return i;
  };
  const found = new Set(shown.map((f) => lookup(f.displayName)));
  return all.filter((_, i) => found.has(i));
}

/** The INFO_FORMATs written, lower case. */
export const INFO_FORMATS: readonly string[] = [
  "application/json",
  "application/geo+json",
  "text/plain",
  "text/html",
  "application/vnd.ogc.gml",
  "text/xml",
];

/**
 * A band value as QGIS Server writes it (`QString::number`: at most six
 * significant digits, exponent form for large and small magnitudes);
 * `no data` for null.
 *
 * @example
 * ```ts
 * import { bandText } from "./feature_info_format.ts";
 * bandText(523.456789); // "523.457"
 * bandText(12345678); // "1.23457e+07"
 * bandText(null); // "no data"
 * ```
 */
export function bandText(v: number | string | null): string {
  if (v === null) return "no data";
  if (typeof v === "string") return v;
  return v === 0 ? "0" : qtNumber(v);
}

function ringCoords(ring: Float64Array): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + 1 < ring.length; i += 2) out.push([ring[i], ring[i + 1]]);
  return out;
}

/**
 * A geometry as a GeoJSON geometry object (single types for one part,
 * `Multi*` for more).
 *
 * @example
 * ```ts
 * import { toGeoJsonGeometry } from "./feature_info_format.ts";
 * toGeoJsonGeometry({ kind: "point", parts: [[new Float64Array([1, 2])]] });
 * // { type: "Point", coordinates: [1, 2] }
 * ```
 */
export function toGeoJsonGeometry(
  g: Geometry,
): { type: string; coordinates: unknown } {
  switch (g.kind) {
    case "point": {
      const pts = g.parts.flatMap((p) => p.flatMap(ringCoords));
      return pts.length === 1
        ? { type: "Point", coordinates: pts[0] }
        : { type: "MultiPoint", coordinates: pts };
    }
    case "line": {
      const lines = g.parts.map((p) => ringCoords(p[0] ?? new Float64Array()));
      return lines.length === 1
        ? { type: "LineString", coordinates: lines[0] }
        : { type: "MultiLineString", coordinates: lines };
    }
    case "polygon": {
      const polys = g.parts.map((p) => p.map(ringCoords));
      return polys.length === 1
        ? { type: "Polygon", coordinates: polys[0] }
        : { type: "MultiPolygon", coordinates: polys };
    }
  }
}

/** A double JSON number, written as nlohmann::json writes doubles. */
class JsonDouble {
  constructor(readonly value: number) {}
}

/**
 * A double as nlohmann::json writes it (QGIS Server's JSON): Grisu2's
 * digits, which read back but are not always the shortest
 * (`17.251612224587898`), `.0` on whole numbers, exponent form below 1e-4
 * and from 1e15.
 *
 * @example
 * ```ts
 * import { jsonDouble } from "./feature_info_format.ts";
 * jsonDouble(40); // "40.0"
 * jsonDouble(0.00001); // "1e-05"
 * jsonDouble(1e21); // "1e+21"
 * jsonDouble(17.2516122245879); // "17.251612224587898"
 * ```
 */
export function jsonDouble(v: number): string {
  if (!Number.isFinite(v)) return "null";
  if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
  const sign = v < 0 ? "-" : "";
  const { digits, exponent } = grisu2(v);
  const k = digits.length;
  // the decimal point sits after n digits: v = 0.d1d2… × 10^n
  const n = k + exponent;
  if (k <= n && n <= 15) return sign + digits + "0".repeat(n - k) + ".0";
  if (0 < n && n <= 15) {
    return sign + digits.slice(0, n) + "." + digits.slice(n);
  }
  if (-4 < n && n <= 0) return sign + "0." + "0".repeat(-n) + digits;
  const mant = k === 1 ? digits : digits[0] + "." + digits.slice(1);
  const x = n - 1;
  return `${sign}${mant}e${x < 0 ? "-" : "+"}${
    String(Math.abs(x)).padStart(2, "0")
  }`;
}

/** Serializes as nlohmann::json dumps: compact, object keys sorted. */
function dumpJson(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (v instanceof JsonDouble) return jsonDouble(v.value);
  if (typeof v === "number") {
    return Number.isFinite(v) ? String(v) : "null";
  }
  if (typeof v === "string" || typeof v === "boolean") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(dumpJson).join(",")}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${
    entries.map(([k, x]) => `${JSON.stringify(k)}:${dumpJson(x)}`).join(",")
  }}`;
}

/** An attribute as QGIS's JSON exporter types it (QgsJsonUtils::jsonFromVariant). */
function jsonAttribute(v: AttributeValue, field: InfoField): unknown {
  // a value map writes its description (and "(NULL)" for null)
  if (field.widget === "ValueMap" && field.config.valueMap.length) {
    return displayValue(v, field);
  }
  // so does a value relation (its list in braces); other widgets do not
  if (field.widget === "ValueRelation") return valueRelationValue(v, field);
  if (v === null || v === undefined) return null;
  // an OGR list field as an array, its reals as doubles
  const list = listFieldValue(v, field);
  if (list !== undefined) {
    return field.type === "RealList"
      ? list.map((x) => new JsonDouble(Number(x)))
      : list;
  }
  // a map or list as JSON (QgsJsonUtils::jsonFromVariant)
  const json = jsonFieldValue(v, field);
  if (json !== undefined) return json;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return null;
    return field.type === "Real" || !Number.isInteger(v)
      ? new JsonDouble(v)
      : v;
  }
  if (typeof v === "boolean") return v;
  // QVariant's text of a date, whatever the widget shows
  if (v instanceof Date) return displayValue(v, { ...field, widget: "" });
  return displayValue(v, field);
}

function jsonCoordinates(ring: Float64Array): JsonDouble[][] {
  const out: JsonDouble[][] = [];
  for (let i = 0; i + 1 < ring.length; i += 2) {
    out.push([
      new JsonDouble(rounded(ring[i])),
      new JsonDouble(rounded(ring[i + 1])),
    ]);
  }
  return out;
}

function jsonGeometry(g: Geometry): unknown {
  switch (g.kind) {
    case "point": {
      const pts = g.parts.flatMap((p) => p.flatMap(jsonCoordinates));
      return pts.length === 1
        ? { type: "Point", coordinates: pts[0] }
        : { type: "MultiPoint", coordinates: pts };
    }
    case "line": {
      const lines = g.parts.map((p) =>
        jsonCoordinates(p[0] ?? new Float64Array())
      );
      return lines.length === 1
        ? { type: "LineString", coordinates: lines[0] }
        : { type: "MultiLineString", coordinates: lines };
    }
    case "polygon": {
      const polys = g.parts.map((p) => p.map(jsonCoordinates));
      return polys.length === 1
        ? { type: "Polygon", coordinates: polys[0] }
        : { type: "MultiPolygon", coordinates: polys };
    }
  }
}

/** QgsJsonExporter's `bbox` of a geometry other than a point. */
function jsonBbox(g: Geometry | null): { bbox?: JsonDouble[] } {
  if (!g || g.kind === "point") return {};
  const b = bounds(g);
  if (!b) return {};
  return {
    bbox: [b.xmin, b.ymin, b.xmax, b.ymax].map((v) =>
      new JsonDouble(rounded(v))
    ),
  };
}

/**
 * QGIS Server's JSON: a FeatureCollection with one feature per hit (id
 * `layer.fid`, properties by alias as QGIS types them, null without a
 * field, geometry null unless asked) and one per raster layer (id the layer's name, its bands' values
 * as text, no properties outside the raster).
 *
 * @example
 * ```ts
 * import { writeGeoJson } from "./feature_info_format.ts";
 * writeGeoJson({ crs: "EPSG:2056", layers: [] });
 * // '{"features":[],"type":"FeatureCollection"}'
 * ```
 */
export function writeGeoJson(result: InfoResult): string {
  const features = result.layers.flatMap((layer): unknown[] => {
    if (layer.bands) {
      return [{
        type: "Feature",
        id: layer.name,
        properties: Object.fromEntries(
          layer.bands.map((
            b,
          ) => [b.name, b.value === null ? "null" : bandText(b.value)]),
        ),
      }];
    }
    const shown = fieldsOf(layer);
    const fields = jsonFields(shown, layer.allFields ?? shown);
    return layer.features.map((f) => ({
      type: "Feature",
      id: `${layer.name}.${f.id}`,
      geometry: result.withGeometry && f.geometry
        ? jsonGeometry(f.geometry)
        : null,
      ...jsonBbox(result.withGeometry ? f.geometry : null),
      // QGIS's JSON exporter leaves a feature without a field written with
      // null properties
      properties: fields.length === 0 ? null : Object.fromEntries(
        fields.map((fd) => [
          fd.displayName,
          jsonAttribute(f.attributes[fd.name] ?? null, fd),
        ]),
      ),
    }));
  });
  return dumpJson({ type: "FeatureCollection", features });
}

/**
 * QGIS Server's plain text layout: fields by alias, values as their widget
 * writes them.
 *
 * @example
 * ```ts
 * import { writeText } from "./feature_info_format.ts";
 * writeText({ crs: "EPSG:2056", layers: [{ name: "roads", features: [] }] });
 * // "GetFeatureInfo results\n\nLayer 'roads'\n\n"
 * ```
 */
export function writeText(result: InfoResult): string {
  let out = "GetFeatureInfo results\n\n";
  for (const layer of result.layers) {
    out += `Layer '${layer.name}'\n`;
    for (const b of layer.bands ?? []) {
      out += `${b.name} = '${bandText(b.value)}'\n`;
    }
    const fields = fieldsOf(layer);
    for (const f of layer.features) {
      out += `Feature ${f.id}\n`;
      for (const fd of fields) {
        out += `${fd.displayName} = '${
          displayValue(f.attributes[fd.name] ?? null, fd)
        }'\n`;
      }
      if (result.withGeometry && f.geometry) {
        out += `geometry = '${
          toWkt(f.geometry, result.precision ?? PRECISION)
        }'\n`;
      }
    }
    out += "\n";
  }
  return out;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML and XML content and attribute values.
 *
 * @example
 * ```ts
 * import { escapeXml } from "./feature_info_format.ts";
 * escapeXml(`<a href="x">'&'</a>`); // "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]).replace(
    // characters XML 1.0 cannot carry at all
    // deno-lint-ignore no-control-regex
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
    "",
  );
}

// characters XML 1.0 cannot carry at all (QDom would write them as they
// are, making the document unreadable)
// deno-lint-ignore no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * Escapes the text of a GML element as QDom writes a text node
 * (QDomTextPrivate::save): `&` and `<`, a `>` that closes `]]`, a carriage
 * return as `&#xd;`; quotes stay as they are, which XML allows there.
 *
 * @example
 * ```ts
 * import { gmlText } from "./feature_info_format.ts";
 * gmlText(`Pian di Sco' <"a"> & ]]>`); // `Pian di Sco' &lt;"a"> &amp; ]]&gt;`
 * ```
 */
export function gmlText(text: string): string {
  return text.replace(NOT_XML, "").replace(
    /[&<\r]|(?<=\]\])>/g,
    (c) =>
      c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&#xd;",
  );
}

/**
 * Escapes a GML attribute's value as QDom writes one (encodeText with
 * quotes and attribute-value normalisation): `&`, `<`, `"`, a `>` that
 * closes `]]`, tabs and line breaks as character references.
 */
function gmlAttribute(text: string): string {
  return text.replace(NOT_XML, "").replace(
    /[&<"\t\n\r]|(?<=\]\])>/g,
    (c) =>
      ({
        "&": "&amp;",
        "<": "&lt;",
        '"': "&quot;",
        ">": "&gt;",
        "\t": "&#x9;",
        "\n": "&#xa;",
        "\r": "&#xd;",
      })[c]!,
  );
}

/**
 * QGIS Server's HTML layout (a table per layer, one per feature), every
 * name and value escaped.
 *
 * @example
 * ```ts
 * import { writeHtml } from "./feature_info_format.ts";
 * writeHtml({ crs: "EPSG:2056", layers: [] }).startsWith("<HEAD>"); // true
 * ```
 */
export function writeHtml(result: InfoResult): string {
  let out = "<HEAD>\n<TITLE> GetFeatureInfo results </TITLE>\n" +
    '<META http-equiv="Content-Type" content="text/html;charset=utf-8"/>\n' +
    "</HEAD>\n<BODY>\n";
  for (const layer of result.layers) {
    out += "<TABLE border=1 width=100%>\n";
    out += `<TR><TH width=25%>Layer</TH><TD>${
      escapeXml(layer.name)
    }</TD></TR>\n`;
    out += "</BR>";
    for (const b of layer.bands ?? []) {
      out += `<TR><TH>${escapeXml(b.name)}</TH><TD>${
        escapeXml(bandText(b.value))
      }</TD></TR>\n`;
    }
    const fields = fieldsOf(layer);
    for (const f of layer.features) {
      out += "<TABLE border=1 width=100%>\n";
      out += `<TR><TH>Feature</TH><TD>${f.id}</TD></TR>\n`;
      for (const fd of fields) {
        out += `<TR><TH>${escapeXml(fd.displayName)}</TH><TD>${
          escapeXml(displayValue(f.attributes[fd.name] ?? null, fd))
        }</TD></TR>\n`;
      }
      if (result.withGeometry && f.geometry) {
        out += `<TR><TH>geometry</TH><TD>${
          escapeXml(toWkt(f.geometry, result.precision ?? PRECISION))
        }</TD></TR>\n`;
      }
      out += "</TABLE>\n</BR>\n";
    }
    out += "</TABLE>\n<BR></BR>\n";
  }
  return out + "</BODY>\n";
}

/**
 * An element's local name as QGIS Server's GML makes it from a field or
 * band name: spaces become `_`, then what an XML name cannot hold is
 * dropped as for layer names ({@linkcode gmlTypeName}): `@id` is `id`,
 * `x&y` is `xy`, a colon and a leading digit are kept (measured with QGIS
 * Server 3.22, `legend_info` cases `info_own_odd_names_*`).
 *
 * @example
 * ```ts
 * import { xmlName } from "./feature_info_format.ts";
 * xmlName("my layer"); // "my_layer"
 * xmlName("Band 1: height"); // "Band_1:_height"
 * xmlName("@id"); // "id"
 * ```
 */
export function xmlName(name: string): string {
  return gmlTypeName(name.replaceAll(" ", "_"));
}

/**
 * A layer's GML element name as QGIS Server writes it: the layer's name
 * with what an XML name cannot hold dropped (Qt's DropInvalidChars: spaces,
 * markup, brackets; measured with Qt 5.15); its features' `fid` keeps the
 * name.
 *
 * @example
 * ```ts
 * import { gmlTypeName } from "./feature_info_format.ts";
 * gmlTypeName("my layer"); // "mylayer"
 * gmlTypeName("Straßen (2020)"); // "Straßen2020"
 * ```
 */
export function gmlTypeName(name: string): string {
  // after the "qgs:" prefix every character is a name character
  return name.replace(/[^\p{L}\p{N}\p{M}_:.\-\u00B7]/gu, "");
}

/** A coordinate as QGIS writes geometries in feature info: `digits` decimals at most. */
function coord(v: number, digits: number): string {
  const s = v.toFixed(digits);
  const t = s.includes(".") ? s.replace(/\.?0+$/, "") : s;
  return t === "-0" ? "0" : t;
}

/** QGIS Server's feature info geometry precision (WMSPrecision's default). */
const PRECISION = 6;

function rounded(v: number): number {
  return Number(v.toFixed(PRECISION));
}

function gmlCoordinates(
  ring: Float64Array,
  indent: string,
  digits: number,
): string {
  const pts: string[] = [];
  for (let i = 0; i + 1 < ring.length; i += 2) {
    pts.push(`${coord(ring[i], digits)},${coord(ring[i + 1], digits)}`);
  }
  return `${indent}<gml:coordinates cs="," ts=" ">${
    pts.join(" ")
  }</gml:coordinates>`;
}

/** An element around indented lines. */
function element(
  tag: string,
  attrs: string,
  indent: string,
  inner: string[],
): string[] {
  return [`${indent}<${tag}${attrs}>`, ...inner, `${indent}</${tag}>`];
}

function gmlPolygon(
  rings: Float64Array[],
  srs: string,
  indent: string,
  digits: number,
): string[] {
  const [outer, ...holes] = rings;
  const boundary = (tag: string, ring: Float64Array) =>
    element(
      tag,
      "",
      indent + " ",
      element("gml:LinearRing", "", indent + "  ", [
        gmlCoordinates(ring, indent + "   ", digits),
      ]),
    );
  return element("gml:Polygon", srs, indent, [
    ...boundary("gml:outerBoundaryIs", outer ?? new Float64Array()),
    ...holes.flatMap((h) => boundary("gml:innerBoundaryIs", h)),
  ]);
}

/**
 * A geometry as QGIS Server's GML 2 writes it (`gml:Point`,
 * `gml:LineString`, `gml:Polygon` and their `gml:Multi*`), one element a
 * line, each level one space deeper than `indent`; coordinates with 6
 * decimals at most.
 *
 * @example
 * ```ts
 * import { toGml2 } from "./feature_info_format.ts";
 * toGml2({ kind: "point", parts: [[new Float64Array([1, 2])]] }, "EPSG:2056");
 * // '<gml:Point srsName="EPSG:2056">\n <gml:coordinates cs="," ts=" ">1,2</gml:coordinates>\n</gml:Point>'
 * ```
 */
export function toGml2(
  g: Geometry,
  crs: string,
  indent = "",
  digits = PRECISION,
): string {
  const srs = ` srsName="${escapeXml(crs)}"`;
  const lines = (() => {
    switch (g.kind) {
      case "point": {
        const rings = g.parts.flatMap((p) => p);
        const one = (r: Float64Array, a: string, at: string) =>
          element("gml:Point", a, at, [gmlCoordinates(r, at + " ", digits)]);
        return rings.length === 1 ? one(rings[0], srs, indent) : element(
          "gml:MultiPoint",
          srs,
          indent,
          rings.flatMap((r) =>
            element(
              "gml:pointMember",
              "",
              indent + " ",
              one(r, "", indent + "  "),
            )
          ),
        );
      }
      case "line": {
        const one = (r: Float64Array, a: string, at: string) =>
          element("gml:LineString", a, at, [
            gmlCoordinates(r, at + " ", digits),
          ]);
        const parts = g.parts.map((p) => p[0] ?? new Float64Array());
        return parts.length === 1 ? one(parts[0], srs, indent) : element(
          "gml:MultiLineString",
          srs,
          indent,
          parts.flatMap((r) =>
            element(
              "gml:lineStringMember",
              "",
              indent + " ",
              one(r, "", indent + "  "),
            )
          ),
        );
      }
      case "polygon":
        return g.parts.length === 1
          ? gmlPolygon(g.parts[0], srs, indent, digits)
          : element(
            "gml:MultiPolygon",
            srs,
            indent,
            g.parts.flatMap((p) =>
              element(
                "gml:polygonMember",
                "",
                indent + " ",
                gmlPolygon(p, "", indent + "  ", digits),
              )
            ),
          );
    }
  })();
  return lines.join("\n");
}

function gmlBox(
  b: Rect,
  crs: string,
  indent: string,
  digits: number,
): string {
  const c = (v: number) => coord(v, digits);
  return element(
    "gml:boundedBy",
    "",
    indent,
    element(
      "gml:Box",
      ` srsName="${escapeXml(crs)}"`,
      indent + " ",
      [`${indent}  <gml:coordinates cs="," ts=" ">${c(b.xmin)},${c(b.ymin)} ${
        c(b.xmax)
      },${c(b.ymax)}</gml:coordinates>`],
    ),
  ).join("\n");
}

function wktRing(ring: Float64Array, digits: number): string {
  const pts: string[] = [];
  for (let i = 0; i + 1 < ring.length; i += 2) {
    pts.push(`${coord(ring[i], digits)} ${coord(ring[i + 1], digits)}`);
  }
  return `(${pts.join(", ")})`;
}

/**
 * A geometry as QGIS's WKT with 6 decimals at most (`Point (1 2)`,
 * `Polygon ((…),(…))`), as QGIS Server's text and HTML answers add it.
 *
 * @example
 * ```ts
 * import { toWkt } from "./feature_info_format.ts";
 * toWkt({ kind: "point", parts: [[new Float64Array([1.5, 2])]] }); // "Point (1.5 2)"
 * ```
 */
export function toWkt(g: Geometry, digits = PRECISION): string {
  const ring = (r: Float64Array) => wktRing(r, digits);
  switch (g.kind) {
    case "point": {
      const rings = g.parts.flatMap((p) => p);
      return rings.length === 1
        ? `Point ${ring(rings[0])}`
        : `MultiPoint (${rings.map(ring).join(",")})`;
    }
    case "line": {
      const parts = g.parts.map((p) => p[0] ?? new Float64Array());
      return parts.length === 1
        ? `LineString ${ring(parts[0])}`
        : `MultiLineString (${parts.map(ring).join(",")})`;
    }
    case "polygon": {
      const poly = (p: Float64Array[]) => `(${p.map(ring).join(",")})`;
      return g.parts.length === 1
        ? `Polygon ${poly(g.parts[0])}`
        : `MultiPolygon (${g.parts.map(poly).join(",")})`;
    }
  }
}

/**
 * QGIS Server's GML 2 feature collection: a `gml:featureMember` per feature,
 * `qgs:<layer>` elements with `fid="<layer>.<id>"`, the bounding box, the
 * geometry and one `qgs:<field>` element per attribute.
 *
 * @example
 * ```ts
 * import { writeGml } from "./feature_info_format.ts";
 * writeGml({ crs: "EPSG:2056", layers: [] }).includes("wfs:FeatureCollection"); // true
 * ```
 */
export function writeGml(result: InfoResult): string {
  const digits = result.precision ?? PRECISION;
  const out = '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<wfs:FeatureCollection xmlns:ows="http://www.opengis.net/ows"' +
    ' xmlns:wfs="http://www.opengis.net/wfs"' +
    ' xmlns:qgs="http://qgis.org/gml"' +
    ' xmlns:ogc="http://www.opengis.net/ogc"' +
    ' xsi:schemaLocation="http://www.opengis.net/wfs http://schemas.opengis.net/wfs/1.0.0/wfs.xsd http://qgis.org/gml"' +
    ' xmlns:xlink="http://www.w3.org/1999/xlink"' +
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
    ' xmlns:gml="http://www.opengis.net/gml"';
  // QDom writes an element without children as an empty-element tag
  let body = "";
  for (const layer of result.layers) {
    const type = gmlTypeName(layer.name);
    if (layer.bands?.length) {
      body += ` <gml:featureMember>\n  <qgs:${type} fid="${
        gmlAttribute(`${layer.name}.NULL`)
      }">\n`;
      for (const b of layer.bands) {
        const name = xmlName(b.name);
        // QGIS writes no data as 0 here
        body += `   <qgs:${name}>${
          gmlText(bandText(b.value ?? 0))
        }</qgs:${name}>\n`;
      }
      body += `  </qgs:${type}>\n </gml:featureMember>\n`;
    }
    const fields = fieldsOf(layer);
    for (const f of layer.features) {
      let inner = "";
      if ((result.boundedBy ?? result.withGeometry) && f.geometry) {
        const box = f.bounds ?? bounds(f.geometry);
        if (box) inner += `${gmlBox(box, result.crs, "   ", digits)}\n`;
      }
      if (result.withGeometry && f.geometry) {
        inner += `   <qgs:geometry>\n${
          toGml2(f.geometry, result.crs, "    ", digits)
        }\n   </qgs:geometry>\n`;
      }
      // GML names fields by their names, not their aliases
      for (const fd of fields) {
        const name = xmlName(fd.name);
        inner += `   <qgs:${name}>${
          gmlText(
            f.unjoined?.includes(fd.name)
              ? "NULL"
              : gmlValue(f.attributes[fd.name] ?? null, fd),
          )
        }</qgs:${name}>\n`;
      }
      const fid = `fid="${gmlAttribute(`${layer.name}.${f.id}`)}"`;
      body += " <gml:featureMember>\n" + (inner === ""
        ? `  <qgs:${type} ${fid}/>\n`
        : `  <qgs:${type} ${fid}>\n${inner}  </qgs:${type}>\n`) +
        " </gml:featureMember>\n";
    }
  }
  return body === ""
    ? `${out}/>\n`
    : `${out}>\n${body}</wfs:FeatureCollection>\n`;
}

/**
 * A value in QGIS Server's GML: the value's text read back by the field's
 * widget, so that a null number is 0 and a null boolean false.
 */
function gmlValue(v: AttributeValue, field: InfoField): string {
  if (
    v === null &&
    !["ValueMap", "ValueRelation", "CheckBox"].includes(field.widget)
  ) {
    if (["Integer", "Integer64", "Real"].includes(field.type)) {
      return displayValue(0, field);
    }
    if (field.type === "Boolean") return "false";
  }
  // GML writes a date as QVariant's text, whatever the widget shows
  if (v instanceof Date) return displayValue(v, { ...field, widget: "" });
  // a map or list has no QVariant text: QGIS Server writes NULL
  if (
    jsonFieldValue(v, field) !== undefined ||
    listFieldValue(v, field) !== undefined
  ) return "NULL";
  return displayValue(v, field);
}

/**
 * Writes a result in an INFO_FORMAT (any case); null for a format not in
 * {@link INFO_FORMATS}.
 *
 * @example
 * ```ts
 * import { writeFeatureInfo } from "./feature_info_format.ts";
 * writeFeatureInfo({ crs: "EPSG:2056", layers: [] }, "TEXT/PLAIN"); // "GetFeatureInfo results\n\n"
 * writeFeatureInfo({ crs: "EPSG:2056", layers: [] }, "image/png"); // null
 * ```
 */
export function writeFeatureInfo(
  result: InfoResult,
  format: string,
): string | null {
  switch (format.trim().toLowerCase()) {
    case "application/json":
    case "application/geo+json":
      return writeGeoJson(result);
    case "text/plain":
      return writeText(result);
    case "text/html":
      return writeHtml(result);
    case "application/vnd.ogc.gml":
    case "text/xml":
      return writeGml(result);
    default:
      return null;
  }
}
