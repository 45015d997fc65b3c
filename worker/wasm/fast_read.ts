/**
 * Fast reads of the engines' WebAssembly files.
 *
 * gdal3.js and CanvasKit read their `.wasm` (28 MB and 8 MB) with
 * `fs.readFileSync`, which in Deno took 190 ms and 60 ms on our machine —
 * most of the engines' start — where reading the same bytes into an array
 * of the file's size takes 2 ms. {@linkcode installFastWasmReads} makes
 * `fs.readFileSync` of a `.wasm` file read so; every other read goes
 * through unchanged.
 *
 * @module
 */
import fs from "node:fs";
import { Buffer } from "node:buffer";

/**
 * Reads a whole file into one array of its size.
 *
 * @example
 * ```ts
 * import { readWholeFile } from "./fast_read.ts";
 * const bytes = readWholeFile(new URL(import.meta.url).pathname);
 * bytes.length > 0; // true
 * ```
 */
export function readWholeFile(path: string): Uint8Array {
  const file = Deno.openSync(path, { read: true });
  try {
    const bytes = new Uint8Array(file.statSync().size);
    let done = 0;
    while (done < bytes.length) {
      const n = file.readSync(bytes.subarray(done));
      if (n === null || n === 0) break;
      done += n;
    }
    return done === bytes.length ? bytes : bytes.subarray(0, done);
  } finally {
    file.close();
  }
}

let installed = false;

/**
 * Makes `fs.readFileSync(path)` of a `.wasm` file (no encoding asked) read
 * it with {@linkcode readWholeFile}; once per process.
 *
 * @example
 * ```ts
 * import { installFastWasmReads } from "./fast_read.ts";
 * installFastWasmReads();
 * ```
 */
export function installFastWasmReads(): void {
  if (installed) return;
  installed = true;
  const original = fs.readFileSync;
  fs.readFileSync = function (
    this: unknown,
    ...args: Parameters<typeof fs.readFileSync>
  ): ReturnType<typeof fs.readFileSync> {
    const [path, options] = args;
    const encoding = typeof options === "string"
      ? options
      : (options as { encoding?: unknown } | undefined)?.encoding;
    if (typeof path === "string" && path.endsWith(".wasm") && !encoding) {
      const bytes = readWholeFile(path);
      return Buffer.from(
        bytes.buffer as ArrayBuffer,
        bytes.byteOffset,
        bytes.length,
      );
    }
    return original.apply(this, args) as ReturnType<typeof fs.readFileSync>;
  } as typeof fs.readFileSync;
}
