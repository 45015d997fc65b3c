/**
 * Legend text as QGIS 3.22 draws it with `QPainter::drawText`
 * (`QgsLegendSettings::drawText`): the font set to a whole pixel size ten
 * times too large (`FONT_WORKAROUND_SCALE`) and the painter scaled down by
 * ten. Its metrics are Qt's for that font (whole pixels for ascent, descent
 * and glyph bounds; unrounded advances with kerning and the font's
 * ligatures, as Qt lays out text with light hinting); its glyphs are Qt's cached glyph masks: each glyph
 * at its pen position floored to a quarter pixel across, its baseline
 * rounded to a whole pixel, and blended with Qt's text gamma (1.7), which
 * makes small black text darker than its plain coverage.
 *
 * QgsTextRenderer text (colour ramp labels) is not this: it is drawn as
 * paths, as map labels are.
 *
 * @module
 */
import type { Canvas, CanvasKit, Font, Paint, Typeface } from "canvaskit-wasm";
import { DEFAULT_FAMILY, type FontLibrary } from "../labels/fonts.ts";
import { hasLigatures, ligated, xformArray } from "../labels/text.ts";

/** QgsLegendSettings' factor between point sizes and millimetres. */
export const MM_PER_POINT = 0.3527;

/** QgsLegendSettings' FONT_WORKAROUND_SCALE. */
export const FONT_WORKAROUND_SCALE = 10;

/** Qt's font smoothing gamma (QPlatformIntegration's default). */
export const TEXT_GAMMA = 1.7;

/** Sub-pixel positions per pixel of Qt's glyph cache. */
const SUBPIXEL = 4;

/**
 * The whole pixel size QGIS sets for a legend font of `points`:
 * `QgsLegendSettings::scaledFontPixelSize` truncates it.
 *
 * @example
 * ```ts
 * import { workaroundPixelSize } from "./qt_text.ts";
 * workaroundPixelSize(12); // 42
 * ```
 */
export function workaroundPixelSize(points: number): number {
  return Math.max(1, Math.trunc(points * MM_PER_POINT * FONT_WORKAROUND_SCALE));
}

/** A legend font at its workaround pixel size, measured as Qt measures it. */
export class QtFont {
  /** The Skia font at the workaround pixel size. */
  readonly font: Font;
  /** The typeface. */
  readonly typeface: Typeface;
  /** Pixel size (ten times the legend's em in millimetres). */
  readonly pixelSize: number;
  /** Ascent, whole pixels (QFontMetricsF::ascent). */
  readonly ascent: number;
  /** Descent, whole pixels. */
  readonly descent: number;
  /**
   * Leading, whole pixels (QFontMetricsF::leading: FreeType's line height,
   * rounded, less ascent and descent; may be negative).
   */
  readonly leading: number;
  #kern: Map<number, number>;

  constructor(
    ck: CanvasKit,
    fonts: FontLibrary,
    points: number,
    bold: boolean,
    pixelSize: number = workaroundPixelSize(points),
  ) {
    this.pixelSize = pixelSize;
    this.typeface = fonts.typeface(DEFAULT_FAMILY, bold, false);
    this.font = new ck.Font(this.typeface, this.pixelSize);
    this.font.setHinting(ck.FontHinting.None);
    this.font.setSubpixel(true);
    this.font.setLinearMetrics(true);
    this.font.setEdging(ck.FontEdging.AntiAlias);
    const m = this.font.getMetrics();
    // FreeType rounds a scalable face's size metrics outwards
    this.ascent = Math.ceil(-m.ascent - 1e-9);
    this.descent = Math.ceil(m.descent - 1e-9);
    this.leading = Math.round(-m.ascent + m.descent + (m.leading ?? 0)) -
      this.ascent - this.descent;
    this.#kern = fonts.kerning(DEFAULT_FAMILY, bold, false);
  }

  /**
   * The height of a character's bounding box in whole pixels
   * (QFontMetricsF::boundingRect(QChar)), QGIS's text height with `0`.
   */
  charHeight(c: string): number {
    const b = this.font.getGlyphBounds(this.font.getGlyphIDs(c));
    if (b.length < 4) return 0;
    // the glyph's outline bounds (y down), rounded outwards
    return Math.ceil(b[3] - 1e-6) - Math.floor(b[1] + 1e-6);
  }

