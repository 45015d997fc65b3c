/**
 * `RedisQueue`: posts a job and waits for its result, speaking the Python
 * project's Redis protocol (see `protocol.ts`).
 *
 * Unlike the Python client it writes the job hash and the `queued` status
 * and subscribes to the result channel *before* it pushes the job id, so a
 * fast worker can neither publish into the void nor have its final status
 * overwritten by a late `queued`; and it always deletes `job:{id}`.
 *
 * The ids it makes share their first half (a random prefix per queue), so
 * one pattern subscription (`PSUBSCRIBE notifications:<prefix>*`, made at
 * the first post) hears every result: a post costs two round trips on the
 * command connection (hash and push; final status and removal) and none on
 * the subscriber's — one to a qgis-server-light-deno worker once it is known
 * (its status comes with its result; the removal's reply is not awaited).
 * The channels, keys and fields are the Python project's:
 * its workers answer these jobs unchanged. A caller's own id is subscribed
 * to, and unsubscribed from, by itself; so is every id when Redis refuses
 * the pattern (an ACL user whose channel rule is `&notifications:*` may
 * PSUBSCRIBE that pattern only).
 *
 * @module
 */
import type {
  QslJobInfo,
  QslJobInfoType,
  QslJobParameterFeature,
  QslJobParameterFeatureInfo,
  QslJobParameterFeatureInfoInput,
  QslJobParameterFeatureInput,
  QslJobParameterLegend,
  QslJobParameterLegendInput,
  QslJobParameterRender,
  QslJobParameterRenderInput,
} from "./job/input.ts";
import { QslJobInfo as QslJobInfoSchema } from "./job/input.ts";
import { parseJobInfo } from "./parse.ts";
import { upstreamKeysOnly } from "./upstream_keys.ts";
import type { JobResult } from "./job/output.ts";
import {
  DENO_WORKER_NAME,
  JobField,
  jobKey,
  JOBS_KEY,
  JobStatus,
  notificationChannel,
  statusTimestampField,
  WorkerField,
  workerKey,
} from "./protocol.ts";
import { decodeResult } from "./result_codec.ts";
import {
  type EndingClient,
  isAuthError,
  isConnectionDown,
  reconnectWhenEnded,
  type RedisConnectOptions,
  redisErrorLine,
  redisOptions,
  redisTarget,
} from "./redis_connect.ts";

// ioredis by a dynamic import, and our own types at the public edge: `deno
// doc` follows static imports (type-only ones too) into ioredis's .d.ts
// files, whose `/// <reference types="node" />` it cannot resolve (13
// warnings; with npm:@types/node installed it fails on that package's own
// `/// <reference path>` lines instead, 65). `deno check` still types this
// import, and checks that ioredis's client is a {@link RedisQueueClient}.
const { Redis } = await import("ioredis");

/**
 * The Redis client {@link RedisQueue} wraps: the commands and events it
 * uses. An ioredis `Redis` is one (what {@link RedisQueue.create} makes).
 *
 * @example
 * ```ts ignore
 * import { Redis } from "ioredis";
 * import { RedisQueue } from "@qgis-server-light/interface";
 * // a client made with options of one's own
 * const queue = new RedisQueue(new Redis({ host: "cache", connectTimeout: 2000 }));
 * ```
 */
