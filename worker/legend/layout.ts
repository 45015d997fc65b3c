/**
 * Where each part of a legend goes, in millimetres, with QGIS's legend
 * defaults (`QgsLegendSettings`): a 2 mm box space, 7 × 4 mm symbol
 * patches, 2.5 mm between symbol rows, labels 2 mm right of the widest
 * patch of their layer, 12 pt labels, layer titles 3 mm above their rows;
 * and the output image size from a job's `width`/`height`/`dpi` as the
 * Python worker computes it.
 *
 * @module
 */
import { checkJobClock } from "../map/job_clock.ts";
import type { Symbol } from "../style/model.ts";
import { parseUnit, propNumber } from "../style/props.ts";
import type { LayerLegend, LegendEntry } from "./entries.ts";
import {
  type CollapsedSizeLegend,
  collapsedSizeLegend,
  type PixelFont,
} from "./size_legend.ts";

/** The legend's spacing and sizes, in millimetres (fonts in points). */
export interface LegendSettings {
  /** Space around the whole legend. */
  boxSpace: number;
  /** Symbol patch width. */
  symbolWidth: number;
  /** Symbol patch height. */
  symbolHeight: number;
  /** Space above each symbol row (not above the first row). */
  symbolSpace: number;
  /** Space between a patch and its label. */
  labelSpace: number;
  /** Space above a layer title (not above the first row). */
  layerSpace: number;
  /** Extra space between the lines of a multi-line text. */
  lineSpacing: number;
  /**
   * Size of a legend image (QgsLegendSettings::wmsLegendSize): QGIS 3.22
   * draws a WMS's legend graphic stretched to it.
   */
  wmsLegendWidth: number;
  /** Height of a legend image. */
  wmsLegendHeight: number;
  /** Label font size in points. */
  labelFontSize: number;
  /** Layer title font size in points. */
  titleFontSize: number;
  /**
   * Space below the legend's (empty) title, above the first row: the
   * Python worker sets it to 0 only when it hides the layer titles.
   */
  titleSpace: number;
}

/**
 * QGIS's defaults (QgsLegendSettings / QgsLegendStyle).
 *
 * @example
 * ```ts
 * import { DEFAULT_LEGEND_SETTINGS } from "./layout.ts";
 * DEFAULT_LEGEND_SETTINGS.symbolWidth; // 7
 * ```
 */
export const DEFAULT_LEGEND_SETTINGS: LegendSettings = {
  boxSpace: 2,
  symbolWidth: 7,
  symbolHeight: 4,
  symbolSpace: 2.5,
  labelSpace: 2,
  layerSpace: 3,
  lineSpacing: 1,
  wmsLegendWidth: 50,
  wmsLegendHeight: 25,
  labelFontSize: 12,
  titleFontSize: 12,
  titleSpace: 3.5,
};

/**
 * The text styles of a legend: symbol labels, layer titles; `pixelLabel`
 * is the label font in the render context's pixels (size legends' labels).
 */
export type LegendFont = "label" | "title" | "pixelLabel";

/** Vertical metrics of a font as QgsLegendSettings reads them, in millimetres. */
export interface FontMetricsMm {
  /** Height above the baseline (QFontMetricsF::ascent). */
  ascent: number;
  /** Depth below the baseline (positive). */
  descent: number;
  /**
   * Height of the bounding box of the digit 0
   * (`QgsLegendSettings::fontHeightCharacterMM`): QGIS's line height for
   * symbol labels.
   */
  textHeight: number;
}

/** Measures text (in millimetres) as QGIS's legend measures it. */
export interface TextMeasure {
  /** Advance width of a text (`QgsLegendSettings::textWidthMillimeters`). */
  width(text: string, font: LegendFont): number;
  /** Vertical metrics. */
  metrics(font: LegendFont): FontMetricsMm;
  /**
   * Width and height of the lines of a colour ramp's labels as
   * QgsTextRenderer measures them (Rect mode), in millimetres.
   */
  rampText(lines: string[]): { width: number; height: number };
  /**
   * The label font in the pixels of the render context the legend is laid
   * out with, and that context's scale (size legends); absent: size
   * legends take no room and are not drawn.
   */
  labelPixels?(): PixelFont & { dotsPerMm: number };
}

