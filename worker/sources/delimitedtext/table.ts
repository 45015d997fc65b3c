/**
 * A delimited text file's records as a typed table, as QGIS 3.22's
 * provider scans it (`QgsDelimitedTextProvider::scanFile`): geometries from
 * x/y fields or a WKT field, field types detected, values converted. Pure.
 *
 * - X/Y: both empty gives a feature without geometry; a value that is no
 *   number (after `decimalPoint` is replaced by `.`) drops the record.
 * - WKT (an `SRID=n;` or `n ` prefix is skipped): an empty field gives a
 *   feature without geometry; text that is no WKT, or a geometry of another
 *   kind than the layer's (`geomType`, else the first geometry's), drops
 *   the record. The WKT field is not an attribute.
 * - Types: a `.csvt` file's beside the file (see {@link parseCsvt}), else
 *   (`detectTypes`, default yes), over the non-empty values of the
 *   kept records: integer (32 bit), else longlong, else double, else
 *   datetime, date, time, else text. Empty values are NULL. As QGIS 3.22
 *   gives them: integers and doubles as numbers, dates and date-times as
 *   `Date`, times as `HH:mm:ss` text, longlong values as their text.
 *
 * @module
 */
import type {
  AttributeValue,
  Geometry,
  GeometryKind,
} from "../../geometry/types.ts";
import { parseWkt } from "../../expression/wkt.ts";
import { parseDate } from "../dates.ts";
import type { VectorField } from "../source.ts";
import { fieldIndex, type TextRecords } from "./text_file.ts";

/** Where a layer's geometry comes from. */
export type TextGeometry =
  | { kind: "xy"; x: string; y: string }
  | { kind: "wkt"; field: string; type: GeometryKind | null }
  | null;

/** How a layer reads its records (the URI's layer options). */
export interface TableOptions {
  /** The geometry's fields, or null for a table without geometry. */
  geometry: TextGeometry;
  /** Detect integer/double/date types (else every field is text). */
  detectTypes: boolean;
  /** The decimal separator numbers use, when not `.`. */
  decimalPoint: string;
  /** X and y in degrees, minutes and seconds (`xyDms`). */
  xyDms?: boolean;
}

/** QGIS's type names for the detected types. */
export type TextFieldType =
  | "integer"
  | "longlong"
  | "double"
  | "datetime"
  | "date"
  | "time"
  | "text";

/** A row of the table. */
export interface TextRow {
  /** Feature id: the record's line number. */
  id: number;
  /** Values in field order. */
  values: AttributeValue[];
  /** Geometry in the layer's CRS, or null. */
  geometry: Geometry | null;
  /** True when the WKT was a multi-geometry. */
  multi: boolean;
}

/** A layer read from a delimited text file. */
export interface TextTable {
  /** Fields (OGR type names) in order. */
  fields: VectorField[];
  /** QGIS's type name of each field. */
  types: TextFieldType[];
  /** The layer's geometry kind; null without geometry. */
  geometryKind: GeometryKind | null;
  /** The rows, in file order. */
  rows: TextRow[];
}

const OGR_TYPES: Record<TextFieldType, string> = {
  integer: "Integer",
  longlong: "Integer64",
  double: "Real",
  datetime: "DateTime",
  date: "Date",
  time: "Time",
  text: "String",
};

const INT = /^[+-]?\d+$/;
const DOUBLE =
  /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:inf|nan)$/i;
const WKT_PREFIX = /^\s*(?:\d+\s+|SRID=\d+;)/i;

/**
 * A whole number as Qt's `QString::toInt` (or `toLongLong` with `long`)
 * reads it — spaces around, a sign, decimal digits, in range — or null.
 *
 * @example
 * ```ts
 * import { toInteger } from "./table.ts";
 * toInteger(" 12 "); // 12
 * toInteger("0x10"); // null
 * toInteger("9999999999"); // null
 * toInteger("9999999999", true); // 9999999999
 * ```
 */
export function toInteger(text: string, long = false): number | null {
  const t = text.trim();
  if (!INT.test(t)) return null;
  // Up to nine digits always fit; longer ones are checked exactly.
  if (t.length <= 9) return Number(t) + 0; // no -0
  const n = BigInt(t);
  const max = long ? 9223372036854775807n : 2147483647n;
  if (n > max || n < -max - 1n) return null;
  return Number(n);
}

/**
 * A number as Qt's `QString::toDouble` reads it (C locale: `.` decimals,
 * exponents, `inf`, `nan`, spaces around), `decimalPoint` first replaced
 * by `.`; null when it is none.
 *
 * @example
 * ```ts
 * import { toDouble } from "./table.ts";
 * toDouble("1,5", ","); // 1.5
 * toDouble("1,5"); // null
 * toDouble(".5"); // 0.5
 * ```
 */
export function toDouble(text: string, decimalPoint = ""): number | null {
  let t = text.trim();
  if (decimalPoint !== "") t = t.replaceAll(decimalPoint, ".");
  if (!DOUBLE.test(t)) return null;
  const lower = t.toLowerCase();
  if (lower.endsWith("inf")) {
    return lower.startsWith("-") ? -Infinity : Infinity;
  }
  if (lower.endsWith("nan")) return NaN;
  return Number(t);
}

