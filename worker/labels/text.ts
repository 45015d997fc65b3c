/**
 * Label text: the string a feature's label shows (capitalization, wrapping),
 * its size with QGIS's font metrics, and painting it as QGIS's
 * `QgsTextRenderer` does (shadow, background, buffer, text), glyph by glyph.
 *
 * @module
 */
import { checkJobClock } from "../map/job_clock.ts";
import type { Canvas, CanvasKit, Font, MallocObj } from "canvaskit-wasm";
import type { UnitContext } from "../style/props.ts";
import { toPixels } from "../style/props.ts";
import { type FontLibrary, fontStyle } from "./fonts.ts";
import {
  flattenSubpath,
  type GlyphOutlines,
  glyphPath,
} from "./glyph_outline.ts";
import type { DirectPixels, PaintContext } from "../paint/context.ts";
import { paintCoverage, pixelScratch, pushPixel } from "../paint/_coverage.ts";
import { qtRasterize } from "../paint/qt_raster.ts";
import { blendModeOf } from "../paint/_skia.ts";
import {
  type QtPen,
  qtStrokePath,
  type QtSubpath,
} from "../paint/qt_stroker.ts";
import type { Rgba } from "../style/props.ts";
import type { TextFormat } from "./settings.ts";
import type { HtmlBlock } from "./html.ts";

/** Applies QGIS capitalization (0 mixed, 1 upper, 2 lower, 4 first letter capital, 5 title? as Qt's `QFont::Capitalize`). */
export function capitalize(text: string, mode: number): string {
  switch (mode) {
    case 1:
      return text.toUpperCase();
    case 2:
      return text.toLowerCase();
    case 4:
    case 5:
      return text.replace(
        /(^|\s)(\S)/gu,
        (_m, s: string, c: string) => s + c.toUpperCase(),
      );
    default:
      return text;
  }
}

/**
 * Splits label text into lines: explicit newlines, the wrap character, then
 * automatic wrapping at spaces (`length` a maximum, or a minimum when
 * `useMax` is false), as `QgsPalLayerSettings::wrapText` does.
 *
 * @example
 * ```ts
 * import { wrapLines } from "./text.ts";
 * wrapLines("a b c", "", 3, true); // ["a b", "c"]
 * ```
 */
export function wrapLines(
  text: string,
  wrapChar: string,
  length: number,
  useMax: boolean,
): string[] {
  let lines = text.split(/\r\n|\n|\r/);
  if (wrapChar) lines = lines.flatMap((l) => l.split(wrapChar));
  if (length <= 0) return lines;
  const out: string[] = [];
  for (const line of lines) {
    const words = line.split(" ");
    let cur = "";
    for (const w of words) {
      if (cur === "") {
        cur = w;
        continue;
      }
      const joined = cur + " " + w;
      if (useMax ? joined.length > length : cur.length >= length) {
        out.push(cur);
        cur = w;
      } else cur = joined;
    }
    out.push(cur);
  }
  return out;
}

/**
 * An HTML label's lines, as `QgsTextDocument::splitLines` makes them of its
 * blocks: each run split at newlines and the wrap character, then wrapped
 * on its own ({@link wrapLines}); a run's pieces after the first start new
 * lines.
 *
 * @example
 * ```ts
 * import { wrapHtmlLines } from "./text.ts";
 * const run = { color: null, underline: false, strikeOut: false, overline: false };
 * const lines = wrapHtmlLines([[{ ...run, text: "a|b" }, { ...run, text: "c" }]], "|", 0, true);
 * lines.map((l) => l.map((f) => f.text)); // [["a"], ["b", "c"]]
 * ```
 */
export function wrapHtmlLines(
  blocks: HtmlBlock[],
  wrapChar: string,
  length: number,
  useMax: boolean,
): HtmlBlock[] {
  const out: HtmlBlock[] = [];
  for (const block of blocks) {
    let line: HtmlBlock = [];
    for (const f of block) {
      const parts = wrapLines(f.text, wrapChar, length, useMax);
      for (let i = 0; i < parts.length; i++) {
        if (i > 0) {
          out.push(line);
          line = [];
        }
        if (parts[i] !== "") line.push({ ...f, text: parts[i] });
      }
    }
    out.push(line);
  }
  return out;
}

/**
 * A glyph advance as Qt's FreeType engine gives it: the unhinted advance
 * truncated to Qt's fixed point (1/64 pixel).
 */
function qtAdvance(advance: number): number {
  return Math.floor(advance * 64 + 1e-6) / 64;
}

