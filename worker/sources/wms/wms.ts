/**
 * WMS requests as QGIS's WMS provider writes them (`createRequestUrlWMS`,
 * `createTileRequestsWMSC`): GetMap for an extent and size, in the source's
 * CRS (WMS 1.3 takes inverted-axis CRSs y first), its styles and format,
 * `TRANSPARENT=TRUE` unless JPEG, and the output dpi in the parameters the
 * source's `dpiMode` names; numbers printed as `qgsDoubleToString` prints
 * them. Pure.
 *
 * @module
 */
import type { Rect } from "../../geometry/types.ts";
import { DpiMode, type WmsSource, type WmtsSource } from "./source.ts";
import {
  invertsAxes,
  prepareUrl,
  type WmsCapabilities,
} from "./wms_capabilities.ts";

/**
 * A number as `qgsDoubleToString` writes it: 17 decimals, trailing zeros
 * and point removed, never `-0`.
 *
 * @example
 * ```ts
 * import { qgsDoubleToString } from "./wms.ts";
 * qgsDoubleToString(7.5); // "7.5"
 * qgsDoubleToString(0.1); // "0.10000000000000001"
 * qgsDoubleToString(-0); // "0"
 * ```
 */
export function qgsDoubleToString(value: number): string {
  let s = value.toFixed(17);
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return s === "-0" ? "0" : s;
}

/**
 * A query value encoded as QGIS's URLs carry it: `:`, `/`, `,` and a few
 * more stay readable, everything else is percent-encoded.
 *
 * @example
 * ```ts
 * import { encodeQueryValue } from "./wms.ts";
 * encodeQueryValue("image/png; mode=8bit"); // "image/png%3B%20mode%3D8bit"
 * ```
 */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(
    /%(3A|2F|2C|40|21|24|27|28|29|2A)/gi,
    (m) => decodeURIComponent(m),
  );
}

/**
 * A query built as QGIS's `setQueryItem` does: an item set again moves
 * last (names compared in any case); values percent-encoded as QGIS's
 * `QUrlQuery` leaves them.
 *
 * @example
 * ```ts
 * import { Query } from "./wms.ts";
 * const q = new Query("https://example.com/wms?map=a&service=x");
 * q.set("SERVICE", "WMS");
 * q.toString(); // "https://example.com/wms?map=a&SERVICE=WMS"
 * ```
 */
