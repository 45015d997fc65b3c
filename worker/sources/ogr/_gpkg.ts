/**
 * A direct read path for GeoPackage tables: SQLite (Deno's built-in
 * `node:sqlite`, opened read-only) instead of `ogr2ogr` into FlatGeobuf.
 *
 * It is an optimisation of `read.ts` chosen only where it is exact: rows
 * come out as the GDAL path decodes them (the same field list and types,
 * taken from GDAL's own description of the layer; the same values, ids,
 * order and geometries). A table qualifies once per file version when it
 * is a plain GeoPackage feature table with an R-tree, an integer primary
 * key, fields of the types below, every value stored as GDAL reads it back
 * unchanged, and every geometry a standard GeoPackage blob holding ISO WKB
 * (Multi)Point/LineString/Polygon, Z/M or not, not empty. Anything else —
 * a WAL or hot journal (reading would write beside the file), views,
 * curves, collections, extended types, values SQLite stores otherwise than
 * the declared type — stays with GDAL.
 *
 * Permissions: `--allow-read` on the file (Deno checks the path; the
 * database is opened read-only, SQLite writes nothing).
 *
 * @module
 */
import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { LayerInfo } from "../../gdal/dataset_cache.ts";
import type { AttributeValue } from "../../geometry/types.ts";
import { parseDate } from "../dates.ts";
import type { ResolvedSource } from "../file_source.ts";
import { type FgbGeometry, FgbGeometryType as T } from "./_flatgeobuf.ts";
import { gpkgBadGeometry } from "./_gpkg_check.ts";

/** A GeoPackage feature table the direct path may read. */
export interface GpkgTable {
  /** The open database (read-only). */
  db: DatabaseSync;
  /** Table (= layer) name. */
  table: string;
  /** Geometry column. */
  geometry: string;
  /** Integer primary key (GDAL's FID column). */
  fid: string;
  /** The R-tree's table name. */
  rtree: string;
  /** Per field (GDAL's order): how a stored value becomes GDAL's value. */
  convert: Map<string, (v: unknown) => AttributeValue>;
  /** Prepared statements by SQL text (they live as long as `db`). */
  statements: Map<string, StatementSync>;
  /** Per statement text: whether SQLite walks its FID range in order. */
  plans: Map<string, boolean>;
}

/** A row as the GDAL path decodes it. */
export interface GpkgRow {
  /** Feature id. */
  id: number;
  /** Field values, in the order of the requested fields. */
  values: AttributeValue[];
  /** The geometry, null when the row has none. */
  geometry: FgbGeometry | null;
  /** With `wkb` asked: the blob's own WKB where it is exact, else undefined. */
  wkb?: Uint8Array;
}

interface OpenFile {
  version: string;
  db: DatabaseSync;
  tables: Map<string, GpkgTable | null>;
}

/**
 * Reads through this path since start, and of them those in chunks of
 * geometries ({@link gpkgGeometryChunks}); for tests and the bench.
 */
export const gpkgStats: { reads: number; chunked: number } = {
  reads: 0,
  chunked: 0,
};

const MAX_OPEN = 16;
const files = new Map<string, OpenFile>();

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function text(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** True when SQLite can read the file without writing anything beside it. */
function readableInPlace(path: string): boolean {
  let head: Uint8Array;
  try {
    using file = Deno.openSync(path, { read: true });
    head = new Uint8Array(100);
    if (file.readSync(head) !== 100) return false;
  } catch {
    return false;
  }
  const magic = "SQLite format 3\0";
  for (let i = 0; i < magic.length; i++) {
    if (head[i] !== magic.charCodeAt(i)) return false;
  }
  // File format versions 1/1: rollback journal (2 would be WAL, which
  // needs a -shm file beside it).
  if (head[18] !== 1 || head[19] !== 1) return false;
  for (const side of ["-journal", "-wal"]) {
    try {
      Deno.statSync(path + side);
      return false; // a hot journal would have to be rolled back
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) return false;
    }
  }
  return true;
}

function openFile(resolved: ResolvedSource): OpenFile | null {
  const path = resolved.location;
  const known = files.get(path);
  if (known && known.version === resolved.version) {
    files.delete(path); // most recently used last
    files.set(path, known);
    return known;
  }
  if (known) {
    files.delete(path);
    known.db.close();
  }
  if (!readableInPlace(path)) return null;
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { readOnly: true });
  } catch {
    return null;
  }
  const open = { version: resolved.version, db, tables: new Map() };
  files.set(path, open);
  if (files.size > MAX_OPEN) {
    const [oldest, file] = files.entries().next().value!;
    files.delete(oldest);
    file.db.close();
  }
  return open;
}

const INT16 = [-32768, 32767];
const INT32 = [-2147483648, 2147483647];
const SAFE = [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];

