/**
 * Qt's anti-aliasing rasterizer (`qgrayraster.c`, FreeType's "gray"
 * scan converter as Qt's raster engine ships it), for outlines QPainter
 * fills with anti-aliasing (the outlines of pens wider than a pixel).
 *
 * It accumulates, cell by cell, the signed area the outline's edges sweep
 * (24.8 fixed point from 26.6 input positions) and turns each pixel's
 * accumulated area into its coverage, clamped to 255 under the non-zero
 * rule. Where an outline overlaps itself inside a pixel (the inner side of
 * a stroke's joins, short segments of a wide pen) the areas add up: such
 * pixels come out darker than their exact coverage, as in QGIS's renders.
 * Skia computes the coverage of the union instead.
 *
 * @module
 */

import { FlatOutline } from "./qt_stroker.ts";

const PIXEL_BITS = 8;
const ONE_PIXEL = 1 << PIXEL_BITS;

/** A pixel's coverage sink: `(x, y, coverage 1–255)`. */
export type CoverageSink = (x: number, y: number, coverage: number) => void;

/**
 * One outline: contours of `[x0, y0, x1, y1, …]` in device pixels, each
 * implicitly closed (QT_FT_Outline's decomposition closes every contour).
 */
export type Outline = ArrayLike<number>[];

// Accumulation cells of the clipped bounding box, reused between calls.
let cellArea = new Float64Array(0);
let cellCover = new Float64Array(0);
let cellMark = new Uint8Array(0);
let touched = new Int32Array(1024);

/** `qRound(v * 64)`: a position in 26.6 fixed point, as QOutlineMapper. */
function to26_6(v: number): number {
  return Math.floor(v * 64 + 0.5);
}

/**
 * Rasterizes an outline as Qt's raster engine fills it anti-aliased
 * (non-zero or odd-even fill), clipped to `width × height`, calling `emit`
 * once per covered pixel, row by row, left to right.
 *
 * @example
 * ```ts
 * import { qtRasterize } from "./qt_raster.ts";
 * const px: number[] = [];
 * // a 2×2 square at (1,1): four full pixels
 * qtRasterize([[1, 1, 3, 1, 3, 3, 1, 3]], 4, 4, false, (x, y, c) => px.push(x, y, c));
 * px; // [1, 1, 255, 2, 1, 255, 1, 2, 255, 2, 2, 255]
 * ```
 */
export function qtRasterize(
  outline: Outline,
  width: number,
  height: number,
  evenOdd: boolean,
  emit: CoverageSink,
): void {
  const o = outlineScratch;
  o.clear();
  for (const c of outline) {
    o.starts.push(o.n);
    const xy = o.reserve(c.length);
    for (let i = 0; i < c.length; i++) xy[o.n + i] = c[i];
    o.n += c.length;
  }
  qtRasterizeFlat(o, width, height, evenOdd, emit);
  o.release();
}

const outlineScratch = new FlatOutline();
/** The contours in 24.8 and where each starts, reused between calls. */
const KEEP = 1 << 18;
const fixedScratch = new Int32Array(KEEP);
const fixedStartsScratch = new Int32Array(KEEP >> 4);

/**
 * {@link qtRasterize} of contours in one buffer (as `qtStrokeInto` leaves
 * them).
 *
 * @example
 * ```ts
 * import { qtRasterizeFlat } from "./qt_raster.ts";
 * import { FlatOutline } from "./qt_stroker.ts";
 * const o = new FlatOutline();
 * // a 2×2 square at (1,1): four full pixels
 * o.starts.push(0);
 * o.put(1, 1), o.put(3, 1), o.put(3, 3), o.put(1, 3);
 * const px: number[] = [];
 * qtRasterizeFlat(o, 4, 4, false, (x, y, c) => px.push(x, y, c));
 * px; // [1, 1, 255, 2, 1, 255, 1, 2, 255, 2, 2, 255]
 * ```
 */
