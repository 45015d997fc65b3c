/**
 * Draws a web map layer (XYZ, WMS, WMTS) for a map, as QGIS's raster pipe
 * draws a `wms` provider layer: the layer's visible part aligned to whole
 * map pixels and read in parts of at most 2000 pixels; each part asked
 * from the provider in the layer's CRS (through QGIS's raster projector
 * when the map is in another CRS, nearest neighbour); tiles fetched in
 * parallel and drawn as QGIS paints them; the single-band colour renderer's
 * opacity, brightness/contrast and hue/saturation; the layer's blend mode.
 *
 * A tile that fails leaves a transparent hole and a warning in the job's
 * log; a service that fails or does not answer in time leaves the layer
 * empty with a warning — the job goes on.
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import type { Rect } from "../../geometry/types.ts";
import { withGdal } from "../../gdal/gdal.ts";
import { transformInPlace } from "../../gdal/transform.ts";
import { transformBoundingBox } from "./bbox.ts";
import { isGeographic, normaliseCrs } from "../../map/compute.ts";
import type { MapSettings } from "../../map/map_settings.ts";
import { getCanvasKit } from "../../paint/canvaskit.ts";
import {
  applyBrightnessContrast,
  applyHueSaturation,
} from "../../raster/filters.ts";
import {
  MapToPixel,
  rasterIteratorTiles,
  rasterViewport,
  type Viewport,
} from "../../raster/sampling.ts";
import { parseRasterStyle, type RasterStyle } from "../../raster/style.ts";
import {
  JobError,
  type Logger,
  type RunnerContext,
} from "../../runners/types.ts";
import {
  type BlockTarget,
  composeImages,
  type PlacedImage,
} from "./compose.ts";
import type { WebClient } from "./http.ts";
import { projectBlock, type Projection, reprojectInto } from "./projector.ts";
import {
  checkImageAnswer,
  fetchWmsCapabilities,
  fetchWmtsCapabilities,
  webClientFor,
  webSettings,
} from "./services.ts";
import {
  parseWebSource,
  safeUrl,
  type WebLayerRef,
  type WebSource,
  type WmsSource,
  type WmtsSource,
  type XyzSource,
} from "./source.ts";
import {
  destinationRect,
  findNearestResolution,
  type TileMatrix,
  type TileMatrixLimits,
  tileRect,
  viewExtentIntersection,
} from "./tile_matrix.ts";
import { getMapUrl, tiledGetMapUrls } from "./wms.ts";
import type { WmsCapabilities } from "./wms_capabilities.ts";
import { resolveWmtsTiling, wmtsTileUrl, type WmtsTiling } from "./wmts.ts";
import {
  tileLayerDpi,
  WEB_MERCATOR_HALF_WORLD,
  xyzTileMatrixSet,
  xyzTileUrl,
} from "./xyz.ts";

/** Most tiles one block may need (QGIS's debug builds stop at 256). */
export const MAX_TILES_PER_BLOCK = 1024;

/** What a job gives a web layer render. */
export interface WebRenderContext {
  /** The client (its allow-list) every request goes through. */
  client: WebClient;
  /** The layer's deadline. */
  signal: AbortSignal;
  /** Adds a warning to the job's log. */
  warn: (message: string) => void;
}

/** A provider: the layer's CRS and extent, and blocks of it. */
export interface WebProvider {
  /** Layer CRS (normalised). */
  crs: string;
  /** Layer extent in its CRS. */
  extent: Rect;
  /**
   * A block of the layer: premultiplied RGBA of `width × height`, or null
   * when nothing could be fetched (warned). With `into`, drawn into that
   * image at its place instead (and its pixels returned).
   */
  block(
    extent: Rect,
    width: number,
    height: number,
    into?: BlockTarget,
  ): Promise<Uint8Array | null>;
}

/** The image a web layer renders to (structurally the raster renderer's). */
export interface WebLayerImage {
  /** Premultiplied RGBA of the map's size, the layer's opacity in it. */
  rgba: Uint8Array;
  /** Width. */
  width: number;
  /** Height. */
  height: number;
  /** Always true. */
  premultiplied: boolean;
  /** The layer's QPainter composition mode (`<blendMode>`). */
  blendMode: number;
  /** True when drawn into the map's own pixels (`into`): nothing left to draw. */
  drawnInto?: boolean;
  /** Gives `rgba` back to be used again once it is drawn (then unusable). */
  release?: () => void;
}

