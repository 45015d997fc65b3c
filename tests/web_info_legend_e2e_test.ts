/**
 * Feature info and legend jobs on a WMS layer end to end: a real Redis, the
 * worker loop in-process with the default runners, the WMS the loopback
 * tests/web_map_server.ts serves on the worker's allow-list.
 *
 * - Feature info: the WMS's GetFeatureInfo answer merged into ours beside
 *   a vector layer, as QGIS Server writes a raster layer's features; the
 *   map in EPSG:4326, the layer in EPSG:3857 (asked in EPSG:3857, the
 *   point transformed). WMTS layers (KVP and RESTful) asked at the tile
 *   pixel QGIS Server asks.
 * - Legend: the server's GetLegendGraphic image in our legend layout; a
 *   host off the allow-list leaves the layer without rows and the job
 *   succeeds.
 *
 * @module
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { decode } from "fast-png";
import { encodeStyle, type QslJobLayer } from "@qgis-server-light/interface";
import { withWorker } from "./in_process_worker.ts";
import { startWebMapServer, WORLD } from "./web_map_server.ts";

const DATA = join(
  dirname(fileURLToPath(import.meta.url)),
  "parity/web/data",
);

function places(): QslJobLayer {
  return {
    id: "places_id",
    name: "places",
    source: JSON.stringify({ path: "places.geojson" }),
    remote: false,
    folder_name: "",
    driver: "ogr",
    style: {
      name: "default",
      definition: encodeStyle(Deno.readTextFileSync(join(DATA, "places.qml"))),
    },
    filter: null,
  };
}

function wmsLayer(base: string, layers: string, styles = ""): QslJobLayer {
  return {
    id: "wms_id",
    name: "wms",
    source: JSON.stringify({
      crs: "EPSG:3857",
      dpiMode: "7",
      format: "image/png",
      layers,
      styles,
      url: `${base}/wms`,
    }),
    remote: true,
    folder_name: "",
    driver: "wms",
    style: null,
    filter: null,
  };
}

// EPSG:3857 metres to longitude/latitude
function lonLat(x: number, y: number): [number, number] {
  const r = 6378137;
  return [
    (x / r) * 180 / Math.PI,
    (2 * Math.atan(Math.exp(y / r)) - Math.PI / 2) * 180 / Math.PI,
  ];
}

Deno.test({
  name:
    "web e2e: feature info on a WMS layer in another CRS merges the server's features with ours",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const server = await startWebMapServer();
    const town = WORLD.find((f) => f.kind === "town")!;
    const [lon, lat] = lonLat(...town.coords[0]);
    const job = (format: string) => ({
      INFO_FORMAT: format,
      QUERY_LAYERS: "places,wms",
      I: "100",
      J: "60",
      X: null,
      Y: null,
      FEATURE_COUNT: 5,
      FI_POINT_TOLERANCE: 16,
      FI_LINE_TOLERANCE: 8,
      FI_POLYGON_TOLERANCE: 4,
      layers: [places(), wmsLayer(server.url, "scene")],
      // EPSG:4326 bboxes are latitude first; the town at pixel (100, 60)
      bbox: {
        x_min: lat - 0.0305,
        y_min: lon - 0.0505,
        x_max: lat + 0.0295,
        y_max: lon + 0.0495,
        z_min: 0,
        z_max: 0,
      },
      crs: "EPSG:4326",
      width: 200,
      height: 120,
      dpi: 96,
    });
    try {
      await withWorker(DATA, async (queue) => {
        const text = await queue.post(job("text/plain"), {
          type: "QslJobInfoFeatureInfo",
          timeoutMs: 30_000,
        });
        assert.equal(text.status, "succeed", String(text.result.data));
        const body = new TextDecoder().decode(text.result.data as Uint8Array);
        // our layer first, then the WMS's features as the layer's attributes
        assert.match(
          body,
          new RegExp(
            `^GetFeatureInfo results\\n\\nLayer 'places'\\n\\nLayer 'wms'\\n(.+\\n)*name = '${town.name}'\\n`,
          ),
          body,
        );
        assert.match(body, /kind = 'town'\n/);
        const asked = server.requests.filter((r) =>
          r.url.includes("GetFeatureInfo")
        );
        assert.equal(asked.length, 1);
        const q = new URL(server.url + asked[0].url).searchParams;
        assert.equal(q.get("CRS"), "EPSG:3857");
        assert.equal(q.get("QUERY_LAYERS"), "scene");
        // QGIS Server 3.22 (qgis.server.QgsServer over a project with this
        // layer, map in EPSG:4326) asked the server for the same: JSON, the
        // map's size, I=100 J=60, a BBOX equal to ours to 1e-9 m
        assert.equal(q.get("INFO_FORMAT"), "application/json");
        assert.equal(q.get("WIDTH"), "200");
        assert.equal(q.get("HEIGHT"), "120");
        assert.deepEqual([q.get("I"), q.get("J")], ["100", "60"]);
        assert.equal(q.get("FEATURE_COUNT"), null);
        const bbox = q.get("BBOX")!.split(",").map(Number);
        const qgis = [
          992487.13724613329395652,
          5933948.99172988347709179,
          1003619.08632546046283096,
          5943738.892679906450212,
        ];
        bbox.forEach((v, k) => assert.ok(Math.abs(v - qgis[k]) < 1e-6));

        // QGIS Server 3.22's answer on a project with the WMS layer alone
        // (tests/parity/web/feature_info_qgis.py, 2026-12-06, behind a proxy
        // spelling Content-Type as servers do: with Deno's lower-case
        // header QGIS read the JSON as GML and answered an empty layer);
        // places has no feature at the point, so adds none
        const json = await queue.post(job("application/json"), {
          type: "QslJobInfoFeatureInfo",
          timeoutMs: 30_000,
        });
        assert.equal(json.status, "succeed", String(json.result.data));
        assert.equal(
          new TextDecoder().decode(json.result.data as Uint8Array),
          `{"features":[{"id":"wms","properties":{"kind":"town","name":"${town.name}","rank":"52629"},"type":"Feature"}],"type":"FeatureCollection"}`,
        );

        const gml = await queue.post(job("application/vnd.ogc.gml"), {
          type: "QslJobInfoFeatureInfo",
          timeoutMs: 30_000,
        });
        assert.equal(gml.status, "succeed", String(gml.result.data));
        const xml = new TextDecoder().decode(gml.result.data as Uint8Array);
        assert.match(
          xml,
          new RegExp(
            `<qgs:wms fid="wms\\.\\d+">\\n(   <qgs:\\w+>.*</qgs:\\w+>\\n)*   <qgs:name>${town.name}</qgs:name>`,
          ),
          xml,
        );
      }, { remoteHosts: [server.host] });
    } finally {
      await server.close();
    }
  },
});

function wmtsLayer(
  base: string,
  name: string,
  kind: "kvp" | "rest",
  tileMatrixSet: string,
): QslJobLayer {
  return {
    id: `${name}_id`,
    name,
    source: JSON.stringify({
      crs: "EPSG:3857",
      dpiMode: "7",
      format: "image/png",
      layers: "scene",
      styles: "default",
      tileDimensions: "Time=current",
      tileMatrixSet,
      url: `${base}/wmts/${kind}/WMTSCapabilities.xml`,
    }),
    remote: true,
    folder_name: "",
    driver: "wms",
    style: null,
    filter: null,
  };
}

Deno.test({
  name:
    "web e2e: feature info on WMTS layers (KVP and RESTful) asks the tile pixel QGIS asks and merges the answers",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const server = await startWebMapServer();
    const town = WORLD.find((f) => f.kind === "town")!;
    const [lon, lat] = lonLat(...town.coords[0]);
    const job = (format: string) => ({
      INFO_FORMAT: format,
      QUERY_LAYERS: "kvp,rest",
      I: "100",
      J: "60",
      X: null,
      Y: null,
      FEATURE_COUNT: 5,
      FI_POINT_TOLERANCE: 16,
      FI_LINE_TOLERANCE: 8,
      FI_POLYGON_TOLERANCE: 4,
      layers: [
        wmtsLayer(server.url, "kvp", "kvp", "GoogleMapsCompatible"),
        wmtsLayer(server.url, "rest", "rest", "swiss512"),
      ],
      // the map of the WMS test: EPSG:4326, the town at pixel (100, 60)
      bbox: {
        x_min: lat - 0.0305,
        y_min: lon - 0.0505,
        x_max: lat + 0.0295,
        y_max: lon + 0.0495,
        z_min: 0,
        z_max: 0,
      },
      crs: "EPSG:4326",
      width: 200,
      height: 120,
      dpi: 96,
    });
    try {
      await withWorker(DATA, async (queue) => {
        const text = await queue.post(job("text/plain"), {
          type: "QslJobInfoFeatureInfo",
          timeoutMs: 30_000,
        });
        assert.equal(text.status, "succeed", String(text.result.data));
        const body = new TextDecoder().decode(text.result.data as Uint8Array);
        // both layers' features, in the job's order
        assert.match(
          body,
          new RegExp(
            `^GetFeatureInfo results\\n\\nLayer 'kvp'\\n(.+\\n)*name = '${town.name}'\\n(.+\\n)*\\nLayer 'rest'\\n(.+\\n)*name = '${town.name}'\\n`,
          ),
          body,
        );
        // QGIS Server 3.22 on the same map (tests/parity/web/
        // wmts_feature_info_qgis.py, 2026-12-05) asked exactly these: KVP
        // in the last feature format the layers list (JSON), RESTful by
        // the layer's last feature template (GML)
        const asked = server.requests.map((r) => r.url).filter((u) =>
          u.includes("GetFeatureInfo") || u.startsWith("/wmts/rest/info/")
        ).sort();
        assert.deepEqual(asked, [
          "/wmts/kvp?SERVICE=WMTS&REQUEST=GetFeatureInfo&VERSION=1.0.0&LAYER=scene&STYLE=default&INFOFORMAT=application/json&TILEMATRIXSET=GoogleMapsCompatible&TILEMATRIX=12&Time=current&TILEROW=1441&TILECOL=2150&I=3&J=1",
          "/wmts/rest/info/scene/default/current/swiss512/s4/7/12/10/162.xml",
        ]);
        // QGIS Server 3.22's JSON and HTML answers on the same map
        // (wmts_feature_info_qgis.py, 2026-12-06, behind the proxy that
        // spells Content-Type as servers do), byte for byte
        const layer = (name: string) =>
          `{"id":"${name}","properties":{"kind":"town","name":"${town.name}","rank":"52629"},"type":"Feature"}`;
        const json = await queue.post(job("application/json"), {
          type: "QslJobInfoFeatureInfo",
          timeoutMs: 30_000,
        });
        assert.equal(
          new TextDecoder().decode(json.result.data as Uint8Array),
          `{"features":[${layer("kvp")},${
            layer("rest")
          }],"type":"FeatureCollection"}`,
        );
        const html = await queue.post(job("text/html"), {
          type: "QslJobInfoFeatureInfo",
          timeoutMs: 30_000,
        });
        const table = (name: string) =>
          `<TABLE border=1 width=100%>\n<TR><TH width=25%>Layer</TH><TD>${name}</TD></TR>\n</BR><TR><TH>kind</TH><TD>town</TD></TR>\n<TR><TH>name</TH><TD>${town.name}</TD></TR>\n<TR><TH>rank</TH><TD>52629</TD></TR>\n</TABLE>\n<BR></BR>\n`;
        assert.equal(
          new TextDecoder().decode(html.result.data as Uint8Array),
          `<HEAD>\n<TITLE> GetFeatureInfo results </TITLE>\n<META http-equiv="Content-Type" content="text/html;charset=utf-8"/>\n</HEAD>\n<BODY>\n${
            table("kvp")
          }${table("rest")}</BODY>\n`,
        );
      }, { remoteHosts: [server.host] });
    } finally {
      await server.close();
    }
  },
});

Deno.test({
  name:
    "web e2e: a WMS layer's legend is the server's GetLegendGraphic in our layout; off the allow-list it has no rows",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const server = await startWebMapServer();
    const job = (base: string) => ({
      layers: [places(), wmsLayer(base, "scene", "dark")],
      format: "image/png",
      width: null,
      height: null,
      dpi: 96,
      scale: null,
      layer_title: true,
    });
    try {
      await withWorker(DATA, async (queue) => {
        const ok = await queue.post(job(server.url), {
          type: "QslJobInfoLegend",
          timeoutMs: 30_000,
        });
        assert.equal(ok.status, "succeed", String(ok.result.data));
        const legend = decode(ok.result.data as Uint8Array);
        const asked = server.requests.filter((r) =>
          r.url.includes("GetLegendGraphic")
        );
        assert.equal(asked.length, 1);
        const q = new URL(server.url + asked[0].url).searchParams;
        assert.equal(q.get("LAYER"), "scene");
        assert.equal(q.get("STYLE"), "dark");
        assert.equal(q.get("SCALE"), null);

        const off = await queue.post(job("http://127.0.0.1:1"), {
          type: "QslJobInfoLegend",
          timeoutMs: 30_000,
        });
        assert.equal(off.status, "succeed", String(off.result.data));
        const bare = decode(off.result.data as Uint8Array);
        // QGIS 3.22 stretches the image over the 50 × 25 mm WMS legend
        // size: 2 + 50 + 2 + 2 mm wide, 158 px at 96 dpi × 0.75; one more
        // row of 2.5 + 25 mm is 78 px
        assert.equal(legend.width, 158);
        assert.ok(
          Math.abs(legend.height - bare.height - 78) <= 1,
          `${legend.height} vs ${bare.height}`,
        );
        // the image's colours are in it (not only black, white and grey)
        let coloured = 0;
        const d = legend.data as Uint8Array;
        for (let i = 0; i < d.length; i += 4) {
          const mx = Math.max(d[i], d[i + 1], d[i + 2]);
          const mn = Math.min(d[i], d[i + 1], d[i + 2]);
          if (mx - mn > 40) coloured++;
        }
        assert.ok(coloured > 300, `${coloured} coloured pixels`);
      }, { remoteHosts: [server.host] });
    } finally {
      await server.close();
    }
  },
});
