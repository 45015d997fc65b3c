import assert from "node:assert/strict";
import { compileExpression } from "./compile.ts";
import { evaluate } from "./evaluate.ts";
import { parseExpression } from "./parser.ts";
import {
  armExpressionBudget,
  chargeCall,
  disarmExpressionBudget,
  ExpressionLimitError,
} from "./budget.ts";
import { takeUnsupportedNotes } from "./errors.ts";
import { loadGeos } from "../geos/geos.ts";

const run = (text: string) => compileExpression(text)({});

Deno.test("budget: texts and arrays past their bound are refused before they are built, naming the function", () => {
  for (
    const [text, reason] of [
      [
        "lpad('', 500000000, 'x')",
        /^Cannot evaluate lpad\(\): it would make a text of 500000000 characters \(at most 10000000\)$/,
      ],
      ["rpad('a', 10000001, 'x')", /^Cannot evaluate rpad\(\)/],
      [
        "replace(lpad('', 4000, 'a'), 'a', lpad('', 4000, 'b'))",
        /^Cannot evaluate replace\(\): it would make a text of 16000000 characters/,
      ],
      [
        "regexp_replace(lpad('', 4000, 'a'), 'a', lpad('', 4000, 'b'))",
        /^Cannot evaluate regexp_replace\(\)/,
      ],
      [
        "lpad('', 6000000, 'a') || lpad('', 6000000, 'a')",
        /^Cannot evaluate operator \|\|/,
      ],
      [
        "lpad('', 6000000, 'a') + lpad('', 6000000, 'a')",
        /^Cannot evaluate operator \+/,
      ],
      [
        "concat(lpad('', 6000000, 'a'), lpad('', 6000000, 'a'))",
        /^Cannot evaluate concat\(\)/,
      ],
      [
        "format(lpad('', 4000, '%1'), lpad('', 6000, 'a'))",
        /^Cannot evaluate format\(\)/,
      ],
      [
        "string_to_array(lpad('', 2000000, ','))",
        /^Cannot evaluate string_to_array\(\): it would make an array of more than 1000000 elements$/,
      ],
    ] as const
  ) {
    for (
      const evaluator of [run, (t: string) => evaluate(parseExpression(t), {})]
    ) {
      assert.throws(() => evaluator(text), (e: Error) => {
        assert.ok(e instanceof ExpressionLimitError, text);
        assert.match(e.message, reason, text);
        return true;
      });
    }
  }
});

Deno.test("budget: an armed job budget ends loops and replacements that would run for minutes; unarmed, ordinary expressions are unchanged", () => {
  // a smaller budget than a job's, for the test's time
  armExpressionBudget(500_000_000);
  try {
    assert.throws(
      () =>
        run(
          "array_foreach(string_to_array(lpad('', 99999, ',')), array_foreach(string_to_array(lpad('', 99999, ',')), 1))",
        ),
      /^ExpressionLimitError: Cannot evaluate expressions: the job's expressions did more than 500000000 units of work/,
    );
    // spent: every later evaluation of the job fails at once
    assert.throws(() => run("upper('a')"), ExpressionLimitError);
  } finally {
    disarmExpressionBudget();
  }
  assert.equal(run("upper('a')"), "A");
  armExpressionBudget(1000);
  try {
    assert.throws(
      () => run("regexp_replace(lpad('', 5000, 'x'), 'x', 'y')"),
      ExpressionLimitError,
    );
  } finally {
    disarmExpressionBudget();
  }
});

Deno.test("budget: the bounded functions give what they gave before", () => {
  for (
    const [text, want] of [
      ["regexp_replace('abc', '(b)', '[\\\\1$&]')", "a[bb]c"],
      ["regexp_replace('aaa', 'a*', 'x')", "xx"],
      ["regexp_replace('abc', '', '-')", "-a-b-c-"],
      ["regexp_replace('a😀b', '', '-')", "-a-😀-b-"],
      [
        "regexp_replace('hello world', '(\\\\w+) (\\\\w+)', '\\\\2 \\\\1')",
        "world hello",
      ],
      ["regexp_replace('abc', 'x', 'y')", "abc"],
      ["regexp_replace('abcabc', 'b', '')", "acac"],
      ["regexp_replace('ab', '(a)', '$$')", "$b"],
      ["replace('abcabc', 'b', 'XX')", "aXXcaXXc"],
      ["replace('abc', '', '-')", "a-b-c"],
      ["replace('abc', map('a', 'x', 'c', 'zz'))", "xbzz"],
      ["left('a😀b', 2)", "a😀"],
      ["right('a😀b', 2)", "😀b"],
      ["substr('a😀bc', 2, 2)", "😀b"],
      ["substr('hello', -3)", "llo"],
      ["substr('hello', 2, -1)", "ell"],
      ["length('a😀b')", 3],
      ["reverse('ab😀')", "😀ba"],
      ["format('%1 and %2', 'x', 'y')", "x and y"],
      ["concat('a', NULL, 'b')", "ab"],
      ["array_to_string(array('a', 'b'), '-')", "a-b"],
      ["array_length(string_to_array(lpad('', 999999, ',')))", 1000000],
    ] as const
  ) assert.deepEqual(run(text), want, text);
});

