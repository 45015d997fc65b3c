import { assert, assertEquals } from "../_assert.ts";
import { convertGeoJson, sampleCollection } from "../_test_util.ts";
import { collectFeatures, openVectorSource } from "../mod.ts";
import type { FeatureSet, SourceLayer } from "../source.ts";
import { parseExpression } from "../../expression/parser.ts";
import { JobError } from "../../runners/types.ts";

const root = await Deno.realPath(
  await Deno.makeTempDir({ prefix: "qsl_spatialite_" }),
);
await Deno.mkdir(`${root}/data`);
const fc = sampleCollection();
await convertGeoJson(`${root}/data`, "sample", fc, "GPKG", ["-nln", "sample"]);
// The same features in a SpatiaLite database, written by our own GDAL.
await convertGeoJson(`${root}/data`, "sample", fc, "SQLite", [
  "-dsco",
  "SPATIALITE=YES",
  "-nln",
  "sample",
]);
const ctx = { dataRoot: root, remoteHosts: [] };
const gpkg: SourceLayer = {
  id: "gpkg",
  name: "sample",
  driver: "ogr",
  folder_name: "data",
  source: JSON.stringify({ path: "sample.gpkg", layerName: "sample" }),
};
// As QGIS 3.22's decodeUri('spatialite', …) writes it.
const spatialite = (extra: Record<string, unknown> = {}): SourceLayer => ({
  id: "sl",
  name: "sample",
  driver: "spatialite",
  remote: true,
  folder_name: "data",
  source: JSON.stringify({
    path: "sample.sqlite",
    layerName: "sample",
    geometryColumn: "GEOMETRY",
    ...extra,
  }),
});
const everywhere = {
  xmin: 2500000,
  ymin: 1000000,
  xmax: 2800000,
  ymax: 1300000,
};

async function rows(set: FeatureSet) {
  return (await collectFeatures(set)).map((f) => ({
    attributes: f.attributes,
    geometry: f.geometry,
  }));
}

function strip(
  r: { attributes: Record<string, unknown>; geometry: unknown }[],
) {
  return r.map(({ attributes, geometry }) => {
    const { fid: _fid, ogc_fid: _ogc, ...rest } = attributes;
    return { attributes: rest, geometry };
  });
}

Deno.test("spatialite: render features equal the GeoPackage's, subset and filter pushed down", async () => {
  const source = openVectorSource(spatialite(), ctx, "render");
  assertEquals(source.provider, "spatialite");
  const query = { bbox: everywhere, crs: "EPSG:2056" };
  const fromFile = await rows(
    await openVectorSource(gpkg, ctx, "render").features(query),
  );
  const set = await source.features(query);
  assert(set.geometryKind !== undefined);
  const fromDb = await rows(set);
  assert(fromDb.length > 0);
  assertEquals(strip(fromDb), strip(fromFile));
  const filter = parseExpression("n >= 2");
  const subset = await rows(
    await openVectorSource(spatialite({ subset: "n >= 2" }), ctx, "render")
      .features(query),
  );
  const filtered = await rows(await source.features({ ...query, filter }));
  assertEquals(subset, filtered);
  assert(subset.length > 0 && subset.length < fromDb.length);
  // The raw URI's key names too.
  const raw = await rows(
    await openVectorSource(
      {
        ...spatialite(),
        source: JSON.stringify({
          dbname: "sample.sqlite",
          table: '"sample"',
          sql: "n >= 2",
        }),
      },
      ctx,
      "render",
    ).features(query),
  );
  assertEquals(raw, subset);
});

Deno.test("spatialite: a page, its count and a hit test", async () => {
  const source = openVectorSource(spatialite(), ctx, "query");
  const file = openVectorSource(gpkg, ctx, "query");
  const page = await source.page({ startIndex: 1, count: 2 });
  const filePage = await file.page({ startIndex: 1, count: 2 });
  assertEquals(page.numbersMatched, filePage.numbersMatched);
  assertEquals(page.features.length, 2);
  assertEquals(
    page.features.map((f) => f.wkb),
    filePage.features.map((f) => f.wkb),
  );
  const first = (await collectFeatures(
    await file.features({ bbox: everywhere, crs: "EPSG:2056" }),
  )).find((f) => f.geometry);
  assert(first?.geometry);
  const xy = first.geometry.parts[0][0];
  const point: [number, number] = [xy[0], xy[1]];
  const hit = { point, crs: "EPSG:2056", tolerance: () => 1 };
  assertEquals(
    strip(await rows(await source.hitTest(hit))),
    strip(await rows(await file.hitTest(hit))),
  );
});

Deno.test("spatialite: paths stay below the data root; a missing table fails clearly", async () => {
  const outside = openVectorSource(
    spatialite({ path: "../../etc/passwd" }),
    ctx,
    "render",
  );
  let error: unknown;
  try {
    await outside.features({ bbox: everywhere, crs: "EPSG:2056" });
  } catch (e) {
    error = e;
  }
  assert(error instanceof JobError);
  assert(/leaves the data root/.test(error.message), error.message);
  const noTable = openVectorSource(
    { ...spatialite(), source: JSON.stringify({ path: "sample.sqlite" }) },
    ctx,
    "render",
  );
  error = undefined;
  try {
    await noTable.page({ startIndex: 0, count: 1 });
  } catch (e) {
    error = e;
  }
  assert(error instanceof JobError);
  assertEquals(
    error.message,
    "Cannot open layer 'sample': its source has no 'layerName'",
  );
});
