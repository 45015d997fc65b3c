/**
 * A job layer's style as the wire carries it (QML, zlib-compressed,
 * urlsafe-base64 encoded) → its parsed QML root element, cached: XML parsing
 * costs more than painting a small map or answering a feature info query,
 * and clients send the same styles again and again. Shared by every runner.
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import { decodeStyle, MAX_STYLE_BYTES } from "@qgis-server-light/interface";
import { LruCache } from "../cache/lru.ts";
import { parseQmlDocument, readVectorStyle } from "./qml.ts";
import type { VectorStyle } from "./model.ts";
import { registerHeld } from "../cache/held.ts";

/**
 * The bytes the parsed-style cache may hold: 32 MiB, some thirty styles of
 * 36 kB QML (the reference corpus's largest), a thousand small ones.
 */
export const STYLE_CACHE_BYTES = 32 * 1024 * 1024;

// What a parsed style costs, per character of QML: its DOM and the style
// model read from it (measured 24–31 bytes on the reference QMLs).
const BYTES_PER_QML_CHAR = 32;

// Parsed styles by definition; the elements are only read, never changed.
// Bounded by bytes: a style of 4 MiB holds some 130 MB of DOM, and 64 of
// those (the bound by entries this replaced) kept RSS at 1.35–2.0 GB.
const documents = new LruCache<string, { root: Element; bytes: number }>({
  maxBytes: STYLE_CACHE_BYTES,
  sizeOf: (definition, { bytes }) => 2 * definition.length + bytes,
});
registerHeld("style.documents", () => documents.bytes);

/**
 * The parsed-style cache's figures: entries and estimated bytes held.
 *
 * @example
 * ```ts
 * import { styleCacheStats } from "./document.ts";
 * styleCacheStats().bytes <= 32 * 1024 * 1024; // true
 * ```
 */
export function styleCacheStats(): { entries: number; bytes: number } {
  return { entries: documents.size, bytes: documents.bytes };
}

/**
 * The parsed QML root of a layer's style definition (cached by definition).
 *
 * @throws {SyntaxError} naming the layer when the definition does not decode,
 * inflates to more than `maxBytes` (default 4 MiB) or is not a QGIS style
 * document within the limits of `parseQmlDocument`.
 * @example
 * ```ts
 * import { encodeStyle } from "@qgis-server-light/interface";
 * import { styleDocument } from "./document.ts";
 * styleDocument("roads", encodeStyle("<qgis><renderer-v2/></qgis>")).tagName; // "qgis"
 * ```
 */
export function styleDocument(
  layerName: string,
  definition: string,
  maxBytes: number = MAX_STYLE_BYTES,
): Element {
  const hit = documents.get(definition);
  if (hit) return hit.root;
  let root: Element;
  let qmlLength: number;
  try {
    const qml = decodeStyle(definition, { maxBytes });
    qmlLength = qml.length;
    root = parseQmlDocument(qml);
  } catch (error) {
    throw new SyntaxError(
      `Cannot read the style of layer '${layerName}': ${
        (error as Error).message
      }`,
      { cause: error },
    );
  }
  documents.set(definition, { root, bytes: BYTES_PER_QML_CHAR * qmlLength });
  return root;
}

/**
 * Whether a layer is drawn at a map scale, by its style's scale-based
 * visibility (`hasScaleBasedVisibilityFlag`, `minScale`, `maxScale`; 0 means
 * no limit), with QGIS's tolerance at the minimum scale.
 *
 * @example
 * ```ts
 * import { parseQmlDocument } from "./qml.ts";
 * import { visibleAtScale } from "./document.ts";
 * const root = parseQmlDocument('<qgis hasScaleBasedVisibilityFlag="1" minScale="10000" maxScale="0"/>');
 * [visibleAtScale(root, 5000), visibleAtScale(root, 20000)]; // [true, false]
 * ```
 */
export function visibleAtScale(root: Element, scale: number): boolean {
  if (root.getAttribute("hasScaleBasedVisibilityFlag") !== "1") return true;
  const minScale = Number(root.getAttribute("minScale")) || 0;
  const maxScale = Number(root.getAttribute("maxScale")) || 0;
  return (minScale === 0 || scale < minScale * 0.9999999999) &&
    (maxScale === 0 || scale >= maxScale);
}

// Vector styles read from cached documents, by document.
const vectorStyles = new WeakMap<Element, VectorStyle | null>();

/**
 * The vector style of a parsed QML root ({@linkcode readVectorStyle}),
 * remembered for the document's lifetime in the cache.
 *
 * @example
 * ```ts
 * import { parseQmlDocument } from "./qml.ts";
 * import { vectorStyleOf } from "./document.ts";
 * const root = parseQmlDocument('<qgis><renderer-v2 type="nullSymbol"/></qgis>');
 * vectorStyleOf(root)?.renderer.type; // "nullSymbol"
 * ```
 */
export function vectorStyleOf(root: Element): VectorStyle | null {
  let style = vectorStyles.get(root);
  if (style === undefined) {
    style = readVectorStyle(root);
    vectorStyles.set(root, style);
  }
  return style;
}
