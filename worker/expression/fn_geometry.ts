/**
 * QGIS's simple geometry functions over the shared geometry model
 * (vertices, parts, rings, bounds, constructors, affine moves, linear
 * referencing), as QGIS 3.22 computes them. The model has no Z or M and
 * does not tell a one-part multi-geometry from a single one.
 *
 * @module
 */
import type { Geometry, GeometryKind } from "../geometry/types.ts";
import { bounds, length } from "../geometry/measure.ts";
import { intersects } from "../geometry/predicates.ts";
import { def, lazy } from "./registry.ts";
import { evaluate } from "./evaluate.ts";
import { parseExpression } from "./parser.ts";
import type { ExpressionContext } from "./registry.ts";
import {
  ExpressionEvalError,
  ExpressionUnsupportedError,
  QgisSyntaxError,
} from "./errors.ts";
import {
  chargeExpressionWork,
  checkArrayLength,
  LOOP_STEP_COST,
} from "./budget.ts";
import { encodeWkb, parseWkb } from "../geometry/wkb.ts";
import {
  compareValues,
  isGeometry,
  isTruthy,
  toInt,
  toNumber,
  toText,
} from "./values.ts";

const num = toNumber;
type XY = [number, number];

function asGeometry(v: unknown): Geometry {
  if (isGeometry(v)) return v;
  throw new ExpressionEvalError(`Cannot convert '${toText(v)}' to geometry`);
}
const current = (ctx: ExpressionContext): Geometry | null =>
  ctx.geometry !== undefined ? ctx.geometry : ctx.feature?.geometry ?? null;

const point = ([x, y]: XY): Geometry => ({
  kind: "point",
  parts: [[new Float64Array([x, y])]],
});
const line = (pts: XY[]): Geometry => ({
  kind: "line",
  parts: [[new Float64Array(pts.flat())]],
});
const ringPoints = (c: Float64Array): XY[] => {
  const out: XY[] = [];
  for (let i = 0; i + 1 < c.length; i += 2) out.push([c[i], c[i + 1]]);
  return out;
};

/** Every vertex, in QGIS's order (parts, rings, closing vertices too). */
function vertices(g: Geometry): XY[] {
  charge(g);
  const out: XY[] = [];
  for (const part of g.parts) {
    for (const ring of part) out.push(...ringPoints(ring));
  }
  return out;
}
function vertexAt(g: Geometry, index: number): XY | null {
  const v = vertices(g);
  const i = index < 0 ? v.length + index : index;
  return i >= 0 && i < v.length ? v[i] : null;
}
/** The one line of a (single) line geometry. */
function linePoints(g: Geometry, what: string): XY[] {
  if (g.kind !== "line" || g.parts.length !== 1) {
    throw new ExpressionEvalError(`${what} needs a line`);
  }
  return ringPoints(g.parts[0][0]);
}
/** Work units a geometry's coordinates cost (one a coordinate). */
const charge = (g: Geometry) =>
  chargeExpressionWork(
    g.parts.reduce((n, p) => n + p.reduce((k, r) => k + r.length, 0), 0),
  );
const map = (g: Geometry, f: (p: XY) => XY): Geometry => (charge(g), {
  kind: g.kind,
  parts: g.parts.map((part) =>
    part.map((ring) => new Float64Array(ringPoints(ring).flatMap(f)))
  ),
});
const dist = (a: XY, b: XY) => Math.hypot(b[0] - a[0], b[1] - a[1]);
const TWO_PI = 2 * Math.PI;
const normalized = (a: number) => ((a % TWO_PI) + TWO_PI) % TWO_PI;
/** Azimuth from a to b: clockwise from north, radians in [0, 2π). */
const azimuth = (a: XY, b: XY) =>
  normalized(Math.atan2(b[0] - a[0], b[1] - a[1]));
function averageAngle(a1: number, a2: number): number {
  const cw = a2 >= a1 ? a2 - a1 : a2 + (TWO_PI - a1);
  const ccw = TWO_PI - cw;
  return normalized(cw <= ccw ? a1 + cw / 2 : a1 - ccw / 2);
}

// --- vertices -----------------------------------------------------------------
function atVertex(ctx: ExpressionContext, i: unknown, axis: 0 | 1) {
  const g = current(ctx);
  if (!g) return null;
  const v = vertexAt(g, toInt(i));
  if (!v) throw new ExpressionEvalError("Index is out of range");
  return v[axis];
}
def(["x_at", "$x_at", "xat"], 1, 1, ([i], ctx) => atVertex(ctx, i, 0));
def(["y_at", "$y_at", "yat"], 1, 1, ([i], ctx) => atVertex(ctx, i, 1));
def("start_point", 1, 1, ([g]) => {
  const v = vertexAt(asGeometry(g), 0);
  return v ? point(v) : null;
});
def("end_point", 1, 1, ([g]) => {
  const v = vertexAt(asGeometry(g), -1);
  return v ? point(v) : null;
});
def("point_n", 2, 2, ([g, n]) => {
  const k = toInt(n);
  if (k === 0) throw new ExpressionEvalError("Point index is 1-based");
  const v = vertexAt(asGeometry(g), k > 0 ? k - 1 : k);
  if (!v) throw new ExpressionEvalError("Point index is out of range");
  return point(v);
});
def("nodes_to_points", 1, 2, ([g, ignoreClosing = false]) => {
  const geom = asGeometry(g);
  const pts: XY[] = [];
  for (const part of geom.parts) {
    for (const ring of part) {
      const r = ringPoints(ring);
      const closed = r.length > 1 && r[0][0] === r.at(-1)![0] &&
        r[0][1] === r.at(-1)![1];
      pts.push(...(ignoreClosing === true && closed ? r.slice(0, -1) : r));
    }
  }
  checkArrayLength(pts.length, "nodes_to_points()");
  return { kind: "point", parts: pts.map((p) => [new Float64Array(p)]) };
});

// --- bounds ---------------------------------------------------------------------
const box = (g: unknown) => bounds(asGeometry(g));
def("bounds_width", 1, 1, ([g]) => {
  const b = box(g);
  return b ? b.xmax - b.xmin : null;
});
def("bounds_height", 1, 1, ([g]) => {
  const b = box(g);
  return b ? b.ymax - b.ymin : null;
});
def("xmin", 1, 1, ([g]) => box(g)?.xmin ?? null);
def("xmax", 1, 1, ([g]) => box(g)?.xmax ?? null);
def("ymin", 1, 1, ([g]) => box(g)?.ymin ?? null);
def("ymax", 1, 1, ([g]) => box(g)?.ymax ?? null);

