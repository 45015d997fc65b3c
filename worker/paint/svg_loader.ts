/**
 * Finds an SVG symbol by the path a QML names (absolute path of the
 * machine the style was made on, a path relative to an SVG folder, or
 * `base64:` inline data) in the worker's SVG folders, then in QGIS's own
 * SVG library when it is installed (`QGIS_SVG_FOLDERS`). Never reads outside
 * those folders.
 *
 * @module
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { LruCache } from "../cache/lru.ts";
import { registerHeld } from "../cache/held.ts";

/**
 * Where QGIS installs its SVG library (Debian and Ubuntu: package
 * `qgis-providers-common`; builds installed under `/usr/local`). Searched,
 * when present and readable, after the job's and the configured folders,
 * as QGIS searches its own SVG paths for a style's relative name
 * (`gpsicons/plane.svg`).
 */
export const QGIS_SVG_FOLDERS: readonly string[] = [
  "/usr/share/qgis/svg",
  "/usr/local/share/qgis/svg",
];

/** What became of one of QGIS's SVG folders. */
export interface QgisSvgFolder {
  /** The folder. */
  path: string;
  /**
   * `used` (searched), `absent` (not installed) or `not-permitted` (Deno's
   * permissions do not grant reading it: never prompted for).
   */
  state: "used" | "absent" | "not-permitted";
  /** Its real path, when used. */
  real?: string;
}

/**
 * The state of QGIS's SVG folders for this process's permissions. A folder
 * the process may not read is skipped without asking (no permission
 * prompt), as is one that does not exist.
 *
 * @example
 * ```ts
 * import { qgisSvgFolders } from "./svg_loader.ts";
 * const used = qgisSvgFolders().filter((f) => f.state === "used");
 * used.every((f) => f.real !== undefined); // true
 * ```
 */
export function qgisSvgFolders(
  folders: readonly string[] = QGIS_SVG_FOLDERS,
): QgisSvgFolder[] {
  return folders.map((path): QgisSvgFolder => {
    let granted: boolean;
    try {
      granted = Deno.permissions.querySync({ name: "read", path }).state ===
        "granted";
    } catch {
      granted = false;
    }
    if (!granted) return { path, state: "not-permitted" };
    try {
      const real = realpathSync(path);
      if (!Deno.statSync(real).isDirectory) return { path, state: "absent" };
      // a link out of the folder to somewhere unreadable counts as refused
      if (
        Deno.permissions.querySync({ name: "read", path: real }).state !==
          "granted"
      ) return { path, state: "not-permitted" };
      return { path, state: "used", real };
    } catch (error) {
      return error instanceof Deno.errors.NotCapable
        ? { path, state: "not-permitted" }
        : { path, state: "absent" };
    }
  });
}

/**
 * Largest SVG file read: 4 MiB (QGIS's own library's largest is some 200 kB).
 * A style can name any file below an SVG folder — a dataset of gigabytes in
 * the data root — as its marker.
 */
export const MAX_SVG_BYTES = 4 * 1024 * 1024;

// SVG texts by folders and name, bounded by bytes (UTF-16: two a character)
const cache = new LruCache<string, string | null>({
  maxEntries: 1024,
  maxBytes: 16 * 1024 * 1024,
  sizeOf: (key, text) => 2 * (key.length + (text?.length ?? 0)),
});
registerHeld("svg.texts", () => cache.bytes);

/**
 * Where a style's file name was found below the searched folders: its real
 * path, or `outside` when the name led only out of every folder (a
 * `../../etc/x.png`, a link out of a folder; read nowhere).
 */
export type FolderFind = { real: string } | { outside: true } | null;

/**
 * Finds a file a style names (absolute path of the machine the style was
 * made on, a path relative to a folder, `./` relative to the project) below
 * `dirs`, in order: the name as it is when relative, the tails of the name
 * after each `svg` folder in it, then its base name. A candidate whose real
 * path leaves its folder is skipped, as is a file over `maxBytes` bytes.
 *
 * @example
 * ```ts
 * import { findInFolders } from "./svg_loader.ts";
 * findInFolders("missing.svg", [Deno.cwd()], 1024); // null
 * ```
 */
export function findInFolders(
  path: string,
  dirs: readonly string[],
  maxBytes: number,
): FolderFind {
  const norm = path.replaceAll("\\", "/");
  const candidates: string[] = [];
  // relative names, and the tails of absolute ones after each "/svg/" folder
  if (!norm.startsWith("/") && !/^[a-zA-Z]:\//.test(norm)) {
    candidates.push(norm);
  }
  const parts = norm.split("/");
  for (let i = parts.length - 1; i >= 1; i--) {
    if (parts[i - 1].toLowerCase() === "svg") {
      candidates.push(parts.slice(i).join("/"));
    }
  }
  candidates.push(parts[parts.length - 1]);
  let outside = false;
  for (const dir of dirs) {
    for (const c of candidates) {
      const full = join(dir, c);
      try {
        if (!existsSync(full)) continue;
        const real = realpathSync(full);
        const rel = relative(realpathSync(dir), real);
        if (rel.startsWith("..") || isAbsolute(rel)) {
          outside = true;
          continue;
        }
        // too large a file is no symbol: read it not, as if absent
        const stat = Deno.statSync(real);
        if (!stat.isFile || stat.size > maxBytes) continue;
        return { real };
      } catch {
        continue;
      }
    }
  }
  return outside ? { outside: true } : null;
}

/**
 * Loads an SVG's text, or null when no SVG folder holds it. `svgPaths` are
 * searched first, in order, then QGIS's SVG library (`qgisFolders`, by
 * default the usable ones of `QGIS_SVG_FOLDERS`; `[]` searches only
 * `svgPaths`).
 *
 * @example
 * ```ts
 * import { loadSvgFrom } from "./svg_loader.ts";
 * loadSvgFrom("base64:" + btoa("<svg/>"), []); // "<svg/>"
 * ```
 */
export function loadSvgFrom(
  path: string,
  svgPaths: string[],
  qgisFolders?: readonly string[],
): string | null {
  if (path.startsWith("base64:")) {
    // inline SVGs come with the style, already bounded by its size
    try {
      const bin = atob(path.slice(7));
      const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
      return new TextDecoder().decode(bytes);
    } catch {
      return null;
    }
  }
  const library = qgisFolders ??
    qgisSvgFolders().flatMap((f) => f.real ? [f.real] : []);
  const dirs = [...svgPaths, ...library];
  const key = `${dirs.join("\0")}\0\0${path}`;
  if (cache.has(key)) return cache.get(key)!;
  const found = findInFolders(path, dirs, MAX_SVG_BYTES);
  let text: string | null = null;
  try {
    if (found && "real" in found) text = readFileSync(found.real, "utf8");
  } catch {
    text = null;
  }
  cache.set(key, text);
  return text;
}

/**
 * Why an SVG was not found beyond "not in the folders", for the warning:
 * QGIS's library folders this process may not read, when it may read none.
 * Empty otherwise.
 *
 * @example
 * ```ts
 * import { svgLibraryNote } from "./svg_loader.ts";
 * typeof svgLibraryNote(); // "string"
 * ```
 */
export function svgLibraryNote(): string {
  const folders = qgisSvgFolders();
  if (folders.some((f) => f.state === "used")) return "";
  const refused = folders.filter((f) => f.state === "not-permitted");
  if (refused.length === 0) return "";
  return ` (QGIS's SVG library, if installed at ${
    refused.map((f) => f.path).join(" or ")
  }, may not be read: allow reading it with --allow-read)`;
}