/** A measured label text, ready to draw. */
export interface TextLayout {
  /** Lines, top to bottom. */
  lines: string[];
  /** Glyph ids per line. */
  glyphs: Uint16Array[];
  /** Glyph x offsets per line (pixels from the line start). */
  offsets: Float32Array[];
  /** Line widths (pixels). */
  widths: number[];
  /** Widest line (label width, pixels). */
  width: number;
  /** Label height (pixels). */
  height: number;
  /** Font ascent (pixels, positive). */
  ascent: number;
  /** Font descent (pixels, positive). */
  descent: number;
  /** Distance between baselines (pixels). */
  lineStep: number;
  /** Font pixel size. */
  pixelSize: number;
  /** The Skia font (owned by the layout: call `delete`). */
  font: Font;
  /**
   * Glyph positions per line as Qt places them (1/64 pixel sums of the
   * truncated advances and rounded kerning), for {@link drawText}'s Qt fill.
   */
  qoffsets?: Float64Array[];
  /** The face's outlines, for the Qt fill (absent: Skia fills the glyphs). */
  outlines?: GlyphOutlines;
  /**
   * The first line's glyphs one per character (no ligatures; absent: the
   * same as `glyphs[0]`): curved labels draw character by character.
   */
  charGlyphs?: Uint16Array;
  /** An HTML label's runs per line (absent: one run of the label's format). */
  runs?: TextRun[][];
}

/** A run of an HTML label's line, measured apart (`QgsTextFragment`). */
export interface TextRun {
  /** Its first glyph in the line. */
  start: number;
  /** After its last glyph. */
  end: number;
  /** Where it starts along the line (Qt's sum of the runs before). */
  x: number;
  /** Its advance. */
  width: number;
  /** Its colour; null: the label's. */
  color: Rgba | null;
  /** Underlined. */
  underline: boolean;
  /** Struck through. */
  strikeOut: boolean;
  /** Overlined. */
  overline: boolean;
}

/**
 * Measures a label's text with the format's font at the output's pixel size
 * (QGIS: points × dpi / 25.4 / 2.83464567, rounded); widths are glyph
 * advances plus letter and word spacing; one line is ascent + descent high.
 */
export function layoutText(
  ck: CanvasKit,
  fonts: FontLibrary,
  format: TextFormat,
  lines: string[],
  units: UnitContext,
  sizeOverride?: number,
  html?: HtmlBlock[],
): TextLayout {
  // QGIS sets the font's pixel size, an integer (QgsTextFormat::scaledFont)
  const pixelSize = Math.max(
    1,
    Math.round(toPixels(sizeOverride ?? format.size, format.sizeUnit, units)),
  );
  const [bold, italic] = fontStyle(format, fonts);
  const tf = fonts.typeface(format.family, bold, italic);
  const font = new ck.Font(tf, pixelSize);
  font.setHinting(ck.FontHinting.None);
  font.setSubpixel(true);
  font.setLinearMetrics(true);
  font.setEdging(ck.FontEdging.AntiAlias);
  const m = font.getMetrics();
  // Qt's FreeType metrics are whole pixels (ascent and descent rounded up):
  // they size the label box; the baseline sits a quarter of the ascent
  // above the box's bottom (QgsTextRenderer's ascentOffset)
  const ascent = Math.ceil(-m.ascent);
  const descent = Math.ceil(m.descent);
  const baseDescent = m.descent;
  const letter = toPixels(format.letterSpacing, format.sizeUnit, units);
  const word = toPixels(format.wordSpacing, format.sizeUnit, units);
  const kern = fonts.kerning(format.family, bold, italic);
  const glyphs: Uint16Array[] = [];
  const offsets: Float32Array[] = [];
  const qoffsets: Float64Array[] = [];
  const widths: number[] = [];
  // HarfBuzz forms the font's Latin ligatures for Qt, unless letters are
  // spaced (QTextEngine's dontLigate)
  const ligate = letter === 0 && hasLigatures(font);
  let charGlyphs: Uint16Array | undefined;
  // an HTML label's runs are measured apart, as QGIS measures each
  // fragment (no kerning or ligature across two)
  const pieces = html ? html.map((b) => b.map((f) => f.text)) : null;
  if (html) lines = pieces!.map((p) => p.join(""));
  const runs: TextRun[][] = [];
  for (let li = 0; li < lines.length; li++) {
    // a wrap character can make a label of a million lines
    checkJobClock();
    const line = lines[li];
    const ids: number[] = [];
    const off: number[] = [];
    const qoff: number[] = [];
    const lineRuns: TextRun[] = [];
    let x = 0, xq = 0;
    const parts = pieces ? pieces[li] : [line];
    for (let pi = 0; pi < parts.length; pi++) {
      const piece = parts[pi];
      const shaped = ligate ? ligated(piece) : piece;
      if (charGlyphs === undefined && shaped !== piece) {
        charGlyphs = font.getGlyphIDs(line) as Uint16Array;
      }
      const pieceIds = font.getGlyphIDs(shaped) as Uint16Array;
      const adv = font.getGlyphWidths(pieceIds);
      const chars = Array.from(shaped);
      const start = ids.length, runX = xq;
      for (let i = 0; i < pieceIds.length; i++) {
        ids.push(pieceIds[i]);
        off.push(x);
        qoff.push(xq);
        const space = letter + (chars[i] === " " ? word : 0);
        x += adv[i] + space;
        xq += qtAdvance(adv[i]) + space;
        if (i + 1 < pieceIds.length) {
          const k = kern.get(((pieceIds[i] << 16) | pieceIds[i + 1]) >>> 0) ??
            0;
          x += k * pixelSize;
          xq += Math.round(k * pixelSize * 64) / 64;
        }
      }
      x = xq;
      if (html) {
        const f = html[li][pi];
        lineRuns.push({
          start,
          end: ids.length,
          x: runX,
          width: xq - runX,
          color: f.color,
          underline: f.underline,
          strikeOut: f.strikeOut,
          overline: f.overline,
        });
      }
    }
    glyphs.push(Uint16Array.from(ids));
    offsets.push(Float32Array.from(off));
    qoffsets.push(Float64Array.from(qoff));
    widths.push(xq);
    runs.push(lineRuns);
  }
  const lineHeightPx = format.lineHeightUnit === "Percentage"
    ? (ascent + descent + (m.leading ?? 0)) * format.lineHeight
    : toPixels(format.lineHeight, format.lineHeightUnit, units);
  // a loop, not Math.max(...widths): a label of 200,000 lines (a wrap
  // character everywhere) overflowed the stack with as many arguments
  let width = 0;
  for (const w of widths) if (w > width) width = w;
  const height = ascent + descent + lineHeightPx * (lines.length - 1);
  return {
    lines,
    glyphs,
    offsets,
    widths,
    width,
    height,
    ascent,
    descent: baseDescent,
    lineStep: lineHeightPx,
    pixelSize,
    font,
    qoffsets,
    outlines: fonts.outlines(format.family, bold, italic),
    charGlyphs,
    ...(html ? { runs } : {}),
  };
}

