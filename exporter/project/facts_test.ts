import assert from "node:assert/strict";
import { normalizeGeometryType, readOgrDataset } from "./facts.ts";
import { TESTDATA } from "./_test_util.ts";

Deno.test("GDAL geometry type names become WKB names", () => {
  assert.equal(normalizeGeometryType("Multi Polygon"), "MultiPolygon");
  assert.equal(normalizeGeometryType("3D Point"), "PointZ");
  assert.equal(normalizeGeometryType("Line String M"), "LineStringM");
  assert.equal(normalizeGeometryType("None"), "NoGeometry");
  assert.equal(normalizeGeometryType("Unknown (any)"), "Unknown");
  assert.equal(normalizeGeometryType(null), null);
});

Deno.test("a GeoJSON's fields and geometry come from GDAL", async () => {
  const { layers, order } = await readOgrDataset({
    path: `${TESTDATA}points.geojson`,
  });
  assert.deepEqual(order, ["points"]);
  const points = layers.get("points")!;
  assert.equal(points.geometryType, "Point");
  assert.deepEqual(points.extent, [2600000, 1178000, 2614000, 1200000]);
  assert.deepEqual(
    points.fields.map((f) => [f.name, f.typeName, f.variant]),
    [
      ["id", "Integer", "Int"],
      ["name", "String", "QString"],
      ["height", "Real", "Double"],
      ["visited", "Date", "QDate"],
      ["big", "Integer64", "LongLong"],
    ],
  );
  await assert.rejects(
    () => readOgrDataset({ path: `${TESTDATA}missing.gpkg` }),
    /no such file/,
  );
});
