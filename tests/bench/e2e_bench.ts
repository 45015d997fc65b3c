/**
 * End-to-end speed and memory of the worker, as the issues ask: every job of
 * `../shared/reference/` posted with the interface's `RedisQueue.post`
 * through a private redis-server to ONE worker process (started with the
 * README's permission flags, and the environment and V8 flags of the
 * `worker` task in deno.json), median end-to-end time next to the Python
 * worker's figure; then 1,000 mixed jobs (renders, every 5th a feature job)
 * with the worker's resident memory (`VmRSS` of its `/proc/<pid>/status`) at
 * start and after every 10th job: its peak, and the medians of the second and the last quarter of the
 * jobs (growing means the last is more than 5 % above the second).
 * `all_lv95 (PostGIS)` is the demo map with its GeoPackage layers loaded into
 * a database of its own on the machine's PostgreSQL (127.0.0.1:5432, dropped
 * at the end; left out with a message when there is none), timed next to the
 * GeoPackage map and the Python worker's 137 ms for the same map from PostGIS.
 *
 * ```sh
 * deno task bench:e2e            # or: deno run -A tests/bench/e2e_bench.ts
 * deno run -A tests/bench/e2e_bench.ts --runs 21 --memory-jobs 2000
 * deno run -A tests/bench/e2e_bench.ts --smaps /tmp/worker.smaps # keep the worker's memory map
 * deno run -A tests/bench/e2e_bench.ts --only zones_outline_style,all_lv95 # memory of some jobs
 * deno run -A tests/bench/e2e_bench.ts --worker-env MALLOC_ARENA_MAX=2 # another start setting
 * deno run -A tests/bench/e2e_bench.ts --memory-report # the worker's own account of its memory
 * deno run -A tests/bench/e2e_bench.ts --stages --memory-jobs 0 # the worker's stages per job
 * deno run -A tests/bench/e2e_bench.ts --worker-v8 --enable-experimental-regexp-engine-on-excessive-backtracks # other V8 flags ('' for none)
 * deno run -A tests/bench/e2e_bench.ts --hwm-trace # every rise of the worker's VmHWM, with the job that made it
 * deno run -A tests/bench/e2e_bench.ts --rss-kinds # its memory map by kind at its highest moment and at the end
 * deno run -A tests/bench/e2e_bench.ts --hwm-trace --worker-v8 --optimize-for-size,--trace-gc --worker-log /tmp/w.log # its output, with a line per job
 * deno run -A tests/bench/e2e_bench.ts --worker-v8 --optimize-for-size,--trace-opt # V8's compilations per mixed job
 * deno run -A tests/bench/e2e_bench.ts --jobs placenames_features --runs 201 --memory-jobs 0 # some jobs only
 * ```
 *
 * It is a script, not a `Deno.bench` file: the figures need one worker and
 * one Redis for the whole run, which `Deno.bench` cannot share between cases.
 * Under `deno bench` (not the main module) it registers nothing and says so.
 * Exit code 1 when a job fails, when memory is over 256 MB after the jobs or
 * at any moment (the worker's `VmHWM`, its peak, read at the end), or when
 * it is still growing.
 *
 * @module
 */
import { Redis } from "ioredis";
import { bundleWorkerStart } from "../../worker/bundle.ts";
import { RedisQueue } from "../../interface/redis_queue.ts";
import { WORKERS_KEY } from "../../interface/protocol.ts";
import type { QslJobInfo } from "../../interface/job/input.ts";
import { startTestRedis } from "../redis_server.ts";
import { REFERENCE_DIR } from "../reference.ts";
import {
  baselineJob,
  type BenchJob,
  loadJobs,
  median,
  mixedRender,
  procCpuSeconds,
  procMb,
  spawnWorker,
  workerTaskSettings,
} from "./_util.ts";
import {
  createTestDatabase,
  loadLayer,
  PG_HOST,
  PG_PORT,
  postgisLayer,
  type TestDatabase,
} from "../../worker/sources/postgres/_test_util.ts";

