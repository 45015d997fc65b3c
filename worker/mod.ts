/**
 * The qgis-server-light worker: the Redis job loop, runners by job type, the
 * bounded cache and the logger. Run it with `worker/main.ts` (see the
 * docs/worker.md).
 *
 * @example
 * ```ts ignore
 * import { createLogger, defaultRunners, QueueWorker } from "@qgis-server-light/worker";
 * const worker = new QueueWorker({
 *   redisUrl: "redis://localhost:6379",
 *   runners: defaultRunners(),
 *   context: {
 *     dataRoot: "/data", svgPaths: [], remoteHosts: [],
 *     limits: { maxWidth: 8192, maxHeight: 8192, maxLayers: 100 },
 *     logger: createLogger(),
 *   },
 * });
 * await worker.run();
 * ```
 *
 * @module
 */
export * from "./queue/mod.ts";
export * from "./cache/mod.ts";
export * from "./log/mod.ts";
export * from "./runners/registry.ts";
export * from "./runners/types.ts";
