/**
 * Queue overhead: a trivial job's round trip through Redis and the worker
 * (`RedisQueue.post` → BLMOVE → statuses → runner → PUBLISH → result)
 * against a bare Redis pub/sub round trip measured in the same run, and
 * throughput of one worker over 500 queued jobs.
 *
 *     deno bench -A worker/queue/worker_bench.ts   # Deno's statistics
 *     deno run -A worker/queue/worker_bench.ts     # medians of 201 runs, ratio, jobs/s
 *     deno run -A worker/queue/worker_bench.ts --memory   # and heap over 10,000 jobs
 */
import { Redis } from "ioredis";
import { startTestRedis } from "../../tests/redis_server.ts";
import { legendJob, testRunners } from "../../tests/worker_util.ts";
import { RedisQueue } from "@qgis-server-light/interface/redis_queue";
import { createLogger } from "../log/logger.ts";
import { QueueWorker } from "./worker.ts";

const redis = await startTestRedis();
globalThis.addEventListener("unload", () => void redis.stop());
const worker = new QueueWorker({
  redisUrl: redis.url,
  runners: testRunners(),
  context: {
    dataRoot: "/nonexistent",
    svgPaths: [],
    remoteHosts: [],
    limits: { maxWidth: 8192, maxHeight: 8192, maxLayers: 100 },
    logger: createLogger({ level: "error" }),
  },
});
const running = worker.run();
const queue = RedisQueue.create(redis.url);
const pub = new Redis(redis.url);
const sub = new Redis(redis.url);
let onMessage: (() => void) | undefined;
sub.on("message", () => onMessage?.());
await sub.subscribe("bench");
const params = legendJob("bench", ["a", "b", "c"]).job;

async function pubSubRoundTrip(): Promise<void> {
  const got = new Promise<void>((r) => onMessage = r);
  await pub.publish("bench", "x");
  await got;
}

async function jobRoundTrip(): Promise<void> {
  const { status } = await queue.post(params, { type: "QslJobInfoLegend" });
  if (status !== "succeed") throw new Error(status);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeIt(fn: () => Promise<void>, runs: number): Promise<number> {
  for (let i = 0; i < 10; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

async function close(): Promise<void> {
  await queue.close();
  pub.disconnect();
  sub.disconnect();
  await worker.stop();
  await running;
  await redis.stop();
}

if (import.meta.main) {
  const base = await timeIt(pubSubRoundTrip, 201);
  const job = await timeIt(jobRoundTrip, 201);
  console.log(`redis pub/sub round trip (baseline): ${base.toFixed(3)} ms`);
  console.log(
    `job round trip through the worker:   ${job.toFixed(3)} ms (${
      (job / base).toFixed(1)
    }× the baseline)`,
  );
  const n = 500;
  const t0 = performance.now();
  await Promise.all(
    Array.from(
      { length: n },
      () => queue.post(params, { type: "QslJobInfoLegend", timeoutMs: 60_000 }),
    ),
  );
  const s = (performance.now() - t0) / 1000;
  console.log(`one worker, ${n} concurrent jobs: ${(n / s).toFixed(0)} jobs/s`);
  if (Deno.args.includes("--memory")) {
    const mb = () => {
      (globalThis as { gc?: () => void }).gc?.();
      return (Deno.memoryUsage().heapUsed / 2 ** 20).toFixed(1);
    };
    const heap: string[] = [];
    for (let done = 0; done < 10_000; done += 50) {
      if (done % 2000 === 0) heap.push(`${done}: ${mb()} MiB`);
      await Promise.all(
        Array.from(
          { length: 50 },
          () =>
            queue.post(params, { type: "QslJobInfoLegend", timeoutMs: 60_000 }),
        ),
      );
    }
    heap.push(`10000: ${mb()} MiB`);
    console.log(
      `heap used (client and worker, one process): ${heap.join(", ")}`,
    );
  }
  await close();
} else {
  Deno.bench({
    name: "redis pub/sub round trip",
    group: "round trip",
    baseline: true,
    fn: pubSubRoundTrip,
  });
  Deno.bench({
    name: "job round trip through the worker",
    group: "round trip",
    fn: jobRoundTrip,
  });
}
