/**
 * CRS names and axis order, as WMS 1.3 and QGIS read them: `normaliseCrs`
 * turns the spellings clients send into `AUTH:CODE`, `hasInvertedAxes` tells
 * whether a bbox in that CRS comes y first (lat/lon, northing/easting),
 * `isGeographic` whether its units are degrees. No PROJ database at run
 * time: both answer from QGIS 3.22's own answers for every EPSG projected
 * and geographic 2D CRS (`_crs_axes.ts`, made by
 * `testdata/make_crs_axes.py`); `OGC:CRS84` and every other authority keep
 * x/y (east/north).
 *
 * @module
 */
import { GEOGRAPHIC_EPSG, INVERTED_EPSG } from "./_crs_axes.ts";

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

// Sorted [first, last] runs of codes: a binary search per question.
function runs(text: string): Int32Array {
  const out: number[] = [];
  for (const run of text.split(",")) {
    const [a, b] = run.split("-").map(Number);
    out.push(a, b ?? a);
  }
  return Int32Array.from(out);
}

const INVERTED = runs(INVERTED_EPSG);
const GEOGRAPHIC = runs(GEOGRAPHIC_EPSG);

function inRuns(r: Int32Array, code: number): boolean {
  let lo = 0, hi = r.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (code < r[2 * mid]) hi = mid - 1;
    else if (code > r[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

function epsgCode(crs: string): number | null {
  const m = /^EPSG:(\d+)$/.exec(crs);
  return m ? Number(m[1]) : null;
}

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
  const code = epsgCode(crs);
  return code !== null && inRuns(INVERTED, code);
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
  const code = epsgCode(crs);
  return code !== null && inRuns(GEOGRAPHIC, code);
}
