import assert from "node:assert/strict";
import { heatmapRequestMargin, rampColor } from "./heatmap.ts";
import type { GradientRamp, HeatmapRenderer } from "../style/model.ts";

const RAMP: GradientRamp = {
  color1: [255, 255, 255, 0],
  color2: [200, 0, 30, 255],
  discrete: false,
  stops: [[0.3, [40, 120, 220, 160]], [0.7, [250, 210, 40, 230]]],
};

Deno.test("heatmap: ramp colours as QgsGradientColorRamp blends them (QColor's 16 bits, rounded to 8)", () => {
  assert.deepStrictEqual(rampColor(RAMP, 0), [255, 255, 255, 0]);
  assert.deepStrictEqual(rampColor(RAMP, -1), [255, 255, 255, 0]);
  assert.deepStrictEqual(rampColor(RAMP, 1), [200, 0, 30, 255]);
  assert.deepStrictEqual(rampColor(RAMP, 0.3), [40, 120, 220, 160]);
  assert.deepStrictEqual(rampColor(RAMP, 0.15), [147, 188, 238, 80]);
  assert.deepStrictEqual(rampColor(RAMP, 0.85), [225, 105, 35, 243]);
  // values measured with QGIS 3.22 (QgsGradientColorRamp.color)
  assert.deepStrictEqual(rampColor(RAMP, 0.5), [145, 165, 130, 195]);
  assert.deepStrictEqual(rampColor({ ...RAMP, discrete: true }, 0.5), [
    40,
    120,
    220,
    160,
  ]);
});

Deno.test("heatmap: ramps of colours in equal steps give the colour of the step (QgsPresetSchemeColorRamp::color)", () => {
  const steps = {
    colors: [[255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 128]] as [
      number,
      number,
      number,
      number,
    ][],
  };
  // values measured with QGIS 3.22 (QgsPresetSchemeColorRamp.color)
  assert.deepStrictEqual(rampColor(steps, 0), [255, 0, 0, 255]);
  assert.deepStrictEqual(rampColor(steps, 0.3333333), [255, 0, 0, 255]);
  assert.deepStrictEqual(rampColor(steps, 0.33333334), [0, 255, 0, 255]);
  assert.deepStrictEqual(rampColor(steps, 0.66666667), [0, 0, 255, 128]);
  assert.deepStrictEqual(rampColor(steps, 1), [0, 0, 255, 128]);
});

Deno.test("heatmap: features are asked for within the radius around the map", () => {
  const r: HeatmapRenderer = {
    type: "heatmapRenderer",
    radius: 10,
    radiusUnit: "Pixel",
    maxValue: 0,
    quality: 1,
    weight: "",
    ramp: RAMP,
  };
  const map = { dpi: 96, mapUnitsPerPixel: 2.5 } as never;
  assert.deepStrictEqual(heatmapRequestMargin(r, map), 25);
  assert.deepStrictEqual(
    heatmapRequestMargin({ ...r, radius: 1000, radiusUnit: "MapUnit" }, map),
    1000,
  );
});
