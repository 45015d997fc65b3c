/**
 * The worker's command line with the test runners of `worker_util.ts`
 * registered, for end-to-end tests that kill or signal a worker process.
 *
 * @module
 */
import { buildProgram } from "../worker/cli/program.ts";
import { testRunners } from "./worker_util.ts";

const program = buildProgram({ runners: testRunners() });
await program.parseAsync(Deno.args, { from: "user" });
Deno.exit(program.exitCode);
