/**
 * QML (QGIS layer styles) → a typed style model.
 *
 * @example
 * ```ts
 * import { parseVectorStyle } from "./mod.ts";
 * const style = parseVectorStyle('<qgis><renderer-v2 type="nullSymbol"/></qgis>');
 * style?.renderer.type; // "nullSymbol"
 * ```
 *
 * @module
 */
export type {
  Category,
  DataDefinedProperty,
  DiagramCategory,
  DiagramStyle,
  PaintEffect,
  Range,
  Renderer,
  RenderUnit,
  Rule,
  Symbol,
  SymbolLayer,
  SymbolType,
  VectorStyle,
} from "./model.ts";
export {
  defaultSymbol,
  defaultSymbolColor,
  defaultVectorStyle,
} from "./default_symbol.ts";
export {
  parseQmlDocument,
  parseVectorStyle,
  readEffect,
  readRenderer,
  readSymbol,
  readVectorStyle,
} from "./qml.ts";
export {
  parseColor,
  parseUnit,
  propNumber,
  propNumberList,
  propPoint,
  type Rgba,
  toPixels,
  type UnitContext,
} from "./props.ts";
export {
  STYLE_CACHE_BYTES,
  styleCacheStats,
  styleDocument,
  vectorStyleOf,
  visibleAtScale,
} from "./document.ts";
export { readDiagrams } from "./diagram.ts";
