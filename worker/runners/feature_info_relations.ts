/**
 * The items of value relation widgets, as QgsValueRelationFieldFormatter
 * reads them for QGIS Server's feature info: the layer the widget's
 * configuration names (`Layer` id, else `LayerName`) among the job's
 * layers, else its `LayerSource` (an OGR or delimited text source, beside
 * the project as the job's own layers), read whole; key and value fields
 * by name, the `FilterExpression` applied when the expression engine reads
 * it, items sorted by key (by value with `OrderByValue`). The source is opened as a
 * job layer's is: inside the data root only. What cannot be read leaves the
 * widget without items, as QGIS without the layer (values shown as
 * `(value)`).
 *
 * @module
 */
import type { QslJobLayer } from "@qgis-server-light/interface";
import type { AttributeValue } from "../geometry/types.ts";
import { openVectorSource } from "../sources/mod.ts";
import { evaluate, isTruthy, parseExpression } from "../expression/mod.ts";
import type { Element } from "@xmldom/xmldom";
import type { InfoField, RelationTarget } from "./feature_info_fields.ts";
import { styleDocument } from "../style/document.ts";
import type { RunnerContext } from "./types.ts";

/** Items read in one job, by the widget's configuration. */
export type ValueRelationCache = Map<
  string,
  Promise<[AttributeValue, string][]>
>;

/** Referenced layers read in one job, by layer and field. */
export type ReferenceCache = Map<string, Promise<RelationTarget | null>>;

/**
 * A job layer for an OGR or delimited text source as the project writes it
 * (`path|layername=…|layerid=…`, `file:./a.csv?type=csv&…`, the path
 * relative to the project, beside the job's own layers), or null for
 * another provider.
 */
function sourceLayer(
  uri: string,
  providerKey: string,
  id: string,
  name: string,
  owner: QslJobLayer,
): QslJobLayer | null {
  const provider = (providerKey || "ogr").toLowerCase();
  if (!uri || (provider !== "ogr" && provider !== "delimitedtext")) {
    return null;
  }
  const layer = (path: string, source: Record<string, unknown>) =>
    ({
      id,
      name: name || path,
      driver: provider,
      remote: false,
      folder_name: owner.folder_name ?? null,
      source: JSON.stringify({ path, ...source }),
    }) as QslJobLayer;
  if (provider === "delimitedtext") {
    // the worker's delimited text source reads the URI's query itself
    return layer(
      uri.replace(/^file:(\/\/)?/i, "").replace(/^(\.\/)+/, ""),
      {},
    );
  }
  const [path, ...parts] = uri.split("|");
  let layerName: string | null = null;
  let layerId: string | null = null;
  for (const part of parts) {
    const eq = part.indexOf("=");
    const key = part.slice(0, eq).toLowerCase();
    if (key === "layername") layerName = part.slice(eq + 1);
    else if (key === "layerid") layerId = part.slice(eq + 1);
  }
  return layer(path.replace(/^(\.\/)+/, ""), {
    layer_name: layerName,
    layer_id: layerId,
  });
}

/** The job layer a value relation reads, or null. */
function valueLayer(
  options: Record<string, string>,
  layers: QslJobLayer[],
  owner: QslJobLayer,
): QslJobLayer | null {
  const byId = options.Layer
    ? layers.find((l) => l.id === options.Layer)
    : null;
  if (byId) return byId;
  const byName = options.LayerName
    ? layers.find((l) => l.name === options.LayerName)
    : null;
  if (byName) return byName;
  const uri = options.LayerSource ?? "";
  return sourceLayer(
    uri,
    options.LayerProviderName ?? "",
    options.Layer || `value_relation:${uri}`,
    options.LayerName ?? "",
    owner,
  );
}

function lessThan(a: AttributeValue, b: AttributeValue): number {
  if (a === null || a === undefined) {
    return b === null || b === undefined ? 0 : -1;
  }
  if (b === null || b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a), y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

async function readItems(
  options: Record<string, string>,
  layer: QslJobLayer,
  ctx: RunnerContext,
): Promise<[AttributeValue, string][]> {
  try {
    const source = openVectorSource(layer, ctx, "read value relation");
    const page = await source.page({ startIndex: 0, count: null });
    let keep: ((a: Record<string, AttributeValue>) => boolean) | null = null;
    const filter = (options.FilterExpression ?? "").trim();
    // a filter on the form's values (current_value, @current_geometry …)
    // is skipped without a form, as QGIS Server skips it
    if (
      filter && !/current_(value|geometry|feature)|current_parent/i.test(filter)
    ) {
      try {
        const expr = parseExpression(filter);
        keep = (attributes) =>
          isTruthy(
            evaluate(expr, { feature: { id: 0, attributes, geometry: null } }),
          );
      } catch {
        keep = null; // an expression the engine does not read: unfiltered
      }
    }
    const items: [AttributeValue, string][] = [];
    for (const f of page.features) {
      if (keep && !keep(f.attributes)) continue;
      const key = f.attributes[options.Key] ?? null;
      const value = f.attributes[options.Value] ?? null;
      items.push([key, value === null ? "" : String(value)]);
    }
    const byValue = /^(true|1)$/i.test(options.OrderByValue ?? "");
    items.sort((a, b) => byValue ? lessThan(a[1], b[1]) : lessThan(a[0], b[0]));
    return items;
  } catch (error) {
    // every job on the layer would repeat it: a debug line, not a warning
    ctx.logger?.log(
      "debug",
      `Cannot read the value relation of layer '${layer.name}': ${
        (error as Error).message
      }`,
    );
    return [];
  }
}

/**
 * Reads the items of the value relation widgets among `fields` (once per
 * configuration in a job) into their `valueRelation`.
 *
 * @example
 * ```ts ignore
 * import { resolveValueRelations } from "./feature_info_relations.ts";
 * await resolveValueRelations(fields, job.layers, layer, ctx, new Map());
 * fields[0].valueRelation; // [[1, "Piemonte"], …]
 * ```
 */
export async function resolveValueRelations(
  fields: InfoField[],
  layers: QslJobLayer[],
  owner: QslJobLayer,
  ctx: RunnerContext,
  cache: ValueRelationCache,
): Promise<void> {
  for (const field of fields) {
    if (field.widget !== "ValueRelation") continue;
    const options = field.config.options;
    const layer = valueLayer(options, layers, owner);
    if (!layer) {
      field.valueRelation = [];
      continue;
    }
    const key = JSON.stringify([layer.id, layer.source, options]);
    let items = cache.get(key);
    if (!items) {
      items = readItems(options, layer, ctx);
      cache.set(key, items);
    }
    field.valueRelation = await items;
  }
}

function childElements(el: Element | null, tag: string): Element[] {
  const out: Element[] = [];
  for (let n = el?.firstChild ?? null; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).tagName === tag) {
      out.push(n as Element);
    }
  }
  return out;
}

