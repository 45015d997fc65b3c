/**
 * The names QGIS gives a raster's bands in its legend (`Band 1 (Gray)`,
 * `Band 01: elevation (Gray)`): they come from the data — the band count,
 * each band's description and colour interpretation — read with GDAL's
 * `gdalinfo -json`.
 *
 * @module
 */
import { withGdal } from "../gdal/gdal.ts";
import { rasterInfoJson } from "../gdal/apps.ts";
import type { LayerRef } from "../sources/file_source.ts";
import { openPrepared, prepareSource } from "../sources/gdal_dataset.ts";
import type { RunnerContext } from "../runners/types.ts";
import { type BandNamer, displayBandName } from "./entries.ts";

interface GdalInfoBand {
  band: number;
  description?: string;
  colorInterpretation?: string;
}

/**
 * Reads a raster layer's band names as QGIS's legend writes them; without
 * the colour interpretation (`interpretation: false`) as its feature info
 * does (`Band 1: height`).
 *
 * @throws {Error} when the source cannot be opened or described.
 * @example
 * ```ts ignore
 * import { readBandNames } from "./band_names.ts";
 * const name = await readBandNames(layer, ctx);
 * name(1); // "Band 1 (Gray)"
 * ```
 */
export async function readBandNames(
  layer: LayerRef,
  ctx: RunnerContext,
  options: { interpretation?: boolean } = {},
): Promise<BandNamer> {
  const prepared = await prepareSource(layer, ctx);
  const bands = await withGdal((gdal) => {
    const ds = openPrepared(gdal, layer, prepared, "raster");
    const info = rasterInfoJson(gdal, ds.pointer, [
      "-nomd",
      "-norat",
      "-noct",
      "-nogcp",
    ]) as { bands?: GdalInfoBand[] } | null;
    if (!info) throw new Error("Cannot describe the raster: gdalinfo failed");
    return info.bands ?? [];
  });
  const count = bands.length;
  return (band) => {
    const b = bands.find((x) => x.band === band);
    return displayBandName(
      band,
      count,
      b?.description ?? "",
      options.interpretation === false
        ? "Undefined"
        : b?.colorInterpretation ?? "Undefined",
    );
  };
}
