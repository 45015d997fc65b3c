import assert from "node:assert/strict";

interface InfoModule {
  specifier: string;
  dependencies?: {
    isDynamic?: boolean;
    code?: { specifier?: string };
  }[];
}

/** The modules `root` loads before its first line runs (no dynamic imports). */
async function staticGraph(root: string): Promise<string[]> {
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
  const todo = [info.roots[0]];
  while (todo.length > 0) {
    const next = todo.pop()!;
    const specifier = info.redirects[next] ?? next;
    if (seen.has(specifier)) continue;
    seen.add(specifier);
    for (const dep of modules.get(specifier)?.dependencies ?? []) {
      if (!dep.isDynamic && dep.code?.specifier) todo.push(dep.code.specifier);
    }
  }
  return [...seen];
}

Deno.test("worker/main.ts loads only what registering needs before it connects: commander and ioredis, no schemas (zod), XML parser, zlib or runner", async () => {
  const graph = await staticGraph(new URL("./main.ts", import.meta.url).href);
  const npm = graph.filter((s) => s.startsWith("npm:"))
    .map((s) => s.replace(/^npm:\/?/, "").replace(/@[^@/]+$/, ""));
  assert.deepEqual(npm.sort(), ["@commander-js/extra-typings", "ioredis"]);
  const root = new URL("../", import.meta.url).href;
  const local = graph.filter((s) => s.startsWith(root))
    .map((s) => s.slice(root.length));
  for (const heavy of local) {
    assert(
      !/^worker\/(runners\/(?!types\.ts)|paint|gdal|style|labels|sources\/(?!wms\/settings\.ts))|^interface\/(mod|parse|job|config|common|result_codec|style_codec)/
        .test(heavy),
      `${heavy} is loaded before the worker registers`,
    );
  }
  assert(local.includes("worker/queue/worker.ts"), local.join(", "));
});
