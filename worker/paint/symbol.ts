/**
 * Draws a QGIS symbol (its symbol layers, bottom first) for one feature,
 * as QGIS's symbol layer classes paint with QPainter: `SimpleFill`,
 * `SimpleLine`, `SimpleMarker`, `FontMarker`, `SvgMarker`, `MarkerLine`,
 * `CentroidFill`, `PointPatternFill`, `LinePatternFill`.
 *
 * @module
 */
import type { Canvas, Paint, Path } from "canvaskit-wasm";
import type { Feature, Geometry } from "../geometry/types.ts";
import type { Symbol, SymbolLayer } from "../style/model.ts";
import {
  parseColor,
  parseUnit,
  propNumber,
  propNumberList,
  propPoint,
  type Rgba,
  toPixels,
} from "../style/props.ts";
import type { CompiledExpression, PaintContext } from "./context.ts";
import {
  capOf,
  color,
  joinOf,
  newPaint,
  pathOf,
  qtDashPattern,
} from "./_skia.ts";
import {
  lineLength,
  offsetLine,
  pointOnSurface,
  pointsAlong,
  polygonCentroid,
} from "./geometry.ts";
import { markerShape } from "./shapes.ts";
import { drawFontMarker } from "./font_marker.ts";
import { drawSvgMarker } from "./svg_marker.ts";

const compiled = new WeakMap<object, Map<string, CompiledExpression | null>>();

/** Per-feature evaluation of data-defined properties. */
class Dd {
  constructor(
    private pc: PaintContext,
    private feature: Feature | null,
  ) {}

  value(layer: SymbolLayer, name: string): unknown {
    const p = layer.dataDefined[name];
    if (!p?.active || !this.feature) return undefined;
    let cache = compiled.get(this.pc.compile);
    if (!cache) {
      cache = new Map();
      compiled.set(this.pc.compile, cache);
    }
    let fn = cache.get(p.expression);
    if (fn === undefined) {
      try {
        fn = this.pc.compile(p.expression);
      } catch (error) {
        this.pc.warn(
          `data-defined ${name} '${p.expression}': ${(error as Error).message}`,
        );
        fn = null;
      }
      cache.set(p.expression, fn);
    }
    if (!fn) return undefined;
    try {
      const v = fn({
        feature: this.feature,
        geometry: this.feature.geometry,
        variables: this.pc.variables,
      });
      return v === null ? undefined : v;
    } catch {
      return undefined;
    }
  }

  num(layer: SymbolLayer, name: string, fallback: number): number {
    const v = this.value(layer, name);
    if (v === undefined) return fallback;
    const n = Number(v);
    return Number.isFinite(n) ? n : fallback;
  }

  str(layer: SymbolLayer, name: string, fallback: string): string {
    const v = this.value(layer, name);
    return v === undefined ? fallback : String(v);
  }

  color(layer: SymbolLayer, name: string, fallback: Rgba): Rgba {
    const v = this.value(layer, name);
    return v === undefined ? fallback : parseColor(String(v), fallback);
  }

  point(
    layer: SymbolLayer,
    name: string,
    fallback: [number, number],
  ): [number, number] {
    const v = this.value(layer, name);
    if (v === undefined) return fallback;
    const [x, y] = String(v).split(",").map(Number);
    return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : fallback;
  }
}

/** Converts a size property with its `<key>_unit` to pixels. */
function px(
  pc: PaintContext,
  props: Record<string, string>,
  value: number,
  unitKey: string,
): number {
  return toPixels(value, parseUnit(props[unitKey]), pc.map);
}

/** A stroke paint as QPainter's pen (Qt dash patterns scale with the width). */
function strokePaint(
  pc: PaintContext,
  rgba: Rgba,
  opacity: number,
  width: number,
  style: string,
  cap: ReturnType<typeof capOf>,
  join: ReturnType<typeof joinOf>,
  customDash: number[] | null,
  dashOffset = 0,
): Paint | null {
  if (style === "no" || rgba[3] === 0) return null;
  const { ck } = pc;
  const p = newPaint(ck, pc.featureBlendMode);
  p.setStyle(ck.PaintStyle.Stroke);
  p.setColor(color(ck, rgba, opacity));
  p.setStrokeWidth(width);
  p.setStrokeCap(cap);
  p.setStrokeJoin(join);
  p.setStrokeMiter(2); // Qt's default miter limit
  let dash: number[] | null = null;
  if (customDash && customDash.length >= 2) dash = customDash;
  else {
    const pattern = qtDashPattern(style);
    if (pattern) {
      const unit = Math.max(width, 1);
      dash = pattern.map((v) => v * unit);
    }
  }
  if (dash) {
    if (dash.length % 2 === 1) dash = [...dash, ...dash];
    if (dash.some((v) => v > 0)) {
      const effect = ck.PathEffect.MakeDash(dash, dashOffset);
      p.setPathEffect(effect);
      effect.delete();
    }
  }
  return p;
}

