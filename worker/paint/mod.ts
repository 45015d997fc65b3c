/**
 * Painting with Skia (CanvasKit): QGIS symbols and renderers, the PNG writer.
 *
 * @example
 * ```ts
 * import { encodePng } from "./mod.ts";
 * encodePng(new Uint8Array(4), 1, 1).length > 0; // true
 * ```
 *
 * @module
 */
export { getCanvasKit } from "./canvaskit.ts";
export type {
  CompiledExpression,
  ExpressionCompiler,
  ExpressionContext,
  PaintContext,
  SvgLoader,
} from "./context.ts";
export { encodePng, type PngOptions } from "./png.ts";
export { drawSymbol, type DrawSymbolOptions } from "./symbol.ts";
export {
  paintVectorLayer,
  type SymbolPicker,
  symbolPicker,
} from "./vector_layer.ts";
export { type MarkerShape, markerShape, type ShapeCommand } from "./shapes.ts";
export {
  loadSvgFrom,
  QGIS_SVG_FOLDERS,
  type QgisSvgFolder,
  qgisSvgFolders,
  svgLibraryNote,
} from "./svg_loader.ts";
export {
  drawSvgMarker,
  replaceSvgParams,
  type SvgMarkerSpec,
} from "./svg_marker.ts";
export {
  drawFontMarker,
  type FontMarkerSpec,
  typefaceFor,
} from "./font_marker.ts";
export {
  clipLine,
  clipRing,
  geometryToPixels,
  lineLength,
  type LinePosition,
  offsetLine,
  pointInPolygon,
  pointOnSurface,
  pointsAlong,
  polygonCentroid,
} from "./geometry.ts";
