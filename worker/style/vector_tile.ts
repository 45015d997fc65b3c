/**
 * The vector tile part of a layer's QML, as QGIS 3.22's
 * `QgsVectorTileLayer::readSymbology` reads it: the renderer
 * (`<renderer type="basic">`, `QgsVectorTileBasicRenderer`: styles drawn in
 * order, each for a tile layer name — empty: every layer —, a geometry
 * type, a zoom range, a filter expression and a symbol) and the labeling
 * (`<labeling type="basic">`, `QgsVectorTileBasicLabeling`: the same
 * selectors, each with PAL label settings).
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import type { GeometryKind } from "../geometry/types.ts";
import type { Symbol } from "./model.ts";
import { readSymbol } from "./qml.ts";

/** What a basic renderer style or labeling style applies to. */
export interface VectorTileSelector {
  /** Style name (for the legend and messages). */
  name: string;
  /** Tile layer name; "": every tile layer. */
  layer: string;
  /** Geometry type of the features drawn (`QgsWkbTypes::GeometryType` 0, 1, 2); null: none (unknown type). */
  geometry: GeometryKind | null;
  /** Whether the style is used. */
  enabled: boolean;
  /** Filter expression; "": every feature. */
  expression: string;
  /** Lowest zoom level drawn; -1: no limit. */
  minZoom: number;
  /** Highest zoom level drawn; -1: no limit. */
  maxZoom: number;
}

/** A style of the basic renderer. */
export interface VectorTileRendererStyle extends VectorTileSelector {
  /** Its symbol; null: nothing drawn. */
  symbol: Symbol | null;
}

/** A style of the basic labeling: its selector and its `<settings>`. */
export interface VectorTileLabelingStyle extends VectorTileSelector {
  /** The PAL settings element (`QgsPalLayerSettings`), as QML holds it. */
  settings: Element | null;
}

/** A vector tile renderer. */
export type VectorTileRenderer =
  | { type: "basic"; styles: VectorTileRendererStyle[] }
  | { type: "unsupported"; name: string };

/** The vector tile part of a QML document. */
export interface VectorTileStyle {
  /** The renderer; null: the QML has none (QGIS keeps the layer's default). */
  renderer: VectorTileRenderer | null;
  /** The basic labeling's styles; null: no (basic) labeling. */
  labeling: VectorTileLabelingStyle[] | null;
  /** A labeling of a type other than `basic`, by name; absent: none. */
  unsupportedLabeling?: string;
  /** Layer opacity, 0–1. */
  opacity: number;
  /** Layer blend mode (QGIS `QgsPainting::BlendMode` number). */
  blendMode: number;
}

const GEOMETRY: Record<string, GeometryKind> = {
  "0": "point",
  "1": "line",
  "2": "polygon",
};

function children(el: Element, name: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).tagName === name) {
      out.push(n as Element);
    }
  }
  return out;
}

// QString::toInt: 0 for anything but a whole number
function toInt(value: string | null): number {
  const t = (value ?? "").trim();
  return /^[+-]?\d+$/.test(t) ? Number(t) : 0;
}

function selector(el: Element): VectorTileSelector {
  return {
    name: el.getAttribute("name") ?? "",
    layer: el.getAttribute("layer") ?? "",
    geometry: GEOMETRY[String(toInt(el.getAttribute("geometry")))] ?? null,
    enabled: toInt(el.getAttribute("enabled")) !== 0,
    expression: el.getAttribute("expression") ?? "",
    minZoom: toInt(el.getAttribute("min-zoom")),
    maxZoom: toInt(el.getAttribute("max-zoom")),
  };
}

function styleElements(el: Element): Element[] {
  const styles = children(el, "styles")[0];
  return styles ? children(styles, "style") : [];
}

/**
 * Whether a style applies at a zoom level
 * (`QgsVectorTileBasicRendererStyle::isActive`).
 *
 * @example
 * ```ts
 * import { isActiveAt } from "./vector_tile.ts";
 * isActiveAt({ enabled: true, minZoom: 5, maxZoom: -1 }, 4); // false
 * ```
 */
