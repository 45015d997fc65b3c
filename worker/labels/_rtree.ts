/**
 * The R-tree PAL keeps its label candidates in (`PalRtree`, a Guttman
 * R-tree with quadratic splits, 8 branches a node, at least 4), emulated
 * bit for bit: PAL walks its hits in the tree's order, and that order breaks
 * the ties of its initial solution (which candidate's conflict count drops
 * first in the heap).
 *
 * PAL stores single-precision coordinates scaled into the map extent grown
 * by 1000 times its larger side, and measures rectangles by the area of
 * their bounding circle in single precision. At those scales a label's own
 * circle underflows to zero, so ties are the rule and their order decides
 * the tree's shape: every float operation is rounded here as the C++ code
 * rounds it (`Math.fround`, subnormals included).
 *
 * @module
 */

const MAX = 8;
const MIN = 4;
const FLT_MAX = 3.4028234663852886e38;
const PI_F = Math.fround(3.141593);
const f = Math.fround;

/** `[xmin, ymin, xmax, ymax]`. */
export type Bounds = [number, number, number, number];

interface Branch {
  rect: Bounds;
  child: Node | null;
  data: number;
}

interface Node {
  level: number;
  branches: Branch[];
}

function volumeOf(x0: number, y0: number, x1: number, y1: number): number {
  const hx = f(f(x1 - x0) * 0.5);
  const hy = f(f(y1 - y0) * 0.5);
  const sum = f(f(hx * hx) + f(hy * hy));
  const radius = f(Math.sqrt(sum));
  return f(f(radius * radius) * PI_F);
}

function volume(r: ArrayLike<number>): number {
  return volumeOf(r[0], r[1], r[2], r[3]);
}

// volume(combine(a, b)) without the combined array: the split and the
// choice of a branch measure every pair, and the arrays were most of a
// labelled map's garbage
function combinedVolume(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return volumeOf(
    Math.min(a[0], b[0]),
    Math.min(a[1], b[1]),
    Math.max(a[2], b[2]),
    Math.max(a[3], b[3]),
  );
}

/** `into` = combine(`into`, `b`), in place (a branch's own array). */
function combineInto(into: Bounds | Float64Array, b: ArrayLike<number>): void {
  into[0] = Math.min(b[0], into[0]);
  into[1] = Math.min(b[1], into[1]);
  into[2] = Math.max(b[2], into[2]);
  into[3] = Math.max(b[3], into[3]);
}

function overlap(a: Bounds, b: Bounds): boolean {
  return !(a[0] > b[2] || b[0] > a[2] || a[1] > b[3] || b[1] > a[3]);
}

function cover(n: Node): Bounds {
  const out: Bounds = [0, 0, 0, 0];
  coverInto(out, n);
  return out;
}

/** `into` = cover(`n`), in place (a branch's own array). */
function coverInto(into: Bounds, n: Node): void {
  const bs = n.branches;
  const r0 = bs[0].rect;
  let x0 = r0[0], y0 = r0[1], x1 = r0[2], y1 = r0[3];
  for (let i = 1; i < bs.length; i++) {
    const r = bs[i].rect;
    x0 = Math.min(r[0], x0), y0 = Math.min(r[1], y0);
    x1 = Math.max(r[2], x1), y1 = Math.max(r[3], y1);
  }
  into[0] = x0, into[1] = y0, into[2] = x1, into[3] = y1;
}

// Every rectangle array belongs to one branch (scaled anew for a leaf, made
// by `cover` for a node): a node's is updated in place, and a split works
// in these scratch arrays, not new ones per insertion (the tree's garbage
// was a third of a labelled map's).
const BUF: (Branch | null)[] = new Array(MAX + 1).fill(null);
const PART = new Int8Array(MAX + 1);
const AREA = new Float64Array(MAX + 1);
const COVERS = [new Float64Array(4), new Float64Array(4)];
const COUNT = new Int32Array(2);
const AREAS = new Float64Array(2);
const QUERY: Bounds = [0, 0, 0, 0];

/**
 * PAL's candidate R-tree over ids: insert, remove and search in PAL's order.
 *
 * @example
 * ```ts
 * import { PalRtree } from "./_rtree.ts";
 * const t = new PalRtree([0, 0, 100, 100]);
 * t.insert(1, [10, 10, 20, 20]);
 * t.insert(2, [15, 15, 30, 30]);
 * const hits: number[] = [];
 * t.search([12, 12, 16, 16], (id) => hits.push(id));
 * hits; // [1, 2]
 * ```
 */
