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
