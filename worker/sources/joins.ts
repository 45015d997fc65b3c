/**
 * QGIS's vector joins: a layer's features with the fields of joined tables
 * (`QgsVectorLayerJoinBuffer`, `QgsVectorLayerFeatureIterator`).
 *
 * A join is a left join of the joined layer's fields on the layer's
 * `target_field` = the table's `join_field`, as QGIS 3.22 does it:
 *
 * - the joined fields are the table's `fields_subset` (in the table's field
 *   order), else every field but the join field, each named `prefix` + its
 *   name, after the layer's own fields and earlier joins' fields; a name
 *   already there is left out (`QgsFields::append` refuses it);
 * - with the memory cache (`memory_cache`, QGIS's default) values match as
 *   text (`QVariant::toString`: a null is "", 3.0 is "3") and of rows with
 *   equal keys the last one wins (`QHash::insert`); without it, the first
 *   row whose value equals the target's as QGIS's `=` compares them
 *   (numerically when both read as numbers: "01" = 1) or, for a null
 *   target, the first row whose value is null;
 * - a feature no row matches has null joined fields.
 *
 * The table is read through the same source interface (so the same data
 * root checks) once per job: the read is kept with the job's join object,
 * which the job drops. A table that cannot be read (missing, no join
 * field) fails the job, or, given a `warn` callback (a runner's logger),
 * is a warning and the layer is read without that join, as QGIS draws it.
 *
 * @module
 */
import type { Expression } from "../expression/ast.ts";
import { referencedColumns } from "../expression/mod.ts";
import {
  compareValues,
  isNumberLike,
  toNumber,
  toText,
} from "../expression/values.ts";
import type { AttributeValue, Feature } from "../geometry/types.ts";
import { JobError } from "../runners/types.ts";
import { pageWithResidual } from "./paging.ts";
import type {
  FeaturePage,
  FeatureQuery,
  FeatureSet,
  HitQuery,
  PageQuery,
  SourceLayer,
  VectorField,
  VectorSource,
} from "./source.ts";

/** A join as a job layer carries it (`QslJobLayerJoin`, wire names). */
export interface SourceJoin {
  /** The joined layer. */
  layer: SourceLayer;
  /** Field of the layer whose value is looked up. */
  target_field: string;
  /** Field of the joined layer compared with it. */
  join_field: string;
  /** Prefix of the joined fields' names. */
  prefix: string;
  /** Joined layer fields to add; null or absent: all but `join_field`. */
  fields_subset?: string[] | null;
  /** QGIS's memory cache (text keys, last row wins); absent: true. */
  memory_cache?: boolean | null;
}

/**
 * Virtual fields that joins' targets name: QGIS computes such a field
 * before it joins (`QgsVectorLayerFeatureIterator::addVirtualAttributes`),
 * from the feature's own fields.
 */
export interface JoinKeys {
  /** The virtual fields' types by name (`Integer`, `String` …). */
  types: Map<string, string>;
  /** The data fields their expressions read ("all": any). */
  columns: string[] | "all";
  /** A feature's values of the virtual fields (a page's: no geometry). */
  values(feature: Feature): Record<string, AttributeValue>;
}

/** A joined table, read: its fields as joined and a lookup by target value. */
export interface JoinTable {
  /** The joined fields, named with the prefix, in the table's order. */
  fields: VectorField[];
  /** The names of `fields` in the table (same order). */
  sourceNames: string[];
  /**
   * The joined row's values (by table field name) for a target value, or
   * null; `targetType` is the target field's type (a null's text depends on
   * it with the memory cache).
   */
  lookup(
    target: AttributeValue | undefined,
    targetType?: string,
  ): Record<string, AttributeValue> | null;
}

