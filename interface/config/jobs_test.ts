import assert from "node:assert/strict";
import { Config, Custom } from "./config.ts";
import {
  buildFeatureInfoJob,
  buildFeatureJob,
  buildLegendJob,
  buildRenderJob,
  jobBbox,
  jobLayer,
  selectLayers,
} from "./jobs.ts";
import {
  QslJobParameterFeatureInfo,
  QslJobParameterRender,
} from "../job/input.ts";

const ogr = (layer: string) => ({
  ogr: { path: "data/demo.gpkg", layer_name: layer },
});
const dataset = (id: string, name: string, styles = ["default"]) => ({
  id,
  name,
  is_checked: true,
  title: name,
  driver: "ogr",
  source: ogr(name),
  crs: { auth_id: "EPSG:2056" },
  bbox: { x_min: 2600000, y_min: 1200000, x_max: 2630000, y_max: 1220000 },
  styles: styles.map((n) => ({ name: n, definition: `qml:${n}` })),
});
// root: [topic [zones, roads], places]
const config: Config = Config.parse({
  project: { version: "3.22", name: "t" },
  meta_data: { service: { contact_organization: null, contact_mail: null } },
  tree: {
    members: [
      {
        id: "",
        name: "",
        is_checked: true,
        is_expanded: true,
        children: ["topic", "p1"],
      },
      {
        id: "topic",
        name: "topic",
        is_checked: true,
        is_expanded: true,
        children: ["z1", "r1"],
      },
    ],
  },
  datasets: {
    vector: [
      dataset("z1", "zones", ["default", "outline"]),
      dataset("r1", "roads"),
      dataset("p1", "places"),
    ],
    group: [{
      id: "topic",
      name: "topic",
      is_checked: true,
      title: "Topic",
      is_expanded: true,
    }],
  },
});

Deno.test("selectLayers: WMS order in, top first out; groups as the tree draws them", () => {
  const names = (layers: string[]) =>
    selectLayers(config, { layers }).map((l) => l.name);
  assert.deepEqual(names(["places", "roads"]), ["roads", "places"]);
  assert.deepEqual(names(["topic"]), ["zones", "roads"]);
  assert.deepEqual(names(["places", "topic"]), ["zones", "roads", "places"]);
  const [zones] = selectLayers(config, {
    layers: ["zones"],
    styles: ["outline"],
    folder_name: "demo",
  });
  assert.equal(zones.style?.definition, "qml:outline");
  assert.equal(zones.folder_name, "demo");
  assert.deepEqual(JSON.parse(zones.source), {
    path: "data/demo.gpkg",
    layer_name: "zones",
  });
  assert.equal(zones.remote, false);
});

Deno.test("selectLayers: unknown layers, groups and styles are named", () => {
  assert.throws(
    () => selectLayers(config, { layers: ["nope"] }),
    /Cannot build the job: no layer or group named 'nope' \(known: 'zones', 'roads', 'places', 'topic'\)/,
  );
  assert.throws(
    () => selectLayers(config, { layers: ["zones"], styles: ["night"] }),
    /layer 'zones' has no style 'night' \(known: 'default', 'outline'\)/,
  );
  assert.throws(
    () => selectLayers(config, { layers: ["topic"], styles: ["x"] }),
    /group 'topic' takes no style/,
  );
});

Deno.test("jobBbox: the CRS's axis order (WMS 1.3)", () => {
  const box = [7, 46, 8, 47] as const; // lon/lat
  const swapped = { x_min: 46, y_min: 7, x_max: 47, y_max: 8 };
  for (const crs of ["EPSG:4326", "urn:ogc:def:crs:EPSG::4326", "EPSG:4258"]) {
    assert.deepEqual(jobBbox({ crs, extent: box }), {
      ...swapped,
      z_min: 0,
      z_max: 0,
    });
  }
  // CRS:84 and projected east/north CRSs keep x/y
  assert.equal(jobBbox({ crs: "CRS:84", extent: box }).x_min, 7);
  assert.equal(jobBbox({ crs: "EPSG:2056", extent: "1,2,3,4" }).x_min, 1);
  // Gauss-Krüger (EPSG:31467) is northing first
  assert.equal(jobBbox({ crs: "EPSG:31467", extent: "1,2,3,4" }).x_min, 2);
  // a bbox is taken as given (already in the CRS's order)
  assert.equal(jobBbox({ crs: "EPSG:4326", bbox: "46,7,47,8" }).x_min, 46);
  assert.throws(
    () => jobBbox({ crs: "EPSG:4326", bbox: "1,2,3" }),
    /not a box of four numbers/,
  );
});

Deno.test("buildRenderJob: a job the schema accepts; the layers' extents when no box is given", () => {
  const job = buildRenderJob(config, {
    layers: ["topic"],
    crs: "EPSG:2056",
    width: 300,
    height: 200,
  });
  assert.deepEqual(QslJobParameterRender.parse(job), job);
  assert.equal(job.bbox.x_min, 2600000);
  assert.throws(
    () =>
      buildRenderJob(config, {
        layers: ["topic"],
        crs: "EPSG:4326",
        width: 300,
        height: 200,
      }),
    /no bbox given and layer 'zones' has its extent in EPSG:2056, not EPSG:4326/,
  );
});

