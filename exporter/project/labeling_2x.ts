/**
 * QGIS 2.x labelling: layers saved before QGIS 3 keep their label settings
 * as `labeling/*` custom properties instead of a `<labeling>` element. QGIS
 * 3 reads them (`QgsPalLayerSettings::readFromLayerCustomProperties`) and
 * writes them back as a `<labeling type="simple">` element, which is what
 * its `exportNamedStyle` puts into a layer's QML; this module does the same
 * so that a 2.x project's labels reach the worker.
 *
 * @module
 */

const escape = (value: string): string =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");

type Props = Record<string, unknown>;

function text(props: Props, key: string): string | undefined {
  const v = props[`labeling/${key}`];
  return typeof v === "string" ? v : undefined;
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(true|1)$/i.test(value.trim());
}

// QGIS 2 wrote colours as four properties (`<key>R`, `G`, `B`, `A`); the
// text, buffer and shadow colours ignore A (their opacity is `*Transp`).
function color(
  props: Props,
  key: string,
  fallback: [number, number, number, number],
  withAlpha: boolean,
): string {
  const part = (c: string, i: number) => {
    const v = Number(text(props, `${key}${c}`));
    return Number.isFinite(v) ? v : fallback[i];
  };
  const a = withAlpha ? part("A", 3) : 255;
  return `${part("R", 0)},${part("G", 1)},${part("B", 2)},${a}`;
}

// `1 - <key>/100` (QGIS 2's transparency percentage), or the 3.x opacity
// when the layer already has one.
function opacity(props: Props, opacityKey: string, transpKey: string): string {
  const o = text(props, opacityKey);
  if (o !== undefined && Number.isFinite(Number(o))) return o;
  const t = Number(text(props, transpKey) ?? 0);
  return String(1 - (Number.isFinite(t) ? t : 0) / 100);
}

// The unit of a size: the 3.x `<key>Unit(s)` property, else `<…>InMapUnits`.
function unit(
  props: Props,
  unitKey: string,
  inMapUnitsKey: string,
  fallback: string,
): string {
  const u = text(props, unitKey);
  if (u !== undefined && u !== "" && !/^\d+$/.test(u)) return u;
  return truthy(text(props, inMapUnitsKey)) ? "MapUnit" : fallback;
}

// QGIS 2's numeric units (QgsSymbolV2::OutputUnit: 0 mm, 1 map units,
// 2 pixels, 3 percentage) of the shadow/shape properties.
const NUMERIC_UNITS = ["MM", "MapUnit", "Pixel", "Percentage"];
function numericUnit(props: Props, key: string, fallback: string): string {
  const v = text(props, key);
  if (v === undefined || v === "") return fallback;
  if (!/^\d+$/.test(v)) return v;
  return NUMERIC_UNITS[Number(v)] ?? fallback;
}

function attrs(entries: [string, string | undefined][]): string {
  return entries.filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escape(v!)}"`).join("");
}

// Properties copied under the same name when the layer has them.
const copy = (props: Props, keys: string[]): [string, string | undefined][] =>
  keys.map((k) => [k, text(props, k)]);

/**
 * Whether a layer's custom properties hold QGIS 2.x labelling that QGIS 3
 * reads (`labeling` = `pal`, `labeling/enabled` true).
 *
 * @example
 * ```ts
 * import { hasLabeling2x } from "./labeling_2x.ts";
 * hasLabeling2x({ labeling: "pal", "labeling/enabled": "true" }); // true
 * ```
 */
export function hasLabeling2x(props: Props): boolean {
  return props["labeling"] === "pal" &&
    truthy(text(props, "enabled"));
}

/**
 * The `<labeling type="simple">` element QGIS 3 writes for a layer whose
 * QGIS 2.x labelling lives in its `labeling/*` custom properties.
 *
 * @example
 * ```ts
 * import { labelingFrom2x } from "./labeling_2x.ts";
 * labelingFrom2x({
 *   labeling: "pal",
 *   "labeling/enabled": "true",
 *   "labeling/fieldName": "NAME",
 *   "labeling/fontSize": "9",
 * }).startsWith('<labeling type="simple">'); // true
 * ```
 */
