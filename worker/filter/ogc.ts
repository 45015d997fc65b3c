/**
 * OGC filters → QGIS expressions: Filter Encoding 1.1
 * (`http://www.opengis.net/ogc`) and FES 2.0
 * (`http://www.opengis.net/fes/2.0`), told apart by namespace, with GML 2/3
 * geometries for the spatial operators.
 *
 * @module
 */
import { DOMParser, type Element } from "@xmldom/xmldom";
import type { Geometry, Rect } from "../geometry/types.ts";
import type { BinaryOperator, Expression } from "../expression/ast.ts";
import { rectToGeometry } from "../geometry/predicates.ts";
import { checkXmlLimits, type XmlLimits } from "../style/xml_limits.ts";
import { clip } from "@qgis-server-light/interface/redact";

/**
 * How large an OGC filter may be: 1 MiB of XML (room for some 20,000 feature
 * ids), 64 levels of nesting, 100,000 elements. The translation and the
 * expression evaluator recurse along the nesting.
 */
export const FILTER_XML_LIMITS: XmlLimits = {
  maxLength: 1024 * 1024,
  maxDepth: 64,
  maxElements: 100_000,
};

const COMPARISON: Record<string, BinaryOperator> = {
  PropertyIsEqualTo: "=",
  PropertyIsNotEqualTo: "<>",
  PropertyIsLessThan: "<",
  PropertyIsGreaterThan: ">",
  PropertyIsLessThanOrEqualTo: "<=",
  PropertyIsGreaterThanOrEqualTo: ">=",
};
const SPATIAL: Record<string, string> = {
  Intersects: "intersects",
  Within: "within",
  Contains: "contains",
  Disjoint: "disjoint",
  BBOX: "intersects_bbox",
};

function fail(detail: string): never {
  throw new SyntaxError(`Cannot parse OGC filter: ${detail}`);
}

function children(e: Element): Element[] {
  const out: Element[] = [];
  for (let n = e.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) out.push(n as Element);
  }
  return out;
}

function local(e: Element): string {
  return e.localName ?? e.nodeName.replace(/^.*:/, "");
}

function text(e: Element): string {
  return (e.textContent ?? "").trim();
}

function propertyName(e: Element): string {
  const name = text(e);
  if (!name) fail(`empty <${local(e)}>`);
  // strip a namespace prefix and an XPath-ish path: "ns:name" → "name"
  return name.replace(/^.*[/:]/, "");
}

function literalValue(e: Element): Expression {
  const t = e.textContent ?? "";
  const trimmed = t.trim();
  if (
    trimmed !== "" && !Number.isNaN(Number(trimmed)) &&
    /^[-+]?[\d.]+([eE][-+]?\d+)?$/.test(trimmed)
  ) {
    return { type: "literal", value: Number(trimmed) };
  }
  return { type: "literal", value: t };
}

function operand(e: Element): Expression {
  switch (local(e)) {
    case "PropertyName":
    case "ValueReference":
      return { type: "column", name: propertyName(e) };
    case "Literal":
      return literalValue(e);
    case "Add":
    case "Sub":
    case "Mul":
    case "Div": {
      const [a, b] = children(e);
      if (!a || !b) fail(`<${local(e)}> needs two operands`);
      const op = ({ Add: "+", Sub: "-", Mul: "*", Div: "/" } as const)[
        local(e) as "Add"
      ];
      return { type: "binary", op, left: operand(a), right: operand(b) };
    }
    case "Function":
      return fail(`function '${e.getAttribute("name")}' is not supported`);
  }
  return fail(`unexpected <${local(e)}>`);
}