// --- parts and rings --------------------------------------------------------------
def("is_empty", 1, 1, ([g]) => asGeometry(g).parts.length === 0);
def("is_closed", 1, 1, ([g]) => {
  const geom = asGeometry(g);
  if (geom.kind !== "line") return null;
  return geom.parts.every(([c]) =>
    c.length >= 4 && c[0] === c[c.length - 2] && c[1] === c[c.length - 1]
  );
});
def("is_multipart", 1, 1, ([g]) => asGeometry(g).parts.length > 1);
def("num_geometries", 1, 1, ([g]) => asGeometry(g).parts.length);
def("geometry_n", 2, 2, ([g, n]) => {
  const geom = asGeometry(g), k = toInt(n);
  if (geom.parts.length < 2) return null;
  const part = geom.parts[k - 1];
  return part ? { kind: geom.kind, parts: [part] } : null;
});
const polygonOnly = (g: unknown) => {
  const geom = asGeometry(g);
  return geom.kind === "polygon" ? geom : null;
};
def("exterior_ring", 1, 1, ([g]) => {
  const geom = polygonOnly(g);
  return geom && geom.parts.length === 1
    ? { kind: "line", parts: [[geom.parts[0][0]]] }
    : null;
});
def("interior_ring_n", 2, 2, ([g, n]) => {
  const geom = polygonOnly(g);
  if (!geom || geom.parts.length !== 1) return null;
  const ring = geom.parts[0][toInt(n)];
  return toInt(n) >= 1 && ring ? { kind: "line", parts: [[ring]] } : null;
});
def("num_rings", 1, 1, ([g]) => {
  const geom = polygonOnly(g);
  return geom ? geom.parts.reduce((n, p) => n + p.length, 0) : null;
});
def("num_interior_rings", 1, 1, ([g]) => {
  const geom = polygonOnly(g);
  return geom && geom.parts.length === 1 ? geom.parts[0].length - 1 : null;
});
def("boundary", 1, 1, ([g]) => {
  const geom = asGeometry(g);
  if (geom.kind === "polygon") {
    const rings = geom.parts.flat();
    return { kind: "line", parts: rings.map((r) => [r]) };
  }
  if (geom.kind === "line") {
    const ends: XY[] = [];
    for (const [c] of geom.parts) {
      const r = ringPoints(c);
      if (dist(r[0], r.at(-1)!) !== 0) ends.push(r[0], r.at(-1)!);
    }
    return { kind: "point", parts: ends.map((p) => [new Float64Array(p)]) };
  }
  return null;
});
def("close_line", 1, 1, ([g]) => {
  const geom = asGeometry(g);
  if (geom.kind !== "line") return null;
  return {
    kind: "line",
    parts: geom.parts.map(([c]) => {
      const closed = c[0] === c[c.length - 2] && c[1] === c[c.length - 1];
      return [closed ? c : new Float64Array([...c, c[0], c[1]])];
    }),
  };
});
const KINDS: Record<string, GeometryKind> = {
  point: "point",
  line: "line",
  polygon: "polygon",
};
def("collect_geometries", 1, Infinity, (args) => {
  const list = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  const geoms = list.filter((v) => v !== null).map(asGeometry);
  if (!geoms.length) return null;
  const kind = KINDS[geoms[0].kind];
  if (geoms.some((x) => x.kind !== kind)) {
    throw new ExpressionEvalError("Cannot collect geometries of mixed types");
  }
  return { kind, parts: geoms.flatMap((x) => x.parts) };
});

// --- constructors -------------------------------------------------------------------
const xyOf = (v: unknown): XY => {
  const g = asGeometry(v);
  if (g.kind !== "point" || g.parts.length !== 1) {
    throw new ExpressionEvalError("Expected a point");
  }
  const c = g.parts[0][0];
  return [c[0], c[1]];
};
def("make_line", 1, Infinity, (args) => {
  const list = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  checkArrayLength(list.length, "make_line()");
  if (list.some((v) => v === null)) return null;
  const pts = list.map(xyOf);
  return pts.length < 2 ? null : line(pts);
}, false);
def("make_polygon", 1, Infinity, (args) => {
  const rings = args.filter((v) => v !== null).map((v) => {
    const g = asGeometry(v);
    if (g.kind === "polygon") return g.parts[0][0];
    if (g.kind !== "line") throw new ExpressionEvalError("Expected a line");
    const c = g.parts[0][0];
    const closed = c[0] === c[c.length - 2] && c[1] === c[c.length - 1];
    return closed ? c : new Float64Array([...c, c[0], c[1]]);
  });
  return rings.length ? { kind: "polygon", parts: [rings] } : null;
}, false);
def("make_square", 2, 2, ([a, b]) => {
  const p1 = xyOf(a), p3 = xyOf(b);
  const cx = (p1[0] + p3[0]) / 2, cy = (p1[1] + p3[1]) / 2;
  const dx = p1[0] - cx, dy = p1[1] - cy;
  const p2: XY = [cx + dy, cy - dx], p4: XY = [cx - dy, cy + dx];
  return {
    kind: "polygon",
    parts: [[new Float64Array([...p1, ...p2, ...p3, ...p4, ...p1])]],
  };
});

// --- moves --------------------------------------------------------------------------
def(
  "translate",
  3,
  3,
  ([g, dx, dy]) => {
    const x = num(dx), y = num(dy);
    return map(asGeometry(g), ([px, py]) => [px + x, py + y]);
  },
);
def("rotate", 2, 3, ([g, a, c]) => {
  const geom = asGeometry(g);
  let center: XY;
  if (c === undefined || c === null) {
    const b = bounds(geom);
    if (!b) return geom;
    center = [(b.xmin + b.xmax) / 2, (b.ymin + b.ymax) / 2];
  } else center = xyOf(c);
  // clockwise, in degrees
  const t = num(a) * Math.PI / 180, cos = Math.cos(t), sin = Math.sin(t);
  return map(geom, ([x, y]) => {
    const dx = x - center[0], dy = y - center[1];
    return [center[0] + dx * cos + dy * sin, center[1] - dx * sin + dy * cos];
  });
}, false);
def("flip_coordinates", 1, 1, ([g]) => map(asGeometry(g), ([x, y]) => [y, x]));
def("azimuth", 2, 2, ([a, b]) => azimuth(xyOf(a), xyOf(b)));
def("project", 3, 4, ([p, d, az, el]) => {
  const [x, y] = xyOf(p);
  const distance = num(d), a = num(az);
  const inclination = el === undefined || el === null ? Math.PI / 2 : num(el);
  const horizontal = distance * Math.sin(inclination);
  return point([x + horizontal * Math.sin(a), y + horizontal * Math.cos(a)]);
});

