/**
 * A `postgres` layer's source: QGIS's decoded provider URI, as the upstream
 * exporter's `PostgresSource.to_qgis_decoded_uri` writes it into a job.
 *
 * Keys: `dbname`, `host`, `port`, `username` (or `user`), `password`,
 * `service` (a pg_service.conf entry; the job's own keys win), `sslmode`
 * (QGIS's `QgsDataSourceUri::SslMode` integer — 0 prefer, 1 disable,
 * 2 allow, 3 require, 4 verify-ca, 5 verify-full — or libpq's text),
 * `schema`, `table` (a table, view, or a subquery in parentheses),
 * `geometrycolumn`, `key` (the key column(s), comma-separated), `srid`,
 * `type` (a `QgsWkbTypes` integer), `sql` (the layer's subset, an SQL
 * `WHERE` expression), `checkPrimaryKeyUnicity`. The exporter's config
 * spellings (`geometry_column`, `check_primary_key_unicity`) are read too.
 *
 * @module
 */
import { decodeSourceJson, openError, sourceText } from "../_util.ts";
import type { SourceLayer } from "../source.ts";
import { findPgService, type PgServiceFiles } from "./pg_service.ts";

/** libpq's `sslmode` values. */
export type SslMode =
  | "disable"
  | "allow"
  | "prefer"
  | "require"
  | "verify-ca"
  | "verify-full";

const SSL_MODES: SslMode[] = [
  "prefer",
  "disable",
  "allow",
  "require",
  "verify-ca",
  "verify-full",
];

/** A decoded `postgres` source (connection not resolved yet). */
export interface PostgresUri {
  /** Database name. */
  dbname?: string;
  /** Server host. */
  host?: string;
  /** Server port. */
  port?: number;
  /** User name. */
  user?: string;
  /** Password (secret: never logged). */
  password?: string;
  /** pg_service.conf entry. */
  service?: string;
  /** TLS mode (libpq's name). */
  sslmode?: SslMode;
  /** Schema of `table`, when it is a table or view. */
  schema?: string;
  /** Table or view name, or a subquery in parentheses. */
  table: string;
  /** Geometry column; absent: a table without geometry. */
  geometryColumn?: string;
  /** Key columns. */
  key: string[];
  /** SRID of the geometry column, when the URI gives it. */
  srid?: number;
  /** `QgsWkbTypes` code of the geometry column, when the URI gives it. */
  wkbType?: number;
  /** The layer's subset: an SQL `WHERE` expression. */
  sql?: string;
}

/** Connection settings, the job's keys over the service's. */
export interface PostgresConnection {
  /** Server host (default `localhost`). */
  host: string;
  /** Server port (default 5432). */
  port: number;
  /** Database name (default: the user name). */
  dbname: string;
  /** User name (default `postgres`). */
  user: string;
  /** Password, if any (secret). */
  password?: string;
  /** TLS mode (default `prefer`, as libpq). */
  sslmode: SslMode;
}

const fail = openError;
const text = sourceText;

function integer(
  layer: SourceLayer,
  value: string | undefined,
  key: string,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw fail(layer, `source key '${key}' is not a whole number ('${value}')`);
  }
  return n;
}

/**
 * An `sslmode` as libpq names it, from QGIS's integer or libpq's text.
 *
 * @example
 * ```ts
 * import { sslModeOf } from "./uri.ts";
 * sslModeOf(3); // "require"
 * sslModeOf("verify-full"); // "verify-full"
 * sslModeOf("bogus"); // null
 * ```
 */
export function sslModeOf(value: string | number): SslMode | null {
  const s = String(value).trim().toLowerCase();
  if (/^\d+$/.test(s)) return SSL_MODES[Number(s)] ?? null;
  return (SSL_MODES as string[]).includes(s) ? s as SslMode : null;
}

/** Longest `sql` (the layer's subset) or subquery `table`, in characters. */
export const MAX_SQL_LENGTH = 100_000;
/** Longest connection value or identifier, in characters. */
const MAX_NAME_LENGTH = 1_000;
// control characters: a line break in a database or user name would be
// written into the startup packet and echoed into one-line errors
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function checkName(
  layer: SourceLayer,
  key: string,
  value: string | undefined,
): void {
  if (value === undefined) return;
  if (value.length > MAX_NAME_LENGTH) {
    throw fail(
      layer,
      `source key '${key}' is ${value.length} characters long (at most ${MAX_NAME_LENGTH})`,
    );
  }
  if (CONTROL.test(value)) {
    throw fail(layer, `source key '${key}' holds a control character`);
  }
}

function checkSql(
  layer: SourceLayer,
  key: string,
  value: string | undefined,
): void {
  if (value === undefined) return;
  if (value.length > MAX_SQL_LENGTH) {
    throw fail(
      layer,
      `source key '${key}' is ${value.length} characters long (at most ${MAX_SQL_LENGTH})`,
    );
  }
  if (value.includes("\0")) {
    throw fail(layer, `source key '${key}' holds a NUL character`);
  }
}

/** Unquotes a `"quoted"` identifier as QGIS writes key columns. */
function unquote(name: string): string {
  const t = name.trim();
  return t.startsWith('"') && t.endsWith('"') && t.length >= 2
    ? t.slice(1, -1).replaceAll('""', '"')
    : t;
}

