/**
 * Helpers the providers share: decoding a job layer's `source` JSON, the
 * "Cannot open layer" error, and reprojecting decoded features in one batch.
 *
 * @module
 */
import type { Feature, Geometry, Rect } from "../geometry/types.ts";
import type { Gdal } from "../gdal/gdal.ts";
import { transformInPlace } from "../gdal/transform.ts";
import { clipLineConnected, clipRing } from "../paint/geometry.ts";
import { JobError } from "../runners/types.ts";
import { transformBoundingBox } from "./wms/bbox.ts";
import { isGeographic } from "@qgis-server-light/interface";

/** What the helpers need of a layer: its name (for errors) and its source. */
export interface NamedSource {
  /** Layer name, used in error messages. */
  name: string;
  /** QGIS's decoded provider URI as a JSON string. */
  source: string;
}

/**
 * "Cannot open layer '<name>': <detail>" as a {@link JobError}.
 *
 * @example
 * ```ts
 * import { openError } from "./_util.ts";
 * openError({ name: "roads" }, "file not found").message;
 * // "Cannot open layer 'roads': file not found"
 * ```
 */
export function openError(
  layer: Pick<NamedSource, "name">,
  detail: string,
  cause?: unknown,
): JobError {
  return new JobError(
    `Cannot open layer '${layer.name}': ${detail}`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * A layer's `source` JSON as an object.
 *
 * @throws {JobError} when it is not valid JSON or not a JSON object.
 * @example
 * ```ts
 * import { decodeSourceJson } from "./_util.ts";
 * decodeSourceJson({ name: "roads", source: '{"path": "roads.gpkg"}' }).path; // "roads.gpkg"
 * ```
 */
export function decodeSourceJson(layer: NamedSource): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(layer.source);
  } catch (error) {
    throw openError(layer, "its source is not valid JSON", error);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw openError(layer, "its source is not a JSON object");
  }
  return raw as Record<string, unknown>;
}

/**
 * The first of `keys` the source sets (not null, not empty) as text:
 * strings as they are, numbers and booleans written out.
 *
 * @throws {JobError} "source key '<key>' must be a string" for an object or array.
 * @example
 * ```ts
 * import { sourceText } from "./_util.ts";
 * const layer = { name: "t" };
 * sourceText(layer, { layer_name: "towns" }, "layerName", "layer_name"); // "towns"
 * sourceText(layer, { port: 5432 }, "port"); // "5432"
 * sourceText(layer, { subset: "" }, "subset"); // undefined
 * ```
 */
export function sourceText(
  layer: Pick<NamedSource, "name">,
  record: Record<string, unknown>,
  ...keys: string[]
): string | undefined {
  return pickText(layer, record, keys, true);
}

/**
 * As {@link sourceText}, for keys that must be strings (a path, a layer
 * name): a number or boolean fails too.
 *
 * @throws {JobError} "source key '<key>' must be a string".
 * @example
 * ```ts
 * import { sourceString } from "./_util.ts";
 * sourceString({ name: "t" }, { path: "a.csv" }, "path"); // "a.csv"
 * ```
 */
export function sourceString(
  layer: Pick<NamedSource, "name">,
  record: Record<string, unknown>,
  ...keys: string[]
): string | undefined {
  return pickText(layer, record, keys, false);
}

function pickText(
  layer: Pick<NamedSource, "name">,
  record: Record<string, unknown>,
  keys: string[],
  scalars: boolean,
): string | undefined {
  for (const key of keys) {
    const value = record[key];
    if (value === undefined || value === null || value === "") continue;
    if (
      scalars && (typeof value === "number" || typeof value === "boolean")
    ) {
      return String(value);
    }
    if (typeof value !== "string") {
      throw openError(layer, `source key '${key}' must be a string`);
    }
    return value;
  }
  return undefined;
}

/**
 * Reprojects features (each with a geometry) in place, in one batch through
 * GDAL; features with a point that does not transform are dropped. Lines
 * and polygons keep their bounding box corner (xmin, ymin) in the source
 * CRS, reprojected, as `textureOrigin` (QGIS 3.22 anchors texture brushes
 * there, not at the reprojected geometry's corner); every feature keeps its
 * bounding box in the source CRS as `sourceBounds`.
 *
 * @throws {JobError} "Cannot reproject to <crs>: …" when GDAL has no
 * transformation between the two CRSs.
 * @example
 * ```ts ignore
 * import { withGdal } from "../gdal/gdal.ts";
 * import { reprojectFeatures } from "./_util.ts";
 * const out = await withGdal((gdal) => reprojectFeatures(gdal, features, "EPSG:4326", "EPSG:2056"));
 * ```
 */
