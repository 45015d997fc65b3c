/**
 * Rectangles from one CRS to another with GDAL's OSR/OCT C API (ogr2ogr's
 * `-spat_srs` cannot be combined with `-sql`). Axis order is x/east first,
 * as QGIS uses internally.
 *
 * @module
 */
import { type Gdal, onGdalReset } from "./gdal.ts";
import { withCString } from "./apps.ts";
import type { Rect } from "../geometry/types.ts";
import { PointTable } from "./_point_cache.ts";
import { registerHeld } from "../cache/held.ts";

const OAMS_TRADITIONAL_GIS_ORDER = 0;
const EDGE_POINTS = 21;
const transforms = new Map<string, number>();
const MAX_TRANSFORMS = 64;
// the handles belonged to a failed instance: forgotten, not destroyed
onGdalReset(() => {
  transforms.clear();
  clearPointCache();
});

function srs(gdal: Gdal, crs: string): number {
  const M = gdal.Module;
  const h = M._OSRNewSpatialReference(0);
  const err = withCString(
    gdal,
    crs,
    (text) => M._OSRSetFromUserInput(h, text) as number,
  );
  if (err !== 0) {
    M._OSRDestroySpatialReference(h);
    throw new RangeError(`Cannot use CRS '${crs}': GDAL does not know it`);
  }
  M._OSRSetAxisMappingStrategy(h, OAMS_TRADITIONAL_GIS_ORDER);
  return h;
}

function transformation(gdal: Gdal, from: string, to: string): number {
  const key = `${from}\n${to}`;
  let ct = transforms.get(key);
  if (ct !== undefined) return ct;
  const M = gdal.Module;
  if (transforms.size >= MAX_TRANSFORMS) {
    for (const h of transforms.values()) {
      M._OCTDestroyCoordinateTransformation(h);
    }
    transforms.clear();
  }
  const a = srs(gdal, from);
  let b: number;
  try {
    b = srs(gdal, to);
  } catch (error) {
    M._OSRDestroySpatialReference(a);
    throw error;
  }
  ct = M._OCTNewCoordinateTransformation(a, b) as number;
  M._OSRDestroySpatialReference(a);
  M._OSRDestroySpatialReference(b);
  if (!ct) {
    throw new RangeError(`Cannot transform from ${from} to ${to}`);
  }
  transforms.set(key, ct);
  return ct;
}

/**
 * The envelope, in `to`, of a rectangle in `from` (edges densified, points
 * that fail to transform skipped). Null when no point transforms.
 *
 * @example
 * ```ts ignore
 * const r = transformRect(gdal, rect, "EPSG:4326", "EPSG:2056");
 * ```
 */
export function transformRect(
  gdal: Gdal,
  rect: Rect,
  from: string,
  to: string,
): Rect | null {
  const ct = transformation(gdal, from, to);
  const M = gdal.Module;
  const n = EDGE_POINTS * 4;
  const xs = M._malloc(n * 8);
  const ys = M._malloc(n * 8);
  try {
    const X = new Float64Array(M.HEAPF64.buffer, xs, n);
    const Y = new Float64Array(M.HEAPF64.buffer, ys, n);
    const { xmin, ymin, xmax, ymax } = rect;
    for (let i = 0; i < EDGE_POINTS; i++) {
      const f = i / (EDGE_POINTS - 1);
      const x = xmin + (xmax - xmin) * f;
      const y = ymin + (ymax - ymin) * f;
      X[i] = x, Y[i] = ymin;
      X[EDGE_POINTS + i] = x, Y[EDGE_POINTS + i] = ymax;
      X[2 * EDGE_POINTS + i] = xmin, Y[2 * EDGE_POINTS + i] = y;
      X[3 * EDGE_POINTS + i] = xmax, Y[3 * EDGE_POINTS + i] = y;
    }
    M._OCTTransform(ct, n, xs, ys, 0);
    // The heap may have grown (and its buffer been replaced) meanwhile.
    const X2 = new Float64Array(M.HEAPF64.buffer, xs, n);
    const Y2 = new Float64Array(M.HEAPF64.buffer, ys, n);
    let out: Rect | null = null;
    for (let i = 0; i < n; i++) {
      const x = X2[i], y = Y2[i];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (out === null) out = { xmin: x, ymin: y, xmax: x, ymax: y };
      else {
        if (x < out.xmin) out.xmin = x;
        if (x > out.xmax) out.xmax = x;
        if (y < out.ymin) out.ymin = y;
        if (y > out.ymax) out.ymax = y;
      }
    }
    return out;
  } finally {
    M._free(xs);
    M._free(ys);
  }
}

