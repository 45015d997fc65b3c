/**
 * QGIS's paint effects on a symbol layer (`QgsPaintEffect` and its
 * subclasses, as QGIS 3.22 draws them): the layer is recorded as a
 * picture around an anchor (a marker's point, a line's or polygon's
 * bounding-box corner: `QgsEffectPainter` translates the painter there),
 * each effect renders that picture into an image grown by its spread
 * (`boundingRect`), changes the image (`image_ops.ts`) and draws it back at
 * the image's corner, rounded to whole pixels as Qt's raster engine places
 * images. An effect stack renders its effects from the top down, a
 * modifier's result becoming the picture of the effects below it, and
 * draws their results bottom first (`QgsEffectStack::draw`).
 *
 * @module
 */
import type { Image, Paint } from "canvaskit-wasm";
import type { PaintEffect } from "../style/model.ts";
import { parseColor, propNumber, type Rgba } from "../style/props.ts";
import type { PaintContext } from "./context.ts";
import { px } from "./_dd.ts";
import {
  type ColorRampFn,
  distanceTransform,
  gaussianBlur,
  invertRgba,
  multiplyOpacity,
  overlayColor,
  type RgbaImage,
  stackBlur,
  unpremultiply,
} from "./image_ops.ts";
import { releaseSurface, takeSurface } from "./surface.ts";

/** What an effect draws: a symbol layer's drawing around an anchor. */
export interface EffectSource {
  /** Anchor x in map pixels (where QGIS translates its painter). */
  x: number;
  /** Anchor y in map pixels. */
  y: number;
  /** The drawing's extent in map pixels, `[x0, y0, x1, y1]` (pens included). */
  bounds: [number, number, number, number];
  /** Draws the layer onto `pc`, every coordinate moved by `(dx, dy)`. */
  draw(pc: PaintContext, dx: number, dy: number): void;
}

/** An image placed in the anchor's coordinates, with a Qt composition mode. */
interface Placed {
  image: RgbaImage;
  x: number;
  y: number;
  blend: number;
}

/** A picture drawn through a transform (`QTransform`: `[m11, m12, m21, m22, dx, dy]`) around the anchor. */
interface Transformed {
  matrix: number[];
  picture: Picture;
}

/** A recorded picture: the source drawing and images, drawn in order. */
type Picture = ("source" | Placed | Transformed)[];

/** An integer rectangle `[left, top, width, height]` (a `QRect`). */
type IRect = [number, number, number, number];

/** `QRectF::toRect`: corners rounded. */
function toRect(x: number, y: number, w: number, h: number): IRect {
  const l = Math.round(x), t = Math.round(y);
  return [l, t, Math.round(x + w) - l, Math.round(y + h) - t];
}

function unite(a: IRect | null, b: IRect): IRect {
  if (!a) return b;
  const l = Math.min(a[0], b[0]), t = Math.min(a[1], b[1]);
  const r = Math.max(a[0] + a[2], b[0] + b[2]);
  const bt = Math.max(a[1] + a[3], b[1] + b[3]);
  return [l, t, r - l, bt - t];
}

// The QPainter composition modes effects store, as Skia's.
function compositionOf(pc: PaintContext, mode: number) {
  const B = pc.ck.BlendMode;
  const modes = [
    B.SrcOver,
    B.DstOver,
    B.Clear,
    B.Src,
    B.Dst,
    B.SrcIn,
    B.DstIn,
    B.SrcOut,
    B.DstOut,
    B.SrcATop,
    B.DstATop,
    B.Xor,
    B.Plus,
    B.Multiply,
    B.Screen,
    B.Overlay,
    B.Darken,
    B.Lighten,
    B.ColorDodge,
    B.ColorBurn,
    B.HardLight,
    B.SoftLight,
    B.Difference,
    B.Exclusion,
  ];
  return modes[mode] ?? B.SrcOver;
}

/** The effect types this module draws. */
const KNOWN = new Set([
  "effectStack",
  "drawSource",
  "dropShadow",
  "innerShadow",
  "outerGlow",
  "innerGlow",
  "blur",
  "transform",
]);

/** QGIS's effects this module does not draw yet. */
const NOT_DRAWN = new Set(["color"]);

function hasUndrawn(effect: PaintEffect): boolean {
  return effect.enabled &&
    (NOT_DRAWN.has(effect.type) || effect.effects.some(hasUndrawn));
}

