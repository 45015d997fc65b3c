/**
 * Reading speed of the delimited text provider: 100,000 point records
 * (semicolons, decimal commas) split and typed by our QGIS-faithful reader
 * against a naive split (no quotes, no types) as the baseline; and a map
 * extent from the cached table against the first (cold) read of the file.
 *
 *     deno bench -A worker/sources/delimitedtext/read_bench.ts   # Deno's statistics
 *     deno run -A worker/sources/delimitedtext/read_bench.ts     # medians of 11 runs, ratios
 */
import { printMedians } from "../../../tests/bench/medians.ts";
import type { BenchCase } from "../../../tests/bench/medians.ts";
import { collectFeatures } from "../source.ts";
import { clearTextCache, delimitedTextProvider } from "./provider.ts";
import { buildTable } from "./table.ts";
import { DEFAULT_FORMAT, readRecords } from "./text_file.ts";

const ROWS = 100_000;
const lines = ["name;kind;east;north;value"];
let seed = 7;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
for (let i = 0; i < ROWS; i++) {
  lines.push(
    `S${i};${["rail", "bus", "boat"][i % 3]};${
      (2480000 + rnd() * 360000).toFixed(2).replace(".", ",")
    };${(1070000 + rnd() * 230000).toFixed(2).replace(".", ",")};${
      (rnd() * 100).toFixed(1).replace(".", ",")
    }`,
  );
}
const text = lines.join("\n") + "\n";
const root = await Deno.realPath(
  await Deno.makeTempDir({ prefix: "qsl_text_bench_" }),
);
await Deno.writeTextFile(`${root}/points.csv`, text);
const format = { ...DEFAULT_FORMAT, delimiter: ";" };
const options = {
  geometry: { kind: "xy" as const, x: "east", y: "north" },
  detectTypes: true,
  decimalPoint: ",",
};
const layer = {
  id: "bench",
  name: "points",
  driver: "delimitedtext",
  source: JSON.stringify({
    path: "points.csv",
    openOptions: [
      "type=csv",
      "delimiter=;",
      "decimalPoint=,",
      "xField=east",
      "yField=north",
      "crs=EPSG:2056",
    ],
  }),
};
const ctx = { dataRoot: root, remoteHosts: [] };
const city = { xmin: 2590000, ymin: 1190000, xmax: 2610000, ymax: 1210000 };
const extent = async () => {
  const source = delimitedTextProvider.open(layer, ctx);
  if (source.kind !== "vector") throw new TypeError("not a vector source");
  return await collectFeatures(
    await source.features({ bbox: city, crs: "EPSG:2056" }),
  );
};

const benches: BenchCase[] = [
  {
    name: "naive split (no quotes, no types)",
    group: `${ROWS} records`,
    baseline: true,
    fn: () => text.split("\n").map((l) => l.split(";")),
  },
  {
    name: "records (QGIS's csv splitting)",
    group: `${ROWS} records`,
    fn: () => readRecords(text, format),
  },
  {
    name: "records + types + points (table)",
    group: `${ROWS} records`,
    fn: () => buildTable(readRecords(text, format), options),
  },
  {
    name: "map extent, table cached",
    group: "provider",
    baseline: true,
    fn: extent,
  },
  {
    name: "map extent, first read of the file",
    group: "provider",
    async fn() {
      clearTextCache();
      await extent();
    },
  },
];

if (import.meta.main) {
  await printMedians(benches, 11);
  Deno.removeSync(root, { recursive: true });
} else {
  for (const b of benches) {
    Deno.bench({
      name: b.name,
      group: b.group,
      baseline: b.baseline,
      async fn() {
        await b.fn();
      },
    });
  }
  globalThis.addEventListener("unload", () => {
    Deno.removeSync(root, { recursive: true });
  });
}
