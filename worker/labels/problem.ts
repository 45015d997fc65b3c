/**
 * The labelling problem and its solution, as QGIS's PAL solves it
 * (`pal::Problem`): every feature's candidates (best first) are counted for
 * the candidates of other features they overlap; `reduce` drops the
 * candidates worse than a feature's first overlap-free one (and, as QGIS
 * 3.22 does, adds one to the count of each candidate they overlap); the initial
 * solution is FALP (Yamamoto, Camara & Lorena: repeatedly take the
 * candidate overlapping the fewest others, a binary heap with PAL's tie
 * order); the chain search then ejects and moves labels while the
 * solution's cost falls. A feature left out costs `2^(10 − 10·priority)`.
 *
 * Coordinates are PAL's (y up). A candidate is a rectangle (bottom-left
 * corner, width, height, counter-clockwise angle) or, for curved labels,
 * one rectangle per character.
 *
 * @module
 */
import { snapCoords } from "./_geom.ts";
import { type Bounds, PalRtree } from "./_rtree.ts";
import { keepShape } from "../cache/kept_shapes.ts";

/** A candidate's rectangle. */
export interface Box {
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

/** A candidate as the solver sees it. */
export interface ProblemCandidate extends Box {
  /** Cost after obstacles (PAL's `validateCost` keeps its fraction). */
  cost: number;
  /** Further rectangles of the same candidate (curved labels). */
  parts?: Box[];
}

/** A feature of the problem. */
export interface ProblemFeature<C extends ProblemCandidate> {
  /** Candidates, best (lowest cost) first. */
  candidates: C[];
  /** PAL priority: 0 highest … 1 lowest (−0.2 for labels always shown). */
  priority: number;
  /** Returned with its best candidate when it could not be placed. */
  showUnplaced: boolean;
  /** Its candidates conflict with none (overlaps allowed at no cost). */
  noConflicts?: boolean;
}

/** A feature's outcome: its chosen candidate, or null. */
export interface Solution<C> {
  /** Chosen candidate, or null when the feature stays unlabelled. */
  candidate: C | null;
  /** The candidate was not placed but is shown (always show / show all). */
  unplaced: boolean;
}

const EPSILON = 1e-9;

/**
 * PAL's binary heap (`pal::PriorityQueue`), min first, ties as PAL breaks them.
 *
 * @example
 * ```ts
 * import { PriorityQueue } from "./problem.ts";
 * const q = new PriorityQueue(2, 5);
 * q.insert(3, 1);
 * q.insert(5, 0);
 * q.getBest(); // 5
 * ```
 */
export class PriorityQueue {
  #heap: Int32Array;
  #p: Float64Array;
  #pos: Int32Array;
  #size = 0;
  #maxsize: number;
  #maxId: number;

  /** A queue for at most `n` keys in `0 … maxId`. */
  constructor(n: number, maxId: number) {
    this.#maxsize = n;
    this.#maxId = maxId;
    this.#heap = new Int32Array(n);
    this.#p = new Float64Array(n);
    this.#pos = new Int32Array(maxId + 1).fill(-1);
  }

  /** Number of keys queued. */
  get size(): number {
    return this.#size;
  }

  /** Whether `key` is queued. */
  isIn(key: number): boolean {
    return key <= this.#maxId && this.#pos[key] >= 0;
  }

  /** Queues `key` with priority `p` (false when full). */
  insert(key: number, p: number): boolean {
    if (this.#size === this.#maxsize || key > this.#maxId || key < 0) {
      return false;
    }
    this.#heap[this.#size] = key;
    this.#pos[key] = this.#size;
    this.#p[this.#size] = p;
    this.#size++;
    this.#upheap(key);
    return true;
  }

