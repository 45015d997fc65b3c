/**
 * `qsl-worker`: the qgis-server-light worker's entry point.
 *
 * ```sh
 * MALLOC_TRIM_THRESHOLD_=1048576 deno run --v8-flags=--optimize-for-size,--enable-experimental-regexp-engine-on-excessive-backtracks \
 *   --allow-net=localhost:6379 --allow-read=/data,node_modules \
 *   --allow-env=QSL_REDIS_URL,… --allow-sys=hostname worker/main.ts run --data-root /data
 * deno run -R -W worker/main.ts render job.json --data-root /data --output map.png
 * ```
 *
 * `MALLOC_TRIM_THRESHOLD_` (glibc gives freed memory back) and V8's
 * `--optimize-for-size` keep a long-running worker's resident memory low
 * and flat (≈ 240 MB after 1,000 mixed jobs; 380–480 MB and growing without
 * the V8 flag) at ≈ 1.4× the CPU per job (docs/performance.md); `deno task
 * worker` starts it so. `--enable-experimental-regexp-engine-on-excessive-backtracks`
 * makes V8 finish a regular expression that backtracks too much (a job's
 * delimiter pattern, a filter's `regexp_match` or `~`) with its linear-time
 * engine: `(a+)+$` on a crafted line answers in milliseconds instead of
 * never.
 *
 * See docs/worker.md for every option and the permission flags.
 *
 * @module
 */
// Must run before any npm module loads (see env.ts).
import "./cli/env.ts";
import { CommanderError } from "@commander-js/extra-typings";
import { buildProgram, UsageError } from "./cli/program.ts";
import { createLogger } from "./log/logger.ts";

/**
 * The log format the command line asks for (`--log-format`, else
 * `QSL_LOG_FORMAT`), read before parsing so that the parser's own errors and
 * the errors that end the program are written in it too.
 */
function logFormat(args: string[]): "plain" | "json" {
  let format: string | undefined;
  try {
    format = Deno.env.get("QSL_LOG_FORMAT");
  } catch { /* no env permission: unset */ }
  for (let i = 0; i < args.length; i++) {
    const m = /^--log-format(?:=(.*))?$/.exec(args[i]);
    if (m) format = m[1] ?? args[i + 1];
  }
  return format?.toLowerCase() === "json" ? "json" : "plain";
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
  const json = logFormat(args) === "json";
  const logger = createLogger({ format: "json" });
  const fail = (message: string) => {
    if (json) logger.log("error", message);
    else console.error(message);
  };
  const program = buildProgram({
    // Both engines load their WebAssembly once, side by side (the
    // compilations overlap), before the first job.
    warmUp: async () => {
      const [{ getGdal }, { getCanvasKit }] = await Promise.all([
        import("./gdal/gdal.ts"),
        import("./paint/canvaskit.ts"),
      ]);
      await Promise.all([getGdal(), getCanvasKit()]);
    },
    writeUsage: (text) => {
      for (const line of text.split("\n")) {
        if (line.trim() !== "") {
          fail(json ? line.replace(/^error: /, "") : line);
        }
      }
    },
  });
  try {
    await program.parseAsync(args, { from: "user" });
    return program.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2;
    }
    fail((e as Error).message);
    return e instanceof UsageError ? e.exitCode : 1;
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