// DejaVu's `liga` ligatures of Latin (HarfBuzz applies them for Qt; the
// fonts' other ligatures are optional features left off), to the code
// points of their presentation forms, longest first
const LIGATURES: [string, string][] = [
  ["ffi", "\uFB03"],
  ["ffl", "\uFB04"],
  ["ff", "\uFB00"],
  ["fi", "\uFB01"],
  ["fl", "\uFB02"],
];
const LIGATURE_OF = new Map(LIGATURES);
const LIGATURE_RE = new RegExp(LIGATURES.map(([t]) => t).join("|"), "g");
const LIGATURE_FACES = new WeakMap<object, boolean>();

/**
 * Whether the font's face has the glyphs {@link ligated} maps to (a face
 * without them keeps the letters).
 *
 * @example
 * ```ts ignore
 * const shaped = hasLigatures(font) ? ligated(line) : line;
 * ```
 */
export function hasLigatures(font: Font): boolean {
  const tf = font.getTypeface();
  if (!tf) return false;
  let has = LIGATURE_FACES.get(tf);
  if (has === undefined) {
    const ids = font.getGlyphIDs(LIGATURES.map(([, l]) => l).join(""));
    has = ids.every((id) => id !== 0);
    LIGATURE_FACES.set(tf, has);
  }
  return has;
}

/**
 * A line with the Latin `liga` ligatures HarfBuzz forms (ffi, ffl, ff, fi,
 * fl, longest first from the left), as presentation forms.
 *
 * @example
 * ```ts
 * import { ligated } from "./text.ts";
 * ligated("Schaffhausen"); // "Scha\uFB00hausen"
 * ```
 */
export function ligated(line: string): string {
  if (!line.includes("f")) return line;
  return line.replace(LIGATURE_RE, (m) => LIGATURE_OF.get(m)!);
}

/**
 * The advance of each character of a one-line label as QGIS measures it
 * for curved placement (`QgsTextLabelFeature::calculateTextMetrics`): the
 * character on its own (no kerning with its neighbours) plus letter
 * spacing, and word spacing on a space followed by a non-space.
 *
 * @example
 * ```ts ignore
 * const widths = characterAdvances(layout, format, units);
 * ```
 */
export function characterAdvances(
  layout: TextLayout,
  format: TextFormat,
  units: UnitContext,
): number[] {
  const ids = layout.charGlyphs ?? layout.glyphs[0] ?? new Uint16Array();
  const adv = layout.font.getGlyphWidths(ids);
  const chars = Array.from(layout.lines[0] ?? "");
  const letter = toPixels(format.letterSpacing, format.sizeUnit, units);
  const word = toPixels(format.wordSpacing, format.sizeUnit, units);
  return Array.from(ids, (_, i) =>
    qtAdvance(adv[i]) + letter +
    (chars[i] === " " && i + 1 < chars.length && chars[i + 1] !== " "
      ? word
      : 0));
}

/**
 * A layout showing only character `index` of a one-line label (one part of
 * a curved label), sharing the label's font.
 *
 * @example
 * ```ts ignore
 * drawText(ck, canvas, characterLayout(layout, 2), format, spec, units);
 * ```
 */
