/**
 * WMTS 1.0.0 as QGIS's WMS provider reads and requests it
 * (`parseWMTSContents`, `createTileRequestsWMTS`): tile matrix sets
 * (resolution = scale denominator × 0.28 mm ÷ metres per unit; top-left
 * corners swapped for inverted-axis CRSs), layers with styles, formats,
 * dimensions, tile matrix set links and limits, RESTful resource URLs, the
 * GetTile KVP URL; tile URLs by KVP when the server offers it, else from
 * the resource template. Pure.
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import type { Rect } from "../../geometry/types.ts";
import {
  hasInvertedAxes,
  isGeographic,
  normaliseCrs,
} from "../../map/compute.ts";
import { attr, kid, kids, localName, parseXml, path, text } from "./_xml.ts";
import type {
  TileMatrix,
  TileMatrixLimits,
  TileMatrixSet,
} from "./tile_matrix.ts";
import type { WmtsSource } from "./source.ts";
import { prepareUrl } from "./wms_capabilities.ts";
import { encodeQueryValue, Query } from "./wms.ts";

/** Metres per degree, as QGIS converts degrees (`DEGREE_TO_METER`). */
export const METERS_PER_DEGREE = 111319.49079327357;

/** A WMTS layer. */
export interface WmtsLayer {
  /** Identifier. */
  identifier: string;
  /** Title. */
  title: string;
  /** Styles: identifier, default flag, legend. */
  styles: {
    identifier: string;
    isDefault: boolean;
    legendUrl?: string;
    legendFormat?: string;
  }[];
  /** Tile formats. */
  formats: string[];
  /** GetFeatureInfo formats. */
  infoFormats: string[];
  /** Dimensions: identifier → default value. */
  dimensions: Record<string, string>;
  /** Linked tile matrix sets → limits per matrix identifier. */
  setLinks: Map<string, Map<string, TileMatrixLimits>>;
  /** RESTful tile URL templates by format. */
  tileTemplates: Map<string, string>;
  /** RESTful feature info URL templates by format. */
  featureInfoTemplates: Map<string, string>;
  /** Bounding boxes (`OGC:CRS84` for the WGS 84 one), x/y order. */
  boundingBoxes: { crs: string; box: Rect }[];
}

/** What a WMTS's capabilities say. */
export interface WmtsCapabilities {
  /** Version (`1.0.0`). */
  version: string;
  /** GetTile KVP URL, or undefined when tiles are RESTful only. */
  getTileUrl?: string;
  /** GetFeatureInfo KVP URL. */
  getFeatureInfoUrl?: string;
  /** Layers by identifier. */
  layers: Map<string, WmtsLayer>;
  /** Tile matrix sets by identifier (`crs` normalised). */
  sets: Map<string, TileMatrixSet>;
}

function crsName(value: string): string {
  try {
    return normaliseCrs(value);
  } catch {
    return value.trim();
  }
}

function operation(root: Element, name: string): Element | undefined {
  return kids(kid(root, "OperationsMetadata"), "Operation").find((o) =>
    attr(o, "name") === name
  );
}

function kvpUrl(op: Element | undefined): string | undefined {
  const get = path(op, "DCP", "HTTP", "Get");
  const url = attr(get, "href");
  if (!url) return undefined;
  const encodings: string[] = [];
  for (const c of kids(get, "Constraint")) {
    if (attr(c, "name") !== "GetEncoding") continue;
    for (const v of kids(kid(c, "AllowedValues"), "Value")) {
      const t = text(v);
      if (t) encodings.push(t);
    }
  }
  if (encodings.length > 0 && !encodings.includes("KVP")) return undefined;
  return url.trim();
}

function corner(el: Element | undefined): [number, number] | undefined {
  const parts = (text(el) ?? "").split(/\s+/).map(Number);
  return parts.length === 2 && parts.every(Number.isFinite)
    ? [parts[0], parts[1]]
    : undefined;
}

/** Options of {@link parseWmtsCapabilities}. */
export interface WmtsParseOptions {
  /** `IgnoreAxisOrientation`. */
  ignoreAxisOrientation?: boolean;
  /** `InvertAxisOrientation`. */
  invertAxisOrientation?: boolean;
}