/** How a field's stored values are checked and turned into GDAL's values. */
function fieldRule(
  type: string,
  declared: string,
  c: string,
): { bad: string; convert: (v: unknown) => AttributeValue } | null {
  const d = declared.toUpperCase().replace(/\(.*$/, "").trim();
  const range = (r: number[]) =>
    `(typeof(${c}) <> 'integer' AND ${c} IS NOT NULL) OR ${c} NOT BETWEEN ${
      r[0]
    } AND ${r[1]}`;
  const same = (v: unknown) => v as AttributeValue;
  switch (type) {
    case "Integer":
      if (d === "SMALLINT" || d === "TINYINT") {
        return { bad: range(INT16), convert: same };
      }
      if (d === "MEDIUMINT") return { bad: range(INT32), convert: same };
      return null;
    case "Integer64":
      return d === "INTEGER" || d === "INT"
        ? { bad: range(SAFE), convert: same }
        : null;
    case "Boolean":
      return d === "BOOLEAN"
        ? {
          bad:
            `(typeof(${c}) <> 'integer' AND ${c} IS NOT NULL) OR ${c} NOT IN (0, 1)`,
          convert: (v) => v === null ? null : v !== 0,
        }
        : null;
    case "Real":
      if (d === "FLOAT") {
        // GDAL's Float32 subtype, written to FlatGeobuf as single precision
        return {
          bad: `typeof(${c}) NOT IN ('real', 'integer', 'null')`,
          convert: (v) => v === null ? null : Math.fround(v as number),
        };
      }
      return d === "REAL" || d === "DOUBLE"
        ? {
          bad: `typeof(${c}) NOT IN ('real', 'integer', 'null')`,
          convert: same,
        }
        : null;
    case "String":
      return d === "TEXT"
        ? { bad: `typeof(${c}) NOT IN ('text', 'null')`, convert: same }
        : null;
    case "Binary":
      return d === "BLOB"
        ? { bad: `typeof(${c}) NOT IN ('blob', 'null')`, convert: same }
        : null;
    case "Date": {
      if (d !== "DATE") return null;
      const digit = "[0-9]";
      const day = `${digit.repeat(4)}-${digit.repeat(2)}-${digit.repeat(2)}`;
      return {
        bad: `typeof(${c}) NOT IN ('text', 'null') OR ${c} NOT GLOB '${day}'`,
        convert: (v) => v === null ? null : parseDate(v as string),
      };
    }
    case "DateTime": {
      if (d !== "DATETIME") return null;
      const n = (k: number) => "[0-9]".repeat(k);
      const base = `${n(4)}-${n(2)}-${n(2)}T${n(2)}:${n(2)}:${n(2)}`;
      return {
        bad:
          `typeof(${c}) NOT IN ('text', 'null') OR (${c} NOT GLOB '${base}Z' AND ${c} NOT GLOB '${base}.${
            n(3)
          }Z')`,
        convert: (v) => v === null ? null : parseDate(v as string, true),
      };
    }
    default:
      return null;
  }
}

function describe(db: DatabaseSync, info: LayerInfo): GpkgTable | null {
  const name = info.name;
  const geometry = info.geometryColumn;
  const fid = info.fidColumn;
  if (geometry === null || fid === null) return null;
  const q = (sql: string, ...args: string[]) => db.prepare(sql).all(...args);
  const contents = q(
    "SELECT c.data_type AS t, g.column_name AS g FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.table_name = ?",
    name,
  );
  if (
    contents.length !== 1 || text(contents[0].t) !== "features" ||
    text(contents[0].g) !== geometry
  ) return null;
  const master = q("SELECT type FROM sqlite_master WHERE name = ?", name);
  if (master.length !== 1 || text(master[0].type) !== "table") return null;
  const rtree = `rtree_${name}_${geometry}`;
  const registered = q(
    "SELECT 1 FROM gpkg_extensions WHERE lower(table_name) = lower(?) AND lower(column_name) = lower(?) AND extension_name = 'gpkg_rtree_index'",
    name,
    geometry,
  );
  const rtreeTable = q(
    "SELECT 1 FROM sqlite_master WHERE name = ? AND type = 'table'",
    rtree,
  );
  if (registered.length !== 1 || rtreeTable.length !== 1) return null;
  const columns = new Map<string, { type: string; pk: number }>();
  for (const row of q(`PRAGMA table_info(${ident(name)})`)) {
    columns.set(text(row.name), {
      type: text(row.type),
      pk: Number(row.pk),
    });
  }
  const fidColumn = columns.get(fid);
  if (
    !fidColumn || fidColumn.pk !== 1 ||
    fidColumn.type.toUpperCase() !== "INTEGER" ||
    [...columns.values()].filter((c) => c.pk > 0).length !== 1 ||
    !columns.has(geometry)
  ) return null;
  const bad: string[] = [gpkgBadGeometry(ident(geometry))];
  const convert = new Map<string, (v: unknown) => AttributeValue>();
  for (const field of info.fields) {
    const column = columns.get(field.name);
    if (!column || field.name === geometry || field.name === fid) return null;
    const rule = fieldRule(field.type, column.type, ident(field.name));
    if (rule === null) return null;
    bad.push(`(${rule.bad})`);
    convert.set(field.name, rule.convert);
  }
  if (columns.size !== info.fields.length + 2) return null;
  // One scan per file version: is any stored value or geometry one this
  // path would not read exactly as GDAL does?
  const found = db.prepare(
    `SELECT 1 FROM ${ident(name)} WHERE ${bad.join(" OR ")} LIMIT 1`,
  ).all();
  if (found.length !== 0) return null;
  return {
    db,
    table: name,
    geometry,
    fid,
    rtree,
    convert,
    statements: new Map(),
    plans: new Map(),
  };
}

/**
 * The table of a GDAL-described GeoPackage layer when the direct path reads
 * it exactly, else null (the caller reads through GDAL). Checked once per
 * file version.
 *
 * @example
 * ```ts ignore
 * const table = gpkgTable(resolved, info);
 * if (table) for (const row of gpkgRows(table, { fields: ["name"] })) row.id;
 * ```
 */
export function gpkgTable(
  resolved: ResolvedSource,
  info: LayerInfo,
): GpkgTable | null {
  if (
    resolved.remote || info.driver !== "GPKG" ||
    resolved.source.vsiPrefix !== undefined ||
    resolved.source.vsiSuffix !== undefined ||
    resolved.source.subset !== undefined
  ) return null;
  const file = openFile(resolved);
  if (file === null) return null;
  if (!file.tables.has(info.name)) {
    let table: GpkgTable | null;
    try {
      table = describe(file.db, info);
    } catch {
      table = null;
    }
    file.tables.set(info.name, table);
  }
  return file.tables.get(info.name) ?? null;
}

/** What rows to read. */
export interface GpkgRowQuery {
  /** Fields to read, in this order. */
  fields: string[];
  /** Only rows whose R-tree box meets this rectangle (layer CRS). */
  bbox?: { xmin: number; ymin: number; xmax: number; ymax: number };
  /** Without a bbox: rows to skip, in FID order. */
  offset?: number;
  /** Without a bbox: most rows; null: all. */
  limit?: number | null;
  /** Only rows with lo <= FID < hi. */
  fids?: [number, number];
  /** With a bbox: in FID order rather than the R-tree's. */
  orderByFid?: boolean;
  /** Z and M of the geometries: as the layer declares (absent: 2D). */
  dims?: { z: boolean; m: boolean };
  /**
   * Also the ISO WKB `toWkb` would write for each geometry with `dims`,
   * where the blob holds exactly those bytes (see {@link gpkgWkb}); such
   * rows come without a parsed geometry unless a `bbox` is asked (GDAL's
   * spatial filter needs it).
   */
  wkb?: boolean;
}

// A query's box (through the R-tree: its order, as GDAL's spatial filter
// reads) and FID range, as a join on the table `m` and WHERE terms.
function rowFilter(
  table: GpkgTable,
  fid: string,
  query: Pick<GpkgRowQuery, "bbox" | "fids">,
): { join: string; where: string[]; args: number[] } {
  let join = "";
  const where: string[] = [];
  const args: number[] = [];
  if (query.bbox) {
    join = ` JOIN ${ident(table.rtree)} r ON r.id = ${fid}`;
    where.push("r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?");
    const b = query.bbox;
    args.push(b.xmin, b.xmax, b.ymin, b.ymax);
  }
  if (query.fids) {
    where.push(`${fid} >= ? AND ${fid} < ?`);
    args.push(query.fids[0], query.fids[1]);
  }
  return { join, where, args };
}

/**
 * Rows in FID order, as the GDAL path decodes them.
 *
 * @example
 * ```ts ignore
 * for (const row of gpkgRows(table, { fields: ["name"], bbox })) row.geometry;
 * ```
 */
export function* gpkgRows(
  table: GpkgTable,
  query: GpkgRowQuery,
): Generator<GpkgRow> {
  const fid = `m.${ident(table.fid)}`;
  const wantWkb = query.wkb === true;
  // Geometries come as hex text: a blob is a new ArrayBuffer per row
  // (allocated outside V8's heap, swept by its collector), text is a
  // string in the young generation; reading 1M points took half the CPU
  // time so, decoding included (93 points with their WKB: 209 → 160 µs).
  const geom = `m.${ident(table.geometry)}`;
  const cols = [fid, `hex(${geom})`];
  for (const f of query.fields) cols.push(`m.${ident(f)}`);
  const { join, where, args } = rowFilter(table, fid, query);
  let sql = `SELECT ${cols.join(", ")} FROM ${ident(table.table)} m${join}`;
  // Rows come from SQLite in chunks (`all()`): a row at a time through
  // `iterate()` costs more than the row. Without a bbox, limit or offset,
  // chunks are FID ranges (keyset), so order and memory stay those of
  // one pass. A box within an FID range is chunked so too where SQLite
  // walks that range in FID order anyway (its plan, checked once): the
  // rows and their order are the unchunked statement's.
  const plain = query.limit == null && !query.offset;
  const chunked = plain &&
    (!query.bbox ||
      (query.fids !== undefined &&
        walksFidRange(table, `${sql} WHERE ${where.join(" AND ")}`, args)));
  if (chunked) where.push(`${fid} > ?`);
  if (where.length) sql += ` WHERE ${where.join(" AND ")}`;
  if (!query.bbox || query.orderByFid || chunked) sql += ` ORDER BY ${fid}`;
  if (chunked) sql += ` LIMIT ${CHUNK}`;
  else if (query.limit !== undefined && query.limit !== null) {
    sql += " LIMIT ?";
    args.push(query.limit | 0);
  } else if (query.offset) sql += " LIMIT -1";
  if (query.offset) {
    sql += " OFFSET ?";
    args.push(query.offset | 0);
  }
  gpkgStats.reads++;
  const stmt = statement(table, sql);
  const converts = query.fields.map((f) => table.convert.get(f)!);
  const dims = query.dims ?? { z: false, m: false };
  let after = -Infinity;
  while (true) {
    const rows = (chunked
      ? stmt.all(...args, after)
      : stmt.all(...args)) as unknown as unknown[][];
    for (const row of rows) {
      const values: AttributeValue[] = new Array(converts.length);
      for (let i = 0; i < converts.length; i++) {
        const v = row[i + 2];
        values[i] = v === null ? null : converts[i](v);
      }
      let geometry: FgbGeometry | null = null;
      let wkb: Uint8Array | null = null;
      // hex(NULL) is '' (an empty blob is not a geometry: not qualified)
      const text = row[1] as string;
      if (text.length > 0) {
        const n = hexToScratch(text);
        if (wantWkb) {
          const start = scratchWkbStart(n);
          const end = start < 0
            ? -1
            : wkbEnd(scratch, scratchView, start, n, dims);
          if (end >= 0) {
            wkb = arenaCopy(start, end);
          }
          if (wkb === null || query.bbox) {
            geometry = parseScratch(n, dims);
          }
        } else {
          geometry = parseScratch(n, dims);
        }
      }
      const out: GpkgRow = { id: row[0] as number, values, geometry };
      if (wkb !== null) {
        out.wkb = wkb;
      }
      yield out;
    }
    if (!chunked || rows.length < CHUNK) {
      return;
    }
    after = rows[rows.length - 1][0] as number;
  }
}

/**
 * Rows per `all()`: under the worker's `--optimize-for-size` V8 keeps a
 * young generation of well under a megabyte, and rows that outlive it are
 * promoted, then marked and compacted. Reading 100,000 points as features
 * took 1.0–1.3 s of CPU in chunks of 1,000, 0.2–0.45 s in chunks of 100.
 */
const CHUNK = 100;

/**
 * Whether SQLite runs `sql` (a box within an FID range) as a walk of the
 * table's FID range in ascending order, each row then looked up in the
 * R-tree: the order `ORDER BY fid` gives. Kept per statement text.
 */
function walksFidRange(table: GpkgTable, sql: string, args: number[]): boolean {
  let walks = table.plans.get(sql);
  if (walks === undefined) {
    const plan = table.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args)
      .map((r) => text(r.detail));
    walks = plan.length === 2 &&
      /^SEARCH m USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)$/
        .test(plan[0]) &&
      /^SCAN r VIRTUAL TABLE INDEX 1:/.test(plan[1]);
    if (table.plans.size >= MAX_STATEMENTS) table.plans.clear();
    table.plans.set(sql, walks);
  }
  return walks;
}
/** Statements kept per table: the few shapes of query a worker sends. */
const MAX_STATEMENTS = 32;

