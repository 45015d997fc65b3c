/**
 * The process-wide CanvasKit (Skia WebAssembly) instance.
 *
 * @module
 */
// The "full" build: the default one cannot encode JPEG.
import CanvasKitModule from "canvaskit-wasm/bin/full/canvaskit.js";
import type { CanvasKit, CanvasKitInitOptions } from "canvaskit-wasm";

// The package is CommonJS whose typings declare an ES default export; Deno's
// interop hands the init function over as the default import at run time.
const CanvasKitInit = CanvasKitModule as unknown as (
  opts?: CanvasKitInitOptions,
) => Promise<CanvasKit>;

let instance: Promise<CanvasKit> | undefined;

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
  if (!instance) instance = CanvasKitInit();
  return instance;
}
