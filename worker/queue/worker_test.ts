import { Redis } from "ioredis";
import {
  spawnOwnedRedis,
  startTestRedis,
  type TestRedis,
} from "../../tests/redis_server.ts";
import {
  legendJob,
  ranJobs,
  sleep,
  submit,
  testRunners,
  waitFor,
} from "../../tests/worker_util.ts";
import {
  JobField,
  jobKey,
  JOBS_KEY,
  processingKey,
  workerKey,
  WORKERS_KEY,
} from "@qgis-server-light/interface/protocol";
import { RedisQueue } from "@qgis-server-light/interface/redis_queue";
import { decodeResult } from "../../interface/result_codec.ts";
import { EngineInfo } from "../../interface/engine_info.ts";
import { createLogger } from "../log/logger.ts";
import type { ResultFormat } from "../../interface/result_codec.ts";
import { QueueWorker, type QueueWorkerOptions } from "./worker.ts";

/**
 * How long a test waits for an event (a status, a log line, a key): it
 * comes in milliseconds, and the wait ends then; 30 s (were 2 to 10 s) so
 * that a loaded machine (load 20+ on 2 cores) is not taken for a fault.
 */
const WAIT_MS = 30_000;

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}
function assertEquals(actual: unknown, expected: unknown, what = ""): void {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

interface Running {
  worker: QueueWorker;
  done: Promise<void>;
  logs: string[];
}

function start(
  redis: TestRedis,
  options: Partial<QueueWorkerOptions> = {},
): Running {
  const logs: string[] = [];
  const worker = new QueueWorker({
    redisUrl: redis.url,
    runners: testRunners(),
    context: {
      dataRoot: "/nonexistent",
      svgPaths: [],
      remoteHosts: [],
      limits: { maxWidth: 100_000, maxHeight: 4096, maxLayers: 5 },
      logger: createLogger({
        format: "json",
        level: "debug",
        write: (l) => logs.push(l),
      }),
    },
    blockSeconds: 1,
    heartbeatSeconds: 1,
    requeueSeconds: 1,
    expirySeconds: 2,
    maxBackoffMs: 500,
    ...options,
  });
  return { worker, done: worker.run(), logs };
}

async function stopAll(...running: Running[]): Promise<void> {
  await Promise.all(running.map((r) => r.worker.stop()));
  await Promise.all(running.map((r) => r.done));
}

function renderParams(layers: number, width: number, height: number) {
  return {
    layers: legendJob("x", Array.from({ length: layers }, (_, i) => `l${i}`))
      .job.layers,
    bbox: { x_min: 0, y_min: 0, x_max: 1, y_max: 1, z_min: 0, z_max: 0 },
    crs: "EPSG:2056",
    width,
    height,
    dpi: 96,
    format: "image/png",
    svg_paths: [],
  };
}

for (const format of ["json", "pickle"] as ResultFormat[]) {
  Deno.test(`worker: answers RedisQueue.post in ${format}, registered while it serves`, async () => {
    const redis = await startTestRedis();
    const w = start(redis, { resultFormat: format, hostName: "test-host" });
    const queue = RedisQueue.create(redis.url);
    const client = new Redis(redis.url);
    try {
      const { result, status } = await queue.post(renderParams(3, 300, 200), {
        timeoutMs: 10_000,
      });
      assertEquals(status, "succeed", "status");
      assertEquals(result.content_type, "image/x-test", "content type");
      assertEquals(
        Array.from(result.data as Uint8Array),
        [3, 300 & 255, 200],
        "data",
      );
      assertEquals(result.worker_id, w.worker.id, "worker id");
      assertEquals(result.worker_host_name, "test-host", "host");
      const legend = await queue.post(legendJob("l", ["a", "b"]).job, {
        type: "QslJobInfoLegend",
      });
      assertEquals(legend.status, "succeed");
      const data = legend.result.data instanceof Uint8Array
        // pickle carries JSON values as their bytes, as the Python worker does
        ? JSON.parse(new TextDecoder().decode(legend.result.data))
        : legend.result.data;
      assertEquals((data as { layers: string[] }).layers, ["a", "b"]);
      // the client knows this worker now (its registration names it
      // qgis-server-light-deno) and reads the status from the result:
      // failed exactly when the result is an error text
      const broken = await queue.post(legendJob("t", ["throw"]).job, {
        type: "QslJobInfoLegend",
      });
      assertEquals(broken.status, "failed");
      assertEquals(broken.result.content_type, "application/text");
      // registration: set member, hash with EngineInfo JSON, expiry
      assert(await client.sismember(WORKERS_KEY, w.worker.id), "in workers");
      const info = EngineInfo.parse(
        JSON.parse((await client.hget(workerKey(w.worker.id), "info"))!),
      );
      assertEquals(info.id, w.worker.id);
      assert(
        await client.hget(workerKey(w.worker.id), "last_seen"),
        "last_seen",
      );
      const ttl = await client.ttl(workerKey(w.worker.id));
      assert(ttl > 0 && ttl <= 2, `ttl ${ttl}`);
      assertEquals(
        await client.llen(processingKey(w.worker.id)),
        0,
        "processing emptied",
      );
      // where each job's time went, stage by stage, in its log line
      const jobLine = w.logs.map((l) => JSON.parse(l)).find((l) =>
        l.message === "job"
      );
      assertEquals(Object.keys(jobLine.stages_ms), [
        "take",
        "decode",
        "run",
        "collect",
        "encode_result",
        "publish_and_remove",
      ]);
      for (const ms of Object.values(jobLine.stages_ms)) {
        assert(typeof ms === "number" && ms >= 0, `stage ${ms}`);
      }
    } finally {
      await queue.close();
      await stopAll(w);
      // deregistered
      assertEquals(
        await client.sismember(WORKERS_KEY, w.worker.id),
        0,
        "deregistered",
      );
      assertEquals(await client.exists(workerKey(w.worker.id)), 0, "hash gone");
      client.disconnect();
      await redis.stop();
    }
  });
}

Deno.test("worker: statuses, timestamps and duration; a Python-ordered client (late queued, late subscribe) still gets the result and the final status", async () => {
  const redis = await startTestRedis();
  const w = start(redis, { resultFormat: "pickle" });
  try {
    const id = crypto.randomUUID();
    const { payload, hash } = await submit(
      redis.url,
      id,
      JSON.stringify(legendJob(id, ["a"])),
      { pythonOrder: true, lateMs: 150 },
    );
    const result = decodeResult(payload);
    assertEquals(result.id, id);
    assertEquals(
      hash.status,
      "succeed",
      "final status survives the late queued",
    );
    for (
      const f of [
        "timestamp.queued",
        "timestamp.running",
        "timestamp.succeed",
        "timestamp.last_update",
      ]
    ) {
      assert(!Number.isNaN(Date.parse(hash[f])), `${f}: ${hash[f]}`);
    }
    assert(
      Date.parse(hash["timestamp.running"]) <=
        Date.parse(hash["timestamp.succeed"]),
      "order",
    );
    const duration = Number(hash.duration);
    assert(duration >= 0 && duration < 5, `duration ${hash.duration}`);
    assertEquals(hash.stalled, undefined, "no death counted");
    const jobLine = () =>
      w.logs.map((l) => JSON.parse(l)).find((l) =>
        l.id === id && l.message === "job"
      );
    await waitFor(() => jobLine() !== undefined, WAIT_MS, "the job's log line");
    const line = jobLine();
    assert(
      line && line.status === "succeed" && line.type === "QslJobInfoLegend",
      JSON.stringify(line),
    );
    assert(line.receivers >= 1, "re-published until heard");
    assert(!w.logs.join("\n").includes("s3cr3t"), "no secret in logs");
  } finally {
    await stopAll(w);
    await redis.stop();
  }
});

Deno.test("worker: bad jobs end failed with the cause, and the next job succeeds", async () => {
  const redis = await startTestRedis();
  const w = start(redis);
  try {
    const cases: [string, string, RegExp][] = [
      ["malformed", "{not json", /malformed JSON/],
      [
        // 8 MB of '[': JSON.parse took 16 s and 500 MB before
        "JSON nested 4 million levels",
        JSON.stringify({ id: "d", type: "QslJobInfoLegend", job: {} })
          .replace("{}", '{"x":' + "[".repeat(4e6) + "]".repeat(4e6) + "}"),
        /^Cannot parse job: its JSON nests arrays and objects deeper than 512 levels$/,
      ],
      [
        "unknown type",
        JSON.stringify({ id: "u", type: "QslJobInfoTeapot", job: {} }),
        /Cannot parse job: type/,
      ],
      [
        "schema error",
        JSON.stringify({
          id: "s",
          type: "QslJobInfoLegend",
          job: { layers: [{ id: 1 }] },
        }),
        /job\.layers\.0/,
      ],
      [
        "no runner",
        JSON.stringify({
          id: "f",
          type: "QslJobInfoFeature",
          job: { queries: [] },
        }),
        /no runner for job type 'QslJobInfoFeature'/,
      ],
      [
        "too many layers",
        JSON.stringify(legendJob("m", ["1", "2", "3", "4", "5", "6"])),
        /6 layers exceed the limit of 5/,
      ],
      [
        "runner error",
        JSON.stringify(legendJob("t", ["throw"])),
        /RangeError: the runner broke/,
      ],
    ];
    for (const [what, info, expected] of cases) {
      const id = crypto.randomUUID();
      const { payload, hash } = await submit(redis.url, id, info);
      const result = decodeResult(payload);
      assertEquals(hash.status, "failed", what);
      assertEquals(result.content_type, "application/text", what);
      assert(expected.test(String(result.data)), `${what}: ${result.data}`);
      assert(hash["timestamp.failed"], `${what}: timestamp.failed`);
    }
    const id = crypto.randomUUID();
    const { hash } = await submit(
      redis.url,
      id,
      JSON.stringify(legendJob(id, ["ok"])),
    );
    assertEquals(hash.status, "succeed", "the next job");
    assertEquals(w.worker.stats.failed, cases.length);
    const failedLines = w.logs.map((l) => JSON.parse(l)).filter((l) =>
      l.message === "job" && l.status === "failed"
    );
    assertEquals(failedLines.length, cases.length, "one line per failed job");
  } finally {
    await stopAll(w);
    await redis.stop();
  }
});

Deno.test("worker: a job envelope over --max-job-bytes fails unread with its size; one at the limit runs", async () => {
  const redis = await startTestRedis();
  const limit = 4000;
  const w = start(redis, { maxJobBytes: limit });
  try {
    // multi-byte names: the limit counts bytes, as Redis stores them
    const big = legendJob("big", ["é".repeat(600), "b".repeat(200), "c"]);
    const bigInfo = JSON.stringify(big);
    const bytes = new TextEncoder().encode(bigInfo).length;
    assert(bigInfo.length <= limit && bytes > limit, `sizes ${bytes}`);
    const before = ranJobs.length;
    const { payload, hash } = await submit(redis.url, "big", bigInfo);
    assertEquals(hash.status, "failed", "over the limit");
    assertEquals(
      String(decodeResult(payload).data),
      `Cannot run job: its envelope has ${bytes} bytes, over the limit of ${limit} (--max-job-bytes); it was not read`,
    );
    assertEquals(ranJobs.length, before, "no runner ran");
    // padded with spaces to exactly the limit: read and run
    const ok = JSON.stringify(legendJob("ok", ["a".repeat(900), "b"]));
    const atLimit = ok + " ".repeat(limit - ok.length);
    const done = await submit(redis.url, "ok", atLimit);
    assertEquals(done.hash.status, "succeed", "at the limit");
    const line = w.logs.map((l) => JSON.parse(l)).find((l) =>
      l.message === "job" && l.id === "big"
    );
    assertEquals(line?.type, "QslJobInfoLegend", "the logged type");
  } finally {
    await stopAll(w);
    await redis.stop();
  }
});

Deno.test("worker: a job whose hash the client deleted (timeout) is skipped", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  const w = start(redis);
  try {
    await client.rpush(JOBS_KEY, "withdrawn");
    const id = crypto.randomUUID();
    const { hash } = await submit(
      redis.url,
      id,
      JSON.stringify(legendJob(id, ["a"])),
    );
    assertEquals(hash.status, "succeed");
    assertEquals(
      await client.exists(jobKey("withdrawn")),
      0,
      "no hash recreated",
    );
    assertEquals(await client.llen(processingKey(w.worker.id)), 0);
  } finally {
    client.disconnect();
    await stopAll(w);
    await redis.stop();
  }
});

