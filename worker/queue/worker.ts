/**
 * The queue loop, speaking the Python qgis-server-light worker's Redis
 * protocol (keys in `interface/protocol.ts`) with reliable fetch on top:
 *
 * 1. register: `SADD workers {id}`, `HSET worker:{id} info last_seen`,
 *    `EXPIRE worker:{id} 300`, renewed while idle and while busy;
 * 2. take a job atomically: `BLMOVE jobs processing:{id} LEFT RIGHT`, with a
 *    timeout that renews the heartbeat; the take script behind it on the
 *    same connection reads the envelope in the same round trip;
 * 3. unless workers died while running the job `--max-attempts` times (a
 *    poison pill: it fails), set `running` (the take script), run it, set
 *    `succeed` or `failed` with timestamps and `duration`, and expire the
 *    hash after the job TTL;
 * 4. publish the pickled or JSON `JobResult` on `notifications:{id}` and
 *    drop the job from `processing:{id}`, in the script that sets the final
 *    status (`scripts.ts`); while PUBLISH reaches nobody (the Python client
 *    subscribes late), the job goes back to `processing:{id}` and the worker
 *    sets the final status again and publishes again, with a short backoff,
 *    in the background (the next jobs are taken meanwhile; the take script
 *    is told those held jobs' ids and passes over them).
 *
 * Jobs held by workers whose `worker:{id}` expired are moved back to the
 * front of `jobs` on start and periodically, so a killed worker loses
 * nothing: delivery is at-least-once. As BullMQ counts stalled jobs, a job's
 * `stalled` counter grows only when its worker died while running it (its
 * status was `running` when it was moved back), not for every take.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import {
  DENO_WORKER_NAME,
  JOB_TTL_SECONDS,
  JobField,
  jobKey,
  JOBS_KEY,
  JobStatus,
  notificationChannel,
  processingKey,
  statusTimestampField,
  WORKER_EXPIRY_SECONDS,
  WorkerField,
  workerKey,
  WORKERS_KEY,
} from "@qgis-server-light/interface/protocol";
import type {
  encodeResult,
  EngineInfo,
  EngineStatus,
  ResultFormat,
} from "@qgis-server-light/interface";
import {
  isAuthError,
  isConnectionDown,
  reconnectWhenEnded,
  redactRedisUrl,
  redisErrorLine,
  redisOptions,
  type RedisTarget,
  redisTarget,
} from "@qgis-server-light/interface/redis_connect";
import { clip, maskSecrets } from "@qgis-server-light/interface/redact";
import type { RunnerRegistry } from "../runners/registry.ts";
import {
  DEFAULT_MAX_JOB_SECONDS,
  ERROR_CONTENT_TYPE,
  type RunnerContext,
} from "../runners/types.ts";
import type { JobOutcome } from "./execute.ts";
import type { Watchdog } from "./watchdog.ts";
import {
  FINISH_SCRIPT,
  FINISH_SCRIPT_SHA1,
  RECLAIM_SCRIPT,
  TAKE_MOVED_SCRIPT,
  TAKE_SCRIPT,
  takeArgv,
  type TakeReply,
} from "./scripts.ts";
import {
  collectBetweenJobs,
  MEMORY_REPORT_EVERY,
  memoryReport,
} from "./memory.ts";
import { encodeCommand } from "./resp.ts";
import * as late from "../_late.ts";

// ioredis by a dynamic import, as the interface's RedisQueue loads it:
// `deno doc` follows static imports (type-only ones too) into ioredis's
// .d.ts files, whose `/// <reference types="node" />` it cannot resolve (13
// warnings for worker/mod.ts). `deno check` still types it; the client
// stays private to the worker.
const { Redis, Command } = await import("ioredis");
type Redis = InstanceType<typeof Redis>;

// A command whose bytes are encoded already (resp.ts): ioredis writes them
// as they are instead of building them argument by argument.
class EncodedCommand extends Command {
  readonly #bytes: Buffer;
  constructor(name: string, bytes: Uint8Array) {
    super(name);
    this.#bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  override toWritable(): Buffer {
    return this.#bytes;
  }
}

// execute.ts imports every runner (styles, sources, the engines' bindings)
// and the interface's schemas (zod), as the result codec does: both are
// imported once the worker has registered, or at the first job
// (through _late.ts: see there why)
let execute: Promise<typeof import("./execute.ts")> | undefined;
let executeLoaded: typeof import("./execute.ts") | undefined;
function loadExecute(): Promise<typeof import("./execute.ts")> {
  return execute ??= late.loadExecute().then((m) => executeLoaded = m);
}
let codec: Promise<typeof encodeResult> | undefined;
function loadCodec(): Promise<typeof encodeResult> {
  return codec ??= late.loadResultCodec().then((m) => m.encodeResult);
}

/**
 * Default largest job envelope: 8 MiB. Real jobs are kilobytes (a map of
 * the largest real project we have, 1.3 MB of `.qgs`, carries well under
 * 1 MB of zlib-compressed styles); one style at the inflated limit of 4 MiB
 * fits even if it does not compress (≈ 5.6 MB of base64). A job's text,
 * once read, grows V8's heap for good: ~10 MB jobs left the worker 25–35 MB
 * larger each.
 */
