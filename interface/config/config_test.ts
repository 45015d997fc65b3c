import assert from "node:assert/strict";
import {
  Config,
  ExportParameters,
  ExportResult,
  Field,
  Vector,
} from "./mod.ts";

const minimal = {
  project: { version: "3.22.16-Białowieża", name: "demo" },
  meta_data: { service: { contact_organization: null, contact_mail: null } },
  tree: { members: [] },
  datasets: {},
};

Deno.test("Config fills the Python defaults", () => {
  const c = Config.parse(minimal);
  assert.deepEqual(c.datasets, {
    vector: [],
    raster: [],
    custom: [],
    group: [],
  });
  assert.equal(c.meta_data.service.fees, null);
  assert.deepEqual(c.meta_data.links, []);
  assert.match(c.meta_data.creationDateTime, /^\d{4}-\d\d-\d\dT/);
});

Deno.test("Config tolerates unknown fields and round-trips", () => {
  const c = Config.parse({ ...minimal, extra: 1 });
  assert.deepEqual(Config.parse(JSON.parse(JSON.stringify(c))), c);
});

Deno.test("Config rejects a bad field and names its path", () => {
  const bad = structuredClone(minimal) as Record<string, unknown>;
  (bad.tree as { members: unknown[] }).members.push({ id: 1 });
  const r = Config.safeParse(bad);
  assert.equal(r.success, false);
  assert.deepEqual(r.error!.issues[0].path, ["tree", "members", 0, "id"]);
});

Deno.test("Vector and Field defaults match the Python dataclasses", () => {
  const v = Vector.parse({
    id: "a",
    name: "a",
    title: "A",
    is_checked: true,
    driver: "ogr",
    source: { ogr: { path: "x.gpkg" } },
  });
  assert.equal(v.style_name, "default");
  assert.equal(v.is_spatial, true);
  assert.equal(v.source.gdal, null);
  assert.equal(v.source.ogr?.layer_name, null);
  const f = Field.parse({ name: "fid", type: "Integer64" });
  assert.equal(f.is_primary_key, false);
  assert.equal(f.nullable, true);
});

Deno.test("ExportParameters refuses unknown fields like the Python service", () => {
  const p = ExportParameters.parse({ mandant: "m", project: "p" });
  assert.equal(p.output_format, "json");
  assert.equal(p.unify_layer_names_by_group, false);
  assert.equal(
    ExportParameters.safeParse({ mandant: "m", project: "p", x: 1 }).success,
    false,
  );
  assert.equal(ExportResult.parse({ successful: true }).successful, true);
});
