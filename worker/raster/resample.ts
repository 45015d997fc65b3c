/**
 * `QgsRasterResampleFilter`: with a bilinear or cubic resampler, QGIS
 * renders the raster near its own resolution (zoomed in: at most the
 * map's, zoomed out: at most `maxOversampling` × the map's), a few source
 * pixels beyond the block, and scales the rendered image to the output.
 * Bilinear is Qt's smooth scaling (`qtSmoothScale`, exact); cubic (GDAL's
 * cubic in QGIS) is bilinear here, an approximation.
 *
 * @module
 */
import type { RasterStyle } from "./style.ts";

/** How QGIS 3.22's resample filter renders one block (`resamplePlan`). */
export interface ResamplePlan {
  /** The extent rendered: the block's, grown by `buffer` source pixels. */
  extent: { xmin: number; ymin: number; xmax: number; ymax: number };
  /** Size rendered (near the source resolution, the buffer included). */
  width: number;
  height: number;
  /** Size the rendered image is scaled to (the buffered extent's at the block's resolution). */
  scaledWidth: number;
  scaledHeight: number;
  /** Where the block lies in the scaled image. */
  cropX: number;
  cropY: number;
  /** The resampler: bilinear (Qt's smooth scaling) or cubic. */
  method: "bilinear" | "cubic";
}

// QgsRasterResampler::tileBufferPixels: bilinear 1, cubic 2
function tileBuffer(method: string): number {
  return method === "cubic" ? 2 : 1;
}

// qgsDoubleNear's default epsilon
const near = (a: number, b: number) => Math.abs(a - b) <= 4 * Number.EPSILON;

/**
 * How QGIS 3.22's `QgsRasterResampleFilter::block` renders a block of
 * `width × height` over `extent`, or null when it renders it as it is
 * (nearest neighbour for the zoom direction, or the provider resamples).
 * With a resampler the pipe below renders near the source resolution
 * (`oversampling` = the block's pixel over the source's, at most
 * `maxOversampling`) over the extent grown by `ceil(buffer × oversampling)`
 * source pixels (the resampler's kernel: bilinear 1, cubic 2), scales that
 * image to the grown extent at the block's resolution and crops the block
 * from its middle: the block's edges take the pixels beyond it, transparent
 * beyond the raster.
 *
 * @example
 * ```ts
 * import { resamplePlan } from "./resample.ts";
 * const r = { zoomedIn: "bilinear" as const, zoomedOut: "bilinear" as const, maxOversampling: 2, provider: false };
 * const plan = resamplePlan(r, { xmin: 0, ymin: 0, xmax: 100, ymax: 100 }, 50, 50, 1);
 * [plan?.width, plan?.scaledWidth, plan?.cropX]; // [104, 52, 1]
 * ```
 */
export function resamplePlan(
  resampling: RasterStyle["resampling"],
  extent: { xmin: number; ymin: number; xmax: number; ymax: number },
  width: number,
  height: number,
  providerXRes: number,
): ResamplePlan | null {
  if (resampling.provider) return null;
  const zoomedIn = resampling.zoomedIn !== "nearestNeighbour";
  const zoomedOut = resampling.zoomedOut !== "nearestNeighbour";
  if (!zoomedIn && !zoomedOut) return null;
  const extW = extent.xmax - extent.xmin, extH = extent.ymax - extent.ymin;
  const pixelRatio = extW / width / providerXRes;
  const oversampling = pixelRatio > resampling.maxOversampling
    ? resampling.maxOversampling
    : pixelRatio;
  if (
    ((oversampling < 1 || near(oversampling, 1)) && !zoomedIn) ||
    (oversampling > 1 && !zoomedOut)
  ) return null;
  const osX = width * oversampling / width;
  const osY = height * oversampling / height;
  let method: "bilinear" | "cubic";
  let buffer = 0;
  if (osX < 1 || near(oversampling, 1)) {
    method = resampling.zoomedIn === "cubic" ? "cubic" : "bilinear";
    buffer = Math.ceil(tileBuffer(resampling.zoomedIn) * oversampling);
  } else {
    method = resampling.zoomedOut === "cubic" ? "cubic" : "bilinear";
    buffer = Math.ceil(tileBuffer(resampling.zoomedOut) * oversampling);
  }
  const grow = providerXRes * buffer;
  const grown = {
    xmin: extent.xmin - grow,
    ymin: extent.ymin - grow,
    xmax: extent.xmax + grow,
    ymax: extent.ymax + grow,
  };
  const scaledWidth = Math.round(width * ((grown.xmax - grown.xmin) / extW));
  const scaledHeight = Math.round(
    height * ((grown.ymax - grown.ymin) / extH),
  );
  return {
    extent: grown,
    width: Math.round(width * osX) + 2 * buffer,
    height: Math.round(height * osY) + 2 * buffer,
    scaledWidth,
    scaledHeight,
    cropX: Math.trunc((scaledWidth - width) / 2),
    cropY: Math.trunc((scaledHeight - height) / 2),
    method,
  };
}

