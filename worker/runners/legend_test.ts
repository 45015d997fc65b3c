import assert from "node:assert/strict";
import { decode } from "fast-png";
import {
  encodeStyle,
  parseJobInfo,
  type QslJobInfoLegend,
} from "@qgis-server-light/interface";
import { NO_REFERENCE, REFERENCE_DIR } from "../../tests/reference.ts";
import { getCanvasKit } from "../paint/canvaskit.ts";
import { fontLibrarySync } from "../labels/fonts.ts";
import { createTextMeasure } from "../legend/draw.ts";
import { layoutLegend, type LegendLayout } from "../legend/layout.ts";
import { layerLegend, legendRunner } from "./legend.ts";
import { defaultSymbolColor } from "../style/default_symbol.ts";
import { JobError, type RunnerContext } from "./types.ts";

const logs: string[] = [];
const ctx: RunnerContext = {
  dataRoot: "/nonexistent",
  svgPaths: [],
  remoteHosts: [],
  limits: { maxWidth: 4096, maxHeight: 4096, maxLayers: 10 },
  logger: { log: (_level, message) => logs.push(message) },
};

function testQml(name: string): string {
  return Deno.readTextFileSync(
    new URL(`../legend/testdata/${name}`, import.meta.url),
  );
}

function layer(name: string, qml: string | null, driver = "ogr") {
  return {
    id: name,
    name,
    source: "{}",
    remote: false,
    folder_name: "data",
    driver,
    style: qml === null
      ? null
      : { name: "default", definition: encodeStyle(qml) },
    filter: null,
  };
}

/** A legend job through the interface's schema (its defaults applied). */
function legendJob(job: Record<string, unknown>): QslJobInfoLegend {
  return parseJobInfo(
    JSON.stringify({ id: "legend", type: "QslJobInfoLegend", job }),
  ) as QslJobInfoLegend;
}

const categorized = layer("zones", testQml("categorized.qml"));

async function png(job: Record<string, unknown>) {
  const out = await legendRunner(legendJob(job), ctx);
  assert.equal(out.contentType, "image/png");
  return decode(out.data as Uint8Array);
}

Deno.test("legend runner: dpi null is dpi 91; without width and height the legend is 0.75 of its size", async () => {
  const byNull = await png({ layers: [categorized], dpi: null });
  const by91 = await png({ layers: [categorized], dpi: 91 });
  assert.equal(byNull.width, by91.width);
  assert.equal(byNull.height, by91.height);
  assert.deepEqual(byNull.data, by91.data);
  const by182 = await png({ layers: [categorized], dpi: 182 });
  // twice the dpi: twice the pixels (within the truncations)
  assert.ok(Math.abs(by182.width - 2 * by91.width) <= 2);
  assert.ok(Math.abs(by182.height - 2 * by91.height) <= 2);
  // 0.75 of the laid-out size at 91 dpi
  const layout = await layoutOf([categorized], false);
  assert.equal(
    by91.width,
    Math.trunc(0.75 * Math.trunc(layout.width * 91 / 25.4)),
  );
  assert.equal(
    by91.height,
    Math.trunc(0.75 * Math.trunc(layout.height * 91 / 25.4)),
  );
});

Deno.test("legend runner: width and height are honoured, alone or together", async () => {
  const natural = await png({ layers: [categorized] });
  const wide = await png({ layers: [categorized], width: 400 });
  assert.equal(wide.width, 400);
  const ratio = natural.height / natural.width;
  assert.ok(Math.abs(wide.height / 400 - ratio) < 0.05);
  const tall = await png({ layers: [categorized], height: 300 });
  assert.equal(tall.height, 300);
  const both = await png({ layers: [categorized], width: 123, height: 321 });
  assert.deepEqual([both.width, both.height], [123, 321]);
});

Deno.test("legend runner: JPEG output", async () => {
  const out = await legendRunner(
    legendJob({ layers: [categorized], format: "image/jpeg" }),
    ctx,
  );
  assert.equal(out.contentType, "image/jpeg");
  const bytes = out.data as Uint8Array;
  assert.deepEqual(Array.from(bytes.slice(0, 2)), [0xff, 0xd8]);
});

Deno.test("legend runner: bad input fails with a message naming the cause", async () => {
  await assert.rejects(
    legendRunner(
      legendJob({ layers: [categorized], format: "image/gif" }),
      ctx,
    ),
    (e: Error) =>
      e instanceof JobError &&
      /format 'image\/gif' is not supported/.test(e.message),
  );
  await assert.rejects(
    legendRunner(
      legendJob({ layers: [layer("broken", "<qgis><oops></qgis>")] }),
      ctx,
    ),
    (e: Error) =>
      e instanceof JobError &&
      /Cannot read the style of layer 'broken'/.test(e.message),
  );
  const notZlib = { ...categorized, style: { name: "x", definition: "!!!" } };
  await assert.rejects(
    legendRunner(legendJob({ layers: [notZlib] }), ctx),
    (e: Error) => e instanceof JobError && /zones/.test(e.message),
  );
  await assert.rejects(
    legendRunner(legendJob({ layers: [layer("dem", "<qgis/>", "gdal")] }), ctx),
    (e: Error) =>
      e instanceof JobError && /'dem'.*rasterrenderer/.test(e.message),
  );
  await assert.rejects(
    legendRunner(legendJob({ layers: [] }), ctx),
    (e: Error) => e instanceof JobError && /no layers/.test(e.message),
  );
  await assert.rejects(
    legendRunner(legendJob({ layers: [categorized], width: 5000 }), ctx),
    (e: Error) => e instanceof JobError && /exceeds the limit/.test(e.message),
  );
});

