/**
 * Parity of vector joins with QGIS 3.22 (tests/parity/joins/, made by its
 * make_references.py from our own data): the project, saved by QGIS with
 * its zones joined to a delimited text table and an OGR CSV, exported by our
 * exporter and rendered by our worker — a graduated renderer on a joined
 * field, labels of two joined fields — against QGIS's render of it
 * (mismatched pixels, pixelmatch threshold 0.2, AA counted).
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { comparePng } from "./parity.ts";

const DIR = fileURLToPath(new URL("./joins/", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

Deno.test("joins parity: joins_project.qgs exported by our exporter, rendered by our worker, against QGIS", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "qsl_joins_project_" });
  const run = async (args: string[]) => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", ...args],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (out.code !== 0) {
      throw new Error(
        `${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`,
      );
    }
  };
  try {
    await run([
      "exporter/main.ts",
      "export",
      "--project",
      `${DIR}data/joins_project.qgs`,
      "--output",
      `${tmp}/config.json`,
    ]);
    await run([
      "worker/main.ts",
      "render",
      "--config",
      `${tmp}/config.json`,
      "--data-root",
      `${DIR}data`,
      "--layers",
      "zones",
      "--crs",
      "EPSG:2056",
      "--bbox",
      "2590000,1190000,2640000,1225000",
      "--width",
      "500",
      "--height",
      "350",
      "--output",
      `${tmp}/map.png`,
    ]);
    const limit = 0;
    const r = await comparePng(
      await Deno.readFile(`${tmp}/map.png`),
      await Deno.readFile(`${DIR}joins_project.qgis.png`),
      "joins/joins_project",
      limit,
    );
    console.log(
      `joins parity joins_project: ${r.mismatched} mismatched of ${r.total} against QGIS (limit ${limit})`,
    );
    if (r.mismatched > limit) {
      throw new Error(
        `joins_project: ${r.mismatched} mismatched pixels > ${limit} (diff: ${r.diffPath})`,
      );
    }
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
