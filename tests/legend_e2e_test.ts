/**
 * Legend jobs end to end: a real Redis, the worker loop in-process with the
 * default runners (the legend runner among them), and the interface's
 * `RedisQueue.post`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { decode } from "fast-png";
import type { QslJobParameterLegend } from "@qgis-server-light/interface";
import { withWorker } from "./in_process_worker.ts";
import { NO_REFERENCE, REFERENCE_DIR } from "./reference.ts";

Deno.test({
  name:
    "legend e2e: all_lv95's legend through Redis is a PNG (and a JPEG); an unknown format fails naming it",
  ignore: NO_REFERENCE,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await withWorker(`${REFERENCE_DIR}/demo`, async (queue) => {
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
    });
  },
});
