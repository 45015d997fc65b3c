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
 * - **Feature info**: a GetFeatureInfo at the map's pixel, in the first
 *   format QGIS identifies features with that the server offers (GML, then
 *   GeoJSON), its features read into our feature model (attributes; the
 *   geometry is left out).
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import type { AttributeValue, Feature } from "../../geometry/types.ts";
import { normaliseCrs } from "../../map/compute.ts";
import { kids, localName, parseXml, text } from "./_xml.ts";
import {
  checkImageAnswer,
  fetchWmsCapabilities,
  fetchWmtsCapabilities,
} from "./services.ts";
import type { WebRenderContext } from "./render.ts";
import type { WebSource, WmsSource } from "./source.ts";
import { encodeQueryValue, getFeatureInfoUrl } from "./wms.ts";
import { prepareUrl, type WmsCapabilities } from "./wms_capabilities.ts";

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

/** A feature info question about one map pixel. */
export interface WebInfoRequest {
  /** The map's extent in `crs`. */
  extent: { xmin: number; ymin: number; xmax: number; ymax: number };
  /** Map CRS. */
  crs: string;
  /** Map width, pixels. */
  width: number;
  /** Map height, pixels. */
  height: number;
  /** Pixel column. */
  i: number;
  /** Pixel row. */
  j: number;
  /** Most features. */
  featureCount: number;
}

// as QGIS prefers them for identifying features
const FEATURE_FORMATS = [
  "application/vnd.ogc.gml",
  "text/xml",
  "application/json",
  "application/geo+json",
];

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

/**
 * Asks a WMS what is at a map pixel (GetFeatureInfo), in a format QGIS
 * reads features from. Null when the layer cannot be asked (XYZ, a WMTS,
 * no common format, not queryable), warned through `ctx` when the request
 * fails.
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
  if (source.kind !== "wms") return null;
  try {
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
    const format = FEATURE_FORMATS.find((f) =>
      caps.featureInfoFormats.includes(f)
    );
    if (!format) return null;
    const queryable = source.layers.filter((l) =>
      caps.layers.get(l)?.queryable
    );
    if (queryable.length === 0) return null;
    if (normaliseCrs(source.crs) !== normaliseCrs(r.crs)) {
      // a layer in another CRS: QGIS asks around the point in the layer's CRS;
      // we ask only when the map's CRS is the layer's
      return null;
    }
    const url = getFeatureInfoUrl(source, caps, {
      extent: r.extent,
      width: r.width,
      height: r.height,
      i: r.i,
      j: r.j,
      infoFormat: format,
      featureCount: r.featureCount || source.featureCount,
      queryLayers: queryable,
    });
    const answer = await ctx.client.get(url, {
      auth: source.auth,
      signal: ctx.signal,
    });
    const body = new TextDecoder().decode(answer.bytes);
    if (format.includes("json")) {
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
  } catch (error) {
    ctx.warn(
      `web layer '${layerName}': GetFeatureInfo failed: ${
        (error as Error).message
      }`,
    );
    return [];
  }
}
