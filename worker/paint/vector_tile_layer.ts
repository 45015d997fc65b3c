/**
 * Painting one decoded vector tile as QGIS 3.22's
 * `QgsVectorTileLayerRenderer::decodeAndDrawTile` and
 * `QgsVectorTileBasicRenderer::renderTile` do: the canvas clipped to the
 * tile's polygon on the map (its corners rounded to whole pixels, a
 * `QRegion`: no anti-aliasing), then the renderer's styles in order, each
 * drawing the features of its tile layer (every layer, by name, for a
 * style without one) that have its geometry type and pass its filter,
 * with its symbol. A line style also draws polygons' rings (QGIS is
 * tolerant there, for styles converted from Mapbox GL).
 *
 * @module
 */
import type { Feature, Geometry, GeometryKind } from "../geometry/types.ts";
import type {
  VectorTileRendererStyle,
  VectorTileSelector,
} from "../style/vector_tile.ts";
import { isActiveAt } from "../style/vector_tile.ts";
import type { SymbolLayer, VectorStyle } from "../style/model.ts";
import type { CompiledExpression, PaintContext } from "./context.ts";
import { paintVectorLayer } from "./vector_layer.ts";
import { plainVectorStyle } from "../style/default_symbol.ts";
import { isTruthy } from "../expression/values.ts";
import { pathOf } from "./_skia.ts";
import { pixelTransform } from "../map/map_settings.ts";

/** A decoded tile: features (map CRS) by tile layer name. */
export type TileLayers = Map<string, Feature[]>;

// Qt's qRound, which QPointF::toPoint uses
function qRound(v: number): number {
  return v >= 0 ? Math.floor(v + 0.5) : Math.ceil(v - 0.5);
}

function boundary(g: Geometry): Geometry {
  const parts: Float64Array[][] = [];
  for (const part of g.parts) for (const ring of part) parts.push([ring]);
  return { kind: "line", parts };
}

// the tile's square on the map (whole pixels) back in map units
function tileSquare(pc: PaintContext, pixels: Float64Array): Geometry {
  const [a, b, c, d] = pixelTransform(pc.map);
  const ring = new Float64Array(pixels.length + 2);
  for (let k = 0; k + 1 < pixels.length; k += 2) {
    ring[k] = (pixels[k] - b) / a;
    ring[k + 1] = (pixels[k + 1] - d) / c;
  }
  ring[pixels.length] = ring[0];
  ring[pixels.length + 1] = ring[1];
  return { kind: "polygon", parts: [[ring]] };
}

/**
 * `QgsVectorTileBasicRenderer`'s background: the fill symbol drawn over the
 * tile's polygon as QGIS hands it over, four corners not closed — a simple
 * fill strokes it as an open path (`QPainterPath::addPolygon`), so the edge
 * from the last corner back to the first (the tile's bottom) has no
 * outline; its other layers draw the polygon as they would.
 */
function paintBackground(
  pc: PaintContext,
  style: VectorTileRendererStyle,
  pixels: Float64Array,
): void {
  const square = tileSquare(pc, pixels);
  const open = square.parts[0][0].slice(0, pixels.length);
  const symbol = style.symbol!;
  const draw = (layers: SymbolLayer[], type: "fill" | "line", g: Geometry) =>
    paintVectorLayer(
      pc,
      styleFor({ ...style, symbol: { ...symbol, type, layers } }),
      [{ id: 0, attributes: {}, geometry: g }],
      new Set(),
    );
  for (const layer of symbol.layers) {
    if (!layer.enabled) continue;
    if (layer.className !== "SimpleFill") {
      draw([layer], "fill", square);
      continue;
    }
    const p = layer.props;
    draw([{ ...layer, props: { ...p, outline_style: "no" } }], "fill", square);
    if ((p.outline_style ?? "solid") === "no") continue;
    draw(
      [{
        className: "SimpleLine",
        enabled: true,
        pass: layer.pass,
        props: {
          line_color: p.outline_color ?? "35,35,35,255",
          line_width: p.outline_width ?? "0.26",
          line_width_unit: p.outline_width_unit ?? "MM",
          line_style: p.outline_style ?? "solid",
          joinstyle: p.joinstyle ?? "bevel",
          capstyle: "square",
        },
        dataDefined: {},
        subSymbol: null,
      }],
      "line",
      { kind: "line", parts: [[open]] },
    );
  }
}

function styleFor(style: VectorTileRendererStyle): VectorStyle {
  return plainVectorStyle({ type: "singleSymbol", symbol: style.symbol });
}

/**
 * Compiles filters once per layer (a bad one filters nothing, as in QGIS),
 * and finds the point a point style draws a polygon at.
 */
export class TileFilters {
  readonly #cache = new Map<string, CompiledExpression | null>();
  #pole: CompiledExpression | undefined;
  constructor(private readonly pc: PaintContext) {}

