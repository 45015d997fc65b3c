/**
 * The exporter service's request and response (wire-compatible with
 * `qgis_server_light.interface.exporter.api`).
 *
 * @module
 */
import { z } from "zod";
import { ours } from "../upstream_keys.ts";
import { PgServiceConf } from "../common.ts";

/** What `POST /export` takes. */
export interface ExportParameters {
  /** Tenant: the folder under the exporter's data root that holds the project (one plain path segment). */
  mandant: string;
  /** Project file base name, without `.qgz`/`.qgs` (one plain path segment). */
  project: string;
  /** Name each layer by its group path and short name joined by "."; default false. */
  unify_layer_names_by_group: boolean;
  /** Format of the written config: `json` or `xml` (case-insensitive); default `json`. */
  output_format: string;
  /** pg_service entries merged over the exporter's own (request values win per key); default none. */
  pg_service_configs: PgServiceConf[];
}

/**
 * Schema of {@link ExportParameters}. Unknown fields are refused, as the
 * Python service does.
 *
 * @example
 * ```ts
 * import { ExportParameters } from "./export_api.ts";
 * const p = ExportParameters.parse({ mandant: "acme", project: "demo" });
 * ```
 */
export const ExportParameters: z.ZodType<ExportParameters> = z.strictObject({
  mandant: z.string(),
  project: z.string(),
  unify_layer_names_by_group: z.boolean().default(false),
  output_format: z.string().default("json"),
  pg_service_configs: z.array(PgServiceConf).default([]),
});

/** What `POST /export` answers. */
export interface ExportResult {
  /** Whether the config was exported and written. */
  successful: boolean;
  /**
   * Why the export failed (one line, no secrets); absent on success. Not in
   * the Python service's answer, which never says why.
   */
  reason?: string;
}

/**
 * Schema of {@link ExportResult}.
 *
 * @example
 * ```ts
 * import { ExportResult } from "./export_api.ts";
 * const r = ExportResult.parse({ successful: true });
 * const failed = ExportResult.parse({
 *   successful: false,
 *   reason: "Cannot export acme/demo: no project file acme/demo.qgz or .qgs",
 * });
 * ```
 */
export const ExportResult: z.ZodType<ExportResult> = z.looseObject({
  successful: z.boolean(),
  // ours: the Python service answers `successful` alone
  reason: ours(z.string().optional()),
});
