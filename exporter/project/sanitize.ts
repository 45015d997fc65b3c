/**
 * Name rules shared with the Python exporter.
 *
 * @module
 */

/**
 * Turns any text into a WMS/WFS and URL safe short name, exactly as the
 * Python exporter does: NFKD → ASCII, every run outside `[A-Za-z0-9_.-]` →
 * `_`, `_` runs collapsed, `._-` stripped at the ends, `_` prefixed when the
 * name does not start with a letter or `_`, optionally lower-cased.
 *
 * @example
 * ```ts
 * import { sanitizeName } from "./sanitize.ts";
 * sanitizeName("Land use", true); // "land_use"
 * sanitizeName("Zürich 2024"); // "Zurich_2024"
 * ```
 */
export function sanitizeName(raw: string, lower = false): string {
  // deno-lint-ignore no-control-regex
  let s = raw.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
  s = s.replace(/[^A-Za-z0-9_.-]+/g, "_");
  s = s.replace(/_+/g, "_");
  s = s.replace(/^[._-]+|[._-]+$/g, "");
  if (s === "" || !/[A-Za-z_]/.test(s[0])) s = "_" + s;
  return lower ? s.toLowerCase() : s;
}

/**
 * Python's `str.title()`: a cased letter after an uncased character is
 * upper-cased, every other cased letter lower-cased.
 *
 * @example
 * ```ts
 * import { pythonTitle } from "./sanitize.ts";
 * pythonTitle("area_ha"); // "Area_Ha"
 * ```
 */
export function pythonTitle(text: string): string {
  let out = "";
  let previousCased = false;
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    const cased = lower !== upper;
    out += cased ? (previousCased ? lower : upper) : ch;
    previousCased = cased;
  }
  return out;
}
