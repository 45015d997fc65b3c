import {
  enhanceContrast,
  nodataPixel,
  renderGray,
  renderHillshade,
  renderMultiband,
  type RenderOptions,
  renderPaletted,
  renderPseudocolor,
  transparencyOpacity,
} from "./renderers.ts";
import { assertEquals } from "./_assert.ts";

const opts = (over: Partial<RenderOptions> = {}): RenderOptions => ({
  opacity: 1,
  nodataColor: null,
  transparentValues: [],
  transparentRgb: [],
  ...over,
});
const block = (...values: number[]) => ({
  width: values.length,
  height: 1,
  values: Float64Array.from(values),
});
const px = (rgba: Uint8Array, i: number) =>
  Array.from(rgba.slice(i * 4, i * 4 + 4));

const RAMP = {
  type: "DISCRETE" as const,
  clip: false,
  minimumValue: 0,
  maximumValue: 1,
  items: [
    { value: 10, color: { r: 204, g: 255, b: 102, a: 255 }, label: "" },
    { value: Infinity, color: { r: 128, g: 0, b: 0, a: 128 }, label: "" },
  ],
};

Deno.test("pseudocolor: opacity multiplies the premultiplied components, truncating", () => {
  const out = renderPseudocolor(
    block(5, 50, NaN),
    RAMP,
    opts({ opacity: 0.4 }),
  );
  assertEquals(px(out, 0), [81, 102, 40, 102], "opaque class");
  // alpha 128: premultiplied first (128 × 128/255 → 64), then opacity.
  const a = Math.trunc(0.4 * 128);
  assertEquals(
    px(out, 1),
    [Math.trunc(0.4 * 64), 0, 0, a],
    "translucent class",
  );
  assertEquals(px(out, 2), [0, 0, 0, 0], "no data");
});

Deno.test("pseudocolor: without transparency the colours are written as they are", () => {
  const out = renderPseudocolor(block(5), RAMP, opts());
  assertEquals(px(out, 0), [204, 255, 102, 255], "");
});

Deno.test("pseudocolor: transparent ranges and the no-data colour", () => {
  const out = renderPseudocolor(
    block(5, 7, NaN),
    RAMP,
    opts({
      transparentValues: [{ min: 6, max: 8, percentTransparent: 50 }],
      nodataColor: { r: 0, g: 0, b: 255, a: 255 },
    }),
  );
  assertEquals(px(out, 0), [204, 255, 102, 255], "outside the range");
  const o = transparencyOpacity(7, [
    { min: 6, max: 8, percentTransparent: 50 },
  ]);
  assertEquals(
    px(out, 1),
    [204, 255, 102, 255].map((v) => Math.trunc(v * o)),
    "half",
  );
  assertEquals(px(out, 2), [0, 0, 255, 255], "no-data colour");
  assertEquals(
    nodataPixel({ opacity: 0.5, nodataColor: { r: 255, g: 0, b: 0, a: 255 } }),
    [127, 0, 0, 127],
    "no-data with opacity",
  );
});

Deno.test("contrast enhancement algorithms", () => {
  const ce = (
    algorithm: Parameters<typeof enhanceContrast>[1] extends infer T
      ? T extends { algorithm: infer A } ? A : never
      : never,
  ) => ({ algorithm, min: 10, max: 110 });
  assertEquals(
    enhanceContrast(60, ce("StretchToMinimumMaximum")),
    127,
    "stretch",
  );
  assertEquals(
    enhanceContrast(0, ce("StretchToMinimumMaximum")),
    0,
    "stretch below",
  );
  assertEquals(
    enhanceContrast(500, ce("StretchToMinimumMaximum")),
    255,
    "stretch above",
  );
  assertEquals(
    enhanceContrast(0, ce("StretchAndClipToMinimumMaximum")),
    null,
    "clip below",
  );
  assertEquals(
    enhanceContrast(60, ce("ClipToMinimumMaximum")),
    60,
    "clip keeps",
  );
  // Without a stretch, types other than Byte are scaled by their range.
  assertEquals(enhanceContrast(200, ce("NoEnhancement")), 200, "byte");
  assertEquals(
    enhanceContrast(32768, ce("NoEnhancement"), 2),
    Math.trunc((32768 / 65535) * 255),
    "uint16",
  );
  assertEquals(
    enhanceContrast(0, ce("NoEnhancement"), 3),
    Math.trunc((32768 / 65535) * 255),
    "int16",
  );
  assertEquals(
    enhanceContrast(30000, ce("ClipToMinimumMaximum"), 2),
    null,
    "clip outside with a type range",
  );
});

Deno.test("gray: gradient, contrast and opacity", () => {
  const ce = {
    algorithm: "StretchToMinimumMaximum" as const,
    min: 0,
    max: 200,
  };
  const out = renderGray(block(100, NaN), "WhiteToBlack", ce, opts());
  assertEquals(px(out, 0), [128, 128, 128, 255], "white to black");
  assertEquals(px(out, 1), [0, 0, 0, 0], "no data");
  const half = renderGray(
    block(100),
    "BlackToWhite",
    null,
    opts({ opacity: 0.5 }),
  );
  assertEquals(px(half, 0), [50, 50, 50, 127], "opacity");
});

