/**
 * The raster image marker symbol layer (`QgsRasterMarkerSymbolLayer`,
 * class `RasterMarker`, QGIS 3.22): an image file as QGIS's image cache
 * gives it — the layer's opacity times the symbol's multiplied in, scaled
 * smoothly to `int(size)` pixels wide and its own proportions (or
 * `int(size × fixedAspectRatio)` high) — drawn centred on the point moved
 * by the offset and the anchor points, turned by the angle.
 *
 * @module
 */
import type { SymbolLayer } from "../style/model.ts";
import { propNumber } from "../style/props.ts";
import type { PaintContext } from "./context.ts";
import type { Dd } from "./_dd.ts";
import { newPaint } from "./_skia.ts";
import { layerTexture, type Texture } from "./raster_fill.ts";

/** A raster marker's image and the height its anchor points use. */
export interface RasterMarkerImage {
  /** The image, premultiplied, at the size drawn. */
  texture: Texture;
  /** The marker's height in pixels (`size × aspect ratio`, unrounded). */
  height: number;
}

/**
 * The image of a `RasterMarker` layer `size` pixels wide; null (with a
 * warning when the image cannot be had) when nothing is drawn: under one
 * pixel or over 10,000 wide, as `QgsRasterMarkerSymbolLayer::renderPoint`.
 *
 * @example
 * ```ts ignore
 * import { rasterMarkerImage } from "./raster_marker.ts";
 * rasterMarkerImage(pc, layer, 15, 1, dd)?.texture.width; // 15
 * ```
 */
export function rasterMarkerImage(
  pc: PaintContext,
  layer: SymbolLayer,
  size: number,
  opacity: number,
  dd: Dd,
): RasterMarkerImage | null {
  const p = layer.props;
  if (Math.trunc(size) < 1 || size > 10000) return null;
  const path = dd.str(layer, "name", p.imageFile ?? "");
  if (!path) return null;
  const alpha = opacity *
    dd.num(layer, "opacity", propNumber(p, "alpha", 1) * 100) / 100;
  const fixed = propNumber(p, "fixedAspectRatio", 0);
  // the aspect of its own size when none is fixed (QgsImageCache::
  // originalSize)
  const own = fixed > 0 ? null : layerTexture(pc, path, 0, 1);
  if (typeof own === "string") {
    pc.warn(`RasterMarker: ${own}`);
    return null;
  }
  const aspect = own ? own.height / own.width : fixed;
  const texture = layerTexture(pc, path, Math.trunc(size), alpha, {
    height: fixed > 0 ? Math.trunc(size * fixed) : 0,
  });
  if (typeof texture === "string") {
    pc.warn(`RasterMarker: ${texture}`);
    return null;
  }
  return { texture, height: size * aspect };
}

/**
 * Draws a raster marker's image centred at `(x, y)` (pixels), turned by
 * `angle` degrees: unturned at whole pixels, turned sampled nearest
 * (the map's painter has no smooth pixmap transform).
 *
 * @example
 * ```ts ignore
 * import { drawRasterMarker } from "./raster_marker.ts";
 * drawRasterMarker(pc, image.texture, 10, 10, 0);
 * ```
 */
export function drawRasterMarker(
  pc: PaintContext,
  texture: Texture,
  x: number,
  y: number,
  angle: number,
): void {
  const { ck, canvas } = pc;
  const img = ck.MakeImage(
    {
      width: texture.width,
      height: texture.height,
      alphaType: ck.AlphaType.Premul,
      colorType: ck.ColorType.RGBA_8888,
      colorSpace: ck.ColorSpace.SRGB,
    },
    texture.rgba,
    texture.width * 4,
  );
  if (!img) return;
  const paint = newPaint(ck, pc.featureBlendMode);
  const w = texture.width, h = texture.height;
  if (!angle) {
    // the translation and the half size rounded each (Qt's qRound: halves
    // up), as the SVG marker's image (measured on QGIS 3.22's renders)
    canvas.drawImage(
      img,
      Math.round(x) + Math.round(-w / 2),
      Math.round(y) + Math.round(-h / 2),
      paint,
    );
  } else {
    canvas.save();
    canvas.translate(x, y);
    canvas.rotate(angle, 0, 0);
    canvas.drawImageOptions(
      img,
      -w / 2,
      -h / 2,
      ck.FilterMode.Nearest,
      ck.MipmapMode.None,
      paint,
    );
    canvas.restore();
  }
  paint.delete();
  img.delete();
}