/**
 * Builds the lookup of a join over a table's rows, as QGIS matches them.
 *
 * @example
 * ```ts
 * import { joinTable } from "./joins.ts";
 * const table = joinTable(
 *   { layer: { id: "s", name: "stats", source: "{}" }, target_field: "code", join_field: "code", prefix: "stats_" },
 *   [{ name: "code", type: "String" }, { name: "pop", type: "Integer" }],
 *   [{ code: "Z1", pop: 5 }, { code: "Z1", pop: 7 }],
 * );
 * table.fields[0].name; // "stats_pop"
 * table.lookup("Z1"); // { code: "Z1", pop: 7 } (the last row: memory cache)
 * ```
 */
export function joinTable(
  join: SourceJoin,
  fields: VectorField[],
  rows: Record<string, AttributeValue>[],
): JoinTable {
  const subset = join.fields_subset ?? null;
  const wanted = subset === null ? null : new Set(subset);
  const chosen = fields.filter((f) =>
    wanted ? wanted.has(f.name) : f.name !== join.join_field
  );
  const key = join.join_field;
  let lookup: JoinTable["lookup"];
  if (join.memory_cache ?? true) {
    const byText = new Map<string, Record<string, AttributeValue>>();
    const keyType = fields.find((f) => f.name === key)?.type;
    for (const row of rows) byText.set(qtText(row[key], keyType), row);
    lookup = (target, targetType) =>
      target === undefined
        ? null
        : byText.get(qtText(target, targetType)) ?? null;
  } else {
    lookup = firstEqual(rows, key);
  }
  return {
    fields: chosen.map((f) => ({ ...f, name: join.prefix + f.name })),
    sourceNames: chosen.map((f) => f.name),
    lookup,
  };
}

/**
 * The first row whose `key` equals a target as QGIS's `=` compares
 * (`compareValues`): by number when both read as numbers, else as text; a
 * null target takes the first null. Indexed by number and by text, so a
 * map's features do not each scan the table (dates are scanned).
 */
function firstEqual(
  rows: Record<string, AttributeValue>[],
  key: string,
): JoinTable["lookup"] {
  const byNumber = new Map<number, number>();
  const byText = new Map<string, number>();
  let firstNull = -1;
  let dates = false;
  rows.forEach((row, i) => {
    const v = row[key] ?? null;
    if (v === null) {
      if (firstNull < 0) firstNull = i;
      return;
    }
    if (v instanceof Date) {
      dates = true;
      return;
    }
    if (isNumberLike(v)) {
      const n = toNumber(v);
      if (!byNumber.has(n)) byNumber.set(n, i);
    }
    const t = toText(v);
    if (!byText.has(t)) byText.set(t, i);
  });
  const scan = (target: AttributeValue) =>
    rows.find((row) => {
      const v = row[key] ?? null;
      return v !== null && compareValues(v, target) === 0;
    }) ?? null;
  return (target) => {
    if (target === undefined) return null;
    if (target === null) return firstNull < 0 ? null : rows[firstNull];
    if (dates || target instanceof Date) return scan(target);
    // a number-like target equals a value only by number (a value whose
    // text is the target's reads as a number too)
    const i = isNumberLike(target)
      ? byNumber.get(toNumber(target))
      : byText.get(toText(target));
    return i === undefined ? null : rows[i];
  };
}

/**
 * A value as `QVariant::toString` writes it. A null keeps its field's type
 * in QGIS, and Qt 5 writes the default value of that type: "0" for numbers,
 * "false" for booleans, "" for text and dates (so a null integer target
 * finds the row whose key is 0, as QGIS 3.22 joins lizmap's dataviz.qgs).
 */
function qtText(v: AttributeValue | undefined, type?: string): string {
  if (v === null || v === undefined) {
    if (type === undefined) return "";
    if (/^(Integer|Integer64|Real|Int|LongLong|Double)$/i.test(type)) {
      return "0";
    }
    return /^bool/i.test(type) ? "false" : "";
  }
  if (v instanceof Date) {
    // a date without time (GDAL gives midnight) as QDate writes it
    const text = toText(v);
    return text.endsWith("T00:00:00") ? text.slice(0, 10) : text;
  }
  return toText(v);
}

