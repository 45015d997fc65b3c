/**
 * QGIS's colour functions (`color_hsv` … `color_cmyka`, `color_part`,
 * `set_color_part`, `darker`, `lighter`, `color_grayscale_average`,
 * `color_mix_rgb`, `create_ramp`, `ramp_color`) as QGIS 3.22 computes
 * them over Qt 5's `QColor`: 16-bit channels, float conversions between
 * RGB, HSV, HSL and CMYK, 8-bit values by division by 257. Colours
 * are QGIS's texts (`r,g,b` where QGIS gives a text, `r,g,b,a` where it
 * gives a QColor).
 *
 * @module
 */
import { def } from "./registry.ts";
import { ExpressionEvalError } from "./errors.ts";
import { parseColor } from "../style/props.ts";
import { isMap } from "./fn_arrays.ts";
import { toInt, toNumber, toText } from "./values.ts";

const f = Math.fround;
const MAX = 65535;
const qRound = (v: number) =>
  v >= 0 ? Math.trunc(v + 0.5) : Math.trunc(v - 0.5);
// QColor's 8-bit value of a 16-bit one: x / 257 rounded (measured with
// PyQt5: 5782 → 22, 64287 → 250, 32767 → 127; the shift approximation
// (x - (x >> 8) + 0x80) >> 8 gives 23 for 5782)
const div257 = (x: number) => qRound(x / 257);

/** A QColor in RGB: 16-bit channels and alpha. */
interface Rgb16 {
  r: number;
  g: number;
  b: number;
  a: number;
}

const rgb8 = (r: number, g: number, b: number, a = 255): Rgb16 => ({
  r: r * 0x101,
  g: g * 0x101,
  b: b * 0x101,
  a: a * 0x101,
});

/** QgsSymbolLayerUtils::decodeColor; null for what QColor finds invalid. */
function decode(v: unknown): Rgb16 {
  const text = toText(v);
  if (text.length > 1000) {
    throw new ExpressionEvalError("Cannot convert a long text to color");
  }
  const parts = text.split(",");
  let c: number[] | null = null;
  if (parts.length >= 3) {
    const n = parts.slice(0, 4).map((p) => /^\s*-?\d+\s*$/.test(p) ? +p : 0);
    if (parts.length === 3) n.push(255);
    c = n.every((x) => x >= 0 && x <= 255) ? n : null;
  } else {
    const bad: [number, number, number, number] = [-1, -1, -1, -1];
    const p = parseColor(text, bad);
    c = p === bad ? null : p;
  }
  if (!c) throw new ExpressionEvalError(`Cannot convert '${text}' to color`);
  return rgb8(c[0], c[1], c[2], c[3]);
}

const encode = (c: Rgb16) =>
  `${div257(c.r)},${div257(c.g)},${div257(c.b)},${div257(c.a)}`;
const encodeRgb = (c: Rgb16) => `${div257(c.r)},${div257(c.g)},${div257(c.b)}`;

// --- Qt's conversions --------------------------------------------------------------
interface Hsx {
  h: number; // hue ×100, MAX = none
  s: number;
  x: number; // value or lightness
}

function hue(r: number, g: number, b: number, max: number, delta: number) {
  let h: number;
  if (r === max) h = f(f(g - b) / delta);
  else if (g === max) h = f(2 + f(f(b - r) / delta));
  else h = f(4 + f(f(r - g) / delta));
  h = f(h * 60);
  if (h < 0) h = f(h + 360);
  return qRound(f(h * 100));
}
const channels = (c: Rgb16) => [f(c.r / MAX), f(c.g / MAX), f(c.b / MAX)];

function toHsv(c: Rgb16): Hsx {
  const [r, g, b] = channels(c);
  const max = Math.max(r, g, b), min = Math.min(r, g, b);
  const delta = f(max - min);
  const x = qRound(f(max * MAX));
  if (Math.abs(delta) <= 0.00001) return { h: MAX, s: 0, x };
  return { h: hue(r, g, b, max, delta), s: qRound(f(f(delta / max) * MAX)), x };
}

function toHsl(c: Rgb16): Hsx {
  const [r, g, b] = channels(c);
  const max = Math.max(r, g, b), min = Math.min(r, g, b);
  const delta = f(max - min), sum = f(max + min);
  const lightness = f(0.5 * sum);
  const x = qRound(f(lightness * MAX));
  if (Math.abs(delta) <= 0.00001) return { h: MAX, s: 0, x };
  const s = lightness < 0.5
    ? qRound(f(f(delta / sum) * MAX))
    : qRound(f(f(delta / f(2 - sum)) * MAX));
  return { h: hue(r, g, b, max, delta), s, x };
}

