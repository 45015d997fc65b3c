import { assertEquals } from "../_assert.ts";
import { readVectorPage } from "./read.ts";
import { convertGeoJson } from "../_test_util.ts";
import { withGdal } from "../../gdal/gdal.ts";

/** ISO WKB → WKT as GDAL writes it (integers only in this test). */
function wkt(wkb: Uint8Array): string {
  const view = new DataView(wkb.buffer, wkb.byteOffset, wkb.byteLength);
  let at = 0;
  const NAMES: Record<number, string> = {
    1: "POINT",
    2: "LINESTRING",
    3: "POLYGON",
    4: "MULTIPOINT",
    5: "MULTILINESTRING",
    6: "MULTIPOLYGON",
    7: "GEOMETRYCOLLECTION",
  };
  const u32 = () => {
    const v = view.getUint32(at, true);
    at += 4;
    return v;
  };
  const point = () => {
    const x = view.getFloat64(at, true), y = view.getFloat64(at + 8, true);
    at += 16;
    return `${x} ${y}`;
  };
  const points = () => Array.from({ length: u32() }, point).join(",");
  const body = (type: number): string => {
    switch (type) {
      case 1:
        return `(${point()})`;
      case 2:
        return `(${points()})`;
      case 3:
        return `(${
          Array.from({ length: u32() }, () => `(${points()})`).join(",")
        })`;
      default: {
        const n = u32();
        const parts: string[] = [];
        for (let i = 0; i < n; i++) {
          at += 1;
          const t = u32();
          parts.push(
            type === 7
              ? `${NAMES[t]} ${body(t)}`
              : type === 4
              ? body(t).slice(1, -1)
              : body(t),
          );
        }
        return type === 4
          ? `(${parts.map((p) => `(${p})`).join(",")})`
          : `(${parts.join(",")})`;
      }
    }
  };
  at = 1;
  const type = u32();
  return `${NAMES[type]} ${body(type)}`;
}

Deno.test("page WKB encodes every simple type as GDAL does (compared through WKT)", async () => {
  const dir = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "qsl_wkb_" }),
  );
  try {
    await Deno.mkdir(`${dir}/data`);
    const geometries = [
      { type: "Point", coordinates: [1, 2] },
      { type: "LineString", coordinates: [[1, 2], [3, 4], [5, 6]] },
      {
        type: "Polygon",
        coordinates: [[[0, 0], [10, 0], [10, 10], [0, 0]], [[1, 1], [2, 1], [
          2,
          2,
        ], [1, 1]]],
      },
      { type: "MultiPoint", coordinates: [[1, 2], [3, 4]] },
      {
        type: "MultiLineString",
        coordinates: [[[1, 2], [3, 4]], [[5, 6], [7, 8], [9, 10]]],
      },
      {
        type: "MultiPolygon",
        coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [
          6,
          6,
        ], [5, 5]], [[5, 5], [5, 6], [6, 6], [5, 5]]]],
      },
      {
        type: "GeometryCollection",
        geometries: [{ type: "Point", coordinates: [1, 2] }, {
          type: "LineString",
          coordinates: [[1, 2], [3, 4]],
        }],
      },
    ];
    await convertGeoJson(
      `${dir}/data`,
      "all",
      {
        type: "FeatureCollection",
        features: geometries.map((geometry, i) => ({
          type: "Feature",
          properties: { i },
          geometry,
        })),
      },
      "GPKG",
      ["-nln", "all", "-a_srs", "EPSG:2056"],
    );
    const layer = {
      id: "wkb",
      name: "all",
      source: JSON.stringify({ path: "all.gpkg", layerName: "all" }),
      remote: false,
      folder_name: "data",
      driver: "ogr",
    };
    const page = await readVectorPage(layer, {
      startIndex: 0,
      count: null,
      orderByFid: true,
    }, {
      dataRoot: dir,
      remoteHosts: [],
    });
    const ours = page.features.map((f) => wkt(f.wkb!));
    const theirs = await withGdal(async (gdal) => {
      const ds = (await gdal.open(`${dir}/data/all.gpkg`)).datasets[0];
      try {
        const out = await gdal.ogr2ogr(ds, [
          "-f",
          "CSV",
          "-lco",
          "GEOMETRY=AS_WKT",
          "all",
        ], "wkb_check");
        const text = new TextDecoder().decode(
          gdal.Module.FS.readFile(out.local),
        );
        gdal.Module.FS.unlink(out.local);
        return text.trim().split("\n").slice(1).map((line) =>
          line.split('"')[1]
        );
      } finally {
        await gdal.close(ds);
      }
    });
    assertEquals(ours, theirs);
    assertEquals(ours.length, geometries.length);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
