import { DOMParser } from "@xmldom/xmldom";
import type { Element } from "@xmldom/xmldom";
import { assert, assertEquals } from "./_assert.ts";
import { renderWebLayer } from "./render.ts";
import { configureWebSources } from "./services.ts";
import { computeMapSettings } from "../../map/compute.ts";
import { startWebMapServer } from "../../../tests/web_map_server.ts";
import { startBombServer } from "../../../tests/hostile/image_bomb.ts";
import type { RunnerContext } from "../../runners/types.ts";

function context(hosts: string[], log: string[]): RunnerContext {
  return {
    dataRoot: "/nonexistent",
    svgPaths: [],
    remoteHosts: hosts,
    limits: { maxWidth: 4096, maxHeight: 4096, maxLayers: 10 },
    logger: { log: (level, message) => log.push(`${level}: ${message}`) },
  };
}

const map = (
  crs: string,
  bbox: number[],
  width = 400,
  height = 300,
  dpi = 96,
) =>
  computeMapSettings({
    bbox: { x_min: bbox[0], y_min: bbox[1], x_max: bbox[2], y_max: bbox[3] },
    crs,
    width,
    height,
    dpi,
    format: "image/png",
  });

const MERC = [900000, 5900000, 920000, 5915000];
const LV95 = [2640000, 1190000, 2680000, 1220000];

const layer = (source: Record<string, unknown>) => ({
  name: "web",
  source: JSON.stringify(source),
});

function alphaCount(rgba: Uint8Array): number {
  let n = 0;
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] > 0) n++;
  return n;
}

Deno.test("renderWebLayer: XYZ tiles QGIS would fetch, the whole map drawn", async () => {
  const server = await startWebMapServer();
  try {
    const log: string[] = [];
    const img = await renderWebLayer(
      layer({
        type: "xyz",
        url: `${server.url}/xyz/{z}/{x}/{y}.png`,
        zmin: "0",
        zmax: "19",
      }),
      null,
      map("EPSG:3857", MERC),
      context([server.host], log),
    );
    assert(img);
    assertEquals(alphaCount(img.rgba), 400 * 300);
    const tiles = server.requests.map((r) => r.url).sort();
    assertEquals(tiles, [
      "/xyz/12/2139/1443.png",
      "/xyz/12/2139/1444.png",
      "/xyz/12/2140/1443.png",
      "/xyz/12/2140/1444.png",
      "/xyz/12/2141/1443.png",
      "/xyz/12/2141/1444.png",
      "/xyz/12/2142/1443.png",
      "/xyz/12/2142/1444.png",
    ]);
    assertEquals(log, []);
  } finally {
    await server.close();
  }
});

Deno.test("renderWebLayer: a WMS in another CRS is asked for the block QGIS asks for, then warped", async () => {
  const server = await startWebMapServer();
  try {
    const log: string[] = [];
    const img = await renderWebLayer(
      layer({
        crs: "EPSG:3857",
        dpiMode: "7",
        format: "image/png",
        layers: "scene",
        styles: null,
        url: `${server.url}/wms`,
      }),
      null,
      map("EPSG:2056", LV95),
      context([server.host], log),
    );
    assert(img);
    // TRANSPARENT=TRUE: the server leaves its background out
    assert(alphaCount(img.rgba) > 10_000);
    const getMap = server.requests.map((r) => r.url).find((u) =>
      u.includes("GetMap")
    )!;
    // QGIS 3.22 sent WIDTH=365&HEIGHT=280 over
    // 886162.1457710219547,5918059.130142384209,946034.3716803633142,5963877.870151153766
    assert(getMap.includes("&WIDTH=365&HEIGHT=280&"), getMap);
    const bbox = /BBOX=([^&]+)/.exec(getMap)![1].split(",").map(Number);
    const qgis = [
      886162.1457710219547,
      5918059.130142384209,
      946034.3716803633142,
      5963877.870151153766,
    ];
    bbox.forEach((v, i) =>
      assert(Math.abs(v - qgis[i]) < 1e-3, `${v} ≠ ${qgis[i]}`)
    );
  } finally {
    await server.close();
  }
});

Deno.test("renderWebLayer: failed tiles leave transparent holes and one warning", async () => {
  const server = await startWebMapServer();
  try {
    const log: string[] = [];
    const img = await renderWebLayer(
      layer({
        type: "xyz",
        url: `${server.url}/holes/{z}/{x}/{y}.png`,
        zmax: "19",
      }),
      null,
      map("EPSG:3857", MERC),
      context([server.host], log),
    );
    assert(img);
    const drawn = alphaCount(img.rgba);
    assert(drawn > 0 && drawn < 400 * 300, `${drawn} pixels drawn`);
    assertEquals(log.length, 1);
    assert(
      log[0].startsWith("warning: web layer 'web': 4 of 8 tiles failed"),
      log[0],
    );
    assert(log[0].includes("HTTP 500"), log[0]);
  } finally {
    await server.close();
  }
});

