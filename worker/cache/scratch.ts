/**
 * One byte array shared by the worker's large, short uses (PNG scanlines, a
 * raster tile's colours): a fresh multi-megabyte array per job leaves the
 * process heap to the garbage collector's timing.
 *
 * A use must end before its function awaits or returns the array: between
 * taking it and its last use nothing else may run, so no other user can
 * take it meanwhile. Arrays above 16 MB are not kept.
 *
 * @module
 */

/** Largest array kept between uses. */
export const SCRATCH_MAX_BYTES: number = 16 * 1024 * 1024;

let shared = new Uint8Array(0);

/**
 * `bytes` bytes of the shared scratch (not zeroed: whatever the last use
 * left), or a new array when larger than {@linkcode SCRATCH_MAX_BYTES}.
 * Use it synchronously and let it go before any `await`.
 *
 * @example
 * ```ts
 * import { syncScratch } from "./scratch.ts";
 * const rows = syncScratch(1024).fill(0);
 * rows.length; // 1024
 * ```
 */
export function syncScratch(bytes: number): Uint8Array {
  if (bytes > SCRATCH_MAX_BYTES) return new Uint8Array(bytes);
  if (shared.length < bytes) shared = new Uint8Array(bytes);
  return shared.subarray(0, bytes);
}
