/**
 * Reads a `.qgs` (XML) or `.qgz` (zip holding the `.qgs` and its `.qgd`)
 * project file into a DOM.
 *
 * @module
 */
import { Unzip, UnzipInflate, unzipSync } from "fflate";
import { basename, dirname, extname, resolve } from "node:path";
import { ProjectError } from "./errors.ts";
import { type KeepRule, parseXml, type XmlElement } from "./xml_tree.ts";

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

const TEXT: KeepRule = { text: true };
const SHALLOW: KeepRule = {};
const textOf = (...names: string[]): Record<string, KeepRule> =>
  Object.fromEntries(names.map((n) => [n, TEXT]));
const EXTENT: KeepRule = { children: textOf("xmin", "ymin", "xmax", "ymax") };
// <customproperties> as QGIS ≥ 3.12 (an Option map) and before (property).
const CUSTOM_PROPERTIES: KeepRule = {
  children: {
    Option: { children: { Option: SHALLOW } },
    property: { children: { value: TEXT } },
  },
};
const TREE_GROUP: KeepRule = {
  children: {
    "layer-tree-layer": SHALLOW,
    customproperties: CUSTOM_PROPERTIES,
  },
};
TREE_GROUP.children!["layer-tree-group"] = TREE_GROUP;
const LEGEND_GROUP: KeepRule = {
  children: {
    legendlayer: {
      children: { filegroup: { children: { legendlayerfile: SHALLOW } } },
    },
  },
};
LEGEND_GROUP.children!.legendgroup = LEGEND_GROUP;
const MAP_LAYER: KeepRule = {
  // Every child is kept with its offsets (styles are copied from them);
  // these are read.
  other: SHALLOW,
  children: {
    ...textOf(
      "id",
      "datasource",
      "provider",
      "layername",
      "shortname",
      "title",
      "previewExpression",
    ),
    // relation references read the referenced layer (style.ts)
    referencedLayers: { children: { relation: SHALLOW } },
    srs: {
      children: {
        spatialrefsys: {
          children: textOf("authid", "srid", "proj4", "wkt", "geographicflag"),
        },
      },
    },
    extent: EXTENT,
    wgs84extent: EXTENT,
    "map-layer-style-manager": {
      children: { "map-layer-style": { children: { qgis: SHALLOW } } },
    },
    // QGIS 2.x label settings live there (style.ts, labeling_2x.ts)
    customproperties: CUSTOM_PROPERTIES,
    aliases: { children: { alias: SHALLOW } },
    expressionfields: { children: { field: SHALLOW } },
    constraints: { children: { constraint: SHALLOW } },
    fieldConfiguration: {
      children: {
        field: {
          children: {
            editWidget: {
              children: {
                config: {
                  children: { Option: { children: { Option: SHALLOW } } },
                },
              },
            },
          },
        },
      },
    },
    edittypes: {
      children: { edittype: { children: { widgetv2config: SHALLOW } } },
    },
    vectorjoins: {
      children: {
        join: {
          children: { joinFieldsSubset: { children: { field: SHALLOW } } },
        },
      },
    },
  },
};

/**
 * The parts of a project the exporter reads: the rest of the document is
 * parsed but not built (styles are copied from the text by offsets).
 */
export const PROJECT_RULE: KeepRule = {
  children: {
    title: TEXT,
    trust: SHALLOW,
    properties: {
      children: {
        Measure: { children: { Ellipsoid: TEXT } },
        Measurement: { children: { AreaUnits: TEXT, DistanceUnits: TEXT } },
        ...Object.fromEntries(
          [
            "WMSContactOrganization",
            "WMSContactMail",
            "WMSContactPerson",
            "WMSContactPhone",
            "WMSContactPosition",
            "WMSFees",
            "WMSKeywordList",
            "WMSOnlineResource",
            "WMSServiceAbstract",
            "WMSServiceTitle",
            "WMSUrl",
            "WMSAddWktGeometry",
            "WMSPrecision",
            "WMSFeatureInfoUseAttributeFormSettings",
          ].map((n) => [n, { text: true, children: { value: TEXT } }]),
        ),
      },
    },
    projectMetadata: {
      children: {
        ...textOf("author", "creation", "language", "title"),
        keywords: { children: { keyword: TEXT } },
        links: { children: { link: SHALLOW } },
      },
    },
    "layer-tree-group": TREE_GROUP,
    legend: LEGEND_GROUP,
    projectlayers: { children: { maplayer: MAP_LAYER } },
  },
};

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
  const root = parseXml(text, fileName, PROJECT_RULE);
  if (root.nodeName !== "qgis") {
    throw new ProjectError(
      `Cannot read ${fileName}: the root element is <${root.nodeName}>, not <qgis>`,
    );
  }
  return root;
}

/** The largest project (XML) read by default: 128 MiB. */
export const DEFAULT_MAX_PROJECT_BYTES: number = 128 * 1024 * 1024;

