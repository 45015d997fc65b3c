import assert from "node:assert/strict";
import postgres from "postgres";
import { Config } from "@qgis-server-light/interface/config";
import { NO_REFERENCE, REFERENCE_DIR } from "../../tests/reference.ts";
import { exportProject, projectVersionText } from "./export_project.ts";
import { parsePgServiceConf } from "./pg_service.ts";
import { readProject } from "./read_project.ts";
import { parseXml } from "./xml_tree.ts";
import { keepQml, parseQml, TESTDATA } from "./_test_util.ts";
import { writeManyLayers, writeNestedGroups } from "../bench/_hostile.ts";

const UPDATE = Deno.env.get("UPDATE_GOLDEN") === "1";

async function exportBasic(warnings: string[] = []): Promise<Config> {
  return await exportProject(await readProject(`${TESTDATA}basic.qgs`), {
    encodeStyle: keepQml,
    pgServices: parsePgServiceConf(
      await Deno.readTextFile(`${TESTDATA}pg_service.conf`),
    ),
    warn: (m) => warnings.push(m),
  });
}

Deno.test("basic.qgs exports its golden config", async () => {
  const warnings: string[] = [];
  const config = await exportBasic(warnings);
  const golden = `${TESTDATA}basic.config.json`;
  const text = JSON.stringify(config, null, 2) + "\n";
  if (UPDATE) await Deno.writeTextFile(golden, text);
  assert.deepEqual(config, JSON.parse(await Deno.readTextFile(golden)));
  assert.deepEqual(Config.parse(config), config);
  // The memory layer is skipped with a warning; the export goes on.
  assert.ok(warnings.some((w) => /unknown provider 'memory'; skipped/.test(w)));
  assert.equal(config.datasets.vector.some((v) => v.id === "memory_1"), false);
});

Deno.test("unified layer names join the group path", async () => {
  const config = await exportProject(
    await readProject(`${TESTDATA}basic.qgs`),
    {
      encodeStyle: keepQml,
      unifyLayerNamesByGroup: true,
      separator: "/",
      readSources: false,
    },
  );
  const names = [...config.datasets.vector, ...config.datasets.raster].map((
    d,
  ) => d.name);
  assert.deepEqual(names, [
    "grune_zone_co/points",
    "roads",
    "grune_zone_co/remote_services/wms_1",
    "grune_zone_co/remote_services/swissimage",
    "grune_zone_co/remote_services/osm",
    "dem",
  ]);
});

Deno.test("every named style is a QML document with its own content", async () => {
  const config = await exportBasic();
  const points = config.datasets.vector.find((v) => v.id === "points_1")!;
  assert.equal(points.style_name, "red");
  assert.deepEqual(points.styles.map((s) => s.name), ["blue", "red"]);
  const [blue, red] = points.styles.map((s) => parseQml(s.definition));
  for (const qml of [blue, red]) assert.equal(qml.nodeName, "qgis");
  assert.match(points.styles[0].definition, /0,0,255,255/);
  assert.match(points.styles[1].definition, /255,0,0,255/);
  // The live style carries the scale visibility and no layer identity.
  assert.equal(red.getAttribute("minScale"), "50000");
  assert.equal(red.getAttribute("hasScaleBasedVisibilityFlag"), "1");
  assert.equal(red.getAttribute("version"), "3.22.16-Białowieża");
  assert.equal(red.getElementsByTagName("datasource").length, 0);
  assert.equal(red.getElementsByTagName("layerOpacity")[0].textContent, "0.5");
  assert.equal(red.getElementsByTagName("fieldConfiguration").length, 1);
  assert.equal(red.getElementsByTagName("expressionfields").length, 1);
});

