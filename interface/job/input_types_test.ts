// The input types are what `parse` accepts: jobs built with them type-check
// with only the required fields, parse to the output types, and every output
// value is an input (re-parsing a parsed job is fine).
import assert from "node:assert/strict";
import {
  QslJobParameterFeature,
  type QslJobParameterFeatureInfo,
  QslJobParameterFeatureInfo as FeatureInfoSchema,
  type QslJobParameterFeatureInfoInput,
  type QslJobParameterFeatureInput,
  type QslJobParameterLegend,
  QslJobParameterLegend as LegendSchema,
  type QslJobParameterLegendInput,
  type QslJobParameterRender,
  QslJobParameterRender as RenderSchema,
  type QslJobParameterRenderInput,
} from "./input.ts";

const layer = {
  id: "l1",
  name: "roads",
  source: '{"path":"roads.gpkg"}',
  remote: false,
  folder_name: "",
  driver: "ogr",
};

Deno.test("input types: minimal jobs type-check and parse with the defaults filled", () => {
  const legend: QslJobParameterLegendInput = { layers: [layer] };
  const render: QslJobParameterRenderInput = {
    layers: [layer],
    bbox: "2600000,1200000,2601000,1201000",
    crs: "EPSG:2056",
    width: 256,
    height: 256,
  };
  const info: QslJobParameterFeatureInfoInput = {
    INFO_FORMAT: "application/json",
    QUERY_LAYERS: "roads",
    I: 5,
    J: 5,
  };
  const feature: QslJobParameterFeatureInput = {
    queries: [{ layers: [layer] }],
  };
  const l: QslJobParameterLegend = LegendSchema.parse(legend);
  const r: QslJobParameterRender = RenderSchema.parse(render);
  const i: QslJobParameterFeatureInfo = FeatureInfoSchema.parse(info);
  assert.equal(l.dpi, 91);
  assert.equal(l.layers[0].style, null);
  assert.equal(r.format, "image/png");
  assert.equal(r.bbox.z_max, 0);
  assert.equal(i.I, "5");
  assert.equal(QslJobParameterFeature.parse(feature).start_index, 0);
  // outputs are inputs
  const again: QslJobParameterRenderInput = r;
  const againLegend: QslJobParameterLegendInput = l;
  const againInfo: QslJobParameterFeatureInfoInput = i;
  assert.deepEqual(RenderSchema.parse(again), r);
  assert.deepEqual(LegendSchema.parse(againLegend), l);
  assert.deepEqual(FeatureInfoSchema.parse(againInfo), i);
});

Deno.test("QslJobLayer: joins are optional, defaulted inside, and absent when not sent", async () => {
  const { QslJobLayer } = await import("./input.ts");
  const base = {
    id: "z",
    name: "zones",
    source: '{"path": "zones.geojson"}',
    remote: false,
    folder_name: "",
    driver: "ogr",
  };
  // a Python client's layer: nothing added
  assert.equal("joins" in QslJobLayer.parse(base), false);
  const layer = QslJobLayer.parse({
    ...base,
    joins: [{
      layer: { ...base, id: "s", name: "stats" },
      target_field: "code",
      join_field: "code",
      prefix: "stats_",
    }],
  });
  assert.equal(layer.joins![0].memory_cache, true);
  assert.equal(layer.joins![0].fields_subset, null);
  assert.equal(layer.joins![0].layer.style, null);
  assert.throws(
    () => QslJobLayer.parse({ ...base, joins: [{ target_field: "code" }] }),
  );
});

Deno.test("input types: a layer's declared crs is an authority code, never a file name or URL", () => {
  const job = (crs: string) => ({
    layers: [{ ...layer, crs }],
    bbox: "0,0,1,1",
    crs: "EPSG:2056",
    width: 1,
    height: 1,
  });
  assert.equal(RenderSchema.parse(job("EPSG:2056")).layers[0].crs, "EPSG:2056");
  for (const bad of ["/etc/passwd", "http://host/x.prj", "+proj=longlat", ""]) {
    const r = RenderSchema.safeParse(job(bad));
    assert.ok(!r.success, bad);
    assert.match(r.error.message, /Cannot read layer crs/);
  }
});
