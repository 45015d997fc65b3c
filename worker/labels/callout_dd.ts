/**
 * A callout's own data-defined properties (QGIS 3.22's `QgsCallout`
 * property collection, its `ddProperties`), evaluated for one label as the
 * callouts' `draw` methods read them: each replaces its static setting,
 * and a value QGIS cannot read as the property's type leaves the static
 * one.
 *
 * @module
 */
import type { CalloutSettings } from "./callout.ts";

/** Feature anchors `QgsCallout::decodeAnchorPoint` knows. */
const ANCHORS = new Set([
  "pole_of_inaccessibility",
  "point_on_exterior",
  "point_on_surface",
  "centroid",
]);

/** Label anchors `QgsCallout::decodeLabelAnchorPoint` knows. */
const LABEL_ANCHORS = new Set([
  "point_on_exterior",
  "centroid",
  "tl",
  "t",
  "tr",
  "l",
  "r",
  "bl",
  "b",
  "br",
]);

/**
 * The settings a label's callout is drawn with: `settings` with its
 * data-defined properties' values (`value(name)`: the property's value
 * for the label's feature; undefined when inactive, NULL or failed) in
 * place of the static ones. Lengths stay in their units; `Curvature` is a
 * percentage of the line's length (the static `curvature` a fraction);
 * `Margins` are "top,right,bottom,left" or an array in that order (the
 * static ones left, top, right, bottom); an anchor QGIS does not know is
 * its default (pole of inaccessibility, the label's exterior), an
 * orientation it does not know `auto`.
 *
 * @example
 * ```ts
 * import { calloutForFeature } from "./callout_dd.ts";
 * import { readCallout } from "./callout.ts";
 * import { DOMParser } from "@xmldom/xmldom";
 * const settings = readCallout(new DOMParser().parseFromString(
 *   '<settings><callout type="simple"><Option type="Map"/></callout></settings>',
 *   "text/xml",
 * ).documentElement!)!;
 * const v: Record<string, unknown> = { LabelAnchorPointPosition: "TL", OffsetFromLabel: "1.5" };
 * const c = calloutForFeature(settings, (name) => v[name]);
 * [c.labelAnchorPoint, c.offsetFromLabel]; // ["tl", 1.5]
 * ```
 */
export function calloutForFeature(
  settings: CalloutSettings,
  value: (name: string) => unknown,
): CalloutSettings {
  const active = Object.entries(settings.dataDefined).some(([, p]) => p.active);
  if (!active) return settings;
  const out = { ...settings };
  const number = (name: string, fallback: number) => {
    const n = toDouble(value(name));
    return n ?? fallback;
  };
  out.minLength = number("MinimumCalloutLength", settings.minLength);
  out.offsetFromAnchor = number("OffsetFromAnchor", settings.offsetFromAnchor);
  out.offsetFromLabel = number("OffsetFromLabel", settings.offsetFromLabel);
  const all = value("DrawCalloutToAllParts");
  if (all !== undefined) out.drawToAllParts = toBool(all);
  const anchor = value("AnchorPointPosition");
  if (anchor !== undefined) {
    const a = String(anchor).trim().toLowerCase();
    out.anchorPoint = ANCHORS.has(a) ? a : "pole_of_inaccessibility";
  }
  const labelAnchor = value("LabelAnchorPointPosition");
  if (labelAnchor !== undefined) {
    const a = String(labelAnchor).trim().toLowerCase();
    out.labelAnchorPoint = LABEL_ANCHORS.has(a) ? a : "point_on_exterior";
  }
  // QgsCurvedLineCallout::createCalloutLine: the property in percent
  const curvature = toDouble(value("Curvature"));
  if (curvature !== null) out.curvature = curvature / 100;
  const orientation = value("Orientation");
  if (orientation !== undefined) {
    const o = String(orientation).trim().toLowerCase();
    out.orientation = o === "clockwise" || o === "counterclockwise"
      ? o
      : "auto";
  }
  const margins = ddMargins(value("Margins"));
  if (margins) out.margins = margins;
  if (settings.wedgeWidth !== undefined) {
    out.wedgeWidth = number("WedgeWidth", settings.wedgeWidth);
  }
  if (settings.cornerRadius !== undefined) {
    out.cornerRadius = number("CornerRadius", settings.cornerRadius);
  }
  return out;
}

/**
 * `QgsBalloonCallout::getPoints`' margins: four numbers top, right,
 * bottom, left (an array, or a text split at commas) as left, top, right,
 * bottom; else null (the static margins).
 */
function ddMargins(v: unknown): [number, number, number, number] | null {
  if (v === undefined || v === null) return null;
  const list = Array.isArray(v) ? v : String(v).trim().split(",");
  if (list.length !== 4) return null;
  const n = list.map(toDouble);
  if (n.some((x) => x === null)) return null;
  const [top, right, bottom, left] = n as number[];
  return [left, top, right, bottom];
}

/** `QVariant::toDouble` with its ok flag: null when not a number. */
function toDouble(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v !== "string") return null;
  const t = v.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** `QVariant::toBool`: a text is false when empty, "0" or "false". */
function toBool(v: unknown): boolean {
  if (typeof v === "string") {
    const t = v.trim().toLowerCase();
    return !(t === "" || t === "0" || t === "false");
  }
  if (typeof v === "number") return v !== 0;
  return Boolean(v);
}
