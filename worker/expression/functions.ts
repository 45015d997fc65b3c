/**
 * The QGIS expression functions this engine knows, by name (case-insensitive).
 * A name not here is a parse error naming it.
 *
 * @module
 */
import type { Feature, Geometry } from "../geometry/types.ts";
import {
  area,
  bounds,
  centroid,
  length,
  numPoints,
  perimeter,
} from "../geometry/measure.ts";
import { intersects, rectToGeometry } from "../geometry/predicates.ts";
import { ExpressionEvalError } from "./errors.ts";
import { type Measurer, measurerOf } from "./measurer.ts";
import { compileRegExp } from "./regex.ts";
import { parseWkt } from "./wkt.ts";
import { geometryToWkt } from "./format.ts";
import {
  chargeExpressionWork,
  checkArrayLength,
  checkTextLength,
  LOOP_STEP_COST,
  MATCH_COST,
  MAX_EXPRESSION_ARRAY,
} from "./budget.ts";
import {
  compareValues,
  isGeometry,
  isTruthy,
  toDate,
  toInt,
  toNumber,
  toText,
  truth,
  tvl,
} from "./values.ts";

export {
  type Evaluate,
  type ExpressionContext,
  type FunctionDef,
  functionNames,
  lookupFunction,
} from "./registry.ts";
import { alias, def, type ExpressionContext, lazy } from "./registry.ts";
import "./fn_arrays.ts";
import "./fn_text.ts";
import "./fn_color.ts";
import "./fn_geometry.ts";
import "./fn_layers.ts";
import "./fn_simplify.ts";
import "./fn_geos.ts";

const geom = (ctx: ExpressionContext): Geometry | null =>
  ctx.geometry !== undefined ? ctx.geometry : ctx.feature?.geometry ?? null;

function asGeometry(v: unknown): Geometry {
  if (isGeometry(v)) return v;
  throw new ExpressionEvalError(`Cannot convert '${toText(v)}' to geometry`);
}

const str = (v: unknown) => toText(v);

// Strings without surrogate pairs (nearly all) are sliced and counted by
// UTF-16 units; the code-point spread of the others costs an array of the
// text's length
const SURROGATE = /[\uD800-\uDFFF]/;
const codePoints = (s: string): string[] | null =>
  SURROGATE.test(s) ? [...s] : null;

/**
 * QGIS's `regexp_replace`: `\\1` in the replacement names a group (as `$1`
 * in JavaScript's). Matches are taken one at a time, each charged to the
 * job's budget, and the result's length is counted as it is built:
 * V8's own global replace gathers every match before it replaces one.
 */
function regexpReplace(text: string, pattern: string, rep: string): string {
  const replacement = rep.replace(/\\(\d)/g, "$$$1");
  const plain = !replacement.includes("$");
  const re = regex(pattern, "g");
  const parts: string[] = [];
  let length = 0;
  let copied = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    chargeExpressionWork(MATCH_COST);
    const out = plain ? replacement : expand(replacement, m, text);
    parts.push(text.slice(copied, m.index), out);
    length += m.index - copied + out.length;
    copied = m.index + m[0].length;
    checkTextLength(length + text.length - copied, "regexp_replace()");
    // an empty match: step over it (by a code point, as String.replace)
    if (m[0] === "") re.lastIndex = advance(text, re.lastIndex);
  }
  if (copied === 0 && parts.length === 0) return text;
  parts.push(text.slice(copied));
  return parts.join("");
}

function advance(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff ? at + 2 : at + 1;
}

/** A JavaScript replacement pattern (`$1`, `$&`, `$$`, …) for one match. */
function expand(replacement: string, m: RegExpExecArray, text: string) {
  const groups = m.length - 1;
  return replacement.replace(
    /\$(\$|&|`|'|\d{1,2})/g,
    (token: string, what: string) => {
      if (what === "$") return "$";
      if (what === "&") return m[0];
      if (what === "`") return text.slice(0, m.index);
      if (what === "'") return text.slice(m.index + m[0].length);
      let k = Number(what);
      if (k > groups && what.length === 2) {
        // `$12` with fewer groups: `$1` then "2", as JavaScript reads it
        k = Number(what[0]);
        return k >= 1 && k <= groups ? (m[k] ?? "") + what[1] : token;
      }
      return k >= 1 && k <= groups ? m[k] ?? "" : token;
    },
  );
}

