import { PointTable } from "./_point_cache.ts";

function assert(cond: unknown, msg = "assertion failed"): asserts cond {
  if (!cond) throw new Error(msg);
}

Deno.test("PointTable: what was set comes back by the input's bits, through growth", () => {
  const t = new PointTable();
  const out = new Float64Array(4);
  assert(!t.get(0, 0, out, 0), "empty");
  const n = 5000;
  for (let i = 0; i < n; i++) {
    t.set(2600000 + i * 0.1, 1200000 - i / 3, i, -i);
  }
  assert(t.size === n, `${t.size}`);
  for (let i = 0; i < n; i++) {
    assert(t.get(2600000 + i * 0.1, 1200000 - i / 3, out, 2), `${i}`);
    assert(out[2] === i && Object.is(out[3], -i), `${i}: ${out}`);
  }
  // a point set again keeps its first result
  t.set(2600000, 1200000, 7, 8);
  assert(
    t.size === n && t.get(2600000, 1200000, out, 0) && Number(out[0]) === 0,
  );
  // keys are bits: 0 and -0 differ, a point one ulp away is not kept
  t.set(0, 0, 1, 1);
  assert(!t.get(-0, 0, out, 0) && !t.get(0, -0, out, 0));
  t.set(-0, 0, 2, 2);
  assert(t.get(-0, 0, out, 0) && Number(out[0]) === 2);
  assert(t.get(0, 0, out, 0) && Number(out[0]) === 1);
  assert(!t.get(2600000.1 + 1e-9, 1199999.6666666667, out, 0));
  assert(t.bytes > 0);
});
