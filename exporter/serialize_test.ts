import assert from "node:assert/strict";
import { DOMParser } from "@xmldom/xmldom";
import { Config } from "@qgis-server-light/interface/config";
import { pythonKeysOnly, serializeConfig } from "./serialize.ts";

const config = Config.parse({
  project: { version: "3.22.16", name: "a & b" },
  meta_data: {
    service: { contact_organization: "<org>", contact_mail: null },
    categories: ["x", "y"],
    creationDateTime: "2026-01-02T03:04:05",
  },
  tree: {
    members: [{
      id: "",
      name: "",
      is_checked: true,
      children: ["l1", "l2"],
      is_expanded: false,
    }],
  },
  datasets: {},
});

Deno.test("JSON output is indented and round-trips", () => {
  const text = serializeConfig(config, "json");
  assert.ok(text.startsWith('{\n  "project": {\n    "version"'));
  assert.deepEqual(Config.parse(JSON.parse(text)), config);
});

Deno.test("XML output: an element per field, lists repeat, nulls omitted", () => {
  const text = serializeConfig(config, "xml");
  const doc = new DOMParser().parseFromString(text, "text/xml");
  const root = doc.documentElement!;
  assert.equal(root.nodeName, "Config");
  assert.equal(root.getElementsByTagName("name")[0].textContent, "a & b");
  assert.equal(
    root.getElementsByTagName("contact_organization")[0].textContent,
    "<org>",
  );
  assert.equal(root.getElementsByTagName("contact_mail").length, 0);
  assert.equal(root.getElementsByTagName("categories").length, 2);
  assert.deepEqual(
    Array.from(root.getElementsByTagName("children")).map((e) => e.textContent),
    ["l1", "l2"],
  );
  assert.equal(
    root.getElementsByTagName("is_expanded")[0].textContent,
    "false",
  );
});

Deno.test("pythonKeysOnly leaves out an OGR source's geometry_type, and keeps the rest of the source", () => {
  const split = Config.parse({
    ...config,
    datasets: {
      vector: [{
        id: "l1",
        name: "parcels",
        title: "parcels",
        is_checked: true,
        driver: "ogr",
        source: {
          ogr: {
            path: "mixed.kml",
            layer_name: "a",
            geometry_type: "Polygon",
          },
        },
      }],
    },
  });
  assert.equal(split.datasets.vector[0].source.ogr?.geometry_type, "Polygon");
  const plain = pythonKeysOnly(split).datasets.vector[0].source.ogr!;
  assert.equal("geometry_type" in plain, false);
  assert.equal(plain.layer_name, "a");
});

Deno.test("pythonKeysOnly leaves out the project's ellipsoid and units", () => {
  const measured = Config.parse({
    ...config,
    project: {
      ...config.project,
      ellipsoid: "EPSG:7030",
      area_units: "km2",
      distance_units: "km",
    },
  });
  const plain = pythonKeysOnly(measured).project;
  for (const key of ["ellipsoid", "area_units", "distance_units"]) {
    assert.equal(key in plain, false, key);
  }
  assert.equal(plain.name, config.project.name);
});
