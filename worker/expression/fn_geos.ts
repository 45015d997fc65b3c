/**
 * The geometry functions QGIS 3.22 evaluates with GEOS, evaluated with GEOS
 * (`worker/geos/`, GEOS 3.13 in WebAssembly; QGIS 3.22 links 3.11):
 * `buffer`, `offset_curve`, `single_sided_buffer`, the predicates
 * `touches`, `crosses`, `overlaps`, `relate`, `is_valid`, the overlays
 * `intersection`, `difference`, `combine`/`union`,
 * `sym_difference`/`symDifference`, and `hausdorff_distance`,
 * `shortest_line`, `closest_point`, `line_merge`.
 *
 * Evaluation stays synchronous: the queue loads GEOS before a job whose
 * text names one of them ({@linkcode GEOS_FUNCTIONS}); where it was not
 * loaded the call is NULL with a warning, and GEOS is loaded for the next
 * job. A result the shared geometry model cannot hold (a collection of
 * points and lines) is NULL with a warning; an input over GEOS's bounds
 * (`MAX_GEOS_VERTICES`) or a buffer that would cost more than
 * {@linkcode MAX_GEOS_BUFFER_COST} too; a GEOS error (a topology
 * exception on invalid input) is NULL, as in QGIS.
 *
 * @module
 */
import type { Geometry } from "../geometry/types.ts";
import {
  checkGeosInput,
  GeosError,
  GeosLimitError,
  geosLoaded,
  type GeosScope,
  loadGeos,
  withGeos,
} from "../geos/geos.ts";
import { chargeExpressionWork } from "./budget.ts";
import { ExpressionEvalError, ExpressionUnsupportedError } from "./errors.ts";
import { alias, def } from "./registry.ts";
import { isGeometry, toNumber, toText, tvl } from "./values.ts";

/**
 * Names (lower case) of the functions this module evaluates with GEOS.
 *
 * @example
 * ```ts
 * import { GEOS_FUNCTIONS } from "./fn_geos.ts";
 * GEOS_FUNCTIONS.test("buffer($geometry, 10)"); // true
 * GEOS_FUNCTIONS.test("area($geometry)"); // false
 * ```
 */
