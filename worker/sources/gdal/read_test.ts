import assert from "node:assert/strict";
import { withGdal } from "../../gdal/gdal.ts";
import type { OpenDataset } from "../../gdal/dataset_cache.ts";
import {
  clearWindowCache,
  isRepresentable,
  rasterInfo,
  readWindow,
} from "./read.ts";

// A GeoTIFF read at half its resolution or less takes GDAL's direct path
// (GTIFF_DIRECT_IO, uncompressed files): it samples the pixels the block
// path samples, the one under each output pixel's centre, for tiled and
// striped files, bytes and floats, windows and sizes that do not divide;
// so do the reads that stay on the block path (zoomed in).
const W = 1237, H = 911;
const value = (c: number, r: number) => (c * 7 + r * 13) % 251;

Deno.test("readWindow: decimated GeoTIFF windows (GDAL's direct path) sample the pixels of the block path", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_direct_io_" });
  try {
    const raw = new Uint8Array(W * H);
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < W; c++) raw[r * W + c] = value(c, r);
    }
    await Deno.writeFile(`${dir}/grid.bin`, raw);
    await Deno.writeTextFile(
      `${dir}/grid.hdr`,
      `ENVI\nsamples = ${W}\nlines = ${H}\nbands = 1\nheader offset = 0\n` +
        "data type = 1\ninterleave = bsq\nbyte order = 0\n",
    );
    const files: Record<string, string[]> = {
      tiled: [
        "-co",
        "TILED=YES",
        "-co",
        "BLOCKXSIZE=64",
        "-co",
        "BLOCKYSIZE=32",
      ],
      striped: ["-co", "BLOCKYSIZE=7"],
      float: ["-ot", "Float32", "-co", "TILED=YES"],
    };
    const windows: number[][] = [
      [0, 0, W, H, 97, 61],
      [13, 29, 1001, 777, 256, 256],
      [300, 5, 17, 900, 3, 40],
      [0, 0, W, H, 1, 1],
      [611, 402, 9, 9, 4, 4],
      [100, 100, 50, 40, 200, 160],
      [W - 300, H - 200, 300, 200, 30, 20],
    ];
    await withGdal(async (gdal) => {
      const M = gdal.Module;
      const source = (await gdal.open(`${dir}/grid.bin`)).datasets[0];
      try {
        for (const [name, options] of Object.entries(files)) {
          const out = await gdal.gdal_translate(
            source,
            ["-of", "GTiff", ...options],
            `direct_io_${name}`,
          );
          await Deno.writeFile(`${dir}/${name}.tif`, M.FS.readFile(out.local));
          M.FS.unlink(out.local);
          const opened = (await gdal.open(`${dir}/${name}.tif`)).datasets[0];
          try {
            const ds = {
              ...opened,
              gdalPath: M.UTF8ToString(M._GDALGetDescription(opened.pointer)),
              source: name,
            } as unknown as OpenDataset;
            const info = rasterInfo(gdal, ds);
            for (const w of windows) {
              clearWindowCache();
              const got = await readWindow(
                gdal,
                ds,
                info,
                1,
                w[0],
                w[1],
                w[2],
                w[3],
                w[4],
                w[5],
              );
              // GDAL's nearest neighbour: the pixel under each output
              // pixel's centre
              const want: number[] = [];
              for (let r = 0; r < w[5]; r++) {
                const sr = Math.floor(w[1] + (r + 0.5) * w[3] / w[5]);
                for (let c = 0; c < w[4]; c++) {
                  const sc = Math.floor(w[0] + (c + 0.5) * w[2] / w[4]);
                  want.push(value(sc, sr));
                }
              }
              assert.deepEqual(
                Array.from(got),
                want,
                `${name}: ${w.join(",")}`,
              );
            }
          } finally {
            await gdal.close(opened);
          }
        }
      } finally {
        await gdal.close(source);
      }
    });
  } finally {
    clearWindowCache();
    await Deno.remove(dir, { recursive: true });
  }
});

// QGIS's GDAL provider ignores a no-data value its band's type cannot hold
// (the figures of QgsRasterDataProvider::sourceHasNoDataValue in QGIS 3.22
// for GeoTIFFs GDAL wrote with these values).
Deno.test("isRepresentable: NaN and out-of-range no-data values of integer bands are not, floats' are", () => {
  const BYTE = 1, UINT16 = 2, INT16 = 3, FLOAT32 = 6;
  assert.equal(isRepresentable(NaN, BYTE), false);
  assert.equal(isRepresentable(300, BYTE), false);
  assert.equal(isRepresentable(-1, BYTE), false);
  assert.equal(isRepresentable(12.7, BYTE), true); // QGIS: 12
  assert.equal(isRepresentable(-9999, UINT16), false);
  assert.equal(isRepresentable(-9999, INT16), true);
  assert.equal(isRepresentable(40000, INT16), false);
  assert.equal(isRepresentable(NaN, FLOAT32), true);
  assert.equal(isRepresentable(-Infinity, FLOAT32), true);
});
