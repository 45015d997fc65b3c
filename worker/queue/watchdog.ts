/**
 * A watchdog for jobs stuck where the job clock cannot reach them.
 *
 * The job clock (`--max-job-seconds`) is checked by our own loops; a call
 * into WebAssembly (GDAL, GEOS, Skia) is synchronous and cannot be
 * interrupted, so a hostile input that hangs inside one blocks the JS
 * thread for ever: the heartbeat stops, another worker re-queues the job,
 * but this process never recovers and its capacity is lost. The watchdog
 * is a Web Worker thread, which keeps running while the main thread is
 * stuck; it reads the running job's start, budget and id from a
 * SharedArrayBuffer about once a second, and when a job has run longer
 * than its budget plus a grace it writes one log line and kills the whole
 * process with SIGKILL, so that a supervisor restarts it. Killing our own
 * process needs no `--allow-run`; the thread is made from a Blob URL, so
 * it needs no read permission and works from the start-up bundle as well.
 *
 * @module
 */
import type { LogFormat } from "../log/logger.ts";

/** Longest job id (UTF-8 bytes) the log line names; longer ones are cut. */
const ID_BYTES = 256;

// Int32 slots: the job's sequence number (odd while a job runs) and the
// length of its id; Float64 slots: start (ms since the epoch) and the
// allowed time (ms, budget plus grace).
const SEQ = 0, ID_LENGTH = 1;
const START = 0, ALLOWED = 1;
const INT_BYTES = 8, FLOAT_BYTES = 16;

/** Options of {@link startWatchdog}. */
export interface WatchdogOptions {
  /** The log format of the line it writes (the worker's `--log-format`). */
  format: LogFormat;
  /** This worker's id, named in the line. */
  workerId: string;
  /**
   * Seconds a job may overrun its budget before the process is killed;
   * default max(30, the budget): the job clock should have ended it long
   * before if JavaScript were running.
   */
  graceSeconds?: number;
  /** Milliseconds between checks; default 1000. */
  intervalMs?: number;
}

/** A running watchdog: the job loop marks each job's start and end. */
export interface Watchdog {
  /** A job starts, allowed `budgetSeconds` (its `--max-job-seconds`). */
  jobStarted(id: string, budgetSeconds: number): void;
  /** The job has ended (or failed): nothing is watched until the next. */
  jobEnded(): void;
  /** Ends the watchdog's thread (the worker stops). */
  stop(): void;
}

// The thread's source, as text: it imports nothing. It writes the line in
// the worker's log format (logger.ts), with the job id and worker id only:
// no envelope, so no secret, reaches it.
const SOURCE = `
let timer;
self.onmessage = (e) => {
  const { buffer, format, workerId, intervalMs } = e.data;
  const ints = new Int32Array(buffer, 0, 2);
  const floats = new Float64Array(buffer, ${INT_BYTES}, 2);
  const idBytes = new Uint8Array(buffer, ${INT_BYTES + FLOAT_BYTES});
  const plain = (v) => typeof v === "string" && !/[\\s"=]/.test(v) && v !== "" ? v : JSON.stringify(v);
  timer = setInterval(() => {
    const seq = Atomics.load(ints, ${SEQ});
    if (seq % 2 === 0) return;
    const start = floats[${START}], allowed = floats[${ALLOWED}];
    const id = new TextDecoder().decode(idBytes.slice(0, Atomics.load(ints, ${ID_LENGTH})));
    // the job ended, or another began, while we read
    if (Atomics.load(ints, ${SEQ}) !== seq) return;
    const elapsed = Date.now() - start;
    if (elapsed <= allowed) return;
    const seconds = Math.round(elapsed / 1000);
    const message = "Cannot finish job " + id + ": stuck for " + seconds +
      " s in a call that cannot be interrupted; exiting so that a supervisor restarts the worker and another worker re-queues the job";
    const fields = { id, elapsed_s: seconds, worker_id: workerId };
    const time = new Date().toISOString();
    const line = format === "json"
      ? JSON.stringify({ time, level: "error", message, ...fields })
      : [time, "ERROR  ", message, ...Object.entries(fields).map(([k, v]) => k + "=" + plain(v))].join(" ");
    try {
      Deno.stderr.writeSync(new TextEncoder().encode(line + "\\n"));
    } finally {
      Deno.kill(Deno.pid, "SIGKILL");
    }
  }, intervalMs);
};
`;

/**
 * Starts the watchdog's thread.
 *
 * @example
 * ```ts
 * import { startWatchdog } from "./watchdog.ts";
 * const watchdog = startWatchdog({ format: "json", workerId: "w1" });
 * watchdog.jobStarted("job-1", 60);
 * // ... the job runs ...
 * watchdog.jobEnded();
 * watchdog.stop();
 * ```
 */
export function startWatchdog(options: WatchdogOptions): Watchdog {
  const buffer = new SharedArrayBuffer(INT_BYTES + FLOAT_BYTES + ID_BYTES);
  const ints = new Int32Array(buffer, 0, 2);
  const floats = new Float64Array(buffer, INT_BYTES, 2);
  const idBytes = new Uint8Array(buffer, INT_BYTES + FLOAT_BYTES);
  const url = URL.createObjectURL(
    new Blob([SOURCE], { type: "application/javascript" }),
  );
  const thread = new Worker(url, { type: "module" });
  URL.revokeObjectURL(url);
  thread.postMessage({
    buffer,
    format: options.format,
    workerId: options.workerId,
    intervalMs: options.intervalMs ?? 1000,
  });
  const encoder = new TextEncoder();
  return {
    jobStarted(id, budgetSeconds) {
      // even while the fields are written: the thread reads nothing
      const seq = Atomics.load(ints, SEQ);
      if (seq % 2 === 1) Atomics.store(ints, SEQ, seq + 1);
      const { written } = encoder.encodeInto(id, idBytes);
      Atomics.store(ints, ID_LENGTH, written);
      floats[START] = Date.now();
      const grace = options.graceSeconds ?? Math.max(30, budgetSeconds);
      floats[ALLOWED] = (budgetSeconds + grace) * 1000;
      Atomics.add(ints, SEQ, 1);
    },
    jobEnded() {
      const seq = Atomics.load(ints, SEQ);
      if (seq % 2 === 1) Atomics.store(ints, SEQ, seq + 1);
    },
    stop() {
      thread.terminate();
    },
  };
}
