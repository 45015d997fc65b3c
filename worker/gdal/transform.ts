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

const OAMS_TRADITIONAL_GIS_ORDER = 0;
const EDGE_POINTS = 21;
const transforms = new Map<string, number>();
const MAX_TRANSFORMS = 64;
// the handles belonged to a failed instance: forgotten, not destroyed
onGdalReset(() => transforms.clear());

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

/**
 * Transforms interleaved x, y arrays in place, in one batch through GDAL.
 * Returns, per array, whether every point transformed (a failed point is
 * left non-finite).
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
): boolean[] {
  const ct = transformation(gdal, from, to);
  const M = gdal.Module;
  let n = 0;
  for (const a of arrays) n += a.length >> 1;
  if (n === 0) return arrays.map(() => true);
  const xs = M._malloc(n * 8);
  const ys = M._malloc(n * 8);
  try {
    let X = new Float64Array(M.HEAPF64.buffer, xs, n);
    let Y = new Float64Array(M.HEAPF64.buffer, ys, n);
    let k = 0;
    for (const a of arrays) {
      for (let i = 0; i + 1 < a.length; i += 2, k++) {
        X[k] = a[i];
        Y[k] = a[i + 1];
      }
    }
    M._OCTTransform(ct, n, xs, ys, 0);
    X = new Float64Array(M.HEAPF64.buffer, xs, n);
    Y = new Float64Array(M.HEAPF64.buffer, ys, n);
    k = 0;
    return arrays.map((a) => {
      let ok = true;
      for (let i = 0; i + 1 < a.length; i += 2, k++) {
        const x = X[k], y = Y[k];
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
