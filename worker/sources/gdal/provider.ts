/**
 * The `gdal` provider: raster files through GDAL (GeoTIFF, VRT, ASCII
 * grids, …), below the data root or fetched from an allowed host
 * (`remote: true`).
 *
 * Source keys (QGIS's decoded `gdal` URI): `path` (relative to
 * `<data root>/<folder_name>`, or a URL when `remote`), `vsiPrefix` /
 * `vsiSuffix` (an archive and its member).
 *
 * A block in the raster's own CRS is read as QGIS's GDAL provider reads it
 * (`QgsRasterDataProvider::block`: the source window at the source
 * resolution, or the request's when coarser, then nearest neighbour at
 * pixel centres, or the style's provider resampling through GDAL); a block
 * in another CRS is taken through QGIS's raster projector when sampled by
 * nearest neighbour (the visible part of the raster aligned to whole map
 * pixels, each part of it projected: the provider's block of the source
 * extent and size the projector asks for, mapped back pixel by pixel);
 * otherwise it is warped onto the request's grid by GDAL's warper. A
 * rotated or flipped grid, or one placed by ground control points, is read
 * through a north-up warped VRT of it, as QGIS's provider reads it
 * (`warped_vrt.ts`).
 *
 * Permissions: `--allow-read` on the data root; `--allow-net` on the hosts
 * of remote files.
 *
 * @module
 */
import { withGdal } from "../../gdal/gdal.ts";
import { LruCache } from "../../cache/lru.ts";
import {
  MapToPixel,
  providerBlock,
  rasterIteratorTiles,
  type WindowReader,
} from "../../raster/sampling.ts";
import { transformInPlace } from "../../gdal/transform.ts";
import type { Rect } from "../../geometry/types.ts";
import { projectBlock } from "../wms/projector.ts";
import { transformBoundingBox } from "../wms/bbox.ts";
import type { BlockValues } from "../../raster/sampling.ts";
import type { ResamplingMethod } from "../../raster/style.ts";
import type {
  BlockRequest,
  ProjectedMap,
  ProjectedPart,
  ProjectionRequest,
  RasterReader,
  RasterSource,
  SourceContext,
  SourceLayer,
  SourceProvider,
} from "../source.ts";
import { openPrepared, prepareSource } from "../gdal_dataset.ts";
import {
  declaredRasterInfo,
  rasterInfo,
  readWindow,
  sameRasterCrs,
  warpBand,
} from "./read.ts";
import { bandValuesAt } from "./value_at.ts";
import { northUpDataset } from "./warped_vrt.ts";
import { registerHeld } from "../../cache/held.ts";

const WINDOW_PLANNED = Symbol("window planned");
// the planning pass's arrays are never read: one empty array stands in
const PLAN_ARRAY = new Float64Array(0);
const planAlloc = (): BlockValues => PLAN_ARRAY;

/**
 * The projections of the last maps in another CRS (a map's parts and their
 * pixel indices, a 4-byte index per map pixel): the same map asked again,
 * or a second layer of the same raster in one map (a DEM drawn as colours
 * and as its hillshade), skips the ~3,000 bounding-box points and the
 * control-point matrices through GDAL. Pure in its key, so the output is
 * the same; bounded by bytes.
 */
const projections = new LruCache<string, ProjectedMap | null>({
  maxEntries: 32,
  maxBytes: 16 * 1024 * 1024,
  sizeOf: (_key, map) =>
    256 + (map?.parts.reduce((n, p) => n + 128 + p.index.byteLength, 0) ?? 0),
});
registerHeld("raster.projections", () => projections.bytes);

/** A raster file read through GDAL. */
class GdalSource implements RasterSource {
  readonly kind = "raster" as const;
  readonly provider = "gdal";
  readonly #layer: SourceLayer;
  readonly #ctx: SourceContext;

  constructor(layer: SourceLayer, ctx: SourceContext) {
    this.#layer = layer;
    this.#ctx = ctx;
  }

