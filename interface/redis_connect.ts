/**
 * Redis connection settings shared by the worker and {@link RedisQueue}:
 * the URL forms production uses (TLS, ACL users, Sentinel) turned into
 * ioredis options, and connection errors turned into one line.
 *
 * URL forms:
 *
 * - `redis://[user:password@]host[:port][/db]` — plain TCP (port 6379);
 * - `rediss://[user:password@]host[:port][/db]` — TLS; a private CA's
 *   certificate is given as a file (`tlsCaFile`), since Deno's `DENO_CERT`
 *   does not reach the TLS connections ioredis opens;
 * - `redis+sentinel://[user:password@]host1:26379,host2:26379/mastername[/db]`
 *   — Redis Sentinel: the sentinels (port 26379 when absent) are asked for
 *   the master named `mastername`; user and password are the master's.
 *   `?sentinelPassword=…` (and `sentinelUsername`) when the sentinels
 *   require a password too.
 * - `rediss+sentinel://…` — the same over TLS, to the sentinels and to the
 *   master they name (one CA file for both).
 *
 * @module
 */
import { maskSecrets, REDACTED } from "./redact.ts";

/** Options of {@link redisOptions}. */
export interface RedisConnectOptions {
  /**
   * PEM file of the CA that signed the server's certificate (`rediss://`);
   * default: the system's trusted CAs.
   */
  tlsCaFile?: string;
}

/** One `host:port` a connection goes to. */
export interface RedisAddress {
  /** Host name or IP address. */
  host: string;
  /** Port. */
  port: number;
}

/**
 * The connection options a Redis URL gives, in ioredis's names (spread them
 * into `new Redis({ ... })`).
 *
 * @example
 * ```ts ignore
 * import { Redis } from "ioredis";
 * import { redisOptions } from "@qgis-server-light/interface";
 * const redis = new Redis({
 *   ...redisOptions("redis+sentinel://s1,s2/mymaster"),
 *   maxRetriesPerRequest: 1,
 * });
 * ```
 */
export interface RedisClientOptions {
  /** Server host (not with `sentinels`). */
  host?: string;
  /** Server port. */
  port?: number;
  /** ACL user. */
  username?: string;
  /** Password (of the ACL user, or the `requirepass` one). */
  password?: string;
  /** Database number. */
  db?: number;
  /** TLS, with the CA's PEM text when it is not a system one. */
  tls?: { ca?: string };
  /** The sentinels to ask for the master. */
  sentinels?: RedisAddress[];
  /** The Sentinel master name. */
  name?: string;
  /** The sentinels' ACL user. */
  sentinelUsername?: string;
  /** The sentinels' password. */
  sentinelPassword?: string;
  /** Reconnect as soon as the sentinels announce a new master. */
  failoverDetector?: boolean;
  /** TLS to the sentinels (`rediss+sentinel://`). */
  sentinelTLS?: { ca?: string };
  /** TLS to the master the sentinels name (`rediss+sentinel://`). */
  enableTLSForSentinelMode?: boolean;
}

/** What a Redis URL names. */
export interface RedisTarget {
  /** The addresses to connect to: the server, or the sentinels. */
  addresses: RedisAddress[];
  /** The Sentinel master name, when the URL is a `redis+sentinel://` one. */
  sentinelMaster?: string;
  /** Whether the connection uses TLS. */
  tls: boolean;
  /** How log lines and errors name it (no credentials). */
  label: string;
}

const SCHEMES = ["redis:", "rediss:", "redis+sentinel:", "rediss+sentinel:"];

function bad(url: string, detail: string): TypeError {
  return new TypeError(
    `Cannot use Redis URL '${redactRedisUrl(url)}': ${detail}`,
  );
}

