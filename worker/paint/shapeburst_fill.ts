/**
 * QGIS's `ShapeburstFill` symbol layer as QGIS 3.22 draws it
 * (`QgsShapeburstFillSymbolLayer::renderPolygon`): the polygon (clipped to
 * the map extent grown by a tenth on every side, `QgsSymbol::_getPolygon`)
 * drawn white with a one-pixel black pen into an image of its bounding box
 * plus a margin; each pixel shaded by its Euclidean distance to the
 * nearest black one (Felzenszwalb and Huttenlocher's transform) through a
 * colour ramp, over `max_distance` (or the shape's deepest pixel), then
 * kept where the polygon and its pen were drawn and placed on the map at
 * its corner truncated to whole pixels.
 *
 * @module
 */
import type { Rgba } from "../style/props.ts";
import { parseColor, propNumber, propPoint } from "../style/props.ts";
import type { SymbolLayer } from "../style/model.ts";
import type { PaintContext } from "./context.ts";
import { newPaint, pathOf } from "./_skia.ts";
import { type Dd, px } from "./_dd.ts";
import { bounds } from "./_paints.ts";
import { cosmeticPixels } from "./cosmetic.ts";
import { releaseSurface, takeSurface } from "./surface.ts";
import {
  DT_INF,
  squaredDistanceTransform,
  stackBlur,
  unpremultiply,
} from "./image_ops.ts";

// QColor::fromRgbF's 16-bit channel read back as 8 bits (qRound(x / 257)).
function channelF(a: number, b: number, v: number): number {
  const f = a / 255 + v * (b / 255 - a / 255);
  const c16 = Math.floor(Math.min(1, Math.max(0, f)) * 65535 + 0.5);
  return Math.floor(c16 / 257 + 0.5);
}

function interpolate(a: Rgba, b: Rgba, v: number): Rgba {
  return [
    channelF(a[0], b[0], v),
    channelF(a[1], b[1], v),
    channelF(a[2], b[2], v),
    channelF(a[3], b[3], v),
  ];
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-8;
}

/**
 * `QgsGradientColorRamp::color`: the colour at `value` (0–1) of a ramp from
 * `c1` to `c2` through `stops` (offset, colour), interpolated in RGB.
 *
 * @example
 * ```ts
 * import { gradientRampColor } from "./shapeburst_fill.ts";
 * gradientRampColor([255, 255, 255, 255], [0, 0, 0, 255], [], false, 0.5);
 * // [128, 128, 128, 255]
 * ```
 */
export function gradientRampColor(
  c1: Rgba,
  c2: Rgba,
  stops: [number, Rgba][],
  discrete: boolean,
  value: number,
): Rgba {
  if (near(value, 0) || value < 0) return c1;
  if (near(value, 1) || value > 1) return c2;
  let lower = 0;
  let from = c1;
  for (const [offset, c] of stops) {
    if (offset > value) {
      if (discrete) return from;
      return near(offset, lower)
        ? from
        : interpolate(from, c, (value - lower) / (offset - lower));
    }
    lower = offset;
    from = c;
  }
  if (discrete) return from;
  return near(1, lower)
    ? from
    : interpolate(from, c2, (value - lower) / (1 - lower));
}

function rampOf(
  layer: SymbolLayer,
  dd: Dd,
): (v: number) => Rgba {
  const p = layer.props;
  if (propNumber(p, "color_type", 0) === 1) {
    const stops: [number, Rgba][] = [];
    for (const s of (p.stops ?? "").split(":")) {
      const [o, c] = s.split(";");
      if (c !== undefined && Number.isFinite(Number(o))) {
        stops.push([Number(o), parseColor(c)]);
      }
    }
    const c1 = parseColor(p.color1, [0, 0, 255, 255]);
    const c2 = parseColor(p.color2, [0, 255, 0, 255]);
    const discrete = p.discrete === "1";
    return (v) => gradientRampColor(c1, c2, stops, discrete, v);
  }
  const c1 = dd.colorOf(layer, "fillColor", "color", [0, 0, 255, 255]);
  const c2 = dd.colorOf(layer, "secondaryColor", "gradient_color2", [
    255,
    255,
    255,
    255,
  ]);
  return (v) => gradientRampColor(c1, c2, [], false, v);
}

