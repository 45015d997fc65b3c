/**
 * Thin pens as Qt's raster engine draws them. A pen at most one pixel wide
 * (QGIS's default 0.26 mm line at 96 dpi is 0.98 px) is not stroked as an
 * outline by QPainter: Qt's cosmetic stroker walks each segment along its
 * major axis one pixel at a time and spreads a full pixel of coverage over
 * the two pixels across it (as Wu's lines do), scaled by the pen width; dash
 * patterns count whole pixels along that axis; caps add half a pixel at the
 * ends of an open path; pixels where segments meet are drawn twice. A Skia
 * stroke of the same width covers more pixels on diagonals and fewer at
 * joins, which shows as speckles beside QGIS's renders.
 *
 * `cosmeticPixels` computes the pixels (fixed-point arithmetic: 26.6
 * positions, 16.16 steps) and `drawCosmetic` paints them.
 *
 * @module
 */
import type { DirectPixels, PaintContext } from "./context.ts";
import type { Rgba } from "../style/props.ts";
import {
  paintCoverage,
  pixelScratch,
  pushPixel,
  totalMatrix,
} from "./_coverage.ts";

/** A pen drawn by the cosmetic stroker. */
export interface CosmeticPen {
  /** Width in pixels, 0–1 (0: a one-pixel hairline at full opacity). */
  width: number;
  /** True unless the cap is flat: open paths get half a pixel at each end. */
  caps: boolean;
  /** Dash pattern in pixels (on, off, …), or null for a solid pen. */
  dash: number[] | null;
  /** Dash offset in pixels. */
  dashOffset: number;
}

/** A polyline in pixels; `closed` when it is a ring (no caps). */
export interface CosmeticPath {
  /** `[x0, y0, x1, y1, …]`. */
  points: Float64Array;
  /**
   * Drawn as a polygon (QPainter::drawPolygon: closed, no caps) rather than
   * as a path, whose subpath is closed only when its ends coincide.
   */
  polygon?: boolean;
}

const CAP_BEGIN = 1, CAP_END = 2;

interface Stroker {
  w: number;
  h: number;
  opacity: number;
  pattern: number[] | null;
  reverse: number[] | null;
  patternLength: number;
  patternOffset: number;
  emit: (x: number, y: number, coverage: number) => void;
}

function fixedDiv(x: number, y: number): number {
  return Math.trunc((x * 65536) / y) | 0;
}

class Dasher {
  readonly pattern: number[];
  offset: number;
  index = 0;
  readonly on0: number;
  constructor(s: Stroker, reverse: boolean, start: number, stop: number) {
    const delta = stop - start;
    this.pattern = (reverse ? s.reverse : s.pattern)!;
    const len = s.patternLength;
    let offset = reverse
      ? len - s.patternOffset - delta - ((start & 63) - 32)
      : s.patternOffset - ((start & 63) - 32);
    this.on0 = reverse ? 0 : 1;
    offset %= len;
    if (offset < 0) offset += len;
    while (
      this.index < this.pattern.length - 1 && offset >= this.pattern[this.index]
    ) this.index++;
    this.offset = offset;
    s.patternOffset = (s.patternOffset + delta) % len;
  }
  on(): boolean {
    return ((this.index + this.on0) & 1) === 1;
  }
  adjust(s: Stroker): void {
    this.offset += 64;
    if (this.offset >= this.pattern[this.index]) {
      this.index = (this.index + 1) % this.pattern.length;
    }
    this.offset %= s.patternLength;
  }
}

const SOLID = {
  on: () => true,
  adjust: (_s: Stroker) => {},
};

// The segment clipSegment leaves (x1, y1, x2, y2), reused.
const clipped = new Float64Array(4);

/**
 * Clips a segment to the stroker's bounds into {@link clipped}; false when
 * nothing is left.
 */
