/**
 * QGIS value semantics: truthiness, conversions and comparison as
 * `QgsExpressionUtils` does them.
 *
 * @module
 */
import type { Geometry } from "../geometry/types.ts";
import { ExpressionEvalError } from "./errors.ts";

/**
 * QGIS three-valued truth of a value (`QgsExpressionUtils::getTVLValue`), as
 * `AND`, `OR`, `NOT` and `CASE WHEN` read it: `true`, `false`, or `null`
 * (unknown). Numbers near 0 are false; a geometry is true unless empty; a
 * text is read as a number, and a text that is none ("yes", "true"), a date or
 * an array is an evaluation error, as in QGIS.
 *
 * @throws {ExpressionEvalError} "Cannot convert '…' to boolean"
 * @example
 * ```ts
 * import { truth } from "./values.ts";
 * truth(0); // false
 * truth("2"); // true
 * truth(null); // null
 * ```
 */
export function truth(v: unknown): boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return !doubleNear(v, 0) && !Number.isNaN(v);
  if (isGeometry(v)) return v.parts.length > 0;
  if (typeof v === "string" && DOUBLE_TEXT.test(v)) {
    const n = Number(v);
    return !doubleNear(n, 0);
  }
  throw new ExpressionEvalError(
    `Cannot convert '${Array.isArray(v) ? "" : toText(v)}' to boolean`,
  );
}

/**
 * Whether a value counts as true where QGIS takes `QVariant::toBool()` of an
 * expression's result: a rule's filter, a feature request's filter, `if()`,
 * `array_filter()`. NULL is false; a number is true when it rounds to
 * something other than 0 (so 0.4 is false); a text is true unless it is
 * empty, "0" or "false" (any case); dates, geometries and arrays are false.
 *
 * @example
 * ```ts
 * import { isTruthy } from "./values.ts";
 * isTruthy("yes"); // true
 * isTruthy("False"); // false
 * isTruthy(0.4); // false
 * isTruthy(null); // false
 * ```
 */
export function isTruthy(v: unknown): boolean {
  if (typeof v === "boolean") return v;
  // Qt rounds a double to an integer (qRound64) before testing it
  if (typeof v === "number") return Math.floor(v + 0.5) !== 0 && v === v;
  if (typeof v === "string") {
    if (v.length > 5) return true;
    const s = v.toLowerCase();
    return !(s === "" || s === "0" || s === "false");
  }
  return false;
}

// qgsDoubleNear's default epsilon, 4 × DBL_EPSILON
const NEAR = 4 * Number.EPSILON;

/** QGIS's `qgsDoubleNear(a, b)` with its default epsilon. */
function doubleNear(a: number, b: number): boolean {
  const d = a - b;
  return d > -NEAR && d <= NEAR;
}

// What QString::toDouble reads (C locale): no hexadecimal, no "inf"/"nan"
const DOUBLE_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * Whether a value is a geometry of the shared model.
 *
 * @example
 * ```ts
 * import { isGeometry } from "./values.ts";
 * isGeometry({ kind: "point", parts: [] }); // true
 * ```
 */
export function isGeometry(v: unknown): v is Geometry {
  return typeof v === "object" && v !== null && "kind" in v && "parts" in v &&
    Array.isArray((v as Geometry).parts);
}

/**
 * Whether a value converts to a number without loss of meaning (QGIS's
 * `isDoubleSafe`): numbers, and texts that read as finite numbers. Booleans
 * are not: QGIS compares `true = 1` as the texts "true" and "1".
 *
 * @example
 * ```ts
 * import { isNumberLike } from "./values.ts";
 * isNumberLike(" 1e3 "); // true
 * isNumberLike("0x10"); // false
 * isNumberLike(true); // false
 * ```
 */
export function isNumberLike(v: unknown): boolean {
  if (typeof v === "number") return !Number.isNaN(v);
  if (typeof v === "string") {
    return DOUBLE_TEXT.test(v) && Number.isFinite(Number(v));
  }
  return false;
}

/**
 * Converts to a number or throws the evaluation error QGIS reports.
 *
 * @example
 * ```ts
 * import { toNumber } from "./values.ts";
 * toNumber("2.5"); // 2.5
 * ```
 */
export function toNumber(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string" && isNumberLike(v)) return Number(v.trim());
  if (v instanceof Date) return v.getTime();
  throw new ExpressionEvalError(`Cannot convert '${toText(v)}' to double`);
}

/**
 * QGIS's unary minus: of a number or a text that reads as one; anything else
 * (a boolean, a date) is an evaluation error, as in QGIS.
 *
 * @throws {ExpressionEvalError} "Unary minus only for numeric values."
 * @example
 * ```ts
 * import { unaryMinus } from "./values.ts";
 * unaryMinus("5"); // -5
 * ```
 */