function fillPaint(
  pc: PaintContext,
  rgba: Rgba,
  opacity: number,
): Paint | null {
  if (rgba[3] === 0 || opacity === 0) return null;
  const p = newPaint(pc.ck, pc.featureBlendMode);
  p.setStyle(pc.ck.PaintStyle.Fill);
  p.setColor(color(pc.ck, rgba, opacity));
  return p;
}

// Qt's 8×8 brush patterns as X bitmaps (bit x of row y, least significant
// bit first; a CLEAR bit is painted with the brush colour).
const PATTERNS: Record<string, number[]> = {
  dense1: [0x00, 0x44, 0x00, 0x00, 0x00, 0x44, 0x00, 0x00],
  dense2: [0x88, 0x00, 0x22, 0x00, 0x88, 0x00, 0x22, 0x00],
  dense3: [0xaa, 0x44, 0xaa, 0x11, 0xaa, 0x44, 0xaa, 0x11],
  dense4: [0x55, 0xaa, 0x55, 0xaa, 0x55, 0xaa, 0x55, 0xaa],
  dense5: [0x55, 0xbb, 0x55, 0xee, 0x55, 0xbb, 0x55, 0xee],
  dense6: [0x77, 0xff, 0xdd, 0xff, 0x77, 0xff, 0xdd, 0xff],
  dense7: [0xff, 0xbb, 0xff, 0xff, 0xff, 0xbb, 0xff, 0xff],
  horizontal: [0xff, 0xff, 0xff, 0x00, 0xff, 0xff, 0xff, 0xff],
  vertical: [0xef, 0xef, 0xef, 0xef, 0xef, 0xef, 0xef, 0xef],
  cross: [0xef, 0xef, 0xef, 0x00, 0xef, 0xef, 0xef, 0xef],
  b_diagonal: [0x7f, 0xbf, 0xdf, 0xef, 0xf7, 0xfb, 0xfd, 0xfe],
  f_diagonal: [0xfe, 0xfd, 0xfb, 0xf7, 0xef, 0xdf, 0xbf, 0x7f],
  diagonal_x: [0x7e, 0xbd, 0xdb, 0xe7, 0xe7, 0xdb, 0xbd, 0x7e],
};

/** A paint filling with Qt's pixel-aligned brush pattern in a colour. */
function patternPaint(
  pc: PaintContext,
  style: string,
  rgba: Rgba,
  opacity: number,
): Paint | null {
  const bits = PATTERNS[style];
  if (!bits) return null;
  const { ck } = pc;
  const pixels = new Uint8Array(8 * 8 * 4);
  const a = Math.round(rgba[3] * opacity);
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      if (!(bits[y] & (1 << x))) {
        const i = (y * 8 + x) * 4;
        pixels.set([rgba[0], rgba[1], rgba[2], a], i);
      }
    }
  }
  const image = ck.MakeImage(
    {
      width: 8,
      height: 8,
      alphaType: ck.AlphaType.Unpremul,
      colorType: ck.ColorType.RGBA_8888,
      colorSpace: ck.ColorSpace.SRGB,
    },
    pixels,
    32,
  );
  if (!image) return null;
  const shader = image.makeShaderOptions(
    ck.TileMode.Repeat,
    ck.TileMode.Repeat,
    ck.FilterMode.Nearest,
    ck.MipmapMode.None,
  );
  image.delete();
  const p = newPaint(ck, pc.featureBlendMode);
  p.setShader(shader);
  shader.delete();
  return p;
}

function drawAndDelete(
  canvas: Canvas,
  path: Path,
  paints: (Paint | null)[],
): void {
  for (const p of paints) {
    if (p) {
      canvas.drawPath(path, p);
      p.delete();
    }
  }
  path.delete();
}

