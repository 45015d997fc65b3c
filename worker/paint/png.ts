/**
 * A minimal, fast PNG writer: 8-bit RGBA (or RGB), no filtering, deflated
 * by the runtime's native zlib at a low level — as fpng does, speed over
 * size. Skia's own PNG encoder is several times slower. Premultiplied
 * pixels (a Skia surface's own memory) are unpremultiplied straight into
 * the scanlines, in a scratch buffer kept between calls.
 *
 * @module
 */
import { constants, crc32, createDeflate, deflateSync } from "node:zlib";
import { withScratch } from "../cache/scratch.ts";

// The zlib stream the next PNG deflates with, made ahead of it. Deno's
// `deflateSync` makes and sets up a zlib stream per call (≈ 35 µs hot,
// 60–80 µs between jobs, whatever the image's size), which a worker can do
// while it waits for its next job instead (`preparePng`).
let spare: { level: number; stream: unknown } | undefined;

interface SyncChunks {
  // What `deflateSync` runs on the stream it makes: the whole input, one
  // `Z_FINISH`, the stream closed after it (so each stream serves once).
  _processChunk(chunk: Uint8Array, flushFlag: number): Uint8Array;
}

/**
 * Makes the zlib stream that the next PNG deflated at `level` uses, so
 * that its setup is not on that PNG's path; the worker calls it while it
 * waits for a job. The bytes are those `deflateSync` writes: the same
 * stream, run the same way.
 *
 * @example
 * ```ts
 * import { encodePng, preparePng } from "./png.ts";
 * preparePng();
 * encodePng(new Uint8Array(4), 1, 1)[1]; // 0x50 ("P")
 * ```
 */
export function preparePng(level = 1): void {
  if (spare?.level === level) return;
  const stream = createDeflate({ level });
  // a runtime without the method deflates by deflateSync
  if (typeof (stream as unknown as SyncChunks)._processChunk !== "function") {
    return;
  }
  spare = { level, stream };
}

function deflate(raw: Uint8Array, level: number): Uint8Array {
  const ready = spare;
  if (ready?.level !== level) return deflateSync(raw, { level });
  spare = undefined;
  return (ready.stream as SyncChunks)._processChunk(raw, constants.Z_FINISH);
}

/** Writes a chunk (length, type, data, CRC) at `at`; returns where it ends. */
function writeChunk(
  out: Uint8Array,
  view: DataView,
  at: number,
  type: string,
  data: Uint8Array,
): number {
  view.setUint32(at, data.length);
  for (let i = 0; i < 4; i++) out[at + 4 + i] = type.charCodeAt(i);
  out.set(data, at + 8);
  const end = at + 8 + data.length;
  // the runtime's native CRC (a JavaScript table loop took ~0.2 ms per
  // 100 KB of IDAT)
  view.setUint32(end, crc32(out.subarray(at + 4, end)));
  return end + 4;
}

/** Options of {@linkcode encodePng}. */
export interface PngOptions {
  /** zlib level 0–9 (default 1: fast). */
  level?: number;
  /** Drop the alpha channel (RGB output). */
  opaque?: boolean;
  /** Dots per inch recorded in a `pHYs` chunk. */
  dpi?: number;
}

/**
 * Encodes unpremultiplied RGBA pixels as a PNG.
 *
 * @example
 * ```ts
 * import { encodePng } from "./png.ts";
 * const png = encodePng(new Uint8Array(4 * 4 * 4), 4, 4);
 * png[1]; // 0x50 ("P")
 * ```
 */
export function encodePng(
  rgba: Uint8Array,
  width: number,
  height: number,
  options: PngOptions = {},
): Uint8Array {
  if (rgba.length < width * height * 4) {
    throw new RangeError(
      `Cannot encode PNG: ${rgba.length} bytes for ${width}×${height} RGBA`,
    );
  }
  const channels = options.opaque ? 3 : 4;
  const stride = width * channels;
  return withScratch((stride + 1) * height, (raw) => {
    fillRows(raw, rgba, width, height, channels);
    return container(raw, width, height, channels, options);
  });
}

function fillRows(
  raw: Uint8Array,
  rgba: Uint8Array,
  width: number,
  height: number,
  channels: number,
): void {
  const stride = width * channels;
  if (channels === 4) {
    for (let y = 0; y < height; y++) {
      raw[y * (stride + 1)] = 0; // filter None
      raw.set(
        rgba.subarray(y * width * 4, (y + 1) * width * 4),
        y * (stride + 1) + 1,
      );
    }
  } else {
    let o = 0;
    for (let y = 0; y < height; y++) {
      raw[o++] = 0;
      let i = y * width * 4;
      for (let x = 0; x < width; x++, i += 4) {
        raw[o++] = rgba[i];
        raw[o++] = rgba[i + 1];
        raw[o++] = rgba[i + 2];
      }
    }
  }
}

