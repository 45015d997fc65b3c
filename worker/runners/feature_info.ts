/**
 * The feature info runner (`QslJobInfoFeatureInfo`, WMS GetFeatureInfo-like):
 * the features of the queried layers under one pixel of the map the job
 * describes — only those the layer's style draws there at the map's scale
 * (renderer categories, classes and rules, scale ranges, layer scale
 * visibility, the layer's filter and subset), at most `FEATURE_COUNT` per
 * layer, in the provider's order — written as GeoJSON, QGIS Server's
 * plain text, HTML or GML 2.
 *
 * As QGIS Server, the pixel's centre is the info point and the search
 * rectangle is the point ± the tolerance of the layer's geometry type
 * (`FI_POINT_TOLERANCE`, `FI_LINE_TOLERANCE`, `FI_POLYGON_TOLERANCE` pixels;
 * 0 falls back to QGIS Server's extent width / 100, 200, 400). A raster
 * layer answers every band's value at the point (`Band 1 = '…'`), read as
 * QGIS's provider reads the map pixel there (overviews on a coarse map).
 *
 * @module
 */
import type {
  QslJobInfoFeatureInfo,
  QslJobLayer,
  QslJobParameterFeatureInfo,
} from "@qgis-server-light/interface";
import {
  collectFeatures,
  openSource,
  type RasterSource,
  type Source,
  type VectorSource,
} from "../sources/mod.ts";
import {
  evaluate,
  type Expression,
  isTruthy,
  type LayerLookup,
  withLayerLookup,
  withMeasurer,
} from "../expression/mod.ts";
import { jobLayerLookup } from "./expression_layers.ts";
import { ogcFilterToExpression } from "../filter/mod.ts";
import type { Element } from "@xmldom/xmldom";
import {
  computeMapSettings,
  computeScale,
  hasInvertedAxes,
  isGeographic,
  isNoCrs,
  normaliseCrs,
} from "../map/compute.ts";
import { mapVariables } from "../map/variables.ts";
import type { MapSettings } from "../map/map_settings.ts";
import {
  styleDocument,
  vectorStyleOf,
  visibleAtScale,
} from "../style/document.ts";
import { hasPluginRenderer } from "../style/default_symbol.ts";
import type { VectorStyle } from "../style/model.ts";
import type { Feature, GeometryKind, Rect } from "../geometry/types.ts";
import { formFields, infoFields } from "./feature_info_fields.ts";
import {
  addVirtualValues,
  virtualFields,
  withJoinKeys,
} from "./feature_info_virtual.ts";
import {
  type ReferenceCache,
  resolveRelationReferences,
  resolveValueRelations,
  type ValueRelationCache,
} from "./feature_info_relations.ts";
import { readBandNames } from "../legend/band_names.ts";
import { type Gdal, getGdal, withGdal } from "../gdal/gdal.ts";
import { projectMeasurer } from "./project_measurer.ts";
import { transformInPlace } from "../gdal/transform.ts";
import { transformBoundingBox } from "../sources/wms/bbox.ts";
import type { PaintContext } from "../paint/context.ts";
import { symbolPicker } from "../paint/vector_layer.ts";
import { renderDeps } from "./render_deps.ts";
import {
  type BandValue,
  INFO_FORMATS,
  type InfoLayer,
  writeFeatureInfo,
} from "./feature_info_format.ts";
import {
  JobError,
  type Runner,
  type RunnerContext,
  type RunnerOutput,
} from "./types.ts";

const FAIL = "Cannot query feature info";

/**
 * Reads the pixel the job asks about: `I`/`J` (WMS 1.3) when either is
 * given, else `X`/`Y` (WMS 1.1); both must be integers inside the image.
 *
 * @throws {JobError} for a missing, non-integer or outside pixel.
 * @example
 * ```ts
 * import { queryPixel } from "./feature_info.ts";
 * queryPixel({ I: "5", J: "7", X: null, Y: null }, 256, 256); // [5, 7]
 * ```
 */
