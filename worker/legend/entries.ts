/**
 * A layer's style → the rows of its legend, as QGIS's legend model lists
 * them (`QgsDefaultVectorLayerLegend`, `QgsDefaultRasterLayerLegend`):
 *
 * - single symbol: one patch labelled with the layer name (QGIS embeds the
 *   lone, unlabelled node in the layer row, as it embeds any renderer's
 *   lone unlabelled row: a single rule or category without a label);
 * - categorized / graduated: one row per category / class with its label,
 *   also the unchecked ones (`render="false"`): QGIS's legend renderer draws
 *   every node whatever its check state;
 * - rule-based: one row per rule with its label, nested rules one level
 *   deeper (a level the legend draws unindented, as QgsLegendRenderer
 *   does), rules outside the scale range dropped when a scale is given;
 * - rasters: pseudocolour rows per colour ramp item (or a continuous ramp
 *   when the QML asks for one), paletted rows per class, red/green/blue
 *   band rows for multiband colour, a grey ramp for single band grey, and
 *   nothing for hillshade.
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import type {
  DataDefinedSizeLegend,
  DiagramStyle,
  RenderUnit,
  Rule,
  Symbol,
  SymbolLayer,
  VectorStyle,
} from "../style/model.ts";
import type { RasterStyle, Rgba } from "../raster/style.ts";
import { diagramLegendSize } from "../paint/diagram.ts";
import { defaultSymbol } from "../style/default_symbol.ts";
import { prettyBreaks } from "./pretty_breaks.ts";
import { transformValue } from "../paint/_dd.ts";
import {
  type BasicNumericFormat,
  formatBasic,
  qtNumber,
  readNumericFormat,
} from "./number_format.ts";

/** A row with a symbol patch (vector layers). */
export interface SymbolEntry {
  /** Discriminator. */
  kind: "symbol";
  /** Label drawn right of the patch. */
  label: string;
  /** Nesting depth (rule-based children: 1, 2 …). */
  level: number;
  /** The symbol; null for a grouping rule (label only). */
  symbol: Symbol | null;
}

/** A row with a colour rectangle (raster classes). */
export interface ColorEntry {
  /** Discriminator. */
  kind: "color";
  /** Label drawn right of the patch. */
  label: string;
  /** Nesting depth. */
  level: number;
  /** Fill colour. */
  color: Rgba;
}

/** A continuous colour ramp (QgsColorRampLegendNode), drawn vertically. */
export interface RampEntry {
  /** Discriminator. */
  kind: "ramp";
  /** Gradient stops, `offset` 0 at the top of the bar, 1 at the bottom. */
  stops: { offset: number; color: Rgba }[];
  /** Label at the top end (the maximum unless the QML flips the ramp). */
  topLabel: string;
  /** Label at the bottom end. */
  bottomLabel: string;
  /** Nesting depth. */
  level: number;
}

/**
 * A row with a square icon of one colour (a diagram category:
 * QgsSimpleLegendNode with a 16 × 16 pixmap filled with the colour).
 */
export interface IconEntry {
  /** Discriminator. */
  kind: "icon";
  /** Label drawn right of the patch. */
  label: string;
  /** Nesting depth. */
  level: number;
  /** The pixmap's colour. */
  color: Rgba;
}

/**
 * A row with an image the layer's source gives (a WMS's GetLegendGraphic,
 * QgsWmsLegendNode): no label.
 */
export interface ImageEntry {
  /** Discriminator. */
  kind: "image";
  /** Always empty: the image says it all. */
  label: "";
  /** Nesting depth. */
  level: number;
  /** Unpremultiplied RGBA pixels. */
  rgba: Uint8Array;
  /** Width, pixels. */
  width: number;
  /** Height, pixels. */
  height: number;
}

/**
 * A collapsed size legend (QgsDataDefinedSizeLegendNode): the markers of
 * every class nested in one image, each with a line to its label.
 */
export interface SizeLegendEntry {
  /** Discriminator. */
  kind: "sizeLegend";
  /** Always empty: the labels are part of the image. */
  label: "";
  /** Nesting depth. */
  level: number;
  /** The marker, drawn at each class's size in `sizeUnit`. */
  symbol: Symbol;
  /** The line from a marker's top to its label. */
  lineSymbol: Symbol;
  /** Sizes (in `sizeUnit`) and labels. */
  classes: { size: number; label: string }[];
  /** Unit of the sizes. */
  sizeUnit: RenderUnit;
  /** Markers on their bottom or centred. */
  valign: "bottom" | "center";
  /** `Qt::Alignment` of the labels. */
  textAlignment: number;
}

