import {
  assert,
  layerXml,
  paintSymbol,
  point,
  SIZE,
  symbolXml,
  testMap,
} from "./_test_util.ts";
import type { Geometry } from "../geometry/types.ts";
import { parseQmlDocument, readSymbol } from "../style/qml.ts";
import { getCanvasKit } from "./canvaskit.ts";
import { drawSymbol } from "./symbol.ts";

const marker = (props: Record<string, string>) =>
  symbolXml(
    "marker",
    layerXml("SimpleMarker", {
      size: "40",
      size_unit: "Pixel",
      color: "255,0,0,255",
      outline_style: "no",
      ...props,
    }),
  );

Deno.test("SimpleMarker: a square fills its corners, a circle does not", async () => {
  const sq = await paintSymbol(marker({ name: "square" }), point(50, 50));
  const ci = await paintSymbol(marker({ name: "circle" }), point(50, 50));
  assert(sq.at(33, 33)[3] === 255, `square corner ${sq.at(33, 33)}`);
  assert(ci.at(33, 33)[3] === 0, `circle corner ${ci.at(33, 33)}`);
  assert(ci.at(50, 50).join() === "255,0,0,255", "circle centre");
  // area ratio π/4 within a few per cent
  const ratio = ci.covered() / sq.covered();
  assert(Math.abs(ratio - Math.PI / 4) < 0.03, `area ratio ${ratio}`);
});

Deno.test("SimpleMarker: rotated 45°, a square's axis corners are empty", async () => {
  const p = await paintSymbol(
    marker({ name: "square", angle: "45" }),
    point(50, 50),
  );
  assert(p.at(33, 33)[3] === 0, "corner empty");
  assert(p.at(50, 25)[3] === 255, "the rotated corner points up");
});

Deno.test("SimpleMarker: outline colour and width", async () => {
  const p = await paintSymbol(
    marker({
      name: "square",
      outline_style: "solid",
      outline_color: "0,0,255,255",
      outline_width: "4",
      outline_width_unit: "Pixel",
    }),
    point(50, 50),
  );
  assert(p.at(50, 30).join() === "0,0,255,255", `edge ${p.at(50, 30)}`);
  assert(p.at(50, 50).join() === "255,0,0,255", "inside");
});

Deno.test("SimpleMarker: shapes without a fill (cross) are stroked only", async () => {
  const p = await paintSymbol(
    marker({
      name: "cross",
      outline_style: "solid",
      outline_color: "0,0,0,255",
      outline_width: "2",
      outline_width_unit: "Pixel",
    }),
    point(50, 50),
  );
  assert(p.at(50, 35)[3] > 0 && p.at(35, 50)[3] > 0, "arms");
  assert(p.at(40, 40)[3] === 0, "nothing between the arms");
  assert(p.at(50, 35)[0] === 0, "in the outline colour, not the fill");
});

Deno.test("SimpleMarker: a circle with a hairline outline is filled as one without, then outlined", async () => {
  // QGIS fills both on its marker cache with Qt's rasterizer
  const style = {
    name: "circle",
    size: "9.3",
    color: "200,80,40,190",
    outline_style: "solid",
    outline_color: "20,20,200,255",
    outline_width: "0",
  };
  const both = await paintSymbols([
    [marker(style), point(40.3, 50.6)],
  ], false);
  const apart = await paintSymbols([
    [marker({ ...style, outline_style: "no" }), point(40.3, 50.6)],
    [marker({ ...style, color: "0,0,0,0" }), point(40.3, 50.6)],
  ], false);
  assert(both.some((v) => v !== 0), "nothing drawn");
  assert(both.every((v, i) => v === apart[i]), "pixels differ");
});

Deno.test("SimpleMarker: circles blended from stamps into the map's own pixels are within a few levels of those drawn one by one on the canvas", async () => {
  let s = 5;
  const r = () => (s = (s * 69069 + 1) >>> 0) / 2 ** 32;
  const symbols: [string, Geometry][] = [];
  for (let i = 0; i < 400; i++) {
    const size = [3, 7.56, 7.56, 12.1][i % 4];
    const outline = i % 3 === 0 ? "no" : "solid";
    symbols.push([
      marker({
        name: "circle",
        size: String(size),
        color: `${i % 256},80,${255 - (i % 256)},${i % 5 === 0 ? 255 : 120}`,
        outline_style: outline,
        outline_color: "20,20,20,200",
        outline_width: i % 2 ? "0" : "0.8",
      }),
      // near the edges too, where the map clips
      point(r() * 110 - 5, r() * 110 - 5),
    ]);
  }
  const stamped = await paintSymbols(symbols, true);
  const single = await paintSymbols(symbols, false);
  let inked = 0;
  for (let i = 3; i < single.length; i += 4) if (single[i] > 0) inked++;
  assert(inked > 3000, `too little drawn: ${inked}`);
  // the map's own pixels blend with Qt's rounding, the canvas with Skia's
  // truncation: a level or two apart where circles overlap, never more
  let max = 0;
  for (let i = 0; i < single.length; i++) {
    max = Math.max(max, Math.abs(stamped[i] - single[i]));
  }
  assert(max <= 6, `channel values ${max} apart`);
});

/**
 * Paints symbols (QML, geometry in pixels) in order on a transparent map
 * of SIZE × SIZE; `direct`: into the map's own pixels as a render does.
 */
async function paintSymbols(
  symbols: [string, Geometry][],
  direct: boolean,
): Promise<Uint8Array> {
  const map = testMap(await getCanvasKit(), SIZE, SIZE, { direct });
  try {
    for (const [qml, geometry] of symbols) {
      const root = parseQmlDocument(`<qgis>${qml}</qgis>`);
      const symbol = readSymbol(root.getElementsByTagName("symbol")[0]);
      drawSymbol(map.pc, symbol, { id: 1, attributes: {}, geometry }, geometry);
    }
    return map.pixels();
  } finally {
    map.dispose();
  }
}
