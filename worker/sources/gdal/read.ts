/**
 * Reading raster bands with gdal3.js (the `gdal` provider): the grid, CRS and no-data of an open
 * dataset (GDAL's C API), source windows resampled as `GDALRasterIO` does
 * (`gdal_translate -srcwin -outsize` into a raw ENVI file), and a warp onto
 * the map grid for rasters in another CRS. Every function runs inside
 * `withGdal`.
 *
 * @module
 */
import { type Gdal, hintFileSize, readMemFile } from "../../gdal/gdal.ts";
import type { OpenDataset } from "../../gdal/dataset_cache.ts";
import { gdalError } from "../../gdal/dataset_cache.ts";
import { JobError } from "../../runners/types.ts";
import type { Rect } from "../../geometry/types.ts";
import type { ResamplingMethod } from "../../raster/style.ts";
import type { RasterInfo } from "../source.ts";
import { registerHeld } from "../../cache/held.ts";
import { transformInPlace } from "../../gdal/transform.ts";
import { isNoCrs } from "../../map/compute.ts";
import { bandOverviews, openOverview, overviewWindow } from "./overview.ts";
import { rasterInfoJson } from "../../gdal/apps.ts";

const infos = new WeakMap<OpenDataset, RasterInfo>();

const GDT_BYTE = 1, GDT_UINT16 = 2, GDT_INT16 = 3, GDT_UINT32 = 4;
const GDT_INT32 = 5, GDT_FLOAT32 = 6, GDT_INT8 = 14;

/**
 * `QgsRaster::isRepresentableValue`: whether a value is in the range of the
 * band's type (NaN is in no integer type's).
 *
 * @example
 * ```ts
 * isRepresentable(NaN, 1); // false: not a Byte
 * ```
 */
export function isRepresentable(value: number, dataType: number): boolean {
  const range: Record<number, [number, number]> = {
    [GDT_BYTE]: [0, 0xff],
    [GDT_INT8]: [-0x80, 0x7f],
    [GDT_UINT16]: [0, 0xffff],
    [GDT_INT16]: [-0x8000, 0x7fff],
    [GDT_UINT32]: [0, 0xffffffff],
    [GDT_INT32]: [-0x80000000, 0x7fffffff],
  };
  const r = range[dataType];
  return !r || (value >= r[0] && value <= r[1]);
}

/** `QgsRaster::representableValue`: a value cast to the band's type. */
export function representable(value: number, dataType: number): number {
  switch (dataType) {
    case GDT_BYTE:
      return Math.trunc(value) & 0xff;
    case GDT_INT8:
      return (Math.trunc(value) << 24) >> 24;
    case GDT_UINT16:
      return Math.trunc(value) & 0xffff;
    case GDT_INT16:
      return (Math.trunc(value) << 16) >> 16;
    case GDT_UINT32:
      return Math.trunc(value) >>> 0;
    case GDT_INT32:
      return Math.trunc(value) | 0;
    case GDT_FLOAT32:
      return Math.fround(value);
    default:
      return value;
  }
}

/**
 * Reads (once per open dataset) size, geotransform, band types, no-data
 * values and CRS.
 *
 * @example
 * ```ts ignore
 * const info = rasterInfo(gdal, ds);
 * ```
 */
