import { assert, assertEquals } from "../_assert.ts";
import { openVectorSource } from "../mod.ts";
import type { AttributeValue } from "../../geometry/types.ts";
import { copyValueReader, float4Value } from "./copy_values.ts";
import {
  createTestDatabase,
  postgisLayer,
  type TestDatabase,
} from "./_test_util.ts";
import { closePostgresPools } from "./pool.ts";

const ctx = { dataRoot: Deno.cwd(), remoteHosts: [] };
const everywhere = { xmin: -1, ymin: -1, xmax: 1e6, ymax: 1e6 };

/**
 * Values of each type PostgreSQL's binary COPY is read for, as SQL
 * literals: the edges of each type's range and of what `parseDate` reads.
 */
const CASES: Record<string, string[]> = {
  int2: ["-32768", "0", "32767", "-1"],
  int4: ["-2147483648", "2147483647", "0", "7"],
  int8: [
    "-9223372036854775808",
    "9223372036854775807",
    "9007199254740993",
    "-42",
    "0",
  ],
  oid: ["0", "4294967295"],
  float4: [
    "0.1",
    "-0",
    "'NaN'",
    "'Infinity'",
    "'-Infinity'",
    "3.4028235e38",
    "1.1754944e-38",
    "1e-45",
    "16777217",
    "-123.456",
    "1e10",
    "0.3",
  ],
  float8: [
    "0.1",
    "-0",
    "'NaN'",
    "'Infinity'",
    "'-Infinity'",
    "1.7976931348623157e308",
    "5e-324",
    "-2.5",
    "123456789.123456789",
  ],
  numeric: [
    "0",
    "-0.0001",
    "1.10",
    "'NaN'",
    "'Infinity'",
    "'-Infinity'",
    "10000",
    "100000000",
    "999999999999",
    "1000000000000",
    "9007199254740993",
    "12345678901234567890.123456789",
    "12345678901234567890123",
    "0.5",
    "123.0001",
    "1e-20",
    "-98765.4321",
    "1e30",
    "0.000000000000000000000000000001234",
  ],
  text: [
    "''",
    "'f1'",
    "'Zürich 🗺'",
    "'a much longer ascii text than twenty-four bytes'",
    "'un texte accentué bien plus long que vingt-quatre octets'",
    "E'quote '' and\\nnewline'",
  ],
  varchar: ["'abc'", "''", "'Genève'"],
  "char(5)": ["'ab'", "'abcde'", "'é'"],
  name: ["'a_name'", "'ñame'"],
  bool: ["true", "false"],
  date: [
    "'2020-02-29'",
    "'1970-01-01'",
    "'0001-01-01'",
    "'0050-06-15'",
    "'0999-12-31'",
    "'9999-12-31'",
    "'10000-01-01'",
    "'0044-03-15 BC'",
    "'4713-01-01 BC'",
    "'infinity'",
    "'-infinity'",
  ],
  timestamp: [
    "'2020-02-29 12:34:56.123456'",
    "'2020-01-01 00:00:00.0005'",
    "'2020-01-01 00:00:00.0015'",
    "'2020-01-01 00:00:00.5005'",
    "'2020-12-31 23:59:59.9995'",
    "'2020-12-31 23:59:59.999999'",
    "'1969-12-31 23:59:59.5'",
    "'1500-01-01 01:02:03.4567'",
    "'2300-07-01 10:00:00.25'",
    "'0050-01-01 00:00:00'",
    "'9999-12-31 23:59:59.999999'",
    "'10000-01-01 00:00:00.5'",
    "'0044-03-15 12:00:00 BC'",
    "'294276-12-31 23:59:59.999999'",
    "'infinity'",
    "'-infinity'",
  ],
  timestamptz: [
    "'2020-02-29 12:34:56.123456+00'",
    "'2020-06-01 12:00:00+02'",
    "'2020-01-01 00:00:00.0005+00'",
    "'2020-01-01 00:00:00.5005+00'",
    "'1969-12-31 23:59:59.5+00'",
    "'1500-01-01 01:02:03.4567+00'",
    "'2300-07-01 10:00:00.25+00'",
    "'0050-01-01 00:00:00+00'",
    "'10000-01-01 00:00:00.5+00'",
    "'0044-03-15 12:00:00+00 BC'",
    "'infinity'",
    "'-infinity'",
  ],
};

/**
 * A table of one column `v` of `type`, one row per value, and NULLs:
 * 2,500 of them, so the statement is still in flight while a map holds
 * its first batch of 1,000.
 */
async function table(db: TestDatabase, name: string, type: string) {
  const values = [...CASES[type], "NULL"];
  await db.sql.unsafe(
    `CREATE TABLE public."${name}" (fid int PRIMARY KEY, v ${type},
      geom geometry(Point, 2056))`,
  );
  await db.sql.unsafe(
    `INSERT INTO public."${name}" VALUES ${
      values.map((v, i) =>
        `(${i + 1}, ${v}, ST_SetSRID(ST_MakePoint(${i}, ${i}), 2056))`
      ).join(", ")
    }`,
  );
  await db.sql.unsafe(
    `INSERT INTO public."${name}" SELECT 1000 + i, NULL,
      ST_SetSRID(ST_MakePoint(i, i), 2056) FROM generate_series(1, 2500) AS i`,
  );
}