interface FetchOutcome {
  placed: PlacedImage[];
  failures: string[];
}

function describe(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}

async function fetchTiles(
  ctx: WebRenderContext,
  auth: WebSource["auth"],
  tiles: { url: string; rect: PlacedImage; label: string }[],
): Promise<FetchOutcome> {
  const results = await Promise.allSettled(
    tiles.map(async (t) => {
      const answer = await ctx.client.get(t.url, { auth, signal: ctx.signal });
      checkImageAnswer(t.url, answer);
      return { ...t.rect, bytes: answer.bytes };
    }),
  );
  const placed: PlacedImage[] = [];
  const failures: string[] = [];
  results.forEach((r, i) => {
    if (r.status === "fulfilled") placed.push(r.value);
    else failures.push(`${tiles[i].label}: ${describe(r.reason)}`);
  });
  return { placed, failures };
}

function reportFailures(
  ctx: WebRenderContext,
  layerName: string,
  what: string,
  failures: string[],
  total: number,
): void {
  if (failures.length === 0) return;
  const shown = failures.slice(0, 3).join("; ");
  const more = failures.length > 3 ? ` (and ${failures.length - 3} more)` : "";
  ctx.warn(
    `web layer '${layerName}': ${failures.length} of ${total} ${what} failed and stay empty: ${shown}${more}`,
  );
}

async function drawTiles(
  ctx: WebRenderContext,
  layerName: string,
  source: WebSource,
  extent: Rect,
  width: number,
  height: number,
  tm: TileMatrix,
  limits: TileMatrixLimits | undefined,
  urlOf: (col: number, row: number) => string,
  smooth: boolean,
  into?: BlockTarget,
): Promise<Uint8Array | null> {
  const range = viewExtentIntersection(tm, extent, limits);
  const count = (range.col1 - range.col0 + 1) * (range.row1 - range.row0 + 1);
  if (count <= 0) return null;
  if (count > MAX_TILES_PER_BLOCK) {
    ctx.warn(
      `web layer '${layerName}': ${count} tiles would be needed (at most ${MAX_TILES_PER_BLOCK}); not drawn`,
    );
    return null;
  }
  const tiles = [];
  for (let row = range.row0; row <= range.row1; row++) {
    for (let col = range.col0; col <= range.col1; col++) {
      tiles.push({
        url: urlOf(col, row),
        rect: {
          bytes: new Uint8Array(),
          ...destinationRect(extent, width, tileRect(tm, col, row)),
        },
        label: `tile ${tm.identifier}/${col}/${row}`,
      });
    }
  }
  const { placed, failures } = await fetchTiles(ctx, source.auth, tiles);
  const ck = await getCanvasKit();
  const { rgba, undecodable, reasons } = composeImages(
    ck,
    width,
    height,
    placed,
    smooth,
    into,
    // larger tiles than the limit only when asked for (a WMS's own tiles of
    // its MaxWidth), and never more than the block they are drawn into
    Math.max(
      webSettings().maxImagePixels,
      Math.min(tm.tileWidth * tm.tileHeight, width * height),
    ),
  );
  for (let k = 0; k < undecodable.length; k++) {
    const url = tiles[undecodable[k]]?.url ?? "";
    failures.push(`${safeUrl(url)}: ${reasons[k]}`);
  }
  reportFailures(ctx, layerName, "tiles", failures, tiles.length);
  return placed.length > undecodable.length ? rgba : null;
}

function xyzProvider(
  source: XyzSource,
  layerName: string,
  dpi: number,
  ctx: WebRenderContext,
): WebProvider {
  const set = xyzTileMatrixSet(source);
  const tileDpi = tileLayerDpi(source.tilePixelRatio);
  const h = WEB_MERCATOR_HALF_WORLD;
  return {
    crs: "EPSG:3857",
    extent: { xmin: -h, ymin: -h, xmax: h, ymax: h },
    block: (extent, width, height, into) => {
      let vres = (extent.xmax - extent.xmin) / width;
      // the provider's dpi is the output's, truncated
      if (tileDpi !== null) vres *= Math.trunc(dpi) / tileDpi;
      if (set.matrices.length === 0) return Promise.resolve(null);
      const tm = findNearestResolution(set, vres);
      return drawTiles(
        ctx,
        layerName,
        source,
        extent,
        width,
        height,
        tm,
        undefined,
        (col, row) => xyzTileUrl(source.url, tm, col, row),
        true,
        into,
      );
    },
  };
}

