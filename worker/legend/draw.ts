/**
 * Paints a laid-out legend with Skia as QGIS 3.22 paints it: symbol
 * patches with the map's own symbol painters in boxes of whole pixels
 * (fills as a rectangle, lines as a horizontal line, markers centred),
 * raster classes as outlined colour rectangles, colour ramps as outlined
 * vertical gradients, labels and titles as Qt's cached glyphs with its text
 * gamma (qt_text.ts), ramp labels as QgsTextRenderer's paths (the labels'
 * text renderer); then encodes the image as PNG or JPEG.
 *
 * @module
 */
import type { Canvas, CanvasKit } from "canvaskit-wasm";
import { DOMParser } from "@xmldom/xmldom";
import type { Geometry } from "../geometry/types.ts";
import type { MapSettings } from "../map/map_settings.ts";
import type { ExpressionCompiler, PaintContext } from "../paint/context.ts";
import type { SymbolLayer } from "../style/model.ts";
import { drawSymbol } from "../paint/symbol.ts";
import {
  encodeSurface,
  releaseSurface,
  takeSurface,
} from "../paint/surface.ts";
import { DEFAULT_FAMILY, type FontLibrary } from "../labels/fonts.ts";
import { readLabelSettings, type TextFormat } from "../labels/settings.ts";
import { drawText, layoutText, type TextLayout } from "../labels/text.ts";
import type { Rgba } from "../raster/style.ts";
import {
  type ImageEntry,
  sizedMarker,
  type SizeLegendEntry,
} from "./entries.ts";
import type { CollapsedSizeLegend } from "./size_legend.ts";
import type { ImageLoader } from "../paint/image_loader.ts";
import {
  DEFAULT_LEGEND_SETTINGS,
  type FontMetricsMm,
  type LaidPatch,
  type LaidRampText,
  type LegendFont,
  type LegendImageSize,
  type LegendLayout,
  type LegendSettings,
  type TextMeasure,
} from "./layout.ts";
import {
  darkenText,
  drawQtText,
  FONT_WORKAROUND_SCALE,
  QtFont,
} from "./qt_text.ts";

/** QgsRenderContext::fromQPainter's scale without a painter (88 dpi). */
export const SIZING_DOTS_PER_MM = 3.465;

/** Legend fonts as QGIS draws them with QPainter::drawText (see qt_text.ts). */
class LegendFonts {
  readonly label: QtFont;
  readonly title: QtFont;
  /**
   * The label font in the render context's pixels (the QFont's point size
   * at the context's dpi, a whole pixel size as Qt asks FreeType for it).
   */
  readonly pixelLabel: QtFont;

  constructor(
    ck: CanvasKit,
    fonts: FontLibrary,
    settings: LegendSettings,
    dotsPerMm: number,
  ) {
    this.label = new QtFont(ck, fonts, settings.labelFontSize, false);
    this.title = new QtFont(ck, fonts, settings.titleFontSize, false);
    this.pixelLabel = new QtFont(
      ck,
      fonts,
      settings.labelFontSize,
      false,
      Math.max(1, Math.round(settings.labelFontSize * dotsPerMm * 25.4 / 72)),
    );
  }

  of(font: LegendFont): QtFont {
    return font === "title"
      ? this.title
      : font === "pixelLabel"
      ? this.pixelLabel
      : this.label;
  }

  delete(): void {
    this.label.delete();
    this.title.delete();
    this.pixelLabel.delete();
  }
}

/**
 * The text format QgsColorRampLegendNode draws its labels with
 * (QgsTextFormat::fromQFont of the symbol label font): the labels' own
 * renderer's format, read from a minimal label style.
 */
function rampFormat(settings: LegendSettings): TextFormat {
  const doc = new DOMParser().parseFromString(
    `<settings><text-style fontFamily="${DEFAULT_FAMILY}" fontSize="${settings.labelFontSize}" fontSizeUnit="Point" textColor="0,0,0,255"/></settings>`,
    "text/xml",
  );
  return readLabelSettings(doc.documentElement!).format;
}

/** QgsUnitTypes::fromUnitToUnitFactor( DistanceMeters, DistanceDegrees ). */
const LEGEND_DEGREES_PER_METRE = 1 / 111319.49079327358;

/**
 * QgsTextRenderer's metrics of a ramp label font at `dotsPerMm` pixels per
 * millimetre: its whole pixel size, ascent, descent and leading.
 */
