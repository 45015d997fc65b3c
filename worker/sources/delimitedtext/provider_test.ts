import { assert, assertEquals } from "../_assert.ts";
import { convertGeoJson } from "../_test_util.ts";
import { collectFeatures, openVectorSource } from "../mod.ts";
import type { SourceLayer } from "../source.ts";
import { parseExpression } from "../../expression/parser.ts";
import { parseWkb } from "../../geometry/wkb.ts";
import { JobError } from "../../runners/types.ts";
import {
  clearTextCache,
  MAX_TEXT_BYTES,
  TABLE_BYTES_PER_FILE_BYTE,
  TEXT_CACHE_BYTES,
} from "./provider.ts";
import { heldBytes } from "../../cache/held.ts";

const root = await Deno.realPath(
  await Deno.makeTempDir({ prefix: "qsl_delimitedtext_" }),
);
await Deno.mkdir(`${root}/data`);
const places = [
  { name: "Bern", pop: 134794, x: 2600670.5, y: 1199655.25 },
  { name: "Zürich", pop: 421878, x: 2683110, y: 1248050 },
  { name: "Basel", pop: 173232, x: 2611300.75, y: 1267300 },
  { name: "Lugano", pop: 62315, x: 2717500, y: 1095800.5 },
];
// A decimal-comma, semicolon file as a Swiss spreadsheet writes it.
await Deno.writeTextFile(
  `${root}/data/places.csv`,
  "name;pop;x;y\r\n" +
    places.map((p) =>
      `${p.name};${p.pop};${String(p.x).replace(".", ",")};${
        String(p.y).replace(".", ",")
      }`
    ).join("\r\n") + "\r\n",
);
await convertGeoJson(
  `${root}/data`,
  "places",
  {
    type: "FeatureCollection",
    crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::2056" } },
    features: places.map((p) => ({
      type: "Feature",
      properties: { name: p.name, pop: p.pop },
      geometry: { type: "Point", coordinates: [p.x, p.y] },
    })),
  },
  "GPKG",
  ["-nln", "places"],
);
await Deno.writeTextFile(
  `${root}/data/zones.tsv`,
  "id\twkt\n1\tPOLYGON ((7 46, 8 46, 8 47, 7 46))\n2\t\n",
);
const ctx = { dataRoot: root, remoteHosts: [] };
const csv = (
  options: string[] = [],
  path = "places.csv",
): SourceLayer => ({
  id: `csv_${path}_${options.join("&")}`,
  name: "places",
  driver: "delimitedtext",
  remote: true,
  folder_name: "data",
  // As our exporter writes it (QGIS's URI query, part by part).
  source: JSON.stringify({
    path,
    open_options: [
      "type=csv",
      "delimiter=;",
      "decimalPoint=,",
      "xField=x",
      "yField=y",
      "crs=EPSG:2056",
      ...options,
    ],
  }),
});
const gpkg: SourceLayer = {
  id: "gpkg",
  name: "places",
  driver: "ogr",
  folder_name: "data",
  source: JSON.stringify({ path: "places.gpkg", layerName: "places" }),
};
const swiss = { xmin: 2480000, ymin: 1070000, xmax: 2840000, ymax: 1300000 };

Deno.test("delimitedtext: features for an extent equal the GeoPackage's, in the map CRS", async () => {
  for (const crs of ["EPSG:2056", "EPSG:3857"]) {
    const bbox = crs === "EPSG:2056"
      ? swiss
      : { xmin: 640000, ymin: 5740000, xmax: 1180000, ymax: 6100000 };
    const text = openVectorSource(csv(), ctx, "render");
    assertEquals(text.provider, "delimitedtext");
    const set = await text.features({ bbox, crs, columns: ["name"] });
    assertEquals(set.geometryKind, "point");
    assertEquals(set.fields, [{ name: "name", type: "String" }]);
    const ours = await collectFeatures(set);
    const theirs = await collectFeatures(
      await openVectorSource(gpkg, ctx, "render").features({ bbox, crs }),
    );
    assertEquals(ours.map((f) => f.attributes.name), places.map((p) => p.name));
    ours.forEach((f, i) => {
      const [x, y] = f.geometry!.parts[0][0];
      const [gx, gy] = theirs[i].geometry!.parts[0][0];
      assert(
        Math.abs(x - gx) < 1e-6 && Math.abs(y - gy) < 1e-6,
        `${crs} ${f.id}`,
      );
    });
    // Ids are line numbers, as in QGIS.
    assertEquals(ours.map((f) => f.id), [2, 3, 4, 5]);
  }
  const west = await collectFeatures(
    await openVectorSource(csv(), ctx, "render").features({
      bbox: { ...swiss, xmax: 2650000 },
      crs: "EPSG:2056",
    }),
  );
  assertEquals(west.map((f) => f.attributes.name), ["Bern", "Basel"]);
});

