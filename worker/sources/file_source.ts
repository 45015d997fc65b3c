/**
 * Decoding a job layer's `source` and resolving it below the data root.
 *
 * A job layer carries its source as a JSON string, as the Python exporter
 * writes it (QGIS's decoded provider URI): `path`, and for the `ogr` driver
 * `layerName`, `layerId`, `subset`, for both `vsiPrefix` (and QGIS's
 * `vsiSuffix`, the member inside an archive). Local paths resolve as
 * `<data root>/<folder_name>/<path>`; our own check makes sure that the
 * result never leaves the data root — not lexically (`..`, absolute paths),
 * not through a symlink (real paths are compared), not through a `/vsi…`
 * prefix smuggled into the path.
 *
 * @module
 */
import { isAbsolute, normalize, relative, sep } from "node:path";
import { decodeSourceJson, openError, sourceString } from "./_util.ts";
import { checkIndirections } from "./indirections.ts";

/** The parts of a job layer this module reads (wire names). */
export interface LayerRef {
  /** Layer id (cache key). */
  id: string;
  /** Layer name, used in error messages. */
  name: string;
  /** The source as a JSON string. */
  source: string;
  /** True when `path` is a URL to fetch. */
  remote?: boolean | null;
  /** Folder below the data root. */
  folder_name?: string | null;
  /** QGIS provider key (`ogr`, `gdal`, …); absent: `ogr`. */
  driver?: string | null;
  /**
   * The CRS the project declares for the layer, read over the data's own
   * (`AUTH:CODE`); absent: the data's.
   */
  crs?: string | null;
}

/** A decoded source. */
export interface LayerSource {
  /** File path relative to `<data root>/<folder_name>`, or a URL if remote. */
  path: string;
  /** Layer inside the dataset (by name). */
  layerName?: string;
  /** Layer inside the dataset (by index), when no name is given. */
  layerId?: number;
  /** The source's own attribute filter (QGIS subset string). */
  subset?: string;
  /** GDAL virtual file system prefix: `/vsizip/`, `/vsitar/`, `/vsigzip/`. */
  vsiPrefix?: string;
  /** Member inside the archive, e.g. `/roads.shp`. */
  vsiSuffix?: string;
  /**
   * The text encoding the project declares for the layer (source key
   * `open_options`: `ENCODING=…`, GDAL's Shapefile open option, as our
   * exporter writes QGIS's `<provider encoding>` of a Shapefile layer).
   */
  encoding?: string;
  /**
   * The one geometry type QGIS reads of a file holding several (source key
   * `geometryType`/`geometry_type`, QGIS's URI `geometrytype=`), as its
   * simple kind: features of other kinds are not the layer's.
   */
  geometryKind?: "point" | "line" | "polygon";
}

/** A source resolved to a file the worker may open. */
export interface ResolvedSource {
  /** The decoded source. */
  source: LayerSource;
  /** True for a fetched remote source. */
  remote: boolean;
  /** Local: the real path of the file on the host. Remote: the URL. */
  location: string;
  /** Local: the data root's real path. */
  root: string;
  /** Local: path of the file relative to the data root (real, no links). */
  relativePath: string;
  /** Changes when the file does (size and modification time). */
  version: string;
}

/** Context needed to resolve sources. */
export interface SourceContext {
  /** Absolute data root. */
  dataRoot: string;
  /** Hosts remote sources may be fetched from. */
  remoteHosts: string[];
}

const VSI_PREFIXES = ["/vsizip/", "/vsitar/", "/vsigzip/"];
const realRoots = new Map<string, string>();

const fail = openError;

const optionalString = sourceString;

/**
 * Decodes a job layer's `source` JSON into a {@link LayerSource}.
 *
 * @example
 * ```ts
 * import { parseLayerSource } from "./file_source.ts";
 * const s = parseLayerSource({
 *   id: "l1",
 *   name: "places",
 *   source: '{"path": "demo.gpkg", "layerName": "places"}',
 * });
 * s.layerName; // "places"
 * ```
 */
export function parseLayerSource(layer: LayerRef): LayerSource {
  const record = decodeSourceJson(layer);
  const path = optionalString(layer, record, "path");
  if (path === undefined) throw fail(layer, "its source has no 'path'");
  const out: LayerSource = { path };
  const layerName = optionalString(layer, record, "layerName", "layer_name");
  if (layerName !== undefined) out.layerName = layerName;
  const layerId = record.layerId ?? record.layer_id;
  if (layerId !== undefined && layerId !== null && layerId !== "") {
    const n = Number(layerId);
    if (!Number.isInteger(n) || n < 0) {
      throw fail(layer, `source key 'layerId' is not a layer index`);
    }
    out.layerId = n;
  }
  const subset = optionalString(layer, record, "subset");
  if (subset !== undefined && subset.trim() !== "") out.subset = subset;
  const vsiPrefix = optionalString(layer, record, "vsiPrefix", "vsi_prefix");
  if (vsiPrefix !== undefined) {
    const normal = `/${vsiPrefix.replace(/^\/+|\/+$/g, "")}/`.toLowerCase();
    if (!VSI_PREFIXES.includes(normal)) {
      throw fail(layer, `unsupported vsiPrefix '${vsiPrefix}'`);
    }
    out.vsiPrefix = normal;
  }
  const vsiSuffix = optionalString(layer, record, "vsiSuffix", "vsi_suffix");
  if (vsiSuffix !== undefined) {
    const member = vsiSuffix.replace(/^\/+/, "");
    if (member.split(/[\\/]/).includes("..") || member.includes("\0")) {
      throw fail(layer, "its archive member path leaves the archive");
    }
    out.vsiSuffix = `/${member}`;
  }
  const geometryType = optionalString(
    layer,
    record,
    "geometryType",
    "geometry_type",
  );
  if (geometryType !== undefined) {
    const kind = geometryKindOf(geometryType);
    if (kind === undefined) {
      throw fail(
        layer,
        `source key 'geometryType' names no geometry type ('${
          geometryType.slice(0, 40)
        }')`,
      );
    }
    if (kind !== null) out.geometryKind = kind;
  }
  const options = record.openOptions ?? record.open_options;
  if (Array.isArray(options)) {
    for (const option of options) {
      const m = typeof option === "string"
        ? /^\s*encoding\s*=\s*(.*?)\s*$/i.exec(option)
        : null;
      if (m && m[1] !== "") out.encoding = m[1];
    }
  }
  return out;
}