export function queryPixel(
  job: Pick<QslJobParameterFeatureInfo, "I" | "J" | "X" | "Y">,
  width: number,
  height: number,
): [number, number] {
  const wms13 = job.I !== null || job.J !== null;
  const [ni, nj] = wms13 ? ["I", "J"] : ["X", "Y"];
  const [vi, vj] = wms13 ? [job.I, job.J] : [job.X, job.Y];
  if (vi === null && vj === null) {
    throw new JobError(`${FAIL}: the job gives no pixel (I and J, or X and Y)`);
  }
  const read = (name: string, v: string | null): number => {
    if (v === null) throw new JobError(`${FAIL}: ${name} is missing`);
    if (!/^\s*[+-]?\d+\s*$/.test(v)) {
      throw new JobError(`${FAIL}: ${name} '${v}' is not an integer`);
    }
    return Number(v);
  };
  const i = read(ni, vi), j = read(nj, vj);
  if (i < 0 || i >= width || j < 0 || j >= height) {
    throw new JobError(
      `${FAIL}: pixel (${i}, ${j}) is outside the ${width}×${height} image`,
    );
  }
  return [i, j];
}

/**
 * The job layers `QUERY_LAYERS` names, in its order: matched by name, else
 * by id; a name given twice is queried once. Of layers sharing a name, the
 * one whose id sorts first answers, as QGIS Server 3.22 finds a name among
 * the project's layers (held by id in a `QMap`).
 *
 * @throws {JobError} for an empty list or a name no job layer has.
 * @example
 * ```ts
 * import { resolveQueryLayers } from "./feature_info.ts";
 * const layers = [{ id: "l1", name: "roads" }, { id: "l2", name: "zones" }];
 * resolveQueryLayers("zones, roads", layers).map((l) => l.id); // ["l2", "l1"]
 * ```
 */
export function resolveQueryLayers<L extends { id: string; name: string }>(
  queryLayers: string,
  layers: L[],
): L[] {
  // QGIS Server takes the names as they are (a layer named with a trailing
  // space is asked for with it); ours also match without the spaces around
  const asked = queryLayers.split(",").filter((s) => s.trim());
  if (!asked.length) throw new JobError(`${FAIL}: QUERY_LAYERS names no layer`);
  const out: L[] = [];
  for (const raw of asked) {
    const name = layers.some((l) => l.name === raw) ? raw : raw.trim();
    const named = layers.filter((l) => l.name === name);
    // QString's order: UTF-16 code units, as JavaScript's <
    const layer = named.reduce<L | undefined>(
      (first, l) => first === undefined || l.id < first.id ? l : first,
      undefined,
    ) ?? layers.find((l) => l.id === name);
    if (!layer) {
      throw new JobError(
        `${FAIL}: layer '${name}' in QUERY_LAYERS is not one of the job's layers (${
          layers.map((l) => `'${l.name}'`).join(", ") || "none"
        })`,
      );
    }
    if (!out.includes(layer)) out.push(layer);
  }
  return out;
}

/**
 * The image QGIS Server 3.22 answers GetFeatureInfo for (createImage, as
 * WMS 1.3 asks): when the bbox's aspect differs from `width`/`height` by
 * more than 0.0001, a size of square pixels of the two resolutions' mean,
 * each side truncated; else the job's size. The clicked pixel is scaled to
 * it (truncated) and the info point is that pixel's centre.
 *
 * @example
 * ```ts
 * import { infoImageSize } from "./feature_info.ts";
 * const box = { xmin: 0, ymin: 0, xmax: 15025, ymax: 10250 };
 * infoImageSize(box, 640, 437); // [640, 436]
 * infoImageSize(box, 601, 410); // [601, 410]
 * ```
 */
