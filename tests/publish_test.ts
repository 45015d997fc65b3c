// The JSR packages carry the library only: no tests, benches, test data or
// parity fixtures (`publish.exclude` in each package's deno.json).
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url).pathname;

Deno.test("deno publish --dry-run lists no tests, benches or test data", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["publish", "--dry-run", "--allow-dirty"],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) +
    new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, text);
  const files = [...text.matchAll(/file:\/\/(\S+)/g)].map((m) =>
    m[1].slice(ROOT.length)
  );
  for (const pkg of ["interface", "worker", "exporter"]) {
    assert.ok(files.some((f) => f === `${pkg}/mod.ts`), `${pkg}/mod.ts listed`);
  }
  const testOnly: string[] = [];
  for (const f of files) {
    if (
      /(^|\/)(testdata|bench|parity)\//.test(f) ||
      /(_bench|_test_util)\.ts$/.test(f) ||
      // hit_test.ts modules are hit testing, not tests
      (/_test\.ts$/.test(f) &&
        (await Deno.readTextFile(`${ROOT}${f}`)).includes("Deno.test("))
    ) testOnly.push(f);
  }
  assert.deepEqual(testOnly, [], "test-only files in the packages");
});

// `deno doc` is the user's reference: it must print no warning for any of
// the packages' entry points (ioredis's .d.ts files,
// reached by a static import, gave 13 "Could not find package 'node'"
// warnings for each: interface/mod.ts, then worker/mod.ts).
const DOCUMENTED: Record<string, string[]> = {
  // the client and its own connection types
  interface: ["RedisQueue", "RedisQueueClient", "RedisClientOptions"],
  // the job loop and what it is configured with
  worker: ["QueueWorker", "QueueWorkerOptions", "defaultRunners", "LruCache"],
  // the library behind the CLI
  exporter: ["exportProject", "ExportOptions", "runCli", "QgisSyntaxError"],
};

for (const [pkg, names] of Object.entries(DOCUMENTED)) {
  Deno.test(`deno doc of the ${pkg} package's entry points prints no warning`, async () => {
    const config = JSON.parse(
      await Deno.readTextFile(`${ROOT}${pkg}/deno.json`),
    ) as { exports: Record<string, string> };
    const entries = Object.values(config.exports).map((f) =>
      `${pkg}/${f.replace(/^\.\//, "")}`
    );
    assert.ok(entries.includes(`${pkg}/mod.ts`), entries.join(" "));
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["doc", ...entries],
      cwd: ROOT,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, stderr);
    const warnings = stderr.split("\n").filter((l) => /warning/i.test(l));
    assert.deepEqual(warnings, [], stderr);
    const text = new TextDecoder().decode(out.stdout);
    for (const name of names) {
      assert.ok(text.includes(name), `${name} documented`);
    }
  });
}
