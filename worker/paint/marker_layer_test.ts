import {
  assert,
  dataDefinedXml,
  layerXml,
  paintSymbol,
  point,
  symbolXml,
} from "./_test_util.ts";

Deno.test("marker anchor points move the marker by half its size", async () => {
  const base = {
    name: "square",
    size: "20",
    size_unit: "Pixel",
    color: "255,0,0,255",
    outline_style: "no",
  };
  const centred = await paintSymbol(
    symbolXml("marker", layerXml("SimpleMarker", base)),
    point(50, 50),
  );
  const left = await paintSymbol(
    symbolXml(
      "marker",
      layerXml("SimpleMarker", { ...base, horizontal_anchor_point: "0" }),
    ),
    point(50, 50),
  );
  assert(centred.at(45, 50)[3] === 255, "centred covers the left half");
  assert(left.at(45, 50)[3] === 0, "left-anchored starts at the point");
  assert(left.at(65, 50)[3] === 255, "and reaches 20 px right");
});

Deno.test("EllipseMarker: its own width and height", async () => {
  const p = await paintSymbol(
    symbolXml(
      "marker",
      layerXml("EllipseMarker", {
        symbol_width: "60",
        symbol_width_unit: "Pixel",
        symbol_height: "10",
        symbol_height_unit: "Pixel",
        color: "0,255,0,255",
        outline_width: "0",
      }),
    ),
    point(50, 50),
  );
  assert(p.at(25, 50)[3] > 0, "wide");
  assert(p.at(50, 40)[3] === 0, "flat");
});

Deno.test("FilledMarker: the shape filled with its fill sub-symbol", async () => {
  const sub = symbolXml(
    "fill",
    layerXml("SimpleFill", { color: "0,0,255,255", outline_style: "no" }),
  );
  const p = await paintSymbol(
    symbolXml(
      "marker",
      layerXml("FilledMarker", {
        name: "square",
        size: "30",
        size_unit: "Pixel",
      }, sub),
    ),
    point(50, 50),
  );
  assert(p.at(50, 50).join() === "0,0,255,255", `${p.at(50, 50)}`);
  assert(p.at(37, 37)[3] === 255 && p.at(30, 30)[3] === 0, "square of 30");
});

Deno.test("a data-defined size is evaluated per feature", async () => {
  const sym = symbolXml(
    "marker",
    layerXml(
      "SimpleMarker",
      {
        name: "square",
        size: "4",
        size_unit: "Pixel",
        color: "255,0,0,255",
        outline_style: "no",
      },
      dataDefinedXml("size", "&quot;s&quot; * 2"),
    ),
  );
  const small = await paintSymbol(sym, point(50, 50), { s: 5 });
  const big = await paintSymbol(sym, point(50, 50), { s: 20 });
  assert(small.covered() === 100, `10×10 px: ${small.covered()}`);
  assert(big.covered() === 1600, `40×40 px: ${big.covered()}`);
});

Deno.test("a data-defined expression that does not parse warns once and falls back", async () => {
  const p = await paintSymbol(
    symbolXml(
      "marker",
      layerXml(
        "SimpleMarker",
        {
          name: "square",
          size: "10",
          size_unit: "Pixel",
          color: "255,0,0,255",
          outline_style: "no",
        },
        dataDefinedXml("size", "1 +"),
      ),
    ),
    point(50, 50),
    { s: 1 },
  );
  assert(p.covered() === 100, `static size: ${p.covered()}`);
  assert(
    p.warnings.length === 1 && /data-defined size '1 \+'/.test(p.warnings[0]),
    p.warnings.join("; "),
  );
});
