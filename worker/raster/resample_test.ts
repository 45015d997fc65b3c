import { resampleSize, scaleBilinear } from "./resample.ts";
import { assertEquals } from "./_assert.ts";

const R = {
  zoomedIn: "bilinear" as const,
  zoomedOut: "nearestNeighbour" as const,
  maxOversampling: 2,
  provider: false,
};

Deno.test("resampleSize: only with a resampler for the zoom direction", () => {
  assertEquals(resampleSize(R, 100, 100, 0.5), [50, 50], "zoomed in");
  assertEquals(resampleSize(R, 100, 100, 3), null, "zoomed out, nearest");
  assertEquals(
    resampleSize({ ...R, zoomedOut: "bilinear" }, 100, 100, 3),
    [200, 200],
    "zoomed out, capped at maxOversampling",
  );
  assertEquals(resampleSize(R, 100, 100, 1), null, "native");
  assertEquals(
    resampleSize({ ...R, provider: true }, 100, 100, 0.5),
    null,
    "provider resamples",
  );
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
