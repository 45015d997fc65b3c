/**
 * The worker as a process: killed with SIGKILL while holding a job, stopped
 * with SIGTERM mid-job, and run with exactly the README's permission flags.
 */
import { Redis } from "ioredis";
import { deflateSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { decode } from "fast-png";
import { startTestRedis } from "./redis_server.ts";
import { legendJob, submit, type Submitted, waitFor } from "./worker_util.ts";
import { decodeResult } from "../interface/result_codec.ts";
import { jobKey, processingKey, workerKey } from "../interface/protocol.ts";
import { WORKER_ENV_VARS } from "../worker/cli/env_vars.ts";
import { bundleWorkerStart } from "../worker/bundle.ts";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURE = join(REPO, "tests/worker_fixture.ts");
const MAIN = join(REPO, "worker/main.ts");
const NODE_MODULES = join(REPO, "node_modules");

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}
function assertEquals(actual: unknown, expected: unknown, what = ""): void {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

interface Proc {
  child: Deno.ChildProcess;
  log: () => string;
}

function spawn(args: string[]): Proc {
  return spawnCommand(Deno.execPath(), args);
}

function spawnCommand(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Proc {
  const child = new Deno.Command(command, {
    args,
    cwd: REPO,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...env },
  }).spawn();
  let text = "";
  const dec = new TextDecoder();
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipeTo(
      new WritableStream({ write: (c) => void (text += dec.decode(c)) }),
    ).catch(() => {});
  }
  return { child, log: () => text };
}

function fixture(
  url: string,
  id: string,
  dataRoot: string,
  extra: string[] = [],
  env: Record<string, string> = {},
): Proc {
  return spawnCommand(Deno.execPath(), [
    "run",
    "-A",
    FIXTURE,
    "run",
    "--redis-url",
    url,
    "--data-root",
    dataRoot,
    "--worker-id",
    id,
    "--worker-expiry",
    "2",
    "--log-format",
    "json",
    ...extra,
  ], env);
}

async function registered(client: Redis, id: string): Promise<void> {
  await waitFor(
    async () => (await client.exists(workerKey(id))) === 1,
    20_000,
    `worker ${id} registered`,
  );
}

// A job's status is `running` as soon as Redis has run the take script,
// before the worker has read its reply: a stop signal handled in between
// finds the worker idle and returns the job to the queue unstarted (at load
// 25 a process waits that long). The registration's status says when the
// worker is busy with the job (renewed every second while busy).
async function busy(client: Redis, id: string): Promise<void> {
  await waitFor(
    async () => {
      const info = await client.hget(workerKey(id), "info");
      return info !== null && JSON.parse(info).status === "processing";
    },
    20_000,
    `worker ${id} busy with the job`,
  );
}

/**
 * Posts a legend job that lasts `delayMs` and waits until `workerId` holds
 * it: status `running` and the worker's registration `processing` (the
 * status reads `running` a moment before the worker has taken the job, and a
 * stop in between returns it to the queue unstarted).
 */
async function holdJob(
  url: string,
  client: Redis,
  workerId: string,
  delayMs: number,
  timeoutMs?: number,
): Promise<{ id: string; pending: Promise<Submitted> }> {
  const id = crypto.randomUUID();
  const pending = submit(
    url,
    id,
    JSON.stringify(legendJob(id, ["x"], delayMs)),
    timeoutMs === undefined ? {} : { timeoutMs },
  );
  // a rejection is the caller's to judge, once it awaits
  pending.catch(() => {});
  await waitFor(
    async () => (await client.hget(jobKey(id), "status")) === "running",
    30_000,
    "job running",
  );
  await busy(client, workerId);
  return { id, pending };
}

/** Sends SIGTERM and waits until the worker says it is stopping. */
async function stopRequested(w: Proc): Promise<void> {
  w.child.kill("SIGTERM");
  await waitFor(() => w.log().includes("worker stopping"), 30_000, "stopping");
}

Deno.test("e2e: a worker killed with SIGKILL while holding a job: the job is re-queued and finished by a second worker", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  const root = await Deno.makeTempDir({ prefix: "qsl_worker_e2e_" });
  const a = fixture(redis.url, "worker-a", root);
  let b: Proc | undefined;
  try {
    await registered(client, "worker-a");
    const id = crypto.randomUUID();
    const pending = submit(
      redis.url,
      id,
      JSON.stringify(legendJob(id, ["x", "y"], 1500)),
      { timeoutMs: 30_000 },
    );
    // A holds the job and has started it (so the attempt is counted)
    await waitFor(
      async () =>
        (await client.lrange(processingKey("worker-a"), 0, -1)).includes(id) &&
        (await client.hget(jobKey(id), "status")) === "running",
      30_000,
      "worker A running the job",
    );
    a.child.kill("SIGKILL");
    await a.child.status;
    b = fixture(redis.url, "worker-b", root);
    const { payload, hash } = await pending;
    const result = decodeResult(payload);
    assertEquals(hash.status, "succeed", "status");
    assertEquals(result.worker_id, "worker-b", "finished by B");
    assertEquals(hash.stalled, "1", "A died running it: counted");
    // pickle (the default) carries a JSON value as its bytes, as Python does
    const data = JSON.parse(
      new TextDecoder().decode(result.data as Uint8Array),
    );
    assertEquals(data.layers, ["x", "y"]);
    assertEquals(
      await client.exists(processingKey("worker-a")),
      0,
      "A's list gone",
    );
    assert(/re-queued from a dead worker/.test(b.log()), b.log());
  } finally {
    for (const p of [a, b]) {
      if (!p) continue;
      try {
        p.child.kill("SIGKILL");
      } catch { /* already gone */ }
      await p.child.status;
    }
    client.disconnect();
    await Deno.remove(root, { recursive: true });
    await redis.stop();
  }
});

