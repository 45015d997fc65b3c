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
/** What a job failed by the worker's --max-job-seconds says. */
const TIME_BUDGET =
  /^(Cannot draw layer '[^']*': )?Cannot finish the job: it ran longer than its time budget of \d+ s \(--max-job-seconds\)$/;
/** Times the ordinary map is asked for while the time budget fails it. */
const MAP_ATTEMPTS = 5;

/** What a test does with the worker. */
export interface DemoWorker {
  /** Posts a render job; a job that gets no answer throws naming `name`. */
  post(
    name: string,
    job: Record<string, unknown>,
    timeoutMs?: number,
  ): ReturnType<RedisQueue["post"]>;
  /**
   * Draws the demo's map and checks it succeeded (the worker lives); asked
   * again, a few times, while the worker's time budget fails it.
   */
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
      // A test that sets a short --max-job-seconds (time_test: 5 s) runs
      // this map under it too: 25-350 ms quiet, it once took more than 5 s
      // at load 20+ on 2 cores and failed naming the budget. That answer
      // already shows a worker that serves; the map drawn shows engines
      // intact, so the map is asked for again after such an answer, at
      // most MAP_ATTEMPTS times. Any other failure, or no answer, fails.
      for (let attempt = 1;; attempt++) {
        const r = await post(
          "ordinary map",
          demoRenderJob().job as Record<string, unknown>,
        );
        if (r.status === "succeed") return;
        const data = String(r.result.data);
        assert.ok(
          TIME_BUDGET.test(data) && attempt < MAP_ATTEMPTS,
          `ordinary map, attempt ${attempt}: ${data}`,
        );
      }
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
