import assert from "node:assert/strict";
import type { Symbol } from "../style/model.ts";
import type { LayerLegend, LegendEntry } from "./entries.ts";
import {
  DEFAULT_LEGEND_SETTINGS as S,
  layoutLegend,
  legendImageSize,
  symbolPatchSize,
  type TextMeasure,
} from "./layout.ts";

// A measure with round numbers: 1.5 mm per character, labels and titles
// with different metrics so the test sees which one is used.
const measure: TextMeasure = {
  width: (text, font) => text.length * (font === "title" ? 2 : 1.5),
  metrics: (font) =>
    font === "title"
      ? { ascent: 5, descent: 1.5, textHeight: 3.5 }
      : { ascent: 4, descent: 1, textHeight: 3 },
  // two lines of 5 mm; 1 mm per character
  rampText: (lines) => ({
    width: Math.max(...lines.map((l) => l.length)),
    height: 5 * lines.length,
  }),
};

const red = { r: 255, g: 0, b: 0, a: 255 };

function color(label: string, level = 0): LegendEntry {
  return { kind: "color", label, level, color: red };
}

function marker(size: string, unit = "MM"): Symbol {
  return {
    type: "marker",
    alpha: 1,
    clipToExtent: true,
    layers: [{
      className: "SimpleMarker",
      enabled: true,
      pass: 0,
      props: { size, size_unit: unit },
      dataDefined: {},
      subSymbol: null,
    }],
  };
}

function line(width: string): Symbol {
  return {
    type: "line",
    alpha: 1,
    clipToExtent: true,
    layers: [{
      className: "SimpleLine",
      enabled: true,
      pass: 0,
      props: { line_width: width },
      dataDefined: {},
      subSymbol: null,
    }],
  };
}

Deno.test("legendImageSize: without width and height the legend is drawn at 0.75 of its size at the dpi", () => {
  // 50.8 mm × 25.4 mm at 91 dpi: 182 × 91 px, then × 0.75
  const s = legendImageSize(50.8, 25.4, 91, null, null);
  assert.deepEqual(s, {
    width: Math.trunc(0.75 * 182),
    height: Math.trunc(0.75 * 91),
    scale: 0.75,
  });
  // another dpi scales with it
  assert.equal(legendImageSize(50.8, 25.4, 182, null, null).width, 273);
});

Deno.test("legendImageSize: a width alone sets the scale and keeps the aspect ratio", () => {
  const s = legendImageSize(50.8, 25.4, 91, 364, null);
  assert.equal(s.width, 364);
  assert.equal(s.scale, 2);
  assert.equal(s.height, 182);
});

Deno.test("legendImageSize: a height alone sets the scale and keeps the aspect ratio", () => {
  const s = legendImageSize(50.8, 25.4, 91, null, 45);
  assert.equal(s.height, 45);
  assert.ok(Math.abs(s.scale - 45 / 91) < 1e-12);
  assert.equal(s.width, Math.trunc(182 * 45 / 91));
});

Deno.test("legendImageSize: width and height are honoured; the legend fits into both", () => {
  const s = legendImageSize(50.8, 25.4, 91, 500, 100);
  assert.equal(s.width, 500);
  assert.equal(s.height, 100);
  assert.ok(Math.abs(s.scale - 100 / 91) < 1e-9); // height is the tighter
});

Deno.test("layoutLegend: rows of QGIS's default sizes, spacing and box", () => {
  const layout = layoutLegend(
    [{ title: "zones", entries: [color("Lake"), color("Forest")] }],
    { layerTitles: false, dpi: 96 },
    measure,
  );
  // box, row, space, row, box
  assert.equal(layout.height, S.boxSpace + 4 + S.symbolSpace + 4 + S.boxSpace);
  // box, patch, gap, "Forest", box
  assert.equal(layout.width, 2 + 7 + 2 + 6 * 1.5 + 2);
  assert.deepEqual(layout.rows.map((r) => r.top), [2, 8.5]);
  const texts = layout.items.filter((i) => i.type === "text");
  assert.deepEqual(texts.map((t) => t.type === "text" && t.text), [
    "Lake",
    "Forest",
  ]);
  // label baseline centres the capital height on the patch
  assert.equal(texts[0].y, 2 + 2 + 1.5);
  assert.equal(texts[0].x, 11);
});

