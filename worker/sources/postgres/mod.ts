/**
 * The `postgres` provider: PostGIS through a real PostgreSQL client. See
 * `provider.ts` for what is pushed down, `uri.ts` for the source keys,
 * `pool.ts` for connections, timeouts, TLS and permissions.
 *
 * @example
 * ```ts ignore
 * import { postgresProvider } from "./mod.ts";
 * const source = postgresProvider.open(layer, ctx);
 * ```
 *
 * @module
 */
export { postgresProvider } from "./provider.ts";
export { closePostgresPools } from "./pool.ts";
export {
  DEFAULT_POSTGRES_OPTIONS,
  type PostgresOptions,
  postgresOptions,
  setPostgresOptions,
} from "./settings.ts";
export {
  findPgService,
  mergePgServices,
  parsePgServiceConf,
  type PgServiceFiles,
  pgServiceFiles,
  type PgServices,
} from "./pg_service.ts";
export {
  parsePostgresUri,
  type PostgresConnection,
  type PostgresUri,
  resolveConnection,
  type SslMode,
  sslModeOf,
} from "./uri.ts";