export function characterLayout(layout: TextLayout, index: number): TextLayout {
  const id = (layout.charGlyphs ?? layout.glyphs[0])[index];
  const w = qtAdvance(layout.font.getGlyphWidths(Uint16Array.of(id))[0]);
  // an HTML label's character keeps its run's colour and lines
  const run = layout.runs?.[0]?.find((r) => index >= r.start && index < r.end);
  return {
    ...layout,
    runs: run ? [[{ ...run, start: 0, end: 1, x: 0, width: w }]] : undefined,
    lines: [Array.from(layout.lines[0])[index] ?? ""],
    glyphs: [Uint16Array.of(id)],
    offsets: [Float32Array.of(0)],
    qoffsets: [Float64Array.of(0)],
    widths: [w],
    width: w,
  };
}

/** How one label is drawn. */
export interface DrawSpec {
  /** Label's bottom-left corner in output pixels (y down). */
  x: number;
  /** Bottom-left y (pixels, y down). */
  y: number;
  /** Clockwise rotation in radians (pixels, y down). */
  rotation: number;
  /** Line alignment: 0 left, 1 centre, 2 right. */
  align: number;
  /** Text colour override (data-defined). */
  color?: [number, number, number, number];
  /** Layer opacity 0…1. */
  opacity?: number;
  /** Only this component (curved labels draw every buffer, then every text). */
  only?: "buffer" | "text";
  /**
   * Fill the glyphs as QGIS's raster engine does (`qt_raster.ts`), into
   * a map of `width × height` pixels (blended straight into `direct`
   * when the canvas draws there); absent: Skia fills them.
   */
  qt?: QtTextTarget;
}

/** Where {@link drawText} fills glyphs as Qt does. */
export interface QtTextTarget {
  /** Map width (pixels). */
  width: number;
  /** Map height (pixels). */
  height: number;
  /** The map's own pixels, when the canvas draws straight into them. */
  direct?: DirectPixels;
}

function rgba(
  ck: CanvasKit,
  c: [number, number, number, number],
  opacity: number,
): Float32Array {
  return ck.Color4f(c[0] / 255, c[1] / 255, c[2] / 255, c[3] / 255 * opacity);
}

// CanvasKit's TextBlob.MakeFromRSXformGlyphs copies a plain array of
// transforms into its heap and never frees the copy (canvaskit-wasm 0.42):
// 16 bytes per glyph drawn, 2 MB per 100 labelled maps. An array of its own
// heap (from Malloc) is read in place, so the transforms are written into
// one kept there, grown as needed.
let xforms: { ck: CanvasKit; memory: MallocObj } | null = null;

/**
 * A transform array for `TextBlob.MakeFromRSXformGlyphs` that CanvasKit
 * reads in place (no leaked copy): at least `length` numbers, reused by
 * the next call.
 *
 * @example
 * ```ts ignore
 * const xf = xformArray(ck, glyphs.length * 4);
 * ```
 */
export function xformArray(ck: CanvasKit, length: number): Float32Array {
  if (xforms === null || xforms.ck !== ck || xforms.memory.length < length) {
    if (xforms !== null && xforms.ck === ck) ck.Free(xforms.memory);
    xforms = {
      ck,
      memory: ck.Malloc(Float32Array, Math.max(length, 1024)),
    };
  }
  // the array Malloc made (marked as CanvasKit's own), longer than asked:
  // a text blob reads four numbers per glyph and no more
  return xforms.memory.toTypedArray() as Float32Array;
}

/**
 * The underline, strike-through and overline of a line's runs as
 * `QPainterPath::addText` adds them to a fragment's path: boxes (x along
 * the line, y down from the baseline, width, height) as wide as the run,
 * the underline where the font's `post` table puts it, the strike-through
 * a third of the ascent up, the overline a pixel above the ascent.
 */
function decorationBoxes(
  layout: TextLayout,
  run: TextRun,
): [number, number, number, number][] {
  if (!run.underline && !run.strikeOut && !run.overline) return [];
  const ul = layout.outlines?.underline(layout.pixelSize) ?? {
    top: layout.pixelSize * 0.02,
    thickness: Math.max(1, layout.pixelSize * 0.044),
  };
  const lw = ul.thickness;
  const out: [number, number, number, number][] = [];
  if (run.underline) out.push([run.x, ul.top, run.width, lw]);
  if (run.overline) out.push([run.x, -(layout.ascent + 1), run.width, lw]);
  if (run.strikeOut) out.push([run.x, -layout.ascent / 3, run.width, lw]);
  return out;
}