// --- linear referencing ----------------------------------------------------------------
/** The point and segment index at `distance` along a line (null past it). */
function along(pts: XY[], distance: number): [XY, number] | null {
  if (distance < 0 || !pts.length) return null;
  let walked = 0;
  for (let i = 1; i < pts.length; i++) {
    const d = dist(pts[i - 1], pts[i]);
    if (walked + d >= distance) {
      const t = d === 0 ? 0 : (distance - walked) / d;
      return [[
        pts[i - 1][0] + t * (pts[i][0] - pts[i - 1][0]),
        pts[i - 1][1] + t * (pts[i][1] - pts[i - 1][1]),
      ], i];
    }
    walked += d;
  }
  return null;
}
def("line_interpolate_point", 2, 2, ([g, d]) => {
  const at = along(
    linePoints(asGeometry(g), "line_interpolate_point()"),
    num(d),
  );
  return at ? point(at[0]) : null;
});
def("line_interpolate_angle", 2, 2, ([g, d]) => {
  const pts = linePoints(asGeometry(g), "line_interpolate_angle()");
  const at = along(pts, num(d));
  if (!at) return null;
  const [p, i] = at;
  const a = azimuth(pts[i - 1], pts[i]);
  // on a vertex between two segments: their average
  if (dist(p, pts[i]) === 0 && i + 1 < pts.length) {
    return averageAngle(a, azimuth(pts[i], pts[i + 1])) * 180 / Math.PI;
  }
  return a * 180 / Math.PI;
});
def("line_locate_point", 2, 2, ([g, p]) => {
  const pts = linePoints(asGeometry(g), "line_locate_point()");
  const q = xyOf(p);
  let best = Infinity, at = 0, walked = 0;
  for (let i = 1; i < pts.length; i++) {
    const [a, b] = [pts[i - 1], pts[i]];
    const d = dist(a, b);
    const t = d === 0 ? 0 : Math.max(
      0,
      Math.min(
        1,
        ((q[0] - a[0]) * (b[0] - a[0]) + (q[1] - a[1]) * (b[1] - a[1])) /
          (d * d),
      ),
    );
    const e = dist(q, [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    if (e < best) {
      best = e;
      at = walked + t * d;
    }
    walked += d;
  }
  return at;
});
def("line_substring", 3, 3, ([g, s, e]) => {
  const pts = linePoints(asGeometry(g), "line_substring()");
  const total = length(asGeometry(g));
  let from = num(s), to = num(e);
  if (from < 0) from = Math.max(0, total + from);
  if (to < 0) to = Math.max(0, total + to);
  from = Math.min(from, total);
  to = Math.min(to, total);
  if (to < from) to = from;
  const a = along(pts, from), b = along(pts, to);
  if (!a || !b) return null;
  return line([a[0], ...pts.slice(a[1], b[1]), b[0]]);
});
def("extend", 3, 3, ([g, s, e]) => {
  const pts = linePoints(asGeometry(g), "extend()");
  if (pts.length < 2) return null;
  const grow = (a: XY, b: XY, by: number): XY => {
    const d = dist(a, b);
    return d === 0
      ? a
      : [a[0] + (a[0] - b[0]) / d * by, a[1] + (a[1] - b[1]) / d * by];
  };
  const out = [...pts];
  out[0] = grow(pts[0], pts[1], num(s));
  out[out.length - 1] = grow(pts.at(-1)!, pts.at(-2)!, num(e));
  return line(out);
});
def("straight_distance_2d", 1, 1, ([g]) => {
  const pts = linePoints(asGeometry(g), "straight_distance_2d()");
  return pts.length ? dist(pts[0], pts.at(-1)!) : null;
});
def("sinuosity", 1, 1, ([g]) => {
  const pts = linePoints(asGeometry(g), "sinuosity()");
  const straight = pts.length ? dist(pts[0], pts.at(-1)!) : 0;
  return straight === 0 ? NaN : length(asGeometry(g)) / straight;
});
def("angle_at_vertex", 2, 2, ([g, v]) => {
  const pts = linePoints(asGeometry(g), "angle_at_vertex()");
  let i = toInt(v);
  if (i < 0) i += pts.length;
  if (i < 0 || i >= pts.length || pts.length < 2) return null;
  const closed = dist(pts[0], pts.at(-1)!) === 0;
  let angle: number;
  if (i === 0 || i === pts.length - 1) {
    const out = i === 0 ? azimuth(pts[0], pts[1]) : null;
    const inc = i === pts.length - 1 ? azimuth(pts.at(-2)!, pts.at(-1)!) : null;
    if (closed && pts.length > 2) {
      angle = averageAngle(
        azimuth(pts.at(-2)!, pts.at(-1)!),
        azimuth(pts[0], pts[1]),
      );
    } else angle = (out ?? inc)!;
  } else {
    angle = averageAngle(
      azimuth(pts[i - 1], pts[i]),
      azimuth(pts[i], pts[i + 1]),
    );
  }
  return angle * 180 / Math.PI;
});
def("distance_to_vertex", 2, 2, ([g, v]) => {
  const pts = vertices(asGeometry(g));
  const i = toInt(v);
  if (i < 0 || i >= pts.length) return null;
  let d = 0;
  for (let k = 1; k <= i; k++) d += dist(pts[k - 1], pts[k]);
  return d;
});

// --- distance -----------------------------------------------------------------------------
function segmentDistance(q: XY, a: XY, b: XY): number {
  const d2 = (b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2;
  const t = d2 === 0 ? 0 : Math.max(
    0,
    Math.min(
      1,
      ((q[0] - a[0]) * (b[0] - a[0]) + (q[1] - a[1]) * (b[1] - a[1])) / d2,
    ),
  );
  return dist(q, [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
}
/** Segments (a point: a segment of length 0) of every ring and line. */
function segments(g: Geometry): [XY, XY][] {
  const out: [XY, XY][] = [];
  for (const part of g.parts) {
    for (const ring of part) {
      const r = ringPoints(ring);
      if (r.length === 1) out.push([r[0], r[0]]);
      for (let i = 1; i < r.length; i++) out.push([r[i - 1], r[i]]);
    }
  }
  return out;
}
def("distance", 2, 2, ([a, b]) => {
  const x = asGeometry(a), y = asGeometry(b);
  if (!x.parts.length || !y.parts.length) return null;
  if (intersects(x, y)) return 0;
  const sx = segments(x), sy = segments(y);
  chargeExpressionWork(sx.length * sy.length);
  let best = Infinity;
  for (const [p, q] of sx) {
    for (const [r, s] of sy) {
      best = Math.min(
        best,
        segmentDistance(p, r, s),
        segmentDistance(q, r, s),
        segmentDistance(r, p, q),
        segmentDistance(s, p, q),
      );
    }
  }
  return best;
});

// --- WKB ----------------------------------------------------------------------------------
def("geom_to_wkb", 1, 1, ([g]) => encodeWkb(asGeometry(g)));
def("geom_from_wkb", 1, 1, ([b]) => {
  if (!(b instanceof Uint8Array)) {
    throw new ExpressionEvalError("Cannot convert to geometry: no binary");
  }
  try {
    return parseWkb(b);
  } catch (e) {
    throw new ExpressionEvalError(
      `Cannot convert to geometry: ${(e as Error).message}`,
    );
  }
});

// --- orientation and segments ---------------------------------------------------------------
/** Twice the signed area of a ring (positive: counter-clockwise). */
function signedArea(c: Float64Array): number {
  let s = 0;
  for (let i = 0; i + 3 < c.length; i += 2) {
    s += c[i] * c[i + 3] - c[i + 2] * c[i + 1];
  }
  return s;
}
function reversedRing(c: Float64Array): Float64Array {
  const out = new Float64Array(c.length);
  for (let i = 0; i < c.length; i += 2) {
    out[c.length - 2 - i] = c[i];
    out[c.length - 1 - i] = c[i + 1];
  }
  return out;
}
// exterior rings clockwise, holes counter-clockwise
def("force_rhr", 1, 1, ([g]) => {
  const geom = asGeometry(g);
  if (geom.kind !== "polygon") return geom;
  return {
    kind: "polygon",
    parts: geom.parts.map((rings) =>
      rings.map((r, i) =>
        (i === 0 ? signedArea(r) > 0 : signedArea(r) < 0) ? reversedRing(r) : r
      )
    ),
  };
});
def("segments_to_lines", 1, 1, ([g]) => {
  const geom = asGeometry(g);
  if (geom.kind === "point") return null;
  const parts: Float64Array[][] = [];
  for (const part of geom.parts) {
    for (const r of part) {
      checkArrayLength(parts.length + r.length / 2, "segments_to_lines()");
      for (let i = 0; i + 3 < r.length; i += 2) {
        parts.push([r.slice(i, i + 4)]);
      }
    }
  }
  return { kind: "line", parts };
});

// --- shapes ---------------------------------------------------------------------------------
function segmentCount(v: unknown): number {
  const n = toInt(v);
  if (n < 3) throw new ExpressionEvalError("Segments must be 3 or more");
  checkArrayLength(n, "a shape's segments");
  chargeExpressionWork(n);
  return n;
}
/** Ellipse vertices from the north end of the major axis, clockwise. */
function ellipse(
  [cx, cy]: XY,
  a: number,
  b: number,
  azimuthDegrees: number,
  n: number,
): Geometry {
  const az = azimuthDegrees * Math.PI / 180;
  const [mx, my] = [Math.sin(az), Math.cos(az)]; // major axis
  const [nx, ny] = [Math.cos(az), -Math.sin(az)]; // minor axis
  const pts: XY[] = [];
  for (let i = 0; i < n; i++) {
    const t = 2 * Math.PI / n * i;
    const u = a * Math.cos(t), v = b * Math.sin(t);
    pts.push([cx + u * mx + v * nx, cy + u * my + v * ny]);
  }
  pts.push(pts[0]);
  return { kind: "polygon", parts: [[new Float64Array(pts.flat())]] };
}
def("make_circle", 2, 3, ([c, r, n = 36]) => {
  const radius = num(r);
  return ellipse(xyOf(c), radius, radius, 0, segmentCount(n));
});
def(
  "make_ellipse",
  4,
  5,
  ([c, a, b, az, n = 36]) =>
    ellipse(xyOf(c), num(a), num(b), num(az), segmentCount(n)),
);
def("make_regular_polygon", 3, 4, ([c, p, sides, option = 0]) => {
  const center = xyOf(c), corner = xyOf(p);
  const n = toInt(sides);
  if (n < 3) throw new ExpressionEvalError("Sides must be 3 or more");
  checkArrayLength(n, "make_regular_polygon()");
  chargeExpressionWork(n);
  let radius = dist(center, corner);
  let az = azimuth(center, corner);
  // circumscribed: the point is the middle of a side
  if (toInt(option) === 1) {
    radius = radius / Math.cos(Math.PI / n);
    az -= Math.PI / n;
  }
  const pts: XY[] = [];
  for (let i = 0; i < n; i++) {
    const t = az + 2 * Math.PI / n * i;
    pts.push([
      center[0] + radius * Math.sin(t),
      center[1] + radius * Math.cos(t),
    ]);
  }
  pts.push(pts[0]);
  return { kind: "polygon", parts: [[new Float64Array(pts.flat())]] };
});
def("make_rectangle_3points", 3, 4, ([a, b, c, option = 0]) => {
  const p1 = xyOf(a), p2 = xyOf(b), p3 = xyOf(c);
  const d = dist(p1, p2);
  if (d === 0) return null;
  const ux = (p2[0] - p1[0]) / d, uy = (p2[1] - p1[1]) / d;
  // the side of p1→p2 the third point is on, and how far
  const across = (p3[0] - p2[0]) * uy - (p3[1] - p2[1]) * ux;
  const width = toInt(option) === 1 ? Math.abs(across) : dist(p2, p3);
  const side = across < 0 ? -1 : 1;
  const nx = uy * side * width, ny = -ux * side * width;
  const ring = [p1, p2, [p2[0] + nx, p2[1] + ny], [p1[0] + nx, p1[1] + ny], p1];
  return { kind: "polygon", parts: [[new Float64Array(ring.flat())]] };
});
def("affine_transform", 6, 10, ([g, dx, dy, rot, sx, sy]) => {
  const t = num(rot) * Math.PI / 180, cos = Math.cos(t), sin = Math.sin(t);
  const x0 = num(dx), y0 = num(dy), kx = num(sx), ky = num(sy);
  return map(asGeometry(g), ([x, y]) => {
    const u = x * kx, v = y * ky;
    return [x0 + u * cos - v * sin, y0 + u * sin + v * cos];
  });
});

// --- GEOS's interior point and convex hull ------------------------------------------------------
/** GEOS's InteriorPointArea: the middle of the widest section of a scan line. */
function interiorPointArea(g: Geometry): XY | null {
  let best: XY | null = null, bestWidth = -1;
  for (const rings of g.parts) {
    const ys = rings.flatMap((r) => ringPoints(r).map((p) => p[1]));
    if (!ys.length) continue;
    let ymin = Infinity, ymax = -Infinity;
    for (const y of ys) {
      if (y < ymin) ymin = y;
      if (y > ymax) ymax = y;
    }
    const centre = (ymin + ymax) / 2;
    let lo = ymin, hi = ymax;
    for (const y of ys) {
      if (y <= centre) {
        if (y > lo) lo = y;
      } else if (y < hi) hi = y;
    }
    const scanY = (lo + hi) / 2;
    const xs: number[] = [];
    for (const r of rings) {
      const pts = ringPoints(r);
      for (let i = 1; i < pts.length; i++) {
        const [x0, y0] = pts[i - 1], [x1, y1] = pts[i];
        if ((y0 > scanY && y1 > scanY) || (y0 < scanY && y1 < scanY)) continue;
        if (y0 === y1) continue;
        if (y0 === scanY && y1 < scanY) continue;
        if (y1 === scanY && y0 < scanY) continue;
        xs.push(
          x0 === x1 ? x0 : x0 + (x1 - x0) * (scanY - y0) / (y1 - y0),
        );
      }
    }
    xs.sort((a, b) => a - b);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const width = xs[i + 1] - xs[i];
      if (width > bestWidth) {
        bestWidth = width;
        best = [(xs[i] + xs[i + 1]) / 2, scanY];
      }
    }
  }
  return best;
}
/** The vertex nearest `c` among `pts` (the first of equals). */
function nearest(pts: XY[], c: XY): XY | null {
  let best: XY | null = null, d = Infinity;
  for (const p of pts) {
    const e = dist(p, c);
    if (e < d) {
      d = e;
      best = p;
    }
  }
  return best;
}
function interiorPointLine(g: Geometry): XY | null {
  // the length-weighted centroid of the segments
  let sx = 0, sy = 0, total = 0;
  const lines = g.parts.map(([c]) => ringPoints(c));
  for (const pts of lines) {
    for (let i = 1; i < pts.length; i++) {
      const l = dist(pts[i - 1], pts[i]);
      sx += l * (pts[i - 1][0] + pts[i][0]) / 2;
      sy += l * (pts[i - 1][1] + pts[i][1]) / 2;
      total += l;
    }
  }
  if (total === 0) return lines[0]?.[0] ?? null;
  const c: XY = [sx / total, sy / total];
  return nearest(lines.flatMap((p) => p.slice(1, -1)), c) ??
    nearest(lines.flatMap((p) => [p[0], p[p.length - 1]]), c);
}
def("point_on_surface", 1, 1, ([g]) => {
  const geom = asGeometry(g);
  charge(geom);
  if (!geom.parts.length) return null;
  let p: XY | null;
  if (geom.kind === "polygon") p = interiorPointArea(geom);
  else if (geom.kind === "line") p = interiorPointLine(geom);
  else {
    const pts = vertices(geom);
    const c: XY = [
      pts.reduce((s, q) => s + q[0], 0) / pts.length,
      pts.reduce((s, q) => s + q[1], 0) / pts.length,
    ];
    p = nearest(pts, c);
  }
  return p ? point(p) : null;
});

/**
 * The convex hull as GEOS gives it: from the lowest point (then leftmost),
 * clockwise, without collinear vertices; a point or a line when the
 * points are fewer or collinear.
 */
def(["convex_hull", "convexhull"], 1, 1, ([g]) => convexHull(asGeometry(g)));
function convexHull(geom: Geometry): Geometry | null {
  const pts = vertices(geom);
  const sorted = [...pts].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const unique = sorted.filter((p, i) =>
    i === 0 || p[0] !== sorted[i - 1][0] || p[1] !== sorted[i - 1][1]
  );
  if (unique.length === 0) return null;
  if (unique.length === 1) return point(unique[0]);
  const cross = (o: XY, a: XY, b: XY) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  // Andrew's monotone chain, counter-clockwise
  const lower: XY[] = [], upper: XY[] = [];
  for (const p of unique) {
    while (lower.length >= 2 && cross(lower.at(-2)!, lower.at(-1)!, p) <= 0) {
      lower.pop();
    }
    lower.push(p);
  }
  for (const p of [...unique].reverse()) {
    while (upper.length >= 2 && cross(upper.at(-2)!, upper.at(-1)!, p) <= 0) {
      upper.pop();
    }
    upper.push(p);
  }
  const ccw = [...lower.slice(0, -1), ...upper.slice(0, -1)];
  if (ccw.length < 3) return line([unique[0], unique[unique.length - 1]]);
  // GEOS: start at the lowest, then leftmost point, clockwise
  let start = 0;
  ccw.forEach((p, i) => {
    const s = ccw[start];
    if (p[1] < s[1] || (p[1] === s[1] && p[0] < s[0])) start = i;
  });
  const ring = [...ccw.slice(start), ...ccw.slice(0, start)];
  const cw = [ring[0], ...ring.slice(1).reverse(), ring[0]];
  return { kind: "polygon", parts: [[new Float64Array(cw.flat())]] };
}

// --- QGIS's oriented minimum bounding box ---------------------------------------------------------
/** QTransform's affine matrix: x' = m11 x + m21 y + dx, y' = m12 x + m22 y + dy. */
type Affine = [number, number, number, number, number, number];
/**
 * `QTransform::fromTranslate(c).rotate(degrees).translate(-c)`, with Qt's
 * exact sines of right angles.
 */
function rotationAbout([cx, cy]: XY, degrees: number): Affine {
  let sin = 0, cos = 1;
  if (degrees === 90 || degrees === -270) [sin, cos] = [1, 0];
  else if (degrees === 270 || degrees === -90) [sin, cos] = [-1, 0];
  else if (degrees === 180) [sin, cos] = [0, -1];
  else if (degrees !== 0) {
    const b = 0.017453292519943295769 * degrees;
    [sin, cos] = [Math.sin(b), Math.cos(b)];
  }
  const m11 = cos, m12 = sin, m21 = -sin, m22 = cos;
  return [
    m11,
    m12,
    m21,
    m22,
    cx + (-cx * m11 + -cy * m21),
    cy + (-cy * m22 + -cx * m12),
  ];
}
const apply = ([m11, m12, m21, m22, dx, dy]: Affine, [x, y]: XY): XY => [
  m11 * x + m21 * y + dx,
  m12 * x + m22 * y + dy,
];
/** QgsInternalGeometryEngine::orientedMinimumBoundingBox: [box, angle]. */
function orientedBox(g: Geometry): [Geometry, number] | null {
  const hull = convexHull(g);
  if (!hull || hull.kind !== "polygon") return null;
  let pts = ringPoints(hull.parts[0][0]);
  // each of the hull's edges turns the whole hull
  chargeExpressionWork(pts.length * pts.length);
  const pt0 = pts[0];
  let pt1 = pt0;
  let area = Number.MAX_VALUE, angle = 0, width = 0, height = 0;
  let rect = { xmin: 0, ymin: 0, xmax: 0, ymax: 0 };
  let total = 0;
  for (let i = 1; i < pts.length; i++) {
    const pt2 = pts[i];
    const rotate = 180 / Math.PI *
      normalized(-Math.atan2(pt2[1] - pt1[1], pt2[0] - pt1[0]) + Math.PI / 2);
    total += rotate;
    const t = rotationAbout(pt0, rotate);
    pts = pts.map((p) => apply(t, p));
    let xmin = Infinity, ymin = Infinity, xmax = -Infinity, ymax = -Infinity;
    for (const [x, y] of pts) {
      xmin = Math.min(xmin, x);
      ymin = Math.min(ymin, y);
      xmax = Math.max(xmax, x);
      ymax = Math.max(ymax, y);
    }
    const current = (xmax - xmin) * (ymax - ymin);
    if (current < area) {
      rect = { xmin, ymin, xmax, ymax };
      area = current;
      angle = total;
      width = xmax - xmin;
      height = ymax - ymin;
    }
    pt1 = pts[i];
  }
  // QgsGeometry::fromRect, then rotate(angle, pt0): clockwise
  const t = rotationAbout(pt0, -angle);
  const corners: XY[] = [
    [rect.xmin, rect.ymin],
    [rect.xmax, rect.ymin],
    [rect.xmax, rect.ymax],
    [rect.xmin, rect.ymax],
    [rect.xmin, rect.ymin],
  ];
  const box: Geometry = {
    kind: "polygon",
    parts: [[new Float64Array(corners.flatMap((p) => apply(t, p)))]],
  };
  if (width > height) angle += 90;
  if (angle > 180) angle = angle % 180;
  return [box, angle];
}
def("oriented_bbox", 1, 1, ([g]) => orientedBox(asGeometry(g))?.[0] ?? null);
def("main_angle", 1, 1, ([g]) => orientedBox(asGeometry(g))?.[1] ?? null);

// --- parts in the order of an expression ------------------------------------------------------------
// QgsExpressionSorter: the expression evaluated with each part as the
// feature's geometry; NULLs last ascending, first descending
lazy("order_parts", 3, 3, (args, ev, ctx) => {
  const g = ev(args[0]), text = ev(args[1]), asc = ev(args[2]);
  if (g === null || text === null || asc === null) return null;
  const geom = asGeometry(g);
  if (geom.parts.length < 2) return geom;
  let tree;
  try {
    tree = parseExpression(toText(text));
  } catch (e) {
    if (e instanceof QgisSyntaxError) {
      throw new ExpressionEvalError(
        `Cannot evaluate order_parts(): ${e.message}`,
      );
    }
    throw e;
  }
  chargeExpressionWork(geom.parts.length * LOOP_STEP_COST);
  const keyed = geom.parts.map((part, i) => {
    const one: Geometry = { kind: geom.kind, parts: [part] };
    const feature = ctx.feature ? { ...ctx.feature, geometry: one } : undefined;
    let key: unknown;
    try {
      key = evaluate(tree, { ...ctx, feature, geometry: one });
    } catch (e) {
      if (!(e instanceof ExpressionEvalError)) throw e;
      key = null;
    }
    return { part, key: key ?? null, i };
  });
  const up = isTruthy(asc);
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key === b.key) return a.i - b.i;
      return (a.key === null ? 1 : -1) * (up ? 1 : -1);
    }
    const c = compareValues(a.key, b.key);
    return (up ? c : -c) || a.i - b.i;
  });
  return { kind: geom.kind, parts: keyed.map((k) => k.part) };
});