export function qtRasterizeFlat(
  outline: FlatOutline,
  width: number,
  height: number,
  evenOdd: boolean,
  emit: CoverageSink,
): void {
  // the outline's control box in 24.8, intersected with the clip box
  let xMin = Infinity, yMin = Infinity, xMax = -Infinity, yMax = -Infinity;
  const { xy, starts } = outline;
  // buffers for a large outline are its own, not kept
  const fixed = outline.n <= KEEP ? fixedScratch : new Int32Array(outline.n);
  const fixedStarts = starts.length < KEEP >> 4
    ? fixedStartsScratch
    : new Int32Array(starts.length + 1);
  // contours of two points or more: fixed[fixedStarts[k] .. fixedStarts[k + 1])
  let nContours = 0, m = 0;
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k];
    const end = k + 1 < starts.length ? starts[k + 1] : outline.n;
    const n = (end - start) >> 1;
    if (n < 2) continue;
    fixedStarts[nContours++] = m;
    for (let i = 0; i < n; i++) {
      const x = to26_6(xy[start + 2 * i]) * 4;
      const y = to26_6(xy[start + 2 * i + 1]) * 4;
      fixed[m++] = x;
      fixed[m++] = y;
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
  }
  fixedStarts[nContours] = m;
  if (nContours === 0) return;
  const minEx = Math.max(0, Math.floor(xMin / ONE_PIXEL));
  const minEy = Math.max(0, Math.floor(yMin / ONE_PIXEL));
  const maxEx = Math.min(width, Math.ceil(xMax / ONE_PIXEL));
  const maxEy = Math.min(height, Math.ceil(yMax / ONE_PIXEL));
  if (minEx >= maxEx || minEy >= maxEy) return;
  // column 0 of the grid holds the cells left of the clip box (min_ex - 1)
  const countEx = maxEx - minEx, countEy = maxEy - minEy;
  const stride = countEx + 1;
  const size = stride * countEy;
  if (cellArea.length < size) {
    cellArea = new Float64Array(Math.max(size, 2 * cellArea.length));
    cellCover = new Float64Array(cellArea.length);
    cellMark = new Uint8Array(cellArea.length);
  }
  const g = gray;
  g.begin(minEx, minEy, maxEx, maxEy, stride);
  const p = fixed;
  for (let k = 0; k < nContours; k++) {
    // move to the first point, line to the others, close
    const start = fixedStarts[k], end = fixedStarts[k + 1];
    g.record();
    g.rx = p[start];
    g.ry = p[start + 1];
    g.startCell(g.rx >> PIXEL_BITS, g.ry >> PIXEL_BITS);
    for (let i = start + 2; i < end; i += 2) g.line(p[i], p[i + 1]);
    g.line(p[start], p[start + 1]);
  }
  g.record();
  const nTouched = g.nTouched;
  const area = cellArea, cover = cellCover, mark = cellMark;

  // the sweep: cells in row order, spans between them at the running cover
  const cells = touched.subarray(0, nTouched);
  if (size <= SCAN_PER_CELL * nTouched) {
    // a small grid (a stroke's outline is a ring of cells round its box):
    // its marks read in order cost less than sorting the cells
    for (let i = 0, j = 0; j < nTouched; i++) {
      if (mark[i] !== 0) cells[j++] = i;
    }
  } else cells.sort();
  let k = 0;
  while (k < nTouched) {
    const row = Math.floor(cells[k] / stride);
    const y = row + minEy;
    let run = 0;
    let x = 0; // next grid column (0 = left of the clip box)
    for (; k < nTouched && Math.floor(cells[k] / stride) === row; k++) {
      const i = cells[k];
      const cx = i - row * stride; // grid column
      if (cx > x && run !== 0) {
        const c = coverage(run * (ONE_PIXEL * 2), evenOdd);
        if (c) {
          for (let gx = Math.max(x, 1); gx < cx; gx++) {
            emit(gx - 1 + minEx, y, c);
          }
        }
      }
      run += cover[i];
      const a = run * (ONE_PIXEL * 2) - area[i];
      if (a !== 0 && cx >= 1) {
        const c = coverage(a, evenOdd);
        if (c) emit(cx - 1 + minEx, y, c);
      }
      x = cx + 1;
      area[i] = 0;
      cover[i] = 0;
      mark[i] = 0;
    }
    if (run !== 0) {
      const c = coverage(run * (ONE_PIXEL * 2), evenOdd);
      if (c) {
        for (let gx = Math.max(x, 1); gx <= countEx; gx++) {
          emit(gx - 1 + minEx, y, c);
        }
      }
    }
  }
}

