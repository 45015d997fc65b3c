/**
 * Redis as production runs it (#16 item 4), against real servers this test
 * starts: ACL users in the URL, `rediss://` with a CA made here by openssl,
 * Redis Sentinel; connection errors as one line; the worker process exits
 * promptly on SIGINT with Redis down (and mid TLS handshake) and 0 on
 * SIGTERM to its process group. Worker and client (`RedisQueue`) both.
 */
import { Redis } from "ioredis";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { workerKey } from "../interface/protocol.ts";
import { RedisQueue } from "../interface/redis_queue.ts";
import { redisOptions } from "../interface/redis_connect.ts";
import { WORKER_ENV_VARS } from "../worker/cli/env_vars.ts";
import { sleep, waitFor } from "./worker_util.ts";
import { spawnOwned } from "./redis_server.ts";
import { demoLayer } from "./hostile/_jobs.ts";
import type { QslJobParameterLegendInput } from "../interface/job/input.ts";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..");
const MAIN = join(REPO, "worker/main.ts");
// Loading GDAL and Skia on a loaded 2-core machine takes seconds.
const START_MS = 60_000;

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

interface Server {
  port: number;
  stop(): Promise<void>;
  /** SIGKILL: the server dies as a crashed host's would. */
  crash(): Promise<void>;
}

/**
 * Starts `command` with `argsFor(port)` on a free port that this child
 * answers (spawnOwned: INFO's process_id, over TLS with `ca`): between
 * finding a port free and binding it, another test's server may take it;
 * then ours exits, and this test would talk to the other's.
 */
async function startServer(
  command: string,
  argsFor: (port: number) => string[] | Promise<string[]>,
  ca?: string,
): Promise<Server> {
  const { port, child } = await spawnOwned(
    async (port) =>
      new Deno.Command(command, {
        args: await argsFor(port),
        stdout: "null",
        stderr: "null",
      }).spawn(),
    {
      name: command,
      // a server starts in milliseconds; a loaded machine may take seconds
      waitMs: 30_000,
      connect: ca === undefined ? undefined : async (port) =>
        Deno.connectTls({
          hostname: "127.0.0.1",
          port,
          caCerts: [await Deno.readTextFile(ca)],
        }),
    },
  );
  return {
    port,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* gone */ }
      await child.status;
    },
    async crash() {
      try {
        child.kill("SIGKILL");
      } catch { /* gone */ }
      await child.status;
    },
  };
}

function redisArgs(port: number): string[] {
  return [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
  ];
}

interface Worker {
  child: Deno.ChildProcess;
  log: () => string;
  id: string;
}

/** The worker as the docs start it: explicit permission flags. */
function spawnWorker(
  url: string,
  options: { read?: string[]; extra?: string[]; setsid?: boolean } = {},
): Worker {
  const id = `prod-${crypto.randomUUID()}`;
  const args = [
    "run",
    "--allow-net=127.0.0.1",
    `--allow-read=${
      [join(REPO, "demo"), join(REPO, "node_modules"), ...options.read ?? []]
        .join(",")
    }`,
    `--allow-env=${WORKER_ENV_VARS.join(",")}`,
    "--allow-sys=hostname",
    MAIN,
    "run",
    "--data-root",
    join(REPO, "demo"),
    "--redis-url",
    url,
    "--worker-id",
    id,
    ...options.extra ?? [],
  ];
  const child = new Deno.Command(
    options.setsid ? "setsid" : Deno.execPath(),
    {
      args: options.setsid ? [Deno.execPath(), ...args] : args,
      cwd: REPO,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    },
  ).spawn();
  let text = "";
  const dec = new TextDecoder();
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipeTo(
      new WritableStream({ write: (c) => void (text += dec.decode(c)) }),
    ).catch(() => {});
  }
  return { child, log: () => text, id };
}

async function kill(w: Worker): Promise<void> {
  try {
    w.child.kill("SIGKILL");
  } catch { /* gone */ }
  await w.child.status;
}

/** ms from sending `signal` until the worker exits, and its exit code. */
async function exitAfter(
  w: Worker,
  send: () => void,
): Promise<{ ms: number; code: number }> {
  const t0 = performance.now();
  send();
  const timer = setTimeout(() => kill(w), 10_000);
  const { code } = await w.child.status;
  clearTimeout(timer);
  return { ms: performance.now() - t0, code };
}

