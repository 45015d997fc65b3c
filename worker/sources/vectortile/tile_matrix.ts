/**
 * The web mercator tile matrix of vector tiles as QGIS 3.22 computes it
 * (`QgsTileMatrix::fromWebMercator`, `QgsVectorTileUtils`): the zoom level
 * of a map scale, the tiles covering an extent, a tile's extent, and the
 * order tiles are drawn in (nearest the view centre first).
 *
 * @module
 */
import type { Rect } from "../../geometry/types.ts";
import type { TileId } from "../source.ts";

export type { TileId };

/** Half the side of the web mercator world square (EPSG:3857 metres). */
export const WEB_MERCATOR_HALF = 20037508.3427892;

/** Scale denominator of zoom level 0 (`QgsVectorTileUtils::scaleToZoom`). */
export const Z0_SCALE = 559082264.0287178;

/** Inclusive ranges of columns and rows at one zoom level. */
export interface TileRange {
  /** First column. */
  x0: number;
  /** Last column. */
  x1: number;
  /** First row. */
  y0: number;
  /** Last row. */
  y1: number;
}

/**
 * The fractional zoom level of a map scale denominator
 * (`QgsVectorTileUtils::scaleToZoom`, one level below the tile pyramid's
 * own, as QGIS has it).
 *
 * @example
 * ```ts
 * import { scaleToZoom } from "./tile_matrix.ts";
 * Math.round(scaleToZoom(559082264.0287178 / 1024)); // 9
 * ```
 */
export function scaleToZoom(scale: number): number {
  return Math.log(Z0_SCALE / scale) / Math.log(2) - 1;
}

/**
 * The zoom level QGIS draws a vector tile layer at for a map scale
 * denominator: {@link scaleToZoom} rounded, within the source's range
 * (`QgsVectorTileUtils::scaleToZoomLevel`).
 *
 * @example
 * ```ts
 * import { scaleToZoomLevel } from "./tile_matrix.ts";
 * scaleToZoomLevel(5000, 0, 14); // 14
 * scaleToZoomLevel(1e9, 2, 14); // 2
 * ```
 */
export function scaleToZoomLevel(
  scale: number,
  zmin: number,
  zmax: number,
): number {
  // C++ round(): halves away from zero
  const z = scaleToZoom(scale);
  let level = z < 0 ? -Math.round(-z) : Math.round(z);
  if (level < zmin) level = zmin;
  if (level > zmax) level = zmax;
  return level;
}

/** Side of a tile at a zoom level, EPSG:3857 metres. */
function span(z: number): number {
  return (2 * WEB_MERCATOR_HALF) / 2 ** z;
}

/**
 * A tile's extent in EPSG:3857 (`QgsTileMatrix::tileExtent`).
 *
 * @example
 * ```ts
 * import { tileExtent } from "./tile_matrix.ts";
 * tileExtent({ z: 0, x: 0, y: 0 }).xmax; // 20037508.3427892
 * ```
 */
export function tileExtent(tile: TileId): Rect {
  const s = span(tile.z);
  const xmin = -WEB_MERCATOR_HALF + tile.x * s;
  const ymax = WEB_MERCATOR_HALF - tile.y * s;
  return { xmin, ymin: ymax - s, xmax: xmin + s, ymax };
}

/**
 * The tiles of zoom level `z` covering an EPSG:3857 extent, or null when
 * the extent misses the world square (`QgsTileMatrix::tileRangeFromExtent`).
 *
 * @example
 * ```ts
 * import { tileRange } from "./tile_matrix.ts";
 * tileRange(1, { xmin: -1, ymin: -1, xmax: 1, ymax: 1 }); // { x0: 0, x1: 1, y0: 0, y1: 1 }
 * ```
 */
export function tileRange(z: number, extent: Rect): TileRange | null {
  const h = WEB_MERCATOR_HALF;
  const clamp = (v: number) => Math.min(Math.max(v, -h), h);
  const x0 = clamp(extent.xmin), x1 = clamp(extent.xmax);
  const y0 = clamp(extent.ymin), y1 = clamp(extent.ymax);
  if (!(x0 < x1) || !(y0 < y1)) return null;
  const s = span(z);
  return {
    x0: Math.floor((x0 + h) / s),
    x1: Math.ceil((x1 + h) / s) - 1,
    y0: Math.floor((h - y1) / s),
    y1: Math.ceil((h - y0) / s) - 1,
  };
}

/**
 * The tiles of a range, nearest the view centre (EPSG:3857) first by
 * chessboard distance, as QGIS fetches and draws them
 * (`QgsVectorTileUtils::sortTilesByDistanceFromCenter`; a stable sort).
 *
 * @example
 * ```ts
 * import { tilesByDistance } from "./tile_matrix.ts";
 * tilesByDistance(1, { x0: 0, x1: 1, y0: 0, y1: 0 }, [1, 0])[0]; // { z: 1, x: 1, y: 0 }
 * ```
 */
export function tilesByDistance(
  z: number,
  range: TileRange,
  center: [number, number],
): TileId[] {
  const s = span(z);
  const cx = (center[0] + WEB_MERCATOR_HALF) / s;
  const cy = (WEB_MERCATOR_HALF - center[1]) / s;
  const tiles: { id: TileId; d: number }[] = [];
  // QgsTileRange is walked row by row, columns within a row
  for (let y = range.y0; y <= range.y1; y++) {
    for (let x = range.x0; x <= range.x1; x++) {
      const d = Math.max(Math.abs(cx - (x + 0.5)), Math.abs(cy - (y + 0.5)));
      tiles.push({ id: { z, x, y }, d });
    }
  }
  tiles.sort((a, b) => a.d - b.d);
  return tiles.map((t) => t.id);
}
