import assert from "node:assert/strict";

interface InfoModule {
  specifier: string;
  dependencies?: {
    isDynamic?: boolean;
    code?: { specifier?: string };
  }[];
}

/**
 * The modules `root` loads before its first line runs (no dynamic imports),
 * and the npm packages those modules import dynamically.
 */
async function staticGraph(
  root: string,
): Promise<{ graph: string[]; dynamicNpm: string[] }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", root],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert(out.success, new TextDecoder().decode(out.stderr));
  const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    roots: string[];
    modules: InfoModule[];
    redirects: Record<string, string>;
  };
  const modules = new Map(info.modules.map((m) => [m.specifier, m]));
  const seen = new Set<string>();
  const dynamicNpm = new Set<string>();
  const todo = [info.roots[0]];
  while (todo.length > 0) {
    const next = todo.pop()!;
    const specifier = info.redirects[next] ?? next;
    if (seen.has(specifier)) continue;
    seen.add(specifier);
    for (const dep of modules.get(specifier)?.dependencies ?? []) {
      const to = dep.code?.specifier;
      if (!to) continue;
      if (!dep.isDynamic) todo.push(to);
      else if (to.startsWith("npm:")) dynamicNpm.add(npmName(to));
    }
  }
  return { graph: [...seen], dynamicNpm: [...dynamicNpm] };
}

function npmName(specifier: string): string {
  return specifier.replace(/^npm:\/?/, "").replace(/@[^@/]+$/, "");
}

Deno.test("worker/main.ts loads only what registering needs before it connects: commander and ioredis, no schemas (zod), XML parser, zlib or runner", async () => {
  const { graph, dynamicNpm } = await staticGraph(
    new URL("./main.ts", import.meta.url).href,
  );
  const npm = graph.filter((s) => s.startsWith("npm:")).map(npmName);
  assert.deepEqual(npm.sort(), ["@commander-js/extra-typings"]);
  // ioredis by a dynamic import at worker.ts's top level (loaded before
  // the worker registers; kept out of `deno doc`'s static graph)
  assert(dynamicNpm.includes("ioredis"), dynamicNpm.join(", "));
  const root = new URL("../", import.meta.url).href;
  const local = graph.filter((s) => s.startsWith(root))
    .map((s) => s.slice(root.length));
  for (const heavy of local) {
    assert(
      !/^worker\/(runners\/(?!types\.ts)|paint|gdal|style|labels|sources\/(?!(wms|postgres)\/settings\.ts))|^interface\/(mod|parse|job|config|common|result_codec|style_codec)/
        .test(heavy),
      `${heavy} is loaded before the worker registers`,
    );
  }
  assert(local.includes("worker/queue/worker.ts"), local.join(", "));
});