export function infoImageSize(
  extent: Rect,
  width: number,
  height: number,
): [number, number] {
  const w = extent.xmax - extent.xmin, h = extent.ymax - extent.ymin;
  if (!(w > 0 && h > 0) || Math.abs(w / h - width / height) <= 0.0001) {
    return [width, height];
  }
  const cell = (w / width) * 0.5 + (h / height) * 0.5;
  return [Math.trunc(w / cell), Math.trunc(h / cell)];
}

/**
 * The search tolerance in map units for a geometry type, as QGIS Server's
 * featureInfoSearchRect: the job's pixels at the map's resolution, or
 * without them the requested extent's width / 100 (points), 200 (lines),
 * 400 (polygons).
 */
function toleranceFor(
  kind: GeometryKind | null,
  job: QslJobParameterFeatureInfo,
  map: MapSettings,
  requested: Rect,
): number {
  const [pixels, divisor] = kind === "polygon"
    ? [job.FI_POLYGON_TOLERANCE, 400]
    : kind === "line"
    ? [job.FI_LINE_TOLERANCE, 200]
    : [job.FI_POINT_TOLERANCE, 100];
  return pixels > 0
    ? pixels * map.mapUnitsPerPixel
    : (requested.xmax - requested.xmin) / divisor;
}

/**
 * The extent the job asks for, in map x/y order (its bbox, axes swapped for
 * CRSs with northing first), before the map grows it to square pixels.
 */
function requestedExtent(job: QslJobParameterFeatureInfo): Rect {
  const b = job.bbox!;
  const inverted = hasInvertedAxes(normaliseCrs(job.crs!));
  return inverted
    ? { xmin: b.y_min, ymin: b.x_min, xmax: b.y_max, ymax: b.x_max }
    : { xmin: b.x_min, ymin: b.y_min, xmax: b.x_max, ymax: b.y_max };
}

/** What the runner reads of a layer's QML. */
interface LayerStyle {
  /** The style's root element, or null without a style. */
  root: Element | null;
  /** The vector renderer part, or null (raster style, no renderer). */
  vector: VectorStyle | null;
  /** Whether the layer is drawn at a scale (QgsMapLayer::isInScaleRange). */
  visibleAt: (scale: number) => boolean;
}

const NO_STYLE: LayerStyle = {
  root: null,
  vector: null,
  visibleAt: () => true,
};

function layerStyle(layer: QslJobLayer, ctx: RunnerContext): LayerStyle {
  const definition = layer.style?.definition;
  if (!definition) return NO_STYLE;
  try {
    const root = styleDocument(
      layer.name,
      definition,
      ctx.limits.maxStyleBytes,
    );
    return {
      root,
      vector: vectorStyleOf(root),
      visibleAt: (scale) => visibleAtScale(root, scale),
    };
  } catch (error) {
    throw new JobError((error as Error).message, { cause: error });
  }
}

// The scale QGIS Server's layer scale ranges are tested against: the wire
// bbox's first axis measured as its width (see featureInfo).
function requestScale(
  bbox: { x_min: number; y_min: number; x_max: number; y_max: number },
  crs: string,
  width: number,
  dpi: number,
): number {
  const c = normaliseCrs(crs);
  return computeScale(
    { xmin: bbox.x_min, ymin: bbox.y_min, xmax: bbox.x_max, ymax: bbox.y_max },
    width,
    dpi,
    isGeographic(c) || isNoCrs(c),
  );
}

// qgsDoubleNear's default epsilon (4 × DBL_EPSILON), as QgsRectangle::isEmpty
const NEAR = 4 * Number.EPSILON;

/**
 * A feature's layer-CRS bounding box in the map's CRS as QGIS Server's GML
 * bounds it (`QgsCoordinateTransform::transformBoundingBox`): a box without
 * width or height (a point, a straight horizontal line) is its lower-left
 * corner transformed; null when nothing transforms.
 */
