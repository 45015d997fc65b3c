import { getCanvasKit } from "./canvaskit.ts";
import type { PaintContext } from "./context.ts";
import { paintVectorLayer } from "./vector_layer.ts";
import { parseVectorStyle } from "../style/qml.ts";
import type { Feature } from "../geometry/types.ts";
import { computeMapSettings } from "../map/compute.ts";

// A 100×100 px map of 0..100 map units (1 unit per pixel, y up).
const map = computeMapSettings({
  bbox: { x_min: 0, y_min: 0, x_max: 100, y_max: 100 },
  crs: "EPSG:2056",
  width: 100,
  height: 100,
  dpi: 96,
});

function render(
  qml: string,
  features: Feature[],
  fields: string[],
): Promise<(x: number, y: number) => number[]> {
  return renderWith(qml, features, fields, (t) => {
    throw new SyntaxError(`no expressions in this test: ${t}`);
  });
}

async function renderWith(
  qml: string,
  features: Feature[],
  fields: string[],
  compile: PaintContext["compile"],
): Promise<(x: number, y: number) => number[]> {
  const ck = await getCanvasKit();
  const surface = ck.MakeSurface(100, 100)!;
  const canvas = surface.getCanvas();
  canvas.clear(ck.TRANSPARENT);
  const warnings: string[] = [];
  const pc: PaintContext = {
    ck,
    canvas,
    map,
    compile,
    variables: {},
    loadSvg: () => null,
    featureBlendMode: 0,
    warn: (m) => warnings.push(m),
  };
  const style = parseVectorStyle(qml)!;
  paintVectorLayer(pc, style, features, new Set(fields));
  const px = canvas.readPixels(0, 0, {
    width: 100,
    height: 100,
    colorType: ck.ColorType.RGBA_8888,
    alphaType: ck.AlphaType.Unpremul,
    colorSpace: ck.ColorSpace.SRGB,
  }) as Uint8Array;
  surface.dispose();
  return (x, y) =>
    Array.from(px.subarray((y * 100 + x) * 4, (y * 100 + x) * 4 + 4));
}

function square(
  id: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  attributes: Record<string, string | number> = {},
): Feature {
  return {
    id,
    attributes,
    geometry: {
      kind: "polygon",
      parts: [[new Float64Array([x0, y0, x1, y0, x1, y1, x0, y1, x0, y0])]],
    },
  };
}

function point(
  id: number,
  x: number,
  y: number,
  attributes: Record<string, string | number> = {},
): Feature {
  return {
    id,
    attributes,
    geometry: { kind: "point", parts: [[new Float64Array([x, y])]] },
  };
}

function eq(a: unknown, b: unknown, msg: string): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    throw new Error(`${msg}: ${JSON.stringify(a)} !== ${JSON.stringify(b)}`);
  }
}

const fill = (color: string, extra = "") =>
  `<symbol type="fill" name="S" alpha="1"><layer class="SimpleFill" enabled="1" pass="0"><prop k="color" v="${color}"/><prop k="outline_style" v="no"/>${extra}</layer></symbol>`;

Deno.test("paint: single symbol fill covers the polygon, nothing outside", async () => {
  const at = await render(
    `<qgis><renderer-v2 type="singleSymbol"><symbols>${
      fill("255,0,0,255").replace('name="S"', 'name="0"')
    }</symbols></renderer-v2></qgis>`,
    [square(1, 20, 20, 60, 60)],
    [],
  );
  eq(at(40, 60), [255, 0, 0, 255], "inside (map y 40 → pixel row 60)");
  eq(at(10, 10), [0, 0, 0, 0], "outside");
  eq(at(70, 50), [0, 0, 0, 0], "right of it");
});