export function reprojectFeatures(
  gdal: Gdal,
  features: Feature[],
  from: string,
  to: string,
  clip?: LayerClip | null,
): Feature[] {
  const arrays: Float64Array[] = [];
  const owners: number[] = [];
  const corners: [Float64Array, Feature][] = [];
  // the features' lines and rings clipped in the layer's CRS, reprojected
  // in a batch of their own (the features' batch as it was)
  const clipped: Float64Array[] = [];
  if (clip) {
    for (const f of features) {
      const drawn = clipInLayerCrs(f.geometry!, clip);
      f.drawGeometry = drawn;
      if (drawn !== f.geometry) {
        for (const part of drawn.parts) clipped.push(...part);
      }
    }
  }
  features.forEach((f, i) => {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const part of f.geometry!.parts) {
      for (const ring of part) {
        arrays.push(ring);
        owners.push(i);
        for (let k = 0; k + 1 < ring.length; k += 2) {
          if (ring[k] < x0) x0 = ring[k];
          if (ring[k + 1] < y0) y0 = ring[k + 1];
          if (ring[k] > x1) x1 = ring[k];
          if (ring[k + 1] > y1) y1 = ring[k + 1];
        }
      }
    }
    if (x0 <= x1 && y0 <= y1) {
      f.sourceBounds = {
        crs: from,
        box: { xmin: x0, ymin: y0, xmax: x1, ymax: y1 },
      };
    }
    if (f.geometry!.kind !== "point" && x0 < Infinity && y0 < Infinity) {
      corners.push([new Float64Array([x0, y0]), f]);
    }
  });
  for (const [corner] of corners) {
    arrays.push(corner);
    owners.push(-1);
  }
  let ok: boolean[];
  try {
    ok = transformInPlace(gdal, arrays, from, to);
  } catch (error) {
    throw new JobError(
      `Cannot reproject to ${to}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (clipped.length > 0) {
    let good: boolean[];
    try {
      good = transformInPlace(gdal, clipped, from, to);
    } catch (error) {
      throw new JobError(
        `Cannot reproject to ${to}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (good.some((g) => !g)) {
      for (const f of features) {
        const g = f.drawGeometry;
        if (g && g !== f.geometry) f.drawGeometry = withoutNonFinite(g);
      }
    }
  }
  const failed = new Set<number>();
  ok.forEach((good, k) => {
    if (!good && owners[k] >= 0) failed.add(owners[k]);
  });
  const first = arrays.length - corners.length;
  corners.forEach(([corner, f], k) => {
    if (ok[first + k]) f.textureOrigin = [corner[0], corner[1]];
    else delete f.textureOrigin;
  });
  return failed.size ? features.filter((_, i) => !failed.has(i)) : features;
}

/**
 * Where QGIS clips a reprojected layer's lines and polygon rings: in the
 * layer's CRS, before reprojecting them (`QgsSymbol::_getLineString2d`,
 * `_getPolygonRing2d`), to the map extent in the layer's CRS grown by a
 * tenth of its size on every side. `extent` is that map extent in the
 * layer's CRS (the grown rectangle is made from it).
 */
export interface LayerClip {
  /** The map extent in the layer's CRS (`QgsRenderContext::extent`). */
  extent: Rect;
}

/**
 * The map extent in a layer's CRS as `QgsMapRendererJob::reprojectToLayerExtent`
 * (QGIS 3.22) computes it for a vector layer, or null where QGIS clips after
 * reprojecting (`ApplyClipAfterReprojection`) or nothing is reprojected: a
 * geographic layer whose extent taken back to a projected map is off by
 * half its size or more, a projected layer on a geographic map beyond ±180°
 * or ±90°, or an extent that does not transform.
 *
 * @example
 * ```ts ignore
 * import { withGdal } from "../gdal/gdal.ts";
 * import { layerClip } from "./_util.ts";
 * const clip = await withGdal((gdal) =>
 *   layerClip(gdal, { bbox: map.extent, crs: "EPSG:2180" }, "EPSG:2177")
 * );
 * ```
 */
