/**
 * Finds an image a style names (`RasterFill`, `RasterMarker`: PNG, JPEG,
 * GIF, WebP, BMP) by the same rules as SVG symbols (`findInFolders`): the
 * layer's folder, the data root, the job's and the worker's SVG folders,
 * then QGIS's SVG library; or `base64:` data inline in the style. Never
 * reads outside those folders, nor a file over {@link MAX_IMAGE_BYTES}.
 *
 * @module
 */
import { readFileSync, realpathSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { LruCache } from "../cache/lru.ts";
import { registerHeld } from "../cache/held.ts";
import { findInFolders, qgisSvgFolders } from "./svg_loader.ts";

/**
 * Largest image file read: 16 MiB. A style can name any file below the
 * folders — a dataset of gigabytes in the data root — as its image; its
 * pixels are bounded again when decoded (`decodeImage`).
 */
export const MAX_IMAGE_BYTES = 16 * 1024 * 1024;

/** An image's bytes, or why there are none (a warning's text). */
export type ImageLoad = { bytes: Uint8Array } | { error: string };

/** Loads an image by the path a style names. */
export type ImageLoader = (path: string) => ImageLoad;

// image files by folders and name, bounded by bytes
const cache = new LruCache<string, ImageLoad>({
  maxEntries: 256,
  maxBytes: 32 * 1024 * 1024,
  sizeOf: (key, v) => 2 * key.length + ("bytes" in v ? v.bytes.length : 64),
});
registerHeld("image.files", () => cache.bytes);

/**
 * Loads an image's bytes by the path a style names, searching `folders` in
 * order, then QGIS's SVG library (`qgisFolders`, by default the usable ones
 * of `QGIS_SVG_FOLDERS`; `[]` searches only `folders`). A name that leads
 * only out of every folder is refused, one that no folder holds is missing.
 *
 * @example
 * ```ts
 * import { loadImageFrom } from "./image_loader.ts";
 * const r = loadImageFrom("../../etc/passwd.png", [Deno.cwd()], []);
 * "error" in r; // true
 * ```
 */
export function loadImageFrom(
  path: string,
  folders: readonly string[],
  qgisFolders?: readonly string[],
): ImageLoad {
  if (path.startsWith("base64:")) {
    // inline images come with the style, already bounded by its size
    try {
      const bin = atob(path.slice(7));
      return { bytes: Uint8Array.from(bin, (c) => c.charCodeAt(0)) };
    } catch {
      return { error: "Cannot read image: its base64 data is not valid" };
    }
  }
  const library = qgisFolders ??
    qgisSvgFolders().flatMap((f) => f.real ? [f.real] : []);
  const dirs = [...folders, ...library];
  const key = `${dirs.join("\0")}\0\0${path}`;
  const known = cache.get(key);
  if (known) return known;
  const found = findInFolders(path, dirs, MAX_IMAGE_BYTES);
  let out: ImageLoad;
  if (found && "real" in found) {
    try {
      out = { bytes: readFileSync(found.real) };
    } catch (error) {
      out = {
        error: `Cannot read image '${path}': ${(error as Error).message}`,
      };
    }
  } else if (found) {
    out = {
      error:
        `Cannot read image '${path}': it is outside the data root and the SVG folders`,
    };
  } else {
    out = {
      error:
        `Cannot read image '${path}': not found in the layer's folder, the data root or the SVG folders (or over ${MAX_IMAGE_BYTES} bytes)`,
    };
  }
  cache.set(key, out);
  return out;
}

/**
 * Where a layer's style images are looked for before the SVG folders: the
 * layer's folder below the data root (a project's `./sprites/x.png` beside
 * its data), then the data root; a folder leaving the data root is none.
 *
 * @example
 * ```ts
 * import { imageFolders } from "./image_loader.ts";
 * imageFolders(Deno.cwd(), "../..").length; // 1: the data root alone
 * ```
 */
export function imageFolders(
  dataRoot: string,
  folder: string | null | undefined,
): string[] {
  let root: string;
  try {
    root = realpathSync(dataRoot);
  } catch {
    return [];
  }
  if (!folder) return [root];
  try {
    const real = realpathSync(resolve(root, folder));
    const rel = relative(root, real);
    if (rel.startsWith("..") || isAbsolute(rel)) return [root];
    return [real, root];
  } catch {
    return [root];
  }
}
