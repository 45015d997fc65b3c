import { assertEquals } from "./_assert.ts";
import { PalRtree } from "./_rtree.ts";

Deno.test("PalRtree: a label-sized box's bounding circle underflows, so splits follow RTree.h's tie rules", () => {
  // in a 1 km map, boxes of 10 m scale to ~5e-31: every volume is 0, so the
  // seeds are the first pair and group 0 takes the next ones until it holds
  // total - minimum fill (9 - 4 = 5): [0, 2, 3, 4, 5] and [1, 6, 7, 8]
  const t = new PalRtree([0, 0, 1000, 1000]);
  for (let i = 0; i < 9; i++) t.insert(i, [i * 10, 0, i * 10 + 30, 10]);
  const hits: number[] = [];
  t.search([-1, -1, 1001, 1001], (id) => hits.push(id));
  assertEquals(hits, [0, 2, 3, 4, 5, 1, 6, 7, 8]);
});

Deno.test("PalRtree: removals re-insert under-filled nodes; nothing is lost", () => {
  const t = new PalRtree([0, 0, 1e6, 1e6]);
  const box = (i: number): [number, number, number, number] => [
    (i % 20) * 4e4,
    Math.floor(i / 20) * 4e4,
    (i % 20) * 4e4 + 5e4,
    Math.floor(i / 20) * 4e4 + 2e4,
  ];
  for (let i = 0; i < 200; i++) t.insert(i, box(i));
  for (let i = 0; i < 200; i += 3) t.remove(i, box(i));
  const hits: number[] = [];
  t.search([-1, -1, 2e6, 2e6], (id) => hits.push(id));
  assertEquals(
    hits.sort((a, b) => a - b),
    Array.from({ length: 200 }, (_, i) => i).filter((i) => i % 3 !== 0),
  );
  const near: number[] = [];
  t.search(box(41), (id) => near.push(id));
  assertEquals(near.includes(41), true);
  assertEquals(near.includes(42), false);
});
