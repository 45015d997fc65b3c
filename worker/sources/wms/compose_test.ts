import { assert, assertEquals } from "./_assert.ts";
import { getCanvasKit } from "../../paint/canvaskit.ts";
import { encodePng } from "../../paint/png.ts";
import { composeImages } from "./compose.ts";

function solid(w: number, h: number, rgba: number[]): Uint8Array {
  const px = new Uint8Array(w * h * 4);
  for (let i = 0; i < px.length; i += 4) px.set(rgba, i);
  return encodePng(px, w, h);
}

const at = (
  rgba: Uint8Array,
  w: number,
  x: number,
  y: number,
) => [...rgba.subarray((y * w + x) * 4, (y * w + x) * 4 + 4)];

Deno.test("composeImages: tiles at their rectangles, a broken one a transparent hole", async () => {
  const ck = await getCanvasKit();
  const red = solid(4, 4, [255, 0, 0, 255]);
  const { rgba, undecodable } = composeImages(ck, 8, 4, [
    { bytes: red, x: 0, y: 0, width: 4, height: 4 },
    { bytes: new Uint8Array([1, 2, 3]), x: 4, y: 0, width: 4, height: 4 },
  ], true);
  assertEquals(undecodable, [1]);
  assertEquals(at(rgba, 8, 1, 1), [255, 0, 0, 255]);
  assertEquals(at(rgba, 8, 6, 1), [0, 0, 0, 0]);
});

Deno.test("composeImages: near its own size a tile is placed without smoothing", async () => {
  const ck = await getCanvasKit();
  // a 2-px checker: smoothing would blend its colours
  const px = new Uint8Array(4 * 4 * 4);
  for (let y = 0; y < 4; y++) {
    for (let x = 0; x < 4; x++) {
      px.set(
        (x + y) % 2 ? [0, 0, 255, 255] : [255, 255, 255, 255],
        (y * 4 + x) * 4,
      );
    }
  }
  const bytes = encodePng(px, 4, 4);
  const shifted = composeImages(ck, 4, 4, [
    { bytes, x: 0.3, y: 0, width: 4.5, height: 4 },
  ], true).rgba;
  for (let i = 0; i < shifted.length; i += 4) {
    const c = [...shifted.subarray(i, i + 3)];
    const a = shifted[i + 3];
    assert(
      a === 0 || (c.join() === "255,255,255" || c.join() === "0,0,255"),
      `pixel ${i / 4}: ${c} ${a}`,
    );
  }
  const scaled = composeImages(ck, 8, 8, [
    { bytes, x: 0, y: 0, width: 8, height: 8 },
  ], true).rgba;
  const blended = [];
  for (let i = 0; i < scaled.length; i += 4) {
    const c = scaled.subarray(i, i + 3).join();
    if (c !== "255,255,255" && c !== "0,0,255") blended.push(c);
  }
  assert(blended.length > 0, "scaling twice as large smooths");
});

Deno.test("composeImages: into a larger image at the block's place, clipped to the block", async () => {
  const ck = await getCanvasKit();
  const red = solid(4, 4, [255, 0, 0, 255]);
  const target = new Uint8Array(10 * 6 * 4);
  // a 4 × 3 block at (5, 2) of a 10 × 6 image; the tile reaches past it
  const out = composeImages(
    ck,
    4,
    3,
    [
      { bytes: red, x: -1, y: -1, width: 8, height: 8 },
    ],
    true,
    { pixels: () => target, width: 10, height: 6, left: 5, top: 2 },
  );
  assert(out.rgba === target);
  let inside = 0, outside = 0;
  for (let y = 0; y < 6; y++) {
    for (let x = 0; x < 10; x++) {
      const a = target[(y * 10 + x) * 4 + 3];
      const inBlock = x >= 5 && x < 9 && y >= 2 && y < 5;
      if (inBlock && a === 255) inside++;
      if (!inBlock && a !== 0) outside++;
    }
  }
  assertEquals([inside, outside], [12, 0]);
  assertEquals(at(target, 10, 6, 3), [255, 0, 0, 255]);
});
