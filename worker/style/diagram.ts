/**
 * A layer's diagrams in QML (`<SingleCategoryDiagramRenderer>` or
 * `<LinearlyInterpolatedDiagramRenderer>` with its `<DiagramCategory>`, and
 * `<DiagramLayerSettings>`) → {@link DiagramStyle}, as QGIS 3.22's
 * `QgsDiagramRenderer::readXml` and `QgsDiagramSettings::readXml` read them.
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import type {
  DataDefinedSizeLegend,
  DiagramCategory,
  DiagramStyle,
  RenderUnit,
} from "./model.ts";
import { parseColor, parseUnit } from "./props.ts";
import { readEffect, readPropertyCollection, readSymbol } from "./qml.ts";

function firstChild(el: Element, name: string): Element | null {
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).tagName === name) {
      return n as Element;
    }
  }
  return null;
}

function num(value: string | null, fallback: number): number {
  if (value === null || value.trim() === "") return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
}

// QgsDiagramSettings::readXml: "MapUnits" is the pre-2.16 name
function unit(value: string | null): RenderUnit {
  return value === "MapUnits" ? "MapUnit" : parseUnit(value ?? undefined);
}

// QColor(name) with an alpha 0–255 or 0–1 (QColor keeps 16 bits: 257 a step)
function color(
  name: string | null,
  alpha: number,
): [number, number, number, number] {
  const [r, g, b] = parseColor(name ?? undefined, [0, 0, 0, 255]);
  return [r, g, b, alpha];
}

/**
 * QgsDataDefinedSizeLegend::readXml of an interpolated diagram renderer's or
 * a feature renderer's `<data-defined-size-legend>`; before QGIS 3.0, a
 * `sizeLegend="1"` diagram renderer's separated legend of its `sizeSymbol`
 * marker.
 *
 * @example
 * ```ts
 * import { DOMParser } from "@xmldom/xmldom";
 * import { readSizeLegend } from "./diagram.ts";
 * const el = new DOMParser().parseFromString(
 *   '<renderer-v2><data-defined-size-legend title="T" type="separated"/></renderer-v2>',
 *   "text/xml",
 * ).documentElement!;
 * readSizeLegend(el)?.title; // "T"
 * ```
 */
export function readSizeLegend(linear: Element): DataDefinedSizeLegend | null {
  const el = firstChild(linear, "data-defined-size-legend");
  if (!el) {
    if ((linear.getAttribute("sizeLegend") ?? "0") === "0") return null;
    const symbol = firstChild(linear, "symbol");
    return {
      type: "separated",
      valign: "bottom",
      title: "",
      symbol: symbol?.getAttribute("name") === "sizeSymbol"
        ? readSymbol(symbol)
        : null,
      lineSymbol: null,
      classes: [],
      textAlignment: 1,
    };
  }
  const symbol = firstChild(el, "symbol");
  const line = firstChild(el, "lineSymbol");
  const lineSymbol = line ? firstChild(line, "symbol") : null;
  const classes: { size: number; label: string }[] = [];
  const list = firstChild(el, "classes");
  for (let n = list?.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue;
    const c = n as Element;
    classes.push({
      size: num(c.getAttribute("size"), 0),
      label: c.getAttribute("label") ?? "",
    });
  }
  return {
    type: el.getAttribute("type") === "collapsed" ? "collapsed" : "separated",
    valign: el.getAttribute("valign") === "center" ? "center" : "bottom",
    title: el.getAttribute("title") ?? "",
    symbol: symbol ? readSymbol(symbol) : null,
    lineSymbol: lineSymbol ? readSymbol(lineSymbol) : null,
    classes,
    textAlignment: Math.trunc(
      num(firstChild(el, "text-style")?.getAttribute("align") ?? null, 1),
    ),
  };
}

/**
 * Reads the diagrams of a layer style's root (`<qgis>` or `<maplayer>`);
 * null when it has none.
 *
 * @example
 * ```ts
 * import { DOMParser } from "@xmldom/xmldom";
 * import { readDiagrams } from "./diagram.ts";
 * const root = new DOMParser().parseFromString(
 *   '<qgis><SingleCategoryDiagramRenderer diagramType="Pie"><DiagramCategory enabled="1" width="5" height="5">' +
 *     '<attribute field="&quot;a&quot;" color="#ff0000" label="A"/></DiagramCategory>' +
 *     '</SingleCategoryDiagramRenderer></qgis>',
 *   "text/xml",
 * ).documentElement!;
 * readDiagrams(root)?.categories[0].expression; // '"a"'
 * ```
 */