/**
 * Whether `effect` changes how a layer is drawn: an enabled effect (stack)
 * of a type this module draws. Otherwise (disabled, not an effect QGIS
 * knows, or holding an enabled `color` effect, which is not drawn yet) the
 * layer is drawn plainly.
 *
 * @example
 * ```ts
 * import { drawsEffect } from "./paint_effect.ts";
 * drawsEffect({ type: "effectStack", enabled: false, props: {}, effects: [] }); // false
 * ```
 */
export function drawsEffect(effect: PaintEffect | undefined): boolean {
  return !!effect && effect.enabled && KNOWN.has(effect.type) &&
    !hasUndrawn(effect);
}

/**
 * Draws a symbol layer's `source` through its paint effect, as QGIS does.
 *
 * @example
 * ```ts ignore
 * import { drawWithEffect } from "./paint_effect.ts";
 * drawWithEffect(pc, layer.effect!, { x, y, bounds, draw: (p, dx, dy) => drawIt(p, x + dx, y + dy) });
 * ```
 */
export function drawWithEffect(
  pc: PaintContext,
  effect: PaintEffect,
  source: EffectSource,
): void {
  const r = new EffectRun(pc, source);
  const out = r.render(effect, ["source"], ["source"]);
  r.drawPicture(out);
}

class EffectRun {
  constructor(readonly pc: PaintContext, readonly source: EffectSource) {}

  /** The picture's bounding rectangle around the anchor (`QPicture::boundingRect`). */
  brect(pic: Picture): IRect {
    let r: IRect | null = null;
    for (const item of pic) {
      if (item === "source") {
        const [x0, y0, x1, y1] = this.source.bounds;
        r = unite(
          r,
          toRect(x0 - this.source.x, y0 - this.source.y, x1 - x0, y1 - y0),
        );
      } else if ("matrix" in item) {
        // QPicture records the bounds mapped through the painter's transform
        const [l, t, w, h] = this.brect(item.picture);
        const m = item.matrix;
        let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
        for (const [x, y] of [[l, t], [l + w, t], [l, t + h], [l + w, t + h]]) {
          const mx = m[0] * x + m[2] * y + m[4],
            my = m[1] * x + m[3] * y + m[5];
          x0 = Math.min(x0, mx);
          x1 = Math.max(x1, mx);
          y0 = Math.min(y0, my);
          y1 = Math.max(y1, my);
        }
        r = unite(r, toRect(x0, y0, x1 - x0, y1 - y0));
      } else {
        r = unite(
          r,
          toRect(item.x, item.y, item.image.width, item.image.height),
        );
      }
    }
    return r ?? [0, 0, 0, 0];
  }

  /**
   * Draws a picture's items onto `pc`, a map point `p` appearing at
   * `p + (dx, dy)`; images at whole pixels.
   */
  drawItems(pc: PaintContext, pic: Picture, dx: number, dy: number): void {
    const ax = this.source.x + dx, ay = this.source.y + dy;
    for (const item of pic) {
      if (item === "source") this.source.draw(pc, dx, dy);
      else if ("matrix" in item) {
        const m = item.matrix;
        pc.canvas.save();
        pc.canvas.translate(ax, ay);
        pc.canvas.concat([m[0], m[2], m[4], m[1], m[3], m[5], 0, 0, 1]);
        pc.canvas.translate(-ax, -ay);
        this.drawItems(pc, item.picture, dx, dy);
        pc.canvas.restore();
      } else {
        drawImageAt(pc, item, Math.round(ax + item.x), Math.round(ay + item.y));
      }
    }
  }

