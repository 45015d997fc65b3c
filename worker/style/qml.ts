/**
 * QML (a QGIS layer style as XML) → the typed style model of `model.ts`.
 *
 * @module
 */
import { DOMParser, type Element } from "@xmldom/xmldom";
import type {
  Category,
  ColorRamp,
  ColorRampTransformer,
  DataDefinedProperty,
  GradientRamp,
  PaintEffect,
  PropertyTransformer,
  Range,
  Renderer,
  Rule,
  Symbol,
  SymbolLayer,
  SymbolType,
  VectorStyle,
} from "./model.ts";
import { checkXmlLimits, type XmlLimits } from "./xml_limits.ts";
import { COLOR_BREWER } from "./_color_brewer.ts";
import { readDiagrams, readSizeLegend } from "./diagram.ts";

/**
 * How large a style's XML may be: its size is bounded where it is inflated
 * (`--max-style-bytes`); QGIS's styles nest some 10–20 levels and hold tens
 * of thousands of elements at most.
 */
export const STYLE_XML_LIMITS: XmlLimits = {
  maxLength: Infinity,
  maxDepth: 128,
  maxElements: 200_000,
};

function children(el: Element, name?: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (!name || (n as Element).tagName === name)) {
      out.push(n as Element);
    }
  }
  return out;
}

function child(el: Element, name: string): Element | null {
  return children(el, name)[0] ?? null;
}

function num(value: string | null | undefined, fallback: number): number {
  if (value === null || value === undefined || value === "") return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
}

/**
 * Parses QML text into its root element.
 *
 * @throws {SyntaxError} when the text is not a QGIS style document.
 * @throws {RangeError} when it nests deeper or holds more elements than
 * {@link STYLE_XML_LIMITS}.
 * @example
 * ```ts
 * import { parseQmlDocument } from "./qml.ts";
 * const root = parseQmlDocument("<qgis><layerOpacity>1</layerOpacity></qgis>");
 * root.tagName; // "qgis"
 * ```
 */
