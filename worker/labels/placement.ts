/**
 * Label candidates, after QGIS's PAL (`src/core/pal/feature.cpp`): the
 * positions a feature's label may take and their initial costs (around
 * point, ordered positions, centred on and over a point, along lines,
 * inside polygons). `costs.ts` adds the obstacles' penalties and
 * `problem.ts` chooses among them.
 *
 * Coordinates here are PAL's: output pixels with y pointing **up**
 * (`y = -pixelY`), a candidate is its bottom-left corner, width, height and
 * a counter-clockwise angle in radians.
 *
 * @module
 */

/** Where a label sits relative to its anchor (PAL's quadrants). */
export type Quadrant =
  | "aboveLeft"
  | "above"
  | "aboveRight"
  | "left"
  | "over"
  | "right"
  | "belowLeft"
  | "below"
  | "belowRight";

/** A label candidate. */
export interface Candidate {
  /** Bottom-left x (pixels, y up). */
  x: number;
  /** Bottom-left y (pixels, y up). */
  y: number;
  /** Width. */
  w: number;
  /** Height. */
  h: number;
  /** Counter-clockwise angle, radians. */
  angle: number;
  /** PAL cost (lower is better), obstacle penalties included once solved. */
  cost: number;
  /** Quadrant (drives "follow placement" alignment). */
  quadrant: Quadrant;
  /** Further rectangles of the same label (curved labels: one per character). */
  parts?: { x: number; y: number; w: number; h: number; angle: number }[];
  /** Curved labels: the character each rectangle shows (first, then parts). */
  chars?: number[];
  /** An obstacle outranks the label here (set while costing). */
  hardConflict?: boolean;
}

/** Label size and distance for candidate generation (pixels). */
export interface LabelBox {
  /** Label width. */
  w: number;
  /** Label height. */
  h: number;
  /** Distance from the feature. */
  dist: number;
  /** Visual margins (top, bottom) for ordered positions. */
  marginTop?: number;
  /** Bottom visual margin. */
  marginBottom?: number;
  /** Symbol size for "from symbol bounds" offsets. */
  symbolW?: number;
  /** Symbol height. */
  symbolH?: number;
}

const A90 = Math.PI / 2;
const A180 = Math.PI;
const A270 = A180 + A90;
const A360 = 2 * Math.PI;

/**
 * PAL's "around point" candidates (`createCandidatesAroundPoint`): 16
 * positions on a circle starting top-right, costs rising away from it.
 *
 * @example
 * ```ts
 * import { candidatesAroundPoint } from "./placement.ts";
 * const c = candidatesAroundPoint(0, 0, { w: 40, h: 12, dist: 6 });
 * c[0].quadrant; // "aboveRight"
 * ```
 */
export function candidatesAroundPoint(
  x: number,
  y: number,
  box: LabelBox,
  maxCandidates = 16,
): Candidate[] {
  const { w, h, dist } = box;
  const out: Candidate[] = [];
  const inc = A360 / maxCandidates;
  let gamma1: number, gamma2: number;
  if (dist > 0) {
    gamma1 = Math.atan2(h / 2, dist + w / 2);
    gamma2 = Math.atan2(w / 2, dist + h / 2);
  } else {
    gamma1 = gamma2 = A90 / 3;
  }
  gamma1 = Math.min(gamma1, A90 / 3);
  gamma2 = Math.min(gamma2, A90 / 3);
  let icost = 0;
  let step = 2;
  let a = Math.PI / 4;
  for (let i = 0; i < maxCandidates; i++, a += inc) {
    if (a > A360) a -= A360;
    let dx = 0, dy = 0;
    let q: Quadrant = "over";
    if (a < gamma1 || a > A360 - gamma1) {
      dx = dist;
      let iota = a + gamma1;
      if (iota > A360 - gamma1) iota -= A360;
      dy = -h + h * iota / (2 * gamma1);
      q = "right";
    } else if (a < A90 - gamma2) {
      dx = dist * Math.cos(a);
      dy = dist * Math.sin(a);
      q = "aboveRight";
    } else if (a < A90 + gamma2) {
      dx = -w * (a - A90 + gamma2) / (2 * gamma2);
      dy = dist;
      q = "above";
    } else if (a < A180 - gamma1) {
      dx = dist * Math.cos(a) - w;
      dy = dist * Math.sin(a);
      q = "aboveLeft";
    } else if (a < A180 + gamma1) {
      dx = -dist - w;
      dy = -(a - A180 + gamma1) * h / (2 * gamma1);
      q = "left";
    } else if (a < A270 - gamma2) {
      dx = dist * Math.cos(a) - w;
      dy = dist * Math.sin(a) - h;
      q = "belowLeft";
    } else if (a < A270 + gamma2) {
      dy = -dist - h;
      dx = -w + (a - A270 + gamma2) * w / (2 * gamma2);
      q = "below";
    } else {
      dx = dist * Math.cos(a);
      dy = dist * Math.sin(a) - h;
      q = "belowRight";
    }
    const cost = maxCandidates === 1
      ? 0.0001
      : 0.0001 + 0.002 * icost / (maxCandidates - 1);
    out.push({ x: x + dx, y: y + dy, w, h, angle: 0, cost, quadrant: q });
    icost += step;
    if (icost === maxCandidates) {
      icost = maxCandidates - 1;
      step = -2;
    } else if (icost > maxCandidates) {
      icost = maxCandidates - 2;
      step = -2;
    }
  }
  return out;
}

