/**
 * Reads a `.qgs` (XML) or `.qgz` (zip holding the `.qgs` and its `.qgd`)
 * project file into a DOM.
 *
 * @module
 */
import { unzipSync } from "fflate";
import { basename, dirname, extname, resolve } from "node:path";
import { ProjectError } from "./errors.ts";
import { parseXml, type XmlElement } from "./xml_tree.ts";

/** A parsed project file and where it came from. */
export interface ProjectFile {
  /** The project's root element, `<qgis>`. */
  root: XmlElement;
  /** The project's XML text (styles are copied out of it). */
  text: string;
  /** Absolute path of the `.qgs`/`.qgz` file. */
  path: string;
  /** Absolute folder of the project: relative layer paths start here. */
  directory: string;
  /** File name without its extension (the project's fallback name). */
  baseName: string;
}

/** The project file extensions the exporter reads. */
export const PROJECT_EXTENSIONS: readonly string[] = [".qgs", ".qgz"];

/**
 * Parses project XML text; malformed XML throws `QgisSyntaxError` with the
 * line and column, a root other than `<qgis>` a
 * {@link ProjectError}.
 *
 * @example
 * ```ts
 * import { parseProjectXml } from "./read_project.ts";
 * const root = parseProjectXml('<qgis version="3.22.16"/>', "demo.qgs");
 * ```
 */
export function parseProjectXml(text: string, fileName: string): XmlElement {
  const root = parseXml(text, fileName);
  if (root.nodeName !== "qgis") {
    throw new ProjectError(
      `Cannot read ${fileName}: the root element is <${root.nodeName}>, not <qgis>`,
    );
  }
  return root;
}

/**
 * Extracts the `.qgs` text from `.qgz` bytes.
 *
 * @example
 * ```ts ignore
 * import { qgsFromQgz } from "./read_project.ts";
 * const text = qgsFromQgz(await Deno.readFile("demo.qgz"), "demo.qgz");
 * ```
 */
export function qgsFromQgz(bytes: Uint8Array, fileName: string): {
  name: string;
  text: string;
} {
  // A zip starts with a local file header (or is an empty archive).
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b &&
    (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
  if (!isZip) {
    throw new ProjectError(`Cannot read ${fileName}: it is not a zip archive`);
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => f.name.toLowerCase().endsWith(".qgs"),
    });
  } catch (error) {
    throw new ProjectError(
      `Cannot read ${fileName}: broken zip archive (${
        (error as Error).message
      })`,
      { cause: error },
    );
  }
  const names = Object.keys(entries).sort();
  if (names.length === 0) {
    throw new ProjectError(`Cannot read ${fileName}: it holds no .qgs file`);
  }
  return {
    name: names[0],
    text: new TextDecoder().decode(entries[names[0]]),
  };
}

/**
 * Reads and parses a `.qgs` or `.qgz` project file.
 *
 * @example
 * ```ts ignore
 * import { readProject } from "./read_project.ts";
 * const project = await readProject("demo.qgz");
 * console.log(project.baseName); // "demo"
 * ```
 */
export async function readProject(file: string): Promise<ProjectFile> {
  const path = resolve(file);
  const ext = extname(path).toLowerCase();
  if (!PROJECT_EXTENSIONS.includes(ext)) {
    throw new ProjectError(
      `Cannot read project ${file}: the extension must be .qgs or .qgz, not '${
        ext || "(none)"
      }'`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (error) {
    const reason = error instanceof Deno.errors.NotFound
      ? "no such file"
      : error instanceof Deno.errors.IsADirectory
      ? "it is a directory"
      : (error as Error).message;
    throw new ProjectError(`Cannot read project ${file}: ${reason}`, {
      cause: error,
    });
  }
  const fileName = basename(path);
  let text: string;
  let xmlName = fileName;
  if (ext === ".qgz") {
    const qgs = qgsFromQgz(bytes, fileName);
    text = qgs.text;
    xmlName = `${fileName}!${qgs.name}`;
  } else {
    text = new TextDecoder().decode(bytes);
  }
  return {
    root: parseProjectXml(text, xmlName),
    text,
    path,
    directory: dirname(path),
    baseName: basename(path, extname(path)),
  };
}
