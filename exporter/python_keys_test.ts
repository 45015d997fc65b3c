import assert from "node:assert/strict";
import { Config } from "@qgis-server-light/interface/config";
import {
  unknownKeys,
  UPSTREAM_ENTITIES,
} from "../interface/testdata/upstream_fields.ts";
import { pythonKeysOnly } from "./serialize.ts";
import { TESTDATA } from "./project/_test_util.ts";

// `--python-keys-only` is checked against the Python project's own
// dataclasses (interface/testdata/upstream_fields.json, listed from its
// source), not against our list of our additions: a key we add and forget
// to list is what this catches.

const MAIN = new URL("./main.ts", import.meta.url).pathname;
const ROOT = new URL("..", import.meta.url).pathname;

async function exportJson(project: string, ...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "export", "--project", project, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, stderr);
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

function drop(value: unknown, paths: string[]): unknown {
  const copy = structuredClone(value);
  for (const path of paths) {
    const keys = path.split(".");
    let at = copy as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
    delete at[keys.at(-1)!];
  }
  return copy;
}

/**
 * A project of every source kind with every addition of ours: web sources'
 * URI extras (referer, basic auth, tile pixel ratio, WMS flags), a
 * Shapefile's encoding (`open_options`), a declared CRS over the data's
 * (`data_crs`), one geometry type of a KML, delimited text, WFS, PostGIS,
 * GeoPackage, a GDAL raster, vector tiles, measures and feature info
 * settings.
 */
function extrasProject(): string {
  const lines = `${TESTDATA}lines.shp`;
  const srs = (authid: string) =>
    `<srs><spatialrefsys><authid>${authid}</authid></spatialrefsys></srs>`;
  const layers: [string, string, string, string, string][] = [
    // id, type, provider, datasource, extra XML
    [
      "xyz",
      "raster",
      "wms",
      "http-header:referer=https://example.org/&password=s3cret&tilePixelRatio=2&type=xyz&url=https://t.example.org/%7Bz%7D/%7Bx%7D/%7By%7D.png&username=me&zmax=19&zmin=0",
      srs("EPSG:3857"),
    ],
    [
      "wms",
      "raster",
      "wms",
      "IgnoreGetMapUrl=1&IgnoreGetFeatureInfoUrl=1&IgnoreAxisOrientation=1&InvertAxisOrientation=1&SmoothPixmapTransform=1&maxWidth=2048&maxHeight=2048&referer=https://example.org/&username=me&password=s3cret&contextualWMSLegend=0&crs=EPSG:2056&dpiMode=7&featureCount=10&format=image/png&layers=a&styles&url=https://wms.example.org/",
      srs("EPSG:2056"),
    ],
    [
      "wmts",
      "raster",
      "wms",
      "crs=EPSG:3857&format=image/png&layers=a&styles=default&tileMatrixSet=g&tilePixelRatio=0&type=wmts&url=https://wmts.example.org/%7BTileMatrix%7D/%7BTileCol%7D/%7BTileRow%7D.png&referer=https://example.org/",
      srs("EPSG:3857"),
    ],
    [
      "wfs",
      "vector",
      "WFS",
      "pagingEnabled='true' srsname='EPSG:2056' typename='a' url='https://wfs.example.org/' version='auto'",
      srs("EPSG:2056"),
    ],
    [
      "pg",
      "vector",
      "postgres",
      `dbname='gis' host=127.0.0.1 port=1 user='me' password='s3cret' sslmode=disable key='id' srid=2056 type=MultiPolygon checkPrimaryKeyUnicity='1' table="public"."zones" (geom)`,
      srs("EPSG:2056"),
    ],
    // a declared CRS that is not the .prj's, and a declared encoding
    ["shp", "vector", "ogr", lines, srs("EPSG:21781")],
    [
      "gpkg",
      "vector",
      "ogr",
      './missing.gpkg|layername=zones|subset="a" = 1',
      srs("EPSG:2056"),
    ],
    [
      "kml",
      "vector",
      "ogr",
      "./mixed.kml|layername=a|geometrytype=Polygon",
      srs("EPSG:4326"),
    ],
    [
      "csv",
      "vector",
      "delimitedtext",
      `file://${TESTDATA}decimals.csv?type=csv&xField=x&yField=y&crs=EPSG:2056`,
      srs("EPSG:2056"),
    ],
    ["dem", "raster", "gdal", "/vsizip/./dem.zip/dem.tif", srs("EPSG:2056")],
    [
      "tiles",
      "vector-tile",
      "",
      "styleUrl=https://tiles.example.org/style.json&type=xyz&url=https://tiles.example.org/%7Bz%7D/%7Bx%7D/%7By%7D.pbf&zmax=14&zmin=0",
      srs("EPSG:3857"),
    ],
  ];
  const esc = (s: string) =>
    s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(
      '"',
      "&quot;",
    );
  return `<qgis version="3.22.16-Białowieża" projectname="extras">
<layer-tree-group>${
    layers.map(([id]) => `<layer-tree-layer id="${id}" name="${id}"/>`).join(
      "",
    )
  }</layer-tree-group>
<projectlayers>${
    layers.map(([id, type, provider, source, extra]) =>
      `<maplayer type="${type}"><id>${id}</id><layername>${id}</layername>` +
      `<datasource>${esc(source)}</datasource>${extra}` +
      (id === "shp"
        ? `<provider encoding="ISO-8859-1">${provider}</provider>`
        : `<provider>${provider}</provider>`) +
      `</maplayer>`
    ).join("\n")
  }</projectlayers>
<properties><WMSPrecision type="QString">8</WMSPrecision><WMSAddWktGeometry type="bool">true</WMSAddWktGeometry><WMSFeatureInfoUseAttributeFormSettings type="bool">true</WMSFeatureInfoUseAttributeFormSettings><Measure><Ellipsoid type="QString">EPSG:7030</Ellipsoid></Measure><Measurement><AreaUnits type="QString">km2</AreaUnits><DistanceUnits type="QString">km</DistanceUnits></Measurement></properties>
</qgis>`;
}

