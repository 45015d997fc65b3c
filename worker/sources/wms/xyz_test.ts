import { assertAlmostEquals, assertEquals } from "./_assert.ts";
import {
  quadKey,
  tileLayerDpi,
  WEB_MERCATOR_HALF_WORLD,
  xyzTileMatrixSet,
  xyzTileUrl,
} from "./xyz.ts";
import {
  findNearestResolution,
  viewExtentIntersection,
} from "./tile_matrix.ts";
import type { XyzSource } from "./source.ts";

const source = (tilePixelRatio: number, zmin = 0, zmax = 19): XyzSource => ({
  kind: "xyz",
  url: "http://t/xyz/{z}/{x}/{y}.png",
  zmin,
  zmax,
  tilePixelRatio,
  auth: { headers: {} },
});

// The tiles QGIS 3.22 asked our test server for (tests/web_map_server.ts
// logging), rendering the map EPSG:3857 900000,5900000,920000,5915000 at
// 400×300 px with QgsMapRendererParallelJob, by tilePixelRatio and dpi.
const QGIS_TILES: [ratio: number, dpi: number, tiles: string][] = [
  [0, 96, "12/2139-2142/1443-1444"],
  [1, 96, "12/2139-2142/1443-1444"],
  [2, 96, "12/2139-2142/1443-1444"],
  [0, 192, "12/2139-2142/1443-1444"],
  [1, 192, "11/1069-1071/721-722"],
  [2, 192, "11/1069-1071/721-722"],
  [1, 150, "11/1069-1071/721-722"],
  [2, 150, "11/1069-1071/721-722"],
];

Deno.test("XYZ: the zoom level and tiles QGIS picks for scale, dpi and tilePixelRatio", () => {
  const view = { xmin: 900000, ymin: 5900000, xmax: 920000, ymax: 5915000 };
  for (const [ratio, dpi, expected] of QGIS_TILES) {
    const set = xyzTileMatrixSet(source(ratio));
    let vres = (view.xmax - view.xmin) / 400;
    const tileDpi = tileLayerDpi(ratio);
    if (tileDpi !== null) vres *= dpi / tileDpi;
    const tm = findNearestResolution(set, vres);
    const r = viewExtentIntersection(tm, view);
    assertEquals(
      `${tm.identifier}/${r.col0}-${r.col1}/${r.row0}-${r.row1}`,
      expected,
      `ratio ${ratio} at ${dpi} dpi`,
    );
  }
});

Deno.test("XYZ: matrices from zmin to zmax, tiles of 256 × ratio", () => {
  const set = xyzTileMatrixSet(source(2, 3, 5));
  assertEquals(set.matrices.map((m) => m.identifier), ["5", "4", "3"]);
  const z3 = set.matrices[2];
  assertEquals([z3.tileWidth, z3.matrixWidth], [512, 8]);
  assertAlmostEquals(z3.tres, (2 * WEB_MERCATOR_HALF_WORLD) / (512 * 8));
  assertAlmostEquals(z3.topLeft.x, -20037508.342789244, 1e-6);
  // beyond the finest level the finest is used, below the coarsest the coarsest
  assertEquals(findNearestResolution(set, 0.001).identifier, "5");
  assertEquals(findNearestResolution(set, 1e9).identifier, "3");
});

Deno.test("XYZ: URL templates", () => {
  const set = xyzTileMatrixSet(source(0, 0, 5));
  const z3 = set.matrices.find((m) => m.identifier === "3")!;
  assertEquals(
    xyzTileUrl("https://t/{z}/{x}/{y}.png", z3, 5, 1),
    "https://t/3/5/1.png",
  );
  assertEquals(
    xyzTileUrl("https://t/{z}/{x}/{-y}.png", z3, 5, 1),
    "https://t/3/5/6.png",
  );
  assertEquals(
    xyzTileUrl("https://t/{Z}/{X}/{Y}.png", z3, 5, 1),
    "https://t/3/5/1.png",
  );
  assertEquals(
    xyzTileUrl("https://t/tiles/{q}.jpeg?g=1", z3, 5, 1),
    "https://t/tiles/103.jpeg?g=1",
  );
  assertEquals(quadKey(0, 0, 0), "");
  assertEquals(quadKey(3, 5, 3), "213");
});
