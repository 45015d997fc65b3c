/**
 * The worker's command line (commander): `run` serves jobs from Redis,
 * `render <job.json>` runs one job file in-process without Redis.
 *
 * @module
 */
import {
  Command,
  InvalidArgumentError,
  Option,
} from "@commander-js/extra-typings";
import { isAbsolute, resolve } from "node:path";
// Only light modules here: what `run` needs to register. The interface's
// schemas (zod), the runners and the web map services load after it.
import {
  configureWebSources,
  DEFAULT_WEB_SETTINGS,
} from "../sources/wms/settings.ts";
import {
  DEFAULT_POSTGRES_OPTIONS,
  setPostgresOptions,
} from "../sources/postgres/settings.ts";
import { redisTarget } from "@qgis-server-light/interface/redis_connect";
import type { ResultFormat } from "@qgis-server-light/interface";
import { createLogger, type LogFormat, parseLogLevel } from "../log/logger.ts";
import type { RunnerRegistry } from "../runners/registry.ts";
import {
  DEFAULT_MAX_DPI,
  DEFAULT_MAX_FEATURE_COUNT,
  DEFAULT_MAX_JOB_SECONDS,
  DEFAULT_MAX_STYLE_BYTES,
  type Logger,
  type LogLevel,
  type RunnerContext,
} from "../runners/types.ts";
import {
  DEFAULT_MAX_JOB_BYTES,
  DEFAULT_MAX_RESULT_BYTES,
  QueueWorker,
} from "../queue/worker.ts";
import {
  JOB_TYPES,
  type WmsLikeOptions,
  wmsLikeOptions,
} from "./wms_options.ts";

import { startWatchdog } from "../queue/watchdog.ts";
import { VERSION } from "./version.ts";
// the modules loaded after the registration (see there)
import * as late from "../_late.ts";

export { WORKER_ENV_VARS } from "./env_vars.ts";

/** A builder's RangeError (bad names, missing options) is a usage error. */
async function usage<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof RangeError || e instanceof SyntaxError) {
      throw new UsageError(e.message);
    }
    throw e;
  }
}

/** A command-line usage error, with the process exit code. */
export class UsageError extends Error {
  /** Exit code: 2. */
  readonly exitCode: number = 2;
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Where the modules the worker loads before it registers came from
 * (`worker/main.ts` decides): its bundle `worker/start.bundle.js`, or the
 * modules themselves, and why.
 */
export interface StartedFrom {
  /** `bundle` or `sources`. */
  from: "bundle" | "sources";
  /** Why not the bundle (none, stale, no read permission), with `sources`. */
  reason?: string;
}

/** What the program may touch; tests pass their own. */
export interface ProgramIo {
  /** Runners by type; default {@link defaultRunners}. */
  runners?: RunnerRegistry;
  /** Where log lines and messages go; default stderr. */
  writeErr?: (line: string) => void;
  /** Called with the worker once it is created (tests stop it). */
  onWorker?: (worker: QueueWorker) => void;
  /** Installs signal handlers calling `stop`; returns their removal. Default SIGINT/SIGTERM. */
  onSignals?: (stop: () => void) => () => void;
  /**
   * A signal this many milliseconds after the first or sooner is the same
   * request delivered twice and ignored; default 1000 (tests widen it).
   */
  repeatSignalMs?: number;
  /**
   * Seconds a job may overrun `--max-job-seconds` before the watchdog kills
   * the process; default max(30, the budget). For tests.
   */
  watchdogGraceSeconds?: number;
  /**
   * Loads engines (GDAL, Skia): `render` waits for it, `run` registers and
   * takes jobs meanwhile (a job waits for it); default none.
   */
  warmUp?: () => Promise<void>;
  /** Where the parser's own messages go (usage errors); default `writeErr`. */
  writeUsage?: (text: string) => void;
  /** Logged by `run` when it starts (`worker/main.ts` passes it). */
  startedFrom?: StartedFrom;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError("must be a positive integer");
  }
  return n;
}

