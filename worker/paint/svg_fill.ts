/**
 * The SVG fill symbol layer (`QgsSVGFillSymbolLayer`, class `SVGFill`,
 * QGIS 3.22): the polygon filled with a brush whose texture is the SVG as
 * QGIS's SVG cache renders it (an image of `int(width)` ×
 * `int(width × view box ratio)` pixels, its `param(...)` colours and
 * stroke width replaced), tiled from the feature's texture origin and
 * turned by the layer's angle; then its outline drawn with the layer's
 * line sub-symbol.
 *
 * @module
 */
import type { Feature } from "../geometry/types.ts";
import type { SymbolLayer } from "../style/model.ts";
import { parseColor, propNumber } from "../style/props.ts";
import type { PaintContext } from "./context.ts";
import { type Dd, px } from "./_dd.ts";
import { fillWithTile } from "./pattern_fill.ts";
import { drawSvgMarker, svgHeightRatio } from "./svg_marker.ts";
import { drawSymbol } from "./symbol.ts";

/**
 * Draws an `SVGFill` layer over one polygon's rings (pixels), its tiles
 * anchored at `origin` (the texture origin of the feature's part).
 *
 * @example
 * ```ts ignore
 * import { svgFill } from "./svg_fill.ts";
 * svgFill(pc, layer, rings, feature, 1, dd, [0, 0]);
 * ```
 */
export function svgFill(
  pc: PaintContext,
  layer: SymbolLayer,
  rings: Float64Array[],
  feature: Feature | null,
  opacity: number,
  dd: Dd,
  origin: [number, number] | null,
): void {
  const p = layer.props;
  // QgsSVGFillSymbolLayer::create: QGIS 2.5's names first
  const path = dd.str(layer, "file", p.svgFile ?? "");
  const size = px(
    pc,
    p,
    dd.num(layer, "width", propNumber(p, "width", 20)),
    "pattern_width_unit",
  );
  const fill = dd.color(
    layer,
    "fillColor",
    parseColor(p.svgFillColor ?? p.color, [255, 255, 255, 255]),
  );
  const stroke = dd.color(
    layer,
    "outlineColor",
    parseColor(
      p.svgOutlineColor ?? p.outline_color ?? p.line_color,
      [35, 35, 35, 255],
    ),
  );
  const strokeWidth = dd.num(
    layer,
    "outlineWidth",
    propNumber(
      p,
      "svgOutlineWidth",
      propNumber(p, "outline_width", propNumber(p, "line_width", 0.2)),
    ),
  );
  const angle = dd.num(layer, "angle", propNumber(p, "angle", 0));
  // QgsSVGFillSymbolLayer::applyPattern: no texture under a pixel or over
  // 10,000 pixels wide
  if (path && Math.trunc(size) >= 1 && size <= 10000) {
    const w = Math.trunc(size);
    const h = Math.max(1, Math.trunc(size * svgHeightRatio(pc, path)));
    const strokePx = px(pc, p, strokeWidth, "svg_outline_width_unit");
    const key = `svgfill|${path}|${size}|${fill}|${stroke}|${strokePx}`;
    fillWithTile(pc, rings, origin, opacity, key, w, h, (tc) =>
      // centred so that QGIS's whole-pixel placement puts the image at 0, 0
      drawSvgMarker(tc, {
        path,
        x: -Math.round(-w / 2),
        y: -Math.round(-h / 2),
        size,
        aspect: null,
        angle: 0,
        fill,
        stroke,
        strokeWidthPx: strokePx,
        strokeWidthParam: strokeWidth,
        opacity: 1,
      }), angle);
  }
  // QgsImageFillSymbolLayer::renderPolygon: the outline symbol over every
  // ring, at its own opacity (the fill symbol's is not passed on to it)
  const sub = layer.subSymbol;
  if (sub?.type === "line") {
    for (const ring of rings) {
      drawSymbol(pc, sub, feature, { kind: "line", parts: [[ring]] });
    }
  }
}