function container(
  raw: Uint8Array,
  width: number,
  height: number,
  channels: 3 | 4,
  options: PngOptions,
): Uint8Array {
  const idat = deflate(raw, options.level ?? 1);
  const ihdr = new Uint8Array(13);
  const hv = new DataView(ihdr.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  ihdr[8] = 8;
  ihdr[9] = channels === 4 ? 6 : 2;
  let phys: Uint8Array | null = null;
  if (options.dpi) {
    phys = new Uint8Array(9);
    const pv = new DataView(phys.buffer);
    const ppm = Math.round(options.dpi / 0.0254);
    pv.setUint32(0, ppm);
    pv.setUint32(4, ppm);
    phys[8] = 1;
  }
  const data = new Uint8Array(idat.buffer, idat.byteOffset, idat.byteLength);
  // one array for the whole file: the compressed data copied once (a fresh
  // array's first touch costs as much as the copy)
  const out = new Uint8Array(
    8 + (12 + 13) + (phys ? 12 + 9 : 0) + 12 + data.length + 12,
  );
  const view = new DataView(out.buffer);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = writeChunk(out, view, 8, "IHDR", ihdr);
  if (phys) at = writeChunk(out, view, at, "pHYs", phys);
  at = writeChunk(out, view, at, "IDAT", data);
  writeChunk(out, view, at, "IEND", new Uint8Array(0));
  return out;
}

// round(c × 255 / a) for every alpha a (row) and premultiplied c ≤ a
// (column), as Skia's unpremultiply rounds; values above a clamp to 255.
const UNPREMUL = (() => {
  const t = new Uint8Array(256 * 256);
  for (let a = 1; a < 256; a++) {
    for (let c = 0; c < 256; c++) {
      t[a * 256 + c] = Math.min(255, Math.round((c * 255) / a));
    }
  }
  return t;
})();

function sameRow(words: Uint32Array, start: number, width: number): boolean {
  for (let i = start, end = start + width; i < end; i++) {
    if (words[i] !== words[i - width]) return false;
  }
  return true;
}

/**
 * Encodes premultiplied RGBA pixels (as a premultiplied Skia surface holds
 * them) as a PNG of unpremultiplied colours, as `readPixels` with
 * `AlphaType.Unpremul` then {@linkcode encodePng} would, without the
 * intermediate image. A row equal to the one above is written with PNG's
 * Up filter (all zeros), as zoomed-in rasters have many.
 *
 * @example
 * ```ts
 * import { decode } from "fast-png";
 * import { encodePremultipliedPng } from "./png.ts";
 * const half = new Uint8Array([64, 0, 0, 128]); // red at alpha 128
 * decode(encodePremultipliedPng(half, 1, 1)).data; // [128, 0, 0, 128]
 * ```
 */
export function encodePremultipliedPng(
  premul: Uint8Array,
  width: number,
  height: number,
  options: Omit<PngOptions, "opaque"> = {},
): Uint8Array {
  const n = width * height;
  if (premul.length < n * 4) {
    throw new RangeError(
      `Cannot encode PNG: ${premul.length} bytes for ${width}×${height} RGBA`,
    );
  }
  // pixels read as 32-bit words (RGBA bytes, little-endian): one load each
  const words = premul.byteOffset % 4 === 0
    ? new Uint32Array(premul.buffer, premul.byteOffset, n)
    : new Uint32Array(premul.slice(0, n * 4).buffer);
  // Scanlines in the worker's scratch (used up before returning): a fresh
  // 9 MB array per 1500×1500 map fragments the process heap.
  return withScratch((width * 4 + 1) * height, (raw) => {
    unpremultiplyRows(raw, words, width, height);
    return container(raw, width, height, 4, options);
  });
}

function unpremultiplyRows(
  raw: Uint8Array,
  words: Uint32Array,
  width: number,
  height: number,
): void {
  const stride = width * 4 + 1;
  const bytes = new Uint8Array(
    words.buffer,
    words.byteOffset,
    words.length * 4,
  );
  for (let y = 0; y < height; y++) {
    unpremultiplyRow(raw, y * stride, words, bytes, y, width);
  }
}

/**
 * Writes row `y` of `words` (premultiplied pixels) as a scanline at `o` of
 * `raw`: its filter byte, then its unpremultiplied pixels (or Up, all
 * zeros, when the row equals the one above). Reads only rows `y` and
 * `y - 1` of `words`.
 */
function unpremultiplyRow(
  raw: Uint8Array,
  o: number,
  words: Uint32Array,
  bytes: Uint8Array,
  y: number,
  width: number,
): void {
  const stride = width * 4 + 1;
  let i = y * width;
  if (y > 0 && sameRow(words, i, width)) {
    // a row like the one above: filter Up, all zeros (fast to deflate)
    raw[o] = 2;
    raw.fill(0, o + 1, o + stride);
    return;
  }
  raw[o++] = 0; // filter None
  const rowEnd = i + width;
  while (i < rowEnd) {
    const v = words[i];
    if (v === 0) {
      // a run of transparent pixels (most of many maps) in one fill
      let j = i + 1;
      while (j < rowEnd && words[j] === 0) j++;
      raw.fill(0, o, o + (j - i) * 4);
      o += (j - i) * 4;
      i = j;
      continue;
    }
    const a = v >>> 24;
    if (a === 255) {
      // a run of opaque pixels (a basemap's rows): their colours are the
      // same premultiplied or not, a long run copied at once
      let j = i + 1;
      while (j < rowEnd && words[j] >>> 24 === 255) j++;
      if (j - i >= 8) {
        raw.set(bytes.subarray(i * 4, j * 4), o);
        o += (j - i) * 4;
        i = j;
        continue;
      }
      for (; i < j; i++, o += 4) {
        const u = words[i];
        raw[o] = u & 255;
        raw[o + 1] = (u >>> 8) & 255;
        raw[o + 2] = (u >>> 16) & 255;
        raw[o + 3] = 255;
      }
      continue;
    } else if (a === 0) {
      raw[o] =
        raw[o + 1] =
        raw[o + 2] =
        raw[o + 3] =
          0;
    } else {
      const row = a << 8;
      raw[o] = UNPREMUL[row | (v & 255)];
      raw[o + 1] = UNPREMUL[row | ((v >>> 8) & 255)];
      raw[o + 2] = UNPREMUL[row | ((v >>> 16) & 255)];
      raw[o + 3] = a;
    }
    i++;
    o += 4;
  }
}

/**
 * Bytes {@linkcode encodePremultipliedPngInPlace} needs for a size: the
 * scanlines, a filter byte more than the pixels per row.
 *
 * @example
 * ```ts
 * import { inPlacePngBytes } from "./png.ts";
 * inPlacePngBytes(2, 3); // 27
 * ```
 */
export function inPlacePngBytes(width: number, height: number): number {
  return (width * 4 + 1) * height;
}

// one scanline, written here and then moved into place
let rowScratch = new Uint8Array(0);

/**
 * {@linkcode encodePremultipliedPng} with the scanlines written over the
 * pixels themselves: `memory` holds the premultiplied pixels in its first
 * `width × height × 4` bytes and has room for the scanlines (their filter
 * bytes: {@linkcode inPlacePngBytes}). Its pixels are gone after. A
 * surface's kept pixel buffer thus serves as the PNG's scanlines too,
 * where a 1500×1500 map kept a second array of 9 MB for them.
 *
 * Rows are converted from the last up: row `y`'s scanline starts `y`
 * bytes after its pixels, so it covers only its own pixels (read before,
 * through a one-row buffer) and those of row `y + 1` (converted already),
 * and row `y - 1`, which the Up filter compares with, is still intact.
 *
 * @example
 * ```ts
 * import { decode } from "fast-png";
 * import { encodePremultipliedPngInPlace, inPlacePngBytes } from "./png.ts";
 * const memory = new Uint8Array(inPlacePngBytes(1, 1));
 * memory.set([64, 0, 0, 128]); // red at alpha 128
 * decode(encodePremultipliedPngInPlace(memory, 1, 1)).data; // [128, 0, 0, 128]
 * ```
 */
export function encodePremultipliedPngInPlace(
  memory: Uint8Array,
  width: number,
  height: number,
  options: Omit<PngOptions, "opaque"> = {},
): Uint8Array {
  const total = inPlacePngBytes(width, height);
  if (memory.length < total) {
    throw new RangeError(
      `Cannot encode PNG: ${memory.length} bytes for ${width}×${height} RGBA scanlines in place`,
    );
  }
  const n = width * height;
  if (memory.byteOffset % 4 !== 0) {
    return encodePremultipliedPng(
      memory.subarray(0, n * 4),
      width,
      height,
      options,
    );
  }
  const words = new Uint32Array(memory.buffer, memory.byteOffset, n);
  const bytes = memory.subarray(0, n * 4);
  const stride = width * 4 + 1;
  if (rowScratch.length < stride) rowScratch = new Uint8Array(stride);
  const row = rowScratch;
  for (let y = height - 1; y >= 0; y--) {
    unpremultiplyRow(row, 0, words, bytes, y, width);
    memory.set(row.subarray(0, stride), y * stride);
  }
  return container(memory.subarray(0, total), width, height, 4, options);
}
