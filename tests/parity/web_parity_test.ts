/**
 * Parity of maps mixing a web map layer (XYZ, WMS, WMTS served by
 * tests/web_map_server.ts) under our own vector layers with QGIS 3.22's
 * renders of the same jobs (tests/parity/web/, made by its
 * make_references.py). The issue's bound: within 0.05 % of the pixels.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { type RenderJob, renderMap } from "../../worker/runners/render.ts";
import { renderDeps } from "../../worker/runners/render_deps.ts";
import type { RunnerContext } from "../../worker/runners/types.ts";
import { startWebMapServer } from "../web_map_server.ts";
import { comparePng } from "./parity.ts";

const DIR = fileURLToPath(new URL("./web/", import.meta.url));
const CASES = (JSON.parse(Deno.readTextFileSync(`${DIR}cases.json`)) as {
  name: string;
}[]).map((c) => c.name);

function context(hosts: string[], warnings: string[]): RunnerContext {
  return {
    dataRoot: `${DIR}data`,
    svgPaths: [],
    remoteHosts: hosts,
    limits: { maxWidth: 4096, maxHeight: 4096, maxLayers: 100 },
    logger: {
      log: (level, message) => {
        if (level === "warning" || level === "error") warnings.push(message);
      },
    },
  };
}

for (const name of CASES) {
  Deno.test(`web parity: ${name} (≤ 0.05 % mismatched pixels)`, async () => {
    const server = await startWebMapServer();
    try {
      const text = await Deno.readTextFile(`${DIR}${name}.job.json`);
      // the job's web sources name the server as {server}
      const envelope = JSON.parse(
        text,
        (_k, v) =>
          typeof v === "string" ? v.replaceAll("{server}", server.url) : v,
      );
      const warnings: string[] = [];
      const out = await renderMap(
        envelope.job as RenderJob,
        context([server.host], warnings),
        renderDeps,
      );
      const expected = await Deno.readFile(`${DIR}${name}.qgis.png`);
      const total = envelope.job.width * envelope.job.height;
      const limit = Math.floor(total * 0.0005);
      const r = await comparePng(out.data, expected, `web/${name}`, limit);
      console.log(
        `web parity ${name}: ${r.mismatched} mismatched of ${r.total} (limit ${limit})`,
      );
      if (warnings.length > 0) {
        throw new Error(`${name}: warnings: ${warnings.join(" | ")}`);
      }
      if (r.mismatched > limit) {
        throw new Error(
          `${name}: ${r.mismatched} mismatched pixels > ${limit} (diff: ${r.diffPath})`,
        );
      }
    } finally {
      await server.close();
    }
  });
}
