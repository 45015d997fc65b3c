import { assertEquals, assertThrows } from "./_assert.ts";
import { getMapUrl, qgsDoubleToString, tiledGetMapUrls } from "./wms.ts";
import {
  capabilitiesUrl,
  invertsAxes,
  parseWmsCapabilities,
  prepareUrl,
} from "./wms_capabilities.ts";
import { startWebMapServer } from "../../../tests/web_map_server.ts";
import type { WmsSource } from "./source.ts";

const source = (over: Partial<WmsSource>): WmsSource => ({
  kind: "wms",
  url: "http://h/wms",
  layers: ["scene"],
  styles: [""],
  format: "image/png",
  crs: "EPSG:3857",
  dpiMode: 7,
  featureCount: 0,
  contextualLegend: false,
  ignoreGetMapUrl: false,
  ignoreGetFeatureInfoUrl: false,
  ignoreAxisOrientation: false,
  invertAxisOrientation: false,
  smoothPixmapTransform: false,
  maxWidth: 0,
  maxHeight: 0,
  auth: { headers: {} },
  ...over,
});

async function capabilities(path: string) {
  const server = await startWebMapServer();
  try {
    const answer = await fetch(
      capabilitiesUrl(`${server.url}${path}`),
    );
    return { xml: await answer.text(), base: server.url };
  } finally {
    await server.close();
  }
}

// GetMap URLs QGIS 3.22 sent to tests/web_map_server.ts (its request log)
// for these sources and maps, rendered with QgsMapRendererParallelJob.
Deno.test("getMapUrl: the GetMap QGIS 3.22 sends (1.3.0, EPSG:3857, 96 dpi)", async () => {
  const { xml, base } = await capabilities("/wms");
  const caps = parseWmsCapabilities(xml);
  const url = getMapUrl(
    source({ url: `${base}/wms` }),
    caps,
    { xmin: 900000, ymin: 5900000, xmax: 920000, ymax: 5915000 },
    400,
    300,
    96,
  );
  assertEquals(
    url.slice(base.length),
    "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&BBOX=900000,5900000,920000,5915000&CRS=EPSG:3857&WIDTH=400&HEIGHT=300&LAYERS=scene&STYLES=&FORMAT=image/png&DPI=96&MAP_RESOLUTION=96&FORMAT_OPTIONS=dpi:96&TRANSPARENT=TRUE",
  );
});

Deno.test("getMapUrl: 1.3.0 takes EPSG:4326 latitude first; JPEG is not transparent", async () => {
  const { xml, base } = await capabilities("/wms");
  const caps = parseWmsCapabilities(xml);
  const url = getMapUrl(
    source({
      url: `${base}/wms`,
      crs: "EPSG:4326",
      format: "image/jpeg",
      layers: ["roads", "scene"],
      styles: ["", "dark"],
    }),
    caps,
    { xmin: 7.5, ymin: 46.5, xmax: 8.5, ymax: 47 },
    400,
    200,
    120,
  );
  assertEquals(
    url.slice(base.length),
    "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&BBOX=46.5,7.5,47,8.5&CRS=EPSG:4326&WIDTH=400&HEIGHT=200&LAYERS=roads,scene&STYLES=,dark&FORMAT=image/jpeg&DPI=120&MAP_RESOLUTION=120&FORMAT_OPTIONS=dpi:120",
  );
});

Deno.test("getMapUrl: 1.1.1 keeps x/y and says SRS; dpiMode picks the DPI parameters", async () => {
  const { xml, base } = await capabilities("/wms111");
  const caps = parseWmsCapabilities(xml);
  assertEquals(caps.version, "1.1.1");
  const url = getMapUrl(
    source({ url: `${base}/wms111`, crs: "EPSG:4326", dpiMode: 3 }),
    caps,
    { xmin: 7.5, ymin: 46.5, xmax: 8.5, ymax: 47 },
    400,
    200,
    96,
  );
  assertEquals(
    url.slice(base.length),
    "/wms111?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&BBOX=7.5,46.5,8.5,47&SRS=EPSG:4326&WIDTH=400&HEIGHT=200&LAYERS=scene&STYLES=&FORMAT=image/png&DPI=96&MAP_RESOLUTION=96&TRANSPARENT=TRUE",
  );
});

