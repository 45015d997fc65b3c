/**
 * Measures on an ellipsoid as QGIS 3.22's `QgsDistanceArea` takes them
 * (what `$area`, `$length` and `$perimeter` return on a project with an
 * ellipsoid): a ring's area as the polygon its geodesics bound and a
 * line's length as its segments' geodesic distances, both by GeographicLib
 * (QGIS 3.22 calls PROJ's copy of it, `geod_polygon_compute` and
 * `geod_inverse`; we call Karney's JavaScript port of the same
 * algorithms), on longitudes and latitudes in degrees on the ellipsoid.
 *
 * @module
 */
import geodesic from "geographiclib-geodesic";
import type { Geometry } from "./types.ts";

const { Geodesic } = geodesic.Geodesic;

/** An ellipsoid's axes (metres). */
export interface Ellipsoid {
  /** Semi-major axis. */
  semiMajor: number;
  /** Semi-minor axis. */
  semiMinor: number;
  /** a / (a - b). */
  inverseFlattening: number;
}

// [semi-major, inverse flattening], PROJ's values (QgsEllipsoidUtils asks PROJ)
const AXES: Record<string, [number, number]> = {
  WGS84: [6378137, 298.257223563],
  GRS80: [6378137, 298.257222101],
  intl: [6378388, 297],
  bessel: [6377397.155, 299.1528128],
  krass: [6378245, 298.3],
  airy: [6377563.396, 299.3249646],
  WGS72: [6378135, 298.26],
  GRS67: [6378160, 298.247167427],
};
// [semi-major, semi-minor] where PROJ defines the ellipsoid by its axes
const AXES_AB: Record<string, [number, number]> = {
  clrk66: [6378206.4, 6356583.8],
  clrk80: [6378249.144808011, 6356514.966204134],
};
// EPSG ellipsoid codes of the same ellipsoids
const EPSG: Record<string, string> = {
  "7030": "WGS84",
  "7019": "GRS80",
  "7022": "intl",
  "7004": "bessel",
  "7024": "krass",
  "7001": "airy",
  "7043": "WGS72",
  "7036": "GRS67",
  "7008": "clrk66",
};

/**
 * The ellipsoid a project names (`Measure/Ellipsoid`: a PROJ acronym such
 * as `WGS84`, an EPSG ellipsoid code such as `EPSG:7030`, or
 * `PARAMETER:<a>:<b>`); null for `NONE` (planar measures) and for a name
 * this table lacks, on which QGIS's `setEllipsoid` fails and measures stay
 * planar too.
 *
 * @example
 * ```ts
 * import { ellipsoidParameters } from "./ellipsoidal.ts";
 * ellipsoidParameters("EPSG:7030")?.semiMajor; // 6378137
 * ellipsoidParameters("NONE"); // null
 * ```
 */
export function ellipsoidParameters(name: string): Ellipsoid | null {
  const custom = /^PARAMETER:([^:]+):([^:]+)$/i.exec(name.trim());
  if (custom) {
    const a = Number(custom[1]), b = Number(custom[2]);
    if (!(a > 0 && b > 0 && a >= b)) return null;
    return { semiMajor: a, semiMinor: b, inverseFlattening: a / (a - b) };
  }
  const code = /^EPSG:(\d+)$/i.exec(name.trim());
  const key = code ? EPSG[code[1]] : name.trim();
  if (key === undefined) return null;
  const ab = AXES_AB[key];
  if (ab) {
    return {
      semiMajor: ab[0],
      semiMinor: ab[1],
      inverseFlattening: ab[0] / (ab[0] - ab[1]),
    };
  }
  const af = AXES[key];
  if (!af) return null;
  return {
    semiMajor: af[0],
    semiMinor: af[0] - af[0] / af[1],
    inverseFlattening: af[1],
  };
}

/**
 * The geographic CRS (PROJ string) QGIS measures an ellipsoid's longitudes
 * and latitudes in.
 *
 * @example
 * ```ts
 * import { ellipsoidCrs, ellipsoidParameters } from "./ellipsoidal.ts";
 * ellipsoidCrs(ellipsoidParameters("WGS84")!).startsWith("+proj=longlat"); // true
 * ```
 */
export function ellipsoidCrs(e: Ellipsoid): string {
  return `+proj=longlat +a=${e.semiMajor} +b=${e.semiMinor} +no_defs +type=crs`;
}

/** QgsUnitTypes' factors from square metres, by encoded name. */
export const AREA_UNITS: Readonly<Record<string, number>> = {
  m2: 1,
  km2: 1e-6,
  ft2: 10.763910416709722,
  y2: 1.1959900463010802,
  mi2: 3.861021585424458e-7,
  ha: 1e-4,
  ac: 2.471053814671653e-4,
  nm2: 2.9155334959812285e-7,
  deg2: 8.069703496810251e-11,
  cm2: 1e4,
  mm2: 1e6,
};

