import assert from "node:assert/strict";
import { executeJob, MESSAGE_LIMIT } from "./execute.ts";
import { defaultRunners } from "../runners/registry.ts";
import { testRunnerContext } from "../runners/_test_util.ts";
import { encodeStyle } from "@qgis-server-light/interface";
import { geosLoaded } from "../geos/geos.ts";

const DEMO = new URL("../../demo", import.meta.url).pathname;

function renderJob(job: Record<string, unknown>, layers: unknown[] = []) {
  return JSON.stringify({
    id: "1",
    type: "QslJobInfoRender",
    job: {
      layers,
      bbox: { x_min: 0, y_min: 0, x_max: 10, y_max: 10 },
      crs: "EPSG:2056",
      width: 10,
      height: 10,
      dpi: 96,
      format: "image/png",
      ...job,
    },
  });
}

function layer(name: string, source: string) {
  return {
    id: "l",
    name,
    source,
    remote: false,
    folder_name: "",
    driver: "ogr",
    style: {
      name: "default",
      definition: encodeStyle(
        '<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0"><layer class="SimpleFill"/></symbol></symbols></renderer-v2></qgis>',
      ),
    },
    filter: null,
  };
}

// before any job of this file names one
Deno.test("executeJob: a job that names no GEOS function leaves GEOS unloaded", async () => {
  const outcome = await executeJob(
    zonesJob("area($geometry) &gt; 0 AND intersects($geometry, $geometry)"),
    defaultRunners(),
    testRunnerContext(DEMO),
  );
  assert.equal(outcome.status, "succeed", String(outcome.data));
  assert.equal(geosLoaded(), false);
});

Deno.test("executeJob: a failed job echoes at most a few hundred characters of its input", async () => {
  const huge = "x".repeat(10_000_000);
  // within the string limits, echoed: cut to a few hundred characters
  const long = "x".repeat(60_000);
  const ctx = testRunnerContext(DEMO);
  for (
    const [raw, cut] of [
      [renderJob({ format: huge }), false],
      [
        renderJob({}, [layer("a", JSON.stringify({ path: `/${huge}` }))]),
        false,
      ],
      [renderJob({}, [{ ...layer(huge, "{}"), driver: "postgres" }]), false],
      [renderJob({}, [layer("a", JSON.stringify({ path: `/${long}` }))]), true],
      [
        renderJob({}, [layer("a", JSON.stringify({ path: `..${long}` }))]),
        true,
      ],
    ] as const
  ) {
    const outcome = await executeJob(raw, defaultRunners(), ctx);
    assert.equal(outcome.status, "failed");
    const message = String(outcome.data);
    assert.ok(message.startsWith("Cannot "), message.slice(0, 100));
    assert.ok(message.length <= MESSAGE_LIMIT + 40, `${message.length}`);
    if (cut) {
      assert.ok(message.includes("more characters"), message.slice(0, 300));
    }
    assert.ok(outcome.layers.every((n) => n.length < 300));
  }
});

Deno.test("executeJob: dpi and feature info tolerances are bounded (configurable)", async () => {
  const ctx = testRunnerContext(DEMO);
  // a 128×96 labelled map at dpi 1e6 once grew to 2.4 GB and never answered
  let outcome = await executeJob(
    renderJob({ dpi: 1e6, width: 128, height: 96 }),
    defaultRunners(),
    ctx,
  );
  assert.equal(outcome.status, "failed");
  assert.equal(
    outcome.data,
    "Cannot run job: dpi 1000000 exceeds the limit of 1200",
  );
  const low = testRunnerContext(DEMO, {
    limits: { maxWidth: 100, maxHeight: 100, maxLayers: 1, maxDpi: 90 },
  });
  outcome = await executeJob(renderJob({ dpi: 96 }), defaultRunners(), low);
  assert.equal(outcome.data, "Cannot run job: dpi 96 exceeds the limit of 90");
  outcome = await executeJob(renderJob({ dpi: 90 }), defaultRunners(), low);
  assert.equal(outcome.status, "succeed", String(outcome.data));
  outcome = await executeJob(
    JSON.stringify({
      id: "2",
      type: "QslJobInfoFeatureInfo",
      job: {
        INFO_FORMAT: "text/plain",
        QUERY_LAYERS: "a",
        I: "1",
        J: "1",
        FI_POINT_TOLERANCE: 1e9,
      },
    }),
    defaultRunners(),
    low,
  );
  assert.equal(
    outcome.data,
    "Cannot run job: FI_POINT_TOLERANCE 1000000000 exceeds the limit of 100 pixels",
  );
});

