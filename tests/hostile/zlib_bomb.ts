/**
 * Zlib bombs for the hostile tests: a zlib stream that inflates to `mebibytes`
 * MiB of zeros, built in milliseconds by repeating one byte-aligned deflate
 * block (1 MiB of zeros ends in a sync flush, so blocks can follow it).
 *
 * @module
 */
import { constants, deflateRawSync } from "node:zlib";

/** A style `definition` (urlsafe base64 of zlib data) inflating to `mebibytes` MiB. */
export function zlibBombDefinition(mebibytes: number): string {
  const block = deflateRawSync(new Uint8Array(1 << 20), {
    finishFlush: constants.Z_SYNC_FLUSH,
  });
  const bytes = new Uint8Array(2 + block.length * mebibytes + 5 + 4);
  bytes.set([0x78, 0x9c]); // zlib header
  for (let i = 0; i < mebibytes; i++) bytes.set(block, 2 + i * block.length);
  // a final empty stored block; the Adler-32 after it is left zero
  bytes.set([0x01, 0x00, 0x00, 0xff, 0xff], 2 + mebibytes * block.length);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_");
}
