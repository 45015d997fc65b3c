import { assert, layerXml, paintSymbol, symbolXml } from "./_test_util.ts";
import type { Geometry } from "../geometry/types.ts";

const dot = symbolXml(
  "marker",
  layerXml("SimpleMarker", {
    name: "square",
    size: "6",
    size_unit: "Pixel",
    color: "255,0,0,255",
    outline_style: "no",
  }),
);

const ring = (x0: number, y0: number, x1: number, y1: number) =>
  new Float64Array([x0, y0, x1, y0, x1, y1, x0, y1, x0, y0]);

// two squares: a big one around (30, 30), a small one around (80, 80)
const twoParts: Geometry = {
  kind: "polygon",
  parts: [[ring(10, 10, 50, 50)], [ring(75, 75, 85, 85)]],
};

Deno.test("CentroidFill: a marker at every part's centroid", async () => {
  const p = await paintSymbol(
    symbolXml("fill", layerXml("CentroidFill", {}, dot)),
    twoParts,
  );
  assert(p.at(30, 30)[3] === 255 && p.at(80, 80)[3] === 255, "both parts");
  // a 6 px marker centred on a pixel centre touches at most 7 × 7 pixels
  assert(
    p.covered() >= 72 && p.covered() <= 98,
    `two 6 px markers: ${p.covered()}`,
  );
});

Deno.test("CentroidFill: point_on_all_parts 0 marks only the largest part", async () => {
  const p = await paintSymbol(
    symbolXml(
      "fill",
      layerXml("CentroidFill", { point_on_all_parts: "0" }, dot),
    ),
    twoParts,
  );
  assert(p.at(30, 30)[3] === 255, "largest part");
  assert(p.at(80, 80)[3] === 0, "small part skipped");
});