  /** Glyph ids and pen positions (pixels at the workaround size). */
  shape(text: string): { ids: Uint16Array; pens: Float64Array; width: number } {
    const ids = this.font.getGlyphIDs(this.#ligated(text)) as Uint16Array;
    const adv = this.font.getGlyphWidths(ids);
    const pens = new Float64Array(ids.length);
    let x = 0;
    for (let i = 0; i < ids.length; i++) {
      pens[i] = x;
      // Qt takes FreeType's linear advances (16.16) into 26.6 fixed point,
      // truncating; HarfBuzz rounds the kerning to it
      x += Math.floor(adv[i] * 64 + 1e-6) / 64;
      if (i + 1 < ids.length) {
        const k = this.#kern.get(((ids[i] << 16) | ids[i + 1]) >>> 0) ?? 0;
        x += Math.round(k * this.pixelSize * 64) / 64;
      }
    }
    return { ids, pens, width: x };
  }

  /**
   * The text with the Latin `liga` ligatures HarfBuzz forms for Qt (ffi,
   * ffl, ff, fi, fl, longest first from the left), as the presentation
   * forms DejaVu Sans maps its ligature glyphs to; a face without them
   * keeps the letters.
   */
  #ligated(text: string): string {
    return hasLigatures(this.font) ? ligated(text) : text;
  }

  /**
   * The width of a text's ink (QFontMetricsF::boundingRect(text).width()):
   * each glyph's bitmap box, whole pixels from its pen, the pens advanced
   * by whole pixels (Qt's hinted glyph cache), leftmost to rightmost.
   */
  boundingWidth(text: string): number {
    const { ids } = this.shape(text);
    const advances = this.font.getGlyphWidths(ids);
    const b = this.font.getGlyphBounds(ids);
    let pen = 0, left = Infinity, right = 0;
    for (let i = 0; i < ids.length; i++) {
      const l = b[4 * i], r = b[4 * i + 2];
      if (r > l) {
        left = Math.min(left, pen + Math.floor(l + 1e-6));
        right = Math.max(right, pen + Math.ceil(r - 1e-6));
      }
      pen += Math.round(advances[i]);
    }
    return left === Infinity ? 0 : right - left;
  }

  /** Advance width of a text (QFontMetricsF::horizontalAdvance), pixels. */
  width(text: string): number {
    return this.shape(text).width;
  }

  delete(): void {
    this.font.delete();
  }
}

/**
 * Draws text as Qt draws cached glyphs: `x`, `y` the baseline's start in
 * device pixels, `scale` device pixels per workaround pixel; black on white,
 * then darkened with {@linkcode darkenText}.
 */
export function drawQtText(
  ck: CanvasKit,
  canvas: Canvas,
  font: QtFont,
  text: string,
  x: number,
  y: number,
  scale: number,
  paint: Paint,
): void {
  const { ids, pens } = font.shape(text);
  if (ids.length === 0) return;
  const baseline = Math.round(y);
  const xf = xformArray(ck, ids.length * 4);
  for (let i = 0; i < ids.length; i++) {
    // Qt positions are 26.6 fixed point; a glyph sits at its whole pixel
    // plus a sub-pixel step
    const gx = Math.floor((x + pens[i] * scale) * 64) / 64;
    const ix = Math.floor(gx);
    xf[4 * i] = 1;
    xf[4 * i + 1] = 0;
    xf[4 * i + 2] = ix + Math.floor((gx - ix) * SUBPIXEL) / SUBPIXEL;
    xf[4 * i + 3] = baseline;
  }
  // FreeType renders Qt's masks at the device size, as Skia renders its own
  const sized = new ck.Font(font.typeface, font.pixelSize * scale);
  sized.setHinting(ck.FontHinting.None);
  sized.setSubpixel(true);
  sized.setLinearMetrics(true);
  sized.setEdging(ck.FontEdging.AntiAlias);
  const blob = ck.TextBlob.MakeFromRSXformGlyphs(ids, xf, sized);
  sized.delete();
  if (!blob) return;
  canvas.drawTextBlob(blob, 0, 0, paint);
  blob.delete();
}

/**
 * Darkens black text drawn alone on white as Qt's gamma-corrected glyph
 * blending leaves it: a shade `v` (coverage `1 − v`) becomes `v^γ`.
 * `pixels` are opaque RGBA (premultiplied or not), changed in place.
 *
 * @example
 * ```ts
 * import { darkenText } from "./qt_text.ts";
 * const px = new Uint8Array([255, 127, 0, 255]);
 * darkenText(px);
 * Array.from(px); // [255, 78, 0, 255]
 * ```
 */
export function darkenText(pixels: Uint8Array, gamma = TEXT_GAMMA): void {
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    lut[v] = Math.round(255 * Math.pow(v / 255, gamma));
  }
  for (let o = 0; o + 3 < pixels.length; o += 4) {
    // white stays white: most of a legend
    if ((pixels[o] & pixels[o + 1] & pixels[o + 2]) === 255) continue;
    pixels[o] = lut[pixels[o]];
    pixels[o + 1] = lut[pixels[o + 1]];
    pixels[o + 2] = lut[pixels[o + 2]];
  }
}
