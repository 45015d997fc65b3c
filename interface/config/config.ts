/**
 * The exporter's output: a QGIS project as qgis-server-light sees it
 * (wire-compatible with `qgis_server_light.interface.exporter.extract`).
 *
 * @module
 */
import { z } from "zod";
import { BBox, Style } from "../common.ts";
import { ours } from "../upstream_keys.ts";

const str = () => z.string().nullable().default(null);
const int = () => z.number().int().nullable().default(null);
// The Python exporter writes some integers of decoded URIs as the strings
// QGIS decoded (`"featureCount": "10"`): both read as numbers.
const intOrText = () =>
  z.preprocess(
    (v) => typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v,
    z.number().int().nullable().default(null),
  );
// our additions to the Python entities are marked `ours`: `upstreamKeysOnly`
// (the exporter's --python-keys-only) leaves them out
const ourText = () => ours(z.string().optional());

/** A group of the layer tree: its children are group names and layer ids. */
export interface TreeGroup {
  /** Group short name (its `wmsShortName`, else its sanitized name); "" for the root. */
  id: string;
  /** Same as `id`: the group's short name; "" for the root. */
  name: string;
  /** Whether the group's visibility box is checked (partially counts; the root is always true). */
  is_checked: boolean;
  /** Direct children in tree order: group short names and layer ids. */
  children: string[];
  /** Whether the group is expanded in the layer tree (the root is always true). */
  is_expanded: boolean;
}

/**
 * Schema of {@link TreeGroup}.
 *
 * @example
 * ```ts
 * import { TreeGroup } from "./config.ts";
 * const root = TreeGroup.parse({
 *   id: "", name: "", is_checked: true, children: ["base"], is_expanded: true,
 * });
 * ```
 */
export const TreeGroup: z.ZodType<TreeGroup> = z.looseObject({
  id: z.string(),
  name: z.string(),
  is_checked: z.boolean(),
  children: z.array(z.string()),
  is_expanded: z.boolean(),
});

/** An attribute of a vector dataset, with its WFS and OGC API types. */
export interface Field {
  /** Column name in the source. */
  name: string;
  /** The provider's type name (`QgsField.typeName()`), e.g. `Integer64`, `String`, `int4`. */
  type: string;
  /** Whether the column is (part of) the layer's primary key (the OGR FID column; for PostgreSQL the URI's `key` columns, else the table's primary key). */
  is_primary_key: boolean;
  /** XSD simple type for WFS (`int`, `long`, `decimal`, `string`, `dateTime` …); the exporter always sets it. */
  type_wfs: string | null;
  /** OpenAPI type for OGC API Features (`integer`, `number`, `boolean`, `string`); the exporter always sets it. */
  type_oapif: string | null;
  /** OpenAPI format of `type_oapif` (`int64`, `double`, `date-time` …); null when the type has none. */
  type_oapif_format: string | null;
  /** Display name: the project's alias, else the name title-cased as Python's `str.title()` does. */
  alias: string | null;
  /** Column comment from the source; "" when it has none. */
  comment: string | null;
  /** Whether the value may be null: the project's not-null constraint decides when the project lists the field's constraints, else the source column's NOT NULL. */
  nullable: boolean;
  /** Maximum length (text) or total digits (numeric) from the source; null when unset or 0. */
  length: number | null;
  /** Decimal places from the source; null when unset or 0. */
  precision: number | null;
  /** QGIS attribute form widget type (`TextEdit`, `DateTime`, `Range` …); "" when the field has none. */
  editor_widget_type: string | null;
  /** XSD type implied by a `DateTime` widget's format or a `Range` widget's precision; null otherwise. */
  editor_widget_type_wfs: string | null;
  /** OpenAPI type implied by the widget, as `editor_widget_type_wfs`; null otherwise. */
  editor_widget_type_oapif: string | null;
  /** OpenAPI format implied by the widget (`date`, `time`, `date-time`, `int64`, `double`); null otherwise. */
  editor_widget_type_oapif_format: string | null;
}

/**
 * Schema of {@link Field}.
 *
 * @example
 * ```ts
 * import { Field } from "./config.ts";
 * const f = Field.parse({ name: "fid", type: "Integer64" });
 * ```
 */
export const Field: z.ZodType<Field> = z.looseObject({
  name: z.string(),
  type: z.string(),
  is_primary_key: z.boolean().default(false),
  type_wfs: str(),
  type_oapif: str(),
  type_oapif_format: str(),
  alias: str(),
  comment: str(),
  nullable: z.boolean().default(true),
  length: int(),
  precision: int(),
  editor_widget_type: str(),
  editor_widget_type_wfs: str(),
  editor_widget_type_oapif: str(),
  editor_widget_type_oapif_format: str(),
});