/**
 * PAL's cartographic placement (`createCandidatesAtOrderedPositionsOverPoint`):
 * one candidate per position code (`TL`, `TSL`, `T`, `TSR`, `TR`, `L`, `R`,
 * `BL`, `BSL`, `B`, `BSR`, `BR`, `C`), costs rising with the order.
 *
 * @example
 * ```ts
 * import { candidatesOrderedPositions } from "./placement.ts";
 * const c = candidatesOrderedPositions(0, 0, { w: 40, h: 12, dist: 5 }, ["TR", "TL"]);
 * c.length; // 2
 * ```
 */
export function candidatesOrderedPositions(
  x: number,
  y: number,
  box: LabelBox,
  order: string[],
): Candidate[] {
  const { w, h, dist } = box;
  const mt = box.marginTop ?? 0, mb = box.marginBottom ?? 0;
  const sw = (box.symbolW ?? 0) / 2, shh = (box.symbolH ?? 0) / 2;
  const out: Candidate[] = [];
  let cost = 0.0001;
  for (const pos of order) {
    let q: Quadrant, alpha: number, dx: number, dy: number;
    switch (pos) {
      case "TL":
        q = "aboveLeft", alpha = 3 * Math.PI / 4, dx = -w - sw, dy = -mb + shh;
        break;
      case "TSL":
        q = "aboveRight", alpha = A90, dx = -w / 4, dy = -mb + shh;
        break;
      case "T":
        q = "above", alpha = A90, dx = -w / 2, dy = -mb + shh;
        break;
      case "TSR":
        q = "aboveLeft", alpha = A90, dx = -w * 3 / 4, dy = -mb + shh;
        break;
      case "TR":
        q = "aboveRight", alpha = Math.PI / 4, dx = sw, dy = -mb + shh;
        break;
      case "L":
        q = "left", alpha = A180, dx = -w - sw, dy = -h / 2;
        break;
      case "R":
        q = "right", alpha = 0, dx = sw, dy = -h / 2;
        break;
      case "BL":
        q = "belowLeft",
          alpha = 5 * Math.PI / 4,
          dx = -w - sw,
          dy = -h + mt - shh;
        break;
      case "BSL":
        q = "belowRight", alpha = A270, dx = -w / 4, dy = -h + mt - shh;
        break;
      case "B":
        q = "below", alpha = A270, dx = -w / 2, dy = -h + mt - shh;
        break;
      case "BSR":
        q = "belowLeft", alpha = A270, dx = -w * 3 / 4, dy = -h + mt - shh;
        break;
      case "BR":
        q = "belowRight", alpha = 7 * Math.PI / 4, dx = sw, dy = -h + mt - shh;
        break;
      case "C":
      case "O":
        q = "over", alpha = 0, dx = -w / 2, dy = -h / 2;
        break;
      default:
        continue;
    }
    const d = q === "over" ? 0 : dist;
    out.push({
      x: x + Math.cos(alpha) * d + dx,
      y: y + Math.sin(alpha) * d + dy,
      w,
      h,
      angle: 0,
      cost,
      quadrant: q,
    });
    cost += 0.001;
  }
  return out;
}

