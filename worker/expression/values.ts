/**
 * QGIS value semantics: truthiness, conversions and comparison as
 * `QgsExpressionUtils` does them.
 *
 * @module
 */
import type { Geometry } from "../geometry/types.ts";
import { ExpressionEvalError } from "./errors.ts";

/**
 * QGIS three-valued truth of a value: `true`, `false`, or `null` (unknown).
 *
 * @example
 * ```ts
 * import { truth } from "./values.ts";
 * truth(0); // false
 * truth(null); // null
 * ```
 */
export function truth(v: unknown): boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0 && !Number.isNaN(v);
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    return !(s === "" || s === "0" || s === "false");
  }
  if (isGeometry(v)) return v.parts.length > 0;
  return true;
}

/**
 * Whether a value counts as true (unknown counts as false), as a rule's
 * filter or a `CASE WHEN` does.
 *
 * @example
 * ```ts
 * import { isTruthy } from "./values.ts";
 * isTruthy("yes"); // true
 * isTruthy(null); // false
 * ```
 */
export function isTruthy(v: unknown): boolean {
  return truth(v) === true;
}

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

/** Whether a value converts to a number without loss of meaning (QGIS's isDoubleSafe). */
export function isNumberLike(v: unknown): boolean {
  if (typeof v === "number") return !Number.isNaN(v);
  if (typeof v === "boolean") return true;
  if (typeof v === "string") {
    // fast rejection: text starting with a letter (other than the I of
    // "Infinity") is never a number
    const c = v.charCodeAt(0);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90 && c !== 73)) return false;
    return v.trim() !== "" && !Number.isNaN(Number(v.trim()));
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
