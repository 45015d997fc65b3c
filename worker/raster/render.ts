/**
 * Renders a raster layer of a render job into an image of the map's size,
 * as QGIS's raster pipe does: provider (the layer's raster source, through
 * `worker/sources/`: blocks read and sampled) → renderer →
 * brightness/contrast → hue/saturation; opacity premultiplied.
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import {
  openSource,
  type RasterReader,
  type SourceLayer,
} from "../sources/mod.ts";
import type { MapSettings } from "../map/map_settings.ts";
import { isNoCrs } from "../map/compute.ts";
import type { RunnerContext } from "../runners/types.ts";
import { JobError } from "../runners/types.ts";
import { applyBrightnessContrast, applyHueSaturation } from "./filters.ts";
import { type RasterBlock, renderBlocks, rendererBands } from "./renderers.ts";
import {
  type BlockValues,
  providerResampling,
  rasterIteratorTiles,
  rasterViewport,
  type Viewport,
} from "./sampling.ts";
import { parseRasterStyle, type RasterStyle } from "./style.ts";
import { resampleBlock, resamplePlan } from "./resample.ts";
import { reprojectInto } from "../sources/wms/projector.ts";
import {
  leaseScratch,
  type ScratchLease,
  syncScratch,
} from "../cache/scratch.ts";
import { registerHeld } from "../cache/held.ts";

/** A rendered raster layer. */
export interface RasterImage {
  /**
   * RGBA bytes, row-major, `width × height × 4`. Up to 16 MB they are
   * scratch the next render reuses: draw or copy them before rendering again.
   */
  rgba: Uint8Array;
  /** Width in pixels (the map's). */
  width: number;
  /** Height in pixels (the map's). */
  height: number;
  /** True: colour components are multiplied by alpha (always, here). */
  premultiplied: boolean;
  /** The layer's QPainter composition mode number (`<blendMode>`, 0 = source over). */
  blendMode: number;
  /**
   * The part of the image that may hold drawn pixels, within the image:
   * every pixel outside it is transparent (0). Absent: the whole image.
   */
  bounds?: PixelRect;
}

/** A rectangle of pixels: its left column, top row, width and height. */
export interface PixelRect {
  /** Left column. */
  left: number;
  /** Top row. */
  top: number;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

// The union of the rectangles a layer's tiles were pasted to, clipped to
// the map.
class DrawnBounds {
  #x0 = Infinity;
  #y0 = Infinity;
  #x1 = -Infinity;
  #y1 = -Infinity;
  constructor(readonly width: number, readonly height: number) {}

  add(left: number, top: number, width: number, height: number): void {
    this.#x0 = Math.min(this.#x0, Math.max(0, left));
    this.#y0 = Math.min(this.#y0, Math.max(0, top));
    this.#x1 = Math.max(this.#x1, Math.min(this.width, left + width));
    this.#y1 = Math.max(this.#y1, Math.min(this.height, top + height));
  }