/** `text.split(from).join(to)`, refused when the result would be too long. */
function replaceAll(text: string, from: string, to: string): string {
  let count = 0;
  if (from === "") count = Math.max(0, text.length - 1);
  else {
    for (let at = text.indexOf(from); at !== -1;) {
      count++;
      at = text.indexOf(from, at + from.length);
    }
  }
  if (count === 0) return text;
  checkTextLength(text.length + count * (to.length - from.length), "replace()");
  chargeExpressionWork(count * MATCH_COST);
  return text.split(from).join(to);
}
const num = (v: unknown) => toNumber(v);

// --- conditionals -----------------------------------------------------------
lazy("coalesce", 1, Infinity, (args, ev) => {
  for (const a of args) {
    const v = ev(a);
    if (v !== null && v !== undefined) return v;
  }
  return null;
});
lazy(
  "if",
  3,
  3,
  (args, ev) => isTruthy(ev(args[0])) ? ev(args[1]) : ev(args[2]),
);
lazy("try", 1, 2, (args, ev) => {
  try {
    return ev(args[0]);
  } catch (e) {
    if (e instanceof ExpressionEvalError) return args[1] ? ev(args[1]) : null;
    throw e;
  }
});
def(
  "nullif",
  2,
  2,
  (
    [a, b],
  ) => (a !== null && b !== null && compareValues(a, b) === 0 ? null : a),
  false,
);
def("is_null", 1, 1, ([a]) => a === null, false);