function gmlBounds(
  gdal: Gdal,
  box: Rect,
  from: string,
  to: string,
): Rect | null {
  if (box.xmax - box.xmin > NEAR && box.ymax - box.ymin > NEAR) {
    return transformBoundingBox(gdal, box, from, to);
  }
  const p = new Float64Array([box.xmin, box.ymin]);
  const [ok] = transformInPlace(gdal, [p], from, to, false);
  return ok ? { xmin: p[0], ymin: p[1], xmax: p[0], ymax: p[1] } : null;
}

async function queryVectorLayer(
  layer: QslJobLayer,
  source: VectorSource,
  job: QslJobParameterFeatureInfo,
  map: MapSettings,
  point: [number, number],
  requested: Rect,
  ctx: RunnerContext,
  relations: ValueRelationCache,
  references: ReferenceCache,
  lookup: LayerLookup | null,
): Promise<InfoLayer> {
  const { root, vector: style } = layerStyle(layer, ctx);
  // the job's layers the style's expressions read (get_feature, sum …)
  // and $area, $length, $perimeter as the project measures
  const measurer = projectMeasurer(await getGdal(), job, map.crs);
  const withLayers = (v: Record<string, unknown>) =>
    withMeasurer(lookup ? withLayerLookup(v, lookup) : v, measurer);
  const variables: Record<string, unknown> = withLayers({
    ...mapVariables(map),
    layer_id: layer.id,
    layer_name: layer.name,
    layer: layer.id,
  });
  let filter: Expression | null = null;
  const filterXml = layer.filter?.definition;
  if (filterXml && filterXml.trim()) {
    try {
      filter = ogcFilterToExpression(filterXml);
    } catch (error) {
      throw new JobError(
        `${FAIL}: the filter of layer '${layer.name}' cannot be applied: ${
          (error as Error).message
        }`,
        { cause: error },
      );
    }
  }
  const data = await source.hitTest({
    point,
    crs: map.crs,
    tolerance: (kind) => toleranceFor(kind, job, map, requested),
    filter,
  });
  // what the source could not apply is evaluated here
  const residual = data.residual;
  const keep = residual
    ? (f: Feature) =>
      isTruthy(
        evaluate(residual, { feature: f, geometry: f.geometry, variables }),
      )
    : null;
  // virtual fields follow the data's (QGIS does not add one named as a
  // data field); their values are the layer's as its renderer and filter
  // see them (a renderer may classify by one)
  const virtual = virtualFields(root).filter((v) =>
    !data.fields.some((f) => f.name === v.name)
  );
  const layerVariables = withLayers({
    layer_id: layer.id,
    layer_name: layer.name,
    layer: layer.id,
  });
  // symbolPicker reads only the map, the compiler, the variables and warns
  // (an expression QGIS cannot parse either picks as NULL, as on the map)
  const warned = new Set<string>();
  const warn = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    ctx.logger.log("warning", message);
  };
  const pc = {
    map,
    compile: renderDeps.compile,
    variables,
    warn,
  } as PaintContext;
  // a layer without a vector renderer (`nullSymbol`) has nothing to filter
  // by: every feature under the pixel counts, as QGIS Server answers it; so
  // has one with a plugin's renderer, whose default single symbol QGIS
  // without the plugin keeps draws every feature
  const pick = style && style.renderer.type !== "nullSymbol" &&
      !hasPluginRenderer(style)
    ? symbolPicker(
      pc,
      style.renderer,
      new Set([...data.fields, ...virtual].map((f) => f.name)),
      true,
    )
    : null;
  const hits: Feature[] = [];
  try {
    for (const read of await collectFeatures(data)) {
      if (!read.geometry) continue;
      const f = virtual.length
        ? addVirtualValues([read], virtual, layerVariables)[0]
        : read;
      if (keep && !keep(f)) continue;
      if (pick && pick(f).length === 0) continue;
      hits.push(f);
    }
  } catch (error) {
    if (error instanceof JobError) throw error;
    throw new JobError(
      `${FAIL}: the style or filter of layer '${layer.name}' failed on a feature: ${
        (error as Error).message
      }`,
      { cause: error },
    );
  }
  // QGIS Server answers in the provider's order under its search
  // rectangle, the first FEATURE_COUNT of them: the sources read in it
  // (feature id for files read in order and shapefiles' indexes, the
  // R-tree's for GeoPackages)
  const shown = hits.slice(0, job.FEATURE_COUNT);
  const fields = infoFields(root, [...data.fields, ...virtual]);
  // the tables of value relations are read only for features to show
  if (hits.length) {
    await resolveValueRelations(fields, job.layers, layer, ctx, relations);
    await resolveRelationReferences(
      fields,
      root,
      job.layers,
      ctx,
      references,
      layer,
    );
  }
  // GML bounds a reprojected feature by its layer-CRS box transformed
  const gml = job.INFO_FORMAT.trim().toLowerCase() ===
    "application/vnd.ogc.gml";
  const boxes = gml && shown.some((f) => f.sourceBounds)
    ? await withGdal((gdal) =>
      shown.map((f) =>
        f.sourceBounds
          ? gmlBounds(gdal, f.sourceBounds.box, f.sourceBounds.crs, map.crs)
          : null
      )
    )
    : [];
  // with the project's "use attribute form settings", all but GML list a
  // drag-and-drop form's fields, in its order
  const listed = job.wms_feature_info_use_attribute_form_settings && !gml
    ? formFields(root, fields) ?? fields
    : fields;
  return {
    name: layer.name,
    fields: listed,
    // JSON looks its fields up among them all (the shown ones as resolved)
    ...(job.INFO_FORMAT.trim().toLowerCase().includes("json")
      ? {
        allFields: infoFields(root, [...data.fields, ...virtual], true).map(
          (f) => fields.find((s) => s.name === f.name) ?? f,
        ),
      }
      : {}),
    features: shown.map((f, i) => ({
      id: f.id,
      attributes: f.attributes,
      geometry: f.geometry,
      ...(f.unjoined ? { unjoined: f.unjoined } : {}),
      ...(boxes[i] ? { bounds: boxes[i]! } : {}),
    })),
  };
}