function list(sep: string) {
  return (value: string): string[] =>
    value.split(sep).map((s) => s.trim()).filter((s) => s !== "");
}

function level(value: string): LogLevel {
  try {
    return parseLogLevel(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

function commonOptions(cmd: Command) {
  return cmd
    .addOption(
      new Option("--data-root <dir>", "folder the job's sources resolve below")
        .env("QSL_DATA_ROOT"),
    )
    .addOption(
      new Option("--svg-path <dirs>", "SVG folders, ':'-separated")
        .env("QSL_SVG_PATH").argParser(list(":")).default([] as string[]),
    )
    .addOption(
      new Option(
        "--remote-hosts <hosts>",
        "hosts (host or host:port, ','-separated) remote sources may come from",
      ).env("QSL_REMOTE_HOSTS").argParser(list(",")).default([] as string[]),
    )
    .addOption(
      new Option("--max-width <px>", "largest image width")
        .env("QSL_MAX_WIDTH").argParser(positiveInt).default(8192),
    )
    .addOption(
      new Option("--max-height <px>", "largest image height")
        .env("QSL_MAX_HEIGHT").argParser(positiveInt).default(8192),
    )
    .addOption(
      new Option("--max-layers <n>", "most layers in one job")
        .env("QSL_MAX_LAYERS").argParser(positiveInt).default(100),
    )
    .addOption(
      new Option("--max-dpi <dpi>", "highest dpi a job may ask for")
        .env("QSL_MAX_DPI").argParser(positiveInt).default(DEFAULT_MAX_DPI),
    )
    .addOption(
      new Option(
        "--max-style-bytes <bytes>",
        "largest layer style (QML) once inflated",
      ).env("QSL_MAX_STYLE_BYTES").argParser(positiveInt)
        .default(DEFAULT_MAX_STYLE_BYTES),
    )
    .addOption(
      new Option(
        "--max-feature-count <n>",
        "most features per layer a feature info job may ask for (FEATURE_COUNT)",
      ).env("QSL_MAX_FEATURE_COUNT").argParser(positiveInt)
        .default(DEFAULT_MAX_FEATURE_COUNT),
    )
    .addOption(
      new Option(
        "--max-job-seconds <s>",
        "seconds a job may run before it fails",
      ).env("QSL_MAX_JOB_SECONDS").argParser(positiveInt)
        .default(DEFAULT_MAX_JOB_SECONDS),
    )
    .addOption(
      new Option(
        "--web-timeout <ms>",
        "timeout of one request to a web map server (WMS, WMTS, XYZ)",
      ).env("QSL_WEB_TIMEOUT").argParser(positiveInt)
        .default(DEFAULT_WEB_SETTINGS.requestTimeoutMs),
    )
    .addOption(
      new Option(
        "--web-layer-timeout <ms>",
        "time all requests of one web map layer of one job may take",
      ).env("QSL_WEB_LAYER_TIMEOUT").argParser(positiveInt)
        .default(DEFAULT_WEB_SETTINGS.layerTimeoutMs),
    )
    .addOption(
      new Option(
        "--web-cache-dir <dir>",
        "folder to keep web map answers in too (needs write access)",
      ).env("QSL_WEB_CACHE_DIR"),
    )
    .addOption(
      new Option(
        "--web-cache-bytes <bytes>",
        "bytes of web map answers kept in that folder",
      ).env("QSL_WEB_CACHE_BYTES").argParser(positiveInt)
        .default(DEFAULT_WEB_SETTINGS.cacheDirBytes),
    )
    .addOption(
      new Option(
        "--web-max-image-pixels <n>",
        "most pixels of a web map tile or legend graphic (larger ones are not decoded)",
      ).env("QSL_WEB_MAX_IMAGE_PIXELS").argParser(positiveInt)
        .default(DEFAULT_WEB_SETTINGS.maxImagePixels),
    )
    .addOption(
      new Option(
        "--pg-connect-timeout <s>",
        "seconds to wait for a PostgreSQL connection",
      ).env("QSL_PG_CONNECT_TIMEOUT").argParser(positiveInt)
        .default(DEFAULT_POSTGRES_OPTIONS.connectTimeoutSeconds),
    )
    .addOption(
      new Option(
        "--pg-statement-timeout <s>",
        "seconds one PostgreSQL statement of a job may run",
      ).env("QSL_PG_STATEMENT_TIMEOUT").argParser(positiveInt)
        .default(DEFAULT_POSTGRES_OPTIONS.statementTimeoutSeconds),
    )
    .addOption(
      new Option("--log-level <level>", "debug | info | warning | error")
        .env("QSL_LOG_LEVEL").argParser(level).default("info" as LogLevel),
    )
    .addOption(
      new Option("--log-format <format>", "log lines as text or JSON")
        .env("QSL_LOG_FORMAT").choices(["plain", "json"] as const)
        .default("plain" as const),
    );
}

interface CommonOpts {
  dataRoot?: string;
  svgPath: string[];
  remoteHosts: string[];
  maxWidth: number;
  maxHeight: number;
  maxLayers: number;
  maxDpi: number;
  maxStyleBytes: number;
  maxFeatureCount: number;
  maxJobSeconds: number;
  webTimeout: number;
  webLayerTimeout: number;
  webCacheDir?: string;
  webCacheBytes: number;
  webMaxImagePixels: number;
  pgConnectTimeout: number;
  pgStatementTimeout: number;
  logLevel: LogLevel;
  logFormat: LogFormat;
}

function realDir(path: string, what: string): string {
  const abs = isAbsolute(path) ? path : resolve(Deno.cwd(), path);
  // Ask first: reading without the grant would prompt on a terminal. Not a
  // usage error: the option is right, the permissions are not (exit 1).
  const { state } = Deno.permissions.querySync({ name: "read", path: abs });
  if (state !== "granted") {
    throw new Deno.errors.NotCapable(
      `Cannot use ${what} '${path}': Deno grants no read access to it (--allow-read)`,
    );
  }
  // A folder that is missing or not a folder is the work failing (exit 1),
  // as a missing job or project file is: usage (exit 2) is the command
  // line alone.
  let real: string;
  try {
    real = Deno.realPathSync(abs);
  } catch (e) {
    throw new Error(
      `Cannot use ${what} '${path}': ${(e as Error).message}`,
    );
  }
  if (!Deno.statSync(real).isDirectory) {
    throw new Error(`Cannot use ${what} '${path}': not a folder`);
  }
  return real;
}

function readableFile(path: string, what: string): void {
  const abs = isAbsolute(path) ? path : resolve(Deno.cwd(), path);
  const { state } = Deno.permissions.querySync({ name: "read", path: abs });
  if (state !== "granted") {
    throw new Deno.errors.NotCapable(
      `Cannot read ${what} '${path}': Deno grants no read access to it (--allow-read)`,
    );
  }
  try {
    if (!Deno.statSync(abs).isFile) throw new Error("not a file");
  } catch (e) {
    throw new UsageError(
      `Cannot read ${what} '${path}': ${(e as Error).message}`,
    );
  }
}

function writableDir(path: string, what: string): string {
  const abs = isAbsolute(path) ? path : resolve(Deno.cwd(), path);
  for (const name of ["read", "write"] as const) {
    const { state } = Deno.permissions.querySync({ name, path: abs });
    if (state !== "granted") {
      throw new Deno.errors.NotCapable(
        `Cannot use ${what} '${path}': Deno grants no ${name} access to it (--allow-${name})`,
      );
    }
  }
  try {
    Deno.mkdirSync(abs, { recursive: true });
  } catch (e) {
    throw new Error(
      `Cannot use ${what} '${path}': ${(e as Error).message}`,
    );
  }
  return abs;
}

function context(opts: CommonOpts, logger: Logger): RunnerContext {
  if (!opts.dataRoot) {
    throw new UsageError(
      "Cannot start: no data root (--data-root or QSL_DATA_ROOT)",
    );
  }
  configureWebSources({
    requestTimeoutMs: opts.webTimeout,
    layerTimeoutMs: opts.webLayerTimeout,
    cacheDir: opts.webCacheDir === undefined
      ? undefined
      : writableDir(opts.webCacheDir, "web cache folder"),
    cacheDirBytes: opts.webCacheBytes,
    maxImagePixels: opts.webMaxImagePixels,
  });
  setPostgresOptions({
    connectTimeoutSeconds: opts.pgConnectTimeout,
    statementTimeoutSeconds: opts.pgStatementTimeout,
  });
  return {
    dataRoot: realDir(opts.dataRoot, "data root"),
    svgPaths: opts.svgPath.map((p) => realDir(p, "SVG folder")),
    remoteHosts: opts.remoteHosts.map((h) => h.toLowerCase()),
    limits: {
      maxWidth: opts.maxWidth,
      maxHeight: opts.maxHeight,
      maxLayers: opts.maxLayers,
      maxDpi: opts.maxDpi,
      maxStyleBytes: opts.maxStyleBytes,
      maxFeatureCount: opts.maxFeatureCount,
      maxJobSeconds: opts.maxJobSeconds,
    },
    logger,
  };
}

/** A signal this soon after the first is the same request delivered twice. */
const REPEAT_SIGNAL_MS = 1000;

function defaultSignals(stop: () => void): () => void {
  const signals: Deno.Signal[] = ["SIGINT", "SIGTERM"];
  for (const s of signals) Deno.addSignalListener(s, stop);
  return () => {
    for (const s of signals) Deno.removeSignalListener(s, stop);
  };
}

/**
 * Builds the `qsl-worker` program. `parseAsync` resolves with the exit code
 * the process should end with.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./program.ts";
 * await buildProgram().parseAsync(["run", "--data-root", "/data"], { from: "user" });
 * ```
 */
export function buildProgram(io: ProgramIo = {}): Command & {
  exitCode: number;
} {
  // The runners (and through them styles, sources, GDAL's and Skia's
  // bindings) are imported when needed: \`run\` registers before.
  const loadRunners = async (): Promise<RunnerRegistry> =>
    io.runners ??
      (await late.loadRunnerRegistry()).defaultRunners();
  const writeErr = io.writeErr ??
    ((l: string) => Deno.stderr.writeSync(new TextEncoder().encode(l + "\n")));
  const state = { exitCode: 0 };
  const program = new Command()
    .name("qsl-worker")
    .description(
      "qgis-server-light worker: renders the jobs it takes from Redis",
    )
    .version(VERSION, "-V, --version", "print the version and exit")
    .exitOverride()
    .configureOutput({
      writeErr: (s) => (io.writeUsage ?? writeErr)(s.trimEnd()),
    });

  commonOptions(
    program.command("run")
      .description("serve jobs from a Redis queue until SIGINT/SIGTERM"),
  )
    .addOption(
      new Option(
        "--redis-url <url>",
        "Redis to take jobs from: redis://[user:password@]host:port[/db], rediss://… (TLS), redis+sentinel://[user:password@]host:26379,…/mastername[/db] or rediss+sentinel://… (Sentinel over TLS)",
      ).env("QSL_REDIS_URL").default("redis://localhost:6379"),
    )
    .addOption(
      new Option(
        "--redis-tls-ca <file>",
        "PEM file of the CA that signed the rediss:// (or rediss+sentinel://) servers' certificates (needs read access)",
      ).env("QSL_REDIS_TLS_CA"),
    )
    .addOption(
      new Option(
        "--result-format <format>",
        "how results are published: pickle (what Python clients read) or json",
      ).env("QSL_RESULT_FORMAT").choices(["pickle", "json"] as const)
        .default("pickle" as const),
    )
    .addOption(
      new Option(
        "--max-attempts <n>",
        "workers that may die while running a job before it fails as a poison pill",
      ).env("QSL_MAX_ATTEMPTS").argParser(positiveInt).default(3),
    )
    .addOption(
      new Option(
        "--max-job-bytes <bytes>",
        "largest job envelope read from Redis; a larger job fails unread",
      ).env("QSL_MAX_JOB_BYTES").argParser(positiveInt)
        .default(DEFAULT_MAX_JOB_BYTES),
    )
    .addOption(
      new Option(
        "--max-result-bytes <bytes>",
        "largest result published to Redis; a larger one fails the job",
      ).env("QSL_MAX_RESULT_BYTES").argParser(positiveInt)
        .default(DEFAULT_MAX_RESULT_BYTES),
    )
    .addOption(
      new Option(
        "--job-ttl <seconds>",
        "how long a finished job's hash stays in Redis for its client",
      ).env("QSL_JOB_TTL").argParser(positiveInt).default(3600),
    )
    .addOption(
      new Option("--worker-id <id>", "worker id (default: a random UUID)")
        .env("QSL_WORKER_ID"),
    )
    .addOption(
      new Option(
        "--worker-expiry <seconds>",
        "registration expiry; a silent worker's jobs are re-queued after it",
      ).env("QSL_WORKER_EXPIRY").argParser(positiveInt).default(300),
    )
    .action(async (opts) => {
      const logger = createLogger({
        level: opts.logLevel,
        format: opts.logFormat,
        write: io.writeErr,
      });
      try {
        redisTarget(opts.redisUrl);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      if (opts.redisTlsCa !== undefined) {
        readableFile(opts.redisTlsCa, "Redis TLS CA file");
      }
      const ctx = context(opts, logger);
      const expiry = opts.workerExpiry;
      const workerId = opts.workerId ?? crypto.randomUUID();
      // a job stuck in WebAssembly blocks this thread for ever: the
      // watchdog's thread kills the process so that a supervisor restarts it
      const watchdog = startWatchdog({
        format: opts.logFormat as LogFormat,
        workerId,
        graceSeconds: io.watchdogGraceSeconds,
      });
      const worker = new QueueWorker({
        watchdog,
        redisUrl: opts.redisUrl,
        tlsCaFile: opts.redisTlsCa,
        runners: loadRunners,
        context: ctx,
        resultFormat: opts.resultFormat as ResultFormat,
        workerId,
        maxAttempts: opts.maxAttempts,
        jobTtlSeconds: opts.jobTtl,
        maxJobBytes: opts.maxJobBytes,
        maxResultBytes: opts.maxResultBytes,
        expirySeconds: expiry,
        heartbeatSeconds: Math.max(1, Math.min(10, Math.floor(expiry / 3))),
        requeueSeconds: Math.max(1, Math.min(30, expiry)),
        blockSeconds: Math.max(1, Math.min(5, Math.floor(expiry / 3))),
        // registered and taking jobs while the engines load
        startEngines: io.warmUp,
        startedFrom: io.startedFrom,
      });
      io.onWorker?.(worker);
      let signalled: number | undefined;
      let stopped = false;
      const remove = (io.onSignals ?? defaultSignals)(() => {
        if (stopped) return;
        // One stop request often arrives twice: `deno task` forwards the
        // signal it gets, and a terminal's Ctrl-C or `timeout` signals the
        // whole process group as well. Only a signal well after the first
        // means "now".
        if (signalled !== undefined) {
          if (
            Date.now() - signalled < (io.repeatSignalMs ?? REPEAT_SIGNAL_MS)
          ) {
            logger.log("debug", "repeated stop signal: ignored", {
              worker_id: worker.id,
            });
            return;
          }
          // The held job stays in processing:{id}; another worker re-queues
          // it once this worker's registration expires.
          logger.log("warning", "second signal: exiting at once", {
            worker_id: worker.id,
          });
          Deno.exit(1);
        }
        signalled = Date.now();
        worker.stop();
        // the window starts again once the stop is under way: its log line
        // is a synchronous write that blocks while a slow reader leaves
        // stderr's pipe full, and a duplicate waiting behind it is no
        // second request
        signalled = Date.now();
      });
      try {
        await worker.run();
      } catch (error) {
        // What no retry mends (Deno denied the connection): one line, exit 1.
        logger.log("error", (error as Error).message, {
          worker_id: worker.id,
        });
        state.exitCode = 1;
      } finally {
        // A stop request's duplicate may still be on its way (`deno task`
        // forwards the group's signal late): with the listener gone, it
        // would kill the process by the signal (exit 143) after a clean
        // stop. The listener stays; it does not keep the process alive.
        if (signalled === undefined) remove();
        else stopped = true;
        watchdog.stop();
      }
    });

  const render = commonOptions(
    program.command("render")
      .description(
        "run one job file (or a render from a config) in-process, without Redis",
      ),
  )
    .argument("[job.json]", "the job envelope ({id, type, job})")
    .option("--output <file>", "where the image or JSON goes (default stdout)")
    .option(
      "--config <config.json>",
      "render from an exported config and the WMS-like options below instead of a job file",
    );
  wmsLikeOptions(render)
    .action(async (file, opts) => {
      const logger = createLogger({
        level: opts.logLevel,
        format: opts.logFormat,
        write: io.writeErr,
      });
      const ctx = context({ ...opts, dataRoot: opts.dataRoot ?? "." }, logger);
      let text: string;
      if (opts.config !== undefined) {
        if (file !== undefined) {
          throw new UsageError(
            "Cannot render: give a job file or --config, not both",
          );
        }
        const { jobFromOptions, readConfig } = await late.loadConfigJob();
        text = JSON.stringify(
          await usage(async () =>
            jobFromOptions(
              await readConfig(opts.config!),
              "render",
              opts as unknown as WmsLikeOptions,
            )
          ),
        );
      } else if (file === undefined) {
        throw new UsageError("Cannot render: give a job file or --config");
      } else {
        try {
          text = await Deno.readTextFile(file);
        } catch (e) {
          throw new Error(
            `Cannot read job '${file}': ${(e as Error).message}`,
          );
        }
      }
      await io.warmUp?.();
      const { executeJob } = await late.loadExecute();
      const outcome = await executeJob(text, await loadRunners(), ctx);
      logger.log(outcome.status === "succeed" ? "info" : "error", "job", {
        type: outcome.type,
        layers: outcome.layers,
        status: outcome.status,
        duration_ms: Math.round(outcome.durationMs * 10) / 10,
        error: outcome.error,
      });
      if (outcome.status === "failed") {
        state.exitCode = 1;
        return;
      }
      const bytes = outcome.data instanceof Uint8Array
        ? outcome.data
        : new TextEncoder().encode(
          typeof outcome.data === "string"
            ? outcome.data
            : JSON.stringify(outcome.data, null, 2) + "\n",
        );
      if (opts.output) await Deno.writeFile(opts.output, bytes);
      else await Deno.stdout.write(bytes);
    });

  const job = program.command("job")
    .description(
      "write a job envelope built from an exported config as JSON",
    )
    .argument("<config.json>", "the exporter's config")
    .addOption(
      new Option("--type <type>", "job type").choices(JOB_TYPES)
        .default("render" as const),
    )
    .option("--output <file>", "where the JSON goes (default stdout)");
  wmsLikeOptions(job)
    .action(async (file, opts) => {
      const { jobFromOptions, readConfig } = await late.loadConfigJob();
      const envelope = await usage(async () =>
        jobFromOptions(
          await readConfig(file),
          opts.type,
          opts as unknown as WmsLikeOptions,
        )
      );
      const bytes = new TextEncoder().encode(
        JSON.stringify(envelope, null, 2) + "\n",
      );
      if (opts.output) await Deno.writeFile(opts.output, bytes);
      else await Deno.stdout.write(bytes);
    });

  Object.defineProperty(program, "exitCode", { get: () => state.exitCode });
  return program as Command & { exitCode: number };
}
