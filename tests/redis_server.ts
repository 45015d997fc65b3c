/**
 * Test harness: a Redis for the tests.
 *
 * Uses `QSL_TEST_REDIS_URL` when set; otherwise starts a private
 * `redis-server` on a free loopback port (no persistence) and stops it
 * afterwards. It never flushes a Redis it did not start.
 *
 * @module
 */

/** A Redis the tests may use. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  /** Port it listens on. */
  port: number;
  /** Whether this harness started the server (and so owns its data). */
  owned: boolean;
  /** Stops the server when this harness started it. */
  stop(): Promise<void>;
  /** Kills the server (SIGKILL) without cleanup, for restart tests; owned servers only. */
  restart(): Promise<void>;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

async function waitForPort(
  port: number,
  timeoutMs: number,
  name = "redis-server",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const conn = await Deno.connect({ hostname: "127.0.0.1", port });
      conn.close();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  throw new Error(
    `Cannot start ${name}: port ${port} not open after ${timeoutMs} ms`,
  );
}

/**
 * The `process_id` of the Redis (or redis-sentinel) answering on `port`
 * (INFO server), over `connect` when given (TLS): which process answers a
 * port found free, since another test's server may have taken it first.
 *
 * @example
 * ```ts ignore
 * const pid = await serverPid(6379);
 * ```
 */
export async function serverPid(
  port: number,
  connect: () => Promise<Deno.Conn> = () =>
    Deno.connect({ hostname: "127.0.0.1", port }),
): Promise<number | null> {
  const conn = await connect();
  // whatever else answers there (an error reply, another protocol) must not
  // hold the harness: the read ends with the connection after 2 s
  let closed = false;
  const timer = setTimeout(() => {
    closed = true;
    conn.close();
  }, 2000);
  try {
    await conn.write(
      new TextEncoder().encode("*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n"),
    );
    const buf = new Uint8Array(65536);
    let text = "";
    while (!/process_id:\d+\r\n/.test(text) && !text.startsWith("-")) {
      const n = await conn.read(buf).catch(() => null);
      if (n === null) break;
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
    const m = /process_id:(\d+)/.exec(text);
    return m ? Number(m[1]) : null;
  } finally {
    clearTimeout(timer);
    if (!closed) conn.close();
  }
}

/**
 * Spawns a redis-server on `port` (else a free one) and makes sure the server
 * answering there is that child: a port found free can be taken by another
 * test's server before ours binds it, and ours then exits while the other
 * answers (two tests on one Redis, one's worker taking the other's jobs).
 *
 * @example
 * ```ts
 * const { port, child } = await spawnOwnedRedis();
 * console.log(port);
 * child.kill("SIGTERM");
 * await child.status;
 * ```
 */
export function spawnOwnedRedis(
  port?: number,
): Promise<{ port: number; child: Deno.ChildProcess }> {
  return spawnOwned(spawnRedis, { port });
}

/**
 * Spawns a Redis-speaking server with `spawn(port)` on `options.port` (else
 * a free one, another one up to 5 times) and makes sure the server
 * answering there is that child (INFO's process_id, over
 * `options.connect(port)` when given, e.g. TLS).
 *
 * @example
 * ```ts ignore
 * const { port, child } = await spawnOwned((p) =>
 *   new Deno.Command("redis-sentinel", { args: [conf(p)] }).spawn()
 * );
 * ```
 */
export async function spawnOwned(
  spawn: (port: number) => Deno.ChildProcess | Promise<Deno.ChildProcess>,
  options: {
    port?: number;
    connect?: (port: number) => Promise<Deno.Conn>;
    waitMs?: number;
    /** The server's name in errors; default redis-server. */
    name?: string;
  } = {},
): Promise<{ port: number; child: Deno.ChildProcess }> {
  const { port, connect, name = "redis-server" } = options;
  for (let attempt = 0;; attempt++) {
    const p = port ?? freePort();
    const child = await spawn(p);
    try {
      await waitForPort(p, options.waitMs ?? 5000, name);
      const pid = await serverPid(p, connect && (() => connect(p)));
      if (pid === child.pid) return { port: p, child };
    } catch (e) {
      if (port !== undefined || attempt >= 4) {
        try {
          child.kill("SIGKILL");
        } catch { /* already gone */ }
        await child.status;
        throw e;
      }
    }
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
    await child.status;
    if (port !== undefined || attempt >= 4) {
      throw new Error(
        `Cannot start ${name}: port ${p} is answered by another server`,
      );
    }
  }
}

function spawnRedis(port: number): Deno.ChildProcess {
  try {
    return new Deno.Command("redis-server", {
      args: [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--protected-mode",
        "no",
      ],
      stdout: "null",
      stderr: "null",
    }).spawn();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(
        "Cannot start redis-server: it is not installed (Debian: `apt-get install redis-server`), " +
          "or set QSL_TEST_REDIS_URL to a Redis the tests may use",
      );
    }
    throw e;
  }
}

/**
 * Starts (or reuses) a Redis for a test.
 *
 * @example
 * ```ts
 * const redis = await startTestRedis();
 * try { console.log(redis.url); } finally { await redis.stop(); }
 * ```
 */
export async function startTestRedis(): Promise<TestRedis> {
  const external = Deno.env.get("QSL_TEST_REDIS_URL");
  if (external) {
    const port = Number(new URL(external).port || 6379);
    return {
      url: external,
      port,
      owned: false,
      stop: () => Promise.resolve(),
      restart: () =>
        Promise.reject(
          new Error("Cannot restart a Redis this harness did not start"),
        ),
    };
  }
  const started = await spawnOwnedRedis();
  const port = started.port;
  let child = started.child;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    owned: true,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      await child.status;
    },
    async restart() {
      child.kill("SIGKILL");
      await child.status;
      child = (await spawnOwnedRedis(port)).child;
    },
  };
}
