import {
  MapToPixel,
  providerBlock,
  rasterIteratorTiles,
  rasterViewport,
  type WindowReader,
} from "./sampling.ts";
import { assert, assertEquals } from "./_assert.ts";

// A source grid whose values are their own index (row × width + col).
function indexGrid(width: number, height: number, xmin = 0, ymax = height) {
  const grid = {
    width,
    height,
    extent: { xmin, ymin: ymax - height, xmax: xmin + width, ymax },
  };
  const reads: number[][] = [];
  const read: WindowReader = (xoff, yoff, xsize, ysize, ow, oh) => {
    reads.push([xoff, yoff, xsize, ysize, ow, oh]);
    const out = new Float64Array(ow * oh);
    for (let r = 0; r < oh; r++) {
      for (let c = 0; c < ow; c++) {
        // GDALRasterIO's nearest: the source pixel under the centre.
        const sr = yoff + Math.floor((r + 0.5) * ysize / oh);
        const sc = xoff + Math.floor((c + 0.5) * xsize / ow);
        out[r * ow + c] = sr * width + sc;
      }
    }
    return out;
  };
  return { grid, read, reads };
}

Deno.test("MapToPixel round-trips and matches the affine map", () => {
  const m = new MapToPixel(
    { xmin: 100, ymin: 200, xmax: 300, ymax: 300 },
    200,
    100,
    1,
  );
  assertEquals(m.transform(100, 300), [0, 0], "top left");
  assertEquals(m.transform(300, 200), [200, 100], "bottom right");
  assertEquals(m.toMap(50, 50), [150, 250], "inverse");
});

Deno.test("rasterViewport aligns to whole pixels and keeps the unaligned extent to read", () => {
  const map = {
    extent: { xmin: 0, ymin: 0, xmax: 100, ymax: 100 },
    width: 100,
    height: 100,
    mapUnitsPerPixel: 1,
  };
  const v = rasterViewport(map, {
    xmin: 10.4,
    ymin: 20.6,
    xmax: 50.5,
    ymax: 80.2,
  })!;
  assertEquals([v.left, v.top, v.width, v.height], [10, 19, 41, 61], "pixels");
  assertEquals(
    v.extent,
    { xmin: 10.4, ymin: 20.6, xmax: 50.5, ymax: 80.2 },
    "read extent",
  );
  assertEquals(
    v.alignedExtent,
    { xmin: 10, ymin: 20, xmax: 51, ymax: 81 },
    "aligned",
  );
  assertEquals(
    rasterViewport(map, { xmin: 200, ymin: 0, xmax: 300, ymax: 10 }),
    null,
    "out of view",
  );
});

Deno.test("rasterIteratorTiles cuts at 2000 pixels and covers the viewport", () => {
  const extent = { xmin: 0, ymin: 0, xmax: 4500, ymax: 2100 };
  const tiles = rasterIteratorTiles({
    left: 0,
    top: 0,
    width: 4500,
    height: 2100,
    extent,
    alignedExtent: extent,
  });
  assertEquals(tiles.length, 6, "count");
  assertEquals(
    tiles.reduce((s, t) => s + t.width * t.height, 0),
    4500 * 2100,
    "area",
  );
  assertEquals(tiles[2].extent, {
    xmin: 4000,
    ymin: 100,
    xmax: 4500,
    ymax: 2100,
  }, "last column");
});

Deno.test("providerBlock at the source resolution returns the source", () => {
  const { grid, read } = indexGrid(4, 3);
  const out = providerBlock(grid, read, grid.extent, 4, 3);
  assertEquals(
    Array.from(out),
    Array.from({ length: 12 }, (_, i) => i),
    "identity",
  );
});

Deno.test("providerBlock zoomed in: nearest at output pixel centres", () => {
  const { grid, read, reads } = indexGrid(5, 4);
  const w = 13, h = 9;
  const out = providerBlock(grid, read, grid.extent, w, h);
  assertEquals(reads, [[0, 0, 5, 4, 5, 4]], "one native read");
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const sr = Math.floor((r + 0.5) * 4 / h),
        sc = Math.floor((c + 0.5) * 5 / w);
      assertEquals(out[r * w + c], sr * 5 + sc, `pixel ${c},${r}`);
    }
  }
});

Deno.test("providerBlock zoomed out reads a decimated window", () => {
  const { grid, read, reads } = indexGrid(100, 50);
  const out = providerBlock(grid, read, grid.extent, 10, 5);
  assertEquals(reads, [[0, 0, 100, 50, 10, 5]], "decimated read");
  assertEquals(out[0], 5 * 100 + 5, "centre of the first 10 × 10 cell");
});

Deno.test("providerBlock over a box larger than the raster leaves no data outside", () => {
  const { grid, read } = indexGrid(4, 4);
  const box = { xmin: -2, ymin: -2, xmax: 6, ymax: 6 };
  const out = providerBlock(grid, read, box, 8, 8);
  assert(Number.isNaN(out[0]), "corner outside");
  assertEquals(out[2 * 8 + 2], 0, "first source pixel");
  assertEquals(out[5 * 8 + 5], 15, "last source pixel");
  assert(Number.isNaN(out[7 * 8 + 7]), "far corner outside");
});