function rampMetrics(
  ck: CanvasKit,
  fonts: FontLibrary,
  format: TextFormat,
  dotsPerMm: number,
): { layout: (lines: string[]) => TextLayout; height: (n: number) => number } {
  const units = { dpi: dotsPerMm * 25.4, mapUnitsPerPixel: 1 };
  const layout = (lines: string[]) =>
    layoutText(ck, fonts, format, lines, units);
  return {
    layout,
    // QgsTextRenderer::textHeight, Rect mode: the first line ascent +
    // descent, each further one the line spacing, less the last leading
    height: (n: number) => {
      const l = layout(["0"]);
      try {
        const m = l.font.getMetrics();
        const lineHeight = l.ascent + Math.ceil(m.descent - 1e-9);
        const ftHeight = Math.round(-m.ascent + m.descent + (m.leading ?? 0));
        const leading = ftHeight - lineHeight;
        return n <= 0 ? 0 : lineHeight + (n - 1) * (lineHeight + leading) -
          (n > 1 ? leading : 0);
      } finally {
        l.font.delete();
      }
    },
  };
}

/** A text measurer that owns Skia fonts: call `delete()` when done. */
export interface SkiaTextMeasure extends TextMeasure {
  /** Frees the fonts. */
  delete(): void;
}

/**
 * Measures legend text in millimetres as QGIS 3.22 does: symbol labels and
 * layer titles with Qt's metrics of the font at ten times its size
 * (QgsLegendSettings), ramp labels with QgsTextRenderer's at `dotsPerMm`
 * (the render context's scale: {@linkcode SIZING_DOTS_PER_MM} when QGIS
 * sizes the legend, the output's when it draws it).
 *
 * @example
 * ```ts ignore
 * import { getCanvasKit } from "../paint/canvaskit.ts";
 * import { fontLibrarySync } from "../labels/fonts.ts";
 * import { createTextMeasure } from "./draw.ts";
 * const ck = await getCanvasKit();
 * const measure = createTextMeasure(ck, fontLibrarySync(ck));
 * measure.metrics("label").textHeight; // 3.3
 * measure.delete();
 * ```
 */
export function createTextMeasure(
  ck: CanvasKit,
  fonts: FontLibrary,
  settings: LegendSettings = DEFAULT_LEGEND_SETTINGS,
  dotsPerMm: number = SIZING_DOTS_PER_MM,
): SkiaTextMeasure {
  const f = new LegendFonts(ck, fonts, settings, dotsPerMm);
  const metrics = new Map<LegendFont, FontMetricsMm>();
  for (const which of ["label", "title"] as const) {
    const font = f.of(which);
    metrics.set(which, {
      ascent: font.ascent / FONT_WORKAROUND_SCALE,
      descent: font.descent / FONT_WORKAROUND_SCALE,
      textHeight: font.charHeight("0") / FONT_WORKAROUND_SCALE,
    });
  }
  const ramp = rampMetrics(ck, fonts, rampFormat(settings), dotsPerMm);
  return {
    width: (text, font) => f.of(font).width(text) / FONT_WORKAROUND_SCALE,
    metrics: (font) => metrics.get(font)!,
    rampText: (lines) => {
      const l = ramp.layout(lines);
      try {
        return {
          width: l.width / dotsPerMm,
          height: ramp.height(lines.length) / dotsPerMm,
        };
      } finally {
        l.font.delete();
      }
    },
    labelPixels: () => {
      const p = f.pixelLabel;
      return {
        ascent: p.ascent,
        height: p.ascent + p.descent,
        leading: p.leading,
        boundingWidth: (text: string) => p.boundingWidth(text),
        advance: (text: string) => p.width(text),
        dotsPerMm,
      };
    },
    delete: () => f.delete(),
  };
}

/** What drawing a legend needs besides its layout. */
export interface DrawLegendOptions {
  /** The image size and scale. */
  size: LegendImageSize;
  /** The job's dpi. */
  dpi: number;
  /** Map scale for scale-dependent symbol properties (1 when unknown). */
  mapScale: number;
  /** Background; white as QGIS Server's legends. */
  background?: Rgba;
  /** Expression compiler for data-defined symbol properties. */
  compile: ExpressionCompiler;
  /** Loads SVG symbols by their QML path. */
  loadSvg: (path: string) => string | null;
  /** Loads `RasterFill`/`RasterMarker` images; absent: inline ones only. */
  loadImage?: ImageLoader;
  /** Reports what the painters skipped. */
  warn: (message: string) => void;
  /** Spacing and sizes; QGIS's defaults when absent. */
  settings?: LegendSettings;
}

/** Supported output formats. */
export type LegendFormat = "image/png" | "image/jpeg";

