/**
 * The start-up bundle's files and its freshness check, shared by
 * `worker/main.ts` (which imports the bundle only when it is fresh) and
 * `worker/bundle.ts` (which writes it). Deno APIs only: this module loads
 * before anything else.
 *
 * The manifest beside the bundle names every file the bundle was made from
 * (the worker's and the interface's modules that load before the
 * registration, the workspace's `deno.json` files and `deno.lock`, which
 * pin the npm packages in it) with its SHA-256, the bundle's own SHA-256
 * and the Deno version that made it. The bundle is fresh when all of them
 * are unchanged; reading them needs read access to those files.
 *
 * @module
 */

/** The bundle: `worker/start.ts` and what it imports, except `_late.ts`'s modules. */
export const BUNDLE_URL: URL = new URL("./start.bundle.js", import.meta.url);
/** Its manifest (see the module doc). */
export const MANIFEST_URL: URL = new URL(
  "./start.bundle.json",
  import.meta.url,
);
/** The folder the manifest's paths are relative to: the workspace's. */
export const ROOT_URL: URL = new URL("../", import.meta.url);

/** What `start.bundle.json` holds. */
export interface BundleManifest {
  /** `Deno.version.deno` of the bundling. */
  deno: string;
  /** SHA-256 of the bundle, hex. */
  bundle: string;
  /** SHA-256 (hex) of each input, by its path relative to {@link ROOT_URL}. */
  inputs: Record<string, string>;
}

/** The bundle when fresh, else why not. */
export type BundleState =
  | { fresh: true; url: URL }
  | { fresh: false; reason: string };

/**
 * SHA-256 of `bytes`, in hex.
 *
 * @example
 * ```ts
 * import { sha256Hex } from "./_start_bundle.ts";
 * const hex: string = await sha256Hex(new Uint8Array());
 * ```
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

function readable(url: URL): boolean {
  return Deno.permissions.querySync({ name: "read", path: url }).state ===
    "granted";
}

/**
 * Whether the bundle at `bundle` matches its manifest and every input the
 * manifest names; never throws (no bundle, no read permission, a changed
 * input: not fresh, with the reason).
 *
 * @example
 * ```ts
 * import { bundleState } from "./_start_bundle.ts";
 * const state = await bundleState();
 * if (!state.fresh) console.log(state.reason);
 * ```
 */
export async function bundleState(
  bundle: URL = BUNDLE_URL,
  manifest: URL = MANIFEST_URL,
  root: URL = ROOT_URL,
): Promise<BundleState> {
  const stale = (reason: string): BundleState => ({ fresh: false, reason });
  try {
    if (!readable(manifest) || !readable(bundle)) {
      return stale(`no read permission for ${manifest.pathname}`);
    }
    let text: string;
    try {
      text = Deno.readTextFileSync(manifest);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return stale("no bundle");
      throw e;
    }
    const m = JSON.parse(text) as BundleManifest;
    if (m.deno !== Deno.version.deno) {
      return stale(`made by Deno ${m.deno}, this is ${Deno.version.deno}`);
    }
    const urls = Object.keys(m.inputs).map((p) => new URL(p, root));
    const denied = urls.find((u) => !readable(u));
    if (denied) return stale(`no read permission for ${denied.pathname}`);
    const files = [bundle, ...urls];
    const hashes = await Promise.all(files.map((u) => {
      try {
        return sha256Hex(Deno.readFileSync(u));
      } catch {
        return Promise.resolve("missing");
      }
    }));
    if (hashes[0] !== m.bundle) return stale("the bundle was changed");
    const changed = Object.keys(m.inputs).find((p, i) =>
      hashes[i + 1] !== m.inputs[p]
    );
    if (changed !== undefined) return stale(`${changed} changed`);
    return { fresh: true, url: bundle };
  } catch (e) {
    return stale(`cannot check it: ${(e as Error).message}`);
  }
}
