/**
 * What every runner (render, feature, feature info, legend) receives and
 * returns. The queue loop and the one-shot CLI both call runners through
 * this contract.
 *
 * @module
 */
/** Content type of a failed result (as the Python client expects it). */
export const ERROR_CONTENT_TYPE = "application/text";

/** Log levels, lowest first. */
export type LogLevel = "debug" | "info" | "warning" | "error";

/** A minimal structured logger; secrets must be redacted before logging. */
export interface Logger {
  /** Logs a message with optional fields at a level. */
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** Limits a job must stay within. */
export interface RunnerLimits {
  /** Largest image width in pixels. */
  maxWidth: number;
  /** Largest image height in pixels. */
  maxHeight: number;
  /** Most layers in one job. */
  maxLayers: number;
  /** Highest dpi a job may ask for; default {@link DEFAULT_MAX_DPI}. */
  maxDpi?: number;
  /**
   * Largest size of a style's QML once inflated, in bytes; default
   * {@link DEFAULT_MAX_STYLE_BYTES}.
   */
  maxStyleBytes?: number;
  /**
   * Most features a feature info job may ask for per layer
   * (`FEATURE_COUNT`); default {@link DEFAULT_MAX_FEATURE_COUNT}.
   */
  maxFeatureCount?: number;
  /**
   * Seconds a job may run before it fails; default
   * {@link DEFAULT_MAX_JOB_SECONDS} (`worker/map/job_clock.ts`).
   */
  maxJobSeconds?: number;
}

/**
 * Default highest dpi: 1,200, four times a print map's. Every size in pixels
 * (symbols, fonts, buffers, pattern distances) grows with it.
 */
export const DEFAULT_MAX_DPI = 1200;

/**
 * Default seconds a job may run: 60, six times the Python client's default
 * wait for a result (10 s), so that no client still waits for an answer the
 * worker gave up.
 */
export const DEFAULT_MAX_JOB_SECONDS = 60;

/**
 * Default most features per layer of a feature info answer: 10,000 (QGIS
 * Desktop asks for 10, web clients for tens). Every hit is read, kept and
 * written: FEATURE_COUNT 1e9 with the largest tolerance over 200,000
 * points gave no answer within 60 s and 1.1 GB RSS.
 */
export const DEFAULT_MAX_FEATURE_COUNT = 10_000;

/**
 * Default largest inflated style: 4 MiB (QGIS's own styles are kilobytes),
 * the interface's `MAX_STYLE_BYTES` (types_test.ts holds them equal). Not
 * imported from there: the command line reads it before the worker
 * registers, and the style codec would load its zlib on the way.
 */
export const DEFAULT_MAX_STYLE_BYTES: number = 4 * 1024 * 1024;

/** Everything a runner may use besides the job itself. */
export interface RunnerContext {
  /** Absolute, real path of the data root; layer sources resolve below it. */
  dataRoot: string;
  /** Absolute folders searched for SVG symbols, in order. */
  svgPaths: string[];
  /** Hosts a `remote: true` source may be fetched from. */
  remoteHosts: string[];
  /** Request limits. */
  limits: RunnerLimits;
  /** Logger. */
  logger: Logger;
}

/** A runner's result before it is wrapped in a `JobResult`. */
export interface RunnerOutput {
  /** Image bytes, or a JSON-serialisable value (e.g. a QueryCollection). */
  data: Uint8Array | unknown;
  /** MIME type, e.g. `image/png` or `application/qgis-server-light.interface.qgis.QueryCollection`. */
  contentType: string;
}

/** A runner: turns one decoded job of type `J` into an output. */
export type Runner<J> = (job: J, ctx: RunnerContext) => Promise<RunnerOutput>;

/**
 * An error that a job failed for a reason the client should read (bad input,
 * missing file…). The queue loop reports its message in the failed result.
 *
 * @example
 * ```ts
 * import { JobError } from "./types.ts";
 * const error = new JobError("Cannot open layer 'roads': file not found");
 * error.name; // "JobError"
 * ```
 */
export class JobError extends Error {
  /** Creates a job error. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "JobError";
  }
}
