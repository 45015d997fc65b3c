import { assert, assertAlmostEquals, assertEquals } from "./_assert.ts";
import {
  candidateCentered,
  candidateOverPoint,
  candidatesAlongLine,
  candidatesAroundPoint,
  candidatesOrderedPositions,
  chopAtRepeatDistance,
  pointObstacleBox,
  uprightCandidate,
} from "./placement.ts";

Deno.test("around point: 16 candidates, top-right first and cheapest", () => {
  const c = candidatesAroundPoint(100, 100, { w: 40, h: 12, dist: 6 });
  assertEquals(c.length, 16);
  assertEquals(c[0].quadrant, "aboveRight");
  assertAlmostEquals(c[0].x, 100 + 6 * Math.SQRT1_2, 1e-9);
  assertAlmostEquals(c[0].y, 100 + 6 * Math.SQRT1_2, 1e-9);
  assert(c.every((x) => x.cost >= c[0].cost));
  // every candidate keeps the distance: its box never covers the point
  for (const k of c) {
    const inside = k.x < 100 && 100 < k.x + k.w && k.y < 100 && 100 < k.y + k.h;
    assert(!inside, `candidate ${k.quadrant} covers the point`);
  }
});

Deno.test("ordered positions follow the order with rising costs", () => {
  const c = candidatesOrderedPositions(0, 0, { w: 30, h: 10, dist: 4 }, [
    "TR",
    "TL",
    "BR",
    "BL",
    "R",
    "L",
  ]);
  assertEquals(c.map((x) => x.quadrant), [
    "aboveRight",
    "aboveLeft",
    "belowRight",
    "belowLeft",
    "right",
    "left",
  ]);
  for (let i = 1; i < c.length; i++) assert(c[i].cost > c[i - 1].cost);
  assert(c[1].x + c[1].w < 0 && c[0].x > 0);
});

Deno.test("over point centres the label in quadrant 4", () => {
  const c = candidateOverPoint(10, 10, { w: 8, h: 4, dist: 0 }, 4, 0, 0);
  assertEquals([c.x, c.y], [6, 8]);
});

Deno.test("line candidates: above follows the line's direction unless the map's orientation is asked", () => {
  // a right-to-left line: "above" in the line's direction is below on the map
  const box = { w: 20, h: 8, dist: 2 };
  const line = candidatesAlongLine([100, 0, 0, 0], box, 2, 0.5, 4);
  assert(line.length > 0);
  for (const k of line.map((c) => uprightCandidate(c, true))) {
    assertAlmostEquals(Math.cos(k.angle), 1, 1e-9);
    assertAlmostEquals(k.y, -10, 1e-9);
  }
  // AboveLine | MapOrientation: above on the map
  const map = candidatesAlongLine([100, 0, 0, 0], box, 10, 0.5, 4);
  for (const k of map.map((c) => uprightCandidate(c, true))) {
    assertAlmostEquals(k.y, 2, 1e-9);
  }
});

Deno.test("line candidates: PAL's straight stretches first, then the whole line at a higher cost", () => {
  // an L: two straight stretches of 100 and 30 px; a 40 px label fits only
  // on the first, so the fallback along the whole line adds 0.01
  const c = candidatesAlongLine(
    [0, 0, 100, 0, 100, 30],
    { w: 40, h: 8, dist: 0 },
    1,
    0.5,
    20,
  );
  const first = c.filter((k) => k.cost < 0.01);
  assert(first.length > 0);
  for (const k of first) assertAlmostEquals(Math.sin(k.angle), 0, 1e-9);
  assert(c.some((k) => k.cost >= 0.01));
});

