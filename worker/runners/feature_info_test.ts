import assert from "node:assert/strict";
import { DOMParser } from "@xmldom/xmldom";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  encodeStyle,
  parseJobInfo,
  type QslJobInfoFeatureInfo,
  type QslJobLayer,
  QslJobParameterFeatureInfo,
  type QslJobParameterRender,
} from "@qgis-server-light/interface";
import { NO_REFERENCE, REFERENCE_DIR } from "../../tests/reference.ts";
import {
  featureInfo,
  featureInfoRunner,
  queryPixel,
  resolveQueryLayers,
} from "./feature_info.ts";
import { JobError, type RunnerContext } from "./types.ts";
import { toGml2, toWkt } from "./feature_info_format.ts";

const TESTDATA = join(dirname(fileURLToPath(import.meta.url)), "testdata");

const ctx: RunnerContext = {
  dataRoot: TESTDATA,
  svgPaths: [],
  remoteHosts: [],
  limits: { maxWidth: 4096, maxHeight: 4096, maxLayers: 20 },
  logger: { log() {} },
};

function layer(
  name: string,
  file: string,
  qml: string | null,
  filter: string | null = null,
): QslJobLayer {
  return {
    id: `${name}_id`,
    name,
    source: JSON.stringify({ path: `${file}.geojson` }),
    remote: false,
    folder_name: "feature_info",
    driver: "ogr",
    style: qml === null ? null : {
      name: "default",
      definition: encodeStyle(
        Deno.readTextFileSync(join(TESTDATA, "feature_info", `${qml}.qml`)),
      ),
    },
    filter: filter === null ? null : { definition: filter } as never,
  };
}

const LAYERS = (): QslJobLayer[] => [
  layer("points", "points", "points_categorized"),
  layer("lines", "lines", "lines_rules"),
  layer("polygons", "polygons", "polygons_single"),
  layer("polygons far", "polygons", "polygons_zoomed_in_only"),
  layer("polygons null", "polygons", "polygons_null"),
  layer("polygons unstyled", "polygons", null),
];

// 100×100 px over 1 km: 10 m a pixel, 1:37795 at 96 dpi
const MAP = {
  bbox: { x_min: 2600000, y_min: 1200000, x_max: 2601000, y_max: 1201000 },
  crs: "EPSG:2056",
  width: 100,
  height: 100,
};
// 100×100 px over 200 m: 2 m a pixel, 1:7559
const ZOOMED = {
  ...MAP,
  bbox: { x_min: 2600400, y_min: 1200400, x_max: 2600600, y_max: 1200600 },
};

function job(
  params: Record<string, unknown>,
): QslJobParameterFeatureInfo {
  // QGIS Web Client's tolerances unless a test sets its own (QGIS Server's
  // defaults have their own test)
  return QslJobParameterFeatureInfo.parse({
    INFO_FORMAT: "application/json",
    layers: LAYERS(),
    FI_POINT_TOLERANCE: 16,
    FI_LINE_TOLERANCE: 8,
    FI_POLYGON_TOLERANCE: 4,
    WITH_GEOMETRY: true,
    ...MAP,
    ...params,
  });
}

interface Hit {
  id: string;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}

async function hits(params: Record<string, unknown>): Promise<Hit[]> {
  const out = await featureInfo(job(params), ctx);
  assert.equal(out.contentType, "application/json");
  return JSON.parse(new TextDecoder().decode(out.data)).features;
}

const ids = (h: Hit[]) => h.map((f) => f.id);

Deno.test("points: categories drawn only (an unchecked one and an unlisted value are not), by feature id, FEATURE_COUNT", async () => {
  const all = await hits({
    QUERY_LAYERS: "points",
    I: "10",
    J: "10",
    FEATURE_COUNT: 10,
  });
  // 3 (unchecked category) and 6 (no category) lie nearer than 2
  assert.deepEqual(ids(all), ["points.1", "points.2"]);
  assert.deepEqual(all[0].properties, {
    name: "Alpha",
    kind: "a",
    height: 512.5,
    open: true,
  });
  assert.deepEqual(all[0].geometry, {
    type: "Point",
    coordinates: [2600105, 1200895],
  });
  assert.equal(all[1].properties.height, null);

  const one = await hits({ QUERY_LAYERS: "points", I: "10", J: "10" });
  assert.deepEqual(ids(one), ["points.1"], "FEATURE_COUNT defaults to 1");
});

