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
import { GlyphOutlines } from "./glyph_outline.ts";

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

// Generic families QGIS 3.22 keeps in a label's text format (Qt's font
// database lists Monospace, Serif and Sans Serif, and
// QgsFontUtils::fontFamilyMatchOnSystem matches a family by the start of a
// listed name, case-insensitive) and fontconfig resolves to a DejaVu face.
// Any other family (Courier, Times, Arial, sans-serif…) is not matched, so
// QGIS draws its application font, DejaVu Sans, whatever fontconfig would
// have substituted.
const GENERIC: Record<string, string> = {
  "monospace": "dejavu sans mono",
  "mono": "dejavu sans mono",
  "serif": "dejavu serif",
  "sans serif": "dejavu sans",
  "sans": "dejavu sans",
};

/** The family an unknown family falls back to. */
export const DEFAULT_FAMILY = "DejaVu Sans";

// The named styles Qt's font database lists for the families we have (as
// on the reference machine), bold and italic each
const SANS_STYLES: Record<string, [boolean, boolean]> = {
  "Book": [false, false],
  "Bold": [true, false],
  "Oblique": [false, true],
  "Bold Oblique": [true, true],
};
const SERIF_STYLES: Record<string, [boolean, boolean]> = {
  "Book": [false, false],
  "Bold": [true, false],
  "Italic": [false, true],
  "Bold Italic": [true, true],
};
// Qt lists these styles for its generic families (a prefix such as Mono is
// not a listed family, so it has none)
const GENERIC_STYLES: Record<string, [boolean, boolean]> = {
  "Normal": [false, false],
  "Italic": [false, true],
  "Oblique": [false, true],
};
const NAMED_STYLES: Record<string, Record<string, [boolean, boolean]>> = {
  "monospace": GENERIC_STYLES,
  "serif": GENERIC_STYLES,
  "sans serif": GENERIC_STYLES,
  "dejavu sans": { ...SANS_STYLES, "ExtraLight": [false, false] },
  "dejavu sans condensed": SANS_STYLES,
  "dejavu sans mono": SANS_STYLES,
  "dejavu serif": SERIF_STYLES,
  "dejavu serif condensed": SERIF_STYLES,
};

/**
 * Bold and italic of a label's font as QGIS 3.22 resolves its named style
 * (`QgsTextFormat::readXml`, `QgsFontUtils::updateFontViaStyle`): a family
 * that is not installed becomes the application font's (DejaVu LGC Sans on
 * the reference machine, itself not in the font database), so its named
 * style is never found and only weight and italic count; an installed
 * family takes a named style it has (Qt's exact style name) and keeps
 * weight and italic otherwise.
 *
 * @example
 * ```ts ignore
 * fontStyle({ family: "Proxima Nova", namedStyle: "Extrabold", … }, fonts); // [false, false]
 * ```
 */
export function fontStyle(
  format: {
    family: string;
    namedStyle: string;
    bold: boolean;
    italic: boolean;
    plainBold?: boolean;
    plainItalic?: boolean;
  },
  fonts: { has(family: string): boolean },
): [boolean, boolean] {
  if (!format.namedStyle.trim()) return [format.bold, format.italic];
  const plain: [boolean, boolean] = [
    format.plainBold ?? format.bold,
    format.plainItalic ?? format.italic,
  ];
  if (!fonts.has(format.family)) return plain;
  const styles = NAMED_STYLES[format.family.trim().toLowerCase()];
  return styles?.[format.namedStyle] ?? plain;
}

/** Typefaces by family and style, with the DejaVu Sans fallback. */
export interface FontLibrary {
  /**
   * The typeface for a family (any case) in bold and/or italic; an unknown
   * family falls back to DejaVu Sans (see {@link withFallbackWarnings}).
   */
  typeface(family: string, bold: boolean, italic: boolean): Typeface;
  /**
   * Pair kerning of the face (from its `kern` table): `(left << 16) | right`
   * glyph ids → adjustment in em.
   */
  kerning(family: string, bold: boolean, italic: boolean): Map<number, number>;
  /** The face's glyph outlines (its `glyf` table), as Qt fills them. */
  outlines(family: string, bold: boolean, italic: boolean): GlyphOutlines;
  /** Whether the library has the family (or a generic one QGIS keeps). */
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
  #kerning = new Map<string, Map<number, number>>();
  #outlines = new Map<string, GlyphOutlines>();

  constructor(ck: CanvasKit) {
    this.#ck = ck;
    this.#dir = fontDir();
  }