/**
 * PAL's candidate centred on a point (`createCandidateCenteredOverPoint`),
 * which polygons labelled around their centroid at distance 0 try first.
 *
 * @example
 * ```ts
 * import { candidateCentered } from "./placement.ts";
 * candidateCentered(0, 0, { w: 10, h: 4, dist: 0 }).x; // -5
 * ```
 */
export function candidateCentered(
  x: number,
  y: number,
  box: LabelBox,
  angle = 0,
): Candidate {
  return {
    x: x - box.w / 2,
    y: y - box.h / 2,
    w: box.w,
    h: box.h,
    angle,
    cost: 0.00005,
    quadrant: "over",
  };
}

/**
 * "Over point" / "offset from point": one candidate in the quadrant
 * `quadOffset` (0 top-left … 4 centre … 8 bottom-right) shifted by the offset
 * (pixels, y up).
 *
 * @example
 * ```ts
 * import { candidateOverPoint } from "./placement.ts";
 * candidateOverPoint(0, 0, { w: 10, h: 4, dist: 0 }, 4, 0, 0).x; // -5
 * ```
 */
export function candidateOverPoint(
  x: number,
  y: number,
  box: LabelBox,
  quadOffset: number,
  offsetX: number,
  offsetY: number,
  angle = 0,
): Candidate {
  const { w, h } = box;
  const qx = quadOffset % 3, qy = Math.floor(quadOffset / 3);
  // quadrant x: 0 left of the point, 1 centred, 2 right; y: 0 above …
  const dx = qx === 0 ? -w : qx === 1 ? -w / 2 : 0;
  const dy = qy === 0 ? 0 : qy === 1 ? -h / 2 : -h;
  const names: Quadrant[] = [
    "aboveLeft",
    "above",
    "aboveRight",
    "left",
    "over",
    "right",
    "belowLeft",
    "below",
    "belowRight",
  ];
  // PAL rotates the quadrant's shift with the label, not the offset
  const c = Math.cos(angle), s = Math.sin(angle);
  return {
    x: x + dx * c - dy * s + offsetX,
    y: y + dx * s + dy * c + offsetY,
    w,
    h,
    angle,
    cost: 0.0001,
    quadrant: names[Math.max(0, Math.min(8, quadOffset))],
  };
}

/**
 * A candidate as PAL's `LabelPosition` stores it: the angle brought into
 * [0, 2π), and a label that would read upside down (angle in (π/2, 3π/2])
 * turned half round about its centre when labels must stay upright.
 *
 * @example
 * ```ts
 * import { uprightCandidate } from "./placement.ts";
 * const c = { x: 0, y: 0, w: 10, h: 2, angle: Math.PI, cost: 0, quadrant: "over" as const };
 * uprightCandidate(c, true).x; // -10
 * ```
 */
export function uprightCandidate(c: Candidate, upright: boolean): Candidate {
  // curved labels are turned upright as they are made
  if (c.chars) return c;
  let a = c.angle;
  // a rotation of 1e308° is finite: one turn added to it is lost, and the
  // loops below never ended (the worker hung past the job's time budget);
  // the remainder brings it near first, exact for the usual angles
  if (Math.abs(a) > 1e6) a %= 2 * Math.PI;
  while (a > 2 * Math.PI) a -= 2 * Math.PI;
  while (a < 0) a += 2 * Math.PI;
  if (upright && a > Math.PI / 2 && a <= 3 * Math.PI / 2) {
    const cs = Math.cos(a), sn = Math.sin(a);
    return {
      ...c,
      x: c.x + c.w * cs - c.h * sn,
      y: c.y + c.w * sn + c.h * cs,
      angle: a < Math.PI ? a + Math.PI : a - Math.PI,
    };
  }
  return a === c.angle ? c : { ...c, angle: a };
}

