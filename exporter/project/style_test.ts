import assert from "node:assert/strict";
import { currentStyleQml, layerStyles } from "./style.ts";
import { parseXml } from "./xml_tree.ts";

// A layer as QGIS 2.14 saved it: its labels in labeling/* custom properties
// and an empty <labeling type="simple"/> placeholder.
const LAYER = `<maplayer type="vector" geometry="Point">
  <id>cities_1</id>
  <renderer-v2 type="singleSymbol"><symbols/></renderer-v2>
  <labeling type="simple"/>
  <customproperties>
    <property key="labeling" value="pal"/>
    <property key="labeling/enabled" value="true"/>
    <property key="labeling/fieldName" value="name"/>
    <property key="labeling/fontSize" value="11"/>
  </customproperties>
</maplayer>`;

Deno.test('style: QGIS 2.x labels behind an empty <labeling type="simple"/> are read from the custom properties, as QGIS 3.22 reads them', () => {
  const layer = parseXml(LAYER, "x.qgs");
  const qml = currentStyleQml(layer, LAYER, "2.14.3-Essen");
  assert.equal(qml.match(/<labeling /g)?.length, 1, qml);
  assert.match(qml, /<labeling type="simple">\s*<settings/);
  assert.match(qml, /fieldName="name"/);
  assert.match(qml, /labelsEnabled="1"/);
});

Deno.test("style: a <labeling> with settings is kept as it is", () => {
  const text = LAYER.replace(
    `<labeling type="simple"/>`,
    `<labeling type="simple"><settings><text-style fieldName="other"/></settings></labeling>`,
  );
  const qml = currentStyleQml(parseXml(text, "x.qgs"), text, "3.22.16");
  assert.equal(qml.match(/<labeling /g)?.length, 1);
  assert.match(qml, /fieldName="other"/);
  assert.doesNotMatch(qml, /fieldName="name"/);
});

Deno.test("style: a layer's diagrams are kept (renderer, category, layer settings), as exportNamedStyle writes them", () => {
  const text = LAYER.replace(
    `<labeling type="simple"/>`,
    `<LinearlyInterpolatedDiagramRenderer diagramType="Pie" classificationField="n" attributeLegend="1"><DiagramCategory enabled="1" width="15"><attribute field="&quot;a&quot;" color="#df240c" label="A"/></DiagramCategory></LinearlyInterpolatedDiagramRenderer><DiagramLayerSettings placement="1" showAll="1" priority="2"/>`,
  );
  const qml = currentStyleQml(parseXml(text, "x.qgs"), text, "3.22.16");
  assert.match(
    qml,
    /<LinearlyInterpolatedDiagramRenderer [^>]*classificationField="n"/,
  );
  assert.match(qml, /<attribute [^>]*field="&quot;a&quot;"/);
  assert.match(qml, /<DiagramLayerSettings [^>]*priority="2"/);
});

Deno.test("style: a value relation naming its layer by id is given that layer's name, source and provider; a stale one is set to them", () => {
  const text = `<maplayer type="vector" geometry="Point">
  <id>main</id>
  <fieldConfiguration>
    <field name="kind"><editWidget type="ValueRelation"><config><Option type="Map">
      <Option value="id" name="Key" type="QString"/>
      <Option value="dict_1" name="Layer" type="QString"/>
      <Option value="name" name="Value" type="QString"/>
    </Option></config></editWidget></field>
    <field name="other"><editWidget type="ValueRelation"><config><Option type="Map">
      <Option value="dict_1" name="Layer" type="QString"/>
      <Option value="/home/someone/old.csv" name="LayerSource" type="QString"/>
    </Option></config></editWidget></field>
    <field name="free"><editWidget type="ValueRelation"><config><Option type="Map">
      <Option value="elsewhere" name="Layer" type="QString"/>
    </Option></config></editWidget></field>
  </fieldConfiguration>
</maplayer>`;
  const layers = new Map([["dict_1", {
    name: "dict & co",
    source: "./dict.gpkg|layername=dict",
    provider: "ogr",
  }]]);
  const qml = currentStyleQml(parseXml(text, "x.qgs"), text, "3.22", layers);
  const added =
    `<Option value="dict &amp; co" name="LayerName" type="QString"/>` +
    `<Option value="./dict.gpkg|layername=dict" name="LayerSource" type="QString"/>` +
    `<Option value="ogr" name="LayerProviderName" type="QString"/>`;
  assert.ok(
    qml.includes(`<Option value="name" name="Value" type="QString"/>${added}`),
    qml,
  );
  assert.ok(
    qml.includes(
      `<Option value="./dict.gpkg|layername=dict" name="LayerSource" type="QString"/><Option value="dict &amp; co" name="LayerName" type="QString"/><Option value="ogr" name="LayerProviderName" type="QString"/>`,
    ),
    qml,
  );
  assert.doesNotMatch(qml, /old\.csv/);
  assert.match(
    qml,
    /<Option value="elsewhere" name="Layer" type="QString"\/>\s*<\/Option>/,
  );
  // the styles parse: the QML stays well-formed
  parseXml(qml, "x.qml");
});

