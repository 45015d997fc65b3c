/**
 * QGIS's `FontMarker`: one character of a font, centred on the point
 * (half its advance left, half its ascent down, both whole pixels as
 * `QFontMetrics` gives them), as `QgsFontMarkerSymbolLayer` places it; the
 * glyph's outline filled as `QPainter::drawPath` fills it (the path of
 * `QPainterPath::addText`, Qt's rasterizer). Fonts: the DejaVu family the
 * worker ships (`labels/fonts.ts`); other families resolve as fontconfig
 * resolves them on QGIS's reference machine (the marker's `QFont` is built
 * from the family as it is, unlike a label's text format): monospace names
 * to DejaVu Sans Mono, serif names to DejaVu Serif, the rest to DejaVu Sans.
 *
 * @module
 */
import type { StrokeJoin, Typeface } from "canvaskit-wasm";
import type { Rgba } from "../style/props.ts";
import type { PaintContext } from "./context.ts";
import { color, newPaint } from "./_skia.ts";
import { fontLibrarySync } from "../labels/fonts.ts";
import {
  flattenMapped,
  flattenSubpath,
  glyphPath,
} from "../labels/glyph_outline.ts";
import type { QtSubpath } from "./qt_stroker.ts";
import { drawTarget, paintCoverage, qtCoverage } from "./_coverage.ts";
import { drawWidePen, qtJoinOf } from "./wide_pen.ts";

// What fontconfig substitutes on the reference machine for names the
// worker has no face of (`QFontInfo(QFont(family)).family()` under QGIS
// 3.22); other unknown names get DejaVu Sans
const FONTCONFIG: Record<string, string> = {
  "courier": "DejaVu Sans Mono",
  "courier new": "DejaVu Sans Mono",
  "monospace": "DejaVu Sans Mono",
  "mono": "DejaVu Sans Mono",
  "consolas": "DejaVu Sans Mono",
  "andale mono": "DejaVu Sans Mono",
  "liberation mono": "DejaVu Sans Mono",
  "nimbus mono": "DejaVu Sans Mono",
  "freemono": "DejaVu Sans Mono",
  "cousine": "DejaVu Sans Mono",
  "bitstream vera sans mono": "DejaVu Sans Mono",
  "times": "DejaVu Serif",
  "times new roman": "DejaVu Serif",
  "georgia": "DejaVu Serif",
  "serif": "DejaVu Serif",
  "palatino": "DejaVu Serif",
  "cambria": "DejaVu Serif",
  "garamond": "DejaVu Serif",
  "liberation serif": "DejaVu Serif",
  "freeserif": "DejaVu Serif",
  "tinos": "DejaVu Serif",
  "bitstream vera serif": "DejaVu Serif",
};

/** The family fontconfig gives a font marker's family name. */
function markerFamily(family: string): string {
  return FONTCONFIG[family.trim().toLowerCase()] ?? family;
}

/** Bold and italic of a font marker's style name (`Bold Oblique` …). */
function markerStyle(style: string): [bold: boolean, italic: boolean] {
  return [/bold/i.test(style), /italic|oblique/i.test(style)];
}

/**
 * The typeface a font marker draws for a QGIS font family and style name
 * (fontconfig's substitutes, then DejaVu Sans).
 *
 * @example
 * ```ts ignore
 * import { typefaceFor } from "./font_marker.ts";
 * const tf = typefaceFor(ck, "Courier New", "Bold"); // DejaVu Sans Mono Bold
 * ```
 */
export function typefaceFor(
  ck: PaintContext["ck"],
  family: string,
  style: string,
): Typeface | null {
  try {
    return fontLibrarySync(ck).typeface(
      markerFamily(family),
      ...markerStyle(style),
    );
  } catch {
    return null;
  }
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
  const pixelSize = Math.max(2, Math.round(spec.size));
  const font = new ck.Font(tf, pixelSize);
  font.setHinting(ck.FontHinting.None);
  font.setLinearMetrics(true);
  const ids = font.getGlyphIDs(spec.chr);
  const widths = font.getGlyphWidths(ids);
  // QPainterPath::addText lays the glyphs out in 1/64 pixel
  const offsets: number[] = [];
  let width = 0;
  for (const w of widths) {
    offsets.push(width);
    width += Math.floor(w * 64 + 1e-6) / 64;
  }
  // QFontMetrics (not QFontMetricsF): the advance rounded to whole
  // pixels, the ascent FreeType's, rounded up
  const x0 = -Math.round(width) / 2;
  const y0 = Math.ceil(-font.getMetrics().ascent) / 2;
  canvas.save();
  canvas.translate(spec.x, spec.y);
  if (spec.angle) canvas.rotate(spec.angle, 0, 0);
  const outlines = fontLibrarySync(ck).outlines(
    markerFamily(spec.family),
    ...markerStyle(spec.style),
  );
  const paths: QtSubpath[] = [];
  for (let i = 0; i < ids.length; i++) {
    glyphPath(outlines, ids[i], pixelSize, x0 + offsets[i], y0, paths);
  }
  // the glyphs' curves mapped to the map's pixels, flattened there as Qt
  // flattens them
  const { matrix: m, direct } = drawTarget(pc);
  const outline = flattenMapped(paths, m);
  const px = qtCoverage(outline, pc.map.width, pc.map.height);
  paintCoverage(
    pc,
    px,
    spec.fill,
    (spec.fill[3] / 255) * spec.opacity,
    m,
    direct,
  );
  // QPainter::drawPath strokes over the fill
  if (spec.strokeWidth > 1) {
    // Qt's stroker on the glyphs' curves (flattened as Qt flattens them
    // at the painter's scale), each contour closed
    drawWidePen(
      pc,
      [paths.map((p) => flattenSubpath(p))],
      spec.stroke,
      spec.opacity,
      { width: spec.strokeWidth, cap: "square", join: qtJoinOf(ck, spec.join) },
    );
  } else if (spec.strokeWidth > 0) {
    const blob = ck.TextBlob.MakeFromText(spec.chr, font);
    const stroke = newPaint(ck, pc.featureBlendMode);
    stroke.setStyle(ck.PaintStyle.Stroke);
    stroke.setStrokeWidth(spec.strokeWidth);
    stroke.setStrokeJoin(spec.join);
    stroke.setColor(color(ck, spec.stroke, spec.opacity));
    canvas.drawTextBlob(blob, x0, y0, stroke);
    stroke.delete();
    blob.delete();
  }
  font.delete();
  canvas.restore();
}
