/**
 * Opened GDAL datasets kept across jobs.
 *
 * Opening a GeoPackage costs tens of milliseconds (SQLite, the CRS tables),
 * so datasets stay open between jobs in a bounded LRU keyed by the layer id
 * and the resolved source (real path, archive member, file size and mtime:
 * a replaced file is opened anew). Evicted datasets are closed, which frees
 * their WebAssembly memory. Nothing job-specific lives here: filters,
 * subsets and extents are passed to each read, never set on a dataset.
 *
 * The data root is mounted once into gdal3.js's virtual file system at
 * `/qsl/root<n>` (Node's file system, so Deno's `--allow-read` applies);
 * GDAL sees nothing of the host outside it.
 *
 * Every method must run inside {@link withGdal}. Resolving a job layer's
 * source to a GDAL path is the sources' work (`worker/sources/`).
 *
 * @module
 */
import type { Gdal } from "./gdal.ts";
import { onGdalReset, takeGdalMessages } from "./gdal.ts";
import { LruCache } from "../cache/lru.ts";
import { withCString, withCStringList } from "./apps.ts";
import { oversizedBlocks, shortTextGrid } from "./raster_blocks.ts";
import { JobError } from "../runners/types.ts";
import type { Rect } from "../geometry/types.ts";

/** `GDALOpenEx` flags. */
const GDAL_OF_RASTER = 0x02;
const GDAL_OF_VECTOR = 0x04;
const GDAL_OF_VERBOSE_ERROR = 0x40;

/** What a vector layer is, read once per cached dataset (`ogrinfo -so`). */
export interface LayerInfo {
  /** Layer name inside the dataset. */
  name: string;
  /** Fields with OGR type names (`String`, `Integer`, `Integer64`, `Real`, `Date`, `DateTime`, `Time`, `Boolean`, `Binary`, …). */
  fields: { name: string; type: string }[];
  /** OGR geometry type name (e.g. `Point`, `Multi Polygon`), or null without geometry. */
  geometryType: string | null;
  /** Layer CRS as `AUTH:CODE`, or null when unknown / without code. */
  crs: string | null;
  /** Layer CRS as `AUTH:CODE`, else as WKT; null when the layer has none. */
  crsDefinition: string | null;
  /** Name of the FID column (e.g. `fid` for GeoPackage), or null. */
  fidColumn: string | null;
  /** Feature count (no filter), or -1 when the driver cannot tell cheaply. */
  featureCount: number;
  /** Extent in the layer CRS, when the driver knows it. */
  extent: Rect | null;
  /** Name of the geometry column (e.g. `geom`), when the driver has one. */
  geometryColumn: string | null;
  /** GDAL driver short name (e.g. `GPKG`). */
  driver: string;
  /**
   * For a layer with fields of one name (a DBF's truncated names): each
   * renamed field's name (QGIS's, `name_1`…) → its column in GDAL's SQLite
   * dialect (`name2`…), which reads such a layer.
   */
  columns?: Map<string, string>;
}

/** An open dataset, in the shape gdal3.js's utilities take. */
export interface OpenDataset {
  /** `GDALDatasetH`. */
  pointer: number;
  /** A short name gdal3.js uses for its output files. */
  path: string;
  /** Path GDAL opened (inside its virtual file system). */
  gdalPath: string;
  /**
   * What was opened, without whom for: the kind, path, file version and
   * open options (the cache's key without the layer id). Datasets of two
   * layers on one file version share it, so what is read from one serves
   * the other (the raster windows of a DEM drawn as hillshade and as
   * colours).
   */
  source?: string;
  /** Layer names, in dataset order (vector datasets). */
  layerNames: string[];
  /** Per-layer metadata, filled on first use. */
  layers: Map<string, LayerInfo>;
}

/** Counters for the bench and tests. */
export interface CacheStats {
  /** Datasets opened. */
  opened: number;
  /** Datasets closed (evicted or cleared). */
  closed: number;
  /** Lookups answered from the cache. */
  hits: number;
}

/** Who a dataset is opened for: the cache key and the name in errors. */
export interface DatasetOwner {
  /** Layer id (part of the cache key). */
  id: string;
  /** Layer name, used in error messages. */
  name: string;
}

const mounts = new Map<string, string>();

/**
 * Mounts a real host folder (a data root) into GDAL's virtual file system,
 * once, and returns its mount point (`/qsl/root<n>`). Call inside
 * `withGdal`.
 *
 * @example
 * ```ts ignore
 * const point = mountRoot(gdal, "/srv/data"); // "/qsl/root0"
 * ```
 */
export function mountRoot(gdal: Gdal, realRoot: string): string {
  let point = mounts.get(realRoot);
  if (point !== undefined) return point;
  const FS = gdal.Module.FS;
  point = `/qsl/root${mounts.size}`;
  try {
    FS.mkdir("/qsl");
  } catch { /* exists */ }
  FS.mkdir(point);
  FS.mount(gdal.Module.NODEFS, { root: realRoot }, point);
  mounts.set(realRoot, point);
  return point;
}

/** A bounded cache of open datasets. */
export class DatasetCache {
  #lru: LruCache<string, OpenDataset>;
  #gdal: Gdal | undefined;
  /** Counters. */
  readonly stats: CacheStats = { opened: 0, closed: 0, hits: 0 };