export function parseQmlDocument(text: string): Element {
  checkXmlLimits(text, STYLE_XML_LIMITS, "style");
  let root: Element | null = null;
  const errors: string[] = [];
  try {
    const doc = new DOMParser({
      onError: (level: string, msg: string) => {
        if (level !== "warning") errors.push(msg);
      },
    }).parseFromString(text, "text/xml");
    root = doc.documentElement as Element | null;
  } catch (error) {
    throw new SyntaxError(
      `Cannot parse style: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (!root || errors.length > 0) {
    throw new SyntaxError(
      `Cannot parse style: ${errors[0] ?? "no root element"}`,
    );
  }
  if (root.tagName !== "qgis") {
    throw new SyntaxError(
      `Cannot parse style: the root element is <${root.tagName}>, not <qgis>`,
    );
  }
  if (transformsFrom18(root.getAttribute("version") ?? "")) {
    opaqueSimpleFillColours(root);
  }
  return root;
}

// The versions QgsProjectFileTransform's chain starts from that lead to its
// 1.8.0 → 1.9.0 step (any other version, 1.7.4 or 1.8.1, is not transformed)
const CHAIN_TO_19 = new Set([
  "0.8.0",
  "0.8.1",
  "0.9.0",
  "0.9.1",
  "0.9.2",
  "0.10.0",
  "0.11.0",
  "1.0.0",
  "1.0.2",
  "1.1.0",
  "1.2.0",
  "1.3.0",
  "1.4.0",
  "1.5.0",
  "1.6.0",
  "1.7.0",
  "1.8.0",
]);

/**
 * Whether QGIS 3.22 runs QgsProjectFileTransform's 1.8 → 1.9 step on a
 * style of this `version` (QgsMapLayer::importNamedStyle transforms older
 * styles): QgsProjectVersion reads up to a `-` as major.minor.sub, missing
 * or unreadable parts 0, and the chain only steps from the versions it
 * lists.
 */
function transformsFrom18(version: string): boolean {
  const parts = version.split("-")[0].split(".");
  const int = (s: string | undefined) =>
    /^[+-]?\d+$/.test(s ?? "") ? Number(s) : 0;
  const v = `${int(parts[0])}.${int(parts[1])}.${int(parts[2])}`;
  return CHAIN_TO_19.has(v);
}

/**
 * QgsProjectFileTransform::transform1800to1900: a QGIS 1.8 style's
 * SimpleFill colours made opaque ("avoid double transparency": 1.8 kept
 * the symbol's transparency in its layers' colours too), `color` and
 * `color_border` of every SimpleFill layer under a `renderer-v2`.
 */
function opaqueSimpleFillColours(root: Element): void {
  const renderers = root.getElementsByTagName("renderer-v2");
  for (let i = 0; i < renderers.length; i++) {
    const layers = renderers[i].getElementsByTagName("layer");
    for (let j = 0; j < layers.length; j++) {
      if (layers[j].getAttribute("class") !== "SimpleFill") continue;
      const props = layers[j].getElementsByTagName("prop");
      for (let k = 0; k < props.length; k++) {
        const key = props[k].getAttribute("k");
        if (key !== "color" && key !== "color_border") continue;
        const v = props[k].getAttribute("v") ?? "";
        props[k].setAttribute("v", `${v.split(",").slice(0, 3).join(",")},255`);
      }
    }
  }
}

/** Reads a QGIS `<Option type="Map">` into a plain object (nested maps too). */
function readOptionMap(el: Element): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of children(el, "Option")) {
    const name = o.getAttribute("name") ?? "";
    const type = o.getAttribute("type");
    if (type === "Map") out[name] = readOptionMap(o);
    else if (type === "List" || type === "StringList") {
      out[name] = children(o, "Option").map((c) => c.getAttribute("value"));
    } else out[name] = o.getAttribute("value");
  }
  return out;
}

function readProps(layer: Element): Record<string, string> {
  const props: Record<string, string> = {};
  // QGIS ≥ 3.16 writes both forms; older files only <prop k v>.
  for (const p of children(layer, "prop")) {
    props[p.getAttribute("k") ?? ""] = p.getAttribute("v") ?? "";
  }
  const map = children(layer, "Option").find((o) =>
    o.getAttribute("type") === "Map"
  );
  if (map) {
    for (const [k, v] of Object.entries(readOptionMap(map))) {
      if (typeof v === "string") props[k] = v;
      else if (v === null) props[k] = "";
    }
  }
  return props;
}

/**
 * Property names of styles older than QGIS 2.5 (and of 2.x itself), per
 * symbol layer class: `[current, ...older]`, read as QGIS 3's `create()`
 * methods read them when the current name is absent.
 */
const LEGACY_NAMES: Record<string, string[][]> = {
  SimpleLine: [
    ["line_color", "outline_color", "color"],
    ["line_width", "outline_width", "width"],
    ["line_width_unit", "outline_width_unit", "width_unit"],
    ["line_style", "outline_style", "penstyle"],
  ],
  SimpleFill: [
    ["outline_color", "line_color", "border_color", "color_border"],
    ["outline_width", "line_width", "width_border"],
    ["outline_width_unit", "line_width_unit", "border_width_unit"],
    ["outline_style", "line_style", "style_border", "border_style"],
  ],
  SimpleMarker: [
    ["outline_color", "line_color", "color_border"],
    ["outline_width", "line_width"],
    ["outline_width_unit", "line_width_unit"],
    ["outline_style", "line_style"],
  ],
  SvgMarker: [
    ["color", "fill"],
    ["outline_color", "line_color", "outline"],
    ["outline_width", "line_width", "outline-width"],
    ["outline_width_unit", "line_width_unit"],
  ],
};

function withCurrentNames(
  className: string,
  props: Record<string, string>,
): Record<string, string> {
  for (const [name, ...older] of LEGACY_NAMES[className] ?? []) {
    if (name in props) continue;
    const old = older.find((o) => o in props);
    if (old !== undefined) props[name] = props[old];
  }
  return props;
}

/**
 * QGIS 2.x's data-defined symbol layer properties (`<name>_expression`, or
 * `<name>_dd_expression` with `_dd_active`, `_dd_useexpr`, `_dd_field`
 * since 2.10) by their old name: the property QGIS 3 reads each as
 * (`QgsSymbolLayer::restoreOldDataDefinedProperties`, `OLD_PROPS`).
 */
const OLD_DATA_DEFINED: Record<string, string> = {
  color: "fillColor",
  arrow_width: "arrowWidth",
  arrow_start_width: "arrowStartWidth",
  head_length: "arrowHeadLength",
  head_thickness: "arrowHeadThickness",
  offset: "offset",
  head_type: "arrowHeadType",
  arrow_type: "arrowType",
  width_field: "width",
  height_field: "height",
  rotation_field: "angle",
  outline_width_field: "outlineWidth",
  fill_color_field: "fillColor",
  outline_color_field: "outlineColor",
  symbol_name_field: "name",
  outline_width: "outlineWidth",
  outline_style: "outlineStyle",
  join_style: "joinStyle",
  fill_color: "fillColor",
  outline_color: "outlineColor",
  width: "width",
  height: "height",
  symbol_name: "name",
  angle: "angle",
  fill_style: "fillStyle",
  color_border: "outlineColor",
  width_border: "outlineWidth",
  border_color: "outlineColor",
  border_style: "outlineStyle",
  color2: "color2",
  gradient_type: "gradientType",
  coordinate_mode: "gradientMode",
  spread: "gradientSpread",
  reference1_x: "gradientRef1X",
  reference1_y: "gradientRef1Y",
  reference2_x: "gradientRef2X",
  reference2_y: "gradientRef2Y",
  reference1_iscentroid: "gradientRef1Centroid",
  reference2_iscentroid: "gradientRef2Centroid",
  blur_radius: "blurRadius",
  use_whole_shape: "shapeburstWholeShape",
  max_distance: "shapeburstMaxDist",
  ignore_rings: "shapeburstIgnoreRings",
  svgFillColor: "fillColor",
  svgOutlineColor: "outlineColor",
  svgOutlineWidth: "outlineWidth",
  svgFile: "file",
  lineangle: "lineAngle",
  distance: "lineDistance",
  distance_x: "distanceX",
  distance_y: "distanceY",
  displacement_x: "displacementX",
  displacement_y: "displacementY",
  file: "file",
  alpha: "alpha",
  customdash: "customDash",
  line_style: "outlineStyle",
  joinstyle: "joinStyle",
  capstyle: "capStyle",
  placement: "placement",
  interval: "interval",
  offset_along_line: "offsetAlongLine",
  name: "name",
  size: "size",
  fill: "fillColor",
  outline: "outlineColor",
  char: "char",
  enabled: "enabled",
  rotation: "angle",
  horizontal_anchor_point: "hAnchor",
  vertical_anchor_point: "vAnchor",
};

/** Symbol layer classes of line type (old `width`/`color` are the stroke's). */
const LINE_LAYER_CLASSES = new Set([
  "SimpleLine",
  "MarkerLine",
  "HashLine",
  "ArrowLine",
  "InterpolatedLine",
  "RasterLine",
  "Lineburst",
]);

/**
 * A QGIS 2.x symbol layer's data-defined properties, from its `<prop>`s, as
 * QGIS 3's `restoreOldDataDefinedProperties` upgrades them.
 */
function readOldDataDefined(
  className: string,
  props: Record<string, string>,
): Record<string, DataDefinedProperty> {
  const out: Record<string, DataDefinedProperty> = {};
  const line = LINE_LAYER_CLASSES.has(className);
  for (const [key, value] of Object.entries(props)) {
    let old: string;
    let p: DataDefinedProperty | null = null;
    if (key.endsWith("_dd_expression")) {
      old = key.slice(0, -"_dd_expression".length);
      const active = (props[`${old}_dd_active`] ?? "1") !== "0";
      const useExpr = (props[`${old}_dd_useexpr`] ?? "1") !== "0";
      const field = props[`${old}_dd_field`] ?? "";
      const expression = useExpr
        ? value
        : field
        ? `"${field.replaceAll('"', '""')}"`
        : "";
      p = { active, expression };
    } else if (key.endsWith("_expression")) {
      old = key.slice(0, -"_expression".length);
      p = { active: true, expression: value };
    } else continue;
    let name = OLD_DATA_DEFINED[old];
    if (!name || p.expression.trim() === "") continue;
    if (line && old === "width") name = "outlineWidth";
    else if (line && old === "color") name = "outlineColor";
    out[name] = p;
  }
  return out;
}