/** A laid-out text drawn as QPainter::drawText draws it: left end of its baseline. */
export interface LaidText {
  /** Discriminator. */
  type: "text";
  /** Text. */
  text: string;
  /** Font. */
  font: LegendFont;
  /** Left, mm. */
  x: number;
  /** Baseline, mm. */
  y: number;
}

/**
 * A colour ramp's label, drawn by QgsTextRenderer into the ramp's label
 * rectangle, at its top or its bottom.
 */
export interface LaidRampText {
  /** Discriminator. */
  type: "rampText";
  /** Text. */
  text: string;
  /** Left of the rectangle, mm. */
  x: number;
  /** Top of the rectangle, mm. */
  top: number;
  /** Height of the rectangle, mm. */
  height: number;
  /** Vertical alignment in the rectangle. */
  align: "top" | "bottom";
}

/** A laid-out patch (symbol, colour or ramp) and its box. */
export interface LaidPatch {
  /** Discriminator. */
  type: "patch";
  /** The row it draws. */
  entry: LegendEntry;
  /** Left, mm. */
  x: number;
  /** Top, mm. */
  y: number;
  /** Width, mm. */
  width: number;
  /** Height, mm. */
  height: number;
  /** Opacity of the layer, 0–1. */
  opacity: number;
  /** A size legend's parts, in pixels at `dotsPerMm` from (`x`, `y`). */
  sizeLegend?: { parts: CollapsedSizeLegend; dotsPerMm: number };
}

/** One legend row: its patch box and label position, for callers and tests. */
export interface LaidRow {
  /** The row. */
  entry: LegendEntry;
  /** Top of the row, mm. */
  top: number;
  /** Height of the row, mm. */
  height: number;
  /** Left of the label, mm. */
  labelX: number;
}

/** A laid-out legend, in millimetres. */
export interface LegendLayout {
  /** Width. */
  width: number;
  /** Height. */
  height: number;
  /** What to draw, in drawing order. */
  items: (LaidText | LaidRampText | LaidPatch)[];
  /** The entry rows. */
  rows: LaidRow[];
}

/** Options of {@linkcode layoutLegend}. */
export interface LayoutOptions {
  /** Draw each layer's name above its rows. */
  layerTitles: boolean;
  /** Output dpi (sizes given in pixels become millimetres with it). */
  dpi: number;
  /** Spacing and sizes; QGIS's defaults when absent. */
  settings?: LegendSettings;
}

/** A symbol size in millimetres (map units count as millimetres, as QGIS's legend does). */
function toMm(value: number, unit: string | undefined, dpi: number): number {
  switch (parseUnit(unit)) {
    case "Point":
      return value * 25.4 / 72;
    case "Inch":
      return value * 25.4;
    case "Pixel":
      return value * 25.4 / dpi;
    case "RenderMetersInMapUnits":
      // QGIS's legend measures metres as degrees of its distance area's
      // default WGS 84 (no extent: QgsUnitTypes' rough factor), a map
      // unit being a millimetre: all but nothing
      return value / 111319.49079327358;
    default:
      return value;
  }
}

/** A marker symbol's size in millimetres (QgsMarkerSymbol::size: its largest layer). */
function markerSize(symbol: Symbol, dpi: number): number {
  let size = 0;
  for (const l of symbol.layers) {
    if (!l.enabled) continue;
    size = Math.max(
      size,
      toMm(propNumber(l.props, "size", 2), l.props.size_unit, dpi),
    );
  }
  return size;
}

/**
 * The size of a symbol's patch, as QgsSymbolLegendNode sizes it: a marker
 * symbol's patch is as large as its largest marker layer (never smaller
 * than the default patch); line and fill patches keep the default size.
 *
 * @example
 * ```ts
 * import { symbolPatchSize } from "./layout.ts";
 * const marker = {
 *   type: "marker" as const, alpha: 1, clipToExtent: true,
 *   layers: [{ className: "SimpleMarker", enabled: true, pass: 0,
 *     props: { size: "10" }, dataDefined: {}, subSymbol: null }],
 * };
 * symbolPatchSize(marker, 96, 7, 4); // { width: 10, height: 10 }
 * ```
 */
