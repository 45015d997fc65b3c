/**
 * A collapsed size legend laid out as QGIS 3.22 lays it out
 * (`QgsDataDefinedSizeLegend::drawCollapsedLegend`), in the pixels of the
 * render context it is drawn with: the classes' markers nested, largest
 * first, on their common bottom (or centred); a line from each marker's
 * top 2 mm to the right, then 1 mm on, its label, the labels pushed down
 * so that they are a line (height plus leading) apart.
 *
 * @module
 */
import { toPixels } from "../style/props.ts";
import type { SizeLegendEntry } from "./entries.ts";

/**
 * The legend's label font at the context's resolution (QFontMetricsF on an
 * image of that many dots per metre), pixels.
 */
export interface PixelFont {
  /** QFontMetricsF::ascent. */
  ascent: number;
  /** QFontMetricsF::height. */
  height: number;
  /** QFontMetricsF::leading (may be negative). */
  leading: number;
  /** QFontMetricsF::boundingRect(text).width(): the ink's extent. */
  boundingWidth(text: string): number;
  /** QFontMetricsF::horizontalAdvance. */
  advance(text: string): number;
}

/** A collapsed size legend's parts, pixels from its top left corner. */
export interface CollapsedSizeLegend {
  /** Full width (QGIS's outputSize). */
  width: number;
  /** Full height. */
  height: number;
  /** Left of the labels (QGIS's labelXOffset). */
  labelXOffset: number;
  /** Markers, drawn first, largest first: centre and size in the entry's unit. */
  markers: { x: number; y: number; size: number }[];
  /** Lines from the markers' tops to the labels: x1, y1, x2, y2. */
  lines: [number, number, number, number][];
  /** Labels: their text and the rectangle they are drawn in (QRect). */
  labels: {
    text: string;
    x: number;
    top: number;
    width: number;
    height: number;
  }[];
}

/**
 * Lays out a collapsed size legend at `dotsPerMm` (the render context's
 * scale factor).
 *
 * @example
 * ```ts
 * import { collapsedSizeLegend } from "./size_legend.ts";
 * const font = {
 *   ascent: 14, height: 18, leading: -1,
 *   boundingWidth: (t: string) => 9 * t.length,
 *   advance: (t: string) => 9.5 * t.length,
 * };
 * const marker = { type: "marker" as const, alpha: 1, clipToExtent: true, layers: [] };
 * const l = collapsedSizeLegend({
 *   kind: "sizeLegend", label: "", level: 0, symbol: marker, lineSymbol: marker,
 *   classes: [{ size: 10, label: "10" }], sizeUnit: "MM", valign: "bottom",
 *   textAlignment: 1,
 * }, font, 4);
 * l.labelXOffset; // 40 + 8 + 4
 * ```
 */
export function collapsedSizeLegend(
  entry: SizeLegendEntry,
  font: PixelFont,
  dotsPerMm: number,
): CollapsedSizeLegend {
  const units = { dpi: dotsPerMm * 25.4, mapUnitsPerPixel: 1 / dotsPerMm };
  const px = (size: number) => toPixels(size, entry.sizeUnit, units);
  // bigger markers first, so that the smaller ones are not covered
  const classes = [...entry.classes].sort((a, b) => b.size - a.size);
  const hLengthLine = 2 * dotsPerMm;
  const hSpaceLineText = 1 * dotsPerMm;
  const textHeight = font.height;
  const minTextDistY = textHeight + font.leading;
  // QGIS adds a pixel for the varying width of bold glyphs
  const maxTextWidth =
    Math.max(0, ...classes.map((c) => font.boundingWidth(c.label))) + 1;
  const largest = px(classes[0].size);
  const offset = (size: number) =>
    entry.valign === "center" ? largest / 2 - size / 2 : largest - size;
  const symbolTopY = classes.map((c) => offset(px(c.size)));
  const textCenterY: number[] = [symbolTopY[0]];
  let lastY = symbolTopY[0];
  for (let i = 1; i < classes.length; i++) {
    let y = symbolTopY[i];
    if (y - lastY < minTextDistY) y = lastY + minTextDistY;
    textCenterY.push(y);
    lastY = y;
  }
  const textTopY = textCenterY[0] - textHeight / 2;
  const textBottomY = textCenterY[textCenterY.length - 1] + textHeight / 2;
  const labelXOffset = largest + hLengthLine + hSpaceLineText;
  // the painter is moved up by textTopY: the first label may rise above
  // the largest marker
  const markers = classes.map((c) => {
    const size = px(c.size);
    const tx = (largest - size) / 2;
    const ty = offset(size) - textTopY;
    // QgsSymbol::drawPreviewIcon into a QSize of whole pixels, the marker
    // at its centre halved as ints
    const box = Math.trunc(size);
    return {
      x: tx + Math.floor(box / 2),
      y: ty + Math.floor(box / 2),
      size: c.size,
    };
  });
  const lines = classes.map((_, i): [number, number, number, number] => [
    largest / 2,
    symbolTopY[i] - textTopY,
    largest + hLengthLine,
    textCenterY[i] - textTopY,
  ]);
  // a QRect of ints, each coordinate truncated, in the moved painter
  const labels = classes.map((c, i) => ({
    text: c.label,
    x: Math.trunc(labelXOffset),
    top: Math.trunc(textCenterY[i] - textHeight / 2) - textTopY,
    width: Math.trunc(maxTextWidth),
    height: Math.trunc(textHeight),
  }));
  return {
    width: labelXOffset + maxTextWidth,
    height: Math.max(largest - textTopY, textBottomY - textTopY),
    labelXOffset,
    markers,
    lines,
    labels,
  };
}