// --- strings ----------------------------------------------------------------
def("lower", 1, 1, ([s]) => str(s).toLowerCase());
def("upper", 1, 1, ([s]) => str(s).toUpperCase());
def(
  "title",
  1,
  1,
  ([s]) =>
    str(s).replace(
      /\S+/g,
      (w) => w[0].toUpperCase() + w.slice(1).toLowerCase(),
    ),
);
def("trim", 1, 1, ([s]) => str(s).trim());
def(
  "ltrim",
  1,
  2,
  ([s, c]) =>
    c == null
      ? str(s).trimStart()
      : str(s).replace(new RegExp(`^[${escapeClass(str(c))}]+`), ""),
);
def(
  "rtrim",
  1,
  2,
  ([s, c]) =>
    c == null
      ? str(s).trimEnd()
      : str(s).replace(new RegExp(`[${escapeClass(str(c))}]+$`), ""),
);
def(
  ["length", "char_length"],
  1,
  1,
  ([v]) => {
    if (isGeometry(v)) return length(v);
    const s = str(v);
    return codePoints(s)?.length ?? s.length;
  },
);
def("char", 1, 1, ([n]) => String.fromCodePoint(toInt(n)));
def("ascii", 1, 1, ([s]) => str(s).codePointAt(0) ?? null);
def(
  "concat",
  0,
  Infinity,
  (args) => {
    const parts = args.map((a) => a === null ? "" : str(a));
    checkTextLength(parts.reduce((n, p) => n + p.length, 0), "concat()");
    return parts.join("");
  },
  false,
);
def("substr", 2, 3, ([s, start, len]) => {
  const text = str(s);
  const chars = codePoints(text) ?? text;
  let from = toInt(start);
  if (from < 0) from = Math.max(0, chars.length + from);
  else from = Math.max(0, from - 1);
  const cut = (a: number, b?: number) =>
    typeof chars === "string" ? chars.slice(a, b) : chars.slice(a, b).join("");
  if (len === undefined || len === null) return cut(from);
  let l = toInt(len);
  if (l < 0) l = Math.max(0, chars.length - from + l);
  return cut(from, from + Math.max(0, l));
}, false);
def(
  "left",
  2,
  2,
  ([s, n]) => {
    const text = str(s), k = Math.max(0, toInt(n));
    const chars = codePoints(text);
    return chars ? chars.slice(0, k).join("") : text.slice(0, k);
  },
);
def("right", 2, 2, ([s, n]) => {
  const text = str(s);
  const k = toInt(n);
  if (k <= 0) return "";
  const c = codePoints(text);
  return c ? c.slice(-k).join("") : text.slice(-k);
});
def("replace", 2, 3, ([s, a, b]) => {
  if (s === null) return null;
  let text = str(s);
  if (b === undefined) {
    if (!a || typeof a !== "object") {
      throw new ExpressionEvalError(
        "Cannot evaluate replace(): two arguments need a map",
      );
    }
    for (const [k, v] of Object.entries(a as Record<string, unknown>)) {
      // each pair reads the whole text again
      chargeExpressionWork(text.length);
      text = replaceAll(text, k, str(v));
    }
    return text;
  }
  if (Array.isArray(a)) {
    const to = Array.isArray(b) ? b : a.map(() => b);
    a.forEach((k, i) => {
      chargeExpressionWork(text.length);
      text = replaceAll(text, str(k), str(to[i]));
    });
    return text;
  }
  if (a === null || b === null) return null;
  return replaceAll(text, str(a), str(b));
}, false);
def(
  "regexp_replace",
  3,
  3,
  ([s, re, rep]) => regexpReplace(str(s), str(re), str(rep)),
);
def("regexp_substr", 2, 2, ([s, re]) => {
  const m = regex(str(re)).exec(str(s));
  return m ? (m[1] ?? m[0]) : "";
});
def("regexp_match", 2, 2, ([s, re]) => {
  const m = regex(str(re)).exec(str(s));
  return m ? m.index + 1 : 0;
});
def("strpos", 2, 2, ([s, t]) => str(s).indexOf(str(t)) + 1);
def("lpad", 3, 3, ([s, n, c]) => {
  const w = toInt(n), t = str(s);
  checkTextLength(w, "lpad()");
  return t.length >= w ? t.slice(0, w) : t.padStart(w, str(c) || " ");
});
def("rpad", 3, 3, ([s, n, c]) => {
  const w = toInt(n), t = str(s);
  checkTextLength(w, "rpad()");
  return t.length >= w ? t.slice(0, w) : t.padEnd(w, str(c) || " ");
});
def(
  "format",
  1,
  Infinity,
  ([f, ...rest]) => {
    const template = str(f);
    let length = template.length;
    return template.replace(/%(\d+)/g, (m, i) => {
      const part = Number(i) <= rest.length ? str(rest[Number(i) - 1]) : m;
      length += part.length - m.length;
      checkTextLength(length, "format()");
      return part;
    });
  },
);
// Intl's limit; QLocale takes more, whose digits past the 100th the
// double does not hold (QGIS writes zeros there)
const MAX_FRACTION_DIGITS = 100;
def("format_number", 1, 3, ([n, places, _locale]) => {
  const p = places == null ? 0 : Math.max(0, toInt(places));
  checkTextLength(p, "format_number()");
  const digits = Math.min(p, MAX_FRACTION_DIGITS);
  const text = num(n).toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return p > digits && Number.isFinite(num(n))
    ? text + "0".repeat(p - digits)
    : text;
});
def(
  "wordwrap",
  2,
  3,
  ([s, n, delim]) =>
    wordwrap(str(s), toInt(n), delim == null ? " " : str(delim)),
);
def("reverse", 1, 1, ([s]) => {
  if (isGeometry(s)) {
    // a line's vertices in reverse order (QGIS reverses lines only)
    if (s.kind !== "line") return null;
    return {
      kind: "line",
      parts: s.parts.map((p) =>
        p.map((c) => {
          const out = new Float64Array(c.length);
          for (let i = 0; i < c.length; i += 2) {
            out[c.length - 2 - i] = c[i];
            out[c.length - 1 - i] = c[i + 1];
          }
          return out;
        })
      ),
    };
  }
  const text = str(s);
  const chars = codePoints(text) ?? text.split("");
  return chars.reverse().join("");
});
def("to_string", 1, 1, ([v]) => str(v));
def("starts_with", 2, 2, ([s, p]) => str(s).startsWith(str(p)));
def("ends_with", 2, 2, ([s, p]) => str(s).endsWith(str(p)));