Deno.test("e2e: SIGTERM lets the current job finish; the worker deregisters and exits 0", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  const root = await Deno.makeTempDir({ prefix: "qsl_worker_e2e_" });
  const w = fixture(redis.url, "worker-t", root);
  try {
    await registered(client, "worker-t");
    // 3 s: still running once busy shows
    const { pending } = await holdJob(redis.url, client, "worker-t", 3000);
    w.child.kill("SIGTERM");
    const { hash } = await pending;
    assertEquals(hash.status, "succeed", "the current job finished");
    const status = await w.child.status;
    assertEquals(status.code, 0, `exit code; log:\n${w.log()}`);
    assertEquals(await client.sismember("workers", "worker-t"), 0);
    assertEquals(await client.exists(workerKey("worker-t")), 0);
  } finally {
    try {
      w.child.kill("SIGKILL");
    } catch { /* already gone */ }
    await w.child.status;
    client.disconnect();
    await Deno.remove(root, { recursive: true });
    await redis.stop();
  }
});

Deno.test("e2e: --max-job-bytes: a larger job fails unread, naming the option; the next job runs", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  const root = await Deno.makeTempDir({ prefix: "qsl_worker_e2e_" });
  const w = fixture(redis.url, "worker-m", root, ["--max-job-bytes", "2000"]);
  try {
    await registered(client, "worker-m");
    const big = JSON.stringify(legendJob("big", ["a".repeat(1000)]));
    const r = await submit(redis.url, "big", big);
    assertEquals(r.hash.status, "failed", "over the limit");
    assertEquals(
      String(decodeResult(r.payload).data),
      `Cannot run job: its envelope has ${big.length} bytes, over the limit of 2000 (--max-job-bytes); it was not read`,
    );
    const id = crypto.randomUUID();
    const ok = await submit(
      redis.url,
      id,
      JSON.stringify(legendJob(id, ["x"])),
    );
    assertEquals(ok.hash.status, "succeed", "the next job");
  } finally {
    w.child.kill("SIGTERM");
    await w.child.status;
    client.disconnect();
    await Deno.remove(root, { recursive: true });
    await redis.stop();
  }
});

function encodeQml(qml: string): string {
  let bin = "";
  for (const b of deflateSync(new TextEncoder().encode(qml))) {
    bin += String.fromCharCode(b);
  }
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_");
}

const RED_FILL = encodeQml(
  `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0" alpha="1">
  <layer class="SimpleFill" enabled="1" pass="0"><prop k="color" v="255,0,0,255"/><prop k="outline_style" v="no"/></layer>
  </symbol></symbols></renderer-v2></qgis>`,
);

const PLANE = encodeQml(
  `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="marker" name="0" alpha="1">
  <layer class="SvgMarker" enabled="1" pass="0"><prop k="name" v="gpsicons/plane.svg"/><prop k="color" v="0,0,255,255"/><prop k="size" v="4"/></layer>
  </symbol></symbols></renderer-v2></qgis>`,
);

/** QGIS's SVG library, when installed here (package qgis-providers-common). */
const QGIS_SVG_INSTALLED = (() => {
  try {
    return Deno.statSync("/usr/share/qgis/svg/gpsicons/plane.svg").isFile;
  } catch {
    return false;
  }
})();

function renderJob(
  id: string,
  path: string,
  remote = false,
  style = RED_FILL,
) {
  return {
    id,
    type: "QslJobInfoRender",
    job: {
      layers: [{
        id: `square_${path}`,
        name: "square",
        source: JSON.stringify({ path }),
        remote,
        folder_name: "data",
        driver: "ogr",
        style: { name: "default", definition: style },
        filter: null,
      }],
      bbox: {
        x_min: 2599995,
        y_min: 1199995,
        x_max: 2600015,
        y_max: 1200015,
        z_min: 0,
        z_max: 0,
      },
      crs: "EPSG:2056",
      width: 20,
      height: 20,
      dpi: 96,
      format: "image/png",
      svg_paths: [],
    },
  };
}

