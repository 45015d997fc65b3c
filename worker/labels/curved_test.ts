import { candidatesCurved, offsetCurve } from "./curved.ts";
import { assertAlmostEquals, assertEquals } from "./_assert.ts";

const text = { widths: [6, 6, 6, 6], height: 12, width: 24 };

Deno.test("offsetCurve: left for a positive distance, same direction for a negative one", () => {
  assertEquals(offsetCurve([0, 0, 10, 0], 2), [0, 2, 10, 2]);
  assertEquals(offsetCurve([0, 0, 10, 0], -2), [0, -2, 10, -2]);
  // a right angle: mitre point outside, crossing point inside
  const out = offsetCurve([0, 0, 10, 0, 10, 10], -1);
  assertEquals(out.length, 6);
  assertAlmostEquals(out[2], 11, 1e-9);
  assertAlmostEquals(out[3], -1, 1e-9);
});

Deno.test("candidatesCurved: one box per character, centred 0.45 h below the line", () => {
  const c = candidatesCurved([0, 0, 100, 0], text, { dist: 0, flags: 1 });
  assertEquals(c.length > 0, true);
  const first = c[0];
  assertEquals(first.parts?.length, 3);
  assertEquals(first.chars, [0, 1, 2, 3]);
  assertAlmostEquals(first.y, -0.45 * 12, 1e-9);
  assertAlmostEquals(first.angle, 0, 1e-9);
  // on-line placements cost 0.002 more than their bends and anchor distance
  for (const k of c) assertEquals(k.cost >= 0.002, true);
});

Deno.test("candidatesCurved: a right-to-left line reads upright, characters reversed", () => {
  const c = candidatesCurved([100, 0, 0, 0], text, { dist: 0, flags: 1 });
  assertEquals(c[0].chars, [3, 2, 1, 0]);
  assertAlmostEquals(c[0].angle, 0, 1e-9);
});

Deno.test("candidatesCurved: above as the map reads on either direction", () => {
  for (const line of [[0, 0, 100, 0], [100, 0, 0, 0]]) {
    const c = candidatesCurved(line, text, { dist: 2, flags: 2 | 8 });
    assertEquals(c.length > 0, true);
    // the box's bottom: 2 + 6 above the line, 0.45 h below that
    for (const k of c) assertAlmostEquals(k.y, 8 - 0.45 * 12, 1e-9);
  }
});

Deno.test("candidatesCurved: none on a line shorter than the label, none over a sharp bend", () => {
  assertEquals(
    candidatesCurved([0, 0, 20, 0], text, { dist: 0, flags: 1 }),
    [],
  );
  const bend = candidatesCurved([0, 0, 12, 0, 12, 12], text, {
    dist: 0,
    flags: 1,
  });
  assertEquals(bend, []);
});

Deno.test("offsetCurve: a ring's offset is a closed ring, inside and outside", () => {
  const square = [0, 0, 10, 0, 10, 10, 0, 10, 0, 0];
  assertEquals(offsetCurve(square, 2), [2, 2, 8, 2, 8, 8, 2, 8, 2, 2]);
  assertEquals(
    offsetCurve(square, -2),
    [-2, -2, 12, -2, 12, 12, -2, 12, -2, -2],
  );
});
