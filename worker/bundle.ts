/**
 * Writes `worker/start.bundle.js`, the modules the worker loads before it
 * registers (`start.ts`: our command line and queue loop, commander,
 * ioredis and its dependencies) as one file, and its manifest
 * `start.bundle.json` (`_start_bundle.ts`); does nothing when the bundle
 * is fresh. `deno task worker` runs it first (`deno task bundle:worker`).
 *
 * ```sh
 * deno run -A worker/bundle.ts             # bundle when stale
 * deno run -A worker/bundle.ts --force     # bundle anyway
 * deno run -A worker/bundle.ts --verbose   # and say which
 * deno run -A worker/bundle.ts --prime     # load it once in Deno's caches, even when fresh
 * ```
 *
 * Deno resolves, reads and wraps each of ioredis's 81 CommonJS files and
 * each of our modules on its own; one file loads faster (see
 * docs/performance.md). The modules of `_late.ts` stay outside the bundle:
 * they load from the sources after the registration, by paths relative to
 * `worker/`, where the bundle sits. The bundle is a build output: it is
 * not committed, and `worker/main.ts` uses it only while every file it was
 * made from is unchanged.
 *
 * After bundling it loads the bundle and the modules of `_late.ts` once in a
 * process of their own (`_prime.ts`, with the `worker` task's permission
 * set and V8 flags), so that the worker finds them in Deno's caches: a
 * worker that parses and transpiles them itself ended 7–27 MB larger
 * after 1,000 mixed jobs (docs/performance.md, session 19).
 *
 * @module
 */
import {
  BUNDLE_URL,
  type BundleManifest,
  bundleState,
  MANIFEST_URL,
  ROOT_URL,
  sha256Hex,
} from "./_start_bundle.ts";

const ENTRY_URL = new URL("./start.ts", import.meta.url);

/**
 * What `_late.ts` imports: left out of the bundle, resolved from it as
 * from `_late.ts` (both in `worker/`).
 */
export const LATE_IMPORTS: readonly string[] = [
  "./queue/execute.ts",
  "./runners/registry.ts",
  "./cli/config_job.ts",
  "./gdal/gdal.ts",
  "./paint/canvaskit.ts",
  "@qgis-server-light/interface/result_codec",
];

/** The process that loads the worker's modules into Deno's caches. */
const PRIME_URL = new URL("./_prime.ts", import.meta.url);

/** The files whose content pins the npm packages in the bundle. */
const CONFIG_FILES = [
  "deno.json",
  "deno.lock",
  "worker/deno.json",
  "interface/deno.json",
];

interface InfoModule {
  specifier: string;
  dependencies?: { isDynamic?: boolean; code?: { specifier?: string } }[];
}

async function deno(args: string[]): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT_URL,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(
      `Cannot bundle the worker's start: deno ${args[0]} failed: ${
        new TextDecoder().decode(out.stderr)
      }`,
    );
  }
  return new TextDecoder().decode(out.stdout);
}

/**
 * The local modules `start.ts` loads before its first line runs, paths
 * relative to the workspace: what it imports, statically or not, except
 * through `_late.ts`.
 */
async function localInputs(): Promise<string[]> {
  const info = JSON.parse(
    await deno(["info", "--json", ENTRY_URL.href]),
  ) as {
    roots: string[];
    modules: InfoModule[];
    redirects: Record<string, string>;
  };
  const modules = new Map(info.modules.map((m) => [m.specifier, m]));
  const late = new URL("./_late.ts", import.meta.url).href;
  const seen = new Set<string>();
  const todo = [info.roots[0]];
  while (todo.length > 0) {
    const next = todo.pop()!;
    const specifier = info.redirects[next] ?? next;
    if (seen.has(specifier)) continue;
    seen.add(specifier);
    if (specifier === late) continue; // its imports load from the sources
    for (const dep of modules.get(specifier)?.dependencies ?? []) {
      const to = dep.code?.specifier;
      if (to?.startsWith("file:")) todo.push(to);
    }
  }
  return [...seen].filter((s) => s.startsWith(ROOT_URL.href))
    .map((s) => s.slice(ROOT_URL.href.length)).sort();
}

/**
 * The `worker` task's `--v8-flags=…` and `--unstable-…` flags (Deno's code
 * cache is kept per set of V8 flags).
 */
