import { ok } from "node:assert/strict";
import { ColorRampShader } from "./color_ramp.ts";
import type { ColorRampShaderStyle, Rgba } from "./style.ts";
import { assertEquals } from "./_assert.ts";

const c = (r: number, g: number, b: number, a = 255): Rgba => ({ r, g, b, a });
const style = (
  type: ColorRampShaderStyle["type"],
  values: number[],
  clip = false,
): ColorRampShaderStyle => ({
  type,
  clip,
  minimumValue: values[0],
  maximumValue: values[values.length - 1],
  items: values.map((value, i) => ({
    value,
    color: c(i * 40, 255 - i * 40, i * 10),
    label: String(value),
  })),
});

// An independent linear search for the first class value ≥ the value.
function linearIndex(values: number[], value: number): number {
  for (let i = 0; i < values.length; i++) if (values[i] >= value) return i;
  return -1;
}

Deno.test("discrete: the upper class colours values between breaks; the lookup table agrees with a linear search", () => {
  const values = [20, 30, 40, 60, Infinity];
  const s = style("DISCRETE", values);
  const shader = new ColorRampShader(s);
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const probes = [
    -1e30,
    0,
    19.999999,
    20,
    20.000001,
    29.99,
    30,
    40,
    59.9,
    60,
    60.0001,
    1e30,
  ];
  for (let i = 0; i < 2000; i++) probes.push(random() * 100 - 10);
  for (const v of probes) {
    const idx = linearIndex(values, v);
    assertEquals(shader.shade(v), s.items[idx].color, `value ${v}`);
  }
  assertEquals(shader.shade(NaN), null, "NaN");
  assertEquals(shader.shade(Infinity), null, "Infinity");
});

Deno.test("discrete: values above the last break are not drawn", () => {
  const shader = new ColorRampShader(style("DISCRETE", [1, 2, 3]));
  assertEquals(shader.shade(3), c(80, 175, 20), "last");
  assertEquals(shader.shade(3.0000001), null, "overflow");
});

Deno.test("interpolated: linear between items, truncated; clip drops the outside", () => {
  const s: ColorRampShaderStyle = {
    type: "INTERPOLATED",
    clip: false,
    minimumValue: 0,
    maximumValue: 10,
    items: [
      { value: 0, color: c(0, 0, 0), label: "" },
      { value: 10, color: c(255, 100, 50, 55), label: "" },
    ],
  };
  const shader = new ColorRampShader(s);
  for (const v of [0.5, 1, 3.3, 7.77, 9.99]) {
    const scale = Math.fround(Math.fround(v) / Math.fround(10));
    assertEquals(shader.shade(v), {
      r: Math.trunc(Math.fround(255 * scale)),
      g: Math.trunc(Math.fround(100 * scale)),
      b: Math.trunc(Math.fround(50 * scale)),
      a: 255 + Math.trunc(Math.fround(-200 * scale)),
    }, `value ${v}`);
  }
  assertEquals(shader.shade(-5), c(0, 0, 0), "below: first colour");
  assertEquals(shader.shade(50), c(255, 100, 50, 55), "above: last colour");
  const clipped = new ColorRampShader({ ...s, clip: true });
  assertEquals(clipped.shade(-5), null, "clipped below");
  assertEquals(clipped.shade(50), null, "clipped above");
  assertEquals(clipped.shade(10), c(255, 100, 50, 55), "edge is inside");
});

Deno.test("exact: only the listed values", () => {
  const shader = new ColorRampShader(style("EXACT", [1, 2, 5]));
  assertEquals(shader.shade(2), c(40, 215, 10), "2");
  assertEquals(shader.shade(2.5), null, "2.5");
  assertEquals(shader.shade(0), null, "0");
  assertEquals(shader.shade(6), null, "6");
});

Deno.test("an empty ramp draws nothing", () => {
  assertEquals(new ColorRampShader(style("DISCRETE", [])).shade(1), null, "");
});

Deno.test("ColorRampShader: one shader kept for the worker's life (its map with it)", async () => {
  const { keptShapes } = await import("../cache/kept_shapes.ts");
  ok(keptShapes().some((o) => o instanceof ColorRampShader));
});
