/**
 * The HTTP client of web map sources. Every request goes through it:
 *
 * - only hosts on the worker's allow-list (`host` or `host:port`) are
 *   contacted, and redirects are followed by hand so that every hop is
 *   checked (credentials go only to the first request's origin);
 * - each request has a timeout, and a job's deadline (an `AbortSignal`)
 *   ends all of its requests at once, waiting ones included;
 * - answers are read up to a size limit;
 * - at most a few requests run at once per host (as Qt's 6 connections);
 * - identical requests in flight share one fetch, and answers are kept in
 *   a bounded {@link HttpCache} as their `Cache-Control`/`Expires` allow,
 *   revalidated with `ETag`/`Last-Modified`;
 * - error messages name the URL without its query or credentials.
 *
 * @module
 */
import { freshUntil, type HttpCache } from "./http_cache.ts";
import { safeUrl, type WebAuth } from "./source.ts";

/** Why a request failed. */
export type WebFetchFailure =
  | "not-allowed"
  | "timeout"
  | "aborted"
  | "network"
  | "status"
  | "too-large"
  | "redirects";

/**
 * A request that did not give an answer. The message never holds the
 * query string or credentials.
 *
 * @example
 * ```ts
 * import { WebFetchError } from "./http.ts";
 * const e = new WebFetchError("https://t.example/1.png", "status", "HTTP 404", 404);
 * e.message; // "Cannot fetch https://t.example/1.png: HTTP 404"
 * ```
 */
export class WebFetchError extends Error {
  /** The URL without query and credentials. */
  readonly url: string;
  /** The kind of failure. */
  readonly reason: WebFetchFailure;
  /** The HTTP status, for `status`. */
  readonly status?: number;

  /** Creates the error. */
  constructor(
    url: string,
    reason: WebFetchFailure,
    detail: string,
    status?: number,
    options?: ErrorOptions,
  ) {
    super(`Cannot fetch ${safeUrl(url)}: ${detail}`, options);
    this.name = "WebFetchError";
    this.url = safeUrl(url);
    this.reason = reason;
    this.status = status;
  }
}

/** An answer. */
export interface WebAnswer {
  /** HTTP status (2xx). */
  status: number;
  /** `Content-Type` ("" when absent). */
  contentType: string;
  /** Body. */
  bytes: Uint8Array;
  /** Whether it came from the cache without a request. */
  fromCache: boolean;
}

/** Options of {@link WebClient}. */
export interface WebClientOptions {
  /** Hosts (`host` or `host:port`) that may be contacted. */
  allowedHosts: readonly string[];
  /** Timeout of one request, ms (default 20 s). */
  requestTimeoutMs?: number;
  /** Largest answer, bytes (default 64 MiB). */
  maxBytes?: number;
  /** Requests at once per host (default 6). */
  perHost?: number;
  /** Redirects followed (default 5). */
  maxRedirects?: number;
  /** The answer cache; none: nothing is cached. */
  cache?: HttpCache;
}

/** Options of one request. */
export interface WebRequestOptions {
  /** Credentials and headers of the source. */
  auth?: WebAuth;
  /** The job's deadline or cancellation. */
  signal?: AbortSignal;
  /** Largest answer for this request, bytes. */
  maxBytes?: number;
  /** Timeout of this request, ms. */
  timeoutMs?: number;
}

class Gate {
  #free: number;
  readonly #waiting: (() => void)[] = [];
  constructor(size: number) {
    this.#free = size;
  }
  async enter(signal?: AbortSignal): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener("abort", stop);
        resolve();
      };
      const stop = () => {
        const i = this.#waiting.indexOf(go);
        if (i >= 0) this.#waiting.splice(i, 1);
        reject(signal!.reason);
      };
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener("abort", stop, { once: true });
      this.#waiting.push(go);
    });
  }
  leave(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}

function isAllowed(url: URL, hosts: readonly string[]): boolean {
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  const host = url.host.toLowerCase(), name = url.hostname.toLowerCase();
  return hosts.some((h) => {
    const l = h.toLowerCase();
    return l === host || l === name;
  });
}

function authKey(auth: WebAuth | undefined): string {
  if (!auth) return "";
  const headers = Object.entries(auth.headers).sort(([a], [b]) =>
    a.localeCompare(b)
  );
  return JSON.stringify([auth.username ?? "", auth.password ?? "", headers]);
}