/**
 * The grid's cells are listed by reading their marks in order, not sorted,
 * while the grid holds at most this many cells per touched one.
 */
const SCAN_PER_CELL = 16;

/** A pixel's coverage (0–255) from its accumulated area. */
function coverage(a: number, evenOdd: boolean): number {
  let c = Math.floor(a / (1 << (PIXEL_BITS * 2 + 1 - 8)));
  if (c < 0) c = -c;
  if (evenOdd) {
    c &= 511;
    if (c > 256) c = 512 - c;
    else if (c === 256) c = 255;
  } else if (c >= 256) c = 255;
  return c;
}

/**
 * The scan converter's state while it walks an outline's edges (fields of
 * one object rather than variables shared by closures: V8 keeps them in
 * place, and the methods are made once). The arithmetic is `qgrayraster.c`'s
 * step for step. Every position is a 32-bit integer (24.8, from the
 * outline's `Int32Array`, or between two such), so a cell and the position
 * within it are a shift and a mask, as in C: integer arithmetic for V8
 * (`Math.floor` of a quotient made the divisions and remainders after it
 * floating-point ones).
 */
class GrayCells {
  // the clip box (grid coordinates of cells) and the grid's row stride
  minEx = 0;
  minEy = 0;
  maxEx = 0;
  maxEy = 0;
  countEx = 0;
  countEy = 0;
  stride = 0;
  nTouched = 0;
  // the current cell (grid coordinates) and what it has gathered
  ex = 0;
  ey = 0;
  invalid = true;
  cArea = 0;
  cCover = 0;
  // the current position (24.8) and the last scanline's top
  rx = 0;
  ry = 0;
  lastEy = 0;

  begin(
    minEx: number,
    minEy: number,
    maxEx: number,
    maxEy: number,
    stride: number,
  ): void {
    this.minEx = minEx;
    this.minEy = minEy;
    this.maxEx = maxEx;
    this.maxEy = maxEy;
    this.countEx = maxEx - minEx;
    this.countEy = maxEy - minEy;
    this.stride = stride;
    this.nTouched = 0;
    this.ex = 0;
    this.ey = 0;
    this.invalid = true;
    this.cArea = 0;
    this.cCover = 0;
    this.rx = 0;
    this.ry = 0;
    this.lastEy = 0;
  }

  record(): void {
    if (this.invalid || (this.cArea === 0 && this.cCover === 0)) return;
    const i = this.ey * this.stride + this.ex + 1;
    if (cellMark[i] === 0) {
      if (this.nTouched === touched.length) {
        const grown = new Int32Array(2 * touched.length);
        grown.set(touched);
        touched = grown;
      }
      touched[this.nTouched++] = i;
      cellMark[i] = 1;
    }
    cellArea[i] += this.cArea;
    cellCover[i] += this.cCover;
  }

  setCell(cx: number, cy: number): void {
    let x = cx;
    const y = cy - this.minEy;
    if (x > this.maxEx) x = this.maxEx;
    x -= this.minEx;
    if (x < 0) x = -1;
    if (x !== this.ex || y !== this.ey) {
      this.record();
      this.cArea = 0;
      this.cCover = 0;
      this.ex = x;
      this.ey = y;
    }
    this.invalid = y < 0 || y >= this.countEy || x >= this.countEx;
  }

  startCell(cx: number, cy: number): void {
    let x = cx;
    if (x > this.maxEx) x = this.maxEx;
    if (x < this.minEx) x = this.minEx - 1;
    this.cArea = 0;
    this.cCover = 0;
    this.ex = x - this.minEx;
    this.ey = cy - this.minEy;
    this.lastEy = cy * ONE_PIXEL;
    this.invalid = false;
    this.setCell(x, cy);
  }

