import { assert } from "./_test_util.ts";
import { qtRasterize } from "./qt_raster.ts";

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
