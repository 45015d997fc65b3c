/**
 * Jobs built from an exported {@link Config}: what a WMS front end (Georama's
 * Django views, for one) does between a GetMap / GetFeatureInfo /
 * GetLegendGraphic / GetFeature request and the job it posts.
 *
 * Rules, as QGIS Server applies them:
 * - `layers` names layers or groups (a dataset's `name`, else its `id`), in
 *   WMS order: the first is drawn at the bottom. A group expands to its
 *   layers as the layer tree draws them. Job layers come out top first, as
 *   jobs carry them.
 * - `styles[i]` names the style of `layers[i]`; `""` or absent means the
 *   layer's current style (`style_name`). A group takes no style.
 * - `bbox` is the WMS 1.3 `BBOX`: in the CRS's axis order, so y first for
 *   the EPSG CRSs QGIS reads with inverted axes (`hasInvertedAxes`: latitude
 *   first for EPSG:4326, northing first for EPSG:3044 …); `OGC:CRS84` and all
 *   others are x/y.
 *   `extent` is the same box as x/y (east/north, what QGIS and the exporter's
 *   dataset `bbox` use); the builder swaps it when the CRS needs it. With
 *   neither, the union of the layers' extents is used when they are all in
 *   the requested CRS.
 * - Unknown names throw a `RangeError` naming what is known.
 *
 * @module
 */
import type { BBox } from "../common.ts";
import { hasInvertedAxes, normaliseCrs } from "../crs.ts";
import type {
  QslJobInfo,
  QslJobLayer,
  QslJobLayerJoin,
  QslJobParameterFeature,
  QslJobParameterFeatureInfo,
  QslJobParameterLegend,
  QslJobParameterRender,
} from "../job/input.ts";
import type {
  Config,
  DataSet,
  DataSource,
  Vector,
  VectorJoin,
} from "./config.ts";

/** Which layers and styles a job uses. */
export interface LayerSelection {
  /** Layer or group names (or ids), WMS order: the first at the bottom. */
  layers: string[];
  /** Style names, one per entry of `layers`; `""` or absent: the current style. */
  styles?: string[];
  /** Folder below the worker's data root the file sources are relative to; default `""`. */
  folder_name?: string;
}

/** A box as x/y numbers or the WMS `"a,b,c,d"` text / list. */
export type BoxInput =
  | string
  | readonly [number, number, number, number]
  | { x_min: number; y_min: number; x_max: number; y_max: number };

/** The map of a render or feature info job. */
export interface MapOptions {
  /** Map CRS, e.g. `EPSG:2056`, `EPSG:4326`, `OGC:CRS84`. */
  crs: string;
  /** WMS 1.3 `BBOX` in the CRS's axis order (lat/lon for EPSG:4326). */
  bbox?: BoxInput;
  /** The extent as x/y (east/north, lon/lat); used when `bbox` is absent. */
  extent?: BoxInput;
  /** Image width in pixels. */
  width: number;
  /** Image height in pixels. */
  height: number;
  /** Dots per inch; default 96. */
  dpi?: number | null;
}

/** Options of {@link buildRenderJob}. */
export interface RenderJobOptions extends LayerSelection, MapOptions {
  /** Output MIME type; default `image/png`. */
  format?: string;
}

/** Options of {@link buildFeatureInfoJob}. */
export interface FeatureInfoJobOptions extends LayerSelection, MapOptions {
  /** Layers to query (names of layers or groups); default: all of `layers`. */
  query_layers?: string[];
  /** Pixel column. */
  i: number;
  /** Pixel row. */
  j: number;
  /** `application/json` (default), `text/plain`, `text/html`, `application/vnd.ogc.gml`. */
  info_format?: string;
  /** Most features per layer; default 1. */
  feature_count?: number;
  /** Whether features come with their geometry; default false. */
  with_geometry?: boolean;
}

/** Options of {@link buildLegendJob}. */
export interface LegendJobOptions extends LayerSelection {
  /** Output MIME type; default `image/png`. */
  format?: string;
  /** Dots per inch; default 91 (QGIS Server's). */
  dpi?: number;
  /** Map scale for scale-dependent rules. */
  scale?: number | null;
  /** Whether to draw layer titles; default false. */
  layer_title?: boolean;
}