// --- math -------------------------------------------------------------------
def("abs", 1, 1, ([x]) => Math.abs(num(x)));
def("round", 1, 2, ([x, p]) => {
  const f = 10 ** (p == null ? 0 : toInt(p));
  const v = num(x) * f;
  return (v < 0 ? -Math.round(-v) : Math.round(v)) / f;
});
def("floor", 1, 1, ([x]) => Math.floor(num(x)));
def("ceil", 1, 1, ([x]) => Math.ceil(num(x)));
def("sqrt", 1, 1, ([x]) => Math.sqrt(num(x)));
def("pow", 2, 2, ([x, y]) => num(x) ** num(y));
def("exp", 1, 1, ([x]) => Math.exp(num(x)));
def("ln", 1, 1, ([x]) => Math.log(num(x)));
def("log10", 1, 1, ([x]) => Math.log10(num(x)));
def("log", 2, 2, ([b, x]) => Math.log(num(x)) / Math.log(num(b)));
def("sin", 1, 1, ([x]) => Math.sin(num(x)));
def("cos", 1, 1, ([x]) => Math.cos(num(x)));
def("tan", 1, 1, ([x]) => Math.tan(num(x)));
def("asin", 1, 1, ([x]) => Math.asin(num(x)));
def("acos", 1, 1, ([x]) => Math.acos(num(x)));
def("atan", 1, 1, ([x]) => Math.atan(num(x)));
def("atan2", 2, 2, ([y, x]) => Math.atan2(num(y), num(x)));
def("radians", 1, 1, ([x]) => num(x) * Math.PI / 180);
def("degrees", 1, 1, ([x]) => num(x) * 180 / Math.PI);
def("pi", 0, 0, () => Math.PI);
def("min", 1, Infinity, (args) => {
  const v = args.filter((a) => a !== null).map(num);
  return v.length ? Math.min(...v) : null;
}, false);
def("max", 1, Infinity, (args) => {
  const v = args.filter((a) => a !== null).map(num);
  return v.length ? Math.max(...v) : null;
}, false);
def(
  "clamp",
  3,
  3,
  ([lo, x, hi]) => Math.min(num(hi), Math.max(num(lo), num(x))),
);
def("scale_linear", 5, 5, ([v, dmin, dmax, rmin, rmax]) => {
  const x = Math.min(num(dmax), Math.max(num(dmin), num(v)));
  return num(rmin) +
    (x - num(dmin)) * (num(rmax) - num(rmin)) / (num(dmax) - num(dmin));
});
def("scale_exp", 6, 6, ([v, dmin, dmax, rmin, rmax, e]) => {
  const x = Math.min(num(dmax), Math.max(num(dmin), num(v)));
  const t = ((x - num(dmin)) / (num(dmax) - num(dmin))) ** num(e);
  return num(rmin) + t * (num(rmax) - num(rmin));
});

// --- conversions ------------------------------------------------------------
def("to_int", 1, 1, ([v]) => toInt(v));
def("to_real", 1, 1, ([v]) => num(v));
def("to_date", 1, 2, ([v]) => {
  const d = toDate(v);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
});
def("to_datetime", 1, 2, ([v]) => toDate(v));
def("to_time", 1, 2, ([v]) => {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(str(v));
  if (!m) throw new ExpressionEvalError(`Cannot convert '${str(v)}' to time`);
  return `${m[1].padStart(2, "0")}:${m[2]}:${m[3] ?? "00"}`;
});
def("to_bool", 1, 1, ([v]) => truth(v));

// --- dates ------------------------------------------------------------------
def("now", 0, 0, () => new Date());
def("year", 1, 1, ([d]) => toDate(d).getFullYear());
def("month", 1, 1, ([d]) => toDate(d).getMonth() + 1);
def("day", 1, 1, ([d]) => toDate(d).getDate());
def("hour", 1, 1, ([d]) => toDate(d).getHours());
def("minute", 1, 1, ([d]) => toDate(d).getMinutes());
def("second", 1, 1, ([d]) => toDate(d).getSeconds());
def("day_of_week", 1, 1, ([d]) => toDate(d).getDay());
def("week", 1, 1, ([d]) => isoWeek(toDate(d)));
def("epoch", 1, 1, ([d]) => toDate(d).getTime());
def("datetime_from_epoch", 1, 1, ([n]) => new Date(num(n)));
def(
  "age",
  2,
  2,
  ([a, b]) => (toDate(a).getTime() - toDate(b).getTime()) / 1000,
);
def("format_date", 2, 3, ([d, f]) => formatDate(toDate(d), str(f)));