Deno.test("worker: jobs held by a dead worker are re-queued and run; only a death while running counts, and past the limit the job fails", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  try {
    // a dead worker: listed in `workers`, no `worker:{id}` hash, three jobs
    // held: one it had finished (it died before dropping it: re-published),
    // one it had not started, one it died running for the third time
    const finished = crypto.randomUUID(), unstarted = crypto.randomUUID();
    const poison = crypto.randomUUID();
    for (
      const [id, status] of [
        [finished, "succeed"],
        [unstarted, "queued"],
        [poison, "running"],
      ]
    ) {
      await client.hset(jobKey(id), {
        [JobField.info]: JSON.stringify(legendJob(id, ["a"])),
        [JobField.infoType]: "QslJobInfoLegend",
        [JobField.status]: status,
        // earlier deaths while running them
        [JobField.stalled]: "2",
      });
      await client.rpush(processingKey("dead"), id);
    }
    await client.sadd(WORKERS_KEY, "dead");
    // nobody listens for these results: re-publish only briefly
    const w = start(redis, {
      maxAttempts: 3,
      publishRetryMs: 300,
      jobTtlSeconds: 120,
    });
    try {
      const status = (id: string) => client.hget(jobKey(id), "status");
      await waitFor(
        async () =>
          (await status(finished)) === "succeed" &&
          (await status(unstarted)) === "succeed" &&
          (await status(poison)) === "failed",
        WAIT_MS,
        "the jobs finished",
      );
      const stalled = (id: string) => client.hget(jobKey(id), "stalled");
      assertEquals(await stalled(finished), "2", "finished: not counted");
      assertEquals(await stalled(unstarted), "2", "unstarted: not counted");
      assertEquals(await stalled(poison), "3", "died running it: counted");
      assert(ranJobs.includes(finished) && ranJobs.includes(unstarted), "ran");
      assert(!ranJobs.includes(poison), "the poison pill was not run again");
      await waitFor(
        () => w.logs.some((l) => l.includes(poison) && l.includes('"job"')),
        WAIT_MS,
        "the poison pill's log line",
      );
      const line = w.logs.map((l) => JSON.parse(l)).find((l) =>
        l.id === poison && l.message === "job"
      );
      assert(
        /workers died while running it 3 times \(limit 3; only a worker's death during the job counts/
          .test(line.error),
        line.error,
      );
      assertEquals(
        await client.sismember(WORKERS_KEY, "dead"),
        0,
        "dead worker forgotten",
      );
      assertEquals(
        await client.exists(processingKey("dead")),
        0,
        "nothing left held",
      );
      assertEquals(w.worker.stats.requeued, 3);
      // the hashes the worker finished expire; the client may read them first
      for (const id of [finished, unstarted, poison]) {
        const ttl = await client.ttl(jobKey(id));
        assert(ttl > 100 && ttl <= 120, `ttl ${ttl}`);
      }
    } finally {
      await stopAll(w);
    }
  } finally {
    client.disconnect();
    await redis.stop();
  }
});

