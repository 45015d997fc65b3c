import { assert, assertEquals } from "../_assert.ts";
import { DatabaseSync } from "node:sqlite";
import { GPKG_BLOB_SHAPES, gpkgBadGeometry } from "./_gpkg_check.ts";
import { gpkgTable } from "./_gpkg.ts";
import { convertGeoJson } from "../_test_util.ts";
import { baselineBadGeometry } from "../../../tests/bench/gpkg_scan_baseline.ts";
import type { LayerInfo } from "../../gdal/dataset_cache.ts";

const crs = {
  type: "name",
  properties: { name: "urn:ogc:def:crs:EPSG::2056" },
};

/** One feature of each simple type, 2D and 3D, as GDAL writes them. */
function everyType(): unknown {
  const x = 2600000, y = 1200000;
  const ring = [[x, y], [x + 10, y], [x + 10, y + 10], [x, y]];
  const z = (cs: number[][]) => cs.map(([a, b]) => [a, b, 5]);
  const geometries = [
    { type: "Point", coordinates: [x, y] },
    { type: "Point", coordinates: [x, y, 5] },
    { type: "LineString", coordinates: ring.slice(0, 2) },
    { type: "LineString", coordinates: z(ring.slice(0, 2)) },
    { type: "Polygon", coordinates: [ring] },
    { type: "Polygon", coordinates: [z(ring)] },
    { type: "MultiPoint", coordinates: ring },
    { type: "MultiLineString", coordinates: [ring, ring] },
    { type: "MultiPolygon", coordinates: [[ring], [z(ring)]] },
  ];
  return {
    type: "FeatureCollection",
    crs,
    features: geometries.map((geometry, i) => ({
      type: "Feature",
      properties: { n: i },
      geometry,
    })),
  };
}

function unhex(h: string): number[] {
  return h.match(/../g)!.map((b) => parseInt(b, 16));
}

/**
 * Every blob of the file and variants of each: every flags byte, another
 * magic or version, each truncation, every WKB head and heads of one byte
 * order with the other's type, unknown types, no parts.
 */
function variants(blobs: Uint8Array[]): unknown[] {
  const out: unknown[] = [null, "GP", 1, 1.5, new Uint8Array(0)];
  const heads = [
    ...GPKG_BLOB_SHAPES.heads,
    ...GPKG_BLOB_SHAPES.pointTypes.flatMap((t) => [`01${t}`, `00${t}`]),
    "0107000000", // collections, curves, an unknown order
    "0000000007",
    "0109000000",
    "0001000000",
    "02030000000",
  ].map(unhex);
  for (const blob of blobs) {
    out.push(blob, new TextDecoder("latin1").decode(blob));
    for (let f = 0; f < 256; f++) out.push(blob.with(3, f));
    out.push(blob.with(2, 1), blob.with(0, 0x48));
    for (let n = 0; n < blob.length; n++) out.push(blob.slice(0, n));
    const header = GPKG_BLOB_SHAPES.flags[
      blob[3].toString(16).padStart(2, "0").toUpperCase()
    ];
    for (const head of heads) {
      const changed = blob.slice();
      changed.set(head.slice(0, 5), header);
      out.push(changed);
      const none = changed.slice();
      none.fill(0, header + 5, header + 9);
      out.push(none, none.slice(0, header + 9), changed.slice(0, header + 7));
    }
  }
  return out;
}

Deno.test("the qualifying scan's SQL answers as its former formulation for every variant of real GDAL blobs", async () => {
  const root = await Deno.makeTempDir({ prefix: "qsl_gpkg_check_" });
  try {
    await convertGeoJson(root, "all", everyType(), "GPKG", ["-nln", "all"]);
    const file = new DatabaseSync(`${root}/all.gpkg`, { readOnly: true });
    const blobs = file.prepare('SELECT geom FROM "all" ORDER BY fid').all()
      .map((r) => r.geom as Uint8Array);
    file.close();
    assertEquals(blobs.length, 9);
    const db = new DatabaseSync(":memory:");
    try {
      db.exec("CREATE TABLE v (fid INTEGER PRIMARY KEY, geom)");
      const insert = db.prepare("INSERT INTO v (geom) VALUES (?)");
      const values = variants(blobs);
      for (const v of values) insert.run(v as Uint8Array);
      const rows = db.prepare(
        `SELECT fid, (${baselineBadGeometry("geom")}) IS TRUE AS before, (${
          gpkgBadGeometry("geom")
        }) IS TRUE AS after FROM v`,
      ).all();
      assertEquals(rows.length, values.length);
      const differ = rows.filter((r) => r.before !== r.after);
      assertEquals(differ.map((r) => r.fid), []);
      // both answers are given, many times
      const bad = rows.filter((r) => r.after === 1).length;
      assert(
        bad > 1000 && rows.length - bad > 1000,
        `${bad} of ${rows.length}`,
      );
      // GDAL's own blobs all qualify
      for (let i = 0; i < 9; i++) {
        assertEquals(
          db.prepare(`SELECT (${gpkgBadGeometry("?1")}) IS TRUE AS b`).get(
            blobs[i],
          )?.b,
          0,
        );
      }
    } finally {
      db.close();
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a real GeoPackage qualifies for the direct path until one blob is one it does not parse", async () => {
  const root = await Deno.makeTempDir({ prefix: "qsl_gpkg_check_" });
  try {
    await convertGeoJson(root, "all", everyType(), "GPKG", ["-nln", "all"]);
    const path = `${root}/all.gpkg`;
    const info: LayerInfo = {
      name: "all",
      fields: [{ name: "n", type: "Integer" }],
      geometryType: "Unknown (any)",
      crs: "EPSG:2056",
      crsDefinition: "EPSG:2056",
      fidColumn: "fid",
      featureCount: 9,
      extent: null,
      geometryColumn: "geom",
      driver: "GPKG",
    };
    const qualifies = (version: string) =>
      gpkgTable({
        source: { path: "all.gpkg", layerName: "all" },
        remote: false,
        location: path,
        root,
        relativePath: "all.gpkg",
        version,
      }, info) !== null;
    assert(qualifies("gdal"));
    const db = new DatabaseSync(path);
    try {
      // GDAL's triggers call SpatiaLite's functions, which node:sqlite lacks
      for (
        const t of db.prepare(
          "SELECT name FROM sqlite_master WHERE type = 'trigger'",
        ).all()
      ) db.exec(`DROP TRIGGER "${t.name}"`);
      const polygon = db.prepare('SELECT geom FROM "all" WHERE fid = 5')
        .get()!.geom as Uint8Array;
      const header = GPKG_BLOB_SHAPES.flags[
        polygon[3].toString(16).padStart(2, "0").toUpperCase()
      ];
      const cases: [string, Uint8Array][] = [
        ["the empty flag", polygon.with(3, polygon[3] | 16)],
        ["no rings", polygon.slice(0, header + 9).fill(0, header + 5)],
        ["a collection", polygon.with(header + 1, 7)],
      ];
      for (const [what, blob] of cases) {
        db.prepare('UPDATE "all" SET geom = ? WHERE fid = 5').run(blob);
        assert(!qualifies(what), what);
      }
      db.prepare('UPDATE "all" SET geom = ? WHERE fid = 5').run(polygon);
      assert(qualifies("restored"));
    } finally {
      db.close();
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