Deno.test("delimitedtext: subset, filter residual, page and hit test", async () => {
  const filtered = openVectorSource(
    csv(["subset=%22pop%22%20%3E%20100000"]),
    ctx,
    "render",
  );
  const set = await filtered.features({
    bbox: swiss,
    crs: "EPSG:2056",
    filter: parseExpression("name <> 'Bern'"),
  });
  assert(set.residual !== null);
  assertEquals(
    (await collectFeatures(set)).map((f) => f.attributes.pop),
    [134794, 421878, 173232],
  );
  const page = await filtered.page({
    startIndex: 1,
    count: 1,
    filter: parseExpression("name LIKE 'B%'"),
  });
  assertEquals(page.numbersMatched, 2);
  assertEquals(page.features.map((f) => f.attributes.name), ["Basel"]);
  assertEquals(page.fields.map((f) => f.type), [
    "String",
    "Integer",
    "Real",
    "Real",
  ]);
  const [x, y] = parseWkb(page.features[0].wkb!).parts[0][0];
  assertEquals([x, y], [2611300.75, 1267300]);
  const hits = await collectFeatures(
    await openVectorSource(csv(), ctx, "query").hitTest({
      point: [2683100, 1248040],
      crs: "EPSG:2056",
      tolerance: () => 50,
    }),
  );
  assertEquals(hits.map((f) => f.attributes.name), ["Zürich"]);
});

Deno.test("delimitedtext: WKT polygons and a table without geometry", async () => {
  const zones: SourceLayer = {
    id: "zones",
    name: "zones",
    driver: "delimitedtext",
    source: JSON.stringify({
      path: "data/zones.tsv",
      openOptions: [
        "type=csv",
        "delimiter=%5Ct",
        "wktField=wkt",
        "crs=EPSG:4326",
      ],
    }),
  };
  const source = openVectorSource(zones, ctx, "render");
  const set = await source.features({
    bbox: { xmin: 6, ymin: 45, xmax: 9, ymax: 48 },
    crs: "EPSG:4326",
  });
  assertEquals(set.geometryKind, "polygon");
  assertEquals((await collectFeatures(set)).map((f) => f.id), [2]);
  const page = await source.page({ startIndex: 0, count: null });
  assertEquals(page.numbersMatched, 2);
  assertEquals(page.features[1].wkb, null);
  const table = openVectorSource(
    {
      ...zones,
      id: "table",
      source: JSON.stringify({
        path: "data/zones.tsv",
        openOptions: ["type=csv", "delimiter=%5Ct", "geomType=none"],
      }),
    },
    ctx,
    "query",
  );
  const rows = await table.page({ startIndex: 0, count: null });
  assertEquals(rows.geometryKind, null);
  assertEquals(rows.features.map((f) => f.attributes.id), [1, 2]);
});

Deno.test("delimitedtext: paths stay below the data root; bad files fail clearly", async () => {
  const fails = async (layer: SourceLayer, message: string) => {
    let error: unknown;
    try {
      await openVectorSource(layer, ctx, "render").features({
        bbox: swiss,
        crs: "EPSG:2056",
      });
    } catch (e) {
      error = e;
    }
    assert(error instanceof JobError, String(error));
    assert(
      (error as Error).message.startsWith("Cannot open layer 'places': ") &&
        (error as Error).message.includes(message),
      (error as Error).message,
    );
  };
  await fails(csv([], "../../etc/passwd"), "leaves the data root");
  await fails(csv([], "/etc/passwd"), "absolute paths are not allowed");
  await fails(csv([], "missing.csv"), "file not found");
  await fails({
    ...csv(),
    source: JSON.stringify({
      path: "places.csv",
      open_options: ["xField=lon", "yField=y"],
    }),
  }, "X field 'lon' is not defined");
  await fails(csv(["subset=pop%20%3E"]), "subset is not a valid expression");
  const big = await Deno.open(`${root}/data/big.csv`, {
    create: true,
    write: true,
  });
  await big.truncate(MAX_TEXT_BYTES + 1);
  big.close();
  await fails(csv([], "big.csv"), "over the 64.0 MB");
});

