/**
 * The process-wide gdal3.js instance.
 *
 * gdal3.js keeps one virtual file system per instance and mounts inputs into
 * it, so concurrent use would mix jobs' files: every use goes through
 * {@link withGdal}, which runs one task at a time.
 *
 * @module
 */
import initGdalJs from "npm:gdal3.js@2.8.1/node.js";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The gdal3.js API object (its typings are not shipped for the node entry). */
// deno-lint-ignore no-explicit-any
export type Gdal = any;

let instance: Promise<Gdal> | undefined;
let queue: Promise<unknown> = Promise.resolve();
const messages: string[] = [];
const MAX_MESSAGES = 32;

// GDAL reports errors on stderr; they are kept here (bounded) so that callers
// can name the cause in their own error instead of the worker's log filling
// up with GDAL's lines.
function collect(text: string): void {
  const line = String(text).trim();
  if (line === "") return;
  messages.push(line);
  if (messages.length > MAX_MESSAGES) messages.shift();
}

/**
 * Returns the GDAL error lines printed since the last call, and forgets them.
 *
 * @example
 * ```ts
 * import { takeGdalMessages } from "./gdal.ts";
 * const lines: string[] = takeGdalMessages();
 * ```
 */
export function takeGdalMessages(): string[] {
  return messages.splice(0, messages.length);
}

function packageDir(): string {
  // gdal3.js resolves its .wasm/.data relative to the working directory in
  // Deno, so the path is made relative to Deno.cwd().
  const entry = fileURLToPath(
    import.meta.resolve("npm:gdal3.js@2.8.1/node.js"),
  );
  return relative(Deno.cwd(), join(dirname(entry), "dist", "package")) || ".";
}

/**
 * Initialises gdal3.js once per process and returns it.
 *
 * @example
 * ```ts
 * import { getGdal } from "./gdal.ts";
 * const gdal = await getGdal();
 * ```
 */
export function getGdal(): Promise<Gdal> {
  const ready: Promise<Gdal> = instance ??
    initGdalJs({
      useWorker: false,
      path: packageDir(),
      errorHandler: collect,
      logHandler: () => {},
      // gdal3.js is built without threads: ogr2ogr's Arrow fast path (GDAL
      // ≥ 3.8) would try to start one and fail on some sources.
      env: { OGR2OGR_USE_ARROW_API: "NO" },
    });
  instance = ready;
  return ready;
}

/**
 * Runs `task` with exclusive use of the GDAL instance.
 *
 * @example
 * ```ts
 * import { withGdal } from "./gdal.ts";
 * const drivers = await withGdal((gdal) => gdal.drivers);
 * ```
 */
export function withGdal<T>(task: (gdal: Gdal) => T | Promise<T>): Promise<T> {
  const run = queue.then(async () => task(await getGdal()));
  queue = run.catch(() => {});
  return run;
}
