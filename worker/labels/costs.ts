/**
 * Candidate costs as PAL sets them (`pal::CostCalculator`): the penalty an
 * obstacle adds to a candidate it covers, and the final pass over a
 * feature's candidates (candidates over obstacles dropped while cleaner
 * ones exist, small features penalised).
 *
 * Coordinates are PAL's (pixels, y up).
 *
 * @module
 */
import {
  containsProperly,
  type Coords,
  coordsBounds,
  polygonContainsQuad,
  quadIntersectsLine,
  quadIntersectsPolygon,
  rectCorners,
  snapCoords,
} from "./_geom.ts";
import { stdSort } from "./_stdsort.ts";

/** A rectangle of a candidate (bottom-left corner, size, angle). */
export interface CostBox {
  /** Bottom-left x. */
  x: number;
  /** Bottom-left y. */
  y: number;
  /** Width. */
  w: number;
  /** Height. */
  h: number;
  /** Counter-clockwise angle, radians. */
  angle: number;
}

/** A candidate being costed. */
export interface CostCandidate extends CostBox {
  /** Cost so far. */
  cost: number;
  /** Further rectangles (curved labels: one per character). */
  parts?: CostBox[];
  /** Set when an obstacle outranks the label (placement engine version 2). */
  hardConflict?: boolean;
}

/**
 * How a polygon obstacle repels labels (`QgsLabelObstacleSettings::ObstacleType`):
 * 0 labels over its interior cost more the more they cover, 1 labels
 * crossing its boundary cost, 2 labels touching it at all cost.
 */
export type ObstacleType = 0 | 1 | 2;

/** The obstacle types by name. */
export const ObstacleType: {
  readonly PolygonInterior: 0;
  readonly PolygonBoundary: 1;
  readonly PolygonWhole: 2;
} = { PolygonInterior: 0, PolygonBoundary: 1, PolygonWhole: 2 };

/** An obstacle: a point, a line or a polygon (point symbols are boxes). */
export type PalObstacle =
  | {
    kind: "point";
    /** Label feature owning it (its own labels ignore it). */
    owner: number;
    x: number;
    y: number;
    factor: number;
    bounds: [number, number, number, number];
  }
  | {
    kind: "line";
    owner: number;
    line: Coords;
    factor: number;
    bounds: [number, number, number, number];
  }
  | {
    kind: "polygon";
    owner: number;
    rings: Coords[];
    /** The obstacle's layer's obstacle type. */
    type: ObstacleType;
    factor: number;
    bounds: [number, number, number, number];
    /** A point symbol's box, on whole pixels. */
    symbolBox?: boolean;
  };

/**
 * Makes an obstacle, computing its bounds.
 *
 * @example
 * ```ts
 * import { makeObstacle } from "./costs.ts";
 * makeObstacle({ kind: "line", owner: 1, line: [0, 0, 4, 3], factor: 1 }).bounds; // [0, 0, 4, 3]
 * ```
 */
export function makeObstacle(
  o:
    | { kind: "point"; owner: number; x: number; y: number; factor: number }
    | { kind: "line"; owner: number; line: Coords; factor: number }
    | {
      kind: "polygon";
      owner: number;
      rings: Coords[];
      type: ObstacleType;
      factor: number;
      symbolBox?: boolean;
    },
): PalObstacle {
  if (o.kind === "point") return { ...o, bounds: [o.x, o.y, o.x, o.y] };
  if (o.kind === "line") return { ...o, bounds: coordsBounds(o.line) };
  return { ...o, bounds: coordsBounds(o.rings[0]) };
}

function boxes(c: CostCandidate): CostBox[] {
  return c.parts ? [c, ...c.parts] : [c];
}

function quad(b: CostBox): number[] {
  return rectCorners(b.x, b.y, b.w, b.h, b.angle);
}

/**
 * The quad GEOS's `intersects` (touching counts) tests against a point
 * symbol's box: rounded to 2⁻²⁴ pixel, so that a label meeting the box in
 * map units, as PAL makes both (the box from whole pixels), touches it here
 * too. Lines and polygons keep the exact quad: rounding it against them
 * misplaced road labels (bczernecki/qgis_auto at ×16, 175 → 1,989
 * mismatched pixels), their coordinates being off the grid anyway.
 */
function touchQuad(b: CostBox): number[] {
  return snapCoords(quad(b));
}

function distanceToPoint(b: CostBox, px: number, py: number): number {
  const k = quad(b);
  // inside (border included): −1
  let inside: boolean;
  if (b.angle === 0) {
    inside = b.x <= px && px <= b.x + b.w && b.y <= py && py <= b.y + b.h;
  } else {
    inside = true;
    for (let j = 0; j < 8; j += 2) {
      const n = (j + 2) % 8;
      const cr = (k[n] - k[j]) * (py - k[j + 1]) -
        (k[n + 1] - k[j + 1]) * (px - k[j]);
      if (cr < 0) inside = false;
    }
  }
  if (inside) return -1;
  if (b.angle === 0) {
    const dx = Math.max(b.x - px, 0, px - (b.x + b.w));
    const dy = Math.max(b.y - py, 0, py - (b.y + b.h));
    return Math.hypot(dx, dy);
  }
  let min = Infinity;
  for (let j = 0; j < 8; j += 2) {
    const n = (j + 2) % 8;
    const ax = k[j], ay = k[j + 1], bx = k[n], by = k[n + 1];
    let dx = bx - ax, dy = by - ay;
    const t = Math.max(
      0,
      Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)),
    );
    dx = ax + dx * t - px, dy = ay + dy * t - py;
    min = Math.min(min, Math.hypot(dx, dy));
  }
  return min;
}

