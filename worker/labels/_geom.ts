// Planar geometry for label placement: rectangles against rings and lines,
// as the GEOS predicates PAL calls answer them (touching counts as
// intersecting). Coordinates are PAL's (pixels, y up); rings and lines are
// flat x, y arrays.

/** A ring or line as flat x, y pairs. */
export type Coords = Float64Array | number[];

/** The four corners of a rotated rectangle, counter-clockwise from its origin. */
export function rectCorners(
  x: number,
  y: number,
  w: number,
  h: number,
  angle: number,
): number[] {
  const c = Math.cos(angle), s = Math.sin(angle);
  const wx = w * c, wy = w * s, hx = -h * s, hy = h * c;
  return [x, y, x + wx, y + wy, x + wx + hx, y + wy + hy, x + hx, y + hy];
}

/** Bounds of flat coordinates: `[xmin, ymin, xmax, ymax]`. */
export function coordsBounds(
  l: Coords,
): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i + 1 < l.length; i += 2) {
    if (l[i] < x0) x0 = l[i];
    if (l[i] > x1) x1 = l[i];
    if (l[i + 1] < y0) y0 = l[i + 1];
    if (l[i + 1] > y1) y1 = l[i + 1];
  }
  return [x0, y0, x1, y1];
}

const SNAP = 2 ** 24;

/**
 * PAL makes its candidates and obstacles in map units, where shapes drawn
 * from the same coordinates meet exactly and so touch (GEOS's `intersects`
 * and PAL's box tests count touching); ours are made in pixels, off by a few
 * ulps that differ from anchor to anchor. Coordinates rounded to 2⁻²⁴ pixel
 * meet again.
 *
 * @example
 * ```ts
 * import { snapCoords } from "./_geom.ts";
 * snapCoords([206.99999999999997, 1]); // [207, 1]
 * ```
 */
export function snapCoords<T extends number[]>(k: T): T {
  return k.map((v) => Math.round(v * SNAP) / SNAP) as T;
}

function orient(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function onSegment(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  px: number,
  py: number,
): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) &&
    Math.min(ay, by) <= py && py <= Math.max(ay, by);
}

/** Whether two closed segments intersect (touching included). */
export function segmentsIntersect(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if (
    ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
    ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
  ) return true;
  if (d1 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) return true;
  if (d2 === 0 && onSegment(cx, cy, dx, dy, bx, by)) return true;
  if (d3 === 0 && onSegment(ax, ay, bx, by, cx, cy)) return true;
  if (d4 === 0 && onSegment(ax, ay, bx, by, dx, dy)) return true;
  return false;
}

/** Whether two segments cross at a point inside both (not merely touching). */
export function segmentsCrossProperly(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
    ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** Whether a point lies inside a convex quad or on its border. */
export function inQuad(k: number[], x: number, y: number): boolean {
  let sign = 0;
  for (let j = 0; j < 8; j += 2) {
    const n = (j + 2) % 8;
    const s = Math.sign(orient(k[j], k[j + 1], k[n], k[n + 1], x, y));
    if (s === 0) continue;
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}

/** Even-odd point in polygon over all rings (boundary points count as outside or inside arbitrarily). */
export function pointInRings(rings: Coords[], x: number, y: number): boolean {
  let inside = false;
  for (const r of rings) {
    const n = r.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const xi = r[2 * i], yi = r[2 * i + 1];
      const xj = r[2 * j], yj = r[2 * j + 1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
        inside = !inside;
      }
    }
  }
  return inside;
}

/** Squared distance from a point to a segment. */
export function segmentDistance2(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  let dx = bx - ax, dy = by - ay;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);
    if (t > 1) ax = bx, ay = by;
    else if (t > 0) ax += dx * t, ay += dy * t;
  }
  dx = px - ax, dy = py - ay;
  return dx * dx + dy * dy;
}

/** Distance from a point to a line string (or ring). */
export function distanceToLine(l: Coords, x: number, y: number): number {
  let min = Infinity;
  for (let i = 0; i + 3 < l.length; i += 2) {
    const d = segmentDistance2(x, y, l[i], l[i + 1], l[i + 2], l[i + 3]);
    if (d < min) min = d;
  }
  return Math.sqrt(min);
}

/** Whether a point is strictly inside the rings (ContainsProperly): not within `eps` of a boundary. */
export function containsProperly(
  rings: Coords[],
  x: number,
  y: number,
): boolean {
  if (!pointInRings(rings, x, y)) return false;
  for (const r of rings) if (distanceToLine(r, x, y) === 0) return false;
  return true;
}

