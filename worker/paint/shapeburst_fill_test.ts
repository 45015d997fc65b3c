import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { gradientRampColor, trimRing } from "./shapeburst_fill.ts";

Deno.test("gradientRampColor: ends, RGB interpolation through 16-bit channels, stops", () => {
  const white = [255, 255, 255, 255] as [number, number, number, number];
  const black = [0, 0, 0, 255] as [number, number, number, number];
  assertEquals(gradientRampColor(white, black, [], false, 0), white);
  assertEquals(gradientRampColor(white, black, [], false, 1.5), black);
  assertEquals(gradientRampColor(white, black, [], false, 0.125), [
    223,
    223,
    223,
    255,
  ]);
  const red = [255, 0, 0, 255] as [number, number, number, number];
  assertEquals(gradientRampColor(white, black, [[0.5, red]], false, 0.25), [
    255,
    128,
    128,
    255,
  ]);
  assertEquals(
    gradientRampColor(white, black, [[0.5, red]], true, 0.75),
    red,
  );
});

Deno.test("trimRing: a ring clipped to a rectangle, edges cut where they cross it", () => {
  assertEquals(
    trimRing(Float64Array.of(-5, 5, 15, 5, 15, 8, -5, 8, -5, 5), [
      0,
      0,
      10,
      10,
    ]),
    [0, 5, 10, 5, 10, 8, 0, 8],
  );
  assertEquals(
    trimRing(Float64Array.of(2, 2, 4, 2, 4, 4, 2, 2), [0, 0, 10, 10]),
    [2, 2, 4, 2, 4, 4],
  );
});
