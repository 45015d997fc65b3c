import assert from "node:assert/strict";
import { loadGeos } from "../geos/geos.ts";
import {
  compileExpression,
  compileTree,
  evaluate,
  parseExpression,
  QgisSyntaxError,
  referencedColumns,
  splitForPushdown,
  toOgrSql,
  withMeasurer,
} from "./mod.ts";
import type { Feature } from "../geometry/types.ts";

const feature: Feature = {
  id: 7,
  attributes: {
    name: "Bern",
    pop: 134000,
    kind: "city",
    n: null,
    code: "10",
    when: new Date(2024, 1, 3, 4, 5, 6),
  },
  geometry: {
    kind: "polygon",
    parts: [[new Float64Array([0, 0, 4, 0, 4, 2, 0, 2, 0, 0])]],
  },
};
const ctx = { feature, variables: { map_scale: 5000, layer_name: "towns" } };
/** Evaluates by tree walk and by compiled closures; both must agree. */
const ev = (text: string): unknown => {
  const tree = parseExpression(text);
  const walked = evaluate(tree, ctx);
  assert.deepEqual(compileTree(tree)(ctx), walked, `compiled: ${text}`);
  return walked;
};

Deno.test("operators follow QGIS's precedence and semantics", () => {
  const cases: [string, unknown][] = [
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["2 ^ 3 ^ 2", 512],
    ["-2 ^ 2", 4],
    ["5 / 2", 2.5],
    ["5 // 2", 2],
    ["-5 // 2", -3],
    ["7 % 3", 1],
    ["1 / 0", null],
    ["'a' + 'b'", "ab"],
    ["1 + '2'", 3],
    ["'a' || 1", "a1"],
    ["'a' || NULL", null],
    ["'10' > '9'", 0], // two texts compare as texts in QGIS
    ["'b' > 'a'", 1],
    ["1 = 1.0", 1],
    ["1 == 1", 1],
    ["1 != 2", 1],
    ["1 <> 1", 0],
    ["NULL = NULL", null],
    ["NULL IS NULL", 1],
    ["1 IS NOT NULL", 1],
    ["NULL AND FALSE", 0],
    ["NULL AND TRUE", null],
    ["NULL OR TRUE", 1],
    ["NULL OR FALSE", null],
    ["NOT NULL", null],
    ["NOT 0", 1],
    ["name LIKE 'B%'", 1],
    ["name LIKE 'b%'", 0],
    ["name ILIKE 'b_rn'", 1],
    ["name NOT LIKE '%x%'", 1],
    ["'50%' LIKE '50\\\\%'", 1],
    ["name ~ 'er'", 1],
    ["kind IN ('town', 'city')", 1],
    ["kind NOT IN ('town', 'city')", 0],
    ["'x' IN ('a', NULL)", null],
    ["code IN (10, 20)", 1],
    ["pop BETWEEN 1 AND 200000", 1],
    ["pop NOT BETWEEN 1 AND 2", 1],
    [
      "CASE WHEN pop > 1e6 THEN 'huge' WHEN pop > 1e5 THEN 'big' ELSE 'small' END",
      "big",
    ],
    ["CASE WHEN FALSE THEN 1 END", null],
    ["\"name\" = 'Bern'", 1],
    ["NAME = 'Bern'", 1],
    ["missing", null],
    ["@map_scale > 1000", 1],
    ["@layer_name", "towns"],
    ["@undefined_var", null],
    ["$id", 7],
    ["$area", 8],
    ["$perimeter", 12],
    ["array(1, 2, 3)[-1]", 3],
    ["/* c */ 1 -- comment\n + 1", 2],
  ];
  // operators give QGIS's integer truth values (TVL_True is 1), not booleans
  for (const [text, want] of cases) assert.deepEqual(ev(text), want, text);
});

