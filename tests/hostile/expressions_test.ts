// Regular expressions in a style's QGIS expressions (a rule's filter, a
// label, a data-defined property) that backtrack catastrophically, posted
// through Redis to a real worker process started as `deno task worker`
// starts it (V8 flags included): each is answered within seconds and the
// next ordinary map is drawn. Before, `regexp_match`, `regexp_replace`,
// `regexp_substr` and `~` compiled with the `u` flag, which V8's linear
// engine does not take: the worker never answered again.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { RedisQueue } from "../../interface/redis_queue.ts";
import { startTestRedis } from "../redis_server.ts";
import { spawnWorker } from "../bench/_util.ts";
import { demoLayer, demoRenderJob } from "./_jobs.ts";

const DEMO = fileURLToPath(new URL("../../demo", import.meta.url));
/** A hostile job must be answered within this. */
const MAX_ANSWER_MS = 5_000;
const LONG = "a".repeat(40) + "!";

const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll('"', "&quot;");
const rule = (filter: string) =>
  `<qgis><renderer-v2 type="RuleRenderer"><rules key="r"><rule key="a" filter="${
    esc(filter)
  }" symbol="0"/></rules><symbols><symbol type="fill" name="0"><layer class="SimpleFill"/></symbol></symbols></renderer-v2></qgis>`;
const label = (expression: string) =>
  `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0"><layer class="SimpleFill"/></symbol></symbols></renderer-v2><labeling type="simple"><settings><text-style fieldName="${
    esc(expression)
  }" isExpression="1" fontSize="9"/><placement placement="1"/></settings></labeling></qgis>`;

/** Attacks: label → the zones layer's style. */
const attacks: [string, string][] = [
  ["regexp_match (a+)+$", rule(`regexp_match('${LONG}', '^(a+)+$') > 0`)],
  ["regexp_match \\p{L}", rule(`regexp_match('${LONG}', '^(\\\\p{L}+)+$')`)],
  ["regexp_replace", rule(`regexp_replace('${LONG}', '(a+)+b', 'x') = 'y'`)],
  ["regexp_substr", rule(`regexp_substr('${LONG}', '^(a|a)*$') = 'y'`)],
  ["~", rule(`'${LONG}' ~ '^(a+)+$'`)],
  ["backreference", rule(`regexp_match('${LONG}', '^(a|a)*\\\\1$')`)],
  ["lookahead", rule(`regexp_match('${LONG}', '(?=(a+)+$)')`)],
  ["label", label(`regexp_replace('${LONG}', '^(a+)+$', 'x')`)],
];

Deno.test("hostile expressions: catastrophic regular expressions in a style are answered in seconds; the next map is drawn", async () => {
  const redis = await startTestRedis();
  const worker = spawnWorker({ redisUrl: redis.url, dataRoot: DEMO });
  const queue = RedisQueue.create(redis.url);
  let answered = false;
  try {
    const post = (job: Record<string, unknown>, timeoutMs = 60_000) =>
      queue.post(job as never, { type: "QslJobInfoRender", timeoutMs });
    const ordinary = async () => {
      const r = await post(demoRenderJob().job as Record<string, unknown>);
      assert.equal(r.status, "succeed", String(r.result.data));
    };
    await ordinary(); // engines loaded
    for (const [name, qml] of attacks) {
      const job = demoRenderJob({
        layers: [demoLayer("zones", "zones.geojson", qml)],
      }).job as Record<string, unknown>;
      const t0 = performance.now();
      const r = await post(job, MAX_ANSWER_MS * 4).catch((e) => {
        throw new Error(`${name}: no answer (${e.message})`);
      });
      const ms = performance.now() - t0;
      // an evaluation error is NULL, as in QGIS: the zone is not drawn
      assert.equal(r.status, "succeed", `${name}: ${r.result.data}`);
      assert.ok(ms < MAX_ANSWER_MS, `${name}: answered in ${ms} ms`);
      await ordinary();
    }
    answered = true;
  } finally {
    await queue.close();
    // a worker stuck in a pattern finishes no job, nor a SIGTERM
    if (!answered) worker.child.kill("SIGKILL");
    await worker.stop();
    await redis.stop();
  }
});
