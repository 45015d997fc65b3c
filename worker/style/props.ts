/**
 * Typed readers for symbol layer properties as QGIS writes them: colours,
 * units, numbers, points, dash vectors.
 *
 * @module
 */
import colorNames from "color-name";
import type { RenderUnit } from "./model.ts";

/** An RGBA colour, channels 0–255 (alpha too). */
export type Rgba = [number, number, number, number];

/**
 * Decodes a QGIS colour string: `r,g,b,a` (optionally followed by QGIS
 * ≥ 3.28's `,rgb:…` spec), `#rrggbb`, `#aarrggbb`, or a colour name as
 * QColor reads it (`cyan`, `darkorange`…: what a data-defined colour
 * expression such as `CASE … THEN 'cyan' END` gives).
 *
 * @example
 * ```ts
 * import { parseColor } from "./props.ts";
 * parseColor("106,27,154,255"); // [106, 27, 154, 255]
 * parseColor("#ff0000"); // [255, 0, 0, 255]
 * ```
 */
export function parseColor(
  value: string | undefined,
  fallback: Rgba = [0, 0, 0, 255],
): Rgba {
  if (!value) return fallback;
  const v = value.trim();
  const m = /^(\d+),(\d+),(\d+)(?:,(\d+))?/.exec(v);
  if (m) {
    return [+m[1], +m[2], +m[3], m[4] === undefined ? 255 : +m[4]];
  }
  if (v.startsWith("#")) {
    const h = v.slice(1);
    if (h.length === 6) {
      return [
        parseInt(h.slice(0, 2), 16),
        parseInt(h.slice(2, 4), 16),
        parseInt(h.slice(4, 6), 16),
        255,
      ];
    }
    if (h.length === 8) {
      return [
        parseInt(h.slice(2, 4), 16),
        parseInt(h.slice(4, 6), 16),
        parseInt(h.slice(6, 8), 16),
        parseInt(h.slice(0, 2), 16),
      ];
    }
    if (h.length === 3) {
      return [
        parseInt(h[0] + h[0], 16),
        parseInt(h[1] + h[1], 16),
        parseInt(h[2] + h[2], 16),
        255,
      ];
    }
  }
  const name = v.toLowerCase();
  if (name === "transparent") return [0, 0, 0, 0];
  // QColor's names: the SVG 1.1 keywords (Qt 5 has no `rebeccapurple`)
  const named = name !== "rebeccapurple" && Object.hasOwn(SVG_COLORS, name)
    ? SVG_COLORS[name]
    : undefined;
  return named ? [named[0], named[1], named[2], 255] : fallback;
}

const SVG_COLORS = colorNames as Record<string, [number, number, number]>;

const UNITS: Record<string, RenderUnit> = {
  mm: "MM",
  point: "Point",
  points: "Point",
  pixel: "Pixel",
  mapunit: "MapUnit",
  mapunits: "MapUnit",
  inch: "Inch",
  rendermetersinmapunits: "RenderMetersInMapUnits",
  meters: "RenderMetersInMapUnits",
  percentage: "Percentage",
  percent: "Percentage",
};

/**
 * Decodes a QGIS output unit name (`MM`, `Point`, `Pixel`, `MapUnit`,
 * `Inch`, `RenderMetersInMapUnits`); unknown or empty → millimetres, as QGIS.
 *
 * @example
 * ```ts
 * import { parseUnit } from "./props.ts";
 * parseUnit("Pixel"); // "Pixel"
 * parseUnit(undefined); // "MM"
 * ```
 */
export function parseUnit(value: string | undefined): RenderUnit {
  return UNITS[(value ?? "").trim().toLowerCase()] ?? "MM";
}

/**
 * The largest size, in pixels, a style's size becomes (either sign). Sizes
 * follow the dpi and the map scale: a 1,000 m buffer in map units on a map
 * zoomed to a millimetre, or a 10 m font, would otherwise ask Skia and the
 * labelling for billions of pixels. A hundred thousand pixels is over ten
 * times the largest image, so a clamped symbol still covers any map.
 */