  rect(): PixelRect {
    if (!(this.#x1 > this.#x0 && this.#y1 > this.#y0)) {
      return { left: 0, top: 0, width: 0, height: 0 };
    }
    return {
      left: this.#x0,
      top: this.#y0,
      width: this.#x1 - this.#x0,
      height: this.#y1 - this.#y0,
    };
  }
}

/** The job layer fields a raster render reads (structurally `QslJobLayer`). */
export type RasterJobLayer = SourceLayer;

function applyUserNoData(
  values: BlockValues,
  ranges: { min: number; max: number }[] | undefined,
): void {
  if (!ranges || ranges.length === 0) return;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    for (const r of ranges) {
      if (v >= r.min && v <= r.max) {
        values[i] = NaN;
        break;
      }
    }
  }
}

// The blocks of the tile being drawn, kept for the next tile and job: a
// fresh 18 MB array per 1500×1500 block left the process heap to the
// garbage collector's timing. Raster renders run one at a time (inside
// withGdal) and a block lives only until its tile is coloured. Bands whose
// type single precision holds exactly, sampled without resampling, are
// kept in single precision (half the memory).
// The first block of a tile (the only one for a single band) lives in the
// leasable scratch, which a PNG's scanlines use between renders.
const BLOCK_SCRATCH_BYTES = 24 * 1024 * 1024;
const BLOCK_SCRATCH_COUNT = 2;
const blockScratch: ArrayBuffer[] = [];
let blockScratchNext = 0;
let blockLease: ScratchLease | null = null;
let blockSingle = false;
// Byte, UInt16, Int16, Float32, Int8
const SINGLE_EXACT = new Set([1, 2, 3, 6, 14]);

function blockAlloc(length: number): BlockValues {
  const k = blockScratchNext++;
  const bytes = length * (blockSingle ? 4 : 8);
  if (bytes > BLOCK_SCRATCH_BYTES || k >= BLOCK_SCRATCH_COUNT) {
    return blockSingle ? new Float32Array(length) : new Float64Array(length);
  }
  let buffer: ArrayBuffer;
  if (k === 0 && blockLease !== null) {
    buffer = blockLease.take(bytes);
  } else {
    if (!blockScratch[k] || blockScratch[k].byteLength < bytes) {
      blockScratch[k] = new ArrayBuffer(bytes);
    }
    buffer = blockScratch[k];
  }
  return blockSingle
    ? new Float32Array(buffer, 0, length)
    : new Float64Array(buffer, 0, length);
}

// The RGBA of the tile being coloured and of the map it is pasted into,
// kept for the next render (the renderer's image is drawn at once and
// dropped): a fresh 9 MB image per 1500×1500 job was most of the garbage
// a render left to the collector.
const RGBA_SCRATCH_BYTES = 16 * 1024 * 1024;
let mapScratch = new Uint8Array(0);
registerHeld(
  "scratch.raster",
  () =>
    mapScratch.byteLength +
    blockScratch.reduce((n, b) => n + (b?.byteLength ?? 0), 0),
);

function mapScratchFor(pixels: number): Uint8Array {
  const bytes = pixels * 4;
  if (bytes > RGBA_SCRATCH_BYTES) return new Uint8Array(bytes);
  if (mapScratch.length < bytes) mapScratch = new Uint8Array(bytes);
  return mapScratch.subarray(0, bytes).fill(0);
}

function paste(
  out: Uint8Array,
  map: MapSettings,
  tile: Uint8Array,
  left: number,
  top: number,
  width: number,
  height: number,
): void {
  for (let row = 0; row < height; row++) {
    const y = top + row;
    if (y < 0 || y >= map.height) continue;
    const x0 = Math.max(0, left), x1 = Math.min(map.width, left + width);
    if (x1 <= x0) continue;
    const src = (row * width + (x0 - left)) * 4;
    out.set(tile.subarray(src, src + (x1 - x0) * 4), (y * map.width + x0) * 4);
  }
}

/**
 * Renders one raster layer for a map.
 *
 * The result has the map's size; its pixels are premultiplied and already
 * carry the layer's opacity (QGIS multiplies it into each pixel): draw it
 * with source-over (or the layer's `blendMode`) at (0, 0), without any
 * further opacity, before the next render: images up to 16 MB share one
 * reused array. With a `target` (the map's size, zeroed: a transparent
 * premultiplied canvas's own pixels) the image is drawn into it where it
 * can; the result's `rgba` is then `target`. Returns null when the raster is out of view or its
 * renderer is one we do not draw (logged as a warning).
 *
 * @throws {JobError} when the style has no raster pipe, or the source
 * cannot be opened or read.
 * @example
 * ```ts ignore
 * const image = await renderRasterLayer(layer, qmlRoot, map, ctx);
 * ```
 */
export async function renderRasterLayer(
  layer: RasterJobLayer,
  qmlRoot: Element,
  map: MapSettings,
  ctx: RunnerContext,
  target?: Uint8Array,
): Promise<RasterImage | null> {
  if (target !== undefined && target.length !== map.width * map.height * 4) {
    throw new RangeError(
      `Cannot render into ${target.length} bytes: the map is ${map.width}×${map.height}`,
    );
  }
  // the map's RGBA: the caller's zeroed target, or reused scratch
  const mapRgba = () => target ?? mapScratchFor(map.width * map.height);
  let style: RasterStyle;
  try {
    style = parseRasterStyle(qmlRoot);
  } catch (error) {
    throw new JobError(
      `Cannot render layer '${layer.name}': ${(error as Error).message}`,
      { cause: error },
    );
  }
  const renderer = style.renderer;
  if (renderer === null) {
    ctx.logger.log("warning", "raster renderer not supported; layer skipped", {
      layer: layer.name,
      renderer: style.rendererType,
    });
    return null;
  }
  const source = openSource(layer, ctx);
  if (source.kind !== "raster") {
    throw new JobError(
      `Cannot render layer '${layer.name}': provider '${source.provider}' is not a raster source`,
    );
  }
  const bands = rendererBands(renderer);
  const renderFrom = async (
    reader: RasterReader,
  ): Promise<RasterImage | null> => {
    const info = reader.info;
    for (const b of [...bands, style.alphaBand].filter((b) => b > 0)) {
      if (b > info.bandCount) {
        throw new JobError(
          `Cannot render layer '${layer.name}': its style uses band ${b}, the raster has ${info.bandCount}`,
        );
      }
    }
    // no CRS on either side: drawn as it is, as QGIS does
    const sameCrs = reader.sameCrs?.(map.crs) ?? (info.crs === null ||
      isNoCrs(map.crs) || info.crs.toUpperCase() === map.crs.toUpperCase());
    const useSrcNoData = (b: number) => style.useSourceNoData[b] ?? true;
    // allocated when the first tile is pasted
    let out: Uint8Array | null = null;
    let drawn = false;
    // where the tiles went; null: anywhere on the map
    let bounds: DrawnBounds | null = new DrawnBounds(map.width, map.height);
    if (sameCrs && !info.rotated) {
      const viewport = rasterViewport(map, info.extent);
      if (viewport === null || viewport.width === 0 || viewport.height === 0) {
        return null;
      }
      const providerXRes = (info.extent.xmax - info.extent.xmin) / info.width;
      const resample = style.resampling.provider
        ? providerResampling(style.resampling)
        : undefined;
      for (const tile of rasterIteratorTiles(viewport)) {
        // The resample filter renders near the source resolution first,
        // a few source pixels beyond the tile.
        const plan = resamplePlan(
          style.resampling,
          tile.extent,
          tile.width,
          tile.height,
          providerXRes,
        );
        const [w, h] = plan
          ? [plan.width, plan.height]
          : [tile.width, tile.height];
        const extent = plan?.extent ?? tile.extent;
        const read = async (band: number): Promise<RasterBlock> => {
          blockSingle = resample === undefined &&
            SINGLE_EXACT.has(info.dataTypes[band - 1]);
          const values = await reader.block(band, {
            extent,
            crs: map.crs,
            width: w,
            height: h,
            resample,
            useSourceNoData: useSrcNoData(band),
            alloc: blockAlloc,
          });
          applyUserNoData(values, style.userNoData[band]);
          return {
            width: w,
            height: h,
            values,
            dataType: info.dataTypes[band - 1],
            cellSize: [
              (extent.xmax - extent.xmin) / w,
              (extent.ymax - extent.ymin) / h,
            ],
          };
        };
        blockScratchNext = 0;
        const blocks: RasterBlock[] = [];
        for (const b of bands) blocks.push(await read(b));
        const alpha = style.alphaBand > 0
          ? await read(style.alphaBand)
          : undefined;
        // a single tile exactly on the map, coloured without resampling,
        // is the map's image itself
        const wholeMap = !plan && viewport.left + tile.col === 0 &&
          viewport.top + tile.row === 0 && tile.width === map.width &&
          tile.height === map.height;
        let rgba = filter(
          style,
          renderBlocks(
            style,
            renderer,
            blocks,
            alpha,
            // the shared scratch: used up (pasted, scaled) before any await
            wholeMap ? mapRgba() : syncScratch(w * h * 4).fill(0),
          ),
        );
        if (plan) rgba = resampleBlock(rgba, plan, tile.width, tile.height);
        if (wholeMap) {
          out = rgba;
          drawn = true;
          bounds = null;
          continue;
        }
        out ??= mapRgba();
        paste(
          out,
          map,
          rgba,
          viewport.left + tile.col,
          viewport.top + tile.row,
          tile.width,
          tile.height,
        );
        bounds?.add(
          viewport.left + tile.col,
          viewport.top + tile.row,
          tile.width,
          tile.height,
        );
        drawn = true;
      }
    } else if (
      reader.project &&
      // a rotated or flipped grid has no projector parts: GDAL's warper
      // takes it onto the map (the gdal provider reads such a grid through
      // a north-up warped VRT, as QGIS's does; this is for a source that
      // could not)
      !(info.rotated && info.crs !== null)
    ) {
      // Another CRS, as QGIS 3.22's pipe draws it: the projector comes
      // after the renderer, so each part is rendered on the source grid the
      // projector asks for (a hillshade's cells in the source's units),
      // then its pixels are taken to the map's. QgsRasterLayerRenderer
      // forces provider resampling on a reprojected layer: the resample
      // filter is off, the provider reads with its own methods.
      const projectedMap = reader.project({
        extent: map.extent,
        crs: map.crs,
        width: map.width,
        height: map.height,
      });
      if (projectedMap === null) return null;
      const resample = providerResampling(style.providerResampling);
      for (const part of projectedMap.parts) {
        const read = async (band: number): Promise<RasterBlock> => {
          blockSingle = resample === undefined &&
            SINGLE_EXACT.has(info.dataTypes[band - 1]);
          const values = await reader.block(band, {
            extent: part.srcExtent,
            crs: info.crs ?? map.crs,
            width: part.srcCols,
            height: part.srcRows,
            resample,
            useSourceNoData: useSrcNoData(band),
            alloc: blockAlloc,
          });
          applyUserNoData(values, style.userNoData[band]);
          return {
            width: part.srcCols,
            height: part.srcRows,
            values,
            dataType: info.dataTypes[band - 1],
            cellSize: [
              (part.srcExtent.xmax - part.srcExtent.xmin) / part.srcCols,
              (part.srcExtent.ymax - part.srcExtent.ymin) / part.srcRows,
            ],
          };
        };
        blockScratchNext = 0;
        const blocks: RasterBlock[] = [];
        for (const b of bands) blocks.push(await read(b));
        const alpha = style.alphaBand > 0
          ? await read(style.alphaBand)
          : undefined;
        const rgba = filter(
          style,
          renderBlocks(
            style,
            renderer,
            blocks,
            alpha,
            // the shared scratch: used up (projected into the map) before
            // any await
            syncScratch(part.srcCols * part.srcRows * 4).fill(0),
          ),
        );
        out ??= mapRgba();
        reprojectInto(rgba, part.index, out, map.width, map.height, part);
        bounds?.add(part.left, part.top, part.width, part.height);
        drawn = true;
      }
    } else {
      // Another CRS: the source reprojects onto the map grid.
      const whole: Viewport = {
        left: 0,
        top: 0,
        width: map.width,
        height: map.height,
        extent: map.extent,
        alignedExtent: map.extent,
      };
      const method = style.resampling.zoomedIn;
      const warp = async (band: number): Promise<RasterBlock> => {
        const values = await reader.block(band, {
          extent: whole.extent,
          crs: map.crs,
          width: whole.width,
          height: whole.height,
          method,
          useSourceNoData: useSrcNoData(band),
        });
        applyUserNoData(values, style.userNoData[band]);
        return {
          width: whole.width,
          height: whole.height,
          values,
          dataType: info.dataTypes[band - 1],
          cellSize: [map.mapUnitsPerPixel, map.mapUnitsPerPixel],
        };
      };
      const blocks: RasterBlock[] = [];
      for (const b of bands) blocks.push(await warp(b));
      const alpha = style.alphaBand > 0
        ? await warp(style.alphaBand)
        : undefined;
      out = filter(
        style,
        renderBlocks(
          style,
          renderer,
          blocks,
          alpha,
          mapRgba(),
        ),
      );
      drawn = true;
      bounds = null;
    }
    if (!drawn || !out) return null;
    return {
      rgba: out,
      width: map.width,
      height: map.height,
      premultiplied: true,
      blendMode: style.blendMode,
      ...(bounds ? { bounds: bounds.rect() } : {}),
    };
  };
  try {
    return await source.read(async (reader) => {
      // raster renders run one at a time here: the lease is this render's
      blockLease = leaseScratch();
      try {
        return await renderFrom(reader);
      } finally {
        blockLease?.release();
        blockLease = null;
      }
    });
  } catch (error) {
    // a band's read error (a truncated GeoTIFF) names the band, not the layer
    if (
      error instanceof JobError &&
      error.message.startsWith("Cannot read raster band")
    ) {
      throw new JobError(
        `Cannot render layer '${layer.name}': ${error.message}`,
        { cause: error },
      );
    }
    throw error;
  }
}

function filter(style: RasterStyle, rgba: Uint8Array): Uint8Array {
  applyBrightnessContrast(rgba, style.brightnessContrast);
  applyHueSaturation(rgba, style.hueSaturation);
  return rgba;
}
