/**
 * Web map sources — QGIS's `wms` provider: XYZ tiles, WMS 1.1.1/1.3.0 and
 * WMTS. Decoding the job's `source`, choosing tiles as QGIS does, the HTTP
 * client every request goes through (allow-list, timeouts, bounded
 * answers and parallelism, cache) and drawing the images into a block.
 *
 * @example
 * ```ts
 * import { parseWebSource, xyzTileMatrixSet, findNearestResolution } from "./mod.ts";
 * const source = parseWebSource({
 *   name: "osm",
 *   source: '{"type": "xyz", "url": "https://t.example/{z}/{x}/{y}.png", "zmax": "19"}',
 * });
 * if (source.kind === "xyz") {
 *   findNearestResolution(xyzTileMatrixSet(source), 50).identifier; // "12"
 * }
 * ```
 *
 * @module
 */
export * from "./source.ts";
export * from "./tile_matrix.ts";
export * from "./xyz.ts";
export * from "./http.ts";
export * from "./http_cache.ts";
export * from "./compose.ts";
export * from "./wms_capabilities.ts";
export * from "./wms.ts";
export * from "./wmts.ts";
export * from "./projector.ts";
export * from "./services.ts";
export * from "./render.ts";
export * from "./bbox.ts";
export * from "./info.ts";
