/**
 * WKT → the shared geometry model (2-D; Z/M values are dropped), for
 * `geom_from_wkt()`.
 *
 * @module
 */
import type { Geometry, GeometryKind } from "../geometry/types.ts";
import { ExpressionEvalError } from "./errors.ts";

/**
 * Parses WKT.
 *
 * @throws {ExpressionEvalError} on text that is not WKT.
 * @example
 * ```ts
 * import { parseWkt } from "./wkt.ts";
 * parseWkt("POINT (1 2)").kind; // "point"
 * ```
 */
export function parseWkt(text: string): Geometry {
  const m =
    /^\s*(MULTI)?(POINT|LINESTRING|POLYGON)\s*(?:Z|M|ZM)?\s*(\(.*\)|EMPTY)\s*$/is
      .exec(text);
  if (!m) {
    throw new ExpressionEvalError(`Cannot parse WKT '${text.slice(0, 40)}'`);
  }
  const multi = !!m[1];
  const type = m[2].toUpperCase();
  const kind: GeometryKind = type === "POINT"
    ? "point"
    : type === "LINESTRING"
    ? "line"
    : "polygon";
  if (m[3].toUpperCase() === "EMPTY") return { kind, parts: [] };
  const tree = nest(m[3]);
  const coords = (t: Nested): Float64Array => {
    // "(x y, x y)" as a string leaf list
    const flat = (typeof t === "string" ? [t] : t).flatMap((x) =>
      typeof x === "string" ? x.split(",") : [flatten(x)]
    );
    const out: number[] = [];
    for (const pair of flat) {
      const n = pair.trim().split(/\s+/).filter(Boolean).map(Number);
      if (n.length >= 2) out.push(n[0], n[1]);
    }
    if (out.some(Number.isNaN)) {
      throw new ExpressionEvalError("Cannot parse WKT coordinates");
    }
    return new Float64Array(out);
  };
  const items = tree as Nested[];
  if (kind === "point") {
    if (!multi) return { kind, parts: [[coords(items)]] };
    const c = coords(items.map((x) => typeof x === "string" ? x : flatten(x)));
    const parts: Float64Array[][] = [];
    for (let i = 0; i < c.length; i += 2) parts.push([c.slice(i, i + 2)]);
    return { kind, parts };
  }
  if (kind === "line") {
    if (!multi) return { kind, parts: [[coords(items)]] };
    return {
      kind,
      parts: (items.filter((x) => typeof x !== "string") as Nested[]).map((
        l,
      ) => [coords(l)]),
    };
  }
  const polygon = (p: Nested) =>
    ((typeof p === "string" ? [] : p).filter((x) =>
      typeof x !== "string"
    ) as Nested[]).map(coords);
  if (!multi) return { kind, parts: [polygon(items)] };
  return {
    kind,
    parts: (items.filter((x) => typeof x !== "string") as Nested[]).map(
      polygon,
    ),
  };
}

type Nested = string | Nested[];

function flatten(t: Nested): string {
  return typeof t === "string" ? t : t.map(flatten).join(",");
}

/** "(a, (b), c)" → ["a, ", ["b"], ", c"] */
function nest(s: string): Nested[] {
  const stack: Nested[][] = [[]];
  let buf = "";
  for (const ch of s) {
    if (ch === "(") {
      if (buf.trim()) stack[stack.length - 1].push(buf);
      buf = "";
      const n: Nested[] = [];
      stack[stack.length - 1].push(n);
      stack.push(n);
    } else if (ch === ")") {
      if (buf.trim()) stack[stack.length - 1].push(buf);
      buf = "";
      stack.pop();
      if (!stack.length) {
        throw new ExpressionEvalError("Cannot parse WKT: unbalanced ')'");
      }
    } else buf += ch;
  }
  const top = stack[0][0];
  if (!Array.isArray(top)) throw new ExpressionEvalError("Cannot parse WKT");
  return top;
}
