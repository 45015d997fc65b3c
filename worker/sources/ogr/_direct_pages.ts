/**
 * A small GeoPackage layer's features as the direct path pages them (FID
 * order, no box, not reprojected), kept per table (one file version) and
 * field list, bounded by an estimate of their bytes.
 *
 * A page without a box is `LIMIT/OFFSET` over FID order, so it is a cut of
 * the whole ordered read: the same features, values and WKB. Reading the
 * page's rows from SQLite and making its objects was most of what a small
 * feature job cost in the worker (`placenames_features`: 93 rows, ~0.2 ms
 * of CPU and a fifth of what the job allocates, i.e. of its scavenges).
 * As the GDAL path keeps a small layer's whole read (`_layer_cache.ts`),
 * this path keeps its features. Pages hand the kept objects out: callers
 * only read them.
 *
 * @module
 */
import { registerHeld } from "../../cache/held.ts";
import type { PageFeature } from "../source.ts";
import type { GpkgTable } from "./_gpkg.ts";

/** Layers with more features than this are paged from SQLite each time. */
export const DIRECT_PAGE_FEATURES = 2_000;
/** Features estimated larger than this are not kept. */
const MAX_ENTRY_BYTES = 1 << 20;
/** All kept features, estimated bytes. */
const MAX_BYTES = 4 << 20;
/** Most layers (and refusals) kept. */
const MAX_ENTRIES = 64;

/** Counters for tests and the bench. */
export const directPageStats: { reads: number; hits: number } = {
  reads: 0,
  hits: 0,
};

interface Entry {
  features: PageFeature[] | null;
  bytes: number;
}

const serials = new WeakMap<GpkgTable, number>();
let nextSerial = 0;
const entries = new Map<string, Entry>();
let bytes = 0;
registerHeld("ogr.direct_pages", () => bytes);

function key(table: GpkgTable, fields: string): string {
  let serial = serials.get(table);
  if (serial === undefined) {
    serial = nextSerial++;
    serials.set(table, serial);
  }
  return `${serial}\n${fields}`;
}

/** Bytes the features take, roughly: objects, values, WKB. */
function estimate(features: PageFeature[]): number {
  let n = 0;
  for (const f of features) {
    n += 160 + (f.wkb?.length ?? 0);
    for (const name in f.attributes) {
      const v = f.attributes[name];
      n += 32 + (typeof v === "string" ? 2 * v.length : 0) +
        (v instanceof Uint8Array ? v.length + 96 : 0);
    }
  }
  return n;
}

/**
 * A table's whole features for a field list (any text naming the fields
 * and dimensions read): kept ones, or those `read` gives, kept if small
 * enough. Null when the layer is too large to keep (page it from SQLite).
 *
 * @example
 * ```ts ignore
 * const all = directWholePage(table, "name\npop", () => readAll());
 * const page = all?.slice(start, start + count);
 * ```
 */
export function directWholePage(
  table: GpkgTable,
  fields: string,
  read: () => PageFeature[],
): PageFeature[] | null {
  const k = key(table, fields);
  const kept = entries.get(k);
  if (kept !== undefined) {
    entries.delete(k);
    entries.set(k, kept);
    if (kept.features !== null) directPageStats.hits++;
    return kept.features;
  }
  directPageStats.reads++;
  const features = compact(read());
  const size = estimate(features);
  const entry = size <= MAX_ENTRY_BYTES
    ? { features, bytes: size }
    : { features: null, bytes: 0 };
  entries.set(k, entry);
  bytes += entry.bytes;
  for (const [oldest, e] of entries) {
    if (bytes <= MAX_BYTES && entries.size <= MAX_ENTRIES) break;
    entries.delete(oldest);
    bytes -= e.bytes;
  }
  return features;
}

/** The features with their WKB copied into one buffer of their size. */
function compact(features: PageFeature[]): PageFeature[] {
  let size = 0;
  for (const f of features) size += f.wkb?.length ?? 0;
  const buf = new Uint8Array(size);
  let at = 0;
  return features.map((f) => {
    if (f.wkb === null) return f;
    buf.set(f.wkb, at);
    const wkb = buf.subarray(at, at += f.wkb.length);
    return { id: f.id, attributes: f.attributes, wkb };
  });
}

/**
 * Forgets every kept layer (tests).
 *
 * @example
 * ```ts
 * import { clearDirectPages } from "./_direct_pages.ts";
 * clearDirectPages();
 * ```
 */
export function clearDirectPages(): void {
  entries.clear();
  bytes = 0;
}
