/**
 * Parity with QGIS on real public projects: the cases of
 * `tests/parity/real/<prefix>/cases.json`, their jobs (`<name>.job.json`)
 * and QGIS's renders (`<name>.qgis.png`), made by `make_references.py`.
 *
 * A case's data is read from the public repository's snapshot under
 * `/work/.mirror` (`QSL_MIRROR_DIR`), extracted with git into a temporary
 * data root; never from the repository. Cases whose snapshot is absent are
 * skipped with a visible message. Cases with `"repo": null` use our own data
 * in `<prefix>/`.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { type RenderJob, renderMap } from "../../../worker/runners/render.ts";
import { renderDeps } from "../../../worker/runners/render_deps.ts";
import type { RunnerContext } from "../../../worker/runners/types.ts";
import { comparePng, type ParityResult, referenceContext } from "../parity.ts";
import { encodeStyle } from "@qgis-server-light/interface/style_codec";
import { exportProject } from "../../../exporter/project/export_project.ts";
import { readProject } from "../../../exporter/project/read_project.ts";

const HERE = dirname(fileURLToPath(import.meta.url));

/** Where fetched public repositories are (`<owner>+<name>/repo`, bare). */
export const MIRROR_DIR: string = Deno.env.get("QSL_MIRROR_DIR") ??
  join(HERE, "../../../../.mirror");

/** One case of a `cases.json` (see `make_references.py`). */
export interface RealCase {
  /** File stem of the job and the reference. */
  name: string;
  /** Public repository (`owner/name`), or null for our own data. */
  repo: string | null;
  /** The commit its files are read at. */
  commit?: string;
  /** Repository paths to extract. */
  extract?: string[];
}

/** Reads the cases of `tests/parity/real/<prefix>/cases.json`. */
export function realCases(prefix: string): RealCase[] {
  return JSON.parse(
    Deno.readTextFileSync(join(HERE, prefix, "cases.json")),
  ) as RealCase[];
}

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

function git(repo: string, args: string[]): Uint8Array | null {
  const out = new Deno.Command("git", {
    args: ["--git-dir", gitDir(repo), ...args],
    stdout: "piped",
    stderr: "null",
  }).outputSync();
  return out.success ? out.stdout : null;
}

/**
 * Why a case cannot run here (its snapshot or commit is absent), or null.
 */
export function missingData(c: RealCase): string | null {
  if (!c.repo) return null;
  try {
    Deno.statSync(gitDir(c.repo));
  } catch {
    return `the snapshot of ${c.repo} is not under ${MIRROR_DIR} (fetch it with the search tool's fetch)`;
  }
  if (!git(c.repo, ["cat-file", "-e", `${c.commit}^{commit}`])) {
    return `commit ${c.commit} of ${c.repo} is not in its snapshot`;
  }
  return null;
}

const roots = new Map<string, string>();

/**
 * The data root of a case: its public files extracted into a temporary
 * folder (kept for the process), or `<prefix>/` for our own data.
 */
export function caseDataRoot(prefix: string, c: RealCase): string {
  if (!c.repo) return join(HERE, prefix);
  const key = `${c.repo}@${c.commit}:${(c.extract ?? []).join(",")}`;
  const known = roots.get(key);
  if (known) return known;
  const root = Deno.makeTempDirSync({ prefix: "qsl-real-" });
  const listed = new TextDecoder().decode(
    git(c.repo, [
      "ls-tree",
      "-r",
      "--name-only",
      c.commit!,
      "--",
      ...c.extract!,
    ]) ??
      new Uint8Array(),
  ).split("\n").filter(Boolean);
  for (const name of listed) {
    const blob = git(c.repo, ["cat-file", "blob", `${c.commit}:${name}`]);
    if (!blob) continue; // not in the snapshot (large files, LFS)
    const out = join(root, name);
    Deno.mkdirSync(dirname(out), { recursive: true });
    Deno.writeFileSync(out, blob);
  }
  roots.set(key, root);
  globalThis.addEventListener("unload", () => {
    try {
      Deno.removeSync(root, { recursive: true });
    } catch { /* already gone */ }
  });
  return root;
}

