/**
 * Layer diagrams as QGIS 3.22 draws them (`QgsPieDiagram`,
 * `QgsHistogramDiagram`, `QgsStackedBarDiagram`, placed by
 * `QgsVectorLayerDiagramProvider`): each feature's diagram is sized
 * (fixed, or linearly interpolated from a value), placed as PAL places
 * its box (over the point or the polygon's centroid, PAL's best position
 * around it, or along lines and inside polygons), then painted with QPainter's arithmetic: pies as
 * `drawPie` on a whole-pixel rectangle (Qt's arc Béziers, filled by Qt's
 * rasterizer, outlined by Qt's cosmetic or wide stroker), bars as
 * rectangles; through the diagrams' paint effect when one is enabled.
 *
 * With a label engine, the diagrams are PAL features among the labels
 * (their candidates here, placed and drawn by `worker/labels/engine.ts`);
 * without one, each is drawn at its cheapest candidate.
 *
 * @module
 */
import type { DiagramStyle } from "../style/model.ts";
import type { Feature } from "../geometry/types.ts";
import { type Rgba, toPixels, type UnitContext } from "../style/props.ts";
import type { CompiledExpression, PaintContext } from "./context.ts";
import { pixelTransform } from "../map/map_settings.ts";
import { paintCoverage, qtCoverage } from "./_coverage.ts";
import { flattenCubic, qtStrokePath, type QtSubpath } from "./qt_stroker.ts";
import { cosmeticCubicPoints, drawCosmetic } from "./cosmetic.ts";
import { qtArc } from "./qt_arc.ts";
import { drawsEffect, drawWithEffect } from "./paint_effect.ts";
import { typefaceFor } from "./font_marker.ts";
import { isTruthy } from "../expression/values.ts";
import { clipPolygon, polygonCentroid, ringArea } from "../labels/_geom.ts";
import {
  type Candidate,
  candidateCentered,
  candidateOverPoint,
  candidatesAroundPoint,
} from "../labels/placement.ts";

/** The diagram types drawn. */
const DRAWN_TYPES = new Set([
  "Pie",
  "Histogram",
  "Stacked",
  "Stackedbar",
  "Text",
]);

/** A diagram to draw: its feature and where (pixels). */
export interface PlacedDiagram {
  /** The feature. */
  feature: Feature;
  /** Left edge of the diagram's box, pixels. */
  left: number;
  /** Bottom edge of the diagram's box, pixels. */
  bottom: number;
  /** The diagram's size in the style's size unit. */
  width: number;
  /** Height in the style's size unit. */
  height: number;
  /**
   * Where PAL may put the box: its candidates in pixels (y up), best
   * first (over the point: one; around it: PAL's ring of positions); none
   * when the label engine makes them from the feature's line or polygon
   * ({@link DiagramLayout.along}).
   */
  candidates: Candidate[];
  /** The box in pixels (PAL's, of the diagram's size in map units). */
  box: { w: number; h: number };
}

/** The diagrams of one layer, placed ({@link layoutDiagrams}). */
export interface DiagramLayout {
  /** The style. */
  style: DiagramStyle;
  /** Diagrams in drawing order. */
  placed: PlacedDiagram[];
  /**
   * `QgsHistogramDiagram`/`QgsStackedBarDiagram::mScaleFactor`: set by the
   * size of the last feature registered, read when drawing every one.
   */
  scaleFactor: number;
  /**
   * The placement when PAL places the boxes along the layer's lines or
   * inside its polygons (`QgsDiagramLayerSettings::Placement`: lines 2
   * parallel, 4 horizontal; polygons 2 along the outer ring, 3 "curved", 4
   * horizontal, 5 free), with the distance in pixels; the label engine
   * makes their candidates (without one, each is drawn over its point).
   */
  along?: { placement: number; dist: number };
}

/** Evaluates a diagram's expression for a feature. */
export type DiagramEvaluator = (
  expression: string,
  feature: Feature,
) => unknown;

/**
 * An evaluator compiling each expression once; bad expressions warn once
 * and are NULL, as QGIS evaluates them.
 *
 * @example
 * ```ts ignore
 * const evaluate = diagramEvaluator(pc);
 * evaluate('"a" * 2', feature);
 * ```
 */
