// Jobs over the repository's own demo data (demo/), for the hostile tests
// and the bench's hostile set.
import { encodeStyle } from "@qgis-server-light/interface";
import { withGdal } from "../../worker/gdal/gdal.ts";

const FILL =
  '<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0"><layer class="SimpleFill"><Option type="Map"><Option name="color" value="200,80,40,255" type="QString"/></Option></layer></symbol></symbols></renderer-v2></qgis>';
const LINE =
  '<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="line" name="0"><layer class="SimpleLine"><Option type="Map"><Option name="line_width" value="0.8" type="QString"/></Option></layer></symbol></symbols></renderer-v2></qgis>';
const POINT =
  '<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="marker" name="0"><layer class="SimpleMarker"><Option type="Map"><Option name="size" value="3" type="QString"/></Option></layer></symbol></symbols></renderer-v2>' +
  '<labeling type="simple"><settings><text-style fieldName="name" fontSize="9"/><placement placement="0"/></settings></labeling></qgis>';

/** A job layer over a demo file with a style (QML text). */
export function demoLayer(
  name: string,
  file: string,
  qml: string,
): Record<string, unknown> {
  return {
    id: `${name}_id`,
    name,
    source: JSON.stringify({ path: `data/${file}` }),
    remote: false,
    folder_name: "",
    driver: "ogr",
    style: { name: "default", definition: encodeStyle(qml) },
    filter: null,
  };
}

/** The demo's three layers (zones, roads, labelled places) as a render job. */
export function demoRenderJob(
  job: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: "demo",
    type: "QslJobInfoRender",
    job: {
      layers: [
        demoLayer("places", "places.geojson", POINT),
        demoLayer("roads", "roads.geojson", LINE),
        demoLayer("zones", "zones.geojson", FILL),
      ],
      bbox: { x_min: 2599520, y_min: 1194680, x_max: 2612480, y_max: 1203320 },
      crs: "EPSG:2056",
      width: 300,
      height: 200,
      dpi: 96,
      format: "image/png",
      ...job,
    },
  };
}

/**
 * Writes a `size × size` one-band Byte GeoTIFF over the demo's map, tiled,
 * uncompressed, without overviews and with no tile written (GDAL's
 * SPARSE_OK: a few hundred kB on disk), made with our GDAL; or with other
 * creation `options` and another `geoTransform`.
 */
export async function sparseGeoTiff(
  path: string,
  size: number,
  creationOptions: string[] = ["TILED=YES", "SPARSE_OK=TRUE"],
  geoTransform: number[] = [2599520, 12960 / size, 0, 1203320, 0, -8640 / size],
): Promise<void> {
  const bytes = await withGdal((gdal) => {
    const M = gdal.Module;
    const held: number[] = [];
    const cString = (s: string) => {
      const b = new TextEncoder().encode(s + "\0");
      const p = M._malloc(b.length);
      M.HEAPU8.set(b, p);
      held.push(p);
      return p;
    };
    const local = "/output/qsl_sparse.tif";
    try {
      const options = creationOptions.map(cString);
      const list = M._malloc(4 * (options.length + 1));
      held.push(list);
      options.forEach((p, i) => M.HEAP32[(list >> 2) + i] = p);
      M.HEAP32[(list >> 2) + options.length] = 0;
      const driver = M._GDALGetDriverByName(cString("GTiff"));
      const ds = M._GDALCreate(driver, cString(local), size, size, 1, 1, list);
      if (!ds) throw new Error(`Cannot create ${local}`);
      const gt = M._malloc(48);
      held.push(gt);
      M.HEAPF64.set(geoTransform, gt >> 3);
      M._GDALSetGeoTransform(ds, gt);
      M._GDALClose(ds);
      const out = M.FS.readFile(local) as Uint8Array;
      M.FS.unlink(local);
      return out;
    } finally {
      for (const p of held) M._free(p);
    }
  });
  await Deno.writeFile(path, bytes);
}

/** A one-band raster drawn grey from 0 to 255. */
export const GREY_RASTER =
  '<qgis><pipe><rasterrenderer type="singlebandgray" grayBand="1" gradient="BlackToWhite"><contrastEnhancement><minValue>0</minValue><maxValue>255</maxValue><algorithm>StretchToMinimumMaximum</algorithm></contrastEnhancement></rasterrenderer></pipe></qgis>';

/**
 * A polygon over the demo's map whose ring bends at each of its `n` nodes,
 * named "Ring", as GeoJSON text.
 */
export function bendingRing(n: number): string {
  const ring: number[][] = [];
  for (let i = 0; i <= n; i++) {
    const a = 2 * Math.PI * (i % n) / n, r = 3000 * (1 + 0.1 * Math.sin(i % n));
    ring.push([
      Math.round((2606000 + r * Math.cos(a)) * 1000) / 1000,
      Math.round((1199000 + r * Math.sin(a)) * 1000) / 1000,
    ]);
  }
  return `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2056"}},"features":[{"type":"Feature","properties":{"name":"Ring"},"geometry":{"type":"Polygon","coordinates":${
    JSON.stringify([ring])
  }}}]}`;
}

/** A fill labelled by `name` along its perimeter (placement 2). */
export const PERIMETER_LABELS =
  '<qgis labelsEnabled="1"><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0"><layer class="SimpleFill"/></symbol></symbols></renderer-v2>' +
  '<labeling type="simple"><settings><text-style fieldName="name" fontSize="9"/><placement placement="2"/></settings></labeling></qgis>';

/**
 * A street across the demo's map cut into `n` segments all named
 * "Main St", in a shuffled order, every other one drawn backwards, as
 * GeoJSON text.
 */
export function streetSegments(n: number): string {
  const x0 = 2599520, step = 12960 / n, y = 1199000;
  const order = Array.from({ length: n }, (_, i) => i);
  let seed = 7;
  for (let i = n - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = Math.floor(seed / 2147483648 * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const features = order.map((i) => {
    const a = [x0 + i * step, y], b = [x0 + (i + 1) * step, y];
    return `{"type":"Feature","properties":{"name":"Main St"},"geometry":{"type":"LineString","coordinates":${
      JSON.stringify(i % 2 ? [b, a] : [a, b])
    }}}`;
  });
  return `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2056"}},"features":[${
    features.join(",")
  }]}`;
}

/** A line style labelled by `name` with connected lines merged (PAL's mergeLines). */
export const MERGED_LINE_LABELS =
  '<qgis labelsEnabled="1"><renderer-v2 type="singleSymbol"><symbols><symbol type="line" name="0"><layer class="SimpleLine"/></symbol></symbols></renderer-v2>' +
  '<labeling type="simple"><settings><text-style fieldName="name" fontSize="9"/><placement placement="2"/><rendering mergeLines="1"/></settings></labeling></qgis>';
