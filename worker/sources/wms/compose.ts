/**
 * Drawing fetched tiles (or one GetMap image) into a block image, as
 * QGIS's WMS provider paints them into its `QImage`: each tile at its
 * fractional destination rectangle, scaled bilinearly only when it is more
 * than two pixels off its own size (and the source smooths), nearest
 * otherwise; a tile that failed leaves its rectangle transparent.
 *
 * @module
 */
import type { CanvasKit } from "canvaskit-wasm";
import { onCanvasKitReset } from "../../paint/canvaskit.ts";
import {
  decodeImage,
  DEFAULT_MAX_IMAGE_PIXELS,
} from "../../paint/decode_image.ts";
import { registerHeld } from "../../cache/held.ts";

/** A decoded image: premultiplied RGBA. */
interface Decoded {
  width: number;
  height: number;
  rgba: Uint8Array;
}

// Decoded tiles, by the answer's bytes (the answer cache hands out the same
// array while an answer is fresh): a map redrawn from cached tiles does not
// decode them again. Bounded by their pixels' bytes: 48 MiB holds 192 tiles
// of 256 px (the tiles of a few maps asked in turn; decoding a tile costs
// about as much as drawing it).
const DECODED_MAX_BYTES = 48 * 1024 * 1024;
let decodedBytes = 0;
const decoded = new Map<Uint8Array, Decoded>();
registerHeld("web.decoded_tiles", () => decodedBytes);
onCanvasKitReset(() => {
  decoded.clear();
  decodedBytes = 0;
});

/**
 * A tile decoded (from the cache when the same answer was decoded), or why
 * not: not an image, or more pixels than allowed (refused from its header,
 * before Skia allocates them).
 */
function decode(
  ck: CanvasKit,
  bytes: Uint8Array,
  maxPixels: number,
): Decoded | string {
  const hit = decoded.get(bytes);
  if (hit && hit.width * hit.height <= maxPixels) {
    decoded.delete(bytes);
    decoded.set(bytes, hit);
    return hit;
  }
  let out: Decoded | null;
  try {
    out = decodeImage(ck, bytes, { maxPixels, premultiplied: true });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return error.message.replace(/^Cannot decode image: /, "");
  }
  if (!out) return "not a readable image";
  decoded.set(bytes, out);
  decodedBytes += out.rgba.length;
  while (decodedBytes > DECODED_MAX_BYTES && decoded.size > 1) {
    const [k, v] = decoded.entries().next().value as [Uint8Array, Decoded];
    decoded.delete(k);
    decodedBytes -= v.rgba.length;
  }
  return out;
}

/**
 * The block pixels a destination span covers, as a raster without
 * anti-aliasing fills a rectangle: the pixels whose centres are inside.
 */
function span(
  start: number,
  length: number,
  lo: number,
  hi: number,
): [number, number] {
  const a = Math.max(lo, Math.ceil(start - 0.5));
  const b = Math.min(hi, Math.ceil(start + length - 0.5));
  return [a, b];
}

/** Where a block goes in a larger image it is drawn into, and its clip. */
interface Clip {
  /** The block's left column in the image. */
  left: number;
  /** The block's top row in the image. */
  top: number;
  /** First column drawn. */
  x0: number;
  /** Column past the last drawn. */
  x1: number;
  /** First row drawn. */
  y0: number;
  /** Row past the last drawn. */
  y1: number;
}

/** Premultiplied source-over of one pixel (the block starts transparent). */
function over(
  out: Uint8Array,
  o: number,
  r: number,
  g: number,
  b: number,
  a: number,
): void {
  const da = out[o + 3];
  if (a === 255 || da === 0) {
    out[o] = r;
    out[o + 1] = g;
    out[o + 2] = b;
    out[o + 3] = a;
    return;
  }
  const k = (255 - a) / 255;
  out[o] = r + Math.round(out[o] * k);
  out[o + 1] = g + Math.round(out[o + 1] * k);
  out[o + 2] = b + Math.round(out[o + 2] * k);
  out[o + 3] = a + Math.round(da * k);
}

/** A tile scaled into its rectangle, nearest neighbour. */
function drawNearest(
  out: Uint8Array,
  W: number,
  clip: Clip,
  img: Decoded,
  bx: number,
  by: number,
  w: number,
  h: number,
): void {
  const x = bx + clip.left, y = by + clip.top;
  const [i0, i1] = span(x, w, clip.x0, clip.x1);
  const [j0, j1] = span(y, h, clip.y0, clip.y1);
  if (i1 <= i0 || j1 <= j0) return;
  const tw = img.width, th = img.height, bytes = img.rgba;
  const src = new Uint32Array(
    bytes.buffer,
    bytes.byteOffset,
    bytes.length >> 2,
  );
  const dst = new Uint32Array(out.buffer, out.byteOffset, out.length >> 2);
  const sxs = new Int32Array(i1 - i0);
  for (let i = i0; i < i1; i++) {
    const sx = Math.floor((i + 0.5 - x) * tw / w);
    sxs[i - i0] = Math.min(tw - 1, Math.max(0, sx));
  }
  for (let j = j0; j < j1; j++) {
    const sy = Math.min(
      th - 1,
      Math.max(0, Math.floor((j + 0.5 - y) * th / h)),
    );
    const row = sy * tw;
    let o = j * W + i0;
    for (let k = 0; k < sxs.length; k++, o++) {
      const px = src[row + sxs[k]];
      if (dst[o] === 0 || px >>> 24 === 255) dst[o] = px;
      else {
        const s = (row + sxs[k]) * 4;
        over(out, o * 4, bytes[s], bytes[s + 1], bytes[s + 2], bytes[s + 3]);
      }
    }
  }
}

