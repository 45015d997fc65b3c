/**
 * What a layer source offers the runners, whatever its provider.
 *
 * A job layer names its provider by QGIS's provider key (`layer.driver`:
 * `ogr`, `gdal`, later `postgres`, `spatialite`, `delimitedtext`, `gpx`,
 * `wms`) and carries QGIS's decoded provider URI as JSON (`layer.source`).
 * The registry (`registry.ts`) opens a {@link Source} for it; the render,
 * feature, feature info and legend runners use only this interface and
 * never know which provider answers.
 *
 * - A {@link VectorSource} reads features for a map extent (in the map CRS,
 *   with the layer's subset and the job's filter pushed down as far as the
 *   provider's dialect can say it — the filter arrives as a parsed
 *   expression; what the provider could not apply comes back as
 *   `residual`, for the caller to evaluate), delivered in batches so that a
 *   caller can draw large layers with bounded memory; a page of features in
 *   a stable order with the number matched (feature jobs); and a hit test
 *   around a point (feature info).
 * - A {@link RasterSource} describes its bands and reads a band's block for
 *   an extent, size and resampling in the map CRS, and the values at a
 *   point.
 * - Both may have optional capabilities ({@link SourceCapabilities}): web
 *   sources answer a legend graphic or a feature info request themselves.
 *
 * @example
 * ```ts ignore
 * import { collectFeatures, openSource } from "./mod.ts";
 * const source = openSource(layer, ctx);
 * if (source.kind === "vector") {
 *   const set = await source.features({ bbox, crs: "EPSG:2056", filter });
 *   const features = await collectFeatures(set);
 * }
 * ```
 *
 * @module
 */
import type { Expression } from "../expression/ast.ts";
import type {
  AttributeValue,
  Feature,
  GeometryKind,
  Rect,
} from "../geometry/types.ts";
import type { ResamplingMethod } from "../raster/style.ts";
import type { BlockValues, ProviderResampling } from "../raster/sampling.ts";
import type { MapSettings } from "../map/map_settings.ts";
import type { Element } from "@xmldom/xmldom";
import type { Logger } from "../runners/types.ts";
import type { JoinKeys, SourceJoin } from "./joins.ts";

/** The parts of a job layer a source reads (wire names). */
export interface SourceLayer {
  /** Layer id (cache key). */
  id: string;
  /** Layer name, used in error messages. */
  name: string;
  /** QGIS's decoded provider URI as a JSON string. */
  source: string;
  /** True when the source is not below the data root (a URL, a database). */
  remote?: boolean | null;
  /** Folder below the data root. */
  folder_name?: string | null;
  /** QGIS provider key (`ogr`, `gdal`, …); absent: `ogr`. */
  driver?: string | null;
  /** Tables joined onto a vector layer's features (`joins.ts`); absent: none. */
  joins?: SourceJoin[] | null;
  /**
   * Virtual fields (QGIS's expression fields) that joins' `target_field`s
   * name, which QGIS computes before it joins (the runners set them from
   * the layer's style); absent: a join's target is a field of the data.
   */
  joinKeys?: JoinKeys | null;
  /**
   * The CRS the project declares for the layer (`AUTH:CODE`), which QGIS
   * reads the data in whatever the data says; absent: the data's.
   */
  crs?: string | null;
}

/** What a source may use besides the layer (a runner's context fits). */
export interface SourceContext {
  /** Absolute data root; file sources resolve below it. */
  dataRoot: string;
  /** Hosts a `remote: true` file may be fetched from. */
  remoteHosts: string[];
  /**
   * Where a source's warnings go (a runner's context has one): a web map
   * that fails leaves a warning in the job's log, not an error.
   */
  logger?: Logger;
}

/** A field of a vector source. */
export interface VectorField {
  /** Field name. */
  name: string;
  /** OGR type name: `String`, `Integer`, `Integer64`, `Real`, `Date`, `DateTime`, `Time`, `Boolean`, `Binary`, … */
  type: string;
  /** Decimals of a `Real` field, when the format says (QGIS writes its values with them). */
  precision?: number;
  /**
   * OGR's `JSON` subtype of a `String` field (a GeoJSON object property, a
   * GeoPackage JSON column): QGIS reads its values as maps and lists.
   */
  subType?: "JSON";
}

/** What to read from a vector source for a map. */
export interface FeatureQuery {
  /** Extent in the map CRS (already grown for symbol extents). */
  bbox: Rect;
  /** Map CRS, `AUTH:CODE` (e.g. `EPSG:2056`); features come in it. */
  crs: string;
  /**
   * The job's filter on the layer (ANDed with the layer's own subset): the
   * provider applies what its dialect can say and returns the rest as
   * {@link FeatureSet.residual}.
   */
  filter?: Expression | null;
  /**
   * Columns a map needs (a name matches a field of the same name in any
   * case, as expressions resolve columns); absent or `"all"`: every column.
   */
  columns?: string[] | "all";
  /**
   * The caller is done with each batch before it asks for the next (a map
   * painted batch by batch): a provider may reuse a batch's features and
   * their arrays in later batches.
   */
  transient?: boolean;
}

