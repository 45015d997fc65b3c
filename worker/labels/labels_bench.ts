/**
 * Labelling speed on the reference `upstream/placenames` map (93 points,
 * 1500×1500 px): the labelling alone (settings, text layout, placement,
 * painting) and the whole render with labels, against the same render
 * without labels as the baseline in the same run.
 *
 *     deno bench -A worker/labels/labels_bench.ts   # Deno's statistics
 *     deno run -A worker/labels/labels_bench.ts     # medians of 21 runs, ratios
 *
 * The Python worker (QGIS 3.22) took 158 ms for placenames end to end
 * through Redis on our 2-core machines.
 */
import { NO_REFERENCE, REFERENCE_DIR } from "../../tests/reference.ts";
import { referenceContext } from "../../tests/parity/parity.ts";
import { type RenderJob, renderMap } from "../runners/render.ts";
import { renderDeps } from "../runners/render_deps.ts";
import { readVectorLayer } from "../sources/ogr/mod.ts";
import { computeMapSettings } from "../map/compute.ts";
import { getCanvasKit } from "../paint/canvaskit.ts";
import { parseQmlDocument } from "../style/qml.ts";
import { decodeStyle } from "@qgis-server-light/interface/style_codec";
import { createLabelEngine } from "./engine.ts";

interface Case {
  name: string;
  baseline?: boolean;
  fn: () => Promise<void> | void;
}
const cases: Case[] = [];
const GROUP = "placenames 1500×1500, 93 labels (Python worker: 158 ms)";

if (!NO_REFERENCE) {
  const job: RenderJob = JSON.parse(
    await Deno.readTextFile(`${REFERENCE_DIR}/upstream/placenames.job.json`),
  ).job;
  const ctx = referenceContext(`${REFERENCE_DIR}/upstream`);
  const map = computeMapSettings(job);
  const layer = job.layers[0];
  const data = await readVectorLayer(
    layer,
    { bbox: map.extent, crs: map.crs },
    ctx,
  );
  const qml = decodeStyle(
    (layer as unknown as { style: { definition: string } }).style.definition,
  );
  const root = parseQmlDocument(qml);
  const ck = await getCanvasKit();
  const surface = ck.MakeSurface(map.width, map.height)!;
  const noLabels = { ...renderDeps, createLabelEngine: undefined };
  cases.push({
    name: "render without labels (baseline)",
    baseline: true,
    async fn() {
      await renderMap(job, ctx, noLabels);
    },
  });
  cases.push({
    name: "render with labels",
    async fn() {
      await renderMap(job, ctx, renderDeps);
    },
  });
  cases.push({
    name: "labelling alone (addLayer + place + draw)",
    fn() {
      const engine = createLabelEngine(map, ck, {
        compile: renderDeps.compile,
      });
      engine.addLayer({
        layerId: layer.id,
        qmlRoot: root,
        features: data.features,
        geometryKind: data.geometryKind,
      });
      engine.draw(surface.getCanvas());
      engine.delete();
    },
  });
}

if (import.meta.main) {
  const runs = 21;
  const rows: { name: string; median: number; baseline: boolean }[] = [];
  for (const c of cases) {
    await c.fn();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await c.fn();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    rows.push({
      name: c.name,
      median: times[runs >> 1],
      baseline: !!c.baseline,
    });
  }
  const base = rows.find((r) => r.baseline);
  console.log(`\n${GROUP} — medians of ${runs} runs`);
  for (const r of rows) {
    const ratio = base
      ? ` (${(r.median / base.median).toFixed(2)}× baseline)`
      : "";
    console.log(`  ${r.median.toFixed(1).padStart(7)} ms  ${r.name}${ratio}`);
  }
} else {
  for (const c of cases) {
    Deno.bench({
      name: c.name,
      group: GROUP,
      baseline: c.baseline,
      fn: c.fn,
    });
  }
}
