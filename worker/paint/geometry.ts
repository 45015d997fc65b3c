/**
 * Pure geometry for painting: map → pixel coordinates, parallel offset
 * lines, centroids, points along lines. Coordinates are flat `x, y` arrays.
 *
 * @module
 */
import type { Geometry } from "../geometry/types.ts";
import { type MapSettings, pixelTransform } from "../map/map_settings.ts";

/**
 * Transforms a geometry to pixel coordinates (same part/ring structure).
 *
 * @example
 * ```ts
 * import { geometryToPixels } from "./geometry.ts";
 * const g = geometryToPixels(
 *   { kind: "point", parts: [[new Float64Array([2, 8])]] },
 *   { extent: { xmin: 0, ymin: 0, xmax: 10, ymax: 10 }, mapUnitsPerPixel: 1 },
 * );
 * Array.from(g.parts[0][0]); // [2, 2]
 * ```
 */
export function geometryToPixels(
  g: Geometry,
  map:
    & Pick<MapSettings, "extent" | "mapUnitsPerPixel">
    & Partial<Pick<MapSettings, "width" | "height">>,
): Geometry {
  // QgsMapToPixel's arithmetic: ties between pixels break as in QGIS
  const [sx, dx, sy, dy] = pixelTransform(map);
  return {
    kind: g.kind,
    parts: g.parts.map((rings) =>
      rings.map((r) => {
        const out = new Float64Array(r.length);
        for (let i = 0; i + 1 < r.length; i += 2) {
          out[i] = sx * r[i] + dx;
          out[i + 1] = sy * r[i + 1] + dy;
        }
        return out;
      })
    ),
  };
}

/**
 * A copy of a pixel geometry moved by `(dx, dy)`.
 *
 * @example
 * ```ts
 * import { shiftGeometry } from "./geometry.ts";
 * const g = shiftGeometry({ kind: "point", parts: [[new Float64Array([1, 2])]] }, 10, 20);
 * g.parts[0][0]; // Float64Array [11, 22]
 * ```
 */
export function shiftGeometry(g: Geometry, dx: number, dy: number): Geometry {
  return {
    kind: g.kind,
    parts: g.parts.map((part) =>
      part.map((r) => {
        const t = new Float64Array(r.length);
        for (let i = 0; i + 1 < r.length; i += 2) {
          t[i] = r[i] + dx;
          t[i + 1] = r[i + 1] + dy;
        }
        return t;
      })
    ),
  };
}

/**
 * Offsets a polyline sideways by `d` pixels (positive: to the right of its
 * direction on screen, as QGIS draws a positive line offset), with mitred
 * corners limited to avoid spikes.
 *
 * @example
 * ```ts
 * import { offsetLine } from "./geometry.ts";
 * Array.from(offsetLine(new Float64Array([0, 0, 10, 0]), 2)); // [0, 2, 10, 2]
 * ```
 */
export function offsetLine(line: Float64Array, d: number): Float64Array {
  const n = line.length / 2;
  if (n < 2 || d === 0) return line;
  const out = new Float64Array(line.length);
  // unit normals of every segment (screen right-hand side: (-dy, dx) in y-down)
  const nx: number[] = [], ny: number[] = [];
  for (let i = 0; i < n - 1; i++) {
    const dx = line[2 * i + 2] - line[2 * i],
      dy = line[2 * i + 3] - line[2 * i + 1];
    const len = Math.hypot(dx, dy) || 1;
    nx.push(-dy / len);
    ny.push(dx / len);
  }
  for (let i = 0; i < n; i++) {
    let ox: number, oy: number;
    if (i === 0) [ox, oy] = [nx[0], ny[0]];
    else if (i === n - 1) [ox, oy] = [nx[n - 2], ny[n - 2]];
    else {
      const mx = nx[i - 1] + nx[i], my = ny[i - 1] + ny[i];
      const ml = Math.hypot(mx, my);
      if (ml < 1e-9) [ox, oy] = [nx[i], ny[i]];
      else {
        const cos = (mx / ml) * nx[i] + (my / ml) * ny[i];
        const scale = 1 / Math.max(cos, 0.25);
        ox = (mx / ml) * scale;
        oy = (my / ml) * scale;
      }
    }
    out[2 * i] = line[2 * i] + ox * d;
    out[2 * i + 1] = line[2 * i + 1] + oy * d;
  }
  return out;
}

