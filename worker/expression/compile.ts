/**
 * Compiles an expression tree into nested JavaScript closures: the same
 * semantics as {@link evaluate}, without re-dispatching on node types for
 * every feature.
 *
 * @module
 */
import { LruCache } from "../cache/lru.ts";
import type { Expression } from "./ast.ts";
import {
  ExpressionEvalError,
  ExpressionUnsupportedError,
  noteUnsupported,
} from "./errors.ts";
import { applyBinary, evaluate, type ExpressionContext } from "./evaluate.ts";
import { lookupFunction } from "./functions.ts";
import { chargeCall } from "./budget.ts";
import { nullDefaults, omitNullDefaults } from "./arguments.ts";
import { parseExpression } from "./parser.ts";
import {
  compareOperands,
  operandsEqual,
  truth,
  tvl,
  unaryMinus,
} from "./values.ts";
import { registerHeld } from "../cache/held.ts";

/** An evaluator of one tree (throws evaluation errors). */
export type Evaluator = (ctx: ExpressionContext) => unknown;

function column(name: string): Evaluator {
  const lower = name.toLowerCase();
  return (ctx) => {
    const attrs = ctx.feature?.attributes;
    if (!attrs) return null;
    const v = attrs[name];
    if (v !== undefined) return v;
    if (name in attrs) return null;
    // QGIS resolves field names case-insensitively when no exact match exists
    for (const k in attrs) {
      if (k.toLowerCase() === lower) return attrs[k] ?? null;
    }
    return null;
  };
}

/**
 * The closure evaluating a tree, equal in result to `evaluate(e, ctx)`.
 *
 * @example
 * ```ts
 * import { compileTree } from "./compile.ts";
 * import { parseExpression } from "./parser.ts";
 * compileTree(parseExpression("1 + 2 * 3"))({}); // 7
 * ```
 */
export function compileTree(e: Expression): Evaluator {
  switch (e.type) {
    case "literal":
    case "geometry": {
      const v = e.value;
      return () => v;
    }
    case "column":
      return column(e.name);
    case "variable": {
      const name = e.name;
      return (ctx) => {
        const v = ctx.variables?.[name];
        return v === undefined ? null : v;
      };
    }
    case "unary": {
      const f = compileTree(e.operand);
      if (e.op === "NOT") {
        return (ctx) => {
          const t = truth(f(ctx));
          return t === null ? null : tvl(!t);
        };
      }
      if (e.op === "+") return f;
      return (ctx) => {
        const v = f(ctx);
        return v === null ? null : unaryMinus(v);
      };
    }
    case "binary": {
      const l = compileTree(e.left), r = compileTree(e.right);
      const op = e.op;
      if (op === "AND") {
        return (ctx) => {
          const a = truth(l(ctx));
          if (a === false) return 0;
          const b = truth(r(ctx));
          if (b === false) return 0;
          return a === null || b === null ? null : 1;
        };
      }
      if (op === "OR") {
        return (ctx) => {
          const a = truth(l(ctx));
          if (a === true) return 1;
          const b = truth(r(ctx));
          if (b === true) return 1;
          return a === null || b === null ? null : 0;
        };
      }
      return (ctx) => applyBinary(op, l(ctx), r(ctx));
    }
    case "in": {
      const f = compileTree(e.operand);
      const items = e.list.map(compileTree);
      const negated = e.negated;
      return (ctx) => {
        const v = f(ctx);
        if (v === null) return null;
        let sawNull = false;
        for (const item of items) {
          const x = item(ctx);
          if (x === null) sawNull = true;
          else if (operandsEqual(v, x)) return tvl(!negated);
        }
        return sawNull ? null : tvl(negated);
      };
    }
    case "between": {
      const f = compileTree(e.operand);
      const lo = compileTree(e.low), hi = compileTree(e.high);
      const negated = e.negated;
      return (ctx) => {
        const v = f(ctx), a = lo(ctx), b = hi(ctx);
        if (v === null || a === null || b === null) return null;
        const inside = compareOperands(v, a) >= 0 && compareOperands(v, b) <= 0;
        return tvl(negated ? !inside : inside);
      };
    }
    case "case": {
      const whens = e.whens.map((w) => ({
        when: compileTree(w.when),
        then: compileTree(w.then),
      }));
      const otherwise = e.else ? compileTree(e.else) : null;
      return (ctx) => {
        for (const w of whens) {
          if (truth(w.when(ctx)) === true) return w.then(ctx);
        }
        return otherwise ? otherwise(ctx) : null;
      };
    }
    case "function": {
      const fn = lookupFunction(e.name)!;
      const src = e.args;
      const args = src.map(compileTree);
      if (fn.lazy) {
        const lazy = fn.lazy;
        const name = fn.name;
        return (ctx) => {
          const out = lazy(src, (a, variables) => {
            if (variables) {
              return evaluate(a, {
                ...ctx,
                variables: { ...ctx.variables, ...variables },
              });
            }
            const i = src.indexOf(a);
            return i >= 0 ? args[i](ctx) : evaluate(a, ctx);
          }, ctx);
          chargeCall(name, [], out);
          return out;
        };
      }
      const call = fn.fn!;
      const name = fn.name;
      const nullPropagates = fn.nullPropagates;
      const slots = nullDefaults(name);
      const anyNullSlot = slots.some((s, i) => s && i < args.length);
      return (ctx) => {
        let values = new Array(args.length);
        let sawNull = false;
        for (let i = 0; i < args.length; i++) {
          const v = args[i](ctx);
          if (v === null && !slots[i]) sawNull = true;
          values[i] = v;
        }
        if (nullPropagates && sawNull) return null;
        if (anyNullSlot) values = omitNullDefaults(values, slots);
        const out = call(values, ctx);
        chargeCall(name, values, out);
        return out;
      };
    }
    default:
      return (ctx) => evaluate(e, ctx);
  }
}

/** A compiled expression: evaluates to a value, NULL on an evaluation error (as QGIS). */
export type CompiledExpression = (ctx: ExpressionContext) => unknown;

// Compiled expressions by text, bounded by bytes too: a style can carry
// expressions of megabytes (a tree and closures of some 40 bytes a character).
const compiled = new LruCache<string, CompiledExpression>({
  maxEntries: 5000,
  maxBytes: 16 * 1024 * 1024,
  sizeOf: (text) => 256 + 40 * text.length,
});
registerHeld("expression.compiled", () => compiled.bytes);

/**
 * Parses once (cached by text) and returns an evaluator that yields NULL
 * where QGIS would report an evaluation error.
 *
 * @throws {QgisSyntaxError} when the text does not parse.
 * @example
 * ```ts
 * import { compileExpression } from "./compile.ts";
 * const big = compileExpression('"pop" > 1000');
 * big({ feature: { id: 1, attributes: { pop: 5000 }, geometry: null } }); // 1 (QGIS's integer truth value)
 * ```
 */
export function compileExpression(text: string): CompiledExpression {
  let fn = compiled.get(text);
  if (!fn) {
    const run = compileTree(parseExpression(text));
    fn = (ctx) => {
      try {
        return run(ctx);
      } catch (e) {
        if (e instanceof ExpressionUnsupportedError) noteUnsupported(e.message);
        if (e instanceof ExpressionEvalError) {
          ctx.onEvalError?.(e.message);
          return null;
        }
        throw e;
      }
    };
    compiled.set(text, fn);
  }
  return fn;
}
