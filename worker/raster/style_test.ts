import { DOMParser } from "@xmldom/xmldom";
import { parseColor, parseRasterStyle, qmlNumber } from "./style.ts";

// Golden files are rewritten only with QSL_UPDATE_GOLDEN=1.
const UPDATE = Deno.env.get("QSL_UPDATE_GOLDEN") === "1";
const DIR = new URL("./testdata/", import.meta.url);

function assertEquals(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}:\nactual   ${a}\nexpected ${e}`);
}

// JSON has no Infinity/NaN: they are written as strings.
function serialise(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v) => typeof v === "number" && !Number.isFinite(v) ? String(v) : v,
    1,
  ) + "\n";
}

function root(text: string) {
  return new DOMParser().parseFromString(text, "text/xml").documentElement!;
}

for (
  const name of [
    "pseudocolor_interpolated",
    "gray_contrast",
    "multiband",
    "paletted",
    "hillshade",
    "unsupported",
  ]
) {
  Deno.test(`parseRasterStyle: ${name}.qml matches its golden file`, async () => {
    const qml = await Deno.readTextFile(new URL(`${name}.qml`, DIR));
    const actual = serialise(parseRasterStyle(root(qml)));
    const golden = new URL(`${name}.style.json`, DIR);
    if (UPDATE) await Deno.writeTextFile(golden, actual);
    const expected = await Deno.readTextFile(golden);
    if (actual !== expected) {
      throw new Error(
        `${name}: parsed style differs from ${golden.pathname} (QSL_UPDATE_GOLDEN=1 rewrites it)\n${actual}`,
      );
    }
  });
}

Deno.test("parseRasterStyle: a QML without a raster pipe is a SyntaxError", () => {
  let error: unknown;
  try {
    parseRasterStyle(root("<qgis><renderer-v2/></qgis>"));
  } catch (e) {
    error = e;
  }
  if (!(error instanceof SyntaxError)) throw new Error("no SyntaxError");
  if (!/Cannot read raster style/.test(error.message)) {
    throw new Error(error.message);
  }
});

Deno.test("parseRasterStyle: QGIS defaults when the QML says little", () => {
  const style = parseRasterStyle(
    root('<qgis><pipe><rasterrenderer type="singlebandgray"/></pipe></qgis>'),
  );
  assertEquals(style.opacity, 1, "opacity");
  assertEquals(style.renderer, {
    type: "singlebandgray",
    band: 1,
    gradient: "BlackToWhite",
    contrast: null,
  }, "renderer");
  assertEquals(style.brightnessContrast, {
    brightness: 0,
    contrast: 0,
    gamma: 1,
  }, "brightness/contrast");
  assertEquals(style.resampling.zoomedIn, "nearestNeighbour", "resampling");
});

Deno.test("qmlNumber and parseColor read QGIS's spellings", () => {
  assertEquals(qmlNumber("inf", 0), Infinity, "inf");
  assertEquals(qmlNumber("-inf", 0), -Infinity, "-inf");
  assertEquals(Number.isNaN(qmlNumber("nan", 0)), true, "nan");
  assertEquals(qmlNumber("", 7), 7, "empty");
  assertEquals(qmlNumber("1e+08", 0), 1e8, "exponent");
  assertEquals(parseColor("#80ff0000"), { a: 128, r: 255, g: 0, b: 0 }, "argb");
  assertEquals(
    parseColor("152,125,183,255,rgb:0.59,0.49,0.71,1"),
    { r: 152, g: 125, b: 183, a: 255 },
    "rgba list",
  );
  assertEquals(parseColor(""), null, "empty colour");
});
