/**
 * QGIS's `SimpleFill` symbol layer: a brush (solid, none or one of Qt's
 * pattern brushes) and an outline pen, offset as the layer says.
 *
 * @module
 */
import type { SymbolLayer } from "../style/model.ts";
import { propPoint, type Rgba } from "../style/props.ts";
import type { PaintContext } from "./context.ts";
import { type joinOf, pathOf, qtDashPattern } from "./_skia.ts";
import { type Dd, px } from "./_dd.ts";
import { drawCosmetic, isCosmeticPen } from "./cosmetic.ts";
import { drawWidePen, qtJoinOf } from "./wide_pen.ts";
import {
  drawAndDelete,
  fillPaint,
  patternPaint,
  releasePaint,
  strokePaint,
} from "./_paints.ts";

/**
 * Fills one polygon's rings (pixels) as a `SimpleFill` layer: brush, then
 * outline pen.
 *
 * @example
 * ```ts ignore
 * import { simpleFill } from "./simple_fill.ts";
 * simpleFill(pc, layer, rings, 1, dd);
 * ```
 */
export function simpleFill(
  pc: PaintContext,
  layer: SymbolLayer,
  rings: Float64Array[],
  opacity: number,
  dd: Dd,
): void {
  const { ck } = pc;
  const props = layer.props;
  const fill = dd.colorOf(layer, "fillColor", "color", [0, 0, 255, 255]);
  const style = dd.str(layer, "fillStyle", props.style ?? "solid");
  const stroke = dd.outlineColor(layer);
  const strokeStyle = dd.outlineStyle(layer);
  const width = dd.size(layer, "outlineWidth", "outline_width", 0.26);
  const join = dd.join(layer, "bevel");
  const [ox, oy] = dd.point(layer, "offset", propPoint(props, "offset"));
  const dx = px(pc, props, ox, "offset_unit"),
    dy = px(pc, props, oy, "offset_unit");
  const path0 = pathOf(ck, rings, true);
  let path = path0;
  if (dx !== 0 || dy !== 0) {
    const b = new ck.PathBuilder(path0);
    b.offset(dx, dy);
    path = b.detachAndDelete();
    path.setFillType(ck.FillType.EvenOdd);
    path0.delete();
  }
  const brush = style === "no"
    ? null
    : style === "solid"
    ? fillPaint(pc, fill, opacity)
    : patternPaint(pc, style, fill, opacity);
  if (isCosmeticPen(pc, width)) {
    // QPainter draws pens up to a pixel wide with its cosmetic stroker
    drawAndDelete(pc.canvas, path, [brush]);
    if (strokeStyle === "no" || stroke[3] === 0) return;
    const shifted = dx !== 0 || dy !== 0
      ? rings.map((r) => r.map((v, i) => v + (i % 2 === 0 ? dx : dy)))
      : rings;
    drawCosmetic(pc, shifted.map((points) => ({ points })), stroke, opacity, {
      width,
      caps: true,
      dash: qtDashPattern(strokeStyle),
      dashOffset: 0,
    });
    return;
  }
  if (strokeStyle === "solid") {
    // wider solid pens: Qt's outline of all rings (one path), filled by
    // Qt's rasterizer
    drawAndDelete(pc.canvas, path, [brush]);
    if (stroke[3] === 0) return;
    const shifted = dx !== 0 || dy !== 0
      ? rings.map((r) => r.map((v, i) => v + (i % 2 === 0 ? dx : dy)))
      : rings;
    drawWidePen(pc, [shifted], stroke, opacity, {
      width,
      cap: "square",
      join: qtJoinOf(ck, join),
    });
    return;
  }
  // QPen defaults to a square cap; it only shows on dashes.
  const pen = strokePaint(
    pc,
    stroke,
    opacity,
    width,
    strokeStyle,
    ck.StrokeCap.Square,
    join,
    null,
  );
  // Qt's dasher joins a closed ring's first dash to its last segment (a
  // join at the start vertex, where Skia puts a cap): add that join.
  const joins = pen && qtDashPattern(strokeStyle)
    ? startJoins(pc, rings, dx, dy, stroke, opacity, width, join)
    : null;
  drawAndDelete(pc.canvas, path, [brush, pen]);
  joins?.();
}

function startJoins(
  pc: PaintContext,
  rings: Float64Array[],
  dx: number,
  dy: number,
  stroke: Rgba,
  opacity: number,
  width: number,
  join: ReturnType<typeof joinOf>,
): () => void {
  const eps = 0.05;
  const pieces: number[][] = [];
  for (const r of rings) {
    const n = r.length / 2;
    if (n < 4) continue;
    const [x0, y0] = [r[0] + dx, r[1] + dy];
    // the last vertex before the closing one, and the second vertex
    const [xp, yp] = [r[2 * n - 4] + dx, r[2 * n - 3] + dy];
    const [x1, y1] = [r[2] + dx, r[3] + dy];
    const lp = Math.hypot(x0 - xp, y0 - yp), l1 = Math.hypot(x1 - x0, y1 - y0);
    if (lp === 0 || l1 === 0) continue;
    pieces.push([
      x0 - ((x0 - xp) / lp) * eps,
      y0 - ((y0 - yp) / lp) * eps,
      x0,
      y0,
      x0 + ((x1 - x0) / l1) * eps,
      y0 + ((y1 - y0) / l1) * eps,
    ]);
  }
  const paint = strokePaint(
    pc,
    stroke,
    opacity,
    width,
    "solid",
    pc.ck.StrokeCap.Butt,
    join,
    null,
  );
  return () => {
    if (paint && pieces.length) {
      drawAndDelete(pc.canvas, pathOf(pc.ck, pieces, false), [paint]);
    } else releasePaint(paint);
  };
}