/** One legend row. */
export type LegendEntry =
  | SymbolEntry
  | ColorEntry
  | RampEntry
  | ImageEntry
  | IconEntry
  | SizeLegendEntry;

/** The legend of one layer. */
export interface LayerLegend {
  /** Layer name (the title row when titles are shown). */
  title: string;
  /** Layer opacity 0–1 the patches are drawn with (default 1). */
  opacity?: number;
  /**
   * The lone row stands for the layer itself (a single symbol): QGIS draws
   * it in the layer's row, so no separate title is drawn above it.
   */
  embedded?: boolean;
  /** Rows, top first. */
  entries: LegendEntry[];
}

/** Options of {@linkcode vectorEntries}. */
export interface EntryOptions {
  /** Map scale denominator: rules outside their scale range are dropped. */
  scale?: number | null;
}

/**
 * QgsRuleBasedRenderer::Rule::isScaleOK: the QML's `scalemindenom` is the
 * most zoomed-in scale the rule applies at, `scalemaxdenom` the most
 * zoomed-out one; 0 means no limit.
 */
function ruleInScale(rule: Rule, scale: number | null | undefined): boolean {
  if (!scale) return true;
  if (rule.scaleMinDenom > 0 && scale < rule.scaleMinDenom) return false;
  if (rule.scaleMaxDenom > 0 && scale > rule.scaleMaxDenom) return false;
  return true;
}

/**
 * The legend rows of a vector style.
 *
 * @example
 * ```ts
 * import { parseVectorStyle } from "../style/qml.ts";
 * import { vectorEntries } from "./entries.ts";
 * const style = parseVectorStyle(
 *   '<qgis><renderer-v2 type="categorizedSymbol" attr="k"><categories>' +
 *   '<category symbol="0" value="a" label="A" render="true"/></categories>' +
 *   '<symbols><symbol type="fill" name="0" alpha="1"/></symbols></renderer-v2></qgis>',
 * )!;
 * vectorEntries(style, "zones").map((e) => e.label); // ["A"]
 * ```
 */
export function vectorEntries(
  style: VectorStyle,
  layerName: string,
  options: EntryOptions = {},
): SymbolEntry[] {
  const entries = listedEntries(style, layerName, options);
  // QgsDefaultVectorLayerLegend embeds a lone node without a label in the
  // layer's row, which names it after the layer
  if (embeddedEntry(style) && entries.length === 1) {
    return [{ ...entries[0], label: layerName }];
  }
  return entries;
}

/**
 * The legend rows of a layer's diagrams, listed after the renderer's
 * (`QgsDiagramRenderer::legendItems`): one per category, its colour in a
 * square icon, when the diagrams are enabled and list their categories;
 * then, for interpolated sizes with a size legend, its title row and its
 * collapsed image or a marker row per size.
 *
 * @example
 * ```ts
 * import { parseVectorStyle } from "../style/qml.ts";
 * import { diagramEntries } from "./entries.ts";
 * const style = parseVectorStyle(
 *   '<qgis><renderer-v2 type="nullSymbol"/><SingleCategoryDiagramRenderer diagramType="Pie" attributeLegend="1">' +
 *   '<DiagramCategory enabled="1"><attribute field="a" color="#ff0000" label="A"/></DiagramCategory>' +
 *   '</SingleCategoryDiagramRenderer></qgis>',
 * )!;
 * diagramEntries(style).map((e) => e.label); // ["A"]
 * ```
 */
export function diagramEntries(
  style: VectorStyle,
): (IconEntry | SymbolEntry | SizeLegendEntry)[] {
  const d = style.diagrams;
  if (!d || !d.enabled) return [];
  const rows: (IconEntry | SymbolEntry | SizeLegendEntry)[] = [];
  if (d.attributeLegend) {
    for (const c of d.categories) {
      rows.push({
        kind: "icon",
        label: c.label,
        level: 0,
        color: { r: c.color[0], g: c.color[1], b: c.color[2], a: c.color[3] },
      });
    }
  }
  const legend = d.dataDefinedSizeLegend;
  if (legend && d.interpolation) rows.push(...sizeLegendEntries(d, legend));
  return rows;
}

