/**
 * What painting a vector layer needs: the CanvasKit instance and canvas,
 * the map, an expression compiler for rules and data-defined properties,
 * and the SVG search paths.
 *
 * @module
 */
import type { Canvas, CanvasKit } from "canvaskit-wasm";
import type { Feature, Geometry } from "../geometry/types.ts";
import type { MapSettings } from "../map/map_settings.ts";
import type { PaintCache } from "./_paints.ts";
import type { ImageLoader } from "./image_loader.ts";
import type { SymbolLayer } from "../style/model.ts";

/** What an expression is evaluated against. */
export interface ExpressionContext {
  /** The feature (attributes by field name). */
  feature?: Feature;
  /** Its geometry. */
  geometry?: Geometry | null;
  /** Variables without the `@` (`map_scale`, `layer_id`…). */
  variables?: Record<string, unknown>;
}

/** A compiled expression. */
export type CompiledExpression = (ctx: ExpressionContext) => unknown;

/** Compiles QGIS expression text (throws a `SyntaxError` on bad text). */
export type ExpressionCompiler = (text: string) => CompiledExpression;

/** Loads an SVG symbol's text by its QML path (null when not found). */
export type SvgLoader = (path: string) => string | null;

/** Everything painting needs. */
export interface PaintContext {
  /** CanvasKit. */
  ck: CanvasKit;
  /** Target canvas (map pixels, origin top-left). */
  canvas: Canvas;
  /** The map. */
  map: MapSettings;
  /** Expression compiler (results are cached by text by the painter). */
  compile: ExpressionCompiler;
  /** Expression variables (`map_scale`, `layer_id`…). */
  variables: Record<string, unknown>;
  /** SVG loader for `SvgMarker`/`SVGFill`. */
  loadSvg: SvgLoader;
  /**
   * Image loader for `RasterFill`/`RasterMarker` (`image_loader.ts`);
   * absent: no image is found (drawn with nothing, with a warning).
   */
  loadImage?: ImageLoader;
  /** Feature blend mode (QGIS number; 0 = normal). */
  featureBlendMode: number;
  /** Reports something the painter skipped (unsupported layer class …). */
  warn: (message: string) => void;
  /**
   * Drawing symbol previews (legend patches): data-defined properties of a
   * symbol drawn without a feature are evaluated without one (`$id`,
   * fields and the geometry NULL), as QGIS's symbol previews evaluate
   * them; absent: they keep their static values.
   */
  preview?: boolean;
  /**
   * Paints shared by the features drawn with this context (one per
   * distinct colour, width, style); absent: each draw makes its own.
   * `paintVectorLayer` sets one for the features it draws.
   */
  paints?: PaintCache;
  /**
   * The pixels `canvas` draws into while its save count is `saveCount`
   * (no layer, clip or matrix pushed since): thin pens blend their pixels
   * there directly, as Skia's blitter would. Absent: always through Skia.
   */
  direct?: DirectPixels;
  /**
   * Symbol layers not drawn: the masked ones, in the second pass of a
   * layer selective masking cuts (`QgsRenderContext::
   * setDisabledSymbolLayers`); absent: all drawn.
   */
  disabledLayers?: Set<SymbolLayer>;
  /**
   * Where mask marker symbol layers (`MaskMarker`) draw their sub-symbol:
   * the mask images of the layers they mask; absent: they draw nothing.
   */
  maskCanvases?: Canvas[];
  /**
   * A layer drawn in another CRS than its own: coordinate arrays (flat
   * `x, y`, in place) from the map CRS to the layer's (`toLayer`) and
   * back (`toMap`), as `QgsRenderContext::coordinateTransform` goes and
   * reverses; geometry generators evaluate their expression in the
   * layer's CRS. Absent: the layer is in the map's CRS.
   */
  layerCrs?: LayerCrs;
}

/** Transformations between the map's CRS and a reprojected layer's. */
export interface LayerCrs {
  /** From the map CRS to the layer's, in place (NaN where a point fails). */
  toLayer(coords: Float64Array[]): void;
  /** From the layer's CRS to the map's, in place (NaN where a point fails). */
  toMap(coords: Float64Array[]): void;
}

/** A raster surface's own pixels, for painters that blend pixel by pixel. */
export interface DirectPixels {
  /** Premultiplied RGBA rows, `width × height × 4` bytes (a fresh view). */
  pixels(): Uint8Array;
  /** Width in pixels. */
  width: number;
  /** The canvas's save count at which the pixels are the drawing target. */
  saveCount: number;
  /**
   * The canvas's total matrix at that save count (nothing pushed since, so
   * nothing changed it); absent: read from the canvas. Reading it costs a
   * WebAssembly call and an array, several times per feature.
   */
  matrix?: number[];
}
