/**
 * Where the shared reference corpus lives (`../shared/reference` from the
 * repository root), and a helper that skips a test visibly when it is absent.
 *
 * @module
 */

/** Absolute path of the reference corpus, or `undefined` when it is absent. */
export const REFERENCE_DIR: string | undefined = (() => {
  const dir = new URL("../../shared/reference/", import.meta.url).pathname
    .replace(/\/$/, "");
  try {
    Deno.statSync(dir);
    return dir;
  } catch {
    console.warn(
      `reference corpus not found at ${dir}: reference tests are skipped`,
    );
    return undefined;
  }
})();

/** `ignore` flag for Deno.test: true when the reference corpus is absent. */
export const NO_REFERENCE: boolean = REFERENCE_DIR === undefined;