// QgsMarkerSymbol::createSimple's marker: a 2 mm red circle, dark outline
const SIMPLE_MARKER: Symbol = defaultSymbol("point", [255, 0, 0, 255]);

// QgsDataDefinedSizeLegend's default line: 0.2 mm, black
const CALLOUT_LINE: Symbol = (() => {
  const line = defaultSymbol("line", [0, 0, 0, 255]);
  return {
    ...line,
    layers: line.layers.map((l) => ({
      ...l,
      props: { ...l.props, line_width: "0.2" },
    })),
  };
})();

/**
 * A marker symbol at `size` in `unit` (QgsMarkerSymbol::setSizeUnit, then
 * setSize: the largest layer takes the size, the others keep their share).
 *
 * @example
 * ```ts
 * import { sizedMarker } from "./entries.ts";
 * const marker = {
 *   type: "marker" as const, alpha: 1, clipToExtent: true,
 *   layers: [{ className: "SimpleMarker", enabled: true, pass: 0,
 *     props: { size: "2" }, dataDefined: {}, subSymbol: null }],
 * };
 * sizedMarker(marker, 5, "Point").layers[0].props.size; // "5"
 * ```
 */
export function sizedMarker(
  symbol: Symbol,
  size: number,
  unit: RenderUnit,
): Symbol {
  const sizeOf = (l: SymbolLayer) => Number(l.props.size ?? 2);
  const largest = Math.max(0, ...symbol.layers.map(sizeOf));
  return {
    ...symbol,
    layers: symbol.layers.map((l) => {
      const own = sizeOf(l);
      const scaled = own === largest || largest === 0
        ? size
        : own * size / largest;
      return {
        ...l,
        props: { ...l.props, size: String(scaled), size_unit: unit },
      };
    }),
  };
}

/**
 * QgsLinearlyInterpolatedDiagramRenderer::legendItems' size legend: the
 * classes given by hand or the pretty breaks of the interpolated range,
 * each sized as the diagram sizes its value.
 */
function sizeLegendEntries(
  d: DiagramStyle,
  legend: DataDefinedSizeLegend,
): (SymbolEntry | SizeLegendEntry)[] {
  const is = d.interpolation!;
  const classes = legend.classes.length > 0
    ? legend.classes.map((c) => ({
      size: diagramLegendSize(d, c.size),
      label: c.label,
    }))
    : prettyBreaks(is.lowerValue, is.upperValue, 4).map((v) => ({
      size: diagramLegendSize(d, v),
      label: qtNumber(v),
    }));
  const symbol = legend.symbol ?? SIMPLE_MARKER;
  const rows: (SymbolEntry | SizeLegendEntry)[] = [];
  if (legend.title !== "") {
    rows.push({ kind: "symbol", label: legend.title, level: 0, symbol: null });
  }
  if (legend.type === "collapsed") {
    // QgsDataDefinedSizeLegend::drawCollapsedLegend draws nothing without
    // classes
    if (classes.length === 0) return rows;
    rows.push({
      kind: "sizeLegend",
      label: "",
      level: 0,
      symbol,
      lineSymbol: legend.lineSymbol ?? CALLOUT_LINE,
      classes,
      sizeUnit: d.sizeUnit,
      valign: legend.valign,
      textAlignment: legend.textAlignment,
    });
    return rows;
  }
  for (const c of classes) {
    rows.push({
      kind: "symbol",
      label: c.label,
      level: 0,
      symbol: sizedMarker(symbol, c.size, d.sizeUnit),
    });
  }
  return rows;
}

/**
 * QgsSingleSymbolRenderer::legendSymbolItems of a marker whose size is
 * data-defined, with a size legend (QgsDataDefinedSizeLegend::
 * updateFromSymbolAndProperty, then legendSymbolList): a title row (the
 * legend's title, else the property's expression), then one row per class,
 * the marker without its data-defined size at the class's size through the
 * property's size transformer; without classes given, the pretty breaks of
 * the transformer's input range, labelled as `QString::number` writes
 * them. Null when the symbol has no such size or the legend is collapsed
 * (not drawn here).
 */
