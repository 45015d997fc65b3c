// OGC filters whose GML asks for absurd walks, in a feature job run the way
// the worker runs it: each fails naming its cause, at once, and the next job
// is served. Before, a posList with srsDimension="-1" (or 1e-300) stepped
// backwards through its coordinates for good: 200 s and 4 GB of RSS before
// V8 gave up with "Invalid array length".
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { executeJob } from "../../worker/queue/execute.ts";
import { defaultRunners } from "../../worker/runners/registry.ts";
import { testRunnerContext } from "../../worker/runners/_test_util.ts";
import { demoRenderJob } from "./_jobs.ts";

const DEMO = fileURLToPath(new URL("../../demo", import.meta.url));

const featureJob = (filter: string | null) =>
  JSON.stringify({
    id: "features",
    type: "QslJobInfoFeature",
    job: {
      queries: [{
        layers: (demoRenderJob().job as { layers: unknown[] }).layers,
        aliases: [],
        filter: filter && {
          definition:
            `<fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2">${filter}</fes:Filter>`,
        },
      }],
      start_index: 0,
      count: 10,
    },
  });

Deno.test("hostile filters: a GML posList of srsDimension -1 or 1e-300 fails naming it, at once; the next job is served", async () => {
  const ctx = testRunnerContext(DEMO);
  const registry = defaultRunners();
  for (const dim of ["-1", "1e-300"]) {
    const t0 = performance.now();
    const r = await executeJob(
      featureJob(
        `<fes:Intersects><fes:ValueReference>geom</fes:ValueReference><gml:LineString srsName="EPSG:2056"><gml:posList srsDimension="${dim}">2600000 1200000 2601000 1201000</gml:posList></gml:LineString></fes:Intersects>`,
      ),
      registry,
      ctx,
    );
    assert.equal(r.status, "failed");
    assert.equal(
      r.data,
      `Cannot apply the query's filter: Cannot parse OGC filter: srsDimension '${dim}' is not a whole number of 2 or more`,
    );
    // a parse is milliseconds; the walk it replaced took minutes
    assert.ok(performance.now() - t0 < 20_000);
  }
  const next = await executeJob(featureJob(null), registry, ctx);
  assert.equal(next.status, "succeed", String(next.data));
});
