import { assert, assertEquals } from "../_assert.ts";
import { streamVectorLayer } from "./read.ts";
import { clearWholeLayers, wholeLayerStats } from "./_layer_cache.ts";
import { withGdal } from "../../gdal/gdal.ts";
import type { Feature, Rect } from "../../geometry/types.ts";
import { REFERENCE_DIR } from "../../../tests/reference.ts";

const HERE = new URL("../../../", import.meta.url).pathname;
const CRS_2056 = {
  type: "name",
  properties: { name: "urn:ogc:def:crs:EPSG::2056" },
};

function feature(properties: unknown, geometry: unknown) {
  return { type: "Feature", properties, geometry };
}

function ring(x: number, y: number, w: number, h: number): number[][] {
  return [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]];
}

/**
 * Shapes whose boxes meet views their geometry misses: L-shaped polygons,
 * diagonals, multi-parts, a polygon with a hole a view can sit in, a
 * feature without geometry.
 */
function shapes(): unknown {
  const features = [];
  for (let i = 0; i < 48; i++) {
    const x = 2600000 + (i % 8) * 1000, y = 1200000 + Math.floor(i / 8) * 1000;
    const kind = i % 7;
    const geometry = kind === 0
      ? { type: "Point", coordinates: [x, y] }
      : kind === 1
      ? { type: "LineString", coordinates: [[x, y], [x + 900, y + 900]] }
      : kind === 2
      ? {
        type: "Polygon",
        coordinates: [[
          [x, y],
          [x + 900, y],
          [x + 900, y + 100],
          [x + 100, y + 100],
          [x + 100, y + 900],
          [x, y + 900],
          [x, y],
        ]],
      }
      : kind === 3
      ? {
        type: "MultiPolygon",
        coordinates: [
          [ring(x, y, 100, 100)],
          [ring(x + 800, y + 800, 100, 100)],
        ],
      }
      : kind === 4
      ? {
        type: "MultiLineString",
        coordinates: [[[x, y], [x + 100, y]], [[x + 800, y + 900], [
          x + 900,
          y + 800,
        ]]],
      }
      : kind === 5 // a frame: its hole holds views that touch nothing
      ? {
        type: "Polygon",
        coordinates: [ring(x, y, 900, 900), ring(x + 100, y + 100, 700, 700)],
      }
      : { type: "MultiPoint", coordinates: [[x, y], [x + 900, y + 900]] };
    features.push(
      feature({ n: i, name: `s${i}` }, i === 13 ? null : geometry),
    );
  }
  return { type: "FeatureCollection", crs: CRS_2056, features };
}

/**
 * Closed but invalid polygons GEOS still tests (no exception): bowties, a
 * hole outside its shell, repeated points, overlapping parts, no area, a
 * hole touching its shell. Kinds change every 7 features, so the views near
 * vertices (every 7th feature) meet each.
 */
function invalid(): unknown {
  const features = [];
  for (let i = 0; i < 49; i++) {
    const x = 2600000 + (i % 7) * 1000, y = 1200000 + Math.floor(i / 7) * 1000;
    const kind = Math.floor(i / 7) % 7;
    const coordinates = kind === 0 // a bowtie
      ? [[[x, y], [x + 900, y + 900], [x + 900, y], [x, y + 900], [x, y]]]
      : kind === 1 // a hole outside its shell
      ? [ring(x, y, 400, 400), ring(x + 500, y + 500, 300, 300)]
      : kind === 2 // repeated points
      ? [[[x, y], [x, y], [x + 900, y], [x + 900, y], [x + 900, y + 900], [
        x,
        y + 900,
      ], [x, y]]]
      : kind === 3 // no area
      ? [[[x, y], [x + 450, y + 450], [x + 900, y + 900], [x, y]]]
      : kind === 4 // a hole touching its shell
      ? [ring(x, y, 900, 900), [
        [x, y],
        [x + 500, y + 100],
        [x + 100, y + 500],
        [
          x,
          y,
        ],
      ]]
      : kind === 5 // a figure eight through one vertex
      ? [[
        [x, y],
        [x + 450, y + 450],
        [x + 900, y],
        [x + 900, y + 900],
        [
          x + 450,
          y + 450,
        ],
        [x, y + 900],
        [x, y],
      ]]
      : null;
    const geometry = kind === 6 // overlapping parts
      ? {
        type: "MultiPolygon",
        coordinates: [[ring(x, y, 600, 600)], [
          ring(x + 300, y + 300, 600, 600),
        ]],
      }
      : { type: "Polygon", coordinates };
    features.push(feature({ n: i, name: `v${i}` }, geometry));
  }
  return { type: "FeatureCollection", crs: CRS_2056, features };
}