/**
 * Reads a WMTS capabilities document.
 *
 * @throws {SyntaxError} when it is not XML or not WMTS capabilities.
 * @example
 * ```ts ignore
 * const caps = parseWmtsCapabilities(xml);
 * caps.sets.get("GoogleMapsCompatible")?.matrices.length;
 * ```
 */
export function parseWmtsCapabilities(
  xml: string,
  options: WmtsParseOptions = {},
): WmtsCapabilities {
  const root = parseXml(xml, "WMTS capabilities");
  if (localName(root) !== "Capabilities") {
    throw new SyntaxError(
      `Cannot read WMTS capabilities: the root element is <${localName(root)}>`,
    );
  }
  const contents = kid(root, "Contents");
  const sets = new Map<string, TileMatrixSet>();
  for (const s of kids(contents, "TileMatrixSet")) {
    const identifier = text(kid(s, "Identifier")) ?? "";
    const crs = crsName(text(kid(s, "SupportedCRS")) ?? "");
    let invert = !options.ignoreAxisOrientation && hasInvertedAxes(crs);
    if (options.invertAxisOrientation) invert = !invert;
    const metersPerUnit = isGeographic(crs) ? METERS_PER_DEGREE : 1;
    // QGIS keys matrices by resolution: equal resolutions keep the last
    const byRes = new Map<number, TileMatrix>();
    for (const m of kids(s, "TileMatrix")) {
      const c = corner(kid(m, "TopLeftCorner"));
      const scale = Number(text(kid(m, "ScaleDenominator")));
      if (!c || !Number.isFinite(scale)) continue;
      const tres = scale * 0.00028 / metersPerUnit;
      byRes.set(tres, {
        identifier: text(kid(m, "Identifier")) ?? "",
        topLeft: invert ? { x: c[1], y: c[0] } : { x: c[0], y: c[1] },
        tileWidth: Number(text(kid(m, "TileWidth"))),
        tileHeight: Number(text(kid(m, "TileHeight"))),
        matrixWidth: Number(text(kid(m, "MatrixWidth"))),
        matrixHeight: Number(text(kid(m, "MatrixHeight"))),
        tres,
      });
    }
    sets.set(identifier, {
      identifier,
      crs,
      matrices: [...byRes.values()].sort((a, b) => a.tres - b.tres),
    });
  }
  const layers = new Map<string, WmtsLayer>();
  for (const l of kids(contents, "Layer")) {
    const identifier = text(kid(l, "Identifier")) ?? "";
    const layer: WmtsLayer = {
      identifier,
      title: text(kid(l, "Title")) ?? identifier,
      styles: kids(l, "Style").map((s) => {
        const legend = kid(s, "LegendURL");
        const style: WmtsLayer["styles"][number] = {
          identifier: text(kid(s, "Identifier")) ?? "",
          isDefault: attr(s, "isDefault") === "true",
        };
        const href = attr(legend, "href");
        if (href) style.legendUrl = href.trim();
        const format = attr(legend, "format");
        if (format) style.legendFormat = format;
        return style;
      }),
      formats: kids(l, "Format").map((f) => text(f) ?? ""),
      infoFormats: kids(l, "InfoFormat").map((f) => text(f) ?? ""),
      dimensions: {},
      setLinks: new Map(),
      tileTemplates: new Map(),
      featureInfoTemplates: new Map(),
      boundingBoxes: [],
    };
    for (const d of kids(l, "Dimension")) {
      const id = text(kid(d, "Identifier"));
      if (id) layer.dimensions[id] = text(kid(d, "Default")) ?? "";
    }
    for (const link of kids(l, "TileMatrixSetLink")) {
      const set = text(kid(link, "TileMatrixSet"));
      if (!set) continue;
      const limits = new Map<string, TileMatrixLimits>();
      for (
        const lim of kids(kid(link, "TileMatrixSetLimits"), "TileMatrixLimits")
      ) {
        const n = (name: string) => Number(text(kid(lim, name)));
        const m = text(kid(lim, "TileMatrix"));
        if (!m) continue;
        limits.set(m, {
          minTileRow: n("MinTileRow"),
          maxTileRow: n("MaxTileRow"),
          minTileCol: n("MinTileCol"),
          maxTileCol: n("MaxTileCol"),
        });
      }
      layer.setLinks.set(set, limits);
    }
    for (const r of kids(l, "ResourceURL")) {
      const format = attr(r, "format") ?? "";
      const template = attr(r, "template") ?? "";
      const type = (attr(r, "resourceType") ?? "").toLowerCase();
      if (type === "tile") layer.tileTemplates.set(format, template);
      else if (type === "featureinfo") {
        layer.featureInfoTemplates.set(format, template);
      }
    }
    const wgs = kid(l, "WGS84BoundingBox");
    const lower = corner(kid(wgs, "LowerCorner"));
    const upper = corner(kid(wgs, "UpperCorner"));
    if (lower && upper) {
      layer.boundingBoxes.push({
        crs: "OGC:CRS84",
        box: { xmin: lower[0], ymin: lower[1], xmax: upper[0], ymax: upper[1] },
      });
    }
    for (const b of kids(l, "BoundingBox")) {
      const crs = crsName(attr(b, "crs") ?? "");
      const lo = corner(kid(b, "LowerCorner"));
      const up = corner(kid(b, "UpperCorner"));
      if (!lo || !up || !crs) continue;
      const invert = !options.ignoreAxisOrientation && hasInvertedAxes(crs);
      layer.boundingBoxes.push({
        crs,
        box: invert
          ? { xmin: lo[1], ymin: lo[0], xmax: up[1], ymax: up[0] }
          : { xmin: lo[0], ymin: lo[1], xmax: up[0], ymax: up[1] },
      });
    }
    layers.set(identifier, layer);
  }
  return {
    version: attr(root, "version") ?? "1.0.0",
    getTileUrl: kvpUrl(operation(root, "GetTile")),
    getFeatureInfoUrl: kvpUrl(operation(root, "GetFeatureInfo")),
    layers,
    sets,
  };
}