// Posts a job as a client that never subscribes and waits until the worker
// has finished it and re-publishes its result, holding it meanwhile; returns
// its id and whether it is still held.
async function postUnheard(
  client: Redis,
  w: Running,
): Promise<{ id: string; held: () => Promise<boolean> }> {
  const id = crypto.randomUUID();
  await client.hset(jobKey(id), {
    [JobField.info]: JSON.stringify(legendJob(id, ["a"])),
    [JobField.infoType]: "QslJobInfoLegend",
    [JobField.status]: "queued",
  });
  await client.rpush(JOBS_KEY, id);
  const held = async () =>
    (await client.lrange(processingKey(w.worker.id), 0, -1)).includes(id);
  await waitFor(
    async () =>
      await held() &&
      (await client.hget(jobKey(id), JobField.status)) === "succeed",
    10_000,
    "the job finished and re-published",
  );
  return { id, held };
}

Deno.test("worker: a result re-published in the background stays final: the idle take does not set its job running again, so a death meanwhile is not counted", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  // nobody listens: re-published for 3 s, over two 1 s BLMOVE timeouts
  // whose take script ran on the processing list holding only this job
  const w = start(redis, { publishRetryMs: 3000 });
  try {
    const { id, held } = await postUnheard(client, w);
    const status = () => client.hget(jobKey(id), JobField.status);
    const running = await client.hget(jobKey(id), "timestamp.running");
    // what a worker reaping this one would find, had it died at any moment
    // of the re-publishing: `running` counts a death during the job
    const seen = new Set<string | null>();
    while (await held()) {
      seen.add(await status());
      await sleep(5);
    }
    assertEquals([...seen], ["succeed"], "statuses while re-published");
    assertEquals(
      await client.hget(jobKey(id), "timestamp.running"),
      running,
      "the running timestamp, not written again",
    );
    assertEquals(
      await client.hget(jobKey(id), JobField.status),
      "succeed",
      "final",
    );
  } finally {
    await stopAll(w);
    client.disconnect();
    await redis.stop();
  }
});

