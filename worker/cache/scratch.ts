/**
 * One byte array shared by the worker's large, short uses (PNG scanlines, a
 * raster tile's colours): a fresh multi-megabyte array per job leaves the
 * process heap to the garbage collector's timing.
 *
 * A use must end before its function awaits or returns the array: between
 * taking it and its last use nothing else may run, so no other user can
 * take it meanwhile. Arrays above 16 MB are not kept.
 *
 * A second kept array serves uses that do not overlap in time but differ
 * in kind: a raster render's sampled values, held across the `await`s of
 * its reads ({@linkcode leaseScratch}), and a PNG's scanlines, written and
 * compressed at once ({@linkcode withScratch}). A 1500×1500 map needs 9 MB
 * for each; kept apart they held 18 MB between jobs.
 *
 * @module
 */
import { registerHeld } from "./held.ts";

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

let leasable = new ArrayBuffer(0);
let leased = false;
registerHeld("scratch.shared", () => shared.byteLength + leasable.byteLength);

/** The leasable scratch while one use holds it: see {@linkcode leaseScratch}. */
export interface ScratchLease {
  /**
   * The leased array's memory, at least `bytes` long (grown as needed: what
   * an earlier `take` wrote is then gone); a new buffer, not kept, above
   * {@linkcode SCRATCH_MAX_BYTES}.
   */
  take(bytes: number): ArrayBuffer;
  /** Ends the lease; the memory must not be used after. */
  release(): void;
}

/**
 * The leasable scratch for a use that spans `await`s, until
 * {@linkcode ScratchLease.release}; null while another use holds it.
 *
 * @example
 * ```ts
 * import { leaseScratch } from "./scratch.ts";
 * const lease = leaseScratch()!;
 * try {
 *   const values = new Float64Array(lease.take(8 * 100), 0, 100);
 *   values.fill(1);
 * } finally {
 *   lease.release();
 * }
 * ```
 */
export function leaseScratch(): ScratchLease | null {
  if (leased) return null;
  leased = true;
  let released = false;
  return {
    take(bytes: number): ArrayBuffer {
      if (released) {
        throw new Error("Cannot take scratch: its lease was released");
      }
      if (bytes > SCRATCH_MAX_BYTES) return new ArrayBuffer(bytes);
      if (leasable.byteLength < bytes) leasable = new ArrayBuffer(bytes);
      return leasable;
    },
    release(): void {
      if (released) return;
      released = true;
      leased = false;
    },
  };
}

/**
 * Runs `use` synchronously with `bytes` bytes of the leasable scratch (not
 * zeroed), or of {@linkcode syncScratch} while a lease holds it; returns
 * what `use` returns. `use` must not keep the array.
 *
 * @example
 * ```ts
 * import { withScratch } from "./scratch.ts";
 * const sum = withScratch(16, (bytes) => bytes.fill(2).reduce((a, b) => a + b));
 * sum; // 32
 * ```
 */
export function withScratch<T>(
  bytes: number,
  use: (scratch: Uint8Array) => T,
): T {
  const lease = leaseScratch();
  if (lease === null) return use(syncScratch(bytes));
  try {
    return use(new Uint8Array(lease.take(bytes), 0, bytes));
  } finally {
    lease.release();
  }
}