Deno.test("legend runner: a layer without a style still draws; layer titles add rows", async () => {
  logs.length = 0;
  const plain = await png({ layers: [layer("bare", null), categorized] });
  assert.ok(logs.some((m) => m.includes("'bare' has no style")));
  const titled = await png({
    layers: [layer("bare", null), categorized],
    layer_title: true,
  });
  assert.ok(titled.height > plain.height);
});

Deno.test("legend runner: a single symbol layer is one row labelled with its name, also with layer titles", async () => {
  const single = layer("roads", testQml("single.qml"));
  const legend = await layerLegend(single, null, ctx);
  assert.equal(legend.embedded, true);
  assert.deepEqual(
    legend.entries.map((e) => e.kind === "symbol" && e.label),
    ["roads"],
  );
  const plain = await png({ layers: [single] });
  const titled = await png({ layers: [single], layer_title: true });
  // no title row; only the legend title's margin, which the Python worker
  // keeps when it shows layer titles (3.5 mm at 91 dpi × 0.75)
  assert.equal(titled.width, plain.width);
  assert.ok(
    Math.abs(titled.height - plain.height - 3.5 * 91 / 25.4 * 0.75) <= 1,
  );
});

Deno.test("legend runner: a layer without a style shows QGIS's default symbol, as the render runner draws it", async () => {
  const points = {
    ...layer("bare points", null),
    source: JSON.stringify({ path: "points.geojson" }),
    folder_name: "feature_info",
  };
  const testdata = new URL("./testdata/", import.meta.url).pathname;
  const legend = await layerLegend(points, null, {
    ...ctx,
    dataRoot: testdata,
  });
  assert.equal(legend.embedded, true);
  assert.equal(legend.entries.length, 1);
  const [entry] = legend.entries;
  assert.ok(entry.kind === "symbol" && entry.symbol);
  assert.equal(entry.label, "bare points");
  assert.equal(entry.symbol.type, "marker");
  assert.equal(
    entry.symbol.layers[0].props.color,
    defaultSymbolColor(points.id).join(","),
  );
});

Deno.test("legend runner: a layer without a style does not read its joined tables (its geometry type is its own)", async () => {
  const points = {
    ...layer("joined points", null),
    source: JSON.stringify({ path: "points.geojson" }),
    folder_name: "feature_info",
    joins: [{
      layer: {
        ...layer("stats", null),
        source: JSON.stringify({ path: "no_such_table.csv" }),
        folder_name: "feature_info",
      },
      target_field: "name",
      join_field: "name",
      prefix: "stats_",
      fields_subset: null,
      memory_cache: true,
    }],
  };
  const testdata = new URL("./testdata/", import.meta.url).pathname;
  const seen: string[] = [];
  const legend = await layerLegend(points, null, {
    ...ctx,
    dataRoot: testdata,
    logger: { log: (_level, message) => seen.push(message) },
  });
  assert.equal(legend.entries.length, 1);
  // reading the missing table would leave a warning naming it
  assert.deepEqual(seen.filter((m) => m.includes("stats")), []);
});

async function layoutOf(
  layers: ReturnType<typeof layer>[],
  titles: boolean,
  dpi = 91,
): Promise<LegendLayout> {
  const ck = await getCanvasKit();
  const legends = [];
  for (const l of layers) legends.push(await layerLegend(l, null, ctx));
  const measure = createTextMeasure(ck, fontLibrarySync(ck));
  try {
    return layoutLegend(
      legends,
      { layerTitles: titles, dpi },
      measure,
    );
  } finally {
    measure.delete();
  }
}

Deno.test({
  name:
    "legend runner: all_lv95's legend has ink in every row's label; saved to out/legend_all_lv95.png",
  ignore: NO_REFERENCE,
  async fn() {
    const render = JSON.parse(
      Deno.readTextFileSync(`${REFERENCE_DIR}/demo/all_lv95.job.json`),
    );
    const layers = render.job.layers;
    const image = await png({ layers, dpi: 96, width: 300 });
    const layout = await layoutOf(layers, false, 96);
    // 3 graduated classes, 3 rules, 4 categories; the raster's band and ramp
    assert.equal(layout.rows.length, 3 + 3 + 4 + 2);
    const k = 96 / 25.4 * (300 / Math.trunc(layout.width * 96 / 25.4));
    for (const row of layout.rows) {
      let dark = 0;
      for (
        let y = Math.floor(row.top * k);
        y < (row.top + row.height) * k;
        y++
      ) {
        for (let x = Math.ceil(row.labelX * k); x < image.width; x++) {
          const i = (y * image.width + x) * 4;
          if (
            image.data[i] + image.data[i + 1] + image.data[i + 2] < 300
          ) dark++;
        }
      }
      assert.ok(dark > 30, `row at ${row.top} mm: ${dark} dark pixels`);
    }
    const out = await legendRunner(legendJob({ layers }), ctx);
    Deno.mkdirSync(new URL("../../out/", import.meta.url), { recursive: true });
    Deno.writeFileSync(
      new URL("../../out/legend_all_lv95.png", import.meta.url),
      out.data as Uint8Array,
    );
  },
});