function markerSizeEntries(
  symbol: Symbol,
  legend: DataDefinedSizeLegend,
): SymbolEntry[] | null {
  if (symbol.type !== "marker" || legend.type !== "separated") return null;
  const dd = symbol.layers.find((l) => l.enabled && l.dataDefined.size)
    ?.dataDefined.size;
  if (!dd) return null;
  const t = dd.transformer?.type === "size" ? dd.transformer : null;
  const classes = legend.classes.length > 0
    ? legend.classes
    : t
    ? prettyBreaks(t.minValue, t.maxValue, 4).map((v) => ({
      size: v,
      label: qtNumber(v),
    }))
    : [];
  const plain: Symbol = {
    ...symbol,
    layers: symbol.layers.map((l) => {
      const { size: _, ...dataDefined } = l.dataDefined;
      return { ...l, dataDefined };
    }),
  };
  const largest = plain.layers.reduce(
    (a, l) => Number(l.props.size ?? 2) > Number(a.props.size ?? 2) ? l : a,
  );
  const unit = (largest.props.size_unit ?? "MM") as RenderUnit;
  const title = legend.title !== ""
    ? legend.title
    : /^"(.*)"$/s.exec(dd.expression)?.[1] ?? dd.expression;
  const rows: SymbolEntry[] = title === ""
    ? []
    : [{ kind: "symbol", label: title, level: 0, symbol: null }];
  for (const c of classes) {
    const size = t ? Number(transformValue(t, c.size)) : c.size;
    rows.push({
      kind: "symbol",
      label: c.label,
      level: 0,
      symbol: sizedMarker(plain, size, unit),
    });
  }
  return rows;
}

/**
 * Whether the renderer lists one legend row without a label, which QGIS
 * (`QgsDefaultVectorLayerLegend`) embeds in the layer's row and labels with
 * the layer name: a single symbol, or a lone rule, category or class
 * whose label is empty (counted before any scale filter, as QGIS counts
 * the renderer's legend items).
 *
 * @example
 * ```ts
 * import { parseVectorStyle } from "../style/qml.ts";
 * import { embeddedEntry } from "./entries.ts";
 * const style = parseVectorStyle(
 *   '<qgis><renderer-v2 type="RuleRenderer"><rules key="r">' +
 *   '<rule key="a" symbol="0"/></rules>' +
 *   '<symbols><symbol type="line" name="0" alpha="1"/></symbols></renderer-v2></qgis>',
 * )!;
 * embeddedEntry(style); // true
 * ```
 */
export function embeddedEntry(style: VectorStyle): boolean {
  const r = style.renderer;
  switch (r.type) {
    case "singleSymbol":
      return r.symbol !== null && r.symbol !== undefined &&
        !(r.sizeLegend && markerSizeEntries(r.symbol, r.sizeLegend));
    case "categorizedSymbol":
      return r.categories.length === 1 && r.categories[0].label === "";
    case "graduatedSymbol":
      return r.ranges.length === 1 && r.ranges[0].label === "";
    case "RuleRenderer": {
      const rules: Rule[] = [];
      const walk = (rule: Rule) => {
        rules.push(rule);
        for (const c of rule.children) walk(c);
      };
      for (const c of r.root.children) walk(c);
      return rules.length === 1 && rules[0].label === "";
    }
    default:
      return false;
  }
}

function listedEntries(
  style: VectorStyle,
  layerName: string,
  options: EntryOptions,
): SymbolEntry[] {
  const r = style.renderer;
  switch (r.type) {
    case "singleSymbol": {
      const sized = r.symbol && r.sizeLegend
        ? markerSizeEntries(r.symbol, r.sizeLegend)
        : null;
      if (sized) return sized;
      return r.symbol
        ? [{ kind: "symbol", label: layerName, level: 0, symbol: r.symbol }]
        : [];
    }
    case "categorizedSymbol":
      return r.categories.map((c) => ({
        kind: "symbol",
        label: c.label,
        level: 0,
        symbol: c.symbol,
      }));
    case "graduatedSymbol":
      return r.ranges.map((c) => ({
        kind: "symbol",
        label: c.label,
        level: 0,
        symbol: c.symbol,
      }));
    case "RuleRenderer": {
      const out: SymbolEntry[] = [];
      const walk = (rule: Rule, level: number) => {
        if (!ruleInScale(rule, options.scale)) return;
        out.push({
          kind: "symbol",
          label: rule.label,
          level,
          symbol: rule.symbol,
        });
        for (const c of rule.children) walk(c, level + 1);
      };
      // the root rule is the renderer itself, not a legend row
      for (const c of r.root.children) walk(c, 0);
      return out;
    }
    default:
      return [];
  }
}

function childElements(el: Element | null, name: string): Element[] {
  const out: Element[] = [];
  for (let n = el?.firstChild ?? null; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).tagName === name) {
      out.push(n as Element);
    }
  }
  return out;
}