const mib = (bytes: number): string =>
  `${Math.round(bytes / 1024 / 1024 * 10) / 10} MiB`;

/**
 * Extracts the `.qgs` text from `.qgz` bytes: the archive's first `.qgs`
 * member, as QGIS opens it, and only that one is inflated — in chunks, and
 * no further than `maxBytes` (a member that inflates beyond is refused, what
 * ever size its header announces).
 *
 * @example
 * ```ts
 * import { zipSync } from "fflate";
 * import { qgsFromQgz } from "./read_project.ts";
 * const bytes = zipSync({ "demo.qgs": new TextEncoder().encode("<qgis/>") });
 * qgsFromQgz(bytes, "demo.qgz").text; // "<qgis/>"
 * ```
 */
export function qgsFromQgz(
  bytes: Uint8Array,
  fileName: string,
  maxBytes: number = DEFAULT_MAX_PROJECT_BYTES,
): {
  name: string;
  text: string;
} {
  // A zip starts with a local file header (or is an empty archive).
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b &&
    (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
  if (!isZip) {
    throw new ProjectError(`Cannot read ${fileName}: it is not a zip archive`);
  }
  const broken = (error: unknown) =>
    new ProjectError(
      `Cannot read ${fileName}: broken zip archive (${
        (error as Error).message
      })`,
      { cause: error },
    );
  // The central directory lists the members; nothing is inflated here.
  let chosen: string | undefined;
  let announced = 0;
  let method = 0;
  let index = -1;
  let entries = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (chosen === undefined && f.name.toLowerCase().endsWith(".qgs")) {
          chosen = f.name;
          announced = f.originalSize;
          method = f.compression;
          index = entries;
        }
        entries++;
        return false;
      },
    });
  } catch (error) {
    throw broken(error);
  }
  if (chosen === undefined) {
    throw new ProjectError(`Cannot read ${fileName}: it holds no .qgs file`);
  }
  if (method !== 0 && method !== 8) {
    throw new ProjectError(
      `Cannot read ${fileName}: its project ${chosen} is compressed with method ${method}${
        ZIP_METHODS[method] ? ` (${ZIP_METHODS[method]})` : ""
      }; only stored and deflated members are read, as QGIS writes them`,
    );
  }
  const tooLarge = () =>
    new ProjectError(
      `Cannot read ${fileName}: its project ${chosen} inflates to more than ${
        mib(maxBytes)
      } (raise --max-project-size to read it)`,
    );
  // An honest header saves the inflating; a lying one is caught below.
  if (announced > maxBytes) throw tooLarge();
  let decoder: TextDecoder | undefined;
  let head: Uint8Array[] = [];
  let headSize = 0;
  const parts: string[] = [];
  let size = 0;
  let done = false;
  let failure: Error | undefined;
  const unzip = new Unzip((file) => {
    if (file.name !== chosen || done || failure) return;
    file.ondata = (error, chunk, final) => {
      if (failure || done) return;
      if (error) {
        failure = broken(error);
        return;
      }
      size += chunk.length;
      if (size > maxBytes) {
        failure = tooLarge();
        file.terminate();
        return;
      }
      if (decoder === undefined) {
        // the encoding is told by the first bytes (a mark, a declaration)
        head.push(chunk);
        headSize += chunk.length;
        if (headSize < HEAD_BYTES && !final) return;
        const first = concat(head, headSize);
        head = [];
        try {
          decoder = projectDecoder(first, fileName);
        } catch (error) {
          failure = error as Error;
          file.terminate();
          return;
        }
        parts.push(decoder.decode(first, { stream: !final }));
        if (final) done = true;
        return;
      }
      parts.push(decoder.decode(chunk, { stream: !final }));
      if (final) done = true;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  // Streamed from the chosen member's own header: fflate's streaming reader
  // does work per member it has seen for each member after it (200,000
  // empty members before the project took 20 s).
  const from = localHeaderOffset(bytes, index) ?? 0;
  // Small chunks: each is inflated as it is pushed, so the cap holds
  // within one chunk's output.
  const CHUNK = 16 * 1024;
  try {
    for (let at = from; at < bytes.length && !done && !failure; at += CHUNK) {
      const end = Math.min(at + CHUNK, bytes.length);
      unzip.push(bytes.subarray(at, end), end === bytes.length);
    }
  } catch (error) {
    throw broken(error);
  }
  if (failure) throw failure;
  if (!done) throw broken(new Error(`${chosen} ends early`));
  return { name: chosen, text: parts.join("") };
}

// Names of the zip compression methods a project may come with.
const ZIP_METHODS: Record<number, string> = {
  9: "deflate64",
  12: "bzip2",
  14: "LZMA",
  93: "Zstandard",
  95: "XZ",
  99: "AES encryption",
};

/** Bytes of a project looked at to tell its encoding. */
const HEAD_BYTES = 1024;

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  // one chunk is the common case: a chunk of fflate's is 64 kB
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Where the local header of the archive's `index`-th member (in the central
 * directory's order) starts, or undefined when the central directory is
 * not where a plain zip has it (a ZIP64 archive: read from the start).
 * `bytes` was read by fflate already: its central directory is whole.
 */
function localHeaderOffset(
  bytes: Uint8Array,
  index: number,
): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  const last = Math.max(0, end - 65535);
  while (end >= last && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < last) return undefined;
  let at = view.getUint32(end + 16, true);
  if (at === 0xffffffff) return undefined;
  for (let i = 0; i <= index; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) {
      return undefined;
    }
    if (i === index) {
      const offset = view.getUint32(at + 42, true);
      return offset === 0xffffffff || offset >= bytes.length
        ? undefined
        : offset;
    }
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) +
      view.getUint16(at + 32, true);
  }
  return undefined;
}

