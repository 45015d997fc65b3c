/**
 * Our evaluation of every expression of testdata/qgis_functions.json
 * against QGIS 3.22's (written by testdata/qgis_functions.py), on the same
 * feature and variables.
 */
import assert from "node:assert/strict";
import {
  compileExpression,
  evaluate,
  lookupFunction,
  type LookupLayer,
  parseExpression,
  withLayerLookup,
} from "./mod.ts";
import { isGeometry } from "./values.ts";
import type { Feature } from "../geometry/types.ts";
import { loadGeos } from "../geos/geos.ts";

// GEOS's functions evaluate once it is loaded (the queue loads it before a
// job that names one)
await loadGeos();

interface Entry {
  expression: string;
  value?: unknown;
  error?: true;
  parserError?: string;
  /** Evaluated on this feature of `cities`, in its layer's scope. */
  feature?: number;
}

const golden: Entry[] = JSON.parse(
  await Deno.readTextFile(
    new URL("./testdata/qgis_functions.json", import.meta.url),
  ),
);

const feature: Feature = {
  id: 7,
  attributes: {
    name: "Bern",
    pop: 134000,
    ratio: 0.25,
    nothing: null,
    tags: "a,b,c",
  },
  geometry: {
    kind: "polygon",
    parts: [[new Float64Array([0, 0, 10, 0, 10, 5, 0, 5, 0, 0])]],
  },
};
// the project layer of testdata/qgis_functions.py, as a job's layer
const cities: LookupLayer = {
  fields: ["name", "pop", "kind", "code"],
  features: ([
    [1, "Bern", 134000, "city", 0, 5, 2],
    [2, "Basel", 173000, "city", null, 20, 30],
    [3, "Thun", 43000, "town", 7, 3, 4],
    [4, "Spiez", 13000, "town", null, 40, 1],
    [5, "Biel", 55000, "town", 3, 8, 1],
  ] as const).map(([id, name, pop, kind, code, x, y]) => ({
    id,
    attributes: { name, pop, kind, code },
    geometry: { kind: "point", parts: [[new Float64Array([x, y])]] },
  })),
};
const lookup = {
  layer: (name: string) => name === "cities" ? cities : undefined,
};
const ctx = {
  feature,
  variables: withLayerLookup({ map_scale: 25000 }, lookup),
};
// an entry's context: the feature above, or one of `cities` in its layer
const contextOf = (entry: Entry) =>
  entry.feature === undefined ? ctx : {
    feature: cities.features.find((f) => f.id === entry.feature),
    variables: withLayerLookup({
      map_scale: 25000,
      layer: "cities",
      layer_id: "cities",
      layer_name: "cities",
    }, lookup),
  };

/**
 * What the engine does not do yet (functions not implemented, or QGIS
 * types the shared geometry model has no room for: Z, M, triangles); each
 * is checked to differ still, so that the list stays true.
 */