/** A coordinate reference system by its identifiers. */
export interface Crs {
  /** Authority id, e.g. `EPSG:2056`; "" when the layer's CRS has none. */
  auth_id: string | null;
  /** The `<srid>` QGIS stores for the CRS (the PostGIS SRID, equal to the EPSG code for EPSG CRSs); 0 when absent, as QGIS gives it. */
  postgis_srid: number | null;
  /** OGC http URI, e.g. `http://www.opengis.net/def/crs/EPSG/0/2056`; "" unless the `auth_id` is an EPSG or OGC one (as QGIS's `toOgcUri`). */
  ogc_uri: string | null;
  /** OGC URN, e.g. `urn:ogc:def:crs:EPSG::2056`; "" unless the `auth_id` is an EPSG or OGC one (as QGIS's `toOgcUrn`). */
  ogc_urn: string | null;
}

/**
 * Schema of {@link Crs}.
 *
 * @example
 * ```ts
 * import { Crs } from "./config.ts";
 * const crs = Crs.parse({ auth_id: "EPSG:2056", postgis_srid: 2056 });
 * ```
 */
export const Crs: z.ZodType<Crs> = z.looseObject({
  auth_id: str(),
  postgis_srid: int(),
  ogc_uri: str(),
  ogc_urn: str(),
});

/** A GDAL raster file (or any GDAL-readable path). */
export interface GdalSource {
  /** File path without any `/vsi…/` prefix: relative to the project folder when inside it, else absolute; URLs as written. */
  path: string;
  /** Layer (OGR) or subdataset (GDAL) name within the file; null when the URI names none. */
  layer_name: string | null;
  /** GDAL virtual file system prefix, e.g. `/vsizip/` or `/vsicurl/`; null for a plain path. */
  vsi_prefix: string | null;
}

const gdalShape = {
  path: z.string(),
  layer_name: str(),
  vsi_prefix: str(),
};

/**
 * Schema of {@link GdalSource}.
 *
 * @example
 * ```ts
 * import { GdalSource } from "./config.ts";
 * const s = GdalSource.parse({ path: "data/dem.tif" });
 * ```
 */
export const GdalSource: z.ZodType<GdalSource> = z.looseObject(gdalShape);

/** An OGR vector file layer. */
export interface OgrSource extends GdalSource {
  /** OGR layer index as text (URI `layerid=`); null when the URI has none. */
  layer_id: string | null;
  /** The provider's subset filter (URI `subset=`, an SQL WHERE expression); null when unfiltered. */
  subset: string | null;
  /**
   * The one geometry type QGIS reads of a file holding several (URI
   * `geometrytype=`: `Point`, `LineString`, `Polygon`…); features of other
   * types are not the layer's. Our exporter's addition, written only when
   * the URI has it.
   */
  geometry_type?: string | null;
  /**
   * GDAL open options: `ENCODING=<encoding>` of a Shapefile whose project
   * declares an encoding (`<provider encoding>`, not `System`); QGIS's URI
   * options of SpatiaLite, GPX and delimited text layers (`type=csv`,
   * `xField=x` …). Our exporter's addition; absent otherwise.
   */
  open_options?: string[];
}

/**
 * Schema of {@link OgrSource}.
 *
 * @example
 * ```ts
 * import { OgrSource } from "./config.ts";
 * const s = OgrSource.parse({ path: "data/demo.gpkg", layer_name: "zones" });
 * ```
 */
export const OgrSource: z.ZodType<OgrSource> = z.looseObject({
  ...gdalShape,
  layer_id: str(),
  subset: str(),
  geometry_type: ours(z.string().nullable().optional()),
  open_options: ours(z.array(z.string()).optional()),
});

/** A WFS source (not decoded, as upstream). */
export type WfsSource = Record<string, unknown>;

/**
 * Schema of {@link WfsSource}.
 *
 * @example
 * ```ts
 * import { WfsSource } from "./config.ts";
 * const s = WfsSource.parse({});
 * ```
 */
export const WfsSource: z.ZodType<WfsSource> = z.record(
  z.string(),
  z.unknown(),
);

/** An XYZ tile service. */
export interface XYZSource {
  /** Tile URL template with `{x}`, `{y}`, `{z}` placeholders. */
  url: string;
  /** Lowest zoom level served; null when the URI has no `zmin`. */
  zmin: number | null;
  /** Highest zoom level served; null when the URI has no `zmax`. */
  zmax: number | null;
  /** The URI's `type` (`xyz` for sources the exporter writes here). */
  type: string | null;
  /** URI `tilePixelRatio` (0 undefined, 1 standard, 2 high DPI tiles); absent when the URI has none. Not written by the Python exporter. */
  tile_pixel_ratio?: string;
  /** HTTP `Referer` sent with each request (URI `referer`, or `http-header:referer` since QGIS 3.26); absent when unset. Not written by the Python exporter. */
  referer?: string;
  /** HTTP basic user (URI `username`); absent when unset. Not written by the Python exporter. */
  username?: string;
  /** HTTP basic password (URI `password`); absent when unset. Secret. Not written by the Python exporter. */
  password?: string;
}

