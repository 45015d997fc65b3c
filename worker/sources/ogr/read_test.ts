import { assert, assertEquals, assertRejects } from "../_assert.ts";
import { zipSync } from "fflate";
import { readVectorLayer, readVectorPage } from "./read.ts";
import { convertGeoJson, sampleCollection } from "../_test_util.ts";
import { JobError } from "../../runners/types.ts";
import { DatasetCache, datasetCache } from "../../gdal/dataset_cache.ts";
import { withGdal } from "../../gdal/gdal.ts";
import { resolveLayerSource } from "../file_source.ts";
import { gdalPathOf } from "../gdal_dataset.ts";

const NEAR = { xmin: 2599000, ymin: 1199000, xmax: 2615000, ymax: 1215000 };
const ALL = { xmin: 2500000, ymin: 1000000, xmax: 2800000, ymax: 1300000 };

let root: string | undefined;

/** A data root with the sample as GPKG, Shapefile, FlatGeobuf, GeoJSON and zipped Shapefile. */
async function dataRoot(): Promise<string> {
  if (root) return root;
  const dir = await Deno.makeTempDir({ prefix: "qsl_vector_" });
  await Deno.mkdir(`${dir}/data`);
  const d = `${dir}/data`;
  const fc = sampleCollection();
  await convertGeoJson(d, "sample", fc, "GPKG", ["-nln", "sample"]);
  await convertGeoJson(d, "sample", fc, "FlatGeobuf", [
    "-lco",
    "SPATIAL_INDEX=NO",
  ]);
  const shp = await convertGeoJson(d, "sample", fc, "ESRI Shapefile");
  const zipped: Record<string, Uint8Array> = {};
  for (const f of shp) zipped[f] = await Deno.readFile(`${d}/${f}`);
  await Deno.writeFile(`${d}/sample_shp.zip`, zipSync(zipped));
  await Deno.writeTextFile(`${d}/sample.dbf.txt`, "not a dataset");
  const crs = {
    type: "name",
    properties: { name: "urn:ogc:def:crs:EPSG::2056" },
  };
  const point = (x: number, y: number, z: number) => ({
    type: "Feature",
    properties: { z },
    geometry: { type: "Point", coordinates: [x, y, z] },
  });
  await convertGeoJson(
    d,
    "z",
    {
      type: "FeatureCollection",
      crs,
      features: [point(2600000, 1200000, 500), point(2600100, 1200100, 600)],
    },
    "GPKG",
    ["-nln", "z"],
  );
  await convertGeoJson(
    d,
    "mixed",
    {
      type: "FeatureCollection",
      crs,
      features: [
        point(2600000, 1200000, 0),
        {
          type: "Feature",
          properties: { z: 1 },
          geometry: {
            type: "LineString",
            coordinates: [[2600000, 1200000], [2600100, 1200100]],
          },
        },
        point(2600200, 1200200, 0),
      ],
    },
    "GeoJSON",
    ["-lco", "RFC7946=NO"],
  );
  root = dir;
  return dir;
}

function layer(source: Record<string, unknown>, id = "sample") {
  return {
    id,
    name: "sample",
    source: JSON.stringify(source),
    remote: false,
    folder_name: "data",
    driver: "ogr",
  };
}

const FORMATS: Record<string, Record<string, unknown>> = {
  gpkg: { path: "sample.gpkg", layerName: "sample" },
  shapefile: { path: "sample.shp" },
  flatgeobuf: { path: "sample.fgb" },
  geojson: { path: "sample.geojson" },
  "folder of shapefiles": { path: ".", layerName: "sample" },
  "zipped shapefile": {
    path: "sample_shp.zip",
    vsiPrefix: "/vsizip/",
    vsiSuffix: "/sample.shp",
  },
};

function ringLengths(
  f: { geometry: { parts: Float64Array[][] } | null },
): number[][] {
  return f.geometry!.parts.map((p) => p.map((r) => r.length / 2));
}

