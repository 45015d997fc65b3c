import {
  clipLine,
  clipRing,
  lineLength,
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