/**
 * Schema of {@link XYZSource}.
 *
 * @example
 * ```ts
 * import { XYZSource } from "./config.ts";
 * const s = XYZSource.parse({ url: "https://t/{z}/{x}/{y}.png", type: "xyz" });
 * ```
 */
export const XYZSource: z.ZodType<XYZSource> = z.looseObject({
  url: z.string(),
  zmin: intOrText(),
  zmax: intOrText(),
  type: str(),
  tile_pixel_ratio: ourText(),
  referer: ourText(),
  username: ourText(),
  password: ourText(),
});

/** A WMS layer. */
export interface WmsSource {
  /** CRS requested from the server (URI `crs`, e.g. `EPSG:2056`); "" when absent. */
  crs: string;
  /** Image MIME type requested (URI `format`, e.g. `image/png`); "" when absent. */
  format: string;
  /** Server layer name(s) (URI `layers`, repeated values comma-joined); "" when absent. */
  layers: string;
  /** Service base URL (URI `url`); "" when absent. */
  url: string;
  /** URI `dpiMode` as text: bit flags of which servers' DPI parameters QGIS sends (1 QGIS, 2 UMN, 4 GeoServer); null when absent. */
  dpi_mode: string | null;
  /** URI `featureCount`: maximum features per GetFeatureInfo; null when absent. */
  feature_count: number | null;
  /** URI `contextualWMSLegend` (`0` or `1`: legend follows the map content); null when absent. */
  contextual_wms_legend: string | null;
  /** Server style name(s) (URI `styles`, repeated values comma-joined; "" is the default style); null when absent or given without a value. */
  styles: string | null;
  /** URI `IgnoreGetMapUrl`: request GetMap at `url`, not at the capabilities' address (present counts, whatever its value); absent when the URI has none. Not written by the Python exporter, nor are the keys below. */
  ignore_get_map_url?: string;
  /** URI `IgnoreGetFeatureInfoUrl`, as `ignore_get_map_url` for GetFeatureInfo. */
  ignore_get_feature_info_url?: string;
  /** URI `IgnoreAxisOrientation`: ignore WMS 1.3's inverted axis order. */
  ignore_axis_orientation?: string;
  /** URI `InvertAxisOrientation`: invert the axis order. */
  invert_axis_orientation?: string;
  /** URI `SmoothPixmapTransform`: smooth resampling of the server's image. */
  smooth_pixmap_transform?: string;
  /** URI `maxWidth`: widest GetMap the server takes, in pixels. */
  max_width?: string;
  /** URI `maxHeight`: highest GetMap the server takes, in pixels. */
  max_height?: string;
  /** HTTP `Referer` (URI `referer`, or `http-header:referer` since QGIS 3.26). */
  referer?: string;
  /** HTTP basic user (URI `username`). */
  username?: string;
  /** HTTP basic password (URI `password`). Secret. */
  password?: string;
}

const wmsShape = {
  crs: z.string(),
  format: z.string(),
  layers: z.string(),
  url: z.string(),
  dpi_mode: str(),
  feature_count: intOrText(),
  contextual_wms_legend: str(),
  styles: str(),
  ignore_get_map_url: ourText(),
  ignore_get_feature_info_url: ourText(),
  ignore_axis_orientation: ourText(),
  invert_axis_orientation: ourText(),
  smooth_pixmap_transform: ourText(),
  max_width: ourText(),
  max_height: ourText(),
  referer: ourText(),
  username: ourText(),
  password: ourText(),
};

/**
 * Schema of {@link WmsSource}.
 *
 * @example
 * ```ts
 * import { WmsSource } from "./config.ts";
 * const s = WmsSource.parse({
 *   crs: "EPSG:2056", format: "image/png", layers: "a", url: "https://w",
 * });
 * ```
 */
export const WmsSource: z.ZodType<WmsSource> = z.looseObject(wmsShape);

/** A WMTS layer. */
export interface WmtsSource extends WmsSource {
  /** Tile matrix set identifier (URI `tileMatrixSet`). */
  tile_matrix_set: string;
  /** URI `tileDimensions`: WMTS dimension values as `name=value` pairs separated by `;`; null when absent. */
  tile_dimensions: string | null;
  /** URI `tilePixelRatio` as text (0 undefined, 1 standard, 2 high DPI); null when absent. */
  tile_pixel_ratio: string | null;
  /** URI `type` (`wmts` for a RESTful template `url`); absent when the URI has none. Not written by the Python exporter. */
  type?: string;
}

