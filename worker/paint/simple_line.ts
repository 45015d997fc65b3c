/**
 * QGIS's `SimpleLine` symbol layer: a pen with Qt's dash patterns or a
 * custom dash, caps, joins, an offset and trimmed ends.
 *
 * @module
 */
import type { SymbolLayer } from "../style/model.ts";
import { parseColor, propNumberList, type Rgba } from "../style/props.ts";
import type { PaintContext } from "./context.ts";
import { pathOf, qtDashPattern } from "./_skia.ts";
import {
  type CosmeticPath,
  type CosmeticPen,
  drawCosmetic,
  isCosmeticPenUnder,
} from "./cosmetic.ts";
import { drawTarget } from "./_coverage.ts";
import { drawWidePen, qtCapOf, qtJoinOf } from "./wide_pen.ts";
import { type Dd, px, staticOf } from "./_dd.ts";
import { clipTo, drawAndDelete, strokePaint } from "./_paints.ts";
import { lineLength, offsetLine } from "./geometry.ts";

function customDashOf(
  pc: PaintContext,
  layer: SymbolLayer,
  dd: Dd,
): number[] | null {
  const props = layer.props;
  if (props.use_custom_dash !== "1" && props.use_custom_dash !== "true") {
    return null;
  }
  const ddDash = dd.value(layer, "customDash");
  const list = ddDash !== undefined
    ? String(ddDash).split(";").map(Number).filter(Number.isFinite)
    : propNumberList(props, "customdash");
  if (list.length < 2) return null;
  return list.map((v) => px(pc, props, v, "customdash_unit"));
}

/** A `SimpleLine` layer's properties for one feature (or every one). */
interface LineStyle {
  rgba: Rgba;
  width: number;
  style: string;
  cap: ReturnType<Dd["cap"]>;
  join: ReturnType<Dd["join"]>;
  offset: number;
  dashOffset: number;
  trimStart: number;
  trimEnd: number;
  customDash: number[] | null;
  /** The pen when it is cosmetic. */
  cosmetic: CosmeticPen;
}

const styles = new WeakMap<SymbolLayer, { map: unknown; value: LineStyle }>();

function lineStyle(pc: PaintContext, layer: SymbolLayer, dd: Dd): LineStyle {
  const props = layer.props;
  // read in the order they always were (a failing expression warns once)
  const rgba = dd.color(
    layer,
    "outlineColor",
    parseColor(props.line_color ?? props.color, [35, 35, 35, 255]),
  );
  const width = dd.size(layer, "outlineWidth", "line_width", 0.26);
  const style = dd.str(layer, "outlineStyle", props.line_style ?? "solid");
  const cap = dd.cap(layer, "capstyle", "square");
  const join = dd.join(layer, "bevel");
  const offset = dd.size(layer, "offset", "offset", 0);
  const dashOffset = dd.size(layer, null, "dash_pattern_offset", 0);
  const trimStart = dd.size(layer, null, "trim_distance_start", 0);
  const trimEnd = dd.size(layer, null, "trim_distance_end", 0);
  const customDash = customDashOf(pc, layer, dd);
  return {
    rgba,
    width,
    style,
    cap,
    join,
    offset,
    dashOffset,
    trimStart,
    trimEnd,
    customDash,
    cosmetic: {
      width,
      caps: cap !== pc.ck.StrokeCap.Butt,
      dash: customDash ?? qtDashPattern(style),
      dashOffset,
    },
  };
}

const EMPTY = new Float64Array(0);
const oneLine: CosmeticPath[] = [{ points: EMPTY }];

/**
 * Strokes lines (pixels) as a `SimpleLine` layer; with `insidePolygon`
 * and `draw_inside_polygon`, clipped to that polygon.
 *
 * @example
 * ```ts ignore
 * import { simpleLine } from "./simple_line.ts";
 * simpleLine(pc, layer, lines, 1, dd);
 * ```
 */
