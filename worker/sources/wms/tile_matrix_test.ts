import { assertEquals, assertThrows } from "./_assert.ts";
import {
  destinationRect,
  findNearestResolution,
  type TileMatrix,
  tileRect,
  viewExtentIntersection,
} from "./tile_matrix.ts";

const m = (tres: number): TileMatrix => ({
  identifier: String(tres),
  topLeft: { x: 0, y: 1024 },
  tileWidth: 256,
  tileHeight: 256,
  matrixWidth: 4,
  matrixHeight: 4,
  tres,
});

Deno.test("findNearestResolution: nearest, ties to the coarser, ends clamp", () => {
  const set = {
    identifier: "s",
    crs: "EPSG:3857",
    matrices: [m(1), m(2), m(4)],
  };
  const pick = (v: number) => findNearestResolution(set, v).tres;
  assertEquals(
    [pick(0.1), pick(1), pick(1.49), pick(1.5), pick(2.9), pick(3)],
    [1, 1, 1, 2, 2, 4],
  );
  assertEquals(pick(100), 4);
  assertThrows(
    () => findNearestResolution({ identifier: "e", crs: "", matrices: [] }, 1),
    RangeError,
    "tile matrix set 'e' is empty",
  );
});

Deno.test("viewExtentIntersection: clamped to the matrix and its limits", () => {
  const tm = m(1);
  assertEquals(
    viewExtentIntersection(tm, {
      xmin: -50,
      ymin: -50,
      xmax: 5000,
      ymax: 5000,
    }),
    {
      col0: 0,
      row0: 0,
      col1: 3,
      row1: 3,
    },
  );
  assertEquals(
    viewExtentIntersection(tm, { xmin: 300, ymin: 300, xmax: 600, ymax: 700 }, {
      minTileCol: 2,
      maxTileCol: 3,
      minTileRow: 0,
      maxTileRow: 1,
    }),
    { col0: 2, row0: 1, col1: 2, row1: 1 },
  );
  // an edge on a tile boundary takes the next tile, as QGIS's floor does
  assertEquals(
    viewExtentIntersection(tm, { xmin: 256, ymin: 512, xmax: 512, ymax: 768 }),
    {
      col0: 1,
      row0: 1,
      col1: 2,
      row1: 2,
    },
  );
});

Deno.test("tileRect and destinationRect", () => {
  const tm = m(2);
  assertEquals(tileRect(tm, 1, 0), {
    xmin: 512,
    ymin: 512,
    xmax: 1024,
    ymax: 1024,
  });
  assertEquals(
    destinationRect(
      { xmin: 500, ymin: 0, xmax: 1500, ymax: 1000 },
      500,
      tileRect(tm, 1, 0),
    ),
    { x: 6, y: -12, width: 256, height: 256 },
  );
});
