/**
 * QGIS label settings (`<labeling type="simple">` and `type="rule-based"`)
 * read from a layer's QML into a typed model, as `QgsPalLayerSettings`,
 * `QgsTextFormat` and `QgsRuleBasedLabeling` read them.
 *
 * @module
 */
import { type Element, XMLSerializer } from "@xmldom/xmldom";
import type { RenderUnit } from "../style/model.ts";
import { parseColor, parseUnit, type Rgba } from "../style/props.ts";
import { readTextMask, type TextMask } from "../paint/masks.ts";
import { type CalloutSettings, readCallout } from "./callout.ts";

/** A data-defined property: a field or an expression, possibly inactive. */
export interface DataDefined {
  /** Whether QGIS applies it. */
  active: boolean;
  /** Field name (type 2) … */
  field?: string;
  /** … or expression text (type 3). */
  expression?: string;
}

/** Text buffer (halo). */
export interface BufferSettings {
  /** Drawn at all. */
  enabled: boolean;
  /** Width around the glyphs. */
  size: number;
  /** Unit of `size`. */
  unit: RenderUnit;
  /** Colour. */
  color: Rgba;
  /** Opacity 0…1. */
  opacity: number;
  /** Qt pen join style (64 bevel, 128 round, 0 miter). */
  join: number;
  /** Whether the buffer's interior under the glyphs is filled. */
  fillInterior: boolean;
  /** QGIS blend mode (`QgsPainting::BlendMode`) the buffer is drawn with. */
  blendMode: number;
}

/** Background shape behind the text. */
export interface BackgroundSettings {
  /** Drawn at all. */
  enabled: boolean;
  /** 0 rectangle, 1 square, 2 ellipse, 3 circle, 4 SVG, 5 marker. */
  type: number;
  /** 0 buffer (size added to the text), 1 fixed size, 2 percent. */
  sizeType: number;
  /** Width (buffer or fixed). */
  sizeX: number;
  /** Height. */
  sizeY: number;
  /** Unit of the size. */
  sizeUnit: RenderUnit;
  /** Offset x. */
  offsetX: number;
  /** Offset y. */
  offsetY: number;
  /** Unit of the offset. */
  offsetUnit: RenderUnit;
  /** Corner radius x. */
  radiusX: number;
  /** Corner radius y. */
  radiusY: number;
  /** Unit of the radii. */
  radiusUnit: RenderUnit;
  /** Fill colour. */
  fill: Rgba;
  /** Stroke colour. */
  stroke: Rgba;
  /** Stroke width. */
  strokeWidth: number;
  /** Unit of the stroke width. */
  strokeWidthUnit: RenderUnit;
  /** Opacity 0…1. */
  opacity: number;
  /** An SVG shape's file (type 4 only). */
  svgFile?: string;
  /** A marker shape's `<symbol>` XML (type 5 only). */
  markerSymbol?: string;
}

/** Drop shadow. */
export interface ShadowSettings {
  /** Drawn at all. */
  enabled: boolean;
  /** 0 lowest component, 1 text, 2 buffer, 3 background. */
  under: number;
  /** Offset direction, degrees clockwise from north… as QGIS (0 = up). */
  offsetAngle: number;
  /** Offset distance. */
  offsetDist: number;
  /** Unit of the offset. */
  offsetUnit: RenderUnit;
  /** Blur radius. */
  radius: number;
  /** Unit of the radius. */
  radiusUnit: RenderUnit;
  /** Colour. */
  color: Rgba;
  /** Opacity 0…1. */
  opacity: number;
  /** Scale in percent. */
  scale: number;
}

