/**
 * Writers of feature info results in the formats QGIS Server's
 * GetFeatureInfo answers with: GeoJSON (`application/json`,
 * `application/geo+json`), plain text, HTML and GML 2 (`application/vnd.ogc.gml`,
 * `text/xml`). The layouts follow QGIS Server's; every value is escaped for
 * the format (QGIS Server does not escape HTML).
 *
 * @module
 */
import type { AttributeValue, Geometry, Rect } from "../geometry/types.ts";
import { bounds } from "../geometry/measure.ts";

/** A feature found under the pixel. */
export interface InfoFeature {
  /** Feature id (OGR FID). */
  id: number;
  /** Attribute values by field name, in field order. */
  attributes: Record<string, AttributeValue>;
  /** Geometry in the map CRS, or null. */
  geometry: Geometry | null;
}

/** One queried layer and the features found in it. */
export interface InfoLayer {
  /** Layer name as queried. */
  name: string;
  /** Features, closest first (none for a raster layer). */
  features: InfoFeature[];
  /** A raster layer's band values at the pixel; absent for a vector layer. */
  bands?: BandValue[];
}

/** The value of one raster band at the queried point. */
export interface BandValue {
  /** Band name as QGIS names it (`Band 1`). */
  name: string;
  /** The value, or null for no data. */
  value: number | null;
}