/**
 * Schema of {@link WmtsSource}.
 *
 * @example
 * ```ts
 * import { WmtsSource } from "./config.ts";
 * const s = WmtsSource.parse({
 *   crs: "EPSG:2056", format: "image/png", layers: "a", url: "https://w",
 *   tile_matrix_set: "2056",
 * });
 * ```
 */
export const WmtsSource: z.ZodType<WmtsSource> = z.looseObject({
  ...wmsShape,
  tile_matrix_set: z.string(),
  tile_dimensions: str(),
  tile_pixel_ratio: str(),
  type: ourText(),
});

/** A PostgreSQL/PostGIS table or query. */
export interface PostgresSource {
  /** Key column(s) of the URI's `key` (comma-separated when several); "" when absent. */
  key: string;
  /** Table or view name (unquoted); "" when absent. */
  table: string;
  /** Schema name; null when the URI's table is unqualified. */
  schema: string | null;
  /** Geometry column (the `(geom)` after the table); null when the URI has none (no geometry). */
  geometry_column: string | null;
  /** Database name, from the URI or its pg_service; null when neither sets it. */
  dbname: string | null;
  /** Server host, from the URI or its pg_service; null when neither sets it. */
  host: string | null;
  /** Password in plain text, from the URI or its pg_service; null when neither sets it. Secret. */
  password: string | null;
  /** Server port, from the URI or its pg_service; null when neither sets it. */
  port: number | null;
  /** QgsWkbTypes code of the URI's `type` (e.g. 6 for MultiPolygon); null when the URI has none. */
  type: number | null;
  /** User name (URI `user`/`username` or the pg_service's `user`); null when unset. */
  username: string | null;
  /** SRID of the geometry column as text (URI `srid`); null when the URI has none. */
  srid: string | null;
  /** QGIS SslMode: 0 prefer, 1 disable, 2 allow, 3 require, 4 verify-ca, 5 verify-full; the exporter writes 2 when unset. */
  sslmode: number | null;
  /** The libpq name of `sslmode` (`prefer`, `allow`, `require` …). */
  ssl_mode_text: string | null;
  /** pg_service name the URI refers to; null when it names none. */
  service: string | null;
  /** URI `checkPrimaryKeyUnicity` (`0` or `1`); null when absent. */
  check_primary_key_unicity: string | null;
  /** The layer's subset filter (URI `sql=`, an SQL WHERE expression); null when absent. */
  sql: string | null;
}

/**
 * Schema of {@link PostgresSource}.
 *
 * @example
 * ```ts
 * import { PostgresSource } from "./config.ts";
 * const s = PostgresSource.parse({ key: "id", table: "roads" });
 * ```
 */
export const PostgresSource: z.ZodType<PostgresSource> = z.looseObject({
  key: z.string(),
  table: z.string(),
  schema: str(),
  geometry_column: str(),
  dbname: str(),
  host: str(),
  password: str(),
  port: int(),
  type: int(),
  username: str(),
  srid: str(),
  sslmode: int(),
  ssl_mode_text: str(),
  service: str(),
  check_primary_key_unicity: str(),
  sql: str(),
});

/** Vector tiles (XYZ or MBTiles). */
export interface VectorTileSource {
  /** Tile source kind from the URI: `xyz` (URL template) or `mbtiles` (file); `xyz` when the URI has none. */
  type: string;
  /** Lowest zoom level of the tiles; null when the URI has no `zmin`. */
  zmin: number | null;
  /** Highest zoom level of the tiles; null when the URI has no `zmax`. */
  zmax: number | null;
  /** Tile URL template with `{x}`, `{y}`, `{z}`; null when the URI has none (MBTiles). */
  url: string | null;
  /** MBTiles file path, relative to the project folder when inside it, else absolute; null when the URI has none. */
  path: string | null;
  /** URL of a Mapbox GL style for the tiles (URI `styleUrl`); null when absent. */
  style_url: string | null;
}

/**
 * Schema of {@link VectorTileSource}.
 *
 * @example
 * ```ts
 * import { VectorTileSource } from "./config.ts";
 * const s = VectorTileSource.parse({ type: "xyz", zmin: 0, zmax: 14 });
 * ```
 */
export const VectorTileSource: z.ZodType<VectorTileSource> = z.looseObject({
  type: z.string(),
  zmin: intOrText(),
  zmax: intOrText(),
  url: str(),
  path: str(),
  style_url: str(),
});