Deno.test("buildFeatureJob and buildLegendJob: one query per layer in the order asked; legend defaults", () => {
  const f = buildFeatureJob(config, { layers: ["places", "topic"], count: 5 });
  assert.deepEqual(f.queries.map((q) => q.aliases[0]), [
    "places",
    "zones",
    "roads",
  ]);
  assert.equal(f.count, 5);
  const l = buildLegendJob(config, { layers: ["zones"] });
  assert.equal(l.dpi, 91);
  assert.equal(l.layers[0].style?.name, "default");
});

Deno.test("a layer's joins reach its job layer; a layer without joins has no joins key", () => {
  const joined = Config.parse({
    ...config,
    datasets: {
      ...config.datasets,
      vector: config.datasets.vector.map((v) =>
        v.name !== "zones" ? v : {
          ...v,
          joins: [{
            join_layer_id: "stats_1",
            join_layer_name: "stats",
            driver: "delimitedtext",
            source: {
              ogr: {
                path: "data/stats.csv",
                open_options: ["type=csv", "geomType=none"],
              },
            },
            target_field: "code",
            join_field: "code",
            prefix: "stats_",
            fields_subset: ["population"],
            memory_cache: false,
          }],
        }
      ),
    },
  });
  const layers = selectLayers(joined, {
    layers: ["zones", "roads"],
    folder_name: "project",
  });
  const zones = layers.find((l) => l.name === "zones")!;
  assert.deepEqual(zones.joins, [{
    layer: {
      id: "stats_1",
      name: "stats",
      source:
        '{"path":"data/stats.csv","open_options":["type=csv","geomType=none"]}',
      remote: false,
      folder_name: "project",
      driver: "delimitedtext",
      style: null,
      filter: null,
    },
    target_field: "code",
    join_field: "code",
    prefix: "stats_",
    fields_subset: ["population"],
    memory_cache: false,
  }]);
  assert.equal("joins" in layers.find((l) => l.name === "roads")!, false);
  // it decodes as a job carries it, and a job without joins gains no key
  const job = QslJobParameterRender.parse(JSON.parse(JSON.stringify({
    layers,
    bbox: "0,0,1,1",
    crs: "EPSG:2056",
    width: 1,
    height: 1,
  })));
  assert.deepEqual(job.layers, layers);
});

Deno.test("buildFeatureInfoJob: the project's wms_add_wkt_geometry as wms_add_wkt_geometry, no key without it", () => {
  const options = {
    layers: ["places"],
    crs: "EPSG:2056",
    bbox: "2600000,1200000,2600100,1200100",
    width: 10,
    height: 10,
    i: 5,
    j: 5,
  };
  assert.equal(
    "wms_add_wkt_geometry" in buildFeatureInfoJob(config, options),
    false,
  );
  const adds = Config.parse({
    ...config,
    project: {
      ...config.project,
      wms_add_wkt_geometry: true,
      wms_precision: 8,
      wms_feature_info_use_attribute_form_settings: true,
    },
  });
  const job = buildFeatureInfoJob(adds, options);
  assert.equal(job.wms_add_wkt_geometry, true);
  assert.equal(job.wms_precision, 8);
  assert.equal(job.wms_feature_info_use_attribute_form_settings, true);
  assert.equal(
    "wms_feature_info_use_attribute_form_settings" in
      buildFeatureInfoJob(config, options),
    false,
  );
  assert.equal(
    QslJobParameterFeatureInfo.parse(JSON.parse(JSON.stringify(job)))
      .wms_add_wkt_geometry,
    true,
  );
});

Deno.test("jobLayer: an MBTiles vector tile file is local (below the data root), XYZ vector tiles remote", () => {
  const custom = (vector_tile: Record<string, unknown>, driver: string) =>
    Custom.parse({
      id: "vt",
      name: "vt",
      title: "VT",
      is_checked: true,
      driver,
      source: { vector_tile },
    });
  const mbtiles = jobLayer(
    custom({ type: "mbtiles", path: "tiles.mbtiles" }, "mbtilesvectortiles"),
  );
  assert.equal(mbtiles.remote, false);
  assert.deepEqual(JSON.parse(mbtiles.source), {
    type: "mbtiles",
    path: "tiles.mbtiles",
  });
  const xyz = jobLayer(
    custom(
      { type: "xyz", url: "https://t/{z}/{x}/{y}.pbf", zmax: 14 },
      "xyzvectortiles",
    ),
  );
  assert.equal(xyz.remote, true);
});

Deno.test("buildRenderJob and buildFeatureInfoJob: the project's ellipsoid and units, only when the config has them", () => {
  const box = {
    layers: ["places"],
    crs: "EPSG:2056",
    bbox: "2600000,1200000,2600100,1200100",
    width: 10,
    height: 10,
  };
  const info = { ...box, i: 5, j: 5 };
  for (
    const job of [
      buildRenderJob(config, box),
      buildFeatureInfoJob(config, info),
    ]
  ) {
    for (const key of ["ellipsoid", "area_units", "distance_units"]) {
      assert.equal(key in job, false, key);
    }
  }
  const measures = Config.parse({
    ...config,
    project: {
      ...config.project,
      ellipsoid: "EPSG:7030",
      area_units: "km2",
      distance_units: "km",
    },
  });
  const render = QslJobParameterRender.parse(
    JSON.parse(JSON.stringify(buildRenderJob(measures, box))),
  );
  const featureInfo = QslJobParameterFeatureInfo.parse(
    JSON.parse(JSON.stringify(buildFeatureInfoJob(measures, info))),
  );
  for (const job of [render, featureInfo]) {
    assert.equal(job.ellipsoid, "EPSG:7030");
    assert.equal(job.area_units, "km2");
    assert.equal(job.distance_units, "km");
  }
});
