/**
 * Reading speed of vector layers: our FlatGeobuf route against the GeoJSON
 * text route (ogr2ogr → GeoJSON → JSON.parse, same cached dataset, same
 * filters) as the baseline, and a warm dataset cache against a cold one.
 *
 *     deno bench -A worker/gdal/vector_bench.ts    # Deno's statistics
 *     deno run -A worker/gdal/vector_bench.ts      # medians of 21 runs, ratios
 */
import { NO_REFERENCE, REFERENCE_DIR } from "../../../tests/reference.ts";
import { readVectorLayer } from "./read.ts";
import { getGdal, takeGdalMessages, withGdal } from "../../gdal/gdal.ts";
import { datasetCache } from "../../gdal/dataset_cache.ts";
import { type LayerRef, resolveLayerSource } from "../file_source.ts";
import { gdalPathOf } from "../gdal_dataset.ts";
import { convertGeoJson } from "../_test_util.ts";
import type { Rect } from "../../geometry/types.ts";
import { printMedians } from "../../../tests/bench/medians.ts";

const SWISS: Rect = {
  xmin: 2400000,
  ymin: 1000000,
  xmax: 2900000,
  ymax: 1400000,
};
const DEMO: Rect = {
  xmin: 2599000,
  ymin: 1199000,
  xmax: 2631000,
  ymax: 1221000,
};

function refLayer(name: string, path: string): LayerRef {
  return {
    id: `bench_${name}`,
    name,
    source: JSON.stringify({ path, layerName: name }),
    remote: false,
    folder_name: "data",
    driver: "ogr",
  };
}

/** The GeoJSON text route, for comparison only. */
async function readAsGeoJson(
  layer: LayerRef,
  bbox: Rect,
  ctx: { dataRoot: string; remoteHosts: string[] },
): Promise<number> {
  const resolved = await resolveLayerSource(layer, ctx);
  const text = await withGdal(async (gdal) => {
    const ds = datasetCache.open(
      gdal,
      layer,
      "vector",
      gdalPathOf(gdal, resolved),
      resolved.version,
    );
    const name = JSON.parse(layer.source).layerName;
    gdal.Module._CPLErrorReset();
    const out = await gdal.ogr2ogr(ds, [
      "-f",
      "GeoJSON",
      "-spat",
      String(bbox.xmin),
      String(bbox.ymin),
      String(bbox.xmax),
      String(bbox.ymax),
      name,
    ], "bench_geojson").catch((e: unknown) => {
      throw new Error(`${e}: ${takeGdalMessages().join("\n")}`);
    });
    const bytes: Uint8Array = gdal.Module.FS.readFile(out.local);
    gdal.Module.FS.unlink(out.local);
    return new TextDecoder().decode(bytes);
  });
  return JSON.parse(text).features.length;
}

const cases: [string, string, LayerRef, Rect][] = NO_REFERENCE ? [] : [
  [
    "placenames (93 points)",
    `${REFERENCE_DIR}/upstream`,
    refLayer("placenames", "placenames.gpkg"),
    SWISS,
  ],
  [
    "demo zones (polygons)",
    `${REFERENCE_DIR}/demo`,
    refLayer("zones", "demo.gpkg"),
    DEMO,
  ],
  [
    "demo roads (lines)",
    `${REFERENCE_DIR}/demo`,
    refLayer("roads", "demo.gpkg"),
    DEMO,
  ],
  [
    "demo places (points)",
    `${REFERENCE_DIR}/demo`,
    refLayer("places", "demo.gpkg"),
    DEMO,
  ],
];

