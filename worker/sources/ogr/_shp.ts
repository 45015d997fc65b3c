/**
 * A direct read path for pages of small Shapefiles: the `.shp`, `.shx` and
 * `.dbf` read here instead of through `ogr2ogr` into FlatGeobuf.
 *
 * Like `_gpkg.ts`, it is an optimisation chosen only where it gives exactly
 * what GDAL gives; a file qualifies once per version of its three files
 * (device, inode, size, mtime, ctime of each) when every record reads
 * unambiguously:
 *
 * - a 2D Point, MultiPoint, PolyLine or Polygon file (no Z, no M), every
 *   shape of the file's type or null, no NaN; every line part with two
 *   points or more; every polygon of ONE closed ring of four points or more
 *   (several rings go through GDAL's ring organisation, which stays with
 *   GDAL);
 * - a dBASE table with the records of the `.shx`, none deleted, whose
 *   fields are GDAL's (same names, same order) and of these kinds: `C` as
 *   `String` (ASCII; or UTF-8 with a `.cpg` saying so; or, with LDID 87
 *   and no `.cpg`, the part of code page 1252 that is ISO-8859-1; a
 *   declared `ENCODING` of UTF-8 or ISO-8859-1 instead of the file's own,
 *   valid UTF-8 or the ISO-8859-1 above; any other stays with GDAL), `N`/`F` as
 *   `Integer` / `Integer64` (plain digits within range) or `Real` (plain
 *   decimals), `D` as `Date` (`YYYYMMDD`, a real calendar day); a null as
 *   GDAL's shapelib reads it (blank, or `*` for numbers, `00000000` for
 *   dates).
 *
 * Values are read as shapelib reads them: the field's bytes up to a NUL,
 * spaces trimmed on both sides, an empty string a null. Files over
 * {@link MAX_SHP_BYTES} stay with GDAL (the check reads them whole).
 *
 * Permissions: `--allow-read` on the files.
 *
 * @module
 */
import { basename } from "node:path";
import type { LayerInfo } from "../../gdal/dataset_cache.ts";
import type { AttributeValue } from "../../geometry/types.ts";
import { parseDate } from "../dates.ts";
import type { ResolvedSource } from "../file_source.ts";
import { type FgbGeometry, FgbGeometryType as T } from "./_flatgeobuf.ts";
import { toWkb } from "./_wkb.ts";

/** Largest `.shp` or `.dbf` the direct path reads (bytes). */
export const MAX_SHP_BYTES: number = 16 * 1024 * 1024;

interface Field {
  name: string;
  /** dBASE type letter. */
  dbfType: string;
  offset: number;
  size: number;
  read: (text: string) => AttributeValue | undefined;
}

/** A Shapefile the direct path reads. */
export interface ShpTable {
  /** Paths of the three files. */
  shp: string;
  shx: string;
  dbf: string;
  /** Records. */
  count: number;
  /** dBASE header and record length. */
  dbfHeader: number;
  dbfRecord: number;
  /** Fields in GDAL's order. */
  fields: Field[];
  /** How its text becomes UTF-8. */
  encoding: Encoding;
}

/** A record as the GDAL path gives it. */
export interface ShpRow {
  /** Feature id (the record's index). */
  id: number;
  /** Field values, in GDAL's field order. */
  values: AttributeValue[];
  /** ISO WKB, or null for a null shape. */
  wkb: Uint8Array | null;
}

/** Reads through this path since start (for tests). */
export const shpStats: { reads: number } = { reads: 0 };

const MAX_FILES = 64;
const known = new Map<string, { identity: string; table: ShpTable | null }>();

function sibling(shp: string, ext: string): string | null {
  // as shapelib: the extension in lower case, then in upper case
  const stem = shp.slice(0, -4);
  for (const e of [ext, ext.toUpperCase()]) {
    try {
      if (Deno.statSync(`${stem}.${e}`).isFile) return `${stem}.${e}`;
    } catch { /* next */ }
  }
  return null;
}

function identity(paths: string[]): string | null {
  const parts: string[] = [];
  for (const p of paths) {
    let s: Deno.FileInfo;
    try {
      s = Deno.statSync(p);
    } catch {
      return null;
    }
    const mtime = s.mtime?.getTime() ?? NaN;
    const ctime = s.ctime?.getTime() ?? NaN;
    // a file changed in the last seconds may change again unseen
    if (Date.now() - Math.max(mtime, ctime) <= 2000) return null;
    parts.push(`${p}:${s.dev}:${s.ino}:${s.size}:${mtime}:${ctime}`);
  }
  return parts.join("\n");
}

/**
 * The table of a GDAL-described Shapefile layer when the direct path reads
 * its pages exactly, else null (the caller reads through GDAL).
 *
 * @example
 * ```ts ignore
 * const table = shpTable(resolved, info);
 * if (table) shpRows(table, 0, 10);
 * ```
 */