/** The map QGIS Server identifies a raster on: its extent and size. */
interface MapPixels {
  extent: Rect;
  width: number;
  height: number;
}

/**
 * Whether `QgsRasterDataProvider::block` reads a 1 × 1 block over `pixel`
 * from a raster of extent `e` (its CRS): the part of the pixel on the
 * raster, in pixel units, rounded to whole columns and rows, is not empty.
 */
function coveredEnough(pixel: Rect, e: Rect): boolean {
  const xmin = Math.max(pixel.xmin, e.xmin),
    xmax = Math.min(pixel.xmax, e.xmax);
  const ymin = Math.max(pixel.ymin, e.ymin),
    ymax = Math.min(pixel.ymax, e.ymax);
  if (!(xmin < xmax && ymin < ymax)) return false;
  const w = pixel.xmax - pixel.xmin, h = pixel.ymax - pixel.ymin;
  // std::round, halves away from zero (the offsets are not negative)
  const fromCol = Math.round((xmin - pixel.xmin) / w);
  const toCol = Math.round((xmax - pixel.xmin) / w) - 1;
  const fromRow = Math.round((pixel.ymax - ymax) / h);
  const toRow = Math.round((pixel.ymax - ymin) / h) - 1;
  return toCol >= fromCol && toRow >= fromRow;
}

/**
 * Every band's value at the point as QGIS Server 3.22 reads it
 * (`QgsRenderer::featureInfoFromRasterLayer`): `QgsGdalProvider::identify`
 * on the map's extent and size reads a 1 × 1 block over the map pixel under
 * the point, so a map coarser than the raster reads it as the provider
 * draws it (GDAL's overviews, a JPEG's reduced decoding, nearest neighbour
 * on them). A raster in another CRS is identified in its own: the point
 * taken there, and the grid of map pixels laid over the map extent's two
 * corners taken there (`QgsCoordinateTransform::transform` of a rectangle,
 * not its bounding box). `undefined` when QGIS would identify at the
 * raster's own resolution (rotated grids), which `valuesAt` answers; null
 * outside the raster.
 */
