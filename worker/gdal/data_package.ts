/**
 * gdal3.js's data package — PROJ's `proj.db` and GDAL's CSV and schema
 * files, 11.6 MB in `gdal3WebAssembly.data` — read from disk when a file is
 * read, instead of held in memory for the life of the process.
 *
 * gdal3.js's loader reads the whole package into one array and makes every
 * file of it a view of that array in Emscripten's in-memory file system;
 * the array stays referenced by the loader, so it is resident forever
 * although PROJ reads a few pages of `proj.db` and GDAL almost nothing
 * else. Here the loader is handed an array of the package's size that is
 * never written (fresh zeroed memory the system only maps), and every file
 * of the package is then turned into a file that reads its bytes from the
 * package file on disk at its offset. The worker's resident memory is
 * 11 MB lower; the package file must stay readable (it is under
 * `node_modules`, which the worker reads anyway).
 *
 * @module
 */
import fs from "node:fs";

/** The package's file name, as gdal3.js's loader asks for it. */
export const DATA_PACKAGE_NAME = "gdal3WebAssembly.data";

/** The part of Emscripten's file system this module uses. */
export interface EmscriptenFs {
  lookupPath(path: string): { node: EmscriptenNode };
  readdir(path: string): string[];
  isFile(mode: number): boolean;
  isDir(mode: number): boolean;
  ErrnoError: new (errno: number) => Error;
}

/** A node of Emscripten's in-memory file system (MEMFS). */
export interface EmscriptenNode {
  mode: number;
  contents: Uint8Array | null;
  usedBytes: number;
  stream_ops: Record<string, unknown>;
}

interface Stream {
  node: EmscriptenNode & { packageOffset?: number };
}

/** What {@linkcode interceptDataPackage} saw while GDAL started. */
export interface DataPackageInterception {
  /** The array handed to the loader (never written), once it asked. */
  readonly buffer: ArrayBuffer | undefined;
  /** The package file's path as the loader named it. */
  readonly path: string | undefined;
  /** Puts `fs.readFileSync` back. */
  restore(): void;
}

/**
 * Replaces `fs.readFileSync` (which gdal3.js's loader reads its package
 * with under Deno) so that reading the data package returns an array of
 * its size that nothing writes; every other read goes through unchanged.
 * Call {@linkcode restore} once GDAL is initialised, then
 * {@linkcode readPackageFromDisk} to give the files their bytes.
 *
 * @example
 * ```ts
 * import { interceptDataPackage } from "./data_package.ts";
 * const seen = interceptDataPackage();
 * seen.restore();
 * seen.buffer; // undefined: nothing asked for the package meanwhile
 * ```
 */
export function interceptDataPackage(): DataPackageInterception {
  const original = fs.readFileSync;
  const state: { buffer?: ArrayBuffer; path?: string } = {};
  const replacement = function (
    this: unknown,
    ...args: Parameters<typeof fs.readFileSync>
  ): ReturnType<typeof fs.readFileSync> {
    const [path] = args;
    if (
      state.buffer === undefined && typeof path === "string" &&
      path.endsWith(DATA_PACKAGE_NAME)
    ) {
      const size = Deno.statSync(path).size;
      // zeroed memory that is only mapped: it becomes resident when written
      const bytes = new Uint8Array(size);
      state.buffer = bytes.buffer;
      state.path = path;
      return bytes as unknown as ReturnType<typeof fs.readFileSync>;
    }
    return original.apply(this, args) as ReturnType<typeof fs.readFileSync>;
  };
  fs.readFileSync = replacement as typeof fs.readFileSync;
  return {
    get buffer() {
      return state.buffer;
    },
    get path() {
      return state.path;
    },
    restore() {
      if (fs.readFileSync === replacement) fs.readFileSync = original;
    },
  };
}

/**
 * Turns every file under `roots` whose bytes are a view of `buffer` (the
 * array {@linkcode interceptDataPackage} handed to the loader) into a
 * read-only file that reads them from `path` on disk, at the view's offset.
 * Returns how many files it turned.
 *
 * @throws {Deno.errors.NotFound} when the package file is gone.
 * @example
 * ```ts ignore
 * const files = readPackageFromDisk(FS, seen.buffer, seen.path, ["/usr/share"]);
 * ```
 */
export function readPackageFromDisk(
  FS: EmscriptenFs,
  buffer: ArrayBuffer,
  path: string,
  roots: string[],
): number {
  const file = Deno.openSync(path, { read: true });
  const read = (
    stream: Stream,
    target: Int8Array | Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): number => {
    const node = stream.node;
    if (position >= node.usedBytes || length <= 0) return 0;
    const size = Math.min(node.usedBytes - position, length);
    const into = new Uint8Array(
      target.buffer,
      target.byteOffset + offset,
      size,
    );
    file.seekSync(node.packageOffset! + position, Deno.SeekMode.Start);
    let done = 0;
    while (done < size) {
      const n = file.readSync(into.subarray(done));
      if (n === null || n === 0) break;
      done += n;
    }
    return done;
  };
  const readOnly = (): never => {
    throw new FS.ErrnoError(63); // EPERM
  };
  let turned = 0;
  const visit = (dir: string): void => {
    for (const name of FS.readdir(dir)) {
      if (name === "." || name === "..") continue;
      const child = `${dir}/${name}`;
      const node = FS.lookupPath(child).node as Stream["node"];
      if (FS.isDir(node.mode)) {
        visit(child);
        continue;
      }
      if (!FS.isFile(node.mode) || node.contents?.buffer !== buffer) continue;
      const streamOps: Record<string, unknown> = {
        ...node.stream_ops,
        read,
        write: readOnly,
      };
      // without mmap, Emscripten answers ENODEV and SQLite reads instead
      delete streamOps.mmap;
      delete streamOps.msync;
      node.packageOffset = node.contents.byteOffset;
      node.contents = null;
      node.stream_ops = streamOps;
      turned++;
    }
  };
  for (const root of roots) visit(root);
  if (turned === 0) file.close();
  return turned;
}
