/**
 * Push-down: the part of an expression OGR SQL evaluates exactly as QGIS
 * does becomes a `WHERE` clause for GDAL; the rest stays an expression.
 *
 * Only constructs whose OGR SQL meaning equals QGIS's are translated:
 * comparisons of a column with a literal, IN, BETWEEN, IS [NOT] NULL,
 * AND/OR/NOT over those. LIKE is left out (OGR SQL's and SQLite's LIKE
 * ignore case, QGIS's does not).
 *
 * @module
 */
import type { Expression } from "./ast.ts";

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function literal(e: Expression): string | undefined {
  if (e.type !== "literal") return undefined;
  const v = e.value;
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === "string") return `'${v.replaceAll("'", "''")}'`;
  return undefined;
}

function operand(e: Expression): string | undefined {
  return e.type === "column" ? quoteIdent(e.name) : literal(e);
}

/**
 * Translates a whole expression to OGR SQL, or `undefined` when any part of
 * it cannot be said there with the same meaning.
 *
 * @example
 * ```ts
 * import { toOgrSql } from "./sql.ts";
 * import { parseExpression } from "./parser.ts";
 * toOgrSql(parseExpression("\"type\" = 'road' AND lanes >= 2")); // "(\"type\" = 'road') AND (\"lanes\" >= 2)"
 * ```
 */
export function toOgrSql(e: Expression): string | undefined {
  switch (e.type) {
    case "binary": {
      if (e.op === "AND" || e.op === "OR") {
        const l = toOgrSql(e.left), r = toOgrSql(e.right);
        return l && r ? `(${l}) ${e.op} (${r})` : undefined;
      }
      if (
        (e.op === "IS" || e.op === "IS NOT") && e.right.type === "literal" &&
        e.right.value === null
      ) {
        return e.left.type === "column"
          ? `${quoteIdent(e.left.name)} ${e.op} NULL`
          : undefined;
      }
      if (!["=", "<>", "<", ">", "<=", ">="].includes(e.op)) return undefined;
      // a column against a literal of the same kind: numeric vs text
      // comparisons differ between QGIS (numeric when both convert) and SQL
      const col = e.left.type === "column"
        ? e.left
        : e.right.type === "column"
        ? e.right
        : null;
      const lit = e.left.type === "literal"
        ? e.left
        : e.right.type === "literal"
        ? e.right
        : null;
      if (
        !col || !lit ||
        typeof lit.value !== "number" && typeof lit.value !== "string"
      ) {
        return undefined;
      }
      if (
        typeof lit.value === "string" && ["<", ">", "<=", ">="].includes(e.op)
      ) return undefined;
      const l = operand(e.left), r = operand(e.right);
      return l && r ? `${l} ${e.op} ${r}` : undefined;
    }
    case "unary": {
      if (e.op !== "NOT") return undefined;
      const s = toOgrSql(e.operand);
      return s ? `NOT (${s})` : undefined;
    }
    case "in": {
      if (e.operand.type !== "column") return undefined;
      const items = e.list.map(literal);
      if (!items.length || items.some((i) => i === undefined)) return undefined;
      return `${quoteIdent(e.operand.name)} ${e.negated ? "NOT IN" : "IN"} (${
        items.join(", ")
      })`;
    }
    case "between": {
      if (e.operand.type !== "column") return undefined;
      const lo = literal(e.low), hi = literal(e.high);
      if (
        !lo || !hi || e.low.type !== "literal" ||
        typeof e.low.value !== "number"
      ) return undefined;
      return `${quoteIdent(e.operand.name)} ${
        e.negated ? "NOT BETWEEN" : "BETWEEN"
      } ${lo} AND ${hi}`;
    }
    default:
      return undefined;
  }
}

/** An expression split for push-down. */
export interface PushdownSplit {
  /** OGR SQL for GDAL, when any part could be pushed down. */
  where?: string;
  /** What must still be evaluated on the features read, or null. */
  residual: Expression | null;
}

function conjuncts(e: Expression): Expression[] {
  return e.type === "binary" && e.op === "AND"
    ? [...conjuncts(e.left), ...conjuncts(e.right)]
    : [e];
}

/**
 * Splits an expression's top-level AND terms into those OGR SQL can say
 * (`where`) and the rest (`residual`).
 *
 * @example
 * ```ts
 * import { splitForPushdown } from "./sql.ts";
 * import { parseExpression } from "./parser.ts";
 * const { where, residual } = splitForPushdown(parseExpression("a = 1 AND name LIKE 'B%'"));
 * // where: "\"a\" = 1", residual: the LIKE term
 * ```
 */
export function splitForPushdown(e: Expression): PushdownSplit {
  const pushed: string[] = [];
  const rest: Expression[] = [];
  for (const term of conjuncts(e)) {
    const sql = toOgrSql(term);
    if (sql) {
      pushed.push(pushed.length || conjuncts(e).length > 1 ? `(${sql})` : sql);
    } else rest.push(term);
  }
  const residual = rest.length
    ? rest.reduce((l, r) => ({ type: "binary", op: "AND", left: l, right: r }))
    : null;
  return { where: pushed.length ? pushed.join(" AND ") : undefined, residual };
}
