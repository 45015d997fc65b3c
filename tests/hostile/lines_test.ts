// Line styles asking for absurd repetitions, posted through Redis to a real
// worker process started as `deno task worker` starts it: each is answered
// and the next ordinary map is drawn. Before, a custom dash pattern of
// 1e-7 mm on a 100 mm line asked for billions of dashes along the demo's
// roads and ended the worker process (V8's heap out of memory; no answer).
import assert from "node:assert/strict";
import { demoLayer, demoRenderJob } from "./_jobs.ts";
import { withDemoWorker } from "./_demo_worker.ts";

const line = (options: Record<string, string>) =>
  `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="line" name="0"><layer class="SimpleLine"><Option type="Map">${
    Object.entries(options).map(([k, v]) =>
      `<Option name="${k}" value="${v}" type="QString"/>`
    ).join("")
  }</Option></layer></symbol></symbols></renderer-v2></qgis>`;

/** Attacks: label → the roads layer's style. */
const attacks: [string, string][] = [
  [
    "dash pattern of 1e-7 mm, 100 mm wide",
    line({
      use_custom_dash: "1",
      customdash: "0.0000001;0.0000001",
      line_width: "100",
    }),
  ],
  [
    "dash pattern of 1e-7 mm, 1 mm wide",
    line({ use_custom_dash: "1", customdash: "0.0000001;0.0000001" }),
  ],
];

Deno.test("hostile lines: dash patterns repeating billions of times are answered; the worker lives and draws the next map", async () => {
  await withDemoWorker(async ({ post, ordinary }) => {
    for (const [name, qml] of attacks) {
      const job = demoRenderJob({
        layers: [demoLayer("roads", "roads.geojson", qml)],
      }).job as Record<string, unknown>;
      const r = await post(name, job);
      // drawn solid, as so many dashes look
      assert.equal(r.status, "succeed", `${name}: ${r.result.data}`);
      await ordinary();
    }
  });
});
