import assert from "node:assert/strict";
import {
  AREA_UNITS,
  DISTANCE_UNITS,
  ellipsoidalArea,
  ellipsoidalLength,
  ellipsoidalPerimeter,
  ellipsoidParameters,
} from "./ellipsoidal.ts";
import { parseWkt } from "../expression/wkt.ts";

// QGIS 3.22's QgsDistanceArea on these geometries and ellipsoids
// (testdata/make_ellipsoidal.py writes testdata/ellipsoidal.json)
const fixture = JSON.parse(
  await Deno.readTextFile(
    new URL("testdata/ellipsoidal.json", import.meta.url),
  ),
) as {
  ellipsoids: Record<
    string,
    { semi_major: number; semi_minor: number; inverse_flattening: number }
  >;
  measures: {
    ellipsoid: string;
    wkt: string;
    area: number;
    length: number;
    perimeter: number;
  }[];
  area_units: Record<string, number>;
  distance_units: Record<string, number>;
};

/** Within a few ULPs of QGIS's figure (relative 1e-11, or 1e-9 m: PROJ's C GeographicLib and its JavaScript port part in the 13th digit). */
function close(ours: number, qgis: number, what: string): void {
  const tolerance = Math.max(Math.abs(qgis) * 1e-11, 1e-9);
  assert.ok(
    Math.abs(ours - qgis) <= tolerance,
    `${what}: ${ours} for QGIS's ${qgis}`,
  );
}

Deno.test("ellipsoid parameters are QGIS's (PROJ acronyms, EPSG codes, PARAMETER:a:b)", () => {
  for (const [name, want] of Object.entries(fixture.ellipsoids)) {
    const e = ellipsoidParameters(name);
    assert.ok(e, name);
    close(e.semiMajor, want.semi_major, `${name} a`);
    close(e.semiMinor, want.semi_minor, `${name} b`);
    close(e.inverseFlattening, want.inverse_flattening, `${name} 1/f`);
  }
  assert.equal(ellipsoidParameters("NONE"), null);
  assert.equal(ellipsoidParameters("no such ellipsoid"), null);
  assert.equal(ellipsoidParameters("PARAMETER:1:2"), null);
});

Deno.test("ellipsoidal area, length and perimeter are QgsDistanceArea's to 11 digits", () => {
  assert.ok(fixture.measures.length > 100);
  for (const m of fixture.measures) {
    const e = ellipsoidParameters(m.ellipsoid)!;
    const g = parseWkt(m.wkt);
    const what = `${m.ellipsoid} ${m.wkt}`;
    close(ellipsoidalArea(g, e), m.area, `area of ${what}`);
    close(ellipsoidalLength(g, e), m.length, `length of ${what}`);
    close(ellipsoidalPerimeter(g, e), m.perimeter, `perimeter of ${what}`);
  }
});

Deno.test("area and distance unit factors are QgsUnitTypes'", () => {
  for (const [unit, factor] of Object.entries(fixture.area_units)) {
    if (unit !== "<unknown>") assert.equal(AREA_UNITS[unit], factor, unit);
  }
  for (const [unit, factor] of Object.entries(fixture.distance_units)) {
    if (unit !== "<unknown>") assert.equal(DISTANCE_UNITS[unit], factor, unit);
  }
});
