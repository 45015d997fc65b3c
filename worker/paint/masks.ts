/**
 * Selective masking (QGIS ≥ 3.12, as QGIS 3.22 draws it): label masks
 * (`<text-mask>`) and mask marker symbol layers (`MaskMarker`) cut their
 * shapes out of chosen symbol layers of other layers.
 *
 * QGIS renders a masked layer twice (`QgsMapRendererJob::
 * prepareSecondPassJobs`): once whole, once without its masked symbol
 * layers; the masks of every source masking it are drawn into one image,
 * and `composeSecondPass` keeps the first image outside the mask and the
 * second one inside it. This module reads the references and composes
 * the pixels as Qt does.
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import type {
  Renderer,
  RenderUnit,
  Symbol,
  SymbolLayer,
} from "../style/model.ts";
import { parseUnit } from "../style/props.ts";

/**
 * A `QgsSymbolLayerReference`: a symbol layer of a layer, by the symbol's
 * key in its renderer and the symbol layer's index path (sub-symbols).
 */
export interface SymbolLayerRef {
  /** The masked layer's id (a job layer id). */
  layerId: string;
  /** The symbol's key: "" (single symbol), a category value, a rule key… */
  symbolKey: string;
  /** Index of the symbol layer, then of its sub-symbol's layers. */
  path: number[];
}

const TUPLE = /(.*?),(.*?),((?:\d+,)+)?(\d+)/;
const PARTS = /((?:.*?),(?:.*?),(?:(?:\d+,)+)?(?:\d+);)/g;

/**
 * Reads `maskedSymbolLayers` / `mask_symbollayers` as QGIS 3.22 writes
 * them: `layerId,symbolKey,i0,i1…` joined by `;` (QGIS's own regular
 * expressions, which tolerate commas in symbol keys).
 *
 * @example
 * ```ts
 * import { parseSymbolLayerRefs } from "./masks.ts";
 * parseSymbolLayerRefs("lines_1,,0;lines_1,,1,0");
 * // [{ layerId: "lines_1", symbolKey: "", path: [0] },
 * //  { layerId: "lines_1", symbolKey: "", path: [1, 0] }]
 * ```
 */
export function parseSymbolLayerRefs(text: string): SymbolLayerRef[] {
  const out: SymbolLayerRef[] = [];
  if (!text) return out;
  for (const part of `${text};`.matchAll(PARTS)) {
    const m = TUPLE.exec(part[1]);
    if (!m) continue;
    out.push({
      layerId: m[1],
      symbolKey: m[2],
      path: `${m[3] ?? ""}${m[4]}`.split(",").map(Number),
    });
  }
  return out;
}

/** A label format's mask (`QgsTextMaskSettings`). */
export interface TextMask {
  /** Mask size. */
  size: number;
  /** Unit of the size (`Percentage`: of the font size). */
  unit: RenderUnit;
  /** Opacity 0…1. */
  opacity: number;
  /** Qt pen join style (64 bevel, 128 round, 0 miter). */
  join: number;
  /** The symbol layers it masks. */
  refs: SymbolLayerRef[];
}

/**
 * A `<text-mask>` element's mask when it is on and masks something; null
 * otherwise (or when the element is absent).
 *
 * @example
 * ```ts ignore
 * import { readTextMask } from "./masks.ts";
 * readTextMask(formatElement.getElementsByTagName("text-mask")[0]);
 * ```
 */
export function readTextMask(el: Element | undefined | null): TextMask | null {
  if (!el || el.getAttribute("maskEnabled") !== "1") return null;
  const refs = parseSymbolLayerRefs(
    el.getAttribute("maskedSymbolLayers") ?? "",
  );
  if (refs.length === 0) return null;
  const num = (k: string, d: number) => {
    const v = Number(el.getAttribute(k));
    return el.hasAttribute(k) && Number.isFinite(v) ? v : d;
  };
  return {
    size: num("maskSize", 1.5),
    unit: parseUnit(el.getAttribute("maskSizeUnits") || "MM"),
    opacity: num("maskOpacity", 1),
    join: num("maskJoinStyle", 128),
    refs,
  };
}

/**
 * The symbols of a renderer with the key QGIS's style visitor gives them
 * (`QgsSymbolLayerUtils::toSymbolLayerPointers`).
 */