Deno.test("layoutLegend: layer titles go above their rows, one ascent high, 3 mm after the previous layer, below the empty legend title's margin", () => {
  const layers: LayerLegend[] = [
    { title: "a", entries: [color("x")] },
    { title: "bbbbbbbbbbbbbbbbbbbb", entries: [color("y")] },
  ];
  const layout = layoutLegend(
    layers,
    { layerTitles: true, dpi: 96 },
    measure,
  );
  const titles = layout.items.flatMap((i) =>
    i.type === "text" && i.font === "title" ? [i] : []
  );
  assert.equal(titles.length, 2);
  // box, the legend title's margin, the title's ascent
  const top = 2 + S.titleSpace;
  assert.equal(titles[0].y, top + 5);
  // title, space, row, layer space, title
  assert.equal(titles[1].y, top + 5 + 2.5 + 4 + 3 + 5);
  assert.equal(layout.height, top + 5 + 2.5 + 4 + 3 + 5 + 2.5 + 4 + 2);
  // the long title sets the width
  assert.equal(layout.width, 2 + 20 * 2 + 2);
  const without = layoutLegend(
    layers,
    { layerTitles: false, dpi: 96 },
    measure,
  );
  assert.equal(without.height, 2 + 4 + 2.5 + 4 + 2);
});

Deno.test("layoutLegend: a big marker grows its row and moves its layer's labels right", () => {
  const layout = layoutLegend(
    [{
      title: "p",
      entries: [
        { kind: "symbol", label: "big", level: 0, symbol: marker("10") },
        { kind: "symbol", label: "small", level: 0, symbol: marker("2") },
      ],
    }],
    { layerTitles: false, dpi: 96 },
    measure,
  );
  assert.deepEqual(layout.rows.map((r) => r.height), [10, 4]);
  assert.deepEqual(layout.rows.map((r) => r.labelX), [14, 14]);
  const patches = layout.items.flatMap((i) =>
    i.type === "patch" ? [[i.x, i.y, i.width, i.height]] : []
  );
  // a big marker's box starts at the column's left edge; a small one is
  // centred in the default patch (QgsSymbolLegendNode::drawSymbol)
  assert.deepEqual(patches, [[2, 2, 10, 10], [4.5, 12 + 2.5 + 1, 2, 2]]);
});

Deno.test("layoutLegend: nested rows are not indented and label-only rows have no patch", () => {
  const layout = layoutLegend(
    [{
      title: "r",
      entries: [
        { kind: "symbol", label: "group", level: 0, symbol: null },
        { kind: "symbol", label: "child", level: 1, symbol: line("0.3") },
      ],
    }],
    { layerTitles: false, dpi: 96 },
    measure,
  );
  const patches = layout.items.filter((i) => i.type === "patch");
  assert.equal(patches.length, 1);
  // QgsLegendRenderer (QGIS 3.22) indents no nested rule
  assert.equal(patches[0].x, 2);
  assert.equal(layout.rows[1].labelX, 2 + 7 + 2);
});

Deno.test("layoutLegend: a ramp is as tall as its two labels, maximum label on top", () => {
  const layout = layoutLegend(
    [{
      title: "dem",
      entries: [{
        kind: "ramp",
        stops: [{ offset: 0, color: red }, { offset: 1, color: red }],
        topLabel: "1900",
        bottomLabel: "400",
        level: 0,
      }],
    }],
    { layerTitles: false, dpi: 96 },
    measure,
  );
  // QgsTextRenderer's height of the two labels (rampText: 10 mm)
  assert.equal(layout.rows[0].height, 10);
  const texts = layout.items.flatMap((i) =>
    i.type === "rampText" ? [[i.text, i.align, i.top, i.height, i.x]] : []
  );
  // both in the bar's label rectangle, 2 mm right of it
  assert.deepEqual(texts, [["1900", "top", 2, 10, 11], [
    "400",
    "bottom",
    2,
    10,
    11,
  ]]);
  // the labels' width (4 characters) counts
  assert.equal(layout.width, 2 + 7 + 2 + 4 + 2);
});

