/**
 * CRS names and axis order, as WMS 1.3 and QGIS read them: `normaliseCrs`
 * turns the spellings clients send into `AUTH:CODE`, `hasInvertedAxes` tells
 * whether a bbox in that CRS comes y first (lat/lon for geographic EPSG CRSs,
 * northing first for a table of projected ones), `isGeographic` whether its
 * units are degrees. No PROJ database: the rule is EPSG's geographic 2D range
 * (4001–4999) plus the projected CRSs listed here; `OGC:CRS84` and every
 * other authority keep x/y (east/north).
 *
 * @module
 */
/**
 * Normalises a WMS CRS string to `AUTH:CODE`. An empty (or blank) string is
 * no CRS and stays `""`: the map of a project without a CRS, which QGIS
 * draws without reprojecting anything (see {@link isNoCrs}).
 *
 * @throws {RangeError} when the string names no CRS we know how to read.
 * @example
 * ```ts
 * import { normaliseCrs } from "./crs.ts";
 * normaliseCrs("urn:ogc:def:crs:EPSG::4326"); // "EPSG:4326"
 * normaliseCrs("http://www.opengis.net/def/crs/OGC/1.3/CRS84"); // "OGC:CRS84"
 * normaliseCrs("crs:84"); // "OGC:CRS84"
 * normaliseCrs(""); // ""
 * ```
 */
export function normaliseCrs(crs: string): string {
  const s = crs.trim();
  if (s === "") return "";
  let m = /^([A-Za-z]+):(\w+)$/.exec(s);
  if (m) {
    const auth = m[1].toUpperCase();
    if (auth === "CRS" && m[2] === "84") return "OGC:CRS84";
    return `${auth}:${m[2].toUpperCase()}`;
  }
  m = /^urn:ogc:def:crs:([A-Za-z]+):[^:]*:(\w+)$/i.exec(s);
  if (m) return fix(m[1], m[2]);
  m = /^https?:\/\/www\.opengis\.net\/def\/crs\/([A-Za-z]+)\/[^/]+\/(\w+)$/i
    .exec(s);
  if (m) return fix(m[1], m[2]);
  m = /^https?:\/\/www\.opengis\.net\/gml\/srs\/epsg\.xml#(\d+)$/i.exec(s);
  if (m) return `EPSG:${m[1]}`;
  throw new RangeError(`Cannot read CRS: '${crs}' is not a CRS name`);
}

function fix(auth: string, code: string): string {
  const a = auth.toUpperCase();
  if (a === "OGC" && /^CRS:?84$/i.test(code)) return "OGC:CRS84";
  return `${a}:${code.toUpperCase()}`;
}

/**
 * Whether a CRS string is no CRS: absent, empty or blank. QGIS 3.22 reads
 * such a map or layer CRS as an invalid `QgsCoordinateReferenceSystem`, and
 * a `QgsCoordinateTransform` from or to an invalid CRS passes coordinates
 * through unchanged: a project without a CRS draws every layer with its
 * coordinates as they are, and a layer without a CRS lands on any map
 * as it is.
 *
 * @example
 * ```ts
 * import { isNoCrs } from "./crs.ts";
 * isNoCrs(""); // true
 * isNoCrs(null); // true
 * isNoCrs("EPSG:2056"); // false
 * ```
 */
export function isNoCrs(crs: string | null | undefined): boolean {
  return crs === null || crs === undefined || crs.trim() === "";
}

// Projected EPSG CRSs whose first axis is northing (WMS 1.3 sends y first).
const NORTHING_FIRST = new Set([
  2180,
  3006,
  3034,
  3035,
  3901,
  3903,
  5514,
  31466,
  31467,
  31468,
  31469,
  2036,
  2044,
  2045,
  2081,
  2082,
  2083,
  2085,
  2086,
  2091,
  2092,
  2093,
  2096,
  2097,
  2098,
  2105,
  2106,
  2107,
  2108,
  2109,
  2110,
  2111,
  2112,
  2113,
  2114,
]);

/**
 * Whether a CRS has its axes inverted against x/y (lat/lon geographic EPSG
 * CRSs, northing-first projected ones): a WMS 1.3 bbox then arrives y first.
 *
 * @example
 * ```ts
 * import { hasInvertedAxes } from "./crs.ts";
 * hasInvertedAxes("EPSG:4326"); // true
 * hasInvertedAxes("OGC:CRS84"); // false
 * hasInvertedAxes("EPSG:2056"); // false
 * ```
 */
export function hasInvertedAxes(crs: string): boolean {
  const m = /^EPSG:(\d+)$/.exec(crs);
  if (!m) return false;
  const code = Number(m[1]);
  return isGeographic(crs) || NORTHING_FIRST.has(code);
}

/**
 * Whether a CRS is geographic (degrees).
 *
 * @example
 * ```ts
 * import { isGeographic } from "./crs.ts";
 * isGeographic("EPSG:4326"); // true
 * ```
 */
export function isGeographic(crs: string): boolean {
  if (crs === "OGC:CRS84") return true;
  const m = /^EPSG:(\d+)$/.exec(crs);
  if (!m) return false;
  const code = Number(m[1]);
  // EPSG's geographic 2D CRSs live in 4001–4999 (a few 4xxx are
  // geocentric/3D; those are not WMS CRSs).
  return code >= 4001 && code <= 4999 && code !== 4978;
}