// --- QGIS's smoothing and extrusion ------------------------------------------------------------------
const angleBetween = (p1: XY, p2: XY, p3: XY) =>
  normalized(
    Math.atan2(p1[1] - p2[1], p1[0] - p2[0]) -
      Math.atan2(p3[1] - p2[1], p3[0] - p2[0]),
  );
const lerp = (a: XY, b: XY, t: number): XY => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
];
/** QgsGeometry's smoothCurve (Chaikin's corner cutting with QGIS's limits). */
function smoothCurve(
  line: XY[],
  iterations: number,
  offset: number,
  squareDist: number,
  maxAngle: number,
  ring: boolean,
): XY[] {
  let pts = line;
  for (let it = 0; it < iterations; it++) {
    chargeExpressionWork(pts.length * 2);
    checkArrayLength(pts.length * 2, "smooth()");
    const out: XY[] = [];
    const n = pts.length;
    let skipFirst = false, skipLast = false;
    if (ring) {
      const angle = Math.abs(
        Math.PI - angleBetween(pts[n - 2], pts[0], pts[1]),
      );
      skipFirst = angle > maxAngle;
    }
    for (let i = 0; i < n - 1; i++) {
      const p1 = pts[i], p2 = pts[i + 1];
      let angle = Math.PI;
      if (i === 0 && ring) angle = angleBetween(p1, p2, pts[n - 2]);
      else if (i < n - 2) angle = angleBetween(p1, p2, pts[i + 2]);
      else if (i === n - 2 && ring) angle = angleBetween(p1, p2, pts[1]);
      skipLast = angle < Math.PI - maxAngle || angle > Math.PI + maxAngle;
      const d2 = (p2[0] - p1[0]) ** 2 + (p2[1] - p1[1]) ** 2;
      if (i === 0 || i >= n - 2 || d2 > squareDist) {
        if (!ring) {
          if (!skipFirst) out.push(i === 0 ? p1 : lerp(p1, p2, offset));
          if (!skipLast) {
            out.push(i === n - 2 ? p2 : lerp(p1, p2, 1 - offset));
          } else out.push(p2);
        } else {
          if (!skipFirst) out.push(lerp(p1, p2, offset));
          else if (i === 0) out.push(p1);
          if (!skipLast) out.push(lerp(p1, p2, 1 - offset));
          else out.push(p2);
        }
      }
      skipFirst = skipLast;
    }
    if (
      ring && out.length &&
      (out[0][0] !== out.at(-1)![0] || out[0][1] !== out.at(-1)![1])
    ) out.push(out[0]);
    pts = out;
  }
  return pts;
}
def(
  "smooth",
  1,
  5,
  ([g, it = 1, off = 0.25, minLength = -1, maxAngle = 180]) => {
    const geom = asGeometry(g);
    if (geom.kind === "point") return geom;
    const iterations = Math.max(0, Math.min(toInt(it), 10));
    const offset = Math.max(0, Math.min(num(off), 0.5));
    const min = num(minLength);
    const squareDist = min > 0 ? min * min : -1;
    const angle = Math.max(0, Math.min(num(maxAngle), 180)) * Math.PI / 180;
    const ring = geom.kind === "polygon";
    return {
      kind: geom.kind,
      parts: geom.parts.map((rings) =>
        rings.map((r) =>
          new Float64Array(
            smoothCurve(
              ringPoints(r),
              iterations,
              offset,
              squareDist,
              angle,
              ring,
            )
              .flat(),
          )
        )
      ),
    };
  },
);
// QgsInternalGeometryEngine::extrude: each line, then itself moved and
// reversed, closed
def("extrude", 3, 3, ([g, dx, dy]) => {
  const geom = asGeometry(g);
  if (geom.kind !== "line") return null;
  charge(geom);
  const x = num(dx), y = num(dy);
  return {
    kind: "polygon",
    parts: geom.parts.map(([c]) => {
      const pts = ringPoints(c);
      const back = [...pts].reverse().map(([px, py]): XY => [px + x, py + y]);
      return [new Float64Array([...pts, ...back, pts[0]].flat())];
    }),
  };
});

