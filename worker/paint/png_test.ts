import { decode } from "fast-png";
import { encodePng } from "./png.ts";

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
