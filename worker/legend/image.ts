/**
 * A legend image a layer's source gives (a WMS's GetLegendGraphic answer)
 * decoded into a legend row.
 *
 * @module
 */
import type { CanvasKit } from "canvaskit-wasm";
import {
  decodeImage,
  DEFAULT_MAX_IMAGE_PIXELS,
} from "../paint/decode_image.ts";
import type { ImageEntry } from "./entries.ts";

/**
 * Decodes a legend image (PNG, JPEG, GIF, WebP) into a legend row; null
 * when the bytes are not an image Skia reads.
 *
 * @param maxPixels most pixels the image may declare.
 * @throws {RangeError} when it declares more (nothing is decoded).
 * @example
 * ```ts
 * import { getCanvasKit } from "../paint/canvaskit.ts";
 * import { decodeLegendImage } from "./image.ts";
 * decodeLegendImage(await getCanvasKit(), new Uint8Array([1, 2, 3])); // null
 * ```
 */
export function decodeLegendImage(
  ck: CanvasKit,
  bytes: Uint8Array,
  maxPixels: number = DEFAULT_MAX_IMAGE_PIXELS,
): ImageEntry | null {
  const image = decodeImage(ck, bytes, { maxPixels, premultiplied: false });
  if (!image) return null;
  const { rgba, width, height } = image;
  return { kind: "image", label: "", level: 0, rgba, width, height };
}
