/**
 * Paints a laid-out legend with Skia: symbol patches with the map's own
 * symbol painters (fills as a rectangle, lines as a horizontal line,
 * markers centred), raster classes as outlined colour rectangles, colour
 * ramps as outlined vertical gradients, text in DejaVu Sans; then encodes
 * the image as PNG or JPEG.
 *
 * @module
 */
import type { Canvas, CanvasKit, Font } from "canvaskit-wasm";
import type { Geometry } from "../geometry/types.ts";
import type { MapSettings } from "../map/map_settings.ts";
import type { ExpressionCompiler, PaintContext } from "../paint/context.ts";
import { drawSymbol } from "../paint/symbol.ts";
import {
  encodeSurface,
  releaseSurface,
  takeSurface,
} from "../paint/surface.ts";
import { DEFAULT_FAMILY, type FontLibrary } from "../labels/fonts.ts";
import type { Rgba } from "../raster/style.ts";
import {
  DEFAULT_LEGEND_SETTINGS,
  type FontMetricsMm,
  type LaidPatch,
  type LegendFont,
  type LegendImageSize,
  type LegendLayout,
  type LegendSettings,
  type TextMeasure,
} from "./layout.ts";

/** QgsLegendSettings: a font's point size → its em in millimetres. */
const MM_PER_POINT = 0.3527;

/** The legend's two fonts at an em size in some unit (mm to measure, px to draw). */
class LegendFonts {
  readonly label: Font;
  readonly title: Font;

  constructor(
    ck: CanvasKit,
    fonts: FontLibrary,
    settings: LegendSettings,
    unitsPerMm: number,
  ) {
    const make = (bold: boolean, points: number): Font => {
      const font = new ck.Font(
        fonts.typeface(DEFAULT_FAMILY, bold, false),
        points * MM_PER_POINT * unitsPerMm,
      );
      font.setHinting(ck.FontHinting.None);
      font.setSubpixel(true);
      font.setLinearMetrics(true);
      font.setEdging(ck.FontEdging.AntiAlias);
      return font;
    };
    this.label = make(false, settings.labelFontSize);
    // layer titles bold, as QGIS Server draws them by default
    this.title = make(true, settings.titleFontSize);
  }

  of(font: LegendFont): Font {
    return font === "title" ? this.title : this.label;
  }

  delete(): void {
    this.label.delete();
    this.title.delete();
  }
}

function advance(font: Font, text: string): number {
  const ids = font.getGlyphIDs(text);
  const widths = font.getGlyphWidths(ids);
  let w = 0;
  for (const v of widths) w += v;
  return w;
}

/** A text measurer that owns Skia fonts: call `delete()` when done. */
export interface SkiaTextMeasure extends TextMeasure {
  /** Frees the fonts. */
  delete(): void;
}

/**
 * Measures legend text in millimetres with the DejaVu fonts.
 *
 * @example
 * ```ts ignore
 * import { getCanvasKit } from "../paint/canvaskit.ts";
 * import { fontLibrarySync } from "../labels/fonts.ts";
 * import { createTextMeasure } from "./draw.ts";
 * const ck = await getCanvasKit();
 * const measure = createTextMeasure(ck, fontLibrarySync(ck));
 * measure.width("Forest", "label"); // ≈ 14.5
 * measure.delete();
 * ```
 */
export function createTextMeasure(
  ck: CanvasKit,
  fonts: FontLibrary,
  settings: LegendSettings = DEFAULT_LEGEND_SETTINGS,
): SkiaTextMeasure {
  // measured at 100 units per millimetre: glyph bounds come out rounded to
  // whole units, too coarse at a 4 mm em
  const unit = 100;
  const f = new LegendFonts(ck, fonts, settings, unit);
  const metrics = new Map<LegendFont, FontMetricsMm>();
  for (const which of ["label", "title"] as const) {
    const font = f.of(which);
    const m = font.getMetrics();
    const bounds = font.getGlyphBounds(font.getGlyphIDs("H"));
    metrics.set(which, {
      ascent: -m.ascent / unit,
      descent: m.descent / unit,
      capHeight: (bounds.length >= 4 ? -bounds[1] : -m.ascent * 0.75) / unit,
    });
  }
  return {
    width: (text, font) => advance(f.of(font), text) / unit,
    metrics: (font) => metrics.get(font)!,
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

function drawPatch(
  pc: PaintContext,
  patch: LaidPatch,
  pxPerMm: number,
): void {
  const { ck, canvas } = pc;
  const x = patch.x * pxPerMm;
  const y = patch.y * pxPerMm;
  const w = patch.width * pxPerMm;
  const h = patch.height * pxPerMm;
  const entry = patch.entry;
  const opacity = patch.opacity;
  if (entry.kind === "symbol") {
    const symbol = entry.symbol;
    if (!symbol) return;
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
          parts: [[Float64Array.from([x + w / 2, y + h / 2])]],
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
      drawSymbol(pc, symbol, null, geom);
    } finally {
      if (opacity < 1) canvas.restore();
    }
    return;
  }
  const r = ck.XYWHRect(x, y, w, h);
  const fill = new ck.Paint();
  fill.setAntiAlias(true);
  fill.setStyle(ck.PaintStyle.Fill);
  let shader = null;
  if (entry.kind === "color") {
    fill.setColor(color4f(ck, entry.color, opacity));
  } else {
    shader = ck.Shader.MakeLinearGradient(
      [x, y],
      [x, y + h],
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
  const pooled = takeSurface(ck, size.width, size.height);
  if (!pooled) {
    throw new RangeError(
      `Cannot draw legend: no surface of ${size.width}×${size.height}`,
    );
  }
  const pxPerMm = dpi / 25.4;
  const legendFonts = new LegendFonts(
    ck,
    fonts,
    options.settings ?? DEFAULT_LEGEND_SETTINGS,
    pxPerMm,
  );
  const text = new ck.Paint();
  text.setAntiAlias(true);
  text.setColor(ck.BLACK);
  try {
    const canvas: Canvas = pooled.surface.getCanvas();
    const bg = options.background ?? { r: 255, g: 255, b: 255, a: 255 };
    canvas.clear(color4f(ck, bg));
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
      featureBlendMode: 0,
      warn: options.warn,
    };
    for (const item of layout.items) {
      if (item.type === "patch") {
        drawPatch(pc, item, pxPerMm);
      } else {
        canvas.drawText(
          item.text,
          item.x * pxPerMm,
          item.y * pxPerMm,
          text,
          legendFonts.of(item.font),
        );
      }
    }
    canvas.restore();
    return encodeSurface(
      ck,
      pooled,
      format === "image/jpeg" ? "jpeg" : "png",
      { dpi },
    );
  } finally {
    text.delete();
    legendFonts.delete();
    releaseSurface(ck, pooled);
  }
}
