import { assertEquals, assertThrows } from "../_assert.ts";
import { JobError } from "../../runners/types.ts";
import { parseVectorTileUri, tileUrl } from "./uri.ts";

const layer = (source: unknown, driver = "xyzvectortiles") => ({
  name: "tiles",
  driver,
  source: JSON.stringify(source),
});

Deno.test("vector tile uri: XYZ with QGIS's default zoom levels, MBTiles by path (or QGIS's url)", () => {
  assertEquals(
    parseVectorTileUri(
      layer({ type: "xyz", url: "https://t/{z}/{x}/{y}.pbf" }),
    ),
    { type: "xyz", url: "https://t/{z}/{x}/{y}.pbf", zmin: 0, zmax: 14 },
  );
  assertEquals(
    parseVectorTileUri(
      layer({
        type: "xyz",
        url: "https://t/{z}/{x}/{-y}.pbf",
        zmin: "2",
        zmax: 9,
      }),
    ),
    { type: "xyz", url: "https://t/{z}/{x}/{-y}.pbf", zmin: 2, zmax: 9 },
  );
  assertEquals(
    parseVectorTileUri(layer({ type: "mbtiles", path: "t.mbtiles" })),
    { type: "mbtiles", path: "t.mbtiles", zmin: null, zmax: null },
  );
  assertEquals(
    parseVectorTileUri(
      layer({ url: "t.mbtiles", zmax: 12 }, "mbtilesvectortiles"),
    ),
    { type: "mbtiles", path: "t.mbtiles", zmin: null, zmax: 12 },
  );
});

Deno.test("vector tile uri: bad sources fail naming the layer and the cause", () => {
  const cases: [unknown, string][] = [
    [
      { type: "vtpk", path: "a.vtpk" },
      "vector tile source type 'vtpk' is not supported (supported: xyz, mbtiles)",
    ],
    [
      { type: "xyz", url: "ftp://t/{z}/{x}/{y}.pbf" },
      "its tile URL is neither http(s) nor file: (only those are fetched)",
    ],
    [
      { type: "xyz", url: "https://t/{z}/{x}.pbf" },
      "its tile URL is not a template with {x}, {y} (or {-y}) and {z}",
    ],
    [{ type: "xyz" }, "its XYZ source has no 'url'"],
    [{ type: "mbtiles" }, "its MBTiles source has no 'path'"],
    [
      { type: "xyz", url: "https://t/{z}/{x}/{y}", zmax: "x" },
      "source key 'zmax' is not a zoom level ('x')",
    ],
  ];
  for (const [source, detail] of cases) {
    const e = assertThrows(() => parseVectorTileUri(layer(source)), JobError);
    assertEquals(e.message, `Cannot open layer 'tiles': ${detail}`);
  }
});

Deno.test("vector tile uri: tile URLs ({-y} is the TMS row)", () => {
  assertEquals(
    tileUrl("https://t/{z}/{x}/{y}.pbf", { z: 3, x: 2, y: 1 }),
    "https://t/3/2/1.pbf",
  );
  assertEquals(
    tileUrl("https://t/{z}/{x}/{-y}.pbf", { z: 3, x: 2, y: 1 }),
    "https://t/3/2/6.pbf",
  );
});
