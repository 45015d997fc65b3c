/**
 * A web layer's legend graphic and feature info, as QGIS's WMS provider
 * asks for them:
 *
 * - **Legend**: the `LegendURL` of the first layer's style in the
 *   capabilities (its named style, else its only style, else the style
 *   named `default`), else the service's GetLegendGraphic, with the
 *   parameters QGIS adds where the URL lacks them (`SERVICE`, `VERSION`,
 *   `SLD_VERSION`, `REQUEST`, `FORMAT`, `LAYER`, `STYLE`,
 *   `TRANSPARENT=true`, `SCALE`). XYZ layers have none.
 * - **Feature info**: a WMS GetFeatureInfo at the map's pixel in the
 *   layer's CRS, in the format QGIS identifies features with
 *   ({@link featureInfoFormat}); a WMTS one at the pixel of a tile (RESTful
 *   or KVP); its features read into our feature model (attributes; the
 *   geometry is left out).
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import type { AttributeValue, Feature } from "../../geometry/types.ts";
import { normaliseCrs } from "../../map/compute.ts";
import { withGdal } from "../../gdal/gdal.ts";
import { transformInPlace } from "../../gdal/transform.ts";
import { transformBoundingBox } from "./bbox.ts";
import { kids, localName, parseXml, text } from "./_xml.ts";
import {
  checkImageAnswer,
  fetchWmsCapabilities,
  fetchWmtsCapabilities,
} from "./services.ts";
import { type WebRenderContext, wmtsLayerExtent } from "./render.ts";
import type { WebSource, WmsSource, WmtsSource } from "./source.ts";
import { encodeQueryValue, getFeatureInfoUrl } from "./wms.ts";
import { prepareUrl, type WmsCapabilities } from "./wms_capabilities.ts";
import {
  resolveWmtsTiling,
  wmtsFeatureInfoUrl,
  wmtsInfoFormat,
  wmtsInfoPixel,
} from "./wmts.ts";

/** A legend image. */
export interface WebLegendImage {
  /** Image bytes. */
  data: Uint8Array;
  /** MIME type. */
  contentType: string;
}

function styleLegendUrl(
  caps: WmsCapabilities,
  source: WmsSource,
): string | undefined {
  const layer = caps.layers.get(source.layers[0]);
  if (!layer) return undefined;
  const wanted = source.styles[0] ?? "";
  const pick = (name: string) =>
    layer.styles.find((s) =>
      s.name === name && s.legendUrl &&
      (s.legendFormat ?? "image/").startsWith("image/")
    )?.legendUrl;
  if (wanted !== "" && wanted !== "default") return pick(wanted);
  if (layer.styles.length === 1) return pick(layer.styles[0].name);
  return pick("default");
}

/**
 * The legend URL QGIS requests for a WMS source (with its added
 * parameters), or undefined when the service gives none.
 *
 * @example
 * ```ts ignore
 * const url = wmsLegendUrl(source, caps, null);
 * ```
 */
export function wmsLegendUrl(
  source: WmsSource,
  caps: WmsCapabilities,
  scale: number | null,
): string | undefined {
  const base = styleLegendUrl(caps, source) ?? caps.getLegendGraphicUrl;
  if (!base) return undefined;
  let url = prepareUrl(base);
  const q = url.indexOf("?");
  const names = new Set(
    (q < 0 ? "" : url.slice(q + 1)).split("&").filter((p) => p !== "").map((
      p,
    ) => p.split("=")[0].toUpperCase()),
  );
  const add = (k: string, v: string) => {
    if (names.has(k)) return;
    url += `${url.endsWith("?") || url.endsWith("&") ? "" : "&"}${k}=${
      encodeQueryValue(v)
    }`;
    names.add(k);
  };
  add("SERVICE", "WMS");
  add("VERSION", caps.version);
  add("SLD_VERSION", "1.1.0");
  add("REQUEST", "GetLegendGraphic");
  add("FORMAT", source.format);
  add("LAYER", source.layers[0]);
  add("STYLE", source.styles[0] ?? "");
  add("TRANSPARENT", "true");
  if (scale !== null && scale > 0) add("SCALE", scale.toFixed(6));
  return url;
}