/** Reads a joined layer's rows: opens its source and reads every feature. */
export type OpenJoinLayer = (layer: SourceLayer) => VectorSource;

// one read per job: kept with the job's join object, dropped with the job
const tables = new WeakMap<SourceJoin, Promise<JoinTable>>();

async function readTable(
  join: SourceJoin,
  open: OpenJoinLayer,
  layerName: string,
): Promise<JoinTable> {
  let page: FeaturePage;
  try {
    page = await open(join.layer).page({ startIndex: 0, count: null });
  } catch (error) {
    throw new JobError(
      `Cannot join layer '${join.layer.name}' to layer '${layerName}': ${
        (error as Error).message
      }`,
      { cause: error },
    );
  }
  if (!page.fields.some((f) => f.name === join.join_field)) {
    throw new JobError(
      `Cannot join layer '${join.layer.name}' to layer '${layerName}': it has no field '${join.join_field}' (fields: ${
        page.fields.map((f) => f.name).join(", ")
      })`,
    );
  }
  return joinTable(join, page.fields, page.features.map((f) => f.attributes));
}

function tableOf(
  join: SourceJoin,
  open: OpenJoinLayer,
  layerName: string,
  warn?: (message: string) => void,
): Promise<JoinTable> {
  let table = tables.get(join);
  if (table === undefined) {
    table = readTable(join, open, layerName);
    if (warn) {
      // QGIS draws a layer whose joined layer is missing or invalid without
      // that join (QgsVectorLayerJoinBuffer skips it): its fields are
      // unknown, expressions reading them NULL
      table = table.catch((error) => {
        warn(`${(error as Error).message}; drawn without this join`);
        return joinTable(join, [], []);
      });
    }
    tables.set(join, table);
  }
  return table;
}

/** The joins' tables and how they extend a layer's fields. */
interface Joined {
  tables: JoinTable[];
  /** Per table, which of its joined fields are added (a name taken is not). */
  added: boolean[][];
  /** The layer's fields and the joined ones. */
  fields: VectorField[];
  /** The layer's field types by name (its join keys' too). */
  types: Map<string, string>;
  /** Virtual fields that targets name. */
  keys: JoinKeys | null;
}

function extend(
  base: VectorField[],
  tables: JoinTable[],
  keys?: JoinKeys | null,
): Joined {
  const taken = new Set(base.map((f) => f.name));
  const fields = [...base];
  const added = tables.map((t) =>
    t.fields.map((f) => {
      if (taken.has(f.name)) return false;
      taken.add(f.name);
      fields.push(f);
      return true;
    })
  );
  return {
    tables,
    added,
    fields,
    types: new Map([
      ...keys?.types ?? [],
      ...base.map((f): [string, string] => [f.name, f.type]),
    ]),
    keys: keys ?? null,
  };
}

function joinAttributes(
  feature: Feature,
  joins: SourceJoin[],
  joined: Joined,
): Pick<Feature, "attributes" | "unjoined"> {
  const attributes = feature.attributes;
  const out = { ...attributes };
  const unjoined: string[] = [];
  // a target that is no data field but a virtual one: computed first
  let virtual: Record<string, AttributeValue> | null = null;
  joined.tables.forEach((table, i) => {
    const target = joins[i].target_field;
    let value = attributes[target];
    if (value === undefined && joined.keys?.types.has(target)) {
      virtual ??= joined.keys.values(feature);
      value = virtual[target];
    }
    const row = table.lookup(value, joined.types.get(target));
    const added = joined.added[i];
    for (let k = 0; k < table.fields.length; k++) {
      if (!added[k]) continue;
      out[table.fields[k].name] = row?.[table.sourceNames[k]] ?? null;
      if (row === null) unjoined.push(table.fields[k].name);
    }
  });
  return unjoined.length ? { attributes: out, unjoined } : { attributes: out };
}

