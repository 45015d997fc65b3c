/**
 * A bounded cache of HTTP answers for web map sources: in memory (bounded
 * by bytes), optionally also in a folder (bounded by bytes, survives a
 * restart). Freshness follows the answer's `Cache-Control` (`no-store`
 * is never kept; `no-cache` and `max-age=0` are kept for revalidation with
 * `ETag`/`Last-Modified`; `max-age`, else `Expires`), and answers that say
 * nothing stay fresh for a default lifetime (QGIS keeps them 24 hours).
 *
 * @module
 */
import { join } from "node:path";

/** A cached answer. */
export interface CachedAnswer {
  /** HTTP status (200). */
  status: number;
  /** `Content-Type`. */
  contentType: string;
  /** Body. */
  bytes: Uint8Array;
  /** Fresh until (ms since the epoch); 0: must be revalidated first. */
  expires: number;
  /** `ETag`, for revalidation. */
  etag?: string;
  /** `Last-Modified`, for revalidation. */
  lastModified?: string;
}

/** Options of {@link HttpCache}. */
export interface HttpCacheOptions {
  /** Most bytes kept in memory (default 64 MiB). */
  maxMemoryBytes?: number;
  /** A folder to keep answers in as well (needs write permission there). */
  dir?: string;
  /** Most bytes kept in the folder (default 512 MiB). */
  maxDirBytes?: number;
  /** Seconds an answer without freshness headers stays fresh (default 86400). */
  defaultTtlSeconds?: number;
  /** Clock (ms), for tests. */
  now?: () => number;
}

/**
 * When an answer stops being fresh, from its headers: null when it must
 * not be stored (`no-store`), 0 when it must be revalidated before use.
 *
 * @example
 * ```ts
 * import { freshUntil } from "./http_cache.ts";
 * const h = new Headers({ "cache-control": "public, max-age=60" });
 * freshUntil(h, 1000, 86400); // 61000
 * freshUntil(new Headers({ "cache-control": "no-store" }), 1000, 86400); // null
 * ```
 */
export function freshUntil(
  headers: Headers,
  now: number,
  defaultTtlSeconds: number,
): number | null {
  const cc = (headers.get("cache-control") ?? "").toLowerCase();
  const directives = new Map<string, string>();
  for (const part of cc.split(",")) {
    const [k, v] = part.trim().split("=", 2);
    if (k) directives.set(k, (v ?? "").replace(/^"|"$/g, ""));
  }
  if (directives.has("no-store")) return null;
  if (directives.has("no-cache")) return 0;
  const age = Math.max(0, Number(headers.get("age") ?? 0) || 0);
  for (const key of ["s-maxage", "max-age"]) {
    const v = directives.get(key);
    if (v !== undefined && /^\d+$/.test(v)) {
      const seconds = Number(v) - age;
      return seconds > 0 ? now + seconds * 1000 : 0;
    }
  }
  const expires = headers.get("expires");
  if (expires !== null) {
    // an invalid Expires ("0", "-1") means already expired; HTTP dates
    // begin with the day's name
    const at = /^[A-Za-z]{3}/.test(expires.trim()) ? Date.parse(expires) : NaN;
    if (!Number.isFinite(at)) return 0;
    const date = Date.parse(headers.get("date") ?? "");
    // relative to the server's clock when it sent one
    const lifetime = Number.isFinite(date) ? at - date : at - now;
    return lifetime > 0 ? now + lifetime : 0;
  }
  return now + defaultTtlSeconds * 1000;
}

interface DirMeta {
  key: string;
  status: number;
  contentType: string;
  expires: number;
  etag?: string;
  lastModified?: string;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(text),
  );
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  )
    .join("");
}

/**
 * The cache. Keys are opaque strings (the client makes them from the URL
 * and the credentials it sent, so answers for one set of credentials are
 * never served to another).
 *
 * @example
 * ```ts
 * import { HttpCache } from "./http_cache.ts";
 * const cache = new HttpCache({ maxMemoryBytes: 1024 });
 * await cache.put("k", {
 *   status: 200, contentType: "image/png", bytes: new Uint8Array(10),
 *   expires: Date.now() + 60_000,
 * });
 * (await cache.get("k"))?.bytes.length; // 10
 * ```
 */
export class HttpCache {
  readonly #maxMemory: number;
  readonly #dir: string | undefined;
  readonly #maxDir: number;
  readonly #defaultTtl: number;
  readonly #now: () => number;
  readonly #memory = new Map<string, CachedAnswer>();
  #memoryBytes = 0;
  #dirBytes: number | null = null;

  /** Creates a cache. */
  constructor(options: HttpCacheOptions = {}) {
    this.#maxMemory = options.maxMemoryBytes ?? 64 * 1024 * 1024;
    this.#dir = options.dir;
    this.#maxDir = options.maxDirBytes ?? 512 * 1024 * 1024;
    this.#defaultTtl = options.defaultTtlSeconds ?? 86400;
    this.#now = options.now ?? Date.now;
  }

