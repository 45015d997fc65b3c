/**
 * Lengths of a job's strings, bounded before anything reaches GDAL or Skia:
 * a CRS of 100,000 characters once overran GDAL's WebAssembly stack, and a
 * layer name of megabytes would be drawn by the legend. Every bound is far
 * above what QGIS writes; a string over it fails the job naming the field.
 *
 * @module
 */
import type { QslJobInfo } from "@qgis-server-light/interface";
import { JobError } from "../runners/types.ts";

/** Longest string of each kind of job field, in characters. */
export const STRING_LIMITS = {
  /** `crs` (`EPSG:2056`, URNs and URLs are some 60). */
  crs: 256,
  /** `format`, `INFO_FORMAT`, a layer's `driver`. */
  format: 256,
  /** Feature info's `X`, `Y`, `I`, `J` (integers). */
  pixel: 64,
  /** A layer's `name` and `id`, a feature query's aliases. */
  name: 1024,
  /** A layer's `folder_name`, a job's `svg_paths` (PATH_MAX). */
  path: 4096,
  /** A layer's `source` (its JSON: path, layer, SQL subset). */
  source: 64 * 1024,
  /** `QUERY_LAYERS` (a list of layer names). */
  queryLayers: 128 * 1024,
} as const;

/** Most entries in a job's `svg_paths` or a feature query's `aliases`. */
export const MAX_LIST_ENTRIES = 1000;

type Rec = Record<string, unknown>;

function check(where: string, value: unknown, max: number): void {
  if (typeof value === "string" && value.length > max) {
    throw new JobError(
      `Cannot run job: ${where} has ${value.length} characters, over the limit of ${max}`,
    );
  }
}

function checkList(where: string, value: unknown, max: number): void {
  if (!Array.isArray(value)) return;
  if (value.length > MAX_LIST_ENTRIES) {
    throw new JobError(
      `Cannot run job: ${where} has ${value.length} entries, over the limit of ${MAX_LIST_ENTRIES}`,
    );
  }
  value.forEach((v, i) => check(`${where}.${i}`, v, max));
}

function checkLayers(where: string, layers: unknown, maxStyle: number): void {
  if (!Array.isArray(layers)) return;
  layers.forEach((raw, i) => {
    const layer = raw as Rec;
    const at = `${where}.${i}`;
    check(`${at}.id`, layer.id, STRING_LIMITS.name);
    check(`${at}.name`, layer.name, STRING_LIMITS.name);
    check(`${at}.source`, layer.source, STRING_LIMITS.source);
    check(`${at}.folder_name`, layer.folder_name, STRING_LIMITS.path);
    check(`${at}.driver`, layer.driver, STRING_LIMITS.format);
    // base64 of zlib data is at most 4/3 of the inflated style and a little
    check(
      `${at}.style.definition`,
      (layer.style as Rec | null)?.definition,
      2 * maxStyle + 1024,
    );
  });
}

/**
 * Throws a `JobError` naming the first string of `info` longer than its
 * limit ({@link STRING_LIMITS}); a style's definition may be twice
 * `maxStyleBytes` long (its inflated size is bounded when it is decoded).
 *
 * @example
 * ```ts
 * import { checkStringLengths } from "./string_limits.ts";
 * let message = "";
 * try {
 *   checkStringLengths({
 *     id: "1",
 *     type: "QslJobInfoRender",
 *     job: { crs: "EPSG:" + "1".repeat(100_000) },
 *   } as never, 4 << 20);
 * } catch (e) {
 *   message = (e as Error).message;
 * }
 * message; // "Cannot run job: job.crs has 100005 characters, over the limit of 256"
 * ```
 */
export function checkStringLengths(
  info: QslJobInfo,
  maxStyleBytes: number,
): void {
  const job = info.job as unknown as Rec;
  check("job.crs", job.crs, STRING_LIMITS.crs);
  check("job.format", job.format, STRING_LIMITS.format);
  check("job.INFO_FORMAT", job.INFO_FORMAT, STRING_LIMITS.format);
  check("job.QUERY_LAYERS", job.QUERY_LAYERS, STRING_LIMITS.queryLayers);
  for (const key of ["X", "Y", "I", "J"]) {
    check(`job.${key}`, job[key], STRING_LIMITS.pixel);
  }
  checkList("job.svg_paths", job.svg_paths, STRING_LIMITS.path);
  checkLayers("job.layers", job.layers, maxStyleBytes);
  if (Array.isArray(job.queries)) {
    job.queries.forEach((raw, i) => {
      const query = raw as Rec;
      checkLayers(`job.queries.${i}.layers`, query.layers, maxStyleBytes);
      checkList(`job.queries.${i}.aliases`, query.aliases, STRING_LIMITS.name);
    });
  }
}
