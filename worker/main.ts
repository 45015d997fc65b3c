/**
 * `qsl-worker`: the qgis-server-light worker's entry point.
 *
 * ```sh
 * MALLOC_TRIM_THRESHOLD_=1048576 MALLOC_MMAP_THRESHOLD_=32768 deno run --v8-flags=--optimize-for-size,--enable-experimental-regexp-engine-on-excessive-backtracks \
 *   --allow-net=localhost:6379 --allow-read=/data,/opt/qsl \
 *   --allow-env=QSL_REDIS_URL,… --allow-sys=hostname worker/main.ts run --data-root /data
 * deno run -R -W worker/main.ts render job.json --data-root /data --output map.png
 * ```
 *
 * `MALLOC_TRIM_THRESHOLD_` (glibc gives freed memory back) and V8's
 * `--optimize-for-size` keep a long-running worker's resident memory low
 * and flat (≈ 230–240 MB after 1,000 mixed jobs; 380–480 MB and growing
 * without the V8 flag) at ≈ 1.4× the CPU per job (docs/performance.md);
 * `MALLOC_MMAP_THRESHOLD_` (large blocks returned when freed, not left as
 * holes in malloc's arenas) keeps its peak near that; `deno task worker`
 * starts it so. Adding `--expose-gc` (V8's heap collected between two jobs
 * once it grew by 8 MiB, `queue/memory.ts`) lowers the peak further at the
 * cost of throughput on a machine with a free core (docs/worker.md). `--enable-experimental-regexp-engine-on-excessive-backtracks`
 * makes V8 finish a regular expression that backtracks too much (a job's
 * delimiter pattern, a filter's `regexp_match` or `~`) with its linear-time
 * engine: `(a+)+$` on a crafted line answers in milliseconds instead of
 * never.
 *
 * What loads before the worker registers (`start.ts`: the command line,
 * the queue loop, ioredis, commander) comes from one bundled file,
 * `start.bundle.js` (`deno task bundle:worker`), when that is fresh: made
 * from exactly the files it would otherwise load, which the worker reads
 * to check (`_start_bundle.ts`); otherwise, or without read access to them,
 * from the modules themselves, as fast as before. Either way the rest (the
 * runners, GDAL, CanvasKit) loads from the sources after the registration.
 *
 * See docs/worker.md for every option and the permission flags.
 *
 * @module
 */
import { bundleState } from "./_start_bundle.ts";
import type { StartedFrom } from "./cli/program.ts";

type Start = typeof import("./start.ts");

async function loadStart(): Promise<{ start: Start; from: StartedFrom }> {
  const state = await bundleState();
  if (state.fresh) {
    return {
      start: await import(state.url.href) as Start,
      from: { from: "bundle" },
    };
  }
  return {
    start: await import("./start.ts"),
    from: { from: "sources", reason: state.reason },
  };
}

/**
 * Runs the command line and returns the exit code (0 done, 1 failure, 2 usage).
 *
 * @example
 * ```ts ignore
 * import { main } from "./main.ts";
 * Deno.exit(await main(["render", "job.json", "--data-root", "/data"]));
 * ```
 */
export async function main(args: string[]): Promise<number> {
  const { start, from } = await loadStart();
  return start.main(args, from);
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
