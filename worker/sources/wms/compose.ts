/**
 * Drawing fetched tiles (or one GetMap image) into a block image, as
 * QGIS's WMS provider paints them into its `QImage`: each tile at its
 * fractional destination rectangle, scaled bilinearly only when it is more
 * than two pixels off its own size (and the source smooths), nearest
 * otherwise; a tile that failed leaves its rectangle transparent.
 *
 * @module
 */
import type { CanvasKit, Image } from "canvaskit-wasm";
import { releaseSurface, takeSurface } from "../../paint/surface.ts";
import { onCanvasKitReset } from "../../paint/canvaskit.ts";

// Decoded tiles, by the answer's bytes (the answer cache hands out the same
// array while an answer is fresh): a map redrawn from cached tiles does not
// decode them again. Bounded: a 256 px tile holds 256 KiB of Skia's heap.
const DECODED_MAX = 48;
const decoded = new Map<Uint8Array, Image>();
// the images were in a failed CanvasKit's memory
onCanvasKitReset(() => decoded.clear());

function decode(ck: CanvasKit, bytes: Uint8Array): Image | null {
  const hit = decoded.get(bytes);
  if (hit) {
    decoded.delete(bytes);
    decoded.set(bytes, hit);
    return hit;
  }
  const image = ck.MakeImageFromEncoded(bytes);
  if (!image) return null;
  decoded.set(bytes, image);
  while (decoded.size > DECODED_MAX) {
    const [k, v] = decoded.entries().next().value as [Uint8Array, Image];
    decoded.delete(k);
    v.delete();
  }
  return image;
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

/** What {@link composeImages} drew. */
export interface ComposedBlock {
  /** Premultiplied RGBA, `width × height × 4`. */
  rgba: Uint8Array;
  /** Images that did not decode (their rectangles stay transparent). */
  undecodable: number[];
}

/**
 * Draws encoded images into a transparent premultiplied block.
 *
 * @param smooth whether the source allows bilinear scaling (XYZ always;
 * WMS/WMTS with `SmoothPixmapTransform`).
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
  images: PlacedImage[],
  smooth: boolean,
): ComposedBlock {
  const pooled = takeSurface(ck, width, height);
  if (!pooled) {
    throw new RangeError(`Cannot draw tiles: no surface of ${width}×${height}`);
  }
  const undecodable: number[] = [];
  try {
    const canvas = pooled.surface.getCanvas();
    canvas.clear(ck.TRANSPARENT);
    const paint = new ck.Paint();
    paint.setAntiAlias(false);
    try {
      images.forEach((placed, index) => {
        const image = decode(ck, placed.bytes);
        if (!image) {
          undecodable.push(index);
          return;
        }
        {
          const iw = image.width(), ih = image.height();
          // NaN size: the image at its own size (a GetMap answer)
          const w = Number.isFinite(placed.width) ? placed.width : iw;
          const h = Number.isFinite(placed.height) ? placed.height : ih;
          // qgsDoubleNear( dst, tile, 2 ): pixel-perfect placement
          const near = Math.abs(w - iw) <= 2 && Math.abs(h - ih) <= 2;
          const linear = smooth && !near;
          const src = ck.XYWHRect(0, 0, iw, ih);
          const dst = ck.XYWHRect(placed.x, placed.y, w, h);
          if (linear) {
            canvas.drawImageRectOptions(
              image,
              src,
              dst,
              ck.FilterMode.Linear,
              ck.MipmapMode.None,
              paint,
            );
          } else {
            canvas.drawImageRectOptions(
              image,
              src,
              dst,
              ck.FilterMode.Nearest,
              ck.MipmapMode.None,
              paint,
            );
          }
        }
      });
    } finally {
      paint.delete();
    }
    pooled.surface.flush();
    return { rgba: pooled.pixels().slice(), undecodable };
  } finally {
    releaseSurface(ck, pooled);
  }
}