Deno.test("points: FI_POINT_TOLERANCE widens the search; X/Y serve when I/J are absent", async () => {
  const base = { QUERY_LAYERS: "points", FEATURE_COUNT: 10 };
  // 7 lies 17 px to the right of pixel (10, 10)
  assert.deepEqual(ids(await hits({ ...base, X: "10", Y: "10" })), [
    "points.1",
    "points.2",
  ]);
  assert.deepEqual(
    ids(await hits({ ...base, X: "10", Y: "10", FI_POINT_TOLERANCE: 18 })),
    ["points.1", "points.2", "points.7"],
  );
  assert.deepEqual(
    ids(await hits({ ...base, I: "10", J: "10", FI_POINT_TOLERANCE: 3 })),
    ["points.1"],
  );
  assert.deepEqual(ids(await hits({ ...base, I: "80", J: "80" })), [
    "points.4",
  ]);
  assert.deepEqual(await hits({ ...base, I: "50", J: "30" }), []);
});

Deno.test("lines: rules with scale ranges — what is drawn at the map's scale, ELSE included", async () => {
  const base = { QUERY_LAYERS: "lines", FEATURE_COUNT: 10, I: "50", J: "50" };
  // 1:37795: 'main' (≤ 1:20000) and the ELSE rule are not drawn; 'side' is 6 px away
  assert.deepEqual(ids(await hits(base)), ["lines.2"]);
  assert.deepEqual(
    ids(await hits({ ...base, FI_LINE_TOLERANCE: 5 })),
    [],
    "6 px is beyond a 5 px tolerance",
  );
  // 1:7559: the main street 2 px away; the others 28 and 32 px away
  assert.deepEqual(ids(await hits({ ...base, ...ZOOMED })), ["lines.1"]);
  assert.deepEqual(
    ids(await hits({ ...base, ...ZOOMED, FI_LINE_TOLERANCE: 40 })),
    ["lines.1", "lines.2", "lines.3"],
    "main, side and other (ELSE), by feature id as QGIS Server answers",
  );
});

Deno.test("lines: a rule QGIS cannot parse matches nothing (ELSE takes its features), with a warning, not a failure", async () => {
  const qml = Deno.readTextFileSync(
    join(TESTDATA, "feature_info", "lines_rules.qml"),
  ).replace(
    "&quot;kind&quot; = 'side'",
    "no_such_function(&quot;kind&quot;) = 'side'",
  );
  const unparsed: QslJobLayer = {
    ...layer("lines", "lines", null),
    style: { name: "default", definition: encodeStyle(qml) },
  };
  const warnings: string[] = [];
  const logged: RunnerContext = {
    ...ctx,
    logger: { log: (_level, message) => warnings.push(message) },
  };
  const base = {
    QUERY_LAYERS: "lines",
    FEATURE_COUNT: 10,
    I: "50",
    J: "50",
    layers: [unparsed],
  };
  const answer = async (params: Record<string, unknown>) =>
    ids(
      JSON.parse(
        new TextDecoder().decode(
          (await featureInfo(job({ ...base, ...params }), logged)).data,
        ),
      ).features,
    );
  // 1:37795: 'side' no longer matches, ELSE is not drawn at this scale
  assert.deepEqual(await answer({}), []);
  // 1:7559: ELSE takes the side street
  assert.deepEqual(
    await answer({ ...ZOOMED, FI_LINE_TOLERANCE: 40 }),
    ["lines.1", "lines.2", "lines.3"],
  );
  assert.ok(
    warnings.some((w) => w.includes("no_such_function")),
    warnings.join(),
  );
});

Deno.test("polygons: inside, edge of a hole, outside; layer scale visibility; nullSymbol; no style", async () => {
  const at = (QUERY_LAYERS: string, I: number, J: number, extra = {}) =>
    hits({ QUERY_LAYERS, I: String(I), J: String(J), ...extra });
  assert.deepEqual(ids(await at("polygons", 42, 42)), ["polygons.1"]);
  assert.deepEqual(ids(await at("polygons", 80, 80)), ["polygons.2"]);
  // pixel (50, 49) is in the hole, 1.5 px from its edge
  assert.deepEqual(ids(await at("polygons", 50, 49)), ["polygons.1"]);
  assert.deepEqual(
    await at("polygons", 50, 49, { FI_POLYGON_TOLERANCE: 1 }),
    [],
  );
  assert.deepEqual(await at("polygons", 20, 20), []);
  // drawn only closer than 1:10000
  assert.deepEqual(await at("polygons far", 42, 42), []);
  assert.deepEqual(ids(await at("polygons far", 10, 10, ZOOMED)), [
    "polygons far.1",
  ]);
  // QGIS Server answers a nullSymbol layer's features (every one under the
  // point: tests/parity/real/legend_info/info_null_symbol_text)
  assert.deepEqual(ids(await at("polygons null", 42, 42)), [
    "polygons null.1",
  ]);
  assert.deepEqual(ids(await at("polygons unstyled", 42, 42)), [
    "polygons unstyled.1",
  ]);
});

