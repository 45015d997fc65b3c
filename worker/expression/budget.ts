/**
 * Bounds on what evaluating expressions may build and do, so that a style
 * cannot make the worker run out of memory or time: `lpad('', 500000000,
 * 'x')` in a rule's filter ended the worker process ("Fatal JavaScript out
 * of memory"), and loops over huge arrays ran for minutes.
 *
 * - A text a function or operator makes has at most
 *   {@link MAX_EXPRESSION_TEXT} characters, an array at most
 *   {@link MAX_EXPRESSION_ARRAY} elements; functions that would make more
 *   (`lpad`, `rpad`, `replace`, `regexp_replace`, `concat`, `format`, `||`,
 *   `string_to_array`, `array_to_string`, …) are refused before they build
 *   it.
 * - The work of a job's expressions is counted (characters and elements
 *   read and made by functions, {@link LOOP_STEP_COST} per element of
 *   `array_foreach` and `array_filter`) against {@link JOB_EXPRESSION_WORK}
 *   while a job runs ({@link armExpressionBudget}).
 *
 * Going over a bound throws {@link ExpressionLimitError}, which is not an
 * evaluation error (NULL, as QGIS makes of one): the job fails naming it.
 *
 * @module
 */
import { isGeometry } from "./values.ts";

/** Most characters of a text an expression makes (10 million). */
export const MAX_EXPRESSION_TEXT = 10_000_000;
/** Most elements of an array an expression makes (1 million). */
export const MAX_EXPRESSION_ARRAY = 1_000_000;
/** Work units one element of `array_foreach`/`array_filter` costs. */
export const LOOP_STEP_COST = 1000;
/** Work units one match of `replace`/`regexp_replace` costs. */
export const MATCH_COST = 1000;
/**
 * Work units one entry of a map a function takes or makes costs (past the
 * first {@link FREE_MAP_ENTRIES}): a map is
 * a dictionary whose entries cost V8 microseconds each to make, copy or
 * sort, not the nanoseconds of an array's element (`from_json` of an
 * object of 500,000 members took 1.5 s where its 6 million characters were
 * charged as 6 ms of work).
 */
export const MAP_ENTRY_COST = 1000;
/** Entries of a map that {@link MAP_ENTRY_COST} is not charged for. */
export const FREE_MAP_ENTRIES = 16;
/**
 * Work units one comparison of two values costs in the functions that
 * compare each element with others (`array_all`, `array_replace`,
 * `array_distinct`, `array_majority` …): about 10 ns each.
 */
export const COMPARE_COST = 10;
/**
 * Work units the expressions of one job may spend: characters and
 * elements read and made by functions, {@link LOOP_STEP_COST} per loop
 * step (20 billion: 4 to 20 seconds of the worker's time, measured at 0.2
 * to 0.9 ns a unit on a quiet 2-core machine; a label that wraps with
 * `replace("name", ' ', '\n')` spends about 4,000 a feature, so 5 million
 * features of it fit, where 500 million units ended a job after 123,000).
 */
export const JOB_EXPRESSION_WORK = 20_000_000_000;

/** An expression went over a bound of this module; fails its job. */
export class ExpressionLimitError extends RangeError {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "ExpressionLimitError";
  }
}

let remaining = Infinity;
let armed = Infinity;

/**
 * Starts counting the work of a job's expressions against `units`
 * (the queue arms it for each job; outside a job nothing is counted).
 *
 * @example
 * ```ts
 * import { armExpressionBudget, disarmExpressionBudget } from "./budget.ts";
 * armExpressionBudget();
 * disarmExpressionBudget();
 * ```
 */
export function armExpressionBudget(
  units: number = JOB_EXPRESSION_WORK,
): void {
  remaining = units;
  armed = units;
}

/**
 * Stops counting (after a job).
 *
 * @example
 * ```ts
 * import { disarmExpressionBudget } from "./budget.ts";
 * disarmExpressionBudget();
 * ```
 */
export function disarmExpressionBudget(): void {
  remaining = Infinity;
  armed = Infinity;
}

/**
 * Spends `units` of the job's work.
 *
 * @throws {ExpressionLimitError} when the job's expressions went over
 * their budget.
 * @example
 * ```ts
 * import { chargeExpressionWork } from "./budget.ts";
 * chargeExpressionWork(10);
 * ```
 */