/** The Python worker's figures (`../shared/reference/README.md`), ms. */
const PYTHON_MS: Record<string, number> = {
  bui20220630: 97,
  placenames: 158,
  placenames_features: 10,
  all_lv95: 80,
  "all_lv95 (PostGIS)": 137,
  zones_outline_style: 16,
};
/** The Python worker's resident memory, MB. */
const PYTHON_RSS_MB = 256;

function argString(flag: string): string | undefined {
  const i = Deno.args.indexOf(flag);
  return i >= 0 ? Deno.args[i + 1] : undefined;
}

function argNumber(flag: string, fallback: number): number {
  const i = Deno.args.indexOf(flag);
  return i >= 0 ? Number(Deno.args[i + 1]) : fallback;
}

/**
 * `all_lv95` with its `ogr` layers read from PostGIS: the GeoPackage's layers
 * loaded into `db` (schema `demo`), the job's sources pointing there.
 */
async function postgisJob(
  root: string,
  jobs: BenchJob[],
  db: TestDatabase,
): Promise<BenchJob | null> {
  const file = jobs.find((j) => j.name === "all_lv95");
  if (!file) return null;
  const params = structuredClone(file.params) as unknown as {
    layers: {
      id: string;
      name: string;
      driver: string;
      source: string;
      folder_name?: string | null;
      remote?: boolean | null;
    }[];
  };
  const ctx = { dataRoot: root, remoteHosts: [] };
  for (const [i, layer] of params.layers.entries()) {
    if (layer.driver !== "ogr") continue;
    const table = JSON.parse(layer.source).layerName as string;
    await loadLayer(db.sql, layer, ctx, "demo", table, 2056);
    const pg = postgisLayer(db.name, "demo", table, {
      key: '"fid"',
      srid: "2056",
    });
    params.layers[i] = {
      ...layer,
      driver: "postgres",
      source: pg.source,
      remote: true,
    };
  }
  return {
    name: "all_lv95 (PostGIS)",
    type: file.type,
    params: params as unknown as QslJobInfo["job"],
  };
}

/** Stops the `--rss-kinds` sampler and prints its two memory maps. */
async function printKinds(sampler: Worker): Promise<void> {
  const { peakMb, atPeak, atEnd } = await new Promise<{
    peakMb: number;
    atPeak: Record<string, number>;
    atEnd: Record<string, number>;
  }>((resolve) => {
    sampler.onmessage = (e) => resolve(e.data);
    sampler.postMessage("stop");
  });
  sampler.terminate();
  console.log(
    `\nThe worker's resident memory by kind of mapping (MiB), at its highest ` +
      `sampled moment (${peakMb.toFixed(1)} MiB) and at the end:\n`,
  );
  console.log("| kind | at the peak | at the end | peak − end |");
  console.log("| --- | ---: | ---: | ---: |");
  const kinds = [...new Set([...Object.keys(atPeak), ...Object.keys(atEnd)])]
    .sort();
  for (const k of kinds) {
    const p = atPeak[k] ?? 0, e = atEnd[k] ?? 0;
    console.log(
      `| ${k} | ${p.toFixed(1)} | ${e.toFixed(1)} | ${(p - e).toFixed(1)} |`,
    );
  }
}

/**
 * The worker's `memory` log lines (worker/queue/memory.ts): process figures
 * every 100 jobs, and what each holder held at the last one.
 */