Deno.test("paint: a symbol of another geometry type draws nothing (QgsSymbol::renderFeature)", async () => {
  // a style made for lines (a wide line symbol) on polygons and points,
  // a fill on points: QGIS 3.22 draws none of them
  const line =
    `<symbol type="line" name="0" alpha="1"><layer class="SimpleLine" enabled="1" pass="0"><prop k="line_color" v="255,0,0,255"/><prop k="line_width" v="4"/></layer></symbol>`;
  const at = await render(
    `<qgis><renderer-v2 type="singleSymbol"><symbols>${line}</symbols></renderer-v2></qgis>`,
    [square(1, 20, 20, 60, 60), point(2, 80, 80)],
    [],
  );
  eq(at(20, 60), [0, 0, 0, 0], "the polygon's outline");
  eq(at(80, 20), [0, 0, 0, 0], "the point");
  const onPoint = await render(
    `<qgis><renderer-v2 type="singleSymbol"><symbols>${
      fill("255,0,0,255").replace('name="S"', 'name="0"')
    }</symbols></renderer-v2></qgis>`,
    [point(2, 80, 80), square(1, 20, 20, 60, 60)],
    [],
  );
  eq(onPoint(80, 20), [0, 0, 0, 0], "a fill on a point");
  eq(onPoint(40, 60), [255, 0, 0, 255], "the fill on the polygon");
});

Deno.test("paint: categories by field, render=false and the catch-all category", async () => {
  const qml =
    `<qgis><renderer-v2 type="categorizedSymbol" attr="kind"><categories>
    <category symbol="0" value="a" render="true"/><category symbol="1" value="b" render="false"/>
    <category symbol="2" value="" render="true"/></categories><symbols>
    ${fill("255,0,0,255").replace('name="S"', 'name="0"')}${
      fill("0,255,0,255").replace('name="S"', 'name="1"')
    }
    ${
      fill("0,0,255,255").replace('name="S"', 'name="2"')
    }</symbols></renderer-v2></qgis>`;
  const at = await render(qml, [
    square(1, 0, 0, 30, 30, { kind: "a" }),
    square(2, 35, 0, 65, 30, { kind: "b" }),
    square(3, 70, 0, 100, 30, { kind: "zzz" }),
  ], ["kind"]);
  eq(at(15, 85), [255, 0, 0, 255], "category a");
  eq(at(50, 85), [0, 0, 0, 0], "category b is not rendered");
  eq(at(85, 85), [0, 0, 255, 255], "other values");
});

Deno.test("paint: graduated ranges are inclusive; values outside are not drawn", async () => {
  const qml = `<qgis><renderer-v2 type="graduatedSymbol" attr="v"><ranges>
    <range symbol="0" lower="0" upper="10" render="true"/><range symbol="1" lower="10" upper="20" render="true"/></ranges><symbols>
    ${fill("255,0,0,255").replace('name="S"', 'name="0"')}${
    fill("0,255,0,255").replace('name="S"', 'name="1"')
  }</symbols></renderer-v2></qgis>`;
  const at = await render(qml, [
    square(1, 0, 0, 30, 30, { v: 10 }),
    square(2, 35, 0, 65, 30, { v: 15 }),
    square(3, 70, 0, 100, 30, { v: 25 }),
  ], ["v"]);
  eq(at(15, 85), [255, 0, 0, 255], "10 falls in the first range");
  eq(at(50, 85), [0, 255, 0, 255], "15");
  eq(at(85, 85), [0, 0, 0, 0], "25 is in no range");
});

Deno.test("paint: symbol opacity multiplies colours; hatch brushes leave gaps", async () => {
  const qml = `<qgis><renderer-v2 type="singleSymbol"><symbols>${
    fill("0,0,255,255", '<prop k="style" v="horizontal"/>').replace(
      'name="S" alpha="1"',
      'name="0" alpha="0.5"',
    )
  }</symbols></renderer-v2></qgis>`;
  const at = await render(qml, [square(1, 0, 0, 100, 100)], []);
  const rows = Array.from({ length: 8 }, (_, y) => at(50, 16 + y)[3]);
  const painted = rows.filter((a) => a > 0);
  eq(painted.length, 1, "one row in eight carries the hatch line");
  eq(Math.abs(painted[0] - 128) <= 1, true, "half opacity");
});