Deno.test("budget: a job's budget holds a million features of ordinary label and rule expressions", () => {
  // 500 million units ended a job of 123,000 features wrapping their
  // labels with replace() (a thousand units a match)
  const wrap = compileExpression(`replace("name", ' ', '\n')`);
  const rule = compileExpression(`regexp_replace("name", '[aeiou]', '_')`);
  const loop = compileExpression(
    "array_to_string(array_foreach(array(1, 2, 3, 4, 5), @element * 2))",
  );
  armExpressionBudget();
  try {
    for (let id = 0; id < 1_000_000; id++) {
      const feature = {
        id,
        attributes: { name: "Saint Martin de la Brasse" },
        geometry: null,
      };
      wrap({ feature });
      rule({ feature });
      loop({ feature });
    }
  } finally {
    disarmExpressionBudget();
  }
});

Deno.test("budget: the array, geometry and text functions of QGIS 3.22 added in session 16 are bounded too", () => {
  for (
    const [text, reason] of [
      ["generate_series(1, 1e9)", /^Cannot evaluate generate_series\(\)/],
      [
        "make_circle(make_point(0, 0), 1, 5000000)",
        /^Cannot evaluate a shape's segments/,
      ],
      [
        "array_cat(generate_series(1, 600000), generate_series(1, 600000))",
        /^Cannot evaluate array_cat\(\)/,
      ],
    ] as const
  ) {
    assert.throws(() => run(text), (e) => {
      assert.ok(e instanceof ExpressionLimitError, text);
      assert.match(e.message, reason, text);
      return true;
    });
  }
  // quadratic string distances over long texts: an evaluation error (NULL)
  assert.equal(
    run("levenshtein(lpad('', 20000, 'a'), lpad('', 20000, 'b'))"),
    null,
  );
  // what the functions read and make is charged to the job's budget
  armExpressionBudget(1_000_000);
  try {
    assert.throws(
      () => run("array_sum(generate_series(1, 900000))"),
      ExpressionLimitError,
    );
  } finally {
    disarmExpressionBudget();
  }
});

Deno.test("budget: eval and eval_template of texts that evaluate themselves end at 16 levels, not in a stack overflow", () => {
  for (
    const text of [
      "with_variable('x', 'eval(@x)', eval(@x))",
      "with_variable('x', '[% eval_template(@x) %]', eval_template(@x))",
    ]
  ) {
    assert.throws(
      () => run(text),
      /^ExpressionLimitError: Cannot evaluate eval(_template)?\(\): it evaluates texts nested deeper than 16 levels$/,
    );
  }
  assert.equal(run("eval('eval(''1 + 1'')')"), 2);
});

Deno.test("budget: hashing is charged by the character, 8 units (SHA-3 32), so loops of digests end", () => {
  // a step hashing 10,000 characters spends about 101,000 units at 8 a
  // character (lpad's text, the digest, the loop step): 6 fit in 700,000
  armExpressionBudget(700_000);
  try {
    assert.equal(
      run(
        "array_length(array_foreach(generate_series(1, 6), md5(lpad('', 10000, 'x'))))",
      ),
      6,
    );
  } finally {
    disarmExpressionBudget();
  }
  armExpressionBudget(700_000);
  try {
    assert.throws(
      () =>
        run(
          "array_length(array_foreach(generate_series(1, 8), md5(lpad('', 10000, 'x'))))",
        ),
      ExpressionLimitError,
    );
    armExpressionBudget(700_000);
    assert.throws(
      () =>
        run(
          "array_length(array_foreach(generate_series(1, 3), hash(lpad('', 10000, 'x'), 'sha3_256')))",
        ),
      ExpressionLimitError,
    );
  } finally {
    disarmExpressionBudget();
  }
});

