import { assertAlmostEquals, assertEquals } from "./_assert.ts";
import { fixedCandidate } from "./fixed_position.ts";

const size = { w: 40, h: 15, ascent: 12, descent: 3, capHeight: 9 };

Deno.test("fixedCandidate: the bottom-left corner at the point, cost 0", () => {
  const c = fixedCandidate(100, -50, size, undefined, undefined, 0);
  assertEquals([c.x, c.y, c.w, c.h, c.cost], [100, -50, 40, 15, 0]);
});

Deno.test("fixedCandidate: Hali and Vali as QGIS 3.22 shifts them", () => {
  const at = (hali?: string, vali?: string) => {
    const c = fixedCandidate(0, 0, size, hali, vali, 0);
    return [c.x, Math.round(c.y * 1e9) / 1e9];
  };
  assertEquals(at("Center", "Bottom"), [-20, 0]);
  assertEquals(at("right", "TOP"), [-40, -15]);
  // Base: the descent's share of the font height
  assertEquals(at("Left", "Base"), [0, -3]);
  // Cap: (H's height + 1 + descent) / font height of the label's height;
  // Half: half way between Base and Cap; any other text is Cap
  assertEquals(at(undefined, "Cap"), [0, -13]);
  assertEquals(at(undefined, "whatever"), [0, -13]);
  assertEquals(at(undefined, "Half"), [0, -8]);
});

Deno.test("fixedCandidate: the alignment shift turns with the label", () => {
  const c = fixedCandidate(10, 10, size, "Right", "Top", Math.PI / 2);
  // (-40, -15) turned a quarter counter-clockwise is (15, -40)
  assertAlmostEquals(c.x, 25, 1e-9);
  assertAlmostEquals(c.y, -30, 1e-9);
  assertEquals(c.angle, Math.PI / 2);
});