async function workerTaskFlags(): Promise<string[]> {
  const config = JSON.parse(
    await Deno.readTextFile(new URL("deno.json", ROOT_URL)),
  ) as { tasks?: { worker?: string | { command?: string } } };
  const task = config.tasks?.worker;
  const command = typeof task === "string" ? task : task?.command ?? "";
  return command.split(/\s+/).filter((w) =>
    w.startsWith("--v8-flags=") || w.startsWith("--unstable-")
  );
}

/**
 * Loads `main.ts`, the bundle and the modules of `_late.ts` in a process
 * of their own (`_prime.ts`, under the `worker` permission set of
 * `deno.json` and the `worker` task's flags), so that Deno's caches (module
 * analysis, transpiled sources, CommonJS exports, code) hold them before a
 * worker starts. {@link bundleWorkerStart} does after bundling.
 *
 * @example
 * ```ts ignore
 * import { primeWorkerStart } from "./bundle.ts";
 * await primeWorkerStart();
 * ```
 */
export async function primeWorkerStart(): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-P=worker", ...await workerTaskFlags(), PRIME_URL.pathname],
    cwd: ROOT_URL,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(
      `Cannot prime the worker's start: ${
        new TextDecoder().decode(out.stderr).trim()
      }`,
    );
  }
}

/**
 * Bundles when the bundle is stale (or always, with `force`), then loads
 * it into Deno's caches ({@link primeWorkerStart}); resolves with what it
 * did.
 *
 * @example
 * ```ts ignore
 * import { bundleWorkerStart } from "./bundle.ts";
 * console.log(await bundleWorkerStart()); // "fresh" or "bundled"
 * ```
 */
export async function bundleWorkerStart(
  force = false,
): Promise<"fresh" | "bundled"> {
  if (!force && (await bundleState()).fresh) return "fresh";
  const inputs = await localInputs();
  // Written beside the final files, then renamed over them: the bundle
  // first, the manifest last, so that no reader pairs a manifest with
  // another bundle than its own (it would find it stale).
  const tmp = `${BUNDLE_URL.pathname}.${Deno.pid}.tmp.js`;
  try {
    await deno([
      "bundle",
      "--quiet",
      "--platform",
      "deno",
      ...LATE_IMPORTS.flatMap((s) => ["--external", s]),
      "--output",
      tmp,
      ENTRY_URL.pathname,
    ]);
    const bytes = await Deno.readFile(tmp);
    // every local module in it must be one the manifest checks
    const text = new TextDecoder().decode(bytes);
    const bundled = [...text.matchAll(/^\/\/ ((?:worker|interface)\/\S+)$/gm)]
      .map((m) => m[1]);
    const unchecked = bundled.filter((p) => !inputs.includes(p));
    if (unchecked.length > 0) {
      throw new Error(
        `Cannot bundle the worker's start: the bundle holds ${
          unchecked.join(", ")
        }, which the manifest would not check`,
      );
    }
    const manifest: BundleManifest = {
      deno: Deno.version.deno,
      bundle: await sha256Hex(bytes),
      inputs: {},
    };
    for (const path of [...inputs, ...CONFIG_FILES]) {
      manifest.inputs[path] = await sha256Hex(
        await Deno.readFile(new URL(path, ROOT_URL)),
      );
    }
    await Deno.rename(tmp, BUNDLE_URL);
    const tmpManifest = `${MANIFEST_URL.pathname}.${Deno.pid}.tmp`;
    await Deno.writeTextFile(
      tmpManifest,
      JSON.stringify(manifest, null, 2) + "\n",
    );
    await Deno.rename(tmpManifest, MANIFEST_URL);
  } finally {
    await Deno.remove(tmp).catch(() => {});
  }
  await primeWorkerStart();
  return "bundled";
}

if (import.meta.main) {
  // quiet unless asked: `deno task worker` runs it before every start
  const done = await bundleWorkerStart(Deno.args.includes("--force"));
  if (done === "fresh" && Deno.args.includes("--prime")) {
    await primeWorkerStart();
  }
  if (Deno.args.includes("--verbose")) {
    console.error(`worker/start.bundle.js: ${done}`);
  }
}
