/**
 * Helpers of the worker's end-to-end tests: job envelopes, a client that
 * posts the way the Python client does (push, late `queued`, late
 * subscribe), and test runners doing real work.
 *
 * @module
 */
import { Redis } from "ioredis";
import {
  JobField,
  jobKey,
  JOBS_KEY,
  JobStatus,
  notificationChannel,
  statusTimestampField,
} from "../interface/protocol.ts";
import type {
  QslJobInfoLegend,
  QslJobInfoRender,
} from "../interface/job/input.ts";
import type { Runner } from "../worker/runners/types.ts";
import type { RunnerRegistry } from "../worker/runners/registry.ts";

/** Sleeps `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `check` every 25 ms until it is true or `timeoutMs` passes. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(25);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** A legend envelope; the test runner below sleeps `delayMs` (carried as `width`). */
export function legendJob(
  id: string,
  names: string[],
  delayMs = 0,
): QslJobInfoLegend {
  return {
    id,
    type: "QslJobInfoLegend",
    job: {
      layers: names.map((name) => ({
        id: name,
        name,
        source: JSON.stringify({ path: `${name}.gpkg`, password: "s3cr3t" }),
        remote: false,
        folder_name: "data",
        driver: "ogr",
        style: null,
        filter: null,
      })),
      format: "application/json",
      width: delayMs > 0 ? delayMs : null,
      height: null,
      dpi: 91,
      scale: null,
      layer_title: false,
    },
  };
}

/** Ids of the jobs the test runners ran, in order (per process). */
export const ranJobs: string[] = [];

/**
 * Test runners: legend echoes the layer names (after waiting `width` ms),
 * render answers bytes [layer count, width & 255, height & 255] as
 * `image/x-test`. Runner errors come from a layer named `throw`; a layer
 * named `spin` hangs the thread for ever (the watchdog's tests).
 */
export function testRunners(): RunnerRegistry {
  const legend: Runner<QslJobInfoLegend> = async (info) => {
    ranJobs.push(info.id);
    const names = info.job.layers.map((l) => l.name);
    // a call into WebAssembly that never returns (GDAL on a hostile input):
    // synchronous, so neither the job clock nor anything else runs again
    if (names.includes("spin")) { for (;;) { /* the watchdog's case */ } }
    if (info.job.width) await sleep(info.job.width);
    if (names.includes("throw")) throw new RangeError("the runner broke");
    return {
      data: { id: info.id, layers: names, count: names.length },
      contentType: "application/json",
    };
  };
  const render: Runner<QslJobInfoRender> = (info) => {
    ranJobs.push(info.id);
    const { layers, width, height } = info.job;
    return Promise.resolve({
      data: new Uint8Array([layers.length, width & 255, height & 255]),
      contentType: "image/x-test",
    });
  };
  return { QslJobInfoLegend: legend, QslJobInfoRender: render };
}

/** What {@link submit} got back. */
export interface Submitted {
  /** The published payload. */
  payload: Uint8Array;
  /** `job:{id}` right after the result arrived. */
  hash: Record<string, string>;
}

/**
 * Posts a raw envelope (any text) under `id` and waits for its result.
 * `pythonOrder` mimics the Python client: info and RPUSH, then `queued`
 * after `lateMs`, then subscribe after another `lateMs`.
 */
export async function submit(
  url: string,
  id: string,
  info: string,
  options: { pythonOrder?: boolean; lateMs?: number; timeoutMs?: number } = {},
): Promise<Submitted> {
  const client = new Redis(url);
  const sub = new Redis(url);
  const channel = notificationChannel(id);
  const key = jobKey(id);
  try {
    let resolve!: (b: Uint8Array) => void;
    const got = new Promise<Uint8Array>((r) => resolve = r);
    sub.on("messageBuffer", (ch: Uint8Array, msg: Uint8Array) => {
      if (new TextDecoder().decode(ch) === channel) {
        resolve(new Uint8Array(msg));
      }
    });
    const queued = () => {
      const ts = new Date().toISOString();
      return client.hset(key, {
        [JobField.status]: JobStatus.queued,
        [statusTimestampField(JobStatus.queued)]: ts,
        [JobField.lastUpdate]: ts,
        [JobField.duration]: "0",
      });
    };
    if (!options.pythonOrder) await sub.subscribe(channel);
    await client.multi()
      .hset(key, {
        [JobField.info]: info,
        [JobField.infoType]: "QslJobInfoLegend",
      })
      .rpush(JOBS_KEY, id)
      .exec();
    if (options.pythonOrder) {
      await sleep(options.lateMs ?? 0);
      await queued();
      await sleep(options.lateMs ?? 0);
      await sub.subscribe(channel);
    }
    const timeoutMs = options.timeoutMs ?? 15_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const payload = await Promise.race([
      got,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no result for job ${id} in ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    const hash = await client.hgetall(key);
    return { payload, hash };
  } finally {
    sub.disconnect();
    client.disconnect();
  }
}
