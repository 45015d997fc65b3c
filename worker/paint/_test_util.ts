// Paints one QML `<symbol>` onto a small transparent canvas and reads its
// pixels back, for the symbol layer tests beside each painter.
import type { Feature, Geometry } from "../geometry/types.ts";
import { computeMapSettings } from "../map/compute.ts";
import { parseQmlDocument, readSymbol } from "../style/qml.ts";
import { compileExpression } from "../expression/mod.ts";
import type { CanvasKit } from "canvaskit-wasm";
import { getCanvasKit } from "./canvaskit.ts";
import type { PaintContext } from "./context.ts";
import { drawSymbol } from "./symbol.ts";

/** Side of the test canvas in pixels (1 map unit per pixel, dpi 96). */
export const SIZE = 100;

/** What a painted symbol looks like. */
export interface Painted {
  /** RGBA (unpremultiplied) of pixel (x, y). */
  at(x: number, y: number): [number, number, number, number];
  /** How many pixels have an alpha above 0. */
  covered(): number;
  /** The painter's warnings. */
  warnings: string[];
}

/** A symbol layer `<layer>` with `<prop>`s, for building test symbols. */
export function layerXml(
  className: string,
  props: Record<string, string>,
  inner = "",
): string {
  const p = Object.entries(props).map(([k, v]) => `<prop k="${k}" v="${v}"/>`)
    .join("");
  return `<layer class="${className}" enabled="1" pass="0">${p}${inner}</layer>`;
}

/** A `<symbol>` of a type with layers. */
export function symbolXml(type: string, ...layers: string[]): string {
  return `<symbol type="${type}" name="s" alpha="1">${
    layers.join("")
  }</symbol>`;
}

/** A data-defined property block for a symbol layer. */
export function dataDefinedXml(name: string, expression: string): string {
  return `<data_defined_properties><Option type="Map"><Option type="QString" value="" name="name"/><Option type="Map" name="properties"><Option type="Map" name="${name}"><Option type="bool" value="true" name="active"/><Option type="QString" value="${expression}" name="expression"/><Option type="int" value="3" name="type"/></Option></Option><Option type="QString" value="collection" name="type"/></Option></data_defined_properties>`;
}

/** Paints `symbol` (QML text) for a geometry in pixels. */
export async function paintSymbol(
  symbol: string,
  geometry: Geometry,
  attributes: Feature["attributes"] = {},
): Promise<Painted> {
  const ck = await getCanvasKit();
  const warnings: string[] = [];
  const map = testMap(ck, SIZE, SIZE, {
    direct: false,
    warn: (m) => warnings.push(m),
  });
  const { pc } = map;
  const canvas = pc.canvas;
  const root = parseQmlDocument(`<qgis>${symbol}</qgis>`);
  const parsed = readSymbol(root.getElementsByTagName("symbol")[0]);
  drawSymbol(pc, parsed, { id: 1, attributes, geometry }, geometry);
  const px = canvas.readPixels(0, 0, {
    width: SIZE,
    height: SIZE,
    colorType: ck.ColorType.RGBA_8888,
    alphaType: ck.AlphaType.Unpremul,
    colorSpace: ck.ColorSpace.SRGB,
  }) as Uint8Array;
  map.dispose();
  return {
    at: (x, y) => {
      const i = (y * SIZE + x) * 4;
      return [px[i], px[i + 1], px[i + 2], px[i + 3]];
    },
    covered: () => {
      let n = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
      return n;
    },
    warnings,
  };
}

/** A polygon geometry from one ring of pixel coordinates. */
export function polygon(...ring: number[]): Geometry {
  return { kind: "polygon", parts: [[new Float64Array(ring)]] };
}

/** The 20..80 px square the fill tests paint. */
export const SQUARE: Geometry = polygon(20, 20, 80, 20, 80, 80, 20, 80, 20, 20);

/** A line geometry from pixel coordinates. */
export function line(...coords: number[]): Geometry {
  return { kind: "line", parts: [[new Float64Array(coords)]] };
}

/** A point geometry at pixel coordinates. */
export function point(x: number, y: number): Geometry {
  return { kind: "point", parts: [[new Float64Array([x, y])]] };
}

/** Fails with `message` unless `ok`. */
export function assert(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

/** A map of pixels in CanvasKit memory that a test paints into. */
export interface TestMap {
  /** The paint context over the map (1 map unit per pixel, dpi 96). */
  pc: PaintContext;
  /** A copy of the map's premultiplied RGBA pixels, after a flush. */
  pixels(): Uint8Array;
  /** Frees the surface and its memory. */
  dispose(): void;
}

/**
 * A `width` × `height` map over CanvasKit memory that starts as
 * `background` (transparent without one); with `direct`, painters blend
 * into those pixels themselves, as a render lets them, else through Skia.
 */
export function testMap(
  ck: CanvasKit,
  width: number,
  height: number,
  options: {
    direct: boolean;
    background?: Uint8Array;
    compile?: PaintContext["compile"];
    warn?: PaintContext["warn"];
  },
): TestMap {
  const memory = ck.Malloc(Uint8Array, width * height * 4);
  if (options.background) memory.toTypedArray().set(options.background);
  else memory.toTypedArray().fill(0);
  const surface = ck.MakeRasterDirectSurface(
    {
      width,
      height,
      colorType: ck.ColorType.RGBA_8888,
      alphaType: ck.AlphaType.Premul,
      colorSpace: ck.ColorSpace.SRGB,
    },
    memory,
    width * 4,
  )!;
  const canvas = surface.getCanvas();
  const pc: PaintContext = {
    ck,
    canvas,
    map: computeMapSettings({
      bbox: { x_min: 0, y_min: 0, x_max: width, y_max: height },
      crs: "EPSG:2056",
      width,
      height,
      dpi: 96,
    }),
    compile: options.compile ?? compileExpression,
    variables: {},
    loadSvg: () => null,
    featureBlendMode: 0,
    warn: options.warn ?? (() => {}),
    ...(options.direct
      ? {
        direct: {
          pixels: () => memory.toTypedArray() as Uint8Array,
          width,
          saveCount: canvas.getSaveCount(),
        },
      }
      : {}),
  };
  return {
    pc,
    pixels: () => {
      surface.flush();
      return (memory.toTypedArray() as Uint8Array).slice();
    },
    dispose: () => {
      surface.delete();
      ck.Free(memory);
    },
  };
}
