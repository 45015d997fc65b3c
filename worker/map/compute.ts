/**
 * A render job's map, resolved as QGIS's `QgsMapSettings` does: CRS string
 * normalised, lat/lon bboxes swapped for CRSs with inverted axes, the
 * extent grown around its centre so pixels are square, and the scale
 * computed as `QgsScaleCalculator` does.
 *
 * @module
 */
import type { MapSettings } from "./map_settings.ts";

/** The job fields the map is built from (wire names). */
export interface MapJob {
  /** Requested extent. */
  bbox: { x_min: number; y_min: number; x_max: number; y_max: number };
  /** CRS string (`EPSG:2056`, `CRS:84`, `urn:ogc:def:crs:EPSG::4326`, `http://www.opengis.net/def/crs/EPSG/0/4326`); `""`: no CRS, layers drawn as they are. */
  crs: string;
  /** Output width in pixels. */
  width: number;
  /** Output height in pixels. */
  height: number;
  /** Output dpi; absent → 96. */
  dpi?: number | null;
  /** MIME type, any case (`image/png`, `IMAGE/JPEG`). */
  format?: string | null;
}

import {
  hasInvertedAxes,
  isGeographic,
  isNoCrs,
  normaliseCrs,
} from "@qgis-server-light/interface";
// The CRS rules live in the interface (job builders need them too).
export { hasInvertedAxes, isGeographic, isNoCrs, normaliseCrs };

/**
 * Computes the map scale denominator as `QgsScaleCalculator::calculate`.
 *
 * @example
 * ```ts
 * import { computeScale } from "./compute.ts";
 * computeScale({ xmin: 0, ymin: 0, xmax: 254, ymax: 100 }, 96, 96, false); // ≈ 1000
 * ```
 */
export function computeScale(
  extent: { xmin: number; ymin: number; xmax: number; ymax: number },
  width: number,
  dpi: number,
  geographic: boolean,
): number {
  const INCHES_PER_METRE = 39.3700787;
  let delta = extent.xmax - extent.xmin;
  if (geographic) {
    // QgsScaleCalculator::calculateGeographicDistance (3.22): the
    // haversine angle between longitudes -90° and +90° at the middle
    // latitude (2·atan2(cos φ, |sin φ|) = π − 2|φ|), times the meridional
    // radius of curvature there (a = 6,378 km, e = 0.0810820288), scaled
    // by the extent's width over 180°. Not the parallel's length: QGIS
    // 3.22's 1° at 46.5° N is 53.7 km, not 76.8.
    const lat = (extent.ymax + extent.ymin) * 0.5;
    const rads = (4 * Math.atan(1)) / 180;
    const a = Math.cos(lat * rads) ** 2;
    const c = 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    const ra = 6378000;
    const e2 = 0.0810820288 * 0.0810820288;
    const sin = Math.sin(lat * rads);
    const radius = (ra * (1 - e2)) / Math.pow(1 - e2 * sin * sin, 1.5);
    delta = ((extent.xmax - extent.xmin) / 180) * radius * c;
  }
  return (delta * INCHES_PER_METRE) / (width / dpi);
}

/**
 * Builds the map settings of a render job.
 *
 * @throws {RangeError} for a bad size, dpi, format, CRS or bbox.
 * @example
 * ```ts
 * import { computeMapSettings } from "./compute.ts";
 * const map = computeMapSettings({
 *   bbox: { x_min: 0, y_min: 0, x_max: 200, y_max: 100 },
 *   crs: "EPSG:2056", width: 100, height: 100, dpi: 96, format: "IMAGE/PNG",
 * });
 * map.extent; // { xmin: 0, ymin: -50, xmax: 200, ymax: 150 }
 * ```
 */
export function computeMapSettings(job: MapJob): MapSettings {
  const { width, height } = job;
  if (
    !Number.isInteger(width) || !Number.isInteger(height) || width < 1 ||
    height < 1
  ) {
    throw new RangeError(
      `Cannot compute the map: bad image size ${width}×${height}`,
    );
  }
  const dpi = job.dpi ?? 96;
  if (!(dpi > 0) || !Number.isFinite(dpi)) {
    throw new RangeError(`Cannot compute the map: bad dpi ${dpi}`);
  }
  const fmt = (job.format ?? "image/png").trim().toLowerCase();
  let format: "png" | "jpeg";
  if (fmt === "image/png" || fmt === "png" || fmt.startsWith("image/png;")) {
    format = "png";
  } else if (
    fmt === "image/jpeg" || fmt === "image/jpg" || fmt === "jpeg" ||
    fmt === "jpg"
  ) format = "jpeg";
  else {throw new RangeError(
      `Cannot compute the map: unsupported format '${job.format}'`,
    );}
  const crs = normaliseCrs(job.crs);
  const b = job.bbox;
  let [xmin, ymin, xmax, ymax] = [b.x_min, b.y_min, b.x_max, b.y_max];
  if (hasInvertedAxes(crs)) [xmin, ymin, xmax, ymax] = [ymin, xmin, ymax, xmax];
  if (
    ![xmin, ymin, xmax, ymax].every(Number.isFinite) || !(xmax > xmin) ||
    !(ymax > ymin)
  ) {
    throw new RangeError(
      `Cannot compute the map: empty or bad bbox ${JSON.stringify(b)}`,
    );
  }
  // QgsMapSettings::updateDerived: the larger of the two resolutions wins
  // and the other axis grows around the centre.
  const muppX = (xmax - xmin) / width;
  const muppY = (ymax - ymin) / height;
  const mupp = Math.max(muppX, muppY);
  if (muppY > muppX) {
    const ws = (width * mupp - (xmax - xmin)) * 0.5;
    xmin -= ws;
    xmax += ws;
  } else if (muppX > muppY) {
    const ws = (height * mupp - (ymax - ymin)) * 0.5;
    ymin -= ws;
    ymax += ws;
  }
  const extent = { xmin, ymin, xmax, ymax };
  return {
    extent,
    width,
    height,
    dpi,
    crs,
    mapUnitsPerPixel: mupp,
    // Without a CRS the map units are unknown, and QgsScaleCalculator
    // (3.22) measures unknown units as degrees: QGIS's scale of a map
    // without a CRS equals EPSG:4326's for the same box.
    scale: computeScale(extent, width, dpi, isGeographic(crs) || isNoCrs(crs)),
    ...(isGeographic(crs)
      ? { mapUnitsPerMeter: degreesPerMeter((ymin + ymax) / 2) }
      : {}),
    format,
  };
}

/**
 * Degrees of longitude per metre east along the parallel of `latitude` on
 * the WGS 84 ellipsoid: what `QgsDistanceArea::measureLineProjected` gives
 * `QgsRenderContext::convertMetersToMapUnits` from the map's centre (sizes
 * in metres at scale on a geographic map).
 */
function degreesPerMeter(latitude: number): number {
  const a = 6378137, f = 1 / 298.257223563;
  const e2 = f * (2 - f);
  const phi = latitude * Math.PI / 180;
  const n = a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
  const r = n * Math.cos(phi);
  return r > 0 ? 180 / (Math.PI * r) : 1;
}