  /**
   * A polygon's pole of inaccessibility to a twentieth of its bounding
   * box's smaller side, where the basic renderer draws it with a point
   * style; null when there is none.
   */
  pole(g: Geometry): Geometry | null {
    let xmin = Infinity, ymin = Infinity, xmax = -Infinity, ymax = -Infinity;
    for (const part of g.parts) {
      for (const ring of part) {
        for (let k = 0; k + 1 < ring.length; k += 2) {
          if (ring[k] < xmin) xmin = ring[k];
          if (ring[k] > xmax) xmax = ring[k];
          if (ring[k + 1] < ymin) ymin = ring[k + 1];
          if (ring[k + 1] > ymax) ymax = ring[k + 1];
        }
      }
    }
    const tolerance = Math.min(xmax - xmin, ymax - ymin) / 20;
    if (!(tolerance > 0)) return null;
    this.#pole ??= this.pc.compile(
      "pole_of_inaccessibility($geometry, @vector_tile_pole_tolerance)",
    );
    const p = this.#pole({
      geometry: g,
      variables: { vector_tile_pole_tolerance: tolerance },
    }) as Geometry | null;
    return p?.kind === "point" ? p : null;
  }

  /** The compiled filter, or null when there is none or it does not parse. */
  get(text: string): CompiledExpression | null {
    if (!text.trim()) return null;
    let fn = this.#cache.get(text);
    if (fn === undefined) {
      try {
        fn = this.pc.compile(text);
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        // an invalid QgsExpression is not applied: every feature passes
        this.pc.warn(
          `vector tile style filter '${text}' is not applied: ${error.message}`,
        );
        fn = null;
      }
      this.#cache.set(text, fn);
    }
    return fn;
  }
}

/**
 * The features a style draws (or labels) from a tile, in order (the layers
 * of a style without a layer name in name order, as QGIS's `QMap` holds
 * them); with `ringsAsLines`, a line style takes polygons' rings too (the
 * renderer does, the labeling does not), and with `pole` a point style
 * polygons' poles of inaccessibility (both do).
 *
 * @example
 * ```ts ignore
 * const drawn = styleFeatures(style, tile, filters, variables);
 * ```
 */
export function styleFeatures(
  style: VectorTileSelector,
  tile: TileLayers,
  filter: CompiledExpression | null,
  variables: Record<string, unknown>,
  ringsAsLines = true,
  pole?: (f: Feature) => Geometry | null,
): Feature[] {
  const names = style.layer === ""
    ? [...tile.keys()].sort()
    : tile.has(style.layer)
    ? [style.layer]
    : [];
  const out: Feature[] = [];
  const want: GeometryKind | null = style.geometry;
  for (const name of names) {
    for (const f of tile.get(name)!) {
      const g = f.geometry;
      if (!g) continue;
      if (
        filter &&
        !isTruthy(filter({ feature: f, geometry: g, variables }))
      ) continue;
      if (g.kind === want) out.push(f);
      else if (ringsAsLines && g.kind === "polygon" && want === "line") {
        out.push({ ...f, geometry: boundary(g), drawGeometry: undefined });
      } else if (pole && g.kind === "polygon" && want === "point") {
        // a point style draws a polygon at its pole of inaccessibility
        const p = pole(f);
        if (p) out.push({ ...f, geometry: p, drawGeometry: undefined });
      }
    }
  }
  return out;
}

/**
 * Paints one tile: clipped to `polygon` (map pixels; rounded to whole
 * pixels here), the active styles at `zoom` in order. `poles`: the points
 * polygons are drawn at by point styles, found before the tile was
 * reprojected (absent: found in the map CRS).
 *
 * @example
 * ```ts ignore
 * import { paintVectorTile } from "./vector_tile_layer.ts";
 * paintVectorTile(pc, styles, 14, tile, corners, filters);
 * ```
 */
export function paintVectorTile(
  pc: PaintContext,
  styles: VectorTileRendererStyle[],
  zoom: number,
  tile: TileLayers,
  polygon: [number, number][],
  filters: TileFilters,
  poles?: Map<Feature, Geometry | null>,
): void {
  const { ck, canvas } = pc;
  canvas.save();
  try {
    const ring = new Float64Array(polygon.length * 2);
    polygon.forEach(([x, y], i) => {
      ring[2 * i] = qRound(x);
      ring[2 * i + 1] = qRound(y);
    });
    // a QRegion of the polygon (Qt's default odd-even fill)
    const path = pathOf(ck, [ring], true);
    canvas.clipPath(path, ck.ClipOp.Intersect, false);
    path.delete();
    for (const style of styles) {
      if (!isActiveAt(style, zoom) || !style.symbol) continue;
      if (style.layer === "background") {
        // a fill symbol fills the tile's square; other symbols draw nothing
        if (style.symbol.type === "fill") paintBackground(pc, style, ring);
        continue;
      }
      const features = styleFeatures(
        style,
        tile,
        filters.get(style.expression),
        pc.variables,
        true,
        poles ? (f) => poles.get(f) ?? null : (f) => filters.pole(f.geometry!),
      );
      if (features.length === 0) continue;
      const fields = new Set<string>();
      for (const f of features) {
        for (const k in f.attributes) fields.add(k);
      }
      paintVectorLayer(pc, styleFor(style), features, fields);
    }
  } finally {
    canvas.restore();
  }
}