// Source rows interpolated across (kept between tiles: no array per tile):
// per output column, R|B and G|A as two 16-bit fixed-point channels each.
let rowsRB = [new Int32Array(0), new Int32Array(0)];
let rowsGA = [new Int32Array(0), new Int32Array(0)];

/** One source row across the output columns (the horizontal pass). */
function interpolateRow(
  src: Uint32Array,
  row: number,
  xa: Int32Array,
  xb: Int32Array,
  fx: Int32Array,
  n: number,
  rbOut: Int32Array,
  gaOut: Int32Array,
): void {
  for (let k = 0; k < n; k++) {
    const wx = fx[k], wx1 = 256 - wx;
    const p0 = src[row + xa[k]], p1 = src[row + xb[k]];
    // two channels at once: R and B (bits 0–7, 16–23), then G and A, each
    // product in 16 bits of its own; Math.imul keeps the sums in 32-bit
    // integers (a plain product above 2^31 is a double: twice as slow)
    rbOut[k] = (Math.imul(p0 & 0xff00ff, wx1) +
      Math.imul(p1 & 0xff00ff, wx)) | 0;
    gaOut[k] = (Math.imul((p0 >>> 8) & 0xff00ff, wx1) +
      Math.imul((p1 >>> 8) & 0xff00ff, wx)) | 0;
  }
}

/**
 * A tile scaled into its rectangle, bilinear (weights in 1/256ths),
 * clamped at the tile's edges: each source row interpolated across once
 * (kept while the next output rows use it), then the two rows around each
 * output row blended. Pixels are read and written as one 32-bit word each
 * (RGBA bytes, little-endian: R lowest).
 */
function drawLinear(
  out: Uint8Array,
  W: number,
  clip: Clip,
  img: Decoded,
  bx: number,
  by: number,
  w: number,
  h: number,
): void {
  const x = bx + clip.left, y = by + clip.top;
  const [i0, i1] = span(x, w, clip.x0, clip.x1);
  const [j0, j1] = span(y, h, clip.y0, clip.y1);
  if (i1 <= i0 || j1 <= j0) return;
  const tw = img.width, th = img.height;
  const src = new Uint32Array(
    img.rgba.buffer,
    img.rgba.byteOffset,
    img.rgba.length >> 2,
  );
  const dst = new Uint32Array(out.buffer, out.byteOffset, out.length >> 2);
  const n = i1 - i0;
  const xa = new Int32Array(n), xb = new Int32Array(n);
  const fx = new Int32Array(n);
  for (let i = i0; i < i1; i++) {
    const u = (i + 0.5 - x) * tw / w - 0.5;
    const u0 = Math.floor(u);
    fx[i - i0] = Math.round((u - u0) * 256);
    xa[i - i0] = Math.min(tw - 1, Math.max(0, u0));
    xb[i - i0] = Math.min(tw - 1, Math.max(0, u0 + 1));
  }
  if (rowsRB[0].length < n) {
    rowsRB = [new Int32Array(n), new Int32Array(n)];
    rowsGA = [new Int32Array(n), new Int32Array(n)];
  }
  // which source row each kept row holds (-1: none)
  let rowA = -1, rowB = -1;
  let aRB = rowsRB[0], aGA = rowsGA[0], bRB = rowsRB[1], bGA = rowsGA[1];
  for (let j = j0; j < j1; j++) {
    const v = (j + 0.5 - y) * th / h - 0.5;
    const v0 = Math.floor(v);
    const wy = Math.round((v - v0) * 256), wy1 = 256 - wy;
    const ra = Math.min(th - 1, Math.max(0, v0)) * tw;
    const rb = Math.min(th - 1, Math.max(0, v0 + 1)) * tw;
    if (ra !== rowA) {
      if (ra === rowB) {
        // moved down one row: the bottom row becomes the top one
        const tRB = aRB, tGA = aGA;
        aRB = bRB, aGA = bGA, bRB = tRB, bGA = tGA;
        rowA = rowB;
        rowB = -1;
      } else {
        interpolateRow(src, ra, xa, xb, fx, n, aRB, aGA);
        rowA = ra;
      }
    }
    if (rb !== rowB) {
      interpolateRow(src, rb, xa, xb, fx, n, bRB, bGA);
      rowB = rb;
    }
    let o = j * W + i0;
    for (let k = 0; k < n; k++, o++) {
      const rbTop = aRB[k], rbBottom = bRB[k];
      const gaTop = aGA[k], gaBottom = bGA[k];
      // rows: 16-bit fixed point per channel, weights of 256
      const r = ((rbTop & 0xffff) * wy1 + (rbBottom & 0xffff) * wy + 32768) >>>
        16;
      const b = ((rbTop >>> 16) * wy1 + (rbBottom >>> 16) * wy + 32768) >>> 16;
      const g = ((gaTop & 0xffff) * wy1 + (gaBottom & 0xffff) * wy + 32768) >>>
        16;
      const a = ((gaTop >>> 16) * wy1 + (gaBottom >>> 16) * wy + 32768) >>> 16;
      const px = r | (g << 8) | (b << 16) | (a << 24);
      const d = dst[o];
      if (d === 0 || px >>> 24 === 255) dst[o] = px;
      else {
        over(
          out,
          o * 4,
          px & 255,
          (px >>> 8) & 255,
          (px >>> 16) & 255,
          px >>> 24,
        );
      }
    }
  }
}

