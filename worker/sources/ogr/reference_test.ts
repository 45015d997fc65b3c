import { assert, assertEquals } from "../_assert.ts";
import { NO_REFERENCE, REFERENCE_DIR } from "../../../tests/reference.ts";
import { readVectorLayer, readVectorPage } from "./read.ts";
import { encodeBase64 } from "../_test_util.ts";

const SWISS = { xmin: 2400000, ymin: 1000000, xmax: 2900000, ymax: 1400000 };

function refLayer(id: string, path: string, layerName: string) {
  return {
    id,
    name: layerName,
    source: JSON.stringify({ path, layerName }),
    remote: false,
    folder_name: "data",
    driver: "ogr",
  };
}

Deno.test({
  name: "reference placenames.gpkg: 93 points, typed attributes, in EPSG:2056",
  ignore: NO_REFERENCE,
  async fn() {
    const ctx = { dataRoot: `${REFERENCE_DIR}/upstream`, remoteHosts: [] };
    const layer = refLayer("p", "placenames.gpkg", "placenames");
    const data = await readVectorLayer(
      layer,
      { bbox: SWISS, crs: "EPSG:2056" },
      ctx,
    );
    assertEquals(data.geometryKind, "point");
    // QGIS lists GeoPackage's FID column as the first field.
    assertEquals(data.fields.map((f) => f.name), [
      "fid",
      "name",
      "priority",
      "canton",
    ]);
    for (const f of data.features) assertEquals(f.attributes.fid, f.id);
    assertEquals(data.features.length, 93);
    const aarau = data.features.find((f) => f.attributes.name === "Aarau")!;
    assertEquals(typeof aarau.attributes.priority, "number");
    const [x, y] = aarau.geometry!.parts[0][0];
    assert(x > 2.6e6 && x < 2.7e6 && y > 1.2e6 && y < 1.3e6, `${x} ${y}`);
  },
});

Deno.test({
  name:
    "reference placenames.gpkg: a page equals the Python worker's features (ids, attributes, WKB)",
  ignore: NO_REFERENCE,
  async fn() {
    const ctx = { dataRoot: `${REFERENCE_DIR}/upstream`, remoteHosts: [] };
    const expected = JSON.parse(
      await Deno.readTextFile(
        `${REFERENCE_DIR}/upstream/placenames_features.expected.json`,
      ),
    );
    const layer = refLayer("p", "placenames.gpkg", "placenames");
    const page = await readVectorPage(layer, {
      startIndex: 0,
      count: null,
      orderByFid: true,
    }, ctx);
    assertEquals(page.numbersMatched, expected.numbers_matched);
    assertEquals(page.fidColumn, "fid");
    const want = expected.feature_collections[0].features;
    assertEquals(page.features.length, want.length);
    for (let i = 0; i < want.length; i++) {
      const got = page.features[i];
      assertEquals(
        Object.entries(got.attributes),
        want[i].attributes.map((
          a: { name: string; value: unknown },
        ) => [a.name, a.value]),
      );
      assertEquals(got.id, got.attributes.fid);
      assertEquals(encodeBase64(got.wkb!), want[i].geometry.value);
    }
  },
});

Deno.test({
  name:
    "reference demo.gpkg: zones, roads, places, all of them inside the layer extent",
  ignore: NO_REFERENCE,
  async fn() {
    const ctx = { dataRoot: `${REFERENCE_DIR}/demo`, remoteHosts: [] };
    const kinds = { zones: "polygon", roads: "line", places: "point" };
    for (const [name, kind] of Object.entries(kinds)) {
      const layer = refLayer(name, "demo.gpkg", name);
      const data = await readVectorLayer(layer, {
        bbox: SWISS,
        crs: "EPSG:2056",
      }, ctx);
      const page = await readVectorPage(layer, {
        startIndex: 0,
        count: 0,
        orderByFid: true,
      }, ctx);
      assertEquals(data.geometryKind, kind);
      assert(data.features.length > 0);
      assertEquals(data.features.length, page.numbersMatched);
      for (const f of data.features) assertEquals(f.geometry?.kind, kind);
    }
    const places = await readVectorLayer(
      refLayer("places", "demo.gpkg", "places"),
      { bbox: SWISS, crs: "EPSG:2056" },
      ctx,
    );
    const founded = places.fields.find((f) => f.name === "founded");
    assertEquals(founded?.type, "Date");
    assert(places.features.some((f) => f.attributes.founded instanceof Date));
  },
});