/**
 * Renders a case with our worker and compares it with QGIS's render;
 * throws when more than `limit` pixels differ. `context` adjusts the
 * runner context (SVG folders, …); `job` adjusts the job (styles, …).
 */
export async function realParity(
  prefix: string,
  name: string,
  limit: number,
  context?: (ctx: RunnerContext) => RunnerContext,
  job?: (job: RenderJob) => RenderJob,
): Promise<ParityResult> {
  const c = realCases(prefix).find((x) => x.name === name);
  if (!c) throw new Error(`no case ${prefix}/${name}`);
  const envelope = JSON.parse(
    Deno.readTextFileSync(join(HERE, prefix, `${name}.job.json`)),
  );
  const expected = Deno.readFileSync(join(HERE, prefix, `${name}.qgis.png`));
  let ctx = referenceContext(caseDataRoot(prefix, c));
  if (context) ctx = context(ctx);
  let renderJob = envelope.job as RenderJob;
  if (job) renderJob = job(renderJob);
  const out = await renderMap(renderJob, ctx, renderDeps);
  const r = await comparePng(
    out.data as Uint8Array,
    expected,
    `real/${prefix}/${name}`,
    limit,
  );
  console.log(
    `parity real/${prefix}/${name}: ${r.mismatched} mismatched of ${r.total}`,
  );
  if (r.mismatched > limit) {
    throw new Error(
      `real/${prefix}/${name}: ${r.mismatched} mismatched pixels > ${limit} (diff: ${r.diffPath})`,
    );
  }
  return r;
}

/**
 * `Deno.test` options for a case: ignored, with the reason printed, when
 * its data is absent.
 */
export function realTest(
  prefix: string,
  name: string,
  title: string,
  fn: () => Promise<unknown>,
): Deno.TestDefinition {
  const c = realCases(prefix).find((x) => x.name === name);
  const missing = c ? missingData(c) : `no case ${prefix}/${name}`;
  if (missing) console.warn(`real/${prefix}/${name} skipped: ${missing}`);
  return {
    name: `parity: real/${prefix}/${name} (${title})`,
    ignore: missing !== null,
    fn: async () => {
      await fn();
    },
  };
}

/**
 * Each XML tag's attributes sorted: QGIS Server writes a tag's attributes
 * in a random order (Qt's hash seed), so GML answers compare after this.
 */
export function sortAttributes(xml: string): string {
  return xml.replace(
    /<([^\s>/!?]+)((?:\s+[^\s=>]+="[^"]*")+)\s*(\/?)>/g,
    (_m, tag: string, attrs: string, close: string) =>
      `<${tag} ${
        (attrs.match(/[^\s=>]+="[^"]*"/g) ?? []).sort().join(" ")
      }${close}>`,
  );
}

/**
 * Gives a job's layers the styles our exporter writes for the project
 * (what it adds to QGIS's `exportNamedStyle`, or keeps of a style QGIS
 * cannot load, such as a plugin's renderer, is then under test).
 *
 * @example
 * ```ts ignore
 * import { withExportedStyles } from "./real.ts";
 * await withExportedStyles(info.job.layers, root, "project.qgz");
 * ```
 */
export async function withExportedStyles(
  layers: { id: string; style?: { name: string; definition: string } | null }[],
  root: string,
  project: string,
): Promise<void> {
  const config = await exportProject(await readProject(join(root, project)), {
    encodeStyle,
    readSources: false,
  });
  const byId = new Map(config.datasets.vector.map((d) => [d.id, d]));
  for (const layer of layers) {
    const d = byId.get(layer.id)!;
    const style = d.styles.find((s) => s.name === d.style_name) ??
      d.styles[0];
    layer.style = { name: style.name, definition: style.definition };
  }
}
