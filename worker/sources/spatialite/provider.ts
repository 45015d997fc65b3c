/**
 * The `spatialite` provider: a SpatiaLite (or plain SQLite) database file
 * below the data root, read through GDAL's SQLite driver with the `ogr`
 * reader — the extent as GDAL's spatial filter (the SpatiaLite spatial
 * index used), the subset and the pushable part of the job's filter as one
 * `WHERE` in SQLite's SQL, pages ordered by the row id.
 *
 * Source keys: see `uri.ts`. Permissions: `--allow-read` on the data root.
 *
 * @module
 */
import { ogrProvider } from "../ogr/mod.ts";
import type {
  FeaturePage,
  FeatureQuery,
  FeatureSet,
  HitQuery,
  PageQuery,
  SourceContext,
  SourceLayer,
  SourceProvider,
  VectorSource,
} from "../source.ts";
import { asOgrLayer } from "./uri.ts";

/**
 * A vector source read by another (file) provider under a provider key of
 * its own.
 *
 * @example
 * ```ts ignore
 * new DelegatingSource("gpx", () => ogrProvider.open(layer, ctx) as VectorSource);
 * ```
 */
export class DelegatingSource implements VectorSource {
  readonly kind = "vector" as const;
  readonly provider: string;
  readonly #open: () => VectorSource;
  #inner: VectorSource | null = null;

  /**
   * Answers as `provider`, reading with the source `open` makes on first
   * use (opening reads nothing; a bad source fails the read).
   */
  constructor(provider: string, open: () => VectorSource) {
    this.provider = provider;
    this.#open = open;
  }

  #source(): VectorSource {
    return this.#inner ??= this.#open();
  }

  /** Features for a map extent. */
  async features(query: FeatureQuery): Promise<FeatureSet> {
    return await this.#source().features(query);
  }

  /** Features around a point. */
  async hitTest(query: HitQuery): Promise<FeatureSet> {
    return await this.#source().hitTest(query);
  }

  /** A page of features. */
  async page(query: PageQuery): Promise<FeaturePage> {
    return await this.#source().page(query);
  }
}

/**
 * Opens a layer with the `ogr` provider after translating its source.
 *
 * @example
 * ```ts ignore
 * const source = openThroughOgr("gpx", layer, ctx, asGpxLayer);
 * ```
 */
export function openThroughOgr(
  key: string,
  layer: SourceLayer,
  ctx: SourceContext,
  translate: (layer: SourceLayer) => SourceLayer,
): VectorSource {
  return new DelegatingSource(
    key,
    () => ogrProvider.open(translate(layer), ctx) as VectorSource,
  );
}

/**
 * The `spatialite` provider.
 *
 * @example
 * ```ts ignore
 * import { spatialiteProvider } from "./provider.ts";
 * const source = spatialiteProvider.open(layer, ctx);
 * ```
 */
export const spatialiteProvider: SourceProvider = {
  key: "spatialite",
  kind: "vector",
  open: (layer, ctx) => openThroughOgr("spatialite", layer, ctx, asOgrLayer),
};