function printMemoryReports(reports: Record<string, unknown>[]): void {
  if (reports.length === 0) {
    console.log("\nno memory report from the worker");
    return;
  }
  const held = (r: Record<string, unknown>) =>
    (r.held_mb ?? {}) as Record<string, number>;
  console.log(
    "\nThe worker's own account (MB; jobs counted since its start, " +
      "warm-up and timing included; wasm.*: linear memory allocated):\n",
  );
  console.log(
    "| jobs | RSS | V8 heap total | V8 heap used | V8 heap live | external | V8 malloc (peak) | wasm.gdal | wasm.canvaskit |",
  );
  console.log(
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const r of reports) {
    console.log(
      `| ${r.jobs} | ${r.rss_mb} | ${r.heap_total_mb} | ${r.heap_used_mb} | ${
        r.heap_live_mb ?? "—"
      } | ${r.external_mb} | ${r.malloced_mb ?? "—"} (${
        r.peak_malloced_mb ?? "—"
      }) | ${held(r)["wasm.gdal"] ?? 0} | ${held(r)["wasm.canvaskit"] ?? 0} |`,
    );
  }
  const last = reports[reports.length - 1];
  console.log(
    `\nheld at job ${last.jobs}: ${
      Object.entries(held(last)).map(([k, v]) => `${k} ${v}`).join(", ")
    }`,
  );
}

/**
 * Medians of the worker's stages (its `job` log lines) for each timed job,
 * and what is left of the end-to-end time: the client (validating, posting,
 * decoding) and Redis's transport.
 */
function printStages(
  timed: BenchJob[],
  times: Map<BenchJob, number[]>,
  ids: Map<BenchJob, string[]>,
  jobLines: Map<string, Record<string, number>>,
): void {
  const names = [
    "take",
    "decode",
    "run",
    "collect",
    "encode_result",
    "publish_and_remove",
  ];
  console.log(
    "\nWhere the time went, medians (ms): the worker's stages (take: " +
      "the take script's reply; decode: the envelope's JSON, schema and " +
      "limits; run: the runner; collect: V8's heap " +
      "collected between jobs, when it grew; encode_result: the " +
      "pickle; publish_and_remove: the finish script), and end to end " +
      "minus the worker's stages (the client and Redis):\n",
  );
  console.log(
    `| job | end to end | ${names.join(" | ")} | worker | rest |`,
  );
  console.log(`| --- |${" ---: |".repeat(names.length + 3)}`);
  for (const job of timed) {
    const lines = ids.get(job)!.map((id) => jobLines.get(id));
    if (lines.some((l) => l === undefined)) {
      console.log(`| ${job.name} | no job line for some posts |`);
      continue;
    }
    const sums = lines.map((l) => names.reduce((n, k) => n + (l![k] ?? 0), 0));
    const rest = times.get(job)!.map((ms, i) => ms - sums[i]);
    console.log(
      `| ${job.name} | ${median(times.get(job)!).toFixed(2)} | ${
        names.map((k) => median(lines.map((l) => l![k] ?? 0)).toFixed(2))
          .join(" | ")
      } | ${median(sums).toFixed(2)} | ${median(rest).toFixed(2)} |`,
    );
  }
}

