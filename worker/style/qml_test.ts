import { parseQmlDocument, parseVectorStyle, readVectorStyle } from "./qml.ts";

// Golden fixtures: `<name>.qml` → `<name>.json`. Regenerate only on purpose:
// QSL_UPDATE_GOLDEN=1 deno test -A worker/style/qml_test.ts
const UPDATE = Deno.env.get("QSL_UPDATE_GOLDEN") === "1";
const DIR = new URL("./testdata/", import.meta.url);

function assertEquals(actual: unknown, expected: unknown, msg: string): void {
  const a = JSON.stringify(actual, null, 1);
  const e = JSON.stringify(expected, null, 1);
  if (a !== e) throw new Error(`${msg}\nactual:   ${a}\nexpected: ${e}`);
}

for (const entry of Deno.readDirSync(DIR)) {
  if (!entry.name.endsWith(".qml")) continue;
  const name = entry.name.slice(0, -4);
  Deno.test(`QML golden: ${name}`, async () => {
    const style = parseVectorStyle(
      await Deno.readTextFile(new URL(entry.name, DIR)),
    );
    const golden = new URL(`${name}.json`, DIR);
    const json = JSON.stringify(style, null, 1) + "\n";
    if (UPDATE) await Deno.writeTextFile(golden, json);
    assertEquals(
      style,
      JSON.parse(await Deno.readTextFile(golden)),
      `style model of ${name} differs from its golden file`,
    );
  });
}

Deno.test("QML: rule tree keeps nesting, ELSE, scales and check state", async () => {
  const style = parseVectorStyle(
    await Deno.readTextFile(new URL("rules_line.qml", DIR)),
  )!;
  if (style.renderer.type !== "RuleRenderer") throw new Error("not rules");
  const [big, group, off] = style.renderer.root.children;
  assertEquals(big.scaleMaxDenom, 100000, "scalemaxdenom");
  assertEquals(group.symbol, null, "grouping rule has no symbol");
  assertEquals(group.children[1].isElse, true, "ELSE rule");
  assertEquals(group.children[1].filter, null, "ELSE has no filter");
  assertEquals(off.active, false, "unchecked rule");
  assertEquals(style.featureBlendMode, 2, "feature blend mode");
  assertEquals(style.labelsEnabled, true, "labels");
});

Deno.test("QML: sub-symbols and data-defined properties", async () => {
  const style = parseVectorStyle(
    await Deno.readTextFile(new URL("categorized_fill.qml", DIR)),
  )!;
  if (style.renderer.type !== "categorizedSymbol") throw new Error("type");
  const fill = style.renderer.categories[0].symbol!.layers[0];
  assertEquals(fill.dataDefined.fillColor.active, true, "dd active");
  assertEquals(
    fill.dataDefined.outlineWidth.expression,
    '"width"',
    "field → expression",
  );
  const centroid = style.renderer.categories[1].symbol!.layers[0];
  assertEquals(centroid.subSymbol?.layers[0].props.name, "star", "sub-symbol");
  assertEquals(style.renderer.categories[1].render, false, "render=false");
  assertEquals(style.renderer.categories[2].value, "", "catch-all value");
  assertEquals([style.opacity, style.blendMode, style.symbolLevels], [
    0.5,
    6,
    true,
  ], "layer");
});

Deno.test("QML: no renderer → null; bad XML and other roots → SyntaxError", () => {
  assertEquals(
    readVectorStyle(parseQmlDocument("<qgis/>")),
    null,
    "no renderer",
  );
  for (const bad of ["<qgis>", "<style/>", "not xml"]) {
    let error: unknown;
    try {
      parseVectorStyle(bad);
    } catch (e) {
      error = e;
    }
    if (!(error instanceof SyntaxError)) {
      throw new Error(`no SyntaxError for ${bad}`);
    }
    if (!error.message.startsWith("Cannot parse style")) {
      throw new Error(error.message);
    }
  }
});