export function simpleLine(
  pc: PaintContext,
  layer: SymbolLayer,
  lines: Float64Array[],
  opacity: number,
  dd: Dd,
  insidePolygon: Float64Array[] | null = null,
): void {
  if (lines.length === 0) return;
  const { ck } = pc;
  const props = layer.props;
  const st = staticOf(styles, pc, layer, () => lineStyle(pc, layer, dd));
  const {
    rgba,
    width,
    style,
    cap,
    join,
    offset,
    dashOffset,
    trimStart,
    trimEnd,
    customDash,
  } = st;
  let shifted = offset !== 0 ? lines.map((l) => offsetLine(l, offset)) : lines;
  if (trimStart > 0 || trimEnd > 0) {
    shifted = shifted.map((l) => trimLine(l, trimStart, trimEnd)).filter((l) =>
      l.length >= 4
    );
  }
  const { matrix: m, direct } = drawTarget(pc);
  if (isCosmeticPenUnder(m, width)) {
    // QPainter draws pens up to a pixel wide with its cosmetic stroker
    if (style === "no" || rgba[3] === 0) return;
    const restore = insidePolygon && (props.draw_inside_polygon === "1")
      ? clipTo(pc, insidePolygon)
      : null;
    if (shifted.length === 1 && restore === null) {
      // one line (most features): a path object reused, the canvas as
      // read above
      oneLine[0].points = shifted[0];
      try {
        drawCosmetic(pc, oneLine, rgba, opacity, st.cosmetic, m, direct);
      } finally {
        oneLine[0].points = EMPTY;
      }
    } else {
      drawCosmetic(
        pc,
        shifted.map((points) => ({ points })),
        rgba,
        opacity,
        st.cosmetic,
      );
    }
    restore?.();
    return;
  }
  const named = qtDashPattern(style);
  if (customDash !== null || style === "solid" || named) {
    // wider pens: Qt's dasher, outline and rasterizer, each part one path
    if (rgba[3] === 0) return;
    const restore = insidePolygon && (props.draw_inside_polygon === "1")
      ? clipTo(pc, insidePolygon)
      : null;
    // QGIS hands QPen custom dashes in pen widths, Qt multiplies them back
    const pattern = customDash ?? named?.map((v) => v * width) ?? null;
    drawWidePen(pc, shifted.map((l) => [l]), rgba, opacity, {
      width,
      cap: qtCapOf(ck, cap),
      join: qtJoinOf(ck, join),
    }, pattern ? { pattern, offset: dashOffset } : null);
    restore?.();
    return;
  }
  const paint = strokePaint(
    pc,
    rgba,
    opacity,
    width,
    style,
    cap,
    join,
    customDash,
    dashOffset,
  );
  if (!paint) return;
  // draw_inside_polygon: the stroke is clipped to the polygon it outlines
  const restore = insidePolygon && (props.draw_inside_polygon === "1")
    ? clipTo(pc, insidePolygon)
    : null;
  // QGIS adds a ring as an open subpath (QPainterPath::addPolygon): its
  // first and last vertex get caps, not a join.
  drawAndDelete(pc.canvas, pathOf(ck, shifted, false), [paint]);
  restore?.();
}

/** Cuts `start` pixels off a line's beginning and `end` off its end. */
function trimLine(
  line: Float64Array,
  start: number,
  end: number,
): Float64Array {
  const total = lineLength(line);
  if (start + end >= total) return new Float64Array(0);
  const out: number[] = [];
  let walked = 0;
  const from = start, to = total - end;
  for (let i = 0; i + 3 < line.length; i += 2) {
    const x1 = line[i], y1 = line[i + 1], x2 = line[i + 2], y2 = line[i + 3];
    const len = Math.hypot(x2 - x1, y2 - y1);
    const a = walked, b = walked + len;
    walked = b;
    if (b < from || a > to || len === 0) continue;
    const t0 = Math.max(0, (from - a) / len), t1 = Math.min(1, (to - a) / len);
    if (out.length === 0) out.push(x1 + (x2 - x1) * t0, y1 + (y2 - y1) * t0);
    out.push(x1 + (x2 - x1) * t1, y1 + (y2 - y1) * t1);
  }
  return new Float64Array(out);
}
