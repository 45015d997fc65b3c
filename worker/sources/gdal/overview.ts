/**
 * The overview `GDALRasterIO` reads a decimated window from, as QGIS's
 * provider calls it: a whole-pixel window and nearest neighbour, without
 * a floating-point window. GDAL then rounds the window into the chosen
 * overview's pixels (`GDALBandGetBestOverviewLevel2`) and reads there;
 * `gdal_translate -srcwin -outsize` hands the overview a floating-point
 * window instead (its VRT source's), which can fall on the next row or
 * column: a map pixel's centre on the edge between two overview rows read
 * one row lower than QGIS reads it. gdal3.js has no `GDALRasterIO`, so the
 * worker picks the overview and its window as GDAL does and reads that
 * overview opened alone (`OVERVIEW_LEVEL`).
 *
 * @module
 */
import type { Gdal } from "../../gdal/gdal.ts";
import type { OpenDataset } from "../../gdal/dataset_cache.ts";
import {
  rasterInfoJson,
  withCString,
  withCStringList,
} from "../../gdal/apps.ts";

/** A window of raster pixels: its top-left pixel and its size. */
export interface PixelWindow {
  xoff: number;
  yoff: number;
  xsize: number;
  ysize: number;
}

/** A window of an overview: its level (0 = the first) and its pixels. */
export interface OverviewWindow extends PixelWindow {
  level: number;
}

/**
 * The overview and window GDAL's nearest-neighbour `RasterIO` reads a
 * source window from into `outWidth × outHeight` (GDAL's oversampling
 * threshold 1.2), or null when it reads full resolution.
 *
 * @example
 * ```ts
 * import { overviewWindow } from "./overview.ts";
 * // a 976 × 999 raster with overviews of 488 × 500 and 244 × 250
 * const w = { xoff: 487, yoff: 497, xsize: 5, ysize: 5 };
 * overviewWindow([976, 999], [[488, 500], [244, 250]], w, 1, 1);
 * // { level: 1, xoff: 122, yoff: 124, xsize: 1, ysize: 1 }
 * ```
 */
export function overviewWindow(
  [width, height]: [number, number],
  overviews: [number, number][],
  { xoff, yoff, xsize, ysize }: PixelWindow,
  outWidth: number,
  outHeight: number,
): OverviewWindow | null {
  if (outWidth >= xsize && outHeight >= ysize) return null;
  const desired = xsize / outWidth < ysize / outHeight || outHeight === 1
    ? xsize / outWidth
    : ysize / outHeight;
  let level = -1, best = 0;
  overviews.forEach(([w, h], i) => {
    if (w > width || h > height) return;
    const resolution = width / w < height / h ? width / w : height / h;
    if (resolution >= desired * 1.2 || resolution <= best) return;
    level = i;
    best = resolution;
  });
  if (level < 0) return null;
  const [w, h] = overviews[level];
  const fx = width / w, fy = height / h;
  // C's truncation of a value ≥ 0: Math.floor
  const ox = Math.min(w - 1, Math.floor(xoff / fx + 0.5));
  const oy = Math.min(h - 1, Math.floor(yoff / fy + 0.5));
  const ow = Math.max(1, Math.floor(xsize / fx + 0.5));
  const oh = Math.max(1, Math.floor(ysize / fy + 0.5));
  return {
    level,
    xoff: ox,
    yoff: oy,
    xsize: Math.min(ow, w - ox),
    ysize: Math.min(oh, h - oy),
  };
}

const overviewSizes = new WeakMap<OpenDataset, [number, number][][]>();

/**
 * Each band's overview sizes (index 0 = band 1), from `gdalinfo -json`;
 * kept for the open dataset. Call inside `withGdal`.
 *
 * @example
 * ```ts ignore
 * bandOverviews(gdal, ds)[0]; // [[488, 500], [244, 250]]
 * ```
 */
export function bandOverviews(
  gdal: Gdal,
  ds: OpenDataset,
): [number, number][][] {
  const kept = overviewSizes.get(ds);
  if (kept) return kept;
  const info = rasterInfoJson(gdal, ds.pointer, [
    "-nomd",
    "-norat",
    "-noct",
    "-nogcp",
  ]) as { bands?: { overviews?: { size: [number, number] }[] }[] } | null;
  const sizes = (info?.bands ?? []).map((b) =>
    (b.overviews ?? []).map((o) => o.size)
  );
  overviewSizes.set(ds, sizes);
  return sizes;
}

/**
 * A handle on one overview level of the dataset's file, as a dataset of
 * its own (GDAL's `OVERVIEW_LEVEL` open option), or 0 when GDAL cannot
 * open it. The caller closes it.
 *
 * @example
 * ```ts ignore
 * const h = openOverview(gdal, ds, 1);
 * ```
 */
export function openOverview(
  gdal: Gdal,
  ds: OpenDataset,
  level: number,
): number {
  const M = gdal.Module;
  // GDAL_OF_RASTER | GDAL_OF_READONLY
  return withCString(
    gdal,
    ds.gdalPath,
    (path) =>
      withCStringList(
        gdal,
        [`OVERVIEW_LEVEL=${level}`],
        (options) => M._GDALOpenEx(path, 0x02, 0, options, 0),
      ),
  ) ?? 0;
}