/** Below this many points a batch goes to GDAL as it is. */
const DEDUPE_MIN_POINTS = 64;
const ulpF64 = new Float64Array(1);
const ulpI64 = new BigInt64Array(ulpF64.buffer);

/** The double `k` steps of the last place away from `v` (finite `v`). */
function nudge(v: number, k: number): number {
  if (k === 0) return v;
  if (v === 0) return k * Number.MIN_VALUE;
  ulpF64[0] = v;
  ulpI64[0] += BigInt(v > 0 ? k : -k);
  return ulpF64[0];
}

/**
 * GDAL's average of a batch as `OGRProjCT::TransformWithErrorCodes`
 * computes it to choose one operation for the whole batch (with
 * `OGR_CT_OP_SELECTION=FIRST_MATCHING`: the first listed whose area holds
 * the average): points with an infinite (HUGE_VAL) coordinate skipped,
 * summed in order, divided by their count; (0, 0) without points.
 */
function batchSums(
  X: Float64Array,
  Y: Float64Array,
  n: number,
): [sx: number, sy: number, count: number] {
  let sx = 0, sy = 0, c = 0;
  for (let i = 0; i < n; i++) {
    const x = X[i], y = Y[i];
    if (x !== Infinity && y !== Infinity) {
      sx += x;
      sy += y;
      c++;
    }
  }
  return [sx, sy, c];
}

/**
 * The coordinate of a last point that brings a batch's sum `s` over
 * `count` points to an average of exactly `avg` over `count + 1`, in
 * doubles as GDAL adds and divides; null when none is found.
 */
function ballast(s: number, count: number, avg: number): number | null {
  const n = count + 1;
  for (const k of [0, 1, -1, 2, -2]) {
    const total = nudge(avg * n, k);
    if (!Number.isFinite(total) || total / n !== avg) continue;
    for (const j of [0, 1, -1, 2, -2]) {
      const b = nudge(total - s, j);
      if (Number.isFinite(b) && s + b === total) return b;
    }
  }
  return null;
}

/**
 * Transforms interleaved x, y arrays in place, in one batch through GDAL.
 * Returns, per array, whether every point transformed (a failed point is
 * left non-finite).
 *
 * Each distinct point (by its coordinates' bits) goes to GDAL once: the
 * polygons of a coverage (parcels, land cover) share their edges and every
 * ring repeats its first point, while PROJ in WebAssembly costs 1–6 µs a
 * point. GDAL transforms each point alone, with one operation chosen per
 * call from the batch's average point; the distinct points are followed by
 * one more (its result dropped) that gives them the whole batch's average,
 * to the bit, so every point comes out as it did in the whole batch. When
 * no such point is found (or the source's longitudes are wrapped before
 * GDAL averages them), the whole batch goes. With `dedupe` false, every
 * point goes as it is (what the tests compare with).
 *
 * The distinct points' results are kept across calls (up to
 * {@link MAX_CACHED_POINTS}), under the transformation and the operation
 * GDAL chose, and a call sends GDAL only the points not kept
 * (`transformCached`): a map drawn again, panned or zoomed sees the same
 * vertices.
 *
 * @example
 * ```ts ignore
 * const ok = transformInPlace(gdal, [coords], "EPSG:2056", "EPSG:3857");
 * ```
 */
