/**
 * QGIS's `PointPatternFill` and `LinePatternFill` symbol layers: a grid of
 * markers, or parallel lines at an angle, clipped to the polygon.
 *
 * @module
 */
import type { Feature } from "../geometry/types.ts";
import type { SymbolLayer } from "../style/model.ts";
import { parseColor, propNumber } from "../style/props.ts";
import type { PaintContext } from "./context.ts";
import { pathOf } from "./_skia.ts";
import type { Dd } from "./_dd.ts";
import { bounds, clipTo, drawAndDelete, strokePaint } from "./_paints.ts";
import { drawMarkerSymbol, drawSymbol } from "./symbol.ts";

/**
 * Fills one polygon (pixels) with a `PointPatternFill` layer's grid of
 * markers, clipped to it.
 *
 * @example
 * ```ts ignore
 * import { pointPatternFill } from "./pattern_fill.ts";
 * pointPatternFill(pc, layer, rings, feature, 1, dd);
 * ```
 */
export function pointPatternFill(
  pc: PaintContext,
  layer: SymbolLayer,
  rings: Float64Array[],
  feature: Feature | null,
  opacity: number,
  dd: Dd,
): void {
  const sub = layer.subSymbol;
  if (!sub) return;
  const dx = dd.size(layer, "distanceX", "distance_x", 15);
  const dy = dd.size(layer, "distanceY", "distance_y", 15);
  const dispX = dd.size(layer, null, "displacement_x", 0);
  const dispY = dd.size(layer, null, "displacement_y", 0);
  const offX = dd.size(layer, null, "offset_x", 0);
  const offY = dd.size(layer, null, "offset_y", 0);
  if (!(dx > 0.5) || !(dy > 0.5)) return;
  const [x0, y0, x1, y1] = bounds(rings);
  const restore = clipTo(pc, rings);
  const margin = Math.max(dx, dy);
  let row = Math.floor((y0 - margin - offY) / dy);
  for (let y = row * dy + offY; y <= y1 + margin; y += dy, row++) {
    let col = Math.floor((x0 - margin - offX) / dx);
    for (let x = col * dx + offX; x <= x1 + margin; x += dx, col++) {
      // displacement shifts every other row / column, as QGIS's pattern tile
      const mx = x + (row % 2 !== 0 ? dispX : 0);
      const my = y + (col % 2 !== 0 ? dispY : 0);
      drawMarkerSymbol(pc, sub, feature, mx, my, opacity);
    }
  }
  restore();
}

/**
 * Fills one polygon (pixels) with a `LinePatternFill` layer's parallel
 * lines, clipped to it.
 *
 * @example
 * ```ts ignore
 * import { linePatternFill } from "./pattern_fill.ts";
 * linePatternFill(pc, layer, rings, feature, 1, dd);
 * ```
 */
export function linePatternFill(
  pc: PaintContext,
  layer: SymbolLayer,
  rings: Float64Array[],
  feature: Feature | null,
  opacity: number,
  dd: Dd,
): void {
  const props = layer.props;
  const distance = dd.size(layer, "lineDistance", "distance", 5);
  // QGIS 3 saves `angle`, QGIS 2 saved `lineangle`; QGIS 3.22 reads both
  const angle = dd.num(
    layer,
    "lineAngle",
    propNumber(props, "lineangle", propNumber(props, "angle", 45)),
  );
  const offset = dd.size(layer, null, "offset", 0);
  if (!(distance > 0.5)) return;
  const sub = layer.subSymbol;
  const [x0, y0, x1, y1] = bounds(rings);
  const restore = clipTo(pc, rings);
  // lines at `angle` counter-clockwise from horizontal, through the canvas origin grid
  const r = (angle * Math.PI) / 180;
  const ux = Math.cos(r), uy = -Math.sin(r); // line direction (screen)
  const nx = -uy, ny = ux; // normal
  const corners = [[x0, y0], [x1, y0], [x0, y1], [x1, y1]];
  const ds = corners.map(([x, y]) => x * nx + y * ny);
  const ts = corners.map(([x, y]) => x * ux + y * uy);
  const dmin = Math.min(...ds), dmax = Math.max(...ds);
  const tmin = Math.min(...ts) - 10, tmax = Math.max(...ts) + 10;
  const lines: Float64Array[] = [];
  for (
    let k = Math.floor((dmin - offset) / distance);
    k * distance + offset <= dmax;
    k++
  ) {
    const d = k * distance + offset;
    lines.push(
      new Float64Array([
        nx * d + ux * tmin,
        ny * d + uy * tmin,
        nx * d + ux * tmax,
        ny * d + uy * tmax,
      ]),
    );
  }
  if (sub) {
    for (const l of lines) {
      drawSymbol(pc, sub, feature, { kind: "line", parts: [[l]] }, { opacity });
    }
  } else {
    const paint = strokePaint(
      pc,
      parseColor(props.color),
      opacity,
      dd.size(layer, null, "linewidth", 0.26),
      "solid",
      pc.ck.StrokeCap.Square,
      pc.ck.StrokeJoin.Bevel,
      null,
    );
    if (paint) drawAndDelete(pc.canvas, pathOf(pc.ck, lines, false), [paint]);
  }
  restore();
}