Deno.test("QML: point displacement and cluster renderers draw with the renderer they wrap", () => {
  for (const type of ["pointDisplacement", "pointCluster"]) {
    const style = parseVectorStyle(
      `<qgis><renderer-v2 type="${type}"><renderer-v2 type="nullSymbol"/></renderer-v2></qgis>`,
    );
    assertEquals(style?.renderer.type, "nullSymbol", type);
  }
  assertEquals(
    parseVectorStyle('<qgis><renderer-v2 type="25dRenderer"/></qgis>')
      ?.renderer,
    { type: "unsupported", name: "25dRenderer" },
    "unsupported",
  );
});

Deno.test("QML: a heatmap renderer reads its radius, unit, quality, maximum, weight and ramp", () => {
  const style = parseVectorStyle(
    `<qgis><renderer-v2 type="heatmapRenderer" radius="1000" radius_unit="1" quality="5" max_value="1000" weight_expression="q">
      <colorramp type="gradient" name="[source]">
        <prop k="color1" v="255,255,255,0"/><prop k="color2" v="255,0,0,255"/>
        <prop k="discrete" v="0"/><prop k="stops" v="0.7;250,210,40,230:0.3;40,120,220,160"/>
      </colorramp></renderer-v2></qgis>`,
  );
  assertEquals(style?.renderer, {
    type: "heatmapRenderer",
    radius: 1000,
    radiusUnit: "MapUnit",
    maxValue: 1000,
    quality: 5,
    weight: "q",
    ramp: {
      color1: [255, 255, 255, 0],
      color2: [255, 0, 0, 255],
      discrete: false,
      stops: [[0.3, [40, 120, 220, 160]], [0.7, [250, 210, 40, 230]]],
    },
  }, "Lelystad's heatmap, stops sorted");
  // QgsHeatmapRenderer::create's defaults; no ramp of its own: none
  assertEquals(
    parseVectorStyle('<qgis><renderer-v2 type="heatmapRenderer"/></qgis>')
      ?.renderer,
    {
      type: "heatmapRenderer",
      radius: 50,
      radiusUnit: "MM",
      maxValue: 0,
      quality: 0,
      weight: "",
      ramp: null,
    },
    "defaults",
  );
});

Deno.test("QML: an inverted polygon renderer draws through the renderer it embeds, inverted", () => {
  const style = parseVectorStyle(
    `<qgis><renderer-v2 type="invertedPolygonRenderer" preprocessing="1"><renderer-v2 type="nullSymbol"/></renderer-v2></qgis>`,
  );
  assertEquals(style?.renderer.type, "nullSymbol", "renderer");
  assertEquals(style?.inverted, { preprocessing: true }, "inverted");
  assertEquals(
    parseVectorStyle('<qgis><renderer-v2 type="nullSymbol"/></qgis>')?.inverted,
    undefined,
    "not inverted",
  );
});

Deno.test("QML: a merged feature renderer draws through the renderer it embeds, merged", () => {
  const style = parseVectorStyle(
    `<qgis><renderer-v2 type="mergedFeatureRenderer"><renderer-v2 type="nullSymbol"/></renderer-v2></qgis>`,
  );
  assertEquals(style?.renderer.type, "nullSymbol", "renderer");
  assertEquals(style?.merged, true, "merged");
  assertEquals(style?.inverted, undefined, "not inverted");
});

Deno.test("QML: property names of QGIS 2.x styles read as QGIS 3 reads them", () => {
  const style = parseVectorStyle(
    `<qgis version="2.0.1-Dufour"><renderer-v2 type="singleSymbol"><symbols>
    <symbol type="line" name="0" alpha="1"><layer class="SimpleLine" pass="0">
      <prop k="color" v="234,202,0,255"/><prop k="width" v="2.9"/><prop k="width_unit" v="MM"/><prop k="penstyle" v="dash"/>
    </layer></symbol></symbols></renderer-v2></qgis>`,
  );
  const r = style?.renderer;
  const props = r?.type === "singleSymbol" ? r.symbol?.layers[0].props : null;
  assertEquals(
    [
      props?.line_color,
      props?.line_width,
      props?.line_width_unit,
      props?.line_style,
    ],
    ["234,202,0,255", "2.9", "MM", "dash"],
    "legacy SimpleLine names",
  );
  // current names win over old ones
  const fill = parseVectorStyle(
    `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0">
    <layer class="SimpleFill"><prop k="outline_color" v="1,2,3,255"/><prop k="color_border" v="9,9,9,255"/><prop k="width_border" v="0.5"/></layer>
    </symbol></symbols></renderer-v2></qgis>`,
  )?.renderer;
  const fp = fill?.type === "singleSymbol"
    ? fill.symbol?.layers[0].props
    : null;
  assertEquals(
    [fp?.outline_color, fp?.outline_width],
    ["1,2,3,255", "0.5"],
    "SimpleFill names",
  );
});

