/**
 * Runs one job from its raw envelope to a result, whatever arrives: bad JSON,
 * a schema error, an unknown type, a request over the limits or a runner's
 * error all become a `failed` outcome whose data names the cause. Shared by
 * the queue loop and the one-shot `render` command.
 *
 * @module
 */
import {
  jsonNestsDeeperThan,
  MAX_JSON_DEPTH,
  parseJobInfo,
  WireFormatError,
} from "@qgis-server-light/interface";
import type { QslJobInfo } from "@qgis-server-light/interface";
import { clip, maskSecrets } from "@qgis-server-light/interface";
import { runnerFor, type RunnerRegistry } from "../runners/registry.ts";
import { GdalEngineError, isWasmFault } from "../gdal/gdal.ts";
import { resetCanvasKit } from "../paint/canvaskit.ts";
import { preparePng } from "../paint/png.ts";
import { settleSurfaces } from "../paint/surface.ts";
import { checkStringLengths } from "./string_limits.ts";
import {
  armExpressionBudget,
  disarmExpressionBudget,
} from "../expression/budget.ts";
import { takeUnsupportedNotes } from "../expression/errors.ts";
import { armJobClock, disarmJobClock } from "../map/job_clock.ts";
import { GEOS_FUNCTIONS } from "../expression/fn_geos.ts";
import { geosLoaded, loadGeos } from "../geos/geos.ts";
import {
  DEFAULT_MAX_DPI,
  DEFAULT_MAX_FEATURE_COUNT,
  DEFAULT_MAX_JOB_SECONDS,
  DEFAULT_MAX_STYLE_BYTES,
  JobError,
  type RunnerContext,
  type RunnerLimits,
} from "../runners/types.ts";

import { ERROR_CONTENT_TYPE } from "../runners/types.ts";

/** Content type of a failed result (as the Python client expects it). */
export { ERROR_CONTENT_TYPE };

/**
 * Longest message a failed result carries. Messages echo a job's input cut
 * to a few hundred characters where they quote it; this caps the rest (a
 * GDAL error quoting an SQL filter, several layers' causes).
 */
export const MESSAGE_LIMIT = 1000;
// layer names a job's log line lists
const LOGGED_LAYERS = 20;

/** What became of a job. */
export interface JobOutcome {
  /** `succeed` or `failed`. */
  status: "succeed" | "failed";
  /** The runner's data, or the error message. */
  data: unknown;
  /** MIME type of `data`. */
  contentType: string;
  /** The job type when the envelope named one. */
  type?: string;
  /** Names of the job's layers, for the log. */
  layers: string[];
  /** The failure's message (redacted). */
  error?: string;
  /** Milliseconds spent, parsing included. */
  durationMs: number;
  /**
   * Milliseconds of {@link JobOutcome.durationMs} spent decoding the
   * envelope (JSON, schema, limits), when it was decoded.
   */
  decodeMs?: number;
}

function layerNames(value: unknown): string[] {
  const job = (value as {
    job?: { layers?: unknown; queries?: unknown };
  })?.job;
  let layers = job?.layers;
  // A feature job names its layers in its queries.
  if (!Array.isArray(layers) && Array.isArray(job?.queries)) {
    layers = job.queries.flatMap((q) => {
      const ls = (q as { layers?: unknown })?.layers;
      return Array.isArray(ls) ? ls : [];
    });
  }
  if (!Array.isArray(layers)) return [];
  const names = layers.slice(0, LOGGED_LAYERS).map((l) =>
    clip(
      typeof l === "string"
        ? l
        : String((l as { name?: unknown })?.name ?? "?"),
    )
  );
  if (layers.length > LOGGED_LAYERS) {
    names.push(`… (${layers.length - LOGGED_LAYERS} more)`);
  }
  return names;
}

const TOLERANCES = [
  "FI_POINT_TOLERANCE",
  "FI_LINE_TOLERANCE",
  "FI_POLYGON_TOLERANCE",
];

