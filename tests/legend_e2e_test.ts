/**
 * Legend jobs end to end: a real Redis, the worker loop in-process with the
 * default runners plus the legend runner, and the interface's
 * `RedisQueue.post`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { decode } from "fast-png";
import {
  type QslJobParameterLegend,
  RedisQueue,
} from "@qgis-server-light/interface";
import { startTestRedis } from "./redis_server.ts";
import { NO_REFERENCE, REFERENCE_DIR } from "./reference.ts";
import { QueueWorker } from "../worker/queue/worker.ts";
import { defaultRunners } from "../worker/runners/registry.ts";
import { legendRunner } from "../worker/runners/legend.ts";

Deno.test({
  name:
    "legend e2e: all_lv95's legend through Redis is a PNG (and a JPEG); an unknown format fails naming it",
  ignore: NO_REFERENCE,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const redis = await startTestRedis();
    const worker = new QueueWorker({
      redisUrl: redis.url,
      runners: { ...defaultRunners(), QslJobInfoLegend: legendRunner },
      blockSeconds: 1,
      context: {
        dataRoot: `${REFERENCE_DIR}/demo`,
        svgPaths: [],
        remoteHosts: [],
        limits: { maxWidth: 4096, maxHeight: 4096, maxLayers: 100 },
        logger: { log() {} },
      },
    });
    const running = worker.run();
    const queue = RedisQueue.create(redis.url);
    try {
      const render = JSON.parse(
        Deno.readTextFileSync(`${REFERENCE_DIR}/demo/all_lv95.job.json`),
      );
      const job = {
        layers: render.job.layers,
        format: "image/png",
        width: null,
        height: null,
        dpi: 91,
        scale: null,
        layer_title: true,
      } as QslJobParameterLegend;
      const { result, status } = await queue.post(job, {
        timeoutMs: 30_000,
        type: "QslJobInfoLegend",
      });
      assert.equal(status, "succeed", String(result.data));
      assert.equal(result.content_type, "image/png");
      const png = decode(result.data as Uint8Array);
      assert.ok(
        png.width > 50 && png.height > 150,
        `${png.width}×${png.height}`,
      );
      // white background, and some ink
      assert.deepEqual(Array.from(png.data.slice(0, 4)), [255, 255, 255, 255]);
      let dark = 0;
      for (let i = 0; i < png.data.length; i += 4) {
        if (png.data[i] + png.data[i + 1] + png.data[i + 2] < 200) dark++;
      }
      assert.ok(dark > 500, `${dark} dark pixels`);

      const jpeg = await queue.post({ ...job, format: "image/jpeg" }, {
        timeoutMs: 30_000,
        type: "QslJobInfoLegend",
      });
      assert.equal(jpeg.status, "succeed");
      assert.equal(jpeg.result.content_type, "image/jpeg");
      const bytes = jpeg.result.data as Uint8Array;
      assert.deepEqual(Array.from(bytes.slice(0, 2)), [0xff, 0xd8]);

      const failed = await queue.post({ ...job, format: "image/webp" }, {
        timeoutMs: 30_000,
        type: "QslJobInfoLegend",
      });
      assert.equal(failed.status, "failed");
      assert.match(String(failed.result.data), /image\/webp/);
    } finally {
      await queue.close();
      await worker.stop();
      await running;
      await redis.stop();
    }
  },
});