async function geographicToCrs(box: Rect, crs: string): Promise<Rect | null> {
  if (crs === "OGC:CRS84" || crs === "EPSG:4326") return box;
  try {
    return await withGdal((gdal) =>
      transformBoundingBox(gdal, box, "EPSG:4326", crs)
    );
  } catch {
    return null;
  }
}

async function wmsLayerExtent(
  caps: WmsCapabilities,
  source: WmsSource | WmtsSource,
  crs: string,
): Promise<Rect | null> {
  let out: Rect | null = null;
  for (const name of source.layers) {
    const layer = caps.layers.get(name);
    if (!layer) continue;
    let e: Rect | null = layer.boundingBoxes.find((b) => b.crs === crs)?.box ??
      null;
    if (!e && layer.geographic) {
      e = await geographicToCrs(layer.geographic, crs);
    }
    if (!e) continue;
    out = out === null ? { ...e } : {
      xmin: Math.min(out.xmin, e.xmin),
      ymin: Math.min(out.ymin, e.ymin),
      xmax: Math.max(out.xmax, e.xmax),
      ymax: Math.max(out.ymax, e.ymax),
    };
  }
  return out;
}

const UNBOUNDED: Rect = {
  xmin: -1e300,
  ymin: -1e300,
  xmax: 1e300,
  ymax: 1e300,
};

async function wmsProvider(
  source: WmsSource,
  layerName: string,
  dpi: number,
  ctx: WebRenderContext,
): Promise<WebProvider | null> {
  const crs = normaliseCrs(source.crs);
  let caps: WmsCapabilities;
  try {
    caps = await fetchWmsCapabilities(ctx.client, source.url, source.auth, {
      ignoreAxisOrientation: source.ignoreAxisOrientation,
      invertAxisOrientation: source.invertAxisOrientation,
    }, ctx.signal);
  } catch (error) {
    ctx.warn(
      `web layer '${layerName}' is not drawn: its capabilities could not be read: ${
        describe(error)
      }`,
    );
    return null;
  }
  const missing = source.layers.filter((l) => !caps.layers.has(l));
  if (missing.length > 0) {
    ctx.warn(
      `web layer '${layerName}': the WMS does not list layer(s) ${
        missing.map((l) => `'${l}'`).join(", ")
      }`,
    );
  }
  const extent = await wmsLayerExtent(caps, source, crs) ?? UNBOUNDED;
  const serviceMaxW = caps.maxWidth || Infinity;
  const serviceMaxH = caps.maxHeight || Infinity;
  const dpiValue = Math.trunc(dpi);
  return {
    crs,
    extent,
    block: async (bbox, width, height, into) => {
      if (
        source.maxWidth === 0 && source.maxHeight === 0 &&
        width <= serviceMaxW && height <= serviceMaxH
      ) {
        const url = getMapUrl(source, caps, bbox, width, height, dpiValue);
        let bytes: Uint8Array;
        try {
          const answer = await ctx.client.get(url, {
            auth: source.auth,
            signal: ctx.signal,
          });
          checkImageAnswer(url, answer);
          bytes = answer.bytes;
        } catch (error) {
          ctx.warn(
            `web layer '${layerName}': GetMap failed, the layer stays empty: ${
              describe(error)
            }`,
          );
          return null;
        }
        const ck = await getCanvasKit();
        const { rgba, undecodable, reasons } = composeImages(
          ck,
          width,
          height,
          [
            { bytes, x: 0, y: 0, width: NaN, height: NaN },
          ],
          false,
          into,
          // the image asked for, however large the worker lets maps be
          Math.max(webSettings().maxImagePixels, width * height),
        );
        if (undecodable.length > 0) {
          ctx.warn(
            `web layer '${layerName}': the GetMap answer is ${
              reasons[0] === "not a readable image"
                ? reasons[0]
                : `refused: ${reasons[0]}`
            }`,
          );
          return null;
        }
        return rgba;
      }
      // a GetMap too large for the server: tiles of the largest size
      const w = source.maxWidth !== 0 && source.maxWidth < serviceMaxW
        ? source.maxWidth
        : serviceMaxW;
      const h = source.maxHeight !== 0 && source.maxHeight < serviceMaxH
        ? source.maxHeight
        : serviceMaxH;
      const vres = (bbox.xmax - bbox.xmin) / width;
      const base = extent === UNBOUNDED ? bbox : extent;
      const tm: TileMatrix = {
        identifier: "wms",
        topLeft: { x: base.xmin, y: base.ymax },
        tileWidth: w,
        tileHeight: h,
        matrixWidth: Math.ceil((base.xmax - base.xmin) / w / vres),
        matrixHeight: Math.ceil((base.ymax - base.ymin) / h / vres),
        tres: vres,
      };
      return await drawTiles(
        ctx,
        layerName,
        source,
        bbox,
        width,
        height,
        tm,
        undefined,
        (col, row) =>
          tiledGetMapUrls(source, caps, w, h, dpiValue, [
            tileRect(tm, col, row),
          ])[0],
        source.smoothPixmapTransform,
        into,
      );
    },
  };
}

