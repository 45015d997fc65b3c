/**
 * The Redis layout shared by clients and workers, as the Python
 * qgis-server-light project uses it. Every key and status lives here so that
 * client and worker cannot drift apart.
 *
 * @module
 */

/** List clients RPUSH job ids onto and workers take them from. */
export const JOBS_KEY = "jobs";
/** Set of registered worker ids. */
export const WORKERS_KEY = "workers";
/** Seconds after which a silent worker's `worker:{id}` hash expires. */
export const WORKER_EXPIRY_SECONDS = 300;
/**
 * Seconds a finished job's hash lives (the worker sets it when it finishes):
 * clients read the status right after the result arrives and delete the hash;
 * this only bounds what clients that went away leave behind.
 */
export const JOB_TTL_SECONDS = 3600;

/** Hash fields of `job:{id}`. */
export const JobField = {
  /** The job envelope as JSON. */
  info: "info",
  /** The envelope's class name, e.g. `QslJobInfoRender`. */
  infoType: "info_type",
  /** One of {@link JobStatus}. */
  status: "status",
  /** Seconds the worker spent on the job. */
  duration: "duration",
  /** Time of the last status change. */
  lastUpdate: "timestamp.last_update",
  /**
   * How many workers died while running the job (our addition; BullMQ's
   * stalled counter): set when a dead worker's job is re-queued while its
   * status was `running`.
   */
  stalled: "stalled",
} as const;

/** Statuses a job moves through. */
export const JobStatus = {
  queued: "queued",
  running: "running",
  succeed: "succeed",
  failed: "failed",
} as const;
/** A job status value. */
export type JobStatus = typeof JobStatus[keyof typeof JobStatus];

/**
 * What our worker's registration names itself: `qgis_info.version_name` of
 * `worker:{id}`'s `info` is this, a space and its version. Such a worker
 * sets a job's final status in the same step as it publishes the result,
 * `failed` exactly when the result's content type is `application/text`:
 * `RedisQueue.post` reads the status from the result then, without a
 * round trip.
 */
export const DENO_WORKER_NAME = "qgis-server-light-deno";

/** Hash fields of `worker:{id}`. */
export const WorkerField = {
  info: "info",
  lastSeen: "last_seen",
} as const;

/**
 * Key of a job's hash.
 *
 * @example
 * ```ts
 * import { jobKey } from "@qgis-server-light/interface/protocol";
 * jobKey("42"); // "job:42"
 * ```
 */
export function jobKey(id: string): string {
  return `job:${id}`;
}

/**
 * Hash field holding the time a job reached a status.
 *
 * @example
 * ```ts
 * import { statusTimestampField } from "@qgis-server-light/interface/protocol";
 * statusTimestampField("running"); // "timestamp.running"
 * ```
 */
export function statusTimestampField(status: JobStatus): string {
  return `timestamp.${status}`;
}

/**
 * Channel a job's result is published on.
 *
 * @example
 * ```ts
 * import { notificationChannel } from "@qgis-server-light/interface/protocol";
 * notificationChannel("42"); // "notifications:42"
 * ```
 */
export function notificationChannel(id: string): string {
  return `notifications:${id}`;
}

/**
 * Key of a worker's registration hash.
 *
 * @example
 * ```ts
 * import { workerKey } from "@qgis-server-light/interface/protocol";
 * workerKey("w1"); // "worker:w1"
 * ```
 */
export function workerKey(id: string): string {
  return `worker:${id}`;
}

/**
 * Key of the list holding the jobs a worker has taken but not finished
 * (reliable fetch; our addition to the Python layout).
 *
 * @example
 * ```ts
 * import { processingKey } from "@qgis-server-light/interface/protocol";
 * processingKey("w1"); // "processing:w1"
 * ```
 */
export function processingKey(workerId: string): string {
  return `processing:${workerId}`;
}
