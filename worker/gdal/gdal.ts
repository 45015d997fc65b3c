/**
 * The process-wide gdal3.js instance.
 *
 * gdal3.js keeps one virtual file system per instance and mounts inputs into
 * it, so concurrent use would mix jobs' files: every use goes through
 * {@link withGdal}, which runs one task at a time.
 *
 * A task that meets a WebAssembly trap (memory access out of bounds, an
 * abort) or a stack overflow leaves GDAL's memory in an unknown state: that
 * instance serves nothing more. `withGdal` throws a {@link GdalEngineError},
 * tells the modules that keep GDAL handles to forget them
 * ({@link onGdalReset}) and the next task gets a new instance, from a
 * freshly loaded copy of gdal3.js (which keeps its instance in module
 * state).
 *
 * @module
 */
import initGdalJs from "npm:gdal3.js@2.8.1/node.js";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { interceptDataPackage, readPackageFromDisk } from "./data_package.ts";
import { installFastWasmReads } from "../wasm/fast_read.ts";
import { registerHeld } from "../cache/held.ts";

/** The gdal3.js API object (its typings are not shipped for the node entry). */
// deno-lint-ignore no-explicit-any
export type Gdal = any;

let instance: Promise<Gdal> | undefined;
// the started instance, for the memory report
let started: Gdal | undefined;
// GDAL's linear memory: it grows and never shrinks
registerHeld(
  "wasm.gdal",
  () => started?.Module?.HEAP8?.buffer?.byteLength ?? 0,
);
// the files of its in-memory file system: JS arrays (outputs not yet
// deleted, files a job wrote)
registerHeld("gdal.memfs", () => started ? memfsBytes(started) : 0);

function memfsBytes(gdal: Gdal): number {
  const FS = gdal.Module.FS;
  let bytes = 0;
  const walk = (node: { mode: number; contents: unknown }, depth: number) => {
    const contents = node.contents;
    if (contents instanceof Uint8Array) bytes += contents.byteLength;
    else if (contents && depth < 64 && FS.isDir(node.mode)) {
      for (const child of Object.values(contents)) walk(child, depth + 1);
    }
  };
  walk(FS.root, 0);
  return bytes;
}
let queue: Promise<unknown> = Promise.resolve();
// set once an instance failed: the next one comes from a fresh gdal3.js
let reload = false;
const resetListeners: (() => void)[] = [];
/** How many times a failed GDAL instance was replaced (for tests, the log). */
export const gdalEngineStats: { resets: number } = { resets: 0 };

/**
 * Whether an error means a WebAssembly engine's memory is in an unknown
 * state: a trap (`RuntimeError`: memory access out of bounds, unreachable,
 * an abort), or a stack overflow, which may unwind WebAssembly frames
 * without restoring its stack pointer.
 *
 * @example
 * ```ts
 * import { isWasmFault } from "./gdal.ts";
 * isWasmFault(new WebAssembly.RuntimeError("memory access out of bounds")); // true
 * isWasmFault(new TypeError("x is not a function")); // false
 * ```
 */
export function isWasmFault(error: unknown): boolean {
  if (error instanceof WebAssembly.RuntimeError) return true;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError) {
    return /Maximum call stack size exceeded/.test(message);
  }
  // Emscripten's abort() throws a RuntimeError, or in older builds an Error
  return /^(abort|Aborted)\(/.test(message);
}

/** GDAL's engine failed in a task; the next task gets a new one. */
export class GdalEngineError extends Error {
  /** Creates the error; `cause` is the trap. */
  constructor(cause: unknown) {
    super(
      `Cannot use GDAL: its WebAssembly engine failed (${
        cause instanceof Error ? `${cause.name}: ${cause.message}` : cause
      }); it was discarded and the next job gets a new one`,
      { cause },
    );
    this.name = "GdalEngineError";
  }
}

/**
 * Registers `listener`, called when a failed GDAL instance is discarded:
 * whoever keeps its handles (datasets, transforms, mounts, files) forgets
 * them without calling into it.
 *
 * @example
 * ```ts
 * import { onGdalReset } from "./gdal.ts";
 * const handles = new Map<string, number>();
 * onGdalReset(() => handles.clear());
 * ```
 */