  /**
   * The picture drawn into an image whose corner is at `(left, top)` around
   * the anchor (`sourceAsImage`: `QImage(width, height)`, sizes truncated).
   */
  rasterize(
    pic: Picture,
    left: number,
    top: number,
    width: number,
    height: number,
  ): RgbaImage {
    const w = Math.max(1, Math.trunc(width)),
      h = Math.max(1, Math.trunc(height));
    const { ck } = this.pc;
    const off = takeSurface(ck, w, h);
    if (!off) {
      throw new RangeError(`Cannot draw a paint effect: no ${w}×${h} surface`);
    }
    try {
      const canvas = off.surface.getCanvas();
      canvas.clear(ck.TRANSPARENT);
      const pc2: PaintContext = {
        ...this.pc,
        canvas,
        map: { ...this.pc.map, width: w, height: h },
        featureBlendMode: 0,
        direct: {
          pixels: () => off.pixels(),
          width: w,
          saveCount: canvas.getSaveCount(),
        },
      };
      this.drawItems(pc2, pic, -(this.source.x + left), -(this.source.y + top));
      off.surface.flush();
      const data = off.pixels().slice();
      unpremultiply(data);
      return { data, width: w, height: h };
    } finally {
      releaseSurface(ck, off);
    }
  }

  /** Draws a picture onto the map at the anchor. */
  drawPicture(pic: Picture): void {
    this.drawItems(this.pc, pic, 0, 0);
  }

  /** Runs one effect on `pic` (`source` is the stack's original picture). */
  render(effect: PaintEffect, pic: Picture, source: Picture): Picture {
    const p = effect.props;
    switch (effect.type) {
      case "effectStack":
        return this.stack(effect, pic);
      case "drawSource": {
        const opacity = opacityOf(p);
        const blend = propNumber(p, "blend_mode", 0);
        if (blend === 0 && Math.abs(opacity - 1) < 1e-8) return source;
        const [l, t, w, h] = this.brect(source);
        const image = this.rasterize(source, l, t, w, h);
        multiplyOpacity(image, opacity);
        return [{ image, x: l, y: t, blend }];
      }
      case "dropShadow":
      case "innerShadow":
        return this.shadow(effect, pic, effect.type === "dropShadow");
      case "outerGlow":
      case "innerGlow":
        return this.glow(effect, pic, effect.type === "outerGlow");
      case "blur":
        return this.blur(effect, pic);
      case "transform":
        return [{ matrix: this.transformOf(p, pic), picture: pic }];
      default:
        return [];
    }
  }

