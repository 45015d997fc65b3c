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

Deno.test("decimal widths and shapefile geometry types as QGIS's OGR provider reports them", async () => {
  // QGIS 3.22 on these files (QgsVectorLayer, provider ogr): amount
  // Real(10.3) has length 9, ratio Real(6.2) length 5 (QGIS counts a
  // decimal's width without its point); the shapefile's LineString layer is
  // a MultiLineString.
  const csv = await readOgrDataset({ path: `${TESTDATA}decimals.csv` });
  assert.deepEqual(
    csv.layers.get("decimals")!.fields.map((f) => [
      f.name,
      f.typeName,
      f.length,
      f.precision,
    ]),
    [
      ["id", "Integer", 4, 0],
      ["amount", "Real", 9, 3],
      ["ratio", "Real", 5, 2],
      ["name", "String", 12, 0],
      ["wkt", "String", 0, 0],
    ],
  );
  const shp = await readOgrDataset({ path: `${TESTDATA}lines.shp` });
  assert.equal(shp.layers.get("lines")!.geometryType, "MultiLineString");
});
