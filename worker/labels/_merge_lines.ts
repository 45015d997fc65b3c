/**
 * PAL's merge of connected line labels (`pal::Layer::joinConnectedFeatures`
 * with `FeaturePart::isConnected`) for one label text, in time near-linear
 * in the number of pieces. The plain walk scans every piece left for each
 * join and tests a candidate's far end against every segment of the
 * growing line: 20,000 segments of one street name took ~10 s, 200,000
 * about 19 minutes. Here an index of the pieces' end points (cells, a heap
 * of piece numbers per cell) gives the first piece touching the line's
 * ends, an index of the growing line's segments (a grid per size class)
 * answers "does the far end lie on the line", and pieces found not to join
 * are set aside until something that could change that answer happens. The
 * answer is the plain walk's, value for value (`_merge_lines_test.ts`).
 *
 * @module
 */

/** Two end points closer than this on both axes are the same (PAL's test). */
const NEAR = 1e-8;
/** The end point index's cell side: above {@link NEAR}, so near points share a cell or touch one. */
const CELL = 1e-7;
/** Size classes of the segment index: a segment's cell side is a power of two from 2^MIN_LEVEL up. */
const MIN_LEVEL = -40;
const MAX_LEVEL = 1000;
/** A line of this many segments or fewer is looked through, not indexed. */
const SHORT = 24;

type Point = [number, number];

const near = (ax: number, ay: number, bx: number, by: number): boolean =>
  Math.abs(ax - bx) < NEAR && Math.abs(ay - by) < NEAR;

/** A binary min-heap of piece numbers (duplicates allowed). */
class Heap {
  items: number[] = [];

  push(v: number): void {
    const a = this.items;
    let i = a.push(v) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= v) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = v;
  }

  pop(): void {
    const a = this.items;
    const last = a.pop()!;
    if (a.length === 0) return;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= a.length) break;
      if (c + 1 < a.length && a[c + 1] < a[c]) c++;
      if (a[c] >= last) break;
      a[i] = a[c];
      i = c;
    }
    a[i] = last;
  }
}

/** A double-ended queue of points with a segment number between neighbours. */
class PointDeque {
  xs = new Float64Array(16);
  ys = new Float64Array(16);
  /** `segs[i]`: the segment from point i to point i + 1 (storage order). */
  segs = new Int32Array(16);
  head = 0;
  length = 0;