export function diagramEvaluator(pc: PaintContext): DiagramEvaluator {
  const cache = new Map<string, CompiledExpression>();
  return (text, feature) => {
    let fn = cache.get(text);
    if (!fn) {
      try {
        fn = pc.compile(text);
      } catch (error) {
        pc.warn(
          `diagram expression '${text}' is NULL: ${(error as Error).message}`,
        );
        fn = () => null;
      }
      cache.set(text, fn);
    }
    try {
      return fn({
        feature,
        geometry: feature.geometry,
        variables: pc.variables,
      });
    } catch {
      return null;
    }
  };
}

/** `QVariant::toDouble`: `[value, ok]` (NULL and non-numbers 0, not ok). */
function toDouble(v: unknown): [number, boolean] {
  if (typeof v === "number") return Number.isFinite(v) ? [v, true] : [0, false];
  if (typeof v === "boolean") return [v ? 1 : 0, true];
  if (typeof v === "bigint") return [Number(v), true];
  if (typeof v === "string") {
    const t = v.trim();
    if (t !== "" && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
      return [Number(t), true];
    }
  }
  return [0, false];
}

/**
 * Whether the map's scale is within the diagrams' scale range
 * (`QgsVectorLayerDiagramProvider::registerDiagram`).
 *
 * @example
 * ```ts ignore
 * diagramsVisibleAt(style, 25000);
 * ```
 */
export function diagramsVisibleAt(style: DiagramStyle, scale: number): boolean {
  if (!style.scaleBasedVisibility) return true;
  if (style.maxScale > 0 && scale < style.maxScale) return false;
  if (style.minScale > 0 && scale > style.minScale) return false;
  return true;
}

/** `QgsDiagram::sizeForValue`. */
function sizeForValue(style: DiagramStyle, value: number): [number, number] {
  const is = style.interpolation!;
  let v = value, lo = is.lowerValue, hi = is.upperValue;
  if (style.scaleByArea) {
    v = Math.sqrt(v);
    lo = Math.sqrt(lo);
    hi = Math.sqrt(hi);
  }
  const r = (v - lo) / (hi - lo);
  let w = is.upperWidth * r + is.lowerWidth * (1 - r);
  let h = is.upperHeight * r + is.lowerHeight * (1 - r);
  const min = style.minimumSize;
  if (w <= min && h <= min) {
    // QSizeF::scale(min, min, Qt::KeepAspectRatio)
    const same = Math.abs(w - h) <= 1e-8 * Math.max(1, Math.abs(w));
    if (w === 0 && h === 0) return [min, min];
    const rw = min * h / w;
    if (rw <= min) {
      w = min;
      h = rw;
    } else {
      w = min * w / h;
      h = min;
    }
    if (same) w = h;
  }
  return [w, h];
}

/**
 * The marker size the size legend shows for a value, in the style's size
 * unit (`QgsDiagram::legendSize`): a pie's or a text diagram's larger side
 * at that value; bars scaled by the widths alone (upper less lower width
 * per value), the value raised to the minimum size.
 *
 * @example
 * ```ts
 * import { parseVectorStyle } from "../style/qml.ts";
 * import { diagramLegendSize } from "./diagram.ts";
 * const style = parseVectorStyle(
 *   '<qgis><renderer-v2 type="nullSymbol"/><LinearlyInterpolatedDiagramRenderer diagramType="Pie" lowerValue="0" upperValue="100" ' +
 *   'lowerWidth="0" lowerHeight="0" upperWidth="10" upperHeight="10" classificationField="v">' +
 *   '<DiagramCategory scaleDependency="Diameter"/></LinearlyInterpolatedDiagramRenderer></qgis>',
 * )!;
 * diagramLegendSize(style.diagrams!, 50); // 5
 * ```
 */
export function diagramLegendSize(style: DiagramStyle, value: number): number {
  const is = style.interpolation;
  if (!is) return 0;
  if (style.type === "Histogram" || style.type.startsWith("Stacked")) {
    if (is.upperValue === is.lowerValue) return style.minimumSize;
    const v = Math.max(value, style.minimumSize);
    return v * (is.upperWidth - is.lowerWidth) /
      (is.upperValue - is.lowerValue);
  }
  const [w, h] = sizeForValue(style, value);
  return w < h ? h : w; // std::max
}

/**
 * The size of a feature's diagram in the style's unit (null: none), and
 * the bar diagrams' scale factor it sets.
 */
