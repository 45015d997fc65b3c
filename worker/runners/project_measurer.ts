/**
 * The measurer of a job's project (`$area`, `$length`, `$perimeter`), as
 * QGIS's expression context builds its `QgsDistanceArea`: the project's
 * ellipsoid and units, a feature measured from its layer's CRS. Our
 * features are in the map's CRS: they are transformed back to their layer's
 * (`sourceBounds.crs`), then on an ellipsoid to its longitudes and
 * latitudes through our PROJ; with the ellipsoid `NONE` (or one QGIS does
 * not know) they are measured planar in their layer's CRS, taken as
 * metres.
 *
 * @module
 */
import type { Gdal } from "../gdal/gdal.ts";
import { transformInPlace } from "../gdal/transform.ts";
import type { Feature, Geometry } from "../geometry/types.ts";
import { area, length, perimeter } from "../geometry/measure.ts";
import {
  AREA_UNITS,
  DISTANCE_UNITS,
  ellipsoidalArea,
  ellipsoidalLength,
  ellipsoidalPerimeter,
  ellipsoidCrs,
  ellipsoidParameters,
} from "../geometry/ellipsoidal.ts";
import type { Measurer } from "../expression/mod.ts";

/** What a job says of its project's measures (all our additions). */
export interface MeasureSettings {
  /** `Measure/Ellipsoid`: an acronym, `EPSG:<code>`, `PARAMETER:a:b`, `NONE`. */
  ellipsoid?: string;
  /** `Measurement/AreaUnits` (`m2`, `km2`, `ha` …); default `m2`. */
  area_units?: string;
  /** `Measurement/DistanceUnits` (`meters`, `km` …); default `meters`. */
  distance_units?: string;
}

/** A copy of the geometry transformed; null when a point does not. */
function transformed(
  gdal: Gdal,
  g: Geometry,
  from: string,
  to: string,
): Geometry | null {
  const parts = g.parts.map((p) => p.map((r) => r.slice()));
  const ok = transformInPlace(gdal, parts.flat(), from, to, false);
  return ok.every(Boolean) ? { kind: g.kind, parts } : null;
}

/**
 * The job's measurer. A job without an ellipsoid (the project sets none,
 * or the Python exporter wrote it) measures planar in the layer's CRS, as
 * QGIS does on a project whose ellipsoid is `NONE`.
 *
 * @example
 * ```ts ignore
 * const m = projectMeasurer(gdal, { ellipsoid: "EPSG:7030", area_units: "km2" }, "EPSG:3857");
 * m.area(feature.geometry!, feature);
 * ```
 */
export function projectMeasurer(
  gdal: Gdal,
  settings: MeasureSettings,
  mapCrs: string,
): Measurer {
  const toArea = AREA_UNITS[settings.area_units ?? "m2"] ?? 1;
  const toDistance = DISTANCE_UNITS[settings.distance_units ?? "meters"] ?? 1;
  const e = ellipsoidParameters(settings.ellipsoid ?? "NONE");
  // QGIS answers 0 for a geometry its transform fails on
  const measure = (
    onEllipsoid: (g: Geometry) => number,
    planar: (g: Geometry) => number,
    factor: number,
  ) =>
  (g: Geometry, f?: Feature): number => {
    try {
      const layerCrs = f?.sourceBounds?.crs ?? mapCrs;
      const own = layerCrs === mapCrs || f?.geometryInLayerCrs
        ? g
        : transformed(gdal, g, mapCrs, layerCrs);
      if (!own) return 0;
      if (!e) return planar(own) * factor;
      // from the layer's CRS, as QGIS: PROJ knows no datum for the
      // ellipsoid's CRS, so a layer's own latitudes and longitudes are
      // measured on it unshifted (what QGIS measures)
      const lonLat = transformed(gdal, own, layerCrs, ellipsoidCrs(e));
      return lonLat ? onEllipsoid(lonLat) * factor : 0;
    } catch {
      return 0;
    }
  };
  return {
    area: measure((g) => ellipsoidalArea(g, e!), area, toArea),
    length: measure((g) => ellipsoidalLength(g, e!), length, toDistance),
    perimeter: measure(
      (g) => ellipsoidalPerimeter(g, e!),
      perimeter,
      toDistance,
    ),
  };
}
