/**
 * QGIS's raster colour filters on premultiplied RGBA blocks, with their
 * integer truncations: `QgsBrightnessContrastFilter` and
 * `QgsHueSaturationFilter` (through Qt's `QColor` HSL conversions).
 *
 * @module
 */
import type { RasterStyle } from "./style.ts";
import { hslToRgb, rgbHsvHueSaturation, rgbToHsl } from "./_qcolor.ts";

// C++'s (int) of a double: truncation; NaN/overflow ends up clamped to 0.
function toInt(v: number): number {
  return Number.isFinite(v) ? Math.trunc(v) : 0;
}

/**
 * Brightness (−255…255), contrast (−100…100) and gamma, in place. A no-op
 * at the defaults (0, 0, 1).
 *
 * @example
 * ```ts
 * import { applyBrightnessContrast } from "./filters.ts";
 * const px = Uint8Array.of(100, 100, 100, 255);
 * applyBrightnessContrast(px, { brightness: 10, contrast: 0, gamma: 1 });
 * px[0]; // 110
 * ```
 */
export function applyBrightnessContrast(
  rgba: Uint8Array,
  params: RasterStyle["brightnessContrast"],
): void {
  const { brightness, contrast, gamma } = params;
  if (brightness === 0 && contrast === 0 && gamma === 1) return;
  const factor = Math.pow((contrast + 100) / 100, 2);
  const curve = (c: number) =>
    255 *
    Math.pow(
      (((c / 255 - 0.5) * factor + 0.5) * 255 + brightness) / 255,
      gamma,
    );
  for (let o = 0; o < rgba.length; o += 4) {
    const a = rgba[o + 3];
    if (a === 0 && rgba[o] === 0 && rgba[o + 1] === 0 && rgba[o + 2] === 0) {
      continue;
    }
    for (let k = 0; k < 3; k++) {
      const c = rgba[o + k];
      let v: number;
      if (a === 255) {
        v = Math.min(255, Math.max(0, toInt(curve(c))));
      } else if (a === 0) {
        v = 0;
      } else {
        const alphaFactor = a / 255;
        const adjusted = curve(c / alphaFactor);
        v = toInt(alphaFactor * Math.min(255, Math.max(0, adjusted)));
      }
      rgba[o + k] = v & 255;
    }
  }
}

/**
 * Saturation (−100…100), grayscale (1 lightness, 2 luminosity, 3 average),
 * colorize (hue and saturation of the colorize colour, strength) and
 * invert, in place. A no-op at the defaults.
 *
 * @example
 * ```ts
 * import { applyHueSaturation } from "./filters.ts";
 * const px = Uint8Array.of(255, 0, 0, 255);
 * applyHueSaturation(px, { saturation: 0, grayscaleMode: 3, invertColors: false,
 *   colorizeOn: false, colorize: { r: 255, g: 128, b: 128, a: 255 }, colorizeStrength: 100 });
 * px[0]; // 85
 * ```
 */
export function applyHueSaturation(
  rgba: Uint8Array,
  params: RasterStyle["hueSaturation"],
): void {
  const { grayscaleMode, invertColors, colorizeOn, colorizeStrength } = params;
  const saturation = Math.min(100, Math.max(-100, params.saturation));
  if (!invertColors && saturation === 0 && grayscaleMode === 0 && !colorizeOn) {
    return;
  }
  const scale = saturation / 100 + 1;
  const [colorizeH, colorizeS] = rgbHsvHueSaturation(
    params.colorize.r,
    params.colorize.g,
    params.colorize.b,
  );
  let alphaFactor = 1;
  for (let o = 0; o < rgba.length; o += 4) {
    const alpha = rgba[o + 3];
    if (alpha === 0) continue;
    let r = rgba[o], g = rgba[o + 1], b = rgba[o + 2];
    if (invertColors || alpha !== 255) {
      if (alpha !== 255) {
        alphaFactor = alpha / 255;
        r = Math.trunc(r / alphaFactor);
        g = Math.trunc(g / alphaFactor);
        b = Math.trunc(b / alphaFactor);
      }
      if (invertColors) {
        r = 255 - r;
        g = 255 - g;
        b = 255 - b;
      }
      r = Math.min(255, Math.max(0, r));
      g = Math.min(255, Math.max(0, g));
      b = Math.min(255, Math.max(0, b));
    }
    let [h, s, l] = rgbToHsl(r, g, b);
    if (grayscaleMode !== 0 || scale !== 1) {
      if (grayscaleMode === 1) {
        [r, g, b] = hslToRgb(h, 0, l);
      } else if (grayscaleMode === 2) {
        r = g = b = Math.trunc(0.21 * r + 0.72 * g + 0.07 * b);
        [h, s, l] = rgbToHsl(r, g, b);
      } else if (grayscaleMode === 3) {
        r = g = b = Math.trunc((r + g + b) / 3);
        [h, s, l] = rgbToHsl(r, g, b);
      } else {
        s = scale < 1 ? Math.min(Math.trunc(s * scale), 255) : Math.min(
          Math.trunc(255 * (1 - Math.pow(1 - s / 255, scale * scale))),
          255,
        );
        [r, g, b] = hslToRgb(h, s, l);
      }
    }
    if (colorizeOn) {
      const [cr, cg, cb] = hslToRgb(colorizeH, colorizeS, l);
      if (colorizeStrength === 100) {
        r = cr;
        g = cg;
        b = cb;
      } else {
        const p = colorizeStrength / 100;
        r = Math.trunc(p * cr + (1 - p) * r);
        g = Math.trunc(p * cg + (1 - p) * g);
        b = Math.trunc(p * cb + (1 - p) * b);
      }
    }
    if (alpha !== 255) {
      r = Math.trunc(r * alphaFactor);
      g = Math.trunc(g * alphaFactor);
      b = Math.trunc(b * alphaFactor);
    }
    rgba[o] = r & 255;
    rgba[o + 1] = g & 255;
    rgba[o + 2] = b & 255;
  }
}
