/**
 * The worker's command line with the test runners of `worker_util.ts`
 * registered, for end-to-end tests that kill or signal a worker process.
 *
 * @module
 */
import { buildProgram } from "../worker/cli/program.ts";
import { testRunners } from "./worker_util.ts";

// a wider window for repeated signals, so that a loaded machine's delays
// stay inside it (worker_e2e_test's second-signal test)
const repeat = Deno.env.get("QSL_TEST_REPEAT_SIGNAL_MS");
// a short grace past --max-job-seconds, so that the watchdog's test waits
// seconds, not a minute
const grace = Deno.env.get("QSL_TEST_WATCHDOG_GRACE_SECONDS");
const program = buildProgram({
  runners: testRunners(),
  repeatSignalMs: repeat ? Number(repeat) : undefined,
  watchdogGraceSeconds: grace ? Number(grace) : undefined,
});
await program.parseAsync(Deno.args, { from: "user" });
// holds the process after the worker has stopped, so that a test can signal
// it in the moment between `worker stopped` and the exit
const linger = Deno.env.get("QSL_TEST_LINGER_MS");
if (linger) await new Promise((r) => setTimeout(r, Number(linger)));
Deno.exit(program.exitCode);