Deno.test({
  name: "PostgreSQL facts come from the database; service values merge",
  async fn(t) {
    const schema = `qsl_exporter_test_${crypto.randomUUID().slice(0, 8)}`;
    const client = postgres({
      host: "127.0.0.1",
      port: 5432,
      username: "postgres",
      password: "",
      database: "test",
      connect_timeout: 3,
      max: 1,
      onnotice: () => {},
    });
    try {
      await client.unsafe("SELECT 1");
    } catch (error) {
      await client.end();
      console.warn(
        `skipped: no PostgreSQL at 127.0.0.1:5432 (${
          (error as Error).message
        })`,
      );
      await t.step({ name: "PostgreSQL reachable", ignore: true, fn() {} });
      return;
    }
    const postgis = await client.unsafe(
      "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'",
    );
    const geom = postgis.length > 0 ? "geometry(MultiLineString, 2056)" : null;
    try {
      if (geom) await client.unsafe("CREATE EXTENSION IF NOT EXISTS postgis");
      await client.unsafe(`CREATE SCHEMA ${schema}`);
      await client.unsafe(
        `CREATE TABLE ${schema}.roads (id serial PRIMARY KEY, class varchar(20) NOT NULL,
          lanes int2, width numeric(6,2), opened date, note text${
          geom ? `, geom ${geom}` : ""
        })`,
      );
      await client.unsafe(
        `COMMENT ON COLUMN ${schema}.roads.note IS 'free text'`,
      );
      if (geom) {
        await client.unsafe(
          `INSERT INTO ${schema}.roads (class, geom) VALUES ('main',
            ST_GeomFromText('MULTILINESTRING((2600000 1200000, 2601000 1201000))', 2056))`,
        );
      }
      const text = (await Deno.readTextFile(`${TESTDATA}basic.qgs`))
        .replaceAll("qsl_exporter_fixture", schema);
      const dir = await Deno.makeTempDir();
      await Deno.writeTextFile(`${dir}/pg.qgs`, text);
      await Deno.copyFile(`${TESTDATA}points.geojson`, `${dir}/points.geojson`);
      const warnings: string[] = [];
      const config = await exportProject(await readProject(`${dir}/pg.qgs`), {
        encodeStyle: keepQml,
        pgServices: {
          qsl_fixture: {
            host: "127.0.0.1",
            user: "postgres",
            dbname: "test",
            port: "5432",
            sslmode: "disable",
          },
        },
        warn: (m) => warnings.push(m),
      });
      await Deno.remove(dir, { recursive: true });
      const roads = config.datasets.vector.find((v) => v.id === "roads_pg")!;
      assert.deepEqual(
        warnings.filter((w) => /roads_pg/.test(w)),
        [],
      );
      assert.equal(roads.source.postgres?.host, "127.0.0.1");
      assert.equal(roads.source.postgres?.username, "postgres");
      assert.equal(roads.source.postgres?.schema, schema);
      assert.deepEqual(
        roads.fields.map((
          f,
        ) => [
          f.name,
          f.type,
          f.is_primary_key,
          f.nullable,
          f.length,
          f.precision,
        ]),
        [
          ["id", "int4", true, false, null, null],
          ["class", "varchar", false, false, 20, null],
          ["lanes", "int2", false, true, null, null],
          ["width", "numeric", false, true, 6, 2],
          ["opened", "date", false, true, null, null],
          ["note", "text", false, true, null, null],
        ],
      );
      assert.equal(roads.fields[5].comment, "free text");
      assert.equal(roads.fields[4].type_wfs, "date");
      assert.equal(roads.geometry_type_wkb, "MultiLineString");
    } finally {
      await client.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  },
});

// What ../shared/reference/demo/demo.qgs holds (QGIS 3.22 saved it).
const DEMO_LAYERS = [
  [
    "vector",
    "Zones_47a2cff6_516e_434a_81ed_d222f73fcf4d",
    "zones",
    "Land-use zones",
    true,
    "zones",
    ["default", "outline"],
    "Polygon",
    "Polygon",
  ],
  [
    "vector",
    "Roads_3fab5e65_3b19_4e35_a4d5_c364d87f20a3",
    "roads",
    "Road network",
    true,
    "roads",
    ["default"],
    "Line",
    "LineString",
  ],
  [
    "vector",
    "Places_211c4745_5c07_446a_8059_3c4f49ae49fc",
    "places",
    "Populated places",
    true,
    "places",
    ["default"],
    "Point",
    "Point",
  ],
  [
    "raster",
    "Hillshade_d0f406cb_7edd_4b2e_86e5_16f12c389900",
    "hillshade",
    "Hillshade",
    false,
    null,
    ["default"],
    null,
    null,
  ],
  [
    "raster",
    "Elevation_8d8f2b8b_1439_4e87_86d1_1af1ccb361cc",
    "elevation",
    "Elevation",
    true,
    null,
    ["default"],
    null,
    null,
  ],
] as const;

const DEMO_FIELDS: Record<string, [string, string][]> = {
  zones: [["fid", "Integer64"], ["kind", "String"], ["pop", "Integer"], [
    "area_ha",
    "Real",
  ], ["label", "String"]],
  roads: [["fid", "Integer64"], ["class", "String"], ["name", "String"], [
    "lanes",
    "Integer",
  ]],
  places: [["fid", "Integer64"], ["name", "String"], ["priority", "Integer"], [
    "kind",
    "String",
  ], ["founded", "Date"]],
};

Deno.test({
  name: "parity: demo.qgs and demo.qgz export what QGIS has",
  ignore: NO_REFERENCE,
  async fn() {
    const options = { encodeStyle: keepQml };
    const qgs = await exportProject(
      await readProject(`${REFERENCE_DIR}/demo/demo.qgs`),
      options,
    );
    const qgz = await exportProject(
      await readProject(`${REFERENCE_DIR}/demo/demo.qgz`),
      options,
    );
    assert.deepEqual(qgz, qgs);
    const c = Config.parse(qgs);
    assert.deepEqual(c.project, {
      version: "3.22.16-Białowieża",
      name: "Acceptance demo",
    });
    assert.equal(c.meta_data.service.contact_organization, "Example org");
    assert.equal(c.meta_data.service.contact_mail, "maps@example.org");
    assert.equal(c.meta_data.service.service_title, "Demo service");
    assert.equal(
      c.meta_data.service.service_abstract,
      "Synthetic acceptance data",
    );
    assert.deepEqual(c.meta_data.categories, ["demo", "test"]);
    assert.equal(c.meta_data.author, "Acceptance");
    assert.equal(c.meta_data.language, "en");
    assert.equal(c.meta_data.creationDateTime, "2026-01-02T03:04:05");
    assert.deepEqual(
      c.tree.members.map((
        m,
      ) => [m.name, m.is_checked, m.is_expanded, m.children]),
      [
        ["", true, true, ["topic", "base"]],
        ["topic", true, true, ["land_use", "transport", DEMO_LAYERS[2][1]]],
        ["land_use", true, true, [DEMO_LAYERS[0][1]]],
        ["transport", true, false, [DEMO_LAYERS[1][1]]],
        ["base", true, true, [DEMO_LAYERS[3][1], DEMO_LAYERS[4][1]]],
      ],
    );
    assert.deepEqual(
      c.datasets.group.map((g) => [g.name, g.title]),
      [["", ""], ["topic", "Topic"], ["land_use", "Land use"], [
        "transport",
        "Transport",
      ], ["base", "Base maps"]],
    );
    const all = [...c.datasets.vector, ...c.datasets.raster];
    assert.equal(all.length, DEMO_LAYERS.length);
    for (
      const [kind, id, name, title, isChecked, layerName, styles, simple, wkb]
        of DEMO_LAYERS
    ) {
      const d = (kind === "vector" ? c.datasets.vector : c.datasets.raster)
        .find((x) => x.id === id);
      assert.ok(d, id);
      assert.equal(d.name, name);
      assert.equal(d.title, title);
      assert.equal(d.is_checked, isChecked);
      assert.equal(d.minimum_scale, 1e8);
      assert.equal(d.maximum_scale, 0);
      assert.equal(d.style_name, "default");
      assert.deepEqual(d.styles.map((s) => s.name), styles);
      assert.deepEqual(d.crs, {
        auth_id: "EPSG:2056",
        postgis_srid: 2056,
        ogc_uri: "http://www.opengis.net/def/crs/EPSG/0/2056",
        ogc_urn: "urn:ogc:def:crs:EPSG::2056",
      });
      for (const s of d.styles) {
        assert.equal(parseQml(s.definition).nodeName, "qgis");
      }
      if (kind === "vector") {
        const v = c.datasets.vector.find((x) => x.id === id)!;
        assert.equal(v.driver, "ogr");
        assert.deepEqual(v.source.ogr, {
          path: "data/demo.gpkg",
          layer_name: layerName,
          vsi_prefix: null,
          layer_id: null,
          subset: null,
        });
        assert.deepEqual(
          v.fields.map((f) => [f.name, f.type]),
          DEMO_FIELDS[name],
        );
        assert.deepEqual(
          v.fields.map((f) => f.is_primary_key),
          DEMO_FIELDS[name].map((_, i) => i === 0),
        );
        assert.equal(v.geometry_type_simple, simple);
        assert.equal(v.geometry_type_wkb, wkb);
      } else {
        assert.equal(d.driver, "gdal");
        assert.deepEqual(d.source.gdal, {
          path: "data/dem.tif",
          layer_name: null,
          vsi_prefix: null,
        });
      }
    }
    const zones = c.datasets.vector[0];
    assert.equal(
      zones.fields.find((f) => f.name === "pop")?.alias,
      "Population",
    );
    assert.deepEqual(zones.bbox, {
      x_min: 2600034.79935486,
      x_max: 2629892.886969,
      y_min: 1200002.45616203,
      y_max: 1219943.84240235,
      z_min: 0,
      z_max: 0,
    });
    // The live style has the same parts, in the same order, as the named
    // style QGIS itself wrote for this layer.
    const shape = (qml: string) => {
      const root = parseXml(qml, "style.qml");
      return [
        Object.keys(root.attributes).sort(),
        root.children.map((e) => e.nodeName),
      ];
    };
    assert.deepEqual(
      shape(zones.styles[0].definition),
      shape(zones.styles[1].definition),
    );
    const [zonesDefault, zonesOutline] = zones.styles.map((s) =>
      parseQml(s.definition)
    );
    assert.equal(
      zonesDefault.getElementsByTagName("renderer-v2")[0].getAttribute("type"),
      "categorizedSymbol",
    );
    assert.equal(
      zonesOutline.getElementsByTagName("renderer-v2")[0].getAttribute("type"),
      "singleSymbol",
    );
    const places = parseQml(c.datasets.vector[2].styles[0].definition);
    assert.equal(
      places.getElementsByTagName("labeling")[0].getAttribute("type"),
      "simple",
    );
    const roads = parseQml(c.datasets.vector[1].styles[0].definition);
    assert.equal(
      roads.getElementsByTagName("renderer-v2")[0].getAttribute("type"),
      "RuleRenderer",
    );
    const elevation = parseQml(c.datasets.raster[1].styles[0].definition);
    const renderer = elevation.getElementsByTagName("rasterrenderer")[0];
    assert.equal(renderer.getAttribute("type"), "singlebandpseudocolor");
    assert.equal(renderer.getAttribute("opacity"), "0.8");
    const hillshade = parseQml(c.datasets.raster[0].styles[0].definition);
    assert.equal(
      hillshade.getElementsByTagName("rasterrenderer")[0].getAttribute("type"),
      "hillshade",
    );
  },
});

Deno.test("50,000 nested layer-tree groups export without recursion when the depth limit allows them", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_groups_" });
  try {
    const path = `${dir}/groups.qgs`;
    await writeNestedGroups(path, 50_000);
    const config = await exportProject(await readProject(path), {
      encodeStyle: keepQml,
      unifyLayerNamesByGroup: true,
      maxGroupDepth: 50_000,
    });
    assert.equal(config.tree.members.length, 50_001);
    assert.equal(config.datasets.group.length, 50_001);
    assert.deepEqual(config.tree.members[1].children, ["g1"]);
    const [wms] = config.datasets.raster;
    assert.equal(wms.id, "wms_1");
    const names = wms.name.split(".");
    assert.equal(names.length, 50_001);
    assert.deepEqual(names.slice(0, 2), ["g0", "g1"]);
    assert.equal(names.at(-1), "wms_1");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the layer limit counts the project's layers, the layers its tree names and an embedded project's layers", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_layers_" });
  try {
    await writeManyLayers(`${dir}/many.qgs`, 11);
    const many = await readProject(`${dir}/many.qgs`);
    await assert.rejects(
      exportProject(many, { encodeStyle: keepQml, maxLayers: 10 }),
      (e: Error) =>
        e.name === "ProjectError" &&
        e.message ===
          "Cannot export many.qgs: it has more than 10 layers, the limit (raise --max-layers to export it)",
    );
    const config = await exportProject(many, {
      encodeStyle: keepQml,
      maxLayers: 11,
    });
    assert.equal(config.datasets.raster.length, 11);
    // one layer named 11 times by the tree
    await writeManyLayers(`${dir}/one.qgs`, 1);
    const one = await Deno.readTextFile(`${dir}/one.qgs`);
    const node = '<layer-tree-layer id="wms_0" name="WMS 0"/>';
    await Deno.writeTextFile(
      `${dir}/repeated.qgs`,
      one.replace(node, node.repeat(11)),
    );
    await assert.rejects(
      exportProject(await readProject(`${dir}/repeated.qgs`), {
        encodeStyle: keepQml,
        maxLayers: 10,
      }),
      /^ProjectError: Cannot export repeated\.qgs: its layer tree names more than 10 layers, the limit \(raise --max-layers to export it\)$/,
    );
    // a group embedded from a project of too many layers is skipped
    await Deno.writeTextFile(
      `${dir}/host.qgs`,
      `<qgis version="3.22.16"><layer-tree-group>` +
        `<layer-tree-group name="G"><customproperties><Option type="Map">` +
        `<Option name="embedded" value="1" type="int"/>` +
        `<Option name="embedded_project" value="./many.qgs" type="QString"/>` +
        `</Option></customproperties></layer-tree-group>` +
        `</layer-tree-group></qgis>`,
    );
    const warnings: string[] = [];
    const host = await exportProject(await readProject(`${dir}/host.qgs`), {
      encodeStyle: keepQml,
      maxLayers: 10,
      warn: (m) => warnings.push(m),
    });
    assert.equal(host.datasets.raster.length, 0);
    assert.deepEqual(warnings, [
      "Cannot read the embedded project ./many.qgs: Cannot export many.qgs: it has more than 10 layers, the limit (raise --max-layers to export it); its layers skipped",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("groups nested deeper than the limit are refused; as deep as the limit export", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_depth_" });
  try {
    await writeNestedGroups(`${dir}/deep.qgs`, 5);
    const deep = await readProject(`${dir}/deep.qgs`);
    await assert.rejects(
      exportProject(deep, { encodeStyle: keepQml, maxGroupDepth: 4 }),
      /^ProjectError: Cannot export deep\.qgs: its layer tree nests groups deeper than 4 levels, the limit \(raise --max-group-depth to export it\)$/,
    );
    const config = await exportProject(deep, {
      encodeStyle: keepQml,
      maxGroupDepth: 5,
    });
    assert.equal(config.datasets.group.length, 6);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a QGIS 1.8 project (a <legend>, no layer tree) exports as QGIS 3.22 opens it", async () => {
  // Each expected value is what QGIS 3.22 reports for legend_qgis18.qgs
  // (QgsProject.read, then the layer tree, layers and their fields).
  const config = await exportProject(
    await readProject(`${TESTDATA}legend_qgis18.qgs`),
    { encodeStyle: keepQml, unifyLayerNamesByGroup: true },
  );
  assert.deepEqual(config.tree.members, [
    {
      id: "",
      name: "",
      is_checked: true,
      children: ["points20120101000000000", "base_layers"],
      is_expanded: true,
    },
    {
      id: "base_layers",
      name: "base_layers",
      is_checked: false,
      children: ["inner"],
      is_expanded: false,
    },
    {
      id: "inner",
      name: "inner",
      is_checked: true,
      children: ["lines20120101000000001"],
      is_expanded: true,
    },
  ]);
  assert.deepEqual(config.datasets.group.map((g) => g.title), [
    "",
    "Base Layers",
    "Inner",
  ]);
  const [points, lines] = config.datasets.vector;
  assert.equal(lines.name, "base_layers.inner.lines20120101000000001");
  assert.deepEqual(
    [points.is_checked, points.minimum_scale, points.maximum_scale],
    [true, 50000, 1000],
  );
  assert.deepEqual(
    [lines.is_checked, lines.minimum_scale, lines.maximum_scale],
    [false, 100000000, 0],
  );
  assert.deepEqual(
    points.fields.map((
      f,
    ) => [f.name, f.editor_widget_type, f.editor_widget_type_wfs]),
    [
      ["id", "", null],
      ["name", "TextEdit", null],
      ["height", "", null],
      ["visited", "DateTime", "date"],
      ["big", "", null],
    ],
  );
  assert.equal(lines.geometry_type_wkb, "MultiLineString");
  assert.equal(config.meta_data.creationDateTime, "");
  // QGIS: transformBoundingBox of each layer's extent to EPSG:4326.
  const qgis: Record<string, number[]> = {
    points20120101000000000: [
      7.4386324208718104,
      46.753040318610914,
      7.6225377762258946,
      46.951082771871100,
    ],
    lines20120101000000001: [
      7.4386322615114109,
      46.951082127412519,
      7.4517705830706964,
      46.960077940222895,
    ],
  };
  for (const v of config.datasets.vector) {
    const b = v.bbox_wgs84!;
    const got = [b.x_min, b.y_min, b.x_max, b.y_max];
    got.forEach((x, i) =>
      assert.ok(Math.abs(x - qgis[v.id][i]) < 1e-9, `${v.id}: ${got}`)
    );
  }
});

Deno.test("a Shapefile layer's declared encoding goes into its source as GDAL's ENCODING open option", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_encoding_" });
  try {
    const layer = (id: string, path: string, encoding: string | null) =>
      `<maplayer type="vector" geometry="Point"><id>${id}</id>` +
      `<datasource>${path}</datasource><layername>${id}</layername>` +
      `<provider${
        encoding === null ? "" : ` encoding="${encoding}"`
      }>ogr</provider></maplayer>`;
    const layers: [string, string, string | null][] = [
      ["utf8", "./a.shp", "UTF-8"],
      ["latin1", "./b.dbf", "ISO-8859-1"],
      ["system", "./c.shp", "System"],
      ["none", "./d.shp", null],
      ["gpkg", "./e.gpkg|layername=e", "UTF-8"],
    ];
    await Deno.writeTextFile(
      `${dir}/p.qgs`,
      `<qgis version="3.22.0"><layer-tree-group>${
        layers.map(([id]) =>
          `<layer-tree-layer id="${id}" name="${id}" checked="Qt::Checked"/>`
        ).join("")
      }</layer-tree-group><projectlayers>${
        layers.map(([id, path, enc]) => layer(id, path, enc)).join("")
      }</projectlayers></qgis>`,
    );
    const config = await exportProject(await readProject(`${dir}/p.qgs`), {
      encodeStyle: keepQml,
      readSources: false,
    });
    const options = Object.fromEntries(
      config.datasets.vector.map((
        v,
      ) => [
        v.id,
        (v.source.ogr as unknown as Record<string, unknown>).open_options,
      ]),
    );
    assert.deepEqual(options, {
      utf8: ["ENCODING=UTF-8"],
      latin1: ["ENCODING=ISO-8859-1"],
      system: undefined,
      none: undefined,
      gpkg: undefined,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the project's WMSAddWktGeometry is wms_add_wkt_geometry, written only when set", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_wkt_" });
  try {
    const flags: [string | null, boolean][] = [
      ['<WMSAddWktGeometry type="bool">true</WMSAddWktGeometry>', true],
      ['<WMSAddWktGeometry type="QString">true</WMSAddWktGeometry>', true],
      ['<WMSAddWktGeometry type="bool">false</WMSAddWktGeometry>', false],
      [null, false],
    ];
    for (const [entry, set] of flags) {
      await Deno.writeTextFile(
        `${dir}/p.qgs`,
        `<qgis version="3.22.0"><layer-tree-group/><projectlayers/>${
          entry === null ? "" : `<properties>${entry}</properties>`
        }</qgis>`,
      );
      const config = await exportProject(await readProject(`${dir}/p.qgs`), {
        encodeStyle: keepQml,
        readSources: false,
      });
      assert.equal("wms_add_wkt_geometry" in config.project, set, entry ?? "");
      if (set) assert.equal(config.project.wms_add_wkt_geometry, true);
    }
    // WMSFeatureInfoUseAttributeFormSettings: only when set
    for (const [value, set] of [["true", true], ["false", false]] as const) {
      await Deno.writeTextFile(
        `${dir}/p.qgs`,
        `<qgis version="3.22.0"><layer-tree-group/><projectlayers/><properties><WMSFeatureInfoUseAttributeFormSettings type="bool">${value}</WMSFeatureInfoUseAttributeFormSettings></properties></qgis>`,
      );
      const config = await exportProject(await readProject(`${dir}/p.qgs`), {
        encodeStyle: keepQml,
        readSources: false,
      });
      assert.equal(
        config.project.wms_feature_info_use_attribute_form_settings,
        set ? true : undefined,
      );
    }
    // Measure/Ellipsoid, Measurement/*Units: only when not QGIS's defaults
    const measures: [string, Record<string, string>][] = [
      ["", {}],
      ['<Measure><Ellipsoid type="QString">NONE</Ellipsoid></Measure>', {}],
      [
        '<Measure><Ellipsoid type="QString">EPSG:7030</Ellipsoid></Measure><Measurement><AreaUnits type="QString">km2</AreaUnits><DistanceUnits type="QString">km</DistanceUnits></Measurement>',
        { ellipsoid: "EPSG:7030", area_units: "km2", distance_units: "km" },
      ],
      [
        '<Measurement><AreaUnits type="QString">m2</AreaUnits><DistanceUnits type="QString">meters</DistanceUnits></Measurement>',
        {},
      ],
    ];
    // a project of these properties, exported
    const exportWith = async (properties: string) => {
      await Deno.writeTextFile(
        `${dir}/p.qgs`,
        `<qgis version="3.22.0"><layer-tree-group/><projectlayers/><properties>${properties}</properties></qgis>`,
      );
      return await exportProject(await readProject(`${dir}/p.qgs`), {
        encodeStyle: keepQml,
        readSources: false,
      });
    };
    for (const [entry, want] of measures) {
      const config = await exportWith(entry);
      const { ellipsoid, area_units, distance_units } = config.project;
      assert.deepEqual(
        JSON.parse(JSON.stringify({ ellipsoid, area_units, distance_units })),
        want,
        entry,
      );
    }
    // WMSPrecision: only when not QGIS's default 6 (or unreadable)
    const precisions: [string, number | undefined][] = [
      ['<WMSPrecision type="QString">8</WMSPrecision>', 8],
      ['<WMSPrecision type="QString">6</WMSPrecision>', undefined],
      ['<WMSPrecision type="QString">x</WMSPrecision>', undefined],
      ["", undefined],
    ];
    for (const [entry, precision] of precisions) {
      const config = await exportWith(entry);
      assert.equal(config.project.wms_precision, precision, entry);
      if (precision === undefined) {
        assert.equal("wms_precision" in config.project, false);
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("embedded layers and groups are read from the project that owns them", async () => {
  // As QGIS 3.22 reads Lighter01/qgis_project's embedded_groups/project2.qgs
  // and embedded_layers/project.qgz (exporter/parity cases
  // qgis_embedded_*): the embedding project keeps the group's name and
  // state, takes its children from the owner's group of that name (the
  // "embedded-invisible-layers" unchecked) and each embedded <maplayer>
  // from the owner; paths are the owner's, relative to the embedding
  // project.
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_embedded_" });
  const layer = (id: string, file: string) =>
    `<maplayer type="vector" geometry="Point"><id>${id}</id><datasource>${file}</datasource><layername>${id}</layername><provider encoding="UTF-8">ogr</provider></maplayer>`;
  try {
    await Deno.mkdir(`${dir}/owner`);
    await Deno.mkdir(`${dir}/host`);
    await Deno.writeTextFile(
      `${dir}/owner/owner.qgs`,
      `<qgis version="3.22.0"><layer-tree-group>
        <layer-tree-group name="outer" checked="Qt::Checked">
          <layer-tree-group name="roads" checked="Qt::Checked">
            <layer-tree-layer id="a" name="a" checked="Qt::Checked"/>
            <layer-tree-layer id="b" name="b" checked="Qt::Checked"/>
          </layer-tree-group>
        </layer-tree-group>
        <layer-tree-layer id="c" name="c" checked="Qt::Checked"/>
      </layer-tree-group><projectlayers>
        ${layer("a", "./data/a.shp")}${
        layer("b", "../shared/b.gpkg|layername=b")
      }${layer("c", "./data/c.shp")}
      </projectlayers></qgis>`,
    );
    await Deno.writeTextFile(
      `${dir}/host/host.qgs`,
      `<qgis version="3.22.0"><layer-tree-group>
        <layer-tree-group name="roads" checked="Qt::Unchecked"><customproperties>
          <property key="embedded" value="1"/>
          <property key="embedded-invisible-layers" value="b"/>
          <property key="embedded_project" value="../owner/owner.qgs"/>
        </customproperties></layer-tree-group>
        <layer-tree-layer id="c" name="c" checked="Qt::Checked"/>
        <layer-tree-group name="gone"><customproperties>
          <property key="embedded" value="1"/>
          <property key="embedded_project" value="./missing.qgs"/>
        </customproperties></layer-tree-group>
      </layer-tree-group><projectlayers>
        <maplayer id="c" embedded="1" project="../owner/owner.qgs"/>
      </projectlayers></qgis>`,
    );
    const warnings: string[] = [];
    const config = await exportProject(
      await readProject(`${dir}/host/host.qgs`),
      {
        encodeStyle: keepQml,
        readSources: false,
        warn: (m) => warnings.push(m),
      },
    );
    assert.deepEqual(
      config.tree.members.map((m) => [m.id, m.is_checked, m.children]),
      [["", true, ["roads", "c", "gone"]], ["roads", false, ["a", "b"]], [
        "gone",
        true,
        [],
      ]],
    );
    assert.deepEqual(
      config.datasets.vector.map((
        v,
      ) => [v.id, v.is_checked, v.source.ogr?.path]),
      [
        ["a", true, "../owner/data/a.shp"],
        ["b", false, "../shared/b.gpkg"],
        ["c", true, "../owner/data/c.shp"],
      ],
    );
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0],
      /^Cannot read the embedded project \.\/missing\.qgs: /,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("title, creation time and an absent tree as upstream reads them on QGIS 3.22", async () => {
  // As lizmap-web-client's opacity.qgs / WMSInfotest.qgs and QField's
  // test_3d.qgz export upstream: QgsProject::title() never reads the
  // projectname attribute, toPyDateTime drops a UTC offset, and a project
  // without a layer tree or legend has an empty root group.
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_title_" });
  try {
    await Deno.writeTextFile(
      `${dir}/bare.qgs`,
      `<qgis version="3.10.5-A Coruña" projectname="Montpellier"><title></title>
        <projectMetadata><creation>2026-03-17T19:47:39+07:00</creation></projectMetadata>
      </qgis>`,
    );
    const config = await exportProject(await readProject(`${dir}/bare.qgs`), {
      encodeStyle: keepQml,
    });
    assert.equal(config.project.name, "bare");
    // g3w-admin's gruppo-1_un-progetto_qgis34_no_title.qgs: the title only
    // in the metadata
    await Deno.writeTextFile(
      `${dir}/meta.qgs`,
      `<qgis version="3.4.13-Madeira"><title></title>
        <projectMetadata><title>Un progetto</title></projectMetadata></qgis>`,
    );
    assert.equal(
      (await exportProject(await readProject(`${dir}/meta.qgs`), {
        encodeStyle: keepQml,
      })).project.name,
      "Un progetto",
    );
    assert.equal(config.meta_data.creationDateTime, "2026-03-17T19:47:39");
    assert.deepEqual(config.tree.members, [
      { id: "", name: "", is_checked: true, children: [], is_expanded: true },
    ]);
    assert.deepEqual(config.datasets.group.map((g) => g.id), [""]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the project's version is written as QGIS 3.22's QgsProjectVersion writes it", () => {
  // QgsProjectVersion(text).text() on QGIS 3.22 for each
  const cases: [string, string][] = [
    ["20.0", "20.0.0"],
    ["3.22.16-Białowieża", "3.22.16-Białowieża"],
    ["3", "3.0.0"],
    ["", "0.0.0"],
    ["3.22.0-", "3.22.0"],
    ["3.x.1-Foo-Bar", "3.0.1-Foo-Bar"],
    [" 3 .4", "3.4.0"],
  ];
  assert.deepEqual(
    cases.map(([text]) => [text, projectVersionText(text)]),
    cases,
  );
});

Deno.test("a vector layer's WKB type is the data's when the data tells a specific one, as QGIS 3.22 reads it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_wkb_" });
  try {
    const collection = (geometries: unknown[]) =>
      JSON.stringify({
        type: "FeatureCollection",
        features: geometries.map((geometry, i) => ({
          type: "Feature",
          properties: { n: i },
          geometry,
        })),
      });
    await Deno.writeTextFile(
      `${dir}/z.geojson`,
      collection([{ type: "Point", coordinates: [1, 2, 3] }]),
    );
    // mixed: GDAL tells "Unknown (any)"
    await Deno.writeTextFile(
      `${dir}/mixed.geojson`,
      collection([
        { type: "Point", coordinates: [1, 2] },
        { type: "LineString", coordinates: [[1, 2], [3, 4]] },
      ]),
    );
    const layers = [
      ["pointz_layer_1", "./z.geojson"],
      ["mixed_layer_01", "./mixed.geojson|geometrytype=Point"],
    ];
    await Deno.writeTextFile(
      `${dir}/p.qgs`,
      `<qgis version="3.22.16"><layer-tree-group>${
        layers.map(([id]) =>
          `<layer-tree-layer id="${id}" name="${id}" checked="Qt::Checked"/>`
        ).join("")
      }</layer-tree-group><projectlayers>${
        layers.map(([id, source]) =>
          `<maplayer type="vector" geometry="Point" wkbType="Point"><id>${id}</id>` +
          `<datasource>${source}</datasource><layername>${id}</layername>` +
          `<provider encoding="UTF-8">ogr</provider></maplayer>`
        ).join("")
      }</projectlayers></qgis>`,
    );
    const config = await exportProject(await readProject(`${dir}/p.qgs`), {
      encodeStyle: keepQml,
    });
    // QGIS 3.22's QgsWkbTypes.displayString(layer.wkbType()) of each
    assert.deepEqual(
      config.datasets.vector.map((v) => [v.id, v.geometry_type_wkb]),
      [["pointz_layer_1", "PointZ"], ["mixed_layer_01", "Point"]],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