function fromHsv({ h, s, x }: Hsx, a: number): Rgb16 {
  if (s === 0 || h === MAX) return { r: x, g: x, b: x, a };
  const H = h === 36000 ? 0 : f(h / 6000);
  const S = f(s / MAX), V = f(x / MAX);
  const i = Math.trunc(H);
  const fr = f(H - i);
  const p = f(V * f(1 - S));
  let r: number, g: number, b: number;
  if (i & 1) {
    const q = f(V * f(1 - f(S * fr)));
    [r, g, b] = i === 1 ? [q, V, p] : i === 3 ? [p, q, V] : [V, p, q];
  } else {
    const t = f(V * f(1 - f(S * f(1 - fr))));
    [r, g, b] = i === 0 ? [V, t, p] : i === 2 ? [p, V, t] : [t, p, V];
  }
  return {
    r: qRound(f(r * MAX)),
    g: qRound(f(g * MAX)),
    b: qRound(f(b * MAX)),
    a,
  };
}

function fromHsl({ h, s, x }: Hsx, a: number): Rgb16 {
  if (s === 0 || h === MAX) return { r: x, g: x, b: x, a };
  if (x === 0) return { r: 0, g: 0, b: 0, a };
  const H = h === 36000 ? 0 : f(h / 36000);
  const S = f(s / MAX), L = f(x / MAX);
  const temp2 = L < 0.5 ? f(L * f(1 + S)) : f(f(L + S) - f(L * S));
  const temp1 = f(f(2 * L) - temp2);
  const out = [f(H + f(1 / 3)), H, f(H - f(1 / 3))].map((t0) => {
    let t = t0;
    if (t < 0) t = f(t + 1);
    else if (t > 1) t = f(t - 1);
    const six = f(t * 6);
    let v: number;
    if (six < 1) v = qRound(f(f(temp1 + f(f(temp2 - temp1) * six)) * MAX));
    else if (f(t * 2) < 1) v = qRound(f(temp2 * MAX));
    else if (f(t * 3) < 2) {
      v = qRound(
        f(f(temp1 + f(f(f(temp2 - temp1) * f(f(2 / 3) - t)) * 6)) * MAX),
      );
    } else v = qRound(f(temp1 * MAX));
    return v === 1 ? 0 : v;
  });
  return { r: out[0], g: out[1], b: out[2], a };
}

function toCmyk(c: Rgb16): [number, number, number, number] {
  let [cy, m, y] = channels(c).map((v) => f(1 - v));
  const k = Math.min(cy, m, y);
  if (Math.abs(f(k - 1)) > 0.00001) {
    cy = f(f(cy - k) / f(1 - k));
    m = f(f(m - k) / f(1 - k));
    y = f(f(y - k) / f(1 - k));
  }
  return [cy, m, y, k].map((v) => qRound(f(v * MAX))) as [
    number,
    number,
    number,
    number,
  ];
}

function fromCmyk(cmyk: number[], a: number): Rgb16 {
  const [c, m, y, k] = cmyk.map((v) => f(v / MAX));
  const ch = (v: number) => qRound(f(f(1 - f(f(v * f(1 - k)) + k)) * MAX));
  return { r: ch(c), g: ch(m), b: ch(y), a };
}

// setXxxF: components of 0–1 to 16 bits (an out-of-range one: invalid)
function unit(v: number, what: string): number {
  if (!(v >= 0 && v <= 1)) {
    throw new ExpressionEvalError(`Cannot convert ${what} to color`);
  }
  return qRound(v * MAX);
}
const hueF = (h: number) =>
  h === -1 ? MAX : unit(h, "hue") && qRound(h * 36000);
function hsvF(h: number, s: number, v: number, a: number): Rgb16 {
  return fromHsv(
    { h: hueF(h), s: unit(s, "saturation"), x: unit(v, "value") },
    unit(a, "alpha"),
  );
}
function hslF(h: number, s: number, l: number, a: number): Rgb16 {
  return fromHsl({
    h: hueF(h),
    s: unit(s, "saturation"),
    x: unit(l, "lightness"),
  }, unit(a, "alpha"));
}
function cmykF(c: number, m: number, y: number, k: number, a: number): Rgb16 {
  return fromCmyk([c, m, y, k].map((v) => unit(v, "cmyk")), unit(a, "alpha"));
}
const hueOf = (x: Hsx) => x.h === MAX ? -1 : x.h / 36000;

