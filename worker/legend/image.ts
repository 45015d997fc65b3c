/**
 * A legend image a layer's source gives (a WMS's GetLegendGraphic answer)
 * decoded into a legend row.
 *
 * @module
 */
import type { CanvasKit } from "canvaskit-wasm";
import type { ImageEntry } from "./entries.ts";

/**
 * Decodes a legend image (PNG, JPEG, GIF, WebP) into a legend row; null
 * when the bytes are not an image Skia reads.
 *
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
    return { kind: "image", label: "", level: 0, rgba, width, height };
  } finally {
    image.delete();
  }
}