export function rasterInfo(gdal: Gdal, ds: OpenDataset): RasterInfo {
  const cached = infos.get(ds);
  if (cached) return cached;
  const M = gdal.Module;
  const width: number = M._GDALGetRasterXSize(ds.pointer);
  const height: number = M._GDALGetRasterYSize(ds.pointer);
  const bandCount: number = M._GDALGetRasterCount(ds.pointer);
  const mem: number = M._malloc(48);
  let gt: number[];
  let gcps: GcpFacts | null = null;
  try {
    const err = M._GDALGetGeoTransform(ds.pointer, mem);
    gt = Array.from(M.HEAPF64.subarray(mem >> 3, (mem >> 3) + 6));
    // A raster without georeferencing (a plain PNG or JPEG): pixels as map
    // units, rows going down from y 0, as QGIS's GDAL provider takes it
    // (GDAL's default (0,1,0,0,0,1) with the pixel height made -1).
    if (err !== 0) {
      gt = [0, 1, 0, 0, 0, -1];
      gcps = gcpFacts(gdal, ds);
    }
  } finally {
    M._free(mem);
  }
  const dataTypes: number[] = [];
  const noData: (number | null)[] = [];
  const flag: number = M._malloc(4);
  try {
    for (let b = 1; b <= bandCount; b++) {
      const band = M._GDALGetRasterBand(ds.pointer, b);
      const type: number = M._GDALGetRasterDataType(band);
      dataTypes.push(type);
      M.HEAP32[flag >> 2] = 0;
      const value: number = M._GDALGetRasterNoDataValue(band, flag);
      // A no-data value the band's type cannot hold (NaN or -9999 on a Byte
      // band, as some writers leave) is ignored, as QgsGdalProvider ignores
      // it: cast, it would hide real pixels (NaN became 0).
      noData.push(
        M.HEAP32[flag >> 2] && isRepresentable(value, type)
          ? representable(value, type)
          : null,
      );
    }
  } finally {
    M._free(flag);
  }
  const wkt: string = gcps?.wkt ??
    M.UTF8ToString(M._GDALGetProjectionRef(ds.pointer));
  const id = /ID\["([A-Za-z]+)",(\d+)\]\]\s*$/.exec(wkt) ??
    /AUTHORITY\["([A-Za-z]+)","(\d+)"\]\]\s*$/.exec(wkt);
  const x0 = gt[0], y0 = gt[3];
  const info: RasterInfo = {
    width,
    height,
    bandCount,
    geoTransform: gt,
    extent: gcps?.extent ?? {
      xmin: Math.min(x0, x0 + width * gt[1]),
      xmax: Math.max(x0, x0 + width * gt[1]),
      ymin: Math.min(y0, y0 + height * gt[5]),
      ymax: Math.max(y0, y0 + height * gt[5]),
    },
    // georeferenced by ground control points: warped as a rotated grid
    rotated: gcps !== null || gt[2] !== 0 || gt[4] !== 0 || gt[5] > 0 ||
      gt[1] < 0,
    dataTypes,
    noData,
    // A CRS without an authority code (an ESRI .prj beside an ASCII grid)
    // is still one: its WKT, which GDAL transforms from like a code.
    crs: id ? `${id[1].toUpperCase()}:${id[2]}` : wkt.trim() ? wkt : null,
    wkt,
  };
  infos.set(ds, info);
  return info;
}

/** A raster's ground control points: their CRS and the box they span. */
interface GcpFacts {
  wkt: string;
  extent: Rect;
}

/**
 * The ground control points of a raster without a geotransform (a BSB
 * nautical chart, a scanned map), which QGIS's GDAL provider reads through
 * a warped VRT of them (`QgsGdalProvider::initBaseDataset`); null without
 * any or without their CRS.
 */
function gcpFacts(gdal: Gdal, ds: OpenDataset): GcpFacts | null {
  const info = rasterInfoJson(gdal, ds.pointer, ["-nomd", "-norat", "-noct"]) as
    | {
      gcps?: {
        coordinateSystem?: { wkt?: string };
        gcpList?: { x: number; y: number }[];
      };
    }
    | null;
  const list = info?.gcps?.gcpList ?? [];
  const wkt = info?.gcps?.coordinateSystem?.wkt ?? "";
  if (list.length < 3 || !wkt.trim()) return null;
  const xs = list.map((g) => g.x), ys = list.map((g) => g.y);
  return {
    wkt,
    extent: {
      xmin: Math.min(...xs),
      xmax: Math.max(...xs),
      ymin: Math.min(...ys),
      ymax: Math.max(...ys),
    },
  };
}

/**
 * A raster's facts in the CRS its project declares (a job layer's `crs`),
 * which QGIS reads the grid in whatever the file says (a PNG with a world
 * file and no CRS, a `.prj` the project overrides); unchanged without one.
 *
 * @example
 * ```ts ignore
 * const info = declaredRasterInfo(rasterInfo(gdal, ds), "EPSG:2056");
 * ```
 */
export function declaredRasterInfo(
  info: RasterInfo,
  crs: string | null | undefined,
): RasterInfo {
  const declared = crs?.trim().toUpperCase();
  if (!declared || declared === info.crs?.toUpperCase()) return info;
  return { ...info, crs: declared, wkt: declared };
}

/**
 * Whether a WKT is a geographic CRS whose axes say longitude first (GDAL
 * writes `AXIS["Longitude",EAST],AXIS["Latitude",NORTH]` for an ESRI
 * `.prj`'s `GCS_WGS_1984`): PROJ identifies it as `OGC:CRS84` (`OGC:CRS83`,
 * `IGNF:ETRS89G`…), never as an EPSG geographic CRS, whose axes are
 * latitude first, so QGIS reprojects it onto such a map.
 */