function diagramSize(
  style: DiagramStyle,
  feature: Feature,
  evaluate: DiagramEvaluator,
  units: UnitContext,
  layout: DiagramLayout,
): [number, number] | null {
  const is = style.interpolation;
  const n = style.categories.length;
  const perUnit = toPixels(1, style.sizeUnit, units);
  const spacing = toPixels(style.spacing, style.spacingUnit, units) / perUnit;
  const vertical = style.orientation === "Up" || style.orientation === "Down";
  // QgsTextDiagram sizes as QgsPieDiagram: the fixed size or its value's
  if (style.type === "Pie" || style.type === "Text") {
    if (!is) return [style.width, style.height];
    const [value, ok] = toDouble(evaluate(is.expression, feature));
    return ok ? sizeForValue(style, value) : null;
  }
  if (style.type === "Histogram") {
    if (!is) {
      // QgsHistogramDiagram::diagramSize(attributes): the largest of every
      // attribute of the feature, not only the categories'
      const values = Object.values(feature.attributes).map((v) =>
        toDouble(v)[0]
      );
      const max = values.length ? Math.max(...values) : 0;
      layout.scaleFactor = max / (vertical ? style.height : style.width);
      const across = style.barWidth * n + spacing * Math.max(0, n - 1);
      return vertical ? [across, style.height] : [style.width, across];
    }
    if (is.upperValue === is.lowerValue) return null;
    let max = 0;
    for (const c of style.categories) {
      max = Math.max(toDouble(evaluate(c.expression, feature))[0], max);
    }
    if (max < style.minimumSize) max = style.minimumSize;
    // QGIS's own: upper width less lower *height* for vertical bars
    layout.scaleFactor = vertical
      ? (is.upperWidth - is.lowerHeight) / (is.upperValue - is.lowerValue)
      : (is.upperWidth - is.lowerWidth) / (is.upperValue - is.lowerValue);
    const across = style.barWidth * n + spacing * Math.max(0, n - 1);
    return vertical
      ? [across, max * layout.scaleFactor]
      : [max * layout.scaleFactor, across];
  }
  if (style.type === "Stacked" || style.type === "Stackedbar") {
    // QgsStackedBarDiagram: the bar is as long as a pie of the sum would be
    // wide (sizeForValue, by area or diameter), plus the gaps
    let total = 0;
    for (const c of style.categories) {
      total += toDouble(evaluate(c.expression, feature))[0];
    }
    let along: number;
    if (!is) along = vertical ? style.height : style.width;
    else {
      if (is.upperValue === is.lowerValue) return null;
      const size = sizeForValue(style, total);
      along = vertical ? size[1] : size[0];
    }
    if (!(along > 0)) return null;
    along += spacing * Math.max(0, n - 1);
    return vertical ? [style.barWidth, along] : [along, style.barWidth];
  }
  return null;
}

/**
 * Where PAL puts a feature's diagram box: its point (the first of a
 * multipoint), a polygon's centroid (of its largest part, clipped to the
 * map), a line's middle; map coordinates.
 */
function anchorOf(
  feature: Feature,
  map: PaintContext["map"],
): [number, number] | null {
  const g = feature.geometry;
  if (!g || g.parts.length === 0) return null;
  if (g.kind === "point") return [g.parts[0][0][0], g.parts[0][0][1]];
  const e = map.extent;
  if (g.kind === "polygon") {
    let best: number[][] | null = null, bestArea = -1;
    for (const part of g.parts) {
      for (
        const piece of clipPolygon(
          part.map((r) => Array.from(r)),
          e.xmin,
          e.ymin,
          e.xmax,
          e.ymax,
        )
      ) {
        const area = Math.abs(ringArea(piece[0])) -
          piece.slice(1).reduce((a, r) => a + Math.abs(ringArea(r)), 0);
        if (area > bestArea) {
          bestArea = area;
          best = piece;
        }
      }
    }
    return best ? polygonCentroid(best) : null;
  }
  // a line: the middle of its longest part
  let best: Float64Array | null = null, bestLength = -1;
  for (const part of g.parts) {
    const l = part[0];
    let length = 0;
    for (let i = 0; i + 3 < l.length; i += 2) {
      length += Math.hypot(l[i + 2] - l[i], l[i + 3] - l[i + 1]);
    }
    if (length > bestLength) {
      bestLength = length;
      best = l;
    }
  }
  if (!best) return null;
  let walked = 0;
  for (let i = 0; i + 3 < best.length; i += 2) {
    const d = Math.hypot(best[i + 2] - best[i], best[i + 3] - best[i + 1]);
    if (walked + d >= bestLength / 2 && d > 0) {
      const t = (bestLength / 2 - walked) / d;
      return [
        best[i] + t * (best[i + 2] - best[i]),
        best[i + 1] + t * (best[i + 3] - best[i + 1]),
      ];
    }
    walked += d;
  }
  return [best[0], best[1]];
}