Deno.test("readVectorLayer reads GPKG, Shapefile, FlatGeobuf, GeoJSON and a zipped Shapefile alike", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  for (const [format, source] of Object.entries(FORMATS)) {
    const data = await readVectorLayer(layer(source, format), {
      bbox: NEAR,
      crs: "EPSG:2056",
    }, ctx);
    assertEquals(data.geometryKind, "polygon", format);
    const byName = new Map(data.features.map((f) => [f.attributes.name, f]));
    assertEquals([...byName.keys()].sort(), ["square", "two squares"], format);
    assertEquals(ringLengths(byName.get("square")!), [[5, 5]], format);
    assertEquals(ringLengths(byName.get("two squares")!), [[4], [4]], format);
    const xs = byName.get("square")!.geometry!.parts[0][0].filter((_, i) =>
      i % 2 === 0
    );
    assertEquals(
      [Math.min(...xs), Math.max(...xs)],
      [2600000, 2601000],
      format,
    );
    assertEquals(
      data.features.length,
      new Set(data.features.map((f) => f.id)).size,
      format,
    );
  }
});

Deno.test("readVectorLayer types attribute values (GeoPackage)", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  const data = await readVectorLayer(layer(FORMATS.gpkg), {
    bbox: ALL,
    crs: "EPSG:2056",
  }, ctx);
  assertEquals(
    data.fields.map((f) => `${f.name}:${f.type}`),
    [
      "fid:Integer64",
      "name:String",
      "n:Integer",
      "r:Real",
      "ok:Boolean",
      "day:Date",
      "at:DateTime",
    ],
  );
  const square = data.features.find((f) => f.attributes.name === "square")!;
  assertEquals(square.attributes.fid, square.id);
  assertEquals(square.attributes.n, 1);
  assertEquals(square.attributes.r, 1.5);
  assertEquals(square.attributes.ok, true);
  assertEquals(square.attributes.day, new Date(2024, 2, 5));
  assertEquals(
    square.attributes.at,
    new Date(Date.UTC(2024, 2, 5, 10, 20, 30)),
  );
  const two = data.features.find((f) => f.attributes.name === "two squares")!;
  assertEquals([two.attributes.r, two.attributes.ok, two.attributes.day], [
    null,
    false,
    null,
  ]);
  // The bbox filters: the feature without geometry is not inside any extent.
  assertEquals(data.features.length, 3);
});

Deno.test("readVectorLayer applies the subset, the filter and the field list, and carries none of them over", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  const subset = { ...FORMATS.gpkg, subset: '"n" >= 2' };
  const a = await readVectorLayer(layer(subset, "subset"), {
    bbox: ALL,
    crs: "EPSG:2056",
  }, ctx);
  assertEquals(a.features.map((f) => f.attributes.name).sort(), [
    "far away",
    "two squares",
  ]);
  const b = await readVectorLayer(
    layer(subset, "subset"),
    { bbox: ALL, crs: "EPSG:2056", where: '"r" < 0', fields: ["name"] },
    ctx,
  );
  assertEquals(b.features.map((f) => f.attributes), [{ name: "far away" }]);
  assertEquals(b.fields, [{ name: "name", type: "String" }]);
  // names match fields in any case, as expressions resolve columns
  const upper = await readVectorLayer(
    layer(subset, "subset"),
    { bbox: ALL, crs: "EPSG:2056", where: '"r" < 0', fields: ["NAME"] },
    ctx,
  );
  assertEquals(upper.features.map((f) => f.attributes), [{ name: "far away" }]);
  const none = await readVectorLayer(
    layer(FORMATS.gpkg, "subset"),
    { bbox: ALL, crs: "EPSG:2056", fields: [] },
    ctx,
  );
  assertEquals(none.features.length, 3);
  assertEquals(none.features.map((f) => Object.keys(f.attributes).length), [
    0,
    0,
    0,
  ]);
  // Same layer id without subset and filter: everything again.
  const c = await readVectorLayer(layer(FORMATS.gpkg, "subset"), {
    bbox: ALL,
    crs: "EPSG:2056",
  }, ctx);
  assertEquals(c.features.length, 3);
});

