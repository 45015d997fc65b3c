/**
 * The raster image fill symbol layer (`QgsRasterFillSymbolLayer`, class
 * `RasterFill`, QGIS 3.22): the polygon filled with a brush whose texture
 * is an image file as QGIS's image cache gives it — its opacity (the
 * layer's `alpha` times the symbol's) multiplied in, then scaled smoothly
 * to the layer's width (the height kept in proportion) unless the width is
 * 0 — tiled from the part's bounding-box corner (`coordinate_mode` 0,
 * feature) or the map's corner (1, viewport), turned by the layer's angle,
 * the polygon and its texture moved by the offset.
 *
 * @module
 */
import type { SymbolLayer } from "../style/model.ts";
import { parseUnit, propNumber, propPoint } from "../style/props.ts";
import type { PaintContext } from "./context.ts";
import { type Dd, px } from "./_dd.ts";
import { decodeImage, DEFAULT_MAX_IMAGE_PIXELS } from "./decode_image.ts";
import { multiplyOpacity, premultiply } from "./image_ops.ts";
import { loadImageFrom } from "./image_loader.ts";
import { fillWithTile } from "./pattern_fill.ts";
import { shiftGeometry } from "./geometry.ts";
import { qtSmoothScale } from "../raster/resample.ts";

/** A texture: premultiplied RGBA. */
export interface Texture {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/**
 * The texture QgsImageCache::pathAsImage gives for an image's bytes: the
 * opacity multiplied into its straight colour (QgsImageOperation::
 * multiplyOpacity), then scaled smoothly to `width` pixels wide and the
 * height in proportion (`QImage::scaledToWidth`) or to `height` when
 * given (`QImage::scaled`, the aspect ignored), or left at its own size
 * when `width` is 0. Null when the bytes are no image; throws a
 * `RangeError` when the image declares more than `maxPixels` pixels.
 *
 * @example
 * ```ts
 * import { getCanvasKit } from "./canvaskit.ts";
 * import { encodePng } from "./png.ts";
 * import { imageTexture } from "./raster_fill.ts";
 * const ck = await getCanvasKit();
 * const png = encodePng(new Uint8Array(4 * 2 * 4).fill(255), 4, 2);
 * const t = imageTexture(ck, png, 2, 1);
 * [t?.width, t?.height]; // [2, 1]
 * ```
 */
export function imageTexture(
  ck: PaintContext["ck"],
  bytes: Uint8Array,
  width: number,
  opacity: number,
  maxPixels: number = DEFAULT_MAX_IMAGE_PIXELS,
  height = 0,
): Texture | null {
  const image = decodeImage(ck, bytes, { maxPixels, premultiplied: false });
  if (!image) return null;
  const im = { width: image.width, height: image.height, data: image.rgba };
  multiplyOpacity(im, opacity);
  premultiply(im.data);
  if (
    width <= 0 ||
    (width === im.width && (height <= 0 || height === im.height))
  ) return { width: im.width, height: im.height, rgba: im.data };
  // QImage::scaledToWidth (height 0) or scaled: a scale of width / w (and
  // height / h), the target size rounded up (QImage::transformed, smooth)
  const f = (height > 0 ? height : width * im.height / im.width) / im.height;
  const h = Math.trunc(f * im.height + 0.9999);
  if (width * h > maxPixels) {
    throw new RangeError(
      `Cannot scale image: ${width}×${h} pixels, more than the ${maxPixels} allowed`,
    );
  }
  if (h < 1) return null;
  return {
    width,
    height: h,
    rgba: qtSmoothScale(im.data, im.width, im.height, width, h),
  };
}

// textures by the paints of a layer's draw: one decode per image and size
const textures = new WeakMap<object, Map<string, Texture | string>>();

/**
 * The texture of a `RasterFill` or `RasterMarker` layer's image, `width`
 * pixels wide (0: its own size; `percent`: that percentage of its own
 * width) and `height` high (0: in proportion), `alpha` multiplied in; or
 * why there is none (a warning's text). Decoded once per image and size
 * for the paints of a layer's draw.
 *
 * @example
 * ```ts ignore
 * import { layerTexture } from "./raster_fill.ts";
 * layerTexture(pc, "./sprites/rock.png", 0, 1); // its own size
 * ```
 */
export function layerTexture(
  pc: PaintContext,
  path: string,
  width: number,
  alpha: number,
  options: { percent?: number; height?: number } = {},
): Texture | string {
  const percent = options.percent ?? 0, height = options.height ?? 0;
  const key = `${path}|${width}|${height}|${percent}|${alpha}`;
  let memo = pc.paints ? textures.get(pc.paints) : undefined;
  if (pc.paints && !memo) textures.set(pc.paints, memo = new Map());
  let texture = memo?.get(key);
  if (texture === undefined) {
    texture = loadTexture(pc, path, width, percent, alpha, height);
    memo?.set(key, texture);
  }
  return texture;
}

// the texture, or why there is none
function loadTexture(
  pc: PaintContext,
  path: string,
  width: number,
  percent: number,
  alpha: number,
  height: number,
): Texture | string {
  // without folders (a legend's patches), inline images still load
  const loaded = pc.loadImage?.(path) ?? loadImageFrom(path, [], []);
  if ("error" in loaded) return loaded.error;
  const ck = pc.ck;
  let texture: Texture | null;
  try {
    texture = imageTexture(ck, loaded.bytes, width, alpha, undefined, height);
    if (texture && percent > 0) {
      // of the image's own width; no texture under 1 or over 10,000 px
      const w = percent * texture.width / 100;
      if (Math.trunc(w) < 1 || w > 10000) {
        return `Cannot draw image '${path}': ${w} pixels wide`;
      }
      texture = imageTexture(ck, loaded.bytes, Math.trunc(w), alpha);
    }
  } catch (error) {
    return `${(error as Error).message} ('${path}')`;
  }
  return texture ?? `Cannot decode image '${path}': not an image`;
}

/**
 * Draws a `RasterFill` layer over one polygon's rings (pixels).
 *
 * @example
 * ```ts ignore
 * import { rasterFill } from "./raster_fill.ts";
 * rasterFill(pc, layer, rings, 1, dd);
 * ```
 */
export function rasterFill(
  pc: PaintContext,
  layer: SymbolLayer,
  rings: Float64Array[],
  opacity: number,
  dd: Dd,
): void {
  const p = layer.props;
  const path = dd.str(layer, "file", p.imageFile ?? "");
  if (!path || rings.length === 0) return;
  const alpha = opacity *
    dd.num(layer, "opacity", propNumber(p, "alpha", 1) * 100) / 100;
  const widthValue = dd.num(layer, "width", propNumber(p, "width", 0));
  const percent = parseUnit(p.width_unit) === "Percentage";
  // QgsRasterFillSymbolLayer::applyPattern: QSize::setWidth truncates
  let width = 0;
  if (widthValue > 0 && !percent) {
    width = Math.trunc(px(pc, p, widthValue, "width_unit"));
  }
  const key = `rasterfill|${path}|${width}|${
    percent ? widthValue : 0
  }|${alpha}`;
  const texture = layerTexture(pc, path, width, alpha, {
    percent: percent ? widthValue : 0,
  });
  if (typeof texture === "string") {
    pc.warn(`RasterFill: ${texture}`);
    return;
  }
  const [ox, oy] = dd.point(layer, "offset", propPoint(p, "offset"));
  const dx = px(pc, p, ox, "offset_unit"), dy = px(pc, p, oy, "offset_unit");
  const moved = dx === 0 && dy === 0
    ? rings
    : shiftGeometry({ kind: "polygon", parts: [rings] }, dx, dy).parts[0];
  // feature mode: the exterior ring's bounding-box corner (before the
  // painter's offset translation, which moves the texture with it)
  let origin: [number, number] = [dx, dy];
  if (propNumber(p, "coordinate_mode", 0) === 0) {
    const ring = rings[0];
    let x0 = Infinity, y0 = Infinity;
    for (let i = 0; i < ring.length; i += 2) {
      x0 = Math.min(x0, ring[i]);
      y0 = Math.min(y0, ring[i + 1]);
    }
    origin = [x0 + dx, y0 + dy];
  }
  const angle = dd.num(layer, "angle", propNumber(p, "angle", 0));
  const t = texture;
  fillWithTile(
    pc,
    moved,
    origin,
    1,
    key,
    t.width,
    t.height,
    (tc) => {
      const img = tc.ck.MakeImage(
        {
          width: t.width,
          height: t.height,
          alphaType: tc.ck.AlphaType.Premul,
          colorType: tc.ck.ColorType.RGBA_8888,
          colorSpace: tc.ck.ColorSpace.SRGB,
        },
        t.rgba,
        t.width * 4,
      );
      if (!img) return;
      const paint = new tc.ck.Paint();
      paint.setBlendMode(tc.ck.BlendMode.Src);
      tc.canvas.drawImage(img, 0, 0, paint);
      paint.delete();
      img.delete();
    },
    angle,
  );
}
