/**
 * Decoding at the edge: parse wire values into typed ones, or throw an error
 * naming the path of the first bad field.
 *
 * @module
 */
import type { z } from "zod";
import { QslJobInfo } from "./job/input.ts";
import { JobResult } from "./job/output.ts";

/** A wire value failed its schema; `path` names the bad field. */
export class WireFormatError extends TypeError {
  /** Path of the first bad field, e.g. `job.layers.0.source`. */
  readonly path: string;
  /** Creates the error. */
  constructor(message: string, path: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "WireFormatError";
    this.path = path;
  }
}

/**
 * Parses `value` with `schema`, throwing a {@link WireFormatError} whose
 * message names the path of the bad field.
 *
 * @example
 * ```ts
 * import { parseWith } from "./parse.ts";
 * import { BBox } from "./common.ts";
 * parseWith(BBox, "0,0,1,1", "bbox").x_max; // 1
 * ```
 */
export function parseWith<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.map(String).join(".");
  throw new WireFormatError(
    `Cannot parse ${what}: ${path || "(root)"}: ${issue.message}`,
    path,
    { cause: result.error },
  );
}

/**
 * Parses a job envelope from its JSON text or a decoded value.
 *
 * @example
 * ```ts
 * import { parseJobInfo } from "./parse.ts";
 * parseJobInfo('{"id":"1","type":"QslJobInfoLegend","job":{"layers":[]}}').type; // "QslJobInfoLegend"
 * ```
 */
export function parseJobInfo(value: unknown): QslJobInfo {
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch (cause) {
      throw new WireFormatError(
        `Cannot parse job: malformed JSON (${(cause as Error).message})`,
        "",
        { cause },
      );
    }
  }
  return parseWith(QslJobInfo, value, "job");
}

/**
 * Parses a job result.
 *
 * @example
 * ```ts
 * import { parseJobResult } from "./parse.ts";
 * parseJobResult({ id: "1", data: null, content_type: "text/plain" }).id; // "1"
 * ```
 */
export function parseJobResult(value: unknown): JobResult {
  return parseWith(JobResult, value, "job result");
}
