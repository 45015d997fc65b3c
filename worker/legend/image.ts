/**
 * A legend image a layer's source gives (a WMS's GetLegendGraphic answer)
 * decoded into a legend row, with the resolution Qt reads from it.
 *
 * @module
 */
import type { CanvasKit } from "canvaskit-wasm";
import type { ImageEntry } from "./entries.ts";

/** QImage's default resolution: 96 dpi in pixels per metre, rounded. */
export const DEFAULT_DOTS_PER_METER = 3780;

/**
 * The horizontal resolution a PNG's `pHYs` chunk records, in pixels per
 * metre (as Qt's PNG reader sets QImage::dotsPerMeterX), or null when the
 * file has none or it is not in metres.
 *
 * @example
 * ```ts
 * import { pngDotsPerMeter } from "./image.ts";
 * pngDotsPerMeter(new Uint8Array([1, 2, 3])); // null
 * ```
 */
export function pngDotsPerMeter(bytes: Uint8Array): number | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 8 || sig.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (type === "pHYs" && length >= 9 && at + 17 <= bytes.length) {
      const x = view.getUint32(at + 8);
      return bytes[at + 16] === 1 && x > 0 ? x : null;
    }
    if (type === "IDAT" || type === "IEND") return null;
    at += 12 + length;
  }
  return null;
}

/**
 * Decodes a legend image (PNG, JPEG, GIF, WebP) into a legend row; null
 * when the bytes are not an image Skia reads.
 *
 * @example
 * ```ts ignore
 * const entry = decodeLegendImage(ck, graphic.data);
 * ```
 */
export function decodeLegendImage(
  ck: CanvasKit,
  bytes: Uint8Array,
): ImageEntry | null {
  const image = ck.MakeImageFromEncoded(bytes);
  if (!image) return null;
  try {
    const width = image.width(), height = image.height();
    const rgba = image.readPixels(0, 0, {
      width,
      height,
      colorType: ck.ColorType.RGBA_8888,
      alphaType: ck.AlphaType.Unpremul,
      colorSpace: ck.ColorSpace.SRGB,
    }) as Uint8Array | null;
    if (!rgba) return null;
    return {
      kind: "image",
      label: "",
      level: 0,
      rgba,
      width,
      height,
      dotsPerMeter: pngDotsPerMeter(bytes) ?? DEFAULT_DOTS_PER_METER,
    };
  } finally {
    image.delete();
  }
}
