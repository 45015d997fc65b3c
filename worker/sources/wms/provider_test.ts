import { assert, assertEquals } from "./_assert.ts";
import { wmsProvider } from "./provider.ts";
import { configureWebSources } from "./services.ts";
import { computeMapSettings } from "../../map/compute.ts";
import { startWebMapServer } from "../../../tests/web_map_server.ts";
import type { SourceLayer } from "../source.ts";

const MAP = computeMapSettings({
  bbox: { x_min: 900000, y_min: 5900000, x_max: 920000, y_max: 5915000 },
  crs: "EPSG:3857",
  width: 400,
  height: 300,
  dpi: 96,
  format: "image/png",
});

const INFO = {
  point: [910000, 5907000] as [number, number],
  extent: MAP.extent,
  crs: "EPSG:3857",
  width: 400,
  height: 300,
  featureCount: 0,
};

function wms(url: string, extra: Record<string, string> = {}): SourceLayer {
  return {
    id: "w",
    name: "web",
    driver: "wms",
    remote: true,
    source: JSON.stringify({
      crs: "EPSG:3857",
      format: "image/png",
      layers: "scene",
      styles: "",
      url,
      ...extra,
    }),
  };
}

function open(layer: SourceLayer, hosts: string[], log: string[]) {
  return wmsProvider.open(layer, {
    dataRoot: "/nonexistent",
    remoteHosts: hosts,
    logger: { log: (level, message) => log.push(`${level}: ${message}`) },
  });
}

Deno.test("wms provider: legend and feature info never contact a host off the allow-list", async () => {
  const server = await startWebMapServer();
  try {
    const log: string[] = [];
    const source = open(wms(`${server.url}/wms`), ["tiles.example.org"], log);
    assertEquals(await source.legendGraphic!({ scale: null }), null);
    assertEquals(await source.featureInfo!(INFO), { features: [] });
    assertEquals(await source.drawMap!({ map: MAP, style: null }), null);
    assertEquals(server.requests.length, 0);
    assertEquals(log.length, 3, log.join("\n"));
    for (const line of log) {
      assert(line.startsWith("warning: "), line);
      assert(line.includes("is not on the worker's allow-list"), line);
    }
  } finally {
    await server.close();
  }
});

Deno.test("wms provider: a service that does not answer ends legend and feature info at the layer's deadline", async () => {
  const server = await startWebMapServer();
  configureWebSources({ layerTimeoutMs: 400 });
  try {
    const log: string[] = [];
    const source = open(wms(`${server.url}/hang/wms`), [server.host], log);
    const t0 = performance.now();
    assertEquals(await source.legendGraphic!({ scale: null }), null);
    assertEquals(await source.featureInfo!(INFO), { features: [] });
    assert(performance.now() - t0 < 15_000, `${performance.now() - t0} ms`);
    assertEquals(log.length, 2, log.join("\n"));
    for (const line of log) assert(line.includes("time is up"), line);
  } finally {
    configureWebSources({});
    await server.close();
  }
});

Deno.test("wms provider: credentials never reach the job's log", async () => {
  const server = await startWebMapServer();
  try {
    const secrets = ["s3cr3t-pw", "t0ken-s3cr3t", btoa("user:s3cr3t-pw")];
    const log: string[] = [];
    // a wrong password (401), a token in the query, credentials in the URL
    const layers = [
      wms(`${server.url}/auth/wms?map=t0ken-s3cr3t`, {
        username: "user",
        password: "s3cr3t-pw",
      }),
      wms(`${server.url}/fail/500/wms?token=t0ken-s3cr3t`),
      wms(
        `http://user:s3cr3t-pw@${server.host}/fail/403/wms?key=t0ken-s3cr3t`,
      ),
    ];
    for (const layer of layers) {
      const source = open(layer, [server.host], log);
      await source.legendGraphic!({ scale: null });
      await source.featureInfo!(INFO);
      await source.drawMap!({ map: MAP, style: null });
    }
    assertEquals(log.length, 9, log.join("\n"));
    for (const line of log) {
      for (const secret of secrets) {
        assert(!line.includes(secret), `${secret} in: ${line}`);
      }
    }
    // the credentials were sent, to the service only
    assert(
      server.requests.some((r) =>
        r.headers.authorization === `Basic ${btoa("user:s3cr3t-pw")}`
      ),
    );
  } finally {
    await server.close();
  }
});