Deno.test("worker: stop() waits for the results still re-published, registered meanwhile: no other worker re-queues their jobs as a dead worker's", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  // nobody listens: re-published for 4 s, twice the registration's expiry
  const w = start(redis, { publishRetryMs: 4000 });
  try {
    const { id, held } = await postUnheard(client, w);
    const stopped = w.worker.stop();
    // what a reaper looks at: the registration, as long as the job is held
    let lapsed = false;
    while (await held()) {
      if (!(await client.exists(workerKey(w.worker.id)))) lapsed = true;
      await sleep(20);
    }
    await stopped;
    await w.done;
    assertEquals(
      lapsed,
      false,
      "the registration lapsed while the job was held",
    );
    assertEquals(
      await client.exists(workerKey(w.worker.id)),
      0,
      "deregistered at the end",
    );
    assertEquals(
      [await client.hget(jobKey(id), JobField.status), await held()],
      ["succeed", false],
      "final, no longer held",
    );
  } finally {
    await stopAll(w);
    client.disconnect();
    await redis.stop();
  }
});

Deno.test("worker: stop() lets the current job finish, then deregisters", async () => {
  const redis = await startTestRedis();
  const w = start(redis);
  try {
    const id = crypto.randomUUID();
    const pending = submit(
      redis.url,
      id,
      JSON.stringify(legendJob(id, ["slow"], 800)),
    );
    await waitFor(() => ranJobs.includes(id), WAIT_MS, "job started");
    const stopped = w.worker.stop();
    const { hash } = await pending;
    assertEquals(hash.status, "succeed", "finished after stop");
    await stopped;
    await w.done;
  } finally {
    await redis.stop();
  }
});

