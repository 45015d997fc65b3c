/**
 * Feature jobs end to end: a real Redis, the worker loop in-process with the
 * default runners, and the interface's `RedisQueue.post`.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  parseJobInfo,
  type QslJobInfoFeature,
  RedisQueue,
} from "@qgis-server-light/interface";
import { startTestRedis } from "./redis_server.ts";
import { NO_REFERENCE, REFERENCE_DIR } from "./reference.ts";
import { QueueWorker } from "../worker/queue/worker.ts";
import { defaultRunners } from "../worker/runners/registry.ts";

Deno.test({
  name:
    "runners e2e: placenames_features through Redis equals the Python worker's result; a bad filter fails naming the cause",
  ignore: NO_REFERENCE,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const redis = await startTestRedis();
    const worker = new QueueWorker({
      redisUrl: redis.url,
      runners: defaultRunners(),
      blockSeconds: 1,
      context: {
        dataRoot: `${REFERENCE_DIR}/upstream`,
        svgPaths: [],
        remoteHosts: [],
        limits: { maxWidth: 8192, maxHeight: 8192, maxLayers: 100 },
        logger: { log() {} },
      },
    });
    const running = worker.run();
    const queue = RedisQueue.create(redis.url);
    try {
      const job = parseJobInfo(
        Deno.readTextFileSync(
          `${REFERENCE_DIR}/upstream/placenames_features.job.json`,
        ),
      ) as QslJobInfoFeature;
      const { result, status } = await queue.post(job.job, {
        timeoutMs: 30_000,
      });
      assert.equal(status, "succeed");
      const expected = JSON.parse(
        Deno.readTextFileSync(
          `${REFERENCE_DIR}/upstream/placenames_features.expected.json`,
        ),
      );
      const data = typeof result.data === "string"
        ? JSON.parse(result.data)
        : result.data;
      assert.deepEqual(data, expected);

      const bad = structuredClone(job.job);
      bad.queries[0].filter = { definition: "<fes:Filter" } as never;
      const failed = await queue.post(bad, { timeoutMs: 30_000 });
      assert.equal(failed.status, "failed");
      assert.match(String(failed.result.data), /filter/i);
    } finally {
      await queue.close();
      await worker.stop();
      await running;
      await redis.stop();
    }
  },
});
