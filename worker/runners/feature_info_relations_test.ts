import assert from "node:assert/strict";
import { join } from "node:path";
import { encodeStyle, type QslJobLayer } from "@qgis-server-light/interface";
import { featureInfo } from "./feature_info.ts";
import {
  displayValue,
  type InfoField,
  valueRelationValue,
} from "./feature_info_fields.ts";
import type { RunnerContext } from "./types.ts";

function field(
  widget: string,
  options: Record<string, string>,
  type = "String",
  valueRelation?: [string | number | null, string][],
): InfoField {
  return {
    name: "f",
    displayName: "f",
    type,
    widget,
    config: { options, valueMap: [] },
    ...(valueRelation ? { valueRelation } : {}),
  };
}

Deno.test("value relation: the item's value, (key) for none, NULL", () => {
  const f = field("ValueRelation", {}, "Integer", [[1, "Piemonte"], [
    2,
    "Liguria",
  ]]);
  assert.equal(displayValue(2, f), "Liguria");
  assert.equal(displayValue("2", f), "Liguria"); // GML passes text
  assert.equal(displayValue(3, f), "(3)");
  assert.equal(displayValue(null, f), "NULL");
  assert.equal(valueRelationValue(1, f), "Piemonte");
});

Deno.test("value relation with AllowMulti: a list in braces, shown without", () => {
  const f = field("ValueRelation", { AllowMulti: "true" }, "String", [
    ["1", "Emma"],
    ["2", "Liam"],
    ["3", "Olivia"],
  ]);
  assert.equal(valueRelationValue("{3,1}", f), "{Emma, Olivia}");
  assert.equal(valueRelationValue('["2"]', f), "{Liam}");
  assert.equal(valueRelationValue("2", f), "{}"); // not a list
  assert.equal(valueRelationValue(null, f), "{}");
  assert.equal(displayValue("{3,1}", f), "Emma, Olivia");
  assert.equal(displayValue(null, f), "");
});

Deno.test("check box: a boolean's truth, another field's states", () => {
  const bool = field("CheckBox", {}, "Boolean");
  assert.equal(displayValue(true, bool), "true");
  assert.equal(displayValue(null, bool), "false");
  assert.equal(displayValue("false", bool), "false");
  const int = field(
    "CheckBox",
    { CheckedState: "1", UncheckedState: "0" },
    "Integer",
  );
  assert.equal(displayValue(1, int), "true");
  assert.equal(displayValue(0, int), "false");
  // QGIS 3.22.16's answers: another value in parentheses; a null number
  // reads 0, a null text nothing
  assert.equal(displayValue(5, int), "(5)");
  assert.equal(displayValue(null, int), "false");
  // unset states (an invalid QVariant) match nothing
  assert.equal(displayValue(0, field("CheckBox", {}, "Integer")), "(0)");
  const text = field(
    "CheckBox",
    { CheckedState: "Yes", UncheckedState: "No", TextDisplayMethod: "1" },
    "String",
  );
  assert.equal(displayValue("Yes", text), "Yes");
  assert.equal(displayValue("No", text), "No");
  assert.equal(displayValue(null, text), "()");
  assert.equal(displayValue("maybe", text), "(maybe)");
});

const STYLE = (layerSource: string, layerId = "types_id") =>
  `<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16">
  <renderer-v2 type="singleSymbol">
    <symbols>
      <symbol type="marker" name="0" alpha="1">
        <layer class="SimpleMarker" pass="0" enabled="1">
          <prop k="size" v="2"/>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <fieldConfiguration>
    <field name="type">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowMulti" value="false"/>
            <Option type="QString" name="FilterExpression" value=""/>
            <Option type="QString" name="Key" value="code"/>
            <Option type="QString" name="Layer" value="${layerId}"/>
            <Option type="QString" name="LayerName" value="types"/>
            <Option type="QString" name="LayerProviderName" value="ogr"/>
            <Option type="QString" name="LayerSource" value="${layerSource}"/>
            <Option type="QString" name="Value" value="label"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="ok">
      <editWidget type="CheckBox">
        <config>
          <Option type="Map">
            <Option type="QString" name="CheckedState" value="1"/>
            <Option type="QString" name="UncheckedState" value="0"/>
          </Option>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
</qgis>`;

function writeData(root: string): void {
  const data = join(root, "project");
  Deno.mkdirSync(data, { recursive: true });
  Deno.writeTextFileSync(
    join(data, "points.geojson"),
    JSON.stringify({
      type: "FeatureCollection",
      crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::2056" } },
      features: [{
        type: "Feature",
        properties: { type: "B", ok: 1 },
        geometry: { type: "Point", coordinates: [2600500, 1200500] },
      }],
    }),
  );
  const table = (rows: [string, string][]) =>
    JSON.stringify({
      type: "FeatureCollection",
      features: rows.map(([code, label]) => ({
        type: "Feature",
        properties: { code, label },
        geometry: null,
      })),
    });
  Deno.writeTextFileSync(
    join(data, "types.geojson"),
    table([["A", "Type A"], ["B", "Type B"]]),
  );
  Deno.writeTextFileSync(
    join(root, "..", "outside_types.geojson"),
    table([["B", "read from outside"]]),
  );
}

