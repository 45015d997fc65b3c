/**
 * QGIS's raster renderers as pure functions: blocks of band values (NaN =
 * no data) → premultiplied RGBA bytes, with QGIS's arithmetic (C++'s
 * truncating double → int conversions in `qRgba`, opacity multiplied into
 * the premultiplied components).
 *
 * @module
 */
import { ColorRampShader } from "./color_ramp.ts";
import type {
  ContrastEnhancementStyle,
  RasterRendererStyle,
  RasterStyle,
  Rgba,
  TransparentRange,
  TransparentRgb,
} from "./style.ts";

/** One band's values on the output grid; NaN marks no data. */
export interface RasterBlock {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Values, row-major. */
  values: Float64Array | Float32Array;
  /** Cell size in map units (x, y), for hillshade slopes. */
  cellSize?: [number, number];
  /** The source band's GDAL data type (1 = Byte, the default). */
  dataType?: number;
}

/** What a renderer needs besides its band blocks. */
export type RenderOptions =
  & Pick<
    RasterStyle,
    "opacity" | "nodataColor" | "transparentValues" | "transparentRgb"
  >
  & {
    /** Per-pixel alpha (0–255) from the alpha band, if any. */
    alpha?: RasterBlock;
    /**
     * The array to draw into (zeroed, width × height × 4 bytes) instead of a
     * new one: the result is then this array.
     */
    out?: Uint8Array;
  };

function outputFor(options: RenderOptions, pixels: number): Uint8Array {
  const out = options.out;
  if (out === undefined) return new Uint8Array(pixels * 4);
  if (out.length !== pixels * 4) {
    throw new RangeError(
      `Cannot render into ${out.length} bytes: ${pixels} pixels need ${
        pixels * 4
      }`,
    );
  }
  return out;
}

/** The bands (1-based) a renderer reads, in the order it wants them. */
export function rendererBands(renderer: RasterRendererStyle): number[] {
  switch (renderer.type) {
    case "multibandcolor":
      return [renderer.red, renderer.green, renderer.blue];
    default:
      return [renderer.band];
  }
}

function setRgba(
  out: Uint8Array,
  i: number,
  r: number,
  g: number,
  b: number,
  a: number,
): void {
  // qRgba(int, int, int, int) masks each component to 8 bits.
  const o = i * 4;
  out[o] = Math.trunc(r) & 255;
  out[o + 1] = Math.trunc(g) & 255;
  out[o + 2] = Math.trunc(b) & 255;
  out[o + 3] = Math.trunc(a) & 255;
}

/**
 * The premultiplied colour QGIS paints no-data pixels with (transparent
 * unless the style sets `nodataColor`, which the layer opacity scales).
 */
export function nodataPixel(
  options: Pick<RenderOptions, "opacity" | "nodataColor">,
): [number, number, number, number] {
  const c = options.nodataColor;
  if (!c) return [0, 0, 0, 0];
  const a = Math.trunc(c.a * options.opacity);
  return [
    Math.trunc(c.r * a / 255),
    Math.trunc(c.g * a / 255),
    Math.trunc(c.b * a / 255),
    a,
  ];
}

/**
 * `QgsRasterTransparency::opacityForValue` for one band: the opacity
 * (0–1) the transparency list gives a value (1 when no range holds it).
 *
 * @example
 * ```ts
 * import { transparencyOpacity } from "./renderers.ts";
 * transparencyOpacity(5, [{ min: 0, max: 10, percentTransparent: 100 }]); // 0
 * ```
 */
export function transparencyOpacity(
  value: number,
  ranges: TransparentRange[],
): number {
  for (const r of ranges) {
    if (value >= r.min && value <= r.max) {
      return 1 - r.percentTransparent / 100;
    }
  }
  return 1;
}

function transparencyOpacityRgb(
  r: number,
  g: number,
  b: number,
  list: TransparentRgb[],
): number {
  for (const t of list) {
    if (t.red === r && t.green === g && t.blue === b) {
      return 1 - t.percentTransparent / 100;
    }
  }
  return 1;
}

