/**
 * The raster part of a QML style (`<pipe>`) → a typed {@link RasterStyle}:
 * the renderer, transparency, brightness/contrast, hue/saturation and
 * resampling, with QGIS's defaults where the QML says nothing.
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";

/** A colour with straight (not premultiplied) 0–255 components. */
export interface Rgba {
  /** Red. */
  r: number;
  /** Green. */
  g: number;
  /** Blue. */
  b: number;
  /** Alpha (255 = opaque). */
  a: number;
}

/** One entry of a colour ramp shader. */
export interface ColorRampItem {
  /** Class value (may be ±Infinity, e.g. `inf` for the last discrete class). */
  value: number;
  /** Colour. */
  color: Rgba;
  /** Legend label. */
  label: string;
}

/** `<colorrampshader>`. */
export interface ColorRampShaderStyle {
  /** How values between items are coloured. */
  type: "INTERPOLATED" | "DISCRETE" | "EXACT";
  /** With INTERPOLATED: values beyond the first/last item are not drawn. */
  clip: boolean;
  /** Items, in the order the QML lists them. */
  items: ColorRampItem[];
  /** The shader's minimum (informative). */
  minimumValue: number;
  /** The shader's maximum (informative). */
  maximumValue: number;
}

/** Contrast enhancement algorithm names as QML writes them. */
export type ContrastAlgorithm =
  | "NoEnhancement"
  | "StretchToMinimumMaximum"
  | "StretchAndClipToMinimumMaximum"
  | "ClipToMinimumMaximum"
  | "UserDefinedEnhancement";

/** `<contrastEnhancement>`. */
export interface ContrastEnhancementStyle {
  /** Algorithm. */
  algorithm: ContrastAlgorithm;
  /** Minimum value. */
  min: number;
  /** Maximum value. */
  max: number;
}

/** The renderers this module draws. */
export type RasterRendererStyle =
  | {
    type: "singlebandpseudocolor";
    band: number;
    classificationMin: number;
    classificationMax: number;
    shader: ColorRampShaderStyle;
  }
  | {
    type: "singlebandgray";
    band: number;
    gradient: "BlackToWhite" | "WhiteToBlack";
    contrast: ContrastEnhancementStyle | null;
  }
  | {
    type: "multibandcolor";
    red: number;
    green: number;
    blue: number;
    redContrast: ContrastEnhancementStyle | null;
    greenContrast: ContrastEnhancementStyle | null;
    blueContrast: ContrastEnhancementStyle | null;
  }
  | {
    type: "paletted";
    band: number;
    classes: { value: number; color: Rgba; label: string }[];
  }
  | {
    type: "hillshade";
    band: number;
    azimuth: number;
    angle: number;
    zFactor: number;
    multidirection: boolean;
  }
  | { type: "singlecolor"; band: number; color: Rgba };

/** A transparent value range (`<singleValuePixelList>`). */
export interface TransparentRange {
  /** Lowest value (inclusive). */
  min: number;
  /** Highest value (inclusive). */
  max: number;
  /** 0–100. */
  percentTransparent: number;
}

/** A transparent RGB triple (`<threeValuePixelList>`). */
export interface TransparentRgb {
  /** Red value. */
  red: number;
  /** Green value. */
  green: number;
  /** Blue value. */
  blue: number;
  /** 0–100. */
  percentTransparent: number;
}

/** Resampling method names, as QGIS writes them. */
export type ResamplingMethod =
  | "nearestNeighbour"
  | "bilinear"
  | "cubic"
  | "cubicSpline"
  | "lanczos"
  | "average"
  | "mode"
  | "gauss";