async function valuesOnMap(
  source: RasterSource,
  point: [number, number],
  crs: string,
  map: MapPixels,
): Promise<(number | null)[] | null | undefined> {
  // the CRS test the map is drawn by (a raster without a CRS takes the
  // project's layer CRS in QGIS, so is the map's)
  const own = await source.read((reader) => {
    const info = reader.info;
    if (info.rotated) return Promise.resolve(undefined);
    const same = reader.sameCrs?.(crs) ?? info.crs === crs;
    return Promise.resolve(same ? null : info.crs ?? (info.wkt || null));
  });
  if (own === undefined) return undefined;
  let [x, y] = point;
  let m = map.extent;
  if (own !== null) {
    const xy = new Float64Array([x, y, m.xmin, m.ymin, m.xmax, m.ymax]);
    const ok = await withGdal((gdal) =>
      transformInPlace(gdal, [xy], crs, own, false)
    );
    if (!ok[0]) return null;
    [x, y] = [xy[0], xy[1]];
    m = {
      xmin: Math.min(xy[2], xy[4]),
      ymin: Math.min(xy[3], xy[5]),
      xmax: Math.max(xy[2], xy[4]),
      ymax: Math.max(xy[3], xy[5]),
    };
  }
  const blockCrs = own ?? crs;
  return await source.read(async (reader) => {
    const info = reader.info;
    const e = info.extent;
    if (!(x >= e.xmin && x <= e.xmax && y >= e.ymin && y <= e.ymax)) {
      return null;
    }
    const xres = (m.xmax - m.xmin) / map.width;
    const yres = (m.ymax - m.ymin) / map.height;
    const col = Math.floor((x - m.xmin) / xres);
    const row = Math.floor((m.ymax - y) / yres);
    const xmin = m.xmin + col * xres, ymax = m.ymax - row * yres;
    const pixel = { xmin, ymin: ymax - yres, xmax: xmin + xres, ymax };
    // a pixel the raster covers too little of (less than its centre on an
    // axis: QgsRasterDataProvider::block's rounded sub-rectangle is empty)
    // is a block filled with no data, whose value identify then reads as
    // it is: the band's no-data value (no data), or 0 for a band without
    // one (a reprojected map's pixel grid can lie off the raster around a
    // point on it)
    if (!coveredEnough(pixel, e)) {
      return info.noData.map((v) => v === null ? 0 : null);
    }
    const out: (number | null)[] = [];
    for (let band = 1; band <= info.bandCount; band++) {
      const [v] = await reader.block(band, {
        extent: pixel,
        crs: blockCrs,
        width: 1,
        height: 1,
      });
      out.push(Number.isNaN(v) ? null : v);
    }
    return out;
  });
}

/**
 * Every band's value at the point, named as QGIS Server names them
 * (`Band 1`, `Band 01: height`: the band count, the band's description).
 */
async function rasterBands(
  layer: QslJobLayer,
  source: RasterSource,
  point: [number, number],
  crs: string,
  map: MapPixels,
  ctx: RunnerContext,
): Promise<BandValue[] | null> {
  const onMap = await valuesOnMap(source, point, crs, map);
  const values = onMap === undefined
    ? await source.valuesAt(point, crs)
    : onMap;
  if (!values) return null;
  let name = (band: number) => `Band ${band}`;
  try {
    name = await readBandNames(layer, ctx, { interpretation: false });
  } catch {
    // the values were read: only the descriptions are missing
  }
  return values.map((value, i) => ({ name: name(i + 1), value }));
}

