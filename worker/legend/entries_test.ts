import assert from "node:assert/strict";
import type { Element } from "@xmldom/xmldom";
import { decodeStyle } from "@qgis-server-light/interface";
import {
  parseQmlDocument,
  parseVectorStyle,
  readVectorStyle,
} from "../style/qml.ts";
import { parseRasterStyle } from "../raster/style.ts";
import { NO_REFERENCE, REFERENCE_DIR } from "../../tests/reference.ts";
import {
  diagramEntries,
  displayBandName,
  type LegendEntry,
  type RampEntry,
  rasterEntries,
  vectorEntries,
} from "./entries.ts";

function qml(name: string): Element {
  return parseQmlDocument(
    Deno.readTextFileSync(new URL(`./testdata/${name}`, import.meta.url)),
  );
}

function vector(name: string, scale?: number): LegendEntry[] {
  return vectorEntries(readVectorStyle(qml(name))!, "layer", { scale });
}

function raster(name: string): LegendEntry[] {
  const root = qml(name);
  return rasterEntries(parseRasterStyle(root), "layer", root);
}

function labels(entries: LegendEntry[]): string[] {
  return entries.map((e) => e.kind === "ramp" ? "<ramp>" : e.label);
}

Deno.test("entries: a single symbol is one patch labelled with the layer name", () => {
  const entries = vector("single.qml");
  assert.equal(entries.length, 1);
  assert.equal(entries[0].kind, "symbol");
  assert.deepEqual(labels(entries), ["layer"]);
  assert.equal(
    entries[0].kind === "symbol" && entries[0].symbol?.type,
    "fill",
  );
});

Deno.test("entries: categorized rows keep the QML order, unchecked categories too", () => {
  const entries = vector("categorized.qml");
  assert.deepEqual(labels(entries), [
    "Alpha area",
    "Beta area",
    "Everything else",
  ]);
  const colors = entries.map((e) =>
    e.kind === "symbol" ? e.symbol?.layers[0].props.color : null
  );
  assert.deepEqual(colors, [
    "31,120,180,255",
    "51,160,44,255",
    "227,26,28,255",
  ]);
});

Deno.test("entries: graduated rows are the class labels with their symbols", () => {
  const entries = vector("graduated.qml");
  assert.deepEqual(labels(entries), ["up to 2 lanes", "3 to 8 lanes"]);
  assert.deepEqual(
    entries.map((e) => e.kind === "symbol" && e.symbol?.type),
    ["line", "line"],
  );
});

Deno.test("entries: rule rows are nested by level and filtered by scale", () => {
  const all = vector("rules.qml");
  assert.deepEqual(labels(all), [
    "Towns",
    "Large towns",
    "Small towns",
    "Villages",
  ]);
  assert.deepEqual(all.map((e) => e.level), [0, 1, 1, 0]);
  // a grouping rule has no symbol: label only
  assert.equal(all[0].kind === "symbol" && all[0].symbol, null);
  // 1:100,000 is beyond Small towns (≤ 50,000) and Villages (≤ 25,000)
  assert.deepEqual(labels(vector("rules.qml", 100_000)), [
    "Towns",
    "Large towns",
  ]);
  // 1:500 is closer than Villages' 1:1,000
  assert.deepEqual(labels(vector("rules.qml", 500)), [
    "Towns",
    "Large towns",
    "Small towns",
  ]);
  assert.deepEqual(labels(vector("rules.qml", 10_000)), labels(all));
});

Deno.test("entries: a discrete pseudocolour renderer lists its classes even with a continuous legend asked for", () => {
  const [band, ...entries] = raster("pseudocolor_discrete.qml");
  // QgsSingleBandPseudoColorRenderer: the band's name first, label only
  assert.deepEqual(band, {
    kind: "symbol",
    label: "Band 1",
    level: 0,
    symbol: null,
  });
  assert.deepEqual(labels(entries), ["Low", "Medium", "High"]);
  assert.deepEqual(
    entries.map((e) => e.kind === "color" && e.color),
    [
      { r: 0x2b, g: 0x83, b: 0xba, a: 255 },
      { r: 0xff, g: 0xff, b: 0xbf, a: 255 },
      { r: 0xd7, g: 0x19, b: 0x1c, a: 255 },
    ],
  );
});

Deno.test("entries: an interpolated pseudocolour ramp with a continuous legend is one ramp, maximum on top", () => {
  const entries = raster("pseudocolor_ramp.qml");
  assert.deepEqual(labels(entries), ["Band 1", "<ramp>"]);
  const ramp = entries[1] as RampEntry;
  assert.equal(ramp.kind, "ramp");
  assert.equal(ramp.topLabel, "50 m");
  assert.equal(ramp.bottomLabel, "10 m");
  assert.deepEqual(ramp.stops.map((s) => s.offset), [0, 0.5, 1]);
  assert.deepEqual(ramp.stops.map((s) => s.color.r), [255, 255, 0]);
  assert.deepEqual(ramp.stops.map((s) => s.color.g), [255, 0, 0]);
});

