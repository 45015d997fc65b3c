/**
 * Run with `--v8-flags=--expose-gc` by worker_retention_test.ts: a queue
 * worker in this process serves 40 raw envelopes of 1 MB each (they fail:
 * it has no runners), then prints how much V8's live heap grew, in MiB.
 * A worker that keeps its jobs' envelopes grows by some 40 MiB.
 *
 * @module
 */
import { startTestRedis } from "./redis_server.ts";
import { submit } from "./worker_util.ts";
import { QueueWorker } from "../worker/queue/worker.ts";
import { testRunnerContext } from "../worker/runners/_test_util.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --v8-flags=--expose-gc");
const redis = await startTestRedis();
const worker = new QueueWorker({
  redisUrl: redis.url,
  runners: {},
  blockSeconds: 1,
  context: testRunnerContext("/nonexistent"),
});
const running = worker.run();
const pad = "x".repeat(1 << 20);
const post = async () => {
  const id = crypto.randomUUID();
  await submit(
    redis.url,
    id,
    JSON.stringify({ id, type: "QslJobInfoLegend", job: { pad } }),
  );
};
try {
  for (let i = 0; i < 5; i++) await post();
  gc();
  const before = Deno.memoryUsage().heapUsed;
  for (let i = 0; i < 40; i++) await post();
  gc();
  const after = Deno.memoryUsage().heapUsed;
  console.log(((after - before) / 2 ** 20).toFixed(1));
} finally {
  await worker.stop();
  await running;
  await redis.stop();
}