/**
 * Sizes and places a layer's diagrams as QGIS registers them with PAL
 * (`QgsVectorLayerDiagramProvider::registerDiagram`), in feature order.
 *
 * @example
 * ```ts ignore
 * const layout = layoutDiagrams(pc, style, features, diagramEvaluator(pc));
 * drawDiagrams(pc, layout, evaluate);
 * ```
 */
export function layoutDiagrams(
  pc: PaintContext,
  style: DiagramStyle,
  features: Feature[],
  evaluate: DiagramEvaluator,
): DiagramLayout {
  const { map } = pc;
  const units: UnitContext = {
    dpi: map.dpi,
    mapUnitsPerPixel: map.mapUnitsPerPixel,
    mapUnitsPerMeter: map.mapUnitsPerMeter,
  };
  const layout: DiagramLayout = { style, placed: [], scaleFactor: 0 };
  if (!DRAWN_TYPES.has(style.type)) {
    const name = pc.variables.layer_name;
    pc.warn(
      `${
        typeof name === "string" ? `vector layer '${name}': ` : ""
      }diagrams of type '${style.type}' are not drawn yet`,
    );
    return layout;
  }
  const [sx, dx, sy, dy] = pixelTransform(map);
  const { width: mapW, height: mapH } = map;
  const show = style.dataDefined?.show;
  const along = alongPlacement(style);
  let warned = false;
  // QgsVectorLayerDiagramProvider::registerDiagram multiplies the distance
  // by the map units of a pixel whatever its unit: the value in pixels
  if (along) {
    layout.along = { placement: along.placement, dist: style.distance };
  }
  for (const feature of features) {
    const kind = feature.geometry?.kind;
    // PAL makes a line's candidates along it only when parallel or
    // horizontal: over or around the point, or free, a line has none
    if (kind === "line" && !along?.lines) {
      if (style.placement === 3 && !warned) {
        warned = true;
        const name = pc.variables.layer_name;
        pc.warn(
          `${
            typeof name === "string" ? `vector layer '${name}': ` : ""
          }diagrams curved along lines are not drawn (QGIS 3.22 crashes on them: PAL's curved candidates need a label's characters)`,
        );
      }
      continue;
    }
    // QgsVectorLayerDiagramProvider::registerDiagram: a data-defined show
    // first (NULL shows), before the diagram is sized
    if (show?.active) {
      const v = evaluate(show.expression, feature);
      if (v !== null && v !== undefined && !isTruthy(v)) continue;
    }
    const size = diagramSize(style, feature, evaluate, units, layout);
    if (!size || !(size[0] >= 0) || !(size[1] >= 0)) continue;
    const anchor = anchorOf(feature, map);
    if (!anchor) continue;
    // QgsDiagramRenderer::sizeMapUnits: the width, the height kept in
    // proportion; PAL's pixels from here (y up)
    const w = toPixels(size[0], style.sizeUnit, units);
    const h = size[0] > 0 ? size[1] * (w / size[0]) : 0;
    // an empty box is never placed (QGIS 3.22 draws no zero-length bars)
    if (!(w > 0 && h > 0)) continue;
    const x = sx * anchor[0] + dx, y = -(sy * anchor[1] + dy);
    let candidates: Candidate[];
    if (along && kind !== "point") {
      // the label engine's, from the line or polygon; drawn over the point
      // without one
      const over = candidateOverPoint(x, y, { w, h, dist: 0 }, 4, 0, 0);
      layout.placed.push({
        feature,
        left: over.x,
        bottom: -over.y,
        width: size[0],
        height: size[1],
        candidates: [],
        box: { w, h },
      });
      continue;
    }
    if (style.placement !== 1) {
      // around the point (a point's other placements too, as PAL makes a
      // point's candidates): PAL's ring of positions at the distance, which
      // QgsVectorLayerDiagramProvider::registerDiagram multiplies by the
      // map units of a pixel whatever its unit: the value in pixels; a
      // polygon's at distance 0 centred on its centroid first
      const box = { w, h, dist: style.distance };
      candidates = candidatesAroundPoint(x, y, box);
      if (kind === "polygon" && style.distance === 0) {
        candidates.unshift(candidateCentered(x, y, box));
      }
    } else candidates = [candidateOverPoint(x, y, { w, h, dist: 0 }, 4, 0, 0)];
    // Pal::extract: a candidate must touch the map (QGIS 3.22 draws pies
    // shown or not cut by its edge)
    candidates = candidates.filter((c) =>
      c.x <= mapW && c.x + w >= 0 && c.y <= 0 && c.y + h >= -mapH
    );
    if (candidates.length === 0) continue;
    // without collisions, the cheapest
    let best = candidates[0];
    for (const c of candidates) if (c.cost < best.cost) best = c;
    layout.placed.push({
      feature,
      left: best.x,
      bottom: -best.y,
      width: size[0],
      height: size[1],
      candidates,
      box: { w, h },
    });
  }
  return layout;
}

