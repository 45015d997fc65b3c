import { getCanvasKit } from "../paint/canvaskit.ts";
import { assert, assertAlmostEquals, assertEquals } from "./_assert.ts";
import { loadFontLibrary } from "./fonts.ts";
import { DOMParser } from "@xmldom/xmldom";
import { readLabelSettings } from "./settings.ts";
import { capitalize, drawText, layoutText, wrapLines } from "./text.ts";

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

Deno.test("drawText: the baseline sits a quarter of the whole-pixel ascent above the label's bottom, as QgsTextRenderer draws labels", async () => {
  const ck = await getCanvasKit();
  const fonts = await loadFontLibrary(ck);
  const fmt = format('fontSize="10" textColor="0,0,0,255"');
  // 10 px DejaVu Sans: ascent 9.28 → 10, so the baseline is 2.5 px above the
  // bottom (the font's exact descent, 2.36, would put it 0.14 px lower)
  const l = layoutText(ck, fonts, fmt, ["I"], units);
  const size = 40, bottom = 30;
  const surface = ck.MakeSurface(size, size)!;
  const canvas = surface.getCanvas();
  canvas.clear(ck.TRANSPARENT);
  drawText(ck, canvas, l, fmt, { x: 10, y: bottom, rotation: 0, align: 0 }, {
    ...units,
  });
  const px = canvas.readPixels(0, 0, {
    width: size,
    height: size,
    colorType: ck.ColorType.RGBA_8888,
    alphaType: ck.AlphaType.Unpremul,
    colorSpace: ck.ColorSpace.SRGB,
  }) as Uint8Array;
  surface.dispose();
  l.font.delete();
  // the stem's coverage per row: full rows inside the glyph, a partial one
  // where the baseline cuts a pixel
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    let s = 0;
    for (let x = 0; x < size; x++) s += px[(y * size + x) * 4 + 3];
    rows.push(s);
  }
  const full = Math.max(...rows);
  let last = rows.length - 1;
  while (last > 0 && rows[last] === 0) last--;
  const baseline = last + rows[last] / full;
  assertAlmostEquals(baseline, bottom - 2.5, 0.05);
});

Deno.test("drawText: every allocation made in CanvasKit's heap while drawing a label is freed (its RSXform text blobs leaked a copy of the transforms)", async () => {
  const ck = await getCanvasKit();
  const fonts = await loadFontLibrary(ck);
  // a buffer too: its outline is a second pass of text blobs
  const fmt = readLabelSettings(
    new DOMParser().parseFromString(
      `<settings><text-style fontSize="12" textColor="0,0,0,255">` +
        `<text-buffer bufferDraw="1" bufferSize="1" bufferColor="255,255,255,255"/>` +
        `</text-style></settings>`,
      "text/xml",
    ).documentElement!,
  ).format;
  const l = layoutText(ck, fonts, fmt, ["Basel", "St. Gallen"], units);
  const surface = ck.MakeSurface(120, 60)!;
  const canvas = surface.getCanvas();
  const draw = () =>
    drawText(ck, canvas, l, fmt, { x: 5, y: 50, rotation: 0.2, align: 1 }, {
      ...units,
    });
  draw(); // the first draw may keep buffers for the next
  // deno-lint-ignore no-explicit-any
  const heap = ck as any;
  const malloc = heap._malloc, free = heap._free;
  const live = new Set<number>();
  heap._malloc = (n: number) => {
    const p = malloc(n);
    live.add(p);
    return p;
  };
  heap._free = (p: number) => {
    live.delete(p);
    return free(p);
  };
  try {
    for (let i = 0; i < 20; i++) draw();
  } finally {
    heap._malloc = malloc;
    heap._free = free;
    surface.dispose();
    l.font.delete();
  }
  assertEquals(live.size, 0);
});

Deno.test("layout: a label of 200,000 lines (a wrap character everywhere) is measured, not a stack overflow", async () => {
  const ck = await getCanvasKit();
  const fonts = await loadFontLibrary(ck);
  // before: Math.max(0, ...widths) with 200,000 arguments, 'Maximum call
  // stack size exceeded', and the job took the Skia engine for broken
  const lines = wrapLines("a".repeat(200_000), "a", 0, true);
  lines[lines.length - 1] = "Basel";
  const l = layoutText(ck, fonts, format('fontSize="10"'), lines, units);
  assert(l.width > 25 && l.width < 32, `width ${l.width}`);
  l.font.delete();
});

Deno.test("layout: an HTML label's runs are measured apart (no kerning across), blocks are lines", async () => {
  const { parseLabelHtml } = await import("./html.ts");
  const { wrapHtmlLines } = await import("./text.ts");
  const ck = await getCanvasKit();
  const fonts = await loadFontLibrary(ck);
  const f = format('fontSize="20" allowHtml="1"');
  assertEquals(f.allowHtml, true);
  const kerned = layoutText(ck, fonts, f, ["AV"], units);
  const lone = (t: string) => layoutText(ck, fonts, f, [t], units);
  const a = lone("A"), v = lone("V");
  const html = wrapHtmlLines(
    parseLabelHtml('A<u>V</u><p style="color:red">W</p>'),
    "",
    0,
    true,
  );
  const l = layoutText(ck, fonts, f, [], units, undefined, html);
  assertEquals(l.lines, ["AV", "W"]);
  // QgsTextFragment::horizontalAdvance: each run on its own
  assertEquals(l.widths[0], a.width + v.width);
  assert(kerned.width < l.widths[0], `${kerned.width} ≥ ${l.widths[0]}`);
  assertEquals(l.runs![0].map((r) => [r.start, r.end, r.x, r.underline]), [
    [0, 1, 0, false],
    [1, 2, a.width, true],
  ]);
  assertEquals(l.runs![1][0].color, [255, 0, 0, 255]);
  for (const x of [kerned, a, v, l]) x.font.delete();
});
