import { fileURLToPath } from "node:url";
import { assert, assertEquals, assertRejects } from "../_assert.ts";
import { JobError } from "../../runners/types.ts";
import type {
  RawTile,
  SourceContext,
  TiledVectorSource,
  TileId,
} from "../source.ts";
import {
  mbtilesVectorTilesProvider,
  xyzVectorTilesProvider,
} from "./provider.ts";

// tiles GDAL made from our own data (tests/parity/vectortiles/make_references.py)
const DATA = fileURLToPath(
  new URL("../../../tests/parity/vectortiles/data/", import.meta.url),
);

function context(log: string[], hosts: string[] = []): SourceContext {
  return {
    dataRoot: DATA,
    remoteHosts: hosts,
    logger: { log: (level, message) => log.push(`${level}: ${message}`) },
  };
}

async function all(
  source: TiledVectorSource,
  ids: TileId[],
): Promise<RawTile[]> {
  const out: RawTile[] = [];
  for await (const t of source.tiles(ids)) out.push(t);
  return out;
}

const Z12 = [
  { z: 12, x: 2132, y: 1441 },
  { z: 12, x: 2000, y: 1441 }, // not in the set
  { z: 12, x: 2131, y: 1440 },
];

Deno.test("mbtiles vector tiles: the file's zoom levels, its tiles by XYZ row, missing ones skipped", async () => {
  const log: string[] = [];
  const source = mbtilesVectorTilesProvider.open({
    id: "t",
    name: "tiles",
    driver: "mbtilesvectortiles",
    source: JSON.stringify({
      type: "mbtiles",
      path: "tiles.mbtiles",
      zmax: 14,
    }),
    remote: false,
  }, context(log)) as TiledVectorSource;
  // QGIS 3.22 takes the metadata's levels over the URI's
  assertEquals(await source.zoomRange(), [8, 12]);
  const tiles = await all(source, Z12);
  assertEquals(tiles.map((t) => t.id), [Z12[0], Z12[2]]);
  assertEquals([tiles[0].data[0], tiles[0].data[1]], [0x1f, 0x8b]);
  assertEquals(log, []);
});

/** This process's open file descriptors that lead to `name`. */
function openFilesNamed(name: string): number {
  let n = 0;
  for (const fd of Deno.readDirSync("/proc/self/fd")) {
    try {
      if (Deno.readLinkSync(`/proc/self/fd/${fd.name}`).endsWith(name)) n++;
    } catch { /* closed meanwhile */ }
  }
  return n;
}

Deno.test({
  name:
    "mbtiles vector tiles: the file is closed once its levels and tiles are read",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    const source = mbtilesVectorTilesProvider.open({
      id: "t",
      name: "tiles",
      driver: "mbtilesvectortiles",
      source: JSON.stringify({ type: "mbtiles", path: "tiles.mbtiles" }),
      remote: false,
    }, context([])) as TiledVectorSource;
    const before = openFilesNamed("tiles.mbtiles");
    await source.zoomRange();
    await all(source, Z12);
    // a worker serving many jobs must not hold one handle per job
    assertEquals(openFilesNamed("tiles.mbtiles"), before);
  },
});

Deno.test("mbtiles vector tiles: a remote file, a path out of the data root, a file that is no MBTiles fail naming the layer", async () => {
  const open = (source: unknown, remote = false) =>
    mbtilesVectorTilesProvider.open({
      id: "t",
      name: "tiles",
      driver: "mbtilesvectortiles",
      source: JSON.stringify(source),
      remote,
    }, context([])) as TiledVectorSource;
  const remote = await assertRejects(
    () =>
      open({ type: "mbtiles", path: "https://x/t.mbtiles" }, true).zoomRange(),
    JobError,
  );
  assertEquals(
    remote.message,
    "Cannot open layer 'tiles': an MBTiles file must be local, not remote",
  );
  const out = await assertRejects(
    () => open({ type: "mbtiles", path: "../../t.mbtiles" }).zoomRange(),
    JobError,
  );
  assert(out.message.includes("leaves the data root"), out.message);
  const notMbtiles = await assertRejects(
    () => open({ type: "mbtiles", path: "vectortiles.qgs" }).zoomRange(),
    JobError,
  );
  assert(
    notMbtiles.message.startsWith(
      "Cannot open layer 'tiles': cannot open MBTiles file 'vectortiles.qgs'",
    ) ||
      notMbtiles.message.startsWith(
        "Cannot open layer 'tiles': 'vectortiles.qgs' is not an MBTiles file",
      ),
    notMbtiles.message,
  );
});

