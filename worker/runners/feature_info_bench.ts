/**
 * Feature info runner speed on the layers of the reference map `all_lv95`
 * (960×660 px, 1:125 000). The baseline queries the places layer at a pixel
 * with no place (source resolution, style parsing, the search rectangle's
 * read); the others show what a hit, more layers and the raster cost on top.
 *
 * Run: `deno bench -A worker/runners/feature_info_bench.ts`
 *
 * @module
 */
import {
  parseJobInfo,
  type QslJobInfoFeatureInfo,
  QslJobParameterFeatureInfo,
  type QslJobParameterRender,
} from "@qgis-server-light/interface";
import { NO_REFERENCE, REFERENCE_DIR } from "../../tests/reference.ts";
import { featureInfoRunner } from "./feature_info.ts";
import { testRunnerContext } from "./_test_util.ts";

const ctx = testRunnerContext(`${REFERENCE_DIR}/demo`);

if (NO_REFERENCE) {
  console.warn("feature_info_bench: ../shared/reference is absent; skipped");
} else {
  const render = parseJobInfo(
    Deno.readTextFileSync(`${REFERENCE_DIR}/demo/all_lv95.job.json`),
  ).job as QslJobParameterRender;
  const info = (
    QUERY_LAYERS: string,
    I: number,
    J: number,
    INFO_FORMAT = "text/plain",
  ): QslJobInfoFeatureInfo => ({
    id: "bench",
    type: "QslJobInfoFeatureInfo",
    job: QslJobParameterFeatureInfo.parse({
      INFO_FORMAT,
      QUERY_LAYERS,
      I: String(I),
      J: String(J),
      FEATURE_COUNT: 10,
      layers: render.layers,
      bbox: render.bbox,
      crs: render.crs,
      width: render.width,
      height: render.height,
      dpi: render.dpi,
    }),
  });
  const miss = info("places", 20, 620);
  const dorsa = info("places", 432, 231);
  const all = info(
    "places,roads,zones,elevation",
    432,
    231,
    "application/json",
  );
  await featureInfoRunner(all, ctx); // warm GDAL and the dataset cache

  Deno.bench({
    name: "places, no place under the pixel (baseline)",
    group: "all_lv95 feature info",
    baseline: true,
    n: 50,
    async fn() {
      await featureInfoRunner(miss, ctx);
    },
  });
  Deno.bench({
    name: "places under Dorsa, text/plain",
    group: "all_lv95 feature info",
    n: 50,
    async fn() {
      await featureInfoRunner(dorsa, ctx);
    },
  });
  Deno.bench({
    name: "places, roads, zones and elevation under Dorsa, GeoJSON",
    group: "all_lv95 feature info",
    n: 50,
    async fn() {
      await featureInfoRunner(all, ctx);
    },
  });
}
