/**
 * The map a render job asks for, resolved as QGIS's `QgsMapSettings`.
 *
 * @example
 * ```ts
 * import { computeMapSettings } from "./mod.ts";
 * computeMapSettings({
 *   bbox: { x_min: 0, y_min: 0, x_max: 10, y_max: 10 },
 *   crs: "EPSG:2056", width: 10, height: 10,
 * }).mapUnitsPerPixel; // 1
 * ```
 *
 * @module
 */
export {
  type MapSettings,
  mapToPixel,
  pixelTransform,
} from "./map_settings.ts";
export {
  computeMapSettings,
  computeScale,
  hasInvertedAxes,
  isGeographic,
  isNoCrs,
  type MapJob,
  normaliseCrs,
} from "./compute.ts";
export { mapVariables } from "./variables.ts";
export {
  armJobClock,
  checkJobClock,
  disarmJobClock,
  JobTimeError,
} from "./job_clock.ts";