/** Options of {@linkcode drawSymbol}. */
export interface DrawSymbolOptions {
  /** Opacity of the enclosing symbol (sub-symbols). */
  opacity?: number;
  /** Draw only the symbol layers of this pass (symbol levels). */
  pass?: number;
  /** Marker rotation added by a parent (marker line direction), degrees. */
  lineAngle?: number;
}

/**
 * Draws a symbol for a feature whose geometry is given in pixels.
 *
 * @example
 * ```ts ignore
 * import { drawSymbol } from "./symbol.ts";
 * drawSymbol(pc, symbol, feature, pixelGeometry);
 * ```
 */
export function drawSymbol(
  pc: PaintContext,
  symbol: Symbol,
  feature: Feature | null,
  geom: Geometry,
  options: DrawSymbolOptions = {},
): void {
  const opacity = (options.opacity ?? 1) * symbol.alpha;
  const dd = new Dd(pc, feature);
  for (const layer of symbol.layers) {
    if (!layer.enabled) continue;
    if (options.pass !== undefined && layer.pass !== options.pass) continue;
    if (layer.dataDefined.enabled?.active) {
      const v = dd.value(layer, "enabled");
      if (v === false || v === 0 || v === "0" || v === "false") continue;
    }
    drawLayer(
      pc,
      symbol,
      layer,
      feature,
      geom,
      opacity,
      dd,
      options.lineAngle ?? 0,
    );
  }
}

function drawLayer(
  pc: PaintContext,
  symbol: Symbol,
  layer: SymbolLayer,
  feature: Feature | null,
  geom: Geometry,
  opacity: number,
  dd: Dd,
  lineAngle: number,
): void {
  switch (layer.className) {
    case "SimpleFill":
      if (geom.kind === "polygon") {
        for (const part of geom.parts) {
          simpleFill(pc, layer, part, opacity, dd);
        }
      }
      return;
    case "SimpleLine": {
      const lines = linesOf(geom, layer);
      if (geom.kind === "polygon" && layer.props.draw_inside_polygon === "1") {
        // per part, clipped to that part
        for (const part of geom.parts) {
          const partLines = linesOf({ kind: "polygon", parts: [part] }, layer);
          simpleLine(pc, layer, partLines.lines, opacity, dd, part);
        }
      } else simpleLine(pc, layer, lines.lines, opacity, dd);
      return;
    }
    case "HashLine":
    case "MarkerLine": {
      const lines = linesOf(geom, layer);
      markerLine(pc, layer, lines.lines, feature, opacity, dd);
      return;
    }
    case "SimpleMarker":
    case "FontMarker":
    case "SvgMarker":
    case "EllipseMarker":
    case "FilledMarker":
      for (const [x, y] of markerPoints(symbol, geom)) {
        drawMarkerLayer(pc, layer, x, y, opacity, dd, lineAngle);
      }
      return;
    case "GradientFill":
      if (geom.kind === "polygon") {
        for (const part of geom.parts) {
          gradientFill(pc, layer, part, opacity, dd);
        }
      }
      return;
    case "CentroidFill":
      if (geom.kind === "polygon") {
        centroidFill(pc, layer, geom, feature, opacity);
      }
      return;
    case "PointPatternFill":
      if (geom.kind === "polygon") {
        for (const part of geom.parts) {
          pointPatternFill(pc, layer, part, feature, opacity, dd);
        }
      }
      return;
    case "LinePatternFill":
      if (geom.kind === "polygon") {
        for (const part of geom.parts) {
          linePatternFill(pc, layer, part, feature, opacity, dd);
        }
      }
      return;
    default:
      pc.warn(`symbol layer class '${layer.className}' is not drawn`);
  }
}

function markerPoints(symbol: Symbol, geom: Geometry): [number, number][] {
  const out: [number, number][] = [];
  if (geom.kind === "point") {
    for (const part of geom.parts) {
      for (const r of part) {
        for (let i = 0; i + 1 < r.length; i += 2) out.push([r[i], r[i + 1]]);
      }
    }
  } else if (geom.kind === "polygon" && symbol.type !== "marker") {
    for (const part of geom.parts) out.push(polygonCentroid(part));
  } else if (geom.kind === "polygon") {
    for (const part of geom.parts) out.push(polygonCentroid(part));
  } else {
    for (const part of geom.parts) {
      const l = part[0];
      if (l.length >= 2) out.push([l[0], l[1]]);
    }
  }
  return out;
}

