/**
 * ISO/OGC WKB → the shared geometry model (2-D; Z and M are read past).
 * Used where features arrive as WKB but must be tested against an
 * expression (e.g. a spatial filter GDAL could not apply).
 *
 * @module
 */
import type { Geometry, GeometryKind } from "./types.ts";

/**
 * Decodes WKB (little- or big-endian, ISO or EWKB-style Z/M flags).
 *
 * @throws {RangeError} on truncated data or an unknown type.
 * @example
 * ```ts
 * import { parseWkb } from "./wkb.ts";
 * const wkb = new Uint8Array([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 240, 63, 0, 0, 0, 0, 0, 0, 0, 64]);
 * parseWkb(wkb); // { kind: "point", parts: [[Float64Array [1, 2]]] }
 * ```
 */
export function parseWkb(wkb: Uint8Array): Geometry {
  const view = new DataView(wkb.buffer, wkb.byteOffset, wkb.byteLength);
  let at = 0;
  const parts: Float64Array[][] = [];
  let kind: GeometryKind | null = null;

  const need = (n: number) => {
    if (at + n > wkb.length) {
      throw new RangeError("Cannot decode WKB: truncated");
    }
  };
  const header = (): { le: boolean; type: number; dims: number } => {
    need(5);
    const le = wkb[at] === 1;
    let type = view.getUint32(at + 1, le);
    at += 5;
    let dims = 2;
    if (type & 0x80000000) dims++; // EWKB Z
    if (type & 0x40000000) dims++; // EWKB M
    if (type & 0x20000000) {
      need(4);
      at += 4; // SRID
    }
    type &= 0x0fffffff;
    const iso = Math.floor(type / 1000);
    if (iso === 1 || iso === 2) dims = 3;
    if (iso === 3) dims = 4;
    return { le, type: type % 1000, dims };
  };
  const points = (le: boolean, dims: number): Float64Array => {
    need(4);
    const n = view.getUint32(at, le);
    at += 4;
    need(n * dims * 8);
    const out = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      out[2 * i] = view.getFloat64(at, le);
      out[2 * i + 1] = view.getFloat64(at + 8, le);
      at += dims * 8;
    }
    return out;
  };
  const setKind = (k: GeometryKind) => {
    kind ??= k;
  };
  const one = (): void => {
    const { le, type, dims } = header();
    switch (type) {
      case 1: {
        need(dims * 8);
        const x = view.getFloat64(at, le), y = view.getFloat64(at + 8, le);
        at += dims * 8;
        setKind("point");
        if (!Number.isNaN(x)) parts.push([new Float64Array([x, y])]);
        return;
      }
      case 2:
        setKind("line");
        parts.push([points(le, dims)]);
        return;
      case 3: {
        need(4);
        const rings = view.getUint32(at, le);
        at += 4;
        const out: Float64Array[] = [];
        for (let r = 0; r < rings; r++) out.push(points(le, dims));
        setKind("polygon");
        if (out.length) parts.push(out);
        return;
      }
      case 4:
      case 5:
      case 6:
      case 7: {
        need(4);
        const n = view.getUint32(at, le);
        at += 4;
        for (let i = 0; i < n; i++) one();
        return;
      }
    }
    throw new RangeError(
      `Cannot decode WKB: geometry type ${type} is not supported`,
    );
  };
  one();
  return { kind: kind ?? "point", parts };
}

/**
 * Encodes a geometry as 2-D ISO WKB (little-endian), as QGIS's
 * `QgsGeometry.asWkb()`: a single part as Point/LineString/Polygon unless
 * `multi`, several parts always as the multi type.
 *
 * @example
 * ```ts
 * import { encodeWkb, parseWkb } from "./wkb.ts";
 * const g = { kind: "point" as const, parts: [[new Float64Array([1, 2])]] };
 * encodeWkb(g).length; // 21
 * parseWkb(encodeWkb(g, true)).parts[0][0][1]; // 2
 * ```
 */
export function encodeWkb(g: Geometry, multi = false): Uint8Array {
  const base = g.kind === "point" ? 1 : g.kind === "line" ? 2 : 3;
  const asMulti = multi || g.parts.length !== 1;
  let size = asMulti ? 9 : 0;
  for (const part of g.parts) {
    size += 5;
    if (g.kind === "polygon") {
      size += 4;
      for (const ring of part) size += 4 + ring.length * 8;
    } else if (g.kind === "line") size += 4 + part[0].length * 8;
    else size += 16;
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  const header = (type: number) => {
    out[at] = 1;
    view.setUint32(at + 1, type, true);
    at += 5;
  };
  const u32 = (n: number) => {
    view.setUint32(at, n, true);
    at += 4;
  };
  const xy = (a: Float64Array, from: number, to: number) => {
    for (let i = from; i < to; i++, at += 8) view.setFloat64(at, a[i], true);
  };
  if (asMulti) {
    header(base + 3);
    u32(g.parts.length);
  }
  for (const part of g.parts) {
    header(base);
    if (g.kind === "point") xy(part[0], 0, 2);
    else if (g.kind === "line") {
      u32(part[0].length / 2);
      xy(part[0], 0, part[0].length);
    } else {
      u32(part.length);
      for (const ring of part) {
        u32(ring.length / 2);
        xy(ring, 0, ring.length);
      }
    }
  }
  return out;
}
