/**
 * A layer's named styles as the QML documents QGIS's `exportNamedStyle`
 * writes (what a `.qml` file holds).
 *
 * @module
 */
import { child, children, customProperties, path } from "./_xml.ts";
import { hasLabeling2x, labelingFrom2x } from "./labeling_2x.ts";
import type { XmlElement } from "./xml_tree.ts";

/** One named style of a layer, as QML text. */
export interface NamedQml {
  name: string;
  qml: string;
}

/** The styles of a layer and which one is current. */
export interface LayerStyles {
  current: string;
  styles: NamedQml[];
}

const DOCTYPE = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>";

// <maplayer> attributes that describe the layer, not its style.
const NOT_STYLE_ATTRIBUTES = new Set([
  "type",
  "wkbType",
  "geometry",
  "legendPlaceholderImage",
  "refreshOnNotifyMessage",
  "refreshOnNotifyEnabled",
  "autoRefreshTime",
  "autoRefreshEnabled",
  "autoRefreshMode",
]);

// Layer elements (QgsMapLayer::writeLayerXml) that are not part of a style.
const NOT_STYLE_ELEMENTS = new Set([
  "extent",
  "wgs84extent",
  "id",
  "datasource",
  "shortname",
  "title",
  "abstract",
  "keywordList",
  "layername",
  "srs",
  "resourceMetadata",
  "provider",
  "noData",
  "vectorjoins",
  "layerDependencies",
  "dataDependencies",
  "map-layer-style-manager",
  "auxiliaryLayer",
  "metadataUrls",
  "dataUrl",
  "attribution",
  "legendUrl",
  "metadataUrl",
  "wmsDimensions",
  "originalXmlProperties",
  "provider-properties",
]);

// QgsWkbTypes::GeometryType by the name QGIS writes in <maplayer geometry>.
const GEOMETRY_CODES: Record<string, number> = {
  Point: 0,
  Line: 1,
  Polygon: 2,
  "Unknown geometry": 3,
  "No geometry": 4,
};

/**
 * A project layer as a value relation widget's configuration names it
 * (`LayerName`, `LayerSource`, `LayerProviderName`): its name, its data
 * source as the project writes it, its provider key; and its display
 * expression (`<previewExpression>`), which relation references show.
 */
export interface LayerReference {
  name: string;
  source: string;
  provider: string;
  display?: string;
}

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");

const REFERENCE_OPTIONS: [string, "name" | "source" | "provider"][] = [
  ["LayerName", "name"],
  ["LayerSource", "source"],
  ["LayerProviderName", "provider"],
];

/**
 * The text of a `<fieldConfiguration>` whose value relation widgets name
 * the project layer they read by its id (`Layer`) given that layer's name,
 * source and provider, as QGIS's widget configuration dialog writes them:
 * QGIS Server finds the layer by id in the project, a worker holds only the
 * job's layers and reads the source instead. Options already there are set
 * to the layer the id names, which QGIS resolves first.
 */
function valueRelationLayers(
  configuration: XmlElement,
  text: string,
  layers: ReadonlyMap<string, LayerReference>,
): string {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const field of children(configuration, "field")) {
    const widget = child(field, "editWidget");
    if (widget?.getAttribute("type") !== "ValueRelation") continue;
    const map = path(widget, "config", "Option");
    if (map?.getAttribute("type") !== "Map") continue;
    const options = children(map, "Option");
    const layer = layers.get(
      options.find((o) => o.getAttribute("name") === "Layer")
        ?.getAttribute("value") ?? "",
    );
    const last = options.at(-1);
    if (!layer || !last) continue;
    for (const [name, key] of REFERENCE_OPTIONS) {
      const option = `<Option value="${
        escapeAttribute(layer[key])
      }" name="${name}" type="QString"/>`;
      const there = options.find((o) => o.getAttribute("name") === name);
      if (there?.getAttribute("value") === layer[key]) continue;
      edits.push(
        there
          ? { start: there.start, end: there.end, text: option }
          : { start: last.end, end: last.end, text: option },
      );
    }
  }
  let out = "";
  let at = configuration.start;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at, configuration.end);
}

/** Offset just after the `>` closing the start tag of `e`. */
function startTagEnd(e: XmlElement, text: string): number {
  let quote = "";
  for (let i = e.start; i < e.end; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return i + 1;
  }
  return e.end;
}

// the referenced layer as QgsWeakRelation writes it in a style
const RELATION_ATTRIBUTES: [string, "name" | "source" | "provider"][] = [
  ["layerName", "name"],
  ["dataSource", "source"],
  ["providerKey", "provider"],
];

/**
 * The text of a `<referencedLayers>` whose relations are given the
 * referenced layer's name, source and provider where QGIS did not write
 * them (`QgsWeakRelation`), and its display expression as
 * `previewExpression` (ours: QGIS Server shows a relation reference as the
 * referenced feature's display expression, read from a layer the project
 * holds and a job need not carry).
 */
function relationLayers(
  referenced: XmlElement,
  text: string,
  layers: ReadonlyMap<string, LayerReference>,
): string {
  let out = "";
  let at = referenced.start;
  for (const relation of children(referenced, "relation")) {
    const layer = layers.get(
      relation.getAttribute("referencedLayer") ??
        relation.getAttribute("layerId") ?? "",
    );
    if (!layer) continue;
    const added: [string, string][] = [];
    for (const [name, key] of RELATION_ATTRIBUTES) {
      if (!relation.hasAttribute(name) && layer[key]) {
        added.push([name, layer[key]]);
      }
    }
    if (layer.display) added.push(["previewExpression", layer.display]);
    if (!added.length) continue;
    const open = startTagEnd(relation, text);
    const close = text[open - 2] === "/" ? open - 2 : open - 1;
    out += text.slice(at, close) +
      added.map(([n, v]) => ` ${n}="${escapeAttribute(v)}"`).join("");
    at = close;
  }
  return out + text.slice(at, referenced.end);
}

