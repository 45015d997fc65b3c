/**
 * A layer's named styles as the QML documents QGIS's `exportNamedStyle`
 * writes (what a `.qml` file holds).
 *
 * @module
 */
import { DOMImplementation, type Element, XMLSerializer } from "@xmldom/xmldom";
import { child, children } from "./_xml.ts";

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

const serializer = new XMLSerializer();
const implementation = new DOMImplementation();

/**
 * Builds the QML of the layer's live (current) style from its `<maplayer>`:
 * the style elements QGIS writes into a `.qml` (renderer, labeling, blend
 * mode, opacity, raster pipe, custom properties, fields config …) under a
 * `<qgis>` root carrying the scale-visibility and other style attributes.
 *
 * @example
 * ```ts ignore
 * import { currentStyleQml } from "./style.ts";
 * const qml = currentStyleQml(mapLayer, "3.22.16-Białowieża");
 * ```
 */
export function currentStyleQml(mapLayer: Element, version: string): string {
  const doc = implementation.createDocument(null, "qgis", null);
  const root = doc.documentElement!;
  root.setAttribute("version", version);
  const attributes = mapLayer.attributes;
  for (let i = 0; i < attributes.length; i++) {
    const a = attributes.item(i)!;
    if (!NOT_STYLE_ATTRIBUTES.has(a.name)) root.setAttribute(a.name, a.value);
  }
  // Elements before the style manager belong to the layer (writeXml); the
  // vector layer writes <expressionfields/> there and again in its style.
  const all = children(mapLayer);
  const managerAt = all.findIndex((e) =>
    e.nodeName === "map-layer-style-manager"
  );
  for (let i = managerAt + 1; i < all.length; i++) {
    const e = all[i];
    if (NOT_STYLE_ELEMENTS.has(e.nodeName)) continue;
    root.appendChild(doc.createTextNode("\n  "));
    root.appendChild(doc.importNode(e, true));
  }
  root.appendChild(doc.createTextNode("\n"));
  return `${DOCTYPE}\n${serializer.serializeToString(root)}\n`;
}

/**
 * Every named style of a layer's style manager as QML, in the order QGIS
 * lists them (sorted by name), and the current style's name. A layer without
 * a style manager has one style, "default".
 *
 * @example
 * ```ts ignore
 * import { layerStyles } from "./style.ts";
 * const { current, styles } = layerStyles(mapLayer, "3.22.16");
 * ```
 */
export function layerStyles(mapLayer: Element, version: string): LayerStyles {
  const manager = child(mapLayer, "map-layer-style-manager");
  const current = manager?.getAttribute("current") || "default";
  const byName = new Map<string, string>();
  for (const style of manager ? children(manager, "map-layer-style") : []) {
    const name = style.getAttribute("name") ?? "";
    if (name === current) continue;
    const stored = child(style, "qgis");
    if (stored === undefined) continue;
    byName.set(name, `${DOCTYPE}\n${serializer.serializeToString(stored)}\n`);
  }
  byName.set(current, currentStyleQml(mapLayer, version));
  const names = [...byName.keys()].sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  return {
    current,
    styles: names.map((name) => ({ name, qml: byName.get(name)! })),
  };
}
