/**
 * PostgreSQL connections for the `postgres` provider (`npm:postgres`): one
 * bounded pool per (host, port, dbname, user, sslmode), kept across jobs.
 *
 * - idle connections close after {@link PostgresOptions.idleSeconds}; a pool
 *   unused for that long is ended; at most 16 pools stay open (least
 *   recently used first out);
 * - every connection starts with `statement_timeout` (the job's budget for
 *   one statement) and `default_transaction_read_only = on`; every query
 *   runs alone (extended protocol: no stacked statements) in a read-only
 *   transaction that is rolled back: a layer's own SQL (its subset, a
 *   subquery as its table) runs, but cannot write, nor leave anything
 *   changed in the session for the next job;
 * - after the server restarts, the client reconnects on the next query; a
 *   query that met a connection the server had closed is retried once;
 * - TLS as `sslmode` asks (disable, allow, prefer, require, verify-ca,
 *   verify-full);
 * - passwords are never part of a message: errors name the user, host,
 *   port and database only, and any text the password appears in is
 *   redacted.
 *
 * Permissions: `--allow-net` on every database host and port. The client
 * reads libpq's `PG…` variables for what a source leaves unset; the worker
 * narrows `process.env` to its own variables, so there it sees none (and
 * needs no `--allow-env`); elsewhere grant `--allow-env=PG*`.
 *
 * @module
 */
import postgres from "postgres";
import { LruCache } from "../../cache/lru.ts";
import { JobError } from "../../runners/types.ts";
import { parseDate } from "../dates.ts";
import { CopyBinarySplitter, type CopyRun } from "./copy_binary.ts";
import type { SourceLayer } from "../source.ts";
import { postgresOptions } from "./settings.ts";
import type { PostgresConnection, SslMode } from "./uri.ts";

export {
  DEFAULT_POSTGRES_OPTIONS,
  type PostgresOptions,
  postgresOptions,
  setPostgresOptions,
} from "./settings.ts";

/** A pool's client. */
export type Sql = postgres.Sql<Record<string, never>>;

interface Pool {
  sql: Sql;
  timer?: number;
  /** Cursors open on it: it is not ended while one is read. */
  cursors: number;
}

const pools = new LruCache<string, Pool>(16, (_key, pool) => {
  clearTimeout(pool.timer);
  pool.sql.end({ timeout: 5 }).catch(() => {});
});

