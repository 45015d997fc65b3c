/**
 * Errors the exporter raises for bad input. The CLI prints their message
 * (never a stack) and exits 1.
 *
 * @module
 */

/** Malformed project XML, with the position QGIS would report. */
export class QgisSyntaxError extends SyntaxError {
  /** 1-based line of the error, or 0 when unknown. */
  readonly line: number;
  /** 1-based column of the error, or 0 when unknown. */
  readonly column: number;

  /**
   * @example
   * ```ts
   * import { QgisSyntaxError } from "./errors.ts";
   * const e = new QgisSyntaxError("Cannot parse demo.qgs: bad tag", 3, 7);
   * ```
   */
  constructor(message: string, line: number, column: number) {
    super(message);
    this.name = "QgisSyntaxError";
    this.line = line;
    this.column = column;
  }
}

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
