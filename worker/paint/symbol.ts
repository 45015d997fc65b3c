/**
 * Draws a QGIS symbol (its symbol layers, bottom first) for one feature,
 * as QGIS's symbol layer classes paint with QPainter. Each class lives in
 * its own module (`simple_fill.ts`, `simple_line.ts`, `simple_marker.ts`,
 * `marker_layer.ts`, `marker_line.ts`, `centroid_fill.ts`,
 * `pattern_fill.ts`, `gradient_fill.ts`); this one dispatches.
 *
 * @module
 */
import { checkJobClock } from "../map/job_clock.ts";
import type { Feature, Geometry } from "../geometry/types.ts";
import type { Symbol, SymbolLayer } from "../style/model.ts";
import { parseUnit, propNumber, toPixels } from "../style/props.ts";
import { pixelTransform } from "../map/map_settings.ts";
import type { PaintContext } from "./context.ts";
import { Dd } from "./_dd.ts";
import {
  geometryToPixels,
  polygonCentroid,
  shiftGeometry,
} from "./geometry.ts";
import { isGeometry } from "../expression/values.ts";
import { simpleFill } from "./simple_fill.ts";
import { simpleLine } from "./simple_line.ts";
import { drawMarkerLayer } from "./marker_layer.ts";
import { markerLine } from "./marker_line.ts";
import { arrowLine } from "./arrow_line.ts";
import { rasterFill } from "./raster_fill.ts";
import { svgFill } from "./svg_fill.ts";
import { centroidFill } from "./centroid_fill.ts";
import { linePatternFill, pointPatternFill } from "./pattern_fill.ts";
import { shapeburstFill } from "./shapeburst_fill.ts";
import { gradientFill } from "./gradient_fill.ts";
import { drawsEffect, drawWithEffect } from "./paint_effect.ts";
import { px } from "./_dd.ts";
import { bounds } from "./_paints.ts";