/** Where a dataset's data lives: exactly one member is set. */
export interface DataSource {
  /** PostgreSQL/PostGIS vector source (provider `postgres`); null otherwise. */
  postgres: PostgresSource | null;
  /** WMTS raster source (provider `wms` with a `tileMatrixSet`); null otherwise. */
  wmts: WmtsSource | null;
  /** WMS raster source (provider `wms`, neither WMTS nor XYZ); null otherwise. */
  wms: WmsSource | null;
  /** OGR vector file source (provider `ogr`); null otherwise. */
  ogr: OgrSource | null;
  /** GDAL raster file source (provider `gdal`); null otherwise. */
  gdal: GdalSource | null;
  /** WFS vector source, written as an empty object (provider `wfs`); null otherwise. */
  wfs: WfsSource | null;
  /** Vector tile source (XYZ or MBTiles vector tiles); null otherwise. */
  vector_tile: VectorTileSource | null;
  /** XYZ raster tile source (provider `wms` with `type=xyz`); null otherwise. */
  xyz: XYZSource | null;
}

/**
 * Schema of {@link DataSource}.
 *
 * @example
 * ```ts
 * import { DataSource } from "./config.ts";
 * const s = DataSource.parse({ gdal: { path: "data/dem.tif" } });
 * ```
 */
export const DataSource: z.ZodType<DataSource> = z.looseObject({
  postgres: PostgresSource.nullable().default(null),
  wmts: WmtsSource.nullable().default(null),
  wms: WmsSource.nullable().default(null),
  ogr: OgrSource.nullable().default(null),
  gdal: GdalSource.nullable().default(null),
  wfs: WfsSource.nullable().default(null),
  vector_tile: VectorTileSource.nullable().default(null),
  xyz: XYZSource.nullable().default(null),
});

/** What every dataset (vector, raster, custom) has. */
export interface DataSet {
  /** QGIS layer id (unique within the project). */
  id: string;
  /** Layer short name (its `shortname`, else its id); with unified names prefixed by its group path joined by ".". */
  name: string;
  /** Whether the layer's visibility box is checked in the layer tree. */
  is_checked: boolean;
  /** Layer title (its `title`, else its layer name). */
  title: string;
  /** Where the data lives; exactly one member is set. */
  source: DataSource;
  /** QGIS provider key: `ogr`, `postgres`, `wfs`, `gdal`, `wms`, `xyzvectortiles`, `mbtilesvectortiles`. */
  driver: string;
  /** Layer extent in the layer's CRS (from the project, else read from the source); null when unknown or not spatial. */
  bbox: BBox | null;
  /** Layer extent in WGS 84 degrees: as the project stores it (QGIS ≥ 3.18), else `bbox` transformed as QGIS transforms a bounding box; null when neither is known or the layer is not spatial. */
  bbox_wgs84: BBox | null;
  /** The layer's CRS; null when the project has none for it or the layer is not spatial. */
  crs: Crs | null;
  /**
   * The CRS the data itself declares (`AUTH:CODE`; "" when it has none: a
   * Shapefile without `.prj`, a TopoJSON, delimited text without `crs`),
   * written only when it is not `crs`, which QGIS uses over it. Our
   * exporter's addition: absent, the config is the Python exporter's key
   * for key; absent too when the data's CRS was not read or has no
   * authority code to compare.
   */
  data_crs?: string;
  /** Every named style of the layer, sorted by name, each as encoded QML. */
  styles: Style[];
  /** QGIS `minimumScale`: scale denominator of the most zoomed-out visible scale (0 = no limit), as stored even when scale-based visibility is off (QGIS 2.x's reversed `maximumScale`); 0 when absent, as QGIS reads it. */
  minimum_scale: number | null;
  /** QGIS `maximumScale`: scale denominator of the most zoomed-in visible scale (0 = no limit), as stored even when scale-based visibility is off (QGIS 2.x's reversed `minimumScale`); 0 when absent, as QGIS reads it. */
  maximum_scale: number | null;
  /** Name of the layer's current style (one of `styles`); `default` when the layer has no style manager. */
  style_name: string;
  /** False for a vector layer without geometry, true otherwise. */
  is_spatial: boolean;
}

const dataSetShape = {
  id: z.string(),
  name: z.string(),
  is_checked: z.boolean(),
  title: z.string(),
  source: DataSource,
  driver: z.string(),
  bbox: BBox.nullable().default(null),
  bbox_wgs84: BBox.nullable().default(null),
  crs: Crs.nullable().default(null),
  data_crs: ours(z.string().optional()),
  styles: z.array(Style).default([]),
  minimum_scale: z.number().nullable().default(null),
  maximum_scale: z.number().nullable().default(null),
  style_name: z.string().default("default"),
  is_spatial: z.boolean().default(true),
};

/** A raster layer (GDAL file, WMS, WMTS, XYZ). */
export type Raster = DataSet;