/**
 * Whether PAL places the layer's boxes along its lines or inside its
 * polygons rather than over or around a point, and whether lines get any
 * (QGIS 3.22's PAL: parallel and horizontal only; "curved" along a line
 * crashes QGIS 3.22, as PAL's curved candidates need a label's
 * characters and a diagram has none).
 */
function alongPlacement(
  style: DiagramStyle,
): { placement: number; lines: boolean } | null {
  const p = style.placement;
  return p >= 2 && p <= 5 ? { placement: p, lines: p === 2 || p === 4 } : null;
}

/** The outline of one pie piece or ellipse: fill contour and stroke path. */
interface QtPath {
  /** Start point and segments (`[x, y]` lines, six-number cubics). */
  sub: QtSubpath;
}

function piePath(
  x: number,
  y: number,
  w: number,
  h: number,
  a: number,
  alen: number,
): QtPath {
  // QPainter::drawPie: moveTo(centre), arcTo(rect, a / 16, alen / 16),
  // closeSubpath
  const cx = x + w / 2, cy = y + h / 2;
  const arc = qtArc(x, y, w, h, a / 16, alen / 16);
  const segs: number[][] = [[arc.x, arc.y]];
  for (let i = 0; i < arc.curves.length; i += 6) {
    segs.push(arc.curves.slice(i, i + 6));
  }
  segs.push([cx, cy]);
  return { sub: { x: cx, y: cy, segs } };
}

function ellipsePath(x: number, y: number, w: number, h: number): QtPath {
  // QPaintEngineEx::drawEllipse: qt_curves_for_arc(rect, 0, -360)
  const arc = qtArc(x, y, w, h, 0, -360);
  const segs: number[][] = [];
  for (let i = 0; i < arc.curves.length; i += 6) {
    segs.push(arc.curves.slice(i, i + 6));
  }
  // the last cubic ends where the first starts: a closed subpath
  return { sub: { x: arc.x, y: arc.y, segs } };
}

function rectPath(x: number, y: number, w: number, h: number): QtPath {
  // QPaintEngineEx::drawRects: the corners as given, not normalized
  const r = x + w, b = y + h;
  return { sub: { x, y, segs: [[r, y], [r, b], [x, b], [x, y]] } };
}

/** Qt's outline mapper's polygon of a path (curves at a quarter pixel). */
function fillContour(p: QtPath): number[] {
  const out: number[] = [p.sub.x, p.sub.y];
  let px = p.sub.x, py = p.sub.y;
  for (const s of p.sub.segs) {
    if (s.length === 2) out.push(s[0], s[1]);
    else flattenCubic(out, px, py, s[0], s[1], s[2], s[3], s[4], s[5]);
    px = s[s.length - 2];
    py = s[s.length - 1];
  }
  return out;
}

/** QCosmeticStroker's polyline of a path (its cubic subdivision). */
function cosmeticPolyline(p: QtPath): Float64Array {
  const out: number[] = [p.sub.x, p.sub.y];
  let px = p.sub.x, py = p.sub.y;
  for (const s of p.sub.segs) {
    if (s.length === 2) out.push(s[0], s[1]);
    else cosmeticCubicPoints(out, [px, py, ...Array.from(s)], 6);
    px = s[s.length - 2];
    py = s[s.length - 1];
  }
  return new Float64Array(out);
}

