/**
 * The merged feature renderer (`QgsMergedFeatureRenderer`,
 * `mergedFeatureRenderer`, QGIS 3.22): features grouped by the symbols
 * the renderer it embeds gives them (in the order their groups first
 * appear), each group's polygons or lines unioned with GEOS
 * (`QgsGeometry::unaryUnion`, lines then merged, `mergeLines`) into one
 * feature with the group's first feature's attributes, which that
 * renderer then draws: outlines, dashes and markers run on across the
 * pieces' joins.
 *
 * @module
 */
import type { Feature, Geometry } from "../geometry/types.ts";
import type { Symbol } from "../style/model.ts";
import { checkGeosInput, geosLoaded, withGeos } from "../geos/geos.ts";

type Fn = (...args: number[]) => number;

/**
 * The merged features of a layer (map coordinates), or the features as
 * they are, with a warning, where GEOS is not loaded or a group is over
 * its bounds.
 *
 * @example
 * ```ts ignore
 * import { mergedFeatures } from "./merged_features.ts";
 * mergedFeatures(pick, features, console.warn); // one feature per group
 * ```
 */
export function mergedFeatures(
  pick: (f: Feature) => Symbol[],
  features: Feature[],
  warn: (message: string) => void,
): Feature[] {
  if (!geosLoaded()) {
    warn(
      "merged feature renderer: GEOS is not loaded; features drawn unmerged",
    );
    return features;
  }
  const ids = new Map<Symbol, number>();
  const groups = new Map<
    string,
    { f: Feature; kind: "line" | "polygon" | null; parts: Float64Array[][] }
  >();
  for (const f of features) {
    const symbols = pick(f);
    if (symbols.length === 0) continue;
    const key = symbolsKey(ids, symbols);
    let group = groups.get(key);
    if (!group) groups.set(key, group = { f, kind: null, parts: [] });
    const g = f.geometry;
    // QgsMergedFeatureRenderer::renderFeature keeps polygons and lines
    if (!g || g.kind === "point") continue;
    group.kind ??= g.kind;
    if (g.kind === group.kind) group.parts.push(...g.parts);
  }
  const out: Feature[] = [];
  for (const { f, kind, parts } of groups.values()) {
    if (!kind || parts.length === 0) continue;
    const geometry = union({ kind, parts }, warn);
    if (!geometry) continue;
    out.push({ id: f.id, attributes: f.attributes, geometry });
  }
  return out;
}

/**
 * The key of a feature's group of symbols, as QGIS's merged and inverted
 * renderers key them (the symbols' identities, in order; `ids` numbers the
 * symbols met so far).
 *
 * @example
 * ```ts ignore
 * import { symbolsKey } from "./merged_features.ts";
 * const ids = new Map();
 * symbolsKey(ids, [road, casing]); // "0,1"
 * ```
 */
export function symbolsKey(
  ids: Map<Symbol, number>,
  symbols: Symbol[],
): string {
  return symbols.map((s) => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, id = ids.size);
    return id;
  }).join(",");
}

// GEOSUnaryUnion of the group's parts, lines merged; the parts as they are
// where GEOS cannot (over its bounds, an error)
function union(g: Geometry, warn: (message: string) => void): Geometry | null {
  try {
    checkGeosInput("merged feature renderer", g);
    return withGeos((s) => {
      const fn = (name: string) => s.api[name] as Fn;
      let out = s.own(
        s.check(fn("GEOSUnaryUnion")(s.geometry(g)), "a union of features"),
      );
      // QgsGeometry::mergeLines: a (multi) line merged where pieces meet
      const type = s.api.GEOSGeomTypeId(out);
      if (type === 1 || type === 5) {
        const merged = s.own(fn("GEOSLineMerge")(out));
        if (merged) out = merged;
      }
      const r = s.read(out);
      return r && r.parts.length ? r : null;
    });
  } catch (error) {
    warn(
      `merged feature renderer: features drawn unmerged: ${
        (error as Error).message
      }`,
    );
    return g;
  }
}
