/**
 * The size of a raster's blocks, checked when it opens: GDAL reads (and
 * caches) a block whole, whatever part of it a map needs, in WebAssembly
 * memory that never shrinks. A GeoTIFF of 424 bytes declaring strips of
 * 100,000 × 20,000 pixels grew the worker by 2 GB for good and took 7.7 s
 * for a map of 300 × 200 px.
 *
 * @module
 */
import type { Gdal } from "./gdal.ts";
import { rasterInfoJson } from "./apps.ts";

/** Most bytes one block of a raster may hold: 256 MiB. */
export const MAX_RASTER_BLOCK_BYTES = 256 * 1024 * 1024;

const TYPE_BYTES: Record<string, number> = {
  Byte: 1,
  Int8: 1,
  UInt16: 2,
  Int16: 2,
  UInt32: 4,
  Int32: 4,
  Float32: 4,
  Float64: 8,
  UInt64: 8,
  Int64: 8,
  CInt16: 4,
  CInt32: 8,
  CFloat32: 8,
  CFloat64: 16,
};

interface BandJson {
  block?: [number, number];
  type?: string;
}

/**
 * Why a raster's blocks are too large to read, or null: a band's block
 * (all bands' when its pixels are interleaved, which GDAL decodes at once)
 * over {@link MAX_RASTER_BLOCK_BYTES}.
 *
 * @example
 * ```ts ignore
 * const reason = oversizedBlocks(gdal, pointer);
 * ```
 */
export function oversizedBlocks(
  gdal: Gdal,
  pointer: number,
  maxBytes: number = MAX_RASTER_BLOCK_BYTES,
): string | null {
  const info = rasterInfoJson(gdal, pointer, [
    "-nogcp",
    "-noct",
    "-norat",
    "-nofl",
  ]) as {
    bands?: BandJson[];
    metadata?: { IMAGE_STRUCTURE?: { INTERLEAVE?: string } };
  } | null;
  const bands = info?.bands ?? [];
  const interleaved = info?.metadata?.IMAGE_STRUCTURE?.INTERLEAVE === "PIXEL";
  let bytes = 0, width = 0, height = 0;
  for (const band of bands) {
    const [x, y] = band.block ?? [0, 0];
    const b = x * y * (TYPE_BYTES[band.type ?? ""] ?? 8);
    if (interleaved) bytes += b;
    else if (b > bytes) bytes = b;
    if (x * y > width * height) [width, height] = [x, y];
  }
  if (bytes <= maxBytes) return null;
  return `its blocks of ${width} × ${height} pixels hold ${bytes} bytes, over the limit of ${maxBytes} (GDAL reads a block whole)`;
}

// GDAL's text grids: each cell is a number and a separator
const TEXT_GRIDS = new Set(["AAIGrid", "GRASSASCIIGrid"]);

/**
 * Why a text grid (Arc/Info ASCII, GRASS ASCII) cannot hold the cells its
 * header declares, or null: each cell takes at least two bytes (a digit and
 * a separator). Such a file of 100 bytes declaring 500 × 500 cells held
 * the worker for minutes in GDAL's reads, past the job's time budget (a
 * WebAssembly call cannot be stopped).
 *
 * @example
 * ```ts ignore
 * const reason = shortTextGrid(gdal, pointer, "/qsl/root0/data/dem.asc");
 * ```
 */
export function shortTextGrid(
  gdal: Gdal,
  pointer: number,
  gdalPath: string,
): string | null {
  const M = gdal.Module;
  const driver: number = M._GDALGetDatasetDriver(pointer);
  if (!driver) return null;
  const name = M.UTF8ToString(M._GDALGetDriverShortName(driver));
  if (!TEXT_GRIDS.has(name)) return null;
  const width: number = M._GDALGetRasterXSize(pointer);
  const height: number = M._GDALGetRasterYSize(pointer);
  let size: number;
  try {
    size = M.FS.stat(gdalPath).size as number;
  } catch {
    return null;
  }
  const cells = width * height;
  if (size >= 2 * cells - 1) return null;
  return `its ${name} file declares ${width} × ${height} cells but holds ${size} bytes (at least 2 a cell)`;
}
