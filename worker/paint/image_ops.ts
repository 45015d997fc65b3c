/**
 * The image operations of QGIS's paint effects (`QgsImageOperation`) on
 * RGBA images of straight (not premultiplied) colour, as QGIS keeps its
 * effect images (`QImage::Format_ARGB32`): Qt's exponential "stack" blur,
 * QGIS's Gaussian blur, the distance transform a glow is shaded from,
 * colour overlay and opacity. The blurs work on premultiplied colour, as
 * QGIS converts to `Format_ARGB32_Premultiplied` for them, with Qt's
 * rounding on the way there and back.
 *
 * @module
 */
import type { Rgba } from "../style/props.ts";

/** An image of straight RGBA bytes, row after row. */
export interface RgbaImage {
  /** `width × height × 4` bytes. */
  data: Uint8Array;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/**
 * A fresh transparent image.
 *
 * @example
 * ```ts
 * import { newImage } from "./image_ops.ts";
 * newImage(2, 3).data.length; // 24
 * ```
 */
export function newImage(width: number, height: number): RgbaImage {
  return { data: new Uint8Array(width * height * 4), width, height };
}

/** Qt's `qPremultiply` of one channel. */
function premul(c: number, a: number): number {
  const t = c * a;
  return (t + (t >> 8) + 0x80) >> 8;
}

// Qt's qt_inv_premul_factor: 65536 · 255 / alpha, rounded
const INV_PREMUL = new Uint32Array(256);
for (let a = 1; a < 256; a++) INV_PREMUL[a] = Math.round((255 * 65536) / a);

/**
 * Straight colour to premultiplied (Qt's `qPremultiply`), in place.
 *
 * @example
 * ```ts
 * import { premultiply } from "./image_ops.ts";
 * const px = new Uint8Array([255, 0, 0, 128]);
 * premultiply(px); // px is [128, 0, 0, 128]
 * ```
 */
export function premultiply(data: Uint8Array): void {
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3];
    if (a === 255) continue;
    data[i] = premul(data[i], a);
    data[i + 1] = premul(data[i + 1], a);
    data[i + 2] = premul(data[i + 2], a);
  }
}

/**
 * Premultiplied colour to straight (Qt's `qUnpremultiply`), in place.
 *
 * @example
 * ```ts
 * import { unpremultiply } from "./image_ops.ts";
 * const px = new Uint8Array([128, 0, 0, 128]);
 * unpremultiply(px); // px is [255, 0, 0, 128]
 * ```
 */
export function unpremultiply(data: Uint8Array): void {
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3];
    if (a === 255) continue;
    if (a === 0) {
      data[i] = data[i + 1] = data[i + 2] = 0;
      continue;
    }
    const inv = INV_PREMUL[a];
    data[i] = Math.min(255, (data[i] * inv + 0x8000) >>> 16);
    data[i + 1] = Math.min(255, (data[i + 1] * inv + 0x8000) >>> 16);
    data[i + 2] = Math.min(255, (data[i + 2] * inv + 0x8000) >>> 16);
  }
}

/**
 * Replaces every pixel's colour by `color`, keeping its alpha
 * (`QgsImageOperation::overlayColor`).
 *
 * @example
 * ```ts
 * import { newImage, overlayColor } from "./image_ops.ts";
 * const im = newImage(1, 1);
 * im.data.set([10, 20, 30, 40]);
 * overlayColor(im, [0, 0, 0, 255]); // im.data is [0, 0, 0, 40]
 * ```
 */
export function overlayColor(image: RgbaImage, color: Rgba): void {
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] === 0) {
      d[i] = d[i + 1] = d[i + 2] = 0;
      continue;
    }
    d[i] = color[0];
    d[i + 1] = color[1];
    d[i + 2] = color[2];
  }
}

/**
 * Multiplies every pixel's alpha by `factor` (`QgsImageOperation::
 * multiplyOpacity`): below 1 as a `DestinationIn` fill with alpha
 * `⌊255 · factor⌋`, above 1 rounded and clamped.
 *
 * @example
 * ```ts
 * import { multiplyOpacity, newImage } from "./image_ops.ts";
 * const im = newImage(1, 1);
 * im.data.set([10, 20, 30, 200]);
 * multiplyOpacity(im, 0.5); // alpha 200 · 127 / 255 = 100
 * ```
 */
export function multiplyOpacity(image: RgbaImage, factor: number): void {
  if (Math.abs(factor - 1) < 1e-8) return;
  const d = image.data;
  if (factor < 1) {
    // Qt fills Format_ARGB32 through premultiplied colour: BYTE_MUL of
    // each premultiplied channel, then back to straight colour
    const f = Math.max(0, Math.trunc(255 * factor));
    premultiply(d);
    for (let i = 0; i < d.length; i++) d[i] = premul(d[i], f);
    unpremultiply(d);
  } else {
    for (let i = 3; i < d.length; i += 4) {
      d[i] = Math.min(255, Math.max(0, Math.round(factor * d[i])));
    }
  }
}