export function symbolPatchSize(
  symbol: Symbol,
  dpi: number,
  width: number,
  height: number,
): { width: number; height: number } {
  if (symbol.type !== "marker") return { width, height };
  const size = markerSize(symbol, dpi);
  return { width: Math.max(width, size), height: Math.max(height, size) };
}

/** A row's symbol: its size for the layout and the box it is drawn in. */
interface RowSymbol {
  /** The size the row reserves (QgsLayerTreeModelLegendNode's symbolSize). */
  width: number;
  height: number;
  /** The drawn box relative to the row's left and `(itemHeight − desired) / 2`. */
  box: { dx: number; dy: number; width: number; height: number } | null;
}

function rowSymbol(
  entry: LegendEntry,
  s: LegendSettings,
  dpi: number,
  rampHeight: number,
): RowSymbol {
  const w = s.symbolWidth, h = s.symbolHeight;
  switch (entry.kind) {
    case "symbol": {
      const symbol = entry.symbol;
      if (!symbol) return { width: 0, height: 0, box: null };
      if (symbol.type !== "marker") {
        return {
          width: w,
          height: h,
          box: { dx: 0, dy: 0, width: w, height: h },
        };
      }
      // a marker's box is its size, centred in the default patch when smaller
      const size = markerSize(symbol, dpi);
      const dx = size < w ? (w - size) / 2 : 0;
      const dy = size < h ? (h - size) / 2 : 0;
      return {
        width: Math.max(size + 2 * dx, w),
        height: Math.max(size + 2 * dy, h),
        box: { dx, dy, width: size, height: size },
      };
    }
    case "color":
    case "icon":
      return {
        width: w,
        height: h,
        box: { dx: 0, dy: 0, width: w, height: h },
      };
    case "ramp":
      return {
        width: w,
        height: rampHeight,
        box: { dx: 0, dy: 0, width: w, height: rampHeight },
      };
    case "sizeLegend":
      return { width: 0, height: 0, box: null };
    case "image": {
      // QGIS 3.22's QgsWmsLegendNode stretches its image over the whole
      // WMS legend size, whatever the image's size or resolution (later
      // versions keep the image's millimetres)
      const size = { width: s.wmsLegendWidth, height: s.wmsLegendHeight };
      return { ...size, box: { dx: 0, dy: 0, ...size } };
    }
  }
}

/**
 * Lays out the legends of several layers, top to bottom, in millimetres, as
 * QGIS 3.22's QgsLegendRenderer does with default QgsLegendSettings in one
 * column: a layer title (when shown) is a line of the title font's ascent,
 * 3 mm below the previous layer; symbol rows follow 2.5 mm apart, each as
 * tall as its patch or its label (lines of the height of a `0`, the
 * font's descent and 1 mm apart), the label centred on the patch; labels
 * of a layer line up 2 mm right of its widest patch.
 *
 * @example
 * ```ts
 * import { layoutLegend } from "./layout.ts";
 * const measure = {
 *   width: (t: string) => t.length * 2,
 *   metrics: () => ({ ascent: 4, descent: 1, textHeight: 3 }),
 *   rampText: () => ({ width: 0, height: 0 }),
 * };
 * const layout = layoutLegend(
 *   [{ title: "zones", entries: [{ kind: "color", label: "Lake", level: 0,
 *     color: { r: 0, g: 0, b: 255, a: 255 } }] }],
 *   { layerTitles: false, dpi: 96 },
 *   measure,
 * );
 * layout.width; // 2 + 7 + 2 + 8 + 2
 * ```
 */
