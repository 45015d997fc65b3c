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
   * Present only when V8 exposes its collector (`--v8-flags=--expose-gc`, the
   * opt-in of {@linkcode collectBetweenJobs}): the report
   * then collects every time it is made.
   */
  heap_live_mb?: number;
  /**
   * What each registered holder holds (`wasm.*`: the engines' linear
   * memories, allocated, not necessarily resident; `canvaskit.*`: parts of
   * CanvasKit's).
   */
  held_mb: Record<string, number>;
}

// V8's heap in use right after the last full collection made here
let settled = 0;

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
    settled = live;
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

/**
 * Growth of V8's heap in use, since the last full collection between two
 * jobs, past which {@linkcode collectBetweenJobs} collects: 8 MiB, about
 * what V8 lets its old generation grow by before its own full collection
 * under `--optimize-for-size`.
 */
export const COLLECT_GROWTH_BYTES: number = 8 * 2 ** 20;

/**
 * Shortest run of a job after which {@linkcode collectBetweenJobs} may
 * collect: 50 ms. A full collection of the worker's heap takes some 20–60
 * ms; after a short job (an empty render, a feature page) it would multiply
 * that job's time, so the collection waits for a job that made garbage.
 */
export const COLLECT_MIN_JOB_MS = 50;

/**
 * After a job that ran `ranMs` milliseconds, a full collection once V8's
 * heap in use has grown by `growth` bytes since the last one, when V8
 * exposes its collector (`--v8-flags=--expose-gc`, an opt-in); without it, or
 * after a job shorter than {@linkcode COLLECT_MIN_JOB_MS}, nothing. Returns
 * whether it collected.
 *
 * V8 starts its own full collections when its heap reaches a limit, mostly
 * in the middle of a job whose working data is then alive, and the job goes
 * on allocating while V8 marks: its heap swung from about 37 MiB live to
 * 45–62 MiB, the peak of the worker's resident memory (`VmHWM`). Between two
 * jobs little is alive, so collecting there keeps the heap near its live
 * size. On a loaded machine these collections replace V8's own at no more
 * CPU per job; with a core free they cost throughput, as `gc()` stops the
 * worker where V8 marks concurrently (docs/worker.md), hence the opt-in.
 *
 * @example
 * ```ts
 * import { collectBetweenJobs } from "./memory.ts";
 * collectBetweenJobs(120); // false unless V8 exposes gc() (--v8-flags=--expose-gc)
 * ```
 */
export function collectBetweenJobs(
  ranMs: number,
  growth: number = COLLECT_GROWTH_BYTES,
): boolean {
  if (ranMs < COLLECT_MIN_JOB_MS) return false;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== "function") return false;
  const used = getHeapStatistics().used_heap_size;
  if (settled > 0 && used < settled + growth) return false;
  gc();
  settled = getHeapStatistics().used_heap_size;
  return true;
}