function rect(x: number, y: number, w: number, h: number): Geometry {
  return {
    kind: "polygon",
    parts: [[
      Float64Array.from([x, y, x + w, y, x + w, y + h, x, y + h, x, y]),
    ]],
  };
}

function color4f(ck: CanvasKit, c: Rgba, opacity = 1): Float32Array {
  return ck.Color(c.r, c.g, c.b, (c.a / 255) * opacity);
}

const LINE_LAYERS = new Set(["SimpleLine", "MarkerLine", "HashLine"]);

function isLineLayer(layer: SymbolLayer): boolean {
  return LINE_LAYERS.has(layer.className);
}

function drawPatch(
  pc: PaintContext,
  patch: LaidPatch,
  pxPerMm: number,
): void {
  const { ck, canvas } = pc;
  const x = patch.x * pxPerMm;
  const y = patch.y * pxPerMm;
  const entry = patch.entry;
  const opacity = patch.opacity;
  if (entry.kind === "symbol") {
    const symbol = entry.symbol;
    if (!symbol) return;
    // QgsSymbol::drawPreviewIcon draws into a box of whole pixels
    const w = Math.round(patch.width * pxPerMm);
    const h = Math.round(patch.height * pxPerMm);
    let geom: Geometry;
    switch (symbol.type) {
      case "fill":
        geom = rect(x, y, w, h);
        break;
      case "line":
        geom = {
          kind: "line",
          parts: [[Float64Array.from([x, y + h / 2, x + w, y + h / 2])]],
        };
        break;
      default:
        geom = {
          kind: "point",
          // QgsLegendPatchShape: the centre of a QSize, halved as ints
          parts: [[
            Float64Array.from([x + Math.floor(w / 2), y + Math.floor(h / 2)]),
          ]],
        };
    }
    // QGIS flattens the symbol, then applies the layer's opacity
    if (opacity < 1) {
      const layer = new ck.Paint();
      layer.setAlphaf(Math.max(0, opacity));
      canvas.saveLayer(layer);
      layer.delete();
    }
    try {
      // QgsSymbolLegendNode translates the painter to the patch's corner:
      // texture brushes start there
      if (symbol.type === "fill" && symbol.layers.some(isLineLayer)) {
        // QgsSymbol::drawPreviewIcon strokes a fill symbol's line layers
        // around a patch one pixel narrower and lower (its `size - 1`)
        const outline = rect(x, y, w - 1, h - 1);
        for (let i = 0; i < symbol.layers.length; i++) {
          drawSymbol(
            pc,
            symbol,
            null,
            isLineLayer(symbol.layers[i]) ? outline : geom,
            { origin: [x, y], layerIndex: i },
          );
        }
      } else drawSymbol(pc, symbol, null, geom, { origin: [x, y] });
    } finally {
      if (opacity < 1) canvas.restore();
    }
    return;
  }
  if (entry.kind === "sizeLegend") {
    if (patch.sizeLegend) drawSizeLegend(pc, entry, x, y, patch.sizeLegend);
    return;
  }
  if (entry.kind === "icon") {
    // QgsLayerTreeModelLegendNode::drawSymbol: QIcon::paint at whole
    // millimetres (the painter is scaled to them) in the patch's box; the
    // 16 px pixmap shrinks to the box's shorter side and is centred (ints)
    const ix = Math.trunc(patch.x), iy = Math.trunc(patch.y);
    const iw = Math.trunc(patch.width), ih = Math.trunc(patch.height);
    const side = Math.min(16, iw, ih);
    if (side <= 0) return;
    const ax = ix + Math.floor(iw / 2) - Math.floor(side / 2);
    const ay = iy + Math.floor(ih / 2) - Math.floor(side / 2);
    const fill = new ck.Paint();
    fill.setAntiAlias(true);
    fill.setStyle(ck.PaintStyle.Fill);
    fill.setColor(color4f(ck, entry.color));
    canvas.drawRect(
      ck.XYWHRect(ax * pxPerMm, ay * pxPerMm, side * pxPerMm, side * pxPerMm),
      fill,
    );
    fill.delete();
    return;
  }
  if (entry.kind === "image") {
    drawLegendImage(
      ck,
      canvas,
      entry,
      x,
      y,
      patch.width,
      patch.height,
      pxPerMm,
    );
    return;
  }
  let r: Float32Array;
  const fill = new ck.Paint();
  fill.setAntiAlias(true);
  fill.setStyle(ck.PaintStyle.Fill);
  let shader = null;
  if (entry.kind === "color") {
    // QgsRasterSymbolLegendNode draws its rectangle in millimetres
    r = ck.XYWHRect(x, y, patch.width * pxPerMm, patch.height * pxPerMm);
    fill.setColor(color4f(ck, entry.color, opacity));
  } else {
    // QgsColorRampLegendNode passes its rectangle as whole pixels
    // (QPainter::drawRect(int, int, int, int)); the gradient is exact
    r = ck.XYWHRect(
      Math.trunc(x),
      Math.trunc(y),
      Math.trunc(patch.width * pxPerMm),
      Math.trunc(patch.height * pxPerMm),
    );
    shader = ck.Shader.MakeLinearGradient(
      [0, y],
      [0, y + patch.height * pxPerMm],
      entry.stops.map((s) => color4f(ck, s.color, opacity)),
      entry.stops.map((s) => s.offset),
      ck.TileMode.Clamp,
    );
    fill.setShader(shader);
  }
  canvas.drawRect(r, fill);
  // QgsLegendSettings' raster stroke: black, zero width (one device pixel)
  const stroke = new ck.Paint();
  stroke.setAntiAlias(true);
  stroke.setStyle(ck.PaintStyle.Stroke);
  stroke.setStrokeWidth(0);
  stroke.setColor(ck.BLACK);
  canvas.drawRect(r, stroke);
  stroke.delete();
  fill.delete();
  shader?.delete();
}