// --- constructors ------------------------------------------------------------------
const i = toInt;
def(
  "color_hsl",
  3,
  3,
  ([h, s, l]) => encodeRgb(hslF(i(h) / 360, i(s) / 100, i(l) / 100, 1)),
);
def(
  "color_hsla",
  4,
  4,
  ([h, s, l, a]) =>
    encode(hslF(i(h) / 360, i(s) / 100, i(l) / 100, i(a) / 255)),
);
def(
  "color_hsv",
  3,
  3,
  ([h, s, v]) => encodeRgb(hsvF(i(h) / 360, i(s) / 100, i(v) / 100, 1)),
);
def(
  "color_hsva",
  4,
  4,
  ([h, s, v, a]) =>
    encode(hsvF(i(h) / 360, i(s) / 100, i(v) / 100, i(a) / 255)),
);
def(
  "color_cmyk",
  4,
  4,
  ([c, m, y, k]) =>
    encodeRgb(cmykF(i(c) / 100, i(m) / 100, i(y) / 100, i(k) / 100, 1)),
);
def(
  "color_cmyka",
  5,
  5,
  ([c, m, y, k, a]) =>
    encode(cmykF(i(c) / 100, i(m) / 100, i(y) / 100, i(k) / 100, i(a) / 255)),
);

// --- parts -------------------------------------------------------------------------
def("color_part", 2, 2, ([c, p]) => {
  const color = decode(c);
  const part = toText(p).toLowerCase();
  const cmyk = () => toCmyk(color);
  switch (part) {
    case "red":
      return div257(color.r);
    case "green":
      return div257(color.g);
    case "blue":
      return div257(color.b);
    case "alpha":
      return div257(color.a);
    case "hue":
      return hueOf(toHsv(color)) * 360;
    case "saturation":
      return toHsv(color).s / MAX * 100;
    case "value":
      return toHsv(color).x / MAX * 100;
    case "hsl_hue":
      return hueOf(toHsl(color)) * 360;
    case "hsl_saturation":
      return toHsl(color).s / MAX * 100;
    case "lightness":
      return toHsl(color).x / MAX * 100;
    case "cyan":
      return cmyk()[0] / MAX * 100;
    case "magenta":
      return cmyk()[1] / MAX * 100;
    case "yellow":
      return cmyk()[2] / MAX * 100;
    case "black":
      return cmyk()[3] / MAX * 100;
  }
  throw new ExpressionEvalError(`Unknown color component '${part}'`);
});

def("set_color_part", 3, 3, ([c, p, v]) => {
  const color = decode(c);
  const part = toText(p).toLowerCase();
  const value = toInt(v);
  // QColor clamps an 8-bit part (with a warning)
  const byte = (x: number) => Math.max(0, Math.min(255, x)) * 0x101;
  const alpha = color.a / MAX;
  let out: Rgb16;
  switch (part) {
    case "red":
      out = { ...color, r: byte(value) };
      break;
    case "green":
      out = { ...color, g: byte(value) };
      break;
    case "blue":
      out = { ...color, b: byte(value) };
      break;
    case "alpha":
      out = { ...color, a: byte(value) };
      break;
    case "hue": {
      // setHsv(value, hsvSaturation(), value(), alpha()): integer parts
      const hsv = toHsv(color);
      out = fromHsv({
        h: value === -1 ? MAX : (value % 360) * 100,
        s: div257(hsv.s) * 0x101,
        x: div257(hsv.x) * 0x101,
      }, color.a);
      break;
    }
    case "saturation": {
      const hsv = toHsv(color);
      out = hsvF(hueOf(hsv), value / 100, hsv.x / MAX, alpha);
      break;
    }
    case "value": {
      const hsv = toHsv(color);
      out = hsvF(hueOf(hsv), hsv.s / MAX, value / 100, alpha);
      break;
    }
    case "hsl_hue": {
      const hsl = toHsl(color);
      out = fromHsl({
        h: value === -1 ? MAX : (value % 360) * 100,
        s: div257(hsl.s) * 0x101,
        x: div257(hsl.x) * 0x101,
      }, color.a);
      break;
    }
    case "hsl_saturation": {
      const hsl = toHsl(color);
      out = hslF(hueOf(hsl), value / 100, hsl.x / MAX, alpha);
      break;
    }
    case "lightness": {
      const hsl = toHsl(color);
      out = hslF(hueOf(hsl), hsl.s / MAX, value / 100, alpha);
      break;
    }
    case "cyan":
    case "magenta":
    case "yellow":
    case "black": {
      const k = toCmyk(color).map((x) => x / MAX);
      k[["cyan", "magenta", "yellow", "black"].indexOf(part)] = value / 100;
      out = cmykF(k[0], k[1], k[2], k[3], alpha);
      break;
    }
    default:
      throw new ExpressionEvalError(`Unknown color component '${part}'`);
  }
  return encode(out);
});

