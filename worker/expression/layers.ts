/**
 * The other layers an expression may read (`get_feature`,
 * `get_feature_by_id`, `aggregate`): a lookup the caller hands in with the
 * expression variables, so that evaluation stays pure and synchronous and
 * the engine never opens a source itself.
 *
 * @module
 */
import type { Feature } from "../geometry/types.ts";
import type { ExpressionContext } from "./registry.ts";

/** A layer's features, read in full beforehand. */
export interface LookupLayer {
  /** The layer's features, in the source's order (its feature ids). */
  readonly features: readonly Feature[];
  /** The layer's field names, in layer order. */
  readonly fields: readonly string[];
}

/**
 * Finds the layers expressions name. QGIS resolves a layer argument by
 * layer id, then by layer name.
 */
export interface LayerLookup {
  /**
   * The layer of this id or name, or `undefined` when there is none to
   * read (the lookup says why, once, to whoever runs the job).
   */
  layer(idOrName: string): LookupLayer | undefined;
  /**
   * Whether the job carries a layer of this id or name (without reading
   * it); absent: only the layers `layer` gives.
   */
  has?(idOrName: string): boolean;
}

// The lookup rides with the variables: every place that evaluates an
// expression (painters, labels, legends, feature info) already passes the
// map's variables along, and object spreads copy symbol keys with them.
const LAYERS: unique symbol = Symbol("qsl.expression.layers");

/**
 * The variables with `lookup` attached (a copy; the names stay as they are).
 *
 * @example
 * ```ts
 * import { layerLookupOf, withLayerLookup } from "./layers.ts";
 * const variables = withLayerLookup({ map_scale: 1000 }, { layer: () => undefined });
 * layerLookupOf({ variables }) !== undefined; // true
 * ```
 */
export function withLayerLookup(
  variables: Record<string, unknown>,
  lookup: LayerLookup,
): Record<string, unknown> {
  return { ...variables, [LAYERS]: lookup };
}

/**
 * The lookup an evaluation context carries, if any.
 *
 * @example
 * ```ts
 * import { layerLookupOf } from "./layers.ts";
 * layerLookupOf({ variables: {} }); // undefined
 * ```
 */
export function layerLookupOf(
  ctx: ExpressionContext,
): LayerLookup | undefined {
  const v = ctx.variables as { [LAYERS]?: LayerLookup } | undefined;
  return v?.[LAYERS];
}
