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
import type { Symbol } from "../style/model.ts";
import { parseUnit, propNumber } from "../style/props.ts";
import type { LayerLegend, LegendEntry } from "./entries.ts";

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
  /** Indentation per nesting level (rule-based children). */
  indent: number;
  /** Label font size in points. */
  labelFontSize: number;
  /** Layer title font size in points. */
  titleFontSize: number;
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
  indent: 4,
  labelFontSize: 12,
  titleFontSize: 12,
};

/** The two text styles of a legend. */
export type LegendFont = "label" | "title";

/** Vertical metrics of a font, in millimetres. */
export interface FontMetricsMm {
  /** Height above the baseline. */
  ascent: number;
  /** Depth below the baseline (positive). */
  descent: number;
  /** Height of capital letters. */
  capHeight: number;
}

/** Measures text (in millimetres) in the legend's two fonts. */
export interface TextMeasure {
  /** Advance width of a text. */
  width(text: string, font: LegendFont): number;
  /** Vertical metrics. */
  metrics(font: LegendFont): FontMetricsMm;
}

/** A laid-out text: left end of its baseline. */
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
  items: (LaidText | LaidPatch)[];
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
    default:
      return value;
  }
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
  let size = 0;
  for (const l of symbol.layers) {
    if (!l.enabled) continue;
    size = Math.max(
      size,
      toMm(propNumber(l.props, "size", 2), l.props.size_unit, dpi),
    );
  }
  return { width: Math.max(width, size), height: Math.max(height, size) };
}

function patchSize(
  entry: LegendEntry,
  s: LegendSettings,
  dpi: number,
  label: FontMetricsMm,
): { width: number; height: number } {
  switch (entry.kind) {
    case "symbol":
      return entry.symbol
        ? symbolPatchSize(entry.symbol, dpi, s.symbolWidth, s.symbolHeight)
        : { width: 0, height: 0 };
    case "color":
      return { width: s.symbolWidth, height: s.symbolHeight };
    case "ramp":
      // tall enough for its two labels, one above the other
      return {
        width: s.symbolWidth,
        height: Math.max(
          s.symbolHeight,
          2 * (label.ascent + label.descent),
        ),
      };
  }
}

/**
 * Lays out the legends of several layers, top to bottom, in millimetres.
 *
 * @example
 * ```ts
 * import { layoutLegend } from "./layout.ts";
 * const measure = {
 *   width: (t: string) => t.length * 2,
 *   metrics: () => ({ ascent: 4, descent: 1, capHeight: 3 }),
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
  const items: (LaidText | LaidPatch)[] = [];
  const rows: LaidRow[] = [];
  const left = s.boxSpace;
  let right = left;
  let y = s.boxSpace;
  let first = true;
  const metricsOf = (font: LegendFont) => font === "title" ? title : label;
  // QgsLegendSettings: lines of the height of a digit, separated by the
  // line spacing and the font's descent
  const textHeight = (text: string, m: FontMetricsMm): number => {
    const n = text.split("\n").length;
    return n * m.capHeight + (n - 1) * (s.lineSpacing + m.descent);
  };
  const placeLine = (
    text: string,
    font: LegendFont,
    x: number,
    baseline: number,
  ) => {
    if (!text) return;
    items.push({ type: "text", text, font, x, y: baseline });
    right = Math.max(right, x + measure.width(text, font));
  };
  /** Places a text's lines from `top` down; returns the block's height. */
  const placeText = (
    text: string,
    font: LegendFont,
    x: number,
    top: number,
  ): number => {
    const m = metricsOf(font);
    const step = m.capHeight + s.lineSpacing + m.descent;
    text.split("\n").forEach((line, i) =>
      placeLine(line, font, x, top + m.capHeight + i * step)
    );
    return textHeight(text, m);
  };
  for (const layer of layers) {
    const embedded = layer.embedded && layer.entries.length === 1;
    if (options.layerTitles && !embedded) {
      if (!first) y += s.layerSpace;
      first = false;
      y += placeText(layer.title, "title", left, y);
    }
    const sizes = layer.entries.map((e) => patchSize(e, s, options.dpi, label));
    // labels of a layer line up right of its widest patch
    const widest = Math.max(0, ...sizes.map((z) => z.width));
    layer.entries.forEach((entry, i) => {
      if (!first) y += s.symbolSpace;
      first = false;
      const size = sizes[i];
      const x = left + entry.level * s.indent;
      const labelX = x + widest + s.labelSpace;
      const labelHeight = entry.kind === "ramp"
        ? 0
        : textHeight(entry.label, label);
      const height = Math.max(size.height, labelHeight);
      if (size.width > 0) {
        items.push({
          type: "patch",
          entry,
          x,
          y: y + (height - size.height) / 2,
          width: size.width,
          height: size.height,
          opacity: layer.opacity ?? 1,
        });
        right = Math.max(right, x + size.width);
      }
      if (entry.kind === "ramp") {
        // the maximum's label at the top of the bar, the minimum's at its foot
        placeLine(entry.topLabel, "label", labelX, y + label.ascent);
        placeLine(
          entry.bottomLabel,
          "label",
          labelX,
          y + height - label.descent,
        );
      } else {
        placeText(
          entry.label,
          "label",
          labelX,
          y + Math.max(0, (size.height - labelHeight) / 2),
        );
      }
      rows.push({ entry, top: y, height, labelX });
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