Deno.test("QML: paint effects — a stack's enabled attribute, its effects in order, QGIS 2 <prop> effects", () => {
  const root = parseQmlDocument(
    `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol name="0" type="marker" alpha="1">
      <layer class="SimpleMarker" enabled="1" pass="0">
        <effect type="effectStack" enabled="0">
          <effect type="dropShadow"><prop k="enabled" v="0"/><prop k="offset_angle" v="90"/></effect>
          <effect type="drawSource"><prop k="blend_mode" v="13"/></effect>
        </effect>
      </layer>
      <layer class="SimpleMarker" enabled="1" pass="0"/>
    </symbol></symbols></renderer-v2></qgis>`,
  );
  const style = readVectorStyle(root)!;
  if (style.renderer.type !== "singleSymbol") throw new Error("type");
  const [withEffect, plain] = style.renderer.symbol!.layers;
  assertEquals(withEffect.effect?.enabled, false, "stack disabled");
  assertEquals(
    withEffect.effect?.effects.map((e) => [e.type, e.enabled]),
    [["dropShadow", false], ["drawSource", true]],
    "stack effects",
  );
  assertEquals(withEffect.effect?.effects[0].props.offset_angle, "90", "prop");
  assertEquals("effect" in plain, false, "no effect element: no effect");
});

Deno.test("QML: a renderer's own paint effect is the style's", () => {
  const style = parseVectorStyle(
    `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol name="0" type="fill" alpha="1"><layer class="SimpleFill" enabled="1" pass="0"/></symbol></symbols>
      <effect type="effectStack" enabled="1"><effect type="outerGlow"><prop k="spread" v="3"/></effect><effect type="drawSource"/></effect>
    </renderer-v2></qgis>`,
  )!;
  assertEquals(style.effect?.enabled, true, "enabled");
  assertEquals(
    style.effect?.effects.map((e) => e.type),
    ["outerGlow", "drawSource"],
    "effects",
  );
  const plain = parseVectorStyle(
    '<qgis><renderer-v2 type="nullSymbol"/></qgis>',
  )!;
  assertEquals("effect" in plain, false, "none without an <effect>");
});

Deno.test("QML: a QGIS 1.8 style's SimpleFill colours made opaque, as QgsProjectFileTransform does (1.8.0 → 1.9.0)", () => {
  const qml = (version: string) =>
    `<qgis version="${version}"><renderer-v2 type="singleSymbol"><symbols>` +
    `<symbol type="fill" name="0" alpha="0.47">` +
    `<layer class="SimpleFill"><prop k="color" v="0,0,0,120"/><prop k="color_border" v="1,2,3,120"/></layer>` +
    `<layer class="SimpleLine"><prop k="color" v="0,0,0,120"/></layer>` +
    `</symbol></symbols></renderer-v2></qgis>`;
  const layers = (version: string) => {
    const style = parseVectorStyle(qml(version))!;
    if (style.renderer.type !== "singleSymbol") throw new Error("renderer");
    return style.renderer.symbol!.layers.map((l) => l.props.color);
  };
  // QGIS 3.22 loaded these: 255 from the versions its chain steps from
  for (
    const v of ["1.8.0-master", "1.8.0-Lisboa", "1.8", "1.7.0", "1", "0.9.2"]
  ) {
    assertEquals(layers(v), ["0,0,0,255", "0,0,0,120"], v);
  }
  for (const v of ["1.8.1", "1.7.4", "1.9.0", "2.0.0", "3.22.16", "", "abc"]) {
    assertEquals(layers(v), ["0,0,0,120", "0,0,0,120"], v);
  }
  const style = parseVectorStyle(qml("1.8.0"))!;
  if (style.renderer.type !== "singleSymbol") throw new Error("renderer");
  assertEquals(
    style.renderer.symbol!.layers[0].props.color_border,
    "1,2,3,255",
    "border",
  );
  assertEquals(
    style.renderer.symbol!.alpha,
    0.47,
    "the symbol's opacity stays",
  );
});

