/**
 * Feature info jobs end to end: a real Redis, the worker loop in-process
 * with the worker's default runners, and the interface's `RedisQueue.post`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodeStyle, type QslJobLayer } from "@qgis-server-light/interface";
import { withWorker } from "./in_process_worker.ts";

const TESTDATA = join(
  dirname(fileURLToPath(import.meta.url)),
  "../worker/runners/testdata",
);

function layer(name: string, qml: string): QslJobLayer {
  return {
    id: `${name}_id`,
    name,
    source: JSON.stringify({ path: `${name}.geojson` }),
    remote: false,
    folder_name: "feature_info",
    driver: "ogr",
    style: {
      name: "default",
      definition: encodeStyle(
        Deno.readTextFileSync(join(TESTDATA, "feature_info", `${qml}.qml`)),
      ),
    },
    filter: null,
  };
}

Deno.test({
  name:
    "feature info e2e: a job through Redis answers QGIS Server's text; an unknown layer and an outside pixel fail naming the cause",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await withWorker(TESTDATA, async (queue) => {
      const job = {
        INFO_FORMAT: "text/plain",
        QUERY_LAYERS: "points,polygons",
        I: "10",
        J: "10",
        X: null,
        Y: null,
        FEATURE_COUNT: 5,
        FI_POINT_TOLERANCE: 16,
        FI_LINE_TOLERANCE: 8,
        FI_POLYGON_TOLERANCE: 4,
        layers: [
          layer("points", "points_categorized"),
          layer("polygons", "polygons_single"),
        ],
        bbox: {
          x_min: 2600000,
          y_min: 1200000,
          x_max: 2601000,
          y_max: 1201000,
          z_min: 0,
          z_max: 0,
        },
        crs: "EPSG:2056",
        width: 100,
        height: 100,
        dpi: 96,
      };
      const ok = await queue.post(job, {
        type: "QslJobInfoFeatureInfo",
        timeoutMs: 30_000,
      });
      assert.equal(ok.status, "succeed", String(ok.result.data));
      assert.equal(ok.result.content_type, "text/plain");
      assert.ok(ok.result.data instanceof Uint8Array);
      assert.equal(
        new TextDecoder().decode(ok.result.data),
        "GetFeatureInfo results\n\n" +
          "Layer 'points'\n" +
          "Feature 1\nname = 'Alpha'\nkind = 'a'\nheight = '512.5'\nopen = 'true'\n" +
          "Feature 2\nname = 'Beta'\nkind = 'b'\nheight = 'NULL'\nopen = 'false'\n" +
          "\n" +
          "Layer 'polygons'\n" +
          "\n",
      );

      const json = await queue.post({
        ...job,
        INFO_FORMAT: "application/json",
        QUERY_LAYERS: "polygons",
        I: "80",
        J: "80",
      }, { type: "QslJobInfoFeatureInfo", timeoutMs: 30_000 });
      assert.equal(json.status, "succeed");
      const collection = JSON.parse(
        new TextDecoder().decode(json.result.data as Uint8Array),
      );
      assert.deepEqual(
        collection.features.map((f: { id: string }) => f.id),
        ["polygons.2"],
      );

      const unknown = await queue.post(
        { ...job, QUERY_LAYERS: "points,rivers" },
        { type: "QslJobInfoFeatureInfo", timeoutMs: 30_000 },
      );
      assert.equal(unknown.status, "failed");
      assert.match(String(unknown.result.data), /layer 'rivers'/);

      const outside = await queue.post(
        { ...job, I: "100" },
        { type: "QslJobInfoFeatureInfo", timeoutMs: 30_000 },
      );
      assert.equal(outside.status, "failed");
      assert.match(
        String(outside.result.data),
        /pixel \(100, 10\) is outside the 100×100 image/,
      );
    });
  },
});
