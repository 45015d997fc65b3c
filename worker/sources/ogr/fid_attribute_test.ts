/**
 * Layers with an attribute named `FID`: OGR SQL's `FID` names that
 * attribute there (not for `fid` or `Fid`: names are looked up by case
 * first), so reads that relied on it took its values for the feature ids
 * and ordered pages by it. QGIS 3.22 gives a Shapefile's record numbers as
 * ids whatever its attributes (the legend_info cases
 * `info_own_fid_attribute_*` pin the answer against QGIS Server).
 */
import { assertEquals } from "../_assert.ts";
import { readVectorLayer, readVectorPage } from "./read.ts";
import { wholeLayerStats } from "./_layer_cache.ts";
import { convertGeoJson } from "../_test_util.ts";

// FID values out of record order, two of them record numbers of others.
const ROWS: [number, string, number, string, number, number][] = [
  [100, "p0", 1.5, "2001-02-03", 30, 5],
  [7, "p1", 2.25, "1999-12-31", -20, 25],
  [42, "p2", -3, "2020-06-30", 10, -30],
  [3, "p3", 0, "1970-01-01", 0, 0],
  [0, "p4", 12345.125, "2024-02-29", -35, -10],
];

// file stem, the attribute named FID, another attribute, driver
const CASES = [
  ["upper", "FID", "", "ESRI Shapefile"],
  ["lower", "fid", "", "ESRI Shapefile"],
  // an attribute named rowid too (SQLite's first name for the row id)
  ["rowid", "FID", "rowid", "ESRI Shapefile"],
  ["geojson", "Fid", "", "GeoJSON"],
] as const;

function path(name: string, driver: string): string {
  return `${name}.${driver === "GeoJSON" ? "geojson" : "shp"}`;
}

let root: string | undefined;

async function dataRoot(): Promise<string> {
  if (root) return root;
  const dir = await Deno.makeTempDir({ prefix: "qsl_fid_attr_" });
  await Deno.mkdir(`${dir}/data`);
  const crs = {
    type: "name",
    properties: { name: "urn:ogc:def:crs:EPSG::2056" },
  };
  for (const [name, fid, extra, driver] of CASES) {
    const features = ROWS.map(([f, label, share, day, dx, dy]) => ({
      type: "Feature",
      properties: {
        [fid]: f,
        name: label,
        share,
        day,
        ...(extra === "" ? {} : { [extra]: f + 1 }),
      },
      geometry: { type: "Point", coordinates: [2600000 + dx, 1200000 + dy] },
    }));
    await convertGeoJson(
      `${dir}/data`,
      name,
      { type: "FeatureCollection", crs, features },
      driver,
      driver === "GeoJSON" ? ["-lco", "RFC7946=NO"] : [],
    );
  }
  root = dir;
  return dir;
}

function layer(file: string) {
  return {
    id: file,
    name: file,
    source: JSON.stringify({ path: file }),
    remote: false,
    folder_name: "data",
    driver: "ogr",
  };
}

const ALL = { xmin: 2599000, ymin: 1199000, xmax: 2601000, ymax: 1201000 };
// p0 (30, 5), p3 (0, 0) and p2 (10, -30) only
const EAST = { xmin: 2599995, ymin: 1199960, xmax: 2600100, ymax: 1200010 };

