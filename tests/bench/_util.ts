/**
 * What the end-to-end benches share: the reference corpus's jobs, the
 * worker process started as the `worker` task of deno.json starts it, and
 * medians.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type {
  QslJobInfo,
  QslJobInfoType,
  QslJobParameterRender,
} from "../../interface/job/input.ts";
import { WORKER_ENV_VARS } from "../../worker/cli/env_vars.ts";

/** The repository's root folder. */
export const REPO: string = join(
  dirname(fileURLToPath(import.meta.url)),
  "../..",
);
/** The worker's entry point. */
export const MAIN: string = join(REPO, "worker/main.ts");
/** The repository's npm packages (the worker reads its engines there). */
export const NODE_MODULES: string = join(REPO, "node_modules");

/** A job of the benches. */
export interface BenchJob {
  /** Row name. */
  name: string;
  /** Job type. */
  type: QslJobInfoType;
  /** The job's parameters. */
  params: QslJobInfo["job"];
}

/**
 * The corpus's jobs, their layers' `folder_name` made relative to the
 * corpus root (`upstream/data`, `demo/data`) so one worker with the corpus
 * as its data root serves them all.
 *
 * @example
 * ```ts ignore
 * const jobs = loadJobs("../shared/reference");
 * ```
 */
export function loadJobs(root: string): BenchJob[] {
  const jobs: BenchJob[] = [];
  for (const sub of ["upstream", "demo"]) {
    const files = [...Deno.readDirSync(join(root, sub))]
      .map((e) => e.name).filter((n) => n.endsWith(".job.json")).sort();
    for (const file of files) {
      const info = JSON.parse(
        Deno.readTextFileSync(join(root, sub, file)),
      ) as QslJobInfo;
      const fix = (layers: { folder_name?: string | null }[]): void => {
        for (const l of layers) l.folder_name = `${sub}/${l.folder_name}`;
      };
      const job = info.job as unknown as Record<string, unknown>;
      if (Array.isArray(job.layers)) fix(job.layers);
      if (Array.isArray(job.queries)) {
        for (const q of job.queries as { layers: [] }[]) fix(q.layers);
      }
      jobs.push({
        name: file.replace(/\.job\.json$/, ""),
        type: info.type,
        params: info.job,
      });
    }
  }
  return jobs;
}

/**
 * The baseline: a render job with no layers, 1×1 px. It goes the whole way a
 * real render goes (post, BLMOVE, envelope parsing, the render runner, PNG
 * encoding, publish, the client's decoding) with no data read and no
 * painting, so it is the fixed cost every figure above it carries.
 *
 * @example
 * ```ts
 * import { baselineJob } from "./_util.ts";
 * baselineJob().params; // { layers: [], width: 1, height: 1, … }
 * ```
 */
export function baselineJob(): BenchJob {
  const params: QslJobParameterRender = {
    layers: [],
    bbox: {
      x_min: 2600000,
      x_max: 2600001,
      y_min: 1200000,
      y_max: 1200001,
      z_min: 0,
      z_max: 0,
    },
    crs: "EPSG:2056",
    width: 1,
    height: 1,
    dpi: 96,
    format: "image/png",
    svg_paths: [],
  };
  return {
    name: "baseline (empty 1×1 render)",
    type: "QslJobInfoRender",
    params,
  };
}

/**
 * Mixed render jobs: job `k` is render job `k % n` in one of four variants
 * — full size, half and quarter size (same extent), and full size zoomed
 * into the central quarter of the extent.
 *
 * @example
 * ```ts
 * import { baselineJob, mixedRender } from "./_util.ts";
 * mixedRender([baselineJob()], 0).name; // "baseline (empty 1×1 render)"
 * ```
 */
export function mixedRender(renders: BenchJob[], k: number): BenchJob {
  const job = renders[k % renders.length];
  const variant = Math.floor(k / renders.length) % 4;
  const p = job.params as QslJobParameterRender;
  if (variant === 0) return job;
  if (variant === 3) {
    const { x_min, x_max, y_min, y_max } = p.bbox;
    const dx = (x_max - x_min) / 4, dy = (y_max - y_min) / 4;
    const bbox = {
      ...p.bbox,
      x_min: x_min + dx,
      x_max: x_max - dx,
      y_min: y_min + dy,
      y_max: y_max - dy,
    };
    return { ...job, params: { ...p, bbox } };
  }
  const f = variant === 1 ? 2 : 4;
  return {
    ...job,
    params: {
      ...p,
      width: Math.max(1, Math.round(p.width / f)),
      height: Math.max(1, Math.round(p.height / f)),
    },
  };
}

/**
 * A render job moved by a few pixels, another offset for every `k` (1 to
 * 97 pixels along x and y): the reprojection benches' "panned" maps, which
 * no cache of a fixed map serves.
 *
 * @example
 * ```ts
 * import { panJob } from "./_util.ts";
 * const job = { width: 100, bbox: { x_min: 0, y_min: 0, x_max: 100, y_max: 100 } };
 * panJob(job, 1).bbox.x_min; // 4
 * ```
 */
export function panJob<T extends { bbox: unknown; width: number }>(
  job: T,
  k: number,
): T {
  const b = job.bbox as Record<string, number>;
  const f = (3 * k % 97 + 1) / job.width;
  const dx = (b.x_max - b.x_min) * f;
  const dy = (b.y_max - b.y_min) * f;
  return {
    ...job,
    bbox: {
      ...b,
      x_min: b.x_min + dx,
      x_max: b.x_max + dx,
      y_min: b.y_min - dy,
      y_max: b.y_max - dy,
    },
  };
}

