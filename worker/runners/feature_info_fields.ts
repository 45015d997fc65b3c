/**
 * Fields as QGIS Server shows them in GetFeatureInfo: the names the layer's
 * style gives them (`<aliases>`), the ones it keeps out of WMS answers
 * (`HideFromWms`, `<excludeAttributesWMS>`), and each value written as the
 * field's editor widget writes it (`QgsFieldFormatter::representValue`;
 * numbers as `QgsField::displayString`: a real field's decimals, Qt's
 * shortest form otherwise).
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import type { AttributeValue } from "../geometry/types.ts";
import { qtGeneral } from "../legend/number_format.ts";
import { evaluate, type Expression } from "../expression/mod.ts";

/** What feature info shows of a field. */
export interface InfoField {
  /** Field name. */
  name: string;
  /** The name shown: the style's alias, else the field name. */
  displayName: string;
  /** OGR type name (`Integer`, `Integer64`, `Real`, `String`, `Date` …). */
  type: string;
  /** Decimals of a real field, when its format has them. */
  precision?: number;
  /** OGR's `JSON` subtype: QGIS reads the text as a map or a list. */
  subType?: "JSON";
  /** The editor widget (`TextEdit`, `Range`, `ValueMap` …), "" when unset. */
  widget: string;
  /** The widget's configuration, options by name (`map` of a ValueMap). */
  config: WidgetConfig;
  /**
   * A value relation's items, key and value, in QGIS's order (by key, or
   * by value with `OrderByValue`), read from the layer its configuration
   * names ({@link resolveValueRelations}); absent: none could be read.
   */
  valueRelation?: [AttributeValue, string][];
  /**
   * A relation reference's referenced features, when its layer is one of
   * the job's: the referenced field, the features' attributes and the
   * layer's display expression (its style's `<previewExpression>`)
   * ({@link resolveRelationReferences}).
   */
  relationReference?: RelationTarget;
}

/** What a relation reference widget shows a value by. */
export interface RelationTarget {
  /** The referenced layer's field the value matches. */
  field: string;
  /** The referenced layer's features' attributes. */
  rows: Record<string, AttributeValue>[];
  /** Its display expression; null when it does not parse. */
  expression: Expression | null;
}

/** An editor widget's configuration. */
export interface WidgetConfig {
  /** Scalar options (`Precision`, `AllowMulti` …) as text. */
  options: Record<string, string>;
  /** A ValueMap's entries: stored value → description, in order. */
  valueMap: [string, string][];
}

function children(el: Element | null, tag: string): Element[] {
  const out: Element[] = [];
  for (let n = el?.firstChild ?? null; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).tagName === tag) {
      out.push(n as Element);
    }
  }
  return out;
}

function readWidgetConfig(config: Element | null): WidgetConfig {
  const options: Record<string, string> = {};
  const valueMap: [string, string][] = [];
  const map = children(config, "Option")[0] ?? null;
  for (const o of children(map, "Option")) {
    const name = o.getAttribute("name") ?? "";
    if (name === "map") {
      // a list of one-entry maps (3.x) or a map (older): description → value
      const entries = o.getAttribute("type") === "List"
        ? children(o, "Option").flatMap((m) => children(m, "Option"))
        : children(o, "Option");
      for (const e of entries) {
        valueMap.push([
          e.getAttribute("value") ?? "",
          e.getAttribute("name") ?? "",
        ]);
      }
      continue;
    }
    // an invalid QVariant (CheckBox's unset states) equals no value
    if (o.getAttribute("type") === "invalid") continue;
    options[name] = o.getAttribute("value") ?? "";
  }
  return { options, valueMap };
}

/**
 * Reads how a layer's style shows its fields in feature info, for the
 * fields the data has (in their order); hidden ones are left out unless
 * `withHidden` (QGIS Server's JSON looks shown fields up among them all).
 *
 * @example
 * ```ts
 * import { DOMParser } from "@xmldom/xmldom";
 * import { infoFields } from "./feature_info_fields.ts";
 * const root = new DOMParser().parseFromString(
 *   '<qgis><aliases><alias field="pop" index="0" name="Population"/></aliases></qgis>',
 *   "text/xml",
 * ).documentElement!;
 * infoFields(root, [{ name: "pop", type: "Integer" }])[0].displayName; // "Population"
 * ```
 */
