/**
 * Decoding an image that came from outside (a web map's tile, GetMap answer
 * or legend graphic) with a bound on its pixels, checked in its header
 * before Skia sees it: Skia decodes at once and allocates what the header
 * declares.
 *
 * @module
 */
import type { CanvasKit } from "canvaskit-wasm";
import { encodedImageSize } from "./image_size.ts";

/**
 * Most pixels of an image from outside, by default: 2048 × 2048 (16 MiB as
 * RGBA; tiles are 256 or 512 px, legend graphics smaller).
 */
export const DEFAULT_MAX_IMAGE_PIXELS = 4_194_304;

/** A decoded image: RGBA, `width × height × 4`. */
export interface DecodedImage {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** RGBA pixels, premultiplied or not as asked. */
  rgba: Uint8Array;
}

/** How {@link decodeImage} decodes. */
export interface DecodeImageOptions {
  /** Most pixels the image may declare. */
  maxPixels: number;
  /** Premultiplied alpha (else unpremultiplied). */
  premultiplied: boolean;
}

/**
 * Decodes a PNG, JPEG, GIF, WebP, BMP or ICO image whose header declares
 * at most `maxPixels` pixels; null when the bytes are not such an image.
 *
 * @throws {RangeError} when the image declares more pixels than allowed
 * (nothing is decoded).
 * @example
 * ```ts
 * import { getCanvasKit } from "./canvaskit.ts";
 * import { encodePng } from "./png.ts";
 * import { decodeImage } from "./decode_image.ts";
 * const ck = await getCanvasKit();
 * const png = encodePng(new Uint8Array(4 * 4 * 4).fill(255), 4, 4);
 * decodeImage(ck, png, { maxPixels: 16, premultiplied: true })?.width; // 4
 * try {
 *   decodeImage(ck, png, { maxPixels: 15, premultiplied: true });
 * } catch (e) {
 *   (e as Error).message; // "Cannot decode image: PNG of 4×4 pixels, more than the 15 allowed"
 * }
 * ```
 */
export function decodeImage(
  ck: CanvasKit,
  bytes: Uint8Array,
  options: DecodeImageOptions,
): DecodedImage | null {
  const declared = encodedImageSize(bytes);
  if (!declared) return null;
  const { format, width: w, height: h } = declared;
  if (w * h > options.maxPixels) {
    throw new RangeError(
      `Cannot decode image: ${format.toUpperCase()} of ${w}×${h} pixels, more than the ${options.maxPixels} allowed`,
    );
  }
  const image = ck.MakeImageFromEncoded(bytes);
  if (!image) return null;
  try {
    const width = image.width(), height = image.height();
    // the decoder's own idea of the size (an ICO's chosen entry, a GIF's
    // frames) is bounded too
    if (width * height > options.maxPixels) {
      throw new RangeError(
        `Cannot decode image: ${format.toUpperCase()} of ${width}×${height} pixels, more than the ${options.maxPixels} allowed`,
      );
    }
    const rgba = image.readPixels(0, 0, {
      width,
      height,
      colorType: ck.ColorType.RGBA_8888,
      alphaType: options.premultiplied
        ? ck.AlphaType.Premul
        : ck.AlphaType.Unpremul,
      colorSpace: ck.ColorSpace.SRGB,
    }) as Uint8Array | null;
    return rgba ? { width, height, rgba } : null;
  } finally {
    image.delete();
  }
}