/** A raster layer's style. */
export interface RasterStyle {
  /** The renderer; null when the QML names one we do not draw. */
  renderer: RasterRendererStyle | null;
  /** Renderer type as the QML names it (also when unsupported). */
  rendererType: string;
  /** Renderer opacity (0–1): the raster layer's opacity in QGIS. */
  opacity: number;
  /** Band giving per-pixel alpha, or -1. */
  alphaBand: number;
  /** Colour for no-data pixels, or null (transparent). */
  nodataColor: Rgba | null;
  /** Transparent value ranges (one band renderers). */
  transparentValues: TransparentRange[];
  /** Transparent RGB triples (multiband renderer). */
  transparentRgb: TransparentRgb[];
  /** Additional no-data ranges per band (1-based band → ranges). */
  userNoData: Record<number, { min: number; max: number }[]>;
  /** Whether each band's own no-data value is used (default true). */
  useSourceNoData: Record<number, boolean>;
  /** `<brightnesscontrast>`. */
  brightnessContrast: { brightness: number; contrast: number; gamma: number };
  /** `<huesaturation>`. */
  hueSaturation: {
    saturation: number;
    grayscaleMode: 0 | 1 | 2 | 3;
    invertColors: boolean;
    colorizeOn: boolean;
    colorize: Rgba;
    colorizeStrength: number;
  };
  /** Resampling: the resample filter's (or provider's) methods. */
  resampling: {
    zoomedIn: ResamplingMethod;
    zoomedOut: ResamplingMethod;
    maxOversampling: number;
    /** True when the provider resamples (`<provider><resampling enabled>`). */
    provider: boolean;
  };
  /**
   * The provider's own methods (`<provider><resampling>`), enabled or not:
   * QGIS 3.22 forces provider resampling on a reprojected GDAL layer
   * (`QgsRasterLayerRenderer`), with these methods, the resample filter
   * off.
   */
  providerResampling: {
    zoomedIn: ResamplingMethod;
    zoomedOut: ResamplingMethod;
    maxOversampling: number;
  };
  /** `<blendMode>` (QPainter composition mode number). */
  blendMode: number;
}

function children(el: Element, name?: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (!name || (n as Element).tagName === name)) {
      out.push(n as Element);
    }
  }
  return out;
}

function child(el: Element | null, name: string): Element | null {
  return el ? children(el, name)[0] ?? null : null;
}

/** QString::toDouble semantics for QML values (`inf`, `-inf`, `nan`). */
export function qmlNumber(
  value: string | null | undefined,
  fallback: number,
): number {
  if (value === null || value === undefined) return fallback;
  const t = value.trim().toLowerCase();
  if (t === "") return fallback;
  if (t === "inf" || t === "+inf") return Infinity;
  if (t === "-inf") return -Infinity;
  if (t === "nan") return NaN;
  const n = Number(t);
  return Number.isNaN(n) ? fallback : n;
}

function attr(el: Element | null, name: string): string | null {
  if (!el || !el.hasAttribute(name)) return null;
  return el.getAttribute(name);
}

function text(el: Element | null): string | null {
  return el ? el.textContent : null;
}

/**
 * Parses a QGIS colour: `#rrggbb`, `#aarrggbb`, or `r,g,b,a` (with an
 * optional `,rgb:…` tail as QGIS ≥ 3.28 writes).
 *
 * @example
 * ```ts
 * import { parseColor } from "./style.ts";
 * parseColor("#ff9900"); // { r: 255, g: 153, b: 0, a: 255 }
 * ```
 */
export function parseColor(value: string | null | undefined): Rgba | null {
  if (!value) return null;
  const v = value.trim();
  let m = /^#([0-9a-f]{6})$/i.exec(v);
  if (m) {
    const n = parseInt(m[1], 16);
    return { r: n >> 16, g: (n >> 8) & 255, b: n & 255, a: 255 };
  }
  m = /^#([0-9a-f]{8})$/i.exec(v);
  if (m) {
    const n = parseInt(m[1], 16);
    return {
      a: (n >>> 24) & 255,
      r: (n >> 16) & 255,
      g: (n >> 8) & 255,
      b: n & 255,
    };
  }
  const parts = v.split(",").slice(0, 4).map((p) => Number(p));
  if (parts.length >= 3 && parts.slice(0, 3).every(Number.isFinite)) {
    return {
      r: parts[0],
      g: parts[1],
      b: parts[2],
      a: Number.isFinite(parts[3]) ? parts[3] : 255,
    };
  }
  return null;
}

// QGIS ≥ 3.38 writes `opacity` (0–1); older versions `percentTransparent`.
function percent(e: Element): number {
  const pt = attr(e, "percentTransparent");
  if (pt !== null) return qmlNumber(pt, 100);
  return (1 - qmlNumber(attr(e, "opacity"), 0)) * 100;
}

function contrast(el: Element | null): ContrastEnhancementStyle | null {
  if (!el) return null;
  const algorithm = (text(child(el, "algorithm")) ?? "NoEnhancement")
    .trim() as ContrastAlgorithm;
  return {
    algorithm,
    min: qmlNumber(text(child(el, "minValue")), 0),
    max: qmlNumber(text(child(el, "maxValue")), 255),
  };
}

