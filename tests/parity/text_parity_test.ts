/**
 * Parity of delimited text and GPX layers with QGIS 3.22's renders of the
 * same jobs (tests/parity/text/, made by its make_references.py from our
 * own data): mismatched pixels (pixelmatch, threshold 0.2, AA counted)
 * against QGIS, and for the stations CSV (semicolons, decimal commas) 0
 * pixels against the same points read from a GeoPackage.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { type RenderJob, renderMap } from "../../worker/runners/render.ts";
import { renderDeps } from "../../worker/runners/render_deps.ts";
import type { RunnerContext } from "../../worker/runners/types.ts";
import { convertGeoJson } from "../../worker/sources/_test_util.ts";
import { comparePng } from "./parity.ts";

const DIR = fileURLToPath(new URL("./text/", import.meta.url));

function context(dataRoot: string, warnings: string[]): RunnerContext {
  return {
    dataRoot,
    svgPaths: [],
    remoteHosts: [],
    limits: { maxWidth: 4096, maxHeight: 4096, maxLayers: 100 },
    logger: {
      log: (level, message) => {
        if (level === "warning" || level === "error") warnings.push(message);
      },
    },
  };
}

async function parity(name: string, limit: number): Promise<RenderJob> {
  const envelope = JSON.parse(
    await Deno.readTextFile(`${DIR}${name}.job.json`),
  );
  const job = envelope.job as RenderJob;
  const warnings: string[] = [];
  const out = await renderMap(job, context(`${DIR}data`, warnings), renderDeps);
  const expected = await Deno.readFile(`${DIR}${name}.qgis.png`);
  const r = await comparePng(
    out.data as Uint8Array,
    expected,
    `text/${name}`,
    limit,
  );
  console.log(
    `text parity ${name}: ${r.mismatched} mismatched of ${r.total} against QGIS (limit ${limit})`,
  );
  if (warnings.length > 0) {
    throw new Error(`${name}: warnings: ${warnings.join(" | ")}`);
  }
  if (r.mismatched > limit) {
    throw new Error(
      `${name}: ${r.mismatched} mismatched pixels > ${limit} (diff: ${r.diffPath})`,
    );
  }
  return job;
}

Deno.test("text parity: text_points_2056 (decimal-comma CSV and WKT TSV) against QGIS, = GeoPackage", async () => {
  const job = await parity("text_points_2056", 0);
  // The same stations from a GeoPackage made by our own GDAL.
  const root = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "qsl_text_parity_" }),
  );
  try {
    for await (const entry of Deno.readDir(`${DIR}data`)) {
      await Deno.copyFile(`${DIR}data/${entry.name}`, `${root}/${entry.name}`);
    }
    const geojson = JSON.parse(
      await Deno.readTextFile(`${DIR}data/stations.geojson`),
    );
    await convertGeoJson(root, "stations", geojson, "GPKG", [
      "-nln",
      "stations",
    ]);
    const layers = job.layers.map((layer) =>
      layer.name !== "stations" ? layer : {
        ...layer,
        driver: "ogr",
        source: JSON.stringify({
          path: "stations.gpkg",
          layerName: "stations",
        }),
      }
    );
    const warnings: string[] = [];
    const fromText = await renderMap(job, context(root, warnings), renderDeps);
    const fromGpkg = await renderMap(
      { ...job, layers },
      context(root, warnings),
      renderDeps,
    );
    const r = await comparePng(
      fromText.data as Uint8Array,
      fromGpkg.data as Uint8Array,
      "text/text_points_2056.csv_vs_gpkg",
      0,
    );
    console.log(
      `text parity text_points_2056: ${r.mismatched} mismatched against our GeoPackage render`,
    );
    if (r.mismatched !== 0) {
      throw new Error(
        `CSV and GeoPackage renders differ in ${r.mismatched} pixels (diff: ${r.diffPath})`,
      );
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("text parity: text_huts_4326_in_2056 (quoted CSV in EPSG:4326, subset) against QGIS", async () => {
  await parity("text_huts_4326_in_2056", 0);
});

Deno.test("text parity: gpx_walk_2056 (GPX track and waypoints) against QGIS", async () => {
  await parity("gpx_walk_2056", 0);
});

Deno.test("text parity: text_project.qgs (saved by QGIS 3.22) exported by our exporter, rendered by our worker, against QGIS", async () => {
  const ROOT = fileURLToPath(new URL("../../", import.meta.url));
  const tmp = await Deno.makeTempDir({ prefix: "qsl_text_project_" });
  const run = async (args: string[]) => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", ...args],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (out.code !== 0) {
      throw new Error(
        `${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`,
      );
    }
  };
  try {
    // QGIS saves the files as `file:./stations.csv?…` with its own subset.
    await run([
      "exporter/main.ts",
      "export",
      "--project",
      `${DIR}data/text_project.qgs`,
      "--output",
      `${tmp}/config.json`,
    ]);
    await run([
      "worker/main.ts",
      "render",
      "--config",
      `${tmp}/config.json`,
      "--data-root",
      `${DIR}data`,
      "--layers",
      "zones,huts,stations",
      "--crs",
      "EPSG:2056",
      "--bbox",
      "2590000,1190000,2640000,1225000",
      "--width",
      "500",
      "--height",
      "350",
      "--output",
      `${tmp}/map.png`,
    ]);
    const r = await comparePng(
      await Deno.readFile(`${tmp}/map.png`),
      await Deno.readFile(`${DIR}text_project.qgis.png`),
      "text/text_project",
      0,
    );
    console.log(
      `text parity text_project: ${r.mismatched} mismatched of ${r.total} against QGIS`,
    );
    if (r.mismatched !== 0) {
      throw new Error(
        `text_project: ${r.mismatched} mismatched pixels (diff: ${r.diffPath})`,
      );
    }
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
