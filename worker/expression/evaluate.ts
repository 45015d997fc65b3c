/**
 * Evaluates an {@link Expression} against a feature and variables with
 * QGIS's semantics (three-valued logic, NULL propagation, string/number
 * coercion).
 *
 * @module
 */
import { LruCache } from "../cache/lru.ts";
import type { BinaryOperator, Expression } from "./ast.ts";
import { ExpressionEvalError } from "./errors.ts";
import { compileRegExp } from "./regex.ts";
import { type ExpressionContext, lookupFunction } from "./functions.ts";
import { nullDefaults, omitNullDefaults } from "./arguments.ts";
import { chargeCall, checkTextLength } from "./budget.ts";
import {
  compareOperands,
  isNumberLike,
  operandsEqual,
  toNumber,
  toText,
  truth,
  tvl,
  unaryMinus,
} from "./values.ts";

export type { ExpressionContext };

const likeCache = new LruCache<string, RegExp>({
  maxEntries: 1000,
  maxBytes: 4 * 1024 * 1024,
  sizeOf: (key) => 64 + 10 * key.length,
});

type LikeToken = string | typeof ANY | typeof ONE;
const ANY = 0, ONE = 1;

// a pattern's tokens (case-folded for ILIKE), cached with the pattern's
// length counted, so that a cache of long patterns stays small
const likeTokens = new LruCache<string, LikeToken[]>({
  maxEntries: 1000,
  maxBytes: 4 * 1024 * 1024,
  sizeOf: (key) => 64 + 10 * key.length,
});

function tokensOf(pattern: string, fold: boolean): LikeToken[] {
  const key = `${fold ? "i" : "s"}${pattern}`;
  let tokens = likeTokens.get(key);
  if (tokens) return tokens;
  tokens = [];
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === "\\" && i + 1 < chars.length) {
      tokens.push(fold ? chars[++i].toLowerCase() : chars[++i]);
    } else if (c === "%") {
      if (tokens[tokens.length - 1] !== ANY) tokens.push(ANY);
    } else if (c === "_") tokens.push(ONE);
    else tokens.push(fold ? c.toLowerCase() : c);
  }
  likeTokens.set(key, tokens);
  return tokens;
}

/**
 * Whether `text` matches a LIKE pattern (`%` any run, `_` one character,
 * `\` escapes; ILIKE when `caseInsensitive`), in time proportional to
 * the text's length times the pattern's at worst: a regular expression
 * (`^.*a.*a.*a…$`) backtracks polynomially in the number of `%`, and a
 * filter's pattern is a job's input.
 *
 * @example
 * ```ts
 * import { likeMatch } from "./evaluate.ts";
 * likeMatch("Bern", "B%", false); // true
 * likeMatch("BERN", "b_rn", true); // true
 * ```
 */
export function likeMatch(
  text: string,
  pattern: string,
  caseInsensitive: boolean,
): boolean {
  const tokens = tokensOf(pattern, caseInsensitive);
  const chars = Array.from(text);
  const n = chars.length, m = tokens.length;
  const same = (t: LikeToken, c: string) =>
    t === ONE ||
    (typeof t === "string" &&
      (t === c || (caseInsensitive && t === c.toLowerCase())));
  // the classic wildcard walk: on a mismatch, go back only to the last `%`
  let i = 0, j = 0, star = -1, mark = 0;
  while (i < n) {
    if (j < m && tokens[j] !== ANY && same(tokens[j], chars[i])) {
      i++;
      j++;
    } else if (j < m && tokens[j] === ANY) {
      star = j++;
      mark = i;
    } else if (star !== -1) {
      j = star + 1;
      i = ++mark;
    } else return false;
  }
  while (j < m && tokens[j] === ANY) j++;
  return j === m;
}

/**
 * The regular expression a LIKE pattern stands for (`%` any run, `_` one
 * character, `\` escapes), matching the whole text.
 *
 * @example
 * ```ts
 * import { likeToRegExp } from "./evaluate.ts";
 * likeToRegExp("B%", false).test("Bern"); // true
 * ```
 */