/** Font and text appearance (`QgsTextFormat`). */
export interface TextFormat {
  /** Font family. */
  family: string;
  /** Named style (`Bold`, `Oblique` …), may be empty. */
  namedStyle: string;
  /** Bold (weight ≥ 63, forced bold or a bold named style). */
  bold: boolean;
  /** Italic. */
  italic: boolean;
  /** Bold without the named style (weight ≥ 63 or forced bold). */
  plainBold: boolean;
  /** Italic without the named style (italic or forced italic). */
  plainItalic: boolean;
  /** Font size. */
  size: number;
  /** Unit of the size. */
  sizeUnit: RenderUnit;
  /** Text colour. */
  color: Rgba;
  /** Opacity 0…1. */
  opacity: number;
  /**
   * QGIS blend mode (`QgsPainting::BlendMode`) the glyphs are drawn with,
   * against the map beneath (0 normal, 6 multiply, 8 overlay…).
   */
  blendMode: number;
  /** Extra space after every character (font size unit). */
  letterSpacing: number;
  /** Extra space per space character (font size unit). */
  wordSpacing: number;
  /** Qt capitalization: 0 mixed, 1 upper, 2 lower, 3 small caps, 4 capitalize. */
  capitalization: number;
  /** The text is HTML (`allowHtml`, QGIS 3.14+; see `html.ts`). */
  allowHtml?: boolean;
  /** Line height (factor, or absolute in `lineHeightUnit`). */
  lineHeight: number;
  /** `Percentage` (a factor) or a length unit. */
  lineHeightUnit: RenderUnit;
  /** Buffer. */
  buffer: BufferSettings;
  /** Background. */
  background: BackgroundSettings;
  /** Shadow. */
  shadow: ShadowSettings;
  /** Selective mask (on and masking something), or null. */
  mask: TextMask | null;
}

/** One labelling configuration (`QgsPalLayerSettings`). */
export interface LabelSettings {
  /** Field name or expression text. */
  fieldName: string;
  /** Whether `fieldName` is an expression. */
  isExpression: boolean;
  /** Text format. */
  format: TextFormat;
  /** Wrap character (empty: none). */
  wrapChar: string;
  /** Automatic wrap length in characters (0: none). */
  autoWrapLength: number;
  /** `autoWrapLength` is a maximum (true) or a minimum. */
  useMaxLineLengthForAutoWrap: boolean;
  /** 0 left, 1 centre, 2 right, 3 follow placement, 4 justify. */
  multilineAlign: number;
  /** QGIS placement: 0 around point, 1 over point, 2 line, 3 curved, 4 horizontal, 5 free, 6 ordered positions, 7 perimeter curved, 8 outside polygons. */
  placement: number;
  /** Line placement flags (1 on line, 2 above, 4 below, 8 map orientation). */
  placementFlags: number;
  /** Polygon placement flags (1 outside, 2 inside). */
  polygonPlacementFlags: number;
  /** Distance from feature. */
  dist: number;
  /** Unit of `dist`. */
  distUnit: RenderUnit;
  /** Offset x (over point / horizontal polygons). */
  xOffset: number;
  /** Offset y. */
  yOffset: number;
  /** Unit of the offsets. */
  offsetUnit: RenderUnit;
  /** Quadrant for "offset from point" (0…8, 4 = centre). */
  quadOffset: number;
  /** Rotation in degrees. */
  rotation: number;
  /** 0 from point, 1 from symbol bounds. */
  offsetType: number;
  /** Ordered positions for cartographic placement (`TR`, `TL` …). */
  predefinedPositionOrder: string[];
  /** Priority 0 (low) … 10 (high). */
  priority: number;
  /** Whether features are obstacles for other labels. */
  obstacle: boolean;
  /** Obstacle weight 0…2. */
  obstacleFactor: number;
  /** 0 over the feature, 1 over its bounds, 2 polygon boundary. */
  obstacleType: number;
  /** Show all labels, even overlapping (`<rendering displayAll>`). */
  displayAll: boolean;
  /** Scale-based visibility on. */
  scaleVisibility: boolean;
  /** Most zoomed-out scale denominator (0: none). */
  scaleMin: number;
  /** Most zoomed-in scale denominator (0: none). */
  scaleMax: number;
  /** Only labels that fit inside polygons. */
  fitInPolygonOnly: boolean;
  /** Centroid must lie inside the polygon. */
  centroidInside: boolean;
  /** Centroid of the whole feature (not only its visible part). */
  centroidWhole: boolean;
  /** Minimum feature size (mm) to label. */
  minFeatureSize: number;
  /** A font in map units is limited to pixel sizes (`fontLimitPixelSize`). */
  fontLimitPixelSize: boolean;
  /** Smallest pixel size such a font is drawn at. */
  fontMinPixelSize: number;
  /** Largest pixel size such a font is drawn at. */
  fontMaxPixelSize: number;
  /** At most `maxNumLabels` features of the layer reach PAL. */
  limitNumLabels: boolean;
  /** The features labelled, in the layer's order, when limited. */
  maxNumLabels: number;
  /** Label every part of a multi-geometry. */
  labelPerPart: boolean;
  /** Join connected lines of the same label text into one before placing. */
  mergeLines: boolean;
  /** Whether labels are drawn (false: only obstacles). */
  drawLabels: boolean;
  /** Z-index. */
  zIndex: number;
  /** 0 upright when rotated, 1 upright always, 2 allow upside down. */
  upsidedownLabels: number;
  /** Max angle between curved characters, inside. */
  maxCurvedCharAngleIn: number;
  /** Max angle between curved characters, outside. */
  maxCurvedCharAngleOut: number;
  /** Line anchor percent (0…1). */
  lineAnchorPercent: number;
  /** Distance between repeated labels along a line (0: no repeat). */
  repeatDistance: number;
  /** Unit of `repeatDistance`. */
  repeatDistanceUnit: RenderUnit;
  /** Data-defined properties by QGIS property name (`Size`, `Color` …). */
  dataDefined: Record<string, DataDefined>;
  /** The callout, when enabled (or enabled per feature by `CalloutDraw`). */
  callout?: CalloutSettings;
}