/** An encoded image and where it goes in the block, in pixels. */
export interface PlacedImage {
  /** PNG, JPEG, GIF or WebP bytes. */
  bytes: Uint8Array;
  /** Left edge (fractional pixels). */
  x: number;
  /** Top edge. */
  y: number;
  /** Width in pixels (NaN: the image's own). */
  width: number;
  /** Height in pixels (NaN: the image's own). */
  height: number;
}

/**
 * A larger image (premultiplied RGBA) a block is drawn into directly, at
 * its place, clipped to the block: no block of its own, no copy.
 */
export interface BlockTarget {
  /**
   * The image's pixels, asked for once the tiles are decoded: a view of
   * CanvasKit's heap (a map surface's own pixels) is made afresh, as
   * decoding may grow the heap and empty an older view.
   */
  pixels(): Uint8Array;
  /** Its width. */
  width: number;
  /** Its height. */
  height: number;
  /** The block's left column in it (may be negative). */
  left: number;
  /** The block's top row in it. */
  top: number;
}

/** What {@link composeImages} drew. */
export interface ComposedBlock {
  /** Premultiplied RGBA, `width × height × 4`. */
  rgba: Uint8Array;
  /** Images that did not decode (their rectangles stay transparent). */
  undecodable: number[];
  /**
   * Why each of them did not, in the same order: `not a readable image`,
   * or its format and size when it has more pixels than allowed.
   */
  reasons: string[];
}

/**
 * Draws encoded images into a transparent premultiplied block.
 *
 * @param smooth whether the source allows bilinear scaling (XYZ always;
 * WMS/WMTS with `SmoothPixmapTransform`).
 * @param maxPixels most pixels an image may declare (larger ones are not
 * decoded and leave a hole).
 * @throws {RangeError} when no surface of that size can be made.
 * @example
 * ```ts ignore
 * const { rgba } = composeImages(ck, 256, 256, [{ bytes, x: 0, y: 0, width: 256, height: 256 }], true);
 * ```
 */
export function composeImages(
  ck: CanvasKit,
  width: number,
  height: number,
  placedImages: PlacedImage[],
  smooth: boolean,
  into?: BlockTarget,
  maxPixels: number = DEFAULT_MAX_IMAGE_PIXELS,
): ComposedBlock {
  if (!(width > 0 && height > 0 && width * height <= 2 ** 28)) {
    throw new RangeError(`Cannot draw tiles: no block of ${width}×${height}`);
  }
  // drawn here rather than with Skia: its WebAssembly build scales images
  // at ~35 ns a pixel; this loop is several times faster. All decoded
  // before the target is taken (see BlockTarget.pixels).
  const undecodable: number[] = [];
  const reasons: string[] = [];
  const images: [PlacedImage, Decoded][] = [];
  placedImages.forEach((placed, index) => {
    const image = decode(ck, placed.bytes, maxPixels);
    if (typeof image !== "string") images.push([placed, image]);
    else {
      undecodable.push(index);
      reasons.push(image);
    }
  });
  const W = into ? into.width : width;
  const rgba = into ? into.pixels() : new Uint8Array(width * height * 4);
  const left = into?.left ?? 0, top = into?.top ?? 0;
  const clip: Clip = {
    left,
    top,
    x0: Math.max(0, left),
    x1: Math.min(W, left + width),
    y0: Math.max(0, top),
    y1: Math.min(into ? into.height : height, top + height),
  };
  for (const [placed, image] of images) {
    const iw = image.width, ih = image.height;
    // NaN size: the image at its own size (a GetMap answer)
    const w = Number.isFinite(placed.width) ? placed.width : iw;
    const h = Number.isFinite(placed.height) ? placed.height : ih;
    // qgsDoubleNear( dst, tile, 2 ): pixel-perfect placement
    const near = Math.abs(w - iw) <= 2 && Math.abs(h - ih) <= 2;
    if (smooth && !near) {
      drawLinear(rgba, W, clip, image, placed.x, placed.y, w, h);
    } else drawNearest(rgba, W, clip, image, placed.x, placed.y, w, h);
  }
  return { rgba, undecodable, reasons };
}