/** Options of {@link buildFeatureJob}. */
export interface FeatureJobOptions {
  /** Vector layers or groups to read, in order. */
  layers: string[];
  /** Folder below the data root; default `""`. */
  folder_name?: string;
  /** A FES 2.0 filter XML applied to every layer. */
  filter?: string | null;
  /** Paging offset; default 0. */
  start_index?: number;
  /** Page size; default all. */
  count?: number | null;
}

const SOURCE_KEYS: (keyof DataSource)[] = [
  "ogr",
  "gdal",
  "postgres",
  "wms",
  "wmts",
  "xyz",
  "wfs",
  "vector_tile",
];

function fail(detail: string): RangeError {
  return new RangeError(`Cannot build the job: ${detail}`);
}

function allDatasets(config: Config): DataSet[] {
  const d = config.datasets;
  return [...d.vector, ...d.raster, ...d.custom];
}

/** Layer ids of a group, top first, as the layer tree draws them. */
function groupLayerIds(config: Config, groupId: string): string[] {
  const groups = new Map(config.tree.members.map((g) => [g.id, g]));
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (id: string) => {
    const g = groups.get(id);
    if (!g || seen.has(id)) return;
    seen.add(id);
    for (const child of g.children) {
      if (groups.has(child) && child !== id) walk(child);
      else out.push(child);
    }
  };
  walk(groupId);
  return out;
}

function cleanSource(source: Record<string, unknown>): string {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source)) if (v != null) out[k] = v;
  return JSON.stringify(out);
}

/**
 * The job layer of one exported dataset, in the given style.
 *
 * @throws {RangeError} when the style is not one of the dataset's or the
 * dataset has no source a worker reads.
 * @example
 * ```ts
 * import { jobLayer } from "./jobs.ts";
 * import { Raster } from "./config.ts";
 * const layer = jobLayer(Raster.parse({
 *   id: "dem_1", name: "dem", is_checked: true, title: "DEM", driver: "gdal",
 *   source: { gdal: { path: "data/dem.tif" } },
 * }));
 * layer.source; // '{"path":"data/dem.tif"}'
 * ```
 */
export function jobLayer(
  dataset: DataSet,
  style = "",
  folderName = "",
): QslJobLayer {
  const key = SOURCE_KEYS.find((k) => dataset.source[k] != null);
  if (!key) {
    throw fail(`layer '${dataset.name}' has no source a worker reads`);
  }
  const source = dataset.source[key] as unknown as Record<string, unknown>;
  const wanted = style || dataset.style_name;
  const found = dataset.styles.find((s) => s.name === wanted) ??
    (style ? undefined : dataset.styles[0]);
  if (style && !found) {
    throw fail(
      `layer '${dataset.name}' has no style '${style}' (known: ${
        dataset.styles.map((s) => `'${s.name}'`).join(", ") || "none"
      })`,
    );
  }
  const layer: QslJobLayer = {
    id: dataset.id,
    name: dataset.name,
    source: cleanSource(source),
    remote: isRemote(key, source),
    folder_name: folderName,
    driver: dataset.driver,
    style: found ? { name: found.name, definition: found.definition } : null,
    filter: null,
  };
  const joins = (dataset as Partial<Vector>).joins;
  // only a layer with joins has the key: the Python worker refuses keys it
  // does not know
  if (joins && joins.length > 0) {
    layer.joins = joins.map((j) => joinOf(dataset.name, j, folderName));
  }
  // QGIS draws a layer in the CRS its project declares, whatever its data
  // says; the key only where they differ, as joins
  const declared = dataset.crs?.auth_id;
  if (dataset.data_crs !== undefined && declared) layer.crs = declared;
  return layer;
}

function isRemote(key: string, source: Record<string, unknown>): boolean {
  const path = typeof source.path === "string" ? source.path : "";
  // an MBTiles file of vector tiles is a file below the data root too
  return key === "ogr" || key === "gdal" ||
      (key === "vector_tile" && source.type === "mbtiles")
    ? /^[a-z][a-z0-9+.-]*:\/\//i.test(path)
    : true;
}

