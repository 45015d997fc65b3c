import { LruCache } from "./lru.ts";

function assertEquals(actual: unknown, expected: unknown): void {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new Error(`expected ${e}, got ${a}`);
}

Deno.test("lru: evicts the least recently used entry through the callback", () => {
  const evicted: [string, number][] = [];
  const cache = new LruCache<string, number>(
    2,
    (k, v) => evicted.push([k, v]),
  );
  cache.set("a", 1).set("b", 2);
  assertEquals(cache.get("a"), 1);
  cache.set("c", 3);
  assertEquals(evicted, [["b", 2]]);
  assertEquals(cache.keys(), ["a", "c"]);
  assertEquals(cache.has("b"), false);
  assertEquals(cache.size, 2);
});

Deno.test("lru: peek does not refresh; replacing hands the old value over", () => {
  const evicted: number[] = [];
  const cache = new LruCache<string, number>(2, (_k, v) => evicted.push(v));
  cache.set("a", 1).set("b", 2);
  assertEquals(cache.peek("a"), 1);
  cache.set("a", 10);
  assertEquals(evicted, [1]);
  cache.set("a", 10); // same value: nothing to free
  assertEquals(evicted, [1]);
  cache.set("c", 3);
  assertEquals(evicted, [1, 2]);
});

Deno.test("lru: getOrCreate creates once; delete and clear free every entry", () => {
  const evicted: string[] = [];
  const cache = new LruCache<string, string>(3, (k) => evicted.push(k));
  let made = 0;
  const make = (k: string) => {
    made++;
    return k.toUpperCase();
  };
  assertEquals(cache.getOrCreate("x", make), "X");
  assertEquals(cache.getOrCreate("x", make), "X");
  assertEquals(made, 1);
  cache.set("y", "Y").set("z", "Z");
  assertEquals(cache.delete("y"), true);
  assertEquals(cache.delete("y"), false);
  cache.clear();
  assertEquals(evicted, ["y", "x", "z"]);
  assertEquals(cache.size, 0);
});

Deno.test("lru: stays bounded over many entries", () => {
  let freed = 0;
  const cache = new LruCache<number, object>(32, () => freed++);
  for (let i = 0; i < 10_000; i++) cache.set(i, { i });
  assertEquals(cache.size, 32);
  assertEquals(freed, 10_000 - 32);
  assertEquals(cache.keys()[0], 10_000 - 32);
});

Deno.test("lru: refuses a size that is not a positive integer", () => {
  for (const size of [0, -1, 1.5, NaN]) {
    let threw = false;
    try {
      new LruCache(size);
    } catch (e) {
      threw = e instanceof RangeError;
    }
    assertEquals(threw, true);
  }
});