function readDataDefined(
  el: Element,
  className: string,
  props: Record<string, string>,
): Record<string, DataDefinedProperty> {
  const dd = child(el, "data_defined_properties");
  // QGIS 3 reads `<data_defined_properties>` over the old properties (the
  // collection is cleared first); files before 3.0 have only the latter.
  if (!dd) return readOldDataDefined(className, props);
  return readPropertyCollection(dd);
}

/**
 * A QgsPropertyCollection as QGIS 3 writes it into `container` (an
 * `<Option type="Map">` whose `properties` map the properties): each
 * active or not, a field as `"field"`, a static value quoted.
 *
 * @example
 * ```ts
 * import { parseQmlDocument, readPropertyCollection } from "./qml.ts";
 * const root = parseQmlDocument(
 *   '<qgis><Option type="Map"><Option name="properties" type="Map"><Option name="show" type="Map">' +
 *   '<Option name="active" value="true" type="bool"/><Option name="field" value="v" type="QString"/>' +
 *   '<Option name="type" value="2" type="int"/></Option></Option></Option></qgis>',
 * );
 * readPropertyCollection(root).show.expression; // '"v"'
 * ```
 */
export function readPropertyCollection(
  container: Element,
): Record<string, DataDefinedProperty> {
  const out: Record<string, DataDefinedProperty> = {};
  const map = child(container, "Option");
  if (!map) return out;
  const dds = readOptionMap(map).properties;
  if (!dds || typeof dds !== "object") return out;
  for (const [name, raw] of Object.entries(dds as Record<string, unknown>)) {
    if (!raw || typeof raw !== "object") continue;
    const p = raw as Record<string, unknown>;
    const active = p.active === "true" || p.active === "1";
    const type = Number(p.type ?? 0);
    let expression: string | null = null;
    if (type === 2 && typeof p.field === "string" && p.field) {
      expression = `"${p.field.replaceAll('"', '""')}"`;
    } else if (type === 3 && typeof p.expression === "string") {
      expression = p.expression;
    } else if (type === 1 && typeof p.val === "string") {
      expression = `'${p.val.replaceAll("'", "''")}'`;
    }
    if (expression !== null && expression.trim() !== "") {
      const transformer = readTransformer(p.transformer);
      out[name] = transformer
        ? { active, expression, transformer }
        : { active, expression };
    }
  }
  return out;
}

