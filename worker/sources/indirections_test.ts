import { assert, assertEquals, assertRejects } from "./_assert.ts";
import { resolveLayerSource } from "./file_source.ts";
import { vrtReferences } from "./indirections.ts";
import { JobError } from "../runners/types.ts";
import { renderRasterLayer } from "../raster/render.ts";
import { mapFor, testContext } from "../raster/_test_util.ts";
import { DOMParser } from "@xmldom/xmldom";

const ASC = [
  "ncols 4",
  "nrows 4",
  "xllcorner 2600000",
  "yllcorner 1200000",
  "cellsize 100",
  "NODATA_value -9999",
  "1 2 3 4",
  "5 6 7 8",
  "9 10 11 12",
  "13 14 15 16",
].join("\n") + "\n";

const vrt = (source: string, relative = "1") =>
  `<VRTDataset rasterXSize="4" rasterYSize="4">
  <SRS>EPSG:2056</SRS>
  <GeoTransform>2600000, 100, 0, 1200400, 0, -100</GeoTransform>
  <VRTRasterBand dataType="Float32" band="1"><SimpleSource>
    <SourceFilename relativeToVRT="${relative}">${source}</SourceFilename>
    <SourceBand>1</SourceBand>
  </SimpleSource></VRTRasterBand>
</VRTDataset>`;

// <tmp>/outside.asc, <tmp>/root/data/{inside.asc, *.vrt, links}
const tmp = await Deno.makeTempDir({ prefix: "qsl_indirections_" });
const root = `${tmp}/root`;
const data = `${root}/data`;
await Deno.mkdir(`${data}/sub`, { recursive: true });
await Deno.writeTextFile(`${tmp}/outside.asc`, ASC);
await Deno.writeTextFile(`${data}/inside.asc`, ASC);
await Deno.symlink(`${tmp}/outside.asc`, `${data}/linked_out.asc`);
const files: Record<string, string> = {
  "good.vrt": vrt("inside.asc"),
  "sub/good_up.vrt": vrt("../inside.asc"),
  "nested_good.vrt": vrt("good.vrt"),
  "out.vrt": vrt("../../outside.asc"),
  "link.vrt": vrt("linked_out.asc"),
  "abs.vrt": vrt(`${tmp}/outside.asc`, "0"),
  "notrel.vrt": vrt("inside.asc", "0"),
  "vsi.vrt": vrt("/vsicurl/http://example.org/x.tif"),
  "vsirel.vrt": vrt("vsizip/../../outside.zip/x.asc"),
  "pg.vrt": vrt("PG:dbname=postgres table=x"),
  "vrturl.vrt": vrt("vrt://inside.asc?bands=1"),
  "nested_out.vrt": vrt("out.vrt"),
  "missing.vrt": vrt("nothing.asc"),
  "loop.vrt": vrt("loop.vrt"),
  // a VRT under another name: GDAL goes by the content
  "disguised.tif": vrt("../../outside.asc"),
};
for (const [name, text] of Object.entries(files)) {
  await Deno.writeTextFile(`${data}/${name}`, text);
}
// sidecars GDAL opens by itself, linked out of the root
await Deno.writeTextFile(`${data}/ovr.asc`, ASC);
await Deno.symlink(`${tmp}/outside.asc`, `${data}/ovr.asc.ovr`);
await Deno.writeTextFile(`${data}/aux.asc`, ASC);
await Deno.symlink(`${tmp}/outside.asc`, `${data}/aux.asc.aux.xml`);
await Deno.writeTextFile(`${data}/shape.shp`, "");
await Deno.symlink(`${tmp}/outside.asc`, `${data}/shape.DBF`);
// an unrelated link beside a file is no concern of that file
await Deno.symlink(`${tmp}/outside.asc`, `${data}/unrelated.txt`);

const layer = (path: string) => ({
  id: `indirection_${path}`,
  name: "dem",
  source: JSON.stringify({ path }),
  remote: false,
  folder_name: "data",
  driver: "gdal",
});
const ctx = { dataRoot: root, remoteHosts: [] };

Deno.test("vrtReferences reads the files raster and OGR VRTs name", () => {
  assertEquals(
    vrtReferences(
      `<OGRVRTDataSource><OGRVRTLayer name="a"><SrcDataSource relativeToVRT="1"><![CDATA[a.csv]]></SrcDataSource></OGRVRTLayer></OGRVRTDataSource>`,
    ),
    [{ name: "a.csv", relative: true }],
  );
  assertEquals(
    vrtReferences(
      `<VRTDataset subClass="VRTWarpedDataset"><GDALWarpOptions><SourceDataset relativeToVRT="0"> /x.tif </SourceDataset></GDALWarpOptions></VRTDataset>`,
    ),
    [{ name: "/x.tif", relative: false }],
  );
});

