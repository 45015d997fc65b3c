/**
 * Numbers as QGIS writes them in legends and feature info:
 * `QString::number` (six significant digits, exponent form for large and
 * small magnitudes) and `QgsBasicNumericFormat` (fixed decimals or
 * significant figures, thousands separator, trailing zeros trimmed), as a
 * colour ramp legend's `<numericFormat id="basic">` configures it.
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";

/** Exponent form as C's `%g` writes it: at least two exponent digits. */
function exponential(mantissa: string, exp: number): string {
  return `${mantissa}e${exp < 0 ? "-" : "+"}${
    String(Math.abs(exp)).padStart(2, "0")
  }`;
}

/**
 * A number as `QString::number(v, 'g', precision)` writes it (C's `%g`);
 * `precision` 0 is Qt's shortest form that reads back the same
 * (`QLocale::FloatingPointShortest`, QVariant's text of a double), which
 * keeps up to five zeros after the digits before it takes the exponent
 * form (`20`, `100000`, `1e+06`, `1.5e+07`; measured against Qt 5.15).
 *
 * @example
 * ```ts
 * import { qtGeneral } from "./number_format.ts";
 * qtGeneral(0.5); // "0.5"
 * qtGeneral(20); // "20"
 * qtGeneral(1000000); // "1e+06"
 * qtGeneral(0.123456789, 3); // "0.123"
 * ```
 */
export function qtGeneral(v: number, precision = 0): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  const [m, e] =
    (precision > 0 ? v.toExponential(precision - 1) : v.toExponential())
      .split("e");
  const exp = Number(e);
  const digits = m.replace("-", "").replace(".", "");
  const p = precision > 0 ? precision : digits.length;
  if (exp < -4 || exp >= (precision > 0 ? p : p + 5)) {
    const mant = precision > 0 && m.includes(".") ? m.replace(/\.?0+$/, "") : m;
    return exponential(mant, exp);
  }
  // the digits themselves, zero-padded: toFixed would spell out the
  // binary value's digits past the 17th
  if (exp >= digits.length - 1) {
    return (v < 0 ? "-" : "") + digits + "0".repeat(exp + 1 - digits.length);
  }
  const fixed = v.toFixed(Math.max(0, p - 1 - exp));
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

/**
 * A number as `QString::number(double)` writes it (`%g` with precision 6).
 *
 * @example
 * ```ts
 * import { qtNumber } from "./number_format.ts";
 * qtNumber(523.456789); // "523.457"
 * qtNumber(1234567); // "1.23457e+06"
 * qtNumber(0.00001234); // "1.234e-05"
 * ```
 */
export function qtNumber(v: number): string {
  return qtGeneral(v, 6);
}

/** The options of QgsBasicNumericFormat. */
export interface BasicNumericFormat {
  /** Decimal places (or significant figures). */
  decimals: number;
  /** 0: decimal places, 1: significant figures. */
  roundingType: 0 | 1;
  /** Group thousands. */
  showThousandsSeparator: boolean;
  /** Keep zeros at the end of the decimals. */
  showTrailingZeros: boolean;
  /** Write `+` before positive numbers. */
  showPlus: boolean;
  /** Thousands separator ("" for the locale's: `,`). */
  thousandsSeparator: string;
  /** Decimal separator ("" for the locale's: `.`). */
  decimalSeparator: string;
}

/**
 * QgsBasicNumericFormat's defaults (a colour ramp legend without a format).
 *
 * @example
 * ```ts
 * import { DEFAULT_NUMERIC_FORMAT } from "./number_format.ts";
 * DEFAULT_NUMERIC_FORMAT.decimals; // 6
 * ```
 */
export const DEFAULT_NUMERIC_FORMAT: BasicNumericFormat = {
  decimals: 6,
  roundingType: 0,
  showThousandsSeparator: true,
  showTrailingZeros: false,
  showPlus: false,
  thousandsSeparator: "",
  decimalSeparator: "",
};

function groupThousands(digits: string, sep: string): string {
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return out;
}

/**
 * Formats a number as `QgsBasicNumericFormat::formatDouble` does (C
 * locale: `,` groups thousands, `.` separates decimals, unless the format
 * names its own).
 *
 * @example
 * ```ts
 * import { DEFAULT_NUMERIC_FORMAT, formatBasic } from "./number_format.ts";
 * formatBasic(14086200, DEFAULT_NUMERIC_FORMAT); // "14,086,200"
 * formatBasic(1.0501709, DEFAULT_NUMERIC_FORMAT); // "1.050171"
 * ```
 */
export function formatBasic(value: number, f: BasicNumericFormat): string {
  if (!Number.isFinite(value)) return qtNumber(value);
  const decimalSep = f.decimalSeparator || ".";
  const thousandsSep = f.thousandsSeparator || ",";
  let v = value;
  if (f.roundingType === 1 && v !== 0) {
    const factor = Math.pow(
      10,
      -f.decimals + Math.floor(Math.log10(Math.abs(v))) + 1,
    );
    v = Math.round(v / factor) * factor;
  }
  const decimals = Math.max(0, Math.min(100, Math.trunc(f.decimals)));
  const fixed = Math.abs(v).toFixed(decimals);
  let [int, frac] = fixed.split(".");
  if (f.showThousandsSeparator) int = groupThousands(int, thousandsSep);
  const negative = v < 0 && Number(fixed) !== 0;
  let res = (negative ? "-" : "") + int + (frac ? decimalSep + frac : "");
  if (f.showPlus && value > 0) res = "+" + res;
  if (!f.showTrailingZeros && res.includes(decimalSep)) {
    res = res.replace(/0+$/, "");
    if (res.endsWith(decimalSep)) res = res.slice(0, -decimalSep.length);
  }
  return res;
}

/**
 * Reads a `<numericFormat id="basic">` element (its `Option` map); the
 * defaults for a missing element, and for formats other than `basic`.
 *
 * @example
 * ```ts
 * import { DOMParser } from "@xmldom/xmldom";
 * import { readNumericFormat } from "./number_format.ts";
 * const el = new DOMParser().parseFromString(
 *   '<numericFormat id="basic"><Option type="Map">' +
 *   '<Option name="decimals" value="2" type="int"/></Option></numericFormat>',
 *   "text/xml",
 * ).documentElement!;
 * readNumericFormat(el).decimals; // 2
 * ```
 */
export function readNumericFormat(el: Element | null): BasicNumericFormat {
  const f = { ...DEFAULT_NUMERIC_FORMAT };
  if (!el || (el.getAttribute("id") ?? "basic") !== "basic") return f;
  const options = el.getElementsByTagName("Option");
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    const value = o.getAttribute("value") ?? "";
    const bool = value === "true" || value === "1";
    switch (o.getAttribute("name")) {
      case "decimals":
        if (value !== "" && Number.isFinite(Number(value))) {
          f.decimals = Number(value);
        }
        break;
      case "rounding_type":
        f.roundingType = value === "1" ? 1 : 0;
        break;
      case "show_thousand_separator":
        f.showThousandsSeparator = bool;
        break;
      case "show_trailing_zeros":
        f.showTrailingZeros = bool;
        break;
      case "show_plus":
        f.showPlus = bool;
        break;
      case "thousand_separator":
        f.thousandsSeparator = value;
        break;
      case "decimal_separator":
        f.decimalSeparator = value;
        break;
    }
  }
  return f;
}
