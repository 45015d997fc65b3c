/**
 * Job input: layers, filters, the parameters of each job type and the
 * envelopes shipped in `job:{id}` (wire-compatible with
 * `qgis_server_light.interface.job.*.input`).
 *
 * @module
 */
import { z } from "zod";
import { BBox, type BBoxInput, Style } from "../common.ts";
import { ours } from "../upstream_keys.ts";

const FES20_NS = "http://www.opengis.net/fes/2.0";

/** A filter in OGC Filter Encoding 1.1 (`http://www.opengis.net/ogc`). */
export interface OgcFilter110 {
  /** The filter XML. */
  definition: string;
}
/** A filter in OGC Filter Encoding 2.0 (`http://www.opengis.net/fes/2.0`). */
export interface OgcFilterFES20 {
  /** The filter XML. */
  definition: string;
}

const FilterObject = z.looseObject({ definition: z.string() });

/**
 * Schema of {@link OgcFilter110}.
 *
 * @example
 * ```ts
 * import { OgcFilter110 } from "./input.ts";
 * OgcFilter110.parse({ definition: '<Filter xmlns="http://www.opengis.net/ogc"/>' });
 * ```
 */
export const OgcFilter110: z.ZodType<OgcFilter110> = FilterObject;
/**
 * Schema of {@link OgcFilterFES20}.
 *
 * @example
 * ```ts
 * import { OgcFilterFES20 } from "./input.ts";
 * OgcFilterFES20.parse({ definition: '<fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0"/>' });
 * ```
 */
export const OgcFilterFES20: z.ZodType<OgcFilterFES20> = FilterObject;

/**
 * Which filter encoding a definition uses, told apart by its XML namespace.
 *
 * @example
 * ```ts
 * import { filterVersion } from "./input.ts";
 * filterVersion('<fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0"/>'); // "FES20"
 * ```
 */
export function filterVersion(definition: string): "110" | "FES20" {
  return definition.includes(FES20_NS) ? "FES20" : "110";
}

/** A layer as a job carries it. */
export interface QslJobLayer {
  /** Layer id. */
  id: string;
  /** Layer name. */
  name: string;
  /** The decoded source as a JSON string (redacted in logs). */
  source: string;
  /** Whether the source is fetched over the network. */
  remote: boolean;
  /** Folder below the data root the source's paths are relative to. */
  folder_name: string;
  /** Provider: `ogr`, `gdal`, `postgres`, `wms` … */
  driver: string;
  /** The style to draw with. */
  style: Style | null;
  /** A filter on the layer's features. */
  filter: OgcFilter110 | OgcFilterFES20 | null;
  /**
   * Tables joined onto the layer's features (QGIS's vector joins), in the
   * project's order; absent: none. Our worker's addition: a job without
   * joins carries no such key, as the Python project's jobs (its worker
   * refuses unknown keys).
   */
  joins?: QslJobLayerJoin[];
  /**
   * The CRS the project declares for the layer (`AUTH:CODE`), which QGIS
   * uses over the data's own (a Shapefile without `.prj`, a TopoJSON, a
   * `.prj` the project overrides); absent: the data's. Our worker's
   * addition: written only where the two differ, so other jobs stay the
   * Python project's key for key (its worker refuses unknown keys).
   */
  crs?: string;
}

/**
 * A table joined onto a job layer's features (a QGIS vector join): a left
 * join on `target_field` = `join_field`.
 */
export interface QslJobLayerJoin {
  /** The joined layer, read as any job layer is (its style and filter are not used). */
  layer: QslJobLayer;
  /** Field of the job layer whose value is looked up. */
  target_field: string;
  /** Field of the joined layer it is compared with. */
  join_field: string;
  /** What the joined fields' names start with (QGIS's default: the joined layer's name and `_`). */
  prefix: string;
  /** The joined layer's fields to add; null: every field but `join_field`. */
  fields_subset: string[] | null;
  /** QGIS's memory cache: on, keys match as text and the last equal row wins; off, the first row whose value equals (QGIS's `=`). */
  memory_cache: boolean;
}