Deno.test("xyz vector tiles: fetched through the web client from allowed hosts; a failing tile is skipped with a warning", async () => {
  let requests = 0;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      requests++;
      const path = new URL(request.url).pathname;
      if (path.startsWith("/12/2131/")) {
        return new Response("boom", { status: 500 });
      }
      try {
        return new Response(await Deno.readFile(`${DATA}xyz${path}`));
      } catch {
        return new Response("no such tile", { status: 404 });
      }
    },
  );
  const host = `127.0.0.1:${(server.addr as Deno.NetAddr).port}`;
  try {
    const log: string[] = [];
    const layer = {
      id: "x",
      name: "xyz",
      driver: "xyzvectortiles",
      source: JSON.stringify({
        type: "xyz",
        url: `http://${host}/{z}/{x}/{y}.pbf`,
        zmin: 8,
        zmax: 12,
      }),
      remote: true,
    };
    const source = xyzVectorTilesProvider.open(
      layer,
      context(log, [host]),
    ) as TiledVectorSource;
    assertEquals(await source.zoomRange(), [8, 12]);
    const tiles = await all(source, Z12);
    assertEquals(tiles.map((t) => t.id), [Z12[0]]);
    assertEquals(
      tiles[0].data,
      await Deno.readFile(`${DATA}xyz/12/2132/1441.pbf`),
    );
    assertEquals(log.length, 2);
    // the requests run at once: their warnings come as they fail
    log.sort();
    assert(
      log[0].startsWith(
        "warning: vector tile 12/2000/1441 of layer 'xyz' skipped: Cannot fetch",
      ),
      log[0],
    );
    assert(log[1].includes("HTTP 500"), log[1]);
    assertEquals(requests, 3);
    // a host not allowed: the layer fails, nothing is requested
    const refused = xyzVectorTilesProvider.open(
      layer,
      context([], []),
    ) as TiledVectorSource;
    const e = await assertRejects(() => all(refused, Z12), JobError);
    assertEquals(
      e.message,
      `Cannot open layer 'xyz': host '${host}' of its tile URL is not on the worker's allow-list`,
    );
    assertEquals(requests, 3);
  } finally {
    await server.shutdown();
  }
});

Deno.test("xyz vector tiles: file: templates read below the data root only", async () => {
  const log: string[] = [];
  const open = (url: string) =>
    xyzVectorTilesProvider.open({
      id: "x",
      name: "xyz",
      driver: "xyzvectortiles",
      source: JSON.stringify({ type: "xyz", url }),
    }, context(log)) as TiledVectorSource;
  const inside = await all(
    open(`file://${DATA}xyz/{z}/{x}/{y}.pbf`),
    Z12,
  );
  assertEquals(inside.map((t) => t.id), [Z12[0], Z12[2]]);
  assertEquals(log.length, 1);
  assert(log[0].includes("skipped: no file"), log[0]);
  const e = await assertRejects(
    () => all(open("file:///etc/{z}{x}{y}/../passwd"), [{ z: 0, x: 0, y: 0 }]),
    JobError,
  );
  assertEquals(
    e.message,
    "Cannot open layer 'xyz': its tile URL leaves the data root (file: tiles must be below it)",
  );
});