/** Geometries the kept read refuses (GDAL filters them): open ring, collection. */
function refused(): unknown {
  return {
    type: "FeatureCollection",
    crs: CRS_2056,
    features: [
      feature({ n: 1 }, {
        type: "Polygon",
        coordinates: [[[2600000, 1200000], [2601000, 1200000], [
          2601000,
          1201000,
        ]]],
      }),
      feature({ n: 2 }, {
        type: "GeometryCollection",
        geometries: [
          { type: "Point", coordinates: [2602000, 1200000] },
          {
            type: "LineString",
            coordinates: [[2602000, 1200000], [
              2603000,
              1201000,
            ]],
          },
        ],
      }),
      feature({ n: 3 }, { type: "Point", coordinates: [2600500, 1200500] }),
    ],
  };
}

/** Every layer of a GeoPackage written as GeoJSON by GDAL. */
async function gpkgAsGeoJson(
  gpkg: Uint8Array,
  dir: string,
  prefix: string,
): Promise<string[]> {
  const name = `${dir}/${prefix}.gpkg.tmp`;
  await Deno.writeFile(name, gpkg);
  const files = await withGdal(async (gdal) => {
    const opened = await gdal.open(name);
    const ds = opened.datasets[0];
    const written: { name: string; bytes: Uint8Array }[] = [];
    try {
      const info = await gdal.getInfo(ds);
      for (const layer of info.layers as { name: string }[]) {
        const out = await gdal.ogr2ogr(
          ds,
          ["-f", "GeoJSON", "-sql", `SELECT * FROM "${layer.name}"`],
          `${prefix}_${layer.name}`,
        );
        for (const f of out.all) {
          written.push({
            name: `${prefix}_${layer.name}.geojson`,
            bytes: gdal.Module.FS.readFile(f.local),
          });
          gdal.Module.FS.unlink(f.local);
        }
      }
    } finally {
      await gdal.close(ds);
    }
    return written;
  });
  await Deno.remove(name);
  for (const f of files) await Deno.writeFile(`${dir}/${f.name}`, f.bytes);
  return files.map((f) => f.name);
}

function gitShow(repo: string, path: string): Uint8Array | null {
  try {
    const out = new Deno.Command("git", {
      args: ["--git-dir", repo, "show", `HEAD:${path}`],
      stdout: "piped",
      stderr: "null",
    }).outputSync();
    return out.success ? out.stdout : null;
  } catch {
    return null;
  }
}

/** The repository's GeoJSON files, made shapes and real GeoPackages as GeoJSON. */
async function corpus(root: string): Promise<string[]> {
  const names: string[] = [];
  const walk = (dir: string) => {
    for (const e of Deno.readDirSync(`${HERE}${dir}`)) {
      const path = dir === "" ? e.name : `${dir}/${e.name}`;
      if (e.isDirectory && !/^(node_modules|\.git|dist|out)$/.test(e.name)) {
        walk(path);
      } else if (e.isFile && e.name.endsWith(".geojson")) {
        const name = path.replaceAll("/", "_");
        Deno.copyFileSync(`${HERE}${path}`, `${root}/${name}`);
        names.push(name);
      }
    }
  };
  walk("");
  await Deno.writeTextFile(`${root}/shapes.geojson`, JSON.stringify(shapes()));
  await Deno.writeTextFile(
    `${root}/refused.geojson`,
    JSON.stringify(refused()),
  );
  await Deno.writeTextFile(
    `${root}/invalid.geojson`,
    JSON.stringify(invalid()),
  );
  names.push("shapes.geojson", "refused.geojson", "invalid.geojson");
  const gpkgs: [string, Uint8Array | null][] = [
    [
      "training",
      gitShow(
        "/work/.mirror/qgis+QGIS-Training-Data/repo",
        "exercise_data/training_data.gpkg",
      ),
    ],
  ];
  if (REFERENCE_DIR) {
    gpkgs.push([
      "demo",
      Deno.readFileSync(`${REFERENCE_DIR}/demo/data/demo.gpkg`),
    ]);
    gpkgs.push([
      "placenames",
      Deno.readFileSync(`${REFERENCE_DIR}/upstream/data/placenames.gpkg`),
    ]);
  }
  for (const [prefix, bytes] of gpkgs) {
    if (bytes) names.push(...await gpkgAsGeoJson(bytes, root, prefix));
  }
  return names;
}

async function collect(
  set: { batches: AsyncIterable<Feature[]> },
): Promise<Feature[]> {
  const all: Feature[] = [];
  for await (const batch of set.batches) all.push(...batch);
  return all;
}

function extentOf(features: Feature[]): Rect | null {
  let xmin = Infinity, ymin = Infinity, xmax = -Infinity, ymax = -Infinity;
  for (const f of features) {
    for (const part of f.geometry!.parts) {
      for (const xy of part) {
        for (let i = 0; i < xy.length; i += 2) {
          xmin = Math.min(xmin, xy[i]);
          xmax = Math.max(xmax, xy[i]);
          ymin = Math.min(ymin, xy[i + 1]);
          ymax = Math.max(ymax, xy[i + 1]);
        }
      }
    }
  }
  return xmin <= xmax ? { xmin, ymin, xmax, ymax } : null;
}

