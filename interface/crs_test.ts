import assert from "node:assert/strict";
import { hasInvertedAxes, isGeographic, isNoCrs, normaliseCrs } from "./crs.ts";

Deno.test("crs: axis order and geographic CRSs as QGIS 3.22 reads them", () => {
  // QgsCoordinateReferenceSystem.fromOgcWmsCrs(...).hasAxisInverted() /
  // isGeographic() in QGIS 3.22.16
  const cases: [string, boolean, boolean][] = [
    ["EPSG:4326", true, true],
    ["EPSG:4258", true, true],
    ["EPSG:3819", true, true], // geographic outside 4001–4999
    ["EPSG:4048", false, false], // projected inside 4001–4999
    ["EPSG:3044", true, false], // ETRS89 / UTM 32N (N-E)
    ["EPSG:3844", true, false], // Pulkovo 1942(58) / Stereo70
    ["EPSG:2180", true, false],
    ["EPSG:31468", true, false],
    ["EPSG:5514", false, false], // S-JTSK / Krovak East North
    ["EPSG:3901", true, false], // compound: KKJ / Finland Uniform + N60
    ["EPSG:4979", true, true], // geographic 3D
    ["EPSG:2056", false, false],
    ["EPSG:3857", false, false],
    ["EPSG:32633", false, false],
    ["OGC:CRS84", false, true],
    ["ESRI:102004", false, false],
    ["", false, false],
  ];
  for (const [crs, inverted, geographic] of cases) {
    assert.equal(hasInvertedAxes(crs), inverted, `${crs} inverted`);
    assert.equal(isGeographic(crs), geographic, `${crs} geographic`);
  }
});

Deno.test("crs: an empty CRS is no CRS", () => {
  assert.equal(normaliseCrs(" "), "");
  assert.ok(isNoCrs("") && isNoCrs(null) && isNoCrs(undefined));
  assert.ok(!isNoCrs("EPSG:2056"));
  assert.throws(() => normaliseCrs("foo bar"), RangeError);
});
