/**
 * The arrow line symbol layer (`QgsArrowSymbolLayer`, class `ArrowLine`,
 * QGIS 3.22): a polygon shaped as an arrow along a line's first and last
 * points (or each segment, repeated), straight, or curved along the circle
 * through its first, middle and last points (each three points, repeated),
 * filled with the layer's fill sub-symbol. Curved outlines are Qt's arcs
 * (`QPainterPath::arcTo`) flattened as `QPainterPath::toSubpathPolygons`
 * flattens them, so their vertices fall where QGIS's fall.
 *
 * @module
 */
import type { Feature } from "../geometry/types.ts";
import type { SymbolLayer } from "../style/model.ts";
import type { PaintContext } from "./context.ts";
import { type Dd, px } from "./_dd.ts";
import { qtArc } from "./qt_arc.ts";
import { flattenCubic } from "./qt_stroker.ts";
import { drawSymbol } from "./symbol.ts";

type XY = [number, number];

/** `QgsArrowSymbolLayer::HeadType`: 0 single, 1 reversed, 2 double. */
type HeadType = number;
/** `QgsArrowSymbolLayer::ArrowType`: 0 plain, 1 left half, 2 right half. */
type ArrowType = number;

/** An arrow's sizes in pixels, and its head and arrow types. */
export interface ArrowShape {
  /** Width where the arrow starts. */
  startWidth: number;
  /** Width where the body meets the head. */
  width: number;
  /** The head's length along the line. */
  headLength: number;
  /** The head's half width (its thickness from the line). */
  headThickness: number;
  headType: HeadType;
  arrowType: ArrowType;
  /** Offset to the left of the line (Qt's y down: the perpendicular). */
  offset: number;
}

/**
 * Draws an `ArrowLine` layer along pixel polylines (x, y pairs) as
 * `QgsArrowSymbolLayer::renderPolyline` does; the data-defined sizes and
 * types resolved per arrow (`_resolveDataDefined`).
 *
 * @example
 * ```ts ignore
 * import { arrowLine } from "./arrow_line.ts";
 * arrowLine(pc, layer, lines, feature, 1, dd);
 * ```
 */
export function arrowLine(
  pc: PaintContext,
  layer: SymbolLayer,
  lines: Float64Array[],
  feature: Feature | null,
  opacity: number,
  dd: Dd,
): void {
  const sub = layer.subSymbol;
  if (!sub || sub.type !== "fill") return;
  const p = layer.props;
  const curved = p.is_curved === "1";
  const repeated = p.is_repeated === "1";
  const shape = resolveShape(pc, layer, dd);
  const draw = (ring: XY[]) => {
    // a line of no length has no direction: QGIS's polygon of NaNs draws
    // nothing
    if (ring.length < 3 || ring.some(([x, y]) => !isFinite(x + y))) return;
    const flat = new Float64Array(ring.length * 2 + 2);
    ring.forEach(([x, y], i) => {
      flat[2 * i] = x;
      flat[2 * i + 1] = y;
    });
    // the fill closes the polygon; an explicit closing point changes nothing
    flat[ring.length * 2] = ring[0][0];
    flat[ring.length * 2 + 1] = ring[0][1];
    drawSymbol(pc, sub, feature, { kind: "polygon", parts: [[flat]] }, {
      opacity,
    });
  };
  for (const line of lines) {
    const pts: XY[] = [];
    for (let i = 0; i + 1 < line.length; i += 2) {
      pts.push([line[i], line[i + 1]]);
    }
    if (pts.length === 0) continue;
    if (curved && !repeated) {
      if (pts.length >= 3) {
        draw(curvedArrow(
          pts[0],
          pts[Math.trunc(pts.length / 2)],
          pts[pts.length - 1],
          shape,
        ));
      } else if (pts.length === 2) draw(straightArrow(pts[0], pts[1], shape));
    } else if (curved) {
      for (let i = 0; i < pts.length - 1; i += 2) {
        if (pts.length - i >= 3) {
          draw(curvedArrow(pts[i], pts[i + 1], pts[i + 2], shape));
        } else if (pts.length - i === 2) {
          draw(straightArrow(pts[i], pts[i + 1], shape));
        }
      }
    } else if (!repeated) {
      draw(straightArrow(pts[0], pts[pts.length - 1], shape));
    } else {
      for (let i = 0; i < pts.length - 1; i++) {
        draw(straightArrow(pts[i], pts[i + 1], shape));
      }
    }
  }
}

