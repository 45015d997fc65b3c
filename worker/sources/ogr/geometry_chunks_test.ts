import { assert, assertEquals } from "../_assert.ts";
import { streamVectorLayer } from "./read.ts";
import { gpkgStats } from "./_gpkg.ts";
import { convertGeoJson } from "../_test_util.ts";
import type { Feature } from "../../geometry/types.ts";

const crs = {
  type: "name",
  properties: { name: "urn:ogc:def:crs:EPSG::2056" },
};

type Geo = Record<string, unknown> | null;

/**
 * 20 × 20 cells of each kind, with FIDs of their own (gaps), NULL
 * geometries, Z, holes, multi-parts and a few features of another kind.
 */
function cells(kind: "points" | "lines" | "polygons" | "plain"): unknown[] {
  const features = [];
  for (let j = 0; j < 20; j++) {
    for (let i = 0; i < 20; i++) {
      const n = j * 20 + i;
      const x = 2600000 + i * 100, y = 1200000 + j * 100;
      let geometry: Geo;
      if (kind === "plain") {
        // all alike: chunks of blobs of one length
        features.push({
          type: "Feature",
          id: 3 * n + (n % 4),
          properties: { n },
          geometry: { type: "Point", coordinates: [x + 50, y + 50] },
        });
        continue;
      } else if (kind === "points") {
        geometry = n % 7 === 0
          ? {
            type: "MultiPoint",
            coordinates: [[x + 10, y + 10], [x + 60, y + 70]],
          }
          : {
            type: "Point",
            coordinates: n % 5 === 0
              ? [x + 50, y + 50, n]
              : [x + 50.25, y + 49.75],
          };
      } else if (kind === "lines") {
        geometry = n % 7 === 0
          ? {
            type: "MultiLineString",
            coordinates: [[[x, y], [x + 40, y + 40]], [[x + 60, y + 60], [
              x + 90,
              y + 95,
            ]]],
          }
          : {
            type: "LineString",
            coordinates: n % 5 === 0
              ? [[x + 20, y + 20, 1], [x + 80, y + 80, 2]]
              : [[x + 20, y + 20], [x + 50, y + 30], [x + 80, y + 80]],
          };
      } else {
        const ring = (
          a: number,
          b: number,
        ) => [[x + a, y + a], [x + b, y + a], [x + b, y + b], [x + a, y + b], [
          x + a,
          y + a,
        ]];
        geometry = n % 7 === 0
          ? {
            type: "MultiPolygon",
            coordinates: [[ring(10, 40)], [ring(60, 90)]],
          }
          : n % 5 === 0
          ? { type: "Polygon", coordinates: [ring(5, 95), ring(30, 60)] }
          : { type: "Polygon", coordinates: [ring(25, 75 + (n % 3))] };
      }
      if (n % 11 === 0) geometry = null;
      features.push({
        type: "Feature",
        id: 3 * n + (n % 4),
        properties: { n },
        geometry,
      });
    }
  }
  return features;
}

async function root(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "qsl_chunks_" });
  await Deno.mkdir(`${dir}/data`);
  for (const kind of ["points", "lines", "polygons", "plain"] as const) {
    await convertGeoJson(
      `${dir}/data`,
      kind,
      { type: "FeatureCollection", crs, features: cells(kind) },
      "GPKG",
      [
        "-nln",
        kind,
        "-preserve_fid",
        "-nlt",
        {
          points: "POINT",
          lines: "LINESTRING",
          polygons: "POLYGON",
          plain: "POINT",
        }[kind],
      ],
    );
  }
  return dir;
}

function layerOf(kind: string) {
  return {
    id: kind,
    name: kind,
    source: JSON.stringify({ path: `${kind}.gpkg`, layerName: kind }),
    remote: false,
    folder_name: "data",
    driver: "ogr",
  };
}

/** A copy of what a batch held (its features may be reused after). */
function copy(f: Feature): unknown {
  return {
    id: f.id,
    attributes: { ...f.attributes },
    kind: f.geometry?.kind,
    parts: f.geometry?.parts.map((p) => p.map((r) => [...r])),
  };
}

Deno.test("streamVectorLayer: geometries without fields read a chunk of rows at a time give GDAL's features, ids and order, reused or not", async () => {
  const dataRoot = await root();
  const ctx = { dataRoot, remoteHosts: [] };
  try {
    const views = [
      // the whole layer (no spatial filter), a part of it through the
      // R-tree: one read, and in FID ranges of 60 ids (batch size 60)
      { xmin: 2590000, ymin: 1190000, xmax: 2610000, ymax: 1210000 },
      { xmin: 2600120, ymin: 1200130, xmax: 2601230, ymax: 1201170 },
    ];
    for (const kind of ["points", "lines", "polygons", "plain"]) {
      for (const bbox of views) {
        for (const batchSize of [50_000, 60]) {
          const read = async (direct: boolean, transient: boolean) => {
            const stream = await streamVectorLayer(
              layerOf(kind),
              { crs: "EPSG:2056", bbox, fields: [], direct, transient },
              ctx,
              batchSize,
            );
            const out: unknown[] = [];
            let held: Feature[] = [];
            for await (const batch of stream.batches) {
              held = batch;
              for (const f of batch) out.push(copy(f));
            }
            return {
              out,
              held,
              fields: stream.fields,
              kind: stream.geometryKind,
            };
          };
          const what = `${kind} ${
            JSON.stringify(bbox)
          } batches of ${batchSize}`;
          const gdal = await read(false, false);
          assert(gdal.out.length > 20, `${what}: ${gdal.out.length} features`);
          const before = gpkgStats.chunked;
          const fresh = await read(true, false);
          // a part of the layer in one read is in the R-tree's order: rows
          const chunked = bbox === views[0] || batchSize === 60;
          assertEquals(
            gpkgStats.chunked > before,
            chunked,
            `${what}: read in chunks`,
          );
          assertEquals(fresh.out, gdal.out, `${what}: as GDAL reads them`);
          assertEquals([fresh.fields, fresh.kind], [gdal.fields, gdal.kind]);
          const reused = await read(true, true);
          assertEquals(reused.out, gdal.out, `${what}: reused features`);
        }
      }
    }
  } finally {
    await Deno.remove(dataRoot, { recursive: true });
  }
});

Deno.test("streamVectorLayer: with fields asked the direct path reads rows, not chunks of geometries", async () => {
  const dataRoot = await root();
  const ctx = { dataRoot, remoteHosts: [] };
  try {
    const before = gpkgStats.chunked;
    const reads = gpkgStats.reads;
    const stream = await streamVectorLayer(layerOf("points"), {
      crs: "EPSG:2056",
      bbox: { xmin: 2590000, ymin: 1190000, xmax: 2610000, ymax: 1210000 },
      fields: ["n"],
    }, ctx);
    let n = 0;
    for await (const batch of stream.batches) n += batch.length;
    assertEquals(n, 400 - 37, "features with a geometry");
    assert(gpkgStats.reads > reads, "read directly");
    assertEquals(gpkgStats.chunked, before, "as rows");
  } finally {
    await Deno.remove(dataRoot, { recursive: true });
  }
});
