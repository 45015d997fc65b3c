/**
 * Redaction for logs: secrets never reach a log line, long values are
 * shortened (as the Python `BaseInterface.__repr__` does).
 *
 * @module
 */

/** What replaces a secret. */
export const REDACTED = "**REDACTED**";

const SECRET_KEYS = new Set([
  "password",
  "source",
  "passwd",
  "secret",
  "token",
]);
const SHORTENED_KEYS = new Set(["definition", "data", "value"]);
const SHORT = 5;

function shorten(s: string): string {
  return s.length > SHORT * 2
    ? `${s.slice(0, SHORT)}...${s.slice(-SHORT - 1)}`
    : s;
}

/**
 * Returns a copy of `value` safe to log: `password` and `source` fields (and
 * other secret-looking keys) become `**REDACTED**`, long `definition`/`data`
 * fields are shortened, binary data is summarised; `password=…` inside
 * strings (connection URIs) is masked too.
 *
 * @example
 * ```ts
 * import { redact } from "./redact.ts";
 * redact({ name: "roads", source: '{"password":"x"}' }); // { name: "roads", source: "**REDACTED**" }
 * ```
 */
export function redact(value: unknown, key?: string): unknown {
  if (key !== undefined && SECRET_KEYS.has(key.toLowerCase())) {
    return value == null ? value : REDACTED;
  }
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (typeof value === "string") {
    const masked = maskSecrets(value);
    return key !== undefined && SHORTENED_KEYS.has(key)
      ? shorten(masked)
      : masked;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redact(v, k);
    return out;
  }
  return value;
}

/**
 * Masks `password=…` and `user:password@` in connection strings and URLs.
 *
 * @example
 * ```ts
 * import { maskSecrets } from "./redact.ts";
 * maskSecrets("redis://:hunter2@host:6379"); // "redis://:**REDACTED**@host:6379"
 * ```
 */
export function maskSecrets(text: string): string {
  return text
    .replace(/(password\s*=\s*)('[^']*'|"[^"]*"|\S+)/gi, `$1${REDACTED}`)
    .replace(/(\w+:\/\/[^:/@\s]*:)[^@\s]+@/g, `$1${REDACTED}@`);
}