/**
 * A property's transformer (`t` 0 generic numeric, 1 size, 2 colour ramp,
 * with its `d` map), or null.
 */
function readTransformer(
  raw: unknown,
): PropertyTransformer | ColorRampTransformer | null {
  if (!raw || typeof raw !== "object") return null;
  const r = raw as Record<string, unknown>;
  const t = Number(r.t);
  const d = r.d;
  if ((t !== 0 && t !== 1 && t !== 2) || !d || typeof d !== "object") {
    return null;
  }
  const o = d as Record<string, unknown>;
  const n = (k: string, fallback: number) => {
    const v = Number(o[k]);
    return o[k] !== undefined && o[k] !== null && Number.isFinite(v)
      ? v
      : fallback;
  };
  if (t === 2) {
    // QgsColorRampTransformer::loadVariant: the ramp through
    // QgsSymbolLayerUtils::loadColorRamp (its type and properties map)
    const ramp = o.colorramp && typeof o.colorramp === "object"
      ? o.colorramp as Record<string, unknown>
      : {};
    const props = ramp.properties && typeof ramp.properties === "object"
      ? ramp.properties as Record<string, unknown>
      : {};
    const text: Record<string, string> = {};
    for (const [k, v] of Object.entries(props)) {
      if (typeof v === "string") text[k] = v;
    }
    return {
      type: "colorRamp",
      minValue: n("minValue", 0),
      maxValue: n("maxValue", 1),
      nullColor: parseRampColor(
        typeof o.nullColor === "string" ? o.nullColor : undefined,
      ) ?? [0, 0, 0, 0],
      ramp: rampOf(String(ramp.type ?? ""), text),
    };
  }
  if (t === 1) {
    return {
      type: "size",
      scaleType: n("scaleType", 0),
      minValue: n("minValue", 0),
      maxValue: n("maxValue", 1),
      minOutput: n("minSize", 0),
      maxOutput: n("maxSize", 1),
      nullOutput: n("nullSize", 0),
      exponent: n("exponent", 1),
    };
  }
  return {
    type: "numeric",
    scaleType: 0,
    minValue: n("minValue", 0),
    maxValue: n("maxValue", 1),
    minOutput: n("minOutput", 0),
    maxOutput: n("maxOutput", 1),
    nullOutput: n("nullOutput", 0),
    exponent: n("exponent", 1),
  };
}

