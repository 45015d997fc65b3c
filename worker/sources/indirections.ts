/**
 * The files GDAL opens on its own behalf, checked against the data root.
 *
 * A dataset the job names may lead GDAL to other files: the sources of a
 * VRT (`<SourceFilename>`, a warped VRT's `<SourceDataset>`, an OGR VRT's
 * `<SrcDataSource>`), and the sidecars it looks for beside any file
 * (`x.tif.ovr`, `x.aux.xml`, a shapefile's `.dbf`). GDAL would read them
 * without asking, and a source it cannot open renders as a blank image that
 * reports success. So each one is resolved here with the same rule as the
 * job's own path — its real path (symbolic links followed) must stay below
 * the data root — and a VRT may name only plain relative paths: no `/vsi…`
 * file systems, no URLs, no connection strings (`PG:`, `WMS:`, `vrt://`).
 * Deno's `--allow-read` follows symbolic links inside an allowed folder, so
 * this check, not the permission, is the guard.
 *
 * @module
 */
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import { SaxesParser } from "saxes";

/** How deep VRTs may refer to VRTs. */
const MAX_NESTING = 8;
/** Largest VRT read for the check (bytes); larger ones are refused. */
const MAX_VRT_BYTES = 16 * 1024 * 1024;
/** Elements whose text names a file GDAL opens. */
const SOURCE_ELEMENTS = new Set([
  "SourceFilename",
  "SourceDataset",
  "SrcDataSource",
]);

function inside(root: string, path: string): boolean {
  return path === root ||
    path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** One file a VRT names. */
interface VrtReference {
  /** The element's text. */
  name: string;
  /** `relativeToVRT="1"`. */
  relative: boolean;
}

/**
 * Reads the files a VRT document names (GDAL raster VRT and OGR VRT).
 *
 * @example
 * ```ts
 * import { vrtReferences } from "./indirections.ts";
 * const refs = vrtReferences(
 *   '<VRTDataset><VRTRasterBand><SimpleSource><SourceFilename relativeToVRT="1">a.tif</SourceFilename></SimpleSource></VRTRasterBand></VRTDataset>',
 * );
 * refs; // [{ name: "a.tif", relative: true }]
 * ```
 */
export function vrtReferences(
  text: string,
): { name: string; relative: boolean }[] {
  const refs: VrtReference[] = [];
  const parser = new SaxesParser();
  let current: VrtReference | null = null;
  parser.on("error", (error) => {
    throw new SyntaxError(`Cannot read VRT: ${error.message}`);
  });
  parser.on("opentag", (tag) => {
    if (SOURCE_ELEMENTS.has(tag.name)) {
      const flag = tag.attributes["relativeToVRT"] ??
        tag.attributes["relativetoVRT"];
      current = { name: "", relative: String(flag ?? "0").trim() === "1" };
      if (tag.isSelfClosing) {
        refs.push(current);
        current = null;
      }
    }
  });
  parser.on("text", (t) => {
    if (current !== null) current.name += t;
  });
  parser.on("cdata", (t) => {
    if (current !== null) current.name += t;
  });
  parser.on("closetag", (tag) => {
    if (current !== null && SOURCE_ELEMENTS.has(tag.name)) {
      current.name = current.name.trim();
      refs.push(current);
      current = null;
    }
  });
  parser.write(text).close();
  return refs;
}

async function sniffVrt(path: string): Promise<boolean> {
  // GDAL recognises a VRT by its content, whatever its name
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path);
  } catch {
    return false;
  }
  try {
    const head = new Uint8Array(256);
    const n = await file.read(head) ?? 0;
    const text = new TextDecoder().decode(head.subarray(0, n));
    return /^\s*(<\?xml[^>]*\?>\s*)?<(VRTDataset|OGRVRTDataSource)\b/.test(
      text,
    );
  } catch {
    return false;
  } finally {
    file.close();
  }
}

/** Whether a file is a VRT by its content, per file identity. */
const sniffed = new Map<string, { identity: string; vrt: boolean }>();
const MAX_SNIFFED = 1024;