Deno.test("functions", () => {
  const cases: [string, unknown][] = [
    ["coalesce(n, NULL, 'x')", "x"],
    ["geom_to_wkt(make_point(1, 2.123456789))", "Point (1 2.12345679)"],
    ["geom_to_wkt(make_point(1.26, 2), 1)", "Point (1.3 2)"],
    ["if(pop > 5, 'y', 'n')", "y"],
    ["nullif(1, 1)", null],
    ["try(to_int('x'), -1)", -1],
    ["upper(name)", "BERN"],
    ["lower('ÄB')", "äb"],
    ["title('hello wORLD')", "Hello World"],
    ["trim('  a ')", "a"],
    ["length('Zürich')", 6],
    ["char(65)", "A"],
    ["concat('a', NULL, 1)", "a1"],
    ["substr('hello', 2, 3)", "ell"],
    ["substr('hello', -3)", "llo"],
    ["left('hello', 2)", "he"],
    ["right('hello', 2)", "lo"],
    ["replace('aXbX', 'X', '-')", "a-b-"],
    ["replace('ab', array('a', 'b'), array('1', '2'))", "12"],
    ["regexp_replace('a1b22', '\\\\d+', '#')", "a#b#"],
    ["regexp_substr('abc123', '(\\\\d+)')", "123"],
    ["strpos('hello', 'll')", 3],
    ["lpad('5', 3, '0')", "005"],
    ["rpad('5', 3, '0')", "500"],
    ["format('%1 of %2', 'a', 3)", "a of 3"],
    ["format_number(1234.567, 2)", "1,234.57"],
    ["wordwrap('one two three', 7)", "one two\nthree"],
    ["to_string(1.5)", "1.5"],
    ["abs(-3)", 3],
    ["round(2.567, 2)", 2.57],
    ["round(-2.5)", -3],
    ["floor(1.7)", 1],
    ["ceil(1.2)", 2],
    ["sqrt(16)", 4],
    ["pow(2, 10)", 1024],
    ["ln(exp(2))", 2],
    ["log10(1000)", 3],
    ["log(2, 8)", 3],
    ["min(3, NULL, 1)", 1],
    ["max(3, 1)", 3],
    ["clamp(0, 12, 10)", 10],
    ["scale_linear(5, 0, 10, 0, 100)", 50],
    ["to_int('12')", 12],
    ["to_real('1.5')", 1.5],
    ['year("when")', 2024],
    ['month("when")', 2],
    ["day(to_date('2024-02-03'))", 3],
    ["format_date(\"when\", 'yyyy-MM-dd hh:mm')", "2024-02-03 04:05"],
    ["day_of_week(to_date('2024-02-04'))", 0],
    ["week(to_date('2024-01-01'))", 1],
    ["attribute('name')", "Bern"],
    ['attribute("kind")', null],
    ["area($geometry)", 8],
    ["geometry_type($geometry)", "Polygon"],
    ["x(centroid($geometry))", 2],
    ["num_points($geometry)", 5],
    ["color_rgb(255, 0, 10)", "255,0,10"],
    ["upper(NULL)", null],
  ];
  for (const [text, want] of cases) assert.deepEqual(ev(text), want, text);
});

Deno.test("syntax errors carry line and column; unknown functions are named", () => {
  const err = (text: string) => {
    try {
      parseExpression(text);
    } catch (e) {
      assert.ok(e instanceof QgisSyntaxError, String(e));
      return e;
    }
    throw new Error(`parsed: ${text}`);
  };
  assert.equal(err("1 +").column, 4);
  const e2 = err("a = 1 AND\n  frobnicate(2)");
  assert.match(e2.message, /unknown function 'frobnicate'/);
  assert.equal(e2.line, 2);
  assert.equal(e2.column, 3);
  assert.match(err("'open").message, /unterminated string/);
  assert.match(err("upper()").message, /takes 1 arguments, got 0/);
  assert.match(err("CASE 1 END").message, /expected WHEN/);
  assert.match(err("").message, /empty expression/);
});

Deno.test("compileExpression yields NULL on evaluation errors, as QGIS", () => {
  const f = compileExpression("to_int(name) > 3");
  assert.equal(f(ctx), null);
  assert.throws(
    () => evaluate(parseExpression("to_int(name)"), ctx),
    /Cannot convert 'Bern'/,
  );
  assert.equal(compileExpression("pop > 1")(ctx), 1);
  assert.equal(
    compileExpression("pop > 1"),
    compileExpression("pop > 1"),
    "cached",
  );
});

Deno.test("compileExpression tells onEvalError of the error it turns into NULL", () => {
  const errors: string[] = [];
  const onEvalError = (m: string) => errors.push(m);
  const f = compileExpression('"name" * 2');
  assert.equal(f({ ...ctx, onEvalError }), null);
  assert.deepEqual(errors, ["Cannot convert 'Bern' to double"]);
  // a NULL value is no error
  assert.equal(compileExpression("NULL")({ ...ctx, onEvalError }), null);
  assert.equal(errors.length, 1);
});

