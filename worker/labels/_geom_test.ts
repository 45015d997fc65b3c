import { assertEquals } from "./_assert.ts";
import { clipPolygon, polygonCentroid, ringArea, snapCoords } from "./_geom.ts";

const area = (p: number[][]) => p.reduce((a, r) => a + ringArea(r), 0);

Deno.test("clipPolygon: a ring the edge cuts twice leaves two pieces (GEOS intersection)", () => {
  // a U whose bottom is beyond the rectangle: its two arms
  const u = [0, 0, 3, 0, 3, 3, 2, 3, 2, 1, 1, 1, 1, 3, 0, 3, 0, 0];
  const pieces = clipPolygon([u], 0, 2, 3, 3);
  assertEquals(pieces.length, 2);
  assertEquals(pieces.map(area), [1, 1]);
  assertEquals(pieces.map((p) => polygonCentroid(p)), [[2.5, 2.5], [0.5, 2.5]]);
  // clockwise in, clockwise out
  const cw: number[] = [];
  for (let i = u.length - 2; i >= 0; i -= 2) cw.push(u[i], u[i + 1]);
  assertEquals(clipPolygon([cw], 0, 2, 3, 3).map(area), [-1, -1]);
});

Deno.test("clipPolygon: holes, the rectangle inside, nothing inside", () => {
  const sq = [0, 0, 10, 0, 10, 10, 0, 10, 0, 0];
  const hole = [4, 4, 4, 6, 6, 6, 6, 4, 4, 4];
  // the edge through the hole: one piece with a notch
  assertEquals(clipPolygon([sq, hole], 5, 0, 20, 20).map(area), [48]);
  // the hole wholly inside stays a hole
  const inside = clipPolygon([sq, hole], 1, 1, 9, 9);
  assertEquals(inside.length, 1);
  assertEquals(inside[0].length, 2);
  assertEquals(area(inside[0]), 60);
  // the polygon wholly inside is kept as it is
  assertEquals(clipPolygon([sq, hole], -5, -5, 20, 20), [[sq, hole]]);
  // the rectangle inside the polygon, or inside its hole
  assertEquals(clipPolygon([sq], 2, 2, 3, 3).map(area), [1]);
  assertEquals(clipPolygon([sq, hole], 4.5, 4.5, 5.5, 5.5), []);
  // apart
  assertEquals(clipPolygon([sq, hole], 20, 20, 30, 30), []);
});

Deno.test("clipPolygon: corners passed on the way along the border", () => {
  // an L around the rectangle's top right corner
  const l = [-1, 2, 4, 2, 4, 4, 2, 4, 2, 5, -1, 5, -1, 2];
  const pieces = clipPolygon([l], 0, 0, 3, 3);
  assertEquals(pieces.length, 1);
  assertEquals(area(pieces[0]), 3);
});

Deno.test("snapCoords: values a few ulps apart meet, a real gap stays", () => {
  assertEquals(snapCoords([206.99999999999997, 161.07812499999997]), [
    207,
    161.078125,
  ]);
  const [a, b] = snapCoords([0.1 + 0.2, 0.3, 0.3 + 1e-6]);
  assertEquals(a, b);
  assertEquals(snapCoords([0.3 + 1e-6])[0] === b, false);
});