/**
 * The median of `xs` (NaN when empty).
 *
 * @example
 * ```ts
 * import { median } from "./_util.ts";
 * median([3, 1, 2]); // 2
 * ```
 */
export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * How the `worker` task of deno.json starts the worker: its environment
 * assignments (`NAME=value` before `deno`), its `--v8-flags` and its
 * `--unstable-*` flags (`lazy`: the modules loaded after the registration
 * are read then, which needs read access to the worker's own files,
 * {@link CODE_READ}), so the benches measure the worker as it is deployed.
 *
 * @example
 * ```ts ignore
 * const { env, v8 } = workerTaskSettings();
 * ```
 */
export function workerTaskSettings(): {
  env: Record<string, string>;
  v8: string[];
  unstable?: string[];
} {
  const config = JSON.parse(Deno.readTextFileSync(join(REPO, "deno.json")));
  const task = String(
    config.tasks?.worker?.command ?? config.tasks?.worker ?? "",
  );
  const env: Record<string, string> = {};
  const words = task.trim().split(/\s+/);
  while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    const [name, ...value] = words.shift()!.split("=");
    env[name] = value.join("=");
  }
  return {
    env,
    v8: words.filter((w) => w.startsWith("--v8-flags=")),
    unstable: words.filter((w) => w.startsWith("--unstable-")),
  };
}

/**
 * The worker's own files, which the README's `--allow-read` grants (the
 * installation folder): the modules it loads after registering and what
 * its start-up bundle is checked against (`worker/_start_bundle.ts`).
 */
export const CODE_READ: string[] = [
  "worker",
  "interface",
  "deno.json",
  "deno.lock",
].map((p) => join(REPO, p));

/** A field of `/proc/<pid>/status` in MB (`VmRSS`, `VmHWM`). */
export function procMb(pid: number, field = "VmRSS"): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const re = new RegExp(`${field}:\\s+(\\d+)\\s+kB`);
  return Number(re.exec(status)?.[1] ?? NaN) / 1024;
}

/**
 * CPU seconds (user + system) a process has used so far, from
 * `/proc/<pid>/stat` (`"self"` for this one).
 *
 * @example
 * ```ts ignore
 * const before = procCpuSeconds("self");
 * ```
 */
export function procCpuSeconds(pid: number | "self"): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  // fields after the command name, which may hold spaces: state is field 3
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  return ticks / 100; // USER_HZ
}

/** Options of {@link spawnWorker}. */
export interface SpawnWorkerOptions {
  /** The Redis the worker serves. */
  redisUrl: string;
  /** Its data root. */
  dataRoot: string;
  /** More hosts it may connect to (`host:port`). */
  allowNet?: string[];
  /** The task's settings, or others. */
  settings?: { env: Record<string, string>; v8: string[]; unstable?: string[] };
  /** `--log-level`; default `warning`. */
  logLevel?: string;
  /** More arguments of `run`. */
  args?: string[];
}

/** A worker process of a bench, with the tail of its log. */
export interface BenchWorker {
  /** The process. */
  child: Deno.ChildProcess;
  /** The last 4,000 characters it wrote. */
  log(): string;
  /** Lines it wrote, as they come (for figures the worker logs). */
  onLine(listener: (line: string) => void): void;
  /** SIGTERM, then waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `worker/main.ts run` with the README's permission flags and the
 * `worker` task's environment and V8 flags.
 *
 * @example
 * ```ts ignore
 * const w = spawnWorker({ redisUrl: redis.url, dataRoot: root });
 * await w.stop();
 * ```
 */
export function spawnWorker(options: SpawnWorkerOptions): BenchWorker {
  const settings = options.settings ?? workerTaskSettings();
  const port = new URL(options.redisUrl).port;
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      ...settings.v8,
      ...(settings.unstable ?? []),
      `--allow-net=${
        [`127.0.0.1:${port}`, ...(options.allowNet ?? [])].join(",")
      }`,
      `--allow-read=${
        [options.dataRoot, NODE_MODULES, ...CODE_READ].join(",")
      }`,
      `--allow-env=${WORKER_ENV_VARS.join(",")}`,
      "--allow-sys=hostname",
      MAIN,
      "run",
      "--redis-url",
      options.redisUrl,
      "--data-root",
      options.dataRoot,
      "--log-level",
      options.logLevel ?? "warning",
      ...(options.args ?? []),
    ],
    cwd: REPO,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { ...settings.env, NO_COLOR: "1" },
  }).spawn();
  let log = "";
  let partial = "";
  const listeners: ((line: string) => void)[] = [];
  const dec = new TextDecoder();
  for (const s of [child.stdout, child.stderr]) {
    s.pipeTo(
      new WritableStream({
        write: (c) => {
          const text = dec.decode(c, { stream: true });
          log = (log + text).slice(-4000);
          if (listeners.length === 0) return;
          const lines = (partial + text).split("\n");
          partial = lines.pop()!;
          for (const line of lines) for (const l of listeners) l(line);
        },
      }),
    ).catch(() => {});
  }
  return {
    child,
    log: () => log,
    onLine: (listener) => void listeners.push(listener),
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      await child.status;
    },
  };
}