export function infoFields(
  root: Element | null,
  fields: {
    name: string;
    type: string;
    precision?: number;
    subType?: "JSON";
  }[],
  withHidden = false,
): InfoField[] {
  const aliases = new Map<string, string>();
  for (const a of children(children(root, "aliases")[0] ?? null, "alias")) {
    const name = a.getAttribute("name") ?? "";
    if (name) aliases.set(a.getAttribute("field") ?? "", name);
  }
  const hidden = new Set<string>();
  for (
    const a of children(
      children(root, "excludeAttributesWMS")[0] ?? null,
      "attribute",
    )
  ) hidden.add(a.textContent ?? "");
  const widgets = new Map<string, { type: string; config: WidgetConfig }>();
  for (
    const f of children(
      children(root, "fieldConfiguration")[0] ?? null,
      "field",
    )
  ) {
    const name = f.getAttribute("name") ?? "";
    if ((f.getAttribute("configurationFlags") ?? "").includes("HideFromWms")) {
      hidden.add(name);
    }
    const w = children(f, "editWidget")[0] ?? null;
    widgets.set(name, {
      type: w?.getAttribute("type") ?? "",
      config: readWidgetConfig(children(w, "config")[0] ?? null),
    });
  }
  return fields.filter((f) => withHidden || !hidden.has(f.name)).map((f) => ({
    name: f.name,
    displayName: aliases.get(f.name) ?? f.name,
    type: f.type,
    ...(f.precision ? { precision: f.precision } : {}),
    ...(f.subType ? { subType: f.subType } : {}),
    widget: widgets.get(f.name)?.type ?? "",
    config: widgets.get(f.name)?.config ?? { options: {}, valueMap: [] },
  }));
}

/**
 * The fields a layer's drag-and-drop form shows, in its order, as QGIS
 * Server lists them with its project's "use attribute form settings"
 * (`QgsRenderer::writeAttributesTabLayout`): the style's
 * `<attributeEditorForm>` walked depth-first, each field element naming a
 * shown field taking its place (containers only group them); null when
 * the style's form is not a drag-and-drop one (`<editorlayout>tablayout`).
 *
 * @example
 * ```ts
 * import { DOMParser } from "@xmldom/xmldom";
 * import { formFields, infoFields } from "./feature_info_fields.ts";
 * const root = new DOMParser().parseFromString(
 *   `<qgis><editorlayout>tablayout</editorlayout><attributeEditorForm>
 *   <attributeEditorField name="b"/><attributeEditorField name="a"/>
 *   </attributeEditorForm></qgis>`,
 *   "text/xml",
 * ).documentElement!;
 * const fields = infoFields(root, [
 *   { name: "a", type: "String" }, { name: "b", type: "String" },
 *   { name: "c", type: "String" },
 * ]);
 * formFields(root, fields)!.map((f) => f.name); // ["b", "a"]
 * ```
 */
export function formFields(
  root: Element | null,
  fields: InfoField[],
): InfoField[] | null {
  const layout = children(root, "editorlayout")[0]?.textContent ?? "";
  const form = children(root, "attributeEditorForm")[0] ?? null;
  if (layout.trim() !== "tablayout" || !form) return null;
  const out: InfoField[] = [];
  const walk = (container: Element) => {
    for (let n = container.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== 1) continue;
      const e = n as Element;
      if (e.tagName === "attributeEditorContainer") walk(e);
      else if (e.tagName === "attributeEditorField") {
        const field = fields.find((f) => f.name === e.getAttribute("name"));
        if (field) out.push(field);
      }
    }
  };
  walk(form);
  return out;
}

/**
 * The map or list QGIS reads from a field of OGR's `JSON` subtype
 * (`QJsonDocument::fromJson(…).toVariant()`); undefined for any other field
 * or a text that is not a JSON object or array (QGIS keeps the text).
 *
 * @example
 * ```ts
 * import { jsonFieldValue } from "./feature_info_fields.ts";
 * const field = { name: "m", displayName: "m", type: "String",
 *   subType: "JSON" as const, widget: "", config: { options: {}, valueMap: [] } };
 * jsonFieldValue('{"a": 1}', field); // { a: 1 }
 * jsonFieldValue("7", field); // undefined
 * ```
 */