/** QgsUnitTypes' factors from metres, by encoded name. */
export const DISTANCE_UNITS: Readonly<Record<string, number>> = {
  meters: 1,
  km: 1e-3,
  feet: 3.280839895013123,
  "nautical miles": 5.399568034557236e-4,
  yd: 1.0936132983377078,
  mi: 6.213711922373339e-4,
  degrees: 8.983152841195214e-6,
  cm: 100,
  mm: 1000,
};

const geodesics = new Map<string, InstanceType<typeof Geodesic>>();

/** GeographicLib's geodesic on the ellipsoid, kept per ellipsoid. */
function geodesicOf(e: Ellipsoid): InstanceType<typeof Geodesic> {
  const key = `${e.semiMajor}:${e.inverseFlattening}`;
  let g = geodesics.get(key);
  if (!g) {
    if (geodesics.size > 16) geodesics.clear();
    g = new Geodesic(e.semiMajor, 1 / e.inverseFlattening);
    geodesics.set(key, g);
  }
  return g;
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-8;

/**
 * The geodesic distance (metres) between two points in degrees, as
 * `QgsDistanceArea::computeDistanceBearing` (GeographicLib's inverse
 * problem): 0 for points within 1e-8 degrees of each other.
 *
 * @example
 * ```ts
 * import { ellipsoidParameters, geodesicDistance } from "./ellipsoidal.ts";
 * Math.round(geodesicDistance(0, 0, 1, 0, ellipsoidParameters("WGS84")!)); // 111319
 * ```
 */
export function geodesicDistance(
  lon1: number,
  lat1: number,
  lon2: number,
  lat2: number,
  e: Ellipsoid,
): number {
  if (near(lon1, lon2) && near(lat1, lat2)) return 0;
  return geodesicOf(e).Inverse(lat1, lon1, lat2, lon2).s12 ?? 0;
}

/** A ring's area (positive) bounded by geodesics, its points in degrees. */
function ringArea(r: Float64Array, e: Ellipsoid): number {
  const n = r.length >> 1;
  if (n < 3) return 0;
  const polygon = geodesicOf(e).Polygon(false);
  for (let i = 0; i < n; i++) polygon.AddPoint(r[2 * i + 1], r[2 * i]);
  return Math.abs(polygon.Compute(false, true).area ?? 0);
}

function pathLength(c: Float64Array, e: Ellipsoid): number {
  if (c.length < 4) return 0;
  let s = 0;
  // QGIS measures the first point against itself too (0)
  for (let i = 2; i + 1 < c.length; i += 2) {
    s += geodesicDistance(c[i - 2], c[i - 1], c[i], c[i + 1], e);
  }
  return s;
}

/**
 * A polygon geometry's area (m²) on the ellipsoid, its coordinates
 * longitudes and latitudes in degrees: each part's outer ring less its
 * holes, summed; 0 for points and lines.
 *
 * @example
 * ```ts
 * import { ellipsoidalArea, ellipsoidParameters } from "./ellipsoidal.ts";
 * const g = { kind: "polygon" as const, parts: [[new Float64Array([0, 0, 1, 0, 1, 1, 0, 1, 0, 0])]] };
 * Math.round(ellipsoidalArea(g, ellipsoidParameters("WGS84")!) / 1e6); // 12308
 * ```
 */
export function ellipsoidalArea(g: Geometry, e: Ellipsoid): number {
  if (g.kind !== "polygon") return 0;
  let s = 0;
  for (const rings of g.parts) {
    rings.forEach((r, i) => s += i === 0 ? ringArea(r, e) : -ringArea(r, e));
  }
  return s;
}

/**
 * A line geometry's length (m) on the ellipsoid, coordinates in degrees;
 * 0 for points and polygons.
 *
 * @example
 * ```ts
 * import { ellipsoidalLength, ellipsoidParameters } from "./ellipsoidal.ts";
 * const g = { kind: "line" as const, parts: [[new Float64Array([0, 0, 0, 1])]] };
 * Math.round(ellipsoidalLength(g, ellipsoidParameters("WGS84")!)); // 110574
 * ```
 */
export function ellipsoidalLength(g: Geometry, e: Ellipsoid): number {
  if (g.kind !== "line") return 0;
  return g.parts.reduce((s, p) => s + pathLength(p[0], e), 0);
}

/**
 * A polygon geometry's perimeter (m) on the ellipsoid, every ring's
 * length, coordinates in degrees; 0 for points and lines.
 *
 * @example
 * ```ts
 * import { ellipsoidalPerimeter, ellipsoidParameters } from "./ellipsoidal.ts";
 * const g = { kind: "polygon" as const, parts: [[new Float64Array([0, 0, 0, 1, 0, 0])]] };
 * Math.round(ellipsoidalPerimeter(g, ellipsoidParameters("WGS84")!)); // 221149
 * ```
 */
export function ellipsoidalPerimeter(g: Geometry, e: Ellipsoid): number {
  if (g.kind !== "polygon") return 0;
  let s = 0;
  for (const rings of g.parts) {
    for (const r of rings) s += pathLength(r, e);
  }
  return s;
}