function clipSegment(
  s: Stroker,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): boolean {
  const xmin = -1, ymin = -1, xmax = s.w + 1, ymax = s.h + 1;
  if (x1 < xmin) {
    if (x2 <= xmin) return false;
    y1 += ((y2 - y1) / (x2 - x1)) * (xmin - x1);
    x1 = xmin;
  } else if (x1 > xmax) {
    if (x2 >= xmax) return false;
    y1 += ((y2 - y1) / (x2 - x1)) * (xmax - x1);
    x1 = xmax;
  }
  if (x2 < xmin) {
    y2 += ((y2 - y1) / (x2 - x1)) * (xmin - x2);
    x2 = xmin;
  } else if (x2 > xmax) {
    y2 += ((y2 - y1) / (x2 - x1)) * (xmax - x2);
    x2 = xmax;
  }
  if (y1 < ymin) {
    if (y2 <= ymin) return false;
    x1 += ((x2 - x1) / (y2 - y1)) * (ymin - y1);
    y1 = ymin;
  } else if (y1 > ymax) {
    if (y2 >= ymax) return false;
    x1 += ((x2 - x1) / (y2 - y1)) * (ymax - y1);
    y1 = ymax;
  }
  if (y2 < ymin) {
    x2 += ((x2 - x1) / (y2 - y1)) * (ymin - y2);
    y2 = ymin;
  } else if (y2 > ymax) {
    x2 += ((x2 - x1) / (y2 - y1)) * (ymax - y2);
    y2 = ymax;
  }
  clipped[0] = x1;
  clipped[1] = y1;
  clipped[2] = x2;
  clipped[3] = y2;
  return true;
}

function swapCaps(caps: number): number {
  return ((caps & CAP_BEGIN) << 1) | ((caps & CAP_END) >> 1);
}

function pixel(s: Stroker, x: number, y: number, coverage: number): void {
  if (x < 0 || x >= s.w || y < 0 || y >= s.h) return;
  const c = (coverage * s.opacity) >> 8;
  if (c > 0) s.emit(x, y, c);
}

/** One anti-aliased segment (Qt's drawLineAA). */
function segment(
  s: Stroker,
  rx1: number,
  ry1: number,
  rx2: number,
  ry2: number,
  caps: number,
): void {
  if (!clipSegment(s, rx1, ry1, rx2, ry2)) return;
  let x1 = Math.trunc(clipped[0] * 64), y1 = Math.trunc(clipped[1] * 64);
  let x2 = Math.trunc(clipped[2] * 64), y2 = Math.trunc(clipped[3] * 64);
  const dx = x2 - x1, dy = y2 - y1;
  if (Math.abs(dx) < Math.abs(dy)) {
    const xinc = fixedDiv(dx, dy);
    let swapped = false;
    if (y1 > y2) {
      [y1, y2] = [y2, y1];
      [x1, x2] = [x2, x1];
      swapped = true;
      caps = swapCaps(caps);
    }
    let x = (x1 - 32) << 10;
    x -= (((y1 & 63) - 32) * xinc) >> 6;
    if (caps & CAP_BEGIN) {
      y1 -= 32;
      x -= xinc >> 1;
    }
    if (caps & CAP_END) y2 += 32;
    const dasher = s.pattern ? new Dasher(s, swapped, y1, y2) : SOLID;
    let y = y1 >> 6;
    const ys = y2 >> 6;
    let alphaStart: number, alphaEnd: number;
    if (y === ys) {
      alphaStart = y2 - y1;
      alphaEnd = 0;
    } else {
      alphaStart = 64 - (y1 & 63);
      alphaEnd = y2 & 63;
    }
    if (dasher.on()) {
      const a = (x >> 8) & 255;
      pixel(s, x >> 16, y, ((255 - a) * alphaStart) >> 6);
      pixel(s, (x >> 16) + 1, y, (a * alphaStart) >> 6);
    }
    dasher.adjust(s);
    x += xinc;
    y++;
    for (; y < ys; y++) {
      if (dasher.on()) {
        const a = (x >> 8) & 255;
        pixel(s, x >> 16, y, 255 - a);
        pixel(s, (x >> 16) + 1, y, a);
      }
      dasher.adjust(s);
      x += xinc;
    }
    if (alphaEnd && dasher.on()) {
      const a = (x >> 8) & 255;
      pixel(s, x >> 16, y, ((255 - a) * alphaEnd) >> 6);
      pixel(s, (x >> 16) + 1, y, (a * alphaEnd) >> 6);
    }
  } else {
    if (!dx) return;
    const yinc = fixedDiv(dy, dx);
    let swapped = false;
    if (x1 > x2) {
      [x1, x2] = [x2, x1];
      [y1, y2] = [y2, y1];
      swapped = true;
      caps = swapCaps(caps);
    }
    let y = (y1 - 32) << 10;
    y -= (((x1 & 63) - 32) * yinc) >> 6;
    if (caps & CAP_BEGIN) {
      x1 -= 32;
      y -= yinc >> 1;
    }
    if (caps & CAP_END) x2 += 32;
    const dasher = s.pattern ? new Dasher(s, swapped, x1, x2) : SOLID;
    let x = x1 >> 6;
    const xs = x2 >> 6;
    let alphaStart: number, alphaEnd: number;
    if (x === xs) {
      alphaStart = x2 - x1;
      alphaEnd = 0;
    } else {
      alphaStart = 64 - (x1 & 63);
      alphaEnd = x2 & 63;
    }
    if (dasher.on()) {
      const a = (y >> 8) & 255;
      pixel(s, x, y >> 16, ((255 - a) * alphaStart) >> 6);
      pixel(s, x, (y >> 16) + 1, (a * alphaStart) >> 6);
    }
    dasher.adjust(s);
    y += yinc;
    x++;
    for (; x < xs; x++) {
      if (dasher.on()) {
        const a = (y >> 8) & 255;
        pixel(s, x, y >> 16, 255 - a);
        pixel(s, x, (y >> 16) + 1, a);
      }
      dasher.adjust(s);
      y += yinc;
    }
    if (alphaEnd && dasher.on()) {
      const a = (y >> 8) & 255;
      pixel(s, x, y >> 16, ((255 - a) * alphaEnd) >> 6);
      pixel(s, x, (y >> 16) + 1, (a * alphaEnd) >> 6);
    }
  }
}