/**
 * Whether GDAL would take the file for a VRT. Reading its head costs an
 * open, a read and a close on every job; the answer is kept per real path
 * while the file's identity (device, inode, size, mtime, ctime) stays —
 * a rewrite changes ctime, which no one can set back — and only once the
 * file has been still for a while (as `linksIn`: a change within the same
 * clock tick would go unseen).
 */
async function isVrt(path: string, stat: Deno.FileInfo): Promise<boolean> {
  if (/\.vrt$/i.test(path)) return true;
  const mtime = stat.mtime?.getTime() ?? NaN;
  const ctime = stat.ctime?.getTime() ?? NaN;
  const identity = `${stat.dev}:${stat.ino}:${stat.size}:${mtime}:${ctime}`;
  const kept = sniffed.get(path);
  if (kept !== undefined && kept.identity === identity) return kept.vrt;
  const vrt = await sniffVrt(path);
  if (Date.now() - Math.max(mtime, ctime) > 2000) {
    if (sniffed.size >= MAX_SNIFFED) sniffed.clear();
    sniffed.set(path, { identity, vrt });
  }
  return vrt;
}

/** The files a VRT names, per file identity (as {@link sniffed}). */
const referenced = new Map<
  string,
  { identity: string; refs: VrtReference[] }
>();
const MAX_REFERENCED = 256;

/**
 * The files the VRT at `real` names. Reading and parsing it cost the
 * mosaic of the reprojection bench ~1 ms a layer a job; the names are kept
 * per real path while the file's identity stays and once it has been
 * still for a while, as {@link isVrt} keeps its answer. What they name is
 * resolved again on every job (`check`).
 */
async function referencesOf(
  real: string,
  stat: Deno.FileInfo,
): Promise<VrtReference[]> {
  const mtime = stat.mtime?.getTime() ?? NaN;
  const ctime = stat.ctime?.getTime() ?? NaN;
  const identity = `${stat.dev}:${stat.ino}:${stat.size}:${mtime}:${ctime}`;
  const kept = referenced.get(real);
  if (kept !== undefined && kept.identity === identity) return kept.refs;
  const refs = vrtReferences(await Deno.readTextFile(real));
  if (Date.now() - Math.max(mtime, ctime) > 2000) {
    if (referenced.size >= MAX_REFERENCED) referenced.clear();
    referenced.set(real, { identity, refs });
  }
  return refs;
}

/**
 * Checks the files GDAL would open beside or through `real` (a file's real
 * path below `root`, both real): sidecars linked out of the root, and for a
 * VRT each source, recursively. Returns the reason to refuse, or null.
 *
 * @example
 * ```ts ignore
 * import { checkIndirections } from "./indirections.ts";
 * await checkIndirections("/srv/data", "/srv/data/dem.vrt");
 * // "its VRT 'dem.vrt' names '/etc/x.tif', an absolute path"
 * ```
 */
export async function checkIndirections(
  root: string,
  real: string,
  stat?: Deno.FileInfo,
): Promise<string | null> {
  return await check(root, real, 0, stat);
}