/** Features read from a vector source, delivered in batches. */
export interface FeatureSet {
  /** The fields read, in layer order; a named FID column first, as QGIS lists it. */
  fields: VectorField[];
  /** The layer's simple geometry type, or null when it has none / is mixed and empty. */
  geometryKind: GeometryKind | null;
  /** The part of the query's filter the provider did not apply, or null. */
  residual: Expression | null;
  /**
   * The features (each with a geometry of `geometryKind`, in the map CRS),
   * in batches; iterate once.
   */
  batches: AsyncIterable<Feature[]>;
  /**
   * The layer's own CRS (a definition GDAL reads) when the features were
   * reprojected from it to the map CRS; absent when they were not, or the
   * source does not say.
   */
  sourceCrs?: string;
}

/** A hit test: the features within a rectangle around a point. */
export interface HitQuery {
  /** The point, in `crs`. */
  point: [number, number];
  /** Map CRS of the point; features come in it. */
  crs: string;
  /**
   * Half the rectangle's side in map units for the layer's geometry kind
   * (QGIS Server's tolerance differs for points, lines and polygons).
   */
  tolerance: (kind: GeometryKind | null) => number;
  /** The layer's filter, as for {@link FeatureQuery.filter}. */
  filter?: Expression | null;
}

/** What to read for one page of a feature request. */
export interface PageQuery {
  /**
   * The request's filter: the provider applies all of it (what its dialect
   * cannot say it evaluates itself), so that pages and counts are exact.
   */
  filter?: Expression | null;
  /** Features to skip. */
  startIndex: number;
  /** Most features to return; null: all. */
  count: number | null;
  /** Output CRS of the geometries; absent: the layer's (as QGIS's `asWkb`). */
  crs?: string;
}

/** A feature of a page: attributes and ISO WKB geometry. */
export interface PageFeature {
  /** Feature id. */
  id: number;
  /** Attribute values by field name, in field order (a named FID column first). */
  attributes: Record<string, AttributeValue>;
  /** ISO WKB (little-endian), as QGIS's `QgsGeometry.asWkb()`; null without geometry. */
  wkb: Uint8Array | null;
}

/** One page of features. */
export interface FeaturePage {
  /** Every field of the layer; a named FID column first, as QGIS lists it. */
  fields: VectorField[];
  /** Name of the layer's FID column (QGIS lists it first), or null. */
  fidColumn: string | null;
  /** Layer geometry kind. */
  geometryKind: GeometryKind | null;
  /** How many features match the filter (all pages). */
  numbersMatched: number;
  /**
   * This page's features, in a stable order (the feature id / key). A
   * source may hand out the same objects to later pages (kept reads of
   * small layers): read them, never change them.
   */
  features: PageFeature[];
}

/** A legend image a source draws itself (e.g. WMS GetLegendGraphic). */
export interface LegendGraphic {
  /** Image bytes. */
  data: Uint8Array;
  /** MIME type, e.g. `image/png`. */
  contentType: string;
}

/** A map a source draws itself (web maps: XYZ, WMS, WMTS). */
export interface MapDrawRequest {
  /** The map (extent, CRS, size, dpi, scale). */
  map: MapSettings;
  /** The layer's QML root (its raster renderer's opacity, filters, blend mode), or null. */
  style: Element | null;
  /**
   * The map's own pixels (premultiplied RGBA of its size, transparent:
   * nothing is drawn yet), which the source may draw into directly; a
   * getter, as the view may move (CanvasKit's heap grows).
   */
  into?: () => Uint8Array;
}

/** What a source drew for a whole map. */
export interface MapImage {
  /** Premultiplied RGBA of the map's size, the layer's opacity in it. */
  rgba: Uint8Array;
  /** Width, pixels. */
  width: number;
  /** Height, pixels. */
  height: number;
  /** Always true. */
  premultiplied: boolean;
  /** The layer's QPainter composition mode (`<blendMode>`). */
  blendMode: number;
  /** True when the source drew into the request's `into`: nothing left to draw. */
  drawnInto?: boolean;
  /** Gives `rgba` back to the source once it is drawn (not to be used after). */
  release?: () => void;
}