  /**
   * Creates a cache holding at most `capacity` open datasets.
   *
   * @example
   * ```ts
   * import { DatasetCache } from "./dataset_cache.ts";
   * const cache = new DatasetCache(16);
   * ```
   */
  constructor(capacity = 32) {
    this.#lru = new LruCache(capacity, (_key, ds) => {
      this.#gdal?.Module._GDALClose(ds.pointer);
      this.stats.closed++;
    });
  }

  /** Number of open datasets. */
  get size(): number {
    return this.#lru.size;
  }

  /**
   * Returns the open dataset at a GDAL path for a layer, opening it (and
   * evicting the least recently used one) when needed; `version` changes
   * when the file does. Call inside `withGdal`.
   *
   * @example
   * ```ts ignore
   * const ds = await withGdal((gdal) =>
   *   cache.open(gdal, layer, "vector", "/qsl/root0/data/demo.gpkg", "1234:5678")
   * );
   * ```
   */
  open(
    gdal: Gdal,
    layer: DatasetOwner,
    kind: "vector" | "raster",
    gdalPath: string,
    version = "",
    openOptions: string[] = [],
  ): OpenDataset {
    this.#gdal = gdal;
    const source = [kind, gdalPath, version, ...openOptions].join("\n");
    const key = `${layer.id}\n${source}`;
    const cached = this.#lru.get(key);
    if (cached) {
      this.stats.hits++;
      return cached;
    }
    const M = gdal.Module;
    M._CPLErrorReset();
    takeGdalMessages();
    const flags = (kind === "vector" ? GDAL_OF_VECTOR : GDAL_OF_RASTER) |
      GDAL_OF_VERBOSE_ERROR;
    const pointer: number = withCString(
      gdal,
      gdalPath,
      (path) =>
        withCStringList(
          gdal,
          openOptions,
          (options) => M._GDALOpenEx(path, flags, 0, options, 0),
        ),
    );
    if (!pointer) {
      const detail = gdalError(gdal) ?? "GDAL could not open the file";
      throw new JobError(`Cannot open layer '${layer.name}': ${detail}`);
    }
    if (kind === "raster") {
      const oversized = oversizedBlocks(gdal, pointer) ??
        shortTextGrid(gdal, pointer, gdalPath);
      if (oversized !== null) {
        M._GDALClose(pointer);
        throw new JobError(`Cannot open layer '${layer.name}': ${oversized}`);
      }
    }
    const layerNames: string[] = [];
    if (kind === "vector") {
      const n = M._GDALDatasetGetLayerCount(pointer);
      for (let i = 0; i < n; i++) {
        const h = M._GDALDatasetGetLayer(pointer, i);
        layerNames.push(M.UTF8ToString(M._OGR_L_GetName(h)));
      }
    }
    const ds: OpenDataset = {
      pointer,
      path: `qsl${this.stats.opened}`,
      gdalPath,
      source,
      layerNames,
      layers: new Map(),
    };
    this.stats.opened++;
    this.#lru.set(key, ds);
    return ds;
  }

  /**
   * Closes a dataset a read failed on and forgets it: a driver may keep the
   * state the failure left (GDAL's GPX reader, stopped by an element too
   * large, then answered the layer empty, without an error), so the next
   * job opens the file afresh and meets the same error. Call inside
   * `withGdal`.
   *
   * @example
   * ```ts ignore
   * datasetCache.forget(ds);
   * ```
   */
  forget(ds: OpenDataset): void {
    for (const key of this.#lru.keys()) {
      if (this.#lru.peek(key) === ds) this.#lru.delete(key);
    }
  }

  /**
   * Forgets every dataset without closing it: their GDAL instance failed
   * and was discarded (see `onGdalReset`).
   */
  abandon(): void {
    this.#gdal = undefined;
    this.#lru.clear();
  }

  /** Closes every dataset. Call inside `withGdal`. */
  clear(): void {
    this.#lru.clear();
  }
}

/**
 * The last GDAL error (message text without GDAL's prefix), or null; resets
 * GDAL's error state.
 *
 * @example
 * ```ts ignore
 * const detail = gdalError(gdal) ?? "unknown error";
 * ```
 */
export function gdalError(gdal: Gdal): string | null {
  const M = gdal.Module;
  // The first error is the cause; gdal3.js's wrappers add follow-up errors
  // (e.g. "Pointer 'hDS' is NULL") after it.
  const lines = takeGdalMessages()
    .filter((l) => /^ERROR \d+:/.test(l))
    .map((l) => l.replace(/^ERROR \d+: /, ""));
  let message: string | null = lines[0] ?? null;
  if (message === null && M._CPLGetLastErrorNo() !== 0) {
    message = M.UTF8ToString(M._CPLGetLastErrorMsg()).trim() || null;
  }
  M._CPLErrorReset();
  // Name files as the job does (relative to the data root), not by GDAL's
  // virtual mount point.
  // (the data root itself, a job's path "." or "data/..", reads as ".")
  return message?.replace(
    /\/qsl\/root\d+(\/|(?![\w/]))/g,
    (_, slash) => slash ? "" : ".",
  ) ?? null;
}

/** The process-wide dataset cache. */
export const datasetCache: DatasetCache = new DatasetCache(32);

// a failed GDAL instance took its datasets and mounts with it
onGdalReset(() => {
  datasetCache.abandon();
  mounts.clear();
});