export function shpTable(
  resolved: ResolvedSource,
  info: LayerInfo,
): ShpTable | null {
  const shp = resolved.location;
  if (
    resolved.remote || info.driver !== "ESRI Shapefile" ||
    resolved.source.vsiPrefix !== undefined ||
    resolved.source.vsiSuffix !== undefined ||
    resolved.source.subset !== undefined || !/\.shp$/i.test(shp) ||
    info.name !== basename(shp).slice(0, -4) || info.fidColumn !== null
  ) return null;
  const shx = sibling(shp, "shx");
  const dbf = sibling(shp, "dbf");
  if (shx === null || dbf === null) return null;
  const id = identity([shp, shx, dbf]);
  if (id === null) return null;
  const declared = resolved.source.encoding;
  const key = declared === undefined ? shp : `${shp}\n${declared}`;
  const kept = known.get(key);
  if (kept !== undefined && kept.identity === id) return kept.table;
  let table: ShpTable | null;
  try {
    table = qualify(shp, shx, dbf, info, declared);
  } catch {
    table = null;
  }
  if (known.size >= MAX_FILES) known.clear();
  known.set(key, { identity: id, table });
  return table;
}

const SHAPE_TYPES = new Set([1, 3, 5, 8]);
const INT32: [number, number] = [-2147483648, 2147483647];
const SAFE: [number, number] = [
  -Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER,
];

function fieldReader(
  gdalType: string,
  dbfType: string,
): ((text: string) => AttributeValue | undefined) | null {
  const integer = (range: [number, number]) => (t: string) => {
    if (t === "" || t[0] === "*") return null;
    if (!/^-?\d{1,16}$/.test(t)) return undefined;
    const v = Number(t);
    // atoi: "-0" is 0
    return v >= range[0] && v <= range[1] ? v + 0 : undefined;
  };
  switch (gdalType) {
    case "String":
      return dbfType === "C" ? (t) => t === "" ? null : t : null;
    case "Integer":
      return dbfType === "N" || dbfType === "F" ? integer(INT32) : null;
    case "Integer64":
      return dbfType === "N" || dbfType === "F" ? integer(SAFE) : null;
    case "Real":
      return dbfType === "N" || dbfType === "F"
        ? (t) => {
          if (t === "" || t[0] === "*") return null;
          return /^-?(\d+\.?\d*|\.\d+)$/.test(t) && t.length <= 24
            ? Number(t)
            : undefined;
        }
        : null;
    case "Date":
      return dbfType === "D"
        ? (t) => {
          if (t === "" || t === "0" || t.startsWith("00000000")) return null;
          const m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
          if (!m || +m[1] < 1000) return undefined;
          const [y, mo, d] = [+m[1], +m[2], +m[3]];
          const check = new Date(Date.UTC(y, mo - 1, d));
          if (
            check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 ||
            check.getUTCDate() !== d
          ) return undefined;
          return parseDate(`${m[1]}-${m[2]}-${m[3]}`);
        }
        : null;
    default:
      return null;
  }
}

/**
 * How GDAL turns a table's text into UTF-8, where this path can say it
 * exactly: `ascii` (no byte over 0x7F), `latin1` (LDID 87 without a
 * `.cpg`: code page 1252, read here only where it agrees with ISO-8859-1,
 * no byte in 0x80–0x9F), `utf8` (a `.cpg` saying UTF-8; valid UTF-8 only).
 */
type Encoding = "ascii" | "latin1" | "utf8";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A field's text as shapelib reads it (up to a NUL, spaces trimmed on both
 * sides) in UTF-8 as GDAL recodes it; undefined when this path cannot say.
 */
function fieldText(
  bytes: Uint8Array,
  at: number,
  size: number,
  encoding: Encoding,
): string | undefined {
  let end = at;
  const stop = at + size;
  while (end < stop && bytes[end] !== 0) end++;
  let s = at;
  while (s < end && bytes[s] === 0x20) s++;
  while (end > s && bytes[end - 1] === 0x20) end--;
  let text = "";
  let high = false;
  for (let i = s; i < end; i++) {
    const b = bytes[i];
    if (b >= 0x80) {
      if (encoding === "ascii" || (encoding === "latin1" && b < 0xa0)) {
        return undefined;
      }
      high = true;
    }
    text += String.fromCharCode(b);
  }
  if (high && encoding === "utf8") {
    try {
      return utf8.decode(bytes.subarray(s, end));
    } catch {
      return undefined;
    }
  }
  return text;
}

/**
 * The table's encoding as GDAL chooses it: the declared one (the source's
 * `ENCODING` open option; null when this path does not read it), else the
 * `.cpg`, else the LDID.
 */