function linesOf(
  geom: Geometry,
  layer: SymbolLayer,
): { lines: Float64Array[]; closed: boolean } {
  if (geom.kind === "line") {
    return {
      lines: geom.parts.map((p) => p[0]).filter(Boolean),
      closed: false,
    };
  }
  if (geom.kind === "polygon") {
    // ring_filter: 0 all rings, 1 exterior only, 2 interior only
    const filter = propNumber(layer.props, "ring_filter", 0);
    const lines: Float64Array[] = [];
    for (const part of geom.parts) {
      part.forEach((r, i) => {
        if (filter === 1 && i > 0) return;
        if (filter === 2 && i === 0) return;
        lines.push(r);
      });
    }
    return { lines, closed: true };
  }
  return { lines: [], closed: false };
}

function simpleFill(
  pc: PaintContext,
  layer: SymbolLayer,
  rings: Float64Array[],
  opacity: number,
  dd: Dd,
): void {
  const { ck } = pc;
  const props = layer.props;
  const fill = dd.color(
    layer,
    "fillColor",
    parseColor(props.color, [0, 0, 255, 255]),
  );
  const style = dd.str(layer, "fillStyle", props.style ?? "solid");
  const stroke = dd.color(
    layer,
    "outlineColor",
    parseColor(props.outline_color, [35, 35, 35, 255]),
  );
  const strokeStyle = dd.str(
    layer,
    "outlineStyle",
    props.outline_style ?? "solid",
  );
  const width = px(
    pc,
    props,
    dd.num(layer, "outlineWidth", propNumber(props, "outline_width", 0.26)),
    "outline_width_unit",
  );
  const join = joinOf(
    ck,
    dd.str(layer, "joinStyle", props.joinstyle ?? "bevel"),
    "bevel",
  );
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
    } else paint?.delete();
  };
}

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