const layerShape = {
  id: z.string(),
  name: z.string(),
  source: z.string(),
  remote: z.boolean(),
  folder_name: z.string(),
  driver: z.string(),
  style: Style.nullable().default(null),
  filter: FilterObject.nullable().default(null),
};

/**
 * Schema of {@link QslJobLayerJoin}.
 *
 * @example
 * ```ts
 * import { QslJobLayerJoin } from "./input.ts";
 * QslJobLayerJoin.parse({
 *   layer: {
 *     id: "stats_1", name: "stats", source: '{"path": "stats.csv"}',
 *     remote: false, folder_name: "", driver: "ogr",
 *   },
 *   target_field: "code", join_field: "code", prefix: "stats_",
 * }).memory_cache; // true
 * ```
 */
export const QslJobLayerJoin: z.ZodType<QslJobLayerJoin> = z.looseObject({
  // a joined layer's own joins are not read
  layer: z.looseObject(layerShape) as z.ZodType<QslJobLayer>,
  target_field: z.string(),
  join_field: z.string(),
  prefix: z.string(),
  fields_subset: z.array(z.string()).nullable().default(null),
  memory_cache: z.boolean().default(true),
});

/**
 * Schema of {@link QslJobLayer}.
 *
 * @example
 * ```ts
 * import { QslJobLayer } from "./input.ts";
 * QslJobLayer.parse({
 *   id: "l1", name: "roads", source: '{"path": "roads.gpkg"}', remote: false,
 *   folder_name: "data", driver: "ogr",
 * }).style; // null
 * ```
 */
export const QslJobLayer: z.ZodType<QslJobLayer> = z.looseObject({
  ...layerShape,
  // our additions (`ours`) are unknown to the Python project's dataclasses
  joins: ours(z.array(QslJobLayerJoin).optional()),
  // an authority code only: GDAL would also take a file name or a URL here
  crs: ours(
    z.string().regex(/^\s*[A-Za-z]+:\w+\s*$/, {
      message: "Cannot read layer crs: not an AUTH:CODE name",
    }).optional(),
  ),
});

/** Parameters of a render (GetMap-like) job. */
export interface QslJobParameterRender {
  /** Layers, the first drawn on top. */
  layers: QslJobLayer[];
  /** Requested extent in `crs`. */
  bbox: BBox;
  /** Map CRS, e.g. `EPSG:2056`. */
  crs: string;
  /** Image width in pixels. */
  width: number;
  /** Image height in pixels. */
  height: number;
  /** Dots per inch; `null` means 96. */
  dpi: number | null;
  /** Output MIME type; default `image/png`. */
  format: string;
  /** Extra SVG folders (Python `QslJobParameterMapRelated`). */
  svg_paths: string[];
  /**
   * The project's ellipsoid (`Measure/Ellipsoid`), our addition: `$area`,
   * `$length` and `$perimeter` measure on it; absent or `NONE`: planar in
   * the layer's CRS.
   */
  ellipsoid?: string;
  /** The project's area units (`m2`, `km2` …), our addition; absent: `m2`. */
  area_units?: string;
  /**
   * The project's distance units (`meters`, `km` …), our addition; absent:
   * `meters`.
   */
  distance_units?: string;
}

/**
 * A number as JSON writes it, or as text (WMS parameters: `"256"`); other
 * kinds are refused rather than coerced (`z.coerce.number` read `true` as 1
 * and `[300]` as 300: a map 1 px wide, no error).
 */
function numeric<T extends z.ZodNumber>(schema: T) {
  return z.preprocess(
    (v) => typeof v === "string" && v.trim() !== "" ? Number(v) : v,
    schema,
  );
}

// the project's measures (our additions), in render and feature info jobs
const MEASURES = {
  ellipsoid: ours(z.string().optional()),
  area_units: ours(z.string().optional()),
  distance_units: ours(z.string().optional()),
};

/**
 * Schema of {@link QslJobParameterRender}.
 *
 * @example
 * ```ts
 * import { QslJobParameterRender } from "./input.ts";
 * QslJobParameterRender.parse({
 *   layers: [], bbox: "0,0,10,10", crs: "EPSG:2056", width: 256, height: 256,
 * }).format; // "image/png"
 * ```
 */
