import assert from "node:assert/strict";
import { prettyBreaks } from "./pretty_breaks.ts";

Deno.test("prettyBreaks: QGIS 3.22's breaks (QgsSymbolLayerUtils::prettyBreaks, measured)", () => {
  // each pair measured with QGIS 3.22's Python bindings
  const cases: [number, number, number[]][] = [
    [0, 59, [20, 40, 59]],
    [0, 100, [20, 40, 60, 80, 100]],
    [3, 17, [5, 10, 15, 17]],
    [0, 1, [0.2, 0.4, 0.6000000000000001, 0.8, 1]],
    [10, 11, [10.2, 10.4, 10.6, 10.8, 11]],
    [-5, 5, [-4, -2, 0, 2, 4, 5]],
    [0, 0, []],
    [12, 12, [12]],
    [0.5, 0.9, [0.6, 0.7, 0.8, 0.9]],
    [-3, -1, [-2.5, -2, -1.5, -1]],
    [0, 0.003, [0.001, 0.002, 0.003]],
  ];
  for (const [min, max, expected] of cases) {
    assert.deepEqual(prettyBreaks(min, max, 4), expected, `${min}..${max}`);
  }
});
