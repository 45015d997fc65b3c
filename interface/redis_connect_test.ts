import assert from "node:assert/strict";
import { join } from "node:path";
import { Redis } from "ioredis";
import {
  isAuthError,
  isConnectionDown,
  reconnectWhenEnded,
  redactRedisUrl,
  redisErrorLine,
  redisOptions,
  redisTarget,
} from "./redis_connect.ts";
import { RedisQueue } from "./redis_queue.ts";
import { spawnOwned, startTestRedis } from "../tests/redis_server.ts";

Deno.test("redis URLs: user, password, db; rediss; sentinel with db and passwords", () => {
  assert.deepEqual(redisOptions("redis://app:s3cr%40t@cache:6380/2"), {
    host: "cache",
    port: 6380,
    username: "app",
    password: "s3cr@t",
    db: 2,
  });
  assert.deepEqual(redisOptions("redis://:pw@cache"), {
    host: "cache",
    port: 6379,
    password: "pw",
  });
  assert.deepEqual(redisOptions("rediss://cache").tls, {});
  assert.equal(redisTarget("rediss://cache:6380").label, "cache:6380");
  assert.deepEqual(
    redisOptions(
      "redis+sentinel://u:p%2F@s1,s2:26380/mymaster/3?sentinelPassword=sp",
    ),
    {
      sentinels: [{ host: "s1", port: 26379 }, { host: "s2", port: 26380 }],
      name: "mymaster",
      failoverDetector: true,
      db: 3,
      username: "u",
      password: "p/",
      sentinelPassword: "sp",
    },
  );
  // TLS to the sentinels and to the master they name, with one CA
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${dir}/ca.pem`, "PEM");
    assert.deepEqual(
      redisOptions("rediss+sentinel://s1:26380/m", {
        tlsCaFile: `${dir}/ca.pem`,
      }),
      {
        sentinels: [{ host: "s1", port: 26380 }],
        name: "m",
        failoverDetector: true,
        tls: { ca: "PEM" },
        sentinelTLS: { ca: "PEM" },
        enableTLSForSentinelMode: true,
      },
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
  assert.equal(redisTarget("rediss+sentinel://s1/m").tls, true);
  assert.equal(redisTarget("redis+sentinel://s1/m").tls, false);
  assert.equal(
    redisTarget("redis+sentinel://s1,s2:26380/m").label,
    "sentinels s1:26379,s2:26380 (master m)",
  );
});

Deno.test("redis URLs: bad forms are TypeErrors naming the URL without its password", () => {
  for (
    const [url, detail] of [
      ["http://x:6379", "use redis://"],
      ["redis+sentinel://s1:26379", "no master name"],
      ["redis+sentinel://u:hunter2@s1/m/x", "/mastername or /mastername/db"],
      ["redis://u:hunter2@h/abc", "is no number"],
      // a space or an @ in the password: the general masker stopped there
      ["redis://u:a b@hunter2@h/abc", "is no number"],
      [
        "redis+sentinel://u:a b@hunter2@s1/m/x",
        "/mastername or /mastername/db",
      ],
      ["redis://u:%ZZhunter2@h", "its password is not percent-encoded"],
      [
        "redis+sentinel://u:%ZZhunter2@s1/m",
        "its password is not percent-encoded",
      ],
      [
        "redis+sentinel://u:hunter2@s1/%ZZ",
        "its master name is not percent-encoded",
      ],
    ]
  ) {
    assert.throws(() => redisOptions(url), (e: Error) => {
      assert.ok(e instanceof TypeError);
      assert.ok(e.message.includes(detail), e.message);
      assert.ok(!e.message.includes("hunter2"), e.message);
      return true;
    });
  }
  assert.throws(
    () => redisOptions("redis://h", { tlsCaFile: "/x.pem" }),
    /needs a rediss:\/\/ or rediss\+sentinel:\/\/ URL/,
  );
  assert.throws(
    () => redisOptions("rediss://h", { tlsCaFile: "/nonexistent/ca.pem" }),
    /Cannot read the Redis TLS CA file '\/nonexistent\/ca.pem'/,
  );
});

Deno.test("redactRedisUrl: the user part ends at the last @ before the query, whatever the password holds", () => {
  for (
    const [url, shown] of [
      [
        "redis://app:hunter2@cache:6380/2",
        "redis://app:**REDACTED**@cache:6380/2",
      ],
      ["redis://app:a b@hun ter2@cache", "redis://app:**REDACTED**@cache"],
      ["redis://app:a/b@hunter2@cache/1", "redis://app:**REDACTED**@cache/1"],
      ["redis://hunter2@cache", "redis://**REDACTED**@cache"],
      ["rediss://:hunter2@cache", "rediss://:**REDACTED**@cache"],
      [
        "redis+sentinel://u:hunter2@s1,s2/m?sentinelPassword=hunter2",
        "redis+sentinel://u:**REDACTED**@s1,s2/m?sentinelPassword=**REDACTED**",
      ],
      ["redis://cache:6379", "redis://cache:6379"],
      ["not a url hunter2@x", "not a url hunter2@x"],
    ]
  ) assert.equal(redactRedisUrl(url), shown);
});

Deno.test("redis errors: one line, classified", () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED 1.2.3.4:1"), {
    code: "ECONNREFUSED",
  });
  assert.equal(
    redisErrorLine(refused, "1.2.3.4:1"),
    "Cannot connect to Redis at 1.2.3.4:1: ECONNREFUSED",
  );
  assert.ok(isAuthError(new Error("WRONGPASS invalid username-password pair")));
  assert.ok(isAuthError(new Error("NOAUTH Authentication required.")));
  assert.ok(!isAuthError(refused));
  const gaveUp = new Error(
    'Reached the max retries per request limit (which is 2). Refer to "maxRetriesPerRequest" option for details.',
  );
  assert.ok(isConnectionDown(gaveUp));
});

Deno.test({
  name: "RedisQueue with Redis down: the post rejects with one line",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = l.addr as Deno.NetAddr;
  l.close();
  const queue = RedisQueue.create(`redis://u:hunter2@127.0.0.1:${port}`, {
    maxRetriesPerRequest: 0,
  });
  try {
    await assert.rejects(
      queue.post({ layers: [] }, { timeoutMs: 5000 }),
      (e: Error) => {
        assert.equal(
          e.message,
          `Cannot connect to Redis at 127.0.0.1:${port}: ECONNREFUSED`,
        );
        return true;
      },
    );
  } finally {
    await queue.close();
  }
});

