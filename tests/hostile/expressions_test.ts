// Regular expressions in a style's QGIS expressions (a rule's filter, a
// label, a data-defined property) that backtrack catastrophically, posted
// through Redis to a real worker process started as `deno task worker`
// starts it (V8 flags included): each is answered within seconds and the
// next ordinary map is drawn. Before, `regexp_match`, `regexp_replace`,
// `regexp_substr` and `~` compiled with the `u` flag, which V8's linear
// engine does not take: the worker never answered again; and a group counted
// more than 16 times, which that engine does not take either, still did.
import assert from "node:assert/strict";
import { demoLayer, demoRenderJob } from "./_jobs.ts";
import { withDemoWorker } from "./_demo_worker.ts";

/** A hostile job must be answered within this. */
// The alternative ruled out is no answer at all (regular expressions) or
// minutes (GEOS). 60 s (was 20 s): only a hang fails, not a loaded CI
// machine (load 20-25 on 2 cores took seconds); speed is for benches.
const MAX_ANSWER_MS = 60_000;
/**
 * How long an amplifying job may take to end failed at the expression
 * budget. Each spends the job's whole budget (20 billion units, 4-20 s of
 * the worker's time by design): from_json's case took 19.5 s at load 10
 * and more than 120 s (the wait withDemoWorker gave it) at load 23. Only
 * hours (before the budget) or a hang are ruled out.
 */
const AMPLIFIER_WAIT_MS = 600_000;
const LONG = "a".repeat(40) + "!";

const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll('"', "&quot;");
const rule = (filter: string) =>
  `<qgis><renderer-v2 type="RuleRenderer"><rules key="r"><rule key="a" filter="${
    esc(filter)
  }" symbol="0"/></rules><symbols><symbol type="fill" name="0"><layer class="SimpleFill"/></symbol></symbols></renderer-v2></qgis>`;
const label = (expression: string) =>
  `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0"><layer class="SimpleFill"/></symbol></symbols></renderer-v2><labeling type="simple"><settings><text-style fieldName="${
    esc(expression)
  }" isExpression="1" fontSize="9"/><placement placement="1"/></settings></labeling></qgis>`;

/** Attacks: label → the zones layer's style. */
const attacks: [string, string][] = [
  ["regexp_match (a+)+$", rule(`regexp_match('${LONG}', '^(a+)+$') > 0`)],
  ["regexp_match \\p{L}", rule(`regexp_match('${LONG}', '^(\\\\p{L}+)+$')`)],
  ["regexp_replace", rule(`regexp_replace('${LONG}', '(a+)+b', 'x') = 'y'`)],
  ["regexp_substr", rule(`regexp_substr('${LONG}', '^(a|a)*$') = 'y'`)],
  ["~", rule(`'${LONG}' ~ '^(a+)+$'`)],
  ["backreference", rule(`regexp_match('${LONG}', '^(a|a)*\\\\1$')`)],
  ["lookahead", rule(`regexp_match('${LONG}', '(?=(a+)+$)')`)],
  ["label", label(`regexp_replace('${LONG}', '^(a+)+$', 'x')`)],
  // a group counted past 16 (V8's linear engine takes none): before, the
  // worker never answered this job nor any after it
  [
    "regexp_match (.*a){25}x",
    rule(`regexp_match(lpad('', 30000, 'a'), '(.*a){25}x')`),
  ],
  [
    "label (.*a){25}x",
    label(`regexp_substr(lpad('', 30000, 'a'), '(.*a){25}x')`),
  ],
];

Deno.test("hostile expressions: catastrophic regular expressions in a style are answered in seconds; the next map is drawn", async () => {
  await withDemoWorker(async ({ post, ordinary }) => {
    for (const [name, qml] of attacks) {
      const job = demoRenderJob({
        layers: [demoLayer("zones", "zones.geojson", qml)],
      }).job as Record<string, unknown>;
      const t0 = performance.now();
      const r = await post(name, job, MAX_ANSWER_MS * 2);
      const ms = performance.now() - t0;
      // an evaluation error is NULL, as in QGIS: the zone is not drawn
      assert.equal(r.status, "succeed", `${name}: ${r.result.data}`);
      assert.ok(ms < MAX_ANSWER_MS, `${name}: answered in ${ms} ms`);
      await ordinary();
    }
  });
});