export const MAX_PIXEL_SIZE = 100_000;

/** What converting sizes to pixels needs from the map. */
export interface UnitContext {
  /** Output dpi. */
  dpi: number;
  /** Map units per pixel. */
  mapUnitsPerPixel: number;
  /**
   * Map units per metre, for sizes in metres at scale
   * (`RenderMetersInMapUnits`); absent: 1 (a map in metres).
   */
  mapUnitsPerMeter?: number;
}

/**
 * Converts a size to output pixels as QGIS's
 * `QgsRenderContext::convertToPainterUnits` does.
 *
 * @example
 * ```ts
 * import { toPixels } from "./props.ts";
 * toPixels(25.4, "MM", { dpi: 96, mapUnitsPerPixel: 1 }); // 96
 * toPixels(72, "Point", { dpi: 96, mapUnitsPerPixel: 1 }); // 95.999999976, as QGIS has it
 * toPixels(1e9, "MM", { dpi: 96, mapUnitsPerPixel: 1 }); // 100000 (MAX_PIXEL_SIZE)
 * ```
 */
export function toPixels(
  size: number,
  unit: RenderUnit,
  ctx: UnitContext,
): number {
  const px = unclampedPixels(size, unit, ctx);
  return px > MAX_PIXEL_SIZE
    ? MAX_PIXEL_SIZE
    : px < -MAX_PIXEL_SIZE
    ? -MAX_PIXEL_SIZE
    : px;
}

/** QGIS's `POINTS_TO_MM` (points per millimetre, rounded as QGIS has it). */
const POINTS_PER_MM = 2.83464567;

function unclampedPixels(
  size: number,
  unit: RenderUnit,
  ctx: UnitContext,
): number {
  switch (unit) {
    case "MM":
      return size * ctx.dpi / 25.4;
    case "Point":
      // QgsRenderContext: the dpi's pixels per millimetre over QGIS's
      // points per millimetre, 2.83464567 (a hair over 72 / 25.4): 8.25 pt
      // at 144 dpi is 16.4999… px, a 16 px font, not 17.
      return size * (ctx.dpi / 25.4) / POINTS_PER_MM;
    case "Inch":
      return size * ctx.dpi;
    case "Pixel":
      return size;
    case "MapUnit":
      return size / ctx.mapUnitsPerPixel;
    case "RenderMetersInMapUnits":
      return size * (ctx.mapUnitsPerMeter ?? 1) / ctx.mapUnitsPerPixel;
    case "Percentage":
      return size;
  }
}

/**
 * Reads a number property.
 *
 * @example
 * ```ts
 * import { propNumber } from "./props.ts";
 * propNumber({ size: "2.5" }, "size", 2); // 2.5
 * ```
 */
export function propNumber(
  props: Record<string, string>,
  key: string,
  fallback: number,
): number {
  const v = props[key];
  if (v === undefined || v.trim() === "") return fallback;
  const n = Number(v);
  return Number.isFinite(n) ? n : fallback;
}

/**
 * Reads an `x,y` point property (offsets).
 *
 * @example
 * ```ts
 * import { propPoint } from "./props.ts";
 * propPoint({ offset: "1,-2" }, "offset"); // [1, -2]
 * ```
 */
export function propPoint(
  props: Record<string, string>,
  key: string,
): [number, number] {
  const v = props[key];
  if (!v) return [0, 0];
  const [x, y] = v.split(",").map(Number);
  return [Number.isFinite(x) ? x : 0, Number.isFinite(y) ? y : 0];
}

/**
 * Reads a `;`-separated number list (custom dash patterns).
 *
 * @example
 * ```ts
 * import { propNumberList } from "./props.ts";
 * propNumberList({ customdash: "5;2" }, "customdash"); // [5, 2]
 * ```
 */
export function propNumberList(
  props: Record<string, string>,
  key: string,
): number[] {
  const v = props[key];
  if (!v) return [];
  return v.split(";").map(Number).filter((n) => Number.isFinite(n));
}