// qRgba(int, int, int, int) masks each component to 8 bits; as a 32-bit
// word of RGBA bytes in memory (little-endian).
function packRgba(r: number, g: number, b: number, a: number): number {
  return ((Math.trunc(r) & 255) | (Math.trunc(g) & 255) << 8 |
    (Math.trunc(b) & 255) << 16 | (Math.trunc(a) & 255) << 24) >>> 0;
}

function fill(out: Uint8Array, i: number, px: number[]): void {
  const o = i * 4;
  out[o] = px[0];
  out[o + 1] = px[1];
  out[o + 2] = px[2];
  out[o + 3] = px[3];
}

function opacityOf(
  value: number,
  options: RenderOptions,
  i: number,
): number {
  let opacity = options.opacity;
  if (options.transparentValues.length > 0) {
    opacity *= transparencyOpacity(value, options.transparentValues);
  }
  if (options.alpha) opacity *= options.alpha.values[i] / 255;
  return opacity;
}

function usesTransparency(options: RenderOptions): boolean {
  return options.alpha !== undefined ||
    options.transparentValues.length > 0 ||
    options.transparentRgb.length > 0 ||
    Math.abs(options.opacity - 1) > 4 * Number.EPSILON;
}

// True when the `width` values from `start` equal those of the row above
// (NaN equal to NaN).
function sameRow(
  values: Float64Array | Float32Array,
  start: number,
  width: number,
): boolean {
  for (
    let i = start, j = start - width, end = start + width;
    i < end;
    i++, j++
  ) {
    const a = values[i], b = values[j];
    if (a !== b && (a === a || b === b)) return false;
  }
  return true;
}

// One colour (r, g, b, a) for the shader's calls.
const shaded = new Float64Array(4);

// A row of renderPseudocolor, as a function of typed arrays and numbers:
// called once a row, it is compiled early and stays compiled between
// renders (a loop over the whole block ran in code compiled for one call's
// objects, and in the interpreter until then). Without `transparency` the
// colour is as shaded, else scaled by the pixel's `opacities` (the layer's,
// or what an alpha band or a transparency list gives); `state`: the last
// pixel shaded, carried from row to row.
function pseudocolorRow(
  shader: ColorRampShader,
  values: Float64Array | Float32Array,
  out32: Uint32Array,
  rowAt: number,
  width: number,
  nodata: number,
  transparency: boolean,
  opacities: Float64Array,
  alpha: Float64Array | Float32Array | null,
  state: Int32Array,
): void {
  const c = shaded;
  const reusable = alpha === null;
  // the last pixel shaded, by its index: a number carried from pixel to
  // pixel (its value, its colour) could be boxed at every step
  let last = state[0];
  for (let i = rowAt, end = rowAt + width; i < end; i++) {
    const value = values[i];
    if (value !== value) { // NaN
      out32[i] = nodata;
      continue;
    }
    if (reusable && last >= 0 && value === values[last]) {
      out32[i] = out32[last];
      continue;
    }
    last = i;
    if (!shader.shadeAt(values, i, c)) {
      out32[i] = nodata;
      continue;
    }
    // (each step stored, not carried in a variable: a fractional number
    // carried across branches can be boxed)
    const a = c[3];
    if (a < 255) {
      // The shader's colours are straight; the block is premultiplied.
      c[0] = Math.trunc(c[0] * (a / 255));
      c[1] = Math.trunc(c[1] * (a / 255));
      c[2] = Math.trunc(c[2] * (a / 255));
    }
    // qRgba(int, int, int, int) masks each component to 8 bits (as
    // packRgba, inline)
    if (!transparency) {
      out32[i] = ((Math.trunc(c[0]) & 255) | (Math.trunc(c[1]) & 255) << 8 |
        (Math.trunc(c[2]) & 255) << 16 | (Math.trunc(a) & 255) << 24) >>> 0;
    } else if (alpha !== null && alpha[i] === 0) {
      out32[i] = nodata;
    } else {
      const o = opacities[i - rowAt];
      out32[i] = ((Math.trunc(o * c[0]) & 255) |
        (Math.trunc(o * c[1]) & 255) << 8 |
        (Math.trunc(o * c[2]) & 255) << 16 |
        (Math.trunc(o * a) & 255) << 24) >>> 0;
    }
  }
  state[0] = last;
}