/**
 * Where PAL pixels sit in map units: `x = x0 + px · k`, `y = y0 + py · k`
 * (PAL pixels have y up from the map's top edge).
 */
export interface MapFrame {
  /** Map x of the left edge. */
  x0: number;
  /** Map y of the top edge. */
  y0: number;
  /** Map units per pixel. */
  k: number;
  /**
   * The line's own map coordinates, when it is a feature's line as the
   * data has it (PAL's, unclipped): pixels converted back differ in their
   * last bits, and those decide exact cost ties.
   */
  line?: Line;
}

/** A polyline in PAL pixels (y up), as flat x, y pairs. */
export type Line = Float64Array | number[];

function lineLength(l: Line): { total: number; seg: number[] } {
  const seg: number[] = [];
  let total = 0;
  for (let i = 0; i + 3 < l.length; i += 2) {
    const d = Math.hypot(l[i + 2] - l[i], l[i + 3] - l[i + 1]);
    seg.push(d);
    total += d;
  }
  return { total, seg };
}

function pointAt(l: Line, seg: number[], d: number): [number, number] {
  let acc = 0;
  for (let i = 0; i < seg.length; i++) {
    if (acc + seg[i] >= d || i === seg.length - 1) {
      const t = seg[i] > 0 ? Math.min(1, Math.max(0, (d - acc) / seg[i])) : 0;
      const x0 = l[2 * i], y0 = l[2 * i + 1];
      return [x0 + (l[2 * i + 2] - x0) * t, y0 + (l[2 * i + 3] - y0) * t];
    }
    acc += seg[i];
  }
  return [l[0], l[1]];
}

/**
 * Candidates parallel to a line as PAL makes them
 * (`FeaturePart::createCandidatesAlongLine`): first along the line's
 * straight-ish stretches (split at nodes bending more than 45°), then, when
 * those give fewer than `targetCount` candidates, stepped along the whole
 * line from its start. Each position is on, above or below the line by
 * `flags` (1 on, 2 above, 4 below, 8 above/below as the map reads). Costs
 * favour straight chords, the anchor point, long and horizontal stretches;
 * candidates come in PAL's creation order (not sorted) and are not yet
 * turned upright. With `overrun` false a line shorter than the label gets
 * no candidates (PAL without overrun distance); with it true the label is
 * centred on the short line (repeated pieces).
 *
 * @example
 * ```ts
 * import { candidatesAlongLine } from "./placement.ts";
 * const c = candidatesAlongLine([0, 0, 100, 0], { w: 20, h: 8, dist: 1 }, 1);
 * c.length > 0; // true
 * ```
 */
export function candidatesAlongLine(
  line: Line,
  box: LabelBox,
  flags: number,
  anchor = 0.5,
  targetCount = 0,
  overrun = true,
  frame?: MapFrame,
): Candidate[] {
  if (frame) {
    return inMapUnits(
      line,
      box,
      frame,
      (l, b) => candidatesAlongLine(l, b, flags, anchor, targetCount, overrun),
    );
  }
  const out: Candidate[] = [];
  const n = line.length / 2;
  if (n < 2) return out;
  // PAL lets a label overrun a line by its overrun distance (0 here): a
  // line shorter than the label gets none, unless it is a repeated piece
  if (!overrun && distances(line).total < box.w) return out;
  const f = flags & 7 ? flags : flags | 1;
  const target = targetCount > 0 ? targetCount : 1;
  alongStraightStretches(line, box, f, anchor, target, out);
  if (out.length < target) {
    alongWholeLine(
      line,
      box,
      f,
      anchor,
      target,
      out.length > 0 ? 0.01 : 0,
      out,
    );
  }
  return out;
}

// PAL works in map units: the same positions, but the rounding of its
// sums (which decides exact cost ties) is that of map coordinates; the
// candidates made there, back in pixels
function inMapUnits(
  line: Line,
  box: LabelBox,
  frame: MapFrame,
  make: (line: Line, box: LabelBox) => Candidate[],
): Candidate[] {
  const { x0, y0, k } = frame;
  const mapLine = frame.line ?? Array.from(
    line,
    (v, i) => i % 2 === 0 ? x0 + v * k : y0 + v * k,
  );
  const mapBox = { ...box, w: box.w * k, h: box.h * k, dist: box.dist * k };
  return make(mapLine, mapBox).map((c) => ({
    ...c,
    x: (c.x - x0) / k,
    y: (c.y - y0) / k,
    w: box.w,
    h: box.h,
  }));
}

