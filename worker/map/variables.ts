/**
 * The expression variables of QGIS's map scope (`@map_scale`, `@map_crs` …)
 * for a map: what rules, data-defined properties and labels see.
 *
 * @module
 */
import type { MapSettings } from "./map_settings.ts";

/**
 * The map scope's variables (names without `@`), as
 * `QgsExpressionContextUtils::mapSettingsScope` sets them.
 *
 * @example
 * ```ts
 * import { computeMapSettings } from "./compute.ts";
 * import { mapVariables } from "./variables.ts";
 * const map = computeMapSettings({
 *   bbox: { x_min: 0, y_min: 0, x_max: 1000, y_max: 500 },
 *   crs: "EPSG:2056", width: 200, height: 100, dpi: 96,
 * });
 * mapVariables(map).map_extent_width; // 1000
 * ```
 */
export function mapVariables(map: MapSettings): Record<string, unknown> {
  return {
    map_scale: map.scale,
    map_crs: map.crs,
    map_units_per_pixel: map.mapUnitsPerPixel,
    map_width: map.width,
    map_height: map.height,
    map_extent_width: map.extent.xmax - map.extent.xmin,
    map_extent_height: map.extent.ymax - map.extent.ymin,
    map_rotation: 0,
    output_dpi: map.dpi,
  };
}
