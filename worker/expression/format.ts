/**
 * Expression tree → QGIS expression text (parseable again by
 * `parseExpression`, geometry literals as `geom_from_wkt('…')`).
 *
 * @module
 */
import type { Geometry } from "../geometry/types.ts";
import type { Expression } from "./ast.ts";

function quoteString(s: string): string {
  return `'${s.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

function ring(c: Float64Array): string {
  const out: string[] = [];
  for (let i = 0; i < c.length; i += 2) out.push(`${c[i]} ${c[i + 1]}`);
  return `(${out.join(", ")})`;
}

/**
 * WKT of a geometry of the shared model.
 *
 * @example
 * ```ts
 * import { geometryToWkt } from "./format.ts";
 * geometryToWkt({ kind: "point", parts: [[new Float64Array([1, 2])]] }); // "POINT (1 2)"
 * ```
 */
export function geometryToWkt(g: Geometry): string {
  // an empty geometry as GEOS and QGIS spell a single one
  if (!g.parts.length) {
    return `${
      g.kind === "point"
        ? "POINT"
        : g.kind === "line"
        ? "LINESTRING"
        : "POLYGON"
    } EMPTY`;
  }
  const single = g.parts.length === 1;
  switch (g.kind) {
    case "point":
      return single
        ? `POINT ${ring(g.parts[0][0])}`
        : `MULTIPOINT (${g.parts.map((p) => ring(p[0])).join(", ")})`;
    case "line":
      return single
        ? `LINESTRING ${ring(g.parts[0][0])}`
        : `MULTILINESTRING (${g.parts.map((p) => ring(p[0])).join(", ")})`;
    case "polygon": {
      const poly = (rings: Float64Array[]) => `(${rings.map(ring).join(", ")})`;
      return single
        ? `POLYGON ${poly(g.parts[0])}`
        : `MULTIPOLYGON (${g.parts.map(poly).join(", ")})`;
    }
  }
}

const PRECEDENCE: Record<string, number> = {
  OR: 1,
  AND: 2,
  "=": 4,
  "<>": 4,
  "<": 4,
  ">": 4,
  "<=": 4,
  ">=": 4,
  "~": 4,
  LIKE: 4,
  "NOT LIKE": 4,
  ILIKE: 4,
  "NOT ILIKE": 4,
  IS: 4,
  "IS NOT": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "/": 6,
  "//": 6,
  "%": 6,
  "^": 7,
  "||": 8,
};

/**
 * Writes an expression as QGIS expression text (fully parenthesised where
 * precedence could be misread).
 *
 * @example
 * ```ts
 * import { expressionToString } from "./format.ts";
 * import { parseExpression } from "./parser.ts";
 * expressionToString(parseExpression("a = 1 AND name LIKE 'B%'")); // "(\"a\" = 1) AND (\"name\" LIKE 'B%')"
 * ```
 */
export function expressionToString(e: Expression): string {
  switch (e.type) {
    case "literal":
      if (e.value === null) return "NULL";
      if (typeof e.value === "string") return quoteString(e.value);
      if (typeof e.value === "boolean") return e.value ? "TRUE" : "FALSE";
      return e.value < 0 ? `(${e.value})` : String(e.value);
    case "geometry":
      return `geom_from_wkt(${quoteString(geometryToWkt(e.value))})`;
    case "column":
      return `"${e.name.replaceAll('"', '""')}"`;
    case "variable":
      return `@${e.name}`;
    case "unary":
      return e.op === "NOT"
        ? `NOT (${expressionToString(e.operand)})`
        : `${e.op}(${expressionToString(e.operand)})`;
    case "binary": {
      const p = PRECEDENCE[e.op] ?? 0;
      const side = (x: Expression) => {
        const s = expressionToString(x);
        return x.type === "binary" || x.type === "in" || x.type === "between" ||
            (x.type === "unary" && x.op === "NOT")
          ? `(${s})`
          : s;
      };
      void p;
      return `${side(e.left)} ${e.op} ${side(e.right)}`;
    }
    case "in":
      return `(${expressionToString(e.operand)}) ${
        e.negated ? "NOT IN" : "IN"
      } (${e.list.map(expressionToString).join(", ")})`;
    case "between":
      return `(${expressionToString(e.operand)}) ${
        e.negated ? "NOT BETWEEN" : "BETWEEN"
      } (${expressionToString(e.low)}) AND (${expressionToString(e.high)})`;
    case "function":
      if (e.name.startsWith("$")) return e.name;
      return `${e.name}(${e.args.map(expressionToString).join(", ")})`;
    case "case":
      return `CASE ${
        e.whens.map((w) =>
          `WHEN ${expressionToString(w.when)} THEN ${
            expressionToString(w.then)
          }`
        )
          .join(" ")
      }${e.else ? ` ELSE ${expressionToString(e.else)}` : ""} END`;
    case "index":
      return `(${expressionToString(e.target)})[${
        expressionToString(e.index)
      }]`;
  }
}
