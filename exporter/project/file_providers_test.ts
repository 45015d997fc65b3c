// SpatiaLite, GPX and delimited text layers: exported with the keys QGIS
// 3.22's decodeUri gives them, fields read from the real files (made here
// by our own GDAL), and the worker reads what the exporter writes.
import assert from "node:assert/strict";
import { Config, jobLayer } from "@qgis-server-light/interface/config";
import {
  convertGeoJson,
  sampleCollection,
} from "../../worker/sources/_test_util.ts";
import { collectFeatures, openVectorSource } from "../../worker/sources/mod.ts";
import { exportProject } from "./export_project.ts";
import { readProject } from "./read_project.ts";

const GPX = `<?xml version="1.0"?>
<gpx version="1.1" creator="qsl test" xmlns="http://www.topografix.com/GPX/1/1">
  <wpt lat="46.95" lon="7.44"><name>Bern</name></wpt>
  <trk><name>walk</name><trkseg><trkpt lat="46.95" lon="7.44"/><trkpt lat="46.96" lon="7.45"/></trkseg></trk>
</gpx>
`;

function mapLayer(
  id: string,
  provider: string,
  datasource: string,
  wkb: string,
): string {
  return `<maplayer type="vector" wkbType="${wkb}" geometry="${wkb}">
      <id>${id}</id>
      <datasource>${datasource.replaceAll("&", "&amp;")}</datasource>
      <layername>${id}</layername>
      <srs><spatialrefsys><authid>EPSG:2056</authid><srid>2056</srid></spatialrefsys></srs>
      <provider encoding="UTF-8">${provider}</provider>
    </maplayer>`;
}

