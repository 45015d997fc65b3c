/**
 * Logging for the worker: plain or JSON lines, secrets redacted.
 *
 * @example
 * ```ts
 * import { createLogger } from "./mod.ts";
 * createLogger({ level: "warning" }).log("info", "not written");
 * ```
 *
 * @module
 */
export * from "./logger.ts";
