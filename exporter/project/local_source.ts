/**
 * Where a layer's local data file really is, checked before GDAL opens it:
 * it must exist, be a regular file or a folder (never a device, pipe or
 * socket: `/dev/zero` would be read forever) and, when a read root is given
 * (the `serve` API), lie below it once symbolic links are resolved.
 *
 * @module
 */
import { sep } from "node:path";

/**
 * Resolves `path` (absolute) to its real path and checks it may be read.
 * Throws an `Error` whose message is the reason (no file name: callers name
 * the layer and its source).
 *
 * @example
 * ```ts
 * import { resolveLocalSource } from "./local_source.ts";
 * const real = await resolveLocalSource("/tmp");
 * await resolveLocalSource("/dev/zero").catch((e) => e.message);
 * // "it is not a regular file"
 * ```
 */
export async function resolveLocalSource(
  path: string,
  readRoot?: string,
): Promise<{ realPath: string; isDirectory: boolean }> {
  let realPath: string;
  try {
    realPath = await Deno.realPath(path);
  } catch (error) {
    throw new Error(reason(error), { cause: error });
  }
  if (readRoot !== undefined && !isBelow(realPath, readRoot)) {
    throw new Error("it lies outside the served folder");
  }
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(realPath);
  } catch (error) {
    throw new Error(reason(error), { cause: error });
  }
  if (!info.isFile && !info.isDirectory) {
    throw new Error("it is not a regular file");
  }
  return { realPath, isDirectory: info.isDirectory };
}

/**
 * Whether real path `path` is `root` or lies below it (both real paths).
 *
 * @example
 * ```ts
 * import { isBelow } from "./local_source.ts";
 * isBelow("/data/a/x.gpkg", "/data"); // true
 * isBelow("/database/x.gpkg", "/data"); // false
 * ```
 */
export function isBelow(path: string, root: string): boolean {
  const base = root.endsWith(sep) ? root : root + sep;
  return path === root || path.startsWith(base);
}

function reason(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return "no such file";
  if (error instanceof Deno.errors.PermissionDenied) {
    return "permission denied";
  }
  if (error instanceof Deno.errors.NotCapable) {
    return "the exporter is not allowed to read it";
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0].slice(0, 200);
}