Deno.test("--python-keys-only leaves no key the Python project's dataclasses do not declare, at any depth, and nothing else out", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_pykeys_" });
  try {
    await Deno.writeTextFile(`${dir}/extras.qgs`, extrasProject());
    const projects = [
      `${TESTDATA}basic.qgs`,
      `${TESTDATA}legend_qgis18.qgs`,
      `${ROOT}tests/parity/joins/data/joins_project.qgs`,
      `${ROOT}demo/demo.qgs`,
      `${dir}/extras.qgs`,
    ];
    const found: string[] = [];
    const left: string[] = [];
    for (const project of projects) {
      const full = await exportJson(project);
      const plain = await exportJson(project, "--python-keys-only");
      const name = project.split("/").pop();
      const ours = unknownKeys(full, "Config");
      found.push(...ours.map((p) => `${name}: ${p}`));
      left.push(...unknownKeys(plain, "Config").map((p) => `${name}: ${p}`));
      // what it leaves out is what upstream does not know, and only that
      if (left.length === 0) assert.deepEqual(plain, drop(full, ours), name);
    }
    console.log(
      `${found.length} keys upstream does not know in ${projects.length} projects, ${left.length} left by --python-keys-only`,
    );
    assert.deepEqual(left, []);
    // the generated project carries every addition of ours
    const extras = new Set(
      found.filter((p) => p.startsWith("extras.qgs")).map((p) =>
        p.split(".").pop()
      ),
    );
    for (
      const key of [
        "ellipsoid",
        "wms_precision",
        "data_crs",
        "open_options",
        "geometry_type",
        "referer",
        "tile_pixel_ratio",
        "username",
        "password",
        "ignore_get_map_url",
        "max_width",
        "type",
      ]
    ) assert.ok(extras.has(key), `${key} of ${[...extras].join(", ")}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("pythonKeysOnly leaves no unknown key in the golden config, and takes nothing from the Python exporter's own configs", async () => {
  const golden = Config.parse(
    JSON.parse(await Deno.readTextFile(`${TESTDATA}basic.config.json`)),
  );
  assert.deepEqual(unknownKeys(pythonKeysOnly(golden), "Config"), []);
  // the upstream exporter's configs of the parity projects: all its keys
  // are the dataclasses' (the list is right) and each survives
  const parity = new URL("./parity/", import.meta.url).pathname;
  let checked = 0;
  for await (const e of Deno.readDir(parity)) {
    if (!e.name.endsWith(".upstream.json")) continue;
    const upstream = JSON.parse(await Deno.readTextFile(parity + e.name));
    assert.deepEqual(unknownKeys(upstream, "Config"), [], e.name);
    const plain = pythonKeysOnly(Config.parse(upstream));
    const paths = (v: unknown, at = ""): string[] =>
      v && typeof v === "object"
        ? Object.entries(v).flatMap(([k, x]) => [
          `${at}${k}`,
          ...paths(x, `${at}${k}.`),
        ])
        : [];
    const kept = new Set(paths(plain));
    assert.deepEqual(paths(upstream).filter((p) => !kept.has(p)), [], e.name);
    checked++;
  }
  assert.equal(checked, 15);
  assert.ok("Config" in UPSTREAM_ENTITIES);
});
