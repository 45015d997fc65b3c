/**
 * The QGIS expression parser: text → {@link Expression}, with QGIS's
 * operator precedence (qgsexpressionparser.yy): OR < AND < NOT <
 * comparisons (=, <>, <, >, <=, >=, ~, LIKE, ILIKE, IS, IN, BETWEEN) < + - <
 * * / // % < ^ < || < unary minus < index.
 *
 * @module
 */
import type { BinaryOperator, Expression } from "./ast.ts";
import { QgisSyntaxError } from "./errors.ts";
import { lookupFunction } from "./functions.ts";
import { placeArguments, type WrittenArgument } from "./arguments.ts";

type TokenType =
  | "number"
  | "string"
  | "ident"
  | "quoted"
  | "variable"
  | "op"
  | "eof";

interface Token {
  type: TokenType;
  text: string;
  value?: string | number;
  pos: number;
}

const KEYWORDS = new Set([
  "AND",
  "OR",
  "NOT",
  "LIKE",
  "ILIKE",
  "IS",
  "IN",
  "BETWEEN",
  "CASE",
  "WHEN",
  "THEN",
  "ELSE",
  "END",
  "NULL",
  "TRUE",
  "FALSE",
]);

const OPERATORS = [
  ":=",
  "//",
  "||",
  "<=",
  ">=",
  "<>",
  "!=",
  "==",
  "+",
  "-",
  "*",
  "/",
  "%",
  "^",
  "=",
  "<",
  ">",
  "~",
  "(",
  ")",
  ",",
  "[",
  "]",
];

function position(text: string, pos: number): [number, number] {
  let line = 1;
  let col = 1;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      col = 1;
    } else col++;
  }
  return [line, col];
}

function syntaxError(
  text: string,
  pos: number,
  detail: string,
): QgisSyntaxError {
  const [line, column] = position(text, pos);
  return new QgisSyntaxError(
    `Cannot parse expression: ${detail} (line ${line}, column ${column})`,
    line,
    column,
  );
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "-" && text[i + 1] === "-") {
      while (i < n && text[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) throw syntaxError(text, i, "unterminated comment");
      i = end + 2;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(text[i + 1] ?? ""))) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i))!;
      i += m[0].length;
      tokens.push({
        type: "number",
        text: m[0],
        value: Number(m[0]),
        pos: start,
      });
      continue;
    }
    if (c === "'" || c === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= n) {
          throw syntaxError(
            text,
            start,
            `unterminated ${c === "'" ? "string" : "name"}`,
          );
        }
        const d = text[i];
        if (d === c) {
          if (text[i + 1] === c) {
            value += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (d === "\\" && c === "'" && i + 1 < n) {
          const e = text[i + 1];
          value += e === "n" ? "\n" : e === "t" ? "\t" : e;
          i += 2;
          continue;
        }
        value += d;
        i++;
      }
      tokens.push({
        type: c === "'" ? "string" : "quoted",
        text: text.slice(start, i),
        value,
        pos: start,
      });
      continue;
    }
    if (c === "@") {
      const m = /^@([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i));
      if (!m) throw syntaxError(text, i, "'@' without a variable name");
      i += m[0].length;
      tokens.push({ type: "variable", text: m[0], value: m[1], pos: start });
      continue;
    }
    const ident = /^[$A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_\u00C0-\uFFFF]*/.exec(
      text.slice(i),
    );
    if (ident) {
      i += ident[0].length;
      tokens.push({ type: "ident", text: ident[0], pos: start });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) throw syntaxError(text, i, `unexpected character '${c}'`);
    i += op.length;
    tokens.push({ type: "op", text: op, pos: start });
  }
  tokens.push({ type: "eof", text: "", pos: n });
  return tokens;
}

/**
 * Deepest nesting the parser follows (parentheses, function arguments,
 * `NOT`, signs, `^`): it recurses along them.
 */
export const MAX_EXPRESSION_NESTING = 100;

/**
 * Deepest syntax tree an expression may have: what compiles and evaluates
 * it recurses along the tree (a chain `a OR b OR c …` is as deep as it is
 * long).
 */
export const MAX_EXPRESSION_DEPTH = 1000;

