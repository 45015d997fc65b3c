/**
 * Errors of the expression engine.
 *
 * @module
 */

/**
 * Expression text that does not parse; `line` and `column` are 1-based.
 *
 * @example
 * ```ts
 * import { QgisSyntaxError } from "./errors.ts";
 * const e = new QgisSyntaxError("Cannot parse expression: unexpected ')'", 1, 5);
 * e.column; // 5
 * ```
 */
export class QgisSyntaxError extends SyntaxError {
  /** 1-based line of the error. */
  readonly line: number;
  /** 1-based column of the error. */
  readonly column: number;
  /** Creates the error. */
  constructor(message: string, line: number, column: number) {
    super(message);
    this.name = "QgisSyntaxError";
    this.line = line;
    this.column = column;
  }
}

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