// QColor::darker and lighter, over the 16-bit HSV value
def("darker", 2, 2, ([c, n]) => encode(darker(decode(c), toInt(n))));
def("lighter", 2, 2, ([c, n]) => encode(lighter(decode(c), toInt(n))));
function darker(c: Rgb16, factor: number): Rgb16 {
  if (factor <= 0) return c;
  if (factor < 100) return lighter(c, Math.trunc(10000 / factor));
  const hsv = toHsv(c);
  return fromHsv({ ...hsv, x: Math.trunc(hsv.x * 100 / factor) }, c.a);
}
function lighter(c: Rgb16, factor: number): Rgb16 {
  if (factor <= 0) return c;
  if (factor < 100) return darker(c, Math.trunc(10000 / factor));
  const hsv = toHsv(c);
  let s = hsv.s;
  let v = Math.trunc(factor * hsv.x / 100);
  if (v > MAX) {
    s = Math.max(0, s - (v - MAX));
    v = MAX;
  }
  return fromHsv({ h: hsv.h, s, x: v }, c.a);
}

def("color_grayscale_average", 1, 1, ([c]) => {
  const color = decode(c);
  const avg = Math.trunc(
    (div257(color.r) + div257(color.g) + div257(color.b)) / 3,
  );
  return encode(rgb8(avg, avg, avg, div257(color.a)));
});
def("color_mix_rgb", 3, 3, ([a, b, r]) => {
  const x = decode(a), y = decode(b);
  const ratio = Math.max(0, Math.min(1, toNumber(r)));
  const mix = (p: number, q: number) =>
    Math.trunc(div257(p) * (1 - ratio) + div257(q) * ratio);
  const v = [mix(x.r, y.r), mix(x.g, y.g), mix(x.b, y.b), mix(x.a, y.a)];
  if (v.some((n) => n < 0 || n > 255)) {
    throw new ExpressionEvalError("Cannot mix the colors");
  }
  return encode(rgb8(v[0], v[1], v[2], v[3]));
});

// --- ramps ---------------------------------------------------------------------------
/** A gradient colour ramp (QgsGradientColorRamp) made by `create_ramp`. */
export class GradientRamp {
  /** Makes a ramp from its end colours and inner stops. */
  constructor(
    readonly color1: Rgb16,
    readonly color2: Rgb16,
    readonly discrete: boolean,
    readonly stops: [number, Rgb16][],
  ) {}
  /** The colour at `value` (0–1). */
  color(value: number): Rgb16 {
    const near = (a: number, b: number) => Math.abs(a - b) <= 1e-8;
    if (near(value, 0) || value < 0) return this.color1;
    if (near(value, 1) || value > 1) return this.color2;
    let lower = 0, c1 = this.color1;
    for (const [offset, color] of this.stops) {
      if (offset > value) {
        if (this.discrete) return c1;
        return near(offset, lower)
          ? c1
          : interpolate(c1, color, (value - lower) / (offset - lower));
      }
      lower = offset;
      c1 = color;
    }
    if (this.discrete) return c1;
    return near(1, lower)
      ? c1
      : interpolate(c1, this.color2, (value - lower) / (1 - lower));
  }
}
function interpolate(a: Rgb16, b: Rgb16, t: number): Rgb16 {
  if (Number.isNaN(t)) return b;
  const ch = (x: number, y: number) =>
    qRound((x / MAX + t * (y / MAX - x / MAX)) * MAX);
  return { r: ch(a.r, b.r), g: ch(a.g, b.g), b: ch(a.b, b.b), a: ch(a.a, b.a) };
}
def("create_ramp", 1, 2, ([m, discrete = false]) => {
  if (!isMap(m)) {
    throw new ExpressionEvalError("Cannot evaluate create_ramp(): no map");
  }
  // QVariantMap's order: keys sorted as texts
  const keys = Object.keys(m).sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  if (keys.length < 1) {
    throw new ExpressionEvalError("Cannot evaluate create_ramp(): empty map");
  }
  const colors = keys.map((k) => decode(m[k]));
  const stops: [number, Rgb16][] = [];
  for (let k = 1; k < keys.length - 1; k++) {
    stops.push([Number(keys[k]) || 0, colors[k]]);
  }
  const on = discrete === true || discrete === 1 ||
    (typeof discrete === "string" && !/^(|0|false)$/i.test(discrete));
  return new GradientRamp(colors[0], colors[colors.length - 1], on, stops);
});
def("ramp_color", 2, 2, ([ramp, v]) => {
  if (!(ramp instanceof GradientRamp)) {
    // a ramp of the project's style by name: not known here
    throw new ExpressionEvalError(
      `"${toText(ramp)}" is not a valid color ramp`,
    );
  }
  return encode(ramp.color(toNumber(v)));
});