/**
 * A prepared statement per SQL text: preparing costs more than reading a
 * page of a hundred rows. Parameters carry the values, so a job's page or
 * box does not make new text.
 */
function statement(table: GpkgTable, sql: string): StatementSync {
  let stmt = table.statements.get(sql);
  if (stmt === undefined) {
    stmt = table.db.prepare(sql);
    // Rows as arrays (not objects keyed by name): present at run time,
    // missing from Deno's type declarations.
    (stmt as unknown as { setReturnArrays(on: boolean): void })
      .setReturnArrays(true);
    if (table.statements.size >= MAX_STATEMENTS) table.statements.clear();
    table.statements.set(sql, stmt);
  }
  return stmt;
}

// Blobs are copied into one scratch buffer and read through one DataView:
// a DataView over each blob SQLite hands out costs more than the parse.
let scratch = new Uint8Array(1 << 16);
let scratchView = new DataView(scratch.buffer);

/** Reads ISO WKB from a position; the geometry as FlatGeobuf's reader gives it. */
class WkbReader {
  view: DataView;
  at: number;
  constructor(view: DataView, at: number, readonly dims: Dims) {
    this.view = view;
    this.at = at;
  }

  geometry(): FgbGeometry {
    const le = this.view.getUint8(this.at) === 1;
    const code = this.view.getUint32(this.at + 1, le);
    this.at += 5;
    const type = code % 1000;
    const hasZ = code >= 3000 || (code >= 1000 && code < 2000);
    const hasM = code >= 2000;
    const src = { le, hasZ, hasM };
    switch (type) {
      case T.Point:
        return this.points(src, 1, type, null);
      case T.LineString:
        return this.points(src, this.u32(le), type, null);
      case T.Polygon: {
        const rings = this.u32(le);
        if (rings === 1) {
          // what the general case gives for one ring, without its arrays
          const ring = this.points(src, this.u32(le), T.LineString, null);
          ring.type = type;
          return ring;
        }
        const counts: number[] = [];
        const parts: Float64Array[][] = [[], [], []];
        let total = 0;
        for (let r = 0; r < rings; r++) {
          const n = this.u32(le);
          counts.push(n);
          total += n;
          const g = this.points(src, n, T.LineString, null);
          parts[0].push(g.xy);
          if (g.z) parts[1].push(g.z);
          if (g.m) parts[2].push(g.m);
        }
        return {
          type,
          xy: concat(parts[0], total * 2),
          z: this.dims.z ? concat(parts[1], total) : null,
          m: this.dims.m ? concat(parts[2], total) : null,
          ends: rings > 1 ? ends(counts) : null,
          parts: null,
        };
      }
      case T.MultiPoint:
      case T.MultiLineString: {
        const n = this.u32(le);
        const subs: FgbGeometry[] = [];
        for (let i = 0; i < n; i++) subs.push(this.geometry());
        const counts = subs.map((g) => g.xy.length / 2);
        const total = counts.reduce((a, b) => a + b, 0);
        return {
          type,
          xy: concat(subs.map((g) => g.xy), total * 2),
          z: this.dims.z ? concat(subs.map((g) => g.z!), total) : null,
          m: this.dims.m ? concat(subs.map((g) => g.m!), total) : null,
          ends: type === T.MultiLineString && n > 1 ? ends(counts) : null,
          parts: null,
        };
      }
      case T.MultiPolygon: {
        const n = this.u32(le);
        const subs: FgbGeometry[] = [];
        for (let i = 0; i < n; i++) subs.push(this.geometry());
        return {
          type,
          xy: new Float64Array(0),
          z: null,
          m: null,
          ends: null,
          parts: subs,
        };
      }
      default:
        throw new SyntaxError(
          `Cannot read GeoPackage geometry: WKB type ${code} is not supported`,
        );
    }
  }