async function python3(): Promise<boolean> {
  try {
    return (await new Deno.Command("python3", { args: ["-c", "1"] }).output())
      .success;
  } catch {
    return false;
  }
}
const HAS_PYTHON = await python3();

Deno.test("e2e: with exactly the README's permission flags the worker renders through Redis (pickle, to a Python-protocol client); paths leaving the data root fail", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  const base = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "qsl_worker_perm_" }),
  );
  const root = join(base, "root");
  await Deno.mkdir(join(root, "data"), { recursive: true });
  const square = JSON.stringify({
    type: "FeatureCollection",
    crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::2056" } },
    features: [{
      type: "Feature",
      properties: { n: 1 },
      geometry: {
        type: "Polygon",
        coordinates: [[
          [2600000, 1200000],
          [2600010, 1200000],
          [2600010, 1200010],
          [2600000, 1200010],
          [2600000, 1200000],
        ]],
      },
    }],
  });
  await Deno.writeTextFile(join(root, "data/square.geojson"), square);
  await Deno.writeTextFile(
    join(root, "data/point.geojson"),
    JSON.stringify({
      type: "FeatureCollection",
      crs: {
        type: "name",
        properties: { name: "urn:ogc:def:crs:EPSG::2056" },
      },
      features: [{
        type: "Feature",
        properties: {},
        geometry: { type: "Point", coordinates: [2600005, 1200005] },
      }],
    }),
  );
  await Deno.writeTextFile(join(base, "secret.geojson"), square);
  await Deno.symlink(
    join(base, "secret.geojson"),
    join(root, "data/link.geojson"),
  );
  // a remote source, served on an allowed host
  const http = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () =>
      new Response(square, {
        headers: { "content-type": "application/geo+json" },
      }),
  );
  const remoteHost = `127.0.0.1:${http.addr.port}`;
  // as `deno task worker` does first (a no-op when fresh)
  await bundleWorkerStart();
  // the README's run command, with this test's Redis and data root, this
  // repository as the installation folder
  const w = spawn([
    "run",
    "--unstable-lazy-dynamic-imports",
    `--allow-net=127.0.0.1:${redis.port},${remoteHost}`,
    `--allow-read=${root},/usr/share/qgis/svg,${REPO}`,
    `--allow-env=${WORKER_ENV_VARS.join(",")}`,
    "--allow-sys=hostname",
    MAIN,
    "run",
    "--redis-url",
    redis.url,
    "--data-root",
    root,
    "--result-format",
    "pickle",
    "--worker-id",
    "worker-p",
    "--remote-hosts",
    remoteHost,
  ]);
  try {
    await registered(client, "worker-p");
    assert(
      /worker starting .*modules=bundle/.test(w.log()),
      `started from its bundle:\n${w.log()}`,
    );
    let png: Uint8Array;
    const id = crypto.randomUUID();
    if (HAS_PYTHON) {
      const infoFile = join(base, "job.json");
      await Deno.writeTextFile(
        infoFile,
        JSON.stringify(renderJob(id, "square.geojson")),
      );
      const out = await new Deno.Command("python3", {
        args: [
          join(REPO, "tests/worker_python_client.py"),
          String(redis.port),
          id,
          infoFile,
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert(out.success, new TextDecoder().decode(out.stderr));
      const r = JSON.parse(new TextDecoder().decode(out.stdout));
      assertEquals(
        r.type,
        "qgis_server_light.interface.job.common.output.JobResult",
        "class",
      );
      assertEquals([r.status, r.id, r.content_type, r.worker_id], [
        "succeed",
        id,
        "image/png",
        "worker-p",
      ], "python result");
      png = Uint8Array.from(atob(r.data_b64), (c) => c.charCodeAt(0));
    } else {
      console.warn(
        "python3 not found: posting with the TypeScript client instead",
      );
      const { payload } = await submit(
        redis.url,
        id,
        JSON.stringify(renderJob(id, "square.geojson")),
      );
      png = decodeResult(payload).data as Uint8Array;
    }
    const img = decode(png);
    assertEquals([img.width, img.height], [20, 20], "size");
    const at = (x: number, y: number) =>
      Array.from(img.data.subarray((y * 20 + x) * 4, (y * 20 + x) * 4 + 4));
    assertEquals(at(10, 10), [255, 0, 0, 255], "inside the square");
    assertEquals(at(1, 1)[3], 0, "outside is transparent");

    for (
      const [path, expected] of [
        ["../../secret.geojson", /leaves the data root/],
        [join(base, "secret.geojson"), /absolute paths are not allowed/],
        ["link.geojson", /leaves the data root/],
        ["missing.geojson", /Cannot open layer 'square'/],
      ] as const
    ) {
      const jid = crypto.randomUUID();
      const { payload, hash } = await submit(
        redis.url,
        jid,
        JSON.stringify(renderJob(jid, path)),
      );
      const result = decodeResult(payload);
      assertEquals(hash.status, "failed", path);
      assert(expected.test(String(result.data)), `${path}: ${result.data}`);
    }
    const remote = crypto.randomUUID();
    assertEquals(
      (await submit(
        redis.url,
        remote,
        JSON.stringify(
          renderJob(remote, `http://${remoteHost}/square.geojson`, true),
        ),
      )).hash.status,
      "succeed",
      "remote source on the allow-list",
    );
    const refused = crypto.randomUUID();
    const r = await submit(
      redis.url,
      refused,
      JSON.stringify(
        renderJob(refused, `http://127.0.0.1:1/square.geojson`, true),
      ),
    );
    assertEquals(r.hash.status, "failed", "remote host not allowed");
    assert(
      /'127\.0\.0\.1:1' is not on the worker's allow-list/.test(
        String(decodeResult(r.payload).data),
      ),
      String(decodeResult(r.payload).data),
    );
    // a marker from QGIS's SVG library, by its relative name
    if (QGIS_SVG_INSTALLED) {
      const plane = crypto.randomUUID();
      const { payload, hash } = await submit(
        redis.url,
        plane,
        JSON.stringify(renderJob(plane, "point.geojson", false, PLANE)),
      );
      assertEquals(hash.status, "succeed", "QGIS SVG job");
      const p = decode(decodeResult(payload).data as Uint8Array);
      const blue = Array.from({ length: 400 }, (_, i) => i).filter((i) =>
        p.data[i * 4 + 2] > 200 && p.data[i * 4 + 3] > 200
      );
      assert(blue.length > 20, `gpsicons/plane.svg drawn: ${blue.length} px`);
      assert(!w.log().includes("is not in the SVG folders"), w.log());
    } else {
      console.warn(
        "QGIS's SVG library is not installed (apt-get install qgis-providers-common): its e2e check is skipped",
      );
    }
    // and the worker still serves
    const last = crypto.randomUUID();
    assertEquals(
      (await submit(
        redis.url,
        last,
        JSON.stringify(renderJob(last, "square.geojson")),
      )).hash.status,
      "succeed",
      "after failures",
    );
    assert(!w.log().includes("NotCapable"), w.log());
  } finally {
    w.child.kill("SIGTERM");
    const status = await w.child.status;
    client.disconnect();
    await http.shutdown();
    await Deno.remove(base, { recursive: true });
    await redis.stop();
    assertEquals(status.code, 0, `exit code; log:\n${w.log()}`);
  }
});

