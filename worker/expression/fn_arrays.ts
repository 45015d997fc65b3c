/**
 * QGIS's array and map functions (`array_append` … `array_prioritize`,
 * `generate_series`, `map_akeys` … `map_to_hstore`, JSON): each as
 * QGIS 3.22's `qgsexpressionfunction.cpp` computes it. Sizes are bounded
 * by `budget.ts` (arrays checked before they are built, elements read and
 * made charged by the call).
 *
 * @module
 */
import { def } from "./registry.ts";
import { ExpressionEvalError } from "./errors.ts";
import {
  chargeExpressionWork,
  checkArrayLength,
  checkTextLength,
  COMPARE_COST,
  MAP_ENTRY_COST,
} from "./budget.ts";
import {
  compareValues,
  isGeometry,
  isNumberLike,
  toInt,
  toNumber,
  toText,
} from "./values.ts";

type Dict = Record<string, unknown>;

/** QGIS's list argument: an evaluation error when the value is no list. */
export function list(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  throw new ExpressionEvalError(`Cannot convert '${toText(v)}' to array`);
}

function dict(v: unknown): Dict {
  if (isMap(v)) return v;
  throw new ExpressionEvalError(`Cannot convert '${toText(v)}' to map`);
}

/** Whether a value is an expression map (a plain object). */
export function isMap(v: unknown): v is Dict {
  return typeof v === "object" && v !== null &&
    Object.getPrototypeOf(v) === Object.prototype && !isGeometry(v);
}

/** QVariant equality as QGIS's array functions use it. */
const same = (a: unknown, b: unknown) =>
  a === null || b === null ? a === b : compareValues(a, b) === 0;

// QVariantMap keeps its keys sorted (by QString's code units)
const sortedKeys = (m: Dict) =>
  Object.keys(m).sort((a, b) => a < b ? -1 : a > b ? 1 : 0);

def("array_append", 2, 2, ([a, v]) => {
  checkArrayLength(list(a).length + 1, "array_append()");
  return [...list(a), v];
});
def("array_prepend", 2, 2, ([a, v]) => {
  checkArrayLength(list(a).length + 1, "array_prepend()");
  return [v, ...list(a)];
});
def("array_cat", 0, Infinity, (args) => {
  const lists = args.map(list);
  checkArrayLength(lists.reduce((n, l) => n + l.length, 0), "array_cat()");
  return lists.flat(1);
});
def(
  "array_count",
  2,
  2,
  ([a, v]) => list(a).filter((x) => same(x, v)).length,
);
def("array_distinct", 1, 1, ([a]) => {
  const out: unknown[] = [];
  for (const x of list(a)) {
    chargeExpressionWork(out.length * COMPARE_COST);
    if (!out.some((y) => same(x, y))) out.push(x);
  }
  return out;
});
def("array_insert", 3, 3, ([a, p, v]) => {
  const l = [...list(a)];
  checkArrayLength(l.length + 1, "array_insert()");
  l.splice(Math.max(0, Math.min(l.length, toInt(p))), 0, v);
  return l;
});
def(
  "array_remove_all",
  2,
  2,
  ([a, v]) => list(a).filter((x) => !same(x, v)),
);
def("array_remove_at", 2, 2, ([a, p]) => {
  const l = [...list(a)], k = toInt(p);
  if (k >= 0 && k < l.length) l.splice(k, 1);
  return l;
});
def("array_replace", 2, 3, (args) => {
  const l = list(args[0]);
  // each element is compared with each of the values replaced
  if (Array.isArray(args[1])) {
    chargeExpressionWork(l.length * args[1].length * COMPARE_COST);
  }
  if (args.length === 2) {
    const m = dict(args[1]);
    return l.map((x) => x !== null && toText(x) in m ? m[toText(x)] : x);
  }
  const [, before, after] = args;
  if (Array.isArray(before)) {
    if (Array.isArray(after) && after.length !== before.length) {
      throw new ExpressionEvalError(
        "Cannot evaluate array_replace(): the arrays differ in length",
      );
    }
    return l.map((x) => {
      const i = before.findIndex((b) => same(x, b));
      return i < 0 ? x : Array.isArray(after) ? after[i] : after;
    });
  }
  return l.map((x) => same(x, before) ? after : x);
});
def("array_reverse", 1, 1, ([a]) => [...list(a)].reverse());
def("array_slice", 3, 3, ([a, s, e]) => {
  const l = list(a);
  let start = toInt(s), end = toInt(e);
  if (start < 0) start = l.length + start;
  if (end < 0) end = l.length + end;
  if (start < 0) start = 0;
  return end < start ? [] : l.slice(start, end + 1);
});
/** Qt's conversion of a value to an int (0 when it does not convert). */
function qtInt(v: unknown): number {
  if (typeof v === "number") {
    return Number.isInteger(v) ? v : Math.sign(v) * Math.round(Math.abs(v));
  }
  if (typeof v === "boolean") return v ? 1 : 0;
  const t = toText(v).trim();
  return /^[-+]?\d+$/.test(t) ? Number(t) : 0;
}
function qtDouble(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  return isNumberLike(v) ? toNumber(v) : 0;
}
/**
 * qgsVariantLessThan: NULL first, then by the left value's type (an int
 * compares as ints, a double as doubles, anything else as texts).
 */
