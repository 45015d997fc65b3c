/**
 * How a worker describes itself in `worker:{id}` (wire-compatible with
 * `qgis_server_light.interface.worker.info`).
 *
 * @module
 */
import { z } from "zod";

/** Worker states. */
export type EngineStatus = "starting" | "crashed" | "waiting" | "processing";

/** The rendering engine's versions (QGIS's for the Python worker; ours here). */
export interface QgisInfo {
  /** Integer version, e.g. 10000 for 1.0.0. */
  version: number;
  /** Human-readable version string. */
  version_name: string;
  /** Install path of the engine. */
  path: string;
}

/** A worker's registration. */
export interface EngineInfo {
  /** Worker id. */
  id: string;
  /** Engine versions. */
  qgis_info: QgisInfo;
  /** Current state. */
  status: EngineStatus;
  /** Start time, seconds since the epoch. */
  started: number;
}

/**
 * Schema of {@link EngineInfo}.
 *
 * @example
 * ```ts
 * import { EngineInfo } from "./engine_info.ts";
 * EngineInfo.parse({
 *   id: "w1", status: "waiting", started: 1700000000,
 *   qgis_info: { version: 100, version_name: "qsl-deno 0.1.0", path: "/app" },
 * });
 * ```
 */
export const EngineInfo: z.ZodType<EngineInfo> = z.looseObject({
  id: z.string(),
  qgis_info: z.looseObject({
    version: z.number().int(),
    version_name: z.string(),
    path: z.string(),
  }),
  status: z.enum(["starting", "crashed", "waiting", "processing"]),
  started: z.number(),
});