function drawGlyphs(
  ck: CanvasKit,
  canvas: Canvas,
  layout: TextLayout,
  align: number,
  paint: import("canvaskit-wasm").Paint,
  colorOf?: (run: TextRun) => Float32Array,
): void {
  const n = layout.lines.length;
  for (let i = 0; i < n; i++) {
    const ids = layout.glyphs[i];
    const free = layout.width - layout.widths[i];
    const dx = align === 1 ? free / 2 : align === 2 ? free : 0;
    // baseline of line i: QgsTextRenderer draws a label's last line a
    // quarter of the (whole-pixel) ascent above the label's bottom
    const base = -0.25 * layout.ascent - layout.lineStep * (n - 1 - i);
    const runs = layout.runs?.[i] ?? [
      {
        start: 0,
        end: ids.length,
        x: 0,
        width: layout.widths[i],
        color: null,
        underline: false,
        strikeOut: false,
        overline: false,
      },
    ];
    for (const run of runs) {
      if (colorOf) paint.setColor(colorOf(run));
      const count = run.end - run.start;
      if (count > 0) {
        const xf = xformArray(ck, count * 4);
        for (let g = 0; g < count; g++) {
          xf[4 * g] = 1;
          xf[4 * g + 1] = 0;
          xf[4 * g + 2] = dx + layout.offsets[i][run.start + g];
          xf[4 * g + 3] = base;
        }
        const blob = ck.TextBlob.MakeFromRSXformGlyphs(
          ids.subarray(run.start, run.end),
          xf,
          layout.font,
        );
        if (blob) {
          canvas.drawTextBlob(blob, 0, 0, paint);
          blob.delete();
        }
      }
      for (const [x, y, w, h] of decorationBoxes(layout, run)) {
        canvas.drawRect(ck.XYWHRect(dx + x, base + y, w, h), paint);
      }
    }
  }
}

/**
 * Draws a label: drop shadow, background shape, buffer, then the text, in the
 * label's frame (origin at its bottom-left corner).
 */
