// Passwords in the connection strings a job carries never reach the
// failed job's result nor the worker's log, however they are quoted:
// posted through Redis to a real worker process started as `deno task
// worker` starts it. Before, a libpq/QGIS quoted value with an escaped
// quote (`password='a\'s3cr3t tail'`) was masked up to that quote only,
// and the rest of the password was echoed.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { RedisQueue } from "../../interface/redis_queue.ts";
import { startTestRedis } from "../redis_server.ts";
import { spawnWorker } from "../bench/_util.ts";
import { demoLayer, demoRenderJob } from "./_jobs.ts";

const DEMO = fileURLToPath(new URL("../../demo", import.meta.url));
const FILL =
  '<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0"><layer class="SimpleFill"/></symbol></symbols></renderer-v2></qgis>';

/** label → the zones layer's source keys; each names the secret parts. */
const attacks: [string, Record<string, unknown>, string[]][] = [
  [
    "PG: connection string with an escaped quote",
    { path: "PG:dbname=x password='a\\'s3cr3t tail' host=h" },
    ["s3cr3t", "tail"],
  ],
  [
    "PG: connection string with a quote never closed",
    { path: "PG:dbname=x password='s3cr3t tail" },
    ["s3cr3t", "tail"],
  ],
  [
    "PG: a bare value with an escaped space",
    { path: "PG:dbname=x password=s3cr3t\\ tail host=h" },
    ["s3cr3t", "tail"],
  ],
  [
    "a source's JSON in the path",
    { path: 'x {"password": "s3cr3t tail"}' },
    ["s3cr3t", "tail"],
  ],
  [
    "URL with a password not percent-encoded",
    { path: "postgresql://u:s3cr3t@tail@h/db" },
    ["s3cr3t", "tail"],
  ],
];

Deno.test("hostile secrets: passwords in a job's sources never reach its failed result nor the worker's log", async () => {
  const redis = await startTestRedis();
  const worker = spawnWorker({
    redisUrl: redis.url,
    dataRoot: DEMO,
    logLevel: "info",
  });
  const queue = RedisQueue.create(redis.url);
  try {
    const post = (job: Record<string, unknown>) =>
      queue.post(job as never, { type: "QslJobInfoRender", timeoutMs: 60_000 });
    const ordinary = await post(demoRenderJob().job as Record<string, unknown>);
    assert.equal(ordinary.status, "succeed", String(ordinary.result.data));
    for (const [label, source, secrets] of attacks) {
      const layer = {
        ...demoLayer("zones", "zones.geojson", FILL),
        source: JSON.stringify(source),
      };
      const r = await post(
        demoRenderJob({ layers: [layer] }).job as Record<string, unknown>,
      );
      const data = String(r.result.data);
      assert.equal(r.status, "failed", `${label}: ${data}`);
      assert.match(data, /^Cannot open layer 'zones': /, label);
      for (const secret of secrets) {
        assert.ok(!data.includes(secret), `${label}: result ${data}`);
      }
    }
    // the log line of the last job is written after its result
    await post(demoRenderJob().job as Record<string, unknown>);
    const log = worker.log();
    assert.match(log, /Cannot open layer 'zones'/);
    for (const [label, , secrets] of attacks) {
      for (const secret of secrets) {
        assert.ok(!log.includes(secret), `${label}: log ${log}`);
      }
    }
  } finally {
    await queue.close();
    await worker.stop();
    await redis.stop();
  }
});