export interface RedisQueueClient {
  /** Where it connects (names the server in errors). */
  readonly options: { host?: string; port?: number };
  /** A connection error (the client reconnects). */
  on(event: "error", listener: (error: Error) => void): unknown;
  /** The connection is ready. */
  on(event: "ready", listener: () => void): unknown;
  /** A message on a subscribed channel, as bytes. */
  on(
    event: "messageBuffer",
    listener: (channel: Uint8Array, message: Uint8Array) => void,
  ): unknown;
  /** A message on a channel a subscribed pattern matches, as bytes. */
  on(
    event: "pmessageBuffer",
    listener: (
      pattern: Uint8Array,
      channel: Uint8Array,
      message: Uint8Array,
    ) => void,
  ): unknown;
  /** A new connection with the same options (for subscribing). */
  duplicate(): RedisQueueClient;
  /** Subscribes to a channel. */
  subscribe(channel: string): Promise<unknown>;
  /** Unsubscribes from a channel. */
  unsubscribe(channel: string): Promise<unknown>;
  /** Subscribes to the channels a glob-style pattern matches. */
  psubscribe(pattern: string): Promise<unknown>;
  /**
   * The connection's socket, when the client has one: the commands sent
   * between its `cork()` and `uncork()` leave in one write, as a
   * pipeline's do, without a pipeline's bookkeeping (≈ 20 µs of CPU per
   * round trip with ioredis).
   */
  readonly stream?: { cork(): void; uncork(): void };
  /** Sets a hash's fields. */
  hset(key: string, fields: Record<string, string>): Promise<unknown>;
  /** Appends to a list. */
  rpush(key: string, value: string): Promise<unknown>;
  /** Reads a hash's field. */
  hget(key: string, field: string): Promise<string | null>;
  /** Removes `value` from a list (`count` 0: every occurrence). */
  lrem(key: string, count: number, value: string): Promise<number>;
  /** Deletes a key. */
  del(key: string): Promise<number>;
  /** Closes the connection after the pending replies. */
  quit(): Promise<unknown>;
  /** Closes the connection now. */
  disconnect(): void;
}

const channelName = new TextDecoder();

/** Any job's parameters. */
export type JobParameter =
  | QslJobParameterRender
  | QslJobParameterFeature
  | QslJobParameterFeatureInfo
  | QslJobParameterLegend;

/** Any job's parameters as `parse` accepts them (defaults optional). */
export type JobParameterInput =
  | QslJobParameterRenderInput
  | QslJobParameterFeatureInput
  | QslJobParameterFeatureInfoInput
  | QslJobParameterLegendInput;

/** Options of {@link RedisQueue.post}. */
export interface PostOptions {
  /** How long to wait for the result; default 10,000 ms (the Python default). */
  timeoutMs?: number;
  /** The envelope type; inferred from the parameters' shape when absent. */
  type?: QslJobInfoType;
  /**
   * The job id; when absent a random UUID whose first half is this queue's
   * own (see {@link RedisQueue}).
   */
  id?: string;
}

/** Options of {@link RedisQueue.create}. */
export interface RedisQueueOptions extends RedisConnectOptions {
  /** How often a command is retried while the connection is down; default 3. */
  maxRetriesPerRequest?: number;
}

/** What {@link RedisQueue.post} returns. */
export interface PostResult {
  /** The worker's result. */
  result: JobResult;
  /** The job's final status (`succeed` or `failed`). */
  status: string;
}