// Sutherland–Hodgman against one edge of the clip rectangle.
function clipEdge(
  r: number[],
  inside: (x: number, y: number) => boolean,
  cut: (x0: number, y0: number, x1: number, y1: number) => [number, number],
): number[] {
  const out: number[] = [];
  const n = r.length / 2;
  if (n === 0) return out;
  let px0 = r[(n - 1) * 2], py0 = r[(n - 1) * 2 + 1];
  let in0 = inside(px0, py0);
  for (let i = 0; i < n; i++) {
    const x = r[i * 2], y = r[i * 2 + 1];
    const in1 = inside(x, y);
    if (in1) {
      if (!in0) out.push(...cut(px0, py0, x, y));
      out.push(x, y);
    } else if (in0) out.push(...cut(px0, py0, x, y));
    px0 = x;
    py0 = y;
    in0 = in1;
  }
  return out;
}

/**
 * A ring clipped to a rectangle (`QgsClipper::trimPolygon`), open (its
 * first point not repeated).
 *
 * @example
 * ```ts
 * import { trimRing } from "./shapeburst_fill.ts";
 * trimRing(Float64Array.of(-5, -5, 5, -5, 5, 5, -5, 5, -5, -5), [0, 0, 10, 10]);
 * // [0, 0, 5, 0, 5, 5, 0, 5]
 * ```
 */
export function trimRing(
  ring: Float64Array,
  [x0, y0, x1, y1]: [number, number, number, number],
): number[] {
  let r = Array.from(ring);
  const n = r.length;
  if (n >= 4 && r[0] === r[n - 2] && r[1] === r[n - 1]) r = r.slice(0, -2);
  const atX = (x: number) => (ax: number, ay: number, bx: number, by: number) =>
    [x, ay + (by - ay) * (x - ax) / (bx - ax)] as [number, number];
  const atY = (y: number) => (ax: number, ay: number, bx: number, by: number) =>
    [ax + (bx - ax) * (y - ay) / (by - ay), y] as [number, number];
  r = clipEdge(r, (x) => x <= x1, atX(x1));
  r = clipEdge(r, (_x, y) => y <= y1, atY(y1));
  r = clipEdge(r, (x) => x >= x0, atX(x0));
  r = clipEdge(r, (_x, y) => y >= y0, atY(y0));
  return r;
}

/**
 * Rings drawn white with a one-pixel black pen into a transparent image:
 * the pen as QPainter draws a pen one pixel wide, through its cosmetic
 * stroker (a full pixel of coverage spread across two pixels), so a ring
 * under a pixel or two (a tiny island) darkens no pixel to black and
 * leaves no pixel at distance 0, as in QGIS.
 */
function drawMask(
  pc: PaintContext,
  rings: number[][],
  w: number,
  h: number,
  tx: number,
  ty: number,
): Uint8Array {
  const { ck } = pc;
  const off = takeSurface(ck, w, h);
  if (!off) {
    throw new RangeError(`Cannot draw a shapeburst fill: no ${w}×${h} surface`);
  }
  let pixels: Uint8Array;
  try {
    const canvas = off.surface.getCanvas();
    canvas.clear(ck.TRANSPARENT);
    canvas.save();
    canvas.translate(tx, ty);
    const path = pathOf(ck, rings, true);
    const fill = newPaint(ck, 0);
    fill.setAntiAlias(true);
    fill.setColor(ck.WHITE);
    canvas.drawPath(path, fill);
    fill.delete();
    path.delete();
    canvas.restore();
    off.surface.flush();
    pixels = off.pixels().slice();
  } finally {
    releaseSurface(ck, off);
  }
  // the closed rings in the image's pixels; one ring is QPainter's
  // drawPolygon, several a path of closed subpaths
  const paths = rings.map((r) => {
    const n = r.length;
    const closed = r[0] === r[n - 2] && r[1] === r[n - 1];
    const points = new Float64Array(closed ? n : n + 2);
    for (let i = 0; i + 1 < n; i += 2) {
      points[i] = r[i] + tx;
      points[i + 1] = r[i + 1] + ty;
    }
    if (!closed) {
      points[n] = points[0];
      points[n + 1] = points[1];
    }
    return { points };
  });
  // opaque black over the pixel at the coverage: Qt's solid source-over
  cosmeticPixels(
    paths,
    { width: 1, caps: false, dash: null, dashOffset: 0 },
    w,
    h,
    (x, y, c) => {
      const i = (y * w + x) * 4;
      const keep = 255 - c;
      pixels[i] = mul(pixels[i], keep);
      pixels[i + 1] = mul(pixels[i + 1], keep);
      pixels[i + 2] = mul(pixels[i + 2], keep);
      pixels[i + 3] = c + mul(pixels[i + 3], keep);
    },
  );
  return pixels;
}

/**
 * Draws one polygon (exterior ring first, then its holes; pixels) with a
 * `ShapeburstFill` layer.
 *
 * @example
 * ```ts ignore
 * import { shapeburstFill } from "./shapeburst_fill.ts";
 * shapeburstFill(pc, layer, rings, 1, dd);
 * ```
 */
