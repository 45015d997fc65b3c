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
import type { VectorStyle } from "../style/model.ts";
import type { CompiledExpression, PaintContext } from "./context.ts";
import { paintVectorLayer } from "./vector_layer.ts";
import { isTruthy } from "../expression/values.ts";
import { pathOf } from "./_skia.ts";

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

function styleFor(style: VectorTileRendererStyle): VectorStyle {
  return {
    renderer: { type: "singleSymbol", symbol: style.symbol },
    symbolLevels: false,
    opacity: 1,
    blendMode: 0,
    featureBlendMode: 0,
    hasScaleBasedVisibility: false,
    minScale: 0,
    maxScale: 0,
    labelsEnabled: false,
  };
}

/** Compiles filters once per layer (a bad one filters nothing, as in QGIS). */
export class TileFilters {
  readonly #cache = new Map<string, CompiledExpression | null>();
  constructor(private readonly pc: PaintContext) {}

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
 * renderer does, the labeling does not).
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
      }
    }
  }
  return out;
}

/**
 * Paints one tile: clipped to `polygon` (map pixels; rounded to whole
 * pixels here), the active styles at `zoom` in order.
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
      const features = styleFeatures(
        style,
        tile,
        filters.get(style.expression),
        pc.variables,
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