async function run(): Promise<number> {
  if (REFERENCE_DIR === undefined) {
    console.log(
      "e2e bench skipped: ../shared/reference is absent (nothing to post)",
    );
    return 0;
  }
  // as `deno task worker` does before it starts the worker
  console.log(`worker/start.bundle.js: ${await bundleWorkerStart()}`);
  const root = REFERENCE_DIR;
  const runs = argNumber("--runs", 11);
  const warmups = argNumber("--warmups", 2);
  const memoryJobs = argNumber("--memory-jobs", 1000);
  // --jobs a,b: only these (and the baseline) posted and timed
  const only = argString("--jobs")?.split(",");
  const jobs = loadJobs(root).filter((j) => !only || only.includes(j.name));
  const baseline = baselineJob();
  let db: TestDatabase | null = null;
  try {
    db = await createTestDatabase();
    const pg = await postgisJob(root, jobs, db);
    if (pg) jobs.push(pg);
  } catch (e) {
    console.log(
      `all_lv95 (PostGIS) left out: no PostgreSQL with PostGIS at ${PG_HOST}:${PG_PORT} (${
        (e as Error).message.slice(0, 120)
      })`,
    );
  }

  const redis = await startTestRedis();
  const settings = workerTaskSettings();
  // --worker-env "NAME=value NAME=value": try a start setting against the task's
  for (
    const pair of argString("--worker-env")?.split(/\s+/).filter(Boolean) ?? []
  ) {
    const [name, ...value] = pair.split("=");
    settings.env[name] = value.join("=");
  }
  // --worker-v8 "<flags>": the worker's --v8-flags instead of the task's
  const v8 = argString("--worker-v8");
  if (v8 !== undefined) settings.v8 = v8 === "" ? [] : [`--v8-flags=${v8}`];
  console.log(
    `worker started ${
      v8 === undefined ? "as the deno.json task does" : "with --worker-v8"
    }: ${
      [
        ...Object.entries(settings.env).map(([k, v]) => `${k}=${v}`),
        ...settings.v8,
      ].join(" ") || "no environment or V8 flags"
    }`,
  );
  // --memory-report: the worker's own account of its memory (its `memory`
  // log lines, every 100 jobs at the debug level), printed at the end
  const memoryLines = Deno.args.includes("--memory-report");
  // --stages: where each timed job's time went in the worker (the
  // `stages_ms` of its `job` log line, matched by job id)
  const stagesWanted = Deno.args.includes("--stages");
  const spawned = spawnWorker({
    redisUrl: redis.url,
    dataRoot: root,
    allowNet: [`${PG_HOST}:${PG_PORT}`],
    settings,
    ...(memoryLines || stagesWanted
      ? {
        logLevel: memoryLines ? "debug" : "info",
        args: ["--log-format", "json"],
      }
      : {}),
  });
  // --worker-log FILE: every line the worker writes (V8's --trace-gc …)
  const workerLog = argString("--worker-log");
  const logFile = workerLog
    ? Deno.openSync(workerLog, { write: true, create: true, truncate: true })
    : null;
  const logEnc = new TextEncoder();
  const logMark = (line: string): void =>
    void logFile?.writeSync(logEnc.encode(line + "\n"));
  if (logFile) spawned.onLine(logMark);
  // V8's optimizing compilations during the mixed jobs, counted from its
  // --trace-opt lines (`--worker-v8 …,--trace-opt`): a hot function compiled
  // again and again is compile CPU in every job (session 23)
  const compiled = { counting: false, turbofan: 0, maglev: 0, ms: 0 };
  spawned.onLine((line) => {
    if (!compiled.counting) return;
    const m = line.match(
      /^\[completed compiling .*\(target (\w+)\)(?: OSR)? - took ([\d.]+), ([\d.]+), ([\d.]+) ms/,
    );
    if (!m) return;
    if (m[1].startsWith("TURBOFAN")) compiled.turbofan++;
    else if (m[1] === "MAGLEV") compiled.maglev++;
    compiled.ms += Number(m[2]) + Number(m[3]) + Number(m[4]);
  });
  const reports: Record<string, unknown>[] = [];
  const jobLines = new Map<string, Record<string, number>>();
  if (memoryLines || stagesWanted) {
    spawned.onLine((line) => {
      const memory = line.includes('"message":"memory"');
      if (!memory && !(stagesWanted && line.includes('"message":"job"'))) {
        return;
      }
      try {
        const entry = JSON.parse(line);
        if (memory) reports.push(entry);
        else jobLines.set(entry.id, entry.stages_ms ?? {});
      } catch { /* not a log line */ }
    });
  }
  const worker = spawned.child;
  const queue = RedisQueue.create(redis.url);
  let failures = 0;
  const post = async (job: BenchJob, id?: string): Promise<number> => {
    const t0 = performance.now();
    const { status, result } = await queue.post(job.params as never, {
      type: job.type,
      timeoutMs: 60_000,
      id,
    });
    const ms = performance.now() - t0;
    if (status !== "succeed") {
      failures++;
      const why = typeof result.data === "string"
        ? result.data
        : JSON.stringify(result.data).slice(0, 200);
      throw new Error(`${job.name}: ${status}: ${why}`);
    }
    return ms;
  };

  const client = new Redis(redis.url);
  // --hwm-trace: every rise of the worker's VmHWM, with the job just answered
  const hwmTrace = Deno.args.includes("--hwm-trace");
  let hwmLast = 0;
  const rises: string[] = [];
  const watchHwm = (phase: string, job: string): void => {
    if (!hwmTrace) return;
    const hwm = procMb(worker.pid, "VmHWM");
    logMark(
      `### ${phase} ${job} RSS ${procMb(worker.pid).toFixed(1)} HWM ${
        hwm.toFixed(1)
      }`,
    );
    if (hwm > hwmLast + 0.05) {
      rises.push(
        `${phase} ${job}: VmHWM ${hwmLast.toFixed(1)} -> ${hwm.toFixed(1)} ` +
          `(RSS ${procMb(worker.pid).toFixed(1)})`,
      );
      hwmLast = hwm;
    }
  };
  try {
    // Registered = both engines loaded (the worker warms up before it
    // registers), the state a job first meets.
    const t = Date.now();
    while ((await client.scard(WORKERS_KEY)) === 0) {
      if (Date.now() - t > 60_000) throw new Error("worker did not register");
      await new Promise((r) => setTimeout(r, 50));
    }
    // --rss-kinds: the worker's memory map by kind at its highest sampled
    // moment and at the end (what stands above the resident set at the peak)
    const sampler = Deno.args.includes("--rss-kinds")
      ? new Worker(new URL("./_rss_sampler.ts", import.meta.url), {
        type: "module",
      })
      : null;
    sampler?.postMessage(worker.pid);
    const rssStart = procMb(worker.pid);
    const hwmStart = procMb(worker.pid, "VmHWM");
    // Warm-up: the first job waits for the engines (GDAL, Skia) to load.
    const served = new Map<BenchJob, string | null>();
    for (const job of [baseline, ...jobs]) {
      try {
        for (let i = 0; i < warmups; i++) {
          await post(job);
          watchHwm("warm-up", job.name);
        }
        served.set(job, null);
      } catch (e) {
        served.set(job, (e as Error).message.slice(0, 160));
      }
    }
    const timed = [baseline, ...jobs].filter((j) => served.get(j) === null);
    const times = new Map<BenchJob, number[]>(timed.map((j) => [j, []]));
    const ids = new Map<BenchJob, string[]>(timed.map((j) => [j, []]));
    // Interleaved rounds, so drift of the shared machine hits every job alike.
    for (let r = 0; r < runs; r++) {
      for (const job of timed) {
        const id = crypto.randomUUID();
        ids.get(job)!.push(id);
        times.get(job)!.push(await post(job, id));
        watchHwm(`round ${r}`, job.name);
      }
    }
    const base = median(times.get(baseline) ?? [NaN]);
    const byName = (name: string) => timed.find((j) => j.name === name);
    console.log(
      `\nEnd to end through Redis, one worker, median of ${runs} posts ` +
        `(after ${warmups} warm-up posts each):\n`,
    );
    console.log(
      "| job | ours ms | Python ms | ours / Python | ours / baseline |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: |");
    for (const job of [baseline, ...jobs]) {
      const why = served.get(job);
      const py = PYTHON_MS[job.name];
      if (why) {
        console.log(
          `| ${job.name} | not served: ${why} | ${py ?? "—"} | — | — |`,
        );
        continue;
      }
      const m = median(times.get(job)!);
      console.log(
        `| ${job.name} | ${m.toFixed(1)} | ${py ?? "—"} | ${
          py ? (m / py).toFixed(2) : "—"
        } | ${(m / base).toFixed(1)} |`,
      );
    }

    if (stagesWanted) {
      // the worker logs a job after its finish script's reply
      await new Promise((r) => setTimeout(r, 500));
      printStages(timed, times, ids, jobLines);
    }

    const [gpkg, fromPg] = [byName("all_lv95"), byName("all_lv95 (PostGIS)")];
    if (gpkg && fromPg) {
      const ratio = median(times.get(fromPg)!) / median(times.get(gpkg)!);
      console.log(
        `\nall_lv95 from PostGIS / from the GeoPackage: ${
          ratio.toFixed(2)
        } (goal ≤ 1.5); / the Python worker from PostGIS (137 ms): ${
          (median(times.get(fromPg)!) / 137).toFixed(2)
        } (goal ≤ 0.5)`,
      );
    }

    // Memory: mixed jobs, two in flight so the worker never waits: render
    // jobs in four variants, and every 5th job one of the other types
    // (features), so their paths are in the memory figure too.
    const only = argString("--only")?.split(",");
    const renders = timed.filter((j) =>
      j.type === "QslJobInfoRender" && j !== baseline && j !== fromPg &&
      (!only || only.includes(j.name))
    );
    const others = timed.filter((j) =>
      j.type !== "QslJobInfoRender" && (!only || only.includes(j.name))
    );
    const mixed = (k: number): BenchJob =>
      others.length > 0 && k % 5 === 4
        ? others[Math.floor(k / 5) % others.length]
        : mixedRender(renders, k);
    const hwmOf = () => procMb(worker.pid, "VmHWM");
    // [when, VmRSS, VmHWM (the most the process held so far)]
    const samples: [string, number, number][] = [
      ["start (registered, no job yet)", rssStart, hwmStart],
      [`after warm-up and timing`, procMb(worker.pid), hwmOf()],
    ];
    // every 10th job's RSS: the peak is the largest of them all, and growth
    // compares the medians of the second and the last quarter (a single
    // sample lands anywhere in the collector's saw-tooth)
    const every: [number, number][] = [];
    let next = 0;
    const t0 = performance.now();
    // the worker's CPU time: steadier than the wall clock on a loaded machine
    const cpu0 = procCpuSeconds(worker.pid);
    compiled.counting = true;
    const inFlight = 2;
    const lane = async (): Promise<void> => {
      while (next < memoryJobs) {
        const k = next++;
        const job = mixed(k);
        await post(job);
        const size = job.type === "QslJobInfoRender"
          ? ` ${
            ["full", "½", "¼", "zoomed"][Math.floor(k / renders.length) % 4]
          }`
          : "";
        watchHwm(`mixed ${k}`, `${job.name}${size}`);
        const done = k + 1;
        if (done % 10 === 0 || done === memoryJobs) {
          const mb = procMb(worker.pid);
          every.push([done, mb]);
          if (done === 100 || done === 500 || done === memoryJobs) {
            samples.push([`after ${done} mixed jobs`, mb, hwmOf()]);
          }
        }
      }
    };
    if (renders.length > 0 && memoryJobs > 0) {
      await Promise.all(Array.from({ length: inFlight }, lane));
    }
    compiled.counting = false;
    const seconds = (performance.now() - t0) / 1000;
    const cpu = procCpuSeconds(worker.pid) - cpu0;
    console.log(
      `\nWorker resident memory (VmRSS), ${memoryJobs} mixed jobs: renders ` +
        `cycling ${
          renders.map((j) => j.name).join(", ")
        } (full, ½, ¼ size, zoomed ×2)${
          others.length > 0
            ? `, every 5th job ${others.map((j) => j.name).join(", ")}`
            : ""
        } in ${seconds.toFixed(1)} s ` +
        `(${(memoryJobs / seconds).toFixed(1)} jobs/s; the worker's CPU ` +
        `${cpu.toFixed(1)} s, ${(cpu / memoryJobs * 1000).toFixed(1)} ms ` +
        `per job):\n`,
    );
    if (compiled.turbofan + compiled.maglev > 0) {
      const per = (n: number) => (n / memoryJobs).toFixed(2);
      console.log(
        `V8 compilations during the mixed jobs (--trace-opt): TurboFan ` +
          `${compiled.turbofan}, Maglev ${compiled.maglev} (${
            per(compiled.turbofan)
          } and ${per(compiled.maglev)} per job, ${
            (compiled.ms / memoryJobs).toFixed(1)
          } ms of compiler time per job as V8 times it)\n`,
      );
    }
    console.log("| when | RSS MB | VmHWM MB (peak so far) |");
    console.log("| --- | ---: | ---: |");
    for (const [when, mb, hwm] of samples) {
      console.log(`| ${when} | ${mb.toFixed(1)} | ${hwm.toFixed(1)} |`);
    }
    const peak = Math.max(
      ...samples.map(([, mb]) => mb),
      ...every.map(([, mb]) => mb),
    );
    const quarter = (from: number, to: number): number | undefined => {
      const mbs = every.filter(([done]) => done > from && done <= to)
        .map(([, mb]) => mb);
      return mbs.length === 0 ? undefined : median(mbs);
    };
    const second = quarter(memoryJobs / 4, memoryJobs / 2);
    const fourth = quarter((memoryJobs * 3) / 4, memoryJobs);
    const measured = memoryJobs >= 400 && second !== undefined &&
      fourth !== undefined;
    const growth = measured ? fourth! - second! : 0;
    const hwm = procMb(worker.pid, "VmHWM");
    const smapsTo = argString("--smaps");
    if (smapsTo) {
      await Deno.copyFile(`/proc/${worker.pid}/smaps`, smapsTo);
      console.log(`\nworker's /proc/<pid>/smaps copied to ${smapsTo}`);
    }
    if (memoryLines) printMemoryReports(reports);
    if (hwmTrace) console.log(`\nVmHWM rises:\n${rises.join("\n")}`);
    if (sampler) await printKinds(sampler);
    const last = every.length > 0 ? every[every.length - 1][1] : NaN;
    // #17: at most 256 MB resident after the jobs, at no moment more (the
    // process's VmHWM: a peak between two samples counts), and flat
    const ok = peak <= PYTHON_RSS_MB && hwm <= PYTHON_RSS_MB &&
      (!measured || growth <= 0.05 * second!);
    console.log(
      `\nmemory (goal ≤ ${PYTHON_RSS_MB} MB): resident ${
        last.toFixed(1)
      } MB after ${memoryJobs} jobs, VmHWM ${hwm.toFixed(1)} MB (the ` +
        `process's peak); peak sample ${peak.toFixed(1)} MB of ` +
        `${every.length} (one every 10 jobs), ` +
        (!measured
          ? "growth not measured (fewer than 400 jobs)"
          : `median ${second!.toFixed(1)} MB over jobs ${memoryJobs / 4}–${
            memoryJobs / 2
          }, ${fourth!.toFixed(1)} MB over jobs ${
            (memoryJobs * 3) / 4
          }–${memoryJobs} (${growth >= 0 ? "+" : ""}${growth.toFixed(1)} MB)`) +
        `: ${ok ? "ok" : "FAIL"}`,
    );
    return failures === 0 && ok ? 0 : 1;
  } catch (e) {
    console.error(
      `e2e bench failed: ${
        (e as Error).message
      }\nworker log:\n${spawned.log()}`,
    );
    return 1;
  } finally {
    logFile?.close();
    await queue.close();
    client.disconnect();
    await spawned.stop();
    await redis.stop();
    await db?.drop();
  }
}

if (import.meta.main) {
  Deno.exit(await run());
} else {
  console.log(
    "tests/bench/e2e_bench.ts is a script: `deno task bench:e2e` runs it " +
      "(`deno task bench` does, after deno bench)",
  );
}
