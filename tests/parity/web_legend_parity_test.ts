/**
 * Legend parity of WMS layers with QGIS 3.22: the legend runner on the jobs
 * of tests/parity/web/legend/ (a WMS served by tests/web_map_server.ts
 * beside our vector layers) against the legend QGIS draws for them as the
 * upstream worker does, once its QgsWmsLegendNode has the server's
 * GetLegendGraphic image (made by that folder's make_references.py). The
 * figure is mismatched pixels (pixelmatch 0.2, AA counted) as a share of
 * the legend's pixels.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import {
  parseJobInfo,
  type QslJobInfoLegend,
} from "@qgis-server-light/interface";
import { legendRunner } from "../../worker/runners/legend.ts";
import type { RunnerContext } from "../../worker/runners/types.ts";
import { startWebMapServer } from "../web_map_server.ts";
import { comparePadded } from "./parity.ts";

const DIR = fileURLToPath(new URL("./web/legend/", import.meta.url));
const DATA = fileURLToPath(new URL("./web/data", import.meta.url));

/** Each case and its bound, % of the legend's pixels. */
const CASES: [string, number, string][] = [
  // measured: 19 of 20,382 (0.09 %, label glyphs), 0, 0
  ["legend_wms_scene_titles", 0.2, "a vector layer and a WMS, titles, 96 dpi"],
  ["legend_wms_roads", 0.1, "a WMS above a vector layer, 91 dpi"],
  ["legend_wms111_lakes_300dpi", 0.1, "a WMS 1.1.1 layer, 300 dpi"],
];

for (const [name, bound, what] of CASES) {
  Deno.test(`web legend parity: ${name}, ${what} (≤ ${bound} %)`, async () => {
    const server = await startWebMapServer();
    try {
      const text = await Deno.readTextFile(`${DIR}${name}.job.json`);
      const info = parseJobInfo(
        text.replaceAll("{server}", server.url),
      ) as QslJobInfoLegend;
      const warnings: string[] = [];
      const ctx: RunnerContext = {
        dataRoot: DATA,
        svgPaths: [],
        remoteHosts: [server.host],
        limits: { maxWidth: 4096, maxHeight: 4096, maxLayers: 100 },
        logger: {
          log: (level, message) => {
            if (level === "warning" || level === "error") {
              warnings.push(message);
            }
          },
        },
      };
      const out = await legendRunner(info, ctx);
      if (warnings.length > 0) {
        throw new Error(`${name}: warnings: ${warnings.join(" | ")}`);
      }
      const r = await comparePadded(
        out.data as Uint8Array,
        await Deno.readFile(`${DIR}${name}.qgis.png`),
        `web/legend/${name}`,
        bound,
      );
      const share = 100 * r.mismatched / r.total;
      console.log(
        `web legend parity ${name}: ${r.mismatched} mismatched of ${r.total} (${
          share.toFixed(2)
        } %)${r.sizes}`,
      );
      if (share > bound) {
        throw new Error(
          `${name}: ${
            share.toFixed(2)
          } % of the legend's pixels mismatched > ${bound} % (diff: ${r.diffPath})`,
        );
      }
    } finally {
      await server.close();
    }
  });
}
