import { assertEquals } from "./_assert.ts";
import { stdSort } from "./_stdsort.ts";

Deno.test("stdSort sorts, and orders equal keys as libstdc++ does", () => {
  const keys = Array.from({ length: 40 }, (_, i) => (i * 7919) % 13);
  const a = keys.map((k, i) => ({ k, i }));
  stdSort(a, (x, y) => x.k < y.k);
  for (let i = 1; i < a.length; i++) {
    if (a[i - 1].k > a[i].k) throw new Error("not sorted");
  }
  // short arrays are insertion sorted: stable
  const b = [3, 1, 3, 2, 1].map((k, i) => ({ k, i }));
  stdSort(b, (x, y) => x.k < y.k);
  assertEquals(b.map((x) => x.i), [1, 4, 3, 0, 2]);
  // past 16 elements the quicksort's median-of-three moves equal keys
  const c = Array.from({ length: 20 }, (_, i) => ({ k: i % 2, i }));
  stdSort(c, (x, y) => x.k < y.k);
  assertEquals(c.slice(0, 10).every((x) => x.k === 0), true);
});
