/**
 * Comparisons, truth values and unary operators against QGIS 3.22's values
 * (testdata/qgis_operators.json, written by testdata/qgis_operators.py): how
 * QGIS mixes texts, numbers, booleans and dates, for the interpreter and the
 * compiled closures alike.
 */
import assert from "node:assert/strict";
import { compileExpression, evaluate, parseExpression } from "./mod.ts";
import type { Feature } from "../geometry/types.ts";

interface Entry {
  expression: string;
  value?: unknown;
  error?: true;
}

const golden: Entry[] = JSON.parse(
  await Deno.readTextFile(
    new URL("./testdata/qgis_operators.json", import.meta.url),
  ),
);

// the feature of qgis_operators.py, fields typed as a provider gives them
const feature: Feature = {
  id: 1,
  attributes: { flag: true, code: "10", ratio: 0.4, n: 0 },
  geometry: null,
};

function interpreted(text: string): unknown {
  try {
    return evaluate(parseExpression(text), { feature });
  } catch (e) {
    if ((e as Error).name === "ExpressionEvalError") return null;
    throw e;
  }
}

Deno.test("operators and truth values are QGIS 3.22's", () => {
  assert.ok(golden.length >= 100);
  const wrong: string[] = [];
  for (const { expression, value, error } of golden) {
    // an evaluation error is NULL for the whole expression; QGIS's integer
    // results of arithmetic on booleans are doubles (2.0), equal as numbers;
    // its booleans (lists compared, unary plus) are our 1/0 or the value
    const want = error ? null : value;
    for (
      const [how, got] of [
        ["interpreted", interpreted(expression)],
        ["compiled", compileExpression(expression)({ feature })],
      ] as const
    ) {
      const same = got === want ||
        (typeof want === "boolean" && got === (want ? 1 : 0)) ||
        (typeof want === "boolean" && got === want);
      if (!same) {
        wrong.push(
          `${how} ${expression}: ${JSON.stringify(got)}, QGIS ${
            JSON.stringify(want)
          }`,
        );
      }
    }
  }
  assert.deepEqual(wrong, []);
});
