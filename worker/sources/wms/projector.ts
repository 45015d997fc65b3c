/**
 * QGIS's raster projector (`QgsRasterProjector`, approximate precision, as
 * the raster pipe of a layer in another CRS uses it): for a block of the
 * map it finds the source extent and size to ask the provider for — a
 * matrix of control points refined until midpoints are within a pixel,
 * the smallest projected cell × 0.75 as the source resolution — and maps
 * every map pixel to a source pixel, nearest neighbour, by bilinear
 * interpolation in that matrix. The transforms are passed in (GDAL's, at
 * the edge), so this is pure.
 *
 * @module
 */
import type { Rect } from "../../geometry/types.ts";

/**
 * Transforms interleaved x, y pairs in place; a point that fails becomes
 * non-finite.
 */
export type PointTransform = (xy: Float64Array) => void;

/** What the projector asks the provider for, and how it maps back. */
export interface Projection {
  /** Source extent (source CRS). */
  srcExtent: Rect;
  /** Source columns. */
  srcCols: number;
  /** Source rows. */
  srcRows: number;
  /**
   * For each destination pixel (row-major), the source pixel index
   * (`row × srcCols + col`), or -1 where nothing is drawn.
   */
  index: Int32Array;
}

interface Point {
  x: number;
  y: number;
  legal: boolean;
}

function contains(r: Rect, x: number, y: number): boolean {
  return x >= r.xmin && x <= r.xmax && y >= r.ymin && y <= r.ymax;
}

/**
 * Projects a destination block: null when the source block would be empty
 * (no overlap, or zero rows or columns, as QGIS draws nothing then).
 *
 * @param layerExtent the provider's extent in the source CRS.
 * @param inverse destination CRS → source CRS.
 * @param forward source CRS → destination CRS.
 * @example
 * ```ts
 * import { projectBlock } from "./projector.ts";
 * // a source twice as large as the destination, shifted by 10
 * const p = projectBlock(
 *   { xmin: 0, ymin: 0, xmax: 100, ymax: 100 }, 10, 10,
 *   { xmin: -1e9, ymin: -1e9, xmax: 1e9, ymax: 1e9 },
 *   (xy) => { for (let i = 0; i < xy.length; i++) xy[i] = xy[i] * 2 + 10; },
 *   (xy) => { for (let i = 0; i < xy.length; i++) xy[i] = (xy[i] - 10) / 2; },
 * )!;
 * [p.srcExtent.xmin, p.srcCols]; // [10, 13]
 * ```
 */
