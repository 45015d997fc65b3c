/**
 * The reprojected maps of `reproject_bench.ts` rendered in this process, for
 * CPU profiles and before/after comparisons without Redis and a worker
 * process around them: each map fixed and panned (moved by a few pixels on
 * every render, as the bench's "panned" posts), the CPU time
 * (`process.cpuUsage`) and wall time of each render, medians printed with
 * the load average. The first renders (a warm-up of each map, fixed and 3
 * panned) are hashed (SHA-256, `--hashes FILE` writes them: compare two
 * revisions' files for identical bytes). `--cold` clears the read windows
 * before each measured render (a map whose source window no cache holds).
 * The measured renders start after a function named
 * `measuredRendersStart`, so that a profile's samples can be cut there.
 *
 * ```sh
 * deno run -A tests/bench/reproject_bench.ts --write-jobs /tmp/jobs --runs 1
 * deno run -A --cpu-prof --cpu-prof-dir=/tmp/prof tests/bench/reproject_profile.ts /tmp/jobs [--only REGEXP] [--rounds 7] [--cold] [--hashes FILE]
 * ```
 *
 * @module
 */
import process from "node:process";
import { panJob } from "./_util.ts";
import { type RenderJob, renderMap } from "../../worker/runners/render.ts";
import { renderDeps } from "../../worker/runners/render_deps.ts";
import type { RunnerContext } from "../../worker/runners/types.ts";
import { clearWindowCache } from "../../worker/sources/gdal/read.ts";

const MAPS = [
  "demo_2056",
  "demo_3857",
  "demo_4326",
  "parcels_esri102014",
  "mosaic_3857",
];

function arg(flag: string): string | undefined {
  const i = Deno.args.indexOf(flag);
  return i >= 0 ? Deno.args[i + 1] : undefined;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    bytes as Uint8Array<ArrayBuffer>,
  );
  return Array.from(new Uint8Array(digest))
    .map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A short busy wait that marks where the measured renders start. */
function measuredRendersStart(): void {
  const t = performance.now();
  while (performance.now() - t < 30) { /* a mark in the profile */ }
}

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

async function run(): Promise<void> {
  const dir = Deno.args[0];
  if (!dir || dir.startsWith("--")) {
    throw new Error("usage: reproject_profile.ts JOBS_DIR [options]");
  }
  const only = new RegExp(arg("--only") ?? ".");
  const rounds = Number(arg("--rounds") ?? 7);
  const cold = Deno.args.includes("--cold");
  const ctx: RunnerContext = {
    dataRoot: dir,
    svgPaths: [],
    remoteHosts: [],
    limits: { maxWidth: 4096, maxHeight: 4096, maxLayers: 100 },
    logger: { log: () => {} },
  };
  const jobs = new Map<string, RenderJob>();
  for (const name of MAPS.filter((n) => only.test(n))) {
    const text = await Deno.readTextFile(`${dir}/${name}.job.json`);
    jobs.set(name, JSON.parse(text).job);
  }
  const hashes: string[] = [];
  for (const [name, job] of jobs) {
    const { data } = await renderMap(job, ctx, renderDeps);
    hashes.push(`${await sha256(data)}  ${name}`);
    for (const k of [1, 2, 3]) {
      const out = await renderMap(panJob(job, k), ctx, renderDeps);
      hashes.push(`${await sha256(out.data)}  ${name} panned ${k}`);
    }
  }
  const hashFile = arg("--hashes");
  if (hashFile) await Deno.writeTextFile(hashFile, hashes.join("\n") + "\n");
  measuredRendersStart();
  const cpu = new Map<string, number[]>();
  const wall = new Map<string, number[]>();
  let pans = 100;
  for (let r = 0; r < rounds; r++) {
    for (const [name, job] of jobs) {
      for (const pan of [false, true]) {
        const key = pan ? `${name} (panned)` : name;
        const j = pan ? panJob(job, pans++) : job;
        if (cold) clearWindowCache();
        const c0 = cpuMs(), t0 = performance.now();
        await renderMap(j, ctx, renderDeps);
        wall.set(key, [...wall.get(key) ?? [], performance.now() - t0]);
        cpu.set(key, [...cpu.get(key) ?? [], cpuMs() - c0]);
      }
    }
  }
  const load = Deno.readTextFileSync("/proc/loadavg").split(" ")[0];
  console.log(
    `in process, medians of ${rounds}${
      cold ? ", windows cleared" : ""
    } (load average ${load}):\n| map | CPU ms | wall ms |\n|---|---:|---:|`,
  );
  for (const [key, values] of cpu) {
    console.log(
      `| ${key} | ${median(values).toFixed(1)} | ${
        median(wall.get(key)!).toFixed(1)
      } |`,
    );
  }
}

if (import.meta.main) await run();