/**
 * Area-weighted centroid of a polygon's rings (exterior first; holes
 * subtract). Falls back to the vertex mean for degenerate rings.
 *
 * @example
 * ```ts
 * import { polygonCentroid } from "./geometry.ts";
 * polygonCentroid([new Float64Array([0, 0, 4, 0, 4, 4, 0, 4, 0, 0])]); // [2, 2]
 * ```
 */
export function polygonCentroid(rings: Float64Array[]): [number, number] {
  let a = 0, cx = 0, cy = 0;
  for (const r of rings) {
    for (let i = 0; i + 3 < r.length; i += 2) {
      const f = r[i] * r[i + 3] - r[i + 2] * r[i + 1];
      a += f;
      cx += (r[i] + r[i + 2]) * f;
      cy += (r[i + 1] + r[i + 3]) * f;
    }
  }
  if (Math.abs(a) < 1e-12) {
    const r = rings[0];
    let sx = 0, sy = 0;
    for (let i = 0; i + 1 < r.length; i += 2) {
      sx += r[i];
      sy += r[i + 1];
    }
    const n = Math.max(1, r.length / 2);
    return [sx / n, sy / n];
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/**
 * Whether a point lies inside a polygon (even-odd over all rings).
 *
 * @example
 * ```ts
 * import { pointInPolygon } from "./geometry.ts";
 * pointInPolygon(1, 1, [new Float64Array([0, 0, 4, 0, 4, 4, 0, 4, 0, 0])]); // true
 * ```
 */
export function pointInPolygon(
  x: number,
  y: number,
  rings: Float64Array[],
): boolean {
  let inside = false;
  for (const r of rings) {
    const n = r.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const xi = r[2 * i], yi = r[2 * i + 1], xj = r[2 * j], yj = r[2 * j + 1];
      if (
        (yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi
      ) {
        inside = !inside;
      }
    }
  }
  return inside;
}

/**
 * A point guaranteed inside a polygon: the centroid when inside, else the
 * middle of the widest inside span of the horizontal line through it.
 *
 * @example
 * ```ts
 * import { pointOnSurface } from "./geometry.ts";
 * pointOnSurface([new Float64Array([0, 0, 4, 0, 4, 4, 0, 4, 0, 0])]); // [2, 2]
 * ```
 */
export function pointOnSurface(rings: Float64Array[]): [number, number] {
  const c = polygonCentroid(rings);
  if (pointInPolygon(c[0], c[1], rings)) return c;
  const y = c[1];
  const xs: number[] = [];
  for (const r of rings) {
    for (let i = 0; i + 3 < r.length; i += 2) {
      const y1 = r[i + 1], y2 = r[i + 3];
      if ((y1 > y) !== (y2 > y)) {
        xs.push(r[i] + ((y - y1) / (y2 - y1)) * (r[i + 2] - r[i]));
      }
    }
  }
  xs.sort((a, b) => a - b);
  let best = -1, bx = c[0];
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1] - xs[i] > best) {
      best = xs[i + 1] - xs[i];
      bx = (xs[i] + xs[i + 1]) / 2;
    }
  }
  return [bx, y];
}

/** A position along a line with the direction of its segment. */
export interface LinePosition {
  /** x. */
  x: number;
  /** y. */
  y: number;
  /** Segment angle in degrees, clockwise on screen (atan2 in y-down pixels). */
  angle: number;
}

/**
 * Positions every `interval` pixels along a polyline, starting at
 * `offset` from its start.
 *
 * @example
 * ```ts
 * import { pointsAlong } from "./geometry.ts";
 * pointsAlong(new Float64Array([0, 0, 10, 0]), 5, 0).map((p) => p.x); // [0, 5, 10]
 * ```
 */