/** One rule of rule-based labelling. */
export interface LabelRule {
  /** Rule key. */
  key: string;
  /** Description. */
  description: string;
  /** Filter expression (empty: all; `ELSE`: the else rule). */
  filter: string;
  /** Whether the filter is `ELSE`. */
  isElse: boolean;
  /** Most zoomed-out scale denominator (0: none). */
  scaleMinDenom: number;
  /** Most zoomed-in scale denominator (0: none). */
  scaleMaxDenom: number;
  /** Whether the rule is checked. */
  active: boolean;
  /** The rule's label settings (null: group rule). */
  settings: LabelSettings | null;
  /** Child rules. */
  children: LabelRule[];
}

/** A layer's labelling. */
export type Labeling =
  | { type: "simple"; settings: LabelSettings }
  | { type: "rule-based"; root: LabelRule };

function child(el: Element | null, name: string): Element | null {
  if (!el) return null;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).nodeName === name) {
      return n as Element;
    }
  }
  return null;
}

function children(el: Element, name: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).nodeName === name) {
      out.push(n as Element);
    }
  }
  return out;
}

type Attrs = (name: string) => string | null;

function attrsOf(el: Element | null): Attrs {
  return (name) => el?.getAttribute(name) ?? null;
}

function num(a: Attrs, name: string, fallback: number): number {
  const v = a(name);
  if (v === null || v.trim() === "") return fallback;
  const n = Number(v);
  return Number.isFinite(n) ? n : fallback;
}

function finiteOr(n: number, fallback: number): number {
  return Number.isFinite(n) ? n : fallback;
}

function bool(a: Attrs, name: string, fallback: boolean): boolean {
  const v = a(name);
  if (v === null || v === "") return fallback;
  return v === "1" || v.toLowerCase() === "true";
}

function unit(a: Attrs, name: string, fallback: RenderUnit): RenderUnit {
  const v = a(name);
  return v ? parseUnit(v) : fallback;
}

/** Reads a `<dd_properties>`/`<data_defined_properties>` option map. */
export function readDataDefined(
  el: Element | null,
): Record<string, DataDefined> {
  const out: Record<string, DataDefined> = {};
  const map = child(el, "Option");
  if (!map) return out;
  const props = children(map, "Option").find((o) =>
    o.getAttribute("name") === "properties"
  );
  if (!props) return out;
  for (const p of children(props, "Option")) {
    const name = p.getAttribute("name");
    if (!name) continue;
    const v: Record<string, string> = {};
    for (const o of children(p, "Option")) {
      v[o.getAttribute("name") ?? ""] = o.getAttribute("value") ?? "";
    }
    const type = Number(v.type ?? 0);
    const dd: DataDefined = { active: v.active === "true" || v.active === "1" };
    if (type === 2) dd.field = v.field ?? "";
    else if (type === 3) dd.expression = v.expression ?? "";
    else continue;
    out[name] = dd;
  }
  return out;
}

/**
 * QGIS 2.x's label units (`QgsPalLayerSettings::SizeUnit`: points,
 * millimetres, map units, percent), as QgsTextRendererUtils's
 * `convertFromOldLabelUnit` reads them.
 */
function oldUnit(
  a: Attrs,
  name: string,
  oldName: string,
  fallback: RenderUnit,
): RenderUnit {
  if (a(name)) return unit(a, name, fallback);
  const old = a(oldName);
  if (!old) return fallback;
  return (["Point", "MM", "MapUnit", "Percentage"] as RenderUnit[])[
    Number(old)
  ] ?? "MM";
}

