// Line styles asking for absurd repetitions, posted through Redis to a real
// worker process started as `deno task worker` starts it: each is answered
// and the next ordinary map is drawn. Before, a custom dash pattern of
// 1e-7 mm on a 100 mm line asked for billions of dashes along the demo's
// roads and ended the worker process (V8's heap out of memory; no answer).
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { RedisQueue } from "../../interface/redis_queue.ts";
import { startTestRedis } from "../redis_server.ts";
import { spawnWorker } from "../bench/_util.ts";
import { demoLayer, demoRenderJob } from "./_jobs.ts";

const DEMO = fileURLToPath(new URL("../../demo", import.meta.url));

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
  const redis = await startTestRedis();
  const worker = spawnWorker({ redisUrl: redis.url, dataRoot: DEMO });
  const queue = RedisQueue.create(redis.url);
  try {
    const post = (job: Record<string, unknown>) =>
      queue.post(job as never, {
        type: "QslJobInfoRender",
        timeoutMs: 120_000,
      });
    const ordinary = async () => {
      const r = await post(demoRenderJob().job as Record<string, unknown>);
      assert.equal(r.status, "succeed", String(r.result.data));
    };
    await ordinary(); // engines loaded
    for (const [name, qml] of attacks) {
      const job = demoRenderJob({
        layers: [demoLayer("roads", "roads.geojson", qml)],
      }).job as Record<string, unknown>;
      const r = await post(job).catch((e) => {
        throw new Error(`${name}: no answer (${e.message})`);
      });
      // drawn solid, as so many dashes look
      assert.equal(r.status, "succeed", `${name}: ${r.result.data}`);
      await ordinary();
    }
  } finally {
    await queue.close();
    await worker.stop();
    await redis.stop();
  }
});