function coords(e: Element, srsDimension = 2): number[] {
  const name = local(e);
  if (name === "coordinates") {
    const cs = e.getAttribute("cs") || ",";
    const ts = e.getAttribute("ts") || " ";
    return text(e).split(ts === " " ? /\s+/ : ts).filter(Boolean).flatMap((t) =>
      t.split(cs).slice(0, 2).map(Number)
    );
  }
  if (name === "pos" || name === "posList") {
    const attr = e.getAttribute("srsDimension");
    const dim = Number(attr || srsDimension) || 2;
    // the walk below steps by it: a step of -1 or 1e-300 never ended, and
    // filled an array to 4 GB before V8 gave up ("Invalid array length")
    if (!Number.isInteger(dim) || dim < 2) {
      return fail(
        `srsDimension '${clip(attr ?? "")}' is not a whole number of 2 or more`,
      );
    }
    const n = text(e).split(/\s+/).filter(Boolean).map(Number);
    const out: number[] = [];
    for (let i = 0; i + 1 < n.length; i += dim) out.push(n[i], n[i + 1]);
    return out;
  }
  if (name === "coord") {
    const x = children(e).find((c) => local(c) === "X");
    const y = children(e).find((c) => local(c) === "Y");
    return [Number(x ? text(x) : NaN), Number(y ? text(y) : NaN)];
  }
  return fail(`unexpected GML <${name}>`);
}

function coordsOf(e: Element): Float64Array {
  const parts = children(e).flatMap((c) => coords(c));
  if (parts.some((v) => Number.isNaN(v))) {
    fail(`bad coordinates in <${local(e)}>`);
  }
  return new Float64Array(parts);
}

function ring(e: Element): Float64Array {
  // <exterior>/<outerBoundaryIs> → <LinearRing> → coordinates
  const lr = children(e).find((c) => local(c) === "LinearRing") ?? e;
  return coordsOf(lr);
}

/** A GML geometry with its srsName. */
interface GmlGeometry {
  geometry: Geometry;
  srs?: string;
}

function gml(e: Element): GmlGeometry {
  const srs = e.getAttribute("srsName") || undefined;
  const name = local(e);
  switch (name) {
    case "Point":
      return { geometry: { kind: "point", parts: [[coordsOf(e)]] }, srs };
    case "LineString":
      return { geometry: { kind: "line", parts: [[coordsOf(e)]] }, srs };
    case "Polygon": {
      const rings: Float64Array[] = [];
      for (const c of children(e)) {
        const n = local(c);
        if (n === "exterior" || n === "outerBoundaryIs") rings.unshift(ring(c));
        else if (n === "interior" || n === "innerBoundaryIs") {
          rings.push(ring(c));
        }
      }
      if (!rings.length) fail("<Polygon> without an exterior ring");
      return { geometry: { kind: "polygon", parts: [rings] }, srs };
    }
    case "Envelope":
    case "Box": {
      const c = children(e);
      let xy: number[];
      if (name === "Envelope") {
        const lower = c.find((x) => local(x) === "lowerCorner");
        const upper = c.find((x) => local(x) === "upperCorner");
        if (!lower || !upper) {
          fail("<Envelope> needs lowerCorner and upperCorner");
        }
        xy = [
          ...text(lower).split(/\s+/).map(Number),
          ...text(upper).split(/\s+/).map(Number),
        ];
      } else {
        xy = c.flatMap((x) => coords(x));
      }
      if (xy.length < 4 || xy.some(Number.isNaN)) fail(`bad <${name}> corners`);
      const r: Rect = {
        xmin: Math.min(xy[0], xy[2]),
        ymin: Math.min(xy[1], xy[3]),
        xmax: Math.max(xy[0], xy[2]),
        ymax: Math.max(xy[1], xy[3]),
      };
      return { geometry: rectToGeometry(r), srs };
    }
    case "MultiPoint":
    case "MultiLineString":
    case "MultiPolygon":
    case "MultiCurve":
    case "MultiSurface": {
      const members = children(e).flatMap((m) => children(m)).map(gml);
      if (!members.length) fail(`empty <${name}>`);
      return {
        geometry: {
          kind: members[0].geometry.kind,
          parts: members.flatMap((m) => m.geometry.parts),
        },
        srs,
      };
    }
  }
  return fail(`unsupported GML geometry <${name}>`);
}