Deno.test("polygons: the layer's OGC filter applies", async () => {
  const ogc = (name: string) =>
    `<Filter xmlns="http://www.opengis.net/ogc"><PropertyIsEqualTo><PropertyName>name</PropertyName><Literal>${name}</Literal></PropertyIsEqualTo></Filter>`;
  const withFilter = (name: string) => [
    layer("polygons", "polygons", "polygons_single", ogc(name)),
  ];
  const q = { QUERY_LAYERS: "polygons", I: "80", J: "80" };
  assert.deepEqual(ids(await hits({ ...q, layers: withFilter("Square") })), [
    "polygons.2",
  ]);
  assert.deepEqual(await hits({ ...q, layers: withFilter("Donut") }), []);
  await assert.rejects(
    hits({
      ...q,
      layers: [layer("polygons", "polygons", "polygons_single", "<Filter")],
    }),
    (e) =>
      e instanceof JobError && /filter of layer 'polygons'/.test(e.message),
  );
});

Deno.test("several layers: QUERY_LAYERS order, names or ids, duplicates once", async () => {
  const out = await hits({
    QUERY_LAYERS: "polygons, points_id,points",
    I: "10",
    J: "10",
    FEATURE_COUNT: 5,
    FI_POLYGON_TOLERANCE: 40,
  });
  assert.deepEqual(ids(out), ["polygons.1", "points.1", "points.2"]);
});

const grid = (): QslJobLayer => ({
  ...layer("grid", "grid", null),
  driver: "gdal",
  source: JSON.stringify({ path: "grid.asc" }),
});

Deno.test("raster: every band's value at the pixel, no data, QGIS's number format, outside the raster", async () => {
  const text = async (I: number, J: number, extra = {}) =>
    new TextDecoder().decode(
      (await featureInfo(
        job({
          INFO_FORMAT: "text/plain",
          QUERY_LAYERS: "grid",
          I: String(I),
          J: String(J),
          layers: [grid()],
          ...extra,
        }),
        ctx,
      )).data,
    );
  // 4×4 cells of 250 m (25 px) over the map
  assert.equal(
    await text(10, 10),
    "GetFeatureInfo results\n\nLayer 'grid'\nBand 1 = '1'\n\n",
  );
  assert.match(await text(37, 37), /Band 1 = '6.25'/);
  assert.match(await text(60, 37), /Band 1 = 'no data'/);
  assert.match(await text(90, 90), /Band 1 = '1.23457e\+06'/);
  assert.equal(
    await text(10, 10, {
      bbox: { x_min: 2601000, y_min: 1200000, x_max: 2602000, y_max: 1201000 },
    }),
    "GetFeatureInfo results\n\nLayer 'grid'\n\n",
  );
  const json = await featureInfo(
    job({
      QUERY_LAYERS: "grid,points",
      I: "37",
      J: "37",
      layers: [grid(), LAYERS()[0]],
    }),
    ctx,
  );
  assert.deepEqual(
    JSON.parse(new TextDecoder().decode(json.data)).features,
    [{
      type: "Feature",
      id: "grid",
      properties: { "Band 1": "6.25" },
    }],
  );
  const html = new TextDecoder().decode(
    (await featureInfo(
      job({
        INFO_FORMAT: "text/html",
        QUERY_LAYERS: "grid",
        I: "60",
        J: "37",
        layers: [grid()],
      }),
      ctx,
    )).data,
  );
  assert.ok(html.includes("<TR><TH>Band 1</TH><TD>no data</TD></TR>"));
  const gml = new TextDecoder().decode(
    (await featureInfo(
      job({
        INFO_FORMAT: "text/xml",
        QUERY_LAYERS: "grid",
        I: "37",
        J: "37",
        layers: [grid()],
      }),
      ctx,
    )).data,
  );
  assert.match(
    gml,
    /<qgs:grid fid="grid.NULL">\n {3}<qgs:Band_1>6.25<\/qgs:Band_1>/,
  );
});

