// Malformed queue entries written straight into Redis, as any client with
// access to it could, for a real worker process started as `deno task
// worker` starts it: a job id whose key holds a string, a list, a set…
// instead of a hash, or a hash whose `stalled` count is no number. Each is
// answered on its channel (a failed result naming the cause) or run, and
// the ordinary map posted behind it is drawn. Before, the take script
// failed on such a key (WRONGTYPE, or Lua comparing nil), the job went
// back to the front of `jobs` and was taken again every 200-400 ms: the
// worker never served another job.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import {
  jobKey,
  JOBS_KEY,
  notificationChannel,
} from "../../interface/protocol.ts";
import { decodeResult } from "../../interface/result_codec.ts";
import { RedisQueue } from "../../interface/redis_queue.ts";
import { startTestRedis } from "../redis_server.ts";
import { spawnWorker } from "../bench/_util.ts";
import { demoRenderJob } from "./_jobs.ts";

const DEMO = fileURLToPath(new URL("../../demo", import.meta.url));
/** The ordinary map behind each entry must be answered within this. */
// The alternative ruled out is never. 60 s (was 30 s): only a hang fails,
// not a loaded CI machine (load 20-25 on 2 cores); speed is for benches.
const MAX_ANSWER_MS = 60_000;

const envelope = JSON.stringify(demoRenderJob());

/** label → what is written under `job:{id}`, and the answer expected. */
const entries: [string, (c: Redis, key: string) => Promise<unknown>, RegExp][] =
  [
    [
      "a string",
      (c, key) => c.set(key, envelope),
      /^Cannot run job: its key 'job:q0' holds a string, not a hash; it was not read$/,
    ],
    [
      "a list",
      (c, key) => c.rpush(key, envelope),
      /^Cannot run job: its key 'job:q1' holds a list, not a hash/,
    ],
    [
      "a set",
      (c, key) => c.sadd(key, envelope),
      /^Cannot run job: its key 'job:q2' holds a set, not a hash/,
    ],
    [
      "a sorted set",
      (c, key) => c.zadd(key, 1, envelope),
      /^Cannot run job: its key 'job:q3' holds a zset, not a hash/,
    ],
    [
      "a stream",
      (c, key) => c.xadd(key, "*", "info", envelope),
      /^Cannot run job: its key 'job:q4' holds a stream, not a hash/,
    ],
    [
      "a hash whose stalled count is a word",
      (c, key) => c.hset(key, { info: envelope, stalled: "abc" }),
      /^image\/png$/,
    ],
    [
      "a hash whose stalled count is a fraction",
      (c, key) => c.hset(key, { info: envelope, stalled: "1.5" }),
      /^image\/png$/,
    ],
    [
      "a hash whose stalled count is NaN",
      (c, key) => c.hset(key, { info: envelope, stalled: "nan" }),
      /^image\/png$/,
    ],
  ];

Deno.test("hostile queue entries: a job key of another type than a hash, or a stalled count that is no number, is answered; the worker serves the next job", async () => {
  const redis = await startTestRedis();
  const worker = spawnWorker({
    redisUrl: redis.url,
    dataRoot: DEMO,
    args: ["--result-format", "json"],
  });
  const queue = RedisQueue.create(redis.url);
  const client = new Redis(redis.url);
  const subscriber = new Redis(redis.url);
  try {
    const ordinary = async (after: string) => {
      const t0 = performance.now();
      const r = await queue.post(demoRenderJob().job as never, {
        type: "QslJobInfoRender",
        timeoutMs: MAX_ANSWER_MS,
      }).catch((e) => {
        throw new Error(`after ${after}: no answer (${e.message})`);
      });
      assert.equal(r.status, "succeed", `after ${after}: ${r.result.data}`);
      return performance.now() - t0;
    };
    await ordinary("start");
    const answers = new Map<string, (payload: Uint8Array) => void>();
    subscriber.on("messageBuffer", (channel: Uint8Array, msg: Uint8Array) => {
      answers.get(new TextDecoder().decode(channel))?.(new Uint8Array(msg));
    });
    let n = 0;
    for (const [label, write, expected] of entries) {
      const id = `q${n++}`;
      const channel = notificationChannel(id);
      const answered = new Promise<Uint8Array>((r) => answers.set(channel, r));
      await subscriber.subscribe(channel);
      await write(client, jobKey(id));
      await client.rpush(JOBS_KEY, id);
      const payload = await Promise.race([
        answered,
        new Promise<null>((r) => setTimeout(() => r(null), MAX_ANSWER_MS)),
      ]);
      assert.ok(payload, `${label}: no answer within ${MAX_ANSWER_MS} ms`);
      const result = decodeResult(payload);
      const said = result.content_type === "application/text"
        ? String(result.data)
        : result.content_type;
      assert.match(said, expected, label);
      await ordinary(label);
      // the key is the client's: a wrong type is left as it was written
      if (!expected.source.startsWith("^image")) {
        assert.notEqual(await client.type(jobKey(id)), "hash", label);
      }
    }
    assert.equal(await client.llen(JOBS_KEY), 0);
  } finally {
    await queue.close();
    client.disconnect();
    subscriber.disconnect();
    await worker.stop();
    await redis.stop();
  }
});

Deno.test("hostile queue: jobs whose client never listens do not hold the worker: each next job is taken while the results before it are still re-published; they all end succeed, the next client is answered", async () => {
  const redis = await startTestRedis();
  const worker = spawnWorker({ redisUrl: redis.url, dataRoot: DEMO });
  const queue = RedisQueue.create(redis.url);
  const client = new Redis(redis.url);
  try {
    const ordinary = async () => {
      const r = await queue.post(demoRenderJob().job as never, {
        type: "QslJobInfoRender",
        timeoutMs: MAX_ANSWER_MS,
      });
      assert.equal(r.status, "succeed", String(r.result.data));
    };
    await ordinary();
    // 5 jobs pushed by a client that never subscribes (gone, or posting
    // to keep the worker busy): each result is re-published for 5 s
    const ids = Array.from({ length: 5 }, (_, i) => `deaf${i}`);
    for (const id of ids) {
      await client.hset(jobKey(id), {
        info: envelope.replace('"demo"', `"${id}"`),
      });
      await client.rpush(JOBS_KEY, id);
    }
    await ordinary();
    // a stop waits for the re-publishing: then the hashes are final
    await worker.stop();
    const hashes = await Promise.all(
      ids.map((id) => client.hgetall(jobKey(id))),
    );
    // each publication writes last_update: the job after each one was
    // taken (Redis's clock) before its last publication. Before, after it
    // (the worker waited the 5 s, each job 5 s behind the one before).
    // Events, not a wall-time bound, so that a loaded machine cannot fail it.
    for (let i = 1; i < ids.length; i++) {
      const taken = Date.parse(hashes[i]["timestamp.running"]);
      const lastPublished = Date.parse(hashes[i - 1]["timestamp.last_update"]);
      assert.ok(
        taken < lastPublished,
        `${ids[i]} taken at ${hashes[i]["timestamp.running"]}, ${
          ids[i - 1]
        } last published at ${hashes[i - 1]["timestamp.last_update"]}`,
      );
    }
    // the unheard jobs still end with their final status
    hashes.forEach((h, i) => assert.equal(h.status, "succeed", ids[i]));
  } finally {
    await queue.close();
    client.disconnect();
    await worker.stop();
    await redis.stop();
  }
});
