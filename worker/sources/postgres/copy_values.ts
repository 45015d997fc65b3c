/**
 * Field values in PostgreSQL's binary COPY format → attribute values, the
 * same values the cursor gives (`npm:postgres` parsing the text format with
 * the pool's types, `pool.ts`): integers, `oid`, `numeric` and floats as
 * numbers (`float4` as the shortest decimal that reads back as the same
 * `float4`, as PostgreSQL writes it), booleans, text as strings, dates and
 * timestamps as `Date`s (without a zone in local time) and, where
 * `parseDate` keeps the text (infinity, BC, years past 9999), the text
 * PostgreSQL would have written.
 *
 * A `timestamptz` is the instant PostgreSQL holds; its text (the cursor's)
 * is written in the session's time zone, which names the same instant but
 * where an offset has seconds (local mean time before a zone's standard
 * time, e.g. `+00:34:08`): `parseDate` keeps such text as text. Years
 * outside 1–9999 and BC are written as in a session in UTC.
 *
 * @module
 */
import type { AttributeValue } from "../../geometry/types.ts";
import { parseDate } from "../dates.ts";

/**
 * Reads one non-NULL field: `length` bytes at `at` of `bytes` (`view` on
 * the same bytes).
 */
export type CopyValueReader = (
  view: DataView,
  bytes: Uint8Array,
  at: number,
  length: number,
) => AttributeValue;

const utf8 = new TextDecoder();

function text(_v: DataView, bytes: Uint8Array, at: number, length: number) {
  // short ASCII text (most names and codes) without a decoder call
  if (length <= 24) {
    let s = "";
    for (let i = at, end = at + length; i < end; i++) {
      const b = bytes[i];
      if (b >= 0x80) return utf8.decode(bytes.subarray(at, at + length));
      s += String.fromCharCode(b);
    }
    return s;
  }
  return utf8.decode(bytes.subarray(at, at + length));
}

/**
 * A `float4` as its shortest decimal text reads (PostgreSQL 12 and later
 * write that text; `Number()` of it is not the `float4`'s own value).
 *
 * @example
 * ```ts
 * import { float4Value } from "./copy_values.ts";
 * float4Value(Math.fround(0.1)); // 0.1
 * ```
 */
export function float4Value(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  for (let p = 1; p < 9; p++) {
    const d = Number(v.toPrecision(p));
    if (Math.fround(d) === v) return d;
  }
  return Number(v.toPrecision(9));
}

/** `numeric`: ndigits, weight, sign, dscale, then base-10000 digits. */
function numeric(v: DataView, _b: Uint8Array, at: number): number {
  const ndigits = v.getInt16(at), weight = v.getInt16(at + 2);
  const sign = v.getUint16(at + 4);
  if (sign === 0xc000) return NaN;
  if (sign === 0xd000) return Infinity;
  if (sign === 0xf000) return -Infinity;
  const negative = sign === 0x4000;
  at += 8;
  // an integer below 10000^3 is exact in doubles
  if (weight >= ndigits - 1 && weight <= 2) {
    let n = 0;
    for (let i = 0; i <= weight; i++) {
      n = n * 10000 + (i < ndigits ? v.getInt16(at + 2 * i) : 0);
    }
    return negative ? -n : n;
  }
  // otherwise as its text reads (rounded once, as Number() rounds)
  let s = negative ? "-" : "";
  if (weight < 0) s += "0." + "0000".repeat(-weight - 1);
  for (let i = 0; i < ndigits; i++) {
    const d = String(v.getInt16(at + 2 * i));
    s += i === 0 && weight >= 0 ? d : d.padStart(4, "0");
    if (i === weight && i < ndigits - 1) s += ".";
  }
  if (weight >= ndigits) s += "0000".repeat(weight - ndigits + 1);
  return Number(s);
}

const PG_EPOCH_DAYS = 10957; // 2000-01-01 in days from 1970-01-01
const DAY_US = 86_400_000_000;
const DAY_US_BIG = 86_400_000_000n;
const INT64_MAX = 0x7fffffffffffffffn;
const INT64_MIN = -0x8000000000000000n;

/** Year, month (1–12), day of days since 1970-01-01 (proleptic Gregorian). */
function civil(days: number): [number, number, number] {
  // Howard Hinnant's civil_from_days
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) -
      Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const two = (n: number) => (n < 10 ? "0" : "") + n;

