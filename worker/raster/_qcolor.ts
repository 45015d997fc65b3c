/**
 * Qt's `QColor` HSL/HSV conversions with its 16-bit storage and float
 * arithmetic, so that filters built on them round as QGIS's do.
 *
 * @module
 */
const f = Math.fround;
const USHRT_MAX = 65535;

function qRound(v: number): number {
  return v >= 0 ? Math.trunc(f(v + 0.5)) : Math.trunc(f(v - 0.5));
}

function div257(x: number): number {
  return (x - (x >> 8) + 0x80) >> 8;
}

/** `QColor::fromRgb(r, g, b).getHsl()` → [h (−1 = none), s, l]. */
export function rgbToHsl(
  r8: number,
  g8: number,
  b8: number,
): [number, number, number] {
  const r = f(r8 * 0x101 / USHRT_MAX);
  const g = f(g8 * 0x101 / USHRT_MAX);
  const b = f(b8 * 0x101 / USHRT_MAX);
  const max = Math.max(r, g, b), min = Math.min(r, g, b);
  const delta = f(max - min);
  const delta2 = f(max + min);
  const lightness = f(0.5 * delta2);
  const l16 = qRound(f(lightness * USHRT_MAX));
  if (Math.abs(delta) <= 0.00001) return [-1, 0, div257(l16)];
  const s16 = lightness < 0.5
    ? qRound(f(f(delta / delta2) * USHRT_MAX))
    : qRound(f(f(delta / f(2 - delta2)) * USHRT_MAX));
  let hue = 0;
  if (r === max) hue = f(f(g - b) / delta);
  else if (g === max) hue = f(2 + f(f(b - r) / delta));
  else hue = f(4 + f(f(r - g) / delta));
  hue = f(hue * 60);
  if (hue < 0) hue = f(hue + 360);
  const h100 = qRound(f(hue * 100));
  return [Math.trunc(h100 / 100), div257(s16), div257(l16)];
}

/** `QColor::fromRgb(r, g, b)`'s HSV hue (−1 = none) and saturation. */
export function rgbHsvHueSaturation(
  r8: number,
  g8: number,
  b8: number,
): [number, number] {
  const r = f(r8 * 0x101 / USHRT_MAX);
  const g = f(g8 * 0x101 / USHRT_MAX);
  const b = f(b8 * 0x101 / USHRT_MAX);
  const max = Math.max(r, g, b), min = Math.min(r, g, b);
  const delta = f(max - min);
  if (Math.abs(delta) <= 0.00001) return [-1, 0];
  const s16 = qRound(f(f(delta / max) * USHRT_MAX));
  let hue = 0;
  if (r === max) hue = f(f(g - b) / delta);
  else if (g === max) hue = f(2 + f(f(b - r) / delta));
  else hue = f(4 + f(f(r - g) / delta));
  hue = f(hue * 60);
  if (hue < 0) hue = f(hue + 360);
  return [Math.trunc(qRound(f(hue * 100)) / 100), div257(s16)];
}

/** `QColor::fromHsl(h, s, l).getRgb()`. */
export function hslToRgb(
  h: number,
  s: number,
  l: number,
): [number, number, number] {
  const hue16 = h === -1 ? USHRT_MAX : (h % 360) * 100;
  const sat16 = s * 0x101, light16 = l * 0x101;
  if (sat16 === 0 || hue16 === USHRT_MAX) {
    const v = div257(light16);
    return [v, v, v];
  }
  if (light16 === 0) return [0, 0, 0];
  const H = hue16 === 36000 ? 0 : f(hue16 / 36000);
  const S = f(sat16 / USHRT_MAX), L = f(light16 / USHRT_MAX);
  const temp2 = L < 0.5 ? f(L * f(1 + S)) : f(f(L + S) - f(L * S));
  const temp1 = f(f(2 * L) - temp2);
  const out: number[] = [];
  for (const t0 of [f(H + f(1 / 3)), H, f(H - f(1 / 3))]) {
    let t = t0;
    if (t < 0) t = f(t + 1);
    else if (t > 1) t = f(t - 1);
    const six = f(t * 6);
    let v: number;
    if (six < 1) {
      v = qRound(f(f(temp1 + f(f(temp2 - temp1) * six)) * USHRT_MAX));
    } else if (f(t * 2) < 1) v = qRound(f(temp2 * USHRT_MAX));
    else if (f(t * 3) < 2) {
      v = qRound(
        f(
          f(temp1 + f(f(f(temp2 - temp1) * f(f(2 / 3) - t)) * 6)) * USHRT_MAX,
        ),
      );
    } else v = qRound(f(temp1 * USHRT_MAX));
    out.push(div257(v === 1 ? 0 : v));
  }
  return [out[0], out[1], out[2]];
}