function lonLatGeographic(wkt: string): boolean {
  if (!/^\s*GEOG(?:CS|CRS)\[/i.test(wkt)) return false;
  const axis = /AXIS\["([^"]*)",\s*(\w+)/i.exec(wkt);
  if (!axis) return false;
  return /^(?:lon|long|longitude)$/i.test(axis[1]) || /^east$/i.test(axis[2]);
}

// Whether a WKT CRS is a map CRS, by WKT and map CRS (a few per job).
const equivalents = new Map<string, boolean>();
const MAX_EQUIVALENTS = 256;

/**
 * Whether a raster is drawn in `crs` without reprojection, as QGIS decides
 * it: no CRS on either side, the same code, or a WKT without an authority
 * code that is the map's CRS. QGIS identifies such a WKT (PROJ's
 * `proj_identify`, a candidate of confidence ≥ 70 %: an ESRI `.prj` or a
 * GeoTIFF's user-defined keys of British National Grid become EPSG:27700)
 * and draws the raster unprojected when that is the map's CRS; here the
 * WKT counts as the map's CRS when every point of a 3 × 3 grid over the
 * raster maps onto itself (within a millionth of a pixel). gdal3.js has no
 * `OSRFindMatches`; a WKT that PROJ would not identify but that is
 * numerically the map's CRS is the one case told apart otherwise.
 *
 * @example
 * ```ts ignore
 * sameRasterCrs(gdal, info, "EPSG:27700"); // true for BNG in ESRI WKT
 * ```
 */
export function sameRasterCrs(
  gdal: Gdal,
  info: RasterInfo,
  crs: string,
): boolean {
  if (info.crs === null || isNoCrs(crs)) return true;
  if (info.crs.toUpperCase() === crs.toUpperCase()) return true;
  if (/^[A-Za-z]+:\d+$/.test(info.crs)) return false;
  if (lonLatGeographic(info.crs) && /^EPSG:/i.test(crs)) return false;
  const { xmin, ymin, xmax, ymax } = info.extent;
  const key = `${info.crs}\n${crs}\n${xmin} ${ymin} ${xmax} ${ymax}`;
  const known = equivalents.get(key);
  if (known !== undefined) return known;
  const points = new Float64Array(18);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      points[(i * 3 + j) * 2] = xmin + (xmax - xmin) * i / 2;
      points[(i * 3 + j) * 2 + 1] = ymin + (ymax - ymin) * j / 2;
    }
  }
  const moved = points.slice();
  let same = false;
  try {
    same = transformInPlace(gdal, [moved], info.crs, crs)[0];
  } catch { /* no transformation: another CRS */ }
  const tolX = 1e-6 * Math.abs(info.geoTransform[1]);
  const tolY = 1e-6 * Math.abs(info.geoTransform[5]);
  for (let k = 0; same && k < points.length; k += 2) {
    same = Math.abs(moved[k] - points[k]) <= tolX &&
      Math.abs(moved[k + 1] - points[k + 1]) <= tolY;
  }
  if (equivalents.size >= MAX_EQUIVALENTS) equivalents.clear();
  equivalents.set(key, same);
  return same;
}

const GDAL_RESAMPLING: Record<ResamplingMethod, string> = {
  nearestNeighbour: "near",
  bilinear: "bilinear",
  cubic: "cubic",
  cubicSpline: "cubicspline",
  lanczos: "lanczos",
  average: "average",
  mode: "mode",
  gauss: "gauss",
};

let serial = 0;

// gdal3.js lists a VRT's sources among its "output" files: only what GDAL
// wrote into its own output folder may be deleted, never a source file.
function removeOutputs(gdal: Gdal, files: { local: string }[]): void {
  for (const f of files) {
    if (!f.local.startsWith("/output/")) continue;
    try {
      gdal.Module.FS.unlink(f.local);
    } catch { /* already gone */ }
  }
}

function readOutput(
  gdal: Gdal,
  out: { local: string; all: { local: string }[] },
): Float64Array {
  try {
    // ENVI writes the host's byte order: little-endian in WebAssembly.
    const bytes = readMemFile(gdal, out.local);
    if (
      bytes.byteOffset % 8 === 0 && bytes.length % 8 === 0 &&
      bytes.buffer.byteLength <= bytes.length + 4096
    ) {
      // the file's own array (its size was announced), no copy: the file
      // is deleted below
      return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
    }
    const copy = new Float64Array(bytes.length / 8);
    new Uint8Array(copy.buffer).set(bytes);
    return copy;
  } finally {
    removeOutputs(gdal, out.all);
  }
}

