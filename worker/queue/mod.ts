/**
 * The worker's Redis job loop and the job execution it shares with the
 * one-shot `render` command.
 *
 * @example
 * ```ts ignore
 * import { QueueWorker } from "./mod.ts";
 * ```
 *
 * @module
 */
export * from "./execute.ts";
export * from "./watchdog.ts";
export * from "./worker.ts";