Deno.test("another map CRS: layers are searched and answered in the map's CRS (LV03 map, LV95 data)", async () => {
  const lv03 = {
    crs: "EPSG:21781",
    bbox: { x_min: 600000, y_min: 200000, x_max: 601000, y_max: 201000 },
  };
  const out = await hits({
    QUERY_LAYERS: "points,polygons",
    I: "10",
    J: "10",
    FEATURE_COUNT: 10,
    ...lv03,
  });
  assert.deepEqual(ids(out), ["points.1", "points.2"]);
  const [x, y] = out[0].geometry!.coordinates as number[];
  // LV95 = LV03 + (2 000 000, 1 000 000) within a few metres
  assert.ok(Math.abs(x - 600105) < 5 && Math.abs(y - 200895) < 5, `${x} ${y}`);
  assert.deepEqual(
    ids(await hits({ QUERY_LAYERS: "polygons", I: "80", J: "80", ...lv03 })),
    ["polygons.2"],
  );
});

const TEXT_QUERY = {
  QUERY_LAYERS: "points,lines",
  I: "30",
  J: "70",
  WITH_GEOMETRY: false,
};

Deno.test("text/plain: QGIS Server's layout, every queried layer listed", async () => {
  const out = await featureInfo(
    job({ ...TEXT_QUERY, INFO_FORMAT: "Text/Plain" }),
    ctx,
  );
  assert.equal(out.contentType, "text/plain");
  assert.equal(
    new TextDecoder().decode(out.data),
    "GetFeatureInfo results\n\n" +
      "Layer 'points'\n" +
      "Feature 5\n" +
      `name = '<b>"Tom" & 'Jerry'</b>'\n` +
      "kind = 'a'\n" +
      "height = '3'\n" +
      "open = 'true'\n" +
      "\n" +
      "Layer 'lines'\n" +
      "\n",
  );
});

Deno.test("wms_add_wkt_geometry: the project's setting decides geometries and GML bounds as QGIS Server 3.22", async () => {
  const gml = async (params: Record<string, unknown>) =>
    new TextDecoder().decode(
      (await featureInfo(
        job({
          ...TEXT_QUERY,
          INFO_FORMAT: "application/vnd.ogc.gml",
          ...params,
        }),
        ctx,
      )).data,
    );
  const has = (text: string) => [
    text.includes("<gml:boundedBy>"),
    text.includes("<qgs:geometry>"),
  ];
  // absent: WITH_GEOMETRY decides both, as before the key
  assert.deepEqual(has(await gml({ WITH_GEOMETRY: true })), [true, true]);
  assert.deepEqual(has(await gml({ WITH_GEOMETRY: false })), [false, false]);
  // the project adds geometries: bounds always, geometries when asked
  assert.deepEqual(
    has(await gml({ WITH_GEOMETRY: false, wms_add_wkt_geometry: true })),
    [true, false],
  );
  assert.deepEqual(
    has(await gml({ WITH_GEOMETRY: true, wms_add_wkt_geometry: true })),
    [true, true],
  );
  // it does not: neither, asked or not
  assert.deepEqual(
    has(await gml({ WITH_GEOMETRY: true, wms_add_wkt_geometry: false })),
    [false, false],
  );
  // the project's precision: decimals of GML and WKT coordinates (6 by
  // default), trailing zeros dropped as qgsDoubleToString drops them
  const point = {
    kind: "point" as const,
    parts: [[new Float64Array([440375.58817610, 5408195.030760991])]],
  };
  assert.equal(toWkt(point), "Point (440375.588176 5408195.030761)");
  assert.equal(toWkt(point, 8), "Point (440375.5881761 5408195.03076099)");
  assert.equal(toWkt(point, 0), "Point (440376 5408195)");
  assert.match(
    toGml2(point, "EPSG:2154", "", 8),
    />440375\.5881761,5408195\.03076099</,
  );
});