function joinOf(
  name: string,
  join: VectorJoin,
  folderName: string,
): QslJobLayerJoin {
  const key = SOURCE_KEYS.find((k) => join.source[k] != null);
  if (!key) {
    throw fail(
      `layer '${name}' joins '${join.join_layer_name}', which has no source a worker reads`,
    );
  }
  const source = join.source[key] as unknown as Record<string, unknown>;
  return {
    layer: {
      id: join.join_layer_id,
      name: join.join_layer_name,
      source: cleanSource(source),
      remote: isRemote(key, source),
      folder_name: folderName,
      driver: join.driver,
      style: null,
      filter: null,
    },
    target_field: join.target_field,
    join_field: join.join_field,
    prefix: join.prefix,
    fields_subset: join.fields_subset,
    memory_cache: join.memory_cache,
  };
}

/**
 * The job layers of a selection, top first (WMS order reversed, groups
 * expanded in layer-tree drawing order).
 *
 * @throws {RangeError} on an unknown layer, group or style name.
 * @example
 * ```ts ignore
 * import { selectLayers } from "./jobs.ts";
 * const layers = selectLayers(config, { layers: ["background", "roads"] });
 * layers[0].name; // "roads" (drawn on top)
 * ```
 */
export function selectLayers(
  config: Config,
  selection: LayerSelection,
): QslJobLayer[] {
  const datasets = allDatasets(config);
  const byName = new Map<string, DataSet>();
  for (const d of datasets) if (!byName.has(d.name)) byName.set(d.name, d);
  const byId = new Map(datasets.map((d) => [d.id, d]));
  const groups = config.datasets.group;
  const styles = selection.styles ?? [];
  if (styles.length > selection.layers.length) {
    throw fail(
      `${styles.length} styles for ${selection.layers.length} layers`,
    );
  }
  const folder = selection.folder_name ?? "";
  const bottomFirst: QslJobLayer[] = [];
  selection.layers.forEach((name, i) => {
    const style = styles[i] ?? "";
    const d = byName.get(name) ?? byId.get(name);
    if (d) {
      bottomFirst.push(jobLayer(d, style, folder));
      return;
    }
    const g = groups.find((g) => g.name === name) ??
      groups.find((g) => g.id === name);
    if (!g) {
      const known = [...byName.keys(), ...groups.map((g) => g.name)]
        .filter((n) => n).map((n) => `'${n}'`).join(", ");
      throw fail(
        `no layer or group named '${name}' (known: ${known || "none"})`,
      );
    }
    if (style) {
      throw fail(`group '${name}' takes no style (got '${style}')`);
    }
    const ids = groupLayerIds(config, g.id);
    // The tree lists a group's layers top first; WMS order is bottom first.
    for (const id of ids.reverse()) {
      const member = byId.get(id);
      if (member) bottomFirst.push(jobLayer(member, "", folder));
    }
  });
  return bottomFirst.reverse();
}

function toBox(input: BoxInput): BBox {
  let n: number[];
  if (typeof input === "string") n = input.split(",").map(Number);
  else if (Array.isArray(input)) n = [...input as readonly number[]];
  else {
    const b = input as Exclude<BoxInput, string | readonly number[]>;
    n = [b.x_min, b.y_min, b.x_max, b.y_max];
  }
  if (n.length !== 4 || n.some((v) => !Number.isFinite(v))) {
    throw fail(`'${String(input)}' is not a box of four numbers`);
  }
  if (n[0] >= n[2] || n[1] >= n[3]) {
    throw fail(`box ${n.join(",")} is empty (min ≥ max)`);
  }
  return {
    x_min: n[0],
    y_min: n[1],
    x_max: n[2],
    y_max: n[3],
    z_min: 0,
    z_max: 0,
  };
}

function swap(b: BBox): BBox {
  return {
    ...b,
    x_min: b.y_min,
    y_min: b.x_min,
    x_max: b.y_max,
    y_max: b.x_max,
  };
}