Deno.test("layoutLegend: a ramp is never shorter than a patch; a label-only row aligns with its layer's labels", () => {
  const layout = layoutLegend(
    [{
      title: "dem",
      entries: [
        { kind: "symbol", label: "Band 1 (Gray)", level: 0, symbol: null },
        {
          kind: "ramp",
          stops: [{ offset: 0, color: red }, { offset: 1, color: red }],
          topLabel: "",
          bottomLabel: "",
          level: 0,
        },
      ],
    }],
    { layerTitles: false, dpi: 96 },
    { ...measure, rampText: () => ({ width: 0, height: 1 }) },
  );
  // the band row: one line of text, no patch, its label right of the ramp
  assert.deepEqual(layout.rows.map((r) => [r.top, r.height, r.labelX]), [
    [2, 3, 11],
    [2 + 3 + 2.5, 4, 11],
  ]);
});

Deno.test("symbolPatchSize: markers grow the patch in any unit; lines do not", () => {
  assert.deepEqual(symbolPatchSize(marker("2"), 96, 7, 4), {
    width: 7,
    height: 4,
  });
  const px = symbolPatchSize(marker("96", "Pixel"), 96, 7, 4);
  assert.ok(Math.abs(px.width - 25.4) < 1e-9 && px.width === px.height);
  const pt = symbolPatchSize(marker("36", "Point"), 96, 7, 4);
  assert.ok(Math.abs(pt.height - 12.7) < 1e-9 && pt.width === pt.height);
  // line patches keep the default size, however wide the line
  assert.deepEqual(symbolPatchSize(line("6"), 96, 7, 4), {
    width: 7,
    height: 4,
  });
});

Deno.test("layoutLegend: a single symbol layer is its own row: no title above it", () => {
  const single: LayerLegend = {
    title: "roads",
    embedded: true,
    entries: [{ kind: "symbol", label: "roads", level: 0, symbol: line("1") }],
  };
  const layout = layoutLegend(
    [single, { title: "zones", entries: [color("Lake")] }],
    { layerTitles: true, dpi: 96 },
    measure,
  );
  const titles = layout.items.flatMap((i) =>
    i.type === "text" && i.font === "title" ? [i.text] : []
  );
  assert.deepEqual(titles, ["zones"]);
  // title margin, row, layer space, title, symbol space, row
  assert.equal(layout.height, 2 + S.titleSpace + 4 + 3 + 5 + 2.5 + 4 + 2);
});

Deno.test("layoutLegend: a multi-line label stacks its lines below the patch's and grows its row", () => {
  const layout = layoutLegend(
    [{ title: "t", entries: [color("one\ntwo\nthree")] }],
    { layerTitles: false, dpi: 96 },
    measure,
  );
  // 3 lines of cap height 3, two gaps of line spacing 1 + descent 1
  assert.equal(layout.rows[0].height, 3 * 3 + 2 * 2);
  const texts = layout.items.flatMap((i) =>
    i.type === "text" ? [[i.text, i.y]] : []
  );
  assert.deepEqual(texts, [["one", 2 + 3], ["two", 2 + 8], ["three", 2 + 13]]);
  // the patch is centred on the first line, the others run under it
  const patch = layout.items.find((i) => i.type === "patch")!;
  assert.equal(patch.type === "patch" && patch.y, 2);
  assert.equal(layout.width, 2 + 7 + 2 + 5 * 1.5 + 2);
});
