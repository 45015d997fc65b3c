/**
 * Vector tile sources (QGIS's `xyzvectortiles` and `mbtilesvectortiles`
 * providers): the tile matrix, MVT decoding and the providers.
 *
 * @module
 */
export * from "./tile_matrix.ts";
export * from "./mvt.ts";
export * from "./uri.ts";
export * from "./provider.ts";