Deno.test("entries: an interpolated ramp without a continuous legend lists its items", () => {
  assert.deepEqual(labels(raster("pseudocolor_items.qml")), [
    "Band 1",
    "10",
    "30",
    "50",
  ]);
});

Deno.test("entries: paletted rows are the classes, the value when a label is empty", () => {
  assert.deepEqual(labels(raster("paletted.qml")), [
    "Band 1",
    "Built-up",
    "Grassland",
    "3",
  ]);
});

Deno.test("entries: single band grey is a black-to-white ramp labelled with the contrast range", () => {
  const [band, ramp] = raster("gray.qml") as [LegendEntry, RampEntry];
  assert.equal(band.kind === "symbol" && band.label, "Band 1");
  assert.equal(ramp.kind, "ramp");
  assert.equal(ramp.topLabel, "250");
  assert.equal(ramp.bottomLabel, "5");
  assert.deepEqual(ramp.stops.map((s) => s.color.r), [255, 0]);
});

Deno.test("entries: multiband colour lists its red, green and blue bands", () => {
  const entries = raster("multiband.qml");
  assert.deepEqual(labels(entries), ["Band 3", "Band 2", "Band 1"]);
  assert.deepEqual(
    entries.map((e) => e.kind === "color" && [e.color.r, e.color.g, e.color.b]),
    [[255, 0, 0], [0, 255, 0], [0, 0, 255]],
  );
});

Deno.test("entries: bands are named from the data, as QGIS names them", () => {
  const names = new Map([[1, "Band 1 (Gray)"], [2, "Band 2 (Red)"], [
    3,
    "Band 3: nir",
  ]]);
  const named = (file: string) => {
    const root = qml(file);
    return labels(
      rasterEntries(parseRasterStyle(root), "dem", root, (b) => names.get(b)!),
    );
  };
  assert.deepEqual(named("multiband.qml"), [
    "Band 3: nir",
    "Band 2 (Red)",
    "Band 1 (Gray)",
  ]);
  assert.equal(named("paletted.qml")[0], "Band 1 (Gray)");
  assert.equal(displayBandName(1, 1, "", "Gray"), "Band 1 (Gray)");
  assert.equal(displayBandName(2, 3, "", "Palette"), "Band 2 (Palette)");
  // zero-padded to the band count's digits; a description after a colon
  assert.equal(
    displayBandName(1, 12, "elevation", "Gray"),
    "Band 01: elevation (Gray)",
  );
  assert.equal(displayBandName(4, 12, "", "Undefined"), "Band 04");
});

Deno.test("entries: ramp ends are written with the legend's number format; unlabelled palette classes as QString::number", () => {
  const qml = (format: string) =>
    '<qgis><pipe><rasterrenderer type="singlebandpseudocolor" band="1">' +
    '<rastershader><colorrampshader colorRampType="INTERPOLATED" minimumValue="625" maximumValue="14086200.5">' +
    '<item value="625" color="#000000" alpha="255" label="625"/>' +
    '<item value="14086200.5" color="#ffffff" alpha="255" label="x"/>' +
    `<rampLegendSettings useContinuousLegend="1" direction="0">${format}</rampLegendSettings>` +
    "</colorrampshader></rastershader></rasterrenderer></pipe></qgis>";
  const ends = (format: string) => {
    const root = parseQmlDocument(qml(format));
    const ramp = rasterEntries(
      parseRasterStyle(root),
      "r",
      root,
    )[1] as RampEntry;
    return [ramp.topLabel, ramp.bottomLabel];
  };
  // QgsBasicNumericFormat's defaults: 6 decimals, thousands separators
  assert.deepEqual(ends(""), ["14,086,200.5", "625"]);
  assert.deepEqual(
    ends(
      '<numericFormat id="basic"><Option type="Map">' +
        '<Option name="decimals" value="2" type="int"/>' +
        '<Option name="show_thousand_separator" value="false" type="bool"/>' +
        '<Option name="show_trailing_zeros" value="true" type="bool"/>' +
        "</Option></numericFormat>",
    ),
    ["14086200.50", "625.00"],
  );
  const pal = parseQmlDocument(
    '<qgis><pipe><rasterrenderer type="paletted" band="1"><colorPalette>' +
      '<paletteEntry value="1234567" color="#ff0000" alpha="255" label=""/>' +
      '<paletteEntry value="2.5" color="#ff0000" alpha="255" label=""/>' +
      "</colorPalette></rasterrenderer></pipe></qgis>",
  );
  assert.deepEqual(labels(rasterEntries(parseRasterStyle(pal), "p", pal)), [
    "Band 1",
    "1.23457e+06",
    "2.5",
  ]);
});

Deno.test("entries: hillshade has no legend rows", () => {
  assert.deepEqual(raster("hillshade.qml"), []);
});

