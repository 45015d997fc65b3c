/**
 * The few assertions the tests here use (`jsr:@std/assert` is unreachable).
 *
 * @module
 */
import nodeAssert from "node:assert/strict";

/** Asserts that `condition` is truthy. */
export function assert(
  condition: unknown,
  message?: string,
): asserts condition {
  if (message === undefined) nodeAssert.ok(condition);
  else nodeAssert.ok(condition, message);
}

/** Asserts deep equality. */
export function assertEquals<T>(
  actual: T,
  expected: T,
  message?: string,
): void {
  if (message === undefined) nodeAssert.deepStrictEqual(actual, expected);
  else nodeAssert.deepStrictEqual(actual, expected, message);
}

/** Asserts that two numbers differ by at most `epsilon`. */
export function assertAlmostEquals(
  actual: number,
  expected: number,
  epsilon = 1e-7,
): void {
  nodeAssert.ok(
    Math.abs(actual - expected) <= epsilon,
    `${actual} is not within ${epsilon} of ${expected}`,
  );
}

function check<E extends Error>(
  error: unknown,
  // deno-lint-ignore no-explicit-any
  type: new (...args: any[]) => E,
  includes?: string,
): E {
  if (!(error instanceof type)) {
    throw new Error(`expected ${type.name}, got ${error}`);
  }
  if (includes !== undefined && !error.message.includes(includes)) {
    throw new Error(
      `expected the message to include "${includes}", got "${error.message}"`,
    );
  }
  return error;
}

/** Asserts that `fn` throws an instance of `type` (whose message includes `includes`). */
export function assertThrows<E extends Error>(
  fn: () => unknown,
  // deno-lint-ignore no-explicit-any
  type: new (...args: any[]) => E,
  includes?: string,
): E {
  try {
    fn();
  } catch (error) {
    return check(error, type, includes);
  }
  throw new Error(`expected ${type.name} to be thrown`);
}

/** Asserts that `fn` rejects with an instance of `type` (whose message includes `includes`). */
export async function assertRejects<E extends Error>(
  fn: () => Promise<unknown>,
  // deno-lint-ignore no-explicit-any
  type: new (...args: any[]) => E,
  includes?: string,
): Promise<E> {
  try {
    await fn();
  } catch (error) {
    return check(error, type, includes);
  }
  throw new Error(`expected ${type.name} to be rejected`);
}
