import assert from "node:assert/strict";
import { decode } from "fast-png";
import { getCanvasKit } from "../paint/canvaskit.ts";
import { fontLibrarySync } from "../labels/fonts.ts";
import { compileExpression } from "../expression/mod.ts";
import { parseQmlDocument, readVectorStyle } from "../style/qml.ts";
import { type LayerLegend, vectorEntries } from "./entries.ts";
import { layoutLegend, legendImageSize } from "./layout.ts";
import { createTextMeasure, drawLegend, type LegendFormat } from "./draw.ts";

const DPI = 96;

async function draw(
  layers: LayerLegend[],
  format: LegendFormat = "image/png",
) {
  const ck = await getCanvasKit();
  const fonts = fontLibrarySync(ck);
  const measure = createTextMeasure(ck, fonts);
  const layout = layoutLegend(
    layers,
    { layerTitles: false, dpi: DPI },
    measure,
  );
  measure.delete();
  // scale 1: one legend millimetre is DPI / 25.4 pixels
  const size = legendImageSize(layout.width, layout.height, DPI, null, null);
  size.width = Math.ceil(layout.width * DPI / 25.4);
  size.height = Math.ceil(layout.height * DPI / 25.4);
  size.scale = 1;
  const warnings: string[] = [];
  const bytes = drawLegend(ck, fonts, layout, format, {
    size,
    dpi: DPI,
    mapScale: 1,
    compile: compileExpression,
    loadSvg: () => null,
    warn: (m) => warnings.push(m),
  });
  return { bytes, layout, size, warnings };
}

function categorized(): LayerLegend {
  const root = parseQmlDocument(
    Deno.readTextFileSync(
      new URL("./testdata/categorized.qml", import.meta.url),
    ),
  );
  return {
    title: "c",
    entries: vectorEntries(readVectorStyle(root)!, "c"),
  };
}

Deno.test("drawLegend: each fill patch is painted in its category's colour, each label in dark text", async () => {
  const { bytes, layout, size, warnings } = await draw([categorized()]);
  assert.deepEqual(warnings, []);
  const png = decode(bytes);
  assert.equal(png.width, size.width);
  assert.equal(png.height, size.height);
  assert.equal(png.channels, 4);
  const px = (x: number, y: number) => {
    const i = (Math.round(y) * png.width + Math.round(x)) * 4;
    return Array.from(png.data.slice(i, i + 4));
  };
  const k = DPI / 25.4;
  const expected = [[31, 120, 180], [51, 160, 44], [227, 26, 28]];
  layout.rows.forEach((row, i) => {
    // patch centre: the category's fill
    const cx = (2 + 3.5) * k;
    const cy = (row.top + row.height / 2) * k;
    assert.deepEqual(px(cx, cy), [...expected[i], 255], `row ${i} patch`);
    // the label: some dark pixels right of labelX within the row
    let dark = 0;
    for (let y = Math.floor(row.top * k); y < (row.top + row.height) * k; y++) {
      for (let x = Math.ceil(row.labelX * k); x < png.width; x++) {
        const [r, g, b] = px(x, y);
        if (r + g + b < 200) dark++;
      }
    }
    assert.ok(dark > 20, `row ${i} label has ${dark} dark pixels`);
  });
  // the background is white and opaque
  assert.deepEqual(px(1, 1), [255, 255, 255, 255]);
  assert.deepEqual(px(png.width - 1, png.height - 1), [255, 255, 255, 255]);
});