/** Every `label="…"` of the given element names, read with a plain scan of the QML text. */
function qmlLabels(text: string, tags: string[]): string[] {
  const out: string[] = [];
  const re = new RegExp(`<(${tags.join("|")})\\s[^>]*>`, "g");
  for (const m of text.matchAll(re)) {
    const label = /\slabel="([^"]*)"/.exec(m[0]);
    if (label) out.push(label[1].replaceAll("&amp;", "&"));
  }
  return out;
}

Deno.test({
  name:
    "entries: all_lv95's legend lists every category, class and rule label of its QMLs",
  ignore: NO_REFERENCE,
  fn() {
    const job = JSON.parse(
      Deno.readTextFileSync(`${REFERENCE_DIR}/demo/all_lv95.job.json`),
    );
    let checked = 0;
    for (const layer of job.job.layers) {
      const text = decodeStyle(layer.style.definition);
      const root = parseQmlDocument(text);
      const entries = layer.driver === "gdal"
        ? rasterEntries(parseRasterStyle(root), layer.name, root)
        : vectorEntries(readVectorStyle(root)!, layer.name);
      const expected = qmlLabels(text, ["category", "range", "rule"]);
      if (layer.driver === "gdal") {
        assert.deepEqual(expected, []);
        assert.ok(entries.length > 0, `${layer.name} has legend rows`);
        continue;
      }
      assert.ok(expected.length > 0, `${layer.name} has classes`);
      assert.deepEqual(labels(entries), expected, layer.name);
      checked += expected.length;
    }
    assert.equal(checked, 10); // 3 graduated classes, 3 rules, 4 categories
  },
});

Deno.test("diagramEntries: a row per category of enabled diagrams listing them, none otherwise", () => {
  const style = (enabled: string, legend: string) =>
    parseVectorStyle(
      `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0" alpha="1"/></symbols></renderer-v2>` +
        `<SingleCategoryDiagramRenderer diagramType="Pie" attributeLegend="${legend}"><DiagramCategory enabled="${enabled}">` +
        `<attribute field="a" color="#ff0000" label="A"/><attribute field="b" color="#0000ff" colorOpacity="0.5" label="B"/>` +
        `</DiagramCategory></SingleCategoryDiagramRenderer></qgis>`,
    )!;
  const rows = diagramEntries(style("1", "1"));
  if (
    JSON.stringify(
      rows.map((r) =>
        r.kind === "icon" ? [r.kind, r.label, r.color.b, r.color.a] : []
      ),
    ) !==
      JSON.stringify([["icon", "A", 0, 255], ["icon", "B", 255, 32768 / 257]])
  ) throw new Error(JSON.stringify(rows));
  if (diagramEntries(style("0", "1")).length !== 0) throw new Error("disabled");
  if (diagramEntries(style("1", "0")).length !== 0) throw new Error("unlisted");
});

Deno.test("diagramEntries: an interpolated diagram's size legend, its title, then its collapsed image or a marker row per size", () => {
  const style = (type: string, classes: string) =>
    parseVectorStyle(
      `<qgis><renderer-v2 type="nullSymbol"/>` +
        `<LinearlyInterpolatedDiagramRenderer diagramType="Pie" attributeLegend="0" classificationField="v" ` +
        `lowerValue="0" upperValue="59" lowerWidth="0" lowerHeight="0" upperWidth="15" upperHeight="15">` +
        `<DiagramCategory enabled="1" sizeType="MM" minimumSize="1" scaleDependency="Area"><attribute field="a" color="#ff0000" label="A"/></DiagramCategory>` +
        `<data-defined-size-legend type="${type}" valign="center" title="Sizes">${classes}</data-defined-size-legend>` +
        `</LinearlyInterpolatedDiagramRenderer></qgis>`,
    )!;
  const collapsed = diagramEntries(style("collapsed", ""));
  assert.deepEqual(collapsed.map((e) => [e.kind, e.label]), [
    ["symbol", "Sizes"],
    ["sizeLegend", ""],
  ]);
  const image = collapsed[1];
  assert.ok(image.kind === "sizeLegend");
  // pretty breaks of 0..59, each as large as its pie (QGIS 3.22: 8.733…,
  // 12.350…, 15 mm), in QGIS's default marker
  assert.deepEqual(image.classes.map((c) => c.label), ["20", "40", "59"]);
  const sizes = [8.73333764609373, 12.350804543889275, 15];
  image.classes.forEach((c, i) =>
    assert.ok(Math.abs(c.size - sizes[i]) < 1e-9)
  );
  assert.equal(image.valign, "center");
  assert.equal(image.symbol.layers[0].props.color, "255,0,0,255");
  const separated = diagramEntries(
    style(
      "separated",
      `<classes><class size="20" label="twenty"/><class size="0" label="none"/></classes>`,
    ),
  );
  assert.deepEqual(separated.map((e) => [e.kind, e.label]), [
    ["symbol", "Sizes"],
    ["symbol", "twenty"],
    ["symbol", "none"],
  ]);
  const none = separated[2];
  // a value of 0 takes the minimum size
  assert.ok(
    none.kind === "symbol" && none.symbol?.layers[0].props.size === "1",
  );
});