/**
 * `QgsSingleBandPseudoColorRenderer`: colours a band through a colour ramp
 * shader.
 *
 * @example
 * ```ts
 * import { renderPseudocolor } from "./renderers.ts";
 * const rgba = renderPseudocolor(
 *   { width: 1, height: 1, values: Float64Array.of(1) },
 *   { type: "DISCRETE", clip: false, minimumValue: 0, maximumValue: 1,
 *     items: [{ value: Infinity, color: { r: 255, g: 0, b: 0, a: 255 }, label: "" }] },
 *   { opacity: 0.4, nodataColor: null, transparentValues: [], transparentRgb: [] },
 * );
 * Array.from(rgba); // [102, 0, 0, 102]
 * ```
 */
export function renderPseudocolor(
  block: RasterBlock,
  shaderStyle: ConstructorParameters<typeof ColorRampShader>[0],
  options: RenderOptions,
): Uint8Array {
  const shader = new ColorRampShader(shaderStyle);
  const n = block.width * block.height;
  const out = outputFor(options, n);
  // one 32-bit store per pixel (RGBA bytes on a little-endian host)
  // (a given array may start anywhere in its buffer: a 4-aligned one is
  // viewed where it is, another is drawn in a copy)
  const aligned = out.byteOffset % 4 === 0;
  const out32 = aligned
    ? new Uint32Array(out.buffer, out.byteOffset, n)
    : new Uint32Array(n);
  const nodata = packRgba(...nodataPixel(options));
  const alpha = options.alpha?.values ?? null;
  // Zoomed-in blocks repeat each source value over neighbouring pixels: the
  // last result is reused when neither value nor alpha band differ.
  const reusable = alpha === null;
  // without an alpha band or a transparency list every pixel has the
  // layer's opacity (applied unless it is 1)
  const perPixel = alpha !== null || options.transparentValues.length > 0;
  // each pixel's opacity in the row (all the layer's without one per pixel)
  const opacities = new Float64Array(block.width).fill(options.opacity);
  const state = Int32Array.of(-1);
  const values = block.values;
  const w = block.width;
  for (let rowAt = 0; rowAt < n; rowAt += w) {
    if (reusable && rowAt > 0 && sameRow(values, rowAt, w)) {
      // a row repeating the one above (zoomed in) colours the same
      out32.copyWithin(rowAt, rowAt - w, rowAt);
      continue;
    }
    if (perPixel) {
      for (let i = rowAt; i < rowAt + w; i++) {
        opacities[i - rowAt] = opacityOf(values[i], options, i);
      }
    }
    pseudocolorRow(
      shader,
      values,
      out32,
      rowAt,
      w,
      nodata,
      usesTransparency(options),
      opacities,
      alpha,
      state,
    );
  }
  if (!aligned) out.set(new Uint8Array(out32.buffer));
  return out;
}

// GDAL data type → the range QgsContrastEnhancement scales by when no
// stretch applies (Byte passes through).
const TYPE_RANGE: Record<number, [number, number]> = {
  1: [0, 255],
  2: [0, 65535],
  3: [-32768, 32767],
  4: [0, 4294967295],
  5: [-2147483648, 2147483647],
  6: [-3.4028234663852886e38, 3.4028234663852886e38],
  7: [-Number.MAX_VALUE, Number.MAX_VALUE],
  14: [-128, 127],
};

function typeScaled(value: number, dataType: number): number {
  if (dataType === 1) return Math.trunc(value);
  const [lo, hi] = TYPE_RANGE[dataType] ?? TYPE_RANGE[7];
  return Math.trunc(((value - lo) / (hi - lo)) * 255);
}