/** Options of {@linkcode drawSymbol}. */
export interface DrawSymbolOptions {
  /** Opacity of the enclosing symbol (sub-symbols). */
  opacity?: number;
  /** Draw only the symbol layers of this pass (symbol levels). */
  pass?: number;
  /** Draw only the symbol layer at this index (symbol levels). */
  layerIndex?: number;
  /** Marker rotation added by a parent (marker line direction), degrees. */
  lineAngle?: number;
  /**
   * Where texture brushes (pattern fills) start, in the geometry's pixels:
   * the feature's texture origin (`textureOrigin`, pattern_fill.ts); absent: the
   * canvas origin, as QGIS's brush without a texture origin.
   */
  origin?: [number, number] | null;
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
  const dd = new Dd(pc, feature, symbol);
  for (let i = 0; i < symbol.layers.length; i++) {
    const layer = symbol.layers[i];
    if (!layer.enabled) continue;
    if (pc.disabledLayers?.has(layer)) continue;
    if (options.pass !== undefined && layer.pass !== options.pass) continue;
    if (options.layerIndex !== undefined && i !== options.layerIndex) continue;
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
      options.origin ?? null,
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
  origin: [number, number] | null,
): void {
  // each layer of each symbol drawn, markers along lines and in fills
  // included: what multiplies a job's bounds
  checkJobClock();
  if (layer.effect?.enabled && !drawsEffect(layer.effect)) {
    pc.warn(
      `paint effect '${layer.effect.type}' is not drawn (colour effects are not supported)`,
    );
  }
  if (drawsEffect(layer.effect)) {
    drawLayerWithEffect(
      pc,
      symbol,
      layer,
      feature,
      geom,
      opacity,
      dd,
      lineAngle,
      origin,
    );
  } else {drawLayerPlain(
      pc,
      symbol,
      layer,
      feature,
      geom,
      opacity,
      dd,
      lineAngle,
      origin,
    );}
}

const MARKER_CLASSES = new Set([
  "SimpleMarker",
  "FontMarker",
  "SvgMarker",
  "EllipseMarker",
  "FilledMarker",
  "RasterMarker",
]);

/**
 * A layer with a paint effect, drawn as QGIS records it for its effect:
 * each point of a marker layer with the painter translated to the point,
 * each part of a line or polygon with the painter translated to the
 * part's bounding-box corner (QgsMarkerSymbol::renderPointUsingLayer,
 * QgsLineSymbol::renderPolylineUsingLayer, QgsFillSymbol::
 * renderPolygonUsingLayer).
 */
function drawLayerWithEffect(
  pc: PaintContext,
  symbol: Symbol,
  layer: SymbolLayer,
  feature: Feature | null,
  geom: Geometry,
  opacity: number,
  dd: Dd,
  lineAngle: number,
  origin: [number, number] | null,
): void {
  const effect = layer.effect!;
  const m = layerMargin(pc, layer);
  if (MARKER_CLASSES.has(layer.className)) {
    const ms = m + dd.markerSize(layer);
    for (const [x, y] of markerPoints(symbol, geom)) {
      drawWithEffect(pc, effect, {
        x,
        y,
        bounds: [x - ms, y - ms, x + ms, y + ms],
        draw: (p, dx, dy) =>
          drawMarkerLayer(p, layer, x + dx, y + dy, opacity, dd, lineAngle),
      });
    }
    return;
  }
  if (geom.kind === "point") return;
  for (const part of geom.parts) {
    const rings = geom.kind === "line" ? part.slice(0, 1) : part;
    const [x0, y0, x1, y1] = bounds(rings);
    if (!(x0 <= x1)) continue;
    drawWithEffect(pc, effect, {
      x: x0,
      y: y0,
      bounds: [x0 - m, y0 - m, x1 + m, y1 + m],
      // QGIS draws the part moved to its box's corner, the context's
      // texture origin unmoved: brushes start that far off on the map
      draw: (p, dx, dy) =>
        drawLayerPlain(
          p,
          symbol,
          layer,
          feature,
          shiftGeometry({ kind: geom.kind, parts: [rings] }, dx, dy),
          opacity,
          dd,
          lineAngle,
          [(origin?.[0] ?? 0) + x0 + dx, (origin?.[1] ?? 0) + y0 + dy],
        ),
    });
  }
}

/**
 * How far a symbol layer may draw beyond its geometry, in pixels
 * (generous: it only sizes an effect's image).
 *
 * @example
 * ```ts ignore
 * import { layerMargin } from "./symbol.ts";
 * layerMargin(pc, layer); // 2 + its widths, sizes and offsets in pixels
 * ```
 */
export function layerMargin(pc: PaintContext, layer: SymbolLayer): number {
  const p = layer.props;
  let m = 2;
  for (
    const k of [
      "line_width",
      "outline_width",
      "width",
      "size",
      // an arrow line's head sticks out furthest
      "head_thickness",
    ]
  ) {
    const v = Number(p[k]);
    if (Number.isFinite(v)) m += Math.abs(px(pc, p, v, `${k}_unit`));
  }
  for (const k of ["offset"]) {
    const v = (p[k] ?? "").split(",").map(Number);
    for (const c of v) {
      if (Number.isFinite(c)) m += Math.abs(px(pc, p, c, `${k}_unit`));
    }
  }
  if (layer.subSymbol) {
    let sub = 0;
    for (const l of layer.subSymbol.layers) {
      sub = Math.max(sub, layerMargin(pc, l));
    }
    m += sub;
  }
  return m;
}

function drawLayerPlain(
  pc: PaintContext,
  symbol: Symbol,
  layer: SymbolLayer,
  feature: Feature | null,
  geom: Geometry,
  opacity: number,
  dd: Dd,
  lineAngle: number,
  origin: [number, number] | null,
): void {
  switch (layer.className) {
    case "SimpleFill":
      if (geom.kind === "polygon") {
        for (const part of geom.parts) {
          simpleFill(pc, layer, part, opacity, dd, origin);
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
    case "ArrowLine":
      arrowLine(pc, layer, linesOf(geom, layer).lines, feature, opacity, dd);
      return;
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
    case "RasterMarker":
      if (geom.kind === "point") {
        // markerPoints' points, without an array per point
        for (const part of geom.parts) {
          for (const r of part) {
            for (let i = 0; i + 1 < r.length; i += 2) {
              drawMarkerLayer(
                pc,
                layer,
                r[i],
                r[i + 1],
                opacity,
                dd,
                lineAngle,
              );
            }
          }
        }
        return;
      }
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
    case "GeometryGenerator":
      geometryGenerator(pc, layer, feature, geom, opacity, dd);
      return;
    case "ShapeburstFill":
      if (geom.kind === "polygon") {
        for (const part of geom.parts) {
          shapeburstFill(pc, layer, part, opacity, dd);
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
          pointPatternFill(pc, layer, part, feature, opacity, dd, origin);
        }
      }
      return;
    case "SVGFill":
      if (geom.kind === "polygon") {
        for (const part of geom.parts) {
          svgFill(pc, layer, part, feature, opacity, dd, origin);
        }
      }
      return;
    case "RasterFill":
      if (geom.kind === "polygon") {
        for (const part of geom.parts) {
          rasterFill(pc, layer, part, opacity, dd);
        }
      }
      return;
    case "LinePatternFill":
      if (geom.kind === "polygon") {
        for (const part of geom.parts) {
          linePatternFill(pc, layer, part, feature, opacity, dd, origin);
        }
      }
      return;
    case "MaskMarker":
      // QgsMaskMarkerSymbolLayer: its sub-symbol drawn into the mask
      // images only, never on the map
      if (pc.maskCanvases && layer.subSymbol) {
        for (const canvas of pc.maskCanvases) {
          const mc: PaintContext = {
            ...pc,
            canvas,
            direct: undefined,
            maskCanvases: undefined,
            disabledLayers: undefined,
            featureBlendMode: 0,
          };
          for (const [x, y] of markerPoints(symbol, geom)) {
            drawMarkerSymbol(mc, layer.subSymbol, feature, x, y, 1, lineAngle);
          }
        }
      }
      return;
    default:
      pc.warn(`symbol layer class '${layer.className}' is not drawn`);
  }
}

/**
 * `QgsGeometryGeneratorSymbolLayer` (QGIS 3.22): the sub-symbol drawn for a
 * copy of the feature whose geometry is the layer's `geometryModifier`
 * expression (`$geometry` when empty) evaluated for the feature, in the
 * layer's CRS (the feature's geometry as the layer holds it, the result
 * drawn through the map's transformation, as `renderFeature` draws any
 * feature: a 1,000 m buffer of a layer in metres stays 1,000 m on a map in
 * degrees); a legend patch draws the sub-symbol's own patch: a marker at
 * the patch's centre, a line or fill on the patch.
 */
function geometryGenerator(
  pc: PaintContext,
  layer: SymbolLayer,
  feature: Feature | null,
  geom: Geometry,
  opacity: number,
  dd: Dd,
): void {
  const sub = layer.subSymbol;
  if (!sub) return;
  if (!feature || pc.preview) {
    if (!pc.preview) return;
    const painter = painterUnit(layer);
    if (painter && sub.type !== "marker") {
      // a line or fill preview in painter units (QGIS 3.22's
      // evaluateGeometryInPainterUnits): the expression sees the patch's
      // shape in the unit, its result drawn as the sub-symbol's shape; a
      // marker sub-symbol stays at the patch's centre (measured:
      // legend_generator_units)
      const s = 1 / toPixels(1, painter, pc.map);
      const scale = (k: number) => (coords: Float64Array[]) => {
        for (const r of coords) for (let i = 0; i < r.length; i++) r[i] *= k;
      };
      const v = dd.evaluate(
        layer.props.geometryModifier || "$geometry",
        "geometry generator",
        false,
        {
          id: feature?.id ?? 0,
          attributes: feature?.attributes ?? {},
          geometry: transformedCopy(geom, scale(s)),
          geometryInLayerCrs: true,
        },
      );
      if (!isGeometry(v) || v.parts.length === 0) return;
      const generated = transformedCopy(v, scale(1 / s));
      drawSymbol(pc, sub, feature, generated, { opacity });
      return;
    }
    if (sub.type === "marker") {
      const [x0, y0, x1, y1] = bounds(geom.parts.flat());
      drawMarkerSymbol(pc, sub, feature, (x0 + x1) / 2, (y0 + y1) / 2, opacity);
    } else drawSymbol(pc, sub, feature, geom, { opacity });
    return;
  }
  const crs = pc.layerCrs;
  const screen = generatorScreen(pc, layer);
  let source: Feature = feature;
  if (screen && feature.geometry) {
    source = {
      ...feature,
      geometry: transformedCopy(feature.geometry, screen.to),
      // measured as QGIS measures it: as if the page's coordinates were
      // the layer's
      geometryInLayerCrs: true,
    };
  } else if (crs && feature.geometry) {
    source = {
      ...feature,
      geometry: transformedCopy(feature.geometry, crs.toLayer),
      geometryInLayerCrs: true,
    };
  }
  const v = dd.evaluate(
    layer.props.geometryModifier || "$geometry",
    "geometry generator",
    false,
    source,
  );
  if (!isGeometry(v) || v.parts.length === 0) return;
  const generated = screen
    ? transformedCopy(v, screen.from)
    : crs
    ? transformedCopy(v, crs.toMap)
    : v;
  drawSymbol(
    pc,
    sub,
    { ...feature, geometry: generated },
    geometryToPixels(generated, pc.map),
    { opacity },
  );
}

/**
 * The generator's `units` other than map units (QGIS 3.22: millimetres,
 * pixels, points, inches): the expression sees the feature on the map's
 * page in those units (origin at the map's top-left corner, y down), and
 * its result is read back from them: `buffer($geometry, 3)` is 3 mm
 * round, `make_point(20, 20)` 20 mm right of and below the map's corner.
 * Null: map units (and the units QGIS does not offer, which it treats as
 * map units).
 */
function generatorScreen(
  pc: PaintContext,
  layer: SymbolLayer,
): {
  to: (coords: Float64Array[]) => void;
  from: (coords: Float64Array[]) => void;
} | null {
  const unit = painterUnit(layer);
  if (!unit) return null;
  const s = 1 / toPixels(1, unit, pc.map);
  const [sx, dx, sy, dy] = pixelTransform(pc.map);
  return {
    to(coords) {
      for (const r of coords) {
        for (let i = 0; i + 1 < r.length; i += 2) {
          r[i] = (sx * r[i] + dx) * s;
          r[i + 1] = (sy * r[i + 1] + dy) * s;
        }
      }
    },
    from(coords) {
      for (const r of coords) {
        for (let i = 0; i + 1 < r.length; i += 2) {
          r[i] = (r[i] / s - dx) / sx;
          r[i + 1] = (r[i + 1] / s - dy) / sy;
        }
      }
    },
  };
}

/** The generator's unit when it is a painter unit; null: map units. */
function painterUnit(
  layer: SymbolLayer,
): "MM" | "Pixel" | "Point" | "Inch" | null {
  const units = layer.props.units;
  const unit = units === undefined ? "MapUnit" : parseUnit(units);
  return unit === "MM" || unit === "Pixel" || unit === "Point" ||
      unit === "Inch"
    ? unit
    : null;
}

// a geometry's copy with its coordinates transformed
function transformedCopy(
  g: Geometry,
  transform: (coords: Float64Array[]) => void,
): Geometry {
  const parts = g.parts.map((rings) => rings.map((r) => r.slice()));
  transform(parts.flat());
  return { kind: g.kind, parts };
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

/**
 * Draws a marker sub-symbol at a pixel position (marker lines, centroid and
 * point pattern fills), rotated by a parent's `lineAngle`.
 *
 * @example
 * ```ts ignore
 * import { drawMarkerSymbol } from "./symbol.ts";
 * drawMarkerSymbol(pc, layer.subSymbol, feature, 10, 20, 1);
 * ```
 */
export function drawMarkerSymbol(
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
