/**
 * SQL for the `postgres` provider: quoted identifiers, and the part of a
 * QGIS expression PostgreSQL evaluates exactly as QGIS does, compiled with
 * bound parameters — no value from a job is ever written into SQL text,
 * but for a finite number where the statement takes no parameters (COPY),
 * as the literal `String(n)` writes.
 *
 * Pushed down (each only where the column's type makes PostgreSQL's meaning
 * QGIS's): comparisons of a numeric column with a number; `=`/`<>` of a
 * text column with a string; `IN` lists of such literals; `BETWEEN`
 * numbers; `IS [NOT] NULL`; `LIKE`/`ILIKE` (case-sensitive as in QGIS) on
 * text columns; `AND`/`OR`/`NOT` over those. The rest stays an expression
 * for the caller.
 *
 * @module
 */
import type { Expression } from "../../expression/ast.ts";

/**
 * A double-quoted SQL identifier (embedded quotes doubled; NUL refused).
 *
 * @throws {RangeError} for a name with a NUL character.
 * @example
 * ```ts
 * import { quoteIdent } from "./sql.ts";
 * quoteIdent('my "table"'); // "\"my \"\"table\"\"\""
 * ```
 */
export function quoteIdent(name: string): string {
  if (name.includes("\0")) {
    throw new RangeError("Cannot quote an identifier with a NUL character");
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/** How a column's values compare, by its PostgreSQL type. */
export type ColumnClass = "number" | "text" | "other";

/**
 * Collects bound parameters; `$n` placeholders in order. With
 * `numbersInline`, a finite number is written as a quoted literal with its
 * cast instead (for statements that take no parameters, as COPY): its text
 * is `String(number)`, digits, sign, point and exponent only; every other
 * value is still bound.
 */
export class Params {
  /** The values, `$1` first. */
  readonly values: unknown[] = [];
  readonly #numbersInline: boolean;

  constructor(numbersInline = false) {
    this.#numbersInline = numbersInline;
  }

  /**
   * Binds a value and returns its placeholder with a cast.
   *
   * @example
   * ```ts
   * import { Params } from "./sql.ts";
   * const p = new Params();
   * p.bind(5, "int8"); // "$1::int8"
   * p.values; // [5]
   * new Params(true).bind(2.5, "float8"); // "'2.5'::float8"
   * ```
   */
  bind(value: unknown, cast: string): string {
    if (
      this.#numbersInline && typeof value === "number" && Number.isFinite(value)
    ) {
      return `'${String(value)}'::${cast}`;
    }
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

function numberCast(v: number): string {
  return Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER
    ? "int8"
    : "float8";
}

/** A literal bound for comparison with a column of a class, or undefined. */
function literalFor(
  e: Expression,
  cls: ColumnClass,
  p: Params,
): string | undefined {
  if (e.type !== "literal") return undefined;
  const v = e.value;
  if (cls === "number" && typeof v === "number" && Number.isFinite(v)) {
    return p.bind(v, numberCast(v));
  }
  if (cls === "text" && typeof v === "string") return p.bind(v, "text");
  return undefined;
}

const COMPARISONS = new Set(["=", "<>", "<", ">", "<=", ">="]);
const LIKES = new Set(["LIKE", "NOT LIKE", "ILIKE", "NOT ILIKE"]);
const FLIP: Record<string, string> = {
  "<": ">",
  ">": "<",
  "<=": ">=",
  ">=": "<=",
  "=": "=",
  "<>": "<>",
};

/**
 * Compiles a whole expression to a PostgreSQL condition with bound
 * parameters, or `undefined` when any part cannot be said there with
 * QGIS's meaning. On `undefined`, `params` may hold unused values: use a
 * fresh {@link Params} per attempt.
 *
 * @example
 * ```ts
 * import { Params, toPostgresSql } from "./sql.ts";
 * import { parseExpression } from "../../expression/parser.ts";
 * const p = new Params();
 * const cls = (name: string): "number" | "text" =>
 *   name === "pop" ? "number" : "text";
 * toPostgresSql(parseExpression("pop > 1000 AND name LIKE 'B%'"), cls, p);
 * // "(\"pop\" > $1::int8) AND (\"name\" LIKE $2::text)"
 * p.values; // [1000, "B%"]
 * ```
 */
export function toPostgresSql(
  e: Expression,
  classOf: (column: string) => ColumnClass | undefined,
  p: Params,
): string | undefined {
  const column = (x: Expression) =>
    x.type === "column" && classOf(x.name) !== undefined ? x.name : undefined;
  switch (e.type) {
    case "binary": {
      if (e.op === "AND" || e.op === "OR") {
        const l = toPostgresSql(e.left, classOf, p);
        if (l === undefined) return undefined;
        const r = toPostgresSql(e.right, classOf, p);
        return r === undefined ? undefined : `(${l}) ${e.op} (${r})`;
      }
      if (
        (e.op === "IS" || e.op === "IS NOT") && e.right.type === "literal" &&
        e.right.value === null
      ) {
        const c = column(e.left);
        return c === undefined ? undefined : `${quoteIdent(c)} ${e.op} NULL`;
      }
      if (LIKES.has(e.op)) {
        const c = column(e.left);
        if (c === undefined || classOf(c) !== "text") return undefined;
        const pattern = literalFor(e.right, "text", p);
        return pattern === undefined
          ? undefined
          : `${quoteIdent(c)} ${e.op} ${pattern}`;
      }
      if (!COMPARISONS.has(e.op)) return undefined;
      let c = column(e.left), lit = e.right, op = e.op;
      if (c === undefined) {
        c = column(e.right);
        lit = e.left;
        op = FLIP[e.op] as typeof op;
      }
      if (c === undefined) return undefined;
      const cls = classOf(c)!;
      // text orders by collation in PostgreSQL, by code point in QGIS
      if (cls === "text" && op !== "=" && op !== "<>") return undefined;
      const value = literalFor(lit, cls, p);
      return value === undefined
        ? undefined
        : `${quoteIdent(c)} ${op} ${value}`;
    }
    case "unary": {
      if (e.op !== "NOT") return undefined;
      const s = toPostgresSql(e.operand, classOf, p);
      return s === undefined ? undefined : `NOT (${s})`;
    }
    case "in": {
      const c = column(e.operand);
      if (c === undefined || !e.list.length) return undefined;
      const cls = classOf(c)!;
      const items: string[] = [];
      for (const item of e.list) {
        const v = literalFor(item, cls, p);
        if (v === undefined) return undefined;
        items.push(v);
      }
      return `${quoteIdent(c)} ${e.negated ? "NOT IN" : "IN"} (${
        items.join(", ")
      })`;
    }
    case "between": {
      const c = column(e.operand);
      if (c === undefined || classOf(c) !== "number") return undefined;
      const lo = literalFor(e.low, "number", p);
      const hi = literalFor(e.high, "number", p);
      if (lo === undefined || hi === undefined) return undefined;
      return `${quoteIdent(c)} ${
        e.negated ? "NOT BETWEEN" : "BETWEEN"
      } ${lo} AND ${hi}`;
    }
    default:
      return undefined;
  }
}

function conjuncts(e: Expression): Expression[] {
  return e.type === "binary" && e.op === "AND"
    ? [...conjuncts(e.left), ...conjuncts(e.right)]
    : [e];
}

/** An expression split into SQL for PostgreSQL and a residual. */
export interface PostgresSplit {
  /** Conditions (ANDed by the caller), with their values bound in `params`. */
  conditions: string[];
  /** What must still be evaluated on the features read, or null. */
  residual: Expression | null;
}

/**
 * Splits an expression's top-level AND terms into PostgreSQL conditions
 * (values bound into `p`) and the rest.
 *
 * @example
 * ```ts
 * import { Params, splitForPostgres } from "./sql.ts";
 * import { parseExpression } from "../../expression/parser.ts";
 * const p = new Params();
 * const { conditions, residual } = splitForPostgres(
 *   parseExpression("kind = 'lake' AND upper(name) = 'X'"),
 *   () => "text",
 *   p,
 * );
 * conditions; // ["\"kind\" = $1::text"]; residual: the upper() term
 * ```
 */
export function splitForPostgres(
  e: Expression,
  classOf: (column: string) => ColumnClass | undefined,
  p: Params,
): PostgresSplit {
  const conditions: string[] = [];
  const rest: Expression[] = [];
  for (const term of conjuncts(e)) {
    const mark = p.values.length;
    const sql = toPostgresSql(term, classOf, p);
    if (sql !== undefined) conditions.push(sql);
    else {
      p.values.length = mark; // drop what the failed attempt bound
      rest.push(term);
    }
  }
  const residual = rest.length
    ? rest.reduce((l, r) => ({ type: "binary", op: "AND", left: l, right: r }))
    : null;
  return { conditions, residual };
}
