/**
 * Transformed points kept across jobs, by the bits of their coordinates:
 * an open-addressing table over typed arrays (no object per point).
 *
 * @module
 */

/**
 * Points in, points out, by the input's bits (so `0` and `-0` are two
 * keys). Grows by doubling; the caller bounds the total.
 *
 * @example
 * ```ts
 * import { PointTable } from "./_point_cache.ts";
 * const t = new PointTable();
 * t.set(2600000, 1200000, 7.4, 46.9);
 * const out = new Float64Array(2);
 * t.get(2600000, 1200000, out, 0); // true; out is [7.4, 46.9]
 * ```
 */
export class PointTable {
  /** Points held. */
  size = 0;
  #keys = new Float64Array(0);
  #values = new Float64Array(0);
  /** Per slot, the entry's index + 1 (0: empty); twice the capacity. */
  #slots = new Int32Array(0);
  #keyBits = new Uint32Array(0);

  /** The bytes the table holds (its typed arrays). */
  get bytes(): number {
    return this.#keys.byteLength + this.#values.byteLength +
      this.#slots.byteLength;
  }

  /**
   * Writes the point kept for (x, y) to `out[at]`, `out[at + 1]`; false
   * when none is kept.
   */
  get(x: number, y: number, out: Float64Array, at: number): boolean {
    scratch[0] = x;
    scratch[1] = y;
    const e = this.find(
      scratchBits[0],
      scratchBits[1],
      scratchBits[2],
      scratchBits[3],
    );
    if (e < 0) return false;
    out[at] = this.#values[2 * e];
    out[at + 1] = this.#values[2 * e + 1];
    return true;
  }

  /**
   * The entry of the point whose coordinates have the bits (b0, b1) for x
   * and (b2, b3) for y (the two 32-bit words of each, as a `Uint32Array`
   * over the coordinates reads them), or -1 when none is kept. Its result
   * is `values[2 * entry]`, `values[2 * entry + 1]`: a caller reading many
   * points in place neither copies nor converts them.
   */
  find(b0: number, b1: number, b2: number, b3: number): number {
    const slots = this.#slots, kb = this.#keyBits;
    const mask = slots.length - 1;
    if (mask < 0) return -1;
    for (let s = hash(b0, b1, b2, b3) & mask;; s = (s + 1) & mask) {
      const e = slots[s];
      if (e === 0) return -1;
      const o = 4 * (e - 1);
      if (
        kb[o] === b0 && kb[o + 1] === b1 && kb[o + 2] === b2 &&
        kb[o + 3] === b3
      ) return e - 1;
    }
  }

  /**
   * Whether entry `e` is the point with the bits (b0, b1, b2, b3) (see
   * {@link find}): a caller that expects the points in the order they were
   * kept checks the entry after the last one it found before it looks the
   * point up (the slots are scattered over the memory; the entries in
   * order are not).
   */
  isAt(e: number, b0: number, b1: number, b2: number, b3: number): boolean {
    if (e < 0 || e >= this.size) return false;
    const kb = this.#keyBits, o = 4 * e;
    return kb[o] === b0 && kb[o + 1] === b1 && kb[o + 2] === b2 &&
      kb[o + 3] === b3;
  }

  /** The kept results, x and y per entry ({@link find}). */
  get values(): Float64Array {
    return this.#values;
  }

  /** Keeps (ox, oy) for (x, y) (a point already kept is left as it is). */
  set(x: number, y: number, ox: number, oy: number): void {
    if (2 * (this.size + 1) > this.#slots.length) this.#grow();
    scratch[0] = x;
    scratch[1] = y;
    const b0 = scratchBits[0], b1 = scratchBits[1];
    const b2 = scratchBits[2], b3 = scratchBits[3];
    const slots = this.#slots, kb = this.#keyBits;
    const mask = slots.length - 1;
    for (let s = hash(b0, b1, b2, b3) & mask;; s = (s + 1) & mask) {
      const e = slots[s];
      if (e === 0) {
        const i = this.size++;
        slots[s] = i + 1;
        this.#keys[2 * i] = x;
        this.#keys[2 * i + 1] = y;
        this.#values[2 * i] = ox;
        this.#values[2 * i + 1] = oy;
        return;
      }
      const o = 4 * (e - 1);
      if (
        kb[o] === b0 && kb[o + 1] === b1 && kb[o + 2] === b2 &&
        kb[o + 3] === b3
      ) return;
    }
  }

  #grow(): void {
    const cap = Math.max(1024, this.#keys.length); // entries: length / 2 * 2
    const keys = new Float64Array(2 * cap);
    keys.set(this.#keys);
    const values = new Float64Array(2 * cap);
    values.set(this.#values);
    this.#keys = keys;
    this.#values = values;
    this.#keyBits = new Uint32Array(keys.buffer);
    const slots = new Int32Array(2 * cap);
    const kb = this.#keyBits, mask = slots.length - 1;
    for (let i = 0; i < this.size; i++) {
      const o = 4 * i;
      let s = hash(kb[o], kb[o + 1], kb[o + 2], kb[o + 3]) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = i + 1;
    }
    this.#slots = slots;
  }
}

const scratch = new Float64Array(2);
const scratchBits = new Uint32Array(scratch.buffer);

function hash(b0: number, b1: number, b2: number, b3: number): number {
  let h = Math.imul(b0, 0x9e3779b1) ^ Math.imul(b1, 0x85ebca77) ^
    Math.imul(b2, 0xc2b2ae3d) ^ Math.imul(b3, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}