/** A QPainter with a solid brush and pen, anti-aliased. */
interface Painter {
  pc: PaintContext;
  brush: Rgba | null;
  pen: Rgba | null;
  /** Pen width in pixels (0: cosmetic hairline). */
  penWidth: number;
}

/** `QPainter::drawPath`: the fill, then the pen's outline. */
function drawPath(
  p: Painter,
  path: QtPath,
  cap: "square" | "flat" = "square",
): void {
  const { pc } = p;
  if (p.brush && p.brush[3] > 0) {
    const px = qtCoverage([fillContour(path)], pc.map.width, pc.map.height);
    paintCoverage(pc, px, p.brush, p.brush[3] / 255);
  }
  if (!p.pen || !(p.pen[3] > 0)) return;
  if (p.penWidth <= 1) {
    drawCosmetic(pc, [{ points: cosmeticPolyline(path) }], p.pen, 1, {
      width: p.penWidth,
      caps: true,
      dash: null,
      dashOffset: 0,
    });
    return;
  }
  const outline = qtStrokePath([path.sub], {
    width: p.penWidth,
    cap,
    join: "bevel",
  });
  const px = qtCoverage(outline, pc.map.width, pc.map.height);
  paintCoverage(pc, px, p.pen, p.pen[3] / 255);
}

function withOpacity(c: Rgba, opacity: number): Rgba {
  // QColor::setAlphaF(alphaF * opacity), 16 bits kept
  const a = Math.round((c[3] / 255) * opacity * 65535) / 257;
  return [c[0], c[1], c[2], a];
}

/**
 * Draws a layer's placed diagrams, each where it was placed.
 *
 * @example
 * ```ts ignore
 * drawDiagrams(pc, layoutDiagrams(pc, style, features, evaluate), evaluate);
 * ```
 */
export function drawDiagrams(
  pc: PaintContext,
  layout: DiagramLayout,
  evaluate: DiagramEvaluator,
): void {
  for (const d of layout.placed) {
    drawDiagram(pc, layout, d, evaluate, d.left, d.bottom);
  }
}

/**
 * Draws one diagram with its box's bottom-left corner at (`left`,
 * `bottom`), pixels (`QgsDiagramRenderer::renderDiagram` at the position
 * PAL chose).
 *
 * @example
 * ```ts ignore
 * const d = layout.placed[0];
 * drawDiagram(pc, layout, d, evaluate, d.left, d.bottom);
 * ```
 */
export function drawDiagram(
  pc: PaintContext,
  layout: DiagramLayout,
  d: PlacedDiagram,
  evaluate: DiagramEvaluator,
  left: number,
  bottom: number,
): void {
  const { style } = layout;
  const units: UnitContext = {
    dpi: pc.map.dpi,
    mapUnitsPerPixel: pc.map.mapUnitsPerPixel,
    mapUnitsPerMeter: pc.map.mapUnitsPerMeter,
  };
  const pen = withOpacity(style.penColor, style.opacity);
  const penWidth = toPixels(style.penWidth, style.penUnit, units);
  const values = style.categories.map((c) =>
    toDouble(evaluate(c.expression, d.feature))[0]
  );
  const w = toPixels(d.width, style.sizeUnit, units);
  const h = toPixels(d.height, style.sizeUnit, units);
  const draw = (p: PaintContext, dx: number, dy: number) => {
    const painter: Painter = { pc: p, brush: null, pen, penWidth };
    const x = left + dx, y = bottom + dy;
    if (style.type === "Pie") {
      drawPie(painter, style, values, x, y, w, h);
    } else if (style.type === "Histogram") {
      drawHistogram(painter, layout, values, x, y, units);
    } else if (style.type === "Stacked" || style.type === "Stackedbar") {
      drawStackedBar(painter, layout, values, x, y, [w, h], units);
    } else if (style.type === "Text") {
      const texts = style.categories.map((c) =>
        qtString(evaluate(c.expression, d.feature))
      );
      drawTextDiagram(painter, style, texts, x, y, w, h, units);
    }
  };
  const effect = drawsEffect(style.effect) ? style.effect! : null;
  if (!effect) {
    draw(pc, 0, 0);
    return;
  }
  // QgsDiagramRenderer::renderDiagram records the diagram for its effect
  // with the painter untranslated: the picture's anchor is the map's
  // corner; bars may reach past the diagram's box: a generous margin (it
  // only sizes the effect's image)
  const m = penWidth / 2 +
    (style.type === "Pie" || style.type === "Text"
      ? 0
      : barsReach(layout, values, units));
  drawWithEffect(pc, effect, {
    x: 0,
    y: 0,
    bounds: [left - m, bottom - h - m, left + w + m, bottom + m],
    draw,
  });
}