/**
 * Decodes a `postgres` layer's source JSON.
 *
 * @throws {JobError} naming the layer when it is not a JSON object, has no
 * `table`, or a key has a wrong type.
 * @example
 * ```ts
 * import { parsePostgresUri } from "./uri.ts";
 * const uri = parsePostgresUri({
 *   id: "l1",
 *   name: "roads",
 *   source: '{"dbname": "gis", "table": "roads", "schema": "public", "geometrycolumn": "geom", "key": "\\"id\\"", "sslmode": 1}',
 * });
 * [uri.table, uri.key, uri.sslmode]; // ["roads", ["id"], "disable"]
 * ```
 */
export function parsePostgresUri(layer: SourceLayer): PostgresUri {
  const r = decodeSourceJson(layer);
  const table = text(layer, r, "table");
  if (table === undefined) throw fail(layer, "its source has no 'table'");
  const uri: PostgresUri = { table, key: [] };
  uri.dbname = text(layer, r, "dbname");
  uri.host = text(layer, r, "host");
  uri.port = integer(layer, text(layer, r, "port"), "port");
  // the client library's own check named itself, as if the server answered
  if (uri.port !== undefined && (uri.port < 1 || uri.port > 65535)) {
    throw fail(layer, `source key 'port' is not a TCP port ('${uri.port}')`);
  }
  uri.user = text(layer, r, "username", "user");
  uri.password = text(layer, r, "password");
  uri.service = text(layer, r, "service");
  const ssl = text(layer, r, "sslmode");
  if (ssl !== undefined) {
    const mode = sslModeOf(ssl);
    if (mode === null) throw fail(layer, `unknown sslmode '${ssl}'`);
    uri.sslmode = mode;
  }
  uri.schema = text(layer, r, "schema");
  uri.geometryColumn = text(layer, r, "geometrycolumn", "geometry_column");
  const key = text(layer, r, "key");
  if (key !== undefined) {
    uri.key = key.split(",").map(unquote).filter((k) => k !== "");
  }
  uri.srid = integer(layer, text(layer, r, "srid"), "srid");
  uri.wkbType = integer(layer, text(layer, r, "type"), "type");
  const sql = text(layer, r, "sql");
  if (sql !== undefined && sql.trim() !== "") uri.sql = sql;
  for (const k of Object.keys(uri) as (keyof PostgresUri)[]) {
    if (uri[k] === undefined) delete uri[k];
  }
  const subquery = table.trim().startsWith("(");
  if (subquery) checkSql(layer, "table", table);
  else checkName(layer, "table", table);
  checkSql(layer, "sql", uri.sql);
  for (
    const [k, v] of [
      ["dbname", uri.dbname],
      ["host", uri.host],
      ["username", uri.user],
      ["password", uri.password],
      ["service", uri.service],
      ["schema", uri.schema],
      ["geometrycolumn", uri.geometryColumn],
      ...uri.key.map((k) => ["key", k]),
    ] as const
  ) checkName(layer, k, v);
  if (uri.host !== undefined && uri.host.includes("/")) {
    // libpq reads a path as a Unix socket folder: a job may name no path
    // outside its data root, and a socket is no database host of ours
    throw fail(
      layer,
      `host '${uri.host}' is a Unix socket folder; the worker connects over TCP only`,
    );
  }
  return uri;
}

/**
 * The connection a source names: its `service` looked up as libpq does
 * (user file, then system file), the source's own keys over it, libpq's
 * defaults for the rest.
 *
 * @throws {JobError} when the named service is defined nowhere.
 * @example
 * ```ts ignore
 * import { resolveConnection } from "./uri.ts";
 * const c = await resolveConnection(layer, uri);
 * `${c.user}@${c.host}:${c.port}/${c.dbname}`;
 * ```
 */
export async function resolveConnection(
  layer: SourceLayer,
  uri: PostgresUri,
  files?: PgServiceFiles,
): Promise<PostgresConnection> {
  let service: Record<string, string> = {};
  if (uri.service !== undefined) {
    const found = await findPgService(uri.service, files);
    if (found === null) {
      throw fail(
        layer,
        `pg_service '${uri.service}' is not defined (looked in PGSERVICEFILE or ~/.pg_service.conf, then PGSYSCONFDIR/pg_service.conf)`,
      );
    }
    service = found;
  }
  const serviceSsl = service.sslmode ? sslModeOf(service.sslmode) : null;
  if (service.sslmode && serviceSsl === null) {
    throw fail(
      layer,
      `pg_service '${uri.service}' has an unknown sslmode '${service.sslmode}'`,
    );
  }
  const user = uri.user ?? service.user ?? "postgres";
  const port = uri.port ??
    integer(layer, service.port, `pg_service port`) ?? 5432;
  return {
    host: uri.host ?? service.host ?? service.hostaddr ?? "localhost",
    port,
    dbname: uri.dbname ?? service.dbname ?? user,
    user,
    password: uri.password ?? service.password,
    sslmode: uri.sslmode ?? serviceSsl ?? "prefer",
  };
}
