/**
 * The fields a map render reads of a vector layer, as QGIS asks its
 * provider only for `QgsFeatureRenderer::usedAttributes` plus the labels'
 * `QgsPalLayerSettings::referencedFields` and the filter's columns: the
 * renderer's attribute or expression, rule filters, symbol layers'
 * data-defined properties (sub-symbols too), the labels' field or
 * expression, their data-defined properties and rule filters, and the job's
 * filter. Anything that cannot be analysed (an expression that does not
 * parse, `attribute()` with a computed name, `attributes()`,
 * `$currentfeature`, `@feature`, `eval()`) reads every field.
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import {
  type Expression,
  parseExpression,
  referencedColumns,
} from "../expression/mod.ts";
import { type LabelRule, readLabeling } from "../labels/settings.ts";
import type { LabelSettings } from "../labels/settings.ts";
import type { Rule, Symbol, VectorStyle } from "../style/model.ts";

// functions and variables that read the feature as a whole
const WHOLE = new Set([
  "attributes",
  "$currentfeature",
  "represent_attributes",
  "eval",
  "eval_template",
  "get_feature",
  "sqlite_fetch_and_increment",
]);

/** Whether an expression reads the whole feature (not only named columns). */
function readsWhole(e: Expression): boolean {
  switch (e.type) {
    case "variable":
      return e.name === "feature" || e.name === "current_feature";
    case "function":
      return WHOLE.has(e.name.toLowerCase()) || e.args.some(readsWhole);
    case "unary":
      return readsWhole(e.operand);
    case "binary":
      return readsWhole(e.left) || readsWhole(e.right);
    case "in":
      return readsWhole(e.operand) || e.list.some(readsWhole);
    case "between":
      return readsWhole(e.operand) || readsWhole(e.low) || readsWhole(e.high);
    case "case":
      return e.whens.some((w) => readsWhole(w.when) || readsWhole(w.then)) ||
        (e.else !== null && readsWhole(e.else));
    case "index":
      return readsWhole(e.target) || readsWhole(e.index);
    default:
      return false;
  }
}

class AllFields extends Error {}

/** Collects column names; throws {@link AllFields} when every field is needed. */
class Collector {
  readonly names = new Set<string>();

  tree(e: Expression): void {
    if (readsWhole(e)) throw new AllFields();
    const cols = referencedColumns(e);
    if (cols === "all") throw new AllFields();
    for (const c of cols) this.names.add(c);
  }

  expression(text: string): void {
    let e: Expression;
    try {
      e = parseExpression(text);
    } catch {
      throw new AllFields();
    }
    this.tree(e);
  }

  /**
   * A renderer's or label's "field name or expression": the name itself
   * (a field with any characters), unquoted, and the expression's columns
   * when it parses (a field name that does not parse is still a field).
   */
  fieldOrExpression(text: string, mustParse: boolean): void {
    this.names.add(text);
    const quoted = /^"((?:[^"]|"")*)"$/.exec(text);
    if (quoted) this.names.add(quoted[1].replaceAll('""', '"'));
    let e: Expression;
    try {
      e = parseExpression(text);
    } catch {
      if (mustParse) throw new AllFields();
      return;
    }
    this.tree(e);
  }

  symbol(s: Symbol | null): void {
    if (!s) return;
    for (const l of s.layers) {
      for (const p of Object.values(l.dataDefined)) {
        if (p.expression.trim()) this.expression(p.expression);
      }
      this.symbol(l.subSymbol);
    }
  }

  rule(r: Rule): void {
    if (r.filter && !r.isElse && r.filter.trim().toUpperCase() !== "ELSE") {
      this.expression(r.filter);
    }
    this.symbol(r.symbol);
    for (const c of r.children) this.rule(c);
  }

  labelSettings(s: LabelSettings | null): void {
    if (!s) return;
    this.fieldOrExpression(s.fieldName, s.isExpression);
    // the callout's own properties too (QgsCallout::referencedFields)
    const dds = [
      ...Object.values(s.dataDefined),
      ...Object.values(s.callout?.dataDefined ?? {}),
    ];
    for (const p of dds) {
      if (p.field !== undefined) this.names.add(p.field);
      if (p.expression !== undefined && p.expression.trim()) {
        this.expression(p.expression);
      }
    }
  }

  labelRule(r: LabelRule): void {
    if (r.filter.trim() && !r.isElse) this.expression(r.filter);
    this.labelSettings(r.settings);
    for (const c of r.children) this.labelRule(c);
  }
}

/**
 * The fields a render of a layer reads (its source is asked for these
 * alone; names match fields in any case, as expressions resolve them), or
 * `"all"`.
 *
 * @example
 * ```ts ignore
 * import { renderColumns } from "./render_columns.ts";
 * renderColumns(style, qmlRoot, true, filter); // ["pop", "name"]
 * ```
 */
export function renderColumns(
  style: VectorStyle | null,
  root: Element | null,
  labelled: boolean,
  filter: Expression | null,
): string[] | "all" {
  const c = new Collector();
  try {
    // no style: the default symbol reads no field
    const r = style?.renderer ?? { type: "nullSymbol" as const };
    switch (r.type) {
      case "singleSymbol":
        c.symbol(r.symbol);
        break;
      case "categorizedSymbol":
        c.fieldOrExpression(r.attr, false);
        for (const k of r.categories) c.symbol(k.symbol);
        break;
      case "graduatedSymbol":
        c.fieldOrExpression(r.attr, false);
        for (const k of r.ranges) c.symbol(k.symbol);
        break;
      case "RuleRenderer":
        c.rule(r.root);
        break;
      case "heatmapRenderer":
        if (r.weight) c.fieldOrExpression(r.weight, false);
        break;
      case "nullSymbol":
        break;
      default:
        return "all";
    }
    if (labelled) {
      if (!root) return "all";
      const labeling = readLabeling(root);
      if (labeling?.type === "simple") c.labelSettings(labeling.settings);
      else if (labeling?.type === "rule-based") c.labelRule(labeling.root);
    }
    if (filter) c.tree(filter);
  } catch (error) {
    if (error instanceof AllFields) return "all";
    throw error;
  }
  return [...c.names];
}
