// Reads the exporter's parity cases and extracts their public projects from
// the fetched snapshots under /work/.mirror (QSL_MIRROR_DIR), with git, into
// a temporary folder: never into the repository.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));

/** Where fetched public repositories are (`<owner>+<name>/repo`). */
export const MIRROR_DIR: string = Deno.env.get("QSL_MIRROR_DIR") ??
  join(HERE, "../../../.mirror");

/** One case of `cases.json`. */
export interface ParityCase {
  name: string;
  repo: string;
  commit: string;
  /** The project, a path of the repository. */
  project: string;
  /** Paths to extract; one ending in `*` names files by prefix. */
  extract: string[];
  /** Export with unified layer names. */
  unify?: boolean;
}

/** The cases of `exporter/parity/cases.json`. */
export function parityCases(): ParityCase[] {
  return JSON.parse(Deno.readTextFileSync(join(HERE, "cases.json")));
}

/** This folder. */
export const PARITY_DIR: string = HERE;

function git(repo: string, args: string[]): Uint8Array | null {
  const out = new Deno.Command("git", {
    args: [
      "--git-dir",
      join(MIRROR_DIR, repo.replace("/", "+"), "repo"),
      ...args,
    ],
    stdout: "piped",
    stderr: "null",
  }).outputSync();
  return out.success ? out.stdout : null;
}

/** Why a case cannot run here (its snapshot or commit is absent), or null. */
export function missingSnapshot(c: ParityCase): string | null {
  return git(c.repo, ["cat-file", "-e", `${c.commit}:${c.project}`]) === null
    ? `${c.repo}@${
      c.commit.slice(0, 8)
    } is not under ${MIRROR_DIR} (fetch it with the search tool's fetch)`
    : null;
}

/** Extracts a case's files below `dest`; returns the project's path. */
export async function extractCase(
  c: ParityCase,
  dest: string,
): Promise<string> {
  const text = (b: Uint8Array | null) =>
    new TextDecoder().decode(b ?? new Uint8Array());
  for (const path of c.extract) {
    const prefix = path.endsWith("*") ? path.slice(0, -1) : null;
    const listed = text(
      git(c.repo, [
        "ls-tree",
        "-r",
        "--name-only",
        c.commit,
        "--",
        prefix ? dirname(prefix) : path,
      ]),
    ).split("\n").filter((n) =>
      n !== "" && (prefix === null || n.startsWith(prefix))
    );
    for (const name of listed) {
      const blob = git(c.repo, ["cat-file", "blob", `${c.commit}:${name}`]);
      if (blob === null) continue; // not in the snapshot (large files)
      await Deno.mkdir(dirname(join(dest, name)), { recursive: true });
      await Deno.writeFile(join(dest, name), blob);
    }
  }
  return join(dest, c.project);
}
