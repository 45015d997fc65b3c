/**
 * The decimal digits nlohmann::json writes for a double (QGIS Server's JSON
 * answers): Florian Loitsch's Grisu2, which always reads back but is not
 * always the shortest — `17.251612224587898` where the shortest form is
 * `17.2516122245879`. Written from the algorithm's paper ("Printing
 * Floating-Point Numbers Quickly and Accurately with Integers", 2010) with
 * nlohmann's choices: cached powers of ten every 8 decades from 1e-300,
 * scaled products with binary exponents in [-60, -32].
 *
 * @module
 */

const MASK64 = (1n << 64n) - 1n;

/** A do-it-yourself float: f × 2^e, f an unsigned 64-bit integer. */
interface DiyFp {
  f: bigint;
  e: number;
}

/** The upper 64 bits of the 128-bit product, rounded half up. */
function mul(x: DiyFp, y: DiyFp): DiyFp {
  return { f: (x.f * y.f + (1n << 63n)) >> 64n, e: x.e + y.e + 64 };
}

function normalize(x: DiyFp): DiyFp {
  let { f, e } = x;
  while ((f >> 63n) === 0n) {
    f <<= 1n;
    e--;
  }
  return { f, e };
}

/** 10^k as a normalized 64-bit float, rounded to nearest, for k = -300, -292, … 340. */
const CACHED_POWERS: { f: bigint; e: number; k: number }[] = (() => {
  const out: { f: bigint; e: number; k: number }[] = [];
  for (let k = -300; k <= 340; k += 8) {
    const num = k >= 0 ? 10n ** BigInt(k) : 1n;
    const den = k >= 0 ? 1n : 10n ** BigInt(-k);
    // e such that num / den / 2^e lies in [2^63, 2^64)
    let e = num.toString(2).length - den.toString(2).length - 64;
    const scaled = (shift: number) => {
      const n = shift < 0 ? num << BigInt(-shift) : num;
      const d = shift > 0 ? den << BigInt(shift) : den;
      return { q: n / d, r: n % d, d };
    };
    let s = scaled(e);
    while (s.q >= 1n << 64n) s = scaled(++e);
    while (s.q < 1n << 63n) s = scaled(--e);
    let f = s.q + (2n * s.r >= s.d ? 1n : 0n);
    if (f > MASK64) {
      f >>= 1n;
      e++;
    }
    out.push({ f, e, k });
  }
  return out;
})();

/** Digits and decimal exponent: |v| = digits × 10^exponent. */
export interface Grisu2Digits {
  digits: string;
  exponent: number;
}

/**
 * The digits Grisu2 (as nlohmann::json runs it) writes for a finite,
 * non-zero double's magnitude.
 *
 * @example
 * ```ts
 * import { grisu2 } from "./grisu2.ts";
 * grisu2(17.2516122245879); // { digits: "17251612224587898", exponent: -15 }
 * grisu2(0.1); // { digits: "1", exponent: -1 }
 * ```
 */
export function grisu2(value: number): Grisu2Digits {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const bits = view.getBigUint64(0);
  const hidden = 1n << 52n;
  const biasedE = Number(bits >> 52n);
  const fraction = bits & (hidden - 1n);
  const v: DiyFp = biasedE === 0
    ? { f: fraction, e: 1 - 1075 }
    : { f: fraction + hidden, e: biasedE - 1075 };
  // the boundaries halfway to the neighbouring doubles
  const lowerCloser = fraction === 0n && biasedE > 1;
  const mPlus = normalize({ f: 2n * v.f + 1n, e: v.e - 1 });
  const mMinusRaw = lowerCloser
    ? { f: 4n * v.f - 1n, e: v.e - 2 }
    : { f: 2n * v.f - 1n, e: v.e - 1 };
  const mMinus = {
    f: mMinusRaw.f << BigInt(mMinusRaw.e - mPlus.e),
    e: mPlus.e,
  };
  const w0 = normalize(v);

  // a cached power c = 10^-k with the product's exponent in [-60, -32]
  const f = -60 - mPlus.e - 1;
  const k = Math.trunc((f * 78913) / (1 << 18)) + (f > 0 ? 1 : 0);
  const index = Math.trunc((300 + k + 7) / 8);
  const cached = CACHED_POWERS[index];
  const c: DiyFp = { f: cached.f, e: cached.e };
  const w = mul(w0, c);
  const wMinus = mul(mMinus, c);
  const wPlus = mul(mPlus, c);
  const lo: DiyFp = { f: wMinus.f + 1n, e: wMinus.e };
  const hi: DiyFp = { f: wPlus.f - 1n, e: wPlus.e };
  return digitGen(lo, w, hi, -cached.k);
}

function digitGen(
  lo: DiyFp,
  w: DiyFp,
  hi: DiyFp,
  decimalExponent: number,
): Grisu2Digits {
  let delta = hi.f - lo.f;
  let dist = hi.f - w.f;
  const shift = BigInt(-hi.e);
  const one = 1n << shift;
  let p1 = hi.f >> shift;
  let p2 = hi.f & (one - 1n);
  let digits = "";
  let pow10 = 1n;
  let n = 1;
  while (pow10 * 10n <= p1) {
    pow10 *= 10n;
    n++;
  }
  const round = (rest: bigint, tenK: bigint) => {
    const d = [...digits];
    let last = Number(d[d.length - 1]);
    while (
      rest < dist && delta - rest >= tenK &&
      (rest + tenK < dist || dist - rest > rest + tenK - dist)
    ) {
      last--;
      rest += tenK;
    }
    d[d.length - 1] = String(last);
    return d.join("");
  };
  while (n > 0) {
    const d = p1 / pow10;
    p1 %= pow10;
    digits += String(d);
    n--;
    const rest = (p1 << shift) + p2;
    if (rest <= delta) {
      return {
        digits: round(rest, pow10 << shift),
        exponent: decimalExponent + n,
      };
    }
    pow10 /= 10n;
  }
  let m = 0;
  for (;;) {
    p2 *= 10n;
    digits += String(p2 >> shift);
    p2 &= one - 1n;
    m++;
    delta *= 10n;
    dist *= 10n;
    if (p2 <= delta) break;
  }
  return { digits: round(p2, one), exponent: decimalExponent - m };
}
