/**
 * QGIS's `SimpleMarker` symbol layer: the named shapes of
 * `QgsSimpleMarkerSymbolLayer`, placed on the pixel grid as QGIS's marker
 * image cache places them.
 *
 * @module
 */
import type { CanvasKit, Path } from "canvaskit-wasm";
import type { SymbolLayer } from "../style/model.ts";
import type { Rgba } from "../style/props.ts";
import type { DirectPixels, PaintContext } from "./context.ts";
import { type Dd, staticOf } from "./_dd.ts";
import {
  drawAndDelete,
  fillPaint,
  releasePaint,
  strokePaint,
} from "./_paints.ts";
import { type MarkerShape, markerShape } from "./shapes.ts";
import { sharedPathBuilder } from "./_skia.ts";
import {
  cosmeticCubicPoints,
  cosmeticPixels,
  drawCosmetic,
  isCosmeticPenUnder,
} from "./cosmetic.ts";
import {
  blendStamp,
  type CoverageStamp,
  drawTarget,
  makeStamp,
  paintCoverage,
  pixelScratch,
  pushPixel,
  qtCoverage,
} from "./_coverage.ts";
import { qtRasterize } from "./qt_raster.ts";
import { qtArc } from "./qt_arc.ts";
import { qtStrokePath } from "./qt_stroker.ts";
import { qtCapOf, qtJoinOf } from "./wide_pen.ts";

/**
 * Draws a `SimpleMarker` layer's shape centred at `(x, y)` plus the offset;
 * `cacheable` markers snap to the pixel grid as QGIS's marker cache does.
 *
 * @example
 * ```ts ignore
 * import { simpleMarker } from "./simple_marker.ts";
 * simpleMarker(pc, layer, 10, 10, 8, 0, 0, 0, 1, dd, true);
 * ```
 */
export function simpleMarker(
  pc: PaintContext,
  layer: SymbolLayer,
  x: number,
  y: number,
  size: number,
  angle: number,
  ox: number,
  oy: number,
  opacity: number,
  dd: Dd,
  cacheable: boolean,
): void {
  const { ck } = pc;
  const st = staticOf(styles, pc, layer, () => markerStyle(layer, dd));
  const { shape, fill, stroke, strokeStyle, strokeWidth } = st;
  let cx = x + ox, cy = y + oy;
  let snapped = false;
  // QGIS draws a marker without data-defined size/rotation/colours through
  // an image cache of odd size blitted at a whole-pixel position, which
  // moves the marker's centre onto a pixel centre; so do we.
  if (cacheable && !st.ddActive) {
    let scaled = size;
    if (angle !== 0) {
      const r = (angle * Math.PI) / 180;
      scaled = (Math.abs(Math.sin(r)) + Math.abs(Math.cos(r))) * size;
    }
    const pw = Math.floor(
      Math.round((strokeWidth === 0 ? 1 : strokeWidth * 4) + 1) / 2,
    ) * 2;
    // QGIS means "(w + pw) / 2 * 2 + 1" to be odd, but pw is a double there,
    // so the division is exact and the image is w + pw + 1 pixels wide.
    const imageSize = Math.trunc(Math.trunc(scaled) + pw + 1);
    if (imageSize <= 3000) {
      snapped = true;
      const s = imageSize;
      cx = Math.round(x - s / 2 + ox) + s / 2;
      cy = Math.round(y - s / 2 + oy) + s / 2;
    }
  }
  const half = size / 2;
  const { matrix: m, direct } = drawTarget(pc);
  // Maps draw at the device's scale; legends scale their canvas, where
  // QGIS's symbol previews are not drawn through the marker cache's path.
  const unscaled = m[0] === 1 && m[4] === 1 && m[1] === 0 && m[3] === 0;
  if (
    snapped && shape.filled && (strokeStyle === "no" || stroke[3] === 0) &&
    st.circle && unscaled
  ) {
    qtCircleFill(pc, direct, cx, cy, half, fill, (fill[3] / 255) * opacity);
    return;
  }
  if (
    st.circle && strokeStyle === "solid" && unscaled &&
    isCosmeticPenUnder(m, strokeWidth)
  ) {
    // QPainter draws pens up to a pixel wide with its cosmetic stroker,
    // a circle as QPainterPath::addEllipse's four Béziers; on QGIS's
    // marker cache it fills them with its rasterizer
    if (shape.filled && fill[3] !== 0 && opacity !== 0) {
      if (snapped) {
        qtCircleFill(pc, direct, cx, cy, half, fill, (fill[3] / 255) * opacity);
      } else {
        const brush = fillPaint(pc, fill, opacity)!;
        pc.canvas.drawCircle(cx, cy, half, brush);
        releasePaint(brush);
      }
    }
    if (stroke[3] === 0) return;
    if (
      cosmeticCircle(pc, direct, cx, cy, half, stroke, opacity, strokeWidth)
    ) return;
    drawCosmetic(
      pc,
      [{ points: qtCirclePolyline(cx, cy, half) }],
      stroke,
      opacity,
      {
        width: strokeWidth,
        caps: true,
        dash: null,
        dashOffset: 0,
      },
    );
    return;
  }
  if (
    snapped && st.circle && strokeStyle === "solid" && unscaled &&
    stroke[3] !== 0 && opacity !== 0
  ) {
    // QGIS's marker cache draws the circle as QPainterPath::addEllipse's
    // four Béziers: brush through Qt's rasterizer, the wide pen through
    // Qt's stroker (the curves offset as QBezier::shifted) and rasterizer
    if (shape.filled && fill[3] !== 0) {
      qtCircleFill(pc, direct, cx, cy, half, fill, (fill[3] / 255) * opacity);
    }
    const arc = qtArc(cx - half, cy - half, 2 * half, 2 * half, 0, -360);
    const segs: number[][] = [];
    for (let i = 0; i + 5 < arc.curves.length; i += 6) {
      segs.push(arc.curves.slice(i, i + 6));
    }
    const outline = qtStrokePath([{ x: arc.x, y: arc.y, segs }], {
      width: strokeWidth,
      cap: qtCapOf(ck, st.cap),
      join: qtJoinOf(ck, st.join),
    });
    const px = qtCoverage(outline, pc.map.width, pc.map.height);
    paintCoverage(pc, px, stroke, (stroke[3] / 255) * opacity);
    return;
  }
  const brush = shape.filled ? fillPaint(pc, fill, opacity) : null;
  const path = shapePath(ck, shape, cx, cy, half, angle);
  const pen = strokePaint(
    pc,
    stroke,
    opacity,
    strokeWidth,
    strokeStyle,
    st.cap,
    st.join,
    null,
  );
  drawAndDelete(pc.canvas, path, [brush, pen]);
}