export function shapeburstFill(
  pc: PaintContext,
  layer: SymbolLayer,
  rings: Float64Array[],
  opacity: number,
  dd: Dd,
): void {
  const p = layer.props;
  const { width: mw, height: mh } = pc.map;
  const clip: [number, number, number, number] = [
    -mw / 10,
    -mh / 10,
    mw * 1.1,
    mh * 1.1,
  ];
  const clipped = rings.map((r) => trimRing(r, clip));
  const exterior = clipped[0];
  if (!exterior || exterior.length < 6) return;
  const blurRadius = Math.trunc(propNumber(p, "blur_radius", 0));
  const useWholeShape = p.use_whole_shape === "1";
  const maxDistance = propNumber(p, "max_distance", 5);
  const ignoreRings = p.ignore_rings === "1";
  let maxPx = 0;
  if (!useWholeShape && !near(maxDistance, 0)) {
    maxPx = Math.round(px(pc, p, maxDistance, "distance_unit"));
  }
  const ramp = rampOf(layer, dd);
  const [bx0, by0, bx1, by1] = bounds([Float64Array.from(exterior)]);
  const side = 4 + (blurRadius + 2) * 4;
  const w = Math.round(bx1 - bx0) + side * 2;
  const h = Math.round(by1 - by0) + side * 2;
  if (w <= 0 || h <= 0) return;
  const tx = -bx0 + side, ty = -by0 + side;
  const drawn = clipped.filter((r) => r.length >= 6);
  const alpha = drawMask(pc, drawn, w, h, tx, ty);
  const shape = ignoreRings ? drawMask(pc, [exterior], w, h, tx, ty) : alpha;
  // the shape over black: a pixel with no white in it is at distance 0
  const n = w * h;
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) dist[i] = shape[i * 4] === 0 ? 0 : DT_INF;
  squaredDistanceTransform(dist, w, h);
  let maxValue = maxPx;
  if (useWholeShape) {
    let m = dist[0];
    for (let i = 1; i < n; i++) if (dist[i] > m) m = dist[i];
    maxValue = Math.sqrt(m);
  }
  // premultiplied ramp colours, opacity, then kept where the mask is
  const out = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const sq = dist[i];
    const v = maxValue > 0
      ? (sq > 0 ? Math.min(Math.sqrt(sq) / maxValue, 1) : 0)
      : 1;
    const c = ramp(v);
    const a = c[3];
    out[i * 4] = mul(c[0], a);
    out[i * 4 + 1] = mul(c[1], a);
    out[i * 4 + 2] = mul(c[2], a);
    out[i * 4 + 3] = a;
  }
  if (opacity < 1) {
    const f = Math.round(opacity * 255);
    for (let i = 0; i < n * 4; i++) out[i] = mul(out[i], f);
  }
  if (blurRadius > 0) {
    unpremultiply(out);
    stackBlur({ data: out, width: w, height: h }, blurRadius);
    for (let i = 0; i < n; i++) {
      const a = out[i * 4 + 3];
      out[i * 4] = mul(out[i * 4], a);
      out[i * 4 + 1] = mul(out[i * 4 + 1], a);
      out[i * 4 + 2] = mul(out[i * 4 + 2], a);
    }
  }
  for (let i = 0; i < n; i++) {
    const m = alpha[i * 4 + 3];
    for (let k = 0; k < 4; k++) out[i * 4 + k] = mul(out[i * 4 + k], m);
  }
  let [ox, oy] = propPoint(p, "offset");
  ox = px(pc, p, ox, "offset_unit");
  oy = px(pc, p, oy, "offset_unit");
  drawPremultiplied(
    pc,
    out,
    w,
    h,
    // QPainter::drawImage at a QPointF: the corner truncated to whole pixels
    Math.trunc(bx0 - side + ox),
    Math.trunc(by0 - side + oy),
  );
}

// Qt's BYTE_MUL: x · a / 255 rounded.
function mul(x: number, a: number): number {
  const t = x * a + 0x80;
  return (t + (t >> 8)) >> 8;
}

function drawPremultiplied(
  pc: PaintContext,
  data: Uint8Array,
  w: number,
  h: number,
  x: number,
  y: number,
): void {
  const { ck } = pc;
  const img = ck.MakeImage(
    {
      width: w,
      height: h,
      alphaType: ck.AlphaType.Premul,
      colorType: ck.ColorType.RGBA_8888,
      colorSpace: ck.ColorSpace.SRGB,
    },
    data,
    w * 4,
  );
  if (!img) return;
  const paint = newPaint(ck, pc.featureBlendMode);
  pc.canvas.drawImage(img, x, y, paint);
  paint.delete();
  img.delete();
}
