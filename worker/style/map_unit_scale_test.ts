import assert from "node:assert/strict";
import { decodeMapUnitScale, mapUnitPixels } from "./map_unit_scale.ts";

Deno.test("decodeMapUnitScale: QGIS 3's denominators, QGIS 2's inverses", () => {
  assert.deepEqual(decodeMapUnitScale("3x:0,0,1,5,1,100"), {
    minScale: 0,
    maxScale: 0,
    minSizeMM: 5,
    maxSizeMM: 100,
  });
  // QGIS 2 wrote 1 / denominator, and no size range before 2.x's six fields
  assert.deepEqual(decodeMapUnitScale("0.001,0"), {
    minScale: 1000,
    maxScale: 0,
    minSizeMM: null,
    maxSizeMM: null,
  });
  // a size range switched off keeps its value but does not apply
  assert.equal(decodeMapUnitScale("3x:0,0,0,5,0,100"), null);
  assert.equal(decodeMapUnitScale("3x:0,0,0,0,0,0"), null);
  assert.equal(decodeMapUnitScale(undefined), null);
});

Deno.test("mapUnitPixels: held within the size range and the scale range", () => {
  const units = { dpi: 96, mapUnitsPerPixel: 4 };
  const mm = 96 / 25.4;
  const sizes = { minScale: 0, maxScale: 0, minSizeMM: 4, maxSizeMM: 9 };
  assert.equal(mapUnitPixels(20, sizes, units, 15000), 4 * mm); // 5 px
  assert.equal(
    mapUnitPixels(20, sizes, { dpi: 96, mapUnitsPerPixel: 0.25 }, 945),
    9 * mm, // 80 px
  );
  // zoomed in past 1:3,000: drawn as at 1:3,000
  const range = {
    minScale: 0,
    maxScale: 3000,
    minSizeMM: null,
    maxSizeMM: null,
  };
  assert.equal(
    mapUnitPixels(3, range, { dpi: 96, mapUnitsPerPixel: 0.25 }, 1000),
    3 / 0.75,
  );
  assert.equal(mapUnitPixels(3, range, units, 15000), 3 / 4);
});