/**
 * Schema of {@link Raster}.
 *
 * @example
 * ```ts
 * import { Raster } from "./config.ts";
 * const r = Raster.parse({
 *   id: "dem", name: "dem", title: "DEM", is_checked: true, driver: "gdal",
 *   source: { gdal: { path: "data/dem.tif" } },
 * });
 * ```
 */
export const Raster: z.ZodType<Raster> = z.looseObject(dataSetShape);

/** A layer that is neither a plain vector nor raster (vector tiles …). */
export type Custom = DataSet;

/**
 * Schema of {@link Custom}.
 *
 * @example
 * ```ts
 * import { Custom } from "./config.ts";
 * const c = Custom.parse({
 *   id: "vt", name: "vt", title: "VT", is_checked: true,
 *   driver: "xyzvectortiles",
 *   source: { vector_tile: { type: "xyz", zmin: 0, zmax: 14 } },
 * });
 * ```
 */
export const Custom: z.ZodType<Custom> = z.looseObject(dataSetShape);

/**
 * A join of a table (another vector layer) onto a vector layer, as QGIS's
 * `<vectorjoins>` holds it: a left join of the joined layer's fields on
 * `target_field` = `join_field`.
 */
export interface VectorJoin {
  /** QGIS id of the joined layer. */
  join_layer_id: string;
  /** The joined layer's name (`<layername>`, QGIS's default prefix is made of it). */
  join_layer_name: string;
  /** Where the joined layer's data lives, as a dataset's `source`. */
  source: DataSource;
  /** QGIS provider key of the joined layer (`ogr`, `postgres`, `delimitedtext` …). */
  driver: string;
  /** Field of this layer whose value is looked up. */
  target_field: string;
  /** Field of the joined layer it is compared with. */
  join_field: string;
  /** What the joined fields' names start with: the custom prefix (maybe ""), else `<join_layer_name>_`. */
  prefix: string;
  /** The joined layer's fields to add when a subset is chosen (`<joinFieldsSubset>`); null: every field but `join_field`. */
  fields_subset: string[] | null;
  /** QGIS's "cache join layer in memory" (`memoryCache`): matches on the values as text, the last row of equal keys wins; off: the first row whose value equals, compared as QGIS's `=`. */
  memory_cache: boolean;
  /** Whether the joined fields are editable (`editable`; not used for reading). */
  editable: boolean;
  /** Whether edits create missing joined rows (`upsertOnEdit`; not used for reading). */
  upsert_on_edit: boolean;
  /** Whether deleting a feature deletes its joined row (`cascadedDelete`; not used for reading). */
  cascaded_delete: boolean;
  /** Whether the form shows the joined fields dynamically (`dynamicForm`; not used for reading). */
  dynamic_form: boolean;
}

/**
 * Schema of {@link VectorJoin}.
 *
 * @example
 * ```ts
 * import { VectorJoin } from "./config.ts";
 * const j = VectorJoin.parse({
 *   join_layer_id: "stats_1", join_layer_name: "stats", driver: "ogr",
 *   source: { ogr: { path: "data/stats.csv" } },
 *   target_field: "code", join_field: "code", prefix: "stats_",
 * });
 * j.memory_cache; // true
 * ```
 */
export const VectorJoin: z.ZodType<VectorJoin> = z.looseObject({
  join_layer_id: z.string(),
  join_layer_name: z.string(),
  source: DataSource,
  driver: z.string(),
  target_field: z.string(),
  join_field: z.string(),
  prefix: z.string(),
  fields_subset: z.array(z.string()).nullable().default(null),
  memory_cache: z.boolean().default(true),
  editable: z.boolean().default(false),
  upsert_on_edit: z.boolean().default(false),
  cascaded_delete: z.boolean().default(false),
  dynamic_form: z.boolean().default(false),
});

/** A vector layer with its attribute fields and geometry type. */
export interface Vector extends DataSet {
  /** Attribute fields in source order; empty when the source was not read (WFS, unreadable, or reading turned off). */
  fields: Field[];
  /** Simple geometry kind: `Point`, `Line`, `Polygon`, `Null` (no geometry) or `Unknown`; null when `geometry_type_wkb` is. */
  geometry_type_simple: string | null;
  /** WKB type name (`MultiPolygon`, `PointZ`, `NoGeometry` …) from the project, else the source; null when neither tells. */
  geometry_type_wkb: string | null;
  /**
   * The layer's joins, in the project's order; absent when it has none (a
   * config without joins is the Python exporter's, key for key).
   */
  joins?: VectorJoin[];
}

/**
 * Schema of {@link Vector}.
 *
 * @example
 * ```ts
 * import { Vector } from "./config.ts";
 * const v = Vector.parse({
 *   id: "zones", name: "zones", title: "Zones", is_checked: true,
 *   driver: "ogr", source: { ogr: { path: "data/demo.gpkg" } },
 * });
 * ```
 */