class Parser {
  #t: Token[];
  #i = 0;
  #nesting = 0;
  constructor(readonly text: string) {
    this.#t = tokenize(text);
  }
  // runs a step that recurses, refusing to nest past the limit
  nested<T>(step: () => T): T {
    if (++this.#nesting > MAX_EXPRESSION_NESTING) {
      throw this.error(
        `the expression nests deeper than ${MAX_EXPRESSION_NESTING} levels`,
      );
    }
    try {
      return step();
    } finally {
      this.#nesting--;
    }
  }
  get peek(): Token {
    return this.#t[this.#i];
  }
  next(): Token {
    return this.#t[this.#i++];
  }
  isKeyword(word: string, offset = 0): boolean {
    const t = this.#t[this.#i + offset];
    return t?.type === "ident" && t.text.toUpperCase() === word;
  }
  isOp(op: string): boolean {
    return this.peek.type === "op" && this.peek.text === op;
  }
  eatKeyword(word: string): boolean {
    if (this.isKeyword(word)) {
      this.#i++;
      return true;
    }
    return false;
  }
  expectKeyword(word: string): void {
    if (!this.eatKeyword(word)) throw this.error(`expected ${word}`);
  }
  expectOp(op: string): void {
    if (!this.isOp(op)) throw this.error(`expected '${op}'`);
    this.#i++;
  }
  error(detail: string, token: Token = this.peek): QgisSyntaxError {
    const found = token.type === "eof"
      ? "end of expression"
      : `'${token.text}'`;
    return syntaxError(this.text, token.pos, `${detail}, found ${found}`);
  }

  parse(): Expression {
    if (this.peek.type === "eof") throw this.error("empty expression");
    const e = this.or();
    const rest: Token = this.peek;
    if (rest.type !== "eof") throw this.error("unexpected token");
    return e;
  }

  or(): Expression {
    return this.nested(() => {
      let left = this.and();
      while (this.eatKeyword("OR")) left = bin("OR", left, this.and());
      return left;
    });
  }
  and(): Expression {
    let left = this.not();
    while (this.eatKeyword("AND")) left = bin("AND", left, this.not());
    return left;
  }
  not(): Expression {
    if (this.eatKeyword("NOT")) {
      return {
        type: "unary",
        op: "NOT",
        operand: this.nested(() => this.not()),
      };
    }
    return this.comparison();
  }
  comparison(): Expression {
    let left = this.additive();
    for (;;) {
      const t = this.peek;
      if (
        t.type === "op" &&
        ["=", "==", "<>", "!=", "<", ">", "<=", ">=", "~"].includes(t.text)
      ) {
        this.next();
        const op = (t.text === "=="
          ? "="
          : t.text === "!="
          ? "<>"
          : t.text) as BinaryOperator;
        left = bin(op, left, this.additive());
        continue;
      }
      const negated = this.isKeyword("NOT") &&
        ["LIKE", "ILIKE", "IN", "BETWEEN"].some((w) => this.isKeyword(w, 1));
      if (negated) this.next();
      if (this.eatKeyword("LIKE")) {
        left = bin(negated ? "NOT LIKE" : "LIKE", left, this.additive());
      } else if (this.eatKeyword("ILIKE")) {
        left = bin(negated ? "NOT ILIKE" : "ILIKE", left, this.additive());
      } else if (this.eatKeyword("IN")) {
        this.expectOp("(");
        const list: Expression[] = [];
        if (!this.isOp(")")) {
          do list.push(this.or()); while (this.isOp(",") && this.next());
        }
        this.expectOp(")");
        left = { type: "in", operand: left, list, negated };
      } else if (this.eatKeyword("BETWEEN")) {
        const low = this.additive();
        this.expectKeyword("AND");
        const high = this.additive();
        left = { type: "between", operand: left, low, high, negated };
      } else if (!negated && this.eatKeyword("IS")) {
        const not = this.eatKeyword("NOT");
        left = bin(not ? "IS NOT" : "IS", left, this.additive());
      } else {
        return left;
      }
    }
  }
  additive(): Expression {
    let left = this.multiplicative();
    while (this.isOp("+") || this.isOp("-")) {
      const op = this.next().text as BinaryOperator;
      left = bin(op, left, this.multiplicative());
    }
    return left;
  }
  multiplicative(): Expression {
    let left = this.power();
    while (
      this.isOp("*") || this.isOp("/") || this.isOp("//") || this.isOp("%")
    ) {
      const op = this.next().text as BinaryOperator;
      left = bin(op, left, this.power());
    }
    return left;
  }
  power(): Expression {
    const left = this.concat();
    if (this.isOp("^")) {
      this.next();
      return bin("^", left, this.nested(() => this.power()));
    }
    return left;
  }
  concat(): Expression {
    let left = this.unary();
    while (this.isOp("||")) {
      this.next();
      left = bin("||", left, this.unary());
    }
    return left;
  }
  unary(): Expression {
    if (this.isOp("-") || this.isOp("+")) {
      const op = this.next().text as "-" | "+";
      const operand = this.nested(() => this.unary());
      if (
        op === "-" && operand.type === "literal" &&
        typeof operand.value === "number"
      ) {
        return { type: "literal", value: -operand.value };
      }
      return { type: "unary", op, operand };
    }
    return this.postfix();
  }
  postfix(): Expression {
    let e = this.primary();
    while (this.isOp("[")) {
      this.next();
      const index = this.or();
      this.expectOp("]");
      e = { type: "index", target: e, index };
    }
    return e;
  }
  primary(): Expression {
    const t = this.next();
    switch (t.type) {
      case "number":
        return { type: "literal", value: t.value as number };
      case "string":
        return { type: "literal", value: t.value as string };
      case "quoted":
        return { type: "column", name: t.value as string };
      case "variable":
        return { type: "variable", name: t.value as string };
      case "op":
        if (t.text === "(") {
          const e = this.or();
          this.expectOp(")");
          return e;
        }
        throw this.error("unexpected operator", t);
      case "eof":
        throw this.error("unexpected end", t);
    }
    const word = t.text.toUpperCase();
    if (word === "NULL") return { type: "literal", value: null };
    if (word === "TRUE") return { type: "literal", value: true };
    if (word === "FALSE") return { type: "literal", value: false };
    if (word === "CASE") return this.caseExpr();
    if (KEYWORDS.has(word)) throw this.error("unexpected keyword", t);
    if (this.isOp("(")) {
      this.next();
      const args: WrittenArgument[] = [];
      if (!this.isOp(")")) {
        do {
          const named = this.peek.type === "ident" &&
            this.#t[this.#i + 1].type === "op" &&
            this.#t[this.#i + 1].text === ":=";
          if (named) {
            const name = this.next().text.toLowerCase();
            this.next();
            args.push({ name, value: this.or() });
          } else args.push({ value: this.or() });
        } while (this.isOp(",") && this.next());
      }
      this.expectOp(")");
      return this.call(t, args);
    }
    if (t.text.startsWith("$")) return this.call(t, []);
    return { type: "column", name: t.text };
  }
  call(t: Token, written: WrittenArgument[]): Expression {
    const fn = lookupFunction(t.text);
    if (!fn) {
      throw syntaxError(this.text, t.pos, `unknown function '${t.text}'`);
    }
    const placed = placeArguments(fn.name, written);
    if (typeof placed === "string") {
      throw syntaxError(this.text, t.pos, placed);
    }
    // QGIS counts the arguments as written, before it places them
    const args = written;
    if (args.length < fn.min || args.length > fn.max) {
      const want = fn.min === fn.max
        ? `${fn.min}`
        : `${fn.min} to ${fn.max === Infinity ? "any" : fn.max}`;
      throw syntaxError(
        this.text,
        t.pos,
        `function '${t.text}' takes ${want} arguments, got ${args.length}`,
      );
    }
    return { type: "function", name: fn.name, args: placed };
  }
  caseExpr(): Expression {
    const whens: { when: Expression; then: Expression }[] = [];
    while (this.eatKeyword("WHEN")) {
      const when = this.or();
      this.expectKeyword("THEN");
      whens.push({ when, then: this.or() });
    }
    if (!whens.length) throw this.error("expected WHEN");
    const otherwise = this.eatKeyword("ELSE") ? this.or() : null;
    this.expectKeyword("END");
    return { type: "case", whens, else: otherwise };
  }
}

