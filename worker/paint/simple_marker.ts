/**
 * QGIS's `SimpleMarker` symbol layer: the named shapes of
 * `QgsSimpleMarkerSymbolLayer`, placed on the pixel grid as QGIS's marker
 * image cache places them.
 *
 * @module
 */
import type { SymbolLayer } from "../style/model.ts";
import type { PaintContext } from "./context.ts";
import type { Dd } from "./_dd.ts";
import { drawAndDelete, fillPaint, strokePaint } from "./_paints.ts";
import { markerShape } from "./shapes.ts";
import { sharedPathBuilder } from "./_skia.ts";
import { drawCosmetic, isCosmeticPen } from "./cosmetic.ts";
import { paintCoverage, pixelScratch, totalMatrix } from "./_coverage.ts";
import { qtRasterize } from "./qt_raster.ts";

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
  const props = layer.props;
  const shape = markerShape(dd.str(layer, "name", props.name ?? "circle"));
  const fill = dd.colorOf(layer, "fillColor", "color", [255, 0, 0, 255]);
  const stroke = dd.outlineColor(layer);
  const strokeStyle = dd.outlineStyle(layer);
  const strokeWidth = dd.size(layer, "outlineWidth", "outline_width", 0);
  const join = dd.join(layer, "bevel");
  const cap = dd.cap(layer, "cap_style", "square");
  let cx = x + ox, cy = y + oy;
  let snapped = false;
  // QGIS draws a marker without data-defined size/rotation/colours through
  // an image cache of odd size blitted at a whole-pixel position, which
  // moves the marker's centre onto a pixel centre; so do we.
  const ddActive = [
    "size",
    "angle",
    "name",
    "fillColor",
    "outlineColor",
    "outlineWidth",
    "outlineStyle",
    "joinStyle",
  ]
    .some((k) => layer.dataDefined[k]?.active);
  if (cacheable && !ddActive) {
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
  const path = b.detach();
  if (
    snapped && shape.filled && (strokeStyle === "no" || stroke[3] === 0) &&
    shape.commands.every((c) => c.op === "circle") && unscaled(pc)
  ) {
    // a circle without a pen, filled by Qt's rasterizer (its edge is
    // what shows): addEllipse's four Béziers flattened as QOutlineMapper
    // flattens them
    path.delete();
    const px = pixelScratch;
    px.n = 0;
    const rel = qtFilledCircleOffsets(half);
    const outline = new Float64Array(rel.length);
    for (let i = 0; i < rel.length; i += 2) {
      outline[i] = cx + rel[i];
      outline[i + 1] = cy + rel[i + 1];
    }
    qtRasterize(
      [outline],
      pc.map.width,
      pc.map.height,
      false,
      (x, y, c) => px.push(x, y, c),
    );
    paintCoverage(pc, px, fill, (fill[3] / 255) * opacity);
    return;
  }
  const brush = shape.filled ? fillPaint(pc, fill, opacity) : null;
  if (
    isCosmeticPen(pc, strokeWidth) && strokeStyle === "solid" &&
    shape.commands.every((c) => c.op === "circle") && unscaled(pc)
  ) {
    // QPainter draws pens up to a pixel wide with its cosmetic stroker,
    // a circle as QPainterPath::addEllipse's four Béziers
    drawAndDelete(pc.canvas, path, [brush]);
    if (stroke[3] === 0) return;
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
  const pen = strokePaint(
    pc,
    stroke,
    opacity,
    strokeWidth,
    strokeStyle,
    cap,
    join,
    null,
  );
  drawAndDelete(pc.canvas, path, [brush, pen]);
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
  const cx = 0, cy = 0;
  const k = KAPPA * r;
  const quarters = [
    [r, 0, r, k, k, r, 0, r],
    [0, r, -k, r, -r, k, -r, 0],
    [-r, 0, -r, -k, -k, -r, 0, -r],
    [0, -r, k, -r, r, -k, r, 0],
  ];
  const out: number[] = [cx + r, cy];
  const sub = (p: number[], level: number) => {
    if (level > 0) {
      const dx = p[6] - p[0], dy = p[7] - p[1];
      const len = 0.25 * (Math.abs(dx) + Math.abs(dy));
      if (
        Math.abs(dx * (p[1] - p[5]) - dy * (p[0] - p[4])) >= len ||
        Math.abs(dx * (p[1] - p[3]) - dy * (p[0] - p[2])) >= len
      ) {
        const [x0, y0, x1, y1, x2, y2, x3, y3] = p;
        const ax = (x0 + x1) / 2, ay = (y0 + y1) / 2;
        const bx = (x1 + x2) / 2, by = (y1 + y2) / 2;
        const qx = (x2 + x3) / 2, qy = (y2 + y3) / 2;
        const abx = (ax + bx) / 2, aby = (ay + by) / 2;
        const bqx = (bx + qx) / 2, bqy = (by + qy) / 2;
        const mx = (abx + bqx) / 2, my = (aby + bqy) / 2;
        sub([x0, y0, ax, ay, abx, aby, mx, my], level - 1);
        sub([mx, my, bqx, bqy, qx, qy, x3, y3], level - 1);
        return;
      }
    }
    out.push(cx + p[6], cy + p[7]);
  };
  for (const q of quarters) sub(q, 6);
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

// Maps draw at the device's scale; legends scale their canvas, where QGIS's
// symbol previews are not drawn through the marker cache's path.
function unscaled(pc: PaintContext): boolean {
  const m = totalMatrix(pc);
  return m[0] === 1 && m[4] === 1 && m[1] === 0 && m[3] === 0;
}