export function likeToRegExp(
  pattern: string,
  caseInsensitive: boolean,
): RegExp {
  const key = `${caseInsensitive ? "i" : "s"}${pattern}`;
  let re = likeCache.get(key);
  if (!re) {
    let src = "";
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === "\\" && i + 1 < pattern.length) {
        src += pattern[++i].replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      } else if (c === "%") src += "[\\s\\S]*";
      else if (c === "_") src += "[\\s\\S]";
      else src += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    }
    re = new RegExp(`^${src}$`, caseInsensitive ? "iu" : "u");
    likeCache.set(key, re);
  }
  return re;
}

const equal = operandsEqual;

function arithmetic(op: BinaryOperator, a: unknown, b: unknown): unknown {
  if (op === "+" && typeof a === "string" && typeof b === "string") {
    checkTextLength(a.length + b.length, "operator +");
    return a + b;
  }
  if (a instanceof Date && (op === "+" || op === "-") && isNumberLike(b)) {
    return new Date(a.getTime() + (op === "+" ? 1 : -1) * toNumber(b) * 1000);
  }
  if (a instanceof Date && b instanceof Date && op === "-") {
    return (a.getTime() - b.getTime()) / 1000;
  }
  const x = toNumber(a), y = toNumber(b);
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      return y === 0 ? null : x / y;
    case "//":
      return y === 0 ? null : Math.floor(x / y);
    case "%":
      return y === 0 ? null : x % y;
    case "^":
      return x ** y;
  }
  throw new ExpressionEvalError(`Cannot evaluate operator ${op}`);
}

function binary(
  op: BinaryOperator,
  left: Expression,
  right: Expression,
  ctx: ExpressionContext,
): unknown {
  if (op === "AND") {
    const a = truth(evaluate(left, ctx));
    if (a === false) return 0;
    const b = truth(evaluate(right, ctx));
    if (b === false) return 0;
    return a === null || b === null ? null : 1;
  }
  if (op === "OR") {
    const a = truth(evaluate(left, ctx));
    if (a === true) return 1;
    const b = truth(evaluate(right, ctx));
    if (b === true) return 1;
    return a === null || b === null ? null : 0;
  }
  return applyBinary(op, evaluate(left, ctx), evaluate(right, ctx));
}

/**
 * Applies a binary operator other than AND/OR (which short-circuit) to two
 * evaluated operands.
 *
 * @example
 * ```ts
 * import { applyBinary } from "./evaluate.ts";
 * applyBinary("||", "a", null); // null
 * ```
 */
export function applyBinary(
  op: BinaryOperator,
  a: unknown,
  b: unknown,
): unknown {
  if (op === "IS") return tvl(a === null || b === null ? a === b : equal(a, b));
  if (op === "IS NOT") {
    return tvl(a === null || b === null ? a !== b : !equal(a, b));
  }
  if (a === null || b === null) return null;
  switch (op) {
    case "=":
      return tvl(equal(a, b));
    case "<>":
      return tvl(!equal(a, b));
    case "<":
      return tvl(compareOperands(a, b) < 0);
    case ">":
      return tvl(compareOperands(a, b) > 0);
    case "<=":
      return tvl(compareOperands(a, b) <= 0);
    case ">=":
      return tvl(compareOperands(a, b) >= 0);
    case "~":
      return tvl(compileRegExp(toText(b)).test(toText(a)));
    case "LIKE":
    case "NOT LIKE":
    case "ILIKE":
    case "NOT ILIKE": {
      const m = likeMatch(toText(a), toText(b), op.includes("ILIKE"));
      return tvl(op.startsWith("NOT") ? !m : m);
    }
    case "||": {
      const x = toText(a), y = toText(b);
      checkTextLength(x.length + y.length, "operator ||");
      return x + y;
    }
    default:
      return arithmetic(op, a, b);
  }
}

/**
 * Evaluates an expression.
 *
 * @throws {ExpressionEvalError} on what QGIS reports as an evaluation error
 *   (a text that does not convert to a number …).
 * @example
 * ```ts
 * import { evaluate } from "./evaluate.ts";
 * import { parseExpression } from "./parser.ts";
 * evaluate(parseExpression("1 + 2 * 3"), {}); // 7
 * ```
 */
