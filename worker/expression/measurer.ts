/**
 * How `$area`, `$length` and `$perimeter` measure: QGIS hands an
 * expression a `QgsDistanceArea` for the project's ellipsoid and units and
 * the layer's CRS; the caller hands ours in with the variables, so that the
 * engine stays pure and synchronous and never transforms a coordinate
 * itself. Without one, the three measure planar in the map's units.
 *
 * @module
 */
import type { Feature, Geometry } from "../geometry/types.ts";
import type { ExpressionContext } from "./registry.ts";

/** Measures a feature's geometry (map CRS) as the project measures. */
export interface Measurer {
  /** Area in the project's area units. */
  area(g: Geometry, feature?: Feature): number;
  /** Length in the project's distance units. */
  length(g: Geometry, feature?: Feature): number;
  /** Perimeter in the project's distance units. */
  perimeter(g: Geometry, feature?: Feature): number;
}

// rides with the variables as the layer lookup does (spreads copy it)
const MEASURER: unique symbol = Symbol("qsl.expression.measurer");

/**
 * The variables with `measurer` attached (a copy; the names stay as they
 * are).
 *
 * @example
 * ```ts
 * import { measurerOf, withMeasurer } from "./measurer.ts";
 * const m = { area: () => 1, length: () => 2, perimeter: () => 3 };
 * measurerOf({ variables: withMeasurer({}, m) }) === m; // true
 * ```
 */
export function withMeasurer(
  variables: Record<string, unknown>,
  measurer: Measurer,
): Record<string, unknown> {
  return { ...variables, [MEASURER]: measurer };
}

/**
 * The measurer an evaluation context carries, if any.
 *
 * @example
 * ```ts
 * import { measurerOf } from "./measurer.ts";
 * measurerOf({ variables: {} }); // undefined
 * ```
 */
export function measurerOf(ctx: ExpressionContext): Measurer | undefined {
  const v = ctx.variables as { [MEASURER]?: Measurer } | undefined;
  return v?.[MEASURER];
}