/** The continuous legend of a colour ramp (`<rampLegendSettings>`). */
interface RampLegendSettings {
  /** Whether a continuous ramp stands for the classes. */
  continuous: boolean;
  minimumLabel: string;
  maximumLabel: string;
  prefix: string;
  suffix: string;
  /** Minimum at the top (direction 1). */
  flipped: boolean;
  /** How the minimum and maximum are written without labels. */
  format: BasicNumericFormat;
}

/**
 * Reads the `<rampLegendSettings>` child of `parent`; QGIS's defaults
 * (a continuous ramp, numbers with six decimals and thousands separators)
 * when it has none, as older styles do not.
 */
function rampLegendSettings(parent: Element | null): RampLegendSettings {
  const el = childElements(parent, "rampLegendSettings")[0] ?? null;
  return {
    continuous: (el?.getAttribute("useContinuousLegend") ?? "1") !== "0",
    minimumLabel: el?.getAttribute("minimumLabel") ?? "",
    maximumLabel: el?.getAttribute("maximumLabel") ?? "",
    prefix: el?.getAttribute("prefix") ?? "",
    suffix: el?.getAttribute("suffix") ?? "",
    flipped: el?.getAttribute("direction") === "1",
    format: readNumericFormat(childElements(el, "numericFormat")[0] ?? null),
  };
}

/** The `<rasterrenderer>` element of a raster QML. */
function rasterRendererElement(qmlRoot: Element | null): Element | null {
  const pipe = childElements(qmlRoot, "pipe")[0] ?? null;
  return childElements(pipe, "rasterrenderer")[0] ?? null;
}

/**
 * A QgsColorRampLegendNode: a vertical ramp of `stops` from `min` to `max`
 * labelled as its settings say (the maximum on top unless flipped).
 */
function rampEntry(
  stops: { offset: number; color: Rgba }[],
  min: number,
  max: number,
  settings: RampLegendSettings,
): RampEntry {
  const text = (label: string, v: number) =>
    settings.prefix + (label || formatBasic(v, settings.format)) +
    settings.suffix;
  const minLabel = text(settings.minimumLabel, min);
  const maxLabel = text(settings.maximumLabel, max);
  // stops run from the minimum (0) to the maximum (1); the bar's offsets
  // from its top
  const place = settings.flipped ? (o: number) => o : (o: number) => 1 - o;
  return {
    kind: "ramp",
    stops: stops.map((s) => ({ offset: place(s.offset), color: s.color }))
      .sort((p, q) => p.offset - q.offset),
    topLabel: settings.flipped ? minLabel : maxLabel,
    bottomLabel: settings.flipped ? maxLabel : minLabel,
    level: 0,
  };
}

/**
 * The band of a raster as QGIS's legend names it
 * (`QgsRasterDataProvider::displayBandName`): `Band 1`, zero-padded to the
 * digits of the band count, then `: <description>` when the band has one
 * and ` (<colour interpretation>)` unless it is undefined.
 *
 * @example
 * ```ts
 * import { displayBandName } from "./entries.ts";
 * displayBandName(1, 1, "", "Gray"); // "Band 1 (Gray)"
 * displayBandName(3, 12, "nir", "Undefined"); // "Band 03: nir"
 * ```
 */
export function displayBandName(
  band: number,
  bandCount: number,
  description: string,
  colorInterpretation: string,
): string {
  const digits = 1 + Math.floor(Math.log10(Math.max(1, bandCount)));
  let name = `Band ${String(band).padStart(digits, "0")}`;
  if (description) name += `: ${description}`;
  if (colorInterpretation && colorInterpretation !== "Undefined") {
    name += ` (${colorInterpretation})`;
  }
  return name;
}

/** Names a raster's bands for its legend (see {@linkcode displayBandName}). */
export type BandNamer = (band: number) => string;

const plainBandName: BandNamer = (band) => `Band ${band}`;

