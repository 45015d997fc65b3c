import { assert, assertEquals } from "../_assert.ts";
import { readVectorLayer, streamVectorLayer } from "./read.ts";
import { convertGeoJson } from "../_test_util.ts";

const crs = {
  type: "name",
  properties: { name: "urn:ogc:def:crs:EPSG::2056" },
};

/** 30 × 30 points on a 100 m grid, every third one named "odd". */
async function gridRoot(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "qsl_stream_" });
  await Deno.mkdir(`${dir}/data`);
  const features = [];
  for (let j = 0; j < 30; j++) {
    for (let i = 0; i < 30; i++) {
      const n = j * 30 + i;
      features.push({
        type: "Feature",
        properties: { n, name: n % 3 === 0 ? "odd" : "even" },
        geometry: {
          type: "Point",
          coordinates: [2600050 + i * 100, 1200050 + j * 100],
        },
      });
    }
  }
  await convertGeoJson(
    `${dir}/data`,
    "grid",
    {
      type: "FeatureCollection",
      crs,
      features,
    },
    "GPKG",
    ["-nln", "grid"],
  );
  return dir;
}

const layer = {
  id: "grid",
  name: "grid",
  source: JSON.stringify({ path: "grid.gpkg", layerName: "grid" }),
  remote: false,
  folder_name: "data",
  driver: "ogr",
};

Deno.test("streamVectorLayer: a GeoPackage view over one batch comes in FID ranges of at most the batch size, the same features as one read (in its order when the whole layer is in view)", async () => {
  const dataRoot = await gridRoot();
  const ctx = { dataRoot, remoteHosts: [] };
  try {
    const cases = [
      // the whole layer, a part of it, a part with a filter
      { bbox: { xmin: 2590000, ymin: 1190000, xmax: 2610000, ymax: 1210000 } },
      { bbox: { xmin: 2600000, ymin: 1200000, xmax: 2602000, ymax: 1202500 } },
      {
        bbox: { xmin: 2600000, ymin: 1200000, xmax: 2602000, ymax: 1202500 },
        where: `"name" = 'odd'`,
      },
    ];
    for (const c of cases) {
      const query = { crs: "EPSG:2056", ...c };
      const one = await readVectorLayer(layer, query, ctx);
      const stream = await streamVectorLayer(layer, query, ctx, 100);
      const sizes: number[] = [];
      const ids: number[] = [];
      const xs: number[] = [];
      for await (const batch of stream.batches) {
        sizes.push(batch.length);
        for (const f of batch) {
          ids.push(f.id);
          xs.push(f.geometry!.parts[0][0][0]);
        }
      }
      assert(sizes.length > 1, `several batches: ${sizes}`);
      assert(sizes.every((n) => n <= 100), `batch sizes ${sizes}`);
      // in FID order when the whole layer is in view (no spatial filter);
      // a spatial filter gives R-tree order within each range
      const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
      const whole = c === cases[0];
      const want = one.features.map((f) => f.id);
      assertEquals(
        whole ? ids : sorted(ids),
        whole ? want : sorted(want),
        "ids",
      );
      const x = new Map(
        one.features.map((f) => [f.id, f.geometry!.parts[0][0][0]]),
      );
      assertEquals(xs, ids.map((id) => x.get(id)), "geometries");
      assertEquals(stream.fields, one.fields, "fields");
      assertEquals(stream.geometryKind, one.geometryKind, "kind");
    }
    // a view expected to hold less than a batch: one read
    const small = await streamVectorLayer(
      layer,
      {
        crs: "EPSG:2056",
        bbox: { xmin: 2600000, ymin: 1200000, xmax: 2600500, ymax: 1200500 },
      },
      ctx,
      100,
    );
    let batches = 0;
    for await (const _ of small.batches) batches++;
    assertEquals(batches, 1, "one batch");
  } finally {
    await Deno.remove(dataRoot, { recursive: true });
  }
});

Deno.test("streamVectorLayer: the direct GeoPackage path reads a view's FID ranges in chunks, in the order GDAL gives each range", async () => {
  const dataRoot = await gridRoot();
  const ctx = { dataRoot, remoteHosts: [] };
  try {
    // 900 points, ranges of 400 ids (over 100 rows each: several chunks)
    const bbox = { xmin: 2600000, ymin: 1200000, xmax: 2602500, ymax: 1202500 };
    const ids = async (direct: boolean) => {
      const stream = await streamVectorLayer(
        layer,
        { crs: "EPSG:2056", bbox, direct },
        ctx,
        400,
      );
      const out: number[] = [];
      const sizes: number[] = [];
      for await (const batch of stream.batches) {
        sizes.push(batch.length);
        for (const f of batch) out.push(f.id);
      }
      return { out, sizes };
    };
    const gdal = await ids(false);
    const direct = await ids(true);
    assertEquals(direct.out, gdal.out, "ids in GDAL's order");
    assertEquals(direct.out.length, 625);
    assert(direct.sizes.every((n) => n <= 100), `sizes ${direct.sizes}`);
  } finally {
    await Deno.remove(dataRoot, { recursive: true });
  }
});
