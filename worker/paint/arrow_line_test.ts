import assert from "node:assert/strict";
import { type ArrowShape, curvedArrow, straightArrow } from "./arrow_line.ts";

const SHAPE: ArrowShape = {
  startWidth: 2,
  width: 4,
  headLength: 4,
  headThickness: 3,
  headType: 0,
  arrowType: 0,
  offset: 0,
};

const round = (pts: [number, number][]) =>
  pts.map(([x, y]) => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6]);

Deno.test("straightArrow: single, reversed and double heads, half arrows, offset (Qt's y down)", () => {
  assert.deepEqual(round(straightArrow([0, 0], [10, 0], SHAPE)), [
    [0, 1],
    [6, 2],
    [6, 3],
    [10, 0],
    [6, -3],
    [6, -2],
    [0, -1],
    [0, 1],
  ], "single");
  assert.deepEqual(
    round(straightArrow([0, 0], [10, 0], { ...SHAPE, headType: 1 })),
    [[0, 0], [4, 3], [4, 2], [10, 1], [10, -1], [4, -2], [4, -3], [0, 0]],
    "reversed",
  );
  assert.deepEqual(
    round(straightArrow([0, 0], [10, 0], { ...SHAPE, headType: 2 })),
    [
      [0, 0],
      [4, 3],
      [4, 2],
      [6, 2],
      [6, 3],
      [10, 0],
      [6, -3],
      [6, -2],
      [4, -2],
      [4, -3],
      [0, 0],
    ],
    "double",
  );
  assert.deepEqual(
    round(straightArrow([0, 0], [10, 0], { ...SHAPE, arrowType: 1 })),
    [[0, 0], [10, 0], [6, -3], [6, -2], [0, -1], [0, 0]],
    "left half",
  );
  assert.deepEqual(
    round(straightArrow([0, 0], [10, 0], { ...SHAPE, offset: 5 }))[3],
    [10, 5],
    "offset along the perpendicular",
  );
  // too short for its head: moved back from the tip to the head's length
  assert.deepEqual(
    round(straightArrow([8, 0], [10, 0], SHAPE))[0],
    [6, 1],
    "short",
  );
});

Deno.test("curvedArrow: along the circle through three points, tip at the last; aligned points a straight arrow", () => {
  const po: [number, number] = [0, 0], pm: [number, number] = [50, -50];
  const pd: [number, number] = [100, 0];
  const arrow = curvedArrow(po, pm, pd, SHAPE);
  assert.ok(arrow.length > 20, "arcs flattened into many points");
  // the circle's centre is (50, 0), radius 50: every point within the
  // arrow's half widths of it
  for (const [x, y] of arrow) {
    const r = Math.hypot(x - 50, y);
    assert.ok(r > 50 - 3.01 && r < 50 + 3.01, `${x},${y} at radius ${r}`);
  }
  assert.ok(
    arrow.some(([x, y]) => Math.hypot(x - 100, y) < 1e-9),
    "the tip",
  );
  assert.deepEqual(
    curvedArrow([0, 0], [5, 0], [10, 0], SHAPE),
    straightArrow([0, 0], [10, 0], SHAPE),
  );
});