/**
 * A WMTS layer's extent in `crs` (normalised): its bounding box in that
 * CRS, else its WGS 84 one taken there; null when it has neither.
 *
 * @example
 * ```ts ignore
 * const extent = await wmtsLayerExtent(resolveWmtsTiling(source, caps), "EPSG:3857");
 * ```
 */
export async function wmtsLayerExtent(
  tiling: WmtsTiling,
  crs: string,
): Promise<Rect | null> {
  const own = tiling.layer.boundingBoxes.find((b) => b.crs === crs);
  if (own) return own.box;
  const wgs = tiling.layer.boundingBoxes.find((b) => b.crs === "OGC:CRS84");
  return wgs ? await geographicToCrs(wgs.box, crs) : null;
}

async function wmtsProvider(
  source: WmtsSource,
  layerName: string,
  ctx: WebRenderContext,
): Promise<WebProvider | null> {
  let caps;
  try {
    caps = await fetchWmtsCapabilities(ctx.client, source.url, source.auth, {
      ignoreAxisOrientation: source.ignoreAxisOrientation,
      invertAxisOrientation: source.invertAxisOrientation,
    }, ctx.signal);
  } catch (error) {
    ctx.warn(
      `web layer '${layerName}' is not drawn: its capabilities could not be read: ${
        describe(error)
      }`,
    );
    return null;
  }
  let tiling;
  try {
    tiling = resolveWmtsTiling(source, caps);
  } catch (error) {
    ctx.warn(`web layer '${layerName}' is not drawn: ${describe(error)}`);
    return null;
  }
  const crs = normaliseCrs(source.crs);
  const extent = await wmtsLayerExtent(tiling, crs);
  return {
    crs,
    extent: extent ?? UNBOUNDED,
    block: (bbox, width, height, into) => {
      // QGIS 3.22 never scales WMTS tiles for the output's dpi
      const vres = (bbox.xmax - bbox.xmin) / width;
      const tm = findNearestResolution(tiling.set, vres);
      return drawTiles(
        ctx,
        layerName,
        source,
        bbox,
        width,
        height,
        tm,
        tiling.limits.get(tm.identifier),
        (col, row) => wmtsTileUrl(source, caps, tiling, tm, col, row),
        source.smoothPixmapTransform,
        into,
      );
    },
  };
}

/**
 * The provider of a decoded source (null: not drawn, warned).
 *
 * @example
 * ```ts ignore
 * const provider = await webProvider(source, "osm", 96, ctx);
 * ```
 */
export function webProvider(
  source: WebSource,
  layerName: string,
  dpi: number,
  ctx: WebRenderContext,
): Promise<WebProvider | null> {
  switch (source.kind) {
    case "xyz":
      return Promise.resolve(xyzProvider(source, layerName, dpi, ctx));
    case "wms":
      return wmsProvider(source, layerName, dpi, ctx);
    case "wmts":
      return wmtsProvider(source, layerName, ctx);
  }
}