/** A feature info request a source answers itself (e.g. WMS GetFeatureInfo). */
export interface SourceInfoRequest {
  /** The queried point, in `crs`. */
  point: [number, number];
  /** The map's extent, in `crs`. */
  extent: Rect;
  /** Map CRS. */
  crs: string;
  /** Map width in pixels. */
  width: number;
  /** Map height in pixels. */
  height: number;
  /** Most features to return. */
  featureCount: number;
}

/** A source's own answer to a feature info request. */
export interface SourceInfoAnswer {
  /** Features under the point (geometry in the map CRS, or null). */
  features: Feature[];
}

/**
 * Optional capabilities: what a source can answer itself. The legend and
 * feature info runners ask for them without knowing the provider; file and
 * database sources have none (their legend comes from the style, their
 * feature info from {@link VectorSource.hitTest} or
 * {@link RasterSource.valuesAt}).
 */
export interface SourceCapabilities {
  /** A legend image for the layer at a scale, or null when it has none. */
  legendGraphic?(options: { scale: number | null }): Promise<
    LegendGraphic | null
  >;
  /**
   * The source's own feature info answer, or null when it cannot be asked
   * (not queryable, no format QGIS reads features from).
   */
  featureInfo?(request: SourceInfoRequest): Promise<SourceInfoAnswer | null>;
  /**
   * Draws the whole map itself (a web map's image, fetched and warped), or
   * null when nothing was drawn (the reasons are warnings in the job's log).
   */
  drawMap?(request: MapDrawRequest): Promise<MapImage | null>;
}

/** A source of features. */
export interface VectorSource extends SourceCapabilities {
  /** Always `"vector"`. */
  readonly kind: "vector";
  /** The provider key that opened it. */
  readonly provider: string;
  /** Features inside an extent, in the map CRS (see {@link FeatureQuery}). */
  features(query: FeatureQuery): Promise<FeatureSet>;
  /**
   * Features within `point ± tolerance(kind)` (exact intersection, not only
   * bounding boxes), in the map CRS; the residual filter is the caller's.
   */
  hitTest(query: HitQuery): Promise<FeatureSet>;
  /** One page of features in a stable order, and how many match. */
  page(query: PageQuery): Promise<FeaturePage>;
}

/** What a raster source is. */
export interface RasterInfo {
  /** Columns of the source grid. */
  width: number;
  /** Rows of the source grid. */
  height: number;
  /** Band count. */
  bandCount: number;
  /** GDAL geotransform of the source grid. */
  geoTransform: number[];
  /** Extent in the source CRS (north-up rasters). */
  extent: Rect;
  /** True when the grid has rotation terms or rows going up. */
  rotated: boolean;
  /** Per band (index 0 = band 1): GDAL data type number (as QGIS's `Qgis::DataType`). */
  dataTypes: number[];
  /** Per band: the no-data value as the band's type represents it, or null. */
  noData: (number | null)[];
  /** CRS as `AUTH:CODE` when known, else its WKT, else (no CRS) null. */
  crs: string | null;
  /** CRS as WKT ("" when the source has none). */
  wkt: string;
}

/** One band's block for an extent of the map. */
export interface BlockRequest {
  /** Extent in `crs`. */
  extent: Rect;
  /** The map CRS. */
  crs: string;
  /** Output columns. */
  width: number;
  /** Output rows. */
  height: number;
  /**
   * The provider's own resampling on the source grid (same CRS), per
   * resampling factor; absent: nearest neighbour as QGIS's provider reads.
   */
  resample?: ProviderResampling;
  /** Resampling when the source must be reprojected; default nearest neighbour. */
  method?: ResamplingMethod;
  /** Whether the band's own no-data value counts (default true). */
  useSourceNoData?: boolean;
  /**
   * Gives the arrays the block is written into (a caller may hand out
   * reused scratch, or single precision where that is exact).
   */
  alloc?: (length: number) => BlockValues;
}

/** An open raster source, valid inside {@link RasterSource.read}. */
export interface RasterReader {
  /** Size, bands, types, no-data and CRS. */
  readonly info: RasterInfo;
  /**
   * One band's values for `width × height` output pixels over the extent
   * (NaN where there is no data or no raster), as
   * `QgsRasterDataProvider::block`.
   */
  block(band: number, request: BlockRequest): Promise<BlockValues>;
  /**
   * How a map in another CRS is drawn from this raster
   * (`QgsRasterProjector`): the parts of the map and, for each, the source
   * extent and size to render and the source pixel of every map pixel.
   * Null when nothing is drawn or the provider does not project.
   */
  project?(request: ProjectionRequest): ProjectedMap | null;
  /**
   * Whether a map in `crs` draws this raster without reprojection (no CRS
   * on either side, the same CRS, or a WKT QGIS identifies as it). Without
   * it, the codes are compared.
   */
  sameCrs?(crs: string): boolean;
}

