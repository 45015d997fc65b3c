import {
  assert,
  layerXml,
  line,
  paintSymbol,
  symbolXml,
} from "./_test_util.ts";

const across = line(10, 50, 90, 50);
const width4 = { line_width: "4", line_width_unit: "Pixel" };

Deno.test("SimpleLine: the pen is as wide as the width in pixels", async () => {
  const p = await paintSymbol(
    symbolXml(
      "line",
      layerXml("SimpleLine", { line_color: "0,0,0,255", ...width4 }),
    ),
    across,
  );
  assert(p.at(50, 49)[3] === 255 && p.at(50, 50)[3] === 255, "inside");
  assert(p.at(50, 46)[3] === 0 && p.at(50, 53)[3] === 0, "outside");
});

Deno.test("SimpleLine: a dash pattern leaves gaps, scaled by the width", async () => {
  const p = await paintSymbol(
    symbolXml(
      "line",
      layerXml("SimpleLine", {
        line_color: "0,0,0,255",
        line_style: "dash",
        capstyle: "flat",
        ...width4,
      }),
    ),
    across,
  );
  let gaps = 0;
  for (let x = 12; x < 88; x++) {
    if (p.at(x, 50)[3] > 0 && p.at(x + 1, 50)[3] === 0) gaps++;
  }
  // Qt's dash: 4 on, 2 off, in pen widths → a 24 px period over 80 px
  assert(gaps >= 3 && gaps <= 4, `gaps ${gaps}`);
});

Deno.test("SimpleLine: trimmed ends are not drawn", async () => {
  const p = await paintSymbol(
    symbolXml(
      "line",
      layerXml("SimpleLine", {
        line_color: "0,0,0,255",
        capstyle: "flat",
        trim_distance_start: "20",
        trim_distance_start_unit: "Pixel",
        ...width4,
      }),
    ),
    across,
  );
  assert(p.at(20, 50)[3] === 0, "start trimmed");
  assert(p.at(35, 50)[3] === 255, "rest drawn");
});

Deno.test("SimpleLine: an offset moves the line sideways", async () => {
  const p = await paintSymbol(
    symbolXml(
      "line",
      layerXml("SimpleLine", {
        line_color: "0,0,0,255",
        offset: "10",
        offset_unit: "Pixel",
        ...width4,
      }),
    ),
    across,
  );
  assert(p.at(50, 50)[3] === 0, "not on the geometry");
  assert(
    p.at(50, 40)[3] === 255 || p.at(50, 60)[3] === 255,
    "10 px to one side",
  );
});
