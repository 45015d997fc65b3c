// bundle.ts primes Deno's caches after bundling: a worker started from a
// DENO_DIR that only `deno task bundle:worker` has used (a new install, a
// new container) finds its modules there and transpiles none itself; what
// Deno's own threads take to parse them stays resident in the worker
// (docs/performance.md, session 19).
import assert from "node:assert/strict";
import { join } from "node:path";
import { RedisQueue } from "../interface/redis_queue.ts";
import { startTestRedis } from "../tests/redis_server.ts";
import {
  baselineJob,
  spawnWorker,
  workerTaskSettings,
} from "../tests/bench/_util.ts";

/** Every file under `dir`, relative to it, sorted ([] when there is none). */
async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (sub: string) => {
    try {
      for await (const e of Deno.readDir(join(dir, sub))) {
        const path = join(sub, e.name);
        if (e.isDirectory) await walk(path);
        else out.push(path);
      }
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  };
  await walk("");
  return out.sort();
}

Deno.test("bundle.ts: after bundling, a worker started in the same DENO_DIR serves a job without transpiling a module itself", async () => {
  const info = JSON.parse(
    new TextDecoder().decode(
      (await new Deno.Command(Deno.execPath(), {
        args: ["info", "--json"],
        stdout: "piped",
      }).output()).stdout,
    ),
  ) as { npmCache: string };
  const denoDir = await Deno.makeTempDir({ prefix: "qsl_prime_" });
  // the installed npm packages, not their analysis: no download
  await Deno.symlink(info.npmCache, join(denoDir, "npm"));
  const redis = await startTestRedis();
  try {
    const bundled = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        new URL("./bundle.ts", import.meta.url).pathname,
        "--force",
      ],
      env: { DENO_DIR: denoDir },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert(bundled.success, new TextDecoder().decode(bundled.stderr));
    const gen = join(denoDir, "gen");
    const before = await files(gen);
    const settings = workerTaskSettings();
    settings.env.DENO_DIR = denoDir;
    const worker = spawnWorker({
      redisUrl: redis.url,
      dataRoot: denoDir,
      settings,
    });
    const queue = RedisQueue.create(redis.url);
    try {
      const job = baselineJob();
      const { status } = await queue.post(job.params as never, {
        type: job.type,
        timeoutMs: 60_000,
      });
      assert.equal(status, "succeed", worker.log());
    } finally {
      await queue.close();
      await worker.stop();
    }
    const after = await files(gen);
    assert(
      after.some((f) => f.endsWith(join("worker", "queue", "execute.ts.js"))),
      after.join("\n"),
    );
    assert.deepEqual(after.filter((f) => !before.includes(f)), []);
  } finally {
    await redis.stop();
    await Deno.remove(denoDir, { recursive: true });
  }
});
