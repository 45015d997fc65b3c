/**
 * SVG and marker symbol label backgrounds (`shapeType` 4 and 5), as QGIS
 * 3.22's `QgsTextRenderer::drawBackground` draws them: one marker symbol,
 * as wide as the label's longer side plus twice the background's size
 * ("buffer") or as the size itself ("fixed"), centred on the label and
 * turned with it. An SVG background is an SVG marker of the file, filled and
 * outlined in the background's colours (without their alpha, as QColor's
 * names carry none) and stroke width; a marker background is its marker
 * symbol set to that size in pixels (`QgsMarkerSymbol::setSize`: the
 * largest layer takes it, the others and their offsets scale with it).
 *
 * @module
 */
import { DOMParser } from "@xmldom/xmldom";
import type { Symbol } from "../style/model.ts";
import { readSymbol } from "../style/qml.ts";
import { toPixels, type UnitContext } from "../style/props.ts";
import type { BackgroundSettings } from "./settings.ts";

/**
 * The background's size in pixels for a label `w` × `h` pixels; 0 when
 * QGIS draws none (a percentage size, or under a pixel).
 *
 * @example
 * ```ts
 * import { shapeBackgroundSize } from "./shape_background.ts";
 * const units = { dpi: 96, mapUnitsPerPixel: 1, mapUnitsPerMeter: 1 };
 * const bg = { sizeType: 0, sizeX: 1, sizeUnit: "Pixel" as const };
 * shapeBackgroundSize(bg, 40, 12, units); // 42
 * ```
 */
export function shapeBackgroundSize(
  bg: Pick<BackgroundSettings, "sizeType" | "sizeX" | "sizeUnit">,
  w: number,
  h: number,
  units: UnitContext,
): number {
  const size = toPixels(bg.sizeX, bg.sizeUnit, units);
  const out = bg.sizeType === 1
    ? size
    : bg.sizeType === 0
    ? Math.max(w, h) + 2 * size
    : 0;
  return out < 1 ? 0 : out;
}

const read = new Map<string, Symbol | null>();

function parsed(xml: string): Symbol | null {
  if (!read.has(xml)) {
    let symbol: Symbol | null = null;
    try {
      const doc = new DOMParser().parseFromString(xml, "text/xml");
      symbol = readSymbol(doc.documentElement!);
    } catch {
      symbol = null;
    }
    read.set(xml, symbol);
  }
  return read.get(xml)!;
}

function rgb(c: readonly number[]): string {
  return `${c[0]},${c[1]},${c[2]},255`;
}

/**
 * The marker symbol an SVG or marker background draws at `size` pixels;
 * null for the other shapes or without a symbol.
 *
 * @example
 * ```ts
 * import { shapeBackgroundSymbol } from "./shape_background.ts";
 * const s = shapeBackgroundSymbol({
 *   type: 4, svgFile: "backgrounds/background_circle.svg",
 *   fill: [255, 0, 0, 255], stroke: [0, 0, 0, 255],
 *   strokeWidth: 0.3, strokeWidthUnit: "MM",
 * }, 30);
 * s?.layers[0].props.size; // "30"
 * ```
 */
export function shapeBackgroundSymbol(
  bg: Pick<
    BackgroundSettings,
    | "type"
    | "svgFile"
    | "markerSymbol"
    | "fill"
    | "stroke"
    | "strokeWidth"
    | "strokeWidthUnit"
  >,
  size: number,
): Symbol | null {
  if (bg.type === 4 && bg.svgFile) {
    return {
      type: "marker",
      alpha: 1,
      clipToExtent: false,
      layers: [{
        className: "SvgMarker",
        enabled: true,
        pass: 0,
        props: {
          name: bg.svgFile.trim(),
          size: String(size),
          size_unit: "Pixel",
          angle: "0",
          color: rgb(bg.fill),
          outline_color: rgb(bg.stroke),
          outline_width: String(bg.strokeWidth),
          outline_width_unit: bg.strokeWidthUnit,
        },
        dataDefined: {},
        subSymbol: null,
      }],
    };
  }
  if (bg.type !== 5 || !bg.markerSymbol) return null;
  const symbol = parsed(bg.markerSymbol);
  if (!symbol) return null;
  const sizes = symbol.layers.map((l) => Number(l.props.size ?? NaN));
  const largest = Math.max(...sizes.filter(Number.isFinite));
  return {
    ...symbol,
    layers: symbol.layers.map((l, i) => {
      const own = sizes[i];
      if (!Number.isFinite(own)) return l;
      const k = largest > 0 ? size / largest : 1;
      const props: Record<string, string> = {
        ...l.props,
        size: String(Math.abs(own - largest) < 1e-9 ? size : own * k),
        size_unit: "Pixel",
      };
      if (props.offset && largest > 0) {
        const [ox, oy] = props.offset.split(",").map(Number);
        if (ox || oy) props.offset = `${ox * k},${oy * k}`;
      }
      return { ...l, props };
    }),
  };
}
