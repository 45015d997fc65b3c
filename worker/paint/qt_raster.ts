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
  const area = cellArea, cover = cellCover, mark = cellMark;
  let nTouched = 0;

  // the current cell (grid coordinates) and what it has gathered
  let ex = 0, ey = 0, invalid = true;
  let cArea = 0, cCover = 0;
  // the current position (24.8) and the last scanline's top
  let rx = 0, ry = 0, lastEy = 0;

  const record = () => {
    if (invalid || (cArea === 0 && cCover === 0)) return;
    const i = ey * stride + ex + 1;
    if (mark[i] === 0) {
      if (nTouched === touched.length) {
        const grown = new Int32Array(2 * touched.length);
        grown.set(touched);
        touched = grown;
      }
      touched[nTouched++] = i;
      mark[i] = 1;
    }
    area[i] += cArea;
    cover[i] += cCover;
  };

  const setCell = (cx: number, cy: number) => {
    let x = cx;
    const y = cy - minEy;
    if (x > maxEx) x = maxEx;
    x -= minEx;
    if (x < 0) x = -1;
    if (x !== ex || y !== ey) {
      record();
      cArea = 0;
      cCover = 0;
      ex = x;
      ey = y;
    }
    invalid = y < 0 || y >= countEy || x >= countEx;
  };

  const startCell = (cx: number, cy: number) => {
    let x = cx;
    if (x > maxEx) x = maxEx;
    if (x < minEx) x = minEx - 1;
    cArea = 0;
    cCover = 0;
    ex = x - minEx;
    ey = cy - minEy;
    lastEy = cy * ONE_PIXEL;
    invalid = false;
    setCell(x, cy);
  };

  const scanline = (
    sy: number,
    x1: number,
    y1: number,
    x2: number,
    y2: number,
  ) => {
    let dx = x2 - x1;
    let ex1 = Math.floor(x1 / ONE_PIXEL);
    const ex2 = Math.floor(x2 / ONE_PIXEL);
    const fx1 = x1 - ex1 * ONE_PIXEL;
    const fx2 = x2 - ex2 * ONE_PIXEL;
    if (y1 === y2) {
      setCell(ex2, sy);
      return;
    }
    if (ex1 === ex2) {
      const delta = y2 - y1;
      cArea += (fx1 + fx2) * delta;
      cCover += delta;
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
    cArea += (fx1 + first) * delta;
    cCover += delta;
    ex1 += incr;
    setCell(ex1, sy);
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
        cArea += ONE_PIXEL * delta;
        cCover += delta;
        y1 += delta;
        ex1 += incr;
        setCell(ex1, sy);
      }
    }
    delta = y2 - y1;
    cArea += (fx2 + ONE_PIXEL - first) * delta;
    cCover += delta;
  };

  const line = (toX: number, toY: number) => {
    let ey1 = Math.floor(lastEy / ONE_PIXEL);
    const ey2 = Math.floor(toY / ONE_PIXEL);
    const fy1 = ry - lastEy;
    const fy2 = toY - ey2 * ONE_PIXEL;
    const dx = toX - rx;
    let dy = toY - ry;
    const lo = Math.min(ey1, ey2), hi = Math.max(ey1, ey2);
    if (lo >= maxEy || hi < minEy) {
      // vertical clipping: nothing of this edge is in the box
    } else if (ey1 === ey2) {
      scanline(ey1, rx, fy1, toX, fy2);
    } else if (dx === 0) {
      const ex = Math.floor(rx / ONE_PIXEL);
      const twoFx = (rx - ex * ONE_PIXEL) * 2;
      let first = ONE_PIXEL, incr = 1;
      if (dy < 0) {
        first = 0;
        incr = -1;
      }
      let delta = first - fy1;
      cArea += twoFx * delta;
      cCover += delta;
      ey1 += incr;
      setCell(ex, ey1);
      delta = first + first - ONE_PIXEL;
      const a = twoFx * delta;
      while (ey1 !== ey2) {
        cArea += a;
        cCover += delta;
        ey1 += incr;
        setCell(ex, ey1);
      }
      delta = fy2 - ONE_PIXEL + first;
      cArea += twoFx * delta;
      cCover += delta;
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
      scanline(ey1, rx, fy1, x, first);
      ey1 += incr;
      setCell(Math.floor(x / ONE_PIXEL), ey1);
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
          scanline(ey1, x, ONE_PIXEL - first, x2, first);
          x = x2;
          ey1 += incr;
          setCell(Math.floor(x / ONE_PIXEL), ey1);
        }
      }
      scanline(ey1, x, ONE_PIXEL - first, toX, fy2);
    }
    rx = toX;
    ry = toY;
    lastEy = ey2 * ONE_PIXEL;
  };

  const p = fixed;
  for (let k = 0; k < nContours; k++) {
    // move to the first point, line to the others, close
    const start = fixedStarts[k], end = fixedStarts[k + 1];
    record();
    rx = p[start];
    ry = p[start + 1];
    startCell(Math.floor(rx / ONE_PIXEL), Math.floor(ry / ONE_PIXEL));
    for (let i = start + 2; i < end; i += 2) line(p[i], p[i + 1]);
    line(p[start], p[start + 1]);
  }
  record();

  // the sweep: cells in row order, spans between them at the running cover
  const cells = touched.subarray(0, nTouched).sort();
  const coverage = (a: number): number => {
    let c = Math.floor(a / (1 << (PIXEL_BITS * 2 + 1 - 8)));
    if (c < 0) c = -c;
    if (evenOdd) {
      c &= 511;
      if (c > 256) c = 512 - c;
      else if (c === 256) c = 255;
    } else if (c >= 256) c = 255;
    return c;
  };
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
        const c = coverage(run * (ONE_PIXEL * 2));
        if (c) {
          for (let gx = Math.max(x, 1); gx < cx; gx++) {
            emit(gx - 1 + minEx, y, c);
          }
        }
      }
      run += cover[i];
      const a = run * (ONE_PIXEL * 2) - area[i];
      if (a !== 0 && cx >= 1) {
        const c = coverage(a);
        if (c) emit(cx - 1 + minEx, y, c);
      }
      x = cx + 1;
      area[i] = 0;
      cover[i] = 0;
      mark[i] = 0;
    }
    if (run !== 0) {
      const c = coverage(run * (ONE_PIXEL * 2));
      if (c) {
        for (let gx = Math.max(x, 1); gx <= countEx; gx++) {
          emit(gx - 1 + minEx, y, c);
        }
      }
    }
  }
}
