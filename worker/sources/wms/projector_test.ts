import { assert, assertEquals } from "./_assert.ts";
import { projectBlock, reprojectPixels } from "./projector.ts";
import { withGdal } from "../../gdal/gdal.ts";
import { transformInPlace } from "../../gdal/transform.ts";

Deno.test("projectBlock: the source block QGIS 3.22's projector asks for (EPSG:2056 map, EPSG:3857 WMS)", async () => {
  // QgsRasterProjector::block(1, 2640000,1190000 : 2680000,1220000, 400, 300)
  // over a WMS provider made QGIS 3.22 send a GetMap of 358×271 px over
  // 886458.4977777724853,5918654.040881852619,945435.1825630394742,5963282.895942962728
  const p = await withGdal((gdal) =>
    projectBlock(
      { xmin: 2640000, ymin: 1190000, xmax: 2680000, ymax: 1220000 },
      400,
      300,
      { xmin: -2e7, ymin: -2e7, xmax: 2e7, ymax: 2e7 },
      (xy) => void transformInPlace(gdal, [xy], "EPSG:2056", "EPSG:3857"),
      (xy) => void transformInPlace(gdal, [xy], "EPSG:3857", "EPSG:2056"),
    )
  );
  assert(p);
  assertEquals([p.srcCols, p.srcRows], [358, 271]);
  const e = p.srcExtent;
  const near = (a: number, b: number) => Math.abs(a - b) < 1e-3;
  assert(near(e.xmin, 886458.4977777725) && near(e.xmax, 945435.1825630395));
  assert(near(e.ymin, 5918654.040881853) && near(e.ymax, 5963282.895942963));
  // every map pixel finds a source pixel
  assertEquals(p.index.filter((i) => i < 0).length, 0);
});

Deno.test("projectBlock: outside the layer's extent nothing is drawn", () => {
  const identity = (_xy: Float64Array) => {};
  const p = projectBlock(
    { xmin: 0, ymin: 0, xmax: 10, ymax: 10 },
    10,
    10,
    { xmin: 5, ymin: 0, xmax: 20, ymax: 10 },
    identity,
    identity,
  )!;
  assertEquals(p.srcExtent, { xmin: 5, ymin: 0, xmax: 10, ymax: 10 });
  // the left half maps outside the layer
  assertEquals(p.index[0], -1);
  assert(p.index[9] >= 0);
  assertEquals(
    projectBlock(
      { xmin: 0, ymin: 0, xmax: 10, ymax: 10 },
      10,
      10,
      { xmin: 50, ymin: 50, xmax: 60, ymax: 60 },
      identity,
      identity,
    ),
    null,
  );
  const px = reprojectPixels(
    Uint8Array.of(9, 8, 7, 6, 1, 2, 3, 4),
    Int32Array.of(1, 0, -1),
  );
  assertEquals([...px], [1, 2, 3, 4, 9, 8, 7, 6, 0, 0, 0, 0]);
});
