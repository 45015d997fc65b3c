/**
 * QGIS's pretty breaks (`QgsSymbolLayerUtils::prettyBreaks`, after R's
 * `pretty`): about `classes` round values (1, 2 or 5 times a power of ten)
 * covering a range, the first above the minimum, the last clamped to the
 * maximum.
 *
 * @module
 */

/**
 * The pretty breaks of `[minimum, maximum]` in about `classes` classes.
 *
 * @example
 * ```ts
 * import { prettyBreaks } from "./pretty_breaks.ts";
 * prettyBreaks(0, 59, 4); // [20, 40, 59]
 * prettyBreaks(3, 17, 4); // [5, 10, 15, 17]
 * ```
 */
export function prettyBreaks(
  minimum: number,
  maximum: number,
  classes: number,
): number[] {
  if (classes < 1) return [maximum];
  const minimumCount = Math.trunc(classes / 3);
  const shrink = 0.75;
  const highBias = 1.5;
  const adjustBias = 0.5 + 1.5 * highBias;
  const dx = maximum - minimum;
  let cell: number;
  let small: boolean;
  if (dx === 0 && maximum === 0) {
    cell = 1;
    small = true;
  } else {
    cell = Math.max(Math.abs(minimum), Math.abs(maximum));
    // U is an int in QGIS: 1 + 1 / 2.5 truncates to 1
    const u = 1;
    small = dx < cell * u * Math.max(1, classes) * 1e-7 * 3;
  }
  if (small) {
    if (cell > 10) cell = (9 + cell / 10) * shrink;
    if (minimumCount > 1) cell /= minimumCount;
  } else {
    cell = dx;
    if (classes > 1) cell /= classes;
  }
  if (cell < 20 * 1e-7) cell = 20 * 1e-7;
  const base = Math.pow(10, Math.floor(Math.log10(cell)));
  let unit = base;
  if (2 * base - cell < highBias * (cell - unit)) {
    unit = 2 * base;
    if (5 * base - cell < adjustBias * (cell - unit)) {
      unit = 5 * base;
      if (10 * base - cell < highBias * (cell - unit)) unit = 10 * base;
    }
  }
  let start = Math.floor(minimum / unit + 1e-7);
  let end = Math.ceil(maximum / unit - 1e-7);
  while (start * unit > minimum + 1e-7 * unit) start--;
  while (end * unit < maximum - 1e-7 * unit) end++;
  let k = Math.floor(0.5 + end - start);
  if (k < minimumCount) {
    k = minimumCount - k;
    if (start >= 0) {
      end += Math.trunc(k / 2);
      start = start - Math.trunc(k / 2) + (k % 2);
    } else {
      start -= Math.trunc(k / 2);
      end = end + Math.trunc(k / 2) + (k % 2);
    }
  }
  const breaks: number[] = [];
  for (let i = 1; i < end - start + 1; i++) {
    breaks.push(start * unit + i * unit);
  }
  if (breaks.length === 0) return breaks;
  if (breaks[0] < minimum) breaks[0] = minimum;
  if (breaks[breaks.length - 1] > maximum) breaks[breaks.length - 1] = maximum;
  return breaks;
}
