import { assertAlmostEquals, assertEquals, assertThrows } from "./_assert.ts";
import {
  parseWmtsCapabilities,
  resolveWmtsTiling,
  wmtsTileUrl,
} from "./wmts.ts";
import {
  findNearestResolution,
  viewExtentIntersection,
} from "./tile_matrix.ts";
import { parseWebSource, type WmtsSource } from "./source.ts";
import { startWebMapServer } from "../../../tests/web_map_server.ts";

async function fetchCaps(path: string) {
  const server = await startWebMapServer();
  try {
    const xml = await (await fetch(`${server.url}${path}`)).text();
    return { xml, base: server.url };
  } finally {
    await server.close();
  }
}

const source = (base: string, kind: "kvp" | "rest", set: string) =>
  parseWebSource({
    name: "w",
    source: JSON.stringify({
      contextualWMSLegend: "0",
      crs: "EPSG:3857",
      dpiMode: "7",
      featureCount: "10",
      format: "image/png",
      layers: "scene",
      styles: "default",
      tileDimensions: "Time=current",
      tileMatrixSet: set,
      url: `${base}/wmts/${kind}/WMTSCapabilities.xml`,
    }),
  }) as WmtsSource;

const VIEW = { xmin: 900000, ymin: 5900000, xmax: 920000, ymax: 5915000 };

// The tile QGIS 3.22 asked first, rendering VIEW at 400×300 px (50 m/px).
Deno.test("WMTS KVP: the matrix and GetTile URL QGIS 3.22 requests", async () => {
  const { xml, base } = await fetchCaps("/wmts/kvp/WMTSCapabilities.xml");
  const caps = parseWmtsCapabilities(xml);
  assertEquals(caps.getTileUrl, `${base}/wmts/kvp?`);
  const s = source(base, "kvp", "GoogleMapsCompatible");
  const tiling = resolveWmtsTiling(s, caps);
  assertEquals(tiling.set.matrices.length, 19);
  const tm = findNearestResolution(tiling.set, 50);
  assertEquals(tm.identifier, "12");
  assertAlmostEquals(tm.tres, 38.21851414258813, 1e-6);
  const r = viewExtentIntersection(tm, VIEW);
  assertEquals(
    wmtsTileUrl(s, caps, tiling, tm, r.col0, r.row0).slice(base.length),
    "/wmts/kvp?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=scene&STYLE=default&FORMAT=image/png&TILEMATRIXSET=GoogleMapsCompatible&TILEMATRIX=12&Time=current&TILEROW=1443&TILECOL=2139",
  );
});

Deno.test("WMTS REST: scales that are not powers of two, limits, the template", async () => {
  const { xml, base } = await fetchCaps("/wmts/rest/WMTSCapabilities.xml");
  const caps = parseWmtsCapabilities(xml);
  assertEquals(caps.getTileUrl, undefined);
  const s = source(base, "rest", "swiss512");
  const tiling = resolveWmtsTiling(s, caps);
  const tm = findNearestResolution(tiling.set, 50);
  // 250,000 × 0.28 mm = 70 m/px is nearer to 50 than 28 m/px
  assertEquals(tm.identifier, "s4");
  const r = viewExtentIntersection(tm, VIEW, tiling.limits.get(tm.identifier));
  assertEquals(r, { col0: 9, row0: 7, col1: 10, row1: 8 });
  assertEquals(
    wmtsTileUrl(s, caps, tiling, tm, 9, 7).slice(base.length),
    "/wmts/rest/tile/scene/default/current/swiss512/s4/7/9.png",
  );
  assertThrows(
    () => resolveWmtsTiling(source(base, "rest", "nope"), caps),
    RangeError,
    "no tile matrix set 'nope'",
  );
});

Deno.test("parseWmtsCapabilities: inverted axes swap the top-left corner", () => {
  const xml =
    `<Capabilities xmlns="http://www.opengis.net/wmts/1.0" xmlns:ows="http://www.opengis.net/ows/1.1" version="1.0.0"><Contents>
<TileMatrixSet><ows:Identifier>g</ows:Identifier><ows:SupportedCRS>urn:ogc:def:crs:EPSG::4326</ows:SupportedCRS>
<TileMatrix><ows:Identifier>0</ows:Identifier><ScaleDenominator>279541132.0143589</ScaleDenominator><TopLeftCorner>90 -180</TopLeftCorner>
<TileWidth>256</TileWidth><TileHeight>256</TileHeight><MatrixWidth>2</MatrixWidth><MatrixHeight>1</MatrixHeight></TileMatrix></TileMatrixSet>
</Contents></Capabilities>`;
  const m = parseWmtsCapabilities(xml).sets.get("g")!.matrices[0];
  assertEquals(m.topLeft, { x: -180, y: 90 });
  // degrees: 0.28 mm per pixel over metres per degree
  assertAlmostEquals(
    m.tres,
    279541132.0143589 * 0.00028 / 111319.49079327357,
    1e-9,
  );
  const ignored = parseWmtsCapabilities(xml, { ignoreAxisOrientation: true })
    .sets.get("g")!.matrices[0];
  assertEquals(ignored.topLeft, { x: 90, y: -180 });
});
