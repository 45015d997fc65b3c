/**
 * Premultiplied Skia surfaces, kept per size between jobs, and their
 * encoding to PNG or JPEG. CanvasKit's `MakeSurface` makes an
 * UNpremultiplied surface, where Skia blends every pixel through its slow
 * general pipeline (a 1500×1500 raster image took 110 ms to draw, 16 ms
 * here; anti-aliased shapes 6× slower); QGIS paints into premultiplied
 * images too. Reusing the pixels spares the heaps a 9 MB allocation per
 * 1500×1500 job.
 *
 * @module
 */
import type { CanvasKit, MallocObj, Surface } from "canvaskit-wasm";
import { encodePremultipliedPng, type PngOptions } from "./png.ts";

/** A premultiplied RGBA surface over pixels in CanvasKit's heap. */
export interface PooledSurface {
  /** The surface to draw on. */
  surface: Surface;
  /** Its pixels (premultiplied RGBA, row after row). */
  pixels: MallocObj;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

const idle: PooledSurface[] = [];
// Idle surfaces kept beyond the most recent one, in bytes of pixels.
const POOL_BYTES = 12 * 1024 * 1024;

/**
 * A premultiplied surface of a size: an idle one of that size, else a new
 * one; null when CanvasKit cannot make it. Give it back with
 * {@linkcode releaseSurface}.
 *
 * @example
 * ```ts
 * import { getCanvasKit } from "./canvaskit.ts";
 * import { releaseSurface, takeSurface } from "./surface.ts";
 * const ck = await getCanvasKit();
 * const s = takeSurface(ck, 4, 4)!;
 * releaseSurface(ck, s);
 * takeSurface(ck, 4, 4) === s; // true
 * ```
 */
export function takeSurface(
  ck: CanvasKit,
  width: number,
  height: number,
): PooledSurface | null {
  const i = idle.findIndex((s) => s.width === width && s.height === height);
  if (i >= 0) return idle.splice(i, 1)[0];
  const pixels = ck.Malloc(Uint8Array, width * height * 4);
  const surface = ck.MakeRasterDirectSurface(
    {
      width,
      height,
      colorType: ck.ColorType.RGBA_8888,
      alphaType: ck.AlphaType.Premul,
      colorSpace: ck.ColorSpace.SRGB,
    },
    pixels,
    width * 4,
  );
  if (!surface) {
    ck.Free(pixels);
    return null;
  }
  return { surface, pixels, width, height };
}

/**
 * Gives a surface back to the pool (most recent first); the least recent
 * idle surfaces beyond 12 MB of pixels are freed.
 *
 * @example
 * ```ts
 * import { getCanvasKit } from "./canvaskit.ts";
 * import { releaseSurface, takeSurface } from "./surface.ts";
 * const ck = await getCanvasKit();
 * releaseSurface(ck, takeSurface(ck, 8, 8)!);
 * ```
 */
export function releaseSurface(ck: CanvasKit, pooled: PooledSurface): void {
  idle.unshift(pooled);
  let bytes = 0;
  for (let i = 0; i < idle.length; i++) {
    const s = idle[i];
    bytes += s.width * s.height * 4;
    if (bytes > POOL_BYTES && i > 0) {
      for (const old of idle.splice(i)) {
        old.surface.delete();
        ck.Free(old.pixels);
      }
      break;
    }
  }
}

/**
 * Encodes what was drawn on a pooled surface: PNG from the surface's own
 * pixels (unpremultiplied while encoding: Skia's `readPixels` to
 * unpremultiplied took 96 ms at 1500×1500), or JPEG (quality 90) through
 * Skia's encoder.
 *
 * @throws {RangeError} when Skia cannot encode the JPEG.
 * @example
 * ```ts
 * import { getCanvasKit } from "./canvaskit.ts";
 * import { encodeSurface, releaseSurface, takeSurface } from "./surface.ts";
 * const ck = await getCanvasKit();
 * const s = takeSurface(ck, 2, 2)!;
 * s.surface.getCanvas().clear(ck.RED);
 * const png = encodeSurface(ck, s, "png");
 * releaseSurface(ck, s);
 * png[1]; // 80 ("P")
 * ```
 */
export function encodeSurface(
  ck: CanvasKit,
  pooled: PooledSurface,
  format: "png" | "jpeg",
  options: Omit<PngOptions, "opaque"> = {},
): Uint8Array {
  if (format === "jpeg") {
    const image = pooled.surface.makeImageSnapshot();
    const bytes = image.encodeToBytes(ck.ImageFormat.JPEG, 90);
    image.delete();
    if (!bytes) {
      throw new RangeError("Cannot encode JPEG: Skia's encoder failed");
    }
    return bytes;
  }
  pooled.surface.flush();
  return encodePremultipliedPng(
    pooled.pixels.toTypedArray() as Uint8Array,
    pooled.width,
    pooled.height,
    options,
  );
}
