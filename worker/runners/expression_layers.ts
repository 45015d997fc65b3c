/**
 * The job's layers as expressions read them (`get_feature`,
 * `get_feature_by_id`, `aggregate`, `overlay_intersects` …): the layers a style names in such a
 * call are read in full before anything is drawn, so that evaluation stays
 * synchronous; a layer the job does not carry is NULL and one warning.
 *
 * @module
 */
import type { Element, Node } from "@xmldom/xmldom";
import type { Feature } from "../geometry/types.ts";
import { parseWkb } from "../geometry/wkb.ts";
import type { LayerLookup, LookupLayer } from "../expression/mod.ts";
import { openSource, type SourceLayer } from "../sources/mod.ts";
import type { RunnerContext } from "./types.ts";
import { GEOS_FUNCTIONS } from "../expression/fn_geos.ts";
import { geosLoaded, loadGeos } from "../geos/geos.ts";

/**
 * Most features of one layer read for expressions: a bigger layer is not
 * read (its calls are NULL, with a warning), so that one expression cannot
 * make a job hold a whole large table.
 */
export const MAX_LOOKUP_FEATURES = 50_000;

/**
 * Most features of all the layers one job reads for expressions together
 * (a job may carry 100 layers): a layer that would pass it is not read.
 */
export const MAX_LOOKUP_FEATURES_PER_JOB = 200_000;

const CALLS =
  /\b(?:get_feature|get_feature_by_id|aggregate|overlay_(?:intersects|within|contains|disjoint|touches|crosses|equals|nearest))\s*\(/i;
// the aggregates of the feature's own layer (sum("pop", group_by:=…))
const OWN =
  /\b(?:count|count_distinct|count_missing|minimum|maximum|sum|mean|median|stdev|range|minority|majority|q1|q3|iqr|min_length|max_length|collect|concatenate|concatenate_unique|array_agg)\s*\(/i;
const QUOTED = /'((?:[^']|'')*)'/g;

/** What a style's expressions read of other layers. */
interface Reads {
  /** Quoted texts of the calls (their layer arguments among them). */
  names: Set<string>;
  /** Whether they read the layer itself (`sum("pop")`, `@layer`). */
  own: boolean;
}

// by style document, which the style cache keeps across jobs; null when
// no expression of the style reads a layer
const named = new WeakMap<Element, Reads | null>();

// what is drawn or answered reads its expressions from attributes (rule
// filters, data-defined properties, labels, virtual fields); texts hold
// map tips, previews and metadata, and a field alias such as
// 'Count (2020)' is no call
function eachExpressionText(root: Element, look: (text: string) => void) {
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    if (element.tagName !== "alias") {
      const attributes = element.attributes;
      for (let i = 0; i < attributes.length; i++) look(attributes[i].value);
    }
    for (let c = node.firstChild; c; c = c.nextSibling) stack.push(c);
  }
}

function namedLayers(root: Element): Reads | null {
  if (named.has(root)) return named.get(root)!;
  let out: Reads | null = null;
  eachExpressionText(root, (text) => {
    if (!text) return;
    const calls = CALLS.test(text), own = OWN.test(text);
    if (!calls && !own) return;
    out ??= { names: new Set(), own: false };
    if (own || text.includes("@layer")) out.own = true;
    if (!calls) return;
    for (const m of text.matchAll(QUOTED)) {
      out.names.add(m[1].replaceAll("''", "'"));
    }
  });
  named.set(root, out);
  return out;
}

// by style document: whether an expression of it names a function GEOS
// evaluates
const geosNamed = new WeakMap<Element, boolean>();

function namesGeos(root: Element): boolean {
  let found = geosNamed.get(root);
  if (found === undefined) {
    found = false;
    eachExpressionText(root, (text) => {
      if (!found && GEOS_FUNCTIONS.test(text)) found = true;
    });
    geosNamed.set(root, found);
  }
  return found;
}

/**
 * Loads GEOS when an expression of the styles names a function evaluated
 * with it (`buffer`, `intersection`, `touches` …), so that evaluation
 * stays synchronous; a job that names none leaves it unloaded.
 *
 * @example
 * ```ts ignore
 * await loadGeosFor(roots, warn);
 * ```
 */