export class PalRtree {
  #root: Node = { level: 0, branches: [] };
  #xmin: number;
  #ymin: number;
  #xres: number;
  #yres: number;
  #max: Bounds;
  #query: Bounds = [0, 0, 0, 0];
  #searching = false;

  /** An index for coordinates within `extent` (the map's, in map units). */
  constructor(extent: Bounds) {
    const w = extent[2] - extent[0], h = extent[3] - extent[1];
    const grow = Math.max(w, h) * 1000;
    this.#max = [
      extent[0] - grow,
      extent[1] - grow,
      extent[2] + grow,
      extent[3] + grow,
    ];
    this.#xmin = this.#max[0];
    this.#ymin = this.#max[1];
    this.#xres = (FLT_MAX - 1) / (this.#max[2] - this.#max[0]);
    this.#yres = (FLT_MAX - 1) / (this.#max[3] - this.#max[1]);
  }

  #scale(b: Bounds, out: Bounds = [0, 0, 0, 0]): Bounds {
    const m = this.#max;
    out[0] = f((Math.max(b[0], m[0]) - this.#xmin) / this.#xres);
    out[1] = f((Math.max(b[1], m[1]) - this.#ymin) / this.#yres);
    out[2] = f((Math.min(b[2], m[2]) - this.#xmin) / this.#xres);
    out[3] = f((Math.min(b[3], m[3]) - this.#ymin) / this.#yres);
    return out;
  }

  /** Inserts `id` with its bounds. */
  insert(id: number, bounds: Bounds): void {
    this.#insertRect({ rect: this.#scale(bounds), child: null, data: id }, 0);
  }

  /** Removes `id` stored with `bounds`. */
  remove(id: number, bounds: Bounds): void {
    // the scaled rectangle only compared: the shared query array
    const rect = this.#scale(bounds, QUERY);
    const reinsert: Node[] = [];
    if (!this.#removeRec(rect, id, this.#root, reinsert)) {
      for (let i = 0; i < reinsert.length; i++) {
        const n = reinsert[i], bs = n.branches;
        for (let j = 0; j < bs.length; j++) this.#insertRect(bs[j], n.level);
      }
      const r = this.#root;
      if (r.branches.length === 1 && r.level > 0) {
        this.#root = r.branches[0].child!;
      }
    }
  }

  /** Calls `hit` for every id whose bounds meet `bounds`, in PAL's order. */
  search(bounds: Bounds, hit: (id: number) => void): void {
    // a search within a hit scales into an array of its own
    const rect = this.#searching
      ? this.#scale(bounds)
      : this.#scale(bounds, this.#query);
    const outer = this.#searching;
    this.#searching = true;
    try {
      searchRec(rect, this.#root, hit);
    } finally {
      this.#searching = outer;
    }
  }

  #insertRect(branch: Branch, level: number): void {
    const split = this.#insertRec(branch, this.#root, level);
    if (split) {
      const old = this.#root;
      this.#root = {
        level: old.level + 1,
        branches: [
          { rect: cover(old), child: old, data: -1 },
          { rect: cover(split), child: split, data: -1 },
        ],
      };
    }
  }

  /** Returns the new node when `node` was split. */
  #insertRec(branch: Branch, node: Node, level: number): Node | null {
    if (node.level > level) {
      const i = pickBranch(branch.rect, node);
      const picked = node.branches[i];
      const other = this.#insertRec(branch, picked.child!, level);
      if (!other) {
        combineInto(picked.rect, branch.rect);
        return null;
      }
      coverInto(picked.rect, picked.child!);
      return addBranch(
        { rect: cover(other), child: other, data: -1 },
        node,
      );
    }
    return addBranch(branch, node);
  }

  /** False when found and removed (as RTree.h answers). */
  #removeRec(rect: Bounds, id: number, node: Node, list: Node[]): boolean {
    const bs = node.branches;
    if (node.level > 0) {
      for (let i = 0; i < bs.length; i++) {
        if (!overlap(rect, bs[i].rect)) continue;
        if (!this.#removeRec(rect, id, bs[i].child!, list)) {
          const child = bs[i].child!;
          if (child.branches.length >= MIN) coverInto(bs[i].rect, child);
          else {
            // RTree.h prepends to its re-insertion list
            list.unshift(child);
            disconnect(node, i);
          }
          return false;
        }
      }
      return true;
    }
    for (let i = 0; i < bs.length; i++) {
      if (bs[i].data === id) {
        disconnect(node, i);
        return false;
      }
    }
    return true;
  }
}

function searchRec(
  rect: Bounds,
  n: Node,
  hit: (id: number) => void,
): void {
  const bs = n.branches;
  for (let i = 0; i < bs.length; i++) {
    const b = bs[i];
    if (!overlap(rect, b.rect)) continue;
    if (n.level > 0) searchRec(rect, b.child!, hit);
    else hit(b.data);
  }
}

function disconnect(node: Node, i: number): void {
  const bs = node.branches;
  bs[i] = bs[bs.length - 1];
  bs.pop();
}

function pickBranch(rect: Bounds, node: Node): number {
  let best = 0, bestIncr = -1, bestArea = -1;
  const bs = node.branches;
  for (let i = 0; i < bs.length; i++) {
    const area = volume(bs[i].rect);
    const increase = f(combinedVolume(rect, bs[i].rect) - area);
    if (i === 0 || increase < bestIncr) {
      best = i, bestArea = area, bestIncr = increase;
    } else if (increase === bestIncr && area < bestArea) {
      best = i, bestArea = area, bestIncr = increase;
    }
  }
  return best;
}

/** Adds a branch; returns the new node when `node` had to be split. */
function addBranch(branch: Branch, node: Node): Node | null {
  if (node.branches.length < MAX) {
    node.branches.push(branch);
    return null;
  }
  const buf = BUF, part = PART, area = AREA, covers = COVERS;
  const count = COUNT, areas = AREAS;
  const total = node.branches.length + 1;
  for (let i = 0; i < total - 1; i++) buf[i] = node.branches[i];
  buf[total - 1] = branch;
  const r0 = buf[0]!.rect;
  let x0 = r0[0], y0 = r0[1], x1 = r0[2], y1 = r0[3];
  for (let i = 1; i < total; i++) {
    const r = buf[i]!.rect;
    x0 = Math.min(x0, r[0]), y0 = Math.min(y0, r[1]);
    x1 = Math.max(x1, r[2]), y1 = Math.max(y1, r[3]);
  }
  const coverSplitArea = volumeOf(x0, y0, x1, y1);
  part.fill(-1);
  count[0] = count[1] = 0;
  areas[0] = areas[1] = 0;
  // seeds: the pair wasting the most area together
  {
    for (let i = 0; i < total; i++) area[i] = volume(buf[i]!.rect);
    let worst = f(-coverSplitArea - 1), s0 = 0, s1 = 0;
    for (let a = 0; a < total - 1; a++) {
      for (let b = a + 1; b < total; b++) {
        const waste = f(
          f(combinedVolume(buf[a]!.rect, buf[b]!.rect) - area[a]) - area[b],
        );
        if (waste > worst) worst = waste, s0 = a, s1 = b;
      }
    }
    classify(s0, 0);
    classify(s1, 1);
  }
  while (
    count[0] + count[1] < total && count[0] < total - MIN &&
    count[1] < total - MIN
  ) {
    let biggest = -1, chosen = 0, better = 0;
    for (let i = 0; i < total; i++) {
      if (part[i] !== -1) continue;
      const g0 = f(combinedVolume(buf[i]!.rect, covers[0]) - areas[0]);
      const g1 = f(combinedVolume(buf[i]!.rect, covers[1]) - areas[1]);
      let diff = f(g1 - g0);
      let group = 0;
      if (!(diff >= 0)) group = 1, diff = -diff;
      if (diff > biggest) biggest = diff, chosen = i, better = group;
      else if (diff === biggest && count[group] < count[better]) {
        chosen = i, better = group;
      }
    }
    classify(chosen, better);
  }
  if (count[0] + count[1] < total) {
    const g = count[0] >= total - MIN ? 1 : 0;
    for (let i = 0; i < total; i++) if (part[i] === -1) classify(i, g);
  }
  const fresh: Node = { level: node.level, branches: [] };
  // the node keeps its array, written over in order
  const bs = node.branches;
  let k = 0;
  for (let i = 0; i < total; i++) {
    if (part[i] === 0) bs[k++] = buf[i]!;
    else fresh.branches.push(buf[i]!);
    buf[i] = null;
  }
  bs.length = k;
  return fresh;
}

/** Puts branch `i` of a split in group `g` (`addBranch`'s scratch). */
function classify(i: number, g: number): void {
  PART[i] = g;
  if (COUNT[g] === 0) COVERS[g].set(BUF[i]!.rect);
  else combineInto(COVERS[g], BUF[i]!.rect);
  AREAS[g] = volume(COVERS[g]);
  COUNT[g]++;
}