/**
 * Throws a `JobError` when a job asks for more than the limits allow: image
 * size, dpi, feature info tolerances, number of layers, lengths of strings
 * (`string_limits.ts`).
 *
 * @example
 * ```ts
 * import { checkLimits } from "./execute.ts";
 * checkLimits({ id: "1", type: "QslJobInfoLegend", job: { layers: [] } } as never,
 *   { maxWidth: 10, maxHeight: 10, maxLayers: 1 });
 * ```
 */
export function checkLimits(info: QslJobInfo, limits: RunnerLimits): void {
  const job = info.job as unknown as Record<string, unknown>;
  const width = Number(job.width ?? job.WIDTH ?? 0);
  const height = Number(job.height ?? job.HEIGHT ?? 0);
  if (width > limits.maxWidth || height > limits.maxHeight) {
    throw new JobError(
      `Cannot run job: image ${width} × ${height} exceeds the limit of ${limits.maxWidth} × ${limits.maxHeight}`,
    );
  }
  const dpi = Number(job.dpi ?? 0);
  const maxDpi = limits.maxDpi ?? DEFAULT_MAX_DPI;
  if (dpi > maxDpi) {
    throw new JobError(
      `Cannot run job: dpi ${dpi} exceeds the limit of ${maxDpi}`,
    );
  }
  // feature info's search tolerances are pixels too
  const maxSide = Math.max(limits.maxWidth, limits.maxHeight);
  for (const key of TOLERANCES) {
    const pixels = Number(job[key] ?? 0);
    if (pixels > maxSide) {
      throw new JobError(
        `Cannot run job: ${key} ${pixels} exceeds the limit of ${maxSide} pixels`,
      );
    }
  }
  const count = Number(job.FEATURE_COUNT ?? 0);
  const maxCount = limits.maxFeatureCount ?? DEFAULT_MAX_FEATURE_COUNT;
  if (count > maxCount) {
    throw new JobError(
      `Cannot run job: FEATURE_COUNT ${count} exceeds the limit of ${maxCount}`,
    );
  }
  const layers = Array.isArray(job.layers) ? job.layers.length : 0;
  if (layers > limits.maxLayers) {
    throw new JobError(
      `Cannot run job: ${layers} layers exceed the limit of ${limits.maxLayers}`,
    );
  }
  checkStringLengths(info, limits.maxStyleBytes ?? DEFAULT_MAX_STYLE_BYTES);
}

