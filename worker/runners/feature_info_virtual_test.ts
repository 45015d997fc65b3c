import assert from "node:assert/strict";
import { join } from "node:path";
import { encodeStyle } from "@qgis-server-light/interface";
import { featureInfo } from "./feature_info.ts";
import { convertCompatible } from "./feature_info_virtual.ts";

Deno.test("convertCompatible: QgsField's conversions of an expression's value", () => {
  const f = (type: string, precision?: number, length = 0) => ({
    type,
    precision,
    length,
  });
  assert.equal(convertCompatible(2.5, f("Integer")), 3);
  assert.equal(convertCompatible("7", f("Integer64")), 7);
  assert.equal(convertCompatible("x", f("Integer")), null);
  assert.equal(convertCompatible(2.345, f("Real", 2)), 2.35);
  assert.equal(convertCompatible(-2.345, f("Real", 2)), -2.35);
  assert.equal(convertCompatible(0.1, f("Real")), 0.1);
  assert.equal(convertCompatible(12.5, f("String")), "12.5");
  assert.equal(convertCompatible(true, f("String")), "true");
  assert.equal(convertCompatible("abcdef", f("String", undefined, 3)), "abc");
  assert.equal(convertCompatible(0, f("Boolean")), false);
  assert.equal(convertCompatible("false", f("Boolean")), false);
  assert.equal(convertCompatible(null, f("Boolean")), null);
});

const STYLE = `<qgis version="3.22.16">
  <renderer-v2 type="singleSymbol">
    <symbols>
      <symbol type="marker" name="0" alpha="1">
        <layer class="SimpleMarker" pass="0" enabled="1"><prop k="size" v="2"/></layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <aliases>
    <alias field="label" index="2" name="Label"/>
  </aliases>
  <expressionfields>
    <field name="label" type="10" typeName="string" length="0" precision="0"
      expression="upper(&quot;name&quot;) || ' &lt;' || &quot;n&quot; || '&gt;'"/>
    <field name="member" type="1" typeName="bool" length="0" precision="0"
      expression="array_intersect(array_foreach(string_to_array(&quot;groups&quot;), trim(@element)), array('b'))"/>
    <field name="broken" type="6" length="0" precision="0" expression="no_such_function(1)"/>
  </expressionfields>
</qgis>`;

Deno.test("feature info lists a style's virtual fields after the data's, typed, escaped in HTML", async () => {
  const root = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(
      join(root, "points.geojson"),
      JSON.stringify({
        type: "FeatureCollection",
        crs: {
          type: "name",
          properties: { name: "urn:ogc:def:crs:EPSG::2056" },
        },
        features: [{
          type: "Feature",
          properties: { name: "bern", n: 3, groups: "a, b" },
          geometry: { type: "Point", coordinates: [2600500, 1200500] },
        }],
      }),
    );
    const ask = async (format: string) => {
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
        layers: [{
          id: "points_id",
          name: "points",
          source: JSON.stringify({ path: "points.geojson" }),
          remote: false,
          folder_name: "",
          driver: "ogr",
          style: { name: "default", definition: encodeStyle(STYLE) },
          filter: null,
        }],
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
      }, {
        dataRoot: root,
        svgPaths: [],
        remoteHosts: [],
        limits: { maxWidth: 4096, maxHeight: 4096, maxLayers: 20 },
        logger: { log() {} },
      });
      return new TextDecoder().decode(out.data);
    };
    assert.match(
      await ask("text/plain"),
      /groups = 'a, b'\nLabel = 'BERN <3>'\nmember = 'true'\nbroken = 'NULL'\n/,
    );
    assert.match(
      await ask("application/json"),
      /"Label":"BERN <3>","broken":null,"groups":"a, b","member":true/,
    );
    assert.match(await ask("text/html"), /<TD>BERN &lt;3&gt;<\/TD>/);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});
