import { assertEquals } from "./_assert.ts";
import {
  shapeBackgroundSize,
  shapeBackgroundSymbol,
} from "./shape_background.ts";

const units = { dpi: 96, mapUnitsPerPixel: 1, mapUnitsPerMeter: 1 };

Deno.test("shapeBackgroundSize: buffer, fixed, none under a pixel or in percent", () => {
  const px = "Pixel" as const;
  assertEquals(
    shapeBackgroundSize({ sizeType: 0, sizeX: 2, sizeUnit: px }, 30, 12, units),
    34,
  );
  assertEquals(
    shapeBackgroundSize({ sizeType: 1, sizeX: 9, sizeUnit: px }, 30, 12, units),
    9,
  );
  assertEquals(
    shapeBackgroundSize(
      { sizeType: 2, sizeX: 50, sizeUnit: px },
      30,
      12,
      units,
    ),
    0,
  );
  assertEquals(
    shapeBackgroundSize(
      { sizeType: 1, sizeX: 0.5, sizeUnit: px },
      30,
      12,
      units,
    ),
    0,
  );
});

Deno.test("shapeBackgroundSymbol: a marker set to the size, its smaller layers scaled", () => {
  const xml = '<symbol type="marker" name="markerSymbol" alpha="1">' +
    '<layer class="SimpleMarker" enabled="1" pass="0"><Option type="Map">' +
    '<Option name="size" type="QString" value="4"/>' +
    '<Option name="offset" type="QString" value="1,0"/></Option></layer>' +
    '<layer class="SimpleMarker" enabled="1" pass="0"><Option type="Map">' +
    '<Option name="size" type="QString" value="2"/></Option></layer></symbol>';
  const bg = {
    type: 5,
    markerSymbol: xml,
    fill: [0, 0, 0, 255] as [number, number, number, number],
    stroke: [0, 0, 0, 255] as [number, number, number, number],
    strokeWidth: 0,
    strokeWidthUnit: "MM" as const,
  };
  const s = shapeBackgroundSymbol(bg, 40)!;
  assertEquals(s.layers.map((l) => [l.props.size, l.props.size_unit]), [
    ["40", "Pixel"],
    ["20", "Pixel"],
  ]);
  assertEquals(s.layers[0].props.offset, "10,0");
  assertEquals(shapeBackgroundSymbol({ ...bg, type: 0 }, 40), null);
});

Deno.test("shapeBackgroundSymbol: an SVG marker in the background's opaque colours", () => {
  const s = shapeBackgroundSymbol({
    type: 4,
    svgFile: " backgrounds/background_circle.svg ",
    fill: [10, 20, 30, 100],
    stroke: [40, 50, 60, 0],
    strokeWidth: 0.4,
    strokeWidthUnit: "MM",
  }, 25)!;
  const p = s.layers[0].props;
  assertEquals(
    [p.name, p.size, p.color, p.outline_color, p.outline_width],
    [
      "backgrounds/background_circle.svg",
      "25",
      "10,20,30,255",
      "40,50,60,255",
      "0.4",
    ],
  );
});
