import { computeMapSettings, computeScale, normaliseCrs } from "./compute.ts";
import { mapToPixel } from "./map_settings.ts";

function eq(a: unknown, b: unknown, msg = ""): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    throw new Error(`${msg} ${JSON.stringify(a)} !== ${JSON.stringify(b)}`);
  }
}
function near(a: number, b: number, tol: number, msg = ""): void {
  if (Math.abs(a - b) > tol) {
    throw new Error(`${msg} ${a} not within ${tol} of ${b}`);
  }
}

const bbox = { x_min: 2599000, x_max: 2631000, y_min: 1199000, y_max: 1221000 };

Deno.test("map: matching aspect keeps the extent; scale as QgsScaleCalculator", () => {
  const m = computeMapSettings({
    bbox,
    crs: "EPSG:2056",
    width: 640,
    height: 440,
    dpi: 96,
    format: "image/png",
  });
  eq(m.extent, { xmin: 2599000, ymin: 1199000, xmax: 2631000, ymax: 1221000 });
  eq(m.mapUnitsPerPixel, 50);
  // 32 km over 640 px at 96 dpi: 32000 m · 39.3700787 in/m / (640/96 in)
  near(m.scale, (32000 * 39.3700787) / (640 / 96), 1e-6);
  eq(mapToPixel(m, 2631000, 1199000), [640, 440]);
});

Deno.test("map: a wider bbox grows the height around the centre (square pixels)", () => {
  const m = computeMapSettings({
    bbox: { x_min: 0, y_min: 0, x_max: 200, y_max: 100 },
    crs: "EPSG:3857",
    width: 100,
    height: 100,
  });
  eq(m.extent, { xmin: 0, ymin: -50, xmax: 200, ymax: 150 });
  eq([m.mapUnitsPerPixel, m.dpi], [2, 96]);
});

Deno.test("map: upper-case format and CRS forms; lat/lon bboxes swapped for EPSG:4326", () => {
  const m = computeMapSettings({
    bbox: { x_min: 46, y_min: 7, x_max: 47, y_max: 8 },
    crs: "urn:ogc:def:crs:EPSG::4326",
    width: 100,
    height: 100,
    format: "IMAGE/JPEG",
  });
  eq(m.crs, "EPSG:4326");
  eq(m.format, "jpeg");
  eq(m.extent, { xmin: 7, ymin: 46, xmax: 8, ymax: 47 });
  const crs84 = computeMapSettings({
    bbox: { x_min: 7, y_min: 46, x_max: 8, y_max: 47 },
    crs: "CRS:84",
    width: 100,
    height: 100,
  });
  eq(crs84.extent, { xmin: 7, ymin: 46, xmax: 8, ymax: 47 });
  // QGIS 3.22 measures one degree of longitude at 46.5° as 53.7 km (its
  // haversine arc, not the parallel's 76.8 km): QgsMapSettings.scale() of
  // this map (100 px at 96 dpi) in EPSG:4326 is 2,030,667.892967174
  near(computeScale(m.extent, 100, 96, true), 2030667.892967174, 1e-6);
});

Deno.test("map: CRS names", () => {
  eq(normaliseCrs("epsg:2056"), "EPSG:2056");
  eq(normaliseCrs("http://www.opengis.net/def/crs/EPSG/0/2056"), "EPSG:2056");
  eq(normaliseCrs("http://www.opengis.net/gml/srs/epsg.xml#4326"), "EPSG:4326");
});

Deno.test("map: bad input is a RangeError naming the cause", () => {
  const cases = [
    { bbox, crs: "EPSG:2056", width: 0, height: 10 },
    { bbox, crs: "EPSG:2056", width: 10, height: 10, format: "image/gif" },
    { bbox, crs: "not a crs", width: 10, height: 10 },
    {
      bbox: { x_min: 1, x_max: 1, y_min: 0, y_max: 1 },
      crs: "EPSG:2056",
      width: 10,
      height: 10,
    },
  ];
  for (const c of cases) {
    let e: unknown;
    try {
      computeMapSettings(c);
    } catch (error) {
      e = error;
    }
    if (!(e instanceof RangeError) || !/^Cannot/.test(e.message)) {
      throw new Error(`no RangeError for ${JSON.stringify(c)}`);
    }
  }
});

Deno.test('map: no CRS ("") is kept, and its scale is measured as degrees as QGIS 3.22 does', () => {
  // QgsMapSettings with an invalid destination CRS (fromOgcWmsCrs(""),
  // "EPSG:999999" alike), 640 × 400 px at 96 dpi; scales QGIS printed
  for (
    const [b, scale] of [
      [{ x_min: 5, y_min: 45, x_max: 11, y_max: 48 }, 1903751.1496567256],
      [
        { x_min: 2600000, y_min: 1200000, x_max: 2601000, y_max: 1201000 },
        117219325.53913115,
      ],
    ] as const
  ) {
    for (const crs of ["", "  "]) {
      const m = computeMapSettings({
        bbox: b,
        crs,
        width: 640,
        height: 400,
        dpi: 96,
        format: "image/png",
      });
      eq(m.crs, "");
      near(m.scale, scale, scale * 1e-9, `scale of ${JSON.stringify(b)}`);
    }
  }
  eq(normaliseCrs(""), "");
});