/**
 * `QgsContrastEnhancement::enhanceContrast`: maps a value to 0–255, or null
 * when the value is not displayable (clipped out). Without a stretch,
 * values of types other than Byte are scaled by their type's range, as
 * QGIS does.
 *
 * @example
 * ```ts
 * import { enhanceContrast } from "./renderers.ts";
 * enhanceContrast(50, { algorithm: "StretchToMinimumMaximum", min: 0, max: 100 }); // 127
 * enhanceContrast(65535, { algorithm: "NoEnhancement", min: 0, max: 0 }, 2); // 255
 * ```
 */
export function enhanceContrast(
  value: number,
  ce: ContrastEnhancementStyle,
  dataType = 1,
): number | null {
  const { min, max } = ce;
  const stretch = () => {
    const v = Math.trunc(((value - min) / (max - min)) * 255);
    return v < 0 ? 0 : v > 255 ? 255 : v;
  };
  switch (ce.algorithm) {
    case "NoEnhancement":
      return typeScaled(value, dataType);
    case "StretchToMinimumMaximum":
    case "UserDefinedEnhancement":
      return stretch();
    case "StretchAndClipToMinimumMaximum":
      if (value < min || value > max) return null;
      return stretch();
    case "ClipToMinimumMaximum":
      if (value < min || value > max) return null;
      return typeScaled(value, dataType);
  }
  return stretch();
}

/**
 * `QgsSingleBandGrayRenderer`.
 *
 * @example
 * ```ts
 * import { renderGray } from "./renderers.ts";
 * const px = renderGray({ width: 1, height: 1, values: Float64Array.of(100) }, "BlackToWhite", null,
 *   { opacity: 1, nodataColor: null, transparentValues: [], transparentRgb: [] });
 * Array.from(px); // [100, 100, 100, 255]
 * ```
 */
export function renderGray(
  block: RasterBlock,
  gradient: "BlackToWhite" | "WhiteToBlack",
  contrast: ContrastEnhancementStyle | null,
  options: RenderOptions,
): Uint8Array {
  const n = block.width * block.height;
  const out = outputFor(options, n);
  const nodata = nodataPixel(options);
  for (let i = 0; i < n; i++) {
    const value = block.values[i];
    if (Number.isNaN(value)) {
      fill(out, i, nodata);
      continue;
    }
    const alpha = opacityOf(value, options, i);
    // Without a contrast enhancement the value is used as it is (qRgba
    // keeps its low 8 bits).
    let gray = contrast === null
      ? Math.trunc(value)
      : enhanceContrast(value, contrast, block.dataType);
    if (gray === null) {
      fill(out, i, nodata);
      continue;
    }
    if (gradient === "WhiteToBlack") gray = 255 - gray;
    if (Math.abs(alpha - 1) <= 4 * Number.EPSILON) {
      setRgba(out, i, gray, gray, gray, 255);
    } else {
      setRgba(out, i, alpha * gray, alpha * gray, alpha * gray, alpha * 255);
    }
  }
  return out;
}

/**
 * `QgsMultiBandColorRenderer`.
 *
 * @example
 * ```ts
 * import { renderMultiband } from "./renderers.ts";
 * const b = (v: number) => ({ width: 1, height: 1, values: Float64Array.of(v) });
 * const px = renderMultiband([b(10), b(20), b(30)], [null, null, null],
 *   { opacity: 1, nodataColor: null, transparentValues: [], transparentRgb: [] });
 * Array.from(px); // [10, 20, 30, 255]
 * ```
 */
