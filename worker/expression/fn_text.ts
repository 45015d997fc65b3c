/**
 * QGIS's text, hash, date-building, conversion and context functions
 * that `functions.ts` lacks (`md5` … `soundex`, `make_date` …
 * `make_interval`, `to_dms`, `with_variable`, `eval`, `rand`, …), each as
 * QGIS 3.22's `qgsexpressionfunction.cpp` computes it. Intervals are
 * seconds (as `age()` and date arithmetic take them), times `HH:mm:ss`
 * texts (as `to_time()` gives them).
 *
 * @module
 */
import { createHash } from "node:crypto";
import { def, lazy } from "./registry.ts";
import { ExpressionEvalError, QgisSyntaxError } from "./errors.ts";
import { chargeExpressionWork, checkTextLength, nestedEval } from "./budget.ts";
import { compileRegExp } from "./regex.ts";
import { parseExpression } from "./parser.ts";
import { isGeometry, toInt, toNumber, toText } from "./values.ts";

const str = toText;
const num = toNumber;

// --- context ------------------------------------------------------------------
def("$scale", 0, 0, (_a, ctx) => ctx.variables?.map_scale ?? null, false);
def("$pi", 0, 0, () => Math.PI);
def("$now", 0, 0, () => new Date());
const uuid = (format: string) => {
  const u = crypto.randomUUID();
  if (format === "withoutbraces") return u;
  if (format === "id128") return u.replaceAll("-", "");
  return `{${u}}`;
};
def("$uuid", 0, 0, () => uuid(""));
def("uuid", 0, 1, ([f]) => uuid(str(f ?? "").toLowerCase()));
lazy("with_variable", 3, 3, (args, ev) => {
  const name = str(ev(args[0]));
  return ev(args[2], { [name]: ev(args[1]) });
});
lazy("eval", 1, 1, (args, ev) => {
  const text = str(ev(args[0]));
  if (text.trim() === "") return null;
  chargeExpressionWork(text.length);
  try {
    return nestedEval("eval()", () => ev(parseExpression(text)));
  } catch (e) {
    if (e instanceof QgisSyntaxError) {
      throw new ExpressionEvalError(`Cannot evaluate eval(): ${e.message}`);
    }
    throw e;
  }
});
// the worker's environment is no style's business (it holds secrets):
// every variable reads as unset
def("env", 1, 1, () => null);
// var('name') is @name, the name computed
def("var", 1, 1, ([name], ctx) => {
  const v = ctx.variables?.[String(name)];
  return v === undefined ? null : v;
});

// --- random -------------------------------------------------------------------
/** mulberry32: a seeded generator (QGIS's mt19937 sequence is not reproduced). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = (seed: unknown) =>
  seed === undefined || seed === null ? Math.random() : seeded(toInt(seed))();
def("rand", 2, 3, ([lo, hi, seed]) => {
  const a = toInt(lo), b = toInt(hi);
  if (b < a) return null;
  return a + Math.floor(random(seed) * (b - a + 1));
});
def("randf", 0, 3, ([lo = 0, hi = 1, seed]) => {
  const a = num(lo), b = num(hi);
  if (b < a) return null;
  return a + random(seed) * (b - a);
});

// --- strings ------------------------------------------------------------------
const HASHES: Record<string, string> = {
  md4: "md4",
  md5: "md5",
  sha1: "sha1",
  sha224: "sha224",
  sha256: "sha256",
  sha384: "sha384",
  sha512: "sha512",
  sha3_224: "sha3-224",
  sha3_256: "sha3-256",
  sha3_384: "sha3-384",
  sha3_512: "sha3-512",
};
function hash(text: string, method: string): string {
  const algorithm = HASHES[method.toLowerCase()];
  if (!algorithm) {
    throw new ExpressionEvalError(`Hash method ${method} is not available`);
  }
  // a digest reads each character at 1.5 ns (md5) to 8 ns (SHA-3), where
  // the budget's unit is 0.2 to 0.9 ns: so charged, a loop of hashes is as
  // bounded in time as any other work (md5 of 10 million characters 1,000
  // times ran 35 s at 1 a character, 4 s at 8; SHA3-512 18 s at 8)
  chargeExpressionWork(
    text.length * (algorithm.startsWith("sha3") ? 4 : 1) * HASH_COST,
  );
  return createHash(algorithm).update(text, "utf8").digest("hex");
}
/** Budget units one character of a hashed text costs. */
const HASH_COST = 8;
def("md5", 1, 1, ([s]) => hash(str(s), "md5"));
def("sha256", 1, 1, ([s]) => hash(str(s), "sha256"));
def("hash", 2, 2, ([s, m]) => hash(str(s), str(m)));
def("to_base64", 1, 1, ([s]) => {
  const bytes = s instanceof Uint8Array ? s : new TextEncoder().encode(str(s));
  checkTextLength(Math.ceil(bytes.length / 3) * 4, "to_base64()");
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
});
def("from_base64", 1, 1, ([s]) => {
  // QByteArray::fromBase64 skips what is not of the alphabet
  const clean = str(s).replace(/[^A-Za-z0-9+/]/g, "");
  const whole = clean.slice(0, clean.length - (clean.length % 4 === 1 ? 1 : 0));
  const bin = atob(whole.padEnd(Math.ceil(whole.length / 4) * 4, "="));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
});

