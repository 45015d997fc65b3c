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
 * in another CRS (or of a rotated grid) is warped onto the request's grid
 * by GDAL's warper.
 *
 * Permissions: `--allow-read` on the data root; `--allow-net` on the hosts
 * of remote files.
 *
 * @module
 */
import { withGdal } from "../../gdal/gdal.ts";
import { providerBlock, type WindowReader } from "../../raster/sampling.ts";
import type { BlockValues } from "../../raster/sampling.ts";
import type { ResamplingMethod } from "../../raster/style.ts";
import type {
  BlockRequest,
  RasterReader,
  RasterSource,
  SourceContext,
  SourceLayer,
  SourceProvider,
} from "../source.ts";
import { openPrepared, prepareSource } from "../gdal_dataset.ts";
import { rasterInfo, readWindow, warpBand } from "./read.ts";
import { bandValuesAt } from "./value_at.ts";

const WINDOW_PLANNED = Symbol("window planned");
// the planning pass's arrays are never read: one empty array stands in
const PLAN_ARRAY = new Float64Array(0);
const planAlloc = (): BlockValues => PLAN_ARRAY;

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
      const ds = openPrepared(gdal, layer, prepared, "raster");
      const info = rasterInfo(gdal, ds);
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
        const sameCrs = info.crs === null ||
          info.crs.toUpperCase() === req.crs.toUpperCase();
        if (!sameCrs || info.rotated) {
          // GDAL's warper onto the request's grid stands in for
          // QgsRasterProjector's approximate reprojection.
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
          );
        }
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
            req.extent,
            req.width,
            req.height,
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
          req.extent,
          req.width,
          req.height,
          req.resample,
          req.alloc,
        );
      };
      return await task({ info, block });
    });
  }

  async valuesAt(
    point: [number, number],
    crs: string,
  ): Promise<(number | null)[] | null> {
    const layer = this.#layer;
    const prepared = await prepareSource(layer, this.#ctx);
    return await withGdal(async (gdal) => {
      const ds = openPrepared(gdal, layer, prepared, "raster");
      return await bandValuesAt(gdal, ds, layer, point, crs);
    });
  }
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