/** How far a feature's bars may reach from its box's corner, pixels. */
function barsReach(
  layout: DiagramLayout,
  values: number[],
  units: UnitContext,
): number {
  const { style } = layout;
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  const n = values.length;
  const across = n * toPixels(style.barWidth, style.sizeUnit, units) +
    Math.max(0, n - 1) * toPixels(style.spacing, style.spacingUnit, units);
  const along = toPixels(
    max * Math.abs(layout.scaleFactor),
    style.sizeUnit,
    units,
  );
  return Math.max(across, along);
}

function drawPie(
  p: Painter,
  style: DiagramStyle,
  values: number[],
  baseX: number,
  bottom: number,
  w: number,
  h: number,
): void {
  let sum = 0, count = 0;
  for (const v of values) {
    sum += v;
    if (v) count++;
  }
  // drawPie(QRectF, int, int): the angles in whole sixteenths of a degree
  const x = baseX, y = bottom - h, iw = w, ih = h;
  if (!(sum > 0)) {
    p.brush = [0, 0, 0, 0];
    drawPath(p, ellipsePath(x, y, iw, ih));
    return;
  }
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!v) continue;
    const angle = v / sum * 360 * 16;
    p.brush = withOpacity(style.categories[i].color, style.opacity);
    if (count === 1) drawPath(p, ellipsePath(x, y, iw, ih));
    else {
      const start = style.clockwise
        ? -16 * style.rotationOffset - total - angle
        : -16 * style.rotationOffset + total;
      drawPath(p, piePath(x, y, iw, ih, Math.trunc(start), Math.trunc(angle)));
    }
    total += angle;
  }
}

/**
 * `QgsTextDiagram::renderDiagram` as QGIS 3.22 builds it: always its
 * default circle shape and vertical orientation (nothing sets them), the
 * background ellipse, a separator between values, each value centred on
 * its row in its category's colour.
 */
function drawTextDiagram(
  p: Painter,
  style: DiagramStyle,
  texts: string[],
  baseX: number,
  bottom: number,
  w: number,
  h: number,
  units: UnitContext,
): void {
  const { pc } = p;
  const baseY = bottom - h;
  const n = texts.length;
  // its pen, brush and values take their colours as they are (no opacity)
  p.pen = style.penColor;
  p.brush = style.backgroundColor;
  // QPainter has only drawEllipse(int, int, int, int) of four numbers:
  // the circle's box truncated to whole pixels (the separators are not)
  const [ix, iy, iw, ih] = [baseX, baseY, w, h].map(Math.trunc);
  drawPath(p, ellipsePath(ix, iy, iw, ih));
  p.brush = null;
  const cx = baseX + w / 2, cy = baseY + h / 2, r1 = w / 2, r2 = h / 2;
  for (let i = 1; i < n; i++) {
    // lineEllipseIntersection of the row's line across the box
    const ly = baseY + h / n * i - cy;
    const d = 1 - ly * ly / (r2 * r2);
    if (!(d > 0)) continue;
    const dx = r1 * Math.sqrt(d);
    drawPath(p, {
      sub: { x: cx - dx, y: ly + cy, segs: [[cx + dx, ly + cy]] },
    }, "flat");
  }
  // QgsDiagram::scaledFont: the point size as pixels (QFont::setPixelSize
  // truncates)
  const pixel = style.sizeUnit === "MapUnit"
    ? Math.max(1, Math.trunc(style.font.size / units.mapUnitsPerPixel))
    : Math.trunc(style.font.size * 0.376 * units.dpi / 25.4);
  if (pixel <= 0) return;
  const tf = typefaceFor(
    pc.ck,
    style.font.family,
    [style.font.bold ? "Bold" : "", style.font.italic ? "Oblique" : ""]
      .filter(Boolean).join(" "),
  );
  if (!tf) return;
  const font = new pc.ck.Font(tf, pixel);
  const metrics = font.getMetrics();
  // QFontMetricsF::height of Qt's FreeType engine: FreeType's size metrics,
  // the ascender and descender rounded out to whole pixels
  const height = Math.ceil(-metrics.ascent) + Math.ceil(metrics.descent);
  const xHeight = xHeightOf(font);
  const paint = new pc.ck.Paint();
  paint.setAntiAlias(true);
  for (let i = 0; i < n; i++) {
    const text = texts[i];
    if (!text) continue;
    const ids = font.getGlyphIDs(text);
    let advance = 0;
    for (const g of font.getGlyphWidths(ids)) advance += g;
    // the row's middle: QGIS adds w / n / 2 (not h) to the row's top
    const x = baseX + w / 2 - advance / 2;
    const y = baseY + h / n * i + w / n / 2 +
      (style.labelPlacementMethod === "Height" ? height / 2 : xHeight);
    const c = style.categories[i].color;
    paint.setColor(pc.ck.Color(c[0], c[1], c[2], c[3] / 255));
    const blob = pc.ck.TextBlob.MakeFromText(text, font);
    if (blob) {
      pc.canvas.drawTextBlob(blob, x, y, paint);
      blob.delete();
    }
  }
  paint.delete();
  font.delete();
}