export function evaluate(e: Expression, ctx: ExpressionContext): unknown {
  switch (e.type) {
    case "literal":
      return e.value;
    case "geometry":
      return e.value;
    case "column": {
      const attrs = ctx.feature?.attributes;
      if (!attrs) return null;
      if (e.name in attrs) return attrs[e.name] ?? null;
      // QGIS resolves field names case-insensitively when no exact match exists
      const lower = e.name.toLowerCase();
      for (const k in attrs) {
        if (k.toLowerCase() === lower) return attrs[k] ?? null;
      }
      return null;
    }
    case "variable": {
      const v = ctx.variables?.[e.name];
      return v === undefined ? null : v;
    }
    case "unary": {
      const v = evaluate(e.operand, ctx);
      if (e.op === "NOT") {
        const t = truth(v);
        return t === null ? null : tvl(!t);
      }
      if (v === null) return null;
      return e.op === "-" ? unaryMinus(v) : v;
    }
    case "binary":
      return binary(e.op, e.left, e.right, ctx);
    case "in": {
      const v = evaluate(e.operand, ctx);
      if (v === null) return null;
      let sawNull = false;
      for (const item of e.list) {
        const x = evaluate(item, ctx);
        if (x === null) sawNull = true;
        else if (equal(v, x)) return tvl(!e.negated);
      }
      return sawNull ? null : tvl(e.negated);
    }
    case "between": {
      const v = evaluate(e.operand, ctx);
      const lo = evaluate(e.low, ctx);
      const hi = evaluate(e.high, ctx);
      if (v === null || lo === null || hi === null) return null;
      const inside = compareOperands(v, lo) >= 0 && compareOperands(v, hi) <= 0;
      return tvl(e.negated ? !inside : inside);
    }
    case "case":
      for (const w of e.whens) {
        if (truth(evaluate(w.when, ctx)) === true) return evaluate(w.then, ctx);
      }
      return e.else ? evaluate(e.else, ctx) : null;
    case "index": {
      const t = evaluate(e.target, ctx);
      const i = evaluate(e.index, ctx);
      if (t === null || i === null) return null;
      if (Array.isArray(t)) {
        const k = toNumber(i);
        return t[k < 0 ? t.length + k : k] ?? null;
      }
      if (typeof t === "object") {
        return (t as Record<string, unknown>)[toText(i)] ?? null;
      }
      return null;
    }
    case "function": {
      const fn = lookupFunction(e.name)!;
      if (fn.lazy) {
        const out = fn.lazy(
          e.args,
          (a, variables) =>
            evaluate(
              a,
              variables
                ? { ...ctx, variables: { ...ctx.variables, ...variables } }
                : ctx,
            ),
          ctx,
        );
        chargeCall(fn.name, [], out);
        return out;
      }
      const slots = nullDefaults(fn.name);
      const values = e.args.map((a) => evaluate(a, ctx));
      if (fn.nullPropagates && values.some((a, i) => a === null && !slots[i])) {
        return null;
      }
      const args = omitNullDefaults(values, slots);
      const out = fn.fn!(args, ctx);
      chargeCall(fn.name, args, out);
      return out;
    }
  }
}

/**
 * The fields an expression reads, or `"all"` when it can read any
 * (`attribute()` with a computed name).
 *
 * @example
 * ```ts
 * import { referencedColumns } from "./evaluate.ts";
 * import { parseExpression } from "./parser.ts";
 * referencedColumns(parseExpression('"a" + b')); // Set { "a", "b" }
 * ```
 */
export function referencedColumns(e: Expression): Set<string> | "all" {
  const out = new Set<string>();
  let all = false;
  const walk = (n: Expression): void => {
    switch (n.type) {
      case "column":
        out.add(n.name);
        return;
      case "unary":
        return walk(n.operand);
      case "binary":
        walk(n.left);
        return walk(n.right);
      case "in":
        walk(n.operand);
        return n.list.forEach(walk);
      case "between":
        walk(n.operand);
        walk(n.low);
        return walk(n.high);
      case "case":
        n.whens.forEach((w) => (walk(w.when), walk(w.then)));
        if (n.else) walk(n.else);
        return;
      case "index":
        walk(n.target);
        return walk(n.index);
      case "function":
        if (n.name === "attribute") {
          const name = n.args[n.args.length - 1];
          if (name.type === "literal" && typeof name.value === "string") {
            out.add(name.value);
          } else all = true;
        }
        return n.args.forEach(walk);
    }
  };
  walk(e);
  return all ? "all" : out;
}