export const Vector: z.ZodType<Vector> = z.looseObject({
  ...dataSetShape,
  fields: z.array(Field).default([]),
  geometry_type_simple: str(),
  geometry_type_wkb: str(),
  joins: ours(z.array(VectorJoin).optional()),
});

/** A layer tree group as a dataset (with its title). */
export interface Group {
  /** Group short name (its `wmsShortName`, else its sanitized name); "" for the root. */
  id: string;
  /** Same as `id`: the group's short name. */
  name: string;
  /** Whether the group's visibility box is checked (the root is always true). */
  is_checked: boolean;
  /** Group title (its `wmsTitle`, else its name). */
  title: string;
  /** Whether the group is expanded in the layer tree (the root is always true). */
  is_expanded: boolean;
}

/**
 * Schema of {@link Group}.
 *
 * @example
 * ```ts
 * import { Group } from "./config.ts";
 * const g = Group.parse({
 *   id: "base", name: "base", title: "Base maps", is_checked: true,
 *   is_expanded: true,
 * });
 * ```
 */
export const Group: z.ZodType<Group> = z.looseObject({
  id: z.string(),
  name: z.string(),
  is_checked: z.boolean(),
  title: z.string(),
  is_expanded: z.boolean(),
});

/** The project's WMS service description. */
export interface Service {
  /** Project property `WMSContactOrganization`; "" when unset. */
  contact_organization: string | null;
  /** Project property `WMSContactMail`; "" when unset. */
  contact_mail: string | null;
  /** Project property `WMSContactPerson`; "" when unset. */
  contact_person: string | null;
  /** Project property `WMSContactPhone`; "" when unset. */
  contact_phone: string | null;
  /** Project property `WMSContactPosition`; "" when unset. */
  contact_position: string | null;
  /** Project property `WMSFees`; "" when unset. */
  fees: string | null;
  /** Project property `WMSKeywordList`, its values joined by ", "; "" when unset. */
  keyword_list: string | null;
  /** Project property `WMSOnlineResource`; "" when unset. */
  online_resource: string | null;
  /** Project property `WMSServiceAbstract`; "" when unset. */
  service_abstract: string | null;
  /** Project property `WMSServiceTitle`; "" when unset. */
  service_title: string | null;
  /** Project property `WMSUrl` (the advertised WMS URL); "" when unset. */
  resource_url: string | null;
}

/**
 * Schema of {@link Service}.
 *
 * @example
 * ```ts
 * import { Service } from "./config.ts";
 * const s = Service.parse({ contact_organization: null, contact_mail: null });
 * ```
 */
export const Service: z.ZodType<Service> = z.looseObject({
  contact_organization: z.string().nullable(),
  contact_mail: z.string().nullable(),
  contact_person: str(),
  contact_phone: str(),
  contact_position: str(),
  fees: str(),
  keyword_list: str(),
  online_resource: str(),
  service_abstract: str(),
  service_title: str(),
  resource_url: str(),
});

/** Project metadata and service description. */
export interface MetaData {
  /** The project's WMS service description. */
  service: Service;
  /** URLs of the project metadata's links. */
  links: string[];
  /** Project metadata language; "" when unset. */
  language: string | null;
  /** Project metadata keywords of the `gmd:topicCategory` vocabulary. */
  categories: string[];
  /** Project metadata creation date-time (ISO 8601 as stored); "" when the project has none (the exporter leaves it empty, as the Python exporter does). */
  creationDateTime: string;
  /** Project metadata author; "" when unset. */
  author: string | null;
}

/**
 * Schema of {@link MetaData}. A missing (absent or null) `creationDateTime`
 * becomes now, as the Python interface does; "" stays "".
 *
 * @example
 * ```ts
 * import { MetaData } from "./config.ts";
 * const m = MetaData.parse({
 *   service: { contact_organization: null, contact_mail: null },
 * });
 * ```
 */
export const MetaData: z.ZodType<MetaData> = z.looseObject({
  service: Service,
  links: z.array(z.string()).nullable().default([]).transform((v) => v ?? []),
  language: str(),
  categories: z.array(z.string()).nullable().default([]).transform((v) =>
    v ?? []
  ),
  creationDateTime: z.string().nullable().optional().transform((v) =>
    v ?? new Date().toISOString()
  ),
  author: str(),
});

