/**
 * Remote sources (`remote: true`): gdal3.js has no network file system
 * (`/vsicurl/`), so the file is fetched here — only from hosts on the
 * worker's allow-list, redirects included — and written into GDAL's
 * in-memory file system. Fetched files are kept for a while (bounded) so
 * that a map's tiles do not fetch the same file again and again.
 *
 * @module
 */
import { type Gdal, onGdalReset } from "../gdal/gdal.ts";
import { LruCache } from "../cache/lru.ts";
import type { LayerRef, ResolvedSource } from "./file_source.ts";
import { JobError } from "../runners/types.ts";

/** Largest remote file fetched, in bytes. */
export const MAX_REMOTE_BYTES = 256 * 1024 * 1024;
/** Seconds a fetched file is used before it is fetched again. */
export const REMOTE_TTL_SECONDS = 300;
const MAX_REDIRECTS = 5;
const TIMEOUT_MS = 30_000;

/** A remote file fetched and not yet handed to GDAL. */
export interface Fetched {
  /** The source URL (as the job gave it). */
  url: string;
  /** The file's bytes. */
  bytes: Uint8Array;
  /** When it was fetched (ms since the epoch). */
  fetchedAt: number;
  /** A number unique to this fetch. */
  serial: number;
}

interface Stored {
  path: string;
  serial: number;
  fetchedAt: number;
}

let serial = 0;
let gdalRef: Gdal | undefined;
const stored = new LruCache<string, Stored>(8, (_url, s) => {
  // GDAL keeps an open dataset's file readable after the unlink.
  try {
    gdalRef?.Module.FS.unlink(s.path);
    gdalRef?.Module.FS.rmdir(s.path.slice(0, s.path.lastIndexOf("/")));
  } catch { /* gone */ }
});

// the files were in a failed GDAL instance's memory: fetched again
onGdalReset(() => {
  gdalRef = undefined;
  stored.clear();
});

function fail(layer: LayerRef, detail: string, cause?: unknown): JobError {
  return new JobError(
    `Cannot open layer '${layer.name}': ${detail}`,
    cause === undefined ? undefined : { cause },
  );
}

function allowed(url: URL, hosts: string[]): boolean {
  const list = hosts.map((h) => h.toLowerCase());
  return (url.protocol === "https:" || url.protocol === "http:") &&
    (list.includes(url.host.toLowerCase()) ||
      list.includes(url.hostname.toLowerCase()));
}

async function readCapped(
  layer: LayerRef,
  response: Response,
  max: number,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? "NaN");
  if (declared > max) {
    await response.body?.cancel();
    throw fail(layer, `the remote file is larger than ${max} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.length;
    if (size > max) {
      throw fail(layer, `the remote file is larger than ${max} bytes`);
    }
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Fetches a remote source unless a fresh copy is stored; every redirect
 * must stay on the allow-list. Runs outside `withGdal` (network time must
 * not hold GDAL).
 *
 * @example
 * ```ts ignore
 * const fetched = await fetchRemote(layer, resolved, ["data.example.org"]);
 * ```
 */
export async function fetchRemote(
  layer: LayerRef,
  resolved: ResolvedSource,
  hosts: string[],
  max: number = MAX_REMOTE_BYTES,
): Promise<Fetched | null> {
  const have = stored.get(resolved.location);
  if (have && Date.now() - have.fetchedAt < REMOTE_TTL_SECONDS * 1000) {
    return null;
  }
  let url = new URL(resolved.location);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!allowed(url, hosts)) {
      throw fail(
        layer,
        `remote host '${url.host}' is not on the worker's allow-list`,
      );
    }
    let response: Response;
    try {
      response = await fetch(url, {
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw fail(
        layer,
        `cannot fetch ${url.origin}${url.pathname}: ${
          (error as Error).message
        }`,
        error,
      );
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get("location");
      if (!location) throw fail(layer, "a remote redirect without a location");
      url = new URL(location, url);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw fail(
        layer,
        `fetching ${url.origin}${url.pathname} answered HTTP ${response.status}`,
      );
    }
    const bytes = await readCapped(layer, response, max);
    return {
      url: resolved.location,
      bytes,
      fetchedAt: Date.now(),
      serial: ++serial,
    };
  }
  throw fail(layer, "too many remote redirects");
}

/**
 * Writes a fetched file into GDAL's memory file system (or finds the stored
 * one) and returns the path GDAL opens, with the source's `/vsi…` prefix and
 * archive member. Call inside `withGdal`.
 *
 * @example
 * ```ts ignore
 * const { gdalPath, version } = storeRemote(gdal, resolved, fetched);
 * ```
 */
export function storeRemote(
  gdal: Gdal,
  resolved: ResolvedSource,
  fetched: Fetched | null,
): { gdalPath: string; version: string } {
  gdalRef = gdal;
  let entry = stored.get(resolved.location);
  // A prepared source may be opened more than once (a render opens it to
  // plan its batches, then to read them): its bytes are stored once.
  if (fetched !== null && entry?.serial !== fetched.serial) {
    const FS = gdal.Module.FS;
    for (const dir of ["/qsl", "/qsl/remote"]) {
      try {
        FS.mkdir(dir);
      } catch { /* exists */ }
    }
    const base = new URL(resolved.location).pathname.split("/").pop() ||
      "remote";
    const safe = base.replace(/[^A-Za-z0-9._-]/g, "_");
    const dir = `/qsl/remote/${fetched.serial}`;
    FS.mkdir(dir);
    const path = `${dir}/${safe}`;
    FS.writeFile(path, fetched.bytes);
    entry = { path, serial: fetched.serial, fetchedAt: fetched.fetchedAt };
    stored.set(resolved.location, entry);
  }
  if (!entry) {
    throw new JobError(`Cannot open remote source: it was not fetched`);
  }
  const prefix = resolved.source.vsiPrefix ??
    (/\.zip$/i.test(entry.path) ? "/vsizip/" : "");
  const suffix = resolved.source.vsiSuffix ?? "";
  return {
    gdalPath: `${prefix}${entry.path}${suffix}`,
    version: `remote:${entry.serial}`,
  };
}