Deno.test("paint: square marker in pixels sits on a whole pixel, as QGIS's marker cache", async () => {
  const qml =
    `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="marker" name="0" alpha="1">
    <layer class="SimpleMarker" enabled="1" pass="0"><prop k="name" v="square"/><prop k="size" v="4"/><prop k="size_unit" v="Pixel"/>
    <prop k="color" v="255,0,0,255"/><prop k="outline_style" v="no"/></layer></symbol></symbols></renderer-v2></qgis>`;
  const at = await render(qml, [point(1, 50.3, 49.7)], []);
  // pixel (50.3, 50.3); cache image 4 + 2 + 1 = 7 px placed at round(50.3 - 3.5) = 47, centre 50.5
  eq(
    [at(49, 49)[3], at(51, 51)[3]],
    [255, 255],
    "4 px square covers 48.5..52.5",
  );
  eq(Math.abs(at(48, 50)[3] - 128) <= 1, true, "half of pixel 48 is covered");
  eq(at(53, 50)[3], 0, "nothing beyond");
});

Deno.test("paint: Qt dash pattern (4 on, 2 off, in pen widths) leaves gaps", async () => {
  const qml =
    `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="line" name="0" alpha="1">
    <layer class="SimpleLine" enabled="1" pass="0"><prop k="line_style" v="dash"/><prop k="line_width" v="2"/>
    <prop k="line_width_unit" v="Pixel"/><prop k="capstyle" v="flat"/><prop k="line_color" v="0,0,0,255"/></layer></symbol></symbols></renderer-v2></qgis>`;
  const at = await render(qml, [{
    id: 1,
    attributes: {},
    geometry: { kind: "line", parts: [[new Float64Array([0, 50, 100, 50])]] },
  }], []);
  const alphas = Array.from({ length: 12 }, (_, x) => at(x, 50)[3]);
  eq(
    alphas.map((a) => (a > 128 ? 1 : 0)),
    [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0],
    "8 px on, 4 px off",
  );
});

Deno.test("paint: symbol levels draw all features' lower layers first", async () => {
  const two = (name: string) =>
    `<symbol type="fill" name="${name}" alpha="1">
      <layer class="SimpleFill" enabled="1" pass="0"><prop k="color" v="0,0,0,255"/><prop k="outline_style" v="no"/><prop k="offset" v="-3,-3"/><prop k="offset_unit" v="Pixel"/></layer>
      <layer class="SimpleFill" enabled="1" pass="1"><prop k="color" v="255,255,0,255"/><prop k="outline_style" v="no"/></layer></symbol>`;
  const features = [square(1, 10, 40, 50, 80), square(2, 20, 30, 60, 70)];
  const without = await render(
    `<qgis><renderer-v2 type="singleSymbol" symbollevels="0"><symbols>${
      two("0")
    }</symbols></renderer-v2></qgis>`,
    features,
    [],
  );
  const withLevels = await render(
    `<qgis><renderer-v2 type="singleSymbol" symbollevels="1"><symbols>${
      two("0")
    }</symbols></renderer-v2></qgis>`,
    features,
    [],
  );
  // pixel (18, 28): inside feature 1's fill and feature 2's shadow (offset -3 px), not its fill
  eq(
    without(18, 28).slice(0, 3),
    [0, 0, 0],
    "feature 2's shadow covers feature 1",
  );
  eq(
    withLevels(18, 28).slice(0, 3),
    [255, 255, 0],
    "with levels every fill is above every shadow",
  );
});

Deno.test("paint: centroid fill and line pattern fill draw inside the polygon", async () => {
  const qml =
    `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0" alpha="1">
    <layer class="LinePatternFill" enabled="1" pass="0"><prop k="lineangle" v="0"/><prop k="distance" v="10"/><prop k="distance_unit" v="Pixel"/>
      <symbol type="line" name="@0@0" alpha="1"><layer class="SimpleLine" enabled="1" pass="0"><prop k="line_width" v="2"/><prop k="line_width_unit" v="Pixel"/><prop k="line_color" v="0,128,0,255"/></layer></symbol></layer>
    <layer class="CentroidFill" enabled="1" pass="0">
      <symbol type="marker" name="@0@1" alpha="1"><layer class="SimpleMarker" enabled="1" pass="0"><prop k="name" v="circle"/><prop k="size" v="6"/><prop k="size_unit" v="Pixel"/><prop k="color" v="255,0,0,255"/><prop k="outline_style" v="no"/></layer></symbol></layer>
    </symbol></symbols></renderer-v2></qgis>`;
  const at = await render(qml, [square(1, 20, 20, 80, 80)], []);
  eq(at(50, 50).slice(0, 3), [255, 0, 0], "marker at the centroid");
  eq(at(30, 40), [0, 128, 0, 255], "pattern line at a multiple of 10 px");
  eq(at(30, 45)[3], 0, "between pattern lines");
  eq(at(10, 40)[3], 0, "pattern clipped to the polygon");
});