export const QslJobParameterRender: z.ZodType<QslJobParameterRender> = z
  .looseObject({
    layers: z.array(QslJobLayer),
    bbox: BBox,
    crs: z.string(),
    width: numeric(z.number().int().positive()),
    height: numeric(z.number().int().positive()),
    dpi: numeric(z.number().positive()).nullable().default(null),
    format: z.string().default("image/png"),
    // the Python render job has none (its QslJobParameterRender is not a
    // QslJobParameterMapRelated)
    svg_paths: ours(z.array(z.string()).default([])),
    ...MEASURES,
  });

/** One query of a feature job. */
export interface FeatureQuery {
  /** Layers to query (vector sources). */
  layers: QslJobLayer[];
  /** Names to report the layers under, same length as `layers` when given. */
  aliases: string[];
  /** A FES 2.0 filter; `null` (or a null definition) means none. */
  filter: OgcFilterFES20 | null;
}

/**
 * Schema of {@link FeatureQuery}.
 *
 * @example
 * ```ts
 * import { FeatureQuery } from "./input.ts";
 * FeatureQuery.parse({ layers: [] }).aliases; // []
 * ```
 */
export const FeatureQuery: z.ZodType<FeatureQuery> = z.looseObject({
  layers: z.array(QslJobLayer),
  aliases: z.array(z.string()).default([]),
  filter: z.preprocess(
    (v) =>
      v && typeof v === "object" &&
        (v as { definition?: unknown }).definition == null
        ? null
        : v,
    FilterObject.nullable(),
  ).default(null),
});

/** Parameters of a feature (GetFeature-like) job. */
export interface QslJobParameterFeature {
  /** Queries, answered in order. */
  queries: FeatureQuery[];
  /** Paging offset; default 0. */
  start_index: number;
  /** Page size; `null` means all. */
  count: number | null;
}

/**
 * Schema of {@link QslJobParameterFeature}. `start_index` and `count` also
 * accept numeric strings (clients pass WFS key-value values through).
 *
 * @example
 * ```ts
 * import { QslJobParameterFeature } from "./input.ts";
 * QslJobParameterFeature.parse({ queries: [], count: "10" }).count; // 10
 * ```
 */
export const QslJobParameterFeature: z.ZodType<QslJobParameterFeature> = z
  .looseObject({
    queries: z.array(FeatureQuery),
    start_index: numeric(z.number().int().nonnegative()).default(0),
    count: numeric(z.number().int().nonnegative()).nullable().default(null),
  });

/**
 * Parameters of a feature info (GetFeatureInfo-like) job: the Python fields
 * (`INFO_FORMAT`, `QUERY_LAYERS`, `I`/`J` or `X`/`Y`) plus what a renderer
 * needs to know what is drawn under the pixel (the map, `FEATURE_COUNT`,
 * tolerances in pixels as QGIS Server's `FI_*_TOLERANCE`).
 */