/** The worker has loaded its engines and started its loop. */
function started(w: Worker): Promise<void> {
  return waitFor(
    () => w.log().includes("worker starting"),
    START_MS,
    `the worker to start:\n${w.log()}`,
  );
}

/** Every line about Redis is one line of ours: no ioredis stack or advice. */
function assertCleanLog(w: Worker, secrets: string[] = []): void {
  const log = w.log();
  for (
    const bad of [
      "[ioredis]",
      "    at ",
      "maxRetriesPerRequest",
      "Unhandled",
      ...secrets,
    ]
  ) {
    assert(!log.includes(bad), `the log has '${bad}':\n${log}`);
  }
}

async function registered(admin: Redis, w: Worker): Promise<void> {
  await waitFor(
    async () => (await admin.exists(workerKey(w.id))) === 1,
    START_MS,
    `worker ${w.id} to register:\n${w.log()}`,
  );
}

async function postLegend(queue: RedisQueue): Promise<string> {
  const { status } = await queue.post(
    { layers: [], format: "application/json" },
    { timeoutMs: 30_000 },
  );
  return status;
}

Deno.test({
  name:
    "redis: Ctrl-C with Redis down exits within 1 s; SIGTERM to the process group exits 0; one line per error",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  // nothing listens there: a port found free (a port 0 bind's, 32768 and
  // up) may be taken meanwhile by another test's Redis, which would answer
  const port = 1;
  const w = spawnWorker(`redis://127.0.0.1:${port}`);
  try {
    await waitFor(
      () =>
        w.log().includes(
          `Cannot connect to Redis at 127.0.0.1:${port}: ECONNREFUSED`,
        ),
      START_MS,
      `the connection error:\n${w.log()}`,
    );
    await sleep(1500); // into the reconnection timers
    const { ms, code } = await exitAfter(w, () => w.child.kill("SIGINT"));
    assert(ms < 1000, `exit ${ms.toFixed(0)} ms after SIGINT:\n${w.log()}`);
    assert(code === 0, `exit code ${code}:\n${w.log()}`);
    assertCleanLog(w);
  } finally {
    await kill(w);
  }

  const g = spawnWorker(`redis://127.0.0.1:${port}`, { setsid: true });
  try {
    await started(g);
    await sleep(1000);
    // as `timeout` does: the whole group (setsid made the worker its leader)
    const { ms, code } = await exitAfter(
      g,
      () => Deno.kill(-g.child.pid, "SIGTERM"),
    );
    assert(code === 0, `exit code ${code}:\n${g.log()}`);
    assert(ms < 1000, `exit ${ms.toFixed(0)} ms after SIGTERM:\n${g.log()}`);
  } finally {
    await kill(g);
  }
});

Deno.test({
  name: "redis: Ctrl-C during a TLS handshake that never ends exits within 1 s",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  // accepts and never answers: the TLS handshake hangs
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  const conns: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const c of listener) conns.push(c);
  })().catch(() => {});
  const w = spawnWorker(`rediss://127.0.0.1:${port}`);
  try {
    await started(w);
    await waitFor(() => conns.length > 0, START_MS, "a TLS connection");
    await sleep(300);
    const { ms, code } = await exitAfter(w, () => w.child.kill("SIGINT"));
    assert(ms < 1000, `exit ${ms.toFixed(0)} ms after SIGINT:\n${w.log()}`);
    assert(code === 0, `exit code ${code}:\n${w.log()}`);
    assertCleanLog(w);
  } finally {
    await kill(w);
    listener.close();
    for (const c of conns) {
      try {
        c.close();
      } catch { /* closed */ }
    }
    await accepting;
  }
});

Deno.test({
  name:
    "redis: passwords with a space or an @, a user part alone, a bad %-escape: refused in one line, never in the log",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const server = await startServer("redis-server", redisArgs);
  const port = server.port;
  // each a wrong password: the worker says so in one line and exits 1;
  // the log's `redis=` and messages showed the secret part before
  const cases: [string, string][] = [
    [`redis://qsl:a b@Zq9s3cret@127.0.0.1:${port}`, "Zq9s3cret"],
    [`redis://qsl:a@Zq9s3cret@127.0.0.1:${port}`, "Zq9s3cret"],
    [`redis://Zq9t0ken@127.0.0.1:${port}`, "Zq9t0ken"],
    [`redis://qsl:%ZZq9s3cret@127.0.0.1:${port}`, "Zq9s3cret"],
  ];
  const workers = cases.map(([url]) => spawnWorker(url));
  try {
    for (const [i, w] of workers.entries()) {
      const { code } = await w.child.status;
      assert(code === 1, `exit code ${code}:\n${w.log()}`);
      assert(
        /ERROR +Cannot (connect to Redis at 127\.0\.0\.1:\d+: WRONGPASS|use Redis URL 'redis:\/\/qsl:\*\*REDACTED\*\*@127\.0\.0\.1:\d+': its password is not percent-encoded)/
          .test(w.log()),
        w.log(),
      );
      assertCleanLog(w, [cases[i][1], encodeURIComponent(cases[i][1])]);
    }
  } finally {
    for (const w of workers) await kill(w);
    await server.stop();
  }
});

