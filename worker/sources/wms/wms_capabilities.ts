/**
 * WMS 1.1.1 and 1.3.0 capabilities, read as QGIS's `QgsWmsCapabilities`
 * reads them: the version, the GetMap/GetFeatureInfo/GetLegendGraphic
 * URLs, the service's size limits, and per named layer its CRSs, bounding
 * boxes (a 1.3 box in an inverted-axis CRS is swapped to x/y), geographic
 * box, query flag and styles with their legend URLs. CRSs, boxes and the
 * geographic box are inherited from parent layers. Pure.
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import type { Rect } from "../../geometry/types.ts";
import { hasInvertedAxes, normaliseCrs } from "../../map/compute.ts";
import { attr, kid, kids, localName, parseXml, path, text } from "./_xml.ts";

/** A style of a WMS layer. */
export interface WmsStyle {
  /** Name. */
  name: string;
  /** Title. */
  title: string;
  /** The style's legend image URL, if the server gives one. */
  legendUrl?: string;
  /** Its format. */
  legendFormat?: string;
}

/** A named WMS layer. */
export interface WmsLayer {
  /** Name (what `LAYERS` takes). */
  name: string;
  /** Title. */
  title: string;
  /** Whether GetFeatureInfo answers for it. */
  queryable: boolean;
  /** CRSs offered (normalised, `EPSG:3857`, `OGC:CRS84`). */
  crs: string[];
  /** Bounding boxes per CRS, x/y order. */
  boundingBoxes: { crs: string; box: Rect }[];
  /** Longitude/latitude box. */
  geographic?: Rect;
  /** Styles. */
  styles: WmsStyle[];
}

/** What a WMS's capabilities say. */
export interface WmsCapabilities {
  /** `1.3.0` or `1.1.1` (as the document says). */
  version: string;
  /** GetMap's GET URL, if given. */
  getMapUrl?: string;
  /** GetFeatureInfo's GET URL, if given. */
  getFeatureInfoUrl?: string;
  /** GetFeatureInfo formats. */
  featureInfoFormats: string[];
  /** GetLegendGraphic's GET URL, if given. */
  getLegendGraphicUrl?: string;
  /** Largest GetMap width (0: none). */
  maxWidth: number;
  /** Largest GetMap height (0: none). */
  maxHeight: number;
  /** Named layers by name. */
  layers: Map<string, WmsLayer>;
}

function href(el: Element | undefined): string | undefined {
  const url = attr(
    path(el, "DCPType", "HTTP", "Get", "OnlineResource"),
    "href",
  );
  return url?.trim() || undefined;
}

function crsName(value: string): string {
  try {
    return normaliseCrs(value);
  } catch {
    return value.trim().toUpperCase();
  }
}

function num(v: string | undefined): number {
  return v === undefined ? NaN : Number(v);
}

function box(el: Element): Rect | undefined {
  const r = {
    xmin: num(attr(el, "minx")),
    ymin: num(attr(el, "miny")),
    xmax: num(attr(el, "maxx")),
    ymax: num(attr(el, "maxy")),
  };
  return Object.values(r).every(Number.isFinite) ? r : undefined;
}

/** Options of {@link parseWmsCapabilities}. */
export interface WmsParseOptions {
  /** `IgnoreAxisOrientation`: never swap 1.3 boxes. */
  ignoreAxisOrientation?: boolean;
  /** `InvertAxisOrientation`: swap the other way round. */
  invertAxisOrientation?: boolean;
}

/**
 * Whether a WMS of `version` takes `crs` y first (`shouldInvertAxisOrientation`).
 *
 * @example
 * ```ts
 * import { invertsAxes } from "./wms_capabilities.ts";
 * invertsAxes("1.3.0", "EPSG:4326"); // true
 * invertsAxes("1.1.1", "EPSG:4326"); // false
 * invertsAxes("1.3.0", "EPSG:3857"); // false
 * ```
 */
export function invertsAxes(
  version: string,
  crs: string,
  options: WmsParseOptions = {},
): boolean {
  let swap = false;
  if (
    !options.ignoreAxisOrientation && (version === "1.3.0" || version === "1.3")
  ) {
    swap = hasInvertedAxes(crsName(crs));
  }
  return options.invertAxisOrientation ? !swap : swap;
}

/**
 * Reads a WMS capabilities document.
 *
 * @throws {SyntaxError} when it is not XML or not WMS capabilities (a
 * service exception's text is quoted).
 * @example
 * ```ts
 * import { parseWmsCapabilities } from "./wms_capabilities.ts";
 * const caps = parseWmsCapabilities(`<WMS_Capabilities version="1.3.0">
 *   <Capability><Layer><CRS>EPSG:3857</CRS><Layer><Name>a</Name></Layer></Layer></Capability>
 * </WMS_Capabilities>`);
 * caps.layers.get("a")?.crs; // ["EPSG:3857"]
 * ```
 */
