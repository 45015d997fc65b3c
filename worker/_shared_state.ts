/**
 * State that must be one per process however many copies of its module
 * load. The worker's start-up bundle (`start.bundle.js`) holds its own copy
 * of every module it needs before the registration, and the modules loaded
 * after it (`_late.ts`) import the sources' copies: a setting the command
 * line writes into one copy is not seen by the other (the pools then kept
 * the default statement timeout whatever `--pg-statement-timeout` said).
 * Modules of both graphs keep their mutable state here, under a key of
 * their own; `main_test.ts` checks which modules are in both.
 *
 * @module
 */

/**
 * The process's one value under `key`, made by `init` the first time any
 * copy of the calling module asks.
 *
 * @example
 * ```ts
 * import { sharedState } from "./_shared_state.ts";
 * const a = sharedState("example.counter", () => ({ n: 0 }));
 * const b = sharedState("example.counter", () => ({ n: 100 }));
 * a.n++;
 * b.n; // 1: the same object
 * ```
 */
export function sharedState<T>(key: string, init: () => T): T {
  const store = globalThis as unknown as Record<symbol, unknown>;
  const symbol = Symbol.for(`qgis-server-light/${key}`);
  if (!(symbol in store)) store[symbol] = init();
  return store[symbol] as T;
}