const GAPS = new Set<string>([
  // an interval is a number of seconds here, so day() reads it as a date
  "day(make_interval(days:=2))",
  // ramps of QGIS's default style, by name
  "ramp_color('Spectral', 0.3)",
  "ramp_color('Blues', 0)",
  "ramp_color('Reds', 1)",
  "ramp_color('Greens', 0.5)",
  "ramp_color('Viridis', 0.5)",
  "inclination(make_point(0, 0, 0), make_point(1, 0, 1))",
  "z(make_point(1, 2, 3))",
  "geom_to_wkt(make_point_m(1, 2, 3))",
  "m(make_point_m(1, 2, 3))",
  "geom_to_wkt(make_triangle(make_point(0, 0), make_point(1, 0), make_point(0, 1)))",
  // GEOS 3.13 (npm:geos-wasm) where QGIS 3.22 links GEOS 3.11: the
  // offset curve's joins keep 8 segments a quadrant whatever \`segments\`
  // says, and 3.11's artefacts at the ends are gone (3.12's OffsetCurve
  // fixes); a buffer's rings and a single-sided buffer's start elsewhere
  "geom_to_wkt(buffer(geom_from_wkt('MULTIPOINT((0 0), (2 0))'), 1, 2))",
  "geom_to_wkt(offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), -1, 2))",
  "geom_to_wkt(offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0, 0 1)'), -2, 8, 2, 5))",
  "geom_to_wkt(offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10, 0 10, 0 0)'), -1, 2))",
  "geom_to_wkt(offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10, 0 10)'), -1, 2))",
  "geom_to_wkt(offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), 20))",
  "geom_to_wkt(single_sided_buffer(geom_from_wkt('MULTILINESTRING((0 0, 10 0), (0 5, 10 5))'), 1))",
  // a collection of polygons and lines or points: the shared model holds
  // one kind of part a geometry (NULL, with a warning)
  "geom_to_wkt(intersection(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), geom_from_wkt('MULTIPOLYGON(((10 0, 20 0, 20 5, 10 5, 10 0)), ((5 6, 15 6, 15 15, 5 15, 5 6)))')))",
  "geom_to_wkt(combine(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), geom_from_wkt('LINESTRING(-5 5, 15 5)')))",
  "geom_to_wkt(combine(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), geom_from_wkt('LINESTRING(10 5, 20 5)')))",
  "geom_to_wkt(combine(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), geom_from_wkt('POINT(20 20)')))",
  "geom_to_wkt(combine(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), geom_from_wkt('MULTIPOINT((5 5), (20 20))')))",
  "geom_to_wkt(sym_difference(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), geom_from_wkt('LINESTRING(-5 5, 15 5)')))",
  "geom_to_wkt(sym_difference(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), geom_from_wkt('LINESTRING(10 5, 20 5)')))",
  "geom_to_wkt(sym_difference(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), geom_from_wkt('POINT(20 20)')))",
  "geom_to_wkt(sym_difference(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), geom_from_wkt('MULTIPOINT((5 5), (20 20))')))",
  "geom_to_wkt(combine(geom_from_wkt('POINT(50 5)'), geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))')))",
]);

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const dateText = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const timeText = (d: Date) =>
  `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${
    pad(d.getMilliseconds(), 3)
  }`;

/** Whether our value is QGIS's (typed as the golden file types it). */
function same(ours: unknown, want: unknown): boolean {
  if (want === null) return ours === null || ours === undefined;
  if (typeof want === "number") {
    const n = typeof ours === "boolean" ? Number(ours) : ours;
    return typeof n === "number" &&
      Math.abs(n - want) <= 1e-9 * Math.max(1, Math.abs(want));
  }
  if (typeof want === "boolean") {
    return ours === want || ours === Number(want);
  }
  if (typeof want === "string") return ours === want;
  if (Array.isArray(want)) {
    return Array.isArray(ours) && ours.length === want.length &&
      want.every((w, i) => same(ours[i], w));
  }
  const w = want as Record<string, unknown>;
  if ("color" in w) return ours === w.color;
  if ("number" in w) return Object.is(ours, Number(w.number));
  if ("bytes" in w) {
    return ours === w.bytes ||
      (ours instanceof Uint8Array &&
        new TextDecoder().decode(ours) === w.bytes);
  }
  if ("date" in w) return ours instanceof Date && dateText(ours) === w.date;
  if ("datetime" in w) {
    return ours instanceof Date &&
      `${dateText(ours)}T${timeText(ours)}` === w.datetime;
  }
  if ("time" in w) {
    return ours instanceof Date
      ? timeText(ours) === w.time
      : ours === w.time || `${ours}.000` === w.time;
  }
  if ("interval" in w) return same(ours, w.interval);
  if ("wkt" in w) {
    // QGIS's asWkt(8), as geom_to_wkt spells it
    return isGeometry(ours) &&
      lookupFunction("geom_to_wkt")!.fn!([ours], {}) === w.wkt;
  }
  if (typeof ours !== "object" || ours === null || Array.isArray(ours)) {
    return false;
  }
  const o = ours as Record<string, unknown>;
  const keys = Object.keys(w);
  return Object.keys(o).length === keys.length &&
    keys.every((k) => k in o && same(o[k], w[k]));
}

