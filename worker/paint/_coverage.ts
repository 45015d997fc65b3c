/**
 * Pixels with a coverage each (Qt's cosmetic stroker, Qt's rasterizer)
 * blended over a canvas in the pen's colour, as QPainter blends its spans:
 * straight into the surface's pixels when nothing is pushed on the canvas,
 * otherwise as Skia points, one call per coverage level.
 *
 * @module
 */
import type { DirectPixels, PaintContext } from "./context.ts";
import type { Rgba } from "../style/props.ts";
import type { CanvasKit, MallocObj, Paint } from "canvaskit-wasm";
import { newPaint } from "./_skia.ts";
import { registerHeld } from "../cache/held.ts";
import { saveCountOf } from "./_ck_raw.ts";
import { type Outline, qtRasterize } from "./qt_raster.ts";

/** The pixels of one draw call: `(x, y, coverage)` triples, in device pixels. */
export interface CoveragePixels {
  /** `[x, y, coverage, …]`. */
  xyc: Int32Array;
  /** How many pixels. */
  n: number;
  /** Appends a pixel. */
  push(x: number, y: number, c: number): void;
}

/**
 * The canvas's total matrix: the one kept in {@link DirectPixels} while the
 * save count is that of the layer's own pixels, else read from the canvas.
 * Never changed by callers.
 *
 * @example
 * ```ts ignore
 * const m = totalMatrix(pc); // [1, 0, 0, 0, 1, 0, 0, 0, 1] on a map
 * ```
 */
export function totalMatrix(pc: PaintContext): number[] {
  const d = pc.direct;
  if (d?.matrix && saveCountOf(pc.ck, pc.canvas) === d.saveCount) {
    return d.matrix;
  }
  return pc.canvas.getTotalMatrix();
}

/**
 * {@link totalMatrix} and {@link directTarget} at once (one read of the
 * save count), into a shared object valid until the next call.
 *
 * @example
 * ```ts ignore
 * const { matrix, direct } = drawTarget(pc);
 * ```
 */
export function drawTarget(pc: PaintContext): DrawTarget {
  const d = pc.direct;
  const own = d !== undefined && saveCountOf(pc.ck, pc.canvas) === d.saveCount;
  const m = own && d.matrix ? d.matrix : pc.canvas.getTotalMatrix();
  target.matrix = m;
  target.direct = own && pc.featureBlendMode === 0 && m[0] === 1 &&
      m[4] === 1 && m[2] === 0 && m[5] === 0 && m[1] === 0 && m[3] === 0
    ? d
    : null;
  return target;
}

const target: DrawTarget = { matrix: [], direct: null };

/** Where drawing goes now ({@link drawTarget}). */
export interface DrawTarget {
  /** The canvas's total matrix. */
  matrix: number[];
  /** The map's pixels when coverage is blended straight into them, else null. */
  direct: DirectPixels | null;
}

/**
 * Blends `px` (device pixels, coverage 1–255) over the canvas in `rgba`
 * times `alpha` (colour alpha × opacity, 0–1); pixels repeated blend again.
 * `matrix` and `target`: a {@link drawTarget} read since which the canvas
 * has not changed (else the canvas is asked).
 */