Deno.test("referencedColumns and push-down to OGR SQL", () => {
  assert.deepEqual(
    referencedColumns(parseExpression("\"a\" + b * attribute('c')")),
    new Set(["a", "b", "c"]),
  );
  assert.equal(referencedColumns(parseExpression("attribute(name)")), "all");
  assert.equal(
    toOgrSql(parseExpression("kind = 'town' AND pop >= 2 OR \"x y\" IS NULL")),
    `(("kind" = 'town') AND ("pop" >= 2)) OR ("x y" IS NULL)`,
  );
  assert.equal(
    toOgrSql(parseExpression("name LIKE 'B%'")),
    undefined,
    "LIKE differs in case",
  );
  assert.equal(
    toOgrSql(parseExpression("name > 'B'")),
    undefined,
    "text ordering differs",
  );
  assert.equal(
    toOgrSql(parseExpression("kind IN ('a', 'b''c')")),
    `"kind" IN ('a', 'b''c')`,
  );
  const split = splitForPushdown(
    parseExpression("pop > 5 AND name LIKE 'B%' AND kind = 'city'"),
  );
  assert.equal(split.where, `("pop" > 5) AND ("kind" = 'city')`);
  assert.equal(split.residual?.type, "binary");
  assert.equal(evaluate(split.residual!, ctx), 1);
  assert.deepEqual(splitForPushdown(parseExpression("upper(name) = 'X'")), {
    where: undefined,
    residual: parseExpression("upper(name) = 'X'"),
  });
});