export function transformInPlace(
  gdal: Gdal,
  arrays: Float64Array[],
  from: string,
  to: string,
  dedupe = true,
): boolean[] {
  const ct = transformation(gdal, from, to);
  const M = gdal.Module;
  let n = 0;
  for (const a of arrays) n += a.length >> 1;
  if (n === 0) return arrays.map(() => true);
  // GDAL wraps the longitudes of such a source before it averages them
  const wraps = /lon_wrap|CENTER_LONG/i.test(from);
  const cacheable = dedupe && !wraps && n >= DEDUPE_MIN_POINTS;
  if (cacheable) {
    const kept = transformKept(gdal, ct, `${from}\n${to}`, arrays, n);
    if (kept !== null) return kept;
  }
  // room for the distinct points and the one that restores the average
  const xs = M._malloc((n + 1) * 8);
  const ys = M._malloc((n + 1) * 8);
  try {
    let X = new Float64Array(M.HEAPF64.buffer, xs, n + 1);
    let Y = new Float64Array(M.HEAPF64.buffer, ys, n + 1);
    let k = 0;
    for (const a of arrays) {
      for (let i = 0; i + 1 < a.length; i += 2, k++) {
        X[k] = a[i];
        Y[k] = a[i + 1];
      }
    }
    // unique[k]: the GDAL slot of point k; null when every point has one
    let unique: Int32Array | null = null;
    let u = n;
    if (cacheable) {
      const slots = distinct(X, Y, n);
      if (slots !== null) [unique, u] = slots;
    }
    if (
      unique === null || !transformCached(gdal, ct, `${from}\n${to}`, xs, ys, u)
    ) M._OCTTransform(ct, u, xs, ys, 0);
    // The heap may have grown (and its buffer been replaced) meanwhile.
    X = new Float64Array(M.HEAPF64.buffer, xs, n);
    Y = new Float64Array(M.HEAPF64.buffer, ys, n);
    k = 0;
    return arrays.map((a) => {
      let ok = true;
      for (let i = 0; i + 1 < a.length; i += 2, k++) {
        const j = unique === null ? k : unique[k];
        const x = X[j], y = Y[j];
        if (!Number.isFinite(x) || !Number.isFinite(y)) ok = false;
        a[i] = x;
        a[i + 1] = y;
      }
      return ok;
    });
  } finally {
    M._free(xs);
    M._free(ys);
  }
}

/**
 * Moves the distinct points of `X`/`Y` (by their bits, first seen first)
 * to their front, followed by the point that keeps GDAL's batch average
 * ({@link ballast}). Returns each point's index among them and how many
 * go to GDAL, or null (nothing moved) when they would not save a tenth of
 * the batch or the average cannot be kept.
 */
