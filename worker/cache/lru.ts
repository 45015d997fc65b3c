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

/** Options of an {@link LruCache}. */
export interface LruOptions<K, V> {
  /** Most entries held; default: no bound but `maxBytes`. */
  maxEntries?: number;
  /**
   * Most bytes held, as `sizeOf` counts them; an entry larger than this is
   * not kept at all. Default: no bound but `maxEntries`.
   */
  maxBytes?: number;
  /** The bytes an entry holds (an estimate); needed with `maxBytes`. */
  sizeOf?: (key: K, value: V) => number;
  /** Called with each entry that leaves the cache. */
  onEvict?: EvictionCallback<K, V>;
}

/**
 * A bounded LRU cache: by entries, by bytes, or both.
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
 * @example By bytes
 * ```ts
 * import { LruCache } from "./lru.ts";
 * const texts = new LruCache<string, string>({
 *   maxBytes: 10,
 *   sizeOf: (_, text) => text.length,
 * });
 * texts.set("a", "12345").set("b", "123456"); // 11 bytes: "a" goes
 * texts.keys(); // ["b"]
 * texts.set("c", "12345678901"); // larger than the bound: not kept
 * texts.has("c"); // false
 * ```
 */
export class LruCache<K, V> {
  readonly #max: number;
  readonly #maxBytes: number;
  readonly #sizeOf: ((key: K, value: V) => number) | undefined;
  readonly #onEvict: EvictionCallback<K, V> | undefined;
  // A Map iterates in insertion order: the first key is the least recent.
  readonly #map = new Map<K, V>();
  readonly #sizes = new Map<K, number>();
  #bytes = 0;

  /**
   * Creates a cache holding at most `maxEntries` entries, or bounded as
   * `options` say.
   *
   * @throws {RangeError} when a bound is not a positive number (entries: an
   * integer), or `maxBytes` comes without `sizeOf`.
   */
  constructor(
    maxEntriesOrOptions: number | LruOptions<K, V>,
    onEvict?: EvictionCallback<K, V>,
  ) {
    const options: LruOptions<K, V> = typeof maxEntriesOrOptions === "number"
      ? { maxEntries: maxEntriesOrOptions, onEvict }
      : maxEntriesOrOptions;
    const max = options.maxEntries ?? Infinity;
    if (!(Number.isInteger(max) || max === Infinity) || max < 1) {
      throw new RangeError(
        `Cannot create cache: size must be a positive integer, got ${max}`,
      );
    }
    const maxBytes = options.maxBytes ?? Infinity;
    if (!(maxBytes > 0) || (maxBytes !== Infinity && !options.sizeOf)) {
      throw new RangeError(
        `Cannot create cache: a byte bound needs a positive size and sizeOf, got ${maxBytes}`,
      );
    }
    this.#max = max;
    this.#maxBytes = maxBytes;
    this.#sizeOf = options.sizeOf;
    this.#onEvict = options.onEvict;
  }

  /** Number of entries held. */
  get size(): number {
    return this.#map.size;
  }

  /** Largest number of entries held. */
  get maxEntries(): number {
    return this.#max;
  }

  /** Bytes held, as `sizeOf` counts them (0 without it). */
  get bytes(): number {
    return this.#bytes;
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
   * new one is handed to the eviction callback; beyond the bounds, the least
   * recently used entries are evicted. A value larger than the byte bound is
   * not stored (and handed to the eviction callback at once).
   */
  set(key: K, value: V): this {
    if (this.#map.has(key)) {
      const old = this.#map.get(key) as V;
      this.#remove(key);
      if (old !== value) this.#onEvict?.(key, old);
    }
    const size = this.#sizeOf ? this.#sizeOf(key, value) : 0;
    if (size > this.#maxBytes) {
      this.#onEvict?.(key, value);
      return this;
    }
    this.#map.set(key, value);
    this.#sizes.set(key, size);
    this.#bytes += size;
    while (this.#map.size > this.#max || this.#bytes > this.#maxBytes) {
      const [oldest, old] = this.#map.entries().next().value as [K, V];
      this.#remove(oldest);
      this.#onEvict?.(oldest, old);
    }
    return this;
  }

  #remove(key: K): void {
    this.#map.delete(key);
    this.#bytes -= this.#sizes.get(key) ?? 0;
    this.#sizes.delete(key);
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
    this.#remove(key);
    this.#onEvict?.(key, value);
    return true;
  }

  /** Removes every entry, least recent first, through the eviction callback. */
  clear(): void {
    for (const [key, value] of [...this.#map]) {
      this.#remove(key);
      this.#onEvict?.(key, value);
    }
  }

  /** Keys from least to most recently used. */
  keys(): K[] {
    return [...this.#map.keys()];
  }
}