// quadratic in the lengths: charged, and bounded so that one call stays short
const MAX_PAIR_WORK = 100_000_000;
function pairWork(a: string[], b: string[], what: string): void {
  const work = (a.length + 1) * (b.length + 1);
  if (work > MAX_PAIR_WORK) {
    throw new ExpressionEvalError(
      `Cannot evaluate ${what}: texts of ${a.length} and ${b.length} characters are too long`,
    );
  }
  chargeExpressionWork(work);
}
def("levenshtein", 2, 2, ([x, y]) => {
  const a = [...str(x)], b = [...str(y)];
  pairWork(a, b, "levenshtein()");
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        prev[j] + 1,
        cur[j - 1] + 1,
        prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length];
});
def("longest_common_substring", 2, 2, ([x, y]) => {
  const a = [...str(x)], b = [...str(y)];
  if (!a.length || !b.length) return null;
  pairWork(a, b, "longest_common_substring()");
  let best = 0, end = 0;
  let prev = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        cur[j] = prev[j - 1] + 1;
        if (cur[j] > best) {
          best = cur[j];
          end = i;
        }
      }
    }
    prev = cur;
  }
  return a.slice(end - best, end).join("");
});
def("hamming_distance", 2, 2, ([x, y]) => {
  const a = [...str(x)], b = [...str(y)];
  if (a.length !== b.length) return null;
  return a.reduce((n, c, i) => n + (c === b[i] ? 0 : 1), 0);
});
const SOUNDEX: Record<string, string> = {};
for (
  const [letters, digit] of [
    ["BFPV", "1"],
    ["CGJKQSXZ", "2"],
    ["DT", "3"],
    ["L", "4"],
    ["MN", "5"],
    ["R", "6"],
  ]
) for (const c of letters) SOUNDEX[c] = digit;
def("soundex", 1, 1, ([s]) => {
  // ASCII letters only; vowels, H, W and Y dropped after the first
  let kept = "";
  for (const c of str(s).toUpperCase()) {
    if (c < "A" || c > "Z") continue;
    if (kept && "AEIOUYHW".includes(c)) continue;
    kept += c;
  }
  if (!kept) return null;
  let out = kept[0];
  let last = "";
  for (const c of kept.slice(1)) {
    const d = SOUNDEX[c];
    if (d !== last) out += d;
    last = d;
    if (out.length === 4) break;
  }
  return out.padEnd(4, "0");
});
// QGIS 3.22 takes the value as a geometry: true for NULL, whether it is
// empty for a geometry, an evaluation error for any other value
def("is_empty_or_null", 1, 1, ([v]) => {
  if (v === null) return true;
  if (isGeometry(v)) return v.parts.length === 0;
  throw new ExpressionEvalError("Cannot evaluate is_empty_or_null()");
}, false);
def("regexp_matches", 2, 3, ([s, re, empty = ""]) => {
  const m = compileRegExp(str(re)).exec(str(s));
  if (!m) return [];
  return m.slice(1).map((g) => g === undefined || g === "" ? empty : g);
});

// --- files ----------------------------------------------------------------------
const fileName = (p: string) => p.slice(p.lastIndexOf("/") + 1);
// an empty path gives empty texts; a name without a suffix, a NULL suffix
def("file_name", 1, 1, ([p]) => fileName(str(p)));
def("base_file_name", 1, 1, ([p]) => {
  const n = fileName(str(p)), dot = n.lastIndexOf(".");
  return dot < 0 ? n : n.slice(0, dot);
});
def("file_suffix", 1, 1, ([p]) => {
  const n = fileName(str(p)), dot = n.indexOf(".");
  if (n === "") return "";
  return dot < 0 ? null : n.slice(dot + 1);
});
def("file_path", 1, 1, ([p]) => {
  const t = str(p), at = t.lastIndexOf("/");
  return at < 0 ? "." : at === 0 ? "/" : t.slice(0, at);
});