export class Query {
  readonly #base: string;
  readonly #items: [string, string][];
  /** A query over `url`'s own items. */
  constructor(url: string) {
    const q = url.indexOf("?");
    this.#base = q < 0 ? url : url.slice(0, q);
    this.#items = [];
    if (q >= 0) {
      for (const part of url.slice(q + 1).split("&")) {
        if (part === "") continue;
        const eq = part.indexOf("=");
        this.#items.push(
          eq < 0 ? [part, ""] : [part.slice(0, eq), part.slice(eq + 1)],
        );
      }
    }
  }
  /** Sets `key` (last), its value encoded unless `raw`. */
  set(key: string, value: string, raw = false): void {
    const k = key.toUpperCase();
    for (let i = this.#items.length - 1; i >= 0; i--) {
      if (this.#items[i][0].toUpperCase() === k) this.#items.splice(i, 1);
    }
    this.#items.push([key, raw ? value : encodeQueryValue(value)]);
  }
  /** Removes every item named `key`. */
  remove(key: string): void {
    const k = key.toUpperCase();
    for (let i = this.#items.length - 1; i >= 0; i--) {
      if (this.#items[i][0].toUpperCase() === k) this.#items.splice(i, 1);
    }
  }
  /** The URL with its query. */
  toString(): string {
    const q = this.#items.map(([k, v]) => `${k}=${v}`).join("&");
    return q === "" ? this.#base : `${this.#base}?${q}`;
  }
}

/** The parts of a WMS source a GetMap needs. */
export type GetMapSource = Pick<
  WmsSource | WmtsSource,
  | "url"
  | "layers"
  | "styles"
  | "format"
  | "crs"
  | "dpiMode"
  | "ignoreGetMapUrl"
  | "ignoreAxisOrientation"
  | "invertAxisOrientation"
>;

/** The GetMap base URL: the capabilities' unless `IgnoreGetMapUrl`. */
export function getMapBase(
  source: GetMapSource,
  caps: WmsCapabilities,
): string {
  return prepareUrl(
    source.ignoreGetMapUrl || !caps.getMapUrl ? source.url : caps.getMapUrl,
  );
}

function bboxValue(extent: Rect, swap: boolean): string {
  const v = [extent.xmin, extent.ymin, extent.xmax, extent.ymax].map(
    qgsDoubleToString,
  );
  return swap ? `${v[1]},${v[0]},${v[3]},${v[2]}` : v.join(",");
}

function transparent(format: string): boolean {
  return format === "image/x-jpegorpng" ||
    (!/jpeg/i.test(format) && !/jpg/i.test(format));
}

function setFormat(q: Query, format: string): void {
  if (format.includes("+")) {
    q.set("FORMAT", encodeQueryValue(format).replaceAll("%2B", "%2b"), true);
  } else q.set("FORMAT", format);
}

function setDpi(q: Query, dpiMode: number, dpi: number | null): void {
  if (dpi === null) return;
  if (dpiMode & DpiMode.qgis) q.set("DPI", String(dpi));
  if (dpiMode & DpiMode.umn) q.set("MAP_RESOLUTION", String(dpi));
  if (dpiMode & DpiMode.geoServer) q.set("FORMAT_OPTIONS", `dpi:${dpi}`);
}

/**
 * The GetMap URL of an extent (in the source's CRS, x/y order) at a size.
 * `dpi` null: no DPI parameters.
 *
 * @example
 * ```ts
 * import { getMapUrl } from "./wms.ts";
 * getMapUrl({
 *   url: "http://h/wms", layers: ["a"], styles: [""], format: "image/png",
 *   crs: "EPSG:4326", dpiMode: 1, ignoreGetMapUrl: false,
 *   ignoreAxisOrientation: false, invertAxisOrientation: false,
 * }, { version: "1.3.0", featureInfoFormats: [], maxWidth: 0, maxHeight: 0, layers: new Map() },
 * { xmin: 7.5, ymin: 46.5, xmax: 8.5, ymax: 47 }, 400, 200, 96);
 * // "http://h/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&BBOX=46.5,7.5,47,8.5&CRS=EPSG:4326&WIDTH=400&HEIGHT=200&LAYERS=a&STYLES=&FORMAT=image/png&DPI=96&TRANSPARENT=TRUE"
 * ```
 */
export function getMapUrl(
  source: GetMapSource,
  caps: WmsCapabilities,
  extent: Rect,
  width: number,
  height: number,
  dpi: number | null,
): string {
  const q = new Query(getMapBase(source, caps));
  const v13 = caps.version === "1.3.0" || caps.version === "1.3";
  q.set("SERVICE", "WMS");
  q.set("VERSION", caps.version);
  q.set("REQUEST", "GetMap");
  q.set(
    "BBOX",
    bboxValue(extent, invertsAxes(caps.version, source.crs, source)),
  );
  q.set(v13 ? "CRS" : "SRS", source.crs);
  q.set("WIDTH", String(width));
  q.set("HEIGHT", String(height));
  q.set("LAYERS", source.layers.map(encodeQueryValue).join(","), true);
  q.set("STYLES", source.styles.map(encodeQueryValue).join(","), true);
  setFormat(q, source.format);
  setDpi(q, source.dpiMode, dpi);
  if (transparent(source.format)) q.set("TRANSPARENT", "TRUE");
  return q.toString();
}

/**
 * The GetMap URLs of tiles, for a WMS asked for in pieces (a GetMap larger
 * than the service's or the source's `maxWidth`/`maxHeight`): QGIS's WMS-C
 * requests, each with its tile's `BBOX` last.
 *
 * @example
 * ```ts ignore
 * const urls = tiledGetMapUrls(source, caps, 256, 256, 96, [tileExtent]);
 * ```
 */
export function tiledGetMapUrls(
  source: GetMapSource,
  caps: WmsCapabilities,
  tileWidth: number,
  tileHeight: number,
  dpi: number | null,
  extents: Rect[],
): string[] {
  const q = new Query(getMapBase(source, caps));
  const v13 = caps.version === "1.3.0" || caps.version === "1.3";
  q.set("SERVICE", "WMS");
  q.set("VERSION", caps.version);
  q.set("REQUEST", "GetMap");
  q.set("LAYERS", source.layers.map(encodeQueryValue).join(","), true);
  q.set("STYLES", source.styles.map(encodeQueryValue).join(","), true);
  q.set("WIDTH", String(tileWidth));
  q.set("HEIGHT", String(tileHeight));
  setFormat(q, source.format);
  q.set(v13 ? "CRS" : "SRS", source.crs);
  setDpi(q, source.dpiMode, dpi);
  if (transparent(source.format)) q.set("TRANSPARENT", "TRUE");
  const base = q.toString();
  const swap = invertsAxes(caps.version, source.crs, source);
  return extents.map((e) => `${base}&BBOX=${bboxValue(e, swap)}`);
}

/** Parameters of {@link getFeatureInfoUrl}. */
export interface FeatureInfoRequest {
  /** Extent of the map the point is on (source CRS, x/y). */
  extent: Rect;
  /** Map width in pixels. */
  width: number;
  /** Map height in pixels. */
  height: number;
  /** Column of the point. */
  i: number;
  /** Row of the point. */
  j: number;
  /** `INFO_FORMAT`. */
  infoFormat: string;
  /** `FEATURE_COUNT` (0: not sent). */
  featureCount: number;
  /** Layers asked about (queryable ones). */
  queryLayers: string[];
}

/**
 * A GetFeatureInfo URL, as QGIS's identify on a WMS layer writes it.
 *
 * @example
 * ```ts ignore
 * const url = getFeatureInfoUrl(source, caps, { extent, width, height, i, j, infoFormat: "text/plain", featureCount: 1, queryLayers: ["a"] });
 * ```
 */
export function getFeatureInfoUrl(
  source: GetMapSource & { ignoreGetFeatureInfoUrl: boolean },
  caps: WmsCapabilities,
  r: FeatureInfoRequest,
): string {
  const base = prepareUrl(
    source.ignoreGetFeatureInfoUrl || !caps.getFeatureInfoUrl
      ? source.url
      : caps.getFeatureInfoUrl,
  );
  const q = new Query(base);
  const v13 = caps.version === "1.3.0" || caps.version === "1.3";
  q.set("SERVICE", "WMS");
  q.set("VERSION", caps.version);
  q.set("REQUEST", "GetFeatureInfo");
  q.set(
    "BBOX",
    bboxValue(r.extent, invertsAxes(caps.version, source.crs, source)),
  );
  q.set(v13 ? "CRS" : "SRS", source.crs);
  q.set("WIDTH", String(r.width));
  q.set("HEIGHT", String(r.height));
  q.set("LAYERS", source.layers.map(encodeQueryValue).join(","), true);
  q.set("STYLES", source.styles.map(encodeQueryValue).join(","), true);
  setFormat(q, source.format);
  q.set("QUERY_LAYERS", r.queryLayers.map(encodeQueryValue).join(","), true);
  q.set("INFO_FORMAT", r.infoFormat);
  q.set(v13 ? "I" : "X", String(r.i));
  q.set(v13 ? "J" : "Y", String(r.j));
  if (r.featureCount > 0) q.set("FEATURE_COUNT", String(r.featureCount));
  return q.toString();
}

/**
 * A GetLegendGraphic URL for one layer (the style's `LegendURL` when the
 * capabilities give one, else the request QGIS builds).
 *
 * @example
 * ```ts ignore
 * const url = getLegendGraphicUrl(source, caps, "a", "", 96, null);
 * ```
 */
export function getLegendGraphicUrl(
  source: GetMapSource,
  caps: WmsCapabilities,
  layer: string,
  style: string,
  dpi: number | null,
  scale: number | null,
): string {
  const styleInfo =
    caps.layers.get(layer)?.styles.find((s) => s.name === style) ??
      (style === "" ? caps.layers.get(layer)?.styles[0] : undefined);
  if (styleInfo?.legendUrl) return styleInfo.legendUrl;
  const q = new Query(
    prepareUrl(caps.getLegendGraphicUrl ?? getMapBase(source, caps)),
  );
  q.set("SERVICE", "WMS");
  q.set("VERSION", caps.version);
  q.set("SLD_VERSION", "1.1.0");
  q.set("REQUEST", "GetLegendGraphic");
  q.set("LAYER", layer);
  q.set("STYLE", style);
  q.set("FORMAT", "image/png");
  if (scale !== null) q.set("SCALE", qgsDoubleToString(scale));
  setDpi(q, source.dpiMode, dpi);
  return q.toString();
}