/** Whether a rectangle (its corners) and a line string intersect. */
export function quadIntersectsLine(k: number[], l: Coords): boolean {
  for (let i = 0; i + 3 < l.length; i += 2) {
    const x0 = l[i], y0 = l[i + 1], x1 = l[i + 2], y1 = l[i + 3];
    for (let j = 0; j < 8; j += 2) {
      const n = (j + 2) % 8;
      if (segmentsIntersect(x0, y0, x1, y1, k[j], k[j + 1], k[n], k[n + 1])) {
        return true;
      }
    }
    if (inQuad(k, x0, y0)) return true;
  }
  if (l.length >= 2 && inQuad(k, l[l.length - 2], l[l.length - 1])) {
    return true;
  }
  return false;
}

/** Whether a rectangle intersects a polygon (its area, holes excluded). */
export function quadIntersectsPolygon(k: number[], rings: Coords[]): boolean {
  for (const r of rings) if (quadIntersectsLine(k, r)) return true;
  // no boundary contact: the quad is wholly inside or wholly outside
  return pointInRings(rings, k[0], k[1]);
}

/** Whether a polygon contains a rectangle (GEOS `contains`: no part outside). */
export function polygonContainsQuad(rings: Coords[], k: number[]): boolean {
  const cx = (k[0] + k[4]) / 2, cy = (k[1] + k[5]) / 2;
  if (!pointInRings(rings, cx, cy)) return false;
  for (const r of rings) {
    for (let i = 0; i + 3 < r.length; i += 2) {
      const x0 = r[i], y0 = r[i + 1], x1 = r[i + 2], y1 = r[i + 3];
      for (let j = 0; j < 8; j += 2) {
        const n = (j + 2) % 8;
        if (
          segmentsCrossProperly(x0, y0, x1, y1, k[j], k[j + 1], k[n], k[n + 1])
        ) return false;
      }
      // a boundary vertex strictly inside the quad
      if (inQuad(k, x0, y0)) {
        let onEdge = false;
        for (let j = 0; j < 8; j += 2) {
          const n = (j + 2) % 8;
          if (
            segmentDistance2(x0, y0, k[j], k[j + 1], k[n], k[n + 1]) < 1e-18
          ) {
            onEdge = true;
          }
        }
        if (!onEdge) return false;
      }
    }
  }
  for (let j = 0; j < 8; j += 2) {
    const mx = (k[j] + k[(j + 2) % 8]) / 2,
      my = (k[j + 1] + k[(j + 3) % 8]) / 2;
    let on = false;
    for (const r of rings) if (distanceToLine(r, mx, my) < 1e-9) on = true;
    if (!on && !pointInRings(rings, mx, my)) return false;
  }
  return true;
}

/** Signed area of a ring (counter-clockwise positive). */
export function ringArea(r: Coords): number {
  let a = 0;
  const n = r.length;
  for (let i = 0; i + 3 < n; i += 2) a += r[i] * r[i + 3] - r[i + 2] * r[i + 1];
  return a / 2;
}

/** Length of a line string. */
export function lineLength(l: Coords): number {
  let d = 0;
  for (let i = 0; i + 3 < l.length; i += 2) {
    d += Math.hypot(l[i + 2] - l[i], l[i + 3] - l[i + 1]);
  }
  return d;
}

/**
 * Area-weighted centroid of a polygon with holes (GEOS `getCentroid`): the
 * exterior's centroid minus the holes'.
 */
export function polygonCentroid(rings: Coords[]): [number, number] {
  let a = 0, cx = 0, cy = 0;
  for (let k = 0; k < rings.length; k++) {
    const r = rings[k];
    // exterior counts positively, holes negatively, whatever their winding
    const s = k === 0 ? 1 : -1;
    const ra = ringArea(r);
    const sign = Math.sign(ra) * s;
    let rx = 0, ry = 0;
    for (let i = 0; i + 3 < r.length; i += 2) {
      const f = r[i] * r[i + 3] - r[i + 2] * r[i + 1];
      rx += (r[i] + r[i + 2]) * f;
      ry += (r[i + 1] + r[i + 3]) * f;
    }
    if (ra === 0) continue;
    a += Math.abs(ra) * s;
    cx += rx / 6 * sign;
    cy += ry / 6 * sign;
  }
  if (a === 0) {
    const [x0, y0, x1, y1] = coordsBounds(rings[0]);
    return [(x0 + x1) / 2, (y0 + y1) / 2];
  }
  return [cx / a, cy / a];
}

/**
 * Clips a polygon's rings to a rectangle as GEOS's intersection does: the
 * visible pieces of the polygon, each a separate polygon (exterior first,
 * then its holes), where a ring that leaves and re-enters the rectangle
 * yields several pieces. Rings are walked from an outside vertex; the
 * stretches inside the rectangle are joined along its border, keeping the
 * interior on their left (the exterior counter-clockwise, holes clockwise).
 * Empty when nothing of the polygon is inside.
 *
 * @example
 * ```ts
 * import { clipPolygon } from "./_geom.ts";
 * // a U whose bottom is cut off: its two arms
 * const u = [0, 0, 3, 0, 3, 3, 2, 3, 2, 1, 1, 1, 1, 3, 0, 3, 0, 0];
 * clipPolygon([u], 0, 2, 3, 3).length; // 2
 * ```
 */