/**
 * The bbox a job carries (the CRS's axis order) for a map: `bbox` as given,
 * else `extent` (x/y) swapped when the CRS has inverted axes, else the union
 * of the layers' extents when all are in `crs`.
 *
 * @throws {RangeError} when no box can be made.
 * @example
 * ```ts
 * import { jobBbox } from "./jobs.ts";
 * // lon/lat 5.9–10.5 E, 45.8–47.8 N as WMS 1.3 wants it in EPSG:4326
 * jobBbox({ crs: "EPSG:4326", extent: [5.9, 45.8, 10.5, 47.8] });
 * // { x_min: 45.8, y_min: 5.9, x_max: 47.8, y_max: 10.5, z_min: 0, z_max: 0 }
 * ```
 */
export function jobBbox(
  map: Pick<MapOptions, "crs" | "bbox" | "extent">,
  datasets: DataSet[] = [],
): BBox {
  const crs = normaliseCrs(map.crs);
  if (map.bbox !== undefined) return toBox(map.bbox);
  let extent: BBox | null = map.extent !== undefined ? toBox(map.extent) : null;
  if (!extent) {
    let union: BBox | null = null;
    for (const d of datasets) {
      const own = d.crs?.auth_id ? normaliseCrs(d.crs.auth_id) : null;
      if (!d.bbox || own !== crs) {
        throw fail(
          `no bbox given and layer '${d.name}' has ${
            d.bbox ? `its extent in ${own ?? "an unknown CRS"}` : "no extent"
          }, not ${crs}`,
        );
      }
      const b: BBox = d.bbox;
      union = union === null ? { ...b, z_min: 0, z_max: 0 } : {
        x_min: Math.min(union.x_min, b.x_min),
        y_min: Math.min(union.y_min, b.y_min),
        x_max: Math.max(union.x_max, b.x_max),
        y_max: Math.max(union.y_max, b.y_max),
        z_min: 0,
        z_max: 0,
      };
    }
    extent = union;
  }
  if (!extent) throw fail("no bbox, no extent and no layer to take one from");
  return hasInvertedAxes(crs) ? swap(extent) : extent;
}

function datasetsOf(config: Config, layers: QslJobLayer[]): DataSet[] {
  const byId = new Map(allDatasets(config).map((d) => [d.id, d]));
  return layers.map((l) => byId.get(l.id)).filter((d): d is DataSet => !!d);
}

/**
 * A render (GetMap) job from an exported config.
 *
 * @throws {RangeError} on unknown names or a box that cannot be made.
 * @example
 * ```ts ignore
 * import { buildRenderJob } from "./jobs.ts";
 * const job = buildRenderJob(config, {
 *   layers: ["landuse", "roads"], crs: "EPSG:4326",
 *   bbox: "46.9,7.4,47.0,7.5", // WMS 1.3: lat/lon
 *   width: 800, height: 600,
 * });
 * ```
 */
export function buildRenderJob(
  config: Config,
  options: RenderJobOptions,
): QslJobParameterRender {
  const layers = selectLayers(config, options);
  return {
    layers,
    bbox: jobBbox(options, datasetsOf(config, layers)),
    crs: options.crs,
    width: options.width,
    height: options.height,
    dpi: options.dpi ?? null,
    format: options.format ?? "image/png",
    svg_paths: [],
    ...projectMeasures(config),
  };
}

/** The project's measures a job carries: those the config has (ours). */
function projectMeasures(
  config: Config,
): Pick<QslJobParameterRender, "ellipsoid" | "area_units" | "distance_units"> {
  const { ellipsoid, area_units, distance_units } = config.project;
  return {
    ...(ellipsoid === undefined ? {} : { ellipsoid }),
    ...(area_units === undefined ? {} : { area_units }),
    ...(distance_units === undefined ? {} : { distance_units }),
  };
}

/**
 * A feature info (GetFeatureInfo) job from an exported config.
 *
 * @throws {RangeError} on unknown names or a box that cannot be made.
 * @example
 * ```ts ignore
 * import { buildFeatureInfoJob } from "./jobs.ts";
 * const job = buildFeatureInfoJob(config, {
 *   layers: ["roads"], crs: "EPSG:2056", bbox: "2600000,1200000,2601000,1201000",
 *   width: 256, height: 256, i: 128, j: 128,
 * });
 * ```
 */