export function parseWmsCapabilities(
  xml: string,
  options: WmsParseOptions = {},
): WmsCapabilities {
  const root = parseXml(xml, "WMS capabilities");
  const rootName = localName(root);
  if (rootName === "ServiceExceptionReport" || rootName === "ExceptionReport") {
    throw new SyntaxError(
      `Cannot read WMS capabilities: the server answered an exception: ${
        text(root)?.slice(0, 200) ?? ""
      }`,
    );
  }
  if (rootName !== "WMS_Capabilities" && rootName !== "WMT_MS_Capabilities") {
    throw new SyntaxError(
      `Cannot read WMS capabilities: the root element is <${rootName}>`,
    );
  }
  const version = attr(root, "version") ?? "1.3.0";
  const service = kid(root, "Service");
  const capability = kid(root, "Capability");
  const request = kid(capability, "Request");
  const getFeatureInfo = kid(request, "GetFeatureInfo");
  const legend = kid(request, "GetLegendGraphic");
  const out: WmsCapabilities = {
    version,
    getMapUrl: href(kid(request, "GetMap")),
    getFeatureInfoUrl: href(getFeatureInfo),
    featureInfoFormats: kids(getFeatureInfo, "Format").map((f) => text(f))
      .filter((f): f is string => f !== undefined),
    getLegendGraphicUrl: href(legend),
    maxWidth: Number(text(kid(service, "MaxWidth")) ?? 0) || 0,
    maxHeight: Number(text(kid(service, "MaxHeight")) ?? 0) || 0,
    layers: new Map(),
  };
  const walk = (
    el: Element,
    parent: Pick<WmsLayer, "crs" | "boundingBoxes" | "geographic" | "styles">,
  ) => {
    const crs = [...parent.crs];
    for (const c of [...kids(el, "CRS"), ...kids(el, "SRS")]) {
      // 1.1.1 allows several codes in one element, space-separated
      for (const code of (text(c) ?? "").split(/\s+/)) {
        if (code && !crs.includes(crsName(code))) crs.push(crsName(code));
      }
    }
    const boxes: WmsLayer["boundingBoxes"] = [];
    for (const b of kids(el, "BoundingBox")) {
      const r = box(b);
      const c = attr(b, "CRS") ?? attr(b, "SRS");
      if (!r || !c) continue;
      const swapped = invertsAxes(version, c, options)
        ? { xmin: r.ymin, ymin: r.xmin, xmax: r.ymax, ymax: r.xmax }
        : r;
      boxes.push({ crs: crsName(c), box: swapped });
    }
    let geographic = parent.geographic;
    const ex = kid(el, "EX_GeographicBoundingBox");
    const ll = kid(el, "LatLonBoundingBox");
    if (ex) {
      const g = {
        xmin: num(text(kid(ex, "westBoundLongitude"))),
        ymin: num(text(kid(ex, "southBoundLatitude"))),
        xmax: num(text(kid(ex, "eastBoundLongitude"))),
        ymax: num(text(kid(ex, "northBoundLatitude"))),
      };
      if (Object.values(g).every(Number.isFinite)) geographic = g;
    } else if (ll) {
      geographic = box(ll) ?? geographic;
    }
    const styles: WmsStyle[] = [...parent.styles];
    for (const s of kids(el, "Style")) {
      const name = text(kid(s, "Name")) ?? "";
      const legendUrl = kid(s, "LegendURL");
      const style: WmsStyle = {
        name,
        title: text(kid(s, "Title")) ?? name,
      };
      const url = attr(kid(legendUrl, "OnlineResource"), "href");
      if (url) {
        style.legendUrl = url.trim();
        const format = text(kid(legendUrl, "Format"));
        if (format) style.legendFormat = format;
      }
      const at = styles.findIndex((x) => x.name === name);
      if (at >= 0) styles[at] = style;
      else styles.push(style);
    }
    const inherited = {
      crs,
      boundingBoxes: boxes.length > 0 ? boxes : parent.boundingBoxes,
      geographic,
      styles,
    };
    const name = text(kid(el, "Name"));
    if (name !== undefined) {
      out.layers.set(name, {
        name,
        title: text(kid(el, "Title")) ?? name,
        queryable: attr(el, "queryable") === "1",
        ...inherited,
      });
    }
    for (const sub of kids(el, "Layer")) walk(sub, inherited);
  };
  for (const top of kids(capability, "Layer")) {
    walk(top, {
      crs: [],
      boundingBoxes: [],
      geographic: undefined,
      styles: [],
    });
  }
  return out;
}

/**
 * Adds `?` or `&` to a service URL so that parameters can follow, as
 * `QgsWmsProvider::prepareUri` does (WMTS capabilities URLs stay as they
 * are); percent-encoded URLs are decoded first.
 *
 * @example
 * ```ts
 * import { prepareUrl } from "./wms_capabilities.ts";
 * prepareUrl("https://h/wms"); // "https://h/wms?"
 * prepareUrl("https://h/wms?map=x"); // "https://h/wms?map=x&"
 * prepareUrl("https://h/1.0.0/WMTSCapabilities.xml"); // "https://h/1.0.0/WMTSCapabilities.xml"
 * ```
 */
export function prepareUrl(url: string): string {
  let u = url;
  try {
    u = decodeURIComponent(url);
  } catch { /* keep as given */ }
  if (isWmtsUrl(u)) return u;
  if (!u.includes("?")) return `${u}?`;
  if (!u.endsWith("?") && !u.endsWith("&")) return `${u}&`;
  return u;
}

/**
 * Whether a URL is a WMTS capabilities URL (`SERVICE=WMTS` or
 * `/WMTSCapabilities.xml`, any case).
 *
 * @example
 * ```ts
 * import { isWmtsUrl } from "./wms_capabilities.ts";
 * isWmtsUrl("https://h/wmts?service=WMTS&request=GetCapabilities"); // true
 * ```
 */
export function isWmtsUrl(url: string): boolean {
  return /SERVICE=WMTS/i.test(url) || /\/WMTSCapabilities\.xml/i.test(url);
}

/**
 * The capabilities URL QGIS requests for a source URL.
 *
 * @example
 * ```ts
 * import { capabilitiesUrl } from "./wms_capabilities.ts";
 * capabilitiesUrl("https://h/wms"); // "https://h/wms?SERVICE=WMS&REQUEST=GetCapabilities"
 * ```
 */
export function capabilitiesUrl(url: string): string {
  const base = prepareUrl(url);
  return isWmtsUrl(base) ? base : `${base}SERVICE=WMS&REQUEST=GetCapabilities`;
}