Deno.test("multiband: each band its channel; any no-data band hides the pixel; transparent RGB", () => {
  const out = renderMultiband(
    [block(10, 1, 0), block(20, NaN, 0), block(30, 3, 0)],
    [null, null, null],
    opts({
      transparentRgb: [{ red: 0, green: 0, blue: 0, percentTransparent: 100 }],
    }),
  );
  assertEquals(px(out, 0), [10, 20, 30, 255], "rgb");
  assertEquals(px(out, 1), [0, 0, 0, 0], "no data in green");
  assertEquals(px(out, 2), [0, 0, 0, 0], "transparent black");
});

Deno.test("paletted: class colours premultiplied with opacity; unknown values transparent", () => {
  const out = renderPaletted(
    block(1, 2, 9),
    [
      { value: 1, color: { r: 255, g: 0, b: 0, a: 255 } },
      { value: 2, color: { r: 0, g: 255, b: 0, a: 255 } },
    ],
    opts({ opacity: 0.5 }),
  );
  // Opacity per pixel, truncating: 0.5 × 255 → 127.
  assertEquals(px(out, 0), [127, 0, 0, 127], "class 1");
  assertEquals(px(out, 1), [0, 127, 0, 127], "class 2");
  assertEquals(px(out, 2), [0, 0, 0, 0], "unknown");
});

Deno.test("hillshade: flat ground is lit by the sun's altitude; slopes facing the sun are brighter", () => {
  const flat = {
    width: 3,
    height: 3,
    values: new Float64Array(9),
    cellSize: [1, 1] as [number, number],
  };
  const params = { azimuth: 315, angle: 45, zFactor: 1, multidirection: false };
  const out = renderHillshade(flat, params, opts());
  const expected = Math.trunc(254 * Math.sin((90 - 45) * Math.PI / 180));
  assertEquals(px(out, 4), [expected, expected, expected, 255], "flat");
  // A plane rising to the east (away from a western sun) is darker than
  // one rising to the west.
  const east = {
    ...flat,
    values: Float64Array.from([0, 1, 2, 0, 1, 2, 0, 1, 2]),
  };
  const west = {
    ...flat,
    values: Float64Array.from([2, 1, 0, 2, 1, 0, 2, 1, 0]),
  };
  const sunWest = { ...params, azimuth: 270 };
  const e = renderHillshade(east, sunWest, opts())[16];
  const w = renderHillshade(west, sunWest, opts())[16];
  if (!(w < e)) {
    throw new Error(
      `west-rising ${w} should be darker than east-rising ${e} under a western sun`,
    );
  }
  const multi = renderHillshade(
    flat,
    { ...params, multidirection: true },
    opts(),
  );
  assertEquals(
    multi[16],
    Math.trunc(1 + 254 * Math.sin(Math.PI / 4)),
    "multidirectional flat",
  );
});

Deno.test("pseudocolor: repeated rows and values colour as each pixel alone does", () => {
  // rows 0 and 1 repeat (NaN included), row 2 differs in one value only,
  // row 3 repeats row 2: whole-row and per-value reuse must not leak colours
  const rows = [
    [5, NaN, 20, 20],
    [5, NaN, 20, 20],
    [5, NaN, 20, 5],
    [5, NaN, 20, 5],
    [NaN, NaN, NaN, NaN],
  ];
  const values = Float64Array.from(rows.flat());
  const options = opts({
    opacity: 0.4,
    nodataColor: { r: 0, g: 0, b: 255, a: 255 },
  });
  const rgba = renderPseudocolor(
    { width: 4, height: rows.length, values },
    RAMP,
    options,
  );
  for (let i = 0; i < values.length; i++) {
    const alone = renderPseudocolor(block(values[i]), RAMP, options);
    assertEquals(px(rgba, i), px(alone, 0), `pixel ${i}`);
  }
});

Deno.test("renderers draw into a given array of the right size, else fail", () => {
  const b = block(5, NaN, 20);
  const fresh = renderPseudocolor(b, RAMP, opts({ opacity: 0.4 }));
  const into = new Uint8Array(12);
  const drawn = renderPseudocolor(b, RAMP, opts({ opacity: 0.4, out: into }));
  assertEquals(drawn === into, true, "the given array");
  assertEquals(Array.from(drawn), Array.from(fresh), "same pixels");
  let error: unknown;
  try {
    renderPseudocolor(b, RAMP, opts({ out: new Uint8Array(8) }));
  } catch (e) {
    error = e;
  }
  assertEquals(error instanceof RangeError, true, "too small is a RangeError");
});

Deno.test("pseudocolor into an array that starts inside its buffer writes there only", () => {
  const b = block(5, NaN, 20);
  const fresh = renderPseudocolor(b, RAMP, opts({ opacity: 0.4 }));
  for (const start of [8, 5]) { // 4-aligned, and not
    const buffer = new Uint8Array(start + 12 + 8);
    const into = buffer.subarray(start, start + 12);
    renderPseudocolor(b, RAMP, opts({ opacity: 0.4, out: into }));
    assertEquals(Array.from(into), Array.from(fresh), `pixels at ${start}`);
    const outside = [
      ...buffer.subarray(0, start),
      ...buffer.subarray(start + 12),
    ];
    assertEquals(
      outside.every((v) => v === 0),
      true,
      `nothing outside at ${start}`,
    );
  }
});