/** `npm:postgres`'s `ssl` option for a libpq `sslmode`. */
function sslOption(mode: SslMode): postgres.Options<never>["ssl"] {
  switch (mode) {
    case "disable":
      return false;
    case "allow":
    case "prefer":
    case "require":
      return mode;
    case "verify-ca":
      // the chain is checked, the host name is not
      return { rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case "verify-full":
      return "verify-full";
  }
}

// Values as QGIS reads them: 64-bit integers and numerics as numbers, dates
// and timestamps without zone in local time, times as text.
const TYPES = {
  qslInt8: {
    to: 20,
    from: [20, 1700],
    serialize: (x: unknown) => String(x),
    parse: (x: string) => Number(x),
  },
  qslDate: {
    to: 1184,
    from: [1082, 1114, 1184],
    serialize: (x: Date) => x.toISOString(),
    parse: (x: string) => parseDate(x),
  },
  qslTime: {
    to: 1083,
    from: [1083, 1266],
    serialize: (x: unknown) => String(x),
    parse: (x: string) => x,
  },
};

/**
 * The pool for a connection, opened on first use. Ended after it has been
 * unused for the idle time.
 *
 * @example
 * ```ts ignore
 * import { poolFor } from "./pool.ts";
 * const sql = poolFor(connection);
 * ```
 */
export function poolFor(c: PostgresConnection): Sql {
  return poolEntry(c).sql;
}

function poolEntry(c: PostgresConnection): Pool {
  // the password is part of the key (another password, another pool) and
  // the key is never logged
  const key = JSON.stringify([
    c.host,
    c.port,
    c.dbname,
    c.user,
    c.sslmode,
    c.password ?? "",
  ]);
  const options = postgresOptions();
  let pool = pools.get(key);
  if (pool === undefined) {
    const sql = postgres({
      host: c.host,
      port: c.port,
      database: c.dbname,
      username: c.user,
      password: c.password ?? "",
      ssl: sslOption(c.sslmode),
      max: options.poolSize,
      idle_timeout: options.idleSeconds,
      connect_timeout: options.connectTimeoutSeconds,
      fetch_types: false,
      prepare: true,
      onnotice: () => {},
      types: TYPES,
      connection: {
        application_name: "qgis-server-light",
        statement_timeout: options.statementTimeoutSeconds * 1000,
        default_transaction_read_only: true,
      },
    }) as unknown as Sql;
    pool = { sql, cursors: 0 };
    pools.set(key, pool);
  }
  const p = pool;
  const arm = () => {
    clearTimeout(p.timer);
    p.timer = setTimeout(
      // a pool whose cursor is still read (a long render) waits longer
      () => p.cursors > 0 ? arm() : pools.delete(key),
      options.idleSeconds * 1000,
    ) as unknown as number;
    Deno.unrefTimer(p.timer);
  };
  arm();
  return p;
}

/**
 * Ends every pool (for tests and shutdown).
 *
 * @example
 * ```ts ignore
 * import { closePostgresPools } from "./pool.ts";
 * await closePostgresPools();
 * ```
 */
export async function closePostgresPools(): Promise<void> {
  const ending = pools.keys().map((k) => {
    const p = pools.peek(k)!;
    clearTimeout(p.timer);
    return p.sql.end({ timeout: 5 });
  });
  pools.clear();
  await Promise.allSettled(ending);
}

/** Codes of errors a retry on a fresh connection may cure. */
const RECONNECT = new Set([
  "57P01", // admin shutdown (server restarted)
  "57P02", // crash shutdown
  "57P03", // cannot connect now (starting up)
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "ECONNRESET",
  "EPIPE",
]);

function codeOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; errno?: unknown };
  return typeof e?.code === "string" ? e.code : undefined;
}

/**
 * The job error for a failed database call: what failed, where (user, host,
 * port, database; never the password), and PostgreSQL's reason.
 *
 * @example
 * ```ts ignore
 * throw postgresError(layer, connection, error);
 * ```
 */
export function postgresError(
  layer: SourceLayer,
  c: PostgresConnection,
  error: unknown,
): JobError {
  const where = `${c.user}@${c.host}:${c.port}/${c.dbname}`;
  const e = error as Error & { code?: string };
  let detail: string;
  if (
    e?.name === "NotCapable" || error instanceof Deno.errors.NotCapable
  ) {
    detail =
      `the worker may not connect to ${c.host}:${c.port} (its --allow-net does not name that host)`;
  } else if (e?.code === "57014") {
    detail =
      `the query was canceled after the statement timeout of ${postgresOptions().statementTimeoutSeconds} s (${where})`;
  } else if (
    e?.code === "ECONNREFUSED" || e?.code === "CONNECT_TIMEOUT" ||
    e?.code === "ENOTFOUND" || e?.code === "EAI_AGAIN"
  ) {
    detail = `cannot connect to PostgreSQL at ${where}: ${e.message}`;
  } else {
    detail = `PostgreSQL (${where}) answered: ${e?.message ?? String(error)}`;
  }
  if (c.password) detail = detail.replaceAll(c.password, "***");
  return new JobError(`Cannot open layer '${layer.name}': ${detail}`, {
    cause: error,
  });
}

/**
 * Runs a query through a connection's pool with bound parameters, retrying
 * once when it met a connection the server had closed (a restart); errors
 * become {@link postgresError}s.
 *
 * @example
 * ```ts ignore
 * import { query } from "./pool.ts";
 * const rows = await query(layer, connection, "SELECT $1::int AS n", [1]);
 * ```
 */
export function query(
  layer: SourceLayer,
  c: PostgresConnection,
  text: string,
  params: unknown[],
): Promise<unknown[][]> {
  return withRetry(layer, c, (sql) =>
    // A read-only transaction rolled back whatever happens: what a layer's
    // own SQL changes in the session (`set_config(…, false)` on
    // search_path, statement_timeout, default_transaction_read_only) is
    // undone before the connection serves another job.
    sql.begin("read only", async (tx) => {
      const rows = await tx.unsafe(
        text,
        params as postgres.ParameterOrJSON<never>[],
        // the extended protocol even without parameters: one statement per
        // query, never `…; COMMIT; DROP …` stacked by a layer's SQL
        { simple: false },
      ).values() as unknown as unknown[][];
      await tx.rollback();
      return rows;
    }) as Promise<unknown[][]>);
}

