/**
 * Glyph outlines as QGIS 3.22 fills them: `QPainterPath::addText` takes
 * each glyph's TrueType outline from FreeType (`QFontEngineFT::
 * addGlyphsToPath`: loaded unscaled, then `scaleOutline` to the font's
 * pixel size in 26.6 fixed point, `FT_MulFix` rounding) and turns its
 * quadratic pieces into cubics (`QFreetypeFace::addGlyphToPath`); Qt's
 * outline mapper then flattens the cubics (`QBezier::addToPolygon`, a
 * quarter pixel) and its gray rasterizer fills the polygons
 * (`qt_raster.ts`), non-zero. Skia's glyph fills cover the same outlines
 * in quarter-pixel steps vertically: the edges of every label differ.
 *
 * The outlines come from the font's `glyf` table (simple and composite
 * glyphs, composites placed by their offsets as FreeType loads them).
 *
 * @module
 */
import { flattenCubic, type QtSubpath } from "../paint/qt_stroker.ts";

/** One contour: TrueType points in font units, y up. */
interface Contour {
  x: Int32Array;
  y: Int32Array;
  on: Uint8Array;
}

/** The `glyf` outlines of a TrueType font. */
export class GlyphOutlines {
  #v: DataView;
  #glyf: number;
  #loca: number;
  #longLoca: boolean;
  #numGlyphs: number;
  #cache = new Map<number, Contour[]>();
  /** Design units per em (`head`). */
  readonly unitsPerEm: number;
  /**
   * FreeType's `underline_position` (font units, y up): the `post`
   * table's, less half its thickness (0 without the table).
   */
  readonly underlinePosition: number;
  /** The `post` table's underline thickness (font units). */
  readonly underlineThickness: number;

  /** Reads the tables of a TrueType font file. */
  constructor(bytes: Uint8Array) {
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const tables = new Map<string, number>();
    const n = v.getUint16(4);
    for (let i = 0; i < n; i++) {
      const rec = 12 + 16 * i;
      const tag = String.fromCharCode(
        v.getUint8(rec),
        v.getUint8(rec + 1),
        v.getUint8(rec + 2),
        v.getUint8(rec + 3),
      );
      tables.set(tag, v.getUint32(rec + 8));
    }
    const head = tables.get("head"), maxp = tables.get("maxp");
    const glyf = tables.get("glyf"), loca = tables.get("loca");
    if (
      head === undefined || maxp === undefined || glyf === undefined ||
      loca === undefined
    ) throw new Error("not a TrueType font with glyf outlines");
    this.#v = v;
    this.#glyf = glyf;
    this.#loca = loca;
    this.unitsPerEm = v.getUint16(head + 18);
    this.#longLoca = v.getInt16(head + 50) === 1;
    this.#numGlyphs = v.getUint16(maxp + 4);
    const post = tables.get("post");
    const inside = post !== undefined && post + 12 <= bytes.byteLength;
    this.underlineThickness = inside ? v.getInt16(post + 10) : 0;
    this.underlinePosition = inside
      ? v.getInt16(post + 8) - Math.trunc(this.underlineThickness / 2)
      : 0;
  }

  /**
   * Where `QPainterPath::addText` puts a font's underline at a pixel size
   * (Qt's FreeType engine: 26.6 sums of `FT_MulFix`, the thickness at least
   * a pixel): the top of the line below the baseline and its thickness.
   */
  underline(pixelSize: number): { top: number; thickness: number } {
    const scale = mulDiv(Math.round(pixelSize * 64), 1 << 16, this.unitsPerEm);
    const pos = -mulFix(this.underlinePosition, scale);
    const thick = mulFix(this.underlineThickness, scale);
    return {
      top: (pos - Math.trunc(thick / 2)) / 64,
      thickness: Math.max(1, thick / 64),
    };
  }

