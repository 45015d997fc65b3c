import { assert, assertAlmostEquals, assertEquals } from "./_assert.ts";
import {
  candidateCentered,
  candidateOverPoint,
  candidatesAlongLine,
  candidatesAroundPoint,
  candidatesOrderedPositions,
  pointObstacleBox,
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

Deno.test("line candidates lie along a horizontal line and are upright", () => {
  const c = candidatesAlongLine([100, 0, 0, 0], { w: 20, h: 8, dist: 2 }, 2);
  assert(c.length > 0);
  for (const k of c) {
    assertAlmostEquals(Math.cos(k.angle), 1, 1e-9);
    assertAlmostEquals(k.y, 2, 1e-9);
  }
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