/** QgsSingleBandColorDataRenderer's opacity on premultiplied pixels. */
function applyOpacity(rgba: Uint8Array, opacity: number): void {
  if (opacity >= 1) return;
  // every byte through a table of its 256 values; transparent pixels (a
  // 32-bit word of 0) stay as they are
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) table[v] = Math.trunc(opacity * v);
  const n = rgba.byteOffset % 4 === 0 ? rgba.length >> 2 : 0;
  const words = new Uint32Array(rgba.buffer, rgba.byteOffset, n);
  for (let i = 0; i < n; i++) {
    if (words[i] === 0) continue;
    const o = i << 2;
    rgba[o] = table[rgba[o]];
    rgba[o + 1] = table[rgba[o + 1]];
    rgba[o + 2] = table[rgba[o + 2]];
    rgba[o + 3] = table[rgba[o + 3]];
  }
  for (let o = n << 2; o < rgba.length; o++) rgba[o] = table[rgba[o]];
}

function defaultStyle(): Pick<
  RasterStyle,
  "opacity" | "brightnessContrast" | "hueSaturation" | "blendMode"
> {
  return {
    opacity: 1,
    brightnessContrast: { brightness: 0, contrast: 0, gamma: 1 },
    hueSaturation: {
      saturation: 0,
      grayscaleMode: 0,
      invertColors: false,
      colorizeOn: false,
      colorize: { r: 255, g: 128, b: 128, a: 255 },
      colorizeStrength: 100,
    },
    blendMode: 0,
  };
}

function intersectRects(a: Rect, b: Rect): Rect | null {
  const r = {
    xmin: Math.max(a.xmin, b.xmin),
    ymin: Math.max(a.ymin, b.ymin),
    xmax: Math.min(a.xmax, b.xmax),
    ymax: Math.min(a.ymax, b.ymax),
  };
  return r.xmin < r.xmax && r.ymin < r.ymax ? r : null;
}

/**
 * The visible part of a layer in another CRS, as `QgsRasterLayerRenderer`
 * finds it: the map extent taken to the layer's CRS
 * (`reprojectToLayerExtent`) and back — a box larger than the map — cut
 * by the layer's extent in map CRS; aligned to whole pixels, it may reach
 * beyond the map's edges.
 */
async function reprojectedViewport(
  provider: WebProvider,
  map: MapSettings,
  mapCrs: string,
): Promise<Viewport | null> {
  const drawn = await withGdal((gdal) => {
    try {
      const geographicOverflow = isGeographic(mapCrs) &&
        (map.extent.xmin <= -180 || map.extent.xmax >= 180 ||
          map.extent.ymin <= -90 || map.extent.ymax >= 90);
      const inLayer = geographicOverflow
        ? null
        : transformBoundingBox(gdal, map.extent, mapCrs, provider.crs);
      const back = inLayer
        ? transformBoundingBox(gdal, inLayer, provider.crs, mapCrs)
        : map.extent;
      if (!back) return null;
      if (provider.extent === UNBOUNDED) return back;
      const layer = transformBoundingBox(
        gdal,
        provider.extent,
        provider.crs,
        mapCrs,
      );
      return layer ? intersectRects(back, layer) : null;
    } catch {
      return null;
    }
  });
  if (!drawn) return null;
  const m2p = new MapToPixel(
    map.extent,
    map.width,
    map.height,
    map.mapUnitsPerPixel,
  );
  const tl = m2p.transform(drawn.xmin, drawn.ymax);
  const br = m2p.transform(drawn.xmax, drawn.ymin);
  const left = Math.floor(tl[0]), top = Math.floor(tl[1]);
  const right = Math.ceil(br[0]), bottom = Math.ceil(br[1]);
  const [xmin, ymin] = m2p.toMap(left, bottom);
  const [xmax, ymax] = m2p.toMap(right, top);
  return {
    left,
    top,
    width: Math.abs(right - left),
    height: Math.abs(bottom - top),
    extent: drawn,
    alignedExtent: { xmin, ymin, xmax, ymax },
  };
}

// The last views of a layer in another CRS: the same map asked again (a
// tiled client, a bench) needs no new bounding-box transforms (two of 441
// points each through GDAL).
const VIEWPORTS_MAX = 16;
const viewports = new Map<string, Viewport | null>();