Deno.test("executeJob: a feature job's outcome names the layers of its queries (for the job's log line)", async () => {
  const raw = JSON.stringify({
    id: "f",
    type: "QslJobInfoFeature",
    job: {
      queries: [
        { layers: [layer("zones", '{"path":"data/zones.geojson"}')] },
        { layers: [layer("roads", '{"path":"data/roads.geojson"}')] },
      ],
      count: 1,
    },
  });
  const outcome = await executeJob(
    raw,
    defaultRunners(),
    testRunnerContext(DEMO),
  );
  assert.equal(outcome.status, "succeed", String(outcome.error));
  assert.deepEqual(outcome.layers, ["zones", "roads"]);
});

Deno.test("executeJob: a feature job whose OGC filter is Within loads GEOS for it: the zones within a box, no warning", async () => {
  const lines: string[] = [];
  const ctx = testRunnerContext(DEMO, {
    logger: { log: (level, message) => lines.push(`${level}: ${message}`) },
  });
  const fes =
    'xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2"';
  const within = (box: string) =>
    `<fes:Filter ${fes}><fes:Within><fes:ValueReference>geom</fes:ValueReference><gml:Envelope srsName="EPSG:2056"><gml:lowerCorner>${box}</gml:lowerCorner><gml:upperCorner>2700000 1300000</gml:upperCorner></gml:Envelope></fes:Within></fes:Filter>`;
  const count = async (box: string) => {
    const outcome = await executeJob(
      JSON.stringify({
        id: "w",
        type: "QslJobInfoFeature",
        job: {
          queries: [{
            layers: [layer("zones", '{"path":"data/zones.geojson"}')],
            filter: { definition: within(box) },
          }],
        },
      }),
      defaultRunners(),
      ctx,
    );
    assert.equal(outcome.status, "succeed", String(outcome.error));
    return (outcome.data as { numbers_matched: number }).numbers_matched;
  };
  assert.equal(await count("2500000 1100000"), 5);
  // Wohlensee, Bümpliz and Forst start east of 2605500
  assert.equal(await count("2605500 1190000"), 3);
  assert.deepEqual(lines.filter((l) => l.startsWith("warning")), []);
});