export interface QslJobParameterFeatureInfo {
  /** `application/json`, `text/plain`, `text/html` or `application/vnd.ogc.gml`. */
  INFO_FORMAT: string;
  /** Comma-separated layer names to query. */
  QUERY_LAYERS: string;
  /** Pixel column (WMS 1.1). */
  X: string | null;
  /** Pixel row (WMS 1.1). */
  Y: string | null;
  /** Pixel column (WMS 1.3). */
  I: string | null;
  /** Pixel row (WMS 1.3). */
  J: string | null;
  /** Most features per layer; default 1. */
  FEATURE_COUNT: number;
  /**
   * Point tolerance in pixels; 0 (the default): QGIS Server's, the map
   * extent's width / 100.
   */
  FI_POINT_TOLERANCE: number;
  /** Line tolerance in pixels; 0 (the default): the extent's width / 200. */
  FI_LINE_TOLERANCE: number;
  /** Polygon tolerance in pixels; 0 (the default): the extent's width / 400. */
  FI_POLYGON_TOLERANCE: number;
  /**
   * Whether features come with their geometry (JSON and GML), as QGIS
   * Server's `WITH_GEOMETRY`; default false, as QGIS Server without its
   * project's "add geometry to feature response".
   */
  WITH_GEOMETRY?: boolean;
  /**
   * The project's "Add geometry to feature response" (`WMSAddWktGeometry`),
   * our addition: true, GML answers bound each feature (`gml:boundedBy`)
   * and `WITH_GEOMETRY` adds geometries; false, no geometries whatever
   * `WITH_GEOMETRY` says; absent, `WITH_GEOMETRY` alone decides both (the
   * Python project's jobs have no such key).
   */
  wms_add_wkt_geometry?: boolean;
  /**
   * The project's `WMSPrecision`, our addition: decimals of GML and WKT
   * coordinates in answers; absent: QGIS Server's default, 6.
   */
  wms_precision?: number;
  /**
   * The project's `WMSFeatureInfoUseAttributeFormSettings`, our addition:
   * true, text, HTML and JSON answers list a layer whose style has a
   * drag-and-drop form (`tablayout`) by the form's fields, in its order;
   * absent or false: every field, in the data's order.
   */
  wms_feature_info_use_attribute_form_settings?: boolean;
  /**
   * The project's ellipsoid (`Measure/Ellipsoid`), our addition: `$area`,
   * `$length` and `$perimeter` measure on it; absent or `NONE`: planar in
   * the layer's CRS.
   */
  ellipsoid?: string;
  /** The project's area units (`m2`, `km2` …), our addition; absent: `m2`. */
  area_units?: string;
  /**
   * The project's distance units (`meters`, `km` …), our addition; absent:
   * `meters`.
   */
  distance_units?: string;
  /** The map's layers (with styles). */
  layers: QslJobLayer[];
  /** Map extent. */
  bbox: BBox | null;
  /** Map CRS. */
  crs: string | null;
  /** Map width in pixels. */
  width: number | null;
  /** Map height in pixels. */
  height: number | null;
  /** Dots per inch. */
  dpi: number | null;
}

const optNumStr = () =>
  z.preprocess(
    (v) => typeof v === "number" ? String(v) : v,
    z.string().nullable(),
  )
    .default(null);

/**
 * Schema of {@link QslJobParameterFeatureInfo}.
 *
 * @example
 * ```ts
 * import { QslJobParameterFeatureInfo } from "./input.ts";
 * QslJobParameterFeatureInfo.parse({ INFO_FORMAT: "text/plain", QUERY_LAYERS: "a", I: "5", J: "7" })
 *   .FEATURE_COUNT; // 1
 * ```
 */
export const QslJobParameterFeatureInfo: z.ZodType<QslJobParameterFeatureInfo> =
  z.looseObject({
    INFO_FORMAT: z.string(),
    QUERY_LAYERS: z.string(),
    X: optNumStr(),
    Y: optNumStr(),
    I: optNumStr(),
    J: optNumStr(),
    // the Python feature info job has the six fields above only
    FEATURE_COUNT: ours(numeric(z.number().int().positive()).default(1)),
    FI_POINT_TOLERANCE: ours(numeric(z.number().nonnegative()).default(0)),
    FI_LINE_TOLERANCE: ours(numeric(z.number().nonnegative()).default(0)),
    FI_POLYGON_TOLERANCE: ours(numeric(z.number().nonnegative()).default(0)),
    // WMS sends text: "true", "1", "yes" (any case) ask for geometries
    WITH_GEOMETRY: ours(
      z.preprocess(
        (v) =>
          typeof v === "string"
            ? ["true", "1", "yes"].includes(v.trim().toLowerCase())
            : v ?? false,
        z.boolean(),
      ).default(false),
    ),
    wms_add_wkt_geometry: ours(z.boolean().optional()),
    wms_precision: ours(numeric(z.number().int().min(0).max(17)).optional()),
    wms_feature_info_use_attribute_form_settings: ours(z.boolean().optional()),
    ...MEASURES,
    layers: ours(z.array(QslJobLayer).default([])),
    bbox: ours(BBox.nullable().default(null)),
    crs: ours(z.string().nullable().default(null)),
    width: ours(numeric(z.number().int().positive()).nullable().default(null)),
    height: ours(numeric(z.number().int().positive()).nullable().default(null)),
    dpi: ours(numeric(z.number().positive()).nullable().default(null)),
  });

