/**
 * Speed of the interface's hot paths: parsing a job envelope, the style
 * codec, and encoding/decoding a 1 MB image result in both payload formats.
 * `deno bench -A interface/interface_bench.ts`
 */
import { parseJobInfo } from "./parse.ts";
import { decodeStyle, encodeStyle } from "./style_codec.ts";
import { decodeResult, encodeResult } from "./result_codec.ts";
import type { JobResult } from "./job/output.ts";

const qml = `<!DOCTYPE qgis><qgis version="3.40">${
  Array.from(
    { length: 200 },
    (_, i) =>
      `<rule key="${i}" filter="&quot;kind&quot; = ${i}" symbol="${i}"/>`,
  ).join("")
}</qgis>`;
const definition = encodeStyle(qml);
const job = JSON.stringify({
  id: "bench",
  type: "QslJobInfoRender",
  job: {
    layers: Array.from({ length: 20 }, (_, i) => ({
      id: `l${i}`,
      name: `layer ${i}`,
      source: JSON.stringify({ path: `data/l${i}.gpkg`, layerName: "t" }),
      remote: false,
      folder_name: "data",
      driver: "ogr",
      style: { name: "default", definition },
    })),
    bbox: "2600000,1200000,2601000,1201000",
    crs: "EPSG:2056",
    width: 1024,
    height: 1024,
    dpi: 96,
    format: "image/png",
    svg_paths: [],
  },
});
const image = new Uint8Array(1 << 20).map((_, i) => (i * 2654435761) >>> 24);
const result: JobResult = {
  id: "bench",
  data: image,
  content_type: "image/png",
  worker_id: "w",
  worker_host_name: "h",
};
const asJson = encodeResult(result, "json");
const asPickle = encodeResult(result, "pickle");

Deno.bench("parseJobInfo: render job, 20 layers with styles", () => {
  parseJobInfo(job);
});
Deno.bench("decodeStyle: 200-rule QML", () => {
  decodeStyle(definition);
});
Deno.bench("encodeStyle: 200-rule QML", () => {
  encodeStyle(qml);
});
Deno.bench("encodeResult json: 1 MB image", { group: "encode" }, () => {
  encodeResult(result, "json");
});
Deno.bench("encodeResult pickle: 1 MB image", { group: "encode" }, () => {
  encodeResult(result, "pickle");
});
Deno.bench("decodeResult json: 1 MB image", { group: "decode" }, () => {
  decodeResult(asJson);
});
Deno.bench("decodeResult pickle: 1 MB image", { group: "decode" }, () => {
  decodeResult(asPickle);
});
