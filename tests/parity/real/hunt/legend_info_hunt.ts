/**
 * The legend and feature info hunt: public QGIS projects (the corpus of
 * `hunt.ts`) exported by our exporter; the legend of each checked file layer
 * drawn by QGIS 3.22 as the upstream worker draws it and GetFeatureInfo
 * answers of QGIS Server 3.22 on the project itself
 * (`legend_info_hunt.py`, the oracle: never at run time or in CI), against
 * our legend and feature info runners on the same jobs. Prints per project
 * the legends within 1 % of QGIS's pixels (pixelmatch, threshold 0.2, AA
 * counted, both padded to the larger size) and the answers equal to QGIS
 * Server's (GML up to the order of a tag's attributes).
 *
 *     deno run -A tests/parity/real/hunt/legend_info_hunt.ts [--keep DIR] <owner/repo@commit:project.qgs> …
 *
 * With `--keep DIR` the data, jobs, QGIS's answers and ours
 * (`<name>.ours.*`) stay in DIR; a project already there is not asked of
 * QGIS again. `--only legend` or `--only info` runs one kind of case;
 * `--only legend` asks QGIS for the legends alone.
 *
 * @module
 */
import { dirname, join } from "node:path";
import {
  parseJobInfo,
  type QslJobInfoFeatureInfo,
  type QslJobInfoLegend,
} from "@qgis-server-light/interface";
import { legendRunner } from "../../../../worker/runners/legend.ts";
import { featureInfo } from "../../../../worker/runners/feature_info.ts";
import { comparePadded, referenceContext } from "../../parity.ts";
import { sortAttributes } from "../real.ts";
import { parseSpec, projectLayers } from "./_project.ts";

const HERE = dirname(new URL(import.meta.url).pathname);
const EXTENSIONS: Record<string, string> = {
  "text/plain": "txt",
  "application/json": "json",
  "text/html": "html",
  "application/vnd.ogc.gml": "xml",
};
const args = [...Deno.args];
let keep: string | null = null;
const k = args.indexOf("--keep");
if (k >= 0) {
  keep = args[k + 1];
  args.splice(k, 2);
}
let only: string | null = null;
const o = args.indexOf("--only");
if (o >= 0) {
  only = args[o + 1];
  args.splice(o, 2);
}

// the cases asked of QGIS, kept with --keep; legends alone with --only legend
const casesFile = only === "legend" ? "cases.legend.json" : "cases.json";

/** Exports the project, asks QGIS; the case names, or null. */
async function qgisCases(
  spec: string,
  repo: string,
  commit: string,
  project: string,
  root: string,
): Promise<string[] | null> {
  const layers = await projectLayers(repo, commit, project, root);
  const file = join(root, "legend_info.layers.json");
  Deno.writeTextFileSync(
    file,
    JSON.stringify({ layers, project: join(root, project) }),
  );
  const py = new Deno.Command("/usr/bin/python3", {
    args: [
      join(HERE, "legend_info_hunt.py"),
      file,
      root,
      ...(only === "legend" ? ["legend"] : []),
    ],
    env: { QT_QPA_PLATFORM: "offscreen" },
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  if (!py.success) {
    console.log(
      `${spec}: QGIS failed: ${
        new TextDecoder().decode(py.stderr).slice(-400)
      }`,
    );
    return null;
  }
  const names = JSON.parse(
    new TextDecoder().decode(py.stdout).trim().split("\n").at(-1)!,
  ) as string[];
  Deno.writeTextFileSync(join(root, casesFile), JSON.stringify(names));
  return names;
}

async function legend(root: string, name: string): Promise<string> {
  const info = parseJobInfo(
    Deno.readTextFileSync(join(root, `${name}.job.json`)),
  ) as QslJobInfoLegend;
  const ctx = referenceContext(root);
  ctx.limits = { maxWidth: 8192, maxHeight: 8192, maxLayers: 100 };
  const out = await legendRunner(info, ctx);
  if (keep) {
    Deno.writeFileSync(join(root, `${name}.ours.png`), out.data as Uint8Array);
  }
  const r = await comparePadded(
    out.data as Uint8Array,
    Deno.readFileSync(join(root, `${name}.qgis.png`)),
    `hunt_${name}`,
    Infinity,
  );
  return `${(100 * r.mismatched / r.total).toFixed(2)}${r.sizes}`;
}

async function info(root: string, name: string): Promise<boolean> {
  const env = parseJobInfo(
    Deno.readTextFileSync(join(root, `${name}.job.json`)),
  ) as QslJobInfoFeatureInfo;
  const ext = EXTENSIONS[env.job.INFO_FORMAT.toLowerCase()];
  const expected = Deno.readTextFileSync(join(root, `${name}.qgis.${ext}`));
  const out = await featureInfo(env.job, referenceContext(root));
  const text = new TextDecoder().decode(out.data);
  if (keep) Deno.writeTextFileSync(join(root, `${name}.ours.${ext}`), text);
  return ext === "xml"
    ? sortAttributes(text) === sortAttributes(expected)
    : text === expected;
}

let legends = 0, legendsWithin = 0, infos = 0, infosEqual = 0;
for (const spec of args) {
  const { repo, commit, project } = parseSpec(spec);
  const root = keep
    ? join(keep, `${repo}/${project}`.replaceAll("/", "_"))
    : Deno.makeTempDirSync({ prefix: "qsl-lihunt-" });
  let names: string[] | null = null;
  for (const file of new Set(["cases.json", casesFile])) {
    try {
      names = JSON.parse(Deno.readTextFileSync(join(root, file)));
      break;
    } catch { /* not asked yet */ }
  }
  if (!names) {
    try {
      names = await qgisCases(spec, repo, commit, project, root);
    } catch (e) {
      console.log(`${spec}: cannot export: ${String(e).slice(0, 200)}`);
    }
  }
  if (!names) continue;
  const shares: string[] = [];
  const unequal: string[] = [];
  let pl = 0, plWithin = 0, pi = 0, piEqual = 0;
  for (const name of names) {
    if (only && !name.startsWith(only)) continue;
    try {
      if (name.startsWith("legend_")) {
        pl++;
        const share = await legend(root, name);
        if (parseFloat(share) <= 1) plWithin++;
        shares.push(`${name} ${share} %`);
      } else {
        pi++;
        if (await info(root, name)) piEqual++;
        else unequal.push(name);
      }
    } catch (e) {
      if (name.startsWith("legend_")) {
        shares.push(`${name} failed: ${String(e).slice(0, 120)}`);
      } else unequal.push(`${name} (failed: ${String(e).slice(0, 120)})`);
    }
  }
  legends += pl;
  legendsWithin += plWithin;
  infos += pi;
  infosEqual += piEqual;
  console.log(
    `${repo}:${project}: legends ${plWithin} of ${pl} within 1 % (${
      shares.join("; ")
    }); feature info ${piEqual} of ${pi} equal${
      unequal.length ? ` (differ: ${unequal.join(", ")})` : ""
    }`,
  );
  if (!keep) Deno.removeSync(root, { recursive: true });
}
console.log(
  `${legendsWithin} of ${legends} legends within 1 %; ${infosEqual} of ${infos} feature info answers equal`,
);
