/**
 * What `worker/main.ts` runs: the command line, with only the modules the
 * worker needs to register loaded up front. `main.ts` imports this module,
 * or its bundle `worker/start.bundle.js` when that is fresh (`bundle.ts`).
 *
 * @module
 */
// Must run before any npm module loads (see env.ts).
import "./cli/env.ts";
import { CommanderError } from "@commander-js/extra-typings";
import { buildProgram, type StartedFrom, UsageError } from "./cli/program.ts";
import { createLogger } from "./log/logger.ts";
import { loadEngines } from "./_late.ts";

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
 * import { main } from "./start.ts";
 * Deno.exit(await main(["render", "job.json", "--data-root", "/data"]));
 * ```
 */
export async function main(
  args: string[],
  startedFrom?: StartedFrom,
): Promise<number> {
  const json = logFormat(args) === "json";
  const logger = createLogger({ format: "json" });
  const fail = (message: string) => {
    if (json) logger.log("error", message);
    else console.error(message);
  };
  const program = buildProgram({
    // Both engines load their WebAssembly once, before the first job.
    warmUp: loadEngines,
    startedFrom,
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