Deno.test("readVectorLayer gives record numbers as ids where an attribute is named FID", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  for (const [name, fid, extra, driver] of CASES) {
    const file = path(name, driver);
    const all = await readVectorLayer(layer(file), {
      bbox: ALL,
      crs: "EPSG:2056",
    }, ctx);
    assertEquals(
      all.fields.map((f) => f.name),
      [fid, "name", "share", "day", ...(extra === "" ? [] : [extra])],
      file,
    );
    assertEquals(
      all.features.map((f) => [f.id, f.attributes[fid], f.attributes.name]),
      ROWS.map((r, i) => [i, r[0], r[1]]),
      file,
    );
    assertEquals(all.features[4].attributes.share, 12345.125, file);
    // kept whole: GeoJSON, and a layer whose FID is shadowed (by rowid in
    // GDAL's SQLite dialect, which costs 20–50 ms a statement)
    const hits = wholeLayerStats.hits;
    await readVectorLayer(layer(file), { bbox: EAST, crs: "EPSG:2056" }, ctx);
    assertEquals(
      wholeLayerStats.hits - hits,
      fid === "FID" || driver === "GeoJSON" ? 1 : 0,
      file,
    );
    if (extra !== "") assertEquals(all.features[4].attributes[extra], 1);
    // kept whole and filtered here, and through GDAL's spatial filter
    for (const direct of [true, false]) {
      const east = await readVectorLayer(layer(file), {
        bbox: EAST,
        crs: "EPSG:2056",
        where: `"name" <> 'p3'`,
        fields: ["name"],
        direct,
      }, ctx);
      assertEquals(
        east.features.map((f) => [f.id, f.attributes]),
        [[0, { name: "p0" }], [2, { name: "p2" }]],
        `${file} direct=${direct}`,
      );
      assertEquals(east.features[1].geometry?.parts, [[
        new Float64Array([2600010, 1199970]),
      ]]);
    }
  }
});

Deno.test("readVectorPage orders by record number where an attribute is named FID", async () => {
  const ctx = { dataRoot: await dataRoot(), remoteHosts: [] };
  for (const [name, fid, _extra, driver] of CASES) {
    const file = path(name, driver);
    for (const direct of [true, false]) {
      const label = `${file} direct=${direct}`;
      const page = await readVectorPage(layer(file), {
        startIndex: 1,
        count: 3,
        orderByFid: true,
        direct,
      }, ctx);
      assertEquals(page.numbersMatched, 5, label);
      assertEquals(
        page.features.map((f) => [f.id, f.attributes[fid], f.attributes.day]),
        ROWS.slice(1, 4).map((r, i) => [i + 1, r[0], new Date(r[3])]),
        label,
      );
      const boxed = await readVectorPage(layer(file), {
        startIndex: 1,
        count: 5,
        orderByFid: true,
        bbox: EAST,
        where: `"share" >= 0`,
        direct,
      }, ctx);
      assertEquals(boxed.numbersMatched, 2, label);
      assertEquals(
        boxed.features.map((f) => [f.id, f.attributes.name]),
        [[3, "p3"]],
        label,
      );
    }
  }
});

Deno.test("a GeoPackage with an attribute FID beside its FID column ogc_fid keeps the column's ids", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_fid_attr_gpkg_" });
  await Deno.mkdir(`${dir}/data`);
  await convertGeoJson(
    `${dir}/data`,
    "parcels",
    {
      type: "FeatureCollection",
      crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::2056" } },
      features: ROWS.map(([f, label, , , dx, dy]) => ({
        type: "Feature",
        properties: { FID: f, name: label },
        geometry: {
          type: "Point",
          coordinates: [2600000 + dx, 1200000 + dy],
        },
      })),
    },
    "GPKG",
    ["-nln", "parcels", "-lco", "FID=ogc_fid"],
  );
  const ctx = { dataRoot: dir, remoteHosts: [] };
  const file = "parcels.gpkg";
  for (const direct of [true, false]) {
    const all = await readVectorLayer(layer(file), {
      bbox: ALL,
      crs: "EPSG:2056",
      direct,
    }, ctx);
    assertEquals(all.fields.map((f) => f.name), ["ogc_fid", "FID", "name"]);
    assertEquals(
      all.features.map((f) => [f.id, f.attributes.ogc_fid, f.attributes.FID]),
      ROWS.map((r, i) => [i + 1, i + 1, r[0]]),
      `direct=${direct}`,
    );
    const page = await readVectorPage(layer(file), {
      startIndex: 1,
      count: 5,
      orderByFid: true,
      bbox: EAST,
      direct,
    }, ctx);
    assertEquals(page.numbersMatched, 3, `direct=${direct}`);
    assertEquals(
      page.features.map((f) => [f.id, f.attributes.FID]),
      [[3, 42], [4, 3]],
      `direct=${direct}`,
    );
  }
});
