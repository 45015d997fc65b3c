/**
 * GEOS, the geometry engine QGIS evaluates its geometry functions with,
 * compiled to WebAssembly (`npm:geos-wasm`, GEOS 3.13; QGIS 3.22 links GEOS
 * 3.11). Loaded lazily: {@linkcode loadGeos} imports and instantiates it
 * (about 0.35 s and 30 MB resident) the first time a job's expressions name
 * a function that needs it; until then nothing of it is in the process.
 * The engine's wasm is in the package's JavaScript (a `data:` URL): it
 * reads no file and fetches nothing.
 *
 * Geometries cross as WKB (`encodeWkb`/`parseWkb`). Every call is bounded
 * before GEOS sees it ({@linkcode MAX_GEOS_VERTICES} in; the expression
 * functions bound a buffer's cost too), since this build of GEOS cannot be
 * interrupted and its heap, once grown, stays grown.
 *
 * @module
 */
import type { Geometry } from "../geometry/types.ts";
import { encodeWkb, parseWkb } from "../geometry/wkb.ts";

/**
 * Most vertices the geometries of one GEOS call may have together: an
 * intersection of two 100,000-vertex rings that cross took GEOS 6 s and
 * 133 MB of its heap (500,000: 145 s, 1.7 GB).
 */
export const MAX_GEOS_VERTICES = 100_000;

/** A GEOS call went over a bound of this module. */
export class GeosLimitError extends RangeError {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "GeosLimitError";
  }
}

/** GEOS failed (a TopologyException on invalid input, say): its message. */
export class GeosError extends Error {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "GeosError";
  }
}

// The part of geos-wasm's API this module calls (its non-reentrant
// wrappers over the one context it makes).
interface GeosModule {
  Module: {
    _malloc(size: number): number;
    _free(ptr: number): void;
    HEAPU8: Uint8Array;
    getValue(ptr: number, type: string): number;
    UTF8ToString(ptr: number): string;
    stringToUTF8(text: string, ptr: number, max: number): void;
  };
  GEOSversion(): string;
  GEOSFree(ptr: number): void;
  GEOSGeom_destroy(g: number): void;
  GEOSGeomFromWKB_buf(ptr: number, size: number): number;
  GEOSGeomToWKB_buf(g: number, sizePtr: number): number;
  GEOSGeomTypeId(g: number): number;
  GEOSGetNumGeometries(g: number): number;
  GEOSGetGeometryN(g: number, n: number): number;
  [name: string]: unknown;
}

let geos: GeosModule | undefined;
let loading: Promise<void> | undefined;
let lastError = "";

/**
 * Loads GEOS once per process; later calls resolve at once.
 *
 * @example
 * ```ts
 * import { geosVersion, loadGeos } from "./geos.ts";
 * await loadGeos();
 * geosVersion(); // "3.13.0-CAPI-1.19.0"
 * ```
 */
export function loadGeos(): Promise<void> {
  loading ??= (async () => {
    const { default: init } = await import("geos-wasm");
    const g = await init({
      errorHandler: (message: string) => {
        lastError = message;
      },
      noticeHandler: () => {},
    }) as unknown as GeosModule;
    geos = g;
  })().catch((e) => {
    loading = undefined;
    throw new Error(`Cannot load GEOS: ${(e as Error).message}`, {
      cause: e,
    });
  });
  return loading;
}

/**
 * Whether GEOS is loaded (the expression functions that need it are NULL
 * with a warning until it is).
 *
 * @example
 * ```ts
 * import { geosLoaded } from "./geos.ts";
 * typeof geosLoaded(); // "boolean"
 * ```
 */
export function geosLoaded(): boolean {
  return geos !== undefined;
}

/**
 * GEOS's version text, or undefined before it is loaded.
 *
 * @example
 * ```ts
 * import { geosVersion } from "./geos.ts";
 * geosVersion()?.startsWith("3.") ?? true; // true
 * ```
 */
export function geosVersion(): string | undefined {
  return geos?.GEOSversion();
}

/**
 * Vertices of a geometry (what a GEOS call is bounded by).
 *
 * @example
 * ```ts
 * import { vertexCount } from "./geos.ts";
 * vertexCount({ kind: "line", parts: [[new Float64Array([0, 0, 1, 1])]] }); // 2
 * ```
 */
export function vertexCount(g: Geometry): number {
  let n = 0;
  for (const part of g.parts) for (const ring of part) n += ring.length / 2;
  return n;
}

/**
 * Refuses geometries of more than {@link MAX_GEOS_VERTICES} vertices
 * together, for `what`.
 *
 * @throws {GeosLimitError} over the bound.
 * @example
 * ```ts
 * import { checkGeosInput } from "./geos.ts";
 * checkGeosInput("touches()", { kind: "point", parts: [[new Float64Array([1, 2])]] }); // 1
 * ```
 */
