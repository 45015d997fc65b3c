import assert from "node:assert/strict";
import { getCanvasKit } from "./canvaskit.ts";
import { encodePng } from "./png.ts";
import { encodedImageSize } from "./image_size.ts";

/** A BMP header (no pixels) declaring `w × h` at 24 bits. */
function bmpHeader(w: number, h: number): Uint8Array {
  const bmp = new Uint8Array(54);
  const v = new DataView(bmp.buffer);
  bmp.set([0x42, 0x4d]);
  v.setUint32(2, bmp.length, true);
  v.setUint32(10, 54, true);
  v.setUint32(14, 40, true);
  v.setInt32(18, w, true);
  v.setInt32(22, -h, true); // top-down
  v.setUint16(26, 1, true);
  v.setUint16(28, 24, true);
  return bmp;
}

/** A GIF header declaring a `w × h` logical screen. */
function gifHeader(w: number, h: number): Uint8Array {
  const gif = new Uint8Array(13);
  gif.set([..."GIF89a"].map((c) => c.charCodeAt(0)));
  new DataView(gif.buffer).setUint16(6, w, true);
  new DataView(gif.buffer).setUint16(8, h, true);
  return gif;
}

/** An ICO of one entry, the given image at offset 22. */
function ico(image: Uint8Array): Uint8Array {
  const out = new Uint8Array(22 + image.length);
  const v = new DataView(out.buffer);
  v.setUint16(2, 1, true);
  v.setUint16(4, 1, true);
  v.setUint32(6 + 8, image.length, true);
  v.setUint32(6 + 12, 22, true);
  out.set(image, 22);
  return out;
}

Deno.test("encodedImageSize: what Skia decodes, at the size Skia reads", async () => {
  const ck = await getCanvasKit();
  const rgba = new Uint8Array(37 * 23 * 4).fill(200);
  const png = encodePng(rgba, 37, 23);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  const opaque = encodePng(rgba, 37, 23);
  const image = ck.MakeImageFromEncoded(png)!;
  const opaqueImage = ck.MakeImageFromEncoded(opaque)!;
  const encoded: [string, Uint8Array][] = [
    ["png", png],
    ["jpeg", opaqueImage.encodeToBytes(ck.ImageFormat.JPEG, 90)!],
    // Skia writes the extended form (VP8X) with or without alpha
    ["webp", opaqueImage.encodeToBytes(ck.ImageFormat.WEBP, 90)!],
    ["webp", image.encodeToBytes(ck.ImageFormat.WEBP, 90)!],
  ];
  const chunks = encoded.slice(2).map(([, b]) =>
    new TextDecoder().decode(b.subarray(12, 16))
  );
  assert.deepEqual(chunks, ["VP8X", "VP8X"]);
  opaqueImage.delete();
  image.delete();
  for (const [format, bytes] of encoded) {
    assert.deepEqual(encodedImageSize(bytes), {
      format,
      width: 37,
      height: 23,
    });
    const decoded = ck.MakeImageFromEncoded(bytes)!;
    assert.deepEqual([decoded.width(), decoded.height()], [37, 23], format);
    decoded.delete();
  }
  // formats Skia decodes that it does not write: the header alone
  for (
    const [format, bytes] of [
      ["bmp", bmpHeader(16000, 16000)],
      ["gif", gifHeader(16000, 16000)],
      ["ico", ico(encodePng(new Uint8Array(4 * 4 * 4), 4, 4))],
    ] as const
  ) {
    const size = encodedImageSize(bytes);
    assert.equal(size?.format, format);
  }
  assert.deepEqual(encodedImageSize(bmpHeader(16000, 12000)), {
    format: "bmp",
    width: 16000,
    height: 12000,
  });
  // Skia reads these headers as we do
  const bmp = ck.MakeImageFromEncoded(bmpHeader(300, 200))!;
  assert.deepEqual([bmp.width(), bmp.height()], [300, 200]);
  bmp.delete();
});

Deno.test("encodedImageSize: bombs declare their size in a few bytes", () => {
  // a PNG whose IHDR says 16000 × 16000, nothing after it
  const png = encodePng(new Uint8Array(4), 1, 1).slice(0, 33);
  new DataView(png.buffer).setUint32(16, 16000);
  new DataView(png.buffer).setUint32(20, 16000);
  assert.deepEqual(encodedImageSize(png), {
    format: "png",
    width: 16000,
    height: 16000,
  });
  // a JPEG: SOI, an APP0 segment, then SOF0 of 16000 × 16000
  const jpeg = new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x04,
    0x00,
    0x00,
    0xff,
    0xc0,
    0x00,
    0x0b,
    0x08,
    0x3e,
    0x80,
    0x3e,
    0x80,
    0x01,
    0x01,
    0x11,
    0x00,
  ]);
  assert.deepEqual(encodedImageSize(jpeg), {
    format: "jpeg",
    width: 16000,
    height: 16000,
  });
  // a WebP VP8X canvas of 16000 × 16000
  const webp = new Uint8Array(30);
  webp.set([..."RIFF\0\0\0\0WEBPVP8X"].map((c) => c.charCodeAt(0)));
  webp.set([0x7f, 0x3e, 0x00, 0x7f, 0x3e, 0x00], 24);
  assert.deepEqual(encodedImageSize(webp), {
    format: "webp",
    width: 16000,
    height: 16000,
  });
  // a lossy WebP (VP8): frame tag, start code, 14-bit width and height
  const vp8 = new Uint8Array(30);
  vp8.set([..."RIFF\0\0\0\0WEBPVP8 "].map((c) => c.charCodeAt(0)));
  vp8.set([0x9d, 0x01, 0x2a, 0x80, 0x3e, 0x80, 0x3e], 23);
  assert.deepEqual(encodedImageSize(vp8), {
    format: "webp",
    width: 16000,
    height: 16000,
  });
  // a lossless WebP (VP8L): 14 bits of width − 1 and height − 1
  const vp8l = new Uint8Array(30);
  vp8l.set([..."RIFF\0\0\0\0WEBPVP8L"].map((c) => c.charCodeAt(0)));
  vp8l[20] = 0x2f;
  new DataView(vp8l.buffer).setUint32(21, 15999 | (15999 << 14), true);
  assert.deepEqual(encodedImageSize(vp8l), {
    format: "webp",
    width: 16000,
    height: 16000,
  });
  // an icon whose PNG entry declares it
  assert.deepEqual(encodedImageSize(ico(png)), {
    format: "ico",
    width: 16000,
    height: 16000,
  });
});

Deno.test("encodedImageSize: not an image, a cut header or a zero size is null", () => {
  const png = encodePng(new Uint8Array(4), 1, 1);
  for (
    const bytes of [
      new Uint8Array(),
      new TextEncoder().encode("<html><body>Service unavailable</body></html>"),
      png.slice(0, 20),
      new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
      new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x00]),
      gifHeader(0, 10),
      bmpHeader(0, 0),
      new Uint8Array([0, 0, 1, 0, 0, 0]),
    ]
  ) assert.equal(encodedImageSize(bytes), null);
});
