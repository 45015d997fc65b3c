/**
 * QGIS's colour ramp shader (`QgsColorRampShader::shade`): the class lookup
 * table, the float comparisons and the integer truncation of interpolated
 * colours, reproduced so that class edges fall on the same values.
 *
 * @module
 */
import type { ColorRampShaderStyle, Rgba } from "./style.ts";

// QGIS compares class values with a threshold of 0 (it was 1e-7 once and
// was dropped so that small values can be classified).
const DOUBLE_DIFF_THRESHOLD = 0.0;
const LUT_SIZE = 256;

/** A prepared colour ramp shader. */
export class ColorRampShader {
  readonly #values: Float64Array;
  readonly #colors: Rgba[];
  readonly #type: ColorRampShaderStyle["type"];
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
    this.#colors = style.items.map((i) => i.color);
    this.#type = style.type;
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
    const values = this.#values;
    const n = values.length;
    if (n === 0 || !Number.isFinite(value)) return false;
    let idx: number;
    let overflow = false;
    const lut = this.#lut;
    // C++ converts the double to int by truncation.
    const lutIndex = Math.trunc((value - this.#lutOffset) * this.#lutFactor);
    const lutCount = lut ? lut.length : 0;
    if (value < this.#lutOffset) {
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
    const current = this.#colors[idx];
    if (this.#type === "INTERPOLATED") {
      if (
        idx < 1 || overflow || values[idx] - DOUBLE_DIFF_THRESHOLD <= value
      ) {
        if (
          this.#clip &&
          (overflow || values[idx] - DOUBLE_DIFF_THRESHOLD > value)
        ) {
          return false;
        }
        return copyTo(current, out);
      }
      const previous = this.#colors[idx - 1];
      // QGIS computes the position in single precision.
      const range = Math.fround(values[idx] - values[idx - 1]);
      const offset = Math.fround(value - values[idx - 1]);
      const scale = Math.fround(offset / range);
      out.r = previous.r +
        Math.trunc(Math.fround((current.r - previous.r) * scale));
      out.g = previous.g +
        Math.trunc(Math.fround((current.g - previous.g) * scale));
      out.b = previous.b +
        Math.trunc(Math.fround((current.b - previous.b) * scale));
      out.a = previous.a +
        Math.trunc(Math.fround((current.a - previous.a) * scale));
      return true;
    }
    if (this.#type === "DISCRETE") {
      // The colour of the upper class for values between two breaks.
      return overflow ? false : copyTo(current, out);
    }
    return !overflow && values[idx] - DOUBLE_DIFF_THRESHOLD <= value
      ? copyTo(current, out)
      : false;
  }
}

function copyTo(c: Rgba, out: Rgba): true {
  out.r = c.r, out.g = c.g, out.b = c.b, out.a = c.a;
  return true;
}