// --- records and geometry -----------------------------------------------------
def("$id", 0, 0, (_a, ctx) => ctx.feature?.id ?? null, false);
def("$geometry", 0, 0, (_a, ctx) => geom(ctx), false);
// on the project's ellipsoid, in its units, when the caller says how
def("$area", 0, 0, (_a, ctx) => measured(ctx, "area", area), false);
def("$length", 0, 0, (_a, ctx) => measured(ctx, "length", length), false);
def(
  "$perimeter",
  0,
  0,
  (_a, ctx) => measured(ctx, "perimeter", perimeter),
  false,
);
def("$x", 0, 0, (_a, ctx) => withGeom(ctx, (g) => pointXY(g)[0]), false);
def("$y", 0, 0, (_a, ctx) => withGeom(ctx, (g) => pointXY(g)[1]), false);
def("attribute", 1, 2, (args, ctx) => {
  const [feature, name] = args.length === 2 ? args : [ctx.feature, args[0]];
  const f = feature as Feature | undefined;
  return f?.attributes[str(name)] ?? null;
}, false);
def("geom_from_wkt", 1, 1, ([t]) => parseWkt(str(t)));
const WKT_TYPES: Record<string, string> = {
  POINT: "Point",
  LINESTRING: "LineString",
  POLYGON: "Polygon",
  MULTIPOINT: "MultiPoint",
  MULTILINESTRING: "MultiLineString",
  MULTIPOLYGON: "MultiPolygon",
};
// QGIS 3 spells WKT types in camel case and rounds to `precision` decimals (8)
def("geom_to_wkt", 1, 2, ([g, precision]) => {
  const p = precision === undefined ? 8 : num(precision);
  return geometryToWkt(asGeometry(g))
    .replace(/^[A-Z]+/, (t) => WKT_TYPES[t] ?? t)
    // QGIS separates rings and parts by a comma alone
    .replaceAll("), (", "),(")
    .replace(
      /-?\d+\.\d+(?:e[-+]?\d+)?/gi,
      (n) => String(Number(Number(n).toFixed(p))),
    );
});
def(
  "make_point",
  2,
  2,
  ([x, y]) => ({
    kind: "point",
    parts: [[new Float64Array([num(x), num(y)])]],
  }),
);
def("area", 1, 1, ([g]) => area(asGeometry(g)));
def("length3d", 1, 1, ([g]) => length(asGeometry(g)));
def("perimeter", 1, 1, ([g]) => perimeter(asGeometry(g)));
def("num_points", 1, 1, ([g]) => numPoints(asGeometry(g)));
def("x", 1, 1, ([g]) => pointXY(asGeometry(g))[0]);
def("y", 1, 1, ([g]) => pointXY(asGeometry(g))[1]);
def(
  "geometry_type",
  1,
  1,
  ([g]) =>
    ({ point: "Point", line: "Line", polygon: "Polygon" })[asGeometry(g).kind],
);
def("centroid", 1, 1, ([g]) => {
  const c = centroid(asGeometry(g));
  return c ? { kind: "point", parts: [[new Float64Array(c)]] } : null;
});
def("bounds", 1, 1, ([g]) => {
  const b = bounds(asGeometry(g));
  return b ? rectToGeometry(b) : null;
});
def("x_min", 1, 1, ([g]) => bounds(asGeometry(g))?.xmin ?? null);
def("x_max", 1, 1, ([g]) => bounds(asGeometry(g))?.xmax ?? null);
def("y_min", 1, 1, ([g]) => bounds(asGeometry(g))?.ymin ?? null);
def("y_max", 1, 1, ([g]) => bounds(asGeometry(g))?.ymax ?? null);
// QGIS's spatial predicates answer with its integer truth values (1, 0)
def(
  "intersects",
  2,
  2,
  ([a, b]) => tvl(intersects(asGeometry(a), asGeometry(b))),
);
def(
  "disjoint",
  2,
  2,
  ([a, b]) => tvl(!intersects(asGeometry(a), asGeometry(b))),
);
def("intersects_bbox", 2, 2, ([a, b]) => {
  const x = bounds(asGeometry(a)), y = bounds(asGeometry(b));
  return tvl(
    !!x && !!y && x.xmin <= y.xmax && y.xmin <= x.xmax &&
      x.ymin <= y.ymax &&
      y.ymin <= x.ymax,
  );
});