function distinct(
  X: Float64Array,
  Y: Float64Array,
  n: number,
): [Int32Array, number] | null {
  const [sx, sy, c] = batchSums(X, Y, n);
  if (c === 0) return null;
  const ax = sx / c, ay = sy / c;
  if (!Number.isFinite(ax) || !Number.isFinite(ay)) return null;
  let bits = 1;
  while (bits < 2 * n) bits <<= 1;
  const mask = bits - 1;
  const table = new Int32Array(bits).fill(-1);
  const index = new Int32Array(n);
  const order = new Int32Array(n);
  // the coordinates' bits, read in place (nothing is moved until the end)
  const XB = new Uint32Array(X.buffer, X.byteOffset, 2 * n);
  const YB = new Uint32Array(Y.buffer, Y.byteOffset, 2 * n);
  let u = 0;
  for (let k = 0; k < n; k++) {
    const b0 = XB[2 * k], b1 = XB[2 * k + 1];
    const b2 = YB[2 * k], b3 = YB[2 * k + 1];
    let h = Math.imul(b0, 0x9e3779b1) ^ Math.imul(b1, 0x85ebca77) ^
      Math.imul(b2, 0xc2b2ae3d) ^ Math.imul(b3, 0x27d4eb2f);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let slot = h & mask;
    for (;;) {
      const j = table[slot];
      if (j < 0) {
        table[slot] = u;
        order[u] = k;
        index[k] = u++;
        break;
      }
      const o = 2 * order[j];
      if (
        XB[o] === b0 && XB[o + 1] === b1 && YB[o] === b2 && YB[o + 1] === b3
      ) {
        index[k] = j;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  if (u + 1 > n - n / 10) return null;
  // order[j] >= j: moving to the front reads nothing already overwritten
  for (let j = 0; j < u; j++) {
    X[j] = X[order[j]];
    Y[j] = Y[order[j]];
  }
  const [ux, uy, uc] = batchSums(X, Y, u);
  const bx = ballast(ux, uc, ax), by = ballast(uy, uc, ay);
  if (bx === null || by === null) {
    // put the batch back as it came
    for (let k = n - 1; k >= 0; k--) {
      X[k] = X[index[k]];
      Y[k] = Y[index[k]];
    }
    return null;
  }
  X[u] = bx;
  Y[u] = by;
  return [index, u + 1];
}

/**
 * At most this many transformed points are kept across jobs (32 bytes
 * each, 8 more for the tables' slots: ≤ 20 MiB); all are dropped when a
 * batch would pass it.
 */
const MAX_CACHED_POINTS = 1 << 19;
/** Kept points per transformation and operation (its probes' results). */
const pointTables = new Map<string, PointTable>();
let cachedPoints = 0;
/** Per transformation, the three points whose results name the operation. */
const probesOf = new Map<string, Float64Array>();

registerHeld(
  "gdal.transformedPoints",
  () =>
    pointCacheStats().bytes + keptInputs.byteLength +
    keptResults.byteLength + keptMissAt.byteLength,
);

/**
 * Drops the transformed points kept across jobs.
 *
 * @example
 * ```ts ignore
 * clearPointCache();
 * ```
 */
export function clearPointCache(): void {
  pointTables.clear();
  probesOf.clear();
  cachedPoints = 0;
}

/**
 * What the point cache holds: points, bytes, and tables (one per
 * transformation and operation).
 *
 * @example
 * ```ts ignore
 * pointCacheStats().points;
 * ```
 */
export function pointCacheStats(): {
  points: number;
  bytes: number;
  tables: number;
} {
  let bytes = 0;
  for (const t of pointTables.values()) bytes += t.bytes;
  return { points: cachedPoints, bytes, tables: pointTables.size };
}

// scratch of transformCached, kept for batches up to KEEP_SCRATCH points
const KEEP_SCRATCH = 1 << 16;
let keptInputs = new Float64Array(0);
let keptResults = new Float64Array(0);
let keptMissAt = new Int32Array(0);

/**
 * The table to keep `m` more points in: `table`, or a new one for `name`
 * when they would pass {@link MAX_CACHED_POINTS} (all kept points are then
 * dropped; the probes stay: they name the same operations).
 */
function withRoom(name: string, table: PointTable, m: number): PointTable {
  if (cachedPoints + m <= MAX_CACHED_POINTS) return table;
  pointTables.clear();
  cachedPoints = 0;
  const fresh = new PointTable();
  pointTables.set(name, fresh);
  return fresh;
}

/**
 * Transforms the `m` points at `xs`/`ys` in one GDAL call whose average
 * is (ax, ay): a ballast point (room for it at index `m`) brings them to
 * it. False (nothing transformed) when no ballast is found.
 */
function transformAt(
  gdal: Gdal,
  ct: number,
  xs: number,
  ys: number,
  m: number,
  ax: number,
  ay: number,
): boolean {
  const M = gdal.Module;
  const X = new Float64Array(M.HEAPF64.buffer, xs, m + 1);
  const Y = new Float64Array(M.HEAPF64.buffer, ys, m + 1);
  const [mx, my] = batchSums(X, Y, m);
  const bx = ballast(mx, m, ax), by = ballast(my, m, ay);
  if (bx === null || by === null) return false;
  X[m] = bx;
  Y[m] = by;
  M._OCTTransform(ct, m + 1, xs, ys, 0);
  return true;
}

/** Keeps the result (ox, oy) of (x, y) when it is finite. */
function keep(
  table: PointTable,
  x: number,
  y: number,
  ox: number,
  oy: number,
): void {
  if (!Number.isFinite(ox) || !Number.isFinite(oy)) return;
  const before = table.size;
  table.set(x, y, ox, oy);
  cachedPoints += table.size - before;
}

// transformKept's entry per point, kept for batches up to KEEP_ENTRIES
const KEEP_ENTRIES = 1 << 18;
let keptEntries = new Int32Array(0);

/**
 * Transforms a batch whose points are (nearly) all kept, reading them in
 * place: one look-up per point, no copy into GDAL's heap, no distinct
 * points gathered first (a map drawn again, panned or zoomed). The points
 * not kept (at most a tenth of the batch; repeats among them are sent
 * again) go to GDAL with a ballast that gives the call the whole batch's
 * average, as in `transformCached`, and are kept. Null (nothing changed)
 * when the transformation has no probes or no points kept under the
 * operation the batch's average chooses, when a point has an infinite
 * coordinate, when more than a tenth are not kept, or when no probe or
 * ballast point is found: the caller goes the general way.
 */
function transformKept(
  gdal: Gdal,
  ct: number,
  key: string,
  arrays: Float64Array[],
  n: number,
): boolean[] | null {
  const probes = probesOf.get(key);
  if (probes === undefined) return null;
  // GDAL's average of the whole batch (batchSums, over the arrays)
  let sx = 0, sy = 0;
  for (const a of arrays) {
    for (let i = 0; i + 1 < a.length; i += 2) {
      const x = a[i], y = a[i + 1];
      if (x === Infinity || y === Infinity) return null;
      sx += x;
      sy += y;
    }
  }
  const ax = sx / n, ay = sy / n;
  if (!Number.isFinite(ax) || !Number.isFinite(ay)) return null;
  const name = operationName(gdal, ct, key, probes, ax, ay);
  if (name === null) return null;
  let table = pointTables.get(name);
  if (table === undefined) return null;
  const entries = n <= KEEP_ENTRIES
    ? (keptEntries.length >= n
      ? keptEntries
      : (keptEntries = new Int32Array(Math.min(KEEP_ENTRIES, 2 * n))))
    : new Int32Array(n);
  const most = Math.floor(n / 10);
  let m = 0, k = 0;
  // the batch's points come as they were kept (new ones first seen in
  // order, shared edges again forwards or backwards): the entry after the
  // last found, the first not found yet, or the one before the last
  let last = -2, front = 0;
  for (const a of arrays) {
    const bits = new Uint32Array(
      a.buffer,
      a.byteOffset,
      2 * (a.length >> 1) * 2,
    );
    for (let i = 0; i + 1 < a.length; i += 2, k++) {
      const b0 = bits[2 * i], b1 = bits[2 * i + 1];
      const b2 = bits[2 * i + 2], b3 = bits[2 * i + 3];
      let e = last + 1;
      if (!table.isAt(e, b0, b1, b2, b3)) {
        e = front;
        if (!table.isAt(e, b0, b1, b2, b3)) {
          e = last - 1;
          if (!table.isAt(e, b0, b1, b2, b3)) e = table.find(b0, b1, b2, b3);
        }
      }
      entries[k] = e;
      if (e < 0) {
        if (++m > most) return null;
      } else {
        last = e;
        if (e >= front) front = e + 1;
      }
    }
  }
  // the table the kept points are read from (new points may be kept in
  // another when the kept ones are dropped)
  const held = table;
  const M = gdal.Module;
  let xs = 0, ys = 0;
  if (m > 0) {
    xs = M._malloc((m + 1) * 8);
    ys = M._malloc((m + 1) * 8);
  }
  try {
    if (m > 0) {
      // the points not kept, in the batch's order, and their ballast
      let X = new Float64Array(M.HEAPF64.buffer, xs, m + 1);
      let Y = new Float64Array(M.HEAPF64.buffer, ys, m + 1);
      let j = 0;
      k = 0;
      for (const a of arrays) {
        for (let i = 0; i + 1 < a.length; i += 2, k++) {
          if (entries[k] < 0) {
            X[j] = a[i];
            Y[j++] = a[i + 1];
          }
        }
      }
      if (!transformAt(gdal, ct, xs, ys, m, ax, ay)) return null;
      X = new Float64Array(M.HEAPF64.buffer, xs, m);
      Y = new Float64Array(M.HEAPF64.buffer, ys, m);
      table = withRoom(name, table, m);
      // each point not kept takes its own result (written below)
      j = 0;
      k = 0;
      for (const a of arrays) {
        for (let i = 0; i + 1 < a.length; i += 2, k++) {
          if (entries[k] >= 0) continue;
          keep(table, a[i], a[i + 1], X[j], Y[j++]);
          entries[k] = -1 - (j - 1);
        }
      }
    }
    const values = held.values;
    const X = m > 0 ? new Float64Array(M.HEAPF64.buffer, xs, m) : values;
    const Y = m > 0 ? new Float64Array(M.HEAPF64.buffer, ys, m) : values;
    k = 0;
    return arrays.map((a) => {
      let ok = true;
      for (let i = 0; i + 1 < a.length; i += 2, k++) {
        const e = entries[k];
        let x, y;
        if (e >= 0) {
          x = values[2 * e];
          y = values[2 * e + 1];
        } else {
          x = X[-1 - e];
          y = Y[-1 - e];
          if (!Number.isFinite(x) || !Number.isFinite(y)) ok = false;
        }
        a[i] = x;
        a[i + 1] = y;
      }
      return ok;
    });
  } finally {
    if (m > 0) {
      M._free(xs);
      M._free(ys);
    }
  }
}

/**
 * The name of the operation GDAL chooses for a call whose average point
 * is (ax, ay): the bits of the results of the transformation's three
 * probe points, transformed in a call of that average (a fourth point,
 * the probes' ballast, gives it to the bit). Null when no ballast is found
 * or a probe does not transform.
 */
function operationName(
  gdal: Gdal,
  ct: number,
  key: string,
  probes: Float64Array,
  ax: number,
  ay: number,
): string | null {
  // the probes and their ballast: the batch's average
  let px = 0, py = 0;
  for (let i = 0; i < 3; i++) px += probes[2 * i], py += probes[2 * i + 1];
  const pbx = ballast(px, 3, ax), pby = ballast(py, 3, ay);
  if (pbx === null || pby === null) return null;
  const M = gdal.Module;
  const p = M._malloc(8 * 8);
  try {
    const P = new Float64Array(M.HEAPF64.buffer, p, 8);
    for (let i = 0; i < 3; i++) {
      P[i] = probes[2 * i];
      P[4 + i] = probes[2 * i + 1];
    }
    P[3] = pbx;
    P[7] = pby;
    M._OCTTransform(ct, 4, p, p + 32, 0);
    const R = new Float64Array(M.HEAPF64.buffer, p, 8);
    // the probes' results only: the ballast's depends on the average
    const probed = Float64Array.of(R[0], R[1], R[2], R[4], R[5], R[6]);
    if (!probed.every(Number.isFinite)) return null;
    return `${key}\n${new Uint32Array(probed.buffer).join(",")}`;
  } finally {
    M._free(p);
  }
}

/**
 * Transforms the `u` points at `xs`/`ys` (distinct points, the last one
 * the ballast that keeps the batch's average) in place as one GDAL call
 * would, using the points kept from earlier calls. GDAL transforms each
 * point alone with the operation it chose from the call's average, so a
 * point's result is kept under the operation that made it, named by the
 * results of three fixed probe points transformed in a call of the same
 * average (all three finite, or nothing is kept or used). The points not
 * kept then go to GDAL with a ballast of their own, the same average
 * again. The ballast's own result is not written. False (nothing changed)
 * when no probe or ballast point is found: the caller transforms as usual.
 */
function transformCached(
  gdal: Gdal,
  ct: number,
  key: string,
  xs: number,
  ys: number,
  u: number,
): boolean {
  if (u < 3) return false;
  const M = gdal.Module;
  let X = new Float64Array(M.HEAPF64.buffer, xs, u);
  let Y = new Float64Array(M.HEAPF64.buffer, ys, u);
  const [sx, sy, c] = batchSums(X, Y, u);
  if (c !== u) return false;
  const ax = sx / c, ay = sy / c;
  let probes = probesOf.get(key);
  if (probes === undefined) {
    // near the first batch's points, where its operation works
    probes = Float64Array.from([ax, ay, X[0], Y[0], X[u - 2], Y[u - 2]]);
    probesOf.set(key, probes);
  }
  const name = operationName(gdal, ct, key, probes, ax, ay);
  if (name === null) return false;
  let table = pointTables.get(name);
  if (table === undefined) {
    table = new PointTable();
    pointTables.set(name, table);
  }
  // the inputs as they came, the kept results, the points to transform
  const d = u - 1;
  let inputs = keptInputs, results = keptResults, missAt = keptMissAt;
  if (u > KEEP_SCRATCH) {
    inputs = new Float64Array(2 * u);
    results = new Float64Array(2 * u);
    missAt = new Int32Array(u);
  } else if (inputs.length < 2 * u) {
    keptInputs = inputs = new Float64Array(2 * KEEP_SCRATCH);
    keptResults = results = new Float64Array(2 * KEEP_SCRATCH);
    keptMissAt = missAt = new Int32Array(KEEP_SCRATCH);
  }
  let m = 0;
  for (let i = 0; i < d; i++) {
    const x = X[i], y = Y[i];
    inputs[2 * i] = x;
    inputs[2 * i + 1] = y;
    if (!table.get(x, y, results, 2 * i)) {
      X[m] = x;
      Y[m] = y;
      missAt[m++] = i;
    }
  }
  if (m > 0) {
    if (!transformAt(gdal, ct, xs, ys, m, ax, ay)) {
      // as they came, for the caller
      for (let i = 0; i < d; i++) {
        X[i] = inputs[2 * i];
        Y[i] = inputs[2 * i + 1];
      }
      return false;
    }
    X = new Float64Array(M.HEAPF64.buffer, xs, u);
    Y = new Float64Array(M.HEAPF64.buffer, ys, u);
    table = withRoom(name, table, m);
    for (let j = 0; j < m; j++) {
      const i = missAt[j], x = X[j], y = Y[j];
      results[2 * i] = x;
      results[2 * i + 1] = y;
      keep(table, inputs[2 * i], inputs[2 * i + 1], x, y);
    }
  }
  for (let i = 0; i < d; i++) {
    X[i] = results[2 * i];
    Y[i] = results[2 * i + 1];
  }
  return true;
}
