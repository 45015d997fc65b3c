// Every command of README.md and docs/*.md (their ```sh blocks) is run here
// as real processes from the repository's root — docs/exporter.md's by
// exporter/docs_test.ts. `out/` becomes this test's own folder; the
// production worker command gets this test's Redis, data root and SVG folder
// for redis.example, /srv/qsl/… and /opt/qsl (this repository), serves until it
// has registered, and exits 0 on SIGTERM. The tasks that are the suite itself
// (test, ci, bench) are checked to exist, not run from inside it; `deno task
// demo` and `deno task worker` are run by demo/demo_test.ts and
// tests/worker_e2e_test.ts, which this test checks still do. A command
// the docs show and this test does not know fails the test, as does a known
// one the docs dropped. The README's TypeScript (`ts ignore`, it needs a
// Redis) is type-checked against the interface.
import assert from "node:assert/strict";
import { Redis } from "ioredis";
import { workerKey } from "../interface/protocol.ts";
import { startTestRedis } from "./redis_server.ts";
import { bundleState } from "../worker/_start_bundle.ts";

const ROOT = new URL("../", import.meta.url).pathname;

function blocks(markdown: string, lang: string): string[] {
  const out: string[] = [];
  let inBlock = false;
  let pending = "";
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) {
      inBlock = !inBlock && line.trim().startsWith("```" + lang);
      continue;
    }
    if (!inBlock) continue;
    pending += line.replace(/\\$/, "");
    if (line.endsWith("\\")) continue;
    if (pending.trim() !== "") out.push(pending.trim());
    pending = "";
  }
  return out;
}

async function docs(): Promise<Map<string, string[]>> {
  const pages = new Map<string, string[]>();
  pages.set(
    "README.md",
    blocks(await Deno.readTextFile(`${ROOT}README.md`), "sh"),
  );
  for await (const e of Deno.readDir(`${ROOT}docs`)) {
    if (!e.name.endsWith(".md") || e.name === "exporter.md") continue;
    const cmds = blocks(await Deno.readTextFile(`${ROOT}docs/${e.name}`), "sh");
    if (cmds.length) pages.set(`docs/${e.name}`, cmds);
  }
  return pages;
}