Deno.test("point obstacle: antialiasing pixel, corners truncated to whole pixels", () => {
  // a 7 px marker at pixel (109.7, 42.2): bounds 8 px wide (one pixel for
  // antialiasing), 105.7…113.7 × 38.2…46.2, truncated to 105…113 × 38…46
  const [x0, y0, x1, y1] = pointObstacleBox(109.7, -42.2, 7);
  assertEquals([x0, x1], [105, 113]);
  // PAL's y is up: pixel rows 38…46 are y −46…−38
  assertEquals([y0, y1], [-46, -38]);
  // the truncation moves the left/top edges out, never the centre inwards
  assert(x0 <= 109.7 - 4 && x1 <= 109.7 + 4 && x1 > 109.7 + 3);
});

Deno.test("centred candidate: PAL's cheapest, on the point", () => {
  const c = candidateCentered(10, 20, { w: 8, h: 4, dist: 0 });
  assertEquals([c.x, c.y, c.cost], [6, 18, 0.00005]);
  const around = candidatesAroundPoint(10, 20, { w: 8, h: 4, dist: 0 });
  assert(around.every((a) => a.cost > c.cost));
});

Deno.test("over point: the quadrant shift turns with the label, the offset does not", () => {
  const c = candidateOverPoint(
    0,
    0,
    { w: 10, h: 4, dist: 0 },
    5,
    3,
    2,
    Math.PI / 2,
  );
  // quadrant 5 (right): shift (0, −2) turned a quarter → (2, 0), then + (3, 2)
  assertAlmostEquals(c.x, 5, 1e-9);
  assertAlmostEquals(c.y, 2, 1e-9);
});

Deno.test("repeat: pieces as long as the label at least, evened out, a short line whole", () => {
  // 100 px, repeat 30, label 40: interval 60 → one piece: the line stays whole
  assertEquals(chopAtRepeatDistance([0, 0, 100, 0], 30, 40).length, 1);
  // 100 px, repeat 30, label 20: three pieces of 33.3 px, end to end
  const p = chopAtRepeatDistance([0, 0, 50, 0, 100, 0], 30, 20);
  assertEquals(p.length, 3);
  assertAlmostEquals(p[0][p[0].length - 2], 100 / 3, 1e-9);
  assertAlmostEquals(p[1][0], 100 / 3, 1e-9);
  assertAlmostEquals(p[2][p[2].length - 2], 100, 1e-9);
  // a line shorter than its label gets no candidates unless it is a piece
  assertEquals(
    candidatesAlongLine(
      [0, 0, 10, 0],
      { w: 20, h: 8, dist: 0 },
      1,
      0.5,
      1,
      false,
    ).length,
    0,
  );
  assert(
    candidatesAlongLine(
      [0, 0, 10, 0],
      { w: 20, h: 8, dist: 0 },
      1,
      0.5,
      1,
      true,
    ).length > 0,
  );
});

Deno.test("candidatesAlongLine: in a map frame, the same candidates back in pixels", () => {
  const line = [0, -10, 40, -30, 120, -20];
  const box = { w: 30, h: 8, dist: 2 };
  const plain = candidatesAlongLine(line, box, 2 | 4, 0.5, 8);
  const framed = candidatesAlongLine(line, box, 2 | 4, 0.5, 8, true, {
    x0: 2600000,
    y0: 1200000,
    k: 2.5,
  });
  assertEquals(framed.length, plain.length);
  for (let i = 0; i < plain.length; i++) {
    assertAlmostEquals(framed[i].x, plain[i].x, 1e-6);
    assertAlmostEquals(framed[i].y, plain[i].y, 1e-6);
    assertEquals(framed[i].w, 30);
  }
});

Deno.test("uprightCandidate brings angles of ±1.7e306 rad into [0, 2π] (a turn added to them changes nothing)", () => {
  for (const angle of [-1.7e306, 1.7e306, -1e7]) {
    const c = uprightCandidate(
      { x: 0, y: 0, w: 10, h: 2, angle, cost: 0, quadrant: "over" },
      true,
    );
    assert(c.angle >= 0 && c.angle <= 2 * Math.PI, String(c.angle));
  }
});