/** A `SimpleMarker` layer's properties but its size and angle. */
interface MarkerStyle {
  shape: MarkerShape;
  /** Whether the shape is circles only. */
  circle: boolean;
  fill: Rgba;
  stroke: Rgba;
  strokeStyle: string;
  strokeWidth: number;
  join: ReturnType<Dd["join"]>;
  cap: ReturnType<Dd["cap"]>;
  /** Whether a property that keeps the marker off QGIS's cache is data-defined. */
  ddActive: boolean;
}

const styles = new WeakMap<SymbolLayer, { map: unknown; value: MarkerStyle }>();

function markerStyle(layer: SymbolLayer, dd: Dd): MarkerStyle {
  const props = layer.props;
  const shape = markerShape(dd.str(layer, "name", props.name ?? "circle"));
  return {
    shape,
    circle: shape.commands.every((c) => c.op === "circle"),
    fill: dd.colorOf(layer, "fillColor", "color", [255, 0, 0, 255]),
    stroke: dd.outlineColor(layer),
    strokeStyle: dd.outlineStyle(layer),
    strokeWidth: dd.size(layer, "outlineWidth", "outline_width", 0),
    join: dd.join(layer, "bevel"),
    cap: dd.cap(layer, "cap_style", "square"),
    ddActive: [
      "size",
      "angle",
      "name",
      "fillColor",
      "outlineColor",
      "outlineWidth",
      "outlineStyle",
      "joinStyle",
    ].some((k) => layer.dataDefined[k]?.active),
  };
}

