import {
  assert,
  layerXml,
  paintSymbol,
  point,
  symbolXml,
} from "./_test_util.ts";

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
