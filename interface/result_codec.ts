/**
 * How a `JobResult` travels on `notifications:{id}`.
 *
 * - `pickle` (the worker's default): what the Python worker publishes — a
 *   pickle of `qgis_server_light.interface.job.common.output.JobResult`
 *   with its five fields; binary data as `bytes` (a QueryCollection as its
 *   JSON bytes, as the Python feature runner sends it), so an unchanged
 *   Python client's `pickle.loads` gets a `JobResult`.
 * - `json` (language-neutral, `--result-format json`): one UTF-8 JSON object
 *   `{"qsl_result": 1, "id", "content_type", "worker_id", "worker_host_name",
 *   "data_encoding", "data"}` where `data_encoding` is `base64` (binary
 *   data, e.g. an image, base64 in `data`), `text` (a string) or `json`
 *   (any JSON value, e.g. a QueryCollection).
 *
 * {@link decodeResult} reads both, so the interface's `RedisQueue` works
 * with either.
 *
 * @module
 */
import { type JobResult, QUERY_COLLECTION_CONTENT_TYPE } from "./job/output.ts";
import {
  pickle,
  type PickleValue,
  pythonObject,
  unpickle,
  utf8Bytes,
} from "./pickle.ts";
import { parseJobResult } from "./parse.ts";

/** The two result payload encodings. */
export type ResultFormat = "json" | "pickle";

const JOB_RESULT_MODULE = "qgis_server_light.interface.job.common.output";

// Native base64 (Uint8Array.prototype.toBase64 / Uint8Array.fromBase64:
// Deno 2.5+, current browsers) is ~10× faster; fall back where missing.
const native = Uint8Array as unknown as {
  fromBase64?: (text: string) => Uint8Array;
  prototype: { toBase64?: () => string };
};

function toBase64(bytes: Uint8Array): string {
  const encode = native.prototype.toBase64;
  if (encode) return encode.call(bytes);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  if (native.fromBase64) return native.fromBase64(text);
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Encodes a job result for publishing.
 *
 * @example
 * ```ts
 * import { decodeResult, encodeResult } from "./result_codec.ts";
 * const bytes = encodeResult({
 *   id: "1", data: new Uint8Array([1, 2]), content_type: "image/png",
 *   worker_id: null, worker_host_name: null,
 * }, "json");
 * decodeResult(bytes).data; // Uint8Array [1, 2]
 * ```
 */
export function encodeResult(
  result: JobResult,
  format: ResultFormat,
): Uint8Array {
  const { data } = result;
  if (format === "pickle") {
    let value: PickleValue;
    if (
      data instanceof Uint8Array || typeof data === "string" || data === null
    ) {
      value = data;
    } else {
      value = utf8Bytes(JSON.stringify(data));
    }
    return pickle(pythonObject(JOB_RESULT_MODULE, "JobResult", {
      id: result.id,
      data: value,
      content_type: result.content_type,
      worker_id: result.worker_id,
      worker_host_name: result.worker_host_name,
    }));
  }
  const [data_encoding, payload] = data instanceof Uint8Array
    ? ["base64", toBase64(data)]
    : typeof data === "string"
    ? ["text", data]
    : ["json", data ?? null];
  return new TextEncoder().encode(JSON.stringify({
    qsl_result: 1,
    id: result.id,
    content_type: result.content_type,
    worker_id: result.worker_id,
    worker_host_name: result.worker_host_name,
    data_encoding,
    data: payload,
  }));
}

/**
 * Decodes a published result in either encoding (a pickle starts with the
 * PROTO opcode 0x80, which no JSON text does). A QueryCollection sent as JSON
 * bytes is decoded to its object.
 *
 * @throws {TypeError} when the payload is neither.
 * @example
 * ```ts
 * import { decodeResult, encodeResult } from "./result_codec.ts";
 * const r = { id: "1", data: "boom", content_type: "text/plain", worker_id: "w", worker_host_name: "h" };
 * decodeResult(encodeResult(r, "pickle")).data; // "boom"
 * ```
 */
export function decodeResult(payload: Uint8Array): JobResult {
  let result: JobResult;
  if (payload[0] === 0x80) {
    const obj = unpickle(payload) as { state?: Record<string, unknown> } | null;
    if (!obj || typeof obj !== "object" || !obj.state) {
      throw new TypeError(
        "Cannot decode result: the pickle holds no JobResult",
      );
    }
    result = parseJobResult(obj.state);
  } else {
    let wire: Record<string, unknown>;
    try {
      wire = JSON.parse(new TextDecoder().decode(payload));
    } catch (cause) {
      throw new TypeError("Cannot decode result: neither JSON nor pickle", {
        cause,
      });
    }
    const data =
      wire.data_encoding === "base64" && typeof wire.data === "string"
        ? fromBase64(wire.data)
        : wire.data;
    const { qsl_result: _version, data_encoding: _encoding, ...fields } = wire;
    result = parseJobResult({ ...fields, data });
  }
  if (
    result.content_type === QUERY_COLLECTION_CONTENT_TYPE &&
    result.data instanceof Uint8Array
  ) {
    result.data = JSON.parse(new TextDecoder().decode(result.data));
  }
  return result;
}
