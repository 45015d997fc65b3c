/**
 * Where QGIS reads a raster for a map, as pure arithmetic:
 *
 * - {@link rasterViewport}: `QgsRasterLayerRenderer` aligns the visible part
 *   of the raster to whole output pixels (floor/ceil) through
 *   `QgsMapToPixel`'s affine transform, but reads the unaligned extent into
 *   them;
 * - {@link rasterIteratorTiles}: `QgsRasterIterator` cuts it in parts of at
 *   most 2000 × 2000 pixels;
 * - {@link providerBlock}: `QgsRasterDataProvider::block` +
 *   `QgsGdalProvider::readBlock` read each part: the source window at the
 *   source resolution (or at the request's when zooming out), then
 *   nearest-neighbour at output pixel centres.
 *
 * @module
 */
import type { Rect } from "../geometry/types.ts";
import type { ResamplingMethod } from "./style.ts";

/** A north-up source grid. */
export interface SourceGrid {
  /** Columns. */
  width: number;
  /** Rows. */
  height: number;
  /** Extent in the source CRS. */
  extent: Rect;
}

/**
 * Reads a source window (`xoff, yoff, xsize, ysize` in source pixels),
 * resampled nearest-neighbour to `outWidth × outHeight` as `GDALRasterIO`
 * does; NaN marks no data.
 */
export type WindowReader = (
  xoff: number,
  yoff: number,
  xsize: number,
  ysize: number,
  outWidth: number,
  outHeight: number,
  method?: ResamplingMethod,
) => Float64Array;

/**
 * A block's values: double precision, or single where that holds every
 * value exactly (a caller's choice, through `alloc`).
 */
export type BlockValues = Float64Array | Float32Array;

/**
 * The provider's own resampling (`<provider><resampling enabled>`): the
 * GDAL method for a resampling factor (request / source resolution), or
 * null where QGIS samples nearest neighbour.
 */
export type ProviderResampling = (factor: number) => ResamplingMethod | null;

/**
 * `QgsGdalProvider::canDoResampling` and its choice of method, for a
 * style's provider resampling settings.
 *
 * @example
 * ```ts
 * import { providerResampling } from "./sampling.ts";
 * const choose = providerResampling({ zoomedIn: "cubic", zoomedOut: "average", maxOversampling: 2 });
 * [choose(0.5), choose(1.05), choose(2), choose(5)]; // ["cubic", "average", "average", null]
 * ```
 */
export function providerResampling(
  r: {
    zoomedIn: ResamplingMethod;
    zoomedOut: ResamplingMethod;
    maxOversampling: number;
  },
): ProviderResampling {
  const nearest = (m: ResamplingMethod) => m === "nearestNeighbour";
  return (factor) => {
    if (factor < 1) return nearest(r.zoomedIn) ? null : r.zoomedIn;
    if (factor < 1.1) {
      if (!nearest(r.zoomedOut)) return r.zoomedOut;
      return nearest(r.zoomedIn) ? null : r.zoomedIn;
    }
    if (nearest(r.zoomedOut)) return null;
    return factor <= r.maxOversampling + 0.1 ? r.zoomedOut : null;
  };
}

/** The output pixels a raster covers. */
export interface Viewport {
  /** Left output column. */
  left: number;
  /** Top output row. */
  top: number;
  /** Width in output pixels. */
  width: number;
  /** Height in output pixels. */
  height: number;
  /**
   * The extent QGIS reads into those pixels: the visible part of the raster
   * before alignment (`mDrawnExtent`), so the raster is stretched by up to a
   * pixel to fill the aligned viewport, as QGIS does.
   */
  extent: Rect;
  /** The map extent of the aligned pixels. */
  alignedExtent: Rect;
}

/** `QgsMapToPixel` without rotation, with QTransform's arithmetic. */
export class MapToPixel {
  readonly #m11: number;
  readonly #m22: number;
  readonly #dx: number;
  readonly #dy: number;

