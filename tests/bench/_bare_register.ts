/**
 * The floor under the worker's start-up: a Deno process that loads the
 * Redis client the worker uses (ioredis), connects and registers
 * (`SADD workers bare-<pid>`), then exits.
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