Deno.test("renderWebLayer: a service that does not answer ends at the layer's deadline, warned", async () => {
  const server = await startWebMapServer();
  configureWebSources({ layerTimeoutMs: 400 });
  try {
    const log: string[] = [];
    const t0 = performance.now();
    const img = await renderWebLayer(
      layer({
        crs: "EPSG:3857",
        format: "image/png",
        layers: "scene",
        url: `${server.url}/hang/wms`,
      }),
      null,
      map("EPSG:3857", MERC),
      context([server.host], log),
    );
    assertEquals(img, null);
    assert(performance.now() - t0 < 15_000);
    assertEquals(log.length, 1);
    assert(log[0].includes("capabilities could not be read"), log[0]);
    assert(log[0].includes("the job's time is up"), log[0]);
  } finally {
    configureWebSources({});
    await server.close();
  }
});

Deno.test("renderWebLayer: a host off the allow-list is never contacted", async () => {
  const server = await startWebMapServer();
  try {
    const log: string[] = [];
    const img = await renderWebLayer(
      layer({
        type: "xyz",
        url: `${server.url}/xyz/{z}/{x}/{y}.png?key=s3cr3t`,
        zmax: "19",
      }),
      null,
      map("EPSG:3857", MERC),
      context(["tiles.example.org"], log),
    );
    assertEquals(img, null);
    assertEquals(server.requests.length, 0);
    assertEquals(log.length, 1);
    assert(log[0].includes("is not on the worker's allow-list"), log[0]);
    assert(!log[0].includes("s3cr3t"), log[0]);
  } finally {
    await server.close();
  }
});

Deno.test("renderWebLayer: the renderer's opacity and the layer's blend mode", async () => {
  const server = await startWebMapServer();
  try {
    const qml = new DOMParser().parseFromString(
      `<qgis><pipe><rasterrenderer type="singlebandcolordata" opacity="0.5" band="1" alphaBand="-1"/></pipe><blendMode>13</blendMode></qgis>`,
      "text/xml",
    ).documentElement as Element;
    const img = await renderWebLayer(
      layer({
        type: "xyz",
        url: `${server.url}/xyz/{z}/{x}/{y}.png`,
        zmax: "19",
      }),
      qml,
      map("EPSG:3857", MERC),
      context([server.host], []),
    );
    assert(img);
    assertEquals(img.blendMode, 13);
    assertEquals(img.rgba[3], 127);
  } finally {
    await server.close();
  }
});

Deno.test("renderWebLayer: drawn into the map's own pixels when nothing is under it, the same pixels as its own image", async () => {
  const server = await startWebMapServer();
  try {
    const xyz = layer({
      type: "xyz",
      url: `${server.url}/xyz/{z}/{x}/{y}.png`,
      zmax: "19",
    });
    // a warped layer (LV95 map, Web Mercator tiles) and one in its own CRS
    for (const m of [map("EPSG:3857", MERC), map("EPSG:2056", LV95)]) {
      const own = await renderWebLayer(
        xyz,
        null,
        m,
        context([server.host], []),
      );
      assert(own && !own.drawnInto && own.release);
      const expected = own.rgba.slice();
      own.release();
      const pixels = new Uint8Array(m.width * m.height * 4);
      const direct = await renderWebLayer(
        xyz,
        null,
        m,
        context([server.host], []),
        () => pixels,
      );
      assert(direct?.drawnInto && direct.rgba === pixels);
      assertEquals(direct.release, undefined);
      assert(pixels.every((v, i) => v === expected[i]), "same pixels");
      // an image given back is handed out again, transparent: the holes
      // of a layer with failed tiles stay empty
      const holes = await renderWebLayer(
        layer({ type: "xyz", url: `${server.url}/holes/{z}/{x}/{y}.png` }),
        null,
        m,
        context([server.host], []),
      );
      assert(holes && holes.rgba.buffer === own.rgba.buffer, "reused");
      const drawn = alphaCount(holes.rgba);
      assert(drawn > 0 && drawn < m.width * m.height, `${drawn} drawn`);
      holes.release?.();
    }
    // a blend mode that is not the image itself over transparency (QGIS's
    // 15+, e.g. 17 destination-in) is never drawn into the map
    const qml = new DOMParser().parseFromString(
      `<qgis><pipe><rasterrenderer type="singlebandcolordata" opacity="1" band="1" alphaBand="-1"/></pipe><blendMode>17</blendMode></qgis>`,
      "text/xml",
    ).documentElement as Element;
    const m = map("EPSG:3857", MERC);
    const pixels = new Uint8Array(m.width * m.height * 4);
    const img = await renderWebLayer(
      xyz,
      qml,
      m,
      context([server.host], []),
      () => pixels,
    );
    assert(img && !img.drawnInto && img.rgba !== pixels);
    assertEquals(alphaCount(pixels), 0);
    img.release?.();
  } finally {
    await server.close();
  }
});

