// A real worker process over the repository's demo data (demo/), started as
// `deno task worker` starts it, with its own Redis: what the hostile tests
// post their jobs to.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { RedisQueue } from "../../interface/redis_queue.ts";
import { startTestRedis } from "../redis_server.ts";
import { spawnWorker } from "../bench/_util.ts";
import { demoRenderJob } from "./_jobs.ts";

const DEMO = fileURLToPath(new URL("../../demo", import.meta.url));

/** What a test does with the worker. */
export interface DemoWorker {
  /** Posts a render job; a job that gets no answer throws naming `name`. */
  post(
    name: string,
    job: Record<string, unknown>,
    timeoutMs?: number,
  ): ReturnType<RedisQueue["post"]>;
  /** Draws the demo's map and checks it succeeded (the worker lives). */
  ordinary(): Promise<void>;
}

/**
 * Runs `test` against a fresh worker (more arguments of `run`: `args`),
 * once it has drawn an ordinary map
 * (engines loaded); stops the worker and its Redis afterwards, with SIGKILL
 * when `test` threw (a worker stuck in a job finishes neither it nor a
 * SIGTERM).
 */
export async function withDemoWorker(
  test: (worker: DemoWorker) => Promise<void>,
  args: string[] = [],
): Promise<void> {
  const redis = await startTestRedis();
  const worker = spawnWorker({ redisUrl: redis.url, dataRoot: DEMO, args });
  const queue = RedisQueue.create(redis.url);
  let done = false;
  try {
    const post: DemoWorker["post"] = (name, job, timeoutMs = 120_000) =>
      queue.post(job as never, { type: "QslJobInfoRender", timeoutMs }).catch(
        (e) => {
          throw new Error(`${name}: no answer (${e.message})`);
        },
      );
    const ordinary = async () => {
      const r = await post(
        "ordinary map",
        demoRenderJob().job as Record<string, unknown>,
      );
      assert.equal(r.status, "succeed", String(r.result.data));
    };
    await ordinary();
    await test({ post, ordinary });
    done = true;
  } finally {
    await queue.close();
    if (!done) worker.child.kill("SIGKILL");
    await worker.stop();
    await redis.stop();
  }
}
