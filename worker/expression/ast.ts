/**
 * The syntax tree of a QGIS expression.
 *
 * @module
 */
import type { Geometry } from "../geometry/types.ts";

/** Binary operators, as QGIS spells them (`!=` is read as `<>`, `==` as `=`). */
export type BinaryOperator =
  | "OR"
  | "AND"
  | "="
  | "<>"
  | "<"
  | ">"
  | "<="
  | ">="
  | "~"
  | "LIKE"
  | "NOT LIKE"
  | "ILIKE"
  | "NOT ILIKE"
  | "IS"
  | "IS NOT"
  | "+"
  | "-"
  | "*"
  | "/"
  | "//"
  | "%"
  | "^"
  | "||";

/** A node of the tree. */
export type Expression =
  | { type: "literal"; value: string | number | boolean | null }
  | { type: "geometry"; value: Geometry; srs?: string }
  | { type: "column"; name: string }
  | { type: "variable"; name: string }
  | { type: "unary"; op: "NOT" | "-" | "+"; operand: Expression }
  | { type: "binary"; op: BinaryOperator; left: Expression; right: Expression }
  | { type: "in"; operand: Expression; list: Expression[]; negated: boolean }
  | {
    type: "between";
    operand: Expression;
    low: Expression;
    high: Expression;
    negated: boolean;
  }
  | { type: "function"; name: string; args: Expression[] }
  | {
    type: "case";
    whens: { when: Expression; then: Expression }[];
    else: Expression | null;
  }
  | { type: "index"; target: Expression; index: Expression };
