/**
 * The heatmap renderer (`QgsHeatmapRenderer`, QGIS 3.22): each point adds
 * a quartic kernel of its weight to a raster of `quality`-pixel cells, the
 * sums are scaled by the explicit maximum (or the highest sum) and drawn
 * through the gradient ramp, the raster stretched over the map as Qt
 * scales an image (nearest cell).
 *
 * @module
 */
import type { Feature } from "../geometry/types.ts";
import type { ColorRamp, HeatmapRenderer } from "../style/model.ts";
import { toPixels } from "../style/props.ts";
import { mapToPixel } from "../map/map_settings.ts";
import type { CompiledExpression, PaintContext } from "./context.ts";

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-8;
const qRound = (v: number) =>
  v >= 0 ? Math.trunc(v + 0.5) : Math.trunc(v - 0.5);

/**
 * The ramp's colour at `value` as `QgsGradientColorRamp::color` gives it
 * (blended in QColor's 16-bit channels) and `QColor::rgba` rounds it to
 * 8 bits; a ramp of colours in equal steps (`QgsPresetSchemeColorRamp`,
 * `QgsColorBrewerColorRamp::color`) gives the colour of the step `value`
 * falls in (the last one at 1).
 *
 * @example
 * ```ts
 * import { rampColor } from "./heatmap.ts";
 * const ramp = { color1: [255, 255, 255, 0], color2: [255, 0, 0, 255], discrete: false, stops: [] };
 * rampColor(ramp as never, 0.5); // [255, 128, 128, 128]
 * rampColor({ colors: [[255, 0, 0, 255], [0, 0, 255, 255]] }, 0.5); // [0, 0, 255, 255]
 * ```
 */
export function rampColor(
  ramp: ColorRamp,
  value: number,
): [number, number, number, number] {
  if ("colors" in ramp) {
    // QGIS answers an invalid colour outside 0–1, which its callers never
    // ask for (values are clamped first): the nearest end here
    const n = ramp.colors.length;
    const at = Math.trunc(Math.min(Math.max(value, 0), 1) * n);
    return ramp.colors[Math.min(Number.isNaN(at) ? n - 1 : at, n - 1)];
  }
  if (near(value, 0) || value < 0) return ramp.color1;
  if (near(value, 1) || value > 1) return ramp.color2;
  let lower = 0;
  let c1 = ramp.color1;
  for (const [offset, color] of ramp.stops) {
    if (offset > value) {
      if (ramp.discrete) return c1;
      return near(offset, lower)
        ? c1
        : blend(c1, color, (value - lower) / (offset - lower));
    }
    lower = offset;
    c1 = color;
  }
  if (ramp.discrete) return c1;
  return near(1, lower)
    ? c1
    : blend(c1, ramp.color2, (value - lower) / (1 - lower));
}

function blend(
  a: [number, number, number, number],
  b: [number, number, number, number],
  t: number,
): [number, number, number, number] {
  if (Number.isNaN(t)) return b;
  // QColor::fromRgbF keeps 16 bits (qRound(f × 65535)); rgba() divides
  // by 257, rounded
  const ch = (x: number, y: number) => {
    const f = x / 255 + t * (y / 255 - x / 255);
    return qRound(qRound(f * 65535) / 257);
  };
  return [ch(a[0], b[0]), ch(a[1], b[1]), ch(a[2], b[2]), ch(a[3], b[3])];
}

/**
 * How far beyond the map QGIS requests the features of a heatmap layer
 * (`modifyRequestExtent`: the radius in map units).
 *
 * @example
 * ```ts ignore
 * const grow = heatmapRequestMargin(renderer, map);
 * ```
 */
export function heatmapRequestMargin(
  renderer: HeatmapRenderer,
  map: PaintContext["map"],
): number {
  return toPixels(renderer.radius, renderer.radiusUnit, map) *
    map.mapUnitsPerPixel;
}

/**
 * Paints `features` (points, in map coordinates) as the heatmap renderer
 * draws them onto the layer's painter.
 *
 * @example
 * ```ts ignore
 * paintHeatmap(pc, renderer, features, new Set(["weight"]));
 * ```
 */
