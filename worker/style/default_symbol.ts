/**
 * QGIS's default symbols (`QgsSymbol::defaultSymbol`), for a vector layer
 * whose job style is null or has no renderer: QGIS draws such a layer with a
 * single-symbol renderer of its default marker, line or fill symbol.
 *
 * QGIS gives that symbol a random colour (`fetchRandomStyleColor`: any hue,
 * saturation 64–255, value 128–255); a worker has to draw the same map for
 * the same job, so ours is taken from the layer id in those ranges — stable
 * across jobs and workers, different between layers.
 *
 * @module
 */
import type { GeometryKind } from "../geometry/types.ts";
import type { Symbol, SymbolLayer, VectorStyle } from "./model.ts";
import type { Rgba } from "./props.ts";

/**
 * The colour of a layer's default symbol: FNV-1a (32 bit) of the layer id
 * picks hue 0–359, saturation 64–255 and value 128–255 (QGIS's ranges for
 * random symbol colours), converted to RGB as HSV.
 *
 * @example
 * ```ts
 * import { defaultSymbolColor } from "./default_symbol.ts";
 * const [r, g, b, a] = defaultSymbolColor("roads_1");
 * a; // 255
 * defaultSymbolColor("roads_1").join() === [r, g, b, a].join(); // true
 * ```
 */
export function defaultSymbolColor(layerId: string): Rgba {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(layerId)) {
    h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  }
  const hue = h % 360;
  const s = (64 + ((h >>> 9) % 192)) / 255;
  const v = (128 + ((h >>> 17) % 128)) / 255;
  // HSV → RGB as Python's colorsys (the reference generator uses it)
  const i = Math.floor((hue / 360) * 6);
  const f = (hue / 360) * 6 - i;
  const p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
  const [r, g, b] = [
    [v, t, p],
    [q, v, p],
    [p, v, t],
    [p, q, v],
    [t, p, v],
    [v, p, q],
  ][i % 6];
  const byte = (c: number) => Math.floor(c * 255 + 0.5);
  return [byte(r), byte(g), byte(b), 255];
}

function layer(className: string, props: Record<string, string>): SymbolLayer {
  return {
    className,
    enabled: true,
    pass: 0,
    props,
    dataDefined: {},
    subSymbol: null,
  };
}

/**
 * QGIS's default symbol for a geometry kind (`QgsSymbol::defaultSymbol`
 * with no project default): a 2 mm circle marker with a hairline outline, a
 * 0.26 mm line, or a solid fill with a 0.26 mm outline; `color` fills it
 * (QGIS: a random colour).
 *
 * @example
 * ```ts
 * import { defaultSymbol } from "./default_symbol.ts";
 * defaultSymbol("line", [10, 20, 30, 255]).layers[0].props.line_width; // "0.26"
 * ```
 */
export function defaultSymbol(kind: GeometryKind, color: Rgba): Symbol {
  const c = color.join(",");
  const outline = "35,35,35,255";
  switch (kind) {
    case "point":
      return {
        type: "marker",
        alpha: 1,
        clipToExtent: true,
        layers: [layer("SimpleMarker", {
          name: "circle",
          size: "2",
          size_unit: "MM",
          color: c,
          outline_color: outline,
          outline_style: "solid",
          outline_width: "0",
          outline_width_unit: "MM",
          joinstyle: "bevel",
          cap_style: "square",
          angle: "0",
          offset: "0,0",
          offset_unit: "MM",
          horizontal_anchor_point: "1",
          vertical_anchor_point: "1",
          scale_method: "diameter",
        })],
      };
    case "line":
      return {
        type: "line",
        alpha: 1,
        clipToExtent: true,
        layers: [layer("SimpleLine", {
          line_color: c,
          line_width: "0.26",
          line_width_unit: "MM",
          line_style: "solid",
          capstyle: "square",
          joinstyle: "bevel",
          offset: "0",
          offset_unit: "MM",
          use_custom_dash: "0",
        })],
      };
    case "polygon":
      return {
        type: "fill",
        alpha: 1,
        clipToExtent: true,
        layers: [layer("SimpleFill", {
          color: c,
          style: "solid",
          outline_color: outline,
          outline_style: "solid",
          outline_width: "0.26",
          outline_width_unit: "MM",
          joinstyle: "bevel",
          offset: "0,0",
          offset_unit: "MM",
        })],
      };
  }
}

