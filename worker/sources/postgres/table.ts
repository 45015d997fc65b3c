/**
 * What a `postgres` layer's table is — columns and their types, the
 * geometry column's SRID and type, the key — read once and kept a minute
 * (per server, database, table and geometry column).
 *
 * @module
 */
import { LruCache } from "../../cache/lru.ts";
import type { GeometryKind } from "../../geometry/types.ts";
import type { SourceLayer, VectorField } from "../source.ts";
import { describeColumns, query } from "./pool.ts";
import { JobError } from "../../runners/types.ts";
import { type ColumnClass, quoteIdent } from "./sql.ts";
import type { PostgresConnection, PostgresUri } from "./uri.ts";

/** A table's description. */
export interface TableInfo {
  /** `FROM` clause text (quoted identifiers, or the layer's subquery). */
  from: string;
  /** Attribute columns (the geometry column left out), in table order. */
  fields: VectorField[];
  /** Comparison class per attribute column. */
  classes: Map<string, ColumnClass>;
  /** PostgreSQL type OID per attribute column (how COPY sends its values). */
  oids: Map<string, number>;
  /** The geometry column, or null. */
  geometryColumn: string | null;
  /** SRID of the geometry column, or null when unknown (0). */
  srid: number | null;
  /** `EPSG:<srid>`, or null. */
  crs: string | null;
  /** The layer's geometry kind, or null when it has none or mixes them. */
  geometryKind: GeometryKind | null;
  /** `QgsWkbTypes` code (0 unknown). */
  wkbType: number;
  /** Key columns (the URI's, else the primary key). */
  key: string[];
  /** The single integer key column the feature ids come from, or null. */
  idColumn: string | null;
  /**
   * The geometry column's declared type cannot hold curves (a point, line
   * or polygon type, single or multi): no arc to segment.
   */
  linear: boolean;
}

const LINEAR = new Set([
  "POINT",
  "LINESTRING",
  "POLYGON",
  "MULTIPOINT",
  "MULTILINESTRING",
  "MULTIPOLYGON",
]);

const TTL_MS = 60_000;
const tables = new LruCache<string, { info: TableInfo; at: number }>(64);

const CLASS_BY_OID: Record<number, ColumnClass> = {
  20: "number",
  21: "number",
  23: "number",
  700: "number",
  701: "number",
  1700: "number",
  25: "text",
  1043: "text",
  19: "text",
};

const TYPE_BY_OID: Record<number, string> = {
  16: "Boolean",
  17: "Binary",
  20: "Integer64",
  21: "Integer",
  23: "Integer",
  26: "Integer64",
  700: "Real",
  701: "Real",
  1700: "Real",
  1082: "Date",
  1083: "Time",
  1114: "DateTime",
  1184: "DateTime",
};

/**
 * The geometry kind of a `QgsWkbTypes` code (Z, M, 25D variants included);
 * null for none, unknown or a collection.
 *
 * @example
 * ```ts
 * import { kindOfWkbType } from "./table.ts";
 * [kindOfWkbType(6), kindOfWkbType(1002), kindOfWkbType(10), kindOfWkbType(100)];
 * // ["polygon", "line", "polygon", null]
 * ```
 */
export function kindOfWkbType(code: number): GeometryKind | null {
  const base = (code & 0x7fffffff) % 1000;
  switch (base) {
    case 1:
    case 4:
      return "point";
    case 2:
    case 5:
    case 8:
    case 9:
    case 11:
      return "line";
    case 3:
    case 6:
    case 10:
    case 12:
    case 15:
    case 16:
    case 17:
      return "polygon";
    default:
      return null;
  }
}

const TYPE_CODES: Record<string, number> = {
  POINT: 1,
  LINESTRING: 2,
  POLYGON: 3,
  MULTIPOINT: 4,
  MULTILINESTRING: 5,
  MULTIPOLYGON: 6,
  GEOMETRYCOLLECTION: 7,
  CIRCULARSTRING: 8,
  COMPOUNDCURVE: 9,
  CURVEPOLYGON: 10,
  MULTICURVE: 11,
  MULTISURFACE: 12,
  TRIANGLE: 17,
  TIN: 16,
  POLYHEDRALSURFACE: 15,
};

function fromClause(uri: PostgresUri): string {
  if (uri.table.trim().startsWith("(")) {
    // QGIS allows a subquery as the table: the layer's own SQL
    return `${uri.table} AS "qsl_subquery"`;
  }
  return uri.schema
    ? `${quoteIdent(uri.schema)}.${quoteIdent(uri.table)}`
    : quoteIdent(uri.table);
}