Deno.test("worker: jobs still finish after Redis forgot the scripts (SCRIPT FLUSH: NOSCRIPT, then the script's text)", async () => {
  const redis = await startTestRedis();
  const w = start(redis);
  const queue = RedisQueue.create(redis.url);
  const client = new Redis(redis.url);
  try {
    for (let i = 0; i < 3; i++) {
      await client.script("FLUSH");
      const { status, result } = await queue.post(renderParams(1, 2, 3), {
        timeoutMs: 10_000,
      });
      assertEquals(status, "succeed", `job ${i}`);
      assertEquals(Array.from(result.data as Uint8Array), [1, 2, 3]);
    }
  } finally {
    await queue.close();
    client.disconnect();
    await stopAll(w);
    await redis.stop();
  }
});

Deno.test("worker: survives a Redis restart mid-run", async () => {
  const redis = await startTestRedis();
  const w = start(redis);
  try {
    const a = crypto.randomUUID();
    assertEquals(
      (await submit(redis.url, a, JSON.stringify(legendJob(a, ["a"])))).hash
        .status,
      "succeed",
    );
    await redis.restart();
    const b = crypto.randomUUID();
    const { hash } = await submit(
      redis.url,
      b,
      JSON.stringify(legendJob(b, ["b"])),
      { timeoutMs: 20_000 },
    );
    assertEquals(hash.status, "succeed", "after restart");
    const client = new Redis(redis.url);
    // re-registered after Redis lost its data
    await waitFor(
      async () => (await client.exists(workerKey(w.worker.id))) === 1,
      WAIT_MS,
      "re-registered",
    );
    client.disconnect();
    assert(
      w.logs.some((l) => l.includes("; reconnecting")),
      "the loss is logged",
    );
  } finally {
    await stopAll(w);
    await redis.stop();
  }
});

