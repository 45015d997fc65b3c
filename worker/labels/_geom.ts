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
 * Clips a polygon's rings to a rectangle (Sutherland–Hodgman per ring; the
 * result may carry zero-width bridges along the rectangle's edges, which
 * leave areas and centroids as they are). Rings left empty are dropped;
 * null when the exterior is.
 */
export function clipRings(
  rings: Coords[],
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): number[][] | null {
  const out: number[][] = [];
  for (let k = 0; k < rings.length; k++) {
    let pts: number[] = Array.from(rings[k]);
    // drop the closing point while clipping
    if (
      pts.length >= 4 && pts[0] === pts[pts.length - 2] &&
      pts[1] === pts[pts.length - 1]
    ) pts = pts.slice(0, -2);
    const edges: [
      (x: number, y: number) => boolean,
      (
        ax: number,
        ay: number,
        bx: number,
        by: number,
      ) => [number, number],
    ][] = [
      [
        (x) => x >= x0,
        (ax, ay, bx, by) => [x0, ay + (by - ay) * (x0 - ax) / (bx - ax)],
      ],
      [
        (x) => x <= x1,
        (ax, ay, bx, by) => [x1, ay + (by - ay) * (x1 - ax) / (bx - ax)],
      ],
      [
        (_x, y) => y >= y0,
        (ax, ay, bx, by) => [ax + (bx - ax) * (y0 - ay) / (by - ay), y0],
      ],
      [
        (_x, y) => y <= y1,
        (ax, ay, bx, by) => [ax + (bx - ax) * (y1 - ay) / (by - ay), y1],
      ],
    ];
    for (const [inside, cut] of edges) {
      const n = pts.length / 2;
      if (n === 0) break;
      const res: number[] = [];
      for (let i = 0; i < n; i++) {
        const ax = pts[2 * ((i + n - 1) % n)],
          ay = pts[2 * ((i + n - 1) % n) + 1];
        const bx = pts[2 * i], by = pts[2 * i + 1];
        const ain = inside(ax, ay), bin = inside(bx, by);
        if (bin) {
          if (!ain) res.push(...cut(ax, ay, bx, by));
          res.push(bx, by);
        } else if (ain) res.push(...cut(ax, ay, bx, by));
      }
      pts = res;
    }
    if (pts.length < 6 || ringArea(pts) === 0) {
      if (k === 0) return null;
      continue;
    }
    pts.push(pts[0], pts[1]);
    out.push(pts);
  }
  return out;
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