/**
 * Reads one `<symbol>` element.
 *
 * @example
 * ```ts
 * import { parseQmlDocument, readSymbol } from "./qml.ts";
 * const root = parseQmlDocument(
 *   '<qgis><symbol type="line" alpha="1"><layer class="SimpleLine" enabled="1" pass="0"><prop k="line_width" v="1"/></layer></symbol></qgis>',
 * );
 * const symbol = readSymbol(root.getElementsByTagName("symbol")[0]);
 * symbol.layers[0].props.line_width; // "1"
 * ```
 */
export function readSymbol(el: Element): Symbol {
  const type = (el.getAttribute("type") ?? "fill") as SymbolType;
  const layers: SymbolLayer[] = children(el, "layer").map((l) => {
    const sub = child(l, "symbol");
    const className = l.getAttribute("class") ?? "";
    const props = withCurrentNames(className, readProps(l));
    const layer: SymbolLayer = {
      className,
      enabled: l.getAttribute("enabled") !== "0",
      pass: num(l.getAttribute("pass"), 0),
      props,
      dataDefined: readDataDefined(l, className, props),
      subSymbol: sub ? readSymbol(sub) : null,
    };
    const effect = child(l, "effect");
    if (effect) layer.effect = readEffect(effect);
    return layer;
  });
  return {
    type,
    alpha: num(el.getAttribute("alpha"), 1),
    clipToExtent: el.getAttribute("clip_to_extent") !== "0",
    layers,
  };
}

/**
 * Reads an `<effect>` element as QGIS's paint effect registry does: an
 * `effectStack` is enabled by its attribute and holds its child effects;
 * other effects keep their properties (`enabled` defaults to on).
 *
 * @example
 * ```ts
 * import { parseQmlDocument, readEffect } from "./qml.ts";
 * const root = parseQmlDocument(
 *   '<qgis><effect type="effectStack" enabled="1"><effect type="blur"><Option type="Map"><Option type="QString" name="blur_level" value="2"/></Option></effect></effect></qgis>',
 * );
 * const effect = readEffect(root.getElementsByTagName("effect")[0]);
 * effect.effects[0].props.blur_level; // "2"
 * ```
 */
