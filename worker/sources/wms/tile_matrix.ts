/**
 * Tile matrices as QGIS's WMS provider uses them for XYZ, WMTS and WMS-C:
 * the resolution a view picks, the tiles covering a view, where a tile
 * lies. Pure functions.
 *
 * @module
 */
import type { Rect } from "../../geometry/types.ts";

/** One zoom level of a tiling (`QgsWmtsTileMatrix`). */
export interface TileMatrix {
  /** Identifier (the zoom level for XYZ). */
  identifier: string;
  /** Top-left corner of tile (0, 0), in the tiling's CRS. */
  topLeft: { x: number; y: number };
  /** Tile width in pixels. */
  tileWidth: number;
  /** Tile height in pixels. */
  tileHeight: number;
  /** Tiles across. */
  matrixWidth: number;
  /** Tiles down. */
  matrixHeight: number;
  /** Map units per tile pixel. */
  tres: number;
}

/** Tile range limits of one matrix (`TileMatrixLimits`). */
export interface TileMatrixLimits {
  /** First column. */
  minTileCol: number;
  /** Last column. */
  maxTileCol: number;
  /** First row. */
  minTileRow: number;
  /** Last row. */
  maxTileRow: number;
}

/** A tiling: matrices sorted from the finest resolution to the coarsest. */
export interface TileMatrixSet {
  /** Identifier. */
  identifier: string;
  /** CRS of the tiling (`EPSG:3857`, …). */
  crs: string;
  /** Matrices, `tres` ascending. */
  matrices: TileMatrix[];
}

/** An inclusive range of tiles. */
export interface TileRange {
  /** First column. */
  col0: number;
  /** First row. */
  row0: number;
  /** Last column. */
  col1: number;
  /** Last row. */
  row1: number;
}

/**
 * The matrix whose resolution is nearest to `vres` (map units per pixel),
 * as `QgsWmtsTileMatrixSet::findNearestResolution` picks it: the first
 * resolution not finer than `vres` unless the next finer one is strictly
 * closer; past the ends, the end.
 *
 * @throws {RangeError} when the set has no matrix.
 * @example
 * ```ts
 * import { findNearestResolution } from "./tile_matrix.ts";
 * const m = (tres: number) => ({
 *   identifier: String(tres), topLeft: { x: 0, y: 0 }, tileWidth: 256,
 *   tileHeight: 256, matrixWidth: 1, matrixHeight: 1, tres,
 * });
 * const set = { identifier: "s", crs: "EPSG:3857", matrices: [m(1), m(2), m(4)] };
 * findNearestResolution(set, 1.4).tres; // 1
 * findNearestResolution(set, 1.5).tres; // 2 (a tie goes to the coarser)
 * ```
 */
export function findNearestResolution(
  set: TileMatrixSet,
  vres: number,
): TileMatrix {
  const ms = set.matrices;
  if (ms.length === 0) {
    throw new RangeError(
      `Cannot pick a tile matrix: tile matrix set '${set.identifier}' is empty`,
    );
  }
  let i = 0;
  while (i < ms.length && ms[i].tres < vres) i++;
  if (i === ms.length || (i > 0 && vres - ms[i - 1].tres < ms[i].tres - vres)) {
    return ms[i - 1];
  }
  return ms[i];
}

/**
 * The tiles of a matrix a view extent touches, clamped to the matrix (or its
 * limits), as `QgsWmtsTileMatrix::viewExtentIntersection`.
 *
 * @example
 * ```ts
 * import { viewExtentIntersection } from "./tile_matrix.ts";
 * const tm = {
 *   identifier: "1", topLeft: { x: 0, y: 512 }, tileWidth: 256,
 *   tileHeight: 256, matrixWidth: 2, matrixHeight: 2, tres: 1,
 * };
 * viewExtentIntersection(tm, { xmin: 100, ymin: 100, xmax: 300, ymax: 200 });
 * // { col0: 0, row0: 1, col1: 1, row1: 1 }
 * ```
 */
export function viewExtentIntersection(
  tm: TileMatrix,
  view: Rect,
  limits?: TileMatrixLimits | null,
): TileRange {
  const twMap = tm.tileWidth * tm.tres;
  const thMap = tm.tileHeight * tm.tres;
  const minCol = limits?.minTileCol ?? 0;
  const maxCol = limits?.maxTileCol ?? tm.matrixWidth - 1;
  const minRow = limits?.minTileRow ?? 0;
  const maxRow = limits?.maxTileRow ?? tm.matrixHeight - 1;
  // C++'s (int) of a huge double is undefined; clamp before truncating
  const clamp = (v: number, lo: number, hi: number) =>
    Math.min(hi, Math.max(lo, Number.isFinite(v) ? Math.floor(v) : lo));
  return {
    col0: clamp((view.xmin - tm.topLeft.x) / twMap, minCol, maxCol),
    row0: clamp((tm.topLeft.y - view.ymax) / thMap, minRow, maxRow),
    col1: clamp((view.xmax - tm.topLeft.x) / twMap, minCol, maxCol),
    row1: clamp((tm.topLeft.y - view.ymin) / thMap, minRow, maxRow),
  };
}

/**
 * The extent of one tile (`QgsWmtsTileMatrix::tileBBox`).
 *
 * @example
 * ```ts
 * import { tileRect } from "./tile_matrix.ts";
 * const tm = {
 *   identifier: "1", topLeft: { x: 0, y: 512 }, tileWidth: 256,
 *   tileHeight: 256, matrixWidth: 2, matrixHeight: 2, tres: 1,
 * };
 * tileRect(tm, 1, 0); // { xmin: 256, ymin: 256, xmax: 512, ymax: 512 }
 * ```
 */
export function tileRect(tm: TileMatrix, col: number, row: number): Rect {
  const twMap = tm.tileWidth * tm.tres;
  const thMap = tm.tileHeight * tm.tres;
  return {
    xmin: tm.topLeft.x + col * twMap,
    ymin: tm.topLeft.y - (row + 1) * thMap,
    xmax: tm.topLeft.x + (col + 1) * twMap,
    ymax: tm.topLeft.y - row * thMap,
  };
}

/**
 * Where a tile lands in an image of `view` at `imageWidth` pixels, in
 * fractional pixels (the `QRectF` QGIS 3.22 draws each tile into).
 *
 * @example
 * ```ts
 * import { destinationRect } from "./tile_matrix.ts";
 * destinationRect({ xmin: 0, ymin: 0, xmax: 100, ymax: 100 }, 200, {
 *   xmin: 10, ymin: 50, xmax: 60, ymax: 100,
 * }); // { x: 20, y: 0, width: 100, height: 100 }
 * ```
 */
export function destinationRect(
  view: Rect,
  imageWidth: number,
  tile: Rect,
): { x: number; y: number; width: number; height: number } {
  const cr = (view.xmax - view.xmin) / imageWidth;
  return {
    x: (tile.xmin - view.xmin) / cr,
    y: (view.ymax - tile.ymax) / cr,
    width: (tile.xmax - tile.xmin) / cr,
    height: (tile.ymax - tile.ymin) / cr,
  };
}
