import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { collectBetweenJobs, memoryReport } from "./memory.ts";
import { registerHeld } from "../cache/held.ts";

Deno.test("memory report: process figures and what holders hold, in MB", () => {
  const kept = new Uint8Array(2_500_000);
  registerHeld("test.report", () => kept.byteLength);
  const report = memoryReport();
  strictEqual(report.held_mb["test.report"], 2.38);
  ok(report.rss_mb > report.heap_used_mb, JSON.stringify(report));
  ok(report.heap_total_mb >= report.heap_used_mb);
  ok(report.external_mb >= 2.38);
  ok(report.peak_malloced_mb >= report.malloced_mb, JSON.stringify(report));
});

Deno.test("collectBetweenJobs: nothing without an exposed collector", () => {
  if ((globalThis as { gc?: unknown }).gc !== undefined) return;
  strictEqual(collectBetweenJobs(1000), false);
});

Deno.test("collectBetweenJobs: collects after a job of 50 ms or more once the heap in use grew by the given bytes since its last collection", async () => {
  // in a process of its own, with the collector exposed as the worker task does
  const script = `
    import { collectBetweenJobs } from ${
    JSON.stringify(new URL("./memory.ts", import.meta.url).href)
  };
    const calls = [collectBetweenJobs(100), collectBetweenJobs(100)];
    const kept = Array.from({ length: 300_000 }, (_, i) => ({ i, s: "x" + i }));
    calls.push(
      collectBetweenJobs(10, 4 * 2 ** 20),
      collectBetweenJobs(100, 4 * 2 ** 20),
      collectBetweenJobs(100, 4 * 2 ** 20),
    );
    console.log(JSON.stringify({ calls, kept: kept.length }));
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--v8-flags=--expose-gc", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout).trim();
  ok(out.success, new TextDecoder().decode(out.stderr));
  // the first call collects; then only after the 300,000 objects (> 4 MiB),
  // and not after a short job
  deepStrictEqual(JSON.parse(text), {
    calls: [true, false, false, true, false],
    kept: 300_000,
  });
});
