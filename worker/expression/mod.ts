/**
 * QGIS expressions: a parser and an evaluator with QGIS's semantics, and
 * push-down of what OGR SQL can say.
 *
 * @example
 * ```ts
 * import { compileExpression } from "./mod.ts";
 * const label = compileExpression("upper(name) || ' (' || pop || ')'");
 * label({ feature: { id: 1, attributes: { name: "Bern", pop: 134 }, geometry: null } }); // "BERN (134)"
 * ```
 *
 * @module
 */
export type { BinaryOperator, Expression } from "./ast.ts";
export {
  ExpressionEvalError,
  ExpressionUnsupportedError,
  noteUnsupported,
  QgisSyntaxError,
  takeUnsupportedNotes,
} from "./errors.ts";
export { parseExpression } from "./parser.ts";
export {
  type CompiledExpression,
  compileExpression,
  compileTree,
  type Evaluator,
} from "./compile.ts";
export {
  applyBinary,
  evaluate,
  type ExpressionContext,
  likeMatch,
  likeToRegExp,
  referencedColumns,
} from "./evaluate.ts";
export { type PushdownSplit, splitForPushdown, toOgrSql } from "./sql.ts";
export { isTruthy, truth } from "./values.ts";
export { type Measurer, measurerOf, withMeasurer } from "./measurer.ts";
export { functionNames, lookupFunction } from "./functions.ts";
export { expressionToString, geometryToWkt } from "./format.ts";
export { parseWkt } from "./wkt.ts";
export {
  type LayerLookup,
  layerLookupOf,
  type LookupLayer,
  withLayerLookup,
} from "./layers.ts";