Deno.test("GeoPackage subsets in SQLite's own syntax run natively, as QGIS passes them", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  const source = {
    ...FORMATS.gpkg,
    subset: "lower(\"name\") IN ('square', 'far away')",
  };
  const all = await readVectorLayer(layer(source, "native"), {
    bbox: ALL,
    crs: "EPSG:2056",
  }, ctx);
  assertEquals(all.features.map((f) => f.attributes.name).sort(), [
    "far away",
    "square",
  ]);
  assertEquals(
    Object.keys(all.features[0].attributes),
    all.fields.map((f) => f.name),
  );
  assertEquals(
    all.features.map((f) => f.attributes.fid),
    all.features.map((f) => f.id),
  );
  const some = await readVectorLayer(
    layer(source, "native"),
    { bbox: NEAR, crs: "EPSG:2056", where: '"n" < 3', fields: ["n"] },
    ctx,
  );
  assertEquals(some.features.map((f) => f.attributes), [{ n: 1 }]);
  assertEquals(some.features[0].geometry!.kind, "polygon");
  const page = await readVectorPage(
    layer(source, "native"),
    { startIndex: 1, count: 5, orderByFid: true },
    ctx,
  );
  assertEquals(page.numbersMatched, 2);
  assertEquals(page.features.map((f) => f.attributes.name), ["far away"]);
  assert(page.features[0].wkb !== null);
  const spatial = await readVectorPage(
    layer(source, "native"),
    {
      startIndex: 0,
      count: 5,
      orderByFid: true,
      bbox: NEAR,
      bboxCrs: "EPSG:2056",
    },
    ctx,
  );
  assertEquals(spatial.numbersMatched, 1);
  // Other drivers have no SQL of their own: OGR SQL's error stands.
  const error = await assertRejects(
    () =>
      readVectorLayer(
        layer({ ...FORMATS.shapefile, subset: source.subset }, "native_shp"),
        { bbox: ALL, crs: "EPSG:2056" },
        ctx,
      ),
    JobError,
  );
  assert(error.message.includes("lower"), error.message);
});

Deno.test("a subset with a common table expression is refused before SQLite runs it (a recursive one never ends); WITH in a string or a name is no keyword", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  for (
    const subset of [
      "fid IN (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT x FROM c)",
      "fid IN (with c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT x FROM c)",
      'fid IN (WITH"c"(x) AS (SELECT 1) SELECT x FROM c)',
    ]
  ) {
    const error = await assertRejects(
      () =>
        readVectorLayer(
          layer({ ...FORMATS.gpkg, subset }, "cte"),
          { bbox: ALL, crs: "EPSG:2056" },
          ctx,
        ),
      JobError,
    );
    assertEquals(
      error.message,
      "Cannot open layer 'sample': subsets with common table expressions (WITH …) are not supported",
    );
  }
  const quoted = await readVectorLayer(
    layer({
      ...FORMATS.gpkg,
      subset: "\"name\" <> 'with' AND \"name\" <> 'x with y'",
    }, "q"),
    { bbox: ALL, crs: "EPSG:2056" },
    ctx,
  );
  assert(quoted.features.length > 0);
});

Deno.test("readVectorLayer reprojects to the map CRS and filters with a bbox in it", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  const wgs = await readVectorLayer(
    layer(FORMATS.gpkg),
    {
      bbox: { xmin: 7.3, ymin: 46.8, xmax: 7.7, ymax: 47.1 },
      crs: "EPSG:4326",
    },
    ctx,
  );
  assertEquals(wgs.features.map((f) => f.attributes.name).sort(), [
    "square",
    "two squares",
  ]);
  const [lon, lat] =
    wgs.features.find((f) => f.attributes.name === "square")!.geometry!
      .parts[0][0];
  assert(
    Math.abs(lon - 7.4386) < 0.01 && Math.abs(lat - 46.9511) < 0.01,
    `${lon} ${lat}`,
  );
  const merc = await readVectorLayer(
    layer(FORMATS.gpkg),
    {
      bbox: { xmin: -2e7, ymin: -2e7, xmax: 2e7, ymax: 2e7 },
      crs: "EPSG:3857",
    },
    ctx,
  );
  assertEquals(merc.features.length, 3);
  const [mx, my] = merc.features[0].geometry!.parts[0][0];
  assert(mx > 800000 && mx < 900000 && my > 5.9e6 && my < 6.0e6, `${mx} ${my}`);
  const empty = await readVectorLayer(
    layer(FORMATS.gpkg),
    { bbox: { xmin: 0, ymin: 0, xmax: 1, ymax: 1 }, crs: "EPSG:2056" },
    ctx,
  );
  assertEquals(empty.features, []);
  // Polygons and multipolygons mixed: the layer type is "Unknown", and with
  // no feature in view there is nothing to tell the kind by.
  assertEquals(empty.geometryKind, null);
  assertEquals(empty.fields.length, 7);
});