/**
 * Fetches a web layer's legend graphic; null when it has none or it cannot
 * be fetched (warned through `ctx`).
 *
 * @example
 * ```ts ignore
 * const image = await webLegendGraphic(source, "wms", null, ctx);
 * ```
 */
export async function webLegendGraphic(
  source: WebSource,
  layerName: string,
  scale: number | null,
  ctx: WebRenderContext,
): Promise<WebLegendImage | null> {
  let url: string | undefined;
  try {
    if (source.kind === "xyz") return null;
    if (source.kind === "wms") {
      const caps = await fetchWmsCapabilities(
        ctx.client,
        source.url,
        source.auth,
        {
          ignoreAxisOrientation: source.ignoreAxisOrientation,
          invertAxisOrientation: source.invertAxisOrientation,
        },
        ctx.signal,
      );
      url = wmsLegendUrl(source, caps, scale);
    } else {
      const caps = await fetchWmtsCapabilities(
        ctx.client,
        source.url,
        source.auth,
        {},
        ctx.signal,
      );
      const styles = caps.layers.get(source.layers[0])?.styles ?? [];
      const style = styles.find((s) => s.identifier === source.styles[0]);
      url = style?.legendUrl;
    }
    if (!url) return null;
    const answer = await ctx.client.get(url, {
      auth: source.auth,
      signal: ctx.signal,
    });
    checkImageAnswer(url, answer);
    return {
      data: answer.bytes,
      contentType: answer.contentType.split(";")[0].trim() || "image/png",
    };
  } catch (error) {
    ctx.warn(
      `web layer '${layerName}': its legend graphic could not be fetched: ${
        (error as Error).message
      }`,
    );
    return null;
  }
}

/** A feature info question about one point of a map. */
export interface WebInfoRequest {
  /** The queried point (the pixel's centre), in `crs`. */
  point: [number, number];
  /** The map's extent in `crs`. */
  extent: { xmin: number; ymin: number; xmax: number; ymax: number };
  /** Map CRS. */
  crs: string;
  /** Map width, pixels. */
  width: number;
  /** Map height, pixels. */
  height: number;
  /** Most features; 0: the source's own `featureCount`. */
  featureCount: number;
}

/**
 * The GetFeatureInfo a WMS layer is asked as QGIS Server asks its provider
 * (`featureInfoFromRasterLayer` → `QgsWmsProvider::identify`): in the
 * layer's CRS — the map's extent taken there as a bounding box and the
 * point transformed — at the map's size, the pixel the point falls in
 * (floored). Null when the point or extent cannot be transformed.
 *
 * @example
 * ```ts
 * import { identifyPixel } from "./info.ts";
 * const r = { point: [5.5, 2.5] as [number, number], extent: { xmin: 0, ymin: 0, xmax: 10, ymax: 10 },
 *   crs: "EPSG:3857", width: 10, height: 10, featureCount: 1 };
 * identifyPixel(r, "EPSG:3857", null); // { extent: r.extent, i: 5, j: 7 }
 * ```
 */
export function identifyPixel(
  r: WebInfoRequest,
  layerCrs: string,
  transform:
    | ((
      extent: WebInfoRequest["extent"],
      point: [number, number],
    ) => { extent: WebInfoRequest["extent"]; point: [number, number] } | null)
    | null,
): { extent: WebInfoRequest["extent"]; i: number; j: number } | null {
  let extent = r.extent, point = r.point;
  if (normaliseCrs(layerCrs) !== normaliseCrs(r.crs)) {
    const t = transform?.(r.extent, r.point);
    if (!t) return null;
    ({ extent, point } = t);
  }
  const xRes = (extent.xmax - extent.xmin) / r.width;
  const yRes = (extent.ymax - extent.ymin) / r.height;
  if (!(xRes > 0) || !(yRes > 0)) return null;
  return {
    extent,
    i: Math.floor((point[0] - extent.xmin) / xRes),
    j: Math.floor((extent.ymax - point[1]) / yRes),
  };
}

async function toLayerCrs(
  extent: WebInfoRequest["extent"],
  point: [number, number],
  from: string,
  to: string,
): Promise<
  { extent: WebInfoRequest["extent"]; point: [number, number] } | null