function keyedSymbols(renderer: Renderer): [string, Symbol][] {
  const out: [string, Symbol][] = [];
  switch (renderer.type) {
    case "singleSymbol":
      if (renderer.symbol) out.push(["", renderer.symbol]);
      break;
    case "categorizedSymbol":
      for (const c of renderer.categories) {
        if (!c.symbol) continue;
        const v = Array.isArray(c.value) ? c.value.join(";") : c.value ?? "";
        out.push([v, c.symbol]);
      }
      break;
    case "graduatedSymbol":
      for (const r of renderer.ranges) {
        if (r.symbol) out.push([`${r.lower} - ${r.upper}`, r.symbol]);
      }
      break;
    case "RuleRenderer": {
      // the visitor keeps the last rule entered as the key's prefix
      let current = "";
      const walk = (rule: typeof renderer.root, isRoot: boolean) => {
        if (!isRoot) current = rule.key;
        if (rule.symbol) out.push([current, rule.symbol]);
        for (const c of rule.children) walk(c, false);
      };
      walk(renderer.root, true);
      break;
    }
  }
  return out;
}

/**
 * The symbol layers of a renderer the references name (those of other
 * layers are ignored).
 *
 * @example
 * ```ts ignore
 * import { resolveSymbolLayers } from "./masks.ts";
 * const disabled = resolveSymbolLayers(style.renderer, refs);
 * ```
 */
export function resolveSymbolLayers(
  renderer: Renderer,
  refs: SymbolLayerRef[],
): Set<SymbolLayer> {
  const wanted = new Set(refs.map((r) => `${r.symbolKey}\u0000${r.path}`));
  const out = new Set<SymbolLayer>();
  const visit = (key: string, symbol: Symbol, root: number[]) => {
    symbol.layers.forEach((layer, i) => {
      const path = [...root, i];
      if (wanted.has(`${key}\u0000${path}`)) out.add(layer);
      if (layer.subSymbol) visit(key, layer.subSymbol, path);
    });
  };
  for (const [key, symbol] of keyedSymbols(renderer)) visit(key, symbol, []);
  return out;
}

/**
 * The layers a renderer's mask marker symbol layers mask, with the
 * references (`QgsVectorLayerUtils::symbolLayerMasks`).
 *
 * @example
 * ```ts ignore
 * import { markerMaskRefs } from "./masks.ts";
 * markerMaskRefs(style.renderer); // [{ layerId: "lines", symbolKey: "", path: [0] }]
 * ```
 */
export function markerMaskRefs(renderer: Renderer): SymbolLayerRef[] {
  const out: SymbolLayerRef[] = [];
  const visit = (symbol: Symbol) => {
    for (const layer of symbol.layers) {
      if (layer.className === "MaskMarker" && layer.enabled) {
        out.push(...parseSymbolLayerRefs(layer.props.mask_symbollayers ?? ""));
      }
      if (layer.subSymbol) visit(layer.subSymbol);
    }
  };
  for (const [, symbol] of keyedSymbols(renderer)) visit(symbol);
  return out;
}

const div255 = (x: number) => (x + 0x80 + ((x + 0x80) >> 8)) >> 8;

/**
 * `composeSecondPass` on premultiplied RGBA pixels: `first` (the layer
 * drawn whole) keeps what lies outside `mask` (DestinationOut, the mask's
 * anti-aliased alpha), and `second` (drawn without the masked symbol
 * layers) shows inside it (DestinationIn with the mask's alpha made
 * binary), beneath `first` (DestinationOver). `first` is changed.
 *
 * @example
 * ```ts
 * import { composeMasked } from "./masks.ts";
 * const first = Uint8Array.of(255, 0, 0, 255), second = Uint8Array.of(0, 0, 255, 255);
 * composeMasked(first, second, Uint8Array.of(0, 0, 0, 255));
 * first; // Uint8Array [0, 0, 255, 255]
 * ```
 */
export function composeMasked(
  first: Uint8Array,
  second: Uint8Array,
  mask: Uint8Array,
): void {
  for (let i = 0; i < first.length; i += 4) {
    const m = mask[i + 3];
    if (m === 0) continue;
    const keep = 255 - m;
    const r = div255(first[i] * keep);
    const g = div255(first[i + 1] * keep);
    const b = div255(first[i + 2] * keep);
    const a = div255(first[i + 3] * keep);
    const under = 255 - a;
    first[i] = r + div255(second[i] * under);
    first[i + 1] = g + div255(second[i + 1] * under);
    first[i + 2] = b + div255(second[i + 2] * under);
    first[i + 3] = a + div255(second[i + 3] * under);
  }
}
