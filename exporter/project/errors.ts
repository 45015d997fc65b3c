/**
 * Errors the exporter raises for bad input. The CLI prints their message
 * (never a stack) and exits 1.
 *
 * @module
 */

// Malformed project XML is the shared QgisSyntaxError, with line and column.
export { QgisSyntaxError } from "@qgis-server-light/interface/errors";

/** A project file that cannot be read (missing, wrong kind, not a zip …). */
export class ProjectError extends Error {
  /**
   * @example
   * ```ts
   * import { ProjectError } from "./errors.ts";
   * const e = new ProjectError("Cannot read project x.qgs: no such file");
   * ```
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ProjectError";
  }
}