/** The shape's path centred at `(cx, cy)`, `half` the marker size. */
function shapePath(
  ck: CanvasKit,
  shape: MarkerShape,
  cx: number,
  cy: number,
  half: number,
  angle: number,
): Path {
  const r = (angle * Math.PI) / 180;
  const cos = Math.cos(r) * half, sin = Math.sin(r) * half;
  const tx = (
    u: number,
    v: number,
  ): [number, number] => [cx + u * cos - v * sin, cy + u * sin + v * cos];
  const b = sharedPathBuilder(ck);
  for (const c of shape.commands) {
    if (c.op === "poly") {
      for (let i = 0; i + 1 < c.points.length; i += 2) {
        const [a, bb] = tx(c.points[i], c.points[i + 1]);
        if (i === 0) b.moveTo(a, bb);
        else b.lineTo(a, bb);
      }
      b.close();
    } else if (c.op === "circle") {
      b.addCircle(cx, cy, half);
    } else if (c.op === "lines") {
      for (const s of c.segments) {
        for (let i = 0; i + 1 < s.length; i += 2) {
          const [a, bb] = tx(s[i], s[i + 1]);
          if (i === 0) b.moveTo(a, bb);
          else b.lineTo(a, bb);
        }
      }
    } else {
      // Qt arcs: degrees counter-clockwise on screen; Skia: clockwise.
      const steps = Math.max(8, Math.ceil(Math.abs(c.sweep) / 5));
      if (c.closeToCentre) {
        const [a, bb] = tx(0, 0);
        b.moveTo(a, bb);
      }
      for (let i = 0; i <= steps; i++) {
        const t = ((c.start + (c.sweep * i) / steps) * Math.PI) / 180;
        const [a, bb] = tx(Math.cos(t), -Math.sin(t));
        if (i === 0 && !c.closeToCentre) b.moveTo(a, bb);
        else b.lineTo(a, bb);
      }
      if (c.closeToCentre) b.close();
    }
  }
  return b.detach();
}

/**
 * A circle filled by Qt's rasterizer, as QPainter fills `addEllipse`'s
 * four Béziers: blended from a stamp made once per radius and position
 * within a pixel where that is exactly what the rasterizer gives (the
 * map's own pixels; the circle well inside the map, where nothing is
 * clipped; each 26.6 fixed-point point the stamp's moved by whole pixels,
 * which moves every pixel the rasterizer's integer arithmetic emits by as
 * much), else rasterized here.
 */
function qtCircleFill(
  pc: PaintContext,
  direct: DirectPixels | null,
  cx: number,
  cy: number,
  half: number,
  fill: Rgba,
  alpha: number,
): void {
  const rel = qtFilledCircleOffsets(half);
  const { width: w, height: h } = pc.map;
  if (
    direct && direct.width === w && cx - half - 3 >= 0 &&
    cy - half - 3 >= 0 && cx + half + 3 <= w && cy + half + 3 <= h
  ) {
    const x = Math.floor(cx), y = Math.floor(cy);
    const t = fillStamp(half, cx - x, cy - y, w, rel);
    const fixed = t.fixed;
    const dx = 64 * (x - t.x), dy = 64 * (y - t.y);
    let same = true;
    for (let i = 0; i < rel.length; i += 2) {
      if (
        Math.floor((cx + rel[i]) * 64 + 0.5) !== fixed[i] + dx ||
        Math.floor((cy + rel[i + 1]) * 64 + 0.5) !== fixed[i + 1] + dy
      ) {
        same = false;
        break;
      }
    }
    if (same) {
      blendStamp(direct, t.stamp, 4 * (y * w + x), fill, alpha);
      return;
    }
  }
  const px = pixelScratch;
  px.n = 0;
  const outline = new Float64Array(rel.length);
  for (let i = 0; i < rel.length; i += 2) {
    outline[i] = cx + rel[i];
    outline[i + 1] = cy + rel[i + 1];
  }
  qtRasterize(
    [outline],
    w,
    h,
    false,
    pushPixel,
  );
  paintCoverage(pc, px, fill, alpha);
}

interface FillStamp {
  half: number;
  fx: number;
  fy: number;
  mapWidth: number;
  /** The stamp's centre's whole pixel. */
  x: number;
  y: number;
  /** The rasterizer's 26.6 fixed-point points of the stamp. */
  fixed: Int32Array;
  stamp: CoverageStamp;
}

const fillStamps: FillStamp[] = [];

