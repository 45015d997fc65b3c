/**
 * What the hunts share: a project's files extracted from its snapshot and
 * its checked file layers as job layers, with the styles our exporter
 * writes.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { encodeStyle } from "@qgis-server-light/interface/style_codec";
import { jobLayer } from "@qgis-server-light/interface/config";
import type { QslJobLayer } from "@qgis-server-light/interface";
import { exportProject } from "../../../../exporter/project/export_project.ts";
import { readProject } from "../../../../exporter/project/read_project.ts";
import { MIRROR_DIR } from "../real.ts";

function gitDir(repo: string): string {
  const dir = join(MIRROR_DIR, repo.replace("/", "+"), "repo");
  // fetch leaves some snapshots as a work tree's .git
  try {
    Deno.statSync(join(dir, ".git"));
    return join(dir, ".git");
  } catch {
    return dir;
  }
}

function git(repo: string, a: string[]): Uint8Array | null {
  const out = new Deno.Command("git", {
    args: ["--git-dir", gitDir(repo), ...a],
    stdout: "piped",
    stderr: "null",
  }).outputSync();
  return out.success ? out.stdout : null;
}

/** Copies the files below `folder` at `commit` into `root`. */
export function extract(
  repo: string,
  commit: string,
  folder: string,
  root: string,
): void {
  const listed = new TextDecoder().decode(
    git(repo, ["ls-tree", "-r", "--name-only", commit, "--", folder]) ??
      new Uint8Array(),
  ).split("\n").filter(Boolean);
  for (const name of listed) {
    const blob = git(repo, ["cat-file", "blob", `${commit}:${name}`]);
    if (!blob) continue;
    const out = join(root, name);
    Deno.mkdirSync(dirname(out), { recursive: true });
    Deno.writeFileSync(out, blob);
  }
}

/** `owner/repo@commit:path` split, or a `SyntaxError`. */
export function parseSpec(
  spec: string,
): { repo: string; commit: string; project: string } {
  const m = spec.match(/^([^@]+)@([0-9a-f]+):(.+)$/);
  if (!m) {
    throw new SyntaxError(`Cannot read ${spec}: want owner/repo@commit:path`);
  }
  return { repo: m[1], commit: m[2], project: m[3] };
}

/**
 * Extracts a project's folder and its parent's (data beside it such as
 * `../data`) into `root` and exports it: its checked file layers (OGR,
 * GDAL, SpatiaLite) in layer tree order, as job layers.
 */
export async function projectLayers(
  repo: string,
  commit: string,
  project: string,
  root: string,
): Promise<QslJobLayer[]> {
  Deno.mkdirSync(root, { recursive: true });
  extract(repo, commit, dirname(dirname(project)), root);
  // the sources read, as the exporter does by default: what the data says
  // (its CRS) decides keys of the jobs
  const config = await exportProject(await readProject(join(root, project)), {
    encodeStyle,
  });
  const groups = new Map(config.tree.members.map((g) => [g.id, g]));
  const all = [
    ...config.datasets.vector,
    ...config.datasets.raster,
    ...config.datasets.custom,
  ];
  const byId = new Map(all.map((d) => [d.id, d]));
  const order: string[] = [];
  const walk = (id: string) => {
    const g = groups.get(id);
    if (!g || !g.is_checked) return;
    for (const c of g.children) {
      if (groups.has(c) && c !== id) walk(c);
      else if (byId.get(c)?.is_checked) order.push(c);
    }
  };
  walk("");
  const folder = dirname(project);
  // Files only: the snapshots hold no databases or services (SpatiaLite
  // databases are files).
  return order.map((id) => byId.get(id)!)
    .filter((d) => ["ogr", "gdal", "spatialite"].includes(d.driver))
    .map((d) => jobLayer(d, "", folder))
    .filter((l) => !isWebDescription(l, root, folder));
}

/**
 * A GDAL raster layer whose file is a service description (`<GDAL_WMS>`,
 * `<WMS_Service>`…: tiles fetched from the web), not data in the snapshot.
 */
function isWebDescription(
  layer: QslJobLayer,
  root: string,
  folder: string,
): boolean {
  if (layer.driver !== "gdal") return false;
  const path = (JSON.parse(layer.source) as { path?: string }).path;
  if (!path || !/\.xml$/i.test(path)) return false;
  try {
    const head = Deno.readTextFileSync(join(root, folder, path)).slice(0, 400);
    return /<GDAL_WMS|<WMS_Service|<TMS_Service|<WMTS/i.test(head);
  } catch {
    return false;
  }
}