export function pointsAlong(
  line: Float64Array,
  interval: number,
  offset: number,
): LinePosition[] {
  const out: LinePosition[] = [];
  if (!(interval > 0)) return out;
  let next = offset;
  let walked = 0;
  for (let i = 0; i + 3 < line.length; i += 2) {
    const x1 = line[i], y1 = line[i + 1], x2 = line[i + 2], y2 = line[i + 3];
    const len = Math.hypot(x2 - x1, y2 - y1);
    const angle = (Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI;
    while (next <= walked + len + 1e-9 && out.length < 100000) {
      const t = len === 0 ? 0 : (next - walked) / len;
      out.push({ x: x1 + (x2 - x1) * t, y: y1 + (y2 - y1) * t, angle });
      next += interval;
    }
    walked += len;
  }
  return out;
}

/**
 * Length of a polyline.
 *
 * @example
 * ```ts
 * import { lineLength } from "./geometry.ts";
 * lineLength(new Float64Array([0, 0, 3, 4])); // 5
 * ```
 */
export function lineLength(line: Float64Array): number {
  let l = 0;
  for (let i = 0; i + 3 < line.length; i += 2) {
    l += Math.hypot(line[i + 2] - line[i], line[i + 3] - line[i + 1]);
  }
  return l;
}

/**
 * Clips a ring to a rectangle (Sutherland–Hodgman), as QGIS trims polygons
 * to the extent before drawing them.
 *
 * @example
 * ```ts
 * import { clipRing } from "./geometry.ts";
 * clipRing(new Float64Array([-5, 0, 5, 0, 5, 5, -5, 5, -5, 0]), 0, -10, 10, 10).length > 0; // true
 * ```
 */
export function clipRing(
  ring: Float64Array,
  xmin: number,
  ymin: number,
  xmax: number,
  ymax: number,
): Float64Array {
  let pts: number[] = Array.from(ring);
  const edges: [
    (x: number, y: number) => boolean,
    (ax: number, ay: number, bx: number, by: number) => [number, number],
  ][] = [
    [
      (x) => x >= xmin,
      (ax, ay, bx, by) => [xmin, ay + ((xmin - ax) * (by - ay)) / (bx - ax)],
    ],
    [
      (x) => x <= xmax,
      (ax, ay, bx, by) => [xmax, ay + ((xmax - ax) * (by - ay)) / (bx - ax)],
    ],
    [
      (_x, y) => y >= ymin,
      (ax, ay, bx, by) => [ax + ((ymin - ay) * (bx - ax)) / (by - ay), ymin],
    ],
    [
      (_x, y) => y <= ymax,
      (ax, ay, bx, by) => [ax + ((ymax - ay) * (bx - ax)) / (by - ay), ymax],
    ],
  ];
  for (const [inside, cut] of edges) {
    const n = pts.length / 2;
    if (n === 0) break;
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const cx = pts[2 * i], cy = pts[2 * i + 1];
      const p = (i + n - 1) % n;
      const px = pts[2 * p], py = pts[2 * p + 1];
      const cin = inside(cx, cy), pin = inside(px, py);
      if (cin) {
        if (!pin) out.push(...cut(px, py, cx, cy));
        out.push(cx, cy);
      } else if (pin) out.push(...cut(px, py, cx, cy));
    }
    pts = out;
  }
  // keep the closed-ring convention (last vertex repeats the first)
  if (pts.length >= 2) pts.push(pts[0], pts[1]);
  return new Float64Array(pts);
}

/**
 * Clips a polyline to a rectangle; returns the pieces inside (Liang–Barsky
 * per segment, consecutive inside segments joined), as QGIS clips lines to
 * the extent before drawing them.
 *
 * @example
 * ```ts
 * import { clipLine } from "./geometry.ts";
 * clipLine(new Float64Array([-5, 5, 15, 5]), 0, 0, 10, 10).map((l) => Array.from(l)); // [[0, 5, 10, 5]]
 * ```
 */
export function clipLine(
  line: Float64Array,
  xmin: number,
  ymin: number,
  xmax: number,
  ymax: number,
): Float64Array[] {
  const out: Float64Array[] = [];
  let cur: number[] = [];
  const flush = () => {
    if (cur.length >= 4) out.push(new Float64Array(cur));
    cur = [];
  };
  for (let i = 0; i + 3 < line.length; i += 2) {
    const x1 = line[i], y1 = line[i + 1], x2 = line[i + 2], y2 = line[i + 3];
    const dx = x2 - x1, dy = y2 - y1;
    let t0 = 0, t1 = 1, ok = true;
    for (
      const [p, q] of [[-dx, x1 - xmin], [dx, xmax - x1], [-dy, y1 - ymin], [
        dy,
        ymax - y1,
      ]]
    ) {
      if (p === 0) {
        if (q < 0) {
          ok = false;
          break;
        }
      } else {
        const r = q / p;
        if (p < 0) {
          if (r > t1) {
            ok = false;
            break;
          }
          if (r > t0) t0 = r;
        } else {
          if (r < t0) {
            ok = false;
            break;
          }
          if (r < t1) t1 = r;
        }
      }
    }
    if (!ok) {
      flush();
      continue;
    }
    const ax = x1 + t0 * dx,
      ay = y1 + t0 * dy,
      bx = x1 + t1 * dx,
      by = y1 + t1 * dy;
    const n = cur.length;
    if (n === 0 || cur[n - 2] !== ax || cur[n - 1] !== ay) {
      flush();
      cur.push(ax, ay);
    }
    cur.push(bx, by);
    if (t1 < 1) flush();
  }
  flush();
  return out;
}