/**
 * Builds the QML of the layer's live (current) style from its `<maplayer>`:
 * the style elements QGIS writes into a `.qml` (renderer, labeling, blend
 * mode, opacity, raster pipe, custom properties, fields config …) under a
 * `<qgis>` root carrying the scale-visibility and other style attributes.
 * The elements are copied verbatim from the project text.
 *
 * Value relation widgets that name their layer by id are given that
 * layer's name, source and provider ({@link valueRelationLayers}), the
 * relations it references its layers' display expressions
 * ({@link relationLayers}).
 *
 * @example
 * ```ts ignore
 * import { currentStyleQml } from "./style.ts";
 * const qml = currentStyleQml(mapLayer, projectText, "3.22.16-Białowieża");
 * ```
 */
export function currentStyleQml(
  mapLayer: XmlElement,
  text: string,
  version: string,
  layers: ReadonlyMap<string, LayerReference> = new Map(),
): string {
  const all = children(mapLayer);
  // A QGIS 2.x layer's labels: QGIS 3 reads them from custom properties and
  // writes them as <labeling>; labels were on unless labelsEnabled says no.
  // QGIS 3.22's readSymbology reads them so when the layer has no
  // <labeling>, or only the empty <labeling type="simple"/> QGIS 2.x wrote
  // (no <settings>), which is then left out.
  const placeholder = (e: XmlElement) =>
    e.nodeName === "labeling" && e.getAttribute("type") === "simple" &&
    !children(e).some((c) => c.nodeName === "settings");
  const labeling2x = mapLayer.getAttribute("type") === "vector" &&
      !all.some((e) => e.nodeName === "labeling" && !placeholder(e)) &&
      hasLabeling2x(customProperties(mapLayer))
    ? labelingFrom2x(customProperties(mapLayer))
    : null;
  let open = `<qgis version="${escapeAttribute(version)}"`;
  for (const [name, value] of Object.entries(mapLayer.attributes)) {
    if (name === "version" || NOT_STYLE_ATTRIBUTES.has(name)) continue;
    open += ` ${name}="${escapeAttribute(value)}"`;
  }
  if (labeling2x && !mapLayer.hasAttribute("labelsEnabled")) {
    open += ` labelsEnabled="1"`;
  }
  const parts = [`${DOCTYPE}\n${open}>`];
  if (labeling2x) parts.push(`\n  ${labeling2x}`);
  // Elements before the style manager belong to the layer (writeXml); the
  // vector layer writes <expressionfields/> there and again in its style.
  const managerAt = all.findIndex((e) =>
    e.nodeName === "map-layer-style-manager"
  );
  for (let i = managerAt + 1; i < all.length; i++) {
    const e = all[i];
    if (NOT_STYLE_ELEMENTS.has(e.nodeName)) continue;
    if (labeling2x && placeholder(e)) continue;
    parts.push(
      `\n  ${
        e.nodeName === "fieldConfiguration"
          ? valueRelationLayers(e, text, layers)
          : e.nodeName === "referencedLayers"
          ? relationLayers(e, text, layers)
          : text.slice(e.start, e.end)
      }`,
    );
  }
  // exportNamedStyle ends a vector style with the layer's geometry type,
  // which the project keeps as the <maplayer geometry="…"> attribute.
  if (
    mapLayer.getAttribute("type") === "vector" &&
    !all.some((e) => e.nodeName === "layerGeometryType")
  ) {
    const code = GEOMETRY_CODES[mapLayer.getAttribute("geometry") ?? ""] ?? 3;
    parts.push(`\n  <layerGeometryType>${code}</layerGeometryType>`);
  }
  parts.push("\n</qgis>\n");
  return parts.join("");
}

/**
 * Every named style of a layer's style manager as QML, in the order QGIS
 * lists them (sorted by name), and the current style's name. A layer without
 * a style manager has one style, "default".
 *
 * @example
 * ```ts ignore
 * import { layerStyles } from "./style.ts";
 * const { current, styles } = layerStyles(mapLayer, projectText, "3.22.16");
 * ```
 */
export function layerStyles(
  mapLayer: XmlElement,
  text: string,
  version: string,
  layers: ReadonlyMap<string, LayerReference> = new Map(),
): LayerStyles {
  const manager = child(mapLayer, "map-layer-style-manager");
  const current = manager?.getAttribute("current") || "default";
  const byName = new Map<string, string>();
  for (const style of manager ? children(manager, "map-layer-style") : []) {
    // QgsMapLayerStyleManager::readXml names an unnamed style "default"
    const name = style.getAttribute("name") || "default";
    if (name === current) continue;
    const stored = child(style, "qgis");
    if (stored === undefined) continue;
    byName.set(name, `${DOCTYPE}\n${text.slice(stored.start, stored.end)}\n`);
  }
  byName.set(current, currentStyleQml(mapLayer, text, version, layers));
  const names = [...byName.keys()].sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  return {
    current,
    styles: names.map((name) => ({ name, qml: byName.get(name)! })),
  };
}
