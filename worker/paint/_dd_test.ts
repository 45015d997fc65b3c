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

Deno.test("transformValue: a colour ramp transformer's colour, clamped, NULL to its null colour", () => {
  // figures from QGIS 3.22's QgsColorRampTransformer::transform
  const ramp = {
    type: "colorRamp" as const,
    minValue: 0,
    maxValue: 10,
    nullColor: [0, 0, 0, 0] as [number, number, number, number],
    ramp: {
      color1: [255, 0, 0, 255] as [number, number, number, number],
      color2: [0, 0, 255, 255] as [number, number, number, number],
      discrete: false,
      stops: [[0.25, [0, 255, 0, 255]], [0.5, [255, 255, 0, 128]]] as [
        number,
        [number, number, number, number],
      ][],
    },
  };
  assert.deepEqual(
    [null, 1, 2.5, 3, "5", 7, 10, 25, -3].map((v) => transformValue(ramp, v)),
    [
      "0,0,0,0",
      "153,102,0,255",
      "0,255,0,255",
      "51,255,0,230",
      "255,255,0,128",
      "153,153,102,179",
      "0,0,255,255",
      "0,0,255,255",
      "255,0,0,255",
    ],
  );
  assert.equal(transformValue(ramp, "n/a"), "n/a");
  // QVariant::toDouble reads a boolean as 0 or 1
  assert.equal(
    transformValue({ ...ramp, minValue: 10, maxValue: 20 }, true),
    "255,0,0,255",
  );
  // an empty range: below it the first colour, on it (0/0) and above the last
  const flat = {
    ...ramp,
    minValue: 10,
    maxValue: 10,
    ramp: { ...ramp.ramp, stops: [] },
  };
  assert.deepEqual(
    [5, 10, 15].map((v) => transformValue(flat, v)),
    ["255,0,0,255", "0,0,255,255", "0,0,255,255"],
  );
  // a reversed range
  const reversed = { ...flat, minValue: 20, maxValue: 10 };
  assert.deepEqual(
    [5, 12, 25].map((v) => transformValue(reversed, v)),
    ["0,0,255,255", "51,0,204,255", "255,0,0,255"],
  );
});
