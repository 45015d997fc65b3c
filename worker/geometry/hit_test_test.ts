import assert from "node:assert/strict";
import { hitsRect, searchRect } from "./hit_test.ts";
import type { Geometry } from "./types.ts";

const point = (...xy: number[]): Geometry => ({
  kind: "point",
  parts: [[new Float64Array(xy)]],
});
const line = (...xy: number[]): Geometry => ({
  kind: "line",
  parts: [[new Float64Array(xy)]],
});
// 0..10 square with a 4..6 hole
const donut: Geometry = {
  kind: "polygon",
  parts: [[
    new Float64Array([0, 0, 10, 0, 10, 10, 0, 10, 0, 0]),
    new Float64Array([4, 4, 6, 4, 6, 6, 4, 6, 4, 4]),
  ]],
};

Deno.test("searchRect is the square of half-size tolerance around the point", () => {
  assert.deepEqual(searchRect(-1, 2.5, 0.5), {
    xmin: -1.5,
    ymin: 2,
    xmax: -0.5,
    ymax: 3,
  });
});

Deno.test("points hit only inside the rectangle (edges included), any part of a multipoint", () => {
  assert.equal(hitsRect(point(1, 1), searchRect(0, 0, 1)), true);
  assert.equal(hitsRect(point(1.01, 0), searchRect(0, 0, 1)), false);
  const multi: Geometry = {
    kind: "point",
    parts: [[new Float64Array([50, 50])], [new Float64Array([0.5, -0.5])]],
  };
  assert.equal(hitsRect(multi, searchRect(0, 0, 1)), true);
  assert.equal(hitsRect(multi, searchRect(20, 20, 1)), false);
});

Deno.test("lines hit when a segment crosses the rectangle even with no vertex inside", () => {
  const l = line(-10, 0, 10, 0);
  assert.equal(hitsRect(l, searchRect(0, 0.9, 1)), true);
  assert.equal(hitsRect(l, searchRect(0, 1.1, 1)), false);
  // diagonal passing beside the corner
  const d = line(0, 3, 3, 0);
  assert.equal(hitsRect(d, searchRect(0, 0, 1)), false);
  assert.equal(hitsRect(d, searchRect(1, 1, 0.6)), true);
  // vertical and degenerate segments
  assert.equal(hitsRect(line(0, -5, 0, 5), searchRect(0.5, 0, 1)), true);
  assert.equal(hitsRect(line(3, 3, 3, 3), searchRect(0, 0, 1)), false);
});

Deno.test("polygons hit by overlap, by containing the rectangle, not from inside a hole", () => {
  assert.equal(hitsRect(donut, searchRect(2, 2, 0.5)), true, "inside");
  assert.equal(hitsRect(donut, searchRect(-0.5, 5, 1)), true, "edge");
  assert.equal(hitsRect(donut, searchRect(5, 5, 0.5)), false, "in the hole");
  assert.equal(hitsRect(donut, searchRect(5, 5, 1.5)), true, "over the hole");
  assert.equal(hitsRect(donut, searchRect(12, 5, 1)), false, "outside");
  // the rectangle holds the whole polygon
  assert.equal(hitsRect(donut, searchRect(5, 5, 100)), true);
});
