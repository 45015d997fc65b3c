import assert from "node:assert/strict";
import { deflateSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { decode } from "fast-png";
import { type RenderJob, renderMap } from "./render.ts";
import { renderDeps } from "./render_deps.ts";
import { featureInfo } from "./feature_info.ts";
import { jobLayerLookup } from "./expression_layers.ts";
import { parseQmlDocument } from "../style/qml.ts";
import { QslJobParameterFeatureInfo } from "@qgis-server-light/interface";
import type { RunnerContext } from "./types.ts";
import { testRunnerContext } from "./_test_util.ts";

const DEMO = join(dirname(fileURLToPath(import.meta.url)), "../../demo");

// the demo's data, small limits; log lines as "level: message" into `logs`
const jobContext = (logs?: string[]): RunnerContext =>
  testRunnerContext(DEMO, {
    limits: { maxWidth: 2000, maxHeight: 2000, maxLayers: 10 },
    logger: { log: (level, message) => logs?.push(`${level}: ${message}`) },
  });

function encode(qml: string): string {
  let bin = "";
  for (const b of deflateSync(new TextEncoder().encode(qml))) {
    bin += String.fromCharCode(b);
  }
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_");
}

const escape = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");

// zones: red where the rule's filter holds, nothing elsewhere
const ruleStyle = (filter: string) =>
  `<qgis><renderer-v2 type="RuleRenderer"><rules key="r"><rule key="1" filter="${
    escape(filter)
  }" symbol="0"/></rules><symbols><symbol type="fill" name="0" alpha="1">
  <layer class="SimpleFill" enabled="1" pass="0"><prop k="color" v="255,0,0,255"/><prop k="outline_style" v="no"/></layer>
  </symbol></symbols></renderer-v2></qgis>`;

const layer = (
  name: string,
  file: string,
  qml: string,
): RenderJob["layers"][number] => ({
  id: `${name}_1`,
  name,
  source: JSON.stringify({ path: file }),
  remote: false,
  folder_name: "data",
  driver: "ogr",
  style: { name: "default", definition: encode(qml) },
  filter: null,
});

// nothing drawn for the places themselves
const PLACES = layer(
  "places",
  "places.geojson",
  `<qgis><renderer-v2 type="nullSymbol"/></qgis>`,
);

// inside the lake zone (demo/data/zones.geojson), away from the places
const bbox = { x_min: 2606000, y_min: 1200500, x_max: 2608000, y_max: 1201500 };

async function centre(
  layers: RenderJob["layers"],
  logs: string[],
): Promise<number[]> {
  const ctx = jobContext(logs);
  const job: RenderJob = {
    layers,
    bbox,
    crs: "EPSG:2056",
    width: 20,
    height: 10,
    format: "image/png",
  };
  const img = decode(
    (await renderMap(job, ctx, renderDeps)).data as Uint8Array,
  );
  const i = (5 * img.width + 10) * img.channels;
  return Array.from(img.data.subarray(i, i + 4) as Uint8Array);
}

Deno.test("render: rule filters read the job's other layers (get_feature, get_feature_by_id, aggregate)", async () => {
  for (
    const filter of [
      `"kind" = 'lake' AND attribute(get_feature('places', 'name', 'Eymatt'), 'priority') = 3`,
      `attribute(get_feature_by_id('places_1', 4), 'name') = 'Oberbottigen' AND "kind" = 'lake'`,
      `"kind" = 'lake' AND aggregate(layer:='places', aggregate:='max', expression:="priority") = 3`,
    ]
  ) {
    const logs: string[] = [];
    const zones = layer("zones", "zones.geojson", ruleStyle(filter));
    assert.deepEqual(await centre([zones, PLACES], logs), [255, 0, 0, 255]);
    assert.deepEqual(logs.filter((l) => l.startsWith("warning")), [], filter);
  }
});

Deno.test("render: a layer the job does not carry is NULL and one warning; the job is drawn", async () => {
  const logs: string[] = [];
  const zones = layer(
    "zones",
    "zones.geojson",
    ruleStyle(
      `"kind" = 'lake' AND get_feature('Inset Extent', 'id', 0) IS NULL`,
    ),
  );
  assert.deepEqual(await centre([zones, PLACES], logs), [255, 0, 0, 255]);
  assert.deepEqual(logs.filter((l) => l.startsWith("warning")), [
    "warning: expressions: layer 'Inset Extent' is not one of the job's layers; what reads it is NULL",
  ]);
  // without the places layer, the first filter is NULL: nothing drawn
  const logs2: string[] = [];
  const reads = layer(
    "zones",
    "zones.geojson",
    ruleStyle(
      `attribute(get_feature('places', 'name', 'Eymatt'), 'priority') = 3`,
    ),
  );
  assert.deepEqual((await centre([reads], logs2))[3], 0);
  assert.equal(logs2.filter((l) => l.startsWith("warning")).length, 1);
});

Deno.test("render: a layer's own aggregates (maximum, group_by) read the whole layer, not the map's extent", async () => {
  const logs: string[] = [];
  // the lake is the only zone of kind 'lake'; the largest pop is the urban
  // zone's (18000), outside the map
  const zones = layer(
    "zones",
    "zones.geojson",
    ruleStyle(
      `maximum("pop") = 18000 AND count("id", group_by:="kind") = 1 AND "kind" = 'lake'`,
    ),
  );
  assert.deepEqual(await centre([zones], logs), [255, 0, 0, 255]);
  assert.deepEqual(logs.filter((l) => l.startsWith("warning")), []);
});

Deno.test("feature info: rule filters read the job's other layers too", async () => {
  const answer = async (filter: string, layers: string[]) => {
    const logs: string[] = [];
    const zones = layer("zones", "zones.geojson", ruleStyle(filter));
    const job = QslJobParameterFeatureInfo.parse({
      INFO_FORMAT: "application/json",
      layers: layers.includes("places") ? [zones, PLACES] : [zones],
      QUERY_LAYERS: "zones",
      FEATURE_COUNT: 10,
      I: "10",
      J: "5",
      bbox,
      crs: "EPSG:2056",
      width: 20,
      height: 10,
    });
    const out = await featureInfo(job, {
      dataRoot: DEMO,
      svgPaths: [],
      remoteHosts: [],
      limits: { maxWidth: 2000, maxHeight: 2000, maxLayers: 10 },
      logger: { log: (level, message) => logs.push(`${level}: ${message}`) },
    });
    const names = JSON.parse(new TextDecoder().decode(out.data)).features
      .map((f: { properties: { name: string } }) => f.properties.name);
    return { names, warnings: logs.filter((l) => l.startsWith("warning")) };
  };
  const reads =
    `attribute(get_feature('places', 'name', 'Eymatt'), 'priority') = 3 AND sum("pop") = 18120`;
  assert.deepEqual(await answer(reads, ["zones", "places"]), {
    names: ["Wohlensee"],
    warnings: [],
  });
  // without the places layer the rule is NULL: the lake is not drawn, so
  // not answered
  const alone = await answer(reads, ["zones"]);
  assert.deepEqual(alone.names, []);
  assert.equal(alone.warnings.length, 1);
});

Deno.test("render: label expressions read the job's other layers too", async () => {
  // the lake labelled (polygon, horizontal at its centroid) with the name
  // of a place read from 'places'; no fill
  const labelled = (text: string) =>
    `<qgis labelsEnabled="1"><renderer-v2 type="nullSymbol"/><labeling type="simple"><settings calloutType="simple"><text-style fieldName="${
      escape(text)
    }" isExpression="1" fontFamily="DejaVu Sans" fontSize="30" textColor="0,0,0,255"/><placement placement="1"/></settings></labeling></qgis>`;
  const inked = async (layers: RenderJob["layers"]) => {
    const ctx = jobContext();
    const out = await renderMap(
      {
        layers,
        bbox: {
          x_min: 2605000,
          y_min: 1199000,
          x_max: 2610000,
          y_max: 1202000,
        },
        crs: "EPSG:2056",
        width: 200,
        height: 120,
        format: "image/png",
      },
      ctx,
      renderDeps,
    );
    const img = decode(out.data as Uint8Array);
    let n = 0;
    for (let i = 3; i < img.data.length; i += img.channels) {
      if (img.data[i]) n++;
    }
    return n;
  };
  const text =
    `CASE WHEN "kind" = 'lake' THEN attribute(get_feature('places', 'priority', 3), 'name') END`;
  const zones = layer("zones", "zones.geojson", labelled(text));
  assert.ok(await inked([zones, PLACES]) > 50);
  // without the places layer: no text, nothing drawn
  assert.equal(await inked([zones]), 0);
});

Deno.test("render: overlay_intersects reads the job's other layers", async () => {
  const logs: string[] = [];
  // the urban zone holds Bümpliz; the lake holds no place
  const zones = layer(
    "zones",
    "zones.geojson",
    ruleStyle(
      `"kind" = 'lake' AND NOT overlay_intersects('places') AND array_length(overlay_intersects('places', "name")) = 0`,
    ),
  );
  assert.deepEqual(await centre([zones, PLACES], logs), [255, 0, 0, 255]);
  assert.deepEqual(logs.filter((l) => l.startsWith("warning")), []);
});

Deno.test("render: overlay_nearest and overlay_touches read the job's other layers, and a style that buffers loads GEOS", async () => {
  const logs: string[] = [];
  // the lake's nearest place is one; it touches none; its buffer is larger
  const zones = layer(
    "zones",
    "zones.geojson",
    ruleStyle(
      `"kind" = 'lake' AND array_length(overlay_nearest('places', "name")) = 1 AND NOT overlay_touches('places') AND area(buffer($geometry, 10)) > $area`,
    ),
  );
  assert.deepEqual(await centre([zones, PLACES], logs), [255, 0, 0, 255]);
  assert.deepEqual(logs.filter((l) => l.startsWith("warning")), []);
});

Deno.test("expression layers: a style whose only call is overlay_nearest, overlay_touches, overlay_crosses or overlay_equals reads the layer it names", async () => {
  for (const call of ["nearest", "touches", "crosses", "equals"]) {
    const style = ruleStyle(`overlay_${call}('places')`);
    const lookup = await jobLayerLookup(
      [layer("zones", "zones.geojson", style), PLACES],
      [parseQmlDocument(style), null],
      "EPSG:2056",
      jobContext(),
      () => {},
    );
    assert.equal(lookup?.layer("places")?.features.length, 5, call);
  }
});

Deno.test("expression layers: a field alias or a map tip that reads like a call is not one (nothing is read)", async () => {
  const qml = ruleStyle(`"kind" = 'lake'`).replace(
    "</qgis>",
    `<aliases><alias field="pop" index="0" name="Count (all)"/></aliases><mapTip>[% get_feature('places', 'name', "name") %]</mapTip></qgis>`,
  );
  const zones = layer("zones", "zones.geojson", qml);
  const ctx = jobContext();
  const lookup = (root: string) =>
    jobLayerLookup(
      [zones, PLACES],
      [parseQmlDocument(root), null],
      "EPSG:2056",
      ctx,
      () => {},
    );
  assert.equal(await lookup(qml), null);
  // the same call in a rule filter is one
  assert.notEqual(
    await lookup(ruleStyle(`get_feature('places', 'name', "name") IS NULL`)),
    null,
  );
});

Deno.test("expression layers: the features read for one job's expressions are bounded together, not only per layer", async () => {
  const style = ruleStyle(
    `get_feature('places', 'name', "name") IS NULL AND get_feature('roads', 'name', "name") IS NULL`,
  );
  const zones = layer("zones", "zones.geojson", style);
  const roads = layer("roads", "roads.geojson", "<qgis/>");
  const ctx = jobContext();
  const warnings: string[] = [];
  // the demo's places are 5 features: they fit a bound of 5, the roads
  // after them do not
  const lookup = await jobLayerLookup(
    [zones, PLACES, roads],
    [parseQmlDocument(style), null, null],
    "EPSG:2056",
    ctx,
    (m) => warnings.push(m),
    5,
  );
  assert.ok(lookup);
  assert.equal(lookup.layer("places")?.features.length, 5);
  assert.equal(lookup.layer("roads"), undefined);
  assert.deepEqual(warnings, [
    "expressions: layer 'roads' would take the features read for the job's expressions past 5; what reads it is NULL",
  ]);
});