export function jsonFieldValue(
  v: AttributeValue,
  field: InfoField,
): unknown[] | Record<string, unknown> | undefined {
  if (field.subType !== "JSON" || typeof v !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(v);
    return typeof parsed === "object" && parsed !== null
      ? parsed as unknown[] | Record<string, unknown>
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The items of an OGR list field (`IntegerList`, `Integer64List`,
 * `RealList`, `StringList`: a GeoJSON property's array), read as the text
 * QGIS shows (`47.5, 7.25`, see `worker/sources/ogr/read.ts`): numbers for
 * a number list, texts for a text list; undefined for any other field.
 * QGIS Server's JSON writes them as an array, its GML as `NULL`.
 *
 * @example
 * ```ts
 * import { listFieldValue } from "./feature_info_fields.ts";
 * const field = { name: "l", displayName: "l", type: "RealList",
 *   widget: "", config: { options: {}, valueMap: [] } };
 * listFieldValue("47.5, 7.25", field); // [47.5, 7.25]
 * ```
 */
export function listFieldValue(
  v: AttributeValue,
  field: InfoField,
): (number | string)[] | undefined {
  if (!field.type.endsWith("List") || typeof v !== "string") return undefined;
  if (v === "") return [];
  const items = v.split(", ");
  return field.type === "StringList" ? items : items.map(Number);
}

/**
 * A number as Qt 5's JSON writer writes it: a whole number below 2^64 in
 * full, else the shortest digits that read back, in exponent form (two
 * exponent digits at least) below 1e-4 and from 1e19.
 *
 * @example
 * ```ts
 * import { qtJsonNumber } from "./feature_info_fields.ts";
 * qtJsonNumber(2161); // "2161"
 * qtJsonNumber(0.00001); // "1e-05"
 * qtJsonNumber(2e19); // "2e+19"
 * ```
 */
export function qtJsonNumber(n: number): string {
  if (!Number.isFinite(n)) return "null";
  if (n === 0) return "0";
  const [m, e] = n.toExponential().split("e");
  const sign = m.startsWith("-") ? "-" : "";
  const digits = m.replace("-", "").replace(".", "");
  const exp = Number(e);
  const whole = Number.isInteger(n) && Math.abs(n) < 2 ** 64;
  if (whole || (exp >= -4 && exp < 19)) {
    if (exp >= digits.length - 1) {
      return sign + digits + "0".repeat(exp - digits.length + 1);
    }
    if (exp >= 0) {
      return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
    }
    return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  }
  const mantissa = digits.length === 1
    ? digits
    : `${digits[0]}.${digits.slice(1)}`;
  return `${sign}${mantissa}e${exp < 0 ? "-" : "+"}${
    String(Math.abs(exp)).padStart(2, "0")
  }`;
}

// QJsonDocument's string escapes: quotes, backslashes, control characters
function qtJsonString(s: string): string {
  return `"${
    // deno-lint-ignore no-control-regex -- the control characters are what is escaped
    s.replace(/["\\\u0000-\u001f]/g, (c) => {
      const named: Record<string, string> = {
        '"': '\\"',
        "\\": "\\\\",
        "\b": "\\b",
        "\f": "\\f",
        "\n": "\\n",
        "\r": "\\r",
        "\t": "\\t",
      };
      return named[c] ??
        `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    })}"`;
}

/**
 * A JSON value as `QJsonDocument::toJson()` writes it (indented by four
 * spaces, an object's keys in `QVariantMap`'s order, a line break after
 * the document), as QGIS Server's text and HTML answers show a map or list.
 *
 * @example
 * ```ts
 * import { qtIndentedJson } from "./feature_info_fields.ts";
 * qtIndentedJson({ b: 1, a: [true] });
 * // '{\n    "a": [\n        true\n    ],\n    "b": 1\n}\n'
 * ```
 */
