/**
 * The entities qgis-server-light ships through Redis (jobs, results, the
 * exported project config) as zod schemas, and a client to post jobs.
 *
 * @module
 */
export * from "./protocol.ts";
export * from "./config/mod.ts";
