/**
 * The settings of web map sources the worker starts with (its `--web-*`
 * options). Kept apart from `services.ts`, which holds the clients, the
 * cache and the capabilities parsers: the command line reads the defaults
 * and sets the settings before the worker registers, and must not load
 * those on the way.
 *
 * @module
 */
import { sharedState } from "../../_shared_state.ts";

/** Settings of web map sources (the worker's options). */
export interface WebSettings {
  /** Timeout of one request, ms. */
  requestTimeoutMs: number;
  /** Time all requests of one layer of one job may take, ms. */
  layerTimeoutMs: number;
  /** Largest answer, bytes. */
  maxBytes: number;
  /** Requests at once per host. */
  perHost: number;
  /** Bytes of answers kept in memory. */
  cacheMemoryBytes: number;
  /** A folder to keep answers in too (needs write permission). */
  cacheDir?: string;
  /** Bytes kept in that folder. */
  cacheDirBytes: number;
  /**
   * Most pixels a tile or legend graphic may declare (a GetMap answer may
   * also be as large as the image asked for); larger ones are not decoded.
   */
  maxImagePixels: number;
}

/** The defaults. */
export const DEFAULT_WEB_SETTINGS: Readonly<WebSettings> = {
  requestTimeoutMs: 20_000,
  layerTimeoutMs: 30_000,
  maxBytes: 64 * 1024 * 1024,
  perHost: 6,
  cacheMemoryBytes: 64 * 1024 * 1024,
  cacheDirBytes: 512 * 1024 * 1024,
  // paint/decode_image.ts's DEFAULT_MAX_IMAGE_PIXELS (checked by its
  // test), not imported: nothing of paint/ loads before registration
  maxImagePixels: 4_194_304,
};

// one per process: the start-up bundle has its own copy of this module
const state: { settings: WebSettings; generation: number } = sharedState(
  "web.settings",
  () => ({ settings: { ...DEFAULT_WEB_SETTINGS }, generation: 0 }),
);

/**
 * Sets the web settings (before the first job; later clients and caches
 * are made anew).
 *
 * @example
 * ```ts
 * import { configureWebSources, webSettings } from "./settings.ts";
 * configureWebSources({ layerTimeoutMs: 10_000 });
 * webSettings().layerTimeoutMs; // 10000
 * configureWebSources({});
 * ```
 */
export function configureWebSources(options: Partial<WebSettings>): void {
  state.settings = { ...DEFAULT_WEB_SETTINGS, ...options };
  state.generation++;
}

/**
 * The settings in force.
 *
 * @example
 * ```ts
 * import { webSettings } from "./settings.ts";
 * webSettings().requestTimeoutMs; // 20000 unless configured
 * ```
 */
export function webSettings(): Readonly<WebSettings> {
  return state.settings;
}

/**
 * How many times the settings were set: what was made from older settings
 * (clients, the cache) is made anew.
 *
 * @example
 * ```ts
 * import { configureWebSources, webSettingsGeneration } from "./settings.ts";
 * const before = webSettingsGeneration();
 * configureWebSources({});
 * webSettingsGeneration() > before; // true
 * ```
 */
export function webSettingsGeneration(): number {
  return state.generation;
}