  u32(le: boolean): number {
    const v = this.view.getUint32(this.at, le);
    this.at += 4;
    return v;
  }

  points(
    src: { le: boolean; hasZ: boolean; hasM: boolean },
    n: number,
    type: number,
    _: null,
  ): FgbGeometry {
    // the count is checked against the bytes left before anything is
    // allocated: a blob announcing 2^31 points asked for 32 GB
    const stride = 16 + (src.hasZ ? 8 : 0) + (src.hasM ? 8 : 0);
    const left = Math.max(0, this.view.byteLength - this.at);
    if (n * stride > left) {
      throw new SyntaxError(
        `Cannot read GeoPackage geometry: a geometry announces ${n} points where ${
          Math.floor(left / stride)
        } at most are left to read`,
      );
    }
    const xy = new Float64Array(n * 2);
    const z = this.dims.z ? new Float64Array(n) : null;
    const m = this.dims.m ? new Float64Array(n) : null;
    const view = this.view, le = src.le;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      xy[2 * i] = view.getFloat64(at, le);
      xy[2 * i + 1] = view.getFloat64(at + 8, le);
      at += 16;
      if (src.hasZ) {
        if (z) z[i] = view.getFloat64(at, le);
        at += 8;
      }
      if (src.hasM) {
        if (m) m[i] = view.getFloat64(at, le);
        at += 8;
      }
    }
    this.at = at;
    return { type, xy, z, m, ends: null, parts: null };
  }
}