// --- QGIS's pole of inaccessibility ---------------------------------------------------------------
/** A cell of the polylabel search: centre, half size, distance, best possible. */
interface Cell {
  x: number;
  y: number;
  h: number;
  d: number;
  max: number;
}
/** Signed distance to a polygon's rings (positive inside). */
function distanceToPolygon(x: number, y: number, rings: XY[][]): number {
  let inside = false, minSq = Number.MAX_VALUE;
  for (const ring of rings) {
    const len = ring.length;
    for (let i = 0, j = len - 1; i < len; j = i++) {
      const [ax, ay] = ring[i], [bx, by] = ring[j];
      if ((ay > y) !== (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax) {
        inside = !inside;
      }
      minSq = Math.min(minSq, segmentDistance([x, y], [ax, ay], [bx, by]) ** 2);
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(minSq);
}
/** std::priority_queue over `max` with libstdc++'s heap moves (ties too). */
class CellQueue {
  #c: Cell[] = [];
  get size(): number {
    return this.#c.length;
  }
  push(v: Cell): void {
    const c = this.#c;
    c.push(v);
    this.#up(c.length - 1, 0, v);
  }
  #up(hole: number, top: number, v: Cell): void {
    const c = this.#c;
    let parent = Math.trunc((hole - 1) / 2);
    while (hole > top && c[parent].max < v.max) {
      c[hole] = c[parent];
      hole = parent;
      parent = Math.trunc((hole - 1) / 2);
    }
    c[hole] = v;
  }
  pop(): Cell {
    const c = this.#c;
    const top = c[0];
    const len = c.length - 1;
    if (len > 0) {
      const v = c[len];
      c[len] = top;
      let hole = 0, child = 0;
      while (child < Math.trunc((len - 1) / 2)) {
        child = 2 * (child + 1);
        if (c[child].max < c[child - 1].max) child--;
        c[hole] = c[child];
        hole = child;
      }
      if ((len & 1) === 0 && child === Math.trunc((len - 2) / 2)) {
        child = 2 * (child + 1);
        c[hole] = c[child - 1];
        hole = child - 1;
      }
      this.#up(hole, 0, v);
    }
    c.pop();
    return top;
  }
}
function pole(rings: XY[][], precision: number): [XY, number] {
  const cell = (x: number, y: number, h: number): Cell => {
    const d = distanceToPolygon(x, y, rings);
    return { x, y, h, d, max: d + h * Math.SQRT2 };
  };
  let xmin = Infinity, ymin = Infinity, xmax = -Infinity, ymax = -Infinity;
  for (const [x, y] of rings[0]) {
    xmin = Math.min(xmin, x);
    ymin = Math.min(ymin, y);
    xmax = Math.max(xmax, x);
    ymax = Math.max(ymax, y);
  }
  const width = xmax - xmin, height = ymax - ymin;
  const size = Math.min(width, height);
  if (Math.abs(size) <= 1e-8) return [[xmin, ymin], 0];
  let h = size / 2;
  const queue = new CellQueue();
  const vertexCount = rings.reduce((n, r) => n + r.length, 0);
  const cells = Math.ceil(width / size) * Math.ceil(height / size);
  checkArrayLength(cells, "pole_of_inaccessibility()");
  chargeExpressionWork(cells * vertexCount);
  for (let x = xmin; x < xmax; x += size) {
    for (let y = ymin; y < ymax; y += size) queue.push(cell(x + h, y + h, h));
  }
  // the centroid of the exterior ring is the first guess
  const ext = rings[0];
  let area = 0, cx = 0, cy = 0;
  const len = ext.length - 1;
  for (let i = 0, j = len - 1; i < len; j = i++) {
    const [ax, ay] = ext[i], [bx, by] = ext[j];
    const f = ax * by - bx * ay;
    cx += (ax + bx) * f;
    cy += (ay + by) * f;
    area += f * 3;
  }
  let best = Math.abs(area) <= 1e-8
    ? cell(ext[0][0], ext[0][1], 0)
    : cell(cx / area, cy / area, 0);
  const box = cell(xmin + width / 2, ymin + height / 2, 0);
  if (box.d > best.d) best = box;
  while (queue.size) {
    const current = queue.pop();
    chargeExpressionWork(vertexCount);
    if (current.d > best.d) best = current;
    if (current.max - best.d <= precision) continue;
    h = current.h / 2;
    // a tolerance far below the polygon's size splits without end
    checkArrayLength(queue.size + 4, "pole_of_inaccessibility()");
    queue.push(cell(current.x - h, current.y - h, h));
    queue.push(cell(current.x + h, current.y - h, h));
    queue.push(cell(current.x - h, current.y + h, h));
    queue.push(cell(current.x + h, current.y + h, h));
  }
  return [[best.x, best.y], best.d];
}
/**
 * QGIS's pole of inaccessibility of one polygon (rings of `[x, y]`), found
 * to `precision`: the point and its distance to the rings.
 *
 * @example
 * ```ts
 * import { poleOfInaccessibility } from "./fn_geometry.ts";
 * const square = [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]] as [number, number][][];
 * poleOfInaccessibility(square, 0.1)[1]; // 2
 * ```
 */
export function poleOfInaccessibility(
  rings: [number, number][][],
  precision: number,
): [[number, number], number] {
  return pole(rings, precision);
}
def("pole_of_inaccessibility", 2, 2, ([g, t]) => {
  const geom = asGeometry(g);
  if (geom.kind !== "polygon") return null;
  const precision = num(t);
  if (!(precision > 0)) {
    throw new ExpressionEvalError("The tolerance must be above 0");
  }
  let best: XY | null = null, bestD = -Infinity;
  for (const part of geom.parts) {
    const [p, d] = pole(part.map(ringPoints), precision);
    if (d > bestD) {
      bestD = d;
      best = p;
    }
  }
  return best ? point(best) : null;
});

// --- minimal_circle ------------------------------------------------------------
type Circle = { c: XY; r: number; az: number };
/** Most convex hull points `minimal_circle` takes. */
const MAX_CIRCLE_POINTS = 5000;

// QgsCircle::from3Points's centre (the slopes of two chords); azimuth 0
function circleOf3(p1: XY, p2: XY, p3: XY): Circle {
  const aSlope = (p2[1] - p1[1]) / (p2[0] - p1[0]);
  const bSlope = (p3[1] - p2[1]) / (p3[0] - p2[0]);
  const x = (aSlope * bSlope * (p1[1] - p3[1]) + bSlope * (p1[0] + p2[0]) -
    aSlope * (p2[0] + p3[0])) / (2 * (bSlope - aSlope));
  const y = -1 * (x - (p1[0] + p2[0]) / 2) / aSlope + (p1[1] + p2[1]) / 2;
  return { c: [x, y], r: Math.hypot(x - p1[0], y - p1[1]), az: 0 };
}

// QgsCircle::from3Points: the points taken in an order whose chords are
// neither vertical, as QGIS permutes them
function from3Points(a: XY, b: XY, c: XY): Circle | null {
  const eps = 1e-8;
  const ok = (p1: XY, p2: XY, p3: XY) =>
    Math.abs(p2[0] - p1[0]) > eps && Math.abs(p3[0] - p2[0]) > eps;
  for (
    const [p1, p2, p3] of [[a, b, c], [a, c, b], [b, a, c], [b, c, a], [
      c,
      b,
      a,
    ], [c, a, b]] as const
  ) {
    if (ok(p1, p2, p3)) {
      const circle = circleOf3(p1, p2, p3);
      return Number.isFinite(circle.r) ? circle : null;
    }
  }
  return null;
}

// QgsGeometry.cpp's __recMinimalEnclosingCircle (Welzl's, the last point
// first, no shuffle)
function welzl(points: XY[], n: number, boundary: XY[]): Circle | null {
  if (n === 0 || boundary.length === 3) {
    switch (boundary.length) {
      case 0:
        return null;
      case 1:
        return { c: boundary[0], r: 0, az: 0 };
      case 2: {
        const [p, q] = boundary;
        return {
          c: [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2],
          r: Math.hypot(q[0] - p[0], q[1] - p[1]) / 2,
          // QgsCircle::from2Points: from the second point to the first
          az: Math.atan2(p[0] - q[0], p[1] - q[1]) * 180 / Math.PI,
        };
      }
      default:
        return from3Points(boundary[0], boundary[1], boundary[2]);
    }
  }
  chargeExpressionWork(1);
  const p = points[n - 1];
  let circle = welzl(points, n - 1, boundary);
  if (
    !circle ||
    Math.hypot(p[0] - circle.c[0], p[1] - circle.c[1]) > circle.r + 1e-8
  ) {
    circle = welzl(points, n - 1, [...boundary, p]);
  }
  return circle;
}

def("minimal_circle", 1, 2, ([g, n = 36]) => {
  const segments = toInt(n);
  const hull = convexHull(asGeometry(g));
  if (!hull) return null;
  const points: XY[] = [];
  for (const part of hull.parts) {
    for (const ring of part) {
      for (let i = 0; i + 1 < ring.length; i += 2) {
        points.push([ring[i], ring[i + 1]]);
      }
    }
  }
  // QGIS recurses once a hull point: bounded so as not to overflow the stack
  if (points.length > MAX_CIRCLE_POINTS) {
    throw new ExpressionUnsupportedError(
      `Cannot evaluate minimal_circle(): its convex hull has more than ${MAX_CIRCLE_POINTS} points; it is NULL`,
    );
  }
  const circle = welzl(points, points.length, []);
  if (!circle) return null;
  // QgsEllipse::toPolygon of fewer than 3 segments: an empty polygon
  if (segments < 3) return { kind: "polygon", parts: [] };
  return ellipse(
    circle.c,
    circle.r,
    circle.r,
    circle.az,
    segmentCount(segments),
  );
});