// QGIS's names of OGR geometry types (QgsWkbTypes::displayString, and the
// OGR provider's `Point25D`…): the simple kind, null for none to filter by
// (QGIS's "Unknown" and "NoGeometry" sublayers), undefined for no name
function geometryKindOf(
  name: string,
): "point" | "line" | "polygon" | null | undefined {
  const n = name.trim().toLowerCase().replace(/(25d|zm|z|m)$/, "");
  if (n === "" || n === "unknown" || n === "nogeometry" || n === "none") {
    return null;
  }
  const simple = n.replace(/^multi/, "");
  if (simple === "point") return "point";
  if (simple === "linestring" || simple === "curve") return "line";
  if (simple === "polygon" || simple === "surface") return "polygon";
  return undefined;
}

function checkHost(layer: LayerRef, url: string, hosts: string[]): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw fail(layer, "its remote path is not a URL", error);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw fail(layer, `remote scheme '${parsed.protocol}' is not allowed`);
  }
  const allowed = hosts.map((h) => h.toLowerCase());
  if (
    !allowed.includes(parsed.host.toLowerCase()) &&
    !allowed.includes(parsed.hostname.toLowerCase())
  ) {
    throw fail(
      layer,
      `remote host '${parsed.host}' is not on the worker's allow-list`,
    );
  }
}

async function realRoot(dataRoot: string): Promise<string> {
  let real = realRoots.get(dataRoot);
  if (real === undefined) {
    real = await Deno.realPath(dataRoot);
    realRoots.set(dataRoot, real);
  }
  return real;
}

function inside(root: string, path: string): boolean {
  return path === root ||
    path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Decodes a layer's source and resolves it below the data root, refusing
 * anything that would leave it; remote sources only from allowed hosts.
 *
 * @example
 * ```ts ignore
 * import { resolveLayerSource } from "./file_source.ts";
 * const r = await resolveLayerSource(layer, { dataRoot: "/data", remoteHosts: [] });
 * r.location; // "/data/data/demo.gpkg"
 * ```
 */
export async function resolveLayerSource(
  layer: LayerRef,
  ctx: SourceContext,
): Promise<ResolvedSource> {
  const source = parseLayerSource(layer);
  if (layer.remote) {
    checkHost(layer, source.path, ctx.remoteHosts);
    return {
      source,
      remote: true,
      location: source.path,
      root: "",
      relativePath: "",
      version: "",
    };
  }
  const folder = layer.folder_name ?? "";
  for (const part of [folder, source.path]) {
    if (part.includes("\0")) throw fail(layer, "its path contains a NUL byte");
    if (
      isAbsolute(part) || /^[a-zA-Z]:[\\/]/.test(part) || part.startsWith("\\")
    ) {
      throw fail(layer, `absolute paths are not allowed ('${part}')`);
    }
    if (
      /(^|[\\/])vsi[a-z0-9]*[\\/]/i.test(part) ||
      /^[a-z][a-z0-9+.-]*:\/\//i.test(part)
    ) {
      throw fail(
        layer,
        `virtual file system paths and URLs are not allowed in 'path' ('${part}')`,
      );
    }
  }
  const root = await realRoot(ctx.dataRoot).catch((error) => {
    throw fail(layer, "the data root is not accessible", error);
  });
  const joined = normalize(`${root}${sep}${folder}${sep}${source.path}`);
  if (!inside(root, joined)) {
    throw fail(
      layer,
      `its path leaves the data root ('${
        folder ? folder + "/" : ""
      }${source.path}')`,
    );
  }
  // Checked on every job (a link may change between jobs), synchronously:
  // microseconds, where Deno's async form is a thread-pool round trip.
  let real: string;
  try {
    real = Deno.realPathSync(joined);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw fail(layer, `file not found ('${relative(root, joined)}')`, error);
    }
    throw fail(layer, `file not readable ('${relative(root, joined)}')`, error);
  }
  if (!inside(root, real)) {
    throw fail(
      layer,
      `its path leaves the data root through a symbolic link ('${
        relative(root, joined)
      }')`,
    );
  }
  if (source.vsiSuffix !== undefined && /\.vrt$/i.test(source.vsiSuffix)) {
    throw fail(layer, "VRT files inside archives are not supported");
  }
  // Directories are datasets too (a folder of shapefiles, a FileGDB).
  let stat: Deno.FileInfo;
  try {
    stat = Deno.statSync(real);
  } catch (error) {
    throw fail(layer, `file not readable ('${relative(root, real)}')`, error);
  }
  const refused = await checkIndirections(root, real, stat);
  if (refused !== null) throw fail(layer, refused);
  if (source.vsiPrefix === undefined && /\.zip$/i.test(real)) {
    source.vsiPrefix = "/vsizip/";
  }
  return {
    source,
    remote: false,
    location: real,
    root,
    relativePath: relative(root, real),
    version: `${stat.size}:${stat.mtime?.getTime() ?? 0}`,
  };
}