const DMS =
  /^\s*(?:([-+nsew])\s*)?(\d{1,3})(?:[^0-9.]+([0-5]?\d))?[^0-9.]+([0-5]?\d(?:\.\d+)?)[^0-9.,]*?([-+nsew])?\s*$/i;

/**
 * A coordinate in degrees, minutes and seconds (or degrees and minutes) as
 * QGIS 3.22 reads it with `xyDms=yes`: any non-digit separators, a sign or
 * hemisphere letter before or after (not both; S, W and `-` negate); null
 * when it is none — a plain decimal number included.
 *
 * @example
 * ```ts
 * import { dmsToDecimal } from "./table.ts";
 * dmsToDecimal("7°30'0\"E"); // 7.5
 * dmsToDecimal("S 46 30"); // -46.5
 * dmsToDecimal("7.5"); // null
 * ```
 */
export function dmsToDecimal(text: string): number | null {
  const m = DMS.exec(text.trim());
  if (!m) return null;
  const [, before, degrees, minutes, last, after] = m;
  // With two numbers, the last is minutes.
  let v = Number(last);
  if (minutes !== undefined) v = Number(minutes) + v / 60;
  v = Number(degrees) + v / 60;
  if (before !== undefined && after !== undefined) return null;
  const sign = (before ?? after ?? "").toLowerCase();
  return sign === "s" || sign === "w" || sign === "-" ? -v : v;
}

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d;
}

function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && validDate(+m[1], +m[2], +m[3]);
}

function timeParts(text: string): [number, number, number] | null {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$/.exec(text);
  if (!m) return null;
  const h = +m[1], mi = +m[2], s = +(m[3] ?? 0);
  return h < 24 && mi < 60 && s < 60 ? [h, mi, s] : null;
}

function isIsoDateTime(text: string): boolean {
  if (text.length <= 10) return false;
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)(?:Z|[+-]\d{2}(?::?\d{2})?)?$/
      .exec(text);
  return m !== null && validDate(+m[1], +m[2], +m[3]) &&
    timeParts(m[4]) !== null;
}

/**
 * The type QGIS 3.22 detects for a column from its non-empty values.
 *
 * @example
 * ```ts
 * import { detectType } from "./table.ts";
 * detectType(["1", "9999999999"], ""); // "longlong"
 * detectType(["1,5", "2"], ","); // "double"
 * detectType(["2020-01-02", "2021-12-31"], ""); // "date"
 * ```
 */
export function detectType(
  values: Iterable<string>,
  decimalPoint: string,
): TextFieldType {
  let any = false;
  let int = true, long = true, double = true;
  let datetime = true, date = true, time = true;
  for (const value of values) {
    if (value === "") continue;
    any = true;
    if (int) int = toInteger(value) !== null;
    if (long && !int) long = toInteger(value, true) !== null;
    if (double && !long) double = toDouble(value, decimalPoint) !== null;
    if (datetime) datetime = isIsoDateTime(value);
    if (date && !datetime) date = isIsoDate(value);
    if (time && !datetime) time = timeParts(value) !== null;
    if (!(int || long || double || datetime || date || time)) break;
  }
  if (!any) return "text";
  if (int) return "integer";
  if (long) return "longlong";
  if (double) return "double";
  if (datetime) return "datetime";
  if (date) return "date";
  if (time) return "time";
  return "text";
}

function convert(
  value: string | undefined,
  type: TextFieldType,
  decimalPoint: string,
): AttributeValue {
  if (value === undefined || value === "") return null;
  switch (type) {
    case "integer":
      return toInteger(value);
    case "double":
      return toDouble(value, decimalPoint);
    case "date":
    case "datetime": {
      const d = parseDate(value);
      return typeof d === "string" ? null : d;
    }
    case "time": {
      const t = timeParts(value);
      return t === null
        ? null
        : t.map((n) => String(n).padStart(2, "0")).join(":");
    }
    default:
      return value;
  }
}