/**
 * A Redis URL fit for a log line or a message: the user's password (all
 * of the user part when it has no `:`: some take it for the password) and
 * `…password=` values in the query become `**REDACTED**`. The user part
 * ends at the last `@` before the query, as URLs read it, whatever the
 * password holds (`@`, `/`, spaces), where {@link maskSecrets}'s general
 * `scheme://user:password@` stops at the first `@` or space.
 *
 * @example
 * ```ts
 * import { redactRedisUrl } from "./redis_connect.ts";
 * redactRedisUrl("redis://app:p@ss word@cache:6380/2");
 * // "redis://app:**REDACTED**@cache:6380/2"
 * redactRedisUrl("redis://t0ken@cache");
 * // "redis://**REDACTED**@cache"
 * ```
 */
export function redactRedisUrl(url: string): string {
  const sep = url.indexOf("://");
  if (sep === -1) return maskSecrets(url);
  const rest = url.slice(sep + 3);
  const q = rest.indexOf("?");
  const main = q === -1 ? rest : rest.slice(0, q);
  const query = q === -1 ? "" : maskSecrets(rest.slice(q));
  const at = main.lastIndexOf("@");
  if (at === -1) return url.slice(0, sep + 3) + main + query;
  const userinfo = main.slice(0, at);
  const colon = userinfo.indexOf(":");
  const user = colon === -1 ? "" : `${userinfo.slice(0, colon)}:`;
  return `${url.slice(0, sep + 3)}${user}${REDACTED}${main.slice(at)}${query}`;
}

/** decodeURIComponent, a usage error naming the part when it is not %XX-encoded. */
function decodePart(url: string, text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw bad(url, `its ${what} is not percent-encoded (%XX)`);
  }
}

function parseAddress(url: string, text: string, port: number): RedisAddress {
  const m = /^(\[[^\]]+\]|[^:\[\]]+)(?::(\d+))?$/.exec(text);
  if (!m) throw bad(url, `'${text}' is not host or host:port`);
  return {
    host: m[1].replace(/^\[|\]$/g, ""),
    port: m[2] === undefined ? port : Number(m[2]),
  };
}

function sentinelParts(url: string) {
  const rest = url.slice(url.indexOf("://") + 3);
  const q = rest.indexOf("?");
  const query = new URLSearchParams(q === -1 ? "" : rest.slice(q + 1));
  const main = q === -1 ? rest : rest.slice(0, q);
  const slash = main.indexOf("/");
  const authority = slash === -1 ? main : main.slice(0, slash);
  const path = slash === -1 ? [] : main.slice(slash + 1).split("/");
  const at = authority.lastIndexOf("@");
  const userinfo = at === -1 ? undefined : authority.slice(0, at);
  const hosts = authority.slice(at + 1).split(",").filter((h) => h !== "");
  if (hosts.length === 0) throw bad(url, "no sentinel address");
  const master = decodePart(url, path[0] ?? "", "master name");
  if (master === "") {
    throw bad(url, "no master name (redis+sentinel://host:26379/mymaster)");
  }
  const db = path[1];
  if (path.length > 2 || (db !== undefined && !/^\d+$/.test(db))) {
    throw bad(url, "the path is /mastername or /mastername/db");
  }
  let username: string | undefined;
  let password: string | undefined;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(":");
    username = decodePart(
      url,
      colon === -1 ? userinfo : userinfo.slice(0, colon),
      "user name",
    );
    password = colon === -1
      ? undefined
      : decodePart(url, userinfo.slice(colon + 1), "password");
  }
  return {
    addresses: hosts.map((h) => parseAddress(url, h, 26379)),
    master,
    db: db === undefined ? undefined : Number(db),
    username: username || undefined,
    password,
    sentinelUsername: query.get("sentinelUsername") ?? undefined,
    sentinelPassword: query.get("sentinelPassword") ?? undefined,
  };
}

/**
 * Reads what a Redis URL names; throws a `TypeError` for a URL that is none
 * of the forms above.
 *
 * @example
 * ```ts
 * import { redisTarget } from "./redis_connect.ts";
 * redisTarget("redis+sentinel://s1,s2:26380/mymaster").label;
 * // "sentinels s1:26379,s2:26380 (master mymaster)"
 * ```
 */