// The file system calls of a job's usual path are synchronous: a stat of a
// local file takes microseconds, Deno's async form a thread-pool round trip
// of ~0.1 ms; GDAL reads the same files synchronously right after.
async function check(
  root: string,
  real: string,
  depth: number,
  known?: Deno.FileInfo,
): Promise<string | null> {
  const sidecar = await checkSidecars(root, real);
  if (sidecar !== null) return sidecar;
  let stat: Deno.FileInfo;
  try {
    stat = known ?? Deno.statSync(real);
  } catch {
    return null;
  }
  if (!stat.isFile || !await isVrt(real, stat)) return null;
  const name = relative(root, real);
  if (depth >= MAX_NESTING) {
    return `its VRT '${name}' nests VRTs deeper than ${MAX_NESTING} levels`;
  }
  if (stat.size > MAX_VRT_BYTES) {
    return `its VRT '${name}' is larger than ${MAX_VRT_BYTES} bytes`;
  }
  let refs: VrtReference[];
  try {
    refs = await referencesOf(real, stat);
  } catch (error) {
    return `its VRT '${name}' cannot be read (${
      (error as Error).message.slice(0, 200)
    })`;
  }
  for (const ref of refs) {
    const shown = ref.name.slice(0, 200);
    const why = refusedName(ref);
    if (why !== null) return `its VRT '${name}' names '${shown}', ${why}`;
    const target = join(dirname(real), ref.name);
    let targetReal: string;
    try {
      targetReal = Deno.realPathSync(target);
    } catch {
      return `its VRT '${name}' names '${shown}', which is not found`;
    }
    if (!inside(root, targetReal)) {
      return `its VRT '${name}' names '${shown}', which leaves the data root`;
    }
    const nested = await check(root, targetReal, depth + 1);
    if (nested !== null) return nested;
  }
  return null;
}

function refusedName(ref: VrtReference): string | null {
  const name = ref.name;
  if (name === "") return "an empty file name";
  if (name.includes("\0")) return "a name with a NUL byte";
  if (/(^|[\\/])vsi[a-z0-9]*[\\/]/i.test(name)) {
    return "a virtual file system path (not allowed)";
  }
  if (/^[a-z][a-z0-9+.\-_ ]*:/i.test(name)) {
    return "a URL or connection string (not allowed)";
  }
  if (isAbsolute(name) || name.startsWith("\\")) {
    return "an absolute path (not allowed)";
  }
  if (!ref.relative) {
    return 'a path not marked relativeToVRT="1" (not allowed)';
  }
  return null;
}

/** Symbolic links per folder, kept while the folder's mtime stays. */
const linkLists = new Map<string, { mtime: number; links: string[] }>();
const MAX_LINK_LISTS = 256;

/**
 * The names of the symbolic links in a folder. Listing a folder of 2,000
 * files costs 5 ms, a stat 0.02 ms: the list is kept until the folder's
 * mtime moves (adding, removing or re-pointing a link changes it).
 */
async function linksIn(dir: string): Promise<string[]> {
  const mtime = Deno.statSync(dir).mtime?.getTime() ?? NaN;
  const kept = linkLists.get(dir);
  if (kept !== undefined && kept.mtime === mtime) return kept.links;
  const links: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isSymlink) links.push(entry.name);
  }
  if (linkLists.size >= MAX_LINK_LISTS) linkLists.clear();
  // a folder changed in the last seconds may change again within the same
  // mtime tick: kept only once it has been still for a while (git's rule)
  if (Date.now() - mtime > 2000) linkLists.set(dir, { mtime, links });
  return links;
}

/**
 * Sidecars GDAL opens beside a file: any sibling whose name starts with the
 * file's name or stem followed by a dot (`x.tif.ovr`, `x.aux.xml`, `x.dbf`).
 * Only symbolic links can lead out of the root.
 */
async function checkSidecars(
  root: string,
  real: string,
): Promise<string | null> {
  const dir = dirname(real);
  const base = basename(real).toLowerCase();
  const dot = base.lastIndexOf(".");
  const stem = dot > 0 ? base.slice(0, dot) : base;
  let links: string[];
  try {
    links = await linksIn(dir);
  } catch {
    return null;
  }
  for (const name of links) {
    const lower = name.toLowerCase();
    if (!lower.startsWith(stem + ".") && !lower.startsWith(base + ".")) {
      continue;
    }
    const path = join(dir, name);
    let target: string;
    try {
      target = Deno.realPathSync(path);
    } catch (error) {
      // a dangling link: GDAL finds nothing there either
      if (error instanceof Deno.errors.NotFound) continue;
      return `its companion file '${relative(root, path)}' is not readable`;
    }
    if (!inside(root, target)) {
      return `its companion file '${
        relative(root, path)
      }' leaves the data root through a symbolic link`;
    }
  }
  return null;
}
