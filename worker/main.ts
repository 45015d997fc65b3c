/**
 * `qsl-worker`: the qgis-server-light worker's entry point.
 *
 * ```sh
 * MALLOC_TRIM_THRESHOLD_=1048576 deno run --v8-flags=--optimize-for-size \
 *   --allow-net=localhost:6379 --allow-read=/data,node_modules \
 *   --allow-env=QSL_REDIS_URL,… --allow-sys=hostname worker/main.ts run --data-root /data
 * deno run -R -W worker/main.ts render job.json --data-root /data --output map.png
 * ```
 *
 * `MALLOC_TRIM_THRESHOLD_` (glibc gives freed memory back) and V8's
 * `--optimize-for-size` keep a long-running worker's resident memory low
 * (≈ 60 MB less at start) at no measured speed cost; `deno task worker`
 * starts it so.
 *
 * See docs/worker.md for every option and the permission flags.
 *
 * @module
 */
// Must run before any npm module loads (see env.ts).
import "./cli/env.ts";
import { CommanderError } from "@commander-js/extra-typings";
import { buildProgram, UsageError } from "./cli/program.ts";
import { getGdal } from "./gdal/gdal.ts";
import { getCanvasKit } from "./paint/canvaskit.ts";

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
  const program = buildProgram({
    // Both engines load their WebAssembly once, side by side (the
    // compilations overlap), before the first job.
    warmUp: async () => {
      await Promise.all([getGdal(), getCanvasKit()]);
    },
  });
  try {
    await program.parseAsync(args, { from: "user" });
    return program.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2;
    }
    const err = e as Error;
    console.error(err.message);
    return e instanceof UsageError ? e.exitCode : 1;
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