function lessThan(a: unknown, b: unknown): boolean {
  if (a === null) return b !== null;
  if (b === null) return false;
  if (typeof a === "number") {
    return Number.isInteger(a) ? a < qtInt(b) : a < qtDouble(b);
  }
  if (a instanceof Date && b instanceof Date) return a < b;
  if (typeof a === "boolean") return Number(a) < qtInt(b);
  const x = toText(a), y = toText(b);
  return x < y;
}
const equal = (a: unknown, b: unknown) =>
  a === null || b === null ? a === b : compareValues(a, b) === 0;
/**
 * std::sort's order for QGIS's comparator: insertion sort up to 16
 * elements (what libstdc++ does there), a stable merge sort above.
 */
function stdSort(l: unknown[], less: (a: unknown, b: unknown) => boolean) {
  if (l.length > 16) {
    return l.sort((a, b) => less(a, b) ? -1 : less(b, a) ? 1 : 0);
  }
  for (let i = 1; i < l.length; i++) {
    const v = l[i];
    if (less(v, l[0])) {
      l.copyWithin(1, 0, i);
      l[0] = v;
    } else {
      let j = i;
      while (less(v, l[j - 1])) {
        l[j] = l[j - 1];
        j--;
      }
      l[j] = v;
    }
  }
  return l;
}
def("array_sort", 1, 2, ([a, asc = true]) => {
  const l = [...list(a)];
  chargeExpressionWork(l.length * Math.ceil(Math.log2(l.length + 1)));
  const up = !(asc === false || asc === 0 || asc === "false");
  return stdSort(
    l,
    up ? lessThan : (x, y) => !lessThan(x, y) && !equal(x, y),
  );
});

// the elements that are numbers
// (texts too: QGIS sums and averages the numbers only)
const numbers = (a: unknown) =>
  list(a).filter((x): x is number => typeof x === "number");