export function redisTarget(url: string): RedisTarget {
  const scheme = /^[a-z+]+:/i.exec(url)?.[0].toLowerCase();
  if (!scheme || !SCHEMES.includes(scheme)) {
    throw bad(
      url,
      "use redis://, rediss://, redis+sentinel:// or rediss+sentinel://",
    );
  }
  if (scheme.endsWith("+sentinel:")) {
    const s = sentinelParts(url);
    const list = s.addresses.map((a) => `${a.host}:${a.port}`).join(",");
    return {
      addresses: s.addresses,
      sentinelMaster: s.master,
      tls: scheme === "rediss+sentinel:",
      label: `sentinels ${list} (master ${s.master})`,
    };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw bad(url, "not a URL");
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, "") || "localhost";
  const port = Number(parsed.port || 6379);
  return {
    addresses: [{ host, port }],
    tls: scheme === "rediss:",
    label: `${host}:${port}`,
  };
}

/**
 * ioredis options for `url` (host, port, user, password, db, TLS, Sentinel),
 * to be merged with the caller's own (retries, names).
 *
 * @example
 * ```ts
 * import { redisOptions } from "./redis_connect.ts";
 * redisOptions("redis://app:s3cret@cache:6380/2");
 * // { host: "cache", port: 6380, username: "app", password: "s3cret", db: 2 }
 * ```
 */
