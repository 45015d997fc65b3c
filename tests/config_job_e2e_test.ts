// From a QGIS project to images, with real processes only: the reference
// demo project exported by our exporter, then rendered by the worker's
// `render --config` from WMS-like parameters in EPSG:2056 (compared with
// QGIS's own render), EPSG:3857 and EPSG:4326 (WMS 1.3 lat/lon). A map in
// the wrong axis order is squashed or empty; the footprint of the data
// tells: Mercator keeps the shape of the LV95 map, plate carrée widens it by
// 1 / cos(latitude).
import assert from "node:assert/strict";
import { join } from "node:path";
import { comparePng, decodePng } from "./parity/parity.ts";
import { NO_REFERENCE, REFERENCE_DIR } from "./reference.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const DEMO = `${REFERENCE_DIR}/demo`;
// WMS order: the first drawn at the bottom (all_lv95's layers, reversed).
const LAYERS = "elevation,zones,roads,places";
const LV95 = "2599000,1199000,2631000,1221000";
// Around the elevation raster (30 × 20 km), and the same box (its corners'
// hull) in the other CRSs, computed with PROJ.
const AROUND = "2590000,1190000,2640000,1230000";
const MERCATOR = "813367.32,5919241.15,886851.09,5978197.82";
const LONLAT = [7.306603, 46.859931, 7.966719, 47.220854];

async function run(args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

const worker = (args: string[]) =>
  run(["run", "-A", "worker/main.ts", ...args]);

/** Bounding box (pixels) of what is drawn: non-transparent pixels. */
function footprint(png: Uint8Array) {
  const img = decodePng(png);
  let x0 = img.width, y0 = img.height, x1 = -1, y1 = -1;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.data[(y * img.width + x) * 4 + 3] === 0) continue;
      x0 = Math.min(x0, x), x1 = Math.max(x1, x);
      y0 = Math.min(y0, y), y1 = Math.max(y1, y);
    }
  }
  return { w: x1 - x0 + 1, h: y1 - y0 + 1, img };
}