interface Dims {
  z: boolean;
  m: boolean;
}

function concat(arrays: Float64Array[], length: number): Float64Array {
  if (arrays.length === 1) return arrays[0];
  const out = new Float64Array(length);
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

function ends(counts: number[]): Uint32Array {
  const out = new Uint32Array(counts.length);
  let sum = 0;
  counts.forEach((c, i) => out[i] = sum += c);
  return out;
}

/**
 * A GeoPackage geometry blob (standard header, ISO WKB (Multi)Point,
 * LineString or Polygon) as the FlatGeobuf reader gives the geometry GDAL
 * wrote: rings and lines of a multi-line as ends of one coordinate array,
 * polygons of a multi-polygon as parts; Z and M as `dims` asks (missing
 * ones as 0, as GDAL forces them).
 *
 * @example
 * ```ts ignore
 * const g = parseGpkgGeometry(blob, { z: false, m: false });
 * g.xy; // Float64Array [x, y, …]
 * ```
 */
export function parseGpkgGeometry(
  blob: Uint8Array,
  dims: Dims,
): FgbGeometry {
  if (blob.length > scratch.length) {
    scratch = new Uint8Array(Math.max(blob.length, scratch.length * 2));
    scratchView = new DataView(scratch.buffer);
  }
  scratch.set(blob);
  return parseScratch(blob.length, dims);
}

/** The geometry of the blob of `length` bytes in `scratch`. */
function parseScratch(length: number, dims: Dims): FgbGeometry {
  const blob = scratch;
  if (length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50 || blob[2] !== 0) {
    throw new SyntaxError("Cannot read GeoPackage geometry: bad header");
  }
  const flags = blob[3];
  const envelope = ENVELOPES[(flags >> 1) & 7];
  if (envelope === undefined || flags & 0x30) {
    throw new SyntaxError("Cannot read GeoPackage geometry: unsupported flags");
  }
  return new WkbReader(scratchView, 8 + envelope, dims).geometry();
}

/**
 * {@link parseGpkgGeometry} of a blob given as SQLite's `hex()` of it.
 *
 * @example
 * ```ts ignore
 * const g = parseGpkgHex("47500001…", { z: false, m: false });
 * ```
 */
export function parseGpkgHex(hex: string, dims: Dims): FgbGeometry {
  return parseScratch(hexToScratch(hex), dims);
}

/** Decodes hex text into `scratch`; its length in bytes. */
function hexToScratch(hex: string): number {
  const n = hex.length >> 1;
  if (n > scratch.length) {
    scratch = new Uint8Array(Math.max(n, scratch.length * 2));
    scratchView = new DataView(scratch.buffer);
  }
  // native decoding (throws a SyntaxError on an odd length or a bad digit)
  (scratch as unknown as { setFromHex(s: string): unknown }).setFromHex(hex);
  return n;
}

// WKB handed out is copied into shared buffers, each row a view of its
// bytes: one ArrayBuffer per 64 KiB rather than one per row. A buffer is
// never written again below what it handed out.
const ARENA = 1 << 16;
let arena = new Uint8Array(0);
let arenaAt = 0;

/** A copy of `scratch[start, end)` in the arena. */
function arenaCopy(start: number, end: number): Uint8Array {
  const n = end - start;
  if (arenaAt + n > arena.length) {
    arena = new Uint8Array(Math.max(ARENA, n));
    arenaAt = 0;
  }
  const at = arenaAt;
  arena.set(scratch.subarray(start, end), at);
  arenaAt = at + n;
  return arena.subarray(at, at + n);
}

/** Where the WKB of the GeoPackage blob of `length` bytes in `scratch` starts, or -1. */
function scratchWkbStart(length: number): number {
  const blob = scratch;
  if (length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50 || blob[2]) {
    return -1;
  }
  const flags = blob[3];
  const envelope = ENVELOPES[(flags >> 1) & 7];
  if (envelope === undefined || flags & 0x30) return -1;
  return 8 + envelope;
}

/**
 * The ISO WKB inside a GeoPackage blob when it is byte for byte what
 * `toWkb(parseGpkgGeometry(blob, dims), dims)` writes (and so what the GDAL
 * path gives), else null: every part little-endian, its type code with
 * exactly `dims`, the parts nested as the writer nests them, no line or
 * ring without points, no NaN coordinate (a NaN's bits may not survive a
 * round trip through JavaScript). A view of the blob, no copy.
 *
 * @example
 * ```ts ignore
 * const wkb = gpkgWkb(blob, { z: false, m: false }) ?? toWkb(parseGpkgGeometry(blob, dims), header);
 * ```
 */
export function gpkgWkb(blob: Uint8Array, dims: Dims): Uint8Array | null {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50 || blob[2]) {
    return null;
  }
  const flags = blob[3];
  const envelope = ENVELOPES[(flags >> 1) & 7];
  if (envelope === undefined || flags & 0x30) return null;
  const start = 8 + envelope;
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const end = wkbEnd(blob, view, start, blob.length, dims);
  return end < 0 ? null : blob.subarray(start, end);
}

