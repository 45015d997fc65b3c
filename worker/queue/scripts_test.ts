import assert from "node:assert/strict";
import { Redis } from "ioredis";
import { startTestRedis } from "../../tests/redis_server.ts";
import {
  JobField,
  jobKey,
  JOBS_KEY,
  processingKey,
} from "@qgis-server-light/interface/protocol";
import { Buffer } from "node:buffer";
import {
  FINISH_SCRIPT,
  LUA_ISO_TIME,
  RECLAIM_SCRIPT,
  TAKE_MOVED_SCRIPT,
  TAKE_SCRIPT,
  takeArgv,
  type TakeReply,
} from "./scripts.ts";

Deno.test("LUA_ISO_TIME writes what Date.prototype.toISOString writes", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  try {
    const instants = [
      0,
      951_782_400_000, // 2000-02-29
      946_684_799_999, // 1999-12-31T23:59:59.999
      4_107_542_400_000, // 2100-03-01 (not a leap year)
      1_709_164_800_123, // 2024-02-29T00:00:00.123
      Date.UTC(2026, 11, 6, 2, 15, 7, 42),
      Date.now(),
    ];
    for (const ms of instants) {
      const s = Math.floor(ms / 1000);
      const us = (ms - s * 1000) * 1000 + 999; // microseconds are cut, not rounded
      const got = await client.eval(
        `${LUA_ISO_TIME} return iso_time(tonumber(ARGV[1]), tonumber(ARGV[2]))`,
        0,
        String(s),
        String(us),
      );
      assert.equal(got, new Date(ms).toISOString());
    }
  } finally {
    client.disconnect();
    await redis.stop();
  }
});

Deno.test("TAKE_MOVED_SCRIPT behind BLMOVE: the moved job's envelope in the same round trip, set running with Redis's time; {3} when BLMOVE timed out, {4} when the list held more", async () => {
  const redis = await startTestRedis();
  const blocking = new Redis(redis.url);
  const client = new Redis(redis.url);
  const processing = processingKey("w1");
  const argv = takeArgv(1000, 3);
  const take = () => {
    const moved = blocking.blmove(JOBS_KEY, processing, "LEFT", "RIGHT", 1);
    const taken = blocking.eval(TAKE_MOVED_SCRIPT, 1, processing, ...argv);
    return Promise.all([moved, taken as Promise<TakeReply>]);
  };
  try {
    // waiting for a job: the script runs once BLMOVE has returned
    const waiting = take();
    await new Promise((r) => setTimeout(r, 50));
    const before = Date.now();
    await client.hset(jobKey("a"), { [JobField.info]: '{"id":"a"}' });
    await client.rpush(JOBS_KEY, "a");
    const [id, reply] = await waiting;
    const after = Date.now();
    assert.equal(id, "a");
    assert.deepEqual(reply, [1, '{"id":"a"}', "0", null, "a"]);
    const hash = await client.hgetall(jobKey("a"));
    assert.equal(hash.status, "running");
    assert.equal(hash["timestamp.last_update"], hash["timestamp.running"]);
    const at = Date.parse(hash["timestamp.running"]);
    assert(at >= before - 5 && at <= after + 5, hash["timestamp.running"]);
    await client.del(processing);

    // a poison pill is read, not set running
    await client.hset(jobKey("b"), {
      [JobField.info]: '{"id":"b"}',
      [JobField.stalled]: "3",
      [JobField.status]: "queued",
    });
    await client.rpush(JOBS_KEY, "b");
    assert.deepEqual(await take(), ["b", [1, '{"id":"b"}', "3", null, "b"]]);
    assert.equal(await client.hget(jobKey("b"), "status"), "queued");
    await client.del(processing);

    // too large: neither read nor set running
    await client.hset(jobKey("c"), {
      [JobField.info]: "x".repeat(1001),
      [JobField.infoType]: "QslJobInfoRender",
    });
    await client.rpush(JOBS_KEY, "c");
    assert.deepEqual(await take(), [
      "c",
      [0, 1001, "0", "QslJobInfoRender", "c"],
    ]);
    assert.equal(await client.hget(jobKey("c"), "status"), null);
    await client.del(processing);

    // the hash is gone (the client withdrew the job)
    await client.rpush(JOBS_KEY, "d");
    assert.deepEqual(await take(), ["d", [2, null, null, null, "d"]]);
    await client.del(processing);

    // BLMOVE timed out
    assert.deepEqual(await take(), [null, [3]]);

    // something was left in the list: the script does not guess
    await client.rpush(processing, "old");
    await client.hset(jobKey("e"), { [JobField.info]: '{"id":"e"}' });
    await client.rpush(JOBS_KEY, "e");
    assert.deepEqual(await take(), ["e", [4]]);
    assert.equal(await client.hget(jobKey("e"), "status"), null);
    // then the worker takes its id with TAKE_SCRIPT
    assert.deepEqual(
      await client.eval(TAKE_SCRIPT, 1, jobKey("e"), ...argv),
      [1, '{"id":"e"}', "0", null, null],
    );
    assert.equal(await client.hget(jobKey("e"), "status"), "running");
  } finally {
    blocking.disconnect();
    client.disconnect();
    await redis.stop();
  }
});