export async function loadGeosFor(
  roots: readonly (Element | null)[],
  warn: (message: string) => void,
): Promise<void> {
  if (geosLoaded() || !roots.some((root) => root && namesGeos(root))) return;
  await loadGeos().catch((e) => warn((e as Error).message));
}

/**
 * Reads the job's layers that its styles' expressions name in
 * `get_feature`, `get_feature_by_id`, `aggregate` or `overlay_*`, and those whose own
 * style aggregates them (`maximum("pop")`) (features in `crs`, as the
 * map's), and answers for any layer name or id: a layer the job does
 * not carry, could not read or had to leave out is `undefined` and one
 * warning. Null when no style calls them. At most `maxFeatures` features
 * of all these layers together are held; a layer that would pass it is
 * left out.
 *
 * @example
 * ```ts ignore
 * const lookup = await jobLayerLookup(job.layers, roots, map.crs, ctx, warn);
 * const variables = lookup ? withLayerLookup(mapVariables(map), lookup) : mapVariables(map);
 * ```
 */
export async function jobLayerLookup(
  layers: readonly SourceLayer[],
  roots: readonly (Element | null)[],
  crs: string,
  ctx: RunnerContext,
  warn: (message: string) => void,
  maxFeatures: number = MAX_LOOKUP_FEATURES_PER_JOB,
): Promise<LayerLookup | null> {
  await loadGeosFor(roots, warn);
  const names = new Set<string>();
  const own = new Set<SourceLayer>();
  let calls = false;
  for (const [k, root] of roots.entries()) {
    const found = root ? namedLayers(root) : null;
    if (!found) continue;
    calls = true;
    for (const n of found.names) names.add(n);
    if (found.own) own.add(layers[k]);
  }
  if (!calls) return null;
  const read = new Map<SourceLayer, LookupLayer | undefined>();
  let left = maxFeatures;
  for (const layer of layers) {
    const wanted = own.has(layer) || names.has(layer.id) ||
      names.has(layer.name);
    if (read.has(layer) || !wanted) continue;
    const got = await readLayer(layer, crs, ctx, warn, left, maxFeatures);
    left -= got?.features.length ?? 0;
    read.set(layer, got);
  }
  return {
    has(idOrName: string): boolean {
      return layers.some((l) => l.id === idOrName || l.name === idOrName);
    },
    layer(idOrName: string): LookupLayer | undefined {
      // QgsExpressionUtils::getVectorLayer: by id, then by name
      const layer = layers.find((l) => l.id === idOrName) ??
        layers.find((l) => l.name === idOrName);
      if (!layer) {
        warn(
          `expressions: layer '${idOrName}' is not one of the job's layers; what reads it is NULL`,
        );
        return undefined;
      }
      if (!read.has(layer)) {
        warn(
          `expressions: layer '${layer.name}' is read by an expression that names it in a way not read beforehand; what reads it is NULL`,
        );
        read.set(layer, undefined);
      }
      return read.get(layer);
    },
  };
}

async function readLayer(
  layer: SourceLayer,
  crs: string,
  ctx: RunnerContext,
  warn: (message: string) => void,
  left: number,
  total: number,
): Promise<LookupLayer | undefined> {
  try {
    const source = openSource(layer, ctx);
    if (source.kind !== "vector" || source.drawMap) {
      warn(
        `expressions: layer '${layer.name}' is not a vector layer; what reads it is NULL`,
      );
      return undefined;
    }
    const most = Math.min(MAX_LOOKUP_FEATURES, left);
    const page = await source.page({ startIndex: 0, count: most + 1, crs });
    if (page.features.length > most) {
      warn(
        most === MAX_LOOKUP_FEATURES
          ? `expressions: layer '${layer.name}' has more than ${MAX_LOOKUP_FEATURES} features; what reads it is NULL`
          : `expressions: layer '${layer.name}' would take the features read for the job's expressions past ${total}; what reads it is NULL`,
      );
      return undefined;
    }
    const features: Feature[] = page.features.map((f) => ({
      id: f.id,
      attributes: f.attributes,
      geometry: f.wkb ? parseWkb(f.wkb) : null,
    }));
    return { features, fields: page.fields.map((f) => f.name) };
  } catch (error) {
    warn(
      `expressions: cannot read layer '${layer.name}': ${
        (error as Error).message
      }; what reads it is NULL`,
    );
    return undefined;
  }
}