export function projectBlock(
  destExtent: Rect,
  destCols: number,
  destRows: number,
  layerExtent: Rect,
  inverse: PointTransform,
  forward: PointTransform,
): Projection | null {
  const destW = destExtent.xmax - destExtent.xmin;
  const destH = destExtent.ymax - destExtent.ymin;
  const destXRes = destW / destCols;
  const destYRes = destH / destRows;
  const minRes = destXRes < destYRes ? destXRes : destYRes;
  const sqrTolerance = minRes * minRes;
  let approximate = true;
  let cpRows = 3, cpCols = 3;
  // rows of control points: dest grid point → source
  let matrix: Point[][] = [];
  const destPoint = (row: number, col: number): [number, number] => [
    destExtent.xmin + col * destW / (cpCols - 1),
    destExtent.ymax - row * destH / (cpRows - 1),
  ];
  const compute = (cells: [number, number][]): Point[] => {
    const xy = new Float64Array(cells.length * 2);
    cells.forEach(([r, c], i) => {
      const [x, y] = destPoint(r, c);
      xy[2 * i] = x;
      xy[2 * i + 1] = y;
    });
    inverse(xy);
    return cells.map((_, i) => {
      const x = xy[2 * i], y = xy[2 * i + 1];
      const legal = Number.isFinite(x) && Number.isFinite(y);
      return { x, y, legal };
    });
  };
  const calcRows = (rows: number[]) => {
    const cells: [number, number][] = [];
    for (const r of rows) for (let c = 0; c < cpCols; c++) cells.push([r, c]);
    const pts = compute(cells);
    let k = 0;
    for (const r of rows) {
      for (let c = 0; c < cpCols; c++) matrix[r][c] = pts[k++];
    }
  };
  const calcCols = (cols: number[]) => {
    const cells: [number, number][] = [];
    for (const c of cols) for (let r = 0; r < cpRows; r++) cells.push([r, c]);
    const pts = compute(cells);
    let k = 0;
    for (const c of cols) {
      for (let r = 0; r < cpRows; r++) matrix[r][c] = pts[k++];
    }
  };
  matrix = Array.from({ length: 3 }, () => new Array<Point>(3));
  calcRows([0, 1, 2]);
  // are the midpoints of neighbours within a pixel of the transformed point?
  const check = (along: "cols" | "rows"): boolean => {
    const probes: { dest: [number, number]; a: Point; b: Point; m: Point }[] =
      [];
    if (along === "cols") {
      for (let c = 0; c < cpCols; c++) {
        for (let r = 1; r < cpRows - 1; r += 2) {
          probes.push({
            dest: destPoint(r, c),
            a: matrix[r - 1][c],
            m: matrix[r][c],
            b: matrix[r + 1][c],
          });
        }
      }
    } else {
      for (let r = 0; r < cpRows; r++) {
        for (let c = 1; c < cpCols - 1; c += 2) {
          probes.push({
            dest: destPoint(r, c),
            a: matrix[r][c - 1],
            m: matrix[r][c],
            b: matrix[r][c + 1],
          });
        }
      }
    }
    if (probes.some((p) => !p.a.legal || !p.m.legal || !p.b.legal)) {
      return false;
    }
    const xy = new Float64Array(probes.length * 2);
    probes.forEach((p, i) => {
      xy[2 * i] = (p.a.x + p.b.x) / 2;
      xy[2 * i + 1] = (p.a.y + p.b.y) / 2;
    });
    forward(xy);
    return probes.every((p, i) => {
      const dx = xy[2 * i] - p.dest[0], dy = xy[2 * i + 1] - p.dest[1];
      const d = dx * dx + dy * dy;
      return Number.isFinite(d) && d <= sqrTolerance;
    });
  };
  const insertRows = () => {
    const next: Point[][] = [];
    for (let r = 0; r < cpRows; r++) {
      next.push(matrix[r]);
      if (r < cpRows - 1) next.push(new Array<Point>(cpCols));
    }
    matrix = next;
    cpRows += cpRows - 1;
    const odd: number[] = [];
    for (let r = 1; r < cpRows - 1; r += 2) odd.push(r);
    calcRows(odd);
  };
  const insertCols = () => {
    matrix = matrix.map((row) => {
      const next: Point[] = [];
      for (let c = 0; c < cpCols; c++) {
        next.push(row[c]);
        if (c < cpCols - 1) next.push(undefined as unknown as Point);
      }
      return next;
    });
    cpCols += cpCols - 1;
    const odd: number[] = [];
    for (let c = 1; c < cpCols - 1; c += 2) odd.push(c);
    calcCols(odd);
  };
  while (true) {
    const colsOk = check("cols");
    if (!colsOk) insertRows();
    const rowsOk = check("rows");
    if (!rowsOk) insertCols();
    if (colsOk && rowsOk) break;
    if (cpRows * cpCols > 0.25 * destRows * destCols) {
      approximate = false;
      break;
    }
  }
  // source extent: every legal control point, within the layer's extent
  let src: Rect | null = null;
  for (const row of matrix) {
    for (const p of row) {
      if (!p.legal) continue;
      if (src === null) src = { xmin: p.x, ymin: p.y, xmax: p.x, ymax: p.y };
      else {
        src.xmin = Math.min(src.xmin, p.x);
        src.ymin = Math.min(src.ymin, p.y);
        src.xmax = Math.max(src.xmax, p.x);
        src.ymax = Math.max(src.ymax, p.y);
      }
    }
  }
  if (src === null) return null;
  const srcExtent = {
    xmin: Math.max(src.xmin, layerExtent.xmin),
    ymin: Math.max(src.ymin, layerExtent.ymin),
    xmax: Math.min(src.xmax, layerExtent.xmax),
    ymax: Math.min(src.ymax, layerExtent.ymax),
  };
  if (srcExtent.xmin > srcExtent.xmax || srcExtent.ymin > srcExtent.ymax) {
    return null;
  }
  // the smallest projected cell, a bit finer
  let minSize = Number.MAX_VALUE;
  if (approximate) {
    const colsPerCell = destCols / cpCols;
    const rowsPerCell = destRows / cpRows;
    for (let i = 0; i < cpRows - 1; i++) {
      for (let j = 0; j < cpCols - 1; j++) {
        const a = matrix[i][j], b = matrix[i][j + 1], c = matrix[i + 1][j];
        if (!a.legal || !b.legal || !c.legal) continue;
        minSize = Math.min(
          minSize,
          Math.hypot(b.x - a.x, b.y - a.y) / colsPerCell,
          Math.hypot(c.x - a.x, c.y - a.y) / rowsPerCell,
        );
      }
    }
  } else {
    // QgsRasterProjector::extentSize: pixel boxes at 3 × 3 source points
    const w = srcExtent.xmax - srcExtent.xmin,
      h = srcExtent.ymax - srcExtent.ymin;
    minSize = Math.min(w, h) / Math.max(destCols, destRows);
  }
  minSize *= 0.75;
  const srcRows = Math.round((srcExtent.ymax - srcExtent.ymin) / minSize);
  const srcCols = Math.round((srcExtent.xmax - srcExtent.xmin) / minSize);
  if (!(srcRows > 0 && srcCols > 0)) return null;
  const srcXRes = (srcExtent.xmax - srcExtent.xmin) / srcCols;
  const srcYRes = (srcExtent.ymax - srcExtent.ymin) / srcRows;
  const index = new Int32Array(destCols * destRows).fill(-1);
  const place = (k: number, x: number, y: number) => {
    if (!contains(layerExtent, x, y)) return;
    const row = Math.floor((srcExtent.ymax - y) / srcYRes);
    const col = Math.floor((x - srcExtent.xmin) / srcXRes);
    if (row < 0 || row >= srcRows || col < 0 || col >= srcCols) return;
    index[k] = row * srcCols + col;
  };
  if (!approximate) {
    const xy = new Float64Array(destCols * destRows * 2);
    for (let r = 0, k = 0; r < destRows; r++) {
      for (let c = 0; c < destCols; c++, k++) {
        xy[2 * k] = destExtent.xmin + (c + 0.5) * destXRes;
        xy[2 * k + 1] = destExtent.ymax - (r + 0.5) * destYRes;
      }
    }
    inverse(xy);
    for (let k = 0; k < destCols * destRows; k++) {
      place(k, xy[2 * k], xy[2 * k + 1]);
    }
    return { srcExtent, srcCols, srcRows, index };
  }
  // QGIS keeps these in single precision
  const rowsPerMatrixRow = Math.fround(destRows / (cpRows - 1));
  const colsPerMatrixCol = Math.fround(destCols / (cpCols - 1));
  const matrixRow = (r: number) => Math.floor((r + 0.5) / rowsPerMatrixRow);
  const matrixCol = (c: number) =>
    Math.min(cpCols - 2, Math.floor((c + 0.5) / colsPerMatrixCol));
  const helper = (mr: number): Float64Array => {
    const out = new Float64Array(destCols * 2);
    const row = matrix[Math.min(mr, cpRows - 1)];
    for (let c = 0; c < destCols; c++) {
      const destX = destExtent.xmin + (c + 0.5) * destXRes;
      const mc = matrixCol(c);
      const x0 = destPoint(mr, mc)[0], x1 = destPoint(mr, mc + 1)[0];
      const xfrac = (destX - x0) / (x1 - x0);
      const p0 = row[mc], p1 = row[mc + 1];
      out[2 * c] = p0.x + (p1.x - p0.x) * xfrac;
      out[2 * c + 1] = p0.y + (p1.y - p0.y) * xfrac;
    }
    return out;
  };
  let top = helper(0);
  let bottom = helper(1);
  let topRow = 0;
  for (let r = 0; r < destRows; r++) {
    const mr = Math.min(cpRows - 2, matrixRow(r));
    if (mr > topRow) {
      top = bottom;
      bottom = helper(topRow + 2);
      topRow++;
    }
    const destY = destExtent.ymax - (r + 0.5) * destYRes;
    const y0 = destPoint(mr + 1, 0)[1];
    const y1 = destPoint(mr, 0)[1];
    const yfrac = (destY - y0) / (y1 - y0);
    for (let c = 0; c < destCols; c++) {
      const tx = top[2 * c], ty = top[2 * c + 1];
      const bx = bottom[2 * c], by = bottom[2 * c + 1];
      place(r * destCols + c, bx + (tx - bx) * yfrac, by + (ty - by) * yfrac);
    }
  }
  return { srcExtent, srcCols, srcRows, index };
}