export function onGdalReset(listener: () => void): void {
  resetListeners.push(listener);
}

function discardInstance(): void {
  instance = undefined;
  started = undefined;
  reload = true;
  messages.length = 0;
  sizeHints.clear();
  gdalEngineStats.resets++;
  for (const listener of resetListeners) listener();
}

// A new copy of gdal3.js's module: its instance lives in module state, so
// initialising the same copy again would hand back the failed instance.
function freshGdalJs(): typeof initGdalJs {
  const require = createRequire(
    import.meta.resolve("npm:gdal3.js@2.8.1/node.js"),
  );
  const entries = ["./node.js", "./dist/package/gdal3.node.js"].map((p) =>
    require.resolve(p)
  );
  for (const entry of entries) delete require.cache[entry];
  return require(entries[0]);
}
const messages: string[] = [];
const MAX_MESSAGES = 32;

// GDAL reports errors on stderr; they are kept here (bounded) so that callers
// can name the cause in their own error instead of the worker's log filling
// up with GDAL's lines.
function collect(text: string): void {
  const line = String(text).trim();
  if (line === "") return;
  messages.push(line);
  if (messages.length > MAX_MESSAGES) messages.shift();
}

/**
 * Returns the GDAL error lines printed since the last call, and forgets them.
 *
 * @example
 * ```ts
 * import { takeGdalMessages } from "./gdal.ts";
 * const lines: string[] = takeGdalMessages();
 * ```
 */
export function takeGdalMessages(): string[] {
  return messages.splice(0, messages.length);
}

function packageDir(): string {
  // gdal3.js resolves its .wasm/.data relative to the working directory in
  // Deno, so the path is made relative to Deno.cwd().
  const entry = fileURLToPath(
    import.meta.resolve("npm:gdal3.js@2.8.1/node.js"),
  );
  return relative(Deno.cwd(), join(dirname(entry), "dist", "package")) || ".";
}

// gdal3.js writes its outputs into Emscripten's MEMFS, whose files are JS
// arrays grown by 12.5 % at a time past 1 MB: a 3 MB file was copied into
// some ten ever larger arrays, garbage the collector met late. Files grow
// by doubling here, or straight to the size a caller announces.
const sizeHints = new Map<string, number>();

interface MemNode {
  name: string;
  contents: Uint8Array | null;
  usedBytes: number;
}

function growFilesByDoubling(gdal: Gdal): void {
  const memfs = gdal?.Module?.FS?.filesystems?.MEMFS as
    | { expandFileStorage: (node: MemNode, size: number) => void }
    | undefined;
  if (!memfs || typeof memfs.expandFileStorage !== "function") return;
  memfs.expandFileStorage = (node: MemNode, size: number) => {
    const capacity = node.contents ? node.contents.length : 0;
    if (size <= capacity) return;
    const hint = sizeHints.get(node.name) ?? 0;
    const grown = new Uint8Array(
      size <= hint ? hint : Math.max(size, capacity * 2, 256),
    );
    if (node.contents && node.usedBytes > 0) {
      grown.set(node.contents.subarray(0, node.usedBytes));
    }
    node.contents = grown;
  };
}

/**
 * Announces the size a file GDAL is about to write will have (by its name,
 * without folder), so that its memory is allocated once; `null` forgets it.
 *
 * @example
 * ```ts
 * import { hintFileSize } from "./gdal.ts";
 * hintFileSize("window_7.", 1500 * 1500 * 8);
 * hintFileSize("window_7.", null);
 * ```
 */
export function hintFileSize(name: string, bytes: number | null): void {
  if (bytes === null) sizeHints.delete(name);
  else sizeHints.set(name, bytes);
}

/**
 * The bytes of a file in GDAL's memory file system without copying them
 * when it can (a view of the file's own array: delete the file, do not
 * write to it, while the view is in use); a copy otherwise.
 *
 * @example
 * ```ts ignore
 * const bytes = readMemFile(gdal, "/output/x.fgb");
 * ```
 */
export function readMemFile(gdal: Gdal, path: string): Uint8Array {
  const FS = gdal.Module.FS;
  const node = FS.lookupPath(path).node as MemNode;
  if (node.contents instanceof Uint8Array) {
    return node.contents.subarray(0, node.usedBytes);
  }
  return FS.readFile(path, { encoding: "binary" });
}