  #slot(i: number): number {
    return (this.head + i) & (this.xs.length - 1);
  }

  #grow(): void {
    if (this.length < this.xs.length) return;
    const cap = this.xs.length * 2;
    const xs = new Float64Array(cap), ys = new Float64Array(cap);
    const segs = new Int32Array(cap);
    for (let i = 0; i < this.length; i++) {
      const s = this.#slot(i);
      xs[i] = this.xs[s];
      ys[i] = this.ys[s];
      segs[i] = this.segs[s];
    }
    this.xs = xs;
    this.ys = ys;
    this.segs = segs;
    this.head = 0;
  }

  x(i: number): number {
    return this.xs[this.#slot(i)];
  }

  y(i: number): number {
    return this.ys[this.#slot(i)];
  }

  seg(i: number): number {
    return this.segs[this.#slot(i)];
  }

  setSeg(i: number, id: number): void {
    this.segs[this.#slot(i)] = id;
  }

  pushBack(x: number, y: number): void {
    this.#grow();
    const s = this.#slot(this.length++);
    this.xs[s] = x;
    this.ys[s] = y;
    this.segs[s] = -1;
  }

  pushFront(x: number, y: number): void {
    this.#grow();
    this.head = (this.head - 1) & (this.xs.length - 1);
    this.length++;
    this.xs[this.head] = x;
    this.ys[this.head] = y;
    this.segs[this.head] = -1;
  }

  popFront(): void {
    this.head = (this.head + 1) & (this.xs.length - 1);
    this.length--;
  }

  popBack(): void {
    this.length--;
  }
}

/**
 * The segments of the growing line, each in a grid whose cell side is the
 * least power of two at least its box's width and height (so it lies in at
 * most 2 × 2 cells of it): a point is looked up in one cell per size class
 * in use. Segments with a coordinate that is not finite are left out: the
 * exact test never holds for them.
 */
class SegmentIndex {
  /** Per segment: its two points in storage order. */
  x0: number[] = [];
  y0: number[] = [];
  x1: number[] = [];
  y1: number[] = [];
  alive: boolean[] = [];
  #levels = new Map<number, Map<string, number[]>>();
  #huge: number[] = [];
  /** Segments put in the grids so far: none while the line is short (looked through instead). */
  #indexed = 0;

  add(x0: number, y0: number, x1: number, y1: number): number {
    const id = this.x0.length;
    this.x0.push(x0);
    this.y0.push(y0);
    this.x1.push(x1);
    this.y1.push(y1);
    this.alive.push(true);
    if (id >= SHORT) {
      while (this.#indexed <= id) this.#insert(this.#indexed++);
    }
    return id;
  }

  #insert(id: number): void {
    const x0 = this.x0[id], y0 = this.y0[id];
    const x1 = this.x1[id], y1 = this.y1[id];
    if (
      !Number.isFinite(x0) || !Number.isFinite(y0) || !Number.isFinite(x1) ||
      !Number.isFinite(y1)
    ) return;
    const minx = Math.min(x0, x1), maxx = Math.max(x0, x1);
    const miny = Math.min(y0, y1), maxy = Math.max(y0, y1);
    const ext = Math.max(maxx - minx, maxy - miny);
    let level = ext > 0 ? Math.ceil(Math.log2(ext)) : MIN_LEVEL;
    // cells numbered below 2^52 (exact, and a step to the next one moves)
    const mag = Math.max(-minx, maxx, -miny, maxy);
    if (mag > 0) level = Math.max(level, Math.ceil(Math.log2(mag)) - 50);
    if (level < MIN_LEVEL) level = MIN_LEVEL;
    if (!(level <= MAX_LEVEL)) {
      this.#huge.push(id);
      return;
    }
    const size = 2 ** level;
    let grid = this.#levels.get(level);
    if (!grid) this.#levels.set(level, grid = new Map());
    const cx0 = Math.floor(minx / size), cx1 = Math.floor(maxx / size);
    const cy0 = Math.floor(miny / size), cy1 = Math.floor(maxy / size);
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) {
        const key = `${cx},${cy}`;
        const cell = grid.get(key);
        if (cell) cell.push(id);
        else grid.set(key, [id]);
      }
    }
  }

  /**
   * The plain walk's exact test of (x, y) on segment `id` as the line reads
   * (`rev`: against storage order): 0 not on it, 1 on it only as the line
   * reads now, 2 on it read either way.
   */
  #test(id: number, x: number, y: number, rev: boolean): number {
    if (!this.alive[id]) return 0;
    const x0 = this.x0[id], y0 = this.y0[id];
    const x1 = this.x1[id], y1 = this.y1[id];
    if (
      x < Math.min(x0, x1) || x > Math.max(x0, x1) ||
      y < Math.min(y0, y1) || y > Math.max(y0, y1)
    ) return 0;
    const fwd = (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0) === 0;
    const back = (x0 - x1) * (y - y1) - (y0 - y1) * (x - x1) === 0;
    if (fwd && back) return 2;
    return (rev ? back : fwd) ? 1 : 0;
  }

  /**
   * Whether (x, y) lies on the line as it reads (`rev`: against storage
   * order), by the plain walk's exact test. Returns -1 when not; else a
   * segment it lies on, as `2 * id + 1` when it lies on it read either way
   * (a witness that holds when the line turns round), `2 * id` when only
   * as the line reads now.
   */
  find(x: number, y: number, rev: boolean): number {
    // a NaN or infinite point is on no segment (the test's arithmetic
    // never gives 0 then)
    if (!Number.isFinite(x) || !Number.isFinite(y)) return -1;
    let found = -1;
    if (this.x0.length <= SHORT) {
      for (let id = 0; id < this.x0.length; id++) {
        const t = this.#test(id, x, y, rev);
        if (t === 2) return 2 * id + 1;
        if (t === 1 && found < 0) found = 2 * id;
      }
      return found;
    }
    for (const id of this.#huge) {
      const t = this.#test(id, x, y, rev);
      if (t === 2) return 2 * id + 1;
      if (t === 1 && found < 0) found = 2 * id;
    }
    for (const [level, grid] of this.#levels) {
      const size = 2 ** level;
      const cell = grid.get(`${Math.floor(x / size)},${Math.floor(y / size)}`);
      if (!cell) continue;
      for (const id of cell) {
        const t = this.#test(id, x, y, rev);
        if (t === 2) return 2 * id + 1;
        if (t === 1 && found < 0) found = 2 * id;
      }
    }
    return found;
  }
}

