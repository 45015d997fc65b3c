/**
 * Delimited text layers in the feature, feature info and legend jobs (the
 * render job: tests/parity/text_parity_test.ts), on the parity data of
 * tests/parity/text/: the stations CSV (semicolons, decimal commas) answers
 * as the same stations from a GeoPackage do.
 *
 * @module
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  parseJobInfo,
  type QslJobInfoFeature,
  type QslJobInfoLegend,
  type QslJobLayer,
  QslJobParameterFeatureInfo,
  type QueryCollection,
} from "@qgis-server-light/interface";
import { featureRunner } from "../worker/runners/feature.ts";
import { featureInfo } from "../worker/runners/feature_info.ts";
import { legendRunner } from "../worker/runners/legend.ts";
import { testRunnerContext } from "../worker/runners/_test_util.ts";
import { convertGeoJson } from "../worker/sources/_test_util.ts";

const DIR = fileURLToPath(new URL("./parity/text/", import.meta.url));
const envelope = JSON.parse(
  await Deno.readTextFile(`${DIR}text_points_2056.job.json`),
);
const stations: QslJobLayer = envelope.job.layers.find((
  l: QslJobLayer,
) => l.name === "stations");
const root = await Deno.realPath(
  await Deno.makeTempDir({ prefix: "qsl_text_jobs_" }),
);
for await (const entry of Deno.readDir(`${DIR}data`)) {
  await Deno.copyFile(`${DIR}data/${entry.name}`, `${root}/${entry.name}`);
}
await convertGeoJson(
  root,
  "stations",
  JSON.parse(await Deno.readTextFile(`${DIR}data/stations.geojson`)),
  "GPKG",
  ["-nln", "stations"],
);
const gpkg: QslJobLayer = {
  ...stations,
  id: "stations_gpkg",
  driver: "ogr",
  source: JSON.stringify({ path: "stations.gpkg", layerName: "stations" }),
};
globalThis.addEventListener("unload", () => {
  Deno.removeSync(root, { recursive: true });
});
const ctx = testRunnerContext(root);
const FES =
  'xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2"';
const rail =
  `<fes:Filter ${FES}><fes:PropertyIsEqualTo><fes:ValueReference>kind</fes:ValueReference>` +
  `<fes:Literal>rail</fes:Literal></fes:PropertyIsEqualTo></fes:Filter>`;

async function features(
  layer: QslJobLayer,
  start = 0,
  count: number | null = null,
) {
  const job = parseJobInfo(JSON.stringify({
    id: "f",
    type: "QslJobInfoFeature",
    job: {
      queries: [{ layers: [layer], aliases: [], filter: { definition: rail } }],
      start_index: start,
      count,
    },
  })) as QslJobInfoFeature;
  const out = (await featureRunner(job, ctx)).data as QueryCollection;
  const fc = out.feature_collections[0];
  return {
    matched: out.numbers_matched,
    names: fc.features.map((f) =>
      f.attributes.find((a) => a.name === "name")?.value
    ),
  };
}

Deno.test("text jobs: a feature job with a filter and paging matches the GeoPackage's", async () => {
  const text = await features(stations);
  const fromGpkg = await features(gpkg);
  assert.ok(Number(text.matched) > 3);
  assert.deepEqual(text, fromGpkg);
  assert.deepEqual(
    await features(stations, 1, 2),
    { matched: text.matched, names: text.names.slice(1, 3) },
  );
});

Deno.test("text jobs: feature info hits the station under the point", async () => {
  const geojson = JSON.parse(
    await Deno.readTextFile(`${DIR}data/stations.geojson`),
  );
  const target = geojson.features[5];
  const [x, y] = target.geometry.coordinates;
  const job = QslJobParameterFeatureInfo.parse({
    INFO_FORMAT: "application/json",
    layers: [stations],
    QUERY_LAYERS: "stations",
    bbox: { x_min: x - 500, y_min: y - 500, x_max: x + 500, y_max: y + 500 },
    crs: "EPSG:2056",
    width: 101,
    height: 101,
    I: "50",
    J: "50",
    FEATURE_COUNT: 1,
    FI_POINT_TOLERANCE: 4,
    WITH_GEOMETRY: false,
  });
  const out = await featureInfo(job, ctx);
  const hits = JSON.parse(new TextDecoder().decode(out.data)).features;
  assert.equal(hits.length, 1);
  assert.equal(hits[0].properties.name, target.properties.name);
  assert.equal(hits[0].properties.value, target.properties.value);
});

Deno.test("text jobs: the legend of a categorised CSV layer", async () => {
  const job = parseJobInfo(JSON.stringify({
    id: "l",
    type: "QslJobInfoLegend",
    job: { layers: [stations] },
  })) as QslJobInfoLegend;
  const out = await legendRunner(job, ctx);
  assert.equal(out.contentType, "image/png");
  assert.ok((out.data as Uint8Array).length > 500);
});
