/**
 * Drawing a vector tile layer on a map, as QGIS 3.22's
 * `QgsVectorTileLayerRenderer::render` does: the zoom level of the map
 * scale within the source's levels, the tiles of that level covering the
 * map extent (in EPSG:3857, the tiles' CRS), fetched nearest the view
 * centre first, each decoded, taken to the map CRS and painted clipped to
 * its own square ({@link paintVectorTile}). A tile that is missing, fails
 * to fetch or does not decode is skipped with a warning, as QGIS skips it.
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import { withGdal } from "../gdal/gdal.ts";
import { transformInPlace } from "../gdal/transform.ts";
import type { Feature, Geometry, GeometryKind } from "../geometry/types.ts";
import { pixelTransform } from "../map/map_settings.ts";
import type { PaintContext } from "../paint/context.ts";
import {
  paintVectorTile,
  styleFeatures,
  TileFilters,
  type TileLayers,
} from "../paint/vector_tile_layer.ts";
import { reprojectFeatures } from "../sources/_util.ts";
import type { TiledVectorSource } from "../sources/source.ts";
import { decodeTile } from "../sources/vectortile/mvt.ts";
import {
  scaleToZoomLevel,
  tileExtent,
  tileRange,
  tilesByDistance,
} from "../sources/vectortile/tile_matrix.ts";
import { transformBoundingBox } from "../sources/wms/bbox.ts";
import {
  isActiveAt,
  labelingRoot,
  readVectorTileStyle,
  type VectorTileStyle,
} from "../style/vector_tile.ts";
import { JobError } from "./types.ts";

const TILE_CRS = "EPSG:3857";

/** Most tiles drawn for one layer (a 4096 × 4096 map at a tile's scale is 256). */
export const MAX_TILES = 1024;

/**
 * The vector tile style of a layer's QML.
 *
 * @throws {JobError} "Cannot render vector tile layer '<name>': …" when
 * it has no renderer or a renderer other than `basic`.
 * @example
 * ```ts ignore
 * const style = vectorTileStyleOf("streets", root);
 * ```
 */
export function vectorTileStyleOf(
  layerName: string,
  root: Element | null,
): VectorTileStyle {
  const style = root ? readVectorTileStyle(root) : null;
  if (!style?.renderer) {
    throw new JobError(
      `Cannot render vector tile layer '${layerName}': its style has no vector tile renderer (<renderer type="basic">)`,
    );
  }
  if (style.renderer.type !== "basic") {
    throw new JobError(
      `Cannot render vector tile layer '${layerName}': renderer type '${style.renderer.name}' is not supported (supported: basic)`,
    );
  }
  return style;
}

/** The features one labeling style labels, across the tiles drawn. */
export interface VectorTileLabels {
  /** A QML root with the style's settings as simple labeling. */
  root: Element;
  /** Its features (map CRS), tile by tile. */
  features: Feature[];
  /** The style's geometry type. */
  geometryKind: GeometryKind | null;
}

/** What {@link drawVectorTiles} did. */
export interface VectorTilesDrawn {
  /** Tiles drawn. */
  tiles: number;
  /**
   * Per labeling style active at the zoom level (with settings), in order:
   * its features, as `QgsVectorTileBasicLabelProvider` registers them with
   * its sub-providers; empty without `labels`.
   */
  labels: VectorTileLabels[];
}

/**
 * Draws a vector tile layer's tiles onto `pc.canvas` with its style; with
 * `labels`, collects the features its basic labeling labels.
 *
 * @example
 * ```ts ignore
 * const { tiles } = await drawVectorTiles(pc, "streets", source, style);
 * ```
 */