/**
 * The decoder of a project's text, told by its first bytes as an XML reader
 * (QGIS's) tells it: a byte order mark (UTF-8, UTF-16), UTF-16 without one,
 * else the XML declaration's `encoding`, else UTF-8. An encoding that is not
 * known is refused with a {@link ProjectError}.
 */
function projectDecoder(head: Uint8Array, fileName: string): TextDecoder {
  const [a, b, c, d] = head;
  if (a === 0xef && b === 0xbb && c === 0xbf) return new TextDecoder();
  if (a === 0xff && b === 0xfe) return new TextDecoder("utf-16le");
  if (a === 0xfe && b === 0xff) return new TextDecoder("utf-16be");
  if (a === 0x3c && b === 0 && c === 0x3f && d === 0) {
    return new TextDecoder("utf-16le");
  }
  if (a === 0 && b === 0x3c && c === 0 && d === 0x3f) {
    return new TextDecoder("utf-16be");
  }
  let start = "";
  for (let i = 0; i < Math.min(head.length, 256); i++) {
    start += String.fromCharCode(head[i]);
    if (head[i] === 0x3e) break; // '>': the declaration's end
  }
  const declared = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/.exec(
    start,
  )?.[2];
  if (declared === undefined) return new TextDecoder();
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared.trim());
  } catch {
    throw new ProjectError(
      `Cannot read ${fileName}: its XML declaration names the encoding '${
        declared.slice(0, 100)
      }', which is not known`,
    );
  }
  // a declaration read as ASCII is in no UTF-16 (it has no mark either)
  return decoder.encoding.startsWith("utf-16") ? new TextDecoder() : decoder;
}

/**
 * Reads and parses a `.qgs` or `.qgz` project file. A `.qgs` larger than
 * `maxBytes`, a `.qgz` whose project inflates beyond it (or whose archive
 * is over four times as large), or a path that is not a regular file are
 * refused with a {@link ProjectError}.
 *
 * @example
 * ```ts ignore
 * import { readProject } from "./read_project.ts";
 * const project = await readProject("demo.qgz");
 * console.log(project.baseName); // "demo"
 * ```
 */
export async function readProject(
  file: string,
  options: { maxBytes?: number } = {},
): Promise<ProjectFile> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PROJECT_BYTES;
  const path = resolve(file);
  const ext = extname(path).toLowerCase();
  if (!PROJECT_EXTENSIONS.includes(ext)) {
    throw new ProjectError(
      `Cannot read project ${file}: the extension must be .qgs or .qgz, not '${
        ext || "(none)"
      }'`,
    );
  }
  const fail = (reason: string, cause?: unknown): ProjectError =>
    new ProjectError(`Cannot read project ${file}: ${reason}`, { cause });
  let bytes: Uint8Array;
  try {
    const info = await Deno.stat(path);
    if (info.isDirectory) throw fail("it is a directory");
    if (!info.isFile) throw fail("it is not a regular file");
    const limit = ext === ".qgz" ? 4 * maxBytes : maxBytes;
    if (info.size > limit) {
      throw fail(
        `it is larger than ${mib(limit)} (raise --max-project-size to read it)`,
      );
    }
    bytes = await Deno.readFile(path);
  } catch (error) {
    if (error instanceof ProjectError) throw error;
    const reason = error instanceof Deno.errors.NotFound
      ? "no such file"
      : error instanceof Deno.errors.IsADirectory
      ? "it is a directory"
      : (error as Error).message;
    throw fail(reason, error);
  }
  const fileName = basename(path);
  let text: string;
  let xmlName = fileName;
  if (ext === ".qgz") {
    const qgs = qgsFromQgz(bytes, fileName, maxBytes);
    text = qgs.text;
    xmlName = `${fileName}!${qgs.name}`;
  } else {
    text = projectDecoder(bytes.subarray(0, HEAD_BYTES), fileName).decode(
      bytes,
    );
  }
  return {
    root: parseProjectXml(text, xmlName),
    text,
    path,
    directory: dirname(path),
    baseName: basename(path, extname(path)),
  };
}
