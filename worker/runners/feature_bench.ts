/**
 * Feature runner speed on the reference job `placenames_features` (the Python
 * worker took 10 ms end to end for it, through Redis). The baseline is the
 * same job with `count: 0`: source resolution, filter parsing and the count
 * of matches without reading a page, so the ratio shows what reading and
 * encoding the features costs on top.
 *
 * Run: `deno bench -A worker/runners/feature_bench.ts`
 *
 * @module
 */
import {
  parseJobInfo,
  type QslJobInfoFeature,
} from "@qgis-server-light/interface";
import { NO_REFERENCE, REFERENCE_DIR } from "../../tests/reference.ts";
import { featureRunner } from "./feature.ts";
import { testRunnerContext } from "./_test_util.ts";

const ctx = testRunnerContext(`${REFERENCE_DIR}/upstream`);

if (NO_REFERENCE) {
  console.warn("feature_bench: ../shared/reference is absent; skipped");
} else {
  const job = parseJobInfo(
    Deno.readTextFileSync(
      `${REFERENCE_DIR}/upstream/placenames_features.job.json`,
    ),
  ) as QslJobInfoFeature;
  const empty = structuredClone(job);
  empty.job.count = 0;
  await featureRunner(job, ctx); // warm GDAL and the dataset cache

  Deno.bench({
    name: "placenames_features, count 0 (baseline)",
    group: "placenames_features",
    baseline: true,
    n: 50,
    async fn() {
      await featureRunner(empty, ctx);
    },
  });
  Deno.bench({
    name: "placenames_features (Python worker: 10 ms end to end)",
    group: "placenames_features",
    n: 50,
    async fn() {
      await featureRunner(job, ctx);
    },
  });
}