/** Runs `fn` on a fresh data root (writeData's files) inside a temporary folder. */
async function withData(
  fn: (root: string, outer: string) => Promise<void>,
): Promise<void> {
  const outer = Deno.makeTempDirSync();
  try {
    const root = join(outer, "root");
    writeData(root);
    await fn(root, outer);
  } finally {
    Deno.removeSync(outer, { recursive: true });
  }
}

async function ask(
  root: string,
  layers: QslJobLayer[],
  format = "text/plain",
): Promise<string> {
  const ctx: RunnerContext = {
    dataRoot: root,
    svgPaths: [],
    remoteHosts: [],
    limits: { maxWidth: 4096, maxHeight: 4096, maxLayers: 20 },
    logger: { log() {} },
  };
  const out = await featureInfo({
    INFO_FORMAT: format,
    QUERY_LAYERS: "points",
    I: "50",
    J: "50",
    X: null,
    Y: null,
    FEATURE_COUNT: 1,
    FI_POINT_TOLERANCE: 5,
    FI_LINE_TOLERANCE: 0,
    FI_POLYGON_TOLERANCE: 0,
    layers,
    bbox: {
      x_min: 2600000,
      y_min: 1200000,
      x_max: 2601000,
      y_max: 1201000,
      z_min: 0,
      z_max: 0,
    },
    crs: "EPSG:2056",
    width: 100,
    height: 100,
    dpi: 96,
  }, ctx);
  return new TextDecoder().decode(out.data);
}

function points(style: string): QslJobLayer {
  return {
    id: "points_id",
    name: "points",
    source: JSON.stringify({ path: "points.geojson" }),
    remote: false,
    folder_name: "project",
    driver: "ogr",
    style: { name: "default", definition: encodeStyle(style) },
    filter: null,
  } as QslJobLayer;
}

Deno.test("value relation: read from the widget's LayerSource beside the project", async () => {
  await withData(async (root) => {
    const text = await ask(root, [points(STYLE("./types.geojson"))]);
    assert.match(text, /type = 'Type B'\nok = 'true'\n/);
    // JSON carries a value relation's text, not a check box's
    const json = await ask(
      root,
      [points(STYLE("./types.geojson"))],
      "application/json",
    );
    assert.match(json, /"ok":1,"type":"Type B"/);
  });
});

Deno.test("value relation: a job layer of that id is read first", async () => {
  await withData(async (root) => {
    Deno.writeTextFileSync(
      join(root, "project", "other_types.geojson"),
      JSON.stringify({
        type: "FeatureCollection",
        features: [{
          type: "Feature",
          properties: { code: "B", label: "from the job" },
          geometry: null,
        }],
      }),
    );
    const types: QslJobLayer = {
      ...points(STYLE("")),
      id: "types_id",
      name: "types",
      source: JSON.stringify({ path: "other_types.geojson" }),
      style: null,
    };
    const text = await ask(root, [
      points(STYLE("./types.geojson")),
      types,
    ]);
    assert.match(text, /type = 'from the job'/);
  });
});

Deno.test("value relation: a LayerSource outside the data root is not read", async () => {
  await withData(async (root, outer) => {
    for (
      const source of [
        "../../outside_types.geojson",
        join(outer, "outside_types.geojson"),
      ]
    ) {
      const text = await ask(root, [points(STYLE(source))]);
      // as QGIS without the layer: the key in parentheses
      assert.match(text, /type = '\(B\)'/, source);
    }
  });
});

const REFERENCE_STYLE = `<qgis version="3.22.16">
  <renderer-v2 type="singleSymbol">
    <symbols>
      <symbol type="marker" name="0" alpha="1">
        <layer class="SimpleMarker" pass="0" enabled="1"><prop k="size" v="2"/></layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <referencedLayers>
    <relation id="points_type_types_code" referencedLayer="types_id" layerId="types_id" referencingLayer="points_id" name="types">
      <fieldRef referencingField="type" referencedField="code"/>
    </relation>
  </referencedLayers>
  <fieldConfiguration>
    <field name="type">
      <editWidget type="RelationReference">
        <config>
          <Option type="Map">
            <Option type="QString" name="Relation" value="points_type_types_code"/>
          </Option>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
</qgis>`;

Deno.test("relation reference: the referenced job layer's display expression", async () => {
  await withData(async (root) => {
    const types = (preview: string): QslJobLayer => ({
      ...points(STYLE("")),
      id: "types_id",
      name: "types",
      source: JSON.stringify({ path: "types.geojson" }),
      style: {
        name: "default",
        definition: encodeStyle(
          `<qgis><previewExpression>${preview}</previewExpression></qgis>`,
        ),
      },
    });
    const withTypes = await ask(root, [
      points(REFERENCE_STYLE),
      types(`'#' || "code" || ' ' || "label"`),
    ]);
    assert.match(withTypes, /type = '#B Type B'/);
    // an expression that fails shows the referenced field's value
    const failing = await ask(root, [
      points(REFERENCE_STYLE),
      types(`"label" / 0 + no_such_field`),
    ]);
    assert.match(failing, /type = 'B'/);
    // without the referenced layer the value stays as it is
    const alone = await ask(root, [points(REFERENCE_STYLE)]);
    assert.match(alone, /type = 'B'/);
  });
});