export function paintCoverage(
  pc: PaintContext,
  px: CoveragePixels,
  rgba: Rgba,
  alpha: number,
  matrix?: number[],
  target?: DirectPixels | null,
): void {
  const { ck, canvas } = pc;
  let m: number[];
  let direct: DirectPixels | null;
  if (matrix !== undefined && target !== undefined) {
    // the caller's drawTarget, the canvas unchanged since
    m = matrix;
    direct = target;
  } else {
    // drawTarget's, without its shared object
    const d = pc.direct;
    const own = d !== undefined && saveCountOf(ck, canvas) === d.saveCount;
    m = own && d.matrix ? d.matrix : canvas.getTotalMatrix();
    direct = own && pc.featureBlendMode === 0 && m[0] === 1 && m[4] === 1 &&
        m[2] === 0 && m[5] === 0 && m[1] === 0 && m[3] === 0
      ? d
      : null;
  }
  const identity = m[0] === 1 && m[4] === 1 && m[2] === 0 && m[5] === 0 &&
    m[1] === 0 && m[3] === 0;
  // pixels grouped by coverage, the groups in the order their first pixel
  // came: one call per coverage level (the same colour at any alpha
  // composites the same in any order)
  if (px.n === 0) return;
  if (direct) {
    blendDirect(direct, px, rgba, alpha);
    return;
  }
  let restore = false;
  if (!identity) {
    const inverse = ck.Matrix.invert(m);
    if (!inverse) return;
    canvas.save();
    canvas.concat(inverse);
    restore = true;
  }
  const { counts, order } = countLevels(px);
  const xyc = px.xyc;
  // each group's first index in the points, in drawing order
  const starts = new Int32Array(256);
  let at = 0;
  for (const c of order) {
    starts[c] = at;
    at += counts[c];
  }
  let points = scratchPoints(ck, 2 * px.n);
  const next = starts.slice();
  for (let i = 0; i < px.n; i++) {
    const j = 2 * next[xyc[3 * i + 2]]++;
    points[j] = xyc[3 * i] + 0.5;
    points[j + 1] = xyc[3 * i + 1] + 0.5;
  }
  // a paint per coverage level when the context caches paints: no colour
  // to copy into WebAssembly per group
  const cache = pc.paints;
  const shared = cache ? null : cosmeticPaint(pc);
  const colors = colorsOf(rgba, alpha);
  const key = cache ? `c${pc.featureBlendMode}|${rgba}|${alpha}|` : "";
  for (const c of order) {
    const color = colors[c] ??= ck.Color4f(
      rgba[0] / 255,
      rgba[1] / 255,
      rgba[2] / 255,
      alpha * c / 255,
    );
    let paint = shared;
    if (cache) {
      paint = cache.get(key + c, () => {
        const p = cosmeticPaint(pc);
        p.setColor(color);
        return p;
      });
    } else paint!.setColor(color);
    // drawing may grow the heap, which detaches the previous view
    if (points.length === 0) points = scratchPoints(ck, 2 * px.n);
    const group = points.subarray(2 * starts[c], 2 * (starts[c] + counts[c]));
    // CanvasKit reads an array of its own heap in place (no copy)
    (group as unknown as { _ck: boolean })._ck = true;
    canvas.drawPoints(ck.PointMode.Points, group, paint!);
  }
  shared?.delete();
  if (restore) canvas.restore();
}

/** Skia's `SkColor4f::toSkColor` of one channel: float32, rounded. */
function to8(v: number): number {
  return Math.trunc(Math.fround(Math.fround(Math.fround(v) * 255) + 0.5));
}

/**
 * Blends the pixels straight into the surface as QPainter blends its spans
 * of a solid colour source-over (`comp_func_solid_SourceOver` on
 * ARGB32_Premultiplied): the colour's alpha through `QColor`'s 16 bits,
 * premultiplied, scaled by each pixel's coverage and laid over the pixel,
 * every product rounded as Qt's `BYTE_MUL` rounds it, in the order the
 * pixels come. Skia's blitter (`SkPMSrcOver`: `dst × (256 − srcAlpha) >>
 * 8`) truncates instead: where a thin outline crosses a pixel many times
 * (a polygon of a fraction of a pixel) each crossing took a level more of
 * what lay beneath, and a fill under it vanished (bureau-of-american-
 * ethnology-maps: tribal lands' yellow gone under their black outlines).
 * The canvas path (Skia points, inside layers) keeps Skia's arithmetic.
 */
function blendDirect(
  direct: DirectPixels,
  px: CoveragePixels,
  rgba: Rgba,
  alpha: number,
): void {
  const xyc = px.xyc, n = px.n;
  let pixels = views.get(direct);
  // a view taken before CanvasKit's heap grew is empty after
  if (!pixels || pixels.length === 0) {
    views.set(direct, pixels = direct.pixels());
  }
  // QColor::setAlphaF keeps 16 bits; toArgb32 takes 8 (qt_div_257)
  const a16 = Math.round(Math.min(1, Math.max(0, alpha)) * 65535);
  const a = (a16 - (a16 >> 8) + 0x80) >> 8;
  const r = byteMul(to8(rgba[0] / 255), a),
    g = byteMul(to8(rgba[1] / 255), a),
    b = byteMul(to8(rgba[2] / 255), a);
  const w = direct.width;
  for (let i = 0; i < n; i++) {
    const c = xyc[3 * i + 2];
    const sa = byteMul(a, c);
    if (sa === 0 && (r | g | b) === 0) continue;
    const inv = 255 - sa;
    const j = 4 * (xyc[3 * i + 1] * w + xyc[3 * i]);
    pixels[j] = byteMul(r, c) + byteMul(pixels[j], inv);
    pixels[j + 1] = byteMul(g, c) + byteMul(pixels[j + 1], inv);
    pixels[j + 2] = byteMul(b, c) + byteMul(pixels[j + 2], inv);
    pixels[j + 3] = sa + byteMul(pixels[j + 3], inv);
  }
}

/** Qt's `BYTE_MUL` of one channel: `x × a / 255`, rounded. */
function byteMul(x: number, a: number): number {
  const t = x * a;
  return (t + (t >> 8) + 0x80) >> 8;
}

const views = new WeakMap<DirectPixels, Uint8Array>();

// a 32-bit view of the last byte view above (same memory)
let words: { bytes: Uint8Array; words: Uint32Array } | null = null;

