/**
 * Premultiplied Skia surfaces over pixel memory kept between jobs, and
 * their encoding to PNG or JPEG. CanvasKit's `MakeSurface` makes an
 * UNpremultiplied surface, where Skia blends every pixel through its slow
 * general pipeline (a 1500×1500 raster image took 110 ms to draw, 16 ms
 * here; anti-aliased shapes 6× slower); QGIS paints into premultiplied
 * images too.
 *
 * CanvasKit's heap never shrinks, and maps of mixed sizes fragmented it: a
 * pixel buffer per size, freed and allocated again, left it at 23 MB after
 * mixed 1500×1500, 960×660 and smaller maps, when the largest map needs
 * 9 MB. A surface therefore draws into the first bytes of one kept buffer,
 * the largest a map has needed; only a larger map replaces it. The Skia
 * surface made over that buffer is kept too, for the next map of the same
 * size, with its canvas's state as it was lent (making and deleting one
 * cost ~65 µs a job between jobs).
 *
 * @module
 */
import type { Canvas, CanvasKit, MallocObj, Surface } from "canvaskit-wasm";
import {
  encodePremultipliedPng,
  encodePremultipliedPngInPlace,
  inPlacePngBytes,
  type PngOptions,
} from "./png.ts";
import { onCanvasKitReset } from "./canvaskit.ts";
import { registerHeld } from "../cache/held.ts";

/** A premultiplied RGBA surface over pixels in CanvasKit's heap. */
export interface PooledSurface {
  /** The surface to draw on. */
  surface: Surface;
  /**
   * Its pixels (premultiplied RGBA, row after row, `width × height × 4`
   * bytes): a view of CanvasKit's heap, made afresh at each call (a view
   * taken before the heap grows is empty after).
   */
  pixels(): Uint8Array;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

interface PixelBuffer {
  memory: MallocObj;
  bytes: number;
  // the surface last made over it, kept for the next of the same size
  // (MakeRasterDirectSurface and its deletion: ~65 µs a job between jobs)
  kept?: KeptSurface;
}

interface KeptSurface {
  surface: Surface;
  width: number;
  height: number;
  // the save count before the save made for its next lending, made when it
  // was kept (between jobs), not when it is lent
  saved: number;
}

// Buffers no surface draws into. One job renders at a time in the worker,
// so one stays; more are made only while surfaces are taken at once.
const idle: PixelBuffer[] = [];
// Surfaces given back whose canvas is yet to be restored and checked, and
// their buffers to be made idle: releaseSurface leaves that work (Skia
// calls, ≈ 30 µs a map between jobs) to the next takeSurface or to the
// worker's wait for its next job (settleSurfaces), off the map's path.
const released: {
  ck: CanvasKit;
  pooled: PooledSurface;
  buffer: PixelBuffer;
}[] = [];
const buffers = new WeakMap<PooledSurface, PixelBuffer>();
const MAX_IDLE = 1;
function dropKept(buffer: PixelBuffer): void {
  buffer.kept?.surface.delete();
  buffer.kept = undefined;
}

// in CanvasKit's heap (part of wasm.canvaskit)
registerHeld(
  "canvaskit.pixel_buffers",
  () =>
    idle.reduce((n, b) => n + b.bytes, 0) +
    released.reduce((n, r) => n + r.buffer.bytes, 0),
);
// the buffers were in a failed CanvasKit's memory
onCanvasKitReset(() => {
  idle.splice(0);
  released.splice(0);
});

function pixelBuffer(ck: CanvasKit, bytes: number): PixelBuffer | null {
  let best = -1;
  for (let i = 0; i < idle.length; i++) {
    if (
      idle[i].bytes >= bytes && (best < 0 || idle[i].bytes < idle[best].bytes)
    ) best = i;
  }
  if (best >= 0) return idle.splice(best, 1)[0];
  // A larger map than any before: the largest idle buffer is replaced,
  // freed first so that its memory can be part of the new one.
  if (idle.length > 0) {
    let largest = 0;
    for (let i = 1; i < idle.length; i++) {
      if (idle[i].bytes > idle[largest].bytes) largest = i;
    }
    const old = idle.splice(largest, 1)[0];
    dropKept(old);
    ck.Free(old.memory);
  }
  const memory = ck.Malloc(Uint8Array, bytes);
  if (memory.byteOffset === 0) return null; // malloc failed: no memory left
  return { memory, bytes };
}

/**
 * Most bytes of pixels a surface may have: 1 GiB (an 8192 × 8192 map takes
 * 256 MiB; CanvasKit's memory ends at 2 GiB). CanvasKit's `Malloc` takes a
 * 32-bit size: a larger request wraps around, allocates less than the
 * surface draws into, and the buffer, kept for the next map at the size
 * asked, failed every job after (a paint effect's blur of 1e308 asked for
 * 400286 × 400190 pixels: "Invalid typed array length: 640761817360").
 */
export const MAX_SURFACE_BYTES: number = 2 ** 30;

/**
 * A premultiplied surface of a size over kept pixel memory (see the module
 * documentation); null when CanvasKit cannot make it. Give it back with
 * {@linkcode releaseSurface}. Null too, without asking CanvasKit, past
 * {@linkcode MAX_SURFACE_BYTES}. Its pixels hold whatever was drawn before:
 * clear it first.
 *
 * @example
 * ```ts
 * import { getCanvasKit } from "./canvaskit.ts";
 * import { releaseSurface, takeSurface } from "./surface.ts";
 * const ck = await getCanvasKit();
 * const s = takeSurface(ck, 4, 4)!;
 * s.surface.getCanvas().clear(ck.RED);
 * s.pixels().length; // 64
 * releaseSurface(ck, s);
 * ```
 */
export function takeSurface(
  ck: CanvasKit,
  width: number,
  height: number,
): PooledSurface | null {
  settleSurfaces();
  const bytes = width * height * 4;
  if (
    !Number.isInteger(width) || !Number.isInteger(height) || width < 1 ||
    height < 1 || !(bytes <= MAX_SURFACE_BYTES)
  ) return null;
  // room for the PNG's scanlines too (a filter byte a row), which
  // encodeSurface writes over the pixels instead of into a second array
  const buffer = pixelBuffer(ck, inPlacePngBytes(width, height));
  if (!buffer) return null;
  const kept = buffer.kept;
  if (kept && kept.width === width && kept.height === height) {
    buffer.kept = undefined;
    return lend(buffer, kept.surface, width, height, kept.saved);
  }
  dropKept(buffer);
  const surface = ck.MakeRasterDirectSurface(
    {
      width,
      height,
      colorType: ck.ColorType.RGBA_8888,
      alphaType: ck.AlphaType.Premul,
      colorSpace: ck.ColorSpace.SRGB,
    },
    buffer.memory,
    width * 4,
  );
  if (!surface) {
    // not kept: what Skia refused is not worth its memory
    ck.Free(buffer.memory);
    return null;
  }
  return lend(buffer, surface, width, height);
}

// the save count before the save made at the surface's lending: what a
// borrower leaves on the state stack (matrix, clip) is undone at release
const lent = new WeakMap<PooledSurface, number>();

function lend(
  buffer: PixelBuffer,
  surface: Surface,
  width: number,
  height: number,
  saved: number = surface.getCanvas().save(),
): PooledSurface {
  const bytes = width * height * 4;
  const pooled: PooledSurface = {
    surface,
    pixels: () =>
      (buffer.memory.toTypedArray() as Uint8Array).subarray(0, bytes),
    width,
    height,
  };
  buffers.set(pooled, buffer);
  lent.set(pooled, saved);
  return pooled;
}

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];