/**
 * The vector style QGIS gives a layer without one: a single-symbol
 * renderer of the default symbol for its geometry kind, in the layer's
 * colour (`defaultSymbolColor`); `null` geometry: nothing is drawn.
 *
 * @example
 * ```ts
 * import { defaultVectorStyle } from "./default_symbol.ts";
 * const style = defaultVectorStyle("polygon", "zones_1");
 * style.renderer.type; // "singleSymbol"
 * ```
 */
export function defaultVectorStyle(
  kind: GeometryKind | null,
  layerId: string,
): VectorStyle {
  return plainVectorStyle(
    kind
      ? {
        type: "singleSymbol",
        symbol: defaultSymbol(kind, defaultSymbolColor(layerId)),
      }
      : { type: "nullSymbol" },
  );
}

/**
 * A layer style of `renderer` alone: opaque, normal blending, no symbol
 * levels, no scale range, no labels.
 *
 * @example
 * ```ts
 * import { plainVectorStyle } from "./default_symbol.ts";
 * plainVectorStyle({ type: "nullSymbol" }).opacity; // 1
 * ```
 */
export function plainVectorStyle(
  renderer: VectorStyle["renderer"],
): VectorStyle {
  return {
    renderer,
    symbolLevels: false,
    opacity: 1,
    blendMode: 0,
    featureBlendMode: 0,
    hasScaleBasedVisibility: false,
    minScale: 0,
    maxScale: 0,
    labelsEnabled: false,
  };
}

/**
 * The renderer types QGIS 3.22 itself knows (`QgsRendererRegistry`); a
 * style's renderer of another type is a plugin's, which QGIS without that
 * plugin cannot load: the layer keeps the default renderer it was opened
 * with.
 */
const QGIS_RENDERERS = new Set([
  "singleSymbol",
  "categorizedSymbol",
  "graduatedSymbol",
  "RuleRenderer",
  "pointDisplacement",
  "pointCluster",
  "invertedPolygonRenderer",
  "heatmapRenderer",
  "25dRenderer",
  "nullSymbol",
  "embeddedSymbol",
  "mergedFeatureRenderer",
]);

/**
 * Whether a renderer type is one of QGIS 3.22's own (not a plugin's).
 *
 * @example
 * ```ts
 * import { isQgisRenderer } from "./default_symbol.ts";
 * isQgisRenderer("25dRenderer"); // true
 * isQgisRenderer("BivariateRenderer"); // false
 * ```
 */
export function isQgisRenderer(type: string): boolean {
  return QGIS_RENDERERS.has(type);
}

/**
 * Whether a vector style's renderer is a plugin's (a type that is not one
 * of QGIS 3.22's): QGIS without the plugin cannot load it and keeps the
 * default renderer the layer was opened with
 * (`QgsVectorLayer::readSymbology`), which draws, lists in the legend and
 * answers feature info for every feature.
 *
 * @example
 * ```ts
 * import { defaultVectorStyle, hasPluginRenderer } from "./default_symbol.ts";
 * hasPluginRenderer(defaultVectorStyle("point", "a")); // false
 * ```
 */
export function hasPluginRenderer(style: VectorStyle): boolean {
  return style.renderer.type === "unsupported" &&
    !isQgisRenderer(style.renderer.name);
}

/**
 * A vector style as QGIS draws it: one with a plugin's renderer
 * ({@link hasPluginRenderer}) keeps all but its renderer, which is the
 * default one for the layer's geometry kind; any other is itself.
 *
 * @example
 * ```ts
 * import { asQgisDraws, defaultVectorStyle } from "./default_symbol.ts";
 * const style = defaultVectorStyle("point", "a");
 * asQgisDraws(style, "point", "a") === style; // true
 * ```
 */
export function asQgisDraws(
  style: VectorStyle,
  kind: GeometryKind | null,
  layerId: string,
): VectorStyle {
  return hasPluginRenderer(style)
    ? { ...style, renderer: defaultVectorStyle(kind, layerId).renderer }
    : style;
}
