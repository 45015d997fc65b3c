import { assert, layerXml, paintSymbol, symbolXml } from "./_test_util.ts";
import type { Geometry } from "../geometry/types.ts";
import { qtRasterize } from "./qt_raster.ts";
import { type QtCap, type QtJoin, qtStrokeOutline } from "./qt_stroker.ts";

// Qt's own strokes (QPainter, anti-aliased, Qt 5.15 as QGIS 3.22 runs it):
// testdata/make_qt_strokes.py.
interface QtCase {
  name: string;
  width: number;
  cap: QtCap;
  join: QtJoin;
  lines: number[][];
  alpha: string;
}
const fixture = JSON.parse(
  await Deno.readTextFile(
    new URL("./testdata/qt_strokes.json", import.meta.url),
  ),
) as { size: number; cases: QtCase[] };
const SIZE = fixture.size;

function qtAlpha(c: QtCase): Uint8Array {
  return Uint8Array.from(atob(c.alpha), (ch) => ch.charCodeAt(0));
}

function differing(a: Uint8Array, b: Uint8Array): string[] {
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      out.push(`(${i % SIZE},${Math.floor(i / SIZE)}) ${a[i]} ≠ Qt ${b[i]}`);
    }
  }
  return out;
}

for (const c of fixture.cases) {
  Deno.test(`Qt stroke ${c.name} (${c.width} px, ${c.cap} cap, ${c.join} join): every pixel's coverage as Qt's`, () => {
    const ours = new Uint8Array(SIZE * SIZE);
    const outline = c.lines.flatMap((l) =>
      qtStrokeOutline(l, { width: c.width, cap: c.cap, join: c.join })
    );
    qtRasterize(outline, SIZE, SIZE, false, (x, y, v) => {
      ours[y * SIZE + x] = v;
    });
    const diff = differing(ours, qtAlpha(c));
    assert(
      diff.length === 0,
      `${diff.length} pixels: ${diff.slice(0, 5).join("; ")}`,
    );
  });
}

Deno.test("SimpleLine: a 1.474 px line (0.26 mm at 144 dpi) blends Qt's coverage into the map", async () => {
  const c = fixture.cases.find((x) => x.name === "zigzag_bevel_square")!;
  const geometry: Geometry = {
    kind: "line",
    parts: [[new Float64Array(c.lines[0])]],
  };
  const p = await paintSymbol(
    symbolXml(
      "line",
      layerXml("SimpleLine", {
        line_color: "0,0,0,255",
        line_width: String(c.width),
        line_width_unit: "Pixel",
        capstyle: c.cap,
        joinstyle: c.join,
      }),
    ),
    geometry,
  );
  const ours = new Uint8Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) ours[y * SIZE + x] = p.at(x, y)[3];
  }
  const diff = differing(ours, qtAlpha(c));
  assert(
    diff.length === 0,
    `${diff.length} pixels: ${diff.slice(0, 5).join("; ")}`,
  );
});

Deno.test("SimpleFill: a polygon's 2.6 px outline (both rings one path) as Qt strokes it", async () => {
  const c = fixture.cases.find((x) => x.name === "polygon_hole_miter")!;
  const geometry: Geometry = {
    kind: "polygon",
    parts: [c.lines.map((l) => new Float64Array(l))],
  };
  const p = await paintSymbol(
    symbolXml(
      "fill",
      layerXml("SimpleFill", {
        style: "no",
        outline_color: "0,0,0,255",
        outline_width: String(c.width),
        outline_width_unit: "Pixel",
        joinstyle: c.join,
      }),
    ),
    geometry,
  );
  const ours = new Uint8Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) ours[y * SIZE + x] = p.at(x, y)[3];
  }
  const diff = differing(ours, qtAlpha(c));
  assert(
    diff.length === 0,
    `${diff.length} pixels: ${diff.slice(0, 5).join("; ")}`,
  );
});
