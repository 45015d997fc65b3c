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
 * Deepest nesting of arrays and objects a job's JSON may have. Real jobs
 * nest a dozen levels; Python's `json` module, which the Python project's
 * clients write jobs with, fails past its recursion limit (1,000). V8's
 * `JSON.parse` takes some 4 µs and 120 bytes a level: an 8 MiB envelope of
 * 4 million `[` took 16 s and 500 MB of a worker's memory.
 */
export const MAX_JSON_DEPTH = 512;

/**
 * Whether JSON text nests arrays and objects deeper than `max` levels
 * (brackets inside strings not counted). One pass over the text, no
 * parsing.
 *
 * @example
 * ```ts
 * import { jsonNestsDeeperThan } from "./parse.ts";
 * jsonNestsDeeperThan('{"a": [[1]]}', 3); // false
 * jsonNestsDeeperThan("[[[[]]]]", 3); // true
 * jsonNestsDeeperThan('"[[[["', 3); // false
 * ```
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
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
    if (jsonNestsDeeperThan(value, MAX_JSON_DEPTH)) {
      throw new WireFormatError(
        `Cannot parse job: its JSON nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
        "",
      );
    }
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
