/**
 * The hostile set through a real worker (issue #14, "Done when"): a worker
 * started as `deno task worker` starts it (same environment and V8 flags,
 * the locked-down permissions) serves, through its own Redis, the fuzz
 * classes — envelopes, sizes, styles, filters, paths, expressions, labels,
 * lines, rasters —
 * and the bench reports per class how long the answers took (median, slowest) and what
 * they were, and the worker's resident memory (`VmRSS`) before the set and
 * after each of two passes of it (each measured after the same three
 * ordinary maps and an idle pause). It exits 1 when a hostile job took
 * longer than {@link MAX_ANSWER_MS}, when an ordinary map fails afterwards,
 * or when the second pass leaves RSS more than 10 % above the first's:
 * a leak grows with every pass, while the first pass's big inputs leave a
 * peak (V8's heap and malloc's arenas keep pages they grew to) that the
 * second pass reuses. Before → after the first pass is printed, not bounded:
 * it moved by 40 MB between runs of the same code.
 *
 * ```sh
 * deno run -A tests/bench/hostile_bench.ts [--verbose]
 * ```
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { RedisQueue } from "../../interface/redis_queue.ts";
import { encodeStyle } from "../../interface/style_codec.ts";
import { startTestRedis } from "../redis_server.ts";
import { WORKER_ENV_VARS } from "../../worker/cli/env_vars.ts";
import {
  bendingRing,
  demoLayer,
  demoRenderJob,
  GREY_RASTER,
  MERGED_LINE_LABELS,
  PERIMETER_LABELS,
  sparseGeoTiff,
  streetSegments,
} from "../hostile/_jobs.ts";
import { zlibBombDefinition } from "../hostile/zlib_bomb.ts";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "../..");
/** A hostile job must be answered within this. */
const MAX_ANSWER_MS = 5_000;
/** RSS after the second pass may exceed RSS after the first by this ratio at most. */
const MAX_RSS_GROWTH = 0.1;
/** Idle time before the last RSS reading. */
const IDLE_MS = 10_000;
/** `--verbose`: each job's answer time and the RSS after it. */
const VERBOSE = Deno.args.includes("--verbose");

type Params = Record<string, unknown>;
const render = (job: Params = {}): Params => demoRenderJob(job).job as Params;
const withLayer = (layer: Params): Params => render({ layers: [layer] });
const nested = (open: string, close: string, depth: number, inner = "") =>
  open.repeat(depth) + inner + close.repeat(depth);
const POLY =
  '<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0"><layer class="SimpleFill"/></symbol></symbols></renderer-v2></qgis>';
const esc = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
/** A rule renderer's style whose one rule has `filter`. */
const rule = (filter: string) => ({
  name: "r",
  definition: encodeStyle(
    `<qgis><renderer-v2 type="RuleRenderer"><rules key="r"><rule key="a" filter="${
      esc(filter)
    }" symbol="0"/></rules><symbols><symbol type="fill" name="0"><layer class="SimpleFill"/></symbol></symbols></renderer-v2></qgis>`,
  ),
});
const lineStyle = (options: string) =>
  `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="line" name="0"><layer class="SimpleLine"><Option type="Map">${options}</Option></layer></symbol></symbols></renderer-v2></qgis>`;
const zones = (extra: Params) => ({
  ...demoLayer("zones", "zones.geojson", POLY),
  ...extra,
});
const ogc = (body: string) =>
  `<Filter xmlns="http://www.opengis.net/ogc">${body}</Filter>`;
const EQ =
  "<PropertyIsEqualTo><PropertyName>name</PropertyName><Literal>a</Literal></PropertyIsEqualTo>";

/** The demo's places, labelled with an expression (`extra`: more text-style attributes). */
const placesLabelled = (expression: string, extra: string) =>
  demoLayer(
    "places",
    "places.geojson",
    '<qgis labelsEnabled="1"><renderer-v2 type="singleSymbol"><symbols><symbol type="marker" name="0"><layer class="SimpleMarker"/></symbol></symbols></renderer-v2>' +
      `<labeling type="simple"><settings><text-style fieldName="${
        esc(expression)
      }" isExpression="1" fontSize="9"${extra}/><placement placement="0"/></settings></labeling></qgis>`,
  );