/** The values of `v` as a map reads them, and whether it read them by COPY. */
async function read(
  db: TestDatabase,
  name: string,
  subset?: string,
): Promise<{ values: [number, AttributeValue][]; copy: boolean }> {
  const pg = openVectorSource(
    postgisLayer(db.name, "public", name, {
      key: '"fid"',
      srid: "2056",
      ...(subset ? { sql: subset } : {}),
    }),
    ctx,
    "read",
  );
  const set = await pg.features({
    bbox: everywhere,
    crs: "EPSG:2056",
    columns: ["v"],
  });
  const values: [number, AttributeValue][] = [];
  let copy = false, first = true;
  for await (const batch of set.batches) {
    if (first) {
      // the statement in flight while the first batch is held
      const running = await db.sql.unsafe(
        `SELECT query FROM pg_stat_activity WHERE datname = $1 AND application_name = 'qgis-server-light' AND state <> 'idle'`,
        [db.name],
      );
      copy = running.some((r) => String(r.query).startsWith("COPY ("));
      first = false;
    }
    for (const f of batch) values.push([f.id, f.attributes.v]);
  }
  return { values, copy };
}

async function withDb(fn: (db: TestDatabase) => Promise<void>) {
  const db = await createTestDatabase();
  try {
    await fn(db);
  } finally {
    await closePostgresPools();
    await db.drop();
  }
}

/** A table of `columns` (SQL) holding one row of `values` (SQL literals). */
async function oneRow(
  db: TestDatabase,
  name: string,
  columns: string,
  values: string,
) {
  await db.sql.unsafe(
    `CREATE TABLE public.${name} (fid int PRIMARY KEY, ${columns},
      geom geometry(Point, 2056))`,
  );
  await db.sql.unsafe(
    `INSERT INTO public.${name} VALUES (1, ${values},
      ST_SetSRID(ST_MakePoint(1, 1), 2056))`,
  );
}

Deno.test("postgres copy values: each type reads from binary COPY as the cursor reads its text", async (t) => {
  await withDb(async (db) => {
    for (const type of Object.keys(CASES)) {
      await t.step(type, async () => {
        const name = `t_${type.replace(/\W/g, "_")}`;
        await table(db, name, type);
        const copied = await read(db, name);
        assert(copied.copy, `${type} read through COPY`);
        // a subset is the layer's SQL: through the cursor
        const cursor = await read(db, name, "true");
        assert(!cursor.copy, `${type} read through the cursor`);
        assertEquals(copied.values.length, CASES[type].length + 2501);
        assertEquals(copied.values, cursor.values);
      });
    }
  });
});

Deno.test("postgres copy values: the values themselves", async () => {
  await withDb(async (db) => {
    await oneRow(
      db,
      "v",
      "f4 float4, n numeric, d date, ts timestamp, tz timestamptz, t text, b bool, i8 int8",
      `0.1, 1.10, '2020-02-29', '2020-02-29 12:34:56.123456',
        '2020-06-01 12:00:00.5+02', 'Zürich', true, 9007199254740993`,
    );
    const pg = openVectorSource(
      postgisLayer(db.name, "public", "v", { key: '"fid"', srid: "2056" }),
      ctx,
      "read",
    );
    const set = await pg.features({ bbox: everywhere, crs: "EPSG:2056" });
    const got: Record<string, AttributeValue>[] = [];
    for await (const batch of set.batches) {
      for (const f of batch) got.push({ ...f.attributes });
    }
    assertEquals(got, [{
      fid: 1,
      f4: 0.1,
      n: 1.1,
      d: new Date(2020, 1, 29),
      ts: new Date(2020, 1, 29, 12, 34, 56, 123),
      tz: new Date(Date.UTC(2020, 5, 1, 10, 0, 0, 500)),
      t: "Zürich",
      b: true,
      i8: 9007199254740992,
    }]);
  });
});

Deno.test("postgres copy values: a type without a reader goes through the cursor", async () => {
  await withDb(async (db) => {
    await oneRow(db, "j", "v json", `'{"a": [1, 2]}'`);
    const { values, copy } = await read(db, "j");
    assert(!copy, "json read through the cursor");
    assertEquals(values, [[1, '{"a":[1,2]}']]);
  });
});

Deno.test("copyValueReader: readers by OID; none for other types", () => {
  const bytes = new Uint8Array([0xff, 0xff, 0xff, 0xfe]);
  const view = new DataView(bytes.buffer);
  assertEquals(copyValueReader(23)!(view, bytes, 0, 4), -2);
  assertEquals(copyValueReader(26)!(view, bytes, 0, 4), 4294967294);
  assertEquals(copyValueReader(114), null);
  assertEquals(copyValueReader(17), null);
  assertEquals(float4Value(Math.fround(0.3)), 0.3);
  assertEquals(float4Value(Math.fround(16777217)), 16777216);
});