// GeomFunction::dist_euc2d: the square root of the summed squares (not
// Math.hypot, whose rounding differs in the last bit)
function dist(x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0, dy = y1 - y0;
  return Math.sqrt(dx * dx + dy * dy);
}

function distances(line: Line): { seg: number[]; to: number[]; total: number } {
  const n = line.length / 2;
  const seg: number[] = [];
  const to: number[] = [0];
  let total = 0;
  for (let i = 0; i < n - 1; i++) {
    if (i > 0) to[i] = to[i - 1] + seg[i - 1];
    seg[i] = dist(
      line[2 * i],
      line[2 * i + 1],
      line[2 * i + 2],
      line[2 * i + 3],
    );
    total += seg[i];
  }
  to[n - 1] = total;
  return { seg, to, total };
}

// Whether a line's running distances never decrease (no NaN among them),
// by array: bisection finds what the walk finds only then.
const orderedDistances = new WeakMap<number[], boolean>();

function ordered(to: number[]): boolean {
  let known = orderedDistances.get(to);
  if (known === undefined) {
    known = true;
    for (let i = 1; known && i < to.length; i++) known = to[i] >= to[i - 1];
    orderedDistances.set(to, known);
  }
  return known;
}

// PointSet::getPointByDistance: before the start extends the first
// segment backwards, past the end returns the last node
function pointByDistance(
  line: Line,
  seg: number[],
  to: number[],
  d: number,
): [number, number] {
  const n = line.length / 2;
  if (d <= 0) {
    const x0 = line[0], y0 = line[1];
    const t = seg[0] > 0 ? d / seg[0] : 0;
    return [x0 + (line[2] - x0) * t, y0 + (line[3] - y0) * t];
  }
  let i = 1;
  if (d === d && ordered(to)) {
    // the segment holding d by bisection: a line of 100,000 nodes was
    // walked from its start for every candidate (30 s for one polygon's
    // perimeter labels)
    let hi = n - 1;
    while (i < hi) {
      const mid = (i + hi) >> 1;
      if (d >= to[mid]) i = mid + 1;
      else hi = mid;
    }
  } else while (i < n - 1 && d >= to[i]) i++;
  if (d >= to[n - 1]) return [line[2 * n - 2], line[2 * n - 1]];
  const k = i - 1;
  const t = seg[k] > 0 ? (d - to[k]) / seg[k] : 0;
  const x0 = line[2 * k], y0 = line[2 * k + 1];
  return [x0 + (line[2 * k + 2] - x0) * t, y0 + (line[2 * k + 3] - y0) * t];
}

function normalizedAngle(a: number): number {
  let r = a % (2 * Math.PI);
  if (r < 0) r += 2 * Math.PI;
  return r;
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-8;
}

// the positions of one chord, in PAL's order: above and below (the order
// depends on the caller), then on the line
function chordCandidates(
  sx: number,
  sy: number,
  ex: number,
  ey: number,
  box: LabelBox,
  flags: number,
  cost: number,
  belowFirst: boolean,
  out: Candidate[],
): void {
  const { w, h, dist } = box;
  const angle = near(ex, sx) && near(ey, sy) ? 0 : Math.atan2(ey - sy, ex - sx);
  const bx = -Math.sin(angle), by = Math.cos(angle); // cos β, sin β
  const rtl = angle > Math.PI / 2 || angle <= -Math.PI / 2;
  const reversed = (flags & 8) !== 0 && rtl;
  const above = reversed ? (flags & 4) !== 0 : (flags & 2) !== 0;
  const below = reversed ? (flags & 2) !== 0 : (flags & 4) !== 0;
  const put = (x: number, y: number, c: number) =>
    out.push({ x, y, w, h, angle, cost: c, quadrant: "over" });
  const putBelow = () =>
    put(
      sx - bx * (dist + h),
      sy - by * (dist + h),
      cost + (reversed ? 0 : 0.001),
    );
  const putAbove = () =>
    put(sx + bx * dist, sy + by * dist, cost + (reversed ? 0.001 : 0));
  if (belowFirst) {
    if (below) putBelow();
    if (above) putAbove();
  } else {
    if (above) putAbove();
    if (below) putBelow();
  }
  if (flags & 1) put(sx - bx * h / 2, sy - by * h / 2, cost + 0.002);
}

