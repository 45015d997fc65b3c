import assert from "node:assert/strict";
import { compileExpression } from "./compile.ts";
import {
  armExpressionBudget,
  disarmExpressionBudget,
  ExpressionLimitError,
} from "./budget.ts";
import { type LookupLayer, withLayerLookup } from "./layers.ts";
import type { Feature } from "../geometry/types.ts";

// a layer of n features: id i, pop i, kind 'a' or 'b'
function layerOf(n: number): LookupLayer {
  const features: Feature[] = [];
  for (let i = 1; i <= n; i++) {
    features.push({
      id: i,
      attributes: { pop: i, kind: i % 2 ? "a" : "b" },
      geometry: null,
    });
  }
  return { features, fields: ["pop", "kind"] };
}

function each(text: string, layer: LookupLayer): unknown[] {
  const fn = compileExpression(text);
  const variables = withLayerLookup({ layer: "big" }, {
    layer: (name) => name === "big" ? layer : undefined,
  });
  return layer.features.map((feature) => fn({ feature, variables }));
}

Deno.test("aggregates: a result that cannot depend on the feature is computed once per layer; one that can is charged as a loop over the layer", () => {
  const layer = layerOf(2000);
  // 2000 features × 2000 evaluations each would be 4 billion units
  armExpressionBudget(1_000_000_000);
  try {
    const shares = each(`"pop" / maximum("pop")`, layer);
    assert.equal(shares[1999], 1);
    assert.deepEqual(each(`sum("pop", group_by:="kind")`, layer).slice(0, 2), [
      1000000,
      1001000,
    ]);
    assert.throws(
      () =>
        each(`sum("pop", filter:="pop" < attribute(@parent, 'pop'))`, layer),
      ExpressionLimitError,
    );
  } finally {
    disarmExpressionBudget();
  }
  // unarmed, the same answers as QGIS's: the sum of the smaller ones
  assert.deepEqual(
    each(`sum("pop", filter:="pop" < attribute(@parent, 'pop'))`, layerOf(4)),
    [0, 1, 3, 6],
  );
});

Deno.test("get_feature finds by an index: the first feature of a value, numbers and number-like texts alike", () => {
  const layer = layerOf(5);
  const at = (text: string) =>
    compileExpression(text)({
      variables: withLayerLookup({}, { layer: () => layer }),
    });
  assert.equal(at("attribute(get_feature('big', 'kind', 'b'), 'pop')"), 2);
  assert.equal(at("attribute(get_feature('big', 'pop', '3'), 'kind')"), "a");
  assert.equal(at("attribute(get_feature('big', 'pop', 3.0), 'kind')"), "a");
  assert.equal(at("get_feature('big', 'pop', 'x')"), null);
  assert.equal(at("attribute(get_feature_by_id('big', 4), 'kind')"), "b");
  // no lookup at all (an evaluation outside a job): NULL
  assert.equal(
    compileExpression("get_feature('big', 'pop', 1)")({}),
    null,
  );
});

Deno.test("aggregates: min_length and max_length over 200,000 values, not a stack overflow", () => {
  const layer = layerOf(200_000);
  const fn = compileExpression(
    `aggregate('big', 'max_length', to_string("pop")) || ',' || aggregate('big', 'min_length', "kind")`,
  );
  const variables = withLayerLookup({}, {
    layer: (name) => name === "big" ? layer : undefined,
  });
  // before: Math.max(...lengths) with 200,000 arguments overflowed the stack
  assert.equal(fn({ feature: layer.features[0], variables }), "6,1");
});