/**
 * The layer's sizes in pixels and its types, data-defined values first
 * (a NULL or unreadable value keeps the static one).
 */
function resolveShape(
  pc: PaintContext,
  layer: SymbolLayer,
  dd: Dd,
): ArrowShape {
  const p = layer.props;
  const size = (key: string, ddName: string, fallback: number) => {
    const v = dd.num(layer, ddName, Number(p[key] ?? fallback));
    return px(pc, p, Number.isFinite(v) ? v : fallback, `${key}_unit`);
  };
  // QgsSymbolLayerUtils::decodeArrowHeadType / decodeArrowType: a number
  // of the enum or its name; anything else keeps the static type
  const type = (key: string, ddName: string, names: string[]) => {
    const fallback = Math.trunc(Number(p[key] ?? 0)) || 0;
    const v = dd.value(layer, ddName);
    if (v === undefined) return fallback;
    const text = String(v).trim().toLowerCase();
    const byName = names.indexOf(text);
    if (byName >= 0) return byName;
    const n = Number(text);
    return text !== "" && Number.isInteger(n) && n >= 0 && n < names.length
      ? n
      : fallback;
  };
  return {
    width: size("arrow_width", "arrowWidth", 1),
    startWidth: size("arrow_start_width", "arrowStartWidth", 1),
    headLength: size("head_length", "arrowHeadLength", 1.5),
    headThickness: size("head_thickness", "arrowHeadThickness", 1.5),
    offset: size("offset", "offset", 0),
    headType: type("head_type", "arrowHeadType", [
      "single",
      "reversed",
      "double",
    ]),
    arrowType: type("arrow_type", "arrowType", [
      "plain",
      "lefthalf",
      "righthalf",
    ]),
  };
}

const add = (a: XY, b: XY): XY => [a[0] + b[0], a[1] + b[1]];
const sub = (a: XY, b: XY): XY => [a[0] - b[0], a[1] - b[1]];
const mul = (a: XY, k: number): XY => [a[0] * k, a[1] * k];

/**
 * `straightArrow` of qgsarrowsymbollayer.cpp: the arrow from `po` to `pd`
 * (moved apart when too short for its heads), closed.
 *
 * @example
 * ```ts
 * import { straightArrow } from "./arrow_line.ts";
 * const shape = { startWidth: 2, width: 2, headLength: 4, headThickness: 3,
 *   headType: 0, arrowType: 0, offset: 0 };
 * straightArrow([0, 0], [10, 0], shape); // [[0, 1], [6, 1], [6, 3], [10, 0], [6, -3], [6, -1], [0, -1], [0, 1]]
 * ```
 */