/**
 * Clips a line to a rectangle as QGIS clips a feature's line before drawing
 * it (`QgsClipper::clippedLine`): ONE polyline, whose pieces inside the
 * rectangle are joined along its border — through its corners where they
 * leave and re-enter by different sides — so that dash patterns and marker
 * intervals run on along the whole line as in QGIS. Pixel coordinates (y
 * down); empty when no part of the line is inside.
 *
 * @example
 * ```ts
 * import { clipLineConnected } from "./geometry.ts";
 * // leaves by the right side, comes back through the top
 * Array.from(clipLineConnected(new Float64Array([5, 5, 15, 5, 15, -5, 5, 5]), 0, 0, 10, 10));
 * // [5, 5, 10, 5, 10, 0, 10, 0, 5, 5]
 * ```
 */
export function clipLineConnected(
  line: Float64Array,
  xmin: number,
  ymin: number,
  xmax: number,
  ymax: number,
): Float64Array {
  const out: number[] = [];
  let lastX = 0, lastY = 0;
  for (let i = 0; i + 3 < line.length; i += 2) {
    const seg = clipSegment(
      line[i],
      line[i + 1],
      line[i + 2],
      line[i + 3],
      xmin,
      ymin,
      xmax,
      ymax,
    );
    if (!seg) continue;
    const [ax, ay, bx, by] = seg;
    const newLine = out.length > 0 && (ax !== lastX || ay !== lastY);
    if (newLine) {
      // QgsClipper::connectSeparatedLines, map edges as pixel edges: the
      // map's top (yMaximum) is the pixel rectangle's ymin
      const L = xmin, R = xmax, T = ymin, B = ymax;
      const add = (...pts: number[]) => out.push(...pts);
      if (lastX === L) {
        if (ax === L) { /* same side */ }
        else if (ay === T) add(L, T);
        else if (ax === R) add(L, T, R, T);
        else if (ay === B) add(L, B);
      } else if (lastY === T) {
        if (ay === T) { /* same side */ }
        else if (ax === R) add(R, T);
        else if (ay === B) add(R, T, R, B);
        else if (ax === L) add(L, T);
      } else if (lastX === R) {
        if (ax === R) { /* same side */ }
        else if (ay === B) add(R, B);
        else if (ax === L) add(R, B, L, B);
        else if (ay === T) add(R, T);
      } else if (lastY === B) {
        if (ay === B) { /* same side */ }
        else if (ax === L) add(L, B);
        else if (ay === T) add(L, B, L, T);
        else if (ax === R) add(R, B);
      }
    }
    if (out.length === 0 || newLine) out.push(ax, ay);
    lastX = bx;
    lastY = by;
    out.push(bx, by);
  }
  return new Float64Array(out);
}

/** One segment clipped (Liang–Barsky); ends on a side take its exact value. */
function clipSegment(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  xmin: number,
  ymin: number,
  xmax: number,
  ymax: number,
): [number, number, number, number] | null {
  const dx = x2 - x1, dy = y2 - y1;
  let t0 = 0, t1 = 1;
  let side0 = -1, side1 = -1;
  const checks: [number, number][] = [
    [-dx, x1 - xmin],
    [dx, xmax - x1],
    [-dy, y1 - ymin],
    [dy, ymax - y1],
  ];
  for (let k = 0; k < 4; k++) {
    const [p, q] = checks[k];
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return null;
      if (r > t0) {
        t0 = r;
        side0 = k;
      }
    } else {
      if (r < t0) return null;
      if (r < t1) {
        t1 = r;
        side1 = k;
      }
    }
  }
  const edge = [xmin, xmax, ymin, ymax];
  let ax = x1 + t0 * dx, ay = y1 + t0 * dy;
  let bx = x1 + t1 * dx, by = y1 + t1 * dy;
  if (t0 === 0) [ax, ay] = [x1, y1];
  else if (side0 < 2) ax = edge[side0];
  else ay = edge[side0];
  if (t1 === 1) [bx, by] = [x2, y2];
  else if (side1 < 2) bx = edge[side1];
  else by = edge[side1];
  return [ax, ay, bx, by];
}