/** The merge of one label text's pieces (see {@link mergeConnectedLines}). */
export interface MergedLines {
  /** Per piece: its line (the same array when it took nothing in), or null when it was taken in. */
  lines: (number[] | null)[];
  /** PAL's rounds in order: the piece taking in, and the pieces it took in order. */
  rounds: { to: number; joined: number[] }[];
}

/**
 * `pal::Layer::joinConnectedFeatures` over one label text's pieces, given
 * longest first (the caller's sort): while two pieces or more are left,
 * the first left takes in, in turn, the first other piece left that
 * `FeaturePart::isConnected` accepts — exactly one of its ends where the
 * line starts or ends, the other end nowhere on the line (GEOS's exact
 * point-on-segment test, which depends on the line's direction) — joined
 * as GEOS's line merger joins two lines (`mergeTwoLines`: walked from the
 * end of least x then y, reversed when more of it runs against the walk; a
 * ring takes in nothing and is never taken in), until none is left.
 *
 * @example
 * ```ts
 * import { mergeConnectedLines } from "./_merge_lines.ts";
 * mergeConnectedLines([[0, 0, 1, 0], [1, 0, 2, 0]]).lines;
 * // → [[0, 0, 1, 0, 2, 0], null]
 * ```
 */
export function mergeConnectedLines(
  lines: readonly number[][],
): MergedLines {
  const n = lines.length;
  // end points: 2k the start of lines[k], 2k + 1 its end
  const xs = new Float64Array(2 * n), ys = new Float64Array(2 * n);
  // whether a piece can be taken in: two ends that are not one (a point
  // is a ring too)
  const joinable = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const l = lines[k];
    if (l.length < 2) continue;
    xs[2 * k] = l[0];
    ys[2 * k] = l[1];
    xs[2 * k + 1] = l[l.length - 2];
    ys[2 * k + 1] = l[l.length - 1];
    joinable[k] = near(xs[2 * k], ys[2 * k], xs[2 * k + 1], ys[2 * k + 1])
      ? 0
      : 1;
  }
  // pieces with the same two ends (either way round) join or not alike:
  // the test reads a piece's ends only. Each such class is in the index
  // once, by its least piece left (its representative): a class is set
  // aside at once (20,000 copies of one segment were each set aside and
  // brought back in each round)
  const classOf = new Int32Array(n).fill(-1);
  const members: number[][] = [];
  const byEnds = new Map<string, number>();
  for (let k = 0; k < n; k++) {
    if (!joinable[k]) continue;
    const p = `${xs[2 * k]},${ys[2 * k]}`,
      q = `${xs[2 * k + 1]},${ys[2 * k + 1]}`;
    const key = p < q ? `${p};${q}` : `${q};${p}`;
    let c = byEnds.get(key);
    if (c === undefined) {
      byEnds.set(key, c = members.length);
      members.push([]);
    }
    classOf[k] = c;
    members[c].push(k);
  }
  // per class, its representative's place in `members` (past the end: none left)
  const repAt = new Int32Array(members.length);
  // the end point index: the joinable pieces' end points sorted by cell; a
  // NaN or infinite point is near nothing
  const cellOf = (v: number): number => Math.floor(v / CELL);
  const ids: number[] = [];
  const cx = new Float64Array(2 * n), cy = new Float64Array(2 * n);
  for (let id = 0; id < 2 * n; id++) {
    if (!joinable[id >> 1]) continue;
    if (!Number.isFinite(xs[id]) || !Number.isFinite(ys[id])) continue;
    ids.push(id);
    cx[id] = cellOf(xs[id]);
    cy[id] = cellOf(ys[id]);
  }
  ids.sort((a, b) => cx[a] - cx[b] || cy[a] - cy[b]);
  const cellX: number[] = [], cellY: number[] = [];
  // per cell: the classes with an end in it, by their first piece, in
  // order (skipped over once gone, and, in a round, once set aside: a
  // cursor a round), then a heap for the rest (later representatives,
  // pieces brought back during a round)
  const arr: number[][] = [];
  const jump: Int32Array[] = [];
  const heaps: Heap[] = [];
  // per end point, its cell (-1: none)
  const cellAt = new Int32Array(2 * n).fill(-1);
  // per end point, whether its piece has an entry in the end's cell (one
  // entry a cell: an entry set aside many times is not piled up)
  const held = new Uint8Array(2 * n);
  /** The end point of piece k in `cell`. */
  const endIn = (k: number, cell: number): number =>
    cellAt[2 * k] === cell ? 2 * k : 2 * k + 1;
  const put = (k: number, cell: number): void => {
    heaps[cell].push(k);
    held[endIn(k, cell)] = 1;
  };
  const take = (cell: number): void => {
    held[endIn(heaps[cell].items[0], cell)] = 0;
    heaps[cell].pop();
  };
  for (const id of ids) {
    const c = cellX.length - 1;
    if (c < 0 || cellX[c] !== cx[id] || cellY[c] !== cy[id]) {
      cellX.push(cx[id]);
      cellY.push(cy[id]);
      heaps.push(new Heap());
      arr.push([]);
    }
    const cell = heaps.length - 1;
    cellAt[id] = cell;
    // both ends in one cell: one entry; a class by its representative
    const k = id >> 1;
    if (cellAt[id ^ 1] !== cell && members[classOf[k]][0] === k) {
      arr[cell].push(k);
    }
  }
  for (const a of arr) jump.push(new Int32Array(a.length));
  const cursor = new Int32Array(arr.length);
  const cursorRound = new Int32Array(arr.length);
  /** The first place from i in a cell's list whose piece is not gone. */
  const live = (cell: number, i: number): number => {
    const a = arr[cell], jp = jump[cell];
    let j = i;
    while (j < a.length && gone[a[j]]) j = Math.max(j + 1, jp[j]);
    for (let t = i; t < j;) {
      const next = Math.max(t + 1, jp[t]);
      jp[t] = j;
      t = next;
    }
    return j;
  };
  const findCell = (x: number, y: number): number => {
    let lo = 0, hi = cellX.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = cellX[mid] - x || cellY[mid] - y;
      if (d === 0) return mid;
      if (d < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  /** The cells a point near (x, y) can be in (one or two a side). */
  const cellsNear = (x: number, y: number, into: number[]): void => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const x0 = cellOf(x - 2 * NEAR), x1 = cellOf(x + 2 * NEAR);
    const y0 = cellOf(y - 2 * NEAR), y1 = cellOf(y + 2 * NEAR);
    for (let i = 0; i < 4; i++) {
      const cell = findCell(i & 1 ? x1 : x0, i & 2 ? y1 : y0);
      if (cell >= 0 && !into.includes(cell)) into.push(cell);
    }
  };
  const pushBack = (k: number): void => {
    const c0 = cellAt[2 * k], c1 = cellAt[2 * k + 1];
    if (c0 >= 0 && !held[2 * k]) put(k, c0);
    if (c1 >= 0 && c1 !== c0 && !held[2 * k + 1]) put(k, c1);
  };

  const gone = new Uint8Array(n);
  // classes set aside in this round: found touching the line and not
  // joining; each waits in the lists of what could change that (an end of
  // the line moving, its witness segment leaving the line, the line
  // turning round) and goes back to the heaps then or at the round's end
  // (the round's number while set aside)
  const parked = new Int32Array(members.length);
  let round = 0;
  /** Piece k leaves (it takes pieces in, or is taken in). */
  const leave = (k: number): void => {
    gone[k] = 1;
    const c = classOf[k];
    if (c < 0) return;
    // only a representative leaves: the least piece left of its class
    const m = members[c];
    repAt[c]++;
    if (repAt[c] < m.length && parked[c] !== round) pushBack(m[repAt[c]]);
  };
  const out: (number[] | null)[] = [...lines];
  const rounds: MergedLines["rounds"] = [];
  let left = n;
  for (let k = 0; k < n && left > 1; k++) {
    if (gone[k]) continue;
    round++;
    leave(k);
    left--;
    const thisRound = { to: k, joined: [] as number[] };
    rounds.push(thisRound);
    const first = lines[k];
    if (first.length < 2) continue;
    const line = new PointDeque();
    const segments = new SegmentIndex();
    let rev = false;
    // the line as it reads: points i → i + 1 (storage), or backwards
    const addBack = (x: number, y: number): void => {
      line.pushBack(x, y);
      const i = line.length - 2;
      if (i >= 0) {
        line.setSeg(i, segments.add(line.x(i), line.y(i), x, y));
      }
    };
    const addFront = (x: number, y: number): void => {
      line.pushFront(x, y);
      if (line.length > 1) {
        line.setSeg(0, segments.add(x, y, line.x(1), line.y(1)));
      }
    };
    for (let i = 0; i < first.length - 1; i += 2) {
      addBack(first[i], first[i + 1]);
    }
    const parkLog: number[] = [];
    // waiting for the storage front / back end to move
    let atFront: number[] = [];
    let atBack: number[] = [];
    // waiting for a segment to leave, or for the line to turn round
    const bySegment: (number[] | undefined)[] = [];
    let fragile: number[] = [];
    const unpark = (list: number[]): void => {
      for (const c of list) {
        if (parked[c] !== round) continue;
        parked[c] = 0;
        if (repAt[c] < members[c].length) pushBack(members[c][repAt[c]]);
      }
    };
    const stash: [number, number][] = [];
    const cells: number[] = [];
    for (;;) {
      const last = line.length - 1;
      const frontX = line.x(0), frontY = line.y(0);
      const backX = line.x(last), backY = line.y(last);
      // a ring takes in nothing
      if (near(frontX, frontY, backX, backY)) break;
      const a0x = rev ? backX : frontX, a0y = rev ? backY : frontY;
      const aex = rev ? frontX : backX, aey = rev ? frontY : backY;
      /** The plain walk's `linesConnected(line, piece q)`, setting q aside when not. */
      const accepts = (q: number, cell: number): boolean => {
        const b0x = xs[2 * q], b0y = ys[2 * q];
        const bex = xs[2 * q + 1], bey = ys[2 * q + 1];
        const s0 = near(a0x, a0y, b0x, b0y), s1 = near(aex, aey, b0x, b0y);
        const e0 = near(a0x, a0y, bex, bey), e1 = near(aex, aey, bex, bey);
        const startTouches = s0 || s1, endTouches = e0 || e1;
        if (!startTouches && !endTouches) {
          // in the cell, near neither end: back after this step
          stash.push([q, cell]);
          return false;
        }
        // the ends of the line each touching end of q touches, as stored
        const front = rev ? s1 || e1 : s0 || e0;
        const back = rev ? s0 || e0 : s1 || e1;
        if (startTouches === endTouches) {
          park(q, front, back);
          return false;
        }
        const ox = startTouches ? bex : b0x, oy = startTouches ? bey : b0y;
        const on = segments.find(ox, oy, rev);
        if (on < 0) return true;
        park(q, front, back);
        const seg = on >> 1;
        const list = bySegment[seg];
        if (list) list.push(classOf[q]);
        else bySegment[seg] = [classOf[q]];
        if (!(on & 1)) fragile.push(classOf[q]);
        return false;
      };
      const park = (q: number, front: boolean, back: boolean): void => {
        const c = classOf[q];
        parked[c] = round;
        parkLog.push(c);
        if (front) atFront.push(c);
        if (back) atBack.push(c);
      };
      cells.length = 0;
      cellsNear(frontX, frontY, cells);
      cellsNear(backX, backY, cells);
      let best = -1;
      for (const cell of cells) {
        const a = arr[cell], h = heaps[cell].items;
        let i = cursorRound[cell] === round ? cursor[cell] : 0;
        for (;;) {
          i = live(cell, i);
          const qa = i < a.length ? a[i] : Infinity;
          while (
            h.length > 0 && (gone[h[0]] || parked[classOf[h[0]]] === round)
          ) take(cell);
          const qh = h.length > 0 ? h[0] : Infinity;
          const q = Math.min(qa, qh);
          if (q === Infinity || (best >= 0 && q >= best)) break;
          if (qa < qh && parked[classOf[q]] === round) {
            i++;
            continue;
          }
          if (accepts(q, cell)) {
            best = q;
            break;
          }
          // set aside, or near neither end (back after this step)
          if (qa === q) i++;
          if (qh === q) take(cell);
        }
        cursor[cell] = i;
        cursorRound[cell] = round;
      }
      for (const [q, cell] of stash) if (!held[endIn(q, cell)]) put(q, cell);
      stash.length = 0;
      if (best < 0) break;
      // join, as mergeTwoLines joins `line` and piece `best`
      const b = lines[best];
      const m = b.length;
      const b0x = b[0], b0y = b[1], bex = b[m - 2], bey = b[m - 1];
      const appendLast = (x: number, y: number): void =>
        rev ? addFront(x, y) : addBack(x, y);
      const revBefore: boolean = rev;
      let aForward: boolean, bForward: boolean;
      // the storage end that moves
      let movesFront: boolean;
      if (near(aex, aey, b0x, b0y)) {
        movesFront = rev;
        for (let i = 2; i < m; i += 2) appendLast(b[i], b[i + 1]);
        aForward = bForward = true;
      } else if (near(bex, bey, a0x, a0y)) {
        // the line's first point gives way to the piece's last
        movesFront = !rev;
        const seg = rev ? line.seg(line.length - 2) : line.seg(0);
        if (rev) line.popBack();
        else line.popFront();
        segments.alive[seg] = false;
        const waiting = bySegment[seg];
        if (waiting) {
          bySegment[seg] = undefined;
          unpark(waiting);
        }
        for (let i = m - 2; i >= 0; i -= 2) {
          if (rev) addBack(b[i], b[i + 1]);
          else addFront(b[i], b[i + 1]);
        }
        aForward = bForward = true;
      } else if (near(aex, aey, bex, bey)) {
        movesFront = rev;
        for (let i = m - 4; i >= 0; i -= 2) appendLast(b[i], b[i + 1]);
        aForward = true;
        bForward = false;
      } else {
        // near(a0, b0): the line turns round, then takes the piece in
        rev = !rev;
        movesFront = rev;
        for (let i = 2; i < m; i += 2) appendLast(b[i], b[i + 1]);
        aForward = false;
        bForward = true;
      }
      const l = line.length - 1;
      const sx = rev ? line.x(l) : line.x(0), sy = rev ? line.y(l) : line.y(0);
      const ex = rev ? line.x(0) : line.x(l), ey = rev ? line.y(0) : line.y(l);
      const startsLeast = sx < ex || (sx === ex && sy <= ey);
      let forward = (aForward ? 1 : 0) + (bForward ? 1 : 0);
      if (!startsLeast) {
        rev = !rev;
        forward = 2 - forward;
      }
      if (forward < 2 - forward) rev = !rev;
      leave(best);
      left--;
      out[best] = null;
      thisRound.joined.push(best);
      // what was set aside waiting for this
      if (movesFront) {
        const list = atFront;
        atFront = [];
        unpark(list);
      } else {
        const list = atBack;
        atBack = [];
        unpark(list);
      }
      if (rev !== revBefore) {
        const list = fragile;
        fragile = [];
        unpark(list);
      }
    }
    if (thisRound.joined.length > 0) {
      const l: number[] = new Array(2 * line.length);
      for (let i = 0; i < line.length; i++) {
        const j = rev ? line.length - 1 - i : i;
        l[2 * i] = line.x(j);
        l[2 * i + 1] = line.y(j);
      }
      out[k] = l;
    }
    // the round's cursors start again next round; a later representative
    // set aside goes back to its heaps
    for (const c of parkLog) {
      if (parked[c] !== round) continue;
      parked[c] = 0;
      const r = repAt[c] < members[c].length ? members[c][repAt[c]] : -1;
      if (r >= 0 && r !== members[c][0]) pushBack(r);
    }
  }
  return { lines: out, rounds };
}
