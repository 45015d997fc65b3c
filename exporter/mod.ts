/**
 * The qgis-server-light exporter: reads a QGIS project (`.qgs`/`.qgz`)
 * without QGIS and produces the interface's `Config`.
 *
 * @example
 * ```ts ignore
 * import { exportProject, readProject, serializeConfig } from "@qgis-server-light/exporter";
 * import { encodeStyle } from "@qgis-server-light/interface";
 * const config = await exportProject(await readProject("demo.qgz"), { encodeStyle });
 * console.log(serializeConfig(config, "json"));
 * ```
 *
 * @module
 */
export { type CliContext, runCli, UsageError } from "./cli.ts";
export { ProjectError, QgisSyntaxError } from "./project/errors.ts";
export { type ExportOptions, exportProject } from "./project/export_project.ts";
export {
  loadPgServices,
  mergePgServices,
  parsePgServiceConf,
  type PgServices,
} from "./project/pg_service.ts";
export {
  parseProjectXml,
  PROJECT_EXTENSIONS,
  type ProjectFile,
  readProject,
} from "./project/read_project.ts";
export { pythonTitle, sanitizeName } from "./project/sanitize.ts";
export {
  createExportHandler,
  type ExportServiceOptions,
  isSafeSegment,
} from "./serve.ts";
export {
  OUTPUT_FORMATS,
  type OutputFormat,
  pythonKeysOnly,
  serializeConfig,
} from "./serialize.ts";
