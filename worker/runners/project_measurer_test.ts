import assert from "node:assert/strict";
import { withGdal } from "../gdal/gdal.ts";
import { transformInPlace } from "../gdal/transform.ts";
import { parseWkt } from "../expression/wkt.ts";
import type { Feature } from "../geometry/types.ts";
import { projectMeasurer } from "./project_measurer.ts";

// QGIS 3.22's QgsDistanceArea from the layer's CRS, converted to the
// project's units (../geometry/testdata/make_ellipsoidal.py)
const fixture = JSON.parse(
  await Deno.readTextFile(
    new URL("../geometry/testdata/ellipsoidal.json", import.meta.url),
  ),
) as {
  projected: {
    crs: string;
    ellipsoid: string;
    area_units: string;
    distance_units: string;
    wkt: string;
    area: number;
    length: number;
    perimeter: number;
  }[];
};

Deno.test("$area, $length, $perimeter of features on a Mercator map measure as QGIS from their layer's CRS, in the project's units", async () => {
  await withGdal((gdal) => {
    assert.ok(fixture.projected.length >= 9);
    for (const m of fixture.projected) {
      // the feature as the worker holds it: on the map, its layer's CRS kept
      const geometry = parseWkt(m.wkt);
      transformInPlace(gdal, geometry.parts.flat(), m.crs, "EPSG:3857", false);
      const feature: Feature = {
        id: 1,
        attributes: {},
        geometry,
        sourceBounds: {
          crs: m.crs,
          box: { xmin: 0, ymin: 0, xmax: 0, ymax: 0 },
        },
      };
      const measurer = projectMeasurer(gdal, {
        ...(m.ellipsoid === "NONE" ? {} : { ellipsoid: m.ellipsoid }),
        area_units: m.area_units,
        distance_units: m.distance_units,
      }, "EPSG:3857");
      const what = `${m.ellipsoid} ${m.crs} ${m.wkt}`;
      for (const k of ["area", "length", "perimeter"] as const) {
        const ours = measurer[k](geometry, feature);
        // a round trip through Mercator (and back through a datum shift):
        // the 9th digit
        assert.ok(
          Math.abs(ours - m[k]) <= Math.abs(m[k]) * 1e-8,
          `${k} of ${what}: ${ours} for QGIS's ${m[k]}`,
        );
      }
    }
  });
});

Deno.test("a geometry a generator holds in its layer's CRS (geometryInLayerCrs) is measured as it is, not transformed from the map's again", async () => {
  await withGdal((gdal) => {
    for (const m of fixture.projected.filter((m) => m.crs !== "EPSG:3857")) {
      // QgsGeometryGeneratorSymbolLayer evaluates on the layer's geometry
      const geometry = parseWkt(m.wkt);
      const feature: Feature = {
        id: 1,
        attributes: {},
        geometry,
        sourceBounds: {
          crs: m.crs,
          box: { xmin: 0, ymin: 0, xmax: 0, ymax: 0 },
        },
        geometryInLayerCrs: true,
      };
      const measurer = projectMeasurer(gdal, {
        ...(m.ellipsoid === "NONE" ? {} : { ellipsoid: m.ellipsoid }),
        area_units: m.area_units,
        distance_units: m.distance_units,
      }, "EPSG:3857");
      for (const k of ["area", "length", "perimeter"] as const) {
        const ours = measurer[k](geometry, feature);
        assert.ok(
          Math.abs(ours - m[k]) <= Math.abs(m[k]) * 1e-8,
          `${k} of ${m.ellipsoid} ${m.crs} ${m.wkt}: ${ours} for QGIS's ${
            m[k]
          }`,
        );
      }
    }
  });
});

Deno.test("a feature whose point does not transform measures 0, as QGIS's caught transform error", async () => {
  await withGdal((gdal) => {
    const measurer = projectMeasurer(gdal, { ellipsoid: "WGS84" }, "EPSG:4326");
    const g = parseWkt("POLYGON((0 0, 1 0, 1 100, 0 0))");
    const f: Feature = {
      id: 1,
      attributes: {},
      geometry: g,
      sourceBounds: {
        crs: "EPSG:2154",
        box: { xmin: 0, ymin: 0, xmax: 0, ymax: 0 },
      },
    };
    assert.equal(measurer.area(g, f), 0);
    assert.ok(measurer.area(parseWkt("POLYGON((0 0, 1 0, 1 1, 0 0))"), f) > 0);
  });
});