export function labelingFrom2x(props: Props): string {
  const bufferSize = text(props, "bufferSize");
  const bufferDraw = text(props, "bufferDraw") ??
    // QGIS 2 before the switch: a buffer of non-zero size is drawn
    (bufferSize !== undefined && Number(bufferSize) !== 0 ? "1" : "0");
  const style = attrs([
    ...copy(props, [
      "fieldName",
      "fontFamily",
      "fontSize",
      "fontWeight",
      "fontItalic",
      "fontUnderline",
      "fontStrikeout",
      "namedStyle",
      "fontLetterSpacing",
      "fontWordSpacing",
      "multilineHeight",
      "blendMode",
    ]),
    ["isExpression", truthy(text(props, "isExpression")) ? "1" : "0"],
    [
      "fontSizeUnit",
      unit(props, "fontSizeUnit", "fontSizeInMapUnits", "Point"),
    ],
    ["textColor", color(props, "textColor", [0, 0, 0, 255], false)],
    ["textOpacity", opacity(props, "textOpacity", "textTransp")],
    ["capitalization", text(props, "fontCapitals")],
  ]);
  const buffer = attrs([
    ["bufferDraw", truthy(bufferDraw) ? "1" : "0"],
    ["bufferSize", bufferSize],
    [
      "bufferSizeUnits",
      unit(props, "bufferSizeUnits", "bufferSizeInMapUnits", "MM"),
    ],
    ["bufferColor", color(props, "bufferColor", [255, 255, 255, 255], false)],
    ["bufferOpacity", opacity(props, "bufferOpacity", "bufferTransp")],
    ...copy(props, ["bufferJoinStyle", "bufferBlendMode"]),
    ["bufferNoFill", truthy(text(props, "bufferNoFill")) ? "1" : "0"],
  ]);
  const background = attrs([
    ["shapeDraw", truthy(text(props, "shapeDraw")) ? "1" : "0"],
    ...copy(props, [
      "shapeType",
      "shapeSizeType",
      "shapeSizeX",
      "shapeSizeY",
      "shapeOffsetX",
      "shapeOffsetY",
      "shapeRadiiX",
      "shapeRadiiY",
      "shapeBorderWidth",
      "shapeRotation",
      "shapeRotationType",
      "shapeJoinStyle",
      "shapeBlendMode",
    ]),
    ["shapeSizeUnit", numericUnit(props, "shapeSizeUnits", "MM")],
    ["shapeOffsetUnit", numericUnit(props, "shapeOffsetUnits", "MM")],
    ["shapeRadiiUnit", numericUnit(props, "shapeRadiiUnits", "MM")],
    [
      "shapeBorderWidthUnit",
      numericUnit(props, "shapeBorderWidthUnits", "MM"),
    ],
    [
      "shapeFillColor",
      color(props, "shapeFillColor", [255, 255, 255, 255], true),
    ],
    [
      "shapeBorderColor",
      color(props, "shapeBorderColor", [128, 128, 128, 255], true),
    ],
    ["shapeOpacity", opacity(props, "shapeOpacity", "shapeTransparency")],
  ]);
  const shadow = attrs([
    ["shadowDraw", truthy(text(props, "shadowDraw")) ? "1" : "0"],
    ...copy(props, [
      "shadowUnder",
      "shadowOffsetAngle",
      "shadowOffsetDist",
      "shadowRadius",
      "shadowScale",
      "shadowBlendMode",
    ]),
    ["shadowOffsetUnit", numericUnit(props, "shadowOffsetUnits", "MM")],
    ["shadowRadiusUnit", numericUnit(props, "shadowRadiusUnits", "MM")],
    ["shadowColor", color(props, "shadowColor", [0, 0, 0, 255], false)],
    ["shadowOpacity", opacity(props, "shadowOpacity", "shadowTransparency")],
  ]);
  const format = attrs(copy(props, [
    "wrapChar",
    "multilineAlign",
    "addDirectionSymbol",
    "leftDirectionSymbol",
    "rightDirectionSymbol",
    "reverseDirectionSymbol",
    "placeDirectionSymbol",
    "formatNumbers",
    "decimals",
    "plussign",
  ]));
  const placement = attrs([
    ...copy(props, [
      "placement",
      "placementFlags",
      "centroidWhole",
      "centroidInside",
      "fitInPolygonOnly",
      "predefinedPositionOrder",
      "dist",
      "offsetType",
      "quadOffset",
      "xOffset",
      "yOffset",
      "preserveRotation",
      "maxCurvedCharAngleIn",
      "maxCurvedCharAngleOut",
      "priority",
      "repeatDistance",
    ]),
    ["distUnits", unit(props, "distUnits", "distInMapUnits", "MM")],
    ["offsetUnits", unit(props, "offsetUnits", "labelOffsetInMapUnits", "MM")],
    [
      "rotationAngle",
      text(props, "rotationAngle") ?? text(props, "angleOffset"),
    ],
    ["repeatDistanceUnits", numericUnit(props, "repeatDistanceUnit", "MM")],
  ]);
  const rendering = attrs(
    copy(props, [
      "scaleVisibility",
      "scaleMin",
      "scaleMax",
      "fontLimitPixelSize",
      "fontMinPixelSize",
      "fontMaxPixelSize",
      "displayAll",
      "upsidedownLabels",
      "labelPerPart",
      "mergeLines",
      "minFeatureSize",
      "limitNumLabels",
      "maxNumLabels",
      "obstacle",
      "obstacleFactor",
      "obstacleType",
      "zIndex",
    ]).map(([k, v]): [string, string | undefined] => // QGIS 2 wrote booleans as true/false, QGIS 3 as 1/0
    [k, v === "true" ? "1" : v === "false" ? "0" : v]),
  );
  const fixBools = (s: string) =>
    s.replace(/="true"/g, '="1"').replace(/="false"/g, '="0"');
  return `<labeling type="simple"><settings calloutType="simple">` +
    `<text-style${fixBools(style)}><text-buffer${fixBools(buffer)}/>` +
    `<background${fixBools(background)}/><shadow${fixBools(shadow)}/>` +
    `</text-style><text-format${fixBools(format)}/>` +
    `<placement${fixBools(placement)}/><rendering${rendering}/>` +
    `</settings></labeling>`;
}