/** The project's name and the QGIS version that saved it. */
export interface Project {
  /** QGIS version that last saved the project, e.g. `3.22.16-Białowieża`. */
  version: string;
  /** Project title, else the project file's `projectname`, else the file's base name. */
  name: string;
  /**
   * The project's "Add geometry to feature response" (`WMSAddWktGeometry`):
   * QGIS Server bounds each feature of a GML feature info answer and adds
   * geometries when asked (`WITH_GEOMETRY`). Our exporter's addition,
   * written only when set: absent, the config is the Python exporter's key
   * for key.
   */
  wms_add_wkt_geometry?: boolean;
  /**
   * The project's feature info precision (`WMSPrecision`): decimals of the
   * coordinates QGIS Server writes in GML and WKT answers. Our exporter's
   * addition, written only when the project sets one other than QGIS's
   * default 6.
   */
  wms_precision?: number;
  /**
   * The project's "Use attribute form settings for GetFeatureInfo response"
   * (`WMSFeatureInfoUseAttributeFormSettings`): QGIS Server's text, HTML
   * and JSON answers list a layer with a drag-and-drop form by its form's
   * fields, in its order. Our exporter's addition, written only when set.
   */
  wms_feature_info_use_attribute_form_settings?: boolean;
  /**
   * The project's ellipsoid (`Measure/Ellipsoid`: a PROJ acronym such as
   * `WGS84`, `EPSG:<code>`, or `PARAMETER:<a>:<b>`), on which QGIS measures
   * `$area`, `$length` and `$perimeter`. Our exporter's addition, written
   * only when the project sets one other than `NONE`: absent, they are
   * measured planar in the layer's CRS.
   */
  ellipsoid?: string;
  /**
   * The project's area units (`Measurement/AreaUnits`: `m2`, `km2`, `ha`
   * …), those of `$area`. Our exporter's addition, written only when set
   * to other than `m2`.
   */
  area_units?: string;
  /**
   * The project's distance units (`Measurement/DistanceUnits`: `meters`,
   * `km`, `feet` …), those of `$length` and `$perimeter`. Our exporter's
   * addition, written only when set to other than `meters`.
   */
  distance_units?: string;
}

/**
 * Schema of {@link Project}.
 *
 * @example
 * ```ts
 * import { Project } from "./config.ts";
 * const p = Project.parse({ version: "3.22.16-Białowieża", name: "demo" });
 * ```
 */
export const Project: z.ZodType<Project> = z.looseObject({
  version: z.string(),
  name: z.string(),
  wms_add_wkt_geometry: ours(z.boolean().optional()),
  wms_precision: ours(z.number().int().min(0).max(17).optional()),
  wms_feature_info_use_attribute_form_settings: ours(z.boolean().optional()),
  ellipsoid: ourText(),
  area_units: ourText(),
  distance_units: ourText(),
});

/** The layer tree as a flat list of groups (the root has id/name ""). */
export interface Tree {
  /** Every group of the layer tree, depth-first from the root. */
  members: TreeGroup[];
}

/**
 * Schema of {@link Tree}.
 *
 * @example
 * ```ts
 * import { Tree } from "./config.ts";
 * const t = Tree.parse({ members: [] });
 * ```
 */
export const Tree: z.ZodType<Tree> = z.looseObject({
  members: z.array(TreeGroup).default([]),
});

/** Every dataset of the project by kind. */
export interface Datasets {
  /** Vector layers in layer tree order. */
  vector: Vector[];
  /** Raster layers (GDAL, WMS, WMTS, XYZ) in layer tree order. */
  raster: Raster[];
  /** Other layers (vector tiles) in layer tree order. */
  custom: Custom[];
  /** Layer tree groups, depth-first from the root. */
  group: Group[];
}

/**
 * Schema of {@link Datasets}.
 *
 * @example
 * ```ts
 * import { Datasets } from "./config.ts";
 * const d = Datasets.parse({});
 * ```
 */
export const Datasets: z.ZodType<Datasets> = z.looseObject({
  vector: z.array(Vector).default([]),
  raster: z.array(Raster).default([]),
  custom: z.array(Custom).default([]),
  group: z.array(Group).default([]),
});

/** The exported project: what the exporter writes and clients read. */
export interface Config {
  /** The project's name and QGIS version. */
  project: Project;
  /** Project metadata and WMS service description. */
  meta_data: MetaData;
  /** The layer tree as a flat list of groups. */
  tree: Tree;
  /** Every layer and group by kind. */
  datasets: Datasets;
}

/**
 * Schema of {@link Config}.
 *
 * @example
 * ```ts
 * import { Config } from "./config.ts";
 * const c = Config.parse({
 *   project: { version: "3.22.16", name: "demo" },
 *   meta_data: { service: { contact_organization: null, contact_mail: null } },
 *   tree: { members: [] },
 *   datasets: {},
 * });
 * ```
 */
export const Config: z.ZodType<Config> = z.looseObject({
  project: Project,
  meta_data: MetaData,
  tree: Tree,
  datasets: Datasets,
});