export function renderMultiband(
  blocks: [RasterBlock, RasterBlock, RasterBlock],
  contrasts: [
    ContrastEnhancementStyle | null,
    ContrastEnhancementStyle | null,
    ContrastEnhancementStyle | null,
  ],
  options: RenderOptions,
): Uint8Array {
  const [rb, gb, bb] = blocks;
  const n = rb.width * rb.height;
  const out = outputFor(options, n);
  const nodata = nodataPixel(options);
  for (let i = 0; i < n; i++) {
    const rv = rb.values[i], gv = gb.values[i], bv = bb.values[i];
    if (Number.isNaN(rv) || Number.isNaN(gv) || Number.isNaN(bv)) {
      fill(out, i, nodata);
      continue;
    }
    const channel = (v: number, k: 0 | 1 | 2) => {
      const ce = contrasts[k];
      return ce === null
        ? Math.trunc(v)
        : enhanceContrast(v, ce, blocks[k].dataType);
    };
    const r = channel(rv, 0), g = channel(gv, 1), b = channel(bv, 2);
    if (r === null || g === null || b === null) {
      fill(out, i, nodata);
      continue;
    }
    let opacity = options.opacity;
    if (options.transparentRgb.length > 0) {
      opacity *= transparencyOpacityRgb(rv, gv, bv, options.transparentRgb);
    }
    if (options.alpha) opacity *= options.alpha.values[i] / 255;
    if (Math.abs(opacity - 1) <= 4 * Number.EPSILON) {
      setRgba(out, i, r, g, b, 255);
    } else {
      setRgba(out, i, opacity * r, opacity * g, opacity * b, opacity * 255);
    }
  }
  return out;
}

/**
 * `QgsPalettedRasterRenderer`: one colour per integer class value.
 *
 * @example
 * ```ts
 * import { renderPaletted } from "./renderers.ts";
 * const px = renderPaletted({ width: 1, height: 1, values: Float64Array.of(2) },
 *   [{ value: 2, color: { r: 0, g: 0, b: 255, a: 255 } }],
 *   { opacity: 1, nodataColor: null, transparentValues: [], transparentRgb: [] });
 * Array.from(px); // [0, 0, 255, 255]
 * ```
 */
export function renderPaletted(
  block: RasterBlock,
  classes: { value: number; color: Rgba }[],
  options: RenderOptions,
): Uint8Array {
  // Premultiplied class colours (qPremultiply rounds); the opacity is
  // applied per pixel.
  const palette = new Map<number, number[]>();
  for (const c of classes) {
    const a = c.color.a;
    palette.set(c.value, [
      Math.round(c.color.r * a / 255),
      Math.round(c.color.g * a / 255),
      Math.round(c.color.b * a / 255),
      a,
    ]);
  }
  const n = block.width * block.height;
  const out = outputFor(options, n);
  const nodata = nodataPixel(options);
  const hasTransparency = usesTransparency(options);
  for (let i = 0; i < n; i++) {
    const value = block.values[i];
    const px = Number.isNaN(value) ? undefined : palette.get(value);
    if (px === undefined) {
      fill(out, i, nodata);
      continue;
    }
    if (!hasTransparency) {
      fill(out, i, px);
      continue;
    }
    let o = options.opacity;
    if (options.transparentValues.length > 0) {
      o *= transparencyOpacity(value, options.transparentValues);
    }
    if (options.alpha) {
      const alpha = options.alpha.values[i];
      if (alpha === 0) {
        fill(out, i, nodata);
        continue;
      }
      o *= alpha / 255;
    }
    setRgba(out, i, o * px[0], o * px[1], o * px[2], o * px[3]);
  }
  return out;
}