Deno.test("TAKE_MOVED_SCRIPT skips the jobs named as re-published: {3} when BLMOVE timed out beside one (its final status untouched), the moved job taken beside them in the same round trip", async () => {
  const redis = await startTestRedis();
  const blocking = new Redis(redis.url);
  const client = new Redis(redis.url);
  const processing = processingKey("w1");
  const argv = takeArgv(1000, 3);
  const take = (republished: string[]) => {
    const moved = blocking.blmove(JOBS_KEY, processing, "LEFT", "RIGHT", 1);
    const taken = blocking.eval(
      TAKE_MOVED_SCRIPT,
      1,
      processing,
      ...argv,
      ...republished,
    );
    return Promise.all([moved, taken as Promise<TakeReply>]);
  };
  try {
    // a finished job whose result is still re-published, held meanwhile
    await client.hset(jobKey("r"), {
      [JobField.info]: '{"id":"r"}',
      [JobField.status]: "succeed",
    });
    await client.rpush(processing, "r");
    assert.deepEqual(await take(["r"]), [null, [3]]);
    assert.equal(await client.hget(jobKey("r"), "status"), "succeed");
    assert.equal(await client.hget(jobKey("r"), "timestamp.running"), null);
    // unnamed, it passed for the moved job: set running again (the race)
    assert.deepEqual(await take([]), [null, [1, '{"id":"r"}', "0", null, "r"]]);
    assert.equal(await client.hget(jobKey("r"), "status"), "running");
    await client.hset(jobKey("r"), { [JobField.status]: "succeed" });

    // a job moved beside it: taken at once (was {4}, a second round trip);
    // a named job already gone (its re-publishing ended) changes nothing
    await client.hset(jobKey("f"), { [JobField.info]: '{"id":"f"}' });
    await client.rpush(JOBS_KEY, "f");
    assert.deepEqual(await take(["r", "gone"]), [
      "f",
      [1, '{"id":"f"}', "0", null, "f"],
    ]);
    assert.equal(await client.hget(jobKey("f"), "status"), "running");
    assert.equal(await client.hget(jobKey("r"), "status"), "succeed");
    assert.deepEqual(await client.lrange(processing, 0, -1), ["r", "f"]);
  } finally {
    blocking.disconnect();
    client.disconnect();
    await redis.stop();
  }
});

Deno.test("FINISH_SCRIPT: final status fields, the result's bytes published as they are, the hash's TTL, the id dropped from the processing list only when asked; returns the receivers", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  const sub = new Redis(redis.url);
  try {
    const received: Buffer[] = [];
    sub.on("messageBuffer", (_channel: Buffer, message: Buffer) => {
      received.push(message);
    });
    await sub.subscribe("notifications:a");
    const payload = new Uint8Array([0x80, 0, 255, 13, 10, 36, 42]);
    await client.hset(jobKey("a"), { [JobField.info]: "{}" });
    await client.rpush(processingKey("w1"), "x", "a", "y");
    const finish = (remove: string) =>
      client.eval(
        FINISH_SCRIPT,
        2,
        jobKey("a"),
        processingKey("w1"),
        "notifications:a",
        Buffer.from(payload),
        "60",
        "a",
        remove,
        "status",
        "succeed",
        "duration",
        "0.5",
      );
    assert.equal(await finish("0"), 1);
    assert.deepEqual(await client.lrange(processingKey("w1"), 0, -1), [
      "x",
      "a",
      "y",
    ]);
    assert.equal(await finish("1"), 1);
    assert.deepEqual(await client.lrange(processingKey("w1"), 0, -1), [
      "x",
      "y",
    ]);
    const hash = await client.hgetall(jobKey("a"));
    assert.deepEqual(hash, { info: "{}", status: "succeed", duration: "0.5" });
    const ttl = await client.ttl(jobKey("a"));
    assert(ttl > 50 && ttl <= 60, String(ttl));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(received.length, 2);
    assert.deepEqual(new Uint8Array(received[1]), payload);
    await sub.unsubscribe();
    assert.equal(await finish("1"), 0);
  } finally {
    client.disconnect();
    sub.disconnect();
    await redis.stop();
  }
});

Deno.test("RECLAIM_SCRIPT: a running job whose stalled count a client wrote as no number counts from 0; a key of another type is moved back untouched", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  const processing = processingKey("dead");
  const reclaim = () =>
    client.eval(
      RECLAIM_SCRIPT,
      2,
      processing,
      JOBS_KEY,
      jobKey(""),
      JobField.status,
      "running",
      JobField.stalled,
      "queued",
      "1",
    );
  try {
    for (
      const [stalled, after] of [
        ["abc", "1"],
        ["nan", "1"],
        ["inf", "1"],
        ["-7", "1"],
        ["1.5", "2"],
      ]
    ) {
      await client.hset(jobKey("a"), { status: "running", stalled });
      await client.rpush(processing, "a");
      // before: HINCRBY failed ("hash value is not an integer") after the move
      assert.deepEqual(await reclaim(), ["a", 1], stalled);
      assert.equal(await client.hget(jobKey("a"), JobField.stalled), after);
      assert.equal(await client.hget(jobKey("a"), JobField.status), "queued");
      assert.equal(await client.lpop(JOBS_KEY), "a");
    }
    await client.set(jobKey("s"), "x");
    await client.rpush(processing, "s");
    assert.deepEqual(await reclaim(), ["s", 0]);
    assert.equal(await client.get(jobKey("s")), "x");
    assert.equal(await reclaim(), null);
  } finally {
    client.disconnect();
    await redis.stop();
  }
});