Deno.test("QML: QGIS 2.x data-defined properties read as QGIS 3 upgrades them", () => {
  const style = parseVectorStyle(`<qgis version="2.16.3">
  <renderer-v2 type="singleSymbol"><symbols>
    <symbol type="line" name="0">
      <layer class="SimpleLine" pass="0">
        <prop k="width" v="0.26"/>
        <prop k="width_expression" v="&quot;n&quot; * 2"/>
        <prop k="color_dd_active" v="1"/>
        <prop k="color_dd_expression" v=""/>
        <prop k="color_dd_field" v="col"/>
        <prop k="color_dd_useexpr" v="0"/>
        <prop k="offset_dd_active" v="0"/>
        <prop k="offset_dd_expression" v="1"/>
        <prop k="offset_dd_useexpr" v="1"/>
        <prop k="unknown_expression" v="1"/>
      </layer>
      <layer class="SimpleMarker" pass="0">
        <prop k="size_expression" v="sqrt(&quot;m&quot;)"/>
        <data_defined_properties><Option type="Map">
          <Option type="QString" name="name" value=""/>
          <Option name="properties"/>
          <Option type="QString" name="type" value="collection"/>
        </Option></data_defined_properties>
      </layer>
    </symbol>
  </symbols></renderer-v2></qgis>`)!;
  if (style.renderer.type !== "singleSymbol") throw new Error("type");
  const [line, marker] = style.renderer.symbol!.layers;
  assertEquals(line.dataDefined, {
    outlineWidth: { active: true, expression: '"n" * 2' },
    outlineColor: { active: true, expression: '"col"' },
    offset: { active: false, expression: "1" },
  }, "a line layer's old width and colour are its stroke's");
  // QGIS 3 reads <data_defined_properties> over the old properties
  assertEquals(marker.dataDefined, {}, "new-style properties win");
});

Deno.test("readPropertyCollection: a size assistant's transformer (t 1) and a generic one (t 0)", async () => {
  const { readPropertyCollection } = await import("./qml.ts");
  const prop = (name: string, t: number, d: string) =>
    `<Option name="${name}" type="Map"><Option name="active" value="true" type="bool"/>` +
    `<Option name="expression" value="&quot;v&quot; / 1000" type="QString"/><Option name="type" value="3" type="int"/>` +
    `<Option name="transformer" type="Map"><Option name="d" type="Map">${d}</Option>` +
    `<Option name="t" value="${t}" type="int"/></Option></Option>`;
  const opt = (k: string, v: number) =>
    `<Option name="${k}" value="${v}" type="double"/>`;
  const root = parseQmlDocument(
    `<qgis><Option type="Map"><Option name="properties" type="Map">` +
      prop(
        "size",
        1,
        opt("exponent", 0.7) + opt("maxSize", 6) + opt("maxValue", 250) +
          opt("minSize", 1) + opt("minValue", 0) + opt("nullSize", 0.5) +
          `<Option name="scaleType" value="3" type="int"/>`,
      ) +
      prop("outlineWidth", 0, opt("minOutput", 0.2) + opt("maxOutput", 2)) +
      `</Option></Option></qgis>`,
  );
  const dd = readPropertyCollection(root);
  assertEquals(dd.size.transformer, {
    type: "size",
    scaleType: 3,
    minValue: 0,
    maxValue: 250,
    minOutput: 1,
    maxOutput: 6,
    nullOutput: 0.5,
    exponent: 0.7,
  }, "size transformer");
  assertEquals(dd.outlineWidth.transformer, {
    type: "numeric",
    scaleType: 0,
    minValue: 0,
    maxValue: 1,
    minOutput: 0.2,
    maxOutput: 2,
    nullOutput: 0,
    exponent: 1,
  }, "generic transformer");
});