function wordsOf(bytes: Uint8Array): Uint32Array {
  if (words === null || words.bytes !== bytes) {
    words = {
      bytes,
      words: new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2),
    };
  }
  return words.words;
}

/**
 * The map's pixels when coverage drawn now would be blended straight into
 * them ({@link paintCoverage}'s direct case: the layer's own pixels, no
 * matrix, the normal feature blend), else null.
 */
export function directTarget(pc: PaintContext): DirectPixels | null {
  const d = pc.direct;
  if (!d || pc.featureBlendMode !== 0) return null;
  if (saveCountOf(pc.ck, pc.canvas) !== d.saveCount) return null;
  const m = d.matrix ?? pc.canvas.getTotalMatrix();
  return m[0] === 1 && m[4] === 1 && m[2] === 0 && m[5] === 0 &&
      m[1] === 0 && m[3] === 0
    ? d
    : null;
}

/**
 * The pixels of one shape's coverage, made once and blended at whole-pixel
 * shifts ({@link blendStamp}): grouped by coverage level in first-seen
 * order as {@link paintCoverage} blends them, each pixel as its byte
 * offset from the shape's origin in rows of `width` pixels.
 */
export interface CoverageStamp {
  /** Row width in pixels the offsets are for. */
  width: number;
  /** Coverage levels in blending order. */
  levels: Int32Array;
  /** Each level's first index in `offsets`, then the end. */
  starts: Int32Array;
  /** Byte offsets from the origin, level by level. */
  offsets: Int32Array;
  /** The premultiplied source per level of the last colour blended. */
  rgba: Rgba | null;
  alpha: number;
  colors: Int32Array;
}

/** How many of `px` are at each coverage level, and the levels in order of first appearance. */
function countLevels(
  px: CoveragePixels,
): { counts: Int32Array; order: number[] } {
  const counts = new Int32Array(256);
  const order: number[] = [];
  const xyc = px.xyc;
  for (let i = 0; i < px.n; i++) {
    const c = xyc[3 * i + 2];
    if (counts[c]++ === 0) order.push(c);
  }
  return { counts, order };
}

/**
 * A stamp of `px` (device pixels) relative to `(x0, y0)` in rows of
 * `width` pixels.
 */
export function makeStamp(
  px: CoveragePixels,
  x0: number,
  y0: number,
  width: number,
): CoverageStamp {
  const { counts, order: levels } = countLevels(px);
  const xyc = px.xyc;
  const starts = new Int32Array(levels.length + 1);
  const next = new Int32Array(256);
  let at = 0;
  levels.forEach((c, k) => {
    starts[k] = next[c] = at;
    at += counts[c];
  });
  starts[levels.length] = at;
  const offsets = new Int32Array(px.n);
  for (let i = 0; i < px.n; i++) {
    offsets[next[xyc[3 * i + 2]]++] = 4 *
      ((xyc[3 * i + 1] - y0) * width + xyc[3 * i] - x0);
  }
  return {
    width,
    levels: Int32Array.from(levels),
    starts,
    offsets,
    rgba: null,
    alpha: NaN,
    colors: new Int32Array(4 * levels.length),
  };
}

/**
 * Blends a stamp at byte offset `base` of the direct pixels, exactly as
 * {@link paintCoverage} blends the same pixels there (`blendDirect`).
 */
export function blendStamp(
  direct: DirectPixels,
  stamp: CoverageStamp,
  base: number,
  rgba: Rgba,
  alpha: number,
): void {
  const colors = stamp.colors, levels = stamp.levels;
  if (stamp.rgba !== rgba || stamp.alpha !== alpha) {
    // as blendDirect: QColor's alpha, premultiplied, by coverage, rounded
    const a16 = Math.round(Math.min(1, Math.max(0, alpha)) * 65535);
    const a = (a16 - (a16 >> 8) + 0x80) >> 8;
    const r = byteMul(to8(rgba[0] / 255), a),
      g = byteMul(to8(rgba[1] / 255), a),
      b = byteMul(to8(rgba[2] / 255), a);
    for (let k = 0; k < levels.length; k++) {
      const c = levels[k];
      colors[4 * k] = byteMul(a, c);
      colors[4 * k + 1] = byteMul(r, c);
      colors[4 * k + 2] = byteMul(g, c);
      colors[4 * k + 3] = byteMul(b, c);
    }
    stamp.rgba = rgba;
    stamp.alpha = alpha;
  }
  let pixels = views.get(direct);
  if (!pixels || pixels.length === 0) {
    views.set(direct, pixels = direct.pixels());
  }
  const offsets = stamp.offsets, starts = stamp.starts;
  for (let k = 0; k < levels.length; k++) {
    const sa = colors[4 * k];
    const sr = colors[4 * k + 1],
      sg = colors[4 * k + 2],
      sb = colors[4 * k + 3];
    if (sa === 0 && (sr | sg | sb) === 0) continue;
    const inv = 255 - sa;
    if (inv === 0 && (pixels.byteOffset & 3) === 0) {
      // opaque: BYTE_MUL(dst, 0) is 0, the source replaces the pixel; one
      // 32-bit store (WebAssembly's memory is little-endian)
      const words = wordsOf(pixels);
      const word = (sr | (sg << 8) | (sb << 16) | (sa << 24)) >>> 0;
      for (let i = starts[k], end = starts[k + 1]; i < end; i++) {
        words[(base + offsets[i]) >> 2] = word;
      }
      continue;
    }
    for (let i = starts[k], end = starts[k + 1]; i < end; i++) {
      const j = base + offsets[i];
      pixels[j] = sr + byteMul(pixels[j], inv);
      pixels[j + 1] = sg + byteMul(pixels[j + 1], inv);
      pixels[j + 2] = sb + byteMul(pixels[j + 2], inv);
      pixels[j + 3] = sa + byteMul(pixels[j + 3], inv);
    }
  }
}

