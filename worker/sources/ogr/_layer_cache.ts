/**
 * GDAL's whole read of a small GeoJSON layer, kept per open dataset (one
 * file version) and statement, bounded by bytes.
 *
 * `ogr2ogr` costs ~1.5–3 ms a call however small the layer (the SQL layer,
 * the FlatGeobuf writer, the in-memory file system), which was half of a
 * map with three 2 KB GeoJSON layers. GeoJSON layers are held in memory by
 * GDAL and read in FID order with or without a spatial filter, and the
 * filter only drops features (`OGRLayer::FilterGeometry`). So the layer's
 * FlatGeobuf output without a spatial filter is kept, and a map's view is
 * filtered from it as GDAL filters (`read.ts`): the same features, in the
 * same order, with the same values.
 *
 * @module
 */
import type { OpenDataset } from "../../gdal/dataset_cache.ts";
import { registerHeld } from "../../cache/held.ts";

/** Layers with more features than this are read through `ogr2ogr -spat`. */
export const WHOLE_LAYER_FEATURES = 10_000;
/** A whole read larger than this is not kept. */
export const WHOLE_LAYER_MAX_ENTRY = 2 << 20;
/** All whole reads kept, in bytes. */
export const WHOLE_LAYER_MAX_BYTES = 16 << 20;
/** Most reads (and refusals) kept. */
const MAX_ENTRIES = 256;

/**
 * What is kept for a layer and statement: GDAL's FlatGeobuf bytes, or null
 * when the layer's geometries are not ones the spatial filter is exact for
 * (or the read was too large to keep): those go through GDAL.
 */
export type WholeLayer = Uint8Array | null;

/** Counters for tests and the bench. */
export const wholeLayerStats: {
  reads: number;
  hits: number;
  refused: number;
} = { reads: 0, hits: 0, refused: 0 };

const serials = new WeakMap<OpenDataset, number>();
let nextSerial = 0;
const entries = new Map<string, WholeLayer>();
let bytes = 0;
registerHeld("ogr.whole_layers", () => bytes);

function key(ds: OpenDataset, statement: string): string {
  let serial = serials.get(ds);
  if (serial === undefined) {
    serial = nextSerial++;
    serials.set(ds, serial);
  }
  return `${serial}\n${statement}`;
}

/**
 * The kept read of a statement on a dataset (most recently used first
 * after this), or undefined when nothing is kept.
 *
 * @example
 * ```ts ignore
 * const kept = getWholeLayer(ds, `SELECT FID AS "qsl_fid", * FROM "places"`);
 * if (kept === undefined) setWholeLayer(ds, statement, read());
 * ```
 */
export function getWholeLayer(
  ds: OpenDataset,
  statement: string,
): WholeLayer | undefined {
  const k = key(ds, statement);
  const entry = entries.get(k);
  if (entry === undefined) return undefined;
  entries.delete(k);
  entries.set(k, entry);
  wholeLayerStats.hits++;
  return entry;
}

/**
 * Keeps a whole read (a copy of its bytes; null: this layer goes through
 * GDAL), dropping the least recently used beyond the bounds.
 *
 * @example
 * ```ts ignore
 * setWholeLayer(ds, statement, exact ? bytes : null);
 * ```
 */
export function setWholeLayer(
  ds: OpenDataset,
  statement: string,
  read: WholeLayer,
): void {
  const k = key(ds, statement);
  const old = entries.get(k);
  if (old) bytes -= old.length;
  entries.delete(k);
  const kept = read !== null && read.length <= WHOLE_LAYER_MAX_ENTRY
    ? read.slice()
    : null;
  if (kept === null) wholeLayerStats.refused++;
  entries.set(k, kept);
  if (kept) bytes += kept.length;
  for (const [oldest, entry] of entries) {
    if (bytes <= WHOLE_LAYER_MAX_BYTES && entries.size <= MAX_ENTRIES) break;
    entries.delete(oldest);
    if (entry) bytes -= entry.length;
  }
}

/**
 * Forgets every kept read (tests).
 *
 * @example
 * ```ts
 * import { clearWholeLayers } from "./_layer_cache.ts";
 * clearWholeLayers();
 * ```
 */
export function clearWholeLayers(): void {
  entries.clear();
  bytes = 0;
}