function bin(
  op: BinaryOperator,
  left: Expression,
  right: Expression,
): Expression {
  return { type: "binary", op, left, right };
}

/**
 * Parses QGIS expression text.
 *
 * @throws {QgisSyntaxError} with the line and column of the problem, also
 *   for an unknown function (named in the message).
 * @example
 * ```ts
 * import { parseExpression } from "./parser.ts";
 * parseExpression('"pop" > 1000 AND name LIKE \'B%\'').type; // "binary"
 * ```
 */
export function parseExpression(text: string): Expression {
  const expression = new Parser(text).parse();
  if (treeDepth(expression) > MAX_EXPRESSION_DEPTH) {
    throw syntaxError(
      text,
      0,
      `the expression is deeper than ${MAX_EXPRESSION_DEPTH} levels (a chain of that many operators)`,
    );
  }
  return expression;
}

function subExpressions(e: Expression): (Expression | null)[] {
  switch (e.type) {
    case "unary":
      return [e.operand];
    case "binary":
      return [e.left, e.right];
    case "in":
      return [e.operand, ...e.list];
    case "between":
      return [e.operand, e.low, e.high];
    case "function":
      return e.args;
    case "case":
      return [...e.whens.flatMap((w) => [w.when, w.then]), e.else];
    case "index":
      return [e.target, e.index];
    default:
      return [];
  }
}

// the depth of a tree, walked without recursion
function treeDepth(root: Expression): number {
  let max = 0;
  const stack: [Expression, number][] = [[root, 1]];
  while (stack.length) {
    const [e, depth] = stack.pop()!;
    if (depth > max) max = depth;
    for (const sub of subExpressions(e)) if (sub) stack.push([sub, depth + 1]);
  }
  return max;
}