Deno.test({
  name:
    "reconnectWhenEnded: a sentinel connection ioredis ends while making it (a failover announced meanwhile) is made again; one its owner closed is not",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const master = await startTestRedis();
  const dir = await Deno.makeTempDir({ prefix: "qsl_reconnect_" });
  const sentinel = await spawnOwned(async (port) => {
    const conf = join(dir, `sentinel-${port}.conf`);
    await Deno.writeTextFile(
      conf,
      `port ${port}\nbind 127.0.0.1\ndir ${dir}\nsentinel monitor mymaster 127.0.0.1 ${master.port} 1\n`,
    );
    return new Deno.Command("redis-sentinel", {
      args: [conf],
      stdout: "null",
      stderr: "null",
    }).spawn();
  }, { name: "redis-sentinel", waitMs: 30_000 });
  const url = `redis+sentinel://127.0.0.1:${sentinel.port}/mymaster`;
  const clients: Redis[] = [];
  // what ioredis's failover detector does when the sentinels announce a new
  // master: disconnects the sentinel connector. Done here at the moment that
  // ends the client (its connection being made again), not left to chance.
  const endWhileConnecting = (client: Redis) => {
    const connector = (client as unknown as {
      connector: { disconnect(): void };
    }).connector;
    client.once("connecting", () => connector.disconnect());
    client.disconnect(true);
  };
  const ended = (client: Redis) =>
    new Promise<void>((resolve) => client.once("end", () => resolve()));
  // ready, or a rejection after 30 s (a client ended for good never is)
  const ready = (client: Redis) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    return Promise.race([
      new Promise<void>((resolve) => client.once("ready", () => resolve())),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`not ready after 30 s: ${client.status}`)),
          30_000,
        );
      }),
    ]).finally(() => clearTimeout(timer));
  };
  try {
    let closed = false;
    const client = new Redis(redisOptions(url));
    client.on("error", () => {});
    clients.push(client);
    reconnectWhenEnded(client, () => closed);
    await ready(client);
    const end = ended(client);
    endWhileConnecting(client);
    // before: "Connection is closed." for every command from here on
    await end;
    await ready(client);
    assert.equal(await client.ping(), "PONG");
    // closed by its owner: stays closed
    closed = true;
    await client.quit();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(client.status, "end");
  } finally {
    for (const c of clients) c.disconnect();
    sentinel.child.kill("SIGTERM");
    await sentinel.child.status;
    await master.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
