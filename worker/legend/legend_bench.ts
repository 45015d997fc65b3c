/**
 * Legend speed on the layers of the reference job `all_lv95` (graduated
 * points, rule-based lines, categorized polygons, a pseudocolour raster;
 * 11 rows). The baseline turns the (cached, parsed) styles into rows and
 * lays the legend out without painting, so the ratio shows what painting
 * and PNG encoding cost.
 *
 * Run: `deno bench -A worker/legend/legend_bench.ts`
 *
 * @module
 */
import {
  parseJobInfo,
  type QslJobInfoLegend,
} from "@qgis-server-light/interface";
import { NO_REFERENCE, REFERENCE_DIR } from "../../tests/reference.ts";
import { getCanvasKit } from "../paint/canvaskit.ts";
import { fontLibrarySync } from "../labels/fonts.ts";
import { layerLegend, legendRunner } from "../runners/legend.ts";
import { testRunnerContext } from "../runners/_test_util.ts";
import { createTextMeasure } from "./draw.ts";
import { layoutLegend } from "./layout.ts";

const ctx = testRunnerContext(`${REFERENCE_DIR}/demo`);

if (NO_REFERENCE) {
  console.warn("legend_bench: ../shared/reference is absent; skipped");
} else {
  const render = JSON.parse(
    Deno.readTextFileSync(`${REFERENCE_DIR}/demo/all_lv95.job.json`),
  );
  const info = parseJobInfo(JSON.stringify({
    id: "bench",
    type: "QslJobInfoLegend",
    job: { layers: render.job.layers },
  })) as QslJobInfoLegend;
  const ck = await getCanvasKit();
  const fonts = fontLibrarySync(ck);
  await legendRunner(info, ctx); // warm CanvasKit and the fonts

  Deno.bench({
    name: "all_lv95 legend: styles read and laid out (baseline)",
    group: "legend",
    baseline: true,
    n: 100,
    async fn() {
      const legends = [];
      for (const l of info.job.layers) {
        legends.push(await layerLegend(l, null, ctx));
      }
      const measure = createTextMeasure(ck, fonts);
      try {
        layoutLegend(
          legends,
          { layerTitles: false, dpi: info.job.dpi },
          measure,
        );
      } finally {
        measure.delete();
      }
    },
  });
  Deno.bench({
    name: "all_lv95 legend: PNG",
    group: "legend",
    n: 100,
    async fn() {
      await legendRunner(info, ctx);
    },
  });
  Deno.bench({
    name: "all_lv95 legend: PNG, 600 px wide",
    group: "legend",
    n: 100,
    async fn() {
      await legendRunner(
        { ...info, job: { ...info.job, width: 600 } },
        ctx,
      );
    },
  });
}
