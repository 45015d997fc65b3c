/**
 * Objects kept for the worker's life so that their hidden classes stay
 * alive. V8 keeps a class instance's hidden class (its map) only while some
 * object has it; optimized code that checks for that map is thrown away when
 * the map is collected, and compiled again with the next job's instances.
 * The classes built anew in every job (a raster's colour ramp, the labels'
 * queue and R-tree) lost theirs between jobs, and their hot methods were
 * recompiled in every job that used them (session 23 in
 * docs/performance.md). One small instance of each, kept here, holds the
 * map the jobs' instances share.
 *
 * @module
 */

const kept: object[] = [];

/**
 * Keeps `value` for the worker's life and returns it. Give an instance
 * built as the jobs build theirs (same fields, the same kinds of values:
 * fractional numbers where theirs are), so that it has their map.
 *
 * @example
 * ```ts
 * import { keepShape, keptShapes } from "./kept_shapes.ts";
 * class Pair {
 *   constructor(readonly a: number, readonly b: number) {}
 * }
 * const pair = keepShape(new Pair(0.5, 1.5));
 * keptShapes().includes(pair); // true
 * ```
 */
export function keepShape<T extends object>(value: T): T {
  kept.push(value);
  return value;
}

/**
 * The objects kept so far (a copy), oldest first.
 *
 * @example
 * ```ts
 * import { keptShapes } from "./kept_shapes.ts";
 * Array.isArray(keptShapes()); // true
 * ```
 */
export function keptShapes(): object[] {
  return [...kept];
}