/**
 * The pixels Qt's cosmetic stroker draws for paths in a `width` × `height`
 * image, in drawing order: `emit(x, y, coverage)` with coverage 1–255 (the
 * pen's width already applied); a pixel may come more than once.
 *
 * @example
 * ```ts
 * import { cosmeticPixels } from "./cosmetic.ts";
 * const got: number[][] = [];
 * cosmeticPixels(
 *   [{ points: new Float64Array([1, 1.5, 4, 1.5]) }],
 *   { width: 1, caps: false, dash: null, dashOffset: 0 },
 *   8,
 *   4,
 *   (x, y, c) => got.push([x, y, c]),
 * );
 * got; // [[1, 1, 255], [2, 1, 255], [3, 1, 255]]
 * ```
 */
export function cosmeticPixels(
  paths: CosmeticPath[],
  pen: CosmeticPen,
  width: number,
  height: number,
  emit: (x: number, y: number, coverage: number) => void,
): void {
  const opacity = pen.width <= 0
    ? 256
    : Math.max(0, Math.min(256, Math.trunc(256 * pen.width)));
  let pattern: number[] | null = null, reverse: number[] | null = null;
  let patternLength = 0;
  if (pen.dash && pen.dash.length >= 2) {
    const steps = pen.dash.map((d) => Math.trunc(Math.max(1, d * 64)));
    pattern = [];
    reverse = [];
    let sum = 0;
    for (const v of steps) pattern.push(sum += v);
    patternLength = sum;
    sum = 0;
    for (let i = steps.length - 1; i >= 0; i--) reverse.push(sum += steps[i]);
  }
  const s: Stroker = {
    w: width,
    h: height,
    opacity,
    pattern,
    reverse,
    patternLength,
    patternOffset: 0,
    emit,
  };
  for (const path of paths) {
    const p = path.points;
    const n = p.length >> 1;
    if (n < 2) continue;
    s.patternOffset = Math.trunc(pen.dashOffset * 64);
    const closed = path.polygon === true ||
      (p[0] === p[2 * n - 2] && p[1] === p[2 * n - 1]);
    let caps = !closed && pen.caps ? CAP_BEGIN : 0;
    for (let i = 1; i < n; i++) {
      if (!closed && pen.caps && i === n - 1) caps |= CAP_END;
      segment(s, p[2 * i - 2], p[2 * i - 1], p[2 * i], p[2 * i + 1], caps);
      caps = 0;
    }
    if (path.polygon) {
      segment(s, p[2 * n - 2], p[2 * n - 1], p[0], p[1], 0);
    }
  }
}

/**
 * The scale of the canvas's matrix as Qt's raster engine measures it for a
 * pen (`txscale`), or null when the matrix rotates or shears (Qt then
 * strokes even thin pens as outlines when anti-aliasing).
 */
export function canvasPenScale(pc: PaintContext): number | null {
  return penScaleOf(totalMatrix(pc));
}

function penScaleOf(m: number[]): number | null {
  if (m[1] !== 0 || m[3] !== 0 || m[6] !== 0 || m[7] !== 0) return null;
  return Math.max(Math.abs(m[0]), Math.abs(m[4]));
}

/**
 * Whether QPainter draws a pen of this width (in the canvas's units) with
 * the cosmetic stroker: at most one device pixel wide under a matrix that
 * neither rotates nor shears.
 *
 * @example
 * ```ts ignore
 * import { isCosmeticPen } from "./cosmetic.ts";
 * isCosmeticPen(pc, 0.98); // true on an unscaled canvas
 * ```
 */