Deno.test("delimitedtext: a .csvt beside the file gives the types", async () => {
  await Deno.writeTextFile(
    `${root}/data/typed.csv`,
    "code;x;y\n007;2600000;1200000\n",
  );
  const layer = csv([], "typed.csv");
  const page = async () =>
    (await openVectorSource(layer, ctx, "query").page({
      startIndex: 0,
      count: null,
    })).features[0].attributes.code;
  assertEquals(await page(), 7);
  await Deno.writeTextFile(`${root}/data/typed.csvt`, "String,Real,Real\n");
  assertEquals(await page(), "007");
});

Deno.test("delimitedtext: a changed file is read again", async () => {
  const layer = csv([], "changing.csv");
  await Deno.writeTextFile(
    `${root}/data/changing.csv`,
    "name;x;y\na;2600000;1200000\n",
  );
  const read = async () =>
    (await collectFeatures(
      await openVectorSource(layer, ctx, "render").features({
        bbox: swiss,
        crs: "EPSG:2056",
      }),
    )).map((f) => f.attributes.name);
  assertEquals(await read(), ["a"]);
  await Deno.writeTextFile(
    `${root}/data/changing.csv`,
    "name;x;y\na;2600000;1200000\nbb;2600001;1200001\n",
  );
  assertEquals(await read(), ["a", "bb"]);
  clearTextCache();
});

Deno.test("delimitedtext: tables are cached by their estimated memory; one over the bound is read for its job and not kept", async () => {
  clearTextCache();
  const held = () => heldBytes()["delimitedtext.tables"];
  const read = async (path: string) =>
    (await collectFeatures(
      await openVectorSource(csv([], path), ctx, "render").features({
        bbox: swiss,
        crs: "EPSG:2056",
      }),
    )).length;
  assertEquals(await read("places.csv"), 4);
  const small = (await Deno.stat(`${root}/data/places.csv`)).size;
  assertEquals(held(), small * TABLE_BYTES_PER_FILE_BYTE);
  // a file whose table would take more than the bound
  const rows = Math.ceil(TEXT_CACHE_BYTES / TABLE_BYTES_PER_FILE_BYTE / 20);
  await Deno.writeTextFile(
    `${root}/data/large.csv`,
    "name;x;y\n" +
      Array.from({ length: rows }, (_, i) => `p${i};2600000;1200000`)
        .join("\n") +
      "\n",
  );
  assert(
    (await Deno.stat(`${root}/data/large.csv`)).size *
        TABLE_BYTES_PER_FILE_BYTE > TEXT_CACHE_BYTES,
  );
  assertEquals(await read("large.csv"), rows);
  assertEquals(held(), small * TABLE_BYTES_PER_FILE_BYTE);
  clearTextCache();
  assertEquals(held(), 0);
});

Deno.test('delimitedtext: on a map without a CRS ("") the points are drawn as they are, like the GeoPackage\'s', async () => {
  // QGIS passes coordinates through a transform to an invalid CRS
  const crs = "";
  const ours = await collectFeatures(
    await openVectorSource(csv(), ctx, "render").features({
      bbox: swiss,
      crs,
      columns: ["name"],
    }),
  );
  const theirs = await collectFeatures(
    await openVectorSource(gpkg, ctx, "render").features({ bbox: swiss, crs }),
  );
  assertEquals(ours.map((f) => f.attributes.name), places.map((p) => p.name));
  assertEquals(
    ours.map((f) => f.geometry!.parts[0][0].join(",")),
    theirs.map((f) => f.geometry!.parts[0][0].join(",")),
  );
});
