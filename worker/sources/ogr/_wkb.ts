/**
 * ISO WKB (little-endian) from a FlatGeobuf geometry, as QGIS's
 * `QgsGeometry.asWkb()` writes it: Z/M as +1000/+2000/+3000 type codes.
 *
 * @module
 */
import {
  type FgbGeometry,
  FgbGeometryType as T,
  type FgbHeader,
} from "./_flatgeobuf.ts";

class Writer {
  buf = new ArrayBuffer(256);
  view = new DataView(this.buf);
  at = 0;

  ensure(n: number): void {
    if (this.at + n <= this.buf.byteLength) return;
    let size = this.buf.byteLength * 2;
    while (size < this.at + n) size *= 2;
    const next = new ArrayBuffer(size);
    new Uint8Array(next).set(new Uint8Array(this.buf, 0, this.at));
    this.buf = next;
    this.view = new DataView(next);
  }

  u8(v: number): void {
    this.ensure(1);
    this.view.setUint8(this.at, v);
    this.at += 1;
  }

  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.at, v, true);
    this.at += 4;
  }

  f64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.at, v, true);
    this.at += 8;
  }

  bytes(): Uint8Array {
    return new Uint8Array(this.buf.slice(0, this.at));
  }
}

interface Dims {
  z: boolean;
  m: boolean;
}

function header(w: Writer, type: number, d: Dims): void {
  w.u8(1);
  w.u32(type + (d.z ? 1000 : 0) + (d.m ? 2000 : 0));
}

function coords(
  w: Writer,
  g: FgbGeometry,
  d: Dims,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    w.f64(g.xy[2 * i]);
    w.f64(g.xy[2 * i + 1]);
    if (d.z) w.f64(g.z?.[i] ?? 0);
    if (d.m) w.f64(g.m?.[i] ?? NaN);
  }
}

function ranges(g: FgbGeometry): [number, number][] {
  const n = g.xy.length / 2;
  if (!g.ends || g.ends.length === 0) return n ? [[0, n]] : [];
  const out: [number, number][] = [];
  let start = 0;
  for (const end of g.ends) {
    out.push([start, end]);
    start = end;
  }
  return out;
}

function write(w: Writer, g: FgbGeometry, d: Dims): void {
  const n = g.xy.length / 2;
  switch (g.type) {
    case T.Point:
      header(w, T.Point, d);
      if (n === 0) {
        w.f64(NaN);
        w.f64(NaN);
        if (d.z) w.f64(NaN);
        if (d.m) w.f64(NaN);
      } else coords(w, g, d, 0, 1);
      return;
    case T.LineString:
    case T.CircularString:
      header(w, g.type, d);
      w.u32(n);
      coords(w, g, d, 0, n);
      return;
    case T.Polygon:
    case T.Triangle: {
      header(w, g.type, d);
      const rings = ranges(g);
      w.u32(rings.length);
      for (const [a, b] of rings) {
        w.u32(b - a);
        coords(w, g, d, a, b);
      }
      return;
    }
    case T.MultiPoint:
      header(w, T.MultiPoint, d);
      w.u32(n);
      for (let i = 0; i < n; i++) {
        header(w, T.Point, d);
        coords(w, g, d, i, i + 1);
      }
      return;
    case T.MultiLineString: {
      header(w, T.MultiLineString, d);
      if (g.parts) {
        w.u32(g.parts.length);
        for (const p of g.parts) write(w, { ...p, type: T.LineString }, d);
        return;
      }
      const lines = ranges(g);
      w.u32(lines.length);
      for (const [a, b] of lines) {
        header(w, T.LineString, d);
        w.u32(b - a);
        coords(w, g, d, a, b);
      }
      return;
    }
    default: {
      // MultiPolygon, GeometryCollection, curves and surfaces: parts.
      header(w, g.type, d);
      const parts = g.parts ?? [];
      w.u32(parts.length);
      for (const p of parts) {
        write(w, g.type === T.MultiPolygon ? { ...p, type: T.Polygon } : p, d);
      }
    }
  }
}

/**
 * Encodes a FlatGeobuf geometry as ISO WKB.
 *
 * @example
 * ```ts ignore
 * const wkb = toWkb(geometry, header);
 * ```
 */
export function toWkb(
  g: FgbGeometry,
  h: Pick<FgbHeader, "hasZ" | "hasM">,
): Uint8Array {
  const w = new Writer();
  write(w, g, { z: h.hasZ, m: h.hasM });
  return w.bytes();
}
