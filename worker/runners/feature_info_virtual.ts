/**
 * Virtual fields (QGIS's expression fields) as QGIS Server answers them in
 * feature info: the style's `<expressionfields>`, listed after the data's
 * fields, each feature's value the expression evaluated on it (NULL on an
 * error, as QGIS) and converted to the field's type as
 * `QgsField::convertCompatible` converts it (integers rounded, reals to
 * the field's precision, text cut to its length).
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import type { AttributeValue, Feature } from "../geometry/types.ts";
import {
  evaluate,
  type Expression,
  parseExpression,
  referencedColumns,
} from "../expression/mod.ts";
import type { JoinKeys } from "../sources/joins.ts";
import { qtGeneral } from "../legend/number_format.ts";

/** A virtual field of a layer's style. */
export interface VirtualField {
  /** Field name. */
  name: string;
  /** Our type name for the field's QVariant type (`Boolean`, `Real` …). */
  type: string;
  /** Decimals of a real field. */
  precision?: number;
  /** Most characters of a text field; 0 for any. */
  length: number;
  /** The parsed expression, or null when the engine cannot read it. */
  expression: Expression | null;
}

/** QVariant type codes (`type="…"`) as our field type names. */
const TYPES: Record<string, string> = {
  "1": "Boolean",
  "2": "Integer",
  "3": "Integer",
  "4": "Integer64",
  "5": "Integer64",
  "6": "Real",
  "10": "String",
  "14": "Date",
  "15": "Time",
  "16": "DateTime",
};

/**
 * The style's virtual fields, in its order.
 *
 * @example
 * ```ts
 * import { DOMParser } from "@xmldom/xmldom";
 * import { virtualFields } from "./feature_info_virtual.ts";
 * const root = new DOMParser().parseFromString(
 *   `<qgis><expressionfields><field name="twice" type="2" length="0" precision="0" expression="&quot;n&quot; * 2"/></expressionfields></qgis>`,
 *   "text/xml",
 * ).documentElement!;
 * virtualFields(root).map((f) => [f.name, f.type]); // [["twice", "Integer"]]
 * ```
 */
export function virtualFields(root: Element | null): VirtualField[] {
  const out: VirtualField[] = [];
  for (let n = root?.firstChild ?? null; n; n = n.nextSibling) {
    if (n.nodeType !== 1 || (n as Element).tagName !== "expressionfields") {
      continue;
    }
    for (let f = n.firstChild; f; f = f.nextSibling) {
      if (f.nodeType !== 1 || (f as Element).tagName !== "field") continue;
      const el = f as Element;
      const name = el.getAttribute("name") ?? "";
      if (!name) continue;
      let expression: Expression | null = null;
      try {
        expression = parseExpression(el.getAttribute("expression") ?? "");
      } catch {
        // a function the engine lacks: the field is listed, its values NULL
      }
      const precision = Number(el.getAttribute("precision") ?? 0) || 0;
      const type = TYPES[el.getAttribute("type") ?? ""] ?? "String";
      out.push({
        name,
        type,
        ...(type === "Real" && precision > 0 ? { precision } : {}),
        length: Number(el.getAttribute("length") ?? 0) || 0,
        expression,
      });
    }
  }
  return out;
}

/** QVariant::toString of a value (for text fields). */
function text(v: unknown): string {
  if (typeof v === "number") {
    return Number.isInteger(v) ? String(v) : qtGeneral(v);
  }
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return ""; // QVariantList has no text
  return String(v);
}