/** An opacity, or QGIS 2.x's transparency (0–100) it replaced. */
function opacityOr(
  a: Attrs,
  name: string,
  transparency: string,
  fallback: number,
): number {
  if (a(name)) return num(a, name, fallback);
  return a(transparency) ? 1 - num(a, transparency, 0) / 100 : fallback;
}

/**
 * What an SVG or marker background draws: the SVG file, or the
 * `<symbol name="markerSymbol">` as XML (absent for the other shapes).
 */
function shapeSource(
  el: Element | null,
  type: number,
): { svgFile?: string; markerSymbol?: string } {
  if (!el) return {};
  if (type === 4) return { svgFile: el.getAttribute("shapeSVGFile") ?? "" };
  if (type !== 5) return {};
  for (let n = el.firstChild; n; n = n.nextSibling) {
    const e = n as Element;
    if (
      n.nodeType === 1 && e.nodeName === "symbol" &&
      e.getAttribute("name") === "markerSymbol"
    ) {
      return { markerSymbol: new XMLSerializer().serializeToString(e) };
    }
  }
  return {};
}

/**
 * A label's text format from its `<text-style>`; QGIS 2.x wrote the buffer,
 * background and shadow beside it in `<settings>` (QgsTextFormat::readXml
 * reads them there when the text style holds none), with its own unit and
 * transparency attributes.
 */
function readFormat(style: Element | null, settings?: Element): TextFormat {
  const a = attrsOf(style);
  const namedStyle = a("namedStyle") ?? "";
  const ns = namedStyle.toLowerCase();
  const weight = num(a, "fontWeight", 50);
  const part = (name: string) =>
    child(style, name) ?? (settings ? child(settings, name) : null);
  const b = attrsOf(part("text-buffer"));
  const bg = attrsOf(part("background"));
  const sh = attrsOf(part("shadow"));
  // QGIS 2.x: fontSizeInMapUnits, points otherwise
  const sizeUnit = a("fontSizeUnit")
    ? unit(a, "fontSizeUnit", "Point")
    : bool(a, "fontSizeInMapUnits", false)
    ? "MapUnit"
    : "Point";
  // QgsTextBufferSettings::readXml: with no bufferDraw, a non-zero size
  // draws the buffer (QGIS < 2.0)
  const bufferSize = num(b, "bufferSize", 1);
  const bufferDraw = b("bufferDraw")
    ? bool(b, "bufferDraw", false)
    : num(b, "bufferSize", 0) !== 0;
  return {
    family: a("fontFamily") || "DejaVu Sans",
    namedStyle,
    bold: weight >= 63 || bool(a, "forcedBold", false) || ns.includes("bold"),
    italic: bool(a, "fontItalic", false) || bool(a, "forcedItalic", false) ||
      ns.includes("italic") || ns.includes("oblique"),
    plainBold: weight >= 63 || bool(a, "forcedBold", false),
    plainItalic: bool(a, "fontItalic", false) ||
      bool(a, "forcedItalic", false),
    // QgsTextFormat::readXml: no fontSize is the application font's size (12
    // pt where QGIS Server draws, offscreen); one that is no number is
    // QString::toDouble's 0, a label under a pixel that QGIS skips
    size: a("fontSize") === null ? 12 : finiteOr(Number(a("fontSize")), 0),
    sizeUnit,
    color: parseColor(a("textColor") ?? undefined, [0, 0, 0, 255]),
    opacity: opacityOr(a, "textOpacity", "textTransp", 1),
    blendMode: num(a, "blendMode", 0),
    letterSpacing: num(a, "fontLetterSpacing", 0),
    wordSpacing: num(a, "fontWordSpacing", 0),
    // QGIS 3.x before 3.4 wrote only `fontCapitals`; QgsTextFormat reads it
    // where `capitalization` is absent
    capitalization: num(a, "capitalization", num(a, "fontCapitals", 0)),
    allowHtml: bool(a, "allowHtml", false),
    lineHeight: num(a, "multilineHeight", 1),
    lineHeightUnit: unit(a, "multilineHeightUnit", "Percentage"),
    mask: readTextMask(part("text-mask")),
    buffer: {
      enabled: bufferDraw,
      size: bufferSize,
      unit: b("bufferSizeUnits")
        ? unit(b, "bufferSizeUnits", "MM")
        : bool(b, "bufferSizeInMapUnits", false)
        ? "MapUnit"
        : "MM",
      color: parseColor(b("bufferColor") ?? undefined, [255, 255, 255, 255]),
      opacity: opacityOr(b, "bufferOpacity", "bufferTransp", 1),
      join: num(b, "bufferJoinStyle", 128),
      fillInterior: !bool(b, "bufferNoFill", false),
      blendMode: num(b, "bufferBlendMode", 0),
    },
    background: {
      enabled: bool(bg, "shapeDraw", false),
      type: num(bg, "shapeType", 0),
      sizeType: num(bg, "shapeSizeType", 0),
      sizeX: num(bg, "shapeSizeX", 0),
      sizeY: num(bg, "shapeSizeY", 0),
      sizeUnit: oldUnit(bg, "shapeSizeUnit", "shapeSizeUnits", "MM"),
      offsetX: num(bg, "shapeOffsetX", 0),
      offsetY: num(bg, "shapeOffsetY", 0),
      offsetUnit: oldUnit(bg, "shapeOffsetUnit", "shapeOffsetUnits", "MM"),
      radiusX: num(bg, "shapeRadiiX", 0),
      radiusY: num(bg, "shapeRadiiY", 0),
      radiusUnit: oldUnit(bg, "shapeRadiiUnit", "shapeRadiiUnits", "MM"),
      fill: parseColor(bg("shapeFillColor") ?? undefined, [255, 255, 255, 255]),
      stroke: parseColor(
        bg("shapeBorderColor") ?? undefined,
        [128, 128, 128, 255],
      ),
      strokeWidth: num(bg, "shapeBorderWidth", 0),
      strokeWidthUnit: oldUnit(
        bg,
        "shapeBorderWidthUnit",
        "shapeBorderWidthUnits",
        "MM",
      ),
      opacity: opacityOr(bg, "shapeOpacity", "shapeTransparency", 1),
      ...shapeSource(part("background"), num(bg, "shapeType", 0)),
    },
    shadow: {
      enabled: bool(sh, "shadowDraw", false),
      under: num(sh, "shadowUnder", 0),
      offsetAngle: num(sh, "shadowOffsetAngle", 135),
      offsetDist: num(sh, "shadowOffsetDist", 1),
      offsetUnit: oldUnit(sh, "shadowOffsetUnit", "shadowOffsetUnits", "MM"),
      radius: num(sh, "shadowRadius", 1.5),
      radiusUnit: oldUnit(sh, "shadowRadiusUnit", "shadowRadiusUnits", "MM"),
      color: parseColor(sh("shadowColor") ?? undefined, [0, 0, 0, 255]),
      opacity: opacityOr(sh, "shadowOpacity", "shadowTransparency", 0.7),
      scale: num(sh, "shadowScale", 100),
    },
  };
}

