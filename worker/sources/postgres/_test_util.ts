/**
 * Test databases on the machine's PostgreSQL (127.0.0.1:5432, user
 * `postgres`, trust): each test makes its own (unique name, `postgis`
 * extension) and drops it; data is loaded with our own code from files
 * GDAL reads.
 *
 * @module
 */
import postgres from "postgres";
import { readVectorPage } from "../ogr/read.ts";
import type { SourceLayer } from "../source.ts";

/** Where the machine's PostgreSQL listens. */
export const PG_HOST = "127.0.0.1";
/** Its port. */
export const PG_PORT = 5432;

/** A database a test made. */
export interface TestDatabase {
  /** Its name (`qsl_test_…`). */
  name: string;
  /** A client on it. */
  sql: postgres.Sql;
  /** Ends the client and drops the database. */
  drop(): Promise<void>;
}

function admin(database = "postgres"): postgres.Sql {
  return postgres({
    host: PG_HOST,
    port: PG_PORT,
    username: "postgres",
    password: "",
    database,
    onnotice: () => {},
    max: 1,
  });
}

/**
 * Creates a database with a unique name and the `postgis` extension.
 *
 * @example
 * ```ts ignore
 * const db = await createTestDatabase();
 * try { … } finally { await db.drop(); }
 * ```
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `qsl_test_${
    crypto.randomUUID().replaceAll("-", "").slice(0, 16)
  }`;
  const root = admin();
  try {
    await root.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await root.end();
  }
  const sql = admin(name);
  await sql.unsafe("CREATE EXTENSION IF NOT EXISTS postgis");
  return {
    name,
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      const r = admin();
      try {
        await r.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await r.end();
      }
    },
  };
}

const PG_TYPES: Record<string, string> = {
  Integer: "int4",
  Integer64: "int8",
  Real: "float8",
  String: "text",
  Date: "date",
  DateTime: "timestamptz",
  Time: "time",
  Boolean: "bool",
  Binary: "bytea",
};

/**
 * Copies a file layer (read with the `ogr` provider's reader) into a table
 * `<schema>.<table>` with its fields, a primary key on its FID column (or
 * `fid`), the geometry as `geom` typed as its features are, and a spatial
 * index.
 *
 * @example
 * ```ts ignore
 * await loadLayer(db.sql, fileLayer, ctx, "public", "zones", 2056);
 * ```
 */
export async function loadLayer(
  sql: postgres.Sql,
  file: SourceLayer,
  ctx: { dataRoot: string; remoteHosts: string[] },
  schema: string,
  table: string,
  srid: number,
): Promise<void> {
  const page = await readVectorPage(file, {
    startIndex: 0,
    count: null,
    orderByFid: true,
  }, ctx);
  const q = (n: string) => `"${n.replaceAll('"', '""')}"`;
  const fid = page.fidColumn ?? "fid";
  const fields = page.fidColumn === null
    ? [{ name: fid, type: "Integer64" }, ...page.fields]
    : page.fields;
  const name = `${q(schema)}.${q(table)}`;
  await sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${q(schema)}`);
  await sql.unsafe(
    `CREATE TABLE ${name} (${
      fields.map((f) =>
        `${q(f.name)} ${PG_TYPES[f.type] ?? "text"}${
          f.name === fid ? " PRIMARY KEY" : ""
        }`
      ).join(", ")
    }, geom geometry(Geometry, ${srid}))`,
  );
  for (const f of page.features) {
    const values = fields.map((field) => {
      const v = field.name === fid
        ? (f.attributes[fid] ?? f.id)
        : f.attributes[field.name];
      // a date is a local calendar day, as the file reader gives it
      if (v instanceof Date && field.type === "Date") {
        const p = (n: number) => String(n).padStart(2, "0");
        return `${v.getFullYear()}-${p(v.getMonth() + 1)}-${p(v.getDate())}`;
      }
      return v instanceof Date ? v.toISOString() : v;
    });
    const params = values.map((_, i) => `$${i + 1}`);
    await sql.unsafe(
      `INSERT INTO ${name} VALUES (${params.join(", ")}, ST_GeomFromWKB($${
        values.length + 1
      }, ${srid}))`,
      // deno-lint-ignore no-explicit-any
      [...values, f.wkb] as any[],
    );
  }
  // the column typed as its features are, as a QGIS user's table would be
  const types = await sql.unsafe(
    `SELECT DISTINCT ST_GeometryType(geom) AS t, ST_CoordDim(geom) AS d FROM ${name} WHERE geom IS NOT NULL`,
  );
  if (types.length === 1) {
    const t = String(types[0].t).replace(/^ST_/, "");
    const d = Number(types[0].d);
    await sql.unsafe(
      `ALTER TABLE ${name} ALTER COLUMN geom TYPE geometry(${t}${
        d === 3 ? "Z" : d === 4 ? "ZM" : ""
      }, ${srid}) USING geom`,
    );
  }
  await sql.unsafe(`CREATE INDEX ON ${name} USING gist (geom)`);
  await sql.unsafe(`ANALYZE ${name}`);
}

/**
 * A job layer reading `<schema>.<table>` of a test database.
 *
 * @example
 * ```ts ignore
 * const layer = postgisLayer(db.name, "public", "zones", { key: "fid" });
 * ```
 */
export function postgisLayer(
  dbname: string,
  schema: string,
  table: string,
  extra: Record<string, unknown> = {},
  name: string = table,
): SourceLayer {
  return {
    id: `pg_${dbname}_${schema}_${table}_${name}`,
    name,
    driver: "postgres",
    remote: true,
    source: JSON.stringify({
      dbname,
      host: PG_HOST,
      port: PG_PORT,
      username: "postgres",
      schema,
      table,
      geometrycolumn: "geom",
      sslmode: 1,
      ...extra,
    }),
  };
}