Deno.test("readVectorPage returns one page in FID order, ISO WKB, and the total matched", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  const all = await readVectorPage(layer(FORMATS.gpkg), {
    startIndex: 0,
    count: null,
    orderByFid: true,
  }, ctx);
  assertEquals(all.numbersMatched, 4);
  const ids = all.features.map((f) => f.id);
  assertEquals(ids, [...ids].sort((a, b) => a - b));
  assertEquals(all.features.map((f) => f.wkb === null), [
    false,
    false,
    false,
    true,
  ]);
  const type = (wkb: Uint8Array) =>
    new DataView(wkb.buffer, wkb.byteOffset).getUint32(1, true);
  assertEquals(all.features.slice(0, 3).map((f) => [f.wkb![0], type(f.wkb!)]), [
    [1, 3],
    [1, 6],
    [1, 3],
  ]);
  const page = await readVectorPage(
    layer(FORMATS.gpkg),
    { startIndex: 1, count: 1, where: '"n" <> 2', orderByFid: true },
    ctx,
  );
  assertEquals(page.numbersMatched, 3);
  assertEquals(page.features.map((f) => f.attributes.name), ["far away"]);
  const spatial = await readVectorPage(
    layer(FORMATS.gpkg),
    {
      startIndex: 0,
      count: 10,
      bbox: NEAR,
      bboxCrs: "EPSG:2056",
      orderByFid: true,
    },
    ctx,
  );
  assertEquals(spatial.numbersMatched, 2);
  assertEquals(spatial.features.length, 2);
  const past = await readVectorPage(layer(FORMATS.gpkg), {
    startIndex: 9,
    count: 5,
    orderByFid: true,
  }, ctx);
  assertEquals([past.numbersMatched, past.features.length], [4, 0]);
});

Deno.test("readVectorLayer names the cause of failures", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  const q = { bbox: ALL, crs: "EPSG:2056" };
  const cases: [Record<string, unknown>, string | undefined, string][] = [
    [
      { path: "sample.gpkg", layerName: "nope" },
      undefined,
      "no layer 'nope' (it has 'sample')",
    ],
    [{ path: "sample.gpkg", layerId: 7 }, undefined, "no layer 7"],
    [FORMATS.gpkg, '"nosuchfield" = 1', "nosuchfield"],
    [FORMATS.gpkg, "((", "SQL"],
    [{ path: "missing.gpkg" }, undefined, "file not found"],
    [
      { path: "sample.dbf.txt" },
      undefined,
      "data/sample.dbf.txt' not recognized as a supported file format",
    ],
    [{ path: "../../../etc/passwd" }, undefined, "leaves the data root"],
    [
      { ...FORMATS.gpkg, subset: "SELECT * FROM sample" },
      undefined,
      "subsets that are SQL statements (SELECT …) are not supported",
    ],
  ];
  for (const [source, where, message] of cases) {
    const error = await assertRejects(
      () => readVectorLayer(layer(source, "errors"), { ...q, where }, ctx),
      JobError,
    );
    assert(
      error.message.startsWith("Cannot open layer 'sample': "),
      error.message,
    );
    assert(error.message.includes(message), `${message}: ${error.message}`);
  }
  // Layer names match without regard to case, as OGR's lookup does.
  const upper = await readVectorLayer(
    layer({ path: "sample.gpkg", layerName: "SAMPLE" }, "errors"),
    q,
    ctx,
  );
  assertEquals(upper.features.length, 3);
  // GDAL still works after errors.
  const ok = await readVectorLayer(layer(FORMATS.gpkg, "errors"), q, ctx);
  assertEquals(ok.features.length, 3);
});

