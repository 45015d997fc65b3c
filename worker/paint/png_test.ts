import { decode } from "fast-png";
import {
  encodePng,
  encodePremultipliedPng,
  encodePremultipliedPngInPlace,
  inPlacePngBytes,
  preparePng,
} from "./png.ts";

Deno.test("PNG: RGBA and RGB round-trip through an independent decoder", () => {
  const w = 37, h = 23;
  const rgba = new Uint8Array(w * h * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 7919) % 256;
  for (const opaque of [false, true]) {
    const img = decode(encodePng(rgba, w, h, { opaque, dpi: 96 }));
    if (img.width !== w || img.height !== h) throw new Error("size");
    const ch = opaque ? 3 : 4;
    if (img.channels !== ch) throw new Error(`channels ${img.channels}`);
    for (let p = 0; p < w * h; p++) {
      for (let c = 0; c < ch; c++) {
        if (img.data[p * ch + c] !== rgba[p * 4 + c]) {
          throw new Error(`pixel ${p} channel ${c}`);
        }
      }
    }
  }
});

Deno.test("PNG: too few bytes is a RangeError", () => {
  let e: unknown;
  try {
    encodePng(new Uint8Array(3), 1, 1);
  } catch (error) {
    e = error;
  }
  if (!(e instanceof RangeError)) throw new Error("no RangeError");
});

Deno.test("PNG: premultiplied pixels come out unpremultiplied", () => {
  const w = 29, h = 17;
  const premul = new Uint8Array(w * h * 4);
  const expected = new Uint8Array(w * h * 4);
  for (let p = 0; p < w * h; p++) {
    const a = p % 7 === 0 ? 0 : p % 5 === 0 ? 255 : (p * 37) % 256;
    premul[p * 4 + 3] = expected[p * 4 + 3] = a;
    for (let c = 0; c < 3; c++) {
      const v = (p * 13 + c * 101) % 256; // unpremultiplied colour
      premul[p * 4 + c] = Math.round((v * a) / 255);
      // what dividing back by alpha gives (colour is lost at alpha 0)
      expected[p * 4 + c] = a === 0
        ? 0
        : Math.min(255, Math.round((premul[p * 4 + c] * 255) / a));
    }
  }
  const img = decode(encodePremultipliedPng(premul, w, h, { dpi: 96 }));
  if (img.channels !== 4) throw new Error(`channels ${img.channels}`);
  for (let i = 0; i < expected.length; i++) {
    if (img.data[i] !== expected[i]) {
      throw new Error(`byte ${i}: ${img.data[i]} != ${expected[i]}`);
    }
  }
  // dividing back recovers the colour to within rounding
  const v = (1 * 13 + 0 * 101) % 256, a = 37;
  if (Math.abs(img.data[4] - v) > 255 / a) {
    throw new Error(`pixel 1 red ${img.data[4]}, painted ${v}`);
  }
});

Deno.test("PNG: encoding twice gives the same bytes (the scanline scratch is reused)", () => {
  const small = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 31) % 256);
  const big = new Uint8Array(40 * 40 * 4).map((_, i) => (i * 17) % 256);
  const first = encodePng(small, 3, 2);
  encodePng(big, 40, 40);
  const again = encodePng(small, 3, 2);
  if (first.join() !== again.join()) throw new Error("bytes differ");
  const img = decode(again);
  if (img.data.join() !== small.join()) throw new Error("pixels differ");
});

Deno.test("PNG: rows repeating the row above (Up filter) decode to the same pixels", () => {
  const w = 5, h = 6;
  const premul = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    const src = y === 1 || y === 2 ? 0 : y === 4 ? 3 : y; // rows 1, 2 and 4 repeat
    for (let x = 0; x < w * 4; x++) {
      premul[y * w * 4 + x] = x % 4 === 3 ? 255 : (src * 50 + x * 9) % 256;
    }
  }
  const img = decode(encodePremultipliedPng(premul, w, h));
  if (img.data.join() !== premul.join()) throw new Error("pixels differ");
  // a view at an odd offset (no 32-bit view) encodes the same image
  const shifted = new Uint8Array(premul.length + 1);
  shifted.set(premul, 1);
  const odd = decode(encodePremultipliedPng(shifted.subarray(1), w, h));
  if (odd.data.join() !== premul.join()) throw new Error("odd offset");
});

Deno.test("PNG: runs of transparent pixels, mid-row and to the row's end, stay transparent and end where they end", () => {
  const w = 9, h = 3;
  const premul = new Uint8Array(w * h * 4);
  // row 0: opaque, 5 transparent, opaque, 2 transparent (to the end)
  // row 1: all transparent; row 2: 3 transparent then 64/128 red
  const set = (x: number, y: number, px: number[]) =>
    premul.set(px, (y * w + x) * 4);
  set(0, 0, [10, 20, 30, 255]);
  set(6, 0, [40, 50, 60, 255]);
  for (let x = 3; x < w; x++) set(x, 2, [64, 0, 0, 128]);
  const img = decode(encodePremultipliedPng(premul, w, h));
  const px = (x: number, y: number) =>
    Array.from(img.data.slice((y * w + x) * 4, (y * w + x) * 4 + 4));
  const want: [number, number, number[]][] = [
    [0, 0, [10, 20, 30, 255]],
    [3, 0, [0, 0, 0, 0]],
    [6, 0, [40, 50, 60, 255]],
    [8, 0, [0, 0, 0, 0]],
    [4, 1, [0, 0, 0, 0]],
    [2, 2, [0, 0, 0, 0]],
    [3, 2, [128, 0, 0, 128]],
    [8, 2, [128, 0, 0, 128]],
  ];
  for (const [x, y, rgba] of want) {
    if (px(x, y).join() !== rgba.join()) {
      throw new Error(`pixel ${x},${y}: ${px(x, y)} != ${rgba}`);
    }
  }
});

