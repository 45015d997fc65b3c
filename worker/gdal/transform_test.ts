import { withGdal } from "./gdal.ts";
import {
  clearPointCache,
  pointCacheStats,
  transformInPlace,
} from "./transform.ts";

function assert(cond: unknown, msg = "assertion failed"): asserts cond {
  if (!cond) throw new Error(msg);
}

// LV95 as a PROJ string with its datum shift: GDAL chooses per point among
// PROJ's operations to ESRI:102014 (ED50 datum), the slow case of #17.
const CUSTOM =
  "+proj=somerc +lat_0=46.9524055555556 +lon_0=7.43958333333333 +k_0=1 " +
  "+x_0=2600000 +y_0=1200000 +ellps=bessel " +
  "+towgs84=674.374,15.056,405.346,0,0,0,0 +units=m +no_defs";

Deno.test("transformInPlace: a batch with repeated points comes out as the whole batch does, bit for bit", async () => {
  // rings of a coverage: neighbours share their edges, rings repeat their
  // first point; points whose bits differ only in sign (0 / -0); a point
  // far outside every operation's area, whose result depends on the
  // operation GDAL chose for the batch (from the batch's average)
  const rings: Float64Array[] = [];
  for (let i = 0; i < 6; i++) {
    const ring: number[] = [];
    for (let k = 0; k <= 40; k++) {
      const t = (k % 40) / 40;
      ring.push(2600000 + 1000 * (i + t), 1200000 + 123.456 * Math.sin(7 * t));
    }
    rings.push(Float64Array.from(ring));
    // the same ring backwards, as a neighbour has it
    const back: number[] = [];
    for (let k = ring.length - 2; k >= 0; k -= 2) {
      back.push(ring[k], ring[k + 1]);
    }
    rings.push(Float64Array.from(back));
  }
  rings.push(Float64Array.from([0, 0, -0, 0, 0, -0, 0.1, 0.2]));
  // one point many times and one far away: the distinct points alone
  // would average far from the whole batch's average
  const many = new Float64Array(2 * 400);
  for (let i = 0; i < many.length; i += 2) {
    many[i] = 2600000;
    many[i + 1] = 1200000;
  }
  const lopsided = [many, Float64Array.from([-2600000, -1200000])];
  const cases: [string, string][] = [
    [CUSTOM, "ESRI:102014"],
    ["EPSG:2056", "EPSG:3857"],
    ["EPSG:2056", "EPSG:4326"],
  ];
  for (
    const [[from, to], set] of cases.flatMap((c) =>
      [[c, rings], [c, lopsided]] as const
    )
  ) {
    const batch = set.map((r) => r.slice());
    const whole = set.map((r) => r.slice());
    const alone = set.map((r) => r.slice());
    const [ok, okWhole] = await withGdal((gdal) => {
      for (const r of alone) {
        for (let i = 0; i + 1 < r.length; i += 2) {
          transformInPlace(gdal, [r.subarray(i, i + 2)], from, to);
        }
      }
      return [
        transformInPlace(gdal, batch, from, to),
        transformInPlace(gdal, whole, from, to, false),
      ];
    });
    assert(JSON.stringify(ok) === JSON.stringify(okWhole), `${to}: ${ok}`);
    for (let r = 0; r < batch.length; r++) {
      for (let i = 0; i < batch[r].length; i++) {
        assert(
          Object.is(batch[r][i], whole[r][i]),
          `${to}: ring ${r} value ${i}: ${batch[r][i]} != ${whole[r][i]}`,
        );
      }
    }
    if (from === CUSTOM) {
      // the far point: as in its batch, not as alone (the test means it)
      const far = batch.length - 1;
      assert(!Object.is(batch[far][0], alone[far][0]), `${batch[far][0]}`);
    }
  }
});

Deno.test("transformInPlace: a point that does not transform fails its array only, repeated or not", async () => {
  const good = Float64Array.from(
    { length: 200 },
    (_, i) => i % 2 ? 46 + i / 1000 : 7 + i / 1000,
  );
  const bad = Float64Array.from([7, 91, 7, 91, 7.5, 46.5]);
  const ok = await withGdal((gdal) =>
    transformInPlace(gdal, [good, bad, bad.slice()], "EPSG:4326", "EPSG:2056")
  );
  assert(ok[0] && !ok[1] && !ok[2], JSON.stringify(ok));
  assert(Number.isFinite(bad[4]) && !Number.isFinite(bad[0]), `${bad}`);
});

Deno.test("transformInPlace: points kept across calls come out as the whole batch does, under the operation of each call", async () => {
  const ring: number[] = [];
  for (let k = 0; k <= 200; k++) {
    const t = (k % 200) / 200;
    ring.push(2600000 + 5000 * t, 1200000 + 321.5 * Math.sin(9 * t));
  }
  const coverage = [Float64Array.from(ring), Float64Array.from(ring)];
  // the same points in a batch whose average GDAL matches with another
  // operation (a far point many times, north of every operation's area)
  const far = new Float64Array(2 * 400);
  for (let i = 0; i < far.length; i += 2) {
    far[i] = 2600000.5;
    far[i + 1] = 9000000.25;
  }
  const elsewhere = [far, Float64Array.from(ring.slice(0, 40))];
  const run = (set: Float64Array[]) =>
    withGdal((gdal) => {
      const batch = set.map((r) => r.slice());
      const whole = set.map((r) => r.slice());
      const ok = transformInPlace(gdal, batch, CUSTOM, "ESRI:102014");
      const okWhole = transformInPlace(
        gdal,
        whole,
        CUSTOM,
        "ESRI:102014",
        false,
      );
      assert(JSON.stringify(ok) === JSON.stringify(okWhole), `${ok}`);
      for (let r = 0; r < batch.length; r++) {
        for (let i = 0; i < batch[r].length; i++) {
          assert(
            Object.is(batch[r][i], whole[r][i]),
            `ring ${r} value ${i}: ${batch[r][i]} != ${whole[r][i]}`,
          );
        }
      }
      return batch;
    });
  clearPointCache();
  const first = await run(coverage);
  assert(pointCacheStats().points === 200, JSON.stringify(pointCacheStats()));
  const other = await run(elsewhere);
  // the test means it: another operation, another result for one point
  assert(!Object.is(other[1][0], first[0][0]), `${other[1][0]}`);
  assert(pointCacheStats().tables === 2, JSON.stringify(pointCacheStats()));
  // again, every point now kept
  const points = pointCacheStats().points;
  await run(coverage);
  await run(elsewhere);
  assert(
    pointCacheStats().points === points,
    JSON.stringify(pointCacheStats()),
  );
  // a few points not kept among kept ones (a map panned a little): the new
  // ones go to GDAL under the whole batch's average, repeats and all
  const fresh: number[] = [];
  for (let k = 0; k < 12; k++) fresh.push(2601000.125 + 17 * k, 1200100.5);
  await run([...coverage, Float64Array.from([...fresh, ...fresh.slice(0, 8)])]);
  assert(
    pointCacheStats().points === points + 12,
    JSON.stringify(pointCacheStats()),
  );
  await run([Float64Array.from(fresh), ...elsewhere]);
});