Deno.test("the dataset cache closes evicted datasets and reopens replaced files", async () => {
  const dir = await dataRoot();
  const ctx = { dataRoot: dir, remoteHosts: [] };
  const cache = new DatasetCache(1);
  await withGdal(async (gdal) => {
    for (const format of ["gpkg", "flatgeobuf", "gpkg"]) {
      const l = layer(FORMATS[format], format);
      const r = await resolveLayerSource(l, ctx);
      cache.open(gdal, l, "vector", gdalPathOf(gdal, r), r.version);
    }
    assertEquals(cache.size, 1);
    assertEquals(cache.stats, { opened: 3, closed: 2, hits: 0 });
    cache.clear();
    assertEquals(cache.stats.closed, 3);
  });
  // A replaced file is a new dataset for the process-wide cache.
  await Deno.copyFile(`${dir}/data/sample.fgb`, `${dir}/data/copy.fgb`);
  const l = layer({ path: "copy.fgb" }, "copy");
  await readVectorLayer(l, { bbox: ALL, crs: "EPSG:2056" }, ctx);
  const before = datasetCache.stats.opened;
  await readVectorLayer(l, { bbox: ALL, crs: "EPSG:2056" }, ctx);
  assertEquals(datasetCache.stats.opened, before);
  await Deno.writeFile(
    `${dir}/data/copy.fgb`,
    await Deno.readFile(`${dir}/data/sample.fgb`),
  );
  await Deno.utime(
    `${dir}/data/copy.fgb`,
    new Date(),
    new Date(Date.now() + 5000),
  );
  const again = await readVectorLayer(l, { bbox: ALL, crs: "EPSG:2056" }, ctx);
  assertEquals(datasetCache.stats.opened, before + 1);
  assertEquals(again.features.length, 3);
});

Deno.test("readVectorLayer's batch reprojection equals ogr2ogr -t_srs", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  const l = layer(FORMATS.gpkg, "reproject");
  const resolved = await resolveLayerSource(l, ctx);
  for (
    const [crs, bbox] of [
      ["EPSG:3857", { xmin: -2e7, ymin: -2e7, xmax: 2e7, ymax: 2e7 }],
      ["EPSG:4326", { xmin: -180, ymin: -90, xmax: 180, ymax: 90 }],
      ["EPSG:21781", { xmin: 0, ymin: 0, xmax: 1e6, ymax: 1e6 }],
    ] as const
  ) {
    const ours = await readVectorLayer(l, { bbox, crs }, ctx);
    const gdalFeatures = await withGdal(async (gdal) => {
      const ds = datasetCache.open(
        gdal,
        l,
        "vector",
        gdalPathOf(gdal, resolved),
        resolved.version,
      );
      gdal.Module._CPLErrorReset();
      const out = await gdal.ogr2ogr(ds, [
        "-f",
        "GeoJSON",
        "-t_srs",
        crs,
        "-lco",
        "SIGNIFICANT_FIGURES=17",
        "sample",
      ], "reproject_check");
      const text = new TextDecoder().decode(gdal.Module.FS.readFile(out.local));
      gdal.Module.FS.unlink(out.local);
      return JSON.parse(text).features;
    });
    const theirs = new Map<string, number[]>();
    for (const f of gdalFeatures) {
      if (f.geometry) {
        theirs.set(f.properties.name, f.geometry.coordinates.flat(3));
      }
    }
    assertEquals(ours.features.length, theirs.size, crs);
    for (const f of ours.features) {
      const mine = f.geometry!.parts.flatMap((p) => p.flatMap((r) => [...r]));
      const expected = theirs.get(f.attributes.name as string)!;
      assertEquals(mine.length, expected.length, crs);
      const diff = Math.max(...mine.map((v, i) => Math.abs(v - expected[i])));
      assert(
        diff < 1e-9 * Math.max(1, Math.abs(expected[0])),
        `${crs}: ${diff}`,
      );
    }
  }
});

