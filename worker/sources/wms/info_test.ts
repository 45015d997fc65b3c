import { assert, assertEquals } from "./_assert.ts";
import {
  parseGmlFeatures,
  webFeatureInfo,
  webLegendGraphic,
  wmsLegendUrl,
} from "./info.ts";
import { parseWebSource, type WmsSource, type WmtsSource } from "./source.ts";
import { capabilitiesUrl, parseWmsCapabilities } from "./wms_capabilities.ts";
import { webClientFor } from "./services.ts";
import { startWebMapServer, WORLD } from "../../../tests/web_map_server.ts";

const wms = (base: string, over: Record<string, string> = {}) =>
  parseWebSource({
    name: "wms",
    source: JSON.stringify({
      crs: "EPSG:3857",
      format: "image/png",
      layers: "scene",
      styles: "dark",
      url: `${base}/wms`,
      ...over,
    }),
  }) as WmsSource;

Deno.test("wmsLegendUrl: the GetLegendGraphic QGIS 3.22 asks for", async () => {
  const server = await startWebMapServer();
  try {
    const caps = parseWmsCapabilities(
      await (await fetch(capabilitiesUrl(`${server.url}/wms`))).text(),
    );
    // QgsLegendRenderer over a QgsWmsLegendNode made QGIS 3.22 request this
    assertEquals(
      wmsLegendUrl(wms(server.url), caps, null)!.slice(server.url.length),
      "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=scene&FORMAT=image/png&STYLE=dark&SLD_VERSION=1.1.0&TRANSPARENT=true",
    );
    const ctx = {
      client: webClientFor([server.host]),
      signal: AbortSignal.timeout(60_000),
      warn: (m: string) => {
        throw new Error(m);
      },
    };
    const image = await webLegendGraphic(wms(server.url), "wms", null, ctx);
    assertEquals(image?.contentType, "image/png");
    assertEquals(image?.data[1], 0x50);
    const xyz = parseWebSource({
      name: "osm",
      source: JSON.stringify({
        type: "xyz",
        url: `${server.url}/xyz/{z}/{x}/{y}.png`,
      }),
    });
    assertEquals(await webLegendGraphic(xyz, "osm", null, ctx), null);
  } finally {
    await server.close();
  }
});

Deno.test("webFeatureInfo: the WMS's answer in the format QGIS 3.22 picks (the last feature format offered: JSON) read into features", async () => {
  const server = await startWebMapServer();
  try {
    const town = WORLD.find((f) => f.kind === "town")!;
    const [x, y] = town.coords[0];
    const extent = {
      xmin: x - 5000,
      ymin: y - 5000,
      xmax: x + 5000,
      ymax: y + 5000,
    };
    const warnings: string[] = [];
    const features = await webFeatureInfo(wms(server.url), "wms", {
      // the centre of pixel (50, 49)
      point: [x - 5000 + 50.5 * 100, y + 5000 - 49.5 * 100],
      extent,
      crs: "EPSG:3857",
      width: 100,
      height: 100,
      featureCount: 5,
    }, {
      client: webClientFor([server.host]),
      signal: AbortSignal.timeout(60_000),
      warn: (m) => warnings.push(m),
    });
    assertEquals(warnings, []);
    assert(features && features.length >= 1);
    assert(
      features.some((f) => f.attributes.name === town.name),
      JSON.stringify(features),
    );
    const get = server.requests.find((r) =>
      r.url.includes("GetFeatureInfo")
    )!.url;
    assert(get.includes("INFO_FORMAT=application/json"), get);
    assert(get.includes("&I=50&J=49"), get);
  } finally {
    await server.close();
  }
});