// The state a new surface's canvas has: a borrower that restored past the
// lending's save could have left a matrix or a clip on the base layer,
// which the next borrower would inherit; such a surface is not kept.
function pristine(canvas: Canvas, width: number, height: number): boolean {
  if (canvas.getSaveCount() !== 1) return false;
  const m = canvas.getTotalMatrix();
  for (let i = 0; i < 9; i++) if (m[i] !== IDENTITY[i]) return false;
  const clip = canvas.getDeviceClipBounds();
  return clip[0] === 0 && clip[1] === 0 && clip[2] === width &&
    clip[3] === height;
}

/**
 * Gives a surface back: its pixel memory is kept for the next (the smallest
 * idle buffers beyond one are freed), and the surface too when its canvas
 * is as it was lent; that work is done by the next {@linkcode takeSurface}
 * or {@linkcode settleSurfaces}, whichever comes first.
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
  const buffer = buffers.get(pooled);
  if (!buffer) return; // released already
  buffers.delete(pooled);
  released.push({ ck, pooled, buffer });
}

/**
 * Finishes the releases {@linkcode releaseSurface} left: each canvas is
 * restored to the state it was lent in, its surface kept for the next map
 * of its size unless a borrower left a matrix or a clip on its base layer
 * (then deleted), its buffer made idle. The worker calls it while it waits
 * for a job; {@linkcode takeSurface} calls it first.
 *
 * @example
 * ```ts
 * import { getCanvasKit } from "./canvaskit.ts";
 * import { releaseSurface, settleSurfaces, takeSurface } from "./surface.ts";
 * const ck = await getCanvasKit();
 * releaseSurface(ck, takeSurface(ck, 8, 8)!);
 * settleSurfaces();
 * ```
 */
export function settleSurfaces(): void {
  while (released.length > 0) {
    const { ck, pooled, buffer } = released.shift()!;
    const canvas = pooled.surface.getCanvas();
    canvas.restoreToCount(lent.get(pooled)!);
    if (pristine(canvas, pooled.width, pooled.height)) {
      buffer.kept = {
        surface: pooled.surface,
        width: pooled.width,
        height: pooled.height,
        saved: canvas.save(),
      };
    } else pooled.surface.delete();
    idle.push(buffer);
    idle.sort((a, b) => b.bytes - a.bytes);
    for (const extra of idle.splice(MAX_IDLE)) {
      dropKept(extra);
      ck.Free(extra.memory);
    }
  }
}

/**
 * Encodes what was drawn on a pooled surface: PNG from the surface's own
 * pixels (unpremultiplied while encoding: Skia's `readPixels` to
 * unpremultiplied took 96 ms at 1500×1500), or JPEG (quality 90) through
 * Skia's encoder. A PNG's scanlines are written over the surface's pixels
 * (its buffer has room for them): encode last, the pixels are gone after.
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
  const buffer = buffers.get(pooled);
  const scanlines = inPlacePngBytes(pooled.width, pooled.height);
  if (buffer && buffer.bytes >= scanlines) {
    return encodePremultipliedPngInPlace(
      (buffer.memory.toTypedArray() as Uint8Array).subarray(0, scanlines),
      pooled.width,
      pooled.height,
      options,
    );
  }
  return encodePremultipliedPng(
    pooled.pixels(),
    pooled.width,
    pooled.height,
    options,
  );
}
