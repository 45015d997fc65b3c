import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { Command, Redis } from "ioredis";
import { startTestRedis } from "../../tests/redis_server.ts";
import { encodeCommand } from "./resp.ts";

// what ioredis itself writes for the same command
function ioredisBytes(args: (string | Uint8Array)[]): Buffer {
  const [name, ...rest] = args as [string, ...(string | Uint8Array)[]];
  const command = new Command(
    name,
    rest.map((a) => typeof a === "string" ? a : Buffer.from(a)),
  );
  const writable = command.toWritable({});
  return typeof writable === "string" ? Buffer.from(writable) : writable;
}

Deno.test("encodeCommand writes the bytes ioredis writes", () => {
  const cases: (string | Uint8Array)[][] = [
    ["PING"],
    ["GET", "k"],
    ["SET", "", ""],
    ["SET", "clé", "日本語 ✓"],
    ["HSET", "job:1", "status", "succeed", "timestamp.succeed", "x".repeat(12)],
    [
      "PUBLISH",
      "notifications:1",
      new Uint8Array([0x80, 3, 0, 0xff, 0x0d, 0x0a]),
    ],
    ["PUBLISH", "c", new Uint8Array(0)],
    ["X", ...Array.from({ length: 12 }, (_, i) => String(i).repeat(i))],
  ];
  for (const args of cases) {
    assert.deepEqual(
      Buffer.from(encodeCommand(args)),
      ioredisBytes(args),
      JSON.stringify(args.map(String)),
    );
  }
});

Deno.test("encodeCommand: Redis runs the command it encodes, bytes intact", async () => {
  const redis = await startTestRedis();
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: redis.port });
  const client = new Redis(redis.url);
  try {
    const value = new Uint8Array(256).map((_, i) => i);
    await conn.write(encodeCommand(["SET", "résumé", value]));
    const reply = new Uint8Array(16);
    const n = await conn.read(reply);
    assert.equal(new TextDecoder().decode(reply.subarray(0, n!)), "+OK\r\n");
    assert.deepEqual(
      new Uint8Array(await client.getBuffer("résumé") as Buffer),
      value,
    );
  } finally {
    conn.close();
    client.disconnect();
    await redis.stop();
  }
});
