import { applyBrightnessContrast, applyHueSaturation } from "./filters.ts";
import { assertEquals } from "./_assert.ts";
import { hslToRgb, rgbHsvHueSaturation, rgbToHsl } from "./_qcolor.ts";

const HS = {
  saturation: 0,
  grayscaleMode: 0 as const,
  invertColors: false,
  colorizeOn: false,
  colorize: { r: 255, g: 128, b: 128, a: 255 },
  colorizeStrength: 100,
};

Deno.test("brightness/contrast: defaults change nothing; brightness adds; contrast spreads around the middle", () => {
  const px = Uint8Array.of(100, 150, 200, 255, 0, 0, 0, 0);
  applyBrightnessContrast(px, { brightness: 0, contrast: 0, gamma: 1 });
  assertEquals(Array.from(px), [100, 150, 200, 255, 0, 0, 0, 0], "defaults");
  applyBrightnessContrast(px, { brightness: 20, contrast: 0, gamma: 1 });
  assertEquals(Array.from(px.slice(0, 4)), [120, 170, 220, 255], "brightness");
  const c = Uint8Array.of(64, 128, 192, 255);
  applyBrightnessContrast(c, { brightness: 0, contrast: 100, gamma: 1 });
  if (!(c[0] < 64 && c[2] > 192)) throw new Error(`contrast: ${c}`);
  assertEquals(Array.from(px.slice(4)), [0, 0, 0, 0], "transparent stays");
});

Deno.test("brightness on a translucent pixel works on straight colour and stays premultiplied", () => {
  const px = Uint8Array.of(50, 50, 50, 128);
  applyBrightnessContrast(px, { brightness: 20, contrast: 0, gamma: 1 });
  // QGIS divides by alpha without truncating, adjusts, multiplies back.
  const f = 128 / 255;
  assertEquals(px[0], Math.trunc(f * (50 / f + 20)), "premultiplied");
  assertEquals(px[3], 128, "alpha kept");
});

Deno.test("QColor HSL conversions round-trip every grey and the primaries", () => {
  for (let v = 0; v < 256; v++) {
    const [h, s, l] = rgbToHsl(v, v, v);
    assertEquals([h, s], [-1, 0], `grey ${v} hue`);
    assertEquals(hslToRgb(h, s, l), [v, v, v], `grey ${v}`);
  }
  for (
    const c of [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0], [
      12,
      200,
      99,
    ]]
  ) {
    const [h, s, l] = rgbToHsl(c[0], c[1], c[2]);
    const back = hslToRgb(h, s, l);
    for (let k = 0; k < 3; k++) {
      if (Math.abs(back[k] - c[k]) > 2) throw new Error(`${c} → ${back}`);
    }
  }
  assertEquals(rgbToHsl(255, 0, 0), [0, 255, 128], "red");
  assertEquals(
    rgbHsvHueSaturation(255, 128, 128),
    [0, 127],
    "colorize default",
  );
});

Deno.test("hue/saturation: colorize at full strength takes the colour's hue and saturation", () => {
  const px = Uint8Array.of(100, 100, 100, 255);
  applyHueSaturation(px, {
    ...HS,
    colorizeOn: true,
    colorize: { r: 255, g: 0, b: 0, a: 255 },
  });
  const [, , l] = rgbToHsl(100, 100, 100);
  assertEquals(Array.from(px), [...hslToRgb(0, 255, l), 255], "red tint");
});

Deno.test("hue/saturation: grayscale modes, invert, desaturate", () => {
  const gray = (mode: 1 | 2 | 3) => {
    const px = Uint8Array.of(255, 0, 0, 255);
    applyHueSaturation(px, { ...HS, grayscaleMode: mode });
    return Array.from(px);
  };
  // Qt keeps lightness in 16 bits: (255 + 0) / 2 rounds to 128.
  assertEquals(gray(1), [128, 128, 128, 255], "lightness");
  assertEquals(gray(2), [53, 53, 53, 255], "luminosity");
  assertEquals(gray(3), [85, 85, 85, 255], "average");
  const inv = Uint8Array.of(255, 0, 10, 255);
  applyHueSaturation(inv, { ...HS, invertColors: true });
  assertEquals(Array.from(inv), [0, 255, 245, 255], "invert");
  const desat = Uint8Array.of(200, 100, 100, 255);
  applyHueSaturation(desat, { ...HS, saturation: -100 });
  assertEquals(Array.from(desat), [150, 150, 150, 255], "saturation -100");
});
