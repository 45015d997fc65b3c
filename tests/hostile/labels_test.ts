// A polygon whose ring bends at each of its 150,000 nodes, labelled along
// its perimeter (placement 2): PAL's candidates along it are made and
// placed. Before, each candidate walked the ring from its start and each
// node searched the list of bends (a 100,000-node ring: 31 s), and the
// candidates, spread into the feature's list, overflowed the stack.
import assert from "node:assert/strict";
import { DOMParser } from "@xmldom/xmldom";
import type { Feature } from "../../worker/geometry/types.ts";
import type { MapSettings } from "../../worker/map/map_settings.ts";
import { getCanvasKit } from "../../worker/paint/canvaskit.ts";
import { createLabelEngine } from "../../worker/labels/engine.ts";
import { demoLayer, demoRenderJob } from "./_jobs.ts";
import { withDemoWorker } from "./_demo_worker.ts";

const MAP: MapSettings = {
  extent: { xmin: 0, ymin: 0, xmax: 400, ymax: 300 },
  width: 400,
  height: 300,
  dpi: 96,
  crs: "EPSG:2056",
  mapUnitsPerPixel: 1,
  scale: 3780,
  format: "png",
};

Deno.test("hostile labels: a ring of 150,000 bending nodes gets perimeter labels", async () => {
  const n = 150_000;
  const ring = new Float64Array(2 * n + 2);
  for (let i = 0; i < n; i++) {
    const a = 2 * Math.PI * i / n, r = 120 * (1 + 0.1 * Math.sin(i));
    ring[2 * i] = 200 + r * Math.cos(a);
    ring[2 * i + 1] = 150 + r * Math.sin(a);
  }
  ring[2 * n] = ring[0];
  ring[2 * n + 1] = ring[1];
  const feature: Feature = {
    id: 1,
    attributes: { name: "Ring" },
    geometry: { kind: "polygon", parts: [[ring]] },
  };
  const ck = await getCanvasKit();
  for (const placement of [2]) {
    const engine = createLabelEngine(MAP, ck);
    try {
      engine.addLayer({
        layerId: "ring",
        qmlRoot: new DOMParser().parseFromString(
          `<qgis labelsEnabled="1"><labeling type="simple"><settings><text-style fieldName="name" fontSize="9"/><placement placement="${placement}"/></settings></labeling></qgis>`,
          "text/xml",
        ).documentElement!,
        features: [feature],
        geometryKind: "polygon",
      });
      assert.equal(engine.placements().length, 1, `placement ${placement}`);
    } finally {
      engine.delete();
    }
  }
});

Deno.test("hostile labels: 60,000 shuffled segments of one street name are merged (mergeLines) in seconds", async () => {
  // PAL's merge scanned every piece left, and the whole growing line, for
  // each join: ~9 s for 20,000 segments, minutes here
  const n = 60_000;
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const features: Feature[] = order.map((i) => {
    const x0 = 20 + 360 * i / n, x1 = 20 + 360 * (i + 1) / n;
    // every other segment drawn backwards
    const line = i % 2 ? [x1, 150, x0, 150] : [x0, 150, x1, 150];
    return {
      id: i + 1,
      attributes: { name: "Main St" },
      geometry: { kind: "line", parts: [[new Float64Array(line)]] },
    };
  });
  const ck = await getCanvasKit();
  const engine = createLabelEngine(MAP, ck);
  try {
    const t0 = performance.now();
    engine.addLayer({
      layerId: "streets",
      qmlRoot: new DOMParser().parseFromString(
        '<qgis labelsEnabled="1"><labeling type="simple"><settings><text-style fieldName="name" fontSize="9"/><placement placement="2"/><rendering mergeLines="1"/></settings></labeling></qgis>',
        "text/xml",
      ).documentElement!,
      features,
      geometryKind: "line",
    });
    // one street, one label
    assert.equal(engine.placements().length, 1);
    // generous: ~1 s here, minutes before
    const seconds = (performance.now() - t0) / 1000;
    assert.ok(seconds < 30, `${seconds.toFixed(1)} s`);
  } finally {
    engine.delete();
  }
});

// Rotations of 1e308° (the label's own or data-defined) through a real
// worker: answered, and the next map is drawn. Before, PAL's candidate
// angle was brought into [0, 2π) a turn at a time, and a turn added to
// -1.7e306 rad changes nothing: the worker hung in one job for good, past
// its time budget (the loop never yields to the job clock).
const rotated = (placement: string, dd: string) =>
  `<qgis labelsEnabled="1"><renderer-v2 type="singleSymbol"><symbols><symbol type="marker" name="0"><layer class="SimpleMarker"/></symbol></symbols></renderer-v2><labeling type="simple"><settings><text-style fieldName="name" fontSize="9"/>${placement}${dd}</settings></labeling></qgis>`;
const LABEL_ROTATION =
  '<dd_properties><Option type="Map"><Option name="name" value="" type="QString"/><Option name="properties" type="Map"><Option name="LabelRotation" type="Map"><Option name="active" value="true" type="bool"/><Option name="expression" value="-1e308" type="QString"/><Option name="type" value="3" type="int"/></Option></Option><Option name="type" value="collection" type="QString"/></Option></dd_properties>';

Deno.test("hostile labels: rotations of 1e308 degrees are answered; the worker draws the next map", async () => {
  await withDemoWorker(async ({ post, ordinary }) => {
    for (
      const [name, file, qml] of [
        [
          "polygon labels rotated 1e308°",
          "zones.geojson",
          rotated('<placement placement="1" rotationAngle="1e308"/>', ""),
        ],
        [
          "point labels rotated -1e308° (data-defined)",
          "places.geojson",
          rotated('<placement placement="1"/>', LABEL_ROTATION),
        ],
      ]
    ) {
      const job = demoRenderJob({
        layers: [demoLayer("l", file, qml)],
      }).job as Record<string, unknown>;
      // a map of the demo takes a second; a hung worker never answers
      const r = await post(name, job, 60_000);
      assert.equal(r.status, "succeed", `${name}: ${r.result.data}`);
      await ordinary();
    }
  }, ["--max-job-seconds", "10"]);
});