export function paintHeatmap(
  pc: PaintContext,
  renderer: HeatmapRenderer,
  features: Feature[],
  fields: Set<string>,
): void {
  const q = renderer.quality;
  const ramp = renderer.ramp;
  // a quality of 0 (no attribute) divides by zero in QGIS: nothing drawn
  if (!ramp || q < 1) return;
  const { width: devW, height: devH } = pc.map;
  const width = Math.trunc(devW / q), height = Math.trunc(devH / q);
  const count = Math.trunc(devW * devH / (q * q));
  const values = new Float64Array(count);
  let max = 0;
  const radius = qRound(
    toPixels(renderer.radius, renderer.radiusUnit, pc.map) / q,
  );
  const r2 = radius * radius;
  let weightOf: (f: Feature) => unknown = () => 1;
  const w = renderer.weight;
  if (w !== "") {
    if (fields.has(w)) weightOf = (f) => f.attributes[w];
    else {
      let fn: CompiledExpression | null = null;
      try {
        fn = pc.compile(w);
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        pc.warn(`heatmap weight '${w}' is NULL: ${error.message}`);
      }
      weightOf = fn
        ? (f) =>
          fn({ feature: f, geometry: f.geometry, variables: pc.variables })
        : () => null;
    }
  }
  for (const f of features) {
    const g = f.geometry;
    // QGIS draws point geometries only
    if (!g || g.kind !== "point") continue;
    let weight = 1;
    if (w !== "") {
      const v = weightOf(f);
      // QVariant::toDouble: numbers and numeric texts; anything else
      // leaves the weight at 1
      const n = typeof v === "number"
        ? v
        : typeof v === "string" && v.trim() !== ""
        ? Number(v)
        : typeof v === "boolean"
        ? Number(v)
        : NaN;
      if (Number.isFinite(n)) weight = n;
    }
    for (const part of g.parts) {
      const xy = part[0];
      if (!xy || xy.length < 2) continue;
      const [px, py] = mapToPixel(pc.map, xy[0], xy[1]);
      // int conversions truncate toward zero
      const x0 = Math.trunc(px / q), y0 = Math.trunc(py / q);
      const xEnd = Math.min(x0 + radius, width);
      const yEnd = Math.min(y0 + radius, height);
      for (let x = Math.max(x0 - radius, 0); x < xEnd; x++) {
        for (let y = Math.max(y0 - radius, 0); y < yEnd; y++) {
          const index = y * width + x;
          if (index >= count) continue;
          const d2 = (x0 - x) ** 2 + (y0 - y) ** 2;
          if (d2 > r2) continue;
          const k = 1 - (Math.sqrt(d2) / radius) ** 2;
          const value = values[index] + weight * k * k;
          if (value > max) max = value;
          values[index] = value;
        }
      }
    }
  }
  const scaleMax = renderer.maxValue > 0 ? renderer.maxValue : max;
  const cells = new Uint8Array(width * height * 4);
  let last = -1;
  let color = rampColor(ramp, 0);
  for (let i = 0; i < width * height; i++) {
    const v = values[i];
    const t = v > 0 ? Math.min(v / scaleMax, 1) : 0;
    if (t !== last) color = rampColor(ramp, t), last = t;
    cells[4 * i] = color[0];
    cells[4 * i + 1] = color[1];
    cells[4 * i + 2] = color[2];
    cells[4 * i + 3] = color[3];
  }
  if (width < 1 || height < 1) return;
  // QImage::scaled (fast: nearest) to the device, drawn at (0, 0)
  const out = new Uint8Array(devW * devH * 4);
  for (let y = 0; y < devH; y++) {
    const sy = Math.min(height - 1, Math.trunc((y + 0.5) * height / devH));
    for (let x = 0; x < devW; x++) {
      const sx = Math.min(width - 1, Math.trunc((x + 0.5) * width / devW));
      const s = 4 * (sy * width + sx), o = 4 * (y * devW + x);
      out[o] = cells[s];
      out[o + 1] = cells[s + 1];
      out[o + 2] = cells[s + 2];
      out[o + 3] = cells[s + 3];
    }
  }
  const ck = pc.ck;
  const image = ck.MakeImage(
    {
      width: devW,
      height: devH,
      alphaType: ck.AlphaType.Unpremul,
      colorType: ck.ColorType.RGBA_8888,
      colorSpace: ck.ColorSpace.SRGB,
    },
    out,
    devW * 4,
  );
  if (!image) return;
  const paint = new ck.Paint();
  try {
    pc.canvas.drawImage(image, 0, 0, paint);
  } finally {
    paint.delete();
    image.delete();
  }
}
