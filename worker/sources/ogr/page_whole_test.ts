import { assert, assertEquals } from "../_assert.ts";
import { readVectorPage, wholePageStats } from "./read.ts";
import { convertGeoJson, sampleCollection } from "../_test_util.ts";
import type { FeaturePage } from "../source.ts";

const crs = {
  type: "name",
  properties: { name: "urn:ogc:def:crs:EPSG::2056" },
};

function shapes(): unknown {
  const features = [];
  for (let i = 0; i < 60; i++) {
    const x = 2600000 + (i % 8) * 1000, y = 1200000 + Math.floor(i / 8) * 1000;
    const kind = i % 4;
    const geometry = i === 11
      ? null
      : kind === 0
      ? { type: "Point", coordinates: [x, y] }
      : kind === 1
      ? { type: "LineString", coordinates: [[x, y], [x + 900, y + 900]] }
      : kind === 2
      ? {
        type: "Polygon",
        coordinates: [
          [[x, y], [x + 900, y], [x + 900, y + 900], [x, y + 900], [x, y]],
          [[x + 10, y + 10], [x + 20, y + 10], [x + 20, y + 20], [
            x + 10,
            y + 10,
          ]],
        ],
      }
      : {
        type: "MultiPolygon",
        coordinates: [[[[x, y], [x + 9, y], [x + 9, y + 9], [x, y]]], [[
          [
            x + 50,
            y + 50,
          ],
          [x + 59, y + 50],
          [x + 59, y + 59],
          [x + 50, y + 50],
        ]]],
      };
    features.push({
      type: "Feature",
      properties: {
        name: i % 5 === 0 ? null : `n${i}`,
        n: i % 7 === 0 ? null : i * 3 - 40,
        r: i / 7,
        day: i % 3 === 0 ? null : `2024-0${1 + (i % 9)}-1${i % 10}`,
      },
      geometry,
    });
  }
  return { type: "FeatureCollection", crs, features };
}

Deno.test("pages cut from a small layer's whole read are GDAL's pages", async () => {
  const root = await Deno.makeTempDir({ prefix: "qsl_page_whole_" });
  const ctx = { dataRoot: root, remoteHosts: [] };
  try {
    const d = `${root}/d`;
    await Deno.mkdir(d);
    const files: { path: string; layerName?: string; subset?: string }[] = [];
    for (
      const [name, fc] of [["shapes", shapes()], [
        "sample",
        sampleCollection(),
      ]] as [string, unknown][]
    ) {
      await Deno.writeTextFile(`${d}/${name}.geojson`, JSON.stringify(fc));
      files.push({ path: `${name}.geojson` });
      await convertGeoJson(d, `${name}_fgb`, fc, "FlatGeobuf", [
        "-lco",
        "SPATIAL_INDEX=NO",
      ]);
      files.push({ path: `${name}_fgb.fgb` });
      await convertGeoJson(d, `${name}_gpkg`, fc, "GPKG", ["-nln", name]);
      files.push({
        path: `${name}_gpkg.gpkg`,
        layerName: name,
        subset: "n > 3",
      });
    }
    // a Shapefile of polygons with holes (GDAL organises the rings)
    // features with their own ids, out of order and starting above 0
    const ids = shapes() as { features: { id?: number }[] };
    ids.features.forEach((f, i) => f.id = 30 + ((i * 37) % 60) * 3);
    await Deno.writeTextFile(`${d}/ids.geojson`, JSON.stringify(ids));
    files.push({ path: "ids.geojson" });
    const all = shapes() as { features: { geometry: { type: string } }[] };
    const polygons = {
      ...all,
      features: all.features.filter((f) => f.geometry?.type === "Polygon"),
    };
    await convertGeoJson(d, "holes", polygons, "ESRI Shapefile");
    files.push({ path: "holes.shp" });
    const before = wholePageStats.pages;
    let compared = 0;
    for (const source of files) {
      const layer = {
        id: source.path,
        name: source.path,
        source: JSON.stringify(source),
        folder_name: "d",
        driver: "ogr",
      };
      const pages = [
        { startIndex: 0, count: null },
        { startIndex: 2, count: 5 },
        { startIndex: 7, count: 1000 },
        { startIndex: 5000, count: 3 },
        { startIndex: 1, count: 4, crs: "EPSG:4326" },
        { startIndex: 0, count: 6, where: '"n" > 10' },
        { startIndex: 3, count: null, where: '"n" IS NULL OR "r" < 2' },
      ];
      for (const p of pages) {
        const q = { ...p, orderByFid: true as const };
        let fast: FeaturePage | string, slow: FeaturePage | string;
        try {
          fast = await readVectorPage(layer, q, ctx);
        } catch (e) {
          fast = String(e);
        }
        try {
          slow = await readVectorPage(layer, { ...q, direct: false }, ctx);
        } catch (e) {
          slow = String(e);
        }
        assertEquals(fast, slow, `${source.path} ${JSON.stringify(p)}`);
        compared++;
      }
    }
    const cut = wholePageStats.pages - before;
    console.log(`pages compared: ${compared}, cut from whole reads: ${cut}`);
    assert(cut > compared / 2, `pages cut from whole reads: ${cut}`);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
