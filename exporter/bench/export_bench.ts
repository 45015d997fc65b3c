/**
 * The exporter on a generated 1,000-layer project (600 OGR vectors sharing
 * one GeoJSON, 300 GDAL rasters, 100 WMS; 50 groups; categorized styles of
 * 4–7 classes, every tenth vector with a second named style). Target: one
 * export (read + export + JSON) under 2 s. Baseline, in the same run:
 * parsing the project's XML alone.
 *
 *     deno bench -A exporter/bench/export_bench.ts   # deno bench's table
 *     deno run -A exporter/bench/export_bench.ts     # cold run, medians of 15, ratios
 *
 * @module
 */
import { encodeStyle } from "@qgis-server-light/interface/style_codec";
import { exportProject } from "../project/export_project.ts";
import { parseProjectXml, readProject } from "../project/read_project.ts";
import { serializeConfig } from "../serialize.ts";
import { writeProject } from "./_generate.ts";

const LAYERS = 1000;
const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_bench_" });
const path = await writeProject(dir, LAYERS);
const text = await Deno.readTextFile(path);

async function exportOnce(): Promise<void> {
  const config = await exportProject(await readProject(path), {
    encodeStyle,
    warn: () => {},
  });
  const count = config.datasets.vector.length + config.datasets.raster.length;
  if (count !== LAYERS) throw new Error(`Cannot bench: ${count} layers`);
  serializeConfig(config, "json");
}

const benches: (Deno.BenchDefinition & { fn: () => unknown })[] = [
  {
    name: `parse the XML of ${LAYERS} layers (baseline)`,
    group: "export_1000_layers",
    baseline: true,
    n: 15,
    warmup: 2,
    fn() {
      parseProjectXml(text, "bench.qgs");
    },
  },
  {
    name: `export ${LAYERS} layers to JSON (read, GDAL facts, styles, JSON)`,
    group: "export_1000_layers",
    n: 15,
    warmup: 2,
    fn: exportOnce,
  },
];

async function medians(runs: number): Promise<void> {
  const t0 = performance.now();
  await exportOnce();
  console.log(
    `cold: first export in this process (GDAL start included) ${
      (performance.now() - t0).toFixed(0)
    } ms; project ${(text.length / 1e6).toFixed(1)} MB`,
  );
  const rows: { name: string; median: number; baseline: boolean }[] = [];
  for (const b of benches) {
    await b.fn();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await b.fn();
      times.push(performance.now() - start);
    }
    times.sort((x, y) => x - y);
    rows.push({
      name: b.name,
      median: times[runs >> 1],
      baseline: !!b.baseline,
    });
  }
  const base = rows.find((r) => r.baseline) ?? rows[0];
  console.log("\nexport_1000_layers (medians of " + runs + ")");
  for (const r of rows) {
    console.log(
      `  ${r.median.toFixed(1).padStart(8)} ms  ×${
        (r.median / base.median).toFixed(2)
      }  ${r.name}`,
    );
  }
}

if (import.meta.main) {
  try {
    await medians(15);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
} else {
  for (const b of benches) Deno.bench(b);
  globalThis.addEventListener("unload", () => {
    Deno.removeSync(dir, { recursive: true });
  });
}
