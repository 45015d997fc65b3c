/**
 * Functions that read other layers through the context's
 * {@link LayerLookup}: `get_feature`, `get_feature_by_id` and `aggregate`,
 * as QGIS 3.22 evaluates them (qgsexpressionfunction.cpp, with
 * QgsAggregateCalculator and QgsStatisticalSummary's statistics). Without a
 * lookup, or for a layer it does not have, they are NULL.
 *
 * @module
 */
import type { Feature, Geometry } from "../geometry/types.ts";
import type { Expression } from "./ast.ts";
import { chargeExpressionWork, LOOP_STEP_COST } from "./budget.ts";
import { ExpressionEvalError, ExpressionUnsupportedError } from "./errors.ts";
import { evaluate } from "./evaluate.ts";
import { geosEquals } from "./fn_geos.ts";
import { expressionToString } from "./format.ts";
import { layerLookupOf, type LookupLayer } from "./layers.ts";
import {
  def,
  type ExpressionContext,
  lazy,
  lookupFunction,
} from "./registry.ts";
import {
  compareValues,
  isGeometry,
  isNumberLike,
  isTruthy,
  toNumber,
  toText,
} from "./values.ts";

function layerOf(v: unknown, ctx: ExpressionContext): LookupLayer | undefined {
  return layerLookupOf(ctx)?.layer(toText(v));
}

// QgsFields::lookupField: the exact name, else the name in any case
function fieldOf(layer: LookupLayer, name: string): string | undefined {
  if (layer.fields.includes(name)) return name;
  const lower = name.toLowerCase();
  return layer.fields.find((f) => f.toLowerCase() === lower);
}

// get_feature asks for `"field" = 'value as text'`: a number-like value
// and a number-like text compare as numbers, anything else as texts
// (compareValues); the index keys say which.
const keyOf = (v: unknown): string | null =>
  v === null || v === undefined || v instanceof Date
    ? null
    : isNumberLike(v)
    ? `n${toNumber(v)}`
    : `s${toText(v)}`;

interface FieldIndex {
  byKey: Map<string, Feature>;
  // features whose value has no key (dates): compared one by one
  others: Feature[];
}
const indexes = new WeakMap<LookupLayer, Map<string, FieldIndex>>();
const byId = new WeakMap<LookupLayer, Map<number, Feature>>();

function fieldIndex(layer: LookupLayer, field: string): FieldIndex {
  let fields = indexes.get(layer);
  if (!fields) indexes.set(layer, fields = new Map());
  let index = fields.get(field);
  if (!index) {
    chargeExpressionWork(layer.features.length);
    index = { byKey: new Map(), others: [] };
    for (const f of layer.features) {
      const v = f.attributes[field];
      const key = keyOf(v);
      if (key !== null) {
        if (!index.byKey.has(key)) index.byKey.set(key, f);
      } else if (v instanceof Date) index.others.push(f);
    }
    fields.set(field, index);
  }
  return index;
}

def("get_feature", 3, 3, ([layerArg, attribute, value], ctx) => {
  const layer = layerOf(layerArg, ctx);
  if (!layer) return null;
  const field = fieldOf(layer, toText(attribute));
  if (field === undefined) return null;
  const text = toText(value);
  const index = fieldIndex(layer, field);
  const hit = index.byKey.get(keyOf(text)!);
  if (!index.others.length) return hit ?? null;
  // the first in the layer's order among the keyed hit and the dates
  for (const f of layer.features) {
    if (f === hit) return f;
    const v = f.attributes[field];
    if (v instanceof Date && compareValues(v, text) === 0) return f;
  }
  return null;
});

def("get_feature_by_id", 2, 2, ([layerArg, id], ctx) => {
  const layer = layerOf(layerArg, ctx);
  if (!layer) return null;
  let ids = byId.get(layer);
  if (!ids) {
    chargeExpressionWork(layer.features.length);
    ids = new Map();
    for (const f of layer.features) if (!ids.has(f.id)) ids.set(f.id, f);
    byId.set(layer, ids);
  }
  return ids.get(Math.round(toNumber(id))) ?? null;
});

// --- aggregate ------------------------------------------------------------------

