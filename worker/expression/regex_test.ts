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

Deno.test("compileRegExp: a group repeated past V8's linear engine (counts multiplying past 16) is refused naming the repetition", () => {
  // before: (.*a){25}x over 30,000 'a's ran in V8's backtracking engine,
  // which the linear engine cannot relieve: a worker never answered again
  for (
    const [p, what] of [
      ["(.*a){25}x", "a repetition {25} of a group"],
      ["(ab){17}", "a repetition {17} of a group"],
      ["(?:a|b){3,17}", "a repetition {3,17} of a group"],
      ["(a{4}){5}", "a repetition {5} of a group holding repetitions"],
      ["((a{10}){10}){10}", "a repetition {10} of a group holding repetitions"],
      ["a{1001}", "a repetition {1001} of more than 1000"],
    ]
  ) {
    assert.throws(
      () => compileRegExp(p),
      (e: Error) =>
        e instanceof ExpressionEvalError &&
        e.message.startsWith(
          `Cannot evaluate regular expression '${p}': it uses ${what}`,
        ),
      p,
    );
  }
});

Deno.test("compileRegExp: a counted repetition of one character, escape or class is written out and matches as V8's own", () => {
  const patterns = [
    "\\d{20}",
    "^[a-c]{2,20}$",
    "(x[a-c]{2,20}?)(y{17,})",
    "[^a]{3,30}",
    "b{17,}?c",
    "[\\]a]{18}",
    "(?<n>\\u0061{17,18})",
    "(?:q\\d{20}){3}",
    "x{0}y{1}z{16}",
  ];
  const alphabet = ["a", "b", "c", "x", "y", "q", "1", "]", "-"];
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 8;
  for (const p of patterns) {
    const ours = compileRegExp(p, "g");
    const v8 = new RegExp(p, "g");
    for (let k = 0; k < 2000; k++) {
      let s = "";
      for (let n = next() % 90; n > 0; n--) {
        // runs, so the counts are reached
        s += alphabet[next() % alphabet.length].repeat(1 + next() % 25);
      }
      assert.deepEqual(
        [...s.matchAll(ours)].map((m) => [m.index, ...m]),
        [...s.matchAll(v8)].map((m) => [m.index, ...m]),
        `${p} on ${s}`,
      );
    }
  }
});

Deno.test("compileRegExp: every pattern it compiles is one V8's linear-time engine takes (V8's own verdict, --enable-experimental-regexp-engine)", async () => {
  const patterns = [
    "(a+)+$",
    "(.*a){16}x",
    "(a*)*b",
    "\\d{20}",
    "[a-z]{2,40}",
    "x{17,}",
    "((a+)+)+",
    "(a{4}){4}",
    "(?:x\\d{20}){3}",
    "[\\]a]{30}",
    "a{30,}?",
    "(?<n>a{2}){8}",
    "\\p{L}{20}",
    "\\u{1F600}{3}",
    "^(\\d{3}-){4}\\d{25}$",
  ];
  const sources = patterns.map((p) => compileRegExp(p).source);
  const script = `for (const s of ${
    JSON.stringify(sources)
  }) { try { new RegExp(s, "l"); console.log("ok"); } catch (e) { console.log(e.message); } }`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      "--v8-flags=--enable-experimental-regexp-engine",
      script,
    ],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  const verdicts = new TextDecoder().decode(out.stdout).trim().split("\n");
  assert.deepEqual(
    verdicts.map((v, i) => `${patterns[i]}: ${v}`),
    patterns.map((p) => `${p}: ok`),
  );
});
