import assert from "node:assert/strict";
import { bundleWorkerStart } from "./bundle.ts";
import {
  BUNDLE_URL,
  type BundleManifest,
  bundleState,
  MANIFEST_URL,
} from "./_start_bundle.ts";

interface InfoModule {
  specifier: string;
  dependencies?: {
    isDynamic?: boolean;
    code?: { specifier?: string };
  }[];
}

/**
 * The modules `root` loads before its first line runs (with `dynamic`, also
 * those it may import later), and the npm packages those modules import
 * dynamically.
 */
async function staticGraph(
  root: string,
  dynamic = false,
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
      if (!dep.isDynamic || (dynamic && to.startsWith("file:"))) todo.push(to);
      else if (to.startsWith("npm:")) dynamicNpm.add(npmName(to));
    }
  }
  return { graph: [...seen], dynamicNpm: [...dynamicNpm] };
}

function npmName(specifier: string): string {
  return specifier.replace(/^npm:\/?/, "").replace(/@[^@/]+$/, "");
}

Deno.test("worker/main.ts loads only the bundle check before it picks start.ts or its bundle", async () => {
  const { graph, dynamicNpm } = await staticGraph(
    new URL("./main.ts", import.meta.url).href,
  );
  const root = new URL("../", import.meta.url).href;
  assert.deepEqual(graph.map((s) => s.slice(root.length)).sort(), [
    "worker/_start_bundle.ts",
    "worker/main.ts",
  ]);
  assert.deepEqual(dynamicNpm, []);
});

Deno.test("worker/start.ts loads only what registering needs before it connects: commander and ioredis, no schemas (zod), XML parser, zlib or runner", async () => {
  const { graph, dynamicNpm } = await staticGraph(
    new URL("./start.ts", import.meta.url).href,
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

Deno.test("start.bundle.js: fresh once bundled; stale, naming why, when an input, the bundle or Deno's version differ", async () => {
  await bundleWorkerStart();
  const fresh = await bundleState();
  assert(fresh.fresh, JSON.stringify(fresh));
  const manifest = JSON.parse(
    await Deno.readTextFile(MANIFEST_URL),
  ) as BundleManifest;
  for (
    const input of [
      "worker/start.ts",
      "worker/queue/worker.ts",
      "interface/protocol.ts",
      "deno.lock",
      "deno.json",
    ]
  ) {
    assert(input in manifest.inputs, input);
  }
  const dir = await Deno.makeTempDir({ prefix: "qsl_bundle_" });
  const copy = new URL(`file://${dir}/start.bundle.json`);
  const state = async (change: (m: BundleManifest) => void) => {
    const m = structuredClone(manifest);
    change(m);
    await Deno.writeTextFile(copy, JSON.stringify(m));
    return await bundleState(BUNDLE_URL, copy);
  };
  try {
    assert.deepEqual(await state(() => {}), { fresh: true, url: BUNDLE_URL });
    assert.deepEqual(
      await state((m) => m.inputs["worker/queue/worker.ts"] = "0".repeat(64)),
      { fresh: false, reason: "worker/queue/worker.ts changed" },
    );
    assert.deepEqual(
      await state((m) => m.inputs["worker/gone.ts"] = "0".repeat(64)),
      { fresh: false, reason: "worker/gone.ts changed" },
    );
    assert.deepEqual(await state((m) => m.bundle = "0".repeat(64)), {
      fresh: false,
      reason: "the bundle was changed",
    });
    assert.deepEqual(await state((m) => m.deno = "1.0.0"), {
      fresh: false,
      reason: `made by Deno 1.0.0, this is ${Deno.version.deno}`,
    });
    await Deno.remove(copy);
    assert.deepEqual(await bundleState(BUNDLE_URL, copy), {
      fresh: false,
      reason: "no bundle",
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name:
    "start.bundle.js is not used without read access to the files it was made from (the sources load instead)",
  permissions: { read: [BUNDLE_URL, MANIFEST_URL] },
  async fn() {
    const state = await bundleState();
    assert(!state.fresh);
    assert.match(state.reason, /^no read permission for \//);
  },
});

// Read-only top-level values of modules in both graphs, checked by eye:
// two copies of them are harmless.
const REVIEWED_READ_ONLY = new Set([
  "interface/redact.ts: const SECRET_KEYS = new Set([",
  'interface/redact.ts: const SHORTENED_KEYS = new Set(["definition", "data", "value"]);',
  'interface/redis_connect.ts: const SCHEMES = ["redis:", "rediss:", "redis+sentinel:", "rediss+sentinel:"];',
]);

Deno.test("start.bundle.js: the modules both in the bundle and loaded after the registration keep no state of their own (one copy each side)", async () => {
  await bundleWorkerStart();
  const manifest = JSON.parse(
    await Deno.readTextFile(MANIFEST_URL),
  ) as BundleManifest;
  const base = new URL("../", import.meta.url).href;
  const { graph } = await staticGraph(
    new URL("./_late.ts", import.meta.url).href,
    true,
  );
  const late = new Set(
    graph.filter((s) => s.startsWith(base)).map((s) => s.slice(base.length)),
  );
  const both = Object.keys(manifest.inputs).filter((p) =>
    p.endsWith(".ts") && late.has(p)
  );
  // the settings the command line writes before the registration
  for (
    const p of [
      "worker/sources/postgres/settings.ts",
      "worker/sources/wms/settings.ts",
    ]
  ) assert(both.includes(p), both.join(", "));
  const root = new URL("../", import.meta.url);
  const found: string[] = [];
  for (const p of both) {
    const lines = (await Deno.readTextFile(new URL(p, root))).split("\n");
    for (const line of lines) {
      const mutable = /^(let|var) /.test(line) ||
        /^const \w+(:[^=]+)? = (new |\{|\[)/.test(line) ||
        /^export (let|var) /.test(line);
      if (mutable && !REVIEWED_READ_ONLY.has(`${p}: ${line}`)) {
        found.push(`${p}: ${line}`);
      }
    }
  }
  assert.deepEqual(
    found,
    [],
    "state of a module of both graphs belongs in sharedState (_shared_state.ts)",
  );
});