Deno.test("readVectorPage reprojects WKB to the requested CRS like readVectorLayer", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  const page = await readVectorPage(
    layer(FORMATS.gpkg),
    { startIndex: 0, count: 1, orderByFid: true, crs: "EPSG:4326" },
    ctx,
  );
  const wkb = page.features[0].wkb!;
  const view = new DataView(wkb.buffer, wkb.byteOffset, wkb.byteLength);
  // Polygon: byte order, type, ring count, point count, then x, y.
  const first = [view.getFloat64(13, true), view.getFloat64(21, true)];
  const map = await readVectorLayer(
    layer(FORMATS.gpkg),
    { bbox: { xmin: 5, ymin: 45, xmax: 11, ymax: 48 }, crs: "EPSG:4326" },
    ctx,
  );
  const same = map.features.find((f) => f.id === page.features[0].id)!;
  assertEquals(first, [...same.geometry!.parts[0][0].subarray(0, 2)]);
});

Deno.test("pages keep Z in their WKB; a mixed layer is read as its first feature's kind", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  const page = await readVectorPage(
    layer({ path: "z.gpkg", layerName: "z" }, "z"),
    { startIndex: 0, count: null, orderByFid: true },
    ctx,
  );
  for (const f of page.features) {
    const view = new DataView(
      f.wkb!.buffer,
      f.wkb!.byteOffset,
      f.wkb!.byteLength,
    );
    assertEquals(view.getUint32(1, true), 1001);
    assertEquals(view.getFloat64(21, true), f.attributes.z);
  }
  const mixed = await readVectorLayer(
    layer({ path: "mixed.geojson" }, "mixed"),
    { bbox: ALL, crs: "EPSG:2056" },
    ctx,
  );
  assertEquals(mixed.geometryKind, "point");
  assertEquals(mixed.features.map((f) => f.geometry!.kind), ["point", "point"]);
});

Deno.test("concurrent reads are serialised and each gets its own result", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  const jobs = Object.entries(FORMATS).flatMap(([format, source]) => [
    readVectorLayer(layer(source, `c_${format}`), {
      bbox: NEAR,
      crs: "EPSG:2056",
    }, ctx),
    readVectorLayer(layer(source, `c_${format}`), {
      bbox: { xmin: -2e7, ymin: -2e7, xmax: 2e7, ymax: 2e7 },
      crs: "EPSG:3857",
    }, ctx),
    readVectorPage(layer(source, `c_${format}`), {
      startIndex: 0,
      count: 1,
      orderByFid: true,
    }, ctx),
  ]);
  const results = await Promise.all(jobs);
  for (let i = 0; i < results.length; i += 3) {
    const [near, all, page] = results.slice(i, i + 3) as unknown as [
      { features: unknown[] },
      { features: unknown[] },
      { features: unknown[]; numbersMatched: number },
    ];
    assertEquals(
      [near.features.length, all.features.length],
      [2, 3],
      `${i / 3}`,
    );
    assertEquals([page.features.length, page.numbersMatched], [1, 4]);
  }
});

Deno.test("the process-wide cache stays bounded over many layers and reopens evicted ones", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  const before = { ...datasetCache.stats };
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 40; i++) {
      const data = await readVectorLayer(
        layer(FORMATS.gpkg, `many_${i}`),
        { bbox: NEAR, crs: "EPSG:2056" },
        ctx,
      );
      assertEquals(data.features.length, 2);
    }
  }
  assert(datasetCache.size <= 32, `${datasetCache.size}`);
  // 40 ids cycled through 32 slots twice: every read opened its dataset.
  assertEquals(datasetCache.stats.opened - before.opened, 80);
  assert(datasetCache.stats.closed - before.closed >= 48);
});

Deno.test("a file of several geometry types read as the one its source names (QGIS's geometrytype=)", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  const read = (geometryType: string) =>
    readVectorLayer(
      layer({ path: "mixed.geojson", geometryType }, `mixed_${geometryType}`),
      { bbox: ALL, crs: "EPSG:2056" },
      ctx,
    );
  const lines = await read("LineString");
  assertEquals(lines.geometryKind, "line");
  assertEquals(lines.features.map((f) => f.attributes.z), [1]);
  const points = await read("MultiPoint25D");
  assertEquals(points.geometryKind, "point");
  assertEquals(points.features.map((f) => f.geometry!.kind), [
    "point",
    "point",
  ]);
  const polygons = await read("Polygon");
  assertEquals([polygons.geometryKind, polygons.features.length], [
    "polygon",
    0,
  ]);
  // QGIS's sublayer of every type: no filter
  assertEquals((await read("Unknown")).features.length, 2);
  const error = await assertRejects(() => read("Hexagon"), JobError);
  assert(
    error.message.includes(
      "source key 'geometryType' names no geometry type ('Hexagon')",
    ),
    error.message,
  );
});