Deno.test({
  name:
    "redis: an ACL user and password in the URL (worker and client); a wrong password is one line and exit 1",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const server = await startServer("redis-server", redisArgs);
  const port = server.port;
  const admin = new Redis({ host: "127.0.0.1", port });
  const w = spawnWorker(`redis://qsl:s3cr%40t@127.0.0.1:${port}/2`);
  const bad = spawnWorker(`redis://qsl:wr0ngpass@127.0.0.1:${port}`);
  const queue = RedisQueue.create(`redis://qsl:s3cr%40t@127.0.0.1:${port}/2`);
  try {
    await admin.call(
      "ACL",
      "SETUSER",
      "qsl",
      "on",
      ">s3cr@t",
      "~*",
      "&*",
      "+@all",
    );
    // the default user may do nothing: only the ACL user works
    await admin.call("ACL", "SETUSER", "default", "off");
    const db2 = new Redis({
      ...redisOptions(`redis://qsl:s3cr%40t@127.0.0.1:${port}/2`),
    });
    try {
      await registered(db2, w);
      assert(
        (await postLegend(queue)).length > 0,
        "a status through the ACL user",
      );
    } finally {
      db2.disconnect();
    }
    assertCleanLog(w, ["s3cr@t", "s3cr%40t"]);
    const { code } = await bad.child.status;
    assert(code === 1, `exit code ${code}:\n${bad.log()}`);
    assert(
      new RegExp(
        `ERROR +Cannot connect to Redis at 127\\.0\\.0\\.1:${port}: WRONGPASS`,
      ).test(bad.log()),
      bad.log(),
    );
    assertCleanLog(bad, ["wr0ngpass"]);
  } finally {
    await queue.close();
    await kill(w);
    await kill(bad);
    admin.disconnect();
    await server.stop();
  }
});

async function openssl(dir: string, args: string[]): Promise<void> {
  const out = await new Deno.Command("openssl", {
    args,
    cwd: dir,
    stdout: "null",
    stderr: "piped",
  }).output();
  assert(out.success, new TextDecoder().decode(out.stderr));
}

/** A CA and a server certificate for 127.0.0.1 and localhost, in `dir`. */
async function makeCertificates(dir: string): Promise<void> {
  await openssl(dir, [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=qsl test CA",
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
  ]);
  await openssl(dir, [
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    "/CN=localhost",
    "-keyout",
    "server.key",
    "-out",
    "server.csr",
  ]);
  await Deno.writeTextFile(
    join(dir, "san.ext"),
    "subjectAltName=IP:127.0.0.1,DNS:localhost\n",
  );
  await openssl(dir, [
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    "san.ext",
    "-out",
    "server.pem",
  ]);
}