function intersectionCost(b: CostBox, rings: Coords[]): number {
  const k = quad(b);
  if (!quadIntersectsPolygon(k, rings)) return 0;
  let cost = 1;
  for (let i = 0; i < 4; i++) {
    const x = k[2 * i], y = k[2 * i + 1];
    const nx = k[(2 * i + 2) % 8], ny = k[(2 * i + 3) % 8];
    if (containsProperly(rings, x, y)) cost++;
    if (containsProperly(rings, (x + nx) / 2, (y + ny) / 2)) cost++;
  }
  if (containsProperly(rings, (k[0] + k[4]) / 2, (k[1] + k[5]) / 2)) {
    cost += 4;
  }
  return 12 * cost / 13;
}

/**
 * The penalty units `n` an obstacle gives a candidate
 * (`CostCalculator::addObstacleCostPenalty`): points 2 when inside the
 * label, lines 1 when crossing it, polygons 0–12 by the obstacle type.
 *
 * @example
 * ```ts
 * import { makeObstacle, obstacleUnits } from "./costs.ts";
 * const c = { x: 0, y: 0, w: 10, h: 4, angle: 0, cost: 0.001 };
 * obstacleUnits(c, makeObstacle({ kind: "point", owner: 1, x: 5, y: 2, factor: 1 }), 0); // 2
 * ```
 */
export function obstacleUnits(
  c: CostCandidate,
  o: PalObstacle,
  labelDistance: number,
): number {
  const parts = boxes(c);
  switch (o.kind) {
    case "point": {
      let d = distanceToPoint(parts[0], o.x, o.y);
      for (let i = 1; i < parts.length && d > 0; i++) {
        d = Math.min(d, distanceToPoint(parts[i], o.x, o.y));
      }
      return d < 0 ? 2 : d < labelDistance ? 1 : 0;
    }
    case "line":
      return parts.some((p) => quadIntersectsLine(quad(p), o.line)) ? 1 : 0;
    case "polygon":
      switch (o.type) {
        case ObstacleType.PolygonInterior: {
          let total = 0;
          for (const p of parts) total += intersectionCost(p, o.rings);
          return Math.ceil(total / parts.length);
        }
        case ObstacleType.PolygonBoundary:
          return parts.some((p) => {
              const k = quad(p);
              return quadIntersectsPolygon(k, o.rings) &&
                !polygonContainsQuad(o.rings, k);
            })
            ? 6
            : 0;
        default:
          return parts.some((p) =>
              quadIntersectsPolygon(
                o.symbolBox ? touchQuad(p) : quad(p),
                o.rings,
              )
            )
            ? 12
            : 0;
      }
  }
}

/**
 * Adds an obstacle's penalty to a candidate (its factor times the units)
 * and flags a hard conflict when the obstacle outranks the label
 * (placement engine version 2): `2·(1 − priority) < factor`.
 *
 * @example
 * ```ts
 * import { addObstaclePenalty, makeObstacle } from "./costs.ts";
 * const c = { x: 0, y: 0, w: 10, h: 4, angle: 0, cost: 0.001 };
 * addObstaclePenalty(c, makeObstacle({ kind: "point", owner: 1, x: 5, y: 2, factor: 1 }), 0, 0.5);
 * c.cost; // 2.001
 * ```
 */
export function addObstaclePenalty(
  c: CostCandidate,
  o: PalObstacle,
  labelDistance: number,
  palPriority: number,
): void {
  const n = obstacleUnits(c, o, labelDistance);
  if (n <= 0) return;
  const priority = 2 * (1 - palPriority);
  if (priority < o.factor && Math.abs(priority - o.factor) > 0.001) {
    c.hardConflict = true;
  }
  c.cost += o.factor * n;
}

/**
 * PAL's final pass over a feature's candidates, sorted by cost: when some
 * candidates cost less than 1 (cover no obstacle), the others are dropped;
 * when none do, the cheapest band is kept at a flat cost. Returns the
 * candidates kept, sorted.
 *
 * @example
 * ```ts
 * import { pruneByDiscrimination } from "./costs.ts";
 * const box = { x: 0, y: 0, w: 1, h: 1, angle: 0 };
 * pruneByDiscrimination([{ ...box, cost: 6.001 }, { ...box, cost: 0.002 }]).length; // 1
 * ```
 */
export function pruneByDiscrimination<C extends CostCandidate>(
  candidates: C[],
): C[] {
  const sorted = stdSort(candidates.slice(), (a, b) => a.cost < b.cost);
  if (sorted.length === 0) return sorted;
  let discrim = 0;
  let stop = 0;
  do {
    discrim += 1;
    for (stop = 0; stop < sorted.length && sorted[stop].cost < discrim; stop++);
  } while (stop === 0 && discrim < sorted[sorted.length - 1].cost + 2);
  if (discrim > 1.5) {
    for (let k = 0; k < stop; k++) sorted[k].cost = 0.0021;
  }
  return sorted.slice(0, stop);
}

/**
 * Small lines and polygons cost more (`FeaturePart::addSizePenalty`): a line
 * shorter than a quarter of the map's longer side, a polygon smaller than a
 * sixteenth of the map's area.
 *
 * @example
 * ```ts
 * import { sizePenalty } from "./costs.ts";
 * sizePenalty("line", 50, 400, 300); // 0.005
 * ```
 */
export function sizePenalty(
  kind: "point" | "line" | "polygon",
  size: number,
  mapWidth: number,
  mapHeight: number,
): number {
  if (kind === "line") {
    const l = Math.max(mapWidth, mapHeight) / 4;
    if (size <= 0 || size >= l) return 0;
    return (1 - size / l) / 100;
  }
  if (kind === "polygon") {
    const a = mapWidth * mapHeight / 16;
    if (size <= 0 || size >= a) return 0;
    return (1 - size / a) / 100;
  }
  return 0;
}
