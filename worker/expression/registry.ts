/**
 * The registry of expression functions: the modules that define them
 * (`functions.ts`, `fn_*.ts`) add to it, the parser and evaluators look
 * names up in it.
 *
 * @module
 */
import type { Feature, Geometry } from "../geometry/types.ts";
import type { Expression } from "./ast.ts";

/** What an expression is evaluated against. */
export interface ExpressionContext {
  /** The feature (attributes by field name, `$id`). */
  feature?: Feature;
  /** Its geometry (defaults to the feature's). */
  geometry?: Geometry | null;
  /** Variables without the `@` (`map_scale`, `layer_name`…). */
  variables?: Record<string, unknown>;
  /**
   * Told of the evaluation error a compiled expression turns into NULL
   * (QgsExpression::hasEvalError), for callers that tell the two apart.
   */
  onEvalError?: (message: string) => void;
}

/**
 * Evaluates a sub-expression (for functions that evaluate lazily), with
 * `variables` added to the context's when given (`array_foreach`'s
 * `@element`).
 */
export type Evaluate = (
  e: Expression,
  variables?: Record<string, unknown>,
) => unknown;

/** A function of the engine. */
export interface FunctionDef {
  /** Canonical (lower-case) name. */
  name: string;
  /** Fewest arguments. */
  min: number;
  /** Most arguments. */
  max: number;
  /** NULL in any argument gives NULL without calling `fn` (most QGIS functions). */
  nullPropagates?: boolean;
  /** Eager implementation over evaluated arguments. */
  fn?: (args: unknown[], ctx: ExpressionContext) => unknown;
  /** Lazy implementation over the argument expressions. */
  lazy?: (args: Expression[], ev: Evaluate, ctx: ExpressionContext) => unknown;
}

const REGISTRY = new Map<string, FunctionDef>();

export function def(
  names: string | string[],
  min: number,
  max: number,
  fn: (args: unknown[], ctx: ExpressionContext) => unknown,
  nullPropagates = true,
): void {
  const list = Array.isArray(names) ? names : [names];
  const d: FunctionDef = { name: list[0], min, max, fn, nullPropagates };
  for (const n of list) REGISTRY.set(n.toLowerCase(), d);
}

export function lazy(
  name: string,
  min: number,
  max: number,
  fn: (args: Expression[], ev: Evaluate, ctx: ExpressionContext) => unknown,
): void {
  REGISTRY.set(name, { name, min, max, lazy: fn });
}

/**
 * Looks a function up by name.
 *
 * @example
 * ```ts
 * import { lookupFunction } from "./registry.ts";
 * lookupFunction("UPPER")?.name; // "upper"
 * ```
 */
export function lookupFunction(name: string): FunctionDef | undefined {
  return REGISTRY.get(name.toLowerCase());
}

/**
 * Names of every known function.
 *
 * @example
 * ```ts
 * import { functionNames } from "./registry.ts";
 * functionNames().includes("coalesce"); // true
 * ```
 */
export function functionNames(): string[] {
  return [...new Set([...REGISTRY.values()].map((d) => d.name))];
}

/** Registers `aliases` as other names of the function `name`. */
export function alias(name: string, ...aliases: string[]): void {
  const d = REGISTRY.get(name)!;
  for (const a of aliases) REGISTRY.set(a.toLowerCase(), d);
}