Deno.test("text/html escapes the data; GML is well-formed with the feature's values", async () => {
  const html = new TextDecoder().decode(
    (await featureInfo(job({ ...TEXT_QUERY, INFO_FORMAT: "text/html" }), ctx))
      .data,
  );
  assert.ok(!html.includes("<b>"));
  assert.ok(
    html.includes(
      "<TD>&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</TD>",
    ),
  );
  for (const format of ["application/vnd.ogc.gml", "text/xml"]) {
    const out = await featureInfo(
      job({ ...TEXT_QUERY, INFO_FORMAT: format, WITH_GEOMETRY: true }),
      ctx,
    );
    assert.equal(out.contentType, format);
    const gml = new TextDecoder().decode(out.data);
    assert.match(gml, /<qgs:points fid="points\.5">/);
    // escaped as QDom writes text: markup escaped, quotes kept
    assert.ok(
      gml.includes(`<qgs:name>&lt;b>"Tom" &amp; 'Jerry'&lt;/b></qgs:name>`),
      gml,
    );
    // and read back as the value
    const doc = new DOMParser().parseFromString(gml, "text/xml");
    assert.equal(
      doc.getElementsByTagName("qgs:name")[0].textContent,
      `<b>"Tom" & 'Jerry'</b>`,
    );
    assert.match(gml, /<gml:Point srsName="EPSG:2056">/);
  }
  const geo = await featureInfo(
    job({ ...TEXT_QUERY, INFO_FORMAT: "application/geo+json" }),
    ctx,
  );
  assert.equal(geo.contentType, "application/geo+json");
  assert.equal(
    JSON.parse(new TextDecoder().decode(geo.data)).features[0].properties.name,
    `<b>"Tom" & 'Jerry'</b>`,
  );
});

async function failure(params: Record<string, unknown>): Promise<string> {
  try {
    await featureInfo(job(params), ctx);
  } catch (e) {
    assert.ok(e instanceof JobError, String(e));
    return e.message;
  }
  throw new Error("no error");
}

