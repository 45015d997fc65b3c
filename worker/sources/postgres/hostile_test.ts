// A hostile job's `postgres` source against a real PostgreSQL: the layer's
// own SQL (its subset, a subquery as its table) is SQL by QGIS's
// definition, but one statement, read-only, leaving nothing behind in the
// pooled session; connection keys are bounded and one line.
import { assert, assertEquals } from "../_assert.ts";
import { convertGeoJson, sampleCollection } from "../_test_util.ts";
import { collectFeatures, openVectorSource } from "../mod.ts";
import type { SourceLayer, VectorSource } from "../source.ts";
import { JobError } from "../../runners/types.ts";
import {
  createTestDatabase,
  loadLayer,
  postgisLayer,
  type TestDatabase,
} from "./_test_util.ts";
import { closePostgresPools, setPostgresOptions } from "./pool.ts";

const root = await Deno.realPath(
  await Deno.makeTempDir({ prefix: "qsl_pg_hostile_" }),
);
await Deno.mkdir(`${root}/data`);
await convertGeoJson(`${root}/data`, "sample", sampleCollection(), "GPKG", [
  "-nln",
  "sample",
]);
const ctx = { dataRoot: root, remoteHosts: [] };
const file: SourceLayer = {
  id: "file_sample",
  name: "sample",
  driver: "ogr",
  folder_name: "data",
  source: JSON.stringify({ path: "sample.gpkg", layerName: "sample" }),
};
const everywhere = {
  xmin: 2500000,
  ymin: 1000000,
  xmax: 2800000,
  ymax: 1300000,
};

async function withDb(fn: (db: TestDatabase) => Promise<void>): Promise<void> {
  const db = await createTestDatabase();
  try {
    await loadLayer(db.sql, file, ctx, "public", "sample", 2056);
    await fn(db);
  } finally {
    await closePostgresPools();
    await db.drop();
  }
}

function source(
  db: TestDatabase,
  extra: Record<string, unknown> = {},
): VectorSource {
  return openVectorSource(
    postgisLayer(db.name, "public", "sample", { key: '"fid"', ...extra }),
    ctx,
    "read",
  );
}

async function features(s: VectorSource): Promise<number> {
  return (await collectFeatures(
    await s.features({ bbox: everywhere, crs: "EPSG:2056" }),
  )).length;
}

async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    assert(error instanceof JobError, String(error));
    return (error as Error).message;
  }
  throw new Error("no error");
}

async function exists(db: TestDatabase, table: string): Promise<boolean> {
  const r = await db.sql.unsafe("SELECT to_regclass($1) IS NOT NULL AS e", [
    table,
  ]);
  return r[0].e as boolean;
}

// a COMMIT ends the read-only transaction; the next one is made writable
const STACKED =
  "COMMIT; SET default_transaction_read_only = off; COMMIT; CREATE TABLE public.pwned (x int)";

Deno.test("postgres hostile: statements in a layer's SQL are not stackable", async () => {
  await withDb(async (db) => {
    // the subset closes its parenthesis and opens one for the rest
    const sql = `true); ${STACKED}; SELECT 1 FROM (SELECT 1) x WHERE (true`;
    const paged = await failure(() =>
      source(db, { sql }).page({ startIndex: 0, count: 5 })
    );
    assert(
      /^Cannot open layer 'sample': PostgreSQL .* answered: cannot insert multiple commands into a prepared statement$/
        .test(paged),
      paged,
    );
    assert(!await exists(db, "public.pwned"), "the stacked CREATE ran");
    // a subquery as the table, without an SRID: its SRID was looked up
    // with the subquery's text and no parameters
    const table =
      `(SELECT * FROM public.sample) s; ${STACKED}; SELECT * FROM (SELECT 1)`;
    const opened = await failure(() =>
      features(source(db, { table, schema: "", key: "" }))
    );
    assert(/multiple commands/.test(opened), opened);
    assert(!await exists(db, "public.pwned"), "the stacked CREATE ran");
    // the worker goes on reading the table
    assertEquals(await features(source(db)), 3);
  });
});

Deno.test("postgres hostile: what a layer's SQL sets in its session is undone", async () => {
  setPostgresOptions({ poolSize: 1, statementTimeoutSeconds: 2 });
  try {
    await withDb(async (db) => {
      // true for every row, and changes the pooled session for good
      const poison = [
        "set_config('search_path', 'pg_catalog', false)",
        "set_config('statement_timeout', '0', false)",
        "set_config('default_transaction_read_only', 'off', false)",
      ].map((s) => `${s} IS NOT NULL`).join(" AND ");
      assertEquals(await features(source(db, { sql: poison })), 3);
      // the same (only) connection: search_path is public again…
      assertEquals(
        await features(source(db, { schema: "", table: "sample" })),
        3,
        "search_path left changed",
      );
      // …the statement timeout holds…
      const t0 = performance.now();
      const slept = await failure(() =>
        features(source(db, { sql: "pg_sleep(30) IS NULL" }))
      );
      assert(/statement timeout of 2 s/.test(slept), slept);
      assert(performance.now() - t0 < 10_000);
      // …and the layer's SQL still cannot write
      await db.sql.unsafe("CREATE SEQUENCE public.qsl_seq");
      const wrote = await failure(() =>
        features(source(db, { sql: "nextval('public.qsl_seq') > 0" }))
      );
      assert(/read-only transaction/.test(wrote), wrote);
    });
  } finally {
    setPostgresOptions({ poolSize: 4, statementTimeoutSeconds: 30 });
  }
});

Deno.test("postgres hostile: oversized, multi-line and socket-path keys fail unread", async () => {
  const layer = (extra: Record<string, unknown>) =>
    openVectorSource(
      postgisLayer("gis", "public", "sample", extra),
      ctx,
      "read",
    );
  const cases: [Record<string, unknown>, string][] = [
    [
      { sql: "true AND ".repeat(1_250_000) + "true" },
      "source key 'sql' is 11250004 characters long (at most 100000)",
    ],
    [
      { table: `(SELECT ${"1,".repeat(60_000)}1)` },
      "source key 'table' is 120010 characters long (at most 100000)",
    ],
    [{ sql: "true\0" }, "source key 'sql' holds a NUL character"],
    [
      { dbname: "x\r\nSET pwned 1\r\n" },
      "source key 'dbname' holds a control character",
    ],
    [{ username: "a\nb" }, "source key 'username' holds a control character"],
    [
      { schema: "s".repeat(5_000) },
      "source key 'schema' is 5000 characters long (at most 1000)",
    ],
    // before: "PostgreSQL (…:99999/gis) answered: Port should be >= 0 and
    // < 65536. Received 99999."
    [{ port: 99999 }, "source key 'port' is not a TCP port ('99999')"],
    [{ port: 0 }, "source key 'port' is not a TCP port ('0')"],
    [
      { host: "/var/run/postgresql" },
      "host '/var/run/postgresql' is a Unix socket folder; the worker connects over TCP only",
    ],
  ];
  for (const [extra, detail] of cases) {
    const t0 = performance.now();
    const message = await failure(() => features(layer(extra)));
    assertEquals(message, `Cannot open layer 'sample': ${detail}`);
    // the messages are ours, so nothing reached the server; the bound only
    // catches a check gone quadratic (seconds on a loaded machine are fine)
    assert(performance.now() - t0 < 20_000, `${detail}: slow`);
  }
  await closePostgresPools();
});