function encodingOf(
  shp: string,
  ldid: number,
  declared: string | undefined,
): Encoding | null {
  if (declared !== undefined) {
    const name = declared.toUpperCase().replace(/[-_ ]/g, "");
    if (name === "UTF8") return "utf8";
    if (["ISO88591", "LATIN1", "L1"].includes(name)) return "latin1";
    return null;
  }
  const cpg = sibling(shp, "cpg");
  if (cpg !== null) {
    let text = "";
    try {
      text = Deno.readTextFileSync(cpg).trim().toUpperCase();
    } catch { /* unreadable: ASCII only */ }
    return text === "UTF-8" || text === "UTF8" ? "utf8" : "ascii";
  }
  return ldid === 87 ? "latin1" : "ascii";
}

function qualify(
  shp: string,
  shx: string,
  dbf: string,
  info: LayerInfo,
  declared: string | undefined,
): ShpTable | null {
  for (const p of [shp, dbf]) {
    if (Deno.statSync(p).size > MAX_SHP_BYTES) return null;
  }
  const shpBytes = Deno.readFileSync(shp);
  const shxBytes = Deno.readFileSync(shx);
  const dbfBytes = Deno.readFileSync(dbf);
  const sv = new DataView(shpBytes.buffer);
  const xv = new DataView(shxBytes.buffer);
  const dv = new DataView(dbfBytes.buffer);
  if (shpBytes.length < 100 || shxBytes.length < 100 || dbfBytes.length < 32) {
    return null;
  }
  if (sv.getInt32(0, false) !== 9994 || xv.getInt32(0, false) !== 9994) {
    return null;
  }
  if (sv.getInt32(24, false) * 2 !== shpBytes.length) return null;
  if (xv.getInt32(24, false) * 2 !== shxBytes.length) return null;
  const type = sv.getInt32(32, true);
  if (!SHAPE_TYPES.has(type) || xv.getInt32(32, true) !== type) return null;
  if ((shxBytes.length - 100) % 8 !== 0) return null;
  const count = (shxBytes.length - 100) / 8;
  // dBASE: records, header and record length, field descriptors
  const records = dv.getUint32(4, true);
  const header = dv.getUint16(8, true);
  const recordLength = dv.getUint16(10, true);
  if (records !== count || header + records * recordLength > dbfBytes.length) {
    return null;
  }
  const fields: Field[] = [];
  let offset = 1;
  for (let at = 32; at + 32 <= header && dbfBytes[at] !== 0x0d; at += 32) {
    let name = "";
    for (let i = at; i < at + 11 && dbfBytes[i] !== 0; i++) {
      if (dbfBytes[i] >= 0x80) return null;
      name += String.fromCharCode(dbfBytes[i]);
    }
    const dbfType = String.fromCharCode(dbfBytes[at + 11]);
    // shapelib: a text field's length goes on in the decimals byte
    const size = dbfType === "C"
      ? dbfBytes[at + 16] + dbfBytes[at + 17] * 256
      : dbfBytes[at + 16];
    fields.push({ name, dbfType, offset, size, read: () => undefined });
    offset += size;
  }
  if (offset !== recordLength || fields.length !== info.fields.length) {
    return null;
  }
  for (const [i, f] of info.fields.entries()) {
    const field = fields[i];
    if (field.name !== f.name) return null;
    const read = fieldReader(f.type, field.dbfType);
    if (read === null) return null;
    field.read = read;
  }
  const encoding = encodingOf(shp, dbfBytes[29], declared);
  if (encoding === null) return null;
  // Every record: not deleted, every value read unambiguously.
  for (let r = 0; r < records; r++) {
    const at = header + r * recordLength;
    if (dbfBytes[at] !== 0x20) return null;
    for (const f of fields) {
      const text = fieldText(dbfBytes, at + f.offset, f.size, encoding);
      if (text === undefined || f.read(text) === undefined) return null;
    }
  }
  // Every shape: of the file's type or null, as described above.
  for (let r = 0; r < count; r++) {
    const at = xv.getInt32(100 + r * 8, false) * 2;
    const length = xv.getInt32(104 + r * 8, false) * 2;
    if (at < 100 || at + 8 + length > shpBytes.length || length < 4) {
      return null;
    }
    if (sv.getInt32(at + 4, false) * 2 !== length) return null;
    const g = readShape(sv, at + 8, length);
    if (g === undefined) return null;
  }
  return {
    shp,
    shx,
    dbf,
    count,
    dbfHeader: header,
    dbfRecord: recordLength,
    fields,
    encoding,
  };
}

/**
 * A shape record's content (at `at`, `length` bytes) as the geometry the
 * GDAL path decodes; null for a null shape; undefined for one this path
 * does not read.
 */
