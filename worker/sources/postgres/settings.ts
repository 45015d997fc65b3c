/**
 * The tunables of the `postgres` provider's pools (the worker's `--pg-*`
 * options). Kept apart from `pool.ts`, which loads the PostgreSQL client:
 * the command line sets them before the worker registers and must not load
 * it on the way.
 *
 * @module
 */
import { sharedState } from "../../_shared_state.ts";

/** Tunables of the PostgreSQL pools. */
export interface PostgresOptions {
  /** Most connections per pool (default 4). */
  poolSize: number;
  /** Seconds before an idle connection (and an unused pool) closes (default 60). */
  idleSeconds: number;
  /** Seconds a statement may run (default 30). */
  statementTimeoutSeconds: number;
  /** Seconds to wait for a connection (default 10). */
  connectTimeoutSeconds: number;
}

/** The defaults. */
export const DEFAULT_POSTGRES_OPTIONS: Readonly<PostgresOptions> = {
  poolSize: 4,
  idleSeconds: 60,
  statementTimeoutSeconds: 30,
  connectTimeoutSeconds: 10,
};

// one per process: the start-up bundle has its own copy of this module
const options: PostgresOptions = sharedState(
  "postgres.options",
  () => ({ ...DEFAULT_POSTGRES_OPTIONS }),
);

/**
 * Changes the pools' tunables (pools opened later use them).
 *
 * @example
 * ```ts
 * import { postgresOptions, setPostgresOptions } from "./settings.ts";
 * setPostgresOptions({ statementTimeoutSeconds: 10 });
 * postgresOptions().statementTimeoutSeconds; // 10
 * setPostgresOptions({ statementTimeoutSeconds: 30 });
 * ```
 */
export function setPostgresOptions(changes: Partial<PostgresOptions>): void {
  Object.assign(options, changes);
}

/**
 * The tunables in force.
 *
 * @example
 * ```ts
 * import { postgresOptions } from "./settings.ts";
 * postgresOptions().connectTimeoutSeconds; // 10 unless set
 * ```
 */
export function postgresOptions(): Readonly<PostgresOptions> {
  return options;
}