/**
 * The legend rows of a raster style, as QGIS 3.22's raster renderers list
 * them: a row naming the band (`Band 1 (Gray)`) above a pseudocolour
 * renderer's classes or continuous ramp, above a paletted renderer's
 * classes (unlabelled ones by their value) and above a grey renderer's
 * ramp (only when it stretches its values); one row per band of a
 * multiband renderer, named after the band; nothing for hillshade.
 * `qmlRoot` is read for what the raster style model does not keep (ramp
 * legend settings); `bandName` names bands from the data.
 *
 * @example
 * ```ts
 * import { DOMParser } from "@xmldom/xmldom";
 * import { parseRasterStyle } from "../raster/style.ts";
 * import { rasterEntries } from "./entries.ts";
 * const root = new DOMParser().parseFromString(
 *   '<qgis><pipe><rasterrenderer type="paletted" band="1"><colorPalette>' +
 *   '<paletteEntry value="1" color="#ff0000" alpha="255" label="Red"/>' +
 *   '</colorPalette></rasterrenderer></pipe></qgis>', "text/xml",
 * ).documentElement!;
 * rasterEntries(parseRasterStyle(root), "dem", root).map((e) => e.kind); // ["symbol", "color"]
 * ```
 */
export function rasterEntries(
  style: RasterStyle,
  layerName: string,
  qmlRoot: Element | null = null,
  bandName: BandNamer = plainBandName,
): LegendEntry[] {
  const r = style.renderer;
  if (!r) return [];
  const rendererEl = rasterRendererElement(qmlRoot);
  const bandRow = (band: number): LegendEntry[] => {
    const label = bandName(band);
    return label ? [{ kind: "symbol", label, level: 0, symbol: null }] : [];
  };
  switch (r.type) {
    case "singlebandpseudocolor": {
      const items = r.shader.items;
      const shaderEl = childElements(
        childElements(rendererEl, "rastershader")[0] ?? null,
        "colorrampshader",
      )[0] ?? null;
      const settings = rampLegendSettings(shaderEl);
      if (r.shader.type === "INTERPOLATED" && settings.continuous) {
        // QgsSingleBandPseudoColorRenderer sets the shader's range to its
        // classification range (older styles have only that)
        const min = Number.isFinite(r.classificationMin)
          ? r.classificationMin
          : r.shader.minimumValue;
        const max = Number.isFinite(r.classificationMax)
          ? r.classificationMax
          : r.shader.maximumValue;
        // QgsColorRampShader::createColorRamp: the first and last items'
        // colours at the ends, the others where their values fall
        const none = { r: 0, g: 0, b: 0, a: 0 };
        const stops = [
          { offset: 0, color: items[0]?.color ?? none },
          { offset: 1, color: items[items.length - 1]?.color ?? none },
        ];
        items.forEach((item, i) => {
          const offset = (item.value - min) / (max - min);
          if (i === 0 && offset <= 0) return;
          if (i === items.length - 1 && offset >= 1) return;
          // QGradient::setColorAt ignores positions outside 0…1
          if (offset >= 0 && offset <= 1) {
            stops.push({ offset, color: item.color });
          }
        });
        return [...bandRow(r.band), rampEntry(stops, min, max, settings)];
      }
      return [
        ...bandRow(r.band),
        ...items.map((i): LegendEntry => ({
          kind: "color",
          label: i.label,
          level: 0,
          color: i.color,
        })),
      ];
    }
    case "paletted":
      return [
        ...bandRow(r.band),
        ...r.classes.map((c): LegendEntry => ({
          kind: "color",
          label: c.label || qtNumber(c.value),
          level: 0,
          color: c.color,
        })),
      ];
    case "multibandcolor":
      return ([
        [r.red, { r: 255, g: 0, b: 0, a: 255 }],
        [r.green, { r: 0, g: 255, b: 0, a: 255 }],
        [r.blue, { r: 0, g: 0, b: 255, a: 255 }],
      ] as [number, Rgba][]).filter(([band]) => band !== -1)
        .map(([band, color]) => ({
          kind: "color",
          label: bandName(band),
          level: 0,
          color,
        }));
    case "singlebandgray": {
      const contrast = r.contrast;
      if (!contrast || contrast.algorithm === "NoEnhancement") return [];
      const black = { r: 0, g: 0, b: 0, a: 255 };
      const white = { r: 255, g: 255, b: 255, a: 255 };
      const [minColor, maxColor] = r.gradient === "WhiteToBlack"
        ? [white, black]
        : [black, white];
      return [
        ...bandRow(r.band),
        rampEntry(
          [{ offset: 0, color: minColor }, { offset: 1, color: maxColor }],
          contrast.min,
          contrast.max,
          rampLegendSettings(rendererEl),
        ),
      ];
    }
    case "singlecolor":
      return [{ kind: "color", label: layerName, level: 0, color: r.color }];
    case "hillshade":
      return [];
  }
}
