import { assert, assertEquals, assertThrows } from "./_assert.ts";
import {
  openSource,
  openVectorSource,
  sourceKind,
  supportedProviders,
} from "./registry.ts";
import { JobError } from "../runners/types.ts";

const ctx = { dataRoot: "/nonexistent", remoteHosts: [] };
const layer = (driver: string | null) => ({
  id: "l1",
  name: "roads",
  source: '{"path": "roads.gpkg"}',
  driver,
});

Deno.test("registry: dispatches on the provider key, QGIS's 'ogr' when absent, case-insensitive", () => {
  assertEquals(supportedProviders(), [
    "delimitedtext",
    "gdal",
    "gpx",
    "mbtilesvectortiles",
    "ogr",
    "postgres",
    "spatialite",
    "wms",
    "xyzvectortiles",
  ]);
  assertEquals(openSource(layer("ogr"), ctx).kind, "vector");
  assertEquals(openSource(layer("OGR"), ctx).provider, "ogr");
  assertEquals(openSource(layer(null), ctx).provider, "ogr");
  assertEquals(openSource(layer("gdal"), ctx).kind, "raster");
  assertEquals(sourceKind(layer("gdal")), "raster");
  // web maps: a raster source that draws whole maps itself
  assertEquals(sourceKind(layer("wms")), "raster");
  assertEquals(typeof openSource(layer("WMS"), ctx).drawMap, "function");
  assertEquals(sourceKind(layer("wfs")), null);
  // vector tiles: tiles the vector tile renderer draws
  assertEquals(sourceKind(layer("xyzvectortiles")), "vectortile");
  assertEquals(openSource(layer("MBTilesVectorTiles"), ctx).kind, "vectortile");
});

Deno.test("registry: an unknown provider fails naming the layer, the key and what is supported", () => {
  const unknown = assertThrows(() => openSource(layer("WFS"), ctx), JobError);
  assertEquals(
    unknown.message,
    "Cannot open layer 'roads': provider 'wfs' is not supported (supported: delimitedtext, gdal, gpx, mbtilesvectortiles, ogr, postgres, spatialite, wms, xyzvectortiles)",
  );
  const raster = assertThrows(
    () => openVectorSource(layer("gdal"), ctx, "query"),
    JobError,
  );
  assertEquals(
    raster.message,
    "Cannot query layer 'roads': provider 'gdal' is not a vector source (vector providers: delimitedtext, gpx, ogr, postgres, spatialite)",
  );
});

Deno.test("registry: opening a source reads nothing; the read fails with a job error", async () => {
  const source = openVectorSource(layer("ogr"), ctx, "query");
  let error: unknown;
  try {
    await source.page({ startIndex: 0, count: 1 });
  } catch (e) {
    error = e;
  }
  assert(error instanceof JobError, String(error));
  assert(/Cannot open layer 'roads'/.test((error as Error).message));
});