> {
  return await withGdal((gdal) => {
    try {
      const box = transformBoundingBox(gdal, extent, from, to);
      const xy = Float64Array.from(point);
      transformInPlace(gdal, [xy], from, to);
      if (!box || !Number.isFinite(xy[0]) || !Number.isFinite(xy[1])) {
        return null;
      }
      return { extent: box, point: [xy[0], xy[1]] as [number, number] };
    } catch {
      return null;
    }
  });
}

/**
 * The INFO_FORMAT QGIS 3.22's WMS provider identifies features with: of
 * the GetFeatureInfo formats the capabilities list, those it reads
 * features from (`GML.*`, `application/vnd.ogc.gml`, `application/json`,
 * anything naming GML), the LAST one listed (each replaces the one before
 * in its map of formats). Null when there is none. QGIS Server 3.22 asked
 * our test server (text/plain, text/html, GML, JSON) for JSON.
 *
 * @example
 * ```ts
 * import { featureInfoFormat } from "./info.ts";
 * featureInfoFormat(["text/plain", "application/vnd.ogc.gml", "application/json"]); // "application/json"
 * featureInfoFormat(["text/html", "application/vnd.ogc.gml/3.1.1"]); // "application/vnd.ogc.gml/3.1.1"
 * featureInfoFormat(["text/plain"]); // null
 * ```
 */
export function featureInfoFormat(offered: readonly string[]): string | null {
  let out: string | null = null;
  for (const f of offered) {
    if (
      f.startsWith("GML.") || f === "application/vnd.ogc.gml" ||
      f === "application/json" || /gml/i.test(f)
    ) out = f;
  }
  return out;
}

/** Features of a GML feature info answer (MapServer/GeoServer/QGIS Server styles). */
export function parseGmlFeatures(xml: string): Feature[] {
  const root = parseXml(xml, "GetFeatureInfo answer");
  const out: Feature[] = [];
  const addFeature = (el: Element) => {
    const attributes: Record<string, AttributeValue> = {};
    for (const c of kids(el)) {
      if (kids(c).length > 0) continue; // geometry and bounding boxes
      const name = localName(c);
      if (name === "boundedBy") continue;
      attributes[name] = text(c) ?? "";
    }
    const fid = el.getAttribute("fid") ?? el.getAttribute("gml:id") ?? "";
    const n = Number(/(\d+)$/.exec(fid)?.[1] ?? out.length);
    out.push({ id: n, attributes, geometry: null });
  };
  const members = [
    ...Array.from(root.getElementsByTagNameNS("*", "featureMember")),
    ...Array.from(root.getElementsByTagNameNS("*", "member")),
  ];
  if (members.length > 0) {
    for (const m of members) for (const f of kids(m as Element)) addFeature(f);
    return out;
  }
  // MapServer's msGMLOutput: <layer_layer><layer_feature>…
  for (const layer of kids(root)) {
    for (const f of kids(layer)) {
      if (/_feature$/.test(localName(f))) addFeature(f);
    }
  }
  return out;
}

function readAnswer(body: string, format: string): Feature[] {
  if (format === "application/json" || format === "application/geojson") {
    const json = JSON.parse(body) as {
      features?: { id?: unknown; properties?: Record<string, unknown> }[];
    };
    return (json.features ?? []).map((f, k) => ({
      id: Number(/(\d+)$/.exec(String(f.id ?? ""))?.[1] ?? k),
      attributes: (f.properties ?? {}) as Record<string, AttributeValue>,
      geometry: null,
    }));
  }
  return parseGmlFeatures(body);
}

/** The map's extent and point in the layer's CRS; null: cannot be taken there (warned). */
async function inLayerCrs(
  r: WebInfoRequest,
  layerCrs: string,
  layerName: string,
  ctx: WebRenderContext,
): Promise<Awaited<ReturnType<typeof toLayerCrs>>> {
  const mapCrs = normaliseCrs(r.crs);
  if (layerCrs === mapCrs || mapCrs === "") {
    return { extent: r.extent, point: r.point };
  }
  // QGIS Server asks a layer in another CRS in its own: the map's extent
  // as a bounding box there, the point transformed
  const moved = await toLayerCrs(r.extent, r.point, mapCrs, layerCrs);
  if (!moved) {
    ctx.warn(
      `web layer '${layerName}': the point cannot be taken from ${mapCrs} to the layer's ${layerCrs}; not queried`,
    );
  }
  return moved;
}

