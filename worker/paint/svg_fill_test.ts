import {
  assert,
  layerXml,
  paintSymbol,
  SQUARE,
  symbolXml,
} from "./_test_util.ts";

const outline = symbolXml(
  "line",
  layerXml("SimpleLine", {
    line_color: "0,0,255,255",
    line_width: "2",
    line_width_unit: "Pixel",
    capstyle: "flat",
  }),
).replace('name="s"', 'name="@0@0"');

Deno.test("SVGFill: a tile under a pixel draws no texture; the outline symbol keeps its own opacity", async () => {
  const half = symbolXml(
    "fill",
    layerXml("SVGFill", {
      svgFile: "symbol/landuse_grass.svg",
      width: "0.1",
      pattern_width_unit: "MM",
      color: "255,0,0,255",
    }, outline),
  ).replace('alpha="1"', 'alpha="0.5"');
  const p = await paintSymbol(half, SQUARE);
  assert(
    p.at(50, 50)[3] === 0,
    `no texture inside: ${p.at(50, 50)}`,
  );
  // QgsImageFillSymbolLayer::renderPolygon draws its stroke symbol as it
  // is: the fill symbol's 0.5 does not reach it
  const edge = p.at(50, 20);
  assert(
    edge[2] === 255 && edge[3] > 200,
    `outline at full opacity: ${edge}`,
  );
});