Deno.test({
  name:
    "redis: rediss:// with the CA file (worker --redis-tls-ca and RedisQueue.create); without it, one line",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const dir = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "qsl_tls_" }),
  );
  await makeCertificates(dir);
  const ca = join(dir, "ca.pem");
  const server = await startServer("redis-server", (port) => [
    ...redisArgs(0),
    "--tls-port",
    String(port),
    "--tls-cert-file",
    join(dir, "server.pem"),
    "--tls-key-file",
    join(dir, "server.key"),
    "--tls-ca-cert-file",
    ca,
    "--tls-auth-clients",
    "no",
  ], ca);
  const port = server.port;
  const url = `rediss://127.0.0.1:${port}`;
  const admin = new Redis(redisOptions(url, { tlsCaFile: ca }));
  const w = spawnWorker(url, { read: [ca], extra: ["--redis-tls-ca", ca] });
  const untrusted = spawnWorker(url);
  const denied = spawnWorker(url, { extra: ["--redis-tls-ca", ca] });
  const queue = RedisQueue.create(url, { tlsCaFile: ca });
  try {
    await registered(admin, w);
    assert((await postLegend(queue)).length > 0, "a status over TLS");
    assertCleanLog(w);
    // no CA: the certificate is refused, in one line, and retried
    await waitFor(
      () =>
        new RegExp(
          `WARNING +Cannot connect to Redis at 127\\.0\\.0\\.1:${port}: [A-Z_]+: .*\\(is the CA that signed it given`,
        ).test(untrusted.log()),
      START_MS,
      `the certificate error:\n${untrusted.log()}`,
    );
    assertCleanLog(untrusted);
    // no read access to the CA file: one line, exit 1
    const { code } = await denied.child.status;
    assert(code === 1, `exit code ${code}:\n${denied.log()}`);
    assert(
      denied.log().includes(
        `Cannot read Redis TLS CA file '${ca}': Deno grants no read access to it (--allow-read)`,
      ),
      denied.log(),
    );
  } finally {
    await queue.close();
    await kill(w);
    await kill(untrusted);
    await kill(denied);
    admin.disconnect();
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name:
    "redis: redis+sentinel:// — worker and client find the master through two sentinels",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const dir = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "qsl_sentinel_" }),
  );
  const master = await startServer("redis-server", redisArgs);
  const port = master.port;
  const sentinels: Server[] = [];
  try {
    for (const i of [1, 2]) {
      sentinels.push(
        await startServer("redis-sentinel", async (sport) => {
          const conf = join(dir, `sentinel${i}-${sport}.conf`);
          await Deno.writeTextFile(
            conf,
            [
              `port ${sport}`,
              "bind 127.0.0.1",
              `dir ${dir}`,
              `sentinel monitor mymaster 127.0.0.1 ${port} 1`,
              "sentinel down-after-milliseconds mymaster 5000",
              "",
            ].join("\n"),
          );
          return [conf];
        }),
      );
    }
    const url = `redis+sentinel://${
      sentinels.map((s) => `127.0.0.1:${s.port}`).join(",")
    }/mymaster/3`;
    const db3 = new Redis({ host: "127.0.0.1", port, db: 3 });
    const w = spawnWorker(url);
    const queue = RedisQueue.create(url);
    try {
      await registered(db3, w);
      assert((await postLegend(queue)).length > 0, "a status via sentinel");
      assertCleanLog(w);
    } finally {
      await queue.close();
      await kill(w);
      db3.disconnect();
    }
  } finally {
    for (const s of sentinels) await s.stop();
    await master.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

/** `SENTINEL <args>` replies of arrays of field/value pairs, as objects. */
function sentinelRecords(reply: unknown): Record<string, string>[] {
  return (reply as string[][]).map((pairs) => {
    const record: Record<string, string> = {};
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      record[pairs[i]] = pairs[i + 1];
    }
    return record;
  });
}

const FILL =
  '<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0"><layer class="SimpleFill"/></symbol></symbols></renderer-v2></qgis>';

/**
 * Starts a redis-sentinel monitoring `mymaster` at `masterPort`; on a TLS
 * port only when `tlsCa` (the CA that signed its certificate) is given.
 */
function startSentinel(
  dir: string,
  masterPort: number,
  extraConf: string[] = [],
  tlsCa?: string,
): Promise<Server> {
  return startServer("redis-sentinel", async (port) => {
    const conf = join(dir, `sentinel-${port}.conf`);
    await Deno.writeTextFile(
      conf,
      [
        tlsCa ? `port 0\ntls-port ${port}` : `port ${port}`,
        "bind 127.0.0.1",
        `dir ${dir}`,
        ...extraConf,
        `sentinel monitor mymaster 127.0.0.1 ${masterPort} 1`,
        // short, but not so short that a loaded machine fakes a failure
        "sentinel down-after-milliseconds mymaster 1500",
        // two sentinels may split their votes; they vote again after twice
        // this (the default, 3 minutes, would outlast the test)
        "sentinel failover-timeout mymaster 3000",
        "",
      ].join("\n"),
    );
    return [conf];
  }, tlsCa);
}

