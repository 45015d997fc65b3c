import assert from "node:assert/strict";
import { testRunnerContext } from "../runners/_test_util.ts";
import { readBandNames } from "./band_names.ts";

const GRID =
  "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2\n3 4\n";

function band(n: number, extra: string): string {
  return `<VRTRasterBand dataType="Float32" band="${n}">${extra}` +
    '<SimpleSource><SourceFilename relativeToVRT="1">grid.asc</SourceFilename>' +
    "<SourceBand>1</SourceBand></SimpleSource></VRTRasterBand>";
}

Deno.test("readBandNames: names from the data's bands, as QGIS's legend writes them", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${root}/data`);
    await Deno.writeTextFile(`${root}/data/grid.asc`, GRID);
    const bands = [
      band(
        1,
        "<Description>elevation</Description><ColorInterp>Gray</ColorInterp>",
      ),
      band(2, "<ColorInterp>Red</ColorInterp>"),
      ...Array.from({ length: 10 }, (_, i) => band(i + 3, "")),
    ];
    await Deno.writeTextFile(
      `${root}/data/bands.vrt`,
      `<VRTDataset rasterXSize="2" rasterYSize="2">${
        bands.join("")
      }</VRTDataset>`,
    );
    await Deno.writeTextFile(
      `${root}/data/one.vrt`,
      `<VRTDataset rasterXSize="2" rasterYSize="2">${
        band(1, "<ColorInterp>Palette</ColorInterp>")
      }</VRTDataset>`,
    );
    const layer = (path: string) => ({
      id: path,
      name: path,
      source: JSON.stringify({ path }),
      remote: false,
      folder_name: "data",
      driver: "gdal",
      style: null,
      filter: null,
    });
    const ctx = testRunnerContext(root);
    const name = await readBandNames(layer("bands.vrt"), ctx);
    // twelve bands: numbers padded to two digits
    assert.equal(name(1), "Band 01: elevation (Gray)");
    assert.equal(name(2), "Band 02 (Red)");
    assert.equal(name(12), "Band 12");
    assert.equal(
      (await readBandNames(layer("one.vrt"), ctx))(1),
      "Band 1 (Palette)",
    );
    await assert.rejects(readBandNames(layer("missing.tif"), ctx));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
