import assert from "node:assert/strict";
import {
  asQgisDraws,
  defaultSymbol,
  defaultSymbolColor,
  defaultVectorStyle,
  hasPluginRenderer,
  isQgisRenderer,
} from "./default_symbol.ts";

Deno.test("default symbol colour: stable per layer id, the same as the reference generator's", () => {
  // tests/parity/real/make_references.py default_symbol_rgb
  assert.deepEqual(defaultSymbolColor("roads_1"), [36, 46, 189, 255]);
  assert.deepEqual(defaultSymbolColor("places_null_style"), [
    73,
    185,
    172,
    255,
  ]);
  assert.deepEqual(defaultSymbolColor("x"), [12, 134, 43, 255]);
});

Deno.test("default symbol colour: in QGIS's random ranges (saturation ≥ 64, value ≥ 128)", () => {
  for (let i = 0; i < 500; i++) {
    const [r, g, b] = defaultSymbolColor(`layer_${i}`);
    const max = Math.max(r, g, b), min = Math.min(r, g, b);
    assert.ok(max >= 128, `value of layer_${i}: ${max}`);
    assert.ok((max - min) / max >= 63.5 / 255, `saturation of layer_${i}`);
  }
  assert.notDeepEqual(defaultSymbolColor("a"), defaultSymbolColor("b"));
});

Deno.test("default symbols: QGIS's marker, line and fill", () => {
  const c: [number, number, number, number] = [1, 2, 3, 255];
  const m = defaultSymbol("point", c).layers[0];
  assert.equal(m.className, "SimpleMarker");
  assert.equal(m.props.size, "2");
  assert.equal(m.props.color, "1,2,3,255");
  assert.equal(m.props.outline_color, "35,35,35,255");
  const l = defaultSymbol("line", c).layers[0];
  assert.deepEqual([l.className, l.props.line_width, l.props.line_color], [
    "SimpleLine",
    "0.26",
    "1,2,3,255",
  ]);
  const f = defaultSymbol("polygon", c).layers[0];
  assert.deepEqual([f.className, f.props.outline_width, f.props.color], [
    "SimpleFill",
    "0.26",
    "1,2,3,255",
  ]);
  assert.equal(defaultVectorStyle(null, "t").renderer.type, "nullSymbol");
  const s = defaultVectorStyle("line", "roads_1");
  assert.equal(s.renderer.type, "singleSymbol");
  if (s.renderer.type === "singleSymbol") {
    assert.equal(
      s.renderer.symbol?.layers[0].props.line_color,
      "36,46,189,255",
    );
  }
});

// QGIS 3.22's renderer registry (QgsRendererRegistry's constructor) holds
// the 2.5D and embedded-symbol renderers too; a type outside it is a
// plugin's, which QGIS without the plugin cannot load
Deno.test("isQgisRenderer: QGIS 3.22's own renderer types, not plugins'", () => {
  assert.equal(isQgisRenderer("RuleRenderer"), true);
  assert.equal(isQgisRenderer("25dRenderer"), true);
  assert.equal(isQgisRenderer("embeddedSymbol"), true);
  assert.equal(isQgisRenderer("BivariateRenderer"), false);
  assert.equal(isQgisRenderer(""), false);
});

// QGIS keeps the default renderer of a layer whose plugin renderer it
// cannot load: the style's other parts (opacity…) stay
Deno.test("asQgisDraws: a plugin's renderer becomes the default one", () => {
  const plugin = {
    ...defaultVectorStyle("polygon", "l"),
    opacity: 0.5,
    renderer: { type: "unsupported" as const, name: "BivariateRenderer" },
  };
  assert.equal(hasPluginRenderer(plugin), true);
  const drawn = asQgisDraws(plugin, "polygon", "l");
  assert.equal(drawn.opacity, 0.5);
  assert.deepEqual(
    drawn.renderer,
    defaultVectorStyle("polygon", "l").renderer,
  );
  // a QGIS renderer we do not draw stays unsupported
  const unknown = {
    ...plugin,
    renderer: { type: "unsupported" as const, name: "heatmapRenderer" },
  };
  assert.equal(hasPluginRenderer(unknown), false);
  assert.equal(asQgisDraws(unknown, "polygon", "l"), unknown);
});
