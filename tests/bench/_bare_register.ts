/**
 * The floor under the worker's start-up: a Deno process that loads the
 * Redis client the worker uses (ioredis), connects and registers
 * (`SADD workers bare-<pid>`), then exits.
 *
 * `queue_bench.ts` runs it with the worker task's V8 flags: Deno's V8 code
 * cache keeps one entry per module, valid only under the flags that wrote it.
 *
 * ```sh
 * deno run --allow-net=127.0.0.1 tests/bench/_bare_register.ts redis://127.0.0.1:6380
 * ```
 *
 * @module
 */
import { Redis } from "ioredis";
import { WORKERS_KEY } from "../../interface/protocol.ts";

const client = new Redis(Deno.args[0]);
await client.sadd(WORKERS_KEY, `bare-${Deno.pid}`);
client.disconnect();
