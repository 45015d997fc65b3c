import { assert } from "./_test_util.ts";
import { qtRasterize, qtRasterizeFlat } from "./qt_raster.ts";
import { FlatOutline } from "./qt_stroker.ts";

const GOLDEN_DIGEST = 302486414;
const GOLDEN_COUNT = 1077125;

function raster(
  outline: number[][],
  evenOdd = false,
  size = 6,
): Map<string, number> {
  const out = new Map<string, number>();
  qtRasterize(outline, size, size, evenOdd, (x, y, c) => {
    assert(!out.has(`${x},${y}`), `pixel ${x},${y} emitted twice`);
    out.set(`${x},${y}`, c);
  });
  return out;
}

Deno.test("qtRasterize: whole pixels are 255, a half-covered one 128 (area in 1/256 px)", () => {
  const px = raster([[1, 1, 3, 1, 3, 2, 1, 2], [1, 3, 2.5, 3, 2.5, 4, 1, 4]]);
  assert(px.get("1,1") === 255 && px.get("2,1") === 255, "full");
  assert(
    px.get("1,3") === 255 && px.get("2,3") === 128,
    `half: ${px.get("2,3")}`,
  );
  assert(px.size === 4, `pixels: ${[...px.keys()]}`);
});

Deno.test("qtRasterize: overlapping parts of one outline add up (non-zero, clamped at 255)", () => {
  // two quarter-pixel slivers on the same pixel: Qt adds their areas
  const once = raster([[2, 2, 2.25, 2, 2.25, 3, 2, 3]]).get("2,2");
  const twice = raster([
    [2, 2, 2.25, 2, 2.25, 3, 2, 3],
    [2, 2, 2.25, 2, 2.25, 3, 2, 3],
  ]).get("2,2");
  assert(once === 64 && twice === 128, `${once}, ${twice}`);
  // the same square twice is still one full pixel
  const full = raster([[1, 1, 2, 1, 2, 2, 1, 2], [1, 1, 2, 1, 2, 2, 1, 2]]);
  assert(full.get("1,1") === 255, `${full.get("1,1")}`);
});

Deno.test("qtRasterize: odd-even leaves a doubled area empty", () => {
  const px = raster([[1, 1, 2, 1, 2, 2, 1, 2], [1, 1, 2, 1, 2, 2, 1, 2]], true);
  assert(px.size === 0, `pixels: ${[...px.entries()]}`);
});

Deno.test("qtRasterize: an outline past the left and top edges keeps its cover inside", () => {
  const px = raster([[-3, -3, 2, -3, 2, 2, -3, 2]]);
  const keys = [...px.keys()].sort();
  assert(
    keys.join(" ") === "0,0 0,1 1,0 1,1" &&
      [...px.values()].every((c) => c === 255),
    `${[...px.entries()]}`,
  );
});

Deno.test("qtRasterizeFlat: random outlines give the pixels recorded before its integer form (golden digest)", () => {
  // 3,000 random outlines (lines of every slope and length, sub-pixel
  // slivers, contours past every edge of the clip box, far-away points),
  // non-zero and odd-even; the digest of every emitted pixel was recorded
  // with the closure-based port (main at d1dc4bc) and must not move
  let seed = 17;
  const rnd = () =>
    (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  let digest = 0, count = 0;
  const emit = (x: number, y: number, c: number) => {
    digest = (Math.imul(digest, 31) + x * 7919 + y * 104729 + c) >>> 0;
    count++;
  };
  const o = new FlatOutline();
  for (let k = 0; k < 3000; k++) {
    o.clear();
    const contours = 1 + Math.floor(rnd() * 3);
    const scale = [0.8, 4, 40, 400][k % 4];
    const cx = rnd() * 60 - 5, cy = rnd() * 60 - 5;
    for (let c = 0; c < contours; c++) {
      o.starts.push(o.n);
      const n = 2 + Math.floor(rnd() * 12);
      for (let i = 0; i < n; i++) {
        o.put(cx + (rnd() - 0.5) * scale, cy + (rnd() - 0.5) * scale);
      }
    }
    if (k % 97 === 0) o.put(1e7, -3e6);
    qtRasterizeFlat(o, 50, 40, k % 3 === 0, emit);
  }
  assert(
    digest === GOLDEN_DIGEST && count === GOLDEN_COUNT,
    `digest ${digest}, ${count} pixels`,
  );
});
