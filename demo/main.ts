/**
 * The first half of `deno task demo`: exports the sample project
 * `demo/demo.qgs` (our own data in `demo/data/`) to `out/demo.config.json`
 * and builds from it the render job a client would post (every checked
 * layer, top first, the project's extent) as `out/demo.job.json`. The task
 * then renders that job with the worker's one-shot mode (no Redis):
 * `worker/main.ts render out/demo.job.json --data-root demo --output out/demo.png`.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { exportProject, readProject } from "../exporter/mod.ts";
import { encodeStyle } from "../interface/style_codec.ts";
import type { Config, DataSet, TreeGroup } from "../interface/config/mod.ts";
import type { RenderJob } from "../worker/runners/render.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, "..", "out");

/** Layer ids in drawing order of the tree (top first), checked only. */
function checkedLayerIds(config: Config): string[] {
  const groups = new Map<string, TreeGroup>(
    config.tree.members.map((g) => [g.id, g]),
  );
  const out: string[] = [];
  const walk = (g: TreeGroup) => {
    for (const id of g.children) {
      const sub = groups.get(id);
      if (sub && sub !== g) {
        if (sub.is_checked) walk(sub);
      } else out.push(id);
    }
  };
  const root = groups.get("");
  if (root) walk(root);
  return out;
}

const warnings: string[] = [];
const started = performance.now();
const project = await readProject(join(HERE, "demo.qgs"));
const config = await exportProject(project, {
  encodeStyle,
  warn: (m) => warnings.push(m),
});
await Deno.mkdir(OUT, { recursive: true });
await Deno.writeTextFile(
  join(OUT, "demo.config.json"),
  JSON.stringify(config, null, 2),
);
const exported = performance.now();

const datasets = new Map<string, DataSet>();
for (const d of [...config.datasets.vector, ...config.datasets.raster]) {
  datasets.set(d.id, d);
}
const layers: RenderJob["layers"] = [];
let bbox: RenderJob["bbox"] | null = null;
for (const id of checkedLayerIds(config)) {
  const d = datasets.get(id);
  if (!d || !d.is_checked) continue;
  const src = d.source.ogr ?? d.source.gdal;
  if (!src) continue;
  const style = d.styles.find((s) => s.name === d.style_name) ?? d.styles[0];
  layers.push({
    id: d.id,
    name: d.name,
    source: JSON.stringify({
      path: src.path,
      ...(src.layer_name ? { layerName: src.layer_name } : {}),
    }),
    remote: false,
    folder_name: "",
    driver: d.driver,
    style: style ? { name: style.name, definition: style.definition } : null,
    filter: null,
  });
  if (d.bbox) {
    bbox = bbox
      ? {
        x_min: Math.min(bbox.x_min, d.bbox.x_min),
        y_min: Math.min(bbox.y_min, d.bbox.y_min),
        x_max: Math.max(bbox.x_max, d.bbox.x_max),
        y_max: Math.max(bbox.y_max, d.bbox.y_max),
      }
      : { ...d.bbox };
  }
}
if (!bbox) throw new Error("Cannot render the demo: no layer has an extent");
// a margin of 4 % around the data
const mx = (bbox.x_max - bbox.x_min) * 0.04,
  my = (bbox.y_max - bbox.y_min) * 0.04;
bbox = {
  x_min: bbox.x_min - mx,
  y_min: bbox.y_min - my,
  x_max: bbox.x_max + mx,
  y_max: bbox.y_max + my,
};

const job: RenderJob = {
  layers,
  bbox,
  crs: "EPSG:2056",
  width: 1200,
  height: 800,
  dpi: 96,
  format: "image/png",
};
// the job envelope as a client would post it
const envelope = {
  id: crypto.randomUUID(),
  type: "QslJobInfoRender",
  job: { ...job, svg_paths: [] },
};
await Deno.writeTextFile(
  join(OUT, "demo.job.json"),
  JSON.stringify(envelope, null, 2),
);
for (const w of warnings) console.warn(w);
console.log(
  `exported ${layers.length} layers in ${(exported - started).toFixed(0)} ms ` +
    `→ out/demo.config.json, out/demo.job.json`,
);