Deno.test("paint: Qt's vertical and backward-diagonal hatches on the device pixel grid", async () => {
  const style = (s: string) =>
    `<qgis><renderer-v2 type="singleSymbol"><symbols>${
      fill("0,0,0,255", `<prop k="style" v="${s}"/>`).replace(
        'name="S"',
        'name="0"',
      )
    }</symbols></renderer-v2></qgis>`;
  const ver = await render(style("vertical"), [square(1, 0, 0, 100, 100)], []);
  eq(Array.from({ length: 8 }, (_, x) => ver(16 + x, 50)[3] > 0 ? 1 : 0), [
    0,
    0,
    0,
    0,
    1,
    0,
    0,
    0,
  ], "column 4 of 8");
  const bdiag = await render(
    style("b_diagonal"),
    [square(1, 0, 0, 100, 100)],
    [],
  );
  // "/": row y of a tile is painted at column 7 − y
  eq(
    Array.from({ length: 8 }, (_, y) => bdiag(23 - y, 16 + y)[3] > 0 ? 1 : 0),
    [1, 1, 1, 1, 1, 1, 1, 1],
    "diagonal",
  );
  eq(bdiag(16, 16)[3], 0, "off the diagonal");
});

Deno.test("paint: FilledMarker fills the shape with its fill sub-symbol", async () => {
  const qml =
    `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="marker" name="0" alpha="1">
    <layer class="FilledMarker" enabled="1" pass="0"><prop k="name" v="square"/><prop k="size" v="20"/><prop k="size_unit" v="Pixel"/>
      ${
      fill("0,128,255,255").replace('name="S"', 'name="@0@0"')
    }</layer></symbol></symbols></renderer-v2></qgis>`;
  const at = await render(qml, [point(1, 50, 50)], []);
  eq(at(45, 45), [0, 128, 255, 255], "inside the square");
  eq(at(35, 50)[3], 0, "outside");
});

Deno.test("paint: SimpleLine trims its ends and draws inside its polygon", async () => {
  const line = (extra: string) =>
    `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="line" name="0" alpha="1">
    <layer class="SimpleLine" enabled="1" pass="0"><prop k="line_width" v="10"/><prop k="line_width_unit" v="Pixel"/>
    <prop k="capstyle" v="flat"/><prop k="line_color" v="0,0,0,255"/>${extra}</layer></symbol></symbols></renderer-v2></qgis>`;
  const trimmed = await render(
    line(
      '<prop k="trim_distance_start" v="20"/><prop k="trim_distance_start_unit" v="Pixel"/>',
    ),
    [{
      id: 1,
      attributes: {},
      geometry: { kind: "line", parts: [[new Float64Array([0, 50, 100, 50])]] },
    }],
    [],
  );
  eq([trimmed(15, 50)[3], trimmed(25, 50)[3]], [0, 255], "first 20 px trimmed");
  const fillQml = line('<prop k="draw_inside_polygon" v="1"/>').replace(
    'type="line" name="0"',
    'type="fill" name="0"',
  );
  const inside = await render(fillQml, [square(1, 20, 20, 80, 80)], []);
  // the 10 px stroke on the edge x = 20 keeps only its inner half
  eq([inside(17, 50)[3], inside(23, 50)[3]], [0, 255], "outer half clipped");
});