/**
 * Describes a layer's table, from the cache when read less than a minute
 * ago.
 *
 * @throws {JobError} when the table cannot be read or has no such geometry
 * column.
 * @example
 * ```ts ignore
 * import { tableInfo } from "./table.ts";
 * const info = await tableInfo(layer, connection, uri);
 * info.fields.map((f) => f.name);
 * ```
 */
export async function tableInfo(
  layer: SourceLayer,
  c: PostgresConnection,
  uri: PostgresUri,
): Promise<TableInfo> {
  const cacheKey = JSON.stringify([
    c.host,
    c.port,
    c.dbname,
    c.user,
    uri.schema ?? "",
    uri.table,
    uri.geometryColumn ?? "",
    uri.key,
    uri.srid ?? 0,
    uri.wkbType ?? -1,
  ]);
  const cached = tables.get(cacheKey);
  if (cached && Date.now() - cached.at < TTL_MS) return cached.info;
  const from = fromClause(uri);
  // column names and types, without reading a row
  const described = await describeColumns(
    layer,
    c,
    `SELECT * FROM ${from} LIMIT 0`,
  );
  const geometryColumn = uri.geometryColumn ?? null;
  if (
    geometryColumn !== null && !described.some((d) => d.name === geometryColumn)
  ) {
    throw new JobError(
      `Cannot open layer '${layer.name}': the table has no column '${geometryColumn}'`,
    );
  }
  const fields: VectorField[] = [];
  const classes = new Map<string, ColumnClass>();
  const oids = new Map<string, number>();
  for (const d of described) {
    if (d.name === geometryColumn) continue;
    fields.push({ name: d.name, type: TYPE_BY_OID[d.type] ?? "String" });
    classes.set(d.name, CLASS_BY_OID[d.type] ?? "other");
    oids.set(d.name, d.type);
  }
  let srid = uri.srid ?? null;
  let wkbType = uri.wkbType ?? null;
  const plain = !uri.table.trim().startsWith("(");
  // whether the column may hold curves: by its declared type (the URI's
  // type is the job's word, not the column's)
  let linear = false;
  if (geometryColumn !== null && plain) {
    const rows = await query(
      layer,
      c,
      `SELECT srid, type, coord_dimension FROM geometry_columns
        WHERE f_table_schema = coalesce($1::text, current_schema())
          AND f_table_name = $2::text AND f_geometry_column = $3::text`,
      [uri.schema ?? null, uri.table, geometryColumn],
    );
    if (rows.length) {
      const [s, type, dims] = rows[0] as [number, string, number];
      linear = LINEAR.has(String(type).toUpperCase().replace(/M$/, ""));
      if (srid === null && s > 0) srid = s;
      if (wkbType === null) {
        const t = String(type).toUpperCase();
        const measured = t.endsWith("M") && !(t in TYPE_CODES);
        const base = TYPE_CODES[measured ? t.slice(0, -1) : t] ?? 0;
        const z = dims >= 3 && !(measured && dims === 3);
        wkbType = base === 0
          ? 0
          : base + (z && measured || dims === 4
            ? 3000
            : z
            ? 1000
            : measured
            ? 2000
            : 0);
      }
    }
  }
  if (geometryColumn !== null && srid === null) {
    const g = quoteIdent(geometryColumn);
    const rows = await query(
      layer,
      c,
      `SELECT ST_SRID(${g}) FROM ${from} WHERE ${g} IS NOT NULL LIMIT 1`,
      [],
    );
    const s = rows.length ? Number(rows[0][0]) : 0;
    if (s > 0) srid = s;
  }
  let key = uri.key;
  if (!key.length && plain) {
    const rows = await query(
      layer,
      c,
      `SELECT a.attname FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indisprimary AND i.indrelid = $1::regclass
        ORDER BY array_position(i.indkey, a.attnum)`,
      [from],
    );
    key = rows.map((r) => String(r[0]));
  }
  const keyType = key.length === 1
    ? described.find((d) => d.name === key[0])?.type
    : undefined;
  const info: TableInfo = {
    from,
    fields,
    classes,
    oids,
    geometryColumn,
    srid,
    crs: srid !== null ? `EPSG:${srid}` : null,
    geometryKind: geometryColumn === null ? null : kindOfWkbType(wkbType ?? 0),
    wkbType: wkbType ?? 0,
    key,
    linear,
    idColumn: keyType === 20 || keyType === 21 || keyType === 23 ||
        keyType === 26
      ? key[0]
      : null,
  };
  tables.set(cacheKey, { info, at: Date.now() });
  return info;
}