function chordCost(
  sx: number,
  sy: number,
  ex: number,
  ey: number,
  w: number,
): number {
  const r = dist(sx, sy, ex, ey) / w;
  return r > 0.98 ? 0.0001 : (1 - r) / 100;
}

// FeaturePart::createCandidatesAlongLineNearStraightSegments
function alongStraightStretches(
  line: Line,
  box: LabelBox,
  flags: number,
  anchor: number,
  target: number,
  out: Candidate[],
): void {
  const { w, h } = box;
  const n = line.length / 2;
  const x = (i: number) => line[2 * i], y = (i: number) => line[2 * i + 1];
  const closed = near(x(0), x(n - 1)) && near(y(0), y(n - 1));
  const extreme: number[] = [];
  for (let i = 1; i <= n - (closed ? 1 : 2); i++) {
    const j = i === n - 1 ? 1 : i + 1;
    if (near(y(i), y(j)) && near(x(i), x(j))) continue;
    if (near(y(i - 1), y(i)) && near(x(i - 1), x(i))) continue;
    const a = normalizedAngle(
      Math.PI -
        (Math.atan2(y(j) - y(i), x(j) - x(i)) -
          Math.atan2(y(i) - y(i - 1), x(i) - x(i - 1))),
    );
    if (a < Math.PI * 135 / 180 || a > Math.PI * 225 / 180) extreme.push(i);
  }
  extreme.push(n - 1);
  const { seg, to, total } = distances(line);
  const lengths: number[] = [];
  const angles: number[] = [];
  let current = 0, longest = 0, sx = x(0), sy = y(0);
  // by node, not a search of the list for each (quadratic on a line
  // bending at every one of its 100,000 nodes)
  const isExtreme = new Uint8Array(n);
  for (const i of extreme) isExtreme[i] = 1;
  for (let i = 0; i < n - 1; i++) {
    if (isExtreme[i]) {
      lengths.push(current);
      angles.push(normalizedAngle(Math.atan2(y(i) - sy, x(i) - sx)));
      longest = Math.max(longest, current);
      current = 0;
      sx = x(i), sy = y(i);
    }
    current += seg[i];
  }
  lengths.push(current);
  angles.push(normalizedAngle(Math.atan2(y(n - 1) - sy, x(n - 1) - sx)));
  longest = Math.max(longest, current);
  if (total < w) return;
  const anchorD = total * anchor;
  const step = Math.min(Math.min(h, w), (total - w) / target);
  const flexible = anchor > 0.1 && anchor < 0.9;
  let end = 0;
  for (let i = 0; i < lengths.length; i++) {
    const start = end;
    end = to[extreme[i]];
    const centre = (start + end) / 2;
    if (lengths[i] < w) continue;
    const segmentCost = 1 - (end - start) / longest;
    const angleCost = 1 -
      Math.abs((angles[i] % Math.PI) - Math.PI / 2) / (Math.PI / 2);
    for (let d = start; d + w < end; d += step) {
      const [ax, ay] = pointByDistance(line, seg, to, d);
      const [ex, ey] = pointByDistance(line, seg, to, d + w);
      let cost = chordCost(ax, ay, ex, ey, w);
      const mid = d + w / 2;
      if (flexible) cost += 2 * Math.abs(mid - centre) / (end - start) * 0.0005;
      if (!closed) cost += 2 * Math.abs(mid - anchorD) / total * 0.0005;
      if (flexible) cost += segmentCost * 0.0005 + angleCost * 0.0001;
      chordCandidates(ax, ay, ex, ey, box, flags, cost, true, out);
      if (!(step > 0)) break;
    }
  }
}

