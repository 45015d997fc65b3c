/**
 * QGIS's colour ramp shader (`QgsColorRampShader::shade`): the class lookup
 * table, the float comparisons and the integer truncation of interpolated
 * colours, reproduced so that class edges fall on the same values.
 *
 * @module
 */
import type { ColorRampShaderStyle, Rgba } from "./style.ts";
import { keepShape } from "../cache/kept_shapes.ts";

// QGIS compares class values with a threshold of 0 (it was 1e-7 once and
// was dropped so that small values can be classified).
const DOUBLE_DIFF_THRESHOLD = 0.0;
const LUT_SIZE = 256;

/** A prepared colour ramp shader. */
export class ColorRampShader {
  readonly #values: Float64Array;
  // the items' colours, r, g, b, a each (flat: read without an object
  // per item in the per-pixel path)
  readonly #rgba: Float64Array;
  // 0 INTERPOLATED, 1 DISCRETE, 2 EXACT
  readonly #kind: number;
  readonly #clip: boolean;
  #lut: Int32Array | null = null;
  #lutFactor = 1;
  #lutOffset = 0;

  /**
   * Prepares a shader from its style.
   *
   * @example
   * ```ts
   * import { ColorRampShader } from "./color_ramp.ts";
   * const shader = new ColorRampShader({
   *   type: "DISCRETE", clip: false, minimumValue: 0, maximumValue: 10,
   *   items: [
   *     { value: 5, color: { r: 255, g: 0, b: 0, a: 255 }, label: "" },
   *     { value: Infinity, color: { r: 0, g: 0, b: 255, a: 255 }, label: "" },
   *   ],
   * });
   * shader.shade(3); // { r: 255, g: 0, b: 0, a: 255 }
   * ```
   */
  constructor(style: ColorRampShaderStyle) {
    this.#values = Float64Array.from(style.items.map((i) => i.value));
    this.#rgba = Float64Array.from(
      style.items.flatMap(({ color: c }) => [c.r, c.g, c.b, c.a]),
    );
    this.#kind = style.type === "INTERPOLATED"
      ? 0
      : style.type === "DISCRETE"
      ? 1
      : 2;
    this.#clip = style.clip;
    this.#prepareLut();
  }

  #prepareLut(): void {
    const values = this.#values;
    const n = values.length;
    if (n === 0) return;
    const minimum = values[0];
    this.#lutOffset = minimum + DOUBLE_DIFF_THRESHOLD;
    this.#lutFactor = 1;
    // A table only with three items or more; two are handled by the low
    // and high cases.
    if (n < 3) return;
    const range = values[n - 2] - minimum;
    if (!(range > 0)) return;
    this.#lutFactor = (LUT_SIZE - 0.0000001) / range;
    const lut = new Int32Array(LUT_SIZE);
    let idx = 0;
    for (let i = 0; i < LUT_SIZE; i++) {
      const val = i / this.#lutFactor + this.#lutOffset;
      while (idx < n && values[idx] - DOUBLE_DIFF_THRESHOLD < val) idx++;
      lut[i] = idx;
    }
    this.#lut = lut;
  }

  /**
   * The colour of a value, or null when the value is not drawn (no class,
   * clipped, NaN, infinite).
   *
   * @example
   * ```ts
   * import { ColorRampShader } from "./color_ramp.ts";
   * const s = new ColorRampShader({
   *   type: "INTERPOLATED", clip: false, minimumValue: 0, maximumValue: 10,
   *   items: [
   *     { value: 0, color: { r: 0, g: 0, b: 0, a: 255 }, label: "" },
   *     { value: 10, color: { r: 255, g: 255, b: 255, a: 255 }, label: "" },
   *   ],
   * });
   * s.shade(5); // { r: 127, g: 127, b: 127, a: 255 }
   * ```
   */
  shade(value: number): Rgba | null {
    const out = { r: 0, g: 0, b: 0, a: 0 };
    return this.shadeInto(value, out) ? out : null;
  }

  /**
   * {@linkcode shade} into `out` (a render's one colour object: a new one
   * per pixel was most of a pseudocolour raster's garbage); false, `out`
   * untouched, when the value is not drawn.
   *
   * @example
   * ```ts
   * import { ColorRampShader } from "./color_ramp.ts";
   * const s = new ColorRampShader({
   *   type: "DISCRETE", clip: false, minimumValue: 0, maximumValue: 10,
   *   items: [{ value: 10, color: { r: 9, g: 8, b: 7, a: 255 }, label: "" }],
   * });
   * const c = { r: 0, g: 0, b: 0, a: 0 };
   * s.shadeInto(5, c); // true
   * c; // { r: 9, g: 8, b: 7, a: 255 }
   * ```
   */
  shadeInto(value: number, out: Rgba): boolean {
    const c = ONE;
    if (!this.shadeRgba(value, c)) return false;
    out.r = c[0], out.g = c[1], out.b = c[2], out.a = c[3];
    return true;
  }

  /**
   * {@linkcode shadeInto} into an array of four numbers (r, g, b, a): no
   * number is boxed on the way, as storing fractional numbers in an
   * object's fields can be (a render's per-pixel path).
   *
   * @example
   * ```ts
   * import { ColorRampShader } from "./color_ramp.ts";
   * const s = new ColorRampShader({
   *   type: "DISCRETE", clip: false, minimumValue: 0, maximumValue: 10,
   *   items: [{ value: 10, color: { r: 9, g: 8, b: 7, a: 255 }, label: "" }],
   * });
   * const c = new Float64Array(4);
   * s.shadeRgba(5, c); // true
   * Array.from(c); // [9, 8, 7, 255]
   * ```
   */
  shadeRgba(value: number, out: Float64Array): boolean {
    VALUE[0] = value;
    return this.shadeAt(VALUE, 0, out);
  }

  /**
   * {@linkcode shadeRgba} of `values[index]`: a render's per-pixel path
   * passes the array and an index, not the number (a fractional number
   * passed to a call that is not inlined is boxed, one allocation a pixel).
   *
   * @example
   * ```ts
   * import { ColorRampShader } from "./color_ramp.ts";
   * const s = new ColorRampShader({
   *   type: "DISCRETE", clip: false, minimumValue: 0, maximumValue: 10,
   *   items: [{ value: 10, color: { r: 9, g: 8, b: 7, a: 255 }, label: "" }],
   * });
   * const c = new Float64Array(4);
   * s.shadeAt(Float32Array.of(20, 5), 1, c); // true
   * Array.from(c); // [9, 8, 7, 255]
   * ```
   */
  shadeAt(
    from: Float64Array | Float32Array,
    index: number,
    out: Float64Array,
  ): boolean {
    const value = from[index];
    const values = this.#values;
    const n = values.length;
    // not finite (NaN, ±Infinity): value - value is NaN
    if (n === 0 || value - value !== 0) return false;
    let idx: number;
    let overflow = false;
    const lut = this.#lut;
    const lutOffset = this.#lutOffset;
    // C++ converts the double to int by truncation.
    const lutIndex = Math.trunc((value - lutOffset) * this.#lutFactor);
    const lutCount = lut === null ? 0 : lut.length;
    if (value < lutOffset) {
      idx = 0;
    } else if (lutIndex >= lutCount) {
      idx = n - 1;
      if (values[idx] + DOUBLE_DIFF_THRESHOLD < value) overflow = true;
    } else if (lutIndex < 0) {
      return false;
    } else {
      idx = lut![lutIndex];
      while (idx < n && values[idx] + DOUBLE_DIFF_THRESHOLD < value) idx++;
      if (idx >= n) {
        idx = n - 1;
        overflow = true;
      }
    }
    const rgba = this.#rgba;
    const k = idx * 4;
    const kind = this.#kind;
    if (kind === 0) { // INTERPOLATED
      if (
        idx < 1 || overflow || values[idx] - DOUBLE_DIFF_THRESHOLD <= value
      ) {
        if (
          this.#clip &&
          (overflow || values[idx] - DOUBLE_DIFF_THRESHOLD > value)
        ) {
          return false;
        }
        return copyTo(rgba, k, out);
      }
      const p = k - 4;
      // QGIS computes the position in single precision.
      const range = Math.fround(values[idx] - values[idx - 1]);
      const offset = Math.fround(value - values[idx - 1]);
      const scale = Math.fround(offset / range);
      out[0] = rgba[p] + Math.trunc(Math.fround((rgba[k] - rgba[p]) * scale));
      out[1] = rgba[p + 1] +
        Math.trunc(Math.fround((rgba[k + 1] - rgba[p + 1]) * scale));
      out[2] = rgba[p + 2] +
        Math.trunc(Math.fround((rgba[k + 2] - rgba[p + 2]) * scale));
      out[3] = rgba[p + 3] +
        Math.trunc(Math.fround((rgba[k + 3] - rgba[p + 3]) * scale));
      return true;
    }
    if (kind === 1) { // DISCRETE
      // The colour of the upper class for values between two breaks.
      return overflow ? false : copyTo(rgba, k, out);
    }
    return !overflow && values[idx] - DOUBLE_DIFF_THRESHOLD <= value
      ? copyTo(rgba, k, out)
      : false;
  }
}

function copyTo(rgba: Float64Array, k: number, out: Float64Array): true {
  out[0] = rgba[k], out[1] = rgba[k + 1], out[2] = rgba[k + 2];
  out[3] = rgba[k + 3];
  return true;
}

// shadeInto's colour on its way, shadeRgba's value
const ONE = new Float64Array(4);
const VALUE = new Float64Array(1);

// One shader for the worker's life (kept_shapes.ts): without it the shader's
// map died with each render, and with it the optimized shadeAt and
// pseudocolorRow (compiled again in every raster job). Fractional values, as
// a ramp's: its fields hold the representations the renders' do.
keepShape(
  new ColorRampShader({
    type: "INTERPOLATED",
    clip: false,
    minimumValue: 0.5,
    maximumValue: 2.5,
    items: [0.5, 1.5, 2.5].map((value) => ({
      value,
      color: { r: 0, g: 0, b: 0, a: 255 },
      label: "",
    })),
  }),
);