  async read<T>(task: (reader: RasterReader) => Promise<T>): Promise<T> {
    const layer = this.#layer;
    const prepared = await prepareSource(layer, this.#ctx);
    return await withGdal(async (gdal) => {
      const ds = await northUpDataset(
        gdal,
        layer,
        openPrepared(gdal, layer, prepared, "raster"),
      );
      const own = rasterInfo(gdal, ds);
      const info = declaredRasterInfo(own, layer.crs);
      const grid = {
        width: info.width,
        height: info.height,
        extent: info.extent,
      };
      const block = async (
        band: number,
        req: BlockRequest,
      ): Promise<BlockValues> => {
        const useSourceNoData = req.useSourceNoData ?? true;
        const sameCrs = sameRasterCrs(gdal, info, req.crs);
        const sample = async (
          extent: Rect,
          width: number,
          height: number,
          alloc = req.alloc,
        ): Promise<BlockValues> => {
          // The provider asks for at most one window per block; read it
          // first (GDAL is asynchronous here), then sample synchronously. A
          // planning pass stops at the read: it only learns the window.
          const requests: Parameters<WindowReader>[] = [];
          try {
            providerBlock(
              grid,
              (...args) => {
                requests.push(args);
                throw WINDOW_PLANNED;
              },
              extent,
              width,
              height,
              req.resample,
              planAlloc,
            );
          } catch (error) {
            if (error !== WINDOW_PLANNED) throw error;
          }
          const windows: Float64Array[] = [];
          for (const r of requests) {
            windows.push(
              await readWindow(
                gdal,
                ds,
                info,
                band,
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                useSourceNoData,
                r[6] as ResamplingMethod | undefined,
              ),
            );
          }
          let k = 0;
          return providerBlock(
            grid,
            () => windows[k++],
            extent,
            width,
            height,
            req.resample,
            alloc,
          );
        };
        const nearest = (req.method ?? "nearestNeighbour") ===
          "nearestNeighbour";
        if (!sameCrs && !info.rotated && nearest && info.crs !== null) {
          return await projected(req, info.crs, info.extent, sample, gdal);
        }
        if (!sameCrs || info.rotated) {
          // GDAL's warper onto the request's grid: resampled reprojection
          // and rotated grids.
          return await warpBand(
            gdal,
            ds,
            band,
            req.crs,
            req.extent,
            req.width,
            req.height,
            req.method ?? "nearestNeighbour",
            useSourceNoData,
            info === own ? undefined : info.crs ?? undefined,
          );
        }
        return await sample(req.extent, req.width, req.height);
      };
      const project = (req: ProjectionRequest): ProjectedMap | null =>
        info.crs === null || info.rotated
          ? null
          : projectParts(gdal, req, info.crs, info.extent);
      const sameCrs = (crs: string) => sameRasterCrs(gdal, info, crs);
      return await task({ info, block, project, sameCrs });
    });
  }

  async valuesAt(
    point: [number, number],
    crs: string,
  ): Promise<(number | null)[] | null> {
    const layer = this.#layer;
    const prepared = await prepareSource(layer, this.#ctx);
    return await withGdal(async (gdal) => {
      const ds = await northUpDataset(
        gdal,
        layer,
        openPrepared(gdal, layer, prepared, "raster"),
      );
      return await bandValuesAt(gdal, ds, layer, point, crs);
    });
  }
}

/**
 * How a map (extent, size, CRS) is drawn from a raster in another CRS, as
 * `QgsRasterLayerRenderer` and `QgsRasterProjector` make it: the map
 * extent taken to the raster's CRS and back, cut by the raster's extent in
 * map CRS and aligned to whole map pixels; each part of that projected
 * (control-point matrix, nearest source pixel). Null when nothing is drawn.
 */
/**
 * A raster's extent in a map CRS (about 1,000 points through GDAL), the same
 * for every map of that CRS: kept per source extent and CRS pair.
 */
const layerBoxes = new LruCache<string, Rect | null>(64);

function projectParts(
  gdal: Parameters<Parameters<typeof withGdal>[0]>[0],
  req: ProjectionRequest,
  srcCrs: string,
  srcExtent: Rect,
): ProjectedMap | null {
  const e = req.extent, s = srcExtent;
  const key = [
    req.crs,
    e.xmin,
    e.ymin,
    e.xmax,
    e.ymax,
    req.width,
    req.height,
    srcCrs,
    s.xmin,
    s.ymin,
    s.xmax,
    s.ymax,
  ].join(" ");
  if (projections.has(key)) return projections.get(key)!;
  const out = computeParts(gdal, req, srcCrs, srcExtent);
  projections.set(key, out);
  return out;
}

function computeParts(
  gdal: Parameters<Parameters<typeof withGdal>[0]>[0],
  req: ProjectionRequest,
  srcCrs: string,
  srcExtent: Rect,
): ProjectedMap | null {
  const map = req.extent;
  const inLayer = transformBoundingBox(gdal, map, req.crs, srcCrs);
  const back = inLayer
    ? transformBoundingBox(gdal, inLayer, srcCrs, req.crs)
    : null;
  const layerKey = [
    srcCrs,
    req.crs,
    srcExtent.xmin,
    srcExtent.ymin,
    srcExtent.xmax,
    srcExtent.ymax,
  ].join(" ");
  let layer = layerBoxes.get(layerKey);
  if (layer === undefined) {
    layer = transformBoundingBox(gdal, srcExtent, srcCrs, req.crs);
    layerBoxes.set(layerKey, layer);
  }
  if (!back || !layer) return null;
  const drawn = {
    xmin: Math.max(back.xmin, layer.xmin),
    ymin: Math.max(back.ymin, layer.ymin),
    xmax: Math.min(back.xmax, layer.xmax),
    ymax: Math.min(back.ymax, layer.ymax),
  };
  if (!(drawn.xmin < drawn.xmax && drawn.ymin < drawn.ymax)) return null;
  const mupp = Math.max(
    (map.xmax - map.xmin) / req.width,
    (map.ymax - map.ymin) / req.height,
  );
  const m2p = new MapToPixel(map, req.width, req.height, mupp);
  const tl = m2p.transform(drawn.xmin, drawn.ymax);
  const br = m2p.transform(drawn.xmax, drawn.ymin);
  const left = Math.floor(tl[0]), top = Math.floor(tl[1]);
  const right = Math.ceil(br[0]), bottom = Math.ceil(br[1]);
  const viewport = {
    left,
    top,
    width: right - left,
    height: bottom - top,
    extent: drawn,
    alignedExtent: drawn,
  };
  if (viewport.width <= 0 || viewport.height <= 0) return null;
  const parts: ProjectedPart[] = [];
  for (const part of rasterIteratorTiles(viewport)) {
    const projection = projectBlock(
      part.extent,
      part.width,
      part.height,
      srcExtent,
      (xy) => void transformInPlace(gdal, [xy], req.crs, srcCrs),
      (xy) => void transformInPlace(gdal, [xy], srcCrs, req.crs),
    );
    if (!projection) continue;
    parts.push({
      left: left + part.col,
      top: top + part.row,
      width: part.width,
      height: part.height,
      ...projection,
    });
  }
  return { parts };
}

/**
 * A block of the map (`req`: the map's extent and size) from a raster in
 * another CRS through {@link projectParts}: each part from the provider's
 * block of the source extent and size the projector asks for. NaN where
 * nothing is drawn.
 */
async function projected(
  req: BlockRequest,
  srcCrs: string,
  srcExtent: Rect,
  sample: (
    extent: Rect,
    width: number,
    height: number,
    alloc?: (length: number) => BlockValues,
  ) => Promise<BlockValues>,
  gdal: Parameters<Parameters<typeof withGdal>[0]>[0],
): Promise<BlockValues> {
  const out = (req.alloc ?? ((n: number) => new Float64Array(n)))(
    req.width * req.height,
  ).fill(NaN);
  const projectedMap = projectParts(gdal, req, srcCrs, srcExtent);
  if (!projectedMap) return out;
  for (const part of projectedMap.parts) {
    const src = await sample(
      part.srcExtent,
      part.srcCols,
      part.srcRows,
      (n) => new Float64Array(n),
    );
    const index = part.index;
    for (let row = 0; row < part.height; row++) {
      const y = part.top + row;
      if (y < 0 || y >= req.height) continue;
      for (let col = 0; col < part.width; col++) {
        const x = part.left + col;
        if (x < 0 || x >= req.width) continue;
        const i = index[row * part.width + col];
        if (i >= 0) out[y * req.width + x] = src[i];
      }
    }
  }
  return out;
}

/**
 * The `gdal` provider.
 *
 * @example
 * ```ts ignore
 * import { gdalProvider } from "./provider.ts";
 * const source = gdalProvider.open(layer, ctx);
 * ```
 */
export const gdalProvider: SourceProvider = {
  key: "gdal",
  kind: "raster",
  open: (layer, ctx) => new GdalSource(layer, ctx),
};