/** A tiling resolved for a WMTS source. */
export interface WmtsTiling {
  /** The layer. */
  layer: WmtsLayer;
  /** Its tile matrix set. */
  set: TileMatrixSet;
  /** Limits per matrix identifier. */
  limits: Map<string, TileMatrixLimits>;
}

/**
 * The layer and tile matrix set a WMTS source names (WMS-C: a layer's only
 * set in the source's CRS), as `setImageCrs` finds them.
 *
 * @throws {RangeError} naming what is missing.
 */
export function resolveWmtsTiling(
  source: WmtsSource,
  caps: WmtsCapabilities,
): WmtsTiling {
  const id = source.layers[0];
  const layer = caps.layers.get(id);
  if (!layer) {
    throw new RangeError(`the WMTS has no layer '${id}'`);
  }
  let setId = source.tileMatrixSet;
  if (setId === "" && layer.setLinks.size === 1) {
    const only = [...layer.setLinks.keys()][0];
    if (caps.sets.get(only)?.crs === crsName(source.crs)) setId = only;
  }
  const set = caps.sets.get(setId);
  if (!set || set.matrices.length === 0) {
    throw new RangeError(
      `the WMTS has no tile matrix set '${setId}' for layer '${id}'`,
    );
  }
  return { layer, set, limits: layer.setLinks.get(setId) ?? new Map() };
}

function replaceAllCi(s: string, key: string, value: string): string {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return s.replace(new RegExp(escaped, "gi"), () => value);
}

/**
 * The URL of one WMTS tile: KVP GetTile when the capabilities offer it,
 * else the layer's RESTful template for the source's format.
 *
 * @throws {RangeError} when the layer has no template for the format.
 * @example
 * ```ts ignore
 * const url = wmtsTileUrl(source, caps, tiling, matrix, col, row);
 * ```
 */