export function readEffect(el: Element): PaintEffect {
  const type = el.getAttribute("type") ?? "";
  if (type === "effectStack") {
    return {
      type,
      enabled: (el.getAttribute("enabled") ?? "0") !== "0",
      props: {},
      effects: children(el, "effect").map(readEffect),
    };
  }
  const props = readProps(el);
  return {
    type,
    enabled: num(props.enabled ?? "1", 1) !== 0,
    props,
    effects: [],
  };
}

function readSymbols(renderer: Element): Map<string, Symbol> {
  const out = new Map<string, Symbol>();
  const symbols = child(renderer, "symbols");
  if (!symbols) return out;
  for (const s of children(symbols, "symbol")) {
    out.set(s.getAttribute("name") ?? "", readSymbol(s));
  }
  return out;
}

function readRule(el: Element, symbols: Map<string, Symbol>): Rule {
  const filter = el.getAttribute("filter");
  const isElse = filter?.trim().toUpperCase() === "ELSE";
  const symbolName = el.getAttribute("symbol");
  return {
    key: el.getAttribute("key") ?? "",
    label: el.getAttribute("label") ?? "",
    filter: isElse || !filter?.trim() ? null : filter,
    isElse,
    symbol: symbolName !== null ? symbols.get(symbolName) ?? null : null,
    scaleMinDenom: num(el.getAttribute("scalemindenom"), 0),
    scaleMaxDenom: num(el.getAttribute("scalemaxdenom"), 0),
    active: el.getAttribute("checkstate") !== "0",
    children: children(el, "rule").map((r) => readRule(r, symbols)),
  };
}

/**
 * Reads a `<renderer-v2>` element.
 *
 * @example
 * ```ts
 * import { parseQmlDocument, readRenderer } from "./qml.ts";
 * const root = parseQmlDocument('<qgis><renderer-v2 type="nullSymbol"/></qgis>');
 * readRenderer(root.getElementsByTagName("renderer-v2")[0]).type; // "nullSymbol"
 * ```
 */
export function readRenderer(el: Element): Renderer {
  const type = el.getAttribute("type") ?? "";
  const symbols = readSymbols(el);
  switch (type) {
    case "singleSymbol": {
      const sizeLegend = readSizeLegend(el);
      return {
        type,
        symbol: symbols.get("0") ?? [...symbols.values()][0] ?? null,
        ...(sizeLegend ? { sizeLegend } : {}),
      };
    }
    case "categorizedSymbol": {
      const categories: Category[] = [];
      const cats = child(el, "categories");
      for (const c of cats ? children(cats, "category") : []) {
        const list = children(c, "val");
        const value = list.length > 0
          ? list.map((v) => v.getAttribute("value") ?? "")
          : c.getAttribute("type") === "NULL" || !c.hasAttribute("value")
          ? null
          : c.getAttribute("value");
        categories.push({
          value,
          symbol: symbols.get(c.getAttribute("symbol") ?? "") ?? null,
          render: c.getAttribute("render") !== "false",
          label: c.getAttribute("label") ?? "",
        });
      }
      return { type, attr: el.getAttribute("attr") ?? "", categories };
    }
    case "graduatedSymbol": {
      const ranges: Range[] = [];
      const rs = child(el, "ranges");
      for (const r of rs ? children(rs, "range") : []) {
        ranges.push({
          lower: num(r.getAttribute("lower"), -Infinity),
          upper: num(r.getAttribute("upper"), Infinity),
          symbol: symbols.get(r.getAttribute("symbol") ?? "") ?? null,
          render: r.getAttribute("render") !== "false",
          label: r.getAttribute("label") ?? "",
        });
      }
      return { type, attr: el.getAttribute("attr") ?? "", ranges };
    }
    case "RuleRenderer": {
      const rules = child(el, "rules");
      const root: Rule = rules ? readRule(rules, symbols) : {
        key: "",
        label: "",
        filter: null,
        isElse: false,
        symbol: null,
        scaleMinDenom: 0,
        scaleMaxDenom: 0,
        active: true,
        children: [],
      };
      return { type, root };
    }
    case "nullSymbol":
      return { type };
    case "heatmapRenderer": {
      // QgsHeatmapRenderer::create; QgsUnitTypes::RenderUnit by number
      const units = [
        "MM",
        "MapUnit",
        "Pixel",
        "Percentage",
        "Point",
        "Inch",
        "MM",
        "RenderMetersInMapUnits",
      ] as const;
      const ramp = children(el, "colorramp").find((r) =>
        r.getAttribute("name") === "[source]"
      );
      return {
        type,
        radius: num(el.getAttribute("radius"), 50),
        radiusUnit: units[num(el.getAttribute("radius_unit"), 0)] ?? "MM",
        maxValue: num(el.getAttribute("max_value"), 0),
        quality: Math.trunc(num(el.getAttribute("quality"), 0)),
        weight: el.getAttribute("weight_expression") ?? "",
        ramp: ramp ? readRamp(ramp) : null,
      };
    }
    case "pointDisplacement":
    case "pointCluster": {
      // drawn by the renderer they wrap, without displacing or clustering
      const inner = child(el, "renderer-v2");
      return inner ? readRenderer(inner) : { type: "unsupported", name: type };
    }
    default:
      return { type: "unsupported", name: type };
  }
}