/**
 * A layer whose source answers feature info itself (a WMS's
 * GetFeatureInfo), as QGIS Server's featureInfoFromRasterLayer writes the
 * features its provider identified: GML gets one feature each (its
 * attributes as the service gave them), the other formats the features'
 * attributes in a row as the layer's attributes, as raster values are.
 * The source asks in its own CRS and feature count.
 */
async function querySourceItself(
  layer: QslJobLayer,
  source: Source,
  map: MapSettings,
  point: [number, number],
  format: string,
): Promise<InfoLayer> {
  const answer = await source.featureInfo!({
    point,
    extent: map.extent,
    crs: map.crs,
    width: map.width,
    height: map.height,
    featureCount: 0,
  });
  if (!answer) return { name: layer.name, features: [] };
  if (format === "application/vnd.ogc.gml" || format === "text/xml") {
    return {
      name: layer.name,
      features: answer.features.map((f) => ({ ...f, geometry: null })),
    };
  }
  const bands: BandValue[] = [];
  for (const f of answer.features) {
    for (const [name, value] of Object.entries(f.attributes)) {
      if (value === null || value === undefined) continue;
      bands.push({
        name,
        value: String(value),
      });
    }
  }
  return { name: layer.name, features: [], bands };
}

/**
 * Answers a feature info job's parameters.
 *
 * @throws {JobError} for an unsupported format, a job without a map, a bad
 * pixel, an unknown query layer or one whose provider the worker does not
 * have, a source that cannot be read, or a style or filter that cannot be
 * read.
 * @example
 * ```ts ignore
 * import { featureInfo } from "./feature_info.ts";
 * const { data, contentType } = await featureInfo(info.job, ctx);
 * new TextDecoder().decode(data); // "GetFeatureInfo results\n\n…"
 * ```
 */
