// Styles asking for absurd sizes (a paint effect's blur of 1e308) fail
// their own job at most, never the next ones: before, the pixel buffer
// made for a 400286 × 400190 surface (its size wrapped around CanvasKit's
// 32-bit malloc) was kept and lent to every later map, which then failed
// with "Invalid typed array length: 640761817360".
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { executeJob } from "../../worker/queue/execute.ts";
import { defaultRunners } from "../../worker/runners/registry.ts";
import { testRunnerContext } from "../../worker/runners/_test_util.ts";
import { demoLayer, demoRenderJob } from "./_jobs.ts";

const DEMO = fileURLToPath(new URL("../../demo", import.meta.url));

const effect = (level: string) =>
  `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0"><layer class="SimpleFill"/></symbol></symbols><effect enabled="1" type="effectStack"><effect type="blur"><Option type="Map"><Option name="blur_level" value="${level}" type="QString"/><Option name="enabled" value="1" type="QString"/></Option></effect></effect></renderer-v2></qgis>`;

Deno.test("hostile paint: a blur asking for a surface of 400286 × 400190 fails its job naming it; the next maps are drawn", async () => {
  const ctx = testRunnerContext(DEMO);
  const registry = defaultRunners();
  const ordinary = JSON.stringify(demoRenderJob());
  assert.equal((await executeJob(ordinary, registry, ctx)).status, "succeed");
  for (const level of ["1e308", "1e6"]) {
    const hostile = JSON.stringify(
      demoRenderJob({
        layers: [demoLayer("zones", "zones.geojson", effect(level))],
      }),
    );
    const r = await executeJob(hostile, registry, ctx);
    if (r.status === "failed") {
      assert.match(
        String(r.data),
        /^Cannot draw layer 'zones': Cannot draw a paint effect: no \d+×\d+ surface$/,
      );
    }
    for (let i = 0; i < 2; i++) {
      const next = await executeJob(ordinary, registry, ctx);
      assert.equal(next.status, "succeed", `after ${level}: ${next.data}`);
    }
  }
});

// Skia makes no gradient whose ends are not finite: before, the job failed
// with "Cannot draw layer 'zones': Cannot read properties of null (reading
// 'delete')", an internal error naming no cause.
Deno.test("hostile paint: a gradient fill whose reference points are 1e308 is drawn; the next map is drawn", async () => {
  const ctx = testRunnerContext(DEMO);
  const registry = defaultRunners();
  for (const type of ["0", "1"]) {
    const qml =
      `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0"><layer class="GradientFill"><Option type="Map"><Option name="gradient_type" value="${type}" type="QString"/><Option name="reference_point2" value="1e308,-1e308" type="QString"/></Option></layer></symbol></symbols></renderer-v2></qgis>`;
    const r = await executeJob(
      JSON.stringify(
        demoRenderJob({ layers: [demoLayer("zones", "zones.geojson", qml)] }),
      ),
      registry,
      ctx,
    );
    assert.equal(r.status, "succeed", `type ${type}: ${r.data}`);
  }
  const next = await executeJob(JSON.stringify(demoRenderJob()), registry, ctx);
  assert.equal(next.status, "succeed", String(next.data));
});
