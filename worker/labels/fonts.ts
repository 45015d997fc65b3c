/**
 * The fonts labels (and font markers) are drawn with: the DejaVu family from
 * npm `dejavu-fonts-ttf` (2.37, as Debian ships it and QGIS's reference maps
 * use), loaded once per process. No system fonts are needed.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CanvasKit, Typeface } from "canvaskit-wasm";

// family (lower case) → [regular, bold, italic, bold italic] file names.
const FAMILIES: Record<string, [string, string, string, string]> = {
  "dejavu sans": [
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
  ],
  "dejavu sans condensed": [
    "DejaVuSansCondensed.ttf",
    "DejaVuSansCondensed-Bold.ttf",
    "DejaVuSansCondensed-Oblique.ttf",
    "DejaVuSansCondensed-BoldOblique.ttf",
  ],
  "dejavu sans mono": [
    "DejaVuSansMono.ttf",
    "DejaVuSansMono-Bold.ttf",
    "DejaVuSansMono-Oblique.ttf",
    "DejaVuSansMono-BoldOblique.ttf",
  ],
  "dejavu serif": [
    "DejaVuSerif.ttf",
    "DejaVuSerif-Bold.ttf",
    "DejaVuSerif-Italic.ttf",
    "DejaVuSerif-BoldItalic.ttf",
  ],
  "dejavu serif condensed": [
    "DejaVuSerifCondensed.ttf",
    "DejaVuSerifCondensed-Bold.ttf",
    "DejaVuSerifCondensed-Italic.ttf",
    "DejaVuSerifCondensed-BoldItalic.ttf",
  ],
};

/** The family an unknown family falls back to. */
export const DEFAULT_FAMILY = "DejaVu Sans";

/** Typefaces by family and style, with the DejaVu Sans fallback. */
export interface FontLibrary {
  /**
   * The typeface for a family (any case) in bold and/or italic; an unknown
   * family falls back to DejaVu Sans (logged once per family).
   */
  typeface(family: string, bold: boolean, italic: boolean): Typeface;
  /** Whether the library has the family itself (no fallback). */
  has(family: string): boolean;
  /** The families the library holds. */
  readonly families: string[];
}

function fontDir(): string {
  const pkg = import.meta.resolve("dejavu-fonts-ttf/package.json");
  return fileURLToPath(new URL("./ttf/", pkg));
}

class DejaVuLibrary implements FontLibrary {
  #ck: CanvasKit;
  #dir: string;
  #cache = new Map<string, Typeface>();
  #warned = new Set<string>();

  constructor(ck: CanvasKit) {
    this.#ck = ck;
    this.#dir = fontDir();
  }

  get families(): string[] {
    return Object.keys(FAMILIES);
  }

  has(family: string): boolean {
    return family.trim().toLowerCase() in FAMILIES;
  }

  typeface(family: string, bold: boolean, italic: boolean): Typeface {
    let fam = family.trim().toLowerCase();
    if (!(fam in FAMILIES)) {
      if (!this.#warned.has(fam)) {
        this.#warned.add(fam);
        console.warn(
          `labels: font family '${family}' is not available, using ${DEFAULT_FAMILY}`,
        );
      }
      fam = DEFAULT_FAMILY.toLowerCase();
    }
    const file = FAMILIES[fam][(bold ? 1 : 0) + (italic ? 2 : 0)];
    let tf = this.#cache.get(file);
    if (!tf) {
      const bytes = readFileSync(this.#dir + file);
      const made = this.#ck.Typeface.MakeTypefaceFromData(
        bytes.buffer.slice(
          bytes.byteOffset,
          bytes.byteOffset + bytes.byteLength,
        ) as ArrayBuffer,
      );
      if (!made) throw new Error(`Cannot load font: ${file}`);
      tf = made;
      this.#cache.set(file, tf);
    }
    return tf;
  }
}

const libraries = new WeakMap<CanvasKit, FontLibrary>();

/**
 * The process-wide font library for a CanvasKit instance (synchronous; the
 * font files are read on first use of each face).
 *
 * @example
 * ```ts ignore
 * import { getCanvasKit } from "../paint/canvaskit.ts";
 * import { fontLibrarySync } from "./fonts.ts";
 * const fonts = fontLibrarySync(await getCanvasKit());
 * fonts.typeface("DejaVu Sans", false, false);
 * ```
 */
export function fontLibrarySync(ck: CanvasKit): FontLibrary {
  let lib = libraries.get(ck);
  if (!lib) {
    lib = new DejaVuLibrary(ck);
    libraries.set(ck, lib);
  }
  return lib;
}

/**
 * Loads the DejaVu font library once per process (the default face is read
 * eagerly so a broken installation fails at start).
 *
 * @example
 * ```ts ignore
 * import { getCanvasKit } from "../paint/canvaskit.ts";
 * import { loadFontLibrary } from "./fonts.ts";
 * const fonts = await loadFontLibrary(await getCanvasKit());
 * const tf = fonts.typeface("DejaVu Sans", true, false);
 * ```
 */
export function loadFontLibrary(ck: CanvasKit): Promise<FontLibrary> {
  const lib = fontLibrarySync(ck);
  lib.typeface(DEFAULT_FAMILY, false, false);
  return Promise.resolve(lib);
}
