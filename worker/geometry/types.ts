/**
 * The in-memory feature model every part of the worker shares: GDAL readers
 * produce it, expressions, symbology, labels and runners consume it.
 * Coordinates are interleaved `x, y` pairs in the map CRS (map units).
 *
 * @module
 */

/** The simple geometry type QGIS symbology distinguishes. */
export type GeometryKind = "point" | "line" | "polygon";

/**
 * A (multi-)geometry as flat coordinate arrays.
 *
 * - `point`: every part holds one array with one or more points (`[x0, y0, x1, y1 …]`
 *   for a multipoint part it is one point per part: `parts[i][0] = [x, y]`).
 * - `line`: every part holds one linestring: `parts[i][0] = [x0, y0, x1, y1, …]`.
 * - `polygon`: every part is a polygon, its rings exterior first:
 *   `parts[i] = [exterior, hole1, …]`.
 */
export interface Geometry {
  /** Simple type. */
  kind: GeometryKind;
  /** Parts, each a list of coordinate rings/strings (see above). */
  parts: Float64Array[][];
}

/** A value a feature attribute may hold. */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | Date
  | Uint8Array;

/** A feature: id, attributes by field name, geometry in map CRS. */
export interface Feature {
  /** Feature id (OGR FID). */
  id: number;
  /** Attribute values by field name. */
  attributes: Record<string, AttributeValue>;
  /** Geometry, or `null` when the feature has none. */
  geometry: Geometry | null;
  /**
   * For a line or polygon reprojected to the map CRS: the corner (xmin,
   * ymin) of its bounding box in the layer's CRS, reprojected (where QGIS
   * 3.22 anchors its texture brushes); absent when not reprojected.
   */
  textureOrigin?: [number, number];
  /**
   * For a line or polygon reprojected to the map CRS: the geometry to draw,
   * clipped in the layer's CRS before it was reprojected, as QGIS clips a
   * reprojected feature (`QgsSymbol::_getLineString2d`: where a dash
   * pattern or marker interval starts); drawn as it is, not clipped again.
   * The geometry itself when nothing was cut; absent when not reprojected.
   */
  drawGeometry?: Geometry;
  /**
   * For a feature reprojected to the map CRS: its bounding box in the
   * layer's CRS, and that CRS, which QGIS Server's GML bounds transform
   * (`QgsCoordinateTransform::transformBoundingBox`) rather than bounding
   * the reprojected geometry; absent when not reprojected.
   */
  sourceBounds?: { crs: string; box: Rect };
  /**
   * True when `geometry` is in the CRS of `sourceBounds` rather than the
   * map's: the copy a geometry generator evaluates its expression on, as
   * QGIS evaluates it on the layer's geometry; absent otherwise.
   */
  geometryInLayerCrs?: boolean;
  /**
   * The attributes a join gave no row: null without a type in QGIS 3.22
   * (`QgsFeature::initAttributes`), which QGIS Server's GML writes `NULL`
   * where a null number read from a table is 0; absent when none.
   */
  unjoined?: string[];
}

/** An axis-aligned rectangle in some CRS. */
export interface Rect {
  /** Smallest x. */
  xmin: number;
  /** Smallest y. */
  ymin: number;
  /** Largest x. */
  xmax: number;
  /** Largest y. */
  ymax: number;
}