/**
 * Copies source RGBA pixels to their destination pixels (nearest), as the
 * projector's block does.
 *
 * @example
 * ```ts
 * import { reprojectPixels } from "./projector.ts";
 * const out = reprojectPixels(Uint8Array.of(1, 2, 3, 4), Int32Array.of(0, -1));
 * [...out]; // [1, 2, 3, 4, 0, 0, 0, 0]
 * ```
 */
export function reprojectPixels(
  src: Uint8Array,
  index: Int32Array,
): Uint8Array {
  const out = new Uint8Array(index.length * 4);
  const s32 = new Uint32Array(src.buffer, src.byteOffset, src.length >> 2);
  const o32 = new Uint32Array(out.buffer);
  for (let k = 0; k < index.length; k++) {
    const i = index[k];
    if (i >= 0) o32[k] = s32[i];
  }
  return out;
}

/** Where a warped block goes in the image it is drawn into. */
export interface BlockPlace {
  /** The block's left column in the image (may be negative). */
  left: number;
  /** Its top row. */
  top: number;
  /** Its width: the projection's destination columns. */
  width: number;
  /** Its height: the projection's destination rows. */
  height: number;
}

/**
 * {@link reprojectPixels} straight into a larger image at the block's
 * place, clipped to the image: destination pixels with no source pixel are
 * left as they are (the image starts transparent, blocks do not overlap).
 *
 * @example
 * ```ts
 * import { reprojectInto } from "./projector.ts";
 * const out = new Uint8Array(3 * 1 * 4);
 * reprojectInto(Uint8Array.of(1, 2, 3, 4), Int32Array.of(0, -1), out, 3, 1,
 *   { left: 1, top: 0, width: 2, height: 1 });
 * [...out.subarray(4, 8)]; // [1, 2, 3, 4]
 * ```
 */
export function reprojectInto(
  src: Uint8Array,
  index: Int32Array,
  out: Uint8Array,
  outWidth: number,
  outHeight: number,
  place: BlockPlace,
): void {
  const s32 = new Uint32Array(src.buffer, src.byteOffset, src.length >> 2);
  const o32 = new Uint32Array(out.buffer, out.byteOffset, out.length >> 2);
  const { left, top, width, height } = place;
  const x0 = Math.max(0, left), x1 = Math.min(outWidth, left + width);
  if (x1 <= x0) return;
  for (let row = Math.max(0, -top); row < height; row++) {
    const y = top + row;
    if (y >= outHeight) break;
    let k = row * width + (x0 - left);
    let o = y * outWidth + x0;
    for (let x = x0; x < x1; x++, k++, o++) {
      const i = index[k];
      if (i >= 0) o32[o] = s32[i];
    }
  }
}
