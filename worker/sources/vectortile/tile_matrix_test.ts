import { assertEquals } from "../_assert.ts";
import {
  scaleToZoom,
  scaleToZoomLevel,
  tileExtent,
  tileRange,
  tilesByDistance,
  WEB_MERCATOR_HALF,
  Z0_SCALE,
} from "./tile_matrix.ts";

Deno.test("tile matrix: zoom levels of scales as QgsVectorTileUtils (one below the pyramid's, rounded, clamped)", () => {
  // 1:68,247 (a 12 on QGIS's scale) is level 12, not 13
  assertEquals(scaleToZoom(Z0_SCALE / 2 ** 13), 12);
  assertEquals(scaleToZoomLevel(Z0_SCALE / 2 ** 13, 0, 14), 12);
  // halves round away from zero, as C++ round()
  assertEquals(scaleToZoomLevel(Z0_SCALE / 2 ** 13.5, 0, 20), 13);
  assertEquals(scaleToZoomLevel(Z0_SCALE / 2 ** 13.49, 0, 20), 12);
  // clamped to the source's levels
  assertEquals(scaleToZoomLevel(500, 8, 12), 12);
  assertEquals(scaleToZoomLevel(5e8, 8, 12), 8);
});

Deno.test("tile matrix: tile extents and the range covering an extent (rows from the north)", () => {
  assertEquals(tileExtent({ z: 1, x: 1, y: 0 }), {
    xmin: 0,
    ymin: 0,
    xmax: WEB_MERCATOR_HALF,
    ymax: WEB_MERCATOR_HALF,
  });
  // the north-east quarter only
  assertEquals(tileRange(1, { xmin: 10, ymin: 10, xmax: 20, ymax: 20 }), {
    x0: 1,
    x1: 1,
    y0: 0,
    y1: 0,
  });
  // clamped to the world, nothing outside it
  assertEquals(
    tileRange(2, { xmin: -1e9, ymin: -1e9, xmax: 1e9, ymax: 1e9 }),
    { x0: 0, x1: 3, y0: 0, y1: 3 },
  );
  assertEquals(
    tileRange(2, { xmin: 3e7, ymin: 0, xmax: 4e7, ymax: 1 }),
    null,
  );
});

Deno.test("tile matrix: tiles nearest the view centre first (chessboard distance)", () => {
  const tiles = tilesByDistance(2, { x0: 0, x1: 3, y0: 1, y1: 1 }, [
    -WEB_MERCATOR_HALF / 2 + 1,
    1,
  ]);
  assertEquals(tiles.map((t) => t.x), [1, 0, 2, 3]);
  assertEquals(tiles.every((t) => t.z === 2 && t.y === 1), true);
});
