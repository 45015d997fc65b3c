import assert from "node:assert/strict";
import { withGdal } from "../../gdal/gdal.ts";
import { datasetCache, mountRoot } from "../../gdal/dataset_cache.ts";
import { rasterInfo } from "./read.ts";
import { northUpDataset } from "./warped_vrt.ts";

const DATA = decodeURIComponent(
  new URL("../../../tests/parity/real/paint/data", import.meta.url).pathname,
);
const layer = { id: "warped_vrt_test", name: "warped_vrt_test" };

Deno.test("northUpDataset: a grid with rows south to north or placed by GCPs is read through a north-up warped VRT, once", async () => {
  await withGdal(async (gdal) => {
    const point = mountRoot(gdal, DATA);
    for (const file of ["flipped.tif", "gcps.tif"]) {
      const ds = datasetCache.open(gdal, layer, "raster", `${point}/${file}`);
      assert.equal(rasterInfo(gdal, ds).rotated, true, file);
      const warped = await northUpDataset(gdal, layer, ds);
      assert.notEqual(warped, ds, file);
      const info = rasterInfo(gdal, warped);
      assert.equal(info.rotated, false, file);
      assert.ok(info.geoTransform[5] < 0, file);
      assert.ok(info.crs !== null, file);
      // the same VRT (and its open dataset) for the next read
      assert.equal(await northUpDataset(gdal, layer, ds), warped, file);
    }
    // a north-up grid is read as it is
    const north = datasetCache.open(
      gdal,
      layer,
      "raster",
      `${point}/hillshade_resampled.tif`,
    );
    assert.equal(await northUpDataset(gdal, layer, north), north);
  });
});