/**
 * Inverts every channel, alpha too (`QImage::invertPixels(InvertRgba)`).
 *
 * @example
 * ```ts
 * import { invertRgba, newImage } from "./image_ops.ts";
 * const im = newImage(1, 1);
 * invertRgba(im); // im.data is [255, 255, 255, 255]
 * ```
 */
export function invertRgba(image: RgbaImage): void {
  const d = image.data;
  for (let i = 0; i < d.length; i++) d[i] = 255 - d[i];
}

// Qt's qpixmapfilter stack blur weights, by radius
const STACK_TAB = [14, 10, 8, 6, 5, 5, 4, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2];

function stackLine(
  d: Uint8Array,
  start: number,
  step: number,
  n: number,
  alpha: number,
): void {
  let p = start;
  const s = [d[p] << 4, d[p + 1] << 4, d[p + 2] << 4, d[p + 3] << 4];
  p += step;
  for (let j = 1; j < n; j++, p += step) {
    for (let c = 0; c < 4; c++) {
      // C's integer division truncates toward zero
      s[c] += Math.trunc((((d[p + c] << 4) - s[c]) * alpha) / 16);
      d[p + c] = s[c] >> 4;
    }
  }
}

/**
 * Qt's exponential blur as QGIS's `stackBlur` runs it: top to bottom,
 * left to right, bottom to top, right to left, on premultiplied colour.
 *
 * @example
 * ```ts
 * import { newImage, stackBlur } from "./image_ops.ts";
 * const im = newImage(9, 9);
 * im.data.set([0, 0, 0, 255], (4 * 9 + 4) * 4);
 * stackBlur(im, 2);
 * ```
 */
export function stackBlur(image: RgbaImage, radius: number): void {
  const alpha = radius < 1 ? 16 : radius > 17 ? 1 : STACK_TAB[radius - 1];
  if (alpha === 16) return;
  const { data: d, width: w, height: h } = image;
  premultiply(d);
  const row = w * 4;
  for (let x = 0; x < w; x++) stackLine(d, x * 4, row, h, alpha);
  for (let y = 0; y < h; y++) stackLine(d, y * row, 4, w, alpha);
  for (let x = 0; x < w; x++) {
    stackLine(d, (h - 1) * row + x * 4, -row, h, alpha);
  }
  for (let y = 0; y < h; y++) stackLine(d, y * row + (w - 1) * 4, -4, w, alpha);
  unpremultiply(d);
}

function gaussianKernel(radius: number): Float64Array {
  const k = new Float64Array(radius * 2 + 1);
  const sigma = radius / 3;
  const twoSigma2 = 2 * sigma * sigma;
  const coefficient = 1 / Math.sqrt(Math.PI * twoSigma2);
  const e = -1 / twoSigma2;
  let sum = 0;
  for (let i = 0; i <= radius; i++) {
    const v = coefficient * Math.exp(i * i * e);
    k[radius - i] = v;
    sum += v;
    if (i > 0) {
      k[radius + i] = v;
      sum += v;
    }
  }
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  return k;
}

/**
 * QGIS's Gaussian blur (`QgsImageOperation::gaussianBlur`): a kernel of
 * `2·radius + 1` taps, σ = radius / 3, edges clamped, on premultiplied
 * colour, each pass truncating to bytes. Returns a new image.
 *
 * @example
 * ```ts
 * import { gaussianBlur, newImage } from "./image_ops.ts";
 * const out = gaussianBlur(newImage(20, 20), 5);
 * out.width; // 20
 * ```
 */
export function gaussianBlur(image: RgbaImage, radius: number): RgbaImage {
  const { width: w, height: h } = image;
  const src = image.data.slice();
  if (radius <= 0) return { data: src, width: w, height: h };
  premultiply(src);
  const k = gaussianKernel(radius);
  const tmp = new Uint8Array(src.length);
  // QGIS's first pass, "by row", sums along columns
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let i = 0; i <= radius * 2; i++) {
        const yy = Math.min(h - 1, Math.max(0, y + i - radius));
        const o = (yy * w + x) * 4;
        r += k[i] * src[o];
        g += k[i] * src[o + 1];
        b += k[i] * src[o + 2];
        a += k[i] * src[o + 3];
      }
      const o = (y * w + x) * 4;
      tmp[o] = r;
      tmp[o + 1] = g;
      tmp[o + 2] = b;
      tmp[o + 3] = a;
    }
  }
  const out = new Uint8Array(src.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let i = 0; i <= radius * 2; i++) {
        const xx = Math.min(w - 1, Math.max(0, x + i - radius));
        const o = (y * w + xx) * 4;
        r += k[i] * tmp[o];
        g += k[i] * tmp[o + 1];
        b += k[i] * tmp[o + 2];
        a += k[i] * tmp[o + 3];
      }
      const o = (y * w + x) * 4;
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
      out[o + 3] = a;
    }
  }
  unpremultiply(out);
  return { data: out, width: w, height: h };
}