// --- dates and intervals ----------------------------------------------------------
def("make_date", 3, 3, ([y, m, d]) => {
  const year = toInt(y), month = toInt(m), day = toInt(d);
  const date = new Date(year, month - 1, day);
  if (
    date.getFullYear() !== year || date.getMonth() !== month - 1 ||
    date.getDate() !== day
  ) {
    throw new ExpressionEvalError(
      `'${year}-${month}-${day}' is not a valid date`,
    );
  }
  return date;
});
function timeOf(h: unknown, m: unknown, s: unknown): [number, number, number] {
  const hours = toInt(h), minutes = toInt(m), seconds = num(s);
  if (
    hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 ||
    seconds >= 60
  ) {
    throw new ExpressionEvalError(
      `'${hours}:${minutes}:${seconds}' is not a valid time`,
    );
  }
  return [hours, minutes, seconds];
}
def("make_datetime", 6, 6, ([y, mo, d, h, mi, s]) => {
  const year = toInt(y), month = toInt(mo), day = toInt(d);
  const [hours, minutes, seconds] = timeOf(h, mi, s);
  const date = new Date(
    year,
    month - 1,
    day,
    hours,
    minutes,
    Math.floor(seconds),
    Math.round((seconds % 1) * 1000),
  );
  if (date.getMonth() !== month - 1 || date.getDate() !== day) {
    throw new ExpressionEvalError(
      `'${year}-${month}-${day}' is not a valid date`,
    );
  }
  return date;
});
def("make_time", 3, 3, ([h, m, s]) => {
  const [hours, minutes, seconds] = timeOf(h, m, s);
  const p = (n: number) => String(n).padStart(2, "0");
  const ms = Math.round((seconds % 1) * 1000);
  return `${p(hours)}:${p(minutes)}:${p(Math.floor(seconds))}${
    ms ? `.${String(ms).padStart(3, "0")}` : ""
  }`;
});
// QgsInterval's units in seconds (a year of 365.25 days, a month of 30)
const UNITS: [RegExp, number][] = [
  [/^(?:years?|y)$/i, 31557600],
  [/^(?:months?|mon)$/i, 2592000],
  [/^(?:weeks?|w)$/i, 604800],
  [/^(?:days?|d)$/i, 86400],
  [/^(?:hours?|h)$/i, 3600],
  [/^(?:minutes?|min|m)$/i, 60],
  [/^(?:seconds?|sec|s)$/i, 1],
];
def("make_interval", 0, 7, (args) => {
  const factors = [31557600, 2592000, 604800, 86400, 3600, 60, 1];
  return args.reduce(
    (sum: number, v, i) => sum + num(v) * factors[i],
    0,
  );
});
def("to_interval", 1, 1, ([t]) => {
  const text = str(t).trim();
  if (text.length > 1000) {
    throw new ExpressionEvalError("Cannot convert to interval: too long");
  }
  // hh:mm:ss
  const clock = /^(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(text);
  if (clock) return +clock[1] * 3600 + +clock[2] * 60 + +clock[3];
  const re = /([-+]?\d+(?:\.\d+)?)\s*([a-z]+)/gi;
  let seconds = 0, found = false;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const unit = UNITS.find(([u]) => u.test(m![2]));
    if (!unit) continue;
    seconds += Number(m[1]) * unit[1];
    found = true;
  }
  // QGIS gives an interval of 0 for a text it cannot read
  return found ? seconds : 0;
});

// --- degrees, minutes, seconds -------------------------------------------------------
// QgsCoordinateUtils::dmsToDecimal: degrees, optional minutes, seconds,
// and a sign or hemisphere before or after
def("to_decimal", 1, 1, ([v]) => {
  const text = str(v).trim();
  if (text.length > 100) return null;
  const m =
    /^\s*(?:([-+nsew])\s*)?(\d{1,3})(?:[^0-9.]+([0-5]?\d))?[^0-9.]+([0-5]?\d(?:\.\d+)?)[^0-9.,]*?([-+nsew])?\s*$/i
      .exec(text);
  if (!m) return null;
  const value = Number(m[2]) + Number(m[3] ?? 0) / 60 + Number(m[4]) / 3600;
  const negative = (s?: string) => !!s && /^[-sw]$/i.test(s);
  return negative(m[1]) || negative(m[5]) ? -value : value;
});

