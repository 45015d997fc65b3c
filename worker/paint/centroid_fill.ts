/**
 * QGIS's `CentroidFill` symbol layer: a marker sub-symbol at each part's
 * centroid (or point on surface), or only the largest part's.
 *
 * @module
 */
import type { Feature, Geometry } from "../geometry/types.ts";
import type { SymbolLayer } from "../style/model.ts";
import type { PaintContext } from "./context.ts";
import { pointOnSurface, polygonCentroid } from "./geometry.ts";
import { drawMarkerSymbol } from "./symbol.ts";

/**
 * Draws a `CentroidFill` layer's marker sub-symbol at a polygon's
 * centroids (pixels).
 *
 * @example
 * ```ts ignore
 * import { centroidFill } from "./centroid_fill.ts";
 * centroidFill(pc, layer, geometry, feature, 1);
 * ```
 */
export function centroidFill(
  pc: PaintContext,
  layer: SymbolLayer,
  geom: Geometry,
  feature: Feature | null,
  opacity: number,
): void {
  const sub = layer.subSymbol;
  if (!sub) return;
  const onSurface = layer.props.point_on_surface === "1";
  const allParts = layer.props.point_on_all_parts !== "0";
  let parts = geom.parts;
  if (!allParts && parts.length > 1) {
    // the largest part
    let best = parts[0], bestArea = -1;
    for (const p of parts) {
      const a = Math.abs(ringArea(p[0]));
      if (a > bestArea) [best, bestArea] = [p, a];
    }
    parts = [best];
  }
  for (const part of parts) {
    const [x, y] = onSurface ? pointOnSurface(part) : polygonCentroid(part);
    drawMarkerSymbol(pc, sub, feature, x, y, opacity);
  }
}

function ringArea(r: Float64Array): number {
  let a = 0;
  for (let i = 0; i + 3 < r.length; i += 2) {
    a += r[i] * r[i + 3] - r[i + 2] * r[i + 1];
  }
  return a / 2;
}
