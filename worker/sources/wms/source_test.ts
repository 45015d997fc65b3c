import { assert, assertEquals, assertThrows } from "./_assert.ts";
import { parseWebSource, safeUrl } from "./source.ts";
import { JobError } from "../../runners/types.ts";

// What QGIS 3.22's QgsProviderRegistry.decodeUri('wms', …) returns for real
// URIs (printed with Debian's python3-qgis 3.22.16); NULL values as null.
const decoded = {
  osm: {
    type: "xyz",
    url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    zmax: "19",
    zmin: "0",
  },
  xyzFull: {
    "http-header:referer": "https://x.org",
    password: "p",
    tilePixelRatio: "2",
    type: "xyz",
    url: "https://a/{z}/{x}/{-y}.png",
    username: "u",
    zmax: "18",
    zmin: "2",
  },
  wms: {
    contextualWMSLegend: "0",
    crs: "EPSG:2056",
    dpiMode: "7",
    featureCount: "10",
    format: "image/png",
    layers: "ch.swisstopo.pixelkarte-farbe",
    styles: null,
    url: "https://wms.geo.admin.ch/",
  },
  wmsFlags: {
    IgnoreGetMapUrl: "1",
    contextualWMSLegend: "0",
    crs: "EPSG:2056",
    dpiMode: "7",
    featureCount: "10",
    format: "image/jpeg",
    layers: "b",
    styles: "",
    url: "https://wms.x/?map=1",
  },
  wmts: {
    contextualWMSLegend: "0",
    crs: "EPSG:2056",
    dpiMode: "7",
    featureCount: "10",
    format: "image/jpeg",
    layers: "ch.swisstopo.pixelkarte-farbe",
    styles: "ch.swisstopo.pixelkarte-farbe",
    tileDimensions: "Time=current",
    tileMatrixSet: "2056_27",
    url: "https://wmts.geo.admin.ch/EPSG/2056/1.0.0/WMTSCapabilities.xml",
  },
  wmsAll: {
    IgnoreAxisOrientation: "1",
    IgnoreGetFeatureInfoUrl: "1",
    IgnoreReportedLayerExtents: "1",
    InvertAxisOrientation: "1",
    crs: "EPSG:4326",
    format: "image/png",
    interpretation: "maptilerterrain",
    layers: "l",
    maxHeight: "1000",
    maxWidth: "2000",
    styles: "",
    tiled: "256;256;1;2",
    url: "http://h/wms",
  },
};

const layer = (source: unknown) => ({
  name: "web",
  source: JSON.stringify(source),
});

Deno.test("parseWebSource: XYZ as QGIS decodes it", () => {
  const s = parseWebSource(layer(decoded.osm));
  assertEquals(s, {
    kind: "xyz",
    url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    zmin: 0,
    zmax: 19,
    tilePixelRatio: 0,
    auth: { headers: {} },
  });
  const full = parseWebSource(layer(decoded.xyzFull));
  assert(full.kind === "xyz");
  assertEquals(full.tilePixelRatio, 2);
  assertEquals(full.zmin, 2);
  assertEquals(full.auth, {
    username: "u",
    password: "p",
    headers: { Referer: "https://x.org" },
  });
});

Deno.test("parseWebSource: QGIS 3.22's referer key and the Python client's nulls", () => {
  const s = parseWebSource(layer({
    type: "xyz",
    url: "https://t/{z}/{x}/{y}.png",
    zmin: null,
    zmax: 17,
    referer: "https://qsl.example/",
  }));
  assert(s.kind === "xyz");
  assertEquals([s.zmin, s.zmax], [0, 17]);
  assertEquals(s.auth.headers, { Referer: "https://qsl.example/" });
});