Deno.test({
  name: "e2e: Deno itself refuses reads outside the README's --allow-read",
  permissions: {
    read: [REPO],
    env: false,
    net: false,
    run: false,
    write: false,
  },
  async fn() {
    for (
      const path of [
        "/etc/passwd",
        join(REPO, "../outside.json"),
        join(NODE_MODULES, "../../../etc/passwd"),
      ]
    ) {
      let error: unknown;
      try {
        await Deno.readFile(path);
      } catch (e) {
        error = e;
      }
      assert(error instanceof Deno.errors.NotCapable, `${path}: ${error}`);
    }
  },
});

Deno.test("e2e: a second signal exits at once, leaving the held job for re-queueing", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  const root = await Deno.makeTempDir({ prefix: "qsl_worker_e2e_" });
  // No window for repeats (1 s in the product): any signal after the first
  // means "now", however late a loaded machine delivers it. The window
  // itself is the next test's.
  // The test runner's legend sleeps `width` ms: two minutes, so the job is
  // still running when the second signal comes.
  const w = fixture(redis.url, "worker-s", root, ["--max-width", "200000"], {
    QSL_TEST_REPEAT_SIGNAL_MS: "0",
  });
  try {
    await registered(client, "worker-s");
    const { id, pending } = await holdJob(
      redis.url,
      client,
      "worker-s",
      120_000,
      3000,
    );
    // the first signal is handled once its line shows: the next one is a
    // second request
    await stopRequested(w);
    w.child.kill("SIGINT");
    // the held job would take two minutes: well under that is "at once",
    // whatever the machine's load
    let timer: ReturnType<typeof setTimeout> | undefined;
    const status = await Promise.race([
      w.child.status,
      new Promise<never>((_, reject) =>
        timer = setTimeout(
          () => reject(new Error(`no exit in 60 s; log:\n${w.log()}`)),
          60_000,
        )
      ),
    ]).finally(() => clearTimeout(timer));
    assertEquals(status.code, 1, `exit code; log:\n${w.log()}`);
    assert(w.log().includes("second signal: exiting at once"), w.log());
    assertEquals(
      await client.lrange(processingKey("worker-s"), 0, -1),
      [id],
      "still held, for another worker to re-queue",
    );
    assert(
      await pending.then(() => false, () => true),
      "no result was published",
    );
  } finally {
    try {
      w.child.kill("SIGKILL");
    } catch { /* already gone */ }
    await w.child.status;
    client.disconnect();
    await Deno.remove(root, { recursive: true });
    await redis.stop();
  }
});