function cosmeticPaint(pc: PaintContext): Paint {
  const { ck } = pc;
  const paint = newPaint(ck, pc.featureBlendMode);
  paint.setAntiAlias(false);
  paint.setStyle(ck.PaintStyle.Stroke);
  paint.setStrokeWidth(1);
  paint.setStrokeCap(ck.StrokeCap.Square);
  return paint;
}

// The colours of the last few pens at every coverage level.
const colorCache = new Map<string, Float32Array[]>();

function colorsOf(rgba: Rgba, alpha: number): Float32Array[] {
  const key = `${rgba}|${alpha}`;
  let colors = colorCache.get(key);
  if (!colors) {
    if (colorCache.size >= 64) colorCache.clear();
    colorCache.set(key, colors = []);
  }
  return colors;
}

// The pixels of one drawCosmetic call (x, y, coverage), grown as needed.
export const pixelScratch: CoveragePixels = {
  xyc: new Int32Array(3 * 1024),
  n: 0,
  push(x: number, y: number, c: number): void {
    if (3 * (this.n + 1) > this.xyc.length) {
      const grown = new Int32Array(this.xyc.length * 2);
      grown.set(this.xyc);
      this.xyc = grown;
    }
    const i = 3 * this.n++;
    this.xyc[i] = x;
    this.xyc[i + 1] = y;
    this.xyc[i + 2] = c;
  },
};

/**
 * {@linkcode pixelScratch}'s push as one function for the worker's life:
 * the rasterizers' sink. A closure made per call (`(x, y, c) =>
 * px.push(x, y, c)`) was compiled anew, to Maglev then TurboFan, for every
 * path and every label drawn (V8 did not share the optimized code between
 * the closures), and the rasterizer calling it saw a new target each time.
 *
 * @example
 * ```ts
 * import { pixelScratch, pushPixel } from "./_coverage.ts";
 * pixelScratch.n = 0;
 * pushPixel(3, 4, 255);
 * pixelScratch.n; // 1
 * ```
 */
export function pushPixel(x: number, y: number, c: number): void {
  pixelScratch.push(x, y, c);
}

/**
 * The coverage of an outline filled as QPainter fills it (Qt's gray
 * rasterizer, non-zero winding, clipped to `width` × `height`), in
 * {@link pixelScratch}: valid until the next use of that scratch.
 *
 * @example
 * ```ts
 * import { qtCoverage } from "./_coverage.ts";
 * qtCoverage([[1, 1, 3, 1, 3, 3, 1, 3]], 4, 4).n; // 4
 * ```
 */
export function qtCoverage(
  outline: Outline,
  width: number,
  height: number,
): CoveragePixels {
  const px = pixelScratch;
  px.n = 0;
  qtRasterize(outline, width, height, false, pushPixel);
  return px;
}

// Points for drawPoints in CanvasKit's heap, reused across calls.
let heapPoints: { ck: CanvasKit; obj: MallocObj; length: number } | null = null;
// in CanvasKit's heap (part of wasm.canvaskit)
registerHeld("canvaskit.points", () => 4 * (heapPoints?.length ?? 0));

function scratchPoints(ck: CanvasKit, length: number): Float32Array {
  if (!heapPoints || heapPoints.ck !== ck || heapPoints.length < length) {
    if (heapPoints) heapPoints.ck.Free(heapPoints.obj);
    const size = Math.max(length, 2 * (heapPoints?.length ?? 4096));
    heapPoints = { ck, obj: ck.Malloc(Float32Array, size), length: size };
  }
  // the view is made anew when the heap has grown since
  return heapPoints.obj.toTypedArray() as Float32Array;
}