Deno.test("parseWebSource: WMS keys and flags", () => {
  const s = parseWebSource(layer(decoded.wms));
  assert(s.kind === "wms");
  assertEquals(s.layers, ["ch.swisstopo.pixelkarte-farbe"]);
  assertEquals(s.styles, [""]);
  assertEquals([s.crs, s.format, s.dpiMode, s.featureCount], [
    "EPSG:2056",
    "image/png",
    7,
    10,
  ]);
  assertEquals(s.ignoreGetMapUrl, false);
  assertEquals(s.maxWidth, 0);
  const f = parseWebSource(layer(decoded.wmsFlags));
  assert(f.kind === "wms");
  assertEquals(f.ignoreGetMapUrl, true);
  assertEquals(f.url, "https://wms.x/?map=1");
  const all = parseWebSource(layer(decoded.wmsAll));
  assert(all.kind === "wms");
  assertEquals(
    [
      all.ignoreAxisOrientation,
      all.invertAxisOrientation,
      all.ignoreGetFeatureInfoUrl,
      all.smoothPixmapTransform,
    ],
    [true, true, true, false],
  );
  assertEquals([all.maxWidth, all.maxHeight], [2000, 1000]);
  // no dpiMode: QGIS sends all three DPI parameters
  assertEquals(all.dpiMode, 7);
});

Deno.test("parseWebSource: several layers, comma-joined or listed", () => {
  const joined = parseWebSource(layer({
    url: "http://h/wms",
    layers: "a,b",
    styles: "dark,",
    crs: "EPSG:3857",
    format: "image/png",
  }));
  assert(joined.kind === "wms");
  assertEquals(joined.layers, ["a", "b"]);
  assertEquals(joined.styles, ["dark", ""]);
  const listed = parseWebSource(layer({
    url: "http://h/wms",
    layers: ["a", "b"],
    styles: null,
    crs: "EPSG:3857",
    format: "image/png",
  }));
  assert(listed.kind === "wms");
  assertEquals(listed.styles, ["", ""]);
  assertThrows(
    () =>
      parseWebSource(layer({
        url: "http://h/wms",
        layers: "a,b",
        styles: "x,y,z",
      })),
    JobError,
    "2 layers but 3 styles",
  );
});

Deno.test("parseWebSource: WMTS from tileMatrixSet, dimensions split", () => {
  const s = parseWebSource(layer(decoded.wmts));
  assert(s.kind === "wmts");
  assertEquals(s.tileMatrixSet, "2056_27");
  assertEquals(s.tileDimensions, { Time: "current" });
  assertEquals(s.styles, ["ch.swisstopo.pixelkarte-farbe"]);
  const wmsc = parseWebSource(layer({
    url: "http://h/wms",
    layers: "a",
    tileMatrixSet: "",
  }));
  assertEquals(wmsc.kind, "wmts");
});

Deno.test("parseWebSource: bad sources name the layer and the cause", () => {
  assertThrows(
    () => parseWebSource({ name: "osm", source: "{" }),
    JobError,
    "Cannot open layer 'osm': its source is not valid JSON",
  );
  assertThrows(
    () => parseWebSource(layer({ type: "xyz" })),
    JobError,
    "no 'url'",
  );
  assertThrows(
    () => parseWebSource(layer({ type: "xyz", url: "file:///etc/passwd" })),
    JobError,
    "scheme 'file:' is not allowed",
  );
  assertThrows(
    () => parseWebSource(layer({ type: "mbtiles", path: "/x.mbtiles" })),
    JobError,
    "MBTiles",
  );
  assertThrows(
    () => parseWebSource(layer({ ...decoded.wms, authcfg: "abc123" })),
    JobError,
    "authcfg",
  );
  assertThrows(
    () => parseWebSource(layer({ type: "xyz", url: "http://t", zmax: "x" })),
    JobError,
    "'zmax' is not an integer",
  );
  assertThrows(
    () => parseWebSource(layer({ url: "http://h/wms", layers: "" })),
    JobError,
    "names no server layer",
  );
});

Deno.test("safeUrl: no query, no credentials", () => {
  assertEquals(
    safeUrl("https://u:p@t.example:8443/a/1.png?apikey=s3cr3t#x"),
    "https://t.example:8443/a/1.png",
  );
  assertEquals(safeUrl("::"), "<unparsable URL>");
});