function fillStamp(
  half: number,
  fx: number,
  fy: number,
  mapWidth: number,
  rel: Float64Array,
): FillStamp {
  for (const t of fillStamps) {
    if (
      t.half === half && t.fx === fx && t.fy === fy &&
      t.mapWidth === mapWidth
    ) return t;
  }
  if (fillStamps.length >= 16) fillStamps.length = 0;
  const n = rel.length;
  const x = Math.ceil(half) + 8, y = x;
  const points = new Float64Array(n);
  const fixed = new Int32Array(n);
  for (let i = 0; i < n; i += 2) {
    points[i] = x + fx + rel[i];
    points[i + 1] = y + fy + rel[i + 1];
    fixed[i] = Math.floor(points[i] * 64 + 0.5);
    fixed[i + 1] = Math.floor(points[i + 1] * 64 + 0.5);
  }
  const px = pixelScratch;
  px.n = 0;
  const size = 2 * x + 2;
  qtRasterize([points], size, size, false, pushPixel);
  const t: FillStamp = {
    half,
    fx,
    fy,
    mapWidth,
    x,
    y,
    fixed,
    stamp: makeStamp(px, x, y, mapWidth),
  };
  px.n = 0;
  fillStamps.push(t);
  return t;
}

/**
 * The circle's cosmetic outline blended from a stamp made once per radius,
 * pen width and position within a pixel, when that is exactly what
 * `drawCosmetic` would blend (the map's own pixels; the circle well inside
 * the map, where the stroker clips nothing; its fixed-point points those
 * of the stamp moved by whole pixels, which moves every pixel it draws by
 * as much). Returns false where it is not: the caller draws it.
 */
function cosmeticCircle(
  pc: PaintContext,
  direct: DirectPixels | null,
  cx: number,
  cy: number,
  half: number,
  stroke: Rgba,
  opacity: number,
  width: number,
): boolean {
  const alpha = (stroke[3] / 255) * opacity;
  if (!(alpha > 0)) return false;
  const { width: w, height: h } = pc.map;
  if (
    !(cx - half - 3 >= 0 && cy - half - 3 >= 0 && cx + half + 3 <= w &&
      cy + half + 3 <= h)
  ) return false;
  if (!direct || direct.width !== w) return false;
  const x = Math.floor(cx), y = Math.floor(cy);
  const t = circleStamp(half, cx - x, cy - y, width, w);
  if (!t) return false;
  const rel = t.rel, fixed = t.fixed;
  const dx = 64 * (x - t.x), dy = 64 * (y - t.y);
  for (let i = 0; i < rel.length; i += 2) {
    if (
      Math.trunc((cx + rel[i]) * 64) !== fixed[i] + dx ||
      Math.trunc((cy + rel[i + 1]) * 64) !== fixed[i + 1] + dy
    ) return false;
  }
  blendStamp(direct, t.stamp, 4 * (y * w + x), stroke, alpha);
  return true;
}

interface CircleStamp {
  half: number;
  fx: number;
  fy: number;
  pen: number;
  mapWidth: number;
  /** The outline's points relative to the centre. */
  rel: Float64Array;
  /** The stamp's centre's whole pixel. */
  x: number;
  y: number;
  /** The stroker's 26.6 fixed-point points of the stamp. */
  fixed: Int32Array;
  stamp: CoverageStamp;
}

const circleStamps: (CircleStamp | null)[] = [];

function circleStamp(
  half: number,
  fx: number,
  fy: number,
  pen: number,
  mapWidth: number,
): CircleStamp | null {
  for (const t of circleStamps) {
    if (
      t && t.half === half && t.fx === fx && t.fy === fy && t.pen === pen &&
      t.mapWidth === mapWidth
    ) return t;
  }
  if (circleStamps.length >= 16) circleStamps.length = 0;
  const rel = qtCirclePolyline(0, 0, half).slice();
  const n = rel.length;
  // drawn as a closed ring wherever it is
  if (n < 4 || rel[0] !== rel[n - 2] || rel[1] !== rel[n - 1]) {
    circleStamps.push(null);
    return null;
  }
  const x = Math.ceil(half) + 8, y = x;
  const points = new Float64Array(n);
  const fixed = new Int32Array(n);
  for (let i = 0; i < n; i += 2) {
    points[i] = x + fx + rel[i];
    points[i + 1] = y + fy + rel[i + 1];
    fixed[i] = Math.trunc(points[i] * 64);
    fixed[i + 1] = Math.trunc(points[i + 1] * 64);
  }
  const px = pixelScratch;
  px.n = 0;
  const size = 2 * x + 2;
  cosmeticPixels(
    [{ points }],
    { width: pen, caps: true, dash: null, dashOffset: 0 },
    size,
    size,
    pushPixel,
  );
  const t: CircleStamp = {
    half,
    fx,
    fy,
    pen,
    mapWidth,
    rel,
    x,
    y,
    fixed,
    stamp: makeStamp(px, x, y, mapWidth),
  };
  px.n = 0;
  circleStamps.push(t);
  return t;
}

