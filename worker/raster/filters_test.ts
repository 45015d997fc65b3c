import { applyBrightnessContrast, applyHueSaturation } from "./filters.ts";
import { assertEquals } from "./_assert.ts";

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
  const straight = Math.trunc(50 / (128 / 255));
  assertEquals(
    px[0],
    Math.trunc((128 / 255) * (straight + 20)),
    "premultiplied",
  );
  assertEquals(px[3], 128, "alpha kept");
});

Deno.test("hue/saturation: grayscale modes, invert, desaturate", () => {
  const gray = (mode: 1 | 2 | 3) => {
    const px = Uint8Array.of(255, 0, 0, 255);
    applyHueSaturation(px, { ...HS, grayscaleMode: mode });
    return Array.from(px);
  };
  assertEquals(gray(1), [127, 127, 127, 255], "lightness");
  assertEquals(gray(2), [53, 53, 53, 255], "luminosity");
  assertEquals(gray(3), [85, 85, 85, 255], "average");
  const inv = Uint8Array.of(255, 0, 10, 255);
  applyHueSaturation(inv, { ...HS, invertColors: true });
  assertEquals(Array.from(inv), [0, 255, 245, 255], "invert");
  const desat = Uint8Array.of(200, 100, 100, 255);
  applyHueSaturation(desat, { ...HS, saturation: -100 });
  assertEquals(Array.from(desat), [150, 150, 150, 255], "saturation -100");
});
