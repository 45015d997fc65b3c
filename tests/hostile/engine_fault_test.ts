// A WebAssembly trap (GDAL or Skia) never poisons a worker: the job that met
// it fails naming the cause, the engine is discarded and the next job is
// served by a new one (issue #14 item 1).
import assert from "node:assert/strict";
import type { QslJobInfoLegend } from "@qgis-server-light/interface";
import { executeJob } from "../../worker/queue/execute.ts";
import { defaultRunners } from "../../worker/runners/registry.ts";
import type { Runner } from "../../worker/runners/types.ts";
import { testRunnerContext } from "../../worker/runners/_test_util.ts";
import { gdalEngineStats, withGdal } from "../../worker/gdal/gdal.ts";
import { canvasKitStats, getCanvasKit } from "../../worker/paint/canvaskit.ts";
import { demoRenderJob } from "./_jobs.ts";

const DEMO = new URL("../../demo", import.meta.url).pathname;

// Legend jobs stand in for a job whose runner trips an engine: reading out
// of the engine's memory is what a bad pointer inside GDAL or Skia does.
const tripGdal: Runner<QslJobInfoLegend> = async () => {
  await withGdal((gdal) => gdal.Module._GDALGetRasterXSize(0x7ffffff0));
  return { data: null, contentType: "application/json" };
};
const tripSkia: Runner<QslJobInfoLegend> = async () => {
  const ck = await getCanvasKit();
  // deno-lint-ignore no-explicit-any
  (ck as any).HEAPU8; // the engine is up
  // deno-lint-ignore no-explicit-any
  (ck as any)._free(0x7ffffff0);
  return { data: null, contentType: "application/json" };
};

const legend = JSON.stringify({
  id: "trap",
  type: "QslJobInfoLegend",
  job: { layers: [] },
});

for (
  const [engine, runner, stats] of [
    ["GDAL", tripGdal, gdalEngineStats],
    ["Skia", tripSkia, canvasKitStats],
  ] as const
) {
  Deno.test(`a worker that met a ${engine} trap serves the next job correctly`, async () => {
    const ctx = testRunnerContext(DEMO);
    const runners = { ...defaultRunners(), QslJobInfoLegend: runner };
    const render = JSON.stringify(demoRenderJob());
    // a first map: both engines are up and hold state (datasets, surfaces)
    const before = await executeJob(render, runners, ctx);
    assert.equal(before.status, "succeed", String(before.data));
    const resets = stats.resets;
    const trapped = await executeJob(legend, runners, ctx);
    assert.equal(trapped.status, "failed");
    assert.match(
      String(trapped.data),
      /^Cannot (use GDAL|run job): .*RuntimeError: .*(memory access out of bounds|Aborted).*it was discarded and the next job gets a new one/,
    );
    assert.equal(stats.resets, resets + 1);
    // the same map again, on the new engine, byte for byte
    for (let i = 0; i < 2; i++) {
      const after = await executeJob(render, runners, ctx);
      assert.equal(after.status, "succeed", String(after.data));
      assert.deepEqual(after.data, before.data);
    }
  });
}

Deno.test("a CRS of 100,000 characters that reaches GDAL is refused without a trap", async () => {
  // `ccall` once put it on GDAL's 64 KiB WebAssembly stack: "memory access
  // out of bounds", and every later render failed the same way
  const { transformRect } = await import("../../worker/gdal/transform.ts");
  const rect = { xmin: 2600000, ymin: 1200000, xmax: 2601000, ymax: 1201000 };
  const resets = gdalEngineStats.resets;
  for (const digits of [5_000, 30_000, 100_000, 1_000_000]) {
    await assert.rejects(
      withGdal((gdal) =>
        transformRect(gdal, rect, "EPSG:" + "1".repeat(digits), "EPSG:4326")
      ),
      (e: Error) =>
        e instanceof RangeError && /GDAL does not know it/.test(e.message),
    );
  }
  const back = await withGdal((gdal) =>
    transformRect(gdal, rect, "EPSG:2056", "EPSG:4326")
  );
  assert.ok(back && back.xmin > 7 && back.xmin < 8, JSON.stringify(back));
  assert.equal(gdalEngineStats.resets, resets);
});