async function sh(command: string, env: Record<string, string> = {}) {
  const out = await new Deno.Command("bash", {
    args: ["-c", command],
    cwd: ROOT,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

const stripComment = (c: string) => c.replace(/\s+#.*$/, "");

async function runProductionWorker(command: string): Promise<void> {
  const redis = await startTestRedis();
  const client = new Redis(redis.url);
  const tmp = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "qsl_docs_worker_" }),
  );
  await Deno.mkdir(`${tmp}/data`);
  await Deno.mkdir(`${tmp}/svg`);
  const id = `docs-${crypto.randomUUID()}`;
  const real = command
    .replaceAll("redis.example:6379", `127.0.0.1:${redis.port}`)
    .replaceAll("/srv/qsl/", `${tmp}/`)
    .replace(/\/opt\/qsl(?=[\s,]|$)/g, ROOT.replace(/\/$/, "")) +
    ` --worker-id ${id}`;
  const child = new Deno.Command("bash", {
    args: ["-c", `exec env ${real}`],
    cwd: ROOT,
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  try {
    const deadline = Date.now() + 30_000;
    while ((await client.exists(workerKey(id))) !== 1) {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        assert.fail(`the worker did not register: ${real}\n${await stderr}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    child.kill("SIGTERM");
    const status = await child.status;
    assert.equal(status.code, 0, await stderr);
  } finally {
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
    await child.status;
    client.disconnect();
    await redis.stop();
    await Deno.remove(tmp, { recursive: true });
  }
}

Deno.test("every command of README.md and docs/*.md runs as the page says", async (t) => {
  const pages = await docs();
  const tasks = Object.keys(
    JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`)).tasks,
  );
  const tmp = await Deno.makeTempDir({ prefix: "qsl_docs_" });
  const seen = new Set<string>();
  const known: [RegExp, (cmd: string) => Promise<void>][] = [
    // the tasks that are the suite or the benches: they exist
    [/^deno task (test|ci|bench|bench:[a-z0-9]+)$/, async (cmd) => {
      assert.ok(tasks.includes(cmd.split(" ")[2]), cmd);
      await Promise.resolve();
    }],
    // measurement and reference scripts that need QGIS (never in CI): they exist
    [
      /^QT_QPA_PLATFORM=offscreen \/usr\/bin\/python3 tests\/(bench|parity\/[a-z_]+)\/\S+\.py/,
      async (
        cmd,
      ) => {
        const script = cmd.split(" ")[2];
        assert.ok((await Deno.stat(`${ROOT}${script}`)).isFile, cmd);
      },
    ],
    [/^deno install$/, async (cmd) => {
      const r = await sh(cmd);
      assert.equal(r.code, 0, r.stderr);
    }],
    [/^deno task demo$/, async () => {
      // run (into out/) and its map checked by demo/demo_test.ts; two runs
      // at once would write the same files
      const demo = await Deno.readTextFile(`${ROOT}demo/demo_test.ts`);
      assert.ok(demo.includes('args: ["task", "demo"]'));
    }],
    // the README's config → map → job → legend chain, in order, into tmp
    [
      /^deno run .* (exporter|worker)\/main\.ts (export|render|job) /,
      async (cmd) => {
        const real = cmd.replaceAll("-W=out", `-W=${tmp}`)
          .replaceAll(" out/", ` ${tmp}/`);
        const r = await sh(real);
        assert.equal(r.code, 0, `${real}\n${r.stderr}`);
        const output = /--output (\S+)/.exec(real)?.[1];
        if (output) assert.ok((await Deno.stat(output)).size > 100, output);
      },
    ],
    [/^deno task bundle:worker$/, async (cmd) => {
      const r = await sh(cmd);
      assert.equal(r.code, 0, r.stderr);
      const state = await bundleState();
      assert.ok(state.fresh, JSON.stringify(state));
    }],
    [/^deno task worker$/, async () => {
      // `deno task worker` (the Quick start) is run through Redis, by the
      // Python client and the upstream RedisQueue.post, in
      // tests/worker_e2e_test.ts; make sure it still is.
      const e2e = await Deno.readTextFile(`${ROOT}tests/worker_e2e_test.ts`);
      assert.ok(e2e.includes('"task",\n    "worker"'));
    }],
    [
      /^MALLOC_TRIM_THRESHOLD_=\S+ MALLOC_MMAP_THRESHOLD_=\S+ deno run .* worker\/main\.ts run /,
      runProductionWorker,
    ],
    [
      /^deno run --allow-net=.* … worker\/main\.ts run … --remote-hosts /,
      async () => {
        // an elided variant of the command above: web hosts on both lists,
        // run so by tests/web_e2e_test.ts
        const web = await Deno.readTextFile(`${ROOT}tests/web_e2e_test.ts`);
        assert.ok(web.includes("--remote-hosts"));
      },
    ],
    [
      /^deno run --allow-net=\S+ --allow-read=…,\S+ … worker\/main\.ts run … --redis-url rediss:\/\/\S+ --redis-tls-ca /,
      async () => {
        // an elided variant of the production command: rediss:// with a CA
        // file granted to --allow-read, run so by tests/redis_prod_test.ts
        const t = await Deno.readTextFile(`${ROOT}tests/redis_prod_test.ts`);
        assert.ok(t.includes('"--redis-tls-ca"') && t.includes("rediss://"));
      },
    ],
  ];
  try {
    for (const [page, commands] of pages) {
      for (const raw of commands) {
        const cmd = stripComment(raw);
        const entry = known.findIndex(([re]) => re.test(cmd));
        await t.step(`${page}: ${cmd.slice(0, 120)}`, async () => {
          assert.ok(entry >= 0, `no test knows this command: ${cmd}`);
          seen.add(String(entry));
          await known[entry][1](cmd);
        });
      }
    }
    assert.equal(seen.size, known.length, "a known command left the docs");
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("the README's TypeScript type-checks against the interface", async () => {
  const readme = await Deno.readTextFile(`${ROOT}README.md`);
  const sources: string[] = [];
  let block: string[] | null = null;
  for (const line of readme.split("\n")) {
    if (block === null && line.startsWith("```ts")) block = [];
    else if (block !== null && line.startsWith("```")) {
      sources.push(block.join("\n"));
      block = null;
    } else if (block !== null) block.push(line);
  }
  assert.ok(sources.length > 0);
  // in the repository (its import map), removed at once
  const file = `${ROOT}interface/_readme_${crypto.randomUUID()}.ts`;
  try {
    await Deno.writeTextFile(
      file,
      sources.map((s) =>
        `{\n${
          s.replaceAll('"@qgis-server-light/interface"', '"./mod.ts"')
            .replace(/^import/gm, "// import")
        }\n}`
      ).join("\n") + "\n",
    );
    // imports go to the top, outside the blocks
    const text = await Deno.readTextFile(file);
    const imports = sources.flatMap((
      s,
    ) => [...s.matchAll(/^import[\s\S]*?;$/gm)])
      .map((m) =>
        m[0].replaceAll('"@qgis-server-light/interface"', '"./mod.ts"')
      );
    const body = text.replace(/^\/\/ import[\s\S]*?;$/gm, "");
    await Deno.writeTextFile(file, imports.join("\n") + "\n" + body);
    const r = await sh(`deno check ${file}`);
    assert.equal(r.code, 0, r.stderr);
  } finally {
    await Deno.remove(file).catch(() => {});
  }
});
