import { fileURLToPath } from "node:url";
import { Buffer } from "node:buffer";
import { decode } from "fast-png";
import { encodeStyle } from "@qgis-server-light/interface";
import { assert, assertEquals, assertRejects } from "../sources/_assert.ts";
import { type RenderJob, renderMap } from "./render.ts";
import { renderDeps } from "./render_deps.ts";
import { JobError, type RunnerContext } from "./types.ts";

// tiles GDAL made from our own data (tests/parity/vectortiles/make_references.py)
const DATA = fileURLToPath(
  new URL("../../tests/parity/vectortiles/data/", import.meta.url),
);
const logs: string[] = [];
const ctx: RunnerContext = {
  dataRoot: DATA,
  svgPaths: [],
  remoteHosts: [],
  limits: { maxWidth: 4096, maxHeight: 4096, maxLayers: 100 },
  logger: { log: (level, message) => logs.push(`${level}: ${message}`) },
};

const FILL = `<renderer type="basic"><styles>
  <style name="zones" layer="zones" geometry="2" enabled="1" expression="" min-zoom="-1" max-zoom="-1">
    <symbols><symbol name="0" type="fill" alpha="1" clip_to_extent="1">
      <layer class="SimpleFill" enabled="1" pass="0">
        <prop k="color" v="255,0,0,255"/><prop k="outline_style" v="no"/>
      </layer>
    </symbol></symbols>
  </style>
</styles></renderer>`;

function job(
  qml: string,
  source: unknown,
  driver = "mbtilesvectortiles",
): RenderJob {
  return {
    layers: [{
      id: "tiles",
      name: "tiles",
      source: JSON.stringify(source),
      remote: driver === "xyzvectortiles",
      folder_name: "",
      driver,
      style: {
        name: "default",
        definition: encodeStyle(`<qgis>${qml}</qgis>`),
      },
      filter: null,
    }],
    // inside zone 1 of make_references.py, in tile 12/2132/1442
    bbox: { x_min: 825700, y_min: 5926100, x_max: 826500, y_max: 5926700 },
    crs: "EPSG:3857",
    width: 40,
    height: 30,
  } as unknown as RenderJob;
}

const MBTILES = { type: "mbtiles", path: "tiles.mbtiles" };

function centre(png: Uint8Array): number[] {
  const img = decode(png);
  const i = (15 * img.width + 20) * img.channels;
  return [...(img.data as Uint8Array).slice(i, i + 4)];
}

Deno.test("render vector tiles: an unknown renderer type or none fails naming the cause; the next job renders", async () => {
  const unknown = await assertRejects(
    () =>
      renderMap(job('<renderer type="mapboxgl"/>', MBTILES), ctx, renderDeps),
    JobError,
  );
  assertEquals(
    unknown.message,
    "Cannot render vector tile layer 'tiles': renderer type 'mapboxgl' is not supported (supported: basic)",
  );
  const none = await assertRejects(
    () => renderMap(job("", MBTILES), ctx, renderDeps),
    JobError,
  );
  assertEquals(
    none.message,
    `Cannot render vector tile layer 'tiles': its style has no vector tile renderer (<renderer type="basic">)`,
  );
  const out = await renderMap(job(FILL, MBTILES), ctx, renderDeps);
  assertEquals(centre(out.data), [255, 0, 0, 255]);
});

Deno.test("render vector tiles: a tile that fails to fetch or decode is skipped with a warning, the rest drawn", async () => {
  const broken = new Set(["/12/2132/1442.pbf"]);
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const path = new URL(request.url).pathname;
      if (broken.has(path)) return new Response(Buffer.from("not a tile"));
      try {
        return new Response(await Deno.readFile(`${DATA}xyz${path}`));
      } catch {
        return new Response("no", { status: 404 });
      }
    },
  );
  const host = `127.0.0.1:${(server.addr as Deno.NetAddr).port}`;
  try {
    logs.length = 0;
    const source = {
      type: "xyz",
      url: `http://${host}/{z}/{x}/{y}.pbf`,
      zmin: 8,
      zmax: 12,
    };
    const web = { ...ctx, remoteHosts: [host] };
    const out = await renderMap(
      job(FILL, source, "xyzvectortiles"),
      web,
      renderDeps,
    );
    assertEquals(centre(out.data), [0, 0, 0, 0]);
    assertEquals(logs.length, 1);
    assert(
      logs[0].startsWith(
        "warning: vector tile 12/2132/1442 of layer 'tiles' skipped: Cannot decode tile 12/2132/1442",
      ),
      logs[0],
    );
    broken.clear();
    // the broken answer is in the web cache (24 hours, as QGIS keeps it)
    const again = { ...source, url: `${source.url}?again` };
    const good = await renderMap(
      job(FILL, again, "xyzvectortiles"),
      web,
      renderDeps,
    );
    assertEquals(centre(good.data), [255, 0, 0, 255]);
  } finally {
    await server.shutdown();
  }
});
