import assert from "node:assert/strict";
import { getCanvasKit } from "../paint/canvaskit.ts";
import { fontLibrarySync } from "../labels/fonts.ts";
import {
  darkenText,
  drawQtText,
  QtFont,
  workaroundPixelSize,
} from "./qt_text.ts";

Deno.test("workaroundPixelSize: QgsLegendSettings truncates ten times the size in millimetres", () => {
  assert.equal(workaroundPixelSize(12), 42); // 42.324
  assert.equal(workaroundPixelSize(14), 49); // 49.378
  assert.equal(workaroundPixelSize(16), 56); // 56.432
});

Deno.test("QtFont: Qt's metrics of DejaVu Sans at 42 px, as QFontMetricsF gave them", async () => {
  const ck = await getCanvasKit();
  const font = new QtFont(ck, fontLibrarySync(ck), 12, false);
  try {
    assert.equal(font.ascent, 39);
    assert.equal(font.descent, 10);
    assert.equal(font.charHeight("0"), 33);
    // advances truncated to 1/64 px, kerning rounded (QFontMetricsF's
    // horizontalAdvance)
    for (
      const [text, width] of [
        ["y", 24.84375],
        ["y)", 41.21875],
        ["AV", 54.75],
        ["Ty", 43.9375],
        ["To", 44.1875],
        ["Band 1 (Gray)", 294.34375],
        // HarfBuzz's liga: ff, fi, fl, ffi, ffl as one glyph each
        ["ff", 28.921875],
        ["office affluent shuffle fifty flight", 661.53125],
        ["Waffle Iffy ffl ffi fff ffff", 446.578125],
      ] as const
    ) assert.equal(font.width(text), width, text);
  } finally {
    font.delete();
  }
});

Deno.test("darkenText: shades darken as Qt's gamma-corrected glyph blending on white leaves them", () => {
  const px = new Uint8Array([
    255,
    255,
    255,
    255,
    128,
    128,
    128,
    255,
    0,
    0,
    0,
    255,
  ]);
  darkenText(px);
  // (1 − coverage)^1.7; white and black stay
  assert.deepEqual(Array.from(px), [
    255,
    255,
    255,
    255,
    79,
    79,
    79,
    255,
    0,
    0,
    0,
    255,
  ]);
});

Deno.test("drawQtText: baselines land on whole pixels; glyphs on quarter pixels", async () => {
  const ck = await getCanvasKit();
  const font = new QtFont(ck, fontLibrarySync(ck), 12, false);
  const surface = ck.MakeSurface(40, 30)!;
  const paint = new ck.Paint();
  paint.setAntiAlias(true);
  paint.setColor(ck.BLACK);
  const ink = (x: number, y: number) => {
    const c = surface.getCanvas();
    c.clear(ck.TRANSPARENT);
    drawQtText(ck, c, font, "l", x, y, 0.25, paint);
    return Array.from(
      c.readPixels(0, 0, {
        width: 40,
        height: 30,
        colorType: ck.ColorType.RGBA_8888,
        alphaType: ck.AlphaType.Premul,
        colorSpace: ck.ColorSpace.SRGB,
      }) as Uint8Array,
    );
  };
  try {
    // 10.2 floors to the 10 step, 20.4 rounds to 20
    assert.deepEqual(ink(10.2, 20.4), ink(10, 20));
    assert.notDeepEqual(ink(10.3, 20), ink(10, 20));
    assert.deepEqual(ink(10.3, 20), ink(10.25, 20));
  } finally {
    paint.delete();
    surface.delete();
    font.delete();
  }
});