function shader(el: Element | null): ColorRampShaderStyle {
  const crs = child(child(el, "rastershader"), "colorrampshader");
  const type = (attr(crs, "colorRampType") ?? "INTERPOLATED").toUpperCase();
  const items: ColorRampItem[] = crs
    ? Array.from(crs.getElementsByTagName("item")).map((item) => {
      const color = parseColor(item.getAttribute("color")) ??
        { r: 0, g: 0, b: 0, a: 255 };
      color.a = qmlNumber(attr(item, "alpha"), 255);
      return {
        value: qmlNumber(item.getAttribute("value"), 0),
        color,
        label: item.getAttribute("label") ?? "",
      };
    })
    : [];
  return {
    type: type === "DISCRETE" || type === "EXACT" ? type : "INTERPOLATED",
    clip: attr(crs, "clip") === "1",
    items,
    minimumValue: qmlNumber(attr(crs, "minimumValue"), NaN),
    maximumValue: qmlNumber(attr(crs, "maximumValue"), NaN),
  };
}

function renderer(el: Element, type: string): RasterRendererStyle | null {
  const int = (name: string, fallback: number) =>
    Math.trunc(qmlNumber(attr(el, name), fallback));
  switch (type) {
    case "singlebandpseudocolor":
      return {
        type,
        band: int("band", 1),
        classificationMin: qmlNumber(attr(el, "classificationMin"), NaN),
        classificationMax: qmlNumber(attr(el, "classificationMax"), NaN),
        shader: shader(el),
      };
    case "singlebandgray":
      return {
        type,
        band: int("grayBand", 1),
        gradient: attr(el, "gradient") === "WhiteToBlack"
          ? "WhiteToBlack"
          : "BlackToWhite",
        contrast: contrast(child(el, "contrastEnhancement")),
      };
    case "multibandcolor":
      return {
        type,
        red: int("redBand", 1),
        green: int("greenBand", 2),
        blue: int("blueBand", 3),
        redContrast: contrast(child(el, "redContrastEnhancement")),
        greenContrast: contrast(child(el, "greenContrastEnhancement")),
        blueContrast: contrast(child(el, "blueContrastEnhancement")),
      };
    case "paletted": {
      const palette = child(el, "colorPalette");
      const classes = palette
        ? children(palette, "paletteEntry").map((e) => {
          const color = parseColor(e.getAttribute("color")) ??
            { r: 0, g: 0, b: 0, a: 255 };
          color.a = qmlNumber(attr(e, "alpha"), 255);
          return {
            value: qmlNumber(e.getAttribute("value"), 0),
            color,
            label: e.getAttribute("label") ?? "",
          };
        })
        : [];
      return { type, band: int("band", 1), classes };
    }
    case "hillshade":
      return {
        type,
        band: int("band", 1),
        azimuth: qmlNumber(attr(el, "azimuth"), 315),
        angle: qmlNumber(attr(el, "angle"), 45),
        zFactor: qmlNumber(attr(el, "zfactor"), 1),
        multidirection: attr(el, "multidirection") === "1",
      };
    case "singlecolor":
      return {
        type,
        band: int("band", 1),
        color: parseColor(attr(el, "color")) ?? { r: 0, g: 0, b: 0, a: 255 },
      };
    default:
      return null;
  }
}

const RESAMPLING: Record<string, ResamplingMethod> = {
  nearestneighbour: "nearestNeighbour",
  bilinear: "bilinear",
  cubic: "cubic",
  cubicspline: "cubicSpline",
  lanczos: "lanczos",
  average: "average",
  mode: "mode",
  gauss: "gauss",
};

function resamplingMethod(value: string | null): ResamplingMethod {
  return RESAMPLING[(value ?? "").toLowerCase()] ?? "nearestNeighbour";
}

/**
 * Reads the raster style of a QML document (its `<qgis>` root element).
 *
 * @throws {SyntaxError} when the QML has no `<pipe>` / `<rasterrenderer>`.
 * @example
 * ```ts
 * import { DOMParser } from "@xmldom/xmldom";
 * import { parseRasterStyle } from "./style.ts";
 * const root = new DOMParser().parseFromString(
 *   '<qgis><pipe><rasterrenderer type="singlebandgray" grayBand="1" opacity="0.5"/></pipe></qgis>',
 *   "text/xml",
 * ).documentElement!;
 * parseRasterStyle(root).opacity; // 0.5
 * ```
 */