/** Envelope sizes by the flags' envelope code. */
const ENVELOPES = [0, 32, 48, 48, 64];

/**
 * The end of the WKB at `start` in `bytes[0, length)` when it is byte for
 * byte what the writer gives with `dims` (see {@link gpkgWkb}), else -1.
 */
function wkbEnd(
  bytes: Uint8Array,
  view: DataView,
  start: number,
  length: number,
  dims: Dims,
): number {
  const add = (dims.z ? 1000 : 0) + (dims.m ? 2000 : 0);
  const base = length >= start + 5 && bytes[start] === 1
    ? view.getUint32(start + 1, true) - add
    : -1;
  if (!(base >= 1 && base <= 6)) return -1;
  const width = 16 + (dims.z ? 8 : 0) + (dims.m ? 8 : 0);
  return walkWkb(bytes, view, start, base, add, width, length);
}

/** Offset after the geometry of base type `base` at `at`, or -1. */
function walkWkb(
  bytes: Uint8Array,
  view: DataView,
  at: number,
  base: number,
  add: number,
  width: number,
  length: number,
): number {
  if (at + 5 > length || bytes[at] !== 1) return -1;
  if (view.getUint32(at + 1, true) !== base + add) return -1;
  at += 5;
  if (base === 1) return wkbCoords(view, at, 1, width, length);
  if (at + 4 > length) return -1;
  const n = view.getUint32(at, true);
  at += 4;
  if (base === 2) return wkbCoords(view, at, n, width, length);
  if (n <= 0) return -1;
  for (let i = 0; i < n && at >= 0; i++) {
    if (base === 3) {
      if (at + 4 > length) return -1;
      const points = view.getUint32(at, true);
      at = wkbCoords(view, at + 4, points, width, length);
    } else {
      at = walkWkb(bytes, view, at, base - 3, add, width, length);
    }
  }
  return at;
}