/** Whether an expression reads any of the names (as columns resolve: any case). */
function reads(e: Expression | null | undefined, names: Set<string>): boolean {
  if (!e) return false;
  const used = referencedColumns(e);
  if (used === "all") return true;
  for (const c of used) if (names.has(c.toLowerCase())) return true;
  return false;
}

/**
 * A layer's source with its joins applied: features, hit tests and pages
 * carry the joined fields after the layer's own. A filter that reads a
 * joined field is not pushed down to the layer's provider: features and hit
 * tests return it as the residual, pages evaluate it on the joined features.
 *
 * @example
 * ```ts ignore
 * import { withJoins } from "./joins.ts";
 * const source = withJoins(base, layer, (l) => openVectorSource(l, ctx, "join"));
 * ```
 */
export function withJoins(
  base: VectorSource,
  layer: SourceLayer & { joins: SourceJoin[] },
  open: OpenJoinLayer,
  warn?: (message: string) => void,
): VectorSource {
  const joins = layer.joins;
  const read = () =>
    Promise.all(joins.map((j) => tableOf(j, open, layer.name, warn)));
  const joinedNames = async () => {
    const names = new Set<string>();
    for (const t of await read()) {
      for (const f of t.fields) names.add(f.name.toLowerCase());
    }
    return names;
  };
  const joinSet = async (
    query: { filter?: Expression | null },
    get: (filter: Expression | null | undefined) => Promise<FeatureSet>,
  ): Promise<FeatureSet> => {
    const tables = await read();
    const names = await joinedNames();
    const held = reads(query.filter, names) ? query.filter! : null;
    const set = await get(held ? null : query.filter);
    const joined = extend(set.fields, tables, layer.joinKeys);
    return {
      ...set,
      fields: joined.fields,
      residual: held ?? set.residual,
      batches: {
        async *[Symbol.asyncIterator]() {
          for await (const batch of set.batches) {
            yield batch.map((f): Feature => ({
              ...f,
              ...joinAttributes(f, joins, joined),
            }));
          }
        },
      },
    };
  };
  return {
    kind: "vector",
    provider: base.provider,
    legendGraphic: base.legendGraphic?.bind(base),
    featureInfo: base.featureInfo?.bind(base),
    drawMap: base.drawMap?.bind(base),
    async features(query: FeatureQuery): Promise<FeatureSet> {
      const names = await joinedNames();
      let columns = query.columns;
      if (columns !== undefined && columns !== "all") {
        columns = columns.filter((c) => !names.has(c.toLowerCase()));
        for (const j of joins) {
          const keys = layer.joinKeys;
          if (keys?.types.has(j.target_field)) {
            // the data fields the virtual target's expression reads
            if (keys.columns === "all") columns = "all";
            else {
              for (const c of keys.columns) {
                if (!columns.includes(c)) columns.push(c);
              }
            }
            if (columns === "all") break;
          } else if (!columns.includes(j.target_field)) {
            columns.push(j.target_field);
          }
        }
      }
      return await joinSet(
        query,
        (filter) => base.features({ ...query, filter, columns }),
      );
    },
    async hitTest(query: HitQuery): Promise<FeatureSet> {
      return await joinSet(
        query,
        (filter) => base.hitTest({ ...query, filter }),
      );
    },
    async page(query: PageQuery): Promise<FeaturePage> {
      const tables = await read();
      const names = await joinedNames();
      const joinPage = (page: FeaturePage): FeaturePage => {
        const joined = extend(page.fields, tables, layer.joinKeys);
        return {
          ...page,
          fields: joined.fields,
          features: page.features.map((f) => ({
            ...f,
            ...joinAttributes(
              { id: f.id, attributes: f.attributes, geometry: null },
              joins,
              joined,
            ),
          })),
        };
      };
      if (!reads(query.filter, names)) {
        return joinPage(await base.page(query));
      }
      return await pageWithResidual(
        async () =>
          joinPage(
            await base.page({
              ...query,
              filter: null,
              startIndex: 0,
              count: null,
            }),
          ),
        query.filter!,
        query.startIndex,
        query.count,
      );
    },
  };
}
