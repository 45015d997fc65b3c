import assert from "node:assert/strict";
import { transformValue } from "./_dd.ts";

Deno.test("transformValue: clamped, scaled along the exponent, NULL to its output", () => {
  const size = {
    type: "size" as const,
    scaleType: 3,
    minValue: 0,
    maxValue: 250,
    minOutput: 1,
    maxOutput: 6,
    nullOutput: 0.5,
    exponent: 0.7,
  };
  assert.equal(transformValue(size, null), 0.5);
  assert.equal(transformValue(size, -5), 1);
  assert.equal(transformValue(size, 400), 6);
  assert.ok(
    Math.abs(
      (transformValue(size, 125) as number) - (1 + 5 * Math.pow(0.5, 0.7)),
    ) < 1e-12,
  );
  assert.equal(transformValue({ ...size, scaleType: 0 }, 125), 3.5);
  assert.equal(transformValue(size, "n/a"), "n/a");
  const flat = { ...size, type: "numeric" as const, maxValue: 0 };
  assert.equal(transformValue(flat, 9), 6);
});
