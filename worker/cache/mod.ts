/**
 * Bounded caches kept across jobs.
 *
 * @example
 * ```ts
 * import { LruCache } from "./mod.ts";
 * const styles = new LruCache<string, string>(64);
 * styles.set("layer-1", "<qgis/>");
 * ```
 *
 * @module
 */
export * from "./lru.ts";
export * from "./scratch.ts";
export * from "./held.ts";
