/**
 * Loads what a worker loads — `main.ts`, the start-up bundle and the
 * modules of `_late.ts` — without running any of it, so that Deno's caches
 * hold them before a worker starts (`bundle.ts` runs it after bundling).
 *
 * Deno parses a module it has not seen in this form (its imports, its
 * CommonJS exports) and transpiles a TypeScript one on threads of its own;
 * malloc keeps most of what that took resident in those threads' arenas
 * after it is freed. A worker that loaded the start-up bundle and the
 * runners with Deno's caches cold ended 7–27 MB larger after 1,000 mixed
 * jobs, its peak 9–30 MB higher (docs/performance.md, session 19); loaded
 * here first, in a process that ends, its modules come from the caches.
 *
 * ```sh
 * deno run -P=worker worker/_prime.ts
 * ```
 *
 * @module
 */
import { BUNDLE_URL } from "./_start_bundle.ts";
import { LATE_IMPORTS } from "./bundle.ts";

await import("./main.ts");
await import(BUNDLE_URL.href);
for (const specifier of LATE_IMPORTS) {
  await import(
    specifier.startsWith(".")
      ? new URL(specifier, import.meta.url).href
      : specifier
  );
}