// A row of renderHillshade (see pseudocolorRow for why a row is a
// function of typed arrays and numbers). `k`: the divisors of the
// derivatives, then the renderer's single-precision constants; `alpha`:
// the layer's opacity, or `opacities` for each pixel of the row.
function hillshadeRow(
  values: Float64Array | Float32Array,
  out32: Uint32Array,
  rowAt: number,
  upAt: number,
  downAt: number,
  width: number,
  nodata: number,
  k: Float64Array,
  multidirection: boolean,
  alpha0: number,
  opacities: Float64Array | null,
): void {
  // QGIS computes in single precision: every float step is rounded.
  const f = Math.fround;
  const derXDiv = k[0], derYDiv = k[1];
  const sin254 = k[2], cosAz254 = k[3], sinAz254 = k[4], squareZ = k[5];
  for (let col = 0; col < width; col++) {
    const i = rowAt + col;
    const centre = values[i];
    if (centre !== centre) { // NaN
      out32[i] = nodata;
      continue;
    }
    const x22 = f(centre);
    const l = col === 0 ? col : col - 1;
    const r = col === width - 1 ? col : col + 1;
    // no-data neighbours take the centre's value
    let v = values[upAt + l];
    const x11 = v !== v ? x22 : f(v);
    v = values[rowAt + l];
    const x21 = v !== v ? x22 : f(v);
    v = values[downAt + l];
    const x31 = v !== v ? x22 : f(v);
    v = values[upAt + col];
    const x12 = v !== v ? x22 : f(v);
    v = values[downAt + col];
    const x32 = v !== v ? x22 : f(v);
    v = values[upAt + r];
    const x13 = v !== v ? x22 : f(v);
    v = values[rowAt + r];
    const x23 = v !== v ? x22 : f(v);
    v = values[downAt + r];
    const x33 = v !== v ? x22 : f(v);
    const derX = f(
      ((x13 + x23 + x23 + x33) - (x11 + x21 + x21 + x31)) / derXDiv,
    );
    const derY = f(
      ((x31 + x32 + x32 + x33) - (x11 + x12 + x12 + x13)) / derYDiv,
    );
    let gray: number;
    if (!multidirection) {
      const num = f(sin254 - f(f(derY * cosAz254) - f(derX * sinAz254)));
      const den = f(
        Math.sqrt(f(1 + f(squareZ * f(f(derX * derX) + f(derY * derY))))),
      );
      gray = f(num / den);
    } else {
      gray = multidirectionalGray(derX, derY, k);
    }
    gray = Math.min(255, Math.max(0, gray));
    const alpha = opacities === null ? alpha0 : opacities[col];
    if (Math.abs(alpha - 1) <= 4 * Number.EPSILON) {
      const g = Math.trunc(gray) & 255;
      out32[i] = (g | g << 8 | g << 16 | 255 << 24) >>> 0;
    } else {
      const g = Math.trunc(f(alpha * gray)) & 255;
      const a = Math.trunc(f(alpha * 255)) & 255;
      out32[i] = (g | g << 8 | g << 16 | a << 24) >>> 0;
    }
  }
}

/**
 * `QgsHillshadeRenderer` (GDAL's fast formula; multidirectional too).
 * Edge pixels and no-data neighbours reuse the centre value.
 *
 * @example
 * ```ts
 * import { renderHillshade } from "./renderers.ts";
 * const flat = { width: 2, height: 2, values: new Float64Array(4), cellSize: [1, 1] as [number, number] };
 * const px = renderHillshade(flat, { azimuth: 315, angle: 45, zFactor: 1, multidirection: false },
 *   { opacity: 1, nodataColor: null, transparentValues: [], transparentRgb: [] });
 * px[0]; // 179
 * ```
 */
export function renderHillshade(
  block: RasterBlock,
  params: {
    azimuth: number;
    angle: number;
    zFactor: number;
    multidirection: boolean;
  },
  options: RenderOptions,
): Uint8Array {
  const { width, height, values } = block;
  const [cellX, cellY] = block.cellSize ?? [1, 1];
  const n = width * height;
  const out = outputFor(options, n);
  // one 32-bit store per pixel (RGBA bytes on a little-endian host), as in
  // renderPseudocolor
  const aligned = out.byteOffset % 4 === 0;
  const out32 = aligned
    ? new Uint32Array(out.buffer, out.byteOffset, n)
    : new Uint32Array(n);
  const nodata = packRgba(...nodataPixel(options));
  // QGIS computes in single precision: every float step is rounded.
  const f = Math.fround;
  const z = params.zFactor;
  const zenith = f(Math.max(0, 90 - params.angle) * Math.PI / 180);
  const azimuth = f(-1 * params.azimuth * Math.PI / 180);
  const cosZenith = f(Math.cos(zenith));
  const sinZenith = f(Math.sin(zenith));
  const cosAltZ = f(cosZenith * z);
  const cosAzCosAltZ = f(f(Math.cos(azimuth)) * cosAltZ);
  const sinAzCosAltZ = f(f(Math.sin(azimuth)) * cosAltZ);
  const cosAz254 = f(254 * cosAzCosAltZ);
  const sinAz254 = f(254 * sinAzCosAltZ);
  const squareZ = f(z * z);
  const sin254 = f(254 * sinZenith);
  const sin127 = f(127 * sinZenith);
  const cos225 = f(f(-32.87001872802012) * cosAltZ);
  const cosAlt127 = f(127 * cosAltZ);
  const k = Float64Array.of(
    8 * cellX,
    8 * -cellY,
    sin254,
    cosAz254,
    sinAz254,
    squareZ,
    sin127,
    cos225,
    cosAlt127,
  );
  // The opacity is the same for every pixel unless an alpha band or a
  // transparency list says otherwise (then given per pixel, row by row).
  const perPixel = options.alpha !== undefined ||
    options.transparentValues.length > 0;
  const opacities = perPixel ? new Float64Array(width) : null;
  for (let row = 0; row < height; row++) {
    const rowAt = row * width;
    if (opacities !== null) {
      for (let i = rowAt; i < rowAt + width; i++) {
        opacities[i - rowAt] = f(opacityOf(f(values[i]), options, i));
      }
    }
    hillshadeRow(
      values,
      out32,
      rowAt,
      row === 0 ? rowAt : rowAt - width,
      row === height - 1 ? rowAt : rowAt + width,
      width,
      nodata,
      k,
      params.multidirection,
      f(options.opacity),
      opacities,
    );
  }
  if (!aligned) out.set(new Uint8Array(out32.buffer));
  return out;
}