// QT_PATH_KAPPA: the control-point distance of a quarter circle's Bézier.
const KAPPA = 0.5522847498;

// The polyline Qt's cosmetic stroker draws for addEllipse's circle: from
// the right-hand point clockwise on screen, each cubic split in halves
// while it is not flat (QCosmeticStroker::renderCubicSubdivision).
// The flattened circle relative to its centre, by radius: markers of one
// size share it (the subdivision works on offsets from the centre).
const circleOffsets = new Map<number, Float64Array>();

let circleScratch = new Float64Array(0);

function qtCirclePolyline(cx: number, cy: number, r: number): Float64Array {
  let rel = circleOffsets.get(r);
  if (!rel) {
    if (circleOffsets.size >= 64) circleOffsets.clear();
    circleOffsets.set(r, rel = qtCircleOffsets(r));
  }
  // drawn at once: one array for every marker of a size
  if (circleScratch.length !== rel.length) {
    circleScratch = new Float64Array(rel.length);
  }
  const out = circleScratch;
  for (let i = 0; i < rel.length; i += 2) {
    out[i] = cx + rel[i];
    out[i + 1] = cy + rel[i + 1];
  }
  return out;
}

function qtCircleOffsets(r: number): Float64Array {
  const k = KAPPA * r;
  const quarters = [
    [r, 0, r, k, k, r, 0, r],
    [0, r, -k, r, -r, k, -r, 0],
    [-r, 0, -r, -k, -k, -r, 0, -r],
    [0, -r, k, -r, r, -k, r, 0],
  ];
  const out: number[] = [r, 0];
  for (const q of quarters) cosmeticCubicPoints(out, q, 6);
  return new Float64Array(out);
}

// QBezier::addToPolygon's flattening of addEllipse's quarters (relative to
// the centre, by radius), as QOutlineMapper::curveTo flattens a filled
// path's curves at its threshold of a quarter pixel.
const filledCircles = new Map<number, Float64Array>();

function qtFilledCircleOffsets(r: number): Float64Array {
  let out = filledCircles.get(r);
  if (out) return out;
  const k = KAPPA * r;
  const quarters = [
    [r, 0, r, k, k, r, 0, r],
    [0, r, -k, r, -r, k, -r, 0],
    [-r, 0, -r, -k, -k, -r, 0, -r],
    [0, -r, k, -r, r, -k, r, 0],
  ];
  const pts: number[] = [r, 0];
  for (const q of quarters) {
    const stack: number[][] = [q];
    const levels = [9];
    while (stack.length > 0) {
      const top = stack.length - 1;
      const [x1, y1, x2, y2, x3, y3, x4, y4] = stack[top];
      const y4y1 = y4 - y1, x4x1 = x4 - x1;
      let l = Math.abs(x4x1) + Math.abs(y4y1);
      let d: number;
      if (l > 1) {
        d = Math.abs(x4x1 * (y1 - y2) - y4y1 * (x1 - x2)) +
          Math.abs(x4x1 * (y1 - y3) - y4y1 * (x1 - x3));
      } else {
        d = Math.abs(x1 - x2) + Math.abs(y1 - y2) + Math.abs(x1 - x3) +
          Math.abs(y1 - y3);
        l = 1;
      }
      if (d < 0.25 * l || levels[top] === 0) {
        pts.push(x4, y4);
        stack.pop();
        levels.pop();
      } else {
        // QBezier::split; the first half on top of the stack
        const ax = (x1 + x2) / 2, ay = (y1 + y2) / 2;
        const bx = (x2 + x3) / 2, by = (y2 + y3) / 2;
        const cx = (x3 + x4) / 2, cy = (y3 + y4) / 2;
        const abx = (ax + bx) / 2, aby = (ay + by) / 2;
        const bcx = (bx + cx) / 2, bcy = (by + cy) / 2;
        const mx = (abx + bcx) / 2, my = (aby + bcy) / 2;
        const level = levels[top] - 1;
        stack[top] = [mx, my, bcx, bcy, cx, cy, x4, y4];
        levels[top] = level;
        stack.push([x1, y1, ax, ay, abx, aby, mx, my]);
        levels.push(level);
      }
    }
  }
  out = new Float64Array(pts);
  if (filledCircles.size >= 64) filledCircles.clear();
  filledCircles.set(r, out);
  return out;
}
