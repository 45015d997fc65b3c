/**
 * Skia paints as QPainter's pens and brushes (Qt dash patterns, Qt's 8×8
 * brush patterns), and the draw/clip helpers every symbol layer painter
 * shares. Every path made here is deleted after drawing; a paint too,
 * unless it comes from the context's {@link PaintCache} (features of one
 * symbol share their paints, saving a dozen WebAssembly calls each).
 *
 * @module
 */
import type { Canvas, Image, Paint, Path } from "canvaskit-wasm";
import type { Rgba } from "../style/props.ts";
import type { PaintContext } from "./context.ts";
import {
  type capOf,
  color,
  type joinOf,
  newPaint,
  pathOf,
  qtDashPattern,
} from "./_skia.ts";

/** Most paints one cache keeps; past it, paints are made and deleted per draw. */
const MAX_CACHED = 2048;
const shared = new WeakSet<Paint>();

/**
 * Paints kept while a layer is drawn, one per distinct setting, shared by
 * its features; {@link PaintCache.delete} frees them. A cached paint is
 * never changed after it is made (the cosmetic pen's only sets its colour
 * before each draw).
 */
export class PaintCache {
  #paints = new Map<string, Paint | null>();
  #images = new Map<string, Image | null>();
  // the last solid brush asked for, by its colour array's identity: the
  // features of a layer without data-defined colours ask for the same
  // one, whose key need not be spelled out each time
  #brush: {
    rgba: Rgba;
    opacity: number;
    blend: number;
    paint: Paint | null;
  } | null = null;

  /**
   * The solid brush of `rgba` (never changed in place) at `opacity`, made
   * by `make` the first time.
   */
  brush(
    rgba: Rgba,
    opacity: number,
    blend: number,
    make: () => Paint | null,
  ): Paint | null {
    const b = this.#brush;
    if (
      b !== null && b.rgba === rgba && b.opacity === opacity &&
      b.blend === blend
    ) return b.paint;
    const paint = this.get(`f${blend}|${rgba}|${opacity}`, make);
    // only a paint the cache keeps (not one past its limit)
    if (paint === null || shared.has(paint)) {
      this.#brush = { rgba, opacity, blend, paint };
    }
    return paint;
  }

  /** The paint of `key`, made by `make` the first time. */
  get(key: string, make: () => Paint | null): Paint | null {
    let p = this.#paints.get(key);
    if (p !== undefined) return p;
    p = make();
    if (this.#paints.size >= MAX_CACHED) return p;
    if (p) shared.add(p);
    this.#paints.set(key, p);
    return p;
  }

  /**
   * The image of `key` (a pattern fill's texture tile), made by `make` the
   * first time; `undefined` when the cache is full (the caller makes and
   * deletes its own).
   */
  image(key: string, make: () => Image | null): Image | null | undefined {
    const cached = this.#images.get(key);
    if (cached !== undefined) return cached;
    if (this.#images.size >= MAX_CACHED) return undefined;
    const image = make();
    this.#images.set(key, image);
    return image;
  }

  /** Deletes every paint and image. */
  delete(): void {
    this.#brush = null;
    for (const p of this.#paints.values()) p?.delete();
    this.#paints.clear();
    for (const i of this.#images.values()) i?.delete();
    this.#images.clear();
  }
}

/** Deletes a paint unless a {@link PaintCache} holds it. */
export function releasePaint(p: Paint | null): void {
  if (p && !shared.has(p)) p.delete();
}

function cached(
  pc: PaintContext,
  key: () => string,
  make: () => Paint | null,
): Paint | null {
  return pc.paints ? pc.paints.get(key(), make) : make();
}

/** A stroke paint as QPainter's pen (Qt dash patterns scale with the width). */
export function strokePaint(
  pc: PaintContext,
  rgba: Rgba,
  opacity: number,
  width: number,
  style: string,
  cap: ReturnType<typeof capOf>,
  join: ReturnType<typeof joinOf>,
  customDash: number[] | null,
  dashOffset = 0,
): Paint | null {
  if (style === "no" || rgba[3] === 0) return null;
  return cached(
    pc,
    () =>
      `s${pc.featureBlendMode}|${rgba}|${opacity}|${width}|${style}|${cap.value}|${join.value}|${customDash}|${dashOffset}`,
    () =>
      makeStrokePaint(
        pc,
        rgba,
        opacity,
        width,
        style,
        cap,
        join,
        customDash,
        dashOffset,
      ),
  );
}

function makeStrokePaint(
  pc: PaintContext,
  rgba: Rgba,
  opacity: number,
  width: number,
  style: string,
  cap: ReturnType<typeof capOf>,
  join: ReturnType<typeof joinOf>,
  customDash: number[] | null,
  dashOffset: number,
): Paint {
  const { ck } = pc;
  const p = newPaint(ck, pc.featureBlendMode);
  p.setStyle(ck.PaintStyle.Stroke);
  p.setColor(color(ck, rgba, opacity));
  p.setStrokeWidth(width);
  p.setStrokeCap(cap);
  p.setStrokeJoin(join);
  p.setStrokeMiter(2); // Qt's default miter limit
  let dash: number[] | null = null;
  if (customDash && customDash.length >= 2) dash = customDash;
  else {
    const pattern = qtDashPattern(style);
    if (pattern) {
      const unit = Math.max(width, 1);
      dash = pattern.map((v) => v * unit);
    }
  }
  if (dash) {
    if (dash.length % 2 === 1) dash = [...dash, ...dash];
    if (dash.some((v) => v > 0)) {
      const effect = ck.PathEffect.MakeDash(dash, dashOffset);
      p.setPathEffect(effect);
      effect.delete();
    }
  }
  return p;
}

/** A solid brush; null when nothing would show. */
export function fillPaint(
  pc: PaintContext,
  rgba: Rgba,
  opacity: number,
): Paint | null {
  if (rgba[3] === 0 || opacity === 0) return null;
  const make = () => {
    const p = newPaint(pc.ck, pc.featureBlendMode);
    p.setStyle(pc.ck.PaintStyle.Fill);
    p.setColor(color(pc.ck, rgba, opacity));
    return p;
  };
  return pc.paints
    ? pc.paints.brush(rgba, opacity, pc.featureBlendMode, make)
    : make();
}

// Qt's 8×8 brush patterns as X bitmaps (bit x of row y, least significant
// bit first; a CLEAR bit is painted with the brush colour).
const PATTERNS: Record<string, number[]> = {
  dense1: [0x00, 0x44, 0x00, 0x00, 0x00, 0x44, 0x00, 0x00],
  dense2: [0x88, 0x00, 0x22, 0x00, 0x88, 0x00, 0x22, 0x00],
  dense3: [0xaa, 0x44, 0xaa, 0x11, 0xaa, 0x44, 0xaa, 0x11],
  dense4: [0x55, 0xaa, 0x55, 0xaa, 0x55, 0xaa, 0x55, 0xaa],
  dense5: [0x55, 0xbb, 0x55, 0xee, 0x55, 0xbb, 0x55, 0xee],
  dense6: [0x77, 0xff, 0xdd, 0xff, 0x77, 0xff, 0xdd, 0xff],
  dense7: [0xff, 0xbb, 0xff, 0xff, 0xff, 0xbb, 0xff, 0xff],
  horizontal: [0xff, 0xff, 0xff, 0x00, 0xff, 0xff, 0xff, 0xff],
  vertical: [0xef, 0xef, 0xef, 0xef, 0xef, 0xef, 0xef, 0xef],
  cross: [0xef, 0xef, 0xef, 0x00, 0xef, 0xef, 0xef, 0xef],
  b_diagonal: [0x7f, 0xbf, 0xdf, 0xef, 0xf7, 0xfb, 0xfd, 0xfe],
  f_diagonal: [0xfe, 0xfd, 0xfb, 0xf7, 0xef, 0xdf, 0xbf, 0x7f],
  diagonal_x: [0x7e, 0xbd, 0xdb, 0xe7, 0xe7, 0xdb, 0xbd, 0x7e],
};

/**
 * A paint filling with Qt's brush pattern in a colour: pixel-aligned on an
 * unscaled canvas; under a scaled or turned one (a legend drawn at 0.75),
 * the pattern scaled with it and sampled smoothly, as Qt's raster engine
 * draws a pattern brush through the painter's matrix with
 * `SmoothPixmapTransform`. The pattern starts at `origin` (the geometry's
 * pixels) where the painter QGIS draws with is translated there (a legend
 * patch's corner, a part drawn with an effect), else at the canvas origin.
 */
export function patternPaint(
  pc: PaintContext,
  style: string,
  rgba: Rgba,
  opacity: number,
  origin: [number, number] | null = null,
): Paint | null {
  const bits = PATTERNS[style];
  if (!bits) return null;
  const m = pc.canvas.getTotalMatrix();
  const smooth = m[0] !== 1 || m[4] !== 1 || m[1] !== 0 || m[3] !== 0;
  return cached(
    pc,
    () =>
      `p${pc.featureBlendMode}|${style}|${rgba}|${opacity}|${smooth}|${origin}`,
    () => makePatternPaint(pc, bits, rgba, opacity, smooth, origin),
  );
}

function makePatternPaint(
  pc: PaintContext,
  bits: number[],
  rgba: Rgba,
  opacity: number,
  smooth: boolean,
  origin: [number, number] | null,
): Paint | null {
  const { ck } = pc;
  const pixels = new Uint8Array(8 * 8 * 4);
  const a = Math.round(rgba[3] * opacity);
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      if (!(bits[y] & (1 << x))) {
        const i = (y * 8 + x) * 4;
        pixels.set([rgba[0], rgba[1], rgba[2], a], i);
      }
    }
  }
  const image = ck.MakeImage(
    {
      width: 8,
      height: 8,
      alphaType: ck.AlphaType.Unpremul,
      colorType: ck.ColorType.RGBA_8888,
      colorSpace: ck.ColorSpace.SRGB,
    },
    pixels,
    32,
  );
  if (!image) return null;
  const shader = image.makeShaderOptions(
    ck.TileMode.Repeat,
    ck.TileMode.Repeat,
    smooth ? ck.FilterMode.Linear : ck.FilterMode.Nearest,
    ck.MipmapMode.None,
    origin ? ck.Matrix.translated(origin[0], origin[1]) : undefined,
  );
  image.delete();
  const p = newPaint(ck, pc.featureBlendMode);
  p.setShader(shader);
  shader.delete();
  return p;
}

/**
 * Draws a path with each paint, then deletes the path and the paints (those
 * of a {@link PaintCache} stay).
 */
export function drawAndDelete(
  canvas: Canvas,
  path: Path,
  paints: (Paint | null)[],
): void {
  for (const p of paints) {
    if (p) {
      canvas.drawPath(path, p);
      releasePaint(p);
    }
  }
  path.delete();
}

/** Clips the canvas to rings (even-odd); returns the function that restores it. */
export function clipTo(pc: PaintContext, rings: Float64Array[]): () => void {
  const path = pathOf(pc.ck, rings, true);
  pc.canvas.save();
  pc.canvas.clipPath(path, pc.ck.ClipOp.Intersect, true);
  path.delete();
  return () => pc.canvas.restore();
}

/** The pixel bounding box `[x0, y0, x1, y1]` of rings. */
export function bounds(
  rings: Float64Array[],
): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const r of rings) {
    for (let i = 0; i + 1 < r.length; i += 2) {
      x0 = Math.min(x0, r[i]);
      x1 = Math.max(x1, r[i]);
      y0 = Math.min(y0, r[i + 1]);
      y1 = Math.max(y1, r[i + 1]);
    }
  }
  return [x0, y0, x1, y1];
}
