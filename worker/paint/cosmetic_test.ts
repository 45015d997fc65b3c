import assert from "node:assert/strict";
import { type CosmeticPen, cosmeticPixels } from "./cosmetic.ts";

/** Alpha of one row, pixels x0…x1, as sequential source-over draws. */
function row(
  points: number[],
  pen: CosmeticPen,
  y: number,
  x0: number,
  x1: number,
): number[] {
  const a = new Float64Array(100 * 100);
  cosmeticPixels(
    [{ points: new Float64Array(points) }],
    pen,
    100,
    100,
    (x, yy, c) => {
      const i = yy * 100 + x;
      a[i] = a[i] + (c * (255 - a[i])) / 255;
    },
  );
  return Array.from(a.slice(y * 100 + x0, y * 100 + x1 + 1), Math.round);
}

// QGIS 3.22 drew a horizontal 0.25 mm (0.945 px) line from x = 10.3 at
// y = 50.5 with Qt's dash pen as these alphas (pixels 8…27).
Deno.test("cosmetic: dashes counted in whole pixels, opacity from the width, as QGIS draws them", () => {
  const line = [10.3, 50.5, 90, 50.5];
  const on = 240, dashes = [0, 0, on, on, on, on, 0, 0];
  assert.deepEqual(
    row(
      line,
      { width: 0.945, caps: true, dash: [4, 2], dashOffset: 0 },
      50,
      8,
      27,
    ),
    [...dashes, on, on, on, on, 0, 0, on, on, on, on, 0, 0],
  );
  // a flat cap starts the first dash at the line's start
  assert.deepEqual(
    row(
      line,
      { width: 0.945, caps: false, dash: [4, 2], dashOffset: 0 },
      50,
      8,
      13,
    ),
    [0, 0, 168, on, on, on],
  );
});

Deno.test("cosmetic: a diagonal spreads one pixel of coverage over two rows", () => {
  const got: number[][] = [];
  cosmeticPixels(
    [{ points: new Float64Array([0.5, 0.25, 8.5, 4.25]) }],
    { width: 1, caps: false, dash: null, dashOffset: 0 },
    10,
    10,
    (x, y, c) => got.push([x, y, c]),
  );
  const perColumn = new Map<number, number>();
  for (const [x, , c] of got) perColumn.set(x, (perColumn.get(x) ?? 0) + c);
  // inner columns carry (almost) exactly one pixel of coverage
  for (let x = 1; x < 8; x++) {
    assert.ok(Math.abs(perColumn.get(x)! - 255) <= 1, `column ${x}`);
  }
});

Deno.test("cosmetic: a ring gets no caps; an open path gets half a pixel at each end", () => {
  const count = (points: number[], caps: boolean) => {
    let n = 0;
    cosmeticPixels(
      [{ points: new Float64Array(points) }],
      { width: 1, caps, dash: null, dashOffset: 0 },
      20,
      20,
      () => n++,
    );
    return n;
  };
  const open = [2, 2.5, 12, 2.5];
  assert.ok(count(open, true) > count(open, false));
  const ring = [2, 2.5, 12, 2.5, 12, 12.5, 2, 2.5];
  assert.equal(count(ring, true), count(ring, false));
});

Deno.test("cosmetic: blending into the surface's own pixels stays within a few levels of Skia's drawPoints", async () => {
  const { getCanvasKit } = await import("./canvaskit.ts");
  const { drawCosmetic } = await import("./cosmetic.ts");
  const { testMap } = await import("./_test_util.ts");
  const ck = await getCanvasKit();
  const W = 64, H = 64;
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  // the same random premultiplied background in both surfaces
  const background = new Uint8Array(W * H * 4);
  for (let i = 0; i < W * H; i++) {
    const a = Math.floor(rnd() * 256);
    background[4 * i + 3] = a;
    for (let k = 0; k < 3; k++) {
      background[4 * i + k] = Math.floor(rnd() * (a + 1));
    }
  }
  const draw = (direct: boolean) => {
    const map = testMap(ck, W, H, {
      direct,
      background,
      compile: () => () => null,
    });
    const pc = map.pc;
    let s = 11;
    const r = () => (s = (s * 69069 + 1) >>> 0) / 2 ** 32;
    for (let i = 0; i < 300; i++) {
      const points = new Float64Array(8);
      for (let k = 0; k < 8; k++) points[k] = r() * (k % 2 ? H : W);
      const rgba: [number, number, number, number] = [
        Math.floor(r() * 256),
        Math.floor(r() * 256),
        Math.floor(r() * 256),
        i % 4 === 0 ? 255 : Math.floor(r() * 256),
      ];
      drawCosmetic(pc, [{ points }], rgba, i % 3 === 0 ? 1 : r(), {
        width: r(),
        caps: i % 2 === 0,
        dash: i % 5 === 0 ? [4, 2] : null,
        dashOffset: 0,
      });
    }
    const out = map.pixels();
    map.dispose();
    return out;
  };
  const skia = draw(false), ours = draw(true);
  let changed = 0, max = 0;
  for (let i = 0; i < skia.length; i++) {
    if (skia[i] !== background[i]) changed++;
    max = Math.max(max, Math.abs(ours[i] - skia[i]));
  }
  assert.ok(changed > 4000, `too little drawn: ${changed}`);
  // Qt's rounding against Skia's truncation, over up to hundreds of draws
  assert.ok(max <= 16, `levels apart: ${max}`);
});

Deno.test("cosmetic: a pen crossing a pixel again and again blends as QPainter does (Qt's rounded BYTE_MUL, not Skia's truncation)", async () => {
  const { getCanvasKit } = await import("./canvaskit.ts");
  const { drawCosmetic } = await import("./cosmetic.ts");
  const { testMap } = await import("./_test_util.ts");
  const ck = await getCanvasKit();
  // a fill of (246, 219, 13) at alpha 23, premultiplied, under 20 black
  // hairlines of alpha 10 through the pixel centres of row 4
  const background = new Uint8Array(8 * 8 * 4);
  for (let i = 0; i < 64; i++) background.set([22, 20, 1, 23], 4 * i);
  const map = testMap(ck, 8, 8, {
    direct: true,
    background,
    compile: () => () => null,
  });
  for (let i = 0; i < 20; i++) {
    drawCosmetic(
      map.pc,
      [{ points: new Float64Array([0, 4.5, 8, 4.5]) }],
      [
        0,
        0,
        0,
        10,
      ],
      1,
      { width: 0.98, caps: true, dash: null, dashOffset: 0 },
    );
  }
  const out = map.pixels();
  map.dispose();
  // QPainter (Qt 5.15.8, antialiased cosmetic QPen of QColor(0, 0, 0, 10)
  // drawn 20 times on that QImage): (12, 12, 1, 150); Skia's blitter
  // leaves (2, 0, 0, 144)
  assert.deepEqual(Array.from(out.subarray(4 * (4 * 8 + 3), 4 * (4 * 8 + 4))), [
    12,
    12,
    1,
    150,
  ]);
  assert.deepEqual(Array.from(out.subarray(4 * (2 * 8 + 3), 4 * (2 * 8 + 4))), [
    22,
    20,
    1,
    23,
  ]);
});