const opt = (k: string, v: string) =>
  `<Option name="${k}" value="${v}" type="QString"/>`;

// a property collection whose fillColor reads the field v through a colour
// ramp transformer (t 2) of a ramp of `type` and `props`; `extra`: more of
// the transformer's options
function rampTransformerXml(
  type: string,
  props: [string, string][],
  extra = "",
) {
  return parseQmlDocument(
    `<qgis><Option type="Map"><Option name="properties" type="Map">` +
      `<Option name="fillColor" type="Map"><Option name="active" value="true" type="bool"/>` +
      `<Option name="field" value="v" type="QString"/><Option name="type" value="2" type="int"/>` +
      `<Option name="transformer" type="Map"><Option name="d" type="Map">` +
      `<Option name="colorramp" type="Map">${
        opt("name", "[source]")
      }<Option name="properties" type="Map">` +
      props.map(([k, v]) => opt(k, v)).join("") +
      `</Option>${opt("type", type)}</Option>${extra}` +
      `</Option><Option name="t" value="2" type="int"/></Option></Option>` +
      `</Option></Option></qgis>`,
  );
}

Deno.test("readPropertyCollection: a colour assistant's ramp transformer (t 2)", async () => {
  const { readPropertyCollection } = await import("./qml.ts");
  const root = rampTransformerXml(
    "gradient",
    [
      ["color1", "43,131,186,255"],
      ["color2", "215,25,28,255"],
      ["discrete", "0"],
      ["stops", "0.5;255,255,191,120"],
    ],
    `<Option name="maxValue" value="250" type="double"/><Option name="minValue" value="3" type="double"/>` +
      opt("nullColor", "120,40,160,180") + opt("rampName", "Spectral"),
  );
  assertEquals(readPropertyCollection(root).fillColor, {
    active: true,
    expression: '"v"',
    transformer: {
      type: "colorRamp",
      minValue: 3,
      maxValue: 250,
      nullColor: [120, 40, 160, 180],
      ramp: {
        color1: [43, 131, 186, 255],
        color2: [215, 25, 28, 255],
        discrete: false,
        stops: [[0.5, [255, 255, 191, 120]]],
      },
    },
  }, "colour ramp transformer");
});

Deno.test("readPropertyCollection: preset and ColorBrewer ramps of a colour assistant; random and cpt-city ramps unread", async () => {
  const { readPropertyCollection } = await import("./qml.ts");
  const ramp = (type: string, props: [string, string][]) => {
    const root = rampTransformerXml(type, props);
    const t = readPropertyCollection(root).fillColor.transformer;
    return t?.type === "colorRamp" ? t.ramp : undefined;
  };
  assertEquals(
    ramp("preset", [
      ["preset_color_0", "255,0,0,128"],
      ["preset_color_1", "0,0,255,255"],
      ["preset_color_3", "0,255,0,255"],
    ]),
    { colors: [[255, 0, 0, 128], [0, 0, 255, 255]] },
    "preset colours up to the first missing index",
  );
  assertEquals(
    ramp("preset", []),
    { colors: [[250, 75, 60, 255]] },
    "no preset colour: QGIS's one",
  );
  // QgsColorBrewerColorRamp('Blues', 4) of QGIS 3.22, inverted
  assertEquals(
    ramp("colorbrewer", [["schemeName", "Blues"], ["colors", "4"], [
      "inverted",
      "1",
    ]]),
    {
      colors: [[0x21, 0x71, 0xb5, 255], [0x6b, 0xae, 0xd6, 255], [
        0xbd,
        0xd7,
        0xe7,
        255,
      ], [0xef, 0xf3, 0xff, 255]],
    },
    "ColorBrewer",
  );
  assertEquals(
    ramp("colorbrewer", [["schemeName", "Blues"], ["colors", "2"]]),
    null,
    "a variant ColorBrewer lacks",
  );
  assertEquals(ramp("random", [["count", "10"]]), null, "random");
  assertEquals(
    ramp("cpt-city", [["schemeName", "cb/div/BrBG_"], ["variantName", "05"]]),
    null,
    "cpt-city",
  );
});
