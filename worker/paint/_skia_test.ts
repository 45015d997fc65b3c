import assert from "node:assert/strict";
import { getCanvasKit } from "./canvaskit.ts";
import { pathOf } from "./_skia.ts";

Deno.test("pathOf: the shared builder's addPolygon gives the path moveTo/lineTo/close give", async () => {
  const ck = await getCanvasKit();
  const byVerbs = (contours: Float64Array[], close: boolean) => {
    const b = new ck.PathBuilder();
    for (const c of contours) {
      if (c.length < 2) continue;
      b.moveTo(c[0], c[1]);
      for (let i = 2; i + 1 < c.length; i += 2) b.lineTo(c[i], c[i + 1]);
      if (close) b.close();
    }
    return b.detachAndDelete();
  };
  let s = 3;
  const r = () => (s = (s * 69069 + 1) >>> 0) / 2 ** 32;
  for (let t = 0; t < 2000; t++) {
    const contours: Float64Array[] = [];
    for (let k = Math.floor(r() * 3); k >= 0; k--) {
      // odd lengths too: the last, lone coordinate is ignored
      const n = Math.floor(r() * 8) * 2 + (t % 7 === 0 ? 1 : 0);
      contours.push(
        Float64Array.from({ length: n }, () => (r() - 0.2) * 1200 + r() * 1e-7),
      );
    }
    const close = t % 2 === 0;
    const want = byVerbs(contours, close), got = pathOf(ck, contours, close);
    assert.deepEqual(Array.from(got.toCmds()), Array.from(want.toCmds()));
    assert.equal(got.getFillType(), ck.FillType.EvenOdd);
    want.delete();
    got.delete();
  }
});
