/**
 * Named arguments (`func(name:=value)`) and the optional parameters QGIS
 * fills with defaults, resolved as QGIS 3.22's parser and evaluator do
 * (qgsexpressionnodeimpl.cpp: `validateParams`, the node's reordering, and
 * `QgsExpressionFunction::run`'s NULL rule).
 *
 * @module
 */
import type { Expression } from "./ast.ts";
import { PARAMETERS } from "./parameters.ts";

/** An argument as written: `name` is set for `name:=value`. */
export interface WrittenArgument {
  /** The parameter's name, lower-case, for a named argument. */
  name?: string;
  /** The argument's expression. */
  value: Expression;
}

/**
 * Puts named arguments in their parameters' places, as QGIS does when it
 * parses a call: positional ones first, then each remaining parameter from
 * the argument of its name, a skipped optional one from its default. Unlike
 * QGIS, parameters after the last one given are left out: every function of
 * the engine treats a missing trailing argument as QGIS treats its default.
 *
 * @returns the arguments in parameter order, or the problem in QGIS's words.
 * @example
 * ```ts
 * import { placeArguments } from "./arguments.ts";
 * const v = (n: number) => ({ type: "literal", value: n } as const);
 * placeArguments("left", [{ name: "length", value: v(2) }, { name: "string", value: v(1) }]);
 * // [v(1), v(2)]
 * ```
 */
export function placeArguments(
  fn: string,
  written: WrittenArgument[],
): Expression[] | string {
  if (!written.some((a) => a.name !== undefined)) {
    return written.map((a) => a.value);
  }
  const params = PARAMETERS[fn.toLowerCase()] ?? [];
  if (!params.length) return `${fn} does not support named parameters`;
  let positional = 0;
  while (written[positional].name === undefined) positional++;
  const slots: (Expression | undefined)[] = written.slice(0, positional).map(
    (a) => a.value,
  );
  let invalid: string | undefined;
  for (const a of written.slice(positional)) {
    if (a.name === undefined) {
      return "All parameters following a named parameter must also be named.";
    }
    const p = params.findIndex((q) => q[0] === a.name);
    if (p < 0) invalid ??= a.name;
    else if (slots[p] !== undefined) {
      return `Duplicate parameter specified for '${a.name}' for ${fn}`;
    } else slots[p] = a.value;
  }
  for (let p = positional; p < params.length; p++) {
    if (slots[p] === undefined && params[p].length === 1) {
      return `No value specified for parameter '${params[p][0]}' for ${fn}`;
    }
  }
  if (invalid !== undefined) {
    return `Invalid parameter name '${invalid}' for ${fn}`;
  }
  const out: Expression[] = [];
  for (let p = 0; p < slots.length; p++) {
    const param = params[p];
    out.push(
      slots[p] ??
        { type: "literal", value: param.length === 2 ? param[1] : null },
    );
  }
  return out;
}

const nullSlots = new Map<string, readonly boolean[]>();

/**
 * Which of a function's parameters are optional with a NULL default: a NULL
 * given there is what QGIS passes when the argument is left out, so it
 * neither makes the call NULL nor differs from leaving the argument out.
 *
 * @example
 * ```ts
 * import { nullDefaults } from "./arguments.ts";
 * nullDefaults("format_number"); // [false, false, true]
 * ```
 */
export function nullDefaults(fn: string): readonly boolean[] {
  const key = fn.toLowerCase();
  let slots = nullSlots.get(key);
  if (!slots) {
    slots = (PARAMETERS[key] ?? []).map((p) => p.length === 2 && p[1] === null);
    nullSlots.set(key, slots);
  }
  return slots;
}

/**
 * Arguments as the function sees them: a NULL in a NULL-default slot
 * becomes a missing argument (`undefined`, trailing ones dropped).
 *
 * @example
 * ```ts
 * import { nullDefaults, omitNullDefaults } from "./arguments.ts";
 * omitNullDefaults([3.14, 2, null], nullDefaults("format_number")); // [3.14, 2]
 * ```
 */
export function omitNullDefaults(
  args: unknown[],
  slots: readonly boolean[],
): unknown[] {
  let out = args;
  for (let i = 0; i < args.length && i < slots.length; i++) {
    if (slots[i] && args[i] === null) {
      if (out === args) out = [...args];
      out[i] = undefined;
    }
  }
  if (out !== args) {
    while (out.length && out[out.length - 1] === undefined) out.pop();
  }
  return out;
}
