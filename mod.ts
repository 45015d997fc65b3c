/**
 * qgis-server-light for Deno: re-exports the interface package.
 *
 * @module
 */
export * from "./interface/mod.ts";
