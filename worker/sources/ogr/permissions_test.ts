import { assert, assertEquals, assertRejects } from "../_assert.ts";
import { DatabaseSync } from "node:sqlite";
import { readVectorLayer, readVectorPage, streamVectorLayer } from "./read.ts";
import { gpkgStats } from "./_gpkg.ts";
import { convertGeoJson, sampleCollection } from "../_test_util.ts";
import { getGdal } from "../../gdal/gdal.ts";
import { JobError } from "../../runners/types.ts";

// GDAL's WebAssembly is loaded before the permissions are narrowed (the
// worker loads it at start, with read access to the package files).
await getGdal();
const base = await Deno.realPath(
  await Deno.makeTempDir({ prefix: "qsl_perm_" }),
);
const root = `${base}/root`;
await Deno.mkdir(`${root}/data`, { recursive: true });
await convertGeoJson(`${root}/data`, "sample", sampleCollection(), "GPKG", [
  "-nln",
  "sample",
]);
await convertGeoJson(base, "secret", sampleCollection(), "GPKG", [
  "-nln",
  "sample",
]);
await Deno.symlink(`${base}/secret.gpkg`, `${root}/data/link.gpkg`);

function layer(path: string) {
  return {
    id: `perm_${path}`,
    name: "sample",
    source: JSON.stringify({ path, layerName: "sample" }),
    remote: false,
    folder_name: "data",
    driver: "ogr",
  };
}

const q = {
  bbox: { xmin: 2500000, ymin: 1000000, xmax: 2800000, ymax: 1300000 },
  crs: "EPSG:2056",
};

Deno.test({
  name:
    "with --allow-read=<data root> only, layers read and escapes fail with our error and Deno's",
  permissions: {
    read: [root],
    write: false,
    net: false,
    env: false,
    run: false,
    ffi: false,
  },
  async fn() {
    const ctx = { dataRoot: root, remoteHosts: [] };
    const data = await readVectorLayer(layer("sample.gpkg"), q, ctx);
    assertEquals(data.features.length, 3);
    for (
      const [path, message] of [
        ["link.gpkg", "leaves the data root"],
        ["../../secret.gpkg", "leaves the data root"],
        [`${base}/secret.gpkg`, "absolute paths are not allowed"],
      ]
    ) {
      const error = await assertRejects(
        () => readVectorLayer(layer(path), q, ctx),
        JobError,
      );
      assert(error.message.includes(message), `${path}: ${error.message}`);
    }
    // Deno refuses the file outside the data root too.
    await assertRejects(
      () => Deno.readFile(`${base}/secret.gpkg`),
      Deno.errors.NotCapable,
    );
  },
});

Deno.test({
  name:
    "with --allow-read=<data root> only, the direct GeoPackage path reads (no write, no FFI) and keeps the data root guard",
  permissions: {
    read: [root],
    write: false,
    net: false,
    env: false,
    run: false,
    ffi: false,
  },
  async fn() {
    const ctx = { dataRoot: root, remoteHosts: [] };
    const before = gpkgStats.reads;
    const stream = await streamVectorLayer(layer("sample.gpkg"), q, ctx);
    let n = 0;
    for await (const batch of stream.batches) n += batch.length;
    assertEquals(n, 3);
    const page = await readVectorPage(layer("sample.gpkg"), {
      startIndex: 1,
      count: 2,
      orderByFid: true,
    }, ctx);
    assertEquals(page.features.map((f) => f.id), [2, 3]);
    assertEquals(gpkgStats.reads - before, 2, "both read directly");
    for (
      const [path, message] of [
        ["link.gpkg", "leaves the data root"],
        ["../../secret.gpkg", "leaves the data root"],
        [`${base}/secret.gpkg`, "absolute paths are not allowed"],
      ]
    ) {
      for (
        const read of [
          () => streamVectorLayer(layer(path), q, ctx),
          () =>
            readVectorPage(layer(path), {
              startIndex: 0,
              count: 1,
              orderByFid: true,
            }, ctx),
        ]
      ) {
        const error = await assertRejects(read, JobError);
        assert(error.message.includes(message), `${path}: ${error.message}`);
      }
    }
    // Deno checks node:sqlite's path against --allow-read.
    assert(
      (() => {
        try {
          new DatabaseSync(`${base}/secret.gpkg`, { readOnly: true });
          return false;
        } catch (error) {
          return error instanceof Deno.errors.NotCapable;
        }
      })(),
      "NotCapable outside the data root",
    );
  },
});

Deno.test("GDAL itself sees nothing outside the data root (a VRT pointing out fails, even with -A)", async () => {
  const ctx = { dataRoot: root, remoteHosts: [] };
  for (
    const target of [`${base}/secret.gpkg`, "../../secret.gpkg", "link.gpkg"]
  ) {
    await Deno.writeTextFile(
      `${root}/data/out.vrt`,
      `<OGRVRTDataSource><OGRVRTLayer name="sample"><SrcDataSource relativeToVRT="${
        target.startsWith("/") ? 0 : 1
      }">${target}</SrcDataSource><SrcLayer>sample</SrcLayer></OGRVRTLayer></OGRVRTDataSource>`,
    );
    const vrt = { ...layer("out.vrt"), id: `vrt_${target}` };
    const error = await assertRejects(
      () => readVectorLayer(vrt, q, ctx),
      JobError,
    );
    assert(
      error.message.startsWith("Cannot open layer 'sample': "),
      error.message,
    );
  }
  // The same VRT pointing inside works.
  await Deno.writeTextFile(
    `${root}/data/in.vrt`,
    `<OGRVRTDataSource><OGRVRTLayer name="sample"><SrcDataSource relativeToVRT="1">sample.gpkg</SrcDataSource><SrcLayer>sample</SrcLayer></OGRVRTLayer></OGRVRTDataSource>`,
  );
  const inside = await readVectorLayer(layer("in.vrt"), q, ctx);
  assertEquals(inside.features.length, 3);
});

Deno.test("cleanup of the permission test data", async () => {
  await Deno.remove(base, { recursive: true });
});
