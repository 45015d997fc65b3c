import { assert, assertEquals } from "./_assert.ts";
import {
  boxesIntersect,
  candidatesConflict,
  PriorityQueue,
  type ProblemCandidate,
  solveProblem,
} from "./problem.ts";

const box = (x: number, y: number, cost = 0.0001): ProblemCandidate => ({
  x,
  y,
  w: 10,
  h: 4,
  angle: 0,
  cost,
});

Deno.test("priority queue: lowest first; equal keys keep PAL's heap order", () => {
  const q = new PriorityQueue(5, 10);
  for (const [k, p] of [[3, 2], [7, 1], [1, 1], [9, 0], [4, 1]]) q.insert(k, p);
  assertEquals(q.getBest(), 9);
  // PAL sifts down into the right child on ties: 1 surfaces before 7
  assertEquals([q.getBest(), q.getBest(), q.getBest()], [4, 1, 7]);
  q.insert(5, 3);
  q.decreaseKey(5);
  q.decreaseKey(5);
  assertEquals(q.getBest(), 5);
  assertEquals(q.getBest(), 3);
  assertEquals(q.size, 0);
});

Deno.test("touching rectangles conflict (GEOS intersects), rotated ones by their shapes", () => {
  assert(candidatesConflict(box(0, 0), box(10, 0)));
  assert(!candidatesConflict(box(0, 0), box(10.01, 0)));
  const r = { ...box(0, 0), angle: Math.PI / 4 };
  assert(!boxesIntersect(r, { ...box(8, 0), w: 2 }));
  assert(boxesIntersect(r, { ...box(2, 2), w: 2 }));
  // curved labels: any of their parts
  const curved = { ...box(100, 0), parts: [{ ...box(0, 0), angle: 0 }] };
  assert(candidatesConflict(curved, box(5, 2)));
});

Deno.test("candidates meeting but for pixel rounding conflict, as PAL's meet exactly in map units", () => {
  // above one centroid and below its neighbour's, the centroids' heights a
  // few ulps apart (computed in pixels from different rings)
  const above = { ...box(0, -146.00000000000023), h: 19 };
  const below = { ...box(5, -165.00000000000054), h: 19 };
  assert(below.y + below.h < above.y);
  assert(candidatesConflict(above, below));
  assert(!candidatesConflict(above, { ...below, y: below.y - 1e-6 }));
  // the solver finds them as conflicting: one of the two is left out
  const out = solveProblem([
    { candidates: [above], priority: 0.5, showUnplaced: false },
    { candidates: [below], priority: 0.5, showUnplaced: false },
  ]);
  assertEquals(out.filter((o) => o.candidate).length, 1);
});

Deno.test("a feature moves to its next candidate rather than drop a neighbour", () => {
  const out = solveProblem([
    {
      candidates: [box(0, 0), box(20, 0, 0.002)],
      priority: 0.5,
      showUnplaced: false,
    },
    { candidates: [box(5, 0)], priority: 0.5, showUnplaced: false },
  ]);
  assertEquals(out.map((o) => o.candidate?.x), [20, 5]);
});

Deno.test("the chain search ejects the lower priority label", () => {
  // both have a single candidate on the same spot: the one whose absence
  // costs more (higher priority, lower PAL value) stays
  const out = solveProblem([
    { candidates: [box(0, 0)], priority: 0.8, showUnplaced: false },
    { candidates: [box(2, 0)], priority: 0.1, showUnplaced: false },
  ]);
  assertEquals(out.map((o) => o.candidate !== null), [false, true]);
});

Deno.test("a label shown anyway keeps its best candidate, marked unplaced", () => {
  const out = solveProblem([
    { candidates: [box(0, 0)], priority: 0.1, showUnplaced: false },
    { candidates: [box(2, 0), box(3, 0)], priority: 0.8, showUnplaced: true },
  ]);
  assertEquals(out[1], { candidate: box(2, 0), unplaced: true });
  const free = solveProblem([
    { candidates: [box(0, 0)], priority: 0.1, showUnplaced: false },
    {
      candidates: [box(2, 0)],
      priority: 0.8,
      showUnplaced: false,
      noConflicts: true,
    },
  ]);
  assert(free.every((o) => o.candidate && !o.unplaced));
});

Deno.test("FALP: the candidate overlapping fewest others wins a crowded spot", () => {
  // three features in a row, the middle one with two candidates: its
  // candidate off the row overlaps nothing and is taken
  const out = solveProblem([
    { candidates: [box(0, 0)], priority: 0.5, showUnplaced: false },
    {
      candidates: [box(8, 0), box(8, 10, 0.002)],
      priority: 0.5,
      showUnplaced: false,
    },
    { candidates: [box(16, 0)], priority: 0.5, showUnplaced: false },
  ]);
  assertEquals(out.map((o) => o.candidate?.y), [0, 10, 0]);
});

Deno.test("labels of a million pixels are solved without a cell per pixel", () => {
  // a 10 pt font at dpi 1e6 or a label on a map zoomed to a millimetre
  const huge = (x: number): ProblemCandidate => ({
    x,
    y: 0,
    w: 2e6,
    h: 5e5,
    angle: 0,
    cost: 0.0001,
  });
  const out = solveProblem([
    { candidates: [huge(0)], priority: 0.5, showUnplaced: false },
    { candidates: [huge(3e6)], priority: 0.5, showUnplaced: false },
    { candidates: [box(10, 10)], priority: 0.9, showUnplaced: false },
  ]);
  // the two huge labels fit side by side; the small one collides with them
  assertEquals(out.map((o) => o.candidate !== null), [true, true, false]);
});

Deno.test("problem: a queue kept for the worker's life (its map with it)", async () => {
  const { keptShapes } = await import("../cache/kept_shapes.ts");
  assert(keptShapes().some((o) => o instanceof PriorityQueue));
});
