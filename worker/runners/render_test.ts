import { deflateSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { decode } from "fast-png";
import {
  decodeStyleDefinition,
  type RenderJob,
  renderMap,
  renderStats,
} from "./render.ts";
import { convertGeoJson } from "../sources/_test_util.ts";
import { renderDeps } from "./render_deps.ts";
import { JobError, type RunnerContext } from "./types.ts";

const DEMO = join(dirname(fileURLToPath(import.meta.url)), "../../demo");
const logs: string[] = [];
const ctx: RunnerContext = {
  dataRoot: DEMO,
  svgPaths: [],
  remoteHosts: [],
  limits: { maxWidth: 2000, maxHeight: 2000, maxLayers: 10 },
  logger: { log: (level, message) => logs.push(`${level}: ${message}`) },
};

function encode(qml: string): string {
  let bin = "";
  for (const b of deflateSync(new TextEncoder().encode(qml))) {
    bin += String.fromCharCode(b);
  }
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_");
}

function fillStyle(color: string, extra = ""): string {
  return `<qgis ${extra}><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0" alpha="1">
    <layer class="SimpleFill" enabled="1" pass="0"><prop k="color" v="${color}"/><prop k="outline_style" v="no"/></layer>
    </symbol></symbols></renderer-v2><layerOpacity>OPACITY</layerOpacity></qgis>`;
}

function layer(
  id: string,
  qml: string,
  opacity = 1,
): RenderJob["layers"][number] {
  return {
    id,
    name: id,
    source: JSON.stringify({ path: "zones.geojson" }),
    remote: false,
    folder_name: "data",
    driver: "ogr",
    style: {
      name: "default",
      definition: encode(qml.replace("OPACITY", String(opacity))),
    },
    filter: null,
  };
}

// the lake zone's inside, in map units (see demo/data/zones.geojson)
const bbox = { x_min: 2606000, y_min: 1200500, x_max: 2608000, y_max: 1201500 };

async function pixel(job: RenderJob): Promise<number[]> {
  const out = await renderMap(job, ctx, renderDeps);
  const img = decode(out.data as Uint8Array);
  const ch = img.channels;
  const i =
    (Math.floor(img.height / 2) * img.width + Math.floor(img.width / 2)) * ch;
  return Array.from(img.data.subarray(i, i + ch) as Uint8Array);
}

Deno.test("render: the job's first layer is drawn on top; layer opacity composites", async () => {
  const job: RenderJob = {
    layers: [
      layer("red", fillStyle("255,0,0,255")),
      layer("blue", fillStyle("0,0,255,255")),
    ],
    bbox,
    crs: "EPSG:2056",
    width: 20,
    height: 10,
    format: "image/png",
  };
  if (JSON.stringify(await pixel(job)) !== "[255,0,0,255]") {
    throw new Error("red is not on top");
  }
  job.layers[0] = layer("red", fillStyle("255,0,0,255"), 0.5);
  const [r, g, b, a] = await pixel(job);
  if (Math.abs(r - 128) > 1 || g !== 0 || Math.abs(b - 127) > 1 || a !== 255) {
    throw new Error(`half red over blue: ${[r, g, b, a]}`);
  }
});

Deno.test("render: JPEG on white; scale-based visibility hides a layer", async () => {
  const hidden = fillStyle(
    "255,0,0,255",
    'hasScaleBasedVisibilityFlag="1" minScale="1000" maxScale="0"',
  );
  const job: RenderJob = {
    layers: [layer("hidden", hidden)],
    bbox,
    crs: "EPSG:2056",
    width: 20,
    height: 10,
    format: "IMAGE/JPEG",
  };
  const out = await renderMap(job, ctx, renderDeps);
  if (out.contentType !== "image/jpeg") throw new Error(out.contentType);
  const bytes = out.data as Uint8Array;
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error("not a JPEG");
  const png = await pixel({ ...job, format: "image/png" });
  if (png[3] !== 0) {
    throw new Error("a layer beyond its minimum scale was drawn");
  }
});

Deno.test("render: bad input fails with a JobError naming the cause", async () => {
  const base: RenderJob = {
    layers: [],
    bbox,
    crs: "EPSG:2056",
    width: 20,
    height: 10,
  };
  const cases: [RenderJob, RegExp][] = [
    [{ ...base, width: 5000 }, /exceeds the limit/],
    [{ ...base, format: "image/gif" }, /unsupported format/],
    [{
      ...base,
      layers: [{ ...layer("x", "<qgis/>"), style: { definition: "!!!" } }],
    }, /Cannot (decode|read the) style/],
    [
      { ...base, layers: [layer("x", "<qgis><renderer-v2")] },
      /Cannot read the style of layer 'x'/,
    ],
    [{
      ...base,
      layers: [{
        ...layer("x", fillStyle("1,2,3,255")),
        source: JSON.stringify({ path: "../../etc/passwd" }),
      }],
    }, /Cannot open layer 'x'/],
    [{ ...base, svg_paths: ["../.."] }, /outside the data root/],
    [
      { ...base, layers: [{ ...layer("x", "<qgis/>"), driver: "wfs" }] },
      /Cannot open layer 'x': provider 'wfs' is not supported \(supported: delimitedtext, gdal, gpx, mbtilesvectortiles, ogr, postgres, spatialite, wms, xyzvectortiles\)/,
    ],
  ];
  for (const [job, re] of cases) {
    let e: unknown;
    try {
      await renderMap(job, ctx, renderDeps);
    } catch (error) {
      e = error;
    }
    if (!(e instanceof JobError) || !re.test(e.message)) {
      throw new Error(`${re}: got ${e}`);
    }
  }
});

Deno.test("render: style definitions decode as the Python client encodes them", () => {
  if (decodeStyleDefinition(encode("<qgis>ü</qgis>")) !== "<qgis>ü</qgis>") {
    throw new Error("round trip");
  }
});

Deno.test("render: OGC filters: pushed down to GDAL, or tested on the features read", async () => {
  const ogc = (kind: string) => ({
    definition: `<Filter xmlns="http://www.opengis.net/ogc"><PropertyIsEqualTo>
      <PropertyName>kind</PropertyName><Literal>${kind}</Literal></PropertyIsEqualTo></Filter>`,
  });
  const job = (kind: string): RenderJob => ({
    layers: [{ ...layer("red", fillStyle("255,0,0,255")), filter: ogc(kind) }],
    bbox,
    crs: "EPSG:2056",
    width: 20,
    height: 10,
    format: "image/png",
  });
  const center = async (j: RenderJob, deps = renderDeps) => {
    const img = decode((await renderMap(j, ctx, deps)).data as Uint8Array);
    return img.data[(5 * 20 + 10) * 4 + 3];
  };
  if (await center(job("lake")) !== 255) {
    throw new Error("kind = lake keeps the lake");
  }
  if (await center(job("forest")) !== 0) {
    throw new Error("kind = forest drops it");
  }
  // the path for what OGR SQL cannot say (LIKE is case-sensitive in QGIS):
  // the source returns it as the residual, tested here on each feature
  const like = (pattern: string): RenderJob => ({
    ...job("lake"),
    layers: [{
      ...job("lake").layers[0],
      filter: {
        definition:
          `<Filter xmlns="http://www.opengis.net/ogc"><PropertyIsLike wildCard="%" singleChar="_" escapeChar="\\">
      <PropertyName>kind</PropertyName><Literal>${pattern}</Literal></PropertyIsLike></Filter>`,
      },
    }],
  });
  if (await center(like("la%")) !== 255) {
    throw new Error("kind LIKE 'la%' keeps the lake");
  }
  if (await center(like("LA%")) !== 0) {
    throw new Error(
      "kind LIKE 'LA%' drops it (case-sensitive, not pushed down)",
    );
  }
  const bad = {
    ...job("lake"),
    layers: [{ ...job("lake").layers[0], filter: { definition: "<nope" } }],
  };
  let e: unknown;
  try {
    await renderMap(bad, ctx, renderDeps);
  } catch (error) {
    e = error;
  }
  if (
    !(e instanceof JobError) ||
    !/Cannot apply the filter of layer 'red'/.test(e.message)
  ) {
    throw new Error(`${e}`);
  }
});

Deno.test("render: layer blend mode (multiply) composites the layer onto those below", async () => {
  const multiply = fillStyle("255,255,0,255").replace(
    "<layerOpacity>",
    "<blendMode>6</blendMode><layerOpacity>",
  );
  const job: RenderJob = {
    layers: [
      layer("yellow", multiply),
      layer("cyan", fillStyle("0,255,255,255")),
    ],
    bbox,
    crs: "EPSG:2056",
    width: 20,
    height: 10,
    format: "image/png",
  };
  // yellow × cyan = green
  const px = await pixel(job);
  if (JSON.stringify(px) !== "[0,255,0,255]") {
    throw new Error(`multiply: ${px}`);
  }
});

Deno.test("render: EPSG:4326 with a WMS 1.3 lat/lon bbox reprojects the layer", async () => {
  // around the lake's middle (LV95 ≈ 2607600, 1200900 → 7.5396° E, 46.9605° N)
  const job: RenderJob = {
    layers: [layer("red", fillStyle("255,0,0,255"))],
    bbox: { x_min: 46.9595, y_min: 7.5386, x_max: 46.9615, y_max: 7.5406 },
    crs: "EPSG:4326",
    width: 20,
    height: 20,
    format: "image/png",
  };
  const px = await pixel(job);
  if (JSON.stringify(px) !== "[255,0,0,255]") {
    throw new Error(`lake not drawn: ${px}`);
  }
  // the same numbers read as lon/lat (no swap) are far away in the Indian Ocean: nothing drawn
  const other = await pixel({ ...job, crs: "OGC:CRS84" });
  if (other[3] !== 0) throw new Error("CRS:84 bboxes are lon/lat");
});

Deno.test("render: a layer without labels to draw is painted batch by batch, also when its style does not say labelsEnabled", async () => {
  // 1,000 points of a GeoPackage (read directly, in batches of 100)
  const dir = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "qsl_render_batches_" }),
  );
  try {
    await convertGeoJson(
      dir,
      "many",
      {
        type: "FeatureCollection",
        crs: {
          type: "name",
          properties: { name: "urn:ogc:def:crs:EPSG::2056" },
        },
        features: Array.from({ length: 1000 }, (_, i) => ({
          type: "Feature",
          properties: { name: `p${i}` },
          geometry: {
            type: "Point",
            coordinates: [2600000 + (i % 40) * 10, 1200000 + (i / 40 | 0) * 10],
          },
        })),
      },
      "GPKG",
      ["-nln", "many"],
    );
    const marker =
      `<renderer-v2 type="singleSymbol"><symbols><symbol type="marker" name="0"><layer class="SimpleMarker"><prop k="color" v="255,0,0,255"/></layer></symbol></symbols></renderer-v2>`;
    const labeling =
      `<labeling type="simple"><settings><text-style fieldName="name" fontSize="8"/></settings></labeling>`;
    const render = async (qml: string): Promise<number> => {
      await renderMap(
        {
          layers: [{
            id: "many",
            name: "many",
            source: JSON.stringify({ path: "many.gpkg", layerName: "many" }),
            remote: false,
            folder_name: "",
            driver: "ogr",
            style: { name: "default", definition: encode(qml) },
            filter: null,
          }],
          bbox: {
            x_min: 2599990,
            y_min: 1199990,
            x_max: 2600400,
            y_max: 1200260,
          },
          crs: "EPSG:2056",
          width: 80,
          height: 50,
          format: "image/png",
        },
        { ...ctx, dataRoot: dir },
        renderDeps,
      );
      return renderStats.heldFeatures;
    };
    // no labelsEnabled (labels on, as QGIS 2.x styles say) and no labelling
    const unlabelled = await render(`<qgis>${marker}</qgis>`);
    if (unlabelled > 100) {
      throw new Error(`held ${unlabelled} features at once, not a batch`);
    }
    if (
      await render(`<qgis labelsEnabled="0">${marker}${labeling}</qgis>`) > 100
    ) {
      throw new Error("labels off: held more than a batch");
    }
    // labels need every feature of the view
    const labelled = await render(`<qgis>${marker}${labeling}</qgis>`);
    if (labelled !== 1000) throw new Error(`labelled: held ${labelled}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("render: an image symbol named outside the data root, or declaring too many pixels, is refused with a warning and not drawn", async () => {
  // 8 × 8 PNG whose header then says 60,000 × 60,000
  const png = Uint8Array.from(
    atob(
      "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAEklEQVR4nGP4z8DwHx9mGBkKAHbUf4FCkHCEAAAAAElFTkSuQmCC",
    ),
    (c) => c.charCodeAt(0),
  );
  new DataView(png.buffer).setUint32(16, 60_000);
  new DataView(png.buffer).setUint32(20, 60_000);
  const huge = "base64:" + btoa(String.fromCharCode(...png));
  const cases: [string, string][] = [
    // demo/data/../../deno.json: the repository's, outside the data root demo/
    [
      "../../deno.json",
      "RasterFill: Cannot read image '../../deno.json': it is outside the data root and the SVG folders",
    ],
    [
      huge,
      "RasterFill: Cannot decode image: PNG of 60000×60000 pixels, more than the 4194304 allowed",
    ],
  ];
  for (const [file, message] of cases) {
    logs.length = 0;
    const job: RenderJob = {
      layers: [layer(
        "image",
        `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0" alpha="1">
        <layer class="RasterFill" enabled="1" pass="0"><prop k="imageFile" v="${file}"/></layer>
        </symbol></symbols></renderer-v2></qgis>`,
      )],
      bbox,
      crs: "EPSG:2056",
      width: 20,
      height: 10,
      format: "image/png",
    };
    const [, , , a] = await pixel(job);
    if (a !== 0) throw new Error(`${file.slice(0, 20)}: drawn (alpha ${a})`);
    if (!logs.some((l) => l.startsWith(`warning: ${message}`))) {
      throw new Error(`${file.slice(0, 20)}: ${logs.join("; ")}`);
    }
  }
});
