/**
 * The process-wide parts of web map sources: one {@link WebClient} per
 * allow-list over one shared answer cache, made from the settings the worker
 * starts with (`settings.ts`, re-exported here), and capabilities documents
 * fetched through the client (cached as their answers are) and parsed once
 * per answer.
 *
 * @module
 */
import { WebClient, WebFetchError } from "./http.ts";
import { HttpCache } from "./http_cache.ts";
import { registerHeld } from "../../cache/held.ts";
import type { WebAuth } from "./source.ts";
import {
  type WebSettings,
  webSettings,
  webSettingsGeneration,
} from "./settings.ts";
import {
  capabilitiesUrl,
  parseWmsCapabilities,
  type WmsCapabilities,
  type WmsParseOptions,
} from "./wms_capabilities.ts";
import {
  parseWmtsCapabilities,
  type WmtsCapabilities,
  type WmtsParseOptions,
} from "./wmts.ts";

export {
  configureWebSources,
  DEFAULT_WEB_SETTINGS,
  type WebSettings,
  webSettings,
} from "./settings.ts";

let cache: HttpCache | undefined;
const clients = new Map<string, WebClient>();
let madeWith = webSettingsGeneration();

/** Drops the cache and clients made from settings since replaced. */
function current(): Readonly<WebSettings> {
  const generation = webSettingsGeneration();
  if (generation !== madeWith) {
    madeWith = generation;
    cache = undefined;
    clients.clear();
  }
  return webSettings();
}

registerHeld("web.answers", () => cache?.memoryBytes ?? 0);

/** The shared answer cache. */
export function webCache(): HttpCache {
  const settings = current();
  cache ??= new HttpCache({
    maxMemoryBytes: settings.cacheMemoryBytes,
    dir: settings.cacheDir,
    maxDirBytes: settings.cacheDirBytes,
  });
  return cache;
}

/**
 * The client for an allow-list (one per list, all over one cache).
 *
 * @example
 * ```ts
 * import { webClientFor } from "./services.ts";
 * webClientFor(["tiles.example"]).allows("https://tiles.example/0/0/0.png"); // true
 * ```
 */
export function webClientFor(hosts: readonly string[]): WebClient {
  const settings = current();
  const key = [...hosts].map((h) => h.toLowerCase()).sort().join(",");
  let client = clients.get(key);
  if (!client) {
    if (clients.size >= 16) clients.clear();
    client = new WebClient({
      allowedHosts: hosts,
      requestTimeoutMs: settings.requestTimeoutMs,
      maxBytes: settings.maxBytes,
      perHost: settings.perHost,
      cache: webCache(),
    });
    clients.set(key, client);
  }
  return client;
}

const parsedWms = new WeakMap<Uint8Array, Map<string, WmsCapabilities>>();
const parsedWmts = new WeakMap<Uint8Array, Map<string, WmtsCapabilities>>();

function decodeText(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/**
 * Fetches and parses a WMS's capabilities (parsed once per cached answer).
 *
 * @throws {WebFetchError} when the request fails; {SyntaxError} when the
 * answer is not WMS capabilities.
 */
export async function fetchWmsCapabilities(
  client: WebClient,
  url: string,
  auth: WebAuth,
  options: WmsParseOptions,
  signal?: AbortSignal,
): Promise<WmsCapabilities> {
  const answer = await client.get(capabilitiesUrl(url), {
    auth,
    signal,
    maxBytes: 16 * 1024 * 1024,
  });
  const key = JSON.stringify(options);
  let byOptions = parsedWms.get(answer.bytes);
  const hit = byOptions?.get(key);
  if (hit) return hit;
  const caps = parseWmsCapabilities(decodeText(answer.bytes), options);
  if (!byOptions) parsedWms.set(answer.bytes, byOptions = new Map());
  byOptions.set(key, caps);
  return caps;
}

/**
 * Fetches and parses a WMTS's capabilities (parsed once per cached answer).
 *
 * @throws {WebFetchError} when the request fails; {SyntaxError} when the
 * answer is not WMTS capabilities.
 */
export async function fetchWmtsCapabilities(
  client: WebClient,
  url: string,
  auth: WebAuth,
  options: WmtsParseOptions,
  signal?: AbortSignal,
): Promise<WmtsCapabilities> {
  const answer = await client.get(capabilitiesUrl(url), {
    auth,
    signal,
    maxBytes: 16 * 1024 * 1024,
  });
  const key = JSON.stringify(options);
  let byOptions = parsedWmts.get(answer.bytes);
  const hit = byOptions?.get(key);
  if (hit) return hit;
  const caps = parseWmtsCapabilities(decodeText(answer.bytes), options);
  if (!byOptions) parsedWmts.set(answer.bytes, byOptions = new Map());
  byOptions.set(key, caps);
  return caps;
}

/**
 * Checks that an answer is an image as QGIS does (a content type that is
 * neither `image/…` nor `application/octet-stream` is an error; a service
 * exception's text is quoted).
 *
 * @throws {WebFetchError} when it is not.
 * @example
 * ```ts
 * import { checkImageAnswer } from "./services.ts";
 * checkImageAnswer("https://t/1.png", { contentType: "image/png", bytes: new Uint8Array() });
 * ```
 */
export function checkImageAnswer(
  url: string,
  answer: { contentType: string; bytes: Uint8Array },
): void {
  const type = answer.contentType.split(";")[0].trim().toLowerCase();
  if (
    type === "" || type.startsWith("image/") ||
    type === "application/octet-stream"
  ) return;
  let detail = `the answer is ${type}, not an image`;
  if (type.includes("xml")) {
    const text = decodeText(answer.bytes.subarray(0, 4096));
    const m = /<(?:\w+:)?(?:ServiceException|ExceptionText)[^>]*>([\s\S]*?)<\//
      .exec(text);
    if (m) detail = `the server answered: ${m[1].trim().slice(0, 200)}`;
  }
  throw new WebFetchError(url, "status", detail);
}