export function checkGeosInput(what: string, ...gs: Geometry[]): number {
  let n = 0;
  for (const g of gs) n += vertexCount(g);
  if (n > MAX_GEOS_VERTICES) {
    throw new GeosLimitError(
      `Cannot evaluate ${what}: its geometries have ${n} vertices (at most ${MAX_GEOS_VERTICES})`,
    );
  }
  return n;
}

/** One call into GEOS: its handles, freed after `body` whatever happens. */
export interface GeosScope {
  /** The loaded module (its `GEOS…` functions). */
  readonly api: GeosModule;
  /** A GEOS geometry of `g` (freed with the scope). */
  geometry(g: Geometry): number;
  /** Our geometry of a GEOS one (`null`: it has parts of several kinds). */
  read(handle: number): Geometry | null;
  /** Frees `handle` with the scope (a geometry GEOS returned; once). */
  own(handle: number): number;
  /** Throws GEOS's last error for `what` when `handle` is 0. */
  check(handle: number, what: string): number;
  /** A double GEOS writes (`GEOSHausdorffDistance`'s result). */
  double(call: (ptr: number) => number, what: string): number;
}

/**
 * Runs `body` with GEOS, freeing every handle it made.
 *
 * @throws {Error} when GEOS is not loaded.
 * @example
 * ```ts
 * import { loadGeos, withGeos } from "./geos.ts";
 * await loadGeos();
 * const line = { kind: "line" as const, parts: [[new Float64Array([0, 0, 4, 0])]] };
 * withGeos((s) => s.read(s.check(s.own(
 *   (s.api.GEOSBuffer as (g: number, d: number, q: number) => number)(s.geometry(line), 1, 2),
 * ), "buffer()")))?.kind; // "polygon"
 * ```
 */
export function withGeos<T>(body: (scope: GeosScope) => T): T {
  const api = geos;
  if (!api) throw new Error("Cannot use GEOS: it is not loaded");
  const M = api.Module;
  const handles = new Set<number>();
  const buffers: number[] = [];
  const scope: GeosScope = {
    api,
    geometry(g) {
      const wkb = encodeWkb(g);
      const ptr = M._malloc(wkb.length);
      buffers.push(ptr);
      M.HEAPU8.set(wkb, ptr);
      lastError = "";
      return scope.own(
        scope.check(api.GEOSGeomFromWKB_buf(ptr, wkb.length), "read WKB"),
      );
    },
    read(handle) {
      if (!mixedCollection(api, handle)) {
        const sizePtr = M._malloc(4);
        buffers.push(sizePtr);
        const buf = api.GEOSGeomToWKB_buf(handle, sizePtr);
        if (!buf) throw new GeosError(`Cannot write WKB: ${lastError}`);
        const size = M.getValue(sizePtr, "i32");
        const bytes = M.HEAPU8.slice(buf, buf + size);
        api.GEOSFree(buf);
        return parseWkb(bytes);
      }
      return null;
    },
    own(handle) {
      if (handle) handles.add(handle);
      return handle;
    },
    check(handle, what) {
      if (!handle) {
        throw new GeosError(
          `Cannot evaluate ${what}: GEOS: ${lastError || "no result"}`,
        );
      }
      return handle;
    },
    double(call, what) {
      const ptr = M._malloc(8);
      buffers.push(ptr);
      lastError = "";
      if (call(ptr) !== 1) {
        throw new GeosError(
          `Cannot evaluate ${what}: GEOS: ${lastError || "no result"}`,
        );
      }
      return M.getValue(ptr, "double");
    },
  };
  try {
    lastError = "";
    return body(scope);
  } finally {
    for (const h of handles) api.GEOSGeom_destroy(h);
    for (const b of buffers) M._free(b);
  }
}

/**
 * GEOS's last error message (after a call returned its failure value).
 *
 * @example
 * ```ts
 * import { geosLastError } from "./geos.ts";
 * typeof geosLastError(); // "string"
 * ```
 */
export function geosLastError(): string {
  return lastError;
}

// a GeometryCollection whose parts are not all of one dimension: the
// shared model holds one kind of part per geometry
function mixedCollection(api: GeosModule, handle: number): boolean {
  if (api.GEOSGeomTypeId(handle) !== 7) return false;
  const kinds = new Set<number>();
  const n = api.GEOSGetNumGeometries(handle);
  for (let i = 0; i < n; i++) {
    const t = api.GEOSGeomTypeId(api.GEOSGetGeometryN(handle, i));
    if (t === 7) return true;
    // Point/MultiPoint, LineString/LinearRing/MultiLineString, Polygon/MultiPolygon
    kinds.add(t === 0 || t === 4 ? 0 : t === 3 || t === 6 ? 2 : 1);
  }
  return kinds.size > 1;
}