  get families(): string[] {
    return Object.keys(FAMILIES);
  }

  has(family: string): boolean {
    const fam = family.trim().toLowerCase();
    return fam in FAMILIES || fam in GENERIC;
  }

  #file(family: string, bold: boolean, italic: boolean): string {
    const asked = family.trim().toLowerCase();
    // Silent here: withFallbackWarnings says so through the job's logger.
    const fam = asked in FAMILIES
      ? asked
      : GENERIC[asked] ?? DEFAULT_FAMILY.toLowerCase();
    return FAMILIES[fam][(bold ? 1 : 0) + (italic ? 2 : 0)];
  }

  kerning(family: string, bold: boolean, italic: boolean): Map<number, number> {
    const file = this.#file(family, bold, italic);
    let k = this.#kerning.get(file);
    if (!k) {
      k = readKernTable(readFileSync(this.#dir + file));
      this.#kerning.set(file, k);
    }
    return k;
  }

  outlines(family: string, bold: boolean, italic: boolean): GlyphOutlines {
    const file = this.#file(family, bold, italic);
    let o = this.#outlines.get(file);
    if (!o) {
      o = new GlyphOutlines(readFileSync(this.#dir + file));
      this.#outlines.set(file, o);
    }
    return o;
  }

  typeface(family: string, bold: boolean, italic: boolean): Typeface {
    const file = this.#file(family, bold, italic);
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

/**
 * Reads the horizontal pairs of a TrueType `kern` table (format 0
 * subtables), in em.
 *
 * @example
 * ```ts ignore
 * import { readKernTable } from "./fonts.ts";
 * const pairs = readKernTable(Deno.readFileSync("DejaVuSans.ttf"));
 * ```
 */
export function readKernTable(bytes: Uint8Array): Map<number, number> {
  const out = new Map<number, number>();
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numTables = v.getUint16(4);
  let kern = -1, head = -1;
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    const tag = String.fromCharCode(
      bytes[rec],
      bytes[rec + 1],
      bytes[rec + 2],
      bytes[rec + 3],
    );
    if (tag === "kern") kern = v.getUint32(rec + 8);
    if (tag === "head") head = v.getUint32(rec + 8);
  }
  if (kern < 0 || head < 0) return out;
  const upem = v.getUint16(head + 18) || 2048;
  if (v.getUint16(kern) !== 0) return out; // only the Microsoft version 0 layout
  const n = v.getUint16(kern + 2);
  let off = kern + 4;
  for (let t = 0; t < n; t++) {
    const length = v.getUint16(off + 2);
    const coverage = v.getUint16(off + 4);
    const format = coverage >> 8;
    const horizontal = (coverage & 1) === 1;
    const cross = (coverage & 4) === 4;
    if (format === 0 && horizontal && !cross) {
      const pairs = v.getUint16(off + 6);
      for (let i = 0; i < pairs; i++) {
        const p = off + 14 + 6 * i;
        const key = (v.getUint16(p) << 16) | v.getUint16(p + 2);
        out.set(key >>> 0, v.getInt16(p + 4) / upem);
      }
    }
    off += length;
  }
  return out;
}

/**
 * The library, saying once per family through `warn` (the job's logger, so
 * `--log-format json` applies) when a family falls back to DejaVu Sans.
 *
 * @example
 * ```ts ignore
 * import { getCanvasKit } from "../paint/canvaskit.ts";
 * import { fontLibrarySync, withFallbackWarnings } from "./fonts.ts";
 * const fonts = withFallbackWarnings(
 *   fontLibrarySync(await getCanvasKit()),
 *   (message) => console.log(message),
 * );
 * fonts.typeface("Comic Sans MS", false, false); // warns, then DejaVu Sans
 * ```
 */
export function withFallbackWarnings(
  fonts: FontLibrary,
  warn: (message: string) => void,
): FontLibrary {
  const warned = new Set<string>();
  return {
    typeface(family: string, bold: boolean, italic: boolean): Typeface {
      const key = family.trim().toLowerCase();
      if (!fonts.has(family) && !warned.has(key)) {
        warned.add(key);
        warn(
          `labels: font family '${family}' is not available, using ${DEFAULT_FAMILY}`,
        );
      }
      return fonts.typeface(family, bold, italic);
    },
    kerning: (family, bold, italic) => fonts.kerning(family, bold, italic),
    outlines: (family, bold, italic) => fonts.outlines(family, bold, italic),
    has: (family) => fonts.has(family),
    get families() {
      return fonts.families;
    },
  };
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