/** The referenced field of a one-field relation from `field`, or null. */
function relationPair(
  relation: Element,
  field: string,
): string | null {
  // <fieldRef referencingField referencedField> (3.x), <fieldPair
  // referencing referenced> (older styles)
  const pairs = [
    ...childElements(relation, "fieldRef").map((p) => [
      p.getAttribute("referencingField"),
      p.getAttribute("referencedField"),
    ]),
    ...childElements(relation, "fieldPair").map((p) => [
      p.getAttribute("referencing"),
      p.getAttribute("referenced"),
    ]),
  ];
  return pairs.length === 1 && pairs[0][0] === field ? pairs[0][1] : null;
}

async function readTarget(
  layer: QslJobLayer,
  referenced: string,
  ctx: RunnerContext,
  display: string | null,
): Promise<RelationTarget | null> {
  try {
    const root = layer.style?.definition
      ? styleDocument(
        layer.name,
        layer.style.definition,
        ctx.limits.maxStyleBytes,
      )
      : null;
    const text = display ??
      childElements(root, "previewExpression")[0]?.textContent ?? "";
    let expression = null;
    try {
      expression = text.trim() ? parseExpression(text) : null;
    } catch {
      expression = null; // the referenced field's value, as on an error
    }
    const source = openVectorSource(layer, ctx, "read relation reference");
    const page = await source.page({ startIndex: 0, count: null });
    return {
      field: referenced,
      rows: page.features.map((f) => f.attributes),
      expression,
    };
  } catch (error) {
    ctx.logger?.log(
      "debug",
      `Cannot read the referenced layer '${layer.name}': ${
        (error as Error).message
      }`,
    );
    return null;
  }
}

/**
 * Reads what the relation reference widgets among `fields` show, for those
 * whose relation (the owner's style's `<referencedLayers>`) references one
 * of the job's layers, or a layer the job does not carry by the relation's
 * OGR `dataSource` and the display expression our exporter adds to it
 * (`previewExpression`): its features and display expression, into their
 * `relationReference`. Others keep their values, as QGIS without the
 * relation.
 *
 * @example
 * ```ts ignore
 * import { resolveRelationReferences } from "./feature_info_relations.ts";
 * await resolveRelationReferences(fields, root, job.layers, ctx, new Map(), layer);
 * ```
 */
export async function resolveRelationReferences(
  fields: InfoField[],
  root: Element | null,
  layers: QslJobLayer[],
  ctx: RunnerContext,
  cache: ReferenceCache,
  owner: QslJobLayer,
): Promise<void> {
  const relations = childElements(
    childElements(root, "referencedLayers")[0] ?? null,
    "relation",
  );
  for (const field of fields) {
    if (field.widget !== "RelationReference") continue;
    const relation = relations.find((r) =>
      r.getAttribute("id") === field.config.options.Relation
    );
    if (!relation) continue;
    const referenced = relationPair(relation, field.name);
    const layerId = relation.getAttribute("referencedLayer") ||
      relation.getAttribute("layerId");
    const inJob = layers.find((l) => l.id === layerId);
    const layer = inJob ?? sourceLayer(
      relation.getAttribute("dataSource") ?? "",
      relation.getAttribute("providerKey") ?? "",
      layerId ?? "",
      relation.getAttribute("layerName") ?? "",
      owner,
    );
    if (!referenced || !layer) continue;
    // a layer outside the job shows the expression the exporter added
    const display = inJob
      ? null
      : relation.getAttribute("previewExpression") ?? "";
    const key = JSON.stringify([layer.id, referenced, display]);
    let target = cache.get(key);
    if (!target) {
      target = readTarget(layer, referenced, ctx, display);
      cache.set(key, target);
    }
    field.relationReference = (await target) ?? undefined;
  }
}
