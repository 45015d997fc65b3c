import { assert } from "./_test_util.ts";
import { MAX_DASH_REPEATS, qtDashes } from "./qt_dasher.ts";
import { qtRasterize } from "./qt_raster.ts";
import { type QtCap, type QtJoin, qtStrokeOutline } from "./qt_stroker.ts";

// Qt 5.15's own rendering of dashed wide pens (testdata/make_qt_dashes.py).
interface QtCase {
  name: string;
  width: number;
  cap: QtCap;
  join: QtJoin;
  pattern: number[];
  offset: number;
  lines: number[][];
  alpha: string;
}
const fixture = JSON.parse(
  await Deno.readTextFile(
    new URL("./testdata/qt_dashes.json", import.meta.url),
  ),
) as { size: number; cases: QtCase[] };
const SIZE = fixture.size;

Deno.test("qtDashes: the pattern runs on over vertices, from its offset", () => {
  assert(
    JSON.stringify(qtDashes([0, 0, 10, 0], [4, 2], 0)) ===
      "[[0,0,4,0],[6,0,10,0]]",
    "two dashes",
  );
  // 1 px into the pattern: the first dash is 3 long; the next one turns
  // the corner at (5, 0) as one polyline
  assert(
    JSON.stringify(qtDashes([0, 0, 5, 0, 5, 5], [4, 2], 1)) ===
      "[[0,0,3,0],[5,0,5,4]]",
    JSON.stringify(qtDashes([0, 0, 5, 0, 5, 5], [4, 2], 1)),
  );
  assert(qtDashes([0, 0, 10, 0], [0, 0], 0).length === 0, "empty pattern");
});

for (const c of fixture.cases) {
  Deno.test(`Qt dashes ${c.name} (${c.width} px, ${c.pattern} × width from ${c.offset}): every pixel's coverage as Qt's`, () => {
    const ours = new Uint8Array(SIZE * SIZE);
    // QPen makes an odd pattern even with a gap of one width
    const pen = c.pattern.length % 2 ? [...c.pattern, 1] : c.pattern;
    const pattern = pen.map((v) => v * c.width);
    const outline = c.lines.flatMap((l) =>
      qtDashes(l, pattern, c.offset * c.width).flatMap((d) =>
        qtStrokeOutline(d, { width: c.width, cap: c.cap, join: c.join })
      )
    );
    qtRasterize(outline, SIZE, SIZE, false, (x, y, v) => {
      ours[y * SIZE + x] = v;
    });
    const qt = Uint8Array.from(atob(c.alpha), (ch) => ch.charCodeAt(0));
    const diff: string[] = [];
    for (let i = 0; i < qt.length; i++) {
      if (ours[i] !== qt[i]) {
        diff.push(
          `(${i % SIZE},${Math.floor(i / SIZE)}) ${ours[i]} ≠ Qt ${qt[i]}`,
        );
      }
    }
    assert(
      diff.length === 0,
      `${diff.length} pixels: ${diff.slice(0, 5).join("; ")}`,
    );
  });
}

Deno.test("qtDashes: a pattern repeating more than MAX_DASH_REPEATS times along the line strokes it solid", () => {
  const line = [0, 0, 1000, 0, 1000, 1000];
  // 2,000 px at a 1e-7 px pattern: 1e10 dashes before
  const solid = qtDashes(line, [1e-7, 1e-7], 0);
  assert(
    JSON.stringify(solid) === JSON.stringify([line]),
    JSON.stringify(solid),
  );
  const n = qtDashes([0, 0, 2 * MAX_DASH_REPEATS, 0], [1, 1], 0).length;
  assert(n === MAX_DASH_REPEATS, `${n} dashes`);
});