export function isCosmeticPen(pc: PaintContext, width: number): boolean {
  return isCosmeticPenUnder(totalMatrix(pc), width);
}

/** {@link isCosmeticPen} under the canvas's total matrix `m`. */
export function isCosmeticPenUnder(m: number[], width: number): boolean {
  const k = penScaleOf(m);
  return k !== null && width * k <= 1;
}

/**
 * Paints paths with a thin pen as Qt's cosmetic stroker does: each pixel
 * blended over the canvas with the pen colour at its coverage.
 *
 * @example
 * ```ts ignore
 * import { drawCosmetic } from "./cosmetic.ts";
 * drawCosmetic(pc, [{ points }], [0, 0, 0, 255], 1, pen);
 * ```
 *
 * `matrix`: the canvas's total matrix ({@link totalMatrix}) when the caller
 * has just read it; `direct`: with it, `drawTarget`'s pixels (the canvas
 * unchanged since).
 */
export function drawCosmetic(
  pc: PaintContext,
  paths: CosmeticPath[],
  rgba: Rgba,
  opacity: number,
  pen: CosmeticPen,
  matrix?: number[],
  direct?: DirectPixels | null,
): void {
  const alpha = (rgba[3] / 255) * opacity;
  if (alpha <= 0) return;
  // Qt's stroker works in device pixels: the points through the matrix,
  // the width as the device sees it
  const m = matrix ?? totalMatrix(pc);
  const k = penScaleOf(m) ?? 1;
  const identity = m[0] === 1 && m[4] === 1 && m[2] === 0 && m[5] === 0;
  const device = identity ? paths : paths.map((p) => {
    const q = new Float64Array(p.points.length);
    for (let i = 0; i + 1 < q.length; i += 2) {
      q[i] = p.points[i] * m[0] + m[2];
      q[i + 1] = p.points[i + 1] * m[4] + m[5];
    }
    return { ...p, points: q };
  });
  const px = pixelScratch;
  px.n = 0;
  cosmeticPixels(
    device,
    k === 1 ? pen : { ...pen, width: pen.width * k },
    pc.map.width,
    pc.map.height,
    pushPixel,
  );
  paintCoverage(
    pc,
    px,
    rgba,
    alpha,
    matrix,
    matrix === undefined ? undefined : direct,
  );
}

/**
 * QCosmeticStroker's subdivision of a cubic (`x0, y0, c1x, c1y, c2x, c2y,
 * x3, y3`): halves it while a control point lies a quarter of the chord's
 * Manhattan length or more off the chord, at most `level` times, and
 * appends the end points of the pieces to `out`.
 *
 * @example
 * ```ts
 * import { cosmeticCubicPoints } from "./cosmetic.ts";
 * const out: number[] = [];
 * cosmeticCubicPoints(out, [0, 0, 0, 10, 10, 10, 10, 0], 6);
 * out.slice(-2); // [10, 0]
 * ```
 */
export function cosmeticCubicPoints(
  out: number[],
  q: ArrayLike<number>,
  level: number,
): void {
  if (level > 0) {
    const dx = q[6] - q[0], dy = q[7] - q[1];
    const len = 0.25 * (Math.abs(dx) + Math.abs(dy));
    if (
      Math.abs(dx * (q[1] - q[5]) - dy * (q[0] - q[4])) >= len ||
      Math.abs(dx * (q[1] - q[3]) - dy * (q[0] - q[2])) >= len
    ) {
      const x0 = q[0], y0 = q[1], x1 = q[2], y1 = q[3];
      const x2 = q[4], y2 = q[5], x3 = q[6], y3 = q[7];
      const ax = (x0 + x1) / 2, ay = (y0 + y1) / 2;
      const bx = (x1 + x2) / 2, by = (y1 + y2) / 2;
      const qx = (x2 + x3) / 2, qy = (y2 + y3) / 2;
      const abx = (ax + bx) / 2, aby = (ay + by) / 2;
      const bqx = (bx + qx) / 2, bqy = (by + qy) / 2;
      const mx = (abx + bqx) / 2, my = (aby + bqy) / 2;
      cosmeticCubicPoints(out, [x0, y0, ax, ay, abx, aby, mx, my], level - 1);
      cosmeticCubicPoints(out, [mx, my, bqx, bqy, qx, qy, x3, y3], level - 1);
      return;
    }
  }
  out.push(q[6], q[7]);
}
