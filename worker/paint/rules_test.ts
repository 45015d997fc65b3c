import { symbolPicker } from "./vector_layer.ts";
import type { ExpressionCompiler, PaintContext } from "./context.ts";
import { compileExpression } from "../expression/mod.ts";
import { parseVectorStyle } from "../style/qml.ts";
import { computeMapSettings } from "../map/compute.ts";
import type { Feature } from "../geometry/types.ts";

const compile: ExpressionCompiler = compileExpression;

function pc(scale: number): PaintContext {
  // a map whose scale is `scale`: 96 dpi, width 100 px
  const width = (scale * (100 / 96)) / 39.3700787;
  return {
    map: computeMapSettings({
      bbox: { x_min: 0, y_min: 0, x_max: width, y_max: width },
      crs: "EPSG:2056",
      width: 100,
      height: 100,
      dpi: 96,
    }),
    compile,
  } as PaintContext;
}

const QML = `<qgis><renderer-v2 type="RuleRenderer"><rules key="r">
  <rule key="a" filter="&quot;class&quot; = 'motorway'" symbol="0" scalemaxdenom="100000"/>
  <rule key="g" filter="&quot;lanes&quot; > 1">
    <rule key="b" filter="&quot;class&quot; = 'main'" symbol="1"/>
    <rule key="c" filter="ELSE" symbol="2"/>
  </rule>
  <rule key="d" filter="ELSE" symbol="3"/>
  <rule key="e" filter="&quot;class&quot; = 'main'" symbol="4" checkstate="0"/>
</rules><symbols>
  ${
  [0, 1, 2, 3, 4].map((i) =>
    `<symbol type="line" name="${i}" alpha="1"><layer class="SimpleLine" enabled="1" pass="0"><prop k="line_width" v="${i}"/></layer></symbol>`
  ).join("")
}
</symbols></renderer-v2></qgis>`;

function f(attributes: Record<string, string | number>): Feature {
  return { id: 1, attributes, geometry: null };
}

Deno.test("rules: nesting, ELSE per level, scale ranges, unchecked rules", () => {
  const style = parseVectorStyle(QML)!;
  const widths = (scale: number, a: Record<string, string | number>) =>
    symbolPicker(pc(scale), style.renderer, new Set(["class", "lanes"]))(f(a))
      .map((s) => s.layers[0].props.line_width);
  if (
    JSON.stringify(widths(50000, { class: "motorway", lanes: 1 })) !== '["0"]'
  ) throw new Error("motorway");
  // beyond the motorway rule's largest scale its filter still takes the
  // feature: QGIS 3.22's Rule::renderFeature counts it as matched
  // (Inactive), so the top-level ELSE does not draw it either
  if (
    JSON.stringify(widths(200000, { class: "motorway", lanes: 1 })) !== "[]"
  ) throw new Error("motorway out of scale");
  // beyond that scale a feature no rule's filter takes goes to the ELSE
  if (
    JSON.stringify(widths(200000, { class: "minor", lanes: 1 })) !== '["3"]'
  ) throw new Error("ELSE out of the motorway's scale");
  // so does an unchecked rule's
  if (JSON.stringify(widths(50000, { class: "main", lanes: 1 })) !== "[]") {
    throw new Error("unchecked rule");
  }
  if (JSON.stringify(widths(50000, { class: "main", lanes: 2 })) !== '["1"]') {
    throw new Error("main in group");
  }
  if (JSON.stringify(widths(50000, { class: "minor", lanes: 2 })) !== '["2"]') {
    throw new Error("group ELSE");
  }
  // the group matched, so the top-level ELSE does not
  if (JSON.stringify(widths(50000, { class: "minor", lanes: 1 })) !== '["3"]') {
    throw new Error("top ELSE");
  }
  if (
    JSON.stringify(widths(50000, { class: "motorway", lanes: 3 })) !==
      '["0","2"]'
  ) throw new Error("two rules");
});

Deno.test("rules: a filter that does not parse matches nothing, as QGIS's invalid QVariant; ELSE takes its features; one warning", () => {
  const qml = `<qgis><renderer-v2 type="RuleRenderer"><rules key="r">
  <rule key="a" filter="get_feature_frobnicate('x', 'id', 1) IS NULL" symbol="0"/>
  <rule key="b" filter="&quot;class&quot; = 'main'" symbol="1"/>
  <rule key="c" filter="ELSE" symbol="2"/>
</rules><symbols>
  ${
    [0, 1, 2].map((i) =>
      `<symbol type="line" name="${i}" alpha="1"><layer class="SimpleLine" enabled="1" pass="0"><prop k="line_width" v="${i}"/></layer></symbol>`
    ).join("")
  }
</symbols></renderer-v2></qgis>`;
  const style = parseVectorStyle(qml)!;
  const warnings: string[] = [];
  const ctx = { ...pc(50000), warn: (m: string) => warnings.push(m) };
  const pick = symbolPicker(ctx, style.renderer, new Set(["class"]));
  const widths = (a: Record<string, string>) =>
    pick(f(a)).map((s) => s.layers[0].props.line_width);
  if (JSON.stringify(widths({ class: "main" })) !== '["1"]') {
    throw new Error(`main: ${widths({ class: "main" })}`);
  }
  if (JSON.stringify(widths({ class: "minor" })) !== '["2"]') {
    throw new Error(`else: ${widths({ class: "minor" })}`);
  }
  if (
    warnings.length !== 1 ||
    !/expression 'get_feature_frobnicate\('x', 'id', 1\) IS NULL' is NULL: .*unknown function 'get_feature_frobnicate'/
      .test(warnings[0])
  ) throw new Error(`warnings: ${warnings}`);
});