Deno.test("worker: two workers on one queue never run the same job twice", async () => {
  const redis = await startTestRedis();
  const a = start(redis), b = start(redis);
  const before = ranJobs.length;
  try {
    const ids = Array.from({ length: 60 }, () => crypto.randomUUID());
    const results = await Promise.all(
      ids.map((id, i) =>
        submit(redis.url, id, JSON.stringify(legendJob(id, [`l${i}`], 5)))
      ),
    );
    for (const r of results) assertEquals(r.hash.status, "succeed");
    const ran = ranJobs.slice(before);
    assertEquals(ran.length, ids.length, "each job ran once");
    assertEquals(new Set(ran).size, ids.length, "no job twice");
    assert(
      a.worker.stats.succeeded > 0 && b.worker.stats.succeeded > 0,
      `both served: ${a.worker.stats.succeeded}/${b.worker.stats.succeeded}`,
    );
  } finally {
    await stopAll(a, b);
    await redis.stop();
  }
});

Deno.test("worker: the heartbeat goes on while a job runs longer than the expiry, so no other worker re-queues it", async () => {
  const redis = await startTestRedis();
  const a = start(redis), b = start(redis);
  const before = ranJobs.length;
  try {
    const id = crypto.randomUUID();
    // expiry 2 s, job 3.5 s, B scans for dead workers every second
    const { hash } = await submit(
      redis.url,
      id,
      JSON.stringify(legendJob(id, ["long"], 3500)),
    );
    assertEquals(hash.status, "succeed");
    assertEquals(hash.stalled, undefined, "no death counted");
    assertEquals(ranJobs.slice(before), [id], "ran once");
    assertEquals(a.worker.stats.requeued + b.worker.stats.requeued, 0);
  } finally {
    await stopAll(a, b);
    await redis.stop();
  }
});

Deno.test("worker: Redis unreachable at start: retries with backoff (no busy loop), then serves once Redis is up", async () => {
  const probe = await startTestRedis();
  const { port, url } = probe;
  await probe.stop(); // nothing listens on `port` now
  const w = start(
    { ...probe, url } as TestRedis,
    { maxBackoffMs: 400 },
  );
  let server: Deno.ChildProcess | undefined;
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const retries = w.logs.filter((l) => l.includes("retrying")).length;
    assert(retries >= 1 && retries <= 12, `retries in 2 s: ${retries}`);
    // the server answering `port` must be ours: another test's may have
    // taken the port meanwhile (then this fails clearly, naming the port)
    server = (await spawnOwnedRedis(port)).child;
    const id = crypto.randomUUID();
    const { hash } = await submit(
      url,
      id,
      JSON.stringify(legendJob(id, ["a"])),
      { timeoutMs: 15_000 },
    );
    assertEquals(hash.status, "succeed");
  } finally {
    await stopAll(w);
    if (server) {
      server.kill("SIGTERM");
      await server.status;
    }
  }
});

