import {
  assert,
  layerXml,
  paintSymbol,
  SQUARE,
  symbolXml,
} from "./_test_util.ts";

Deno.test("SimpleFill: a solid brush inside and the outline pen on the ring", async () => {
  const p = await paintSymbol(
    symbolXml(
      "fill",
      layerXml("SimpleFill", {
        color: "255,0,0,255",
        outline_color: "0,0,255,255",
        outline_width: "4",
        outline_width_unit: "Pixel",
      }),
    ),
    SQUARE,
  );
  assert(p.at(50, 50).join() === "255,0,0,255", `inside ${p.at(50, 50)}`);
  assert(p.at(50, 20).join() === "0,0,255,255", `edge ${p.at(50, 20)}`);
  assert(p.at(50, 18)[3] > 0, "the pen straddles the ring");
  assert(p.at(50, 10)[3] === 0, "nothing far outside");
});

Deno.test("SimpleFill: brush style 'no' leaves the inside empty", async () => {
  const p = await paintSymbol(
    symbolXml(
      "fill",
      layerXml("SimpleFill", { color: "255,0,0,255", style: "no" }),
    ),
    SQUARE,
  );
  assert(p.at(50, 50)[3] === 0, `inside ${p.at(50, 50)}`);
  assert(p.at(20, 50)[3] > 0, "the outline is drawn");
});

Deno.test("SimpleFill: Qt's horizontal hatch paints one row in eight", async () => {
  const p = await paintSymbol(
    symbolXml(
      "fill",
      layerXml("SimpleFill", {
        color: "0,128,0,255",
        style: "horizontal",
        outline_style: "no",
      }),
    ),
    SQUARE,
  );
  const rows = [];
  for (let y = 24; y < 72; y++) if (p.at(50, y)[3] > 0) rows.push(y % 8);
  assert(rows.length === 6, `painted rows ${rows}`);
  assert(rows.every((r) => r === 3), `row phase ${rows}`);
});

Deno.test("SimpleFill: an offset in pixels moves the fill", async () => {
  const p = await paintSymbol(
    symbolXml(
      "fill",
      layerXml("SimpleFill", {
        color: "255,0,0,255",
        outline_style: "no",
        offset: "10,5",
        offset_unit: "Pixel",
      }),
    ),
    SQUARE,
  );
  assert(p.at(25, 50)[3] === 0, "left part uncovered");
  assert(p.at(85, 82)[3] === 255, "shifted right and down");
});