// Recently read windows, by source (file version and open options, shared
// by the layers drawing one file; else the dataset's cache name, unique per
// opened file version), band and window: repeated renders of one area, and
// a second layer of the same raster, skip GDAL.
// Bounded by bytes; least recently used first out.
// (bounded well below the worker's 256 MB: a window of a 1500×1500 map is
// about 2.5 MB at the source resolution of the reference rasters)
const WINDOW_CACHE_BYTES = 24 * 1024 * 1024;
const windows = new Map<string, Float64Array>();
let windowBytes = 0;
registerHeld("raster.windows", () => windowBytes);

/**
 * Forgets the recently read windows (for benches and tests).
 *
 * @example
 * ```ts
 * import { clearWindowCache } from "./read.ts";
 * clearWindowCache();
 * ```
 */
export function clearWindowCache(): void {
  windows.clear();
  windowBytes = 0;
}

function cacheGet(key: string): Float64Array | undefined {
  const hit = windows.get(key);
  if (hit) {
    windows.delete(key);
    windows.set(key, hit);
  }
  return hit;
}

function cachePut(key: string, values: Float64Array): void {
  if (values.byteLength > WINDOW_CACHE_BYTES / 4) return;
  windows.set(key, values);
  windowBytes += values.byteLength;
  for (const [k, v] of windows) {
    if (windowBytes <= WINDOW_CACHE_BYTES) break;
    windows.delete(k);
    windowBytes -= v.byteLength;
  }
}

/** Whether a window is of whole pixels inside the raster. */
function wholeInside(
  info: RasterInfo,
  xoff: number,
  yoff: number,
  xsize: number,
  ysize: number,
): boolean {
  return [xoff, yoff, xsize, ysize].every(Number.isInteger) && xoff >= 0 &&
    yoff >= 0 && xoff + xsize <= info.width && yoff + ysize <= info.height;
}

/**
 * A second handle on a GeoTIFF that reads the pixels it samples straight
 * from the file (GTIFF_DIRECT_IO, read when a dataset opens), or 0 for
 * other formats. Without it GDAL's nearest neighbour decodes every block
 * a sampled pixel falls in: a 60,000² px GeoTIFF without overviews took
 * 4.4 s for a 256 px map, 0.13 s with it. Only for whole-pixel windows
 * inside the raster: the direct path rounds a fractional window (GDAL's
 * VRT at the raster's edges) unlike the block path. Compressed files fall
 * back to the block path. The caller closes it.
 */
function openDirect(gdal: Gdal, ds: OpenDataset): number {
  const M = gdal.Module;
  const driver: number = M._GDALGetDatasetDriver(ds.pointer);
  if (
    !driver || M.UTF8ToString(M._GDALGetDriverShortName(driver)) !== "GTiff"
  ) {
    return 0;
  }
  const set = (value: string | null) =>
    M.ccall(
      "CPLSetConfigOption",
      null,
      ["string", "string"],
      ["GTIFF_DIRECT_IO", value],
    );
  set("YES");
  try {
    return M.ccall("GDALOpen", "number", ["string", "number"], [
      ds.gdalPath,
      0,
    ]) ?? 0;
  } finally {
    set(null);
  }
}

/**
 * Reads one band's source window resampled to `outWidth × outHeight` (as
 * `GDALRasterIO` does), with no-data (the band's own, unless disabled)
 * as NaN. Recent windows are kept (24 MB): the result is shared, read-only.
 *
 * @example
 * ```ts ignore
 * const values = readWindow(gdal, ds, info, 1, 0, 0, 10, 10, 10, 10);
 * ```
 */
