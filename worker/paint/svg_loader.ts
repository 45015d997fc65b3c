/**
 * Finds an SVG symbol by the path a QML names (absolute path of the
 * machine the style was made on, a path relative to an SVG folder, or
 * `base64:` inline data) in the worker's SVG folders. Never reads outside
 * those folders.
 *
 * @module
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { join, relative, sep } from "node:path";

const cache = new Map<string, string | null>();

/**
 * Loads an SVG's text, or null when no SVG folder holds it.
 *
 * @example
 * ```ts
 * import { loadSvgFrom } from "./svg_loader.ts";
 * loadSvgFrom("base64:" + btoa("<svg/>"), []); // "<svg/>"
 * ```
 */
export function loadSvgFrom(path: string, svgPaths: string[]): string | null {
  if (path.startsWith("base64:")) {
    try {
      const bin = atob(path.slice(7));
      const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
      return new TextDecoder().decode(bytes);
    } catch {
      return null;
    }
  }
  const key = `${svgPaths.join("\0")}\0${path}`;
  if (cache.has(key)) return cache.get(key)!;
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
  let text: string | null = null;
  outer: for (const dir of svgPaths) {
    for (const c of candidates) {
      const full = join(dir, c);
      try {
        if (!existsSync(full)) continue;
        const real = realpathSync(full);
        const rel = relative(realpathSync(dir), real);
        if (rel.startsWith("..") || rel.startsWith(sep)) continue;
        text = readFileSync(real, "utf8");
        break outer;
      } catch {
        continue;
      }
    }
  }
  cache.set(key, text);
  return text;
}
