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
  /** Output format. */
  format: "png" | "jpeg";
}

/**
 * Map coordinates → pixel coordinates (origin top-left).
 *
 * @example
 * ```ts
 * import { mapToPixel } from "./map_settings.ts";
 * const m = { extent: { xmin: 0, ymin: 0, xmax: 10, ymax: 10 }, mapUnitsPerPixel: 1 };
 * mapToPixel(m, 2, 8); // [2, 2]
 * ```
 */
export function mapToPixel(
  map: Pick<MapSettings, "extent" | "mapUnitsPerPixel">,
  x: number,
  y: number,
): [number, number] {
  return [
    (x - map.extent.xmin) / map.mapUnitsPerPixel,
    (map.extent.ymax - y) / map.mapUnitsPerPixel,
  ];
}
