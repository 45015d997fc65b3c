import { getCanvasKit } from "../paint/canvaskit.ts";
import { assert, assertAlmostEquals, assertEquals } from "./_assert.ts";
import { loadFontLibrary } from "./fonts.ts";
import { DOMParser } from "@xmldom/xmldom";
import { readLabelSettings } from "./settings.ts";
import { capitalize, layoutText, wrapLines } from "./text.ts";

const units = { dpi: 75, mapUnitsPerPixel: 1 };

function format(attrs: string) {
  const doc = new DOMParser().parseFromString(
    `<settings><text-style ${attrs}/></settings>`,
    "text/xml",
  );
  return readLabelSettings(doc.documentElement!).format;
}

Deno.test("wrapping: newlines, wrap character, maximum and minimum lengths", () => {
  assertEquals(wrapLines("a\nb|c", "|", 0, true), ["a", "b", "c"]);
  assertEquals(wrapLines("aa bb cc dd", "", 5, true), ["aa bb", "cc dd"]);
  assertEquals(wrapLines("aa bb cc dd", "", 4, false), ["aa bb", "cc dd"]);
  assertEquals(capitalize("hello big world", 4), "Hello Big World");
  assertEquals(capitalize("Zürich", 1), "ZÜRICH");
});

Deno.test("layout: 10 pt at 75 dpi is a 10 px font; box of whole-pixel metrics", async () => {
  const ck = await getCanvasKit();
  const fonts = await loadFontLibrary(ck);
  const l = layoutText(ck, fonts, format('fontSize="10"'), ["Basel"], units);
  assertEquals(l.pixelSize, 10);
  assertEquals(l.height, 13); // DejaVu Sans: ascent 9.28 → 10, descent 2.36 → 3
  assertAlmostEquals(l.descent, 2.36, 0.01);
  assert(l.width > 25 && l.width < 32, `width ${l.width}`);
  l.font.delete();
});

Deno.test("layout: kerning, letter spacing and multi-line height", async () => {
  const ck = await getCanvasKit();
  const fonts = await loadFontLibrary(ck);
  const plain = layoutText(ck, fonts, format('fontSize="20"'), ["AV"], units);
  const font = new ck.Font(fonts.typeface("DejaVu Sans", false, false), 21);
  const unkerned = font.getGlyphWidths(font.getGlyphIDs("AV"))
    .reduce((a, b) => a + b, 0);
  font.delete();
  assert(plain.width < unkerned, `${plain.width} vs ${unkerned}`);
  const spaced = layoutText(
    ck,
    fonts,
    format('fontSize="20" fontLetterSpacing="2"'),
    ["AV"],
    units,
  );
  // 2 pt at 75 dpi after each of the two glyphs
  assertAlmostEquals(spaced.width - plain.width, 2 * 2 * 75 / 72, 1e-3);
  const two = layoutText(
    ck,
    fonts,
    format('fontSize="20" multilineHeight="1.5"'),
    ["A", "B"],
    units,
  );
  assertAlmostEquals(two.height - plain.height, two.lineStep, 1e-9);
  for (const l of [plain, spaced, two]) l.font.delete();
});
