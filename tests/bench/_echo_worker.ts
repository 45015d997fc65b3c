/**
 * The floor under the worker's fixed cost per job: a process that speaks
 * the least of the queue protocol a client needs — take a job id
 * (`BLMOVE jobs processing:echo`), then in one MULTI set its final status,
 * publish a pickled result of 67 bytes (what an empty 1×1 PNG weighs),
 * expire the hash and drop the id from its processing list — and nothing
 * else: no envelope read, no parsing, no runner.
 *
 * ```sh
 * deno run --allow-net=127.0.0.1 --allow-env tests/bench/_echo_worker.ts redis://127.0.0.1:6380
 * ```
 *
 * @module
 */
import { Redis } from "ioredis";
import { Buffer } from "node:buffer";
import { encodeResult } from "../../interface/result_codec.ts";
import {
  JobField,
  jobKey,
  JOBS_KEY,
  notificationChannel,
  processingKey,
} from "../../interface/protocol.ts";

const url = Deno.args[0];
const blocking = new Redis(url);
const client = new Redis(url);
const processing = processingKey("echo");
const png = new Uint8Array(67);
Deno.addSignalListener("SIGTERM", () => {
  blocking.disconnect();
  client.disconnect();
  Deno.exit(0);
});
for (;;) {
  const id = await blocking.blmove(JOBS_KEY, processing, "LEFT", "RIGHT", 0);
  if (id === null) continue;
  const payload = encodeResult({
    id,
    data: png,
    content_type: "image/png",
    worker_id: "echo",
    worker_host_name: "echo",
  }, "pickle");
  await client.multi()
    .hset(jobKey(id), { [JobField.status]: "succeed" })
    .publish(notificationChannel(id), Buffer.from(payload))
    .expire(jobKey(id), 3600)
    .lrem(processing, 1, id)
    .exec();
}
