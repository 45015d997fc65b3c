import assert from "node:assert/strict";
import { bboxToWgs84, sampleGrid } from "./wgs84.ts";

Deno.test("QGIS's sample grid: about 1,000 points, corners for a line", () => {
  assert.deepEqual(sampleGrid(14000, 28000), [23, 45]);
  assert.deepEqual(sampleGrid(0, 100), [2, 2]);
});

Deno.test("a bbox in WGS 84 as QgsCoordinateTransform::transformBoundingBox gives it", async () => {
  // QGIS 3.22: transformBoundingBox(QgsRectangle(2600000, 1200000, 2614000,
  // 1228000)) from EPSG:2056 to EPSG:4326.
  const qgis = [
    7.4386279296115987,
    46.950936602768735,
    7.6234001055403855,
    47.20294121533243,
  ];
  const ours = await bboxToWgs84(
    {
      x_min: 2600000,
      y_min: 1200000,
      x_max: 2614000,
      y_max: 1228000,
      z_min: 0,
      z_max: 0,
    },
    ["EPSG:2056"],
  );
  assert.ok(ours !== null);
  const got = [ours.x_min, ours.y_min, ours.x_max, ours.y_max];
  for (let i = 0; i < 4; i++) {
    assert.ok(Math.abs(got[i] - qgis[i]) < 1e-9, `${got} ≠ ${qgis}`);
  }
  // A CRS GDAL does not know is skipped for the next one; none: null.
  assert.notEqual(
    await bboxToWgs84({
      x_min: 0,
      y_min: 0,
      x_max: 1,
      y_max: 1,
      z_min: 0,
      z_max: 0,
    }, [
      "USER:1",
      "+proj=longlat +datum=WGS84 +no_defs",
    ]),
    null,
  );
  assert.equal(
    await bboxToWgs84({
      x_min: 0,
      y_min: 0,
      x_max: 1,
      y_max: 1,
      z_min: 0,
      z_max: 0,
    }, ["nonsense"]),
    null,
  );
});
