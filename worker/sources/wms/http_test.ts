import { assert, assertEquals, assertRejects } from "./_assert.ts";
import { WebClient, WebFetchError } from "./http.ts";
import { freshUntil, HttpCache } from "./http_cache.ts";
import { startWebMapServer } from "../../../tests/web_map_server.ts";

async function withServer(
  fn: (s: Awaited<ReturnType<typeof startWebMapServer>>) => Promise<void>,
) {
  const server = await startWebMapServer();
  try {
    await fn(server);
  } finally {
    await server.close();
  }
}

const PNG = [0x89, 0x50, 0x4e, 0x47];

Deno.test("WebClient: fetches a tile from an allowed host", async () => {
  await withServer(async (s) => {
    const client = new WebClient({ allowedHosts: [s.host] });
    const a = await client.get(`${s.url}/xyz/3/4/2.png`);
    assertEquals(a.status, 200);
    assertEquals(a.contentType, "image/png");
    assertEquals([...a.bytes.subarray(0, 4)], PNG);
    assertEquals(a.fromCache, false);
    // the host name alone allows every port
    const byName = new WebClient({ allowedHosts: ["127.0.0.1"] });
    assertEquals((await byName.get(`${s.url}/xyz/0/0/0.png`)).status, 200);
  });
});

Deno.test("WebClient: hosts off the allow-list are never contacted, redirects included", async () => {
  await withServer(async (s) => {
    const client = new WebClient({ allowedHosts: [s.host] });
    const other = `http://localhost:${s.port}/xyz/0/0/0.png`;
    const e = await assertRejects(
      () => client.get(other),
      WebFetchError,
      `host 'localhost:${s.port}' is not on the worker's allow-list`,
    );
    assertEquals(e.reason, "not-allowed");
    assertEquals(s.requests.length, 0);
    const hop = `${s.url}/redirect-to?url=${encodeURIComponent(other)}`;
    await assertRejects(
      () => client.get(hop),
      WebFetchError,
      "(reached by a redirect)",
    );
    // the redirect itself was asked for, its target never
    assertEquals(s.requests.map((r) => r.url.split("?")[0]), ["/redirect-to"]);
  });
});

Deno.test("WebClient: redirects followed by hand, at most maxRedirects", async () => {
  await withServer(async (s) => {
    const client = new WebClient({ allowedHosts: [s.host], maxRedirects: 3 });
    const a = await client.get(`${s.url}/redirect/3/xyz/1/0/0.png`);
    assertEquals(a.status, 200);
    await assertRejects(
      () => client.get(`${s.url}/redirect/4/xyz/1/0/0.png`),
      WebFetchError,
      "more than 3 redirects",
    );
  });
});

Deno.test("WebClient: HTTP errors, oversized answers, timeouts and the job's deadline", async () => {
  await withServer(async (s) => {
    const client = new WebClient({
      allowedHosts: [s.host],
      requestTimeoutMs: 300,
      maxBytes: 100_000,
    });
    const e = await assertRejects(
      () => client.get(`${s.url}/fail/500/xyz/1/0/0.png?token=s3cr3t`),
      WebFetchError,
      "HTTP 500",
    );
    assertEquals(e.status, 500);
    assert(!e.message.includes("s3cr3t"), e.message);
    await assertRejects(
      () => client.get(`${s.url}/big/5000000`),
      WebFetchError,
      "larger than 100000 bytes",
    );
    const t0 = performance.now();
    const timeout = await assertRejects(
      () => client.get(`${s.url}/hang/x`),
      WebFetchError,
      "no answer within 300 ms",
    );
    assertEquals(timeout.reason, "timeout");
    assert(performance.now() - t0 < 15_000);
    const job = new AbortController();
    setTimeout(() => job.abort(), 100);
    const aborted = await assertRejects(
      () =>
        client.get(`${s.url}/hang/y`, {
          signal: job.signal,
          timeoutMs: 60_000,
        }),
      WebFetchError,
      "the job's time is up",
    );
    assertEquals(aborted.reason, "aborted");
  });
});

Deno.test("WebClient: at most perHost requests at once; waiting ends with the job", async () => {
  await withServer(async (s) => {
    const client = new WebClient({ allowedHosts: [s.host], perHost: 3 });
    const all = [];
    for (let x = 0; x < 8; x++) {
      all.push(client.get(`${s.url}/slow/60/xyz/3/${x}/1.png`));
    }
    await Promise.all(all);
    assertEquals(s.maxInFlight(), 3);
    s.reset();
    const job = new AbortController();
    const settle = (p: Promise<unknown>) => p.then(() => null, (e) => e);
    const hung = [0, 1, 2].map((i) =>
      settle(client.get(`${s.url}/hang/${i}`, { signal: job.signal }))
    );
    const queued = settle(
      client.get(`${s.url}/xyz/0/0/0.png`, { signal: job.signal }),
    );
    await new Promise((r) => setTimeout(r, 100));
    job.abort();
    for (const error of await Promise.all([...hung, queued])) {
      assert(error instanceof WebFetchError, String(error));
      assertEquals(error.reason, "aborted");
    }
    // the queued request never reached the server
    assertEquals(s.requests.filter((r) => r.url.startsWith("/xyz")).length, 0);
  });
});