/** Offset after `n` (> 0) coordinates at `at`, none NaN, or -1. */
function wkbCoords(
  view: DataView,
  at: number,
  n: number,
  width: number,
  length: number,
): number {
  const end = at + n * width;
  if (n <= 0 || end > length) return -1;
  for (let i = at; i < end; i += 8) {
    const v = view.getFloat64(i, true);
    if (v !== v) return -1;
  }
  return end;
}

/**
 * The geometries of a chunk of rows in FID order (see
 * {@link gpkgGeometryChunks}): their blobs one after another. The arrays
 * are reused by the next chunk.
 */
export interface GpkgGeometryChunk {
  /** Rows in the chunk. */
  n: number;
  /** Their FIDs. */
  ids: Float64Array;
  /** Their blobs' lengths in bytes, 0 for a NULL geometry. */
  lengths: Int32Array;
  /** The blobs, concatenated; detached once the next chunk is asked for. */
  bytes: Uint8Array;
}

/** Rows per chunk of {@link gpkgGeometryChunks}. */
const GEOMETRY_CHUNK = 1000;

/**
 * The geometries (and FIDs) of the rows {@link gpkgRows} gives for the same
 * `bbox` and `fids` without fields, in the same order, a chunk of rows at a
 * time as one SQLite row: the FIDs and blob lengths as text, the blobs as
 * one blob (`unhex(group_concat(hex(…)))`). A row of SQLite's per feature
 * costs a JavaScript array and a string; a chunk costs three values. Null
 * where `gpkgRows` would not read in FID-ordered chunks (a box without an
 * FID range SQLite walks in order, a limit or an offset): the caller reads
 * rows.
 *
 * @example
 * ```ts ignore
 * for (const chunk of gpkgGeometryChunks(table, {}) ?? []) chunk.n;
 * ```
 */
export function gpkgGeometryChunks(
  table: GpkgTable,
  query: Pick<GpkgRowQuery, "bbox" | "fids">,
): Iterable<GpkgGeometryChunk> | null {
  const fid = `m.${ident(table.fid)}`;
  const geom = `m.${ident(table.geometry)}`;
  const { join, where, args } = rowFilter(table, fid, query);
  let sql = `SELECT ${fid} AS f, ${geom} AS g FROM ${
    ident(table.table)
  } m${join}`;
  if (
    query.bbox &&
    (query.fids === undefined ||
      !walksFidRange(table, `${sql} WHERE ${where.join(" AND ")}`, args))
  ) return null;
  where.push(`${fid} > ?`);
  sql += ` WHERE ${
    where.join(" AND ")
  } ORDER BY ${fid} LIMIT ${GEOMETRY_CHUNK}`;
  // One step of the aggregate per row: the three lists come in the same
  // (the subquery's) order, which the FIDs show and the reader checks.
  // In a UTF-8 database group_concat keeps a blob's bytes as they are
  // (SQLite reads them as text unchanged), and CAST makes them a blob
  // again; hex() and unhex() cost more than the rest of the read.
  const length = `ifnull(length(g), 0)`;
  const blobs = utf8(table)
    ? `CAST(group_concat(g, '') AS BLOB)`
    : `unhex(group_concat(hex(g), ''))`;
  const stmt = statement(
    table,
    `SELECT count(*), max(f), group_concat(f), min(${length}), max(${length}), group_concat(${length}), ${blobs} FROM (${sql})`,
  );
  const ids = new Float64Array(GEOMETRY_CHUNK);
  const lengths = new Int32Array(GEOMETRY_CHUNK);
  return {
    *[Symbol.iterator]() {
      gpkgStats.reads++;
      gpkgStats.chunked++;
      let after = -Infinity;
      while (true) {
        const row = stmt.get(...args, after) as unknown as unknown[];
        const n = row[0] as number;
        if (n === 0) return;
        const uniform = row[3] === row[4];
        if (uniform) lengths.fill(row[3] as number, 0, n);
        if (
          parseList(row[2] as string, ids, n) !== n ||
          (!uniform && parseList(row[5] as string, lengths, n) !== n)
        ) {
          throw new RangeError(
            "Cannot read GeoPackage rows: a chunk's lists do not match",
          );
        }
        for (let i = 1; i < n; i++) {
          if (!(ids[i] > ids[i - 1])) {
            throw new RangeError(
              "Cannot read GeoPackage rows: a chunk is not in FID order",
            );
          }
        }
        const bytes = row[6] as Uint8Array;
        let total = 0;
        for (let i = 0; i < n; i++) total += lengths[i];
        if (total !== bytes.length) {
          throw new RangeError(
            "Cannot read GeoPackage rows: a chunk's blobs do not add up",
          );
        }
        yield { n, ids, lengths, bytes };
        // Done with it: its memory is freed now, not when the collector
        // next runs. With little else to collect, SQLite's blobs piled up
        // (peak of a 1M-polygon render in process 280-287 MB; detached
        // 216-223 MB, as with hex text decoded into arrays of our own).
        (bytes.buffer as ArrayBuffer).transfer(0);
        if (n < GEOMETRY_CHUNK) return;
        after = row[1] as number;
      }
    },
  };
}