export function layoutLegend(
  layers: LayerLegend[],
  options: LayoutOptions,
  measure: TextMeasure,
): LegendLayout {
  const s = options.settings ?? DEFAULT_LEGEND_SETTINGS;
  const label = measure.metrics("label");
  const title = measure.metrics("title");
  const items: (LaidText | LaidRampText | LaidPatch)[] = [];
  const rows: LaidRow[] = [];
  const left = s.boxSpace;
  let right = left;
  // QgsLegendRenderer: the columns start below the legend title's bottom
  // margin, even without a title
  let y = s.boxSpace + (options.layerTitles ? s.titleSpace : 0);
  let first = true;
  for (const layer of layers) {
    // the embedded row stands for the layer (a diagram's rows may follow it)
    const embedded = layer.embedded === true && layer.entries.length >= 1;
    const showTitle = options.layerTitles && !embedded && layer.title !== "";
    // each layer is one group: the space above it is its first item's
    let firstInGroup = true;
    if (showTitle) {
      if (!first) y += s.layerSpace;
      first = false;
      firstInGroup = false;
      // QgsLegendRenderer::drawLayerTitle: each line one ascent lower
      layer.title.split("\n").forEach((line, i) => {
        if (i > 0) y += s.lineSpacing;
        y += title.ascent;
        items.push({ type: "text", text: line, font: "title", x: left, y });
        right = Math.max(right, left + measure.width(line, "title"));
      });
    }
    const ramps = layer.entries.map((e) =>
      e.kind === "ramp"
        ? measure.rampText([e.bottomLabel, e.topLabel])
        : { width: 0, height: 0 }
    );
    const pixels = layer.entries.some((e) => e.kind === "sizeLegend")
      ? measure.labelPixels?.()
      : undefined;
    const sizeLegends = layer.entries.map((e) =>
      e.kind === "sizeLegend" && pixels
        ? collapsedSizeLegend(e, pixels, pixels.dotsPerMm)
        : null
    );
    const symbols = layer.entries.map((e, i): RowSymbol => {
      // a style of 100,000 rules is 100,000 rows
      checkJobClock();
      const sl = sizeLegends[i];
      // QgsDataDefinedSizeLegendNode::draw: the labels' width stands for
      // its symbol, the markers' and lines' for its label
      if (sl && pixels) {
        return {
          width: (sl.width - sl.labelXOffset) / pixels.dotsPerMm,
          height: sl.height / pixels.dotsPerMm,
          box: null,
        };
      }
      return rowSymbol(
        e,
        s,
        options.dpi,
        Math.max(ramps[i].height, s.symbolHeight),
      );
    });
    // labels of a layer line up right of its widest patch
    const widest = symbols.reduce((m, z) => Math.max(m, z.width), 0);
    layer.entries.forEach((entry, i) => {
      checkJobClock();
      // 2.5 mm above every row but a legend's first
      if (!firstInGroup || !first) y += s.symbolSpace;
      first = false;
      firstInGroup = false;
      const top = y;
      const sym = symbols[i];
      // QgsLegendRenderer draws a nested rule's row at the column's left
      // edge, at every level: only the layer tree view's icon is indented
      const x = left;
      const labelX = x + Math.max(sym.width, widest) + s.labelSpace;
      if (entry.kind === "sizeLegend") {
        const sl = sizeLegends[i];
        const height = sym.height;
        if (sl && pixels) {
          const dpm = pixels.dotsPerMm;
          items.push({
            type: "patch",
            entry,
            x,
            y: top,
            width: sl.width / dpm,
            height,
            opacity: layer.opacity ?? 1,
            sizeLegend: { parts: sl, dotsPerMm: dpm },
          });
          for (const l of sl.labels) {
            // QgsTextRenderer::drawText into the label's QRect, at its top
            const free = l.width - pixels.advance(l.text);
            const align = entry.textAlignment;
            const dx = align & 2 ? free : align & 4 ? free / 2 : 0;
            items.push({
              type: "rampText",
              text: l.text,
              x: x + (l.x + dx) / dpm,
              top: top + l.top / dpm,
              height: l.height / dpm,
              align: "top",
            });
          }
          right = Math.max(right, labelX + sl.labelXOffset / dpm);
        }
        rows.push({ entry, top, height, labelX });
        y += height;
        return;
      }
      if (entry.kind === "ramp") {
        const height = sym.height;
        if (sym.box) {
          items.push({
            type: "patch",
            entry,
            x,
            y: top,
            width: sym.box.width,
            height: sym.box.height,
            opacity: layer.opacity ?? 1,
          });
        }
        // QgsColorRampLegendNode: the maximum's label at the top of the
        // bar's height, the minimum's at its foot
        for (
          const [text, align] of [
            [entry.topLabel, "top"],
            [entry.bottomLabel, "bottom"],
          ] as const
        ) {
          if (text === "") continue;
          items.push({ type: "rampText", text, x: labelX, top, height, align });
        }
        right = Math.max(right, labelX + ramps[i].width, x + sym.width);
        rows.push({ entry, top, height, labelX });
        y += height;
        return;
      }
      const lines = entry.label.split("\n");
      const labelHeight = lines.length * label.textHeight +
        (lines.length - 1) * (s.lineSpacing + label.descent);
      // QgsLayerTreeModelLegendNode::draw: the patch is centred on one line
      // of text or the default patch, whichever is taller
      const itemHeight = Math.max(s.symbolHeight, label.textHeight);
      if (sym.box) {
        const desired = s.symbolHeight;
        // QgsWmsLegendNode draws its image at the row's top
        const dy = entry.kind === "image" ? 0 : (itemHeight - desired) / 2;
        items.push({
          type: "patch",
          entry,
          x: x + sym.box.dx,
          y: top + dy + sym.box.dy,
          width: sym.box.width,
          height: sym.box.height,
          opacity: layer.opacity ?? 1,
        });
        right = Math.max(right, x + sym.width);
      }
      let baseline = top + label.textHeight +
        (labelHeight < sym.height ? sym.height / 2 - labelHeight / 2 : 0);
      for (const line of lines) {
        if (line !== "") {
          items.push({
            type: "text",
            text: line,
            font: "label",
            x: labelX,
            y: baseline,
          });
        }
        right = Math.max(right, labelX + measure.width(line, "label"));
        baseline += label.descent + s.lineSpacing + label.textHeight;
      }
      const height = Math.max(sym.height, labelHeight);
      rows.push({ entry, top, height, labelX });
      y += height;
    });
  }
  return { width: right + s.boxSpace, height: y + s.boxSpace, items, rows };
}

