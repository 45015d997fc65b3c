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
import type { Feature, Geometry, Rect } from "../geometry/types.ts";
import { withGdal } from "../gdal/gdal.ts";
import { transformInPlace } from "../gdal/transform.ts";
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
  const candidates = await collectFeatures(set);
  if (set.sourceCrs !== undefined && candidates.length > 0) {
    return {
      ...set,
      batches: oneBatch(
        await hitsInSourceCrs(
          candidates.filter((f) => f.geometry),
          rect,
          query.crs,
          set.sourceCrs,
        ),
      ),
    };
  }
  const hits: Feature[] = [];
  for (const f of candidates) {
    if (f.geometry && hitsRect(f.geometry, rect)) hits.push(f);
  }
  return { ...set, batches: oneBatch(hits) };
}

/**
 * The features (in the map CRS) that intersect the search rectangle as QGIS
 * Server tests it for a layer in another CRS: the rectangle taken to the
 * layer's CRS by its two corners alone (QgsMapSettings'
 * mapToLayerCoordinates of a rectangle, QgsCoordinateTransform::transform:
 * no densified edges, no other corners), the layer's own geometries tested
 * against it (read back to the layer's CRS here). A corner that does not
 * transform: the map-CRS test.
 */
async function hitsInSourceCrs(
  features: Feature[],
  rect: Rect,
  crs: string,
  sourceCrs: string,
): Promise<Feature[]> {
  const corners = new Float64Array([
    rect.xmin,
    rect.ymin,
    rect.xmax,
    rect.ymax,
  ]);
  const copies: Geometry[] = features.map((f) => ({
    kind: f.geometry!.kind,
    parts: f.geometry!.parts.map((part) => part.map((ring) => ring.slice())),
  }));
  const arrays = [corners, ...copies.flatMap((g) => g.parts.flat())];
  const ok = await withGdal((gdal) =>
    transformInPlace(gdal, arrays, crs, sourceCrs)
  );
  if (!ok[0]) return features.filter((f) => hitsRect(f.geometry!, rect));
  const layerRect: Rect = {
    xmin: Math.min(corners[0], corners[2]),
    ymin: Math.min(corners[1], corners[3]),
    xmax: Math.max(corners[0], corners[2]),
    ymax: Math.max(corners[1], corners[3]),
  };
  return features.filter((f, i) =>
    hitsRect(copies[i], layerRect) ||
    // a geometry that does not go back: tested where it is
    (copies[i].parts.some((p) => p.some((r) => r.some((c) => !isFinite(c)))) &&
      hitsRect(f.geometry!, rect))
  );
}