export function straightArrow(po: XY, pd: XY, s: ArrowShape): XY[] {
  const { startWidth, width, headType, arrowType } = s;
  const headWidth = s.headLength, headHeight = s.headThickness;
  let length = Math.hypot(pd[0] - po[0], pd[1] - po[1]);
  if (headType === 0 && length < headWidth) {
    po = sub(pd, mul(sub(pd, po), headWidth / length));
    length = headWidth;
  } else if (headType === 1 && length < headWidth) {
    pd = add(po, mul(sub(pd, po), headWidth / length));
    length = headWidth;
  } else if (headType === 2 && length < 2 * headWidth) {
    const v = mul(sub(pd, po), headWidth / length);
    const mid = mul(add(po, pd), 0.5);
    po = sub(mid, v);
    pd = add(mid, v);
    length = 2 * headWidth;
  }
  const bodyLength = length - headWidth;
  const unit = mul(sub(pd, po), 1 / length);
  const perp: XY = [-unit[1], unit[0]];
  po = add(po, mul(perp, s.offset));
  pd = add(pd, mul(perp, s.offset));
  const at = (along: number, across: number): XY =>
    add(add(po, mul(unit, along)), mul(perp, across));
  const right = arrowType === 0 || arrowType === 2;
  const left = arrowType === 0 || arrowType === 1;
  const out: XY[] = [];
  if (headType === 2) {
    out.push(po);
    if (right) {
      out.push(
        at(headWidth, headHeight),
        at(headWidth, width * 0.5),
        at(bodyLength, width * 0.5),
        at(bodyLength, headHeight),
      );
    }
    out.push(pd);
    if (left) {
      out.push(
        at(bodyLength, -headHeight),
        at(bodyLength, -width * 0.5),
        at(headWidth, -width * 0.5),
        at(headWidth, -headHeight),
      );
    }
  } else if (headType === 0) {
    if (right) {
      out.push(
        add(po, mul(perp, startWidth * 0.5)),
        at(bodyLength, width * 0.5),
        at(bodyLength, headHeight),
      );
    } else out.push(po);
    out.push(pd);
    if (left) {
      out.push(
        at(bodyLength, -headHeight),
        at(bodyLength, -width * 0.5),
        sub(po, mul(perp, startWidth * 0.5)),
      );
    } else out.push(po);
  } else if (headType === 1) {
    out.push(po);
    if (right) {
      out.push(
        at(headWidth, headHeight),
        at(headWidth, width * 0.5),
        add(pd, mul(perp, startWidth * 0.5)),
      );
    } else out.push(pd);
    if (left) {
      out.push(
        sub(pd, mul(perp, startWidth * 0.5)),
        at(headWidth, -width * 0.5),
        at(headWidth, -headHeight),
      );
    } else out.push(pd);
  }
  if (out.length) out.push(out[0]);
  return out;
}

// an angle brought into 0–2π (one turn at most, as QGIS's clampAngle)
function clampAngle(a: number): number {
  if (a > 2 * Math.PI) return a - 2 * Math.PI;
  if (a < 0) return a + 2 * Math.PI;
  return a;
}

/**
 * `pointsToCircle`: the circle through three points, or null when they
 * are (nearly) aligned.
 */
function pointsToCircle(a: XY, b: XY, c: XY): { c: XY; r: number } | null {
  const ab = sub(b, a), bc = sub(c, b);
  const ab2 = mul(add(a, b), 0.5), bc2 = mul(add(b, c), 0.5);
  if (Math.abs(ab[0] * bc[1] - ab[1] * bc[0]) < 0.001) return null;
  let cx: number, cy: number;
  if (ab[1] === 0) {
    cx = ab2[0];
    cy = bc2[1] - (cx - bc2[0]) * bc[0] / bc[1];
  } else if (bc[1] === 0) {
    cx = bc2[0];
    cy = ab2[1] - (cx - ab2[0]) * ab[0] / ab[1];
  } else {
    cx = (bc2[1] - ab2[1] + bc[0] * bc2[0] / bc[1] -
      ab[0] * ab2[0] / ab[1]) / (bc[0] / bc[1] - ab[0] / ab[1]);
    cy = bc2[1] - (cx - bc2[0]) * bc[0] / bc[1];
  }
  return { c: [cx, cy], r: Math.hypot(a[0] - cx, a[1] - cy) };
}

// a point of the circle at an angle (counter-clockwise, y down)
function circlePoint(c: XY, r: number, angle: number): XY {
  return [Math.cos(-angle) * r + c[0], Math.sin(-angle) * r + c[1]];
}

/** A QPainterPath's first subpath, flattened as `toSubpathPolygons`. */
class Path {
  readonly points: XY[] = [];
  #moved = false;

