/**
 * A hit test for any vector source that reads features by extent: the
 * features of the widest search rectangle are read once, then kept where
 * their geometry intersects the rectangle of the layer's own geometry kind
 * (QGIS Server's tolerance differs for points, lines and polygons, and the
 * kind of a mixed layer is known only once read).
 *
 * @module
 */
import { hitsRect, searchRect } from "../geometry/hit_test.ts";
import type { Feature } from "../geometry/types.ts";
import type { FeatureQuery, FeatureSet, HitQuery } from "./source.ts";
import { collectFeatures, oneBatch } from "./source.ts";

const KINDS = ["point", "line", "polygon"] as const;

/**
 * Answers a {@link HitQuery} through a source's extent read.
 *
 * @example
 * ```ts ignore
 * import { hitTestByExtent } from "./hit_test.ts";
 * const hits = await hitTestByExtent((q) => source.features(q), {
 *   point: [2600000, 1200000],
 *   crs: "EPSG:2056",
 *   tolerance: (kind) => (kind === "polygon" ? 1 : 5),
 * });
 * ```
 */
export async function hitTestByExtent(
  features: (query: FeatureQuery) => Promise<FeatureSet>,
  query: HitQuery,
): Promise<FeatureSet> {
  const [x, y] = query.point;
  const widest = Math.max(...KINDS.map((k) => query.tolerance(k)));
  const set = await features({
    bbox: searchRect(x, y, widest),
    crs: query.crs,
    filter: query.filter,
  });
  const rect = searchRect(x, y, query.tolerance(set.geometryKind));
  const hits: Feature[] = [];
  for (const f of await collectFeatures(set)) {
    if (f.geometry && hitsRect(f.geometry, rect)) hits.push(f);
  }
  return { ...set, batches: oneBatch(hits) };
}
