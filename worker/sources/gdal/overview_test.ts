import assert from "node:assert/strict";
import { overviewWindow } from "./overview.ts";

const NM: [number, number][] = [[488, 500], [244, 250], [122, 125]];

Deno.test("overviewWindow: GDAL rounds the window into the overview's pixels", () => {
  // 5 × 5 source pixels into 1: the 244 × 250 overview (3.996 rows per
  // row), whose row 124.87 rounds to 124 (a floating window's centre, 125)
  assert.deepEqual(
    overviewWindow(
      [976, 999],
      NM,
      { xoff: 487, yoff: 497, xsize: 5, ysize: 5 },
      1,
      1,
    ),
    {
      level: 1,
      xoff: 122,
      yoff: 124,
      xsize: 1,
      ysize: 1,
    },
  );
});

Deno.test("overviewWindow: full resolution unless decimating into a fit overview", () => {
  const cases: [[number, number][], number, number][] = [
    [NM, 10, 10], // no decimation
    [[], 100, 10], // no overview
    // 1.5 source pixels per output pixel: every overview is coarser than
    // 1.2 times that
    [NM, 150, 100],
  ];
  for (const [overviews, size, out] of cases) {
    const window = { xoff: 0, yoff: 0, xsize: size, ysize: size };
    assert.equal(
      overviewWindow([976, 999], overviews, window, out, out),
      null,
    );
  }
});

Deno.test("overviewWindow: the finest overview within 1.2 times the reduction", () => {
  // 9 pixels per output pixel: the 8× overview (7.992 < 10.8), not 16×
  const w = overviewWindow(
    [976, 999],
    [...NM, [61, 63]],
    { xoff: 0, yoff: 0, xsize: 900, ysize: 900 },
    100,
    100,
  );
  assert.equal(w?.level, 2);
  assert.deepEqual([w?.xsize, w?.ysize], [113, 113]);
});

Deno.test("overviewWindow: a window at the raster's edge stays inside the overview", () => {
  // 6 columns are 2 of the overview's, from its last column: 1 left
  const w = overviewWindow(
    [976, 999],
    NM,
    { xoff: 970, yoff: 995, xsize: 6, ysize: 4 },
    1,
    1,
  );
  assert.deepEqual(w, { level: 1, xoff: 243, yoff: 249, xsize: 1, ysize: 1 });
});