/** Everything a feature info answer holds. */
export interface InfoResult {
  /** Map CRS (`AUTH:CODE`), the CRS of the geometries. */
  crs: string;
  /** Queried layers, in `QUERY_LAYERS` order. */
  layers: InfoLayer[];
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

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

function isoDateTime(v: Date): string {
  const ms = v.getMilliseconds();
  return `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}T${
    pad(v.getHours())
  }:${pad(v.getMinutes())}:${pad(v.getSeconds())}${ms ? `.${pad(ms, 3)}` : ""}`;
}

function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

/**
 * An attribute as JSON: numbers, text, booleans and null as they are, dates
 * as ISO text, bytes as base64, non-finite numbers as null (as the feature
 * runner types them).
 *
 * @example
 * ```ts
 * import { jsonValue } from "./feature_info_format.ts";
 * jsonValue(new Uint8Array([1, 2])); // "AQI="
 * jsonValue(NaN); // null
 * ```
 */
export function jsonValue(
  v: AttributeValue,
): number | string | boolean | null {
  if (v instanceof Date) return isoDateTime(v);
  if (v instanceof Uint8Array) return base64(v);
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  return v;
}

/**
 * An attribute as text, as QGIS Server shows it: `NULL` for null, `true`/
 * `false`, dates as ISO text.
 *
 * @example
 * ```ts
 * import { textValue } from "./feature_info_format.ts";
 * textValue(null); // "NULL"
 * textValue(2.5); // "2.5"
 * ```
 */
export function textValue(v: AttributeValue): string {
  const j = jsonValue(v);
  return j === null ? "NULL" : String(j);
}

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
export function bandText(v: number | null): string {
  if (v === null) return "no data";
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const exp = Math.floor(Math.log10(Math.abs(Number(v.toPrecision(6)))));
  if (exp < -4 || exp >= 6) {
    const [m, e] = v.toExponential(5).split("e");
    const mant = m.includes(".") ? m.replace(/\.?0+$/, "") : m;
    const n = Number(e);
    return `${mant}e${n < 0 ? "-" : "+"}${
      String(Math.abs(n)).padStart(2, "0")
    }`;
  }
  const fixed = v.toPrecision(6);
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
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

/**
 * GeoJSON FeatureCollection: one feature per hit with the id QGIS Server
 * gives it (`layer.fid`), typed properties and the geometry in the map CRS.
 *
 * @example
 * ```ts
 * import { writeGeoJson } from "./feature_info_format.ts";
 * writeGeoJson({ crs: "EPSG:2056", layers: [] });
 * // '{"type":"FeatureCollection","features":[]}'
 * ```
 */
export function writeGeoJson(result: InfoResult): string {
  const features = result.layers.flatMap((layer) =>
    layer.bands?.length
      ? [{
        type: "Feature",
        id: layer.name,
        geometry: null,
        properties: Object.fromEntries(
          layer.bands.map((b) => [b.name, b.value]),
        ),
      }]
      : layer.features.map((f) => ({
        type: "Feature",
        id: `${layer.name}.${f.id}`,
        geometry: f.geometry ? toGeoJsonGeometry(f.geometry) : null,
        properties: Object.fromEntries(
          Object.entries(f.attributes).map(([k, v]) => [k, jsonValue(v)]),
        ),
      }))
  );
  return JSON.stringify({ type: "FeatureCollection", features });
}

/**
 * QGIS Server's plain text layout.
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
    for (const f of layer.features) {
      out += `Feature ${f.id}\n`;
      for (const [k, v] of Object.entries(f.attributes)) {
        out += `${k} = '${textValue(v)}'\n`;
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
    for (const f of layer.features) {
      out += "<TABLE border=1 width=100%>\n";
      out += `<TR><TH>Feature</TH><TD>${f.id}</TD></TR>\n`;
      for (const [k, v] of Object.entries(f.attributes)) {
        out += `<TR><TH>${escapeXml(k)}</TH><TD>${
          escapeXml(textValue(v))
        }</TD></TR>\n`;
      }
      out += "</TABLE>\n</BR>\n";
    }
    out += "</TABLE>\n<BR></BR>\n";
  }
  return out + "</BODY>\n";
}

/**
 * A name usable as an XML element's local name: spaces (as QGIS Server
 * does) and every other character a name cannot hold become `_`.
 *
 * @example
 * ```ts
 * import { xmlName } from "./feature_info_format.ts";
 * xmlName("my layer"); // "my_layer"
 * xmlName("1st"); // "_1st"
 * ```
 */
export function xmlName(name: string): string {
  const s = name.replace(/[^\p{L}\p{N}_.-]/gu, "_");
  return /^[\p{L}_]/u.test(s) ? s : `_${s}`;
}

function gmlCoordinates(ring: Float64Array): string {
  const pts: string[] = [];
  for (let i = 0; i + 1 < ring.length; i += 2) {
    pts.push(`${ring[i]},${ring[i + 1]}`);
  }
  return `<gml:coordinates cs="," ts=" ">${pts.join(" ")}</gml:coordinates>`;
}

function gmlPolygon(rings: Float64Array[], srs: string): string {
  const [outer, ...holes] = rings;
  return `<gml:Polygon${srs}><gml:outerBoundaryIs><gml:LinearRing>${
    gmlCoordinates(outer ?? new Float64Array())
  }</gml:LinearRing></gml:outerBoundaryIs>${
    holes.map((h) =>
      `<gml:innerBoundaryIs><gml:LinearRing>${
        gmlCoordinates(h)
      }</gml:LinearRing></gml:innerBoundaryIs>`
    ).join("")
  }</gml:Polygon>`;
}

/**
 * A geometry as GML 2 (`gml:Point`, `gml:LineString`, `gml:Polygon` and
 * their `gml:Multi*`).
 *
 * @example
 * ```ts
 * import { toGml2 } from "./feature_info_format.ts";
 * toGml2({ kind: "point", parts: [[new Float64Array([1, 2])]] }, "EPSG:2056");
 * // '<gml:Point srsName="EPSG:2056"><gml:coordinates cs="," ts=" ">1,2</gml:coordinates></gml:Point>'
 * ```
 */
export function toGml2(g: Geometry, crs: string): string {
  const srs = ` srsName="${escapeXml(crs)}"`;
  switch (g.kind) {
    case "point": {
      const rings = g.parts.flatMap((p) => p);
      const one = (r: Float64Array, s: string) =>
        `<gml:Point${s}>${gmlCoordinates(r)}</gml:Point>`;
      return rings.length === 1
        ? one(rings[0], srs)
        : `<gml:MultiPoint${srs}>${
          rings.map((r) => `<gml:pointMember>${one(r, "")}</gml:pointMember>`)
            .join("")
        }</gml:MultiPoint>`;
    }
    case "line": {
      const one = (r: Float64Array, s: string) =>
        `<gml:LineString${s}>${gmlCoordinates(r)}</gml:LineString>`;
      const lines = g.parts.map((p) => p[0] ?? new Float64Array());
      return lines.length === 1
        ? one(lines[0], srs)
        : `<gml:MultiLineString${srs}>${
          lines.map((r) =>
            `<gml:lineStringMember>${one(r, "")}</gml:lineStringMember>`
          ).join("")
        }</gml:MultiLineString>`;
    }
    case "polygon":
      return g.parts.length === 1
        ? gmlPolygon(g.parts[0], srs)
        : `<gml:MultiPolygon${srs}>${
          g.parts.map((p) =>
            `<gml:polygonMember>${gmlPolygon(p, "")}</gml:polygonMember>`
          ).join("")
        }</gml:MultiPolygon>`;
  }
}

function gmlBox(b: Rect, crs: string): string {
  return `<gml:boundedBy><gml:Box srsName="${
    escapeXml(crs)
  }"><gml:coordinates cs="," ts=" ">${b.xmin},${b.ymin} ${b.xmax},${b.ymax}</gml:coordinates></gml:Box></gml:boundedBy>`;
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
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs"' +
    ' xmlns:ogc="http://www.opengis.net/ogc"' +
    ' xmlns:gml="http://www.opengis.net/gml"' +
    ' xmlns:qgs="http://qgis.org/gml">\n';
  for (const layer of result.layers) {
    const type = xmlName(layer.name);
    if (layer.bands?.length) {
      out += ` <gml:featureMember>\n  <qgs:${type}>\n`;
      for (const b of layer.bands) {
        const name = xmlName(b.name);
        out += `   <qgs:${name}>${
          b.value === null ? "" : bandText(b.value)
        }</qgs:${name}>\n`;
      }
      out += `  </qgs:${type}>\n </gml:featureMember>\n`;
    }
    for (const f of layer.features) {
      out += " <gml:featureMember>\n";
      out += `  <qgs:${type} fid="${escapeXml(`${type}.${f.id}`)}">\n`;
      const box = f.geometry ? bounds(f.geometry) : null;
      if (box) out += `   ${gmlBox(box, result.crs)}\n`;
      if (f.geometry) {
        out += `   <qgs:geometry>${
          toGml2(f.geometry, result.crs)
        }</qgs:geometry>\n`;
      }
      for (const [k, v] of Object.entries(f.attributes)) {
        const name = xmlName(k);
        out += `   <qgs:${name}>${
          escapeXml(v === null ? "" : textValue(v))
        }</qgs:${name}>\n`;
      }
      out += `  </qgs:${type}>\n </gml:featureMember>\n`;
    }
  }
  return out + "</wfs:FeatureCollection>\n";
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