/** The map a projection is for. */
export interface ProjectionRequest {
  /** Map extent (map CRS). */
  extent: Rect;
  /** Map CRS. */
  crs: string;
  /** Map width in pixels. */
  width: number;
  /** Map height in pixels. */
  height: number;
}

/** One projected part of a map. */
export interface ProjectedPart {
  /** Map column of the part's left edge (may be outside the map). */
  left: number;
  /** Map row of the part's top edge (may be outside the map). */
  top: number;
  /** Width in map pixels. */
  width: number;
  /** Height in map pixels. */
  height: number;
  /** Source extent to render (source CRS). */
  srcExtent: Rect;
  /** Source columns to render. */
  srcCols: number;
  /** Source rows to render. */
  srcRows: number;
  /** Per part pixel (row-major), the source pixel index, or -1. */
  index: Int32Array;
}

/** A projected map: its parts. */
export interface ProjectedMap {
  /** The parts, each rendered in the source CRS, then projected. */
  parts: ProjectedPart[];
}

/** A source of raster bands. */
export interface RasterSource extends SourceCapabilities {
  /** Always `"raster"`. */
  readonly kind: "raster";
  /** The provider key that opened it. */
  readonly provider: string;
  /**
   * Runs `task` with the source open (a provider may hold a shared engine
   * meanwhile: read, do not wait on other work, inside).
   */
  read<T>(task: (reader: RasterReader) => Promise<T>): Promise<T>;
  /**
   * Every band's value at a point of `crs` (the source pixel under it, no
   * resampling; no data as null), or null when the point is outside.
   */
  valuesAt(point: [number, number], crs: string): Promise<
    (number | null)[] | null
  >;
}

/** A vector tile: its zoom level, column and row (XYZ rows, from the north). */
export interface TileId {
  /** Zoom level. */
  z: number;
  /** Column, from the west. */
  x: number;
  /** Row, from the north. */
  y: number;
}

/** A vector tile's bytes (MVT protobuf, gzip-compressed or not). */
export interface RawTile {
  /** The tile. */
  id: TileId;
  /** Its bytes. */
  data: Uint8Array;
}

/**
 * A source of vector tiles (QGIS's `xyzvectortiles`, `mbtilesvectortiles`):
 * tiles in the web mercator tile matrix (EPSG:3857), which the vector tile
 * renderer decodes and draws tile by tile.
 */
export interface TiledVectorSource extends SourceCapabilities {
  /** Always `"vectortile"`. */
  readonly kind: "vectortile";
  /** The provider key that opened it. */
  readonly provider: string;
  /** The zoom levels the source has, lowest and highest. */
  zoomRange(): Promise<[number, number]>;
  /**
   * The tiles asked for that exist, in the order asked; a tile that is
   * missing or fails to fetch is skipped (a warning in the job's log, as
   * QGIS skips it).
   */
  tiles(ids: TileId[]): AsyncIterable<RawTile>;
}

/** A layer's source. */
export type Source = VectorSource | RasterSource | TiledVectorSource;

/** A provider: opens the sources of one QGIS provider key. */
export interface SourceProvider {
  /** QGIS provider key, lower case (`ogr`, `gdal`, …). */
  readonly key: string;
  /** What its sources are. */
  readonly kind: "vector" | "raster" | "vectortile";
  /**
   * Opens a layer's source. Cheap and without I/O: the source reads (and
   * fails with a `JobError` naming the layer) when asked.
   */
  open(layer: SourceLayer, ctx: SourceContext): Source;
}

/**
 * A {@link FeatureSet}'s batches, from features already in memory.
 *
 * @example
 * ```ts
 * import { collectFeatures, oneBatch } from "./source.ts";
 * const set = { fields: [], geometryKind: null, residual: null, batches: oneBatch([]) };
 * (await collectFeatures(set)).length; // 0
 * ```
 */
export function oneBatch(features: Feature[]): AsyncIterable<Feature[]> {
  return {
    async *[Symbol.asyncIterator]() {
      yield features;
    },
  };
}

/**
 * Every feature of a set in one array (a single batch is returned as is).
 *
 * @example
 * ```ts
 * import { collectFeatures, oneBatch } from "./source.ts";
 * const f = { id: 1, attributes: {}, geometry: null };
 * const set = { fields: [], geometryKind: null, residual: null, batches: oneBatch([f]) };
 * (await collectFeatures(set)).length; // 1
 * ```
 */
export async function collectFeatures(set: FeatureSet): Promise<Feature[]> {
  let first: Feature[] | null = null;
  let all: Feature[] | null = null;
  for await (const batch of set.batches) {
    if (first === null) first = batch;
    else {
      all ??= [...first];
      for (const f of batch) all.push(f);
    }
  }
  return all ?? first ?? [];
}