def("array_sum", 1, 1, ([a]) => {
  const n = numbers(a);
  return n.length ? n.reduce((s, x) => s + x, 0) : null;
});
def("array_mean", 1, 1, ([a]) => {
  const n = numbers(a);
  return n.length ? n.reduce((s, x) => s + x, 0) / n.length : null;
});
function median(n: number[]): number | null {
  if (!n.length) return null;
  const s = [...n].sort((x, y) => x - y), h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
def("array_median", 1, 1, ([a]) => median(numbers(a)));
// the first element, replaced by each one qgsVariantLessThan puts before
// (after) it: NULL first, mixed types by the left one's
def("array_min", 1, 1, ([a]) => {
  const l = list(a);
  return l.length ? l.reduce((m, x) => lessThan(x, m) ? x : m) : null;
});
def("array_max", 1, 1, ([a]) => {
  const l = list(a);
  return l.length ? l.reduce((m, x) => lessThan(m, x) ? x : m) : null;
});

/** Values (NULL too) and their counts, in first-appearance order. */
function counts(a: unknown): [unknown, number][] {
  const out: [unknown, number][] = [];
  for (const x of list(a)) {
    chargeExpressionWork(out.length * COMPARE_COST);
    const c = out.find(([y]) => same(x, y));
    if (c) c[1]++;
    else out.push([x, 1]);
  }
  return out;
}
// QGIS lists ties in its QHash's order, which Qt seeds anew in each
// process; ours is the order of first appearance
function extreme(a: unknown, option: unknown, most: boolean): unknown {
  const c = counts(a);
  const total = c.reduce((n, [, k]) => n + k, 0);
  const opt = toText(option ?? "all").toLowerCase();
  if (opt === "real_majority" || opt === "real_minority") {
    const hits = c.filter(([, k]) => most ? k > total / 2 : k <= total / 2);
    return most ? hits[0]?.[0] ?? null : hits.map(([v]) => v);
  }
  if (!c.length) return opt === "all" ? [] : null;
  const best = c.reduce(
    (m, [, k]) => most ? Math.max(m, k) : Math.min(m, k),
    most ? 0 : Infinity,
  );
  const values = c.filter(([, k]) => k === best).map(([v]) => v);
  if (opt === "all") return values;
  if (opt === "any") return values[0];
  if (opt === "median") {
    return median(values.filter(isNumberLike).map(toNumber));
  }
  throw new ExpressionEvalError(`No such option '${opt}'`);
}
def("array_majority", 1, 2, ([a, o]) => extreme(a, o, true));
def("array_minority", 1, 2, ([a, o]) => extreme(a, o, false));
def("array_all", 2, 2, ([a, b]) => {
  // each element of the one is looked for among the other's
  chargeExpressionWork(list(a).length * list(b).length * COMPARE_COST);
  return list(b).every((x) => list(a).some((y) => same(x, y)));
});
def("array_prioritize", 2, 2, ([a, p]) => {
  const prio = list(p);
  const rank = (x: unknown) => {
    const i = prio.findIndex((y) => same(x, y));
    return i < 0 ? Infinity : i;
  };
  chargeExpressionWork(list(a).length * prio.length * COMPARE_COST);
  return list(a)
    .map((x, i) => [x, rank(x), i] as const)
    .sort((x, y) => x[1] - y[1] || x[2] - y[2])
    .map(([x]) => x);
});
def("generate_series", 2, 3, ([a, b, s = 1]) => {
  const start = toNumber(a), stop = toNumber(b), step = toNumber(s);
  if (step === 0 || (step > 0 && start > stop) || (step < 0 && start < stop)) {
    return null;
  }
  const out = [start];
  let current = start + step;
  while ((step > 0 ? current <= stop : current >= stop)) {
    checkArrayLength(out.length + 1, "generate_series()");
    out.push(current);
    current += step;
  }
  return out;
});

// --- maps -------------------------------------------------------------------
def("map_akeys", 1, 1, ([m]) => sortedKeys(dict(m)));
def("map_avals", 1, 1, ([m]) => {
  const d = dict(m);
  return sortedKeys(d).map((k) => d[k]);
});
def("map_concat", 0, Infinity, (args) => {
  const out: Dict = {};
  for (const m of args) Object.assign(out, dict(m));
  return out;
});
def("map_delete", 2, 2, ([m, k]) => {
  const out = { ...dict(m) };
  delete out[toText(k)];
  return out;
});
def("map_exist", 2, 2, ([m, k]) => toText(k) in dict(m));
def("map_insert", 3, 3, ([m, k, v]) => ({ ...dict(m), [toText(k)]: v }));

/** JSON text of a value as Qt's compact QJsonDocument writes it. */
function json(v: unknown, depth = 0): string {
  if (depth > 100) {
    throw new ExpressionEvalError("Cannot evaluate to_json(): too deep");
  }
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) {
    return `[${v.map((x) => json(x, depth + 1)).join(",")}]`;
  }
  if (isMap(v)) {
    return `{${
      sortedKeys(v).map((k) => `${JSON.stringify(k)}:${json(v[k], depth + 1)}`)
        .join(",")
    }}`;
  }
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "null";
  if (typeof v === "boolean") return String(v);
  return JSON.stringify(toText(v));
}
function toJson(v: unknown): string {
  // QJsonDocument holds an array or an object only
  if (!Array.isArray(v) && !isMap(v)) return "";
  const text = json(v);
  checkTextLength(text.length, "to_json()");
  return text;
}
def("to_json", 1, 1, ([v]) => toJson(v));
def("map_to_json", 1, 1, ([m]) => toJson(dict(m)));
function parseJson(text: string): unknown {
  chargeExpressionWork(text.length);
  // an object's members are the costly part (a dictionary's entries): one
  // per ':' at most, charged before they are made
  let members = 0;
  for (let at = text.indexOf(":"); at >= 0; at = text.indexOf(":", at + 1)) {
    members++;
  }
  chargeExpressionWork(members * MAP_ENTRY_COST);
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
def("from_json", 1, 1, ([t]) => {
  const v = parseJson(toText(t));
  return Array.isArray(v) || isMap(v) ? v : null;
});
def("json_to_map", 1, 1, ([t]) => {
  const v = parseJson(toText(t));
  return isMap(v) ? v : null;
});

/** PostgreSQL hstore text → map (QgsHstoreUtils::parse). */
function parseHstore(text: string): Dict {
  const out: Dict = {};
  let i = 0;
  const n = text.length;
  const word = (): string | null => {
    while (i < n && text[i] === " ") i++;
    if (i >= n) return null;
    if (text[i] === '"') {
      let s = "";
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === "\\" && i + 1 < n) i++;
        s += text[i++];
      }
      if (i >= n) return null;
      i++;
      return s;
    }
    const start = i;
    while (i < n && !/[=,> ]/.test(text[i])) i++;
    return text.slice(start, i);
  };
  while (i < n) {
    const key = word();
    if (key === null) break;
    while (i < n && text[i] === " ") i++;
    if (text.slice(i, i + 2) !== "=>") break;
    i += 2;
    const value = word();
    if (value === null) break;
    out[key] = value;
    while (i < n && (text[i] === " " || text[i] === ",")) i++;
  }
  return out;
}
def("hstore_to_map", 1, 1, ([t]) => parseHstore(toText(t)));
def("map_to_hstore", 1, 1, ([m]) => {
  const d = dict(m);
  const q = (s: string) =>
    `"${s.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  const text = sortedKeys(d).map((k) =>
    `${q(k)}=>${d[k] === null ? "NULL" : q(toText(d[k]))}`
  ).join(",");
  checkTextLength(text.length, "map_to_hstore()");
  return text;
});
