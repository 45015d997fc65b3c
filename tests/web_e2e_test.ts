/**
 * A worker started with the locked-down flags of docs/worker.md and a tile
 * host (a loopback tests/web_map_server.ts) in both `--allow-net` and
 * `--remote-hosts` renders a map with an XYZ layer through Redis; a tile
 * host off the lists leaves the layer empty and the job succeeds.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { decode } from "fast-png";
import { RedisQueue } from "../interface/redis_queue.ts";
import { startTestRedis } from "./redis_server.ts";
import { startWebMapServer } from "./web_map_server.ts";
import { WORKER_ENV_VARS } from "../worker/cli/env_vars.ts";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIR = join(REPO, "tests/parity/web");

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

Deno.test("web e2e: a locked-down worker draws tiles from an allowed host only", async () => {
  const redis = await startTestRedis();
  const server = await startWebMapServer();
  const worker = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      `--allow-net=127.0.0.1:${redis.port},${server.host}`,
      `--allow-read=${DIR}/data,${join(REPO, "node_modules")}`,
      `--allow-env=${WORKER_ENV_VARS.join(",")}`,
      "--allow-sys=hostname",
      join(REPO, "worker/main.ts"),
      "run",
      "--redis-url",
      redis.url,
      "--data-root",
      join(DIR, "data"),
      "--remote-hosts",
      server.host,
    ],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  let log = "";
  worker.stderr.pipeTo(
    new WritableStream({
      write: (c) => void (log += new TextDecoder().decode(c)),
    }),
  ).catch(() => {});
  const queue = RedisQueue.create(redis.url);
  try {
    const text = await Deno.readTextFile(
      join(DIR, "xyz_vectors_3857.job.json"),
    );
    const job = (url: string) =>
      JSON.parse(
        text,
        (_k, v) => typeof v === "string" ? v.replaceAll("{server}", url) : v,
      ).job;
    const { status, result } = await queue.post(job(server.url), {
      timeoutMs: 60_000,
    });
    assert(status === "succeed", `${status}: ${result.data}`);
    const png = decode(result.data as Uint8Array);
    const data = png.data as Uint8Array;
    let opaque = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] === 255) opaque++;
    assert(opaque === png.width * png.height, `${opaque} opaque pixels`);
    const tiles = server.requests.filter((r) => r.url.startsWith("/xyz/"));
    assert(tiles.length > 0, "tiles fetched");
    // another port of the same address is not on the lists
    server.reset();
    const other = await queue.post(job("http://127.0.0.1:1"), {
      timeoutMs: 60_000,
    });
    assert(other.status === "succeed", `${other.status}: ${other.result.data}`);
    assert(server.requests.length === 0, "nothing fetched");
    assert(
      /is not on the worker's allow-list/.test(log),
      `the warning is logged: ${log.slice(-500)}`,
    );
    assert(!log.includes("NotCapable"), log.slice(-500));
  } finally {
    await queue.close();
    try {
      worker.kill("SIGTERM");
    } catch { /* gone */ }
    await worker.status;
    await server.close();
    await redis.stop();
  }
});