/** QgsAggregateCalculator's aggregate names. */
const AGGREGATES = new Set([
  "count",
  "count_distinct",
  "count_missing",
  "min",
  "max",
  "sum",
  "mean",
  "median",
  "stdev",
  "stdevsample",
  "range",
  "minority",
  "majority",
  "q1",
  "q3",
  "iqr",
  "min_length",
  "max_length",
  "concatenate",
  "concatenate_unique",
  "collect",
  "array_agg",
]);

const median = (sorted: number[]): number => {
  const n = sorted.length, h = n >> 1;
  return n % 2 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
};

// QgsStatisticalSummary's quartiles: the medians of the lower and upper
// halves, each half taking the middle value when the count is odd
function quartiles(sorted: number[]): [number, number] {
  const n = sorted.length, half = Math.ceil(n / 2);
  return [median(sorted.slice(0, half)), median(sorted.slice(n - half))];
}

// minority / majority: the least / most frequent value, the smallest of
// equally frequent ones (QMap's order)
function byFrequency(values: unknown[], most: boolean): unknown {
  const counts = new Map<unknown, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: unknown = null, bestCount = 0;
  for (const [v, c] of counts) {
    if (
      best === null || (most ? c > bestCount : c < bestCount) ||
      (c === bestCount && compareValues(v, best) < 0)
    ) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

function unsupported(aggregate: string, type: string): never {
  throw new ExpressionEvalError(
    `Cannot calculate aggregate: ${aggregate} is not supported for ${type} values`,
  );
}

function numeric(aggregate: string, values: unknown[]): unknown {
  const xs = values.filter((v) => v !== null).map(toNumber);
  const n = xs.length;
  switch (aggregate) {
    case "count":
      return n;
    case "count_missing":
      return values.length - n;
    case "count_distinct":
      return new Set(xs).size;
    case "sum":
      return xs.reduce((a, b) => a + b, 0);
    case "minority":
    case "majority":
      return n ? byFrequency(xs, aggregate === "majority") : null;
  }
  if (!n) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  switch (aggregate) {
    case "min":
      return sorted[0];
    case "max":
      return sorted[n - 1];
    case "range":
      return sorted[n - 1] - sorted[0];
    case "mean":
      return mean;
    case "median":
      return median(sorted);
    case "stdev":
    case "stdevsample": {
      const ss = xs.reduce((a, x) => a + (x - mean) ** 2, 0);
      return Math.sqrt(ss / (aggregate === "stdev" ? n : n - 1));
    }
    case "q1":
      return quartiles(sorted)[0];
    case "q3":
      return quartiles(sorted)[1];
    case "iqr": {
      const [q1, q3] = quartiles(sorted);
      return q3 - q1;
    }
  }
  return unsupported(aggregate, "numeric");
}

function textual(aggregate: string, values: unknown[]): unknown {
  const xs = values.filter((v) => v !== null).map(toText);
  switch (aggregate) {
    case "count":
      return xs.length;
    case "count_missing":
      return values.length - xs.length;
    case "count_distinct":
      return new Set(xs).size;
  }
  if (!xs.length) return null;
  switch (aggregate) {
    case "min":
      return xs.reduce((a, b) => b < a ? b : a);
    case "max":
      return xs.reduce((a, b) => b > a ? b : a);
    // reduced, not spread into Math.min: a layer's 200,000 values as
    // arguments overflow the stack
    case "min_length":
      return xs.reduce((a, s) => Math.min(a, s.length), Infinity);
    case "max_length":
      return xs.reduce((a, s) => Math.max(a, s.length), -Infinity);
    case "minority":
    case "majority":
      return byFrequency(xs, aggregate === "majority");
  }
  return unsupported(aggregate, "text");
}

function calculate(
  aggregate: string,
  values: unknown[],
  concatenator: string,
): unknown {
  switch (aggregate) {
    case "array_agg":
      return values;
    case "collect": {
      const parts = values.filter(isGeometry) as Geometry[];
      return parts.length
        ? lookupFunction("collect_geometries")!.fn!([parts], {})
        : null;
    }
  }
  const first = values.find((v) => v !== null);
  if (typeof first === "string") {
    if (aggregate === "concatenate" || aggregate === "concatenate_unique") {
      const xs = values.filter((v) => v !== null).map(toText);
      return (aggregate === "concatenate" ? xs : [...new Set(xs)]).join(
        concatenator,
      );
    }
    return textual(aggregate, values);
  }
  if (first === undefined) {
    // no value at all: what a numeric or text layer field gives alike
    if (aggregate.startsWith("concatenate")) return null;
    return numeric(aggregate, values);
  }
  if (typeof first === "number" || typeof first === "boolean") {
    return numeric(aggregate, values);
  }
  if (first instanceof Date) {
    const xs = values.filter((v): v is Date => v instanceof Date)
      .sort((a, b) => a.getTime() - b.getTime());
    if (aggregate === "min") return xs[0];
    if (aggregate === "max") return xs[xs.length - 1];
    if (aggregate === "count") return xs.length;
    if (aggregate === "count_missing") return values.length - xs.length;
    return unsupported(aggregate, "date");
  }
  return unsupported(aggregate, "these");
}

const isNullLiteral = (e: Expression | undefined): boolean =>
  !e || (e.type === "literal" && e.value === null);

// What makes a result depend on more than the layer and the arguments'
// texts: variables (@parent among them) and functions of the moment.
const IMPURE = new Set([
  "rand",
  "randf",
  "uuid",
  "$uuid",
  "now",
  "$now",
  "eval",
  "eval_template",
  "$currentfeature",
  "$scale",
  "with_variable",
  "env",
  "var",
]);
function pure(e: Expression | null | undefined): boolean {
  if (!e) return true;
  switch (e.type) {
    case "variable":
      return false;
    case "function":
      return !IMPURE.has(e.name.toLowerCase()) && e.args.every(pure);
    case "unary":
      return pure(e.operand);
    case "binary":
      return pure(e.left) && pure(e.right);
    case "in":
      return pure(e.operand) && e.list.every(pure);
    case "between":
      return pure(e.operand) && pure(e.low) && pure(e.high);
    case "case":
      return e.whens.every((w) => pure(w.when) && pure(w.then)) &&
        pure(e.else);
    case "index":
      return pure(e.target) && pure(e.index);
    default:
      return true;
  }
}

/** An aggregate over a layer, as QgsAggregateCalculator computes it. */
interface AggregateRequest {
  layer: LookupLayer;
  aggregate: string;
  expression: Expression;
  filter: Expression | null;
  // group_by: the features whose value of it equals the caller's
  groupBy: { expression: Expression; value: unknown } | null;
  concatenator: string;
  orderBy: Expression | null;
}

// QGIS keeps an aggregate's result for the job (the context's cache) when
// it cannot depend on the calling feature: a layer's maximum("pop") is
// computed once, not once per feature.
const results = new WeakMap<LookupLayer, Map<string, unknown>>();

function aggregateOf(r: AggregateRequest, ctx: ExpressionContext): unknown {
  const cacheable = pure(r.expression) && pure(r.filter) &&
    pure(r.orderBy) && pure(r.groupBy?.expression);
  let key = "";
  let cache: Map<string, unknown> | undefined;
  if (cacheable) {
    key = JSON.stringify([
      r.aggregate,
      expressionToString(r.expression),
      r.filter ? expressionToString(r.filter) : null,
      r.groupBy ? expressionToString(r.groupBy.expression) : null,
      r.groupBy ? keyOf(r.groupBy.value) ?? String(r.groupBy.value) : null,
      r.concatenator,
      r.orderBy ? expressionToString(r.orderBy) : null,
    ]);
    cache = results.get(r.layer);
    if (!cache) results.set(r.layer, cache = new Map());
    if (cache.has(key)) {
      const hit = cache.get(key);
      return Array.isArray(hit) ? [...hit] : hit;
    }
  }
  // an expression evaluated on each feature, as array_foreach on each element
  chargeExpressionWork(r.layer.features.length * LOOP_STEP_COST);
  // QGIS evaluates them on each feature of the layer, the calling feature
  // as @parent
  const variables = { ...ctx.variables, parent: ctx.feature ?? null };
  let rows: { feature: Feature; key?: unknown }[] = [];
  for (const feature of r.layer.features) {
    const sub = { ...ctx, feature, geometry: feature.geometry, variables };
    if (r.filter && !isTruthy(evaluate(r.filter, sub))) continue;
    if (r.groupBy) {
      const v = evaluate(r.groupBy.expression, sub);
      const want = r.groupBy.value;
      if (want === null ? v !== null : v === null || compareValues(v, want)) {
        continue;
      }
    }
    rows.push({
      feature,
      key: r.orderBy ? evaluate(r.orderBy, sub) : undefined,
    });
  }
  if (r.orderBy) {
    // ascending, NULLs last (QgsFeatureRequest::OrderByClause's defaults)
    rows = rows.sort((a, b) =>
      a.key === null
        ? (b.key === null ? 0 : 1)
        : b.key === null
        ? -1
        : compareValues(a.key, b.key)
    );
  }
  const values = rows.map(({ feature }) =>
    evaluate(r.expression, {
      ...ctx,
      feature,
      geometry: feature.geometry,
      variables,
    })
  );
  const out = calculate(r.aggregate, values, r.concatenator);
  if (cache) cache.set(key, Array.isArray(out) ? [...out] : out);
  return out;
}

function noLayer(name: unknown): never {
  throw new ExpressionEvalError(
    `Cannot find layer with name or ID '${toText(name ?? "")}'`,
  );
}

lazy("aggregate", 3, 6, (args, ev, ctx) => {
  const layerArg = ev(args[0]);
  const layer = layerArg === null ? undefined : layerOf(layerArg, ctx);
  if (!layer) noLayer(layerArg);
  const aggregate = toText(ev(args[1]) ?? "").trim().toLowerCase();
  if (!AGGREGATES.has(aggregate)) {
    throw new ExpressionEvalError(`No such aggregate '${aggregate}'`);
  }
  return aggregateOf({
    layer,
    aggregate,
    expression: args[2],
    filter: isNullLiteral(args[3]) ? null : args[3],
    groupBy: null,
    concatenator: args[4] ? toText(ev(args[4]) ?? "") : "",
    orderBy: isNullLiteral(args[5]) ? null : args[5],
  }, ctx);
});

// The shortcuts over the calling feature's own layer (@layer): expression,
// group_by, filter, then concatenator and order_by where they have them.
// QGIS's stdev here is the sample's.
const SHORTCUTS: [string, string, number][] = [
  ["count", "count", 3],
  ["count_distinct", "count_distinct", 3],
  ["count_missing", "count_missing", 3],
  ["minimum", "min", 3],
  ["maximum", "max", 3],
  ["sum", "sum", 3],
  ["mean", "mean", 3],
  ["median", "median", 3],
  ["stdev", "stdevsample", 3],
  ["range", "range", 3],
  ["minority", "minority", 3],
  ["majority", "majority", 3],
  ["q1", "q1", 3],
  ["q3", "q3", 3],
  ["iqr", "iqr", 3],
  ["min_length", "min_length", 3],
  ["max_length", "max_length", 3],
  ["collect", "collect", 3],
  ["concatenate", "concatenate", 5],
  ["concatenate_unique", "concatenate_unique", 5],
  ["array_agg", "array_agg", 4],
];
for (const [name, aggregate, max] of SHORTCUTS) {
  lazy(name, 1, max, (args, ev, ctx) => {
    const layerArg = ctx.variables?.layer ?? null;
    const layer = layerArg === null ? undefined : layerOf(layerArg, ctx);
    if (!layer) noLayer(layerArg);
    const groupBy = isNullLiteral(args[1]) ? null : args[1];
    return aggregateOf({
      layer,
      aggregate,
      expression: args[0],
      filter: isNullLiteral(args[2]) ? null : args[2],
      groupBy: groupBy ? { expression: groupBy, value: ev(groupBy) } : null,
      concatenator: max === 5 && args[3] ? toText(ev(args[3]) ?? "") : "",
      orderBy: isNullLiteral(args[max === 5 ? 4 : 3]) || max === 3
        ? null
        : args[max === 5 ? 4 : 3],
    }, ctx);
  });
}

// --- overlay_* ------------------------------------------------------------------

type Relation =
  | "intersects"
  | "within"
  | "contains"
  | "disjoint"
  | "touches"
  | "crosses"
  | "equals";

/**
 * What every overlay function reads first: its layer (an evaluation error
 * when the job carries none of that name or id), its expression and filter
 * (NULL literals: none), the calling geometry, and the calling feature when
 * the layer is its own, by id or name (asking the lookup for it would read
 * it).
 */
function overlaySubject(
  args: Expression[],
  ev: (e: Expression) => unknown,
  ctx: ExpressionContext,
): {
  layer: LookupLayer;
  name: string;
  expression: Expression | null;
  filter: Expression | null;
  geometry: Geometry | null;
  self: Feature | undefined;
} {
  const layerArg = ev(args[0]);
  const layer = layerArg === null ? undefined : layerOf(layerArg, ctx);
  if (!layer) noLayer(layerArg);
  const name = toText(layerArg);
  // QGIS's source layer is @layer's (its id or name here): without it
  // (labels' context) the calling feature is no feature of the layer's own
  const source = ctx.variables?.layer;
  const own = source !== undefined && source !== null &&
    (name === source || name === ctx.variables?.layer_name);
  return {
    layer,
    name,
    expression: isNullLiteral(args[1]) ? null : args[1],
    filter: isNullLiteral(args[2]) ? null : args[2],
    geometry: ctx.geometry !== undefined
      ? ctx.geometry
      : ctx.feature?.geometry ?? null,
    self: own ? ctx.feature : undefined,
  };
}

/**
 * An overlay function's answer: without an expression whether any feature
 * was found, else the expression's value on each found feature (in its own
 * context, the calling feature as `@parent`).
 */
function overlayAnswer(
  hits: Feature[],
  expression: Expression | null,
  ctx: ExpressionContext,
  variables: Record<string, unknown>,
): unknown {
  if (!expression) return hits.length > 0;
  return hits.map((feature) =>
    evaluate(expression, {
      ...ctx,
      feature,
      geometry: feature.geometry,
      variables,
    })
  );
}

/**
 * The features of a layer the calling feature's geometry relates to, as
 * QGIS 3.22's overlay functions find them: in the layer's order, the
 * calling feature itself left out when the layer is its own, `filter`
 * evaluated on each; `overlay_disjoint` takes those that do not intersect
 * (the calling feature among them).
 */
function overlay(
  relation: Relation,
): (
  args: Expression[],
  ev: (e: Expression) => unknown,
  ctx: ExpressionContext,
) => unknown {
  return (args, ev, ctx) => {
    const { layer, expression, filter, geometry, self } = overlaySubject(
      args,
      ev,
      ctx,
    );
    const limitValue = args[3] ? ev(args[3]) : -1;
    const limit = limitValue === null ? -1 : Math.trunc(toNumber(limitValue));
    if (!geometry || !geometry.parts.length) return expression ? [] : false;
    // GEOS's Equals has no expression function of its own
    const test = relation === "equals"
      ? ([a, b]: unknown[]) => geosEquals(a as Geometry, b as Geometry)
      : lookupFunction(relation === "disjoint" ? "intersects" : relation)!.fn!;
    chargeExpressionWork(layer.features.length * LOOP_STEP_COST);
    const variables = { ...ctx.variables, parent: ctx.feature ?? null };
    const found: Feature[] = [];
    const kept: Feature[] = [];
    for (const feature of layer.features) {
      const sub = { ...ctx, feature, geometry: feature.geometry, variables };
      if (filter && !isTruthy(evaluate(filter, sub))) continue;
      kept.push(feature);
      if (self && feature.id === self.id) continue;
      if (!feature.geometry || !feature.geometry.parts.length) continue;
      if (test([geometry, feature.geometry], ctx)) found.push(feature);
    }
    if (relation === "disjoint") {
      if (!expression) return found.length === 0;
      const hit = new Set(found);
      return overlayAnswer(
        kept.filter((f) => !hit.has(f)),
        expression,
        ctx,
        variables,
      );
    }
    const hits = limit >= 0 ? found.slice(0, limit) : found;
    return overlayAnswer(hits, expression, ctx, variables);
  };
}
for (
  const relation of [
    "intersects",
    "within",
    "contains",
    "disjoint",
    "touches",
    "crosses",
    "equals",
  ] as const
) {
  lazy(`overlay_${relation}`, 1, 5, overlay(relation));
}

// QgsSpatialIndex::nearestNeighbor's distance from the calling geometry to
// a point feature, as QGIS 3.22 measured it (golden: a point inside the
// calling polygon is as far as the polygon's nearest edge): to the nearest
// segment of a line or polygon, to the nearest point of points
function nearestDistance(g: Geometry, x: number, y: number): number {
  let best = Infinity;
  for (const part of g.parts) {
    for (const c of part) {
      if (g.kind === "point" || c.length < 4) {
        for (let i = 0; i + 1 < c.length; i += 2) {
          best = Math.min(best, Math.hypot(c[i] - x, c[i + 1] - y));
        }
        continue;
      }
      for (let i = 2; i + 1 < c.length; i += 2) {
        const ax = c[i - 2], ay = c[i - 1], dx = c[i] - ax, dy = c[i + 1] - ay;
        const len = dx * dx + dy * dy;
        const t = len
          ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len))
          : 0;
        best = Math.min(best, Math.hypot(ax + t * dx - x, ay + t * dy - y));
      }
    }
  }
  return best;
}