Deno.test("resolveLayerSource accepts VRTs whose sources stay in the data root", async () => {
  for (
    const path of [
      "good.vrt",
      "sub/good_up.vrt",
      "nested_good.vrt",
      "inside.asc",
    ]
  ) {
    const r = await resolveLayerSource(layer(path), ctx);
    assertEquals(r.relativePath, `data/${path}`);
  }
});

Deno.test("resolveLayerSource refuses GDAL indirections out of the data root", async () => {
  const cases: [string, string][] = [
    ["out.vrt", "names '../../outside.asc', which leaves the data root"],
    ["link.vrt", "names 'linked_out.asc', which leaves the data root"],
    ["abs.vrt", "an absolute path"],
    ["notrel.vrt", 'not marked relativeToVRT="1"'],
    ["vsi.vrt", "a virtual file system path"],
    ["vsirel.vrt", "a virtual file system path"],
    ["pg.vrt", "a URL or connection string"],
    ["vrturl.vrt", "a URL or connection string"],
    ["nested_out.vrt", "its VRT 'data/out.vrt' names '../../outside.asc'"],
    ["missing.vrt", "names 'nothing.asc', which is not found"],
    ["loop.vrt", "nests VRTs deeper than 8 levels"],
    ["disguised.tif", "its VRT 'data/disguised.tif' names"],
    ["ovr.asc", "its companion file 'data/ovr.asc.ovr' leaves the data root"],
    ["aux.asc", "companion file 'data/aux.asc.aux.xml' leaves the data root"],
    ["shape.shp", "companion file 'data/shape.DBF' leaves the data root"],
  ];
  for (const [path, message] of cases) {
    const error = await assertRejects(
      () => resolveLayerSource(layer(path), ctx),
      JobError,
    );
    assert(
      error.message.startsWith("Cannot open layer 'dem': ") &&
        error.message.includes(message),
      `${path}: ${error.message}`,
    );
  }
});

Deno.test("resolveLayerSource sees a sidecar link made after a first check", async () => {
  await Deno.writeTextFile(`${data}/late.asc`, ASC);
  // an old folder: its link list is kept while its mtime stays
  const old = new Date(Date.now() - 60_000);
  await Deno.utime(data, old, old);
  await resolveLayerSource(layer("late.asc"), ctx);
  await Deno.symlink(`${tmp}/outside.asc`, `${data}/late.asc.ovr`);
  const error = await assertRejects(
    () => resolveLayerSource(layer("late.asc"), ctx),
    JobError,
  );
  assert(error.message.includes("late.asc.ovr"), error.message);
  await Deno.remove(`${data}/late.asc.ovr`);
  await resolveLayerSource(layer("late.asc"), ctx);
});

Deno.test("resolveLayerSource sees a file rewritten in place into a VRT after a first check", async () => {
  // Same size, same inode, mtime put back: only ctime tells the change.
  const text = vrt("../../outside.asc");
  const path = `${data}/swapped.tif`;
  await Deno.writeTextFile(path, text.replace("<VRTDataset", "<XRTDataset"));
  const old = new Date(Date.now() - 60_000);
  await Deno.utime(path, old, old);
  // still for more than 2 s: the first answer (not a VRT) is kept
  await new Promise((resolve) => setTimeout(resolve, 2100));
  await resolveLayerSource(layer("swapped.tif"), ctx);
  await resolveLayerSource(layer("swapped.tif"), ctx);
  await Deno.writeTextFile(path, text);
  await Deno.utime(path, old, old);
  const error = await assertRejects(
    () => resolveLayerSource(layer("swapped.tif"), ctx),
    JobError,
  );
  assert(
    error.message.includes("its VRT 'data/swapped.tif' names"),
    error.message,
  );
});

const qml = new DOMParser().parseFromString(
  `<qgis><pipe><rasterrenderer type="singlebandgray" grayBand="1" opacity="1">
  <contrastEnhancement><minValue>1</minValue><maxValue>16</maxValue>
  <algorithm>StretchToMinimumMaximum</algorithm></contrastEnhancement>
  </rasterrenderer></pipe></qgis>`,
  "text/xml",
).documentElement!;
const map = mapFor(
  { xmin: 2600000, ymin: 1200000, xmax: 2600400, ymax: 1200400 },
  4,
  4,
  "EPSG:2056",
);

Deno.test({
  name:
    "a raster VRT whose source lies outside the data root fails with the reason (it rendered blank as a success)",
  sanitizeResources: false,
  async fn() {
    const good = await renderRasterLayer(
      layer("good.vrt"),
      qml,
      map,
      testContext(root),
    );
    assert(good && good.rgba.some((v, i) => i % 4 === 3 && v > 0), "drawn");
    const error = await assertRejects(
      () => renderRasterLayer(layer("out.vrt"), qml, map, testContext(root)),
      JobError,
    );
    assert(error.message.includes("leaves the data root"), error.message);
  },
});

Deno.test({
  name: "indirections: clean up",
  fn: () => Deno.remove(tmp, { recursive: true }),
});