export function clipPolygon(
  rings: Coords[],
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): number[][][] {
  const w = x1 - x0, h = y1 - y0, per = 2 * (w + h);
  // position along the border, counter-clockwise from (x0, y0)
  const along = (x: number, y: number): number => {
    if (y === y0 && x < x1) return x - x0;
    if (x === x1 && y < y1) return w + y - y0;
    if (y === y1 && x > x0) return w + h + x1 - x;
    return 2 * w + h + y1 - y;
  };
  const corners: [number, number, number][] = [
    [0, x0, y0],
    [w, x1, y0],
    [w + h, x1, y1],
    [2 * w + h, x0, y1],
  ];
  const inRect = (x: number, y: number) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1;
  type Chain = { pts: number[]; tIn: number; tOut: number; used: boolean };
  const chains: Chain[] = [];
  const whole: number[][] = []; // rings wholly inside: [exterior?, holes]
  let exteriorWhole: number[] | null = null;
  let exteriorAround = false; // the exterior holds the rectangle
  for (let k = 0; k < rings.length; k++) {
    let pts: number[] = Array.from(rings[k]);
    if (
      pts.length >= 4 && pts[0] === pts[pts.length - 2] &&
      pts[1] === pts[pts.length - 1]
    ) pts = pts.slice(0, -2);
    const n = pts.length / 2;
    if (n < 3) continue;
    const area = ringArea([...pts, pts[0], pts[1]]);
    if (area === 0) continue;
    // the exterior counter-clockwise, holes clockwise
    if ((k === 0) !== (area > 0)) {
      const r: number[] = [];
      for (let i = n - 1; i >= 0; i--) r.push(pts[2 * i], pts[2 * i + 1]);
      pts = r;
    }
    let s = -1;
    for (let i = 0; i < n && s < 0; i++) {
      if (!inRect(pts[2 * i], pts[2 * i + 1])) s = i;
    }
    if (s < 0) {
      const closed = [...pts, pts[0], pts[1]];
      if (k === 0) exteriorWhole = closed;
      else whole.push(closed);
      continue;
    }
    let cur: number[] | null = null;
    const push = (x: number, y: number) => {
      const m = cur!.length;
      if (m < 2 || cur![m - 2] !== x || cur![m - 1] !== y) cur!.push(x, y);
    };
    let crossed = false;
    for (let j = 0; j < n; j++) {
      const a = (s + j) % n, b = (s + j + 1) % n;
      const ax = pts[2 * a], ay = pts[2 * a + 1];
      const bx = pts[2 * b], by = pts[2 * b + 1];
      const dx = bx - ax, dy = by - ay;
      // Liang–Barsky
      let u0 = 0, u1 = 1;
      let empty = false;
      for (
        const [p, q] of [
          [-dx, ax - x0],
          [dx, x1 - ax],
          [-dy, ay - y0],
          [dy, y1 - ay],
        ]
      ) {
        if (p === 0) {
          if (q < 0) empty = true;
        } else {
          const u = q / p;
          if (p < 0) u0 = Math.max(u0, u);
          else u1 = Math.min(u1, u);
        }
      }
      if (empty || u0 > u1) continue;
      const at = (u: number): [number, number] => {
        if (u === 0) return [ax, ay];
        if (u === 1) return [bx, by];
        // snap onto the border the point lies on
        let x = ax + dx * u, y = ay + dy * u;
        if (Math.abs(x - x0) < 1e-9 * (1 + Math.abs(x0))) x = x0;
        if (Math.abs(x - x1) < 1e-9 * (1 + Math.abs(x1))) x = x1;
        if (Math.abs(y - y0) < 1e-9 * (1 + Math.abs(y0))) y = y0;
        if (Math.abs(y - y1) < 1e-9 * (1 + Math.abs(y1))) y = y1;
        return [Math.min(x1, Math.max(x0, x)), Math.min(y1, Math.max(y0, y))];
      };
      if (!cur) {
        cur = [];
        push(...at(u0));
      }
      if (u1 < 1) {
        push(...at(u1));
        crossed = true;
        const c: number[] = cur;
        cur = null;
        // a touch of the border alone encloses nothing
        if (c.length >= 4) {
          chains.push({
            pts: c,
            tIn: along(c[0], c[1]),
            tOut: along(c[c.length - 2], c[c.length - 1]),
            used: false,
          });
        }
      } else push(bx, by);
    }
    if (!crossed) {
      // wholly outside: around the rectangle, or apart from it
      const around = pointInRings([rings[k]], (x0 + x1) / 2, (y0 + y1) / 2);
      if (k === 0) exteriorAround = around;
      else if (around) return []; // a hole holding the whole rectangle
    }
  }
  const pieces: number[][][] = [];
  if (exteriorWhole) pieces.push([exteriorWhole]);
  else if (chains.length > 0) {
    for (const first of chains) {
      if (first.used) continue;
      const ring: number[] = [];
      let c = first;
      for (;;) {
        c.used = true;
        ring.push(...c.pts);
        // the next entry counter-clockwise along the border
        let next: Chain | null = null, best = Infinity;
        for (const d of chains) {
          if (d.used && d !== first) continue;
          const gap = ((d.tIn - c.tOut) % per + per) % per;
          if (gap < best) best = gap, next = d;
        }
        // the corners passed on the way, in walking order
        const passed = corners
          .map(([t, cx, cy]) => [((t - c.tOut) % per + per) % per, cx, cy])
          .filter(([g]) => g > 0 && g < best)
          .sort((p, q) => p[0] - q[0]);
        for (const [, cx, cy] of passed) ring.push(cx, cy);
        if (!next || next === first) break;
        c = next;
      }
      ring.push(ring[0], ring[1]);
      if (ring.length >= 8 && ringArea(ring) !== 0) pieces.push([ring]);
    }
  } else if (exteriorAround) {
    pieces.push([[x0, y0, x1, y0, x1, y1, x0, y1, x0, y0]]);
  }
  // holes wholly inside go to the piece holding them
  for (const hole of whole) {
    for (const p of pieces) {
      if (pointInRings([p[0]], hole[0], hole[1])) {
        p.push(hole);
        break;
      }
    }
  }
  // the rings turn as the polygon's did
  if (rings.length > 0 && ringArea(rings[0]) < 0) {
    for (const p of pieces) {
      for (let k = 0; k < p.length; k++) {
        const r: number[] = [];
        for (let i = p[k].length - 2; i >= 0; i -= 2) {
          r.push(p[k][i], p[k][i + 1]);
        }
        p[k] = r;
      }
    }
  }
  return pieces;
}