// A generated layer of 20,000 small polygons, read in a quarter of its extent.
const generated = await Deno.makeTempDir({ prefix: "qsl_vector_bench_" });
await Deno.mkdir(`${generated}/data`);
{
  const features = [];
  for (let i = 0; i < 20000; i++) {
    const x = 2600000 + (i % 200) * 100,
      y = 1200000 + Math.floor(i / 200) * 100;
    features.push({
      type: "Feature",
      properties: { n: i, cls: `c${i % 7}` },
      geometry: {
        type: "Polygon",
        coordinates: [[[x, y], [x + 80, y], [x + 80, y + 80], [x, y + 80], [
          x,
          y,
        ]]],
      },
    });
  }
  await convertGeoJson(
    `${generated}/data`,
    "grid",
    {
      type: "FeatureCollection",
      crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::2056" } },
      features,
    },
    "GPKG",
    ["-nln", "grid"],
  );
  cases.push([
    "generated grid (5,000 of 20,000 polygons)",
    generated,
    refLayer("grid", "grid.gpkg"),
    { xmin: 2600000, ymin: 1200000, xmax: 2610000, ymax: 1205000 },
  ]);
}

interface Case {
  name: string;
  group: string;
  baseline?: boolean;
  fn: () => Promise<void>;
}
const benches: Case[] = [];

for (const [group, dataRoot, layer, bbox] of cases) {
  const ctx = { dataRoot, remoteHosts: [] };
  benches.push({
    name: `${group}: GeoJSON text (ogr2ogr + JSON.parse)`,
    group,
    baseline: true,
    async fn() {
      await readAsGeoJson(layer, bbox, ctx);
    },
  });
  benches.push({
    name: `${group}: readVectorLayer (FlatGeobuf)`,
    group,
    async fn() {
      await readVectorLayer(layer, { bbox, crs: "EPSG:2056" }, ctx);
    },
  });
}

if (!NO_REFERENCE) {
  const ctx = { dataRoot: `${REFERENCE_DIR}/demo`, remoteHosts: [] };
  const layer = refLayer("zones", "demo.gpkg");
  benches.push({
    name: "demo zones: cold (dataset opened every time)",
    group: "dataset cache",
    baseline: true,
    async fn() {
      await withGdal(() => datasetCache.clear());
      await readVectorLayer(layer, { bbox: DEMO, crs: "EPSG:2056" }, ctx);
    },
  });
  benches.push({
    name: "demo zones: warm (dataset cached)",
    group: "dataset cache",
    async fn() {
      await readVectorLayer(layer, { bbox: DEMO, crs: "EPSG:2056" }, ctx);
    },
  });
  benches.push({
    name: "demo zones: reprojected to EPSG:3857",
    group: "dataset cache",
    async fn() {
      await readVectorLayer(layer, {
        bbox: { xmin: 800000, ymin: 5800000, xmax: 900000, ymax: 6000000 },
        crs: "EPSG:3857",
      }, ctx);
    },
  });
}

function medians(runs: number): Promise<unknown> {
  return printMedians(benches, runs);
}

/**
 * Memory over many reads: resident set size, and the top of GDAL's
 * WebAssembly heap (the address a fresh small allocation gets; it climbs
 * when memory leaks).
 */
async function memory(reads: number): Promise<void> {
  const gdal = await getGdal();
  const heapTop = () => {
    const p = gdal.Module._malloc(16);
    gdal.Module._free(p);
    return p as number;
  };
  const readAll = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const [, dataRoot, layer, bbox] = cases[i % cases.length];
      await readVectorLayer(layer, { bbox, crs: "EPSG:2056" }, {
        dataRoot,
        remoteHosts: [],
      });
    }
  };
  await readAll(cases.length * 2);
  const rss0 = Deno.memoryUsage().rss, top0 = heapTop();
  await readAll(reads);
  const rss1 = Deno.memoryUsage().rss, top1 = heapTop();
  console.log(
    `\nmemory after ${reads} reads: RSS ${(rss0 / 1e6).toFixed(0)} → ${
      (rss1 / 1e6).toFixed(0)
    } MB, ` +
      `GDAL heap top ${(top0 / 1e6).toFixed(2)} → ${
        (top1 / 1e6).toFixed(2)
      } MB`,
  );
}

if (import.meta.main) {
  await medians(21);
  await memory(1000);
  Deno.removeSync(generated, { recursive: true });
} else {
  for (const b of benches) Deno.bench(b);
  globalThis.addEventListener("unload", () => {
    Deno.removeSync(generated, { recursive: true });
  });
}
