/**
 * The names QGIS gives a raster's bands in its legend (`Band 1 (Gray)`,
 * `Band 01: elevation (Gray)`): they come from the data — the band count,
 * each band's description and colour interpretation — read with GDAL's
 * `gdalinfo -json`.
 *
 * @module
 */
import { withGdal } from "../gdal/gdal.ts";
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
    const M = gdal.Module;
    const args = ["-json", "-nomd", "-norat", "-noct", "-nogcp"];
    const ptrs = args.map((a) => {
      const size = M.lengthBytesUTF8(a) + 1;
      const p = M._malloc(size);
      M.stringToUTF8(a, p, size);
      return p;
    });
    const argv = M._malloc((ptrs.length + 1) * 4);
    new Uint32Array(M.HEAPU32.buffer, argv, ptrs.length + 1).set([...ptrs, 0]);
    const opts = M._GDALInfoOptionsNew(argv, 0);
    for (const p of [argv, ...ptrs]) M._free(p);
    if (!opts) {
      throw new Error("Cannot describe the raster: GDAL refused the options");
    }
    try {
      const text = M._GDALInfo(ds.pointer, opts);
      if (!text) throw new Error("Cannot describe the raster: gdalinfo failed");
      try {
        return (JSON.parse(M.UTF8ToString(text)).bands ?? []) as GdalInfoBand[];
      } finally {
        M._free(text);
      }
    } finally {
      M._GDALInfoOptionsFree(opts);
    }
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