/** The output image: its size in pixels and the scale the legend is drawn at. */
export interface LegendImageSize {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Factor applied to the legend drawn at the job's dpi. */
  scale: number;
}

/**
 * The image size of a legend of `widthMm` × `heightMm` as the Python worker
 * computes it: at `dpi`, scaled to 0.75 when the job gives neither width
 * nor height, to the given width or height keeping the aspect ratio when
 * it gives one, and fitted (the smaller scale) into both when it gives
 * both (the image then has exactly that size).
 *
 * @example
 * ```ts
 * import { legendImageSize } from "./layout.ts";
 * legendImageSize(25.4, 25.4, 100, null, null); // { width: 75, height: 75, scale: 0.75 }
 * legendImageSize(25.4, 50.8, 100, 50, null); // { width: 50, height: 100, scale: 0.5 }
 * ```
 */
export function legendImageSize(
  widthMm: number,
  heightMm: number,
  dpi: number,
  width: number | null,
  height: number | null,
): LegendImageSize {
  const pxPerMm = dpi / 25.4;
  const defaultWidth = Math.trunc(widthMm * pxPerMm);
  const defaultHeight = Math.trunc(heightMm * pxPerMm);
  if (width === null && height === null) {
    return {
      width: Math.trunc(0.75 * defaultWidth),
      height: Math.trunc(0.75 * defaultHeight),
      scale: 0.75,
    };
  }
  if (width === null) {
    const scale = height! / defaultHeight;
    return { width: Math.trunc(defaultWidth * scale), height: height!, scale };
  }
  if (height === null) {
    const scale = width / defaultWidth;
    return { width, height: Math.trunc(defaultHeight * scale), scale };
  }
  const scale = Math.min(
    width / (widthMm * pxPerMm),
    height / (heightMm * pxPerMm),
  );
  return { width, height, scale };
}
