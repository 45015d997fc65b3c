import {
  assert,
  dataDefinedXml,
  layerXml,
  paintSymbol,
  SQUARE,
  symbolXml,
} from "./_test_util.ts";

Deno.test("PointPatternFill: a grid of markers clipped to the polygon", async () => {
  const p = await paintSymbol(
    symbolXml(
      "fill",
      layerXml(
        "PointPatternFill",
        {
          distance_x: "10",
          distance_x_unit: "Pixel",
          distance_y: "10",
          distance_y_unit: "Pixel",
        },
        symbolXml(
          "marker",
          layerXml("SimpleMarker", {
            name: "square",
            size: "2",
            size_unit: "Pixel",
            color: "255,0,0,255",
            outline_style: "no",
          }),
        ),
      ),
    ),
    SQUARE,
  );
  // markers centred on multiples of 10 px: 7 × 7 of them inside 20..80
  let marks = 0;
  for (let y = 20; y <= 80; y += 10) {
    for (let x = 20; x <= 80; x += 10) if (p.at(x, y)[3] > 0) marks++;
  }
  assert(marks >= 36, `grid marks ${marks}`);
  assert(p.at(45, 45)[3] === 0, "gaps between markers");
  assert(p.at(10, 10)[3] === 0 && p.at(90, 50)[3] === 0, "clipped");
});

Deno.test("LinePatternFill: parallel lines at the angle and distance", async () => {
  const p = await paintSymbol(
    symbolXml(
      "fill",
      layerXml(
        "LinePatternFill",
        { lineangle: "0", distance: "10", distance_unit: "Pixel" },
        symbolXml(
          "line",
          layerXml("SimpleLine", {
            line_color: "0,0,0,255",
            line_width: "2",
            line_width_unit: "Pixel",
          }),
        ),
      ),
    ),
    SQUARE,
  );
  const rows: number[] = [];
  for (let y = 21; y < 80; y++) {
    if (p.at(50, y)[3] > 0 && p.at(50, y - 1)[3] === 0) rows.push(y);
  }
  assert(rows.length >= 5 && rows.length <= 6, `lines at ${rows}`);
  assert(rows.every((r, i) => i === 0 || r - rows[i - 1] === 10), `${rows}`);
  assert(p.at(10, rows[0])[3] === 0, "clipped to the polygon");
});

Deno.test("PointPatternFill: a distance far below a pixel draws a bounded grid", async () => {
  // drawn marker by marker (a data-defined marker): 1e-9 px apart would be
  // 10^22 markers, and x += 1e-9 stops moving x at 100 px
  const p = await paintSymbol(
    symbolXml(
      "fill",
      layerXml(
        "PointPatternFill",
        {
          distance_x: "0.000000001",
          distance_x_unit: "Pixel",
          distance_y: "0.000000001",
          distance_y_unit: "Pixel",
        },
        symbolXml(
          "marker",
          layerXml(
            "SimpleMarker",
            {
              name: "square",
              size: "2",
              size_unit: "Pixel",
              color: "255,0,0,255",
              outline_style: "no",
            },
            dataDefinedXml("angle", "0"),
          ),
        ),
      ),
    ),
    SQUARE,
  );
  // the markers overlap into a fill of the polygon, clipped to it
  assert(p.at(50, 50)[3] === 255, `centre ${p.at(50, 50)}`);
  assert(p.at(10, 10)[3] === 0 && p.at(90, 50)[3] === 0, "clipped");
});