Deno.test("paint: GradientFill runs from its first colour at the top to the second at the bottom", async () => {
  const qml =
    `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0" alpha="1">
    <layer class="GradientFill" enabled="1" pass="0"><prop k="color" v="255,0,0,255"/><prop k="gradient_color2" v="0,0,255,255"/></layer>
    </symbol></symbols></renderer-v2></qgis>`;
  const at = await render(qml, [square(1, 0, 0, 100, 100)], []);
  const top = at(50, 1), bottom = at(50, 98), middle = at(50, 50);
  eq([top[0] > 240, top[2] < 15, bottom[2] > 240, bottom[0] < 15], [
    true,
    true,
    true,
    true,
  ], "ends");
  eq(Math.abs(middle[0] - middle[2]) < 8, true, "half-way mix");
});

Deno.test("paint: data-defined fill colour and size through QGIS expressions", async () => {
  const { compileExpression } = await import("../expression/mod.ts");
  const qml =
    `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="marker" name="0" alpha="1">
    <layer class="SimpleMarker" enabled="1" pass="0"><prop k="name" v="square"/><prop k="size" v="4"/><prop k="size_unit" v="Pixel"/>
    <prop k="color" v="0,0,0,255"/><prop k="outline_style" v="no"/>
    <data_defined_properties><Option type="Map"><Option name="properties" type="Map">
      <Option name="fillColor" type="Map"><Option name="active" value="true" type="bool"/><Option name="type" value="3" type="int"/>
        <Option name="expression" value="CASE WHEN &quot;kind&quot; = 'big' THEN '255,0,0,255' ELSE color_rgb(0, 0, 255) END" type="QString"/></Option>
      <Option name="size" type="Map"><Option name="active" value="true" type="bool"/><Option name="type" value="2" type="int"/>
        <Option name="field" value="s" type="QString"/></Option>
    </Option></Option></data_defined_properties></layer></symbol></symbols></renderer-v2></qgis>`;
  const at = await renderWith(
    qml,
    [
      point(1, 30, 50, { kind: "big", s: 20 }),
      point(2, 70, 50, { kind: "small", s: 6 }),
    ],
    ["kind", "s"],
    compileExpression,
  );
  eq(
    at(38, 50),
    [255, 0, 0, 255],
    "20 px red square reaches 8 px right of its centre",
  );
  eq(at(70, 50), [0, 0, 255, 255], "blue");
  eq(at(76, 50)[3], 0, "6 px blue square stops 3 px from its centre");
});

Deno.test("paint: MarkerLine and HashLine place their sub-symbols every interval", async () => {
  const line = {
    id: 1,
    attributes: {},
    geometry: {
      kind: "line" as const,
      parts: [[new Float64Array([10, 50, 90, 50])]],
    },
  };
  const marker =
    `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="line" name="0" alpha="1">
    <layer class="MarkerLine" enabled="1" pass="0"><prop k="placement" v="interval"/><prop k="interval" v="20"/><prop k="interval_unit" v="Pixel"/>
      <symbol type="marker" name="@0@0" alpha="1"><layer class="SimpleMarker" enabled="1" pass="0"><prop k="name" v="square"/>
      <prop k="size" v="6"/><prop k="size_unit" v="Pixel"/><prop k="color" v="255,0,0,255"/><prop k="outline_style" v="no"/></layer></symbol>
    </layer></symbol></symbols></renderer-v2></qgis>`;
  const m = await render(marker, [line], []);
  // squares at x = 10, 30, 50, 70, 90 (map y 50 → pixel row 50)
  eq(
    [m(30, 50)[3], m(50, 50)[3], m(40, 50)[3]],
    [255, 255, 0],
    "markers, none between",
  );
  const hash =
    `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="line" name="0" alpha="1">
    <layer class="HashLine" enabled="1" pass="0"><prop k="placement" v="interval"/><prop k="interval" v="20"/><prop k="interval_unit" v="Pixel"/>
      <prop k="hash_length" v="20"/><prop k="hash_length_unit" v="Pixel"/>
      <symbol type="line" name="@0@0" alpha="1"><layer class="SimpleLine" enabled="1" pass="0"><prop k="line_width" v="2"/>
      <prop k="line_width_unit" v="Pixel"/><prop k="line_color" v="0,0,255,255"/></layer></symbol>
    </layer></symbol></symbols></renderer-v2></qgis>`;
  const h = await render(hash, [line], []);
  eq(
    [h(30, 42)[3], h(30, 58)[3], h(40, 42)[3]],
    [255, 255, 0],
    "vertical hashes across the line",
  );
});

