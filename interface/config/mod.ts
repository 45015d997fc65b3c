/**
 * The exporter's output (`Config` and its parts) and the exporter service's
 * `ExportParameters`/`ExportResult`, as zod schemas with their types.
 *
 * @example
 * ```ts
 * import { Config } from "./mod.ts";
 * const config: Config = Config.parse(JSON.parse(
 *   '{"project":{"version":"3.22","name":"x"},' +
 *     '"meta_data":{"service":{"contact_organization":null,' +
 *     '"contact_mail":null}},"tree":{"members":[]},"datasets":{}}',
 * ));
 * ```
 *
 * @module
 */
export * from "./config.ts";
export * from "./export_api.ts";
export * from "./jobs.ts";