/**
 * Clips a line string to a rectangle (Liang–Barsky per segment), returning
 * the visible pieces in order.
 */
export function clipLine(
  l: Coords,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): number[][] {
  const out: number[][] = [];
  let cur: number[] | null = null;
  for (let i = 0; i + 3 < l.length; i += 2) {
    const ax = l[i], ay = l[i + 1], bx = l[i + 2], by = l[i + 3];
    const dx = bx - ax, dy = by - ay;
    let t0 = 0, t1 = 1;
    const p = [-dx, dx, -dy, dy];
    const q = [ax - x0, x1 - ax, ay - y0, y1 - ay];
    let visible = true;
    for (let k = 0; k < 4; k++) {
      if (p[k] === 0) {
        if (q[k] < 0) visible = false;
      } else {
        const t = q[k] / p[k];
        if (p[k] < 0) t0 = Math.max(t0, t);
        else t1 = Math.min(t1, t);
      }
    }
    if (!visible || t0 > t1) {
      if (cur) out.push(cur), cur = null;
      continue;
    }
    const sx = ax + dx * t0, sy = ay + dy * t0;
    const ex = ax + dx * t1, ey = ay + dy * t1;
    if (!cur || t0 > 0) {
      if (cur) out.push(cur);
      cur = [sx, sy];
    }
    cur.push(ex, ey);
    if (t1 < 1) out.push(cur), cur = null;
  }
  if (cur) out.push(cur);
  return out.filter((p) => p.length >= 4);
}

/**
 * A point inside a polygon (GEOS `PointOnSurface`): the middle of the
 * widest interior stretch of the horizontal line through the middle of the
 * polygon's bounds.
 *
 * @example
 * ```ts
 * import { pointOnSurface } from "./_geom.ts";
 * pointOnSurface([[0, 0, 4, 0, 4, 2, 0, 2, 0, 0]]); // [2, 1]
 * ```
 */
export function pointOnSurface(rings: number[][]): [number, number] | null {
  const [, y0, , y1] = coordsBounds(rings[0]);
  const y = (y0 + y1) / 2;
  const xs: number[] = [];
  for (const r of rings) {
    for (let i = 0; i + 3 < r.length; i += 2) {
      const ay = r[i + 1], by = r[i + 3];
      if ((ay > y) !== (by > y)) {
        xs.push(r[i] + (r[i + 2] - r[i]) * (y - ay) / (by - ay));
      }
    }
  }
  xs.sort((a, b) => a - b);
  let best: [number, number] | null = null, width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1] - xs[i] > width) {
      width = xs[i + 1] - xs[i];
      best = [(xs[i] + xs[i + 1]) / 2, y];
    }
  }
  return best;
}