Deno.test("PNG: opaque runs, short and long, between translucent and transparent pixels decode to the unpremultiplied pixels", () => {
  const w = 61, h = 9;
  const premul = new Uint8Array(w * h * 4);
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let p = 0; p < w * h; p++) {
    // opaque runs of 1–20 pixels, translucent and transparent between
    const x = p % w;
    const a = (x % 23) < 1 + (p % 20)
      ? 255
      : rand() < 0.5
      ? 0
      : 1 + Math.floor(rand() * 254);
    for (let c = 0; c < 3; c++) {
      premul[p * 4 + c] = Math.floor(rand() * (a + 1));
    }
    premul[p * 4 + 3] = a;
  }
  const img = decode(encodePremultipliedPng(premul, w, h));
  for (let p = 0; p < w * h; p++) {
    const a = premul[p * 4 + 3];
    for (let c = 0; c < 4; c++) {
      const v = premul[p * 4 + c];
      const want = c === 3
        ? a
        : a === 0
        ? 0
        : Math.min(255, Math.round(v * 255 / a));
      if (img.data[p * 4 + c] !== want) {
        throw new Error(
          `pixel ${p} channel ${c}: ${img.data[p * 4 + c]} ≠ ${want}`,
        );
      }
    }
  }
});

Deno.test("PNG: a zlib stream made ahead (preparePng) writes the bytes deflateSync writes", () => {
  // sizes around zlib's 16 kB output chunks, noise and flat images
  const sizes: [number, number][] = [[1, 1], [3, 2], [64, 64], [300, 200]];
  for (const [w, h] of sizes) {
    for (const kind of ["noise", "flat"]) {
      const rgba = new Uint8Array(w * h * 4).map((_, i) =>
        kind === "flat" ? (i % 4 === 3 ? 255 : 40) : (i * 7919 + (i >> 5)) % 256
      );
      for (const level of [1, 6]) {
        const plain = encodePremultipliedPng(rgba, w, h, { level });
        preparePng(level);
        const ahead = encodePremultipliedPng(rgba, w, h, { level });
        if (plain.join() !== ahead.join()) {
          throw new Error(`${w}×${h} ${kind} level ${level}: bytes differ`);
        }
        // the stream served once: the next PNG makes its own
        const after = encodePremultipliedPng(rgba, w, h, { level });
        if (after.join() !== plain.join()) throw new Error("after: differ");
      }
    }
  }
});

Deno.test("PNG: a stream made ahead for one level is not used at another", () => {
  const rgba = new Uint8Array(16 * 16 * 4).map((_, i) => (i * 13) % 256);
  const atSix = encodePng(rgba, 16, 16, { level: 6 });
  preparePng(1);
  if (encodePng(rgba, 16, 16, { level: 6 }).join() !== atSix.join()) {
    throw new Error("level 6 bytes differ");
  }
  // still there for a PNG at level 1
  const atOne = encodePng(rgba, 16, 16);
  if (atOne.join() !== encodePng(rgba, 16, 16).join()) {
    throw new Error("level 1 bytes differ");
  }
});

Deno.test("PNG in place: the same bytes as through the scratch, for every kind of row, over the pixels' own memory", () => {
  // rows: opaque runs long and short, transparent runs, partial alpha,
  // rows repeating the one above (Up), at widths whose scanlines shift
  // each row by a different amount
  for (const [w, h] of [[1, 1], [3, 7], [17, 9], [64, 33]]) {
    const premul = new Uint8Array(w * h * 4);
    let seed = w * 131 + h;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    for (let y = 0; y < h; y++) {
      if (y > 0 && y % 4 === 2) {
        premul.copyWithin(y * w * 4, (y - 1) * w * 4, y * w * 4);
        continue;
      }
      for (let x = 0; x < w; x++) {
        const kind = (x >> 3) % 3;
        const a = kind === 0 ? 255 : kind === 1 ? 0 : rnd();
        const at = (y * w + x) * 4;
        for (let c = 0; c < 3; c++) {
          premul[at + c] = a === 0 ? 0 : rnd() % (a + 1);
        }
        premul[at + 3] = a;
      }
    }
    const expected = encodePremultipliedPng(premul, w, h, { dpi: 96 });
    const memory = new Uint8Array(inPlacePngBytes(w, h) + 5).fill(77);
    memory.set(premul);
    const got = encodePremultipliedPngInPlace(memory, w, h, { dpi: 96 });
    if (got.join() !== expected.join()) {
      throw new Error(`${w}×${h}: bytes differ`);
    }
    if (memory[memory.length - 1] !== 77) {
      throw new Error("wrote past the scanlines");
    }
  }
});

Deno.test("PNG in place: too little room for the scanlines is a RangeError", () => {
  let e: unknown;
  try {
    encodePremultipliedPngInPlace(new Uint8Array(2 * 2 * 4), 2, 2);
  } catch (error) {
    e = error;
  }
  if (!(e instanceof RangeError)) throw new Error("no RangeError");
});
