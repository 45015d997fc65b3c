import { getCanvasKit } from "../paint/canvaskit.ts";
import { assert, assertEquals } from "./_assert.ts";
import { fontStyle, loadFontLibrary, withFallbackWarnings } from "./fonts.ts";

Deno.test("fonts: DejaVu faces load once; unknown families fall back", async () => {
  const ck = await getCanvasKit();
  const fonts = await loadFontLibrary(ck);
  const regular = fonts.typeface("DejaVu Sans", false, false);
  assert(regular === fonts.typeface("dejavu sans", false, false));
  assert(regular !== fonts.typeface("DejaVu Sans", true, false));
  const warned: string[] = [];
  // The library itself is silent (nothing on the console, whatever the log
  // format); the wrapper says it through the logger it is given.
  const orig = console.warn;
  console.warn = (m: string) => warned.push(`console: ${m}`);
  try {
    assert(fonts.typeface("No Such Font", false, false) === regular);
    const logged = withFallbackWarnings(fonts, (m) => warned.push(m));
    assert(logged.typeface("No Such Font", false, false) === regular);
    logged.typeface("no such font", true, false);
    logged.typeface("DejaVu Sans", false, false);
  } finally {
    console.warn = orig;
  }
  assertEquals(warned.length, 1);
  assert(warned[0].includes("No Such Font"));
  assert(fonts.has("DejaVu Serif") && !fonts.has("Arial"));
});

Deno.test("fonts: generic families QGIS keeps resolve to their DejaVu face", async () => {
  const fonts = await loadFontLibrary(await getCanvasKit());
  const face = (family: string, italic = false) =>
    fonts.typeface(family, false, italic);
  assert(face("Monospace") === face("DejaVu Sans Mono"));
  assert(face("mono") === face("DejaVu Sans Mono"));
  assert(face("Serif", true) === face("DejaVu Serif", true));
  assert(face("Sans Serif") === face("DejaVu Sans"));
  // not in Qt's font database: QgsTextFormat falls back to DejaVu Sans
  assert(face("Courier") === face("DejaVu Sans"));
  assert(face("Times") === face("DejaVu Sans"));
  assert(fonts.has("Monospace") && !fonts.has("Courier New"));
  const style = (family: string, namedStyle: string) =>
    fontStyle({ family, namedStyle, bold: true, italic: false }, fonts);
  assertEquals(style("Serif", "Italic"), [false, true]);
  assertEquals(style("Monospace", "Bold"), [true, false]);
  assertEquals(style("Mono", "Italic"), [true, false]);
});

Deno.test("fonts: kerning pairs come from the kern table", async () => {
  const ck = await getCanvasKit();
  const fonts = await loadFontLibrary(ck);
  const kern = fonts.kerning("DejaVu Sans", false, false);
  assert(kern.size > 100, `pairs: ${kern.size}`);
  const font = new ck.Font(fonts.typeface("DejaVu Sans", false, false), 10);
  const [a, v] = font.getGlyphIDs("AV");
  font.delete();
  const k = kern.get(((a << 16) | v) >>> 0) ?? 0;
  assert(k < 0, `A-V kerning ${k} should pull the pair together`);
});
