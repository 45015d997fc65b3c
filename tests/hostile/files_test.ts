// Corrupted copies of the reference corpus's real files (truncated GeoTIFF
// and GeoPackage, garbled TIFF header, the data root as a path) fail their
// job with a one-line reason naming the layer and the job's own paths; the
// worker goes on (the next map is drawn).
import assert from "node:assert/strict";
import { join } from "node:path";
import { executeJob } from "../../worker/queue/execute.ts";
import { defaultRunners } from "../../worker/runners/registry.ts";
import { testRunnerContext } from "../../worker/runners/_test_util.ts";
import { NO_REFERENCE, REFERENCE_DIR } from "../reference.ts";
import { demoRenderJob } from "./_jobs.ts";

Deno.test({
  name:
    "hostile files: truncated and garbled GeoTIFF and GeoPackage fail naming the layer; the next map is drawn",
  ignore: NO_REFERENCE,
  async fn() {
    const ref = join(REFERENCE_DIR!, "demo");
    const root = await Deno.makeTempDir({ prefix: "qsl_hostile_files_" });
    try {
      await Deno.mkdir(join(root, "data"));
      const tif = await Deno.readFile(join(ref, "data/dem.tif"));
      const gpkg = await Deno.readFile(join(ref, "data/demo.gpkg"));
      const garbled = tif.slice();
      garbled.fill(0xff, 8, 64);
      const files: Record<string, Uint8Array> = {
        "half.tif": tif.slice(0, tif.length >> 1),
        "garbled.tif": garbled,
        "half.gpkg": gpkg.slice(0, gpkg.length >> 1),
        "head.gpkg": gpkg.slice(0, 100),
      };
      for (const [name, bytes] of Object.entries(files)) {
        await Deno.writeFile(join(root, "data", name), bytes);
      }
      for (const f of ["places.geojson", "roads.geojson", "zones.geojson"]) {
        await Deno.copyFile(
          new URL(`../../demo/data/${f}`, import.meta.url),
          join(root, "data", f),
        );
      }
      const job = JSON.parse(
        await Deno.readTextFile(join(ref, "all_lv95.job.json")),
      );
      const raster = job.job.layers.find((l: { driver: string }) =>
        l.driver === "gdal"
      );
      const vector = job.job.layers.find((l: { driver: string }) =>
        l.driver === "ogr"
      );
      const ctx = testRunnerContext(root);
      const registry = defaultRunners();
      const ordinary = JSON.stringify(demoRenderJob());
      for (
        const [layer, path] of [
          [raster, "half.tif"],
          [raster, "garbled.tif"],
          [vector, "half.gpkg"],
          [vector, "head.gpkg"],
          // the data root itself: named as the job names it, not by GDAL's
          // mount point (was "`/qsl/root0' not recognized …")
          [vector, ".."],
        ]
      ) {
        const source = { ...JSON.parse(layer.source), path };
        const hostile = {
          ...job,
          job: {
            ...job.job,
            layers: [{ ...layer, source: JSON.stringify(source) }],
          },
        };
        const r = await executeJob(JSON.stringify(hostile), registry, ctx);
        const data = String(r.data);
        assert.equal(r.status, "failed", `${path}: succeeded`);
        assert.ok(
          data.startsWith(`Cannot open layer '${layer.name}': `) ||
            data.startsWith(`Cannot render layer '${layer.name}': `),
          `${path}: ${data}`,
        );
        assert.ok(!data.includes("\n"), `${path}: ${data}`);
        assert.ok(!data.includes("/qsl/"), `${path}: ${data}`);
        const next = await executeJob(ordinary, registry, ctx);
        assert.equal(next.status, "succeed", `after ${path}: ${next.data}`);
      }
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});
