/**
 * Opening a layer's file with GDAL, shared by the providers that read
 * through GDAL (`ogr`, `gdal`, later `spatialite`, `delimitedtext`, `gpx`):
 * the source resolved below the data root (or fetched from an allowed
 * host) outside the engine's lock, then opened — or taken from the
 * engine's dataset cache — inside it.
 *
 * @module
 */
import { type Gdal, vsiPath } from "../gdal/gdal.ts";
import {
  datasetCache,
  mountRoot,
  type OpenDataset,
} from "../gdal/dataset_cache.ts";
import {
  type LayerRef,
  type LayerSource,
  type ResolvedSource,
  resolveLayerSource,
  type SourceContext,
} from "./file_source.ts";
import { type Fetched, fetchRemote, storeRemote } from "./remote.ts";
import { typedGeoJsonCopy } from "./geojson_types.ts";

/** A layer source resolved (and, if remote, fetched), ready to open. */
export interface PreparedSource {
  /** The resolved source. */
  resolved: ResolvedSource;
  /** The fetched bytes of a remote source not stored yet, else null. */
  fetched: Fetched | null;
}

/**
 * Path of a resolved local source inside GDAL's virtual file system (the
 * data root mounted once).
 *
 * @example
 * ```ts ignore
 * gdalPathOf(gdal, resolved); // "/vsizip//qsl/root0/data/roads.zip/roads.shp"
 * ```
 */
export function gdalPathOf(gdal: Gdal, resolved: ResolvedSource): string {
  const point = mountRoot(gdal, resolved.root);
  const prefix = resolved.source.vsiPrefix ?? "";
  const suffix = resolved.source.vsiSuffix ?? "";
  const inside = resolved.relativePath === ""
    ? ""
    : `/${resolved.relativePath}`;
  return vsiPath(prefix, `${point}${inside}`, suffix);
}

/**
 * Resolves a layer's source below the data root (or fetches it from an
 * allowed host). Runs outside `withGdal`: file system checks and network
 * time do not hold GDAL.
 *
 * @example
 * ```ts ignore
 * const prepared = await prepareSource(layer, ctx);
 * const ds = await withGdal((gdal) => openPrepared(gdal, layer, prepared, "raster"));
 * ```
 */
export async function prepareSource(
  layer: LayerRef,
  ctx: SourceContext,
): Promise<PreparedSource> {
  const resolved = await resolveLayerSource(layer, ctx);
  const fetched = resolved.remote
    ? await fetchRemote(layer, resolved, ctx.remoteHosts)
    : null;
  return { resolved, fetched };
}

/**
 * Opens (or takes from the engine's dataset cache) the dataset of a
 * prepared source. Call inside `withGdal`, and use the dataset only there.
 *
 * @example
 * ```ts ignore
 * const ds = await withGdal((gdal) => openPrepared(gdal, layer, prepared, "vector"));
 * ```
 */
export function openPrepared(
  gdal: Gdal,
  layer: LayerRef,
  prepared: PreparedSource,
  kind: "vector" | "raster",
): OpenDataset {
  const { resolved, fetched } = prepared;
  if (resolved.remote) {
    const { gdalPath, version } = storeRemote(gdal, resolved, fetched);
    return datasetCache.open(
      gdal,
      layer,
      kind,
      gdalPath,
      version,
      openOptions(kind, resolved.source, gdalPath),
    );
  }
  const path = gdalPathOf(gdal, resolved);
  const ds = datasetCache.open(
    gdal,
    layer,
    kind,
    path,
    resolved.version,
    openOptions(kind, resolved.source, path),
  );
  // a GeoJSON whose features lack "type": QGIS's GDAL reads them, ours
  // answers an empty layer (geojson_types.ts)
  if (
    kind === "vector" && /\.(geo)?json$/i.test(path) &&
    !resolved.source.vsiPrefix && !resolved.source.vsiSuffix &&
    emptyLayers(gdal, ds)
  ) {
    const typed = typedGeoJsonCopy(gdal, path, resolved.version);
    if (typed) {
      return datasetCache.open(gdal, layer, kind, typed, resolved.version);
    }
  }
  return ds;
}

// every layer of the dataset without features (GDAL counting)
function emptyLayers(gdal: Gdal, ds: OpenDataset): boolean {
  const M = gdal.Module;
  const n: number = M._GDALDatasetGetLayerCount(ds.pointer);
  for (let i = 0; i < n; i++) {
    const h = M._GDALDatasetGetLayer(ds.pointer, i);
    if (Number(M._OGR_L_GetFeatureCount(h, 1)) !== 0) return false;
  }
  return n > 0;
}

/**
 * GDAL open options of a source: a Shapefile's declared encoding as the
 * driver's `ENCODING` (GDAL then reads the table's text in it, whatever its
 * `.cpg` or LDID say, as QGIS 3.22 reads a Shapefile in the encoding its
 * project declares; bytes that are not text of that encoding come out as
 * U+FFFD, as QGIS shows them). Other drivers do not know the option.
 */
function openOptions(
  kind: "vector" | "raster",
  source: LayerSource,
  gdalPath: string,
): string[] {
  if (kind !== "vector" || source.encoding === undefined) return [];
  return /\.(shp|dbf)$/i.test(gdalPath) ? [`ENCODING=${source.encoding}`] : [];
}
