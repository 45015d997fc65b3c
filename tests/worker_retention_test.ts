import { assert } from "../worker/sources/_assert.ts";

Deno.test("worker: keeps nothing of a job once it is done (40 envelopes of 1 MB: the live heap grows by less than 8 MiB)", async () => {
  // a leak the collector must be asked about: the heap's growth after a
  // full collection, in a process of its own with the collector exposed
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--v8-flags=--expose-gc",
      new URL("./worker_retention.ts", import.meta.url).pathname,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout).trim();
  assert(
    out.success,
    `retention script failed: ${new TextDecoder().decode(out.stderr)}`,
  );
  const grown = Number(text.split("\n").pop());
  assert(Number.isFinite(grown), `no figure in: ${text}`);
  assert(grown < 8, `the live heap grew by ${grown} MiB over 40 jobs`);
});