export function layerClip(
  gdal: Gdal,
  query: { bbox?: Rect; crs?: string },
  layerCrs: string,
): LayerClip | null {
  const extent = query.bbox, mapCrs = query.crs;
  if (!extent || !mapCrs || mapCrs.trim() === "") return null;
  const mapGeographic = geographicCrs(mapCrs);
  const layerGeographic = geographicCrs(layerCrs);
  if (
    !layerGeographic && mapGeographic &&
    (extent.xmin <= -180 || extent.xmax >= 180 || extent.ymin <= -90 ||
      extent.ymax >= 90)
  ) return null;
  let inLayer: Rect | null;
  try {
    inLayer = transformBoundingBox(gdal, extent, mapCrs, layerCrs);
  } catch {
    return null;
  }
  if (!inLayer) return null;
  if (layerGeographic && !mapGeographic) {
    // taken back to the map: roughly the map extent, or QGIS gives up
    let back: Rect | null;
    try {
      back = transformBoundingBox(gdal, inLayer, layerCrs, mapCrs);
    } catch {
      return null;
    }
    const w = extent.xmax - extent.xmin, h = extent.ymax - extent.ymin;
    if (
      !back || !(Math.abs(1 - (back.xmax - back.xmin) / w) < 0.5) ||
      !(Math.abs(1 - (back.ymax - back.ymin) / h) < 0.5)
    ) return null;
  }
  return { extent: inLayer };
}

/** Whether a CRS (authority id, WKT or PROJ string) is geographic. */
function geographicCrs(crs: string): boolean {
  const t = crs.trim();
  if (/^(GEOGCS|GEOGCRS|GEODCRS|GEOGRAPHICCRS)\[/i.test(t)) return true;
  if (/^\+proj=(longlat|latlong|lonlat|latlon)\b/.test(t)) return true;
  return isGeographic(t.toUpperCase());
}

/**
 * A line's or polygon's parts clipped to the layer clip rectangle as QGIS
 * clips them before reprojecting: each line with `QgsClipper::clippedLine`
 * (one line, joined along the rectangle), each ring whose box is not
 * inside the (ungrown) extent with `trimPolygon`; the geometry itself when
 * nothing is cut.
 */
function clipInLayerCrs(g: Geometry, clip: LayerClip): Geometry {
  if (g.kind === "point") return g;
  const e = clip.extent;
  const cw = (e.xmax - e.xmin) / 10, ch = (e.ymax - e.ymin) / 10;
  const x0 = e.xmin - cw, y0 = e.ymin - ch;
  const x1 = e.xmax + cw, y1 = e.ymax + ch;
  const outside = (
    r: Float64Array,
    a: number,
    b: number,
    c: number,
    d: number,
  ) => {
    for (let i = 0; i + 1 < r.length; i += 2) {
      if (r[i] < a || r[i] > c || r[i + 1] < b || r[i + 1] > d) return true;
    }
    return false;
  };
  if (g.kind === "line") {
    if (!g.parts.some((p) => p[0] && outside(p[0], x0, y0, x1, y1))) return g;
    return {
      kind: "line",
      parts: g.parts.flatMap((part) => {
        if (!part[0]) return [];
        if (!outside(part[0], x0, y0, x1, y1)) return [[part[0].slice()]];
        // clipLineConnected joins pieces along the rectangle as QGIS does
        // with y down (pixels); the layer's y is up: mirrored and back
        const flipped = part[0].slice();
        for (let i = 1; i < flipped.length; i += 2) flipped[i] = -flipped[i];
        const l = clipLineConnected(flipped, x0, -y1, x1, -y0);
        for (let i = 1; i < l.length; i += 2) l[i] = -l[i];
        return l.length >= 4 ? [[l]] : [];
      }),
    };
  }
  if (
    !g.parts.some((p) =>
      p.some((r) => outside(r, e.xmin, e.ymin, e.xmax, e.ymax))
    )
  ) {
    return g;
  }
  return {
    kind: "polygon",
    parts: g.parts.map((part) =>
      part.map((r) =>
        outside(r, e.xmin, e.ymin, e.xmax, e.ymax)
          ? clipRing(r, x0, y0, x1, y1)
          : r.slice()
      ).filter((r) => r.length >= 6)
    ).filter((p) => p.length > 0),
  };
}

/** The geometry without points that did not reproject (QGIS drops them). */
function withoutNonFinite(g: Geometry): Geometry {
  const keep = (r: Float64Array): Float64Array => {
    for (let i = 0; i < r.length; i++) {
      if (!Number.isFinite(r[i])) {
        const out: number[] = [];
        for (let k = 0; k + 1 < r.length; k += 2) {
          if (Number.isFinite(r[k]) && Number.isFinite(r[k + 1])) {
            out.push(r[k], r[k + 1]);
          }
        }
        return new Float64Array(out);
      }
    }
    return r;
  };
  return {
    kind: g.kind,
    parts: g.parts.map((part) => part.map(keep)),
  } as Geometry;
}
