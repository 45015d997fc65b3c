import { assert, assertAlmostEquals, assertEquals } from "./_assert.ts";
import {
  candidatesForPolygon,
  convexHull,
  polygonCentroidCosts,
  polygonRingCosts,
} from "./polygon.ts";

const rect = (x0: number, y0: number, x1: number, y1: number) => [
  x0,
  y0,
  x1,
  y0,
  x1,
  y1,
  x0,
  y1,
  x0,
  y0,
];

Deno.test("convex hull from the lowest point, collinear points dropped", () => {
  const x = [0, 1, 2, 2, 0], y = [0, 0, 0, 2, 2];
  assertEquals(convexHull(x, y).sort(), [0, 2, 3, 4]);
});

Deno.test("horizontal candidates: a grid over the polygon, centres inside", () => {
  const square = rect(0, 0, 100, 100);
  const c = candidatesForPolygon([square], { w: 20, h: 8, dist: 0 }, false, 25);
  // a grid 25 px apart centred on the square's middle
  assert(c.some((k) => Math.hypot(k.x + 10 - 50, k.y + 4 - 50) < 1e-9));
  for (const k of c) {
    assertEquals(k.angle, 0);
    const cx = k.x + 10, cy = k.y + 4;
    assert(cx > 0 && cx < 100 && cy > 0 && cy < 100);
    assertAlmostEquals(
      cx % 25 === 0 ? 0 : Math.min(cx % 25, 25 - cx % 25),
      0,
      1e-9,
    );
  }
  // a hole takes its candidates away
  const holed = candidatesForPolygon(
    [square, rect(30, 30, 70, 70)],
    { w: 20, h: 8, dist: 0 },
    false,
    25,
  );
  assert(holed.length < c.length);
});

Deno.test("free candidates turn with a long thin polygon", () => {
  const a = Math.PI / 6, c = Math.cos(a), s = Math.sin(a);
  const pts = [[0, 0], [300, 0], [300, 30], [0, 30]].map(([x, y]) => [
    x * c - y * s,
    x * s + y * c,
  ]);
  const ring = [...pts.flat(), pts[0][0], pts[0][1]];
  const cands = candidatesForPolygon(
    [ring],
    { w: 60, h: 10, dist: 0 },
    true,
    25,
  );
  assert(cands.length > 0);
  for (const k of cands) {
    const turn = ((k.angle % Math.PI) + Math.PI) % Math.PI;
    assertAlmostEquals(Math.min(turn, Math.PI - turn), a, Math.PI / 180 + 1e-9);
  }
});

Deno.test("ring and centroid costs prefer the middle", () => {
  const square = rect(0, 0, 100, 100);
  const at = (x: number, y: number) => ({
    x: x - 4,
    y: y - 4,
    w: 8,
    h: 8,
    angle: 0,
    cost: 0.0001,
    quadrant: "over" as const,
  });
  const cands = [at(50, 50), at(10, 50), at(50, 80)];
  polygonRingCosts(cands, [square], [-1000, -1000, 1000, 1000]);
  assertAlmostEquals(cands[0].cost, 0.0001, 1e-12);
  assertAlmostEquals(cands[1].cost, 0.0021, 1e-12);
  assert(cands[2].cost > cands[0].cost && cands[2].cost < cands[1].cost);
  polygonCentroidCosts(cands, [square]);
  assertAlmostEquals(cands[1].cost, 0.0031, 1e-12);
});
