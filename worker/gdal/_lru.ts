/**
 * A small least-recently-used map with an eviction callback (used to close
 * GDAL datasets, whose memory lives on the WebAssembly heap).
 *
 * @module
 */

/** A bounded map that evicts its least recently used entry. */
export class Lru<K, V> {
  #map = new Map<K, V>();

  /**
   * Creates an LRU holding at most `capacity` entries.
   *
   * @example
   * ```ts
   * import { Lru } from "./_lru.ts";
   * const lru = new Lru<string, number>(2, (k, v) => console.log("evicted", k, v));
   * ```
   */
  constructor(
    readonly capacity: number,
    readonly onEvict: (key: K, value: V) => void = () => {},
  ) {
    if (!(capacity >= 1)) {
      throw new RangeError("Cannot create LRU: capacity < 1");
    }
  }

  /** Number of entries. */
  get size(): number {
    return this.#map.size;
  }

  /** Returns the value and marks it most recently used. */
  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }

  /** Inserts or replaces a value, evicting the oldest entries over capacity. */
  set(key: K, value: V): void {
    const old = this.#map.get(key);
    this.#map.delete(key);
    if (old !== undefined && old !== value) this.onEvict(key, old);
    this.#map.set(key, value);
    while (this.#map.size > this.capacity) {
      const [oldestKey, oldest] = this.#map.entries().next().value!;
      this.#map.delete(oldestKey);
      this.onEvict(oldestKey, oldest);
    }
  }

  /** Removes an entry (calling `onEvict`). */
  delete(key: K): boolean {
    const value = this.#map.get(key);
    if (value === undefined) return false;
    this.#map.delete(key);
    this.onEvict(key, value);
    return true;
  }

  /** Removes every entry (calling `onEvict` for each). */
  clear(): void {
    for (const key of [...this.#map.keys()]) this.delete(key);
  }

  /** Keys, oldest first. */
  keys(): K[] {
    return [...this.#map.keys()];
  }
}
