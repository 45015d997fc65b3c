/**
 * `ogr2ogr`, `ogrinfo` and `gdalinfo` through GDAL's C API, without gdal3.js's
 * wrappers: those leak a little WebAssembly memory on every call (the
 * dataset list, the file list of the output, the info string), which adds
 * up over thousands of jobs in a long-running worker.
 *
 * Call inside `withGdal`.
 *
 * @module
 */
import type { Gdal } from "./gdal.ts";

/** A NULL-terminated `char**` on the WebAssembly heap; free with {@link freeArgv}. */
function allocArgv(gdal: Gdal, args: string[]): number[] {
  const M = gdal.Module;
  const strings = args.map((arg) => {
    const size = M.lengthBytesUTF8(arg) + 1;
    const ptr = M._malloc(size);
    M.stringToUTF8(arg, ptr, size);
    return ptr;
  });
  const list = M._malloc((strings.length + 1) * 4);
  const heap = new Uint32Array(M.HEAPU32.buffer, list, strings.length + 1);
  heap.set(strings);
  heap[strings.length] = 0;
  return [list, ...strings];
}

function freeArgv(gdal: Gdal, ptrs: number[]): void {
  for (const p of ptrs) gdal.Module._free(p);
}

function allocString(gdal: Gdal, text: string): number {
  const M = gdal.Module;
  const size = M.lengthBytesUTF8(text) + 1;
  const ptr = M._malloc(size);
  M.stringToUTF8(text, ptr, size);
  return ptr;
}

/**
 * Calls `fn` with `text` as a C string on GDAL's heap, freed after.
 * Emscripten's `ccall` puts `"string"` arguments on its WebAssembly stack
 * (64 KiB): a long one overruns it and corrupts the instance (a CRS of
 * 100,000 characters did).
 *
 * @example
 * ```ts ignore
 * const h = withCString(gdal, path, (p) => gdal.Module._GDALOpenEx(p, 0, 0, 0, 0));
 * ```
 */
export function withCString<T>(
  gdal: Gdal,
  text: string,
  fn: (pointer: number) => T,
): T {
  const pointer = allocString(gdal, text);
  try {
    return fn(pointer);
  } finally {
    gdal.Module._free(pointer);
  }
}

/**
 * Calls `fn` with `list` as a NULL-terminated `char**` on GDAL's heap (0
 * for an empty list: GDAL's "no options"), freed after.
 *
 * @example
 * ```ts ignore
 * withCStringList(gdal, ["ENCODING=UTF-8"], (o) => gdal.Module._GDALOpenEx(p, 4, 0, o, 0));
 * ```
 */
export function withCStringList<T>(
  gdal: Gdal,
  list: string[],
  fn: (pointer: number) => T,
): T {
  if (list.length === 0) return fn(0);
  const argv = allocArgv(gdal, list);
  try {
    return fn(argv[0]);
  } finally {
    freeArgv(gdal, argv);
  }
}

/**
 * Runs `ogr2ogr <options>` from an open dataset into `dest` (a path in
 * GDAL's virtual file system). Returns false when GDAL failed (its error
 * is left for the caller to read).
 *
 * @example
 * ```ts ignore
 * vectorTranslate(gdal, ds.pointer, ["-f", "FlatGeobuf", "roads"], "/qsl/out/1.fgb");
 * ```
 */
export function vectorTranslate(
  gdal: Gdal,
  dataset: number,
  options: string[],
  dest: string,
): boolean {
  const M = gdal.Module;
  const argv = allocArgv(gdal, options);
  const opts = M._GDALVectorTranslateOptionsNew(argv[0], 0);
  freeArgv(gdal, argv);
  if (!opts) return false;
  const list = M._malloc(4);
  new Uint32Array(M.HEAPU32.buffer, list, 1)[0] = dataset;
  const destPtr = allocString(gdal, dest);
  try {
    const out = M._GDALVectorTranslate(destPtr, 0, 1, list, opts, 0);
    if (!out) return false;
    M._GDALClose(out);
    return true;
  } finally {
    M._GDALVectorTranslateOptionsFree(opts);
    M._free(list);
    M._free(destPtr);
  }
}

// GDAL's JSON writer prints a NaN or infinite double as a bare `nan`,
// `inf` or `-inf` (a GeoTIFF whose geotransform or statistics are NaN): no
// JSON. They become null; strings are matched first so a name holding
// "nan" is left alone.
const GDAL_JSON_TOKENS = /"(?:[^"\\]|\\.)*"|-?\b(?:nan|inf(?:inity)?)\b/gi;

/**
 * Parses the JSON text of GDAL's info apps, whose non-finite numbers are
 * bare `nan`/`inf` tokens: they are read as null.
 *
 * @example
 * ```ts
 * import { parseGdalJson } from "./apps.ts";
 * parseGdalJson('{"geoTransform":[nan,1,-inf],"name":"nan"}');
 * // { geoTransform: [null, 1, null], name: "nan" }
 * ```
 */
export function parseGdalJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(
      text.replace(GDAL_JSON_TOKENS, (m) => m.startsWith('"') ? m : "null"),
    );
  }
}

/** Runs GDAL's `gdalinfo` (`Info`) or `ogrinfo` (`VectorInfo`) as JSON. */
function infoJson(
  gdal: Gdal,
  app: "Info" | "VectorInfo",
  dataset: number,
  options: string[],
): unknown {
  const M = gdal.Module;
  const argv = allocArgv(gdal, ["-json", ...options]);
  const opts = M[`_GDAL${app}OptionsNew`](argv[0], 0);
  freeArgv(gdal, argv);
  if (!opts) return null;
  try {
    const text = M[`_GDAL${app}`](dataset, opts);
    if (!text) return null;
    try {
      return parseGdalJson(M.UTF8ToString(text));
    } finally {
      M._free(text);
    }
  } finally {
    M[`_GDAL${app}OptionsFree`](opts);
  }
}

/**
 * Runs `ogrinfo -json <options>` on an open dataset and returns the parsed
 * JSON, or null when GDAL failed.
 *
 * @example
 * ```ts ignore
 * const info = vectorInfo(gdal, ds.pointer, ["-so", "/path", "roads"]);
 * ```
 */
export function vectorInfo(
  gdal: Gdal,
  dataset: number,
  options: string[],
): unknown {
  return infoJson(gdal, "VectorInfo", dataset, options);
}

/**
 * Runs `gdalinfo -json <options>` on an open raster dataset and returns the
 * parsed JSON, or null when GDAL failed.
 *
 * @example
 * ```ts ignore
 * const info = rasterInfoJson(gdal, ds.pointer, ["-nomd"]);
 * ```
 */
export function rasterInfoJson(
  gdal: Gdal,
  dataset: number,
  options: string[],
): unknown {
  return infoJson(gdal, "Info", dataset, options);
}