/** Views over a layer: around it, a grid of cells, small boxes near vertices. */
function views(features: Feature[], near: number): Rect[] {
  const e = extentOf(features);
  if (e === null) return [{ xmin: -1e6, ymin: -1e6, xmax: 1e6, ymax: 1e6 }];
  const w = e.xmax - e.xmin || 1000, h = e.ymax - e.ymin || 1000;
  const out: Rect[] = [
    { xmin: e.xmin - w, ymin: e.ymin - h, xmax: e.xmax + w, ymax: e.ymax + h },
  ];
  for (let j = 0; j < 3; j++) {
    for (let i = 0; i < 3; i++) {
      out.push({
        xmin: e.xmin + (w * i) / 3.2,
        ymin: e.ymin + (h * j) / 3.2,
        xmax: e.xmin + (w * (i + 1.2)) / 3.2,
        ymax: e.ymin + (h * (j + 1.1)) / 3.2,
      });
    }
  }
  const d = Math.max(w, h);
  for (const f of features.filter((_, i) => i % 7 === 1).slice(0, near)) {
    const xy = f.geometry!.parts[0][0];
    for (const [dx, dy] of [[0.003, 0.003], [0.06, 0.03], [0.02, -0.05]]) {
      const x = xy[0] + dx * d, y = xy[1] + dy * d, r = 0.004 * d;
      out.push({ xmin: x - r, ymin: y - r, xmax: x + r, ymax: y + r });
    }
  }
  return out;
}

Deno.test("small GeoJSON layers read whole once give exactly GDAL's spatially filtered reads", async () => {
  const root = await Deno.makeTempDir({ prefix: "qsl_geojson_whole_" });
  const ctx = { dataRoot: root, remoteHosts: [] };
  clearWholeLayers();
  const before = { ...wholeLayerStats };
  let compared = 0, features = 0;
  try {
    const names = await corpus(root);
    assert(names.length >= 20, `corpus of ${names.length} files`);
    for (const path of names) {
      const layer = {
        id: path,
        name: path,
        source: JSON.stringify({ path }),
        remote: false,
        folder_name: "",
        driver: "ogr",
      };
      // the large real layers in one CRS (GDAL's reads take the time)
      const big = /^training_(buildings|roads)/.test(path);
      const crsList = big
        ? ["EPSG:3857"]
        : ["EPSG:3857", "EPSG:2056", "EPSG:4326"];
      for (const crs of crsList) {
        const world = crs === "EPSG:4326"
          ? { xmin: -90, ymin: -180, xmax: 90, ymax: 180 }
          : crs === "EPSG:2056"
          ? { xmin: 2300000, ymin: 1000000, xmax: 3000000, ymax: 1400000 }
          : { xmin: -2e7, ymin: -2e7, xmax: 2e7, ymax: 2e7 };
        const all = await collect(
          await streamVectorLayer(layer, {
            bbox: world,
            crs,
            direct: false,
          }, ctx),
        );
        for (const bbox of views(all, big ? 3 : 6)) {
          const queries = [
            { bbox, crs },
            { bbox, crs, fields: ["name", "n", "id"] },
            { bbox, crs, where: `"n" > 3 OR "n" IS NULL` },
          ];
          for (const q of queries) {
            let slow;
            try {
              slow = await streamVectorLayer(
                layer,
                { ...q, direct: false },
                ctx,
              );
            } catch (error) {
              // a field this file lacks: both routes refuse the same way
              let fastError: unknown = null;
              try {
                await collect(await streamVectorLayer(layer, q, ctx));
              } catch (e) {
                fastError = e;
              }
              assertEquals(
                (fastError as Error)?.message,
                (error as Error).message,
                `${path} ${crs} ${JSON.stringify(q)}: the same error`,
              );
              continue;
            }
            const fast = await streamVectorLayer(layer, q, ctx);
            const slowFeatures = await collect(slow);
            const fastFeatures = await collect(fast);
            const at = `${path} ${crs} ${JSON.stringify(q)}`;
            assertEquals(fast.fields, slow.fields, `${at} fields`);
            assertEquals(fast.geometryKind, slow.geometryKind, `${at} kind`);
            assertEquals(fastFeatures, slowFeatures, `${at} features`);
            compared++;
            features += slowFeatures.length;
          }
        }
      }
    }
    const reads = wholeLayerStats.reads - before.reads;
    const hits = wholeLayerStats.hits - before.hits;
    const refusals = wholeLayerStats.refused - before.refused;
    console.log(
      `${names.length} files, ${compared} reads compared (${features} features); whole reads ${reads}, kept reads used ${hits}, refused ${refusals}`,
    );
    assert(hits > compared / 2, "the kept reads answered most reads");
    assert(refusals >= 3, "the open ring and the collection went through GDAL");
  } finally {
    clearWholeLayers();
    await Deno.remove(root, { recursive: true });
  }
});