Deno.test("bad input fails with a JobError naming the cause", async () => {
  const q = { QUERY_LAYERS: "points", I: "1", J: "1" };
  assert.match(
    await failure({ ...q, INFO_FORMAT: "image/png" }),
    /INFO_FORMAT 'image\/png' is not supported \(supported: application\/json, .*text\/plain/,
  );
  assert.equal(
    await failure({ ...q, I: "100" }),
    "Cannot query feature info: pixel (100, 1) is outside the 100×100 image",
  );
  assert.match(await failure({ ...q, J: "-1" }), /pixel \(1, -1\) is outside/);
  assert.match(await failure({ ...q, I: "1.5" }), /I '1\.5' is not an integer/);
  assert.match(await failure({ ...q, I: "abc" }), /I 'abc' is not an integer/);
  assert.match(await failure({ ...q, J: null }), /J is missing/);
  assert.match(
    await failure({ ...q, I: null, J: null }),
    /gives no pixel \(I and J, or X and Y\)/,
  );
  assert.match(
    await failure({ ...q, QUERY_LAYERS: "points,rivers" }),
    /layer 'rivers' in QUERY_LAYERS is not one of the job's layers \('points', /,
  );
  assert.match(await failure({ ...q, QUERY_LAYERS: " , " }), /names no layer/);
  assert.match(
    await failure({ ...q, bbox: null, crs: null }),
    /does not describe the map \(no bbox, crs\)/,
  );
  assert.match(await failure({ ...q, crs: "nonsense" }), /CRS/);
  assert.match(
    await failure({ ...q, width: 5000, height: 10 }),
    /5000×10 exceeds the limit/,
  );
  const raster = {
    ...layer("dem", "dem", null),
    driver: "gdal",
    source: '{"path": "dem.tif"}',
  };
  assert.match(
    await failure({ ...q, QUERY_LAYERS: "dem", layers: [raster] }),
    /dem\.tif/,
  );
  assert.match(
    await failure({
      ...q,
      layers: [{ ...layer("points", "points", null), driver: "wfs" }],
    }),
    /Cannot open layer 'points': provider 'wfs' is not supported \(supported: delimitedtext, gdal, gpx, mbtilesvectortiles, ogr, postgres, spatialite, wms, xyzvectortiles\)/,
  );
  const badStyle = layer("points", "points", null);
  badStyle.style = { name: "x", definition: encodeStyle("<qgis") };
  assert.match(
    await failure({ ...q, layers: [badStyle] }),
    /Cannot read the style of layer 'points'/,
  );
  const missing = layer("points", "nowhere", null);
  assert.match(await failure({ ...q, layers: [missing] }), /nowhere/);
});

Deno.test("queryPixel and resolveQueryLayers alone", () => {
  assert.deepEqual(queryPixel({ I: " 0", J: "+3", X: "9", Y: "9" }, 4, 4), [
    0,
    3,
  ]);
  assert.deepEqual(queryPixel({ I: null, J: null, X: "3", Y: "0" }, 4, 4), [
    3,
    0,
  ]);
  const layers = [{ id: "a", name: "b" }, { id: "b", name: "c" }];
  assert.deepEqual(resolveQueryLayers("b", layers), [layers[0]], "name first");
  assert.deepEqual(resolveQueryLayers("a,b,a", layers), [layers[0]]);
  // two layers of one name: the smaller id answers, as QGIS Server's
  // project map of layers by id (legend_info info_own_twins_*)
  const twins = [{ id: "z_upper", name: "t" }, { id: "a_lower", name: "t" }];
  assert.deepEqual(resolveQueryLayers("t", twins), [twins[1]]);
});

Deno.test({
  name:
    "reference: all_lv95's layers — the place, road and zone QGIS draws under a pixel come back",
  ignore: NO_REFERENCE,
  async fn() {
    const render = parseJobInfo(
      Deno.readTextFileSync(`${REFERENCE_DIR}/demo/all_lv95.job.json`),
    ).job as QslJobParameterRender;
    const refCtx = { ...ctx, dataRoot: `${REFERENCE_DIR}/demo` };
    const info = (
      QUERY_LAYERS: string,
      I: number,
      J: number,
      FI_POLYGON_TOLERANCE = 4,
    ) =>
      ({
        id: "fi",
        type: "QslJobInfoFeatureInfo",
        job: QslJobParameterFeatureInfo.parse({
          INFO_FORMAT: "text/plain",
          QUERY_LAYERS,
          I: String(I),
          J: String(J),
          FI_POLYGON_TOLERANCE,
          layers: render.layers,
          bbox: render.bbox,
          crs: render.crs,
          width: render.width,
          height: render.height,
          dpi: render.dpi,
        }),
      }) as QslJobInfoFeatureInfo;
    const text = async (q: string, i: number, j: number, tolerance = 4) =>
      new TextDecoder().decode(
        (await featureInfoRunner(info(q, i, j, tolerance), refCtx))
          .data as Uint8Array,
      );
    // the star labelled "Dorsa" in all_lv95.qgis.png
    const dorsa = await text("places", 432, 231);
    assert.match(
      dorsa,
      /^GetFeatureInfo results\n\nLayer 'places'\nFeature 4\n/,
    );
    assert.match(dorsa, /\nname = 'Dorsa'\n/);
    // a GeoPackage DATE field shows as a date, as QGIS shows it
    assert.match(dorsa, /\nfounded = '1260-01-01'\n/);
    // the 8 px gap between two zone squares (1 px tolerance), and a square
    assert.equal(
      await text("zones", 327, 250, 1),
      "GetFeatureInfo results\n\nLayer 'zones'\n\n",
    );
    assert.match(
      await text("zones", 400, 100),
      /Layer 'zones'\nFeature \d+\nfid = /,
    );
    // the thick red road on the left
    assert.match(await text("roads", 181, 200), /Layer 'roads'\nFeature \d+\n/);
    // the elevation raster under Dorsa
    assert.match(
      await text("elevation", 432, 231),
      /^GetFeatureInfo results\n\nLayer 'elevation'\nBand 1 = '-?\d+(\.\d+)?'\n\n$/,
    );
    // the same place and raster cell in an LV03 map of the same area
    const lv03 = structuredClone(info("places,elevation", 432, 231));
    const b = lv03.job.bbox!;
    lv03.job.crs = "EPSG:21781";
    lv03.job.bbox = {
      ...b,
      x_min: b.x_min - 2e6,
      x_max: b.x_max - 2e6,
      y_min: b.y_min - 1e6,
      y_max: b.y_max - 1e6,
    };
    const both = new TextDecoder().decode(
      (await featureInfoRunner(lv03, refCtx)).data as Uint8Array,
    );
    assert.match(both, /\nname = 'Dorsa'\n/);
    assert.match(both, /Layer 'elevation'\nBand 1 = '-?\d+(\.\d+)?'\n/);
    // an empty spot of the map has no road
    assert.equal(
      await text("roads", 100, 600),
      "GetFeatureInfo results\n\nLayer 'roads'\n\n",
    );
  },
});