/**
 * A collapsed size legend's markers, then its lines, as
 * QgsDataDefinedSizeLegend::drawCollapsedLegend draws them in the render
 * context's pixels from the row's corner (`x`, `y`, pixels); its labels
 * are the layout's texts.
 */
function drawSizeLegend(
  pc: PaintContext,
  entry: SizeLegendEntry,
  x: number,
  y: number,
  { parts, dotsPerMm }: { parts: CollapsedSizeLegend; dotsPerMm: number },
): void {
  const px = pc.map.dpi / 25.4 / dotsPerMm;
  for (const m of parts.markers) {
    drawSymbol(
      pc,
      sizedMarker(entry.symbol, m.size, entry.sizeUnit),
      null,
      {
        kind: "point",
        parts: [[Float64Array.from([x + m.x * px, y + m.y * px])]],
      },
    );
  }
  for (const [x1, y1, x2, y2] of parts.lines) {
    drawSymbol(pc, entry.lineSymbol, null, {
      kind: "line",
      parts: [[
        Float64Array.from([x + x1 * px, y + y1 * px, x + x2 * px, y + y2 * px]),
      ]],
    });
  }
}

/**
 * A legend image as QGIS 3.22's QgsWmsLegendNode draws it: stretched over
 * its box (millimetres at the output's dpi), smoothly (bilinear, as
 * QPainter's SmoothPixmapTransform).
 */
function drawLegendImage(
  ck: CanvasKit,
  canvas: Canvas,
  entry: ImageEntry,
  x: number,
  y: number,
  widthMm: number,
  heightMm: number,
  pxPerMm: number,
): void {
  if (widthMm <= 0 || heightMm <= 0) return;
  const image = ck.MakeImage(
    {
      width: entry.width,
      height: entry.height,
      alphaType: ck.AlphaType.Unpremul,
      colorType: ck.ColorType.RGBA_8888,
      colorSpace: ck.ColorSpace.SRGB,
    },
    entry.rgba,
    entry.width * 4,
  );
  if (!image) return;
  try {
    canvas.drawImageRectOptions(
      image,
      ck.XYWHRect(0, 0, entry.width, entry.height),
      ck.XYWHRect(x, y, widthMm * pxPerMm, heightMm * pxPerMm),
      ck.FilterMode.Linear,
      ck.MipmapMode.None,
      null,
    );
  } finally {
    image.delete();
  }
}

/**
 * A colour ramp's label as QgsTextRenderer draws it into the ramp's label
 * rectangle (Rect mode, top or bottom aligned), in pixels at the dpi.
 */
