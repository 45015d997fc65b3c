import assert from "node:assert/strict";
import {
  clipLine,
  clipLineConnected,
  clipRing,
  intervalPositions,
  lineLength,
  MAX_LINE_MARKERS,
  MIN_MARKER_INTERVAL,
  offsetLine,
  pointOnSurface,
  pointsAlong,
  polygonCentroid,
} from "./geometry.ts";

function eq(a: unknown, b: unknown, msg: string): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    throw new Error(`${msg}: ${JSON.stringify(a)} !== ${JSON.stringify(b)}`);
  }
}

Deno.test("geometry: clipLine splits a line leaving and re-entering the rectangle", () => {
  const pieces = clipLine(
    new Float64Array([-5, 5, 5, 5, 5, 15, 8, 15, 8, 5, 15, 5]),
    0,
    0,
    10,
    10,
  );
  eq(pieces.map((p) => Array.from(p)), [[0, 5, 5, 5, 5, 10], [
    8,
    10,
    8,
    5,
    10,
    5,
  ]], "two pieces");
  eq(
    clipLine(new Float64Array([20, 20, 30, 30]), 0, 0, 10, 10).length,
    0,
    "outside",
  );
});

Deno.test("geometry: clipRing keeps the area inside", () => {
  const r = clipRing(
    new Float64Array([-10, -10, 20, -10, 20, 20, -10, 20, -10, -10]),
    0,
    0,
    10,
    10,
  );
  let area = 0;
  for (let i = 0; i < r.length; i += 2) {
    const j = (i + 2) % r.length;
    area += r[i] * r[j + 1] - r[j] * r[i + 1];
  }
  eq(Math.abs(area / 2), 100, "area of the 10×10 rectangle");
});

Deno.test("geometry: offsets, centroids, positions along lines", () => {
  // y-down pixels: the right-hand side of an eastward line is below it
  eq(
    Array.from(offsetLine(new Float64Array([0, 0, 10, 0]), 2)),
    [0, 2, 10, 2],
    "offset",
  );
  eq(polygonCentroid([new Float64Array([0, 0, 4, 0, 4, 2, 0, 2, 0, 0])]), [
    2,
    1,
  ], "centroid");
  // a U shape: its centroid lies outside, the point on surface inside
  const u = [
    new Float64Array([
      0,
      0,
      10,
      0,
      10,
      10,
      8,
      10,
      8,
      2,
      2,
      2,
      2,
      10,
      0,
      10,
      0,
      0,
    ]),
  ];
  const [x, y] = pointOnSurface(u);
  eq(
    x >= 0 && x <= 10 && (y <= 2 || x <= 2 || x >= 8),
    true,
    "point on surface",
  );
  eq(
    pointsAlong(new Float64Array([0, 0, 10, 0, 10, 10]), 5, 2.5).map((
      p,
    ) => [p.x, p.y, p.angle]),
    [
      [2.5, 0, 0],
      [7.5, 0, 0],
      [10, 2.5, 90],
      [10, 7.5, 90],
    ],
    "every 5 px from 2.5",
  );
  eq(lineLength(new Float64Array([0, 0, 3, 4, 3, 10])), 11, "length");
});

Deno.test("interval markers: QGIS's average angle turns a marker at a bend halfway", () => {
  // a right angle at (10, 0); markers every 5 px, angle averaged over ±2 px
  const line = new Float64Array([0, 0, 10, 0, 10, 10]);
  const got = intervalPositions(line, 5, 0, 2);
  assert.deepEqual(got.map((p) => [p.x, p.y]), [[0, 0], [5, 0], [10, 0], [
    10,
    5,
  ], [10, 10]]);
  assert.equal(got[1].angle, 0);
  assert.ok(Math.abs(got[2].angle - 45) < 1e-9, `bend: ${got[2].angle}`);
  assert.ok(Math.abs(got[3].angle - 90) < 1e-9);
  // without averaging, each marker takes its segment's direction
  assert.deepEqual(
    intervalPositions(line, 5, 0, 0).map((p) => Math.round(p.angle)),
    [0, 0, 90, 90],
  );
});

Deno.test("clipped lines stay one line, joined along the clip rectangle", () => {
  // out through the right side, back in through the bottom
  const l = clipLineConnected(
    new Float64Array([5, 5, 20, 5, 20, 20, 5, 20, 5, 8]),
    0,
    0,
    10,
    10,
  );
  assert.deepEqual(Array.from(l), [5, 5, 10, 5, 10, 10, 5, 10, 5, 8]);
});

Deno.test("intervalPositions: an interval too small to shorten what is left (1e-308 px) stops at MAX_LINE_MARKERS instead of walking for ever", () => {
  const open = new Float64Array([0, 0, 100, 0, 100, 50]);
  const ring = new Float64Array([0, 0, 100, 0, 100, 100, 0, 0]);
  for (const line of [open, ring]) {
    for (const [offset, average] of [[0, 2], [3, 2], [0, 0], [-5, 4]]) {
      const got = intervalPositions(line, 1e-308, offset, average);
      assert.ok(got.length <= MAX_LINE_MARKERS + 1, `${got.length}`);
    }
  }
});

Deno.test("intervalPositions: intervals under 0.1 px are 0.1 px, markers along the whole line (1e-12 put the bound of 100,000 at its start)", () => {
  const line = new Float64Array([0, 0, 10, 0]);
  const positions = intervalPositions(line, 1e-12, 0, 0);
  assert.ok(
    positions.length > 95 && positions.length < 105,
    `${positions.length}`,
  );
  assert.ok(positions.at(-1)!.x > 9.8, `${positions.at(-1)!.x}`);
  assert.equal(
    intervalPositions(line, 0.05, 0, 0).length,
    intervalPositions(line, MIN_MARKER_INTERVAL, 0, 0).length,
  );
});