/** Parameters of a legend (GetLegendGraphic-like) job. */
export interface QslJobParameterLegend {
  /** Layers to draw the legend of. */
  layers: QslJobLayer[];
  /** Output MIME type; default `image/png`. */
  format: string;
  /** Width in pixels. */
  width: number | null;
  /** Height in pixels. */
  height: number | null;
  /** Dots per inch; default 91 (null → 91). */
  dpi: number;
  /** Map scale for scale-dependent rules. */
  scale: number | null;
  /** Whether to draw the layer titles. */
  layer_title: boolean;
}

/**
 * Schema of {@link QslJobParameterLegend}.
 *
 * @example
 * ```ts
 * import { QslJobParameterLegend } from "./input.ts";
 * QslJobParameterLegend.parse({ layers: [] }).dpi; // 91
 * ```
 */
export const QslJobParameterLegend: z.ZodType<QslJobParameterLegend> = z
  .looseObject({
    layers: z.array(QslJobLayer),
    format: z.string().default("image/png"),
    width: numeric(z.number().int().positive()).nullable().default(null),
    height: numeric(z.number().int().positive()).nullable().default(null),
    dpi: z.preprocess(
      (v) => v ?? undefined,
      numeric(z.number().positive()).default(91),
    ),
    scale: numeric(z.number().positive()).nullable().default(null),
    layer_title: z.boolean().default(false),
  });

// What `parse` accepts (fields with defaults optional, numbers also as the
// numeric strings WMS key-value requests carry): build jobs with these types,
// `parse` gives the output types above.

/**
 * What {@link QslJobLayer}'s schema accepts: `style` and `filter` optional.
 *
 * @example
 * ```ts
 * import type { QslJobLayerInput } from "./input.ts";
 * const layer: QslJobLayerInput = {
 *   id: "l1", name: "roads", source: '{"path":"roads.gpkg"}', remote: false,
 *   folder_name: "", driver: "ogr",
 * };
 * ```
 */
export interface QslJobLayerInput {
  /** Layer id. */
  id: string;
  /** Layer name. */
  name: string;
  /** The decoded source as a JSON string. */
  source: string;
  /** Whether the source is fetched over the network. */
  remote: boolean;
  /** Folder below the data root. */
  folder_name: string;
  /** Provider: `ogr`, `gdal`, `postgres`, `wms` … */
  driver: string;
  /** The style to draw with; default none. */
  style?: Style | null;
  /** A filter on the layer's features; default none. */
  filter?: OgcFilter110 | OgcFilterFES20 | null;
  /** Tables joined onto the layer's features; default none. */
  joins?: QslJobLayerJoinInput[];
  /** The CRS the project declares over the data's; default the data's. */
  crs?: string;
}

/**
 * What {@link QslJobLayerJoin}'s schema accepts: `fields_subset` and
 * `memory_cache` optional.
 *
 * @example
 * ```ts
 * import type { QslJobLayerJoinInput } from "./input.ts";
 * const join: QslJobLayerJoinInput = {
 *   layer: {
 *     id: "s1", name: "stats", source: '{"path":"stats.csv"}', remote: false,
 *     folder_name: "", driver: "ogr",
 *   },
 *   target_field: "code", join_field: "code", prefix: "stats_",
 * };
 * ```
 */
export interface QslJobLayerJoinInput {
  /** The joined layer. */
  layer: QslJobLayerInput;
  /** Field of the job layer whose value is looked up. */
  target_field: string;
  /** Field of the joined layer it is compared with. */
  join_field: string;
  /** What the joined fields' names start with. */
  prefix: string;
  /** The joined layer's fields to add; default null: every field but `join_field`. */
  fields_subset?: string[] | null;
  /** QGIS's memory cache; default true. */
  memory_cache?: boolean;
}

