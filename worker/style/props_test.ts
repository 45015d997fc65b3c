import {
  MAX_PIXEL_SIZE,
  parseColor,
  parseUnit,
  propNumberList,
  propPoint,
  toPixels,
} from "./props.ts";

function eq(a: unknown, b: unknown, msg: string): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    throw new Error(`${msg}: ${JSON.stringify(a)} !== ${JSON.stringify(b)}`);
  }
}

Deno.test("props: colours in QGIS's encodings", () => {
  eq(parseColor("106,27,154,255"), [106, 27, 154, 255], "r,g,b,a");
  eq(
    parseColor("106,27,154,255,rgb:0.41,0.10,0.60,1"),
    [106, 27, 154, 255],
    "QGIS ≥ 3.28 suffix",
  );
  eq(parseColor("1,2,3"), [1, 2, 3, 255], "no alpha");
  eq(parseColor("#80ff0000"), [255, 0, 0, 128], "#aarrggbb");
  eq(parseColor("#abc"), [170, 187, 204, 255], "#rgb");
  eq(parseColor("nonsense", [9, 9, 9, 9]), [9, 9, 9, 9], "fallback");
  // QColor's SVG names, any case (QColor("DarkOrange") in Qt 5.15)
  eq(parseColor("cyan"), [0, 255, 255, 255], "cyan");
  eq(parseColor("DarkOrange"), [255, 140, 0, 255], "DarkOrange");
  eq(parseColor("transparent"), [0, 0, 0, 0], "transparent");
  eq(parseColor("constructor", [9, 9, 9, 9]), [9, 9, 9, 9], "not a name");
});

Deno.test("props: every unit converts as QgsRenderContext::convertToPainterUnits", () => {
  const ctx = { dpi: 300, mapUnitsPerPixel: 0.5 };
  eq(toPixels(25.4, "MM", ctx), 300, "mm");
  // QGIS's 2.83464567 points per millimetre: 72 pt is 299.9999999 px
  eq(toPixels(72, "Point", ctx), 72 * (300 / 25.4) / 2.83464567, "points");
  eq(
    Math.round(toPixels(8.25, "Point", { dpi: 144, mapUnitsPerPixel: 1 })),
    16,
    "8.25 pt at 144 dpi",
  );
  eq(toPixels(1, "Inch", ctx), 300, "inch");
  eq(toPixels(7, "Pixel", ctx), 7, "pixels");
  eq(toPixels(10, "MapUnit", ctx), 20, "map units");
  eq(
    [
      parseUnit("Point"),
      parseUnit("MapUnit"),
      parseUnit(""),
      parseUnit("Inch"),
      // QgsUnitTypes::decodeRenderUnit's other spellings (a geometry
      // generator's default is "mapunits")
      parseUnit("mapunits"),
      parseUnit("meters"),
      parseUnit("percent"),
      parseUnit("pixels"),
    ],
    [
      "Point",
      "MapUnit",
      "MM",
      "Inch",
      "MapUnit",
      "RenderMetersInMapUnits",
      "Percentage",
      "MM",
    ],
    "names",
  );
});

Deno.test("props: points and dash lists", () => {
  eq(propPoint({ offset: "1.5,-2" }, "offset"), [1.5, -2], "point");
  eq(propPoint({}, "offset"), [0, 0], "absent point");
  eq(
    propNumberList({ customdash: "5;2;0.5;2" }, "customdash"),
    [5, 2, 0.5, 2],
    "dashes",
  );
});

Deno.test("props: sizes in pixels are bounded, whatever the dpi, scale or size", () => {
  const huge = { dpi: 1e6, mapUnitsPerPixel: 1e-12 };
  eq(toPixels(10, "Point", huge), MAX_PIXEL_SIZE, "font at a million dpi");
  eq(toPixels(5, "MapUnit", huge), MAX_PIXEL_SIZE, "buffer zoomed to 1e-12");
  eq(toPixels(-1e300, "MM", huge), -MAX_PIXEL_SIZE, "negative offsets too");
  eq(toPixels(1e308, "Pixel", huge), MAX_PIXEL_SIZE, "pixels");
  eq(
    toPixels(2, "MM", { dpi: 96, mapUnitsPerPixel: 1 }),
    2 * 96 / 25.4,
    "as is",
  );
});