  #range(id: number): [number, number] {
    const v = this.#v;
    if (id >= this.#numGlyphs) return [0, 0];
    if (this.#longLoca) {
      return [
        v.getUint32(this.#loca + 4 * id),
        v.getUint32(this.#loca + 4 * id + 4),
      ];
    }
    return [
      2 * v.getUint16(this.#loca + 2 * id),
      2 * v.getUint16(this.#loca + 2 * id + 2),
    ];
  }

  /** The glyph's contours in font units (composites resolved). */
  contours(id: number, depth = 0): Contour[] {
    const hit = this.#cache.get(id);
    if (hit) return hit;
    const out = this.#read(id, depth);
    if (depth === 0) this.#cache.set(id, out);
    return out;
  }

  #read(id: number, depth: number): Contour[] {
    const [start, end] = this.#range(id);
    if (end <= start || depth > 8) return [];
    const v = this.#v;
    const g = this.#glyf + start;
    const nc = v.getInt16(g);
    if (nc >= 0) return this.#simple(g, nc);
    // composite: components placed by their x/y offsets (or scaled)
    const out: Contour[] = [];
    let p = g + 10;
    for (;;) {
      const flags = v.getUint16(p);
      const glyph = v.getUint16(p + 2);
      p += 4;
      let a1: number, a2: number;
      if (flags & 1) {
        a1 = v.getInt16(p);
        a2 = v.getInt16(p + 2);
        p += 4;
      } else {
        a1 = v.getInt8(p);
        a2 = v.getInt8(p + 1);
        p += 2;
      }
      let xx = 1, xy = 0, yx = 0, yy = 1;
      const f2 = (o: number) => v.getInt16(o) / 16384;
      if (flags & 8) {
        xx = yy = f2(p);
        p += 2;
      } else if (flags & 0x40) {
        xx = f2(p);
        yy = f2(p + 2);
        p += 4;
      } else if (flags & 0x80) {
        xx = f2(p);
        xy = f2(p + 2);
        yx = f2(p + 4);
        yy = f2(p + 6);
        p += 8;
      }
      // point matching (args not offsets) is not used by the DejaVu fonts
      const dx = flags & 2 ? a1 : 0, dy = flags & 2 ? a2 : 0;
      for (const c of this.#read(glyph, depth + 1)) {
        const n = c.x.length;
        const x = new Int32Array(n), y = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          x[i] = Math.round(xx * c.x[i] + yx * c.y[i]) + dx;
          y[i] = Math.round(xy * c.x[i] + yy * c.y[i]) + dy;
        }
        out.push({ x, y, on: c.on });
      }
      if (!(flags & 0x20)) break;
    }
    return out;
  }

  #simple(g: number, nc: number): Contour[] {
    const v = this.#v;
    const ends: number[] = [];
    for (let i = 0; i < nc; i++) ends.push(v.getUint16(g + 10 + 2 * i));
    const np = nc ? ends[nc - 1] + 1 : 0;
    let p = g + 10 + 2 * nc;
    p += 2 + v.getUint16(p); // instructions
    const flags = new Uint8Array(np);
    for (let i = 0; i < np;) {
      const f = v.getUint8(p++);
      flags[i++] = f;
      if (f & 8) {
        let r = v.getUint8(p++);
        while (r-- > 0 && i < np) flags[i++] = f;
      }
    }
    const xs = new Int32Array(np), ys = new Int32Array(np);
    let x = 0;
    for (let i = 0; i < np; i++) {
      const f = flags[i];
      if (f & 2) {
        const d = v.getUint8(p++);
        x += f & 16 ? d : -d;
      } else if (!(f & 16)) {
        x += v.getInt16(p);
        p += 2;
      }
      xs[i] = x;
    }
    let y = 0;
    for (let i = 0; i < np; i++) {
      const f = flags[i];
      if (f & 4) {
        const d = v.getUint8(p++);
        y += f & 32 ? d : -d;
      } else if (!(f & 32)) {
        y += v.getInt16(p);
        p += 2;
      }
      ys[i] = y;
    }
    const out: Contour[] = [];
    let s = 0;
    for (const e of ends) {
      out.push({
        x: xs.slice(s, e + 1),
        y: ys.slice(s, e + 1),
        on: flags.slice(s, e + 1).map((f) => f & 1),
      });
      s = e + 1;
    }
    return out;
  }
}

/** FreeType's `FT_MulFix`: `a × b / 65536`, rounded half away from zero. */
function mulFix(a: number, b: number): number {
  const s = (a < 0 ? -1 : 1) * (b < 0 ? -1 : 1);
  const c = Math.floor((Math.abs(a) * Math.abs(b) + 0x8000) / 65536);
  return s * c;
}

/** FreeType's `FT_MulDiv`: `a × b / c`, rounded half away from zero. */
function mulDiv(a: number, b: number, c: number): number {
  const s = (a < 0 ? -1 : 1) * (b < 0 ? -1 : 1);
  return s * Math.floor((Math.abs(a) * Math.abs(b) + c / 2) / c);
}

/**
 * Appends a glyph's contours at the pixel size (y down, origin on the
 * baseline at `(ox, oy)`) to `out` as the subpaths of Qt's glyph path:
 * points scaled as `scaleOutline` scales them (1/64 pixel), quadratics
 * made cubics as `QFreetypeFace::addGlyphToPath` makes them, each contour
 * closed (`closeSubpath`: a line back to its start unless it ends there).
 */
export function glyphPath(
  outlines: GlyphOutlines,
  id: number,
  pixelSize: number,
  ox: number,
  oy: number,
  out: QtSubpath[],
): void {
  // QFreetypeFace::computeSize: ysize = qRound(pixelSize × 64); the
  // outline is loaded at units-per-em and scaled by xsize / upem
  const size = Math.round(pixelSize * 64);
  const scale = mulDiv(size, 1 << 10, outlines.unitsPerEm);
  for (const c of outlines.contours(id)) {
    const n = c.x.length;
    if (n === 0) continue;
    // FreeType's points: font units × 64 (unscaled load), then scaled
    const px = (i: number) => ox + mulFix(c.x[i] * 64, scale) / 64;
    const py = (i: number) => oy - mulFix(c.y[i] * 64, scale) / 64;
    const segs: number[][] = [];
    let i = 0;
    const last = n - 1;
    let sx = px(0), sy = py(0);
    if (!c.on[0]) {
      if (!c.on[last]) {
        sx = (px(last) + sx) / 2;
        sy = (py(last) + sy) / 2;
      } else {
        sx = px(last);
        sy = py(last);
      }
      i = -1;
    }
    const cx = [sx, 0, 0, 0], cy = [sy, 0, 0, 0];
    let k = 1;
    const cubic = () => {
      segs.push([cx[1], cy[1], cx[2], cy[2], cx[3], cy[3]]);
      cx[0] = cx[3];
      cy[0] = cy[3];
      k = 1;
    };
    while (i < last) {
      ++i;
      cx[k] = px(i);
      cy[k] = py(i);
      ++k;
      if (!c.on[i]) {
        // quadratic element
        if (k < 3) continue;
        cx[3] = (cx[1] + cx[2]) / 2;
        cy[3] = (cy[1] + cy[2]) / 2;
        cx[2] = (2 * cx[1] + cx[3]) / 3;
        cy[2] = (2 * cy[1] + cy[3]) / 3;
        cx[1] = (2 * cx[1] + cx[0]) / 3;
        cy[1] = (2 * cy[1] + cy[0]) / 3;
        --i;
        cubic();
        continue;
      }
      if (k === 2) {
        segs.push([cx[1], cy[1]]);
        cx[0] = cx[1];
        cy[0] = cy[1];
        k = 1;
        continue;
      }
      // k === 3: a quadratic ending on this point
      cx[3] = cx[2];
      cy[3] = cy[2];
      cx[2] = (2 * cx[1] + cx[3]) / 3;
      cy[2] = (2 * cy[1] + cy[3]) / 3;
      cx[1] = (2 * cx[1] + cx[0]) / 3;
      cy[1] = (2 * cy[1] + cy[0]) / 3;
      cubic();
    }
    if (k !== 1) {
      cx[3] = sx;
      cy[3] = sy;
      if (k === 2) {
        cx[2] = (2 * cx[1] + cx[3]) / 3;
        cy[2] = (2 * cy[1] + cy[3]) / 3;
        cx[1] = (2 * cx[1] + cx[0]) / 3;
        cy[1] = (2 * cy[1] + cy[0]) / 3;
      }
      cubic();
    } else if (cx[0] !== sx || cy[0] !== sy) {
      // QPainterPath::closeSubpath
      segs.push([sx, sy]);
    }
    out.push({ x: sx, y: sy, segs });
  }
}

/**
 * A subpath flattened as Qt's outline mapper flattens it for filling
 * (`QBezier::addToPolygon`, a quarter pixel): `[x0, y0, x1, y1, …]`.
 */
export function flattenSubpath(p: QtSubpath): number[] {
  const poly = [p.x, p.y];
  let x = p.x, y = p.y;
  for (const g of p.segs) {
    if (g.length === 2) poly.push(g[0], g[1]);
    else flattenCubic(poly, x, y, g[0], g[1], g[2], g[3], g[4], g[5]);
    x = g[g.length - 2];
    y = g[g.length - 1];
  }
  return poly;
}

/**
 * Subpaths mapped by an affine matrix (`[a, b, c, d, e, f]`: x' = a·x +
 * b·y + c, y' = d·x + e·y + f) and then flattened as Qt flattens them
 * ({@link flattenSubpath}): curves drawn through a painter's matrix are
 * flattened in device pixels.
 *
 * @example
 * ```ts
 * import { flattenMapped } from "./glyph_outline.ts";
 * flattenMapped([{ x: 0, y: 0, segs: [[1, 0], [0, 0]] }], [2, 0, 1, 0, 2, 0]);
 * // [[1, 0, 3, 0, 1, 0]]
 * ```
 */
export function flattenMapped(
  paths: readonly QtSubpath[],
  m: ArrayLike<number>,
): number[][] {
  const map = (xy: ArrayLike<number>): number[] => {
    const out: number[] = [];
    for (let i = 0; i + 1 < xy.length; i += 2) {
      out.push(
        m[0] * xy[i] + m[1] * xy[i + 1] + m[2],
        m[3] * xy[i] + m[4] * xy[i + 1] + m[5],
      );
    }
    return out;
  };
  return paths.map((p) => {
    const [sx, sy] = map([p.x, p.y]);
    return flattenSubpath({ x: sx, y: sy, segs: p.segs.map(map) });
  });
}