async function cachedViewport(
  provider: WebProvider,
  map: MapSettings,
  mapCrs: string,
): Promise<Viewport | null> {
  const key = JSON.stringify([
    map.extent,
    map.width,
    map.height,
    map.mapUnitsPerPixel,
    mapCrs,
    provider.crs,
    provider.extent,
  ]);
  if (viewports.has(key)) {
    const hit = viewports.get(key)!;
    viewports.delete(key);
    viewports.set(key, hit);
    return hit && { ...hit };
  }
  const v = await reprojectedViewport(provider, map, mapCrs);
  viewports.set(key, v);
  while (viewports.size > VIEWPORTS_MAX) {
    viewports.delete(viewports.keys().next().value as string);
  }
  return v && { ...v };
}

// The last projections: the same map asked again (a tiled client, a
// bench) needs no new control-point matrix. An entry holds one Int32 per
// map pixel.
const PROJECTIONS_MAX = 4;
const projections = new Map<string, Projection | null>();

function remember(key: string, p: Projection | null): void {
  projections.delete(key);
  projections.set(key, p);
  while (projections.size > PROJECTIONS_MAX) {
    projections.delete(projections.keys().next().value as string);
  }
}

// Map-size images of web layers that are not drawn into the map's own
// pixels, handed out again once drawn: a fresh array of a few megabytes
// costs its first touch of every page (about 3 ms per 1.2 MB on our
// machines, more than the drawing). One kept (layers are drawn one after
// the other; a job alongside takes a fresh one), up to 16 MB.
const KEPT_IMAGES = 1;
const KEPT_IMAGE_MAX_BYTES = 16 * 1024 * 1024;
const keptImages: ArrayBuffer[] = [];

/** A transparent image of `bytes` bytes, and how to give it back. */
function takeImage(bytes: number): { rgba: Uint8Array; release(): void } {
  const i = keptImages.findIndex((b) => b.byteLength >= bytes);
  const buffer = i >= 0 ? keptImages.splice(i, 1)[0] : new ArrayBuffer(bytes);
  const rgba = new Uint8Array(buffer, 0, bytes);
  if (i >= 0) rgba.fill(0);
  let released = false;
  return {
    rgba,
    release(): void {
      if (released) return;
      released = true;
      if (buffer.byteLength > KEPT_IMAGE_MAX_BYTES) return;
      keptImages.push(buffer);
      keptImages.sort((x, y) => x.byteLength - y.byteLength);
      if (keptImages.length > KEPT_IMAGES) keptImages.shift();
    },
  };
}

// A block of the layer in its own CRS, before it is warped to the map:
// kept between maps for the same reason (one at a time: taken and given
// back within one part of one map).
let keptBlock = new ArrayBuffer(0);
let blockTaken = false;

function takeBlock(bytes: number): { rgba: Uint8Array; release(): void } {
  if (blockTaken || bytes > KEPT_IMAGE_MAX_BYTES) {
    return { rgba: new Uint8Array(bytes), release: () => {} };
  }
  blockTaken = true;
  if (keptBlock.byteLength < bytes) keptBlock = new ArrayBuffer(bytes);
  const rgba = new Uint8Array(keptBlock, 0, bytes).fill(0);
  return { rgba, release: () => void (blockTaken = false) };
}

/**
 * Draws a provider's blocks for a map into `pixels` (premultiplied RGBA of
 * the map's size, transparent; a getter: see {@link BlockTarget.pixels});
 * false when the layer is out of view or nothing was drawn.
 */
