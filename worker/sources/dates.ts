/**
 * Dates and date-times read from a source, as QGIS reads them.
 *
 * @module
 */

/**
 * A date or date-time in ISO text as QGIS reads it (QDateTime): a value
 * without a zone is local time; text that is no date stays text. With
 * `floatSeconds`, the milliseconds are those QGIS's OGR provider reads:
 * OGR keeps the seconds as a `float`, QgsOgrUtils truncates their
 * fraction × 1000 (`57.348` is read as 57.347).
 *
 * @example
 * ```ts
 * import { parseDate } from "./dates.ts";
 * (parseDate("2020-01-02") as Date).getDate(); // 2
 * parseDate("2020-01-02T10:00:00Z"); // a Date at 10:00 UTC
 * parseDate("soon"); // "soon"
 * (parseDate("2025-03-06T12:41:57.348Z", true) as Date).getUTCMilliseconds(); // 347
 * ```
 */
export function parseDate(
  text: string,
  floatSeconds = false,
): Date | string {
  const m =
    /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/
      .exec(text.trim());
  if (!m) return text;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0", zone] = m;
  const ms = floatSeconds
    ? ogrMilliseconds(+s, Number(`0.${frac}`))
    : Math.round(Number(`0.${frac}`) * 1000);
  if (zone === undefined) {
    return new Date(+y, +mo - 1, +d, +h, +mi, +s, ms);
  }
  let offset = 0;
  if (zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    offset = sign *
      (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, ms) - offset * 60000);
}

/**
 * The milliseconds of `seconds + fraction` as QGIS reads them from OGR:
 * the seconds as a C `float`, split by `std::modf` and the fraction times
 * 1000 truncated to an int (float arithmetic throughout).
 */
function ogrMilliseconds(seconds: number, fraction: number): number {
  const second = Math.fround(seconds + fraction);
  const part = Math.fround(second - Math.floor(second));
  return Math.trunc(Math.fround(part * 1000));
}

/**
 * A date or date-time OGR gives as text, as QGIS's OGR provider reads it
 * (`QgsOgrUtils::getOgrFeatureAttribute`): a null when its day is no
 * calendar day (GDAL's Shapefile driver gives a blank `D` field as
 * `0000/00/00`, which `QDate(0, 0, 0)` makes an invalid, null date), else
 * {@link parseDate} with OGR's float seconds.
 *
 * @example
 * ```ts
 * import { parseOgrDate } from "./dates.ts";
 * parseOgrDate("0000/00/00"); // null
 * (parseOgrDate("2020/01/02") as Date).getDate(); // 2
 * ```
 */
export function parseOgrDate(text: string): Date | string | null {
  const m = /^\s*(\d{4})[-/](\d{2})[-/](\d{2})/.exec(text);
  if (m) {
    const [y, mo, d] = [+m[1], +m[2], +m[3]];
    // QDate has no year 0; months and days in range
    const days = new Date(Date.UTC(2000, mo, 0)).getUTCDate();
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    if (
      y === 0 || mo < 1 || mo > 12 || d < 1 ||
      d > (mo === 2 ? (leap ? 29 : 28) : days)
    ) return null;
  }
  return parseDate(text, true);
}
