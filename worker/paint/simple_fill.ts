/**
 * QGIS's `SimpleFill` symbol layer: a brush (solid, none or one of Qt's
 * pattern brushes) and an outline pen, offset as the layer says.
 *
 * @module
 */
import type { SymbolLayer } from "../style/model.ts";
import { propPoint, type Rgba } from "../style/props.ts";
import type { PaintContext } from "./context.ts";
import type { Paint } from "canvaskit-wasm";
import { drawContoursDirect, pathOf, qtDashPattern } from "./_skia.ts";
import { type Dd, px, staticOf } from "./_dd.ts";
import {
  type CosmeticPath,
  type CosmeticPen,
  drawCosmetic,
  isCosmeticPenUnder,
} from "./cosmetic.ts";
import { drawTarget } from "./_coverage.ts";
import { drawWidePen, qtJoinOf } from "./wide_pen.ts";
import {
  drawAndDelete,
  fillPaint,
  patternPaint,
  releasePaint,
  strokePaint,
} from "./_paints.ts";

/** A `SimpleFill` layer's properties, in pixels. */
interface FillStyle {
  fill: Rgba;
  style: string;
  stroke: Rgba;
  strokeStyle: string;
  width: number;
  join: ReturnType<Dd["join"]>;
  /** The offset. */
  dx: number;
  dy: number;
  /** The outline's named dash pattern (in pen widths), or null. */
  dash: number[] | null;
  /** The outline as the cosmetic stroker draws it (when thin). */
  cosmetic: CosmeticPen;
}

const EMPTY = new Float64Array(0);
const oneRing: CosmeticPath[] = [{ points: EMPTY }];

const styles = new WeakMap<SymbolLayer, { map: unknown; value: FillStyle }>();

function fillStyle(pc: PaintContext, layer: SymbolLayer, dd: Dd): FillStyle {
  const props = layer.props;
  const [ox, oy] = dd.point(layer, "offset", propPoint(props, "offset"));
  const fill = dd.colorOf(layer, "fillColor", "color", [0, 0, 255, 255]);
  const style = dd.str(layer, "fillStyle", props.style ?? "solid");
  const stroke = dd.outlineColor(layer);
  const strokeStyle = dd.outlineStyle(layer);
  const width = dd.size(layer, "outlineWidth", "outline_width", 0.26);
  const dash = qtDashPattern(strokeStyle);
  return {
    fill,
    style,
    stroke,
    strokeStyle,
    width,
    join: dd.join(layer, "bevel"),
    dx: px(pc, props, ox, "offset_unit"),
    dy: px(pc, props, oy, "offset_unit"),
    dash,
    cosmetic: { width, caps: true, dash, dashOffset: 0 },
  };
}

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
  origin: [number, number] | null = null,
): void {
  const { ck } = pc;
  const st = staticOf(styles, pc, layer, () => fillStyle(pc, layer, dd));
  const { fill, style, stroke, strokeStyle, width, join, dx, dy } = st;
  const brush = style === "no"
    ? null
    : style === "solid"
    ? fillPaint(pc, fill, opacity)
    : patternPaint(pc, style, fill, opacity, origin);
  const { matrix: m, direct } = drawTarget(pc);
  if (isCosmeticPenUnder(m, width)) {
    // QPainter draws pens up to a pixel wide with its cosmetic stroker
    fillRings(pc, rings, dx, dy, brush, null);
    if (strokeStyle === "no" || stroke[3] === 0) return;
    if (dx !== 0 || dy !== 0) {
      const shifted = rings.map((r) =>
        r.map((v, i) => v + (i % 2 === 0 ? dx : dy))
      );
      drawCosmetic(
        pc,
        shifted.map((points) => ({ points })),
        stroke,
        opacity,
        st.cosmetic,
        m,
        direct,
      );
    } else if (rings.length === 1) {
      // one ring (most polygons): a path object reused
      oneRing[0].points = rings[0];
      try {
        drawCosmetic(pc, oneRing, stroke, opacity, st.cosmetic, m, direct);
      } finally {
        oneRing[0].points = EMPTY;
      }
    } else {
      drawCosmetic(
        pc,
        rings.map((points) => ({ points })),
        stroke,
        opacity,
        st.cosmetic,
        m,
        direct,
      );
    }
    return;
  }
  const named = st.dash;
  if (strokeStyle === "solid" || named) {
    // wider pens: Qt's dasher and outline of all rings (one path), filled
    // by Qt's rasterizer; QPen's square cap shows on dashes only
    fillRings(pc, rings, dx, dy, brush, null);
    if (stroke[3] === 0) return;
    const shifted = dx !== 0 || dy !== 0
      ? rings.map((r) => r.map((v, i) => v + (i % 2 === 0 ? dx : dy)))
      : rings;
    drawWidePen(pc, [shifted], stroke, opacity, {
      width,
      cap: "square",
      join: qtJoinOf(ck, join),
    }, named ? { pattern: named.map((v) => v * width), offset: 0 } : null);
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
  fillRings(pc, rings, dx, dy, brush, pen);
}

const paints: (Paint | null)[] = [null, null];

/**
 * Draws the rings' path (even-odd, moved by the offset) with the brush then
 * the pen where not null, and releases them.
 */
function fillRings(
  pc: PaintContext,
  rings: Float64Array[],
  dx: number,
  dy: number,
  brush: Paint | null,
  pen: Paint | null,
): void {
  if (!brush && !pen) return;
  const { ck } = pc;
  paints[0] = brush;
  paints[1] = pen;
  try {
    if (
      dx === 0 && dy === 0 &&
      drawContoursDirect(ck, pc.canvas, rings, true, true, paints)
    ) {
      releasePaint(brush);
      releasePaint(pen);
      return;
    }
    const path0 = pathOf(ck, rings, true);
    let path = path0;
    if (dx !== 0 || dy !== 0) {
      const b = new ck.PathBuilder(path0);
      b.offset(dx, dy);
      path = b.detachAndDelete();
      path.setFillType(ck.FillType.EvenOdd);
      path0.delete();
    }
    drawAndDelete(pc.canvas, path, paints);
  } finally {
    paints[0] = paints[1] = null;
  }
}