/** The fuzz classes: name → jobs (each answered, whatever it says). */
function hostileSet(): Record<string, [string, Params][]> {
  return {
    envelopes: [
      [
        "bbox ±1e300",
        render({
          bbox: { x_min: -1e300, y_min: -1e300, x_max: 1e300, y_max: 1e300 },
        }),
      ],
      [
        "inverted bbox",
        render({
          bbox: {
            x_min: 2612480,
            y_min: 1203320,
            x_max: 2599520,
            y_max: 1194680,
          },
        }),
      ],
      [
        "empty bbox",
        render({
          bbox: {
            x_min: 2600000,
            y_min: 1200000,
            x_max: 2600000,
            y_max: 1200000,
          },
        }),
      ],
      ["CRS of 100,000 digits", render({ crs: "EPSG:" + "1".repeat(100_000) })],
      ["LV95 numbers in EPSG:4326", render({ crs: "EPSG:4326" })],
      ["unknown CRS", render({ crs: "EPSG:999999" })],
    ],
    sizes: [
      ["1e9 × 1e9 px", render({ width: 1e9, height: 1e9 })],
      ["dpi 1e6", render({ dpi: 1e6 })],
      ["8192 × 1 px", render({ width: 8192, height: 1 })],
      ["format of 100 kB", render({ format: "x".repeat(100_000) })],
    ],
    styles: [
      [
        "zlib bomb 1 GiB",
        withLayer(
          zones({ style: { name: "b", definition: zlibBombDefinition(1024) } }),
        ),
      ],
      [
        "XML 10,000 deep",
        withLayer(
          zones({
            style: {
              name: "d",
              definition: encodeStyle(nested("<a>", "</a>", 10_000)),
            },
          }),
        ),
      ],
      [
        "1M elements",
        withLayer(
          zones({
            style: {
              name: "e",
              definition: encodeStyle(
                `<qgis>${"<x/>".repeat(1_000_000)}</qgis>`,
              ),
            },
          }),
        ),
      ],
      [
        "not base64",
        withLayer(zones({ style: { name: "g", definition: "!!!" } })),
      ],
    ],
    filters: [
      [
        "<Not> 10,000 deep",
        withLayer(
          zones({
            filter: { definition: ogc(nested("<Not>", "</Not>", 10_000, EQ)) },
          }),
        ),
      ],
      [
        "<Or> of 100,000",
        withLayer(
          zones({
            filter: { definition: ogc(`<Or>${EQ.repeat(100_000)}</Or>`) },
          }),
        ),
      ],
      [
        "filter of 10 MB",
        withLayer(
          zones({
            filter: {
              definition: ogc("<Not>" + " ".repeat(10_000_000) + "</Not>"),
            },
          }),
        ),
      ],
      [
        "malformed",
        withLayer(zones({ filter: { definition: "<Filter><Or>" } })),
      ],
    ],
    paths: [
      [
        "../../etc/passwd",
        withLayer(
          zones({ source: JSON.stringify({ path: "../../etc/passwd" }) }),
        ),
      ],
      [
        "/etc/passwd",
        withLayer(zones({ source: JSON.stringify({ path: "/etc/passwd" }) })),
      ],
      [
        "/vsicurl/",
        withLayer(
          zones({
            source: JSON.stringify({
              path: "/vsicurl/http://127.0.0.1:1/x.tif",
            }),
          }),
        ),
      ],
      [
        "symlink out",
        withLayer(
          zones({ source: JSON.stringify({ path: "data/link.geojson" }) }),
        ),
      ],
      [
        "VRT out",
        withLayer(
          zones({
            driver: "gdal",
            source: JSON.stringify({ path: "data/out.vrt" }),
          }),
        ),
      ],
      ["source of 10 MB", withLayer(zones({ source: "x".repeat(10_000_000) }))],
    ],
    expressions: [
      [
        "lpad 500M chars",
        withLayer(
          zones({ style: rule("length(lpad('', 500000000, 'x')) > 0") }),
        ),
      ],
      [
        "replace squared",
        withLayer(
          zones({
            style: rule(
              "length(replace(lpad('', 5000, 'a'), 'a', lpad('', 5000, 'a'))) > 0",
            ),
          }),
        ),
      ],
      [
        "string_to_array 9M",
        withLayer(
          zones({
            style: rule(
              "array_length(string_to_array(lpad('', 9000000, ','))) > 0",
            ),
          }),
        ),
      ],
    ],
    labels: [
      [
        // each candidate walked the ring from its start: 9 s
        "perimeter labels on a ring of 50,000 bending nodes",
        withLayer(demoLayer("ring", "ring.geojson", PERIMETER_LABELS)),
      ],
      [
        // each join scanned every piece left and the whole growing line:
        // 200,000 segments took about 19 minutes
        "50,000 shuffled segments of one street name, merged",
        withLayer(demoLayer("streets", "main_st.geojson", MERGED_LINE_LABELS)),
      ],
      [
        // every glyph was outlined, off the map too (1,000,000: 14.9 s)
        "labels of 500,000 characters",
        withLayer(placesLabelled("lpad('', 500000, 'x')", "")),
      ],
      [
        // htmlparser2 keeps its open elements at the front of an array:
        // 100,000 nested tags cost it 7 s before the markup was cut at
        // 10,000 characters
        "HTML labels of 500,000 characters of nested tags",
        withLayer(
          placesLabelled("lpad('', 500000, '<b>x')", ' allowHtml="1"'),
        ),
      ],
    ],
    rasters: [
      [
        // no overviews: GDAL went through every block of the file
        "60,000 × 60,000 px GeoTIFF in a 300 × 200 map",
        withLayer({
          ...demoLayer("big", "big.tif", GREY_RASTER),
          driver: "gdal",
        }),
      ],
    ],
    lines: [
      [
        "dash of 1e-7 mm",
        withLayer({
          ...demoLayer(
            "roads",
            "roads.geojson",
            lineStyle(
              '<Option name="use_custom_dash" value="1" type="QString"/><Option name="customdash" value="0.0000001;0.0000001" type="QString"/><Option name="line_width" value="100" type="QString"/>',
            ),
          ),
        }),
      ],
      [
        "marker interval 1e-12",
        withLayer(
          demoLayer(
            "roads",
            "roads.geojson",
            '<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="line" name="0"><layer class="MarkerLine"><Option type="Map"><Option name="interval" value="1e-12" type="QString"/><Option name="interval_unit" value="MapUnit" type="QString"/></Option><symbol type="marker" name="@0@0"><layer class="SimpleMarker"/></symbol></layer></symbol></symbols></renderer-v2></qgis>',
          ),
        ),
      ],
    ],
  };
}