Deno.test("worker: a restarted worker with the same --worker-id runs the jobs its predecessor held", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  try {
    const id = crypto.randomUUID();
    await client.hset(jobKey(id), {
      [JobField.info]: JSON.stringify(legendJob(id, ["a"])),
      [JobField.infoType]: "QslJobInfoLegend",
    });
    // the predecessor's registration has not expired yet: nobody else re-queues
    await client.rpush(processingKey("pod-1"), id);
    await client.sadd(WORKERS_KEY, "pod-1");
    await client.hset(
      workerKey("pod-1"),
      "last_seen",
      new Date().toISOString(),
    );
    await client.expire(workerKey("pod-1"), 60);
    const w = start(redis, { workerId: "pod-1", publishRetryMs: 100 });
    try {
      await waitFor(
        async () => (await client.hget(jobKey(id), "status")) === "succeed",
        WAIT_MS,
        "the held job finished",
      );
      // dropped from the list once re-publishing to nobody gives up
      await waitFor(
        async () => (await client.llen(processingKey("pod-1"))) === 0,
        WAIT_MS,
        "the job dropped from processing:pod-1",
      );
      assertEquals(await client.hget(jobKey(id), JobField.stalled), null);
    } finally {
      await stopAll(w);
    }
  } finally {
    client.disconnect();
    await redis.stop();
  }
});

Deno.test("worker: a result the format cannot carry ends failed with the cause; stop() after stopping resolves", async () => {
  const redis = await startTestRedis();
  const w = start(redis, {
    runners: {
      ...testRunners(),
      QslJobInfoFeature: () =>
        Promise.resolve({ data: { n: 1n }, contentType: "application/json" }),
    },
  });
  try {
    const id = crypto.randomUUID();
    const { payload, hash } = await submit(
      redis.url,
      id,
      JSON.stringify({ id, type: "QslJobInfoFeature", job: { queries: [] } }),
    );
    assertEquals(hash.status, "failed");
    const data = String(decodeResult(payload).data);
    assert(/^Cannot encode the result: .*BigInt/.test(data), data);
    const next = crypto.randomUUID();
    const ok = await submit(
      redis.url,
      next,
      JSON.stringify(legendJob(next, ["a"])),
    );
    assertEquals(ok.hash.status, "succeed", "the next job");
  } finally {
    await stopAll(w);
    await w.worker.stop(); // already stopped: resolves at once
    await redis.stop();
  }
});

Deno.test("worker: registers before its engines load; a job taken meanwhile waits for them; engines that fail stop the worker", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  let loaded!: () => void;
  let started = 0;
  const w = start(redis, {
    startEngines: () => {
      started++;
      return new Promise<void>((r) => loaded = r);
    },
  });
  try {
    await waitFor(
      async () => (await client.smembers(WORKERS_KEY)).includes(w.worker.id),
      WAIT_MS,
      "registered with the engines still loading",
    );
    const id = crypto.randomUUID();
    const pending = submit(redis.url, id, JSON.stringify(legendJob(id, ["a"])));
    await waitFor(
      async () =>
        (await client.lrange(processingKey(w.worker.id), 0, -1)).includes(id),
      WAIT_MS,
      "job taken",
    );
    await new Promise((r) => setTimeout(r, 200));
    assert(!ranJobs.includes(id), "the job waits for the engines");
    loaded();
    const { hash } = await pending;
    assertEquals(hash.status, "succeed", "served once they are loaded");
    assertEquals(started, 1, "engines started once");
    await w.worker.stop();
    await w.done;

    const failing = start(redis, {
      startEngines: () => Promise.reject(new Error("no wasm")),
    });
    let error: Error | undefined;
    await failing.done.catch((e) => error = e);
    assertEquals(
      error?.message,
      "Cannot start the engines: no wasm",
      "run rejects",
    );
    assert(
      !(await client.smembers(WORKERS_KEY)).includes(failing.worker.id),
      "deregistered",
    );
  } finally {
    client.disconnect();
    await redis.stop();
  }
});

