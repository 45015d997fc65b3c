/**
 * QGIS's raster colour filters on premultiplied RGBA blocks:
 * `QgsBrightnessContrastFilter` and `QgsHueSaturationFilter`.
 *
 * @module
 */
import type { RasterStyle } from "./style.ts";

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
  const adjust = (c: number) =>
    Math.trunc(
      255 *
        Math.pow(
          Math.max(0, ((c / 255 - 0.5) * factor + 0.5) * 255 + brightness) /
            255,
          gamma,
        ),
    );
  for (let o = 0; o < rgba.length; o += 4) {
    const a = rgba[o + 3];
    if (a === 0) continue;
    for (let k = 0; k < 3; k++) {
      if (a === 255) {
        rgba[o + k] = Math.min(255, Math.max(0, adjust(rgba[o + k])));
      } else {
        const f = a / 255;
        const straight = Math.trunc(rgba[o + k] / f);
        const v = Math.min(255, Math.max(0, adjust(straight)));
        rgba[o + k] = Math.trunc(f * v);
      }
    }
  }
}

function toHsl(r: number, g: number, b: number): [number, number, number] {
  const max = Math.max(r, g, b), min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [-1, 0, l];
  const d = max - min;
  const s = l > 127.5 ? d / (510 - max - min) : d / (max + min);
  let h: number;
  if (max === r) h = ((g - b) / d + (g < b ? 6 : 0)) * 60;
  else if (max === g) h = ((b - r) / d + 2) * 60;
  else h = ((r - g) / d + 4) * 60;
  return [h, s, l];
}

function fromHsl(h: number, s: number, l: number): [number, number, number] {
  if (h < 0 || s === 0) return [l, l, l];
  const L = l / 255;
  const q = L < 0.5 ? L * (1 + s) : L + s - L * s;
  const p = 2 * L - q;
  const f = (t: number) => {
    t = ((t % 1) + 1) % 1;
    if (t < 1 / 6) return p + (q - p) * 6 * t;
    if (t < 1 / 2) return q;
    if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
    return p;
  };
  const H = h / 360;
  return [
    Math.round(f(H + 1 / 3) * 255),
    Math.round(f(H) * 255),
    Math.round(f(H - 1 / 3) * 255),
  ];
}

/**
 * Saturation (−100…100), grayscale (1 lightness, 2 luminosity, 3 average),
 * colorize and invert, in place. A no-op at the defaults.
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
  const { saturation, grayscaleMode, invertColors, colorizeOn } = params;
  if (
    saturation === 0 && grayscaleMode === 0 && !invertColors && !colorizeOn
  ) {
    return;
  }
  const satScale = 1 + saturation / 100;
  const [colH, colS] = toHsl(
    params.colorize.r,
    params.colorize.g,
    params.colorize.b,
  );
  const strength = params.colorizeStrength / 100;
  for (let o = 0; o < rgba.length; o += 4) {
    const a = rgba[o + 3];
    if (a === 0) continue;
    const f = a / 255;
    let r = a === 255 ? rgba[o] : Math.trunc(rgba[o] / f);
    let g = a === 255 ? rgba[o + 1] : Math.trunc(rgba[o + 1] / f);
    let b = a === 255 ? rgba[o + 2] : Math.trunc(rgba[o + 2] / f);
    if (invertColors) {
      r = 255 - r;
      g = 255 - g;
      b = 255 - b;
    }
    if (grayscaleMode !== 0) {
      let gray: number;
      if (grayscaleMode === 1) {
        gray = Math.trunc((Math.max(r, g, b) + Math.min(r, g, b)) / 2);
      } else if (grayscaleMode === 2) {
        gray = Math.trunc(r * 0.21 + g * 0.72 + b * 0.07);
      } else gray = Math.trunc((r + g + b) / 3);
      r = g = b = gray;
    } else if (saturation !== 0) {
      const [h, s, l] = toHsl(r, g, b);
      [r, g, b] = fromHsl(h, Math.min(1, Math.max(0, s * satScale)), l);
    }
    if (colorizeOn) {
      const [, , l] = toHsl(r, g, b);
      const [cr, cg, cb] = fromHsl(colH, colS, l);
      r = Math.trunc(r * (1 - strength) + cr * strength);
      g = Math.trunc(g * (1 - strength) + cg * strength);
      b = Math.trunc(b * (1 - strength) + cb * strength);
    }
    rgba[o] = a === 255 ? r : Math.trunc(r * f);
    rgba[o + 1] = a === 255 ? g : Math.trunc(g * f);
    rgba[o + 2] = a === 255 ? b : Math.trunc(b * f);
  }
}