export function wmtsTileUrl(
  source: WmtsSource,
  caps: WmtsCapabilities,
  tiling: WmtsTiling,
  matrix: TileMatrix,
  col: number,
  row: number,
): string {
  const style = source.styles[0] ?? "";
  if (caps.getTileUrl !== undefined) {
    const base = prepareUrl(
      source.ignoreGetMapUrl ? source.url : caps.getTileUrl,
    );
    const params: [string, string][] = [
      ["SERVICE", "WMTS"],
      ["REQUEST", "GetTile"],
      ["VERSION", caps.version],
      ["LAYER", source.layers[0]],
      ["STYLE", style],
      ["FORMAT", source.format],
      ["TILEMATRIXSET", tiling.set.identifier],
      ["TILEMATRIX", matrix.identifier],
      ...Object.entries(source.tileDimensions),
    ];
    // the base URL's own parameters stay unless set here
    const q = base.indexOf("?");
    const own = q < 0
      ? []
      : base.slice(q + 1).split("&").filter((p) =>
        p !== "" &&
        !params.some(([k]) =>
          k.toUpperCase() === p.split("=")[0].toUpperCase()
        ) &&
        !/^TILE(ROW|COL)=/i.test(p)
      );
    const head = q < 0 ? base : base.slice(0, q);
    const query = [
      ...own,
      ...params.map(([k, v]) => `${k}=${encodeQueryValue(v)}`),
    ].join("&");
    return `${head}?${query}&TILEROW=${row}&TILECOL=${col}`;
  }
  const template = tiling.layer.tileTemplates.get(source.format);
  if (!template) {
    throw new RangeError(
      `the WMTS layer '${
        source.layers[0]
      }' has no tile URL for format '${source.format}'`,
    );
  }
  let url = replaceAllCi(template, "{layer}", source.layers[0]);
  url = replaceAllCi(url, "{style}", style);
  url = replaceAllCi(url, "{tilematrixset}", tiling.set.identifier);
  url = replaceAllCi(url, "{tilematrix}", matrix.identifier);
  for (const [k, v] of Object.entries(source.tileDimensions)) {
    url = replaceAllCi(url, `{${k}}`, v);
  }
  url = replaceAllCi(url, "{tilerow}", String(row));
  return replaceAllCi(url, "{tilecol}", String(col));
}

function isFeatureFormat(f: string): boolean {
  return f.startsWith("GML.") || f === "application/vnd.ogc.gml" ||
    /gml/i.test(f) || f === "application/json" ||
    f === "application/geojson";
}

/**
 * The feature info format QGIS 3.22's WMS provider asks a WMTS for: of the
 * formats its layers advertise (`InfoFormat`, then the `FeatureInfo`
 * resource URLs' formats, layer after layer), those it reads features
 * from, the last one (each replaces the one before in its map of
 * formats). Null when there is none.
 *
 * @example
 * ```ts ignore
 * wmtsInfoFormat(caps); // "application/json"
 * ```
 */
export function wmtsInfoFormat(caps: WmtsCapabilities): string | null {
  let out: string | null = null;
  for (const layer of caps.layers.values()) {
    for (const f of layer.infoFormats) if (isFeatureFormat(f)) out = f;
    for (const f of layer.featureInfoTemplates.keys()) {
      if (isFeatureFormat(f)) out = f;
    }
  }
  return out;
}

/** Where a WMTS is asked about a point: its tile and the pixel in it. */
export interface WmtsInfoPixel {
  /** The tile matrix (the one the map's resolution picks). */
  matrix: TileMatrix;
  /** Tile column. */
  col: number;
  /** Tile row. */
  row: number;
  /** Pixel column in the tile. */
  i: number;
  /** Pixel row in the tile. */
  j: number;
}

/**
 * The tile and pixel QGIS 3.22's WMS provider asks a WMTS about
 * (`QgsWmsProvider::identify`): the tile matrix nearest the map's
 * resolution (`extent`'s width over `width`, in the layer's CRS), the
 * tile the point is in (floored), the pixel in it (truncated).
 *
 * @example
 * ```ts
 * import { wmtsInfoPixel } from "./wmts.ts";
 * const m = { identifier: "0", topLeft: { x: 0, y: 512 }, tileWidth: 256,
 *   tileHeight: 256, matrixWidth: 2, matrixHeight: 2, tres: 1 };
 * const set = { identifier: "s", crs: "EPSG:3857", matrices: [m] };
 * const p = wmtsInfoPixel(set, [300.5, 100.2], { xmin: 0, ymin: 0, xmax: 512, ymax: 512 }, 512);
 * [p.col, p.row, p.i, p.j]; // [1, 1, 44, 155]
 * ```
 */
