import { ok, strictEqual } from "node:assert/strict";
import { memoryReport } from "./memory.ts";
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