async function readCapped(
  url: string,
  response: Response,
  max: number,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? "NaN");
  if (declared > max) {
    await response.body?.cancel();
    throw new WebFetchError(
      url,
      "too-large",
      `the answer is larger than ${max} bytes`,
    );
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      throw new WebFetchError(
        url,
        "too-large",
        `the answer is larger than ${max} bytes`,
      );
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * The client. One per worker process: its per-host gates and its cache are
 * shared by all jobs.
 *
 * @example
 * ```ts ignore
 * const client = new WebClient({ allowedHosts: ["tile.example.org"], cache: new HttpCache() });
 * const answer = await client.get("https://tile.example.org/1/0/0.png", { signal });
 * ```
 */
export class WebClient {
  readonly #hosts: readonly string[];
  readonly #timeout: number;
  readonly #maxBytes: number;
  readonly #perHost: number;
  readonly #maxRedirects: number;
  readonly #cache: HttpCache | undefined;
  readonly #gates = new Map<string, Gate>();
  readonly #inFlight = new Map<string, Promise<WebAnswer>>();

  /** Creates a client. */
  constructor(options: WebClientOptions) {
    this.#hosts = [...options.allowedHosts];
    this.#timeout = options.requestTimeoutMs ?? 20_000;
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.#perHost = options.perHost ?? 6;
    this.#maxRedirects = options.maxRedirects ?? 5;
    this.#cache = options.cache;
  }

  /** The allow-list. */
  get allowedHosts(): readonly string[] {
    return this.#hosts;
  }

  /** Whether a URL's host is on the allow-list. */
  allows(url: string): boolean {
    try {
      return isAllowed(new URL(url), this.#hosts);
    } catch {
      return false;
    }
  }

  /**
   * GETs a URL (from the cache when a fresh answer is there).
   *
   * @throws {WebFetchError} when the host is not allowed, the request
   * times out or is aborted, the answer is not 2xx (after redirects), is
   * too large, or redirects too often.
   */
  get(url: string, options: WebRequestOptions = {}): Promise<WebAnswer> {
    const key = `${url}\n${authKey(options.auth)}`;
    const shared = this.#inFlight.get(key);
    if (shared) return this.#withSignal(shared, url, options.signal);
    const run = this.#get(key, url, options).finally(() =>
      this.#inFlight.delete(key)
    );
    this.#inFlight.set(key, run);
    return run;
  }

  // a caller sharing another's fetch still stops waiting at its deadline
  #withSignal(
    shared: Promise<WebAnswer>,
    url: string,
    signal?: AbortSignal,
  ): Promise<WebAnswer> {
    if (!signal) return shared;
    if (signal.aborted) {
      return Promise.reject(
        new WebFetchError(url, "aborted", "the job's time is up"),
      );
    }
    return new Promise((resolve, reject) => {
      const stop = () =>
        reject(new WebFetchError(url, "aborted", "the job's time is up"));
      signal.addEventListener("abort", stop, { once: true });
      shared.then(resolve, reject).finally(() =>
        signal.removeEventListener("abort", stop)
      );
    });
  }

  async #get(
    key: string,
    url: string,
    options: WebRequestOptions,
  ): Promise<WebAnswer> {
    const cached = await this.#cache?.get(key);
    const now = this.#cache?.now() ?? Date.now();
    if (cached && cached.expires > now) {
      return {
        status: cached.status,
        contentType: cached.contentType,
        bytes: cached.bytes,
        fromCache: true,
      };
    }
    const conditional: Record<string, string> = {};
    if (cached?.etag) conditional["If-None-Match"] = cached.etag;
    if (cached?.lastModified) {
      conditional["If-Modified-Since"] = cached.lastModified;
    }
    const { response, bytes } = await this.#fetchFollowing(
      url,
      options,
      conditional,
    );
    const cache = this.#cache;
    if (response.status === 304 && cached && cache) {
      const expires = freshness(response.headers, cache) ?? 0;
      await cache.refresh(key, cached, expires);
      return {
        status: cached.status,
        contentType: cached.contentType,
        bytes: cached.bytes,
        fromCache: true,
      };
    }
    const answer: WebAnswer = {
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      bytes,
      fromCache: false,
    };
    if (cache && response.status === 200) {
      const expires = freshness(response.headers, cache);
      if (expires !== null) {
        await cache.put(key, {
          status: 200,
          contentType: answer.contentType,
          bytes,
          expires,
          etag: response.headers.get("etag") ?? undefined,
          lastModified: response.headers.get("last-modified") ?? undefined,
        });
      }
    }
    return answer;
  }

  async #fetchFollowing(
    url: string,
    options: WebRequestOptions,
    conditional: Record<string, string>,
  ): Promise<{ response: Response; bytes: Uint8Array }> {
    let current: URL;
    try {
      current = new URL(url);
    } catch (error) {
      throw new WebFetchError(url, "network", "not a URL", undefined, {
        cause: error,
      });
    }
    const origin = current.origin;
    for (let hop = 0; hop <= this.#maxRedirects; hop++) {
      if (!isAllowed(current, this.#hosts)) {
        throw new WebFetchError(
          current.href,
          "not-allowed",
          `host '${current.host}' is not on the worker's allow-list${
            hop > 0 ? " (reached by a redirect)" : ""
          }`,
        );
      }
      const headers = new Headers({ Accept: "*/*", ...conditional });
      const auth = options.auth;
      for (const [k, v] of Object.entries(auth?.headers ?? {})) {
        headers.set(k, v);
      }
      // credentials only to the origin they were given for
      if (auth?.username && current.origin === origin) {
        headers.set(
          "Authorization",
          `Basic ${
            btoa(
              String.fromCharCode(
                ...new TextEncoder().encode(
                  `${auth.username}:${auth.password ?? ""}`,
                ),
              ),
            )
          }`,
        );
      }
      const gate = this.#gate(current.host);
      // waiting for a free connection ends only with the job
      try {
        await gate.enter(options.signal);
      } catch (error) {
        throw this.#abortError(current.href, options, error);
      }
      const signals = [
        AbortSignal.timeout(options.timeoutMs ?? this.#timeout),
      ];
      if (options.signal) signals.push(options.signal);
      const signal = AbortSignal.any(signals);
      let response: Response;
      let bytes: Uint8Array;
      try {
        try {
          response = await fetch(current, {
            headers,
            redirect: "manual",
            signal,
          });
        } catch (error) {
          if (signal.aborted) {
            throw this.#abortError(current.href, options, error);
          }
          throw new WebFetchError(
            current.href,
            "network",
            (error as Error).message.replace(
              /https?:\/\/\S+/g,
              (u) => safeUrl(u),
            ),
            undefined,
            { cause: error },
          );
        }
        if (
          response.status >= 300 && response.status < 400 &&
          response.status !== 304
        ) {
          await response.body?.cancel();
          const location = response.headers.get("location");
          if (!location) {
            throw new WebFetchError(
              current.href,
              "status",
              `HTTP ${response.status} without a location`,
              response.status,
            );
          }
          current = new URL(location, current);
          continue;
        }
        if (
          response.status !== 304 &&
          (response.status < 200 || response.status > 299)
        ) {
          await response.body?.cancel();
          throw new WebFetchError(
            current.href,
            "status",
            `HTTP ${response.status}`,
            response.status,
          );
        }
        try {
          bytes = await readCapped(
            current.href,
            response,
            options.maxBytes ?? this.#maxBytes,
          );
        } catch (error) {
          if (error instanceof WebFetchError) throw error;
          if (signal.aborted) {
            throw this.#abortError(current.href, options, error);
          }
          throw new WebFetchError(
            current.href,
            "network",
            (error as Error).message,
            undefined,
            { cause: error },
          );
        }
      } finally {
        gate.leave();
      }
      return { response, bytes };
    }
    throw new WebFetchError(
      url,
      "redirects",
      `more than ${this.#maxRedirects} redirects`,
    );
  }

  #abortError(
    url: string,
    options: WebRequestOptions,
    cause: unknown,
  ): WebFetchError {
    if (options.signal?.aborted) {
      return new WebFetchError(
        url,
        "aborted",
        "the job's time is up",
        undefined,
        {
          cause,
        },
      );
    }
    return new WebFetchError(
      url,
      "timeout",
      `no answer within ${options.timeoutMs ?? this.#timeout} ms`,
      undefined,
      { cause },
    );
  }

  #gate(host: string): Gate {
    let gate = this.#gates.get(host);
    if (!gate) {
      gate = new Gate(this.#perHost);
      this.#gates.set(host, gate);
    }
    return gate;
  }
}

function freshness(headers: Headers, cache: HttpCache): number | null {
  return freshUntil(headers, cache.now(), cache.defaultTtlSeconds);
}