  moveTo(p: XY): void {
    // only the first subpath is kept (toSubpathPolygons().at(0))
    if (this.#moved) return;
    this.#moved = true;
    this.points.push(p);
  }

  lineTo(p: XY): void {
    const last = this.points[this.points.length - 1];
    if (
      last && Math.abs(last[0] - p[0]) <= 1e-12 &&
      Math.abs(last[1] - p[1]) <= 1e-12
    ) return;
    this.points.push(p);
  }

  /** `QPainterPath::arcTo`: a line to the arc's start, then its cubics. */
  arcTo(c: XY, r: number, startDeg: number, sweepDeg: number): void {
    if (r === 0 || !Number.isFinite(r)) return;
    const arc = qtArc(c[0] - r, c[1] - r, 2 * r, 2 * r, startDeg, sweepDeg);
    this.lineTo([arc.x, arc.y]);
    let [x, y] = this.points[this.points.length - 1];
    const k = arc.curves;
    for (let i = 0; i + 5 < k.length; i += 6) {
      const flat: number[] = [];
      flattenCubic(
        flat,
        x,
        y,
        k[i],
        k[i + 1],
        k[i + 2],
        k[i + 3],
        k[i + 4],
        k[i + 5],
        9,
        0.5,
      );
      for (let j = 0; j + 1 < flat.length; j += 2) {
        this.points.push([flat[j], flat[j + 1]]);
      }
      x = k[i + 4];
      y = k[i + 5];
    }
  }
}

// pathArcTo of qgsarrowsymbollayer.cpp
function pathArcTo(
  path: Path,
  c: XY,
  r: number,
  angleO: number,
  angleD: number,
  direction: number,
): void {
  const deg = 180 / Math.PI;
  if (direction === 1) {
    if (angleO < angleD) {
      path.arcTo(c, r, angleO * deg, (angleD - angleO) * deg);
    } else path.arcTo(c, r, angleO * deg, 360 - (angleO - angleD) * deg);
  } else {
    if (angleO < angleD) {
      path.arcTo(c, r, angleO * deg, -(360 - (angleD - angleO) * deg));
    } else path.arcTo(c, r, angleO * deg, (angleD - angleO) * deg);
  }
}

// spiralArcTo: two circle arcs through the spiral's quarter points
function spiralArcTo(
  path: Path,
  c: XY,
  startAngle: number,
  startRadius: number,
  endAngle: number,
  endRadius: number,
  direction: number,
): void {
  const a = circlePoint(c, startRadius, startAngle);
  const b = circlePoint(c, endRadius, endAngle);
  let delta = endAngle - startAngle;
  if (direction * delta < 0) delta += direction * 2 * Math.PI;
  const i1 = circlePoint(
    c,
    0.75 * startRadius + 0.25 * endRadius,
    startAngle + 0.25 * delta,
  );
  const i2 = circlePoint(
    c,
    0.5 * startRadius + 0.5 * endRadius,
    startAngle + 0.5 * delta,
  );
  const i3 = circlePoint(
    c,
    0.25 * startRadius + 0.75 * endRadius,
    startAngle + 0.75 * delta,
  );
  const first = pointsToCircle(a, i1, i2);
  if (!first) path.lineTo(i2);
  else {
    const a1 = Math.atan2(first.c[1] - a[1], a[0] - first.c[0]);
    const a2 = Math.atan2(first.c[1] - i2[1], i2[0] - first.c[0]);
    pathArcTo(path, first.c, first.r, a1, a2, direction);
  }
  const second = pointsToCircle(i2, i3, b);
  if (!second) path.lineTo(b);
  else {
    const a1 = Math.atan2(second.c[1] - i2[1], i2[0] - second.c[0]);
    const a2 = Math.atan2(second.c[1] - b[1], b[0] - second.c[0]);
    pathArcTo(path, second.c, second.r, a1, a2, direction);
  }
}

/**
 * `curvedArrow` of qgsarrowsymbollayer.cpp: the arrow along the circle
 * through `po`, `pm` and `pd` (straight when they are aligned, or short
 * and bent less than half a turn).
 *
 * @example
 * ```ts
 * import { curvedArrow } from "./arrow_line.ts";
 * const shape = { startWidth: 2, width: 2, headLength: 4, headThickness: 3,
 *   headType: 0, arrowType: 0, offset: 0 };
 * curvedArrow([0, 0], [20, -10], [40, 0], shape).length > 10; // true
 * ```
 */
export function curvedArrow(po: XY, pm: XY, pd: XY, s: ArrowShape): XY[] {
  const circle = pointsToCircle(po, pm, pd);
  if (!circle) return straightArrow(po, pd, s);
  const { c } = circle;
  const angle = (p: XY) => clampAngle(Math.atan2(c[1] - p[1], p[0] - c[0]));
  const angleO = angle(po), angleM = angle(pm), angleD = angle(pd);
  const direction = clampAngle(angleM - angleO) < clampAngle(angleM - angleD)
    ? 1
    : -1;
  const aType = s.arrowType === 2
    ? direction
    : s.arrowType === 1
    ? -direction
    : 0;
  let delta = angleD - angleO;
  if (direction * delta < 0) delta += direction * 2 * Math.PI;
  const headWidth = s.headLength, headHeight = s.headThickness;
  const length = Math.hypot(pd[0] - po[0], pd[1] - po[1]);
  if (
    Math.abs(delta) < Math.PI &&
    (((s.headType === 0 || s.headType === 1) && length < headWidth) ||
      (s.headType === 2 && length < 2 * headWidth))
  ) {
    return straightArrow(po, pd, s);
  }
  const r = circle.r + s.offset;
  po = circlePoint(c, r, angleO);
  pd = circlePoint(c, r, angleD);
  const headAngle = direction * Math.atan(headWidth / r);
  const { width, startWidth } = s;
  const path = new Path();
  const at = (radius: number, a: number) => circlePoint(c, radius, a);
  if (s.headType === 2) {
    path.moveTo(po);
    if (aType <= 0) {
      path.lineTo(at(r + direction * headHeight, angleO + headAngle));
      pathArcTo(
        path,
        c,
        r + direction * width / 2,
        angleO + headAngle,
        angleD - headAngle,
        direction,
      );
      path.lineTo(at(r + direction * headHeight, angleD - headAngle));
      path.lineTo(pd);
    } else pathArcTo(path, c, r, angleO, angleD, direction);
    if (aType >= 0) {
      path.lineTo(at(r - direction * headHeight, angleD - headAngle));
      pathArcTo(
        path,
        c,
        r - direction * width / 2,
        angleD - headAngle,
        angleO + headAngle,
        -direction,
      );
      path.lineTo(at(r - direction * headHeight, angleO + headAngle));
      path.lineTo(po);
    } else pathArcTo(path, c, r, angleD, angleO, -direction);
  } else if (s.headType === 0) {
    if (aType <= 0) {
      path.moveTo(at(r + direction * startWidth / 2, angleO));
      spiralArcTo(
        path,
        c,
        angleO,
        r + direction * startWidth / 2,
        angleD - headAngle,
        r + direction * width / 2,
        direction,
      );
      path.lineTo(at(r + direction * headHeight, angleD - headAngle));
      path.lineTo(pd);
    } else {
      path.moveTo(po);
      pathArcTo(path, c, r, angleO, angleD, direction);
    }
    if (aType >= 0) {
      path.lineTo(at(r - direction * headHeight, angleD - headAngle));
      spiralArcTo(
        path,
        c,
        angleD - headAngle,
        r - direction * width / 2,
        angleO,
        r - direction * startWidth / 2,
        -direction,
      );
      path.lineTo(at(r + direction * startWidth / 2, angleO));
    } else {
      pathArcTo(path, c, r, angleD, angleO, -direction);
      path.lineTo(at(r + direction * startWidth / 2, angleO));
    }
  } else if (s.headType === 1) {
    path.moveTo(po);
    if (aType <= 0) {
      path.lineTo(at(r + direction * headHeight, angleO + headAngle));
      path.lineTo(at(r + direction * width / 2, angleO + headAngle));
      spiralArcTo(
        path,
        c,
        angleO + headAngle,
        r + direction * width / 2,
        angleD,
        r + direction * startWidth / 2,
        direction,
      );
    } else pathArcTo(path, c, r, angleO, angleD, direction);
    if (aType >= 0) {
      path.lineTo(at(r - direction * startWidth / 2, angleD));
      spiralArcTo(
        path,
        c,
        angleD,
        r - direction * startWidth / 2,
        angleO + headAngle,
        r - direction * width / 2,
        -direction,
      );
      path.lineTo(at(r - direction * headHeight, angleO + headAngle));
      path.lineTo(po);
    } else {
      path.lineTo(pd);
      pathArcTo(path, c, r, angleD, angleO, -direction);
    }
  }
  return path.points;
}