// What an error says about the WebAssembly engines, looking through the
// causes runners wrap it in: GDAL's failure (already handled by withGdal),
// another trap or stack overflow (CanvasKit's state is unknown), or none.
function engineFault(error: unknown): "gdal" | "other" | null {
  for (let e = error, depth = 0; e && depth < 10; depth++) {
    if (e instanceof GdalEngineError) return "gdal";
    if (isWasmFault(e)) return "other";
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

function messageOf(error: unknown): string {
  if (engineFault(error) === "other") {
    // GDAL's tasks discard their own engine; anything else that trapped or
    // overflowed the stack may have been inside Skia
    resetCanvasKit();
    const cause = error instanceof Error
      ? `${error.name}: ${error.message}`
      : String(error);
    return `Cannot run job: ${cause}; the Skia engine (CanvasKit) may be left in an unknown state: it was discarded and the next job gets a new one`;
  }
  if (error instanceof JobError || error instanceof WireFormatError) {
    return error.message;
  }
  // a message that already names what could not be done stands alone; the
  // error's class is no cause ("Cannot run job: RangeError: Cannot use CRS
  // …" before)
  if (error instanceof Error && error.message.startsWith("Cannot ")) {
    return error.message;
  }
  const message = error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
  return message.startsWith("Cannot ") ? message : `Cannot run job: ${message}`;
}

/**
 * Decodes `raw` (the envelope's JSON text or value), dispatches it to its
 * runner and returns the outcome; never throws.
 *
 * @example
 * ```ts
 * import { executeJob } from "./execute.ts";
 * const ctx = {
 *   dataRoot: "/data", svgPaths: [], remoteHosts: [],
 *   limits: { maxWidth: 8192, maxHeight: 8192, maxLayers: 100 },
 *   logger: { log() {} },
 * };
 * const outcome = await executeJob("{not json", {}, ctx);
 * outcome.status; // "failed"
 * ```
 */
export async function executeJob(
  raw: unknown,
  registry: RunnerRegistry,
  ctx: RunnerContext,
): Promise<JobOutcome> {
  const started = performance.now();
  let type: string | undefined;
  let layers: string[] = [];
  try {
    const value = typeof raw === "string" ? safeJson(raw) : raw;
    type = typeof (value as { type?: unknown })?.type === "string"
      ? (value as { type: string }).type
      : undefined;
    layers = layerNames(value);
    // the text was parsed above; only malformed JSON is parsed again, for
    // parseJobInfo's message
    const info = parseJobInfo(value === undefined ? raw : value);
    const runner = runnerFor(registry, info);
    if (!runner) {
      throw new JobError(
        `Cannot run job: no runner for job type '${info.type}' in this worker`,
      );
    }
    checkLimits(info, ctx.limits);
    const decodeMs = performance.now() - started;
    // GEOS loads before the first job whose expressions may need it:
    // evaluation is synchronous, and the worker that never meets one never
    // holds it
    if (!geosLoaded() && namesGeos(raw, value)) {
      await loadGeos().catch((e) =>
        ctx.logger.log("warning", (e as Error).message)
      );
    }
    armExpressionBudget();
    armJobClock(ctx.limits.maxJobSeconds ?? DEFAULT_MAX_JOB_SECONDS);
    takeUnsupportedNotes();
    let out;
    try {
      out = await runner(info, ctx);
    } finally {
      disarmExpressionBudget();
      disarmJobClock();
      // what the engine could not evaluate where QGIS can: NULL, said once
      for (const note of takeUnsupportedNotes()) {
        ctx.logger.log("warning", maskSecrets(note));
      }
    }
    return {
      status: "succeed",
      data: out.data,
      contentType: out.contentType,
      type,
      layers,
      durationMs: performance.now() - started,
      decodeMs,
    };
  } catch (error) {
    // masked before it is cut: a cut must not leave half a secret
    const message = clip(maskSecrets(messageOf(error)), MESSAGE_LIMIT);
    return {
      status: "failed",
      data: message,
      contentType: ERROR_CONTENT_TYPE,
      type,
      layers,
      error: message,
      durationMs: performance.now() - started,
    };
  }
}

/**
 * What the queue loop does while it waits for a job, off any client's
 * path: finishes the release of the last job's Skia surfaces
 * (`settleSurfaces`) and makes the zlib stream of the next PNG
 * (`preparePng`). Cheap when there is nothing to do.
 *
 * @example
 * ```ts
 * import { betweenJobs } from "./execute.ts";
 * betweenJobs();
 * ```
 */
export function betweenJobs(): void {
  try {
    settleSurfaces();
    preparePng();
  } catch (error) {
    // a trap in Skia leaves it in an unknown state, as in a job
    if (engineFault(error) === "other") resetCanvasKit();
    throw error;
  }
}

// an OGC filter's operators that become GEOS's functions
const OGC_GEOS = /<(?:[\w.-]+:)?(?:Within|Contains)[\s/>]/;

// whether the job's text names a function evaluated with GEOS (in an
// expression or an OGC filter of its own; its styles are compressed, and
// the runners look at them)
function namesGeos(raw: unknown, value: unknown): boolean {
  const text = typeof raw === "string" ? raw : JSON.stringify(value ?? null);
  return text !== undefined &&
    (GEOS_FUNCTIONS.test(text) || OGC_GEOS.test(text));
}

function safeJson(text: string): unknown {
  // too deep a text is parsed by nobody: parseJobInfo names the bound
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