export async function featureInfo(
  job: QslJobParameterFeatureInfo,
  ctx: RunnerContext,
): Promise<RunnerOutput & { data: Uint8Array }> {
  const format = job.INFO_FORMAT.trim().toLowerCase();
  if (!INFO_FORMATS.includes(format)) {
    throw new JobError(
      `${FAIL}: INFO_FORMAT '${job.INFO_FORMAT}' is not supported (supported: ${
        INFO_FORMATS.join(", ")
      })`,
    );
  }
  const { bbox, crs, width, height } = job;
  const missing = Object.entries({ bbox, crs, width, height })
    .filter(([, v]) => v === null || v === undefined).map(([k]) => k);
  if (missing.length) {
    throw new JobError(
      `${FAIL}: the job does not describe the map (no ${missing.join(", ")})`,
    );
  }
  let map: MapSettings;
  let requested: Rect;
  let imageWidth: number, imageHeight: number;
  try {
    requested = requestedExtent(job);
    // QGIS Server's image: the map, its scale and pixel tolerances are its
    [imageWidth, imageHeight] = infoImageSize(requested, width!, height!);
    map = computeMapSettings({
      bbox: bbox!,
      crs: crs!,
      width: imageWidth,
      height: imageHeight,
      dpi: job.dpi,
    });
  } catch (error) {
    throw new JobError((error as Error).message, { cause: error });
  }
  if (
    Math.max(width!, map.width) > ctx.limits.maxWidth ||
    Math.max(height!, map.height) > ctx.limits.maxHeight
  ) {
    throw new JobError(
      `${FAIL}: ${width}×${height} exceeds the limit of ${ctx.limits.maxWidth}×${ctx.limits.maxHeight}`,
    );
  }
  if (job.layers.length > ctx.limits.maxLayers) {
    throw new JobError(
      `${FAIL}: ${job.layers.length} layers exceed the limit of ${ctx.limits.maxLayers}`,
    );
  }
  const [ci, cj] = queryPixel(job, width!, height!);
  const scaled = imageWidth !== width || imageHeight !== height;
  const i = scaled ? Math.trunc(ci * (imageWidth / width!)) : ci;
  const j = scaled ? Math.trunc(cj * (imageHeight / height!)) : cj;
  const queried = resolveQueryLayers(job.QUERY_LAYERS, job.layers);
  // QGIS Server 3.22 tests its layers' scale ranges against the scale of
  // the BBOX as the request writes it (QgsRenderer::getFeatureInfo:
  // QgsScaleCalculator on bboxAsRectangle), not the map's: axes not
  // swapped for a CRS of north-first axes (EPSG:4326's latitudes measured
  // as its width, its longitudes' middle as the latitude), extent not
  // grown to square pixels. The renderer's own scale rules still see the
  // map's scale.
  const scale = requestScale(bbox!, crs!, imageWidth, map.dpi);
  // every queried layer's provider is known before anything is read
  // (a join on a virtual field computes that field first, as QGIS does)
  const sources = queried.map((layer) =>
    openSource(
      layer.joins?.length
        ? withJoinKeys(layer, virtualFields(layerStyle(layer, ctx).root), {
          layer_id: layer.id,
          layer_name: layer.name,
          layer: layer.id,
        })
        : layer,
      ctx,
    )
  );
  // The pixel's centre, as QGIS Server's infoPointToMapCoordinates: in the
  // requested extent, each axis at its own resolution
  const point: [number, number] = [
    requested.xmin + (i + 0.5) * (requested.xmax - requested.xmin) / map.width,
    requested.ymax - (j + 0.5) * (requested.ymax - requested.ymin) / map.height,
  ];
  const layers: InfoLayer[] = [];
  const relations: ValueRelationCache = new Map();
  const references: ReferenceCache = new Map();
  // the layers the queried layers' styles read with get_feature, sum …
  const warned = new Set<string>();
  const lookup = await jobLayerLookup(
    job.layers,
    job.layers.map((l) => queried.includes(l) ? layerStyle(l, ctx).root : null),
    map.crs,
    ctx,
    (message) => {
      if (warned.has(message)) return;
      warned.add(message);
      ctx.logger.log("warning", message);
    },
  );
  for (const [k, layer] of queried.entries()) {
    const source = sources[k];
    // QGIS Server leaves a layer hidden at the request's scale out of the
    // answer, its name included
    if (!layerStyle(layer, ctx).visibleAt(scale)) continue;
    if (source.featureInfo) {
      layers.push(
        await querySourceItself(layer, source, map, point, format),
      );
      continue;
    }
    // vector and raster layers are identified; a vector tile layer has no
    // part in the answer (not supported)
    if (source.kind === "vectortile") continue;
    if (source.kind === "raster") {
      const bands = await rasterBands(layer, source, point, map.crs, {
        extent: requested,
        width: map.width,
        height: map.height,
      }, ctx);
      layers.push({ name: layer.name, features: [], bands: bands ?? [] });
      continue;
    }
    layers.push(
      await queryVectorLayer(
        layer,
        source,
        job,
        map,
        point,
        requested,
        ctx,
        relations,
        references,
        lookup,
      ),
    );
  }
  // QGIS Server: geometries when asked and the project adds them; GML's
  // bounds whenever the project adds geometries (a job without the
  // project's setting: as asked)
  const adds = job.wms_add_wkt_geometry;
  const text = writeFeatureInfo(
    {
      crs: map.crs,
      layers,
      withGeometry: !!job.WITH_GEOMETRY && adds !== false,
      boundedBy: adds ?? !!job.WITH_GEOMETRY,
      precision: job.wms_precision,
    },
    format,
  )!;
  return { data: new TextEncoder().encode(text), contentType: format };
}

/**
 * The feature info runner for a decoded `QslJobInfoFeatureInfo` envelope.
 *
 * @example
 * ```ts ignore
 * import { featureInfoRunner } from "./feature_info.ts";
 * const { data, contentType } = await featureInfoRunner(info, ctx);
 * ```
 */
export const featureInfoRunner: Runner<QslJobInfoFeatureInfo> = async (
  info,
  ctx,
) => await featureInfo(info.job, ctx);
