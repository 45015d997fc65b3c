/**
 * The process-wide CanvasKit (Skia WebAssembly) instance.
 *
 * @module
 */
import CanvasKitInit from "canvaskit-wasm";
import type { CanvasKit } from "canvaskit-wasm";

let instance: Promise<CanvasKit> | undefined;

/**
 * Initialises CanvasKit once per process and returns it.
 *
 * @example
 * ```ts
 * import { getCanvasKit } from "./canvaskit.ts";
 * const ck = await getCanvasKit();
 * const surface = ck.MakeSurface(16, 16);
 * surface?.delete();
 * ```
 */
export function getCanvasKit(): Promise<CanvasKit> {
  instance ??= CanvasKitInit();
  return instance;
}