  /** Seconds an answer without freshness headers stays fresh. */
  get defaultTtlSeconds(): number {
    return this.#defaultTtl;
  }

  /** The clock the cache uses (ms). */
  now(): number {
    return this.#now();
  }

  /** Bytes held in memory. */
  get memoryBytes(): number {
    return this.#memoryBytes;
  }

  /** Entries held in memory. */
  get size(): number {
    return this.#memory.size;
  }

  /** The entry for `key` (fresh or not), from memory, else from the folder. */
  async get(key: string): Promise<CachedAnswer | undefined> {
    const hit = this.#memory.get(key);
    if (hit) {
      this.#memory.delete(key);
      this.#memory.set(key, hit);
      return hit;
    }
    if (this.#dir === undefined) return undefined;
    const name = await sha256Hex(key);
    try {
      const meta = JSON.parse(
        await Deno.readTextFile(join(this.#dir, `${name}.json`)),
      ) as DirMeta;
      if (meta.key !== key) return undefined;
      const bytes = await Deno.readFile(join(this.#dir, `${name}.body`));
      const entry: CachedAnswer = {
        status: meta.status,
        contentType: meta.contentType,
        bytes,
        expires: meta.expires,
        etag: meta.etag,
        lastModified: meta.lastModified,
      };
      this.#remember(key, entry);
      return entry;
    } catch {
      return undefined;
    }
  }

  /** Stores an entry (in memory, and in the folder when there is one). */
  async put(key: string, entry: CachedAnswer): Promise<void> {
    this.#remember(key, entry);
    if (this.#dir === undefined) return;
    const name = await sha256Hex(key);
    const meta: DirMeta = {
      key,
      status: entry.status,
      contentType: entry.contentType,
      expires: entry.expires,
      etag: entry.etag,
      lastModified: entry.lastModified,
    };
    try {
      await Deno.mkdir(this.#dir, { recursive: true });
      await Deno.writeFile(join(this.#dir, `${name}.body`), entry.bytes);
      await Deno.writeTextFile(
        join(this.#dir, `${name}.json`),
        JSON.stringify(meta),
      );
      this.#dirBytes = (this.#dirBytes ?? await this.#measureDir()) +
        entry.bytes.length;
      if (this.#dirBytes > this.#maxDir) await this.#trimDir();
    } catch {
      // a folder we cannot write to only costs the second-level cache
    }
  }

  /** Marks an entry fresh again (after a 304). */
  async refresh(
    key: string,
    entry: CachedAnswer,
    expires: number,
  ): Promise<void> {
    await this.put(key, { ...entry, expires });
  }

  /** Forgets everything in memory (the folder stays). */
  clearMemory(): void {
    this.#memory.clear();
    this.#memoryBytes = 0;
  }

  #remember(key: string, entry: CachedAnswer): void {
    const old = this.#memory.get(key);
    if (old) {
      this.#memoryBytes -= old.bytes.length;
      this.#memory.delete(key);
    }
    if (entry.bytes.length > this.#maxMemory / 4) return;
    this.#memory.set(key, entry);
    this.#memoryBytes += entry.bytes.length;
    for (const [k, v] of this.#memory) {
      if (this.#memoryBytes <= this.#maxMemory) break;
      this.#memory.delete(k);
      this.#memoryBytes -= v.bytes.length;
    }
  }

  async #measureDir(): Promise<number> {
    let total = 0;
    for await (const e of Deno.readDir(this.#dir!)) {
      if (!e.isFile) continue;
      try {
        total += (await Deno.stat(join(this.#dir!, e.name))).size;
      } catch { /* gone */ }
    }
    return total;
  }

  async #trimDir(): Promise<void> {
    const files: { base: string; size: number; mtime: number }[] = [];
    const sizes = new Map<string, { size: number; mtime: number }>();
    for await (const e of Deno.readDir(this.#dir!)) {
      if (!e.isFile) continue;
      const base = e.name.replace(/\.(body|json)$/, "");
      try {
        const st = await Deno.stat(join(this.#dir!, e.name));
        const s = sizes.get(base) ?? { size: 0, mtime: 0 };
        s.size += st.size;
        s.mtime = Math.max(s.mtime, st.mtime?.getTime() ?? 0);
        sizes.set(base, s);
      } catch { /* gone */ }
    }
    for (const [base, s] of sizes) files.push({ base, ...s });
    files.sort((a, b) => a.mtime - b.mtime);
    let total = files.reduce((n, f) => n + f.size, 0);
    // down to three quarters, oldest first, so a trim is not repeated at once
    for (const f of files) {
      if (total <= this.#maxDir * 0.75) break;
      for (const ext of ["body", "json"]) {
        try {
          await Deno.remove(join(this.#dir!, `${f.base}.${ext}`));
        } catch { /* gone */ }
      }
      total -= f.size;
    }
    this.#dirBytes = total;
  }
}
