/**
 * The worker's version (the `version` of `worker/deno.json`; a test keeps
 * them equal).
 *
 * @module
 */

/** The worker's version, as `qsl-worker --version` prints it. */
export const VERSION: string = "0.1.0";