Deno.test("getMapUrl: the capabilities' GetMap URL unless IgnoreGetMapUrl; the base query kept", () => {
  const caps = {
    version: "1.3.0",
    getMapUrl: "http://other/cgi?map=x",
    featureInfoFormats: [],
    maxWidth: 0,
    maxHeight: 0,
    layers: new Map(),
  };
  const box = { xmin: 0, ymin: 0, xmax: 1, ymax: 1 };
  assertEquals(
    getMapUrl(source({ dpiMode: 0 }), caps, box, 1, 1, 96).split("&")[0],
    "http://other/cgi?map=x",
  );
  assertEquals(
    getMapUrl(
      source({
        dpiMode: 0,
        ignoreGetMapUrl: true,
        url: "http://h/wms?a=1&VERSION=9",
      }),
      caps,
      box,
      1,
      1,
      96,
    ),
    "http://h/wms?a=1&SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&BBOX=0,0,1,1&CRS=EPSG:3857&WIDTH=1&HEIGHT=1&LAYERS=scene&STYLES=&FORMAT=image/png&TRANSPARENT=TRUE",
  );
  const tiles = tiledGetMapUrls(source({ dpiMode: 1 }), caps, 256, 256, 96, [
    box,
  ]);
  assertEquals(
    tiles[0],
    "http://other/cgi?map=x&SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=scene&STYLES=&WIDTH=256&HEIGHT=256&FORMAT=image/png&CRS=EPSG:3857&DPI=96&TRANSPARENT=TRUE&BBOX=0,0,1,1",
  );
});

Deno.test("parseWmsCapabilities: layers, inherited CRSs, boxes in x/y, styles and legends", async () => {
  const { xml } = await capabilities("/wms");
  const caps = parseWmsCapabilities(xml);
  const scene = caps.layers.get("scene")!;
  assertEquals(scene.crs, ["EPSG:3857", "EPSG:4326", "OGC:CRS84"]);
  assertEquals(scene.queryable, true);
  // the 1.3 EPSG:4326 box is written latitude first and read back as x/y
  assertEquals(scene.boundingBoxes.find((b) => b.crs === "EPSG:4326")?.box, {
    xmin: 5.5,
    ymin: 45.8,
    xmax: 10.6,
    ymax: 47.9,
  });
  assertEquals(scene.geographic, {
    xmin: 5.5,
    ymin: 45.8,
    xmax: 10.6,
    ymax: 47.9,
  });
  assertEquals(scene.styles.map((s) => s.name), ["default", "dark"]);
  assertEquals(
    scene.styles[0].legendUrl?.includes("REQUEST=GetLegendGraphic&LAYER=scene"),
    true,
  );
  assertEquals(caps.featureInfoFormats.includes("application/json"), true);
  assertThrows(
    () =>
      parseWmsCapabilities(
        "<ServiceExceptionReport>no such map</ServiceExceptionReport>",
      ),
    SyntaxError,
    "no such map",
  );
  assertThrows(
    () => parseWmsCapabilities("<html>"),
    SyntaxError,
    "Cannot read WMS capabilities",
  );
});

Deno.test("URL helpers as QGIS prepares them; numbers as qgsDoubleToString", () => {
  assertEquals(prepareUrl("http://h/wms"), "http://h/wms?");
  assertEquals(prepareUrl("http://h/wms?"), "http://h/wms?");
  assertEquals(prepareUrl("http://h/wms?map=a"), "http://h/wms?map=a&");
  assertEquals(
    capabilitiesUrl("http://h/wmts?SERVICE=WMTS&REQUEST=GetCapabilities"),
    "http://h/wmts?SERVICE=WMTS&REQUEST=GetCapabilities",
  );
  assertEquals(
    invertsAxes("1.3.0", "EPSG:4326", { ignoreAxisOrientation: true }),
    false,
  );
  assertEquals(
    invertsAxes("1.1.1", "EPSG:3857", { invertAxisOrientation: true }),
    true,
  );
  assertEquals(
    qgsDoubleToString(886162.1457710219),
    "886162.14577102195471525",
  );
  assertEquals(qgsDoubleToString(-12.5), "-12.5");
  assertEquals(qgsDoubleToString(5e-20), "0");
});