const encodings = new WeakMap<GpkgTable, boolean>();

/** Whether the table's database stores text as UTF-8. */
function utf8(table: GpkgTable): boolean {
  let is = encodings.get(table);
  if (is === undefined) {
    const row = table.db.prepare("PRAGMA encoding").get() as
      | { encoding?: unknown }
      | undefined;
    is = row?.encoding === "UTF-8";
    encodings.set(table, is);
  }
  return is;
}

/**
 * Reads SQLite's comma-separated integers into `out`; returns how many, or
 * -1 for anything but integers of at most 15 digits (exact as doubles).
 */
function parseList(
  text: string,
  out: Float64Array | Int32Array,
  max: number,
): number {
  let n = 0, value = 0, digits = 0, sign = 1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44;
    if (c === 44) { // ','
      if (digits === 0 || n >= max) return -1;
      out[n++] = sign * value;
      value = 0;
      digits = 0;
      sign = 1;
    } else if (c >= 48 && c <= 57) {
      if (++digits > 15) return -1;
      value = value * 10 + (c - 48);
    } else if (c === 45 && digits === 0 && sign === 1) { // '-'
      sign = -1;
    } else return -1;
  }
  return n;
}

/**
 * Reads GeoPackage blobs in place (a chunk's bytes) where the geometry is
 * one point, one line or a polygon of one ring: its coordinates come
 * straight out of the blob, as {@link parseGpkgGeometry} gives them in 2D,
 * without the objects of a parsed geometry. Anything else is parsed by
 * {@link parseGpkgGeometry}.
 */
export class GpkgBlobReader {
  #bytes: Uint8Array = new Uint8Array(0);
  #view: DataView = new DataView(this.#bytes.buffer);
  /** After {@link read}: 1 point, 2 line, 3 polygon of one ring, 0 other. */
  type = 0;
  /** After {@link read} of a simple type: its number of points. */
  count = 0;
  #at = 0;
  #le = true;
  #stride = 16;
  #start = 0;
  #length = 0;

  /** Reads blobs of these bytes from now on. */
  use(bytes: Uint8Array): void {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  /** Reads the header of the blob at `start` of `length` bytes; its type. */
  read(start: number, length: number): number {
    this.#start = start;
    this.#length = length;
    this.type = 0;
    const b = this.#bytes, end = start + length;
    if (length < 8 || b[start] !== 0x47 || b[start + 1] !== 0x50) return 0;
    if (b[start + 2] !== 0) return 0;
    const flags = b[start + 3];
    const envelope = ENVELOPES[(flags >> 1) & 7];
    if (envelope === undefined || flags & 0x30) return 0;
    let at = start + 8 + envelope;
    if (at + 5 > end) return 0;
    const le = b[at] === 1;
    const code = this.#view.getUint32(at + 1, le);
    at += 5;
    const type = code % 1000;
    const hasZ = code >= 3000 || (code >= 1000 && code < 2000);
    const hasM = code >= 2000;
    const stride = 16 + (hasZ ? 8 : 0) + (hasM ? 8 : 0);
    let count = 1;
    if (type === T.LineString || type === T.Polygon) {
      if (at + 4 > end) return 0;
      if (type === T.Polygon) {
        if (this.#view.getUint32(at, le) !== 1 || at + 8 > end) return 0;
        at += 4;
      }
      count = this.#view.getUint32(at, le);
      at += 4;
    } else if (type !== T.Point) return 0;
    if (at + count * stride > end) return 0;
    this.#at = at;
    this.#le = le;
    this.#stride = stride;
    this.count = count;
    return this.type = type;
  }

  /** The x, y pairs of the simple geometry just read, into `out`. */
  copyXY(out: Float64Array): void {
    const view = this.#view, le = this.#le, stride = this.#stride;
    let at = this.#at;
    for (let i = 0; i < this.count; i++) {
      out[2 * i] = view.getFloat64(at, le);
      out[2 * i + 1] = view.getFloat64(at + 8, le);
      at += stride;
    }
  }

  /** The x of the point just read. */
  x(): number {
    return this.#view.getFloat64(this.#at, this.#le);
  }

  /** The y of the point just read. */
  y(): number {
    return this.#view.getFloat64(this.#at + 8, this.#le);
  }

  /** The blob just read, parsed ({@link parseGpkgGeometry}, 2D). */
  geometry(): FgbGeometry {
    return parseGpkgGeometry(
      this.#bytes.subarray(this.#start, this.#start + this.#length),
      { z: false, m: false },
    );
  }
}