/**
 * What {@link QslJobParameterRender}'s schema accepts.
 *
 * @example
 * ```ts
 * import { QslJobParameterRender, type QslJobParameterRenderInput } from "./input.ts";
 * const job: QslJobParameterRenderInput = {
 *   layers: [], bbox: "2600000,1200000,2601000,1201000", crs: "EPSG:2056",
 *   width: 256, height: 256,
 * };
 * QslJobParameterRender.parse(job).format; // "image/png"
 * ```
 */
export interface QslJobParameterRenderInput {
  /** Layers, the first drawn on top. */
  layers: QslJobLayerInput[];
  /** Requested extent in `crs` (the CRS's axis order). */
  bbox: BBoxInput;
  /** Map CRS. */
  crs: string;
  /** Image width in pixels. */
  width: number | string;
  /** Image height in pixels. */
  height: number | string;
  /** Dots per inch; default 96. */
  dpi?: number | string | null;
  /** Output MIME type; default `image/png`. */
  format?: string;
  /** Extra SVG folders; default none. */
  svg_paths?: string[];
  /** The project's ellipsoid; default none (planar). */
  ellipsoid?: string;
  /** The project's area units; default `m2`. */
  area_units?: string;
  /** The project's distance units; default `meters`. */
  distance_units?: string;
}

/**
 * What {@link FeatureQuery}'s schema accepts.
 *
 * @example
 * ```ts
 * import type { FeatureQueryInput } from "./input.ts";
 * const q: FeatureQueryInput = { layers: [] };
 * ```
 */
export interface FeatureQueryInput {
  /** Layers to query. */
  layers: QslJobLayerInput[];
  /** Names to report the layers under; default the layers' names. */
  aliases?: string[];
  /** A FES 2.0 filter; default none. */
  filter?: OgcFilterFES20 | { definition: string | null } | null;
}

/**
 * What {@link QslJobParameterFeature}'s schema accepts.
 *
 * @example
 * ```ts
 * import type { QslJobParameterFeatureInput } from "./input.ts";
 * const job: QslJobParameterFeatureInput = { queries: [{ layers: [] }], count: 10 };
 * ```
 */
export interface QslJobParameterFeatureInput {
  /** Queries, answered in order. */
  queries: FeatureQueryInput[];
  /** Paging offset; default 0. */
  start_index?: number | string;
  /** Page size; default all. */
  count?: number | string | null;
}

/**
 * What {@link QslJobParameterFeatureInfo}'s schema accepts.
 *
 * @example
 * ```ts
 * import type { QslJobParameterFeatureInfoInput } from "./input.ts";
 * const job: QslJobParameterFeatureInfoInput = {
 *   INFO_FORMAT: "application/json", QUERY_LAYERS: "roads", I: 128, J: 128,
 *   layers: [], bbox: "2600000,1200000,2601000,1201000", crs: "EPSG:2056",
 *   width: 256, height: 256,
 * };
 * ```
 */