export async function drawProvider(
  provider: WebProvider,
  map: MapSettings,
  pixels: () => Uint8Array,
): Promise<boolean> {
  const mapCrs = normaliseCrs(map.crs);
  // a map without a CRS draws the layer as it is (QGIS's invalid CRS)
  const same = mapCrs === provider.crs || mapCrs === "";
  const viewport = same
    ? rasterViewport(map, provider.extent)
    : await cachedViewport(provider, map, mapCrs);
  if (!viewport || viewport.width === 0 || viewport.height === 0) return false;
  let drawn = false;
  for (const part of rasterIteratorTiles(viewport)) {
    const left = viewport.left + part.col, top = viewport.top + part.row;
    if (same) {
      // drawn straight into the map's image: no block, no copy
      const block = await provider.block(part.extent, part.width, part.height, {
        pixels,
        width: map.width,
        height: map.height,
        left,
        top,
      });
      if (block) drawn = true;
      continue;
    }
    const key = JSON.stringify([
      part.extent,
      part.width,
      part.height,
      provider.extent,
      mapCrs,
      provider.crs,
    ]);
    const projection = projections.get(key) ??
      await withGdal((gdal) =>
        projectBlock(
          part.extent,
          part.width,
          part.height,
          provider.extent,
          (xy) => void transformInPlace(gdal, [xy], mapCrs, provider.crs),
          (xy) => void transformInPlace(gdal, [xy], provider.crs, mapCrs),
        )
      );
    remember(key, projection);
    if (!projection) continue;
    const { srcCols, srcRows } = projection;
    const src = takeBlock(srcCols * srcRows * 4);
    try {
      const block = await provider.block(
        projection.srcExtent,
        srcCols,
        srcRows,
        {
          pixels: () => src.rgba,
          width: srcCols,
          height: srcRows,
          left: 0,
          top: 0,
        },
      );
      if (!block) continue;
      reprojectInto(
        src.rgba,
        projection.index,
        pixels(),
        map.width,
        map.height,
        {
          left,
          top,
          width: part.width,
          height: part.height,
        },
      );
      drawn = true;
    } finally {
      src.release();
    }
  }
  return drawn;
}

/**
 * Renders a web map layer of a render job (the render runner's raster
 * renderer contract): the map-size premultiplied image with the layer's
 * opacity in it, or null when nothing was drawn (the reasons are warnings
 * in the job's log).
 *
 * With `into` (the map's own pixels while nothing is drawn on them, see
 * `MapDrawRequest.into`) the layer is drawn there when its blend mode
 * leaves it as it is over transparency (`drawnInto`). Otherwise its image
 * is kept for the next layer: call `release` once it is drawn.
 *
 * @throws {JobError} when the source or the style cannot be read.
 * @example
 * ```ts ignore
 * const image = await renderWebLayer(layer, qmlRoot, map, ctx);
 * ```
 */
export async function renderWebLayer(
  layer: WebLayerRef,
  qmlRoot: Element | null,
  map: MapSettings,
  ctx: Pick<RunnerContext, "remoteHosts"> & { logger?: Logger },
  into?: () => Uint8Array,
): Promise<WebLayerImage | null> {
  const source = parseWebSource(layer);
  let style = defaultStyle();
  if (qmlRoot) {
    try {
      style = parseRasterStyle(qmlRoot);
    } catch (error) {
      throw new JobError(
        `Cannot render layer '${layer.name}': ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  const web: WebRenderContext = {
    client: webClientFor(ctx.remoteHosts),
    signal: AbortSignal.timeout(webSettings().layerTimeoutMs),
    warn: (message) =>
      ctx.logger?.log("warning", message, { layer: layer.name }),
  };
  // the map's own pixels when nothing is under the layer and its blend
  // mode draws it as it is there (QGIS's modes 0–14; see the render
  // runner), else an image of its own
  const direct = into !== undefined && style.blendMode <= 14;
  const own = direct ? null : takeImage(map.width * map.height * 4);
  const pixels = direct ? into : () => own!.rgba;
  let drawn: boolean;
  try {
    const provider = await webProvider(source, layer.name, map.dpi, web);
    drawn = provider !== null && await drawProvider(provider, map, pixels);
  } catch (error) {
    if (direct) pixels().fill(0);
    own?.release();
    if (error instanceof JobError) throw error;
    web.warn(`web layer '${layer.name}' is not drawn: ${describe(error)}`);
    return null;
  }
  if (!drawn) {
    own?.release();
    return null;
  }
  const rgba = pixels();
  applyOpacity(rgba, style.opacity);
  applyBrightnessContrast(rgba, style.brightnessContrast);
  applyHueSaturation(rgba, style.hueSaturation);
  return {
    rgba,
    width: map.width,
    height: map.height,
    premultiplied: true,
    drawnInto: direct,
    release: own ? () => own.release() : undefined,
    blendMode: style.blendMode,
  };
}