export async function readWindow(
  gdal: Gdal,
  ds: OpenDataset,
  info: RasterInfo,
  band: number,
  xoff: number,
  yoff: number,
  xsize: number,
  ysize: number,
  outWidth: number,
  outHeight: number,
  useSourceNoData = true,
  resampling: ResamplingMethod = "nearestNeighbour",
): Promise<Float64Array> {
  const key = [
    ds.source ?? `${ds.path} ${ds.gdalPath}`,
    band,
    xoff,
    yoff,
    xsize,
    ysize,
    outWidth,
    outHeight,
    useSourceNoData,
    resampling,
  ].join(" ");
  const cached = cacheGet(key);
  // Callers may not modify the returned values: they are shared.
  if (cached) return cached;
  const name = `qsl_raster_${serial++}`;
  // the ENVI data file ("<name>." in gdal3.js): outWidth × outHeight doubles
  hintFileSize(`${name}.`, outWidth * outHeight * 8);
  const whole = resampling === "nearestNeighbour" &&
    wholeInside(info, xoff, yoff, xsize, ysize);
  // GDALRasterIO's overview and its window in that overview's pixels
  const asked = { xoff, yoff, xsize, ysize };
  const overview = whole
    ? overviewWindow(
      [info.width, info.height],
      bandOverviews(gdal, ds)[band - 1] ?? [],
      asked,
      outWidth,
      outHeight,
    )
    : null;
  const level = overview ? openOverview(gdal, ds, overview.level) : 0;
  const window = level ? overview! : asked;
  // a small map of a big raster: half its resolution or less on both axes
  const direct = !level && whole && xsize >= 2 * outWidth &&
      ysize >= 2 * outHeight
    ? openDirect(gdal, ds)
    : 0;
  let out;
  try {
    out = await gdal.gdal_translate(
      { pointer: level || direct || ds.pointer, path: ds.path },
      [
        "-of",
        "ENVI",
        "-ot",
        "Float64",
        "-b",
        String(band),
        "-srcwin",
        String(window.xoff),
        String(window.yoff),
        String(window.xsize),
        String(window.ysize),
        "-outsize",
        String(outWidth),
        String(outHeight),
        "-r",
        GDAL_RESAMPLING[resampling],
        "-a_nodata",
        "none",
      ],
      name,
    );
  } catch (error) {
    const detail = gdalError(gdal) ??
      (error as { message?: string })?.message ?? String(error);
    throw new JobError(`Cannot read raster band ${band}: ${detail}`, {
      cause: error,
    });
  } finally {
    hintFileSize(`${name}.`, null);
    if (direct) gdal.Module._GDALClose(direct);
    if (level) gdal.Module._GDALClose(level);
  }
  const values = readOutput(gdal, out);
  const nodata = useSourceNoData ? info.noData[band - 1] : null;
  if (nodata !== null && nodata !== undefined) {
    for (let i = 0; i < values.length; i++) {
      if (values[i] === nodata) values[i] = NaN;
    }
  }
  cachePut(key, values);
  return values;
}

/**
 * Warps one band onto a target grid in another CRS (GDAL's warper, the
 * style's resampling), no-data as NaN.
 *
 * @example
 * ```ts ignore
 * const values = await warpBand(gdal, ds, 1, "EPSG:2056", extent, 100, 100, "nearestNeighbour");
 * ```
 */
export async function warpBand(
  gdal: Gdal,
  ds: OpenDataset,
  band: number,
  crs: string,
  extent: Rect,
  width: number,
  height: number,
  resampling: ResamplingMethod,
  useSourceNoData = true,
  sourceCrs?: string,
): Promise<Float64Array> {
  const name = `qsl_warp_${serial++}`;
  // gdalwarp has no band selection: a one-band VRT view comes first.
  let vrt;
  let out;
  try {
    vrt = await gdal.gdal_translate(
      { pointer: ds.pointer, path: ds.path },
      ["-of", "VRT", "-b", String(band), "-ot", "Float64"].concat(
        useSourceNoData ? [] : ["-a_nodata", "none"],
        // the project's CRS over the file's
        sourceCrs ? ["-a_srs", sourceCrs] : [],
      ),
      `${name}_band`,
    );
    const opened = await gdal.open(vrt.local);
    try {
      out = await gdal.gdalwarp(opened.datasets[0], [
        "-of",
        "ENVI",
        "-ot",
        "Float64",
        "-t_srs",
        crs,
        "-te",
        String(extent.xmin),
        String(extent.ymin),
        String(extent.xmax),
        String(extent.ymax),
        "-ts",
        String(width),
        String(height),
        "-r",
        GDAL_RESAMPLING[resampling],
        "-dstnodata",
        "nan",
      ], name);
    } finally {
      await gdal.close(opened.datasets[0]);
    }
  } catch (error) {
    const detail = gdalError(gdal) ??
      (error as { message?: string })?.message ?? String(error);
    throw new JobError(`Cannot warp raster band ${band}: ${detail}`, {
      cause: error,
    });
  } finally {
    if (vrt) removeOutputs(gdal, vrt.all);
  }
  return readOutput(gdal, out);
}
