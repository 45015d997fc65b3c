/**
 * The environment variables the worker reads: its `--allow-env` list.
 *
 * @module
 */

/**
 * Every environment variable the worker reads.
 *
 * @example
 * ```ts
 * import { WORKER_ENV_VARS } from "./env_vars.ts";
 * `--allow-env=${WORKER_ENV_VARS.join(",")}`;
 * ```
 */
export const WORKER_ENV_VARS: readonly string[] = [
  "QSL_REDIS_URL",
  "QSL_REDIS_TLS_CA",
  "QSL_DATA_ROOT",
  "QSL_SVG_PATH",
  "QSL_LOG_LEVEL",
  "QSL_LOG_FORMAT",
  "QSL_RESULT_FORMAT",
  "QSL_MAX_WIDTH",
  "QSL_MAX_HEIGHT",
  "QSL_MAX_LAYERS",
  "QSL_MAX_DPI",
  "QSL_MAX_STYLE_BYTES",
  "QSL_MAX_FEATURE_COUNT",
  "QSL_MAX_JOB_SECONDS",
  "QSL_MAX_JOB_BYTES",
  "QSL_MAX_RESULT_BYTES",
  "QSL_REMOTE_HOSTS",
  "QSL_WEB_TIMEOUT",
  "QSL_WEB_LAYER_TIMEOUT",
  "QSL_WEB_CACHE_DIR",
  "QSL_WEB_CACHE_BYTES",
  "QSL_WEB_MAX_IMAGE_PIXELS",
  "QSL_PG_CONNECT_TIMEOUT",
  "QSL_PG_STATEMENT_TIMEOUT",
  "QSL_MAX_ATTEMPTS",
  "QSL_JOB_TTL",
  "QSL_WORKER_ID",
  "QSL_WORKER_EXPIRY",
];