export const DEFAULT_MAX_JOB_BYTES: number = 8 * 1024 * 1024;

/**
 * Default largest result published: 24 MiB. Results travel by pub/sub, and
 * Redis closes a subscriber whose output buffer passes its
 * `client-output-buffer-limit pubsub` (32 MiB by default; a 31 MiB message
 * already did): the result is lost and the client waits for its timeout.
 * A larger result fails the job with a message that says so.
 */
export const DEFAULT_MAX_RESULT_BYTES: number = 24 * 1024 * 1024;

/** Version string the worker registers with. */
export const WORKER_VERSION = "0.1.0";

/** Options of {@link QueueWorker}. */
export interface QueueWorkerOptions {
  /**
   * Redis URL: `redis://[user:password@]host:port[/db]`, `rediss://…` (TLS)
   * `redis+sentinel://[user:password@]host:26379,…/mastername[/db]` or
   * `rediss+sentinel://…` (Sentinel over TLS).
   */
  redisUrl: string;
  /** PEM file of the CA that signed a `rediss://` (or `rediss+sentinel://`) server's certificate. */
  tlsCaFile?: string;
  /**
   * Runners by job type, or a function loading them (called once the
   * worker has registered).
   */
  runners: RunnerRegistry | (() => Promise<RunnerRegistry>);
  /** What runners receive besides the job (its `logger` also logs the loop). */
  context: RunnerContext;
  /** How results are encoded; default `pickle` (what the Python worker sends). */
  resultFormat?: ResultFormat;
  /** Worker id; default a random UUID. */
  workerId?: string;
  /** Host name published with results; default `Deno.hostname()`. */
  hostName?: string;
  /**
   * How many workers may die while running a job before it counts as a
   * poison pill and fails; default 3.
   */
  maxAttempts?: number;
  /** Seconds a finished job's hash lives; default {@link JOB_TTL_SECONDS}. */
  jobTtlSeconds?: number;
  /**
   * Largest job envelope (the `info` field, in bytes) the worker reads;
   * a larger one fails unread. Default {@link DEFAULT_MAX_JOB_BYTES}.
   */
  maxJobBytes?: number;
  /**
   * Largest encoded result (bytes) published; a larger one fails the job.
   * Default {@link DEFAULT_MAX_RESULT_BYTES}.
   */
  maxResultBytes?: number;
  /** Seconds BLMOVE waits before renewing the heartbeat; default 5. */
  blockSeconds?: number;
  /** Seconds between heartbeats; default 10. */
  heartbeatSeconds?: number;
  /** Seconds between scans for dead workers' jobs; default 30. */
  requeueSeconds?: number;
  /** Registration expiry in seconds; default 300 (the Python worker's). */
  expirySeconds?: number;
  /** How long to re-publish a result nobody received, in ms; default 5000. */
  publishRetryMs?: number;
  /** Largest reconnect backoff in ms; default 5000. */
  maxBackoffMs?: number;
  /**
   * Loads the engines; called once the worker has registered (their
   * loading would hold up the registration's round trips). The worker takes
   * jobs meanwhile (a job taken waits for them); when it rejects, the
   * worker stops and {@link QueueWorker.run} rejects.
   */
  startEngines?: () => Promise<unknown>;
  /**
   * Where the modules loaded before the registration came from, for the
   * `worker starting` log line (`modules`, `modules_reason`).
   */
  startedFrom?: { from: string; reason?: string };
  /**
   * Told when a job's runner starts and ends: kills the process when a job
   * hangs in a call the job clock cannot interrupt (see watchdog.ts).
   */
  watchdog?: Watchdog;
}

/** Counters of a running worker. */
export interface QueueWorkerStats {
  /** Jobs that ended `succeed`. */
  succeeded: number;
  /** Jobs that ended `failed`. */
  failed: number;
  /** Jobs moved back to the queue from dead workers. */
  requeued: number;
}

// The take script, run per job, as a custom command (EVALSHA; see
// scripts.ts); the finish script is sent encoded (#runFinish).
interface ScriptCommands {
  qslTakeMoved(processing: string, ...argv: string[]): Promise<TakeReply>;
}
type Client = Redis & ScriptCommands;

const STOPPED: unique symbol = Symbol("stopped");