export function chargeExpressionWork(units: number): void {
  remaining -= units;
  if (remaining < 0) {
    remaining = 0;
    throw new ExpressionLimitError(
      `Cannot evaluate expressions: the job's expressions did more than ${armed} units of work (characters and elements read and made, ${LOOP_STEP_COST} a loop step, ${MATCH_COST} a replaced match)`,
    );
  }
}

/**
 * Refuses a text of `length` characters before `what` builds it.
 *
 * @throws {ExpressionLimitError} over {@link MAX_EXPRESSION_TEXT}.
 * @example
 * ```ts
 * import { checkTextLength } from "./budget.ts";
 * checkTextLength(5, "lpad()");
 * ```
 */
export function checkTextLength(length: number, what: string): void {
  if (length > MAX_EXPRESSION_TEXT) {
    throw new ExpressionLimitError(
      `Cannot evaluate ${what}: it would make a text of ${
        Number.isFinite(length) ? Math.round(length) : length
      } characters (at most ${MAX_EXPRESSION_TEXT})`,
    );
  }
}

/**
 * Refuses an array of `length` elements before `what` builds it.
 *
 * @throws {ExpressionLimitError} over {@link MAX_EXPRESSION_ARRAY}.
 * @example
 * ```ts
 * import { checkArrayLength } from "./budget.ts";
 * checkArrayLength(5, "string_to_array()");
 * ```
 */
export function checkArrayLength(length: number, what: string): void {
  if (length > MAX_EXPRESSION_ARRAY) {
    throw new ExpressionLimitError(
      `Cannot evaluate ${what}: it would make an array of more than ${MAX_EXPRESSION_ARRAY} elements`,
    );
  }
}

const sizeOf = (v: unknown): number => {
  if (typeof v === "string" || Array.isArray(v)) return v.length;
  // a map (a plain object; geometries and dates are objects of their own)
  if (
    typeof v === "object" && v !== null &&
    Object.getPrototypeOf(v) === Object.prototype && !isGeometry(v)
  ) {
    // a feature (`$currentfeature`) and small maps go uncharged: a label's
    // attribute($currentfeature, …) on millions of features stays in budget
    return Math.max(0, Object.keys(v).length - FREE_MAP_ENTRIES) *
      MAP_ENTRY_COST;
  }
  return 0;
};

/**
 * Checks and charges one function call: the sizes of its arguments and of
 * its result.
 *
 * @throws {ExpressionLimitError} when the result is over a size bound or
 * the job's budget is spent.
 * @example
 * ```ts
 * import { chargeCall } from "./budget.ts";
 * chargeCall("upper", ["abc"], "ABC");
 * ```
 */
export function chargeCall(
  name: string,
  args: readonly unknown[],
  result: unknown,
): void {
  let units = 0;
  if (typeof result === "string") {
    units = result.length;
    if (units > MAX_EXPRESSION_TEXT) checkTextLength(units, `${name}()`);
  } else if (Array.isArray(result)) {
    units = result.length;
    if (units > MAX_EXPRESSION_ARRAY) checkArrayLength(units, `${name}()`);
  }
  if (remaining === Infinity) return;
  if (typeof result === "object" && !Array.isArray(result)) {
    units = sizeOf(result);
  }
  for (let i = 0; i < args.length; i++) units += sizeOf(args[i]);
  chargeExpressionWork(units);
}

/** Deepest an `eval`/`eval_template` may run inside another. */
export const MAX_EVAL_DEPTH = 16;
let evalDepth = 0;

/**
 * Runs `body` one `eval` level deeper. An expression text that evaluates
 * itself (`with_variable('x', 'eval(@x)', eval(@x))`) overflowed the
 * stack, which the queue took for a fault of the Skia engine.
 *
 * @throws {ExpressionLimitError} past {@link MAX_EVAL_DEPTH} levels.
 * @example
 * ```ts
 * import { nestedEval } from "./budget.ts";
 * nestedEval("eval()", () => 1); // 1
 * ```
 */
export function nestedEval<T>(what: string, body: () => T): T {
  if (evalDepth >= MAX_EVAL_DEPTH) {
    throw new ExpressionLimitError(
      `Cannot evaluate ${what}: it evaluates texts nested deeper than ${MAX_EVAL_DEPTH} levels`,
    );
  }
  evalDepth++;
  try {
    return body();
  } finally {
    evalDepth--;
  }
}