function readShape(
  v: DataView,
  at: number,
  length: number,
): FgbGeometry | null | undefined {
  const type = v.getInt32(at, true);
  const end = at + length;
  if (type === 0) return length === 4 ? null : undefined;
  const coords = (from: number, n: number): Float64Array | undefined => {
    if (from + n * 16 > end) return undefined;
    const xy = new Float64Array(n * 2);
    for (let i = 0; i < n * 2; i++) {
      const c = v.getFloat64(from + i * 8, true);
      if (c !== c) return undefined;
      xy[i] = c;
    }
    return xy;
  };
  const geometry = (t: number, xy: Float64Array, ends: Uint32Array | null) =>
    ({ type: t, xy, z: null, m: null, ends, parts: null }) as FgbGeometry;
  switch (type) {
    case 1: {
      if (length !== 20) return undefined;
      const xy = coords(at + 4, 1);
      return xy && geometry(T.Point, xy, null);
    }
    case 8: {
      if (at + 40 > end) return undefined;
      const n = v.getInt32(at + 36, true);
      if (n < 1 || at + 40 + n * 16 !== end) return undefined;
      const xy = coords(at + 40, n);
      return xy && geometry(T.MultiPoint, xy, null);
    }
    case 3:
    case 5: {
      if (at + 44 > end) return undefined;
      const parts = v.getInt32(at + 36, true);
      const n = v.getInt32(at + 40, true);
      if (parts < 1 || n < 1 || at + 44 + parts * 4 + n * 16 !== end) {
        return undefined;
      }
      if (type === 5 && parts !== 1) return undefined;
      const starts: number[] = [];
      for (let p = 0; p < parts; p++) {
        starts.push(v.getInt32(at + 44 + p * 4, true));
      }
      if (starts[0] !== 0) return undefined;
      const ends = new Uint32Array(parts);
      for (let p = 0; p < parts; p++) {
        const e = p + 1 < parts ? starts[p + 1] : n;
        if (e - starts[p] < (type === 5 ? 4 : 2)) return undefined;
        ends[p] = e;
      }
      const xy = coords(at + 44 + parts * 4, n);
      if (!xy) return undefined;
      if (type === 5) {
        if (xy[0] !== xy[2 * n - 2] || xy[1] !== xy[2 * n - 1]) {
          return undefined;
        }
        return geometry(T.Polygon, xy, null);
      }
      return parts === 1
        ? geometry(T.LineString, xy, null)
        : geometry(T.MultiLineString, xy, ends);
    }
    default:
      return undefined;
  }
}

function readAt(path: string, at: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  using file = Deno.openSync(path, { read: true });
  file.seekSync(at, Deno.SeekMode.Start);
  let done = 0;
  while (done < length) {
    const n = file.readSync(out.subarray(done));
    if (n === null || n === 0) {
      throw new RangeError(`Cannot read '${basename(path)}': it is shorter`);
    }
    done += n;
  }
  return out;
}

/**
 * Records `from` to `from + count - 1` (FID order) with their values and
 * ISO WKB (2D), as the GDAL path gives them.
 *
 * @example
 * ```ts ignore
 * for (const row of shpRows(table, 0, 10)) row.wkb;
 * ```
 */
export function shpRows(
  table: ShpTable,
  from: number,
  count: number,
): ShpRow[] {
  const n = Math.max(0, Math.min(count, table.count - from));
  if (n === 0) return [];
  shpStats.reads++;
  const index = new DataView(readAt(table.shx, 100 + from * 8, n * 8).buffer);
  const first = index.getInt32(0, false) * 2;
  const last = index.getInt32((n - 1) * 8, false) * 2 +
    8 + index.getInt32((n - 1) * 8 + 4, false) * 2;
  const shapes = readAt(table.shp, first, last - first);
  const sv = new DataView(shapes.buffer);
  const dbf = readAt(
    table.dbf,
    table.dbfHeader + from * table.dbfRecord,
    n * table.dbfRecord,
  );
  const rows: ShpRow[] = [];
  const header = { hasZ: false, hasM: false };
  for (let i = 0; i < n; i++) {
    const at = index.getInt32(i * 8, false) * 2 - first;
    const length = index.getInt32(i * 8 + 4, false) * 2;
    const g = readShape(sv, at + 8, length);
    if (g === undefined) {
      throw new SyntaxError(
        `Cannot read '${basename(table.shp)}': record ${from + i} changed`,
      );
    }
    const values: AttributeValue[] = [];
    const base = i * table.dbfRecord;
    for (const f of table.fields) {
      const text = fieldText(dbf, base + f.offset, f.size, table.encoding);
      const v = text === undefined ? undefined : f.read(text);
      if (v === undefined) {
        throw new SyntaxError(
          `Cannot read '${basename(table.dbf)}': record ${from + i} changed`,
        );
      }
      values.push(v);
    }
    rows.push({
      id: from + i,
      values,
      wkb: g === null ? null : toWkb(g, header),
    });
  }
  return rows;
}