export const GEOS_FUNCTIONS: RegExp =
  /(?:\b(?:buffer|offset_curve|single_sided_buffer|touches|crosses|overlaps|within|contains|relate|is_valid|intersection|difference|combine|union|sym_difference|symdifference|hausdorff_distance|shortest_line|closest_point|line_merge)|overlay_(?:within|contains|touches|crosses|equals))\s*\(/i;

/**
 * Work units (`budget.ts`) one input vertex of a GEOS call costs: GEOS
 * took 1 to 60 µs a vertex (an overlay of two 100,000-vertex rings that
 * cross: 6 s).
 */
export const GEOS_VERTEX_COST = 10_000;
/** Work units one unit of a buffer's cost ({@link bufferCost}) costs. */
export const GEOS_BUFFER_UNIT_COST = 1000;
/**
 * Most a buffer, offset curve or single-sided buffer may cost GEOS
 * (vertices of its raw offset curves times their overlap): a circle of a
 * million vertices took 1.8 s and 107 MB of GEOS's heap.
 */
export const MAX_GEOS_BUFFER_COST = 1_000_000;

type Fn = (...args: number[]) => number;

function asGeometry(v: unknown): Geometry {
  if (isGeometry(v)) return v;
  throw new ExpressionEvalError(`Cannot convert '${toText(v)}' to geometry`);
}

// runs `body` with GEOS for `name`, its inputs bounded and charged
function geosCall<T>(
  name: string,
  inputs: Geometry[],
  body: (s: GeosScope, handles: number[]) => T,
  cost = 0,
  segments?: number,
): T {
  if (!geosLoaded()) {
    loadGeos().catch(() => {});
    throw new ExpressionUnsupportedError(
      `Cannot evaluate ${name}(): GEOS was not loaded for this job; the expression is NULL`,
    );
  }
  let n: number;
  try {
    n = checkGeosInput(`${name}()`, ...inputs);
  } catch (e) {
    if (e instanceof GeosLimitError) {
      throw new ExpressionUnsupportedError(`${e.message}; it is NULL`);
    }
    throw e;
  }
  if (cost > MAX_GEOS_BUFFER_COST) {
    throw new ExpressionUnsupportedError(
      `Cannot evaluate ${name}(): with ${segments} segments a quadrant at that distance it would cost GEOS more than ${MAX_GEOS_BUFFER_COST} units (vertices of its offset curves times their overlap); it is NULL`,
    );
  }
  chargeExpressionWork(n * GEOS_VERTEX_COST + cost * GEOS_BUFFER_UNIT_COST);
  try {
    return withGeos((s) =>
      body(
        s,
        inputs.map((g) => s.geometry(g)),
      )
    );
  } catch (e) {
    if (e instanceof GeosError) throw new ExpressionEvalError(e.message);
    throw e;
  }
}

// a GEOS geometry as a value: NULL for none, a warning for a mixed collection
function result(s: GeosScope, handle: number, name: string): Geometry {
  const g = s.read(s.check(s.own(handle), `${name}()`));
  if (!g) {
    throw new ExpressionUnsupportedError(
      `Cannot evaluate ${name}(): GEOS made a collection of points, lines and polygons, which the engine's geometries cannot hold; it is NULL`,
    );
  }
  return g;
}

// QgsGeos::fromGeos makes no geometry of an empty point: NULL
const valueOf = (g: Geometry): Geometry | null =>
  g.kind === "point" && !g.parts.length ? null : g;

const fn = (s: GeosScope, name: string) => s.api[name] as Fn;

// What a buffer of `g` at `distance` with `segments` a quadrant costs
// GEOS: the vertices of its raw offset curves (each vertex 2, plus its
// join's arc, `segments` a quarter turn; a line's ends their caps, a
// point its circle) times how many other segments each overlaps (the
// distance over the mean segment length): GEOS nodes them all, and a
// 10,000-vertex zigzag buffered 100 times its segments' length took 45 s
// and 1.1 GB of its heap, which never shrinks.
function bufferCost(g: Geometry, distance: number, segments: number): number {
  const q = Math.max(1, Math.abs(Math.trunc(segments)) || 1);
  let raw = 0, length = 0, count = 0;
  for (const part of g.parts) {
    if (g.kind === "point") raw += 4 * q + 1;
    else if (g.kind === "line") raw += 4 * q;
    for (const ring of part) {
      const n = ring.length / 2;
      raw += 2 * n;
      for (let i = 1; i < n; i++) {
        const dx = ring[2 * i] - ring[2 * i - 2];
        const dy = ring[2 * i + 1] - ring[2 * i - 1];
        length += Math.hypot(dx, dy);
        count++;
        if (i + 1 < n) {
          const ex = ring[2 * i + 2] - ring[2 * i];
          const ey = ring[2 * i + 3] - ring[2 * i + 1];
          const turn = Math.abs(
            Math.atan2(dx * ey - dy * ex, dx * ex + dy * ey),
          );
          raw += Math.ceil((q * turn) / (Math.PI / 2));
        }
      }
    }
  }
  const mean = count ? length / count : 0;
  const overlap = mean > 0
    ? Math.min(count, Math.max(1, Math.abs(distance) / mean))
    : 1;
  return raw * overlap;
}

// --- buffers and offsets ----------------------------------------------------
const CAPS: Record<string, number> = { round: 1, flat: 2, square: 3 };
const JOINS: Record<string, number> = { round: 1, miter: 2, bevel: 3 };

def("buffer", 2, 6, ([g, d, segments, cap, join, miter]) => {
  const geometry = asGeometry(g);
  const q = segments === undefined ? 8 : Math.trunc(toNumber(segments));
  // QgsGeometry::buffer's names; any other is round
  const capStyle = CAPS[toText(cap ?? "round").trim().toLowerCase()] ?? 1;
  const joinStyle = JOINS[toText(join ?? "round").trim().toLowerCase()] ?? 1;
  const limit = miter === undefined ? 2 : toNumber(miter);
  const distance = toNumber(d);
  return geosCall(
    "buffer",
    [geometry],
    (s, [h]) =>
      result(
        s,
        fn(s, "GEOSBufferWithStyle")(
          h,
          distance,
          q,
          capStyle,
          joinStyle,
          limit,
        ),
        "buffer",
      ),
    bufferCost(geometry, distance, q),
    q,
  );
});

// QgsCurve::orientation: the sign of QgsLineString::sumUpArea, the
// shoelace sum from point to point, not closed
function clockwise(line: Float64Array): boolean {
  let sum = 0;
  for (let i = 2; i + 1 < line.length; i += 2) {
    sum += line[i - 2] * line[i + 1] - line[i - 1] * line[i];
  }
  return sum < 0;
}

// fcnOffsetCurve and fcnSingleSidedBuffer of QGIS 3.22 read the mitre
// limit from the join argument (`values.at( 3 )`): `miter_limit` is read
// past, as there
function mitreOf(join: unknown, _miter: unknown): number {
  return join === undefined ? 1 : toNumber(join);
}

function joinStyleOf(v: unknown): number | null {
  const j = v === undefined ? 1 : Math.trunc(toNumber(v));
  return j >= 1 && j <= 3 ? j : null;
}

def("offset_curve", 2, 5, ([g, d, segments, join, miter]) => {
  const geometry = asGeometry(g);
  if (geometry.kind !== "line") return null;
  const joinStyle = joinStyleOf(join);
  if (joinStyle === null) return null;
  const q = segments === undefined ? 8 : Math.trunc(toNumber(segments));
  // QGIS 3.22 reads the mitre limit from the join argument (values.at(3))
  const limit = mitreOf(join, miter);
  const distance = toNumber(d);
  // QgsGeometry::offsetCurve: part by part, each kept in its line's
  // orientation (GEOS may reverse it)
  const parts: Float64Array[][] = [];
  for (const part of geometry.parts) {
    const line: Geometry = { kind: "line", parts: [part] };
    const out = geosCall(
      "offset_curve",
      [line],
      (s, [h]) =>
        result(
          s,
          fn(s, "GEOSOffsetCurve")(h, distance, q, joinStyle, limit),
          "offset_curve",
        ),
      bufferCost(line, distance, q),
      q,
    );
    if (out.kind !== "line") continue;
    for (const p of out.parts) {
      const curve = p[0];
      if (
        out.parts.length === 1 && curve.length >= 4 &&
        clockwise(curve) !== clockwise(part[0])
      ) {
        const r = new Float64Array(curve.length);
        for (let i = 0; i < curve.length; i += 2) {
          r[i] = curve[curve.length - 2 - i];
          r[i + 1] = curve[curve.length - 1 - i];
        }
        parts.push([r]);
      } else if (curve.length) parts.push(p);
    }
  }
  return parts.length ? { kind: "line", parts } : null;
});

def("single_sided_buffer", 2, 5, ([g, d, segments, join, miter]) => {
  const geometry = asGeometry(g);
  if (geometry.kind !== "line") return null;
  const joinStyle = joinStyleOf(join);
  if (joinStyle === null) return null;
  const q = segments === undefined ? 8 : Math.trunc(toNumber(segments));
  const limit = mitreOf(join, miter);
  const distance = toNumber(d);
  const out = geosCall(
    "single_sided_buffer",
    [geometry],
    (s, [h]) => {
      const params = fn(s, "GEOSBufferParams_create")();
      try {
        fn(s, "GEOSBufferParams_setSingleSided")(params, 1);
        fn(s, "GEOSBufferParams_setQuadrantSegments")(params, q);
        fn(s, "GEOSBufferParams_setJoinStyle")(params, joinStyle);
        fn(s, "GEOSBufferParams_setMitreLimit")(params, limit);
        return result(
          s,
          fn(s, "GEOSBufferWithParams")(h, params, distance),
          "single_sided_buffer",
        );
      } finally {
        fn(s, "GEOSBufferParams_destroy")(params);
      }
    },
    bufferCost(geometry, distance, q),
    q,
  );
  return out.parts.length ? out : null;
});

// --- predicates ---------------------------------------------------------------
for (
  const [name, geosName] of [
    ["touches", "GEOSTouches"],
    ["crosses", "GEOSCrosses"],
    ["overlaps", "GEOSOverlaps"],
    ["within", "GEOSWithin"],
    ["contains", "GEOSContains"],
  ] as const
) {
  def(name, 2, 2, ([a, b]) =>
    geosCall(
      name,
      [asGeometry(a), asGeometry(b)],
      // 2 is GEOS's exception, false in QGIS
      (s, [x, y]) => tvl(fn(s, geosName)(x, y) === 1),
    ));
}

def(
  "relate",
  2,
  3,
  ([a, b, pattern]) =>
    geosCall("relate", [asGeometry(a), asGeometry(b)], (s, [x, y]) => {
      const M = s.api.Module;
      if (pattern !== undefined) {
        const text = toText(pattern);
        const ptr = M._malloc(text.length * 4 + 1);
        try {
          M.stringToUTF8(text, ptr, text.length * 4 + 1);
          return fn(s, "GEOSRelatePattern")(x, y, ptr) === 1;
        } finally {
          M._free(ptr);
        }
      }
      const out = s.check(fn(s, "GEOSRelate")(x, y), "relate()");
      const matrix = M.UTF8ToString(out);
      s.api.GEOSFree(out);
      return matrix;
    }),
);

def(
  "is_valid",
  1,
  1,
  ([g]) =>
    geosCall("is_valid", [asGeometry(g)], (s, [h]) => {
      const valid = fn(s, "GEOSisValid")(h);
      if (valid === 2) throw new GeosError("Cannot evaluate is_valid()");
      return valid === 1;
    }),
);

/**
 * Whether `a` and `b` are topologically equal (GEOS's Equals), as
 * `overlay_equals` tests them.
 *
 * @example
 * ```ts ignore
 * geosEquals(square, sameSquareFromAnotherCorner); // true
 * ```
 */
export function geosEquals(a: Geometry, b: Geometry): boolean {
  return geosCall(
    "overlay_equals",
    [a, b],
    (s, [x, y]) => fn(s, "GEOSEquals")(x, y) === 1,
  );
}

// --- overlays -----------------------------------------------------------------
for (
  const [name, geosName] of [
    ["intersection", "GEOSIntersection"],
    ["difference", "GEOSDifference"],
    ["combine", "GEOSUnion"],
    ["sym_difference", "GEOSSymDifference"],
  ] as const
) {
  def(
    name,
    2,
    2,
    ([a, b]) =>
      geosCall(name, [asGeometry(a), asGeometry(b)], (s, [x, y]) => {
        let out = s.own(fn(s, geosName)(x, y));
        // QgsGeos::overlay merges the lines of a union (GEOSLineMerge)
        if (name === "combine" && out && s.api.GEOSGeomTypeId(out) === 5) {
          const merged = fn(s, "GEOSLineMerge")(out);
          if (merged) out = merged;
        }
        return valueOf(result(s, out, name));
      }),
  );
}
alias("combine", "union");
alias("sym_difference", "symdifference");

// --- distances and lines ------------------------------------------------------
def("hausdorff_distance", 2, 3, ([a, b, densify]) => {
  const fraction = densify === undefined || densify === null
    ? -1
    : toNumber(densify);
  return geosCall(
    "hausdorff_distance",
    [asGeometry(a), asGeometry(b)],
    (s, [x, y]) =>
      s.double(
        (ptr) =>
          fraction > 0
            ? fn(s, "GEOSHausdorffDistanceDensify")(x, y, fraction, ptr)
            : fn(s, "GEOSHausdorffDistance")(x, y, ptr),
        "hausdorff_distance()",
      ),
  );
}, false);

// GEOS's nearest points of `a` and `b`: [xa, ya, xb, yb]
function nearest(name: string, a: Geometry, b: Geometry): number[] {
  return geosCall(name, [a, b], (s, [x, y]) => {
    const seq = s.check(fn(s, "GEOSNearestPoints")(x, y), `${name}()`);
    try {
      const out: number[] = [];
      for (let i = 0; i < 2; i++) {
        for (const axis of ["GEOSCoordSeq_getX", "GEOSCoordSeq_getY"]) {
          out.push(s.double((p) => fn(s, axis)(seq, i, p), `${name}()`));
        }
      }
      return out;
    } finally {
      fn(s, "GEOSCoordSeq_destroy")(seq);
    }
  });
}

def("shortest_line", 2, 2, ([a, b]) => {
  const p = nearest("shortest_line", asGeometry(a), asGeometry(b));
  return { kind: "line", parts: [[new Float64Array(p)]] };
});

def("closest_point", 2, 2, ([a, b]) => {
  const p = nearest("closest_point", asGeometry(a), asGeometry(b));
  return { kind: "point", parts: [[new Float64Array(p.slice(0, 2))]] };
});

def("line_merge", 1, 1, ([g]) => {
  const geometry = asGeometry(g);
  if (geometry.kind !== "line") return null;
  // QgsGeometry::mergeLines: a single line is itself
  if (geometry.parts.length === 1) return geometry;
  return geosCall(
    "line_merge",
    [geometry],
    (s, [h]) => result(s, fn(s, "GEOSLineMerge")(h), "line_merge"),
  );
});
