/**
 * Medians with a baseline ratio, for the `*_bench.ts` scripts run with
 * `deno run` (which `deno bench` cannot give: it reports means and p75).
 *
 * @module
 */

/** One timed case. */
export interface BenchCase {
  /** Row name. */
  name: string;
  /** Rows of one group share a baseline. */
  group: string;
  /** The group's baseline (else its first row). */
  baseline?: boolean;
  /** The work to time. */
  fn: () => unknown;
}

/** A measured row. */
export interface MedianRow {
  /** Row name. */
  name: string;
  /** Median in ms. */
  median: number;
  /** Whether it is its group's baseline. */
  baseline: boolean;
}

/**
 * Times every case `runs` times after one warm-up call and prints, per
 * group, each median and its ratio to the group's baseline.
 *
 * @example
 * ```ts
 * import { printMedians } from "./medians.ts";
 * await printMedians([{ name: "noop", group: "g", baseline: true, fn: () => {} }], 3);
 * ```
 */
export async function printMedians(
  cases: readonly BenchCase[],
  runs: number,
): Promise<Map<string, MedianRow[]>> {
  const groups = new Map<string, MedianRow[]>();
  for (const b of cases) {
    await b.fn(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await b.fn();
      times.push(performance.now() - t0);
    }
    times.sort((x, y) => x - y);
    const row = {
      name: b.name,
      median: times[runs >> 1],
      baseline: !!b.baseline,
    };
    groups.set(b.group, [...(groups.get(b.group) ?? []), row]);
  }
  for (const [group, rows] of groups) {
    const base = rows.find((r) => r.baseline) ?? rows[0];
    console.log(`\n${group}`);
    for (const r of rows) {
      console.log(
        `  ${r.median.toFixed(2).padStart(8)} ms  ×${
          (r.median / base.median).toFixed(2)
        }  ${r.name}`,
      );
    }
  }
  return groups;
}