// whether (x, y) is inside a polygon geometry (even-odd over its rings)
function insidePolygon(g: Geometry, x: number, y: number): boolean {
  for (const part of g.parts) {
    let inside = false;
    for (const ring of part) {
      for (let i = 2; i + 1 < ring.length; i += 2) {
        const ax = ring[i - 2],
          ay = ring[i - 1],
          bx = ring[i],
          by = ring[i + 1];
        if (
          (ay > y) !== (by > y) && x < ax + ((y - ay) * (bx - ax)) / (by - ay)
        ) {
          inside = !inside;
        }
      }
    }
    if (inside) return true;
  }
  return false;
}

/**
 * `overlay_nearest(layer, expression, filter, limit := 1, max_distance :=
 * 0)` as QGIS 3.22 answers it over a point layer: the `limit` nearest
 * features that pass `filter` (all for -1), nearest first (ties in the
 * layer's order), less those farther than `max_distance` (0: none left out); over its own layer the calling
 * feature is one of the `limit + 1` taken and left out (so -1 takes none,
 * as in QGIS). A layer of lines or polygons is NULL with a warning (what
 * QGIS's spatial index measures there is not measured here).
 */
lazy("overlay_nearest", 1, 6, (args, ev, ctx) => {
  const { layer, name, expression, filter, geometry, self } = overlaySubject(
    args,
    ev,
    ctx,
  );
  const limitValue = args[3] ? ev(args[3]) : 1;
  const limit = limitValue === null ? 1 : Math.trunc(toNumber(limitValue));
  const maxValue = args[4] ? ev(args[4]) : 0;
  const maxDistance = maxValue === null ? 0 : toNumber(maxValue);
  if (!geometry || !geometry.parts.length) return expression ? [] : false;
  chargeExpressionWork(layer.features.length * LOOP_STEP_COST);
  const variables = { ...ctx.variables, parent: ctx.feature ?? null };
  const near: [number, number, Feature][] = [];
  for (const feature of layer.features) {
    const g = feature.geometry;
    if (!g || !g.parts.length) continue;
    if (g.kind !== "point") {
      throw new ExpressionUnsupportedError(
        `Cannot evaluate overlay_nearest(): layer '${name}' has lines or polygons; only point layers are measured as QGIS measures them; it is NULL`,
      );
    }
    const sub = { ...ctx, feature, geometry: g, variables };
    if (filter && !isTruthy(evaluate(filter, sub))) continue;
    let d = Infinity, inside = false;
    for (const part of g.parts) {
      const [x, y] = part[0];
      d = Math.min(d, nearestDistance(geometry, x, y));
      if (geometry.kind === "polygon" && insidePolygon(geometry, x, y)) {
        inside = true;
      }
    }
    near.push([d, inside ? 0 : d, feature]);
  }
  near.sort((a, b) => a[0] - b[0]);
  const take = self ? limit + 1 : limit;
  // the nearest taken, then those farther than max_distance (GEOS's
  // distance: 0 inside the calling polygon) left out
  const hits = (take < 0 ? near : near.slice(0, take))
    .filter(([, d]) => !(maxDistance > 0 && d > maxDistance))
    .map(([, , f]) => f)
    .filter((f) => !(self && f.id === self.id));
  return overlayAnswer(hits, expression, ctx, variables);
});

// --- selections -----------------------------------------------------------------

// A map server has no selection: a layer it knows has none selected. NULL
// where there is no such layer, as in QGIS.
function knows(v: unknown, ctx: ExpressionContext): boolean {
  const lookup = layerLookupOf(ctx);
  const name = toText(v);
  return lookup?.has ? lookup.has(name) : lookup?.layer(name) !== undefined;
}
def("is_selected", 0, 2, (args, ctx) => {
  if (!args.length) {
    const own = ctx.variables?.layer;
    return own === undefined || own === null ? null : false;
  }
  return knows(args[0], ctx) ? false : null;
});
def("num_selected", 0, 1, (args, ctx) => {
  if (!args.length) {
    const own = ctx.variables?.layer;
    return own === undefined || own === null ? null : 0;
  }
  return knows(args[0], ctx) ? 0 : null;
});