export function drawText(
  ck: CanvasKit,
  canvas: Canvas,
  layout: TextLayout,
  format: TextFormat,
  spec: DrawSpec,
  units: UnitContext,
): void {
  const opacity = spec.opacity ?? 1;
  let qtFill = false, qtBuffer = false;
  canvas.save();
  canvas.translate(spec.x, spec.y);
  // A vanishing perspective makes Skia fill the glyph outlines as paths at
  // their exact fractional positions, as QGIS (QPainterPath) does, instead of
  // blitting cached masks on whole-pixel baselines
  canvas.concat([1, 0, 0, 0, 1, 0, 1e-9, 0, 1]);
  if (spec.rotation) canvas.rotate(spec.rotation * 180 / Math.PI, 0, 0);
  const paint = new ck.Paint();
  paint.setAntiAlias(true);
  try {
    const bg = format.background;
    const buf = format.buffer;
    const shadow = format.shadow;
    const bufferPx = toPixels(buf.size, buf.unit, units);
    const drawBackground = (color?: Float32Array) => {
      const sx = toPixels(bg.sizeX, bg.sizeUnit, units);
      const sy = toPixels(bg.sizeY, bg.sizeUnit, units);
      let w = layout.width, h = layout.height;
      if (bg.sizeType === 1) w = sx, h = sy;
      else w += 2 * sx, h += 2 * sy;
      if (bg.type === 1 || bg.type === 3) w = h = Math.max(w, h);
      const cx = layout.width / 2 + toPixels(bg.offsetX, bg.offsetUnit, units);
      const cy = -layout.height / 2 +
        toPixels(bg.offsetY, bg.offsetUnit, units);
      const rect = ck.XYWHRect(cx - w / 2, cy - h / 2, w, h);
      const rx = toPixels(bg.radiusX, bg.radiusUnit, units);
      const ry = toPixels(bg.radiusY, bg.radiusUnit, units);
      const shape = (p: import("canvaskit-wasm").Paint) => {
        if (bg.type === 2 || bg.type === 3) canvas.drawOval(rect, p);
        else if (rx > 0 || ry > 0) {
          canvas.drawRRect(ck.RRectXY(rect, rx, ry), p);
        } else canvas.drawRect(rect, p);
      };
      paint.setStyle(ck.PaintStyle.Fill);
      paint.setColor(color ?? rgba(ck, bg.fill, bg.opacity * opacity));
      shape(paint);
      const sw = toPixels(bg.strokeWidth, bg.strokeWidthUnit, units);
      if (!color && sw > 0 && bg.stroke[3] > 0) {
        paint.setStyle(ck.PaintStyle.Stroke);
        paint.setStrokeWidth(sw);
        paint.setColor(rgba(ck, bg.stroke, bg.opacity * opacity));
        shape(paint);
      }
    };
    const drawBuffer = (color?: Float32Array) => {
      paint.setStyle(ck.PaintStyle.Stroke);
      // QgsTextRenderer strokes the glyph outlines with a pen as wide as the
      // buffer size: half of it lies outside the glyphs
      paint.setStrokeWidth(bufferPx);
      paint.setStrokeJoin(
        buf.join === 64
          ? ck.StrokeJoin.Bevel
          : buf.join === 0
          ? ck.StrokeJoin.Miter
          : ck.StrokeJoin.Round,
      );
      paint.setColor(color ?? rgba(ck, buf.color, buf.opacity * opacity));
      if (!color && buf.blendMode !== 0) {
        paint.setBlendMode(blendModeOf(ck, buf.blendMode));
      }
      // QgsTextRenderer fills the outline with the buffer colour, or with
      // a fully transparent brush when the interior is not filled: the
      // stroke's inner half stays under the glyphs either way
      drawGlyphs(ck, canvas, layout, spec.align, paint);
      if (buf.fillInterior) {
        paint.setStyle(ck.PaintStyle.Fill);
        drawGlyphs(ck, canvas, layout, spec.align, paint);
      }
      paint.setStyle(ck.PaintStyle.Fill);
      paint.setBlendMode(ck.BlendMode.SrcOver);
    };
    const drawFill = (color?: Float32Array) => {
      paint.setStyle(ck.PaintStyle.Fill);
      paint.setColor(
        color ?? rgba(ck, spec.color ?? format.color, format.opacity * opacity),
      );
      if (!color && format.blendMode !== 0) {
        paint.setBlendMode(blendModeOf(ck, format.blendMode));
      }
      const colorOf = !color && layout.runs
        ? (run: TextRun) =>
          rgba(
            ck,
            run.color ?? spec.color ?? format.color,
            format.opacity * opacity,
          )
        : undefined;
      drawGlyphs(ck, canvas, layout, spec.align, paint, colorOf);
      paint.setBlendMode(ck.BlendMode.SrcOver);
    };
    const hasBg = bg.enabled && bg.type <= 3 && !spec.only;
    const qtReady = spec.qt !== undefined &&
      layout.outlines !== undefined && layout.qoffsets !== undefined;
    qtFill = qtReady && spec.only !== "buffer";
    const hasBuf = buf.enabled && bufferPx > 0 && spec.only !== "text";
    qtBuffer = qtReady && hasBuf;
    if (spec.only === "buffer") {
      // curved labels: every character's buffer first (Qt's after restore)
      if (hasBuf && !qtBuffer) drawBuffer();
    } else {
      if (shadow.enabled && !spec.only) {
        // the shadow is cast by the lowest component (or the chosen one)
        const comp = shadow.under === 0
          ? (hasBg ? 3 : hasBuf ? 2 : 1)
          : shadow.under;
        const d = toPixels(shadow.offsetDist, shadow.offsetUnit, units);
        const ang = (shadow.offsetAngle - 90) * Math.PI / 180;
        const r = toPixels(shadow.radius, shadow.radiusUnit, units);
        canvas.save();
        canvas.translate(Math.cos(ang) * d, Math.sin(ang) * d);
        const blur = r > 0
          ? ck.MaskFilter.MakeBlur(ck.BlurStyle.Normal, r / 2, false)
          : null;
        if (blur) paint.setMaskFilter(blur);
        const c = rgba(ck, shadow.color, shadow.opacity * opacity);
        // QgsTextRenderer draws the shadow with the component it is set
        // under, and none when that component is not drawn
        if (comp === 3) {
          if (hasBg) drawBackground(c);
        } else if (comp === 2) {
          if (hasBuf) drawBuffer(c);
        } else drawFill(c);
        paint.setMaskFilter(null);
        blur?.delete();
        canvas.restore();
      }
      if (hasBg) drawBackground();
      if (hasBuf && !spec.only && !qtBuffer) drawBuffer();
      if (!qtFill) drawFill();
    }
  } finally {
    paint.delete();
    canvas.restore();
  }
  if (qtBuffer) {
    const buf = format.buffer;
    const a = buf.color[3] / 255 * buf.opacity * opacity;
    if (buf.fillInterior) {
      fillQt(ck, canvas, layout, spec, buf.color, a, buf.blendMode);
    }
    fillQt(ck, canvas, layout, spec, buf.color, a, buf.blendMode, {
      width: toPixels(buf.size, buf.unit, units),
      cap: "flat",
      join: buf.join === 64 ? "bevel" : buf.join === 0 ? "miter" : "round",
    });
  }
  if (qtFill) {
    const c = spec.color ?? format.color;
    // QgsTextRenderer: a fragment's own colour, else the label's, its
    // alpha times the text's opacity
    const colorOf = (run: TextRun): [Rgba, number] => {
      const rc = run.color ?? c;
      return [rc, rc[3] / 255 * format.opacity * opacity];
    };
    fillQt(
      ck,
      canvas,
      layout,
      spec,
      c,
      c[3] / 255 * format.opacity * opacity,
      format.blendMode,
      undefined,
      colorOf,
    );
  }
}

/**
 * Draws a label's selective mask (`QgsTextRenderer::drawMask`) into a mask
 * image: the glyphs filled and stroked with a pen as wide as the mask size
 * (half of it outside the glyphs), grey at the mask's opacity; only its
 * alpha matters. Nothing when the format has no mask.
 *
 * @example
 * ```ts ignore
 * drawTextMask(ck, maskCanvas, layout, format, spec, units);
 * ```
 */