Deno.test("drawLegend: a colour patch and a ramp get a black outline; a ramp runs from its top stop to its bottom one", async () => {
  const white = { r: 255, g: 255, b: 255, a: 255 };
  const black = { r: 0, g: 0, b: 0, a: 255 };
  const { bytes, layout } = await draw([{
    title: "r",
    entries: [
      { kind: "color", label: "x", level: 0, color: white },
      {
        kind: "ramp",
        stops: [{ offset: 0, color: white }, { offset: 1, color: black }],
        topLabel: "top",
        bottomLabel: "bottom",
        level: 0,
      },
    ],
  }]);
  const png = decode(bytes);
  const k = DPI / 25.4;
  const lum = (x: number, y: number) => {
    const i = (Math.round(y) * png.width + Math.round(x)) * 4;
    return png.data[i] + png.data[i + 1] + png.data[i + 2];
  };
  const [colorRow, rampRow] = layout.rows;
  // the outline: dark on the patch's left edge, white inside
  const edge = Math.min(
    ...[-1, 0, 1].map((d) =>
      lum(Math.round(2 * k) + d, (colorRow.top + 2) * k)
    ),
  );
  assert.ok(edge < 400, `edge luminance ${edge}`);
  assert.equal(lum(5.5 * k, (colorRow.top + 2) * k), 765);
  const x = 5.5 * k;
  const top = lum(x, (rampRow.top + 1) * k);
  const middle = lum(x, (rampRow.top + rampRow.height / 2) * k);
  const bottom = lum(x, (rampRow.top + rampRow.height - 1) * k);
  assert.ok(top > middle && middle > bottom, `${top} > ${middle} > ${bottom}`);
});

Deno.test("drawLegend: JPEG output starts with the JPEG magic bytes", async () => {
  const { bytes } = await draw([categorized()], "image/jpeg");
  assert.deepEqual(Array.from(bytes.slice(0, 3)), [0xff, 0xd8, 0xff]);
  assert.deepEqual(Array.from(bytes.slice(-2)), [0xff, 0xd9]);
});

Deno.test("createTextMeasure: QGIS 3.22's legend metrics (Qt's for the font at ten times its size, from QgsLegendSettings)", async () => {
  const ck = await getCanvasKit();
  const m = createTextMeasure(ck, fontLibrarySync(ck));
  try {
    // QgsLegendSettings::fontAscentMillimeters / fontDescentMillimeters /
    // fontHeightCharacterMM('0') / textWidthMillimeters at 12 pt, as QGIS
    // 3.22 printed them
    assert.deepEqual(m.metrics("label"), {
      ascent: 3.9,
      descent: 1,
      textHeight: 3.3,
    });
    assert.deepEqual(m.metrics("title"), m.metrics("label"));
    assert.equal(m.width("Band 1 (Gray)", "label"), 29.434375);
    // kerned: A and V alone are 5.74375
    assert.equal(m.width("AV", "label"), 5.475);
  } finally {
    m.delete();
  }
});

Deno.test("createTextMeasure: ramp labels measure as QgsTextRenderer's at the context's scale", async () => {
  const ck = await getCanvasKit();
  const fonts = fontLibrarySync(ck);
  for (const dotsPerMm of [3.465, 91 / 25.4]) {
    const m = createTextMeasure(ck, fonts, undefined, dotsPerMm);
    try {
      // a 15 px font: ascent 14 and descent 4 per line
      const r = m.rampText(["625", "14,086,200"]);
      assert.ok(Math.abs(r.height - 36 / dotsPerMm) < 1e-9, `${r.height}`);
      assert.ok(r.width > 0 && r.width === m.rampText(["14,086,200"]).width);
    } finally {
      m.delete();
    }
  }
});

Deno.test("drawLegend: the layer's opacity fades its patches over the white background", async () => {
  const layer = categorized();
  layer.opacity = 0.5;
  const { bytes, layout } = await draw([layer]);
  const png = decode(bytes);
  const k = DPI / 25.4;
  const row = layout.rows[2]; // 227,26,28
  const i = (Math.round((row.top + row.height / 2) * k) * png.width +
    Math.round(5.5 * k)) * 4;
  const [r, g, b] = png.data.slice(i, i + 3);
  const half = (c: number) => Math.round(c / 2 + 127.5);
  for (const [got, want] of [[r, half(227)], [g, half(26)], [b, half(28)]]) {
    assert.ok(Math.abs(got - want) <= 2, `${[r, g, b]}`);
  }
});