/**
 * Functions of QGIS's the engine does not have yet: their entries are
 * skipped, counted below.
 */
const unknownNames = (text: string) =>
  [
    ...text.replace(/'(?:[^']|'')*'/g, "''").matchAll(
      /(\$?[A-Za-z_][A-Za-z0-9_]*)\s*\(/g,
    ),
  ]
    .map((m) => m[1])
    .filter((n) => !lookupFunction(n));
const NOT_YET = 2;

/**
 * Results whose order QGIS leaves to its hash (seeded in each process):
 * compared in sorted order.
 */
const UNORDERED = /^array_(?:majority|minority)\(.*'(?:all|real_minority)'\)$/;
const sorted = (v: unknown) =>
  Array.isArray(v) ? [...v].sort((a, b) => String(a) < String(b) ? -1 : 1) : v;

function ours(entry: Entry): unknown {
  const text = entry.expression;
  const v = compileExpression(text)(contextOf(entry));
  return UNORDERED.test(text) ? sorted(v) : v;
}

Deno.test("every golden expression evaluates as QGIS 3.22 evaluates it", () => {
  const wrong: string[] = [];
  const missing: string[] = [];
  let checked = 0;
  for (const entry of golden) {
    if (entry.parserError !== undefined || GAPS.has(entry.expression)) continue;
    if (unknownNames(entry.expression).length) {
      missing.push(entry.expression);
      continue;
    }
    checked++;
    let got: unknown;
    try {
      got = ours(entry);
    } catch (e) {
      wrong.push(`${entry.expression}: threw ${(e as Error).message}`);
      continue;
    }
    const want = UNORDERED.test(entry.expression)
      ? sorted(entry.value)
      : entry.error
      ? null
      : entry.value;
    if (!same(got, want)) {
      wrong.push(
        `${entry.expression}: ${Deno.inspect(got)}, QGIS ${
          JSON.stringify(want)
        }`,
      );
    }
  }
  assert.equal(
    wrong.length,
    0,
    `${wrong.length} of ${checked} differ:\n${wrong.join("\n")}`,
  );
  assert.equal(
    missing.length,
    NOT_YET,
    `entries of unknown functions:\n${missing.join("\n")}`,
  );
});

Deno.test("golden expressions QGIS refuses to parse are refused with QGIS's reason", () => {
  const entries = golden.filter((e) => e.parserError !== undefined);
  assert.ok(entries.length >= 9);
  for (const entry of entries) {
    // QGIS 3.22's messages say "QgsExpressionFunction::Parameter" where
    // they mean "parameter" (a search-and-replace in its sources)
    const reason = entry.parserError!.trim().replaceAll(
      "QgsExpressionFunction::Parameter",
      "parameter",
    );
    assert.throws(
      () => parseExpression(entry.expression),
      (e: Error) => e.name === "QgisSyntaxError" && e.message.includes(reason),
      entry.expression,
    );
  }
});

Deno.test("the golden file's gaps still differ (the list stays true)", () => {
  for (const text of GAPS) {
    const entry = golden.find((e) => e.expression === text);
    assert.ok(entry, `${text} is in the golden file`);
    let got: unknown;
    try {
      got = ours(entry);
    } catch {
      continue;
    }
    assert.ok(
      !same(got, entry.error ? null : entry.value),
      `${text} works now`,
    );
  }
});

Deno.test("tree walk and compiled closures agree on the golden expressions", () => {
  for (const entry of golden) {
    if (entry.parserError !== undefined || GAPS.has(entry.expression)) continue;
    if (unknownNames(entry.expression).length) continue;
    if (/rand|uuid|\$now/.test(entry.expression)) continue;
    let walked: unknown;
    try {
      walked = evaluate(parseExpression(entry.expression), contextOf(entry));
      if (UNORDERED.test(entry.expression)) walked = sorted(walked);
    } catch {
      continue;
    }
    const want = entry.error ? null : entry.value;
    assert.ok(
      same(walked, UNORDERED.test(entry.expression) ? sorted(want) : want),
      entry.expression,
    );
  }
});
