/**
 * The `ogr` provider: vector files through GDAL (GeoPackage, Shapefile,
 * GeoJSON, FlatGeobuf, …, zipped or not), below the data root or fetched
 * from an allowed host (`remote: true`).
 *
 * Source keys (QGIS's decoded `ogr` URI): `path` (relative to
 * `<data root>/<folder_name>`, or a URL when `remote`), `layerName` or
 * `layerId`, `subset` (the layer's filter, in OGR SQL or the driver's SQL),
 * `vsiPrefix`/`vsiSuffix` (an archive and its member).
 *
 * Pushed down: the extent as GDAL's spatial filter (spatial indexes used),
 * the subset and the part of the job's filter OGR SQL says exactly as QGIS
 * evaluates it (comparisons, IN, BETWEEN, IS NULL, AND/OR/NOT over those)
 * as one `WHERE`; the rest comes back as the residual. Pages are ordered
 * by FID. Local GeoPackage tables without a subset or a pushed-down filter
 * are read straight from SQLite (`node:sqlite`, read-only) where that is
 * exactly what GDAL gives (`_gpkg.ts`).
 *
 * Permissions: `--allow-read` on the data root; `--allow-net` on the hosts
 * of remote files.
 *
 * @module
 */
import { type Expression, splitForPushdown } from "../../expression/mod.ts";
import { filterBBox } from "../../filter/mod.ts";
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
import { hitTestByExtent } from "../hit_test.ts";
import { pageWithResidual } from "../paging.ts";
import { readVectorPage, streamVectorLayer } from "./read.ts";

/** `urn:ogc:def:crs:EPSG::2056`, `http://www.opengis.net/def/crs/EPSG/0/2056` → `EPSG:2056`. */
function normaliseSrs(srs: string): string {
  const m = /EPSG(?::{1,2}|\/0\/)(\d+)$/i.exec(srs) ?? /#(\d+)$/.exec(srs);
  return m ? `EPSG:${m[1]}` : srs;
}

function split(filter: Expression | null | undefined): {
  where?: string;
  residual: Expression | null;
} {
  return filter ? splitForPushdown(filter) : { residual: null };
}

/** A vector file read through GDAL. */
class OgrSource implements VectorSource {
  readonly kind = "vector" as const;
  readonly provider = "ogr";
  readonly #layer: SourceLayer;
  readonly #ctx: SourceContext;

  constructor(layer: SourceLayer, ctx: SourceContext) {
    this.#layer = layer;
    this.#ctx = ctx;
  }

  async features(query: FeatureQuery): Promise<FeatureSet> {
    const { where, residual } = split(query.filter);
    const data = await streamVectorLayer(this.#layer, {
      bbox: query.bbox,
      crs: query.crs,
      where,
      fields: query.columns,
      transient: query.transient,
    }, this.#ctx);
    return {
      fields: data.fields,
      geometryKind: data.geometryKind,
      residual,
      batches: data.batches,
      ...(data.sourceCrs === undefined ? {} : { sourceCrs: data.sourceCrs }),
    };
  }

  hitTest(query: HitQuery): Promise<FeatureSet> {
    return hitTestByExtent((q) => this.features(q), query);
  }

  async page(query: PageQuery): Promise<FeaturePage> {
    const { where, residual } = split(query.filter);
    const box = query.filter ? filterBBox(query.filter) : null;
    const base = {
      where,
      bbox: box?.rect,
      bboxCrs: box?.srs ? normaliseSrs(box.srs) : undefined,
      crs: query.crs,
      orderByFid: true as const,
    };
    if (!residual) {
      return await readVectorPage(this.#layer, {
        ...base,
        startIndex: query.startIndex,
        count: query.count,
      }, this.#ctx);
    }
    // What OGR SQL cannot say is tested here, on every candidate GDAL returns.
    return await pageWithResidual(
      () =>
        readVectorPage(
          this.#layer,
          { ...base, startIndex: 0, count: null },
          this.#ctx,
        ),
      residual,
      query.startIndex,
      query.count,
    );
  }
}

/**
 * The `ogr` provider.
 *
 * @example
 * ```ts ignore
 * import { ogrProvider } from "./provider.ts";
 * const source = ogrProvider.open(layer, ctx);
 * ```
 */
export const ogrProvider: SourceProvider = {
  key: "ogr",
  kind: "vector",
  open: (layer, ctx) => new OgrSource(layer, ctx),
};