Deno.test("budget: eval_template and to_decimal stay linear on hostile texts", () => {
  const opens = "[%".repeat(200_000);
  assert.equal(run(`eval_template('${opens}')`), opens);
  assert.equal(run(`to_decimal('1${" ".repeat(5000)}x')`), null);
  assert.equal(
    run("eval_template('a [% 1 + 1 %] b [% 1 + %] c')"),
    "a 2 b [% 1 + %] c",
  );
});

Deno.test("budget: pole_of_inaccessibility of a polygon a billion times longer than wide is refused before it makes its cells", () => {
  assert.throws(
    () =>
      run(
        "pole_of_inaccessibility(geom_from_wkt('POLYGON((0 0, 1e9 0, 1e9 1, 0 1, 0 0))'), 1)",
      ),
    (e) => {
      assert.ok(e instanceof ExpressionLimitError);
      assert.match(e.message, /^Cannot evaluate pole_of_inaccessibility\(\)/);
      return true;
    },
  );
});

Deno.test("budget: GEOS's functions refuse hostile buffers and huge geometries before GEOS sees them: NULL and one note each, at once", async () => {
  await loadGeos();
  takeUnsupportedNotes();
  // a zigzag of 20,000 vertices: its segments 1.4 long, buffered by 100
  // (GEOS: minutes and gigabytes), and ten million segments a quadrant
  const zigzag = Array.from(
    { length: 20_000 },
    (_, i) => `${i} ${i % 2}`,
  ).join(", ");
  const line = `geom_from_wkt('LINESTRING(${zigzag})')`;
  const started = performance.now();
  for (
    const text of [
      `buffer(${line}, 100)`,
      `offset_curve(${line}, 100)`,
      `single_sided_buffer(${line}, 100)`,
      "buffer(make_point(0, 0), 1, 10000000)",
    ]
  ) {
    assert.equal(run(text), null, text);
  }
  // 120,000 vertices
  const huge = `geom_from_wkt('LINESTRING(${
    Array.from({ length: 120_000 }, (_, i) => `${i} 0`).join(", ")
  })')`;
  assert.equal(run(`intersection(${huge}, make_point(1, 0))`), null);
  assert.ok(performance.now() - started < 10_000);
  const notes = takeUnsupportedNotes();
  assert.equal(notes.length, 5, notes.join("\n"));
  assert.match(
    notes[0],
    /^Cannot evaluate buffer\(\): with 8 segments a quadrant at that distance it would cost GEOS more than 1000000 units/,
  );
  assert.match(
    notes[4],
    /^Cannot evaluate intersection\(\): its geometries have 120001 vertices \(at most 100000\); it is NULL$/,
  );
  // what is in bounds is GEOS's
  assert.equal(run(`area(buffer(${line}, 1, 2)) > 0`), 1);
});

Deno.test("budget: minimal_circle of a hull of more than 5,000 points is NULL and one note (QGIS recurses once a point)", () => {
  takeUnsupportedNotes();
  const ring = Array.from({ length: 6000 }, (_, i) => {
    const a = 2 * Math.PI * i / 6000;
    return `${Math.cos(a)} ${Math.sin(a)}`;
  });
  const polygon = `geom_from_wkt('POLYGON((${
    [...ring, ring[0]].join(", ")
  }))')`;
  assert.equal(run(`minimal_circle(${polygon})`), null);
  assert.deepEqual(takeUnsupportedNotes(), [
    "Cannot evaluate minimal_circle(): its convex hull has more than 5000 points; it is NULL",
  ]);
});

Deno.test("budget: a map's entries are charged past the first 16, a feature's are not", () => {
  armExpressionBudget(100_000);
  try {
    const feature = { id: 1, attributes: { name: "a" }, geometry: null };
    for (let i = 0; i < 1000; i++) {
      chargeCall("attribute", [feature, "name"], "a");
    }
    const big = Object.fromEntries(
      Array.from({ length: 1016 }, (_, i) => [`k${i}`, i]),
    );
    assert.throws(
      () => chargeCall("map_akeys", [big], []),
      /did more than 100000 units of work/,
    );
  } finally {
    disarmExpressionBudget();
  }
});