/** Amplifying attacks: label → rule filter, and the reason expected. */
const amplifiers: [string, string, RegExp][] = [
  // before: a stack overflow, taken for a fault of the Skia engine
  [
    "eval of a text evaluating itself",
    "with_variable('x', 'eval(@x)', eval(@x)) = 1",
    /^Cannot draw layer 'zones': Cannot evaluate eval\(\): it evaluates texts nested deeper than 16 levels$/,
  ],
  [
    "eval_template of a template evaluating itself",
    "with_variable('x', '[% eval_template(@x) %]', eval_template(@x)) = 'a'",
    /^Cannot draw layer 'zones': Cannot evaluate eval_template\(\): it evaluates texts nested deeper than 16 levels$/,
  ],
  [
    "lpad of 500 million characters",
    "length(lpad('', 500000000, 'x')) > 0",
    /^Cannot draw layer 'zones': Cannot evaluate lpad\(\): it would make a text of 500000000 characters \(at most 10000000\)$/,
  ],
  [
    "rpad of 100 million characters",
    "length(rpad('', 100000000, 'x')) > 0",
    /^Cannot draw layer 'zones': Cannot evaluate rpad\(\): it would make a text of 100000000 characters/,
  ],
  [
    "replace squared",
    "length(replace(replace(lpad('', 5000, 'a'), 'a', lpad('', 5000, 'a')), 'a', 'bb')) > 0",
    /^Cannot draw layer 'zones': Cannot evaluate replace\(\): it would make a text of 25000000 characters/,
  ],
  [
    "regexp_replace squared",
    "length(regexp_replace(lpad('', 5000, 'a'), 'a', lpad('', 5000, 'b'))) > 0",
    /^Cannot draw layer 'zones': Cannot evaluate regexp_replace\(\): it would make a text of \d+ characters/,
  ],
  [
    "|| of two 9 million character texts",
    "length(lpad('', 9000000, 'a') || lpad('', 9000000, 'a')) > 0",
    /^Cannot draw layer 'zones': Cannot evaluate operator \|\|: it would make a text of 18000000 characters/,
  ],
  [
    "format's %1 5,000 times",
    "length(format(lpad('', 10000, '%1'), lpad('', 5000, 'x'))) > 0",
    /^Cannot draw layer 'zones': Cannot evaluate format\(\): it would make a text of/,
  ],
  [
    "string_to_array of 9 million elements",
    "array_length(string_to_array(lpad('', 9000000, ','))) > 0",
    /^Cannot draw layer 'zones': Cannot evaluate string_to_array\(\): it would make an array of more than 1000000 elements$/,
  ],
  [
    "array_foreach 100,000 × 100,000",
    "array_length(array_foreach(string_to_array(lpad('', 99999, ',')), array_foreach(string_to_array(lpad('', 99999, ',')), 1))) > 0",
    /^Cannot draw layer 'zones': Cannot evaluate expressions: the job's expressions did more than 20000000000 units of work/,
  ],
  // before: each element compared with each other one, uncharged: hours
  [
    "array_all of two arrays of 1,000,000",
    "array_all(generate_series(1, 1000000), generate_series(1, 1000000))",
    /^Cannot draw layer 'zones': Cannot evaluate expressions: the job's expressions did more than 20000000000 units of work/,
  ],
  [
    "array_replace of arrays of 1,000,000",
    "array_length(array_replace(generate_series(1, 1000000), generate_series(1, 1000000), generate_series(1, 1000000))) > 0",
    /^Cannot draw layer 'zones': Cannot evaluate expressions: the job's expressions did more than 20000000000 units of work/,
  ],
  // before: Intl's RangeError, "minimumFractionDigits value is out of
  // range.", named neither the function nor the bound
  [
    "format_number with 500 million decimals",
    "length(format_number(1.5, 500000000)) > 0",
    /^Cannot draw layer 'zones': Cannot evaluate format_number\(\): it would make a text of 500000000 characters/,
  ],
  // before: the line grew by concatenation (2.7 s a call of 2 million
  // characters, 15 s of 9 million) and the words were not charged: hours
  [
    "wordwrap of 400,000 words, 1,000 times",
    "array_length(array_foreach(generate_series(1, 1000), length(wordwrap(lpad('', 2000000, 'abcd '), 1000)))) > 0",
    /^Cannot draw layer 'zones': Cannot evaluate expressions: the job's expressions did more than 20000000000 units of work/,
  ],
  // before: a map's entries were not charged (its JSON's characters only):
  // an object of 200,000 members parsed and sorted 1,000 times a feature
  // ran for hours
  [
    "from_json of 200,000 members, 1,000 times",
    `with_variable('j', '{' || array_to_string(array_foreach(generate_series(1, 200000), '"k' || @element || '":1'), ',') || '}', array_length(array_foreach(generate_series(1, 1000), array_length(map_akeys(from_json(@j)))))) > 0`,
    /^Cannot draw layer 'zones': Cannot evaluate expressions: the job's expressions did more than 20000000000 units of work/,
  ],
  [
    "regexp_replace of 10 million matches, 1,000 times",
    "array_length(array_foreach(string_to_array(lpad('', 999, ',')), regexp_replace(lpad('', 9999999, 'x'), 'x', 'y'))) > 0",
    /^Cannot draw layer 'zones': Cannot evaluate expressions: the job's expressions did more than 20000000000 units of work/,
  ],
];

