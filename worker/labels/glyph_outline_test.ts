import { assert } from "./_assert.ts";
import { fontLibrarySync } from "./fonts.ts";
import { getCanvasKit } from "../paint/canvaskit.ts";
import { flattenSubpath, glyphPath } from "./glyph_outline.ts";
import type { QtSubpath } from "../paint/qt_stroker.ts";
import { qtStrokePath } from "../paint/qt_stroker.ts";
import { ligated } from "./text.ts";

const fonts = fontLibrarySync(await getCanvasKit());
const sans = fonts.outlines("DejaVu Sans", false, false);
const ck = await getCanvasKit();

Deno.test("glyphPath: DejaVu Sans 'l' is a rectangle in 1/64 pixel steps, closed by a line", () => {
  const font = new ck.Font(fonts.typeface("DejaVu Sans", false, false), 13);
  const [id] = font.getGlyphIDs("l");
  font.delete();
  const out: QtSubpath[] = [];
  glyphPath(sans, id, 13, 10, 20, out);
  assert(out.length === 1, JSON.stringify(out));
  const poly = flattenSubpath(out[0]);
  for (const v of poly) assert(Number.isInteger(v * 64), `${v} not in 26.6`);
  // the stem: 13 px × 2048 units per em, x from 193 to 377 units
  const xs = poly.filter((_, i) => i % 2 === 0);
  assert(
    Math.min(...xs) === 10 + Math.round(193 * 13 / 2048 * 64) / 64,
    `${xs}`,
  );
  assert(
    Math.max(...xs) === 10 + Math.round(377 * 13 / 2048 * 64) / 64,
    `${xs}`,
  );
  // a line back to the start closes it
  const last = out[0].segs.at(-1)!;
  assert(last.length === 2 && last[0] === out[0].x && last[1] === out[0].y);
});

Deno.test("glyphPath: 'o' is two contours of cubics (quadratics raised as Qt raises them)", () => {
  const font = new ck.Font(fonts.typeface("DejaVu Sans", false, false), 20);
  const [id] = font.getGlyphIDs("o");
  font.delete();
  const out: QtSubpath[] = [];
  glyphPath(sans, id, 20, 0, 0, out);
  assert(out.length === 2, `${out.length}`);
  for (const p of out) {
    assert(p.segs.every((g) => g.length === 6), JSON.stringify(p.segs));
    const end = p.segs.at(-1)!;
    assert(end[4] === p.x && end[5] === p.y, "ends at its start");
  }
});

Deno.test("qtStrokePath: a closed square of lines strokes both sides, joined where they start", () => {
  const square: QtSubpath = {
    x: 0,
    y: 0,
    segs: [[10, 0], [10, 10], [0, 10], [0, 0]],
  };
  const o = qtStrokePath([square], { width: 2, cap: "flat", join: "miter" });
  assert(o.length === 2, JSON.stringify(o));
  const xs = o.flat().filter((_, i) => i % 2 === 0);
  assert(Math.min(...xs) === -1 && Math.max(...xs) === 11, `${xs}`);
});

Deno.test("qtStrokePath: a curve is offset by half the width (QBezier::shifted)", () => {
  // a quarter circle of radius 10 around the origin, as Qt's arcs are
  const k = 10 * 0.5522847498;
  const arc: QtSubpath = { x: 10, y: 0, segs: [[10, k, k, 10, 0, 10]] };
  const o = qtStrokePath([arc], { width: 2, cap: "flat", join: "round" });
  assert(o.length === 1, `${o.length}`);
  // every point of the outline lies on the circles of radius 9 and 11
  // (within the offset's and the flattening's tolerance), or on the flat
  // caps between them
  const c = o[0];
  for (let i = 0; i < c.length; i += 2) {
    const r = Math.hypot(c[i], c[i + 1]);
    const cap = Math.abs(c[i + 1]) < 1e-9 || Math.abs(c[i]) < 1e-9;
    assert(cap || Math.abs(r - 11) < 0.15 || Math.abs(r - 9) < 0.15, `${r}`);
  }
});

Deno.test("ligated: the Latin liga ligatures, longest first from the left", () => {
  assert(ligated("Sheffield") === "She\uFB03eld", ligated("Sheffield"));
  assert(ligated("Affoltern") === "A\uFB00oltern");
  assert(ligated("Office flat") === "O\uFB03ce \uFB02at");
  assert(ligated("Bern") === "Bern");
});

const DEBIAN_DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const debianDejaVu = await Deno.readFile(DEBIAN_DEJAVU).catch(() => null);

Deno.test({
  name:
    "GlyphOutlines.underline: where QPainterPath::addText puts Qt's underline (Debian's DejaVu Sans, measured with Qt 5)",
  ignore: debianDejaVu === null,
  fn: async () => {
    const { GlyphOutlines } = await import("./glyph_outline.ts");
    const face = new GlyphOutlines(debianDejaVu!);
    // addText's underline box (top, height) at 12, 13, 16 and 30 px
    const qt: [number, number, number][] = [
      [12, 0.234375, 1],
      [13, 0.265625, 1],
      [16, 0.328125, 1],
      [30, 0.59375, 1.3125],
    ];
    for (const [px, top, thickness] of qt) {
      const u = face.underline(px);
      assert(
        u.top === top && u.thickness === thickness,
        `${px}: ${JSON.stringify(u)}`,
      );
    }
  },
});