/** The font's x-height: the top of its `x` glyph above the baseline. */
function xHeightOf(font: import("canvaskit-wasm").Font): number {
  const ids = font.getGlyphIDs("x");
  const b = font.getGlyphBounds(ids);
  return -b[1];
}

/** QVariant::toString of an expression's value (NULL is empty). */
function qtString(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "true" : "false";
  return String(v);
}

function drawHistogram(
  p: Painter,
  layout: DiagramLayout,
  values: number[],
  baseX: number,
  baseY: number,
  units: UnitContext,
): void {
  const { style } = layout;
  const px = (v: number) => toPixels(v, style.sizeUnit, units);
  let max = 0;
  for (const v of values) max = Math.max(v, max);
  const scaledMax = px(max * layout.scaleFactor);
  const width = px(style.barWidth);
  const spacing = toPixels(style.spacing, style.spacingUnit, units);
  // horizontal bars: the first on top
  const across = values.length * width +
    spacing * Math.max(0, values.length - 1);
  let offset = 0;
  for (let i = 0; i < values.length; i++) {
    const length = px(values[i] * layout.scaleFactor);
    p.brush = withOpacity(style.categories[i].color, style.opacity);
    let r: [number, number, number, number];
    switch (style.orientation) {
      case "Down":
        r = [baseX + offset, baseY - scaledMax, width, length];
        break;
      case "Right":
        r = [baseX, baseY - across + offset, length, width];
        break;
      case "Left":
        r = [baseX + scaledMax, baseY - across + offset, -length, width];
        break;
      default:
        r = [baseX + offset, baseY, width, -length];
    }
    drawPath(p, rectPath(...r));
    offset += width + spacing;
  }
}

function drawStackedBar(
  p: Painter,
  layout: DiagramLayout,
  values: number[],
  baseX: number,
  baseY: number,
  size: [number, number],
  units: UnitContext,
): void {
  const { style } = layout;
  let total = 0;
  for (const v of values) total += v;
  if (!(total > 0)) return;
  const spacing = toPixels(style.spacing, style.spacingUnit, units);
  const totalSpacing = spacing * Math.max(0, values.length - 1);
  const vertical = style.orientation === "Up" || style.orientation === "Down";
  const full = vertical ? size[1] : size[0];
  const barLength = full - totalSpacing;
  const width = vertical ? size[0] : size[1];
  let offset = 0;
  for (let i = 0; i < values.length; i++) {
    const length = barLength * values[i] / total;
    p.brush = withOpacity(style.categories[i].color, style.opacity);
    let r: [number, number, number, number];
    switch (style.orientation) {
      case "Down":
        r = [baseX, baseY - full + offset, width, length];
        break;
      case "Right":
        r = [baseX + offset, baseY, length, -width];
        break;
      case "Left":
        r = [baseX + full - offset, baseY, -length, -width];
        break;
      default:
        r = [baseX, baseY - offset, width, -length];
    }
    drawPath(p, rectPath(...r));
    offset += length + spacing;
  }
}
