/**
 * The entities qgis-server-light ships through Redis (jobs, results, the
 * exported project config) as zod schemas, and a client to post jobs.
 *
 * @example
 * ```ts
 * import { decodeStyle, parseJobInfo } from "@qgis-server-light/interface";
 * const job = parseJobInfo('{"id":"1","type":"QslJobInfoLegend","job":{"layers":[]}}');
 * ```
 *
 * @module
 */
export * from "./protocol.ts";
export * from "./common.ts";
export * from "./crs.ts";
export * from "./job/input.ts";
export * from "./job/output.ts";
export * from "./engine_info.ts";
export * from "./parse.ts";
export * from "./errors.ts";
export * from "./style_codec.ts";
export * from "./redact.ts";
export * from "./upstream_keys.ts";
export * from "./pickle.ts";
export * from "./result_codec.ts";
export * from "./redis_queue.ts";
export * from "./redis_connect.ts";
export * from "./config/mod.ts";