function simpleLine(
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
  const rgba = dd.color(
    layer,
    "outlineColor",
    parseColor(props.line_color ?? props.color, [35, 35, 35, 255]),
  );
  const width = px(
    pc,
    props,
    dd.num(layer, "outlineWidth", propNumber(props, "line_width", 0.26)),
    "line_width_unit",
  );
  const style = dd.str(layer, "outlineStyle", props.line_style ?? "solid");
  const cap = capOf(
    ck,
    dd.str(layer, "capStyle", props.capstyle ?? "square"),
    "square",
  );
  const join = joinOf(
    ck,
    dd.str(layer, "joinStyle", props.joinstyle ?? "bevel"),
    "bevel",
  );
  const offset = px(
    pc,
    props,
    dd.num(layer, "offset", propNumber(props, "offset", 0)),
    "offset_unit",
  );
  const dashOffset = px(
    pc,
    props,
    propNumber(props, "dash_pattern_offset", 0),
    "dash_pattern_offset_unit",
  );
  const trimStart = px(
    pc,
    props,
    propNumber(props, "trim_distance_start", 0),
    "trim_distance_start_unit",
  );
  const trimEnd = px(
    pc,
    props,
    propNumber(props, "trim_distance_end", 0),
    "trim_distance_end_unit",
  );
  let shifted = offset !== 0 ? lines.map((l) => offsetLine(l, offset)) : lines;
  if (trimStart > 0 || trimEnd > 0) {
    shifted = shifted.map((l) => trimLine(l, trimStart, trimEnd)).filter((l) =>
      l.length >= 4
    );
  }
  const paint = strokePaint(
    pc,
    rgba,
    opacity,
    width,
    style,
    cap,
    join,
    customDashOf(pc, layer, dd),
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

/** Draws one marker symbol layer at a pixel position. */
function drawMarkerLayer(
  pc: PaintContext,
  layer: SymbolLayer,
  x: number,
  y: number,
  opacity: number,
  dd: Dd,
  lineAngle: number,
): void {
  const props = layer.props;
  const size = px(
    pc,
    props,
    dd.num(layer, "size", propNumber(props, "size", 2)),
    "size_unit",
  );
  const angle = dd.num(layer, "angle", propNumber(props, "angle", 0)) +
    lineAngle;
  const [ox0, oy0] = dd.point(layer, "offset", propPoint(props, "offset"));
  let ox = px(pc, props, ox0, "offset_unit"),
    oy = px(pc, props, oy0, "offset_unit");
  // anchor points: 0 left/top, 1 centre, 2 right/bottom
  const h = propNumber(props, "horizontal_anchor_point", 1);
  const v = propNumber(props, "vertical_anchor_point", 1);
  const width = layer.className === "EllipseMarker"
    ? px(
      pc,
      props,
      propNumber(props, "symbol_width", size),
      "symbol_width_unit",
    )
    : size;
  const height = layer.className === "EllipseMarker"
    ? px(
      pc,
      props,
      propNumber(props, "symbol_height", size),
      "symbol_height_unit",
    )
    : size;
  if (h === 0) ox += width / 2;
  else if (h === 2) ox -= width / 2;
  if (v === 0) oy += height / 2;
  else if (v === 2) oy -= height / 2;
  if (angle !== 0) {
    const r = (angle * Math.PI) / 180;
    [ox, oy] = [
      ox * Math.cos(r) - oy * Math.sin(r),
      ox * Math.sin(r) + oy * Math.cos(r),
    ];
  }
  switch (layer.className) {
    case "FilledMarker": {
      // the shape's outline as a polygon, drawn with the fill sub-symbol
      const sub = layer.subSymbol;
      if (!sub) return;
      const shape = markerShape(dd.str(layer, "name", props.name ?? "circle"));
      const half = size / 2, r = (angle * Math.PI) / 180;
      const c = Math.cos(r) * half, si = Math.sin(r) * half;
      const rings: Float64Array[] = [];
      for (const cmd of shape.commands) {
        let unit: number[] = [];
        if (cmd.op === "poly") unit = cmd.points;
        else if (cmd.op === "circle") {
          for (let i = 0; i < 64; i++) {
            unit.push(
              Math.cos((i * Math.PI) / 32),
              Math.sin((i * Math.PI) / 32),
            );
          }
        } else continue;
        const ring = new Float64Array(unit.length + 2);
        for (let i = 0; i + 1 < unit.length; i += 2) {
          ring[i] = x + ox + unit[i] * c - unit[i + 1] * si;
          ring[i + 1] = y + oy + unit[i] * si + unit[i + 1] * c;
        }
        ring[unit.length] = ring[0];
        ring[unit.length + 1] = ring[1];
        rings.push(ring);
      }
      if (rings.length === 0) return;
      drawSymbol(pc, sub, null, { kind: "polygon", parts: [rings] }, {
        opacity,
      });
      return;
    }
    case "SimpleMarker":
      simpleMarker(
        pc,
        layer,
        x,
        y,
        size,
        angle,
        ox,
        oy,
        opacity,
        dd,
        lineAngle === 0,
      );
      return;
    case "FontMarker": {
      const fill = dd.color(
        layer,
        "fillColor",
        parseColor(props.color, [0, 0, 0, 255]),
      );
      const stroke = dd.color(
        layer,
        "outlineColor",
        parseColor(props.outline_color, [35, 35, 35, 255]),
      );
      const strokeWidth = px(
        pc,
        props,
        dd.num(layer, "outlineWidth", propNumber(props, "outline_width", 0)),
        "outline_width_unit",
      );
      drawFontMarker(pc, {
        x: x + ox,
        y: y + oy,
        size,
        angle,
        chr: dd.str(layer, "char", props.chr ?? "A"),
        family: props.font ?? "DejaVu Sans",
        style: props.font_style ?? "",
        fill,
        stroke,
        strokeWidth,
        opacity,
        join: joinOf(pc.ck, props.joinstyle, "miter"),
      });
      return;
    }
    case "SvgMarker": {
      const fill = dd.color(
        layer,
        "fillColor",
        parseColor(props.color, [255, 0, 0, 255]),
      );
      const stroke = dd.color(
        layer,
        "outlineColor",
        parseColor(props.outline_color, [35, 35, 35, 255]),
      );
      const strokeWidth = dd.num(
        layer,
        "outlineWidth",
        propNumber(props, "outline_width", 0.2),
      );
      const fixedAspect = propNumber(props, "fixedAspectRatio", 0);
      drawSvgMarker(pc, {
        path: dd.str(layer, "name", props.name ?? ""),
        x: x + ox,
        y: y + oy,
        size,
        aspect: fixedAspect > 0 ? fixedAspect : null,
        angle,
        fill,
        stroke,
        strokeWidthPx: px(pc, props, strokeWidth, "outline_width_unit"),
        strokeWidthParam: strokeWidth,
        opacity,
      });
      return;
    }
    case "EllipseMarker": {
      const fill = dd.color(
        layer,
        "fillColor",
        parseColor(props.color, [255, 0, 0, 255]),
      );
      const stroke = dd.color(
        layer,
        "outlineColor",
        parseColor(props.outline_color, [35, 35, 35, 255]),
      );
      const sw = px(
        pc,
        props,
        propNumber(props, "outline_width", 0),
        "outline_width_unit",
      );
      const { ck, canvas } = pc;
      canvas.save();
      canvas.translate(x + ox, y + oy);
      if (angle) canvas.rotate(angle, 0, 0);
      const b = new ck.PathBuilder();
      b.addOval(ck.LTRBRect(-width / 2, -height / 2, width / 2, height / 2));
      drawAndDelete(canvas, b.detachAndDelete(), [
        fillPaint(pc, fill, opacity),
        strokePaint(
          pc,
          stroke,
          opacity,
          sw,
          props.outline_style ?? "solid",
          ck.StrokeCap.Square,
          joinOf(ck, props.joinstyle, "miter"),
          null,
        ),
      ]);
      canvas.restore();
      return;
    }
  }
}

function simpleMarker(
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
  const fill = dd.color(
    layer,
    "fillColor",
    parseColor(props.color, [255, 0, 0, 255]),
  );
  const stroke = dd.color(
    layer,
    "outlineColor",
    parseColor(props.outline_color, [35, 35, 35, 255]),
  );
  const strokeStyle = dd.str(
    layer,
    "outlineStyle",
    props.outline_style ?? "solid",
  );
  const strokeWidth = px(
    pc,
    props,
    dd.num(layer, "outlineWidth", propNumber(props, "outline_width", 0)),
    "outline_width_unit",
  );
  const join = joinOf(
    ck,
    dd.str(layer, "joinStyle", props.joinstyle ?? "bevel"),
    "bevel",
  );
  const cap = capOf(
    ck,
    dd.str(layer, "capStyle", props.cap_style ?? "square"),
    "square",
  );
  let cx = x + ox, cy = y + oy;
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
  const b = new ck.PathBuilder();
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
  const path = b.detachAndDelete();
  const brush = shape.filled ? fillPaint(pc, fill, opacity) : null;
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

/** Draws a marker sub-symbol at a pixel position. */
function drawMarkerSymbol(
  pc: PaintContext,
  symbol: Symbol,
  feature: Feature | null,
  x: number,
  y: number,
  opacity: number,
  lineAngle = 0,
): void {
  drawSymbol(pc, symbol, feature, {
    kind: "point",
    parts: [[new Float64Array([x, y])]],
  }, { opacity, lineAngle });
}

function markerLine(
  pc: PaintContext,
  layer: SymbolLayer,
  lines: Float64Array[],
  feature: Feature | null,
  opacity: number,
  dd: Dd,
): void {
  const sub = layer.subSymbol;
  if (!sub || lines.length === 0) return;
  const props = layer.props;
  const placement = (props.placements ?? props.placement ?? "interval")
    .toLowerCase();
  const interval = px(
    pc,
    props,
    dd.num(layer, "interval", propNumber(props, "interval", 3)),
    "interval_unit",
  );
  const along = px(
    pc,
    props,
    dd.num(layer, "offsetAlongLine", propNumber(props, "offset_along_line", 0)),
    "offset_along_line_unit",
  );
  const offset = px(
    pc,
    props,
    dd.num(layer, "offset", propNumber(props, "offset", 0)),
    "offset_unit",
  );
  const rotate = props.rotate !== "0";
  for (const raw of lines) {
    const line = offset !== 0 ? offsetLine(raw, offset) : raw;
    const positions: { x: number; y: number; angle: number }[] = [];
    const n = line.length / 2;
    if (n < 2) continue;
    const segAngle = (i: number) =>
      (Math.atan2(
        line[2 * i + 3] - line[2 * i + 1],
        line[2 * i + 2] - line[2 * i],
      ) * 180) / Math.PI;
    if (placement.includes("interval")) {
      positions.push(...pointsAlong(line, interval, along));
    }
    if (
      placement.includes("vertex") && !placement.includes("first") &&
        !placement.includes("last") || placement.includes("innervertices")
    ) {
      for (let i = 0; i < n; i++) {
        const a = i === 0
          ? segAngle(0)
          : i === n - 1
          ? segAngle(n - 2)
          : bisect(segAngle(i - 1), segAngle(i));
        positions.push({ x: line[2 * i], y: line[2 * i + 1], angle: a });
      }
    }
    if (placement.includes("firstvertex")) {
      positions.push({ x: line[0], y: line[1], angle: segAngle(0) });
    }
    if (placement.includes("lastvertex")) {
      positions.push({
        x: line[2 * n - 2],
        y: line[2 * n - 1],
        angle: segAngle(n - 2),
      });
    }
    if (placement.includes("centralpoint")) {
      const half = lineLength(line) / 2;
      const p = pointsAlong(line, Number.MAX_VALUE, half)[0];
      if (p) positions.push(p);
    }
    if (placement.includes("segmentcenter")) {
      for (let i = 0; i < n - 1; i++) {
        positions.push({
          x: (line[2 * i] + line[2 * i + 2]) / 2,
          y: (line[2 * i + 1] + line[2 * i + 3]) / 2,
          angle: segAngle(i),
        });
      }
    }
    for (const p of positions) {
      if (layer.className === "HashLine") {
        // a hash of hash_length across the line (hash_angle 0: perpendicular)
        const length = px(
          pc,
          props,
          dd.num(layer, "lineLength", propNumber(props, "hash_length", 3)),
          "hash_length_unit",
        );
        const a = (((rotate ? p.angle : 0) + 90 +
          dd.num(layer, "lineAngle", propNumber(props, "hash_angle", 0))) *
          Math.PI) / 180;
        const dx = (Math.cos(a) * length) / 2, dy = (Math.sin(a) * length) / 2;
        drawSymbol(pc, sub, feature, {
          kind: "line",
          parts: [[new Float64Array([p.x - dx, p.y - dy, p.x + dx, p.y + dy])]],
        }, { opacity });
      } else {
        drawMarkerSymbol(
          pc,
          sub,
          feature,
          p.x,
          p.y,
          opacity,
          rotate ? p.angle : 0,
        );
      }
    }
  }
}

function bisect(a: number, b: number): number {
  let d = b - a;
  while (d > 180) d -= 360;
  while (d < -180) d += 360;
  return a + d / 2;
}

function centroidFill(
  pc: PaintContext,
  layer: SymbolLayer,
  geom: Geometry,
  feature: Feature | null,
  opacity: number,
): void {
  const sub = layer.subSymbol;
  if (!sub) return;
  const onSurface = layer.props.point_on_surface === "1";
  const allParts = layer.props.point_on_all_parts !== "0";
  let parts = geom.parts;
  if (!allParts && parts.length > 1) {
    // the largest part
    let best = parts[0], bestArea = -1;
    for (const p of parts) {
      const a = Math.abs(ringArea(p[0]));
      if (a > bestArea) [best, bestArea] = [p, a];
    }
    parts = [best];
  }
  for (const part of parts) {
    const [x, y] = onSurface ? pointOnSurface(part) : polygonCentroid(part);
    drawMarkerSymbol(pc, sub, feature, x, y, opacity);
  }
}

function ringArea(r: Float64Array): number {
  let a = 0;
  for (let i = 0; i + 3 < r.length; i += 2) {
    a += r[i] * r[i + 3] - r[i + 2] * r[i + 1];
  }
  return a / 2;
}

function clipTo(pc: PaintContext, rings: Float64Array[]): () => void {
  const path = pathOf(pc.ck, rings, true);
  pc.canvas.save();
  pc.canvas.clipPath(path, pc.ck.ClipOp.Intersect, true);
  path.delete();
  return () => pc.canvas.restore();
}

function bounds(rings: Float64Array[]): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const r of rings) {
    for (let i = 0; i + 1 < r.length; i += 2) {
      x0 = Math.min(x0, r[i]);
      x1 = Math.max(x1, r[i]);
      y0 = Math.min(y0, r[i + 1]);
      y1 = Math.max(y1, r[i + 1]);
    }
  }
  return [x0, y0, x1, y1];
}

function pointPatternFill(
  pc: PaintContext,
  layer: SymbolLayer,
  rings: Float64Array[],
  feature: Feature | null,
  opacity: number,
  dd: Dd,
): void {
  const sub = layer.subSymbol;
  if (!sub) return;
  const props = layer.props;
  const dx = px(
    pc,
    props,
    dd.num(layer, "distanceX", propNumber(props, "distance_x", 15)),
    "distance_x_unit",
  );
  const dy = px(
    pc,
    props,
    dd.num(layer, "distanceY", propNumber(props, "distance_y", 15)),
    "distance_y_unit",
  );
  const dispX = px(
    pc,
    props,
    propNumber(props, "displacement_x", 0),
    "displacement_x_unit",
  );
  const dispY = px(
    pc,
    props,
    propNumber(props, "displacement_y", 0),
    "displacement_y_unit",
  );
  const offX = px(pc, props, propNumber(props, "offset_x", 0), "offset_x_unit");
  const offY = px(pc, props, propNumber(props, "offset_y", 0), "offset_y_unit");
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

function linePatternFill(
  pc: PaintContext,
  layer: SymbolLayer,
  rings: Float64Array[],
  feature: Feature | null,
  opacity: number,
  dd: Dd,
): void {
  const props = layer.props;
  const distance = px(
    pc,
    props,
    dd.num(layer, "lineDistance", propNumber(props, "distance", 5)),
    "distance_unit",
  );
  const angle = dd.num(layer, "lineAngle", propNumber(props, "lineangle", 45));
  const offset = px(pc, props, propNumber(props, "offset", 0), "offset_unit");
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
      px(pc, props, propNumber(props, "linewidth", 0.26), "linewidth_unit"),
      "solid",
      pc.ck.StrokeCap.Square,
      pc.ck.StrokeJoin.Bevel,
      null,
    );
    if (paint) drawAndDelete(pc.canvas, pathOf(pc.ck, lines, false), [paint]);
  }
  restore();
}