Deno.test("WebClient: credentials and headers; no credentials to another origin", async () => {
  await withServer(async (s) => {
    const client = new WebClient({
      allowedHosts: [s.host, `localhost:${s.port}`],
    });
    await assertRejects(
      () => client.get(`${s.url}/auth/xyz/0/0/0.png`),
      WebFetchError,
      "HTTP 401",
    );
    const auth = {
      username: "user",
      password: "pw",
      headers: { Referer: "https://qsl.example/" },
    };
    assertEquals(
      (await client.get(`${s.url}/auth/referer/xyz/0/0/0.png`, { auth }))
        .status,
      200,
    );
    s.reset();
    const away = `http://localhost:${s.port}/xyz/1/1/1.png`;
    await client.get(
      `${s.url}/redirect-to?url=${encodeURIComponent(away)}`,
      { auth },
    );
    assertEquals(s.requests.length, 2);
    assertEquals(
      s.requests[0].headers.authorization,
      `Basic ${btoa("user:pw")}`,
    );
    assertEquals(s.requests[1].headers.authorization, undefined);
    assertEquals(s.requests[1].headers.referer, "https://qsl.example/");
  });
});

Deno.test("WebClient: the cache honours max-age, Expires and no-store; credentials keep answers apart", async () => {
  await withServer(async (s) => {
    const client = new WebClient({
      allowedHosts: [s.host],
      cache: new HttpCache(),
    });
    const fresh = `${s.url}/cache/60/xyz/2/1/1.png`;
    assertEquals((await client.get(fresh)).fromCache, false);
    assertEquals((await client.get(fresh)).fromCache, true);
    const expires = `${s.url}/expires/60/xyz/2/1/2.png`;
    await client.get(expires);
    assertEquals((await client.get(expires)).fromCache, true);
    const never = `${s.url}/nocache/xyz/2/1/3.png`;
    await client.get(never);
    assertEquals((await client.get(never)).fromCache, false);
    const stale = `${s.url}/cache/0/xyz/2/2/3.png`;
    await client.get(stale);
    assertEquals((await client.get(stale)).fromCache, false);
    // another user's credentials do not see the first one's answer
    const auth = { username: "user", password: "pw", headers: {} };
    await client.get(`${s.url}/auth/cache/60/xyz/0/0/0.png`, { auth });
    await assertRejects(
      () => client.get(`${s.url}/auth/cache/60/xyz/0/0/0.png`),
      WebFetchError,
      "HTTP 401",
    );
    const count = (p: string) => s.requests.filter((r) => r.url === p).length;
    assertEquals(count("/cache/60/xyz/2/1/1.png"), 1);
    assertEquals(count("/nocache/xyz/2/1/3.png"), 2);
    assertEquals(count("/cache/0/xyz/2/2/3.png"), 2);
  });
});

Deno.test("WebClient: identical requests in flight share one fetch", async () => {
  await withServer(async (s) => {
    const client = new WebClient({ allowedHosts: [s.host] });
    const url = `${s.url}/slow/50/xyz/4/3/5.png`;
    const [a, b] = await Promise.all([client.get(url), client.get(url)]);
    assertEquals(a.bytes, b.bytes);
    assertEquals(s.requests.length, 1);
  });
});

Deno.test("HttpCache: bounded memory; a folder survives a new cache", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cache = new HttpCache({
      maxMemoryBytes: 400,
      dir,
      maxDirBytes: 1000,
    });
    const entry = (n: number) => ({
      status: 200,
      contentType: "image/png",
      bytes: new Uint8Array(n).fill(7),
      expires: Date.now() + 60_000,
    });
    for (let i = 0; i < 6; i++) await cache.put(`k${i}`, entry(100));
    assert(cache.memoryBytes <= 400);
    assertEquals(cache.size, 4);
    const again = new HttpCache({ dir });
    assertEquals((await again.get("k5"))?.bytes.length, 100);
    let files = 0;
    let bytes = 0;
    for await (const e of Deno.readDir(dir)) {
      files++;
      bytes += (await Deno.stat(`${dir}/${e.name}`)).size;
    }
    assert(files > 0 && bytes <= 1600, `${files} files, ${bytes} bytes`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("freshUntil: Cache-Control before Expires; Age counted", () => {
  const at = (h: Record<string, string>) =>
    freshUntil(new Headers(h), 1_000_000, 100);
  assertEquals(at({}), 1_100_000);
  assertEquals(at({ "cache-control": "max-age=10" }), 1_010_000);
  assertEquals(at({ "cache-control": "max-age=10", age: "4" }), 1_006_000);
  assertEquals(at({ "cache-control": "no-cache" }), 0);
  assertEquals(at({ "cache-control": "private, no-store" }), null);
  assertEquals(
    at({
      expires: "Thu, 01 Jan 2026 00:01:00 GMT",
      date: "Thu, 01 Jan 2026 00:00:00 GMT",
    }),
    1_060_000,
  );
  assertEquals(at({ expires: "0" }), 0);
  assertEquals(
    at({ "cache-control": "max-age=5", expires: "0" }),
    1_005_000,
  );
});