export async function drawVectorTiles(
  pc: PaintContext,
  layerName: string,
  source: TiledVectorSource,
  style: VectorTileStyle,
  labels = false,
): Promise<VectorTilesDrawn> {
  const none: VectorTilesDrawn = { tiles: 0, labels: [] };
  if (style.renderer?.type !== "basic") return none;
  const styles = style.renderer.styles;
  const map = pc.map;
  const [zmin, zmax] = await source.zoomRange();
  const zoom = scaleToZoomLevel(map.scale, zmin, zmax);
  const reprojected = map.crs.toUpperCase() !== TILE_CRS;
  // QgsRenderContext::extent: the map extent in the layer's CRS
  const extent = reprojected
    ? await withGdal((gdal) =>
      transformBoundingBox(gdal, map.extent, map.crs, TILE_CRS)
    )
    : map.extent;
  if (!extent) return none;
  const range = tileRange(zoom, extent);
  if (!range) return none;
  const count = (range.x1 - range.x0 + 1) * (range.y1 - range.y0 + 1);
  if (count > MAX_TILES) {
    throw new JobError(
      `Cannot render vector tile layer '${layerName}': ${count} tiles at zoom level ${zoom} exceed the limit of ${MAX_TILES}`,
    );
  }
  const ids = tilesByDistance(zoom, range, [
    (extent.xmin + extent.xmax) / 2,
    (extent.ymin + extent.ymax) / 2,
  ]);
  const [a, b, c, d] = pixelTransform(map);
  const filters = new TileFilters(pc);
  const variables = { ...pc.variables, zoom_level: zoom };
  const tpc: PaintContext = { ...pc, variables, direct: undefined };
  const labelling = labels
    ? (style.labeling ?? []).filter((l) => l.settings && isActiveAt(l, zoom))
      .map((l) => ({
        style: l,
        out: {
          root: labelingRoot(l.settings!),
          features: [] as Feature[],
          geometryKind: l.geometry,
        },
      }))
    : [];
  // the styles and labeling styles that take polygons at their poles
  const pointStyles: { layer: string }[] = [
    ...styles.filter((s) =>
      s.geometry === "point" && s.symbol && isActiveAt(s, zoom)
    ),
    ...labelling.map((l) => l.style).filter((l) => l.geometry === "point"),
  ];
  let drawn = 0;
  for await (const raw of source.tiles(ids)) {
    let tile: TileLayers;
    try {
      tile = decodeTile(raw.data, raw.id);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      pc.warn(
        `vector tile ${raw.id.z}/${raw.id.x}/${raw.id.y} of layer '${layerName}' skipped: ${error.message}`,
      );
      continue;
    }
    const box = tileExtent(raw.id);
    const corners = new Float64Array([
      box.xmin,
      box.ymin,
      box.xmin,
      box.ymax,
      box.xmax,
      box.ymax,
      box.xmax,
      box.ymin,
    ]);
    // QGIS finds a polygon's pole for a point style in the layer's CRS
    let poles: Map<Feature, Geometry | null> | undefined;
    if (reprojected && pointStyles.length > 0) {
      poles = new Map();
      for (const [name, features] of tile) {
        if (!pointStyles.some((s) => s.layer === "" || s.layer === name)) {
          continue;
        }
        for (const f of features) {
          if (f.geometry?.kind === "polygon") {
            poles.set(f, filters.pole(f.geometry));
          }
        }
      }
    }
    if (reprojected) {
      await withGdal((gdal) => {
        transformInPlace(gdal, [corners], TILE_CRS, map.crs, false);
        if (poles?.size) {
          const points = [...poles.values()].filter((p): p is Geometry =>
            p !== null
          );
          const ok = transformInPlace(
            gdal,
            points.map((p) => p.parts[0][0]),
            TILE_CRS,
            map.crs,
          );
          const failed = new Set(points.filter((_, k) => !ok[k]));
          for (const [f, p] of poles) {
            if (p && failed.has(p)) poles.set(f, null);
          }
        }
        for (const [name, features] of tile) {
          if (features.length === 0) continue;
          tile.set(
            name,
            reprojectFeatures(gdal, features as Feature[], TILE_CRS, map.crs),
          );
        }
      });
    }
    const polygon: [number, number][] = [];
    for (let k = 0; k < 8; k += 2) {
      polygon.push([a * corners[k] + b, c * corners[k + 1] + d]);
    }
    if (polygon.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))) {
      continue;
    }
    paintVectorTile(tpc, styles, zoom, tile, polygon, filters, poles);
    // QgsVectorTileBasicLabelProvider::registerTileFeatures
    for (const { style: l, out } of labelling) {
      // a point labeling style labels polygons at their poles, as QGIS
      out.features.push(
        ...styleFeatures(
          l,
          tile,
          filters.get(l.expression),
          variables,
          false,
          poles
            ? (f) => poles!.get(f) ?? null
            : (f) => filters.pole(f.geometry!),
        ),
      );
    }
    drawn++;
  }
  return { tiles: drawn, labels: labelling.map((l) => l.out) };
}
