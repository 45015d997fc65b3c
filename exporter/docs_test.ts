// Runs every command of docs/exporter.md (its ```sh blocks) from the
// repository's root, with /tmp/ and /srv/qgis replaced by this test's own
// folders and port 5000 by a free one. A command the docs show and this test
// does not know fails the test, as does a known one the docs dropped.
import assert from "node:assert/strict";
import { Config } from "@qgis-server-light/interface/config";

const ROOT = new URL("../", import.meta.url).pathname;
const DOC = `${ROOT}docs/exporter.md`;

function docCommands(markdown: string): string[] {
  const commands: string[] = [];
  let inSh = false;
  let pending = "";
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) {
      inSh = !inSh && line.trim() === "```sh";
      continue;
    }
    if (!inSh) continue;
    pending += line.replace(/\\$/, "");
    if (line.endsWith("\\")) continue;
    if (pending.trim() !== "") commands.push(pending.trim());
    pending = "";
  }
  return commands;
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function sh(command: string, env: Record<string, string> = {}) {
  const out = await new Deno.Command("bash", {
    args: ["-c", command],
    cwd: ROOT,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const ran: Ran = {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
  return ran;
}

/** The repository's dist/ entries with their sizes and times, or null. */
async function listDist(): Promise<string[] | null> {
  try {
    const entries: string[] = [];
    for await (const e of Deno.readDir(`${ROOT}dist`)) {
      const info = await Deno.stat(`${ROOT}dist/${e.name}`);
      entries.push(`${e.name} ${info.size} ${info.mtime?.getTime()}`);
    }
    return entries.sort();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

const freePort = () => {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
};

Deno.test("every command of docs/exporter.md runs as the page says", async (t) => {
  const commands = docCommands(await Deno.readTextFile(DOC));
  const tmp = await Deno.makeTempDir({ prefix: "qsl_exporter_docs_" });
  const local = (c: string) => c.replaceAll("/tmp/", `${tmp}/`);
  // The build tasks write into the repository's dist/: the test runs their
  // commands with dist/ in its own folder, so the tree stays as it was (a
  // bundle left in dist/ is a module the next `deno test --doc` checks).
  const tasks = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`)).tasks;
  const dist = (c: string) => c.replaceAll("dist/", `${tmp}/dist/`);
  const task = (name: string) => dist(tasks[name].command as string);
  const distBefore = await listDist();
  const checks: Record<string, (command: string) => Promise<void>> = {
    "deno run -P=exporter exporter/main.ts export --project demo/demo.qgs --output /tmp/demo.json":
      async (c) => {
        const r = await sh(local(c));
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, /info: exported demo\/demo\.qgs: 3 vector/);
        const config = Config.parse(
          JSON.parse(await Deno.readTextFile(`${tmp}/demo.json`)),
        );
        assert.equal(config.datasets.vector[0].fields.length > 0, true);
      },
    "deno run -P=exporter exporter/main.ts export --project demo/demo.qgs --unify-layer-names-by-group --separator / --output-format xml --no-read-sources > /tmp/demo.xml":
      async (c) => {
        const r = await sh(local(c));
        assert.equal(r.code, 0, r.stderr);
        assert.match(await Deno.readTextFile(`${tmp}/demo.xml`), /<Config>/);
      },
    "deno run -P=exporter exporter/main.ts export --project demo/demo.qgs --pg-service-conf exporter/testdata/pg_service.conf --log-format json --log-level debug --output /tmp/demo.json":
      async (c) => {
        const r = await sh(local(c));
        assert.equal(r.code, 0, r.stderr);
        const lines = r.stderr.split("\n").filter((l) => l.startsWith("{"))
          .map((l) => JSON.parse(l));
        assert.deepEqual(
          [...new Set(lines.map((l) => l.level))].sort(),
          ["debug", "info"],
        );
      },
    "deno run -P=exporter exporter/main.ts --version": async (c) => {
      const r = await sh(c);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
    },
    "deno run -P=exporter exporter/main.ts serve --data-root /srv/qgis --port 5000":
      async (c) => {
        const root = `${tmp}/srv`;
        await Deno.mkdir(`${root}/acme/data`, { recursive: true });
        await Deno.copyFile(`${ROOT}demo/demo.qgs`, `${root}/acme/demo.qgs`);
        for await (const f of Deno.readDir(`${ROOT}demo/data`)) {
          await Deno.copyFile(
            `${ROOT}demo/data/${f.name}`,
            `${root}/acme/data/${f.name}`,
          );
        }
        // a port found free may be taken by another test's server before
        // serve binds it (then serve stops, AddrInUse): another port, at
        // most 5 times
        let port = "";
        let child: Deno.ChildProcess | undefined;
        for (let attempt = 1; !child; attempt++) {
          port = String(freePort());
          const started = new Deno.Command("bash", {
            args: [
              "-c",
              `exec ${c.replace("/srv/qgis", root).replace("5000", port)}`,
            ],
            cwd: ROOT,
            stdout: "null",
            stderr: "piped",
          }).spawn();
          const reader = started.stderr.pipeThrough(new TextDecoderStream())
            .getReader();
          let seen = "";
          while (!/listening on http/.test(seen)) {
            const { value, done } = await reader.read();
            if (done) break;
            seen += value;
          }
          reader.releaseLock();
          if (/listening on http/.test(seen)) {
            child = started;
            break;
          }
          await started.status;
          await started.stderr.cancel().catch(() => {});
          if (!/AddrInUse|address already in use/i.test(seen) || attempt >= 5) {
            throw new Error(`serve stopped: ${seen}`);
          }
        }
        try {
          const curl = commands.find((x) => x.startsWith("curl "))!;
          const r = await sh(curl.replace("5000", port));
          assert.equal(r.code, 0, r.stderr);
          assert.deepEqual(JSON.parse(r.stdout), { successful: true });
          Config.parse(
            JSON.parse(await Deno.readTextFile(`${root}/acme/demo.json`)),
          );
        } finally {
          child.kill("SIGTERM");
          await child.status;
          await child.stderr.cancel().catch(() => {});
        }
      },
    // Run by the serve check above, against the server it started.
    'curl -s -X POST http://127.0.0.1:5000/export -d \'{"mandant": "acme", "project": "demo"}\'':
      () => Promise.resolve(),
    "deno task bundle:exporter": async () => {
      const r = await sh(task("bundle:exporter"));
      assert.equal(r.code, 0, r.stderr);
    },
    "deno run --allow-read --allow-write --allow-net --allow-env dist/qsl-exporter.js export --project demo/demo.qgs --output /tmp/demo.json":
      async (c) => {
        await Deno.remove(`${tmp}/demo.json`).catch(() => {});
        const r = await sh(dist(local(c)));
        assert.equal(r.code, 0, r.stderr);
        Config.parse(JSON.parse(await Deno.readTextFile(`${tmp}/demo.json`)));
      },
    "deno task compile:exporter": async () => {
      const r = await sh(task("compile:exporter"));
      if (r.code !== 0 && /denort|dl\.deno\.land/.test(r.stderr)) {
        console.log(
          "skipped: deno compile cannot get its runtime (denort) here; set DENORT_BIN",
        );
        return;
      }
      assert.equal(r.code, 0, r.stderr);
      const v = await sh(dist("dist/qsl-exporter --version"));
      assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
    },
    "deno run -A exporter/bench/export_bench.ts": async (c) => {
      const r = await sh(c);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /export_1000_layers \(medians of 15\)/);
    },
    // The sweep needs QGIS 3.22 and minutes: the Python half is compiled,
    // the Deno half run on an empty sweep folder.
    "QT_QPA_PLATFORM=offscreen /usr/bin/python3 exporter/parity/sweep.py /tmp/sweep":
      async () => {
        const r = await sh(
          `python3 -c "import ast, sys; [ast.parse(open(f).read()) for f in sys.argv[1:]]" exporter/parity/sweep.py exporter/parity/make_references.py`,
        );
        assert.equal(r.code, 0, r.stderr);
      },
    "deno run -A exporter/parity/sweep.ts /tmp/sweep": async () => {
      const dir = `${tmp}/sweep`;
      await Deno.mkdir(dir, { recursive: true });
      await Deno.writeTextFile(`${dir}/projects.tsv`, "");
      const r = await sh(`deno run -A exporter/parity/sweep.ts ${dir}`);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), "{}");
    },
    "deno run -A exporter/bench/memory.ts": async (c) => {
      const r = await sh(c);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /MB .* 50,000 nested layer-tree groups/);
    },
  };
  try {
    assert.deepEqual(
      [...commands].sort(),
      Object.keys(checks).sort(),
      "the commands of docs/exporter.md and of this test differ",
    );
    for (const command of commands) {
      await t.step(command.slice(0, 100), () => checks[command](command));
    }
    assert.deepEqual(
      await listDist(),
      distBefore,
      "the test changed the repository's dist/",
    );
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