export function drawTextMask(
  ck: CanvasKit,
  canvas: Canvas,
  layout: TextLayout,
  format: TextFormat,
  spec: DrawSpec,
  units: UnitContext,
): void {
  const mask = format.mask;
  if (!mask || mask.opacity <= 0) return;
  const pen = mask.unit === "Percentage"
    ? toPixels(format.size, format.sizeUnit, units) * mask.size / 100
    : toPixels(mask.size, mask.unit, units);
  const join = mask.join === 64 ? "bevel" : mask.join === 0 ? "miter" : "round";
  const grey: Rgba = [128, 128, 128, 255];
  if (
    spec.qt !== undefined && layout.outlines !== undefined &&
    layout.qoffsets !== undefined
  ) {
    // Qt's rasterizer, as the label's glyphs (into the mask's own pixels)
    const at = {
      ...spec,
      qt: { width: spec.qt.width, height: spec.qt.height },
    };
    fillQt(ck, canvas, layout, at, grey, mask.opacity, 0);
    if (pen > 0) {
      fillQt(ck, canvas, layout, at, grey, mask.opacity, 0, {
        width: pen,
        cap: "flat",
        join,
      });
    }
    return;
  }
  canvas.save();
  canvas.translate(spec.x, spec.y);
  if (spec.rotation) canvas.rotate(spec.rotation * 180 / Math.PI, 0, 0);
  const paint = new ck.Paint();
  try {
    paint.setAntiAlias(true);
    paint.setColor(ck.Color4f(0.5, 0.5, 0.5, mask.opacity));
    drawGlyphs(ck, canvas, layout, spec.align, paint);
    if (pen > 0) {
      paint.setStyle(ck.PaintStyle.Stroke);
      paint.setStrokeWidth(pen);
      paint.setStrokeJoin(
        join === "bevel"
          ? ck.StrokeJoin.Bevel
          : join === "miter"
          ? ck.StrokeJoin.Miter
          : ck.StrokeJoin.Round,
      );
      drawGlyphs(ck, canvas, layout, spec.align, paint);
    }
  } finally {
    paint.delete();
    canvas.restore();
  }
}

// Glyph contours at the origin by face, glyph, pixel size and pen (the
// fill's polygons or the buffer's stroked outline), kept for the process:
// a map labels the same letters again and again.
const glyphCache = new WeakMap<GlyphOutlines, Map<string, number[][]>>();
const GLYPH_CACHE_MAX = 20000;

/**
 * A glyph's contours with its origin at (0, 0): its path flattened for
 * filling, or the outline Qt's stroker makes of it with `pen`.
 */
function glyphContours(
  outlines: GlyphOutlines,
  id: number,
  pixelSize: number,
  pen?: QtPen,
): number[][] {
  let cache = glyphCache.get(outlines);
  if (!cache) glyphCache.set(outlines, cache = new Map());
  const key = pen
    ? `${id}|${pixelSize}|${pen.width}|${pen.join}`
    : `${id}|${pixelSize}`;
  let hit = cache.get(key);
  if (!hit) {
    const path: QtSubpath[] = [];
    glyphPath(outlines, id, pixelSize, 0, 0, path);
    hit = pen ? qtStrokePath(path, pen) : path.map(flattenSubpath);
    if (cache.size >= GLYPH_CACHE_MAX) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

// The box of a glyph's contours, by contours (cached with them).
const boundsCache = new WeakMap<
  number[][],
  [number, number, number, number]
>();

function contourBounds(contours: number[][]): [number, number, number, number] {
  let b = boundsCache.get(contours);
  if (!b) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const c of contours) {
      for (let k = 0; k + 1 < c.length; k += 2) {
        x0 = Math.min(x0, c[k]);
        x1 = Math.max(x1, c[k]);
        y0 = Math.min(y0, c[k + 1]);
        y1 = Math.max(y1, c[k + 1]);
      }
    }
    boundsCache.set(contours, b = [x0, y0, x1, y1]);
  }
  return b;
}

/**
 * Fills a label's glyphs as QGIS 3.22 does: each line one `QPainterPath`
 * of the glyph outlines (`glyph_outline.ts`) at Qt's glyph positions,
 * through the painter's matrix (the label's position and rotation), filled
 * by Qt's gray rasterizer (non-zero) and blended in the text colour. An
 * HTML label's lines are a path per run, in the run's colour
 * (`colorOf`), each with its underline, strike-through and overline;
 * its buffer strokes the whole line's path.
 */