export function qtIndentedJson(
  value: unknown[] | Record<string, unknown>,
): string {
  const write = (v: unknown, indent: string): string => {
    if (v === null || v === undefined) return "null";
    if (typeof v === "number") return qtJsonNumber(v);
    if (typeof v === "boolean") return v ? "true" : "false";
    if (typeof v === "string") return qtJsonString(v);
    const inner = indent + "    ";
    if (Array.isArray(v)) {
      return `[\n${v.map((x) => inner + write(x, inner)).join(",\n")}${
        v.length ? "\n" : ""
      }${indent}]`;
    }
    // QMap's order: UTF-16 code units, as JavaScript's <
    const entries = Object.entries(v as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{\n${
      entries.map(([k, x]) => `${inner}${qtJsonString(k)}: ${write(x, inner)}`)
        .join(",\n")
    }${entries.length ? "\n" : ""}${indent}}`;
  };
  return write(value, "") + "\n";
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/** QgsDateTimeFieldFormatter's default display formats, by field type. */
const DATE_FORMATS: Record<string, string> = {
  Date: "yyyy-MM-dd",
  Time: "HH:mm:ss",
  DateTime: "yyyy-MM-dd HH:mm:ss",
};

const QT_DATE_TOKEN =
  /'[^']*'|yyyy|yy|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|zzz|z|AP|ap|A|a/g;

/**
 * A date as `QDateTime::toString(format)` writes it (numeric fields,
 * 12/24 hour, AM/PM and quoted text; names of months and days are not
 * written).
 */
function qtDateText(v: Date, format: string): string {
  const h12 = v.getHours() % 12 || 12;
  const am = v.getHours() < 12;
  return format.replace(QT_DATE_TOKEN, (t) => {
    switch (t) {
      case "yyyy":
        return pad(v.getFullYear(), 4);
      case "yy":
        return pad(v.getFullYear() % 100);
      case "MM":
        return pad(v.getMonth() + 1);
      case "M":
        return String(v.getMonth() + 1);
      case "dd":
        return pad(v.getDate());
      case "d":
        return String(v.getDate());
      case "HH":
        return pad(v.getHours());
      case "H":
        return String(v.getHours());
      case "hh":
        return pad(/[aA][pP]?/.test(format) ? h12 : v.getHours());
      case "h":
        return String(/[aA][pP]?/.test(format) ? h12 : v.getHours());
      case "mm":
        return pad(v.getMinutes());
      case "m":
        return String(v.getMinutes());
      case "ss":
        return pad(v.getSeconds());
      case "s":
        return String(v.getSeconds());
      case "zzz":
        return pad(v.getMilliseconds(), 3);
      case "z":
        return String(v.getMilliseconds());
      case "AP":
      case "A":
        return am ? "AM" : "PM";
      case "ap":
      case "a":
        return am ? "am" : "pm";
      default: // 'quoted text', '' a quote
        return t === "''" ? "'" : t.slice(1, -1);
    }
  });
}

/**
 * A date as QGIS's date/time widget shows it
 * (`QgsDateTimeFieldFormatter`): its `display_format`, else the field
 * type's default; a date-time in the default format gets its time zone,
 * which for the worker, as for a QGIS Server running in UTC, is `(UTC)`.
 */
function dateWidgetText(v: Date, field: InfoField): string {
  const format = field.config.options.display_format ??
    DATE_FORMATS[field.type] ?? DATE_FORMATS.DateTime;
  const text = qtDateText(v, format);
  return field.type === "DateTime" && format === DATE_FORMATS.DateTime
    ? `${text} (UTC)`
    : text;
}

/**
 * A value as the field's widget writes it in QGIS Server's text, HTML and
 * GML answers.
 *
 * @example
 * ```ts
 * import { displayValue } from "./feature_info_fields.ts";
 * const field = { name: "a", displayName: "a", type: "Real", precision: 3,
 *   widget: "TextEdit", config: { options: {}, valueMap: [] } };
 * displayValue(40, field); // "40.000"
 * displayValue(null, field); // "NULL"
 * ```
 */
export function displayValue(v: AttributeValue, field: InfoField): string {
  if (field.widget === "ValueRelation") {
    // QgsRenderer::replaceValueMapAndRelation drops a list's braces
    const text = valueRelationValue(v, field);
    return allowMulti(field) && text.startsWith("{") && text.endsWith("}")
      ? text.slice(1, -1)
      : text;
  }
  if (field.widget === "CheckBox") return checkBoxValue(v, field);
  if (
    field.widget === "RelationReference" && field.relationReference &&
    v !== null && v !== undefined
  ) {
    return relationReferenceValue(v, field.relationReference);
  }
  // QgsRelationReferenceFieldFormatter without a relation: QVariant's text
  if (field.widget === "RelationReference" && v !== null && v !== undefined) {
    return variantText(v);
  }
  if (field.widget === "ValueMap" && field.config.valueMap.length) {
    if (v === null || v === undefined) return "(NULL)";
    const key = typeof v === "number" ? qtGeneral(v) : String(v);
    const hit = field.config.valueMap.find(([value]) => value === key);
    return hit ? hit[1] : `(${key})`;
  }
  if (v === null || v === undefined) return "NULL";
  const json = jsonFieldValue(v, field);
  if (json !== undefined) return qtIndentedJson(json);
  if (typeof v === "number") {
    if (field.type === "Real") {
      if (field.widget === "Range") {
        // QgsRangeFieldFormatter: its Precision's decimals, or without one
        // the QVariant's text (not the field's precision)
        const decimals = field.config.options.Precision;
        return decimals === undefined
          ? variantText(v)
          : v.toFixed(Number(decimals) || 0);
      }
      const precision = field.precision ?? 0;
      if (precision > 0) {
        return -1 < v && v < 1 ? qtGeneral(v, precision) : v.toFixed(precision);
      }
      return qtGeneral(v);
    }
    return Number.isInteger(v) ? String(v) : qtGeneral(v);
  }
  if (typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Date && field.widget === "DateTime") {
    return dateWidgetText(v, field);
  }
  if (v instanceof Date) {
    const date = `${pad(v.getFullYear(), 4)}-${pad(v.getMonth() + 1)}-${
      pad(v.getDate())
    }`;
    const time = `${pad(v.getHours())}:${pad(v.getMinutes())}:${
      pad(v.getSeconds())
    }`;
    if (field.type === "Date") return date;
    if (field.type === "Time") return time;
    // QVariant's text of a date-time: ISO with milliseconds
    return `${date}T${time}.${pad(v.getMilliseconds(), 3)}`;
  }
  if (v instanceof Uint8Array) {
    let s = "";
    for (let i = 0; i < v.length; i += 0x8000) {
      s += String.fromCharCode(...v.subarray(i, i + 0x8000));
    }
    return btoa(s);
  }
  return String(v);
}

function allowMulti(field: InfoField): boolean {
  return /^(true|1)$/i.test(field.config.options.AllowMulti ?? "");
}

/** A value as QVariant::toString writes it. */
function variantText(v: AttributeValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    return Number.isInteger(v) ? String(v) : qtGeneral(v);
  }
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Date || v instanceof Uint8Array) {
    return displayValue(v, {
      name: "",
      displayName: "",
      type: "",
      widget: "",
      config: { options: {}, valueMap: [] },
    });
  }
  return String(v);
}

/** QVariant's `==` between a key read from a table and a stored value. */
function variantEquals(a: AttributeValue, b: AttributeValue): boolean {
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a ?? null) === (b ?? null);
  }
  const numeric = (x: AttributeValue) =>
    typeof x === "number" || typeof x === "bigint";
  if (numeric(a) || numeric(b)) {
    const x = Number(a), y = Number(b);
    if (typeof a === "string" && a.trim() === "") return false;
    if (typeof b === "string" && b.trim() === "") return false;
    return !Number.isNaN(x) && x === y;
  }
  return variantText(a) === variantText(b);
}

/**
 * A PostgreSQL array's text (`{1,2,"a b"}`) split into its elements, as
 * QgsPostgresStringUtils::parseArray.
 */
function parsePgArray(text: string): string[] {
  const body = text.trim().slice(1, -1);
  const out: string[] = [];
  let i = 0;
  while (i < body.length) {
    if (body[i] === '"') {
      let s = "";
      i++;
      while (i < body.length && body[i] !== '"') {
        if (body[i] === "\\" && i + 1 < body.length) i++;
        s += body[i++];
      }
      out.push(s);
      i++; // the closing quote
      while (i < body.length && body[i] !== ",") i++;
    } else {
      const end = body.indexOf(",", i);
      const s = body.slice(i, end < 0 ? body.length : end).trim();
      if (s !== "") out.push(s);
      i = end < 0 ? body.length : end;
    }
    i++; // the comma
  }
  return out;
}

/** QgsValueRelationFieldFormatter::valueToStringList. */
function valueToStringList(v: AttributeValue): string[] {
  let list: unknown[] = [];
  if (Array.isArray(v)) list = v;
  else if (typeof v === "string") {
    const t = v.trim();
    if (t.startsWith("{")) list = parsePgArray(t);
    else if (t.startsWith("[")) {
      try {
        const parsed = JSON.parse(t);
        if (Array.isArray(parsed)) {
          list = parsed.filter((x) =>
            typeof x === "string" || Number.isInteger(x)
          );
        }
      } catch {
        // QGIS logs the parse error and lists nothing
      }
    }
  }
  return list.map((x) => variantText(x as AttributeValue)).filter((x) =>
    x !== ""
  );
}

/**
 * A value as QgsValueRelationFieldFormatter::representValue writes it: the
 * item's value for its key (a list of them in braces when the widget
 * allows several), `NULL` for null, `(value)` for a key no item has. JSON
 * answers carry this text as it is.
 *
 * @example
 * ```ts
 * import { valueRelationValue } from "./feature_info_fields.ts";
 * const field = { name: "t", displayName: "t", type: "String",
 *   widget: "ValueRelation", config: { options: {}, valueMap: [] },
 *   valueRelation: [["A", "Type A"]] as [string, string][] };
 * valueRelationValue("A", field); // "Type A"
 * valueRelationValue("B", field); // "(B)"
 * ```
 */
export function valueRelationValue(
  v: AttributeValue,
  field: InfoField,
): string {
  const items = field.valueRelation ?? [];
  if (allowMulti(field)) {
    const keys = new Set(valueToStringList(v));
    const values = items.filter(([k]) => keys.has(variantText(k)))
      .map(([, value]) => value);
    return `{${values.join(", ")}}`;
  }
  if (v === null || v === undefined) return "NULL";
  const hit = items.find(([k]) => variantEquals(k, v));
  return hit ? hit[1] : `(${variantText(v)})`;
}

/**
 * A value as QGIS 3.22's QgsCheckBoxFieldFormatter::representValue writes
 * it: a boolean field's truth (null is false); another field's value
 * matched against the widget's checked and unchecked states, `true` or
 * `false` — the stored value itself when `TextDisplayMethod` is 1 — and
 * `(value)` for neither. A null reads as QVariant's null of its type does:
 * `0` for a number (which may match an unchecked `0`), empty for a text.
 */
function checkBoxValue(v: AttributeValue, field: InfoField): string {
  if (field.type === "Boolean") {
    // QVariant::toBool, also of the text GML passes ("true", "1")
    const state = typeof v === "string"
      ? !["", "0", "false"].includes(v.toLowerCase())
      : !!v;
    return state ? "true" : "false";
  }
  const value = v ?? (NUMERIC_TYPES.includes(field.type) ? 0 : "");
  const { CheckedState: on, UncheckedState: off, TextDisplayMethod: method } =
    field.config.options;
  const stored = Number(method) === 1;
  if (on !== undefined && variantEquals(on, value)) {
    return stored ? variantText(value) : "true";
  }
  if (off !== undefined && variantEquals(off, value)) {
    return stored ? variantText(value) : "false";
  }
  return `(${variantText(value)})`;
}

const NUMERIC_TYPES = ["Integer", "Integer64", "Real"];

/**
 * A value as QgsRelationReferenceFieldFormatter::representValue writes it:
 * the referenced feature's display expression, the referenced field's
 * value if that fails, the value itself without such a feature.
 */
function relationReferenceValue(
  v: AttributeValue,
  target: RelationTarget,
): string {
  const row = target.rows.find((r) =>
    variantEquals(r[target.field] ?? null, v)
  );
  if (!row) return variantText(v);
  if (target.expression) {
    try {
      const title = evaluate(target.expression, {
        feature: { id: 0, attributes: row, geometry: null },
      });
      if (title === null || title === undefined) return "";
      return typeof title === "object" && !(title instanceof Date)
        ? ""
        : variantText(title as AttributeValue);
    } catch {
      // QGIS falls back to the referenced field's value
    }
  }
  return variantText(row[target.field] ?? null);
}