Deno.test("webFeatureInfo: a map in another CRS asks in the layer's, the point transformed", async () => {
  const server = await startWebMapServer();
  try {
    const town = WORLD.find((f) => f.kind === "town")!;
    const [x, y] = town.coords[0];
    // the town in EPSG:4326 (the map's CRS), the layer in EPSG:3857
    const lon = (x / 6378137) * 180 / Math.PI;
    const lat = (2 * Math.atan(Math.exp(y / 6378137)) - Math.PI / 2) * 180 /
      Math.PI;
    const warnings: string[] = [];
    const features = await webFeatureInfo(wms(server.url), "wms", {
      point: [lon, lat],
      extent: {
        xmin: lon - 0.05,
        ymin: lat - 0.03,
        xmax: lon + 0.05,
        ymax: lat + 0.03,
      },
      crs: "EPSG:4326",
      width: 200,
      height: 120,
      featureCount: 5,
    }, {
      client: webClientFor([server.host]),
      signal: AbortSignal.timeout(60_000),
      warn: (m) => warnings.push(m),
    });
    assertEquals(warnings, []);
    assert(
      features?.some((f) => f.attributes.name === town.name),
      JSON.stringify(features),
    );
    const get = new URL(
      server.url +
        server.requests.find((r) => r.url.includes("GetFeatureInfo"))!.url,
    ).searchParams;
    assertEquals(get.get("CRS"), "EPSG:3857");
    const [bx0, by0, bx1, by1] = get.get("BBOX")!.split(",").map(Number);
    // the map's extent as a bounding box in EPSG:3857, around the town
    assert(bx0 < x && x < bx1 && by0 < y && y < by1, get.get("BBOX")!);
    // the pixel of the transformed point in that box
    const i = Math.floor((x - bx0) / ((bx1 - bx0) / 200));
    const j = Math.floor((by1 - y) / ((by1 - by0) / 120));
    assertEquals([get.get("I"), get.get("J")], [String(i), String(j)]);
  } finally {
    await server.close();
  }
});

Deno.test("parseGmlFeatures: OGC feature collections too", () => {
  const f = parseGmlFeatures(
    `<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs" xmlns:gml="http://www.opengis.net/gml" xmlns:qgs="http://qgis.org/gml">
<gml:featureMember><qgs:roads fid="roads.7"><qgs:geometry><gml:Point><gml:coordinates>1,2</gml:coordinates></gml:Point></qgs:geometry><qgs:name>A1</qgs:name><qgs:lanes>4</qgs:lanes></qgs:roads></gml:featureMember>
</wfs:FeatureCollection>`,
  );
  assertEquals(f, [{
    id: 7,
    attributes: { name: "A1", lanes: "4" },
    geometry: null,
  }]);
});

Deno.test("webFeatureInfo: a WMTS is asked at the tile pixel (GML by its RESTful template), not at all off its extent; an XYZ layer cannot be asked", async () => {
  const server = await startWebMapServer();
  try {
    const town = WORLD.find((f) => f.kind === "town")!;
    const [x, y] = town.coords[0];
    const source = parseWebSource({
      name: "wmts",
      source: JSON.stringify({
        crs: "EPSG:3857",
        format: "image/png",
        layers: "scene",
        styles: "default",
        tileDimensions: "Time=current",
        tileMatrixSet: "swiss512",
        url: `${server.url}/wmts/rest/WMTSCapabilities.xml`,
      }),
    }) as WmtsSource;
    const warnings: string[] = [];
    const ctx = {
      client: webClientFor([server.host]),
      signal: AbortSignal.timeout(60_000),
      warn: (m: string) => warnings.push(m),
    };
    const ask = (cx: number, cy: number) =>
      webFeatureInfo(source, "wmts", {
        point: [cx, cy],
        extent: {
          xmin: cx - 5000,
          ymin: cy - 5000,
          xmax: cx + 5000,
          ymax: cy + 5000,
        },
        crs: "EPSG:3857",
        width: 100,
        height: 100,
        featureCount: 5,
      }, ctx);
    const features = await ask(x, y);
    assertEquals(warnings, []);
    assert(
      features?.some((f) => f.attributes.name === town.name),
      JSON.stringify(features),
    );
    const info = server.requests.filter((r) => r.url.includes("/info/"));
    assertEquals(info.length, 1);
    assert(info[0].url.endsWith(".xml"), info[0].url);
    // far off the layer's WGS 84 bounding box: nothing asked, no features
    assertEquals(await ask(x + 5e6, y), []);
    assertEquals(
      server.requests.filter((r) => r.url.includes("/info/")).length,
      1,
    );
    const xyz = parseWebSource({
      name: "xyz",
      source: JSON.stringify({
        type: "xyz",
        url: `${server.url}/xyz/{z}/{x}/{y}.png`,
      }),
    });
    assertEquals(
      await webFeatureInfo(xyz, "xyz", {
        point: [x, y],
        extent: { xmin: x - 1, ymin: y - 1, xmax: x + 1, ymax: y + 1 },
        crs: "EPSG:3857",
        width: 2,
        height: 2,
        featureCount: 1,
      }, ctx),
      null,
    );
    assertEquals(warnings, []);
  } finally {
    await server.close();
  }
});
