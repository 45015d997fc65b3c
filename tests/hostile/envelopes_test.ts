// Hostile job envelopes (not JSON, a pickle, wrong types, NaN, Infinity,
// zero-area and inverted boxes, enormous sizes, unknown CRSs, PROJ strings,
// deep nesting, too many layers) written straight into Redis, as any client
// could, for a real worker process started as `deno task worker` starts it:
// each ends `failed` with one line "Cannot …" naming the cause and no
// JavaScript error class, and the next ordinary map is drawn. Before, a CRS
// GDAL does not know answered "Cannot run job: RangeError: Cannot use CRS …".
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { RedisQueue } from "../../interface/redis_queue.ts";
import { startTestRedis } from "../redis_server.ts";
import { spawnWorker } from "../bench/_util.ts";
import { submit } from "../worker_util.ts";
import { demoRenderJob } from "./_jobs.ts";

const DEMO = fileURLToPath(new URL("../../demo", import.meta.url));

const render = (job: Record<string, unknown>) =>
  JSON.stringify(demoRenderJob(job));
const layer = (demoRenderJob().job as { layers: unknown[] }).layers[0];

/** label → the envelope's text, and the reason expected. */
const attacks: [string, string, RegExp][] = [
  ["not JSON", "{not json", /^Cannot parse job: malformed JSON/],
  [
    "a pickle",
    "\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00}\x94.",
    /^Cannot parse job: malformed JSON/,
  ],
  ["an array", "[1, 2, 3]", /^Cannot parse job: \(root\): /],
  [
    "wrong types",
    JSON.stringify({ id: 5, type: "QslJobInfoRender", job: { layers: "x" } }),
    /^Cannot parse job: id: /,
  ],
  [
    "NaN in the box",
    render({ bbox: "NaN,NaN,NaN,NaN" }),
    /^Cannot parse job: job\.bbox\.x_min: /,
  ],
  [
    "Infinity in the box",
    render({ bbox: "-Infinity,0,Infinity,1" }),
    /^Cannot parse job: job\.bbox\.x_min: /,
  ],
  [
    "a box of zero area",
    render({
      bbox: { x_min: 2600000, y_min: 1200000, x_max: 2600000, y_max: 1200000 },
    }),
    /^Cannot compute the map: empty or bad bbox/,
  ],
  [
    "an inverted box",
    render({
      bbox: { x_min: 2612480, y_min: 1203320, x_max: 2599520, y_max: 1194680 },
    }),
    /^Cannot compute the map: empty or bad bbox/,
  ],
  [
    "a billion pixels a side",
    render({ width: 1e9, height: 1e9 }),
    /^Cannot run job: image 1000000000 × 1000000000 exceeds the limit of 8192 × 8192$/,
  ],
  [
    "dpi 1e12",
    render({ dpi: 1e12 }),
    /^Cannot run job: dpi 1000000000000 exceeds the limit of 1200$/,
  ],
  [
    "a CRS GDAL does not know",
    render({ crs: "EPSG:999999" }),
    /^Cannot use CRS 'EPSG:999999': GDAL does not know it$/,
  ],
  [
    "a PROJ pipeline as CRS",
    render({ crs: "+proj=pipeline +step +proj=affine +xoff=1" }),
    /^Cannot read CRS: '\+proj=pipeline/,
  ],
  [
    "a grid file as CRS",
    render({ crs: "+proj=longlat +nadgrids=/etc/passwd" }),
    /^Cannot read CRS: /,
  ],
  [
    "1,000 layers",
    render({ layers: Array.from({ length: 1000 }, () => layer) }),
    /^Cannot run job: 1000 layers exceed the limit of 100$/,
  ],
  [
    "a name of 5 million characters",
    render({ layers: [{ ...(layer as object), name: "x".repeat(5e6) }] }),
    /^Cannot run job: job\.layers\.0\.name has 5000000 characters, over the limit of 1024$/,
  ],
  [
    "100,000 nested arrays",
    `{"a": ${"[".repeat(100000)}${"]".repeat(100000)}}`,
    /^Cannot parse job: its JSON nests arrays and objects deeper than 512 levels$/,
  ],
];

Deno.test("hostile envelopes: each fails in one line naming its cause, no error class; the next map is drawn", async () => {
  const redis = await startTestRedis();
  const worker = spawnWorker({
    redisUrl: redis.url,
    dataRoot: DEMO,
    args: ["--result-format", "json"],
  });
  const queue = RedisQueue.create(redis.url);
  try {
    const ordinary = async () => {
      const r = await queue.post(demoRenderJob().job as never, {
        type: "QslJobInfoRender",
        timeoutMs: 60_000,
      });
      assert.equal(r.status, "succeed", String(r.result.data));
    };
    await ordinary();
    let n = 0;
    for (const [label, info, reason] of attacks) {
      const { payload, hash } = await submit(redis.url, `hostile${n++}`, info, {
        timeoutMs: 60_000,
      });
      const data = String(JSON.parse(new TextDecoder().decode(payload)).data);
      assert.equal(hash.status, "failed", `${label}: ${data}`);
      assert.match(data, reason, label);
      assert.ok(!data.includes("\n"), `${label}: ${data}`);
      assert.ok(!/\b\w*Error: /.test(data), `${label}: ${data}`);
      await ordinary();
    }
  } finally {
    await queue.close();
    await worker.stop();
    await redis.stop();
  }
});