export function wmtsInfoPixel(
  set: TileMatrixSet,
  point: [number, number],
  extent: Rect,
  width: number,
): WmtsInfoPixel {
  const vres = (extent.xmax - extent.xmin) / width;
  let k = 0;
  const ms = set.matrices;
  while (k < ms.length && ms[k].tres < vres) k++;
  if (k === ms.length || (k > 0 && vres - ms[k - 1].tres < ms[k].tres - vres)) {
    k--;
  }
  const matrix = ms[k];
  const tres = matrix.tres;
  const twMap = matrix.tileWidth * tres, thMap = matrix.tileHeight * tres;
  const col = Math.floor((point[0] - matrix.topLeft.x) / twMap);
  const row = Math.floor((matrix.topLeft.y - point[1]) / thMap);
  const tx = matrix.topLeft.x + col * twMap;
  const ty = matrix.topLeft.y - row * thMap;
  return {
    matrix,
    col,
    row,
    i: Math.trunc((point[0] - tx) / tres),
    j: Math.trunc((ty - point[1]) / tres),
  };
}

/**
 * The feature info URL of a WMTS layer at a tile pixel, as QGIS 3.22's WMS
 * provider writes it: the layer's RESTful `FeatureInfo` template for the
 * format when it has one (with `IgnoreGetFeatureInfoUrl`, its part from
 * `rest` on put after the source's URL), else a KVP GetFeatureInfo
 * (`SERVICE=WMTS`, `INFOFORMAT`, `TILEMATRIXSET`, `TILEMATRIX`, the
 * dimensions, `TILEROW`, `TILECOL`, `I`, `J`) when the capabilities offer
 * it; null otherwise.
 *
 * @example
 * ```ts ignore
 * const url = wmtsFeatureInfoUrl(source, caps, tiling, "application/json", pixel);
 * ```
 */
export function wmtsFeatureInfoUrl(
  source: WmtsSource,
  caps: WmtsCapabilities,
  tiling: WmtsTiling,
  format: string,
  pixel: WmtsInfoPixel,
): string | null {
  const style = source.styles[0] ?? "";
  const template = tiling.layer.featureInfoTemplates.get(format);
  if (template !== undefined) {
    let url = template;
    if (source.ignoreGetFeatureInfoUrl) {
      const base = source.url.split("?")[0];
      const index = url.length - url.lastIndexOf("rest") + 1;
      url = base + url.slice(url.length - Math.min(index, url.length));
    }
    url = replaceAllCi(url, "{layer}", source.layers[0]);
    url = replaceAllCi(url, "{style}", style);
    url = replaceAllCi(url, "{tilematrixset}", tiling.set.identifier);
    url = replaceAllCi(url, "{tilematrix}", pixel.matrix.identifier);
    url = replaceAllCi(url, "{tilerow}", String(pixel.row));
    url = replaceAllCi(url, "{tilecol}", String(pixel.col));
    url = replaceAllCi(url, "{i}", String(pixel.i));
    url = replaceAllCi(url, "{j}", String(pixel.j));
    for (const [k, v] of Object.entries(source.tileDimensions)) {
      url = replaceAllCi(url, `{${k}}`, v);
    }
    return url;
  }
  if (caps.getFeatureInfoUrl === undefined) return null;
  const q = new Query(
    source.ignoreGetFeatureInfoUrl ? source.url : caps.getFeatureInfoUrl,
  );
  q.set("SERVICE", "WMTS");
  q.set("REQUEST", "GetFeatureInfo");
  q.set("VERSION", caps.version);
  q.set("LAYER", source.layers[0]);
  q.set("STYLE", style);
  q.set("INFOFORMAT", format);
  q.set("TILEMATRIXSET", tiling.set.identifier);
  q.set("TILEMATRIX", pixel.matrix.identifier);
  for (const [k, v] of Object.entries(source.tileDimensions)) q.set(k, v);
  q.set("TILEROW", String(pixel.row));
  q.set("TILECOL", String(pixel.col));
  q.set("I", String(pixel.i));
  q.set("J", String(pixel.j));
  return q.toString();
}