export interface QslJobParameterFeatureInfoInput {
  /** `application/json`, `text/plain`, `text/html` or `application/vnd.ogc.gml`. */
  INFO_FORMAT: string;
  /** Comma-separated layer names to query. */
  QUERY_LAYERS: string;
  /** Pixel column (WMS 1.1). */
  X?: string | number | null;
  /** Pixel row (WMS 1.1). */
  Y?: string | number | null;
  /** Pixel column (WMS 1.3). */
  I?: string | number | null;
  /** Pixel row (WMS 1.3). */
  J?: string | number | null;
  /** Most features per layer; default 1. */
  FEATURE_COUNT?: number | string;
  /** Point tolerance in pixels; default QGIS Server's. */
  FI_POINT_TOLERANCE?: number | string;
  /** Line tolerance in pixels; default QGIS Server's. */
  FI_LINE_TOLERANCE?: number | string;
  /** Polygon tolerance in pixels; default QGIS Server's. */
  FI_POLYGON_TOLERANCE?: number | string;
  /** Whether features come with their geometry (`"true"`, `"1"`, `"yes"` too); default false. */
  WITH_GEOMETRY?: boolean | string;
  /** The project's `WMSAddWktGeometry`; default none (`WITH_GEOMETRY` decides). */
  wms_add_wkt_geometry?: boolean;
  /** The project's `WMSPrecision`; default none (6). */
  wms_precision?: number;
  /** The project's `WMSFeatureInfoUseAttributeFormSettings`; default none. */
  wms_feature_info_use_attribute_form_settings?: boolean;
  /** The project's ellipsoid; default none (planar). */
  ellipsoid?: string;
  /** The project's area units; default `m2`. */
  area_units?: string;
  /** The project's distance units; default `meters`. */
  distance_units?: string;
  /** The map's layers; default none. */
  layers?: QslJobLayerInput[];
  /** Map extent. */
  bbox?: BBoxInput | null;
  /** Map CRS. */
  crs?: string | null;
  /** Map width in pixels. */
  width?: number | string | null;
  /** Map height in pixels. */
  height?: number | string | null;
  /** Dots per inch. */
  dpi?: number | string | null;
}

/**
 * What {@link QslJobParameterLegend}'s schema accepts.
 *
 * @example
 * ```ts
 * import { QslJobParameterLegend, type QslJobParameterLegendInput } from "./input.ts";
 * const job: QslJobParameterLegendInput = { layers: [] };
 * QslJobParameterLegend.parse(job).dpi; // 91
 * ```
 */
export interface QslJobParameterLegendInput {
  /** Layers to draw the legend of. */
  layers: QslJobLayerInput[];
  /** Output MIME type; default `image/png`. */
  format?: string;
  /** Width in pixels. */
  width?: number | string | null;
  /** Height in pixels. */
  height?: number | string | null;
  /** Dots per inch; default 91. */
  dpi?: number | string | null;
  /** Map scale for scale-dependent rules. */
  scale?: number | string | null;
  /** Whether to draw the layer titles; default false. */
  layer_title?: boolean;
}

/** A render job envelope as `parse` accepts it. */
export interface QslJobInfoRenderInput {
  /** Job id. */
  id: string;
  /** Always `QslJobInfoRender`. */
  type: "QslJobInfoRender";
  /** Parameters. */
  job: QslJobParameterRenderInput;
}
/** A feature job envelope as `parse` accepts it. */
export interface QslJobInfoFeatureInput {
  /** Job id. */
  id: string;
  /** Always `QslJobInfoFeature`. */
  type: "QslJobInfoFeature";
  /** Parameters. */
  job: QslJobParameterFeatureInput;
}
/** A feature info job envelope as `parse` accepts it. */
export interface QslJobInfoFeatureInfoInput {
  /** Job id. */
  id: string;
  /** Always `QslJobInfoFeatureInfo`. */
  type: "QslJobInfoFeatureInfo";
  /** Parameters. */
  job: QslJobParameterFeatureInfoInput;
}
/** A legend job envelope as `parse` accepts it. */
export interface QslJobInfoLegendInput {
  /** Job id. */
  id: string;
  /** Always `QslJobInfoLegend`. */
  type: "QslJobInfoLegend";
  /** Parameters. */
  job: QslJobParameterLegendInput;
}
/** Any job envelope as `parse` accepts it. */
export type QslJobInfoInput =
  | QslJobInfoRenderInput
  | QslJobInfoFeatureInput
  | QslJobInfoFeatureInfoInput
  | QslJobInfoLegendInput;