/** Coordinates that are numbers, lines of two points, rings of four. */
function wellFormed(text: string, g: Geometry): boolean {
  const body = text.replace(/^[^(]*/, "");
  if (body !== "" && !/^[\s\d.eE+\-,()]*$/.test(body)) return false;
  const least = g.kind === "point" ? 2 : g.kind === "line" ? 4 : 8;
  return g.parts.every((part) =>
    part.length > 0 && part.every((ring) => ring.length >= least)
  );
}

const CSVT_LINE =
  /^(?:\s*("?)(?:integer|real|double|long|longlong|int8|string|date|datetime|time)(?:\(\d+(?:\.\d+)?\))?\1\s*(?:,|$))+$/;
const CSVT_TYPE = /integer|real|double|string|datetime|date|time/g;

/**
 * The field types of a `.csvt` file (OGR's types file beside a CSV) as
 * QGIS 3.22 reads them: one non-empty line (blank lines after it only) of
 * `integer`, `real`, `double`, `string`, `date`, `datetime`, `time` (a
 * width `(n)` or `(n.m)` allowed, quoted or not; `long`, `longlong` and
 * `int8` are accepted but give no type, so later columns move up); null
 * when the file does not qualify (then types are detected).
 *
 * @example
 * ```ts
 * import { parseCsvt } from "./table.ts";
 * parseCsvt('"String","Real(10.2)","Integer"\n'); // ["text", "double", "integer"]
 * parseCsvt("String,Integer64\n"); // null
 * ```
 */
export function parseCsvt(text: string): TextFieldType[] | null {
  const lines = text.split(/\r\n|\r|\n/);
  const first = lines[0].toLowerCase();
  if (first === "" || lines.slice(1).some((l) => l !== "")) return null;
  if (!CSVT_LINE.test(first)) return null;
  return [...first.matchAll(CSVT_TYPE)].map((m): TextFieldType =>
    m[0] === "real" || m[0] === "double"
      ? "double"
      : m[0] === "string"
      ? "text"
      : m[0] as TextFieldType
  );
}

/**
 * Builds the typed table of a file's records.
 *
 * @throws {RangeError} "… field '<name>' is not defined …" when the URI's
 * x, y or WKT field is not a column of the file.
 * @example
 * ```ts
 * import { DEFAULT_FORMAT, readRecords } from "./text_file.ts";
 * import { buildTable } from "./table.ts";
 * const records = readRecords("n;x;y\na;7,5;46\n", { ...DEFAULT_FORMAT, delimiter: ";" });
 * const table = buildTable(records, {
 *   geometry: { kind: "xy", x: "x", y: "y" },
 *   detectTypes: true,
 *   decimalPoint: ",",
 * });
 * table.fields.map((f) => f.type); // ["String", "Real", "Integer"]
 * table.rows[0].geometry?.parts[0][0]; // Float64Array [7.5, 46]
 * ```
 */
export function buildTable(
  records: TextRecords,
  options: TableOptions,
  csvt: TextFieldType[] | null = null,
): TextTable {
  const { names } = records;
  const spec = options.geometry;
  const column = (name: string, what: string): number => {
    const i = fieldIndex(names, name);
    if (i < 0) {
      throw new RangeError(
        `${what} field '${name}' is not defined in the delimited text file (fields: ${
          names.join(", ") || "none"
        })`,
      );
    }
    return i;
  };
  const xi = spec?.kind === "xy" ? column(spec.x, "X") : -1;
  const yi = spec?.kind === "xy" ? column(spec.y, "Y") : -1;
  const wi = spec?.kind === "wkt" ? column(spec.field, "WKT") : -1;
  let kind: GeometryKind | null = spec?.kind === "xy"
    ? "point"
    : spec?.kind === "wkt"
    ? spec.type
    : null;
  const kept: {
    id: number;
    fields: string[];
    geometry: Geometry | null;
    multi: boolean;
  }[] = [];
  for (const record of records.records) {
    const f = record.fields;
    let geometry: Geometry | null = null;
    let multi = false;
    if (spec?.kind === "xy") {
      const sx = f[xi] ?? "", sy = f[yi] ?? "";
      if (sx !== "" || sy !== "") {
        const number = options.xyDms
          ? (t: string) =>
            dmsToDecimal(
              options.decimalPoint
                ? t.replaceAll(options.decimalPoint, ".")
                : t,
            )
          : (t: string) => toDouble(t, options.decimalPoint);
        const x = number(sx), y = number(sy);
        if (x === null || y === null) continue;
        geometry = { kind: "point", parts: [[new Float64Array([x, y])]] };
      }
    } else if (spec?.kind === "wkt") {
      const text = (f[wi] ?? "").replace(WKT_PREFIX, "");
      if (text !== "") {
        try {
          geometry = parseWkt(text);
        } catch {
          continue;
        }
        if (!wellFormed(text, geometry)) continue;
        if (kind !== null && geometry.kind !== kind) continue;
        kind = geometry.kind;
        multi = /^\s*MULTI/i.test(text);
        if (geometry.parts.length === 0) geometry = null;
      }
    }
    kept.push({ id: record.line, fields: f, geometry, multi });
  }
  const columns: number[] = [];
  for (let i = 0; i < names.length; i++) if (i !== wi) columns.push(i);
  // A .csvt's types (by file column) come first, as in QGIS.
  const types = columns.map((c): TextFieldType =>
    csvt !== null && c < csvt.length
      ? csvt[c]
      : options.detectTypes
      ? detectType(kept.map((r) => r.fields[c] ?? ""), options.decimalPoint)
      : "text"
  );
  const rows = kept.map((r): TextRow => ({
    id: r.id,
    values: columns.map((c, k) =>
      convert(r.fields[c], types[k], options.decimalPoint)
    ),
    geometry: r.geometry,
    multi: r.multi,
  }));
  return {
    fields: columns.map((c, k) => ({
      name: names[c],
      type: OGR_TYPES[types[k]],
    })),
    types,
    geometryKind: kind,
    rows,
  };
}