/** No result arrived within the timeout; the job was withdrawn. */
export class JobTimeoutError extends Error {
  /** The job's id. */
  readonly jobId: string;
  /** The timeout that elapsed, in ms. */
  readonly timeoutMs: number;
  /** Creates the error. */
  constructor(jobId: string, timeoutMs: number) {
    super(
      `Cannot get the result of job ${jobId}: no result within ${timeoutMs} ms`,
    );
    this.name = "JobTimeoutError";
    this.jobId = jobId;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Infers the envelope type from a job's parameters.
 *
 * @example
 * ```ts
 * import { inferJobType } from "./redis_queue.ts";
 * inferJobType({ queries: [], start_index: 0, count: null }); // "QslJobInfoFeature"
 * ```
 */
export function inferJobType(
  params: JobParameter | JobParameterInput,
): QslJobInfoType {
  if ("queries" in params) return "QslJobInfoFeature";
  if ("INFO_FORMAT" in params) return "QslJobInfoFeatureInfo";
  if ("bbox" in params && "crs" in params) return "QslJobInfoRender";
  return "QslJobInfoLegend";
}

function now(): string {
  return new Date().toISOString();
}

// The content type of a failed job's result (the Python client's, too).
const ERROR_CONTENT_TYPE = "application/text";

// How many workers' kinds a queue remembers (see #statusInResult).
const KNOWN_WORKERS = 1024;

/**
 * Whether a worker's registration (`worker:{id}`'s `info`, JSON) names a
 * qgis-server-light-deno worker: `qgis_info.version_name` starts with
 * {@link DENO_WORKER_NAME} and a space.
 */
function isDenoWorkerInfo(info: string | null | undefined): boolean {
  if (!info) return false;
  try {
    const name = JSON.parse(info)?.qgis_info?.version_name;
    return typeof name === "string" && name.startsWith(`${DENO_WORKER_NAME} `);
  } catch {
    return false;
  }
}

/**
 * A client posting jobs to qgis-server-light workers through Redis.
 *
 * @example
 * ```ts ignore
 * import { RedisQueue } from "./redis_queue.ts";
 * const queue = RedisQueue.create("redis://localhost:6379");
 * const { result, status } = await queue.post({
 *   layers: [], bbox: "2600000,1200000,2601000,1201000", crs: "EPSG:2056",
 *   width: 256, height: 256,
 * }, { timeoutMs: 5000 });
 * await queue.close();
 * ```
 */
export class RedisQueue {
  readonly #client: RedisQueueClient;
  // One subscriber connection for all posts, made at the first post: a new
  // connection per post cost ≈ 1.4 ms of a 2.4 ms round trip.
  #subscriber: RedisQueueClient | undefined;
  // The first 19 characters of the UUIDs this queue gives its jobs
  // (`xxxxxxxx-xxxx-4xxx-`, 60 random bits): one pattern subscription for
  // all of them instead of a SUBSCRIBE and an UNSUBSCRIBE per job.
  readonly #idPrefix = crypto.randomUUID().slice(0, 19);
  // true: subscribed; false: Redis refused the pattern (an ACL user whose
  // channel rules name `notifications:*` may SUBSCRIBE to any job's channel
  // but PSUBSCRIBE only to that very pattern), so each post subscribes.
  #patternSubscribed: Promise<boolean> | undefined;
  readonly #waiting = new Map<string, (payload: Uint8Array) => void>();
  // What each waiting post does when the subscriber connection came back:
  // a result published while it was down never arrives.
  readonly #rechecks = new Set<() => void>();

  // Per worker id that answered: true when it is a qgis-server-light-deno
  // worker (its registration says so), whose final status is set in the
  // same step as its result is published and is `failed` exactly when the
  // result is an error text, so the post needs no round trip to read it;
  // false for any other worker. Looked up (in the round trip that reads the
  // status) the first time a worker answers; at most KNOWN_WORKERS kept.
  readonly #statusInResult = new Map<string, boolean>();

  readonly #label: string;
  #lastError: Error | undefined;
  #closed = false;

  /**
   * Wraps a client, e.g. an ioredis `Redis` (it is used for commands; a
   * duplicate subscribes). `label` names the server in errors (default its
   * host:port).
   */
  constructor(client: RedisQueueClient, label?: string) {
    this.#client = client;
    this.#label = label ??
      `${client.options.host ?? "localhost"}:${client.options.port ?? 6379}`;
    this.#watch(client);
  }

  // Keeps connection errors for the one-line message a failed post throws
  // (and keeps ioredis from printing them with a stack).
  // A client that can connect again (ioredis) is connected again when
  // ioredis ends it by itself (reconnectWhenEnded: a sentinels' failover
  // announced while it reconnected).
  #watch(client: RedisQueueClient): void {
    client.on("error", (e: Error) => this.#lastError = e);
    client.on("ready", () => this.#lastError = undefined);
    const ending = client as unknown as Partial<EndingClient>;
    if (typeof ending.connect === "function") {
      reconnectWhenEnded(ending as EndingClient, () => this.#closed);
    }
  }

  /** One line naming the server and the cause, for a failed command. */
  #explain(error: unknown): unknown {
    const cause = this.#lastError ?? error;
    if (isConnectionDown(error) || isAuthError(error) || this.#lastError) {
      return new Error(redisErrorLine(cause, this.#label), { cause });
    }
    return error;
  }

  #subscriberConnection(): RedisQueueClient {
    if (this.#subscriber) return this.#subscriber;
    const subscriber = this.#client.duplicate();
    this.#watch(subscriber);
    let readies = 0;
    subscriber.on("ready", () => {
      if (readies++ > 0) { for (const recheck of this.#rechecks) recheck(); }
    });
    subscriber.on("messageBuffer", (ch, payload) => {
      this.#waiting.get(channelName.decode(ch))?.(payload);
    });
    subscriber.on("pmessageBuffer", (_pattern, ch, payload) => {
      this.#waiting.get(channelName.decode(ch))?.(payload);
    });
    this.#subscriber = subscriber;
    return subscriber;
  }

  /**
   * Subscribes (once) to the result channels of every id this queue makes:
   * true when subscribed, false when Redis refused (posts then subscribe to
   * their own channels). A connection failure is tried again by the next
   * post.
   */
  #subscribeOwnIds(subscriber: RedisQueueClient): Promise<boolean> {
    this.#patternSubscribed ??= subscriber.psubscribe(
      notificationChannel(`${this.#idPrefix}*`),
    ).then(() => true, (error) => {
      if ((error as Error)?.name === "ReplyError") return false;
      this.#patternSubscribed = undefined;
      throw error;
    });
    return this.#patternSubscribed;
  }

  /**
   * Connects to the Redis at `url`: `redis://[user:password@]host:port[/db]`,
   * `rediss://…` (TLS; `tlsCaFile` names the CA's PEM file when it is not a
   * system one) or `redis+sentinel://[user:password@]host:26379,…/mastername[/db]`.
   * A bad URL throws a `TypeError`.
   *
   * @example
   * ```ts ignore
   * import { RedisQueue } from "./redis_queue.ts";
   * const queue = RedisQueue.create("rediss://app:s3cret@redis.example:6380/0", {
   *   tlsCaFile: "/etc/ssl/redis-ca.pem",
   * });
   * ```
   */
  static create(url: string, options: RedisQueueOptions = {}): RedisQueue {
    const target = redisTarget(url);
    return new RedisQueue(
      new Redis({
        ...redisOptions(url, options),
        lazyConnect: false,
        maxRetriesPerRequest: options.maxRetriesPerRequest ?? 3,
      }),
      target.label,
    );
  }

  /**
   * Posts a job and waits for its result. The parameters are parsed with the
   * job type's schema first (defaults filled, bad jobs rejected here, not by
   * the worker).
   *
   * @throws {WireFormatError} when the parameters do not fit the job type.
   */
  async post(
    params: JobParameter | JobParameterInput,
    options: PostOptions = {},
  ): Promise<PostResult> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const id = options.id ??
      this.#idPrefix + crypto.randomUUID().slice(19);
    // an id of the caller's own is not under this queue's pattern
    let viaPattern = false;
    const type = options.type ?? inferJobType(params);
    const info: QslJobInfo = parseJobInfo({ id, type, job: params });
    const key = jobKey(id);
    const channel = notificationChannel(id);
    const started = Date.now();
    const subscriber = this.#subscriberConnection();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let grace: ReturnType<typeof setTimeout> | undefined;
    let recheck: (() => void) | undefined;
    let deleted = false;
    try {
      const message = new Promise<Uint8Array | "lost">((resolve) => {
        this.#waiting.set(channel, resolve);
        // The subscription was down (Redis closes a subscriber whose output
        // buffer passes its pub/sub limit, e.g. for a result over 32 MiB):
        // a job that finished meanwhile will not be heard of. Its message
        // may still be on its way: it has a second to arrive.
        recheck = () => {
          this.#client.hget(key, JobField.status).then(
            (s) => {
              if (s === JobStatus.succeed || s === JobStatus.failed) {
                clearTimeout(grace);
                grace = setTimeout(() => resolve("lost"), 1000);
              }
            },
          ).catch(() => {});
        };
        this.#rechecks.add(recheck);
      });
      viaPattern = id.startsWith(this.#idPrefix) &&
        await this.#subscribeOwnIds(subscriber);
      if (!viaPattern) await subscriber.subscribe(channel);
      const ts = now();
      // No MULTI: the hash is written before the id is pushed on the same
      // connection, so no worker takes an id without its hash; MULTI and
      // EXEC were two more commands per post for Redis and for this client.
      // One write (corked), one round trip.
      const [written, pushed] = this.#corked(() => [
        this.#client.hset(key, {
          // the Python worker's xsdata parser refuses keys its dataclasses
          // do not declare: our additions at their defaults stay home
          [JobField.info]: JSON.stringify(
            upstreamKeysOnly(QslJobInfoSchema, info, { onlyDefaults: true }),
          ),
          [JobField.infoType]: type,
          [JobField.status]: JobStatus.queued,
          [statusTimestampField(JobStatus.queued)]: ts,
          [JobField.lastUpdate]: ts,
          [JobField.duration]: "0",
        }),
        this.#client.rpush(JOBS_KEY, id),
      ]);
      // both settle before either is thrown: no rejection left unhandled
      const refused = (await Promise.allSettled([written, pushed])).find((r) =>
        r.status === "rejected"
      );
      if (refused) throw (refused as PromiseRejectedResult).reason;
      const timeout = new Promise<null>((resolve) => {
        timer = setTimeout(
          () => resolve(null),
          Math.max(0, timeoutMs - (Date.now() - started)),
        );
      });
      const payload = await Promise.race([message, timeout]);
      if (payload === null) {
        // Withdraw the job so no worker renders for nobody.
        await this.#client.lrem(JOBS_KEY, 0, id);
        throw new JobTimeoutError(id, timeoutMs);
      }
      if (payload === "lost") {
        throw new Error(
          `Cannot get the result of job ${id}: it was published while Redis had closed this client's subscription (a result larger than Redis's client-output-buffer-limit for pub/sub closes it)`,
        );
      }
      // a view, not a copy: the decoder copies the bytes it keeps; a
      // payload that does not decode fails the post (the hash is deleted
      // in `finally`)
      const result = decodeResult(
        new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength),
      );
      const worker = result.worker_id;
      const known = worker ? this.#statusInResult.get(worker) : false;
      if (known) {
        // A qgis-server-light-deno worker set the final status in the very
        // step that published the result, failed exactly when the result
        // is an error text: no round trip to read it. The hash's removal
        // is sent now (ahead of this connection's next commands); its
        // reply is not awaited (the hash expires with its TTL anyway).
        this.#client.del(key).catch(() => {});
        deleted = true;
        return {
          result,
          status: result.content_type === ERROR_CONTENT_TYPE
            ? JobStatus.failed
            : JobStatus.succeed,
        };
      }
      // Any other worker (the Python one sets no status when a job fails,
      // and publishes after a separate write): the final status as the
      // hash holds it, and the hash's removal, in one round trip; with the
      // worker's registration the first time it answers.
      const [finalStatus, removed, registration] = this.#corked(() => [
        this.#client.hget(key, JobField.status),
        this.#client.del(key),
        worker && known === undefined
          // a user whose ACL does not let it read registrations gets
          // null: the status is read from the hash, as for any worker
          ? this.#client.hget(workerKey(worker), WorkerField.info)
            .catch(() => null)
          : undefined,
      ]);
      const [finalReply, , registered] = await Promise.all([
        finalStatus,
        removed,
        registration,
      ]);
      deleted = true;
      if (worker && known === undefined) {
        this.#rememberWorker(worker, registered as string | null);
      }
      const status = finalReply ??
        (result.content_type.startsWith(ERROR_CONTENT_TYPE)
          ? JobStatus.failed
          : "unknown");
      return { result, status };
    } catch (error) {
      throw error instanceof JobTimeoutError ? error : this.#explain(error);
    } finally {
      clearTimeout(timer);
      clearTimeout(grace);
      if (recheck) this.#rechecks.delete(recheck);
      this.#waiting.delete(channel);
      if (!viaPattern) subscriber.unsubscribe(channel).catch(() => {});
      if (!deleted) await this.#client.del(key).catch(() => {});
    }
  }

  #rememberWorker(worker: string, info: string | null | undefined): void {
    // not registered (its registration expired): not known to be ours
    if (this.#statusInResult.size >= KNOWN_WORKERS) {
      this.#statusInResult.delete(this.#statusInResult.keys().next().value!);
    }
    this.#statusInResult.set(worker, isDenoWorkerInfo(info));
  }

  /** Runs `send` with the command connection's socket corked. */
  #corked<T>(send: () => T): T {
    const stream = this.#client.stream;
    stream?.cork();
    try {
      return send();
    } finally {
      stream?.uncork();
    }
  }

  /** Closes the connections. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#subscriber?.disconnect();
    await this.#client.quit().catch(() => this.#client.disconnect());
  }
}
