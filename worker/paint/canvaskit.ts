/**
 * The process-wide CanvasKit (Skia WebAssembly) instance.
 *
 * @module
 */
// The "full" build: the default one cannot encode JPEG.
import CanvasKitModule from "canvaskit-wasm/bin/full/canvaskit.js";
import type { CanvasKit, CanvasKitInitOptions } from "canvaskit-wasm";
import { installFastWasmReads } from "../wasm/fast_read.ts";
import { registerHeld } from "../cache/held.ts";
import { captureEmbind } from "./_ck_raw.ts";

// The package is CommonJS whose typings declare an ES default export; Deno's
// interop hands the init function over as the default import at run time.
const CanvasKitInit = CanvasKitModule as unknown as (
  opts?: CanvasKitInitOptions,
) => Promise<CanvasKit>;

let instance: Promise<CanvasKit> | undefined;
// the started instance, for the memory report
let started: CanvasKit | undefined;
// CanvasKit's linear memory: it grows and never shrinks
registerHeld(
  "wasm.canvaskit",
  () =>
    (started as { HEAPU8?: Uint8Array } | undefined)?.HEAPU8?.buffer
      .byteLength ?? 0,
);
const resetListeners: (() => void)[] = [];
/** How many times a failed CanvasKit was replaced (for tests). */
export const canvasKitStats: { resets: number } = { resets: 0 };

/**
 * Initialises CanvasKit once per process and returns it.
 *
 * @example
 * ```ts
 * import { getCanvasKit } from "./canvaskit.ts";
 * const ck = await getCanvasKit();
 * const surface = ck.MakeSurface(16, 16);
 * surface?.dispose(); // frees the pixels MakeSurface allocated
 * ```
 */
export function getCanvasKit(): Promise<CanvasKit> {
  if (!instance) {
    installFastWasmReads();
    // its embind registrations recorded for the direct calls (_ck_raw.ts)
    const init = captureEmbind(() => CanvasKitInit());
    instance = init;
    init.then((ck) => {
      if (instance === init) started = ck;
    }, () => {});
  }
  return instance;
}

/**
 * Registers `listener`, called when a failed CanvasKit is discarded:
 * whoever keeps its objects (pixel buffers, typefaces) forgets them without
 * calling into it.
 *
 * @example
 * ```ts
 * import { onCanvasKitReset } from "./canvaskit.ts";
 * const kept: unknown[] = [];
 * onCanvasKitReset(() => kept.splice(0));
 * ```
 */
export function onCanvasKitReset(listener: () => void): void {
  resetListeners.push(listener);
}

/**
 * Discards the CanvasKit instance after it met a WebAssembly trap or a stack
 * overflow (its memory is in an unknown state): the next `getCanvasKit()`
 * starts a new one (CanvasKit's init makes a new instance at each call).
 *
 * @example
 * ```ts ignore
 * import { resetCanvasKit } from "./canvaskit.ts";
 * resetCanvasKit();
 * ```
 */
export function resetCanvasKit(): void {
  instance = undefined;
  started = undefined;
  canvasKitStats.resets++;
  for (const listener of resetListeners) listener();
}