  /**
   * Builds the transform of a map (extent, size, map units per pixel).
   *
   * @example
   * ```ts
   * import { MapToPixel } from "./sampling.ts";
   * const m = new MapToPixel({ xmin: 0, ymin: 0, xmax: 10, ymax: 10 }, 10, 10, 1);
   * m.transform(2, 8); // [2, 2]
   * ```
   */
  constructor(extent: Rect, width: number, height: number, mupp: number) {
    const xc = extent.xmin + (extent.xmax - extent.xmin) / 2;
    const yc = extent.ymin + (extent.ymax - extent.ymin) / 2;
    // QGIS 3.22's unrotated matrix: fromScale(1/mupp, -1/mupp)
    // .translate(-xMin, -(yMin + height·mupp)), the origin from the centre
    // (the order of these operations decides which side of a pixel edge a
    // raster border falls on)
    const xMin = xc - (width / 2) * mupp;
    const yMin = yc - (height / 2) * mupp;
    this.#m11 = 1 / mupp;
    this.#m22 = -1 / mupp;
    this.#dx = -xMin * this.#m11;
    this.#dy = -(yMin + height * mupp) * this.#m22;
  }

  /** Map → pixel. */
  transform(x: number, y: number): [number, number] {
    return [x * this.#m11 + this.#dx, y * this.#m22 + this.#dy];
  }

  /** Pixel → map (QTransform::inverted() of a scaling matrix). */
  toMap(px: number, py: number): [number, number] {
    // QTransform::inverted() of a scaling matrix divides
    const i11 = 1 / this.#m11, i22 = 1 / this.#m22;
    return [px * i11 + -this.#dx / this.#m11, py * i22 + -this.#dy / this.#m22];
  }
}

function intersect(a: Rect, b: Rect): Rect | null {
  const r = {
    xmin: Math.max(a.xmin, b.xmin),
    ymin: Math.max(a.ymin, b.ymin),
    xmax: Math.min(a.xmax, b.xmax),
    ymax: Math.min(a.ymax, b.ymax),
  };
  return r.xmin < r.xmax && r.ymin < r.ymax ? r : null;
}

/**
 * The output pixels covering the raster's extent (in map CRS), aligned to
 * whole pixels as QGIS does; null when the raster is out of view.
 *
 * @example
 * ```ts
 * import { rasterViewport } from "./sampling.ts";
 * const v = rasterViewport(
 *   { extent: { xmin: 0, ymin: 0, xmax: 10, ymax: 10 }, width: 10, height: 10, mapUnitsPerPixel: 1 },
 *   { xmin: 2.5, ymin: 0, xmax: 20, ymax: 5 },
 * );
 * [v!.left, v!.top, v!.width, v!.height]; // [2, 5, 8, 5]
 * ```
 */
export function rasterViewport(
  map: {
    extent: Rect;
    width: number;
    height: number;
    mapUnitsPerPixel: number;
  },
  layerExtent: Rect,
): Viewport | null {
  const visible = intersect(map.extent, layerExtent);
  if (!visible) return null;
  const m2p = new MapToPixel(
    map.extent,
    map.width,
    map.height,
    map.mapUnitsPerPixel,
  );
  const tl = m2p.transform(visible.xmin, visible.ymax);
  const br = m2p.transform(visible.xmax, visible.ymin);
  const left = Math.floor(tl[0]), top = Math.floor(tl[1]);
  const right = Math.ceil(br[0]), bottom = Math.ceil(br[1]);
  const [xmin, ymin] = m2p.toMap(left, bottom);
  const [xmax, ymax] = m2p.toMap(right, top);
  return {
    left,
    top,
    width: Math.abs(right - left),
    height: Math.abs(bottom - top),
    extent: visible,
    alignedExtent: { xmin, ymin, xmax, ymax },
  };
}

/** One part of a viewport read in one block. */
export interface Tile {
  /** Column offset inside the viewport. */
  col: number;
  /** Row offset inside the viewport. */
  row: number;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Map extent of the part. */
  extent: Rect;
}

/**
 * `QgsRasterIterator`'s parts of a viewport (at most `max` pixels a side).
 *
 * @example
 * ```ts
 * import { rasterIteratorTiles } from "./sampling.ts";
 * const extent = { xmin: 0, ymin: 0, xmax: 3000, ymax: 10 };
 * rasterIteratorTiles({ left: 0, top: 0, width: 3000, height: 10, extent,
 *   alignedExtent: extent }).length; // 2
 * ```
 */
export function rasterIteratorTiles(viewport: Viewport, max = 2000): Tile[] {
  const tiles: Tile[] = [];
  const { width, height, extent } = viewport;
  const w = extent.xmax - extent.xmin, h = extent.ymax - extent.ymin;
  for (let row = 0; row < height; row += max) {
    const rows = Math.min(max, height - row);
    for (let col = 0; col < width; col += max) {
      const cols = Math.min(max, width - col);
      const xmin = extent.xmin + col / width * w;
      const xmax = col + cols === width
        ? extent.xmax
        : extent.xmin + (col + cols) / width * w;
      const ymax = extent.ymax - row / height * h;
      const ymin = row + rows === height
        ? extent.ymin
        : extent.ymax - (row + rows) / height * h;
      tiles.push({
        col,
        row,
        width: cols,
        height: rows,
        extent: { xmin, ymin, xmax, ymax },
      });
    }
  }
  return tiles;
}

function nearDouble(a: number, b: number): boolean {
  const d = a - b;
  return d > -4 * Number.EPSILON && d <= 4 * Number.EPSILON;
}

function subRect(
  extent: Rect,
  width: number,
  height: number,
  sub: Rect,
): { top: number; bottom: number; left: number; right: number } {
  const xRes = (extent.xmax - extent.xmin) / width;
  const yRes = (extent.ymax - extent.ymin) / height;
  let top = 0, bottom = height - 1, left = 0, right = width - 1;
  if (sub.ymax < extent.ymax) {
    top = Math.round((extent.ymax - sub.ymax) / yRes);
  }
  if (sub.ymin > extent.ymin) {
    bottom = Math.round((extent.ymax - sub.ymin) / yRes) - 1;
  }
  if (sub.xmin > extent.xmin) {
    left = Math.round((sub.xmin - extent.xmin) / xRes);
  }
  if (sub.xmax < extent.xmax) {
    right = Math.round((sub.xmax - extent.xmin) / xRes) - 1;
  }
  return { top, bottom, left, right };
}

// std::round rounds halves away from zero; Math.round rounds them up.
function cRound(v: number): number {
  return v < 0 ? -Math.round(-v) : Math.round(v);
}

/**
 * `QgsGdalProvider::readBlock` (nearest-neighbour path): the request
 * extent's pixels that the raster covers, sampled at pixel centres from the
 * source window read at the source resolution (or at the request's, when it
 * is coarser). Pixels outside stay NaN.
 */
function readBlock(
  grid: SourceGrid,
  read: WindowReader,
  req: Rect,
  width: number,
  height: number,
  resample: ProviderResampling | undefined,
  alloc: (length: number) => BlockValues,
): BlockValues {
  // allocated after the read: a planning pass stops at the read
  const empty = () => alloc(width * height).fill(NaN);
  const ext = grid.extent;
  const inter = intersect(req, ext);
  if (!inter) return empty();
  const reqXRes = (req.xmax - req.xmin) / width;
  const reqYRes = (req.ymax - req.ymin) / height;
  const srcXRes = (ext.xmax - ext.xmin) / grid.width;
  const srcYRes = -(ext.ymax - ext.ymin) / grid.height;
  const sub = subRect(req, width, height, inter);
  let srcLeft = 0, srcTop = 0;
  let srcBottom = grid.height - 1, srcRight = grid.width - 1;
  if (ext.xmin < inter.xmin) {
    srcLeft = Math.floor((inter.xmin - ext.xmin) / srcXRes);
  }
  if (ext.xmax > inter.xmax) {
    srcRight = Math.min(
      grid.width - 1,
      Math.floor((inter.xmax - ext.xmin) / srcXRes),
    );
  }
  if (ext.ymax > inter.ymax) {
    srcTop = Math.floor(-1 * (ext.ymax - inter.ymax) / srcYRes);
  }
  if (ext.ymin < inter.ymin) {
    srcBottom = Math.min(
      grid.height - 1,
      Math.floor(-1 * (ext.ymax - inter.ymin) / srcYRes),
    );
  }
  const srcWidth = srcRight - srcLeft + 1;
  const srcHeight = srcBottom - srcTop + 1;
  const tgtWidth = sub.right - sub.left + 1;
  const tgtHeight = sub.bottom - sub.top + 1;
  if (tgtWidth <= 0 || tgtHeight <= 0 || srcWidth <= 0 || srcHeight <= 0) {
    return empty();
  }
  const factor = Math.max(reqXRes / srcXRes, reqYRes / -srcYRes);
  const method = resample?.(factor) ?? null;
  if (method !== null) {
    // GDAL resamples a floating-point source window straight into the
    // target pixels (QGIS's edge special cases are left out).
    const dfXOff = (req.xmin + sub.left * reqXRes - ext.xmin) / srcXRes;
    const dfYOff = (ext.ymax - (req.ymax - sub.top * reqYRes)) / -srcYRes;
    const dfXSize = tgtWidth * reqXRes / srcXRes;
    const dfYSize = tgtHeight * reqYRes / -srcYRes;
    const values = read(
      dfXOff,
      dfYOff,
      dfXSize,
      dfYSize,
      tgtWidth,
      tgtHeight,
      method,
    );
    const out = empty();
    for (let row = 0; row < tgtHeight; row++) {
      out.set(
        values.subarray(row * tgtWidth, (row + 1) * tgtWidth),
        (sub.top + row) * width + sub.left,
      );
    }
    return out;
  }
  let tmpWidth = srcWidth, tmpHeight = srcHeight;
  if (reqXRes > srcXRes) {
    tmpWidth = cRound(srcWidth * srcXRes / reqXRes);
  }
  if (reqYRes > Math.abs(srcYRes)) {
    tmpHeight = cRound(-1 * srcHeight * srcYRes / reqYRes);
  }
  tmpWidth = Math.max(1, tmpWidth);
  tmpHeight = Math.max(1, tmpHeight);
  const tmp = read(srcLeft, srcTop, srcWidth, srcHeight, tmpWidth, tmpHeight);
  const covered = tgtWidth === width && tgtHeight === height;
  // every pixel is written below when the raster covers the request
  const out = covered ? alloc(width * height) : empty();
  const tmpXMin = ext.xmin + srcLeft * srcXRes;
  const tmpYMax = ext.ymax + srcTop * srcYRes;
  const tmpXRes = srcWidth * srcXRes / tmpWidth;
  const tmpYRes = srcHeight * srcYRes / tmpHeight;
  let y = inter.ymax - 0.5 * reqYRes;
  let lastTmpRow = -1;
  for (let row = 0; row < tgtHeight; row++) {
    let tmpRow = Math.floor(-1 * (tmpYMax - y) / tmpYRes);
    tmpRow = Math.min(tmpRow, tmpHeight - 1);
    const srcRow = tmpRow * tmpWidth;
    const dstRow = (sub.top + row) * width + sub.left;
    if (tmpRow === lastTmpRow) {
      // zoomed in, the same source row again: the same values
      out.copyWithin(dstRow, dstRow - width, dstRow - width + tgtWidth);
      y -= reqYRes;
      continue;
    }
    lastTmpRow = tmpRow;
    let x = (inter.xmin + 0.5 * reqXRes - tmpXMin) / tmpXRes;
    const increment = reqXRes / tmpXRes;
    let lastCol = 0;
    for (let col = 0; col < tgtWidth; col++) {
      // QGIS truncates (a cast, not floor) and only moves forward.
      let tmpCol = Math.trunc(x);
      tmpCol = Math.min(tmpCol, tmpWidth - 1);
      if (tmpCol > lastCol) lastCol = tmpCol;
      out[dstRow + col] = tmp[srcRow + lastCol];
      x += increment;
    }
    y -= reqYRes;
  }
  return out;
}

/**
 * `QgsRasterDataProvider::block`: one band's values for `width × height`
 * output pixels over `box` (map CRS = source CRS), NaN where there is no
 * data or no raster. `alloc` gives the arrays it fills (and returns one of):
 * a caller may hand out reused scratch.
 *
 * @example
 * ```ts
 * import { providerBlock } from "./sampling.ts";
 * const grid = { width: 2, height: 1, extent: { xmin: 0, ymin: 0, xmax: 2, ymax: 1 } };
 * const read = () => Float64Array.of(1, 2);
 * Array.from(providerBlock(grid, read, { xmin: 0, ymin: 0, xmax: 2, ymax: 1 }, 4, 2));
 * // [1, 1, 2, 2, 1, 1, 2, 2]
 * ```
 */
export function providerBlock(
  grid: SourceGrid,
  read: WindowReader,
  box: Rect,
  width: number,
  height: number,
  resample?: ProviderResampling,
  alloc: (length: number) => BlockValues = (n) => new Float64Array(n),
): BlockValues {
  const ext = grid.extent;
  const tmpInter = intersect(ext, box);
  if (!tmpInter) return alloc(width * height).fill(NaN);
  let tmpExtent = tmpInter;
  const xRes = (box.xmax - box.xmin) / width;
  const yRes = (box.ymax - box.ymin) / height;
  const providerXRes = (ext.xmax - ext.xmin) / grid.width;
  const providerYRes = (ext.ymax - ext.ymin) / grid.height;
  let tmpXRes = Math.max(providerXRes, xRes);
  let tmpYRes = Math.max(providerYRes, yRes);
  if (nearDouble(tmpXRes, xRes)) tmpXRes = xRes;
  if (nearDouble(tmpYRes, yRes)) tmpYRes = yRes;
  const same = tmpExtent.xmin === box.xmin && tmpExtent.xmax === box.xmax &&
    tmpExtent.ymin === box.ymin && tmpExtent.ymax === box.ymax;
  // A request inside the raster goes straight to the GDAL provider's
  // readBlock (QGIS 3.44 renders show its sampling, not the coarser
  // two-stage read below, even when zoomed out).
  if (same) return readBlock(grid, read, box, width, height, resample, alloc);
  const block = alloc(width * height).fill(NaN);
  const fromRow = cRound((box.ymax - tmpExtent.ymax) / yRes);
  const toRow = cRound((box.ymax - tmpExtent.ymin) / yRes) - 1;
  const fromCol = cRound((tmpExtent.xmin - box.xmin) / xRes);
  const toCol = cRound((tmpExtent.xmax - box.xmin) / xRes) - 1;
  if (
    fromRow < 0 || fromRow >= height || toRow < 0 || toRow >= height ||
    fromCol < 0 || fromCol >= width || toCol < 0 || toCol >= width
  ) {
    return block;
  }
  // A coarser read is aligned to the source grid so that it does not shift.
  tmpExtent = { ...tmpExtent };
  if (tmpXRes > xRes) {
    let col = Math.floor((tmpExtent.xmin - ext.xmin) / providerXRes);
    tmpExtent.xmin = ext.xmin + col * providerXRes;
    col = Math.ceil((tmpExtent.xmax - ext.xmin) / providerXRes);
    tmpExtent.xmax = ext.xmin + col * providerXRes;
  }
  if (tmpYRes > yRes) {
    let row = Math.floor((ext.ymax - tmpExtent.ymax) / providerYRes);
    tmpExtent.ymax = ext.ymax - row * providerYRes;
    row = Math.ceil((ext.ymax - tmpExtent.ymin) / providerYRes);
    tmpExtent.ymin = ext.ymax - row * providerYRes;
  }
  const tmpWidth = cRound((tmpExtent.xmax - tmpExtent.xmin) / tmpXRes);
  const tmpHeight = cRound((tmpExtent.ymax - tmpExtent.ymin) / tmpYRes);
  if (tmpWidth <= 0 || tmpHeight <= 0) return block;
  tmpXRes = (tmpExtent.xmax - tmpExtent.xmin) / tmpWidth;
  tmpYRes = (tmpExtent.ymax - tmpExtent.ymin) / tmpHeight;
  const tmp = readBlock(
    grid,
    read,
    tmpExtent,
    tmpWidth,
    tmpHeight,
    resample,
    alloc,
  );
  for (let row = fromRow; row <= toRow; row++) {
    const y = box.ymax - (row + 0.5) * yRes;
    const tmpRow = Math.floor((tmpExtent.ymax - y) / tmpYRes);
    for (let col = fromCol; col <= toCol; col++) {
      const x = box.xmin + (col + 0.5) * xRes;
      const tmpCol = Math.floor((x - tmpExtent.xmin) / tmpXRes);
      if (
        tmpRow < 0 || tmpRow >= tmpHeight || tmpCol < 0 || tmpCol >= tmpWidth
      ) {
        // QGIS blanks the whole block so that the problem shows.
        return block.fill(NaN);
      }
      block[row * width + col] = tmp[tmpRow * tmpWidth + tmpCol];
    }
  }
  return block;
}