function fillQt(
  ck: CanvasKit,
  canvas: Canvas,
  layout: TextLayout,
  spec: DrawSpec,
  rgba: Rgba,
  alpha: number,
  blend: number,
  pen?: QtPen,
  colorOf?: (run: TextRun) => [Rgba, number],
): void {
  const qt = spec.qt!;
  const m = canvas.getTotalMatrix();
  const cos = Math.cos(spec.rotation), sin = Math.sin(spec.rotation);
  const px = pixelScratch;
  const pc = {
    ck,
    canvas,
    // QgsTextRenderer sets the component's blend mode on the painter that
    // draws on the map: an overlaid text takes the colours beneath it
    featureBlendMode: blend,
    direct: qt.direct,
  } as unknown as PaintContext;
  const n = layout.lines.length;
  for (let i = 0; i < n; i++) {
    const ids = layout.glyphs[i];
    const runs = layout.runs?.[i];
    if (ids.length === 0 && !runs?.length) continue;
    const free = layout.width - layout.widths[i];
    const dx = spec.align === 1 ? free / 2 : spec.align === 2 ? free : 0;
    const base = -0.25 * layout.ascent - layout.lineStep * (n - 1 - i);
    const offs = layout.qoffsets![i];
    // the paths drawn: the line's, or (HTML text) each run's
    const groups: { start: number; end: number; runs: TextRun[] }[] =
      runs && colorOf
        ? runs.map((r) => ({ start: r.start, end: r.end, runs: [r] }))
        : [{ start: 0, end: ids.length, runs: runs ?? [] }];
    for (const group of groups) {
      const [color, a] = colorOf && group.runs.length === 1
        ? colorOf(group.runs[0])
        : [rgba, alpha];
      if (a <= 0) continue;
      // each glyph's contours at the origin (its fill, or the outline Qt's
      // stroker makes of it: contours are stroked one by one), moved to the
      // glyph's position below
      const outline = OUTLINE, at = OUTLINE_AT;
      outline.length = at.length = 0;
      for (let g = group.start; g < group.end; g++) {
        const contours = glyphContours(
          layout.outlines!,
          ids[g],
          layout.pixelSize,
          pen,
        );
        // a glyph wholly beside the image (its box past one edge) covers
        // no pixel and winds around none: left out, so that a label of
        // millions of characters costs the glyphs on the map only
        const box = contourBounds(contours);
        const ox = offs[g] + dx;
        let left = 0, right = 0, above = 0, below = 0;
        for (let corner = 0; corner < 4; corner++) {
          const lx = box[corner & 1 ? 2 : 0], ly = box[corner & 2 ? 3 : 1];
          const x = spec.x + cos * (lx + ox) - sin * (ly + base);
          const y = spec.y + sin * (lx + ox) + cos * (ly + base);
          const X = m[0] * x + m[1] * y + m[2],
            Y = m[3] * x + m[4] * y + m[5];
          if (X < -1) left++;
          if (X > qt.width + 1) right++;
          if (Y < -1) above++;
          if (Y > qt.height + 1) below++;
        }
        if (left === 4 || right === 4 || above === 4 || below === 4) continue;
        for (let k = 0; k < contours.length; k++) {
          outline.push(pooledCopy(contours[k], outline.length));
          at.push(offs[g]);
        }
      }
      // QPainterPath::addRect's boxes (clockwise, y down), stroked too
      for (const run of group.runs) {
        for (const [x0, y0, w, h] of decorationBoxes(layout, run)) {
          const x1 = x0 + w, y1 = y0 + h;
          const box = [x0, y0, x1, y0, x1, y1, x0, y1, x0, y0];
          const contours = pen
            ? qtStrokePath([{
              x: x0,
              y: y0,
              segs: [[x1, y0], [x1, y1], [x0, y1], [x0, y0]],
            }], pen)
            : [box];
          for (const c of contours) {
            outline.push(pooledCopy(c, outline.length));
            at.push(0);
          }
        }
      }
      // the painter's matrix: the label's origin and rotation, then the
      // line's offset (alignment, baseline)
      for (let j = 0; j < outline.length; j++) {
        const c = outline[j], ox = at[j] + dx;
        for (let k = 0; k + 1 < c.length; k += 2) {
          const lx = c[k] + ox, ly = c[k + 1] + base;
          const x = spec.x + cos * lx - sin * ly;
          const y = spec.y + sin * lx + cos * ly;
          c[k] = m[0] * x + m[1] * y + m[2];
          c[k + 1] = m[3] * x + m[4] * y + m[5];
        }
      }
      px.n = 0;
      qtRasterize(outline, qt.width, qt.height, false, pushPixel);
      paintCoverage(pc, px, color, a);
    }
  }
  // what a long label left beyond the usual is not kept
  OUTLINE.length = OUTLINE_AT.length = 0;
  if (OUTLINE_POOL.length > 1024) OUTLINE_POOL.length = 1024;
}

// fillQt's moved contours, arrays reused by every line of every label (a
// labelled map's copies were a sixth of its garbage); not re-entered
const OUTLINE: number[][] = [];
const OUTLINE_AT: number[] = [];
const OUTLINE_POOL: number[][] = [];

/** A copy of `c` in the pool's array `i` (to be moved in place). */
function pooledCopy(c: number[], i: number): number[] {
  const copy = OUTLINE_POOL[i] ??= [];
  copy.length = c.length;
  for (let q = 0; q < c.length; q++) copy[q] = c[q];
  return copy;
}