/** PostgreSQL's ISO text of a date (`YYYY-MM-DD`, ` BC` for year ≤ 0). */
function dateText(y: number, m: number, d: number): string {
  return `${String(y <= 0 ? 1 - y : y).padStart(4, "0")}-${two(m)}-${two(d)}`;
}

/** The milliseconds `parseDate` reads from a fraction of `us` microseconds. */
function millis(us: number): number {
  const rest = us % 1000;
  if (rest === 0) return us / 1000;
  // at a half, as Math.round(Number("0.ffffff") × 1000) rounds it
  if (rest === 500) {
    return Math.round(Number(`0.${String(us).padStart(6, "0")}`) * 1000);
  }
  return Math.round(us / 1000);
}

function date(v: DataView, _b: Uint8Array, at: number): AttributeValue {
  const days = v.getInt32(at);
  if (days === 0x7fffffff) return "infinity";
  if (days === -0x80000000) return "-infinity";
  const [y, m, d] = civil(days + PG_EPOCH_DAYS);
  if (y >= 1 && y <= 9999) return new Date(y, m - 1, d);
  return parseDate(dateText(y, m, d) + (y <= 0 ? " BC" : ""));
}

function timestamp(
  v: DataView,
  at: number,
  zoned: boolean,
): AttributeValue {
  const big = v.getBigInt64(at);
  if (big === INT64_MAX) return "infinity";
  if (big === INT64_MIN) return "-infinity";
  let days: number, ofDay: number;
  const hi = v.getInt32(at);
  if (hi > -0x200000 && hi < 0x200000) {
    // within 2^53: exact as a number
    const us = Number(big);
    days = Math.floor(us / DAY_US);
    ofDay = us - days * DAY_US;
  } else {
    let d = big / DAY_US_BIG, r = big % DAY_US_BIG;
    if (r < 0n) {
      d -= 1n;
      r += DAY_US_BIG;
    }
    days = Number(d);
    ofDay = Number(r);
  }
  const [y, mo, d] = civil(days + PG_EPOCH_DAYS);
  const us = ofDay % 1_000_000;
  const secs = (ofDay - us) / 1_000_000;
  const h = Math.floor(secs / 3600), mi = Math.floor(secs / 60) % 60;
  const s = secs % 60;
  if (y >= 1 && y <= 9999) {
    const ms = millis(us);
    return zoned
      ? new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms))
      : new Date(y, mo - 1, d, h, mi, s, ms);
  }
  const fraction = us === 0
    ? ""
    : "." + String(us).padStart(6, "0").replace(/0+$/, "");
  return parseDate(
    `${dateText(y, mo, d)} ${two(h)}:${two(mi)}:${two(s)}${fraction}${
      zoned ? "+00" : ""
    }${y <= 0 ? " BC" : ""}`,
  );
}

const READERS: Record<number, CopyValueReader> = {
  16: (_v, b, at) => b[at] !== 0,
  19: text,
  20: (v, _b, at) => v.getInt32(at) * 4294967296 + v.getUint32(at + 4),
  21: (v, _b, at) => v.getInt16(at),
  23: (v, _b, at) => v.getInt32(at),
  25: text,
  26: (v, _b, at) => v.getUint32(at),
  700: (v, _b, at) => float4Value(v.getFloat32(at)),
  701: (v, _b, at) => v.getFloat64(at),
  1042: text,
  1043: text,
  1082: date,
  1114: (v, _b, at) => timestamp(v, at, false),
  1184: (v, _b, at) => timestamp(v, at, true),
  1700: numeric,
};

/**
 * The reader of a column type's binary values, by the type's OID; null for
 * a type read through the cursor only.
 *
 * @example
 * ```ts
 * import { copyValueReader } from "./copy_values.ts";
 * const int4 = copyValueReader(23)!;
 * const bytes = new Uint8Array([0, 0, 1, 0]);
 * int4(new DataView(bytes.buffer), bytes, 0, 4); // 256
 * copyValueReader(114); // null (json)
 * ```
 */
export function copyValueReader(oid: number): CopyValueReader | null {
  return READERS[oid] ?? null;
}