function predicate(e: Element): Expression {
  const name = local(e);
  const c = children(e);
  if (name in COMPARISON) {
    if (c.length !== 2) fail(`<${name}> needs two operands`);
    const matchCase = e.getAttribute("matchCase") !== "false";
    let left = operand(c[0]), right = operand(c[1]);
    if (!matchCase) {
      left = { type: "function", name: "lower", args: [left] };
      right = { type: "function", name: "lower", args: [right] };
    }
    return { type: "binary", op: COMPARISON[name], left, right };
  }
  switch (name) {
    case "And":
    case "Or": {
      if (c.length < 2) fail(`<${name}> needs two or more operands`);
      return balanced(name === "And" ? "AND" : "OR", c.map(predicate));
    }
    case "Not":
      if (c.length !== 1) fail("<Not> needs one operand");
      return { type: "unary", op: "NOT", operand: predicate(c[0]) };
    case "PropertyIsNull":
    case "PropertyIsNil":
      if (!c[0]) fail(`<${name}> needs a property`);
      return {
        type: "binary",
        op: "IS",
        left: operand(c[0]),
        right: { type: "literal", value: null },
      };
    case "PropertyIsBetween": {
      const lower = c.find((x) => local(x) === "LowerBoundary");
      const upper = c.find((x) => local(x) === "UpperBoundary");
      if (!c[0] || !lower || !upper) {
        fail("<PropertyIsBetween> needs a property and both boundaries");
      }
      return {
        type: "between",
        operand: operand(c[0]),
        low: operand(children(lower)[0] ?? fail("empty <LowerBoundary>")),
        high: operand(children(upper)[0] ?? fail("empty <UpperBoundary>")),
        negated: false,
      };
    }
    case "PropertyIsLike": {
      if (c.length !== 2) {
        fail("<PropertyIsLike> needs a property and a literal");
      }
      const wild = e.getAttribute("wildCard") || "*";
      const single = e.getAttribute("singleChar") || ".";
      const esc = e.getAttribute("escapeChar") || e.getAttribute("escape") ||
        "\\";
      const pattern = text(c[1]);
      let like = "";
      for (let i = 0; i < pattern.length; i++) {
        const ch = pattern[i];
        if (ch === esc && i + 1 < pattern.length) {
          const next = pattern[++i];
          like += next === "%" || next === "_" || next === "\\"
            ? "\\" + next
            : next;
        } else if (pattern.startsWith(wild, i)) {
          like += "%";
          i += wild.length - 1;
        } else if (pattern.startsWith(single, i)) {
          like += "_";
          i += single.length - 1;
        } else if (ch === "%" || ch === "_" || ch === "\\") like += "\\" + ch;
        else like += ch;
      }
      const matchCase = e.getAttribute("matchCase") !== "false";
      return {
        type: "binary",
        op: matchCase ? "LIKE" : "ILIKE",
        left: operand(c[0]),
        right: { type: "literal", value: like },
      };
    }
    case "FeatureId":
    case "GmlObjectId":
    case "ResourceId":
      return idFilter([e]);
  }
  if (name in SPATIAL) {
    const geomEl = c.find((x) =>
      !["PropertyName", "ValueReference"].includes(local(x))
    );
    if (!geomEl) fail(`<${name}> needs a geometry`);
    const g = gml(geomEl);
    return {
      type: "function",
      name: SPATIAL[name],
      args: [
        { type: "function", name: "$geometry", args: [] },
        { type: "geometry", value: g.geometry, srs: g.srs },
      ],
    };
  }
  return fail(`unsupported operator <${name}>`);
}

// AND and OR of many operands as a balanced tree: an <Or> of 10,000
// comparisons nests 14 deep instead of 10,000 (the evaluator and the SQL
// writer recurse). AND and OR are associative, NULLs included.
function balanced(op: "AND" | "OR", operands: Expression[]): Expression {
  if (operands.length === 1) return operands[0];
  const half = Math.ceil(operands.length / 2);
  return {
    type: "binary",
    op,
    left: balanced(op, operands.slice(0, half)),
    right: balanced(op, operands.slice(half)),
  };
}

function idFilter(elements: Element[]): Expression {
  const ids: Expression[] = [];
  for (const e of elements) {
    const raw = e.getAttribute("rid") || e.getAttribute("fid") ||
      e.getAttribute("gml:id") ||
      e.getAttribute("id") || "";
    const m = /(\d+)$/.exec(raw);
    if (!m) fail(`cannot read a feature id from '${raw}'`);
    ids.push({ type: "literal", value: Number(m[1]) });
  }
  return {
    type: "in",
    operand: { type: "function", name: "$id", args: [] },
    list: ids,
    negated: false,
  };
}

