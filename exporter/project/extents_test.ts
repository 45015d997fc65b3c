// Layer extents as QGIS 3.22 gives them (`QgsVectorLayer::extent`), which
// the Python exporter writes: the provider's, not the project's <extent>.
import assert from "node:assert/strict";
import { exportProject } from "./export_project.ts";
import { readProject } from "./read_project.ts";
import { keepQml } from "./_test_util.ts";

const POINTS = {
  type: "FeatureCollection",
  features: [["a", 1.5, 2.25], ["b", 5.125, 8.5], ["c", 3, 4]].map((
    [name, x, y],
  ) => ({
    type: "Feature",
    properties: { name },
    geometry: { type: "Point", coordinates: [x, y] },
  })),
};

// id → datasource; each layer's project <extent> is 0,0 – 10,10
const LAYERS: [string, string][] = [
  ["whole", "./pts.geojson"],
  ["kept", `./pts.geojson|subset="name" = 'b'`],
  ["none", `./pts.geojson|subset="name" = 'z'`],
  ["two", `./pts.geojson|subset="name" IN ('a', 'c')`],
];

const xml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll('"', "&quot;");

function project(trust: boolean): string {
  const box = "<xmin>0</xmin><ymin>0</ymin><xmax>10</xmax><ymax>10</ymax>";
  return `<qgis version="3.22.16"><trust active="${trust ? 1 : 0}"/>` +
    `<layer-tree-group>${
      LAYERS.map(([id]) =>
        `<layer-tree-layer id="${id}" name="${id}" checked="Qt::Checked"/>`
      ).join("")
    }</layer-tree-group><projectlayers>${
      LAYERS.map(([id, source]) =>
        `<maplayer type="vector" geometry="Point" wkbType="Point"><id>${id}</id>` +
        `<datasource>${xml(source)}</datasource><layername>${id}</layername>` +
        `<extent>${box}</extent><wgs84extent>${box}</wgs84extent>` +
        `<srs><spatialrefsys><authid>EPSG:4326</authid><srid>4326</srid>` +
        `</spatialrefsys></srs><provider encoding="UTF-8">ogr</provider></maplayer>`
      ).join("")
    }</projectlayers></qgis>`;
}

const MAX = Number.MAX_VALUE;

async function extents(
  trust: boolean,
): Promise<Record<string, number[] | null>> {
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_extents_" });
  try {
    await Deno.writeTextFile(`${dir}/pts.geojson`, JSON.stringify(POINTS));
    await Deno.writeTextFile(`${dir}/p.qgs`, project(trust));
    const config = await exportProject(await readProject(`${dir}/p.qgs`), {
      encodeStyle: keepQml,
    });
    // bbox_wgs84 to 9 decimals: QGIS's transformBoundingBox accumulates
    // its grid's steps (5.125000000000001), the extents themselves are exact
    const round = (n: number) =>
      Math.abs(n) === MAX ? n : Math.round(n * 1e9) / 1e9;
    return Object.fromEntries(config.datasets.vector.map((v) => [
      v.id,
      [
        ...(v.bbox
          ? [v.bbox.x_min, v.bbox.y_min, v.bbox.x_max, v.bbox.y_max]
          : []),
        ...(v.bbox_wgs84
          ? [
            v.bbox_wgs84.x_min,
            v.bbox_wgs84.y_min,
            v.bbox_wgs84.x_max,
            v.bbox_wgs84.y_max,
          ].map(round)
          : []),
      ],
    ]));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a layer's extent is its data's, filtered by its subset, as QGIS 3.22 reads it", async () => {
  // QGIS 3.22's layer.extent() for these layers (xmin, ymin, xmax, ymax),
  // twice: bbox, then bbox_wgs84 (the layers are in WGS 84)
  const twice = (e: number[]) => [...e, ...e];
  assert.deepEqual(await extents(false), {
    whole: twice([1.5, 2.25, 5.125, 8.5]),
    kept: twice([5.125, 8.5, 5.125, 8.5]),
    // no feature: QgsRectangle::setMinimal
    none: twice([MAX, MAX, -MAX, -MAX]),
    two: twice([1.5, 2.25, 3, 4]),
  });
});

Deno.test("a project that trusts its layer metadata keeps the extents it stores", async () => {
  const stored = [0, 0, 10, 10, 0, 0, 10, 10];
  assert.deepEqual(await extents(true), {
    whole: stored,
    kept: stored,
    none: stored,
    two: stored,
  });
});