  scanline(sy: number, x1: number, y1: number, x2: number, y2: number): void {
    let dx = x2 - x1;
    let ex1 = x1 >> PIXEL_BITS;
    const ex2 = x2 >> PIXEL_BITS;
    const fx1 = x1 & (ONE_PIXEL - 1);
    const fx2 = x2 & (ONE_PIXEL - 1);
    if (y1 === y2) {
      this.setCell(ex2, sy);
      return;
    }
    if (ex1 === ex2) {
      const delta = y2 - y1;
      this.cArea += (fx1 + fx2) * delta;
      this.cCover += delta;
      return;
    }
    let p = (ONE_PIXEL - fx1) * (y2 - y1);
    let first = ONE_PIXEL;
    let incr = 1;
    if (dx < 0) {
      p = fx1 * (y2 - y1);
      first = 0;
      incr = -1;
      dx = -dx;
    }
    let delta = Math.trunc(p / dx);
    let mod = p % dx;
    if (mod < 0) {
      delta--;
      mod += dx;
    }
    this.cArea += (fx1 + first) * delta;
    this.cCover += delta;
    ex1 += incr;
    this.setCell(ex1, sy);
    y1 += delta;
    if (ex1 !== ex2) {
      p = ONE_PIXEL * (y2 - y1 + delta);
      let lift = Math.trunc(p / dx);
      let rem = p % dx;
      if (rem < 0) {
        lift--;
        rem += dx;
      }
      mod -= dx;
      while (ex1 !== ex2) {
        delta = lift;
        mod += rem;
        if (mod >= 0) {
          mod -= dx;
          delta++;
        }
        this.cArea += ONE_PIXEL * delta;
        this.cCover += delta;
        y1 += delta;
        ex1 += incr;
        this.setCell(ex1, sy);
      }
    }
    delta = y2 - y1;
    this.cArea += (fx2 + ONE_PIXEL - first) * delta;
    this.cCover += delta;
  }

  line(toX: number, toY: number): void {
    const rx = this.rx, ry = this.ry;
    let ey1 = this.lastEy >> PIXEL_BITS;
    const ey2 = toY >> PIXEL_BITS;
    const fy1 = ry - this.lastEy;
    const fy2 = toY & (ONE_PIXEL - 1);
    const dx = toX - rx;
    let dy = toY - ry;
    const lo = Math.min(ey1, ey2), hi = Math.max(ey1, ey2);
    if (lo >= this.maxEy || hi < this.minEy) {
      // vertical clipping: nothing of this edge is in the box
    } else if (ey1 === ey2) {
      this.scanline(ey1, rx, fy1, toX, fy2);
    } else if (dx === 0) {
      const ex = rx >> PIXEL_BITS;
      const twoFx = (rx & (ONE_PIXEL - 1)) * 2;
      let first = ONE_PIXEL, incr = 1;
      if (dy < 0) {
        first = 0;
        incr = -1;
      }
      let delta = first - fy1;
      this.cArea += twoFx * delta;
      this.cCover += delta;
      ey1 += incr;
      this.setCell(ex, ey1);
      delta = first + first - ONE_PIXEL;
      const a = twoFx * delta;
      while (ey1 !== ey2) {
        this.cArea += a;
        this.cCover += delta;
        ey1 += incr;
        this.setCell(ex, ey1);
      }
      delta = fy2 - ONE_PIXEL + first;
      this.cArea += twoFx * delta;
      this.cCover += delta;
    } else {
      let p = (ONE_PIXEL - fy1) * dx;
      let first = ONE_PIXEL, incr = 1;
      if (dy < 0) {
        p = fy1 * dx;
        first = 0;
        incr = -1;
        dy = -dy;
      }
      let delta = Math.trunc(p / dy);
      let mod = p % dy;
      if (mod < 0) {
        delta--;
        mod += dy;
      }
      let x = rx + delta;
      this.scanline(ey1, rx, fy1, x, first);
      ey1 += incr;
      this.setCell(x >> PIXEL_BITS, ey1);
      if (ey1 !== ey2) {
        p = ONE_PIXEL * dx;
        let lift = Math.trunc(p / dy);
        let rem = p % dy;
        if (rem < 0) {
          lift--;
          rem += dy;
        }
        mod -= dy;
        while (ey1 !== ey2) {
          delta = lift;
          mod += rem;
          if (mod >= 0) {
            mod -= dy;
            delta++;
          }
          const x2 = x + delta;
          this.scanline(ey1, x, ONE_PIXEL - first, x2, first);
          x = x2;
          ey1 += incr;
          this.setCell(x >> PIXEL_BITS, ey1);
        }
      }
      this.scanline(ey1, x, ONE_PIXEL - first, toX, fy2);
    }
    this.rx = toX;
    this.ry = toY;
    this.lastEy = ey2 * ONE_PIXEL;
  }
}

const gray = new GrayCells();