/** Reads one `<settings>` element. */
export function readLabelSettings(settings: Element): LabelSettings {
  const style = child(settings, "text-style");
  const s = attrsOf(style);
  const f = attrsOf(child(settings, "text-format"));
  const p = attrsOf(child(settings, "placement"));
  const r = attrsOf(child(settings, "rendering"));
  const dataDefined = readDataDefined(child(settings, "dd_properties"));
  const callout = readCallout(settings);
  const order = (p("predefinedPositionOrder") || "TR,TL,BR,BL,R,L,TSR,BSR")
    .split(",").map((x) => x.trim()).filter((x) => x !== "");
  return {
    fieldName: s("fieldName") ?? "",
    isExpression: bool(s, "isExpression", false),
    format: readFormat(style, settings),
    wrapChar: f("wrapChar") ?? "",
    autoWrapLength: num(f, "autoWrapLength", 0),
    useMaxLineLengthForAutoWrap: bool(f, "useMaxLineLengthForAutoWrap", true),
    multilineAlign: num(f, "multilineAlign", 3),
    placement: num(p, "placement", 0),
    // missing attributes as QgsPalLayerSettings::readXml reads them
    // (measured with QGIS 3.22): no flags, priority 0, the offset's and the
    // distance's units from QGIS 2's labelOffsetInMapUnits (default on) and
    // distInMapUnits (default off)
    placementFlags: num(p, "placementFlags", 0),
    polygonPlacementFlags: num(p, "polygonPlacementFlags", 2),
    dist: num(p, "dist", 0),
    distUnit: unit(
      p,
      "distUnits",
      bool(p, "distInMapUnits", false) ? "MapUnit" : "MM",
    ),
    xOffset: num(p, "xOffset", 0),
    yOffset: num(p, "yOffset", 0),
    offsetUnit: unit(
      p,
      "offsetUnits",
      bool(p, "labelOffsetInMapUnits", true) ? "MapUnit" : "MM",
    ),
    quadOffset: num(p, "quadOffset", 4),
    rotation: num(p, "rotationAngle", 0),
    offsetType: num(p, "offsetType", 0),
    predefinedPositionOrder: order,
    priority: num(p, "priority", 0),
    obstacle: bool(r, "obstacle", true),
    obstacleFactor: num(r, "obstacleFactor", 1),
    // QgsPalLayerSettings::readXml: a <rendering> without obstacleType
    // (styles converted from QGIS 2.x label properties) is read as
    // PolygonInterior, not the boundary a new layer starts with
    obstacleType: num(r, "obstacleType", 0),
    // QGIS 3.22 reads <rendering displayAll> only: the overlapHandling
    // QGIS >= 3.26 writes instead (no longer writing displayAll) is unknown
    // to it, so such labels do not overlap there
    displayAll: bool(r, "displayAll", false),
    scaleVisibility: bool(r, "scaleVisibility", false),
    scaleMin: num(r, "scaleMin", 0),
    scaleMax: num(r, "scaleMax", 0),
    fitInPolygonOnly: bool(p, "fitInPolygonOnly", false),
    centroidInside: bool(p, "centroidInside", false),
    centroidWhole: bool(p, "centroidWhole", false),
    minFeatureSize: num(r, "minFeatureSize", 0),
    fontLimitPixelSize: bool(r, "fontLimitPixelSize", false),
    limitNumLabels: bool(r, "limitNumLabels", false),
    maxNumLabels: Math.trunc(num(r, "maxNumLabels", 2000)),
    fontMinPixelSize: num(r, "fontMinPixelSize", 3),
    fontMaxPixelSize: num(r, "fontMaxPixelSize", 10000),
    labelPerPart: bool(r, "labelPerPart", false),
    mergeLines: bool(r, "mergeLines", false),
    drawLabels: bool(r, "drawLabels", true),
    zIndex: num(r, "zIndex", 0),
    upsidedownLabels: num(r, "upsidedownLabels", 0),
    maxCurvedCharAngleIn: num(p, "maxCurvedCharAngleIn", 25),
    maxCurvedCharAngleOut: num(p, "maxCurvedCharAngleOut", -25),
    lineAnchorPercent: num(p, "lineAnchorPercent", 0.5),
    repeatDistance: num(p, "repeatDistance", 0),
    repeatDistanceUnit: unit(p, "repeatDistanceUnits", "MM"),
    dataDefined,
    ...(callout && (callout.enabled || dataDefined.CalloutDraw?.active)
      ? { callout }
      : {}),
  };
}

