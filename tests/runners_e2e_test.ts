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
} from "@qgis-server-light/interface";
import { withWorker } from "./in_process_worker.ts";
import { NO_REFERENCE, REFERENCE_DIR } from "./reference.ts";

Deno.test({
  name:
    "runners e2e: placenames_features through Redis equals the Python worker's result; a bad filter fails naming the cause",
  ignore: NO_REFERENCE,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await withWorker(`${REFERENCE_DIR}/upstream`, async (queue) => {
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
    });
  },
});