/** A render job envelope. */
export interface QslJobInfoRender {
  /** Job id. */
  id: string;
  /** Always `QslJobInfoRender`. */
  type: "QslJobInfoRender";
  /** Parameters. */
  job: QslJobParameterRender;
}
/** A feature job envelope. */
export interface QslJobInfoFeature {
  /** Job id. */
  id: string;
  /** Always `QslJobInfoFeature`. */
  type: "QslJobInfoFeature";
  /** Parameters. */
  job: QslJobParameterFeature;
}
/** A feature info job envelope. */
export interface QslJobInfoFeatureInfo {
  /** Job id. */
  id: string;
  /** Always `QslJobInfoFeatureInfo`. */
  type: "QslJobInfoFeatureInfo";
  /** Parameters. */
  job: QslJobParameterFeatureInfo;
}
/** A legend job envelope. */
export interface QslJobInfoLegend {
  /** Job id. */
  id: string;
  /** Always `QslJobInfoLegend`. */
  type: "QslJobInfoLegend";
  /** Parameters. */
  job: QslJobParameterLegend;
}
/** Any job envelope, discriminated by `type`. */
export type QslJobInfo =
  | QslJobInfoRender
  | QslJobInfoFeature
  | QslJobInfoFeatureInfo
  | QslJobInfoLegend;

/** The names of the job envelope types (the `info_type` of a job hash). */
export type QslJobInfoType = QslJobInfo["type"];

const RenderEnvelope = z.looseObject({
  id: z.string(),
  type: z.literal("QslJobInfoRender"),
  job: QslJobParameterRender,
});
const FeatureEnvelope = z.looseObject({
  id: z.string(),
  type: z.literal("QslJobInfoFeature"),
  job: QslJobParameterFeature,
});
const FeatureInfoEnvelope = z.looseObject({
  id: z.string(),
  type: z.literal("QslJobInfoFeatureInfo"),
  job: QslJobParameterFeatureInfo,
});
const LegendEnvelope = z.looseObject({
  id: z.string(),
  type: z.literal("QslJobInfoLegend"),
  job: QslJobParameterLegend,
});

/**
 * Schema of {@link QslJobInfoRender}.
 *
 * @example
 * ```ts
 * import { QslJobInfoRender } from "./input.ts";
 * QslJobInfoRender.safeParse({}).success; // false
 * ```
 */
export const QslJobInfoRender: z.ZodType<QslJobInfoRender> = RenderEnvelope;
/**
 * Schema of {@link QslJobInfoFeature}.
 *
 * @example
 * ```ts
 * import { QslJobInfoFeature } from "./input.ts";
 * QslJobInfoFeature.parse({ id: "1", type: "QslJobInfoFeature", job: { queries: [] } });
 * ```
 */
export const QslJobInfoFeature: z.ZodType<QslJobInfoFeature> = FeatureEnvelope;
/**
 * Schema of {@link QslJobInfoFeatureInfo}.
 *
 * @example
 * ```ts
 * import { QslJobInfoFeatureInfo } from "./input.ts";
 * QslJobInfoFeatureInfo.safeParse({ id: "1", type: "QslJobInfoFeatureInfo", job: {} }).success; // false
 * ```
 */
export const QslJobInfoFeatureInfo: z.ZodType<QslJobInfoFeatureInfo> =
  FeatureInfoEnvelope;
/**
 * Schema of {@link QslJobInfoLegend}.
 *
 * @example
 * ```ts
 * import { QslJobInfoLegend } from "./input.ts";
 * QslJobInfoLegend.parse({ id: "1", type: "QslJobInfoLegend", job: { layers: [] } });
 * ```
 */
export const QslJobInfoLegend: z.ZodType<QslJobInfoLegend> = LegendEnvelope;

/**
 * Schema of {@link QslJobInfo}: any envelope, discriminated by `type`.
 *
 * @example
 * ```ts
 * import { QslJobInfo } from "./input.ts";
 * QslJobInfo.parse({ id: "1", type: "QslJobInfoLegend", job: { layers: [] } }).type; // "QslJobInfoLegend"
 * ```
 */
export const QslJobInfo: z.ZodType<QslJobInfo> = z.discriminatedUnion("type", [
  RenderEnvelope,
  FeatureEnvelope,
  FeatureInfoEnvelope,
  LegendEnvelope,
]);

/** Names of every job envelope type. */
export const JOB_INFO_TYPES: readonly QslJobInfoType[] = [
  "QslJobInfoRender",
  "QslJobInfoFeature",
  "QslJobInfoFeatureInfo",
  "QslJobInfoLegend",
];
