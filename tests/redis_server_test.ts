import { startTestRedis } from "./redis_server.ts";

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