Deno.test("renderWebLayer: a tile declaring 16000 × 16000 pixels is refused from its header, a hole and a warning", async () => {
  const bombs = startBombServer();
  try {
    const log: string[] = [];
    const rss0 = Deno.memoryUsage().rss;
    const t0 = performance.now();
    const img = await renderWebLayer(
      layer({ type: "xyz", url: `${bombs.url}/xyz/{z}/{x}/{y}.png` }),
      null,
      map("EPSG:3857", MERC),
      context([bombs.host], log),
    );
    const ms = performance.now() - t0;
    assert(img);
    // the 4 ordinary tiles drawn, the 4 bombs' places transparent
    const drawn = alphaCount(img.rgba);
    assert(drawn > 0 && drawn < 400 * 300, `${drawn} pixels drawn`);
    assertEquals(bombs.requests.length, 8);
    assertEquals(log.length, 1);
    assert(
      log[0].startsWith("warning: web layer 'web': 4 of 8 tiles failed"),
      log[0],
    );
    assert(
      log[0].includes(
        ": PNG of 16000×16000 pixels, more than the 4194304 allowed",
      ),
      log[0],
    );
    // decoded, the four took 1.4 s and 256 MB each in Skia, then 20 s and
    // a gigabyte as RGBA: the RSS below tells (work not done); the time is
    // a bound on a hang only, 30 s (was 3 s) for a loaded machine (load 25)
    assert(ms < 30_000, `${ms} ms`);
    const grown = (Deno.memoryUsage().rss - rss0) / 1e6;
    assert(grown < 200, `RSS grew by ${grown} MB`);
  } finally {
    await bombs.close();
  }
});

Deno.test("renderWebLayer: the worker's maxImagePixels bounds tiles (never below the tile size asked for)", async () => {
  // bombs of 3000 × 3000: refused by default, drawn with a bound of 10M
  const bombs = startBombServer(undefined, 3000);
  try {
    const log: string[] = [];
    const xyz = layer({ type: "xyz", url: `${bombs.url}/xyz/{z}/{x}/{y}.png` });
    let img = await renderWebLayer(
      xyz,
      null,
      map("EPSG:3857", MERC),
      context([bombs.host], log),
    );
    assert(img && alphaCount(img.rgba) < 400 * 300);
    assert(
      log[0]?.includes(
        "PNG of 3000×3000 pixels, more than the 4194304 allowed",
      ),
      log[0],
    );
    configureWebSources({ maxImagePixels: 10_000_000 });
    img = await renderWebLayer(
      xyz,
      null,
      map("EPSG:3857", MERC),
      context([bombs.host], log),
    );
    assert(img);
    assertEquals(alphaCount(img.rgba), 400 * 300);
    assertEquals(log.length, 1);
    // a bound below 256 × 256 still lets the 256 px tiles the layer asks for
    configureWebSources({ maxImagePixels: 64 * 64 });
    img = await renderWebLayer(
      xyz,
      null,
      map("EPSG:3857", MERC),
      context([bombs.host], log),
    );
    assert(img && alphaCount(img.rgba) < 400 * 300);
    assertEquals(log.length, 2);
    assert(log[1].includes("4 of 8 tiles failed"), log[1]);
    assert(
      log[1].includes("PNG of 3000×3000 pixels, more than the 65536 allowed"),
      log[1],
    );
  } finally {
    configureWebSources({});
    await bombs.close();
  }
});

Deno.test("renderWebLayer: a GetMap answer declaring 16000 × 16000 pixels leaves the layer empty with a warning", async () => {
  const upstream = await startWebMapServer();
  const bombs = startBombServer(upstream.url);
  try {
    const log: string[] = [];
    const t0 = performance.now();
    const img = await renderWebLayer(
      layer({
        crs: "EPSG:3857",
        format: "image/png",
        layers: "scene",
        url: `${bombs.url}/wms`,
      }),
      null,
      map("EPSG:3857", MERC),
      context([bombs.host], log),
    );
    assertEquals(img, null);
    assert(bombs.requests.some((r) => r.includes("GetMap")));
    assertEquals(log, [
      "warning: web layer 'web': the GetMap answer is refused: PNG of 16000×16000 pixels, more than the 4194304 allowed",
    ]);
    assert(performance.now() - t0 < 15_000);
  } finally {
    await bombs.close();
    await upstream.close();
  }
});
