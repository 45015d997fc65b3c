/**
 * QGIS's `FontMarker`: one character of a font, centred on the point
 * (half its advance left, half its ascent down), as
 * `QgsFontMarkerSymbolLayer` places it. Fonts: the DejaVu family the
 * worker ships (from npm `dejavu-fonts-ttf`); other families fall back to
 * DejaVu Sans.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { StrokeJoin, Typeface } from "canvaskit-wasm";
import type { Rgba } from "../style/props.ts";
import type { PaintContext } from "./context.ts";
import { color, newPaint } from "./_skia.ts";
import { onCanvasKitReset } from "./canvaskit.ts";

const FILES: Record<string, string> = {
  "dejavu sans": "DejaVuSans.ttf",
  "dejavu sans bold": "DejaVuSans-Bold.ttf",
  "dejavu sans oblique": "DejaVuSans-Oblique.ttf",
  "dejavu sans bold oblique": "DejaVuSans-BoldOblique.ttf",
  "dejavu sans mono": "DejaVuSansMono.ttf",
  "dejavu serif": "DejaVuSerif.ttf",
  "dejavu sans condensed": "DejaVuSansCondensed.ttf",
};

const typefaces = new Map<string, Typeface | null>();
// the typefaces were a failed CanvasKit's
onCanvasKitReset(() => typefaces.clear());

function fontDir(): string {
  return fileURLToPath(
    new URL("../../node_modules/dejavu-fonts-ttf/ttf/", import.meta.url),
  );
}

/**
 * The typeface for a QGIS font family and style name (cached per process).
 *
 * @example
 * ```ts ignore
 * import { typefaceFor } from "./font_marker.ts";
 * const tf = typefaceFor(ck, "DejaVu Sans", "Bold");
 * ```
 */
export function typefaceFor(
  ck: PaintContext["ck"],
  family: string,
  style: string,
): Typeface | null {
  const fam = family.trim().toLowerCase();
  const st = style.trim().toLowerCase();
  const key = FILES[`${fam} ${st}`.trim()]
    ? `${fam} ${st}`.trim()
    : FILES[fam]
    ? fam
    : "dejavu sans";
  if (typefaces.has(key)) return typefaces.get(key)!;
  let tf: Typeface | null = null;
  try {
    const bytes = readFileSync(fontDir() + FILES[key]);
    tf = ck.Typeface.MakeTypefaceFromData(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
  } catch {
    tf = null;
  }
  typefaces.set(key, tf);
  return tf;
}

/** What to draw. */
export interface FontMarkerSpec {
  /** Centre x (pixels, offset applied). */
  x: number;
  /** Centre y. */
  y: number;
  /** Font pixel size. */
  size: number;
  /** Rotation, degrees clockwise. */
  angle: number;
  /** Character(s). */
  chr: string;
  /** Font family. */
  family: string;
  /** Font style name (`Bold` …). */
  style: string;
  /** Fill colour. */
  fill: Rgba;
  /** Stroke colour. */
  stroke: Rgba;
  /** Stroke width in pixels (0: none). */
  strokeWidth: number;
  /** Symbol opacity. */
  opacity: number;
  /** Stroke join. */
  join: StrokeJoin;
}

/**
 * Draws a font marker.
 *
 * @example
 * ```ts ignore
 * import { drawFontMarker } from "./font_marker.ts";
 * drawFontMarker(pc, spec);
 * ```
 */
export function drawFontMarker(pc: PaintContext, spec: FontMarkerSpec): void {
  const { ck, canvas } = pc;
  const tf = typefaceFor(ck, spec.family, spec.style);
  if (!tf) {
    pc.warn(`font '${spec.family}' is not available`);
    return;
  }
  // QFont::setPixelSize takes whole pixels (at least 2)
  const font = new ck.Font(tf, Math.max(2, Math.round(spec.size)));
  const ids = font.getGlyphIDs(spec.chr);
  const widths = font.getGlyphWidths(ids);
  let advance = 0;
  for (const w of widths) advance += w;
  const metrics = font.getMetrics();
  const ascent = -metrics.ascent;
  const blob = ck.TextBlob.MakeFromText(spec.chr, font);
  canvas.save();
  canvas.translate(spec.x, spec.y);
  if (spec.angle) canvas.rotate(spec.angle, 0, 0);
  const fill = newPaint(ck, pc.featureBlendMode);
  fill.setColor(color(ck, spec.fill, spec.opacity));
  if (spec.strokeWidth > 0) {
    const stroke = newPaint(ck, pc.featureBlendMode);
    stroke.setStyle(ck.PaintStyle.Stroke);
    stroke.setStrokeWidth(spec.strokeWidth);
    stroke.setStrokeJoin(spec.join);
    stroke.setColor(color(ck, spec.stroke, spec.opacity));
    canvas.drawTextBlob(blob, -advance / 2, ascent / 2, stroke);
    stroke.delete();
  }
  canvas.drawTextBlob(blob, -advance / 2, ascent / 2, fill);
  canvas.restore();
  fill.delete();
  blob.delete();
  font.delete();
}
