import { NO_REFERENCE } from "../reference.ts";
import { type RenderJob, renderMap } from "../../worker/runners/render.ts";
import { renderDeps } from "../../worker/runners/render_deps.ts";
import { comparePng, loadReferenceCase, referenceContext } from "./parity.ts";
import {
  createTestDatabase,
  loadLayer,
  postgisLayer,
} from "../../worker/sources/postgres/_test_util.ts";
import { closePostgresPools } from "../../worker/sources/postgres/pool.ts";

/**
 * The demo's GeoPackage layers loaded into PostGIS render the same image as
 * from the GeoPackage: the same figure against QGIS, 0 pixels between ours.
 */
async function parity(name: string, limit: number): Promise<void> {
  const { job, expected, dataRoot } = await loadReferenceCase("demo", name);
  const ctx = referenceContext(dataRoot);
  const db = await createTestDatabase();
  try {
    const fileJob = job as RenderJob;
    const layers = [];
    for (const layer of fileJob.layers) {
      if (layer.driver !== "ogr") {
        layers.push(layer);
        continue;
      }
      const table = JSON.parse(layer.source).layerName as string;
      await loadLayer(db.sql, layer, ctx, "demo", table, 2056);
      layers.push({
        ...layer,
        ...postgisLayer(db.name, "demo", table, { key: '"fid"', srid: "2056" }),
        id: layer.id,
        name: layer.name,
      });
    }
    const pgJob = { ...fileJob, layers };
    const fromPg = await renderMap(pgJob, ctx, renderDeps);
    const fromFile = await renderMap(fileJob, ctx, renderDeps);
    const qgis = await comparePng(
      fromPg.data as Uint8Array,
      expected,
      `demo/${name}.postgis`,
      limit,
    );
    const ours = await comparePng(
      fromPg.data as Uint8Array,
      fromFile.data as Uint8Array,
      `demo/${name}.postgis_vs_gpkg`,
      0,
    );
    console.log(
      `postgis parity demo/${name}: ${qgis.mismatched} mismatched of ${qgis.total} against QGIS; ${ours.mismatched} against our GeoPackage render`,
    );
    if (ours.mismatched !== 0) {
      throw new Error(
        `demo/${name}: PostGIS and GeoPackage renders differ in ${ours.mismatched} pixels (diff: ${ours.diffPath})`,
      );
    }
    if (qgis.mismatched > limit) {
      throw new Error(
        `demo/${name}: ${qgis.mismatched} mismatched pixels > ${limit} (diff: ${qgis.diffPath})`,
      );
    }
  } finally {
    await closePostgresPools();
    await db.drop();
  }
}

Deno.test({
  name:
    "postgis parity: demo/zones_outline_style from PostGIS (≤ 100, = GeoPackage)",
  ignore: NO_REFERENCE,
  fn: () => parity("zones_outline_style", 100),
});

Deno.test({
  name: "postgis parity: demo/all_lv95 from PostGIS (≤ 100, = GeoPackage)",
  ignore: NO_REFERENCE,
  fn: () => parity("all_lv95", 100),
});