/**
 * Which encoding a filter uses: `"FES20"` or `"110"`.
 *
 * @example
 * ```ts
 * import { ogcFilterVersion } from "./ogc.ts";
 * ogcFilterVersion('<Filter xmlns="http://www.opengis.net/ogc"/>'); // "110"
 * ```
 */
export function ogcFilterVersion(xml: string): "FES20" | "110" {
  return xml.includes("http://www.opengis.net/fes/2.0") ? "FES20" : "110";
}

/**
 * Translates an OGC filter document into a QGIS expression tree.
 *
 * @throws {SyntaxError} naming what does not parse or is not supported.
 * @throws {RangeError} when it is larger or nests deeper than
 * {@link FILTER_XML_LIMITS}.
 * @example
 * ```ts
 * import { ogcFilterToExpression } from "./ogc.ts";
 * ogcFilterToExpression(
 *   '<fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0"><fes:PropertyIsEqualTo>' +
 *     "<fes:ValueReference>name</fes:ValueReference><fes:Literal>Bern</fes:Literal>" +
 *     "</fes:PropertyIsEqualTo></fes:Filter>",
 * ).type; // "binary"
 * ```
 */
export function ogcFilterToExpression(xml: string): Expression {
  checkXmlLimits(xml, FILTER_XML_LIMITS, "OGC filter");
  const errors: string[] = [];
  let root: Element | null = null;
  try {
    const doc = new DOMParser({
      onError: (level: string, msg: string) => {
        if (level !== "warning") errors.push(msg);
      },
    }).parseFromString(xml, "text/xml");
    root = doc.documentElement;
  } catch (e) {
    errors.push((e as Error).message);
  }
  if (errors.length || !root) fail(errors[0] ?? "empty document");
  if (local(root) !== "Filter") {
    fail(`the root element is <${local(root)}>, not <Filter>`);
  }
  const c = children(root);
  if (!c.length) fail("empty <Filter>");
  if (
    c.every((x) =>
      ["FeatureId", "GmlObjectId", "ResourceId"].includes(local(x))
    )
  ) {
    return idFilter(c);
  }
  if (c.length !== 1) fail("<Filter> must hold one operator");
  return predicate(c[0]);
}

/**
 * The rectangle a filter's spatial operator restricts features to (when the
 * whole filter requires it, i.e. it is not under OR/NOT), for a spatial
 * pre-filter in GDAL.
 *
 * @example
 * ```ts
 * import { filterBBox, ogcFilterToExpression } from "./ogc.ts";
 * const e = ogcFilterToExpression(
 *   '<Filter xmlns="http://www.opengis.net/ogc" xmlns:gml="http://www.opengis.net/gml"><BBOX>' +
 *     "<PropertyName>geom</PropertyName><gml:Envelope><gml:lowerCorner>0 0</gml:lowerCorner>" +
 *     "<gml:upperCorner>10 10</gml:upperCorner></gml:Envelope></BBOX></Filter>",
 * );
 * filterBBox(e)?.rect; // { xmin: 0, ymin: 0, xmax: 10, ymax: 10 }
 * ```
 */
export function filterBBox(e: Expression): { rect: Rect; srs?: string } | null {
  if (e.type === "binary" && e.op === "AND") {
    return filterBBox(e.left) ?? filterBBox(e.right);
  }
  if (
    e.type === "function" &&
    ["intersects", "within", "intersects_bbox"].includes(e.name) &&
    e.args[1]?.type === "geometry"
  ) {
    const g = e.args[1];
    let xmin = Infinity, ymin = Infinity, xmax = -Infinity, ymax = -Infinity;
    for (const p of g.value.parts) {
      for (const r of p) {
        for (let i = 0; i < r.length; i += 2) {
          xmin = Math.min(xmin, r[i]);
          xmax = Math.max(xmax, r[i]);
          ymin = Math.min(ymin, r[i + 1]);
          ymax = Math.max(ymax, r[i + 1]);
        }
      }
    }
    return xmin <= xmax
      ? { rect: { xmin, ymin, xmax, ymax }, srs: g.srs }
      : null;
  }
  return null;
}
