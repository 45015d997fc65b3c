import { assert, assertEquals } from "../_assert.ts";
import { DatabaseSync } from "node:sqlite";
import { readVectorPage, streamVectorLayer } from "./read.ts";
import { gpkgStats, gpkgWkb, parseGpkgGeometry } from "./_gpkg.ts";
import { clearDirectPages, directPageStats } from "./_direct_pages.ts";
import { toWkb } from "./_wkb.ts";
import { convertGeoJson, sampleCollection } from "../_test_util.ts";
import type { Feature, Rect } from "../../geometry/types.ts";
import { REFERENCE_DIR } from "../../../tests/reference.ts";

const crs = {
  type: "name",
  properties: { name: "urn:ogc:def:crs:EPSG::2056" },
};

function feature(properties: unknown, geometry: unknown) {
  return { type: "Feature", properties, geometry };
}

/** Shapes whose boxes meet a view their geometry misses, and every value type. */
function shapes(): unknown {
  const features = [];
  for (let i = 0; i < 40; i++) {
    const x = 2600000 + (i % 8) * 1000, y = 1200000 + Math.floor(i / 8) * 1000;
    const props = {
      name: i % 5 === 0 ? null : `n${i}`,
      n: i % 7 === 0 ? null : i * 3 - 40,
      big: i * 1e12,
      r: i % 6 === 0 ? null : i / 7,
      ok: i % 4 === 0 ? null : i % 2 === 0,
      day: i % 3 === 0 ? null : `2024-0${1 + (i % 9)}-1${i % 10}`,
      at: i % 3 === 1 ? null : `2024-03-05T1${i % 10}:20:3${i % 10}Z`,
    };
    const kind = i % 6;
    const geometry = kind === 0
      ? { type: "Point", coordinates: [x, y] }
      : kind === 1 // a diagonal line
      ? { type: "LineString", coordinates: [[x, y], [x + 900, y + 900]] }
      : kind === 2 // an L: its box covers the empty corner
      ? {
        type: "Polygon",
        coordinates: [[
          [x, y],
          [x + 900, y],
          [x + 900, y + 100],
          [
            x + 100,
            y + 100,
          ],
          [x + 100, y + 900],
          [x, y + 900],
          [x, y],
        ]],
      }
      : kind === 3
      ? {
        type: "MultiPolygon",
        coordinates: [
          [[[x, y], [x + 100, y], [x + 100, y + 100], [x, y]]],
          [[[x + 800, y + 800], [x + 900, y + 800], [x + 900, y + 900], [
            x + 800,
            y + 800,
          ]], [[x + 820, y + 810], [x + 880, y + 810], [x + 880, y + 820], [
            x + 820,
            y + 810,
          ]]],
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
      : { type: "MultiPoint", coordinates: [[x, y], [x + 900, y + 900]] };
    features.push(feature(props, i === 13 ? null : geometry));
  }
  return { type: "FeatureCollection", crs, features };
}

function zPoints(): unknown {
  const features = [];
  for (let i = 0; i < 20; i++) {
    features.push(
      feature({ k: i }, {
        type: "Point",
        coordinates: [2600000 + i * 100, 1200000 + i * 50, 400 + i],
      }),
    );
  }
  return { type: "FeatureCollection", crs, features };
}

function grid(): unknown {
  const features = [];
  for (let j = 0; j < 30; j++) {
    for (let i = 0; i < 30; i++) {
      features.push(
        feature({ n: j * 30 + i }, {
          type: "Point",
          coordinates: [2600050 + i * 100, 1200050 + j * 100],
        }),
      );
    }
  }
  return { type: "FeatureCollection", crs, features };
}

interface Case {
  root: string;
  folder: string;
  path: string;
}

/** Every GeoPackage the tests use, copied below one temporary data root. */
async function corpus(): Promise<{ root: string; cases: Case[] }> {
  const root = await Deno.makeTempDir({ prefix: "qsl_gpkg_direct_" });
  const d = `${root}/made`;
  await Deno.mkdir(d);
  await convertGeoJson(d, "sample", sampleCollection(), "GPKG", [
    "-nln",
    "sample",
  ]);
  await convertGeoJson(d, "shapes", shapes(), "GPKG", ["-nln", "shapes"]);
  await convertGeoJson(d, "z", zPoints(), "GPKG", ["-nln", "z"]);
  await convertGeoJson(d, "grid", grid(), "GPKG", ["-nln", "grid"]);
  const cases: Case[] = ["sample", "shapes", "z", "grid"].map((n) => ({
    root,
    folder: "made",
    path: `${n}.gpkg`,
  }));
  const copy = async (from: string, name: string) => {
    await Deno.mkdir(`${root}/copied`, { recursive: true });
    await Deno.copyFile(from, `${root}/copied/${name}`);
    cases.push({ root, folder: "copied", path: name });
  };
  const here = new URL("../../../", import.meta.url).pathname;
  await copy(`${here}tests/parity/real/legend_info/own/info.gpkg`, "info.gpkg");
  if (REFERENCE_DIR) {
    await copy(
      `${REFERENCE_DIR}/upstream/data/placenames.gpkg`,
      "placenames.gpkg",
    );
    await copy(`${REFERENCE_DIR}/demo/data/demo.gpkg`, "demo.gpkg");
  }
  const mirror = "/work/.mirror/opengisch+qgis-server-light/repo";
  const git = new Deno.Command("git", {
    args: [
      "-C",
      mirror,
      "show",
      "HEAD:tests/resources/data/placenames.gpkg",
    ],
    stdout: "piped",
    stderr: "null",
  });
  try {
    const out = await git.output();
    if (out.success) {
      await Deno.writeFile(
        `${root}/copied/upstream_placenames.gpkg`,
        out.stdout,
      );
      cases.push({ root, folder: "copied", path: "upstream_placenames.gpkg" });
    }
  } catch { /* no git or no mirror: the copies above still run */ }
  return { root, cases };
}

function layersOf(file: string): { name: string; extent: Rect | null }[] {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare(
      "SELECT table_name AS name, min_x, min_y, max_x, max_y FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name",
    ).all().map((r) => ({
      name: String(r.name),
      extent: r.min_x === null ? null : {
        xmin: Number(r.min_x),
        ymin: Number(r.min_y),
        xmax: Number(r.max_x),
        ymax: Number(r.max_y),
      },
    }));
  } finally {
    db.close();
  }
}

async function collect(
  set: { batches: AsyncIterable<Feature[]> },
): Promise<Feature[]> {
  const all: Feature[] = [];
  for await (const batch of set.batches) all.push(...batch);
  return all;
}

Deno.test("direct GeoPackage reads give exactly the GDAL path's features, pages and hits", async () => {
  const { root, cases } = await corpus();
  const ctx = { dataRoot: root, remoteHosts: [] };
  let direct = 0;
  try {
    for (const c of cases) {
      for (
        const { name, extent } of layersOf(`${root}/${c.folder}/${c.path}`)
      ) {
        const layer = {
          id: `${c.path}:${name}`,
          name,
          source: JSON.stringify({ path: c.path, layerName: name }),
          remote: false,
          folder_name: c.folder,
          driver: "ogr",
        };
        const at = `${c.path} ${name}`;
        const directBefore = direct;
        const e = extent ??
          { xmin: 2400000, ymin: 1000000, xmax: 2900000, ymax: 1400000 };
        const w = e.xmax - e.xmin || 1000, h = e.ymax - e.ymin || 1000;
        const views: Rect[] = [
          {
            xmin: e.xmin - w,
            ymin: e.ymin - h,
            xmax: e.xmax + w,
            ymax: e.ymax + h,
          },
          {
            xmin: e.xmin + w * 0.3,
            ymin: e.ymin + h * 0.3,
            xmax: e.xmin + w * 0.62,
            ymax: e.ymin + h * 0.55,
          },
        ];
        // hit tests: small rectangles around the corners of some features
        const all = await collect(
          await streamVectorLayer(layer, {
            bbox: views[0],
            crs: "EPSG:2056",
            direct: false,
          }, ctx),
        );
        for (const f of all.filter((_, i) => i % 5 === 1).slice(0, 8)) {
          const xy = f.geometry!.parts[0][0];
          // near a vertex; and, for shapes, in the empty corner of an L's
          // or a diagonal's box (its box meets the view, it does not)
          for (const [dx, dy] of [[30, 30], [600, 300]]) {
            const [x, y] = [xy[0] + dx, xy[1] + dy];
            views.push({
              xmin: x - 40,
              ymin: y - 40,
              xmax: x + 40,
              ymax: y + 40,
            });
          }
        }
        for (const bbox of views) {
          for (const fields of [undefined, ["name", "n", "fid"]] as const) {
            const q = {
              bbox,
              crs: "EPSG:2056",
              fields: fields as string[] | undefined,
            };
            // batches of 7: GDAL reads views over a batch in FID ranges
            for (const batch of [7, undefined]) {
              const before = gpkgStats.reads;
              const fast = await streamVectorLayer(layer, q, ctx, batch);
              const fastFeatures = await collect(fast);
              if (gpkgStats.reads > before) direct++;
              const slow = await streamVectorLayer(
                layer,
                { ...q, direct: false },
                ctx,
                batch,
              );
              const slowFeatures = await collect(slow);
              assertEquals(fast.fields, slow.fields, `${at} fields`);
              assertEquals(fast.geometryKind, slow.geometryKind, `${at} kind`);
              assertEquals(
                fastFeatures,
                slowFeatures,
                `${at} features in ${JSON.stringify(bbox)} (batch ${batch})`,
              );
            }
          }
        }
        // reprojected
        const merc = { xmin: -1e7, ymin: -1e7, xmax: 1e7, ymax: 1e7 };
        for (const mapCrs of ["EPSG:3857"]) {
          const q = { bbox: merc, crs: mapCrs };
          assertEquals(
            await collect(await streamVectorLayer(layer, q, ctx)),
            await collect(
              await streamVectorLayer(layer, { ...q, direct: false }, ctx),
            ),
            `${at} in ${mapCrs}`,
          );
        }
        // pages
        const pages = [
          { startIndex: 0, count: null },
          { startIndex: 2, count: 5 },
          { startIndex: 7, count: 1000 },
          { startIndex: 0, count: 3, crs: "EPSG:4326" },
          { startIndex: 1, count: 4, bbox: views[1] },
          { startIndex: 0, count: null, bbox: views[1], bboxCrs: "EPSG:2056" },
          {
            startIndex: 0,
            count: 10,
            bbox: { xmin: 5, ymin: 45, xmax: 11, ymax: 48 },
            bboxCrs: "EPSG:4326",
          },
        ];
        for (const p of pages) {
          const q = { ...p, orderByFid: true as const };
          const before = gpkgStats.reads;
          const fast = await readVectorPage(layer, q, ctx);
          if (gpkgStats.reads > before) direct++;
          const slow = await readVectorPage(
            layer,
            { ...q, direct: false },
            ctx,
          );
          assertEquals(fast, slow, `${at} page ${JSON.stringify(p)}`);
        }
        if (direct === directBefore) console.log(`through GDAL only: ${at}`);
      }
    }
    assert(direct > 0, "the direct path was taken");
    console.log(`direct reads compared: ${direct}`);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("pages of a small GeoPackage layer cut from its kept features are GDAL's pages, and a rewritten file is read again", async () => {
  const { root, cases } = await corpus();
  const ctx = { dataRoot: root, remoteHosts: [] };
  try {
    clearDirectPages();
    for (const c of cases) {
      for (const { name } of layersOf(`${root}/${c.folder}/${c.path}`)) {
        const layer = {
          id: `${c.path}:${name}`,
          name,
          source: JSON.stringify({ path: c.path, layerName: name }),
          remote: false,
          folder_name: c.folder,
          driver: "ogr",
        };
        for (
          const [startIndex, count] of [
            [0, null],
            [3, 4],
            [0, 1],
            [5, null],
            [1, 1000],
            [2000, 3],
            [0, 0],
          ] as const
        ) {
          const q = { startIndex, count, orderByFid: true as const };
          const slow = await readVectorPage(
            layer,
            { ...q, direct: false },
            ctx,
          );
          // twice: the first may read, the second is cut from what is kept
          for (let i = 0; i < 2; i++) {
            assertEquals(
              await readVectorPage(layer, q, ctx),
              slow,
              `${c.path} ${name} page ${startIndex}, ${count} (${i})`,
            );
          }
        }
      }
    }
    assert(directPageStats.hits > 0, "pages were cut from kept features");
    // the same file rewritten with other values: its new features
    const shapes = cases.find((c) => c.path === "shapes.gpkg")!;
    const layer = {
      id: "shapes",
      name: "shapes",
      source: JSON.stringify({ path: shapes.path, layerName: "shapes" }),
      remote: false,
      folder_name: shapes.folder,
      driver: "ogr",
    };
    const q = { startIndex: 0, count: 5, orderByFid: true as const };
    const before = await readVectorPage(layer, q, ctx);
    const file = `${root}/${shapes.folder}/${shapes.path}`;
    const db = new DatabaseSync(file);
    // the table's triggers name GDAL's functions (not run: no geometry
    // or id changes)
    for (
      const f of ["ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"]
    ) {
      db.function(f, (_geometry: unknown) => 0);
    }
    db.exec("UPDATE shapes SET name = 'changed' WHERE fid <= 3");
    db.close();
    const after = await readVectorPage(layer, q, ctx);
    assertEquals(
      after,
      await readVectorPage(layer, { ...q, direct: false }, ctx),
    );
    assertEquals(
      after.features.map((f) => f.attributes.name),
      [
        "changed",
        "changed",
        "changed",
        ...before.features.slice(3).map((f) => f.attributes.name),
      ],
    );
  } finally {
    clearDirectPages();
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("GeoPackage reads the direct path cannot make exactly go through GDAL", async () => {
  const root = await Deno.makeTempDir({ prefix: "qsl_gpkg_fallback_" });
  const ctx = { dataRoot: root, remoteHosts: [] };
  try {
    await Deno.mkdir(`${root}/d`);
    await convertGeoJson(`${root}/d`, "shapes", shapes(), "GPKG", [
      "-nln",
      "shapes",
    ]);
    await Deno.copyFile(`${root}/d/shapes.gpkg`, `${root}/d/journal.gpkg`);
    // an (empty, not hot) rollback journal beside the file
    await Deno.writeFile(`${root}/d/journal.gpkg-journal`, new Uint8Array());
    const layer = (source: Record<string, unknown>) => ({
      id: JSON.stringify(source),
      name: "shapes",
      source: JSON.stringify(source),
      remote: false,
      folder_name: "d",
      driver: "ogr",
    });
    const bbox = { xmin: 2590000, ymin: 1190000, xmax: 2620000, ymax: 1220000 };
    const cases = [
      { path: "journal.gpkg", layerName: "shapes" },
      { path: "shapes.gpkg", layerName: "shapes", subset: `"n" > 10` },
      { path: "shapes.gpkg", layerId: 0 },
    ];
    for (const source of cases) {
      const before = gpkgStats.reads;
      const features = await collect(
        await streamVectorLayer(layer(source), { bbox, crs: "EPSG:2056" }, ctx),
      );
      const page = await readVectorPage(layer(source), {
        startIndex: 1,
        count: 3,
        orderByFid: true,
      }, ctx);
      assertEquals(gpkgStats.reads, before, `${source.path}: through GDAL`);
      assert(features.length > 0 && page.features.length === 3);
      if (source.subset) {
        assert(features.every((f) => (f.attributes.n as number) > 10));
      }
    }
    // without the journal, the same file is read directly, the same features
    const direct = layer({ path: "shapes.gpkg", layerName: "shapes" });
    const before = gpkgStats.reads;
    const a = await collect(
      await streamVectorLayer(direct, { bbox, crs: "EPSG:2056" }, ctx),
    );
    assert(gpkgStats.reads > before, "read directly");
    const b = await collect(
      await streamVectorLayer(
        layer(cases[0]),
        { bbox, crs: "EPSG:2056" },
        ctx,
      ),
    );
    assertEquals(a, b);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("gpkgWkb gives a blob's own WKB only where it is byte for byte what toWkb writes", async () => {
  const { root, cases } = await corpus();
  const dimsOf = (z: boolean, m: boolean) => ({ z, m });
  let same = 0;
  try {
    for (const c of cases) {
      const db = new DatabaseSync(`${root}/${c.folder}/${c.path}`, {
        readOnly: true,
      });
      try {
        const columns = db.prepare(
          "SELECT table_name AS t, column_name AS g FROM gpkg_geometry_columns",
        ).all();
        for (const { t, g } of columns) {
          const rows = db.prepare(
            `SELECT "${g}" AS b FROM "${t}" WHERE "${g}" IS NOT NULL`,
          ).all();
          for (const { b } of rows) {
            const blob = b as Uint8Array;
            for (const dims of [dimsOf(false, false), dimsOf(true, false)]) {
              const wkb = gpkgWkb(blob, dims);
              if (wkb === null) continue;
              const written = toWkb(parseGpkgGeometry(blob, dims), {
                hasZ: dims.z,
                hasM: dims.m,
              });
              assertEquals(wkb, written, `${c.path} ${t}`);
              same++;
            }
          }
        }
      } finally {
        db.close();
      }
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
  assert(same > 100, `blobs passed through: ${same}`);
  // Hand-made: what toWkb would write otherwise is refused.
  const blob = (wkb: number[]) =>
    new Uint8Array([0x47, 0x50, 0, 1, 0, 0, 0, 0, ...wkb]);
  const f64 = (v: number, le = true) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, le);
    return [...b];
  };
  const flat = { z: false, m: false };
  const point = blob([1, 1, 0, 0, 0, ...f64(1), ...f64(2)]);
  assertEquals(gpkgWkb(point, flat), point.subarray(8));
  assertEquals(gpkgWkb(point, { z: true, m: false }), null, "dims differ");
  const big = blob([0, 0, 0, 0, 1, ...f64(1, false), ...f64(2, false)]);
  assertEquals(gpkgWkb(big, flat), null, "big-endian");
  assertEquals(
    gpkgWkb(blob([1, 1, 0, 0, 0, ...f64(NaN), ...f64(NaN)]), flat),
    null,
    "NaN",
  );
  // a polygon with one ring of no points; a line cut short
  assertEquals(
    gpkgWkb(blob([1, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]), flat),
    null,
  );
  assertEquals(
    gpkgWkb(blob([1, 2, 0, 0, 0, 2, 0, 0, 0, ...f64(1), ...f64(2)]), flat),
    null,
  );
  // a multi-point holding a big-endian point
  const mixed = blob([
    1,
    4,
    0,
    0,
    0,
    2,
    0,
    0,
    0,
    1,
    1,
    0,
    0,
    0,
    ...f64(1),
    ...f64(2),
    0,
    0,
    0,
    0,
    1,
    ...f64(3, false),
    ...f64(4, false),
  ]);
  assertEquals(gpkgWkb(mixed, flat), null, "mixed byte order");
  assertEquals(
    toWkb(parseGpkgGeometry(mixed, flat), { hasZ: false, hasM: false }).length,
    mixed.length - 8,
  );
});

Deno.test("a GeoPackage whose gpkg_ogr_contents says 0 features is counted: pages hold its rows, directly and through GDAL", async () => {
  // g3w-admin's geopackage_join.gpkg: its attribute table "join" has 3 rows,
  // its feature_count 0 (QGIS reads and joins the 3)
  const root = await Deno.makeTempDir({ prefix: "qsl_gpkg_stale_" });
  const ctx = { dataRoot: root, remoteHosts: [] };
  try {
    await convertGeoJson(root, "shapes", shapes(), "GPKG", ["-nln", "shapes"]);
    const db = new DatabaseSync(`${root}/shapes.gpkg`);
    try {
      db.exec("UPDATE gpkg_ogr_contents SET feature_count = 0");
    } finally {
      db.close();
    }
    const layer = {
      id: "stale",
      name: "shapes",
      source: JSON.stringify({ path: "shapes.gpkg", layerName: "shapes" }),
      remote: false,
      folder_name: "",
      driver: "ogr",
    };
    for (const direct of [true, false]) {
      for (const [startIndex, count] of [[0, null], [3, 5]] as const) {
        const page = await readVectorPage(layer, {
          startIndex,
          count,
          orderByFid: true,
          direct,
        }, ctx);
        assertEquals(page.numbersMatched, 40, `direct ${direct}`);
        assertEquals(
          page.features.map((f) => f.id),
          Array.from({ length: count ?? 40 }, (_, i) => startIndex + i + 1),
          `direct ${direct}, ${startIndex}/${count}`,
        );
      }
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a GeoPackage geometry announcing more points than its blob holds fails naming it, before any allocation", async () => {
  const root = await Deno.makeTempDir({ prefix: "qsl_gpkg_bogus_" });
  const ctx = { dataRoot: root, remoteHosts: [] };
  try {
    // a POINT table: read directly a chunk of blobs at a time
    const points = {
      type: "FeatureCollection",
      crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::2056" } },
      features: Array.from({ length: 10 }, (_, i) => ({
        type: "Feature",
        properties: { n: i },
        geometry: { type: "Point", coordinates: [2600000 + i * 100, 1200000] },
      })),
    };
    await convertGeoJson(root, "pts", points, "GPKG", ["-nln", "pts"]);
    const db = new DatabaseSync(`${root}/pts.gpkg`);
    try {
      // GDAL's triggers call SpatiaLite's functions, which node:sqlite lacks
      const triggers = db.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'",
      ).all() as { name: string }[];
      for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
      // a LineString of 2^31 - 1 points holding one
      const blob = new Uint8Array(8 + 9 + 16);
      const view = new DataView(blob.buffer);
      blob.set([0x47, 0x50, 0, 1]); // GP, version 0, little endian, no box
      view.setInt32(4, 2056, true);
      blob[8] = 1;
      view.setUint32(9, 2, true);
      view.setUint32(13, 0x7fffffff, true);
      view.setFloat64(17, 2600000, true);
      db.prepare("UPDATE pts SET geom = ? WHERE fid = 3").run(blob);
    } finally {
      db.close();
    }
    const layer = {
      id: "bogus",
      name: "pts",
      source: JSON.stringify({ path: "pts.gpkg", layerName: "pts" }),
      remote: false,
      folder_name: "",
      driver: "ogr",
    };
    // before: 'Array buffer allocation failed' (32 GB asked for)
    let message = "";
    try {
      await collect(
        await streamVectorLayer(layer, {
          bbox: { xmin: -1e9, ymin: -1e9, xmax: 1e9, ymax: 1e9 },
          crs: "EPSG:2056",
          direct: true,
          fields: [],
        }, ctx),
      );
    } catch (error) {
      message = (error as Error).message;
    }
    assert(
      /^Cannot read layer 'pts': Cannot read GeoPackage geometry: a geometry announces 2147483647 points where \d+ at most are left to read$/
        .test(message),
      message,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
