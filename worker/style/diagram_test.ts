import { parseQmlDocument } from "./qml.ts";
import { readDiagrams } from "./diagram.ts";

function assertEquals(actual: unknown, expected: unknown, msg: string): void {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${msg}\nactual:   ${a}\nexpected: ${e}`);
}

// a QGIS 3.4 project's diagram (xeophin/lede-data-and-databases): no
// colorOpacity, scale range written crossed
const LINEAR = `<qgis>
<LinearlyInterpolatedDiagramRenderer upperHeight="15" diagramType="Pie" lowerWidth="0" attributeLegend="1" lowerValue="0" classificationField="finale" upperValue="59" lowerHeight="0" upperWidth="15">
<DiagramCategory barWidth="5" maxScaleDenominator="1e+8" penWidth="0.5" lineSizeType="Point" width="15" sizeType="MM" backgroundColor="#ffffff" minScaleDenominator="0" enabled="1" opacity="1" height="15" diagramOrientation="Up" minimumSize="1" rotationOffset="270" penAlpha="255" backgroundAlpha="255" penColor="#741306" scaleDependency="Area" scaleBasedVisibility="1">
<fontProperties description="Source Sans Pro,13,-1,5,75,1,0,0,0,0" style=""/>
<attribute label="Wins" color="#df240c" field="&quot;wins&quot;"/>
<attribute label="Losses" color="#ff9011" field=" &quot;finale&quot; - &quot;wins&quot; "/>
</DiagramCategory>
</LinearlyInterpolatedDiagramRenderer>
<DiagramLayerSettings placement="0" linePlacementFlags="18" obstacle="1" dist="2" showAll="0" priority="2" zIndex="3"/>
</qgis>`;

Deno.test("readDiagrams: an interpolated pie of QGIS 3.4", () => {
  const d = readDiagrams(parseQmlDocument(LINEAR))!;
  assertEquals(d.type, "Pie", "type");
  assertEquals(d.categories.map((c) => [c.expression, c.color, c.label]), [
    ['"wins"', [223, 36, 12, 255], "Wins"],
    [' "finale" - "wins" ', [255, 144, 17, 255], "Losses"],
  ], "categories");
  assertEquals(d.interpolation, {
    expression: '"finale"',
    lowerValue: 0,
    upperValue: 59,
    lowerWidth: 0,
    lowerHeight: 0,
    upperWidth: 15,
    upperHeight: 15,
  }, "interpolation");
  assertEquals([d.minScale, d.maxScale, d.scaleBasedVisibility], [
    1e8,
    0,
    true,
  ], "scales");
  assertEquals(
    [d.penWidth, d.penUnit, d.sizeUnit],
    [0.5, "Point", "MM"],
    "units",
  );
  assertEquals(d.font, {
    family: "Source Sans Pro",
    size: 13,
    bold: true,
    italic: true,
  }, "font");
  // no direction attribute: QGIS 3.22 reads Counterclockwise
  assertEquals(d.clockwise, false, "direction");
  assertEquals(
    [d.placement, d.distance, d.priority, d.zIndex, d.obstacle, d.showAll],
    [0, 2, 2, 3, true, false],
    "layer settings",
  );
});

Deno.test("readDiagrams: fixed size, legacy transparency and map units", () => {
  const d = readDiagrams(parseQmlDocument(
    `<qgis><SingleCategoryDiagramRenderer diagramType="Histogram" attributeLegend="0">
<DiagramCategory enabled="0" transparency="51" sizeType="MapUnits" width="7" height="9" direction="0">
<attribute field="a" color="#102030" colorOpacity="0.5" label="A"/>
</DiagramCategory></SingleCategoryDiagramRenderer></qgis>`,
  ))!;
  assertEquals(
    [d.enabled, d.opacity, d.sizeUnit, d.width, d.height, d.clockwise],
    [false, 0.8, "MapUnit", 7, 9, true],
    "settings",
  );
  // QColor::setAlphaF keeps 16 bits: 0.5 is 32768 / 257
  assertEquals(d.categories[0].color, [16, 32, 48, 32768 / 257], "colour");
  assertEquals(
    [d.attributeLegend, d.interpolation],
    [false, undefined],
    "legend",
  );
});

Deno.test("readDiagrams: none without a diagram renderer", () => {
  assertEquals(readDiagrams(parseQmlDocument("<qgis/>")), null, "none");
});

Deno.test("readDiagrams: the category's paint effect", () => {
  // ahmethakankuru/QGIS-project (QGIS 3.16): a stack of a drop shadow only
  const root = parseQmlDocument(`<qgis>
<SingleCategoryDiagramRenderer diagramType="Pie"><DiagramCategory enabled="1" width="5" height="5">
<attribute field="&quot;a&quot;" color="#ff0000" label="A"/>
<effect type="effectStack" enabled="1"><effect type="dropShadow"><prop k="enabled" v="1"/><prop k="blur_level" v="5.845"/></effect></effect>
</DiagramCategory></SingleCategoryDiagramRenderer></qgis>`);
  const effect = readDiagrams(root)?.effect;
  assertEquals(
    [effect?.type, effect?.enabled, effect?.effects.map((e) => e.type)],
    ["effectStack", true, ["dropShadow"]],
    "the stack",
  );
});

Deno.test("readDiagrams: the layer settings' data-defined properties and the size legend", () => {
  const d = readDiagrams(parseQmlDocument(
    LINEAR.replace(
      '<DiagramLayerSettings placement="0" linePlacementFlags="18" obstacle="1" dist="2" showAll="0" priority="2" zIndex="3"/>',
      '<DiagramLayerSettings placement="1"><properties><Option type="Map"><Option name="name" value="" type="QString"/>' +
        '<Option name="properties" type="Map"><Option name="show" type="Map"><Option name="active" value="true" type="bool"/>' +
        '<Option name="expression" value="&quot;a&quot; > 5" type="QString"/><Option name="type" value="3" type="int"/>' +
        '</Option></Option><Option name="type" value="collection" type="QString"/></Option></properties></DiagramLayerSettings>',
    ).replace(
      "</LinearlyInterpolatedDiagramRenderer>",
      '<data-defined-size-legend type="collapsed" valign="center" title="T"><classes><class size="3" label="three"/></classes>' +
        '<text-style color="0,0,0,255" align="2"/></data-defined-size-legend></LinearlyInterpolatedDiagramRenderer>',
    ),
  ))!;
  assertEquals(d.dataDefined, {
    show: { active: true, expression: '"a" > 5' },
  }, "data-defined");
  const l = d.dataDefinedSizeLegend!;
  assertEquals(
    [l.type, l.valign, l.title, l.classes, l.textAlignment, l.symbol],
    ["collapsed", "center", "T", [{ size: 3, label: "three" }], 2, null],
    "size legend",
  );
});