/**
 * Runs a {@link resamplePlan} on the image rendered for it (premultiplied
 * RGBA of `plan.width × plan.height`): scaled as the resampler scales
 * (bilinear: Qt's smooth scaling, exact; cubic: bilinear here, an
 * approximation of GDAL's cubic) and cropped to the block.
 *
 * @example
 * ```ts
 * import { resampleBlock, resamplePlan } from "./resample.ts";
 * const r = { zoomedIn: "bilinear" as const, zoomedOut: "bilinear" as const, maxOversampling: 2, provider: false };
 * const plan = resamplePlan(r, { xmin: 0, ymin: 0, xmax: 100, ymax: 100 }, 50, 50, 1)!;
 * resampleBlock(new Uint8Array(plan.width * plan.height * 4), plan, 50, 50).length; // 10000
 * ```
 */
export function resampleBlock(
  rgba: Uint8Array,
  plan: ResamplePlan,
  width: number,
  height: number,
): Uint8Array {
  const scaled = plan.method === "cubic"
    ? scaleBilinear(
      rgba,
      plan.width,
      plan.height,
      plan.scaledWidth,
      plan.scaledHeight,
    )
    : qtSmoothScale(
      rgba,
      plan.width,
      plan.height,
      plan.scaledWidth,
      plan.scaledHeight,
    );
  const out = new Uint8Array(width * height * 4);
  // QImage::copy: what lies outside the scaled image is transparent
  for (let y = 0; y < height; y++) {
    const sy = y + plan.cropY;
    if (sy < 0 || sy >= plan.scaledHeight) continue;
    for (let x = 0; x < width; x++) {
      const sx = x + plan.cropX;
      if (sx < 0 || sx >= plan.scaledWidth) continue;
      const s = (sy * plan.scaledWidth + sx) * 4, o = (y * width + x) * 4;
      out[o] = scaled[s];
      out[o + 1] = scaled[s + 1];
      out[o + 2] = scaled[s + 2];
      out[o + 3] = scaled[s + 3];
    }
  }
  return out;
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

// qimagescale.cpp's source points: 16.16 fixed-point steps of s / d, from
// half a step back when scaling up
function calcPoints(s: number, d: number): Int32Array {
  const p = new Int32Array(d);
  const up = d >= s;
  let val = up ? Math.trunc(0x8000 * s / d) - 0x8000 : 0;
  const inc = Math.trunc(s * 65536 / d);
  for (let i = 0; i < d; i++) {
    p[i] = Math.max(0, Math.floor(val / 65536));
    val += inc;
  }
  return p;
}

// qimagescale.cpp's weights: up, the 8-bit fraction between two source
// pixels; down, the first pixel's share and the share of each whole one
// (14 bits, packed as share | whole << 16)
function calcApoints(s: number, d: number, up: boolean): Int32Array {
  const p = new Int32Array(d);
  const inc = Math.trunc(s * 65536 / d);
  if (up) {
    let val = Math.trunc(0x8000 * s / d) - 0x8000;
    for (let i = 0; i < d; i++) {
      const pos = Math.floor(val / 65536);
      p[i] = pos < 0 || pos >= s - 1 ? 0 : (Math.floor(val / 256) & 0xff);
      val += inc;
    }
  } else {
    let val = 0;
    const cp = Math.trunc(((d << 14) + s - 1) / s);
    for (let i = 0; i < d; i++) {
      const ap = ((0x10000 - (val & 0xffff)) * cp) >> 16;
      p[i] = ap | (cp << 16);
      val += inc;
    }
  }
  return p;
}

/**
 * Qt 5.15's `QImage::scaled(…, Qt::SmoothTransformation)` of premultiplied
 * RGBA (`qSmoothScaleImage`, from imlib2): down, each output pixel the
 * average of the source pixels it covers in 14-bit shares; up, bilinear in
 * 8-bit steps (SSE2's `interpolate_4_pixels`: rows first, then columns),
 * truncated. QgsBilinearRasterResampler scales with it.
 *
 * @example
 * ```ts
 * import { qtSmoothScale } from "./resample.ts";
 * const out = qtSmoothScale(Uint8Array.of(0, 0, 0, 255, 200, 200, 200, 255), 2, 1, 1, 1);
 * Array.from(out); // [100, 100, 100, 255]
 * ```
 */
export function qtSmoothScale(
  src: Uint8Array,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
): Uint8Array {
  const out = new Uint8Array(dw * dh * 4);
  const xp = calcPoints(sw, dw), yp = calcPoints(sh, dh);
  const xup = dw >= sw, yup = dh >= sh;
  const xa = calcApoints(sw, dw, xup), ya = calcApoints(sh, dh, yup);
  if (!xup && !yup) {
    smoothDown(src, sw, sh, dw, dh, xp, yp, xa, ya, out);
    return out;
  }
  // a pixel's channel at (x, y)
  const at = (x: number, y: number, k: number) => src[(y * sw + x) * 4 + k];
  // 256-step interpolation of two channel values, truncated
  const lerp = (a: number, b: number, f: number) =>
    (a * (256 - f) + b * f) >> 8;
  // the down helper: the weighted sum along x (or y) from (x, y), 14 bits
  const sumX = (x: number, y: number, xap: number, cx: number, k: number) => {
    let v = at(x, y, k) * xap;
    let j = (1 << 14) - xap;
    for (; j > cx; j -= cx) v += at(++x, y, k) * cx;
    return v + at(x + 1, y, k) * j;
  };
  const sumY = (x: number, y: number, yap: number, cy: number, k: number) => {
    let v = at(x, y, k) * yap;
    let j = (1 << 14) - yap;
    for (; j > cy; j -= cy) v += at(x, ++y, k) * cy;
    return v + at(x, y + 1, k) * j;
  };
  for (let y = 0; y < dh; y++) {
    const sy = yp[y];
    const cy = ya[y] >> 16, yap = ya[y] & 0xffff;
    for (let x = 0; x < dw; x++) {
      const sx = xp[x];
      const cx = xa[x] >> 16, xap = xa[x] & 0xffff;
      const o = (y * dw + x) * 4;
      for (let k = 0; k < 4; k++) {
        let v: number;
        if (xup && yup) {
          if (yap > 0) {
            const t = lerp(at(sx, sy, k), at(sx, sy + 1, k), yap);
            v = xap > 0
              ? lerp(
                t,
                lerp(at(sx + 1, sy, k), at(sx + 1, sy + 1, k), yap),
                xap,
              )
              : t;
          } else {
            v = xap > 0
              ? lerp(at(sx, sy, k), at(sx + 1, sy, k), xap)
              : at(sx, sy, k);
          }
        } else if (!xup && !yup) {
          let r = (sumX(sx, sy, xap, cx, k) >> 4) * yap;
          let yy = sy, j = (1 << 14) - yap;
          for (; j > cy; j -= cy) r += (sumX(sx, ++yy, xap, cx, k) >> 4) * cy;
          r += (sumX(sx, yy + 1, xap, cx, k) >> 4) * j;
          v = Math.floor(r / (1 << 24));
        } else if (xup) {
          // up in x, down in y
          const a = sumY(sx, sy, yap, cy, k);
          if (xap > 0) {
            const b = sumY(sx + 1, sy, yap, cy, k);
            v = ((a * (256 - xap) + b * xap) >> 8) >> 14;
          } else v = a >> 14;
        } else {
          // down in x, up in y
          const a = sumX(sx, sy, xap, cx, k);
          if (yap > 0) {
            const b = sumX(sx, sy + 1, xap, cx, k);
            v = ((a * (256 - yap) + b * yap) >> 8) >> 14;
          } else v = a >> 14;
        }
        out[o + k] = v;
      }
    }
  }
  return out;
}

// qSmoothScaleImage down both ways: each source row's weighted sums along x
// (>> 4, as Qt keeps them) once, kept while output rows still take them,
// then the rows' weighted sum per output row
function smoothDown(
  src: Uint8Array,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
  xp: Int32Array,
  yp: Int32Array,
  xa: Int32Array,
  ya: Int32Array,
  out: Uint8Array,
): void {
  const stride = dw * 4;
  const kept = new Map<number, Int32Array>();
  const spare: Int32Array[] = [];
  const rowSums = (sy: number): Int32Array => {
    let sums = kept.get(sy);
    if (sums) return sums;
    sums = spare.pop() ?? new Int32Array(stride);
    kept.set(sy, sums);
    if (sy >= sh) return sums.fill(0); // read at a weight of 0 only
    const row = sy * sw * 4;
    for (let x = 0; x < dw; x++) {
      const cx = xa[x] >> 16, xap = xa[x] & 0xffff;
      let p = row + xp[x] * 4;
      let r = src[p] * xap, g = src[p + 1] * xap;
      let b = src[p + 2] * xap, a = src[p + 3] * xap;
      let j = (1 << 14) - xap;
      for (; j > cx; j -= cx) {
        p += 4;
        r += src[p] * cx;
        g += src[p + 1] * cx;
        b += src[p + 2] * cx;
        a += src[p + 3] * cx;
      }
      // Qt reads the next pixel even at a weight of 0 (past the row's end)
      if (j > 0) {
        p += 4;
        r += src[p] * j;
        g += src[p + 1] * j;
        b += src[p + 2] * j;
        a += src[p + 3] * j;
      }
      const o = x * 4;
      sums[o] = r >> 4;
      sums[o + 1] = g >> 4;
      sums[o + 2] = b >> 4;
      sums[o + 3] = a >> 4;
    }
    return sums;
  };
  const taken: Int32Array[] = [];
  const weights: number[] = [];
  for (let y = 0; y < dh; y++) {
    const cy = ya[y] >> 16, yap = ya[y] & 0xffff;
    const first = yp[y];
    // rows above this one's first are done with
    for (const [sy, sums] of kept) {
      if (sy < first) {
        kept.delete(sy);
        spare.push(sums);
      }
    }
    taken.length = weights.length = 0;
    let sy = first;
    taken.push(rowSums(sy));
    weights.push(yap);
    let j = (1 << 14) - yap;
    for (; j > cy; j -= cy) {
      taken.push(rowSums(++sy));
      weights.push(cy);
    }
    if (j > 0) {
      taken.push(rowSums(sy + 1));
      weights.push(j);
    }
    const o0 = y * stride;
    for (let x = 0; x < stride; x++) {
      let v = 0;
      for (let i = 0; i < taken.length; i++) v += taken[i][x] * weights[i];
      out[o0 + x] = Math.floor(v / (1 << 24));
    }
  }
}