/**
 * QGIS's `GradientFill`, two-colour linear and radial gradients between the
 * reference points (fractions of the feature's bounding box; default top
 * middle to bottom middle), rotated by `angle` around the centre.
 */
function gradientFill(
  pc: PaintContext,
  layer: SymbolLayer,
  rings: Float64Array[],
  opacity: number,
  dd: Dd,
): void {
  const { ck } = pc;
  const props = layer.props;
  const c1 = dd.color(
    layer,
    "fillColor",
    parseColor(props.color, [0, 0, 255, 255]),
  );
  const c2 = dd.color(
    layer,
    "secondaryColor",
    parseColor(props.gradient_color2, [255, 255, 255, 255]),
  );
  const [x0, y0, x1, y1] = bounds(rings);
  const [r1x, r1y] = propPoint({ p: props.reference_point1 ?? "0.5,0" }, "p");
  const [r2x, r2y] = propPoint({ p: props.reference_point2 ?? "0.5,1" }, "p");
  let p1: [number, number] = [x0 + r1x * (x1 - x0), y0 + r1y * (y1 - y0)];
  let p2: [number, number] = [x0 + r2x * (x1 - x0), y0 + r2y * (y1 - y0)];
  const angle = propNumber(props, "angle", 0);
  if (angle) {
    // QGIS rotates the gradient counter-clockwise around the box centre
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, r = (-angle * Math.PI) / 180;
    const rot = ([x, y]: [number, number]): [number, number] => [
      cx + (x - cx) * Math.cos(r) - (y - cy) * Math.sin(r),
      cy + (x - cx) * Math.sin(r) + (y - cy) * Math.cos(r),
    ];
    p1 = rot(p1);
    p2 = rot(p2);
  }
  const colors = [color(ck, c1, opacity), color(ck, c2, opacity)];
  const type = propNumber(props, "gradient_type", 0);
  const spread = propNumber(props, "spread", 0);
  const mode = spread === 1
    ? ck.TileMode.Mirror
    : spread === 2
    ? ck.TileMode.Repeat
    : ck.TileMode.Clamp;
  const shader = type === 1
    ? ck.Shader.MakeRadialGradient(
      p1,
      Math.hypot(p2[0] - p1[0], p2[1] - p1[1]) || 1,
      colors,
      null,
      mode,
    )
    : ck.Shader.MakeLinearGradient(p1, p2, colors, null, mode);
  const paint = newPaint(ck, pc.featureBlendMode);
  paint.setShader(shader);
  shader.delete();
  drawAndDelete(pc.canvas, pathOf(ck, rings, true), [paint]);
}