export function unaryMinus(v: unknown): number {
  if (isNumberLike(v)) return -toNumber(v);
  throw new ExpressionEvalError("Unary minus only for numeric values.");
}

/**
 * Converts to an integer (truncating, as QVariant does for doubles) or throws.
 *
 * @example
 * ```ts
 * import { toInt } from "./values.ts";
 * toInt("7"); // 7
 * ```
 */
export function toInt(v: unknown): number {
  const n = toNumber(v);
  return Math.round(n) === n ? n : Math.trunc(n + (n > 0 ? 0.5 : -0.5));
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/**
 * Converts to text as QGIS's `to_string` does (dates ISO, booleans
 * `true`/`false`, numbers without trailing zeros).
 *
 * @example
 * ```ts
 * import { toText } from "./values.ts";
 * toText(1.5); // "1.5"
 * ```
 */
export function toText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Date) {
    return `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}T${
      pad(v.getHours())
    }:${pad(v.getMinutes())}:${pad(v.getSeconds())}`;
  }
  if (Array.isArray(v)) return v.map(toText).join(",");
  if (isGeometry(v)) return `<geometry: ${v.kind}>`;
  return String(v);
}

/**
 * Compares two non-null values as QGIS does: numerically when both convert
 * to numbers, as dates when both are dates, otherwise as strings.
 * Returns a negative, zero or positive number.
 *
 * @example
 * ```ts
 * import { compareValues } from "./values.ts";
 * compareValues("10", "9") > 0; // true (numbers)
 * ```
 */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number" && a === a && b === b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (a === b && typeof a === "string") return 0;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (isNumberLike(a) && isNumberLike(b)) {
    const x = toNumber(a), y = toNumber(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a instanceof Date || b instanceof Date) {
    const d = toDate(a instanceof Date ? b : a);
    const x = a instanceof Date ? a : d, y = b instanceof Date ? b : d;
    return x.getTime() - y.getTime();
  }
  const s = toText(a), t = toText(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

/**
 * Compares two non-null values as QGIS's comparison operators (`=`, `<>`,
 * `<`, `>`, `<=`, `>=`) and `IN` do: as numbers when both read as numbers
 * and not both are texts (so `'10' < '9'` compares texts, `'10' > 9`
 * numbers), as dates when one is a date, otherwise as texts (booleans read
 * "true"/"false", so `true = 1` is false). Returns the difference, negative,
 * zero or positive (of two numbers, their difference itself): the order
 * operators test its sign, `=` and `IN` test it with {@link operandsEqual}.
 *
 * @example
 * ```ts
 * import { compareOperands } from "./values.ts";
 * compareOperands("10", "9") < 0; // true (texts)
 * compareOperands("10", 9) > 0; // true (numbers)
 * compareOperands(true, 1) !== 0; // true
 * ```
 */
export function compareOperands(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (isNumberLike(a) && isNumberLike(b)) return toNumber(a) - toNumber(b);
  return compareValues(a, b);
}

/**
 * Whether two non-null values are equal as QGIS's `=` and `IN` find them:
 * {@link compareOperands}, numbers within `qgsDoubleNear` (so
 * `0.1 + 0.2 = 0.3` holds, as in QGIS).
 *
 * @example
 * ```ts
 * import { operandsEqual } from "./values.ts";
 * operandsEqual(0.1 + 0.2, 0.3); // true
 * operandsEqual("1.0", "1"); // false (texts)
 * ```
 */
export function operandsEqual(a: unknown, b: unknown): boolean {
  return doubleNear(compareOperands(a, b), 0);
}

/**
 * Converts to a Date (ISO text, `yyyy-MM-dd`, epoch ms) or throws.
 *
 * @example
 * ```ts
 * import { toDate } from "./values.ts";
 * toDate("2024-02-03").getDate(); // 3
 * ```
 */
export function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === "number") return new Date(v);
  if (typeof v === "string") {
    const m =
      /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/
        .exec(v.trim());
    if (m) {
      return new Date(
        Number(m[1]),
        Number(m[2]) - 1,
        Number(m[3]),
        Number(m[4] ?? 0),
        Number(m[5] ?? 0),
        Number(m[6] ?? 0),
        Number((m[7] ?? "0").slice(0, 3).padEnd(3, "0")),
      );
    }
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new ExpressionEvalError(`Cannot convert '${toText(v)}' to date`);
}

/**
 * An operator's truth value as QGIS gives it: the integer 1 or 0 (QGIS's
 * `TVL_True`/`TVL_False`), so `to_string(2 > 1)` is "1", as in QGIS.
 *
 * @example
 * ```ts
 * import { tvl } from "./values.ts";
 * tvl(true); // 1
 * ```
 */
export function tvl(b: boolean): 0 | 1 {
  return b ? 1 : 0;
}
