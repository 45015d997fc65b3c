// GeoTIFFs of a few hundred bytes declaring 100,000 × 100,000 pixels,
// opened by real GDAL for a map of the demo: strips of 100,000 × 20,000
// pixels (2 GB each) fail their layer at once naming the block; tiled ones
// and 2,000 bands are drawn. Before, GDAL allocated the 2 GB strip: 7.7 s
// for a 300 × 200 map, and the worker's WebAssembly memory (never given
// back) grew by 2 GB for good.
import assert from "node:assert/strict";
import { join } from "node:path";
import { encodeStyle } from "@qgis-server-light/interface";
import { executeJob } from "../../worker/queue/execute.ts";
import { defaultRunners } from "../../worker/runners/registry.ts";
import { testRunnerContext } from "../../worker/runners/_test_util.ts";
import { demoRenderJob, GREY_RASTER, sparseGeoTiff } from "./_jobs.ts";

const rasterJob = (file: string) =>
  JSON.stringify(demoRenderJob({
    layers: [{
      id: "r_id",
      name: "r",
      source: JSON.stringify({ path: `data/${file}` }),
      remote: false,
      folder_name: "",
      driver: "gdal",
      style: { name: "default", definition: encodeStyle(GREY_RASTER) },
      filter: null,
    }],
  }));

// a temporary data root holding the demo's vector layers under data/
async function demoDataRoot(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "qsl_hostile_rasters_" });
  await Deno.mkdir(join(root, "data"));
  for (const f of ["places.geojson", "roads.geojson", "zones.geojson"]) {
    await Deno.copyFile(
      new URL(`../../demo/data/${f}`, import.meta.url),
      join(root, "data", f),
    );
  }
  return root;
}

// the worker lives: the demo's map is drawn after a hostile raster
async function assertNextMapDrawn(
  registry: ReturnType<typeof defaultRunners>,
  ctx: ReturnType<typeof testRunnerContext>,
): Promise<void> {
  const next = await executeJob(JSON.stringify(demoRenderJob()), registry, ctx);
  assert.equal(next.status, "succeed", String(next.data));
}

Deno.test("hostile rasters: a GeoTIFF whose blocks hold gigabytes fails naming them; tiled ones are drawn; the next map is drawn", async () => {
  const root = await demoDataRoot();
  try {
    await sparseGeoTiff(join(root, "data/strips.tif"), 100_000, [
      "TILED=NO",
      "BLOCKYSIZE=20000",
      "SPARSE_OK=TRUE",
    ]);
    await sparseGeoTiff(join(root, "data/tiles.tif"), 100_000, [
      "TILED=YES",
      "SPARSE_OK=TRUE",
      "COMPRESS=DEFLATE",
    ]);
    const ctx = testRunnerContext(root);
    const registry = defaultRunners();
    const strips = await executeJob(rasterJob("strips.tif"), registry, ctx);
    assert.equal(strips.status, "failed");
    assert.equal(
      strips.data,
      "Cannot open layer 'r': its blocks of 100000 × 20000 pixels hold 2000000000 bytes, over the limit of 268435456 (GDAL reads a block whole)",
    );
    const tiles = await executeJob(rasterJob("tiles.tif"), registry, ctx);
    assert.equal(tiles.status, "succeed", String(tiles.data));
    await assertNextMapDrawn(registry, ctx);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

// GDAL's JSON prints a NaN geotransform as bare `nan` tokens: before, the
// job failed with "Cannot run job: SyntaxError: Unexpected token 'a', …"
// quoting GDAL's JSON over several lines.
Deno.test("hostile rasters: a GeoTIFF whose geotransform is NaN or infinite is read, not answered with a JSON SyntaxError; the next map is drawn", async () => {
  const root = await demoDataRoot();
  try {
    await sparseGeoTiff(join(root, "data/nan.tif"), 64, undefined, [
      NaN,
      1,
      0,
      NaN,
      0,
      -1,
    ]);
    await sparseGeoTiff(join(root, "data/inf.tif"), 64, undefined, [
      -Infinity,
      Infinity,
      0,
      Infinity,
      0,
      -Infinity,
    ]);
    const ctx = testRunnerContext(root);
    const registry = defaultRunners();
    for (const file of ["nan.tif", "inf.tif"]) {
      const r = await executeJob(rasterJob(file), registry, ctx);
      const message = String(r.status === "failed" ? r.data : "");
      assert.doesNotMatch(message, /SyntaxError|JSON|\n/, file);
      if (r.status === "failed") assert.match(message, /^Cannot /);
    }
    await assertNextMapDrawn(registry, ctx);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

// An Arc/Info ASCII grid whose header declares 500 × 500 cells over five
// values: before, GDAL's reads of the missing lines held the worker for
// minutes (no answer in 95 s on a loaded machine), past the job's time
// budget, since a WebAssembly call cannot be stopped.
Deno.test("hostile rasters: an ASCII grid declaring 500 × 500 cells in 100 bytes fails naming them, at once; the next map is drawn", async () => {
  const root = await demoDataRoot();
  try {
    await Deno.writeTextFile(
      join(root, "data/short.asc"),
      "ncols 500\nnrows 500\nxllcorner 2599520\nyllcorner 1194680\ncellsize 25.92\nNODATA_value -9999\n1 2 3 4 5\n",
    );
    const ctx = testRunnerContext(root);
    const registry = defaultRunners();
    const t0 = performance.now();
    const r = await executeJob(rasterJob("short.asc"), registry, ctx);
    assert.equal(r.status, "failed");
    assert.equal(
      r.data,
      "Cannot open layer 'r': its AAIGrid file declares 500 × 500 cells but holds 100 bytes (at least 2 a cell)",
    );
    assert.ok(performance.now() - t0 < 20_000);
    await assertNextMapDrawn(registry, ctx);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
