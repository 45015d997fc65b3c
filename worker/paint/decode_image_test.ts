import assert from "node:assert/strict";
import { pngBomb } from "../../tests/hostile/image_bomb.ts";
import { getCanvasKit } from "./canvaskit.ts";
import { decodeImage, DEFAULT_MAX_IMAGE_PIXELS } from "./decode_image.ts";
import { encodePng } from "./png.ts";
import { DEFAULT_WEB_SETTINGS } from "../sources/wms/settings.ts";

Deno.test("decodeImage: the web sources' default bound is this module's", () => {
  assert.equal(DEFAULT_WEB_SETTINGS.maxImagePixels, DEFAULT_MAX_IMAGE_PIXELS);
});

Deno.test("decodeImage: an image within the bound is decoded, premultiplied or not", async () => {
  const ck = await getCanvasKit();
  const png = encodePng(new Uint8Array(3 * 2 * 4).fill(128), 3, 2);
  const premul = decodeImage(ck, png, { maxPixels: 6, premultiplied: true })!;
  assert.deepEqual([premul.width, premul.height], [3, 2]);
  assert.deepEqual([...premul.rgba.subarray(0, 4)], [64, 64, 64, 128]);
  const plain = decodeImage(ck, png, { maxPixels: 6, premultiplied: false })!;
  assert.deepEqual([...plain.rgba.subarray(0, 4)], [128, 128, 128, 128]);
  assert.equal(
    decodeImage(ck, new Uint8Array([1, 2, 3]), {
      maxPixels: 6,
      premultiplied: true,
    }),
    null,
  );
});

Deno.test("decodeImage: a PNG bomb (30 kB declaring 16000 × 16000) is refused from its header, at once", async () => {
  const ck = await getCanvasKit();
  const bomb = pngBomb(16000, 16000);
  assert.ok(bomb.length < 64 * 1024, `${bomb.length} bytes`);
  const rss0 = Deno.memoryUsage().rss;
  const t0 = performance.now();
  assert.throws(
    () =>
      decodeImage(ck, bomb, {
        maxPixels: DEFAULT_MAX_IMAGE_PIXELS,
        premultiplied: true,
      }),
    (e: Error) =>
      e instanceof RangeError &&
      e.message ===
        "Cannot decode image: PNG of 16000×16000 pixels, more than the 4194304 allowed",
  );
  // Skia would have taken 1.4 s and 256 MB to decode it, 20 s and 1 GB
  // more to read it as RGBA: the RSS below tells (work not done); the time
  // is a bound on a hang only, 10 s (was 1 s) for a loaded machine
  assert.ok(performance.now() - t0 < 10_000);
  assert.ok(Deno.memoryUsage().rss - rss0 < 50e6);
  // one as large as allowed is decoded
  const edge = decodeImage(ck, pngBomb(2048, 2048), {
    maxPixels: DEFAULT_MAX_IMAGE_PIXELS,
    premultiplied: true,
  });
  assert.equal(edge?.rgba.length, 2048 * 2048 * 4);
});