export function parseRasterStyle(qmlRoot: Element): RasterStyle {
  const pipe = child(qmlRoot, "pipe");
  const rr = child(pipe, "rasterrenderer");
  if (!pipe || !rr) {
    throw new SyntaxError(
      "Cannot read raster style: the QML has no <pipe><rasterrenderer>",
    );
  }
  const rendererType = attr(rr, "type") ?? "";
  const transparency = child(rr, "rasterTransparency");
  const transparentValues: TransparentRange[] = [];
  const transparentRgb: TransparentRgb[] = [];
  const single = child(transparency, "singleValuePixelList");
  for (const e of single ? children(single, "pixelListEntry") : []) {
    transparentValues.push({
      min: qmlNumber(attr(e, "min"), NaN),
      max: qmlNumber(attr(e, "max"), NaN),
      percentTransparent: percent(e),
    });
  }
  const three = child(transparency, "threeValuePixelList");
  if (three) {
    for (const e of children(three, "pixelListEntry")) {
      transparentRgb.push({
        red: qmlNumber(attr(e, "red"), NaN),
        green: qmlNumber(attr(e, "green"), NaN),
        blue: qmlNumber(attr(e, "blue"), NaN),
        percentTransparent: percent(e),
      });
    }
  }
  // Additional no-data lives at the layer level: <noData><noDataList>.
  const userNoData: Record<number, { min: number; max: number }[]> = {};
  const useSourceNoData: Record<number, boolean> = {};
  for (
    const list of children(child(qmlRoot, "noData") ?? qmlRoot, "noDataList")
  ) {
    const band = Math.trunc(qmlNumber(attr(list, "bandNo"), 1));
    useSourceNoData[band] = attr(list, "useSrcNoData") !== "0";
    userNoData[band] = children(list, "noDataRange").map((r) => ({
      min: qmlNumber(attr(r, "min"), NaN),
      max: qmlNumber(attr(r, "max"), NaN),
    }));
  }
  const bc = child(pipe, "brightnesscontrast");
  const hs = child(pipe, "huesaturation");
  const providerResampling = child(child(pipe, "provider"), "resampling");
  const resampler = child(pipe, "rasterresampler");
  const stage = text(child(pipe, "resamplingStage"))?.trim();
  const useProvider = stage === "provider" ||
    attr(providerResampling, "enabled") === "true";
  const grayscale = Math.trunc(qmlNumber(attr(hs, "grayscaleMode"), 0));
  const providerMethods = {
    zoomedIn: resamplingMethod(
      attr(providerResampling, "zoomedInResamplingMethod"),
    ),
    zoomedOut: resamplingMethod(
      attr(providerResampling, "zoomedOutResamplingMethod"),
    ),
    maxOversampling: qmlNumber(attr(providerResampling, "maxOversampling"), 2),
  };
  return {
    renderer: renderer(rr, rendererType),
    rendererType,
    opacity: qmlNumber(attr(rr, "opacity"), 1),
    alphaBand: Math.trunc(qmlNumber(attr(rr, "alphaBand"), -1)),
    nodataColor: parseColor(attr(rr, "nodataColor")),
    transparentValues,
    transparentRgb,
    userNoData,
    useSourceNoData,
    brightnessContrast: {
      brightness: Math.trunc(qmlNumber(attr(bc, "brightness"), 0)),
      contrast: Math.trunc(qmlNumber(attr(bc, "contrast"), 0)),
      gamma: qmlNumber(attr(bc, "gamma"), 1),
    },
    hueSaturation: {
      saturation: Math.trunc(qmlNumber(attr(hs, "saturation"), 0)),
      grayscaleMode: (grayscale >= 0 && grayscale <= 3 ? grayscale : 0) as
        | 0
        | 1
        | 2
        | 3,
      invertColors: attr(hs, "invertColors") === "1",
      colorizeOn: attr(hs, "colorizeOn") === "1",
      colorize: {
        r: Math.trunc(qmlNumber(attr(hs, "colorizeRed"), 255)),
        g: Math.trunc(qmlNumber(attr(hs, "colorizeGreen"), 128)),
        b: Math.trunc(qmlNumber(attr(hs, "colorizeBlue"), 128)),
        a: 255,
      },
      colorizeStrength: Math.trunc(
        qmlNumber(attr(hs, "colorizeStrength"), 100),
      ),
    },
    resampling: useProvider ? { ...providerMethods, provider: true } : {
      zoomedIn: resamplingMethod(attr(resampler, "zoomedInResampler")),
      zoomedOut: resamplingMethod(attr(resampler, "zoomedOutResampler")),
      maxOversampling: qmlNumber(attr(resampler, "maxOversampling"), 2),
      provider: false,
    },
    providerResampling: providerMethods,
    blendMode: Math.trunc(qmlNumber(text(child(qmlRoot, "blendMode")), 0)),
  };
}
