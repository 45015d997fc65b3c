/**
 * What the worker keeps between jobs, by name: each cache, kept buffer and
 * WebAssembly heap registers a function telling the bytes it holds now, so
 * that the worker's memory report ({@linkcode heldBytes}) accounts for its
 * resident memory without importing the modules that a job has not loaded
 * yet (a module registers when it loads).
 *
 * @module
 */
import { sharedState } from "../_shared_state.ts";

// one per process: the start-up bundle's memory report and the caches
// loaded after it use two copies of this module
const holders: Map<string, () => number> = sharedState(
  "held.holders",
  () => new Map<string, () => number>(),
);

/**
 * Registers `bytes`, telling what `name` holds now (an estimate where the
 * holder's own accounting is one). A second registration under a name
 * replaces the first.
 *
 * @example
 * ```ts
 * import { heldBytes, registerHeld } from "./held.ts";
 * const kept: Uint8Array[] = [new Uint8Array(1024)];
 * registerHeld("example.kept", () => kept.reduce((n, a) => n + a.length, 0));
 * heldBytes()["example.kept"]; // 1024
 * ```
 */
export function registerHeld(name: string, bytes: () => number): void {
  holders.set(name, bytes);
}

/**
 * The bytes every registered holder holds now, by name, sorted by name.
 *
 * @example
 * ```ts
 * import { heldBytes } from "./held.ts";
 * typeof heldBytes(); // "object"
 * ```
 */
export function heldBytes(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of [...holders.keys()].sort()) {
    try {
      out[name] = holders.get(name)!();
    } catch {
      // a holder whose engine was discarded holds nothing
      out[name] = 0;
    }
  }
  return out;
}
