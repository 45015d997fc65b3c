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

/**
 * An evaluation this engine cannot do where QGIS can (a GEOS result that
 * mixes polygons and lines, a buffer over GEOS's bounds): NULL as an
 * evaluation error is, but the job's log says so
 * once ({@link noteUnsupported}), so a map missing features tells why.
 *
 * @example
 * ```ts
 * import { ExpressionUnsupportedError } from "./errors.ts";
 * new ExpressionUnsupportedError("Cannot evaluate combine()").name; // "ExpressionUnsupportedError"
 * ```
 */
export class ExpressionUnsupportedError extends ExpressionEvalError {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "ExpressionUnsupportedError";
  }
}

/** Most distinct notes kept for one job. */
const MAX_NOTES = 20;
const notes = new Set<string>();

/**
 * Records that an evaluation fell on something this engine cannot do
 * (each message once, at most 20 a job).
 *
 * @example
 * ```ts
 * import { noteUnsupported, takeUnsupportedNotes } from "./errors.ts";
 * noteUnsupported("Cannot evaluate combine()");
 * noteUnsupported("Cannot evaluate combine()");
 * takeUnsupportedNotes(); // ["Cannot evaluate combine()"]
 * ```
 */
export function noteUnsupported(message: string): void {
  if (notes.size < MAX_NOTES) notes.add(message);
}

/**
 * The notes recorded since the last call, emptied (the queue takes them
 * after each job and logs them as warnings).
 *
 * @example
 * ```ts
 * import { takeUnsupportedNotes } from "./errors.ts";
 * takeUnsupportedNotes(); // []
 * ```
 */
export function takeUnsupportedNotes(): string[] {
  const out = [...notes];
  notes.clear();
  return out;
}
