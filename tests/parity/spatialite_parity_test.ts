import { NO_REFERENCE } from "../reference.ts";
import { type RenderJob, renderMap } from "../../worker/runners/render.ts";
import { renderDeps } from "../../worker/runners/render_deps.ts";
import { withGdal } from "../../worker/gdal/gdal.ts";
import { comparePng, loadReferenceCase, referenceContext } from "./parity.ts";

/** The demo's data copied to a data root of our own, with its GeoPackage as a SpatiaLite database (made by our own GDAL). */
async function spatialiteRoot(from: string): Promise<string> {
  const root = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "qsl_spatialite_parity_" }),
  );
  await Deno.mkdir(`${root}/data`);
  for await (const entry of Deno.readDir(`${from}/data`)) {
    await Deno.copyFile(
      `${from}/data/${entry.name}`,
      `${root}/data/${entry.name}`,
    );
  }
  const bytes = await withGdal(async (gdal) => {
    const opened = await gdal.open(`${root}/data/demo.gpkg`);
    const ds = opened.datasets[0];
    try {
      const out = await gdal.ogr2ogr(
        ds,
        ["-f", "SQLite", "-dsco", "SPATIALITE=YES"],
        "demo_sqlite",
      );
      const file = out.all[0].local as string;
      const data = gdal.Module.FS.readFile(file) as Uint8Array;
      gdal.Module.FS.unlink(file);
      return data;
    } finally {
      await gdal.close(ds);
    }
  });
  await Deno.writeFile(`${root}/data/demo.sqlite`, bytes);
  return root;
}

/**
 * The demo's GeoPackage layers read from a SpatiaLite database render the
 * same image as from the GeoPackage: the file suite's figure against QGIS,
 * 0 pixels between ours.
 */
async function parity(name: string, limit: number): Promise<void> {
  const { job, expected, dataRoot } = await loadReferenceCase("demo", name);
  const root = await spatialiteRoot(dataRoot);
  try {
    const ctx = referenceContext(root);
    const fileJob = job as RenderJob;
    const layers = fileJob.layers.map((layer) => {
      if (layer.driver !== "ogr") return layer;
      const table = JSON.parse(layer.source).layerName as string;
      // As QGIS 3.22's decodeUri('spatialite', …) writes it.
      return {
        ...layer,
        driver: "spatialite",
        source: JSON.stringify({
          path: "demo.sqlite",
          layerName: table,
          geometryColumn: "GEOMETRY",
        }),
      };
    });
    const fromDb = await renderMap({ ...fileJob, layers }, ctx, renderDeps);
    const fromFile = await renderMap(fileJob, ctx, renderDeps);
    const qgis = await comparePng(
      fromDb.data as Uint8Array,
      expected,
      `demo/${name}.spatialite`,
      limit,
    );
    const ours = await comparePng(
      fromDb.data as Uint8Array,
      fromFile.data as Uint8Array,
      `demo/${name}.spatialite_vs_gpkg`,
      0,
    );
    console.log(
      `spatialite parity demo/${name}: ${qgis.mismatched} mismatched of ${qgis.total} against QGIS; ${ours.mismatched} against our GeoPackage render`,
    );
    if (ours.mismatched !== 0) {
      throw new Error(
        `demo/${name}: SpatiaLite and GeoPackage renders differ in ${ours.mismatched} pixels (diff: ${ours.diffPath})`,
      );
    }
    if (qgis.mismatched > limit) {
      throw new Error(
        `demo/${name}: ${qgis.mismatched} mismatched pixels > ${limit} (diff: ${qgis.diffPath})`,
      );
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test({
  name:
    "spatialite parity: demo/zones_outline_style from SpatiaLite (≤ 100, = GeoPackage)",
  ignore: NO_REFERENCE,
  fn: () => parity("zones_outline_style", 100),
});

Deno.test({
  name:
    "spatialite parity: demo/all_lv95 from SpatiaLite (≤ 100, = GeoPackage)",
  ignore: NO_REFERENCE,
  fn: () => parity("all_lv95", 100),
});