Deno.test("exporter: spatialite, gpx and delimitedtext layers with QGIS's decoded keys; the worker reads them", async () => {
  const dir = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "qsl_exporter_files_" }),
  );
  try {
    await convertGeoJson(dir, "sample", sampleCollection(), "SQLite", [
      "-dsco",
      "SPATIALITE=YES",
      "-nln",
      "sample",
    ]);
    await Deno.writeTextFile(`${dir}/walk.gpx`, GPX);
    await Deno.writeTextFile(
      `${dir}/towns.csv`,
      "name,x,y\nBern,2600000,1200000\n",
    );
    const layers = [
      mapLayer(
        "sl",
        "spatialite",
        `dbname='${dir}/sample.sqlite' table="sample" (GEOMETRY) sql=n >= 2`,
        "Point",
      ),
      mapLayer("walk", "gpx", `${dir}/walk.gpx?type=track`, "LineString"),
      mapLayer(
        "towns",
        "delimitedtext",
        `file://${dir}/towns.csv?type=csv&xField=x&yField=y&crs=EPSG:2056&detectTypes=yes`,
        "Point",
      ),
    ];
    const tree = ["sl", "walk", "towns"].map((id) =>
      `<layer-tree-layer id="${id}" name="${id}" checked="Qt::Checked"/>`
    ).join("");
    await Deno.writeTextFile(
      `${dir}/p.qgs`,
      `<qgis version="3.22.16-Białowieża"><layer-tree-group>${tree}</layer-tree-group><projectlayers>${
        layers.join("")
      }</projectlayers></qgis>`,
    );
    const warnings: string[] = [];
    const config = await exportProject(await readProject(`${dir}/p.qgs`), {
      encodeStyle: () => "",
      warn: (w) => warnings.push(w),
    });
    Config.parse(config);
    assert.deepEqual(warnings, []);
    const byId = new Map(config.datasets.vector.map((v) => [v.id, v]));
    const sl = byId.get("sl")!;
    assert.equal(sl.driver, "spatialite");
    assert.deepEqual(sl.source.ogr, {
      path: "sample.sqlite",
      layer_name: "sample",
      vsi_prefix: null,
      layer_id: null,
      subset: "n >= 2",
    });
    assert.ok(
      sl.fields.some((f) => f.name === "name"),
      JSON.stringify(sl.fields),
    );
    const walk = byId.get("walk")!;
    assert.equal(walk.driver, "gpx");
    assert.equal(walk.source.ogr?.path, "walk.gpx");
    assert.equal(walk.source.ogr?.layer_name, "track");
    assert.ok(walk.fields.some((f) => f.name === "name"));
    const towns = byId.get("towns")!;
    assert.equal(towns.driver, "delimitedtext");
    assert.deepEqual(
      (towns.source.ogr as unknown as Record<string, unknown>).open_options,
      ["type=csv", "xField=x", "yField=y", "crs=EPSG:2056", "detectTypes=yes"],
    );
    // The worker reads the spatialite and gpx sources as exported.
    const ctx = { dataRoot: dir, remoteHosts: [] };
    const bbox = { xmin: 2400000, ymin: 1000000, xmax: 2900000, ymax: 1400000 };
    for (const v of [sl, walk]) {
      const source = openVectorSource(
        {
          id: v.id,
          name: v.name,
          driver: v.driver,
          source: JSON.stringify(v.source.ogr),
        },
        ctx,
        "render",
      );
      const features = await collectFeatures(
        await source.features({ bbox, crs: "EPSG:2056" }),
      );
      assert.ok(features.length > 0, v.id);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("exporter: data_crs where the data has no CRS or another than the project's; the job layer carries the project's and the worker reads in it", async () => {
  const dir = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "qsl_exporter_crs_" }),
  );
  try {
    // the sample's EPSG:2056 coordinates, in a Shapefile without .prj
    await convertGeoJson(dir, "bare", sampleCollection(), "ESRI Shapefile", [
      "-nln",
      "bare",
    ]);
    await Deno.remove(`${dir}/bare.prj`);
    await convertGeoJson(dir, "own", sampleCollection(), "ESRI Shapefile", [
      "-nln",
      "own",
    ]);
    await Deno.writeTextFile(
      `${dir}/towns.csv`,
      "name,x,y\nBern,2600000,1200000\n",
    );
    // a GeoTIFF without a CRS of its own (legend_info's own data)
    await Deno.copyFile(
      new URL(
        "../../tests/parity/real/legend_info/own/nocrs/nocrs.tif",
        import.meta.url,
      ),
      `${dir}/grid.tif`,
    );
    const layers = [
      mapLayer("bare", "ogr", `${dir}/bare.shp`, "Polygon"),
      mapLayer("own", "ogr", `${dir}/own.shp`, "Polygon"),
      mapLayer(
        "towns",
        "delimitedtext",
        `file://${dir}/towns.csv?type=csv&xField=x&yField=y&detectTypes=yes`,
        "Point",
      ),
      mapLayer(
        "towns_4326",
        "delimitedtext",
        `file://${dir}/towns.csv?type=csv&xField=x&yField=y&crs=EPSG%3A4326`,
        "Point",
      ),
    ];
    const ids = ["bare", "own", "towns", "towns_4326"];
    layers.push(
      mapLayer("grid", "gdal", `${dir}/grid.tif`, "")
        .replace('type="vector"', 'type="raster"'),
    );
    const tree = [...ids, "grid"].map((id) =>
      `<layer-tree-layer id="${id}" name="${id}" checked="Qt::Checked"/>`
    ).join("");
    await Deno.writeTextFile(
      `${dir}/p.qgs`,
      `<qgis version="3.22.16-Białowieża"><layer-tree-group>${tree}</layer-tree-group><projectlayers>${
        layers.join("")
      }</projectlayers></qgis>`,
    );
    const config = await exportProject(await readProject(`${dir}/p.qgs`), {
      encodeStyle: () => "",
    });
    Config.parse(config);
    const byId = new Map(config.datasets.vector.map((v) => [v.id, v]));
    // the key only where QGIS reads the data in another CRS than its own
    assert.equal(byId.get("bare")!.data_crs, "");
    assert.equal("data_crs" in byId.get("own")!, false);
    assert.equal(byId.get("towns")!.data_crs, "");
    assert.equal(byId.get("towns_4326")!.data_crs, "EPSG:4326");
    const grid = config.datasets.raster.find((r) => r.id === "grid")!;
    assert.equal(grid.data_crs, "");
    assert.equal(jobLayer(grid, "", "").crs, "EPSG:2056");
    const job = ids.map((id) => jobLayer(byId.get(id)!, "", ""));
    assert.deepEqual(job.map((l) => l.crs), [
      "EPSG:2056",
      undefined,
      "EPSG:2056",
      "EPSG:2056",
    ]);
    assert.equal("crs" in job[1], false);
    // read on an EPSG:3857 map: each in EPSG:2056, as QGIS reads the
    // project (Bern's 2600000/1200000 is about 829,000/5,933,000 there)
    const ctx = { dataRoot: dir, remoteHosts: [] };
    const bbox = { xmin: 800000, ymin: 5900000, xmax: 860000, ymax: 5960000 };
    for (const layer of job) {
      const features = await collectFeatures(
        await openVectorSource(layer, ctx, "render").features({
          bbox,
          crs: "EPSG:3857",
        }),
      );
      assert.ok(features.length > 0, layer.id);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