// The multidirectional hillshade's gray (GDAL's formula, in single
// precision as QGIS computes it).
function multidirectionalGray(
  derX: number,
  derY: number,
  k: Float64Array,
): number {
  const sin254 = k[2], squareZ = k[5], sin127 = k[6];
  const cos225 = k[7], cosAlt127 = k[8];
  const f = Math.fround;
  const xx = f(derX * derX), yy = f(derY * derY), sum = f(xx + yy);
  if (sum === 0) return f(1 + sin254);
  const clamp0 = (v: number) => (v <= 0 ? 0 : v);
  const v225 = clamp0(f(sin127 + f(f(derX - derY) * cos225)));
  const v270 = clamp0(f(sin127 - f(derX * cosAlt127)));
  const v315 = clamp0(f(sin127 + f(f(derX + derY) * cos225)));
  const v360 = clamp0(f(sin127 - f(derY * cosAlt127)));
  const w225 = f(0.5 * sum - f(derX * derY));
  const w270 = xx;
  const w315 = f(sum - w225);
  const w360 = yy;
  const weighted = f(
    f(f(f(w225 * v225) + f(w270 * v270)) + f(w315 * v315)) +
      f(w360 * v360),
  );
  const cang = f(f(weighted / sum) / f(1 + f(squareZ * sum)));
  return f(1 + cang);
}

/**
 * Runs the style's renderer over band blocks (ordered as
 * {@link rendererBands} says).
 *
 * @example
 * ```ts ignore
 * const rgba = renderBlocks(style, style.renderer!, blocks);
 * ```
 */
export function renderBlocks(
  style: RasterStyle,
  renderer: RasterRendererStyle,
  blocks: RasterBlock[],
  alpha?: RasterBlock,
  out?: Uint8Array,
): Uint8Array {
  const options: RenderOptions = { ...style, alpha, out };
  switch (renderer.type) {
    case "singlebandpseudocolor":
      return renderPseudocolor(blocks[0], renderer.shader, options);
    case "singlebandgray":
      return renderGray(
        blocks[0],
        renderer.gradient,
        renderer.contrast,
        options,
      );
    case "multibandcolor":
      return renderMultiband(
        [blocks[0], blocks[1], blocks[2]],
        [renderer.redContrast, renderer.greenContrast, renderer.blueContrast],
        options,
      );
    case "paletted":
      return renderPaletted(blocks[0], renderer.classes, options);
    case "hillshade":
      return renderHillshade(blocks[0], renderer, options);
    case "singlecolor": {
      const c = renderer.color;
      return renderPseudocolor(blocks[0], {
        type: "DISCRETE",
        clip: false,
        minimumValue: -Infinity,
        maximumValue: Infinity,
        items: [{ value: Infinity, color: c, label: "" }],
      }, options);
    }
  }
}