// --- arrays and maps (enough for replace() and IN-like use) ----------------------
def("array", 0, Infinity, (args) => args, false);
def(
  "array_contains",
  2,
  2,
  ([a, v]) =>
    Array.isArray(a)
      ? a.some((x) => x !== null && v !== null && compareValues(x, v) === 0)
      : null,
);
def("array_length", 1, 1, ([a]) => Array.isArray(a) ? a.length : null);
// QGIS's list functions over a value that is no list: an evaluation error
function list(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  throw new ExpressionEvalError(`Cannot convert '${toText(v)}' to array`);
}
const variantEq = (a: unknown, b: unknown) =>
  a !== null && b !== null && compareValues(a, b) === 0;
def("string_to_array", 1, 3, ([s, delimiter = ",", empty = ""]) => {
  // counted before it is split: no array past the bound is made
  const text = str(s), d = str(delimiter);
  let count = 1;
  if (d === "") count = text.length;
  else {
    for (
      let at = text.indexOf(d);
      at !== -1;
      at = text.indexOf(d, at + d.length)
    ) {
      if (++count > MAX_EXPRESSION_ARRAY) break;
    }
  }
  checkArrayLength(count, "string_to_array()");
  const parts = text.split(d);
  // empty parts and those equal to empty_value are NULL
  return parts.map((part) => part === "" || part === str(empty) ? null : part);
});
def(
  "array_to_string",
  1,
  3,
  ([a, delimiter = ",", empty = ""]) => {
    const parts = list(a).map((v) => {
      const t = v === null || v === undefined ? "" : str(v);
      return t === "" ? str(empty) : t;
    });
    const d = str(delimiter);
    checkTextLength(
      parts.reduce((n, p) => n + p.length, 0) +
        Math.max(0, parts.length - 1) * d.length,
      "array_to_string()",
    );
    return parts.join(d);
  },
);
lazy("array_foreach", 2, 2, (args, ev) => {
  const a = ev(args[0]);
  if (a === null) return null;
  return list(a).map((element, counter) => {
    chargeExpressionWork(LOOP_STEP_COST);
    return ev(args[1], { element, counter });
  });
});
lazy("array_filter", 2, 3, (args, ev) => {
  const a = ev(args[0]);
  if (a === null) return null;
  const limit = args[2] ? toInt(ev(args[2])) : 0;
  const out: unknown[] = [];
  for (const element of list(a)) {
    if (limit > 0 && out.length >= limit) break;
    chargeExpressionWork(LOOP_STEP_COST);
    if (isTruthy(ev(args[1], { element }))) out.push(element);
  }
  return out;
});
// true when any element of the second array is in the first
def(
  "array_intersect",
  2,
  2,
  ([a, b]) => list(b).some((x) => list(a).some((y) => variantEq(y, x))),
);
def("array_find", 2, 2, ([a, v]) => list(a).findIndex((x) => variantEq(x, v)));
def("array_get", 2, 2, ([a, i]) => {
  const l = list(a), k = toInt(i);
  return l[k < 0 ? l.length + k : k] ?? null;
});
def("array_first", 1, 1, ([a]) => list(a)[0] ?? null);
def("array_last", 1, 1, ([a]) => list(a).at(-1) ?? null);
// QGIS 3.22: a NULL key or value makes the whole map NULL
def("map", 0, Infinity, (args) => {
  const m: Record<string, unknown> = {};
  for (let i = 0; i + 1 < args.length; i += 2) m[str(args[i])] = args[i + 1];
  return m;
});
def(
  "map_get",
  2,
  2,
  ([m, k]) => (m as Record<string, unknown>)[str(k)] ?? null,
);

// --- colours (QGIS colour strings "r,g,b,a") -----------------------------------------
def("color_rgb", 3, 3, ([r, g, b]) => `${toInt(r)},${toInt(g)},${toInt(b)}`);
def(
  "color_rgba",
  4,
  4,
  ([r, g, b, a]) => `${toInt(r)},${toInt(g)},${toInt(b)},${toInt(a)}`,
);

function withGeom(
  ctx: ExpressionContext,
  f: (g: Geometry) => number,
): number | null {
  const g = geom(ctx);
  return g ? f(g) : null;
}

