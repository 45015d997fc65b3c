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
// a log line carries at most this much of any one string or array
const LOG_STRING_LIMIT = 300;
const LOG_ARRAY_LIMIT = 50;

/** How many characters of a value an error message or log line echoes. */
export const ECHO_LIMIT = 200;

/**
 * Returns `text` cut to its first `max` characters and a note of how many
 * were left out, so that echoing a job's input into an error message or a
 * log line costs a few hundred characters however large the input is.
 *
 * @example
 * ```ts
 * import { clip } from "./redact.ts";
 * clip("x".repeat(1000), 5); // "xxxxx… (995 more characters)"
 * clip("short"); // "short"
 * ```
 */
export function clip(text: string, max: number = ECHO_LIMIT): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  // never cut a surrogate pair in two
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}

function shorten(s: string): string {
  return s.length > SHORT * 2
    ? `${s.slice(0, SHORT)}...${s.slice(-SHORT - 1)}`
    : s;
}

/**
 * Returns a copy of `value` safe to log: `password` and `source` fields (and
 * other secret-looking keys) become `**REDACTED**`, long `definition`/`data`
 * fields are shortened, binary data is summarised; `password=…` inside
 * strings (connection URIs) is masked too. Any other string is cut to 300
 * characters and any array to 50 items (see {@link clip}).
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
      : clip(masked, LOG_STRING_LIMIT);
  }
  if (Array.isArray(value)) {
    const out = value.slice(0, LOG_ARRAY_LIMIT).map((v) => redact(v));
    if (value.length > LOG_ARRAY_LIMIT) {
      out.push(`… (${value.length - LOG_ARRAY_LIMIT} more items)`);
    }
    return out;
  }
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redact(v, k);
    return out;
  }
  return value;
}

/**
 * Masks `password=…` (also `password:` and `"password": …`, as JSON and
 * Python's repr write it) and `user:password@` in connection strings and
 * URLs. A quoted value ends at its closing quote, escaped quotes skipped
 * (`password='a\'b'`), or at the end of the text when it is never closed;
 * a URL's password runs to the last `@` of its word.
 *
 * Runs in time linear in `text`'s length whatever it holds: it scans by
 * hand where a regular expression would backtrack (`\w+://` over a long
 * word took seconds on 80 kB), so a job can echo megabytes of input into an
 * error message without stalling the worker.
 *
 * @example
 * ```ts
 * import { maskSecrets } from "./redact.ts";
 * maskSecrets("redis://:hunter2@host:6379"); // "redis://:**REDACTED**@host:6379"
 * ```
 */
export function maskSecrets(text: string): string {
  return maskUrlCredentials(maskPasswordAssignments(text));
}

// `password=`, `password:`, `"password": ` (JSON, a Python dict's repr)
const PASSWORD_SEARCH = /password["']?\s*[=:]\s*/gi;
const NON_SPACE_RUN = /\S*/y;
// a bare value: libpq reads `\ ` in it as a space
const BARE_VALUE_RUN = /(?:[^\s\\]|\\[\s\S]?)*/y;
const USER_RUN = /[^:/@\s]*/y;
const PASSWORD_RUN = /[^@\s]*/y;

/** End of the run `sticky` matches at `from`. */
function runEnd(sticky: RegExp, text: string, from: number): number {
  sticky.lastIndex = from;
  sticky.exec(text);
  return sticky.lastIndex;
}

/**
 * The next `quote` at or after `from` that no backslash escapes (libpq's
 * and QGIS's `password='a\'b'`, JSON's `"a\"b"`), or -1.
 */
function unescapedQuote(text: string, quote: string, from: number): number {
  for (let at = text.indexOf(quote, from); at !== -1;) {
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) return at;
    at = text.indexOf(quote, at + 1);
  }
  return -1;
}

// `password = 'a b'`, `password="x"`, `password=x`, `"password": "x"`: the
// value becomes REDACTED; a quoted value ends at its closing quote (escaped
// quotes skipped), or at the end of the text when it is never closed.
function maskPasswordAssignments(text: string): string {
  let out = "";
  let copied = 0;
  // where the next unescaped quote of each kind is (-1: none left), so a
  // value with an unclosed quote does not scan the rest of the text again
  const nextQuote: Record<string, number> = { "'": 0, '"': 0 };
  PASSWORD_SEARCH.lastIndex = 0;
  for (let m; (m = PASSWORD_SEARCH.exec(text));) {
    const valueStart = m.index + m[0].length;
    if (valueStart >= text.length) break;
    const first = text[valueStart];
    let valueEnd: number;
    if (first === "'" || first === '"') {
      let close = nextQuote[first];
      if (close !== -1 && close <= valueStart) {
        close = unescapedQuote(text, first, valueStart + 1);
        nextQuote[first] = close;
      }
      valueEnd = close === -1 ? text.length : close + 1;
    } else valueEnd = runEnd(BARE_VALUE_RUN, text, valueStart);
    if (valueEnd === valueStart) {
      // `password=` followed by nothing to mask: look on after the key
      PASSWORD_SEARCH.lastIndex = m.index + 1;
      continue;
    }
    out += text.slice(copied, valueStart) + REDACTED;
    copied = valueEnd;
    if (valueEnd >= text.length) break;
    PASSWORD_SEARCH.lastIndex = valueEnd;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) || code === 95;
}

// `scheme://user:password@`: the password (up to the last `@` of the word)
// becomes REDACTED.
function maskUrlCredentials(text: string): string {
  let out = "";
  let copied = 0;
  let from = 0;
  for (;;) {
    const sep = text.indexOf("://", from);
    if (sep === -1) break;
    let schemeStart = sep;
    while (
      schemeStart > copied && isWordChar(text.charCodeAt(schemeStart - 1))
    ) {
      schemeStart--;
    }
    if (schemeStart === sep) {
      from = sep + 1;
      continue;
    }
    const colon = runEnd(USER_RUN, text, sep + 3);
    if (text[colon] !== ":") {
      from = sep + 1;
      continue;
    }
    const firstAt = runEnd(PASSWORD_RUN, text, colon + 1);
    if (text[firstAt] !== "@" || firstAt === colon + 1) {
      // no `://` before `firstAt` can end in `password@` either: same run
      from = Math.max(sep + 1, firstAt);
      continue;
    }
    // the password runs to the last `@` of the word: one not
    // percent-encoded may hold `@` itself (`u:p@ss@host`)
    const at = text.lastIndexOf("@", runEnd(NON_SPACE_RUN, text, firstAt) - 1);
    out += text.slice(copied, colon + 1) + REDACTED + "@";
    copied = from = at + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
