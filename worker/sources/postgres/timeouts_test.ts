// The worker's --pg-statement-timeout and --pg-connect-timeout, through
// Redis to a real worker process against the machine's PostgreSQL: a
// statement that sleeps past 1 s and a server that never answers the
// start-up end the job `failed` in seconds with one "Cannot …" line, and
// the worker goes on drawing maps from PostgreSQL. The worker starts from
// its bundle, as `deno task worker` starts it.
import { assert } from "../_assert.ts";
import { RedisQueue } from "../../../interface/redis_queue.ts";
import { encodeStyle } from "../../../interface/style_codec.ts";
import { startTestRedis } from "../../../tests/redis_server.ts";
import { spawnWorker } from "../../../tests/bench/_util.ts";
import { bundleWorkerStart } from "../../bundle.ts";
import {
  createTestDatabase,
  PG_HOST,
  PG_PORT,
  postgisLayer,
} from "./_test_util.ts";

const POINT =
  '<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="marker" name="0"><layer class="SimpleMarker"><Option type="Map"><Option name="size" value="3" type="QString"/></Option></layer></symbol></symbols></renderer-v2></qgis>';

function mapJob(layer: Record<string, unknown>): Record<string, unknown> {
  return {
    layers: [{
      ...layer,
      folder_name: "",
      style: { name: "default", definition: encodeStyle(POINT) },
      filter: null,
    }],
    bbox: { x_min: 2599000, y_min: 1199000, x_max: 2602000, y_max: 1201000 },
    crs: "EPSG:2056",
    width: 64,
    height: 64,
    dpi: 96,
    format: "image/png",
  };
}

Deno.test("postgres: --pg-statement-timeout and --pg-connect-timeout end a job failed in seconds; the worker goes on", async () => {
  // the worker as `deno task worker` starts it, from its start-up bundle,
  // whose copy of the options must be the one the pools read
  await bundleWorkerStart();
  const db = await createTestDatabase();
  await db.sql.unsafe(
    "CREATE TABLE public.pts (fid serial PRIMARY KEY, geom geometry(Point, 2056))",
  );
  await db.sql.unsafe(
    "INSERT INTO public.pts (geom) VALUES (ST_SetSRID(ST_MakePoint(2600500, 1200500), 2056))",
  );
  // a server that accepts connections and never says a word
  const silent = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  (async () => {
    for await (const conn of silent) held.push(conn);
  })().catch(() => {});
  const root = await Deno.makeTempDir({ prefix: "qsl_pg_timeouts_" });
  const redis = await startTestRedis();
  const worker = spawnWorker({
    redisUrl: redis.url,
    dataRoot: root,
    allowNet: [`${PG_HOST}:${PG_PORT}`, `127.0.0.1:${silent.addr.port}`],
    args: ["--pg-statement-timeout", "1", "--pg-connect-timeout", "1"],
  });
  const queue = RedisQueue.create(redis.url);
  try {
    const post = (layer: Record<string, unknown>) =>
      queue.post(mapJob(layer) as never, {
        type: "QslJobInfoRender",
        timeoutMs: 60_000,
      });
    const ordinary = async () => {
      const r = await post(postgisLayer(db.name, "public", "pts", {
        key: '"fid"',
      }) as never);
      assert(r.status === "succeed", String(r.result.data));
    };
    await ordinary(); // engines loaded, pool open
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [
        "pg_sleep(5) in the layer's SQL",
        postgisLayer(db.name, "public", "pts", {
          key: '"fid"',
          sql: "pg_sleep(5) IS NULL",
        }) as never,
        new RegExp(
          `^Cannot open layer 'pts': the query was canceled after the statement timeout of 1 s \\(postgres@127\\.0\\.0\\.1:5432/${db.name}\\)$`,
        ),
      ],
      [
        "a server that never answers",
        {
          ...postgisLayer(db.name, "public", "pts", { key: '"fid"' }),
          source: JSON.stringify({
            dbname: db.name,
            host: "127.0.0.1",
            port: silent.addr.port,
            username: "postgres",
            password: "s3cr3t-pw",
            schema: "public",
            table: "pts",
            geometrycolumn: "geom",
            sslmode: 1,
          }),
        },
        new RegExp(
          `^Cannot open layer 'pts': cannot connect to PostgreSQL at postgres@127\\.0\\.0\\.1:${silent.addr.port}/${db.name}: .*`,
        ),
      ],
    ];
    for (const [label, layer, reason] of cases) {
      const t0 = performance.now();
      const r = await post(layer);
      const ms = performance.now() - t0;
      const data = String(r.result.data);
      assert(r.status === "failed", `${label}: ${r.status} ${data}`);
      assert(reason.test(data), `${label}: ${data}`);
      assert(!data.includes("\n") && !data.includes("s3cr3t"), data);
      // 1 s and the round trips; the defaults are 30 s (the statement's:
      // the message names 1 s) and 10 s (the connection's): 9 s (was 4 s)
      // still tells the 10 s apart, with seconds for a loaded machine
      assert(ms < 9_000, `${label}: answered in ${ms} ms`);
      await ordinary();
    }
    assert(!worker.log().includes("s3cr3t"), worker.log());
  } finally {
    await queue.close();
    await worker.stop();
    await redis.stop();
    silent.close();
    for (const c of held) {
      try {
        c.close();
      } catch { /* closed */ }
    }
    await db.drop();
    await Deno.remove(root, { recursive: true });
  }
});
