import assert from "node:assert/strict";
import { sourcePixel } from "./value_at.ts";

Deno.test("sourcePixel: north-up grids, edges, outside, rotated and degenerate geotransforms", () => {
  const gt = [100, 10, 0, 200, 0, -10];
  assert.deepEqual(sourcePixel(gt, 5, 5, 100, 200), [0, 0], "top-left corner");
  assert.deepEqual(sourcePixel(gt, 5, 5, 149.9, 150.1), [4, 4]);
  assert.equal(sourcePixel(gt, 5, 5, 150, 175), null, "right edge is outside");
  assert.equal(sourcePixel(gt, 5, 5, 120, 200.1), null, "above");
  // rows going up (south-up)
  assert.deepEqual(sourcePixel([0, 1, 0, 0, 0, 1], 3, 3, 0.5, 2.5), [0, 2]);
  // rotated 90°: columns run down, rows run right
  assert.deepEqual(sourcePixel([0, 0, 1, 0, -1, 0], 4, 4, 2.5, -1.5), [1, 2]);
  assert.equal(sourcePixel([0, 0, 0, 0, 0, 0], 4, 4, 0, 0), null);
});