// FeaturePart::createCandidatesAlongLineNearMidpoint
function alongWholeLine(
  line: Line,
  box: LabelBox,
  flags: number,
  anchor: number,
  target: number,
  initialCost: number,
  out: Candidate[],
): void {
  const { w, h } = box;
  const n = line.length / 2;
  const { seg, to } = distances(line);
  let total = to[n - 1];
  const closed = near(line[0], line[2 * n - 2]) &&
    near(line[1], line[2 * n - 1]);
  let step: number;
  let d = 0;
  if (total > w) step = Math.min(Math.min(h, w), (total - w) / target);
  else if (!closed) {
    d = -(w - total) / 2;
    step = -1;
    total = w;
  } else return;
  const anchorD = total * Math.min(0.99, anchor);
  while (d <= total - w) {
    const [ax, ay] = pointByDistance(line, seg, to, d);
    const [ex, ey] = pointByDistance(line, seg, to, d + w);
    let cost = d < 0
      ? chordCost(line[0], line[1], line[2 * n - 2], line[2 * n - 1], w)
      : chordCost(ax, ay, ex, ey, w);
    cost += Math.abs(anchorD - (d + w / 2)) / total / 1000 + initialCost;
    chordCandidates(ax, ay, ex, ey, box, flags, cost, false, out);
    if (step < 0 || !(step > 0)) break;
    d += step;
  }
}

/**
 * Straight stand-ins for curved labels (PAL's curved placement, character
 * by character, is not implemented yet): positions stepped along the line,
 * angled along the chord the label covers, kept upright, on/above/below the
 * line by `flags` (1 on, 2 above, 4 below); costs grow with the distance
 * from the anchor.
 *
 * @example
 * ```ts
 * import { candidatesCurvedStandIn } from "./placement.ts";
 * const c = candidatesCurvedStandIn([0, 0, 100, 0], { w: 20, h: 8, dist: 1 }, 1);
 * c.length > 0; // true
 * ```
 */
export function candidatesCurvedStandIn(
  line: Line,
  box: LabelBox,
  flags: number,
  anchor = 0.5,
): Candidate[] {
  const { w, h, dist } = box;
  const { total, seg } = lineLength(line);
  const out: Candidate[] = [];
  if (total < w || seg.length === 0) return out;
  const f = flags & 7 || 1;
  const step = Math.max(h / 2, (total - w) / 24, 1);
  const anchorD = total * anchor;
  for (let start = 0; start + w <= total + 1e-9; start += step) {
    const [x0, y0] = pointAt(line, seg, start);
    const [x1, y1] = pointAt(line, seg, start + w);
    let angle = Math.atan2(y1 - y0, x1 - x0);
    let bx = x0, by = y0;
    if (Math.cos(angle) < 0) {
      angle += Math.PI;
      bx = x1, by = y1;
    }
    const mid = start + w / 2;
    const base = 0.0001 + Math.abs(mid - anchorD) / total / 1000;
    const nx = -Math.sin(angle), ny = Math.cos(angle);
    const put = (off: number, extra: number) => {
      out.push({
        x: bx + nx * off,
        y: by + ny * off,
        w,
        h,
        angle,
        cost: base + extra,
        quadrant: "over",
      });
    };
    if (f & 2) put(dist, 0);
    if (f & 1) put(-h / 2, 0.0001);
    if (f & 4) put(-dist - h, 0.0002);
  }
  return out.sort((a, b) => a.cost - b.cost);
}

/**
 * A line cut into pieces for repeated labels, as PAL's
 * `Layer::chopFeaturesAtRepeatDistance` cuts it: the interval grows to a
 * whole multiple of `interval` at least as long as the label, then evens
 * out so that the pieces are equal; a line that would give a single piece
 * stays whole.
 *
 * @example
 * ```ts
 * import { chopAtRepeatDistance } from "./placement.ts";
 * chopAtRepeatDistance([0, 0, 100, 0], 30, 20).length; // 3
 * ```
 */