Deno.test("paintVectorLayer: features sharing cached paints draw the pixels of one feature per call", async () => {
  const ck = await getCanvasKit();
  // overlapping squares, lines and markers in four colours: fills, pattern
  // brushes, cosmetic and wide outlines, dashes, markers
  const qml = `<qgis><renderer-v2 type="categorizedSymbol" attr="k"><categories>
    <category value="0" symbol="0" label="a" render="true"/><category value="1" symbol="1" label="b" render="true"/>
    <category value="2" symbol="2" label="c" render="true"/><category value="3" symbol="3" label="d" render="true"/>
    </categories><symbols>
    <symbol type="fill" name="0" alpha="1"><layer class="SimpleFill" enabled="1" pass="0"><prop k="color" v="200,80,40,200"/><prop k="outline_width" v="0.26"/></layer></symbol>
    <symbol type="fill" name="1" alpha="0.7"><layer class="SimpleFill" enabled="1" pass="0"><prop k="color" v="20,80,240,255"/><prop k="style" v="dense4"/><prop k="outline_width" v="1"/><prop k="outline_style" v="dash"/></layer></symbol>
    <symbol type="fill" name="2" alpha="1"><layer class="SimpleLine" enabled="1" pass="0"><prop k="line_color" v="0,120,0,255"/><prop k="line_width" v="0.2"/><prop k="line_style" v="dot"/></layer></symbol>
    <symbol type="fill" name="3" alpha="1"><layer class="CentroidFill" enabled="1" pass="0"><symbol type="marker" name="@3@0" alpha="1"><layer class="SimpleMarker" enabled="1" pass="0"><prop k="color" v="250,200,0,180"/><prop k="size" v="3"/></layer></symbol></layer></symbol>
    </symbols></renderer-v2></qgis>`;
  const features: Feature[] = [];
  for (let i = 0; i < 60; i++) {
    const x = (i * 37) % 83 + 0.3 * (i % 7), y = (i * 53) % 79 + 0.17 * i;
    features.push(
      square(i, x, y, x + 4 + (i % 9), y + 3 + (i % 5), { k: i % 4 }),
    );
  }
  const draw = (cached: boolean) => {
    const surface = ck.MakeSurface(100, 100)!;
    const canvas = surface.getCanvas();
    canvas.clear(ck.TRANSPARENT);
    const pc: PaintContext = {
      ck,
      canvas,
      map,
      compile: (t) => {
        throw new SyntaxError(`no expressions in this test: ${t}`);
      },
      variables: {},
      loadSvg: () => null,
      featureBlendMode: 0,
      warn: () => {},
    };
    const style = parseVectorStyle(qml)!;
    if (cached) paintVectorLayer(pc, style, features, new Set(["k"]));
    else {
      // one feature per call: paintVectorLayer's cache lives for one call
      for (const f of features) {
        paintVectorLayer(pc, style, [f], new Set(["k"]));
      }
    }
    const px = canvas.readPixels(0, 0, {
      width: 100,
      height: 100,
      colorType: ck.ColorType.RGBA_8888,
      alphaType: ck.AlphaType.Premul,
      colorSpace: ck.ColorSpace.SRGB,
    }) as Uint8Array;
    surface.dispose();
    return px;
  };
  const shared = draw(true), single = draw(false);
  let differ = 0, inked = 0;
  for (let i = 0; i < shared.length; i++) if (shared[i] !== single[i]) differ++;
  for (let i = 3; i < shared.length; i += 4) if (shared[i] > 0) inked++;
  if (inked < 2000) throw new Error(`too little drawn: ${inked} pixels`);
  if (differ !== 0) throw new Error(`${differ} channel values differ`);
});