  stack(effect: PaintEffect, pic: Picture): Picture {
    // QgsEffectStack::draw: top effect first, each modifier's result the
    // picture of the next; results drawn bottom first
    const list = effect.effects.filter((e) => e.enabled && KNOWN.has(e.type));
    let current = pic;
    const results: Picture[] = [];
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i];
      const input = e.type === "drawSource" ? pic : current;
      const out = this.render(e, input, pic);
      results[i] = out;
      if (drawMode(e) !== 1) current = out;
    }
    const drawn: Picture = [];
    for (let i = 0; i < list.length; i++) {
      if (drawMode(list[i]) !== 0) drawn.push(...results[i]);
    }
    return drawn;
  }

  /** `QgsShadowEffect::draw` (drop and inner shadows). */
  shadow(effect: PaintEffect, pic: Picture, exterior: boolean): Picture {
    const p = effect.props;
    const blur = Math.round(px(this.pc, p, blurLevelOf(p), "blur_unit"));
    const dist = px(
      this.pc,
      p,
      propNumber(p, "offset_distance", 2),
      "offset_unit",
    );
    const spread = dist + blur * 2 + 10;
    const [l0, t0, w0, h0] = this.brect(pic);
    const left = l0 - spread, top = t0 - spread;
    const image = this.rasterize(
      pic,
      left,
      top,
      w0 + 2 * spread,
      h0 + 2 * spread,
    );
    const original = exterior ? null : { ...image, data: image.data.slice() };
    if (!exterior) invertRgba(image);
    overlayColor(image, parseColor(p.color, [0, 0, 0, 255]));
    const blurred = blurBy(image, blur);
    const angle = (Math.trunc(propNumber(p, "offset_angle", 135)) * Math.PI) /
      180;
    const tx = -dist * Math.cos(angle + Math.PI / 2);
    const ty = -dist * Math.sin(angle + Math.PI / 2);
    multiplyOpacity(blurred, opacityOf(p));
    const blend = propNumber(p, "blend_mode", 13);
    if (exterior) return [{ image: blurred, x: left + tx, y: top + ty, blend }];
    // inner shadow: the shadow at its offset, kept where the source is
    const inner = composeInner(this.pc, blurred, tx, ty, original!);
    return [{ image: inner, x: left, y: top, blend }];
  }

  /** `QgsGlowEffect::draw` (outer and inner glows). */
  glow(effect: PaintEffect, pic: Picture, exterior: boolean): Picture {
    const p = effect.props;
    const blur = Math.round(px(this.pc, p, blurLevelOf(p), "blur_unit"));
    const spreadPx = px(this.pc, p, propNumber(p, "spread", 2), "spread_unit");
    const margin = spreadPx + blur * 2 + 10;
    const [l0, t0, w0, h0] = this.brect(pic);
    const left = l0 - margin, top = t0 - margin;
    const image = this.rasterize(
      pic,
      left,
      top,
      w0 + 2 * margin,
      h0 + 2 * margin,
    );
    const original = exterior ? null : image.data.slice();
    distanceTransform(image, spreadPx, exterior, glowRamp(p));
    const blurred = blurBy(image, blur);
    multiplyOpacity(blurred, opacityOf(p));
    if (!exterior) {
      // keep the inside: DestinationIn with the source image
      const d = blurred.data;
      for (let i = 3; i < d.length; i += 4) {
        const t = d[i] * original![i];
        d[i] = (t + (t >> 8) + 0x80) >> 8;
      }
    }
    const blend = propNumber(p, "blend_mode", 0);
    return [{ image: blurred, x: left, y: top, blend }];
  }

  /**
   * `QgsTransformEffect::createTransform`: about the centre of the
   * picture's bounds, reflection, scale, shear, rotation (degrees,
   * clockwise), then the translation in its unit.
   */
  transformOf(p: Record<string, string>, pic: Picture): number[] {
    const [left, top, width, height] = this.brect(pic);
    const tx = px(
      this.pc,
      p,
      propNumber(p, "translate_x", 0),
      "translate_unit",
    );
    const ty = px(
      this.pc,
      p,
      propNumber(p, "translate_y", 0),
      "translate_unit",
    );
    const cx = left + width / 2, cy = top + height / 2;
    // QTransform products, row vectors: each call applies before the ones above
    let m = [1, 0, 0, 1, tx + cx, ty + cy];
    const mul = (a: number[], b: number[]) => [
      b[0] * a[0] + b[1] * a[2],
      b[0] * a[1] + b[1] * a[3],
      b[2] * a[0] + b[3] * a[2],
      b[2] * a[1] + b[3] * a[3],
      b[4] * a[0] + b[5] * a[2] + a[4],
      b[4] * a[1] + b[5] * a[3] + a[5],
    ];
    const r = (propNumber(p, "rotation", 0) * Math.PI) / 180;
    m = mul(m, [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0]);
    m = mul(m, [
      1,
      propNumber(p, "shear_y", 0),
      propNumber(p, "shear_x", 0),
      1,
      0,
      0,
    ]);
    m = mul(m, [
      propNumber(p, "scale_x", 1),
      0,
      0,
      propNumber(p, "scale_y", 1),
      0,
      0,
    ]);
    const rx = p.reflect_x === "1" ? -1 : 1, ry = p.reflect_y === "1" ? -1 : 1;
    m = mul(m, [rx, 0, 0, ry, 0, 0]);
    return mul(m, [1, 0, 0, 1, -cx, -cy]);
  }

  /** `QgsBlurEffect::draw`. */
  blur(effect: PaintEffect, pic: Picture): Picture {
    const p = effect.props;
    const level = Math.round(px(this.pc, p, blurLevelOf(p), "blur_unit"));
    const margin = level * 2 + 10;
    const [l0, t0, w0, h0] = this.brect(pic);
    const left = l0 - margin, top = t0 - margin;
    const image = this.rasterize(
      pic,
      left,
      top,
      w0 + 2 * margin,
      h0 + 2 * margin,
    );
    let out = image;
    if (propNumber(p, "blur_method", 0) === 1) out = gaussianBlur(image, level);
    else stackBlur(image, level);
    multiplyOpacity(out, opacityOf(p));
    return [{
      image: out,
      x: left,
      y: top,
      blend: propNumber(p, "blend_mode", 0),
    }];
  }
}

/** QGIS's draw modes: 0 modifier, 1 render, 2 modify and render. */
function drawMode(e: PaintEffect): number {
  return propNumber(e.props, "draw_mode", 2);
}

function opacityOf(p: Record<string, string>): number {
  if (p.transparency !== undefined && p.transparency !== "") {
    return 1 - propNumber(p, "transparency", 0);
  }
  return propNumber(p, "opacity", 1);
}

