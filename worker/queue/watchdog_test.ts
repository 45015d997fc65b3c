import { ok as assert, strictEqual as assertEquals } from "node:assert/strict";
import { fileURLToPath } from "node:url";

const MODULE = new URL("./watchdog.ts", import.meta.url).href;

// A process that starts the watchdog with no permission at all (its thread
// is made from a Blob URL: no read; it kills its own process: no
// --allow-run), marks a job with a 1 s budget and no grace, then hangs
// synchronously or ends the job.
async function run(
  format: "json" | "plain",
  then: "hang" | "end",
): Promise<Deno.CommandOutput> {
  const source = `
import { startWatchdog } from ${JSON.stringify(MODULE)};
const watchdog = startWatchdog({ format: ${
    JSON.stringify(format)
  }, workerId: "w1", graceSeconds: 0, intervalMs: 100 });
watchdog.jobStarted("job-1 x", 1);
if (${JSON.stringify(then)} === "hang") {
  const t = Date.now();
  // bounded against a broken watchdog: the test then fails, not hangs
  while (Date.now() - t < 60_000) { /* a call that cannot be interrupted */ }
  console.log("survived");
} else {
  watchdog.jobEnded();
  await new Promise((r) => setTimeout(r, 2500));
  watchdog.stop();
  console.log("ended");
}
`;
  const dir = await Deno.makeTempDir({ prefix: "qsl_watchdog_" });
  try {
    const file = `${dir}/main.ts`;
    await Deno.writeTextFile(file, source);
    return await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-config", "--no-lock", file],
      cwd: fileURLToPath(new URL(".", import.meta.url)),
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("watchdog: a job past its budget and grace: one JSON line, then SIGKILL, with no permission", async () => {
  const out = await run("json", "hang");
  const err = new TextDecoder().decode(out.stderr);
  assertEquals(out.signal, "SIGKILL", err);
  assertEquals(out.code, 137);
  assertEquals(new TextDecoder().decode(out.stdout), "");
  const lines = err.trim().split("\n");
  assertEquals(lines.length, 1, err);
  const line = JSON.parse(lines[0]);
  assertEquals(line.level, "error");
  assertEquals(line.id, "job-1 x");
  assertEquals(line.worker_id, "w1");
  assert(line.elapsed_s >= 1, lines[0]);
  assertEquals(
    line.message,
    `Cannot finish job job-1 x: stuck for ${line.elapsed_s} s in a call that cannot be interrupted; exiting so that a supervisor restarts the worker and another worker re-queues the job`,
  );
});

Deno.test("watchdog: the plain log format", async () => {
  const out = await run("plain", "hang");
  const err = new TextDecoder().decode(out.stderr).trim();
  assertEquals(out.signal, "SIGKILL", err);
  assert(
    /^\S+Z ERROR {3}Cannot finish job job-1 x: stuck for \d+ s .* id="job-1 x" elapsed_s=\d+ worker_id=w1$/
      .test(err),
    err,
  );
});

Deno.test("watchdog: a job that ended is not watched, and stop() lets the process end", async () => {
  const out = await run("json", "end");
  assertEquals(new TextDecoder().decode(out.stderr), "");
  assertEquals(out.code, 0);
  assertEquals(new TextDecoder().decode(out.stdout), "ended\n");
});