/**
 * A file's path for GDAL, through a `/vsi…/` prefix and the member inside
 * an archive. GDAL finds the archive in a `/vsizip/` or `/vsitar/` path by
 * its extension; one it does not know (a `.qgz` holding a project's
 * auxiliary storage) is named in braces, as GDAL reads it.
 *
 * @example
 * ```ts
 * import { vsiPath } from "./gdal.ts";
 * vsiPath("/vsizip/", "/d/p.qgz", "/p.qgd"); // "/vsizip/{/d/p.qgz}/p.qgd"
 * vsiPath("/vsizip/", "/d/a.zip", "/a.shp"); // "/vsizip//d/a.zip/a.shp"
 * vsiPath("", "/d/a.shp", ""); // "/d/a.shp"
 * ```
 */
export function vsiPath(prefix: string, file: string, suffix: string): string {
  const braced = suffix !== "" && prefix !== "" &&
    !ARCHIVE_EXTENSIONS.test(file);
  return `${prefix}${braced ? `{${file}}` : file}${suffix}`;
}

// the archive extensions GDAL's /vsizip/ and /vsitar/ recognise in a path
const ARCHIVE_EXTENSIONS = /\.(zip|kmz|dwf|ods|xlsx|xlsm|tar|tgz|tar\.gz)$/i;

/**
 * Initialises gdal3.js once per process and returns it.
 *
 * @example
 * ```ts
 * import { getGdal } from "./gdal.ts";
 * const gdal = await getGdal();
 * ```
 */
export function getGdal(): Promise<Gdal> {
  if (instance) return instance;
  installFastWasmReads();
  // the loader's read of its data package is answered without reading it,
  // until GDAL has started or failed to (see data_package.ts)
  const dataPackage = interceptDataPackage();
  const init = reload ? freshGdalJs() : initGdalJs;
  const ready: Promise<Gdal> = init({
    useWorker: false,
    path: packageDir(),
    errorHandler: collect,
    logHandler: () => {},
    // gdal3.js is built without threads: ogr2ogr's Arrow fast path (GDAL
    // ≥ 3.8) would try to start one and fail on some sources.
    // QGIS transforms a layer with one operation: the first one PROJ lists
    // for the two CRSs (QgsCoordinateTransform without a context's choice;
    // ED50 → WGS 84 takes "ED50 to WGS 84 (1)" everywhere). GDAL's default
    // picks per point the most accurate one whose area holds it ("(28)" in
    // mainland Spain, 9 m away); FIRST_MATCHING takes the first listed
    // whose area holds the point, QGIS's choice wherever that one applies.
    env: {
      OGR2OGR_USE_ARROW_API: "NO",
      OGR_CT_OP_SELECTION: "FIRST_MATCHING",
    },
  }).then((gdal: Gdal) => {
    const { buffer, path } = dataPackage;
    if (buffer !== undefined && path !== undefined) {
      const FS = gdal.Module.FS;
      const files = readPackageFromDisk(FS, buffer, path, [
        "/usr/share/proj",
        "/usr/share/gdal",
      ]);
      if (files === 0) {
        throw new Error(
          "Cannot initialise GDAL: its data package's files were not found " +
            "in its file system",
        );
      }
    }
    growFilesByDoubling(gdal);
    started = gdal;
    return gdal;
  }).finally(() => dataPackage.restore());
  instance = ready;
  return ready;
}

/**
 * Runs `task` with exclusive use of the GDAL instance.
 *
 * @throws {GdalEngineError} when the task met a WebAssembly trap or a stack
 * overflow: that instance is discarded, the next task gets a new one.
 * @example
 * ```ts
 * import { withGdal } from "./gdal.ts";
 * const drivers = await withGdal((gdal) => gdal.drivers);
 * ```
 */
export function withGdal<T>(task: (gdal: Gdal) => T | Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    const gdal = await getGdal();
    try {
      return await task(gdal);
    } catch (error) {
      if (!isWasmFault(error)) throw error;
      discardInstance();
      throw new GdalEngineError(error);
    }
  });
  queue = run.catch(() => {});
  return run;
}