/**
 * A `<colorramp>` (`QgsSymbolLayerUtils::loadColorRamp`) of a type read
 * (`rampOf`), else null.
 */
function readRamp(el: Element): ColorRamp | null {
  return rampOf(el.getAttribute("type") ?? "", readProps(el));
}

/**
 * A colour ramp of its type and properties: a gradient
 * (`QgsGradientColorRamp::create`), preset colours
 * (`QgsPresetSchemeColorRamp::create`) or a ColorBrewer scheme
 * (`QgsColorBrewerColorRamp::create`); random and cpt-city ramps (colours
 * QGIS draws by chance, or reads from its cpt-city files): null.
 */
function rampOf(
  type: string,
  p: Record<string, string>,
): ColorRamp | null {
  if (type === "preset") {
    const colors: [number, number, number, number][] = [];
    // read up to the first index missing, as QGIS reads them
    for (let i = 0; p[`preset_color_${i}`] !== undefined; i++) {
      colors.push(parseRampColor(p[`preset_color_${i}`]) ?? [0, 0, 0, 255]);
    }
    // QgsPresetSchemeColorRamp's constructor: one colour when given none
    return { colors: colors.length ? colors : [[250, 75, 60, 255]] };
  }
  if (type === "colorbrewer") {
    const n = Math.trunc(num(p.colors, 5));
    const palette = COLOR_BREWER[p.schemeName ?? "Spectral"]?.[n];
    if (!palette) return null;
    const colors = palette.split(" ").map((
      hex,
    ): [number, number, number, number] => [
      parseInt(hex.slice(0, 2), 16),
      parseInt(hex.slice(2, 4), 16),
      parseInt(hex.slice(4, 6), 16),
      255,
    ]);
    return { colors: p.inverted === "1" ? colors.reverse() : colors };
  }
  return gradientRampOf(type, p);
}

/** A gradient ramp of its properties (`QgsGradientColorRamp::create`). */
function gradientRampOf(
  type: string,
  p: Record<string, string>,
): GradientRamp | null {
  if (type !== "gradient") return null;
  const color = (v: string | undefined, d: [number, number, number, number]) =>
    parseRampColor(v) ?? d;
  const stops: [number, [number, number, number, number]][] = [];
  for (const s of (p.stops ?? "").split(":")) {
    const [o, c] = s.split(";");
    const rgba = parseRampColor(c);
    if (rgba && Number.isFinite(Number(o))) stops.push([Number(o), rgba]);
  }
  stops.sort((a, b) => a[0] - b[0]);
  return {
    color1: color(p.color1, [0, 0, 255, 255]),
    color2: color(p.color2, [0, 255, 0, 255]),
    discrete: p.discrete === "1",
    stops,
  };
}