Deno.test("e2e: a repeated stop signal inside the window is the same request: the held job finishes, its result is published, exit code 0", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  const root = await Deno.makeTempDir({ prefix: "qsl_worker_e2e_" });
  // The product's window is 1 s; a minute here, so that a loaded machine's
  // delays between the two signals stay inside it. The worker says at debug
  // level when it ignores a repeat: the test waits for that line rather
  // than for a time.
  const w = fixture(
    redis.url,
    "worker-r",
    root,
    ["--max-width", "200000", "--log-level", "debug"],
    { QSL_TEST_REPEAT_SIGNAL_MS: "60000" },
  );
  try {
    await registered(client, "worker-r");
    // 20 s of work: the repeat comes while the job runs
    const { id, pending } = await holdJob(
      redis.url,
      client,
      "worker-r",
      20_000,
      120_000,
    );
    await stopRequested(w);
    w.child.kill("SIGINT");
    await waitFor(
      () => w.log().includes("repeated stop signal: ignored"),
      30_000,
      "repeat ignored",
    );
    assertEquals(
      await client.hget(jobKey(id), "status"),
      "running",
      `the job was still running when the repeat came; log:\n${w.log()}`,
    );
    const { hash } = await pending;
    assertEquals(hash.status, "succeed", "the held job finished");
    const status = await w.child.status;
    assertEquals(
      [status.code, status.signal],
      [0, null],
      `exit; log:\n${w.log()}`,
    );
    assert(!w.log().includes("second signal"), w.log());
  } finally {
    try {
      w.child.kill("SIGKILL");
    } catch { /* already gone */ }
    await w.child.status;
    client.disconnect();
    await Deno.remove(root, { recursive: true });
    await redis.stop();
  }
});

Deno.test("e2e: the duplicate of a stop signal that arrives after the worker has stopped is ignored: exit code 0, not death by the signal", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  const root = await Deno.makeTempDir({ prefix: "qsl_worker_e2e_" });
  // `deno task` forwards the signal it gets from the process group a moment
  // after the worker got its own; an idle worker may have stopped by then
  const w = fixture(redis.url, "worker-d", root, [], {
    QSL_TEST_REPEAT_SIGNAL_MS: "60000",
    QSL_TEST_LINGER_MS: "3000",
  });
  try {
    await registered(client, "worker-d");
    w.child.kill("SIGTERM");
    await waitFor(
      () => w.log().includes("worker stopped"),
      30_000,
      "stopped",
    );
    w.child.kill("SIGTERM");
    const status = await w.child.status;
    assertEquals(
      [status.code, status.signal],
      [0, null],
      `exit; log:\n${w.log()}`,
    );
  } finally {
    try {
      w.child.kill("SIGKILL");
    } catch { /* already gone */ }
    await w.child.status;
    client.disconnect();
    await Deno.remove(root, { recursive: true });
    await redis.stop();
  }
});

/** A python3 that can import `module`, or undefined. */
async function pythonWith(module: string): Promise<string | undefined> {
  for (const python of ["python3", "/usr/bin/python3"]) {
    try {
      const out = await new Deno.Command(python, {
        args: ["-c", `import ${module}`],
        stdout: "null",
        stderr: "null",
      }).output();
      if (out.success) return python;
    } catch { /* not there */ }
  }
  return undefined;
}

/**
 * The upstream project's git snapshot (the `fetch` tool's mirror beside the
 * worktree, or `QSL_UPSTREAM_GIT`), or undefined.
 */
function upstreamGit(): string | undefined {
  const dir = Deno.env.get("QSL_UPSTREAM_GIT") ??
    join(REPO, "../.mirror/opengisch+qgis-server-light/repo");
  try {
    Deno.statSync(join(dir, "HEAD"));
    return dir;
  } catch {
    return undefined;
  }
}