export function isActiveAt(
  style: Pick<VectorTileSelector, "enabled" | "minZoom" | "maxZoom">,
  zoom: number,
): boolean {
  return style.enabled &&
    (style.minZoom === -1 || zoom >= style.minZoom) &&
    (style.maxZoom === -1 || zoom <= style.maxZoom);
}

/**
 * Reads the vector tile renderer and labeling of a QML root.
 *
 * @example
 * ```ts
 * import { parseQmlDocument } from "./qml.ts";
 * import { readVectorTileStyle } from "./vector_tile.ts";
 * const style = readVectorTileStyle(parseQmlDocument(
 *   '<qgis><renderer type="basic"><styles><style name="roads" layer="roads" geometry="1" enabled="1" expression="" min-zoom="-1" max-zoom="-1"/></styles></renderer></qgis>',
 * ));
 * style.renderer?.type; // "basic"
 * ```
 */
export function readVectorTileStyle(root: Element): VectorTileStyle {
  const rendererEl = children(root, "renderer")[0];
  let renderer: VectorTileRenderer | null = null;
  if (rendererEl) {
    const type = rendererEl.getAttribute("type") ?? "";
    renderer = type === "basic"
      ? {
        type,
        styles: styleElements(rendererEl).map((el) => {
          const symbols = children(el, "symbols")[0];
          // QgsSymbolLayerUtils::loadSymbols: the symbol named "0"
          const symbolEl = symbols
            ? children(symbols, "symbol").find((s) =>
              s.getAttribute("name") === "0"
            )
            : undefined;
          return {
            ...selector(el),
            symbol: symbolEl ? readSymbol(symbolEl) : null,
          };
        }),
      }
      : { type: "unsupported", name: type };
  }
  const labelingEl = children(root, "labeling")[0];
  let labeling: VectorTileLabelingStyle[] | null = null;
  let unsupportedLabeling: string | undefined;
  if (labelingEl) {
    const type = labelingEl.getAttribute("type") ?? "";
    if (type === "basic") {
      labeling = styleElements(labelingEl).map((el) => ({
        ...selector(el),
        settings: children(el, "settings")[0] ?? null,
      }));
    } else unsupportedLabeling = type;
  }
  const opacityText = children(root, "layerOpacity")[0]?.textContent?.trim();
  const opacity = opacityText ? Number(opacityText) : 1;
  const blend = Number(children(root, "blendMode")[0]?.textContent ?? 0);
  const style: VectorTileStyle = {
    renderer,
    labeling,
    opacity: Number.isFinite(opacity) ? opacity : 1,
    blendMode: Number.isFinite(blend) ? blend : 0,
  };
  if (unsupportedLabeling !== undefined) {
    style.unsupportedLabeling = unsupportedLabeling;
  }
  return style;
}

// one QML root per labeling style's settings element, for the label engine
const labelRoots = new WeakMap<Element, Element>();

/**
 * A QML root with simple labeling of a labeling style's settings: what the
 * label engine reads for one of `QgsVectorTileBasicLabelProvider`'s
 * sub-providers (a `QgsVectorLayerLabelProvider` of those settings).
 *
 * @example
 * ```ts
 * import { parseQmlDocument } from "./qml.ts";
 * import { labelingRoot, readVectorTileStyle } from "./vector_tile.ts";
 * const style = readVectorTileStyle(parseQmlDocument(
 *   '<qgis><labeling type="basic"><styles><style layer="places" geometry="0" enabled="1"><settings><text-style fieldName="name"/></settings></style></styles></labeling></qgis>',
 * ));
 * labelingRoot(style.labeling![0].settings!).getElementsByTagName("labeling")[0].getAttribute("type"); // "simple"
 * ```
 */
export function labelingRoot(settings: Element): Element {
  let root = labelRoots.get(settings);
  if (!root) {
    const doc = settings.ownerDocument!;
    root = doc.createElement("qgis");
    root.setAttribute("labelsEnabled", "1");
    const labeling = doc.createElement("labeling");
    labeling.setAttribute("type", "simple");
    labeling.appendChild(settings.cloneNode(true));
    root.appendChild(labeling);
    labelRoots.set(settings, root);
  }
  return root;
}
