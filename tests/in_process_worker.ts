/**
 * A worker loop in this process with the worker's default runners, against
 * a `redis-server` of its own, and the interface's `RedisQueue` to post jobs
 * to it: what the runner end-to-end tests share.
 *
 * @module
 */
import { RedisQueue } from "@qgis-server-light/interface";
import { startTestRedis } from "./redis_server.ts";
import { QueueWorker } from "../worker/queue/worker.ts";
import { defaultRunners } from "../worker/runners/registry.ts";
import { testRunnerContext } from "../worker/runners/_test_util.ts";
import type { RunnerContext } from "../worker/runners/types.ts";

/**
 * Starts Redis and a worker serving `dataRoot` (its context with
 * `overrides`, e.g. `remoteHosts`), runs `fn` with a queue posting to it,
 * then stops all of them (also when `fn` throws).
 */
export async function withWorker(
  dataRoot: string,
  fn: (queue: RedisQueue) => Promise<void>,
  overrides: Partial<RunnerContext> = {},
): Promise<void> {
  const redis = await startTestRedis();
  const worker = new QueueWorker({
    redisUrl: redis.url,
    runners: defaultRunners(),
    blockSeconds: 1,
    context: testRunnerContext(dataRoot, overrides),
  });
  const running = worker.run();
  const queue = RedisQueue.create(redis.url);
  try {
    await fn(queue);
  } finally {
    await queue.close();
    await worker.stop();
    await running;
    await redis.stop();
  }
}
