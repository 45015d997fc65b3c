/**
 * The map a render job asks for, resolved as QGIS's `QgsMapSettings` does
 * (see `computeMapSettings` in this folder for how it is built from a job).
 *
 * @module
 */
import type { Rect } from "../geometry/types.ts";

/** A resolved map: visible extent with square pixels, output size, scale. */
export interface MapSettings {
  /** Visible extent in map units, grown around the centre so pixels are square. */
  extent: Rect;
  /** Output width in pixels. */
  width: number;
  /** Output height in pixels. */
  height: number;
  /** Output dots per inch (absent in the job → 96). */
  dpi: number;
  /** Map CRS, normalised to `AUTH:CODE` (e.g. `EPSG:2056`). */
  crs: string;
  /** Map units per pixel. */
  mapUnitsPerPixel: number;
  /** Map scale denominator, computed as QGIS does. */
  scale: number;
  /**
   * Map units per metre (`QgsRenderContext::convertMetersToMapUnits`): a
   * geographic map's degrees of longitude per metre along the parallel of
   * its centre on the WGS 84 ellipsoid; absent: 1.
   */
  mapUnitsPerMeter?: number;
  /** Output format. */
  format: "png" | "jpeg";
}

/**
 * The affine map → pixel transform `[sx, dx, sy, dy]` (`px = sx·x + dx`,
 * `py = sy·y + dy`) with QGIS's own arithmetic (`QgsMapToPixel`: a
 * QTransform scaled by ±1/mupp, then translated by the map's corner as
 * computed from the visible extent's centre and the output size), so pixel
 * positions round as QGIS's do where a point lies half way between two
 * pixels. Without `width`/`height`, the corner is the extent's.
 *
 * @example
 * ```ts
 * import { pixelTransform } from "./map_settings.ts";
 * const m = { extent: { xmin: 0, ymin: 0, xmax: 10, ymax: 10 }, mapUnitsPerPixel: 1 };
 * pixelTransform(m); // [1, -0, -1, 10]
 * ```
 */
export function pixelTransform(
  map:
    & Pick<MapSettings, "extent" | "mapUnitsPerPixel">
    & Partial<Pick<MapSettings, "width" | "height">>,
): [number, number, number, number] {
  const { extent: e, mapUnitsPerPixel: mupp } = map;
  const k = 1 / mupp;
  let xmin = e.xmin, top = e.ymax;
  if (map.width !== undefined && map.height !== undefined) {
    // QgsRectangle::center(), QgsMapToPixel::setParameters
    const xc = e.xmin + (e.xmax - e.xmin) / 2;
    const yc = e.ymin + (e.ymax - e.ymin) / 2;
    xmin = xc - (map.width * mupp) / 2;
    const ymin = yc - (map.height * mupp) / 2;
    top = ymin + map.height * mupp;
  }
  // QTransform::fromScale(k, -k).translate(-xmin, -top)
  return [k, -xmin * k, -k, -top * -k];
}

/**
 * Map coordinates → pixel coordinates (origin top-left), as
 * `QgsMapToPixel::transform` computes them.
 *
 * @example
 * ```ts
 * import { mapToPixel } from "./map_settings.ts";
 * const m = { extent: { xmin: 0, ymin: 0, xmax: 10, ymax: 10 }, mapUnitsPerPixel: 1 };
 * mapToPixel(m, 2, 8); // [2, 2]
 * ```
 */
export function mapToPixel(
  map:
    & Pick<MapSettings, "extent" | "mapUnitsPerPixel">
    & Partial<Pick<MapSettings, "width" | "height">>,
  x: number,
  y: number,
): [number, number] {
  const [sx, dx, sy, dy] = pixelTransform(map);
  return [sx * x + dx, sy * y + dy];
}
