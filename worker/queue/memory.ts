/**
 * Where the worker's memory is: the process's resident set and V8's heap
 * ({@linkcode Deno.memoryUsage}), and what each cache, kept buffer and
 * WebAssembly heap registered with `cache/held.ts` holds. The worker logs
 * it every {@linkcode MEMORY_REPORT_EVERY} jobs at the `debug` level; the
 * end-to-end bench prints it (`--memory-report`).
 *
 * @module
 */
import { getHeapStatistics } from "node:v8";
import { heldBytes } from "../cache/held.ts";

/** Jobs between two memory reports in the log. */
export const MEMORY_REPORT_EVERY = 100;

/** The worker's memory now, in MB of 2^20 bytes (as the benches read `/proc`). */
export interface MemoryReport {
  /** Resident set size of the process. */
  rss_mb: number;
  /** V8's heap: committed. */
  heap_total_mb: number;
  /** V8's heap: in use by live and not yet collected objects. */
  heap_used_mb: number;
  /**
   * Memory outside V8's heap held by JavaScript objects: array buffers,
   * the WebAssembly memories among them.
   */
  external_mb: number;
  /** What V8 holds through malloc now (its compilers' zones, mostly). */
  malloced_mb: number;
  /**
   * The most V8 held through malloc at once since the process started:
   * resident at that moment, a part of the process's peak (VmHWM).
   */
  peak_malloced_mb: number;
  /**
   * V8's heap in use right after a full collection: live objects only.
   * Present only when V8 exposes its collector (`--v8-flags=--expose-gc`, a
   * diagnostic: the report then collects every time it is made).
   */
  heap_live_mb?: number;
  /**
   * What each registered holder holds (`wasm.*`: the engines' linear
   * memories, allocated, not necessarily resident; `canvaskit.*`: parts of
   * CanvasKit's).
   */
  held_mb: Record<string, number>;
}

function mb(bytes: number): number {
  return Math.round(bytes / 2 ** 20 * 100) / 100;
}

/**
 * The worker's memory now.
 *
 * @example
 * ```ts
 * import { memoryReport } from "./memory.ts";
 * memoryReport().rss_mb > 0; // true
 * ```
 */
export function memoryReport(): MemoryReport {
  const usage = Deno.memoryUsage();
  const gc = (globalThis as { gc?: () => void }).gc;
  let live: number | undefined;
  if (typeof gc === "function") {
    gc();
    live = Deno.memoryUsage().heapUsed;
  }
  const v8 = getHeapStatistics();
  const held: Record<string, number> = {};
  for (const [name, bytes] of Object.entries(heldBytes())) {
    held[name] = mb(bytes);
  }
  return {
    rss_mb: mb(usage.rss),
    heap_total_mb: mb(usage.heapTotal),
    heap_used_mb: mb(usage.heapUsed),
    external_mb: mb(usage.external),
    malloced_mb: mb(v8.malloced_memory),
    peak_malloced_mb: mb(v8.peak_malloced_memory),
    ...(live === undefined ? {} : { heap_live_mb: mb(live) }),
    held_mb: held,
  };
}