function measured(
  ctx: ExpressionContext,
  what: keyof Measurer,
  planar: (g: Geometry) => number,
): number | null {
  const m = measurerOf(ctx);
  return withGeom(ctx, m ? (g) => m[what](g, ctx.feature) : planar);
}

function pointXY(g: Geometry): [number, number] {
  if (g.kind === "point" && g.parts.length === 1) {
    const c = g.parts[0][0];
    return [c[0], c[1]];
  }
  const c = centroid(g);
  if (!c) throw new ExpressionEvalError("Cannot take x/y of an empty geometry");
  return c;
}

function escapeClass(s: string): string {
  return s.replace(/[\\\]^-]/g, "\\$&");
}

function regex(pattern: string, flags = ""): RegExp {
  return compileRegExp(pattern, flags);
}

function wordwrap(text: string, width: number, delim: string): string {
  if (width === 0) return text;
  // a line is kept as its words and its length, and joined once: growing
  // it by concatenation made each wrap cost the line's length again
  // (9 million characters at width 1,000: 12 s)
  const lines: string[] = [];
  for (const para of text.split("\n")) {
    const words = para.split(delim);
    // a word costs what a loop step does (about a microsecond), not the
    // nanoseconds of its characters
    chargeExpressionWork(words.length * LOOP_STEP_COST);
    let line: string[] = [];
    let length = 0;
    const flush = () => {
      lines.push(line.join(delim));
      line = [];
      length = 0;
    };
    for (const w of words) {
      if (width > 0) {
        if (length > 0 && length + delim.length + w.length > width) {
          flush();
          line.push(w);
          length = w.length;
          continue;
        }
      }
      // an empty line takes the word alone, without a delimiter
      if (length === 0) line = [w];
      else line.push(w);
      length = length === 0 ? w.length : length + delim.length + w.length;
      // negative: minimum length before wrapping
      if (width < 0 && length >= -width) flush();
    }
    if (length > 0) flush();
  }
  return lines.join("\n");
}

function isoWeek(d: Date): number {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const y0 = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
  return Math.ceil(((t.getTime() - y0.getTime()) / 86400000 + 1) / 7);
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
];

function formatDate(d: Date, f: string): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return f.replace(
    /yyyy|yy|MMMM|MMM|MM|M|dddd|ddd|dd|d|hh|h|HH|H|mm|m|ss|s|zzz|AP|ap|'[^']*'/g,
    (t) => {
      switch (t) {
        case "yyyy":
          return String(d.getFullYear());
        case "yy":
          return p(d.getFullYear() % 100);
        case "MMMM":
          return MONTHS[d.getMonth()];
        case "MMM":
          return MONTHS[d.getMonth()].slice(0, 3);
        case "MM":
          return p(d.getMonth() + 1);
        case "M":
          return String(d.getMonth() + 1);
        case "dddd":
          return DAYS[d.getDay()];
        case "ddd":
          return DAYS[d.getDay()].slice(0, 3);
        case "dd":
          return p(d.getDate());
        case "d":
          return String(d.getDate());
        case "hh":
        case "HH":
          return p(d.getHours());
        case "h":
        case "H":
          return String(d.getHours());
        case "mm":
          return p(d.getMinutes());
        case "m":
          return String(d.getMinutes());
        case "ss":
          return p(d.getSeconds());
        case "s":
          return String(d.getSeconds());
        case "zzz":
          return p(d.getMilliseconds(), 3);
        case "AP":
          return d.getHours() < 12 ? "AM" : "PM";
        case "ap":
          return d.getHours() < 12 ? "am" : "pm";
        default:
          return t.slice(1, -1);
      }
    },
  );
}

// QGIS 2's names, which QGIS 3 still reads
alias("to_int", "toint");
alias("to_real", "toreal");
alias("to_string", "tostring");
alias("to_date", "todate");
alias("to_datetime", "todatetime");
alias("to_time", "totime");
alias("to_decimal", "todecimal");
alias("to_interval", "tointerval");
alias("to_dm", "todm");
alias("to_dms", "todms");
alias("geom_from_wkt", "geomfromwkt");
alias("geom_to_wkt", "geomtowkt");
alias("intersects_bbox", "bbox");
