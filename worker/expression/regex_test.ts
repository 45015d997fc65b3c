import assert from "node:assert/strict";
import { compileRegExp } from "./regex.ts";
import { ExpressionEvalError } from "./errors.ts";
import { compileExpression } from "./compile.ts";

Deno.test("compileRegExp: no u flag, so V8's linear engine can take over a pattern that backtracks too much", () => {
  for (const p of ["^(a+)+$", "\\p{L}", "[\\P{N}x]", "\\u{1F600}"]) {
    const re = compileRegExp(p);
    assert.ok(!re.unicode && !re.unicodeSets, p);
  }
  assert.equal(compileRegExp("a", "g").flags, "g");
});

Deno.test("compileRegExp: Unicode property escapes match the BMP code points they name, in and out of classes", () => {
  assert.equal(compileRegExp("^\\p{Lu}\\p{Ll}+$").test("Éric"), true);
  assert.equal(compileRegExp("^\\p{Lu}").test("éric"), false);
  assert.equal(compileRegExp("[\\p{L}\\d]+").exec("-Zürich2!")?.[0], "Zürich2");
  assert.equal(compileRegExp("\\P{L}+").exec("ab12c")?.[0], "12");
  assert.equal(compileRegExp("[^\\p{N}]+").exec("12ab3")?.[0], "ab");
  assert.equal(compileRegExp("\\p{Script=Greek}+").exec("x αβγ y")?.[0], "αβγ");
  // \u{…}: a code unit, or an astral character's surrogate pair as a unit
  assert.equal(compileRegExp("^\\u{e9}$").test("é"), true);
  assert.equal(compileRegExp("^\\u{1F600}+$").test("😀😀"), true);
  // named groups stay
  assert.equal(compileRegExp("(?<n>\\d+)").exec("ab12")?.groups?.n, "12");
});

Deno.test("compileRegExp: backreferences and lookarounds are refused naming them; invalid patterns name V8's cause", () => {
  for (
    const [p, what] of [
      ["(a*)*\\1$", "a backreference"],
      ["(?<x>a)\\k<x>", "a backreference"],
      ["(?=(a+)+$)", "a lookaround"],
      ["a(?!b)", "a lookaround"],
      ["(?<=a)b", "a lookaround"],
      ["(?<!a)b", "a lookaround"],
    ]
  ) {
    assert.throws(
      () => compileRegExp(p),
      (e: unknown) =>
        e instanceof ExpressionEvalError &&
        e.message ===
          `Cannot evaluate regular expression '${p}': it uses ${what}, which is not supported (it can backtrack for ever)`,
      p,
    );
  }
  // in a class, \1 and (?= are characters, not constructs
  assert.equal(compileRegExp("[(?=]+").exec("x(?=y")?.[0], "(?=");
  assert.throws(
    () => compileRegExp("(((("),
    /^ExpressionEvalError: Cannot evaluate regular expression '\(\(\(\(': Unterminated group$/,
  );
  assert.throws(
    () => compileRegExp("\\p{Nope}"),
    /^ExpressionEvalError: Cannot evaluate regular expression '\\p\{Nope\}': Invalid property name$/,
  );
  // a long pattern is quoted cut
  assert.throws(
    () => compileRegExp("(".repeat(5000)),
    (e: unknown) => (e as Error).message.length < 300,
  );
});

Deno.test("regexp_match, regexp_replace, regexp_substr and ~ use it: a lookaround is an evaluation error (null), as QGIS's evaluation errors are", () => {
  const run = (text: string) =>
    compileExpression(text)({
      feature: { id: 1, attributes: { name: "Zürich" }, geometry: null },
    });
  assert.equal(run(`regexp_match("name", '\\\\p{Ll}+$')`), 2);
  assert.equal(run(`regexp_replace("name", '\\\\p{Ll}', '_')`), "Z_____");
  assert.equal(run(`regexp_substr("name", '(\\\\p{Ll}{2})')`), "ür");
  assert.equal(run(`"name" ~ '^\\\\p{Lu}'`), 1);
  assert.equal(run(`regexp_match("name", '(?=Z)')`), null);
  assert.equal(run(`"name" ~ '(a)\\\\1'`), null);
});
