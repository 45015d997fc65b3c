/**
 * Raster render speed on `upstream/bui20220630` (1500 × 1500, pseudocolour
 * ramp, opacity 0.4): `renderRasterLayer` against a baseline of GDAL's
 * warper (`gdalwarp -r near` onto the map grid, same cached dataset) plus
 * the same ramp. The Python worker took 97 ms end to end for this job.
 *
 *     deno bench -A worker/raster/raster_bench.ts   # Deno's statistics
 *     deno run -A worker/raster/raster_bench.ts     # medians of 21 runs, ratios
 */
import { DOMParser } from "@xmldom/xmldom";
import { NO_REFERENCE, REFERENCE_DIR } from "../../tests/reference.ts";
import { withGdal } from "../gdal/gdal.ts";
import { openPrepared, prepareSource } from "../sources/gdal_dataset.ts";
import { renderRasterLayer } from "./render.ts";
import { clearWindowCache, warpBand } from "../sources/gdal/mod.ts";
import { renderPseudocolor } from "./renderers.ts";
import { parseRasterStyle } from "./style.ts";
import { mapFor, testContext } from "./_test_util.ts";
import { printMedians } from "../../tests/bench/medians.ts";

interface Case {
  name: string;
  group: string;
  baseline?: boolean;
  fn: () => Promise<void>;
}
const benches: Case[] = [];

if (!NO_REFERENCE) {
  const dir = `${REFERENCE_DIR}/upstream`;
  const job = JSON.parse(
    await Deno.readTextFile(`${dir}/bui20220630.job.json`),
  ).job;
  const qml = await Deno.readTextFile(`${dir}/bui20220630.qml`);
  const b = job.bbox;
  const map = mapFor(
    { xmin: b.x_min, ymin: b.y_min, xmax: b.x_max, ymax: b.y_max },
    job.width,
    job.height,
    job.crs,
    job.dpi,
  );
  const ctx = testContext(dir);
  const layer = job.layers[0];
  const group = "bui20220630 (1500 × 1500)";
  benches.push({
    name: `${group}: gdalwarp -r near + ramp (baseline)`,
    group,
    baseline: true,
    async fn() {
      const root = new DOMParser().parseFromString(qml, "text/xml")
        .documentElement!;
      const style = parseRasterStyle(root);
      const prepared = await prepareSource(layer, ctx);
      const values = await withGdal(async (gdal) => {
        const ds = openPrepared(gdal, layer, prepared, "raster");
        return await warpBand(
          gdal,
          ds,
          1,
          map.crs,
          map.extent,
          map.width,
          map.height,
          "nearestNeighbour",
        );
      });
      if (style.renderer?.type !== "singlebandpseudocolor") throw new Error();
      renderPseudocolor(
        { width: map.width, height: map.height, values },
        style.renderer.shader,
        style,
      );
    },
  });
  benches.push({
    name: `${group}: renderRasterLayer, window read every time`,
    group,
    async fn() {
      clearWindowCache();
      const root = new DOMParser().parseFromString(qml, "text/xml")
        .documentElement!;
      await renderRasterLayer(layer, root, map, ctx);
    },
  });
  benches.push({
    name: `${group}: renderRasterLayer (QGIS sampling, window cached)`,
    group,
    async fn() {
      const root = new DOMParser().parseFromString(qml, "text/xml")
        .documentElement!;
      await renderRasterLayer(layer, root, map, ctx);
    },
  });
}

function medians(runs: number): Promise<unknown> {
  return printMedians(benches, runs);
}

if (import.meta.main) {
  await medians(21);
} else {
  for (const b of benches) Deno.bench(b);
}
