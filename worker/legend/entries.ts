/**
 * A layer's style → the rows of its legend, as QGIS's legend model lists
 * them (`QgsDefaultVectorLayerLegend`, `QgsDefaultRasterLayerLegend`):
 *
 * - single symbol: one patch labelled with the layer name (QGIS embeds the
 *   lone, unlabelled node in the layer row);
 * - categorized / graduated: one row per category / class with its label,
 *   also the unchecked ones (`render="false"`): QGIS's legend renderer draws
 *   every node whatever its check state;
 * - rule-based: one row per rule with its label, nested rules one level
 *   deeper, rules outside the scale range dropped when a scale is given;
 * - rasters: pseudocolour rows per colour ramp item (or a continuous ramp
 *   when the QML asks for one), paletted rows per class, red/green/blue
 *   band rows for multiband colour, a grey ramp for single band grey, and
 *   nothing for hillshade.
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import type { Rule, Symbol, VectorStyle } from "../style/model.ts";
import type { RasterStyle, Rgba } from "../raster/style.ts";

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

/** One legend row. */
export type LegendEntry = SymbolEntry | ColorEntry | RampEntry;

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
  const r = style.renderer;
  switch (r.type) {
    case "singleSymbol":
      return r.symbol
        ? [{ kind: "symbol", label: layerName, level: 0, symbol: r.symbol }]
        : [];
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

/** QGIS's default number text for ramp ends: shortest round-trip form. */
function numberLabel(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return String(Number(v.toPrecision(10)));
}

/** The `<rampLegendSettings>` of a pseudocolour renderer, if continuous. */
function continuousRamp(qmlRoot: Element | null): {
  minimumLabel: string;
  maximumLabel: string;
  prefix: string;
  suffix: string;
  flipped: boolean;
} | null {
  const pipe = childElements(qmlRoot, "pipe")[0] ?? null;
  const rr = childElements(pipe, "rasterrenderer")[0] ?? null;
  const shader = childElements(rr, "rastershader")[0] ?? null;
  const crs = childElements(shader, "colorrampshader")[0] ?? null;
  const settings = childElements(crs, "rampLegendSettings")[0] ?? null;
  if (!settings || settings.getAttribute("useContinuousLegend") !== "1") {
    return null;
  }
  return {
    minimumLabel: settings.getAttribute("minimumLabel") ?? "",
    maximumLabel: settings.getAttribute("maximumLabel") ?? "",
    prefix: settings.getAttribute("prefix") ?? "",
    suffix: settings.getAttribute("suffix") ?? "",
    // direction 1: maximum at the top
    flipped: settings.getAttribute("direction") === "1",
  };
}

/**
 * The legend rows of a raster style. `qmlRoot` is read for what the raster
 * style model does not keep (a pseudocolour ramp's continuous legend).
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
 * rasterEntries(parseRasterStyle(root), "dem", root).map((e) => e.kind); // ["color"]
 * ```
 */
export function rasterEntries(
  style: RasterStyle,
  layerName: string,
  qmlRoot: Element | null = null,
): LegendEntry[] {
  const r = style.renderer;
  if (!r) return [];
  switch (r.type) {
    case "singlebandpseudocolor": {
      const items = r.shader.items;
      const ramp = r.shader.type === "INTERPOLATED"
        ? continuousRamp(qmlRoot)
        : null;
      if (ramp && items.length >= 2) {
        const min = items[0].value;
        const max = items[items.length - 1].value;
        const span = max - min || 1;
        // QGIS's default direction puts the maximum at the top
        const down = (v: number) => (v - min) / span;
        const offset = ramp.flipped ? down : (v: number) => 1 - down(v);
        const stops = items.map((i) => ({
          offset: Math.min(1, Math.max(0, offset(i.value))),
          color: i.color,
        })).sort((p, q) => p.offset - q.offset);
        const minLabel = ramp.prefix + (ramp.minimumLabel || numberLabel(min)) +
          ramp.suffix;
        const maxLabel = ramp.prefix + (ramp.maximumLabel || numberLabel(max)) +
          ramp.suffix;
        return [{
          kind: "ramp",
          stops,
          topLabel: ramp.flipped ? minLabel : maxLabel,
          bottomLabel: ramp.flipped ? maxLabel : minLabel,
          level: 0,
        }];
      }
      return items.map((i) => ({
        kind: "color",
        label: i.label || numberLabel(i.value),
        level: 0,
        color: i.color,
      }));
    }
    case "paletted":
      return r.classes.map((c) => ({
        kind: "color",
        label: c.label || numberLabel(c.value),
        level: 0,
        color: c.color,
      }));
    case "multibandcolor":
      return [
        ["Band " + r.red, { r: 255, g: 0, b: 0, a: 255 }],
        ["Band " + r.green, { r: 0, g: 255, b: 0, a: 255 }],
        ["Band " + r.blue, { r: 0, g: 0, b: 255, a: 255 }],
      ].filter(([label]) => !(label as string).endsWith("-1"))
        .map(([label, color]) => ({
          kind: "color",
          label: label as string,
          level: 0,
          color: color as Rgba,
        }));
    case "singlebandgray": {
      const black = { r: 0, g: 0, b: 0, a: 255 };
      const white = { r: 255, g: 255, b: 255, a: 255 };
      // maximum at the top: white for BlackToWhite
      const [top, bottom] = r.gradient === "WhiteToBlack"
        ? [black, white]
        : [white, black];
      const min = r.contrast?.min ?? NaN;
      const max = r.contrast?.max ?? NaN;
      return [{
        kind: "ramp",
        stops: [{ offset: 0, color: top }, { offset: 1, color: bottom }],
        topLabel: Number.isFinite(max) ? numberLabel(max) : "",
        bottomLabel: Number.isFinite(min) ? numberLabel(min) : "",
        level: 0,
      }];
    }
    case "singlecolor":
      return [{ kind: "color", label: layerName, level: 0, color: r.color }];
    case "hillshade":
      return [];
  }
}