function nowIso(): string {
  return new Date().toISOString();
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function defaultHostName(): string {
  try {
    return Deno.hostname();
  } catch {
    return "unknown";
  }
}

/**
 * A worker taking jobs from Redis until {@link QueueWorker.stop} is called.
 *
 * @example
 * ```ts ignore
 * import { QueueWorker } from "./worker.ts";
 * import { defaultRunners } from "../runners/registry.ts";
 * const worker = new QueueWorker({ redisUrl: "redis://localhost:6379", runners: defaultRunners(), context });
 * Deno.addSignalListener("SIGTERM", () => worker.stop());
 * await worker.run();
 * ```
 */
export class QueueWorker {
  /** This worker's id. */
  readonly id: string;
  /** Counters. */
  readonly stats: QueueWorkerStats = { succeeded: 0, failed: 0, requeued: 0 };
  readonly #o: Required<
    Omit<
      QueueWorkerOptions,
      | "workerId"
      | "hostName"
      | "startEngines"
      | "tlsCaFile"
      | "startedFrom"
      | "watchdog"
    >
  >;
  readonly #startEngines: (() => Promise<unknown>) | undefined;
  #ready: Promise<unknown> | undefined;
  #engined = false; // #ready resolved: no await (a turn of the event loop) per job
  readonly #tlsCaFile: string | undefined;
  readonly #startedFrom: { from: string; reason?: string } | undefined;
  readonly #watchdog: Watchdog | undefined;
  #target: RedisTarget | undefined;
  // Told when stop() is called: idle Redis calls race it, because ioredis
  // leaves a command pending for ever when it is disconnected between two
  // reconnection attempts. One listener per call, removed when the call
  // settles: a race against one long-lived pending promise (as before
  // 2026-12-06) left a reaction on it per loop, each holding its job's
  // envelope (~14 kB a render job: 6 kB a job of the mixed bench leaked).
  readonly #stopListeners = new Set<() => void>();
  #stopRequested(): void {
    for (const listener of [...this.#stopListeners]) listener();
  }
  readonly #host: string;
  readonly #started = Math.floor(Date.now() / 1000);
  #client: Client | undefined;
  #blocking: Client | undefined;
  #stopping = false;
  #busy = false;
  #status: EngineStatus = "starting";
  #lastHeartbeat = 0;
  #lastRequeue = 0;
  // Jobs in our own processing list while idle were never finished: at start
  // (a predecessor with the same --worker-id died holding them) and after a
  // Redis error interrupted a job (we did not die: nothing is counted).
  #recoverOwn: false | "predecessor" | "interrupted" = "predecessor";
  #stopWaiters: (() => void)[] = [];
  #stopped = false;
  // results published again in the background until someone hears them,
  // with their jobs' ids (held in our processing list meanwhile)
  readonly #republishing = new Map<Promise<void>, string>();
  #stages: Record<string, number> = {};
  #fatal: Error | undefined;
  readonly #takeArgv: string[];

  /** Creates a worker; {@link QueueWorker.run} connects and serves. */
  constructor(options: QueueWorkerOptions) {
    this.id = options.workerId ?? crypto.randomUUID();
    this.#host = options.hostName ?? defaultHostName();
    this.#tlsCaFile = options.tlsCaFile;
    this.#startedFrom = options.startedFrom;
    this.#watchdog = options.watchdog;
    this.#o = {
      redisUrl: options.redisUrl,
      runners: options.runners,
      context: options.context,
      resultFormat: options.resultFormat ?? "pickle",
      maxAttempts: options.maxAttempts ?? 3,
      jobTtlSeconds: options.jobTtlSeconds ?? JOB_TTL_SECONDS,
      maxJobBytes: options.maxJobBytes ?? DEFAULT_MAX_JOB_BYTES,
      maxResultBytes: options.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES,
      blockSeconds: options.blockSeconds ?? 5,
      heartbeatSeconds: options.heartbeatSeconds ?? 10,
      requeueSeconds: options.requeueSeconds ?? 30,
      expirySeconds: options.expirySeconds ?? WORKER_EXPIRY_SECONDS,
      publishRetryMs: options.publishRetryMs ?? 5000,
      maxBackoffMs: options.maxBackoffMs ?? 5000,
    };
    this.#startEngines = options.startEngines;
    this.#takeArgv = takeArgv(this.#o.maxJobBytes, this.#o.maxAttempts);
  }

  #registry: Promise<RunnerRegistry> | undefined;
  #runners(): Promise<RunnerRegistry> {
    const runners = this.#o.runners;
    return this.#registry ??= typeof runners === "function"
      ? runners()
      : Promise.resolve(runners);
  }

  #loadEngines(): void {
    loadExecute().catch(() => {}); // awaited (and failing) at the first job
    loadCodec().catch(() => {});
    this.#runners().catch(() => {});
    if (this.#ready || !this.#startEngines) return;
    this.#ready = this.#startEngines();
    this.#ready.then(() => this.#engined = true, () => {});
    this.#ready.catch((error: Error) => {
      if (this.#fatal) return;
      this.#fatal = new Error(
        `Cannot start the engines: ${maskSecrets(String(error?.message))}`,
        { cause: error },
      );
      // deregisters and returns held jobs on the way out
      this.#stopping = true;
      if (!this.#busy) this.#blocking?.disconnect();
    });
  }

  get #log() {
    return this.#o.context.logger;
  }

  #connect(name: string, target: RedisTarget): Client {
    const maxBackoff = this.#o.maxBackoffMs;
    const client = new Redis({
      ...redisOptions(this.#o.redisUrl, { tlsCaFile: this.#tlsCaFile }),
      connectionName: `qsl-worker-${name}`,
      // Capped exponential backoff; ioredis retries for ever.
      retryStrategy: (times: number) => Math.min(100 * 2 ** times, maxBackoff),
      sentinelRetryStrategy: (times: number) =>
        Math.min(100 * 2 ** times, maxBackoff),
      maxRetriesPerRequest: 2,
      enableReadyCheck: true,
    }) as Client;
    client.defineCommand("qslTakeMoved", {
      numberOfKeys: 1,
      lua: TAKE_MOVED_SCRIPT,
    });
    let down = false;
    const lost = (line?: string) => {
      if (down || this.#stopping) return;
      down = true;
      this.#log.log(
        "warning",
        `${
          line ?? `Cannot reach Redis at ${target.label}: connection closed`
        }; reconnecting`,
        { connection: name },
      );
    };
    client.on("error", (e: Error) => {
      // Deno refused the connection (--allow-net), or Redis refused the
      // credentials: no retry can help.
      if (e instanceof Deno.errors.NotCapable || isAuthError(e)) {
        this.#fail(e);
      } else lost(redisErrorLine(e, target.label));
    });
    client.on("close", () => lost());
    // ioredis ends a connection it was making again when the sentinels
    // announce a new master meanwhile: made again (reconnectWhenEnded)
    reconnectWhenEnded(client, () => this.#stopping);
    client.on("ready", () => {
      if (down) {
        down = false;
        this.#log.log("info", "Redis connection restored", {
          connection: name,
        });
        this.#lastHeartbeat = 0; // re-register at once: Redis may have lost us
      }
    });
    return client;
  }

  /** `p`, or {@link STOPPED} as soon as stop() is called. */
  #unlessStopped<T>(p: Promise<T>): Promise<T | typeof STOPPED> {
    p.catch(() => {}); // a late rejection after the stop is nobody's concern
    if (this.#stopping) return Promise.resolve(STOPPED);
    return new Promise<T | typeof STOPPED>((resolve, reject) => {
      const stopped = () => resolve(STOPPED);
      this.#stopListeners.add(stopped);
      p.then(resolve, reject).finally(() =>
        this.#stopListeners.delete(stopped)
      );
    });
  }

  /**
   * Connects, registers and serves jobs until {@link QueueWorker.stop}; then
   * finishes the current job, returns unstarted jobs, deregisters and
   * disconnects.
   */
  async run(): Promise<void> {
    const target = redisTarget(this.#o.redisUrl);
    this.#target = target;
    this.#checkNetPermission(target);
    this.#client = this.#connect("commands", target);
    this.#blocking = this.#connect("blocking", target);
    this.#log.log("info", "worker starting", {
      worker_id: this.id,
      redis: redactRedisUrl(this.#o.redisUrl),
      result_format: this.#o.resultFormat,
      runners: typeof this.#o.runners === "function"
        ? "loaded after registration"
        : Object.keys(this.#o.runners),
      modules: this.#startedFrom?.from,
      modules_reason: this.#startedFrom?.reason,
    });
    const blocking = this.#blocking;
    // The registration is renewed while a job runs (the loop renews it
    // while idle): one timer for the worker's life, ticking twice per
    // period, not one made and cleared per job (~20 µs of each job). And
    // while a stop waits for results still re-published: their jobs are
    // held, and a lapsed registration would have them re-queued and run
    // again as a dead worker's (#shutdown deregisters once they end).
    const beatMs = this.#o.heartbeatSeconds * 1000;
    const beat = setInterval(() => {
      if (
        (this.#busy || this.#republishing.size > 0) &&
        Date.now() - this.#lastHeartbeat >= beatMs
      ) {
        this.#heartbeat(this.#client!).catch(() => {});
      }
    }, beatMs / 2);
    try {
      await this.#serve(blocking!);
      await this.#shutdown();
    } finally {
      clearInterval(beat);
    }
    if (this.#fatal) throw this.#fatal;
  }

  async #serve(blocking: Client): Promise<void> {
    let failures = 0;
    while (!this.#stopping) {
      try {
        // Idle work: abandoned at once when a stop comes.
        const idle = await this.#unlessStopped((async () => {
          await this.#heartbeatIfDue();
          if (this.#recoverOwn) {
            // after an error: the jobs whose results are re-published are
            // held until that ends (not run again meanwhile)
            await Promise.allSettled([...this.#republishing.keys()]);
            await this.#returnHeld(
              "job returned to the queue: never finished",
              this.#recoverOwn === "predecessor",
            );
            this.#recoverOwn = false;
          }
          await this.#requeueIfDue();
          this.#status = "waiting";
          const processing = processingKey(this.id);
          // Pipelined: one round trip brings the id and the envelope; and
          // one write sends both (corked: Redis is woken once, not twice)
          const stream = blocking.status === "ready"
            ? blocking.stream
            : undefined;
          stream?.cork();
          let moved: Promise<string | null>, taken: Promise<TakeReply>;
          try {
            moved = blocking.blmove(
              JOBS_KEY,
              processing,
              "LEFT",
              "RIGHT",
              this.#o.blockSeconds,
            );
            // the jobs whose results are re-published are in that list
            // too: named, so that it does not take one of them for the
            // job when BLMOVE times out (it was set running again, and a
            // death then counted as one during the job)
            taken = blocking.qslTakeMoved(
              processing,
              ...this.#takeArgv,
              ...new Set(this.#republishing.values()),
            );
          } finally {
            stream?.uncork();
          }
          taken.catch(() => {}); // awaited by #handle
          // while BLMOVE waits: what the next job would otherwise do on
          // its client's path (a job already queued waits for it, as it
          // would have in the job)
          try {
            executeLoaded?.betweenJobs();
          } catch (error) {
            // logged only: the next job makes its own zlib stream and
            // settles what is left, as jobs did before
            this.#log.log("warning", "Cannot prepare for the next job", {
              error: maskSecrets(String((error as Error)?.message)),
            });
          }
          const id = await moved;
          return id === null ? null : { id, taken };
        })());
        if (idle === STOPPED) break;
        failures = 0;
        if (idle === null) continue;
        await this.#handle(idle.id, idle.taken);
      } catch (error) {
        if (this.#stopping) break;
        if (!this.#recoverOwn) this.#recoverOwn = "interrupted";
        failures++;
        const backoff = Math.min(100 * 2 ** failures, this.#o.maxBackoffMs);
        // A command given up while the connection is down: the loss is
        // logged once already, ioredis's message names its own options.
        if (isConnectionDown(error)) {
          this.#log.log("debug", "Redis not reachable, retrying", {
            retry_in_ms: backoff,
          });
        } else {
          this.#log.log("warning", "Redis command failed, retrying", {
            error: maskSecrets((error as Error).message),
            retry_in_ms: backoff,
          });
        }
        await this.#sleepUnlessStopped(backoff);
        this.#lastHeartbeat = 0;
      }
    }
  }

  /**
   * Throws when Deno grants no network access to the Redis URL's host:
   * retrying cannot help, and connecting would prompt on a terminal.
   */
  #checkNetPermission(target: RedisTarget): void {
    for (const { host: name, port } of target.addresses) {
      const host = `${name}:${port}`;
      const { state } = Deno.permissions.querySync({ name: "net", host });
      if (state !== "granted") {
        throw new Deno.errors.NotCapable(
          `Cannot connect to Redis: Deno grants no network access to ${host} (--allow-net)`,
        );
      }
    }
  }

  /**
   * Ends the worker for a reason no retry can mend (a permission denial):
   * {@link QueueWorker.run} rejects with it once the current job is over.
   */
  #fail(error: Error): void {
    if (this.#fatal) return;
    this.#fatal = new Error(
      error instanceof Deno.errors.NotCapable
        ? `Cannot connect to Redis: ${maskSecrets(error.message)}`
        : redisErrorLine(error, this.#target?.label ?? "?"),
      { cause: error },
    );
    this.#stopping = true;
    this.#stopRequested();
    if (!this.#busy) {
      this.#client?.disconnect();
      this.#blocking?.disconnect();
    }
  }

  /**
   * Stops taking jobs; the current job finishes. Resolves when the worker has
   * deregistered.
   */
  stop(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    const done = new Promise<void>((r) => this.#stopWaiters.push(r));
    if (!this.#stopping) {
      this.#stopping = true;
      this.#stopRequested();
      this.#log.log("info", "worker stopping", {
        worker_id: this.id,
        busy: this.#busy,
      });
      // Abort an idle BLMOVE at once; a job that BLMOVE moved in the meantime
      // is returned to the queue by #shutdown.
      if (!this.#busy) this.#blocking?.disconnect();
      // With Redis down, commands wait for a reconnection: give up on them,
      // the registration expires by itself.
      if (!this.#busy && this.#client?.status !== "ready") {
        this.#client?.disconnect();
      }
    }
    return done;
  }

  async #sleepUnlessStopped(ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (!this.#stopping && Date.now() < end) {
      await sleep(Math.min(100, end - Date.now()));
    }
  }

  #engineInfo(): EngineInfo {
    return {
      id: this.id,
      qgis_info: {
        version: 100,
        version_name: `${DENO_WORKER_NAME} ${WORKER_VERSION}`,
        path: this.#host,
      },
      status: this.#status,
      started: this.#started,
    };
  }

  async #heartbeat(client: Redis): Promise<void> {
    const key = workerKey(this.id);
    await client.multi()
      .sadd(WORKERS_KEY, this.id)
      .hset(key, {
        [WorkerField.info]: JSON.stringify(this.#engineInfo()),
        [WorkerField.lastSeen]: nowIso(),
      })
      .expire(key, this.#o.expirySeconds)
      .exec();
    this.#lastHeartbeat = Date.now();
    this.#loadEngines();
  }

  async #heartbeatIfDue(): Promise<void> {
    if (Date.now() - this.#lastHeartbeat >= this.#o.heartbeatSeconds * 1000) {
      await this.#heartbeat(this.#client!);
    }
  }

  async #requeueIfDue(): Promise<void> {
    if (Date.now() - this.#lastRequeue < this.#o.requeueSeconds * 1000) return;
    this.#lastRequeue = Date.now();
    await this.requeueOrphans();
  }

  /**
   * Moves the jobs held by workers whose registration expired back to the
   * front of `jobs` and forgets those workers; returns how many moved.
   */
  async requeueOrphans(): Promise<number> {
    const client = this.#client!;
    const members = await client.smembers(WORKERS_KEY);
    let moved = 0;
    for (const worker of members) {
      if (worker === this.id) continue;
      if (await client.exists(workerKey(worker))) continue;
      for (;;) {
        // LMOVE is atomic: two workers reclaiming at once never share a job.
        const job = await this.#reclaim(client, worker, true);
        if (job === null) break;
        moved++;
        this.#log.log("warning", "job re-queued from a dead worker", {
          id: job.id,
          dead_worker: worker,
          died_running_it: job.wasRunning,
        });
      }
      await client.srem(WORKERS_KEY, worker);
    }
    this.stats.requeued += moved;
    return moved;
  }

  /**
   * Moves one job of `worker`'s processing list back to the front of `jobs`
   * (see {@link RECLAIM_SCRIPT}); `died` counts a running job as stalled.
   */
  async #reclaim(
    client: Redis,
    worker: string,
    died: boolean,
  ): Promise<{ id: string; wasRunning: boolean } | null> {
    const reply = await client.eval(
      RECLAIM_SCRIPT,
      2,
      processingKey(worker),
      JOBS_KEY,
      jobKey(""),
      JobField.status,
      JobStatus.running,
      JobField.stalled,
      JobStatus.queued,
      died ? "1" : "0",
    ) as [string, number] | null;
    return reply === null ? null : { id: reply[0], wasRunning: reply[1] === 1 };
  }

  /**
   * Moves the jobs in our own processing list back to the front of `jobs`;
   * `died`: a predecessor with our id held them (counted as stalled when it
   * was running them), not this worker.
   */
  async #returnHeld(message: string, died: boolean): Promise<number> {
    let moved = 0;
    for (;;) {
      const job = await this.#reclaim(this.#client!, this.id, died);
      if (job === null) return moved;
      moved++;
      this.#log.log("warning", message, { id: job.id });
    }
  }

  async #handle(id: string, taken: Promise<TakeReply>): Promise<void> {
    let mark = performance.now();
    // where a job's time goes, for the log line (the queue bench reads it)
    const stages: Record<string, number> = {};
    const stage = (name: string) => {
      const now = performance.now();
      stages[name] = Math.round((now - mark) * 1000) / 1000;
      mark = now;
    };
    this.#stages = stages;
    this.#busy = true;
    this.#status = "processing";
    const client = this.#client!;
    const key = jobKey(id);
    try {
      let reply = await taken.catch(() => [4] as TakeReply);
      const read = reply[0] === 0 || reply[0] === 1 || reply[0] === 2 ||
        reply[0] === 5;
      if (!read || reply[4] !== id) {
        // not the job BLMOVE returned: read that one
        reply = await client.eval(
          TAKE_SCRIPT,
          1,
          key,
          ...this.#takeArgv,
        ) as TakeReply;
      }
      stage("take");
      let outcome: JobOutcome;
      if (reply[0] === 2) {
        // The client withdrew the job (timeout) and deleted its hash.
        await client.lrem(processingKey(this.id), 1, id);
        this.#log.log("info", "job skipped: its hash is gone", { id });
        return;
      }
      const stalled = Number(reply[2]) || 0;
      let refusal: string | null = null;
      if (reply[0] === 5) {
        // Not a job's hash (a client wrote some other kind of value under
        // its key): answered, never read nor written, so that it cannot
        // hold the queue's front
        refusal = `Cannot run job: its key '${clip(key)}' holds a ${
          reply[1]
        }, not a hash; it was not read`;
      } else if (reply[0] === 0) {
        refusal =
          `Cannot run job: its envelope has ${reply[1]} bytes, over the ` +
          `limit of ${this.#o.maxJobBytes} (--max-job-bytes); it was not read`;
      } else if (stalled >= this.#o.maxAttempts) {
        refusal =
          `Cannot run job: workers died while running it ${stalled} times ` +
          `(limit ${this.#o.maxAttempts}; only a worker's death during the ` +
          `job counts, not a retry for any other reason)`;
      }
      if (refusal !== null) {
        outcome = {
          status: "failed",
          data: refusal,
          contentType: ERROR_CONTENT_TYPE,
          type: reply[0] === 0
            ? clip(String(reply[3] ?? "")) || undefined
            : undefined,
          layers: [],
          error: refusal,
          durationMs: 0,
        };
      } else {
        // the take script set it running
        if (this.#ready && !this.#engined) {
          // a job taken while the engines load waits for them
          try {
            await this.#ready;
          } catch {
            // the worker stops (see #loadEngines); the job goes back
            await this.#returnHeld(
              "job returned to the queue: no engines",
              false,
            );
            return;
          }
          stage("engines");
        }
        const { executeJob } = await loadExecute();
        const runners = await this.#runners();
        this.#watchdog?.jobStarted(
          id,
          this.#o.context.limits.maxJobSeconds ?? DEFAULT_MAX_JOB_SECONDS,
        );
        try {
          outcome = await executeJob(
            reply[1] as string,
            runners,
            this.#o.context,
          );
        } finally {
          this.#watchdog?.jobEnded();
        }
        if (outcome.decodeMs !== undefined) {
          // the envelope's JSON, schema and limits, apart from the runner
          stages.decode = Math.round(outcome.decodeMs * 1000) / 1000;
          mark += outcome.decodeMs;
        }
      }
      stage("run");
      // the job has run and little of it is alive: V8's heap collected
      // here rather than in the middle of a job, and before the answer, so
      // that the pause is this job's, not the next one's (a client that
      // posts once answered would wait for it)
      collectBetweenJobs(stages.run);
      stage("collect");
      await this.#finish(id, outcome, stalled + 1);
    } finally {
      this.#busy = false;
    }
  }

  async #finish(
    id: string,
    result: JobOutcome,
    attempt: number,
  ): Promise<void> {
    let outcome = result;
    const finishStarted = performance.now();
    const client = this.#client!;
    const key = jobKey(id);
    const encodeResult = await loadCodec();
    const encode = (o: JobOutcome) =>
      encodeResult({
        id,
        data: o.data,
        content_type: o.contentType,
        worker_id: this.id,
        worker_host_name: this.#host,
      }, this.#o.resultFormat);
    // A result that cannot reach the client is answered as a failure
    // that says why.
    const failed = (message: string): Uint8Array => {
      outcome = {
        ...outcome,
        status: "failed",
        data: message,
        contentType: ERROR_CONTENT_TYPE,
        error: message,
      };
      return encode(outcome);
    };
    let payload: Uint8Array;
    try {
      payload = encode(outcome);
    } catch (error) {
      // A runner returned data the result format cannot carry.
      payload = failed(
        maskSecrets(`Cannot encode the result: ${(error as Error).message}`),
      );
    }
    if (payload.length > this.#o.maxResultBytes) {
      // Redis would drop it on the way to the client (see
      // DEFAULT_MAX_RESULT_BYTES): say so instead
      payload = failed(
        `Cannot publish the result: ${payload.length} bytes are over the limit of ${this.#o.maxResultBytes} (--max-result-bytes; Redis's client-output-buffer-limit for pub/sub must be larger)`,
      );
    }
    const stages = this.#stages;
    let mark = finishStarted;
    const stage = (name: string) => {
      const now = performance.now();
      stages[name] = Math.round((now - mark) * 1000) / 1000;
      mark = now;
    };
    const status = outcome.status;
    const channel = notificationChannel(id);
    const processing = processingKey(this.id);
    const ttl = String(this.#o.jobTtlSeconds);
    const duration = String(outcome.durationMs / 1000);
    const statusField = statusTimestampField(status);
    const publishOnce = (done: boolean): Promise<number> => {
      const ts = nowIso();
      // the job leaves our processing list in the same round trip
      return this.#runFinish(client, [
        key,
        processing,
        channel,
        payload,
        ttl,
        id,
        done ? "1" : "0",
        JobField.status,
        status,
        statusField,
        ts,
        JobField.lastUpdate,
        ts,
        JobField.duration,
        duration,
      ]);
    };
    stage("encode_result");
    const report = (receivers: number) => {
      stage("publish_and_remove");
      if (status === "succeed") this.stats.succeeded++;
      else this.stats.failed++;
      const done = this.stats.succeeded + this.stats.failed;
      if (done % MEMORY_REPORT_EVERY === 0) {
        this.#log.log("debug", "memory", { jobs: done, ...memoryReport() });
      }
      this.#log.log(status === "succeed" ? "info" : "warning", "job", {
        id,
        type: outcome.type,
        layers: outcome.layers,
        status,
        duration_ms: Math.round(outcome.durationMs * 10) / 10,
        attempt,
        stages_ms: stages,
        receivers,
        error: outcome.error,
      });
    };
    const receivers = await publishOnce(true);
    if (receivers !== 0) return report(receivers);
    // The Python client subscribes after pushing and writes `queued` late:
    // until someone hears us, the job is ours again (re-queued if we die)
    // and we set the final status again and publish again. In the
    // background: a client that never listens (gone, or posting without
    // subscribing) would otherwise hold the worker for the whole retry
    // time each job (5 s), and so every client behind it.
    await client.rpush(processing, id);
    const retrying: Promise<void> = (async () => {
      let heard = 0;
      try {
        const deadline = Date.now() + this.#o.publishRetryMs;
        let wait = 10;
        while (heard === 0 && Date.now() < deadline) {
          await sleep(Math.min(wait, Math.max(0, deadline - Date.now())));
          wait = Math.min(wait * 2, 500);
          heard = await publishOnce(false);
        }
        await client.lrem(processing, 1, id);
      } catch (error) {
        // left in our processing list: returned to the queue with the rest
        this.#log.log("warning", "Cannot publish the result again", {
          id,
          error: maskSecrets((error as Error).message),
        });
      }
      report(heard);
    })().finally(() => this.#republishing.delete(retrying));
    this.#republishing.set(retrying, id);
  }

  /**
   * Runs {@link FINISH_SCRIPT} with its two keys and its ARGV, encoded in
   * one array: by its SHA1, by its text when Redis does not know it
   * (NOSCRIPT: after a restart or `SCRIPT FLUSH`; Redis keeps it then).
   */
  #runFinish(
    client: Client,
    keysAndArgv: (string | Uint8Array)[],
  ): Promise<number> {
    const send = (byHash: boolean) =>
      client.sendCommand(
        new EncodedCommand(
          byHash ? "evalsha" : "eval",
          encodeCommand([
            byHash ? "EVALSHA" : "EVAL",
            byHash ? FINISH_SCRIPT_SHA1 : FINISH_SCRIPT,
            "2",
            ...keysAndArgv,
          ]),
        ),
      ) as Promise<number>;
    return send(true).catch((error: Error) => {
      if (!String(error?.message).startsWith("NOSCRIPT")) throw error;
      return send(false);
    });
  }

  async #shutdown(): Promise<void> {
    const client = this.#client!;
    if (client.status === "ready") {
      try {
        // results still re-published end first (at most publishRetryMs)
        await Promise.allSettled([...this.#republishing.keys()]);
        // A job BLMOVE took while we were stopping was never started: give it back.
        await this.#returnHeld("job returned to the queue at stop", false);
        await client.multi()
          .srem(WORKERS_KEY, this.id)
          .del(workerKey(this.id))
          .exec();
      } catch (error) {
        this.#log.log("warning", "Cannot deregister cleanly", {
          error: maskSecrets((error as Error).message),
        });
      }
    } else if (!this.#fatal) {
      this.#log.log(
        "warning",
        "Redis unreachable at stop: not deregistered (the registration expires by itself)",
        { worker_id: this.id, expires_in_s: this.#o.expirySeconds },
      );
    }
    client.disconnect();
    this.#blocking?.disconnect();
    if (!this.#fatal) {
      this.#log.log("info", "worker stopped", {
        worker_id: this.id,
        succeeded: this.stats.succeeded,
        failed: this.stats.failed,
      });
    }
    this.#stopped = true;
    for (const r of this.#stopWaiters) r();
    this.#stopWaiters = [];
  }
}