export function redisOptions(
  url: string,
  options: RedisConnectOptions = {},
): RedisClientOptions {
  const target = redisTarget(url);
  const out: RedisClientOptions = {};
  if (target.sentinelMaster !== undefined) {
    const s = sentinelParts(url);
    out.sentinels = s.addresses;
    out.name = s.master;
    // follow a failover the moment the sentinels announce it: the old master
    // may live on (SENTINEL FAILOVER, a partition) and take writes that are
    // lost once it is made a replica, ~10 s later
    out.failoverDetector = true;
    if (s.db !== undefined) out.db = s.db;
    if (s.username !== undefined) out.username = s.username;
    if (s.password !== undefined) out.password = s.password;
    if (s.sentinelUsername) out.sentinelUsername = s.sentinelUsername;
    if (s.sentinelPassword) out.sentinelPassword = s.sentinelPassword;
  } else {
    const parsed = new URL(url);
    out.host = target.addresses[0].host;
    out.port = target.addresses[0].port;
    if (parsed.username) {
      out.username = decodePart(url, parsed.username, "user name");
    }
    if (parsed.password) {
      out.password = decodePart(url, parsed.password, "password");
    }
    const db = parsed.pathname.replace(/^\//, "");
    if (db !== "") {
      if (!/^\d+$/.test(db)) {
        throw bad(url, `the database '${db}' is no number`);
      }
      out.db = Number(db);
    }
  }
  if (options.tlsCaFile !== undefined && !target.tls) {
    throw bad(url, "a TLS CA file needs a rediss:// or rediss+sentinel:// URL");
  }
  if (target.tls) {
    let ca: string | undefined;
    if (options.tlsCaFile !== undefined) {
      try {
        ca = Deno.readTextFileSync(options.tlsCaFile);
      } catch (e) {
        const message =
          `Cannot read the Redis TLS CA file '${options.tlsCaFile}': ${
            (e as Error).message
          }`;
        throw e instanceof Deno.errors.NotCapable
          ? new Deno.errors.NotCapable(message)
          : new Error(message);
      }
    }
    out.tls = ca === undefined ? {} : { ca };
    if (target.sentinelMaster !== undefined) {
      out.sentinelTLS = out.tls;
      out.enableTLSForSentinelMode = true;
    }
  }
  return out;
}

// Node's TLS codes for an untrusted certificate get this hint.
const CERT_HINT = " (is the CA that signed it given as the TLS CA file?)";

/**
 * One line for a connection error: "Cannot connect to Redis at
 * host:port: ECONNREFUSED". Credentials are masked; ioredis's advice about
 * its own options is left out.
 *
 * @example
 * ```ts
 * import { redisErrorLine } from "./redis_connect.ts";
 * const e = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
 * redisErrorLine(e, "127.0.0.1:1"); // "Cannot connect to Redis at 127.0.0.1:1: ECONNREFUSED"
 * ```
 */
export function redisErrorLine(error: unknown, label: string): string {
  const e = error as Error & { code?: string };
  let detail: string;
  if (typeof e?.code === "string" && /^E[A-Z]+$/.test(e.code)) {
    detail = e.code;
  } else if (typeof e?.code === "string") {
    detail = `${e.code}: ${e.message}`;
    if (/CERT|SELF_SIGNED|ISSUER|VERIFY/.test(e.code)) detail += CERT_HINT;
  } else {
    detail = String(e?.message ?? error).split("\n")[0];
  }
  if (/All sentinels are unreachable/.test(detail)) {
    detail = "no sentinel answers";
  }
  return maskSecrets(`Cannot connect to Redis at ${label}: ${detail}`);
}

/**
 * Whether `error` means the credentials were refused (a wrong user or
 * password, or none given where one is needed): no retry mends it.
 *
 * @example
 * ```ts
 * import { isAuthError } from "./redis_connect.ts";
 * isAuthError(new Error("WRONGPASS invalid username-password pair")); // true
 * ```
 */
export function isAuthError(error: unknown): boolean {
  const message = String((error as Error)?.message ?? "");
  return /^(WRONGPASS|NOAUTH|NOPERM)\b/.test(message) ||
    /invalid (username-)?password|without any password configured/i.test(
      message,
    );
}

/**
 * Whether `error` is ioredis giving up on a command while the connection is
 * down (its own message, which names options, is not worth a log line).
 *
 * @example
 * ```ts
 * import { isConnectionDown } from "./redis_connect.ts";
 * isConnectionDown(new Error("Connection is closed.")); // true
 * ```
 */
export function isConnectionDown(error: unknown): boolean {
  const e = error as Error;
  return e?.name === "MaxRetriesPerRequestError" ||
    /^(Connection is closed|Reached the max retries|Stream isn't writeable)/
      .test(String(e?.message ?? ""));
}

/** What {@link reconnectWhenEnded} needs of a client (an ioredis `Redis`). */
export interface EndingClient {
  /** Listens for the connection's errors and its end. */
  on(event: "error" | "end", listener: (error?: Error) => void): unknown;
  /** Makes the connection again. */
  connect(): Promise<unknown>;
}

/**
 * Makes `client`'s connection again when ioredis ends it by itself on
 * "Connection is closed." while making it: on a `redis+sentinel://` URL,
 * ioredis's failover detector disconnects when the sentinels announce a new
 * master, and if the connection was being made again then (its master had
 * died), ioredis's sentinel connector throws that error and the client
 * ends for good, every later command failing with it (a master killed at
 * load 25: RedisQueue's client stayed dead in 3 runs of 16). Made again
 * after `delayMs`, unless `closing()` says its owner closed it.
 *
 * @example
 * ```ts ignore
 * import { Redis } from "ioredis";
 * import { reconnectWhenEnded, redisOptions } from "./redis_connect.ts";
 * let closed = false;
 * const client = new Redis(redisOptions("redis+sentinel://127.0.0.1:26379/mymaster"));
 * reconnectWhenEnded(client, () => closed);
 * ```
 */
export function reconnectWhenEnded(
  client: EndingClient,
  closing: () => boolean,
  delayMs = 100,
): void {
  let last: Error | undefined;
  client.on("error", (error) => last = error);
  client.on("end", () => {
    const closedWhileMade = last?.message === "Connection is closed.";
    last = undefined;
    if (!closedWhileMade || closing()) return;
    setTimeout(() => {
      if (!closing()) client.connect().catch(() => {});
    }, delayMs);
  });
}
