import {
  qtSmoothScale,
  resampleBlock,
  resamplePlan,
  scaleBilinear,
} from "./resample.ts";
import { assertEquals } from "./_assert.ts";

const R = {
  zoomedIn: "bilinear" as const,
  zoomedOut: "nearestNeighbour" as const,
  maxOversampling: 2,
  provider: false,
};
const EXT = { xmin: 0, ymin: 0, xmax: 100, ymax: 100 };

Deno.test("resamplePlan: only with a resampler for the zoom direction", () => {
  assertEquals(
    resamplePlan(R, EXT, 100, 100, 1 / 3),
    null,
    "zoomed out, nearest",
  );
  assertEquals(
    resamplePlan({ ...R, provider: true }, EXT, 100, 100, 2),
    null,
    "provider resamples",
  );
  assertEquals(
    resamplePlan({ ...R, zoomedIn: "nearestNeighbour" }, EXT, 100, 100, 1),
    null,
    "native, nearest",
  );
});

Deno.test("resamplePlan: the block grown by ceil(buffer × oversampling) source pixels, as QGIS 3.22", () => {
  // zoomed in (map 1, source 2 a pixel): oversampling 0.5, buffer 1 source
  // pixel; 50 + 2 rendered, scaled to the grown extent at the map's 104
  assertEquals(resamplePlan(R, EXT, 100, 100, 2), {
    extent: { xmin: -2, ymin: -2, xmax: 102, ymax: 102 },
    width: 52,
    height: 52,
    scaledWidth: 104,
    scaledHeight: 104,
    cropX: 2,
    cropY: 2,
    method: "bilinear",
  });
  // at the source's resolution, a zoomed-in resampler still resamples
  assertEquals(resamplePlan(R, EXT, 100, 100, 1)?.width, 102, "native");
  // zoomed out 3×: oversampling capped at 2, a cubic's buffer of 2 → 4
  const out = resamplePlan(
    { ...R, zoomedOut: "cubic" },
    EXT,
    100,
    50,
    1 / 3,
  )!;
  assertEquals(
    [out.width, out.height, out.scaledWidth, out.scaledHeight, out.method],
    [208, 108, 103, 51, "cubic"],
  );
  assertEquals([out.cropX, out.cropY, out.extent.xmin], [1, 0, -4 / 3]);
});

Deno.test("qtSmoothScale: Qt 5.15's QImage::scaled(SmoothTransformation), byte for byte", () => {
  // expected: Qt 5.15.8 (PyQt5) on the same premultiplied pixels
  assertEquals(
    Array.from(qtSmoothScale(
      Uint8Array.from([
        ...[10, 20, 30, 255, 200, 100, 0, 255, 0, 0, 0, 0],
        ...[90, 90, 90, 255, 60, 0, 60, 255, 255, 255, 255, 255],
      ]),
      3,
      2,
      2,
      1,
    )),
    [76, 53, 50, 255, 128, 101, 95, 169],
    "down both ways: area average",
  );
  assertEquals(
    Array.from(qtSmoothScale(
      Uint8Array.from([
        0,
        0,
        0,
        255,
        200,
        100,
        40,
        255,
        0,
        0,
        0,
        0,
        100,
        100,
        100,
        255,
      ]),
      2,
      2,
      5,
      3,
    )),
    [
      ...[0, 0, 0, 255, 19, 9, 3, 255, 99, 49, 19, 255, 179, 89, 35, 255],
      ...[200, 100, 40, 255, 0, 0, 0, 128, 14, 9, 6, 140, 74, 49, 34, 191],
      ...[134, 89, 61, 242, 150, 100, 69, 255, 0, 0, 0, 0, 9, 9, 9, 24],
      ...[49, 49, 49, 126, 89, 89, 89, 229, 100, 100, 100, 255],
    ],
    "up both ways: bilinear in 8-bit steps",
  );
  assertEquals(
    Array.from(qtSmoothScale(
      Uint8Array.from([0, 0, 0, 0, 120, 60, 30, 255, 250, 250, 250, 255]),
      3,
      1,
      2,
      3,
    )),
    [
      39,
      19,
      9,
      84,
      206,
      186,
      176,
      255,
      39,
      19,
      9,
      84,
      206,
      186,
      176,
      255,
      39,
      19,
      9,
      84,
      206,
      186,
      176,
      255,
    ],
    "down in x, up in y",
  );
});

Deno.test("resampleBlock: the block cropped from the middle of the scaled image; the raster's edge blends with the transparent pixels beyond", () => {
  const plan = resamplePlan(
    { ...R, zoomedOut: "bilinear" },
    EXT,
    50,
    50,
    1,
  )!;
  // opaque grey where the raster is (x > 1: half the block's first pixel),
  // transparent beyond it
  const rgba = new Uint8Array(plan.width * plan.height * 4);
  for (let y = 0; y < plan.height; y++) {
    for (let x = 0; x < plan.width; x++) {
      const mx = plan.extent.xmin + (x + 0.5) * 104 / plan.width;
      if (mx > 1) rgba.set([100, 100, 100, 255], (y * plan.width + x) * 4);
    }
  }
  const out = resampleBlock(rgba, plan, 50, 50);
  const alpha = (x: number) => out[(25 * 50 + x) * 4 + 3];
  assertEquals(alpha(0) > 64 && alpha(0) < 192, true, `edge ${alpha(0)}`);
  assertEquals([alpha(1), alpha(49)], [255, 255]);
});

Deno.test("scaleBilinear: same size is the identity; constant stays constant", () => {
  const src = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
  assertEquals(
    Array.from(scaleBilinear(src, 3, 2, 3, 2)),
    Array.from(src),
    "identity",
  );
  const flat = new Uint8Array(4 * 4).fill(90);
  const up = scaleBilinear(flat, 2, 2, 7, 5);
  assertEquals(up.every((v) => v === 90), true, "constant");
});