Deno.test("worker: a result over --max-result-bytes fails the job with the cause; Redis would have closed the client's subscription and lost it", async () => {
  const redis = await startTestRedis();
  const MiB = 1024 * 1024;
  const w = start(redis, {
    runners: {
      ...testRunners(),
      // as a 1M-vertex GPX track's feature info (31.8 MB of JSON) or a
      // large map of noise
      QslJobInfoFeature: (job) =>
        Promise.resolve({
          data: new Uint8Array(
            (job as unknown as { job: { queries: unknown[] } }).job.queries
              .length * MiB,
          ).fill(32),
          contentType: "application/json",
        }),
    },
  });
  const queue = RedisQueue.create(redis.url);
  try {
    const post = (mebibytes: number) =>
      queue.post({ queries: Array(mebibytes).fill({ layers: [] }) } as never, {
        type: "QslJobInfoFeature",
        timeoutMs: 120_000,
      });
    // Redis's default client-output-buffer-limit for pub/sub is 32 MiB
    // (hard): a 31 MiB result closed the subscriber and the client waited
    // for its timeout; 24 MiB is the default limit
    const t0 = performance.now();
    const big = await post(31);
    assertEquals(big.status, "failed", "status");
    const message = String(big.result.data);
    assert(
      /^Cannot publish the result: 3250\d{4} bytes are over the limit of 25165824 \(--max-result-bytes; Redis's client-output-buffer-limit for pub\/sub must be larger\)$/
        .test(message),
      message,
    );
    // a timeout would take two minutes; a loaded machine takes seconds
    assert(performance.now() - t0 < 60_000, "answered at once");
    const ok = await post(20);
    assertEquals(ok.status, "succeed", "20 MiB");
    assertEquals((ok.result.data as Uint8Array).length, 20 * MiB, "bytes");
  } finally {
    await queue.close();
    await stopAll(w);
    await redis.stop();
  }
});

Deno.test("RedisQueue.post: a result Redis dropped on the way (its pub/sub output buffer limit closed the subscription) is a clear error at once, not a timeout", async () => {
  const redis = await startTestRedis();
  const MiB = 1024 * 1024;
  const w = start(redis, {
    // a worker whose limit is above Redis's (32 MiB by default)
    maxResultBytes: 64 * MiB,
    runners: {
      ...testRunners(),
      QslJobInfoFeature: () =>
        Promise.resolve({
          data: new Uint8Array(31 * MiB).fill(32),
          contentType: "application/json",
        }),
    },
  });
  const queue = RedisQueue.create(redis.url);
  try {
    const t0 = performance.now();
    let message = "no error";
    try {
      await queue.post({ queries: [] } as never, {
        type: "QslJobInfoFeature",
        timeoutMs: 120_000,
      });
    } catch (error) {
      message = (error as Error).message;
    }
    assert(
      /^Cannot get the result of job [0-9a-f-]+: it was published while Redis had closed this client's subscription/
        .test(message),
      message,
    );
    const ms = performance.now() - t0;
    // a timeout would take two minutes; a loaded machine takes seconds
    assert(ms < 60_000, `${ms} ms`);
    // the queue goes on: the next post is answered
    const next = await queue.post(legendJob("x", ["a"]).job as never, {
      type: "QslJobInfoLegend",
      timeoutMs: 10_000,
    });
    assertEquals(next.status, "succeed", "the next post");
  } finally {
    await queue.close();
    await stopAll(w);
    await redis.stop();
  }
});