/**
 * Runs a query as {@link query} does (a read-only transaction rolled back,
 * the extended protocol) through a cursor, its rows handed on `size` at a
 * time: at most two batches are held, the one the caller has and the one
 * fetched meanwhile. The transaction stays open until the last batch is
 * taken or the caller stops iterating. A connection the server had closed
 * is retried once, before any batch was handed on.
 *
 * @example
 * ```ts ignore
 * import { queryBatches } from "./pool.ts";
 * for await (const rows of queryBatches(layer, c, "SELECT …", [], 1000)) {
 *   rows.length; // ≤ 1000
 * }
 * ```
 */
export function queryBatches(
  layer: SourceLayer,
  c: PostgresConnection,
  text: string,
  params: unknown[],
  size: number,
): AsyncGenerator<unknown[][]> {
  return streamInTransaction<unknown[][]>(layer, c, async (tx, put) => {
    const cursor = tx.unsafe(
      text,
      params as postgres.ParameterOrJSON<never>[],
      { simple: false },
    ).values().cursor(size) as AsyncIterable<unknown[][]>;
    // leaving the loop closes the cursor (the caller stopped)
    for await (const rows of cursor) {
      if (!await put(rows)) break;
    }
  });
}

/**
 * Runs `COPY (<text>) TO STDOUT (FORMAT binary)` in a read-only
 * transaction rolled back, its output handed on in runs of at least `size`
 * whole tuples ({@link CopyBinarySplitter}): no row object per row, the
 * bytes as PostgreSQL sends them. At most two runs are held, the one the
 * caller has and the one filled meanwhile (the caller is done with a run
 * when it asks for the next). A connection the server had closed is
 * retried once, before any run was handed on.
 *
 * COPY takes no bound parameters and goes through the simple protocol:
 * `text` must be ONE `SELECT` of the caller's own making (quoted
 * identifiers, numbers as literals), never a layer's SQL.
 *
 * @example
 * ```ts ignore
 * import { copyRuns } from "./pool.ts";
 * for await (const run of copyRuns(layer, c, 'SELECT "fid" FROM "t"', 1000)) {
 *   run.count; // whole tuples in run.bytes
 * }
 * ```
 */
export function copyRuns(
  layer: SourceLayer,
  c: PostgresConnection,
  text: string,
  size: number,
): AsyncGenerator<CopyRun> {
  return streamInTransaction<CopyRun>(layer, c, async (tx, put) => {
    const split = new CopyBinarySplitter(size);
    // the newlines end a trailing comment; the text is one statement
    const stream = await tx.unsafe(
      `COPY (\n${text}\n) TO STDOUT (FORMAT binary)`,
    ).readable() as unknown as CopyStream;
    // Read as it flows, a chunk (a row) per event, paused while a run
    // waits for the caller: no promise per row, and the socket paused
    // once a run rather than whenever the stream's buffer fills.
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => {
        stream.destroy();
        reject(error);
      };
      const hand = (run: CopyRun, last: boolean) => {
        stream.pause();
        put(run).then((more) => {
          if (last) resolve();
          else if (more) stream.resume();
          else {
            // the caller stopped: the rest is read and dropped
            stream.destroy();
            resolve();
          }
        }, fail);
      };
      stream.on("data", (chunk: Uint8Array) => {
        try {
          const run = split.push(chunk);
          if (run !== null) hand(run, false);
        } catch (error) {
          fail(error);
        }
      });
      stream.on("end", () => {
        try {
          const last = split.end();
          if (last !== null) hand(last, true);
          else resolve();
        } catch (error) {
          fail(error);
        }
      });
      stream.on("error", fail);
    });
  });
}

/** What `npm:postgres` hands on for `COPY … TO STDOUT`: a Node readable. */
interface CopyStream {
  on(event: "data", f: (chunk: Uint8Array) => void): void;
  on(event: "end", f: () => void): void;
  on(event: "error", f: (e: unknown) => void): void;
  pause(): void;
  resume(): void;
  destroy(): void;
}