/** A value converted to the field's type, as QgsField::convertCompatible. */
export function convertCompatible(
  v: unknown,
  field: Pick<VirtualField, "type" | "precision" | "length">,
): AttributeValue {
  if (v === null || v === undefined) return null;
  switch (field.type) {
    case "Boolean": {
      if (typeof v === "string") {
        const t = v.trim().toLowerCase();
        return !(t === "" || t === "0" || t === "false");
      }
      if (typeof v === "number") return v !== 0;
      return typeof v === "boolean" ? v : null;
    }
    case "Integer":
    case "Integer64":
    case "Real": {
      const x = typeof v === "boolean"
        ? Number(v)
        : typeof v === "number"
        ? v
        : typeof v === "string" && v.trim() !== ""
        ? Number(v)
        : NaN;
      if (!Number.isFinite(x)) return null;
      if (field.type !== "Real") return Math.round(x);
      if (field.precision) {
        const s = 10 ** field.precision, d = x * s;
        return (d < 0 ? Math.ceil(d - 0.5) : Math.floor(d + 0.5)) / s;
      }
      return x;
    }
    case "String": {
      const t = text(v);
      return field.length > 0 ? t.slice(0, field.length) : t;
    }
    default:
      return v instanceof Date || typeof v === "string" ? v : null;
  }
}

/**
 * The features with each virtual field's value added to their attributes
 * (copies; the features are not changed), evaluated
 * with the layer's variables (QGIS evaluates them in the global, project
 * and layer scopes: map variables are not known there).
 *
 * @example
 * ```ts
 * import { DOMParser } from "@xmldom/xmldom";
 * import { addVirtualValues, virtualFields } from "./feature_info_virtual.ts";
 * const root = new DOMParser().parseFromString(
 *   `<qgis><expressionfields><field name="twice" type="2" expression="&quot;n&quot; * 2.4"/></expressionfields></qgis>`,
 *   "text/xml",
 * ).documentElement!;
 * const features = [{ id: 1, attributes: { n: 5 }, geometry: null }];
 * addVirtualValues(features, virtualFields(root), {})[0].attributes.twice; // 12
 * ```
 */
export function addVirtualValues(
  features: Feature[],
  fields: VirtualField[],
  variables: Record<string, unknown>,
): Feature[] {
  if (!fields.length) return features;
  return features.map((f) => {
    const values: Record<string, AttributeValue> = {};
    for (const field of fields) {
      let v: unknown = null;
      if (field.expression) {
        try {
          v = evaluate(field.expression, {
            feature: f,
            geometry: f.geometry,
            variables,
          });
        } catch {
          v = null; // QGIS: NULL on an evaluation error
        }
      }
      values[field.name] = convertCompatible(v, field);
    }
    return { ...f, attributes: { ...f.attributes, ...values } };
  });
}

/**
 * The layer with the virtual fields its joins' targets name, which QGIS
 * computes before it joins (a join on an expression field); the layer
 * itself when no join's target is one.
 *
 * @example
 * ```ts
 * import { DOMParser } from "@xmldom/xmldom";
 * import { virtualFields, withJoinKeys } from "./feature_info_virtual.ts";
 * const root = new DOMParser().parseFromString(
 *   `<qgis><expressionfields><field name="key" type="2" expression="&quot;id&quot;"/></expressionfields></qgis>`,
 *   "text/xml",
 * ).documentElement!;
 * const layer = { joins: [{ target_field: "key" }] };
 * const keyed = withJoinKeys(layer, virtualFields(root), {});
 * keyed.joinKeys?.values({ id: 1, attributes: { id: 7.0 }, geometry: null }); // { key: 7 }
 * ```
 */
export function withJoinKeys<
  L extends { joins?: { target_field: string }[] | null },
>(
  layer: L,
  fields: VirtualField[],
  variables: Record<string, unknown>,
): L & { joinKeys?: JoinKeys } {
  const targets = new Set((layer.joins ?? []).map((j) => j.target_field));
  const keys = fields.filter((f) => targets.has(f.name));
  if (!keys.length) return layer;
  let columns: string[] | "all" = [];
  for (const key of keys) {
    if (!key.expression) continue;
    const used = referencedColumns(key.expression);
    if (used === "all") columns = "all";
    else if (columns !== "all") columns.push(...used);
  }
  return {
    ...layer,
    joinKeys: {
      types: new Map(keys.map((k) => [k.name, k.type])),
      columns,
      values: (feature) =>
        addVirtualValues([feature], keys, variables)[0].attributes,
    },
  };
}
