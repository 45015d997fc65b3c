/**
 * The exporter's output: a QGIS project as qgis-server-light sees it
 * (wire-compatible with `qgis_server_light.interface.exporter.extract`).
 *
 * @module
 */
import { z } from "zod";
import { BBox, Style } from "../common.ts";

const str = () => z.string().nullable().default(null);
const int = () => z.number().int().nullable().default(null);

/** A group of the layer tree: its children are group names and layer ids. */
export interface TreeGroup {
  id: string;
  name: string;
  is_checked: boolean;
  children: string[];
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
  name: string;
  type: string;
  is_primary_key: boolean;
  type_wfs: string | null;
  type_oapif: string | null;
  type_oapif_format: string | null;
  alias: string | null;
  comment: string | null;
  nullable: boolean;
  length: number | null;
  precision: number | null;
  editor_widget_type: string | null;
  editor_widget_type_wfs: string | null;
  editor_widget_type_oapif: string | null;
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
  auth_id: string | null;
  postgis_srid: number | null;
  ogc_uri: string | null;
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
  path: string;
  layer_name: string | null;
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
  layer_id: string | null;
  subset: string | null;
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
  url: string;
  zmin: number | null;
  zmax: number | null;
  type: string | null;
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
  zmin: int(),
  zmax: int(),
  type: str(),
});

/** A WMS layer. */
export interface WmsSource {
  crs: string;
  format: string;
  layers: string;
  url: string;
  dpi_mode: string | null;
  feature_count: number | null;
  contextual_wms_legend: string | null;
  styles: string | null;
}

const wmsShape = {
  crs: z.string(),
  format: z.string(),
  layers: z.string(),
  url: z.string(),
  dpi_mode: str(),
  feature_count: int(),
  contextual_wms_legend: str(),
  styles: str(),
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
  tile_matrix_set: string;
  tile_dimensions: string | null;
  tile_pixel_ratio: string | null;
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
});

/** A PostgreSQL/PostGIS table or query. */
export interface PostgresSource {
  key: string;
  table: string;
  schema: string | null;
  geometry_column: string | null;
  dbname: string | null;
  host: string | null;
  password: string | null;
  port: number | null;
  type: number | null;
  username: string | null;
  srid: string | null;
  sslmode: number | null;
  ssl_mode_text: string | null;
  service: string | null;
  check_primary_key_unicity: string | null;
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
  type: string;
  zmin: number | null;
  zmax: number | null;
  url: string | null;
  path: string | null;
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
  zmin: z.number().int().nullable(),
  zmax: z.number().int().nullable(),
  url: str(),
  path: str(),
  style_url: str(),
});

/** Where a dataset's data lives: exactly one member is set. */
export interface DataSource {
  postgres: PostgresSource | null;
  wmts: WmtsSource | null;
  wms: WmsSource | null;
  ogr: OgrSource | null;
  gdal: GdalSource | null;
  wfs: WfsSource | null;
  vector_tile: VectorTileSource | null;
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
  id: string;
  name: string;
  is_checked: boolean;
  title: string;
  source: DataSource;
  driver: string;
  bbox: BBox | null;
  bbox_wgs84: BBox | null;
  crs: Crs | null;
  styles: Style[];
  minimum_scale: number | null;
  maximum_scale: number | null;
  style_name: string;
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

/** A vector layer with its attribute fields and geometry type. */
export interface Vector extends DataSet {
  fields: Field[];
  geometry_type_simple: string | null;
  geometry_type_wkb: string | null;
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
});

/** A layer tree group as a dataset (with its title). */
export interface Group {
  id: string;
  name: string;
  is_checked: boolean;
  title: string;
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
  contact_organization: string | null;
  contact_mail: string | null;
  contact_person: string | null;
  contact_phone: string | null;
  contact_position: string | null;
  fees: string | null;
  keyword_list: string | null;
  online_resource: string | null;
  service_abstract: string | null;
  service_title: string | null;
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
  service: Service;
  links: string[];
  language: string | null;
  categories: string[];
  creationDateTime: string;
  author: string | null;
}

/**
 * Schema of {@link MetaData}. A missing `creationDateTime` becomes now.
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
  version: string;
  name: string;
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
});

/** The layer tree as a flat list of groups (the root has id/name ""). */
export interface Tree {
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
  vector: Vector[];
  raster: Raster[];
  custom: Custom[];
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
  project: Project;
  meta_data: MetaData;
  tree: Tree;
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