/**
 * Most points {@link collectOffsetPoints} collects on one line. An interval
 * of 1e-308 px is not too small to subtract from a length but too small to
 * change it: without a bound the walk never ended (and grew for ever).
 */
export const MAX_LINE_MARKERS = 100_000;

/**
 * Smallest interval of interval markers, in pixels: ten markers a pixel of
 * line, already one blot. A style's interval of 1e-12 map units drew the
 * bound of 100,000 markers on every line (13.6–21.5 s for the demo's 5
 * roads, a job's time growing with its lines).
 */
export const MIN_MARKER_INTERVAL = 0.1;

/**
 * Points every `interval` pixels along a line, as QGIS's marker lines
 * collect them (`QgsTemplatedLineSymbolLayerBase::collectOffsetPoints`):
 * the first after `interval - initialOffset`; with `initialLag`, the points
 * that would fall before the start repeat the first vertex (a ring is traced
 * back around instead); with `required`, stop at that many, going around a
 * ring again or repeating an open line's last vertex to reach it.
 *
 * @example
 * ```ts
 * import { collectOffsetPoints } from "./geometry.ts";
 * collectOffsetPoints(new Float64Array([0, 0, 10, 0]), 4, 4).map((p) => p[0]);
 * // [0, 4, 8]
 * ```
 */
export function collectOffsetPoints(
  line: Float64Array,
  interval: number,
  initialOffset: number,
  initialLag = 0,
  required = 0,
): [number, number][] {
  const dest: [number, number][] = [];
  const n = line.length >> 1;
  if (n === 0) return dest;
  let pts: number[] = Array.from(line);
  const closed = line[0] === line[2 * n - 2] && line[1] === line[2 * n - 1];
  let lengthLeft = initialOffset;
  let lagLeft = initialLag > 0 ? -initialLag : 1;
  if (lagLeft < 0 && closed) {
    // trace back around the ring: vertices before the first one
    let lx = line[2 * n - 2], ly = line[2 * n - 1];
    const pseudo: number[][] = [];
    for (let i = n - 2; i > 0 && lagLeft < 0; i--) {
      const x = line[2 * i], y = line[2 * i + 1];
      if (x === lx && y === ly) continue;
      lagLeft += Math.hypot(x - lx, y - ly);
      lx = x;
      ly = y;
      pseudo.push([x, y]);
    }
    pts = [...pseudo.reverse().flat(), ...line];
  } else {
    while (lagLeft < 0 && dest.length < MAX_LINE_MARKERS) {
      dest.push([line[0], line[1]]);
      lagLeft += interval;
    }
  }
  if (initialLag > 0) lengthLeft += interval - lagLeft;
  const count = pts.length >> 1;
  let lastX = pts[0], lastY = pts[1];
  const enough = () =>
    (required > 0 && dest.length >= required) ||
    dest.length >= MAX_LINE_MARKERS;
  for (let i = 1; i < count; i++) {
    const x = pts[2 * i], y = pts[2 * i + 1];
    if (x === lastX && y === lastY) {
      if (closed && i === count - 1 && required > 0 && !enough()) {
        lastX = pts[0];
        lastY = pts[1];
        i = 0;
      }
      continue;
    }
    const { dx, dy, length } = lineStep(lastX, lastY, x, y, interval);
    let c = 1 - lengthLeft / interval;
    lengthLeft += length;
    while (
      lengthLeft > interval || Math.abs(lengthLeft - interval) <= 1e-9
    ) {
      lastX += c * dx;
      lastY += c * dy;
      lengthLeft -= interval;
      dest.push([lastX, lastY]);
      c = 1;
      if (enough()) break;
    }
    lastX = x;
    lastY = y;
    if (enough()) break;
    if (closed && i === count - 1 && required > 0 && !enough()) {
      lastX = pts[0];
      lastY = pts[1];
      i = 0;
    }
  }
  if (!closed && required > 0) {
    while (dest.length < required) {
      dest.push([pts[pts.length - 2], pts[pts.length - 1]]);
    }
  }
  return dest;
}

/**
 * A segment's step of `interval` along it and its length, computed as
 * QGIS's marker lines compute them (slope and arctangent; vertical apart).
 */
