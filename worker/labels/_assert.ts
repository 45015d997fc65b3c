// Small assertions for this folder's tests (JSR's @std/assert is unreachable).
import { isDeepStrictEqual } from "node:util";

/** Throws when `cond` is falsy. */
export function assert(cond: unknown, msg = "assertion failed"): asserts cond {
  if (!cond) throw new Error(msg);
}

/** Deep equality. */
export function assertEquals<T>(actual: T, expected: T, msg = ""): void {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new Error(
      `${msg ? msg + ": " : ""}${JSON.stringify(actual)} !== ${
        JSON.stringify(expected)
      }`,
    );
  }
}

/** |actual − expected| ≤ tolerance. */
export function assertAlmostEquals(
  actual: number,
  expected: number,
  tolerance: number,
): void {
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(`${actual} is not within ${tolerance} of ${expected}`);
  }
}