for (
  const [how, cause] of [
    ["crash", "the master dies"],
    ["failover", "SENTINEL FAILOVER while the old master lives on"],
  ] as const
) {
  Deno.test({
    name:
      `redis: redis+sentinel:// — ${cause}; after the failover the same worker and client serve jobs through the new master`,
    sanitizeResources: false,
    sanitizeOps: false,
  }, async () => {
    const dir = await Deno.realPath(
      await Deno.makeTempDir({ prefix: "qsl_failover_" }),
    );
    // a full sync writes an RDB file: in the test's folder, not the repository
    const master = await startServer("redis-server", (port) => [
      ...redisArgs(port),
      "--dir",
      dir,
      // SENTINEL FAILOVER: the sentinels cannot make the old master a
      // replica (they would ~10 s after the promotion, and close every
      // connection to it). The worker and client must follow the
      // sentinels' announcement: before, that was a race against those
      // 10 s, which a loaded machine could lose.
      ...(how === "failover"
        ? [
          "--rename-command",
          "REPLICAOF",
          "",
          "--rename-command",
          "SLAVEOF",
          "",
        ]
        : []),
    ]);
    const mport = master.port;
    const replica = await startServer("redis-server", (port) => [
      ...redisArgs(port),
      "--dir",
      dir,
      "--replicaof",
      "127.0.0.1",
      String(mport),
    ]);
    const rport = replica.port;
    const sentinels: Server[] = [];
    const connections: Redis[] = [];
    const connect = (port: number): Redis => {
      const r = new Redis({ host: "127.0.0.1", port, maxRetriesPerRequest: 1 });
      r.on("error", () => {}); // the master's admin connection sees it die
      connections.push(r);
      return r;
    };
    let w: Worker | undefined;
    let queue: RedisQueue | undefined;
    try {
      const onMaster = connect(mport);
      const onReplica = connect(rport);
      await waitFor(
        async () =>
          (await onReplica.info("replication")).includes(
            "master_link_status:up",
          ),
        // waits for events: seconds when loaded, long enough for load 20+
        60_000,
        "the replica to sync",
      );
      for (const _ of [1, 2]) sentinels.push(await startSentinel(dir, mport));
      const asked = sentinels.map((s) => connect(s.port));
      // each sentinel knows the replica (to promote) and the other sentinel
      // (to elect a leader), as a deployment's would
      await waitFor(
        async () => {
          for (const s of asked) {
            const replicas = sentinelRecords(
              await s.call("SENTINEL", "REPLICAS", "mymaster"),
            );
            const others = sentinelRecords(
              await s.call("SENTINEL", "SENTINELS", "mymaster"),
            );
            if (
              !replicas.some((r) =>
                r.port === String(rport) && r.flags === "slave" &&
                r["master-link-status"] === "ok"
              ) || others.length !== 1
            ) return false;
          }
          return true;
        },
        60_000,
        "the sentinels to find the replica and each other",
      );
      const url = `redis+sentinel://${
        sentinels.map((s) => `127.0.0.1:${s.port}`).join(",")
      }/mymaster`;
      w = spawnWorker(url);
      queue = RedisQueue.create(url);
      await registered(onMaster, w);
      const post = async () => {
        const { status, result } = await queue!.post(
          {
            layers: [demoLayer("zones", "zones.geojson", FILL)],
          } as unknown as QslJobParameterLegendInput,
          { timeoutMs: 30_000 },
        ).catch((e) => {
          // whether the worker took the job, ran it, published its result
          throw new Error(
            `${(e as Error).message}; the worker's log:\n${w!.log()}`,
          );
        });
        assert(status === "succeed", `status ${status}:\n${w!.log()}`);
        assert(
          result.worker_id === w!.id,
          `answered by ${result.worker_id}, not ${w!.id}`,
        );
      };
      await post();

      if (how === "crash") {
        onMaster.disconnect();
        await master.crash();
      } else {
        // the old master stays up, a master (see its start), and nothing
        // closes the connections to it: what is written there is lost
        await asked[0].call("SENTINEL", "FAILOVER", "mymaster");
      }
      const crashed = performance.now();
      // the sentinels agree the master is down and promote the replica
      await waitFor(
        async () => {
          for (const s of asked) {
            const addr = await s.call(
              "SENTINEL",
              "GET-MASTER-ADDR-BY-NAME",
              "mymaster",
            ) as string[] | null;
            if (addr?.[1] !== String(rport)) return false;
          }
          return true;
        },
        60_000,
        "the failover to the replica",
      );
      assert(
        (await onReplica.info("replication")).includes("role:master"),
        "the replica is the master now",
      );
      const promoted = performance.now();
      // The worker's connections, and the client's subscription to its
      // results, on the new master (failover: while the old one still takes
      // writes, following the sentinels' announcement): a job posted before
      // raced their reconnection, which a loaded machine makes seconds long.
      await waitFor(
        async () => {
          const clients = String(await onReplica.call("CLIENT", "LIST"))
            .split("\n");
          return clients.some((c) => c.includes("name=qsl-worker-blocking")) &&
            clients.some((c) => c.includes("name=qsl-worker-commands")) &&
            clients.some((c) => / name= /.test(c) && /\bpsub=[1-9]/.test(c));
        },
        60_000,
        "the worker's connections and the client's subscription on the new master",
      );
      if (how === "failover") {
        assert(
          (await onMaster.info("replication")).includes("role:master"),
          "the old master was made a replica: the worker may have moved for that",
        );
        // a client that connects now finds the new master, and the worker there
        const fresh = RedisQueue.create(url);
        try {
          const { result } = await fresh.post(
            {
              layers: [demoLayer("zones", "zones.geojson", FILL)],
            } as unknown as QslJobParameterLegendInput,
            { timeoutMs: 30_000 },
          );
          assert(result.worker_id === w.id, `answered by ${result.worker_id}`);
        } finally {
          await fresh.close();
        }
      }
      // the same worker and client: jobs posted after the failover are answered
      for (const _ of [1, 2, 3]) await post();
      const answered = performance.now();
      // the worker registered itself again, on the new master
      await registered(onReplica, w);
      assert(
        w.log().includes("Redis connection restored"),
        `the worker noticed:\n${w.log()}`,
      );
      assertCleanLog(w);
      console.log(
        `${how}: promoted ${(promoted - crashed).toFixed(0)} ms after it, ` +
          `3 jobs answered ${(answered - promoted).toFixed(0)} ms later`,
      );
    } finally {
      await queue?.close();
      if (w) await kill(w);
      for (const c of connections) c.disconnect();
      for (const s of sentinels) await s.stop();
      await replica.stop();
      await master.stop();
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test({
  name:
    "redis: rediss+sentinel:// — TLS to the sentinel and to the master it names (worker --redis-tls-ca and RedisQueue.create)",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const dir = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "qsl_tls_sentinel_" }),
  );
  await makeCertificates(dir);
  const ca = join(dir, "ca.pem");
  const tls = [
    `tls-cert-file ${join(dir, "server.pem")}`,
    `tls-key-file ${join(dir, "server.key")}`,
    `tls-ca-cert-file ${ca}`,
    "tls-auth-clients no",
  ];
  // TLS only: nothing answers in plain text
  const master = await startServer("redis-server", (port) => [
    ...redisArgs(0),
    "--dir",
    dir,
    "--tls-port",
    String(port),
    ...tls.flatMap((line) => {
      const [key, value] = line.split(" ");
      return [`--${key}`, value];
    }),
  ], ca);
  const port = master.port;
  const sentinels: Server[] = [];
  let w: Worker | undefined;
  let queue: RedisQueue | undefined;
  let admin: Redis | undefined;
  try {
    // the sentinel speaks TLS and monitors the master over TLS
    sentinels.push(
      await startSentinel(dir, port, [...tls, "tls-replication yes"], ca),
    );
    const url = `rediss+sentinel://127.0.0.1:${sentinels[0].port}/mymaster`;
    admin = new Redis(redisOptions(url, { tlsCaFile: ca }));
    w = spawnWorker(url, { read: [ca], extra: ["--redis-tls-ca", ca] });
    queue = RedisQueue.create(url, { tlsCaFile: ca });
    await registered(admin, w);
    const { status, result } = await queue.post(
      {
        layers: [demoLayer("zones", "zones.geojson", FILL)],
      } as unknown as QslJobParameterLegendInput,
      { timeoutMs: 30_000 },
    );
    assert(status === "succeed", `status ${status}:\n${w.log()}`);
    assert(result.worker_id === w.id, `answered by ${result.worker_id}`);
    assertCleanLog(w);
    // the plain scheme cannot talk to it: one line, retried
    const plain = spawnWorker(
      `redis+sentinel://127.0.0.1:${sentinels[0].port}/mymaster`,
    );
    try {
      await waitFor(
        () =>
          /WARNING +Cannot connect to Redis at sentinels 127\.0\.0\.1:\d+ \(master mymaster\)/
            .test(plain.log()),
        START_MS,
        `the plain-text connection's error:\n${plain.log()}`,
      );
      assertCleanLog(plain);
    } finally {
      await kill(plain);
    }
  } finally {
    await queue?.close();
    if (w) await kill(w);
    admin?.disconnect();
    for (const s of sentinels) await s.stop();
    await master.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