function drawRampText(
  ck: CanvasKit,
  canvas: Canvas,
  fonts: FontLibrary,
  format: TextFormat,
  item: LaidRampText,
  pxPerMm: number,
): void {
  const units = { dpi: pxPerMm * 25.4, mapUnitsPerPixel: 1 };
  const layout = layoutText(ck, fonts, format, [item.text], units);
  try {
    const m = layout.font.getMetrics();
    const lineHeight = layout.ascent + Math.ceil(m.descent - 1e-9);
    const ascentOffset = 0.25 * layout.ascent;
    const top = item.top * pxPerMm;
    const height = item.height * pxPerMm;
    // QgsTextRenderer::drawTextInternalHorizontal, Rect mode
    const shift = item.align === "bottom" ? height - lineHeight : 0;
    const baseline = top + shift - ascentOffset + lineHeight - 1;
    // drawText puts the baseline a quarter ascent above its origin
    drawText(ck, canvas, layout, format, {
      x: item.x * pxPerMm,
      y: baseline + ascentOffset,
      rotation: 0,
      align: 0,
    }, units);
  } finally {
    layout.font.delete();
  }
}

/**
 * Draws a legend layout into an image and encodes it.
 *
 * @throws {RangeError} when the format is neither PNG nor JPEG.
 * @example
 * ```ts ignore
 * import { drawLegend } from "./draw.ts";
 * const png = drawLegend(ck, fonts, layout, "image/png", options);
 * ```
 */
export function drawLegend(
  ck: CanvasKit,
  fonts: FontLibrary,
  layout: LegendLayout,
  format: LegendFormat,
  options: DrawLegendOptions,
): Uint8Array {
  const { size, dpi } = options;
  const settings = options.settings ?? DEFAULT_LEGEND_SETTINGS;
  const pooled = takeSurface(ck, size.width, size.height);
  if (!pooled) {
    throw new RangeError(
      `Cannot draw legend: no surface of ${size.width}×${size.height}`,
    );
  }
  const pxPerMm = dpi / 25.4;
  const legendFonts = new LegendFonts(ck, fonts, settings, pxPerMm);
  const glyphs = new ck.Paint();
  glyphs.setAntiAlias(true);
  glyphs.setColor(ck.BLACK);
  try {
    const canvas: Canvas = pooled.surface.getCanvas();
    const bg = options.background ?? { r: 255, g: 255, b: 255, a: 255 };
    canvas.clear(color4f(ck, bg));
    const device = pxPerMm * size.scale;
    const drawTexts = () => {
      for (const item of layout.items) {
        if (item.type !== "text") continue;
        drawQtText(
          ck,
          canvas,
          legendFonts.of(item.font),
          item.text,
          item.x * device,
          item.y * device,
          // a pixel font's pixel is the context's; the others' a tenth of a mm
          item.font === "pixelLabel"
            ? size.scale
            : device / FONT_WORKAROUND_SCALE,
          glyphs,
        );
      }
    };
    const white = bg.r === 255 && bg.g === 255 && bg.b === 255 && bg.a === 255;
    if (white) {
      // Qt blends its glyph masks with its text gamma: the labels are drawn
      // first, alone on the white background, where every pixel's shade is
      // the glyphs' coverage, and darkened as Qt's blending darkens them
      drawTexts();
      darkenText(pooled.pixels());
    }
    canvas.save();
    canvas.scale(size.scale, size.scale);
    const map: MapSettings = {
      extent: { xmin: 0, ymin: 0, xmax: size.width, ymax: size.height },
      width: size.width,
      height: size.height,
      dpi,
      crs: "",
      // the legend's millimetre per map unit is 1, as QgsLegendSettings'
      mapUnitsPerPixel: 1 / pxPerMm,
      // QGIS's legend context measures metres on its QgsDistanceArea's
      // default CRS, WGS 84, without an extent: QgsUnitTypes' rough
      // degrees per metre, so a size in metres at scale all but vanishes
      mapUnitsPerMeter: LEGEND_DEGREES_PER_METRE,
      scale: options.mapScale,
      format: format === "image/jpeg" ? "jpeg" : "png",
    };
    const pc: PaintContext = {
      ck,
      canvas,
      map,
      compile: options.compile,
      variables: { map_scale: options.mapScale, output_dpi: dpi },
      loadSvg: options.loadSvg,
      loadImage: options.loadImage,
      featureBlendMode: 0,
      warn: options.warn,
      preview: true,
    };
    let ramp: TextFormat | null = null;
    for (const item of layout.items) {
      if (item.type === "patch") drawPatch(pc, item, pxPerMm);
      else if (item.type === "rampText") {
        ramp ??= rampFormat(settings);
        drawRampText(ck, canvas, fonts, ramp, item, pxPerMm);
      }
    }
    canvas.restore();
    if (!white) drawTexts();
    return encodeSurface(
      ck,
      pooled,
      format === "image/jpeg" ? "jpeg" : "png",
      { dpi },
    );
  } finally {
    glyphs.delete();
    legendFonts.delete();
    releaseSurface(ck, pooled);
  }
}