const INF = 1e20;

// squared-distance transform of a sampled function (Felzenszwalb &
// Huttenlocher), the method QGIS uses
function dt1d(
  f: Float64Array,
  n: number,
  v: Int32Array,
  z: Float64Array,
  d: Float64Array,
): void {
  let k = 0;
  v[0] = 0;
  z[0] = -INF;
  z[1] = INF;
  for (let q = 1; q < n; q++) {
    let s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    while (s <= z[k]) {
      k--;
      s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = INF;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1] < q) k++;
    d[q] = (q - v[k]) * (q - v[k]) + f[v[k]];
  }
}

/** The "infinite" distance of a pixel not yet reached (`INF` in QGIS). */
export const DT_INF = INF;

/**
 * The squared distance transform of a `w × h` grid in place (columns, then
 * rows, as QGIS's `distanceTransform2d`): each cell becomes its squared
 * distance to the nearest cell that was 0 ({@link DT_INF} elsewhere).
 *
 * @example
 * ```ts
 * import { DT_INF, squaredDistanceTransform } from "./image_ops.ts";
 * const a = Float64Array.of(0, DT_INF, DT_INF);
 * squaredDistanceTransform(a, 3, 1);
 * Array.from(a); // [0, 1, 4]
 * ```
 */
export function squaredDistanceTransform(
  arr: Float64Array,
  w: number,
  h: number,
): void {
  const m = Math.max(w, h);
  const f = new Float64Array(m);
  const v = new Int32Array(m);
  const z = new Float64Array(m + 1);
  const out = new Float64Array(m);
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) f[y] = arr[x + y * w];
    dt1d(f, h, v, z, out);
    for (let y = 0; y < h; y++) arr[x + y * w] = out[y];
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) f[x] = arr[x + y * w];
    dt1d(f, w, v, z, out);
    for (let x = 0; x < w; x++) arr[x + y * w] = out[x];
  }
}

/** A colour ramp: a colour for each value in 0–1. */
export type ColorRampFn = (value: number) => Rgba;

/**
 * Shades an image by each pixel's distance to its shape, as QGIS's glow
 * does (`QgsImageOperation::distanceTransform` without a maximum
 * distance): outside the shape (`shadeExterior`) or inside it, coloured
 * by `ramp(distance / spread)`, transparent beyond `spread` pixels, the
 * last pixel outside faded to smooth the edge.
 *
 * @example
 * ```ts
 * import { distanceTransform, newImage } from "./image_ops.ts";
 * const im = newImage(9, 9);
 * im.data.set([0, 0, 0, 255], (4 * 9 + 4) * 4);
 * distanceTransform(im, 3, true, (v) => [255, 0, 0, Math.round(255 * (1 - v))]);
 * ```
 */
export function distanceTransform(
  image: RgbaImage,
  spread: number,
  shadeExterior: boolean,
  ramp: ColorRampFn,
): void {
  const { data: d, width: w, height: h } = image;
  const n = w * h;
  const arr = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = d[i * 4 + 3];
    if (shadeExterior) arr[i] = a > 0 ? 1 - a / 255 : INF;
    else arr[i] = a === 255 ? INF : 0;
  }
  squaredDistanceTransform(arr, w, h);
  const spread2 = spread * spread;
  const full = Math.abs(spread) < 1e-8 ? ramp(1) : null;
  for (let i = 0; i < n; i++) {
    let c: Rgba;
    if (full) c = full;
    else {
      const sq = arr[i];
      if (sq > spread2) {
        d.fill(0, i * 4, i * 4 + 4);
        continue;
      }
      const distance = Math.sqrt(sq);
      c = ramp(distance / spread);
      if (shadeExterior && distance > spread - 1) {
        // QColor::setAlpha(int(alpha · factor))
        c = [c[0], c[1], c[2], Math.trunc(c[3] * (spread - distance))];
      }
    }
    d[i * 4] = c[0];
    d[i * 4 + 1] = c[1];
    d[i * 4 + 2] = c[2];
    d[i * 4 + 3] = c[3];
  }
}
