import { assertAlmostEquals, assertEquals, assertThrows } from "./_assert.ts";
import {
  parseWmtsCapabilities,
  resolveWmtsTiling,
  wmtsFeatureInfoUrl,
  wmtsInfoFormat,
  wmtsInfoPixel,
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

Deno.test("WMTS feature info: the format, tile pixel and URLs QGIS 3.22 asks (KVP, RESTful, IgnoreGetFeatureInfoUrl)", async () => {
  const kvp = await fetchCaps("/wmts/kvp/WMTSCapabilities.xml");
  const kcaps = parseWmtsCapabilities(kvp.xml);
  // InfoFormat text/plain, GML, JSON: the last feature format
  assertEquals(wmtsInfoFormat(kcaps), "application/json");
  assertEquals(kcaps.getFeatureInfoUrl, `${kvp.base}/wmts/kvp?`);
  const ks = source(kvp.base, "kvp", "GoogleMapsCompatible");
  const kt = resolveWmtsTiling(ks, kcaps);
  // the 50 m/px view: matrix 12 (38.2 m); the point 2.7 m right of the
  // left edge of tile 2140 (floored: pixel 0)
  const point: [number, number] = [900000 + 123.4, 5915000 - 456.7];
  const px = wmtsInfoPixel(kt.set, point, VIEW, 400);
  assertEquals(
    [px.matrix.identifier, px.col, px.row, px.i, px.j],
    ["12", 2140, 1443, 0, 124],
  );
  assertEquals(
    wmtsFeatureInfoUrl(ks, kcaps, kt, "application/json", px)!.slice(
      kvp.base.length,
    ),
    "/wmts/kvp?SERVICE=WMTS&REQUEST=GetFeatureInfo&VERSION=1.0.0&LAYER=scene&STYLE=default&INFOFORMAT=application/json&TILEMATRIXSET=GoogleMapsCompatible&TILEMATRIX=12&Time=current&TILEROW=1443&TILECOL=2140&I=0&J=124",
  );
  // IgnoreGetFeatureInfoUrl: the source's URL, its own items kept
  const ignoring = {
    ...ks,
    url: `${kvp.base}/other?map=x`,
    ignoreGetFeatureInfoUrl: true,
  };
  assertEquals(
    wmtsFeatureInfoUrl(ignoring, kcaps, kt, "application/json", px)!.slice(
      kvp.base.length,
      kvp.base.length + 40,
    ),
    "/other?map=x&SERVICE=WMTS&REQUEST=GetFea",
  );

  const rest = await fetchCaps("/wmts/rest/WMTSCapabilities.xml");
  const rcaps = parseWmtsCapabilities(rest.xml);
  // FeatureInfo templates JSON then GML: GML; no KVP
  assertEquals(wmtsInfoFormat(rcaps), "application/vnd.ogc.gml");
  assertEquals(rcaps.getFeatureInfoUrl, undefined);
  const rs = source(rest.base, "rest", "swiss512");
  const rt = resolveWmtsTiling(rs, rcaps);
  const rp = wmtsInfoPixel(rt.set, point, VIEW, 400);
  assertEquals(rp.matrix.identifier, "s4");
  assertEquals(
    wmtsFeatureInfoUrl(rs, rcaps, rt, "application/vnd.ogc.gml", rp)!.slice(
      rest.base.length,
    ),
    `/wmts/rest/info/scene/default/current/swiss512/s4/${rp.row}/${rp.col}/${rp.j}/${rp.i}.xml`,
  );
  // IgnoreGetFeatureInfoUrl: the template from "/rest" on, after the
  // source's URL without its query
  const moved = {
    ...rs,
    url: "http://moved.example/gwc/WMTSCapabilities.xml?x=1",
    ignoreGetFeatureInfoUrl: true,
  };
  assertEquals(
    wmtsFeatureInfoUrl(moved, rcaps, rt, "application/vnd.ogc.gml", rp),
    `http://moved.example/gwc/WMTSCapabilities.xml/rest/info/scene/default/current/swiss512/s4/${rp.row}/${rp.col}/${rp.j}/${rp.i}.xml`,
  );
  // a format with neither a template nor KVP: nothing to ask
  assertEquals(wmtsFeatureInfoUrl(rs, rcaps, rt, "text/plain", rp), null);
  // a capabilities document without feature formats
  assertEquals(
    wmtsInfoFormat(parseWmtsCapabilities(
      `<Capabilities xmlns="http://www.opengis.net/wmts/1.0" xmlns:ows="http://www.opengis.net/ows/1.1"><Contents><Layer><ows:Identifier>a</ows:Identifier><InfoFormat>text/html</InfoFormat></Layer></Contents></Capabilities>`,
    )),
    null,
  );
});