  /** Removes and returns the key with the lowest priority. */
  getBest(): number {
    if (this.#size <= 0) {
      throw new RangeError("Cannot take from an empty queue");
    }
    const heap = this.#heap, pos = this.#pos;
    const best = heap[0];
    this.#size--;
    pos[best] = -1;
    if (this.#size > 0) {
      pos[heap[this.#size]] = 0;
      heap[0] = heap[this.#size];
      this.#p[0] = this.#p[this.#size];
      this.#downheap(0);
    }
    return best;
  }

  /** Removes `key` (PAL moves the last element in and only sifts down). */
  remove(key: number): void {
    if (key < 0 || key > this.#maxId) return;
    const i = this.#pos[key];
    if (i < 0) return;
    const heap = this.#heap, pos = this.#pos;
    this.#size--;
    pos[heap[this.#size]] = i;
    pos[key] = -1;
    heap[i] = heap[this.#size];
    this.#p[i] = this.#p[this.#size];
    this.#downheap(i);
  }

  /** Lowers `key`'s priority by one. */
  decreaseKey(key: number): void {
    if (key < 0 || key > this.#maxId) return;
    const i = this.#pos[key];
    if (i < 0) return;
    this.#p[i]--;
    this.#upheap(key);
    this.#downheap(this.#pos[key]);
  }

  #upheap(key: number): void {
    const heap = this.#heap, p = this.#p, pos = this.#pos;
    let i = pos[key];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!(p[parent] > p[i])) break;
      pos[heap[i]] = parent;
      pos[heap[parent]] = i;
      const t = heap[i], tp = p[i];
      heap[i] = heap[parent];
      p[i] = p[parent];
      heap[parent] = t;
      p[parent] = tp;
      i = parent;
    }
  }

  #downheap(id: number): void {
    const heap = this.#heap, p = this.#p, pos = this.#pos;
    for (;;) {
      const left = 2 * id + 1, right = 2 * id + 2;
      if (left >= this.#size) break;
      // PAL: the right child unless the left one is strictly smaller
      const child = right < this.#size
        ? (p[right] > p[left] ? left : right)
        : left;
      if (!(p[id] > p[child])) break;
      pos[heap[id]] = child;
      pos[heap[child]] = id;
      const t = heap[id], tp = p[id];
      heap[id] = heap[child];
      p[id] = p[child];
      heap[child] = t;
      p[child] = tp;
      id = child;
    }
  }
}

type Rect = [number, number, number, number];

function corners(b: Box): number[] {
  const c = Math.cos(b.angle), s = Math.sin(b.angle);
  const wx = b.w * c, wy = b.w * s, hx = -b.h * s, hy = b.h * c;
  return [
    b.x,
    b.y,
    b.x + wx,
    b.y + wy,
    b.x + wx + hx,
    b.y + wy + hy,
    b.x + hx,
    b.y + hy,
  ];
}

function boxBounds(b: Box): Rect {
  if (b.angle === 0) return [b.x, b.y, b.x + b.w, b.y + b.h];
  const k = corners(b);
  return [
    Math.min(k[0], k[2], k[4], k[6]),
    Math.min(k[1], k[3], k[5], k[7]),
    Math.max(k[0], k[2], k[4], k[6]),
    Math.max(k[1], k[3], k[5], k[7]),
  ];
}

/**
 * Bounds of a candidate and all its parts: `[xmin, ymin, xmax, ymax]`.
 *
 * @example
 * ```ts
 * import { candidateBounds } from "./problem.ts";
 * candidateBounds({ x: 1, y: 2, w: 3, h: 4, angle: 0, cost: 0 }); // [1, 2, 4, 6]
 * ```
 */
export function candidateBounds(c: ProblemCandidate): Rect {
  const r = boxBounds(c);
  for (const p of c.parts ?? []) {
    const b = boxBounds(p);
    r[0] = Math.min(r[0], b[0]);
    r[1] = Math.min(r[1], b[1]);
    r[2] = Math.max(r[2], b[2]);
    r[3] = Math.max(r[3], b[3]);
  }
  return r;
}

// PAL makes its candidates in map units, where the candidates drawn around
// anchors at the same height (neighbouring polygons' centroids, say) meet
// exactly and so conflict: bounds rounded to 2⁻²⁴ pixel meet again
const snapRect = snapCoords<Rect>;

function rectsIntersect(a: Rect, b: Rect): boolean {
  return Math.max(a[0], b[0]) <= Math.min(a[2], b[2]) &&
    Math.max(a[1], b[1]) <= Math.min(a[3], b[3]);
}

function project(k: number[], ax: number, ay: number): [number, number] {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < 8; i += 2) {
    const v = k[i] * ax + k[i + 1] * ay;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/**
 * Whether two rectangles intersect, touching included (GEOS `intersects`).
 *
 * @example
 * ```ts
 * import { boxesIntersect } from "./problem.ts";
 * const a = { x: 0, y: 0, w: 2, h: 2, angle: 0 };
 * boxesIntersect(a, { ...a, x: 2 }); // true
 * ```
 */
export function boxesIntersect(a: Box, b: Box): boolean {
  if (!rectsIntersect(boxBounds(a), boxBounds(b))) return false;
  if (a.angle === 0 && b.angle === 0) return true;
  const ka = corners(a), kb = corners(b);
  for (
    const ang of [
      a.angle,
      a.angle + Math.PI / 2,
      b.angle,
      b.angle + Math.PI / 2,
    ]
  ) {
    const ax = Math.cos(ang), ay = Math.sin(ang);
    const [a0, a1] = project(ka, ax, ay);
    const [b0, b1] = project(kb, ax, ay);
    if (a1 < b0 || b1 < a0) return false;
  }
  return true;
}

function parts(c: ProblemCandidate): Box[] {
  return c.parts ? [c, ...c.parts] : [c];
}

/**
 * Whether two candidates of different features conflict
 * (`LabelPosition::isInConflict`): axis-aligned rectangles by their bounds
 * (touching counts, to 2⁻²⁴ pixel), others by their shapes.
 *
 * @example
 * ```ts
 * import { candidatesConflict } from "./problem.ts";
 * const a = { x: 0, y: 0, w: 2, h: 2, angle: 0, cost: 0 };
 * candidatesConflict(a, { ...a, x: 3 }); // false
 * ```
 */
export function candidatesConflict(
  a: ProblemCandidate,
  b: ProblemCandidate,
): boolean {
  if (!a.parts && !b.parts && a.angle === 0 && b.angle === 0) {
    return rectsIntersect(snapRect(boxBounds(a)), snapRect(boxBounds(b)));
  }
  const ba = snapRect(candidateBounds(a)), bb = snapRect(candidateBounds(b));
  if (!rectsIntersect(ba, bb)) return false;
  for (const pa of parts(a)) {
    for (const pb of parts(b)) if (boxesIntersect(pa, pb)) return true;
  }
  return false;
}

/** A spatial index of candidate ids; queries answer in ascending id order. */
class Index {
  #cell: number;
  #cells = new Map<number, number[]>();
  #bounds: Rect[];
  #live: Uint8Array;

  constructor(bounds: Rect[], cell: number) {
    this.#bounds = bounds;
    this.#cell = cell;
    this.#live = new Uint8Array(bounds.length);
  }

  #keys(b: Rect, f: (key: number) => void): void {
    const c = this.#cell;
    const x0 = Math.floor(b[0] / c), x1 = Math.floor(b[2] / c);
    const y0 = Math.floor(b[1] / c), y1 = Math.floor(b[3] / c);
    for (let i = x0; i <= x1; i++) {
      for (let j = y0; j <= y1; j++) f((i + 32768) * 65536 + (j + 32768));
    }
  }

  insert(id: number): void {
    if (this.#live[id]) return;
    this.#live[id] = 1;
    this.#keys(this.#bounds[id], (k) => {
      const l = this.#cells.get(k);
      if (l) l.push(id);
      else this.#cells.set(k, [id]);
    });
  }

  remove(id: number): void {
    this.#live[id] = 0;
  }

  query(b: Rect): number[] {
    const seen = new Set<number>();
    this.#keys(b, (k) => {
      for (const id of this.#cells.get(k) ?? []) {
        if (this.#live[id] && rectsIntersect(this.#bounds[id], b)) seen.add(id);
      }
    });
    return [...seen].sort((a, b) => a - b);
  }
}

/** Where the problem's PAL pixels sit on the map (PAL's own coordinates). */
export interface SolveOptions {
  /** Map units per pixel (`k`) and the map coordinates of pixel (0, 0). */
  frame?: { x0: number; y0: number; k: number };
  /** The map's extent in PAL pixels; default: the candidates' bounds. */
  extent?: Rect;
}

/** The candidates in PAL's R-tree (map units), answering in its order. */
class CandidateTree {
  #tree: PalRtree;
  #bounds: Bounds[];
  #live: Uint8Array;

  constructor(bounds: Rect[], options: SolveOptions) {
    const { x0, y0, k } = options.frame ?? { x0: 0, y0: 0, k: 1 };
    const toMap = (b: Rect): Bounds => [
      x0 + b[0] * k,
      y0 + b[1] * k,
      x0 + b[2] * k,
      y0 + b[3] * k,
    ];
    let extent = options.extent;
    if (!extent) {
      extent = [Infinity, Infinity, -Infinity, -Infinity];
      for (const b of bounds) {
        extent = [
          Math.min(extent[0], b[0]),
          Math.min(extent[1], b[1]),
          Math.max(extent[2], b[2]),
          Math.max(extent[3], b[3]),
        ];
      }
    }
    this.#tree = new PalRtree(toMap(extent));
    this.#bounds = bounds.map(toMap);
    this.#live = new Uint8Array(bounds.length);
  }

  insert(id: number): void {
    if (this.#live[id]) return;
    this.#live[id] = 1;
    this.#tree.insert(id, this.#bounds[id]);
  }

  remove(id: number): void {
    if (!this.#live[id]) return;
    this.#live[id] = 0;
    this.#tree.remove(id, this.#bounds[id]);
  }

  /** Ids whose bounds meet candidate `id`'s, in PAL's order. */
  query(id: number): number[] {
    const out: number[] = [];
    this.#tree.search(this.#bounds[id], (hit) => out.push(hit));
    return out;
  }
}

interface Chain {
  feat: number[];
  label: number[];
  delta: number;
}

// Whether two candidates conflict (PAL's LabelPosition::isInConflict),
// remembered by pair. A class, not a closure made per problem: the chain
// search and the counts call it in their hot loops, and a new closure per
// problem was compiled anew, with every function it was inlined into.
class Conflicts {
  #cache = new Map<number, boolean>();
  #featOf: number[];
  #free: boolean[];
  #lps: ProblemCandidate[];

  constructor(featOf: number[], free: boolean[], lps: ProblemCandidate[]) {
    this.#featOf = featOf;
    this.#free = free;
    this.#lps = lps;
  }

  test(a: number, b: number): boolean {
    const featOf = this.#featOf;
    if (featOf[a] === featOf[b]) return false;
    if (this.#free[featOf[a]] || this.#free[featOf[b]]) return false;
    const total = this.#lps.length;
    const key = a < b ? a * total + b : b * total + a;
    let r = this.#cache.get(key);
    if (r === undefined) {
      r = candidatesConflict(this.#lps[a], this.#lps[b]);
      this.#cache.set(key, r);
    }
    return r;
  }
}

/**
 * Solves a labelling problem as PAL does: conflict counts, `reduce`, FALP,
 * then the chain search. Returns one outcome per feature, in order.
 *
 * @example
 * ```ts
 * import { solveProblem } from "./problem.ts";
 * const box = (x: number, cost: number) => ({ x, y: 0, w: 10, h: 5, angle: 0, cost });
 * const out = solveProblem([
 *   { candidates: [box(0, 0.001), box(20, 0.002)], priority: 0.5, showUnplaced: false },
 *   { candidates: [box(5, 0.001)], priority: 0.5, showUnplaced: false },
 * ]);
 * out[0].candidate?.x; // 20
 * ```
 */
export function solveProblem<C extends ProblemCandidate>(
  features: ProblemFeature<C>[],
  options: SolveOptions = {},
): Solution<C>[] {
  const nFeat = features.length;
  const lps: C[] = [];
  const featOf: number[] = [];
  const featStart = new Int32Array(nFeat);
  const featNb = new Int32Array(nFeat);
  const inactive = new Float64Array(nFeat);
  features.forEach((f, i) => {
    featStart[i] = lps.length;
    featNb[i] = f.candidates.length;
    inactive[i] = Math.pow(2, 10 - 10 * f.priority);
    for (const c of f.candidates) {
      lps.push(c);
      featOf.push(i);
    }
  });
  const total = lps.length;
  const out: Solution<C>[] = features.map(() => ({
    candidate: null,
    unplaced: false,
  }));
  if (total === 0) return out;

  // PAL's validateCost: a candidate's cost keeps only its fraction
  const cost = new Float64Array(total);
  for (let i = 0; i < total; i++) {
    const c = lps[i].cost;
    cost[i] = c >= 1 ? c - Math.trunc(c) : c;
  }
  // the bounds conflicts are tested with: the index must find the same
  const bounds = lps.map((c) => snapRect(candidateBounds(c)));
  let cell = 0;
  for (const b of bounds) cell = Math.max(cell, b[2] - b[0], b[3] - b[1]);
  cell = Math.max(cell, 1e-9);
  // PAL's R-tree reports hits in its own order, which breaks the initial
  // solution's ties: the same tree, in map units
  const all = new CandidateTree(bounds, options);
  for (let i = 0; i < total; i++) all.insert(i);
  const conflictTable = new Conflicts(
    featOf,
    features.map((f) => f.noConflicts === true),
    lps,
  );

  // overlap counts
  const overlaps = new Int32Array(total);
  for (let i = 0; i < total; i++) {
    for (const j of all.query(i)) if (conflictTable.test(i, j)) overlaps[i]++;
  }

  // reduce: drop the candidates worse than a feature's first overlap-free one
  {
    const ok = new Uint8Array(total);
    let run = true;
    let removed = 0;
    while (run) {
      run = false;
      for (let i = 0; i < nFeat; i++) {
        for (let j = 0; j < featNb[i]; j++) {
          const id = featStart[i] + j;
          if (ok[id] || overlaps[id] !== 0) continue;
          run = true;
          ok[id] = 1;
          removed += featNb[i] - j - 1;
          for (let k = j + 1; k < featNb[i]; k++) {
            const id2 = featStart[i] + k;
            ok[id2] = 1;
            // PAL means to lower the conflict counts of the candidates a
            // dropped one meets, but its LabelPosition::decrementNumOverlaps
            // adds one: they rise
            for (const o of all.query(id2)) {
              if (conflictTable.test(id2, o)) overlaps[o]++;
            }
            all.remove(id2);
          }
          featNb[i] = j + 1;
          break;
        }
      }
    }
    void removed;
  }

  // FALP initial solution
  const sol = new Int32Array(nFeat).fill(-1);
  const active = new Index(bounds, cell);
  {
    let remaining = 0;
    for (let i = 0; i < nFeat; i++) remaining += featNb[i];
    const list = new PriorityQueue(remaining, total);
    for (let i = 0; i < nFeat; i++) {
      for (let j = 0; j < featNb[i]; j++) {
        const label = featStart[i] + j;
        list.insert(label, overlaps[label]);
      }
    }
    const ignore = (id: number) => {
      if (!list.isIn(id)) return;
      list.remove(id);
      for (const other of all.query(id)) {
        if (other !== id && list.isIn(other) && conflictTable.test(other, id)) {
          list.decreaseKey(other);
        }
      }
    };
    while (list.size > 0) {
      const label = list.getBest();
      const f = featOf[label];
      sol[f] = label;
      for (let i = featStart[f]; i < featStart[f] + featNb[f]; i++) ignore(i);
      const conflicting = all.query(label).filter((o) =>
        conflictTable.test(label, o)
      );
      for (const o of conflicting) ignore(o);
      active.insert(label);
    }
  }

  // chain search
  const chain = (seed0: number): Chain | null => {
    let seed = seed0;
    let deltaBest = Number.MAX_VALUE;
    let retained: Chain | null = null;
    const current: { feat: number; old: number; neu: number }[] = [];
    const tmpsol = Int32Array.from(sol);
    let delta = 0;
    while (seed !== -1) {
      const seedNb = featNb[seed];
      let deltaMin = Number.MAX_VALUE;
      let nextSeed = -1;
      let retainedLabel = -2;
      delta -= tmpsol[seed] === -1 ? inactive[seed] : cost[tmpsol[seed]];
      for (let i = -1; i < seedNb; i++) {
        if (
          (tmpsol[seed] === -1 && i === -1) ||
          i + featStart[seed] === tmpsol[seed]
        ) continue;
        if (i !== -1) {
          const lid = featStart[seed] + i;
          let deltaTmp = delta;
          const conflicts: number[] = [];
          let cycle = false;
          for (const other of active.query(bounds[lid])) {
            if (!conflictTable.test(other, lid)) continue;
            const feat = featOf[other];
            if (current.some((e) => e.feat === feat)) {
              cycle = true;
              break;
            }
            if (!conflicts.includes(feat)) {
              conflicts.push(feat);
              deltaTmp += cost[other] + inactive[feat];
            }
          }
          if (cycle) continue;
          if (conflicts.length === 0) {
            if (!retained || delta + cost[lid] < deltaBest) {
              deltaBest = delta + cost[lid];
              retained = {
                feat: [...current.map((e) => e.feat), seed],
                label: [...current.map((e) => e.neu), lid],
                delta: delta + cost[lid],
              };
            }
          } else if (conflicts.length === 1) {
            if (deltaTmp < deltaMin) {
              deltaMin = deltaTmp;
              retainedLabel = lid;
              nextSeed = conflicts[0];
            }
          } else {
            const c: Chain = {
              feat: [...current.map((e) => e.feat), seed, ...conflicts],
              label: [
                ...current.map((e) => e.neu),
                lid,
                ...conflicts.map(() => -1),
              ],
              delta: delta + cost[lid],
            };
            for (const ft of conflicts) c.delta += inactive[ft];
            if (c.delta < deltaBest) {
              deltaBest = c.delta;
              retained = c;
            }
          }
        } else if (!retained || delta + inactive[seed] < deltaBest) {
          deltaBest = delta + inactive[seed];
          retained = {
            feat: [...current.map((e) => e.feat), seed],
            label: [...current.map((e) => e.neu), -1],
            delta: delta + inactive[seed],
          };
        }
      }
      if (nextSeed === -1 || current.length > 50) {
        seed = -1;
      } else {
        const et = { feat: seed, old: tmpsol[seed], neu: retainedLabel };
        current.push(et);
        if (et.old !== -1) active.remove(et.old);
        if (et.neu !== -1) active.insert(et.neu);
        tmpsol[seed] = retainedLabel;
        delta += cost[retainedLabel];
        seed = nextSeed;
      }
    }
    for (const et of current) {
      if (et.neu !== -1) active.remove(et.neu);
      if (et.old !== -1) active.insert(et.old);
    }
    return retained;
  };

  if (nFeat > 0) {
    const ok = new Uint8Array(nFeat);
    let iter = 0;
    for (;;) {
      let seed = (iter + 1) % nFeat;
      while (ok[seed] && seed !== iter) seed = (seed + 1) % nFeat;
      if (seed === iter) break;
      iter = (iter + 1) % nFeat;
      const c = chain(seed);
      if (c && c.delta < -EPSILON) {
        for (let i = 0; i < c.feat.length; i++) {
          const fid = c.feat[i], lid = c.label[i];
          if (sol[fid] >= 0) {
            const old = sol[fid];
            active.remove(old);
            for (const o of all.query(old)) {
              if (conflictTable.test(old, o)) ok[featOf[o]] = 0;
            }
          }
          sol[fid] = lid;
          if (lid >= 0) active.insert(lid);
          ok[fid] = 0;
        }
      } else {
        ok[seed] = 1;
      }
    }
  }

  for (let i = 0; i < nFeat; i++) {
    if (sol[i] !== -1) out[i] = { candidate: lps[sol[i]], unplaced: false };
    else if (features[i].showUnplaced && featNb[i] > 0) {
      out[i] = { candidate: lps[featStart[i]], unplaced: true };
    }
  }
  return out;
}

// One of each class a problem builds, for the worker's life
// (kept_shapes.ts): without them their maps died with each labelled map, and
// with them the optimized queue, index, R-tree and conflict methods
// (compiled again in every job with labels). Fractional bounds, as the
// candidates' are.
{
  const box = { x: 0.5, y: 0.5, w: 1.5, h: 1.5, angle: 0, cost: 0.5 };
  const kept: Rect[] = [[0.5, 0.5, 2, 2], [1.25, 0.5, 2.75, 2]];
  const queue = keepShape(new PriorityQueue(2, 1));
  queue.insert(0, 1);
  const index = keepShape(new Index(kept, 1.5));
  index.insert(0);
  const tree = keepShape(new CandidateTree(kept, {}));
  tree.insert(0);
  const conflictTable = keepShape(
    new Conflicts([0, 1], [false, false], [box, box]),
  );
  conflictTable.test(0, 1);
}
