/**
 * Parity of vector tile layers with QGIS 3.22 (tests/parity/vectortiles/,
 * made by its make_references.py from our own data): the project, saved by
 * QGIS with an MBTiles vector tile layer drawn by a basic renderer, exported
 * by our exporter and rendered by our worker — from the MBTiles file, and
 * from the same tiles as XYZ served by a loopback HTTP server — against
 * QGIS's renders (mismatched pixels, pixelmatch threshold 0.2, AA counted).
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { exportProject, readProject } from "../../exporter/mod.ts";
import {
  buildRenderJob,
  type Config,
  encodeStyle,
} from "@qgis-server-light/interface";
import { type RenderJob, renderMap } from "../../worker/runners/render.ts";
import { renderDeps } from "../../worker/runners/render_deps.ts";
import type { RunnerContext } from "../../worker/runners/types.ts";
import { comparePng } from "./parity.ts";

const DIR = fileURLToPath(new URL("./vectortiles/", import.meta.url));
const CASES = JSON.parse(Deno.readTextFileSync(`${DIR}cases.json`)) as Record<
  string,
  { crs: string; extent: [number, number, number, number]; layer?: string }
>;
// mismatched pixels measured against QGIS 3.22 (of 240,000)
const LIMITS: Record<string, number> = {
  mbtiles_3857: 0,
  mbtiles_2056: 0,
  mbtiles_overzoom: 0,
  mbtiles_z10: 0,
  xyz_3857: 0,
  labels_3857: 0,
  // duplicate points of neighbouring tiles (the tiles' buffers) in EPSG:2056:
  // QGIS places both labels, we place one (P9, P24, P30); QGIS's own render
  // of this case differs between runs (312 and 125 against two of them
  // when made); 95 against the committed one since session 20's label work
  labels_2056: 95,
  extras_3857: 0,
  // the background's outline at the corners of the tiles' squares
  extras_2056: 43,
};

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

/** Serves `data/xyz` on loopback, counting requests. */
function serveTiles(): {
  url: string;
  host: string;
  close: () => Promise<void>;
} {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const path = new URL(request.url).pathname;
      if (!/^\/\d+\/\d+\/\d+\.pbf$/.test(path)) {
        return new Response("not found", { status: 404 });
      }
      try {
        return new Response(await Deno.readFile(`${DIR}data/xyz${path}`), {
          headers: { "content-type": "application/vnd.mapbox-vector-tile" },
        });
      } catch {
        return new Response("not found", { status: 404 });
      }
    },
  );
  const { port } = server.addr as Deno.NetAddr;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    close: () => server.shutdown(),
  };
}

async function config(): Promise<Config> {
  return await exportProject(
    await readProject(`${DIR}data/vectortiles.qgs`),
    { encodeStyle },
  );
}

for (const [name, spec] of Object.entries(CASES)) {
  const limit = LIMITS[name];
  Deno.test(`vector tile parity: ${name} (≤ ${limit} mismatched pixels)`, async () => {
    const server = name.startsWith("xyz") ? serveTiles() : null;
    try {
      const job = buildRenderJob(await config(), {
        layers: [spec.layer ?? "tiles"],
        crs: spec.crs,
        extent: spec.extent,
        width: 600,
        height: 400,
      });
      if (server) {
        // the same tiles, as XYZ from the loopback server
        job.layers[0].driver = "xyzvectortiles";
        job.layers[0].remote = true;
        job.layers[0].source = JSON.stringify({
          type: "xyz",
          url: `${server.url}/{z}/{x}/{y}.pbf`,
          zmin: 8,
          zmax: 12,
        });
      }
      const warnings: string[] = [];
      const out = await renderMap(
        job as unknown as RenderJob,
        context(server ? [server.host] : [], warnings),
        renderDeps,
      );
      const expected = await Deno.readFile(`${DIR}${name}.qgis.png`);
      const r = await comparePng(
        out.data,
        expected,
        `vectortiles/${name}`,
        limit,
      );
      console.log(
        `vector tile parity ${name}: ${r.mismatched} mismatched of ${r.total} (limit ${limit})`,
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
      await server?.close();
    }
  });
}
