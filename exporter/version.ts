/**
 * The exporter's version (the `version` of `exporter/deno.json`; a test
 * keeps them equal).
 *
 * @module
 */

/** The exporter's version, as `qsl-exporter --version` prints it. */
export const VERSION: string = "0.1.0";