export function chopAtRepeatDistance(
  line: Line,
  interval: number,
  labelWidth: number,
): Line[] {
  const n = line.length / 2;
  if (!(interval > 0) || n < 2) return [line];
  const len: number[] = [0];
  for (let i = 1; i < n; i++) {
    len[i] = len[i - 1] +
      Math.hypot(
        line[2 * i] - line[2 * i - 2],
        line[2 * i + 1] - line[2 * i - 1],
      );
  }
  const total = len[n - 1];
  if (!(total > interval)) return [line];
  let chop = interval * Math.ceil(labelWidth / interval);
  const count = Math.floor(total / chop);
  if (!(count > 1)) return [line];
  chop = total / count;
  const out: Line[] = [];
  let part: number[] = [];
  let cur = 0, lambda = 0;
  for (let k = 0; k < count; k++) {
    lambda += chop;
    for (; cur < n && lambda > len[cur]; cur++) {
      part.push(line[2 * cur], line[2 * cur + 1]);
    }
    if (cur >= n) {
      out.push(part);
      break;
    }
    const t = (lambda - len[cur - 1]) / (len[cur] - len[cur - 1]);
    const px = line[2 * cur - 2] + t * (line[2 * cur] - line[2 * cur - 2]);
    const py = line[2 * cur - 1] + t * (line[2 * cur + 1] - line[2 * cur - 1]);
    part.push(px, py);
    out.push(part);
    part = [px, py];
  }
  return out;
}

/**
 * Horizontal candidates along a line (PAL's
 * `createHorizontalCandidatesAlongLine`): centred on points stepped from
 * the line's start to its end, `count + 1` steps, costs growing with the
 * distance from the anchor; in PAL's creation order. No overrun test: a
 * line shorter than the label gets them too. With `frame`, computed in map
 * units as PAL computes them (the rounding breaks exact cost ties).
 *
 * @example
 * ```ts
 * import { candidatesHorizontalAlongLine } from "./placement.ts";
 * candidatesHorizontalAlongLine([0, 0, 100, 0], { w: 20, h: 8, dist: 0 }, 0.5, 3).length; // 5
 * ```
 */
export function candidatesHorizontalAlongLine(
  line: Line,
  box: LabelBox,
  anchor = 0.5,
  count = 8,
  frame?: MapFrame,
): Candidate[] {
  if (frame) {
    return inMapUnits(
      line,
      box,
      frame,
      (l, b) => candidatesHorizontalAlongLine(l, b, anchor, count),
    );
  }
  const out: Candidate[] = [];
  if (line.length < 4) return out;
  const { seg, to, total } = distances(line);
  const stepD = total / (count + 1);
  const anchorD = total * anchor;
  for (let d = 0; d <= total; d += stepD) {
    const [cx, cy] = pointByDistance(line, seg, to, d);
    out.push({
      x: cx - box.w / 2,
      y: cy - box.h / 2,
      w: box.w,
      h: box.h,
      angle: 0,
      cost: Math.abs(anchorD - d) / total / 1000,
      quadrant: "over",
    });
    if (!(stepD > 0)) break;
  }
  return out;
}

/**
 * The obstacle a point symbol makes, as QGIS builds it
 * (`QgsVectorLayerLabelProvider::getPointObstacleGeometry`): the marker's
 * bounds grow by one pixel for antialiasing (half a pixel each side, as
 * `QgsSimpleMarkerSymbolLayer::bounds` does), then each corner is truncated
 * to whole output pixels before going back to map units. The truncation
 * moves the left and top edges out by up to a pixel, which decides whether a
 * neighbour's label candidate just clears the symbol.
 *
 * `x`, `y` are the point in PAL coordinates (pixels, y up), `symbolPx` the
 * marker's size with its stroke; returns `[xmin, ymin, xmax, ymax]` in PAL
 * coordinates.
 *
 * @example
 * ```ts
 * import { pointObstacleBox } from "./placement.ts";
 * pointObstacleBox(10.6, -20.6, 4); // [8, -23, 13, -18]
 * ```
 */
export function pointObstacleBox(
  x: number,
  y: number,
  symbolPx: number,
): [number, number, number, number] {
  const half = (symbolPx + 1) / 2;
  // output pixels have y down: PAL's y is -pixelY
  const left = Math.trunc(x - half), right = Math.trunc(x + half);
  const top = Math.trunc(-y - half), bottom = Math.trunc(-y + half);
  return [left, -bottom, right, -top];
}
