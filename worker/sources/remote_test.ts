import { assert, assertEquals, assertRejects } from "./_assert.ts";
import { readVectorLayer, streamVectorLayer } from "./ogr/read.ts";
import { convertGeoJson, sampleCollection } from "./_test_util.ts";
import { JobError } from "../runners/types.ts";
import { fetchRemote } from "./remote.ts";
import { resolveLayerSource } from "./file_source.ts";

const ALL = { xmin: 2500000, ymin: 1000000, xmax: 2800000, ymax: 1300000 };

function remoteLayer(url: string, id = "remote") {
  return {
    id,
    name: "sample",
    source: JSON.stringify({ path: url }),
    remote: true,
    folder_name: null,
    driver: "ogr",
  };
}

Deno.test("remote sources are fetched from allowed hosts only, redirects included", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_remote_" });
  await convertGeoJson(dir, "sample", sampleCollection(), "FlatGeobuf", [
    "-lco",
    "SPATIAL_INDEX=NO",
  ]);
  const fgb = await Deno.readFile(`${dir}/sample.fgb`);
  let hits = 0;
  const server: Deno.HttpServer<Deno.NetAddr> = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req): Response => {
      const url = new URL(req.url);
      if (url.pathname === "/sample.fgb") {
        hits++;
        return new Response(fgb);
      }
      if (url.pathname === "/moved.fgb") {
        return Response.redirect(
          `http://127.0.0.1:${server.addr.port}/sample.fgb`,
          302,
        );
      }
      if (url.pathname === "/away.fgb") {
        return Response.redirect(
          `http://localhost:${server.addr.port}/sample.fgb`,
          302,
        );
      }
      return new Response("no", { status: 404 });
    },
  );
  try {
    const host = `127.0.0.1:${server.addr.port}`;
    const ctx = { dataRoot: dir, remoteHosts: [host] };
    const base = `http://${host}`;
    const data = await readVectorLayer(remoteLayer(`${base}/sample.fgb`), {
      bbox: ALL,
      crs: "EPSG:2056",
    }, ctx);
    assertEquals(data.features.map((f) => f.attributes.name).sort(), [
      "far away",
      "square",
      "two squares",
    ]);
    // A second job within the time-to-live reuses the fetched copy.
    await readVectorLayer(remoteLayer(`${base}/sample.fgb`), {
      bbox: ALL,
      crs: "EPSG:2056",
    }, ctx);
    assertEquals(hits, 1);
    const moved = await readVectorLayer(
      remoteLayer(`${base}/moved.fgb`, "moved"),
      { bbox: ALL, crs: "EPSG:2056" },
      ctx,
    );
    assertEquals(moved.features.length, 3);
    for (
      const [url, hosts, message] of [
        [
          `${base}/away.fgb`,
          [host],
          `remote host 'localhost:${server.addr.port}' is not on the worker's allow-list`,
        ],
        [`${base}/missing.fgb`, [host], "answered HTTP 404"],
        [
          `${base}/sample.fgb`,
          ["example.org"],
          `remote host '${host}' is not on the worker's allow-list`,
        ],
      ] as const
    ) {
      const error = await assertRejects(
        () =>
          readVectorLayer(remoteLayer(url, url), {
            bbox: ALL,
            crs: "EPSG:2056",
          }, { ...ctx, remoteHosts: [...hosts] }),
        JobError,
      );
      assert(
        error.message.startsWith("Cannot open layer 'sample': "),
        error.message,
      );
      assert(error.message.includes(message), `${message}: ${error.message}`);
    }
    const big = remoteLayer(`${base}/sample.fgb`, "big");
    const resolved = await resolveLayerSource({
      ...big,
      source: JSON.stringify({ path: `${base}/sample.fgb?big` }),
    }, ctx);
    const error = await assertRejects(
      () => fetchRemote(big, resolved, [host], 100),
      JobError,
    );
    assert(error.message.includes("larger than 100 bytes"), error.message);
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a remote GeoJSON streamed for a map is fetched and stored once", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_remote_" });
  const geojson = new TextEncoder().encode(JSON.stringify(sampleCollection()));
  let hits = 0;
  const server: Deno.HttpServer<Deno.NetAddr> = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (): Response => {
      hits++;
      return new Response(geojson);
    },
  );
  try {
    const host = `127.0.0.1:${server.addr.port}`;
    const ctx = { dataRoot: dir, remoteHosts: [host] };
    // The render path prepares the source once and opens it twice (plan,
    // then read): the second open failed on the stored copy's folder.
    const stream = await streamVectorLayer(
      remoteLayer(`http://${host}/sample.geojson`, "streamed"),
      { bbox: ALL, crs: "EPSG:2056" },
      ctx,
    );
    const names: string[] = [];
    for await (const batch of stream.batches) {
      for (const f of batch) names.push(String(f.attributes.name));
    }
    assertEquals(names.sort(), ["far away", "square", "two squares"]);
    assertEquals(hits, 1);
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});