/**
 * What {@link queryBatches} and {@link copyRuns} share: `produce` runs in a
 * read-only transaction (rolled back) and hands values on one at a time.
 */
async function* streamInTransaction<T>(
  layer: SourceLayer,
  c: PostgresConnection,
  produce: (
    tx: postgres.TransactionSql<Record<string, never>>,
    put: (value: T) => Promise<boolean>,
  ) => Promise<void>,
): AsyncGenerator<T> {
  let delivered = false;
  for (let attempt = 0;; attempt++) {
    const handoff = new Handoff<T>();
    const pool = poolEntry(c);
    pool.cursors++;
    const reading = pool.sql.begin("read only", async (tx) => {
      await produce(tx, (v) => handoff.put(v));
      await tx.rollback();
    });
    reading.then(() => handoff.end(), (e) => handoff.fail(e));
    try {
      for (;;) {
        const value = await handoff.take();
        if (value === null) return;
        delivered = true;
        yield value;
      }
    } catch (error) {
      if (!delivered && attempt === 0 && RECONNECT.has(codeOf(error) ?? "")) {
        continue;
      }
      throw postgresError(layer, c, error);
    } finally {
      handoff.cancel();
      // the connection back in the pool before the caller goes on
      await reading.catch(() => {});
      pool.cursors--;
    }
  }
}

/**
 * One value at a time from a producer to a consumer: `put` waits until
 * the value is taken (false when the consumer has gone), `take` until a
 * value, the end (null) or a failure comes.
 */
class Handoff<T> {
  #value: { value: T; taken: (more: boolean) => void } | null = null;
  #waiter: ((v: T | null) => void) | null = null;
  #failed: ((e: unknown) => void) | null = null;
  #done = false;
  #error: { e: unknown } | null = null;
  #cancelled = false;

  put(value: T): Promise<boolean> {
    if (this.#cancelled) return Promise.resolve(false);
    return new Promise((taken) => {
      this.#value = { value, taken };
      this.#wake();
    });
  }

  end(): void {
    this.#done = true;
    this.#wake();
  }

  fail(e: unknown): void {
    this.#error = { e };
    this.#wake();
  }

  take(): Promise<T | null> {
    return new Promise((resolve, reject) => {
      this.#waiter = resolve;
      this.#failed = reject;
      this.#wake();
    });
  }

  cancel(): void {
    this.#cancelled = true;
    this.#value?.taken(false);
    this.#value = null;
  }

  #wake(): void {
    const waiter = this.#waiter, failed = this.#failed;
    if (waiter === null || failed === null) return;
    if (this.#value !== null) {
      const { value, taken } = this.#value;
      this.#value = null;
      this.#waiter = this.#failed = null;
      // the producer fetches the next batch while this one is used
      taken(true);
      waiter(value);
    } else if (this.#error !== null) {
      this.#waiter = this.#failed = null;
      failed(this.#error.e);
    } else if (this.#done) {
      this.#waiter = this.#failed = null;
      waiter(null);
    }
  }
}

/**
 * The columns (name, type OID) a query returns, without running it.
 *
 * @example
 * ```ts ignore
 * import { describeColumns } from "./pool.ts";
 * await describeColumns(layer, connection, 'SELECT * FROM "roads" LIMIT 0');
 * // [{ name: "id", type: 23 }, …]
 * ```
 */
export function describeColumns(
  layer: SourceLayer,
  c: PostgresConnection,
  text: string,
): Promise<{ name: string; type: number }[]> {
  return withRetry(layer, c, async (sql) => {
    const d = await sql.unsafe(text).describe();
    return (d.columns ?? []).map((col) => ({
      name: col.name,
      type: col.type,
    }));
  });
}

async function withRetry<T>(
  layer: SourceLayer,
  c: PostgresConnection,
  run: (sql: Sql) => Promise<T>,
): Promise<T> {
  for (let attempt = 0;; attempt++) {
    try {
      return await run(poolFor(c));
    } catch (error) {
      if (attempt === 0 && RECONNECT.has(codeOf(error) ?? "")) continue;
      throw postgresError(layer, c, error);
    }
  }
}
