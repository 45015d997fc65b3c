import assert from "node:assert/strict";
import { getCanvasKit } from "./canvaskit.ts";
import { rawCalls, saveCountOf } from "./_ck_raw.ts";
import { drawContoursDirect, pathOf } from "./_skia.ts";

Deno.test("rawCalls: the worker's CanvasKit has its direct calls (self-test passed)", async () => {
  const ck = await getCanvasKit();
  const raw = rawCalls(ck);
  assert.ok(
    raw,
    "direct calls unavailable: painters fall back to the bindings",
  );
  const surface = ck.MakeSurface(4, 4)!;
  const canvas = surface.getCanvas();
  canvas.save();
  canvas.save();
  assert.equal(saveCountOf(ck, canvas), canvas.getSaveCount());
  assert.equal(saveCountOf(ck, canvas), 3);
  surface.dispose();
});

Deno.test("drawContoursDirect: the pixels of pathOf's path drawn by the bindings", async () => {
  const ck = await getCanvasKit();
  const W = 64;
  const info = {
    width: W,
    height: W,
    colorType: ck.ColorType.RGBA_8888,
    alphaType: ck.AlphaType.Premul,
    colorSpace: ck.ColorSpace.SRGB,
  };
  const a = ck.MakeSurface(W, W)!, b = ck.MakeSurface(W, W)!;
  const fill = new ck.Paint(), pen = new ck.Paint();
  fill.setAntiAlias(true);
  fill.setColor(ck.Color4f(0.8, 0.3, 0.1, 0.6));
  pen.setAntiAlias(true);
  pen.setStyle(ck.PaintStyle.Stroke);
  pen.setStrokeWidth(1.7);
  pen.setColor(ck.Color4f(0.1, 0.2, 0.9, 0.8));
  let s = 7;
  const r = () => (s = (s * 69069 + 1) >>> 0) / 2 ** 32;
  try {
    for (let t = 0; t < 300; t++) {
      const contours: Float64Array[] = [];
      for (let k = Math.floor(r() * 3); k >= 0; k--) {
        // odd lengths too: the last, lone coordinate is ignored
        const n = Math.floor(r() * 10) * 2 + (t % 7 === 0 ? 1 : 0);
        contours.push(Float64Array.from({ length: n }, () => r() * 80 - 8));
      }
      const close = t % 3 !== 0, evenOdd = t % 2 === 0;
      const paints = t % 5 === 0 ? [null, pen] : [fill, t % 4 ? null : pen];
      for (const sf of [a, b]) sf.getCanvas().clear(ck.TRANSPARENT);
      assert.ok(
        drawContoursDirect(ck, a.getCanvas(), contours, close, evenOdd, paints),
      );
      const path = pathOf(ck, contours, close, evenOdd);
      for (const p of paints) if (p) b.getCanvas().drawPath(path, p);
      path.delete();
      const pa = a.getCanvas().readPixels(0, 0, info) as Uint8Array;
      const pb = b.getCanvas().readPixels(0, 0, info) as Uint8Array;
      assert.deepEqual(pa, pb, `case ${t}`);
    }
  } finally {
    fill.delete();
    pen.delete();
    a.dispose();
    b.dispose();
  }
});

Deno.test("rawCalls: a CanvasKit started after a reset has its own direct calls", async () => {
  const { resetCanvasKit } = await import("./canvaskit.ts");
  const before = await getCanvasKit();
  resetCanvasKit();
  const after = await getCanvasKit();
  assert.notEqual(after, before);
  assert.ok(rawCalls(after));
  assert.ok(rawCalls(before));
});