function parseRampColor(
  v: string | undefined,
): [number, number, number, number] | null {
  const n = (v ?? "").split(",").map((x) => Number(x.trim()));
  if (n.length < 3 || n.slice(0, 4).some((x) => !Number.isFinite(x))) {
    return null;
  }
  return [n[0], n[1], n[2], n.length > 3 ? n[3] : 255];
}

function text(root: Element, name: string): string | null {
  const el = child(root, name);
  return el ? (el.textContent ?? "").trim() : null;
}

// QgsVectorLayer::readStyle: QGIS 2's <layerTransparency> (a percentage,
// read as QString::toInt: 0 unless a whole number), then <layerOpacity>
function layerOpacity(root: Element): number {
  const opacity = text(root, "layerOpacity");
  if (opacity !== null) return num(opacity, 1);
  const transparency = text(root, "layerTransparency");
  if (transparency === null) return 1;
  const percent = /^[+-]?\d+$/.test(transparency) ? Number(transparency) : 0;
  return 1 - percent / 100;
}

/**
 * Reads the vector part of a QML document (renderer, opacity, blend modes,
 * scale visibility). Returns null when the style has no vector renderer.
 *
 * @example
 * ```ts
 * import { parseQmlDocument, readVectorStyle } from "./qml.ts";
 * const style = readVectorStyle(parseQmlDocument(
 *   '<qgis><renderer-v2 type="nullSymbol"/><layerOpacity>0.5</layerOpacity></qgis>',
 * ));
 * style?.opacity; // 0.5
 * ```
 */
export function readVectorStyle(root: Element): VectorStyle | null {
  const renderer = child(root, "renderer-v2");
  if (!renderer) return null;
  // QgsInvertedPolygonRenderer and QgsMergedFeatureRenderer draw through
  // the renderer they embed
  const type = renderer.getAttribute("type");
  const inner = type === "invertedPolygonRenderer" ||
      type === "mergedFeatureRenderer"
    ? child(renderer, "renderer-v2")
    : null;
  const style: VectorStyle = {
    renderer: readRenderer(inner ?? renderer),
    symbolLevels: renderer.getAttribute("symbollevels") === "1",
    opacity: layerOpacity(root),
    blendMode: num(text(root, "blendMode"), 0),
    featureBlendMode: num(text(root, "featureBlendMode"), 0),
    hasScaleBasedVisibility:
      root.getAttribute("hasScaleBasedVisibilityFlag") === "1",
    minScale: num(root.getAttribute("minScale"), 0),
    maxScale: num(root.getAttribute("maxScale"), 0),
    // QgsVectorLayer::readSymbology: labels are on unless the style says
    // otherwise (QGIS 2.x styles write no labelsEnabled)
    labelsEnabled: !root.hasAttribute("labelsEnabled") ||
      root.getAttribute("labelsEnabled") === "1",
  };
  // the renderer's own effect: the whole layer drawn through it
  const effect = child(renderer, "effect");
  if (effect) style.effect = readEffect(effect);
  if (inner && type === "mergedFeatureRenderer") style.merged = true;
  else if (inner) {
    style.inverted = {
      preprocessing: renderer.getAttribute("preprocessing") === "1",
    };
  }
  const diagrams = readDiagrams(root);
  if (diagrams) style.diagrams = diagrams;
  return style;
}

/**
 * Parses QML text into a vector style (null when it has no vector renderer).
 *
 * @throws {SyntaxError} when the text is not a QGIS style document.
 * @example
 * ```ts
 * import { parseVectorStyle } from "./qml.ts";
 * parseVectorStyle('<qgis><renderer-v2 type="nullSymbol"/></qgis>')?.renderer.type; // "nullSymbol"
 * ```
 */
export function parseVectorStyle(text: string): VectorStyle | null {
  return readVectorStyle(parseQmlDocument(text));
}
