import { assert, assertEquals } from "../_assert.ts";
import { convertGeoJson, sampleCollection } from "../_test_util.ts";
import { collectFeatures, openVectorSource } from "../mod.ts";
import type { FeatureSet, SourceLayer, VectorSource } from "../source.ts";
import { parseExpression } from "../../expression/parser.ts";
import { JobError } from "../../runners/types.ts";
import { parseWkb } from "../../geometry/wkb.ts";
import {
  createTestDatabase,
  loadLayer,
  postgisLayer,
  type TestDatabase,
} from "./_test_util.ts";
import {
  closePostgresPools,
  DEFAULT_POSTGRES_OPTIONS,
  setPostgresOptions,
} from "./pool.ts";

const root = await Deno.realPath(
  await Deno.makeTempDir({ prefix: "qsl_pg_" }),
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

function source(db: TestDatabase, extra: Record<string, unknown> = {}) {
  return openVectorSource(
    postgisLayer(db.name, "public", "sample", { key: '"fid"', ...extra }),
    ctx,
    "read",
  );
}

async function all(set: FeatureSet) {
  return (await collectFeatures(set)).map((f) => ({
    id: f.id,
    attributes: f.attributes,
    coords: f.geometry!.parts.map((p) => p.map((r) => Array.from(r))),
  }));
}

Deno.test("postgres: a table reads as the same features as the file it was loaded from", async () => {
  await withDb(async (db) => {
    const pg = source(db);
    const ogr = openVectorSource(file, ctx, "read");
    const query = { bbox: everywhere, crs: "EPSG:2056" };
    const [a, b] = [await pg.features(query), await ogr.features(query)];
    assertEquals(a.geometryKind, "polygon");
    assertEquals(
      a.fields.map((f) => [f.name, f.type]),
      b.fields.map((f) => [f.name, f.type]),
    );
    assertEquals(await all(a), await all(b));
    // a map extent in another CRS reprojects both alike
    const wgs = { xmin: 7.4, ymin: 46.9, xmax: 7.6, ymax: 47.1 };
    const c = await all(await pg.features({ bbox: wgs, crs: "OGC:CRS84" }));
    const d = await all(await ogr.features({ bbox: wgs, crs: "OGC:CRS84" }));
    assertEquals(c.map((f) => f.id), d.map((f) => f.id));
    c.forEach((f, i) =>
      f.coords.flat(2).forEach((v, k) =>
        assert(Math.abs(v - d[i].coords.flat(2)[k]) < 1e-9, `${v}`)
      )
    );
  });
});

Deno.test("postgres: the extent, the subset and the filter are pushed down; the rest comes back", async () => {
  await withDb(async (db) => {
    const pg = source(db, { sql: '"n" <> 2' });
    const ids = async (s: VectorSource, filter?: string, bbox = everywhere) => {
      const set = await s.features({
        bbox,
        crs: "EPSG:2056",
        filter: filter ? parseExpression(filter) : null,
      });
      return {
        ids: (await collectFeatures(set)).map((f) => f.id),
        residual: set.residual,
      };
    };
    assertEquals((await ids(pg)).ids, [1, 3], "subset drops n = 2");
    assertEquals(
      (await ids(pg, undefined, {
        xmin: 2599000,
        ymin: 1199000,
        xmax: 2602000,
        ymax: 1202000,
      })).ids,
      [1],
    );
    const pushed = await ids(pg, "r > 0 AND name LIKE 'sq%'");
    assertEquals(pushed.ids, [1]);
    assertEquals(pushed.residual, null, "all of it said in SQL");
    const mixed = await ids(pg, "n IN (1, 3) AND upper(name) = 'FAR AWAY'");
    assertEquals(mixed.ids, [1, 3], "only the IN is applied");
    assert(mixed.residual !== null && mixed.residual.type === "binary");
    // LIKE is case-sensitive, as in QGIS
    assertEquals((await ids(pg, "name LIKE 'SQ%'")).ids, []);
    // a job's values are parameters: this is a string, nothing else
    const evil = "x'; DROP TABLE public.sample; --";
    assertEquals(
      (await ids(pg, `name = '${evil.replaceAll("'", "''")}'`)).ids,
      [],
    );
    const left = await db.sql.unsafe(
      "SELECT count(*)::int AS n FROM public.sample",
    );
    assertEquals(left[0].n, 4);
  });
});

Deno.test("postgres: pages in key order with numbers matched; filters and BBOX pushed down", async () => {
  await withDb(async (db) => {
    const pg = source(db);
    const p1 = await pg.page({ startIndex: 0, count: 2 });
    assertEquals(p1.numbersMatched, 4);
    assertEquals(p1.features.map((f) => f.id), [1, 2]);
    const p2 = await pg.page({ startIndex: 2, count: 10 });
    assertEquals(p2.features.map((f) => f.id), [3, 4]);
    assertEquals(p2.features[1].wkb, null, "no geometry");
    assertEquals(parseWkb(p1.features[0].wkb!).kind, "polygon");
    // the same page as the file gives
    const ogr = openVectorSource(file, ctx, "read");
    const o1 = await ogr.page({ startIndex: 0, count: 2 });
    assertEquals(
      p1.features.map((f) => f.attributes),
      o1.features.map((f) => f.attributes),
    );
    assertEquals(
      p1.features.map((f) => Array.from(f.wkb!)),
      o1.features.map((f) => Array.from(f.wkb!)),
    );
    const filtered = await pg.page({
      startIndex: 0,
      count: null,
      filter: parseExpression("n >= 2"),
    });
    assertEquals(filtered.numbersMatched, 3);
    const residual = await pg.page({
      startIndex: 1,
      count: 1,
      filter: parseExpression("upper(name) <> 'SQUARE'"),
    });
    assertEquals(residual.numbersMatched, 3);
    assertEquals(residual.features.map((f) => f.id), [3]);
  });
});

Deno.test("postgres: hit test in SQL keeps what intersects the kind's rectangle", async () => {
  await withDb(async (db) => {
    const pg = source(db);
    const hit = async (x: number, y: number, t: number) =>
      (await collectFeatures(
        await pg.hitTest({
          point: [x, y],
          crs: "EPSG:2056",
          tolerance: () => t,
        }),
      )).map((f) => f.id);
    assertEquals(await hit(2600500, 1200500, 10), [1]);
    assertEquals(await hit(2600300, 1200300, 10), [], "inside the hole");
    assertEquals(
      await hit(2600300, 1200300, 150),
      [1],
      "the hole's edge in reach",
    );
    assertEquals(await hit(2605000, 1205000, 10), []);
  });
});

Deno.test("postgres: errors name the layer and never the password", async () => {
  await withDb(async (db) => {
    const secret = "s3cr3t-pass";
    const fail = async (s: VectorSource, re: RegExp) => {
      let e: unknown;
      try {
        await s.features({ bbox: everywhere, crs: "EPSG:2056" });
      } catch (error) {
        e = error;
      }
      assert(e instanceof JobError, String(e));
      assert(re.test((e as Error).message), (e as Error).message);
      assert(!(e as Error).message.includes(secret));
    };
    await fail(
      source(db, { dbname: `${db.name}_missing`, password: secret }),
      /Cannot open layer 'sample': PostgreSQL \(postgres@127\.0\.0\.1:5432\/qsl_test_\w+_missing\) answered: .*does not exist/,
    );
    await fail(
      openVectorSource(
        postgisLayer(db.name, "public", "nope", { password: secret }),
        ctx,
        "read",
      ),
      /Cannot open layer 'nope': .*relation "public.nope" does not exist/,
    );
    await fail(
      source(db, { geometrycolumn: "shape" }),
      /Cannot open layer 'sample': the table has no column 'shape'/,
    );
    await fail(
      source(db, { sql: "no_such_column = 1" }),
      /Cannot open layer 'sample': .*no_such_column/,
    );
    // the layer's own SQL runs read-only
    await db.sql.unsafe("CREATE SEQUENCE public.qsl_seq");
    await fail(
      source(db, {
        table:
          "(SELECT s.*, nextval('public.qsl_seq') AS k FROM public.sample s)",
      }),
      /Cannot open layer 'sample': PostgreSQL .*read-only transaction/,
    );
  });
});

Deno.test({
  name: "postgres: a host the worker may not reach fails with a clear message",
  permissions: { net: ["127.0.0.1:5432"], env: ["PG*"], read: true },
  async fn() {
    const layer = postgisLayer("gis", "public", "roads", { host: "127.0.0.2" });
    let e: unknown;
    try {
      await openVectorSource(layer, ctx, "read").features({
        bbox: everywhere,
        crs: "EPSG:2056",
      });
    } catch (error) {
      e = error;
    } finally {
      await closePostgresPools();
    }
    assert(e instanceof JobError, String(e));
    assertEquals(
      (e as Error).message,
      "Cannot open layer 'roads': the worker may not connect to 127.0.0.2:5432 (its --allow-net does not name that host)",
    );
  },
});

Deno.test("postgres: a map's features come through a cursor in batches of at most 1,000, in PostgreSQL's order; a reader that stops early ends the transaction", async () => {
  await withDb(async (db) => {
    // 2,500 points in a grid, ids in the table's order
    await db.sql.unsafe(
      `CREATE TABLE public.many AS SELECT i AS fid, 'p' || i AS name,
        ST_SetSRID(ST_MakePoint(2600000 + (i % 50) * 10, 1200000 + (i / 50) * 10), 2056)::geometry(Point, 2056) AS geom
        FROM generate_series(1, 2500) AS i`,
    );
    await db.sql.unsafe("ALTER TABLE public.many ADD PRIMARY KEY (fid)");
    const pg = openVectorSource(
      postgisLayer(db.name, "public", "many", { key: '"fid"' }),
      ctx,
      "read",
    );
    const set = await pg.features({ bbox: everywhere, crs: "EPSG:2056" });
    const sizes: number[] = [];
    const ids: number[] = [];
    for await (const batch of set.batches) {
      sizes.push(batch.length);
      for (const f of batch) ids.push(f.id);
    }
    // a render holds a batch, not the layer
    assertEquals(sizes, [1000, 1000, 500]);
    const order = await db.sql.unsafe(
      `SELECT fid FROM public.many WHERE geom && ST_MakeEnvelope(2500000, 1000000, 2800000, 1300000, 2056)`,
    );
    assertEquals(ids, order.map((r) => Number(r.fid)));
    // no field: through COPY (a Point column: no ST_HasArc), the same
    const copied = await pg.features({
      bbox: everywhere,
      crs: "EPSG:2056",
      columns: [],
    });
    const again: number[] = [];
    for await (const batch of copied.batches) {
      for (const f of batch) {
        again.push(f.id);
        const [x, y] = f.geometry!.parts[0][0];
        assertEquals([x, y], [
          2600000 + (f.id % 50) * 10,
          1200000 + Math.floor(f.id / 50) * 10,
        ]);
      }
    }
    assertEquals(again, ids);
    // reprojected batch by batch, the same points as one read of them
    const wgs = { xmin: 7.4, ymin: 46.9, xmax: 7.5, ymax: 47.0 };
    const inWgs = await pg.features({ bbox: wgs, crs: "OGC:CRS84" });
    let n = 0;
    for await (const batch of inWgs.batches) {
      assert(batch.length <= 1000);
      for (const f of batch) {
        const [x, y] = f.geometry!.parts[0][0];
        assert(x > 7.4 && x < 7.5 && y > 46.9 && y < 47.0, `${x} ${y}`);
        n++;
      }
    }
    assertEquals(n, 2500);
    // stopped after the first batch: no transaction left open
    const stopped = await pg.features({ bbox: everywhere, crs: "EPSG:2056" });
    for await (const batch of stopped.batches) {
      assertEquals(batch.length, 1000);
      break;
    }
    const open = await db.sql.unsafe(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'qgis-server-light' AND state <> 'idle'`,
      [db.name],
    );
    assertEquals(open[0].n, 0);
  });
});

Deno.test("postgres: a cursor read for longer than the pool's idle time is not cut off", async () => {
  await withDb(async (db) => {
    await db.sql.unsafe(
      `CREATE TABLE public.slow AS SELECT i AS fid,
        ST_SetSRID(ST_MakePoint(2600000 + i, 1200000), 2056)::geometry(Point, 2056) AS geom
        FROM generate_series(1, 6000) AS i`,
    );
    setPostgresOptions({ idleSeconds: 1 });
    try {
      const pg = openVectorSource(
        postgisLayer(db.name, "public", "slow", { key: '"fid"' }),
        ctx,
        "read",
      );
      const set = await pg.features({ bbox: everywhere, crs: "EPSG:2056" });
      let n = 0;
      for await (const batch of set.batches) {
        n += batch.length;
        // a map painting its batches for longer than the idle time and the
        // 5 s an ended pool waits for its queries
        await new Promise((r) => setTimeout(r, 1500));
      }
      assertEquals(n, 6000);
    } finally {
      setPostgresOptions(DEFAULT_POSTGRES_OPTIONS);
    }
  });
});

Deno.test("postgres: a layer of mixed type is drawn as its first feature's kind and leaves no transaction open when its batches are not read", async () => {
  await withDb(async (db) => {
    // an untyped geometry column: 1,499 points and a line among them
    await db.sql.unsafe(
      `CREATE TABLE public.mixed AS SELECT i AS fid,
        ST_SetSRID(CASE WHEN i = 700 THEN ST_MakeLine(ST_MakePoint(2600000, 1200000), ST_MakePoint(2600010, 1200010))
          ELSE ST_MakePoint(2600000 + i, 1200000) END, 2056)::geometry AS geom
        FROM generate_series(1, 1500) AS i ORDER BY i`,
    );
    const pg = openVectorSource(
      postgisLayer(db.name, "public", "mixed", { key: '"fid"' }),
      ctx,
      "read",
    );
    const set = await pg.features({ bbox: everywhere, crs: "EPSG:2056" });
    assertEquals(set.geometryKind, "point");
    // the set made, its batches not (yet) read
    const open = await db.sql.unsafe(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'qgis-server-light' AND state <> 'idle'`,
      [db.name],
    );
    assertEquals(open[0].n, 0);
    const ids = (await collectFeatures(set)).map((f) => f.id);
    assertEquals(ids.length, 1499);
    assert(!ids.includes(700));
  });
});

Deno.test("postgres: a map that needs no field comes through binary COPY, the same features in the same order as through the cursor; reused batch by batch; stopped early, no transaction is left open", async () => {
  await withDb(async (db) => {
    // every kind of row: NULL and empty geometries, multi-parts, holes, Z,
    // curves, a point of NaN, lines of 0 and many points; a name COPY's
    // text must quote; rows in an order of their own
    const table = 'odd "name"; ) x';
    await db.sql.unsafe(
      `CREATE TABLE public.${quote(table)} AS SELECT i AS fid, i % 3 AS n,
        ST_SetSRID(CASE i % 10
          WHEN 0 THEN NULL
          WHEN 1 THEN ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))')
          WHEN 2 THEN ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))')
          WHEN 3 THEN ST_GeomFromText('MULTIPOLYGON(((0 0, 5 0, 5 5, 0 0)), ((6 6, 9 6, 9 9, 6 6)))')
          WHEN 4 THEN ST_GeomFromText('POLYGON Z((0 0 1, 4 0 2, 4 4 3, 0 0 1))')
          WHEN 5 THEN ST_GeomFromText('CURVEPOLYGON(CIRCULARSTRING(0 0, 4 0, 4 4, 0 4, 0 0))')
          WHEN 6 THEN ST_GeomFromText('POLYGON EMPTY')
          WHEN 7 THEN ST_GeomFromText('LINESTRING(0 0, 1 1)')
          WHEN 8 THEN ST_GeomFromText('MULTIPOLYGON(((1 1, 5 1, 5 5, 1 1)))')
          ELSE ST_MakePolygon(ST_MakeLine(ARRAY(SELECT ST_MakePoint(k, (k * k) % 7) FROM generate_series(0, i % 40 + 3) AS k) || ST_MakePoint(0, 0)))
        END, 2056) AS geom
        FROM generate_series(1, 2600) AS i ORDER BY (i * 7919) % 2600`,
    );
    await db.sql.unsafe(
      `UPDATE public.${
        quote(table)
      } SET geom = ST_Translate(geom, 2600000, 1200000)`,
    );
    await db.sql.unsafe(
      `ALTER TABLE public.${quote(table)} ADD PRIMARY KEY (fid)`,
    );
    const pg = openVectorSource(
      // polygons (QgsWkbTypes 3): the column itself says Geometry
      postgisLayer(db.name, "public", table, {
        key: '"fid"',
        srid: "2056",
        type: 3,
      }),
      ctx,
      "read",
    );
    const read = async (
      columns: string[] | "all",
      transient = false,
      filter?: string,
    ) => {
      const set = await pg.features({
        bbox: everywhere,
        crs: "EPSG:2056",
        columns,
        transient,
        filter: filter ? parseExpression(filter) : null,
      });
      const out: { id: number; coords: number[][][] }[] = [];
      const seen = new Set<unknown>();
      let reused = 0;
      for await (const batch of set.batches) {
        assert(batch.length <= 1000, `${batch.length}`);
        for (const f of batch) {
          if (seen.has(f)) reused++;
          seen.add(f);
          out.push({
            id: f.id,
            coords: f.geometry!.parts.map((p) => p.map((r) => Array.from(r))),
          });
        }
      }
      return { out, reused, residual: set.residual };
    };
    const cursor = await read("all");
    // NULL, empty polygons and the line (not the layer's kind) left out
    assertEquals(cursor.out.length, 2600 - 3 * 260);
    const copy = await read([]);
    assertEquals(copy.out, cursor.out);
    assertEquals(copy.reused, 0);
    const reused = await read([], true);
    assertEquals(reused.out, cursor.out);
    assert(reused.reused > 0, "features reused from batch to batch");
    // numbers in a filter are written as literals; a string falls back to
    // the cursor (bound); both as the cursor reads them
    const numeric = await read([], true, "fid > 100 AND fid <= 2000.5");
    assertEquals(
      numeric.out,
      cursor.out.filter((f) => f.id > 100 && f.id <= 2000.5),
    );
    assertEquals(numeric.residual, null);
    const text = await read([], true, "n = 1 OR fid = 'x'");
    assert(text.out.length > 0);
    // what the query is while a batch is held
    const set = await pg.features({
      bbox: everywhere,
      crs: "EPSG:2056",
      columns: [],
      transient: true,
    });
    for await (const _ of set.batches) {
      const running = await db.sql.unsafe(
        `SELECT query FROM pg_stat_activity WHERE datname = $1 AND application_name = 'qgis-server-light' AND state <> 'idle'`,
        [db.name],
      );
      assertEquals(running.length, 1);
      assert(
        String(running[0].query).startsWith("COPY (\nSELECT "),
        String(running[0].query),
      );
      break;
    }
    const open = await db.sql.unsafe(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'qgis-server-light' AND state <> 'idle'`,
      [db.name],
    );
    assertEquals(open[0].n, 0);
  });
});

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