Deno.test("hostile expressions: functions asked for texts, arrays or loops of millions end their job failed naming the bound; the worker lives and draws the next map", async () => {
  await withDemoWorker(async ({ post, ordinary }) => {
    for (const [name, filter, reason] of amplifiers) {
      const job = demoRenderJob({
        layers: [demoLayer("zones", "zones.geojson", rule(filter))],
      }).job as Record<string, unknown>;
      // before: lpad's 500 million characters ended the worker process
      // ("Fatal JavaScript out of memory"), no answer
      const r = await post(name, job, AMPLIFIER_WAIT_MS);
      assert.equal(r.status, "failed", `${name}: ${r.result.data}`);
      assert.match(String(r.result.data), reason, name);
      await ordinary();
    }
  });
});

// a zigzag of 20,000 vertices, its segments 1.4 long: buffered by 100,
// GEOS nodes offset curves that each overlap ~70 others (minutes and
// gigabytes of a heap that never shrinks)
const ZIGZAG = `geom_from_wkt('LINESTRING(${
  Array.from({ length: 20_000 }, (_, i) => `${i} ${i % 2}`).join(", ")
})')`;

/** GEOS's functions asked for more than GEOS can do in seconds. */
const geosAttacks: [string, string][] = [
  [
    "buffer of ten million segments a quadrant",
    "area(buffer($geometry, 10, 10000000)) > 0",
  ],
  [
    "offset curve of a zigzag far wider than it",
    `length(offset_curve(${ZIGZAG}, 100)) > 0`,
  ],
  ["buffer of a zigzag far wider than it", `area(buffer(${ZIGZAG}, 100)) > 0`],
  [
    "single-sided buffer of a zigzag",
    `area(single_sided_buffer(${ZIGZAG}, -100, 50)) > 0`,
  ],
];

Deno.test("hostile expressions: GEOS's buffers that would take GEOS minutes and gigabytes are NULL at once (a warning); the worker draws the next map", async () => {
  await withDemoWorker(async ({ post, ordinary }) => {
    for (const [name, filter] of geosAttacks) {
      const job = demoRenderJob({
        layers: [demoLayer("zones", "zones.geojson", rule(filter))],
      }).job as Record<string, unknown>;
      const t0 = performance.now();
      const r = await post(name, job, MAX_ANSWER_MS * 2);
      const ms = performance.now() - t0;
      assert.equal(r.status, "succeed", `${name}: ${r.result.data}`);
      assert.ok(ms < MAX_ANSWER_MS, `${name}: answered in ${ms} ms`);
      await ordinary();
    }
  });
});
