import { assert, assertEquals } from "../_assert.ts";
import { readVectorLayer } from "./read.ts";
import { convertGeoJson } from "../_test_util.ts";
import { withGdal } from "../../gdal/gdal.ts";

const BBOX = { xmin: -100, ymin: -100, xmax: 100, ymax: 100 };

/** The shared model's parts, computed from GeoJSON coordinates. */
function expectedParts(
  g: { type: string; coordinates: unknown },
): number[][][] {
  const c = g.coordinates as never;
  const ring = (r: number[][]) => r.flat();
  switch (g.type) {
    case "Point":
      return [[c]];
    case "MultiPoint":
      return (c as number[][]).map((p) => [p]);
    case "LineString":
      return [[ring(c)]];
    case "MultiLineString":
      return (c as number[][][]).map((l) => [ring(l)]);
    case "Polygon":
      return [(c as number[][][]).map(ring)];
    case "MultiPolygon":
      return (c as number[][][][]).map((p) => p.map(ring));
  }
  throw new Error(g.type);
}

function layer(path: string) {
  return {
    id: `model_${path}`,
    name: path,
    source: JSON.stringify({ path }),
    remote: false,
    folder_name: "data",
    driver: "ogr",
  };
}

Deno.test("readVectorLayer fills the shared geometry model for every simple type", async () => {
  const dir = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "qsl_model_" }),
  );
  try {
    await Deno.mkdir(`${dir}/data`);
    const cases = {
      point: { type: "Point", coordinates: [1, 2] },
      multipoint: { type: "MultiPoint", coordinates: [[1, 2], [3, 4], [5, 6]] },
      line: { type: "LineString", coordinates: [[1, 2], [3, 4], [5, 6]] },
      multiline: {
        type: "MultiLineString",
        coordinates: [[[1, 2], [3, 4]], [[5, 6], [7, 8], [9, 10]]],
      },
      polygon: {
        type: "Polygon",
        coordinates: [[[0, 0], [10, 0], [10, 10], [0, 0]], [[1, 1], [2, 1], [
          2,
          2,
        ], [1, 1]]],
      },
      multipolygon: {
        type: "MultiPolygon",
        coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [
          6,
          6,
        ], [5, 5]], [[5, 5], [5, 6], [6, 6], [5, 5]]]],
      },
    };
    const kinds: Record<string, string> = {
      Point: "point",
      MultiPoint: "point",
      LineString: "line",
      MultiLineString: "line",
      Polygon: "polygon",
      MultiPolygon: "polygon",
    };
    for (const [name, geometry] of Object.entries(cases)) {
      await convertGeoJson(
        `${dir}/data`,
        name,
        {
          type: "FeatureCollection",
          features: [{ type: "Feature", properties: { name }, geometry }],
        },
        "GPKG",
        ["-a_srs", "EPSG:2056"],
      );
      const data = await readVectorLayer(layer(`${name}.gpkg`), {
        bbox: BBOX,
        crs: "EPSG:2056",
      }, {
        dataRoot: dir,
        remoteHosts: [],
      });
      assertEquals(data.geometryKind, kinds[geometry.type], name);
      const g = data.features[0].geometry!;
      assertEquals(g.kind, kinds[geometry.type], name);
      assertEquals(
        g.parts.map((p) => p.map((r) => [...r])),
        expectedParts(geometry),
        name,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readVectorLayer linearises curves", async () => {
  const dir = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "qsl_curve_" }),
  );
  try {
    await Deno.mkdir(`${dir}/data`);
    await Deno.writeTextFile(
      `${dir}/data/curves.csv`,
      'id,WKT\n1,"CIRCULARSTRING (0 0,1 1,2 0)"\n2,"CURVEPOLYGON (CIRCULARSTRING (0 0,2 0,2 2,0 2,0 0))"\n',
    );
    await withGdal(async (gdal) => {
      const ds = (await gdal.open(`${dir}/data/curves.csv`)).datasets[0];
      try {
        const out = await gdal.ogr2ogr(ds, [
          "-f",
          "GPKG",
          "-a_srs",
          "EPSG:2056",
          "-nln",
          "curves",
          "curves",
        ], "curves");
        await Deno.writeFile(
          `${dir}/data/curves.gpkg`,
          gdal.Module.FS.readFile(out.local),
        );
        gdal.Module.FS.unlink(out.local);
      } finally {
        await gdal.close(ds);
      }
    });
    const data = await readVectorLayer(layer("curves.gpkg"), {
      bbox: BBOX,
      crs: "EPSG:2056",
    }, {
      dataRoot: dir,
      remoteHosts: [],
    });
    // Mixed layer: the first feature (an arc) decides the kind.
    assertEquals(data.geometryKind, "line");
    assertEquals(data.features.length, 1);
    const arc = data.features[0].geometry!.parts[0][0];
    assert(arc.length / 2 > 10, `${arc.length / 2} points`);
    // Every point of the linearised arc lies on its circle (centre 1 0, radius 1).
    for (let i = 0; i < arc.length; i += 2) {
      assert(Math.abs(Math.hypot(arc[i] - 1, arc[i + 1]) - 1) < 1e-9);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