/** Extracts the upstream Python package from the snapshot into `into`. */
async function extractUpstream(git: string, into: string): Promise<string> {
  const archive = await new Deno.Command("git", {
    args: ["--git-dir", git, "archive", "HEAD", "src/qgis_server_light"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert(archive.success, new TextDecoder().decode(archive.stderr));
  const tar = new Deno.Command("tar", {
    args: ["-x", "-C", into],
    stdin: "piped",
  }).spawn();
  const w = tar.stdin.getWriter();
  await w.write(archive.stdout);
  await w.close();
  assert((await tar.status).success, "tar -x");
  return join(into, "src");
}

/** A map of the demo's zones, red, as any client would post it. */
function demoZonesJob(id: string) {
  const job = renderJob(id, "zones.geojson");
  job.job.bbox = {
    x_min: 2599000,
    y_min: 1194000,
    x_max: 2607000,
    y_max: 1204000,
    z_min: 0,
    z_max: 0,
  };
  job.job.width = 64;
  job.job.height = 80;
  return job;
}

function redPixels(png: Uint8Array): number {
  const img = decode(png);
  let red = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    if (img.data[i] === 255 && img.data[i + 1] === 0 && img.data[i + 3] > 0) {
      red++;
    }
  }
  return red;
}

Deno.test("e2e: the Quick start worker (`deno task worker`, -P=worker, default result format) answers the Python protocol and the upstream RedisQueue.post; SIGTERM to its process group exits 0", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  const tmp = await Deno.makeTempDir({ prefix: "qsl_quickstart_" });
  // As the README's Quick start runs it; `timeout` puts it in a process group
  // of its own and, when signalled, signals the child and the whole group
  // (deno task forwards the signal too: the worker gets two).
  const w = spawnCommand("timeout", [
    "--preserve-status",
    "-s",
    "TERM",
    "300",
    Deno.execPath(),
    "task",
    "worker",
  ], { QSL_REDIS_URL: redis.url, QSL_WORKER_ID: "quickstart" });
  try {
    await registered(client, "quickstart");
    const clients: [string, string[]][] = [];
    const python = await pythonWith("socket");
    if (python) {
      clients.push(["stand-in", [
        python,
        join(REPO, "tests/worker_python_client.py"),
        String(redis.port),
      ]]);
    } else console.warn("python3 not found: the Python-protocol case skipped");
    const git = upstreamGit();
    const withRedis = await pythonWith("redis.asyncio");
    if (git && withRedis) {
      const src = await extractUpstream(git, tmp);
      clients.push(["upstream RedisQueue", [
        withRedis,
        join(REPO, "tests/worker_upstream_client.py"),
        src,
        redis.url,
      ]]);
    } else {
      console.warn(
        `upstream client case skipped: ${
          git ? "" : "no snapshot of opengisch/qgis-server-light " +
            "(../.mirror/opengisch+qgis-server-light/repo or QSL_UPSTREAM_GIT)"
        }${git || withRedis ? "" : "; "}${
          withRedis ? "" : "no python3 with redis-py (Debian: python3-redis)"
        }`,
      );
    }
    for (const [name, args] of clients) {
      const id = crypto.randomUUID();
      const infoFile = join(tmp, `${id}.json`);
      await Deno.writeTextFile(infoFile, JSON.stringify(demoZonesJob(id)));
      const stand = name === "stand-in";
      const out = await new Deno.Command(args[0], {
        args: [...args.slice(1), ...(stand ? [id] : []), infoFile],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const err = new TextDecoder().decode(out.stderr);
      assert(out.success, `${name}: ${err}\nworker log:\n${w.log()}`);
      if (err.includes("stand-in")) console.warn(`${name}: ${err.trim()}`);
      const r = JSON.parse(new TextDecoder().decode(out.stdout));
      assertEquals(
        r.type,
        "qgis_server_light.interface.job.common.output.JobResult",
        `${name}: class`,
      );
      assertEquals([r.status, r.content_type, r.worker_id], [
        "succeed",
        "image/png",
        "quickstart",
      ], `${name}: result`);
      if (stand) assertEquals(r.id, id, "id");
      const png = Uint8Array.from(atob(r.data_b64), (c) => c.charCodeAt(0));
      const img = decode(png);
      assertEquals([img.width, img.height], [64, 80], `${name}: size`);
      assert(redPixels(png) > 500, `${name}: the zones are drawn`);
    }
  } finally {
    w.child.kill("SIGTERM");
    const status = await w.child.status;
    client.disconnect();
    await Deno.remove(tmp, { recursive: true });
    await redis.stop();
    assertEquals(status.code, 0, `exit code; log:\n${w.log()}`);
    assert(w.log().includes("worker stopped"), w.log());
  }
});

async function killed(p: Proc | undefined): Promise<void> {
  if (!p) return;
  try {
    p.child.kill("SIGKILL");
  } catch { /* already gone */ }
  await p.child.status;
}

Deno.test("e2e: only a worker's death while running a job counts against it (--max-attempts 1): one killed after finishing it does not, one killed mid-job does", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  const root = await Deno.makeTempDir({ prefix: "qsl_worker_e2e_" });
  const procs: Proc[] = [];
  const start = (id: string) => {
    const p = fixture(redis.url, id, root, ["--max-attempts", "1"]);
    procs.push(p);
    return p;
  };
  // posted without a subscriber: the worker re-publishes to nobody for 5 s
  // with the job still in its processing list
  const post = async (id: string, delayMs: number) => {
    await client.multi()
      .hset(jobKey(id), {
        info: JSON.stringify(legendJob(id, ["x"], delayMs)),
        info_type: "QslJobInfoLegend",
        status: "queued",
      })
      .rpush("jobs", id)
      .exec();
  };
  const held = async (worker: string, id: string, status: string) =>
    (await client.lrange(processingKey(worker), 0, -1)).includes(id) &&
    (await client.hget(jobKey(id), "status")) === status;
  try {
    // 1. killed after finishing: not counted, the job runs again and succeeds
    const done = crypto.randomUUID();
    const a = start("worker-a");
    await post(done, 0);
    await waitFor(() => held("worker-a", done, "succeed"), 20_000, "A done");
    await killed(a);
    const b = start("worker-b");
    // a new worker process starts and reaps A: at load 20+ on two cores that
    // took over 30 s once (CI 2026-12-07), so the waits after a start are 60 s
    await waitFor(
      () =>
        b.log().includes(`"id":"${done}"`) &&
        b.log().includes('"message":"job"'),
      60_000,
      "B ran the job again",
    );
    assertEquals(await client.hget(jobKey(done), "status"), "succeed", b.log());
    assertEquals(await client.hget(jobKey(done), "stalled"), null, "stalled");
    // 2. killed mid-job: counted; the next worker fails it without running it
    const dies = crypto.randomUUID();
    await post(dies, 8000); // ms (within --max-width, which carries it)
    await waitFor(() => held("worker-b", dies, "running"), 20_000, "B runs");
    await killed(b);
    const c = start("worker-c");
    await waitFor(
      async () => (await client.hget(jobKey(dies), "status")) === "failed",
      60_000,
      "C failed the job",
    );
    assertEquals(await client.hget(jobKey(dies), "stalled"), "1", "stalled");
    // its log line follows once re-publishing to nobody gives up
    await waitFor(
      () =>
        /workers died while running it 1 times \(limit 1; only a worker's death during the job counts/
          .test(c.log()),
      30_000,
      `the poison pill's message in C's log:\n${c.log()}`,
    );
  } finally {
    for (const p of procs) await killed(p);
    client.disconnect();
    await Deno.remove(root, { recursive: true });
    await redis.stop();
  }
});

Deno.test("e2e: a permission denial at start stops the worker with one line and exit 1 instead of retrying (`deno task worker` with a Redis or data root it may not use)", async () => {
  for (
    const [args, expected] of [
      [
        ["--redis-url", "redis://192.0.2.1:6379"],
        /^.*ERROR +Cannot connect to Redis: Deno grants no network access to 192\.0\.2\.1:6379 \(--allow-net\)/,
      ],
      [
        ["--data-root", "/etc"],
        /^Cannot use data root '\/etc': Deno grants no read access to it \(--allow-read\)$/,
      ],
    ] as const
  ) {
    const w = spawnCommand(Deno.execPath(), ["task", "worker", ...args]);
    const timer = setTimeout(() => w.child.kill("SIGKILL"), 30_000);
    const status = await w.child.status;
    clearTimeout(timer);
    const lines = w.log().split("\n").filter((l) =>
      l !== "" && !l.startsWith("Task ") && !l.startsWith("Warning ")
    );
    assertEquals(status.code, 1, `exit code; log:\n${w.log()}`);
    assert(lines.length === 1 && expected.test(lines[0]), w.log());
  }
});

const RED_TILES = encodeQml(
  `<qgis><renderer type="basic"><styles><style name="zones" layer="zones" geometry="2" enabled="1" expression="" min-zoom="-1" max-zoom="-1">
  <symbols><symbol type="fill" name="0" alpha="1"><layer class="SimpleFill" enabled="1" pass="0"><prop k="color" v="255,0,0,255"/><prop k="outline_style" v="no"/></layer></symbol></symbols>
  </style></styles></renderer></qgis>`,
);

Deno.test("e2e: a vector tile layer (MBTiles) posted by the upstream RedisQueue client is drawn by a worker with read access only (node:sqlite read-only)", async () => {
  const git = upstreamGit();
  const python = await pythonWith("redis.asyncio");
  if (!git || !python) {
    console.warn(
      "vector tile upstream client case skipped: no upstream snapshot or no python3 with redis-py",
    );
    return;
  }
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  const tmp = await Deno.makeTempDir({ prefix: "qsl_vectortiles_e2e_" });
  const data = "tests/parity/vectortiles/data";
  // the worker permission set's, reading this data root instead of demo/
  // (no write: node:sqlite opens the file read-only)
  const w = spawn([
    "run",
    `--allow-read=${data},node_modules,worker,interface,deno.json,deno.lock`,
    "--allow-net=127.0.0.1,localhost",
    "--allow-env",
    "--allow-sys=hostname",
    "worker/main.ts",
    "run",
    "--redis-url",
    redis.url,
    "--data-root",
    data,
    "--worker-id",
    "tiles",
  ]);
  try {
    await registered(client, "tiles");
    const src = await extractUpstream(git, tmp);
    const id = crypto.randomUUID();
    const job = renderJob(id, "tiles.mbtiles", false, RED_TILES);
    Object.assign(job.job.layers[0], {
      id: "tiles",
      name: "tiles",
      driver: "mbtilesvectortiles",
      folder_name: "",
      // the exporter's vector_tile source, as a client forwards it
      source: JSON.stringify({ type: "mbtiles", path: "tiles.mbtiles" }),
    });
    // inside zone 1 of tests/parity/vectortiles/make_references.py
    job.job.bbox = {
      x_min: 825700,
      y_min: 5926100,
      x_max: 826500,
      y_max: 5926700,
      z_min: 0,
      z_max: 0,
    };
    job.job.crs = "EPSG:3857";
    const infoFile = join(tmp, `${id}.json`);
    await Deno.writeTextFile(infoFile, JSON.stringify(job));
    const out = await new Deno.Command(python, {
      args: [
        join(REPO, "tests/worker_upstream_client.py"),
        src,
        redis.url,
        infoFile,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const err = new TextDecoder().decode(out.stderr);
    assert(out.success, `${err}\nworker log:\n${w.log()}`);
    const r = JSON.parse(new TextDecoder().decode(out.stdout));
    assertEquals([r.status, r.content_type], ["succeed", "image/png"], w.log());
    const png = Uint8Array.from(atob(r.data_b64), (c) => c.charCodeAt(0));
    assertEquals(redPixels(png), 400, "the zone fills the map");
  } finally {
    w.child.kill("SIGTERM");
    await w.child.status;
    client.disconnect();
    await Deno.remove(tmp, { recursive: true });
    await redis.stop();
  }
});

Deno.test("e2e: a job stuck in a call that cannot be interrupted: the watchdog logs one line and kills the worker with SIGKILL; the job stays in processing:{worker} for re-queueing", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  const root = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "qsl_worker_e2e_" }),
  );
  // the watchdog under the README's permissions (no --allow-run): see
  // worker/queue/watchdog_test.ts; the fixture (test runners) runs from
  // sources, which need more
  const w = fixture(
    redis.url,
    "worker-s",
    root,
    ["--max-job-seconds", "1"],
    { QSL_TEST_WATCHDOG_GRACE_SECONDS: "1" },
  );
  try {
    await registered(client, "worker-s");
    const id = crypto.randomUUID();
    await client.multi()
      .hset(jobKey(id), {
        info: JSON.stringify(legendJob(id, ["spin"])),
        info_type: "QslJobInfoLegend",
        status: "queued",
      })
      .rpush("jobs", id)
      .exec();
    // bound against a hang only: the watchdog acts after about 2 s
    let timer: ReturnType<typeof setTimeout> | undefined;
    const status = await Promise.race([
      w.child.status,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`worker still alive after 60 s:\n${w.log()}`)),
          60_000,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    assertEquals(status.signal, "SIGKILL", `killed by SIGKILL:\n${w.log()}`);
    assertEquals(status.code, 137, "exit status");
    const lines = w.log().split("\n").filter((l) => l.includes("stuck for"));
    assertEquals(lines.length, 1, `one watchdog line:\n${w.log()}`);
    const line = JSON.parse(lines[0]);
    assertEquals(line.level, "error", "level");
    assertEquals(line.id, id, "job id");
    assertEquals(line.worker_id, "worker-s", "worker id");
    assert(
      line.elapsed_s >= 2 &&
        new RegExp(
          `^Cannot finish job ${id}: stuck for ${line.elapsed_s} s in a call that cannot be interrupted; exiting so that a supervisor restarts the worker and another worker re-queues the job$`,
        ).test(line.message),
      `the line: ${lines[0]}`,
    );
    assert(!w.log().includes("s3cr3t"), "no secret in the log");
    assertEquals(
      await client.lrange(processingKey("worker-s"), 0, -1),
      [id],
      "held for re-queueing",
    );
    assertEquals(await client.hget(jobKey(id), "status"), "running", "status");
  } finally {
    await killed(w);
    client.disconnect();
    await Deno.remove(root, { recursive: true });
    await redis.stop();
  }
});

Deno.test("e2e: the watchdog leaves alone a long job within its budget, and the idle worker after it", async () => {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  const root = await Deno.makeTempDir({ prefix: "qsl_worker_e2e_" });
  // allowed 5 + 1 s; the job takes 3 s (past the grace alone), and the
  // worker then idles past the allowance: a job's end must be marked
  const w = fixture(redis.url, "worker-l", root, ["--max-job-seconds", "5"], {
    QSL_TEST_WATCHDOG_GRACE_SECONDS: "1",
  });
  try {
    await registered(client, "worker-l");
    const long = crypto.randomUUID();
    const r = await submit(
      redis.url,
      long,
      JSON.stringify(legendJob(long, ["a"], 3000)),
      { timeoutMs: 60_000 },
    );
    assertEquals(r.hash.status, "succeed", w.log());
    await new Promise((r) => setTimeout(r, 8000));
    const next = crypto.randomUUID();
    const n = await submit(
      redis.url,
      next,
      JSON.stringify(legendJob(next, ["b"])),
      { timeoutMs: 60_000 },
    );
    assertEquals(n.hash.status, "succeed", w.log());
    assert(!w.log().includes("stuck for"), `no watchdog line:\n${w.log()}`);
  } finally {
    await killed(w);
    client.disconnect();
    await Deno.remove(root, { recursive: true });
    await redis.stop();
  }
});
