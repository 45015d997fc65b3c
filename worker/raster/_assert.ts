/** Minimal assertions for this folder's tests (no jsr:@std here). */
export function assert(
  cond: unknown,
  message = "assertion failed",
): asserts cond {
  if (!cond) throw new Error(message);
}

/** Deep equality through JSON (enough for plain data). */
export function assertEquals(
  actual: unknown,
  expected: unknown,
  what = "",
): void {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}\nactual   ${a}\nexpected ${e}`);
}
