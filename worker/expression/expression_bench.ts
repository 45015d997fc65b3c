/**
 * Expression evaluation throughput: a typical rule-based renderer filter and
 * a label expression, each over 100,000 generated features, against
 * hand-written JavaScript closures that compute the same values as the
 * baseline.
 *
 *     deno bench worker/expression/expression_bench.ts   # Deno's statistics
 *     deno run worker/expression/expression_bench.ts     # medians of 15 runs, ratios
 */
import { compileExpression, evaluate, parseExpression } from "./mod.ts";
import type { ExpressionContext } from "./mod.ts";
import type { Feature } from "../geometry/types.ts";

const N = 100_000;
const KINDS = ["motorway", "primary", "secondary", "residential", "track"];

/** Deterministic features: a kind, a population (NULL every 17th), a name. */
function makeFeatures(n: number): Feature[] {
  const out: Feature[] = [];
  let seed = 12345;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let i = 0; i < n; i++) {
    out.push({
      id: i,
      attributes: {
        kind: KINDS[i % KINDS.length],
        pop: i % 17 === 0 ? null : Math.floor(rnd() * 200000),
        name: `place ${i}`,
      },
      geometry: null,
    });
  }
  return out;
}

const features = makeFeatures(N);
const ctxs: ExpressionContext[] = features.map((feature) => ({
  feature,
  variables: { map_scale: 25000 },
}));

const RULE =
  "\"kind\" IN ('motorway', 'primary') AND \"pop\" >= 50000 AND @map_scale < 50000";
const LABEL = "upper(\"name\") || ' (' || coalesce(\"pop\", 'n/a') || ')'";

const rule = compileExpression(RULE);
const ruleTree = parseExpression(RULE);
const label = compileExpression(LABEL);

/** The rule as a hand-written closure with the same NULL semantics. */
function ruleJs(ctx: ExpressionContext): boolean {
  const a = ctx.feature!.attributes;
  const k = a.kind;
  const p = a.pop as number | null;
  if (!(k === "motorway" || k === "primary")) return false;
  if (p === null) return false;
  return p >= 50000 && (ctx.variables!.map_scale as number) < 50000;
}
/** The label as a hand-written closure. */
function labelJs(ctx: ExpressionContext): string {
  const a = ctx.feature!.attributes;
  const p = a.pop;
  return `${String(a.name).toUpperCase()} (${p === null ? "n/a" : p})`;
}

// The engine and the closures must agree before their speeds are compared.
for (let i = 0; i < 1000; i++) {
  const r = rule(ctxs[i]) === true;
  if (r !== ruleJs(ctxs[i])) throw new Error(`rule differs at feature ${i}`);
  if (label(ctxs[i]) !== labelJs(ctxs[i])) {
    throw new Error(`label differs at feature ${i}: ${label(ctxs[i])}`);
  }
}

let sink = 0;
const cases: { name: string; group: string; baseline?: boolean; fn(): void }[] =
  [
    {
      name: "rule: JS closure",
      group: "rule",
      baseline: true,
      fn(): void {
        for (const c of ctxs) if (ruleJs(c)) sink++;
      },
    },
    {
      name: "rule: compileExpression",
      group: "rule",
      fn(): void {
        for (const c of ctxs) if (rule(c) === true) sink++;
      },
    },
    {
      name: "rule: evaluate(tree)",
      group: "rule",
      fn(): void {
        for (const c of ctxs) if (evaluate(ruleTree, c) === true) sink++;
      },
    },
    {
      name: "label: JS closure",
      group: "label",
      baseline: true,
      fn(): void {
        for (const c of ctxs) sink += labelJs(c).length;
      },
    },
    {
      name: "label: compileExpression",
      group: "label",
      fn(): void {
        for (const c of ctxs) sink += (label(c) as string).length;
      },
    },
  ];

for (const c of cases) {
  Deno.bench({
    name: `${c.name} (${N} features)`,
    group: c.group,
    baseline: c.baseline,
    fn: c.fn,
  });
}

if (import.meta.main && !Deno.args.includes("--bench")) {
  const RUNS = 15;
  const medians = new Map<string, number>();
  for (const c of cases) {
    for (let i = 0; i < 3; i++) c.fn(); // warm-up
    const t: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      c.fn();
      t.push(performance.now() - t0);
    }
    t.sort((a, b) => a - b);
    medians.set(c.name, t[RUNS >> 1]);
  }
  for (const c of cases) {
    const m = medians.get(c.name)!;
    const base = cases.find((b) => b.group === c.group && b.baseline)!;
    const ratio = m / medians.get(base.name)!;
    console.log(
      `${c.name.padEnd(28)} ${m.toFixed(2).padStart(8)} ms / ${N} features  ` +
        `${(N / m / 1000).toFixed(2).padStart(6)} M/s  ×${ratio.toFixed(1)}`,
    );
  }
  console.log(`(sink ${sink})`);
}