function rssMb(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN) / 1024;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function makeRoot(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "qsl_hostile_bench_" });
  await Deno.mkdir(join(root, "data"));
  for (const f of ["places.geojson", "roads.geojson", "zones.geojson"]) {
    await Deno.copyFile(join(REPO, "demo/data", f), join(root, "data", f));
  }
  await sparseGeoTiff(join(root, "data/big.tif"), 60_000);
  await Deno.writeTextFile(
    join(root, "data/ring.geojson"),
    bendingRing(50_000),
  );
  await Deno.writeTextFile(
    join(root, "data/main_st.geojson"),
    streetSegments(50_000),
  );
  await Deno.writeTextFile(
    join(root, "outside.asc"),
    "ncols 1\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n1\n",
  );
  await Deno.symlink(
    join(root, "outside.asc"),
    join(root, "data/link.geojson"),
  );
  await Deno.writeTextFile(
    join(root, "data/out.vrt"),
    `<VRTDataset rasterXSize="1" rasterYSize="1"><VRTRasterBand dataType="Byte" band="1"><SimpleSource><SourceFilename relativeToVRT="1">../outside.asc</SourceFilename></SimpleSource></VRTRasterBand></VRTDataset>`,
  );
  return root;
}

/** Runs the bench; resolves with the process exit code. */
export async function main(): Promise<number> {
  const root = await makeRoot();
  const redis = await startTestRedis();
  const worker = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--v8-flags=--optimize-for-size,--enable-experimental-regexp-engine-on-excessive-backtracks",
      `--allow-net=127.0.0.1:${redis.port}`,
      `--allow-read=${root},${join(REPO, "node_modules")}`,
      `--allow-env=${WORKER_ENV_VARS.join(",")}`,
      "--allow-sys=hostname",
      join(REPO, "worker/main.ts"),
      "run",
      "--redis-url",
      redis.url,
      "--data-root",
      root,
      "--log-level",
      "error",
    ],
    stdin: "null",
    stdout: "null",
    stderr: "null",
    env: { MALLOC_TRIM_THRESHOLD_: "1048576", NO_COLOR: "1" },
  }).spawn();
  const queue = RedisQueue.create(redis.url);
  let ok = true;
  try {
    const post = async (params: Params) => {
      const t0 = performance.now();
      const { status, result } = await queue.post(params as never, {
        type: "QslJobInfoRender",
        timeoutMs: 60_000,
      });
      return { ms: performance.now() - t0, status, result };
    };
    const ordinary = async () => {
      for (let i = 0; i < 3; i++) {
        const r = await post(render());
        if (r.status !== "succeed") {
          ok = false;
          console.log(
            `ordinary map: ${r.status}: ${String(r.result.data).slice(0, 200)}`,
          );
        }
      }
    };
    await ordinary();
    const before = rssMb(worker.pid);
    const pass = async (): Promise<number> => {
      console.log(
        "| class | jobs | median ms | slowest ms | slowest job | answers | RSS MB after |",
      );
      console.log("| --- | --- | --- | --- | --- | --- | --- |");
      for (const [name, jobs] of Object.entries(hostileSet())) {
        const times: number[] = [];
        const statuses = new Map<string, number>();
        let slowest = "";
        for (const [label, params] of jobs) {
          let r;
          try {
            r = await post(params);
          } catch (e) {
            ok = false;
            console.log(
              `${name} / ${label}: no answer (${(e as Error).message})`,
            );
            continue;
          }
          if (VERBOSE) {
            console.log(
              `  ${name} / ${label}: ${r.status} in ${
                r.ms.toFixed(0)
              } ms, RSS ${rssMb(worker.pid).toFixed(0)} MB`,
            );
          }
          if (r.ms >= Math.max(0, ...times)) slowest = label;
          times.push(r.ms);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.ms > MAX_ANSWER_MS) ok = false;
        }
        console.log(
          `| ${name} | ${jobs.length} | ${median(times).toFixed(0)} | ${
            Math.max(...times).toFixed(0)
          } | ${slowest} | ${
            [...statuses].map(([s, n]) => `${n} ${s}`).join(", ")
          } | ${rssMb(worker.pid).toFixed(0)} |`,
        );
      }
      await ordinary();
      // an idle worker: V8's memory reducer runs after some seconds without work
      await new Promise((r) => setTimeout(r, IDLE_MS));
      await ordinary();
      return rssMb(worker.pid);
    };
    const first = await pass();
    console.log(
      `\nWorker RSS: ${before.toFixed(0)} MB before the hostile set, ${
        first.toFixed(0)
      } MB after it, idle ${IDLE_MS / 1000} s and three ordinary maps\n`,
    );
    const second = await pass();
    const growth = second / first - 1;
    console.log(
      `\nWorker RSS after a second pass: ${second.toFixed(0)} MB (${
        (growth * 100).toFixed(1)
      } % above the first pass's; limit ${MAX_RSS_GROWTH * 100} %)`,
    );
    if (growth > MAX_RSS_GROWTH) ok = false;
    console.log(ok ? "hostile set: ok" : "hostile set: FAILED");
  } finally {
    await queue.close();
    try {
      worker.kill("SIGTERM");
    } catch { /* gone */ }
    await worker.status;
    await redis.stop();
    await Deno.remove(root, { recursive: true });
  }
  return ok ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main());