/**
 * Blur level (QGIS 3.22's shadows, glows and blurs alike: 2.645 mm when
 * unset); styles from before blur units gave pixels at 96 dpi.
 */
function blurLevelOf(p: Record<string, string>): number {
  const level = propNumber(p, "blur_level", 2.645);
  return p.blur_unit === undefined && p.blur_level !== undefined
    ? level * 0.2645
    : level;
}

/** Stack blur up to 16 px, Gaussian beyond (QGIS's shadows and glows). */
function blurBy(image: RgbaImage, level: number): RgbaImage {
  if (level <= 16) {
    stackBlur(image, level);
    return image;
  }
  return gaussianBlur(image, level);
}

function interpolate(a: Rgba, b: Rgba, v: number): Rgba {
  const c = (i: number) => Math.round(a[i] + v * (b[i] - a[i]));
  return [c(0), c(1), c(2), c(3)];
}

/**
 * The glow's colours: its single colour fading to transparent, or its
 * gradient ramp (`color1`, `color2`, `stops` as `offset;r,g,b,a:…`).
 */
function glowRamp(p: Record<string, string>): ColorRampFn {
  if (propNumber(p, "color_type", 0) !== 1) {
    const c = parseColor(p.single_color, [255, 255, 255, 255]);
    return (v) => interpolate(c, [c[0], c[1], c[2], 0], v);
  }
  const stops: [number, Rgba][] = [[0, parseColor(p.color1, [0, 0, 255, 255])]];
  for (const s of (p.stops ?? "").split(":")) {
    const [o, c] = s.split(";");
    if (c !== undefined && Number.isFinite(Number(o))) {
      stops.push([Number(o), parseColor(c)]);
    }
  }
  stops.push([1, parseColor(p.color2, [0, 255, 0, 255])]);
  const discrete = p.discrete === "1";
  return (v) => {
    for (let i = 1; i < stops.length; i++) {
      const [o1, c1] = stops[i];
      if (v <= o1 || i === stops.length - 1) {
        const [o0, c0] = stops[i - 1];
        if (discrete) return c0;
        const t = o1 > o0 ? (v - o0) / (o1 - o0) : 0;
        return interpolate(c0, c1, Math.min(1, Math.max(0, t)));
      }
    }
    return stops[stops.length - 1][1];
  };
}

/**
 * The inner shadow's image: `shadow` drawn at `(tx, ty)` (rounded, as Qt
 * draws an image) into a transparent image, then kept where `source` is
 * opaque (`DestinationIn`).
 */
function composeInner(
  _pc: PaintContext,
  shadow: RgbaImage,
  tx: number,
  ty: number,
  source: RgbaImage,
): RgbaImage {
  const { width: w, height: h } = shadow;
  const out = new Uint8Array(w * h * 4);
  const dx = Math.round(tx), dy = Math.round(ty);
  for (let y = 0; y < h; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= h) continue;
    for (let x = 0; x < w; x++) {
      const sx = x - dx;
      if (sx < 0 || sx >= w) continue;
      const i = (y * w + x) * 4, j = (sy * w + sx) * 4;
      const t = shadow.data[j + 3] * source.data[i + 3];
      out[i] = shadow.data[j];
      out[i + 1] = shadow.data[j + 1];
      out[i + 2] = shadow.data[j + 2];
      out[i + 3] = (t + (t >> 8) + 0x80) >> 8;
    }
  }
  return { data: out, width: w, height: h };
}

/** Draws an image at a whole-pixel position with its composition mode. */
function drawImageAt(
  pc: PaintContext,
  item: Placed,
  x: number,
  y: number,
): void {
  const { ck } = pc;
  const { image } = item;
  const img: Image | null = ck.MakeImage(
    {
      width: image.width,
      height: image.height,
      alphaType: ck.AlphaType.Unpremul,
      colorType: ck.ColorType.RGBA_8888,
      colorSpace: ck.ColorSpace.SRGB,
    },
    image.data,
    image.width * 4,
  );
  if (!img) return;
  const paint: Paint = new ck.Paint();
  paint.setBlendMode(compositionOf(pc, item.blend));
  pc.canvas.drawImage(img, x, y, paint);
  paint.delete();
  img.delete();
}