Deno.test("executeJob: FEATURE_COUNT is bounded (configurable): every feature within a huge tolerance was read, kept and written", async () => {
  // 50,000 points on a 10 m grid, all within the largest tolerance
  const root = await Deno.makeTempDir({ prefix: "qsl_feature_count_" });
  try {
    const features = Array.from({ length: 50_000 }, (_, i) => ({
      type: "Feature",
      properties: { id: i, name: `feature ${i}` },
      geometry: {
        type: "Point",
        coordinates: [
          2600000 + (i % 500) * 10,
          1200000 + Math.floor(i / 500) * 10,
        ],
      },
    }));
    await Deno.writeTextFile(
      `${root}/pts.geojson`,
      JSON.stringify({
        type: "FeatureCollection",
        crs: {
          type: "name",
          properties: { name: "urn:ogc:def:crs:EPSG::2056" },
        },
        features,
      }),
    );
    const info = (count: number) =>
      JSON.stringify({
        id: "fc",
        type: "QslJobInfoFeatureInfo",
        job: {
          INFO_FORMAT: "application/json",
          QUERY_LAYERS: "pts",
          I: "250",
          J: "50",
          FEATURE_COUNT: count,
          FI_POINT_TOLERANCE: 8192,
          WITH_GEOMETRY: true,
          layers: [layer("pts", JSON.stringify({ path: "pts.geojson" }))],
          bbox: {
            x_min: 2600000,
            y_min: 1200000,
            x_max: 2605000,
            y_max: 1201000,
          },
          crs: "EPSG:2056",
          width: 500,
          height: 100,
          dpi: 96,
        },
      });
    const ctx = testRunnerContext(root);
    let t0 = performance.now();
    let outcome = await executeJob(info(1e9), defaultRunners(), ctx);
    assert.equal(outcome.status, "failed");
    assert.equal(
      outcome.data,
      "Cannot run job: FEATURE_COUNT 1000000000 exceeds the limit of 10000",
    );
    assert.ok(performance.now() - t0 < 10_000);
    // the limit itself is answered
    t0 = performance.now();
    outcome = await executeJob(info(10_000), defaultRunners(), ctx);
    assert.equal(outcome.status, "succeed", String(outcome.data));
    const answer = JSON.parse(
      new TextDecoder().decode(outcome.data as Uint8Array),
    );
    assert.equal(answer.features.length, 10_000);
    // a worker option lowers (or raises) it
    const low = testRunnerContext(root, {
      limits: {
        maxWidth: 8192,
        maxHeight: 8192,
        maxLayers: 10,
        maxFeatureCount: 5,
      },
    });
    outcome = await executeJob(info(6), defaultRunners(), low);
    assert.equal(
      outcome.data,
      "Cannot run job: FEATURE_COUNT 6 exceeds the limit of 5",
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

// a render job over demo/'s zones whose rule filters with `filter`
function zonesJob(filter: string) {
  const rule =
    `<qgis><renderer-v2 type="RuleRenderer"><rules key="r"><rule key="a" symbol="0" filter="${filter}"/></rules><symbols><symbol type="fill" name="0"><layer class="SimpleFill"/></symbol></symbols></renderer-v2></qgis>`;
  const zones = {
    ...layer("zones", JSON.stringify({ path: "data/zones.geojson" })),
    style: { name: "default", definition: encodeStyle(rule) },
  };
  return renderJob({
    bbox: { x_min: 2600000, y_min: 1195000, x_max: 2612000, y_max: 1203000 },
    width: 60,
    height: 40,
  }, [zones]);
}

Deno.test("executeJob: a job whose style buffers polygons loads GEOS before it runs: evaluated, no warning (NULL and a warning before GEOS)", async () => {
  const lines: string[] = [];
  const ctx = testRunnerContext(DEMO, {
    logger: { log: (level, message) => lines.push(`${level}: ${message}`) },
  });
  const outcome = await executeJob(
    zonesJob("area(buffer($geometry, 10)) &gt; area($geometry)"),
    defaultRunners(),
    ctx,
  );
  assert.equal(outcome.status, "succeed", String(outcome.data));
  assert.ok(geosLoaded());
  assert.deepEqual(lines.filter((l) => l.startsWith("warning")), []);
});

Deno.test("executeJob: a buffer of ten million segments a quadrant is NULL and one warning; the job is drawn", async () => {
  const lines: string[] = [];
  const ctx = testRunnerContext(DEMO, {
    logger: { log: (level, message) => lines.push(`${level}: ${message}`) },
  });
  const started = performance.now();
  const outcome = await executeJob(
    zonesJob("area(buffer($geometry, 10, 10000000)) &gt; 0"),
    defaultRunners(),
    ctx,
  );
  assert.equal(outcome.status, "succeed", String(outcome.data));
  const warnings = lines.filter((l) => /would cost GEOS more than/.test(l));
  assert.equal(warnings.length, 1, lines.join("\n"));
  assert.match(warnings[0], /^warning: Cannot evaluate buffer\(\)/);
  assert.ok(performance.now() - started < 30_000);
});