Deno.test("style: a relation is given its referenced layer's display expression, and its name, source and provider where QGIS did not write them", () => {
  const text = `<maplayer type="vector" geometry="Point">
  <id>main</id>
  <referencedLayers>
    <relation id="r1" name="r1" referencingLayer="main" referencedLayer="dict_1" layerId="dict_1" dataSource="./dict.csv" providerKey="ogr" layerName="dict">
      <fieldRef referencingField="kind" referencedField="id"/>
    </relation>
    <relation id="r2" referencingLayer="main" referencedLayer="dict_1" strength="Association"/>
    <relation id="r3" referencingLayer="main" referencedLayer="elsewhere"/>
  </referencedLayers>
</maplayer>`;
  const layers = new Map([["dict_1", {
    name: "dict",
    source: "./dict.csv",
    provider: "ogr",
    display: `'<' || "name" || '> & "co"'`,
  }]]);
  const qml = currentStyleQml(parseXml(text, "x.qgs"), text, "3.22", layers);
  const display =
    `previewExpression="'&lt;' || &quot;name&quot; || '> &amp; &quot;co&quot;'"`;
  assert.ok(qml.includes(`layerName="dict" ${display}>`), qml);
  assert.ok(
    qml.includes(
      `strength="Association" layerName="dict" dataSource="./dict.csv" providerKey="ogr" ${display}/>`,
    ),
    qml,
  );
  assert.ok(
    qml.includes(
      `<relation id="r3" referencingLayer="main" referencedLayer="elsewhere"/>`,
    ),
    qml,
  );
  const relations =
    parseXml(qml, "x.qml").children.find((e) =>
      e.nodeName === "referencedLayers"
    )!.children;
  assert.equal(
    relations[0].getAttribute("previewExpression"),
    `'<' || "name" || '> & "co"'`,
  );
});

Deno.test("style: an unnamed style of the style manager is QGIS's 'default', listed in its sorted place", () => {
  // QGIS testdata's relations.qgs: QGIS 3.22 lists custom, custom2, default
  const text = `<maplayer type="vector" geometry="Point"><id>points_1</id>
  <renderer-v2 type="singleSymbol"><symbols/></renderer-v2>
  <map-layer-style-manager current="custom2">
    <map-layer-style name=""><qgis><renderer-v2 type="singleSymbol"><symbols/></renderer-v2></qgis></map-layer-style>
    <map-layer-style name="custom"><qgis><renderer-v2 type="singleSymbol"><symbols/></renderer-v2></qgis></map-layer-style>
    <map-layer-style name="custom2"/>
  </map-layer-style-manager>
</maplayer>`;
  const { current, styles } = layerStyles(
    parseXml(text, "x.qgs"),
    text,
    "3.22.16",
  );
  assert.equal(current, "custom2");
  assert.deepEqual(styles.map((s) => s.name), ["custom", "custom2", "default"]);
});