function readRule(el: Element): LabelRule {
  const a = attrsOf(el);
  const filter = a("filter") ?? "";
  const settingsEl = child(el, "settings");
  return {
    key: a("key") ?? "",
    description: a("description") ?? "",
    filter,
    isElse: filter.trim().toUpperCase() === "ELSE",
    scaleMinDenom: num(a, "scalemindenom", 0),
    scaleMaxDenom: num(a, "scalemaxdenom", 0),
    active: a("active") !== "0",
    settings: settingsEl ? readLabelSettings(settingsEl) : null,
    children: children(el, "rule").map(readRule),
  };
}

/**
 * Reads a layer's labelling from its QML root (`<qgis>`); null when the
 * layer has none we draw (labels disabled, no `<labeling>`, or another type).
 *
 * @example
 * ```ts
 * import { DOMParser } from "@xmldom/xmldom";
 * import { readLabeling } from "./settings.ts";
 * const doc = new DOMParser().parseFromString(
 *   '<qgis labelsEnabled="1"><labeling type="simple"><settings>' +
 *     '<text-style fieldName="name" fontSize="10"/></settings></labeling></qgis>',
 *   "text/xml",
 * );
 * const labeling = readLabeling(doc.documentElement!);
 * labeling?.type; // "simple"
 * ```
 */
export function readLabeling(root: Element): Labeling | null {
  const el = child(root, "labeling");
  if (!el) return null;
  const type = el.getAttribute("type");
  if (type === "simple") {
    const settings = child(el, "settings");
    if (!settings) return null;
    return { type: "simple", settings: readLabelSettings(settings) };
  }
  if (type === "rule-based") {
    const rules = child(el, "rules");
    if (!rules) return null;
    return { type: "rule-based", root: readRule(rules) };
  }
  return null;
}
