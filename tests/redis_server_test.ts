import { spawnOwnedRedis, startTestRedis } from "./redis_server.ts";

Deno.test("test harness starts a private redis-server that answers PING", async () => {
  const redis = await startTestRedis();
  try {
    const conn = await Deno.connect({
      hostname: "127.0.0.1",
      port: redis.port,
    });
    await conn.write(new TextEncoder().encode("PING\r\n"));
    const buf = new Uint8Array(16);
    const n = await conn.read(buf);
    conn.close();
    const reply = new TextDecoder().decode(buf.subarray(0, n ?? 0));
    if (reply !== "+PONG\r\n") {
      throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
    }
  } finally {
    await redis.stop();
  }
});

Deno.test("test harness refuses a port another redis-server answers on", async () => {
  const other = await startTestRedis();
  try {
    await expectRefusal(other.port);
  } finally {
    await other.stop();
  }
});

Deno.test("test harness: servers started side by side are distinct", async () => {
  const servers = await Promise.all(
    Array.from({ length: 6 }, () => startTestRedis()),
  );
  try {
    const ports = new Set(servers.map((s) => s.port));
    if (ports.size !== servers.length) {
      throw new Error(`ports shared: ${[...ports].join(", ")}`);
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
});

Deno.test("test harness refuses, without hanging, a port where something silent listens", async () => {
  const silent = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  (async () => {
    for await (const conn of silent) held.push(conn);
  })().catch(() => {});
  try {
    await expectRefusal(silent.addr.port);
  } finally {
    silent.close();
    for (const c of held) {
      try {
        c.close();
      } catch { /* closed */ }
    }
  }
});

/** Expects spawnOwnedRedis on `port` to be refused with a clear error. */
async function expectRefusal(port: number): Promise<void> {
  let error: unknown = null;
  try {
    const { child } = await spawnOwnedRedis(port);
    child.kill("SIGTERM");
    await child.status;
  } catch (e) {
    error = e;
  }
  if (
    !(error instanceof Error) ||
    !error.message.startsWith("Cannot start redis-server:")
  ) {
    throw new Error(`expected a refusal, got ${error}`);
  }
}
