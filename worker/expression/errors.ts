/**
 * Errors of the expression engine.
 *
 * @module
 */

// Expression text that does not parse is the shared QgisSyntaxError (line, column).
export { QgisSyntaxError } from "@qgis-server-light/interface/errors";

/**
 * An expression that parsed but cannot be evaluated (QGIS's eval error).
 *
 * @example
 * ```ts
 * import { ExpressionEvalError } from "./errors.ts";
 * new ExpressionEvalError("Cannot evaluate to_int('x'): not a number").name; // "ExpressionEvalError"
 * ```
 */
export class ExpressionEvalError extends Error {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "ExpressionEvalError";
  }
}
