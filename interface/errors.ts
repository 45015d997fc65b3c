/**
 * Errors shared by the parts of qgis-server-light.
 *
 * @module
 */

/**
 * Text QGIS would reject as malformed — project XML, a QGIS expression —
 * with the 1-based position of the problem (0 when unknown).
 *
 * @example
 * ```ts
 * import { QgisSyntaxError } from "./errors.ts";
 * const e = new QgisSyntaxError("Cannot parse expression: unexpected ')'", 1, 5);
 * e.column; // 5
 * ```
 */
export class QgisSyntaxError extends SyntaxError {
  /** 1-based line of the error, or 0 when unknown. */
  readonly line: number;
  /** 1-based column of the error, or 0 when unknown. */
  readonly column: number;
  /** Creates the error. */
  constructor(message: string, line: number, column: number) {
    super(message);
    this.name = "QgisSyntaxError";
    this.line = line;
    this.column = column;
  }
}
