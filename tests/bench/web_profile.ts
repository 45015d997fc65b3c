/**
 * The web parity maps (`tests/parity/web/*.job.json`) rendered in this
 * process, after 3 warm-up renders each (tiles fetched from a loopback
 * `tests/web_map_server.ts` and cached), for a CPU profile of what a map
 * with web layers costs without Redis and a worker process around it.
 * Prints each map's median render time; the time before the measured
 * renders is spent in a function named `measuredRendersStart`, so that a
 * profile's samples can be cut there.
 *
 * ```sh
 * deno run -A --cpu-prof --cpu-prof-dir=/tmp/prof tests/bench/web_profile.ts [job|all] [rounds]
 * ```
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RenderJob, renderMap } from "../../worker/runners/render.ts";
import { renderDeps } from "../../worker/runners/render_deps.ts";
import type { RunnerContext } from "../../worker/runners/types.ts";
import { startWebMapServer } from "../web_map_server.ts";

const DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  "../parity/web",
);

/** A short busy wait that marks where the measured renders start. */
function measuredRendersStart(): void {
  const t = performance.now();
  while (performance.now() - t < 30) { /* a mark in the profile */ }
}

async function run(): Promise<void> {
  const only = Deno.args[0] ?? "all";
  const rounds = Number(Deno.args[1] ?? 20);
  const server = await startWebMapServer();
  try {
    const ctx: RunnerContext = {
      dataRoot: join(DIR, "data"),
      svgPaths: [],
      remoteHosts: [server.host],
      limits: { maxWidth: 4096, maxHeight: 4096, maxLayers: 100 },
      logger: { log: () => {} },
    };
    const jobs = new Map<string, RenderJob>();
    for (
      const e of [...Deno.readDirSync(DIR)].sort((a, b) =>
        a.name < b.name ? -1 : 1
      )
    ) {
      const name = e.name.replace(/\.job\.json$/, "");
      if (name === e.name || (only !== "all" && name !== only)) continue;
      const text = await Deno.readTextFile(join(DIR, e.name));
      jobs.set(
        name,
        JSON.parse(
          text,
          (_k, v) =>
            typeof v === "string" ? v.replaceAll("{server}", server.url) : v,
        ).job,
      );
    }
    if (jobs.size === 0) throw new Error(`no web parity job '${only}'`);
    for (let i = 0; i < 3; i++) {
      for (const job of jobs.values()) await renderMap(job, ctx, renderDeps);
    }
    measuredRendersStart();
    const times = new Map<string, number[]>();
    for (let r = 0; r < rounds; r++) {
      for (const [name, job] of jobs) {
        const t0 = performance.now();
        await renderMap(job, ctx, renderDeps);
        const t = times.get(name) ?? [];
        t.push(performance.now() - t0);
        times.set(name, t);
      }
    }
    const load = Deno.readTextFileSync("/proc/loadavg").split(" ")[0];
    console.log(
      `in-process renders, median of ${rounds} (load average ${load}):`,
    );
    for (const [name, t] of times) {
      t.sort((a, b) => a - b);
      console.log(`  ${name}: ${t[t.length >> 1].toFixed(1)} ms`);
    }
  } finally {
    await server.close();
  }
}

if (import.meta.main) await run();
