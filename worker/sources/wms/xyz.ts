/**
 * XYZ tiles as QGIS's WMS provider sets them up (`setupXyzCapabilities`):
 * Google's tiling of EPSG:3857 from `zmin` to `zmax`, tiles of
 * 256 × `tilePixelRatio` pixels, and URL templates. Pure functions.
 *
 * @module
 */
import type { TileMatrix, TileMatrixSet } from "./tile_matrix.ts";
import type { XyzSource } from "./source.ts";

/**
 * Half the width of the EPSG:3857 world: the world is projected to a square
 * from 180° W to 180° E and ±atan(sinh(π)) (≈ 85.05°) of latitude.
 */
export const WEB_MERCATOR_HALF_WORLD: number = 6378137 * Math.PI;

/**
 * The tile matrix set of an XYZ source, one matrix per zoom level. Tiles
 * are 256 × `tilePixelRatio` pixels (256 when the ratio is unknown, 0).
 *
 * @example
 * ```ts
 * import { xyzTileMatrixSet } from "./xyz.ts";
 * const set = xyzTileMatrixSet({
 *   kind: "xyz", url: "https://t/{z}/{x}/{y}.png", zmin: 0, zmax: 2,
 *   tilePixelRatio: 0, auth: { headers: {} },
 * });
 * set.matrices.map((m) => m.identifier); // ["2", "1", "0"]
 * ```
 */
export function xyzTileMatrixSet(source: XyzSource): TileMatrixSet {
  const ratio = source.tilePixelRatio === 0 ? 1 : source.tilePixelRatio;
  const size = 256 * ratio;
  const span = 2 * WEB_MERCATOR_HALF_WORLD;
  const matrices: TileMatrix[] = [];
  const zmax = Math.min(source.zmax, 30);
  for (let zoom = Math.max(0, source.zmin); zoom <= zmax; zoom++) {
    const n = 2 ** zoom;
    matrices.push({
      identifier: String(zoom),
      topLeft: { x: -WEB_MERCATOR_HALF_WORLD, y: WEB_MERCATOR_HALF_WORLD },
      tileWidth: size,
      tileHeight: size,
      matrixWidth: n,
      matrixHeight: n,
      tres: span / (size * n),
    });
  }
  matrices.sort((a, b) => a.tres - b.tres);
  return { identifier: "tms0", crs: "EPSG:3857", matrices };
}

/**
 * The dpi an XYZ source's tiles are drawn for (`QgsWmtsTileLayer::dpi`):
 * 96 × `tilePixelRatio`, or null when the ratio is unknown (0) and tiles
 * are never scaled for the output's dpi.
 *
 * @example
 * ```ts
 * import { tileLayerDpi } from "./xyz.ts";
 * tileLayerDpi(2); // 192
 * tileLayerDpi(0); // null
 * ```
 */
export function tileLayerDpi(tilePixelRatio: number): number | null {
  return tilePixelRatio === 0 ? null : 96 * tilePixelRatio;
}

/**
 * The Bing Maps quadkey of a tile.
 *
 * @example
 * ```ts
 * import { quadKey } from "./xyz.ts";
 * quadKey(3, 5, 3); // "213"
 * ```
 */
export function quadKey(col: number, row: number, zoom: number): string {
  let key = "";
  for (let i = zoom; i > 0; i--) {
    const mask = 1 << (i - 1);
    key += String((col & mask ? 1 : 0) + (row & mask ? 2 : 0));
  }
  return key;
}

/**
 * Fills an XYZ URL template for one tile as QGIS does: `{q}` (quadkey),
 * `{x}`, `{-y}` (rows counted from the bottom, TMS) or `{y}`, `{z}`; the
 * names of `{x}`, `{y}`, `{-y}` and `{z}` in any case.
 *
 * @example
 * ```ts
 * import { xyzTileUrl } from "./xyz.ts";
 * const tm = {
 *   identifier: "3", topLeft: { x: 0, y: 0 }, tileWidth: 256,
 *   tileHeight: 256, matrixWidth: 8, matrixHeight: 8, tres: 1,
 * };
 * xyzTileUrl("https://t/{z}/{x}/{-y}.png", tm, 5, 1); // "https://t/3/5/6.png"
 * ```
 */
export function xyzTileUrl(
  template: string,
  tm: TileMatrix,
  col: number,
  row: number,
): string {
  const z = Number(tm.identifier);
  let url = template;
  if (url.includes("{q}")) url = url.replaceAll("{q}", quadKey(col, row, z));
  url = url.replace(/\{x\}/gi, String(col));
  if (url.includes("{-y}")) {
    url = url.replace(/\{-y\}/gi, String(tm.matrixHeight - row - 1));
  } else {
    url = url.replace(/\{y\}/gi, String(row));
  }
  return url.replace(/\{z\}/gi, String(z));
}