/** QgsCoordinateFormatter's degrees-minutes(-seconds) text of one axis. */
function formatDms(
  value: number,
  axis: string,
  precision: number,
  formatting: string,
  seconds: boolean,
): string {
  const isX = axis.toLowerCase() === "x";
  if (!isX && axis.toLowerCase() !== "y") {
    throw new ExpressionEvalError(
      "Invalid axis name, expected 'x' or 'y'",
    );
  }
  const suffix = formatting === "suffix" || formatting === "aligned";
  const pad = formatting === "aligned";
  let v = value;
  if (isX) {
    v = ((v + 180) % 360 + 360) % 360 - 180;
    if (v === -180 && value > 0) v = 180;
  } else v = Math.max(-90, Math.min(90, v));
  const abs = Math.abs(v);
  const mult = 10 ** precision;
  let degrees = Math.floor(abs);
  let minutes: number, secs = 0;
  if (seconds) {
    minutes = Math.floor((abs - degrees) * 60);
    secs = (abs - degrees - minutes / 60) * 3600;
    if (Math.round(secs * mult) === 60 * mult) {
      secs = Math.max(secs - 60, 0);
      minutes++;
      if (minutes >= 60) {
        minutes -= 60;
        degrees++;
      }
    }
  } else {
    minutes = (abs - degrees) * 60;
    if (Math.round(minutes * mult) === 60 * mult) {
      minutes = Math.max(minutes - 60, 0);
      degrees++;
    }
  }
  const zero = seconds
    ? degrees === 0 && minutes === 0 && Math.round(secs * mult) === 0
    : degrees === 0 && Math.round(minutes * mult) === 0;
  let hemisphere = "", sign = "";
  // the antimeridian is neither east nor west
  const antimeridian = isX && degrees === 180 &&
    (seconds
      ? minutes === 0 && Math.round(secs * mult) === 0
      : Math.round(minutes * mult) === 0);
  if (!zero && !antimeridian) {
    if (suffix) hemisphere = isX ? (v < 0 ? "W" : "E") : (v < 0 ? "S" : "N");
    else if (v < 0) sign = "-";
  }
  const width = precision > 0 ? precision + 3 : 2;
  if (seconds) {
    const m = pad ? String(minutes).padStart(2, "0") : String(minutes);
    const s = pad
      ? secs.toFixed(precision).padStart(width, "0")
      : secs.toFixed(precision);
    return `${sign}${degrees}°${m}′${s}″${hemisphere}`;
  }
  const m = pad
    ? minutes.toFixed(precision).padStart(width, "0")
    : minutes.toFixed(precision);
  return `${sign}${degrees}°${m}′${hemisphere}`;
}
def(
  "to_dm",
  3,
  4,
  ([v, axis, p, f]) =>
    formatDms(num(v), str(axis), toInt(p), str(f ?? "").toLowerCase(), false),
);
def(
  "to_dms",
  3,
  4,
  ([v, axis, p, f]) =>
    formatDms(num(v), str(axis), toInt(p), str(f ?? "").toLowerCase(), true),
);

// --- the feature itself ----------------------------------------------------------------
def("$currentfeature", 0, 0, (_a, ctx) => ctx.feature ?? null, false);
def("attributes", 0, 1, (args, ctx) => {
  const f = (args.length ? args[0] : ctx.feature) as
    | { attributes?: Record<string, unknown> }
    | null
    | undefined;
  if (!f || typeof f !== "object" || !f.attributes) return null;
  return { ...f.attributes };
});
def("geometry", 1, 1, ([f]) => {
  const g = (f as { geometry?: unknown }).geometry;
  return g ?? null;
});
// QgsExpression::replaceExpressionText: each [% expression %] by its text
lazy("eval_template", 1, 1, (args, ev) => {
  const template = str(ev(args[0]));
  chargeExpressionWork(template.length);
  let length = template.length;
  // scanned once: a "[%" without its "%]" ends the search
  const parts: string[] = [];
  let at = 0;
  for (;;) {
    const open = template.indexOf("[%", at);
    const close = open < 0 ? -1 : template.indexOf("%]", open + 2);
    if (close < 0) break;
    const whole = template.slice(open, close + 2);
    let out = whole;
    let tree;
    try {
      tree = parseExpression(template.slice(open + 2, close));
    } catch (e) {
      if (!(e instanceof QgisSyntaxError)) throw e;
    }
    if (tree) {
      const parsed = tree;
      out = str(nestedEval("eval_template()", () => ev(parsed)));
    }
    length += out.length - whole.length;
    checkTextLength(length, "eval_template()");
    parts.push(template.slice(at, open), out);
    at = close + 2;
  }
  parts.push(template.slice(at));
  return parts.join("");
});