Deno.test("expressions and geometry literals print as text that parses back to the same tree", async () => {
  const { expressionToString } = await import("./format.ts");
  const { ogcFilterToExpression } = await import("../filter/ogc.ts");
  const texts = [
    "a = 1 AND name LIKE 'B%' OR NOT (b IS NULL)",
    "CASE WHEN x > -1 THEN 'it''s' ELSE NULL END",
    "kind NOT IN ('a', 'b') AND pop BETWEEN 1 AND 2",
    '"x y" || upper(@layer_name) + 2 ^ 3',
    "$area > 5",
  ];
  for (const t of texts) {
    const e = parseExpression(t);
    assert.deepEqual(parseExpression(expressionToString(e)), e, t);
  }
  const spatial = ogcFilterToExpression(
    '<Filter xmlns="http://www.opengis.net/ogc" xmlns:gml="http://www.opengis.net/gml"><Intersects>' +
      "<PropertyName>g</PropertyName><gml:Polygon><gml:outerBoundaryIs><gml:LinearRing><gml:coordinates>" +
      "0,0 4,0 4,4 0,4 0,0</gml:coordinates></gml:LinearRing></gml:outerBoundaryIs></gml:Polygon></Intersects></Filter>",
  );
  const text = expressionToString(spatial);
  assert.match(text, /geom_from_wkt\('POLYGON \(\(0 0, 4 0/);
  const inside = {
    id: 1,
    attributes: {},
    geometry: { kind: "point" as const, parts: [[new Float64Array([1, 1])]] },
  };
  assert.equal(evaluate(parseExpression(text), { feature: inside }), 1);
  assert.deepEqual(
    evaluate(
      parseExpression(
        "geom_from_wkt('MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))')",
      ),
      {},
    ),
    {
      kind: "polygon",
      parts: [[new Float64Array([0, 0, 1, 0, 1, 1, 0, 0])], [
        new Float64Array([5, 5, 6, 5, 6, 6, 5, 5]),
      ]],
    },
  );
});

Deno.test("geometry predicates and measures over the shared model", async () => {
  await loadGeos(); // within and contains are GEOS's
  const sq = "geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))')";
  const holed =
    "geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))')";
  const cases: [string, unknown][] = [
    [`intersects(${sq}, make_point(5, 5))`, 1],
    [`intersects(${sq}, make_point(15, 5))`, 0],
    [`within(make_point(5, 5), ${sq})`, 1],
    [`contains(${sq}, make_point(5, 5))`, 1],
    [`contains(${holed}, make_point(5, 5))`, 0],
    [`intersects(${holed}, make_point(2, 2))`, 1],
    [`disjoint(${sq}, make_point(15, 5))`, 1],
    [
      `intersects(${sq}, geom_from_wkt('LINESTRING(-5 5, 15 5)'))`,
      1,
    ],
    [
      `within(geom_from_wkt('LINESTRING(1 1, 9 9)'), ${sq})`,
      1,
    ],
    [
      `within(geom_from_wkt('LINESTRING(1 1, 19 9)'), ${sq})`,
      0,
    ],
    [
      `intersects(geom_from_wkt('LINESTRING(0 0, 10 10)'), geom_from_wkt('LINESTRING(0 10, 10 0)'))`,
      1,
    ],
    [
      `intersects(geom_from_wkt('LINESTRING(0 0, 1 1)'), geom_from_wkt('LINESTRING(0 10, 10 9)'))`,
      0,
    ],
    [
      `intersects(${sq}, geom_from_wkt('POLYGON((20 20, 30 20, 30 30, 20 20))'))`,
      0,
    ],
    [
      `within(geom_from_wkt('POLYGON((1 1, 2 1, 2 2, 1 1))'), ${sq})`,
      1,
    ],
    [`area(${holed})`, 96],
    [`perimeter(${holed})`, 48],
    [`length(geom_from_wkt('LINESTRING(0 0, 3 4, 3 10)'))`, 11],
    [`num_points(${sq})`, 5],
    [`geometry_type(${sq})`, "Polygon"],
    [`x(make_point(3, 4))`, 3],
  ];
  for (const [text, want] of cases) assert.deepEqual(ev(text), want, text);
});

Deno.test("expressions nested or chained past the limits are syntax errors, not stack overflows", () => {
  const fails = (text: string, detail: RegExp) =>
    assert.throws(
      () => parseExpression(text),
      (e: Error) => e instanceof QgisSyntaxError && detail.test(e.message),
    );
  fails(
    "(".repeat(100_000) + "1" + ")".repeat(100_000),
    /nests deeper than 100 levels/,
  );
  fails("NOT ".repeat(100_000) + "true", /nests deeper than 100 levels/);
  fails("- ".repeat(100_000) + "1", /nests deeper than 100 levels/);
  fails(
    "lower(".repeat(5000) + "'a'" + ")".repeat(5000),
    /nests deeper than 100/,
  );
  fails(Array(100_000).fill("1").join(" + "), /deeper than 1000 levels/);
  fails(Array(100_000).fill('"a" = 1').join(" OR "), /deeper than 1000 levels/);
  // within the limits they parse, compile and evaluate
  const chain = Array(999).fill('"pop" = 1').join(" OR ");
  assert.equal(compileExpression(chain)({ feature }), 0);
  assert.equal(
    compileExpression("(".repeat(99) + "2" + ")".repeat(99))({ feature }),
    2,
  );
});

Deno.test("LIKE matches as its regular expression did, in time linear in the pattern's wildcards", async () => {
  const { likeMatch, likeToRegExp } = await import("./evaluate.ts");
  // the regular expression is the specification on short texts
  const pieces = ["a", "b", "A", "%", "_", "\\", "ä", "😀", "%a", "b_"];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 8;
  const word = (n: number) => {
    let s = "";
    for (let i = next() % n; i > 0; i--) s += pieces[next() % pieces.length];
    return s;
  };
  for (let k = 0; k < 50_000; k++) {
    const text = word(8).replaceAll("%", "").replaceAll("_", ""),
      pattern = word(6);
    for (const ci of [false, true]) {
      assert.equal(
        likeMatch(text, pattern, ci),
        likeToRegExp(pattern, ci).test(text),
        `${JSON.stringify(text)} ${ci ? "ILIKE" : "LIKE"} ${
          JSON.stringify(pattern)
        }`,
      );
    }
  }
  // `%a%a%a…%b` over 3,000 'a's: the regular expression backtracks
  // polynomially (hours); matched by hand it answers at once
  const text = "a".repeat(3000);
  const pattern = "%a".repeat(20) + "%b";
  const started = performance.now();
  assert.equal(
    evaluate(parseExpression(`"t" LIKE '${pattern}'`), {
      feature: { id: 1, attributes: { t: text }, geometry: null },
    }),
    0,
  );
  const ms = performance.now() - started;
  assert.ok(ms < 2000, `${ms.toFixed(0)} ms`);
});

Deno.test("array functions: string_to_array, array_foreach with @element, array_intersect, array_to_string", () => {
  const cases: [string, unknown][] = [
    ["string_to_array('a, b,,c', ',')", ["a", " b", null, "c"]],
    ["string_to_array('a-b', '-', 'b')", ["a", null]],
    ["array_foreach(string_to_array('a, b'), trim(@element))", ["a", "b"]],
    ["array_foreach(array(1, 2), @element * 10 + @counter)", [10, 21]],
    ["array_filter(array(1, 2, 3), @element > 1)", [2, 3]],
    ["array_intersect(array(1, 2), array(3, 2))", true],
    ["array_intersect(array('a'), array('b', 'c'))", false],
    ["array_to_string(array('a', NULL, 'c'), '; ', '?')", "a; ?; c"],
    ["array_to_string(string_to_array(\"name\", 'e'))", "B,rn"],
    ["array_find(array('a', 'b'), 'b')", 1],
    ["array_get(array('a', 'b'), -1)", "b"],
    ["array_first(array('a', 'b'))", "a"],
    ["array_last(array('a', 'b'))", "b"],
    ["array_length(string_to_array(NULL))", null],
    ["array_foreach(NULL, @element)", null],
  ];
  for (const [text, expected] of cases) {
    assert.deepEqual(ev(text), expected, text);
  }
  // a value that is no array is an evaluation error: NULL when compiled
  assert.equal(compileExpression("array_to_string('a')")(ctx), null);
});

Deno.test("truth values as QGIS 3.22 gives them: operators and spatial predicates 1 or 0, boolean functions and literals true or false", () => {
  // each text and value as QGIS 3.22's QgsExpression::evaluate gave it
  const cases: [string, unknown][] = [
    ["to_string(2 > 1)", "1"],
    ["(2 > 1) || 'x'", "1x"],
    ["concat(2 > 1, 'x')", "1x"],
    ["format('%1', 2 > 1)", "1"],
    ["array(2 > 1)", [1]],
    ["to_string(NOT false)", "1"],
    ["to_string(true OR false)", "1"],
    ["to_string(1 IS NOT NULL)", "1"],
    ["to_string(5 IN (5))", "1"],
    ["to_string('a' ~ 'a')", "1"],
    ["to_string(coalesce(2 > 1))", "1"],
    ["to_string(intersects(make_point(0,0), make_point(0,0)))", "1"],
    ["to_string(disjoint(make_point(0,0), make_point(1,0)))", "1"],
    [
      "to_string(contains(geom_from_wkt('POLYGON((0 0,2 0,2 2,0 2,0 0))'), make_point(1,1)))",
      "1",
    ],
    [
      "to_string(within(make_point(1,1), geom_from_wkt('POLYGON((0 0,2 0,2 2,0 2,0 0))')))",
      "1",
    ],
    ["to_string(bbox(make_point(0,0), make_point(0,0)))", "1"],
    ["to_string(true)", "true"],
    ["to_string(if(true, true, false))", "true"],
    ["to_string(array_contains(array(1), 1))", "true"],
    ["to_string(is_empty(make_point(0,0)))", "false"],
    ["to_string(is_empty_or_null(make_point(0,0)))", "false"],
    ["to_string(is_closed(geom_from_wkt('LINESTRING(0 0,1 1,0 0)')))", "true"],
  ];
  for (const [text, want] of cases) {
    assert.deepEqual(
      compileExpression(text)({
        feature: { id: 1, attributes: {}, geometry: null },
      }),
      want,
      text,
    );
  }
});

Deno.test("$area, $length and $perimeter measure with the measurer the variables carry (the project's ellipsoid), planar without", () => {
  const square: Feature = {
    id: 1,
    attributes: {},
    geometry: {
      kind: "polygon",
      parts: [[new Float64Array([0, 0, 2, 0, 2, 2, 0, 2, 0, 0])]],
    },
  };
  const seen: Feature[] = [];
  const measurer = {
    area: (_g: unknown, f?: Feature) => (f && seen.push(f), 2.5),
    length: () => 1.5,
    perimeter: () => 7,
  };
  const variables = withMeasurer({ layer_name: "towns" }, measurer);
  const ev = (text: string, v?: Record<string, unknown>) =>
    evaluate(parseExpression(text), { feature: square, variables: v });
  assert.equal(ev("$area", variables), 2.5);
  assert.equal(ev("$perimeter", variables), 7);
  assert.equal(ev("$length", variables), 1.5);
  assert.equal(seen[0], square);
  // area() stays planar in the map's units, as QGIS's area($geometry)
  assert.equal(ev("area($geometry)", variables), 4);
  assert.equal(ev("$area"), 4);
  assert.equal(ev("$perimeter", { layer_name: "towns" }), 8);
});