Deno.test("fields of one name in a DBF named as QGIS names them (name_1…), in maps, pages and field lists", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  const d = `${ctx.dataRoot}/data`;
  const point = (x: number, votes: number) => ({
    type: "Feature",
    properties: { votes, votex: votes + 1, party: `p${votes}` },
    geometry: { type: "Point", coordinates: [x, 1200000] },
  });
  await convertGeoJson(d, "dupes", {
    type: "FeatureCollection",
    crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::2056" } },
    features: [point(2600000, 10), point(2600100, 20)],
  }, "ESRI Shapefile");
  // as a DBF's names truncated to 10 characters leave them (GDAL would
  // write them apart)
  const dbf = await Deno.readFile(`${d}/dupes.dbf`);
  const at = new TextDecoder("latin1").decode(dbf).indexOf("votex\0");
  assert(at > 0);
  dbf.set(new TextEncoder().encode("votes"), at);
  await Deno.writeFile(`${d}/dupes.dbf`, dbf);
  const dupes = layer({ path: "dupes.shp" }, "dupes");
  const values = (
    attributes: Record<string, unknown>,
  ) => [attributes.votes, attributes.votes_1, attributes.party];
  const map = await readVectorLayer(
    dupes,
    { bbox: ALL, crs: "EPSG:2056" },
    ctx,
  );
  assertEquals(map.fields.map((f) => f.name), ["votes", "votes_1", "party"]);
  assertEquals(map.features.map((f) => values(f.attributes)), [
    [10, 11, "p10"],
    [20, 21, "p20"],
  ]);
  const some = await readVectorLayer(dupes, {
    bbox: ALL,
    crs: "EPSG:2056",
    fields: ["votes_1"],
  }, ctx);
  assertEquals(some.features.map((f) => f.attributes.votes_1), [11, 21]);
  const page = await readVectorPage(dupes, {
    startIndex: 1,
    count: 1,
    orderByFid: true,
  }, ctx);
  assertEquals(page.numbersMatched, 2);
  assertEquals(page.features.map((f) => values(f.attributes)), [[
    20,
    21,
    "p20",
  ]]);
});

Deno.test("cleanup of the generated data root", async () => {
  if (root) await Deno.remove(root, { recursive: true });
});

Deno.test("readVectorLayer reads a GeoJSON whose properties hold arrays (OGR list fields, which FlatGeobuf cannot hold) as QGIS shows them", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_lists_" });
  try {
    await Deno.mkdir(`${dir}/data`);
    const feature = (x: number, n: number) => ({
      type: "Feature",
      properties: { name: `s${n}`, pos: [46.5 + n, 7.25], ids: [n, n + 1] },
      geometry: { type: "Point", coordinates: [x, 1200500] },
    });
    await Deno.writeTextFile(
      `${dir}/data/lists.geojson`,
      JSON.stringify({
        type: "FeatureCollection",
        crs: {
          type: "name",
          properties: { name: "urn:ogc:def:crs:EPSG::2056" },
        },
        features: [feature(2600500, 1), feature(2610500, 2)],
      }),
    );
    const ctx = { dataRoot: dir, remoteHosts: [] };
    const data = await readVectorLayer(layer({ path: "lists.geojson" }), {
      bbox: { xmin: 2600000, ymin: 1200000, xmax: 2601000, ymax: 1201000 },
      crs: "EPSG:2056",
    }, ctx);
    assertEquals(data.features.map((f) => f.attributes.name), ["s1"]);
    // as QGIS shows a list (QgsField::displayString)
    assertEquals(data.features[0].attributes.pos, "47.5, 7.25");
    assertEquals(data.features[0].attributes.ids, "1, 2");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
