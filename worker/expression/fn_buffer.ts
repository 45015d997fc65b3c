/**
 * `buffer(geometry, distance, segments, cap, join, miter_limit)` of points,
 * as GEOS 3.11 builds it for QGIS 3.22: a circle of `segments` segments a
 * quadrant (round caps), a square (square caps) or nothing (flat caps),
 * each ring from its east point clockwise; the parts of a multipoint from
 * the rightmost east. The buffers of lines and polygons need GEOS's noding
 * and polygon building, which the engine does not have: they are NULL, as
 * are the buffers of points that overlap (a union).
 *
 * @module
 */
import type { Geometry } from "../geometry/types.ts";
import { chargeExpressionWork } from "./budget.ts";
import { ExpressionEvalError, ExpressionUnsupportedError } from "./errors.ts";
import { def } from "./registry.ts";
import { isGeometry, toNumber, toText } from "./values.ts";

type Cap = "round" | "square" | "flat";

// GEOS's OffsetSegmentGenerator::createCircle / createSquare
function pointRing(
  x: number,
  y: number,
  d: number,
  cap: Cap,
  quadrantSegments: number,
): Float64Array {
  if (cap === "square") {
    return new Float64Array([
      x + d,
      y + d,
      x + d,
      y - d,
      x - d,
      y - d,
      x - d,
      y + d,
      x + d,
      y + d,
    ]);
  }
  const n = 4 * quadrantSegments;
  const out = new Float64Array(2 * n + 2);
  const step = (2 * Math.PI) / n;
  out[0] = x + d;
  out[1] = y;
  for (let i = 1; i < n; i++) {
    const angle = -i * step;
    out[2 * i] = x + d * Math.cos(angle);
    out[2 * i + 1] = y + d * Math.sin(angle);
  }
  out[2 * n] = x + d;
  out[2 * n + 1] = y;
  return out;
}

/**
 * The buffer of a point geometry as QGIS 3.22 (GEOS 3.11) returns it, or
 * undefined where the engine cannot build it (lines, polygons, points whose
 * buffers meet).
 *
 * @example
 * ```ts
 * import { bufferPoints } from "./fn_buffer.ts";
 * const p = { kind: "point" as const, parts: [[new Float64Array([1, 2])]] };
 * bufferPoints(p, 1, 1, "round")?.parts[0][0];
 * // Float64Array [2, 2, 1, 1, 0, 2, 1, 3, 2, 2] (to rounding)
 * ```
 */
export function bufferPoints(
  g: Geometry,
  distance: number,
  segments: number,
  cap: Cap,
): Geometry | undefined {
  if (g.kind !== "point") return undefined;
  const points: [number, number][] = [];
  for (const part of g.parts) {
    for (const coords of part) {
      for (let k = 0; k + 1 < coords.length; k += 2) {
        points.push([coords[k], coords[k + 1]]);
      }
    }
  }
  if (distance <= 0 || cap === "flat" || !points.length) {
    return { kind: "polygon", parts: [] };
  }
  chargeExpressionWork(points.length * points.length);
  // each buffer apart from the others (a circle's reach: its radius)
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const dx = Math.abs(points[i][0] - points[j][0]);
      const dy = Math.abs(points[i][1] - points[j][1]);
      const apart = cap === "square"
        ? dx > 2 * distance || dy > 2 * distance
        : Math.sqrt(dx * dx + dy * dy) > 2 * distance * (1 + 1e-9);
      if (!apart) return undefined;
    }
  }
  // BufferBuilder's subgraphs, rightmost first; equal ones in the order
  // of their lowest-leftmost node
  const order = points.map((_p, k) => k).sort((a, b) =>
    points[b][0] - points[a][0] || points[a][1] - points[b][1] || a - b
  );
  const q = Math.max(1, Math.trunc(segments));
  return {
    kind: "polygon",
    parts: order.map((k) => [
      pointRing(points[k][0], points[k][1], distance, cap, q),
    ]),
  };
}

def("buffer", 2, 6, ([g, d, segments, cap]) => {
  if (!isGeometry(g)) {
    throw new ExpressionEvalError(`Cannot convert '${toText(g)}' to geometry`);
  }
  // QgsGeometry::buffer's cap names; any other is round
  const name = toText(cap ?? "round").trim().toLowerCase();
  const style: Cap = name === "flat"
    ? "flat"
    : name === "square"
    ? "square"
    : "round";
  const out = bufferPoints(
    g,
    toNumber(d),
    segments === undefined ? 8 : toNumber(segments),
    style,
  );
  if (!out) {
    throw new ExpressionUnsupportedError(
      `Cannot buffer a ${g.kind} geometry: only points apart from each other are buffered (GEOS's buffer is not available); the expression is NULL`,
    );
  }
  return out;
});
