/**
 * A bounded least-recently-used map with an eviction callback, for what the
 * worker keeps across jobs (opened datasets, parsed styles). Memory stays flat
 * however many jobs pass: the entry used longest ago goes first, and its
 * owner gets the chance to free it (close a dataset, delete a Skia object).
 *
 * @module
 */

/** Called with an entry that leaves the cache (evicted, replaced, deleted or cleared). */
export type EvictionCallback<K, V> = (key: K, value: V) => void;

/**
 * A bounded LRU cache.
 *
 * @example
 * ```ts
 * import { LruCache } from "./lru.ts";
 * const closed: string[] = [];
 * const cache = new LruCache<string, number>(2, (k) => closed.push(k));
 * cache.set("a", 1);
 * cache.set("b", 2);
 * cache.get("a"); // 1, "a" is now the most recent
 * cache.set("c", 3); // evicts "b"
 * closed; // ["b"]
 * ```
 */
export class LruCache<K, V> {
  readonly #max: number;
  readonly #onEvict: EvictionCallback<K, V> | undefined;
  // A Map iterates in insertion order: the first key is the least recent.
  readonly #map = new Map<K, V>();

  /**
   * Creates a cache holding at most `maxEntries` entries.
   *
   * @throws {RangeError} when `maxEntries` is not a positive integer.
   */
  constructor(maxEntries: number, onEvict?: EvictionCallback<K, V>) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(
        `Cannot create cache: size must be a positive integer, got ${maxEntries}`,
      );
    }
    this.#max = maxEntries;
    this.#onEvict = onEvict;
  }

  /** Number of entries held. */
  get size(): number {
    return this.#map.size;
  }

  /** Largest number of entries held. */
  get maxEntries(): number {
    return this.#max;
  }

  /** Whether `key` is held (does not refresh it). */
  has(key: K): boolean {
    return this.#map.has(key);
  }

  /** The value of `key`, refreshed as most recently used; `undefined` when absent. */
  get(key: K): V | undefined {
    if (!this.#map.has(key)) return undefined;
    const value = this.#map.get(key) as V;
    this.#map.delete(key);
    this.#map.set(key, value);
    return value;
  }

  /** The value of `key` without refreshing it. */
  peek(key: K): V | undefined {
    return this.#map.get(key);
  }

  /**
   * Stores `value` as most recently used. A replaced value different from the
   * new one is handed to the eviction callback; beyond the bound, the least
   * recently used entry is evicted.
   */
  set(key: K, value: V): this {
    if (this.#map.has(key)) {
      const old = this.#map.get(key) as V;
      this.#map.delete(key);
      if (old !== value) this.#onEvict?.(key, old);
    }
    this.#map.set(key, value);
    while (this.#map.size > this.#max) {
      const [oldest, old] = this.#map.entries().next().value as [K, V];
      this.#map.delete(oldest);
      this.#onEvict?.(oldest, old);
    }
    return this;
  }

  /**
   * Returns the value of `key`, creating and storing it with `create` when
   * absent.
   */
  getOrCreate(key: K, create: (key: K) => V): V {
    if (this.#map.has(key)) return this.get(key) as V;
    const value = create(key);
    this.set(key, value);
    return value;
  }

  /** Removes `key`, handing its value to the eviction callback; whether it was held. */
  delete(key: K): boolean {
    if (!this.#map.has(key)) return false;
    const value = this.#map.get(key) as V;
    this.#map.delete(key);
    this.#onEvict?.(key, value);
    return true;
  }

  /** Removes every entry, least recent first, through the eviction callback. */
  clear(): void {
    for (const [key, value] of [...this.#map]) {
      this.#map.delete(key);
      this.#onEvict?.(key, value);
    }
  }

  /** Keys from least to most recently used. */
  keys(): K[] {
    return [...this.#map.keys()];
  }
}