async function wmtsFeatureInfo(
  source: WmtsSource,
  layerName: string,
  r: WebInfoRequest,
  ctx: WebRenderContext,
): Promise<Feature[] | null> {
  const caps = await fetchWmtsCapabilities(
    ctx.client,
    source.url,
    source.auth,
    {
      ignoreAxisOrientation: source.ignoreAxisOrientation,
      invertAxisOrientation: source.invertAxisOrientation,
    },
    ctx.signal,
  );
  const format = wmtsInfoFormat(caps);
  if (!format) return null;
  const tiling = resolveWmtsTiling(source, caps);
  const layerCrs = normaliseCrs(source.crs);
  const moved = await inLayerCrs(r, layerCrs, layerName, ctx);
  if (!moved) return [];
  // a point off the layer's extent is not asked (QGIS answers nothing)
  const e = await wmtsLayerExtent(tiling, layerCrs);
  const [x, y] = moved.point;
  if (e && !(x >= e.xmin && x <= e.xmax && y >= e.ymin && y <= e.ymax)) {
    return [];
  }
  const pixel = wmtsInfoPixel(tiling.set, moved.point, moved.extent, r.width);
  const url = wmtsFeatureInfoUrl(source, caps, tiling, format, pixel);
  if (url === null) return null;
  const answer = await ctx.client.get(url, {
    auth: source.auth,
    signal: ctx.signal,
  });
  return readAnswer(new TextDecoder().decode(answer.bytes), format);
}

/**
 * Asks a WMS or a WMTS what is at a map pixel (GetFeatureInfo), in a format
 * QGIS reads features from: a WMS at the pixel of the map in the layer's
 * CRS; a WMTS at the pixel of the tile the map's resolution picks, by its
 * RESTful `FeatureInfo` template or KVP (see {@link wmtsFeatureInfoUrl}).
 * Null when the layer cannot be asked (XYZ, no common format, not
 * queryable, a WMTS without a feature info URL), warned through `ctx`
 * when the request fails.
 *
 * @example
 * ```ts ignore
 * const features = await webFeatureInfo(source, "wms", request, ctx);
 * ```
 */
export async function webFeatureInfo(
  source: WebSource,
  layerName: string,
  r: WebInfoRequest,
  ctx: WebRenderContext,
): Promise<Feature[] | null> {
  if (source.kind === "xyz") return null;
  try {
    if (source.kind === "wmts") {
      return await wmtsFeatureInfo(source, layerName, r, ctx);
    }
    const caps = await fetchWmsCapabilities(
      ctx.client,
      source.url,
      source.auth,
      {
        ignoreAxisOrientation: source.ignoreAxisOrientation,
        invertAxisOrientation: source.invertAxisOrientation,
      },
      ctx.signal,
    );
    const format = featureInfoFormat(caps.featureInfoFormats);
    if (!format) return null;
    const queryable = source.layers.filter((l) =>
      caps.layers.get(l)?.queryable
    );
    if (queryable.length === 0) return null;
    const layerCrs = normaliseCrs(source.crs);
    const moved = await inLayerCrs(r, layerCrs, layerName, ctx);
    if (!moved) return [];
    const pixel = identifyPixel(r, layerCrs, () => moved);
    if (!pixel) return [];
    const url = getFeatureInfoUrl(source, caps, {
      extent: pixel.extent,
      width: r.width,
      height: r.height,
      i: pixel.i,
      j: pixel.j,
      infoFormat: format,
      featureCount: r.featureCount || source.featureCount,
      queryLayers: queryable,
    });
    const answer = await ctx.client.get(url, {
      auth: source.auth,
      signal: ctx.signal,
    });
    return readAnswer(new TextDecoder().decode(answer.bytes), format);
  } catch (error) {
    ctx.warn(
      `web layer '${layerName}': GetFeatureInfo failed: ${
        (error as Error).message
      }`,
    );
    return [];
  }
}