Deno.test({
  name:
    "config to job: the exported demo project renders from WMS-like parameters in EPSG:2056 (as QGIS), 3857 and 4326 (lat/lon) unsquashed",
  ignore: NO_REFERENCE,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "qsl_config_job_" });
    try {
      const config = join(dir, "demo.config.json");
      const exported = await run([
        "run",
        "-P=exporter",
        "--config",
        "exporter/deno.json",
        "exporter/main.ts",
        "export",
        "--project",
        `${DEMO}/demo.qgs`,
        "--output",
        config,
      ]);
      assert.deepEqual(exported.code, 0, exported.stderr);
      const render = async (
        crs: string,
        bbox: string[],
        name: string,
        layers = LAYERS,
      ) => {
        const output = join(dir, `${name}.png`);
        const r = await worker([
          "render",
          "--config",
          config,
          "--data-root",
          DEMO,
          "--layers",
          layers,
          "--crs",
          crs,
          ...bbox,
          "--width",
          "960",
          "--height",
          "660",
          "--output",
          output,
        ]);
        assert.deepEqual(r.code, 0, r.stderr);
        return await Deno.readFile(output);
      };

      const lv95 = await render("EPSG:2056", ["--bbox", LV95], "lv95");
      const parity = await comparePng(
        lv95,
        await Deno.readFile(`${DEMO}/all_lv95.qgis.png`),
        "config_job/all_lv95",
        500,
      );
      console.log(`EPSG:2056 against QGIS: ${parity.mismatched} px`);
      assert(parity.mismatched <= 500, `${parity.mismatched} px differ`);

      // The elevation raster alone, whole, in each CRS.
      const base = footprint(
        await render("EPSG:2056", ["--bbox", AROUND], "dem", "elevation"),
      );
      const mercator = footprint(
        await render(
          "EPSG:3857",
          ["--bbox", MERCATOR],
          "mercator",
          "elevation",
        ),
      );
      // WMS 1.3: EPSG:4326 boxes are lat/lon.
      const [w, s, e, n] = LONLAT;
      const geo = footprint(
        await render(
          "EPSG:4326",
          ["--bbox", `${s},${w},${n},${e}`],
          "geo",
          "elevation",
        ),
      );
      const ratio = (f: { w: number; h: number }) => f.w / f.h;
      const cosLat = Math.cos(((s + n) / 2) * Math.PI / 180);
      console.log(
        `footprints w/h: 2056 ${ratio(base).toFixed(3)}, 3857 ${
          ratio(mercator).toFixed(3)
        }, 4326 ${ratio(geo).toFixed(3)} (× cos φ ${
          (ratio(geo) * cosLat).toFixed(3)
        })`,
      );
      assert(base.w > 100 && base.h > 100, "the LV95 map draws something");
      assert(Math.abs(ratio(base) / 1.5 - 1) < 0.02, "30 × 20 km");
      assert(Math.abs(ratio(mercator) / ratio(base) - 1) < 0.05);
      assert(Math.abs(ratio(geo) * cosLat / ratio(base) - 1) < 0.05);

      // The same map asked as x/y (lon/lat) through --extent: the same job box.
      const asked = async (box: string[]) =>
        JSON.parse(
          (await worker([
            "job",
            config,
            "--layers",
            LAYERS,
            "--crs",
            "EPSG:4326",
            ...box,
            "--width",
            "960",
            "--height",
            "660",
          ])).stdout,
        ).job.bbox;
      assert.deepEqual(
        await asked(["--extent", LONLAT.join(",")]),
        await asked(["--bbox", `${s},${w},${n},${e}`]),
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "config to job: each job type is written as JSON; unknown names exit 2 naming the known ones",
  ignore: NO_REFERENCE,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "qsl_config_job_" });
    try {
      const config = join(dir, "demo.config.json");
      const exported = await run([
        "run",
        "-P=exporter",
        "--config",
        "exporter/deno.json",
        "exporter/main.ts",
        "export",
        "--project",
        `${DEMO}/demo.qgs`,
        "--output",
        config,
      ]);
      assert.deepEqual(exported.code, 0, exported.stderr);
      const map = ["--crs", "EPSG:2056", "--bbox", LV95];
      const size = ["--width", "256", "--height", "256"];
      const cases: [string, string[], string][] = [
        ["render", [...map, ...size], "QslJobInfoRender"],
        ["feature", [], "QslJobInfoFeature"],
        [
          "feature_info",
          [...map, ...size, "--i", "5", "--j", "5"],
          "QslJobInfoFeatureInfo",
        ],
        ["legend", [], "QslJobInfoLegend"],
      ];
      for (const [type, extra, expected] of cases) {
        const r = await worker([
          "job",
          config,
          "--type",
          type,
          "--layers",
          "topic",
          ...extra,
        ]);
        assert.deepEqual(r.code, 0, r.stderr);
        const job = JSON.parse(r.stdout);
        assert.deepEqual(job.type, expected);
      }
      // A group expands as the tree draws it: zones, roads, places top first.
      const render = JSON.parse(
        (await worker(["job", config, "--layers", "topic", ...map, ...size]))
          .stdout,
      );
      assert.deepEqual(
        render.job.layers.map((l: { name: string }) => l.name),
        ["zones", "roads", "places"],
      );
      const styled = JSON.parse(
        (await worker([
          "job",
          config,
          "--type",
          "legend",
          "--layers",
          "zones",
          "--styles",
          "outline",
        ])).stdout,
      );
      assert.deepEqual(styled.job.layers[0].style.name, "outline");

      const bad = await worker([
        "job",
        config,
        "--layers",
        "nope",
        ...map,
        ...size,
      ]);
      assert.deepEqual(bad.code, 2);
      assert.ok(
        bad.stderr.includes("no layer or group named 'nope'"),
        bad.stderr,
      );
      assert.ok(bad.stderr.includes("'zones'"), bad.stderr);
      const badStyle = await worker([
        "job",
        config,
        "--type",
        "legend",
        "--layers",
        "zones",
        "--styles",
        "night",
      ]);
      assert.deepEqual(badStyle.code, 2);
      assert.ok(badStyle.stderr.includes("no style 'night'"), badStyle.stderr);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