export function buildFeatureInfoJob(
  config: Config,
  options: FeatureInfoJobOptions,
): QslJobParameterFeatureInfo {
  const layers = selectLayers(config, options);
  const query = options.query_layers
    ? selectLayers(config, {
      layers: options.query_layers,
      folder_name: options.folder_name,
    })
    : layers;
  return {
    INFO_FORMAT: options.info_format ?? "application/json",
    QUERY_LAYERS: query.map((l) => l.name).join(","),
    X: null,
    Y: null,
    I: String(options.i),
    J: String(options.j),
    FEATURE_COUNT: options.feature_count ?? 1,
    FI_POINT_TOLERANCE: 0,
    FI_LINE_TOLERANCE: 0,
    FI_POLYGON_TOLERANCE: 0,
    WITH_GEOMETRY: options.with_geometry ?? false,
    // the project's setting, only when the config has it (ours)
    ...(config.project.wms_add_wkt_geometry === undefined
      ? {}
      : { wms_add_wkt_geometry: config.project.wms_add_wkt_geometry }),
    ...(config.project.wms_precision === undefined
      ? {}
      : { wms_precision: config.project.wms_precision }),
    ...(config.project.wms_feature_info_use_attribute_form_settings ===
        undefined
      ? {}
      : {
        wms_feature_info_use_attribute_form_settings:
          config.project.wms_feature_info_use_attribute_form_settings,
      }),
    ...projectMeasures(config),
    layers,
    bbox: jobBbox(options, datasetsOf(config, layers)),
    crs: options.crs,
    width: options.width,
    height: options.height,
    dpi: options.dpi ?? null,
  };
}

/**
 * A legend (GetLegendGraphic) job from an exported config.
 *
 * @throws {RangeError} on unknown layer, group or style names.
 * @example
 * ```ts ignore
 * import { buildLegendJob } from "./jobs.ts";
 * const job = buildLegendJob(config, { layers: ["roads"], styles: ["night"] });
 * ```
 */
export function buildLegendJob(
  config: Config,
  options: LegendJobOptions,
): QslJobParameterLegend {
  return {
    layers: selectLayers(config, options),
    format: options.format ?? "image/png",
    width: null,
    height: null,
    dpi: options.dpi ?? 91,
    scale: options.scale ?? null,
    layer_title: options.layer_title ?? false,
  };
}

/**
 * A feature (GetFeature) job from an exported config: one query per layer,
 * reported under the layer's name.
 *
 * @throws {RangeError} on unknown names.
 * @example
 * ```ts ignore
 * import { buildFeatureJob } from "./jobs.ts";
 * const job = buildFeatureJob(config, { layers: ["roads"], count: 10 });
 * ```
 */
export function buildFeatureJob(
  config: Config,
  options: FeatureJobOptions,
): QslJobParameterFeature {
  // Queries follow the order asked (a group's layers in tree order), not a
  // drawing order.
  const layers = options.layers.flatMap((name) =>
    selectLayers(config, { layers: [name], folder_name: options.folder_name })
  );
  const filter = options.filter ? { definition: options.filter } : null;
  return {
    queries: layers.map((l) => ({
      layers: [{ ...l, style: null }],
      aliases: [l.name],
      filter,
    })),
    start_index: options.start_index ?? 0,
    count: options.count ?? null,
  };
}

/**
 * The envelope a client posts: `{ id, type, job }`.
 *
 * @example
 * ```ts
 * import { jobEnvelope } from "./jobs.ts";
 * const info = jobEnvelope("QslJobInfoLegend", {
 *   layers: [], format: "image/png", width: null, height: null, dpi: 91,
 *   scale: null, layer_title: false,
 * });
 * info.type; // "QslJobInfoLegend"
 * ```
 */
export function jobEnvelope<T extends QslJobInfo["type"]>(
  type: T,
  job: Extract<QslJobInfo, { type: T }>["job"],
  id: string = crypto.randomUUID(),
): Extract<QslJobInfo, { type: T }> {
  return { id, type, job } as Extract<QslJobInfo, { type: T }>;
}
