/**
 * The size an encoded image declares, read from its header alone (PNG
 * `IHDR`, JPEG `SOF`, GIF logical screen, WebP `VP8`/`VP8L`/`VP8X`, BMP
 * info header, ICO directory and the PNGs it embeds) — the formats Skia
 * decodes. Skia's `MakeImageFromEncoded` decodes at once and allocates
 * what the header declares: a 30 kB PNG declaring 16000 × 16000 pixels
 * costs 256 MB there and a gigabyte once read as RGBA, so images from
 * outside are measured here first.
 *
 * @module
 */

/** An encoded image's format and declared size. */
export interface EncodedImageSize {
  /** `png`, `jpeg`, `gif`, `webp`, `bmp` or `ico`. */
  format: "png" | "jpeg" | "gif" | "webp" | "bmp" | "ico";
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, at: number, sig: number[]): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) {
    if (bytes[at + i] !== sig[i]) return false;
  }
  return true;
}

function ascii(bytes: Uint8Array, at: number, text: string): boolean {
  return startsWith(bytes, at, [...text].map((c) => c.charCodeAt(0)));
}

function pngSize(bytes: Uint8Array, at: number): [number, number] | null {
  // signature, then the IHDR chunk first: length 13, "IHDR", width, height
  if (!startsWith(bytes, at, PNG_SIGNATURE) || bytes.length < at + 24) {
    return null;
  }
  if (!ascii(bytes, at + 12, "IHDR")) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset + at);
  return [v.getUint32(16), v.getUint32(20)];
}

function jpegSize(bytes: Uint8Array): [number, number] | null {
  // markers after SOI until a start of frame (C0–CF but C4 DHT, C8 JPG,
  // CC DAC); each segment's length skips it
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1];
    if (marker === 0xff) { // fill byte
      i++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // no frame before
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    if (length < 2) return null;
    if (
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 &&
      marker !== 0xc8 && marker !== 0xcc
    ) {
      if (i + 9 > bytes.length) return null;
      const height = (bytes[i + 5] << 8) | bytes[i + 6];
      const width = (bytes[i + 7] << 8) | bytes[i + 8];
      return [width, height];
    }
    i += 2 + length;
  }
  return null;
}

function webpSize(bytes: Uint8Array): [number, number] | null {
  if (bytes.length < 30) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset);
  if (ascii(bytes, 12, "VP8 ")) {
    // lossy: frame tag (3), start code 9d 01 2a, 14-bit width and height
    if (!startsWith(bytes, 23, [0x9d, 0x01, 0x2a])) return null;
    return [v.getUint16(26, true) & 0x3fff, v.getUint16(28, true) & 0x3fff];
  }
  if (ascii(bytes, 12, "VP8L")) {
    // lossless: signature 2f, then 14 bits width − 1, 14 bits height − 1
    if (bytes[20] !== 0x2f) return null;
    const b = v.getUint32(21, true);
    return [(b & 0x3fff) + 1, ((b >>> 14) & 0x3fff) + 1];
  }
  if (ascii(bytes, 12, "VP8X")) {
    // extended: the canvas, 24 bits width − 1 and height − 1
    const w = bytes[24] | (bytes[25] << 8) | (bytes[26] << 16);
    const h = bytes[27] | (bytes[28] << 8) | (bytes[29] << 16);
    return [w + 1, h + 1];
  }
  return null;
}

function bmpInfoSize(bytes: Uint8Array, at: number): [number, number] | null {
  if (bytes.length < at + 12) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset + at);
  const headerSize = v.getUint32(0, true);
  if (headerSize === 12) return [v.getUint16(4, true), v.getUint16(6, true)];
  if (headerSize < 16) return null;
  // height is negative for top-down rows
  return [Math.abs(v.getInt32(4, true)), Math.abs(v.getInt32(8, true))];
}

function icoSize(bytes: Uint8Array): [number, number] | null {
  // ICONDIR (6 bytes), then 16-byte entries: the images' own headers
  // decide (a PNG entry may declare any size; 0 in the directory is 256)
  const v = new DataView(bytes.buffer, bytes.byteOffset);
  const count = v.getUint16(4, true);
  if (count === 0 || bytes.length < 6 + 16 * count) return null;
  let largest: [number, number] | null = null;
  for (let k = 0; k < count; k++) {
    const offset = v.getUint32(6 + 16 * k + 12, true);
    let size = pngSize(bytes, offset);
    if (!size) {
      const bmp = bmpInfoSize(bytes, offset);
      // an icon's BMP height counts its AND mask too
      size = bmp && [bmp[0], Math.ceil(bmp[1] / 2)];
    }
    if (!size) return null;
    if (!largest || size[0] * size[1] > largest[0] * largest[1]) {
      largest = size;
    }
  }
  return largest;
}

/**
 * The format and size an encoded image declares in its header; null when
 * the bytes are not one of the formats Skia decodes or the header is cut.
 *
 * @example
 * ```ts
 * import { encodePng } from "./png.ts";
 * import { encodedImageSize } from "./image_size.ts";
 * encodedImageSize(encodePng(new Uint8Array(3 * 2 * 4), 3, 2));
 * // { format: "png", width: 3, height: 2 }
 * encodedImageSize(new TextEncoder().encode("<html>")); // null
 * ```
 */
export function encodedImageSize(bytes: Uint8Array): EncodedImageSize | null {
  let format: EncodedImageSize["format"];
  let size: [number, number] | null;
  if (startsWith(bytes, 0, PNG_SIGNATURE)) {
    format = "png";
    size = pngSize(bytes, 0);
  } else if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) {
    format = "jpeg";
    size = jpegSize(bytes);
  } else if (ascii(bytes, 0, "GIF87a") || ascii(bytes, 0, "GIF89a")) {
    format = "gif";
    size = bytes.length < 10
      ? null
      : [bytes[6] | (bytes[7] << 8), bytes[8] | (bytes[9] << 8)];
  } else if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) {
    format = "webp";
    size = webpSize(bytes);
  } else if (ascii(bytes, 0, "BM")) {
    format = "bmp";
    size = bmpInfoSize(bytes, 14);
  } else if (startsWith(bytes, 0, [0, 0, 1, 0])) {
    format = "ico";
    size = icoSize(bytes);
  } else return null;
  if (!size || !(size[0] > 0 && size[1] > 0)) return null;
  return { format, width: size[0], height: size[1] };
}