function lineStep(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  interval: number,
): { dx: number; dy: number; length: number } {
  const length = Math.hypot(x2 - x1, y2 - y1);
  if (Math.abs(x2 - x1) <= 4 * Number.EPSILON) {
    return { dx: 0, dy: y2 > y1 ? interval : -interval, length };
  }
  const alpha = Math.atan((y2 - y1) / (x2 - x1));
  const dx = Math.cos(alpha) * interval, dy = Math.sin(alpha) * interval;
  return x2 > x1 ? { dx, dy, length } : { dx: -dx, dy: -dy, length };
}

/**
 * A direction in degrees (clockwise on screen) from one point to another,
 * as QGIS's marker lines compute it; 0 when they coincide.
 */
export function qgisLineAngle(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): number {
  if (x1 === x2 && y1 === y2) return 0;
  let a: number;
  if (Math.abs(x2 - x1) <= 4 * Number.EPSILON) {
    a = Math.PI / 2;
    if (!(y2 > y1)) a += Math.PI;
  } else {
    a = Math.atan((y2 - y1) / (x2 - x1));
    if (!(x2 > x1)) a += Math.PI;
  }
  return (a * 180) / Math.PI;
}

/**
 * Marker positions and angles of an interval marker line, as
 * `QgsTemplatedLineSymbolLayerBase::renderPolylineInterval` places them:
 * every `interval` pixels from `offsetAlong`, each turned to the direction
 * from `averageOver` pixels before it to `averageOver` after it (QGIS's
 * "average angle over", half of it on each side), or to its segment's
 * direction when `averageOver` is 0.
 *
 * @example
 * ```ts
 * import { intervalPositions } from "./geometry.ts";
 * intervalPositions(new Float64Array([0, 0, 10, 0]), 4, 0, 0).map((p) => p.x);
 * // [0, 4, 8]
 * ```
 */
export function intervalPositions(
  line: Float64Array,
  interval: number,
  offsetAlong: number,
  averageOver: number,
): LinePosition[] {
  const out: LinePosition[] = [];
  const n = line.length >> 1;
  if (n === 0) return out;
  // QGIS takes 0.1 for an interval of 0 or less; smaller ones too here
  if (!(interval >= MIN_MARKER_INTERVAL)) interval = MIN_MARKER_INTERVAL;
  const closed = line[0] === line[2 * n - 2] && line[1] === line[2 * n - 1];
  let along = offsetAlong;
  if (along !== 0 && closed) {
    const total = lineLength(line);
    along = along > 0
      ? total > 0 ? along % total : 0
      : total - (-along % total);
  }
  const lengthLeft = interval - along;
  if (averageOver > 0) {
    const symbols = collectOffsetPoints(line, interval, lengthLeft);
    if (symbols.length === 0) return out;
    const [fx, fy] = symbols[0], [lx, ly] = symbols[symbols.length - 1];
    if (symbols.length > 1 && fx === lx && fy === ly) symbols.pop();
    const starts = averageOver <= along
      ? collectOffsetPoints(
        line,
        interval,
        lengthLeft + averageOver,
        0,
        symbols.length,
      )
      : collectOffsetPoints(
        line,
        interval,
        0,
        averageOver - along,
        symbols.length,
      );
    const ends = collectOffsetPoints(
      line,
      interval,
      lengthLeft - averageOver,
      0,
      symbols.length,
    );
    symbols.forEach(([x, y], i) => {
      const [sx, sy] = starts[i], [ex, ey] = ends[i];
      out.push({ x, y, angle: qgisLineAngle(sx, sy, ex, ey) });
    });
    return out;
  }
  let left = lengthLeft;
  let lastX = line[0], lastY = line[1];
  for (let i = 1; i < n; i++) {
    const x = line[2 * i], y = line[2 * i + 1];
    if (x === lastX && y === lastY) continue;
    const { dx, dy, length } = lineStep(lastX, lastY, x, y, interval);
    let c = 1 - left / interval;
    left += length;
    const angle = qgisLineAngle(lastX, lastY, x, y);
    while (left > interval) {
      lastX += c * dx;
      lastY += c * dy;
      left -= interval;
      out.push({ x: lastX, y: lastY, angle });
      c = 1;
      if (out.length > 100000) return out;
    }
    lastX = x;
    lastY = y;
  }
  return out;
}