export function readDiagrams(root: Element): DiagramStyle | null {
  const single = firstChild(root, "SingleCategoryDiagramRenderer");
  const linear = single
    ? null
    : firstChild(root, "LinearlyInterpolatedDiagramRenderer");
  const renderer = single ?? linear;
  if (!renderer) return null;
  const cat = firstChild(renderer, "DiagramCategory");
  if (!cat) return null;
  const a = (name: string) => cat.getAttribute(name);
  const categories: DiagramCategory[] = [];
  for (let n = cat.firstChild; n; n = n.nextSibling) {
    const el = n as Element;
    if (n.nodeType !== 1 || el.tagName !== "attribute") continue;
    const opacity = num(el.getAttribute("colorOpacity"), 1);
    categories.push({
      expression: el.getAttribute("field") ?? "",
      color: color(el.getAttribute("color"), Math.round(opacity * 65535) / 257),
      label: el.getAttribute("label") ?? "",
    });
  }
  // QFont::toString: family, point size, pixel size, hint, weight, italic …
  const font = (firstChild(cat, "fontProperties")?.getAttribute(
    "description",
  ) ?? "").split(",");
  const legacyTransparency = a("transparency");
  const style: DiagramStyle = {
    type: renderer.getAttribute("diagramType") ?? "",
    enabled: a("enabled") !== "0",
    categories,
    width: num(a("width"), 0),
    height: num(a("height"), 0),
    sizeUnit: unit(a("sizeType")),
    penColor: color(a("penColor"), num(a("penAlpha"), 255)),
    penWidth: num(a("penWidth"), 0),
    penUnit: unit(a("lineSizeType")),
    backgroundColor: color(
      a("backgroundColor"),
      num(a("backgroundAlpha"), 255),
    ),
    opacity: legacyTransparency !== null
      ? 1 - num(legacyTransparency, 0) / 255
      : num(a("opacity"), 1),
    barWidth: num(a("barWidth"), 5),
    orientation: a("diagramOrientation") ?? "Up",
    minimumSize: num(a("minimumSize"), 0),
    rotationOffset: num(a("rotationOffset"), 0),
    // QgsDiagramSettings::Direction: Clockwise 0, Counterclockwise 1
    clockwise: a("direction") === "0",
    scaleByArea: a("scaleDependency") !== "Diameter",
    spacing: num(a("spacing"), 0),
    spacingUnit: unit(a("spacingUnit")),
    scaleBasedVisibility: a("scaleBasedVisibility") === "1",
    // written crossed: minScaleDenominator holds the most zoomed-in scale
    minScale: Math.max(0, num(a("maxScaleDenominator"), 0)),
    maxScale: Math.max(0, num(a("minScaleDenominator"), 0)),
    font: {
      family: font[0] ?? "",
      size: num(font[1] ?? null, 10),
      bold: num(font[4] ?? null, 50) > 50,
      italic: font[5] === "1",
    },
    labelPlacementMethod: a("labelPlacementMethod") === "Height"
      ? "Height"
      : "XHeight",
    attributeLegend: renderer.getAttribute("attributeLegend") !== "0",
    // QgsLinearlyInterpolatedDiagramRenderer: a size legend when it has one
    sizeLegend: linear !== null &&
      firstChild(linear, "data-defined-size-legend") !== null,
    placement: 1,
    distance: 0,
    priority: 5,
    zIndex: 0,
    obstacle: false,
    showAll: true,
  };
  if (linear) {
    const sizeLegend = readSizeLegend(linear);
    if (sizeLegend) style.dataDefinedSizeLegend = sizeLegend;
    const l = (name: string) => num(linear.getAttribute(name), 0);
    const expression = linear.getAttribute(
      "classificationAttributeExpression",
    );
    const field = linear.getAttribute("classificationField");
    style.interpolation = {
      expression: expression !== null && expression !== ""
        ? expression
        : `"${(field ?? "").replaceAll('"', '""')}"`,
      lowerValue: l("lowerValue"),
      upperValue: l("upperValue"),
      lowerWidth: l("lowerWidth"),
      lowerHeight: l("lowerHeight"),
      upperWidth: l("upperWidth"),
      upperHeight: l("upperHeight"),
    };
  }
  const effect = firstChild(cat, "effect");
  if (effect) style.effect = readEffect(effect);
  const layer = firstChild(root, "DiagramLayerSettings");
  if (layer) {
    const b = (name: string) => layer.getAttribute(name);
    style.placement = num(b("placement"), 1);
    style.distance = num(b("dist"), 0);
    style.priority = num(b("priority"), 5);
    style.zIndex = num(b("zIndex"), 0);
    style.obstacle = b("obstacle") === "1";
    style.showAll = b("showAll") !== "0";
    const properties = firstChild(layer, "properties");
    if (properties) {
      const dd = readPropertyCollection(properties);
      if (Object.keys(dd).length > 0) style.dataDefined = dd;
    }
  }
  return style;
}
