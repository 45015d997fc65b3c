/**
 * `QgsRasterResampleFilter`: with a bilinear or cubic resampler, QGIS
 * renders the raster near its own resolution (zoomed in: at most the
 * map's, zoomed out: at most `maxOversampling` × the map's) and scales the
 * rendered image to the output. The scaling here is bilinear on
 * premultiplied pixels with centres aligned (Qt's smooth scaling and
 * QGIS's cubic resampler differ in rounding: an approximation).
 *
 * @module
 */
import type { RasterStyle } from "./style.ts";

/**
 * The size to render a `width × height` block at before resampling, or
 * null when QGIS would not resample (nearest neighbour, or at the source
 * resolution).
 *
 * @example
 * ```ts
 * import { resampleSize } from "./resample.ts";
 * const r = { zoomedIn: "bilinear" as const, zoomedOut: "nearestNeighbour" as const, maxOversampling: 2, provider: false };
 * resampleSize(r, 100, 50, 0.25); // [25, 12]
 * ```
 */
export function resampleSize(
  resampling: RasterStyle["resampling"],
  width: number,
  height: number,
  pixelRatio: number,
): [number, number] | null {
  if (resampling.provider) return null;
  let oversampling = pixelRatio > resampling.maxOversampling
    ? resampling.maxOversampling
    : pixelRatio;
  const zoomedIn = resampling.zoomedIn !== "nearestNeighbour";
  const zoomedOut = resampling.zoomedOut !== "nearestNeighbour";
  if ((oversampling < 1 && !zoomedIn) || (oversampling > 1 && !zoomedOut)) {
    oversampling = 1;
  }
  const w = Math.trunc(width * oversampling);
  const h = Math.trunc(height * oversampling);
  if (
    Math.abs(oversampling - 1) <= 4 * Number.EPSILON || w < 1 || h < 1 ||
    (w === width && h === height)
  ) {
    return null;
  }
  return [w, h];
}

/**
 * Scales premultiplied RGBA bilinearly (pixel centres aligned, edges
 * clamped).
 *
 * @example
 * ```ts
 * import { scaleBilinear } from "./resample.ts";
 * const out = scaleBilinear(Uint8Array.of(0, 0, 0, 255, 200, 200, 200, 255), 2, 1, 4, 1);
 * Array.from(out.subarray(4, 8)); // [50, 50, 50, 255]
 * ```
 */
export function scaleBilinear(
  src: Uint8Array,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
): Uint8Array {
  const out = new Uint8Array(dw * dh * 4);
  const xs = new Float64Array(dw);
  for (let x = 0; x < dw; x++) {
    xs[x] = Math.min(sw - 1, Math.max(0, (x + 0.5) * sw / dw - 0.5));
  }
  for (let y = 0; y < dh; y++) {
    const sy = Math.min(sh - 1, Math.max(0, (y + 0.5) * sh / dh - 0.5));
    const y0 = Math.floor(sy), y1 = Math.min(sh - 1, y0 + 1), fy = sy - y0;
    for (let x = 0; x < dw; x++) {
      const sx = xs[x];
      const x0 = Math.floor(sx), x1 = Math.min(sw - 1, x0 + 1), fx = sx - x0;
      const a = (y0 * sw + x0) * 4, b = (y0 * sw + x1) * 4;
      const c = (y1 * sw + x0) * 4, d = (y1 * sw + x1) * 4;
      const o = (y * dw + x) * 4;
      for (let k = 0; k < 4; k++) {
        const top = src[a + k] + (src[b + k] - src[a + k]) * fx;
        const bottom = src[c + k] + (src[d + k] - src[c + k]) * fx;
        out[o + k] = Math.round(top + (bottom - top) * fy);
      }
    }
  }
  return out;
}
